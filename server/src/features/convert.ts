/**
 * Solaris 10 → Solaris 11: a host's boot result, as the engine simulates it, written as the
 * `dladm`/`ipadm` commands that give a Solaris 11 system the same interfaces, IPMP groups,
 * data and test addresses (reference §6). Solaris 11 keeps IPMP data addresses on an IPMP
 * interface (`ipmp0`) and test addresses on the underlying interfaces; it does not read
 * hostname files. What has no Solaris 11 equivalent is listed, with the reason, never dropped
 * silently.
 *
 * Pure: the result is data (`commands`, `notConverted`, ...) and the script text made from it.
 */
import type { AddressFamily } from '../catalog/keywords';
import { RELEASE_LABELS, type Release } from '../catalog/releases';
import type { BootResult } from '../engine/boot';
import type { CommandOutcome } from '../engine/command';
import { DEFAULT_MPATHD_SETTINGS, type MpathdSettings } from '../engine/mpathd';
import {
  formatIPv4,
  groupMembers,
  groupNames,
  hasAddress,
  lifName,
  lifsOf,
  prefixOfMask,
  type LogicalInterface,
  type Phyint,
  type SystemState,
} from '../engine/state';
import type { MpathdFile } from '../syntax/mpathd';

/** The client command that opens a host's conversion: arguments [uri] (a file of the host). */
export const CONVERT_COMMAND = 'solarisIpmp.convertToIpadm';

/** Where a command's input came from: a file of the host and its 1-based line. */
export interface SourceLine {
  readonly file: string;
  readonly line: number;
}

/** One command of the script: its words (a `$dev` word is a shell variable holding a link name). */
export interface ConvertedCommand {
  readonly argv: readonly string[];
  /** Why, or which Solaris 10 name it stands for; printed after the command. */
  readonly comment?: string;
  readonly source?: SourceLine;
}

export interface ConvertedSection {
  readonly title: string;
  /** Lines printed as comments before the commands. */
  readonly notes: readonly string[];
  readonly commands: readonly ConvertedCommand[];
}

/** Something the Solaris 10 files do that the script does not, and why. */
export interface NotConverted {
  readonly what: string;
  readonly why: string;
  readonly source?: SourceLine;
}

/** A Solaris 10 IPMP group and the IPMP interface that stands for it on Solaris 11. */
export interface ConvertedGroup {
  readonly group: string;
  readonly ipmpInterface: string;
  readonly members: readonly string[];
  readonly standby: readonly string[];
  readonly dataAddresses: readonly string[];
  readonly testAddresses: readonly { readonly nic: string; readonly address: string }[];
}

export interface IpadmConversion {
  readonly host: string;
  /** The release the hostname files were read as. */
  readonly from: Release;
  /** Each Solaris 10 device (NIC) and the Solaris 11 link name used for it (`$ce0` when looked up at run time). */
  readonly links: readonly { readonly device: string; readonly link: string; readonly lookedUp: boolean }[];
  readonly groups: readonly ConvertedGroup[];
  readonly sections: readonly ConvertedSection[];
  readonly notConverted: readonly NotConverted[];
  /** The shell script. */
  readonly text: string;
}

export interface ConvertOptions {
  /** How the host is named in the script's heading. */
  readonly host: string;
  /** Device → Solaris 11 link name (`ce0` → `net0`), from `dladm show-phys` on the new system. Others are looked up when the script runs. */
  readonly links?: ReadonlyMap<string, string>;
  /** The host's default/mpathd, for the settings that differ from Solaris 11's defaults. */
  readonly mpathd?: { readonly label: string; readonly file: MpathdFile };
  /** How a file is named in comments (its path in the host). */
  readonly fileLabel: (uri: string) => string;
}

/** An IP interface name Solaris accepts: letters first, a number last (§1.2). */
const INTERFACE_NAME = /^[A-Za-z][A-Za-z0-9_.]*[0-9]$/;

