/**
 * Drift: the running system (a capture of `ifconfig -a`, and of `ipmpstat` where the release
 * has it) against what the next boot makes of the host's files (the simulated boot). Every
 * difference is one item: what a reboot would lose, add or change. Pure data in, data out.
 *
 * What is not drift:
 * - a data address on another member of its own group: in.mpathd moved it there (failover,
 *   or off a standby at start), and moves it as the group's state requires (reference §4);
 *   on OpenSolaris the data addresses live on the group's IPMP interface;
 * - logical unit numbers: addif takes the lowest free unit, so they depend on history;
 * - the link-local address's value (made from the MAC address) and 0.0.0.0 placeholders;
 * - an address the DHCP agent leases: only that the NIC runs DHCP is compared;
 * - flags the kernel manages (RUNNING, MULTICAST, ...): only UP, DEPRECATED, NOFAILOVER and
 *   DHCP per address, STANDBY per NIC, and the group.
 */
import type { AddressFamily } from '../catalog/keywords';
import { checkAddressLiteral, formatIPv4 } from '../syntax/address';
import type { CapturedInterface, IfconfigCapture, IpmpstatCapture } from '../syntax/capture';
import { lifName, lifsOf, prefixOfMask, type Flag, type LogicalInterface, type Phyint, type SystemState } from './state';

/** Per-address flags compared between the running system and the boot. */
export const DRIFT_ADDRESS_FLAGS = ['UP', 'DEPRECATED', 'NOFAILOVER', 'DHCP'] as const;
export type DriftFlag = (typeof DRIFT_ADDRESS_FLAGS)[number];

/** A logical interface of the boot's result. */
export interface BootedAddress {
  readonly nic: string;
  readonly family: AddressFamily;
  readonly phyint: Phyint;
  readonly lif: LogicalInterface;
}

export type DriftItem =
  /** Runs now, no boot file makes it: the next reboot loses it. */
  | { readonly kind: 'address-lost'; readonly family: AddressFamily; readonly nic: string; readonly running: CapturedInterface; readonly address: string; readonly group?: string }
  /** The boot makes it, the running system does not have it: the next reboot adds it. */
  | { readonly kind: 'address-added'; readonly family: AddressFamily; readonly nic: string; readonly booted: BootedAddress; readonly address: string }
  /** One address on a different NIC than the boot puts it, and not by failover. */
  | { readonly kind: 'address-moved'; readonly family: AddressFamily; readonly nic: string; readonly runningNic: string; readonly running: CapturedInterface; readonly booted: BootedAddress; readonly address: string }
  /** Per-address flags that differ: `missing` the running system has and the boot does not set; `extra` the reverse. */
  | { readonly kind: 'flags'; readonly family: AddressFamily; readonly nic: string; readonly running: CapturedInterface; readonly booted: BootedAddress; readonly address: string; readonly missing: readonly DriftFlag[]; readonly extra: readonly DriftFlag[] }
  /** The mask (IPv4) or prefix length (IPv6) differs. */
  | { readonly kind: 'mask'; readonly family: AddressFamily; readonly nic: string; readonly running: CapturedInterface; readonly booted: BootedAddress; readonly address: string; readonly runningMask: string; readonly bootMask: string; readonly runningValue: number }
  /** The NIC's group differs ('' for none). */
  | { readonly kind: 'group'; readonly nic: string; readonly runningGroup: string; readonly bootGroup: string; readonly phyint: Phyint; readonly runningAt: CapturedInterface }
  /** STANDBY set on one side only. */
  | { readonly kind: 'standby'; readonly nic: string; readonly running: boolean; readonly phyint: Phyint; readonly runningAt: CapturedInterface }
  /** The NIC runs FAILED, OFFLINE, or INACTIVE while the boot makes it an active member. */
  | { readonly kind: 'member-state'; readonly nic: string; readonly state: 'FAILED' | 'OFFLINE' | 'INACTIVE'; readonly group: string; readonly phyint?: Phyint; readonly runningAt?: CapturedInterface; readonly from: 'ifconfig' | 'ipmpstat' }
  /** A NIC (family) plumbed now that no boot file plumbs. */
  | { readonly kind: 'interface-lost'; readonly family: AddressFamily; readonly nic: string; readonly running: readonly CapturedInterface[] }
  /** A NIC (family) the boot plumbs that is not plumbed now. */
  | { readonly kind: 'interface-added'; readonly family: AddressFamily; readonly nic: string; readonly phyint: Phyint };

