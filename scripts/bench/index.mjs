#!/usr/bin/env node
/**
 * The background workspace index, measured over stdio against the bundled server:
 *
 *   node scripts/bench/index.mjs [--hosts N] [--server dist/server/main.js] [--keep]
 *
 * generates a tree of N hosts (scripts/bench/generate.mjs) in a temporary folder and prints
 * - `initialized` → the first workspace/symbol answer that is complete: the query is a name only
 *   the LAST host of the tree defines, and the answer must hold every symbol of that host that
 *   matches it (counted from the host's own files) and nothing else;
 * - hover latency on an open hostname file while the index is being built (p99, max);
 * - the server's peak RSS.
 * `npm run bench` calls `indexRows(treeRoot, hosts)` on its own tree. No sleeps: every wait is on
 * a response, with a deadline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vls from 'vscode-languageserver/node';
import { generateTree } from './generate.mjs';

const {
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceSymbolRequest,
  createProtocolConnection,
} = vls;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEADLINE_MS = 60_000;
/** The budgets of DESIGN.md "Budgets" this measures. */
const INDEX_BUDGET_MS = 2000;
const HOVER_BUDGET_MS = 20;

const now = () => performance.now();
const uriOf = (p) => pathToFileURL(p).href;
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
function withDeadline(promise, what, limit = DEADLINE_MS) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${limit} ms: ${what}`)), limit)))]).finally(() =>
    clearTimeout(timer),
  );
}
function peakRss(pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return kb ? Number(kb[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Just enough of an LSP client: requests, and every server request answered. */
class Client {
  constructor(server) {
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: 'pipe' });
    this.stderr = '';
    this.proc.stderr.on('data', (c) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    this.conn.onRequest(() => null);
    this.conn.onNotification(() => {});
    this.conn.listen();
  }
  /** Node has started and loaded the bundle (any answer, even an error, will do). */
  async started() {
    try {
      await withDeadline(this.conn.sendRequest('$/bench/ping'), 'server start');
    } catch (e) {
      if (/no answer within/.test(e.message)) throw e;
    }
  }
  initialize(root) {
    return this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, symbol: {}, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
      initializationOptions: {},
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
    });
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

/** Hosts of the tree in the generator's order (its folder names sort in that order: zero-padded numbers). */
function hostFolders(treeRoot) {
  return readdirSync(treeRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
}

/** The names of a generated host's hosts file that a workspace/symbol query for `query` must return (prefix matches). */
function expectedNames(etc, query) {
  const names = new Set();
  for (const line of readFileSync(path.join(etc, 'hosts'), 'utf8').split('\n')) {
    for (const name of line.split('#')[0].trim().split(/\s+/).slice(1)) if (name.toLowerCase().startsWith(query.toLowerCase())) names.add(name.toLowerCase());
  }
  return names.size;
}

/**
 * Rows `{ figure, value, budget, ok }` for the tree at `treeRoot` (made by generateTree(treeRoot, hosts)).
 * `ok` is undefined for a figure without a budget.
 */
export async function indexRows(treeRoot, hosts, options = {}) {
  const server = options.server ?? path.join(REPO, 'dist', 'server', 'main.js');
  const rows = [];
  const row = (figure, value, budget = '—', ok = undefined) => rows.push({ figure, value, budget, ok });
  const folders = hostFolders(treeRoot);
  const last = folders[folders.length - 1];
  if (folders.length !== hosts || !last) throw new Error(`expected ${hosts} host folders in ${treeRoot}, found ${folders.length}`);
  // The last host's own name: every other host's names differ in the number (no prefix, no subsequence).
  const query = last;
  const expected = expectedNames(path.join(treeRoot, last, 'etc'), query);
  const first = path.join(treeRoot, folders[0], 'etc');
  const hostnameFile = path.join(first, readdirSync(first).filter((n) => n.startsWith('hostname.')).sort()[0]);
  const hostnameUri = uriOf(hostnameFile);

  const c = new Client(server);
  try {
    await c.started();
    await withDeadline(c.initialize(treeRoot), 'initialize');
    const start = now();
    await c.conn.sendNotification(InitializedNotification.type, {});
    await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: hostnameUri, languageId: 'solaris-hostname', version: 1, text: readFileSync(hostnameFile, 'utf8') } });

    // Hover all along, one request after the other: none may wait on the index.
    let indexing = true;
    const hoverLatency = [];
    const hovering = (async () => {
      while (indexing) {
        const t = now();
        await withDeadline(c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: hostnameUri }, position: { line: 0, character: 3 } }), 'hover');
        hoverLatency.push(now() - t);
      }
    })();
    let complete;
    let polls = 0;
    let got = 0;
    try {
      while (now() - start < DEADLINE_MS) {
        polls++;
        const answer = (await withDeadline(c.conn.sendRequest(WorkspaceSymbolRequest.type, { query }), 'workspace/symbol')) ?? [];
        got = answer.length;
        if (answer.length === expected && answer.every((s) => s.containerName === last)) {
          complete = now() - start;
          break;
        }
        if (answer.some((s) => s.containerName !== last)) throw new Error(`workspace/symbol '${query}' answered symbols of other hosts`);
      }
    } finally {
      indexing = false;
      await hovering;
    }
    if (complete === undefined) throw new Error(`no complete workspace/symbol answer within ${DEADLINE_MS} ms (last: ${got} of ${expected})`);
    row(`initialized → first complete workspace/symbol answer (${hosts.toLocaleString('en')} hosts; '${query}': ${expected} symbols, ${polls} poll${polls > 1 ? 's' : ''})`, ms(complete), `< ${INDEX_BUDGET_MS / 1000} s`, complete < INDEX_BUDGET_MS);
    const p99 = quantile(hoverLatency, 0.99);
    row(`hover while indexing, p99 (${hoverLatency.length} req)`, ms(p99), `< ${HOVER_BUDGET_MS} ms`, p99 < HOVER_BUDGET_MS);
    row('hover while indexing, max', ms(Math.max(...hoverLatency)), '—');
    // The index in use: a query over every host (capped at 500), answered from memory.
    const t = now();
    const all = await withDeadline(c.conn.sendRequest(WorkspaceSymbolRequest.type, { query: 'ipmp' }), 'workspace/symbol');
    row(`workspace/symbol 'ipmp' once indexed (${all?.length ?? 0} symbols)`, ms(now() - t), '—');
    row(`server peak RSS (VmHWM, ${hosts.toLocaleString('en')} hosts)`, mb(peakRss(c.proc.pid)), '—');
  } finally {
    await c.stop();
  }
  if (c.stderr.trim()) rows.push({ figure: `server stderr: ${c.stderr.trim().split('\n').slice(-3).join(' | ')}`, value: '', budget: '—', ok: undefined });
  return rows;
}

// ---------------------------------------------------------------- run alone
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const option = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const hosts = Number(option('hosts') ?? 5000);
  if (!Number.isInteger(hosts) || hosts <= 0) throw new Error('--hosts needs a positive integer');
  const tmp = mkdtempSync(path.join(tmpdir(), 'ipmp-index-bench-'));
  const treeRoot = path.join(tmp, 'tree');
  const t = now();
  const tree = generateTree(treeRoot, hosts);
  console.log(`generated ${hosts.toLocaleString('en')} hosts, ${tree.files.toLocaleString('en')} files in ${treeRoot} (${ms(now() - t)})`);
  let failed = false;
  try {
    const rows = await indexRows(treeRoot, hosts, { server: option('server') && path.resolve(option('server')) });
    const w = [0, 0, 0];
    for (const r of rows) [r.figure, r.value, r.budget].forEach((s, i) => (w[i] = Math.max(w[i], s.length)));
    for (const r of rows) console.log(`${r.figure.padEnd(w[0])}  ${r.value.padStart(w[1])}  ${r.budget.padEnd(w[2])}  ${r.ok === undefined ? '' : r.ok ? 'OK' : 'OVER'}`);
    failed = rows.some((r) => r.ok === false);
  } catch (e) {
    console.error(`FAILED: ${e.message}`);
    failed = true;
  } finally {
    if (!argv.includes('--keep')) rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}
