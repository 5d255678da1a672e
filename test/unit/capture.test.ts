/**
 * Captures of the running system (server/src/syntax/capture.ts): `ifconfig -a` of Solaris 8–10,
 * OpenSolaris and Solaris 11, and ipmpstat -g/-an/-i/-t. Published outputs are fixtures under
 * test/fixtures/captures (each with a .source.md saying where it came from); every case runs
 * with LF and with CRLF endings (a capture saved on Windows) and must read the same.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  IFCONFIG_CAPTURE_NAMES,
  IPMPSTAT_CAPTURE_NAMES,
  parseIfconfigCapture,
  parseIpmpstatCapture,
  type CapturedInterface,
  type IfconfigCapture,
  type IpmpstatCapture,
} from '../../server/src/syntax/capture';
import { formatIPv4, prefixMask } from '../../server/src/syntax/address';
import { eolTest, withEol } from './helpers';
import { arbitraryString, runs, TRAP_CHARS } from './propertyHelpers';

const CAPTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'captures');

function fixture(name: string): string {
  return fs.readFileSync(path.join(CAPTURES, name), 'utf8');
}

/** Flags that matter to IPMP, in the order ifconfig prints them. */
const IPMP_FLAGS = ['UP', 'DEPRECATED', 'NOFAILOVER', 'FAILED', 'STANDBY', 'INACTIVE', 'OFFLINE', 'IPMP', 'DHCP'];

/** `name family address/len group=g {FLAGS}`: one line per interface, easy to read in a diff. */
function summary(i: CapturedInterface): string {
  const parts = [i.name, i.family];
  if (i.address !== undefined) parts.push(`${i.address}/${i.prefixLength ?? '?'}`);
  if (i.group !== undefined) parts.push(`group=${i.group}`);
  const flags = i.flags.filter((f) => IPMP_FLAGS.includes(f));
  parts.push(`{${flags.join(',')}}`);
  return parts.join(' ');
}

/** The same result with CRLF endings as with LF: line numbers included. */
function sameUnderCrlf(text: string, parse: (t: string) => unknown): void {
  assert.deepEqual(parse(withEol(text, 'CRLF')), parse(withEol(text, 'LF')));
}

function byName(capture: IfconfigCapture, name: string, family: 'inet' | 'inet6' = 'inet'): CapturedInterface {
  const found = capture.interfaces.find((i) => i.name === name && i.family === family);
  assert.ok(found, `${name} (${family}) is in the capture`);
  return found;
}

// ---------------------------------------------------------------------------------------

describe('capture file names', () => {
  test('the names looked for beside etc/', () => {
    assert.deepEqual(IFCONFIG_CAPTURE_NAMES, ['ifconfig-a.txt', 'ifconfig-a.out', 'ifconfig-a']);
    assert.deepEqual(IPMPSTAT_CAPTURE_NAMES, ['ipmpstat.txt', 'ipmpstat.out']);
  });

  test('every fixture has its source note', () => {
    const files = fs.readdirSync(CAPTURES).filter((f) => f.endsWith('.txt'));
    assert.ok(files.length >= 8);
    for (const f of files) assert.ok(fs.existsSync(path.join(CAPTURES, f.replace(/\.txt$/, '.source.md'))), `${f} has a .source.md`);
  });
});