export interface DriftInput {
  /** The boot's result (the engine's state once the boot is over). */
  readonly booted: SystemState;
  readonly ifconfig: IfconfigCapture;
  readonly ipmpstat?: IpmpstatCapture;
}

export interface DriftResult {
  readonly items: readonly DriftItem[];
  /** Families the capture holds: a capture of `ifconfig -a4` says nothing about IPv6. */
  readonly families: readonly AddressFamily[];
}

const canonical = (text: string): string => {
  const check = checkAddressLiteral(text, { allowPrefix: false });
  return check.ok ? check.value.canonical : text.toLowerCase();
};

const isUnspecified = (address: string | undefined): boolean => address === undefined || address === '0.0.0.0' || address === '::';
const isLinkLocal = (address: string): boolean => /^fe[89ab][0-9a-f]?:/i.test(address);

interface RunningAddress {
  readonly entry: CapturedInterface;
  /** The NIC the address is on; for an IPMP interface (OpenSolaris) the interface itself. */
  readonly nic: string;
  readonly address: string;
}

/** Capture entries that hold an address worth comparing. */
function runningAddresses(capture: IfconfigCapture, family: AddressFamily): RunningAddress[] {
  const out: RunningAddress[] = [];
  for (const entry of capture.interfaces) {
    if (entry.family !== family || entry.physical === 'lo0' || !entry.address) continue;
    const address = canonical(entry.address);
    if (isUnspecified(address)) continue;
    if (family === 'inet6' && isLinkLocal(address) && entry.unit === 0) continue;
    out.push({ entry, nic: entry.physical, address });
  }
  return out;
}

/** Boot logical interfaces that hold an address worth comparing (DHCP ones apart). */
function bootedAddresses(state: SystemState, family: AddressFamily): { byAddress: Map<string, BootedAddress>; dhcp: BootedAddress[] } {
  const byAddress = new Map<string, BootedAddress>();
  const dhcp: BootedAddress[] = [];
  for (const phyint of state.phyints.values()) {
    if (phyint.name === 'lo0') continue;
    for (const lif of lifsOf(phyint, family)) {
      if (lif.dhcp) {
        dhcp.push({ nic: phyint.name, family, phyint, lif });
        continue;
      }
      if (lif.placeholder || lif.address.linkLocal) continue;
      const address = canonical(lif.address.canonical);
      if (isUnspecified(address)) continue;
      // The same address twice is duplicate-address's finding; the first one stands for both.
      if (!byAddress.has(address)) byAddress.set(address, { nic: phyint.name, family, phyint, lif });
    }
  }
  return { byAddress, dhcp };
}

/** The group each running NIC is in (`groupname` of any of its logical interfaces, either family). */
function runningGroups(capture: IfconfigCapture): Map<string, { group: string; at: CapturedInterface }> {
  const groups = new Map<string, { group: string; at: CapturedInterface }>();
  for (const entry of capture.interfaces) {
    if (entry.physical === 'lo0') continue;
    const known = groups.get(entry.physical);
    if (entry.group !== undefined && entry.group !== '' && (!known || !known.group)) groups.set(entry.physical, { group: entry.group, at: entry });
    else if (!known && entry.unit === 0) groups.set(entry.physical, { group: '', at: entry });
  }
  return groups;
}

const hasFlag = (entry: CapturedInterface, flag: string): boolean => entry.flags.some((f) => f.toUpperCase() === flag.toUpperCase());

/** The capture's NIC-wide flags (FAILED, OFFLINE, INACTIVE, STANDBY): on the NIC's unit-0 entries. */
function nicFlag(capture: IfconfigCapture, nic: string, flag: string): CapturedInterface | undefined {
  return capture.interfaces.find((e) => e.physical === nic && e.unit === 0 && hasFlag(e, flag));
}

