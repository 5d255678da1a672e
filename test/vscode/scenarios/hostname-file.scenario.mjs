// A Solaris admin opens a hostname file with a comment in it: sees the error, reads the docs of a
// keyword, completes a keyword and removes the comment with the quick fix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/vscode/harness.mjs';

export const title = 'hostname file: squiggle, Problems, hover, completion, quick fix';
// The steps read the rendered line text; inlay hints (the address after a name, the mask after
// `netmask +`) would be part of it, so they are off here (the navigation scenario shows them).
export const settings = { 'editor.inlayHints.enabled': 'off' };

const FILE = 'hostname.e1000g1';
const RELATIVE = `web1/etc/${FILE}`;
const PROBLEM_CODE = 'comment-not-supported';

/** 1-based line and column of `needle` in the fixture (the scenario's copy starts identical). */
function lineColumnOf(needle, offset = 0) {
  const text = readFileSync(path.join(ROOT, 'test/vscode/fixtures/workspace', RELATIVE), 'utf8');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in ${RELATIVE}`);
  const before = text.slice(0, at + offset).split('\n');
  return [before.length, before.at(-1).length + 1];
}

/** The fixture's first line as the quick fix should leave it: everything before the " #". */
function lineWithoutComment() {
  const text = readFileSync(path.join(ROOT, 'test/vscode/fixtures/workspace', RELATIVE), 'utf8');
  const line = text.split('\n')[0].replace(/\s*#.*$/, '');
  // The editor renders spaces as non-breaking spaces: any \s matches.
  const pattern = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
  return new RegExp(`^${pattern}\\s*$`);
}

/** The alias VS Code shows in the status bar for solaris-hostname. */
function languageName() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lang = manifest.contributes.languages.find((l) => l.id === 'solaris-hostname');
  return lang.aliases?.[0] ?? 'solaris-hostname';
}

export default async function ({ page, server, step, shot, vscode, SEL }) {
  const problem = page.locator(SEL.problemRow, { hasText: PROBLEM_CODE });

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${FILE}`, () => vscode.quickOpen(FILE), { critical: true });

  await step(`the language mode is "${languageName()}"`, () =>
    page.locator(SEL.languageMode, { hasText: languageName() }).waitFor(),
  );

  await step(`the "#" is squiggled and Problems lists ${PROBLEM_CODE}`, async () => {
    await page.locator(SEL.squiggle('error')).first().waitFor({ state: 'attached' });
    await vscode.showProblems();
    await problem.first().waitFor();
    await shot('squiggle and problems');
    await vscode.focusEditor();
  });

  await step('hover on "deprecated" shows its documentation', async () => {
    await vscode.goTo(...lineColumnOf('deprecated', 3));
    const hover = page.locator(SEL.hover).filter({ hasText: /\w{3,}/, hasNotText: /^\s*Loading/ });
    await vscode.pressUntil(['Control+K', 'Control+I'], hover);
    await shot('hover deprecated');
    await vscode.focusEditor();
  });

  await step('completion on the empty last line offers "up"', async () => {
    await page.keyboard.press('Control+End'); // the file ends with a newline: an empty line
    await vscode.pressUntil(['Control+Space'], page.locator(SEL.suggestLabel).filter({ hasText: /^up$/ }));
    await shot('completion');
    await vscode.focusEditor();
  });

  await step(`the quick fix removes the comment and the ${PROBLEM_CODE} problem goes`, async () => {
    await vscode.goTo(...lineColumnOf('#'));
    await page.keyboard.press('Control+.');
    await page.locator(SEL.actionRow).first().waitFor();
    await shot('quick fix menu');
    await page.keyboard.press('Enter'); // a click would hit .context-view-pointerBlock
    await vscode.showProblems();
    await problem.first().waitFor({ state: 'detached' });
    await page.locator(SEL.squiggle('error')).first().waitFor({ state: 'detached' });
    await page.locator('.view-lines', { hasText: '#' }).waitFor({ state: 'detached' });
    await page.locator('.view-lines .view-line').filter({ hasText: lineWithoutComment() }).waitFor();
    await shot('after quick fix');
  });
}
