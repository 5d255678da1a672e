/**
 * The engine's in.mpathd (reference §3; research notes on in.mpathd and the kernel): the
 * settings it reads, the address it probes from, what it logs about the configuration, where
 * a failed NIC's addresses go and what a repair brings back.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { failoverDestination, mpathdOrder, mpathdView, probeSource, readMpathdSettings, simulateFailure, DEFAULT_MPATHD_SETTINGS } from '../../server/src/engine/mpathd';
import { parseMpathd } from '../../server/src/syntax/mpathd';
import { bootOf, ifconfigA, shell, type HostFx } from './engineHelpers';

function settingsOf(text: string) {
  return readMpathdSettings(parseMpathd(text));
}

describe('in.mpathd: /etc/default/mpathd (§3.9)', () => {
  test('no file: the defaults', () => {
    assert.deepEqual(readMpathdSettings(undefined), { settings: { failureDetectionTime: 10000, failback: true, trackInterfacesOnlyWithGroups: true }, log: [] });
  });

  test('FAILURE_DETECTION_TIME is read with strtol(value, NULL, 0)', () => {
    for (const [value, ms] of [['10000', 10000], ['10000ms', 10000], ['0x2710', 10000], ['5000 # five seconds', 5000], [' 5000', 5000], ['100', 100]] as const) {
      assert.deepEqual(settingsOf(`FAILURE_DETECTION_TIME=${value}\n`), { settings: { ...DEFAULT_MPATHD_SETTINGS, failureDetectionTime: ms }, log: [] }, value);
    }
  });

  test('under 100 is raised to 100, with in.mpathd\'s message; 010 is octal 8', () => {
    for (const value of ['10', '99', '010', '1e6']) {
      assert.deepEqual(settingsOf(`FAILURE_DETECTION_TIME=${value}\n`), {
        settings: { ...DEFAULT_MPATHD_SETTINGS, failureDetectionTime: 100 },
        log: [`Too small failure detection time of ${value}, assuming minimum 100`],
      }, value);
    }
  });

  test('zero, negative or no number: the default, with in.mpathd\'s message', () => {
    for (const value of ['0', '-5', 'abc', '']) {
      assert.deepEqual(settingsOf(`FAILURE_DETECTION_TIME=${value}\n`), {
        settings: DEFAULT_MPATHD_SETTINGS,
        log: [`Invalid failure detection time ${value}, assuming default 10000`],
      }, value);
    }
  });

  test('FAILBACK and TRACK_INTERFACES_ONLY_WITH_GROUPS: yes/no prefixes, any case', () => {
    for (const [value, failback] of [['yes', true], ['YES', true], ['Yes please', true], ['no', false], ['NO', false], ['nothing', false], ['no # later', false]] as const) {
      const r = settingsOf(`FAILBACK=${value}\nTRACK_INTERFACES_ONLY_WITH_GROUPS=${value}\n`);
      assert.deepEqual(r, { settings: { ...DEFAULT_MPATHD_SETTINGS, failback, trackInterfacesOnlyWithGroups: failback }, log: [] }, value);
    }
  });

  test('other values keep the default, with in.mpathd\'s message word for word', () => {
    assert.deepEqual(settingsOf('FAILBACK=maybe\nTRACK_INTERFACES_ONLY_WITH_GROUPS=off\n'), {
      settings: DEFAULT_MPATHD_SETTINGS,
      log: ['Invalid value for FAILBACK maybe', 'Invalid value for TRACK_INTERFACES_ONLY_WITH_GROUPS off'],
    });
    assert.deepEqual(settingsOf('FAILBACK="no"\n').log, ['Invalid value for FAILBACK "no"']);
  });

  test('defread: the first line wins, names in any case, spaces around = or a tab in front never match', () => {
    assert.equal(settingsOf('FAILBACK=no\nFAILBACK=yes\n').settings.failback, false);
    assert.equal(settingsOf('failback=no\n').settings.failback, false);
    assert.deepEqual(settingsOf('FAILBACK = no\n'), { settings: DEFAULT_MPATHD_SETTINGS, log: [] });
    assert.deepEqual(settingsOf('\tFAILBACK=no\n'), { settings: DEFAULT_MPATHD_SETTINGS, log: [] });
    assert.deepEqual(settingsOf('#FAILBACK=no\n'), { settings: DEFAULT_MPATHD_SETTINGS, log: [] });
  });

  test('the settings and their messages reach the boot\'s in.mpathd view', () => {
    const r = bootOf({ mpathd: 'FAILURE_DETECTION_TIME=10\nFAILBACK=maybe\n', files: { 'hostname.ce0': 'h1 netmask + broadcast + group solo up\n' } });
    assert.deepEqual(r.settings, { ...DEFAULT_MPATHD_SETTINGS, failureDetectionTime: 100 });
    assert.deepEqual(r.mpathd.log, ['Too small failure detection time of 10, assuming minimum 100', 'Invalid value for FAILBACK maybe']);
  });
});

describe('in.mpathd: the address it probes from (select_test_ifs)', () => {
  function twoMembers(ce0: string[]) {
    const sh = shell();
    sh.run('ce0 plumb');
    sh.run('ce1 plumb');
    sh.run('ce1 inet h1-ce1-test netmask + deprecated -failover group prod up');
    sh.run('ce0 inet h1 netmask + group prod up');
    for (const line of ce0) sh.run(`ce0 inet ${line}`);
    return sh;
  }
  const ce0 = (sh: ReturnType<typeof shell>) => sh.state.phyints.get('ce0')!;

  test('NOFAILOVER and DEPRECATED: the best kind', () => {
    const sh = twoMembers(['addif h1-ce0-test netmask + deprecated -failover up']);
    assert.deepEqual(probeSource(ce0(sh), 'inet', false), { family: 'inet', lif: 'ce0:1', address: '192.168.10.11', best: true, dataAddress: false });
  });

  test('NOFAILOVER without DEPRECATED still probes, not as the best kind', () => {
    const sh = twoMembers(['addif h1-ce0-test netmask + -failover up']);
    assert.deepEqual(probeSource(ce0(sh), 'inet', false), { family: 'inet', lif: 'ce0:1', address: '192.168.10.11', best: false, dataAddress: false });
  });

  test('the best kind wins over an earlier NOFAILOVER one', () => {
    const sh = twoMembers(['addif 192.168.10.40 netmask + -failover up', 'addif h1-ce0-test netmask + deprecated -failover up']);
    assert.equal(probeSource(ce0(sh), 'inet', false)?.lif, 'ce0:2');
  });

  test('a test address that is down, -xmit or -local never probes; a data address only in a one-member group', () => {
    for (const line of ['addif h1-ce0-test netmask + deprecated -failover', 'addif h1-ce0-test netmask + deprecated -failover -xmit up', 'addif h1-ce0-test netmask + deprecated -failover -local up']) {
      const sh = twoMembers([line]);
      assert.equal(probeSource(ce0(sh), 'inet', false), undefined, line);
      assert.deepEqual(probeSource(ce0(sh), 'inet', true), { family: 'inet', lif: 'ce0', address: '192.168.10.10', best: false, dataAddress: true }, line);
    }
  });

  test('IPv6: only the link-local address, and in a group of two only with -failover', () => {
    const sh = shell();
    sh.run('ce0 inet6 plumb');
    sh.run('ce0 inet6 group prod up addif 2001:db8::5/64 -failover up');
    assert.equal(probeSource(ce0(sh), 'inet6', false), undefined);
    assert.equal(probeSource(ce0(sh), 'inet6', true)?.lif, 'ce0');
    sh.run('ce0 inet6 -failover');
    assert.deepEqual(probeSource(ce0(sh), 'inet6', false), { family: 'inet6', lif: 'ce0', address: 'fe80::<from the MAC address>', best: false, dataAddress: false });
  });
});

describe('in.mpathd: what it logs about the configuration (check_config)', () => {
  const ACTIVE = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';

  test('a member without a test address: probe-based detection off on it', () => {
    const r = bootOf({ files: { 'hostname.ce0': ACTIVE, 'hostname.ce1': 'group prod up\n' } });
    assert.deepEqual(r.mpathd.log, ['No test address configured on interface ce1; disabling probe-based failure detection on it']);
    assert.deepEqual(r.mpathd.groups.map((g) => g.members.map((m) => `${m.name} ${m.role} ${m.detection}`)), [['ce0 active probe', 'ce1 active link']]);
  });

  test('a member not plumbed for a family the group has', () => {
    const r = bootOf({ files: { 'hostname.ce0': ACTIVE, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n', 'hostname6.ce0': '-failover group prod up\n' } });
    assert.deepEqual(r.mpathd.log, ['NIC ce1 of group prod is not plumbed for IPv6 and may affect failover capability']);
  });

  test('a test address configured twice', () => {
    const r = bootOf({ files: { 'hostname.ce0': ACTIVE, 'hostname.ce1': 'h1-ce0-test deprecated -failover netmask + broadcast + group prod up\n' } });
    assert.deepEqual(r.mpathd.log, [
      'Test address 192.168.10.11 is not unique; disabling probe-based failure detection',
      'Test address 192.168.10.11 is not unique; disabling probe-based failure detection',
    ]);
    assert.deepEqual(r.mpathd.duplicateTestAddresses, [{ nic: 'ce0', address: '192.168.10.11' }, { nic: 'ce1', address: '192.168.10.11' }]);
  });

  test('a clean group logs nothing, and no "group started" line is invented', () => {
    const r = bootOf({ files: { 'hostname.ce0': ACTIVE, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n' } });
    assert.deepEqual(r.mpathd.log, []);
    assert.equal(r.mpathd.running, true);
  });
});

/** Three members of prod: ce0 with data and test, ce1 and ce2 as given. */
function group3(ce1: string, ce2: string, extra: Record<string, string> = {}): HostFx {
  return {
    hosts: `127.0.0.1\tlocalhost
192.168.10.10\th1
192.168.10.11\th1-ce0-test
192.168.10.12\th1-ce1-test
192.168.10.13\th1-ce2-test
192.168.10.20\th1-a
192.168.10.21\th1-b
192.168.10.22\th1-c
`,
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n',
      'hostname.ce1': ce1,
      'hostname.ce2': ce2,
      ...extra,
    },
  };
}
const TEST1 = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up';
const TEST2 = 'h1-ce2-test deprecated -failover netmask + broadcast + group prod up';

