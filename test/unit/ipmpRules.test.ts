/**
 * Rules across the interfaces of one host, on multi-file fixtures: each mistake of
 * reference §4 as its own case, and the valid layouts that must stay clean.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { createNameLookup, type NameSource } from '../../server/src/engine/names';
import { buildIpmpHost } from '../../server/src/rules/ipmpModel';
import { checkHost, type HostFinding } from '../../server/src/rules/ipmpRules';
import type { Release } from '../../server/src/catalog/releases';
import { applyEdits, EOLS, textIn, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/h1/etc';

interface Fixture {
  readonly files: Record<string, string>;
  readonly hosts?: string;
  readonly ipnodes?: string;
  readonly netmasks?: string;
  readonly release?: Release;
}

const HOSTS = `127.0.0.1 localhost
192.168.10.10 h1 loghost
192.168.10.11 h1-ce0-test
192.168.10.12 h1-ce1-test
192.168.10.13 h1-ce2-test
192.168.10.20 h1-data2
192.168.20.10 h1-other
`;
const NETMASKS = '192.168.10.0\t255.255.255.0\n192.168.20.0\t255.255.255.0\n';

function run(fx: Fixture, eol: Eol = 'LF'): { findings: HostFinding[]; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const interfaces = Object.entries(fx.files).map(([baseName, text]) => {
    const t = withEol(text, eol);
    const uri = `${ROOT}/${baseName}`;
    texts.set(uri, t);
    return { uri, baseName, file: parseHostnameFile(t, { fileName: baseName }) };
  });
  const hostsText = withEol(fx.hosts ?? HOSTS, eol);
  const hosts = { uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(hostsText) };
  texts.set(hosts.uri, hostsText);
  const sources: NameSource[] = [];
  const ipnodes = fx.ipnodes !== undefined ? { uri: `${ROOT}/inet/ipnodes`, label: 'inet/ipnodes', file: parseHosts(withEol(fx.ipnodes, eol)) } : undefined;
  if (ipnodes) texts.set(ipnodes.uri, withEol(fx.ipnodes!, eol));
  const release = fx.release ?? 's10';
  if (ipnodes && (release === 's10-early' || release === 's9' || release === 's8')) sources.push({ ...ipnodes, kind: 'ipnodes' });
  sources.push({ ...hosts, kind: 'hosts' });
  const netmasksText = fx.netmasks === undefined ? NETMASKS : fx.netmasks;
  const netmasks = netmasksText === '' ? undefined : { uri: `${ROOT}/netmasks`, label: 'netmasks', file: parseNetmasks(withEol(netmasksText, eol)) };
  if (netmasks) texts.set(netmasks.uri, withEol(netmasksText, eol));
  const names = createNameLookup(sources);
  const model = buildIpmpHost({ interfaces, names, netmasks, release });
  return { findings: checkHost({ model, interfaces, hosts, ipnodes, netmasks }), texts };
}

function summary(fx: Fixture, eol: Eol = 'LF'): string[] {
  const { findings, texts } = run(fx, eol);
  return findings
    .map((f) => `${f.uri.slice(ROOT.length + 1)}: ${f.rule}: ${textIn(texts.get(f.uri)!, f.range).replace(/\r\n/g, '\n')}`)
    .sort();
}

function expectHost(name: string, fx: Fixture, expected: string[]): void {
  for (const eol of EOLS) test(`${name} [${eol}]`, () => assert.deepEqual(summary(fx, eol), [...expected].sort()));
}

/** Applies the preferred fix of the first finding of `rule` to its file and returns that file's text. */
function fixed(fx: Fixture, rule: string, fileUri?: string): Map<string, string> {
  const { findings, texts } = run(fx);
  const finding = findings.find((f) => f.rule === rule);
  assert.ok(finding, `a ${rule} finding`);
  const fix = finding.fixes?.[0];
  assert.ok(fix, `a fix for ${rule}`);
  const result = new Map<string, string>();
  for (const e of fix.edits) result.set(e.uri.slice(ROOT.length + 1), applyEdits(texts.get(e.uri) ?? '', e.edits));
  void fileUri;
  return result;
}

