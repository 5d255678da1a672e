/**
 * The boot of a Solaris host's network, as the SMF methods run it (reference §1; the research
 * notes quote net-physical, net_include.sh, net-init and net-svc of 2005 and 2008):
 *
 * net-loopback   lo0, and lo0 for IPv6 when a hostname6 file exists
 * net-physical   `ifconfig -auD4 netmask + broadcast +`; every hostname.<if> plumbed, then
 *                every hostname6.<if>; the hostname files configured (a one-line IPv4 file gets
 *                ` netmask + broadcast + up` appended, §1.4); the hostname6 files, each
 *                followed by `ifconfig <if> inet6 up` when its lines worked (§1.5); DHCP (§1.9);
 *                the blanket RARP step (always up to Solaris 10 11/06, later only when
 *                /etc/nodename is empty); the addresses of NICs that failed to plumb moved to
 *                another member of their group
 * net-init       tunnels (hostname.ip.tunN), then in.mpathd -a
 * net-svc        `ifconfig -auD4 netmask + broadcast +` again, after name services
 *
 * in.mpathd is not started by the `group` keyword at boot (net-physical exports
 * SUNW_NO_MPATHD); when net-init starts it, it moves the data addresses off a standby.
 *
 * Solaris 11 reads no hostname files (§6): its boot here is lo0 and a message saying so.
 */
import { readsHostnameFiles, releaseBefore, type Release } from '../catalog/releases';
import type { AddressFamily } from '../catalog/keywords';
import { parseHostnameFile, type HostnameFile, type LogicalLine } from '../syntax/hostname';
import { checkInterfaceName, isIpmpInterface } from '../syntax/interfaceName';
import type { MpathdFile } from '../syntax/mpathd';
import type { NetmasksFile } from '../syntax/netmasks';
import type { ArgWord, BootCommand, BootPhase, CommandOutcome, CommandSource, EngineEvent, ScriptName } from './command';
import { ifconfigKeyword, runIfconfig, type IfconfigEnv } from './ifconfig';
import type { AddressMove } from './kernel';
import { mpathdRuns, mpathdView, readMpathdSettings, startMpathd, type MpathdSettings, type MpathdView } from './mpathd';
import type { NameLookup } from './names';
import { emptyState, type SystemState } from './state';

export interface InterfaceFileInput {
  readonly uri: string;
  readonly baseName: string;
  readonly file: HostnameFile;
}

export interface BootInput {
  readonly release: Release;
  /** The host's hostname.*, hostname6.* and dhcp.* files. */
  readonly interfaces: readonly InterfaceFileInput[];
  /** Names as ifconfig finds them at boot (hosts, and ipnodes where the release reads it). */
  readonly names?: NameLookup;
  readonly netmasks?: NetmasksFile;
  readonly mpathd?: MpathdFile;
  /** The text of etc/nodename; undefined when the tree has none (then taken as set, as on any installed host). */
  readonly nodename?: string;
  /** NICs not in the machine: their plumb fails (a NIC missing at boot, §3.5). */
  readonly missingNics?: readonly string[];
  /**
   * Replaces every command's exit status (for comparing the sequence with a shell that runs a
   * recording stand-in for ifconfig). The state is still simulated.
   */
  readonly exitStatus?: (command: BootCommand) => number;
  /**
   * Keep the CR of CRLF lines, as Solaris does (§1.6): the last word of each line ends in `\r`.
   * The preview shows that; the rules read CRLF files like LF ones and report the CR themselves.
   */
  readonly keepCarriageReturns?: boolean;
}

export type BootStep =
  | { readonly kind: 'command'; readonly outcome: CommandOutcome }
  | { readonly kind: 'message'; readonly script: ScriptName; readonly text: string; readonly to: 'console' | 'log' | 'syslog' };

