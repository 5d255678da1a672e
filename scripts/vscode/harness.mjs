// Runs the packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3, Node
// extension host) driven by Debian's Chromium through playwright-core.
// Recipe: /work/shared/recipes/REAL-VSCODE.md. Install first: scripts/vscode/install.mjs.
//
// Rules this module keeps:
//   - a fresh code-server, user-data-dir, extensions-dir and XDG dirs per suite, in a scratch folder;
//   - the server runs in its own process group and that whole group is always stopped: on success,
//     failure, exception, SIGINT/SIGTERM and process exit;
//   - every wait awaits a condition with a timeout; nothing sleeps a fixed time.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER_BIN, ROOT, VSCODE_TEST_DIR } from './install.mjs';

export { ROOT };
export const RUNS_DIR = path.join(VSCODE_TEST_DIR, 'runs');
export const EXTENSION_ID = 'solaris-ipmp.solaris-ipmp';

const live = new Set(); // servers not yet stopped

// ---------------------------------------------------------------------------------------------
// Process-group hygiene

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** Resolves when `check()` is true, polling every `interval` ms; rejects after `timeout` ms. */
export async function waitFor(check, { timeout = 30_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort, synchronous: whatever is still running dies with us.
  process.on('exit', () => {
    for (const s of live) killGroup(s.pid, 'SIGKILL');
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, async () => {
      console.error(`\n[harness] ${signal}: stopping ${live.size} code-server process group(s)`);
      await Promise.allSettled([...live].map((s) => s.stop()));
      process.exit(code);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// code-server

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh scratch folder under .vscode-test/runs/ (ignored by git). */
export function makeScratch(name) {
  mkdirSync(RUNS_DIR, { recursive: true });
  return mkdtempSync(path.join(RUNS_DIR, `${name.replace(/[^\w.-]+/g, '-')}-`));
}

/** Removes scratch folders older than `maxAgeMs` (failed runs keep theirs for a look). */
export function pruneRuns(maxAgeMs = 24 * 3600_000) {
  if (!existsSync(RUNS_DIR)) return;
  for (const entry of readdirSync(RUNS_DIR)) {
    const p = path.join(RUNS_DIR, entry);
    if (Date.now() - statSync(p).mtimeMs > maxAgeMs) rmSync(p, { recursive: true, force: true });
  }
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
};

/** The environment for code-server and everything it starts (the extension host inherits it). */
function serverEnv(scratch, extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Started from a VS Code terminal, these would make code-server talk to that VS Code instead.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    // A user's VS Code is not started by a CI job: with CI set, Node (and so ipmp-lint in a
    // task terminal) turns colour off; NO_COLOR and FORCE_COLOR are the runner's, not the user's.
    if (k === 'CI' || k === 'NO_COLOR' || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  const dir = (d) => {
    const p = path.join(scratch, d);
    mkdirSync(p, { recursive: true });
    return p;
  };
  return {
    ...env,
    HOME: dir('home'),
    XDG_CONFIG_HOME: dir('xdg/config'),
    XDG_DATA_HOME: dir('xdg/data'),
    XDG_CACHE_HOME: dir('xdg/cache'),
    TMPDIR: dir('tmp'),
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    ...(typeof extra === 'function' ? extra(scratch) : extra),
  };
}

function codeServerArgs(s) {
  return ['--config', '/dev/null', '--user-data-dir', s.userDataDir, '--extensions-dir', s.extensionsDir];
}

/** Runs a code-server CLI command (e.g. --install-extension) to completion; returns its output. */
function codeServerCli(s, args, timeout = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CODE_SERVER_BIN, ...codeServerArgs(s), ...args], {
      env: s.env,
      cwd: s.scratch,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`code-server ${args.join(' ')} timed out after ${timeout} ms\n${out}`));
    }, timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL'); // anything it left behind
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} exited with ${code ?? signal}\n${out}`));
    });
  });
}

/**
 * Starts a fresh code-server.
 * @param {object} o
 * @param {string} o.name            label for the scratch folder and logs
 * @param {string} [o.workspace]     folder to copy into the scratch folder and open (the copy is
 *                                   what the editor sees and may change)
 * @param {string} [o.folder]        folder to open in place (no copy), instead of `workspace`
 * @param {number} [o.port]          port to bind (default: a free one)
 * @param {string} [o.vsix]          VSIX to install with --install-extension before starting
 * @param {object|function} [o.env] extra environment (the extension host inherits it); a function
 *                                   gets the scratch folder and returns the object
 * @param {object} [o.settings]      extra user settings
 * @param {boolean} [o.quiet]        do not echo the server's output (it is kept in server.log)
 * @returns {Promise<Server>}        { url, port, pid, scratch, workspace, userDataDir, extensionsDir,
 *                                     env, output(), folderUrl(), stop() }
 */
export async function startCodeServer(o) {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_BIN}); run: node scripts/vscode/install.mjs`);
  }
  installExitHandlers();
  const t0 = Date.now();
  const scratch = makeScratch(o.name);
  const s = {
    name: o.name,
    scratch,
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    logFile: path.join(scratch, 'code-server.log'),
  };
  s.env = serverEnv(scratch, o.env);
  mkdirSync(path.join(s.userDataDir, 'User'), { recursive: true });
  mkdirSync(s.extensionsDir, { recursive: true });
  writeFileSync(
    path.join(s.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...o.settings }, null, 2) + '\n',
  );
  if (o.folder) {
    s.workspace = path.resolve(o.folder);
  } else if (o.workspace) {
    s.workspace = path.join(scratch, 'workspace');
    cpSync(o.workspace, s.workspace, { recursive: true });
  }
  if (o.vsix) {
    const t1 = Date.now();
    const out = await codeServerCli(s, ['--install-extension', path.resolve(o.vsix), '--force']);
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${o.vsix} failed:\n${out}`);
    log(s, `installed ${path.relative(ROOT, path.resolve(o.vsix))} in ${Date.now() - t1} ms`);
  }

  // Port races (another process grabbing the port between freePort() and bind) are retried.
  let lastError;
  for (let attempt = 1; attempt <= (o.port ? 1 : 3); attempt++) {
    s.port = o.port ?? (await freePort());
    s.url = `http://127.0.0.1:${s.port}`;
    try {
      await launch(s, o);
      log(s, `code-server ready at ${s.url} in ${Date.now() - t0} ms (scratch ${path.relative(ROOT, scratch)})`);
      return s;
    } catch (e) {
      lastError = e;
      await s.stop();
      if (!/EADDRINUSE/.test(s.output())) break;
    }
  }
  throw lastError;
}