describe('ifconfig -a: published Solaris 8–10 outputs', () => {
  eolTest('Solaris 10 active–standby, the standby INACTIVE (blog)', fixture('s10-blog-active-standby.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.equal(capture.format, 'solaris10', 'a group named ipmp0 is no IPMP interface');
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'e1000g0 inet 192.168.0.72/24 group=ipmp0 {UP}',
      'e1000g0:1 inet 192.168.0.73/24 {UP,DEPRECATED,NOFAILOVER}',
      'e1000g0:2 inet 192.168.0.74/24 {UP}',
      'e1000g1 inet 0.0.0.0/0 group=ipmp0 {DEPRECATED,NOFAILOVER,STANDBY,INACTIVE}',
    ]);
    assert.deepEqual(byName(capture, 'e1000g1'), {
      name: 'e1000g1',
      physical: 'e1000g1',
      unit: 0,
      family: 'inet',
      flags: ['BROADCAST', 'RUNNING', 'MULTICAST', 'DEPRECATED', 'IPv4', 'NOFAILOVER', 'STANDBY', 'INACTIVE'],
      flagsHex: '69040842',
      mtu: 0,
      index: 3,
      address: '0.0.0.0',
      netmask: 0,
      prefixLength: 0,
      group: 'ipmp0',
      ether: '0:1e:68:49:ae:99',
      line: 10,
      endLine: 13,
      addressLine: 11,
      groupLine: 12,
      etherLine: 13,
    });
    const test = byName(capture, 'e1000g0:1');
    assert.equal(test.physical, 'e1000g0');
    assert.equal(test.unit, 1);
    assert.equal(test.netmask, 0xffffff00);
    assert.equal(test.broadcast, '192.168.0.255');
    assert.equal(test.group, undefined, 'ifconfig prints groupname on unit 0 only');
    assert.equal(byName(capture, 'e1000g0').ether, '0:1e:68:49:ae:98', 'the trailing blank is not part of the address');
  });

  eolTest('Solaris 10, the same group after the active NIC failed (blog)', fixture('s10-blog-after-failure.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'e1000g0 inet 0.0.0.0/0 group=ipmp0 {NOFAILOVER,FAILED}',
      'e1000g0:1 inet 192.168.0.73/24 {UP,DEPRECATED,NOFAILOVER,FAILED}',
      'e1000g1 inet 192.168.0.72/24 group=ipmp0 {DEPRECATED,STANDBY}',
      'e1000g1:1 inet 192.168.0.74/24 {UP,STANDBY}',
    ]);
    assert.equal(byName(capture, 'e1000g0').mtu, 0);
  });

  eolTest('Solaris 10, two groups each with a standby (inventory script)', fixture('s10-inventory-two-groups.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'e1000g0 inet 10.109.200.80/24 {UP}',
      'e1000g4 inet 192.168.240.20/26 group=orapriv {UP}',
      'e1000g4:1 inet 192.168.240.10/26 {UP,DEPRECATED,NOFAILOVER}',
      'e1000g5 inet 10.109.204.90/24 group=orapub {UP}',
      'e1000g5:1 inet 10.109.204.80/24 {UP,DEPRECATED,NOFAILOVER}',
      'e1000g5:2 inet 10.109.204.91/24 {UP,DEPRECATED}',
      'e1000g6 inet 192.168.240.11/26 group=orapriv {UP,DEPRECATED,NOFAILOVER,STANDBY,INACTIVE}',
      'e1000g7 inet 10.109.204.81/24 group=orapub {UP,DEPRECATED,NOFAILOVER,STANDBY,INACTIVE}',
    ]);
    assert.equal(byName(capture, 'e1000g6').ether, '0:15:17:14:9c:a');
    assert.equal(byName(capture, 'e1000g4').netmask, 0xffffffc0);
  });

  eolTest('Solaris 10 active–active group with a pasted prompt (unix.com)', fixture('s10-unix-com-accgrp.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, [], 'the `# ifconfig -a` prompt line is passed over');
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'ce5 inet 10.66.23.112/24 {UP,DEPRECATED,NOFAILOVER}',
      'ce6 inet 10.66.22.74/24 group=accgrp {UP,DEPRECATED,NOFAILOVER}',
      'ce6:1 inet 10.66.22.108/24 {UP,DEPRECATED}',
      'ce6:2 inet 10.66.22.64/24 {UP}',
      'ce10 inet 10.66.22.84/24 group=accgrp {UP,DEPRECATED,NOFAILOVER}',
    ]);
    const ce6 = byName(capture, 'ce6');
    assert.deepEqual([ce6.line, ce6.addressLine, ce6.groupLine, ce6.index], [6, 7, 8, 4]);
  });

  eolTest('Solaris 8/9 active–active group, tab-indented (InformIT)', fixture('s8-informit-active-active.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'qfe0 inet 192.168.49.42/24 group=production {UP}',
      'qfe0:1 inet 192.168.49.105/24 {UP,DEPRECATED,NOFAILOVER}',
      'qfe4 inet 192.168.49.7/24 group=production {UP}',
      'qfe4:1 inet 192.168.49.106/24 {UP,DEPRECATED,NOFAILOVER}',
    ]);
    assert.equal(byName(capture, 'qfe4').ether, '8:0:20:b3:e6:f7');
  });
});

