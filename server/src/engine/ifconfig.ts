/**
 * ifconfig, run against the simulated interface state the way Solaris 10's ifconfig.c reads
 * its arguments (reference §1.7, §2; the research notes name the functions):
 *
 * - after the interface (and an optional `inet`/`inet6`), `dhcp`/`auto-dhcp` hands the rest of
 *   the line to the DHCP sub-parser; nothing else looks at the family word;
 * - for IPv4 the whole line is first scanned for `netmask`: an explicit mask is looked up at
 *   once (a name that does not resolve ends the command before anything is applied), `netmask
 *   +` is kept for the address (from Solaris 10 8/07 on) or looked up for the address the
 *   interface has now (before);
 * - then each word, left to right: a keyword of the release's table is applied at once (a
 *   keyword of the other family ends the command: `Operation <kw> not supported for <af>`); a
 *   keyword that takes an argument takes the next word, whatever it is; any other word is an
 *   address — the first sets the local address, the next the destination; `addif` makes a new
 *   logical interface that the following words apply to.
 * - any failure prints ifconfig's message and ends the command (exit 1): the words before it
 *   stay applied, the words after it are never read.
 */
import { findKeyword, type AddressFamily, type KeywordSpec } from '../catalog/keywords';
import { RELEASES, ipnodesSearchedFirst, type Release } from '../catalog/releases';
import { matchNetmask, classfulMask, type NetmasksFile } from '../syntax/netmasks';
import type { ArgWord, BootCommand, CommandOutcome, EngineEvent, IfconfigErrorCode, WordEffect, WordRef } from './command';
import { placeNewLogical, lowestFreeUnit, updateInactive } from './kernel';
import type { NameLookup } from './names';
import { readPrefix, resolveWord, type Resolution } from './resolve';
import { sortByKey } from '../syntax/text';
import {
  LINK_LOCAL,
  UNSPECIFIED_V4,
  UNSPECIFIED_V6,
  formatIPv4,
  lifName,
  phyintsInOrder,
  maskOfPrefix,
  type AddressOrigin,
  type Flag,
  type IpInstance,
  type LogicalInterface,
  type Phyint,
  type SystemState,
} from './state';

export interface IfconfigEnv {
  readonly release: Release;
  readonly names?: NameLookup;
  readonly netmasks?: NetmasksFile;
  /** Whether the machine has this NIC (its driver and instance): plumb fails otherwise. Default: yes. */
  readonly nicPresent?: (name: string) => boolean;
  /** Where to note what commands did, for the rules. */
  readonly events?: EngineEvent[];
}

/** ifconfig ended the command: its message, exit status and the argument it was about. */
class Exit extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: IfconfigErrorCode,
    readonly argIndex?: number,
  ) {
    super(message);
  }
}

/** DHCP exit statuses (dhcpagent_ipc.h). */
const DHCP_EXIT_BADARGS = 3;

/** The first line of ifconfig's usage message, which it prints for a DHCP line it cannot read. */
export const USAGE_FIRST_LINE = 'usage: ifconfig <interface> | -a[ 4 | 6 | D ][ u | d ][ Z ]';

/** DHCP operations ifconfig passes to the agent (dhcp_string_to_request). */
const DHCP_OPERATIONS = ['start', 'drop', 'release', 'extend', 'inform', 'ping', 'status'] as const;

/** A keyword → flag table as a Map: it is asked for every keyword of every command. */
function flagKeywords(table: Record<string, { flag: Flag; on: boolean }>): ReadonlyMap<string, { readonly flag: Flag; readonly on: boolean }> {
  return new Map(Object.entries(table));
}

/** Where a flag is kept in the kernel. */
const LIF_FLAG_KEYWORDS = flagKeywords({
  up: { flag: 'UP', on: true },
  down: { flag: 'UP', on: false },
  private: { flag: 'PRIVATE', on: true },
  '-private': { flag: 'PRIVATE', on: false },
  xmit: { flag: 'NOXMIT', on: false },
  '-xmit': { flag: 'NOXMIT', on: true },
  local: { flag: 'NOLOCAL', on: false },
  '-local': { flag: 'NOLOCAL', on: true },
  anycast: { flag: 'ANYCAST', on: true },
  '-anycast': { flag: 'ANYCAST', on: false },
  deprecated: { flag: 'DEPRECATED', on: true },
  '-deprecated': { flag: 'DEPRECATED', on: false },
  preferred: { flag: 'PREFERRED', on: true },
  '-preferred': { flag: 'PREFERRED', on: false },
  failover: { flag: 'NOFAILOVER', on: false },
  '-failover': { flag: 'NOFAILOVER', on: true },
});
const ILL_FLAG_KEYWORDS = flagKeywords({
  trailers: { flag: 'NOTRAILERS', on: false },
  '-trailers': { flag: 'NOTRAILERS', on: true },
  arp: { flag: 'NOARP', on: false },
  '-arp': { flag: 'NOARP', on: true },
  router: { flag: 'ROUTER', on: true },
  '-router': { flag: 'ROUTER', on: false },
  nud: { flag: 'NONUD', on: false },
  '-nud': { flag: 'NONUD', on: true },
});
const PHYINT_FLAG_KEYWORDS = flagKeywords({
  standby: { flag: 'STANDBY', on: true },
  '-standby': { flag: 'STANDBY', on: false },
  failed: { flag: 'FAILED', on: true },
  '-failed': { flag: 'FAILED', on: false },
});

