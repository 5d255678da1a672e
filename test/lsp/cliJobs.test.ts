/**
 * `ipmp-lint --jobs`: worker threads check chunks of hosts, and what is printed must not depend
 * on how many threads there are. The bundled CLI (dist/server/cli.js) as a user runs it, on the
 * repository's examples and fixtures and on a generated fleet of a few hundred hosts with
 * mistakes, project files, captures and unreadable files planted across it: the same stdout,
 * stderr and exit status byte for byte for --jobs 1, --jobs 2 and the default, in every format.
 * A worker that fails is reported and its share checked by the main thread: never a crash, never
 * a hang (every run has a deadline).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, assertNoCrash, runCli, type CliRun } from './client';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
/** Hosts of the generated fleet: enough files (about 2,100) for the default to use every core. */
const FLEET_HOSTS = 300;

let root: string;

/** The bundled ipmp-lint in the test's tree, without colour, with a deadline and room for a fleet's output. */
function lint(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  return runCli(args, { cwd: root, input: options.input, env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
}

/**
 * The ways a run can be shared out: worker threads (-j 2), the default for this machine, and the
 * default on two cores (one checking thread and a thread reading the files ahead of it).
 */
const SHARINGS: readonly { readonly label: string; readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv }[] = [
  { label: '-j 2', args: ['-j', '2'] },
  { label: 'the default', args: [] },
  // The fleet is smaller than a tree where the default reads ahead: the threshold is lowered.
  { label: 'the default on two cores', args: [], env: { IPMP_LINT_TEST_CORES: '2', IPMP_LINT_TEST_READ_AHEAD_FROM: '1' } },
];

/** The same run with --jobs 1 and every other sharing: every byte and the status agree. */
function assertSameForEveryJobs(args: readonly string[], options: { input?: string } = {}): CliRun {
  const one = lint(['--jobs', '1', ...args], options);
  assertNoCrash(one);
  for (const sharing of SHARINGS) {
    const other = lint([...sharing.args, ...args], { ...options, env: sharing.env });
    assert.equal(other.code, one.code, `exit status with ${sharing.label}: ${args.join(' ')}`);
    assert.equal(other.err, one.err, `stderr with ${sharing.label}: ${args.join(' ')}`);
    // Not assert.equal on megabytes: a mismatch prints the first line that differs.
    if (other.out !== one.out) {
      const a = one.out.split('\n');
      const b = other.out.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      assert.fail(`stdout with ${sharing.label} differs at line ${at + 1}: ${args.join(' ')}\n--jobs 1: ${a[at]}\nother:    ${b[at]}`);
    }
  }
  return one;
}

function write(file: string, content: string | Buffer): void {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

/** Host folders of the generated fleet, in name order. */
let fleetHosts: string[];

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ipmp-cli-jobs-'));
  cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures'), path.join(root, 'fixtures'), { recursive: true });

  const generate = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'bench', 'generate.mjs')).href)) as { generateTree(root: string, hosts: number): { files: number } };
  const { files } = generate.generateTree(path.join(root, 'fleet'), FLEET_HOSTS);
  assert.ok(files >= 2000, `the fleet has ${files} files: the default must use more than one thread`);
  fleetHosts = readdirSorted(path.join(root, 'fleet'));
  const host = (n: number): string => `fleet/${fleetHosts[n]}`;
  // Mistakes spread over the fleet, so every chunk has some.
  for (let n = 7; n < FLEET_HOSTS; n += 37) write(`${host(n)}/etc/hostname.zz0`, `${fleetHosts[n]}-typo netmask + broadcast + group ipmp0 standy up\n`);
  for (let n = 11; n < FLEET_HOSTS; n += 53) write(`${host(n)}/etc/default/mpathd`, '# milliseconds\r\nFAILURE_DETECTION_TIME=10\r\nFAILBACK=maybe\r\n');
  // A capture of the running system beside a host's etc/: drift findings on it and its files.
  const capture = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'captures', 's10-blog-active-standby.ifconfig-a.txt'), 'utf8');
  write(`${host(42)}/ifconfig-a.txt`, `${capture}this line is no ifconfig output\n`);
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'captures', 'osol-819-6990.ipmpstat.txt'), path.join(root, host(250), 'ipmpstat.txt'));
  // Project files: one that cannot be used whole (said once, where first used), one that
  // changes the release and gives the hosts without one a shared hosts file.
  write(`${host(100)}/.ipmp-lint.json`, JSON.stringify({ rules: { 'no-such-rule': 'off' }, releese: 's9' }));
  write(`${host(101)}/.ipmp-lint.json`, JSON.stringify({ release: 'osol', fallbackHostsFile: `../${fleetHosts[102]}/etc/hosts` }));
  unlinkSync(path.join(root, host(101), 'etc', 'hosts'));
  // Unreadable files: a folder where hosts should be, a hosts file linked to itself, a dangling
  // link under a hostname name, a FIFO (never opened: it would wait for a writer).
  unlinkSync(path.join(root, host(150), 'etc', 'hosts'));
  mkdirSync(path.join(root, host(150), 'etc', 'hosts'));
  unlinkSync(path.join(root, host(200), 'etc', 'hosts'));
  symlinkSync('hosts', path.join(root, host(200), 'etc', 'hosts'));
  symlinkSync('hostname.nowhere0', path.join(root, host(230), 'etc', 'hostname.lost0'));
  const fifo = spawnSync('mkfifo', [path.join(root, host(270), 'etc', 'hostname.fifo0')]);
  assert.equal(fifo.status, 0, 'mkfifo');
  // A host whose files the walk does not find one after the other: another host (an etc/ of
  // its own, with many files) lies between its hostname file and its default/mpathd, so the
  // two land in different chunks and the host is read in both.
  write('fleet/nest/etc/hosts', '127.0.0.1\tlocalhost\n192.168.2.10\tnest\tloghost\n192.168.2.11\tnest-test\n');
  write('fleet/nest/etc/hostname.ce0', 'nest netmask + broadcast + group g up \\\naddif nest-test deprecated -failover netmask + broadcast + up\n');
  write('fleet/nest/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10\n');
  write('fleet/nest/etc/a/etc/hosts', '127.0.0.1\tlocalhost\n');
  for (let n = 0; n < 250; n++) write(`fleet/nest/etc/a/etc/hostname.e1000g${n}`, `inner${n} up\n`);
  // Names that sort by more than their code units: a host's files need not be next to each other.
  for (const name of ['Web1', 'web1', 'wéb1']) {
    write(`fleet/${name}/etc/hosts`, `127.0.0.1\tlocalhost\n192.168.1.10\t${name}\tloghost\n`);
    write(`fleet/${name}/etc/hostname.ce0`, `${name} netmask + broadcast + up\n`);
    write(`fleet/${name}/etc/hostname.ce1`, `${name}-missing netmask + broadcast + up\n`);
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

function readdirSorted(dir: string): string[] {
  return spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

describe('ipmp-lint --jobs: the same output whatever the number of threads', () => {
  for (const format of FORMATS) {
    test(`examples/ and the test fixtures, -f ${format}`, () => {
      assertSameForEveryJobs(['-f', format, 'examples']);
      assertSameForEveryJobs(['-f', format, 'fixtures', 'examples/web1/etc/hostname.ce0']);
    });
  }

  for (const format of FORMATS) {
    test(`a fleet of ${FLEET_HOSTS} hosts with mistakes, captures, project files and unreadable files, -f ${format}`, () => {
      const r = assertSameForEveryJobs(['-f', format, 'fleet']);
      // Everything planted shows: errors found and files not read (3); what the walk could not
      // read once, on stderr; what a host's check could not read as a problem of the files
      // that need it (found by whichever thread checked the host).
      assert.equal(r.code, 3, r.err);
      assert.deepEqual(
        r.err.split('\n').filter((l) => /cannot read /.test(l)).map((l) => l.replace(/^.*\/fleet\/[^/]+\//, '')),
        ['etc/hosts: a loop of symbolic links', 'etc/hostname.lost0: no such file or folder'],
      );
      assert.equal(r.err.split('\n').filter((l) => /unknown setting 'releese'/.test(l)).length, 1, r.err);
      for (const unread of ['hostname.fifo0 (not a regular file)', 'hosts (a folder)', 'hosts (a loop of symbolic links)']) assert.ok(r.out.includes(unread), unread);
      if (format === 'text') {
        assert.ok(/hostname\.zz0:1:\d+: error unknown-keyword/.test(r.out), 'unknown-keyword');
        assert.ok(/ifconfig-a\.txt:\d+:1: info drift-capture-line/.test(r.out), 'drift-capture-line');
        assert.ok(/hostname\.e1000g0:1:1: warning drift-address-lost/.test(r.out), 'drift-address-lost');
        assert.ok(r.out.includes('fleet/nest/etc/default/mpathd:1:24: warning detection-time-units'), 'the nested host');
        assert.match(r.out.split('\n').at(-2)!, /^\d+ error\(s\), \d+ warning\(s\), \d+ info$/);
      }
    });
  }

  test('--max-warnings, --rule, --release and colour: the same exit status and bytes', () => {
    assert.equal(assertSameForEveryJobs(['--max-warnings', '0', '--rule', 'unknown-keyword=warning', 'fleet']).code, 3);
    assertSameForEveryJobs(['--release', 's11', '-f', 'json', 'fleet']);
    assertSameForEveryJobs(['--color', 'fleet']);
  });

  test("standard input ('-') standing for a file of the fleet", () => {
    const file = `fleet/${fleetHosts[5]}/etc/hostname.zz9`;
    const r = assertSameForEveryJobs(['-', '--stdin-filename', file, 'fleet'], { input: `${fleetHosts[5]}-nope netmask + broadcast + up\n` });
    assert.match(r.out, /hostname\.zz9:1:1: error unresolved-host/);
  });

  test('--fix runs in one thread: the same fixes, messages and files for every --jobs', () => {
    const results = ['1', '2'].map((jobs) => {
      const dir = `fix-${jobs}`;
      cpSync(path.join(root, 'examples'), path.join(root, dir), { recursive: true });
      const r = lint(['--jobs', jobs, '--fix', dir]);
      assertNoCrash(r);
      const fixed = readFileSync(path.join(root, dir, 'legacy1', 'etc', 'hostname.qfe2'), 'utf8');
      return { code: r.code, out: r.out.replaceAll(dir, 'DIR'), err: r.err.replaceAll(dir, 'DIR'), fixed };
    });
    assert.match(results[0]!.err, /fixed DIR\/legacy1\/etc\/hostname\.qfe2/);
    assert.deepEqual(results[1], results[0]);
  });
});

describe('ipmp-lint --jobs: failures', () => {
  for (const fault of ['throw', 'exit'] as const) {
    test(`a worker that ${fault === 'throw' ? 'throws' : 'exits'} is reported; the main thread checks its share and prints the same problems`, () => {
      const one = lint(['--jobs', '1', '-f', 'json', 'fleet']);
      const failing = lint(['--jobs', '2', '-f', 'json', 'fleet'], { env: { IPMP_LINT_TEST_WORKER_FAULT: fault } });
      assertNoCrash(failing);
      assert.equal(failing.code, one.code);
      assert.equal(failing.out, one.out);
      const lines = failing.err.split('\n');
      const notes = lines.filter((l) => /worker/.test(l));
      assert.equal(notes.length, 1, failing.err);
      assert.match(notes[0]!, /^ipmp-lint: a worker thread failed \((test fault: the worker throws|exit status 70)\); its share is checked in the main thread$/);
      assert.equal(lines.filter((l) => l !== notes[0]).join('\n'), one.err);
    });
  }

  test('--jobs takes a number of threads from 1; a bad one is a usage error', () => {
    for (const bad of ['0', 'two', '-1', '1.5', '']) {
      const r = lint([`--jobs=${bad}`, 'examples']);
      assert.equal(r.code, 2, bad);
      assert.equal(r.out, '');
      assert.match(r.err, /^ipmp-lint: --jobs takes a number of threads from 1 to \d+, not '.*'\n/, bad);
    }
    const help = lint(['--help']);
    assert.match(help.out, /-j, --jobs <n>/);
  });
});
