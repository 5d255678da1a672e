// An administrator moves through web1 of the bundled example workspace (a copy of examples/)
// with the keyboard: the group's code lens and the resolved address next to a host name, Go to
// Definition (F12) into hosts, Find All References (Shift+F12), a refused and a real Rename
// (F2) of the group prod across both member files, and the Outline of a hostname file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/vscode/harness.mjs';
import { lineText } from './lib.mjs';

export const title = 'example workspace: web1 — code lens, inlay hint, F12, Shift+F12, F2 rename, Outline';
export const workspace = path.join(ROOT, 'examples');

const HOST = 'web1/etc';
const CE1 = 'hostname.ce1';
const CE0 = 'hostname.ce0';
const HOST_NAME = 'web1-ce1-test';

const original = (file) => readFileSync(path.join(workspace, HOST, file), 'utf8');

/** 1-based line and column of `needle` (+ `offset`) in a file of the original example host. */
function lineColumnOf(file, needle, offset = 0) {
  const text = original(file);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${HOST}/${file}`);
  const before = text.slice(0, at + offset).split('\n');
  return [before.length, before.at(-1).length + 1];
}

/** The 1-based line of hosts that defines `name`, and the address it gives it. */
function hostsEntry(name) {
  const lines = original('hosts').split('\n');
  const index = lines.findIndex((l) => !l.startsWith('#') && l.split(/\s+/).slice(1).includes(name));
  if (index < 0) throw new Error(`${name} is not in ${HOST}/hosts`);
  return { line: index + 1, address: lines[index].split(/\s+/)[0] };
}

export default async function ({ page, step, shot, vscode, SEL, server }) {
  const line = (text, options) => page.locator(SEL.viewLine).filter({ hasText: typeof text === 'string' ? lineText(text, options) : text });
  const entry = hostsEntry(HOST_NAME);
  const lens = (group) => page.locator('.monaco-editor .codelens-decoration', { hasText: `group ${group}: ce0 active (test .11), ce1 active (test .12), probe-based` });

  await step('the workbench opens the copy of examples/', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${HOST}/${CE1}`, async () => {
    await vscode.quickOpen(CE1, HOST);
    await line(`${HOST_NAME} deprecated -failover`).first().waitFor();
  }, { critical: true });

  await step('the group code lens stands above line 1, the address after the host name', async () => {
    await lens('prod').first().waitFor();
    // The inlay hint is text the editor injects into the line: "web1-ce1-test : 192.168.10.12".
    const hinted = new RegExp(`${HOST_NAME}\\s*:\\s*${entry.address.replace(/\./g, '\\.')}\\s+deprecated`);
    const first = line(hinted).first();
    await first.waitFor();
    const [lensBox, lineBox] = [await lens('prod').first().boundingBox(), await first.boundingBox()];
    if (!lensBox || !lineBox || lensBox.y + lensBox.height > lineBox.y + 1) {
      throw new Error(`the code lens is not above line 1: lens ${JSON.stringify(lensBox)}, line ${JSON.stringify(lineBox)}`);
    }
    await shot('code lens and inlay hint');
  });

  await step(`F12 on ${HOST_NAME} opens hosts at line ${entry.line}`, async () => {
    await vscode.goTo(...lineColumnOf(CE1, HOST_NAME, 3));
    await vscode.pressUntil(['F12'], page.locator(SEL.activeTab('hosts')));
    await page.locator(SEL.selection, { hasText: `Ln ${entry.line},` }).waitFor();
    await line(`${entry.address} ${HOST_NAME}`).first().waitFor();
    await shot('F12 opened hosts');
  });

  await step(`Shift+F12 on ${HOST_NAME} in hosts goes straight to its only use, ${CE1}`, async () => {
    // VS Code's own rule: when a symbol has its declaration and one use, Find All References
    // drops the declaration and, with one location left, jumps there instead of peeking.
    await vscode.pressUntil(['Shift+F12'], page.locator(SEL.activeTab(CE1)));
    await page.locator(SEL.selection, { hasText: 'Ln 1, Col 1' }).waitFor();
  });

  await step('Shift+F12 on the group prod shows both members in the references peek', async () => {
    await vscode.goTo(...lineColumnOf(CE1, 'group prod', 7));
    const peek = page.locator('.reference-zone-widget');
    await vscode.pressUntil(['Shift+F12'], peek.locator('.monaco-list-row'));
    for (const file of [CE0, CE1]) await peek.locator('.monaco-list-row', { hasText: file }).first().waitFor();
    await peek.locator('.peekview-title', { hasText: /References \(2\)/ }).waitFor();
    await shot('references peek');
    await vscode.focusEditor();
    await peek.first().waitFor({ state: 'detached' });
  });

  await step('F2 on a keyword is refused with the reason', async () => {
    await vscode.goTo(...lineColumnOf(CE1, 'deprecated', 2));
    const message = page.locator('.monaco-editor-overlaymessage', { hasText: "'deprecated' is an ifconfig keyword" });
    await vscode.pressUntil(['F2'], message);
    await shot('rename refused');
    await vscode.focusEditor();
  });

  await step(`F2 renames group prod to web in ${CE1} and ${CE0}`, async () => {
    await vscode.goTo(...lineColumnOf(CE1, 'group prod', 7));
    const input = page.locator('.monaco-editor .rename-box input.rename-input');
    await vscode.pressUntil(['F2'], input);
    // The box shows before it takes the focus: type only once the name is in it, focused.
    await page.waitForFunction(() => {
      const active = document.activeElement;
      return active instanceof HTMLInputElement && active.classList.contains('rename-input') && active.value === 'prod';
    });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('web');
    await page.keyboard.press('Enter');
    await input.first().waitFor({ state: 'hidden' }); // the box stays in the page, hidden
    await line('broadcast + group web up', { whole: false }).first().waitFor();
    await lens('web').first().waitFor(); // the lens follows the new name
    await shot('renamed in hostname.ce1');
    // The other member: VS Code applied the same edit to it; its editor shows the new name.
    await vscode.quickOpen(CE0, HOST);
    await line('web1 netmask + broadcast + group web up \\').first().waitFor();
    if ((await line('group prod').count()) > 0) throw new Error(`${CE0} still says "group prod"`);
    await shot('renamed in hostname.ce0');
  });

  await step('the Outline shows the interface ce1 with its address and group', async () => {
    await vscode.quickOpen(CE1, HOST);
    await page.keyboard.press('Control+Shift+P');
    await page.locator(SEL.quickInput).waitFor();
    await page.keyboard.type('Focus on Outline View');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Outline' }).first().waitFor();
    await page.keyboard.press('Enter');
    const row = (name, detail) =>
      page.locator('.outline-pane .monaco-list-row', { hasText: detail }).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
    await row('ce1', 'IPv4 · driver ce, instance 1').first().waitFor();
    await row(HOST_NAME, 'test').first().waitFor();
    await row('web', 'ce0, ce1').first().waitFor();
    await shot('outline');
  });
}