export interface BootResult {
  readonly release: Release;
  readonly steps: readonly BootStep[];
  /** The commands of `steps`, in order. */
  readonly commands: readonly CommandOutcome[];
  /** The interfaces once the boot is over. */
  readonly state: SystemState;
  /** Addresses in.mpathd moved when it started (off a standby). */
  readonly mpathdStartMoves: readonly AddressMove[];
  readonly mpathd: MpathdView;
  readonly settings: MpathdSettings;
  /** What commands did that the rules look at (addresses replaced, groups set). */
  readonly events: readonly EngineEvent[];
}

const IFCONFIG = '/sbin/ifconfig';
const EPILOGUE = ['netmask', '+', 'broadcast', '+', 'up'];

const before = releaseBefore;

/** An implicit IP tunnel's name (`ip.tun0`, `ip6.tun1`, `ip.6to4tun0`): net-init's (net-iptun's on illumos), not net-physical's. */
const TUNNEL = /^(ip|ip6)\.(6to4)?tun[0-9]+$/;

/** A file of the glob `<prefix>.*[0-9]` and the interface net-physical reads from its name (§1.2). */
export function bootInterfaceName(baseName: string, prefix: 'hostname' | 'hostname6' | 'dhcp', release: Release): string | undefined {
  if (!baseName.startsWith(`${prefix}.`) || !/[0-9]$/.test(baseName)) return undefined;
  const name = baseName.slice(prefix.length + 1);
  // A further dot makes the script skip the file (tunnels are net-init's, §1.2). illumos'
  // net-physical joins a hostname file's parts again and skips only IP tunnels (is_iptun), so
  // there `hostname.ce0.bak1` is read as interface `ce0.bak1`, whose plumb fails.
  if (name.includes('.') && (release !== 'illumos' || prefix === 'dhcp' || TUNNEL.test(name))) return undefined;
  // "For some unknown historical reason the xx0 ifname is ignored" (IPv4): every Solaris 10 script
  // has the rule (the late one Oracle ships for solaris10 zones too); OpenSolaris dropped it.
  if (prefix === 'hostname' && name === 'xx0' && before(release, 'osol')) return undefined;
  return name;
}

/** The records `read` returns for a file: every line ended by a newline (§1.4). */
function records(file: HostnameFile): LogicalLine[] {
  return file.lines.filter((l) => l.terminated);
}

/**
 * Whether the script's `[ -n "$line" ]` holds for a record: it has a word, or `read` kept an
 * escaped blank (a line of just `\ ` is one blank, not empty; it runs as `ifconfig <if> inet`).
 * In a record without words every backslash escapes a blank or ends a physical line.
 */
function readsNonEmpty(_file: HostnameFile, line: LogicalLine): boolean {
  return !line.readsEmpty;
}

function words(line: LogicalLine, uri: string): ArgWord[] {
  return line.words.map((token) => ({ text: token.text, ref: { uri, token } }));
}

const plain = (...texts: string[]): ArgWord[] => texts.map((text) => ({ text }));
const implicit = (...texts: string[]): ArgWord[] => texts.map((text) => ({ text, implicit: true }));

