/**
 * What every bench script shares: an LSP client of the bundled server over stdio, quantiles,
 * deadlines, /proc memory figures, and the table every script prints (figure, value, budget, verdict).
 * No sleeps: every wait is on a response or a notification, with a deadline.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import vls from 'vscode-languageserver/node';

const {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceSymbolRequest,
  createProtocolConnection,
} = vls;

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server', 'main.js');
export const DEADLINE_MS = 60_000;

/**
 * A TypeScript module of the product that imports nothing (a path from the repository's root),
 * loaded as it is: the bench reads the product's own choices instead of copies of them.
 */
export async function importStandalone(file) {
  const source = readFileSync(path.join(REPO, ...file.split('/')), 'utf8');
  const { code } = await esbuild.transform(source, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The Node options the VS Code client starts the server with (client/src/serverEnvironment.ts). */
export const SERVER_NODE_OPTIONS = [...(await importStandalone('client/src/serverEnvironment.ts')).SERVER_NODE_OPTIONS];

export const uriOf = (p) => pathToFileURL(p).href;
export const now = () => performance.now();

/** The q-quantile by the nearest-rank method: p99 of 200 samples is the 198th smallest, so the two slowest are the only ones left out. */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
export const median = (xs) => quantile(xs, 0.5);
export const p99 = (xs) => quantile(xs, 0.99);

export function withDeadline(promise, what, limit = DEADLINE_MS) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${limit} ms: ${what}`)), limit))),
  ]).finally(() => clearTimeout(timer));
}

/** Resident and peak resident memory of a process, in bytes (NaN once it is gone). */
export function procMemory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? NaN);
    return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
  } catch {
    return { hwm: NaN, rss: NaN };
  }
}

export const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
export const seconds = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a');

/** A row of the table: `ok` true/false is the verdict against `budget`. */
export const figure = (name, value, budget, ok) => ({ figure: name, value, budget, ok });

/** Prints rows as an aligned table; returns how many are over budget. */
export function printRows(rows, heading = true) {
  const w = [0, 0, 0];
  for (const r of rows) [r.figure, r.value, r.budget].forEach((s, i) => (w[i] = Math.max(w[i], s.length)));
  const line = (a, b, c, d) => `${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c.padEnd(w[2])}  ${d}`;
  if (heading) {
    console.log(line('figure', 'value', 'budget', 'verdict'));
    console.log('-'.repeat(w[0] + w[1] + w[2] + 14));
  }
  for (const r of rows) console.log(line(r.figure, r.value, r.budget, r.ok === undefined ? '' : r.ok ? 'OK' : 'OVER'));
  return rows.filter((r) => r.ok !== true).length;
}

/** Command-line option `--name value` of a script, as a positive integer. */
export function intOption(argv, name, def) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer`);
  return v;
}

/**
 * The client: the server spawned as an editor spawns it (`node <bundle> --stdio`, the same
 * environment), every server request answered, every diagnostics publication kept and awaitable.
 */
export class Client {
  constructor(server = SERVER) {
    // BENCH_NODE_ARGS: more options, to try one (e.g. another GC setting) without a rebuild;
    // BENCH_PLAIN=1: without the client's options, to compare.
    const nodeArgs = [...(process.env.BENCH_PLAIN ? [] : SERVER_NODE_OPTIONS), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    this.spawnedAt = now();
    // The options and environment VS Code gives it (client/src/serverEnvironment.ts): without
    // NODE_EXTRA_CA_CERTS, which Node parses at every start and the server never needs; the code
    // cache beside the bundle (IPMP_CODE_CACHE_DIR unset), as for an editor that sets nothing.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, IPMP_CODE_CACHE_DIR: undefined };
    this.proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: 'pipe', env });
    this.stderr = '';
    this.proc.stderr.on('data', (c) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.published = new Map();
    this.waiters = [];
    this.versions = new Map();
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.accept(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    this.conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    this.conn.onRequest(() => null); // registerCapability, workDoneProgress/create, …
    this.conn.onNotification(() => {}); // logMessage, showMessage, progress, …
    this.conn.listen();
  }
  get pid() {
    return this.proc.pid;
  }
  initialize(rootPath) {
    return withDeadline(
      this.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uriOf(rootPath),
        capabilities: {
          workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, symbol: {}, workspaceFolders: true },
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
          },
        },
        initializationOptions: {},
        workspaceFolders: [{ uri: uriOf(rootPath), name: path.basename(rootPath) }],
      }),
      'initialize',
    );
  }
  initialized() {
    return this.conn.sendNotification(InitializedNotification.type, {});
  }
  /** Next publication for `uri` satisfying `accept` — or the latest, if it already does (unless `fresh`). */
  diagnostics(uri, accept, { fresh = false } = {}) {
    const latest = this.published.get(uri);
    if (!fresh && latest && accept(latest)) return Promise.resolve(latest);
    return withDeadline(new Promise((resolve) => this.waiters.push({ uri, accept, resolve })), `diagnostics for ${uri}`);
  }
  open(uri, languageId, text) {
    this.versions.set(uri, 1);
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }
  /** Sends one change; returns the document's new version. */
  edit(uri, range, text) {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }
  hover(uri, line, character) {
    return withDeadline(this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }), 'hover');
  }
  completion(uri, line, character) {
    return withDeadline(this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }), 'completion');
  }
  workspaceSymbol(query) {
    return withDeadline(this.conn.sendRequest(WorkspaceSymbolRequest.type, { query }), 'workspace/symbol');
  }
  async stop() {
    try {
      await withDeadline(this.conn.sendRequest(ShutdownRequest.type), 'shutdown', 5000);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // killed below
    }
    const t = setTimeout(() => this.proc.kill(), 2000);
    await this.exited;
    clearTimeout(t);
    this.conn.dispose();
  }
}
