/**
 * Rules that read the simulated boot itself (README "Rules from the boot simulation"): what a
 * command did to an address or a group, and every command that fails — in ifconfig's words —
 * for a reason no other rule names. Nothing is flagged that the boot does not do.
 */
import { RELEASES } from '../catalog/releases';
import type { CommandOutcome, EngineEvent, IfconfigErrorCode } from '../engine/command';
import type { Range } from 'vscode-languageserver-types';
import type { Token } from '../syntax/token';
import { insertAt } from './edits';
import type { InterfaceFileInput, IpmpHost } from './ipmpModel';
import type { RuleId } from './registry';
import type { HostFinding } from './ipmpRules';

export interface BootRuleInputs {
  readonly model: IpmpHost;
  readonly interfaces: readonly InterfaceFileInput[];
}

/** The files' parsed texts by URI, for edits. */
function filesByUri(inputs: BootRuleInputs): Map<string, InterfaceFileInput> {
  return new Map(inputs.interfaces.map((i) => [i.uri, i]));
}

export function checkBoot(inputs: BootRuleInputs): HostFinding[] {
  const out: HostFinding[] = [];
  const files = filesByUri(inputs);
  checkReplacedAddresses(inputs, files, out);
  checkGroupConflicts(inputs, out);
  return out;
}

// ---------------------------------------------------------------------------------------
// An address set again on the same logical interface

function checkReplacedAddresses(inputs: BootRuleInputs, files: Map<string, InterfaceFileInput>, out: HostFinding[]): void {
  const boot = inputs.model.boot;
  for (const event of boot.events) {
    if (event.kind !== 'address-replaced' || !event.word) continue;
    const file = files.get(event.word.uri);
    if (!file) continue;
    const word = event.word.token;
    const sameCommand = event.previous.commandId === event.commandId;
    if (event.previous.word && (sameCommand || event.previous.address === event.address)) continue;
    const addifFix = file.file.text.slice(word.start, word.end) === word.text && !sameCommand
      ? [{ title: `Add ${word.text} with 'addif' instead`, isPreferred: true, edits: [{ uri: file.uri, edits: [insertAt(file.file.index, word.start, 'addif ')] }] }]
      : [];
    if (!event.previous.word) {
      if (event.family !== 'inet6') continue;
      // A global address marked -failover: ipv6-test-address names that mistake, and this one (§4.23).
      if (boot.commands[event.commandId]?.command.args.some((a) => a.text === '-failover')) continue;
      // The link-local address the NIC got at plumb time (it has no word of its own).
      out.push({
        uri: file.uri,
        rule: 'address-replaced',
        range: word.range,
        message: `The first address of a line in ${file.baseName} is ${event.lif}'s own address, so ${word.text} replaces the link-local address ${event.lif} got when it was plumbed: the NIC is left without one, and in.mpathd probes only from link-local addresses (neighbour discovery needs one too). Add global addresses with 'addif … up'.`,
        fixes: addifFix,
      });
      continue;
    }
    const previous = event.previous.word;
    const previousFile = files.get(previous.uri);
    const where = previous.uri === file.uri ? `line ${previous.token.range.start.line + 1}` : `${previousFile?.baseName ?? 'another file'} line ${previous.token.range.start.line + 1}`;
    out.push({
      uri: file.uri,
      rule: 'address-replaced',
      range: word.range,
      message: `Each line is a command of its own, and its first address is ${event.lif}'s own address: ${word.text} (${event.address}) replaces ${previous.token.text}${previous.token.text === event.previous.address ? '' : ` (${event.previous.address})`} set on ${where}, which is gone after boot. To add a second address, write 'addif ${word.text} …'.`,
      related: [{ uri: previous.uri, range: previous.token.range, message: `${event.previous.address}, replaced` }],
      fixes: addifFix,
    });
  }
}

// ---------------------------------------------------------------------------------------
// One NIC, two groups (§3.1: the group belongs to the NIC, both families; the last one run wins)