/** Keywords ifconfig's command table does not hold: recognised only in their own places. */
const NOT_IN_TABLE = new Set(['dhcp', 'auto-dhcp']);

/** The keyword a word is for ifconfig of this release, if any (exact case, §1.6). */
export function ifconfigKeyword(word: string, release: Release): KeywordSpec | undefined {
  const spec = findKeyword(word);
  if (!spec || NOT_IN_TABLE.has(spec.name) || !spec.releases.includes(release)) return undefined;
  return spec;
}

/** From Solaris 10 8/07 on, `netmask +` is looked up for the address being set (research: ifconfig.c 2008). */
function deferredNetmaskPlus(release: Release): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf('s10');
}

/** OpenSolaris after Clearview: `-failover` implies DEPRECATED (§2, Solaris 11 changes). */
function clearview(release: Release): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf('osol');
}

interface Target {
  readonly phyint: Phyint;
  readonly ill: IpInstance;
  readonly lif: LogicalInterface;
}

/** One ifconfig process. */
class Run {
  readonly out: string[] = [];
  readonly words: (WordEffect | undefined)[];
  name = '';
  origname = '';
  setaddr = 0;
  family: AddressFamily = 'inet';
  /** The IPv4 netmask pre-scan's result. */
  mask: { kind: 'nil' } | { kind: 'set'; mask: number; word?: WordRef } | { kind: 'pending'; word?: WordRef } = { kind: 'nil' };

  constructor(
    readonly state: SystemState,
    readonly command: BootCommand,
    readonly env: IfconfigEnv,
  ) {
    this.words = command.args.map(() => undefined);
  }

  get args(): readonly ArgWord[] {
    return this.command.args;
  }

  note(effect: WordEffect): void {
    this.words[effect.index] = effect;
  }

  fail(message: string, code: IfconfigErrorCode, argIndex?: number, status = 1): never {
    throw new Exit(status, message, code, argIndex);
  }

  // ------------------------------------------------------------------ interfaces

  /** The interface a name stands for, in the family being configured. */
  target(name: string, op: string): Target {
    const { physical, unit } = splitName(name);
    const phyint = this.state.phyints.get(physical);
    const ill = phyint?.ills[this.family];
    const lif = ill?.lifs.get(unit);
    if (!phyint || !ill || !lif) this.fail(`ifconfig: ${op}: ${name}: no such interface`, 'no-such-interface');
    return { phyint, ill, lif };
  }

  // ------------------------------------------------------------------ addresses

  resolve(index: number, options: { allowPrefix: boolean }): Extract<Resolution, { ok: true }> {
    const word = this.args[index]!.text;
    const result = resolveWord(word, this.family, this.env.names, { allowPrefix: options.allowPrefix, ipv6FromIpnodesOnly: ipnodesSearchedFirst(this.env.release) });
    if (!result.ok) {
      const code: IfconfigErrorCode =
        result.reason === 'bad-prefix'
          ? 'bad-prefix'
          : result.reason === 'unexpected-slash'
            ? 'unexpected-slash'
            : ifconfigKeyword(word, this.env.release) || word === 'dhcp' || word === 'auto-dhcp' || word === 'inet' || word === 'inet6'
              ? 'keyword-as-address'
              : result.reason === 'wrong-family-name'
                ? 'wrong-family-name'
                : 'bad-address';
      this.fail(result.message, code, index);
    }
    return result;
  }

  /** The mask a new IPv4 address gets: the pre-scanned netmask, a prefix, or the class's. */
  maskFor(address: number, prefix: number | undefined): { mask: number; source: LogicalInterface['maskSource']; entry?: LogicalInterface['netmasksEntry']; word?: WordRef } {
    if (prefix !== undefined) {
      this.mask = { kind: 'nil' };
      return { mask: maskOfPrefix(prefix), source: 'prefix' };
    }
    if (this.mask.kind === 'set') return { mask: this.mask.mask, source: 'netmask', word: this.mask.word };
    if (this.mask.kind === 'pending') {
      const word = this.mask.word;
      const match = this.env.netmasks ? matchNetmask(this.env.netmasks, address) : undefined;
      if (match) {
        this.mask = { kind: 'set', mask: match.mask, word };
        return { mask: match.mask, source: 'netmasks', entry: match.entry, word };
      }
      this.mask = { kind: 'nil' };
    }
    return { mask: classfulMask(address), source: 'classful' };
  }