function log(s, msg) {
  console.log(`[harness:${s.name}] ${msg}`);
}

async function launch(s, o) {
  const args = [
    CODE_SERVER_BIN,
    ...codeServerArgs(s),
    '--bind-addr',
    `127.0.0.1:${s.port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(s.workspace ? [s.workspace] : []),
  ];
  // detached: own process group (pgid = pid), so stop() reaches the extension host and the
  // language server too.
  const child = spawn(process.execPath, args, {
    env: s.env,
    cwd: s.scratch,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  s.pid = child.pid;
  s.child = child;
  let output = '';
  s.output = () => output;
  const onData = (d) => {
    output += d;
    if (!o.quiet) for (const line of String(d).split('\n')) if (line.trim()) console.log(`  [code-server] ${line}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  s.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = code ?? signal))));
  let stopping;
  // stop(): the whole process group; the scratch folder stays only if `keep` (a failed run's logs).
  s.stop = ({ keep = true } = {}) =>
    (stopping ??= (async () => {
      s.stopRequested = true;
      live.delete(s);
      killGroup(s.pid, 'SIGTERM');
      try {
        await waitFor(() => !groupAlive(s.pid), { timeout: 5000, interval: 50, what: 'process group to exit' });
      } catch {
        killGroup(s.pid, 'SIGKILL');
        await waitFor(() => !groupAlive(s.pid), { timeout: 5000, interval: 50, what: 'SIGKILL' }).catch(() => {});
      }
      if (keep) writeFileSync(s.logFile, output);
      else rmSync(s.scratch, { recursive: true, force: true });
    })());
  live.add(s);
  child.on('error', (e) => (output += `\nspawn error: ${e.message}\n`));

  await waitFor(
    async () => {
      if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy:\n${output}`);
      try {
        const res = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        return res.ok;
      } catch {
        return false;
      }
    },
    { timeout: 30_000, what: `${s.url}/healthz` },
  );
  s.folderUrl = (folder = s.workspace, extraQuery = '') =>
    `${s.url}/?folder=${encodeURIComponent(folder)}${extraQuery}`;
}

/** Runs fn(server) with a fresh code-server and always stops its process group. */
export async function withCodeServer(options, fn) {
  const server = await startCodeServer(options);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches Debian's Chromium headless with its HOME in `scratch`. Close it with browser.close(). */
export async function launchBrowser(scratch, { headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const home = path.join(scratch, 'chromium-home');
  mkdirSync(home, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless,
    env: { ...process.env, HOME: home },
    args: CHROMIUM_ARGS,
  });
}

/** A page sized like a laptop screen, with console errors recorded in page.errors. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

// ---------------------------------------------------------------------------------------------
// Extension-host tests

/** An empty extension that only carries the test runner, so the installed VSIX is what runs. */
function makeRunnerExtension(scratch) {
  const dir = path.join(scratch, 'test-runner-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      { name: 'ipmp-test-runner', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } },
      null,
      2,
    ),
  );
  return dir;
}

/**
 * Runs a mocha suite inside the extension host of a fresh code-server.
 * @param {object} o
 * @param {string} [o.vsix]                     install this VSIX and test it (what users get), or
 * @param {string} [o.extensionDevelopmentPath] load the extension from this folder instead
 * @param {string} o.workspace                  folder to copy and open
 * @param {string} o.testsPath                  compiled suite entry (exports run())
 * @param {object} [o.env]                      extra environment for the extension host
 * @param {number} [o.timeout]                  ms for the whole suite (default 5 min)
 * @param {string} [o.name]
 * @returns {Promise<{status: 'passed'|'failed'|'error', exitCode: number, reason?: string,
 *   tests?: {passed: string[], failed: string[]}, log: string[]}>}
 *   status: 'passed' when tests ran and none failed; 'failed' when the suite ran and mocha
 *   reported failing tests; 'error' when the suite could not run to its end (code-server or the
 *   page died, no result in time, the suite wrote no result, or no test matched).
 */
export async function runExtensionTests(o) {
  const name = o.name ?? 'extension-tests';
  // The extension host inherits code-server's environment: that is how the suite learns where to
  // write its report.
  const server = await startCodeServer({
    name,
    workspace: o.workspace,
    vsix: o.vsix,
    quiet: !o.verbose,
    env: (scratch) => ({
      ...o.env,
      IPMP_TEST_REPORT: path.join(scratch, 'mocha-report.txt'),
      IPMP_TEST_RESULT: path.join(scratch, 'mocha-result.json'),
      // lets the suite check that the extension it tests is the installed VSIX
      ...(o.vsix ? { IPMP_EXTENSIONS_DIR: path.join(scratch, 'extensions') } : {}),
    }),
  });
  const reportFile = () => server.env.IPMP_TEST_REPORT;
  const logLines = [];
  let browser;
  let passed = false;
  try {
    const devPath = path.resolve(o.extensionDevelopmentPath ?? makeRunnerExtension(server.scratch));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(path.resolve(o.testsPath))],
      ['skipWelcome', 'true'],
    ];
    browser = await launchBrowser(server.scratch);
    const page = await newPage(browser);
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const line = `[${level}] ${message}`;
      logLines.push(line);
      if (o.verbose || level === 'error') console.log(`  [workbench] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ exitCode: Number(code) }));
    page.on('crash', () => finish({ exitCode: 1, reason: 'the workbench page crashed' }));
    server.exited.then((c) => finish({ exitCode: 1, reason: `code-server exited (${c}) during the tests` }));
    const timeout = o.timeout ?? 300_000;
    const timer = setTimeout(() => finish({ exitCode: 1, reason: `no result after ${timeout} ms` }), timeout);
    const url = server.folderUrl(server.workspace, `&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    console.log(`[harness:${name}] running ${path.relative(ROOT, o.testsPath)} in the extension host`);
    const t0 = Date.now();
    await page.goto(url);
    const result = await finished;
    clearTimeout(timer);
    result.log = logLines;
    result.ms = Date.now() - t0;
    if (existsSync(reportFile())) result.report = readFileSync(reportFile(), 'utf8');
    if (existsSync(server.env.IPMP_TEST_RESULT)) result.tests = JSON.parse(readFileSync(server.env.IPMP_TEST_RESULT, 'utf8'));
    classify(result);
    if (result.status !== 'passed' && page.errors.length) result.pageErrors = page.errors;
    if (result.status !== 'passed') writeFileSync(path.join(server.scratch, 'workbench.log'), logLines.join('\n'));
    else passed = true;
    return result;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop({ keep: !passed && !o.discardScratch });
    if (!passed) console.log(`[harness:${name}] logs kept in ${path.relative(ROOT, server.scratch)}`);
  }
}

/** Sets `result.status` from the workbench's exit code and the result the suite wrote. */
function classify(result) {
  const { tests } = result;
  if (result.reason) result.status = 'error'; // the page or code-server died, or no result in time
  else if (!tests) {
    result.status = 'error';
    result.reason = `the suite wrote no result (exit code ${result.exitCode}): it did not run to its end`;
  } else if (tests.failed.length > 0) {
    result.status = 'failed';
    if (result.exitCode === 0) result.reason = `${tests.failed.length} test(s) failed, yet the workbench exited 0`;
  } else if (tests.passed.length === 0) {
    result.status = 'error';
    result.reason = 'no test ran (does --grep match any test title?)';
  } else if (result.exitCode !== 0) {
    result.status = 'error';
    result.reason = `every test passed, yet the workbench exited ${result.exitCode}`;
  } else result.status = 'passed';
}
