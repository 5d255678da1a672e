/**
 * Every layout of reference §3.7 and every mistake of §4 that lives in the host's files, run
 * through the whole chain: the commands the boot runs, the interfaces it leaves, what
 * in.mpathd makes of them, and exactly the findings every rule gives for every file of the
 * host — under LF and under CRLF, where the only difference is one carriage-return finding per
 * file with line breaks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateFailure } from '../../server/src/engine/mpathd';
import type { BootResult } from '../../server/src/engine/boot';
import { EOLS } from './helpers';
import { bootOf, commandsOf, filesWithLineBreaks, findingsOf, ifconfigA, messagesOf, type HostFx } from './engineHelpers';

interface Expected {
  /** The commands of the configure, up, move-addresses and dhcp phases. */
  readonly commands: readonly string[];
  /** ifconfigA of the booted state. */
  readonly state: readonly string[];
  /** `group: nic role detection [probes …] [data …]` per member. */
  readonly mpathd: readonly string[];
  readonly log?: readonly string[];
  /** `file: rule: covered text`, every rule over every file of the host. */
  readonly findings: readonly string[];
  /** Per NIC that fails: `address from -> to` for every address that moves. */
  readonly failures?: Readonly<Record<string, readonly string[]>>;
  /** Messages of the boot scripts that must be among those printed. */
  readonly messages?: readonly string[];
}

function members(r: BootResult): string[] {
  return r.mpathd.groups.flatMap((g) =>
    g.members.map((m) =>
      [`${g.name}: ${m.name} ${m.role} ${m.detection}`, m.probes.length ? `probes ${m.probes.map((p) => p.lif).join(',')}` : '', m.dataAddresses.length ? `data ${m.dataAddresses.join(',')}` : '']
        .filter(Boolean)
        .join(' '),
    ),
  );
}

const PHASES = ['configure', 'up', 'move-addresses', 'dhcp'];

/** The whole chain for one host, under LF and CRLF. */
function expectLayout(name: string, fx: HostFx, expected: Expected): void {
  for (const eol of EOLS) {
    test(`${name} [${eol}]`, () => {
      const r = bootOf(fx, eol);
      assert.deepEqual(commandsOf(r, PHASES), expected.commands, 'commands');
      assert.deepEqual(ifconfigA(r.state), expected.state, 'interfaces after boot');
      assert.deepEqual(members(r), expected.mpathd, 'in.mpathd view');
      assert.deepEqual(r.mpathd.log, expected.log ?? [], 'in.mpathd log');
      for (const m of expected.messages ?? []) assert.ok(messagesOf(r).includes(m), `message ${m}`);
      for (const [nic, moves] of Object.entries(expected.failures ?? {})) {
        const f = simulateFailure(r.state, nic, r.settings);
        assert.ok(f, nic);
        assert.deepEqual(f.failed.moves.map((m) => `${m.address} ${m.from} -> ${m.to}`), moves, `failure of ${nic}`);
        // Repair with failback puts every address back where the boot left it.
        assert.deepEqual(ifconfigA(f.repaired.state), ifconfigA(r.state), `repair of ${nic}`);
      }
      const { findings, carriageReturns } = findingsOf(fx, eol);
      assert.deepEqual(findings, expected.findings, 'findings');
      assert.deepEqual(carriageReturns, eol === 'CRLF' ? filesWithLineBreaks(fx) : [], 'carriage-return findings');
    });
  }
}

const CE0 = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';
const CE0_RUN = 'ifconfig ce0 inet h1 netmask + broadcast + group prod up addif h1-ce0-test deprecated -failover netmask + broadcast + up netmask + broadcast + up';
const CE1_RUN = 'ifconfig ce1 inet h1-ce1-test deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up';
const CE0_STATE = ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER'];
const CE1_STATE = ['ce1: group=prod', 'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER'];
const CE0_VIEW = 'prod: ce0 active probe probes ce0:1 data 192.168.10.10';
const CE1_VIEW = 'prod: ce1 active probe probes ce1';
const LINK_ONLY = (nic: string) => `No test address configured on interface ${nic}; disabling probe-based failure detection on it`;