  setAddress(t: Target, index: number, resolution: Extract<Resolution, { ok: true }>): void {
    const { lif, ill } = t;
    const arg = this.args[index]!;
    const prefix = resolution.prefix.kind === 'ok' ? resolution.prefix.length : undefined;
    const previous = lif.addressOrigin;
    if ((previous?.word || previous?.how === 'link-local') && !lif.placeholder) {
      this.env.events?.push({
        kind: 'address-replaced',
        commandId: this.command.id,
        lif: lifName(t.phyint.name, lif.unit),
        family: this.family,
        previous: { address: lif.address.canonical, word: previous.word, commandId: previous.commandId },
        address: resolution.address.canonical,
        word: arg.ref,
      });
    }
    lif.address = resolution.address;
    lif.addressOrigin = withWord(resolution.origin, arg.ref, this.command.id);
    lif.dhcp = undefined;
    lif.placeholder = undefined;
    if (this.family === 'inet') {
      const m = this.maskFor(resolution.address.ipv4!, prefix);
      lif.mask = m.mask;
      lif.maskSource = m.source;
      lif.netmasksEntry = m.entry;
      lif.maskWord = prefix !== undefined ? arg.ref : m.word;
      recomputeBroadcast(lif, ill);
    } else {
      // An IPv6 address without /len gets the kernel's default prefix.
      lif.prefixLength = prefix ?? 64;
      lif.maskSource = prefix !== undefined ? 'prefix' : resolution.address.linkLocal ? 'link-local' : 'classful';
      lif.maskWord = prefix !== undefined ? arg.ref : undefined;
    }
  }

  // ------------------------------------------------------------------ the main loop

  run(): CommandOutcome {
    const args = this.args;
    let status = 0;
    let error: CommandOutcome['error'];
    try {
      const first = args[0]?.text ?? '';
      this.note({ index: 0, role: 'interface' });
      if (first.length > 31) this.fail(`${first}: interface name too long`, 'name-too-long', 0);
      let i = 1;
      const familyWord = args[1]?.text;
      if (familyWord === 'inet' || familyWord === 'inet6') {
        this.family = familyWord;
        this.note({ index: 1, role: 'family' });
        i = 2;
      }
      if (first.startsWith('-')) {
        this.runAll(first, i);
      } else {
        this.name = first;
        this.origname = first;
        this.runOne(i, undefined);
      }
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      status = e.status;
      error = { message: e.message, argIndex: e.argIndex, code: e.code };
      if (e.message) this.out.push(e.message);
      if (e.argIndex !== undefined) {
        const before = this.words[e.argIndex];
        this.note({ ...(before ?? { index: e.argIndex, role: 'address' }), failed: true });
      }
    }
    const words = args.map((_, index) => this.words[index] ?? { index, role: 'not-reached' as const });
    return { command: this.command, status: status === 0 ? 'done' : 'failed', exitCode: status, output: this.out, error, words };
  }

  /** `ifconfig -auD4 ...`: the words for every logical interface whose flags match. */
  private runAll(option: string, from: number): void {
    const letters = option.slice(1);
    if (!letters.includes('a') || /[^audDXZ46v]/.test(letters)) this.fail(`ifconfig: ${option}: no such interface`, 'no-such-interface', 0);
    const families: AddressFamily[] = letters.includes('4') && !letters.includes('6') ? ['inet'] : letters.includes('6') && !letters.includes('4') ? ['inet6'] : ['inet', 'inet6'];
    const phyints = phyintsInOrder(this.state);
    const wanted = this.family;
    for (const family of families) {
      for (const phyint of phyints) {
        const ill = phyint.ills[family];
        if (!ill) continue;
        for (const lif of sortByKey([...ill.lifs.values()], (l) => l.unit)) {
          const up = lif.flags.has('UP');
          if (letters.includes('u') && !up) continue;
          if (letters.includes('d') && up) continue;
          if (letters.includes('D') && lif.flags.has('DHCP')) continue;
          this.family = family;
          this.name = lifName(phyint.name, lif.unit);
          this.origname = this.name;
          this.setaddr = 0;
          this.runOne(from, wanted);
        }
      }
    }
    this.family = wanted;
  }

