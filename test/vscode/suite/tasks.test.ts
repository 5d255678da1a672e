/// <reference types="mocha" />
// The ipmp-lint task type and the $ipmp-lint problem matcher in the real VS Code: the provided
// "check" task runs the bundled CLI in a task terminal (a terminal, so ipmp-lint colours its
// output), and the problem matcher turns its lines into markers that vscode.languages.getDiagnostics
// shows with source "ipmp-lint"; a tasks.json entry with paths and args is resolved by the
// provider; coloured lines are matched as plain ones; `hint` becomes Information. Waits are on
// tasks.onDidEndTaskProcess and languages.onDidChangeDiagnostics; nothing sleeps.
import * as assert from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, fixtureUri } from './helpers';

const TYPE = 'ipmp-lint';
const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

/** The problem matcher's markers on `uri`, as the extension API sees them. */
function taskDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ipmp-lint');
}

/** Resolves with the task markers of `uri` once `accept` takes them (checked now and on every change). */
function taskDiagnosticsWhen(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeout = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = (): void => {
      if (done) return;
      const ds = taskDiagnostics(uri);
      if (!accept(ds)) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(ds);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      subscription.dispose();
      const now = taskDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} (${d.severity})`);
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} on ${uri.path} (task markers now: ${now.join(', ') || 'none'})`));
    }, timeout);
    check();
  });
}

/** Runs a task and resolves with its process's exit code. */
async function runTask(task: vscode.Task, timeout = 60_000): Promise<number | undefined> {
  let execution: vscode.TaskExecution | undefined;
  const ended = new Promise<number | undefined>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`task "${task.name}" did not end within ${timeout} ms`));
    }, timeout);
    const subscription = vscode.tasks.onDidEndTaskProcess((e) => {
      if (execution ? e.execution !== execution : e.execution.task.name !== task.name) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(e.exitCode);
    });
  });
  execution = await vscode.tasks.executeTask(task);
  return ended;
}

/** Line and column (0-based) of `needle` in a file of the fixture workspace as shipped. */
async function positionOf(file: string, needle: string): Promise<vscode.Position> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(file)));
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${file}`);
  const before = text.slice(0, at).split('\n');
  return new vscode.Position(before.length - 1, before.at(-1)!.length);
}

const summary = (ds: vscode.Diagnostic[]): string[] =>
  ds.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} ${vscode.DiagnosticSeverity[d.severity]}`).sort();

