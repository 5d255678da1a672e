/**
 * The IPMP picture of one host, derived from its interface files: which physical
 * interfaces exist, their group and standby flag, and every address they configure with
 * its role (data or test), resolved value and the mask it ends up with at boot.
 * Pure: parsed files in, model out. The IPMP and resolution rules read only this.
 */
import { RELEASES, type Release } from '../catalog/releases';
import type { AddressFamily } from '../catalog/keywords';
import { formatIPv4, prefixMask } from '../syntax/address';
import { commandRuns, type AddressSegment, type HostnameCommand, type HostnameFile, type KeywordUse } from '../syntax/hostname';
import { checkInterfaceName } from '../syntax/interfaceName';
import type { MpathdFile } from '../syntax/mpathd';
import type { NetmasksEntry, NetmasksFile } from '../syntax/netmasks';
import type { Token } from '../syntax/token';
import { simulateBoot, type BootResult } from '../engine/boot';
import type { NameLookup, ResolvedName } from '../engine/names';
import { resolveWord } from '../engine/resolve';
import { lifName, lifsOf, phyintsInOrder, prefixOfMask, type LogicalInterface } from '../engine/state';

export interface InterfaceFileInput {
  readonly uri: string;
  readonly baseName: string;
  readonly file: HostnameFile;
}

export interface IpmpInputs {
  readonly interfaces: readonly InterfaceFileInput[];
  readonly names?: NameLookup;
  readonly netmasks?: { readonly uri: string; readonly label: string; readonly file: NetmasksFile };
  readonly mpathd?: MpathdFile;
  readonly nodename?: string;
  readonly release: Release;
}

export interface AddressValue {
  readonly family: AddressFamily;
  /** IPv4 as an unsigned 32-bit number. */
  readonly ipv4?: number;
  /** Canonical text: dotted quad, or RFC 5952 for IPv6. */
  readonly canonical: string;
  readonly linkLocal: boolean;
}

export type MaskSource = 'prefix' | 'explicit' | 'netmasks' | 'classful';

export interface ConfiguredAddress {
  readonly iface: InterfaceConfig;
  readonly input: InterfaceFileInput;
  readonly family: AddressFamily;
  readonly command: HostnameCommand;
  readonly segment: AddressSegment;
  /** The word giving the address; undefined for the implicit IPv6 link-local address. */
  readonly token?: Token;
  readonly value?: AddressValue;
  /** How a host name was resolved. */
  readonly resolved?: ResolvedName;
  /** Test address: `-failover` is in effect (NOFAILOVER). */
  readonly test: boolean;
  readonly deprecated: boolean;
  /** IFF_UP after the line (explicit `up`, or the boot script's implicit one). */
  readonly up: boolean;
  /** The line runs at boot (not an unterminated last line). */
  readonly runs: boolean;
  /** The `netmask` keyword that applies (last one), if written. */
  readonly netmask?: KeywordUse;
  /** The boot script appends `netmask + broadcast + up` to this address (§1.4). */
  readonly implicitNetmask: boolean;
  /** IPv4 mask after boot (net-svc re-runs `netmask +`, §1.8), as a prefix length. */
  readonly prefixLength?: number;
  readonly maskSource?: MaskSource;
  /** The netmasks entry `netmask +` finds, if any. */
  readonly netmasksEntry?: NetmasksEntry;
  /** Where the address is after boot when in.mpathd moved it off its own NIC (`ce0:2`). */
  readonly hostedOn?: string;
  /**
   * The command that set the address failed further on: the address exists, but the words
   * after the failure (often `-failover`, `up`) never applied. The failure is that line's problem.
   */
  readonly commandFailed: boolean;
}

export interface InterfaceConfig {
  /** `ce0` (logical-interface files fold into their physical interface). */
  readonly name: string;
  readonly files: InterfaceFileInput[];
  /** Families the interface is plumbed for: a hostname / hostname6 file exists. */
  readonly families: Set<AddressFamily>;
  /** Every `group` keyword on the physical interface, in boot order. */
  readonly groupUses: { readonly input: InterfaceFileInput; readonly use: KeywordUse }[];
  /** The group it ends up in (the last `group` applied), if any. */
  group?: string;
  readonly standbyUses: { readonly input: InterfaceFileInput; readonly use: KeywordUse; readonly command: HostnameCommand }[];
  standby: boolean;
  readonly addresses: ConfiguredAddress[];
}

export interface IpmpGroup {
  readonly name: string;
  readonly members: InterfaceConfig[];
}

export interface IpmpHost {
  readonly interfaces: ReadonlyMap<string, InterfaceConfig>;
  readonly groups: ReadonlyMap<string, IpmpGroup>;
  readonly addresses: readonly ConfiguredAddress[];
  readonly release: Release;
  /** From OpenSolaris on, `-failover` implies `deprecated` (§2, Solaris 11 changes). */
  readonly failoverImpliesDeprecated: boolean;
  /** The simulated boot this picture is read from. */
  readonly boot: BootResult;
  /** Whether ifconfig read this word at boot (a word after a failure on its line is never read). */
  reached(token: Token): boolean;
  /** Whether the boot script's appended ` netmask + broadcast + up` was read on this line. */
  epilogueReached(command: HostnameCommand): boolean;
}