  /**
   * The words from `from` on, for the interface in `this.name`. `allFamily` is set for `-a`:
   * a keyword of one family is then silently skipped on the other family's interfaces.
   */
  private runOne(from: number, allFamily: AddressFamily | undefined): void {
    const args = this.args;
    if (from >= args.length) {
      // No words: ifconfig prints the interface's status (the boot scripts' "is it plumbed?" check).
      this.target(this.name, 'status: SIOCGLIFFLAGS');
      return;
    }
    const head = args[from]!.text;
    if (head === 'dhcp' || head === 'auto-dhcp') {
      this.dhcp(from);
      return;
    }
    if (this.family === 'inet' && allFamily === undefined) this.prescanNetmask(from);

    for (let i = from; i < args.length; i++) {
      const word = args[i]!.text;
      const spec = ifconfigKeyword(word, this.env.release);
      const commandFamily = allFamily ?? this.family;
      if (spec?.family && spec.family !== commandFamily) {
        this.fail(`ifconfig: Operation ${word} not supported for ${commandFamily}`, 'not-supported-for-family', i);
      }
      if (!spec) {
        if (this.setaddr) {
          this.note({ index: i, role: 'destination', target: this.name, family: this.family });
          this.setDestination(i);
        } else {
          this.note({ index: i, role: 'address', target: this.name, family: this.family });
          this.setLocalAddress(i);
        }
        continue;
      }
      this.note({ index: i, role: 'keyword', keyword: spec.name, target: this.name });
      let argIndex: number | undefined;
      if (spec.argument) {
        if (i + 1 >= args.length) {
          if (!spec.argumentOptional) this.fail(`ifconfig: no argument for ${spec.name}`, 'no-argument', i);
        } else {
          argIndex = ++i;
          this.note({ index: argIndex, role: 'argument', keyword: spec.name, target: this.name, family: this.family });
        }
      }
      // -a: a keyword of one family does nothing on the other family's interfaces.
      if (allFamily !== undefined && spec.family && spec.family !== this.family) continue;
      this.apply(spec, i - (argIndex === undefined ? 0 : 1), argIndex);
    }
  }

  /** The IPv4 pre-scan for `netmask` (the "netmask hack" of ifconfig.c). */
  private prescanNetmask(from: number): void {
    const args = this.args;
    for (let i = from; i < args.length; i++) {
      if (args[i]!.text !== 'netmask' || i + 1 >= args.length) continue;
      const value = args[++i]!;
      if (value.text === '+') {
        if (deferredNetmaskPlus(this.env.release)) {
          this.mask = { kind: 'pending', word: value.ref };
        } else {
          const current = this.currentIPv4(this.name);
          const match = current && this.env.netmasks ? matchNetmask(this.env.netmasks, current) : undefined;
          if (match) {
            this.mask = { kind: 'set', mask: match.mask, word: value.ref };
            this.out.push(`Setting netmask of ${this.name} to ${formatIPv4(match.mask)}`);
          }
        }
      } else {
        const r = this.resolve(i, { allowPrefix: false });
        this.mask = { kind: 'set', mask: r.address.ipv4!, word: value.ref };
      }
    }
  }

  private currentIPv4(name: string): number | undefined {
    const { physical, unit } = splitName(name);
    const lif = this.state.phyints.get(physical)?.ills.inet?.lifs.get(unit);
    return lif && !lif.dhcp ? lif.address.ipv4 : undefined;
  }

  private setLocalAddress(index: number): void {
    const word = this.args[index]!.text;
    if (word.startsWith('/')) {
      // `/len` alone sets the mask (setifprefixlen).
      const prefix = readPrefix(word, this.family);
      if (prefix.kind !== 'ok') this.fail(`ifconfig: Bad prefix length in ${word}`, 'bad-prefix', index);
      const t = this.target(this.name, 'SIOCSLIFNETMASK');
      if (this.family === 'inet') {
        t.lif.mask = maskOfPrefix(prefix.length);
        t.lif.maskSource = 'prefix';
      } else {
        t.lif.prefixLength = prefix.length;
        t.lif.maskSource = 'prefix';
      }
      t.lif.maskWord = this.args[index]!.ref;
      return;
    }
    const resolution = this.resolve(index, { allowPrefix: true });
    this.setaddr++;
    const t = this.target(this.name, 'SIOCGLIFNETMASK');
    this.setAddress(t, index, resolution);
  }

  private setDestination(index: number): void {
    const resolution = this.resolve(index, { allowPrefix: false });
    const t = this.target(this.name, 'setifdstaddr: SIOCSLIFDSTADDR');
    t.lif.destination = resolution.address;
  }

  // ------------------------------------------------------------------ keywords