/** Keywords whose effect ipadm cannot reproduce, with the reason. */
const NO_EQUIVALENT: Readonly<Record<string, string>> = {
  trailers: 'obsolete: every release ignores it',
  '-trailers': 'obsolete: every release ignores it',
  'auto-revarp': 'Solaris 11 has no RARP address configuration; give the address with ipadm create-addr',
  index: 'Solaris 11 assigns interface indexes itself',
  modinsert: 'STREAMS modules on an interface are not configured by ipadm (see autopush(1M))',
  modremove: 'STREAMS modules on an interface are not configured by ipadm (see autopush(1M))',
  anycast: 'ipadm has no anycast address property',
  '-local': 'ipadm has no property for an address without a local route',
  token: 'set the token with ipadm create-addr -T addrconf -i <token> instead',
  tsrc: 'tunnels are datalinks on Solaris 11: dladm create-iptun, then ipadm create-ip',
  tdst: 'tunnels are datalinks on Solaris 11: dladm create-iptun, then ipadm create-ip',
  encaplimit: 'tunnels are datalinks on Solaris 11: dladm create-iptun -p encaplimit',
  '-encaplimit': 'tunnels are datalinks on Solaris 11: dladm create-iptun -p encaplimit',
  thoplimit: 'tunnels are datalinks on Solaris 11: dladm create-iptun -p hoplimit',
  auth_algs: 'tunnel IPsec policy is set with ipsecconf on Solaris 11',
  encr_algs: 'tunnel IPsec policy is set with ipsecconf on Solaris 11',
  encr_auth_algs: 'tunnel IPsec policy is set with ipsecconf on Solaris 11',
};

/** What the boot asked the DHCP agent for on a NIC: `wait` from its dhcp.<if> file, `primary`. */
interface DhcpRequest {
  readonly wait?: string;
  readonly primary: boolean;
  readonly source?: SourceLine;
}

function dhcpRequests(boot: BootResult, sourceOf: (id: number) => SourceLine | undefined): Map<string, DhcpRequest> {
  const requests = new Map<string, DhcpRequest>();
  for (const outcome of boot.commands) {
    const c = outcome.command;
    if (c.phase !== 'dhcp' || !c.args[0]) continue;
    const args = c.args;
    let wait: string | undefined;
    let primary = false;
    for (let i = 1; i < args.length; i++) {
      // Only what the file says: the boot script's own `wait 0` is how it starts the agent.
      if (args[i]!.text === 'wait' && !args[i]!.implicit && args[i + 1]) wait = args[i + 1]!.text;
      if (args[i]!.text === 'primary') primary = true;
    }
    requests.set(args[0].text, { wait, primary, source: sourceOf(c.id) });
  }
  return requests;
}

interface Place {
  readonly phyint: Phyint;
  readonly family: AddressFamily;
  readonly lif: LogicalInterface;
}

/** Address object names: `<interface>/<name>`, the name a letter then letters and digits. */
class AddrObjects {
  private readonly used = new Map<string, number>();
  next(ifname: string, base: string): string {
    const key = `${ifname}/${base}`;
    const n = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, n);
    // `v4`, `v4a2`, `v4a3`: a number right after the 4 would read as part of it.
    return `${ifname}/${n === 1 ? base : /[0-9]$/.test(base) ? `${base}a${n}` : `${base}${n}`}`;
  }
}

