// An administrator opens the bundled example workspace (a copy of examples/) and works on the
// host with planted mistakes, legacy1, with nothing but the keyboard (and the Explorer's
// "New File..." button): Quick Open, highlighting, squiggles and Problems, hover docs, a
// did-you-mean quick fix, group completion in a new file, and the IPMP template in another.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/vscode/harness.mjs';
import { lineText } from './lib.mjs';

export const title = 'example workspace: legacy1 — highlighting, problems, hover, quick fix, completion, template';
export const workspace = path.join(ROOT, 'examples');

const HOST = 'legacy1/etc';
const QFE1 = 'hostname.qfe1';
const TEMPLATE_FILE = 'hostname.qfe3';
const COMPLETION_FILE = 'hostname.qfe4';
/** The README's screenshot: the squiggle, its quick fix menu and the Problems panel. */
const DOCS_SCREENSHOT = path.join(ROOT, 'docs', 'screenshot.png');

const original = (file) => readFileSync(path.join(workspace, HOST, file), 'utf8');

/** 1-based line and column of `needle` (+ `offset`) in a file of the original example host. */
function lineColumnOf(file, needle, offset = 0) {
  const text = original(file);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${HOST}/${file}`);
  const before = text.slice(0, at + offset).split('\n');
  return [before.length, before.at(-1).length + 1];
}

export default async function ({ page, step, shot, vscode, SEL, server }) {
  const problemRow = (code) => page.locator(SEL.problemRow, { hasText: code });
  const line = (text, options) => page.locator(SEL.viewLine).filter({ hasText: lineText(text, options) });
  const docsScreenshot = process.env.IPMP_DOCS_SCREENSHOT === '1' ? DOCS_SCREENSHOT : undefined;

  await step('the workbench opens the copy of examples/', () => vscode.open(server.folderUrl()), { critical: true });

  await step(`Quick Open ${HOST}/${QFE1}`, async () => {
    await vscode.quickOpen(QFE1, HOST);
    await line('legacy1-qfe1-tst deprecated').first().waitFor();
  }, { critical: true });

  await step('TextMate highlighting: keywords and host names get different colours', async () => {
    // Monaco renders each token as a span with an `mtkN` class (N indexes the theme's colours).
    // Until the grammar has run every span is plain text; wait for the keyword's own colour.
    const handle = await page.waitForFunction(
      () => {
        const spans = [...document.querySelectorAll('.monaco-editor .view-lines .view-line span span')];
        const span = (text) => spans.find((s) => s.textContent.replace(/\u00a0/g, ' ').trim() === text);
        const info = (s) => s && { cls: [...s.classList].find((c) => /^mtk\d+$/.test(c)), color: getComputedStyle(s).color };
        const keyword = info(span('deprecated'));
        const negated = info(span('-failover'));
        const hostName = info(span('legacy1-qfe1-tst'));
        if (!keyword || !hostName || !negated) return false;
        if (keyword.cls === hostName.cls || keyword.color === hostName.color) return false;
        return { keyword, negated, hostName };
      },
      undefined,
      { timeout: 30_000 },
    );
    const seen = await handle.jsonValue();
    console.log(`      deprecated ${seen.keyword.cls} ${seen.keyword.color}; -failover ${seen.negated.cls}; legacy1-qfe1-tst ${seen.hostName.cls} ${seen.hostName.color}`);
  });

  await step('squiggles, and Problems lists unresolved-host and unknown-keyword', async () => {
    await page.locator(SEL.squiggle('error')).first().waitFor({ state: 'attached' });
    await vscode.showProblems();
    await problemRow('unresolved-host').filter({ hasText: 'legacy1-qfe1-tst' }).first().waitFor();
    await problemRow('unknown-keyword').filter({ hasText: 'standy' }).first().waitFor();
    await shot('legacy1 problems');
    await vscode.focusEditor();
  });

  await step('hover on "deprecated" shows the keyword docs', async () => {
    await vscode.goTo(...lineColumnOf(QFE1, 'deprecated', 3));
    const hover = page.locator(SEL.hover).filter({ hasText: /source of outgoing packets/ }).filter({ hasText: /IPMP/ });
    await vscode.pressUntil(['Control+K', 'Control+I'], hover);
    await shot('hover deprecated');
    await vscode.focusEditor();
  });

  await step("quick fix 'standy' -> 'standby', and the problem goes", async () => {
    await vscode.showProblems(); // visible in the screenshot of the menu
    await vscode.focusEditor();
    await vscode.goTo(...lineColumnOf(QFE1, 'standy', 2));
    await page.keyboard.press('Control+.');
    await vscode.focusAction("Change to 'standby'");
    await shot('quick fix menu', { copyTo: docsScreenshot });
    await page.keyboard.press('Enter');
    await line('group prod standby up').first().waitFor();
    await problemRow('unknown-keyword').first().waitFor({ state: 'detached' });
    await problemRow('unresolved-host').first().waitFor(); // the other problem stays
    await shot('after quick fix');
  });

  await step(`completion after "group " in a new ${COMPLETION_FILE} offers the host's group "prod"`, async () => {
    await vscode.newFileNextToActive(COMPLETION_FILE);
    await page.keyboard.type('group ');
    const prod = page.locator(SEL.suggestLabel).filter({ hasText: /^prod$/ });
    await vscode.pressUntil(['Control+Space'], prod);
    await shot('completion group');
    await page.locator(`${SEL.suggestLabel.replace(' .label-name', '.focused .label-name')}`, { hasText: /^prod$/ }).waitFor();
    await page.keyboard.press('Enter');
    await line('group prod', { whole: true }).first().waitFor();
  });

  await step(`Insert IPMP template in a new empty ${TEMPLATE_FILE}: a snippet with tab stops`, async () => {
    await vscode.newFileNextToActive(TEMPLATE_FILE);
    await page.keyboard.press('Control+.');
    await vscode.focusAction('Insert IPMP template');
    await shot('template action');
    await page.keyboard.press('Enter');
    await line('legacy1-qfe3 netmask + broadcast + group prod up \\').first().waitFor();
    await line('addif legacy1-qfe3-test deprecated -failover netmask + broadcast + up').first().waitFor();
    // Snippet mode: the first tab stop (the data address name) is selected, Tab goes on.
    await vscode.waitSelection('(12 selected)'); // legacy1-qfe3
    await shot('template inserted');
    await page.keyboard.press('Tab');
    await vscode.waitSelection('(4 selected)'); // prod
    await page.keyboard.press('Tab');
    await vscode.waitSelection('(17 selected)'); // legacy1-qfe3-test
  });

  await step('the hosts file gained the two entries with ADDRESS placeholders', async () => {
    await vscode.focusEditor();
    await vscode.quickOpen('hosts', HOST);
    await line('192.168.20.13 legacy1-qfe2').first().waitFor(); // the file as it was…
    await line('ADDRESS legacy1-qfe3', { whole: true }).first().waitFor(); // …and what it gained
    await line('ADDRESS legacy1-qfe3-test', { whole: true }).first().waitFor();
    await shot('hosts entries');
  });
}
