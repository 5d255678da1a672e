// The language server dies under an administrator's hands (here: SIGKILL, as the OOM killer
// would): the squiggle comes back by itself, exactly one notification says so in the
// extension's words — not vscode-languageclient's generic popups — a second crash right after
// shows nothing new, and the notification's "Show Output" opens the log that says what happened.
// A server that keeps dying is left stopped with one more notification, whose "Restart Server"
// brings it back. And a server that dies at every start (crash-on-initialize.cjs, preloaded
// through NODE_OPTIONS, while a flag file exists) ends in that one notification too — not in the
// library's "couldn't create connection", "Server initialization failed" and "Restarting server
// failed" popups.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, waitFor } from '../../../scripts/vscode/harness.mjs';
import { SERVER_TIMEOUT, lineText } from './lib.mjs';

export const title = 'server crash: restarted and told once in our words, Show Output, stopped after five, Restart Server';

const FILE = 'hostname.e1000g1'; // web1/etc: a "#" comment, so an error squiggle
const RESTARTED = 'The Solaris IPMP language server stopped unexpectedly and was restarted.';
const GAVE_UP = 'The Solaris IPMP language server stopped unexpectedly 5 times in 3 minutes and was not restarted again.';
/** What vscode-languageclient says when nobody handles a crash: none of it may show. */
const LIBRARY_TEXTS =
  /Connection to server got closed|server crashed \d+ times|connection to server is erroring|couldn't create connection|initialization failed|Restarting server failed|Pending response rejected/i;

export const env = (scratch) => ({
  NODE_OPTIONS: `--require ${JSON.stringify(path.join(ROOT, 'test', 'vscode', 'scenarios', 'crash-on-initialize.cjs'))}`,
  IPMP_CRASH_ON_INITIALIZE: path.join(scratch, 'crash-on-initialize'),
});

/** Pids of this code-server's language servers (the installed extension's dist/server/main.js). */
function languageServerPids(server) {
  const main = path.join(server.extensionsDir, '/'); // the VSIX is installed below it
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (cmdline.some((a) => a.startsWith(main) && a.endsWith(path.join('dist', 'server', 'main.js')))) pids.push(Number(entry));
  }
  return pids;
}

/** The extension's log (its output channel, as the extension host writes it to disk). */
function extensionLog(server) {
  const logs = path.join(server.userDataDir, 'logs');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === 'Solaris IPMP.log') found.push(p);
    }
  };
  try {
    walk(logs);
  } catch {
    return '';
  }
  return found.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * The pid of the one language server, once it has answered `initialize` (the extension logs
 * "The language server (pid N) is running.") and is not `old`.
 */
async function runningServer(server, old) {
  const pid = await waitFor(
    () => {
      const pids = languageServerPids(server);
      return pids.length === 1 && pids[0] !== old ? pids[0] : undefined;
    },
    { timeout: SERVER_TIMEOUT, what: old ? `a language server other than ${old}` : 'the language server process' },
  );
  await waitFor(() => extensionLog(server).includes(`The language server (pid ${pid}) is running.`), {
    timeout: SERVER_TIMEOUT,
    what: `the log line saying that the language server ${pid} is running`,
  });
  return pid;
}