function checkGroupConflicts(inputs: BootRuleInputs, out: HostFinding[]): void {
  const boot = inputs.model.boot;
  const byNic = new Map<string, Extract<EngineEvent, { kind: 'group-set' }>[]>();
  for (const event of boot.events) {
    if (event.kind !== 'group-set' || !event.word) continue;
    byNic.set(event.nic, [...(byNic.get(event.nic) ?? []), event]);
  }
  const files = filesByUri(inputs);
  for (const [nic, events] of byNic) {
    const final = boot.state.phyints.get(nic)?.groupname;
    if (new Set(events.map((e) => e.group)).size < 2 || final === undefined) continue;
    const winner = [...events].reverse().find((e) => e.group === final) ?? events[events.length - 1]!;
    for (const event of events) {
      if (event.group === final) continue;
      const file = files.get(event.word!.uri);
      const winnerFile = files.get(winner.word!.uri);
      const later = winnerFile && file && winnerFile !== file ? `${winnerFile.baseName} runs later and puts` : `a later line puts`;
      out.push({
        uri: event.word!.uri,
        rule: 'conflicting-groups',
        range: event.word!.token.range,
        message: `The group belongs to the NIC (IPv4 and IPv6 together), and the last one set wins: ${later} ${nic} in '${final}', so ${nic} is not a member of '${event.group}' after boot.`,
        related: [{ uri: winner.word!.uri, range: winner.word!.token.range, message: `group '${final}' wins` }],
        fixes: file && file.file.text.slice(event.word!.token.start, event.word!.token.end) === event.word!.token.text
          ? [{ title: `Change to '${final}'`, edits: [{ uri: file.uri, edits: [{ range: event.word!.token.range, newText: final }] }] }]
          : [],
      });
    }
  }
}

// ---------------------------------------------------------------------------------------
// DHCP that never starts

/** What ifconfig makes of a DHCP line it rejects (§1.9, §2): dhcp-rejected's message. */
function dhcpMessage(outcome: CommandOutcome, release: IpmpHost['release']): string {
  const args = outcome.command.args;
  const error = outcome.error!;
  const failing = error.argIndex !== undefined ? args[error.argIndex] : undefined;
  const source = outcome.command.source;
  const nic = args[0]?.text ?? '';
  if (error.code === 'dhcp-inet6') {
    return `${RELEASES.indexOf(release) < RELEASES.indexOf('osol') ? 'This release' : 'ifconfig'} has no DHCP for IPv6: ifconfig prints 'dhcp not supported for inet6' and exits 0, so the boot goes on without DHCP and without an error. IPv6 addresses come from in.ndpd (stateless autoconfiguration) or are written in hostname6.${nic}.`;
  }
  if (failing?.implicit && source && !source.baseName.startsWith('dhcp.')) {
    return `This file has one line, so the boot script appends 'netmask + broadcast + up' to it; after 'dhcp' ifconfig reads only DHCP words, takes 'netmask' for an unknown operation, prints its usage ("${error.message}") and exits: DHCP never starts. Leave hostname.${nic} empty and put the DHCP options in dhcp.${nic}.`;
  }
  return `'${failing?.text}' is no DHCP word of ifconfig (primary, wait <seconds>|forever, start, drop, release, extend, inform, ping, status): at boot it prints its usage ("${error.message}") and exits ${outcome.exitCode}, so DHCP never starts on ${nic}.`;
}

// ---------------------------------------------------------------------------------------
// Every other failing command