describe('ifconfig -a: Clearview IPMP (OpenSolaris, Solaris 11)', () => {
  eolTest('Solaris 11 ipmp0 with IPv4 and IPv6 blocks', fixture('s11-ipmp0-dual-stack.ifconfig-a.txt'), (text) => {
    const capture = parseIfconfigCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.equal(capture.format, 'opensolaris');
    assert.deepEqual(capture.interfaces.map(summary), [
      'lo0 inet 127.0.0.1/8 {UP}',
      'adm_ecprb082_1 inet 192.168.222.232/24 {UP}',
      'user152_ecprb082_1 inet 192.168.152.110/23 {UP}',
      'user242_ecprb082_1 inet 192.168.242.110/23 {UP}',
      'ipmp0 inet 192.168.150.110/24 group=ipmp0 {UP,IPMP}',
      'data_ecprb082_actv1 inet 0.0.0.0/8 group=ipmp0 {UP}',
      'data_ecprb082_stdby1 inet 0.0.0.0/8 group=ipmp0 {UP,STANDBY,INACTIVE}',
      'lo0 inet6 ::1/128 {UP}',
      'adm_ecprb082_1 inet6 ::/0 {}',
      'user152_ecprb082_1 inet6 ::/0 {}',
      'user242_ecprb082_1 inet6 ::/0 {}',
      'ipmp0 inet6 ::/0 group=ipmp0 {IPMP}',
      'data_ecprb082_actv1 inet6 ::/0 group=ipmp0 {UP}',
      'data_ecprb082_stdby1 inet6 ::/0 group=ipmp0 {UP,STANDBY,INACTIVE}',
    ]);
    const ipmp0 = byName(capture, 'ipmp0');
    assert.equal(ipmp0.flagsHex, '108001000843');
    assert.deepEqual([ipmp0.physical, ipmp0.unit], ['ipmp0', 0]);
    const link = byName(capture, 'data_ecprb082_actv1');
    assert.deepEqual([link.physical, link.unit, link.broadcast], ['data_ecprb082_actv1', 0, '0.255.255.255']);
    const v6 = byName(capture, 'ipmp0', 'inet6');
    assert.equal(v6.netmask, undefined, 'IPv6 blocks have no IPv4 mask');
    assert.ok(byName(capture, 'user152_ecprb082_1').flags.includes('CoS'), 'flag case kept');
  });
});

describe('ifconfig -a: what ifconfig prints besides the common lines', () => {
  const cases: [string, string, (c: IfconfigCapture) => void][] = [
    [
      'a point-to-point tunnel: the tunnel lines carry no address of the interface',
      'ip.tun0: flags=10010008d1<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST,IPv4,FIXEDMTU> mtu 1480 index 5\n' +
        '\tinet tunnel src 192.0.2.1 tunnel dst 192.0.2.2\n\ttunnel hop limit 60 \n' +
        '\tinet 10.0.0.1 --> 10.0.0.2 netmask ff000000 \n',
      (c) => {
        const i = c.interfaces[0]!;
        assert.deepEqual([i.address, i.destination, i.prefixLength, i.addressLine], ['10.0.0.1', '10.0.0.2', 8, 3]);
        assert.deepEqual([i.physical, i.unit], ['ip.tun0', 0]);
      },
    ],
    [
      'a zone line, printed right after the header',
      'ce0:2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tzone z1\n\tinet 192.168.1.20 netmask ffffff00 broadcast 192.168.1.255\n',
      (c) => assert.deepEqual([c.interfaces[0]!.zone, c.interfaces[0]!.zoneLine, c.interfaces[0]!.addressLine], ['z1', 1, 2]),
    ],
    [
      'all-zones',
      'ce0:3: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tall-zones\n\tinet 192.168.1.21 netmask ffffff00 broadcast 192.168.1.255\n',
      (c) => assert.deepEqual([c.interfaces[0]!.allZones, c.interfaces[0]!.zone], [true, undefined]),
    ],
    [
      'a DHCP interface shows the DHCP flag',
      'bge0: flags=1004843<UP,BROADCAST,RUNNING,MULTICAST,DHCP,IPv4> mtu 1500 index 2\n\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255\n\tether 0:3:ba:11:22:33 \n',
      (c) => assert.ok(c.interfaces[0]!.flags.includes('DHCP')),
    ],
    [
      'a metric is read, and IPv6 text comes out compressed and lower case',
      'hme0: flags=2000841<UP,RUNNING,MULTICAST,IPv6> metric 2 mtu 1500 index 2\n\tinet6 FE80:0000::0203:BAFF:FE11:2233/10 \n\tgroupname test\n',
      (c) => {
        const i = c.interfaces[0]!;
        assert.deepEqual([i.family, i.metric, i.address, i.prefixLength, i.group], ['inet6', 2, 'fe80::203:baff:fe11:2233', 10, 'test']);
      },
    ],
    [
      'without an IPv4/IPv6 flag the family comes from the address line',
      'hme0: flags=841<UP,RUNNING,MULTICAST> mtu 1500 index 2\n\tinet6 fe80::1/10\nhme1: flags=843<UP,BROADCAST,RUNNING,MULTICAST> mtu 1500\n\tinet 10.0.0.3 netmask ff000000\n',
      (c) => assert.deepEqual(c.interfaces.map((i) => i.family), ['inet6', 'inet']),
    ],
    [
      'a dotted or 0x netmask, and a non-contiguous one (no prefix length)',
      'a0: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.1 netmask 255.255.255.0\n' +
        'a1: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.2 netmask 0xfffff000\n' +
        'a2: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.3 netmask ff00ff00\n',
      (c) => {
        assert.deepEqual(c.interfaces.map((i) => [i.netmask, i.prefixLength]), [[0xffffff00, 24], [0xfffff000, 20], [0xff00ff00, undefined]]);
        assert.deepEqual(c.problems, []);
      },
    ],
    [
      'flags=0 prints no flag list',
      'lo0: flags=0 mtu 8232 index 1\n\tinet 127.0.0.1 netmask ff000000 \n',
      (c) => assert.deepEqual([c.interfaces[0]!.flags, c.interfaces[0]!.flagsHex, c.problems], [[], '0', []]),
    ],
    [
      'a header pasted with leading blanks, a byte-order mark and srcof/usesrc lines',
      '\uFEFF  ce0: flags=1000843<UP,IPv4> mtu 1500 index 2\n\tinet 10.0.0.1 netmask ff000000\n\tsrcof vni0\n\tusesrc vni0\n',
      (c) => assert.deepEqual([c.interfaces.length, c.interfaces[0]!.name, c.problems], [1, 'ce0', []]),
    ],
  ];
  for (const [name, text, check] of cases) {
    eolTest(name, text, (t) => {
      check(parseIfconfigCapture(t));
      sameUnderCrlf(t, parseIfconfigCapture);
    });
  }

  test('an old Mac line ending (lone CR) breaks lines like LF', () => {
    const lf = 'ce0: flags=1000843<UP,IPv4> mtu 1500 index 2\n\tinet 10.0.0.1 netmask ff000000\n\tgroupname g\n';
    assert.deepEqual(parseIfconfigCapture(lf.replace(/\n/g, '\r')), parseIfconfigCapture(lf));
  });
});

