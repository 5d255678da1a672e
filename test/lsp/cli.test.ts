/**
 * The bundled `ipmp-lint` (dist/server/cli.js) as a user runs it: a child process on real
 * trees, its exit status, its three output formats, and bad input that must give messages,
 * never a stack trace.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import Ajv from 'ajv';
import { assertNoCrash, runCli, testWorkspace, type CliRun } from './client';

/** Runs ipmp-lint in the temporary folder; a hang fails the test instead of blocking the suite. */
const lint = (...args: string[]): CliRun => runCli(args, { cwd: ws.root });
const write = (file: string, content: string | Buffer): string => ws.write(file, content);

const HOSTS = '::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n';
const DB1_HOSTS = '127.0.0.1\tlocalhost\n10.20.30.40\tdb1\tloghost\n10.20.30.41\tdb1-e1000g0-test\n10.20.30.42\tdb1-e1000g1-test\n';
const DB1_E1000G1 = 'db1-e1000g1-test netmask + broadcast + deprecated -failover group db standy up\n';

/** A line of the text format: `path:line:col: severity code: message`. */
const TEXT_LINE = /^(?<file>[^:\n]+):(?<line>\d+):(?<col>\d+): (?<severity>error|warning|info|hint) (?<code>[a-z0-9-]+): (?<message>.+)$/;

const ws = testWorkspace('ipmp-cli-', {
  server: false,
  setup: () => {
    // A repository of hosts: web1 is clean, db1 has one error and one warning.
    write('repo/web1/etc/hosts', HOSTS);
    write('repo/web1/etc/netmasks', '192.168.10.0\t255.255.255.0\n');
    write('repo/web1/etc/hostname.ce0', 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n');
    write('repo/web1/etc/hostname.ce1', 'web1-ce1-test deprecated -failover netmask + broadcast + group prod up\n');
    write('repo/web1/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=yes\n');
    write('repo/db1/etc/inet/hosts', DB1_HOSTS);
    symlinkSync('./inet/hosts', ws.path('repo/db1/etc/hosts'));
    write('repo/db1/etc/inet/netmasks', '10.20.30.0\t255.255.255.0\n');
    write('repo/db1/etc/hostname.e1000g0', 'db1 netmask + broadcast + group db up \\\naddif db1-e1000g0-test deprecated -failover netmask + broadcast + up\n');
    write('repo/db1/etc/hostname.e1000g1', DB1_E1000G1);
    write('repo/db1/etc/default/mpathd', '# milliseconds\nFAILURE_DETECTION_TIME=10\n');
    // Warnings only.
    write('warn/app1/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10\n');
    // Bad input: a binary file under a hostname name, NUL bytes in each kind of file.
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 37 + 11) & 0xff;
    binary.write('\x7fELF', 0, 'latin1');
    write('bad/box/etc/hostname.ce0', binary);
    write('bad/box/etc/hostname.ce1', 'box\0 netmask + broadcast + up\n');
    write('bad/box/etc/hosts', '127.0.0.1\tlocalhost\n192.168.1.5\tbox\0x\tloghost\n');
    write('bad/box/etc/netmasks', '192.168.1.0\t255.255.255.0\0\n');
    write('bad/box/etc/default/mpathd', 'FAILBACK=no\0\n');
  },
});

