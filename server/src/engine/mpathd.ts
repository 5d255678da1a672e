/**
 * in.mpathd of Solaris 10 (classic IPMP, reference §3; the research notes name the functions
 * of mpd_main.c and mpd_probe.c): which address it probes from on each NIC, what it logs about
 * the configuration, where it moves addresses when a NIC fails, and what a repair brings back.
 *
 * The choice of a failover destination (get_failover_dst): the other members of the group, in
 * the order in.mpathd keeps them (it adds each new NIC at the head of its list, so the NIC
 * found last comes first; it finds them in interface-name order); a member must be running
 * and plumbed for every family the failed NIC has; the first unused standby (INACTIVE) wins at
 * once, otherwise the member with the fewest data addresses up (IPv4 and IPv6 together).
 */
import type { AddressFamily } from '../catalog/keywords';
import { readYesNo, strtolBase0, type MpathdFile } from '../syntax/mpathd';
import { moveAddresses, moves as kernelMoves, updateInactive, type AddressMove } from './kernel';
import { cloneState, groupMembers, groupNames, hasAddress, lifName, lifsOf, phyintsInOrder, type LogicalInterface, type Phyint, type SystemState } from './state';

export interface MpathdSettings {
  /** Milliseconds, after in.mpathd's checks. */
  readonly failureDetectionTime: number;
  readonly failback: boolean;
  readonly trackInterfacesOnlyWithGroups: boolean;
}

export const DEFAULT_MPATHD_SETTINGS: MpathdSettings = { failureDetectionTime: 10000, failback: true, trackInterfacesOnlyWithGroups: true };

/** NUM_PROBE_FAILS and NUM_PROBE_REPAIRS of mpd_defs.h. */
export const NUM_PROBE_FAILS = 5;
export const NUM_PROBE_REPAIRS = 10;

/** The settings in.mpathd ends up with, and what it logs while reading them (§3.9). */
export function readMpathdSettings(file: MpathdFile | undefined): { settings: MpathdSettings; log: string[] } {
  const log: string[] = [];
  let { failureDetectionTime, failback, trackInterfacesOnlyWithGroups } = DEFAULT_MPATHD_SETTINGS;
  const fdt = file?.effective.get('FAILURE_DETECTION_TIME');
  if (fdt) {
    const value = fdt.value.text;
    const r = strtolBase0(value);
    if (r.value <= 0) log.push(`Invalid failure detection time ${value}, assuming default 10000`);
    else if (r.value < 100) {
      log.push(`Too small failure detection time of ${value}, assuming minimum 100`);
      failureDetectionTime = 100;
    } else failureDetectionTime = r.value;
  }
  const yesNo = (name: 'FAILBACK' | 'TRACK_INTERFACES_ONLY_WITH_GROUPS', current: boolean): boolean => {
    const a = file?.effective.get(name);
    if (!a) return current;
    const v = readYesNo(a.value.text);
    if (v === undefined) {
      log.push(`Invalid value for ${name} ${a.value.text}`);
      return current;
    }
    return v === 'yes';
  };
  failback = yesNo('FAILBACK', failback);
  trackInterfacesOnlyWithGroups = yesNo('TRACK_INTERFACES_ONLY_WITH_GROUPS', trackInterfacesOnlyWithGroups);
  return { settings: { failureDetectionTime, failback, trackInterfacesOnlyWithGroups }, log };
}

// ---------------------------------------------------------------------------------------
// What in.mpathd sees

export interface ProbeSource {
  readonly family: AddressFamily;
  /** `ce0:1`. */
  readonly lif: string;
  readonly address: string;
  /** NOFAILOVER and DEPRECATED: in.mpathd's preferred kind. */
  readonly best: boolean;
  /** A data address used for probing: allowed only in a one-member group. */
  readonly dataAddress: boolean;
}

export type MemberRole = 'active' | 'standby' | 'inactive' | 'failed' | 'offline';

export interface GroupMemberView {
  readonly name: string;
  readonly role: MemberRole;
  readonly families: readonly AddressFamily[];
  /** The address in.mpathd probes from, per family. */
  readonly probes: readonly ProbeSource[];
  /** `probe` with a probe source, else `link` (link state only). */
  readonly detection: 'probe' | 'link';
  /** Data addresses up on this NIC (hosted here, wherever they belong). */
  readonly dataAddresses: readonly string[];
}