  private apply(spec: KeywordSpec, index: number, argIndex: number | undefined): void {
    const name = spec.name;
    const arg = argIndex === undefined ? undefined : this.args[argIndex]!;
    const ref = this.args[index]!.ref;
    const lifFlag = LIF_FLAG_KEYWORDS.get(name);
    if (lifFlag) {
      const t = this.target(this.name, 'setifflags: SIOCGLIFFLAGS');
      if (lifFlag.flag === 'NOFAILOVER' && lifFlag.on && splitName(this.name).physical !== splitName(this.origname).physical) {
        this.fail(`ifconfig: can't set -failover on failed/standby/offlined interface ${this.origname}`, 'cannot-set-failover', index);
      }
      if (t.lif.placeholder) this.fail(`ifconfig: setifflags: SIOCSLIFFLAGS: ${this.name}: Invalid argument`, 'invalid-argument', index);
      setFlag(t.lif.flags, lifFlag.flag, lifFlag.on);
      if (ref) t.lif.flagWords.set(lifFlag.flag, ref);
      if (lifFlag.flag === 'NOFAILOVER' && lifFlag.on && clearview(this.env.release)) t.lif.flags.add('DEPRECATED');
      return;
    }
    const illFlag = ILL_FLAG_KEYWORDS.get(name);
    if (illFlag) {
      const t = this.target(this.name, 'setifflags: SIOCGLIFFLAGS');
      setFlag(t.ill.flags, illFlag.flag, illFlag.on);
      return;
    }
    const phyFlag = PHYINT_FLAG_KEYWORDS.get(name);
    if (phyFlag) {
      const t = this.target(this.name, 'setifflags: SIOCGLIFFLAGS');
      setFlag(t.phyint.flags, phyFlag.flag, phyFlag.on);
      if (phyFlag.flag === 'STANDBY') {
        t.phyint.standbyWord = phyFlag.on ? ref : undefined;
        updateInactive(t.phyint);
      }
      return;
    }
    switch (name) {
      case 'set':
        this.setLocalAddress(argIndex!);
        return;
      case 'destination':
        this.setDestination(argIndex!);
        return;
      case 'netmask':
        return this.netmask(argIndex!);
      case 'broadcast':
        return this.broadcast(argIndex!);
      case 'addif':
        return this.addif(argIndex!);
      case 'removeif':
        return this.removeif(argIndex!);
      case 'group': {
        const t = this.target(this.name, 'setifgroupname: SIOCSLIFGROUPNAME');
        // LIFGRNAMSIZ is 32 with the NUL: a longer name is cut to 31 characters.
        t.phyint.groupname = arg!.text.slice(0, 31);
        t.phyint.groupWord = arg!.ref;
        this.env.events?.push({ kind: 'group-set', commandId: this.command.id, nic: t.phyint.name, family: this.family, group: t.phyint.groupname, word: arg!.ref });
        return;
      }
      case 'metric':
        this.target(this.name, 'setifmetric: SIOCSLIFMETRIC').lif.metric = atoi(arg!.text);
        return;
      case 'mtu': {
        const t = this.target(this.name, 'setifmtu: SIOCSLIFMTU');
        const mtu = atoi(arg!.text);
        if (mtu < (this.family === 'inet' ? 68 : 1280)) this.fail(`ifconfig: setifmtu: SIOCSLIFMTU: ${this.name}: Invalid argument`, 'invalid-argument', argIndex);
        t.ill.mtu = mtu;
        return;
      }
      case 'index':
        this.target(this.name, 'setifindex: SIOCSLIFINDEX');
        return;
      case 'subnet':
      case 'token': {
        const r = this.resolve(argIndex!, { allowPrefix: true });
        if (r.prefix.kind === 'none') this.fail(`ifconfig: Missing prefix length in subnet ${arg!.text}`, 'bad-prefix', argIndex);
        this.target(this.name, name === 'subnet' ? 'SIOCSLIFSUBNET' : 'setiftoken: SIOCSLIFTOKEN');
        return;
      }
      case 'auto-revarp': {
        if (this.family === 'inet6') this.fail(`ifconfig: revarp not possible on IPv6 interface ${this.name}`, 'not-supported-for-family', index);
        // RARP asks the network for the address; with no RARP server (the rule on a disk-booted
        // host) it times out and the address stays as it is.
        this.target(this.name, 'SIOCSLIFADDR');
        return;
      }
      case 'plumb':
        return this.plumbAgain(index);
      case 'unplumb':
        return this.unplumb(index);
      case 'ether':
        return this.ether(argIndex);
      case 'zone': {
        // At boot no zone is ready yet: only the global zone can be named (§2).
        if (arg!.text !== 'global') this.fail(`ifconfig: unknown zone '${arg!.text}'`, 'unknown-zone', argIndex);
        this.target(this.name, 'SIOCSLIFZONE').lif.zone = undefined;
        return;
      }
      case '-zone':
        this.target(this.name, 'SIOCSLIFZONE').lif.zone = undefined;
        return;
      case 'all-zones':
        this.target(this.name, 'SIOCSLIFZONE').lif.zone = 'all-zones';
        return;
      case 'usesrc':
        return this.usesrc(argIndex!);
      case 'modinsert':
      case 'modremove':
        return this.module(name, argIndex!);
      case 'tsrc':
      case 'tdst':
      case 'encaplimit':
      case '-encaplimit':
      case 'thoplimit':
      case 'auth_algs':
      case 'encr_algs':
      case 'encr_auth_algs':
        return this.tunnelOnly(name, index);
      case 'ipmp': {
        const t = this.target(this.name, 'SIOCSLIFFLAGS');
        t.phyint.ipmp = true;
        t.phyint.flags.add('IPMP');
        return;
      }
      default:
        // modlist, configinfo, debug, verbose: they print, and change nothing.
        return;
    }
  }

