/**
 * The engine's ifconfig: how ifconfig.c reads its arguments (reference §1.7, §1.8, §2), run
 * against the simulated interface state one command at a time, as an administrator would
 * type them. Messages are ifconfig's own words.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USAGE_FIRST_LINE } from '../../server/src/engine/ifconfig';
import { formatIPv4 } from '../../server/src/engine/state';
import { HOSTS, shell } from './engineHelpers';

/** A shell with ce0 plumbed for IPv4 (and ce1, ce0 IPv6 when asked). */
function plumbed(release: Parameters<typeof shell>[0] = 's10', options: Parameters<typeof shell>[1] = {}, nics = ['ce0']) {
  const sh = shell(release, options);
  for (const nic of nics) assert.equal(sh.run(`${nic} plumb`).exitCode, 0);
  return sh;
}

function lif(sh: ReturnType<typeof shell>, name: string, family: 'inet' | 'inet6' = 'inet') {
  const [physical, unit] = name.split(':');
  const l = sh.state.phyints.get(physical!)?.ills[family]?.lifs.get(Number(unit ?? 0));
  assert.ok(l, `${name} exists`);
  return l;
}

describe('ifconfig: keywords', () => {
  test('keywords are case-sensitive: UP after the address is a destination that does not resolve', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet h1 netmask + UP');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(o.output, ['Setting netmask of ce0 to 255.255.255.0', 'ifconfig: UP: bad address']);
    assert.equal(o.error?.code, 'bad-address');
    assert.equal(o.words[5]?.role, 'destination');
    // The address was set before UP was read; the interface is not up.
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/24']);
  });

  test('Netmask as the first word is the address, and it does not resolve', () => {
    const sh = plumbed();
    assert.deepEqual(sh.out('ce0 inet Netmask + h1 up'), ['ifconfig: Netmask: bad address']);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0']);
  });

  test('a keyword of the other family ends the command: netmask in an IPv6 command', () => {
    const sh = plumbed();
    sh.run('ce0 inet6 plumb');
    const o = sh.run('ce0 inet6 -failover netmask + up');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(o.output, ['ifconfig: Operation netmask not supported for inet6']);
    assert.equal(o.error?.code, 'not-supported-for-family');
    assert.equal(o.error?.argIndex, 3);
    assert.deepEqual(o.words.slice(4).map((w) => w.role), ['not-reached', 'not-reached']);
    // -failover before it applied; up never did.
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0', 'ce0 inet6 fe80::<from the MAC address>/10 NOFAILOVER']);
  });

  test('token, preferred and nud are IPv6 keywords: Operation … not supported for inet', () => {
    const sh = plumbed();
    assert.deepEqual(sh.out('ce0 inet token ::1/64'), ['ifconfig: Operation token not supported for inet']);
    assert.deepEqual(sh.out('ce0 inet h1 preferred up'), ['ifconfig: Operation preferred not supported for inet']);
    assert.deepEqual(sh.out('ce0 inet h1 -nud'), ['ifconfig: Operation -nud not supported for inet']);
  });

  test('a keyword that takes an argument at the end of the line: no argument for <kw>', () => {
    const sh = plumbed();
    for (const kw of ['netmask', 'broadcast', 'group', 'addif', 'metric', 'mtu', 'set', 'destination']) {
      const o = sh.run(`ce0 inet h1 ${kw}`);
      assert.deepEqual(o.output.slice(-1), [`ifconfig: no argument for ${kw}`], kw);
      assert.equal(o.error?.code, 'no-argument');
      assert.equal(o.exitCode, 1);
    }
    // The address before it was applied.
    assert.equal(formatIPv4(lif(sh, 'ce0').address.ipv4!), '192.168.10.10');
  });

  test('NEXTARG takes the next word whatever it is: addif deprecated', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet h1 netmask + up addif deprecated -failover netmask + up');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(o.output, ['Setting netmask of ce0 to 255.255.255.0', 'ifconfig: deprecated: bad address']);
    assert.equal(o.error?.code, 'keyword-as-address');
    assert.equal(o.words[7]?.role, 'argument');
    assert.equal(o.words[7]?.failed, true);
    assert.deepEqual(o.words.slice(8).map((w) => w.role), ['not-reached', 'not-reached', 'not-reached', 'not-reached']);
    // Nothing after it applied: no logical interface.
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/24 UP']);
  });

  test('NEXTARG: group up names a group "up" and the interface stays down', () => {
    const sh = plumbed();
    assert.equal(sh.run('ce0 inet h1 netmask + broadcast + group up').exitCode, 0);
    assert.deepEqual(sh.show(), ['ce0: group=up', 'ce0 inet 192.168.10.10/24']);
  });

  test('netmask <name> resolves through hosts', () => {
    const sh = plumbed('s10', { hosts: `${HOSTS}255.255.255.192\tmask26\n` });
    assert.equal(sh.run('ce0 inet h1 netmask mask26 up').exitCode, 0);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/26 UP']);
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '192.168.10.63');
  });

  test('an unresolvable netmask fails in the pre-scan: nothing on the line is applied', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet h1 group prod netmask nomask up');
    assert.deepEqual(o.output, ['ifconfig: nomask: bad address']);
    assert.equal(o.error?.argIndex, 6);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0']);
  });

  test('the pre-scan: an explicit netmask after broadcast + still gives the address its mask and broadcast', () => {
    const sh = plumbed();
    sh.run('ce0 inet 10.1.2.3 broadcast + netmask 255.255.0.0 up');
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP']);
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.1.255.255');
  });

  test('the first bare word sets the address, the second the destination', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet 10.0.0.1 10.0.0.2 up');
    assert.deepEqual(o.words.map((w) => w.role), ['interface', 'family', 'address', 'destination', 'keyword']);
    assert.equal(lif(sh, 'ce0').address.canonical, '10.0.0.1');
    assert.equal(lif(sh, 'ce0').destination?.canonical, '10.0.0.2');
    // A third bare word is a destination again.
    sh.run('ce0 inet 10.0.0.1 10.0.0.2 10.0.0.3');
    assert.equal(lif(sh, 'ce0').destination?.canonical, '10.0.0.3');
  });

  test('set is the explicit address; destination the explicit destination', () => {
    const sh = plumbed();
    sh.run('ce0 inet set 192.168.10.30/25 destination 192.168.10.1 up');
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.30/25 UP']);
    assert.equal(lif(sh, 'ce0').destination?.canonical, '192.168.10.1');
  });

  test('addif makes the lowest free unit and says so', () => {
    const sh = plumbed();
    sh.run('ce0:3 plumb');
    assert.deepEqual(sh.out('ce0 inet addif 192.168.10.31 up'), ['Created new logical interface ce0:1']);
    assert.deepEqual(sh.out('ce0 inet addif 192.168.10.32/24 up'), ['Created new logical interface ce0:2']);
    assert.deepEqual(sh.out('ce0 inet addif 192.168.10.34 netmask + up'), ['Created new logical interface ce0:4', 'Setting netmask of ce0:4 to 255.255.255.0']);
    assert.deepEqual(sh.show(), [
      'ce0:',
      'ce0 inet 0.0.0.0/0',
      'ce0:1 inet 192.168.10.31/24 UP',
      'ce0:2 inet 192.168.10.32/24 UP',
      'ce0:3 inet 0.0.0.0/0',
      'ce0:4 inet 192.168.10.34/24 UP',
    ]);
  });

  test('addif takes the pre-scanned netmask from Solaris 10 8/07 on (set_mask_lifreq); before, the classful mask', () => {
    const late = plumbed('s10');
    late.run('ce0 inet 10.1.2.3 netmask 255.255.0.0 up addif 10.1.2.4 up');
    assert.deepEqual(late.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP', 'ce0:1 inet 10.1.2.4/16 UP']);
    assert.equal(formatIPv4(lif(late, 'ce0:1').broadcast!), '10.1.255.255');
    const early = plumbed('s10-early');
    early.run('ce0 inet 10.1.2.3 netmask 255.255.0.0 up addif 10.1.2.4 up');
    assert.deepEqual(early.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP', 'ce0:1 inet 10.1.2.4/8 UP']);
    // A /len on the addif address wins over the netmask.
    late.run('ce0 inet addif 10.1.3.4/24 up');
    assert.deepEqual(late.show().slice(-1), ['ce0:2 inet 10.1.3.4/24 UP']);
  });

  test('addif with netmask + that never gets to run: the pending lookup is made for the new address (8/07 on)', () => {
    const netmasks = '10.1.0.0\t255.255.0.0\n';
    for (const [release, prefix] of [['s10', 16], ['s10-early', 8]] as const) {
      const sh = plumbed(release, { netmasks }, ['ce0', 'ce1']);
      sh.run('ce0 inet 10.1.2.3 netmask + broadcast + group prod up');
      sh.run('ce1 inet group prod standby up');
      const o = sh.run('ce1 inet addif 10.1.2.5 deprecated -failover netmask + broadcast + up');
      assert.equal(o.error?.code, 'cannot-set-failover', release);
      assert.deepEqual(sh.show()[2], `ce0:1 inet 10.1.2.5/${prefix} DEPRECATED (ce1)`, release);
    }
  });

  test('after addif the next bare word is the new address\'s destination', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet 10.0.0.1 addif 10.0.0.5 10.0.0.6 up');
    assert.equal(o.words[5]?.role, 'destination');
    assert.equal(o.words[5]?.target, 'ce0:1');
    assert.equal(lif(sh, 'ce0:1').destination?.canonical, '10.0.0.6');
    assert.equal(lif(sh, 'ce0').destination, undefined);
  });

  test('addif on a logical interface: bad physical interface name, nothing after it read', () => {
    const sh = plumbed();
    sh.run('ce0:1 plumb');
    const o = sh.run('ce0:1 inet h1-ce0-test deprecated addif h1 up');
    assert.deepEqual(o.output, ['ifconfig: addif: bad physical interface name ce0:1']);
    assert.equal(o.error?.code, 'addif-on-logical');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0', 'ce0:1 inet 192.168.10.11/24 DEPRECATED']);
  });

  test('/len on the address sets the mask; a bad length: Bad prefix length in <word>', () => {
    const sh = plumbed();
    sh.run('ce0 inet 192.168.10.10/26 up');
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/26 UP']);
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '192.168.10.63');
    for (const word of ['192.168.10.10/33', '192.168.10.10/', '192.168.10.10/x', '192.168.10.10/-1']) {
      const o = sh.run(`ce0 inet ${word} up`);
      assert.deepEqual(o.output, [`ifconfig: Bad prefix length in ${word}`], word);
      assert.equal(o.error?.code, 'bad-prefix');
    }
    assert.deepEqual(sh.out('ce0 inet addif 192.168.10.40/40 up'), ['ifconfig: Bad prefix length in 192.168.10.40/40']);
    sh.run('ce0 inet6 plumb');
    assert.deepEqual(sh.out('ce0 inet6 addif 2001:db8::5/129 up'), ['ifconfig: Bad prefix length in 2001:db8::5/129']);
    sh.run('ce0 inet6 addif 2001:db8::5/48 up');
    assert.equal(lif(sh, 'ce0:1', 'inet6').prefixLength, 48);
    // /len on a name works too: the length is cut off before the lookup.
    sh.run('ce0 inet h1-data2/28 up');
    assert.deepEqual(sh.show().slice(1, 2), ['ce0 inet 192.168.10.20/28 UP']);
  });

  test("/len where no prefix is taken: unexpected '/'", () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet 192.168.10.10 netmask 255.255.255.0/24 up');
    assert.deepEqual(o.output, ["ifconfig: 255.255.255.0/24: unexpected '/'"]);
    assert.equal(o.error?.code, 'unexpected-slash');
    // The netmask pre-scan failed: the address was never set.
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0']);
    const b = sh.run('ce0 inet 192.168.10.10 broadcast 192.168.10.255/24 up');
    assert.deepEqual(b.output, ["ifconfig: 192.168.10.255/24: unexpected '/'"]);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/24']);
    assert.deepEqual(sh.out('ce0 inet 192.168.10.10 192.168.10.1/24'), ["ifconfig: 192.168.10.1/24: unexpected '/'"]);
  });
});