describe('ifconfig -a: what it cannot read, said in problems', () => {
  const cases: [string, string, [number, RegExp][], number][] = [
    ['a stray line between blocks', 'ce0: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.1 netmask ff000000\nhello world\nce1: flags=1000843<UP,IPv4> mtu 1500\n', [[2, /'hello world' is not part of ifconfig -a output/]], 2],
    ['indented text before any header (reported once)', '\tinet 10.0.0.1 netmask ff000000\n\tgroupname g\n', [[0, /before any interface header/]], 0],
    [
      'addresses anonymised past validity (as bloggers do)',
      'bge2: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1380 index 4\n inet 10.888.999.133 netmask fffffff0 broadcast 10.888.999.143\n groupname inner-prod\n ether 0:xx:xx:xx:xx:xx\n',
      [
        [1, /'10\.888\.999\.133' is not an IPv4 address/],
        [1, /broadcast address '10\.888\.999\.143'/],
      ],
      1,
    ],
    ['a logical unit that is not a number', 'ce0:x: flags=1000843<UP,IPv4> mtu 1500\n', [[0, /'ce0:x' has no logical unit number/]], 1],
    ['a line ifconfig does not print', 'ce0: flags=1000843<UP,IPv4> mtu 1500\n\tfoo bar\n', [[1, /'foo bar' is not a line ifconfig -a prints for ce0/]], 1],
    ['a netmask with no value', 'ce0: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.1 netmask\n', [[1, /'netmask' with no value/]], 1],
    ['an unterminated flag list', 'ce0: flags=1000843<UP,IPv4 mtu 1500\n', [[0, /no closing '>'/]], 1],
    ['flags that are not hex', 'ce0: flags=zz<UP> mtu 1500\n', [[0, /not a hexadecimal number/]], 1],
    ['an mtu with no number', 'ce0: flags=1000843<UP,IPv4> mtu x index 2\n', [[0, /mtu of ce0 has no number/], [0, /unexpected 'x' in the header/]], 1],
    ['a second address line', 'ce0: flags=1000843<UP,IPv4> mtu 1500\n\tinet 10.0.0.1 netmask ff000000\n\tinet 10.0.0.2 netmask ff000000\n', [[2, /a second inet line/]], 1],
  ];
  for (const [name, text, expected, count] of cases) {
    eolTest(name, text, (t) => {
      const capture = parseIfconfigCapture(t);
      assert.equal(capture.interfaces.length, count);
      assert.deepEqual(
        capture.problems.map((p) => p.line),
        expected.map(([line]) => line),
        JSON.stringify(capture.problems),
      );
      expected.forEach(([, pattern], i) => assert.match(capture.problems[i]!.message, pattern));
      sameUnderCrlf(t, parseIfconfigCapture);
    });
  }
});