/** Rules that already name the failure of each kind, on its word or its line. */
const NAMED_BY: Partial<Record<IfconfigErrorCode, readonly RuleId[]>> = {
  'bad-address': ['unresolved-host', 'unknown-keyword', 'comment-not-supported', 'stray-plus', 'invalid-address', 'line-continuation', 'misplaced-keyword', 'solaris11-syntax', 'carriage-return', 'no-hosts-file', 'unreadable-file', 'file-too-large', 'invalid-netmask'],
  'keyword-as-address': ['keyword-as-address'],
  'wrong-family-name': ['name-wrong-family'],
  'no-argument': ['missing-argument'],
  'not-supported-for-family': ['wrong-address-family'],
  'bad-prefix': ['invalid-address', 'invalid-netmask'],
  'unexpected-slash': ['invalid-address', 'invalid-netmask'],
  'addif-on-logical': ['addif-on-logical'],
  'cannot-set-failover': ['standby-addif-order', 'option-order'],
  'dhcp-usage': ['unknown-keyword', 'missing-argument', 'invalid-value'],
  'dhcp-inet6': ['wrong-address-family'],
  'plumb-failed': ['ignored-file', 'invalid-interface-name', 'solaris11-syntax'],
  'no-such-interface': ['dhcp-without-hostname-file', 'ignored-file', 'invalid-interface-name'],
  'invalid-argument': ['invalid-value'],
  'unknown-zone': [],
};

/** What a failure means at boot, when ifconfig's own message needs a word of explanation. */
function explain(outcome: CommandOutcome): string {
  switch (outcome.error?.code) {
    case 'unknown-zone':
      return ' No zone is running yet when the network is configured at boot, so no zone name is known; a zone gets its addresses from zoneadm (zonecfg net resources), not from hostname files.';
    case 'no-such-interface':
      return ' The interface it names is not plumbed at this point of the boot.';
    case 'not-a-tunnel':
      return '';
    default:
      return '';
  }
}

export interface Covering {
  /** Whether a finding of the document already names this failure. */
  covered(uri: string, range: Range, line: number, rules: readonly RuleId[]): boolean;
  /** Whether an error or warning of the document stands on these lines. */
  lineHasProblem(uri: string, firstLine: number, lastLine: number): boolean;
}

/** One finding for each failing command of the document that no other finding explains. */
export function checkFailures(model: IpmpHost, uri: string, covering: Covering, lineRange: (line: number) => Range): HostFinding[] {
  const out: HostFinding[] = [];
  for (const outcome of model.boot.commands) {
    const dhcp = outcome.error?.code === 'dhcp-usage' || outcome.error?.code === 'dhcp-inet6';
    // `dhcp` in hostname6 before OpenSolaris: ifconfig exits 0, but DHCP does not start.
    if (!outcome.error || (outcome.status !== 'failed' && !dhcp)) continue;
    const source = outcome.command.source;
    if (!source || source.uri !== uri) continue;
    const arg = outcome.error.argIndex !== undefined ? outcome.command.args[outcome.error.argIndex] : undefined;
    const token: Token | undefined = arg?.ref?.uri === uri ? arg.ref.token : undefined;
    const range = token?.range ?? lineRange(source.line.firstLine);
    const rules = NAMED_BY[outcome.error.code] ?? [];
    // A word the boot script added (or one of another file) fails: any problem on the line explains it.
    if (token ? covering.covered(uri, range, source.line.firstLine, rules) : covering.lineHasProblem(uri, source.line.firstLine, source.line.lastLine)) continue;
    if (dhcp) {
      out.push({ uri, rule: 'dhcp-rejected', range, message: dhcpMessage(outcome, model.release) });
      continue;
    }
    const notRead = outcome.words.filter((w) => w.role === 'not-reached').map((w) => outcome.command.args[w.index]!.text);
    out.push({
      uri,
      rule: 'boot-command-fails',
      range,
      message: `At boot '${[outcome.command.program.replace(/^.*\//, ''), ...outcome.command.args.map((a) => a.text)].join(' ')}' fails: ${outcome.error.message}${
        notRead.length ? ` — the rest of the line (${notRead.join(' ')}) is never read.` : '.'
      }${explain(outcome)}`,
    });
  }
  return out;
}
