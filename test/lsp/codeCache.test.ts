/**
 * The built launcher (dist/server/main.js) and its code cache, as an editor starts it: the
 * cache goes where IPMP_CODE_CACHE_DIR says, the next start uses it (and leaves it alone), a
 * stale one is replaced, and a directory that cannot be written changes nothing but speed.
 * Each start answers initialize and a workspace/symbol request, which the worker threads of
 * the index (started through the same launcher, reading the same cache) answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  WorkspaceSymbolRequest,
  createProtocolConnection,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { SERVER_NODE_OPTIONS, serverEnvironment } from '../../client/src/serverEnvironment';
import { FULL_CAPABILITIES, SERVER_MAIN, within } from './client';
import { SMALL_TREE_FOLDERS } from '../../server/src/workspace/hostIndex';

const CACHE_FILE = 'server.v8cache';

interface Session {
  readonly symbols: string[];
  readonly exitCode: number | null;
  readonly stderr: string;
}

/**
 * Starts the server with the client's Node options and `env` over this process's environment
 * (as vscode-languageclient does), asks initialize and workspace/symbol on `root`, and ends it with shutdown and exit.
 */
async function session(root: string, env: NodeJS.ProcessEnv): Promise<Session> {
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_MAIN, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.listen();
  try {
    const uri = pathToFileURL(root).toString();
    await within(
      connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, capabilities: FULL_CAPABILITIES, workspaceFolders: [{ uri, name: 'test' }] }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    const answer = ((await within(connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }), 'workspace/symbol')) ?? []) as WorkspaceSymbol[];
    await within(connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await connection.sendNotification(ExitNotification.type);
    const exitCode = await within(exited, 'exit');
    return { symbols: answer.map((s) => `${s.name}@${s.containerName}`).sort(), exitCode, stderr };
  } finally {
    connection.dispose();
    child.kill();
  }
}

describe('the launcher’s code cache', () => {
  let scratch: string;
  let workspace: string;
  let expected: string[];

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-code-cache-lsp-'));
    workspace = path.join(scratch, 'workspace');
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      writeFileSync(path.join(workspace, file), text);
    };
    write('web1/etc/hosts', '127.0.0.1 localhost\n10.0.0.1 web1 loghost\n');
    write('web1/etc/hostname.ce0', 'web1 netmask + broadcast + group alpha up\n');
    write('db1/etc/hostname.e1000g0', 'db1 group beta up\n');
    // More folders than a tree the index walks in its own thread (SMALL_TREE_FOLDERS): workers walk this one.
    for (let i = 0; i <= SMALL_TREE_FOLDERS; i++) write(`fleet${i}/etc/hostname.bge0`, `fleet${i} group g${i} up\n`);
    // A start with a cache folder of its own: the answer every start below must give.
    const plain = await session(workspace, { IPMP_CODE_CACHE_DIR: path.join(scratch, 'unused') });
    expected = plain.symbols;
    assert.ok(expected.length > 0, 'the workspace has symbols');
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('a start writes the cache where IPMP_CODE_CACHE_DIR says; the next uses it and leaves it as it is', async () => {
    const dir = path.join(scratch, 'storage', 'code-cache');
    const first = await session(workspace, serverEnvironment(dir));
    assert.equal(first.exitCode, 0, first.stderr);
    assert.deepEqual(first.symbols, expected);
    const file = path.join(dir, CACHE_FILE);
    assert.ok(existsSync(file), 'written (at exit, the session being short)');
    const written = readFileSync(file);
    const mtime = statSync(file).mtimeMs;

    const second = await session(workspace, serverEnvironment(dir));
    assert.equal(second.exitCode, 0, second.stderr);
    assert.deepEqual(second.symbols, expected);
    assert.equal(statSync(file).mtimeMs, mtime, 'a cache in use is not written again');
    assert.ok(readFileSync(file).equals(written));
  });

  test('a stale or damaged cache is ignored and replaced', async () => {
    const dir = path.join(scratch, 'stale');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, CACHE_FILE);
    writeFileSync(file, 'ipmp-code-cache 1\n0000000000000000000000000000000000000000\nv0.0.0\n' + 'x'.repeat(100_000));
    const run = await session(workspace, serverEnvironment(dir));
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(run.symbols, expected);
    assert.ok(!readFileSync(file).subarray(0, 200).toString('latin1').includes('v0.0.0'), 'replaced');
    // The replacement is good: the next start uses it.
    const mtime = statSync(file).mtimeMs;
    const next = await session(workspace, serverEnvironment(dir));
    assert.deepEqual(next.symbols, expected);
    assert.equal(statSync(file).mtimeMs, mtime);
  });

  test('a cache directory that cannot be made or written: the server works the same', async () => {
    writeFileSync(path.join(scratch, 'a-file'), '');
    const run = await session(workspace, serverEnvironment(path.join(scratch, 'a-file', 'code-cache')));
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(run.symbols, expected);
  });
});