export function convertToIpadm(boot: BootResult, options: ConvertOptions): IpadmConversion {
  const state = boot.state;
  const notConverted: NotConverted[] = [];
  const sourceOfCommand = new Map<number, SourceLine>();
  for (const c of boot.commands) {
    if (c.command.source) sourceOfCommand.set(c.command.id, { file: options.fileLabel(c.command.source.uri), line: c.command.source.line.firstLine + 1 });
  }
  const sourceOf = (lif: LogicalInterface): SourceLine | undefined => {
    const word = lif.addressOrigin?.word;
    if (word) return { file: options.fileLabel(word.uri), line: word.token.range.start.line + 1 };
    return lif.addressOrigin?.commandId !== undefined ? sourceOfCommand.get(lif.addressOrigin.commandId) : undefined;
  };

  // NICs the boot plumbed (lo0 is Solaris 11's own), in plumb order.
  const nics = [...state.phyints.values()].filter((p) => p.name !== 'lo0' && !p.ipmp).sort((a, b) => a.index - b.index);
  const devices = nics.filter((p) => !isVlan(p.name)).map((p) => p.name);
  const linkOf = (device: string): string => options.links?.get(device) ?? `$${shellName(device)}`;
  const ifOf = (nic: string): string => {
    const vlan = vlanOf(nic);
    return vlan ? nic : linkOf(nic);
  };
  const links = devices.map((device) => ({ device, link: linkOf(device), lookedUp: !options.links?.has(device) }));

  // Each group's IPMP interface: the group's own name when it is an interface name no NIC
  // has, else the lowest free ipmpN (Solaris 11 names the group after its IPMP interface).
  const taken = new Set<string>([...state.phyints.keys(), ...(options.links?.values() ?? [])]);
  const ipmpOf = new Map<string, string>();
  for (const group of groupNames(state)) {
    const explicit = [...state.phyints.values()].find((p) => p.ipmp && p.groupname === group);
    let name = explicit?.name;
    if (!name && INTERFACE_NAME.test(group) && group.length <= 31 && !taken.has(group)) name = group;
    if (!name) {
      let n = 0;
      while (taken.has(`ipmp${n}`)) n++;
      name = `ipmp${n}`;
    }
    taken.add(name);
    ipmpOf.set(group, name);
  }

  const objects = new AddrObjects();
  const dhcp = dhcpRequests(boot, (id) => sourceOfCommand.get(id));
  const sections: ConvertedSection[] = [];
  const groups: ConvertedGroup[] = [];

  // Links: VLANs over their device; everything else already exists on Solaris 11.
  const vlanCommands: ConvertedCommand[] = [];
  for (const p of nics) {
    const vlan = vlanOf(p.name);
    if (!vlan) continue;
    vlanCommands.push({ argv: ['dladm', 'create-vlan', '-l', linkOf(vlan.device), '-v', String(vlan.vid), p.name], comment: `VLAN ${vlan.vid} over ${vlan.device} (Solaris 10 name ${p.name})` });
  }
  const etherCommands: ConvertedCommand[] = [];
  for (const p of nics) {
    if (p.ether) etherCommands.push({ argv: ['dladm', 'set-linkprop', '-p', `mac-address=${p.ether}`, ifOf(p.name)], comment: `ether ${p.ether} of ${p.name}` });
  }
  if (vlanCommands.length || etherCommands.length) {
    sections.push({ title: 'Datalinks', notes: [], commands: [...vlanCommands, ...etherCommands] });
  }

  // One section per group, then one per interface outside any group.
  for (const group of groupNames(state)) {
    const ipmp = ipmpOf.get(group)!;
    const members = groupMembers(state, group);
    const commands: ConvertedCommand[] = [];
    const notes: string[] = [];
    notes.push(
      ipmp === group
        ? `IPMP group ${group}: its IPMP interface ${ipmp} holds the data addresses.`
        : `IPMP group ${group}: Solaris 11 names a group after its IPMP interface, here ${ipmp}; ipmpstat -g shows ${ipmp}.`,
    );
    notes.push('Addresses on the underlying interfaces are test addresses: Solaris 11 marks them NOFAILOVER and DEPRECATED itself.');
    for (const m of members) commands.push({ argv: ['ipadm', 'create-ip', ifOf(m.name)], comment: wasNamed(m.name, ifOf) });
    commands.push({ argv: ['ipadm', 'create-ipmp', ...members.flatMap((m) => ['-i', ifOf(m.name)]), ipmp] });
    const data: string[] = [];
    const tests: { nic: string; address: string }[] = [];
    // Data addresses, wherever the boot left them (a standby's move to an active NIC), by the
    // NIC whose file configured them.
    const dataPlaces = placesOf(state, (place) => members.some((m) => m.name === place.lif.home) && isData(place), members);
    const explicitIpmp = [...state.phyints.values()].find((p) => p.ipmp && p.groupname === group);
    if (explicitIpmp) dataPlaces.push(...lifPlaces(explicitIpmp).filter(isData));
    for (const place of dataPlaces) {
      const created = createAddress(place, ipmp, 'data', objects, sourceOf(place.lif), notConverted, dhcp);
      commands.push(...created.commands);
      if (created.address) data.push(created.address);
    }
    for (const m of members) {
      for (const place of lifPlaces(m)) {
        if (!place.lif.flags.has('NOFAILOVER') || place.lif.placeholder) continue;
        if (place.family === 'inet6' && place.lif.address.linkLocal) {
          commands.push({ argv: ['ipadm', 'create-addr', '-T', 'addrconf', `${ifOf(m.name)}/v6`], comment: `IPv6 link-local test address of ${m.name}` });
          tests.push({ nic: m.name, address: 'link-local' });
          continue;
        }
        if (!hasAddress(place.lif)) continue;
        const created = createAddress(place, ifOf(m.name), 'test', objects, sourceOf(place.lif), notConverted, dhcp);
        commands.push(...created.commands);
        if (created.address) tests.push({ nic: m.name, address: created.address });
      }
      // An IPv6 instance without a test address still needs its link-local address on Solaris 11.
      if (m.ills.inet6 && !lifsOf(m, 'inet6').some((l) => l.address.linkLocal && l.flags.has('NOFAILOVER'))) {
        commands.push({ argv: ['ipadm', 'create-addr', '-T', 'addrconf', `${ifOf(m.name)}/v6`], comment: `IPv6 on ${m.name} (hostname6.${m.name})` });
      }
    }
    const standby = members.filter((m) => m.flags.has('STANDBY'));
    for (const m of standby) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', 'standby=on', '-m', 'ip', ifOf(m.name)], comment: `${m.name} is a standby`, source: wordSource(m.standbyWord, options) });
    commands.push(...interfaceProperties(members, ipmp, ifOf, notConverted, group));
    if (tests.length === 0) {
      notes.push(`No test addresses: in.mpathd watches link state only, as on Solaris 10. To probe without test addresses (transitive probing, Solaris 11.2 and later): svccfg -s svc:/network/ipmp setprop config/transitive-probing=true; svcadm refresh svc:/network/ipmp`);
    }
    sections.push({ title: `IPMP group ${group} → ${ipmp}`, notes, commands });
    groups.push({ group, ipmpInterface: ipmp, members: members.map((m) => m.name), standby: standby.map((m) => m.name), dataAddresses: data, testAddresses: tests });
  }

  for (const p of nics.filter((n) => !n.groupname)) {
    const commands: ConvertedCommand[] = [{ argv: ['ipadm', 'create-ip', ifOf(p.name)], comment: wasNamed(p.name, ifOf) }];
    for (const place of lifPlaces(p)) {
      if (place.family === 'inet6' && place.lif.address.linkLocal) continue;
      if (place.lif.home !== p.name || !hasAddress(place.lif) || place.lif.placeholder) continue;
      commands.push(...createAddress(place, ifOf(p.name), 'plain', objects, sourceOf(place.lif), notConverted, dhcp).commands);
    }
    if (p.ills.inet6) commands.push({ argv: ['ipadm', 'create-addr', '-T', 'addrconf', `${ifOf(p.name)}/v6`], comment: `IPv6 (hostname6.${p.name})` });
    commands.push(...interfaceProperties([p], undefined, ifOf, notConverted, undefined));
    if (p.flags.has('STANDBY')) notConverted.push({ what: `standby on ${p.name}`, why: `${p.name} is in no IPMP group: standby has no effect on Solaris 10 either`, source: wordSource(p.standbyWord, options) });
    sections.push({ title: `Interface ${p.name}`, notes: [], commands });
  }

  // Keywords with no Solaris 11 equivalent, and lines the Solaris 10 boot itself fails on.
  for (const outcome of boot.commands) noteUnconvertible(outcome, sourceOfCommand.get(outcome.command.id), notConverted);

  const mpathdSection = mpathdCommands(boot.settings, options.mpathd);
  if (mpathdSection) sections.push(mpathdSection);

  const partial = { host: options.host, from: boot.release, links, groups, sections, notConverted };
  return { ...partial, text: renderScript(partial) };
}

