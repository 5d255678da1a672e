/**
 * Every rule of RULES.md, produced by the bundled server over LSP on a host tree that shows
 * the mistake, and never on the valid layouts. One server; each fixture is its own host
 * (`<tmp>/<rule-id>/etc/...`) so fixtures never see each other's names or groups.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigurationRequest, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { RULES, type RuleId } from '../../server/src/rules/registry';
import { codes, languageOf, testWorkspace, uriOf } from './client';

// ------------------------------------------------------------------------------ host files

/** A hosts table of an IPMP host (web1): a data name, one test name per NIC, spares. */
const HOSTS = `#
# Internet host table
#
::1\t\tlocalhost
127.0.0.1\tlocalhost
192.168.10.10\tweb1\tloghost
192.168.10.11\tweb1-ce0-test
192.168.10.12\tweb1-ce1-test
192.168.10.13\tweb1-ce2-test
192.168.10.20\tweb1-data2
192.168.20.10\tweb1-back
`;

const NETMASKS = `#
# network-number\tnetmask
#
192.168.10.0\t255.255.255.0
192.168.20.0\t255.255.255.0
`;

/** default/mpathd as Solaris 10 ships it (comments in our words). */
const MPATHD = `#
# Time in milliseconds in.mpathd takes to notice a NIC failure (at least 100).
#
FAILURE_DETECTION_TIME=10000
#
# Move the addresses back once a failed NIC is repaired.
#
FAILBACK=yes
#
# Watch only the interfaces that belong to an IPMP group.
#
TRACK_INTERFACES_ONLY_WITH_GROUPS=yes
`;

/** §3.7 probe-based active-active. */
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'web1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';
const CE1_STANDBY = 'web1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n';

/** ce0:2, an address added by hand. */
const LIF_CE0_2 = 'ce0:2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255\n';

/** `ifconfig -a` of a web1 running CE0 and CE1, changed as asked. */
function running(change: { extra?: string; withoutCe0Test?: boolean; ce1Flags?: string; ce1Mask?: string; ce1Group?: string }): string {
  return [
    'lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1\n\tinet 127.0.0.1 netmask ff000000 \n',
    'ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod\n',
    change.withoutCe0Test ? '' : 'ce0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2\n\tinet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255\n',
    `ce1: ${change.ce1Flags ?? 'flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>'} mtu 1500 index 3\n\tinet 192.168.10.12 ${change.ce1Mask ?? 'netmask ffffff00 broadcast 192.168.10.255'}\n\tgroupname ${change.ce1Group ?? 'prod'}\n`,
    change.extra ?? '',
  ].join('');
}

/** `folder`: a folder where the file should be (there, but unreadable; never opened). */
type Content = string | { readonly symlink: string } | { readonly folder: true };
type Files = Record<string, Content>;

/** The files of a web1 host: hosts and netmasks unless the fixture says otherwise (null = absent). */
function web1(files: Record<string, Content | null>): Files {
  const all: Record<string, Content | null> = { hosts: HOSTS, netmasks: NETMASKS, ...files };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, Content] => e[1] !== null));
}

/** A hosts file over the 16 MB size limit: the real entries, then a long comment. */
const HUGE_HOSTS = `${HOSTS}#${'x'.repeat(16 * 1024 * 1024)}\n`;

// ------------------------------------------------------------------------------ the table

interface RuleFixture {
  readonly rule: RuleId;
  /** The mistake, with its reference section. */
  readonly name: string;
  /** Paths under `etc/`. */
  readonly files: Files;
  /** The file that gets the diagnostic. */
  readonly open: string;
  /** The text the diagnostic covers. */
  readonly at: string;
  /** Every code the opened file gets (default: just the rule). */
  readonly codes?: readonly string[];
  /** When the rule's default severity is not the one this case gets. */
  readonly severity?: DiagnosticSeverity;
  readonly settings?: Record<string, unknown>;
  /** Other files of the fixture that must stay clean. */
  readonly clean?: readonly string[];
}