export interface GroupView {
  readonly name: string;
  readonly members: readonly GroupMemberView[];
}

export interface MpathdView {
  /** in.mpathd keeps running: some NIC needs tracking. */
  readonly running: boolean;
  readonly settings: MpathdSettings;
  readonly groups: readonly GroupView[];
  /** Messages in.mpathd logs about the configuration (syslog), word for word. */
  readonly log: readonly string[];
  /** Per NIC, the test address in.mpathd found twice in the host. */
  readonly duplicateTestAddresses: readonly { readonly nic: string; readonly address: string }[];
}

/**
 * select_test_ifs, per family: an address that is up, not NOXMIT, not NOLOCAL (IPv6: the
 * link-local one only); best NOFAILOVER + DEPRECATED, then NOFAILOVER; a plain data address
 * only in a one-member group.
 */
export function probeSource(phyint: Phyint, family: AddressFamily, singleton: boolean): ProbeSource | undefined {
  let chosen: LogicalInterface | undefined;
  for (const lif of lifsOf(phyint, family)) {
    if (family === 'inet6' && !lif.address.linkLocal) continue;
    if (!lif.flags.has('UP') || lif.flags.has('NOXMIT') || lif.flags.has('NOLOCAL') || !hasAddress(lif) || lif.dhcp) continue;
    const test = lif.flags.has('NOFAILOVER');
    if (test && lif.flags.has('DEPRECATED')) {
      chosen = lif;
      break;
    }
    if (!chosen || (!chosen.flags.has('NOFAILOVER') && test)) chosen = lif;
  }
  if (!chosen) return undefined;
  const dataAddress = !chosen.flags.has('NOFAILOVER');
  if (dataAddress && !singleton) return undefined;
  return {
    family,
    lif: lifName(phyint.name, chosen.unit),
    address: chosen.address.canonical,
    best: chosen.flags.has('NOFAILOVER') && chosen.flags.has('DEPRECATED'),
    dataAddress,
  };
}

function roleOf(phyint: Phyint): MemberRole {
  if (phyint.flags.has('OFFLINE')) return 'offline';
  if (phyint.flags.has('FAILED')) return 'failed';
  if (phyint.flags.has('INACTIVE')) return 'inactive';
  if (phyint.flags.has('STANDBY')) return 'standby';
  return 'active';
}

const BOTH: readonly AddressFamily[] = ['inet', 'inet6'];
const INET: readonly AddressFamily[] = ['inet'];
const INET6: readonly AddressFamily[] = ['inet6'];
const NEITHER: readonly AddressFamily[] = [];

/** The families a NIC is plumbed for (shared arrays: asked for several times per NIC and view). */
function familiesOf(phyint: Phyint): readonly AddressFamily[] {
  return phyint.ills.inet ? (phyint.ills.inet6 ? BOTH : INET) : phyint.ills.inet6 ? INET6 : NEITHER;
}

function upDataAddresses(phyint: Phyint): string[] {
  const out: string[] = [];
  for (const family of familiesOf(phyint)) {
    for (const lif of lifsOf(phyint, family)) {
      if (lif.flags.has('UP') && !lif.flags.has('NOFAILOVER') && hasAddress(lif)) out.push(lif.dhcp ? '(DHCP)' : lif.address.canonical);
    }
  }
  return out;
}