const ACTIVE_ACTIVE = {
  'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
};

describe('valid layouts stay clean', () => {
  expectHost('§3.7 probe-based active-active', { files: ACTIVE_ACTIVE }, []);
  expectHost('§3.7 active-standby', {
    files: {
      'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'],
      'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n',
    },
  }, []);
  expectHost('§3.7 link-based only', { files: { 'hostname.e1000g0': 'h1 netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' } }, []);
  expectHost('§3.7 IPv6 link-local test addresses, with IPv4 link-based', {
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname6.ce0': '-failover group prod up\n',
      'hostname6.ce1': '-failover group prod up\n',
    },
  }, []);
  expectHost('a singleton group probing from its data address', { files: { 'hostname.ce0': 'h1 netmask + broadcast + group solo up\n' } }, []);
  expectHost('test on unit 0, data via addif … failover up (§3.8 b)', {
    files: {
      'hostname.ce0': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod up \\\naddif h1 failover netmask + broadcast + up\n',
      'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
    },
  }, []);
  expectHost('test addresses on another subnet than the data addresses (Sun doc 70062)', {
    hosts: `${HOSTS}192.168.20.11 h1-t0\n192.168.20.12 h1-t1\n`,
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-t0 deprecated -failover netmask + broadcast + up\n',
      'hostname.ce1': 'h1-t1 deprecated -failover netmask + broadcast + group prod up\n',
    },
  }, []);
  expectHost('two groups on two subnets', {
    hosts: `${HOSTS}192.168.20.11 h1-ce2-t\n192.168.20.12 h1-ce3-t\n`,
    files: {
      ...ACTIVE_ACTIVE,
      'hostname.ce2': 'h1-other netmask + broadcast + group back up \\\naddif h1-ce2-t deprecated -failover netmask + broadcast + up\n',
      'hostname.ce3': 'h1-ce3-t deprecated -failover netmask + broadcast + group back up\n',
    },
  }, []);
  expectHost('OpenSolaris: -failover implies deprecated', {
    release: 'osol',
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test -failover netmask + broadcast + group prod up\n' },
  }, []);
  expectHost('numbered groups are not typos of each other', {
    hosts: `${HOSTS}192.168.20.11 h1-ce2-t\n`,
    files: { ...ACTIVE_ACTIVE, 'hostname.ce2': 'h1-other netmask + broadcast + group prod1 up\n', 'hostname.ce3': 'group prod1 up\n' },
  }, []);
  expectHost('no netmasks file: netmask + is not judged', { netmasks: '', files: ACTIVE_ACTIVE }, []);
});

