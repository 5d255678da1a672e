/**
 * ipmp-lint on real trees, in all three formats, with its exit codes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { main, type LintProblem } from '../../server/src/cli';
import { defaultThreads } from '../../server/src/lintThreads';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

async function lint(args: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

let tree: string;
before(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'ipmp-lint-'));
  cpSync(EXAMPLES, path.join(tree, 'examples'), { recursive: true });
});
after(() => rmSync(tree, { recursive: true, force: true }));

describe('ipmp-lint --jobs default', () => {
  test('one checking thread on two cores or fewer (the engine\'s own threads use the rest), else one per core, at most 8', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 16].map((cores) => defaultThreads(cores).checking), [1, 1, 3, 4, 8, 8]);
  });
  test('a thread reading ahead only where one thread checks and a second core is there', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 16].map((cores) => defaultThreads(cores).readsAhead), [false, true, false, false, false, false]);
  });
});

describe('ipmp-lint', () => {
  test('prints exactly the planted mistakes of examples/, like a compiler, and exits 1', async () => {
    const { code, out } = await lint(['examples'], tree);
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.replace(/: [^:]*$/, '').replace(/(: (error|warning|info|hint) [a-z-]+).*/, '$1')),
      [
        'examples/legacy1/etc/default/mpathd:2:24: warning detection-time-units',
        'examples/legacy1/etc/default/mpathd:3:9: error setting-syntax',
        'examples/legacy1/etc/hostname.qfe0:1:1: error comment-not-supported',
        'examples/legacy1/etc/hostname.qfe1:1:1: error unresolved-host',
        'examples/legacy1/etc/hostname.qfe1:1:72: error unknown-keyword',
        'examples/legacy1/etc/hostname.qfe2:1:1: error missing-final-newline',
        'examples/legacy1/etc/hostname.qfe2:1:36: error unknown-keyword',
      ],
    );
    assert.match(lines[lines.length - 1]!, /^6 error\(s\), 1 warning\(s\), 0 info$/);
  });

  test('a clean tree exits 0', async () => {
    const { code, out } = await lint([path.join(tree, 'examples/web1'), path.join(tree, 'examples/db1')]);
    assert.equal(code, 0);
    assert.equal(out, 'no problems\n');
  });

  test('--format json lists every problem with its place', async () => {
    const { code, out } = await lint(['--format', 'json', 'examples/legacy1'], tree);
    assert.equal(code, 1);
    const problems = JSON.parse(out) as LintProblem[];
    assert.equal(problems.length, 7);
    const unresolved = problems.find((p) => p.code === 'unresolved-host')!;
    assert.deepEqual(
      { file: unresolved.file, line: unresolved.line, column: unresolved.column, endColumn: unresolved.endColumn, severity: unresolved.severity },
      { file: 'examples/legacy1/etc/hostname.qfe1', line: 1, column: 1, endColumn: 'legacy1-qfe1-tst'.length + 1, severity: 'error' },
    );
  });

  test('--format sarif is valid SARIF 2.1.0', async () => {
    const { code, out } = await lint(['--format=sarif', 'examples'], tree);
    assert.equal(code, 1);
    const log = JSON.parse(out);
    const ajv = new Ajv({ schemaId: 'id', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.runs[0].results.length, 7);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/legacy1/etc/default/mpathd');
  });

  test('--rule changes a severity; errors turned off exit 0', async () => {
    const off = ['comment-not-supported', 'unresolved-host', 'unknown-keyword', 'missing-final-newline', 'setting-syntax'].flatMap((r) => ['--rule', `${r}=off`]);
    const { code, out } = await lint([...off, 'examples'], tree);
    assert.equal(code, 0);
    assert.match(out, /detection-time-units/);
  });

  test('bad usage exits 2 with the reason and the usage', async () => {
    for (const args of [[], ['--format', 'xml', 'x'], ['--rule', 'nonsense=off', 'x'], ['--release', 's12', 'x'], ['--frobnicate', 'x']]) {
      const { code, err } = await lint(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^ipmp-lint: .+\n\nUsage: ipmp-lint/);
    }
  });

  test('an unreadable path gets a clear message and exit 2, the rest is still checked', async () => {
    const { code, out, err } = await lint([path.join(tree, 'no-such-dir'), path.join(tree, 'examples/web1')]);
    assert.equal(code, 2);
    assert.match(err, /ipmp-lint: cannot read .*no-such-dir: no such file or folder/);
    assert.equal(out, 'no problems\n');
  });

  test('a captured /etc with the hosts symlink is checked once, and symlink loops do not hang', async () => {
    const etc = path.join(tree, 'captured', 'etc');
    mkdirSync(path.join(etc, 'inet'), { recursive: true });
    writeFileSync(path.join(etc, 'inet', 'hosts'), '127.0.0.1 localhost\n192.168.1.5 box loghost\n');
    symlinkSync('./inet/hosts', path.join(etc, 'hosts'));
    symlinkSync('..', path.join(etc, 'loop'));
    writeFileSync(path.join(etc, 'hostname.e1000g0'), 'box\n');
    const { code, out } = await lint([path.join(tree, 'captured')]);
    assert.equal(code, 0);
    assert.equal(out, 'no problems\n');
  });

  test('--help and --version exit 0', async () => {
    assert.equal((await lint(['--help'])).code, 0);
    assert.match((await lint(['--version'])).out, /^ipmp-lint \S+\n$/);
  });
});