/** in.mpathd's view of the groups, and what it logs about them (check_config, initifs). */
export function mpathdView(state: SystemState, settings: MpathdSettings, readLog: readonly string[] = []): MpathdView {
  const groups: GroupView[] = [];
  const log: string[] = [...readLog];
  const duplicates: { nic: string; address: string }[] = [];
  const names = groupNames(state);
  // How many logical interfaces hold each address, to find a test address configured twice
  // (check_addr_unique). IPv4 and IPv6 addresses never share a canonical form.
  const seen = new Map<string, number>();
  for (const p of state.phyints.values()) {
    for (const family of familiesOf(p)) {
      for (const lif of p.ills[family]!.lifs.values()) {
        if (!hasAddress(lif) || lif.dhcp || lif.address.linkLocal) continue;
        seen.set(lif.address.canonical, (seen.get(lif.address.canonical) ?? 0) + 1);
      }
    }
  }
  for (const name of names) {
    const members = groupMembers(state, name);
    const singleton = members.length === 1;
    const views: GroupMemberView[] = [];
    for (const m of members) {
      const probes = familiesOf(m)
        .map((f) => probeSource(m, f, singleton))
        .filter((p): p is ProbeSource => p !== undefined);
      views.push({ name: m.name, role: roleOf(m), families: familiesOf(m), probes, detection: probes.length ? 'probe' : 'link', dataAddresses: upDataAddresses(m) });
      for (const probe of probes) {
        if ((seen.get(probe.address) ?? 0) > 1) {
          duplicates.push({ nic: m.name, address: probe.address });
          log.push(`Test address ${probe.address} is not unique; disabling probe-based failure detection`);
        }
      }
    }
    groups.push({ name, members: views });
    // check_config: families, then test addresses (logged about 20 s after start).
    for (const family of ['inet', 'inet6'] as const) {
      if (!members.some((m) => m.ills[family])) continue;
      for (const m of members) {
        if (!m.ills[family]) log.push(`NIC ${m.name} of group ${name} is not plumbed for ${family === 'inet' ? 'IPv4' : 'IPv6'} and may affect failover capability`);
      }
    }
    for (const v of views) {
      if (v.probes.length === 0 && v.role !== 'offline') log.push(`No test address configured on interface ${v.name}; disabling probe-based failure detection on it`);
    }
  }
  return { running: tracks(names, state, settings), settings, groups, log, duplicateTestAddresses: duplicates };
}

/** Does in.mpathd stay running? It exits at once when it has no interface to track. */
export function mpathdRuns(state: SystemState, settings: MpathdSettings): boolean {
  return tracks(groupNames(state), state, settings);
}

function tracks(groups: readonly string[], state: SystemState, settings: MpathdSettings): boolean {
  return groups.length > 0 || (!settings.trackInterfacesOnlyWithGroups && [...state.phyints.values()].some((p) => p.name !== 'lo0'));
}

// ---------------------------------------------------------------------------------------
// Failover and repair

/** in.mpathd's list of a group's NICs: it puts each new one first, finding them in name order. */
export function mpathdOrder(state: SystemState, group: string): Phyint[] {
  return groupMembers(state, group)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .reverse();
}

/** Data addresses up on a NIC, IPv4 and IPv6 together (logint_upcount). */
function upCount(phyint: Phyint): number {
  let n = 0;
  for (const family of familiesOf(phyint)) {
    for (const lif of lifsOf(phyint, family)) if (lif.flags.has('UP') && !lif.flags.has('NOFAILOVER')) n++;
  }
  return n;
}

/**
 * get_failover_dst. `toNonStandby`: moving a standby's own data addresses off it, where an
 * unused standby is not preferred.
 */
export function failoverDestination(state: SystemState, from: Phyint, toNonStandby = false): Phyint | undefined {
  if (!from.groupname) return undefined;
  let maybe: Phyint | undefined;
  for (const candidate of mpathdOrder(state, from.groupname)) {
    if (candidate === from || candidate.flags.has('OFFLINE')) continue;
    if ((from.ills.inet && !candidate.ills.inet) || (from.ills.inet6 && !candidate.ills.inet6)) continue;
    if (candidate.flags.has('FAILED') || !candidate.flags.has('RUNNING')) continue;
    if (candidate.flags.has('INACTIVE') && !toNonStandby) return candidate;
    if (!maybe || upCount(candidate) < upCount(maybe)) maybe = candidate;
  }
  return maybe;
}

/**
 * What in.mpathd does when it starts (net-init runs `in.mpathd -a`): a standby that still holds
 * data addresses of its own (it is INACTIVE) has them moved to an active member, silently.
 */
export function startMpathd(state: SystemState): AddressMove[] {
  const moved: AddressMove[] = [];
  for (const p of phyintsInOrder(state)) {
    if (!p.groupname || !p.flags.has('INACTIVE')) continue;
    const hasData = familiesOf(p).some((f) => lifsOf(p, f).some((l) => !l.flags.has('NOFAILOVER') && hasAddress(l) && !(f === 'inet6' && l.address.linkLocal)));
    if (!hasData) continue;
    const to = failoverDestination(state, p, true);
    if (to) moved.push(...moveAddresses(p, to, 'failover'));
  }
  return moved;
}

