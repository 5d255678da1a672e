// An administrator opens a repository of host configurations and, without opening a file, runs
// "Solaris IPMP: Check All Hosts" from the command palette: a summary pops up and the Problems
// view opens by itself, listing the mistakes of files nobody opened.
export const title = 'Check All Hosts from the command palette: summary, and the Problems view of unopened files';

const COMMAND = 'Solaris IPMP: Check All Hosts';

export default async function ({ page, server, step, shot, vscode, SEL }) {
  const problemRow = (text) => page.locator(SEL.problemRow, { hasText: text });

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`"${COMMAND}" is in the command palette once the extension is active, and runs`, () => vscode.runCommand(COMMAND), { critical: true });

  await step('a summary says how many files and hosts were checked, and what was found', async () => {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Checked \d+ files of \d+ hosts: \d+ errors?, \d+ warnings?, \d+ info/ });
    await toast.first().waitFor();
    await shot('summary');
  });

  await step('the Problems view opens by itself and lists problems of files that were never opened', async () => {
    await page.locator('.markers-panel').waitFor();
    // mistakes/etc: hostname.ce0's misspelt standby, dhcp.bge0's misspelt primary (errors come
    // first); no editor is open.
    await problemRow('standy').first().waitFor();
    await problemRow('primery').first().waitFor();
    if ((await page.locator('.tabs-container .tab').count()) !== 0) throw new Error('an editor was opened');
    await shot('problems of all hosts');
  });
}
