/**
 * Interface names (reference §1.2): driver + instance (`ce0`, `e1000g1`), a logical unit
 * (`ce0:1`), legacy VLAN PPAs (`ce123000` = VLAN 123 on ce0), tunnels (`ip.tun0`), and
 * what net-physical's glob `hostname.*[0-9]` makes of backup copies.
 */
import { ownCopy } from './text';

/** LIFNAMSIZ is 32 including the terminating NUL. */
export const MAX_INTERFACE_NAME = 31;

export interface InterfaceName {
  readonly text: string;
  /** `ce0` for `ce0:1`. */
  readonly physical: string;
  readonly driver: string;
  /** The PPA as written (`123000` for a VLAN). */
  readonly ppa: number;
  /** The device instance: PPA modulo 1000 for a VLAN. */
  readonly instance: number;
  readonly vlan?: number;
  /** The logical unit after `:`; 0 or undefined is the physical interface. */
  readonly unit?: number;
  readonly tunnel: boolean;
}

export type InterfaceNameCheck =
  | { readonly kind: 'valid'; readonly name: InterfaceName }
  /** net-physical never reads the file: the name does not match its glob. */
  | { readonly kind: 'skipped'; readonly reason: string }
  /** net-physical tries to plumb an interface by that name, and fails. */
  | { readonly kind: 'misread'; readonly reason: string }
  /** ifconfig rejects the name. */
  | { readonly kind: 'invalid'; readonly reason: string };

const BACKUP_WORDS = /(old|bak|back|backup|orig|save|sav|new|copy|prev|tmp|test|ipmp)$/i;

/**
 * Names already checked. A fleet names the same few interfaces (e1000g0, ce1, …) on every
 * host, and each is checked by the boot, the model and the rules; the answers are immutable.
 * Bounded: cleared when full.
 */
const checkedNames = new Map<string, InterfaceNameCheck>();
const MAX_CHECKED_NAMES = 4096;

export function checkInterfaceName(text: string): InterfaceNameCheck {
  let check = checkedNames.get(text);
  if (check === undefined) {
    check = checkInterfaceNameNow(text);
    if (checkedNames.size >= MAX_CHECKED_NAMES) checkedNames.clear();
    // A long name is not kept (it is invalid anyway, and could be any length).
    if (text.length <= 64) checkedNames.set(ownCopy(text), check);
  }
  return check;
}

function checkInterfaceNameNow(text: string): InterfaceNameCheck {
  if (!/[0-9]$/.test(text)) {
    return { kind: 'skipped', reason: `'${text}' does not end in a digit, so the boot script's glob never picks this file up` };
  }
  const tunnel = /^(ip|ip6)\.(6to4)?tun[0-9]+$/.exec(text);
  if (tunnel) {
    const ppa = Number(/[0-9]+$/.exec(text)![0]);
    return { kind: 'valid', name: { text, physical: text, driver: text.replace(/[0-9]+$/, ''), ppa, instance: ppa, tunnel: true } };
  }
  if (text.includes('.')) {
    return { kind: 'skipped', reason: `the boot script skips names with a further '.', so '${text}' is never configured` };
  }
  const m = /^([A-Za-z][A-Za-z0-9_]*?)([0-9]+)(?::([0-9]+))?$/.exec(text);
  if (!m || /[^A-Za-z0-9_:]/.test(text)) {
    return { kind: 'misread', reason: `the boot script reads '${text}' as an interface name and fails to plumb it` };
  }
  const driver = m[1]!;
  // `ce0old1` parses as driver `ce0old`: a backup copy, not a driver (§4.28).
  if (/[0-9]/.test(driver) && BACKUP_WORDS.test(driver)) {
    return { kind: 'misread', reason: `'${text}' looks like a backup copy, but the boot script reads it as interface '${text}' and fails to plumb it` };
  }
  if (text.length > MAX_INTERFACE_NAME) {
    return { kind: 'invalid', reason: `'${text}' is ${text.length} characters; interface names have at most ${MAX_INTERFACE_NAME}` };
  }
  const ppaText = m[2]!;
  const ppa = Number(ppaText);
  if (!Number.isSafeInteger(ppa)) return { kind: 'invalid', reason: `the instance number of '${text}' is out of range` };
  const unit = m[3] !== undefined ? Number(m[3]) : undefined;
  let vlan: number | undefined;
  if (ppa >= 1000) {
    vlan = Math.floor(ppa / 1000);
    if (vlan > 4094) {
      return { kind: 'invalid', reason: `'${text}' would be VLAN ${vlan} (PPA = VLAN id × 1000 + instance); VLAN ids stop at 4094` };
    }
  }
  return {
    kind: 'valid',
    name: {
      text,
      physical: `${driver}${ppaText}`,
      driver,
      ppa,
      instance: vlan === undefined ? ppa : ppa % 1000,
      vlan,
      unit,
      tunnel: false,
    },
  };
}

/** Whether a name is the IPMP meta-interface of OpenSolaris / Solaris 11 Express. */
export function isIpmpInterface(name: InterfaceName): boolean {
  return name.driver === 'ipmp';
}