describe('ifconfig: netmask + and broadcast +', () => {
  test('netmask + with a netmasks entry: Setting netmask of ce0 to …', () => {
    const sh = plumbed();
    assert.deepEqual(sh.out('ce0 inet h1 netmask + broadcast + up'), ['Setting netmask of ce0 to 255.255.255.0']);
    assert.equal(lif(sh, 'ce0').maskSource, 'netmasks');
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '192.168.10.255');
  });

  test('netmask + without a match: silent, the classful mask', () => {
    const sh = plumbed('s10', { netmasks: '192.168.10.0\t255.255.255.0\n' });
    assert.deepEqual(sh.out('ce0 inet 10.1.2.3 netmask + broadcast + up'), []);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 10.1.2.3/8 UP']);
    assert.equal(lif(sh, 'ce0').maskSource, 'classful');
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.255.255.255');
    sh.run('ce0 inet 172.20.1.2 netmask + broadcast + up');
    assert.deepEqual(sh.show().slice(1), ['ce0 inet 172.20.1.2/16 UP']);
  });

  test('netmask + written before the address: looked up for it from Solaris 10 8/07 on, classful before', () => {
    const netmasks = '10.1.0.0\t255.255.0.0\n';
    const late = plumbed('s10', { netmasks });
    late.run('ce0 inet netmask + 10.1.2.3 broadcast + up');
    assert.deepEqual(late.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP']);
    const early = plumbed('s10-early', { netmasks });
    early.run('ce0 inet netmask + 10.1.2.3 broadcast + up');
    assert.deepEqual(early.show(), ['ce0:', 'ce0 inet 10.1.2.3/8 UP']);
    // In the usual order both agree.
    early.run('ce0 inet 10.1.2.3 netmask + broadcast + up');
    assert.deepEqual(early.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP']);
  });

  test('broadcast + is computed from the mask it finds: before netmask + it stays stale', () => {
    const netmasks = '10.1.0.0\t255.255.0.0\n';
    const sh = plumbed('s10-early', { netmasks });
    sh.run('ce0 inet 10.1.2.3 broadcast + netmask + up');
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP']);
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.255.255.255');
    sh.run('ce0 inet 10.1.2.3 netmask + broadcast + up');
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.1.255.255');
  });

  test('broadcast + netmask + on a line of their own (the address set earlier): stale on every release', () => {
    for (const release of ['s9', 's10-early', 's10'] as const) {
      const sh = plumbed(release, { netmasks: '10.1.0.0\t255.255.0.0\n' });
      sh.run('ce0 inet 10.1.2.3 up');
      sh.run('ce0 inet broadcast + netmask +');
      assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 10.1.2.3/16 UP'], release);
      assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.255.255.255', release);
      sh.run('ce0 inet broadcast +');
      assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '10.1.255.255', release);
    }
  });
});