/** C-locale glob order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Boot {
  readonly steps: BootStep[] = [];
  readonly state = emptyState();
  private nextId = 0;
  readonly env: IfconfigEnv & { readonly nicPresent: (name: string) => boolean };
  readonly events: EngineEvent[] = [];
  readonly input: BootInput;

  constructor(input: BootInput) {
    this.input = input.keepCarriageReturns ? { ...input, interfaces: input.interfaces.map(keepingCarriageReturns) } : input;
    const missing = new Set(input.missingNics ?? []);
    const release = input.release;
    this.env = {
      events: this.events,
      release,
      names: input.names,
      netmasks: input.netmasks,
      nicPresent: (name) => {
        if (missing.has(name)) return false;
        if (name === 'lo0' || TUNNEL.test(name)) return true;
        const check = checkInterfaceName(name);
        if (check.kind !== 'valid') return false;
        return !isIpmpInterface(check.name) || !before(release, 'osol');
      },
    };
  }

  get release(): Release {
    return this.input.release;
  }

  message(script: ScriptName, text: string, to: 'console' | 'log' | 'syslog' = 'log'): void {
    this.steps.push({ kind: 'message', script, text, to });
  }

  ifconfig(script: ScriptName, phase: BootPhase, args: ArgWord[], source?: CommandSource, note?: string): CommandOutcome {
    const command: BootCommand = { id: this.nextId++, script, phase, program: IFCONFIG, args, source, note };
    let outcome = runIfconfig(this.state, command, this.env);
    const forced = this.input.exitStatus?.(command);
    if (forced !== undefined && forced !== outcome.exitCode) outcome = { ...outcome, exitCode: forced, status: forced === 0 ? 'done' : 'failed' };
    this.steps.push({ kind: 'command', outcome });
    return outcome;
  }

  other(script: ScriptName, phase: BootPhase, program: string, args: string[], output: string[], note?: string): void {
    const command: BootCommand = { id: this.nextId++, script, phase, program, args: plain(...args), note };
    this.steps.push({ kind: 'command', outcome: { command, status: 'done', exitCode: 0, output, words: [] } });
  }

  files(prefix: 'hostname' | 'hostname6' | 'dhcp'): { name: string; input: InterfaceFileInput }[] {
    return this.input.interfaces
      .map((input) => ({ name: bootInterfaceName(input.baseName, prefix, this.release), input }))
      .filter((x): x is { name: string; input: InterfaceFileInput } => x.name !== undefined)
      .sort((a, b) => byteOrder(a.input.baseName, b.input.baseName));
  }

  /** 2005 and 2008 pass the failed list unquoted: only its first name is printed. */
  warnFailed(script: ScriptName, what: string, failed: readonly string[]): void {
    if (failed.length === 0) return;
    const names = before(this.release, 'osol') ? failed[0]! : failed.join(' ');
    this.message(script, `Failed to ${what} interface(s): ${names}`, 'console');
  }

  run(): BootResult {
    if (!readsHostnameFiles(this.release)) return this.runFromIpadm();
    const hostname4 = this.files('hostname');
    const hostname6 = this.files('hostname6');
    const dhcpFiles = this.files('dhcp');

    // net-loopback
    this.ifconfig('net-loopback', 'loopback', plain('lo0', 'plumb', '127.0.0.1', 'up'));
    if (hostname6.length > 0) this.ifconfig('net-loopback', 'loopback', plain('lo0', 'inet6', 'plumb', '::1', 'up'));

    // net-physical
    this.ifconfig('net-physical', 'netmask', plain('-auD4', 'netmask', '+', 'broadcast', '+'), undefined, 'for interfaces already up: none at a disk boot');
    const plumbed4 = this.plumbAll(hostname4, 'inet');
    const plumbed6 = this.plumbAll(hostname6, 'inet6');
    this.configure4(plumbed4.plumbed, hostname4);
    this.configure6(plumbed6.plumbed);
    this.dhcp(dhcpFiles, hostname4);
    this.revarp();
    if (plumbed4.failed.length) this.moveFailed(plumbed4.failed, plumbed4.plumbed, hostname4, hostname6, 'inet');
    if (plumbed6.failed.length) this.moveFailed(plumbed6.failed, plumbed6.plumbed, hostname4, hostname6, 'inet6');

    // net-init
    this.tunnels();
    const { settings, log } = readMpathdSettings(this.input.mpathd);
    let moved: AddressMove[] = [];
    if (mpathdRuns(this.state, settings)) {
      this.other('net-init', 'mpathd', '/usr/lib/inet/in.mpathd', ['-a'], []);
      moved = startMpathd(this.state);
    } else {
      this.other('net-init', 'mpathd', '/usr/lib/inet/in.mpathd', ['-a'], ['(exits at once: no interface is in an IPMP group)']);
    }

    // net-svc
    this.ifconfig('net-svc', 'netmask', plain('-auD4', 'netmask', '+', 'broadcast', '+'), undefined, 'again once name services run, so netmask + may use NIS maps');

    return this.result(settings, log, moved);
  }

  private result(settings: MpathdSettings, log: readonly string[], moved: AddressMove[]): BootResult {
    const final = mpathdView(this.state, settings, log);
    const commands = this.steps.filter((s): s is Extract<BootStep, { kind: 'command' }> => s.kind === 'command').map((s) => s.outcome);
    return { release: this.release, steps: this.steps, commands, state: this.state, mpathdStartMoves: moved, mpathd: final, settings, events: this.events };
  }

  /**
   * Solaris 11 (§6): net-loopback enables lo0 as ipadm keeps it, net-physical enables the
   * interfaces of /etc/ipadm/ipadm.conf, and no hostname, hostname6 or dhcp file is read. The
   * tree holds no ipadm configuration, so nothing but lo0 is plumbed.
   */
  private runFromIpadm(): BootResult {
    this.other('net-loopback', 'loopback', '/usr/sbin/ipadm', ['enable-if', '-t', 'lo0'], [], 'lo0/v4 127.0.0.1/8 and lo0/v6 ::1/128, as ipadm keeps them');
    // What `ipadm enable-if -t lo0` leaves, applied without a step of its own.
    for (const args of [plain('lo0', 'plumb', '127.0.0.1', 'up'), plain('lo0', 'inet6', 'plumb', '::1', 'up')]) {
      runIfconfig(this.state, { id: -1, script: 'net-loopback', phase: 'loopback', program: IFCONFIG, args }, this.env);
    }
    this.ifconfig('net-physical', 'netmask', plain('-auD4', 'netmask', '+', 'broadcast', '+'), undefined, 'for interfaces already up: none at a disk boot');
    const unread = this.input.interfaces.map((i) => i.baseName).sort(byteOrder);
    this.message(
      'net-physical',
      unread.length
        ? `(Solaris 11 reads its network configuration from ipadm (/etc/ipadm/ipadm.conf), not from hostname files: ${unread.join(', ')} ${unread.length === 1 ? 'is' : 'are'} not read, so nothing of ${unread.length === 1 ? 'it' : 'them'} is plumbed. Convert Host to Solaris 11 ipadm gives the ipadm commands that configure ${unread.length === 1 ? 'it' : 'them'}.)`
        : '(Solaris 11 reads its network configuration from ipadm (/etc/ipadm/ipadm.conf), not from hostname files.)',
    );
    const { settings, log } = readMpathdSettings(this.input.mpathd);
    return this.result(settings, log, []);
  }

  private plumbAll(list: { name: string; input: InterfaceFileInput }[], family: AddressFamily): { plumbed: { name: string; input: InterfaceFileInput }[]; failed: string[] } {
    const plumbed: { name: string; input: InterfaceFileInput }[] = [];
    const failed: string[] = [];
    const familyWords = family === 'inet6' ? ['inet6'] : [];
    for (const entry of list) {
      const source: CommandSource = { uri: entry.input.uri, baseName: entry.input.baseName, line: entry.input.file.lines[0] ?? emptyLine() };
      this.ifconfig('net-physical', 'plumb', plain(entry.name, ...familyWords, 'plumb'), source);
      const check = this.ifconfig('net-physical', 'plumb', plain(entry.name, family), source, 'checks the plumb; output discarded');
      if (check.exitCode === 0) plumbed.push(entry);
      else failed.push(entry.name);
    }
    this.warnFailed('net-physical', `plumb ${family === 'inet' ? 'IPv4' : 'IPv6'}`, failed);
    return { plumbed, failed };
  }

  /** doDHCPhostname: hostname.<if> is exactly `inet <name>` and dhcp.<if> exists (§1.4). */
  private dhcpHostname(name: string, input: InterfaceFileInput): boolean {
    if (!this.input.interfaces.some((i) => i.baseName === `dhcp.${name}`)) return false;
    const all = records(input.file).flatMap((r) => r.words.map((w) => w.text));
    return all.length === 2 && all[0] === 'inet';
  }

  private configure4(plumbed: { name: string; input: InterfaceFileInput }[], all: { name: string; input: InterfaceFileInput }[]): void {
    if (all.length === 0) return;
    const failed: string[] = [];
    const done: string[] = [];
    for (const { name, input } of plumbed) {
      done.push(name);
      if (this.dhcpHostname(name, input)) continue;
      let pending: LogicalLine | undefined;
      let multiple = false;
      let status = 0;
      const run = (line: LogicalLine, epilogue: boolean): number => {
        const args = [...plain(name, 'inet'), ...words(line, input.uri), ...(epilogue ? implicit(...EPILOGUE) : [])];
        return this.ifconfig('net-physical', 'configure', args, { uri: input.uri, baseName: input.baseName, line }).exitCode;
      };
      for (const record of records(input.file)) {
        if (pending && readsNonEmpty(input.file, pending)) {
          const s = run(pending, false);
          if (s !== 0) status = s;
          multiple = true;
        }
        pending = record;
      }
      if (pending && readsNonEmpty(input.file, pending)) {
        const s = run(pending, !multiple);
        if (s !== 0) status = s;
      }
      if (status !== 0) failed.push(name);
    }
    if (plumbed.length > 0) this.message('net-physical', `configuring IPv4 interfaces: ${done.join(' ')}.`);
    this.warnFailed('net-physical', 'configure IPv4', failed);
  }

  private configure6(plumbed: { name: string; input: InterfaceFileInput }[]): void {
    if (plumbed.length === 0) return;
    const failed: string[] = [];
    for (const { name, input } of plumbed) {
      let status = 0;
      for (const record of records(input.file)) {
        if (!readsNonEmpty(input.file, record)) continue;
        const args = [...plain(name, 'inet6'), ...words(record, input.uri)];
        const s = this.ifconfig('net-physical', 'configure', args, { uri: input.uri, baseName: input.baseName, line: record }).exitCode;
        if (s !== 0) status = s;
      }
      if (status === 0) {
        status = this.ifconfig('net-physical', 'up', plain(name, 'inet6', 'up'), undefined, 'the boot script brings the IPv6 interface up').exitCode;
      }
      if (status !== 0) failed.push(name);
    }
    this.message('net-physical', `configuring IPv6 interfaces: ${plumbed.map((p) => p.name).join(' ')}.`);
    this.warnFailed('net-physical', 'configure IPv6', failed);
  }

  /** The words of a dhcp.<if> as the script reads them: records, split at blanks and dots (its IFS holds a dot). */
  private dhcpWords(input: InterfaceFileInput): ArgWord[] {
    const out: ArgWord[] = [];
    for (const record of records(input.file)) {
      for (const token of record.words) {
        for (const part of token.text.split('.')) if (part) out.push({ text: part, ref: part === token.text ? { uri: input.uri, token } : undefined });
      }
    }
    return out;
  }

  private dhcp(files: { name: string; input: InterfaceFileInput }[], hostname4: { name: string; input: InterfaceFileInput }[]): void {
    if (files.length === 0) return;
    void hostname4;
    const primary = files.find((f) => this.dhcpWords(f.input).some((w) => w.text === 'primary')) ?? files[0]!;
    const failed: string[] = [];
    const source = (f: { input: InterfaceFileInput }): CommandSource => ({ uri: f.input.uri, baseName: f.input.baseName, line: records(f.input.file)[0] ?? emptyLine() });
    this.message('net-physical', `starting DHCP on primary interface ${primary.name}`);
    const p = this.ifconfig('net-physical', 'dhcp', [...plain(primary.name), ...implicit('auto-dhcp', 'primary'), ...this.dhcpWords(primary.input)], source(primary));
    // The script's test `[ $? != 0 ] && [ $? != 4 ]` counts every failure, a timeout too.
    if (p.exitCode !== 0) failed.push(primary.name);
    for (const f of files) {
      if (f === primary) continue;
      this.message('net-physical', `starting DHCP on interface ${f.name}`);
      const o = this.ifconfig('net-physical', 'dhcp', [...plain(f.name), ...implicit('dhcp', 'start', 'wait', '0'), ...this.dhcpWords(f.input)], source(f));
      if (o.exitCode !== 0) failed.push(f.name);
    }
    this.warnFailed('net-physical', 'configure IPv4 DHCP', failed);
  }

  /** The blanket RARP step (§1.9): every IPv4 address still down is brought up. */
  private revarp(): void {
    const always = before(this.release, 's10');
    const nodename = this.input.nodename;
    if (!always && (nodename === undefined || nodename.trim() !== '')) {
      this.message(
        'net-physical',
        nodename === undefined
          ? '(RARP step skipped: from Solaris 10 8/07 on it runs only when /etc/nodename is empty; this tree has no nodename file, so it is taken as set)'
          : '(RARP step skipped: /etc/nodename names the host)',
      );
      return;
    }
    this.ifconfig('net-physical', 'revarp', plain('-adD4', 'auto-revarp', 'netmask', '+', 'broadcast', '+', 'up'), undefined, 'brings up every IPv4 address still down');
  }

  /** move_addresses (net_include.sh, pre-Clearview): a failed NIC's data addresses go to a member of its group. */
  private moveFailed(
    failed: readonly string[],
    plumbed: { name: string; input: InterfaceFileInput }[],
    hostname4: { name: string; input: InterfaceFileInput }[],
    hostname6: { name: string; input: InterfaceFileInput }[],
    family: AddressFamily,
  ): void {
    const label = family === 'inet' ? 'IPv4' : 'IPv6';
    if (!before(this.release, 'osol')) {
      this.message('net-physical', `(moving the addresses of ${failed.join(', ')} to their group's IPMP interface is not simulated for ${label})`);
      return;
    }
    const physical = (n: string): string => n.split(':')[0]!;
    const all = [...hostname6, ...hostname4];
    const groupOf = (name: string): string | undefined => {
      let group: string | undefined;
      for (const list of [hostname6, hostname4]) {
        for (const f of list) if (f.name === name || f.name === `${name}:0`) group = ifparseLast(f.input.file, 'group', this.release) ?? group;
        if (group) return group;
      }
      return group;
    };
    const isStandby = (name: string): boolean => {
      let standby = false;
      for (const f of all) {
        if (physical(f.name) !== physical(name)) continue;
        const last = ifparseLastOf(f.input.file, ['standby', '-standby'], this.release);
        if (last) standby = last === 'standby';
      }
      return standby;
    };
    const parts: string[] = [];
    const reported = new Set<string>();
    for (const name of failed) {
      const mine = groupOf(name);
      let alternate: string | undefined;
      if (mine) {
        const candidates = plumbed.filter((p) => groupOf(p.name) === mine);
        alternate = physical((candidates.find((c) => isStandby(c.name)) ?? candidates[0])?.name ?? '') || undefined;
      }
      if (!alternate) {
        if (!reported.has(physical(name))) parts.push(` ${name} (couldn't move, no alternative interface)`);
        reported.add(physical(name));
        continue;
      }
      const list = family === 'inet' ? hostname4 : hostname6;
      const zero = family === 'inet' ? '0.0.0.0' : '::';
      for (const f of list.filter((x) => x.name === name)) {
        for (const line of ifparseMovable(f.input.file, family, this.release, f.input.uri, 'set')) {
          this.ifconfig('net-physical', 'move-addresses', [...plain(alternate, family, '-standby', 'addif', zero), ...line], { uri: f.input.uri, baseName: f.input.baseName, line: records(f.input.file)[0] ?? emptyLine() });
        }
        if (!name.includes(':')) {
          for (const line of ifparseMovable(f.input.file, family, this.release, f.input.uri, 'addif')) {
            this.ifconfig('net-physical', 'move-addresses', [...plain(alternate, family, '-standby'), ...line], { uri: f.input.uri, baseName: f.input.baseName, line: records(f.input.file)[0] ?? emptyLine() });
          }
        }
      }
      if (!reported.has(physical(name))) parts.push(` ${name} (moved to ${alternate})`);
      reported.add(physical(name));
    }
    this.message('net-physical', `moving addresses from failed ${label} interfaces:${parts.join('')}.`);
  }

  /** net-init's tunnels: hostname.ip.tunN and hostname.ip6.tunN, each line run, nothing appended. */
  private tunnels(): void {
    for (const family of ['inet', 'inet6'] as const) {
      const prefix = family === 'inet' ? 'hostname.' : 'hostname6.';
      const files = this.input.interfaces
        .filter((i) => i.baseName.startsWith(prefix) && TUNNEL.test(i.baseName.slice(prefix.length)))
        .sort((a, b) => byteOrder(a.baseName, b.baseName));
      const done: string[] = [];
      for (const input of files) {
        const recs = records(input.file).filter((r) => r.words.length > 0);
        if (recs.length === 0) continue;
        const name = input.baseName.slice(prefix.length);
        done.push(name);
        this.ifconfig('net-init', 'configure', plain(name, ...(family === 'inet6' ? ['inet6'] : []), 'plumb'), { uri: input.uri, baseName: input.baseName, line: recs[0]! });
        for (const record of recs) this.ifconfig('net-init', 'configure', [...plain(name, family), ...words(record, input.uri)], { uri: input.uri, baseName: input.baseName, line: record });
      }
      if (done.length) this.message('net-init', `configuring ${family === 'inet' ? 'IPv4' : 'IPv6'} tunnels: ${done.join(' ')}.`);
    }
  }
}