export interface FailureStage {
  readonly state: SystemState;
  readonly log: readonly string[];
  readonly moves: readonly AddressMove[];
}

export interface FailureSimulation {
  readonly nic: string;
  readonly group?: string;
  /** How in.mpathd notices the failure. */
  readonly detection: 'link' | 'probe' | 'untracked';
  /** The member addresses moved to, if any. */
  readonly destination?: string;
  readonly failed: FailureStage;
  readonly repaired: FailureStage;
  /** Data addresses that stay on the failed NIC with nowhere to go: unreachable until it is repaired. */
  readonly stranded: readonly string[];
  /** Test addresses that stay on the failed NIC (they keep probing for the repair). */
  readonly testAddressesStay: readonly string[];
}

/** The failure of one NIC, and its repair, as in.mpathd and the kernel handle them (§3.5). */
export function simulateFailure(booted: SystemState, nic: string, settings: MpathdSettings): FailureSimulation | undefined {
  const state = cloneState(booted);
  const phyint = state.phyints.get(nic);
  if (!phyint || nic === 'lo0') return undefined;
  const group = phyint.groupname || undefined;
  const tracked = group !== undefined || !settings.trackInterfacesOnlyWithGroups;
  const singleton = group ? groupMembers(state, group).length === 1 : true;
  const probing = familiesOf(phyint).some((f) => probeSource(phyint, f, singleton));
  const log: string[] = [];
  const moves: AddressMove[] = [];
  let destination: Phyint | undefined;
  phyint.flags.delete('RUNNING');
  if (!tracked) {
    log.push(`(in.mpathd does not track ${nic}: it is in no group, and TRACK_INTERFACES_ONLY_WITH_GROUPS is yes)`);
  } else {
    log.push(`The link has gone down on ${nic}`);
    log.push(group ? `NIC failure detected on ${nic} of group ${group}` : `NIC failure detected on ${nic}`);
    phyint.flags.add('FAILED');
    if (group && !phyint.flags.has('INACTIVE')) {
      destination = failoverDestination(state, phyint);
      if (destination) {
        moves.push(...moveAddresses(phyint, destination, 'failover'));
        log.push(`Successfully failed over from NIC ${nic} to NIC ${destination.name}`);
      }
    }
  }
  const stranded = familiesOf(phyint).flatMap((f) =>
    lifsOf(phyint, f)
      .filter((l) => kernelMoves(l) && l.flags.has('UP'))
      .map((l) => `${l.dhcp ? '(DHCP address)' : l.address.canonical} (${lifName(nic, l.unit)})`),
  );
  const testAddressesStay = familiesOf(phyint).flatMap((f) =>
    lifsOf(phyint, f)
      .filter((l) => l.flags.has('NOFAILOVER') && hasAddress(l) && !l.placeholder)
      .map((l) => `${l.address.canonical} (${lifName(nic, l.unit)})`),
  );
  const failedState = cloneState(state);

  // The repair: the link comes back and (with a test address) probes are answered again.
  const repairLog: string[] = [];
  const returned: AddressMove[] = [];
  phyint.flags.add('RUNNING');
  if (tracked) {
    repairLog.push(`The link has come up on ${nic}`);
    repairLog.push(group ? `NIC repair detected on ${nic} of group ${group}` : `NIC repair detected on ${nic}`);
    const wasInactive = phyint.flags.has('INACTIVE');
    if (group && !wasInactive && settings.failback) {
      for (const other of groupMembers(state, group)) {
        if (other !== phyint) returned.push(...moveAddresses(other, phyint, 'failback'));
      }
      if (returned.length > 0) repairLog.push(`Successfully failed back to NIC ${nic}`);
    }
    phyint.flags.delete('FAILED');
    updateInactive(phyint);
    // A standby that is INACTIVE again and still holds data addresses of its own pushes them off.
    returned.push(...startMpathd(state));
  }
  return {
    nic,
    group,
    detection: !tracked ? 'untracked' : probing ? 'probe' : 'link',
    destination: destination?.name,
    failed: { state: failedState, log, moves },
    repaired: { state, log: repairLog, moves: returned },
    stranded,
    testAddressesStay,
  };
}