describe('exit status', () => {
  test('1 when errors are found, with each problem on its own line', () => {
    const r = lint('repo');
    assertNoCrash(r);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.replace(/^([^:]+:\d+:\d+: \S+ \S+):.*$/, '$1')),
      [
        'repo/db1/etc/default/mpathd:2:24: warning detection-time-units',
        `repo/db1/etc/hostname.e1000g1:1:${DB1_E1000G1.indexOf('standy') + 1}: error unknown-keyword`,
      ],
    );
    assert.equal(lines[lines.length - 1], '1 error(s), 1 warning(s), 0 info');
    assert.equal(r.err, '');
  });

  test('0 on a clean tree', () => {
    const r = lint('repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'no problems\n');
    assert.equal(r.err, '');
  });

  test('0 when there are only warnings', () => {
    const r = lint('warn');
    assert.equal(r.code, 0);
    assert.match(r.out, /^warn\/app1\/etc\/default\/mpathd:1:24: warning detection-time-units: /);
    assert.match(r.out, /\n0 error\(s\), 1 warning\(s\), 0 info\n$/);
  });

  test('1 when a --rule turns a warning into an error', () => {
    assert.equal(lint('--rule', 'detection-time-units=error', 'warn').code, 1);
  });

  test('2 on bad usage, with the reason and the usage on stderr', () => {
    for (const args of [[], ['--format', 'xml', 'repo'], ['--format'], ['--bogus', 'repo'], ['--rule', 'no-such-rule=off', 'repo'], ['--rule', 'unknown-keyword=loud', 'repo'], ['--release', 's12', 'repo']]) {
      const r = lint(...args);
      assertNoCrash(r);
      assert.equal(r.code, 2, `ipmp-lint ${args.join(' ')}`);
      assert.match(r.err, /^ipmp-lint: .+\n\nUsage: ipmp-lint /, `ipmp-lint ${args.join(' ')}`);
      assert.equal(r.out, '');
    }
  });

  test('2 on a path that cannot be read, with a clear message; the other paths are still checked', () => {
    const r = lint('no/such/etc', 'repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'ipmp-lint: cannot read no/such/etc: no such file or folder\n');
    assert.equal(r.out, 'no problems\n');
  });

  test('2 on a dangling symlink given by name', () => {
    symlinkSync('./gone', ws.path('repo/web1/etc/hostname.ce9'));
    try {
      const r = lint('repo/web1/etc/hostname.ce9');
      assertNoCrash(r);
      assert.equal(r.code, 2);
      assert.match(r.err, /^ipmp-lint: cannot read repo\/web1\/etc\/hostname\.ce9: no such file or folder\n$/);
    } finally {
      rmSync(ws.path('repo/web1/etc/hostname.ce9'));
    }
  });

  test('a FIFO named like a hostname file is reported, not waited on', () => {
    mkdirSync(ws.path('fifo/etc'), { recursive: true });
    const fifo = ws.path('fifo/etc/hostname.ce0');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const byName = lint('fifo/etc/hostname.ce0');
    assertNoCrash(byName);
    assert.equal(byName.code, 2);
    assert.match(byName.err, /cannot read fifo\/etc\/hostname\.ce0/);
    const inTree = lint('fifo');
    assertNoCrash(inTree);
    assert.equal(inTree.code, 0);
  });
});

describe('--release illumos and s11', () => {
  test('s11: every hostname file gets hostname-file-not-read and nothing else; mpathd is still checked', () => {
    const r = lint('--release', 's11', 'repo');
    assertNoCrash(r);
    // Warnings only: the misspelt keyword in a file Solaris 11 never reads is no error.
    assert.equal(r.code, 0);
    const lines = r.out.trimEnd().split('\n');
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.replace(/^([^:]+:\d+:\d+: \S+ \S+):.*$/, '$1')),
      [
        'repo/db1/etc/default/mpathd:2:24: warning detection-time-units',
        'repo/db1/etc/hostname.e1000g0:1:1: warning hostname-file-not-read',
        'repo/db1/etc/hostname.e1000g1:1:1: warning hostname-file-not-read',
        'repo/web1/etc/hostname.ce0:1:1: warning hostname-file-not-read',
        'repo/web1/etc/hostname.ce1:1:1: warning hostname-file-not-read',
      ],
    );
    assert.match(r.out, /hostname\.ce0:1:1: warning hostname-file-not-read: Solaris 11 does not read hostname files: this interface is configured with ipadm \(run 'Convert Host to Solaris 11 ipadm'\)/);
    assert.equal(lines[lines.length - 1], '0 error(s), 5 warning(s), 0 info');
    assert.equal(lint('--release', 's11', '--max-warnings', '0', 'repo').code, 1);
  });

  test('s11 in the project file too; the range is the whole first line', () => {
    write('s11proj/.ipmp-lint.json', '{ "release": "s11" }\n');
    write('s11proj/h/etc/hostname.ce0', 'web1 netmask + broadcast + up\r\n');
    write('s11proj/h/etc/hosts', HOSTS);
    const r = lint('--format', 'json', 's11proj');
    assert.equal(r.code, 0);
    const problems = JSON.parse(r.out) as { file: string; line: number; column: number; endLine: number; endColumn: number; code: string }[];
    assert.deepEqual(
      problems.map((p) => [p.file, p.code, p.line, p.column, p.endLine, p.endColumn]),
      [['s11proj/h/etc/hostname.ce0', 'hostname-file-not-read', 1, 1, 1, 'web1 netmask + broadcast + up'.length + 1]],
    );
  });

  test('illumos reads hostname files: the same findings as Solaris 10 on this tree', () => {
    const s10 = lint('repo');
    const illumos = lint('--release', 'illumos', 'repo');
    assertNoCrash(illumos);
    assert.equal(illumos.code, 1);
    assert.equal(illumos.out, s10.out);
  });

  test('explain --release s11: the boot plumbs only lo0 and says why', () => {
    const r = lint('explain', '--release', 's11', 'repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 0);
    assert.match(r.out, /ipadm enable-if -t lo0/);
    assert.match(r.out, /Solaris 11 reads its network configuration from ipadm \(\/etc\/ipadm\/ipadm\.conf\), not from hostname files: hostname\.ce0, hostname\.ce1 are not read/);
    assert.doesNotMatch(r.out, /ifconfig ce0/);
  });
});