describe('§3.7 the valid layouts: booted, viewed by in.mpathd, failed over, and clean', () => {
  expectLayout('probe-based, active-active', { files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 } }, {
    commands: [CE0_RUN, CE1_RUN],
    state: [...CE0_STATE, ...CE1_STATE],
    mpathd: [CE0_VIEW, CE1_VIEW],
    findings: [],
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1'], ce1: [] },
  });

  expectLayout('active-standby: the standby carries only its test address', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1: group=prod STANDBY,INACTIVE', 'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, 'prod: ce1 inactive probe probes ce1'],
    findings: [],
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1'], ce1: [] },
  });

  expectLayout('link-based only (no test addresses)', {
    files: { 'hostname.e1000g0': 'h1 netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' },
  }, {
    commands: ['ifconfig e1000g0 inet h1 netmask + broadcast + group prod up netmask + broadcast + up', 'ifconfig e1000g1 inet group prod up netmask + broadcast + up'],
    state: ['e1000g0: group=prod', 'e1000g0 inet 192.168.10.10/24 UP', 'e1000g1: group=prod', 'e1000g1 inet 0.0.0.0/0 UP'],
    mpathd: ['prod: e1000g0 active link data 192.168.10.10', 'prod: e1000g1 active link'],
    log: [LINK_ONLY('e1000g0'), LINK_ONLY('e1000g1')],
    findings: [],
    failures: { e1000g0: ['192.168.10.10 e1000g0 -> e1000g1:1'], e1000g1: [] },
  });

  expectLayout('IPv6 link-local test addresses', {
    files: { 'hostname6.ce0': '-failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet6 -failover group prod up', 'ifconfig ce0 inet6 up', 'ifconfig ce1 inet6 -failover group prod up', 'ifconfig ce1 inet6 up'],
    state: ['ce0: group=prod', 'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER', 'ce1: group=prod', 'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER'],
    mpathd: ['prod: ce0 active probe probes ce0', 'prod: ce1 active probe probes ce1'],
    findings: [],
    failures: { ce0: [], ce1: [] },
  });

  expectLayout('IPv6 link-local test addresses beside IPv4 data addresses (no IPv4 test addresses needed)', {
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname6.ce0': '-failover group prod up\naddif 2001:db8::10/64 up\n',
      'hostname6.ce1': '-failover group prod up\n',
    },
  }, {
    commands: [
      'ifconfig ce0 inet h1 netmask + broadcast + group prod up netmask + broadcast + up',
      'ifconfig ce1 inet group prod up netmask + broadcast + up',
      'ifconfig ce0 inet6 -failover group prod up',
      'ifconfig ce0 inet6 addif 2001:db8::10/64 up',
      'ifconfig ce0 inet6 up',
      'ifconfig ce1 inet6 -failover group prod up',
      'ifconfig ce1 inet6 up',
    ],
    state: [
      'ce0: group=prod',
      'ce0 inet 192.168.10.10/24 UP',
      'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
      'ce0:1 inet6 2001:db8::10/64 UP',
      'ce1: group=prod',
      'ce1 inet 0.0.0.0/0 UP',
      'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
    ],
    mpathd: ['prod: ce0 active probe probes ce0 data 192.168.10.10,2001:db8::10', 'prod: ce1 active probe probes ce1'],
    findings: [],
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1', '2001:db8::10 ce0:1 -> ce1:1'], ce1: [] },
  });

  expectLayout('test address on unit 0, data address with addif … failover (§3.8 b)', {
    files: {
      'hostname.ce0': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod up \\\naddif h1 failover netmask + broadcast + up\n',
      'hostname.ce1': CE1,
    },
  }, {
    commands: ['ifconfig ce0 inet h1-ce0-test deprecated -failover netmask + broadcast + group prod up addif h1 failover netmask + broadcast + up netmask + broadcast + up', CE1_RUN],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER', 'ce0:1 inet 192.168.10.10/24 UP', ...CE1_STATE],
    mpathd: ['prod: ce0 active probe probes ce0 data 192.168.10.10', CE1_VIEW],
    findings: [],
    failures: { ce0: ['192.168.10.10 ce0:1 -> ce1:1'] },
  });
});

