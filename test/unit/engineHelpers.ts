/**
 * Helpers for the boot engine's tests: a host written inline (its interface files, hosts,
 * netmasks, default/mpathd) booted by the engine, the resulting interfaces printed compactly
 * (one line per NIC and per logical interface), the commands printed as the boot ran them,
 * and the findings every rule gives for every file of the host.
 */
import type { Release } from '../../server/src/catalog/releases';
import { simulateBoot, type BootInput, type BootResult } from '../../server/src/engine/boot';
import { commandLine, type BootCommand, type CommandOutcome } from '../../server/src/engine/command';
import { runIfconfig, type IfconfigEnv } from '../../server/src/engine/ifconfig';
import { createNameLookup, type NameLookup, type NameSource } from '../../server/src/engine/names';
import { FLAG_BITS, formatIPv4, lifName, lifsOf, prefixOfMask, type Flag, type SystemState } from '../../server/src/engine/state';
import { findingsFor } from '../../server/src/features/diagnostics';
import { parseDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseMpathd } from '../../server/src/syntax/mpathd';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { textIn, withEol, type Eol } from './helpers';

export const ROOT = 'file:///srv/e1/etc';

/** The hosts file most cases use: one data address and three test addresses in 192.168.10.0/24. */
export const HOSTS = `127.0.0.1\tlocalhost
192.168.10.10\th1 loghost
192.168.10.11\th1-ce0-test
192.168.10.12\th1-ce1-test
192.168.10.13\th1-ce2-test
192.168.10.20\th1-data2
192.168.20.10\th1-other
2001:db8::10\th1-v6
`;
export const NETMASKS = '192.168.10.0\t255.255.255.0\n192.168.20.0\t255.255.255.0\n';

export interface HostFx {
  /** hostname.*, hostname6.*, dhcp.* by base name. */
  readonly files: Record<string, string>;
  /** The hosts file (default {@link HOSTS}); null: the host has none. */
  readonly hosts?: string | null;
  /** inet/ipnodes: a name source of its own up to Solaris 10 11/06. */
  readonly ipnodes?: string;
  /** The netmasks file (default {@link NETMASKS}); '': none. */
  readonly netmasks?: string;
  readonly mpathd?: string;
  readonly nodename?: string;
  readonly release?: Release;
}

/** The host as the language service sees it, every text with the line ending asked for. */
export function hostView(fx: HostFx, eol: Eol = 'LF'): { view: HostView; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const release = fx.release ?? 's10';
  const interfaces = Object.entries(fx.files).map(([baseName, text]) => {
    const t = withEol(text, eol);
    const uri = `${ROOT}/${baseName}`;
    texts.set(uri, t);
    return { uri, baseName, file: parseHostnameFile(t, { fileName: baseName }) };
  });
  const hostsText = fx.hosts === undefined ? HOSTS : fx.hosts;
  const hosts = hostsText === null ? undefined : { uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(withEol(hostsText, eol)) };
  if (hosts) texts.set(hosts.uri, hosts.file.text);
  const ipnodes = fx.ipnodes === undefined ? undefined : { uri: `${ROOT}/inet/ipnodes`, label: 'inet/ipnodes', file: parseHosts(withEol(fx.ipnodes, eol)) };
  if (ipnodes) texts.set(ipnodes.uri, ipnodes.file.text);
  const sources: NameSource[] = [];
  if (ipnodes && ['s8', 's9', 's10-early'].includes(release)) sources.push({ ...ipnodes, kind: 'ipnodes' });
  if (hosts) sources.push({ ...hosts, kind: 'hosts' });
  const netmasksText = fx.netmasks === undefined ? NETMASKS : fx.netmasks;
  const netmasks = netmasksText === '' ? undefined : { uri: `${ROOT}/netmasks`, label: 'netmasks', file: parseNetmasks(withEol(netmasksText, eol)) };
  if (netmasks) texts.set(netmasks.uri, withEol(netmasksText, eol));
  const mpathd = fx.mpathd === undefined ? undefined : { uri: `${ROOT}/default/mpathd`, label: 'default/mpathd', file: parseMpathd(withEol(fx.mpathd, eol)) };
  if (mpathd) texts.set(mpathd.uri, mpathd.file.text);
  const view: HostView = {
    rootUri: ROOT,
    names: createNameLookup(sources),
    hosts,
    ipnodes,
    netmasks,
    mpathd,
    nodename: fx.nodename,
    interfaces,
    newHostsUri: `${ROOT}/hosts`,
  };
  return { view, texts };
}

/** The engine's boot of the host. */
export function bootOf(fx: HostFx, eol: Eol = 'LF', extra: Partial<BootInput> = {}): BootResult {
  const { view } = hostView(fx, eol);
  return simulateBoot({
    release: fx.release ?? 's10',
    interfaces: view.interfaces,
    names: view.names,
    netmasks: view.netmasks?.file,
    mpathd: view.mpathd?.file,
    nodename: fx.nodename,
    ...extra,
  });
}

/**
 * Every finding of every rule for every file of the host, as `file: rule: covered text`, in
 * file order; `carriage-return` left out (the caller checks it apart).
 */