describe('output formats', () => {
  test('text: every line is path:line:col: severity code: message, then a summary', () => {
    const r = lint('repo');
    const lines = r.out.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, TEXT_LINE);
    assert.match(lines[lines.length - 1]!, /^\d+ error\(s\), \d+ warning\(s\), \d+ info$/);
  });

  test('json: the same problems, with places and related locations', () => {
    const text = lint('repo').out.trimEnd().split('\n').slice(0, -1);
    const r = lint('--format', 'json', 'repo');
    assert.equal(r.code, 1);
    const problems = JSON.parse(r.out) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string; related: unknown[] }[];
    assert.ok(Array.isArray(problems));
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}`),
      text,
    );
    const typo = problems.find((p) => p.code === 'unknown-keyword')!;
    assert.deepEqual(
      { line: typo.line, column: typo.column, endLine: typo.endLine, endColumn: typo.endColumn, related: typo.related },
      { line: 1, column: DB1_E1000G1.indexOf('standy') + 1, endLine: 1, endColumn: DB1_E1000G1.indexOf('standy') + 'standy'.length + 1, related: [] },
    );
  });

  test('json on a clean tree is an empty list', () => {
    const r = lint('--format=json', 'repo/web1');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), []);
  });

  test('sarif: valid SARIF 2.1.0 with one result per problem', () => {
    const problems = JSON.parse(lint('--format', 'json', 'repo').out) as { code: string }[];
    const r = lint('--format', 'sarif', 'repo');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    assert.equal(log.version, '2.1.0');
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'ipmp-lint');
    assert.deepEqual(run.results.map((x: { ruleId: string }) => x.ruleId), problems.map((p) => p.code));
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, 'repo/db1/etc/hostname.e1000g1');
  });
});

describe('bad input: messages, never a stack trace', () => {
  test('a binary file named hostname.ce0 and NUL bytes in every kind of file', () => {
    const r = lint('bad');
    assertNoCrash(r);
    assert.equal(r.code, 1);
    for (const file of ['hostname.ce0', 'hostname.ce1', 'hosts', 'netmasks', 'default/mpathd']) {
      assert.ok(r.out.includes(`bad/box/etc/${file}:`), `a message for ${file}`);
    }
  });

  test('json and sarif stay parseable on a binary file', () => {
    for (const format of ['json', 'sarif']) {
      const r = lint('--format', format, 'bad');
      assertNoCrash(r);
      assert.equal(r.code, 1);
      assert.doesNotThrow(() => JSON.parse(r.out), format);
    }
  });

  test('a binary file given by name', () => {
    const r = lint('bad/box/etc/hostname.ce0');
    assertNoCrash(r);
    assert.equal(r.code, 1);
    assert.match(r.out, /^bad\/box\/etc\/hostname\.ce0:1:1: /);
  });

  test(
    'text output puts no control characters from the file on the terminal',
    () => {
      const r = lint('bad');
      const controls = [...r.out].filter((c) => c !== '\n' && (c < ' ' || c === '\x7f'));
      assert.deepEqual(controls, []);
      for (const line of r.out.trimEnd().split('\n').slice(0, -1)) assert.match(line, TEXT_LINE);
    },
  );
});
