/**
 * The IPMP topology of a host as data, for the topology view: its groups with their members
 * (state, probe- or link-based detection, data and test addresses), the NICs in no group, and
 * every warning attached to the part it concerns — the host's diagnostics (a finding in
 * `hostname.ce0` concerns NIC ce0; one on a `hosts` line concerns that address; one on a
 * `netmasks` line the addresses of that network) and what in.mpathd logs about a NIC or a group.
 *
 * Drawn from the engine's one result (the explanation, as Preview boot prints it): with a NIC
 * failed, the failed stage (the addresses that moved, marked with where from) and what the
 * repair does. Pure: explanation and findings in, model out.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Release } from '../catalog/releases';
import type { Severity } from '../rules/types';
import { baseName, type FileKind } from '../syntax/fileKind';
import { checkInterfaceName } from '../syntax/interfaceName';
import { LineIndex } from '../syntax/text';
import type { ExplainedInterface, ExplainedIpmp, HostExplanation } from './explain';

export type NicState = 'active' | 'standby' | 'inactive' | 'failed' | 'offline';

export interface TopologyWarning {
  readonly severity: Severity;
  readonly message: string;
  /** Where it comes from: a diagnostic (its rule id) or in.mpathd's log. */
  readonly source: 'diagnostic' | 'in.mpathd';
  readonly rule?: string;
  /** The file of the host it is in (`hostname.ce0`, `inet/hosts`), and its line (1-based). */
  readonly file?: string;
  readonly line?: number;
}

export interface TopologyAddress {
  /** The logical interface it is on now: `ce1:1`. */
  readonly lif: string;
  readonly family: 'inet' | 'inet6';
  /** Null for an address the DHCP server assigns. */
  readonly address: string | null;
  readonly role: 'data' | 'test';
  readonly up: boolean;
  /** The NIC it belongs to, when it sits on another one (moved by a failover or by in.mpathd at start). */
  readonly movedFrom?: string;
  /** A data address left on a failed NIC with nowhere to go: unreachable until the repair. */
  readonly stranded?: boolean;
  readonly warnings: readonly TopologyWarning[];
}

export interface TopologyNic {
  readonly name: string;
  readonly group: string | null;
  readonly state: NicState;
  /** How in.mpathd finds its failure; null when it is in no group. */
  readonly detection: 'probe' | 'link' | null;
  /** The NIC's own flags (RUNNING, STANDBY, INACTIVE, FAILED, OFFLINE). */
  readonly flags: readonly string[];
  readonly dataAddresses: readonly TopologyAddress[];
  readonly testAddresses: readonly TopologyAddress[];
  /** This is the NIC whose failure is simulated. */
  readonly failed: boolean;
  readonly warnings: readonly TopologyWarning[];
}

export interface TopologyGroup {
  readonly name: string;
  readonly detection: 'probe' | 'link' | 'mixed';
  readonly members: readonly TopologyNic[];
  readonly warnings: readonly TopologyWarning[];
}

export interface TopologyMove {
  readonly address: string;
  readonly from: string;
  readonly to: string;
}

export interface TopologyFailure {
  readonly nic: string;
  readonly group: string | null;
  readonly detection: 'link' | 'probe' | 'untracked';
  /** The member that took the addresses over, if any. */
  readonly destination: string | null;
  readonly moves: readonly TopologyMove[];
  readonly stranded: readonly string[];
  /** What in.mpathd logs when the NIC fails. */
  readonly log: readonly string[];
  /** What the repair does: the addresses that move back, and what in.mpathd logs. */
  readonly repair: { readonly moves: readonly TopologyMove[]; readonly log: readonly string[] };
}

export interface TopologyModel {
  readonly host: string;
  readonly release: Release;
  readonly groups: readonly TopologyGroup[];
  /** Plumbed NICs in no group (lo0 left out). */
  readonly ungrouped: readonly TopologyNic[];
  /** Warnings that concern no NIC, group or address shown (a NIC that never plumbs, default/mpathd). */
  readonly warnings: readonly TopologyWarning[];
  /** What in.mpathd logs about the configuration, in the stage shown. */
  readonly log: readonly string[];
  /** The failure shown, or null (the boot's state). */
  readonly failure: TopologyFailure | null;
  /** A NIC asked to fail that the host does not have. */
  readonly unknownNic?: string;
}