function destinationAfterFailure(fx: HostFx, nic = 'ce0'): string | undefined {
  const r = bootOf(fx);
  return simulateFailure(r.state, nic, r.settings)?.destination;
}

describe('in.mpathd: where a failed NIC\'s addresses go (get_failover_dst)', () => {
  test('an unused (INACTIVE) standby wins at once, even over an emptier active member', () => {
    const fx = group3(`${TEST1}\n`, 'h1-ce2-test deprecated -failover netmask + broadcast + group prod standby up\n');
    assert.equal(destinationAfterFailure(fx), 'ce2');
  });

  test('otherwise the member with the fewest data addresses up', () => {
    const fx = group3(`${TEST1} \\\naddif h1-a netmask + broadcast + up\n`, `${TEST2} \\\naddif h1-b netmask + broadcast + up \\\naddif h1-c netmask + broadcast + up\n`);
    assert.equal(destinationAfterFailure(fx), 'ce1');
    const other = group3(`${TEST1} \\\naddif h1-a netmask + broadcast + up \\\naddif h1-b netmask + broadcast + up\n`, `${TEST2} \\\naddif h1-c netmask + broadcast + up\n`);
    assert.equal(destinationAfterFailure(other), 'ce2');
  });

  test('a tie goes to the member in.mpathd found last: reverse name order', () => {
    const fx = group3(`${TEST1}\n`, `${TEST2}\n`);
    const r = bootOf(fx);
    assert.deepEqual(mpathdOrder(r.state, 'prod').map((p) => p.name), ['ce2', 'ce1', 'ce0']);
    assert.equal(destinationAfterFailure(fx), 'ce2');
    assert.equal(failoverDestination(r.state, r.state.phyints.get('ce2')!)?.name, 'ce1');
  });

  test('a member lacking a family the failed NIC has is passed over', () => {
    const fx = group3(`${TEST1}\n`, `${TEST2}\n`, { 'hostname6.ce0': '-failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' });
    assert.equal(destinationAfterFailure(fx), 'ce1');
  });

  test('a member that is itself failed or offline is never chosen', () => {
    const r = bootOf(group3(`${TEST1}\n`, `${TEST2}\n`));
    r.state.phyints.get('ce2')!.flags.add('FAILED');
    assert.equal(failoverDestination(r.state, r.state.phyints.get('ce0')!)?.name, 'ce1');
    r.state.phyints.get('ce1')!.flags.add('OFFLINE');
    assert.equal(failoverDestination(r.state, r.state.phyints.get('ce0')!), undefined);
  });
});

