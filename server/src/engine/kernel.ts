/**
 * What the Solaris 10 kernel does on its own when interfaces change, for classic IPMP
 * (reference §3.5, §3.6; the research behind it: ip_if.c's ip_sioctl_flags,
 * phyint_standby_inactive, ipif_move and ill_move at the 2005 OpenSolaris import):
 *
 * - a NIC marked `standby` is INACTIVE while it hosts no address of another NIC;
 * - a new logical interface asked for on a NIC that is FAILED, OFFLINE or INACTIVE is made on
 *   another member of its group (that is why ifconfig's `-failover` check exists);
 * - moving a NIC's addresses (failover, failback) takes every address that is not a test
 *   address, the IPv6 link-local one excepted; each gets the lowest free unit on its new NIC, and
 *   a moved unit 0 leaves a 0.0.0.0 placeholder behind.
 */
import type { AddressFamily } from '../catalog/keywords';
import { sortByKey } from '../syntax/text';
import {
  UNSPECIFIED_V4,
  UNSPECIFIED_V6,
  groupMembers,
  hasAddress,
  lifName,
  type IpInstance,
  type LogicalInterface,
  type Phyint,
  type SystemState,
} from './state';

/** The lowest free logical unit of an IP instance, from 1 (unit 0 is the NIC itself). */
export function lowestFreeUnit(ill: IpInstance, from = 1): number {
  let unit = from;
  while (ill.lifs.has(unit)) unit++;
  return unit;
}

/** A NIC that takes no new addresses: failed, offline or an unused standby. */
export function refusesNewAddresses(phyint: Phyint): boolean {
  return phyint.flags.has('FAILED') || phyint.flags.has('OFFLINE') || phyint.flags.has('INACTIVE');
}

/**
 * Where the kernel puts a new logical interface asked for on `phyint`: there, unless the NIC
 * takes no new addresses and another member of its group does (the first such member in plumb
 * order, plumbed for the same family).
 */
export function placeNewLogical(state: SystemState, phyint: Phyint, family: AddressFamily): Phyint {
  if (!phyint.groupname || !refusesNewAddresses(phyint)) return phyint;
  for (const other of groupMembers(state, phyint.groupname)) {
    if (other !== phyint && other.ills[family] && !refusesNewAddresses(other)) return other;
  }
  return phyint;
}

/** Whether a NIC hosts an address that belongs to another NIC. */
export function hostsForeignAddresses(phyint: Phyint): boolean {
  for (const family of ['inet', 'inet6'] as const) {
    for (const lif of phyint.ills[family]?.lifs.values() ?? []) if (lif.home !== phyint.name) return true;
  }
  return false;
}

/** phyint_standby_inactive: a standby is INACTIVE exactly while it hosts no other NIC's address. */
export function updateInactive(phyint: Phyint): void {
  if (!phyint.flags.has('STANDBY')) {
    phyint.flags.delete('INACTIVE');
    return;
  }
  if (hostsForeignAddresses(phyint)) phyint.flags.delete('INACTIVE');
  else phyint.flags.add('INACTIVE');
}

/** A record of one address that moved, for the failure preview. */
export interface AddressMove {
  readonly family: AddressFamily;
  readonly address: string;
  readonly from: string;
  readonly to: string;
  readonly up: boolean;
}

/**
 * ipif_move: whether the kernel moves this logical interface. Test addresses (NOFAILOVER) stay,
 * the IPv6 link-local address is tied to the NIC, and a 0.0.0.0 placeholder has nothing to move.
 */
export function moves(lif: LogicalInterface): boolean {
  if (lif.flags.has('NOFAILOVER')) return false;
  if (lif.family === 'inet6' && lif.address.linkLocal) return false;
  return hasAddress(lif);
}

/**
 * ill_move (SIOCLIFFAILOVER / SIOCLIFFAILBACK): moves the addresses of `from` that the kernel
 * moves (for a failback only those whose home is `to`) onto `to`, IPv4 first, then IPv6, in
 * unit order. A failback puts an address back on its old unit when that unit is free.
 */
export function moveAddresses(from: Phyint, to: Phyint, kind: 'failover' | 'failback'): AddressMove[] {
  const moved: AddressMove[] = [];
  for (const family of ['inet', 'inet6'] as const) {
    const source = from.ills[family];
    const target = to.ills[family];
    if (!source || !target) continue;
    for (const lif of sortByKey([...source.lifs.values()], (l) => l.unit)) {
      if (!moves(lif)) continue;
      if (kind === 'failback' && lif.home !== to.name) continue;
      let unit: number;
      if (kind === 'failback' && lif.homeUnit === 0) {
        // The returning unit 0 address replaces the placeholder left at failover.
        unit = 0;
      } else if (kind === 'failback' && !target.lifs.has(lif.homeUnit)) {
        unit = lif.homeUnit;
      } else {
        unit = target.lifs.has(0) ? lowestFreeUnit(target) : 0;
      }
      const placed: LogicalInterface = { ...lif, unit, flags: new Set(lif.flags), flagWords: new Map(lif.flagWords) };
      source.lifs.delete(lif.unit);
      if (lif.unit === 0) source.lifs.set(0, placeholder(lif));
      target.lifs.set(unit, placed);
      moved.push({ family, address: lif.dhcp ? '(DHCP address)' : lif.address.canonical, from: lifName(from.name, lif.unit), to: lifName(to.name, unit), up: lif.flags.has('UP') });
    }
  }
  updateInactive(from);
  updateInactive(to);
  return moved;
}

/** What stays at unit 0 of a NIC whose own address moved away: 0.0.0.0, down, NOFAILOVER. */
function placeholder(lif: LogicalInterface): LogicalInterface {
  const flags = new Set(lif.flags);
  flags.delete('UP');
  flags.add('NOFAILOVER');
  return {
    unit: 0,
    family: lif.family,
    address: lif.family === 'inet' ? UNSPECIFIED_V4 : UNSPECIFIED_V6,
    mask: 0,
    prefixLength: lif.family === 'inet6' ? 0 : undefined,
    maskSource: 'unset',
    broadcast: lif.family === 'inet' ? 0 : undefined,
    flags,
    flagWords: new Map(),
    home: lif.home,
    homeUnit: 0,
    placeholder: true,
  };
}