describe('each mistake of reference §4', () => {
  expectHost('§4.1 test address without deprecated', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test netmask + broadcast + -failover group prod up\n' },
  }, ['hostname.ce1: test-address-not-deprecated: h1-ce1-test']);
  test('§4.1 fix adds deprecated', () => {
    const r = fixed({ files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test netmask + broadcast + -failover group prod up\n' } }, 'test-address-not-deprecated');
    assert.equal(r.get('hostname.ce1'), 'h1-ce1-test netmask + broadcast + deprecated -failover group prod up\n');
  });
  expectHost('§4.2 deprecated without -failover', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated netmask + broadcast + up\n', 'hostname.ce1': ACTIVE_ACTIVE['hostname.ce1'] },
  }, ['hostname.ce0: deprecated-data-address: deprecated', 'hostname.ce0: no-test-address: prod']);
  test('§4.2 fix adds -failover', () => {
    const r = fixed({ files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated netmask + broadcast + up\n', 'hostname.ce1': ACTIVE_ACTIVE['hostname.ce1'] } }, 'deprecated-data-address');
    assert.equal(r.get('hostname.ce0'), 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n');
  });
  expectHost('§4.4 group names differing by case', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group Prod up\n', 'hostname.ce2': 'h1-ce2-test deprecated -failover netmask + broadcast + group prod up\n' },
  }, ['hostname.ce1: group-name-mismatch: Prod']);
  test('§4.4 fix renames to the other', () => {
    const r = fixed({ files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group Prod up\n', 'hostname.ce2': 'h1-ce2-test deprecated -failover netmask + broadcast + group prod up\n' } }, 'group-name-mismatch');
    assert.equal(r.get('hostname.ce1'), 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n');
  });
  expectHost('§4.4 ipmp0 / ipmpO', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group ipmp0 up\n', 'hostname.ce1': 'group ipmpO up\n' },
  }, ['hostname.ce0: group-name-mismatch: ipmp0', 'hostname.ce1: group-name-mismatch: ipmpO']);
  expectHost('§4.5 data addresses on different subnets', {
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'h1-data2 netmask + broadcast + group prod up\n',
      'hostname.ce2': 'h1-other netmask + broadcast + group prod up\n',
    },
  }, ['hostname.ce2: group-subnet-mismatch: h1-other']);
  expectHost('§4.6 two groups on one subnet', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n', 'hostname.ce2': 'h1-data2 netmask + broadcast + group back up\n', 'hostname.ce3': 'group back up\n' },
  }, ['hostname.ce2: groups-share-subnet: h1-data2']);
  expectHost('§4.8 the same test address twice', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod up\n' },
  }, ['hostname.ce1: duplicate-address: h1-ce0-test']);
  expectHost('§4.9 test address equals the data address', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': '192.168.10.10 deprecated -failover netmask + broadcast + group prod up\n' },
  }, ['hostname.ce1: duplicate-address: 192.168.10.10']);
  expectHost('§4.10 standby with a data address', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-data2 netmask + broadcast + group prod standby up\n' },
  }, ['hostname.ce1: standby-data-address: h1-data2', 'hostname.ce1: no-test-address: prod']);
  test('§4.10 fix makes it a test address', () => {
    const r = fixed({ files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test netmask + broadcast + group prod standby up\n' } }, 'standby-data-address');
    assert.equal(r.get('hostname.ce1'), 'h1-ce1-test netmask + broadcast + group prod deprecated -failover standby up\n');
  });
  expectHost('§4.11 standby test address added with addif after standby', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'group prod standby up \\\naddif h1-ce1-test deprecated -failover netmask + broadcast + up\n' },
  }, ['hostname.ce1: standby-addif-order: h1-ce1-test']);
  expectHost('§4.12 a one-member group with a separate test address', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'] },
  }, ['hostname.ce0: single-interface-group: h1-ce0-test']);
  expectHost('§4.14 netmask + without a netmasks entry', {
    netmasks: '10.0.0.0\t255.255.255.0\n',
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' },
  }, ['hostname.ce0: netmask-not-found: +']);
  test('§4.14 fix adds a netmasks entry', () => {
    const r = fixed({ netmasks: '10.0.0.0\t255.255.255.0\n', files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' } }, 'netmask-not-found');
    assert.equal(r.get('netmasks'), '10.0.0.0\t255.255.255.0\n192.168.10.0\t255.255.255.0\n');
  });
  expectHost('§4.14 the implicit netmask + of a one-line file', {
    netmasks: '10.0.0.0\t255.255.255.0\n',
    files: { 'hostname.hme0': 'h1\n' },
  }, ['hostname.hme0: netmask-not-found: h1']);
  expectHost('§4.15 explicit netmask contradicting netmasks', {
    files: { 'hostname.ce0': 'h1 netmask 255.255.255.192 broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' },
  }, ['hostname.ce0: netmask-overridden: 255.255.255.192']);
  test('§4.15 fix uses netmask +', () => {
    const r = fixed({ files: { 'hostname.ce0': 'h1 netmask 255.255.255.192 broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' } }, 'netmask-overridden');
    assert.equal(r.get('hostname.ce0'), 'h1 netmask + broadcast + group prod up\n');
  });
  expectHost('§4.22 deprecated IPv6 link-local test address', {
    files: { 'hostname6.ce0': '-failover deprecated group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, ['hostname6.ce0: ipv6-test-address: deprecated']);
  expectHost('§4.23 IPv6 global address as test address', {
    files: { 'hostname6.ce0': '2001:db8::10/64 -failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, ['hostname6.ce0: ipv6-test-address: 2001:db8::10/64']);
  expectHost('§4.24 members plumbed for different families', {
    files: { ...ACTIVE_ACTIVE, 'hostname6.ce0': '-failover group prod up\n' },
  }, ['hostname.ce1: mixed-address-families: prod']);
  expectHost('§4.25 dhcp file without hostname file', {
    files: { 'dhcp.e1000g1': 'primary\n', 'hostname.e1000g0': '' },
  }, ['dhcp.e1000g1: dhcp-without-hostname-file: primary']);
  test('§4.25 fix creates the empty hostname file', () => {
    const { findings } = run({ files: { 'dhcp.e1000g1': 'primary\n', 'hostname.e1000g0': '' } });
    const fix = findings[0]!.fixes![0]!;
    assert.deepEqual(fix.edits, [{ uri: `${ROOT}/hostname.e1000g1`, create: true, edits: [] }]);
  });
  expectHost('every member standby', {
    files: { 'hostname.ce0': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod standby up\n', 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n' },
  }, ['hostname.ce0: all-standby: standby', 'hostname.ce1: all-standby: standby']);
  expectHost('a member without a test address while others have one', {
    files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'group prod up\n' },
  }, ['hostname.ce1: no-test-address: prod']);
  expectHost('loghost on a test address (§5.1)', {
    hosts: '127.0.0.1 localhost\n192.168.10.10 h1\n192.168.10.11 h1-ce0-test loghost\n192.168.10.12 h1-ce1-test\n',
    files: ACTIVE_ACTIVE,
  }, ['hosts: loghost-on-test-address: loghost']);
  test('loghost fix moves the alias to the data address line', () => {
    const r = fixed({ hosts: '127.0.0.1 localhost\n192.168.10.10 h1\n192.168.10.11 h1-ce0-test loghost\n192.168.10.12 h1-ce1-test\n', files: ACTIVE_ACTIVE }, 'loghost-on-test-address');
    assert.equal(r.get('hosts'), '127.0.0.1 localhost\n192.168.10.10 h1 loghost\n192.168.10.11 h1-ce0-test\n192.168.10.12 h1-ce1-test\n');
  });
  expectHost('§5.2 ipnodes shadows hosts up to Solaris 10 11/06', {
    release: 's10-early',
    ipnodes: '192.168.10.99 h1-ce1-test\n',
    files: ACTIVE_ACTIVE,
  }, ['hostname.ce1: ipnodes-shadow: h1-ce1-test']);
  expectHost('§5.2 ipnodes is hosts from 8/07 on', { release: 's10', ipnodes: '192.168.10.99 h1-ce1-test\n', files: ACTIVE_ACTIVE }, []);
});

describe('several mistakes at once: each reported, none hides another', () => {
  expectHost('typo group, standby data address, duplicate test address, missing deprecated', {
    files: {
      'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'],
      'hostname.ce1': 'h1-ce0-test netmask + broadcast + -failover group prod up\n',
      'hostname.ce2': 'h1-data2 netmask + broadcast + group Prod standby up\n',
    },
  }, [
    'hostname.ce1: duplicate-address: h1-ce0-test',
    'hostname.ce1: test-address-not-deprecated: h1-ce0-test',
    'hostname.ce2: group-name-mismatch: Prod',
    'hostname.ce2: standby-data-address: h1-data2',
    'hostname.ce2: all-standby: standby',
  ]);
});