// ---------------------------------------------------------------------------------------

/** `ce0 on Solaris 10` when the link has another name; nothing when the name says it. */
function wasNamed(nic: string, ifOf: (nic: string) => string): string | undefined {
  const link = ifOf(nic);
  return link === nic || link === `$${shellName(nic)}` ? undefined : `${nic} on Solaris 10`;
}

function isData(place: Place): boolean {
  const lif = place.lif;
  if (lif.placeholder || lif.flags.has('NOFAILOVER')) return false;
  if (place.family === 'inet6' && lif.address.linkLocal) return false;
  return hasAddress(lif);
}

function lifPlaces(p: Phyint): Place[] {
  return (['inet', 'inet6'] as const).flatMap((family) => lifsOf(p, family).map((lif) => ({ phyint: p, family, lif })));
}

/** Logical interfaces anywhere in `among` that pass `test`, ordered by home NIC, family and home unit. */
function placesOf(state: SystemState, test: (place: Place) => boolean, among: readonly Phyint[]): Place[] {
  const order = new Map(among.map((m, i) => [m.name, i]));
  return among
    .flatMap(lifPlaces)
    .filter(test)
    .sort((a, b) => (order.get(a.lif.home) ?? 0) - (order.get(b.lif.home) ?? 0) || (a.family === b.family ? 0 : a.family === 'inet' ? -1 : 1) || a.lif.homeUnit - b.lif.homeUnit);
}

