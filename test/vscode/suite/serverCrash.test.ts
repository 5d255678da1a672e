/// <reference types="mocha" />
// A language server that dies (killed, crashed, out of memory) is restarted by the client: the
// problems of the open files come back, and the user is told once, in the extension's words —
// not at every crash of a storm. A server that keeps dying is left stopped and the user is told
// once how to start it again. A restart the user asks for is no crash and tells nothing.
//
// The server is killed with SIGKILL through the pid the extension's API reports, or made to die
// while it starts (a module preloaded through NODE_OPTIONS, which the client's fork inherits from
// the extension host, exits the server when `initialize` arrives); notices are
// counted through the API's onDidShowServerNotice, which fires exactly when the extension shows
// one. Every wait is on an event (server started, notice shown, diagnostics changed).
import * as assert from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerNotice, SolarisIpmpApi } from '../../../client/src/extension';
import { activeExtension, codeOf, describeDiagnostics, diagnosticsWhen, ipmpDiagnostics, writeFixture } from './helpers';

/** Two open files of their own host, each with a problem the server must report. */
const FILES = [
  { file: 'crash/etc/hostname.ce0', text: 'crash netmask + broadcast + up #\n', code: 'comment-not-supported' },
  { file: 'crash/etc/hosts', text: '10.888.1.2\tcrash\n', code: 'invalid-address' },
] as const;

/** The texts the user sees (client/src/crashPolicy.ts; the unit test checks them in full). */
const RESTARTED = 'The Solaris IPMP language server stopped unexpectedly and was restarted.';
const GAVE_UP = /^The Solaris IPMP language server stopped unexpectedly 5 times in 3 minutes and was not restarted again\. .*"Solaris IPMP: Restart Language Server"\.$/;
/** Crashes within 3 minutes that are restarted; the next one is not. */
const RESTARTED_CRASHES = 4;

/** Preloaded into the language server (only there): it exits when the client sends `initialize`. */
const CRASH_ON_INITIALIZE = `if (/dist[\\\\/]server[\\\\/]main\\.js$/.test(process.argv[1] || '')) {
  process.on('message', (m) => { if (m && m.method === 'initialize') process.exit(7); });
}
`;

