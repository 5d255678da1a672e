/**
 * `ipmp-lint explain` as a user runs it: the bundled CLI (dist/server/cli.js) as a child process
 * on real trees — the boot of every host as text or JSON, a NIC's failure with --fail, the
 * release, and the exit status (0 when it could explain, 2 on bad usage or a --fail no host has).
 * The editor's preview and the CLI print the same text for the same files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { assertNoCrash, runCli, testWorkspace, withServer, type CliRun } from './client';

/** Runs `ipmp-lint explain ...args` in the temporary folder; a hang fails the test instead of blocking the suite. */
const explain = (...args: string[]): CliRun => runCli(['explain', ...args], { cwd: ws.root });
const write = (file: string, content: string): string => ws.write(file, content);

// The JSON shape, as far as these tests read it (features/explain.ts has all of it).
interface Move {
  readonly family: string;
  readonly address: string;
  readonly from: string;
  readonly to: string;
  readonly up: boolean;
}
interface Address {
  readonly name: string;
  readonly family: 'inet' | 'inet6';
  readonly address: string | null;
  readonly netmask: string | null;
  readonly broadcast: string | null;
  readonly flags: string[];
  readonly role: 'data' | 'test' | 'none';
  readonly home: string;
}
interface Interface {
  readonly name: string;
  readonly index: number;
  readonly group: string | null;
  readonly flags: string[];
  readonly addresses: Address[];
}
interface Ipmp {
  readonly running: boolean;
  readonly settings: { failureDetectionTime: number; failback: boolean; trackInterfacesOnlyWithGroups: boolean };
  readonly groups: { name: string; members: { name: string; role: string; detection: string; testAddresses: { family: string; address: string; on: string }[]; dataAddresses: string[] }[] }[];
  readonly log: string[];
}
interface Command {
  readonly script: string;
  readonly phase: string;
  readonly command: string;
  readonly added: string[];
  readonly source: { file: string; line: number } | null;
  readonly status: 'done' | 'failed' | 'skipped';
  readonly exitCode: number;
  readonly output: string[];
  readonly error: { message: string; word: string | null } | null;
  readonly notRead: string[];
}
interface Stage {
  readonly log: string[];
  readonly moves: Move[];
  readonly interfaces: Interface[];
  readonly ipmp: Ipmp;
}
interface Host {
  readonly host: string;
  readonly release: string;
  readonly commands: Command[];
  readonly messages: { script: string; text: string; console: boolean }[];
  readonly interfaces: Interface[];
  readonly ipmp: Ipmp;
  readonly startMoves: Move[];
  readonly failure?: {
    nic: string;
    group: string | null;
    detection: string;
    destination: string | null;
    stranded: string[];
    testAddressesStay: string[];
    failed: Stage;
    repaired: Stage;
  };
}
interface Explained {
  readonly version: number;
  readonly hosts: Host[];
}

function json(...args: string[]): Explained {
  const r = explain('--format', 'json', ...args);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Explained;
}

/** `ce0 192.168.10.10/ffffff00 data` for each address of the interfaces, for exact comparisons. */
const layout = (ifs: readonly Interface[]): string[] =>
  ifs.flatMap((i) => i.addresses.map((a) => `${a.name} ${a.address ?? 'dhcp'}${a.netmask ? `/${a.netmask}` : ''} ${a.role}${a.home !== i.name ? ` (home ${a.home})` : ''}`));

const HOSTS = '::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n';
const WEB1_CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
const WEB1_CE1 = 'web1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';