export function findingsOf(fx: HostFx, eol: Eol = 'LF'): { findings: string[]; carriageReturns: string[] } {
  const { view, texts } = hostView(fx, eol);
  const settings = { ...DEFAULT_SETTINGS, release: fx.release ?? 's10' };
  const findings: string[] = [];
  const carriageReturns: string[] = [];
  for (const [uri, text] of texts) {
    const path = new URL(uri).pathname;
    const kind = classifyPath(path);
    if (!kind) throw new Error(`no file kind for ${path}`);
    const name = uri.slice(ROOT.length + 1);
    for (const f of findingsFor(parseDocument(uri, path, kind, text), view, settings)) {
      const line = `${name}: ${f.rule}: ${textIn(text, f.range).replace(/\r\n/g, '\n')}`;
      if (f.rule === 'carriage-return') carriageReturns.push(name);
      else findings.push(line);
    }
  }
  return { findings, carriageReturns };
}

/** The files of the host that have a line break, for the CRLF cases (each gets one carriage-return finding). */
export function filesWithLineBreaks(fx: HostFx): string[] {
  const { texts } = hostView(fx, 'CRLF');
  return [...texts].filter(([, t]) => t.includes('\r\n')).map(([uri]) => uri.slice(ROOT.length + 1));
}

/** Lif flags in ifconfig's order. */
function flagList(flags: Iterable<Flag>): string {
  const set = new Set(flags);
  return (Object.keys(FLAG_BITS) as Flag[]).filter((f) => set.has(f)).join(',');
}

/**
 * `ifconfig -a`, compactly: a line per NIC (`ce1: group=prod STANDBY,INACTIVE`; RUNNING left
 * out) and one per logical interface (`ce1:1 inet 192.168.10.10/24 UP (ce0)`: its own flags,
 * and its home NIC when it is hosted elsewhere; `(dhcp)` for an address the DHCP agent gets,
 * `(rarp)` for one RARP is asked for, ` rarp` after an address RARP was asked to replace).
 * lo0 left out unless asked for.
 */
export function ifconfigA(state: SystemState, options: { loopback?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const p of [...state.phyints.values()].sort((a, b) => a.index - b.index)) {
    if (p.name === 'lo0' && !options.loopback) continue;
    const phyFlags = flagList([...p.flags].filter((f) => f !== 'RUNNING'));
    out.push(`${p.name}:${p.groupname ? ` group=${p.groupname}` : ''}${phyFlags ? ` ${phyFlags}` : ''}`.trimEnd());
    for (const family of ['inet', 'inet6'] as const) {
      for (const lif of lifsOf(p, family)) {
        let address: string;
        if (lif.dhcp) address = '(dhcp)';
        else if (family === 'inet') address = `${formatIPv4(lif.address.ipv4 ?? 0)}/${prefixOfMask(lif.mask) ?? `0x${(lif.mask >>> 0).toString(16)}`}`;
        else address = `${lif.address.canonical}/${lif.prefixLength}`;
        const flags = flagList(lif.flags);
        const home = lif.home !== p.name ? ` (${lif.home})` : '';
        out.push(`${lifName(p.name, lif.unit)} ${family} ${address}${flags ? ` ${flags}` : ''}${home}`);
      }
    }
  }
  return out;
}

/** A command as the boot ran it, `ifconfig ce0 inet h1 up`, with ` => <message>` when it failed. */
export function shownCommand(o: CommandOutcome): string {
  const line = commandLine(o.command).replace(/^\/sbin\//, '').replace(/^\/usr\/lib\/inet\//, '');
  return o.status === 'failed' ? `${line} => ${o.error?.message ?? `exit ${o.exitCode}`}` : line;
}

/** The commands of a boot, optionally of some phases only. */
export function commandsOf(result: BootResult, phases?: readonly string[]): string[] {
  return result.commands.filter((o) => !phases || phases.includes(o.command.phase)).map(shownCommand);
}

/** The messages the boot scripts printed. */
export function messagesOf(result: BootResult): string[] {
  return result.steps.filter((s): s is Extract<typeof s, { kind: 'message' }> => s.kind === 'message').map((s) => s.text);
}

/** Names from hosts (and ipnodes, searched first) written inline. */
export function namesOf(hosts: string, ipnodes?: string): NameLookup {
  const sources: NameSource[] = [];
  if (ipnodes !== undefined) sources.push({ uri: `${ROOT}/inet/ipnodes`, label: 'inet/ipnodes', file: parseHosts(ipnodes), kind: 'ipnodes' });
  sources.push({ uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(hosts), kind: 'hosts' });
  return createNameLookup(sources)!;
}

/**
 * A shell of ifconfig: runs command lines (`ce0 inet h1 up`) one after another against one
 * interface state, as an administrator would type them.
 */
export class Shell {
  readonly state: SystemState;
  private id = 0;
  constructor(
    readonly env: IfconfigEnv,
    state?: SystemState,
  ) {
    this.state = state ?? { phyints: new Map(), nextIndex: 1 };
  }
  run(line: string): CommandOutcome {
    const command: BootCommand = { id: this.id++, script: 'net-physical', phase: 'configure', program: '/sbin/ifconfig', args: line.split(/ +/).filter(Boolean).map((text) => ({ text })) };
    return runIfconfig(this.state, command, this.env);
  }
  /** Runs the line and returns what ifconfig printed (its messages, errors included). */
  out(line: string): string[] {
    return [...this.run(line).output];
  }
  show(): string[] {
    return ifconfigA(this.state);
  }
}

/** ifconfig against the standard hosts and netmasks, for a release. */
export function shell(release: Release = 's10', options: { hosts?: string; ipnodes?: string; netmasks?: string } = {}): Shell {
  return new Shell({
    release,
    names: namesOf(options.hosts ?? HOSTS, options.ipnodes),
    netmasks: parseNetmasks(options.netmasks ?? NETMASKS),
  });
}