// ---------------------------------------------------------------------------------------

describe('ipmpstat: published outputs', () => {
  eolTest('OpenSolaris-era -g, -an, -i, -nt concatenated (Oracle 819-6990)', fixture('osol-819-6990.ipmpstat.txt'), (text) => {
    const capture = parseIpmpstatCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.deepEqual(capture.tables, ['group', 'address', 'interface', 'target']);
    assert.deepEqual(capture.groups[1], {
      ipmpInterface: 'acctg1',
      group: 'acctg1',
      state: 'failed',
      interfaces: [
        { name: 'hme0', state: 'failed' },
        { name: 'hme1', state: 'failed' },
      ],
      line: 3,
    });
    assert.deepEqual(capture.groups[2]!.interfaces, [
      { name: 'fops0', state: 'active' },
      { name: 'fops3', state: 'active' },
      { name: 'fops2', state: 'inactive' },
      { name: 'fops1', state: 'failed' },
    ]);
    assert.equal(capture.groups[2]!.fdt, '20.00s');
    assert.equal(capture.addresses.length, 7);
    assert.deepEqual(capture.addresses[0], {
      address: '192.168.10.10',
      state: 'up',
      ipmpInterface: 'itops0',
      inbound: 'subitops0',
      outbound: ['subitops0', 'subitops1'],
      line: 7,
    });
    assert.deepEqual([capture.addresses[6]!.state, capture.addresses[6]!.inbound, capture.addresses[6]!.outbound], ['down', '', []]);
    assert.equal(capture.interfaces.length, 8);
    assert.deepEqual(capture.interfaces[3], {
      name: 'hme1',
      active: false,
      group: 'acctg1',
      flags: 'is-----',
      link: 'down',
      probe: 'unknown',
      state: 'failed',
      line: 19,
    });
    assert.equal(capture.interfaces[6]!.group, 'filed2', "the documentation's own typo, kept");
    assert.deepEqual(capture.targets[1], { name: 'subitops1', mode: 'disabled', targets: [], line: 27 });
    assert.deepEqual(capture.targets[5], { name: 'fops1', mode: 'multicast', testAddress: '128.9.0.201', targets: ['128.0.0.2', '128.0.0.1'], line: 31 });
  });

  eolTest('Solaris 11.2 -g (Oracle, Example 3-9)', fixture('s11-2-groups.ipmpstat.txt'), (text) => {
    const capture = parseIpmpstatCapture(text);
    assert.deepEqual(capture.problems, []);
    assert.deepEqual(capture.tables, ['group']);
    assert.deepEqual(
      capture.groups.map((g) => `${g.ipmpInterface}/${g.group} ${g.state} ${g.fdt ?? '-'} ${g.interfaces.map((m) => `${m.name}:${m.state}`).join(' ')}`),
      [
        'ipmp0/ipmp0 ok 10.00s net0:active net1:active',
        'acctg1/acctg1 failed - net3:failed net4:failed',
        'field2/field2 degraded 20.00s net2:active net5:active net7:inactive net6:failed',
      ],
    );
  });
});

