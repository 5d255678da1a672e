/**
 * Rules across the interfaces of one host (RULES.md "IPMP" and "Resolution"). They read the
 * IPMP model and return findings for whichever file each one belongs to, with related
 * information pointing at the other file involved.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { RELEASES, RELEASE_LABELS } from '../catalog/releases';
import { checkAddressLiteral, formatIPv4, looksLikeLiteral, prefixMask } from '../syntax/address';
import { parseInterfaceFileName } from '../syntax/fileKind';
import type { HostsFile } from '../syntax/hosts';
import type { NetmasksFile } from '../syntax/netmasks';
import type { Token } from '../syntax/token';
import type { KeywordUse } from '../syntax/hostname';
import { editDistance, insertAt, removeWords } from './edits';
import { readHostsAddress } from './hostsRules';
import {
  describeAddress,
  findUse,
  subnetOf,
  type ConfiguredAddress,
  type InterfaceConfig,
  type InterfaceFileInput,
  type IpmpHost,
} from './ipmpModel';
import type { Finding, FileEdit, RelatedLocation } from './types';

/** A finding with the file it belongs to. */
export type HostFinding = Finding & { readonly uri: string };

export interface HostRuleInputs {
  readonly model: IpmpHost;
  readonly interfaces: readonly InterfaceFileInput[];
  readonly hosts?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly ipnodes?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly netmasks?: { readonly uri: string; readonly label: string; readonly file: NetmasksFile };
  /** Where a netmasks entry goes when the host has no netmasks file. */
  readonly hostRootUri?: string;
}

function at(address: ConfiguredAddress): RelatedLocation | undefined {
  const token = address.token ?? firstWord(address);
  return token ? { uri: address.input.uri, range: token.range, message: describeAddress(address) } : undefined;
}

function firstWord(address: ConfiguredAddress): Token | undefined {
  return address.command.line.words[0];
}

/** Where to point for an interface: its (first) group word, else its first file's first word. */
function groupToken(iface: InterfaceConfig): { uri: string; token: Token } | undefined {
  const g = iface.groupUses[iface.groupUses.length - 1];
  if (g?.use.argument) return { uri: g.input.uri, token: g.use.argument };
  for (const input of iface.files) {
    const word = input.file.commands[0]?.line.words[0];
    if (word) return { uri: input.uri, token: word };
  }
  return undefined;
}

const edit = (uri: string, edits: TextEdit[]): FileEdit => ({ uri, edits });

