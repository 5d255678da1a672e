/**
 * The long explanation of every rule of the registry: what it catches, what Solaris does at
 * boot because of it, and how to correct it. The CLI's SARIF output reads it (`fullDescription`,
 * `help.text`, `help.markdown`), and so can anything else that explains a rule.
 *
 * Written in our own words from the facts in domain/REFERENCE.md and what the rules and their
 * quick fixes really do. Text is Markdown-light, as in catalog/keywordDocs.ts: only `code
 * spans`, and no raw `<`, `>`, `*`, `_`, `[`, `]` or backslash outside them, so the same text
 * reads as plain text and renders as Markdown.
 */
import { RULES, type RuleId } from './registry';

export interface RuleDoc {
  /** What the rule catches and what happens at boot because of it: 1–3 sentences. */
  readonly description: string;
  /** How to correct it: 1–2 sentences, naming the quick fix when there is one. */
  readonly fix: string;
  /** Whether findings of the rule can carry a quick fix (besides switching the rule off). */
  readonly fixable: 'quick-fix' | 'none';
}

export const RULE_DOCS: Readonly<Record<RuleId, RuleDoc>> = {
  // ---------------------------------------------------------------- hostname.<if> / hostname6.<if>
  'comment-not-supported': {
    description:
      'A `#` in a hostname file does not start a comment: the boot script hands every word to ifconfig, which takes `#` as an address, fails with `bad address` and never applies the words after it. ' +
      'A line that holds only a comment also makes the file multi-line, so the boot no longer appends `netmask + broadcast + up`.',
    fix: 'Delete the comment and keep notes about the interface somewhere else; the quick fix deletes it, and a whole comment line with its line break.',
    fixable: 'quick-fix',
  },
  'missing-final-newline': {
    description:
      "The last line does not end with a newline. The shell's `read` never returns an unterminated line, so the boot script silently skips it, and a one-line file leaves the interface plumbed with no address and no error. " +
      'In `default/mpathd` the last line is lost the same way and its setting keeps the default.',
    fix: 'End the file with a newline; the quick fix adds it, and drops a backslash at the very end that would turn the new line break into a continuation.',
    fixable: 'quick-fix',
  },
  'unknown-keyword': {
    description:
      'A word where a keyword belongs that is no ifconfig keyword: a typo (`standy`), the wrong case (`UP`), or a keyword the target release does not have yet. ' +
      'ifconfig takes the word as a host name, fails with `bad address` and skips the rest of the line. ' +
      'In a `dhcp.<if>` file only `primary` and `wait` are understood, and any other word keeps DHCP from starting.',
    fix: 'Correct the spelling or the case (keywords are lower case); when a keyword is close, the quick fix offers it, for example `standy` to `standby`.',
    fixable: 'quick-fix',
  },
  'missing-argument': {
    description:
      'A keyword that needs an argument (`netmask`, `broadcast`, `group`, `addif`, `mtu`, DHCP `wait` and others) is the last word of its line, so ifconfig stops with a message such as `no argument for group`. ' +
      'In a one-line file the keyword instead takes the `netmask` the boot appends as its argument, and the rest of the appended words fail.',
    fix: 'Give the keyword its argument (an address or name, a mask or `+`, a group name, a number), or remove the keyword.',
    fixable: 'none',
  },
  'invalid-address': {
    description:
      'An address that Solaris cannot read, or reads as something else than it looks: a malformed IPv4 or IPv6 literal (`10.888.1.2`, a bad prefix length), or a short, hex or leading-zero form that `inet_addr` turns into another address (`192.168.1` is read as `192.168.0.1`). ' +
      'In a hostname file ifconfig fails with `bad address` or configures an address nobody meant; in `hosts`, `ipnodes` and `netmasks` a line that cannot be read is skipped, so its names or its mask are never found.',
    fix: 'Write the address as a plain dotted quad or a valid IPv6 address. In `hosts` and `netmasks` quick fixes write the address Solaris reads (or the decimal one that was meant) and split a `/len` network number into network and mask.',
    fixable: 'quick-fix',
  },
  'invalid-netmask': {
    description:
      "A value that is not a usable netmask: one bits that do not all come first, a malformed dotted or hex mask, a `/len` after `netmask` (ifconfig answers `unexpected '/'`), or in `netmasks` a missing mask, a prefix length in place of the mask, or a zero mask. " +
      'In a hostname file the interface does not get the mask that was meant; a `netmasks` line libnsl cannot use is ignored, so `netmask +` falls back to the classful mask.',
    fix: 'Write the mask as a contiguous dotted quad such as `255.255.255.0` (or `0xffffff00`). In `netmasks` quick fixes replace a prefix length with its dotted mask and rewrite a mask with leading zeros, which `inet_addr` reads as octal.',
    fixable: 'quick-fix',
  },
  'invalid-value': {
    description:
      'An argument ifconfig cannot use: a number that is not whole or out of range (`mtu` outside 68 to 65535, `index 0`, a byte over 255), a malformed zone name, `module@position` or interface name, or a DHCP `wait` that is neither seconds nor `forever`. ' +
      'Group names have two traps: over 31 characters the kernel silently cuts the name, so it no longer matches the other members, and `group ""` sets a group literally named by two quote characters, because the boot script does not interpret quotes.',
    fix: 'Write a value of the kind the keyword takes; keep group names to 31 characters, and to leave a group remove the `group` word instead of writing quotes.',
    fixable: 'none',
  },
  'wrong-address-family': {
    description:
      'A keyword or address of the other address family: an IPv4-only keyword (`netmask`, `broadcast`, `arp` and others) in a `hostname6.<if>` file, an IPv6-only one (`token`, `preferred`, `nud` and others) in a `hostname.<if>` file, or an address literal of the other family. ' +
      'ifconfig refuses it (`Operation netmask not supported for inet6`, or `bad address` for a literal) and the line stops there.',
    fix: 'Remove the keyword (the quick fix removes it with its argument), and put each address in the file of its family: IPv4 in `hostname.<if>`, IPv6 in `hostname6.<if>`.',
    fixable: 'quick-fix',
  },
  'misplaced-keyword': {
    description:
      'A keyword where ifconfig does not take it: `inet` or `inet6` as the first word of a line (the boot script already passes the family, so the word is read as an address and fails), or `dhcp` or `auto-dhcp` anywhere but first on the line, where DHCP does not start. ' +
      "A keyword of the physical interface, such as `group`, written after `addif` or in a logical-interface file applies to a logical interface instead, and the boot script's group discovery misses it; that case is a warning.",
    fix: 'Remove a leading family word, put `dhcp` first, and move physical-interface keywords before the first `addif`; quick fixes remove the family word and move or remove the keyword.',
    fixable: 'quick-fix',
  },
  'carriage-return': {
    description:
      'The file has CRLF (Windows) or CR-only line endings. In a hostname file Solaris keeps the CR, so the last word of every line carries it and ifconfig fails with `bad address`; with CR-only endings the whole file is a single line. ' +
      "In `hosts`, `netmasks` and `default/mpathd` Solaris's own readers cope with the CR, so there it is a warning about the other tools that read the file.",
    fix: 'Convert the file to LF line endings; the quick fix runs Convert Line Endings to LF (or rewrites every line break when the editor cannot run the command).',
    fixable: 'quick-fix',
  },
  'stray-plus': {
    description:
      'A `+` that does not follow `netmask` or `broadcast`. ifconfig reads it as an address or a point-to-point destination, fails with `+: bad address` and never reaches the words after it, often including `up`.',
    fix: 'Remove the `+`, or put it right after the `netmask` or `broadcast` it was meant for; the quick fix removes it.',
    fixable: 'quick-fix',
  },
  'conflicting-options': {
    description:
      'An option and its opposite on the same address, such as `deprecated` and `-deprecated`, or `up` and `down`. ifconfig applies both in order, so the earlier one has no effect and the line does not say what it seems to.',
    fix: 'Keep only the option you mean; the quick fix removes the earlier one, which the later one overrides.',
    fixable: 'quick-fix',
  },
  'option-order': {
    description:
      'Options in an order that changes the result, because ifconfig applies words from left to right: after `up`, `-failover` leaves a moment in which the address is a data address that in.mpathd may move; after `standby`, `-failover` is refused; `broadcast +` before `netmask +` computes the broadcast from the old mask; and `netmask +` before the address finds no `netmasks` entry, leaving the classful mask.',
    fix: 'Write the address first, then `netmask + broadcast +`, `deprecated -failover`, `standby`, and `up` last; the quick fix moves the misplaced option.',
    fixable: 'quick-fix',
  },
  'line-continuation': {
    description:
      'A backslash that does not continue the line as intended. With blanks after it, the backslash escapes a blank instead of the newline, so the next line runs as a separate ifconfig command and the file counts as multi-line (an error when that changes what the boot does, a warning otherwise). ' +
      'With no blank before it, the two lines join into one word (`up` and `addif` become `upaddif`) and ifconfig fails with `bad address`.',
    fix: 'Make the backslash the last character of the line, with a space before it; the quick fix removes the blanks after it or inserts the missing space.',
    fixable: 'quick-fix',
  },
  'interface-stays-down': {
    description:
      'An address that nothing brings up, so it is configured but down after boot. The boot script appends `netmask + broadcast + up` only to a one-line IPv4 file, and there only to the last address of the line: in a multi-line file (including one with a blank or comment line after the address) every address needs its own `up`. ' +
      'For `hostname6.<if>` the boot brings up only the physical interface, so an address added with `addif` needs its own `up` as well.',
    fix: 'Add `up` to the address, with `netmask + broadcast +` for IPv4; the quick fix appends the missing words.',
    fixable: 'quick-fix',
  },
  'ignored-file': {
    description:
      'A file name the boot script does not read as intended. A name that does not end in a digit or has a further dot (`hostname.ce0.bak`) is skipped, which is harmless for a backup copy (info). ' +
      'A name such as `hostname.ce0-old1` still matches, so the boot tries to plumb an interface of that name, fails and reports it on the console (warning); on illumos so does a dotted name ending in a digit (`hostname.ce0.bak1`).',
    fix: 'Give a backup copy a name with a further dot, such as `hostname.ce0.bak`, or move it out of `/etc`; a file that should be read must be named `hostname.` followed by the interface name.',
    fixable: 'none',
  },
  'invalid-interface-name': {
    description:
      'The interface part of the file name is not a Solaris interface name, which is a driver name and an instance number, optionally with a logical unit (`ce0`, `e1000g1`, `ce0:1`). ' +
      'A name over 31 characters, an instance number out of range or a VLAN number above 4094 cannot be plumbed, so the interface is missing after boot.',
    fix: 'Rename the file to `hostname.` followed by the name the NIC has on the system, as `dladm show-link` or `ifconfig -a` shows it.',
    fixable: 'none',
  },
  'solaris11-syntax': {
    description:
      'Syntax of the newer IPMP design of OpenSolaris, Solaris 11 Express and illumos while the target release is older: the `ipmp` keyword, or an IPMP interface file such as `hostname.ipmp0`. ' +
      'On Solaris 10 and earlier ifconfig reads `ipmp` as an address (`ipmp: bad address`), and `ipmp0` cannot be plumbed. With the target `osol` or `illumos` the same files are valid and nothing is reported.',
    fix: 'For Solaris 10 and earlier, build the group with `group` on the physical interfaces and remove the IPMP interface file; if the host runs OpenSolaris or Solaris 11 Express, set `solarisIpmp.release` to `osol`, and for OpenIndiana, OmniOS or another illumos distribution to `illumos`.',
    fixable: 'none',
  },
  'hostname-file-not-read': {
    description:
      'The target release is Solaris 11, whose boot reads no `hostname.<if>`, `hostname6.<if>` or `dhcp.<if>` file: interfaces and addresses come from what ipadm keeps in `/etc/ipadm/ipadm.conf`. ' +
      'Only on the first boot after an upgrade from an older release are such files converted to ipadm once and renamed `/etc/OBSOLETE.hostname.<if>.converted`; one copied onto a running Solaris 11 host later configures nothing. ' +
      'This is the only finding such a file gets with this target, since the other rules would describe a boot that does not happen.',
    fix: "Configure the interface with ipadm (and dladm): the command 'Convert Host to Solaris 11 ipadm' writes the commands for the host's files. If the host still runs Solaris 10, OpenSolaris or illumos, set `solarisIpmp.release` to that release.",
    fixable: 'none',
  },

  // ---------------------------------------------------------------- resolution against the host's files
  'unresolved-host': {
    description:
      "A host name that the host's `hosts` file (and, up to Solaris 10 11/06, `inet/ipnodes`) does not define, or defines only on a line Solaris skips. " +
      'Name services are not running yet when the interfaces are configured, so ifconfig fails with `bad address` and the interface gets no address. ' +
      'Up to Solaris 10 11/06 an IPv6 name must be in `inet/ipnodes`, because IPv6 lookups read that file alone.',
    fix: "Add the name to the host's `hosts` file or correct its spelling; quick fixes change the word to a close name `hosts` defines, or append an entry with an `ADDRESS` placeholder to fill in.",
    fixable: 'quick-fix',
  },
  'no-hosts-file': {
    description:
      'A hostname file uses host names, but its host has no `hosts` file in the workspace, so the names could not be checked. At boot only the local `/etc/inet/hosts` can resolve them.',
    fix: "Add the host's `hosts` file to the workspace or set `solarisIpmp.fallbackHostsFile`; the quick fix creates a `hosts` file that lists the names, each with an `ADDRESS` placeholder.",
    fixable: 'quick-fix',
  },
  'ipnodes-shadow': {
    description:
      'Up to Solaris 10 11/06 ifconfig looks names up in `inet/ipnodes` before `hosts`. This name is in both files with different addresses, so the interface gets the `ipnodes` address, not the one `hosts` shows.',
    fix: 'Make the two files agree, usually by correcting or removing the stale `inet/ipnodes` entry.',
    fixable: 'none',
  },
  'netmask-not-found': {
    description:
      "`netmask +`, written or appended by the boot to a one-line file, finds no `netmasks` entry for the address. Solaris then silently keeps the classful mask (/8, /16 or /24 by address class), which is often not the subnet's, and the broadcast address follows it. " +
      "The rule is checked only when the host's `netmasks` file is in the workspace.",
    fix: 'Add an entry for the subnet to `netmasks`, network number and mask; the quick fix appends one, with the prefix length of other addresses on the same subnet when it finds one (else /24).',
    fixable: 'quick-fix',
  },
  'netmask-overridden': {
    description:
      "An explicit `netmask` that the host's `netmasks` file contradicts. After name services start, the boot runs `netmask + broadcast +` again on every address that is up, so the mask from `netmasks` replaces the one written here.",
    fix: 'Use `netmask +` and keep the mask in `netmasks`, correcting that entry if it is the wrong one; the quick fix replaces the explicit mask with `+`.',
    fixable: 'quick-fix',
  },
  'dhcp-without-hostname-file': {
    description:
      'A `dhcp.<if>` file with no matching `hostname.<if>`. The boot script plumbs only interfaces that have a hostname file, so the interface never exists and DHCP cannot start on it.',
    fix: 'Create an empty `hostname.<if>` for the same interface (the quick fix does), or rename the DHCP file if it names the wrong interface.',
    fixable: 'quick-fix',
  },

  // ---------------------------------------------------------------- IPMP across the interfaces of one host
  'test-address-not-deprecated': {
    description:
      'An IPv4 test address (`-failover`) without `deprecated` in a group of two or more interfaces. Up to Solaris 10, `-failover` does not imply `deprecated`, so applications may pick the test address as their source address, and those connections break when the NIC fails, because a test address never moves.',
    fix: 'Add `deprecated` to the test address; the quick fix inserts it before `-failover`.',
    fixable: 'quick-fix',
  },
  'deprecated-data-address': {
    description:
      'An IPv4 address of a group member marked `deprecated` but not `-failover`. It is no test address, so in.mpathd cannot probe from it, yet it still fails over as a data address that applications avoid; in a one-member group, where the data address is also the probe address, it must not be deprecated at all.',
    fix: 'If it is meant as a test address, add `-failover` (the quick fix inserts it); if it is a data address, remove `deprecated`.',
    fixable: 'quick-fix',
  },
  'ipv6-test-address': {
    description:
      'An IPv6 test address that does not work as intended. in.mpathd probes only from the link-local address, which must not be marked `deprecated`, and a global address marked `-failover` is no test address and stays on its NIC when the NIC fails.',
    fix: 'In `hostname6.<if>` write `-failover group NAME up` without an address, so the link-local address is the test address, and add global addresses with `addif`; the quick fix removes `deprecated` from a link-local test address.',
    fixable: 'quick-fix',
  },
  'group-name-mismatch': {
    description:
      'Group names on interfaces of one host that differ only by case or by one character (`prod` and `Prod`, `ipmp0` and `ipmpO`). Group names are compared exactly, so the interfaces end up in separate groups and never fail over to each other.',
    fix: 'Use the same group name on every member; the quick fix renames the less used spelling to the other one.',
    fixable: 'quick-fix',
  },
  'single-interface-group': {
    description:
      'A group with a single member that also has a separate test address. With one member there is nothing to fail over to, and the extra test address is not needed: a one-member group probes from its data address, which must then not be `deprecated`.',
    fix: 'Add a second interface to the group if failover is wanted; otherwise remove the separate test address and keep the data address free of `deprecated`.',
    fixable: 'none',
  },
  'group-subnet-mismatch': {
    description:
      'Members of one group have their IPv4 data addresses, or their test addresses, on different subnets. All members must be on one IP link: data addresses would fail over onto a link where they cannot be reached, and probes would go to targets of another subnet. ' +
      'Test addresses on a subnet of their own, apart from the data addresses, are a supported layout and are not reported.',
    fix: "Put the group's data addresses on one subnet and its test addresses on one subnet, correcting the address or the `netmasks` entry that sets one apart, or move the odd interface to a group of its own.",
    fixable: 'none',
  },
  'groups-share-subnet': {
    description:
      'Two different groups have IPv4 data addresses on the same subnet. IPMP supports only one group per subnet, so this layout is outside what Solaris is designed to fail over.',
    fix: 'Put the interfaces of that subnet into one group, or give one of the groups a subnet of its own.',
    fixable: 'none',
  },
  'duplicate-address': {
    description:
      'The same address is configured twice on the host: two test addresses, a test address equal to a data address, or two data addresses. ' +
      'When a test address is involved, in.mpathd logs that it is not unique and turns probe-based failure detection off.',
    fix: 'Give every address its own value: each test address must be unique on the host and different from the data addresses.',
    fixable: 'none',
  },
  'standby-data-address': {
    description:
      'A standby interface has a data address. A standby carries only its test address, so at boot the data address moves to another member and the standby is left with no test address (`ifconfig -a` shows `0.0.0.0` on it).',
    fix: "Make the address the standby's test address with `deprecated -failover`, and keep data addresses on the active members; the quick fix inserts `deprecated -failover` before `standby`.",
    fixable: 'quick-fix',
  },
  'standby-addif-order': {
    description:
      "The standby's test address is added with `addif` after `standby`. A standby takes no new address, so the kernel may create that logical interface on another member, where `-failover` then fails (`can't set -failover on failed/standby/offlined interface`) and the address stays a deprecated data address that is down. " +
      'Where it works, it works only because no other member of the group is configured yet when the line runs.',
    fix: "Configure the standby's test address as its first address, before `standby`, as Sun's examples do: `NAME netmask + broadcast + deprecated -failover group GROUP standby up`.",
    fixable: 'none',
  },
  'all-standby': {
    description: 'Every member of the group is marked `standby`, so no active member is there to carry the data addresses of the group.',
    fix: 'Remove `standby` from at least one member.',
    fixable: 'none',
  },
  'no-test-address': {
    description:
      'A group member has no test address while other members of its group have one. in.mpathd turns probe-based failure detection off on that interface (`No test address configured on interface`), leaving only link-based detection there.',
    fix: 'Give the interface a test address of its own, for example `addif NAME deprecated -failover netmask + broadcast + up` with NAME defined in `hosts`.',
    fixable: 'none',
  },
  'loghost-on-test-address': {
    description:
      "In `hosts`, the `loghost` alias is on an address used as a test address. syslogd's log host should be a data address, which moves with failover; a test address stays on its NIC and goes down with it.",
    fix: 'Move `loghost` to the line of a data address; the quick fix moves it to a data address of the same group when the host has one in `hosts`.',
    fixable: 'quick-fix',
  },
  'mixed-address-families': {
    description:
      'Members of a group are not plumbed for the same address families: one has a `hostname6.<if>` (or `hostname.<if>`) file and another has not. in.mpathd logs that this may affect failover, and addresses of that family cannot fail over to the member that lacks it.',
    fix: 'Plumb every member for the same families, for example with an empty `hostname6.<if>` for each member that has none.',
    fixable: 'none',
  },

  // ---------------------------------------------------------------- hosts, ipnodes, netmasks
  'missing-host-name': {
    description: 'A `hosts` or `ipnodes` line with an address but no name. Solaris skips the line, so nothing resolves to that address.',
    fix: 'Add the host name, and any aliases, after the address, or delete the line.',
    fixable: 'none',
  },
  'invalid-host-name': {
    description:
      'A host name that breaks RFC 952 and RFC 1123: it contains `_` or another character than letters, digits, `-` and `.`, starts or ends with `-` or `.`, is all digits, or has a part longer than 63 characters. ' +
      'Lookups in the local file still find it, but DNS, NIS and many tools reject such names.',
    fix: 'Rename the host with letters, digits and inner hyphens (`db_1` to `db-1`) and change the hostname files that use it; Rename (F2) changes every file of the host at once.',
    fixable: 'none',
  },
  'duplicate-host-name': {
    description:
      'A name that a hostname file uses is mapped to two different addresses of the same family. ifconfig configures the first one in file order, so the later line is never used where a hostname file names the host.',
    fix: 'Keep one address per name and family, or give the other address a name of its own.',
    fixable: 'none',
  },
  'netmask-key-mismatch': {
    description:
      "A `netmasks` entry whose network number has bits set outside its own mask (`172.20.20.0 255.255.0.0`), so that neither libnsl's longest-match lookup nor its classful fallback can ever find it. " +
      'The entry is ignored silently and `netmask +` falls back to the classful mask.',
    fix: 'Clear the bits outside the mask (the quick fix writes the network number, `172.20.0.0` here), or correct the mask if the network number is the right one.',
    fixable: 'quick-fix',
  },

  // ---------------------------------------------------------------- default/mpathd
  'unknown-setting': {
    description:
      'A name in `default/mpathd` that in.mpathd does not read: it knows only `FAILURE_DETECTION_TIME`, `FAILBACK` and `TRACK_INTERFACES_ONLY_WITH_GROUPS`. The line is silently ignored, so a misspelt setting keeps its default.',
    fix: 'Correct the name; when it is close to one of the three, the quick fix offers the right spelling.',
    fixable: 'quick-fix',
  },
  'invalid-setting-value': {
    description:
      'A value in.mpathd does not accept: `FAILBACK` or `TRACK_INTERFACES_ONLY_WITH_GROUPS` not beginning with yes or no, a `FAILURE_DETECTION_TIME` that is not a positive number, an empty value, or a value in quotes (in.mpathd does not remove them). ' +
      'in.mpathd logs the value as invalid and keeps the default; a detection time with a leading zero is read as octal and gives another number (a warning).',
    fix: 'Write `yes` or `no`, or a whole number of milliseconds such as `10000`, without quotes; quick fixes remove the quotes and rewrite a leading-zero number in decimal.',
    fixable: 'quick-fix',
  },
  'setting-syntax': {
    description:
      'A `default/mpathd` line that in.mpathd does not read as written: a blank before `=`, a tab before the name, no `=` at all, a blank after `=` on a yes/no setting, or a line that is not `NAME=value`. ' +
      'Such a line is ignored and the setting keeps its default, and a NUL byte or a line over 1022 bytes ends the reading of the whole rest of the file. Leading spaces, and a blank after `=` before a number, still work and are warnings.',
    fix: 'Write each setting as `NAME=value` from the first column with no blanks around `=`, and start comment lines with `#`; quick fixes remove the blanks, add a missing `=`, comment out a stray line or remove NUL bytes.',
    fixable: 'quick-fix',
  },
  'duplicate-setting': {
    description: 'A setting already set on an earlier line of `default/mpathd`. in.mpathd uses the first line for each name, so this one has no effect.',
    fix: 'Keep one line per setting, with the value you want, and delete the others.',
    fixable: 'none',
  },
  'detection-time-units': {
    description:
      '`FAILURE_DETECTION_TIME` below 1000. The value is in milliseconds, not seconds, so `10` means 10 ms: in.mpathd raises anything under 100 to 100 ms, probes every few milliseconds and treats a brief delay as a NIC failure.',
    fix: 'If seconds were meant, multiply by 1000 (`10` becomes `10000`, the default); the quick fix does this.',
    fixable: 'quick-fix',
  },

  // ---------------------------------------------------------------- what the boot engine sees
  'keyword-as-address': {
    description:
      'A keyword where ifconfig reads an address, as in `addif deprecated`, `netmask up` or `broadcast up`. A keyword that takes an argument takes the next word whatever it is, so ifconfig looks the keyword up as a host name and fails with `bad address`; after `netmask` the whole line fails before anything on it is applied.',
    fix: 'Give the keyword its argument; for `netmask` and `broadcast` the quick fix inserts `+`, as in `netmask + up`.',
    fixable: 'quick-fix',
  },
  'addif-on-logical': {
    description:
      '`addif` in the file of a logical interface, such as `hostname.ce0:1`. `addif` works only on a physical interface, so ifconfig stops with `addif: bad physical interface name` and the rest of the line is never read.',
    fix: "Move the address to the physical interface's file with `addif`, or give it a `hostname.ce0:N` file of its own without `addif`.",
    fixable: 'none',
  },
  'address-replaced': {
    description:
      "Each line of a hostname file is a separate ifconfig command, and its first address sets the interface's own address, so a later line (or file) that starts with another address replaces the one set before, which is gone after boot. " +
      'In `hostname6.<if>` a global address written that way replaces the link-local address, the one in.mpathd probes from.',
    fix: 'Add the second address with `addif`; the quick fix inserts `addif` before it.',
    fixable: 'quick-fix',
  },
  'name-wrong-family': {
    description:
      'A host name that has addresses of the other family only, such as an IPv6-only name in `hostname.<if>`. ifconfig looks the name up for the family of the file alone, finds nothing and fails with `bad address`.',
    fix: "Use a name with an address of the file's family, add such an address to `hosts` (or `inet/ipnodes`), or move the name to the other family's file.",
    fixable: 'none',
  },
  'conflicting-groups': {
    description:
      'One NIC is put into two different groups, in `hostname.<if>` and `hostname6.<if>` or on two lines. The group belongs to the whole NIC, IPv4 and IPv6 together, and the last one set wins (hostname6 files run after hostname files), so after boot the NIC is not a member of the other group.',
    fix: 'Use one group name for the NIC in all its files; the quick fix changes the losing name to the group that wins.',
    fixable: 'quick-fix',
  },
  'dhcp-rejected': {
    description:
      'A DHCP line that ifconfig rejects at boot, so DHCP never starts: a one-line `hostname.<if>` holding `dhcp` (the `netmask + broadcast + up` the boot appends is no DHCP word, so ifconfig prints its usage), a word that is no DHCP operation, or `dhcp` in `hostname6.<if>` before OpenSolaris, which ifconfig refuses with exit status 0, so the boot shows no failure.',
    fix: 'Leave `hostname.<if>` empty and put the DHCP options (`primary`, `wait` seconds) in `dhcp.<if>`; IPv6 addresses come from stateless autoconfiguration or are written in `hostname6.<if>`.',
    fixable: 'none',
  },
  'boot-command-fails': {
    description:
      'A boot command that fails for a reason no other rule describes, such as an unknown zone, an MTU the interface refuses, a `removeif` of an address the interface does not have, or `usesrc` naming an interface not plumbed yet. ' +
      "The diagnostic quotes ifconfig's own message; the words of the line after the failure are never applied.",
    fix: "Correct the line as ifconfig's message says; Preview Boot, or `ipmp-lint explain`, shows the command as the boot runs it and what it prints.",
    fixable: 'none',
  },

  // ---------------------------------------------------------------- the running system against the boot files
  'drift-address-lost': {
    description:
      'A capture of the running system (`ifconfig -a` saved beside the host\'s `etc`) shows an address that no boot file configures: it was added by hand with ifconfig, and the next reboot loses it. ' +
      'Reported on the NIC\'s hostname file when it has one; a NIC with no boot file at all is `drift-interface-lost`.',
    fix: 'Write the address into the NIC\'s hostname file if it is meant to stay; the quick fix appends an `addif` line with its netmask and flags as they run. A NIC\'s own address (unit 0) has no quick fix: replace the first address of the file by hand.',
    fixable: 'quick-fix',
  },
  'drift-address-added': {
    description:
      'The next boot configures an address that the running system does not have: it was removed or never brought up since the last boot, and a reboot brings it back, perhaps onto a network where another host now uses it.',
    fix: 'Remove the address from the hostname file if it was removed on purpose, or add it to the running system; then capture `ifconfig -a` again.',
    fixable: 'none',
  },
  'drift-address-moved': {
    description:
      'An address runs on another NIC than the one whose file configures it, and in.mpathd did not put it there: the NIC is not in the same group, or the address is a test address, which never moves. A reboot moves it back.',
    fix: 'Move the address to the hostname file of the NIC it runs on, or move it back on the running system.',
    fixable: 'none',
  },
  'drift-flags': {
    description:
      'An address runs with other flags than the next boot sets: `up`, `deprecated`, `-failover` (NOFAILOVER) or DHCP. A test address that lost `deprecated` or `-failover` on the running system, or a data address that gained them, behaves differently after a reboot.',
    fix: 'The quick fix adds or removes the keywords in the hostname file so the next boot sets the flags as they run, when each one has a single place to go.',
    fixable: 'quick-fix',
  },
  'drift-mask': {
    description:
      'An address runs with another netmask or prefix length than the next boot gives it, for example because `netmask +` finds a different `netmasks` entry than the mask set by hand.',
    fix: 'Where the hostname file gives the mask itself (`netmask` or a `/prefix`) the quick fix sets it to the running value; a mask from `netmasks` is corrected in that file.',
    fixable: 'quick-fix',
  },
  'drift-group': {
    description:
      'A NIC runs in another IPMP group (or in none) than the `group` of its hostname files: it was changed with `ifconfig <if> group`, and a reboot changes which NICs back each other up.',
    fix: 'The quick fix writes the running group into the hostname file: it replaces the group name, adds `group <name>`, or removes the `group` keyword.',
    fixable: 'quick-fix',
  },
  'drift-standby': {
    description:
      'A NIC is a standby interface on the running system and an active member after the next boot, or the reverse: a reboot changes which NIC carries the data addresses.',
    fix: 'Remove `standby` from the hostname file (quick fix) or add it where the NIC\'s test address is configured first, as `standby-addif-order` explains.',
    fixable: 'quick-fix',
  },
  'drift-member-state': {
    description:
      'A member of a group runs FAILED (in.mpathd found it failed: the group has lost its redundancy), OFFLINE (taken offline with `if_mpadm -d`) or INACTIVE while the boot files make it an active member. Nothing in the boot files is wrong; the running system needs attention before the next failure.',
    fix: 'Repair the NIC or its cabling, or bring it back with `if_mpadm -r`; then capture `ifconfig -a` again.',
    fixable: 'none',
  },
  'drift-interface-lost': {
    description:
      'A NIC is plumbed on the running system, and the host has no hostname file (or `dhcp.<if>`) for it: it was plumbed by hand, and the next reboot leaves it unplumbed with all its addresses.',
    fix: 'The quick fix creates the hostname file with the addresses, group and flags as they run.',
    fixable: 'quick-fix',
  },
  'drift-interface-added': {
    description:
      'The next boot plumbs a NIC that is not plumbed on the running system: it was unplumbed since the last boot, or it failed to plumb then.',
    fix: 'Remove the hostname file if the NIC is no longer used, or plumb it on the running system.',
    fixable: 'none',
  },
  'drift-capture-line': {
    description:
      'A line of a capture of the running system (`ifconfig-a.txt`, `ipmpstat.txt`) that is not part of `ifconfig -a` or `ipmpstat` output, such as a shell prompt or a line cut by a terminal. It is left out of the comparison, so what it held is not compared.',
    fix: 'Save the command output as it is, for example `ifconfig -a > ifconfig-a.txt` on the host, or remove the line.',
    fixable: 'none',
  },

  // ---------------------------------------------------------------- the files themselves
  'file-too-large': {
    description:
      'A file over the size limit for checking (16 MB). It is not parsed: only its line endings are checked while it is open, and hover, completion, navigation and formatting are off for it. ' +
      'Files of the same host that need it say their checks were skipped rather than report its names as unresolved.',
    fix: 'Nothing to correct for Solaris, this is a note about the checks; trim the file below 16 MB to have it checked, or switch the rule off with `solarisIpmp.rules`.',
    fixable: 'none',
  },
  'unreadable-file': {
    description:
      "A file this host's checks need, such as its `hosts` or `netmasks` file or another interface file, could not be read (a folder in its place, a FIFO, a symbolic link loop, no permission). " +
      'The checks that depend on it are skipped, and this note says which, rather than reporting names as unresolved.',
    fix: 'Make the file a regular, readable file, then check again.',
    fixable: 'none',
  },
};

function defaultSeverity(id: RuleId): string {
  return RULES.get(id)?.severity ?? 'error';
}

/**
 * A short Markdown help for a rule (SARIF `help.markdown`; GitHub code scanning shows it):
 * the description, the fix, and the default severity with where to change it.
 */
export function ruleHelpMarkdown(id: RuleId): string {
  const doc = RULE_DOCS[id];
  return [
    doc.description,
    `**Fix:** ${doc.fix}`,
    `Default severity: **${defaultSeverity(id)}**. Change it with the setting \`solarisIpmp.rules\` or \`ipmp-lint --rule ${id}=<level>\`.`,
  ].join('\n\n');
}

/** The same help as plain text (SARIF `help.text`). */
export function ruleHelpText(id: RuleId): string {
  const doc = RULE_DOCS[id];
  return [
    doc.description,
    `Fix: ${doc.fix}`,
    `Default severity: ${defaultSeverity(id)}. Change it with the setting solarisIpmp.rules or ipmp-lint --rule ${id}=<level>.`,
  ].join('\n\n');
}
