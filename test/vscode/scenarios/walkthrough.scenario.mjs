// A new user runs "Solaris IPMP: Get Started": the walkthrough opens with its six steps; opening a
// hostname file ticks the first; a step shows its page beside the list, and its button runs the
// command it names (Preview Boot opens the boot preview).
export const title = 'Get Started walkthrough: six steps, the first done by opening a host file, a step\'s button runs its command';

const COMMAND = 'Solaris IPMP: Get Started';
const STEPS = ['Open a host', 'Read a problem and fix it', 'Insert the IPMP template', 'Preview the boot', 'Simulate a NIC failure', 'Run ipmp-lint in CI'];

export default async function ({ page, server, step, shot, vscode }) {
  const stepTitle = (text) => page.locator('.getting-started-step .step-title', { hasText: text });
  // Steps are buttons named by their id; a done one is aria-checked.
  const stepButton = (id) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`);

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`"${COMMAND}" opens the walkthrough with its six steps`, async () => {
    await vscode.runCommand(COMMAND);
    await page.locator('.gettingStartedContainer', { hasText: 'Get started with Solaris IPMP' }).first().waitFor();
    for (const title of STEPS) await stepTitle(title).first().waitFor();
    await shot('the walkthrough');
  }, { critical: true });

  await step('as the first step says, a hostname file is opened; back in the walkthrough, that step is done', async () => {
    await vscode.quickOpen('hostname.ce0', 'preview/etc');
    await vscode.runCommand(COMMAND);
    await page.locator(`.getting-started-step[data-step-id$="#openHost"][aria-checked="true"]`).waitFor();
  }, { critical: true });

  await step('"Preview the boot" shows its page; its button opens the boot preview', async () => {
    await stepButton('previewBoot').click();
    await page.locator(`.getting-started-step[data-step-id$="#previewBoot"][aria-expanded="true"]`).waitFor();
    // The step's markdown page is drawn in a webview: its text is inside nested iframes.
    await page.frameLocator('.getting-started-media iframe').first().frameLocator('iframe').first().locator('h1', { hasText: 'What the box will do at boot' }).waitFor();
    await shot('the preview boot step');
    await stepButton('previewBoot').locator('a.monaco-button', { hasText: 'Preview Boot' }).click();
    await page.locator('.tab', { hasText: /boot/i }).first().waitFor();
    await page.locator(`.getting-started-step[data-step-id$="#previewBoot"][aria-checked="true"]`).waitFor();
    await shot('the boot preview opened from the walkthrough');
  });
}
