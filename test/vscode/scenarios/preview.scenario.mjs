// An administrator wants to know what the next reboot of a host will do: opens a hostname file,
// clicks the "Preview boot" code lens and reads the boot beside the file (commands, ifconfig -a,
// the IPMP group), finds the preview read-only, clicks "Simulate failure of ce0" and sees where
// in.mpathd moves ce0's data address, then edits the hostname file and watches the open preview
// follow the unsaved edit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/vscode/harness.mjs';
import { lineText } from './lib.mjs';

export const title = 'Preview boot and Simulate failure: code lenses, the read-only preview beside, live refresh';
// Rendered lines are read as text: inlay hints would be part of them.
export const settings = { 'editor.inlayHints.enabled': 'off' };

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
  return { name, address: line.split(/\s+/)[0] };
}

/** The alias VS Code shows in the status bar for the preview's language. */
function previewLanguageName() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return manifest.contributes.languages.find((l) => l.id === 'solaris-ipmp-preview').aliases[0];
}

export default async function ({ page, step, shot, vscode, SEL, server }) {
  const { name, address } = dataAddress();
  const lens = (title) => page.locator('.monaco-editor .codelens-decoration a', { hasText: title });
  // The preview opens in the second editor group, the hostname file stays in the first.
  const group = (n) => page.locator('.editor-group-container').nth(n - 1);
  // Rendered blanks are non-breaking spaces: texts go through lineText, where a blank matches any.
  const previewLine = (text) => group(2).locator(SEL.viewLine).filter({ hasText: text instanceof RegExp ? text : lineText(text) });
  const previewTab = (title) => group(2).locator('.tab', { hasText: title });

  /** With the focus in group 2: Find (Control+F) `text`, so the editor scrolls to it, then close Find. */
  async function revealInPreview(text) {
    await page.keyboard.press('Control+2');
    await group(2).locator(SEL.editorFocused).waitFor();
    await page.keyboard.press('Control+F');
    const find = group(2).locator('.find-widget.visible textarea, .find-widget.visible input').first();
    await find.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    await group(2).locator('.find-widget.visible .matchesCount', { hasText: /^1 of \d+$/ }).waitFor();
    await page.keyboard.press('Escape');
  }

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${HOST}/${FILE}: its code lenses offer "Preview boot" and "Simulate failure of ce0"`, async () => {
    await vscode.quickOpen(FILE, HOST);
    await lens('Preview boot').first().waitFor();
    await lens('Simulate failure of ce0').first().waitFor();
    await shot('hostname file with its code lenses');
  }, { critical: true });

  await step('clicking "Preview boot" opens the boot preview beside the file, the focus stays on the file', async () => {
    await lens('Preview boot').first().click();
    await previewTab('boot preview').waitFor();
    await previewLine(`Boot preview of ${HOST} — Solaris 10 (8/07 and later)`).first().waitFor();
    await previewLine('1. Commands, in boot order').first().waitFor();
    await previewLine(lineText('ok ifconfig lo0 plumb 127.0.0.1 up', { whole: true })).first().waitFor();
    // The hostname file keeps its tab, active in the first group, and the focus.
    await group(1).locator('.tab.active', { hasText: FILE }).waitFor();
    await group(1).locator(SEL.editorFocused).waitFor();
    await shot('boot preview beside the hostname file');
  }, { critical: true });

  await step('the preview shows ifconfig -a and the IPMP group; the status bar names its language', async () => {
    await revealInPreview('2. Interfaces after boot');
    await previewLine(lineText('ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2', { whole: true })).first().waitFor();
    await previewLine(lineText(`inet ${address} netmask ffffff00`)).first().waitFor();
    await revealInPreview('ipmpstat -g');
    await previewLine(lineText('pvgrp ok 10.00s ce0 ce1', { whole: true })).first().waitFor();
    await page.locator(SEL.languageMode, { hasText: previewLanguageName() }).waitFor();
    await shot('ifconfig -a and ipmpstat in the preview');
  });

  await step('the preview is read-only: typing into it is refused and changes nothing', async () => {
    await page.keyboard.press('Control+2');
    await group(2).locator(SEL.editorFocused).waitFor();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('x');
    await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).first().waitFor();
    await previewLine(lineText(`Boot preview of ${HOST} `)).first().waitFor();
    if ((await previewLine(/^x/).count()) > 0) throw new Error('the preview took the typed text');
    await group(2).locator('.tab.active.dirty').waitFor({ state: 'detached' });
    await shot('read-only preview');
    await page.keyboard.press('Escape');
  });

  await step('clicking "Simulate failure of ce0" shows ce0 failing: its data address moves to ce1:1, and back on repair', async () => {
    await vscode.focusEditor();
    await group(1).locator('.tab.active', { hasText: FILE }).waitFor();
    await lens('Simulate failure of ce0').first().click();
    await previewTab('ce0 fails').waitFor();
    await group(2).locator('.tab.active', { hasText: 'ce0 fails' }).waitFor();
    await previewLine('Then: ce0 fails, and is repaired.').first().waitFor();
    await revealInPreview('Addresses moved to ce1:');
    await previewLine(lineText(`${address} ce0 → ce1:1`, { whole: true })).first().waitFor();
    await shot('ce0 fails: the moved address');
    await revealInPreview('Addresses moved back');
    await previewLine(lineText(`${address} ce1:1 → ce0`, { whole: true })).first().waitFor();
    await shot('ce0 is repaired: the address moves back');
  });

  await step('an unsaved edit of the hostname file: the open failure preview follows it', async () => {
    const moved = '192.168.80.20';
    await vscode.focusEditor();
    await group(1).locator('.tab.active', { hasText: FILE }).waitFor();
    // A click puts the focus in the file's editor for sure (Control+1 can leave the status bar
    // on the preview's cursor while the preview is redrawn); then to the start of the file.
    await group(1).locator(SEL.viewLine).first().click();
    await page.keyboard.press('Control+Home');
    await page.locator(SEL.selection, { hasText: 'Ln 1, Col 1' }).waitFor();
    await page.keyboard.press('Control+Shift+ArrowRight'); // selects the data address's name
    await page.locator(SEL.selection, { hasText: `(${name.length} selected)` }).waitFor();
    await page.keyboard.type(moved);
    await group(1).locator('.tab.active.dirty', { hasText: FILE }).waitFor();
    await revealInPreview('Addresses moved to ce1:');
    await previewLine(lineText(`${moved} ce0 → ce1:1`, { whole: true })).first().waitFor();
    await shot('the preview follows the unsaved edit');
  });
}