/** One file of the host with its findings, after the user's settings (rules off left out). */
export interface TopologyFileFindings {
  /** How the file is named in the host: `hostname.ce0`, `inet/hosts`. */
  readonly file: string;
  readonly kind: FileKind;
  readonly text: string;
  readonly findings: readonly { readonly rule: string; readonly severity: Severity; readonly message: string; readonly range: Range }[];
}

export interface TopologyOptions {
  /** The NIC whose failure was asked for (kept when the host has no such NIC). */
  readonly fail?: string;
}

interface MutableAddress extends TopologyAddress {
  warnings: TopologyWarning[];
}
interface MutableNic extends TopologyNic {
  warnings: TopologyWarning[];
  dataAddresses: MutableAddress[];
  testAddresses: MutableAddress[];
}
interface MutableGroup extends TopologyGroup {
  warnings: TopologyWarning[];
  members: MutableNic[];
}

export function buildTopology(explanation: HostExplanation, files: readonly TopologyFileFindings[], options: TopologyOptions = {}): TopologyModel {
  const failure = explanation.failure;
  const stage: { interfaces: readonly ExplainedInterface[]; ipmp: ExplainedIpmp } = failure ? failure.failed : explanation;
  const failedNic = failure?.nic;

  const nics = new Map<string, MutableNic>();
  const groups: MutableGroup[] = [];
  const ungrouped: MutableNic[] = [];
  for (const iface of stage.interfaces) {
    if (iface.name === 'lo0') continue;
    const member = stage.ipmp.groups.find((g) => g.name === iface.group)?.members.find((m) => m.name === iface.name);
    const state: NicState = (member?.role as NicState | undefined) ?? (iface.flags.includes('FAILED') ? 'failed' : iface.flags.includes('OFFLINE') ? 'offline' : 'active');
    const addresses = iface.addresses.filter((a) => a.role !== 'none');
    const toAddress = (a: (typeof addresses)[number]): MutableAddress => {
      const up = a.flags.includes('UP');
      return {
        lif: a.name,
        family: a.family,
        address: a.address,
        role: a.role as 'data' | 'test',
        up,
        ...(a.home !== iface.name ? { movedFrom: a.home } : {}),
        ...(a.role === 'data' && up && state === 'failed' ? { stranded: true } : {}),
        warnings: [],
      };
    };
    const nic: MutableNic = {
      name: iface.name,
      group: iface.group,
      state,
      detection: iface.group ? (member?.detection ?? 'link') : null,
      flags: iface.flags,
      dataAddresses: addresses.filter((a) => a.role === 'data').map(toAddress),
      testAddresses: addresses.filter((a) => a.role === 'test').map(toAddress),
      failed: iface.name === failedNic,
      warnings: [],
    };
    nics.set(nic.name, nic);
    if (!iface.group) {
      ungrouped.push(nic);
      continue;
    }
    let group = groups.find((g) => g.name === iface.group);
    if (!group) {
      group = { name: iface.group, detection: 'link', members: [], warnings: [] };
      groups.push(group);
    }
    group.members.push(nic);
  }
  // Groups in in.mpathd's order, members in its order (NIC index).
  const order = stage.ipmp.groups.map((g) => g.name);
  groups.sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const finalGroups = groups.map((g) => {
    const probes = g.members.filter((m) => m.detection === 'probe').length;
    return { ...g, detection: probes === g.members.length ? 'probe' : probes === 0 ? 'link' : 'mixed' } as MutableGroup;
  });

  const hostWarnings: TopologyWarning[] = [];
  const allAddresses = [...nics.values()].flatMap((n) => [...n.dataAddresses, ...n.testAddresses]);

  for (const file of files) {
    let index: LineIndex | undefined;
    const lineOf = (range: Range): string => {
      index ??= new LineIndex(file.text);
      const start = index.offsetAt({ line: range.start.line, character: 0 });
      const end = index.offsetAt({ line: range.start.line + 1, character: 0 });
      return file.text.slice(start, end).replace(/\r?\n$/, '');
    };
    const nic = file.kind === 'hostname' ? nicOfFile(file.file) : undefined;
    for (const f of file.findings) {
      const warning: TopologyWarning = { severity: f.severity, message: f.message, source: 'diagnostic', rule: f.rule, file: file.file, line: f.range.start.line + 1 };
      if (nic !== undefined) {
        const target = nics.get(nic);
        if (target) target.warnings.push(warning);
        else hostWarnings.push(warning);
        continue;
      }
      const targets = file.kind === 'hosts' ? addressesOfHostsLine(allAddresses, lineOf(f.range)) : file.kind === 'netmasks' ? addressesOfNetmasksLine(allAddresses, lineOf(f.range)) : [];
      if (targets.length === 0) hostWarnings.push(warning);
      for (const t of targets) t.warnings.push(warning);
    }
  }

  for (const line of stage.ipmp.log) {
    const warning: TopologyWarning = { severity: 'warning', message: line, source: 'in.mpathd' };
    const nic = [...nics.keys()].find((name) => namesWord(line, name));
    if (nic) {
      nics.get(nic)!.warnings.push(warning);
      continue;
    }
    const group = finalGroups.find((g) => namesWord(line, g.name));
    if (group) {
      group.warnings.push(warning);
      continue;
    }
    const address = allAddresses.find((a) => a.address && namesWord(line, a.address));
    if (address) address.warnings.push(warning);
    else hostWarnings.push(warning);
  }

  const move = (m: { address: string; from: string; to: string }): TopologyMove => ({ address: m.address, from: m.from, to: m.to });
  return {
    host: explanation.host,
    release: explanation.release,
    groups: finalGroups,
    ungrouped,
    warnings: hostWarnings,
    log: stage.ipmp.log,
    failure: failure
      ? {
          nic: failure.nic,
          group: failure.group,
          detection: failure.detection,
          destination: failure.destination,
          moves: failure.failed.moves.map(move),
          stranded: failure.stranded,
          log: failure.failed.log,
          repair: { moves: failure.repaired.moves.map(move), log: failure.repaired.log },
        }
      : null,
    ...(options.fail && !failure ? { unknownNic: options.fail } : {}),
  };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}