suite('ipmp-lint task and $ipmp-lint problem matcher', () => {
  let folder: vscode.WorkspaceFolder;

  suiteSetup(async () => {
    const ext = await activeExtension();
    folder = vscode.workspace.workspaceFolders![0]!;
    assert.ok(ext.packageJSON.contributes.problemMatchers.some((m: { name: string }) => m.name === 'ipmp-lint'));
  });

  test('"check" is offered for the workspace folder: the bundled CLI under the extension host\'s own executable', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: TYPE });
    const check = tasks.find((t) => t.name === 'check' && t.source === TYPE);
    assert.ok(check, `tasks: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
    assert.strictEqual((check.scope as vscode.WorkspaceFolder).uri.toString(), folder.uri.toString());
    assert.deepStrictEqual(check.problemMatchers, ['$ipmp-lint']);
    const execution = check.execution as vscode.ProcessExecution;
    assert.ok(execution instanceof vscode.ProcessExecution, 'a process execution');
    assert.strictEqual(execution.process, process.execPath);
    assert.strictEqual(path.basename(execution.args[0]!), 'cli.js');
    assert.deepStrictEqual(execution.args.slice(1), ['.']);
    assert.strictEqual(execution.options?.cwd, folder.uri.fsPath);
    assert.strictEqual(execution.options?.env?.ELECTRON_RUN_AS_NODE, '1');
  });

  test('running "check" puts every problem in the Problems view through the problem matcher', async () => {
    const check = (await vscode.tasks.fetchTasks({ type: TYPE })).find((t) => t.name === 'check' && t.source === TYPE)!;
    const exitCode = await runTask(check);
    assert.strictEqual(exitCode, 1, 'ipmp-lint exits 1: the fixture has errors');

    const ce0 = fixtureUri('mistakes/etc/hostname.ce0');
    const standy = await positionOf('mistakes/etc/hostname.ce0', 'standy');
    const plus = await positionOf('mistakes/etc/hostname.ce0', '+');
    const ds = await taskDiagnosticsWhen(ce0, (d) => d.length >= 2, 'the markers of hostname.ce0');
    assert.deepStrictEqual(summary(ds), [`netmask-not-found@${plus.line}:${plus.character} Warning`, `unknown-keyword@${standy.line}:${standy.character} Error`].sort());
    const keyword = ds.find((d) => codeOf(d) === 'unknown-keyword')!;
    assert.match(keyword.message, /^'standy' is not an ifconfig keyword/, 'the message without the location, severity and rule id');
    assert.doesNotMatch(keyword.message, /\x1b/);

    // Other file kinds and hosts of the tree, found from their relative paths.
    const hosts = await taskDiagnosticsWhen(fixtureUri('mistakes/etc/hosts'), (d) => d.length > 0, 'the markers of hosts');
    assert.deepStrictEqual(hosts.map((d) => [codeOf(d), d.severity]), [['invalid-host-name', W]]);
    const mpathd = await taskDiagnosticsWhen(fixtureUri('mistakes/etc/default/mpathd'), (d) => d.length > 0, 'the markers of default/mpathd');
    assert.deepStrictEqual(mpathd.map((d) => [codeOf(d), d.severity]), [['detection-time-units', W]]);
    const v6 = await taskDiagnosticsWhen(fixtureUri('mistakes/etc/hostname6.ce0'), (d) => d.length > 0, 'the markers of hostname6.ce0');
    assert.deepStrictEqual(v6.map((d) => [codeOf(d), d.severity]), [['wrong-address-family', E]]);
  });

  test('a tasks.json entry (paths, args) is resolved by the provider; "hint" shows as Information', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: TYPE });
    const mine = tasks.find((t) => t.name === 'mistakes, unknown keywords as hints');
    assert.ok(mine, `tasks: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
    assert.deepStrictEqual(mine.definition.paths, ['mistakes']);
    const exitCode = await runTask(mine);
    assert.strictEqual(exitCode, 1, 'wrong-address-family is still an error');
    const ce0 = fixtureUri('mistakes/etc/hostname.ce0');
    const ds = await taskDiagnosticsWhen(
      ce0,
      (d) => d.some((x) => codeOf(x) === 'unknown-keyword' && x.severity === I),
      'unknown-keyword as Information',
    );
    assert.ok(ds.some((d) => codeOf(d) === 'netmask-not-found' && d.severity === W));
  });

  test('coloured lines (ANSI escape codes, as ipmp-lint prints them on a terminal) are matched as plain ones', async () => {
    const ESC = '\x1b';
    const paint = (style: string, s: string): string => `${ESC}[${style}m${s}${ESC}[0m`;
    const where = await positionOf('kinds/etc/hostname.ce1', 'up');
    const file = 'kinds/etc/hostname.ce1';
    const lines = [
      `${paint('1', `${file}:${where.line + 1}:${where.character + 1}:`)} ${paint('1;31', 'error')} ${paint('2', 'ansi-probe:')} a coloured error`,
      `${paint('1', `${file}:1:1:`)} ${paint('1;33', 'warning')} ${paint('2', 'ansi-probe-two:')} a coloured warning`,
      paint('1;31', '1 error(s), 1 warning(s), 0 info'),
    ];
    const script = `process.stdout.write(${JSON.stringify(lines.join('\n') + '\n')})`;
    const task = new vscode.Task(
      { type: TYPE, paths: ['ansi-probe'] },
      folder,
      'ansi probe',
      TYPE,
      new vscode.ProcessExecution(process.execPath, ['-e', script], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } }),
      '$ipmp-lint',
    );
    assert.strictEqual(await runTask(task), 0);
    const uri = fixtureUri(file);
    const ds = await taskDiagnosticsWhen(uri, (d) => d.filter((x) => String(codeOf(x)).startsWith('ansi-probe')).length === 2, 'both coloured lines matched');
    assert.deepStrictEqual(
      summary(ds.filter((x) => String(codeOf(x)).startsWith('ansi-probe'))),
      [`ansi-probe@${where.line}:${where.character} Error`, 'ansi-probe-two@0:0 Warning'].sort(),
    );
    for (const d of ds) assert.doesNotMatch(d.message, /\x1b|\[\d+m/);
  });

  test('a task\'s output is a terminal with colours, so ipmp-lint does colour it there', async () => {
    // What ipmp-lint looks at to decide (server/src/cli.ts): a TTY that has colours, and NO_COLOR.
    const out = path.join(tmpdir(), `ipmp-task-tty-${process.pid}.json`);
    const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ tty: process.stdout.isTTY === true, colors: process.stdout.hasColors?.() === true, noColor: process.env.NO_COLOR ?? null }))`;
    const task = new vscode.Task(
      { type: TYPE, paths: ['tty-probe'] },
      folder,
      'tty probe',
      TYPE,
      new vscode.ProcessExecution(process.execPath, ['-e', script], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } }),
      '$ipmp-lint',
    );
    assert.strictEqual(await runTask(task), 0);
    try {
      assert.deepStrictEqual(JSON.parse(readFileSync(out, 'utf8')), { tty: true, colors: true, noColor: null });
    } finally {
      rmSync(out, { force: true });
    }
  });
});