const ws = testWorkspace('ipmp-explain-', {
  server: false,
  setup: () => {
    // web1: the examples' active-active pair.
    write('repo/web1/etc/hosts', HOSTS);
    write('repo/web1/etc/netmasks', '192.168.10.0\t255.255.255.0\n');
    write('repo/web1/etc/hostname.ce0', WEB1_CE0);
    write('repo/web1/etc/hostname.ce1', WEB1_CE1);
    write('repo/web1/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=yes\n');
    // db1: active-standby, FAILBACK=no, no ce0.
    write('repo/db1/etc/inet/hosts', '127.0.0.1\tlocalhost\n10.20.30.40\tdb1\tloghost\n10.20.30.41\tdb1-e1000g0-test\n10.20.30.42\tdb1-e1000g1-test\n');
    write('repo/db1/etc/inet/netmasks', '10.20.30.0\t255.255.255.0\n');
    write('repo/db1/etc/hostname.e1000g0', 'db1 netmask + broadcast + group db up \\\naddif db1-e1000g0-test deprecated -failover netmask + broadcast + up\n');
    write('repo/db1/etc/hostname.e1000g1', 'db1-e1000g1-test netmask + broadcast + deprecated -failover group db standby up\n');
    write('repo/db1/etc/default/mpathd', 'FAILBACK=no\n');
    // bad1: a line that fails at boot (`netmask up`: the pre-scan rejects the whole line).
    write('bad/bad1/etc/hosts', '127.0.0.1\tlocalhost\n192.168.5.5\tbad1\n');
    write('bad/bad1/etc/hostname.ce0', 'bad1 netmask up group prod up\n');
    mkdirSync(ws.path('empty/etc'), { recursive: true });
    write('empty/etc/motd', 'nothing to see\n');
  },
});