/** The next value `event` fires that `accept` takes; fails after `timeout` ms. */
function next<T>(event: vscode.Event<T>, what: string, accept: (value: T) => boolean = () => true, timeout = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

suite('language server crash', () => {
  let api: SolarisIpmpApi;
  let docs: vscode.TextDocument[];
  /** Every notice shown while the suite runs. */
  const notices: ServerNotice[] = [];
  let noticeSubscription: vscode.Disposable | undefined;

  const problemsBack = (when: string): Promise<unknown> =>
    Promise.all(
      docs.map((doc, i) => diagnosticsWhen(doc.uri, (ds) => ds.some((d) => codeOf(d) === FILES[i]!.code), `${FILES[i]!.code} ${when}`)),
    );

  /** Runs `run` and resolves with the pid of the server that starts after it. */
  async function serverStartedBy(run: () => unknown, what: string): Promise<number> {
    const started = next(api.onDidStartServer, what);
    await run();
    return started;
  }

  /** The Restart Language Server command; the new server's pid, once the problems are back. */
  async function restartByHand(): Promise<number> {
    const before = api.serverPid;
    const pid = await serverStartedBy(() => vscode.commands.executeCommand('solarisIpmp.restartServer'), 'the server the command starts');
    assert.notStrictEqual(pid, before, 'a new server process');
    await problemsBack('after the restart command');
    return pid;
  }

  /** Kills the server; resolves with the pid of the server the client starts in its place. */
  async function killAndAwaitRestart(crash: number): Promise<number> {
    const pid = api.serverPid;
    assert.ok(pid, `crash ${crash}: a server runs`);
    const newPid = await serverStartedBy(() => process.kill(pid, 'SIGKILL'), `the client to restart the server after crash ${crash}`);
    assert.notStrictEqual(newPid, pid);
    // The client dropped the dead server's diagnostics; what comes now is the new server's.
    for (const doc of docs) assert.deepStrictEqual(describeDiagnostics(ipmpDiagnostics(doc.uri)), [], `crash ${crash}: old problems cleared`);
    await problemsBack(`after crash ${crash}`);
    return newPid;
  }

  suiteSetup(async () => {
    api = (await activeExtension()).exports as SolarisIpmpApi;
    assert.ok(api && 'onDidStartServer' in api, 'activate() returns the extension API');
    noticeSubscription = api.onDidShowServerNotice((n) => notices.push(n));
    docs = [];
    for (const { file, text } of FILES) docs.push(await vscode.workspace.openTextDocument(await writeFixture(file, text)));
    await vscode.window.showTextDocument(docs[0]!);
    await problemsBack('at the start');
  });

  suiteTeardown(async () => {
    noticeSubscription?.dispose();
    // Whatever happened, the suites after this one get a running server.
    if (api && api.serverPid === undefined) await restartByHand();
  });

  test('the Restart Language Server command is no crash: a new server, the problems back, no notice', async function () {
    this.timeout(120_000);
    const shown = notices.length;
    const first = api.serverPid;
    assert.ok(first, 'a server runs');
    const second = await restartByHand();
    const third = await restartByHand();
    assert.notStrictEqual(third, second);
    assert.deepStrictEqual(notices.slice(shown), [], 'no notice for a restart the user asked for');
  });

  test('a killed server is restarted, its problems come back and the user is told once; a second crash soon after tells nothing', async function () {
    this.timeout(180_000);
    await restartByHand(); // earlier crashes and notices forgotten
    const shown = notices.length;

    await killAndAwaitRestart(1);
    assert.deepStrictEqual(notices.slice(shown), [{ kind: 'restarted', message: RESTARTED }], 'one notice, in our words');

    await killAndAwaitRestart(2);
    assert.strictEqual(notices.length - shown, 1, `no second notice: ${JSON.stringify(notices.slice(shown))}`);
  });

  test('a server that keeps crashing is left stopped, the user is told once how to start it, and the command brings it back', async function () {
    this.timeout(300_000);
    await restartByHand();
    const shown = notices.length;

    for (let crash = 1; crash <= RESTARTED_CRASHES; crash++) await killAndAwaitRestart(crash);
    assert.deepStrictEqual(notices.slice(shown).map((n) => n.kind), ['restarted'], 'four crashes in a row: told once');

    // One crash too many: no restart, and the user learns it.
    const pid = api.serverPid;
    assert.ok(pid);
    const gaveUp = next(api.onDidShowServerNotice, 'the notice that the server was not restarted', (n) => n.kind === 'gaveUp');
    process.kill(pid, 'SIGKILL');
    const notice = await gaveUp;
    assert.match(notice.message, GAVE_UP);
    await Promise.all(docs.map((doc) => diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'the stopped server’s problems to go')));
    assert.strictEqual(api.serverPid, undefined, 'no server runs');
    assert.deepStrictEqual(notices.slice(shown).map((n) => n.kind), ['restarted', 'gaveUp']);

    // The command of the notice starts it again: a fresh server, no notice, crashes forgotten.
    await restartByHand();
    assert.deepStrictEqual(notices.slice(shown).map((n) => n.kind), ['restarted', 'gaveUp'], 'the restart command tells nothing');
    await killAndAwaitRestart(1);
    assert.deepStrictEqual(notices.slice(shown).map((n) => n.kind), ['restarted', 'gaveUp', 'restarted'], 'after a manual restart a crash is news again');
  });

  test('a server that dies while it starts is not restarted forever: one notice that it stopped, none that it was restarted', async function () {
    this.timeout(180_000);
    await restartByHand();
    const shown = notices.length;
    const preload = path.join(os.tmpdir(), `ipmp-crash-on-initialize-${process.pid}.js`);
    writeFileSync(preload, CRASH_ON_INITIALIZE);
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --require ${JSON.stringify(preload)}`.trim();
    try {
      const pid = api.serverPid;
      assert.ok(pid);
      const gaveUp = next(api.onDidShowServerNotice, 'the notice that the server was not restarted', (n) => n.kind === 'gaveUp');
      // Crash 1 is this kill; crashes 2 to 5 are the restarted servers dying in `initialize`.
      process.kill(pid, 'SIGKILL');
      assert.match((await gaveUp).message, GAVE_UP);
      await Promise.all(docs.map((doc) => diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'the problems to go')));
      assert.strictEqual(api.serverPid, undefined, 'no server runs');
      assert.deepStrictEqual(notices.slice(shown), [{ kind: 'gaveUp', message: (await gaveUp).message }], 'never "restarted": no server came up');
    } finally {
      if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = nodeOptions;
      rmSync(preload, { force: true });
    }
    await restartByHand();
    assert.strictEqual(notices.length - shown, 1, 'the restart command tells nothing');
  });
});