describe('ifconfig: IPMP keywords', () => {
  test('group belongs to the NIC: set in IPv4, seen in IPv6; the last one wins', () => {
    const sh = plumbed();
    sh.run('ce0 inet6 plumb');
    sh.run('ce0 inet h1 netmask + broadcast + group prod up');
    assert.deepEqual(sh.show()[0], 'ce0: group=prod');
    sh.run('ce0 inet6 group back up');
    assert.deepEqual(sh.show()[0], 'ce0: group=back');
    sh.run('ce0 inet group one group two');
    assert.deepEqual(sh.show()[0], 'ce0: group=two');
  });

  test('a group name over 31 characters is cut to 31', () => {
    const sh = plumbed();
    sh.run(`ce0 inet group ${'g'.repeat(40)}`);
    assert.equal(sh.state.phyints.get('ce0')!.groupname, 'g'.repeat(31));
  });

  test('standby makes the NIC INACTIVE while it hosts no other NIC\'s address; -standby clears both', () => {
    const sh = plumbed('s10', {}, ['ce0', 'ce1']);
    sh.run('ce1 inet h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up');
    assert.deepEqual(sh.show().slice(2), ['ce1: group=prod STANDBY,INACTIVE', 'ce1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER']);
    sh.run('ce1 inet -standby');
    assert.deepEqual(sh.show()[2], 'ce1: group=prod');
  });

  test('addif on an INACTIVE standby lands on another member, and -failover then fails', () => {
    const sh = plumbed('s10', {}, ['ce0', 'ce1']);
    sh.run('ce0 inet h1 netmask + broadcast + group prod up');
    sh.run('ce1 inet group prod standby up');
    const o = sh.run('ce1 inet addif h1-ce1-test deprecated -failover netmask + broadcast + up');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(o.output, ['Created new logical interface ce0:1', "ifconfig: can't set -failover on failed/standby/offlined interface ce1"]);
    assert.equal(o.error?.code, 'cannot-set-failover');
    assert.deepEqual(sh.show(), [
      'ce0: group=prod',
      'ce0 inet 192.168.10.10/24 UP',
      'ce0:1 inet 192.168.10.12/24 DEPRECATED (ce1)',
      'ce1: group=prod STANDBY,INACTIVE',
      'ce1 inet 0.0.0.0/0 UP',
    ]);
  });

  test('the same addif on an active member stays there', () => {
    const sh = plumbed('s10', {}, ['ce0', 'ce1']);
    sh.run('ce0 inet h1 netmask + broadcast + group prod up');
    sh.run('ce1 inet group prod up');
    assert.deepEqual(sh.out('ce1 inet addif h1-ce1-test deprecated -failover netmask + broadcast + up'), ['Created new logical interface ce1:1', 'Setting netmask of ce1:1 to 255.255.255.0']);
    assert.deepEqual(sh.show().slice(2), ['ce1: group=prod', 'ce1 inet 0.0.0.0/0 UP', 'ce1:1 inet 192.168.10.12/24 UP,DEPRECATED,NOFAILOVER']);
  });
});

