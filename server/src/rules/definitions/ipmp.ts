/**
 * The IPMP rules, across the interfaces of one host (RULES.md "IPMP"): each declared once
 * with its documentation, messages and fixes.
 */
import type { Range } from 'vscode-languageserver-types';
import type { AddressFamily } from '../../catalog/keywords';
import { RELEASE_LABELS, type Release } from '../../catalog/releases';
import type { Span } from '../../syntax/text';
import { defineRule, editFix } from '../define';
import { insertAt, removeWords, type EditableText } from '../edits';
import { familyLabel } from './wording';

/** How to configure a standby's test address (§3.6, §4.11). */
const STANDBY_FIRST = "Configure the standby's test address as its first address, before 'standby'.";

export const IPMP_RULES = {
  testAddressNotDeprecated: defineRule({
    id: 'test-address-not-deprecated',
    severity: 'warning',
    summary: 'An IPv4 test address without `deprecated`',
    doc: {
      description:
        'An IPv4 test address (`-failover`) without `deprecated` in a group of two or more interfaces. Up to Solaris 10, `-failover` does not imply `deprecated`, so applications may pick the test address as their source address, and those connections break when the NIC fails, because a test address never moves.',
      fix: 'Add `deprecated` to the test address; the quick fix inserts it before `-failover`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `address`: the address as describeAddress says it; `nic`: its interface. */
      notDeprecated: (a: { address: string; release: Release; nic: string }) =>
        `${a.address} is a test address ('-failover') without 'deprecated': on ${RELEASE_LABELS[a.release]} '-failover' does not imply it, so applications may pick it as their source address, and those connections break when ${a.nic} fails.`,
    },
    fixes: {
      /** Before `-failover` (at `before`). */
      addDeprecated: (a: { uri: string; index: EditableText; before: number }) => editFix("Add 'deprecated'", a.uri, [insertAt(a.index, a.before, 'deprecated ')], { isPreferred: true }),
    },
  }),
  deprecatedDataAddress: defineRule({
    id: 'deprecated-data-address',
    severity: 'warning',
    summary: '`deprecated` without `-failover` on a member',
    doc: {
      description:
        'An IPv4 address of a group member marked `deprecated` but not `-failover`. It is no test address, so in.mpathd cannot probe from it, yet it still fails over as a data address that applications avoid; in a one-member group, where the data address is also the probe address, it must not be deprecated at all.',
      fix: 'If it is meant as a test address, add `-failover` (the quick fix inserts it); if it is a data address, remove `deprecated`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** The only member of its group: it probes from its data address. */
      onlyMember: (a: { group: string }) =>
        `'deprecated' without '-failover' on the only member of group '${a.group}': a one-member group probes from its data address, which must not be deprecated. Remove 'deprecated', or add '-failover' if this is meant as a test address.`,
      neitherRole: (a: { address: string }) =>
        `'deprecated' without '-failover': ${a.address} is neither a test address (in.mpathd cannot probe from it) nor a usable data address (it still fails over, but applications avoid it).`,
    },
    fixes: {
      /** After `deprecated` (at `after`). */
      addNoFailover: (a: { uri: string; index: EditableText; after: number }) => editFix("Add '-failover'", a.uri, [insertAt(a.index, a.after, ' -failover')], { isPreferred: true }),
    },
  }),
  ipv6TestAddress: defineRule({
    id: 'ipv6-test-address',
    severity: 'warning',
    summary: 'An IPv6 test address that in.mpathd cannot use',
    doc: {
      description:
        'An IPv6 test address that does not work as intended. in.mpathd probes only from the link-local address, which must not be marked `deprecated`, and a global address marked `-failover` is no test address and stays on its NIC when the NIC fails.',
      fix: 'In `hostname6.<if>` write `-failover group NAME up` without an address, so the link-local address is the test address, and add global addresses with `addif`; the quick fix removes `deprecated` from a link-local test address.',
      fixable: 'quick-fix',
    },
    messages: {
      deprecatedLinkLocal: () =>
        "Do not mark the IPv6 link-local test address 'deprecated': in.mpathd probes from the link-local address and the documentation forbids deprecating it.",
      globalTestAddress: (a: { address: string; nic: string; group: string }) =>
        `${a.address} is a global IPv6 address marked '-failover': in.mpathd only probes from link-local addresses, so it is no test address, and it stays stuck on ${a.nic} when the NIC fails. Use '-failover group ${a.group} up' without an address (the link-local address) and add global addresses with 'addif … up'.`,
    },
    fixes: {
      removeDeprecated: (a: { uri: string; index: EditableText; deprecated: Span }) =>
        editFix("Remove 'deprecated'", a.uri, [removeWords(a.index, a.deprecated)], { isPreferred: true }),
    },
  }),
  groupNameMismatch: defineRule({
    id: 'group-name-mismatch',
    severity: 'warning',
    summary: 'Group names that differ by case or a typo',
    doc: {
      description:
        'Group names on interfaces of one host that differ only by case or by one character (`prod` and `Prod`, `ipmp0` and `ipmpO`). Group names are compared exactly, so the interfaces end up in separate groups and never fail over to each other.',
      fix: 'Use the same group name on every member; the quick fix renames the less used spelling to the other one.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `members`: the interfaces in group `other`. */
      differs: (a: { name: string; nic: string; other: string; members: readonly string[] }) =>
        `Group '${a.name}' on ${a.nic} differs from '${a.other}' on ${a.members.join(', ')} only by ${
          a.name.toLowerCase() === a.other.toLowerCase() ? 'case' : 'a character'
        }: group names are compared exactly, so these are two groups and no failover happens between them.`,
      /** Related information: where the other name is set. */
      otherGroup: (a: { other: string }) => `group '${a.other}'`,
    },
    fixes: {
      renameTo: (a: { uri: string; range: Range; other: string }) => editFix(`Rename to '${a.other}'`, a.uri, [{ range: a.range, newText: a.other }], { isPreferred: true }),
    },
  }),
  singleInterfaceGroup: defineRule({
    id: 'single-interface-group',
    severity: 'info',
    summary: 'A group with one member',
    doc: {
      description:
        'A group with a single member that also has a separate test address. With one member there is nothing to fail over to, and the extra test address is not needed: a one-member group probes from its data address, which must then not be `deprecated`.',
      fix: 'Add a second interface to the group if failover is wanted; otherwise remove the separate test address and keep the data address free of `deprecated`.',
      fixable: 'none',
    },
    messages: {
      separateTestAddress: (a: { group: string; nic: string }) =>
        `Group '${a.group}' has one member (${a.nic}), so there is nothing to fail over to, and this separate test address is not needed: a one-member group probes from its data address (which must then not be deprecated).`,
    },
  }),
  groupSubnetMismatch: defineRule({
    id: 'group-subnet-mismatch',
    severity: 'error',
    summary: "A group's members on different subnets",
    doc: {
      description:
        'Members of one group have their IPv4 data addresses, or their test addresses, on different subnets. All members must be on one IP link: data addresses would fail over onto a link where they cannot be reached, and probes would go to targets of another subnet. ' +
        'Test addresses on a subnet of their own, apart from the data addresses, are a supported layout and are not reported.',
      fix: "Put the group's data addresses on one subnet and its test addresses on one subnet, correcting the address or the `netmasks` entry that sets one apart, or move the odd interface to a group of its own.",
      fixable: 'none',
    },
    messages: {
      /** `role`: data or test addresses; `mainSubnet`: where most of the group's are. */
      otherSubnet: (a: { address: string; subnet: string; role: 'data' | 'test'; group: string; mainSubnet: string }) =>
        `${a.address} is on ${a.subnet}, but the other ${a.role} addresses of group '${a.group}' are on ${a.mainSubnet}: all members must be on one IP link, or ${
          a.role === 'data' ? 'data addresses fail over onto a link where they are not reachable' : 'probes go to targets of another subnet'
        }.`,
    },
  }),
  groupsShareSubnet: defineRule({
    id: 'groups-share-subnet',
    severity: 'warning',
    summary: 'Two groups on one subnet',
    doc: {
      description:
        'Two different groups have IPv4 data addresses on the same subnet. IPMP supports only one group per subnet, so this layout is outside what Solaris is designed to fail over.',
      fix: 'Put the interfaces of that subnet into one group, or give one of the groups a subnet of its own.',
      fixable: 'none',
    },
    messages: {
      shared: (a: { first: string; second: string; subnet: string }) =>
        `Groups '${a.first}' and '${a.second}' both have data addresses on ${a.subnet}: only one IPMP group per subnet is supported.`,
    },
  }),
  duplicateAddress: defineRule({
    id: 'duplicate-address',
    severity: 'error',
    summary: 'One address configured twice',
    doc: {
      description:
        'The same address is configured twice on the host: two test addresses, a test address equal to a data address, or two data addresses. ' +
        'When a test address is involved, in.mpathd logs that it is not unique and turns probe-based failure detection off.',
      fix: 'Give every address its own value: each test address must be unique on the host and different from the data addresses.',
      fixable: 'none',
    },
    messages: {
      /** `first`, `second`: the two addresses as describeAddress says them, and whether each is a test address. */
      twice: (a: { value: string; first: { readonly text: string; readonly test: boolean }; second: { readonly text: string; readonly test: boolean } }) => {
        const anyTest = a.first.test || a.second.test;
        const what = anyTest ? (a.first.test && a.second.test ? 'two test addresses' : 'a test address and a data address') : 'two data addresses';
        return `${a.value} is configured twice in this host (${what}): ${a.first.text} and ${a.second.text}.${
          anyTest ? " in.mpathd reports 'Test address … is not unique' and turns probe-based failure detection off." : ''
        }`;
      },
    },
  }),
  standbyDataAddress: defineRule({
    id: 'standby-data-address',
    severity: 'error',
    summary: 'A standby interface with a data address',
    doc: {
      description:
        'A standby interface has a data address. A standby carries only its test address, so at boot the data address moves to another member and the standby is left with no test address (`ifconfig -a` shows `0.0.0.0` on it).',
      fix: "Make the address the standby's test address with `deprecated -failover`, and keep data addresses on the active members; the quick fix inserts `deprecated -failover` before `standby`.",
      fixable: 'quick-fix',
    },
    messages: {
      dataOnStandby: (a: { nic: string; group: string; address: string }) =>
        `${a.nic} is a standby in group '${a.group}', but ${a.address} is a data address: a standby carries only its test address, so this address moves to another member at boot and ${a.nic} is left without a test address.`,
    },
    fixes: {
      /** `before`: where the words go (before `standby` or `up`); else after the address (`after`). */
      makeTestAddress: (a: { uri: string; index: EditableText; deprecated: boolean; before?: number; after: number }) => {
        const words = `${a.deprecated ? '' : 'deprecated '}-failover `;
        const edit = a.before !== undefined ? insertAt(a.index, a.before, words) : insertAt(a.index, a.after, ` ${words.trim()}`);
        return editFix("Make it a test address ('deprecated -failover')", a.uri, [edit], { isPreferred: true });
      },
    },
  }),
  standbyAddifOrder: defineRule({
    id: 'standby-addif-order',
    severity: 'error',
    summary: "The standby's test address added after `standby`",
    doc: {
      description:
        "The standby's test address is added with `addif` after `standby`. A standby takes no new address, so the kernel may create that logical interface on another member, where `-failover` then fails (`can't set -failover on failed/standby/offlined interface`) and the address stays a deprecated data address that is down. " +
        'Where it works, it works only because no other member of the group is configured yet when the line runs.',
      fix: "Configure the standby's test address as its first address, before `standby`, as Sun's examples do: `NAME netmask + broadcast + deprecated -failover group GROUP standby up`.",
      fixable: 'none',
    },
    messages: {
      /** The boot fails on this line: `hostedOn` is where the kernel put the address, `error` ifconfig's words. */
      failsAtBoot: (a: { nic: string; hostedOn: string; error: string }) =>
        `This test address is added with 'addif' after ${a.nic} became standby: a standby takes no new address, so the kernel makes ${a.hostedOn} on another member, and ifconfig then stops with "${a.error}" — at boot the address stays there as a deprecated data address, down. ${STANDBY_FIRST}`,
      /** It works at this boot only because no other member is configured yet. */
      worksByChance: (a: { nic: string }) =>
        `This test address is added with 'addif' after ${a.nic} became standby. It works at this boot only because no other member of the group is configured yet when this line runs; once one is (a NIC renamed or added, a group reordered), the new logical interface lands on that member and ifconfig fails with "can't set -failover on failed/standby/offlined interface ${a.nic}". ${STANDBY_FIRST}`,
      /** Related information. */
      standbySet: () => `'standby' set here`,
    },
  }),
  allStandby: defineRule({
    id: 'all-standby',
    severity: 'warning',
    summary: 'Every member is standby',
    doc: {
      description: 'Every member of the group is marked `standby`, so no active member is there to carry the data addresses of the group.',
      fix: 'Remove `standby` from at least one member.',
      fixable: 'none',
    },
    messages: {
      allStandby: (a: { group: string; members: readonly string[] }) =>
        `Every member of group '${a.group}' is standby (${a.members.join(', ')}): no interface is active to carry the data addresses.`,
    },
  }),
  noTestAddress: defineRule({
    id: 'no-test-address',
    severity: 'warning',
    summary: 'A member without a test address',
    doc: {
      description:
        'A group member has no test address while other members of its group have one. in.mpathd turns probe-based failure detection off on that interface (`No test address configured on interface`), leaving only link-based detection there.',
      fix: 'Give the interface a test address of its own, for example `addif NAME deprecated -failover netmask + broadcast + up` with NAME defined in `hosts`.',
      fixable: 'none',
    },
    messages: {
      /** `withTest`: the members that have one. */
      missing: (a: { nic: string; withTest: readonly string[]; group: string }) =>
        `${a.nic} has no test address while ${a.withTest.join(', ')} in group '${a.group}' ${a.withTest.length === 1 ? 'has one' : 'have one'}: in.mpathd turns probe-based failure detection off on ${a.nic} ('No test address configured on interface ${a.nic}').`,
    },
  }),
  loghostOnTestAddress: defineRule({
    id: 'loghost-on-test-address',
    severity: 'warning',
    summary: '`loghost` on a test address',
    doc: {
      description:
        "In `hosts`, the `loghost` alias is on an address used as a test address. syslogd's log host should be a data address, which moves with failover; a test address stays on its NIC and goes down with it.",
      fix: 'Move `loghost` to the line of a data address; the quick fix moves it to a data address of the same group when the host has one in `hosts`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `value`: the loghost line's address; `address`: the test address as describeAddress says it. */
      onTestAddress: (a: { value: string; address: string }) =>
        `'loghost' is on ${a.value}, the test address ${a.address}: syslogd's log host must be a data address, which moves with failover; a test address stays on its NIC and goes down with it.`,
    },
    fixes: {
      /** To the end of the hosts line of a data address (`lineEnd`), named `dataWord` in the hostname file. */
      moveLoghost: (a: { uri: string; index: EditableText; loghost: Span; lineEnd: number; dataWord: string }) =>
        editFix(`Move 'loghost' to the ${a.dataWord} line`, a.uri, [removeWords(a.index, a.loghost), insertAt(a.index, a.lineEnd, ' loghost')], { isPreferred: true }),
    },
  }),
  mixedAddressFamilies: defineRule({
    id: 'mixed-address-families',
    severity: 'warning',
    summary: 'Members plumbed for different families',
    doc: {
      description:
        'Members of a group are not plumbed for the same address families: one has a `hostname6.<if>` (or `hostname.<if>`) file and another has not. in.mpathd logs that this may affect failover, and addresses of that family cannot fail over to the member that lacks it.',
      fix: 'Plumb every member for the same families, for example with an empty `hostname6.<if>` for each member that has none.',
      fixable: 'none',
    },
    messages: {
      /** `plumbed`: the members plumbed for `family`. */
      notPlumbed: (a: { nic: string; family: AddressFamily; plumbed: readonly string[]; group: string }) => {
        const label = familyLabel(a.family);
        return `${a.nic} is not plumbed for ${label} (no ${a.family === 'inet' ? 'hostname' : 'hostname6'}.${a.nic}) while ${a.plumbed.join(', ')} in group '${a.group}' ${
          a.plumbed.length === 1 ? 'is' : 'are'
        }: in.mpathd warns that this may affect failover, and ${label} addresses cannot fail over to ${a.nic}.`;
      },
    },
  }),
};
