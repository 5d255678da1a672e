// User-level scenarios: what a person sees in VS Code, driven with the keyboard in headless
// Chromium. Each scenario file (*.scenario.mjs) exports `title` and a default async function
// ({ page, step, shot, vscode }) and gets a fresh code-server with the VSIX installed. It may
// export `workspace` (a folder, copied to the run's scratch folder before it opens, so the run
// never changes the original), `settings` (extra user settings) and `env` (extra environment for
// code-server and what it starts, as for startCodeServer: an object or a function of the scratch
// folder).
// Every wait is on a selector or an event; nothing sleeps a fixed time.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchBrowser, newPage, startCodeServer } from '../../../scripts/vscode/harness.mjs';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
/** How long a wait that depends on the language server may take (it starts with the editor). */
export const SERVER_TIMEOUT = 30_000;

// Selectors that work in VS Code 1.100 (code-server 4.100.3); see recipes/REAL-VSCODE.md.
export const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  activeTab: (name) => `.tab.active:has-text("${name}")`,
  editorFocused: '.monaco-editor.focused',
  languageMode: '#status\\.editor\\.mode',
  selection: '#status\\.editor\\.selection',
  squiggle: (severity = 'error') => `.monaco-editor .squiggly-${severity}`,
  problemRow: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  suggestLabel: '.editor-widget.suggest-widget.visible .monaco-list-row .label-name',
  actionRow: '.action-widget .monaco-list-row.action',
  focusedActionRow: '.action-widget .monaco-list-row.action.focused',
  explorerFocusedRow: '.explorer-folders-view .monaco-list-row.focused',
  explorerInput: '.explorer-folders-view .monaco-inputbox input',
  /** Text of one rendered editor line (spaces render as non-breaking spaces: match with \\s). */
  viewLine: '.monaco-editor .view-lines .view-line',
};

/** A RegExp for `text` where every blank matches any white space (the editor renders NBSP). */
export function lineText(text, { whole = false } = {}) {
  const body = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ \t]+/g, '\\s+');
  return new RegExp(whole ? `^\\s*${body}\\s*$` : body);
}

