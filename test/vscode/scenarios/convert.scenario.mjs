// An administrator migrating a host to Solaris 11 opens one of its hostname files and runs
// "Solaris IPMP: Convert Host to Solaris 11 ipadm" from the command palette: the host's
// dladm/ipadm script opens beside the file as an unsaved shell document, and a notification
// says what was converted.
import { lineText } from './lib.mjs';

export const title = 'Convert Host to Solaris 11 ipadm from the command palette: the script beside the hostname file';

const COMMAND = 'Solaris IPMP: Convert Host to Solaris 11 ipadm';
const HOST = 'preview/etc';

export default async function ({ page, server, step, shot, vscode, SEL }) {
  const group = (n) => page.locator('.editor-group-container').nth(n - 1);
  const scriptLine = (text) => group(2).locator(SEL.viewLine).filter({ hasText: lineText(text) });

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${HOST}/hostname.ce0`, () => vscode.quickOpen('hostname.ce0', HOST), { critical: true });

  await step(`"${COMMAND}" from the command palette`, () => vscode.runCommand(COMMAND), { critical: true });

  await step('the script opens beside the file, unsaved, as a shell script, and a notification sums it up', async () => {
    await group(2).locator('.tab.active', { hasText: 'preview-solaris11-ipadm.sh' }).waitFor();
    await scriptLine('#!/bin/sh').first().waitFor();
    await scriptLine('ipadm create-ipmp -i "$ce0" -i "$ce1" ipmp0').first().waitFor();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /preview\/etc converted to \d+ Solaris 11 commands \(IPMP pvgrp → ipmp0\)/ }).first().waitFor();
    await page.locator('.statusbar', { hasText: 'Shell Script' }).first().waitFor();
    await shot('the Solaris 11 script beside the hostname file');
  });
}