function isIpmpInterface(capture: IfconfigCapture, nic: string): boolean {
  return capture.interfaces.some((e) => e.physical === nic && hasFlag(e, 'IPMP'));
}

function bootFlags(lif: LogicalInterface, phyint: Phyint): Set<Flag> {
  return new Set<Flag>([...lif.flags, ...phyint.flags]);
}

/** Compares a capture of the running system with the boot's result. */
export function compareWithRunning(input: DriftInput): DriftResult {
  const { booted, ifconfig } = input;
  const items: DriftItem[] = [];
  const families = (['inet', 'inet6'] as const).filter((f) => ifconfig.interfaces.some((e) => e.family === f));
  const groups = runningGroups(ifconfig);
  const runningGroupOf = (nic: string): string => groups.get(nic)?.group ?? '';
  const bootPhyint = (nic: string): Phyint | undefined => booted.phyints.get(nic);

  for (const family of families) {
    const running = runningAddresses(ifconfig, family);
    const { byAddress, dhcp } = bootedAddresses(booted, family);
    const matched = new Set<string>();
    for (const r of running) {
      const b = byAddress.get(r.address);
      if (!b) {
        if (hasFlag(r.entry, 'DHCP') && dhcp.some((d) => d.nic === r.nic)) continue;
        items.push({ kind: 'address-lost', family, nic: r.nic, running: r.entry, address: r.address, group: runningGroupOf(r.nic) || undefined });
        continue;
      }
      matched.add(r.address);
      if (r.nic !== b.nic && !byFailover(ifconfig, r, b, runningGroupOf)) {
        items.push({ kind: 'address-moved', family, nic: b.nic, runningNic: r.nic, running: r.entry, booted: b, address: r.address });
      }
      const want = bootFlags(b.lif, b.phyint);
      const missing = DRIFT_ADDRESS_FLAGS.filter((f) => hasFlag(r.entry, f) && !want.has(f));
      const extra = DRIFT_ADDRESS_FLAGS.filter((f) => !hasFlag(r.entry, f) && want.has(f));
      if (missing.length || extra.length) items.push({ kind: 'flags', family, nic: b.nic, running: r.entry, booted: b, address: r.address, missing, extra });
      const mask = maskDrift(r.entry, b);
      if (mask) items.push({ kind: 'mask', family, nic: b.nic, running: r.entry, booted: b, address: r.address, ...mask });
    }
    for (const [address, b] of byAddress) {
      if (matched.has(address)) continue;
      items.push({ kind: 'address-added', family, nic: b.nic, booted: b, address });
    }
    // DHCP: the lease is not the files' business; that the NIC runs the agent is.
    for (const d of dhcp) {
      const entry = ifconfig.interfaces.find((e) => e.family === family && e.physical === d.nic && e.unit === d.lif.unit);
      if (entry && !hasFlag(entry, 'DHCP')) {
        items.push({ kind: 'flags', family, nic: d.nic, running: entry, booted: d, address: entry.address ? canonical(entry.address) : lifName(d.nic, d.lif.unit), missing: [], extra: ['DHCP'] });
      }
    }

    // Plumbed NICs, per family.
    const runningNics = new Map<string, CapturedInterface[]>();
    for (const e of ifconfig.interfaces) {
      if (e.family !== family || e.physical === 'lo0') continue;
      runningNics.set(e.physical, [...(runningNics.get(e.physical) ?? []), e]);
    }
    for (const [nic, entries] of runningNics) {
      if (bootPhyint(nic)?.ills[family]) continue;
      // An IPMP interface's addresses are compared above; the interface itself comes from its group.
      if (isIpmpInterface(ifconfig, nic) && [...booted.phyints.values()].some((p) => p.groupname === runningGroupOf(nic))) continue;
      // Addresses of a NIC no file plumbs are reported with it.
      items.push({ kind: 'interface-lost', family, nic, running: entries });
    }
    for (const phyint of booted.phyints.values()) {
      if (phyint.name === 'lo0' || !phyint.ills[family] || runningNics.has(phyint.name)) continue;
      items.push({ kind: 'interface-added', family, nic: phyint.name, phyint });
    }
  }

  // Per NIC: group, standby, state.
  for (const phyint of booted.phyints.values()) {
    const at = groups.get(phyint.name);
    if (phyint.name === 'lo0' || !at) continue;
    if (at.group !== phyint.groupname) items.push({ kind: 'group', nic: phyint.name, runningGroup: at.group, bootGroup: phyint.groupname, phyint, runningAt: at.at });
    const standby = nicFlag(ifconfig, phyint.name, 'STANDBY');
    if (Boolean(standby) !== phyint.flags.has('STANDBY')) items.push({ kind: 'standby', nic: phyint.name, running: Boolean(standby), phyint, runningAt: standby ?? at.at });
  }
  const stated = new Set<string>();
  for (const [nic, at] of groups) {
    if (!at.group) continue;
    const phyint = bootPhyint(nic);
    for (const state of ['FAILED', 'OFFLINE', 'INACTIVE'] as const) {
      const entry = nicFlag(ifconfig, nic, state);
      if (!entry) continue;
      // A standby that is INACTIVE is doing its job.
      if (state === 'INACTIVE' && (hasFlag(entry, 'STANDBY') || phyint?.flags.has('STANDBY'))) continue;
      if (isIpmpInterface(ifconfig, nic)) continue;
      items.push({ kind: 'member-state', nic, state, group: at.group, phyint, runningAt: entry, from: 'ifconfig' });
      stated.add(nic);
      break;
    }
  }
  for (const row of input.ipmpstat?.interfaces ?? []) {
    if (stated.has(row.name)) continue;
    const state = /^failed$/i.test(row.state) ? 'FAILED' : /^offline$/i.test(row.state) ? 'OFFLINE' : undefined;
    if (!state) continue;
    stated.add(row.name);
    items.push({ kind: 'member-state', nic: row.name, state, group: row.group, phyint: bootPhyint(row.name), from: 'ipmpstat' });
  }
  // A NIC not plumbed at all is one finding, not one per address.
  const unplumbed = new Set(items.filter((i) => i.kind === 'interface-added').map((i) => `${i.nic}\0${(i as { family: AddressFamily }).family}`));
  return { items: items.filter((i) => i.kind !== 'address-added' || !unplumbed.has(`${i.nic}\0${i.family}`)), families };
}

