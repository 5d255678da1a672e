/**
 * The interface state of a simulated Solaris host: what `ifconfig -a` would print. Physical
 * interfaces (phyints) hold one IP instance (ill) per address family, each with its logical
 * interfaces (ipifs, `ce0`, `ce0:1`, ...). Flags live where the kernel keeps them: some per
 * logical interface, some per ill (family), some per phyint (both families) — reference §2,
 * §3.5 and the `if_flags_tbl` of ifconfig.
 *
 * The state is plain data, copied before every change the engine makes, so each stage of a
 * boot or a failure can be kept and shown.
 */
import type { AddressFamily } from '../catalog/keywords';
import type { ResolvedName } from './names';
import type { NetmasksEntry } from '../syntax/netmasks';
import type { WordRef } from './command';
import { sortByKey } from '../syntax/text';

/** IFF_* flags in the order ifconfig prints them (if_flags_tbl), with their bit values. */
export const FLAG_BITS = {
  UP: 0x1n,
  BROADCAST: 0x2n,
  DEBUG: 0x4n,
  LOOPBACK: 0x8n,
  POINTOPOINT: 0x10n,
  NOTRAILERS: 0x20n,
  RUNNING: 0x40n,
  NOARP: 0x80n,
  PROMISC: 0x100n,
  ALLMULTI: 0x200n,
  INTELLIGENT: 0x400n,
  MULTICAST: 0x800n,
  MULTI_BCAST: 0x1000n,
  UNNUMBERED: 0x2000n,
  DHCP: 0x4000n,
  PRIVATE: 0x8000n,
  NOXMIT: 0x10000n,
  NOLOCAL: 0x20000n,
  DEPRECATED: 0x40000n,
  ADDRCONF: 0x80000n,
  ROUTER: 0x100000n,
  NONUD: 0x200000n,
  ANYCAST: 0x400000n,
  NORTEXCH: 0x800000n,
  IPv4: 0x1000000n,
  IPv6: 0x2000000n,
  MIP: 0x4000000n,
  NOFAILOVER: 0x8000000n,
  FAILED: 0x10000000n,
  STANDBY: 0x20000000n,
  INACTIVE: 0x40000000n,
  OFFLINE: 0x80000000n,
  XRESOLV: 0x100000000n,
  CoS: 0x200000000n,
  PREFERRED: 0x400000000n,
  TEMPORARY: 0x800000000n,
  FIXEDMTU: 0x1000000000n,
  VIRTUAL: 0x2000000000n,
  IPMP: 0x8000000000n,
} as const;

export type Flag = keyof typeof FLAG_BITS;

/** Flags the kernel keeps per physical interface: both families show them. */
export const PHYINT_FLAGS: readonly Flag[] = ['RUNNING', 'FAILED', 'STANDBY', 'INACTIVE', 'OFFLINE', 'PROMISC', 'ALLMULTI', 'VIRTUAL', 'IPMP'];
/** Flags kept per IP instance (one family of one NIC): every logical interface of it shows them. */
export const ILL_FLAGS: readonly Flag[] = ['BROADCAST', 'LOOPBACK', 'POINTOPOINT', 'NOARP', 'MULTICAST', 'ROUTER', 'NONUD', 'IPv4', 'IPv6', 'NOTRAILERS', 'XRESOLV', 'FIXEDMTU'];

/** An address with its family; IPv4 also as a number. */
export interface Address {
  readonly family: AddressFamily;
  readonly canonical: string;
  readonly ipv4?: number;
  readonly linkLocal: boolean;
}

export const UNSPECIFIED_V4: Address = { family: 'inet', canonical: '0.0.0.0', ipv4: 0, linkLocal: false };
export const UNSPECIFIED_V6: Address = { family: 'inet6', canonical: '::', linkLocal: false };
/** The link-local address every IPv6 interface gets at plumb time, made from its MAC address. */
export const LINK_LOCAL: Address = { family: 'inet6', canonical: 'fe80::<from the MAC address>', linkLocal: true };

/** Where a logical interface's mask came from. */
export type MaskSource = 'unset' | 'classful' | 'prefix' | 'netmask' | 'netmasks' | 'link-local';

/** How an address came to be (for messages and for the rules). */
export interface AddressOrigin {
  /** The word that set it, when a file holds it. */
  readonly word?: WordRef;
  /** The command that set it. */
  readonly commandId?: number;
  /** The name looked up in hosts/ipnodes, when it was a name. */
  readonly resolved?: ResolvedName;
  readonly how: 'literal' | 'name' | 'link-local' | 'dhcp' | 'moved' | 'all-ones';
}

export interface LogicalInterface {
  /** Logical unit: 0 is the physical interface itself. */
  readonly unit: number;
  readonly family: AddressFamily;
  address: Address;
  addressOrigin?: AddressOrigin;
  /** IPv4 mask as a number; IPv6 prefix length in `prefixLength`. */
  mask: number;
  prefixLength?: number;
  maskSource: MaskSource;
  /** The netmasks entry `netmask +` used. */
  netmasksEntry?: NetmasksEntry;
  /** The word that set the mask (a `netmask` argument, a `/len`). */
  maskWord?: WordRef;
  broadcast?: number;
  destination?: Address;
  /** Per-address flags (UP, DEPRECATED, NOFAILOVER, ...). */
  readonly flags: Set<Flag>;
  /** Words that set each per-address flag last, for messages. */
  readonly flagWords: Map<Flag, WordRef>;
  /** The NIC this address was configured on (it moves back there on failback). */
  home: string;
  /** The unit it had there. */
  homeUnit: number;
  zone?: string;
  metric?: number;
  /** The address comes from the DHCP agent: not known until the lease. */
  dhcp?: boolean;
  /** The 0.0.0.0 the kernel leaves at unit 0 when the NIC's own address fails over. */
  placeholder?: boolean;
}