describe('ipmp-lint explain: text', () => {
  test('the boot of a host: commands in boot order, ifconfig -a, ipmpstat tables; exit 0, nothing on stderr', () => {
    const r = explain('repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    assert.match(r.out, /^Boot preview of repo\/web1\/etc — Solaris 10 \(8\/07 and later\)\n/);
    const titles = r.out.split('\n').filter((l) => /^\d+\. /.test(l));
    assert.deepEqual(titles, ['1. Commands, in boot order', '2. Interfaces after boot (ifconfig -a)', '3. IPMP after boot']);
    const ran = [...r.out.matchAll(/^ {2}ok {6}(.*?)(?: {2}\+ .*)?$/gm)].map((m) => m[1]!);
    const order = [
      'ifconfig lo0 plumb 127.0.0.1 up',
      'ifconfig ce0 plumb',
      'ifconfig ce1 plumb',
      'ifconfig ce0 inet web1 netmask + broadcast + group prod up addif web1-ce0-test deprecated -failover netmask + broadcast + up',
      'ifconfig ce1 inet web1-ce1-test deprecated -failover netmask + broadcast + group prod up',
      'in.mpathd -a',
    ];
    const at = order.map((c) => ran.indexOf(c));
    assert.ok(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!), `boot order:\n${ran.join('\n')}`);
    assert.match(r.out, /^ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192\.168\.10\.10 netmask ffffff00 broadcast 192\.168\.10\.255\n\tgroupname prod$/m);
    assert.match(r.out, /^ce0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2\n\tinet 192\.168\.10\.11 /m);
    assert.match(r.out, /^ipmpstat -g\n {2}GROUP +STATE +FDT +INTERFACES\n {2}prod +ok +10\.00s +ce0 ce1$/m);
    assert.match(r.out, /^ipmpstat -a {2}\(data addresses\)\n {2}ADDRESS +STATE +GROUP +ON +BELONGS TO\n {2}192\.168\.10\.10 +up +prod +ce0 +ce0$/m);
    assert.ok(r.out.endsWith('\n') && !r.out.endsWith('\n\n'), 'one final newline');
  });

  test('--fail ce0: the failure and the repair follow the boot', () => {
    const plain = explain('repo/web1').out;
    const r = explain('--fail', 'ce0', 'repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    assert.match(r.out, /^Then: ce0 fails, and is repaired\.$/m);
    assert.deepEqual(r.out.split('\n').filter((l) => /^\d+\. /.test(l)).slice(3), ['4. ce0 fails', '5. ce0 is repaired']);
    assert.match(r.out, /^Addresses moved to ce1:\n {2}192\.168\.10\.10 +ce0 → ce1:1$/m);
    assert.match(r.out, /^Addresses moved back \(FAILBACK=yes\):\n {2}192\.168\.10\.10 +ce1:1 → ce0$/m);
    assert.match(r.out, /^ce1:1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n\tinet 192\.168\.10\.10 /m);
    // The boot part is the same as without --fail.
    const boot = plain.slice(plain.indexOf('1. Commands'));
    assert.ok(r.out.includes(boot.trimEnd()), 'the boot sections are those of the plain explain');
  });

  test('every host under a folder, in path order; --fail shows the failure where the NIC exists', () => {
    const r = explain('--fail', 'e1000g0', 'repo');
    assertNoCrash(r);
    assert.equal(r.code, 0, r.err);
    const heads = r.out.split('\n').filter((l) => l.startsWith('Boot preview of '));
    assert.deepEqual(heads, ['Boot preview of repo/db1/etc — Solaris 10 (8/07 and later)', 'Boot preview of repo/web1/etc — Solaris 10 (8/07 and later)']);
    const [db1, web1] = r.out.split(/^(?=Boot preview of )/m);
    assert.match(db1!, /^4\. e1000g0 fails$/m);
    assert.match(db1!, /^ {2}10\.20\.30\.40 +e1000g0 → e1000g1:1$/m);
    assert.match(db1!, /^FAILBACK=no: the addresses stay where they are; e1000g0 is back in the group with none\.$/m);
    assert.doesNotMatch(web1!, /fails/);
  });

  test('a file given by name explains its host', () => {
    const byFile = explain('repo/web1/etc/hosts');
    assert.equal(byFile.code, 0, byFile.err);
    assert.equal(byFile.out, explain('repo/web1').out);
  });

  test('--release names the release and reads the files as it does', () => {
    const r = explain('--release', 's10-early', 'repo/web1');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Boot preview of repo\/web1\/etc — Solaris 10 \(3\/05 – 11\/06\)\n/);
    const s8 = explain('--release=s8', 'repo/web1');
    assert.equal(s8.code, 0, s8.err);
    assert.match(s8.out, /^Boot preview of repo\/web1\/etc — Solaris 8\n/);
  });

  test('a command that fails at boot is shown with ifconfig\'s message and the words never read; explain still exits 0', () => {
    const r = explain('bad');
    assertNoCrash(r);
    assert.equal(r.code, 0, 'explain describes the boot; it does not judge it (ipmp-lint without explain does)');
    assert.match(r.out, /^ {2}FAILED {2}ifconfig ce0 inet bad1 netmask up group prod up {2}\+ netmask \+ broadcast \+ up\n {10}\(hostname\.ce0, line 1; .*exit 1\)\n {10}> ifconfig: up: bad address$/m);
    assert.match(r.out, /^ {10}console: Failed to configure IPv4 interface\(s\): ce0$/m);
    assert.match(r.out, /^ce0: flags=1000842<BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 0\.0\.0\.0 netmask 00000000$/m);
    assert.match(r.out, /^No interface is in an IPMP group\.$/m);
    assert.equal(lintCode('bad'), 1, 'the same tree linted: errors');
  });
});

/** Exit status of plain `ipmp-lint` (no explain) on a path. */
function lintCode(p: string): number | null {
  return runCli([p], { cwd: ws.root }).code;
}