describe('§4 each mistake in the files: what the boot does and exactly what is reported', () => {
  expectLayout('§4.1 test address without deprecated', { files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test netmask + broadcast + -failover group prod up\n' } }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test netmask + broadcast + -failover group prod up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1: group=prod', 'ce1 inet 192.168.10.12/24 UP,NOFAILOVER'],
    // in.mpathd still probes from it: it only prefers deprecated ones.
    mpathd: [CE0_VIEW, CE1_VIEW],
    findings: ['hostname.ce1: test-address-not-deprecated: h1-ce1-test'],
  });

  expectLayout('§4.2 deprecated without -failover: a data address, and no test address on the NIC', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated netmask + broadcast + up\n', 'hostname.ce1': CE1 },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod up addif h1-ce0-test deprecated netmask + broadcast + up netmask + broadcast + up', CE1_RUN],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED', ...CE1_STATE],
    mpathd: ['prod: ce0 active link data 192.168.10.10,192.168.10.11', CE1_VIEW],
    log: [LINK_ONLY('ce0')],
    findings: ['hostname.ce0: deprecated-data-address: deprecated', 'hostname.ce0: no-test-address: prod'],
    // It fails over like a data address.
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1', '192.168.10.11 ce0:1 -> ce1:2'] },
  });

  expectLayout('§4.3 -failover after up', { files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test deprecated netmask + broadcast + group prod up -failover\n' } }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test deprecated netmask + broadcast + group prod up -failover netmask + broadcast + up'],
    state: [...CE0_STATE, ...CE1_STATE],
    mpathd: [CE0_VIEW, CE1_VIEW],
    findings: ['hostname.ce1: option-order: -failover'],
  });

  expectLayout('§4.4 group names that differ by case: two singleton groups', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group Prod up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test deprecated -failover netmask + broadcast + group Prod up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1: group=Prod', 'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, 'Prod: ce1 active probe probes ce1'],
    findings: ['hostname.ce0: group-name-mismatch: prod', 'hostname.ce1: group-name-mismatch: Prod'],
    failures: { ce0: [] },
  });

  expectLayout('§4.4 one member without group: ce0 alone in its group', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test deprecated -failover netmask + broadcast + up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1:', 'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW],
    findings: ['hostname.ce0: single-interface-group: h1-ce0-test'],
    failures: { ce0: [] },
  });

  expectLayout('§4.5 members on different subnets', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'h1-other netmask + broadcast + group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod up netmask + broadcast + up', 'ifconfig ce1 inet h1-other netmask + broadcast + group prod up netmask + broadcast + up'],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce1: group=prod', 'ce1 inet 192.168.20.10/24 UP'],
    mpathd: ['prod: ce0 active link data 192.168.10.10', 'prod: ce1 active link data 192.168.20.10'],
    log: [LINK_ONLY('ce0'), LINK_ONLY('ce1')],
    findings: ['hostname.ce1: group-subnet-mismatch: h1-other'],
    // The address lands on a link where it is not reachable.
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1'] },
  });

  expectLayout('§4.6 two groups on one subnet', {
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname.ce2': 'h1-data2 netmask + broadcast + group back up\n',
      'hostname.ce3': 'group back up\n',
    },
  }, {
    commands: [
      'ifconfig ce0 inet h1 netmask + broadcast + group prod up netmask + broadcast + up',
      'ifconfig ce1 inet group prod up netmask + broadcast + up',
      'ifconfig ce2 inet h1-data2 netmask + broadcast + group back up netmask + broadcast + up',
      'ifconfig ce3 inet group back up netmask + broadcast + up',
    ],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce1: group=prod', 'ce1 inet 0.0.0.0/0 UP', 'ce2: group=back', 'ce2 inet 192.168.10.20/24 UP', 'ce3: group=back', 'ce3 inet 0.0.0.0/0 UP'],
    mpathd: ['prod: ce0 active link data 192.168.10.10', 'prod: ce1 active link', 'back: ce2 active link data 192.168.10.20', 'back: ce3 active link'],
    log: [LINK_ONLY('ce0'), LINK_ONLY('ce1'), LINK_ONLY('ce2'), LINK_ONLY('ce3')],
    findings: ['hostname.ce2: groups-share-subnet: h1-data2'],
  });

  expectLayout('§4.7 a name hosts does not define: bad address, the NIC never joins', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce5-test deprecated -failover netmask + broadcast + group prod up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce5-test deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up => ifconfig: h1-ce5-test: bad address'],
    state: [...CE0_STATE, 'ce1:', 'ce1 inet 0.0.0.0/0'],
    mpathd: [CE0_VIEW],
    messages: ['Failed to configure IPv4 interface(s): ce1'],
    findings: ['hostname.ce1: unresolved-host: h1-ce5-test'],
    failures: { ce0: [] },
  });

  expectLayout('§4.7 up to Solaris 10 11/06 a stale ipnodes entry wins over hosts', {
    release: 's10-early',
    ipnodes: '192.168.10.99\th1-ce1-test\n',
    nodename: 'h1\n',
    files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 },
  }, {
    commands: [CE0_RUN, CE1_RUN],
    state: [...CE0_STATE, 'ce1: group=prod', 'ce1 inet 192.168.10.99/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, CE1_VIEW],
    findings: ['hostname.ce1: ipnodes-shadow: h1-ce1-test'],
  });

  expectLayout('§4.8 the same test address on two NICs', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce0-test deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1: group=prod', 'ce1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, CE1_VIEW],
    log: ['Test address 192.168.10.11 is not unique; disabling probe-based failure detection', 'Test address 192.168.10.11 is not unique; disabling probe-based failure detection'],
    findings: ['hostname.ce1: duplicate-address: h1-ce0-test'],
  });

  expectLayout('§4.9 a test address equal to the data address', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1 deprecated -failover netmask + broadcast + group prod up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1 deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce1: group=prod', 'ce1 inet 192.168.10.10/24 UP,DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, CE1_VIEW],
    log: ['Test address 192.168.10.10 is not unique; disabling probe-based failure detection'],
    findings: ['hostname.ce1: duplicate-address: h1'],
  });

  expectLayout('§4.10 a standby with a data address: in.mpathd moves it away, the standby keeps 0.0.0.0', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': '192.168.10.20 netmask + broadcast + group prod standby up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet 192.168.10.20 netmask + broadcast + group prod standby up netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce0:2 inet 192.168.10.20/24 UP (ce1)', 'ce1: group=prod STANDBY,INACTIVE', 'ce1 inet 0.0.0.0/0 NOFAILOVER'],
    mpathd: ['prod: ce0 active probe probes ce0:1 data 192.168.10.10,192.168.10.20', 'prod: ce1 inactive link'],
    log: [LINK_ONLY('ce1')],
    findings: ['hostname.ce1: standby-data-address: 192.168.10.20', 'hostname.ce1: no-test-address: prod'],
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1', '192.168.10.20 ce0:2 -> ce1:2'] },
  });

  expectLayout("§4.11 the standby's test address added with addif after standby: can't set -failover", {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'group prod standby up \\\naddif h1-ce1-test deprecated -failover netmask + broadcast + up\n' },
  }, {
    commands: [CE0_RUN, "ifconfig ce1 inet group prod standby up addif h1-ce1-test deprecated -failover netmask + broadcast + up netmask + broadcast + up => ifconfig: can't set -failover on failed/standby/offlined interface ce1"],
    state: [...CE0_STATE, 'ce0:2 inet 192.168.10.12/24 DEPRECATED (ce1)', 'ce1: group=prod STANDBY,INACTIVE', 'ce1 inet 0.0.0.0/0 UP'],
    mpathd: [CE0_VIEW, 'prod: ce1 inactive link'],
    log: [LINK_ONLY('ce1')],
    findings: ['hostname.ce1: standby-addif-order: h1-ce1-test'],
  });

  expectLayout('§4.12 a one-member group with a separate test address', { files: { 'hostname.ce0': CE0 } }, {
    commands: [CE0_RUN],
    state: CE0_STATE,
    mpathd: [CE0_VIEW],
    findings: ['hostname.ce0: single-interface-group: h1-ce0-test'],
    failures: { ce0: [] },
  });

  expectLayout('§4.14 netmask + with no netmasks entry: the classful mask, silently', {
    hosts: '127.0.0.1\tlocalhost\n10.1.2.10\th1\n',
    netmasks: '192.168.10.0\t255.255.255.0\n',
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod up netmask + broadcast + up', 'ifconfig ce1 inet group prod up netmask + broadcast + up'],
    state: ['ce0: group=prod', 'ce0 inet 10.1.2.10/8 UP', 'ce1: group=prod', 'ce1 inet 0.0.0.0/0 UP'],
    mpathd: ['prod: ce0 active link data 10.1.2.10', 'prod: ce1 active link'],
    log: [LINK_ONLY('ce0'), LINK_ONLY('ce1')],
    findings: ['hostname.ce0: netmask-not-found: +'],
  });

  expectLayout('§4.15 an explicit netmask that netmasks contradicts: rewritten at boot', {
    files: { 'hostname.ce0': 'h1 netmask 255.255.255.192 broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask 255.255.255.192 broadcast + group prod up netmask + broadcast + up', 'ifconfig ce1 inet group prod up netmask + broadcast + up'],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce1: group=prod', 'ce1 inet 0.0.0.0/0 UP'],
    mpathd: ['prod: ce0 active link data 192.168.10.10', 'prod: ce1 active link'],
    log: [LINK_ONLY('ce0'), LINK_ONLY('ce1')],
    findings: ['hostname.ce0: netmask-overridden: 255.255.255.192'],
  });

  expectLayout('§4.17 a comment line: #: bad address, and the file is multi-line', {
    files: { 'hostname.ce0': '# primary NIC\nh1\n' },
  }, {
    commands: ['ifconfig ce0 inet # primary NIC => ifconfig: #: bad address', 'ifconfig ce0 inet h1'],
    state: ['ce0:', 'ce0 inet 192.168.10.10/24'],
    mpathd: [],
    messages: ['Failed to configure IPv4 interface(s): ce0'],
    findings: ['hostname.ce0: comment-not-supported: # primary NIC', 'hostname.ce0: interface-stays-down: h1'],
  });

  expectLayout('§4.17 a trailing comment: the words before it apply', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up # data\n', 'hostname.ce1': 'group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod up # data netmask + broadcast + up => ifconfig: #: bad address', 'ifconfig ce1 inet group prod up netmask + broadcast + up'],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24 UP', 'ce1: group=prod', 'ce1 inet 0.0.0.0/0 UP'],
    mpathd: ['prod: ce0 active link data 192.168.10.10', 'prod: ce1 active link'],
    log: [LINK_ONLY('ce0'), LINK_ONLY('ce1')],
    findings: ['hostname.ce0: comment-not-supported: # data'],
  });

  expectLayout('§4.18 a backslash before trailing blanks: two commands', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up \\ \naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n', 'hostname.ce1': CE1 },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod up', 'ifconfig ce0 inet addif h1-ce0-test deprecated -failover netmask + broadcast + up', CE1_RUN],
    state: [...CE0_STATE, ...CE1_STATE],
    mpathd: [CE0_VIEW, CE1_VIEW],
    findings: ['hostname.ce0: line-continuation: \\ '],
  });

  expectLayout('§4.18 a backslash glued to up: upaddif', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n', 'hostname.ce1': CE1 },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + group prod upaddif h1-ce0-test deprecated -failover netmask + broadcast + up netmask + broadcast + up => ifconfig: upaddif: bad address', CE1_RUN],
    state: ['ce0: group=prod', 'ce0 inet 192.168.10.10/24', ...CE1_STATE],
    mpathd: ['prod: ce0 active link', CE1_VIEW],
    log: [LINK_ONLY('ce0')],
    findings: ['hostname.ce0: line-continuation: \\\n'],
  });

  expectLayout('§4.19 a stray +: a destination that does not resolve, before up', {
    files: { 'hostname.ce0': '192.168.10.10 broadcast + netmask 255.255.255.0 + up\n' },
  }, {
    commands: ['ifconfig ce0 inet 192.168.10.10 broadcast + netmask 255.255.255.0 + up netmask + broadcast + up => ifconfig: +: bad address'],
    state: ['ce0:', 'ce0 inet 192.168.10.10/24'],
    mpathd: [],
    findings: ['hostname.ce0: stray-plus: +'],
  });

  expectLayout('§4.20 UP in capitals: a destination that does not resolve', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod UP\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test deprecated -failover netmask + broadcast + group prod UP netmask + broadcast + up => ifconfig: UP: bad address'],
    state: [...CE0_STATE, 'ce1: group=prod', 'ce1 inet 192.168.10.12/24 DEPRECATED,NOFAILOVER'],
    mpathd: [CE0_VIEW, 'prod: ce1 active link'],
    log: [LINK_ONLY('ce1')],
    findings: ['hostname.ce1: unknown-keyword: UP'],
  });

  expectLayout('§4.20 a keyword typo (-fail-over): the group after it is never set', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test deprecated -fail-over netmask + broadcast + group prod up\n' },
  }, {
    commands: [CE0_RUN, 'ifconfig ce1 inet h1-ce1-test deprecated -fail-over netmask + broadcast + group prod up netmask + broadcast + up => ifconfig: -fail-over: bad address'],
    state: [...CE0_STATE, 'ce1:', 'ce1 inet 192.168.10.12/24 DEPRECATED'],
    mpathd: [CE0_VIEW],
    findings: ['hostname.ce1: unknown-keyword: -fail-over'],
  });

  expectLayout('§4.21 netmask in hostname6: Operation netmask not supported for inet6', {
    files: { 'hostname6.ce0': '-failover netmask + group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet6 -failover netmask + group prod up => ifconfig: Operation netmask not supported for inet6', 'ifconfig ce1 inet6 -failover group prod up', 'ifconfig ce1 inet6 up'],
    state: ['ce0:', 'ce0 inet6 fe80::<from the MAC address>/10 NOFAILOVER', 'ce1: group=prod', 'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER'],
    mpathd: ['prod: ce1 active probe probes ce1'],
    messages: ['Failed to configure IPv6 interface(s): ce0'],
    findings: ['hostname6.ce0: wrong-address-family: netmask'],
  });

  expectLayout('§4.22 a deprecated IPv6 link-local test address', {
    files: { 'hostname6.ce0': '-failover deprecated group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet6 -failover deprecated group prod up', 'ifconfig ce0 inet6 up', 'ifconfig ce1 inet6 -failover group prod up', 'ifconfig ce1 inet6 up'],
    state: ['ce0: group=prod', 'ce0 inet6 fe80::<from the MAC address>/10 UP,DEPRECATED,NOFAILOVER', 'ce1: group=prod', 'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER'],
    mpathd: ['prod: ce0 active probe probes ce0', 'prod: ce1 active probe probes ce1'],
    findings: ['hostname6.ce0: ipv6-test-address: deprecated'],
  });

  expectLayout('§4.23 a global IPv6 address as test address: it replaces the link-local one, and in.mpathd ignores it', {
    files: { 'hostname6.ce0': '2001:db8::10/64 -failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet6 2001:db8::10/64 -failover group prod up', 'ifconfig ce0 inet6 up', 'ifconfig ce1 inet6 -failover group prod up', 'ifconfig ce1 inet6 up'],
    state: ['ce0: group=prod', 'ce0 inet6 2001:db8::10/64 UP,NOFAILOVER', 'ce1: group=prod', 'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER'],
    mpathd: ['prod: ce0 active link', 'prod: ce1 active probe probes ce1'],
    log: [LINK_ONLY('ce0')],
    findings: ['hostname6.ce0: ipv6-test-address: 2001:db8::10/64'],
  });

  expectLayout('§4.23 a global IPv6 address as the first word of hostname6: the NIC loses its link-local address', {
    files: { 'hostname6.ce0': '2001:db8::10/64 group prod up\n', 'hostname6.ce1': '-failover group prod up\n' },
  }, {
    commands: ['ifconfig ce0 inet6 2001:db8::10/64 group prod up', 'ifconfig ce0 inet6 up', 'ifconfig ce1 inet6 -failover group prod up', 'ifconfig ce1 inet6 up'],
    state: ['ce0: group=prod', 'ce0 inet6 2001:db8::10/64 UP', 'ce1: group=prod', 'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER'],
    mpathd: ['prod: ce0 active link data 2001:db8::10', 'prod: ce1 active probe probes ce1'],
    log: [LINK_ONLY('ce0')],
    findings: ['hostname6.ce0: no-test-address: prod', 'hostname6.ce0: address-replaced: 2001:db8::10/64'],
    // The address on unit 0 moves, leaving the :: placeholder.
    failures: { ce0: ['2001:db8::10 ce0 -> ce1:1'] },
  });

  expectLayout('§4.24 one member plumbed for IPv6, the other not', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'hostname6.ce0': '-failover group prod up\n' },
  }, {
    commands: [CE0_RUN, CE1_RUN, 'ifconfig ce0 inet6 -failover group prod up', 'ifconfig ce0 inet6 up'],
    state: [...CE0_STATE, 'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER', ...CE1_STATE],
    mpathd: ['prod: ce0 active probe probes ce0:1,ce0 data 192.168.10.10', CE1_VIEW],
    log: ['NIC ce1 of group prod is not plumbed for IPv6 and may affect failover capability'],
    findings: ['hostname.ce1: mixed-address-families: prod'],
    // ce1 lacks IPv6, so in.mpathd has nowhere to put ce0's addresses.
    failures: { ce0: [], ce1: [] },
  });

  expectLayout('§4.25 a dhcp file without its hostname file', {
    files: { 'dhcp.e1000g1': 'primary\n', 'hostname.e1000g0': '' },
  }, {
    commands: ['ifconfig e1000g1 auto-dhcp primary primary => ifconfig: e1000g1: interface does not exist or cannot be managed using DHCP'],
    state: ['e1000g0:', 'e1000g0 inet 0.0.0.0/0'],
    mpathd: [],
    messages: ['Failed to configure IPv4 DHCP interface(s): e1000g1'],
    findings: ['dhcp.e1000g1: dhcp-without-hostname-file: primary'],
  });

  expectLayout('§4.26 FAILURE_DETECTION_TIME in seconds', {
    mpathd: 'FAILURE_DETECTION_TIME=10\n',
    files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 },
  }, {
    commands: [CE0_RUN, CE1_RUN],
    state: [...CE0_STATE, ...CE1_STATE],
    mpathd: [CE0_VIEW, CE1_VIEW],
    log: ['Too small failure detection time of 10, assuming minimum 100'],
    findings: ['default/mpathd: detection-time-units: 10'],
  });

  expectLayout('§4.27 FAILBACK = no and FAILBACK="no": failback stays on', {
    mpathd: 'FAILBACK = no\nFAILBACK="no"\n',
    files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 },
  }, {
    commands: [CE0_RUN, CE1_RUN],
    state: [...CE0_STATE, ...CE1_STATE],
    mpathd: [CE0_VIEW, CE1_VIEW],
    log: ['Invalid value for FAILBACK "no"'],
    findings: ['default/mpathd: setting-syntax:  ', 'default/mpathd: invalid-setting-value: "no"'],
    failures: { ce0: ['192.168.10.10 ce0 -> ce1:1'] },
  });

  expectLayout('§4.28 backup copies that still match the glob: plumbed, failed, their data address moved', {
    files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'hostname.ce0old1': CE0, 'hostname.qfe0-1': 'h1\n', 'hostname.ce0.bak': CE0 },
  }, {
    commands: [CE0_RUN, CE1_RUN, 'ifconfig ce0 inet -standby addif 0.0.0.0 set h1 netmask + broadcast + up'],
    state: [...CE0_STATE, 'ce0:2 inet 192.168.10.10/24 UP', ...CE1_STATE],
    mpathd: ['prod: ce0 active probe probes ce0:1 data 192.168.10.10,192.168.10.10', CE1_VIEW],
    messages: ['Failed to plumb IPv4 interface(s): ce0old1', "moving addresses from failed IPv4 interfaces: ce0old1 (moved to ce0) qfe0-1 (couldn't move, no alternative interface)."],
    findings: [
      'hostname.ce0old1: ignored-file: h1 netmask + broadcast + group prod up \\',
      'hostname.ce0old1: duplicate-address: h1',
      'hostname.qfe0-1: ignored-file: h1',
      'hostname.ce0.bak: ignored-file: h1 netmask + broadcast + group prod up \\',
    ],
  });

  expectLayout('§4.29 Solaris 11 syntax on Solaris 10: ipmp: bad address, ipmp0 cannot be plumbed', {
    files: { 'hostname.ce0': 'ipmp group prod h1 netmask + broadcast + up\n', 'hostname.ipmp0': 'ipmp group prod h1 up\n' },
  }, {
    commands: [
      'ifconfig ce0 inet ipmp group prod h1 netmask + broadcast + up netmask + broadcast + up => ifconfig: ipmp: bad address',
      'ifconfig ce0 inet -standby addif 0.0.0.0 set ipmp h1 up netmask + broadcast + up => ifconfig: ipmp: bad address',
    ],
    state: ['ce0:', 'ce0 inet 0.0.0.0/0', 'ce0:1 inet 0.0.0.0/0'],
    mpathd: [],
    messages: ['Failed to plumb IPv4 interface(s): ipmp0'],
    findings: ['hostname.ce0: solaris11-syntax: ipmp', 'hostname.ipmp0: solaris11-syntax: ipmp group prod h1 up', 'hostname.ipmp0: solaris11-syntax: ipmp'],
  });

  expectLayout('§4.30 a name that does not end in a digit is never read; one too long cannot be plumbed', {
    files: { 'hostname.ce0': 'h1\n', 'hostname.ce': 'h1-data2\n', 'hostname.abcdefghijklmnopqrstuvwxyz0123456': 'h1-data2\n' },
  }, {
    commands: ['ifconfig ce0 inet h1 netmask + broadcast + up'],
    state: ['ce0:', 'ce0 inet 192.168.10.10/24 UP'],
    mpathd: [],
    messages: ['Failed to plumb IPv4 interface(s): abcdefghijklmnopqrstuvwxyz0123456'],
    findings: ['hostname.ce: ignored-file: h1-data2', 'hostname.abcdefghijklmnopqrstuvwxyz0123456: invalid-interface-name: h1-data2'],
  });

  expectLayout('addif in a logical-interface file (hostname.ce0:1): bad physical interface name, the rest of the line unread', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + up\n', 'hostname.ce0:1': 'h1-data2 netmask + broadcast + up addif 192.168.10.40 netmask + broadcast + up\n' },
  }, {
    commands: [
      'ifconfig ce0 inet h1 netmask + broadcast + up netmask + broadcast + up',
      'ifconfig ce0:1 inet h1-data2 netmask + broadcast + up addif 192.168.10.40 netmask + broadcast + up netmask + broadcast + up => ifconfig: addif: bad physical interface name ce0:1',
    ],
    state: ['ce0:', 'ce0 inet 192.168.10.10/24 UP', 'ce0:1 inet 192.168.10.20/24 UP'],
    mpathd: [],
    messages: ['Failed to configure IPv4 interface(s): ce0:1'],
    findings: ['hostname.ce0:1: addif-on-logical: addif'],
  });

  expectLayout('§4.31 no newline at the end: the only line never runs', {
    files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up' },
  }, {
    commands: [],
    state: ['ce0:', 'ce0 inet 0.0.0.0/0'],
    mpathd: [],
    findings: ['hostname.ce0: missing-final-newline: h1 netmask + broadcast + group prod up'],
  });

  expectLayout('§4.32 a trailing blank line after a one-line file: the address stays down', {
    files: { 'hostname.ce0': 'h1\n\n' },
  }, {
    commands: ['ifconfig ce0 inet h1'],
    state: ['ce0:', 'ce0 inet 192.168.10.10/24'],
    mpathd: [],
    findings: ['hostname.ce0: interface-stays-down: h1'],
  });
});