/** Which of two opposite flags the segment leaves in effect, or undefined if neither is written. */
export function lastOf(segment: AddressSegment, a: string, b: string): string | undefined {
  let state: string | undefined;
  for (const k of segment.keywords) if (k.spec.name === a || k.spec.name === b) state = k.spec.name;
  return state;
}

export function findUse(segment: AddressSegment, name: string): KeywordUse | undefined {
  let found: KeywordUse | undefined;
  for (const k of segment.keywords) if (k.spec.name === name) found = k;
  return found;
}

/** Resolves an address word as ifconfig does for a family (§1.7): the engine's own reading. */
export function resolveAddress(word: string, family: AddressFamily, names: NameLookup | undefined, release: Release = 's10'): { value?: AddressValue; resolved?: ResolvedName } {
  const r = resolveWord(word, family, names, { allowPrefix: true, ipv6FromIpnodesOnly: RELEASES.indexOf(release) <= RELEASES.indexOf('s10-early') });
  if (!r.ok) return {};
  return { value: r.address, resolved: r.origin.resolved };
}

const MASK_SOURCES: Partial<Record<LogicalInterface['maskSource'], MaskSource>> = {
  prefix: 'prefix',
  netmask: 'explicit',
  netmasks: 'netmasks',
  classful: 'classful',
};

/** The boot the model is read from: the engine's, for these inputs. */
export function bootFor(inputs: IpmpInputs): BootResult {
  return simulateBoot({ release: inputs.release, interfaces: inputs.interfaces, names: inputs.names, netmasks: inputs.netmasks?.file, mpathd: inputs.mpathd, nodename: inputs.nodename });
}

/**
 * The IPMP picture of a host as the boot leaves it (the engine's final state), each address
 * filed under the NIC whose file configured it — wherever in.mpathd moved it since — and tied
 * back to the words that configured it. An address replaced by a later line, a line that
 * failed or never ran, leave nothing here.
 */