export interface IpInstance {
  readonly family: AddressFamily;
  /** Per-family flags. */
  readonly flags: Set<Flag>;
  mtu: number;
  /** Logical interfaces by unit. */
  readonly lifs: Map<number, LogicalInterface>;
  /** The word that plumbed this family (a hostname or hostname6 file's plumb). */
  plumbedBy?: string;
}

export interface Phyint {
  readonly name: string;
  readonly index: number;
  groupname: string;
  /** Word that set the group last. */
  groupWord?: WordRef;
  /** Per-NIC flags (STANDBY, FAILED, INACTIVE, OFFLINE, RUNNING). */
  readonly flags: Set<Flag>;
  readonly ills: Partial<Record<AddressFamily, IpInstance>>;
  /** `standby` set last by this word. */
  standbyWord?: WordRef;
  /** OpenSolaris/Solaris 11 Express: this is an IPMP meta-interface (`ifconfig ipmp0 ipmp`). */
  ipmp?: boolean;
  ether?: string;
  usesrc?: string;
}

export interface SystemState {
  readonly phyints: Map<string, Phyint>;
  nextIndex: number;
}

export function emptyState(): SystemState {
  return { phyints: new Map(), nextIndex: 1 };
}

/** A deep copy: stages of a boot or a failure are kept side by side. */
export function cloneState(state: SystemState): SystemState {
  const phyints = new Map<string, Phyint>();
  for (const [name, p] of state.phyints) {
    const ills: Partial<Record<AddressFamily, IpInstance>> = {};
    for (const family of ['inet', 'inet6'] as const) {
      const ill = p.ills[family];
      if (!ill) continue;
      const lifs = new Map<number, LogicalInterface>();
      for (const [unit, lif] of ill.lifs) lifs.set(unit, { ...lif, flags: new Set(lif.flags), flagWords: new Map(lif.flagWords) });
      ills[family] = { ...ill, flags: new Set(ill.flags), lifs };
    }
    phyints.set(name, { ...p, flags: new Set(p.flags), ills });
  }
  return { phyints, nextIndex: state.nextIndex };
}

/** `ce0` for unit 0, `ce0:3` otherwise. */
export function lifName(phyint: string, unit: number): string {
  return unit === 0 ? phyint : `${phyint}:${unit}`;
}

/** Every flag a logical interface shows: its own, its family's and its NIC's. */
export function shownFlags(phyint: Phyint, ill: IpInstance, lif: LogicalInterface): Flag[] {
  const all = new Set<Flag>([...phyint.flags, ...ill.flags, ...lif.flags]);
  return (Object.keys(FLAG_BITS) as Flag[]).filter((f) => all.has(f));
}

/** The `flags=` number ifconfig prints, in hex. */
export function flagsHex(flags: readonly Flag[]): string {
  let bits = 0n;
  for (const f of flags) bits |= FLAG_BITS[f];
  return bits.toString(16);
}

export { formatIPv4 } from '../syntax/address';

export function maskHex(mask: number): string {
  return (mask >>> 0).toString(16).padStart(8, '0');
}

export function prefixOfMask(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

export function maskOfPrefix(length: number): number {
  return length <= 0 ? 0 : length >= 32 ? 0xffffffff : (0xffffffff << (32 - length)) >>> 0;
}

/** Logical interfaces of a NIC in one family, by unit. */
export function lifsOf(phyint: Phyint, family: AddressFamily): LogicalInterface[] {
  const ill = phyint.ills[family];
  return ill ? sortByKey([...ill.lifs.values()], (l) => l.unit) : [];
}

/** A logical interface holds an address of its own (not 0.0.0.0 / ::). */
export function hasAddress(lif: LogicalInterface): boolean {
  return lif.dhcp === true || (lif.address.canonical !== '0.0.0.0' && lif.address.canonical !== '::');
}

/** A data address: it moves with failover (NOFAILOVER clear). */
export function isDataAddress(lif: LogicalInterface): boolean {
  return !lif.flags.has('NOFAILOVER');
}

/** Every NIC, in the order it was plumbed. */
export function phyintsInOrder(state: SystemState): Phyint[] {
  return sortByKey([...state.phyints.values()], (p) => p.index);
}

/** The NICs of a group, in the order they were plumbed. */
export function groupMembers(state: SystemState, group: string): Phyint[] {
  const members: Phyint[] = [];
  for (const p of state.phyints.values()) if (p.groupname === group && !p.ipmp) members.push(p);
  return sortByKey(members, (p) => p.index);
}

/** Group names in use, in the order their first member was plumbed. */
export function groupNames(state: SystemState): string[] {
  const names: string[] = [];
  for (const p of phyintsInOrder(state)) {
    if (p.groupname && !names.includes(p.groupname)) names.push(p.groupname);
  }
  return names;
}
