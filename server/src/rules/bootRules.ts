/**
 * Rules that read the simulated boot itself (README "Rules from the boot simulation"): what a
 * command did to an address or a group, and every command that fails — in ifconfig's words —
 * for a reason no other rule names. Nothing is flagged that the boot does not do.
 */
import type { CommandOutcome, EngineEvent, IfconfigErrorCode } from '../engine/command';
import type { Range } from 'vscode-languageserver-types';
import type { Token } from '../syntax/token';
import { BOOT_RULES } from './definitions/boot';
import type { InterfaceFileInput, IpmpHost } from './ipmpModel';
import type { RuleId } from './registry';
import type { HostFinding } from './ipmpRules';

const { addressReplaced, conflictingGroups, dhcpRejected, bootCommandFails } = BOOT_RULES;

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
    const addifFix = file.file.text.slice(word.start, word.end) === word.text && !sameCommand ? [addressReplaced.fix.useAddif({ uri: file.uri, index: file.file.index, word })] : [];
    if (!event.previous.word) {
      if (event.family !== 'inet6') continue;
      // A global address marked -failover: ipv6-test-address names that mistake, and this one (§4.23).
      if (boot.commands[event.commandId]?.command.args.some((a) => a.text === '-failover')) continue;
      // The link-local address the NIC got at plumb time (it has no word of its own).
      out.push(addressReplaced.findingIn(file.uri, word.range, addressReplaced.message.linkLocal({ file: file.baseName, lif: event.lif, word: word.text }), { fixes: addifFix }));
      continue;
    }
    const previous = event.previous.word;
    const previousFile = files.get(previous.uri);
    const where = previous.uri === file.uri ? `line ${previous.token.range.start.line + 1}` : `${previousFile?.baseName ?? 'another file'} line ${previous.token.range.start.line + 1}`;
    const message = addressReplaced.message.earlierAddress({
      lif: event.lif,
      word: word.text,
      address: event.address,
      previousWord: previous.token.text,
      previousAddress: event.previous.address,
      where,
    });
    out.push(
      addressReplaced.findingIn(file.uri, word.range, message, {
        related: [{ uri: previous.uri, range: previous.token.range, message: addressReplaced.message.replaced({ address: event.previous.address }) }],
        fixes: addifFix,
      }),
    );
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
      const laterFile = winnerFile && file && winnerFile !== file ? winnerFile.baseName : undefined;
      const range = event.word!.token.range;
      out.push(
        conflictingGroups.findingIn(event.word!.uri, range, conflictingGroups.message.lastWins({ nic, group: event.group, final, laterFile }), {
          related: [{ uri: winner.word!.uri, range: winner.word!.token.range, message: conflictingGroups.message.wins({ final }) }],
          fixes: file && file.file.text.slice(event.word!.token.start, event.word!.token.end) === event.word!.token.text ? [conflictingGroups.fix.changeTo({ uri: file.uri, range, final })] : [],
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// DHCP that never starts

/** What ifconfig makes of a DHCP line it rejects (§1.9, §2): dhcp-rejected's message. */
function dhcpMessage(outcome: CommandOutcome, release: IpmpHost['release']) {
  const args = outcome.command.args;
  const error = outcome.error!;
  const failing = error.argIndex !== undefined ? args[error.argIndex] : undefined;
  const source = outcome.command.source;
  const nic = args[0]?.text ?? '';
  if (error.code === 'dhcp-inet6') return dhcpRejected.message.inet6({ release, nic });
  if (failing?.implicit && source && !source.baseName.startsWith('dhcp.')) return dhcpRejected.message.appendedWords({ nic, usage: error.message });
  return dhcpRejected.message.notDhcpWord({ word: failing?.text, usage: error.message, exitCode: outcome.exitCode, nic });
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
      out.push(dhcpRejected.findingIn(uri, range, dhcpMessage(outcome, model.release)));
      continue;
    }
    const notRead = outcome.words.filter((w) => w.role === 'not-reached').map((w) => outcome.command.args[w.index]!.text);
    const command = [outcome.command.program.replace(/^.*\//, ''), ...outcome.command.args.map((a) => a.text)].join(' ');
    out.push(bootCommandFails.findingIn(uri, range, bootCommandFails.message.fails({ command, error: outcome.error.message, notRead, code: outcome.error.code })));
  }
  return out;
}