function prefixOf(place: Place): number | undefined {
  if (place.family === 'inet6') return place.lif.prefixLength ?? 64;
  return prefixOfMask(place.lif.mask);
}

/** `ipadm create-addr` for one address, and the address properties it needs after. */
function createAddress(
  place: Place,
  ifname: string,
  role: 'data' | 'test' | 'plain',
  objects: AddrObjects,
  source: SourceLine | undefined,
  notConverted: NotConverted[],
  dhcp: ReadonlyMap<string, DhcpRequest>,
): { commands: ConvertedCommand[]; address?: string } {
  const { lif, family } = place;
  const v = family === 'inet' ? 'v4' : 'v6';
  const name = lifName(lif.home, lif.homeUnit);
  if (lif.dhcp) {
    if (family === 'inet6') {
      notConverted.push({ what: `DHCPv6 on ${name}`, why: 'Solaris 10 has no DHCPv6 address here to convert', source });
      return { commands: [] };
    }
    const obj = objects.next(ifname, 'dhcp');
    const request = dhcp.get(lif.home);
    const wait = request?.wait ? ['-w', request.wait] : [];
    if (request?.primary) {
      notConverted.push({ what: `primary on ${lif.home}`, why: `whether ipadm has a DHCP "primary" address property depends on the Solaris 11 update: look for it with ipadm show-addrprop ${obj}`, source: request.source });
    }
    return { commands: [{ argv: ['ipadm', 'create-addr', '-T', 'dhcp', ...wait, obj], comment: `DHCP on ${name}`, source: source ?? request?.source }], address: 'dhcp' };
  }
  const prefix = prefixOf(place);
  const address = lif.address.canonical;
  if (prefix === undefined) {
    notConverted.push({ what: `${address} on ${name}`, why: `its netmask ${family === 'inet' ? formatIPv4(lif.mask) : ''} is not contiguous: ipadm takes a prefix length`, source });
    return { commands: [] };
  }
  const base = role === 'data' ? `${v}data` : role === 'test' ? `${v}test` : v;
  const obj = objects.next(ifname, base);
  const local = lif.destination ? `local=${address}/${prefix},remote=${lif.destination.canonical}` : `${address}/${prefix}`;
  const up = lif.flags.has('UP');
  const named = lif.addressOrigin?.resolved ? lif.addressOrigin.word?.token.text : undefined;
  const what = role === 'test' ? `test address of ${lif.home}` : role === 'data' ? `data address of ${lif.home}` : `address of ${name}`;
  const comment = [named, what, up ? undefined : 'left down, as at Solaris 10 boot'].filter(Boolean).join('; ');
  const commands: ConvertedCommand[] = [{ argv: ['ipadm', 'create-addr', '-T', 'static', ...(up ? [] : ['-d']), '-a', local, obj], comment, source }];
  const props: string[] = [];
  if (lif.flags.has('DEPRECATED') && role !== 'test') props.push('deprecated=on');
  if (lif.flags.has('PRIVATE')) props.push('private=on');
  if (lif.flags.has('NOXMIT')) props.push('transmit=off');
  if (lif.flags.has('PREFERRED')) props.push('preferred=on');
  if (lif.zone) props.push(`zone=${lif.zone}`);
  if (props.length) commands.push({ argv: ['ipadm', 'set-addrprop', '-p', props.join(','), obj] });
  if (lif.flags.has('NOFAILOVER') && role === 'plain') {
    notConverted.push({ what: `-failover on ${name}`, why: `${lif.home} is in no IPMP group: NOFAILOVER means nothing there`, source });
  }
  if (family === 'inet' && lif.broadcast !== undefined && prefix < 31) {
    const network = (lif.address.ipv4! & lif.mask) >>> 0;
    const standard = (network | (~lif.mask >>> 0)) >>> 0;
    if (lif.broadcast !== standard) notConverted.push({ what: `broadcast ${formatIPv4(lif.broadcast)} on ${name}`, why: `Solaris 11 takes the broadcast address from the prefix (${formatIPv4(standard)})`, source });
  }
  // Unit 0's metric becomes the interface's (interfaceProperties); ipadm has none per address.
  if (lif.metric && lif.homeUnit !== 0) notConverted.push({ what: `metric ${lif.metric} on ${name}`, why: 'ipadm sets a metric per interface, not per address', source });
  return { commands, address: `${address}/${prefix}` };
}

