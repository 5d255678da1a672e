/**
 * The editor and `ipmp-lint` give identical findings on the same tree: the bundled examples
 * and every published configuration, as they are and under a project file (.ipmp-lint.json)
 * that changes the release, a rule's level and ignores a rule by glob. The editor is the
 * language server over LSP with every file open; the CLI is the bundled dist/server/cli.js.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { languageOf, testWorkspace, REPO_ROOT, runCli, uriOf } from './client';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

interface CliProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const ws = testWorkspace('ipmp-parity-');

/** Every file under a folder (relative `/` paths), SOURCE.md and README.md left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, `${prefix}${name}/`));
    // Notes, project files and expected outputs (solaris11-ipadm.txt) are no Solaris files.
    else if (!/\.(md|txt)$/.test(name) && name !== '.ipmp-lint.json') out.push(`${prefix}${name}`);
  }
  return out;
}

const line = (file: string, p: Omit<CliProblem, 'file'>): string => `${file}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.severity} ${p.code}: ${p.message}`;

/** What the editor shows for every file of the tree, opened one after another. */
async function editorFindings(tree: string): Promise<string[]> {
  const files = filesUnder(tree);
  const uris = files.map((f) => uriOf(path.join(tree, f)));
  for (const [i, file] of files.entries()) await ws.client.open(uris[i]!, languageOf(file), readFileSync(path.join(tree, file), 'utf8'));
  const out: string[] = [];
  for (const [i, file] of files.entries()) {
    // Each open publishes its version 1; the text is the disk's, so the other files being open
    // or not changes nothing, and that publication is the answer.
    const ds = await ws.client.diagnostics(uris[i]!, { version: 1 });
    for (const d of ds) {
      out.push(
        line(path.relative(ws.root, path.join(tree, file)), {
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          severity: SEVERITY[d.severity ?? 1]!,
          code: String(d.code),
          message: typeof d.message === 'string' ? d.message : d.message.value,
        }),
      );
    }
  }
  for (const uri of uris) await ws.client.close(uri);
  return out.sort();
}

function cliFindings(tree: string): string[] {
  const r = runCli(['-f', 'json', path.relative(ws.root, tree)], { cwd: ws.root, timeout: 60_000 });
  assert.ok(r.code === 0 || r.code === 1, `ipmp-lint: status ${r.code}\n${r.err}`);
  assert.equal(r.err, '');
  return (JSON.parse(r.out) as CliProblem[]).map(({ file, ...p }) => line(file, p)).sort();
}

const TREES = [
  ...readdirSync(path.join(REPO_ROOT, 'examples'))
    .filter((d) => statSync(path.join(REPO_ROOT, 'examples', d)).isDirectory())
    .map((d) => ({ name: `examples/${d}`, source: path.join(REPO_ROOT, 'examples', d) })),
  ...readdirSync(path.join(REPO_ROOT, 'test', 'fixtures', 'published')).map((d) => ({ name: `published/${d}`, source: path.join(REPO_ROOT, 'test', 'fixtures', 'published', d) })),
];

describe('editor and ipmp-lint: the same findings', () => {
  test('there are trees to compare, and findings in them', () => {
    assert.ok(TREES.length >= 10, TREES.map((t) => t.name).join(', '));
  });

  let total = 0;
  let changed = 0;
  for (const tree of TREES) {
    test(`${tree.name}, as published`, async () => {
      const copy = ws.path(path.join('plain', tree.name));
      cpSync(tree.source, copy, { recursive: true });
      const editor = await editorFindings(copy);
      assert.deepEqual(editor, cliFindings(copy));
      total += editor.length;
    });

    test(`${tree.name}, under a project file`, async () => {
      const copy = ws.path(path.join('configured', tree.name));
      cpSync(tree.source, copy, { recursive: true });
      const plain = cliFindings(ws.path(path.join('plain', tree.name)));
      writeFileSync(
        path.join(copy, '.ipmp-lint.json'),
        JSON.stringify({
          release: 's9',
          rules: { 'single-interface-group': 'warning', 'netmask-not-found': 'error', 'no-test-address': 'off' },
          ignore: { '**/hostname{,6}.{ce,qfe,hme}[0-9]': ['test-address-not-deprecated', 'unresolved-host'], '**/{hosts,netmasks}': ['invalid-host-name'] },
        }),
      );
      const editor = await editorFindings(copy);
      const cli = cliFindings(copy);
      assert.deepEqual(editor, cli);
      // The project file changed something somewhere (over all trees, checked below).
      if (JSON.stringify(cli.map((l) => l.replace(/^[^ ]+ /, ''))) !== JSON.stringify(plain.map((l) => l.replace(/^[^ ]+ /, '')))) changed++;
    });
  }

  test('the comparison was not empty, and the project file mattered', () => {
    assert.ok(total > 5, `${total} findings compared`);
    assert.ok(changed >= 1, `the project file changed the findings of ${changed} trees`);
  });
});