/** Keyboard-level helpers on a workbench page. */
export function workbench(page) {
  const kb = page.keyboard;
  return {
    async open(url) {
      await page.goto(url);
      await page.locator(SEL.workbench).waitFor();
      await page.locator(SEL.explorerRow).first().waitFor();
    },
    /**
     * Quick Open (Control+P) a file by name — `folder/name` when `folder` is given, for names
     * that several hosts share — and wait for its tab and a focused editor.
     */
    async quickOpen(name, folder) {
      await kb.press('Control+P');
      await page.locator(SEL.quickInput).waitFor();
      await kb.type(folder ? `${folder}/${name}` : name);
      let row = page.locator(SEL.quickInputRow, { hasText: name });
      if (folder) row = row.filter({ hasText: folder });
      await row.first().waitFor();
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor();
      await kb.press('Enter');
      await page.locator(SEL.activeTab(name)).waitFor();
      await page.locator(SEL.editorFocused).waitFor();
    },
    /** Moves the cursor with Go to Line (Control+G); line and column count from 1. */
    async goTo(line, column) {
      // Control+G can be swallowed while the workbench is busy (a preview being redrawn):
      // when the cursor is not there after a few seconds, close what is open and go again.
      const deadline = Date.now() + 30_000;
      for (;;) {
        await kb.press('Control+G');
        await page.locator(SEL.quickInput).waitFor();
        await kb.type(`${line}:${column}`);
        await kb.press('Enter');
        try {
          await page.locator(SEL.selection, { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: 5_000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await kb.press('Escape');
        }
      }
      await page.locator(SEL.editorFocused).waitFor();
    },
    /**
     * Runs `title` from the command palette. The palette lists what was there when it opened:
     * until the extension is active (package.json `when`) the command is not listed yet, so the
     * palette is opened again until it is.
     */
    async runCommand(title) {
      const row = page.locator(SEL.quickInputRow, { hasText: title });
      const deadline = Date.now() + 30_000;
      for (;;) {
        await kb.press('Control+Shift+P');
        await page.locator(SEL.quickInput).waitFor();
        await page.locator(SEL.quickInput).fill(`>${title}`);
        try {
          await row.first().waitFor({ timeout: 3_000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await kb.press('Escape');
        }
      }
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor();
      await kb.press('Enter');
    },
    /** Back to a plain editor: close widgets, focus the first editor group. */
    async focusEditor() {
      await kb.press('Escape');
      await kb.press('Escape');
      await kb.press('Control+1');
      await page.locator(SEL.editorFocused).waitFor();
    },
    /**
     * Presses `keys` and waits for `locator`; when it does not show within `attempt` ms (the
     * server may answer the first request with nothing), closes widgets and presses again, until
     * SERVER_TIMEOUT.
     */
    async pressUntil(keys, locator, attempt = 5000) {
      const deadline = Date.now() + SERVER_TIMEOUT;
      for (;;) {
        for (const key of keys) await kb.press(key);
        try {
          await locator.first().waitFor({ timeout: Math.min(attempt, Math.max(1, deadline - Date.now())) });
          return;
        } catch (e) {
          if (Date.now() >= deadline) throw e;
          await kb.press('Escape');
        }
      }
    },
    async showProblems() {
      await kb.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor();
    },
    /**
     * With the action widget (Control+.) open: moves the focus to the entry whose text matches
     * `title` and returns that row; Enter then applies it (a click would hit the pointer block).
     */
    async focusAction(title) {
      const rows = page.locator(SEL.actionRow);
      await rows.filter({ hasText: title }).first().waitFor();
      const matches = (text) => (title instanceof RegExp ? title.test(text) : text.includes(title));
      const count = await rows.count();
      for (let i = 0; i <= count; i++) {
        const focused = page.locator(SEL.focusedActionRow).first();
        if ((await focused.count()) > 0 && matches(await focused.innerText())) return focused;
        await kb.press('ArrowDown');
      }
      throw new Error(`no action row "${title}" could take the focus`);
    },
    /**
     * Creates a file next to the active editor's file the way a user does: the Explorer (which
     * reveals the active file), its "New File..." button, the name, Enter. Waits for its editor.
     */
    async newFileNextToActive(name) {
      const active = (await page.locator('.tab.active .label-name').first().innerText()).trim();
      await kb.press('Control+Shift+E');
      await page.locator(SEL.explorerFocusedRow, { hasText: active }).first().waitFor();
      await page.locator('.pane-header .action-label[aria-label^="New File"]').first().click();
      await page.locator(SEL.explorerInput).waitFor();
      await kb.type(name);
      await kb.press('Enter');
      await page.locator(SEL.activeTab(name)).waitFor();
      await page.locator(SEL.editorFocused).waitFor();
    },
    /** The status bar's cursor item, e.g. "Ln 1, Col 13 (12 selected)". */
    async waitSelection(text) {
      await page.locator(SEL.selection, { hasText: text }).waitFor();
    },
  };
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/**
 * Runs one scenario file with a fresh code-server and Chromium.
 * Steps marked `critical` stop the scenario when they fail; the others are independent and all run,
 * so one report shows everything that is red.
 * @returns {Promise<{status: 'passed'|'failed'|'error', failed: string[], reason?: string}>}
 *   'passed': every step passed; 'failed': a step failed (`failed` has their titles); 'error':
 *   the scenario could not run (code-server, Chromium or the scenario module failed before or
 *   around its steps), whatever its steps did.
 */
export async function runScenario(file, { vsix, workspace: defaultWorkspace, verbose = false }) {
  const scenario = await import(pathToFileURL(file).href);
  const workspace = scenario.workspace ?? defaultWorkspace;
  const name = path.basename(file, '.scenario.mjs');
  console.log(`\n[scenario:${name}] ${scenario.title ?? name}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith(`${name}-`)) rmSync(path.join(SCREENSHOTS, f));

  const t0 = Date.now();
  const results = [];
  let harnessError;
  let server;
  let browser;
  let shotNo = 0;
  try {
    server = await startCodeServer({
      name: `scenario-${name}`,
      workspace,
      vsix,
      quiet: !verbose,
      settings: { 'editor.wordBasedSuggestions': 'off', 'editor.hover.delay': 300, ...scenario.settings },
      env: scenario.env,
    });
    browser = await launchBrowser(server.scratch);
    const page = await newPage(browser);
    page.setDefaultTimeout(SERVER_TIMEOUT);

    // shot(label, { copyTo }): the window into test-results/screenshots, and, when `copyTo` is
    // given, a copy there too (the README's screenshot).
    const shot = async (label, { copyTo } = {}) => {
      const file = path.join(SCREENSHOTS, `${name}-${String(++shotNo).padStart(2, '0')}-${slug(label)}.png`);
      await page.screenshot({ path: file, animations: 'disabled' });
      console.log(`    screenshot ${path.relative(ROOT, file)}`);
      if (copyTo) {
        mkdirSync(path.dirname(copyTo), { recursive: true });
        copyFileSync(file, copyTo);
        console.log(`    copied to ${path.relative(ROOT, copyTo)} (${(statSync(copyTo).size / 1024).toFixed(0)} KB)`);
      }
      return file;
    };
    let stopped = false;
    const step = async (title, fn, { critical = false } = {}) => {
      if (stopped) {
        results.push({ title, status: 'not run' });
        console.log(`  - ${title} (not run: an earlier critical step failed)`);
        return;
      }
      const t = Date.now();
      try {
        await fn();
        results.push({ title, status: 'passed' });
        console.log(`  ✔ ${title} (${Date.now() - t} ms)`);
      } catch (e) {
        results.push({ title, status: 'failed', error: e });
        // Playwright's first line says what timed out, a later one what it waited for.
        const lines = String(e?.message ?? e).split('\n');
        const detail = [lines[0], lines.find((l, i) => i > 0 && /waiting for/.test(l))].filter(Boolean);
        console.log(`  ✖ ${title} (${Date.now() - t} ms)\n      ${detail.map((l) => l.trim()).join('\n      ')}`);
        await shot(`FAILED-${title}`).catch(() => {});
        if (critical) stopped = true;
        else await workbench(page).focusEditor().catch(() => {});
      }
    };
    await scenario.default({ page, server, step, shot, vscode: workbench(page), SEL });
    if (page.errors.length && verbose) console.log(`    page errors:\n      ${page.errors.join('\n      ')}`);
  } catch (e) {
    harnessError = e;
    console.log(`  ✖ the scenario could not run: ${e?.stack ?? e}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop({ keep: harnessError !== undefined || !allPassed(results) });
  }
  const failed = results.filter((r) => r.status === 'failed').map((r) => r.title);
  let outcome;
  if (harnessError !== undefined) outcome = { status: 'error', failed, reason: `the scenario could not run: ${harnessError?.message ?? harnessError}` };
  else if (results.length === 0) outcome = { status: 'error', failed, reason: 'the scenario ran no step' };
  else outcome = { status: allPassed(results) ? 'passed' : 'failed', failed };
  const notGreen = results.filter((r) => r.status !== 'passed').length;
  console.log(
    `[scenario:${name}] ${outcome.status === 'error' ? 'COULD NOT RUN' : outcome.status === 'passed' ? 'passed' : `${notGreen} of ${results.length} steps not green`}` +
      ` in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
      (outcome.status !== 'passed' && server && existsSync(server.scratch) ? ` (logs: ${path.relative(ROOT, server.scratch)})` : ''),
  );
  return outcome;
}

function allPassed(results) {
  return results.length > 0 && results.every((r) => r.status === 'passed');
}