/** MTU, ARP, forwarding, NUD, usesrc: per interface on Solaris 11 (some per IPMP group). */
function interfaceProperties(
  nics: readonly Phyint[],
  ipmp: string | undefined,
  ifOf: (nic: string) => string,
  notConverted: NotConverted[],
  group: string | undefined,
): ConvertedCommand[] {
  const commands: ConvertedCommand[] = [];
  const forwarding = new Set<AddressFamily>();
  for (const p of nics) {
    for (const family of ['inet', 'inet6'] as const) {
      const ill = p.ills[family];
      if (!ill) continue;
      const proto = family === 'inet' ? 'ipv4' : 'ipv6';
      if (ill.mtu !== 1500 && ill.mtu > 0) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', `mtu=${ill.mtu}`, '-m', proto, ifOf(p.name)], comment: `mtu of ${p.name}` });
      if (family === 'inet' && ill.flags.has('NOARP')) {
        if (group) notConverted.push({ what: `-arp on ${p.name}`, why: `Solaris 11 does not turn ARP off in an IPMP group (${group})` });
        else commands.push({ argv: ['ipadm', 'set-ifprop', '-p', 'arp=off', '-m', 'ipv4', ifOf(p.name)], comment: `-arp on ${p.name}` });
      }
      if (family === 'inet6' && ill.flags.has('NONUD')) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', 'nud=off', '-m', 'ipv6', ifOf(p.name)], comment: `-nud on ${p.name}` });
      if (ill.flags.has('ROUTER')) forwarding.add(family);
      const unit0 = ill.lifs.get(0);
      if (unit0?.metric) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', `metric=${unit0.metric}`, '-m', proto, ifOf(p.name)], comment: `metric of ${p.name}` });
    }
    if (p.usesrc) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', `usesrc=${p.usesrc}`, '-m', 'ipv4', ifOf(p.name)], comment: `usesrc of ${p.name}` });
  }
  // In an IPMP group forwarding is a property of the group: set on its IPMP interface.
  for (const family of forwarding) {
    const proto = family === 'inet' ? 'ipv4' : 'ipv6';
    if (ipmp) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', 'forwarding=on', '-m', proto, ipmp], comment: `router on a member of ${group}` });
    else for (const p of nics) if (p.ills[family]?.flags.has('ROUTER')) commands.push({ argv: ['ipadm', 'set-ifprop', '-p', 'forwarding=on', '-m', proto, ifOf(p.name)], comment: `router on ${p.name}` });
  }
  return commands;
}

