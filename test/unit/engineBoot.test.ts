/**
 * The engine's boot: the commands net-loopback, net-physical, net-init and net-svc run for a
 * host's files, in their order and with their words (reference §1; research notes on the boot
 * scripts), and the interfaces they leave.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootInterfaceName } from '../../server/src/engine/boot';
import { bootOf, commandsOf, ifconfigA, messagesOf, type HostFx } from './engineHelpers';

const ACTIVE_ACTIVE = {
  'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
};

function configureCommands(fx: HostFx, extra = {}): string[] {
  return commandsOf(bootOf(fx, 'LF', extra), ['configure', 'up']);
}

describe('boot: order of the scripts', () => {
  test('lo0 first (IPv6 too when a hostname6 file exists), the -auD4 step, plumbing, configuring, in.mpathd, net-svc', () => {
    const r = bootOf({ files: { ...ACTIVE_ACTIVE, 'hostname6.ce0': '' } });
    assert.deepEqual(commandsOf(r), [
      'ifconfig lo0 plumb 127.0.0.1 up',
      'ifconfig lo0 inet6 plumb ::1 up',
      'ifconfig -auD4 netmask + broadcast +',
      'ifconfig ce0 plumb',
      'ifconfig ce0 inet',
      'ifconfig ce1 plumb',
      'ifconfig ce1 inet',
      'ifconfig ce0 inet6 plumb',
      'ifconfig ce0 inet6',
      'ifconfig ce0 inet h1 netmask + broadcast + group prod up addif h1-ce0-test deprecated -failover netmask + broadcast + up netmask + broadcast + up',
      'ifconfig ce1 inet h1-ce1-test deprecated -failover netmask + broadcast + group prod up netmask + broadcast + up',
      'ifconfig ce0 inet6 up',
      'in.mpathd -a',
      'ifconfig -auD4 netmask + broadcast +',
    ]);
    assert.deepEqual(r.commands.map((c) => c.command.script), [
      'net-loopback', 'net-loopback', 'net-physical', 'net-physical', 'net-physical', 'net-physical', 'net-physical', 'net-physical', 'net-physical',
      'net-physical', 'net-physical', 'net-physical', 'net-init', 'net-svc',
    ]);
    assert.ok(r.commands.every((c) => c.status === 'done'));
    assert.deepEqual(messagesOf(r), [
      'configuring IPv4 interfaces: ce0 ce1.',
      'configuring IPv6 interfaces: ce0.',
      '(RARP step skipped: from Solaris 10 8/07 on it runs only when /etc/nodename is empty; this tree has no nodename file, so it is taken as set)',
    ]);
  });

  test('without hostname6 files lo0 gets no IPv6', () => {
    const r = bootOf({ files: ACTIVE_ACTIVE });
    assert.deepEqual(commandsOf(r, ['loopback']), ['ifconfig lo0 plumb 127.0.0.1 up']);
    assert.deepEqual(ifconfigA(r.state, { loopback: true }).slice(0, 2), ['lo0: VIRTUAL', 'lo0 inet 127.0.0.1/8 UP']);
  });

  test('all IPv4 files are plumbed, then all IPv6 ones, in glob (byte) order: hostname.ce0 before hostname.ce0:1, e1000g10 before e1000g2', () => {
    const r = bootOf({
      files: {
        'hostname.e1000g2': '',
        'hostname6.ce1': '',
        'hostname.ce1': '',
        'hostname.ce0:1': '192.168.10.20\n',
        'hostname.e1000g10': '',
        'hostname.ce0': '',
        'hostname6.ce0': '',
      },
    });
    assert.deepEqual(commandsOf(r, ['plumb']).filter((c) => c.endsWith('plumb')), [
      'ifconfig ce0 plumb',
      'ifconfig ce0:1 plumb',
      'ifconfig ce1 plumb',
      'ifconfig e1000g10 plumb',
      'ifconfig e1000g2 plumb',
      'ifconfig ce0 inet6 plumb',
      'ifconfig ce1 inet6 plumb',
    ]);
    assert.deepEqual(messagesOf(r).slice(0, 2), ['configuring IPv4 interfaces: ce0 ce0:1 ce1 e1000g10 e1000g2.', 'configuring IPv6 interfaces: ce0 ce1.']);
  });

  test('names with a further dot are skipped (tunnels go to net-init); names not ending in a digit never match', () => {
    const r = bootOf({
      files: {
        'hostname.ce0': 'h1\n',
        'hostname.ce0.bak1': 'h1-data2\n',
        'hostname.ce0.orig': 'h1-data2\n',
        'hostname.e1000g0.IPMP-NotUsed': 'h1-data2\n',
        'hostname.ip.tun0': '10.9.0.1 10.9.0.2 tsrc 192.168.10.10 tdst 192.168.30.1 up\n',
      },
    });
    assert.deepEqual(commandsOf(r), [
      'ifconfig lo0 plumb 127.0.0.1 up',
      'ifconfig -auD4 netmask + broadcast +',
      'ifconfig ce0 plumb',
      'ifconfig ce0 inet',
      'ifconfig ce0 inet h1 netmask + broadcast + up',
      'ifconfig ip.tun0 plumb',
      'ifconfig ip.tun0 inet 10.9.0.1 10.9.0.2 tsrc 192.168.10.10 tdst 192.168.30.1 up',
      'in.mpathd -a',
      'ifconfig -auD4 netmask + broadcast +',
    ]);
    assert.deepEqual(r.commands.filter((c) => c.command.phase === 'configure').map((c) => c.command.script), ['net-physical', 'net-init', 'net-init']);
    assert.ok(messagesOf(r).includes('configuring IPv4 tunnels: ip.tun0.'));
  });

  test('xx0 is skipped for IPv4 only, by every Solaris 10 script, not by OpenSolaris', () => {
    for (const release of ['s8', 's9', 's10-early', 's10'] as const) {
      assert.equal(bootInterfaceName('hostname.xx0', 'hostname', release), undefined, release);
      assert.equal(bootInterfaceName('hostname6.xx0', 'hostname6', release), 'xx0', release);
    }
    assert.equal(bootInterfaceName('hostname.xx0', 'hostname', 'osol'), 'xx0');
    const early = bootOf({ release: 's10-early', nodename: 'h1\n', files: { 'hostname.xx0': 'h1\n', 'hostname6.xx0': '' } });
    assert.deepEqual(commandsOf(early, ['plumb']), ['ifconfig xx0 inet6 plumb', 'ifconfig xx0 inet6']);
    const late = bootOf({ release: 'osol', files: { 'hostname.xx0': 'h1\n' } });
    assert.deepEqual(commandsOf(late, ['configure']), ['ifconfig xx0 inet h1 netmask + broadcast + up']);
  });
});

describe('boot: lines of an IPv4 hostname file (§1.4)', () => {
  test('a one-line file gets netmask + broadcast + up, marked as added by the script', () => {
    const r = bootOf({ files: { 'hostname.ce0': '192.168.10.10\n' } });
    const c = r.commands.find((o) => o.command.phase === 'configure')!;
    assert.deepEqual(c.command.args.map((a) => `${a.text}${a.implicit ? '*' : ''}${a.ref ? '@' : ''}`), ['ce0', 'inet', '192.168.10.10@', 'netmask*', '+*', 'broadcast*', '+*', 'up*']);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 192.168.10.10/24 UP']);
  });

  test('leading blank lines are harmless: still a one-line file', () => {
    assert.deepEqual(configureCommands({ files: { 'hostname.ce0': '\n\nh1\n' } }), ['ifconfig ce0 inet h1 netmask + broadcast + up']);
  });

  test('a trailing blank line makes the file multi-line: nothing appended, the interface stays down', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1\n\n' } });
    assert.deepEqual(commandsOf(r, ['configure']), ['ifconfig ce0 inet h1']);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 192.168.10.10/24']);
  });

  test('each line of a multi-line file runs as written; blank lines between are skipped', () => {
    assert.deepEqual(configureCommands({ files: { 'hostname.ce0': 'h1 netmask + up\n\naddif h1-data2 netmask + up\n' } }), [
      'ifconfig ce0 inet h1 netmask + up',
      'ifconfig ce0 inet addif h1-data2 netmask + up',
    ]);
  });

  test('an unterminated last line never runs; the one terminated line left gets the epilogue', () => {
    assert.deepEqual(configureCommands({ files: { 'hostname.ce0': 'h1\naddif h1-data2 netmask + up' } }), ['ifconfig ce0 inet h1 netmask + broadcast + up']);
    const r = bootOf({ files: { 'hostname.ce0': 'h1' } });
    assert.deepEqual(commandsOf(r, ['configure']), []);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 0.0.0.0/0']);
  });

  test('an empty file plumbs the interface and leaves it unconfigured', () => {
    const r = bootOf({ files: { 'hostname.ce0': '' } });
    assert.deepEqual(commandsOf(r, ['plumb', 'configure']), ['ifconfig ce0 plumb', 'ifconfig ce0 inet']);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 0.0.0.0/0']);
  });

  test('a failing line is reported once per interface with the first name only (2005–2008 scripts)', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'nosuch\n', 'hostname.ce1': 'alsonot\n' } });
    assert.deepEqual(commandsOf(r, ['configure']), [
      'ifconfig ce0 inet nosuch netmask + broadcast + up => ifconfig: nosuch: bad address',
      'ifconfig ce1 inet alsonot netmask + broadcast + up => ifconfig: alsonot: bad address',
    ]);
    assert.ok(messagesOf(r).includes('Failed to configure IPv4 interface(s): ce0'));
  });

  test('on OpenSolaris every failed interface is named', () => {
    const r = bootOf({ release: 'osol', files: { 'hostname.ce0': 'nosuch\n', 'hostname.ce1': 'alsonot\n' } });
    assert.ok(messagesOf(r).includes('Failed to configure IPv4 interface(s): ce0 ce1'));
  });

  test('a backslash-newline joins lines into one command; a backslash before blanks does not', () => {
    assert.deepEqual(configureCommands({ files: { 'hostname.ce0': 'h1 netmask + up \\\naddif h1-data2 netmask + up\n' } }), [
      'ifconfig ce0 inet h1 netmask + up addif h1-data2 netmask + up netmask + broadcast + up',
    ]);
    assert.deepEqual(configureCommands({ files: { 'hostname.ce0': 'h1 netmask + up \\ \naddif h1-data2 netmask + up\n' } }), [
      'ifconfig ce0 inet h1 netmask + up',
      'ifconfig ce0 inet addif h1-data2 netmask + up',
    ]);
  });

  test('Solaris keeps the CR of CRLF lines (keepCarriageReturns): the last word of each line is a bad address', () => {
    const fx = { files: { 'hostname.ce0': 'h1 netmask + broadcast + up\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n', 'hostname.ce1': 'h1-ce1-test\n' } };
    const kept = bootOf(fx, 'CRLF', { keepCarriageReturns: true });
    assert.deepEqual(commandsOf(kept, ['configure']), [
      'ifconfig ce0 inet h1 netmask + broadcast + up\r => ifconfig: up\r: bad address',
      'ifconfig ce0 inet addif h1-ce0-test deprecated -failover netmask + broadcast + up\r => ifconfig: up\r: bad address',
      'ifconfig ce1 inet h1-ce1-test\r netmask + broadcast + up => ifconfig: h1-ce1-test\r: bad address',
    ]);
    assert.deepEqual(ifconfigA(kept.state), ['ce0:', 'ce0 inet 192.168.10.10/24', 'ce0:1 inet 192.168.10.11/24 DEPRECATED,NOFAILOVER', 'ce1:', 'ce1 inet 0.0.0.0/0']);
    // Without it CRLF files read like LF ones.
    const read = bootOf(fx, 'CRLF');
    assert.deepEqual(commandsOf(read, ['configure']), commandsOf(bootOf(fx), ['configure']));
    assert.ok(read.commands.every((c) => c.status === 'done'));
  });
});

describe('boot: hostname6 files (§1.5)', () => {
  test('each line runs, then ifconfig <if> inet6 up', () => {
    const r = bootOf({ files: { 'hostname6.ce0': '-failover group prod\naddif 2001:db8::5/64 up\n' } });
    assert.deepEqual(commandsOf(r, ['configure', 'up']), ['ifconfig ce0 inet6 -failover group prod', 'ifconfig ce0 inet6 addif 2001:db8::5/64 up', 'ifconfig ce0 inet6 up']);
    assert.deepEqual(r.commands.find((c) => c.command.phase === 'up')!.command.note, 'the boot script brings the IPv6 interface up');
    assert.deepEqual(ifconfigA(r.state), ['ce0: group=prod', 'ce0 inet6 fe80::<from the MAC address>/10 UP,NOFAILOVER', 'ce0:1 inet6 2001:db8::5/64 UP']);
  });

  test('nothing is appended to a one-line hostname6 file', () => {
    assert.deepEqual(configureCommands({ files: { 'hostname6.ce0': 'addif 2001:db8::5/64\n' } }), ['ifconfig ce0 inet6 addif 2001:db8::5/64', 'ifconfig ce0 inet6 up']);
  });

  test('an empty hostname6 file: only inet6 up (the link-local address)', () => {
    const r = bootOf({ files: { 'hostname6.ce0': '' } });
    assert.deepEqual(commandsOf(r, ['configure', 'up']), ['ifconfig ce0 inet6 up']);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet6 fe80::<from the MAC address>/10 UP']);
  });

  test('a failing line: no inet6 up, the interface stays down and is reported', () => {
    const r = bootOf({ files: { 'hostname6.ce0': 'addif nosuch/64 up\n-failover group prod\n' } });
    assert.deepEqual(commandsOf(r, ['configure', 'up']), ['ifconfig ce0 inet6 addif nosuch/64 up => ifconfig: nosuch/64: bad address', 'ifconfig ce0 inet6 -failover group prod']);
    assert.deepEqual(ifconfigA(r.state), ['ce0: group=prod', 'ce0 inet6 fe80::<from the MAC address>/10 NOFAILOVER']);
    assert.ok(messagesOf(r).includes('Failed to configure IPv6 interface(s): ce0'));
  });

  test('an IPv4 keyword in hostname6: Operation netmask not supported for inet6', () => {
    const r = bootOf({ files: { 'hostname6.ce0': '-failover netmask + group prod up\n' } });
    assert.deepEqual(commandsOf(r, ['configure', 'up']), ['ifconfig ce0 inet6 -failover netmask + group prod up => ifconfig: Operation netmask not supported for inet6']);
  });
});

describe('boot: DHCP (§1.4, §1.9)', () => {
  test('the primary is the first dhcp file holding primary; the others start with wait 0; words split at dots', () => {
    const r = bootOf({
      files: {
        'hostname.bge0': '',
        'dhcp.bge0': 'wait 10\n',
        'hostname.bge1': '',
        'dhcp.bge1': 'primary\n',
        'hostname.bge2': '',
        'dhcp.bge2': 'wait 1.5\n',
      },
    });
    assert.deepEqual(commandsOf(r, ['dhcp']), [
      'ifconfig bge1 auto-dhcp primary primary',
      'ifconfig bge0 dhcp start wait 0 wait 10',
      'ifconfig bge2 dhcp start wait 0 wait 1 5 => usage: ifconfig <interface> | -a[ 4 | 6 | D ][ u | d ][ Z ]',
    ]);
    const primary = r.commands.find((c) => c.command.phase === 'dhcp')!;
    assert.deepEqual(primary.command.args.map((a) => a.implicit === true), [false, true, true, false]);
    assert.deepEqual(messagesOf(r).filter((m) => /DHCP/.test(m)), [
      'starting DHCP on primary interface bge1',
      'starting DHCP on interface bge0',
      'starting DHCP on interface bge2',
      'Failed to configure IPv4 DHCP interface(s): bge2',
    ]);
    assert.deepEqual(ifconfigA(r.state), ['bge0:', 'bge0 inet (dhcp) UP,DHCP', 'bge1:', 'bge1 inet (dhcp) UP,DHCP', 'bge2:', 'bge2 inet 0.0.0.0/0']);
  });

  test('without primary anywhere the first dhcp file in glob order is the primary', () => {
    const r = bootOf({ files: { 'hostname.bge1': '', 'dhcp.bge1': '', 'hostname.bge0': '', 'dhcp.bge0': 'wait 5\n' } });
    assert.deepEqual(commandsOf(r, ['dhcp']), ['ifconfig bge0 auto-dhcp primary wait 5', 'ifconfig bge1 dhcp start wait 0']);
  });

  test('hostname.<if> of exactly inet <name> beside dhcp.<if> is not run (doDHCPhostname)', () => {
    const r = bootOf({ files: { 'hostname.bge0': 'inet client7\n', 'dhcp.bge0': '' } });
    assert.deepEqual(commandsOf(r, ['configure', 'dhcp']), ['ifconfig bge0 auto-dhcp primary']);
    // Without the dhcp file it runs, and inet is taken for an address.
    const plain = bootOf({ files: { 'hostname.bge0': 'inet client7\n' } });
    assert.deepEqual(commandsOf(plain, ['configure']), ['ifconfig bge0 inet inet client7 netmask + broadcast + up => ifconfig: inet: bad address']);
    assert.equal(plain.commands.find((c) => c.command.phase === 'configure')!.error?.code, 'keyword-as-address');
  });

  test('a one-line hostname file of dhcp: the appended words make ifconfig print its usage', () => {
    const r = bootOf({ files: { 'hostname.bge0': 'dhcp\n' } });
    const c = r.commands.find((o) => o.command.phase === 'configure')!;
    assert.equal(shownOf(c), 'ifconfig bge0 inet dhcp netmask + broadcast + up => usage: ifconfig <interface> | -a[ 4 | 6 | D ][ u | d ][ Z ]');
    assert.equal(c.exitCode, 3);
    assert.equal(c.error?.code, 'dhcp-usage');
    assert.equal(c.command.args[c.error!.argIndex!]!.text, 'netmask');
    assert.equal(c.command.args[c.error!.argIndex!]!.implicit, true);
  });
});

function shownOf(o: ReturnType<typeof bootOf>['commands'][number]): string {
  return commandsOf({ commands: [o] } as unknown as ReturnType<typeof bootOf>)[0]!;
}

describe('boot: the RARP step (§1.9)', () => {
  const downFile = { 'hostname.ce0': 'h1\n\n', 'hostname.ce1': '' };

  for (const release of ['s8', 's9', 's10-early'] as const) {
    test(`${release}: always, and it brings up the addresses left down`, () => {
      const r = bootOf({ release, nodename: 'h1\n', files: downFile });
      assert.deepEqual(commandsOf(r, ['revarp']), ['ifconfig -adD4 auto-revarp netmask + broadcast + up']);
      // No RARP server answers on a disk-booted host: the addresses stay, and come up.
      assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 192.168.10.10/24 UP', 'ce1:', 'ce1 inet 0.0.0.0/0 UP']);
    });
  }

  test('s10 and osol: only when /etc/nodename is empty', () => {
    for (const release of ['s10', 'osol'] as const) {
      const skipped = bootOf({ release, nodename: 'h1\n', files: downFile });
      assert.deepEqual(commandsOf(skipped, ['revarp']), [], release);
      assert.ok(messagesOf(skipped).includes('(RARP step skipped: /etc/nodename names the host)'));
      assert.deepEqual(ifconfigA(skipped.state), ['ce0:', 'ce0 inet 192.168.10.10/24', 'ce1:', 'ce1 inet 0.0.0.0/0'], release);
      const empty = bootOf({ release, nodename: '', files: downFile });
      assert.deepEqual(commandsOf(empty, ['revarp']), ['ifconfig -adD4 auto-revarp netmask + broadcast + up'], release);
    }
  });

  test('it never touches an address that is up, nor one under DHCP', () => {
    const r = bootOf({ release: 's9', files: { 'hostname.ce0': 'h1\n', 'hostname.bge0': '', 'dhcp.bge0': '' } });
    assert.deepEqual(ifconfigA(r.state), ['bge0:', 'bge0 inet (dhcp) UP,DHCP', 'ce0:', 'ce0 inet 192.168.10.10/24 UP']);
  });
});

describe('boot: NICs that fail to plumb (move_addresses, §1.9)', () => {
  const group = {
    'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'],
    'hostname.ce1': 'h1-data2 netmask + broadcast + group prod up \\\naddif h1-ce1-test deprecated -failover netmask + broadcast + up\n',
  };

  test('a missing NIC: plumb fails, its data address moves to a member with -standby addif 0.0.0.0 set …; its test address stays behind', () => {
    const r = bootOf({ files: group }, 'LF', { missingNics: ['ce1'] });
    assert.deepEqual(commandsOf(r, ['plumb', 'move-addresses']), [
      'ifconfig ce0 plumb',
      'ifconfig ce0 inet',
      'ifconfig ce1 plumb => ifconfig: plumb: ce1: no such interface',
      'ifconfig ce1 inet => ifconfig: status: SIOCGLIFFLAGS: ce1: no such interface',
      'ifconfig ce0 inet -standby addif 0.0.0.0 set h1-data2 netmask + broadcast + up',
    ]);
    const messages = messagesOf(r);
    assert.ok(messages.includes('Failed to plumb IPv4 interface(s): ce1'));
    assert.ok(messages.includes('moving addresses from failed IPv4 interfaces: ce1 (moved to ce0).'));
    assert.deepEqual(ifconfigA(r.state), [
      'ce0: group=prod',
      'ce0 inet 192.168.10.10/24 UP',
      'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER',
      'ce0:2 inet 192.168.10.20/24 UP',
    ]);
    assert.deepEqual(r.mpathd.groups.map((g) => [g.name, g.members.map((m) => m.name)]), [['prod', ['ce0']]]);
  });

  test('a standby member is preferred, and its standby is cleared to carry the address', () => {
    const r = bootOf({
      files: { ...group, 'hostname.ce2': 'h1-ce2-test netmask + broadcast + deprecated -failover group prod standby up\n' },
    }, 'LF', { missingNics: ['ce1'] });
    assert.deepEqual(commandsOf(r, ['move-addresses']), ['ifconfig ce2 inet -standby addif 0.0.0.0 set h1-data2 netmask + broadcast + up']);
    assert.deepEqual(ifconfigA(r.state).slice(3), ['ce2: group=prod', 'ce2 inet 192.168.10.13/24 UP,DEPRECATED,NOFAILOVER', 'ce2:1 inet 192.168.10.20/24 UP']);
  });

  test('addif data addresses of the missing NIC move too (ifparse -f lines)', () => {
    const r = bootOf({
      files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up \\\naddif h1-data2 netmask + broadcast + up\n' },
    }, 'LF', { missingNics: ['ce1'] });
    assert.deepEqual(commandsOf(r, ['move-addresses']), ['ifconfig ce0 inet -standby addif h1-data2 netmask + broadcast + up netmask + broadcast + up']);
    assert.deepEqual(ifconfigA(r.state).slice(-1), ['ce0:2 inet 192.168.10.20/24 UP']);
  });

  test('an invalid name such as ce0-old1 fails to plumb; with no group nothing moves; only the first failure is named', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1\n', 'hostname.ce0-old1': 'h1\n', 'hostname.qfe0-1': 'h1\n' } });
    assert.deepEqual(commandsOf(r, ['plumb']).filter((c) => c.includes('=>')), [
      'ifconfig ce0-old1 plumb => ifconfig: plumb: ce0-old1: no such interface',
      'ifconfig ce0-old1 inet => ifconfig: status: SIOCGLIFFLAGS: ce0-old1: no such interface',
      'ifconfig qfe0-1 plumb => ifconfig: plumb: qfe0-1: no such interface',
      'ifconfig qfe0-1 inet => ifconfig: status: SIOCGLIFFLAGS: qfe0-1: no such interface',
    ]);
    const messages = messagesOf(r);
    assert.ok(messages.includes('Failed to plumb IPv4 interface(s): ce0-old1'));
    assert.ok(messages.includes("moving addresses from failed IPv4 interfaces: ce0-old1 (couldn't move, no alternative interface) qfe0-1 (couldn't move, no alternative interface)."));
    assert.deepEqual(commandsOf(r, ['move-addresses']), []);
  });
});

describe('boot: net-svc and in.mpathd at start', () => {
  test('net-svc re-runs netmask +: an explicit netmask that netmasks contradicts is replaced', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1 netmask 255.255.255.192 broadcast + up\n' } });
    const configured = r.commands.find((c) => c.command.phase === 'configure')!;
    assert.deepEqual(configured.output, ['Setting netmask of ce0 to 255.255.255.0']);
    const last = r.commands[r.commands.length - 1]!;
    assert.equal(last.command.script, 'net-svc');
    assert.deepEqual(last.output, ['Setting netmask of ce0 to 255.255.255.0']);
    assert.deepEqual(ifconfigA(r.state), ['ce0:', 'ce0 inet 192.168.10.10/24 UP']);
    // Without a netmasks entry the explicit mask stays.
    const kept = bootOf({ netmasks: '10.0.0.0\t255.0.0.0\n', files: { 'hostname.ce0': 'h1 netmask 255.255.255.192 broadcast + up\n' } });
    assert.deepEqual(ifconfigA(kept.state), ['ce0:', 'ce0 inet 192.168.10.10/26 UP']);
  });

  test('in.mpathd moves a standby\'s own data address to an active member, leaving 0.0.0.0 behind', () => {
    const r = bootOf({ files: { 'hostname.ce0': ACTIVE_ACTIVE['hostname.ce0'], 'hostname.ce1': 'h1-data2 netmask + broadcast + group prod standby up\n' } });
    assert.deepEqual(r.mpathdStartMoves, [{ family: 'inet', address: '192.168.10.20', from: 'ce1', to: 'ce0:2', up: true }]);
    assert.deepEqual(ifconfigA(r.state), [
      'ce0: group=prod',
      'ce0 inet 192.168.10.10/24 UP',
      'ce0:1 inet 192.168.10.11/24 UP,DEPRECATED,NOFAILOVER',
      'ce0:2 inet 192.168.10.20/24 UP (ce1)',
      'ce1: group=prod STANDBY,INACTIVE',
      'ce1 inet 0.0.0.0/0 NOFAILOVER',
    ]);
    assert.deepEqual(r.mpathd.log, ['No test address configured on interface ce1; disabling probe-based failure detection on it']);
  });

  test('in.mpathd -a with no group: it exits at once and moves nothing', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1\n' } });
    const mpathd = r.commands.find((c) => c.command.phase === 'mpathd')!;
    assert.deepEqual(mpathd.output, ['(exits at once: no interface is in an IPMP group)']);
    assert.equal(r.mpathd.running, false);
  });

  test('TRACK_INTERFACES_ONLY_WITH_GROUPS=no keeps in.mpathd running without groups', () => {
    const r = bootOf({ mpathd: 'TRACK_INTERFACES_ONLY_WITH_GROUPS=no\n', files: { 'hostname.ce0': 'h1\n' } });
    assert.equal(r.mpathd.running, true);
    assert.deepEqual(r.commands.find((c) => c.command.phase === 'mpathd')!.output, []);
  });

  test('events: an address set twice on one interface, and every group set', () => {
    const r = bootOf({ files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\nh1-data2 netmask + broadcast + up\n', 'hostname6.ce0': '-failover group prod up\n' } });
    assert.deepEqual(
      r.events.map((e) => (e.kind === 'address-replaced' ? `${e.kind} ${e.lif} ${e.previous.address} -> ${e.address}` : `${e.kind} ${e.nic} ${e.family} ${e.group}`)),
      ['group-set ce0 inet prod', 'address-replaced ce0 192.168.10.10 -> 192.168.10.20', 'group-set ce0 inet6 prod'],
    );
  });
});
