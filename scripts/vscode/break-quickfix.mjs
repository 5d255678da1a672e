// Proves that the real-VS-Code layer catches a broken quick fix: builds two VSIXes from a scratch
// copy of the sources (never the repository's own files) — one as the sources are, one in which
// every did-you-mean replacement (`replaceSpan` in server/src/rules/edits.ts) covers one
// character too many — and runs the extension-host suite's quick-fix tests and the
// example-workspace scenario against each.
//
// A layer CAUGHT the mutation only when
//   - against the unchanged build it ran and passed (so what fails later is the mutation's doing),
//   - against the broken build it ran and tests failed: run-tests.mjs exited 1 and its --result
//     file names the failing tests or steps.
// A layer that could not run (run-tests.mjs exit 2, any other exit, no result file, a result that
// names no failing test) proves nothing either way: the check stops there and says so.
//
// Exit code: 0 every layer caught the mutation; 1 a layer stayed green on the broken build (it
// would let such a bug through); 2 the check could not run (the build or packaging failed, a layer
// could not run, or a layer was not green without the mutation).
//
// Usage: node scripts/vscode/break-quickfix.mjs [--keep]   (--keep: leave the scratch copy)
// IPMP_CODE_SERVER_BIN=<entry.js> is passed on to run-tests.mjs (see install.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './install.mjs';

const keep = process.argv.includes('--keep');
// What the build reads, and every top-level entry the manifest's `files` packs (dist/ is built).
const PACKAGED = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).files.map((f) => f.split('/')[0]);
const SOURCES = [...new Set(['package.json', 'tsconfig.json', 'client', 'server', 'scripts', ...PACKAGED])].filter((e) => e !== 'dist');

// The mutation: a replacement's range ends one character late (it eats the next character).
const FILE = 'server/src/rules/edits.ts';
const ORIGINAL = 'return { range: span.range, newText };';
const BROKEN = 'return { range: { start: span.range.start, end: { line: span.range.end.line, character: span.range.end.character + 1 } }, newText };';

const LAYERS = [
  ['extension-host suite', ['--suite', '--grep', 'quick fixes'], 'suite'],
  ['user scenario', ['--scenario', 'examples'], 'scenarios'],
];

const EXIT_CAUGHT = 0;
const EXIT_NOT_CAUGHT = 1;
const EXIT_CANNOT_RUN = 2;

const say = (message) => console.log(message.startsWith('\n') ? `\n[break-quickfix] ${message.slice(1)}` : `[break-quickfix] ${message}`);

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, signal: r.signal, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

let scratch;
function stop(code, message) {
  if (code === EXIT_CANNOT_RUN) console.error(`\n[break-quickfix] COULD NOT RUN — no verdict on the layers (exit 2): ${message}`);
  else console.log(`\n[break-quickfix] ${message} (exit ${code})`);
  if (scratch && !keep) rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}

/** Builds the scratch copy's sources and packs them as `name`.vsix; stops the check when that fails. */
function pack(name) {
  const build = run(process.execPath, ['scripts/build.mjs', '--production'], scratch);
  if (build.code !== 0) stop(EXIT_CANNOT_RUN, `the ${name} build failed:\n${build.out}`);
  const vsix = path.join(scratch, `${name}.vsix`);
  // --no-rewrite-relative-links: the README's image needs no repository URL for a test VSIX.
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const packed = run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], scratch);
  if (packed.code !== 0) stop(EXIT_CANNOT_RUN, `vsce failed for the ${name} build:\n${packed.out}`);
  say(`built ${vsix}`);
  return vsix;
}

/**
 * One layer against one VSIX, through run-tests.mjs and its --result file.
 * @returns {{status: 'passed'|'failed'|'error', failed: string[], reason?: string}}
 */
