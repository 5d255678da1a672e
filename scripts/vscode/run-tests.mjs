// `npm run test:vscode`: the packaged extension in a real VS Code (code-server 4.100.3 + Chromium).
//   1. install code-server / chromium / ripgrep once (scripts/vscode/install.mjs)
//   2. make sure the VSIX is there and newer than its sources (`npm run package` otherwise)
//   3. the extension-host mocha suite (test/vscode/suite) against the installed VSIX
//   4. the user scenarios (test/vscode/scenarios/*.scenario.mjs) in headless Chromium
// Exit code — the contract scripts/vscode/break-quickfix.mjs and CI rely on:
//   0  every part that was asked for ran, and every test and scenario step passed;
//   1  the tests ran and at least one failed (a mocha test of the suite, a scenario step);
//   2  the layer could not run: the machine lacks what it needs, the VSIX could not be packaged,
//      code-server or Chromium did not start, the workbench died, the suite never got to its
//      end or ran no test (a --grep that matches none). A red test is never reported as 2, and
//      a layer that could not run is never reported as 1.
// When parts end differently, 2 wins over 1: a part that did not run says nothing about the code.
//
// Options: --vsix <file>       test this VSIX (no packaging)
//          --suite | --scenarios   run only that part
//          --grep <text>       only the suite's tests whose title matches
//          --scenario <name>   only test/vscode/scenarios/<name>.scenario.mjs
//          --docs-screenshot   also write docs/screenshot.png (the README's picture) from the
//                              example-workspace scenario
//          --verbose           echo code-server's and the workbench's logs
//          --result <file>     also write the outcome as JSON: { exitCode, status, reason?, parts:
//                              { suite?: {status, failed[], passed, reason?}, scenarios?: {...} } }
//                              (status: passed | failed | error, as the exit code 0 | 1 | 2)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureVscodeEnvironment } from './install.mjs';
import { ROOT, RUNS_DIR, pruneRuns, runExtensionTests } from './harness.mjs';

export const DEFAULT_VSIX = path.join(ROOT, 'solaris-ipmp.vsix');
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace');
const SUITE_SRC = path.join(ROOT, 'test', 'vscode', 'suite');
const SUITE_OUT = path.join(ROOT, 'out', 'test', 'vscode', 'suite');
const SCENARIOS = path.join(ROOT, 'test', 'vscode', 'scenarios');
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes('--verbose');

function banner(text) {
  const line = '='.repeat(Math.max(60, text.length + 4));
  console.error(`\n${line}\n  ${text}\n${line}`);
}

export const EXIT = { passed: 0, failed: 1, error: 2 };

/** Writes the --result file (when asked for) and exits with the code of `status`. */
function finish(status, parts, reason) {
  const file = option('--result');
  if (file) writeFileSync(file, JSON.stringify({ exitCode: EXIT[status], status, ...(reason ? { reason } : {}), parts }, null, 2) + '\n');
  process.exit(EXIT[status]);
}

/** The layer could not run (exit 2): never a verdict on the code under test. */
function cannotRun(reason, { onThisMachine = false } = {}) {
  banner(`REAL VS CODE LAYER ${onThisMachine ? 'CANNOT RUN ON THIS MACHINE' : 'COULD NOT RUN'} (exit 2: no test verdict)`);
  console.error(reason);
  finish('error', {}, reason);
}

// Files that go into the VSIX: when any is newer than the VSIX, it is packaged again.
const PACKAGE_INPUTS = [
  'package.json', 'client/src', 'server/src', 'syntaxes', 'snippets', 'README.md', 'CHANGELOG.md',
  'LICENSE', 'schemas', 'images', 'scripts/build.mjs', 'scripts/package.mjs',
];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

function ensureVsix() {
  const given = option('--vsix') ?? process.env.IPMP_VSIX;
  if (given) {
    if (!existsSync(given)) cannotRun(`--vsix ${given}: no such file`);
    return path.resolve(given);
  }
  const built = existsSync(DEFAULT_VSIX) ? statSync(DEFAULT_VSIX).mtimeMs : 0;
  const inputs = Math.max(...PACKAGE_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (built && built >= inputs && existsSync(path.join(ROOT, 'dist'))) {
    console.log(`[test:vscode] ${path.basename(DEFAULT_VSIX)} is up to date`);
    return DEFAULT_VSIX;
  }
  console.log(`[test:vscode] ${built ? 'sources changed since the VSIX was built' : 'no VSIX yet'}: npm run package`);
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) cannotRun(`npm run package exited with ${r.status ?? r.signal}: cannot test the extension`);
  if (!existsSync(DEFAULT_VSIX)) cannotRun(`npm run package did not produce ${path.relative(ROOT, DEFAULT_VSIX)}`);
  return DEFAULT_VSIX;
}

