// Proves that the real-VS-Code layer catches a broken quick fix: builds a VSIX from a scratch copy
// of the sources (never the repository's own files) in which every did-you-mean replacement
// (`replaceSpan` in server/src/rules/edits.ts) covers one character too many, then runs the
// extension-host suite's quick-fix tests and the example-workspace scenario against it.
//
// Exit code: 0 when both layers FAILED on the broken build (the mutation was caught), 1 when one
// stayed green (the layer would let such a bug through) or the check could not run.
//
// Usage: node scripts/vscode/break-quickfix.mjs [--keep]   (--keep: leave the scratch copy)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './install.mjs';

const keep = process.argv.includes('--keep');
const SOURCES = ['package.json', 'tsconfig.json', 'client', 'server', 'syntaxes', 'snippets', 'scripts', 'README.md', 'CHANGELOG.md', 'LICENSE', 'schemas', 'images'];

// The mutation: a replacement's range ends one character late (it eats the next character).
const FILE = 'server/src/rules/edits.ts';
const ORIGINAL = 'return { range: span.range, newText };';
const BROKEN = 'return { range: { start: span.range.start, end: { line: span.range.end.line, character: span.range.end.character + 1 } }, newText };';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function die(message) {
  console.error(`[break-quickfix] ${message}`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ipmp-broken-'));
try {
  for (const entry of SOURCES) {
    if (existsSync(path.join(ROOT, entry))) cpSync(path.join(ROOT, entry), path.join(scratch, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'));
  const source = readFileSync(path.join(scratch, FILE), 'utf8');
  if (!source.includes(ORIGINAL)) die(`${FILE} no longer has "${ORIGINAL}": update the mutation`);
  writeFileSync(path.join(scratch, FILE), source.replace(ORIGINAL, BROKEN));
  console.log(`[break-quickfix] scratch copy ${scratch}; ${FILE}: replaceSpan's range now ends one character late`);

  const build = run(process.execPath, ['scripts/build.mjs', '--production'], scratch);
  if (build.code !== 0) die(`the build failed:\n${build.out}`);
  const vsix = path.join(scratch, 'broken.vsix');
  // --no-rewrite-relative-links: the README's image needs no repository URL for a test VSIX.
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const pack = run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], scratch);
  if (pack.code !== 0) die(`vsce failed:\n${pack.out}`);
  console.log(`[break-quickfix] built ${vsix}`);

  const runner = path.join(ROOT, 'scripts', 'vscode', 'run-tests.mjs');
  const layers = [
    ['extension-host suite', ['--suite', '--grep', 'quick fixes']],
    ['user scenario', ['--scenario', 'examples']],
  ];
  let caught = 0;
  for (const [name, args] of layers) {
    console.log(`\n[break-quickfix] ${name} against the broken VSIX…`);
    const r = run(process.execPath, [runner, '--vsix', vsix, ...args], ROOT);
    // What a reader of the CI log would see: the failing tests and steps.
    const lines = r.out
      .split('\n')
      .filter((l) => /^\s+\d+\) |✖|AssertionError|^\s*[+-] '|passing|failing|suite exit code|scenario:\w+\] |waiting for|FAILED/.test(l))
      .slice(0, 60);
    console.log(lines.join('\n'));
    if (r.code !== 0) {
      caught++;
      console.log(`[break-quickfix] ${name}: FAILED on the broken build (exit ${r.code}) — caught`);
    } else {
      console.log(`[break-quickfix] ${name}: stayed GREEN on the broken build — NOT caught`);
    }
  }
  console.log(`\n[break-quickfix] ${caught} of ${layers.length} layers caught the broken quick fix`);
  process.exitCode = caught === layers.length ? 0 : 1;
} finally {
  if (!keep) rmSync(scratch, { recursive: true, force: true });
}