function noteUnconvertible(outcome: CommandOutcome, source: SourceLine | undefined, notConverted: NotConverted[]): void {
  const c = outcome.command;
  if (!c.source) return;
  for (const w of outcome.words) {
    if (w.role !== 'keyword' || !w.keyword) continue;
    const why = NO_EQUIVALENT[w.keyword];
    if (why) notConverted.push({ what: `${w.keyword} on ${w.target ?? c.args[0]?.text ?? ''}`.trim(), why, source });
  }
  if (outcome.status === 'failed' && outcome.error?.message) {
    notConverted.push({ what: `the rest of this line`, why: `Solaris 10 stops here: ${outcome.error.message}`, source });
  }
}

function mpathdCommands(settings: MpathdSettings, mpathd: ConvertOptions['mpathd']): ConvertedSection | undefined {
  const changed: ConvertedCommand[] = [];
  const lineOf = (name: string): SourceLine | undefined => {
    const a = mpathd?.file.effective.get(name as never);
    return a && mpathd ? { file: mpathd.label, line: a.line + 1 } : undefined;
  };
  if (settings.failureDetectionTime !== DEFAULT_MPATHD_SETTINGS.failureDetectionTime) {
    changed.push({ argv: ['mpathd_set', 'FAILURE_DETECTION_TIME', String(settings.failureDetectionTime)], comment: 'milliseconds, as in.mpathd reads the Solaris 10 file', source: lineOf('FAILURE_DETECTION_TIME') });
  }
  if (settings.failback !== DEFAULT_MPATHD_SETTINGS.failback) changed.push({ argv: ['mpathd_set', 'FAILBACK', settings.failback ? 'yes' : 'no'], source: lineOf('FAILBACK') });
  if (settings.trackInterfacesOnlyWithGroups !== DEFAULT_MPATHD_SETTINGS.trackInterfacesOnlyWithGroups) {
    changed.push({ argv: ['mpathd_set', 'TRACK_INTERFACES_ONLY_WITH_GROUPS', settings.trackInterfacesOnlyWithGroups ? 'yes' : 'no'], source: lineOf('TRACK_INTERFACES_ONLY_WITH_GROUPS') });
  }
  if (changed.length === 0) return undefined;
  return {
    title: '/etc/default/mpathd',
    notes: ['Solaris 11.0 to 11.3 read the same file; these settings differ from its defaults. in.mpathd rereads it on SIGHUP.'],
    commands: [...changed, { argv: ['pkill', '-HUP', 'in.mpathd'] }],
  };
}

function wordSource(word: { uri: string; token: { range: { start: { line: number } } } } | undefined, options: ConvertOptions): SourceLine | undefined {
  return word ? { file: options.fileLabel(word.uri), line: word.token.range.start.line + 1 } : undefined;
}

/** S10 legacy VLAN names: PPA = VLAN id × 1000 + instance (§1.2). */
function vlanOf(name: string): { device: string; vid: number } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_]*?)([0-9]+)$/.exec(name);
  if (!m) return undefined;
  const ppa = Number(m[2]);
  if (ppa < 1000 || name.startsWith('aggr')) return undefined;
  return { device: `${m[1]}${ppa % 1000}`, vid: Math.floor(ppa / 1000) };
}

function isVlan(name: string): boolean {
  return vlanOf(name) !== undefined;
}

/** A shell variable name for a device: its name with anything else than letters, digits and _ made _. */
function shellName(device: string): string {
  return device.replace(/[^A-Za-z0-9_]/g, '_');
}

// ---------------------------------------------------------------------------------------
// The script

