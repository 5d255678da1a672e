/**
 * The topology model (features/topology.ts) drawn from the engine's explanation of a host and the
 * findings of its files: groups and members with their state, detection and addresses, NICs in no
 * group, warnings attached to the NIC, group or address they concern, and a NIC's failure (moved
 * addresses marked with where from, what the repair does). Every case with LF and CRLF files;
 * under CRLF the picture is what Solaris does with the CRs (each line's last word keeps its CR),
 * as Preview boot shows it, and every file with a line break adds its carriage-return warning.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { findingsFor, effectiveSeverity } from '../../server/src/features/diagnostics';
import { parseDocument } from '../../server/src/features/document';
import { analyzeHost } from '../../server/src/features/hostAnalysis';
import { explainJson } from '../../server/src/features/explain';
import { buildTopology, nicOfFile, type TopologyAddress, type TopologyFileFindings, type TopologyModel, type TopologyNic, type TopologyWarning } from '../../server/src/features/topology';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { EOLS, type Eol } from './helpers';
import { ROOT, hostView, type HostFx } from './engineHelpers';

/** The topology of an inline host, as the server builds it (every file's findings after the default settings). */
function topologyOf(fx: HostFx, eol: Eol, fail?: string): TopologyModel {
  const { view, texts } = hostView(fx, eol);
  const release = fx.release ?? 's10';
  const settings = { ...DEFAULT_SETTINGS, release };
  const analysis = analyzeHost(view, release);
  const failure = fail ? analysis.failure(fail) : undefined;
  const explanation = explainJson(analysis.preview(), { host: 'e1/etc', failure, fileLabel: (u) => u.slice(ROOT.length + 1) });
  const files: TopologyFileFindings[] = [...texts].map(([uri, text]) => {
    const path = new URL(uri).pathname;
    const kind = classifyPath(path)!;
    const findings = findingsFor(parseDocument(uri, path, kind, text), view, settings).flatMap((f) => {
      const severity = effectiveSeverity(f, settings);
      return severity ? [{ rule: f.rule, severity, message: f.message, range: f.range }] : [];
    });
    return { file: uri.slice(ROOT.length + 1), kind, text, findings };
  });
  return buildTopology(explanation, files, { fail });
}

function address(a: TopologyAddress): string {
  return `${a.role} ${a.address ?? '(dhcp)'}@${a.lif}${a.up ? '' : ' down'}${a.movedFrom ? ` moved-from=${a.movedFrom}` : ''}${a.stranded ? ' stranded' : ''}`;
}

function nic(n: TopologyNic): string {
  const addresses = [...n.dataAddresses, ...n.testAddresses].map(address);
  return [`${n.name} ${n.state}${n.detection ? ` ${n.detection}` : ''}${n.failed ? ' FAILED-BY-USER' : ''}`, ...addresses].join(' | ');
}

/** The picture in lines: groups with members, then NICs in no group. */
function picture(model: TopologyModel): string[] {
  return [
    ...model.groups.flatMap((g) => [`group ${g.name} ${g.detection}`, ...g.members.map((m) => `  ${nic(m)}`)]),
    ...model.ungrouped.map((n) => `no group: ${nic(n)}`),
  ];
}

const w = (x: TopologyWarning): string => `${x.source === 'in.mpathd' ? 'in.mpathd' : `${x.file}:${x.line} ${x.rule}`} (${x.severity})`;

/** Every warning with what it is attached to; carriage-return left out (checked apart). */
function warnings(model: TopologyModel): string[] {
  const out: string[] = [];
  const keep = (x: TopologyWarning): boolean => x.rule !== 'carriage-return';
  const nics = [...model.groups.flatMap((g) => g.members), ...model.ungrouped];
  for (const g of model.groups) for (const x of g.warnings.filter(keep)) out.push(`group ${g.name}: ${w(x)}`);
  for (const n of nics) {
    for (const x of n.warnings.filter(keep)) out.push(`${n.name}: ${w(x)}`);
    for (const a of [...n.dataAddresses, ...n.testAddresses]) for (const x of a.warnings.filter(keep)) out.push(`${a.address}: ${w(x)}`);
  }
  for (const x of model.warnings.filter(keep)) out.push(`host: ${w(x)}`);
  return out;
}

