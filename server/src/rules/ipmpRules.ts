/**
 * Rules across the interfaces of one host (RULES.md "IPMP" and "Resolution"). They read the
 * IPMP model and return findings for whichever file each one belongs to, with related
 * information pointing at the other file involved.
 */
import { RELEASES } from '../catalog/releases';
import { checkAddressLiteral, formatIPv4, looksLikeLiteral, prefixMask } from '../syntax/address';
import { parseInterfaceFileName } from '../syntax/fileKind';
import type { HostsFile } from '../syntax/hosts';
import type { NetmasksFile } from '../syntax/netmasks';
import type { Token } from '../syntax/token';
import type { KeywordUse } from '../syntax/hostname';
import { IPMP_RULES } from './definitions/ipmp';
import { RESOLUTION_RULES } from './definitions/resolution';
import { oneEditApart } from './edits';
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
import type { Finding, RelatedLocation } from './types';

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

const {
  testAddressNotDeprecated,
  deprecatedDataAddress,
  ipv6TestAddress,
  groupNameMismatch,
  singleInterfaceGroup,
  groupSubnetMismatch,
  groupsShareSubnet,
  duplicateAddress,
  standbyDataAddress,
  standbyAddifOrder,
  allStandby,
  noTestAddress,
  loghostOnTestAddress,
  mixedAddressFamilies,
} = IPMP_RULES;
const { ipnodesShadow, netmaskNotFound, netmaskOverridden, dhcpWithoutHostnameFile } = RESOLUTION_RULES;

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
      const uri = address.input.uri;
      out.push(
        testAddressNotDeprecated.findingIn(
          uri,
          (address.token ?? noFailover.token).range,
          testAddressNotDeprecated.message.notDeprecated({ address: describeAddress(address), release: model.release, nic: iface.name }),
          { fixes: [testAddressNotDeprecated.fix.addDeprecated({ uri, index, before: noFailover.token.start })] },
        ),
      );
    }
    if (address.family === 'inet' && deprecatedUse && !address.test && !unread(noFailover)) {
      const uri = address.input.uri;
      const message =
        group.members.length === 1
          ? deprecatedDataAddress.message.onlyMember({ group: group.name })
          : deprecatedDataAddress.message.neitherRole({ address: describeAddress(address) });
      out.push(
        deprecatedDataAddress.findingIn(uri, deprecatedUse.token.range, message, {
          fixes: [deprecatedDataAddress.fix.addNoFailover({ uri, index, after: deprecatedUse.token.end })],
        }),
      );
    }
    if (address.family === 'inet6') {
      if (address.value?.linkLocal && address.test && deprecatedUse) {
        const uri = address.input.uri;
        out.push(
          ipv6TestAddress.findingIn(uri, deprecatedUse.token.range, ipv6TestAddress.message.deprecatedLinkLocal(), {
            fixes: [ipv6TestAddress.fix.removeDeprecated({ uri, index, deprecated: deprecatedUse.token })],
          }),
        );
      } else if (address.token && address.value && !address.value.linkLocal && address.test) {
        out.push(
          ipv6TestAddress.findingIn(
            address.input.uri,
            address.token.range,
            ipv6TestAddress.message.globalTestAddress({ address: describeAddress(address), nic: iface.name, group: group.name }),
          ),
        );
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
      out.push(singleInterfaceGroup.findingIn(loneTest.input.uri, loneTest.token!.range, singleInterfaceGroup.message.separateTestAddress({ group: group.name, nic: lone.name })));
    }
    if (members.length >= 1 && members.every((m) => m.standby)) {
      for (const m of members) {
        const s = m.standbyUses[m.standbyUses.length - 1];
        if (!s) continue;
        out.push(allStandby.findingIn(s.input.uri, s.use.token.range, allStandby.message.allStandby({ group: group.name, members: members.map((x) => x.name) })));
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
      const insertBefore = standbyUse ?? anchor;
      const uri = address.input.uri;
      const fix = standbyDataAddress.fix.makeTestAddress({ uri, index, deprecated: address.deprecated, before: insertBefore?.token.start, after: address.token.end });
      out.push(
        standbyDataAddress.findingIn(uri, address.token.range, standbyDataAddress.message.dataOnStandby({ nic: m.name, group: groupName, address: describeAddress(address) }), {
          fixes: [fix],
        }),
      );
    }
    // The test address must be configured before `standby` (§3.6, §4.11).
    for (const s of m.standbyUses) {
      for (const address of m.addresses) {
        // Read from the words: at boot the `-failover` may be exactly what fails (§4.11).
        if (!findUse(address.segment, '-failover') || !address.token || address.input !== s.input || address.segment.kind !== 'addif') continue;
        if (address.token.start < s.use.token.start) continue;
        out.push(
          standbyAddifOrder.findingIn(address.input.uri, address.token.range, standbyAddifMessage(model, address, m.name), {
            related: [{ uri: s.input.uri, range: s.use.token.range, message: standbyAddifOrder.message.standbySet() }],
          }),
        );
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
function standbyAddifMessage(model: IpmpHost, address: ConfiguredAddress, nic: string) {
  const failed = model.boot.commands.find((c) => c.error?.code === 'cannot-set-failover' && c.command.source?.line === address.command.line);
  if (failed && address.hostedOn) {
    return standbyAddifOrder.message.failsAtBoot({ nic, hostedOn: address.hostedOn, error: failed.error!.message.replace(/^ifconfig: /, '') });
  }
  return standbyAddifOrder.message.worksByChance({ nic });
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
    out.push(
      noTestAddress.findingIn(where.uri, where.token.range, noTestAddress.message.missing({ nic: m.name, withTest: withTest.map((x) => x.name), group: groupName }), {
        related: related ? [related] : undefined,
      }),
    );
  }
}

function checkFamilies(groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  if (members.length < 2) return;
  for (const family of ['inet', 'inet6'] as const) {
    const plumbed = members.filter((m) => m.families.has(family));
    if (plumbed.length === 0 || plumbed.length === members.length) continue;
    for (const m of members) {
      if (m.families.has(family)) continue;
      const where = groupToken(m);
      if (!where) continue;
      const other = plumbed[0]!;
      const otherFile = other.files.find((f) => f.file.family === family);
      out.push(
        mixedAddressFamilies.findingIn(
          where.uri,
          where.token.range,
          mixedAddressFamilies.message.notPlumbed({ nic: m.name, family, plumbed: plumbed.map((x) => x.name), group: groupName }),
          { related: otherFile ? [{ uri: otherFile.uri, range: otherFile.file.index.range(0, 0), message: `${otherFile.baseName}` }] : undefined },
        ),
      );
    }
  }
}

function checkGroupSubnets(groupName: string, members: readonly InterfaceConfig[], out: HostFinding[]): void {
  for (const role of ['data', 'test'] as const) {
    const bySubnet = new Map<string, ConfiguredAddress[]>();
    for (const m of members) {
      for (const a of m.addresses) {
        if (a.family !== 'inet' || !a.runs || a.test !== (role === 'test')) continue;
        const key = subnetOf(a);
        if (key === undefined) continue;
        const list = bySubnet.get(key);
        if (list) list.push(a);
        else bySubnet.set(key, [a]);
      }
    }
    if (bySubnet.size < 2) continue;
    // The subnet most addresses share is taken as the group's; the others are flagged.
    const ranked = [...bySubnet.entries()].sort((a, b) => b[1].length - a[1].length);
    const [mainSubnet, mainAddresses] = ranked[0]!;
    for (const [subnet, list] of ranked.slice(1)) {
      for (const a of list) {
        if (!a.token) continue;
        const related = at(mainAddresses[0]!);
        const message = groupSubnetMismatch.message.otherSubnet({ address: describeAddress(a), subnet, role, group: groupName, mainSubnet });
        out.push(groupSubnetMismatch.findingIn(a.input.uri, a.token.range, message, { related: related ? [related] : undefined }));
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
        const message = groupNameMismatch.message.differs({ name, nic: member.name, other: target, members: targetGroup.members.map((m) => m.name) });
        out.push(
          groupNameMismatch.findingIn(g.input.uri, g.use.argument.range, message, {
            related: other?.use.argument ? [{ uri: other.input.uri, range: other.use.argument.range, message: groupNameMismatch.message.otherGroup({ other: target }) }] : undefined,
            fixes: [groupNameMismatch.fix.renameTo({ uri: g.input.uri, range: g.use.argument.range, other: target })],
          }),
        );
      }
    }
  }
}

function isTypoOf(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1) return false;
  // `ipmp0` / `ipmpO`, `prod` / `prd`: one edit apart, not merely numbered siblings (`ipmp0`/`ipmp1`).
  if (!oneEditApart(a, b)) return false;
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
    const message = duplicateAddress.message.twice({
      value: address.value.canonical,
      first: { text: describeAddress(first), test: first.test },
      second: { text: describeAddress(address), test: address.test },
    });
    out.push(duplicateAddress.findingIn(address.input.uri, address.token.range, message, { related: related ? [related] : undefined }));
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
        out.push(
          groupsShareSubnet.findingIn(a.input.uri, a.token.range, groupsShareSubnet.message.shared({ first: first.group, second: group.name, subnet }), {
            related: related ? [related] : undefined,
          }),
        );
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
      const mask = formatIPv4(prefixMask(suggested));
      const line = `${network}\t${mask}`;
      const range = (plusToken ?? address.token).range;
      const fixes = proposed.has(line)
        ? []
        : [netmaskNotFound.fix.addEntry({ uri: netmasks.uri, label: netmasks.label, text: netmasks.file.text, index: netmasks.file.index, network, mask })];
      proposed.add(line);
      const message = netmaskNotFound.message.notFound({ address: address.value.canonical, label: netmasks.label, classful, suggested });
      out.push(netmaskNotFound.findingIn(address.input.uri, range, message, { fixes }));
    }
    const explicit = address.netmask?.argument && address.netmask.argument.text !== '+' ? address.netmask.argument : undefined;
    if (explicit && address.netmasksEntry && address.up && address.maskSource === 'netmasks') {
      const written = explicitPrefix(explicit.text);
      if (written !== undefined && written !== address.prefixLength) {
        const entry = address.netmasksEntry;
        const message = netmaskOverridden.message.overridden({ label: netmasks.label, line: entry.line + 1, address: address.value.canonical, prefix: address.prefixLength, written });
        out.push(
          netmaskOverridden.findingIn(address.input.uri, explicit.range, message, {
            related: [{ uri: netmasks.uri, range: entry.span.range, message: netmaskOverridden.message.netmasksEntry() }],
            fixes: [netmaskOverridden.fix.useNetmasks({ uri: address.input.uri, range: explicit.range })],
          }),
        );
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
      ? [loghostOnTestAddress.fix.moveLoghost({ uri: hosts.uri, index: hosts.file.index, loghost, lineEnd: data.resolved.entry.span.end, dataWord: data.token!.text })]
      : [];
    const related = at(test);
    out.push(
      loghostOnTestAddress.findingIn(hosts.uri, loghost.range, loghostOnTestAddress.message.onTestAddress({ value: canonical, address: describeAddress(test) }), {
        related: related ? [related] : undefined,
        fixes,
      }),
    );
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
    const message = ipnodesShadow.message.shadows({
      release: model.release,
      hostsLabel: hosts.label,
      word: address.token.text,
      value: address.value?.canonical,
      ipnodesLine: address.resolved.entry.line + 1,
      hostsValue: hostsCanonical,
    });
    out.push(
      ipnodesShadow.findingIn(address.input.uri, address.token.range, message, {
        related: [
          { uri: ipnodes.uri, range: address.resolved.entry.span.range, message: ipnodesShadow.message.ipnodesEntry() },
          { uri: hosts.uri, range: inHosts.span.range, message: ipnodesShadow.message.hostsEntry({ hostsLabel: hosts.label }) },
        ],
      }),
    );
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
    out.push(
      dhcpWithoutHostnameFile.findingIn(input.uri, input.file.index.range(0, input.file.index.lineEnd(0)), dhcpWithoutHostnameFile.message.noHostnameFile({ nic: ifName, others }), {
        fixes: [dhcpWithoutHostnameFile.fix.createHostnameFile({ uri: hostnameUri, nic: ifName })],
      }),
    );
  }
}