/** A data address on another NIC of its group (or on the group's IPMP interface): in.mpathd put it there. */
function byFailover(capture: IfconfigCapture, r: RunningAddress, b: BootedAddress, groupOf: (nic: string) => string): boolean {
  if (b.lif.flags.has('NOFAILOVER') || hasFlag(r.entry, 'NOFAILOVER')) return false;
  const group = b.phyint.groupname;
  if (!group) return false;
  if (groupOf(r.nic) === group) return true;
  // OpenSolaris: `groupname` of the IPMP interface is the group.
  return isIpmpInterface(capture, r.nic) && (r.entry.group === group || groupOf(r.nic) === group);
}

function maskDrift(entry: CapturedInterface, b: BootedAddress): { runningMask: string; bootMask: string; runningValue: number } | undefined {
  if (b.family === 'inet') {
    if (entry.netmask === undefined || b.lif.maskSource === 'unset') return undefined;
    const bootMask = b.lif.mask >>> 0;
    const runningMask = entry.netmask >>> 0;
    if (bootMask === runningMask) return undefined;
    return { runningMask: describeMask(runningMask), bootMask: describeMask(bootMask), runningValue: runningMask };
  }
  if (entry.prefixLength === undefined || b.lif.prefixLength === undefined || entry.prefixLength === b.lif.prefixLength) return undefined;
  return { runningMask: `/${entry.prefixLength}`, bootMask: `/${b.lif.prefixLength}`, runningValue: entry.prefixLength };
}

/** `255.255.255.0 (/24)`. */
export function describeMask(mask: number): string {
  const dotted = formatIPv4(mask);
  const prefix = prefixOfMask(mask);
  return prefix === undefined ? dotted : `${dotted} (/${prefix})`;
}
