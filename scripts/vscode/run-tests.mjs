// `npm run test:vscode`: the packaged extension in a real VS Code (code-server 4.100.3 + Chromium).
//   1. install code-server / chromium / ripgrep once (scripts/vscode/install.mjs)
//   2. make sure the VSIX is there and newer than its sources (`npm run package` otherwise)
//   3. the extension-host mocha suite (test/vscode/suite) against the installed VSIX
//   4. the user scenarios (test/vscode/scenarios/*.scenario.mjs) in headless Chromium
// Exit code: 0 all green; 1 a test failed or the harness could not run; 2 the machine lacks
// what the layer needs and it cannot be installed here (never under CI=true: that is 1).
//
// Options: --vsix <file>       test this VSIX (no packaging)
//          --suite | --scenarios   run only that part
//          --grep <text>       only the suite's tests whose title matches
//          --scenario <name>   only test/vscode/scenarios/<name>.scenario.mjs
//          --docs-screenshot   also write docs/screenshot.png (the README's picture) from the
//                              example-workspace scenario
//          --verbose           echo code-server's and the workbench's logs
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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

function fail(reason, code = 1) {
  banner(`REAL VS CODE LAYER ${code === 2 ? 'CANNOT RUN ON THIS MACHINE' : 'FAILED'}`);
  console.error(reason);
  process.exit(code);
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
    if (!existsSync(given)) fail(`--vsix ${given}: no such file`);
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
  if (r.status !== 0) fail(`npm run package exited with ${r.status ?? r.signal}: cannot test the extension`);
  if (!existsSync(DEFAULT_VSIX)) fail(`npm run package did not produce ${path.relative(ROOT, DEFAULT_VSIX)}`);
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

async function runSuite(vsix) {
  console.log('\n=== real VS Code: extension-host suite ===');
  const testsPath = await buildSuite();
  const examples = path.join(ROOT, 'examples');
  const result = await runExtensionTests({
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
  if (result.report) process.stdout.write(result.report.replace(/^/gm, '  '));
  else if (!verbose) for (const line of result.log) console.log(`  [workbench] ${line}`);
  if (result.reason) console.error(`[test:vscode] suite: ${result.reason}`);
  if (result.pageErrors?.length) console.error(`[test:vscode] page errors:\n  ${result.pageErrors.join('\n  ')}`);
  console.log(`[test:vscode] suite exit code ${result.exitCode} (${(result.ms / 1000).toFixed(1)} s in the extension host)`);
  return result.exitCode;
}

async function runScenarios(vsix) {
  console.log('\n=== real VS Code: user scenarios (headless Chromium) ===');
  const { runScenario } = await import(path.join(SCENARIOS, 'lib.mjs'));
  const only = option('--scenario');
  const files = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.scenario.mjs') && (!only || f === `${only}.scenario.mjs`))
    .sort();
  if (files.length === 0) fail(`no scenarios${only ? ` named ${only}` : ''} found in ${path.relative(ROOT, SCENARIOS)}`);
  if (args.includes('--docs-screenshot')) process.env.IPMP_DOCS_SCREENSHOT = '1';
  let failed = 0;
  for (const file of files) {
    const ok = await runScenario(path.join(SCENARIOS, file), { vsix, workspace: FIXTURE_WORKSPACE, verbose });
    if (!ok) failed++;
  }
  return failed ? 1 : 0;
}

async function main() {
  const t0 = Date.now();
  const env = ensureVscodeEnvironment();
  if (!env.ok) {
    if (env.cannotInstallHere && !CI) fail(env.reason, 2);
    fail(`${env.reason}${CI ? '\n(CI=true: the real-VS-Code layer must run in CI.)' : ''}`);
  }
  const vsix = ensureVsix();
  pruneRuns(); // scratch folders kept from failed runs more than a day ago
  const only = args.includes('--suite') ? 'suite' : args.includes('--scenarios') || option('--scenario') ? 'scenarios' : undefined;
  const codes = {};
  if (only !== 'scenarios') codes.suite = await runSuite(vsix);
  if (only !== 'suite') codes.scenarios = await runScenarios(vsix);
  const failedParts = Object.entries(codes).filter(([, c]) => c !== 0).map(([k]) => k);
  console.log(
    `\n[test:vscode] ${failedParts.length ? `FAILED: ${failedParts.join(', ')}` : 'all green'}` +
      ` in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
      (failedParts.length ? ` (scratch folders and logs of failed runs: ${path.relative(ROOT, RUNS_DIR)}/)` : ''),
  );
  process.exit(failedParts.length ? 1 : 0);
}

// Imported (run-electron.mjs takes buildSuite from here): do not run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => fail(`the harness could not run: ${e?.stack ?? e}`));
}