function runLayer(name, args, part, vsix) {
  const resultFile = path.join(scratch, `result-${part}-${path.basename(vsix, '.vsix')}.json`);
  rmSync(resultFile, { force: true });
  const r = run(process.execPath, [path.join(ROOT, 'scripts', 'vscode', 'run-tests.mjs'), '--vsix', vsix, '--result', resultFile, ...args], ROOT);
  // What a reader of the CI log would see: the failing tests and steps, or why nothing ran.
  const lines = r.out
    .split('\n')
    .filter((l) => /^\s+\d+\) |✖|AssertionError|^\s*[+-] '|passing|failing|suite (passed|failed|error)|scenario:\w+\] |waiting for|FAILED|COULD NOT RUN|CANNOT RUN|could not run|Error:/.test(l))
    .slice(0, 60);
  console.log(lines.join('\n'));
  const exit = r.code ?? r.signal;
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  const outcome = result?.parts?.[part];
  if (!result || !outcome) {
    return { status: 'error', failed: [], reason: `run-tests.mjs exited ${exit} and wrote no result for the ${part}${result?.reason ? `: ${result.reason}` : ''}` };
  }
  if (exit !== result.exitCode) return { status: 'error', failed: [], reason: `run-tests.mjs exited ${exit} but its result says ${result.exitCode}` };
  if (outcome.status === 'failed' && (exit !== 1 || outcome.failed.length === 0)) {
    return { status: 'error', failed: [], reason: `a failure without failing tests (exit ${exit}, ${outcome.failed.length} named)` };
  }
  return { status: outcome.status, failed: outcome.failed ?? [], ...(outcome.reason ? { reason: outcome.reason } : {}) };
}

function main() {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ipmp-broken-'));
  for (const entry of SOURCES) {
    if (existsSync(path.join(ROOT, entry))) cpSync(path.join(ROOT, entry), path.join(scratch, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'));
  const source = readFileSync(path.join(scratch, FILE), 'utf8');
  if (!source.includes(ORIGINAL)) stop(EXIT_CANNOT_RUN, `${FILE} no longer has "${ORIGINAL}": update the mutation`);
  say(`scratch copy ${scratch}`);
  const unchanged = pack('unchanged');
  writeFileSync(path.join(scratch, FILE), source.replace(ORIGINAL, BROKEN));
  say(`${FILE}: replaceSpan's range now ends one character late`);
  const broken = pack('broken');

  const verdicts = [];
  for (const [name, args, part] of LAYERS) {
    say(`\n${name} against the UNCHANGED build (it must pass, or its failures prove nothing)…`);
    const before = runLayer(name, args, part, unchanged);
    if (before.status !== 'passed') {
      stop(EXIT_CANNOT_RUN, before.status === 'error'
        ? `${name} could not run against the unchanged build: ${before.reason}`
        : `${name} is already red without the mutation (${before.failed.join('; ')})`);
    }
    say(`${name}: green on the unchanged build`);

    say(`\n${name} against the BROKEN build…`);
    const after = runLayer(name, args, part, broken);
    if (after.status === 'error') stop(EXIT_CANNOT_RUN, `${name} could not run against the broken build: ${after.reason}`);
    if (after.status === 'failed') {
      say(`${name}: caught — ${after.failed.length} failing: ${after.failed.join('; ')}`);
      verdicts.push([name, true]);
    } else {
      say(`${name}: stayed GREEN on the broken build — NOT caught`);
      verdicts.push([name, false]);
    }
  }
  const caught = verdicts.filter(([, c]) => c).length;
  stop(caught === LAYERS.length ? EXIT_CAUGHT : EXIT_NOT_CAUGHT, `${caught} of ${LAYERS.length} layers caught the broken quick fix${caught < LAYERS.length ? ` (not caught: ${verdicts.filter(([, c]) => !c).map(([n]) => n).join(', ')})` : ''}`);
}

try {
  main();
} catch (e) {
  // Anything unexpected is the check failing to run, never a verdict (exit 1 would read as one).
  stop(EXIT_CANNOT_RUN, `the check itself failed: ${e?.stack ?? e}`);
}