describe('in.mpathd: failure and repair (§3.5)', () => {
  const dual: HostFx = {
    files: {
      'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up \\\naddif h1-data2 netmask + broadcast + up\n',
      'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
      'hostname6.ce0': '-failover group prod up\naddif 2001:db8::5/64 up\n',
      'hostname6.ce1': '-failover group prod up\n',
    },
  };

  test('data addresses move to the lowest free units, unit 0 leaves a 0.0.0.0 NOFAILOVER placeholder, test and link-local addresses stay', () => {
    const r = bootOf(dual);
    const f = simulateFailure(r.state, 'ce0', r.settings)!;
    assert.equal(f.detection, 'probe');
    assert.equal(f.destination, 'ce1');
    assert.deepEqual(f.failed.log, ['The link has gone down on ce0', 'NIC failure detected on ce0 of group prod', 'Successfully failed over from NIC ce0 to NIC ce1']);
    assert.deepEqual(f.failed.moves.map((m) => `${m.address} ${m.from} -> ${m.to}`), ['192.168.10.10 ce0 -> ce1:1', '192.168.10.20 ce0:2 -> ce1:2', '2001:db8::5 ce0:1 -> ce1:1']);
    assert.deepEqual(ifconfigA(f.failed.state), [
      'ce0: group=prod FAILED',
      'ce0 inet 0.0.0.0/0 NOFAILOVER',
      'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER',
      'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
      'ce1: group=prod',
      'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER',
      'ce1:1 inet 192.168.10.10/24 UP (ce0)',
      'ce1:2 inet 192.168.10.20/24 UP (ce0)',
      'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
      'ce1:1 inet6 2001:db8::5/64 UP (ce0)',
    ]);
    assert.deepEqual(f.testAddressesStay, ['192.168.10.11 (ce0:1)', 'fe80::<from the MAC address> (ce0)']);
    assert.deepEqual(f.stranded, []);
    // The booted state itself is untouched.
    assert.deepEqual(ifconfigA(r.state)[0], 'ce0: group=prod');
  });

  test('FAILBACK=yes: the addresses go back to their original units', () => {
    const r = bootOf(dual);
    const f = simulateFailure(r.state, 'ce0', r.settings)!;
    assert.deepEqual(f.repaired.log, ['The link has come up on ce0', 'NIC repair detected on ce0 of group prod', 'Successfully failed back to NIC ce0']);
    assert.deepEqual(ifconfigA(f.repaired.state), ifconfigA(r.state));
  });

  test('FAILBACK=no: they stay where they went, and the repaired NIC keeps only its test addresses', () => {
    const r = bootOf({ ...dual, mpathd: 'FAILBACK=no\n' });
    assert.equal(r.settings.failback, false);
    const f = simulateFailure(r.state, 'ce0', r.settings)!;
    assert.deepEqual(f.repaired.log, ['The link has come up on ce0', 'NIC repair detected on ce0 of group prod']);
    assert.deepEqual(f.repaired.moves, []);
    assert.deepEqual(ifconfigA(f.repaired.state), [
      'ce0: group=prod',
      'ce0 inet 0.0.0.0/0 NOFAILOVER',
      'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER',
      'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
      'ce1: group=prod',
      'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER',
      'ce1:1 inet 192.168.10.10/24 UP (ce0)',
      'ce1:2 inet 192.168.10.20/24 UP (ce0)',
      'ce1 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER',
      'ce1:1 inet6 2001:db8::5/64 UP (ce0)',
    ]);
  });

  test('no other member: the data addresses are stranded on the failed NIC', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1 netmask + broadcast + group solo up\n' } });
    const f = simulateFailure(r.state, 'ce0', r.settings)!;
    assert.equal(f.destination, undefined);
    assert.equal(f.detection, 'probe');
    assert.deepEqual(f.failed.log, ['The link has gone down on ce0', 'NIC failure detected on ce0 of group solo']);
    assert.deepEqual(f.stranded, ['192.168.10.10 (ce0)']);
    assert.deepEqual(ifconfigA(f.failed.state), ['ce0: group=solo FAILED', 'ce0 inet 192.168.10.10/24 UP']);
  });

  test('a standby that fails while INACTIVE moves nothing; its repair brings nothing back', () => {
    const r = bootOf(group3(`${TEST1}\n`, 'h1-ce2-test deprecated -failover netmask + broadcast + group prod standby up\n'));
    const f = simulateFailure(r.state, 'ce2', r.settings)!;
    assert.equal(f.destination, undefined);
    assert.deepEqual(f.failed.moves, []);
    assert.deepEqual(f.failed.log, ['The link has gone down on ce2', 'NIC failure detected on ce2 of group prod']);
    assert.deepEqual(f.stranded, []);
    assert.deepEqual(ifconfigA(f.failed.state).slice(-2), ['ce2: group=prod FAILED,STANDBY,INACTIVE', 'ce2 inet 192.168.10.13/24 UP,DEPRECATED,NOFAILOVER']);
    assert.deepEqual(f.repaired.moves, []);
    assert.deepEqual(ifconfigA(f.repaired.state).slice(-2), ['ce2: group=prod STANDBY,INACTIVE', 'ce2 inet 192.168.10.13/24 UP,DEPRECATED,NOFAILOVER']);
  });

  test('a standby that takes over is no longer INACTIVE; after failback it is again', () => {
    const r = bootOf(group3(`${TEST1}\n`, 'h1-ce2-test deprecated -failover netmask + broadcast + group prod standby up\n'));
    const f = simulateFailure(r.state, 'ce0', r.settings)!;
    assert.deepEqual(ifconfigA(f.failed.state).slice(-3), ['ce2: group=prod STANDBY', 'ce2 inet 192.168.10.13/24 UP,DEPRECATED,NOFAILOVER', 'ce2:1 inet 192.168.10.10/24 UP (ce0)']);
    const view = mpathdView(f.failed.state, r.settings);
    assert.deepEqual(view.groups[0]!.members.map((m) => `${m.name} ${m.role}`), ['ce0 failed', 'ce1 active', 'ce2 standby']);
    assert.deepEqual(ifconfigA(f.repaired.state).slice(-2), ['ce2: group=prod STANDBY,INACTIVE', 'ce2 inet 192.168.10.13/24 UP,DEPRECATED,NOFAILOVER']);
    // Failing the standby while it carries ce0's address moves it on to ce1.
    const again = simulateFailure(f.failed.state, 'ce2', r.settings)!;
    assert.equal(again.destination, 'ce1');
    assert.deepEqual(again.failed.moves.map((m) => `${m.address} ${m.from} -> ${m.to}`), ['192.168.10.10 ce2:1 -> ce1:1']);
  });

  test('an interface in no group: untracked with the default settings; logged but never moved with TRACK_INTERFACES_ONLY_WITH_GROUPS=no', () => {
    const plain = bootOf({ files: { 'hostname.ce0': 'h1\n' } });
    const f = simulateFailure(plain.state, 'ce0', plain.settings)!;
    assert.equal(f.detection, 'untracked');
    assert.deepEqual(f.failed.log, ['(in.mpathd does not track ce0: it is in no group, and TRACK_INTERFACES_ONLY_WITH_GROUPS is yes)']);
    const all = bootOf({ mpathd: 'TRACK_INTERFACES_ONLY_WITH_GROUPS=no\n', files: { 'hostname.ce0': 'h1\n', 'hostname.ce1': 'h1-data2\n' } });
    const g = simulateFailure(all.state, 'ce0', all.settings)!;
    assert.deepEqual(g.failed.log, ['The link has gone down on ce0', 'NIC failure detected on ce0']);
    assert.equal(g.destination, undefined);
    assert.deepEqual(g.repaired.log, ['The link has come up on ce0', 'NIC repair detected on ce0']);
    assert.deepEqual(ifconfigA(g.repaired.state), ifconfigA(all.state));
  });

  test('a link-based member (no test address) is detected by link state', () => {
    const r = bootOf({ files: { 'hostname.e1000g0': 'h1 netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' } });
    const f = simulateFailure(r.state, 'e1000g0', r.settings)!;
    assert.equal(f.detection, 'link');
    assert.equal(f.destination, 'e1000g1');
    assert.deepEqual(ifconfigA(f.failed.state), [
      'e1000g0: group=prod FAILED',
      'e1000g0 inet 0.0.0.0/0 NOFAILOVER',
      'e1000g1: group=prod',
      'e1000g1 inet 0.0.0.0/0 UP',
      'e1000g1:1 inet 192.168.10.10/24 UP (e1000g0)',
    ]);
  });

  test('lo0 and NICs the host does not have cannot fail', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1\n' } });
    assert.equal(simulateFailure(r.state, 'lo0', r.settings), undefined);
    assert.equal(simulateFailure(r.state, 'ce9', r.settings), undefined);
  });
});