  private netmask(argIndex: number): void {
    const word = this.args[argIndex]!;
    if (word.text === '+') {
      const t = this.target(this.name, 'SIOCGLIFADDR');
      const address = t.lif.dhcp ? undefined : t.lif.address.ipv4;
      const match = address !== undefined && this.env.netmasks ? matchNetmask(this.env.netmasks, address) : undefined;
      if (!match) return;
      this.out.push(`Setting netmask of ${this.name} to ${formatIPv4(match.mask)}`);
      t.lif.mask = match.mask;
      t.lif.maskSource = 'netmasks';
      t.lif.netmasksEntry = match.entry;
      t.lif.maskWord = word.ref;
      return;
    }
    const r = this.resolve(argIndex, { allowPrefix: false });
    const t = this.target(this.name, 'SIOCSLIFNETMASK');
    t.lif.mask = r.address.ipv4!;
    t.lif.maskSource = 'netmask';
    t.lif.netmasksEntry = undefined;
    t.lif.maskWord = word.ref;
  }

  private broadcast(argIndex: number): void {
    const word = this.args[argIndex]!;
    if (word.text === '+') {
      // Setting the address again makes the kernel compute the broadcast from the mask.
      const t = this.target(this.name, 'SIOCGLIFADDR');
      recomputeBroadcast(t.lif, t.ill);
      return;
    }
    const r = this.resolve(argIndex, { allowPrefix: false });
    this.target(this.name, 'SIOCSLIFBRDADDR').lif.broadcast = r.address.ipv4;
  }

  private addif(argIndex: number): void {
    this.name = this.origname;
    if (this.name.includes(':')) this.fail(`ifconfig: addif: bad physical interface name ${this.name}`, 'addif-on-logical', argIndex - 1);
    this.setaddr = 0;
    const r = this.resolve(argIndex, { allowPrefix: true });
    const asked = this.target(this.name, 'addif: SIOCLIFADDIF');
    const phyint = placeNewLogical(this.state, asked.phyint, this.family);
    const ill = phyint.ills[this.family]!;
    const unit = lowestFreeUnit(ill);
    const lif = newLogical(this.family, unit, asked.phyint.name);
    ill.lifs.set(unit, lif);
    this.name = lifName(phyint.name, unit);
    this.out.push(`Created new logical interface ${this.name}`);
    const prefix = r.prefix.kind === 'ok' ? r.prefix.length : undefined;
    const arg = this.args[argIndex]!;
    lif.address = r.address;
    lif.addressOrigin = withWord(r.origin, arg.ref, this.command.id);
    if (this.family === 'inet' && deferredNetmaskPlus(this.env.release)) {
      // From 2008 on addif, like setifaddr, takes the pre-scanned netmask (set_mask_lifreq).
      const m = this.maskFor(r.address.ipv4!, prefix);
      lif.mask = m.mask;
      lif.maskSource = m.source;
      lif.netmasksEntry = m.entry;
      lif.maskWord = prefix !== undefined ? arg.ref : m.word;
      recomputeBroadcast(lif, ill);
    } else if (this.family === 'inet') {
      lif.mask = prefix !== undefined ? maskOfPrefix(prefix) : classfulMask(r.address.ipv4!);
      lif.maskSource = prefix !== undefined ? 'prefix' : 'classful';
      lif.maskWord = prefix !== undefined ? arg.ref : undefined;
      recomputeBroadcast(lif, ill);
    } else {
      lif.prefixLength = prefix ?? 64;
      lif.maskSource = prefix !== undefined ? 'prefix' : 'classful';
      lif.maskWord = prefix !== undefined ? arg.ref : undefined;
    }
    if (phyint !== asked.phyint) updateInactive(phyint);
    this.setaddr++;
  }

  private removeif(argIndex: number): void {
    if (this.name.includes(':')) this.fail(`ifconfig: removeif: bad physical interface name ${this.name}`, 'addif-on-logical', argIndex - 1);
    const r = this.resolve(argIndex, { allowPrefix: false });
    const t = this.target(this.name, 'removeif: SIOCLIFREMOVEIF');
    const found = [...t.ill.lifs.values()].find((l) => !l.dhcp && l.address.canonical === r.address.canonical);
    if (!found) this.fail(`ifconfig: removeif: SIOCLIFREMOVEIF: ${this.name}: Cannot assign requested address`, 'other', argIndex);
    if (found.unit === 0) this.fail(`ifconfig: removeif: can't remove interface: ${this.name}`, 'other', argIndex);
    t.ill.lifs.delete(found.unit);
  }