/** A private-use character standing for CR while the shell's reading is re-done (same length, same offsets). */
const CR_STAND_IN = '\uE00D';

/**
 * The file as Solaris' `read` sees it when lines end in CRLF: the CR is an ordinary character,
 * so it ends the last word of each line, and a backslash before it escapes the CR, not the
 * newline (§1.6).
 */
function keepingCarriageReturns(input: InterfaceFileInput): InterfaceFileInput {
  if (!input.file.text.includes('\r')) return input;
  const parsed = parseHostnameFile(input.file.text.replace(/\r/g, CR_STAND_IN), { fileName: input.baseName });
  // Each word written out: a word's range is a getter, which a spread would not copy.
  const lines = parsed.lines.map((line) => ({ ...line, words: line.words.map((w) => ({ text: w.text.replace(/\uE00D/g, '\r'), start: w.start, end: w.end, range: w.range })) }));
  return { ...input, file: { ...parsed, text: input.file.text, lines } };
}

function emptyLine(): LogicalLine {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { words: [], span: { start: 0, end: 0, range }, firstLine: 0, lastLine: 0, terminated: true, readsEmpty: true, continuations: [], escapedBlanks: [] };
}

// ---------------------------------------------------------------------------------------
// ifparse, as far as move_addresses needs it (ifparse.c: which words belong to the
// physical interface, and which address lines can move)