/** Compiles the suite to CommonJS in out/test/vscode/suite (mocha resolves from node_modules). */
export async function buildSuite() {
  const esbuild = await import('esbuild');
  const entryPoints = readdirSync(SUITE_SRC)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(SUITE_SRC, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(SUITE_OUT, 'index.js');
}

/** The suite's outcome: { status: passed | failed | error, passed, failed: [titles], reason? }. */
async function runSuite(vsix) {
  console.log('\n=== real VS Code: extension-host suite ===');
  let result;
  try {
    const testsPath = await buildSuite();
    const examples = path.join(ROOT, 'examples');
    result = await runExtensionTests({
      name: 'suite',
      vsix,
      workspace: FIXTURE_WORKSPACE,
      testsPath,
      verbose,
      env: {
        IPMP_EXAMPLES_DIR: examples,
        ...(option('--grep') ? { IPMP_TEST_GREP: option('--grep') } : {}),
      },
    });
  } catch (e) {
    // Building the suite, starting code-server or Chromium: nothing ran.
    const reason = `the suite could not run: ${e?.stack ?? e}`;
    console.error(`[test:vscode] ${reason}`);
    return { status: 'error', passed: 0, failed: [], reason };
  }
  if (result.report) process.stdout.write(result.report.replace(/^/gm, '  '));
  else if (!verbose) for (const line of result.log) console.log(`  [workbench] ${line}`);
  if (result.reason) console.error(`[test:vscode] suite: ${result.reason}`);
  if (result.pageErrors?.length) console.error(`[test:vscode] page errors:\n  ${result.pageErrors.join('\n  ')}`);
  console.log(`[test:vscode] suite ${result.status} (workbench exit code ${result.exitCode}, ${(result.ms / 1000).toFixed(1)} s in the extension host)`);
  return { status: result.status, passed: result.tests?.passed.length ?? 0, failed: result.tests?.failed ?? [], ...(result.reason ? { reason: result.reason } : {}) };
}

async function runScenarios(vsix) {
  console.log('\n=== real VS Code: user scenarios (headless Chromium) ===');
  const { runScenario } = await import(path.join(SCENARIOS, 'lib.mjs'));
  const only = option('--scenario');
  const files = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.scenario.mjs') && (!only || f === `${only}.scenario.mjs`))
    .sort();
  if (files.length === 0) cannotRun(`no scenarios${only ? ` named ${only}` : ''} found in ${path.relative(ROOT, SCENARIOS)}`);
  if (args.includes('--docs-screenshot')) process.env.IPMP_DOCS_SCREENSHOT = '1';
  const failed = [];
  const errors = [];
  let passed = 0;
  for (const file of files) {
    const name = path.basename(file, '.scenario.mjs');
    const outcome = await runScenario(path.join(SCENARIOS, file), { vsix, workspace: FIXTURE_WORKSPACE, verbose });
    if (outcome.status === 'error') errors.push(`${name}: ${outcome.reason}`);
    else if (outcome.status === 'failed') failed.push(...outcome.failed.map((step) => `${name}: ${step}`));
    else passed++;
  }
  const status = errors.length ? 'error' : failed.length ? 'failed' : 'passed';
  return { status, passed, failed, ...(errors.length ? { reason: errors.join('\n') } : {}) };
}

async function main() {
  const t0 = Date.now();
  const env = ensureVscodeEnvironment();
  if (!env.ok) cannotRun(`${env.reason}${CI ? '\n(CI=true: the real-VS-Code layer must run in CI.)' : ''}`, { onThisMachine: env.cannotInstallHere });
  const vsix = ensureVsix();
  pruneRuns(); // scratch folders kept from failed runs more than a day ago
  const only = args.includes('--suite') ? 'suite' : args.includes('--scenarios') || option('--scenario') ? 'scenarios' : undefined;
  const parts = {};
  if (only !== 'scenarios') parts.suite = await runSuite(vsix);
  if (only !== 'suite') parts.scenarios = await runScenarios(vsix);
  const named = (status) => Object.entries(parts).filter(([, p]) => p.status === status).map(([k]) => k);
  const [errored, failed] = [named('error'), named('failed')];
  const status = errored.length ? 'error' : failed.length ? 'failed' : 'passed';
  console.log(
    `\n[test:vscode] ${[errored.length && `COULD NOT RUN: ${errored.join(', ')}`, failed.length && `FAILED: ${failed.join(', ')}`].filter(Boolean).join('; ') || 'all green'}` +
      ` in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
      (status !== 'passed' ? ` (scratch folders and logs of failed runs: ${path.relative(ROOT, RUNS_DIR)}/)` : '') +
      ` — exit ${EXIT[status]}`,
  );
  finish(status, parts);
}

// Imported (run-electron.mjs takes buildSuite from here): do not run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => cannotRun(`the harness could not run: ${e?.stack ?? e}`));
}
