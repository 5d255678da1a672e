// `npm run test:grammar`: runs every test/grammar/*.test file through vscode-tmgrammar-test
// with the four generated grammars, and fails when a test fails, a grammar file is missing,
// or a language has no test file at all.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(repoRoot, 'test', 'grammar');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const grammars = manifest.contributes.grammars.map((g) => ({ scopeName: g.scopeName, path: join(repoRoot, g.path) }));

const problems = [];
for (const grammar of grammars) {
  if (!existsSync(grammar.path)) problems.push(`missing ${relative(repoRoot, grammar.path)} (run npm run grammars)`);
}

const testFiles = existsSync(testDir)
  ? readdirSync(testDir)
      .filter((name) => name.endsWith('.test'))
      .sort()
      .map((name) => join(testDir, name))
  : [];

// The header names the grammar a file tests: `<comment token> SYNTAX TEST "<scope>"`.
const filesByScope = new Map(grammars.map((g) => [g.scopeName, []]));
for (const file of testFiles) {
  const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0];
  const scope = /SYNTAX\s+TEST\s+"([^"]+)"/.exec(header)?.[1];
  if (!scope) problems.push(`${relative(repoRoot, file)}: no SYNTAX TEST header`);
  else if (!filesByScope.has(scope)) problems.push(`${relative(repoRoot, file)}: unknown scope ${scope}`);
  else filesByScope.get(scope).push(file);
}
for (const [scope, files] of filesByScope) {
  if (files.length === 0) problems.push(`no grammar test for ${scope}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`grammar tests: ${problem}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const toolManifestPath = require.resolve('vscode-tmgrammar-test/package.json');
const toolManifest = JSON.parse(readFileSync(toolManifestPath, 'utf8'));
const toolBin = join(dirname(toolManifestPath), toolManifest.bin['vscode-tmgrammar-test']);

const args = [toolBin, ...grammars.flatMap((g) => ['--grammar', g.path]), ...testFiles.map((f) => relative(repoRoot, f))];
const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });

const counts = [...filesByScope].map(([scope, files]) => `${scope}: ${files.length}`).join(', ');
if (result.status === 0) {
  console.log(`\ngrammar tests passed: ${testFiles.length} files (${counts})`);
} else {
  console.error(`\ngrammar tests FAILED (vscode-tmgrammar-test exit ${result.status ?? result.signal}); ${testFiles.length} files (${counts})`);
  process.exit(1);
}
