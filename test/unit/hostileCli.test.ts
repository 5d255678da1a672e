/**
 * ipmp-lint on reads that fail with "permission denied". Tests run as root, and root reads
 * anything whatever its mode, so the failures are injected into node:fs for one call at a time
 * (ipmp-lint lists, examines, reads and writes with node:fs's synchronous calls: a command-line
 * run has nothing to do while it waits).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdirSync, mkdtempSync, promises as fsp, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';

type Patchable = Record<'readdirSync' | 'statSync' | 'openSync' | 'writeFileSync', (...args: unknown[]) => unknown>;

/** Runs ipmp-lint in-process while `method` fails with EACCES for paths ending in `suffix`. */
async function lintDenied(method: keyof Patchable, suffix: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const target = fs as unknown as Patchable;
  const original = target[method];
  target[method] = (...a: unknown[]) => {
    if (String(a[0]).endsWith(suffix)) throw Object.assign(new Error(`EACCES: permission denied, ${method} '${String(a[0])}'`), { code: 'EACCES' });
    return original.apply(fs, a);
  };
  let out = '';
  let err = '';
  try {
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } finally {
    target[method] = original;
  }
}

let root: string;
const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tbox\tloghost\n';

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ipmp-cli-denied-'));
  for (const [file, text] of Object.entries({
    'a/etc/hosts': HOSTS,
    'a/etc/hostname.ce0': 'box netmask + broadcast + up\n',
    'b/etc/hosts': HOSTS,
    'b/etc/hostname.ce0': 'box netmask + broadcast + UP\n',
  })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('ipmp-lint on reads denied', () => {
  test('a folder that cannot be listed: one line on stderr, exit 2, the rest is checked', async () => {
    const r = await lintDenied('readdirSync', `${path.sep}b`, [root]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `ipmp-lint: cannot read folder ${path.join(root, 'b')}: permission denied\n`);
    assert.equal(r.out, 'no problems\n');
  });

  test('errors elsewhere and a folder not read: 3, neither hides the other', async () => {
    const r = await lintDenied('readdirSync', `${path.sep}a`, [root]);
    assert.equal(r.code, 3);
    assert.match(r.err, /^ipmp-lint: cannot read folder .*\/a: permission denied\n$/);
    assert.match(r.out, /b\/etc\/hostname\.ce0:1:27: error unknown-keyword: /);
  });

  test('a path given that cannot be examined', async () => {
    const r = await lintDenied('statSync', `${path.sep}a`, [path.join(root, 'a')]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `ipmp-lint: cannot read ${path.join(root, 'a')}: permission denied\n`);
  });

  test('a hosts file that cannot be read: reported itself, and the hostname file says its names were not checked', async () => {
    const r = await lintDenied('openSync', `a${path.sep}etc${path.sep}hosts`, ['--format', 'json', path.join(root, 'a')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^ipmp-lint: cannot read .*a\/etc\/hosts: permission denied\n$/);
    const problems = JSON.parse(r.out) as { code: string; severity: string; message: string; line: number; column: number }[];
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.line, p.column, p.message]),
      [['unreadable-file', 'info', 1, 1, 'hosts (permission denied) could not be read: the host names this file uses were not checked.']],
    );
  });
});

describe('ipmp-lint --fix on a write denied', () => {
  test('the file is left as it was, the problems reported are the ones it still has, status 3', async () => {
    const file = path.join(root, 'b/etc/hostname.ce0');
    const before = await fsp.readFile(file, 'utf8');
    const r = await lintDenied('writeFileSync', `b${path.sep}etc${path.sep}hostname.ce0`, ['--fix', path.join(root, 'b')]);
    assert.equal(r.code, 3);
    assert.equal(await fsp.readFile(file, 'utf8'), before);
    assert.match(r.err, /^ipmp-lint: cannot write .*b\/etc\/hostname\.ce0: permission denied; it is left as it was\n/m);
    assert.doesNotMatch(r.err, /fixed .*hostname\.ce0/, 'nothing is said to be fixed');
    assert.match(r.out, /hostname\.ce0:1:27: error unknown-keyword: 'UP'/);
  });
});
