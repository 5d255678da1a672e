/**
 * The IPMP picture of one host, derived from its interface files: which physical
 * interfaces exist, their group and standby flag, and every address they configure with
 * its role (data or test), resolved value and the mask it ends up with at boot.
 * Pure: parsed files in, model out. The IPMP and resolution rules read only this.
 */
import { RELEASES, type Release } from '../catalog/releases';
import type { AddressFamily } from '../catalog/keywords';
import { checkAddressLiteral, checkNetmaskLiteral, looksLikeLiteral, prefixMask } from '../syntax/address';
import { commandRuns, type AddressSegment, type HostnameCommand, type HostnameFile, type KeywordUse } from '../syntax/hostname';
import { checkInterfaceName } from '../syntax/interfaceName';
import { classfulMask, matchNetmask, type NetmasksEntry, type NetmasksFile } from '../syntax/netmasks';
import type { Token } from '../syntax/token';
import { readHostsAddress } from './hostsRules';
import type { NameLookup, ResolvedName } from '../engine/names';

export interface InterfaceFileInput {
  readonly uri: string;
  readonly baseName: string;
  readonly file: HostnameFile;
}

export interface IpmpInputs {
  readonly interfaces: readonly InterfaceFileInput[];
  readonly names?: NameLookup;
  readonly netmasks?: { readonly uri: string; readonly label: string; readonly file: NetmasksFile };
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

/** Resolves an address word as ifconfig would for a family (§1.7): literal, else local files. */
export function resolveAddress(word: string, family: AddressFamily, names: NameLookup | undefined): { value?: AddressValue; resolved?: ResolvedName } {
  if (looksLikeLiteral(word)) {
    const check = checkAddressLiteral(word, { allowPrefix: true });
    if (!check.ok || check.value.family !== family) return {};
    const v = check.value;
    return { value: { family: v.family, ipv4: v.ipv4, canonical: v.canonical, linkLocal: v.linkLocal } };
  }
  for (const resolved of names?.resolveAll(word) ?? []) {
    const address = readHostsAddress(resolved.entry.address.text);
    if (!address || address.family !== family) continue;
    if (address.family === 'inet') {
      const canonical = [24, 16, 8, 0].map((s) => (address.ipv4 >>> s) & 255).join('.');
      return { value: { family: 'inet', ipv4: address.ipv4, canonical, linkLocal: false }, resolved };
    }
    return { value: { family: 'inet6', canonical: address.canonical, linkLocal: /^fe[89ab]/i.test(address.canonical) }, resolved };
  }
  return {};
}

function prefixOf(word: string): number | undefined {
  const slash = word.indexOf('/');
  if (slash === -1) return undefined;
  const n = Number(word.slice(slash + 1));
  return Number.isInteger(n) ? n : undefined;
}

export function buildIpmpHost(inputs: IpmpInputs): IpmpHost {
  const interfaces = new Map<string, InterfaceConfig>();
  const addresses: ConfiguredAddress[] = [];
  const failoverImpliesDeprecated = RELEASES.indexOf(inputs.release) >= RELEASES.indexOf('osol');

  // Boot order: IPv4 files (physical before logical, lexical), then IPv6 (§1.3, §1.5).
  const ordered = [...inputs.interfaces]
    .filter((i) => i.file.fileName && !i.file.isDhcpFile)
    .sort((a, b) => {
      const fa = a.file.family === 'inet' ? 0 : 1;
      const fb = b.file.family === 'inet' ? 0 : 1;
      return fa - fb || a.baseName.localeCompare(b.baseName);
    });

  for (const input of ordered) {
    const check = checkInterfaceName(input.file.fileName!.interfaceName);
    if (check.kind !== 'valid') continue;
    const physical = check.name.physical;
    let iface = interfaces.get(physical);
    if (!iface) {
      iface = { name: physical, files: [], families: new Set(), groupUses: [], standbyUses: [], standby: false, addresses: [] };
      interfaces.set(physical, iface);
    }
    iface.files.push(input);
    iface.families.add(input.file.family);
    const logicalFile = (check.name.unit ?? 0) > 0;

    for (const command of input.file.commands) {
      if (command.comment && command.line.words[0]?.start === command.comment.start) continue;
      if (command.dhcpKeyword || command.familyWord) continue;
      const runs = commandRuns(input.file, command);
      command.segments.forEach((segment, i) => {
        if (segment.kind === 'unit' && !logicalFile) {
          for (const use of segment.keywords) {
            if (use.spec.name === 'group' && use.argument) {
              iface!.groupUses.push({ input, use });
              if (runs) iface!.group = use.argument.text === '""' ? undefined : use.argument.text;
            }
            if ((use.spec.name === 'standby' || use.spec.name === '-standby') && runs) {
              if (use.spec.name === 'standby') iface!.standbyUses.push({ input, use, command });
              iface!.standby = use.spec.name === 'standby';
            }
          }
        }
        const implicit = input.file.implicitNetmaskBroadcastUp === command && i === command.segments.length - 1;
        const hasAddress = segment.address !== undefined && segment.address.text !== '+';
        // A hostname6 physical interface always has its link-local address (§3.2).
        const implicitLinkLocal = !hasAddress && segment.kind === 'unit' && !logicalFile && input.file.family === 'inet6';
        if (!hasAddress && !implicitLinkLocal) return;

        const upDown = lastOf(segment, 'up', 'down');
        const up = upDown === 'up' || (upDown === undefined && (implicit || (input.file.family === 'inet6' && segment.kind === 'unit')));
        const test = lastOf(segment, '-failover', 'failover') === '-failover';
        const deprecatedFlag = lastOf(segment, 'deprecated', '-deprecated') === 'deprecated';
        const family = input.file.family;

        let value: AddressValue | undefined;
        let resolved: ResolvedName | undefined;
        if (hasAddress) ({ value, resolved } = resolveAddress(segment.address!.text, family, inputs.names));
        else value = { family: 'inet6', canonical: 'fe80::(link-local)', linkLocal: true };

        const netmask = findUse(segment, 'netmask');
        let prefixLength: number | undefined;
        let maskSource: MaskSource | undefined;
        let netmasksEntry: NetmasksEntry | undefined;
        if (family === 'inet' && value?.ipv4 !== undefined) {
          const plus = implicit || netmask?.argument?.text === '+';
          const match = inputs.netmasks ? matchNetmask(inputs.netmasks.file, value.ipv4) : undefined;
          const explicitPrefix = hasAddress ? prefixOf(segment.address!.text) : undefined;
          const explicitMask = netmask?.argument && netmask.argument.text !== '+' ? checkNetmaskLiteral(netmask.argument.text) : undefined;
          // net-svc re-runs `netmask +` on every up IPv4 address after boot (§1.8).
          if (match && (plus || up)) {
            prefixLength = 32 - Math.log2((~match.mask >>> 0) + 1);
            maskSource = 'netmasks';
            netmasksEntry = match.entry;
          } else if (explicitMask?.ok) {
            prefixLength = explicitMask.prefixLength;
            maskSource = 'explicit';
          } else if (explicitPrefix !== undefined) {
            prefixLength = explicitPrefix;
            maskSource = 'prefix';
          } else {
            const mask = classfulMask(value.ipv4);
            prefixLength = 32 - Math.log2((~mask >>> 0) + 1);
            maskSource = 'classful';
          }
        } else if (family === 'inet6' && hasAddress) {
          prefixLength = prefixOf(segment.address!.text);
          maskSource = prefixLength === undefined ? undefined : 'prefix';
        }

        const address: ConfiguredAddress = {
          iface: iface!,
          input,
          family,
          command,
          segment,
          token: hasAddress ? segment.address : undefined,
          value,
          resolved,
          test,
          deprecated: deprecatedFlag || (test && failoverImpliesDeprecated),
          up,
          runs,
          netmask,
          implicitNetmask: implicit && !netmask,
          prefixLength,
          maskSource,
          netmasksEntry,
        };
        iface!.addresses.push(address);
        addresses.push(address);
      });
    }
  }

  // dhcp.<if>: the interface gets a DHCP data address (§1.9).
  for (const input of inputs.interfaces) {
    if (!input.file.isDhcpFile || !input.file.fileName) continue;
    const iface = interfaces.get(input.file.fileName.interfaceName);
    if (iface) iface.families.add('inet');
  }

  const groups = new Map<string, IpmpGroup>();
  for (const iface of interfaces.values()) {
    if (!iface.group) continue;
    const group = groups.get(iface.group) ?? { name: iface.group, members: [] };
    group.members.push(iface);
    groups.set(iface.group, group);
  }
  return { interfaces, groups, addresses, release: inputs.release, failoverImpliesDeprecated };
}

/** The network an IPv4 address is on, as `a.b.c.d/len`, when its mask is known. */
export function subnetOf(address: ConfiguredAddress): string | undefined {
  if (address.value?.ipv4 === undefined || address.prefixLength === undefined) return undefined;
  const net = (address.value.ipv4 & prefixMask(address.prefixLength)) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${address.prefixLength}`;
}

/** How an address is named in messages: `web1-ce0-test (192.168.10.11) on ce0`. */
export function describeAddress(address: ConfiguredAddress): string {
  const word = address.token?.text ?? 'the link-local address';
  const value = address.value && address.token && address.value.canonical !== address.token.text.split('/')[0] ? ` (${address.value.canonical})` : '';
  return `${word}${value} on ${address.iface.name}`;
}