export function buildIpmpHost(inputs: IpmpInputs, boot: BootResult = bootFor(inputs)): IpmpHost {
  const interfaces = new Map<string, InterfaceConfig>();
  const addresses: ConfiguredAddress[] = [];
  const failoverImpliesDeprecated = RELEASES.indexOf(inputs.release) >= RELEASES.indexOf('osol');
  const byUri = new Map(inputs.interfaces.map((i) => [i.uri, i]));

  // Where each address word stands in its file (command and segment).
  const segmentOf = new Map<Token, { input: InterfaceFileInput; command: HostnameCommand; segment: AddressSegment }>();
  for (const input of inputs.interfaces) {
    for (const command of input.file.commands) {
      for (const segment of command.segments) if (segment.address) segmentOf.set(segment.address, { input, command, segment });
    }
  }

  const configOf = (name: string): InterfaceConfig => {
    let iface = interfaces.get(name);
    if (!iface) {
      iface = { name, files: [], families: new Set(), groupUses: [], standbyUses: [], standby: false, addresses: [] };
      interfaces.set(name, iface);
    }
    return iface;
  };

  // The NICs, their files and the group/standby words written for them (§1.3, §3.8).
  const ordered = [...inputs.interfaces]
    .filter((i) => i.file.fileName && !i.file.isDhcpFile)
    .sort((a, b) => (a.file.family === b.file.family ? (a.baseName < b.baseName ? -1 : a.baseName > b.baseName ? 1 : 0) : a.file.family === 'inet' ? -1 : 1));
  for (const input of ordered) {
    const check = checkInterfaceName(input.file.fileName!.interfaceName);
    if (check.kind !== 'valid') continue;
    const iface = configOf(check.name.physical);
    iface.files.push(input);
    const logicalFile = (check.name.unit ?? 0) > 0;
    for (const command of input.file.commands) {
      if (logicalFile || command.dhcpKeyword || !commandRuns(input.file, command)) continue;
      const unit = command.segments[0];
      for (const use of unit?.keywords ?? []) {
        if (use.spec.name === 'group' && use.argument) iface.groupUses.push({ input, use });
        if (use.spec.name === 'standby') iface.standbyUses.push({ input, use, command });
      }
    }
  }

  const state = boot.state;
  for (const phyint of state.phyints.values()) {
    if (phyint.name === 'lo0') continue;
    const iface = configOf(phyint.name);
    for (const family of ['inet', 'inet6'] as const) if (phyint.ills[family]) iface.families.add(family);
    iface.group = phyint.groupname || undefined;
    iface.standby = phyint.flags.has('STANDBY');
  }

  for (const phyint of phyintsInOrder(state)) {
    for (const family of ['inet', 'inet6'] as const) {
      for (const lif of lifsOf(phyint, family)) {
        if (lif.placeholder || lif.dhcp) continue;
        const home = configOf(lif.home);
        let place: { input: InterfaceFileInput; command: HostnameCommand; segment: AddressSegment } | undefined;
        let token: Token | undefined;
        if (lif.addressOrigin?.word) {
          token = lif.addressOrigin.word.token;
          place = segmentOf.get(token);
          if (!place) {
            // A word the boot script moved (move_addresses) or a file the model does not list.
            const input = byUri.get(lif.addressOrigin.word.uri);
            const command = input?.file.commands.find((c) => c.line.words.includes(token!));
            if (input && command) place = { input, command, segment: command.segments[0]! };
          }
        } else if (lif.address.linkLocal && family === 'inet6' && lif.unit === 0) {
          // The link-local address of a NIC whose hostname6 file configures something.
          const input = home.files.find((f) => f.file.family === 'inet6' && !f.baseName.includes(':'));
          const command = input?.file.commands.find((c) => commandRuns(input.file, c) && !c.dhcpKeyword);
          if (input && command) place = { input, command, segment: command.segments[0]! };
        }
        if (!place) continue;
        const value: AddressValue = { family, ipv4: lif.address.ipv4, canonical: lif.address.canonical, linkLocal: lif.address.linkLocal };
        const maskSource = family === 'inet' ? MASK_SOURCES[lif.maskSource] : lif.maskSource === 'prefix' ? 'prefix' : undefined;
        const implicit = place.input.file.implicitNetmaskBroadcastUp === place.command && place.segment === place.command.segments[place.command.segments.length - 1];
        const netmask = findUse(place.segment, 'netmask');
        const address: ConfiguredAddress = {
          iface: home,
          input: place.input,
          family,
          command: place.command,
          segment: place.segment,
          token,
          value,
          resolved: lif.addressOrigin?.resolved,
          test: lif.flags.has('NOFAILOVER'),
          deprecated: lif.flags.has('DEPRECATED'),
          up: lif.flags.has('UP'),
          runs: true,
          netmask,
          implicitNetmask: implicit && !netmask,
          prefixLength: family === 'inet' ? prefixOfMask(lif.mask) : lif.prefixLength,
          maskSource,
          netmasksEntry: lif.maskSource === 'netmasks' ? lif.netmasksEntry : undefined,
          hostedOn: phyint.name === lif.home ? undefined : lifName(phyint.name, lif.unit),
          commandFailed: lif.addressOrigin?.commandId !== undefined && boot.commands[lif.addressOrigin.commandId]?.status === 'failed',
        };
        home.addresses.push(address);
        addresses.push(address);
      }
    }
  }

  const groups = new Map<string, IpmpGroup>();
  for (const iface of interfaces.values()) {
    if (!iface.group) continue;
    const group = groups.get(iface.group) ?? { name: iface.group, members: [] };
    group.members.push(iface);
    groups.set(iface.group, group);
  }
  // Words ifconfig read, by their place in the files.
  const reachedWords = new Set<Token>();
  const epilogues = new Map<HostnameCommand['line'], boolean>();
  for (const outcome of boot.commands) {
    const args = outcome.command.args;
    for (const effect of outcome.words) {
      const arg = args[effect.index]!;
      // The word ifconfig stopped at was read, but not applied.
      if (effect.role === 'not-reached' || effect.failed) continue;
      if (arg.ref) reachedWords.add(arg.ref.token);
    }
    const line = outcome.command.source?.line;
    const firstImplicit = args.findIndex((a) => a.implicit);
    if (line && firstImplicit !== -1 && outcome.command.phase === 'configure') {
      epilogues.set(line, outcome.words[firstImplicit]?.role !== 'not-reached');
    }
  }
  return {
    interfaces,
    groups,
    addresses,
    release: inputs.release,
    failoverImpliesDeprecated,
    boot,
    reached: (token) => reachedWords.has(token),
    epilogueReached: (command) => epilogues.get(command.line) ?? false,
  };
}

/** The network an IPv4 address is on, as `a.b.c.d/len`, when its mask is known. */
export function subnetOf(address: ConfiguredAddress): string | undefined {
  if (address.value?.ipv4 === undefined || address.prefixLength === undefined) return undefined;
  const net = (address.value.ipv4 & prefixMask(address.prefixLength)) >>> 0;
  return `${formatIPv4(net)}/${address.prefixLength}`;
}

/** How an address is named in messages: `web1-ce0-test (192.168.10.11) on ce0`. */
export function describeAddress(address: ConfiguredAddress): string {
  const word = address.token?.text ?? 'the link-local address';
  const value = address.value && address.token && address.value.canonical !== address.token.text.split('/')[0] ? ` (${address.value.canonical})` : '';
  return `${word}${value} on ${address.iface.name}`;
}