/** The NIC a hostname file configures: `hostname.ce0`, `hostname6.ce0`, `hostname.ce0:1`, `dhcp.ce0` → ce0. */
export function nicOfFile(file: string): string | undefined {
  const base = baseName(file);
  const dot = base.indexOf('.');
  if (dot === -1) return undefined;
  const name = checkInterfaceName(base.slice(dot + 1));
  return name.kind === 'valid' ? name.name.physical : undefined;
}

/** `word` in `line` on its own: `ce1` names NIC ce1 in `ce1:1` but not in `ce10`. */
function namesWord(line: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.:])${escaped}(?!\\w)`).test(line);
}

/** The addresses a `hosts` line defines (its first word). */
function addressesOfHostsLine<T extends TopologyAddress>(addresses: readonly T[], line: string): T[] {
  const word = line.replace(/#.*/, '').trim().split(/\s+/)[0];
  if (!word) return [];
  const wanted = word.toLowerCase();
  return addresses.filter((a) => a.address !== null && a.address.toLowerCase() === wanted);
}

/** The IPv4 addresses in the network a `netmasks` line names. */
function addressesOfNetmasksLine<T extends TopologyAddress>(addresses: readonly T[], line: string): T[] {
  const [network, mask] = line.replace(/#.*/, '').trim().split(/\s+/);
  const net = ipv4(network);
  const bits = ipv4(mask);
  if (net === undefined || bits === undefined) return [];
  return addresses.filter((a) => {
    const value = a.family === 'inet' && a.address ? ipv4(a.address) : undefined;
    return value !== undefined && ((value & bits) >>> 0) === ((net & bits) >>> 0);
  });
}

function ipv4(text: string | undefined): number | undefined {
  const m = text ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text) : null;
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}