const IFPARSE_NOW = new Set(['trailers', '-trailers', 'arp', '-arp', '-nud', 'nud', 'debug', 'verbose', 'plumb', 'unplumb', 'modlist', 'modinsert', 'modremove', 'standby', '-standby', 'failed', '-failed', 'configinfo']);
const IFPARSE_LOG0 = new Set(['router', '-router', 'index', 'token', 'tsrc', 'tdst', 'encr_auth_algs', 'encr_algs', 'auth_algs', 'removeif', 'group', 'encaplimit', '-encaplimit', 'thoplimit']);

/** The last value `ifparse -s` prints for a keyword of the physical interface (`group prod`), over the file's lines. */
function ifparseLast(file: HostnameFile, keyword: string, release: Release): string | undefined {
  let value: string | undefined;
  for (const record of records(file)) {
    const ws = record.words.map((w) => w.text);
    let afterAddif = false;
    for (let i = 0; i < ws.length; i++) {
      const spec = ifconfigKeyword(ws[i]!, release);
      if (!spec) continue;
      if (spec.name === 'addif') afterAddif = true;
      const arg = spec.argument && !spec.argumentOptional ? ws[i + 1] : undefined;
      if (spec.name === keyword && !afterAddif && arg !== undefined) value = arg;
      if (arg !== undefined) i++;
    }
  }
  return value;
}