describe('ipmpstat: rows ipmpstat can print', () => {
  const members = (text: string): string[] =>
    parseIpmpstatCapture(`GROUP GROUPNAME STATE FDT INTERFACES\n${text}\n`).groups.flatMap((g) => g.interfaces.map((m) => `${m.name}:${m.state}`));

  test('several inactive and unusable members share one pair of parentheses and brackets', () => {
    assert.deepEqual(members('ipmp0 a degraded 10.00s net1 net0 (net2 net4) [net3 net5]'), [
      'net1:active',
      'net0:active',
      'net2:inactive',
      'net4:inactive',
      'net3:failed',
      'net5:failed',
    ]);
    assert.deepEqual(members('ipmp0 a ok 10.00s net1 net0 (net2) [net3]'), ['net1:active', 'net0:active', 'net2:inactive', 'net3:failed']);
  });

  eolTest(
    'an anonymous group prints -- for its names, and probing off prints -- for FDT',
    'GROUP       GROUPNAME   STATE     FDT       INTERFACES\n--          --          ok        --        net0 net1\n',
    (t) => {
      const capture = parseIpmpstatCapture(t);
      assert.deepEqual(capture.groups, [
        { ipmpInterface: '', group: '', state: 'ok', interfaces: [{ name: 'net0', state: 'active' }, { name: 'net1', state: 'active' }], line: 1 },
      ]);
      sameUnderCrlf(t, parseIpmpstatCapture);
    },
  );

  test('the header ofmt repeats every 24 rows continues the table', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `192.168.1.${i}   up   ipmp0   net0   net0 net1`);
    const text = ['ADDRESS STATE GROUP INBOUND OUTBOUND', ...rows.slice(0, 23), 'ADDRESS STATE GROUP INBOUND OUTBOUND', ...rows.slice(23)].join('\n');
    const capture = parseIpmpstatCapture(text);
    assert.deepEqual(capture.tables, ['address']);
    assert.equal(capture.addresses.length, 30);
    assert.equal(capture.addresses[23]!.line, 25);
    assert.deepEqual(capture.problems, []);
  });

  eolTest('a -o selection of fields reads by column name', 'INTERFACE STATE\nnet0 ok\nnet1 failed\n', (t) => {
    const capture = parseIpmpstatCapture(t);
    assert.deepEqual(capture.tables, ['interface']);
    assert.deepEqual(capture.interfaces.map((i) => [i.name, i.state, i.active]), [['net0', 'ok', false], ['net1', 'failed', false]]);
  });

  eolTest('host names without -n, and `?` for a value ipmpstat could not get', 'INTERFACE   MODE       TESTADDR            TARGETS\nnet0        routes     myhost-net0-test    router1 router2\nnet1        routes     ?                   ?\n', (t) => {
    const capture = parseIpmpstatCapture(t);
    assert.deepEqual(capture.targets.map((r) => [r.testAddress, r.targets]), [['myhost-net0-test', ['router1', 'router2']], [undefined, []]]);
  });

  eolTest(
    'what it cannot read: rows before a header, short rows, unbalanced brackets, -p output',
    'net0 yes ipmp0\nGROUP GROUPNAME STATE FDT INTERFACES\nipmp0 ipmp0 ok\nipmp0 ipmp0 ok -- net0 (net1\n' +
      'INTERFACE ACTIVE GROUP FLAGS LINK PROBE STATE\nnet0 maybe ipmp0 ------- up ok ok\n' +
      'TIME      INTERFACE   PROBE  NETRTT    RTT       RTTAVG    TARGET\n0.11s     net0        589    0.51ms    0.76ms    0.76ms    192.168.85.1\n',
    (t) => {
      const capture = parseIpmpstatCapture(t);
      assert.deepEqual(
        capture.problems.map((p) => p.line),
        [0, 2, 3, 5, 6],
        JSON.stringify(capture.problems),
      );
      assert.match(capture.problems[0]!.message, /before any ipmpstat header/);
      assert.match(capture.problems[1]!.message, /has 3 fields; an ipmpstat group row has 5/);
      assert.match(capture.problems[2]!.message, /unbalanced/);
      assert.match(capture.problems[3]!.message, /ACTIVE is 'maybe'/);
      assert.match(capture.problems[4]!.message, /-p \(probe\) output is not read/);
      assert.deepEqual(capture.tables, ['group', 'interface']);
      assert.deepEqual(capture.groups[0]!.interfaces, [{ name: 'net0', state: 'active' }, { name: 'net1', state: 'inactive' }]);
      sameUnderCrlf(t, parseIpmpstatCapture);
    },
  );
});

// ---------------------------------------------------------------------------------------
// Generated cases

/** Flags ifconfig can print (OpenSolaris ifconfig.c if_flags_tbl, without the family flags). */
const FLAG_NAMES = ['UP', 'BROADCAST', 'LOOPBACK', 'POINTOPOINT', 'RUNNING', 'NOARP', 'MULTICAST', 'DHCP', 'DEPRECATED', 'ADDRCONF', 'NOFAILOVER', 'FAILED', 'STANDBY', 'INACTIVE', 'OFFLINE', 'CoS', 'VIRTUAL', 'IPMP'];

interface Generated {
  readonly expected: CapturedInterface;
  readonly lines: readonly string[];
}

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/);
const ipv4 = fc.integer({ min: 0, max: 0xffffffff }).map(formatIPv4);
const ipv6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((parts) => new ipaddr.IPv6(parts).toRFC5952String());
const mac = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16)).join(':'));