describe('ifconfig: dhcp', () => {
  test('primary and wait <n> | forever start the agent', () => {
    for (const line of ['ce0 auto-dhcp primary', 'ce0 dhcp primary wait 30', 'ce0 inet dhcp wait forever start', 'ce0 dhcp start wait 0 primary']) {
      const sh = plumbed();
      const o = sh.run(line);
      assert.equal(o.exitCode, 0, line);
      assert.deepEqual(o.output, []);
      assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet (dhcp) UP,DHCP'], line);
    }
  });

  test('a word that is no DHCP word: the usage, exit 3', () => {
    for (const [line, at] of [['ce0 dhcp bogus', 2], ['ce0 dhcp primary wait', 3], ['ce0 dhcp wait soon', 3], ['ce0 dhcp wait -1', 3], ['ce0 inet dhcp netmask + broadcast + up', 3]] as const) {
      const sh = plumbed();
      const o = sh.run(line);
      assert.equal(o.exitCode, 3, line);
      assert.deepEqual(o.output, [USAGE_FIRST_LINE], line);
      assert.equal(o.error?.code, 'dhcp-usage');
      assert.equal(o.error?.argIndex, at, line);
      assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 0.0.0.0/0'], line);
    }
  });

  test('dhcp in IPv6 before OpenSolaris: dhcp not supported for inet6, exit 0', () => {
    for (const release of ['s9', 's10-early', 's10'] as const) {
      const sh = plumbed(release);
      sh.run('ce0 inet6 plumb');
      const o = sh.run('ce0 inet6 dhcp start');
      assert.equal(o.exitCode, 0, release);
      assert.equal(o.status, 'done');
      assert.deepEqual(o.output, ['ifconfig: dhcp not supported for inet6']);
      assert.equal(o.error?.code, 'dhcp-inet6');
      assert.deepEqual(sh.show().slice(2), ['ce0 inet6 fe80::<from the MAC address>/10']);
    }
    const osol = plumbed('osol');
    osol.run('ce0 inet6 plumb');
    assert.equal(osol.run('ce0 inet6 dhcp start').exitCode, 0);
    assert.deepEqual(osol.show().slice(2), ['ce0 inet6 (dhcp) UP,DHCP']);
  });

  test('dhcp on an interface that is not plumbed', () => {
    const sh = shell();
    const o = sh.run('ce5 auto-dhcp primary');
    assert.equal(o.exitCode, 2);
    assert.deepEqual(o.output, ['ifconfig: ce5: interface does not exist or cannot be managed using DHCP']);
  });
});

