// An administrator opens a host that has one lone NIC with an address and an unused one: the
// language status ({} in the status bar) names the host, its hosts file, the release and its
// problems; "Change" picks another release. Then "Solaris IPMP: New IPMP Group…" walks through
// its five steps with the proposals accepted, and writes a group every rule accepts.
export const title = 'Language status (host, release, problems; Change) and the New IPMP Group wizard with its proposals';

const HOST = 'newgroup/etc';

export default async function ({ page, server, step, shot, vscode, SEL }) {
  const kb = page.keyboard;
  const quickInputTitle = (text) => page.locator('.quick-input-widget .quick-input-title', { hasText: text });
  const hover = (text) => page.locator('.monaco-hover, .context-view', { hasText: text });
  /**
   * Opens the language status hover ({} in the status bar) until it shows `text`: the item is
   * redrawn when the status changes, so a click can land while it moves; then click again.
   * A hover opened by a click can outlive Escape, and once VS Code adds an item of its own to it
   * (inline suggestions) it is tall enough to cover the {} item: a click on the active editor's
   * tab closes it before the next try.
   */
  async function statusHoverShowing(text) {
    const item = page.locator('[id="status.languageStatus"]');
    const openHovers = page.locator('.monaco-hover, .context-view').filter({ visible: true });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await item.click({ timeout: 5_000 });
        await hover(text).first().waitFor({ timeout: 3_000 });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await kb.press('Escape');
        await page.mouse.move(0, 0);
        if ((await openHovers.count()) > 0) await page.locator('.tab.active').first().click({ timeout: 5_000 });
      }
    }
  }

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${HOST}/hostname.ce0`, () => vscode.quickOpen('hostname.ce0', HOST), { critical: true });

  await step('the language status shows the host, its hosts file, the release and no problems', async () => {
    // The {} item of the status bar; its hover lists the items.
    await statusHoverShowing('newgroup/etc');
    await hover('names from newgroup/etc/hosts').first().waitFor();
    await hover('Solaris 10 (8/07 and later)').first().waitFor();
    await hover('No problems').first().waitFor();
    await shot('the language status of the host');
  });

  await step('"Change" on the release offers every release; picking illumos shows it', async () => {
    // The hover is redrawn when the status changes: a click on "Change" can land on the item
    // being replaced and open nothing. Then the hover is opened again and "Change" clicked again.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await hover('Solaris 10 (8/07 and later)').locator('a, .monaco-link', { hasText: 'Change' }).first().click({ timeout: 5_000 });
        await quickInputTitle('Solaris IPMP: Target Release').waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await statusHoverShowing('Solaris 10 (8/07 and later)');
      }
    }
    await page.locator(SEL.quickInput).fill('illumos');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'illumos' }).first().waitFor();
    await kb.press('Enter');
    await statusHoverShowing('illumos (OpenIndiana, OmniOS)');
    await shot('the release changed to illumos');
    await kb.press('Escape');
  });

  await step('"Solaris IPMP: New IPMP Group…": five steps, the proposals accepted', async () => {
    await vscode.focusEditor();
    await vscode.runCommand('Solaris IPMP: New IPMP Group…');
    for (const [n, name] of [
      [1, 'nics'],
      [2, 'layout'],
      [3, 'group'],
      [4, 'addresses'],
      [5, 'preview'],
    ]) {
      await quickInputTitle(new RegExp(`${n}/5`)).waitFor();
      if (n === 1 || n === 4 || n === 5) await shot(`wizard step ${n} ${name}`);
      await kb.press('Enter');
    }
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }, { critical: true });

  await step('the group is written: hostname.ce0 holds it, and the host has no problems', async () => {
    await page.locator(SEL.viewLine, { hasText: /group/ }).first().waitFor();
    await shot('the new group written');
    await statusHoverShowing('No problems');
    await kb.press('Escape');
  });
}