/** One interface as Solaris 10 ifconfig -a prints it, with what the parser must read back. */
const generatedInterface = fc
  .record({
    driver: fc.constantFrom('ce', 'hme', 'qfe', 'bge', 'e1000g', 'nxge', 'ipge'),
    instance: fc.integer({ min: 0, max: 15 }),
    unit: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 99 })),
    family: fc.constantFrom('inet' as const, 'inet6' as const),
    flags: fc.subarray(FLAG_NAMES),
    flagsHex: fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }).map((n) => n.toString(16)),
    mtu: fc.integer({ min: 0, max: 65535 }),
    index: fc.integer({ min: 1, max: 999 }),
    v4: ipv4,
    v6: ipv6,
    prefix4: fc.integer({ min: 0, max: 32 }),
    prefix6: fc.integer({ min: 0, max: 128 }),
    peer: fc.option(fc.tuple(ipv4, ipv6), { nil: undefined }),
    broadcast: fc.option(ipv4, { nil: undefined }),
    group: fc.option(name, { nil: undefined }),
    zone: fc.option(name, { nil: undefined }),
    ether: fc.option(mac, { nil: undefined }),
    indent: fc.constantFrom('\t', '        '),
    trailing: fc.constantFrom('', ' '),
  })
  .map((g): Omit<Generated, 'expected'> & { build: (line: number) => CapturedInterface } => {
    const ifname = g.unit === 0 ? `${g.driver}${g.instance}` : `${g.driver}${g.instance}:${g.unit}`;
    const flags = [...g.flags.slice(0, 5), g.family === 'inet' ? 'IPv4' : 'IPv6', ...g.flags.slice(5)];
    const lines = [`${ifname}: flags=${g.flagsHex}<${flags.join(',')}> mtu ${g.mtu} index ${g.index}`];
    const fields: Record<string, unknown> = {};
    if (g.zone !== undefined) {
      fields.zoneLine = lines.length;
      fields.zone = g.zone;
      lines.push(`${g.indent}zone ${g.zone}`);
    }
    fields.addressLine = lines.length;
    if (g.family === 'inet') {
      const mask = prefixMask(g.prefix4);
      let line = `${g.indent}inet ${g.v4} `;
      if (g.peer) line += `--> ${g.peer[0]} `;
      line += `netmask ${mask.toString(16)} `;
      if (!g.peer && g.broadcast !== undefined) line += `broadcast ${g.broadcast}`;
      lines.push(line.trimEnd() + g.trailing);
      Object.assign(fields, { address: g.v4, netmask: mask, prefixLength: g.prefix4 });
      if (g.peer) fields.destination = g.peer[0];
      else if (g.broadcast !== undefined) fields.broadcast = g.broadcast;
    } else {
      let line = `${g.indent}inet6 ${g.v6}/${g.prefix6} `;
      if (g.peer) line += `--> ${g.peer[1]} `;
      lines.push(line.trimEnd() + g.trailing);
      Object.assign(fields, { address: g.v6, prefixLength: g.prefix6 });
      if (g.peer) fields.destination = g.peer[1];
    }
    // ifconfig prints the group name and the MAC address on unit 0 only.
    if (g.unit === 0 && g.group !== undefined) {
      fields.groupLine = lines.length;
      fields.group = g.group;
      lines.push(`${g.indent}groupname ${g.group}`);
    }
    if (g.unit === 0 && g.ether !== undefined) {
      fields.etherLine = lines.length;
      fields.ether = g.ether;
      lines.push(`${g.indent}ether ${g.ether} `);
    }
    const build = (at: number): CapturedInterface => {
      const shifted: Record<string, unknown> = { ...fields };
      for (const key of ['zoneLine', 'addressLine', 'groupLine', 'etherLine']) if (typeof shifted[key] === 'number') shifted[key] = (shifted[key] as number) + at;
      return {
        name: ifname,
        physical: `${g.driver}${g.instance}`,
        unit: g.unit,
        family: g.family,
        flags,
        flagsHex: g.flagsHex,
        mtu: g.mtu,
        index: g.index,
        line: at,
        endLine: at + lines.length - 1,
        ...shifted,
      } as CapturedInterface;
    };
    return { lines, build };
  });

describe('ifconfig -a: generated Solaris 10 layouts read back', () => {
  test('random interfaces render and parse back identically, LF and CRLF', () => {
    fc.assert(
      fc.property(fc.array(generatedInterface, { minLength: 1, maxLength: 8 }), fc.boolean(), (blocks, blankLines) => {
        const lines: string[] = [];
        const expected: CapturedInterface[] = [];
        for (const block of blocks) {
          expected.push(block.build(lines.length));
          lines.push(...block.lines);
          if (blankLines) lines.push('');
        }
        const text = lines.join('\n') + '\n';
        const capture = parseIfconfigCapture(text);
        assert.deepEqual(capture.problems, []);
        assert.deepEqual(capture.interfaces, expected);
        assert.equal(capture.format, expected.some((i) => i.flags.includes('IPMP')) ? 'opensolaris' : 'solaris10');
        assert.deepEqual(parseIfconfigCapture(withEol(text, 'CRLF')), capture);
      }),
      runs(0x1fc0, 200),
    );
  });
});