  /** `plumb`: the NIC's IP instance for the family (inetplumb), or a logical interface by name. */
  private plumbAgain(index: number): void {
    const { physical, unit } = splitName(this.name);
    const phyint = this.state.phyints.get(physical);
    if (unit === 0 && !this.name.includes(':')) {
      if (phyint?.ills[this.family]) {
        this.out.push(`ifconfig: SIOCSLIFNAME for ip: ${this.name}: already exists`);
        return;
      }
      if (this.env.nicPresent && !this.env.nicPresent(physical)) this.fail(`ifconfig: plumb: ${this.name}: no such interface`, 'plumb-failed', index);
      plumbInterface(this.state, physical, this.family);
      return;
    }
    const ill = phyint?.ills[this.family];
    if (!phyint || !ill) this.fail(`ifconfig: plumb: SIOCLIFADDIF: ${this.name}: no such interface`, 'no-such-interface', index);
    if (ill.lifs.has(unit)) return;
    // The kernel may make it on another member of the group (inetplumb).
    const home = placeNewLogical(this.state, phyint, this.family);
    const homeIll = home.ills[this.family]!;
    const placedUnit = home === phyint ? unit : lowestFreeUnit(homeIll);
    homeIll.lifs.set(placedUnit, newLogical(this.family, placedUnit, phyint.name));
    this.name = lifName(home.name, placedUnit);
  }

  private unplumb(index: number): void {
    const { physical, unit } = splitName(this.name);
    if (this.name.endsWith(':0')) this.fail(`ifconfig: unplumb: Cannot unplumb ${this.name}: Invalid interface`, 'other', index);
    const t = this.target(this.name, unit === 0 ? 'unplumb: SIOCGLIFFLAGS' : 'unplumb: SIOCLIFREMOVEIF');
    if (unit !== 0) {
      t.ill.lifs.delete(unit);
      return;
    }
    delete t.phyint.ills[this.family];
    if (!t.phyint.ills.inet && !t.phyint.ills.inet6) this.state.phyints.delete(physical);
  }

  private ether(argIndex: number | undefined): void {
    if (argIndex === undefined) return; // prints the MAC address
    const value = this.args[argIndex]!.text;
    if (this.name.includes(':')) this.fail('ifconfig: cannot change ethernet address of a logical interface', 'other', argIndex);
    if (!/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2})*$/.test(value)) this.fail(`ifconfig: ${value}: bad address`, ifconfigKeyword(value, this.env.release) ? 'keyword-as-address' : 'bad-address', argIndex);
    this.target(this.name, 'SIOCGLIFFLAGS').phyint.ether = value.toLowerCase();
  }

  private usesrc(argIndex: number): void {
    const value = this.args[argIndex]!.text;
    if (value === this.name) this.fail('ifconfig: Cannot specify same interface for usesrc group', 'other', argIndex);
    const t = this.target(this.name, 'SIOCSLIFUSESRC');
    if (value === 'none') {
      t.phyint.usesrc = undefined;
      return;
    }
    if (!this.state.phyints.has(splitName(value).physical)) this.fail(`ifconfig: Could not get interface index: ${value}: no such interface`, 'no-such-interface', argIndex);
    t.phyint.usesrc = value;
  }

  private module(name: string, argIndex: number): void {
    const value = this.args[argIndex]!.text;
    if (value.startsWith('@')) this.fail('ifconfig: must supply a module name', 'other', argIndex);
    const [module, position] = value.split('@');
    if (name === 'modremove' && ['arp', 'ip', 'tun', 'atun', '6to4tun'].includes(module!)) this.fail(`ifconfig: cannot remove ${module}`, 'other', argIndex);
    if (!position) this.fail('ifconfig: must supply a position', 'other', argIndex);
  }

  private tunnelOnly(name: string, index: number): void {
    const t = this.target(this.name, 'SIOCGTUNPARAM');
    if (this.name.includes(':')) this.fail(`ifconfig: Tunnel params on logical interfaces: ${this.name}: permission denied`, 'not-a-tunnel', index);
    if (!/^(ip|ip6)\.(6to4)?tun[0-9]+$/.test(t.phyint.name)) this.fail(`(${this.name} is not a tunnel: '${name}' applies to ip.tun interfaces only)`, 'not-a-tunnel', index);
  }

  // ------------------------------------------------------------------ DHCP

  /** `ifconfig <if> [inet] dhcp|auto-dhcp [primary] [wait <n>|wait forever] [<operation>]`. */
  private dhcp(from: number): void {
    const args = this.args;
    this.note({ index: from, role: 'keyword', keyword: args[from]!.text, target: this.name });
    if (this.family === 'inet6' && !clearview(this.env.release)) {
      // ifconfig prints this and exits 0: DHCP is not started (§2, DHCP sub-syntax).
      this.out.push('ifconfig: dhcp not supported for inet6');
      for (let i = from + 1; i < args.length; i++) this.note({ index: i, role: 'not-reached' });
      throw new Exit(0, '', 'dhcp-inet6', from);
    }
    let operation: string = 'start';
    for (let i = from + 1; i < args.length; i++) {
      const word = args[i]!.text;
      this.note({ index: i, role: 'dhcp', target: this.name });
      if (word === 'primary') continue;
      if (word === 'wait') {
        const value = args[i + 1]?.text;
        if (value === undefined) this.dhcpUsage(i);
        this.note({ index: ++i, role: 'dhcp', target: this.name });
        if (value === 'forever') continue;
        const m = /^[ \t]*([+-]?[0-9]+)/.exec(value);
        if (!m || Number(m[1]) < 0) this.dhcpUsage(i);
        continue;
      }
      if (!(DHCP_OPERATIONS as readonly string[]).includes(word)) this.dhcpUsage(i);
      operation = word;
    }
    const { physical, unit } = splitName(this.name);
    const lif = this.state.phyints.get(physical)?.ills[this.family]?.lifs.get(unit);
    if (!lif) this.fail(`ifconfig: ${this.name}: interface does not exist or cannot be managed using DHCP`, 'no-such-interface', from, 2);
    const t = { lif };
    if (operation === 'start') {
      // The agent gets a lease later; its address is not known here.
      t.lif.dhcp = true;
      t.lif.address = this.family === 'inet' ? UNSPECIFIED_V4 : UNSPECIFIED_V6;
      t.lif.flags.add('DHCP');
      t.lif.flags.add('UP');
      t.lif.maskSource = 'unset';
    } else if (operation !== 'inform') {
      this.fail(`ifconfig: ${this.name}: interface not under DHCP control`, 'dhcp-usage', from, 2);
    }
  }

  private dhcpUsage(index: number): never {
    throw new Exit(DHCP_EXIT_BADARGS, USAGE_FIRST_LINE, 'dhcp-usage', index);
  }
}

