/**
 * Every rule id of RULES.md with its default severity. The ids are a public contract:
 * never rename one. Severity here is the default; `solarisIpmp.rules` overrides it.
 */
import type { Severity } from './types';

export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
}

const RULE_LIST = [
  // hostname.<if> / hostname6.<if>: single file
  { id: 'comment-not-supported', severity: 'error', summary: 'A `#` in a hostname file is taken as an address' },
  { id: 'missing-final-newline', severity: 'error', summary: 'The boot script drops an unterminated last line' },
  { id: 'unknown-keyword', severity: 'error', summary: 'A word that is no ifconfig keyword' },
  { id: 'missing-argument', severity: 'error', summary: 'A keyword that needs an argument ends the line' },
  { id: 'invalid-address', severity: 'error', summary: 'A malformed IPv4 or IPv6 address' },
  { id: 'invalid-netmask', severity: 'error', summary: 'Not a netmask' },
  { id: 'invalid-value', severity: 'error', summary: 'A bad number, group name, zone or module' },
  { id: 'wrong-address-family', severity: 'error', summary: 'A keyword or address of the other address family' },
  { id: 'misplaced-keyword', severity: 'error', summary: 'A keyword where ifconfig does not take it' },
  { id: 'carriage-return', severity: 'error', summary: 'CRLF line endings: Solaris keeps the CR' },
  { id: 'stray-plus', severity: 'error', summary: 'A `+` that is not the argument of netmask or broadcast' },
  { id: 'conflicting-options', severity: 'warning', summary: 'An option and its opposite on one address' },
  { id: 'option-order', severity: 'warning', summary: 'An order of options that changes the outcome' },
  { id: 'line-continuation', severity: 'error', summary: 'A backslash that does not continue the line as meant' },
  { id: 'interface-stays-down', severity: 'warning', summary: 'An address that is never brought up' },
  { id: 'ignored-file', severity: 'info', summary: 'A file name the boot script skips or misreads' },
  { id: 'invalid-interface-name', severity: 'error', summary: 'Not a Solaris interface name' },
  { id: 'solaris11-syntax', severity: 'error', summary: 'Syntax the target release does not know' },
  { id: 'hostname-file-not-read', severity: 'warning', summary: 'A hostname, hostname6 or dhcp file Solaris 11 never reads' },
  // resolution against the host's other files
  { id: 'unresolved-host', severity: 'error', summary: 'A host name the host does not define' },
  { id: 'no-hosts-file', severity: 'info', summary: 'Names are used but the host has no hosts file' },
  { id: 'ipnodes-shadow', severity: 'warning', summary: 'ipnodes maps the name elsewhere and wins' },
  { id: 'netmask-not-found', severity: 'warning', summary: '`netmask +` finds no netmasks entry' },
  { id: 'netmask-overridden', severity: 'warning', summary: 'An explicit netmask that netmasks contradicts' },
  { id: 'dhcp-without-hostname-file', severity: 'error', summary: 'A dhcp.<if> without its hostname.<if>' },
  // IPMP across the interfaces of one host
  { id: 'test-address-not-deprecated', severity: 'warning', summary: 'An IPv4 test address without `deprecated`' },
  { id: 'deprecated-data-address', severity: 'warning', summary: '`deprecated` without `-failover` on a member' },
  { id: 'ipv6-test-address', severity: 'warning', summary: 'An IPv6 test address that in.mpathd cannot use' },
  { id: 'group-name-mismatch', severity: 'warning', summary: 'Group names that differ by case or a typo' },
  { id: 'single-interface-group', severity: 'info', summary: 'A group with one member' },
  { id: 'group-subnet-mismatch', severity: 'error', summary: "A group's members on different subnets" },
  { id: 'groups-share-subnet', severity: 'warning', summary: 'Two groups on one subnet' },
  { id: 'duplicate-address', severity: 'error', summary: 'One address configured twice' },
  { id: 'standby-data-address', severity: 'error', summary: 'A standby interface with a data address' },
  { id: 'standby-addif-order', severity: 'error', summary: "The standby's test address added after `standby`" },
  { id: 'all-standby', severity: 'warning', summary: 'Every member is standby' },
  { id: 'no-test-address', severity: 'warning', summary: 'A member without a test address' },
  { id: 'loghost-on-test-address', severity: 'warning', summary: '`loghost` on a test address' },
  { id: 'mixed-address-families', severity: 'warning', summary: 'Members plumbed for different families' },
  // hosts, ipnodes, netmasks
  { id: 'missing-host-name', severity: 'error', summary: 'An address with no name' },
  { id: 'invalid-host-name', severity: 'warning', summary: 'A name that breaks RFC 952/1123' },
  { id: 'duplicate-host-name', severity: 'warning', summary: 'A name mapped to two addresses' },
  { id: 'netmask-key-mismatch', severity: 'warning', summary: 'A netmasks key with bits outside its mask' },
  // default/mpathd
  { id: 'unknown-setting', severity: 'warning', summary: 'A name in.mpathd ignores' },
  { id: 'invalid-setting-value', severity: 'error', summary: 'A value in.mpathd rejects' },
  { id: 'setting-syntax', severity: 'error', summary: 'A line in.mpathd silently ignores' },
  { id: 'duplicate-setting', severity: 'warning', summary: 'A later line for a name already set' },
  { id: 'detection-time-units', severity: 'warning', summary: 'FAILURE_DETECTION_TIME in seconds, not milliseconds' },
  // what the boot engine sees (the simulated boot, its commands and their outcome)
  { id: 'keyword-as-address', severity: 'error', summary: 'A keyword where ifconfig reads an address' },
  { id: 'addif-on-logical', severity: 'error', summary: '`addif` in a logical-interface file' },
  { id: 'address-replaced', severity: 'error', summary: "A later line replaces an interface's address" },
  { id: 'name-wrong-family', severity: 'error', summary: 'A name with addresses of the other family only' },
  { id: 'conflicting-groups', severity: 'error', summary: 'One NIC put in two groups: the last one run wins' },
  { id: 'dhcp-rejected', severity: 'error', summary: 'A DHCP line or file that ifconfig rejects' },
  { id: 'boot-command-fails', severity: 'error', summary: 'A command that fails at boot for a reason no other rule names' },
  // the running system (a capture of ifconfig -a / ipmpstat) against the boot files
  { id: 'drift-address-lost', severity: 'warning', summary: 'An address that runs now and that the next reboot loses' },
  { id: 'drift-address-added', severity: 'warning', summary: 'An address the next reboot adds to the running system' },
  { id: 'drift-address-moved', severity: 'warning', summary: 'An address that runs on another NIC than the boot puts it' },
  { id: 'drift-flags', severity: 'warning', summary: 'An address whose flags differ between now and the next boot' },
  { id: 'drift-mask', severity: 'warning', summary: 'An address whose netmask differs between now and the next boot' },
  { id: 'drift-group', severity: 'warning', summary: 'A NIC in another IPMP group now than after the next boot' },
  { id: 'drift-standby', severity: 'warning', summary: 'A NIC standby now and active after the next boot, or the reverse' },
  { id: 'drift-member-state', severity: 'warning', summary: 'A group member running FAILED, OFFLINE or INACTIVE' },
  { id: 'drift-interface-lost', severity: 'warning', summary: 'A NIC plumbed now that no boot file plumbs' },
  { id: 'drift-interface-added', severity: 'info', summary: 'A NIC the next boot plumbs that is not plumbed now' },
  { id: 'drift-capture-line', severity: 'info', summary: 'A line of a capture that is not ifconfig or ipmpstat output' },
  // the files themselves (DESIGN.md "Bad input")
  { id: 'file-too-large', severity: 'info', summary: 'A file over the size limit: only cheap checks' },
  { id: 'unreadable-file', severity: 'info', summary: 'A file the checks need could not be read' },
] as const satisfies readonly RuleMeta[];

export type RuleId = (typeof RULE_LIST)[number]['id'];

export const RULES: ReadonlyMap<RuleId, RuleMeta> = new Map(RULE_LIST.map((r) => [r.id, r]));

export function isRuleId(id: string): id is RuleId {
  return RULES.has(id as RuleId);
}