describe('captures: any text reads without throwing', () => {
  const FRAGMENTS = [
    ...TRAP_CHARS,
    'ce0',
    ':1',
    ': flags=',
    '1000843',
    '<UP,IPv4>',
    '<',
    '>',
    ',',
    ' mtu ',
    ' index ',
    '1500',
    '\tinet ',
    '\tinet6 ',
    '10.0.0.1',
    'fe80::1/10',
    '::/0',
    ' netmask ',
    'ffffff00',
    ' broadcast ',
    ' --> ',
    '\tgroupname ',
    '\tzone ',
    '\tether ',
    '\ttunnel ',
    'GROUP GROUPNAME STATE FDT INTERFACES',
    'ADDRESS STATE GROUP INBOUND OUTBOUND',
    'INTERFACE ACTIVE GROUP FLAGS LINK PROBE STATE',
    'INTERFACE MODE TESTADDR TARGETS',
    '(',
    ')',
    '[',
    ']',
    '--',
    '?',
    'yes',
  ];
  const capturish = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), arbitraryString), { maxLength: 40 }).map((parts) => parts.join(''));

  function assertShape(text: string, ifc: IfconfigCapture, ipm: IpmpstatCapture): void {
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const p of [...ifc.problems, ...ipm.problems]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lineCount, `problem line ${p.line} of ${lineCount}`);
      assert.equal(typeof p.message, 'string');
    }
    for (const i of ifc.interfaces) {
      assert.ok(i.line >= 0 && i.line < lineCount && (i.endLine ?? i.line) >= i.line);
      assert.ok(Number.isInteger(i.unit) && i.unit >= 0);
      assert.ok(i.family === 'inet' || i.family === 'inet6');
    }
  }

  test('fragments of both outputs, junk and trap characters', () => {
    fc.assert(
      fc.property(capturish, (text) => {
        const ifc = parseIfconfigCapture(text);
        const ipm = parseIpmpstatCapture(text);
        assertShape(text, ifc, ipm);
        assert.deepEqual(parseIfconfigCapture(text), ifc, 'same text, same result');
        assert.deepEqual(parseIfconfigCapture(withEol(text.replace(/\r/g, ''), 'CRLF')), parseIfconfigCapture(text.replace(/\r/g, '')));
        assert.deepEqual(parseIpmpstatCapture(withEol(text.replace(/\r/g, ''), 'CRLF')), parseIpmpstatCapture(text.replace(/\r/g, '')));
      }),
      runs(0x1fc1, 300),
    );
  });

  test('1 MB of junk, one 1 MB line, and 1 MB of headers parse', () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const junk = Array.from({ length: 1 << 20 }, () => String.fromCharCode(random())).join('');
    const inputs = [
      junk,
      'ce0: flags=' + '9'.repeat(1 << 20),
      'x'.repeat(1 << 20) + ': flags=1<UP> mtu 1',
      '\tinet ' + '1.'.repeat(1 << 19),
      'ce0: flags=1000843<' + 'UP,'.repeat(1 << 18) + '> mtu 1500\n',
      'ce0: flags=1000843<UP,IPv4> mtu 1500 index 2\n\tinet 10.0.0.1 netmask ffffff00\n'.repeat(1 << 14),
      'GROUP GROUPNAME STATE FDT INTERFACES\nipmp0 ipmp0 ok 10.00s ' + '(['.repeat(1 << 18) + '\n',
      'INTERFACE MODE TESTADDR TARGETS\n' + 'net0 routes 10.0.0.1 10.0.0.2\n'.repeat(1 << 15),
      '\r'.repeat(1 << 20),
    ];
    for (const text of inputs) {
      assert.ok(text.length >= 1 << 19);
      const ifc = parseIfconfigCapture(text);
      const ipm = parseIpmpstatCapture(text);
      assert.ok(Array.isArray(ifc.interfaces) && Array.isArray(ipm.groups));
    }
    assert.equal(parseIfconfigCapture(inputs[5]!).interfaces.length, 1 << 14);
    assert.equal(parseIpmpstatCapture(inputs[7]!).targets.length, 1 << 15);
  });

  test('a non-string argument (from a careless caller) reads as empty', () => {
    assert.deepEqual(parseIfconfigCapture(undefined as unknown as string), { format: 'solaris10', interfaces: [], problems: [] });
    assert.deepEqual(parseIpmpstatCapture(null as unknown as string).tables, []);
  });
});