function setFlag(flags: Set<Flag>, flag: Flag, on: boolean): void {
  if (on) flags.add(flag);
  else flags.delete(flag);
}

/** atoi: leading blanks, an optional sign, digits; anything else reads as 0. */
function atoi(text: string): number {
  const m = /^[ \t]*([+-]?[0-9]+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * A resolution's origin with the word and command that set it. Written out rather than spread:
 * the spread of origins of two shapes was the most expensive line of the boot.
 */
function withWord(origin: Omit<AddressOrigin, 'word'>, word: WordRef | undefined, commandId: number): AddressOrigin {
  return origin.resolved === undefined ? { how: origin.how, word, commandId } : { how: origin.how, resolved: origin.resolved, word, commandId };
}

/** `ce0:3` → ce0, 3. */
export function splitName(name: string): { physical: string; unit: number } {
  const colon = name.indexOf(':');
  if (colon === -1) return { physical: name, unit: 0 };
  return { physical: name.slice(0, colon), unit: atoi(name.slice(colon + 1)) };
}

/** The kernel sets the broadcast address from the address and the mask when the address is set. */
function recomputeBroadcast(lif: LogicalInterface, ill: IpInstance): void {
  if (lif.family !== 'inet' || !ill.flags.has('BROADCAST')) return;
  const address = lif.address.ipv4 ?? 0;
  lif.broadcast = address === 0 && lif.mask === 0 ? 0 : (address | ~lif.mask) >>> 0;
}

/** A logical interface as SIOCLIFADDIF (or plumb) makes it: no address, down. */
export function newLogical(family: AddressFamily, unit: number, home: string): LogicalInterface {
  return {
    unit,
    family,
    address: family === 'inet' ? UNSPECIFIED_V4 : UNSPECIFIED_V6,
    mask: 0,
    prefixLength: family === 'inet6' ? 0 : undefined,
    maskSource: 'unset',
    broadcast: family === 'inet' ? 0 : undefined,
    flags: new Set(),
    flagWords: new Map(),
    home,
    homeUnit: unit,
  };
}

/**
 * What plumbing creates (`ifconfig <if> [inet6] plumb`): the NIC if new, its IP instance for the
 * family, and unit 0 — with the link-local address for IPv6.
 */
export function plumbInterface(state: SystemState, name: string, family: AddressFamily): Phyint {
  const loopback = name === 'lo0';
  let phyint = state.phyints.get(name);
  if (!phyint) {
    phyint = { name, index: state.nextIndex++, groupname: '', flags: new Set<Flag>(loopback ? ['RUNNING', 'VIRTUAL'] : ['RUNNING']), ills: {} };
    state.phyints.set(name, phyint);
  }
  if (!phyint.ills[family]) {
    const flags = new Set<Flag>(
      loopback ? ['LOOPBACK', 'MULTICAST', family === 'inet' ? 'IPv4' : 'IPv6'] : family === 'inet' ? ['BROADCAST', 'MULTICAST', 'IPv4'] : ['MULTICAST', 'IPv6'],
    );
    const unit0 = newLogical(family, 0, name);
    if (family === 'inet6' && !loopback) {
      unit0.address = LINK_LOCAL;
      unit0.prefixLength = 10;
      unit0.maskSource = 'link-local';
      unit0.addressOrigin = { how: 'link-local' };
    }
    phyint.ills[family] = { family, flags, mtu: loopback ? (family === 'inet' ? 8232 : 8252) : 1500, lifs: new Map([[0, unit0]]) };
  }
  return phyint;
}

/** Runs one ifconfig command against the state (which it changes) and says what happened. */
export function runIfconfig(state: SystemState, command: BootCommand, env: IfconfigEnv): CommandOutcome {
  return new Run(state, command, env).run();
}