export function checkHost(inputs: HostRuleInputs): HostFinding[] {
  const out: HostFinding[] = [];
  checkAddressRoles(inputs, out);
  checkGroups(inputs, out);
  checkGroupNames(inputs, out);
  checkDuplicates(inputs, out);
  checkSubnetsBetweenGroups(inputs, out);
  checkNetmasks(inputs, out);
  checkLoghost(inputs, out);
  checkIpnodes(inputs, out);
  checkDhcpFiles(inputs, out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Test and data addresses (§3.2)

function checkAddressRoles({ model }: HostRuleInputs, out: HostFinding[]): void {
  for (const address of model.addresses) {
    const iface = address.iface;
    const group = iface.group ? model.groups.get(iface.group) : undefined;
    if (!group || !address.runs) continue;
    const index = address.input.file.index;
    const noFailover = findUse(address.segment, '-failover');
    const deprecatedUse = findUse(address.segment, 'deprecated');

    // A word written on the line but never read at boot (the line fails first): the failure is the problem.
    const unread = (use: KeywordUse | undefined): boolean => use !== undefined && !model.reached(use.token);
    if (address.family === 'inet' && address.test && !address.deprecated && group.members.length >= 2 && noFailover && !unread(findUse(address.segment, 'deprecated'))) {
      out.push({
        uri: address.input.uri,
        rule: 'test-address-not-deprecated',
        range: (address.token ?? noFailover.token).range,
        message: `${describeAddress(address)} is a test address ('-failover') without 'deprecated': on ${RELEASE_LABELS[model.release]} '-failover' does not imply it, so applications may pick it as their source address, and those connections break when ${iface.name} fails.`,
        fixes: [{ title: "Add 'deprecated'", isPreferred: true, edits: [edit(address.input.uri, [insertAt(index, noFailover.token.start, 'deprecated ')])] }],
      });
    }
    if (address.family === 'inet' && deprecatedUse && !address.test && !unread(noFailover)) {
      out.push({
        uri: address.input.uri,
        rule: 'deprecated-data-address',
        range: deprecatedUse.token.range,
        message:
          group.members.length === 1
            ? `'deprecated' without '-failover' on the only member of group '${group.name}': a one-member group probes from its data address, which must not be deprecated. Remove 'deprecated', or add '-failover' if this is meant as a test address.`
            : `'deprecated' without '-failover': ${describeAddress(address)} is neither a test address (in.mpathd cannot probe from it) nor a usable data address (it still fails over, but applications avoid it).`,
        fixes: [{ title: "Add '-failover'", isPreferred: true, edits: [edit(address.input.uri, [insertAt(index, deprecatedUse.token.end, ' -failover')])] }],
      });
    }
    if (address.family === 'inet6') {
      if (address.value?.linkLocal && address.test && deprecatedUse) {
        out.push({
          uri: address.input.uri,
          rule: 'ipv6-test-address',
          range: deprecatedUse.token.range,
          message: "Do not mark the IPv6 link-local test address 'deprecated': in.mpathd probes from the link-local address and the documentation forbids deprecating it.",
          fixes: [{ title: "Remove 'deprecated'", isPreferred: true, edits: [edit(address.input.uri, [removeWords(index, deprecatedUse.token)])] }],
        });
      } else if (address.token && address.value && !address.value.linkLocal && address.test) {
        out.push({
          uri: address.input.uri,
          rule: 'ipv6-test-address',
          range: address.token.range,
          message: `${describeAddress(address)} is a global IPv6 address marked '-failover': in.mpathd only probes from link-local addresses, so it is no test address, and it stays stuck on ${iface.name} when the NIC fails. Use '-failover group ${group.name} up' without an address (the link-local address) and add global addresses with 'addif … up'.`,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Groups: size, standby, test addresses, families, subnets (§3.1, §3.3, §3.6)

function checkGroups({ model }: HostRuleInputs, out: HostFinding[]): void {
  for (const group of model.groups.values()) {
    const members = group.members;
    // A one-member group is a documented layout (its data address is the probe address,
    // §3.2); only a separate test address there is pointless (§4.12).
    // A lone member because of a misspelt group name is the mismatch's problem, not this one.
    const misspelt = [...model.groups.keys()].some((other) => other !== group.name && isTypoOf(group.name, other));
    // A NIC whose file names the group but whose line fails before it never joins: its own error says so.
    const lostMember = [...model.interfaces.values()].some((i) => i.group !== group.name && i.groupUses.some((g) => g.use.argument?.text === group.name));
    const lone = members.length === 1 && !misspelt && !lostMember ? members[0]! : undefined;
    // Only a test address beside a data address is "separate": a lone member whose one address is
    // marked -failover is the documented one-interface layout (its address serves both roles).
    const loneData = lone?.addresses.some((a) => !a.test && a.runs && a.token && a.family === 'inet');
    const loneTest = loneData ? lone?.addresses.find((a) => a.test && a.runs && a.token) : undefined;
    if (lone && loneTest) {
      out.push({
        uri: loneTest.input.uri,
        rule: 'single-interface-group',
        range: loneTest.token!.range,
        message: `Group '${group.name}' has one member (${lone.name}), so there is nothing to fail over to, and this separate test address is not needed: a one-member group probes from its data address (which must then not be deprecated).`,
      });
    }
    if (members.length >= 1 && members.every((m) => m.standby)) {
      for (const m of members) {
        const s = m.standbyUses[m.standbyUses.length - 1];
        if (!s) continue;
        out.push({
          uri: s.input.uri,
          rule: 'all-standby',
          range: s.use.token.range,
          message: `Every member of group '${group.name}' is standby (${members.map((x) => x.name).join(', ')}): no interface is active to carry the data addresses.`,
        });
      }
    }
    checkStandby(model, group.name, members, out);
    checkTestAddressPresence(model, group.name, members, out);
    checkFamilies(group.name, members, out);
    checkGroupSubnets(group.name, members, out);
  }
}

function checkStandby(model: IpmpHost, groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  for (const m of members) {
    if (!m.standby) continue;
    for (const address of m.addresses) {
      if (!address.runs || address.test || !address.token) continue;
      // Meant as a test address, but the line fails before its `-failover`: that failure is the problem.
      const noFailover = findUse(address.segment, '-failover');
      if (noFailover && !model.reached(noFailover.token)) continue;
      if (address.family === 'inet6' && address.value?.linkLocal) continue;
      const index = address.input.file.index;
      const standbyUse = findUse(address.segment, 'standby');
      const anchor = findUse(address.segment, 'up') ?? standbyUse;
      const edits: TextEdit[] = [];
      const insertBefore = standbyUse ?? anchor;
      const words = `${address.deprecated ? '' : 'deprecated '}-failover `;
      if (insertBefore) edits.push(insertAt(index, insertBefore.token.start, words));
      else edits.push(insertAt(index, address.token.end, ` ${words.trim()}`));
      out.push({
        uri: address.input.uri,
        rule: 'standby-data-address',
        range: address.token.range,
        message: `${m.name} is a standby in group '${groupName}', but ${describeAddress(address)} is a data address: a standby carries only its test address, so this address moves to another member at boot and ${m.name} is left without a test address.`,
        fixes: [{ title: "Make it a test address ('deprecated -failover')", isPreferred: true, edits: [edit(address.input.uri, edits)] }],
      });
    }
    // The test address must be configured before `standby` (§3.6, §4.11).
    for (const s of m.standbyUses) {
      for (const address of m.addresses) {
        // Read from the words: at boot the `-failover` may be exactly what fails (§4.11).
        if (!findUse(address.segment, '-failover') || !address.token || address.input !== s.input || address.segment.kind !== 'addif') continue;
        if (address.token.start < s.use.token.start) continue;
        out.push({
          uri: address.input.uri,
          rule: 'standby-addif-order',
          range: address.token.range,
          message: standbyAddifMessage(model, address, m.name),
          related: [{ uri: s.input.uri, range: s.use.token.range, message: `'standby' set here` }],
        });
      }
    }
  }
}

/** A `-failover` written in the NIC's files that ifconfig never reads: the line fails before it. */
function writesUnreadTestAddress(model: IpmpHost, m: InterfaceConfig): boolean {
  return m.files.some((input) =>
    input.file.commands.some((c) => c.segments.some((segment) => {
      const use = findUse(segment, '-failover');
      return use !== undefined && !model.reached(use.token);
    })),
  );
}

/** What the boot makes of a standby's test address added with `addif` after `standby` (§3.6, §4.11). */
function standbyAddifMessage(model: IpmpHost, address: ConfiguredAddress, nic: string): string {
  const fix = "Configure the standby's test address as its first address, before 'standby'.";
  const failed = model.boot.commands.find((c) => c.error?.code === 'cannot-set-failover' && c.command.source?.line === address.command.line);
  if (failed && address.hostedOn) {
    return `This test address is added with 'addif' after ${nic} became standby: a standby takes no new address, so the kernel makes ${address.hostedOn} on another member, and ifconfig then stops with "${failed.error!.message.replace(/^ifconfig: /, '')}" — at boot the address stays there as a deprecated data address, down. ${fix}`;
  }
  return `This test address is added with 'addif' after ${nic} became standby. It works at this boot only because no other member of the group is configured yet when this line runs; once one is (a NIC renamed or added, a group reordered), the new logical interface lands on that member and ifconfig fails with "can't set -failover on failed/standby/offlined interface ${nic}". ${fix}`;
}

function hasTestAddress(m: InterfaceConfig): boolean {
  return m.addresses.some((a) => a.test && a.runs);
}

function checkTestAddressPresence(model: IpmpHost, groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  if (members.length < 2) return;
  const withTest = members.filter(hasTestAddress);
  if (withTest.length === 0) return; // link-based detection only: fine (§3.3)
  for (const m of members) {
    if (hasTestAddress(m)) continue;
    // A test address whose line fails before `-failover` applies: that failure is the problem to report.
    if (writesUnreadTestAddress(model, m)) continue;
    const where = groupToken(m);
    if (!where) continue;
    const other = withTest[0]!;
    const otherTest = other.addresses.find((a) => a.test)!;
    const related = at(otherTest);
    out.push({
      uri: where.uri,
      rule: 'no-test-address',
      range: where.token.range,
      message: `${m.name} has no test address while ${withTest.map((x) => x.name).join(', ')} in group '${groupName}' ${withTest.length === 1 ? 'has one' : 'have one'}: in.mpathd turns probe-based failure detection off on ${m.name} ('No test address configured on interface ${m.name}').`,
      related: related ? [related] : undefined,
    });
  }
}

function checkFamilies(groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  if (members.length < 2) return;
  for (const family of ['inet', 'inet6'] as const) {
    const plumbed = members.filter((m) => m.families.has(family));
    if (plumbed.length === 0 || plumbed.length === members.length) continue;
    const label = family === 'inet' ? 'IPv4' : 'IPv6';
    for (const m of members) {
      if (m.families.has(family)) continue;
      const where = groupToken(m);
      if (!where) continue;
      const other = plumbed[0]!;
      const otherFile = other.files.find((f) => f.file.family === family);
      out.push({
        uri: where.uri,
        rule: 'mixed-address-families',
        range: where.token.range,
        message: `${m.name} is not plumbed for ${label} (no ${family === 'inet' ? 'hostname' : 'hostname6'}.${m.name}) while ${plumbed.map((x) => x.name).join(', ')} in group '${groupName}' ${plumbed.length === 1 ? 'is' : 'are'}: in.mpathd warns that this may affect failover, and ${label} addresses cannot fail over to ${m.name}.`,
        related: otherFile ? [{ uri: otherFile.uri, range: otherFile.file.index.range(0, 0), message: `${otherFile.baseName}` }] : undefined,
      });
    }
  }
}

function checkGroupSubnets(groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  for (const role of ['data', 'test'] as const) {
    const addresses = members.flatMap((m) => m.addresses).filter((a) => a.family === 'inet' && a.runs && a.test === (role === 'test') && subnetOf(a));
    const bySubnet = new Map<string, ConfiguredAddress[]>();
    for (const a of addresses) {
      const key = subnetOf(a)!;
      bySubnet.set(key, [...(bySubnet.get(key) ?? []), a]);
    }
    if (bySubnet.size < 2) continue;
    // The subnet most addresses share is taken as the group's; the others are flagged.
    const ranked = [...bySubnet.entries()].sort((a, b) => b[1].length - a[1].length);
    const [mainSubnet, mainAddresses] = ranked[0]!;
    for (const [subnet, list] of ranked.slice(1)) {
      for (const a of list) {
        if (!a.token) continue;
        const related = at(mainAddresses[0]!);
        out.push({
          uri: a.input.uri,
          rule: 'group-subnet-mismatch',
          range: a.token.range,
          message: `${describeAddress(a)} is on ${subnet}, but the other ${role} addresses of group '${groupName}' are on ${mainSubnet}: all members must be on one IP link, or ${role === 'data' ? 'data addresses fail over onto a link where they are not reachable' : 'probes go to targets of another subnet'}.`,
          related: related ? [related] : undefined,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Group names (§3.1, §4.4)

function checkGroupNames({ model }: HostRuleInputs, out: HostFinding[]): void {
  const names = [...model.groups.keys()];
  for (const name of names) {
    const similar = names.filter((other) => other !== name && isTypoOf(name, other));
    if (similar.length === 0) continue;
    const mine = model.groups.get(name)!.members.length;
    // Report the name fewer interfaces use; on a tie both, each pointing at the other.
    const target = similar.find((o) => model.groups.get(o)!.members.length >= mine);
    if (!target) continue;
    const targetGroup = model.groups.get(target)!;
    for (const member of model.groups.get(name)!.members) {
      for (const g of member.groupUses) {
        if (g.use.argument?.text !== name) continue;
        const other = targetGroup.members[0]!.groupUses.find((x) => x.use.argument?.text === target);
        out.push({
          uri: g.input.uri,
          rule: 'group-name-mismatch',
          range: g.use.argument.range,
          message: `Group '${name}' on ${member.name} differs from '${target}' on ${targetGroup.members.map((m) => m.name).join(', ')} only by ${name.toLowerCase() === target.toLowerCase() ? 'case' : 'a character'}: group names are compared exactly, so these are two groups and no failover happens between them.`,
          related: other?.use.argument ? [{ uri: other.input.uri, range: other.use.argument.range, message: `group '${target}'` }] : undefined,
          fixes: [{ title: `Rename to '${target}'`, isPreferred: true, edits: [edit(g.input.uri, [{ range: g.use.argument.range, newText: target }])] }],
        });
      }
    }
  }
}

function isTypoOf(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  // `ipmp0` / `ipmpO`, `prod` / `prd`: one edit apart, not merely numbered siblings (`ipmp0`/`ipmp1`).
  if (editDistance(a, b) !== 1) return false;
  const stripped = (s: string): string => s.replace(/[0-9]+$/, '');
  return stripped(a) !== stripped(b);
}

// ---------------------------------------------------------------------------------------
// Duplicates and subnets between groups (§3.1, §3.2, §4.8, §4.9)

function checkDuplicates({ model }: HostRuleInputs, out: HostFinding[]): void {
  const seen = new Map<string, ConfiguredAddress>();
  for (const address of model.addresses) {
    if (!address.value || !address.token || !address.runs) continue;
    const key = `${address.family}:${address.value.canonical}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, address);
      continue;
    }
    const related = at(first);
    const what = first.test || address.test ? (first.test && address.test ? 'two test addresses' : 'a test address and a data address') : 'two data addresses';
    out.push({
      uri: address.input.uri,
      rule: 'duplicate-address',
      range: address.token.range,
      message: `${address.value.canonical} is configured twice in this host (${what}): ${describeAddress(first)} and ${describeAddress(address)}.${first.test || address.test ? " in.mpathd reports 'Test address … is not unique' and turns probe-based failure detection off." : ''}`,
      related: related ? [related] : undefined,
    });
  }
}

function checkSubnetsBetweenGroups({ model }: HostRuleInputs, out: HostFinding[]): void {
  const owner = new Map<string, { group: string; address: ConfiguredAddress }>();
  for (const group of model.groups.values()) {
    for (const m of group.members) {
      for (const a of m.addresses) {
        if (a.family !== 'inet' || a.test || !a.runs) continue;
        const subnet = subnetOf(a);
        if (!subnet) continue;
        const first = owner.get(subnet);
        if (!first) {
          owner.set(subnet, { group: group.name, address: a });
          continue;
        }
        if (first.group === group.name || !a.token || isTypoOf(first.group, group.name)) continue;
        const related = at(first.address);
        out.push({
          uri: a.input.uri,
          rule: 'groups-share-subnet',
          range: a.token.range,
          message: `Groups '${first.group}' and '${group.name}' both have data addresses on ${subnet}: only one IPMP group per subnet is supported.`,
          related: related ? [related] : undefined,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// netmask + and explicit masks (§1.8, §4.14, §4.15)

function checkNetmasks(inputs: HostRuleInputs, out: HostFinding[]): void {
  const netmasks = inputs.netmasks;
  if (!netmasks) return;
  const proposed = new Set<string>();
  for (const address of inputs.model.addresses) {
    if (address.family !== 'inet' || address.value?.ipv4 === undefined || !address.runs || !address.token) continue;
    const plusToken = address.netmask?.argument?.text === '+' ? address.netmask.argument : undefined;
    // Only a `netmask +` ifconfig reads at boot looks anything up.
    const looked = plusToken ? inputs.model.reached(plusToken) : address.implicitNetmask && inputs.model.epilogueReached(address.command);
    if (!looked && (plusToken || address.implicitNetmask)) continue;
    // `192.168.10`: invalid-address says what inet_addr makes of it; its mask is not the point.
    if (looksLikeLiteral(address.token.text) && !checkAddressLiteral(address.token.text, { allowPrefix: true }).ok) continue;
    if ((plusToken || address.implicitNetmask) && !address.netmasksEntry) {
      const ipv4 = address.value.ipv4;
      const classful = address.prefixLength ?? 24;
      const suggested = suggestedPrefix(inputs, address) ?? 24;
      const network = formatIPv4((ipv4 & prefixMask(suggested)) >>> 0);
      const line = `${network}\t${formatIPv4(prefixMask(suggested))}`;
      const range = (plusToken ?? address.token).range;
      const fixes = proposed.has(line)
        ? []
        : [{ title: `Add '${network} ${formatIPv4(prefixMask(suggested))}' to ${netmasks.label}`, isPreferred: true, edits: [appendLine(netmasks.uri, netmasks.file.text, netmasks.file.index, line)] }];
      proposed.add(line);
      out.push({
        uri: address.input.uri,
        rule: 'netmask-not-found',
        range,
        message: `'netmask +' finds no entry for ${address.value.canonical} in ${netmasks.label}: the classful /${classful} (${formatIPv4(prefixMask(classful))}) is used silently${classful !== suggested ? `, not the /${suggested} of its subnet` : ''}.`,
        fixes,
      });
    }
    const explicit = address.netmask?.argument && address.netmask.argument.text !== '+' ? address.netmask.argument : undefined;
    if (explicit && address.netmasksEntry && address.up && address.maskSource === 'netmasks') {
      const written = explicitPrefix(explicit.text);
      if (written !== undefined && written !== address.prefixLength) {
        const entry = address.netmasksEntry;
        out.push({
          uri: address.input.uri,
          rule: 'netmask-overridden',
          range: explicit.range,
          message: `${netmasks.label} line ${entry.line + 1} gives ${address.value.canonical} a /${address.prefixLength} mask, and the boot re-runs 'netmask +' on every up address (net-svc), so this /${written} is replaced after boot. Use 'netmask +' (and fix ${netmasks.label} if it is wrong).`,
          related: [{ uri: netmasks.uri, range: entry.span.range, message: 'the netmasks entry that wins' }],
          fixes: [{ title: "Use 'netmask +'", isPreferred: true, edits: [edit(address.input.uri, [{ range: explicit.range, newText: '+' }])] }],
        });
      }
    }
  }
}

function explicitPrefix(text: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  let mask: number;
  if (m) mask = ((+m[1]! << 24) | (+m[2]! << 16) | (+m[3]! << 8) | +m[4]!) >>> 0;
  else if (/^0x[0-9a-f]{1,8}$/i.test(text)) mask = parseInt(text.slice(2), 16) >>> 0;
  else return undefined;
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** The prefix the other addresses of the same group (or host) got from netmasks. */
function suggestedPrefix(inputs: HostRuleInputs, address: ConfiguredAddress): number | undefined {
  const peers = inputs.model.addresses.filter((a) => a !== address && a.maskSource === 'netmasks' && a.value?.ipv4 !== undefined && a.prefixLength !== undefined);
  const sameNet = peers.find((a) => ((a.value!.ipv4! ^ address.value!.ipv4!) & prefixMask(a.prefixLength!)) === 0);
  return sameNet?.prefixLength;
}

function appendLine(uri: string, text: string, index: { positionAt(offset: number): { line: number; character: number } }, line: string): FileEdit {
  const end = index.positionAt(text.length);
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return { uri, edits: [{ range: { start: end, end }, newText: `${needsBreak ? '\n' : ''}${line}\n` }] };
}

// ---------------------------------------------------------------------------------------
// hosts: loghost, ipnodes (§5.1, §5.2)

function checkLoghost(inputs: HostRuleInputs, out: HostFinding[]): void {
  const hosts = inputs.hosts;
  if (!hosts) return;
  const testValues = new Map<string, ConfiguredAddress>();
  const dataValues = new Set(inputs.model.addresses.filter((a) => !a.test && a.value).map((a) => `${a.family}:${a.value!.canonical}`));
  for (const a of inputs.model.addresses) {
    const key = `${a.family}:${a.value?.canonical}`;
    if (a.test && a.value && a.token && !dataValues.has(key)) testValues.set(key, a);
  }
  if (testValues.size === 0) return;
  for (const entry of hosts.file.lookup('loghost')) {
    const address = readHostsAddress(entry.address.text);
    if (!address) continue;
    const canonical = address.family === 'inet' ? formatIPv4(address.ipv4) : address.canonical;
    const test = testValues.get(`${address.family}:${canonical}`);
    if (!test) continue;
    // A one-interface group probes from the host's own address: nothing fails over, nothing to move.
    const group = test.iface.group ? inputs.model.groups.get(test.iface.group) : undefined;
    if (group && group.members.length === 1 && !test.iface.addresses.some((a) => !a.test && a.value && a.family === test.family)) continue;
    const loghost = entry.names.find((n) => n.text.toLowerCase() === 'loghost')!;
    // Move the alias to the line of a data address of the same interface's group.
    const data = inputs.model.addresses.find((a) => !a.test && a.family === address.family && a.resolved?.uri === hosts.uri && (!test.iface.group || a.iface.group === test.iface.group));
    const fixes = data?.resolved
      ? [
          {
            title: `Move 'loghost' to the ${data.token!.text} line`,
            isPreferred: true,
            edits: [edit(hosts.uri, [removeWords(hosts.file.index, loghost), insertAt(hosts.file.index, data.resolved.entry.span.end, ' loghost')])],
          },
        ]
      : [];
    const related = at(test);
    out.push({
      uri: hosts.uri,
      rule: 'loghost-on-test-address',
      range: loghost.range,
      message: `'loghost' is on ${canonical}, the test address ${describeAddress(test)}: syslogd's log host must be a data address, which moves with failover; a test address stays on its NIC and goes down with it.`,
      related: related ? [related] : undefined,
      fixes,
    });
  }
}

function checkIpnodes(inputs: HostRuleInputs, out: HostFinding[]): void {
  const { ipnodes, hosts, model } = inputs;
  if (!ipnodes || !hosts || RELEASES.indexOf(model.release) > RELEASES.indexOf('s10-early')) return;
  for (const address of model.addresses) {
    if (!address.token || address.resolved?.source !== 'ipnodes') continue;
    const inHosts = hosts.file.lookup(address.token.text).find((e) => readHostsAddress(e.address.text)?.family === address.family);
    if (!inHosts) continue;
    const hostsValue = readHostsAddress(inHosts.address.text)!;
    const hostsCanonical = hostsValue.family === 'inet' ? formatIPv4(hostsValue.ipv4) : hostsValue.canonical;
    if (hostsCanonical === address.value?.canonical) continue;
    out.push({
      uri: address.input.uri,
      rule: 'ipnodes-shadow',
      range: address.token.range,
      message: `On ${RELEASE_LABELS[model.release]} ifconfig looks names up in inet/ipnodes before ${hosts.label}: '${address.token.text}' resolves to ${address.value?.canonical} (ipnodes line ${address.resolved.entry.line + 1}), not to ${hostsCanonical} as ${hosts.label} says.`,
      related: [
        { uri: ipnodes.uri, range: address.resolved.entry.span.range, message: 'inet/ipnodes entry that wins' },
        { uri: hosts.uri, range: inHosts.span.range, message: `${hosts.label} entry that is ignored` },
      ],
    });
  }
}

// ---------------------------------------------------------------------------------------
// dhcp.<if> without hostname.<if> (§1.9, §4.25)

function checkDhcpFiles(inputs: HostRuleInputs, out: HostFinding[]): void {
  const names = new Set(inputs.interfaces.map((i) => i.baseName));
  for (const input of inputs.interfaces) {
    if (!input.file.isDhcpFile || !input.file.fileName) continue;
    const ifName = input.file.fileName.interfaceName;
    if (names.has(`hostname.${ifName}`)) continue;
    const hostnameUri = input.uri.replace(/dhcp\.([^/]*)$/, 'hostname.$1');
    const others = inputs.interfaces.filter((i) => parseInterfaceFileName(i.baseName)?.prefix === 'hostname').map((i) => i.baseName);
    out.push({
      uri: input.uri,
      rule: 'dhcp-without-hostname-file',
      range: input.file.index.range(0, input.file.index.lineEnd(0)),
      message: `There is no hostname.${ifName}: the boot script plumbs only interfaces that have one, so ${ifName} never exists and DHCP cannot start on it.${others.length ? ` (This host has ${others.join(', ')}.)` : ''} Create an empty hostname.${ifName}.`,
      fixes: [{ title: `Create an empty hostname.${ifName}`, isPreferred: true, edits: [{ uri: hostnameUri, create: true, edits: [] }] }],
    });
  }
}
