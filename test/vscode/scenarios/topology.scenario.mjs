// An administrator wants to see a host's IPMP design at a glance and what a NIC failure does to
// it: opens a hostname file, clicks the "Show topology" code lens, sees group pvgrp with ce0 and
// ce1 and their data and test addresses beside the file, clicks ce0 (a real mouse click inside the
// webview) and sees ce0's data address under ce1, marked as moved from ce0, then presses Enter on
// ce0 to repair it and sees the address back on ce0.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/vscode/harness.mjs';

export const title = 'Show IPMP Topology: the lens opens the picture, a click fails a NIC, Enter repairs it';
// The picture takes its colours from the theme: the dark one shows they are not hard-wired.
export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'editor.inlayHints.enabled': 'off' };

const HOST = 'preview/etc';
const FILE = 'hostname.ce0';
const FIXTURE = path.join(ROOT, 'test/vscode/fixtures/workspace', HOST);

/** The data address of ce0 (the first word of hostname.ce0, looked up in hosts). */
function dataAddress() {
  const name = readFileSync(path.join(FIXTURE, FILE), 'utf8').split(/\s+/)[0];
  const line = readFileSync(path.join(FIXTURE, 'hosts'), 'utf8')
    .split('\n')
    .find((l) => !l.startsWith('#') && l.split(/\s+/).slice(1).includes(name));
  if (!line) throw new Error(`${name} is not in ${HOST}/hosts`);
  return line.split(/\s+/)[0];
}

export default async function ({ page, step, shot, vscode, server }) {
  const address = dataAddress();
  const lens = (text) => page.locator('.monaco-editor .codelens-decoration a', { hasText: text });

  /** The webview's content frame: webviews are nested iframes; the inner one holds our page. */
  async function topologyFrame() {
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const frame of page.frames()) {
        try {
          if ((await frame.locator('#topology svg [data-nic]').count()) > 0) return frame;
        } catch {
          // a frame that went away while we looked
        }
      }
      if (Date.now() > deadline) throw new Error('no webview frame shows the topology');
      await page.waitForTimeout(200);
    }
  }

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  let frame;
  await step(`Quick Open ${HOST}/${FILE}, click the "Show topology" lens: the picture of group pvgrp with ce0 and ce1 opens beside the file`, async () => {
    await vscode.quickOpen(FILE, HOST);
    await lens('Show topology').first().waitFor();
    await lens('Show topology').first().click();
    await page.locator('.tab', { hasText: `Topology: ${HOST}` }).waitFor();
    frame = await topologyFrame();
    await frame.locator('[data-group="pvgrp"]').waitFor();
    await frame.locator('text=group pvgrp — probe-based failure detection').waitFor();
    await frame.locator('[data-nic="ce0"][aria-pressed="false"]').waitFor();
    await frame.locator('[data-nic="ce1"][aria-pressed="false"]').waitFor();
    await frame.locator(`[data-nic="ce0"] [data-role="data"][data-address="${address}"]`).waitFor();
    await frame.locator('[data-nic="ce0"] [data-role="test"]').waitFor();
    await frame.locator('[data-nic="ce1"] [data-role="test"]').waitFor();
    await shot('topology of the host beside the hostname file');
  }, { critical: true });

  await step(`a mouse click on ce0 fails it: ${address} shows under ce1, marked as moved from ce0`, async () => {
    await frame.locator('[data-nic="ce0"] .tp-nic-box').click();
    await frame.locator('[data-nic="ce0"][aria-pressed="true"]').waitFor();
    await frame.locator('[data-nic="ce0"] text.tp-state', { hasText: 'FAILED' }).waitFor();
    await frame.locator(`[data-nic="ce1"] [data-role="data"][data-address="${address}"]`).waitFor();
    await frame.locator('[data-nic="ce1"] .tp-moved', { hasText: '← from ce0' }).waitFor();
    if ((await frame.locator(`[data-nic="ce0"] [data-address="${address}"]`).count()) > 0) throw new Error(`${address} is still shown under ce0`);
    await frame.locator(`text=${address}: ce0 → ce1:1`).waitFor();
    await shot('ce0 failed: its data address moved to ce1');
  });

  await step('Enter on the focused ce0 repairs it: the address is back under ce0', async () => {
    const ce0 = frame.locator('[data-nic="ce0"]');
    await ce0.focus();
    await page.keyboard.press('Enter');
    await frame.locator('[data-nic="ce0"][aria-pressed="false"]').waitFor();
    await frame.locator(`[data-nic="ce0"] [data-role="data"][data-address="${address}"]`).waitFor();
    if ((await frame.locator(`[data-nic="ce1"] [data-address="${address}"]`).count()) > 0) throw new Error(`${address} is still shown under ce1`);
    // The keyboard focus stays on ce0 across the redraw.
    await frame.locator('[data-nic="ce0"]:focus').waitFor();
    await shot('ce0 repaired with Enter: the address is back');
  });
}