/** A word as the shell must see it: variables in double quotes, everything else as it is when safe. */
function shellWord(word: string): string {
  if (/^\$[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z0-9_]+)?$/.test(word)) {
    const slash = word.indexOf('/');
    return slash < 0 ? `"${word}"` : `"${word.slice(0, slash)}"${word.slice(slash)}`;
  }
  if (/^[A-Za-z0-9_./:=,+%@-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function sourceText(source: SourceLine | undefined): string {
  return source ? `${source.file} line ${source.line}` : '';
}

const RULE = '# ' + '-'.repeat(76);

function renderScript(c: Omit<IpadmConversion, 'text'>): string {
  const out: string[] = [];
  out.push('#!/bin/sh');
  out.push(`# Solaris 11 network configuration of ${c.host}, converted by solaris-ipmp`);
  out.push(`# from its Solaris 10 files (read as ${RELEASE_LABELS[c.from]}).`);
  out.push('#');
  out.push('# Run it once, as root, on the Solaris 11 system with fixed network configuration');
  out.push('# (netadm enable -p ncp DefaultFixed on 11.0 to 11.3). ipadm keeps each change in');
  out.push('# /etc/ipadm/ipadm.conf, so the configuration survives a reboot. Host names are');
  out.push('# written as the addresses the hosts file gives them; keep them in /etc/inet/hosts.');
  out.push('set -e');
  const lookups = c.links.filter((l) => l.lookedUp);
  if (lookups.length) {
    out.push('');
    out.push(RULE);
    out.push('# Datalink names: Solaris 11 names links net0, net1, ... by location. Each Solaris 10');
    out.push('# device is looked up in `dladm show-phys`; on other hardware set the names by hand.');
    out.push('link_of() {');
    out.push(`    link=$(dladm show-phys -p -o link,device | nawk -F: -v dev="$1" '$2 == dev { print $1 }')`);
    out.push('    if [ -z "$link" ]; then');
    out.push('        echo "no datalink over device $1 (see dladm show-phys)" >&2');
    out.push('        exit 1');
    out.push('    fi');
    out.push('    echo "$link"');
    out.push('}');
    for (const l of lookups) out.push(`${l.link.slice(1)}=$(link_of ${l.device})`);
  }
  const mpathd = c.sections.some((s) => s.commands.some((x) => x.argv[0] === 'mpathd_set'));
  if (mpathd) {
    out.push('');
    out.push('# Sets NAME=value in /etc/default/mpathd, replacing the line that sets it or adding one.');
    out.push('mpathd_set() {');
    out.push('    f=/etc/default/mpathd');
    out.push('    if grep "^$1=" "$f" >/dev/null 2>&1; then');
    out.push('        sed "s/^$1=.*/$1=$2/" "$f" > "$f.new" && cat "$f.new" > "$f" && rm -f "$f.new"');
    out.push('    else');
    out.push('        echo "$1=$2" >> "$f"');
    out.push('    fi');
    out.push('}');
  }
  for (const s of c.sections) {
    out.push('');
    out.push(RULE);
    out.push(`# ${s.title}`);
    for (const n of s.notes) out.push(...wrapComment(n));
    for (const cmd of s.commands) {
      const line = cmd.argv.map(shellWord).join(' ');
      const note = [cmd.comment, sourceText(cmd.source)].filter(Boolean).join(' — ');
      out.push(note ? `${line.padEnd(56)} # ${note}` : line);
    }
  }
  if (c.notConverted.length) {
    out.push('');
    out.push(RULE);
    out.push('# Not converted: no Solaris 11 equivalent');
    for (const n of c.notConverted) {
      const where = sourceText(n.source);
      out.push(...wrapComment(`${where ? `${where}: ` : ''}${n.what}: ${n.why}`));
    }
  }
  if (c.sections.length === 0) {
    out.push('');
    out.push('# The Solaris 10 files configure no interface: nothing to do.');
  }
  return `${out.join('\n')}\n`;
}

function wrapComment(text: string, width = 78): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '# ';
    }
    line += line === '# ' ? word : ` ${word}`;
  }
  lines.push(line);
  return lines;
}