const FIXTURES: readonly RuleFixture[] = [
  // ---- hostname.<if> / hostname6.<if>: one file
  {
    rule: 'comment-not-supported',
    name: '§4.17 a comment line in a hostname file',
    files: web1({ 'hostname.ce0': '# primary NIC\nweb1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: '# primary NIC',
  },
  {
    rule: 'missing-final-newline',
    name: '§4.31 the only line is not terminated',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up' }),
    open: 'hostname.ce0',
    at: 'web1 netmask + broadcast + up',
  },
  {
    rule: 'unknown-keyword',
    name: '§4.20 standby misspelt',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test netmask + broadcast + deprecated -failover group prod standy up\n' }),
    open: 'hostname.ce1',
    at: 'standy',
  },
  {
    rule: 'missing-argument',
    name: 'group without its name',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up group\n' }),
    open: 'hostname.ce0',
    at: 'group',
  },
  {
    rule: 'invalid-address',
    name: 'an IPv4 literal with three parts',
    files: web1({ 'hostname.ce0': '192.168.10 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: '192.168.10',
  },
  {
    rule: 'invalid-address',
    name: 'hosts: an address octet over 255',
    files: web1({ hosts: `${HOSTS}192.168.10.300\tweb1-ce3-test\n` }),
    open: 'hosts',
    at: '192.168.10.300',
  },
  {
    rule: 'invalid-netmask',
    name: 'a mistyped mask that is not contiguous (225 for 255)',
    files: web1({ 'hostname.ce0': 'web1 netmask 255.255.225.0 broadcast + up\n' }),
    open: 'hostname.ce0',
    at: '255.255.225.0',
  },
  {
    rule: 'invalid-netmask',
    name: 'netmasks: a prefix length instead of a mask',
    files: web1({ netmasks: '192.168.10.0\t/24\n' }),
    open: 'netmasks',
    at: '/24',
  },
  {
    rule: 'invalid-value',
    name: 'a group name over 31 characters',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group production-frontend-web-ipmp-group up\n' }),
    open: 'hostname.ce0',
    at: 'production-frontend-web-ipmp-group',
  },
  {
    rule: 'wrong-address-family',
    name: '§4.21 netmask + copied into hostname6',
    files: web1({ 'hostname6.ce0': '-failover netmask + group prod up\n', 'hostname6.ce1': '-failover group prod up\n' }),
    open: 'hostname6.ce0',
    at: 'netmask',
  },
  {
    rule: 'misplaced-keyword',
    name: 'an ifconfig command line pasted with its address family',
    files: web1({ 'hostname.ce0': 'inet web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'inet',
  },
  {
    rule: 'carriage-return',
    name: 'a hostname file saved with CRLF',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\r\n' }),
    open: 'hostname.ce0',
    at: 'up',
  },
  {
    rule: 'carriage-return',
    name: 'hosts saved with CRLF (a warning there)',
    files: web1({ hosts: HOSTS.replace(/^#.*\n/gm, '').replace(/\n/g, '\r\n') }),
    open: 'hosts',
    at: 'localhost',
    severity: DiagnosticSeverity.Warning,
  },
  {
    rule: 'stray-plus',
    name: '§4.19 a + after an explicit mask',
    files: web1({ 'hostname.ce0': '192.168.10.10 broadcast + netmask 255.255.255.0 + up\n' }),
    open: 'hostname.ce0',
    at: '+',
  },
  {
    rule: 'conflicting-options',
    name: 'up and down on one address',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up down\n' }),
    open: 'hostname.ce0',
    at: 'up',
  },
  {
    rule: 'option-order',
    name: '§4.3 -failover after up',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test deprecated netmask + broadcast + group prod up -failover\n' }),
    open: 'hostname.ce1',
    at: '-failover',
  },
  {
    rule: 'line-continuation',
    name: '§4.18 a blank after the backslash before addif',
    files: web1({
      'hostname.ce0': 'web1 netmask + broadcast + group prod up \\ \naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
      'hostname.ce1': CE1,
    }),
    open: 'hostname.ce0',
    at: '\\ ',
    severity: DiagnosticSeverity.Warning,
  },
  {
    rule: 'interface-stays-down',
    name: '§4.32 a blank line after the single address',
    files: web1({ 'hostname.ce0': 'web1\n\n' }),
    open: 'hostname.ce0',
    at: 'web1',
  },
  {
    rule: 'ignored-file',
    name: '§1.2 a backup copy next to the real file',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\n', 'hostname.ce0.bak': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0.bak',
    at: 'web1 netmask + broadcast + up',
    clean: ['hostname.ce0'],
  },
  {
    rule: 'ignored-file',
    name: '§4.28 a backup copy that still matches the glob (warning)',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\n', 'hostname.ce0old1': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0old1',
    at: 'web1 netmask + broadcast + up',
    severity: DiagnosticSeverity.Warning,
  },
  {
    rule: 'invalid-interface-name',
    name: '§4.30 VLAN 5000 on ce0: the VLAN id is out of range',
    files: web1({ 'hostname.ce5000000': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce5000000',
    at: 'web1 netmask + broadcast + up',
  },
  {
    rule: 'solaris11-syntax',
    name: '§4.29 an IPMP interface on Solaris 10',
    files: { 'hostname.ipmp0': 'ipmp group ipmp0 192.168.10.10/24 up\n', 'hostname.e1000g0': 'group ipmp0 up\n', 'hostname.e1000g1': 'group ipmp0 up\n' },
    open: 'hostname.ipmp0',
    at: 'ipmp',
    // The file name and the keyword.
    codes: ['solaris11-syntax', 'solaris11-syntax'],
    settings: { release: 's10' },
  },
  {
    rule: 'solaris11-syntax',
    name: '§4.29 the ipmp keyword on Solaris 9',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + ipmp up\n' }),
    open: 'hostname.ce0',
    at: 'ipmp',
    settings: { release: 's9' },
  },

  {
    rule: 'hostname-file-not-read',
    name: 'Solaris 11 reads no hostname files: one warning on the first line, nothing else, hosts and mpathd clean',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'default/mpathd': MPATHD }),
    open: 'hostname.ce0',
    at: 'web1 netmask + broadcast + group prod up \\',
    settings: { release: 's11' },
    clean: ['hosts', 'netmasks', 'default/mpathd'],
  },
  {
    rule: 'hostname-file-not-read',
    name: 'Solaris 11: a file of mistakes saved with CRLF still gets only the one finding',
    files: web1({ 'hostname.ce0': '# primary NIC\r\nweb1 netmask + broadcast + UP\r\naddif nosuch -failover up' }),
    open: 'hostname.ce0',
    at: '# primary NIC',
    settings: { release: 's11' },
  },
  {
    rule: 'hostname-file-not-read',
    name: 'Solaris 11: dhcp.<if> and its empty hostname file are not read either',
    files: web1({ 'hostname.bge0': '', 'dhcp.bge0': 'primary\nwait 60\n' }),
    open: 'dhcp.bge0',
    at: 'primary',
    settings: { release: 's11' },
  },

  // ---- resolution against the host's other files
  {
    rule: 'unresolved-host',
    name: '§4.7 a test name missing from hosts (misspelt)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-tst deprecated -failover netmask + broadcast + group prod up\n' }),
    open: 'hostname.ce1',
    at: 'web1-ce1-tst',
  },
  {
    rule: 'no-hosts-file',
    name: 'names used, but the host has no hosts file',
    files: web1({ hosts: null, 'hostname.ce0': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web1',
  },
  {
    rule: 'ipnodes-shadow',
    name: '§5.2 a stale ipnodes entry wins over hosts up to Solaris 10 11/06',
    files: {
      'inet/hosts': HOSTS,
      'inet/ipnodes': '::1\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.99\tweb1-ce1-test\n',
      'inet/netmasks': NETMASKS,
      'hostname.ce0': CE0,
      'hostname.ce1': CE1,
    },
    open: 'hostname.ce1',
    at: 'web1-ce1-test',
    settings: { release: 's10-early' },
  },
  {
    rule: 'netmask-not-found',
    name: '§4.14 netmask + but netmasks only knows another network',
    files: web1({ netmasks: '10.1.0.0\t255.255.255.0\n', 'hostname.ce0': 'web1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' }),
    open: 'hostname.ce0',
    at: '+',
  },
  {
    rule: 'netmask-overridden',
    name: '§4.15 an explicit /26 that netmasks turns into /24 at boot',
    files: web1({ 'hostname.ce0': 'web1 netmask 255.255.255.192 broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' }),
    open: 'hostname.ce0',
    at: '255.255.255.192',
  },
  {
    rule: 'dhcp-without-hostname-file',
    name: '§4.25 dhcp.e1000g1 but hostname.e1000g0',
    files: web1({ 'dhcp.e1000g1': 'primary\n', 'hostname.e1000g0': '' }),
    open: 'dhcp.e1000g1',
    at: 'primary',
  },

  // ---- IPMP across the interfaces of one host
  {
    rule: 'test-address-not-deprecated',
    name: '§4.1 a test address without deprecated',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test netmask + broadcast + -failover group prod up\n' }),
    open: 'hostname.ce1',
    at: 'web1-ce1-test',
  },
  {
    rule: 'deprecated-data-address',
    name: '§4.2 a test address without -failover',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated netmask + broadcast + up\n', 'hostname.ce1': CE1 }),
    open: 'hostname.ce0',
    at: 'deprecated',
    // ce0 is then left without a test address: reported too.
    codes: ['deprecated-data-address', 'no-test-address'],
  },
  {
    rule: 'ipv6-test-address',
    name: '§4.22 the IPv6 link-local test address marked deprecated',
    files: web1({ 'hostname6.ce0': '-failover deprecated group prod up\n', 'hostname6.ce1': '-failover group prod up\n' }),
    open: 'hostname6.ce0',
    at: 'deprecated',
  },
  {
    rule: 'ipv6-test-address',
    name: '§4.23 a global IPv6 address as test address',
    files: web1({ 'hostname6.ce0': '2001:db8::10/64 -failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' }),
    open: 'hostname6.ce0',
    at: '2001:db8::10/64',
  },
  {
    rule: 'group-name-mismatch',
    name: '§4.4 prod and Prod',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group Prod up\n', 'hostname.ce2': 'web1-ce2-test deprecated -failover netmask + broadcast + group prod up\n' }),
    open: 'hostname.ce1',
    at: 'Prod',
    clean: ['hostname.ce0', 'hostname.ce2'],
  },
  {
    rule: 'single-interface-group',
    name: '§4.12 a one-member group with a separate test address',
    files: web1({ 'hostname.ce0': CE0 }),
    open: 'hostname.ce0',
    at: 'web1-ce0-test',
    severity: DiagnosticSeverity.Information,
  },
  {
    rule: 'group-subnet-mismatch',
    name: '§4.5 the members on two subnets',
    files: web1({ 'hostname.ce0': '192.168.10.10 netmask + broadcast + group prod up\n', 'hostname.ce1': '192.168.20.10 netmask + broadcast + group prod up\n' }),
    open: 'hostname.ce1',
    at: '192.168.20.10',
    clean: ['hostname.ce0'],
  },
  {
    rule: 'groups-share-subnet',
    name: '§4.6 two groups on one subnet',
    files: web1({
      'hostname.ce0': 'web1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname.ce2': 'web1-data2 netmask + broadcast + group back up\n',
      'hostname.ce3': 'group back up\n',
    }),
    open: 'hostname.ce2',
    at: 'web1-data2',
  },
  {
    rule: 'duplicate-address',
    name: '§4.8 the same test address on two NICs (copy and paste)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce0-test deprecated -failover netmask + broadcast + group prod up\n' }),
    open: 'hostname.ce1',
    at: 'web1-ce0-test',
  },
  {
    rule: 'duplicate-address',
    name: '§4.9 the test address equals the data address',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': '192.168.10.10 deprecated -failover netmask + broadcast + group prod up\n' }),
    open: 'hostname.ce1',
    at: '192.168.10.10',
  },
  {
    rule: 'standby-data-address',
    name: '§4.10 a standby with a data address',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': '192.168.10.20 netmask + broadcast + group prod standby up\n' }),
    open: 'hostname.ce1',
    at: '192.168.10.20',
    // ...which leaves the standby without a test address.
    codes: ['no-test-address', 'standby-data-address'],
  },
  {
    rule: 'standby-addif-order',
    name: '§4.11 the standby test address added with addif after standby',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'group prod standby up \\\naddif web1-ce1-test deprecated -failover netmask + broadcast + up\n' }),
    open: 'hostname.ce1',
    at: 'web1-ce1-test',
  },
  {
    rule: 'all-standby',
    name: 'every member standby',
    files: web1({ 'hostname.ce0': 'web1-ce0-test netmask + broadcast + deprecated -failover group prod standby up\n', 'hostname.ce1': CE1_STANDBY }),
    open: 'hostname.ce0',
    at: 'standby',
  },
  {
    rule: 'no-test-address',
    name: '§3.3 one member without a test address while the other probes',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'group prod up\n' }),
    open: 'hostname.ce1',
    at: 'prod',
  },
  {
    rule: 'loghost-on-test-address',
    name: '§5.1 loghost on the line of a test address',
    files: web1({
      hosts: '::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1\n192.168.10.11\tweb1-ce0-test\tloghost\n192.168.10.12\tweb1-ce1-test\n',
      'hostname.ce0': CE0,
      'hostname.ce1': CE1,
    }),
    open: 'hosts',
    at: 'loghost',
  },
  {
    rule: 'mixed-address-families',
    name: '§4.24 one member plumbed for IPv6, the other not',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'hostname6.ce0': '-failover group prod up\n' }),
    open: 'hostname.ce1',
    at: 'prod',
  },

  // ---- hosts, ipnodes, netmasks
  {
    rule: 'missing-host-name',
    name: 'an address reserved without its name',
    files: web1({ hosts: `${HOSTS}192.168.10.14\n` }),
    open: 'hosts',
    at: '192.168.10.14',
  },
  {
    rule: 'invalid-host-name',
    name: 'an underscore in a name',
    files: web1({ hosts: `${HOSTS}192.168.10.30\tdb_backup\n` }),
    open: 'hosts',
    at: 'db_backup',
  },
  {
    rule: 'duplicate-host-name',
    name: 'the data name left on its old address as well',
    files: web1({ hosts: `${HOSTS}192.168.10.99\tweb1\n`, 'hostname.ce0': CE0, 'hostname.ce1': CE1 }),
    open: 'hosts',
    at: 'web1',
  },
  {
    rule: 'netmask-key-mismatch',
    name: '§1.8 a host address as the netmasks key',
    files: web1({ netmasks: '192.168.10.10\t255.255.255.0\n' }),
    open: 'netmasks',
    at: '192.168.10.10',
  },

  // ---- default/mpathd
  {
    rule: 'unknown-setting',
    name: 'FAILBACK misspelt',
    files: web1({ 'default/mpathd': MPATHD.replace('FAILBACK=yes', 'FAILBAK=no') }),
    open: 'default/mpathd',
    at: 'FAILBAK',
  },
  {
    rule: 'invalid-setting-value',
    name: '§4.27 a quoted value',
    files: web1({ 'default/mpathd': MPATHD.replace('FAILBACK=yes', 'FAILBACK="no"') }),
    open: 'default/mpathd',
    at: '"no"',
  },
  {
    rule: 'setting-syntax',
    name: '§4.27 blanks around =',
    files: web1({ 'default/mpathd': MPATHD.replace('FAILBACK=yes', 'FAILBACK = no') }),
    open: 'default/mpathd',
    at: ' ',
  },
  {
    rule: 'duplicate-setting',
    name: 'a setting appended below the stock one: the first line wins',
    files: web1({ 'default/mpathd': `${MPATHD}FAILBACK=no\n` }),
    open: 'default/mpathd',
    at: 'FAILBACK=no',
  },
  {
    rule: 'detection-time-units',
    name: '§4.26 the detection time in seconds',
    files: web1({ 'default/mpathd': MPATHD.replace('FAILURE_DETECTION_TIME=10000', 'FAILURE_DETECTION_TIME=10') }),
    open: 'default/mpathd',
    at: '10',
  },
  // ---- what the boot simulation sees
  {
    rule: 'keyword-as-address',
    name: '§1.7 addif followed by a keyword: its address was forgotten',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif deprecated -failover netmask + broadcast + up\n', 'hostname.ce1': CE1 }),
    open: 'hostname.ce0',
    at: 'deprecated',
  },
  {
    rule: 'keyword-as-address',
    name: "§1.7 'netmask up': the + was forgotten, the whole line fails",
    files: web1({ 'hostname.ce0': 'web1 netmask up\n' }),
    open: 'hostname.ce0',
    at: 'up',
  },
  {
    rule: 'addif-on-logical',
    name: '§3.8 addif in a logical-interface file',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\n', 'hostname.ce0:1': 'web1-data2 netmask + broadcast + up addif web1-ce0-test up\n' }),
    open: 'hostname.ce0:1',
    at: 'addif',
  },
  {
    rule: 'address-replaced',
    name: "§1.4 a second line's first address replaces the first line's",
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\nweb1-data2 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web1-data2',
  },
  {
    rule: 'name-wrong-family',
    name: '§1.7 an IPv6-only name in an IPv4 file',
    files: web1({ hosts: `${HOSTS}2001:db8::10\tweb1-v6\n`, 'hostname.ce0': 'web1-v6 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web1-v6',
  },
  {
    rule: 'conflicting-groups',
    name: '§3.1 hostname6 puts the NIC in another group',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group prod up\n', 'hostname6.ce0': '-failover group prod6 up\n' }),
    open: 'hostname.ce0',
    at: 'prod',
  },
  {
    rule: 'dhcp-rejected',
    name: "§1.9 a one-line hostname file of 'dhcp': the appended words break it",
    files: web1({ 'hostname.ce0': 'dhcp\n' }),
    open: 'hostname.ce0',
    at: 'dhcp',
  },
  {
    rule: 'boot-command-fails',
    name: '§2 a zone named in a hostname file: no zone runs yet at boot',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + up\naddif web1-data2 zone web netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web',
  },
  // ---- the running system (a capture beside etc/) against the boot files
  {
    rule: 'drift-address-lost',
    name: 'an address added by hand with ifconfig: the next reboot loses it',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ extra: LIF_CE0_2 }) }),
    open: 'hostname.ce0',
    at: 'web1',
  },
  {
    rule: 'drift-address-added',
    name: 'a test address removed by hand: the next reboot brings it back',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ withoutCe0Test: true }) }),
    open: 'hostname.ce0',
    at: 'web1-ce0-test',
  },
  {
    rule: 'drift-address-moved',
    name: 'a test address that runs on another NIC (test addresses never move)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ withoutCe0Test: true, extra: 'ce1:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3\n\tinet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255\n' }) }),
    open: 'hostname.ce0',
    at: 'web1-ce0-test',
  },
  {
    rule: 'drift-flags',
    name: 'a test address running without deprecated',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ ce1Flags: 'flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER>' }) }),
    open: 'hostname.ce1',
    at: 'web1-ce1-test',
  },
  {
    rule: 'drift-mask',
    name: 'a netmask set by hand that netmasks does not give',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ ce1Mask: 'netmask ffffff80 broadcast 192.168.10.127' }) }),
    open: 'hostname.ce1',
    at: 'web1-ce1-test',
  },
  {
    rule: 'drift-group',
    name: 'a NIC moved to another group by hand',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ ce1Group: 'web' }) }),
    open: 'hostname.ce1',
    at: 'prod',
  },
  {
    rule: 'drift-standby',
    name: 'a standby made active by hand',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1_STANDBY, '../ifconfig-a.txt': running({}) }),
    open: 'hostname.ce1',
    at: 'standby',
  },
  {
    rule: 'drift-member-state',
    name: 'a member that runs OFFLINE (if_mpadm -d)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ ce1Flags: 'flags=89040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,OFFLINE>' }) }),
    open: 'hostname.ce1',
    at: 'prod',
    severity: DiagnosticSeverity.Information,
  },
  {
    rule: 'drift-interface-lost',
    name: 'a NIC plumbed by hand, with no hostname file',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': running({ extra: 'bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4\n\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255\n' }) }),
    open: '../ifconfig-a.txt',
    at: 'bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4',
  },
  {
    rule: 'drift-interface-added',
    name: 'a NIC unplumbed since the last boot',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'hostname.ce2': 'web1-ce2-test deprecated -failover netmask + broadcast + group prod up\n', '../ifconfig-a.txt': running({}) }),
    open: 'hostname.ce2',
    at: 'web1-ce2-test',
  },
  {
    rule: 'drift-capture-line',
    name: 'a line of the capture that is no ifconfig output',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, '../ifconfig-a.txt': `${running({})}Connection to web1 closed.\n` }),
    open: '../ifconfig-a.txt',
    at: 'Connection to web1 closed.',
  },
  // ---- the files themselves
  {
    rule: 'file-too-large',
    name: 'the host names are not checked against a hosts file over the size limit',
    files: web1({ hosts: HUGE_HOSTS, 'hostname.ce0': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web1',
  },
  {
    rule: 'unreadable-file',
    name: 'the host names are not checked against a hosts file that cannot be read',
    files: web1({ hosts: { folder: true }, 'hostname.ce0': 'web1 netmask + broadcast + up\n' }),
    open: 'hostname.ce0',
    at: 'web1',
  },
];

// ------------------------------------------------------------------------------ valid layouts

interface ValidFixture {
  readonly name: string;
  readonly files: Files;
  readonly settings?: Record<string, unknown>;
  /** How the client spells file URIs: Node's pathToFileURL (default) or vscode-uri, as VS Code does. */
  readonly uris?: 'node' | 'vscode';
  /** A known server bug this case shows (node:test todo). */
  readonly todo?: string;
}

const VALID: readonly ValidFixture[] = [
  { name: '§3.7 probe-based active-active', files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'default/mpathd': MPATHD }) },
  { name: '§3.7 active-standby', files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': CE1_STANDBY }) },
  {
    name: '§3.7 link-based only',
    files: web1({ 'hostname.e1000g0': 'web1 netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' }),
  },
  {
    name: '§3.7 IPv6 link-local test addresses, IPv4 link-based',
    files: web1({
      'hostname.ce0': 'web1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname6.ce0': '-failover group prod up\n',
      'hostname6.ce1': '-failover group prod up\n',
    }),
  },
  {
    name: 'IPv6 link-local tests with a global data address added on ce0',
    files: web1({
      'hostname.ce0': 'web1 netmask + broadcast + group prod up\n',
      'hostname.ce1': 'web1-data2 netmask + broadcast + group prod up\n',
      'hostname6.ce0': '-failover group prod up\naddif 2001:db8::10/64 up\n',
      'hostname6.ce1': '-failover group prod up\n',
    }),
  },
  { name: '§3.2 a singleton group probing from its data address', files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group solo up\n' }) },
  {
    name: 'a link-based-only group, both members carrying data',
    files: web1({ 'hostname.ce0': 'web1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'web1-data2 netmask + broadcast + group prod up\n' }),
  },
  {
    name: '§3.8 b test address on unit 0, data via addif … failover up',
    files: web1({
      'hostname.ce0': 'web1-ce0-test deprecated -failover netmask + broadcast + group prod up \\\naddif web1 failover netmask + broadcast + up\n',
      'hostname.ce1': CE1,
    }),
  },
  {
    name: 'test addresses on another subnet than the data addresses (Sun doc 70062)',
    files: web1({
      hosts: `${HOSTS}192.168.30.11\tweb1-ce0-t\n192.168.30.12\tweb1-ce1-t\n`,
      netmasks: `${NETMASKS}192.168.30.0\t255.255.255.0\n`,
      'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-t deprecated -failover netmask + broadcast + up\n',
      'hostname.ce1': 'web1-ce1-t deprecated -failover netmask + broadcast + group prod up\n',
    }),
  },
  {
    name: 'two groups on two subnets, numbered names',
    files: web1({
      hosts: `${HOSTS}192.168.20.11\tweb1-ce2-t\n192.168.20.12\tweb1-ce3-t\n`,
      'hostname.ce0': CE0.replace(/prod/g, 'ipmp0'),
      'hostname.ce1': CE1.replace(/prod/g, 'ipmp0'),
      'hostname.ce2': 'web1-back netmask + broadcast + group ipmp1 up \\\naddif web1-ce2-t deprecated -failover netmask + broadcast + up\n',
      'hostname.ce3': 'web1-ce3-t deprecated -failover netmask + broadcast + group ipmp1 up\n',
    }),
  },
  {
    name: 'a captured Solaris 10 /etc: hosts and netmasks are links into inet/, consistent ipnodes',
    settings: { release: 's10-early' },
    files: {
      'inet/hosts': HOSTS,
      hosts: { symlink: './inet/hosts' },
      'inet/ipnodes': '::1\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.12\tweb1-ce1-test\n',
      'inet/netmasks': NETMASKS,
      netmasks: { symlink: './inet/netmasks' },
      'default/mpathd': MPATHD,
      'hostname.ce0': CE0,
      'hostname.ce1': CE1_STANDBY,
    },
  },
  { name: 'OpenSolaris: -failover implies deprecated', settings: { release: 'osol' }, files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test -failover netmask + broadcast + group prod up\n' }) },
  { name: 'DHCP with its empty hostname file', files: web1({ 'hostname.bge0': '', 'dhcp.bge0': 'primary\nwait 60\n' }) },
  {
    name: 'illumos: an IPMP interface file (ipmp first) and link-based members, as OpenSolaris',
    settings: { release: 'illumos' },
    files: web1({ 'hostname.ipmp0': 'ipmp group ipmp0 192.168.10.10/24 up\n', 'hostname.e1000g0': 'group ipmp0 up\n', 'hostname.e1000g1': 'group ipmp0 up\n' }),
  },
  { name: 'illumos: -failover implies deprecated', settings: { release: 'illumos' }, files: web1({ 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test -failover netmask + broadcast + group prod up\n' }) },
  {
    name: 'Solaris 11: a host without hostname files, its hosts, netmasks and default/mpathd checked as usual',
    settings: { release: 's11' },
    files: web1({ 'default/mpathd': MPATHD }),
  },
  { name: 'a classic single-name hostname file', files: web1({ 'hostname.hme0': 'web1\n' }) },
  {
    name: '§1.2 an extra data address in a logical-interface file hostname.ce0:1 (URIs as VS Code sends them)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce0:1': 'web1-data2 netmask + broadcast + up\n', 'hostname.ce1': CE1 }),
    uris: 'vscode',
  },
  {
    name: '§1.2 the same hostname.ce0:1, its URI with a plain colon (file:///…/hostname.ce0:1)',
    files: web1({ 'hostname.ce0': CE0, 'hostname.ce0:1': 'web1-data2 netmask + broadcast + up\n', 'hostname.ce1': CE1 }),
  },
  {
    name: 'tabs between words, names in another case, a VLAN interface (VLAN 123 on ce0)',
    files: web1({
      'hostname.ce123000': 'WEB1\tnetmask +\tbroadcast + group prod up \\\naddif\tWeb1-CE0-Test deprecated -failover netmask + broadcast + up\n',
      'hostname.ce123001': 'web1-ce1-test\tdeprecated -failover netmask + broadcast + group prod up\n',
    }),
  },
  { name: 'an address with a prefix length that agrees with netmasks', files: web1({ 'hostname.ce0': '192.168.10.10/24 broadcast + group solo up\n' }) },

  {
    name: 'stock hosts, netmasks and default/mpathd',
    files: {
      hosts: '#\n# Internet host table\n#\n::1\tlocalhost\n127.0.0.1\tlocalhost\n192.168.1.10\tmyhost\tloghost\n',
      netmasks: '#\n# The netmasks file maps IP network numbers to their masks.\n#\n#\tnetwork-number\tnetmask\n#\n',
      'default/mpathd': MPATHD,
    },
  },
];

// ------------------------------------------------------------------------------ the server

const settingsByHost = new Map<string, Record<string, unknown>>();

const ws = testWorkspace('ipmp-rules-', {
  initializationOptions: { clientCommands: true },
  // Settings per host folder: the server asks with the host's folder (its etc) as the scope.
  beforeInitialize: (client) =>
    client.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        const p = item.scopeUri ? new URL(item.scopeUri).pathname : '';
        for (const [dir, settings] of settingsByHost) if (p.startsWith(`${dir}/`)) return settings;
        return {};
      }),
    ),
});

function textIn(text: string, range: Diagnostic['range']): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** Writes a fixture's tree; returns its etc folder. */
function writeTree(dir: string, files: Files): string {
  const etc = ws.path(path.join(dir, 'etc'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(etc, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string') writeFileSync(file, content);
    else if ('folder' in content) mkdirSync(file, { recursive: true });
    else symlinkSync(content.symlink, file);
  }
  return etc;
}


async function openAll(etc: string, files: Files, uris: 'node' | 'vscode' = 'node'): Promise<Map<string, { uri: string; text: string }>> {
  const opened = new Map<string, { uri: string; text: string }>();
  for (const [name, content] of Object.entries(files)) {
    if (typeof content !== 'string' && 'folder' in content) continue;
    const text = typeof content === 'string' ? content : files[path.posix.join(path.posix.dirname(name), content.symlink)];
    if (typeof text !== 'string') throw new Error(`symlink ${name} must point at a file of the fixture`);
    const uri = uris === 'vscode' ? URI.file(path.join(etc, name)).toString() : uriOf(path.join(etc, name));
    await ws.client.open(uri, languageOf(name), text);
    opened.set(name, { uri, text });
  }
  return opened;
}

async function closeAll(opened: Map<string, { uri: string }>): Promise<void> {
  for (const { uri } of opened.values()) await ws.client.close(uri);
}

const dirOfRule = new Map<string, number>();
function dirFor(rule: string): string {
  const n = (dirOfRule.get(rule) ?? 0) + 1;
  dirOfRule.set(rule, n);
  return n === 1 ? rule : `${rule}.${n}`;
}


// ------------------------------------------------------------------------------ tests

describe('every rule is produced on a fixture that shows it', () => {
  for (const fx of FIXTURES) {
    const dir = dirFor(fx.rule);
    test(`${fx.rule}: ${fx.name}`, async () => {
      const etc = writeTree(dir, fx.files);
      if (fx.settings) settingsByHost.set(new URL(ws.uri(dir)).pathname, fx.settings);
      const opened = await openAll(etc, fx.files);
      try {
        const target = opened.get(fx.open);
        assert.ok(target, `${fx.open} is a file of the fixture`);
        const expected = [...(fx.codes ?? [fx.rule])].sort();
        const diagnostics = await ws.client.diagnostics(target.uri, { where: (d) => JSON.stringify(codes(d)) === JSON.stringify(expected), what: fx.rule });
        const ofRule = diagnostics.filter((x) => x.code === fx.rule);
        const d = ofRule.find((x) => textIn(target.text, x.range) === fx.at);
        assert.ok(d, `a ${fx.rule} diagnostic covers ${JSON.stringify(fx.at)}; they cover ${JSON.stringify(ofRule.map((x) => textIn(target.text, x.range)))}`);
        assert.equal(d.source, 'ipmp');
        const defaultSeverity = { error: 1, warning: 2, info: 3, hint: 4 }[RULES.get(fx.rule)!.severity];
        assert.equal(d.severity, fx.severity ?? defaultSeverity, 'severity');
        for (const name of fx.clean ?? []) {
          assert.deepEqual(codes(await ws.client.diagnostics(opened.get(name)!.uri, { version: 1, what: name })), [], `${name} stays clean`);
        }
      } finally {
        await closeAll(opened);
      }
    });
  }

  test('the table covers every rule id of the registry', () => {
    const covered = new Set(FIXTURES.map((f) => f.rule));
    const missing = [...RULES.keys()].filter((id) => !covered.has(id));
    assert.deepEqual(missing, [], 'rules without a fixture');
  });
});

describe('valid layouts get no diagnostics in any file', () => {
  VALID.forEach((fx, i) => {
    test(fx.name, { todo: fx.todo }, async () => {
      const dir = `valid-${i + 1}`;
      const etc = writeTree(dir, fx.files);
      if (fx.settings) settingsByHost.set(new URL(ws.uri(dir)).pathname, fx.settings);
      const opened = await openAll(etc, fx.files, fx.uris);
      try {
        for (const [name, { uri }] of opened) {
          const diagnostics = await ws.client.diagnostics(uri, { version: 1, what: name });
          assert.deepEqual(
            diagnostics.map((d) => `${name}: ${d.code}: ${d.message}`),
            [],
            `${name} is clean`,
          );
        }
      } finally {
        await closeAll(opened);
      }
    });
  });
});
