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
 * - hover latency on an open hostname file while the index is being built;
 * - workspace/symbol latency once the index is built, queries over every host;
 * - the server's peak RSS;
 * - Check All Hosts over the tree (solarisIpmp/checkAllHosts): its time, and the server's RSS after.
 * Every row has its budget (DESIGN.md "Budgets", issue 15).
 * `npm run bench` calls `indexRows(treeRoot, hosts)` on its own tree. No sleeps: every wait is on
 * a response, with a deadline.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate.mjs';
import { Client, DEADLINE_MS, SERVER, intOption, mb, median, ms, now, p99, printRows, procMemory, seconds, uriOf, withDeadline } from './lsp.mjs';

/** The budgets of DESIGN.md "Budgets" and issue 15 this measures. */
const INDEX_BUDGET_MS = 2000;
const REQUEST_BUDGET_MS = 20;
/** Peak memory of the server holding the index of the whole tree. */
const RSS_BUDGET = 300 * 1048576;
/**
 * Check All Hosts over the whole tree: about twice what ipmp-lint --jobs 1 takes on it (the
 * editor also publishes every file's diagnostics and stays responsive meanwhile).
 */
const CHECK_ALL_BUDGET_MS = 10_000;

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
 */
export async function indexRows(treeRoot, hosts, options = {}) {
  const server = options.server ?? SERVER;
  const rows = [];
  const row = (figure, value, budget, ok) => rows.push({ figure, value, budget, ok });
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
    await c.initialize(treeRoot);
    const start = now();
    await c.initialized();
    await c.open(hostnameUri, 'solaris-hostname', readFileSync(hostnameFile, 'utf8'));

    // Hover all along, one request after the other: none may wait on the index.
    let indexing = true;
    const hoverLatency = [];
    const hovering = (async () => {
      while (indexing) {
        const t = now();
        await c.hover(hostnameUri, 0, 3);
        hoverLatency.push(now() - t);
      }
    })();
    let complete;
    let polls = 0;
    let got = 0;
    try {
      while (now() - start < DEADLINE_MS) {
        polls++;
        const answer = (await c.workspaceSymbol(query)) ?? [];
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
    const lat = (xs) => `${ms(median(xs))} / ${ms(p99(xs))} / ${ms(Math.max(...xs))}`;
    row(`hover while indexing (${hoverLatency.length} req): median / p99 / max`, lat(hoverLatency), `p99 < ${REQUEST_BUDGET_MS} ms`, p99(hoverLatency) < REQUEST_BUDGET_MS);
    // The index in use: queries over every host (capped at 500 symbols), answered from memory.
    const queries = ['ipmp', 'test', 'web', 'db', '10.1', 'e1000g', 'x', ''];
    const symbolLatency = [];
    let answered = 0;
    for (let i = 0; i < 100; i++) {
      const t = now();
      const all = await c.workspaceSymbol(queries[i % queries.length]);
      symbolLatency.push(now() - t);
      answered = Math.max(answered, all?.length ?? 0);
    }
    row(`workspace/symbol once indexed (${symbolLatency.length} queries over every host, up to ${answered} symbols): median / p99 / max`, lat(symbolLatency), `p99 < ${REQUEST_BUDGET_MS} ms`, p99(symbolLatency) < REQUEST_BUDGET_MS);
    const peak = procMemory(c.pid).hwm;
    row(`server peak RSS (VmHWM, ${hosts.toLocaleString('en')} hosts indexed)`, mb(peak), `< ${mb(RSS_BUDGET)}`, peak < RSS_BUDGET);
    // Check All Hosts, as the command asks it: every file of the tree checked and its diagnostics
    // published. The server lets go of each host once its files are checked.
    const publishedBefore = c.published.size;
    const t = now();
    const checked = await withDeadline(c.conn.sendRequest('solarisIpmp/checkAllHosts', {}), 'solarisIpmp/checkAllHosts', 10 * DEADLINE_MS);
    const took = now() - t;
    // Sent before the answer, on the same stream: every publication has arrived.
    const publishedFiles = c.published.size - publishedBefore;
    const memory = procMemory(c.pid);
    row(
      `Check All Hosts (${checked.files.toLocaleString('en')} files of ${checked.hosts.toLocaleString('en')} hosts; the findings of the ${publishedFiles.toLocaleString('en')} files with some published)`,
      seconds(took),
      `< ${CHECK_ALL_BUDGET_MS / 1000} s`,
      took < CHECK_ALL_BUDGET_MS && checked.hosts === hosts && !checked.cancelled,
    );
    row('  server RSS after it / peak (VmHWM) over the whole run', `${mb(memory.rss)} / ${mb(memory.hwm)}`, `< ${mb(RSS_BUDGET)}`, memory.hwm < RSS_BUDGET);
  } finally {
    await c.stop();
  }
  if (c.stderr.trim()) row(`server stderr: ${c.stderr.trim().split('\n').slice(-3).join(' | ')}`, 'unexpected', 'empty', false);
  return rows;
}

// ---------------------------------------------------------------- run alone
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const option = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const hosts = intOption(argv, 'hosts', 5000);
  const tmp = mkdtempSync(path.join(tmpdir(), 'ipmp-index-bench-'));
  const treeRoot = path.join(tmp, 'tree');
  const t = now();
  const tree = generateTree(treeRoot, hosts);
  console.log(`generated ${hosts.toLocaleString('en')} hosts, ${tree.files.toLocaleString('en')} files in ${treeRoot} (${ms(now() - t)})`);
  let failed = false;
  try {
    const rows = await indexRows(treeRoot, hosts, { server: option('server') && path.resolve(option('server')) });
    failed = printRows(rows) > 0;
  } catch (e) {
    console.error(`FAILED: ${e.message}`);
    failed = true;
  } finally {
    if (!argv.includes('--keep')) rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}