describe('ipmp-lint explain --format json', () => {
  test('version 1 and one entry per host: host, release, commands, messages, interfaces, ipmp, startMoves', () => {
    const data = json('repo');
    assert.equal(data.version, 1);
    assert.deepEqual(data.hosts.map((h) => h.host), ['repo/db1/etc', 'repo/web1/etc']);
    for (const h of data.hosts) {
      assert.deepEqual(Object.keys(h), ['host', 'release', 'commands', 'messages', 'interfaces', 'ipmp', 'startMoves'], `${h.host}: no failure key without --fail`);
      assert.equal(h.release, 's10');
      for (const c of h.commands) {
        assert.deepEqual(Object.keys(c), ['script', 'phase', 'command', 'added', 'source', 'status', 'exitCode', 'output', 'error', 'notRead']);
        assert.ok(['done', 'failed', 'skipped'].includes(c.status), c.status);
      }
    }
  });

  test('commands: as run, in boot order, with the file and line they come from and what the script added', () => {
    const [web1] = json('repo/web1').hosts;
    const configure = web1!.commands.filter((c) => c.source !== null && c.phase === 'configure');
    assert.deepEqual(
      configure.map((c) => ({ command: c.command, added: c.added, source: c.source, status: c.status, exitCode: c.exitCode, error: c.error, notRead: c.notRead })),
      [
        {
          command: '/sbin/ifconfig ce0 inet web1 netmask + broadcast + group prod up addif web1-ce0-test deprecated -failover netmask + broadcast + up netmask + broadcast + up',
          added: ['netmask', '+', 'broadcast', '+', 'up'],
          source: { file: 'hostname.ce0', line: 1 },
          status: 'done',
          exitCode: 0,
          error: null,
          notRead: [],
        },
        {
          command: '/sbin/ifconfig ce1 inet web1-ce1-test deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up',
          added: ['netmask', '+', 'broadcast', '+', 'up'],
          source: { file: 'hostname.ce1', line: 1 },
          status: 'done',
          exitCode: 0,
          error: null,
          notRead: [],
        },
      ],
    );
    assert.ok(configure[0]!.output.includes('Created new logical interface ce0:1'), configure[0]!.output.join('\n'));
    const names = web1!.commands.map((c) => c.command);
    const at = (prefix: string): number => names.findIndex((n) => n.startsWith(prefix));
    assert.ok(at('/sbin/ifconfig lo0 plumb') < at('/sbin/ifconfig ce0 plumb'), names.join('\n'));
    assert.ok(at('/sbin/ifconfig ce1 plumb') < at('/sbin/ifconfig ce0 inet web1'), names.join('\n'));
    assert.ok(at('/sbin/ifconfig ce1 inet web1-ce1-test') < names.findIndex((n) => /in\.mpathd/.test(n)), names.join('\n'));
    assert.deepEqual(
      web1!.commands.map((c) => c.script).filter((s, i, all) => all.indexOf(s) === i),
      ['net-loopback', 'net-physical', 'net-init', 'net-svc'],
    );
    assert.ok(web1!.messages.some((m) => m.script === 'net-physical' && m.text === 'configuring IPv4 interfaces: ce0 ce1.' && !m.console));
  });

  test('interfaces and ipmp after the boot: addresses with masks and roles, groups with members and test addresses', () => {
    const [web1] = json('repo/web1').hosts;
    assert.deepEqual(web1!.interfaces.map((i) => [i.name, i.index, i.group]), [
      ['lo0', 1, null],
      ['ce0', 2, 'prod'],
      ['ce1', 3, 'prod'],
    ]);
    assert.deepEqual(layout(web1!.interfaces), ['lo0 127.0.0.1/ff000000 data', 'ce0 192.168.10.10/ffffff00 data', 'ce0:1 192.168.10.11/ffffff00 test', 'ce1 192.168.10.12/ffffff00 test']);
    const ce0 = web1!.interfaces[1]!.addresses[0]!;
    assert.equal(ce0.broadcast, '192.168.10.255');
    assert.deepEqual(ce0.flags, ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST', 'IPv4']);
    assert.deepEqual(web1!.ipmp.settings, { failureDetectionTime: 10000, failback: true, trackInterfacesOnlyWithGroups: true });
    assert.equal(web1!.ipmp.running, true);
    assert.deepEqual(web1!.ipmp.groups, [
      {
        name: 'prod',
        members: [
          { name: 'ce0', role: 'active', detection: 'probe', testAddresses: [{ family: 'inet', address: '192.168.10.11', on: 'ce0:1' }], dataAddresses: ['192.168.10.10'] },
          { name: 'ce1', role: 'active', detection: 'probe', testAddresses: [{ family: 'inet', address: '192.168.10.12', on: 'ce1' }], dataAddresses: [] },
        ],
      },
    ]);
    assert.deepEqual(web1!.startMoves, []);
    const [db1] = json('repo/db1').hosts;
    assert.deepEqual(db1!.ipmp.groups[0]!.members.map((m) => `${m.name} ${m.role}`), ['e1000g0 active', 'e1000g1 inactive'], 'a standby with nothing to carry is inactive (ipmpstat\'s word)');
    assert.ok(db1!.interfaces.find((i) => i.name === 'e1000g1')!.flags.includes('INACTIVE'));
    assert.equal(db1!.ipmp.settings.failback, false);
  });

  test('--fail ce0: failure with detection, destination, moves, the state while failed and after the repair', () => {
    const [web1] = json('--fail', 'ce0', 'repo/web1').hosts;
    const f = web1!.failure;
    assert.ok(f, 'a failure entry');
    assert.deepEqual(
      { nic: f.nic, group: f.group, detection: f.detection, destination: f.destination, stranded: f.stranded, testAddressesStay: f.testAddressesStay },
      { nic: 'ce0', group: 'prod', detection: 'probe', destination: 'ce1', stranded: [], testAddressesStay: ['192.168.10.11 (ce0:1)'] },
    );
    assert.deepEqual(f.failed.moves, [{ family: 'inet', address: '192.168.10.10', from: 'ce0', to: 'ce1:1', up: true }]);
    assert.deepEqual(f.failed.log, ['The link has gone down on ce0', 'NIC failure detected on ce0 of group prod', 'Successfully failed over from NIC ce0 to NIC ce1']);
    assert.deepEqual(layout(f.failed.interfaces), [
      'lo0 127.0.0.1/ff000000 data',
      'ce0 0.0.0.0/00000000 none',
      'ce0:1 192.168.10.11/ffffff00 test',
      'ce1 192.168.10.12/ffffff00 test',
      'ce1:1 192.168.10.10/ffffff00 data (home ce0)',
    ]);
    assert.ok(f.failed.interfaces.find((i) => i.name === 'ce0')!.flags.includes('FAILED'));
    assert.deepEqual(f.failed.ipmp.groups[0]!.members.map((m) => `${m.name} ${m.role}`), ['ce0 failed', 'ce1 active']);
    assert.deepEqual(f.repaired.moves, [{ family: 'inet', address: '192.168.10.10', from: 'ce1:1', to: 'ce0', up: true }]);
    assert.deepEqual(f.repaired.interfaces, web1!.interfaces, 'after the repair the host is as booted');
  });

  test('--fail on a host with FAILBACK=no: nothing moves back', () => {
    const data = json('--fail', 'e1000g0', 'repo');
    const [db1, web1] = data.hosts;
    assert.equal(web1!.failure, undefined, 'web1 has no e1000g0');
    assert.deepEqual(db1!.failure!.failed.moves.map((m) => `${m.address} ${m.from}→${m.to}`), ['10.20.30.40 e1000g0→e1000g1:1']);
    assert.deepEqual(db1!.failure!.repaired.moves, []);
    assert.ok(layout(db1!.failure!.repaired.interfaces).includes('e1000g1:1 10.20.30.40/ffffff00 data (home e1000g0)'));
  });

  test('the failing command as data: status, exit code, ifconfig\'s message, the word, the words never read', () => {
    const [bad1] = json('bad').hosts;
    const failed = bad1!.commands.filter((c) => c.status === 'failed');
    assert.equal(failed.length, 1);
    assert.deepEqual(
      { exitCode: failed[0]!.exitCode, error: failed[0]!.error, output: failed[0]!.output, source: failed[0]!.source },
      { exitCode: 1, error: { message: 'ifconfig: up: bad address', word: 'up' }, output: ['ifconfig: up: bad address'], source: { file: 'hostname.ce0', line: 1 } },
    );
    assert.ok(failed[0]!.notRead.includes('group'), failed[0]!.notRead.join(' '));
    assert.ok(bad1!.messages.some((m) => m.console && m.text === 'Failed to configure IPv4 interface(s): ce0'));
    assert.deepEqual(bad1!.ipmp.groups, []);
  });

  test('--release is in each host', () => {
    assert.deepEqual(json('--release', 's9', 'repo').hosts.map((h) => h.release), ['s9', 's9']);
  });
});

describe('ipmp-lint explain: exit status 2', () => {
  test('--fail with an interface no host has: the boots are still printed, the reason on stderr', () => {
    const r = explain('--fail', 'qfe9', 'repo/web1');
    assertNoCrash(r);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'ipmp-lint: --fail qfe9: no host here has an interface qfe9\n');
    assert.equal(r.out, explain('repo/web1').out);
    const asJson = explain('--format', 'json', '--fail', 'qfe9', 'repo');
    assert.equal(asJson.code, 2);
    assert.deepEqual((JSON.parse(asJson.out) as Explained).hosts.map((h) => h.failure), [undefined, undefined]);
  });

  test('bad usage: the reason and the usage on stderr, nothing on stdout', () => {
    for (const args of [
      [],
      ['--fail'],
      ['--fail', 'not-a-nic', 'repo'],
      ['--fail', 'ce0'],
      ['--format', 'sarif', 'repo'],
      ['--format=xml', 'repo'],
      ['--release', 's12', 'repo'],
      ['--rule', 'unknown-keyword=off', 'repo'],
      ['--bogus', 'repo'],
    ]) {
      const r = explain(...args);
      assertNoCrash(r);
      assert.equal(r.code, 2, `explain ${args.join(' ')}`);
      assert.match(r.err, /^ipmp-lint: .+\n\nUsage: ipmp-lint /, `explain ${args.join(' ')}`);
      assert.equal(r.out, '', `explain ${args.join(' ')}`);
    }
  });

  test('a path that does not exist, or a folder with no host: one line on stderr', () => {
    const missing = explain('no/such/etc');
    assertNoCrash(missing);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^ipmp-lint: cannot read no\/such\/etc: .+\n(ipmp-lint: no host to explain .+\n)?$/);
    const both = explain('no/such/etc', 'repo/web1');
    assert.equal(both.code, 2, 'the other path is still explained');
    assert.equal(both.out, explain('repo/web1').out);
    const empty = explain('empty');
    assertNoCrash(empty);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /^ipmp-lint: no host to explain under empty /);
    assert.equal(empty.out, '');
  });
});

describe('the editor and the CLI agree', () => {
  test('solarisIpmp/preview over LSP gives the text ipmp-lint explain prints, with and without --fail', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      for (const [host, fail] of [
        ['repo/web1', undefined],
        ['repo/web1', 'ce1'],
        ['repo/db1', 'e1000g0'],
        ['bad/bad1', undefined],
      ] as const) {
        const uri = ws.uri(`${host}/etc/hosts`);
        const preview = await client.connection.sendRequest<{ label: string; text: string } | null>('solarisIpmp/preview', fail ? { uri, fail } : { uri });
        assert.ok(preview, host);
        assert.equal(preview.label, `${host}/etc`);
        const cli = explain(...(fail ? ['--fail', fail] : []), host);
        assert.equal(cli.code, 0, cli.err);
        assert.equal(preview.text, cli.out, `${host}${fail ? ` --fail ${fail}` : ''}`);
      }
    });
  });
});
