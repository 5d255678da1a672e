/**
 * A code lens on the first `group` word of each IPMP group in a hostname file, summing the
 * group up across the whole host (its other members live in other files):
 *
 *   group prod: ce0 active (test .11), ce1 standby (test .12), probe-based
 *
 * Members, standby flags and test addresses come from the IPMP model, i.e. what the host
 * ends up with at boot (§3.1, §3.2, §3.6). The lens carries an empty command: it is display
 * only, and resolved at once.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { Release } from '../catalog/releases';
import type { ConfiguredAddress, InterfaceConfig, IpmpGroup, IpmpHost } from '../rules/ipmpModel';
import type { ParsedDocument } from './document';
import type { HostView } from './hostView';
import { ipmpModelFor } from './hostView';
import { checkInterfaceName } from '../syntax/interfaceName';

/** Client commands for the preview lenses; without them (another editor) those lenses are left out. */
export interface LensCommands {
  /** Opens the boot preview of the host: arguments [uri]. */
  readonly previewBoot: string;
  /** Opens the failure simulation of a NIC: arguments [uri, nic]. */
  readonly simulateFailure: string;
  /** Opens the topology view of the host: arguments [uri]. Shown on each group's first `group` word. */
  readonly showTopology?: string;
}

export function codeLenses(doc: ParsedDocument, host: HostView, release: Release, commands?: LensCommands): CodeLens[] {
  if (doc.kind !== 'hostname') return [];
  const lenses: CodeLens[] = [];
  const model = ipmpModelFor(doc, host, release);
  if (commands) {
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    lenses.push({ range: top, command: { title: 'Preview boot', command: commands.previewBoot, arguments: [doc.uri], tooltip: 'What the boot scripts run for this host, what each command does, and the interfaces and groups it ends with' } });
    const name = doc.hostname.fileName ? checkInterfaceName(doc.hostname.fileName.interfaceName) : undefined;
    const nic = name?.kind === 'valid' ? name.name.physical : undefined;
    const iface = nic ? model.interfaces.get(nic) : undefined;
    if (nic && iface?.group) {
      lenses.push({
        range: top,
        command: { title: `Simulate failure of ${nic}`, command: commands.simulateFailure, arguments: [doc.uri, nic], tooltip: `Where in.mpathd moves ${nic}'s addresses in group '${iface.group}' when ${nic} fails, and what comes back when it is repaired` },
      });
    }
  }
  if (doc.hostname.isDhcpFile) return lenses;
  const firsts = new Map<string, CodeLens['range']>();
  for (const command of doc.hostname.commands) {
    for (const segment of command.segments) {
      for (const use of segment.keywords) {
        if (use.spec.name !== 'group' || !use.argument || use.argument.text === '""') continue;
        if (!firsts.has(use.argument.text)) firsts.set(use.argument.text, use.token.range);
      }
    }
  }
  for (const [name, range] of firsts) {
    const { title, tooltip } = summarizeGroup(name, model.groups.get(name), neverJoin(model, name));
    lenses.push({ range, command: { title, command: '', tooltip } });
    if (commands?.showTopology) {
      lenses.push({ range, command: { title: 'Show topology', command: commands.showTopology, arguments: [doc.uri], tooltip: "A picture of the host's IPMP groups, their NICs and addresses; click a NIC to see its failure" } });
    }
  }
  return lenses;
}

/** NICs whose files name the group but that the boot leaves out of it, with why (the line's error, or a later group). */
export function neverJoin(model: IpmpHost, group: string): { name: string; why: string }[] {
  const out: { name: string; why: string }[] = [];
  for (const iface of model.interfaces.values()) {
    if (iface.group === group) continue;
    const use = iface.groupUses.find((g) => g.use.argument?.text === group);
    if (!use) continue;
    const failed = model.boot.commands.find((c) => c.status === 'failed' && c.command.source?.uri === use.input.uri && c.command.source.line.words.includes(use.use.token));
    const why = failed?.error ? `its line fails: ${failed.error.message.replace(/^ifconfig: /, '')}` : iface.group ? `a later line puts it in '${iface.group}'` : 'its group is cleared later';
    out.push({ name: iface.name, why });
  }
  return out;
}

export interface GroupSummary {
  readonly title: string;
  readonly tooltip: string;
}

/** `group prod: ce0 active (test .11), ce1 standby (test .12), probe-based`. */
export function summarizeGroup(name: string, group: IpmpGroup | undefined, lost: readonly { name: string; why: string }[] = []): GroupSummary {
  const lostText = lost.map((l) => `${l.name} never joins (${l.why})`).join('; ');
  if (!group || group.members.length === 0) {
    return {
      title: `group ${name}: no interface ends up in it${lostText ? `; ${lostText}` : ''}`,
      tooltip: 'No line that runs at boot leaves a physical interface in this group (an unterminated last line never runs; a failing line stops before `group`; a later `group` wins).',
    };
  }
  const members = group.members.map((m) => describeMember(m, group.members.length === 1));
  const withTest = members.filter((m) => m.probes).length;
  const detection = withTest === members.length ? 'probe-based' : withTest === 0 ? 'link-based' : 'mixed';
  const tooltip =
    detection === 'probe-based'
      ? 'Every member has an address in.mpathd can probe from: failures are found by probing targets, and by link state where the driver reports it (§3.3).'
      : detection === 'link-based'
        ? 'No member has a test address: in.mpathd only watches link state, so a dead switch port upstream goes unnoticed (§3.3).'
        : `Only some members have a test address; probing is off on ${members
            .filter((m) => !m.probes)
            .map((m) => m.name)
            .join(', ')}, which rely on link state alone (§3.3).`;
  return { title: `group ${name}: ${members.map((m) => m.text).join(', ')}, ${detection}${lostText ? `; ${lostText}` : ''}`, tooltip };
}

interface MemberSummary {
  readonly name: string;
  readonly text: string;
  readonly probes: boolean;
}

function describeMember(member: InterfaceConfig, singleton: boolean): MemberSummary {
  const role = member.standby ? 'standby' : 'active';
  const tests = member.addresses.filter((a) => a.test && a.runs).map(shortAddress);
  if (tests.length > 0) return { name: member.name, text: `${member.name} ${role} (test ${tests.join(', ')})`, probes: true };
  // A group of one may probe from its data address (§3.2, singleton group).
  const data = singleton ? member.addresses.find((a) => !a.test && a.runs && a.up && a.value?.ipv4 !== undefined) : undefined;
  if (data) return { name: member.name, text: `${member.name} ${role} (probes from data ${shortAddress(data)})`, probes: true };
  return { name: member.name, text: `${member.name} ${role}`, probes: false };
}

/** `.11` for IPv4, `link-local` for IPv6's link-local, otherwise the word as written. */
function shortAddress(address: ConfiguredAddress): string {
  const value = address.value;
  if (value?.ipv4 !== undefined) return `.${value.ipv4 & 255}`;
  if (value?.linkLocal) return 'link-local';
  if (value) return value.canonical;
  return address.token?.text ?? '?';
}