/** The NICs carrying a carriage-return warning (CRLF hostname files). */
function carriageReturns(model: TopologyModel): string[] {
  return [...model.groups.flatMap((g) => g.members), ...model.ungrouped].filter((n) => n.warnings.some((x) => x.rule === 'carriage-return')).map((n) => n.name);
}

function eolCase(name: string, body: (eol: Eol) => void): void {
  for (const eol of EOLS) test(`${name} [${eol}]`, () => body(eol));
}

const CE0 = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1_STANDBY = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n';
const CE1_ACTIVE = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';

const STANDBY_PAIR: HostFx = { files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1_STANDBY } };

describe('topology: groups, members, NICs in no group', () => {
  eolCase('active-standby, probe-based: ce0 active with its data and test address, ce1 the standby (INACTIVE) with its test address', (eol) => {
    const model = topologyOf(STANDBY_PAIR, eol);
    assert.equal(model.host, 'e1/etc');
    assert.equal(model.failure, null);
    assert.deepEqual(
      picture(model),
      eol === 'LF'
        ? ['group prod probe', '  ce0 active probe | data 192.168.10.10@ce0 | test 192.168.10.11@ce0:1', '  ce1 inactive probe | test 192.168.10.12@ce1']
        : // `up\r` ends each logical line: the test addresses never come up, so in.mpathd cannot probe.
          ['group prod link', '  ce0 active link | data 192.168.10.10@ce0 | test 192.168.10.11@ce0:1 down', '  ce1 inactive link | test 192.168.10.12@ce1 down'],
    );
    assert.deepEqual(warnings(model), eol === 'LF' ? [] : ['ce0: in.mpathd (warning)', 'ce1: in.mpathd (warning)']);
    assert.deepEqual(carriageReturns(model), eol === 'LF' ? [] : ['ce0', 'ce1']);
  });

  eolCase('link-based pair (no test address) and a NIC in no group: in.mpathd says so on each member', (eol) => {
    const fx: HostFx = { files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'h1-data2 netmask + broadcast + group prod up\n', 'hostname.bge0': 'h1-other netmask + broadcast + up\n' } };
    const model = topologyOf(fx, eol);
    const down = eol === 'LF' ? '' : ' down';
    assert.deepEqual(picture(model), ['group prod link', `  ce0 active link | data 192.168.10.10@ce0${down}`, `  ce1 active link | data 192.168.10.20@ce1${down}`, `no group: bge0 active | data 192.168.20.10@bge0${down}`]);
    assert.deepEqual(warnings(model), ['ce0: in.mpathd (warning)', 'ce1: in.mpathd (warning)']);
    const ce0 = model.groups[0]!.members[0]!;
    assert.match(ce0.warnings.find((x) => x.source === 'in.mpathd')!.message, /No test address configured on interface ce0/);
    assert.equal(model.ungrouped[0]!.detection, null);
    assert.deepEqual(carriageReturns(model), eol === 'LF' ? [] : ['ce0', 'ce1', 'bge0']);
  });
});