export default async function ({ page, server, step, shot, vscode, SEL }) {
  const squiggle = page.locator(SEL.squiggle('error')).first();
  const toast = page.locator('.notifications-toasts .notification-toast');
  const center = page.locator('.notifications-center.visible');
  const centerRow = page.locator('.notifications-center .notification-list-item');
  let pid;

  async function openNotificationCenter() {
    await page.keyboard.press('Control+Shift+P');
    await page.locator(SEL.quickInput).waitFor();
    await page.keyboard.type('Notifications: Show Notifications');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Show Notifications' }).first().waitFor();
    await page.keyboard.press('Enter');
    await center.waitFor();
  }

  /** Every notification shown so far (toasts that hid included), as one line of text each. */
  async function notificationTexts() {
    await openNotificationCenter();
    const texts = (await centerRow.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await page.keyboard.press('Escape');
    await center.waitFor({ state: 'detached', timeout: 5000 }).catch(() => vscode.focusEditor());
    return texts;
  }

  /** Fails unless the notifications are exactly `expected` (texts each contains), none the library's. */
  async function expectNotifications(expected) {
    const texts = await notificationTexts();
    const library = texts.filter((t) => LIBRARY_TEXTS.test(t));
    if (library.length) throw new Error(`vscode-languageclient's own popup shows too: ${JSON.stringify(library)}`);
    const ok = texts.length === expected.length && expected.every((e) => texts.some((t) => t.includes(e)));
    if (!ok) throw new Error(`expected the notifications ${JSON.stringify(expected)}, got ${JSON.stringify(texts)}`);
    return texts;
  }

  /** Waits for a toast saying `text`; when none comes, fails with the notifications there are. */
  async function waitForToast(text) {
    try {
      await toast.filter({ hasText: text }).first().waitFor();
    } catch (e) {
      const texts = await notificationTexts().catch(() => ['(the notification center did not open)']);
      throw new Error(`no notification "${text}"; the notifications: ${JSON.stringify(texts)}\n${e.message}`);
    }
  }

  /** SIGKILLs the server; resolves once the client has another one running and its squiggle is back. */
  async function crashAndRecover() {
    process.kill(pid, 'SIGKILL');
    pid = await runningServer(server, pid);
    await squiggle.waitFor({ state: 'attached' });
  }

  await step('the workbench opens the workspace', () => vscode.open(server.folderUrl()), { critical: true });
  await step(`Quick Open ${FILE}: the server runs and squiggles the "#"`, async () => {
    await vscode.quickOpen(FILE);
    await squiggle.waitFor({ state: 'attached' });
    pid = await runningServer(server);
  }, { critical: true });

  await step('the server is killed: a new one starts, the squiggle is back, one notification in our words', async () => {
    await crashAndRecover();
    await waitForToast(RESTARTED);
    await shot('notification after a crash');
    const [ours] = await expectNotifications([RESTARTED]);
    if (!ours.includes('Show Output')) throw new Error(`no "Show Output" action on it: ${ours}`);
  }, { critical: true });

  await step('a second crash right after: restarted again, no new notification', async () => {
    await crashAndRecover();
    // The squiggle is the new server's answer: the crash's notice, had there been one, came before.
    await expectNotifications([RESTARTED]);
  }, { critical: true });

  await step('"Show Output" opens the log: the server was killed by SIGKILL and restarted', async () => {
    await openNotificationCenter();
    const ours = centerRow.filter({ hasText: RESTARTED }).first();
    await ours.locator('.monaco-button', { hasText: 'Show Output' }).click();
    const log = page.locator('.panel .monaco-editor .view-lines');
    await log.filter({ hasText: lineText('was killed by SIGKILL unexpectedly; restarting it (crash 2 within 3 minutes') }).first().waitFor();
    await shot('output after show output');
    await vscode.focusEditor();
  });

  await step('two more crashes restart quietly; the fifth in 3 minutes stops the server and says so once, in our words', async () => {
    await crashAndRecover();
    await crashAndRecover();
    process.kill(pid, 'SIGKILL');
    await waitForToast(GAVE_UP);
    await squiggle.waitFor({ state: 'detached' });
    if (languageServerPids(server).length !== 0) throw new Error(`a language server runs: ${languageServerPids(server)}`);
    await shot('notification after the fifth crash');
    // (The first notice went when its "Show Output" was clicked.)
    const texts = await expectNotifications([GAVE_UP]);
    const gaveUp = texts.find((t) => t.includes(GAVE_UP));
    for (const part of ['Solaris IPMP: Restart Language Server', 'Restart Server', 'Show Output']) {
      if (!gaveUp.includes(part)) throw new Error(`"${part}" missing from: ${gaveUp}`);
    }
  }, { critical: true });

  await step('its "Restart Server" starts the server again: the squiggle is back, nothing new is shown', async () => {
    await openNotificationCenter();
    await centerRow.filter({ hasText: GAVE_UP }).first().locator('.monaco-button', { hasText: 'Restart Server' }).click();
    pid = await runningServer(server);
    await squiggle.waitFor({ state: 'attached' });
    await expectNotifications([]); // the clicked one went; a restart by hand tells nothing
  });

  await step('a server that dies at every start: stopped after five crashes with one notification, none of the library\'s', async () => {
    writeFileSync(server.env.IPMP_CRASH_ON_INITIALIZE, '');
    process.kill(pid, 'SIGKILL'); // crash 1; the four restarts die in `initialize`
    await waitForToast(GAVE_UP);
    await squiggle.waitFor({ state: 'detached' });
    if (languageServerPids(server).length !== 0) throw new Error(`a language server runs: ${languageServerPids(server)}`);
    await shot('notification after a crash loop on start');
    await expectNotifications([GAVE_UP]); // no "restarted": no server came up
  }, { critical: true });

  await step('once it can start again, "Solaris IPMP: Restart Language Server" from the Command Palette brings it back', async () => {
    rmSync(server.env.IPMP_CRASH_ON_INITIALIZE);
    await page.keyboard.press('Control+Shift+P');
    await page.locator(SEL.quickInput).waitFor();
    await page.keyboard.type('Solaris IPMP: Restart Language Server');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Restart Language Server' }).first().waitFor();
    await page.keyboard.press('Enter');
    pid = await runningServer(server);
    await squiggle.waitFor({ state: 'attached' });
    await expectNotifications([GAVE_UP]);
  });
}