function ifparseLastOf(file: HostnameFile, keywords: readonly string[], release: Release): string | undefined {
  let value: string | undefined;
  for (const record of records(file)) {
    const ws = record.words.map((w) => w.text);
    for (let i = 0; i < ws.length; i++) {
      const spec = ifconfigKeyword(ws[i]!, release);
      if (!spec) continue;
      if (keywords.includes(spec.name)) value = spec.name;
      if (spec.argument && !spec.argumentOptional) i++;
    }
  }
  return value;
}

/**
 * The address lines `ifparse -f` prints: each address of the file (`set <addr> ...` for the
 * unit's, `addif <addr> ...` for each addif) with the words that apply to it, unless it is a
 * test address (`-failover`). `which` picks the unit's line or the addif lines.
 */
function ifparseMovable(file: HostnameFile, family: AddressFamily, release: Release, uri: string, which: 'set' | 'addif'): ArgWord[][] {
  const out: ArgWord[][] = [];
  const recs = records(file).filter((r) => r.words.length > 0);
  recs.forEach((record, n) => {
    const ws = words(record, uri);
    const oneLine = family === 'inet' && recs.length === 1 && n === 0;
    const all = oneLine ? [...ws, ...implicit(...EPILOGUE)] : ws;
    let kind: 'set' | 'addif' = 'set';
    let address: ArgWord | undefined;
    let buffer: ArgWord[] = [];
    let fixed = false;
    let seenAddress = false;
    const flush = (): void => {
      if ((address || buffer.length) && !fixed && kind === which) {
        out.push(address ? [{ text: kind }, address, ...buffer] : buffer);
      }
      buffer = [];
      address = undefined;
      fixed = false;
      seenAddress = false;
    };
    for (let i = 0; i < all.length; i++) {
      const w = all[i]!;
      const spec = ifconfigKeyword(w.text, release);
      if (!spec) {
        if (!seenAddress) {
          address = w;
          seenAddress = true;
        } else buffer.push(w);
        continue;
      }
      const arg = spec.argument && !spec.argumentOptional ? all[i + 1] : undefined;
      if (arg) i++;
      if (spec.name === 'addif') {
        flush();
        kind = 'addif';
        address = arg;
        seenAddress = true;
      } else if (spec.name === 'set') {
        address = arg;
        seenAddress = true;
      } else if (spec.name === '-failover' || spec.name === 'auto-revarp') {
        fixed = true;
        buffer.push(w);
      } else if (spec.name === 'failover') {
        fixed = false;
        buffer.push(w);
      } else if (!IFPARSE_NOW.has(spec.name) && !IFPARSE_LOG0.has(spec.name)) {
        buffer.push(w, ...(arg ? [arg] : []));
      }
    }
    flush();
  });
  return out;
}

/** The boot of one host: every command with its outcome, and the interfaces it leaves. */
export function simulateBoot(input: BootInput): BootResult {
  return new Boot(input).run();
}