describe('topology: a NIC fails', () => {
  eolCase('ce0 fails: its data address moves to the standby (marked as moved from ce0), the test address stays; the repair moves it back', (eol) => {
    const model = topologyOf(STANDBY_PAIR, eol, 'ce0');
    const detection = eol === 'LF' ? 'probe' : 'link';
    const down = eol === 'LF' ? '' : ' down';
    assert.deepEqual(picture(model), [
      `group prod ${detection}`,
      `  ce0 failed ${detection} FAILED-BY-USER | test 192.168.10.11@ce0:1${down}`,
      `  ce1 standby ${detection} | data 192.168.10.10@ce1:1 moved-from=ce0 | test 192.168.10.12@ce1${down}`,
    ]);
    assert.deepEqual(model.failure, {
      nic: 'ce0',
      group: 'prod',
      detection,
      destination: 'ce1',
      moves: [{ address: '192.168.10.10', from: 'ce0', to: 'ce1:1' }],
      stranded: [],
      log: ['The link has gone down on ce0', 'NIC failure detected on ce0 of group prod', 'Successfully failed over from NIC ce0 to NIC ce1'],
      repair: { moves: [{ address: '192.168.10.10', from: 'ce1:1', to: 'ce0' }], log: ['The link has come up on ce0', 'NIC repair detected on ce0 of group prod', 'Successfully failed back to NIC ce0'] },
    });
  });

  eolCase('FAILBACK=no: the repair leaves the moved address where it is', (eol) => {
    const model = topologyOf({ files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1_ACTIVE }, mpathd: 'FAILBACK=no\n' }, eol, 'ce0');
    assert.equal(model.groups[0]!.members[1]!.dataAddresses[0]!.movedFrom, 'ce0');
    assert.deepEqual(model.failure?.repair, { moves: [], log: ['The link has come up on ce0', 'NIC repair detected on ce0 of group prod'] });
  });

  eolCase('the only member fails: nowhere to go, its data address is stranded', (eol) => {
    const model = topologyOf({ files: { 'hostname.ce0': CE0 } }, eol, 'ce0');
    assert.deepEqual(picture(model), ['group prod probe', `  ce0 failed probe FAILED-BY-USER | data 192.168.10.10@ce0 stranded | test 192.168.10.11@ce0:1${eol === 'LF' ? '' : ' down'}`]);
    assert.equal(model.failure?.destination, null);
    assert.deepEqual(model.failure?.stranded, ['192.168.10.10 (ce0)']);
    assert.deepEqual(warnings(model), ['ce0: hostname.ce0:2 single-interface-group (info)']);
  });

  eolCase('a NIC the host does not have: the boot state, and the name kept as unknown', (eol) => {
    const model = topologyOf(STANDBY_PAIR, eol, 'ce9');
    assert.equal(model.failure, null);
    assert.equal(model.unknownNic, 'ce9');
    assert.equal(model.groups[0]!.members[0]!.state, 'active');
  });
});

describe('topology: warnings attached to what they concern', () => {
  const fx: HostFx = {
    files: {
      'hostname.ce0': CE0,
      'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prdo standby up\n',
      'hostname.ce2': 'h1-nosuch netmask + broadcast + up\n',
      'hostname6.ce3': 'up\n',
    },
    hosts: '127.0.0.1 localhost\n192.168.10.10 h1 loghost\n192.168.10.11 h1-ce0-test\n192.168.10.12 h1-ce1-test h1_ce1\n192.168.10.13 h1_bad\n',
    netmasks: '192.168.10.1 255.255.255.0\n',
    mpathd: 'FAILURE_DETECTION_TIME=10000\nFAILBAK=yes\n',
  };
  eolCase('a hostname file\'s findings on its NIC, a hosts line\'s on its address, a netmasks line\'s on the addresses of its network, the rest on the host', (eol) => {
    const model = topologyOf(fx, eol);
    assert.deepEqual(warnings(model), [
      'ce0: hostname.ce0:1 group-name-mismatch (warning)',
      'ce0: hostname.ce0:1 netmask-not-found (warning)',
      'ce0: hostname.ce0:2 netmask-not-found (warning)',
      '192.168.10.10: netmasks:1 netmask-key-mismatch (warning)',
      '192.168.10.11: netmasks:1 netmask-key-mismatch (warning)',
      'ce1: hostname.ce1:1 all-standby (warning)',
      'ce1: hostname.ce1:1 group-name-mismatch (warning)',
      'ce1: hostname.ce1:1 netmask-not-found (warning)',
      ...(eol === 'LF' ? [] : ['ce1: in.mpathd (warning)']),
      '192.168.10.12: hosts:4 invalid-host-name (warning)',
      '192.168.10.12: netmasks:1 netmask-key-mismatch (warning)',
      'ce2: hostname.ce2:1 unresolved-host (error)',
      'host: hosts:5 invalid-host-name (warning)',
      'host: default/mpathd:2 unknown-setting (warning)',
    ]);
  });
});

test('nicOfFile: the physical NIC a hostname file configures', () => {
  assert.equal(nicOfFile('hostname.ce0'), 'ce0');
  assert.equal(nicOfFile('hostname6.e1000g1'), 'e1000g1');
  assert.equal(nicOfFile('hostname.ce0:1'), 'ce0');
  assert.equal(nicOfFile('dhcp.bge0'), 'bge0');
  assert.equal(nicOfFile('hosts'), undefined);
  assert.equal(nicOfFile('hostname.'), undefined);
});