describe('ifconfig: zones', () => {
  test('zone <name> at boot: unknown zone (no zone runs yet); global is known', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet addif 192.168.10.50/24 zone web up');
    assert.deepEqual(o.output, ['Created new logical interface ce0:1', "ifconfig: unknown zone 'web'"]);
    assert.equal(o.error?.code, 'unknown-zone');
    assert.deepEqual(sh.show().slice(2), ['ce0:1 inet 192.168.10.50/24']);
    assert.equal(sh.run('ce0 inet addif 192.168.10.51/24 zone global up').exitCode, 0);
  });

  test('before Solaris 10 zone is no keyword: an address that does not resolve', () => {
    const sh = plumbed('s9');
    assert.deepEqual(sh.out('ce0 inet 192.168.10.50/24 zone web up'), ['ifconfig: zone: bad address']);
  });
});

describe('ifconfig: names, per address family', () => {
  test('an IPv6-only name in an IPv4 command: bad address (wrong-family-name)', () => {
    const sh = plumbed();
    const o = sh.run('ce0 inet h1-v6 up');
    assert.deepEqual(o.output, ['ifconfig: h1-v6: bad address']);
    assert.equal(o.error?.code, 'wrong-family-name');
  });

  test('an IPv4-only name in an IPv6 command: bad address (wrong-family-name)', () => {
    const sh = plumbed();
    sh.run('ce0 inet6 plumb');
    const o = sh.run('ce0 inet6 addif h1/64 up');
    assert.deepEqual(o.output, ['ifconfig: h1/64: bad address']);
    assert.equal(o.error?.code, 'wrong-family-name');
  });

  test('a name with both families gives each command its own', () => {
    const sh = plumbed('s10', { hosts: '192.168.10.10 dual\n2001:db8::10 dual\n' });
    sh.run('ce0 inet6 plumb');
    sh.run('ce0 inet dual netmask + up');
    sh.run('ce0 inet6 addif dual/64 up');
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/24 UP', 'ce0 inet6 fe80::<from the MAC address>/10', 'ce0:1 inet6 2001:db8::10/64 UP']);
  });

  test('up to Solaris 10 11/06 IPv6 names come from ipnodes alone', () => {
    const early = plumbed('s10-early');
    early.run('ce0 inet6 plumb');
    const o = early.run('ce0 inet6 addif h1-v6/64 up');
    assert.deepEqual(o.output, ['ifconfig: h1-v6/64: bad address']);
    assert.equal(o.error?.code, 'bad-address');
    const withIpnodes = plumbed('s10-early', { ipnodes: '2001:db8::10\th1-v6\n' });
    withIpnodes.run('ce0 inet6 plumb');
    assert.deepEqual(withIpnodes.out('ce0 inet6 addif h1-v6/64 up'), ['Created new logical interface ce0:1']);
    const late = plumbed('s10');
    late.run('ce0 inet6 plumb');
    assert.deepEqual(late.out('ce0 inet6 addif h1-v6/64 up'), ['Created new logical interface ce0:1']);
  });

  test('up to Solaris 10 11/06 an IPv4 entry in ipnodes wins over hosts', () => {
    const sh = plumbed('s10-early', { ipnodes: '192.168.10.99\th1\n' });
    sh.run('ce0 inet h1 netmask + up');
    assert.deepEqual(sh.show().slice(1), ['ce0 inet 192.168.10.99/24 UP']);
  });

  test('localhost is 127.0.0.1 without a hosts entry', () => {
    const sh = plumbed('s10', { hosts: '192.168.10.10 h1\n' });
    sh.run('ce0 inet localhost up');
    assert.deepEqual(sh.show().slice(1), ['ce0 inet 127.0.0.1/8 UP']);
    // A hosts entry for it wins.
    const other = plumbed('s10', { hosts: '127.0.0.2 localhost\n' });
    other.run('ce0 inet localhost up');
    assert.deepEqual(other.show().slice(1), ['ce0 inet 127.0.0.2/8 UP']);
  });

  test('IPv4 literals are read as inet_addr reads them', () => {
    const sh = plumbed();
    for (const [word, address] of [['10.1', '10.0.0.1'], ['10.1.2', '10.1.0.2'], ['0x0a000001', '10.0.0.1'], ['012.0.0.1', '10.0.0.1'], ['192.168.10.10', '192.168.10.10']]) {
      assert.equal(sh.run(`ce0 inet ${word} up`).exitCode, 0, word);
      assert.equal(lif(sh, 'ce0').address.canonical, address, word);
    }
    assert.deepEqual(sh.out('ce0 inet 10.888.1.2 up'), ['ifconfig: 10.888.1.2: bad address']);
  });

  test('an IPv4 literal in an IPv6 command, and an IPv6 literal in an IPv4 one: bad address', () => {
    const sh = plumbed();
    sh.run('ce0 inet6 plumb');
    assert.deepEqual(sh.out('ce0 inet6 addif 10.0.0.1 up'), ['ifconfig: 10.0.0.1: bad address']);
    assert.deepEqual(sh.out('ce0 inet fe80::1 up'), ['ifconfig: fe80::1: bad address']);
    assert.deepEqual(sh.out('ce0 inet6 addif fe80::1::2 up'), ['ifconfig: fe80::1::2: bad address']);
  });

  test('255.255.255.255 and 0xffffffff are the all-ones address without a lookup', () => {
    const sh = plumbed();
    sh.run('ce0 inet 192.168.10.10 netmask + broadcast 0xffffffff up');
    assert.equal(formatIPv4(lif(sh, 'ce0').broadcast!), '255.255.255.255');
  });

  test('a hosts line over 8190 characters is skipped whole; one of 8190 is read', () => {
    const line = (length: number, name: string): string => {
      const head = `192.168.10.50 ${name} `;
      return head + 'a'.repeat(length - head.length);
    };
    const hosts = `${line(8190, 'fits')}\n${line(8191, 'toolong')}\n192.168.10.51 after\n`;
    assert.equal(line(8191, 'toolong').length, 8191);
    const sh = plumbed('s10', { hosts });
    assert.equal(sh.run('ce0 inet fits up').exitCode, 0);
    assert.deepEqual(sh.out('ce0 inet toolong up'), ['ifconfig: toolong: bad address']);
    assert.equal(sh.run('ce0 inet after up').exitCode, 0);
  });
});

describe('ifconfig: other keywords against the kernel', () => {
  test('mtu below the family minimum is refused by the kernel', () => {
    const sh = plumbed();
    assert.deepEqual(sh.out('ce0 inet h1 mtu 60 up'), ['ifconfig: setifmtu: SIOCSLIFMTU: ce0: Invalid argument']);
    assert.equal(sh.run('ce0 inet h1 mtu 1400 up').exitCode, 0);
    assert.equal(sh.state.phyints.get('ce0')!.ills.inet!.mtu, 1400);
  });

  test('removeif deletes the logical interface holding the address; never unit 0', () => {
    const sh = plumbed();
    sh.run('ce0 inet h1 netmask + up addif h1-data2 netmask + up');
    assert.equal(sh.run('ce0 inet removeif h1-data2').exitCode, 0);
    assert.deepEqual(sh.show(), ['ce0:', 'ce0 inet 192.168.10.10/24 UP']);
    assert.deepEqual(sh.out('ce0 inet removeif h1'), ['ifconfig: removeif: can\'t remove interface: ce0']);
    assert.deepEqual(sh.out('ce0 inet removeif 10.9.9.9'), ['ifconfig: removeif: SIOCLIFREMOVEIF: ce0: Cannot assign requested address']);
  });

  test('a command on an interface that is not plumbed: no such interface', () => {
    const sh = shell();
    const o = sh.run('ce7 inet h1 up');
    assert.equal(o.exitCode, 1);
    assert.deepEqual(o.output, ['ifconfig: SIOCGLIFNETMASK: ce7: no such interface']);
    assert.equal(o.error?.code, 'no-such-interface');
  });
});
