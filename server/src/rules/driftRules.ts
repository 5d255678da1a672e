/**
 * Drift rules (README "Drift: the running system against the boot files"): each difference
 * the engine finds between a capture of the running system and the simulated boot, reported
 * on the file a reboot reads — the NIC's hostname file — or, for a NIC no file plumbs, on the
 * capture itself. A quick fix writes the boot file so the next reboot keeps what runs, only
 * where one edit says it unambiguously.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { AddressFamily } from '../catalog/keywords';
import { type BootedAddress, type DriftFlag, type DriftItem, type DriftResult } from '../engine/drift';
import { formatIPv4, lifName, prefixOfMask, type Flag } from '../engine/state';
import type { CapturedInterface } from '../syntax/capture';
import { segmentWords, type HostnameCommand } from '../syntax/hostname';
import type { Token } from '../syntax/token';
import { insertAt, removeWords } from './edits';
import type { InterfaceFileInput } from './ipmpModel';
import { DRIFT_RULES } from './definitions/drift';
import type { HostFinding } from './ipmpRules';

const {
  driftAddressLost,
  driftAddressAdded,
  driftAddressMoved,
  driftFlags,
  driftMask,
  driftGroup,
  driftStandby,
  driftMemberState,
  driftInterfaceLost,
  driftInterfaceAdded,
} = DRIFT_RULES;

export interface DriftRuleInputs {
  readonly drift: DriftResult;
  readonly interfaces: readonly InterfaceFileInput[];
  /** The capture of `ifconfig -a` the drift comes from. */
  readonly capture: { readonly uri: string; readonly label: string };
  /** Where a new hostname file goes: the host's etc/ directory (URI, no trailing slash). */
  readonly rootUri: string;
}

/** The word that sets each flag in a hostname file. */
const FLAG_WORDS: Record<DriftFlag, string> = { UP: 'up', DEPRECATED: 'deprecated', NOFAILOVER: '-failover', DHCP: 'dhcp' };

const LINE0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function lineRange(line: number | undefined): Range {
  const l = line ?? 0;
  return { start: { line: l, character: 0 }, end: { line: l, character: Number.MAX_SAFE_INTEGER >>> 12 } };
}

function fileOf(inputs: DriftRuleInputs, nic: string, family: AddressFamily): InterfaceFileInput | undefined {
  const name = `${family === 'inet' ? 'hostname' : 'hostname6'}.${nic}`;
  return inputs.interfaces.find((i) => i.baseName === name) ?? (family === 'inet' ? inputs.interfaces.find((i) => i.baseName === `dhcp.${nic}`) : undefined);
}

/** The command a word of a file belongs to. */
function commandOf(file: InterfaceFileInput, token: Token): HostnameCommand | undefined {
  return file.file.commands.find((c) => c.line.span.start <= token.start && token.end <= c.line.span.end);
}

/** The last word of the command (where a keyword is appended). */
function lastWordOf(command: HostnameCommand): Token | undefined {
  const words = command.line.words;
  return words[words.length - 1];
}

/** The first line of a file as a range, or the word that set what the finding is about. */
function wordOrFirstLine(file: InterfaceFileInput | undefined, word: { uri: string; token: Token } | undefined): { uri?: string; range: Range } {
  if (word && (!file || word.uri === file.uri)) return { uri: word.uri, range: word.token.range };
  const first = file?.file.commands[0]?.line.words[0];
  return { uri: file?.uri, range: first ? first.range : LINE0 };
}

const has = (entry: CapturedInterface, flag: string): boolean => entry.flags.some((f) => f.toUpperCase() === flag);

/** The words of a hostname file line that would configure `entry` as it runs. */
export function configurationWords(entry: CapturedInterface, options: { addif: boolean; group?: string; standby?: boolean }): string {
  const words: string[] = [];
  if (options.addif) words.push('addif');
  if (entry.family === 'inet') {
    words.push(entry.address ?? '0.0.0.0');
    if (entry.netmask !== undefined) words.push('netmask', formatIPv4(entry.netmask >>> 0));
    words.push('broadcast', '+');
  } else {
    words.push(entry.prefixLength !== undefined ? `${entry.address}/${entry.prefixLength}` : (entry.address ?? '::'));
  }
  if (options.group) words.push('group', options.group);
  if (has(entry, 'DEPRECATED')) words.push('deprecated');
  if (has(entry, 'NOFAILOVER')) words.push('-failover');
  if (options.standby) words.push('standby');
  if (has(entry, 'UP')) words.push('up');
  return words.join(' ');
}

function checkItem(item: DriftItem, inputs: DriftRuleInputs, out: HostFinding[]): void {
  switch (item.kind) {
    case 'address-lost': {
      // A NIC no file plumbs is reported with its addresses (interface-lost), on the capture.
      const file = fileOf(inputs, item.nic, item.family);
      if (!file) return;
      const dhcp = has(item.running, 'DHCP');
      const unit0 = item.running.unit === 0;
      const fixes = [];
      if (!dhcp && !unit0 && file.file.commands.length > 0) {
        const line = configurationWords(item.running, { addif: true });
        fixes.push(driftAddressLost.fix.addLine({ uri: file.uri, file: file.baseName, text: file.file.text, index: file.file.index, line }));
      }
      const last = file.file.commands[file.file.commands.length - 1]?.line.words[0];
      const lif = item.running.name;
      const message = driftAddressLost.message.lost({ address: item.address, lif, flags: item.running.flags, ownAddress: unit0 ? { file: file.baseName, nic: item.nic } : undefined });
      out.push(
        driftAddressLost.findingIn(file.uri, last ? last.range : LINE0, message, {
          related: [{ uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: driftAddressLost.message.inCapture({ lif, capture: inputs.capture.label }) }],
          fixes,
        }),
      );
      return;
    }
    case 'address-added': {
      const file = fileOf(inputs, item.nic, item.family);
      const at = wordOrFirstLine(file, item.booted.lif.addressOrigin?.word);
      if (!at.uri) return;
      out.push(
        driftAddressAdded.findingIn(at.uri, at.range, driftAddressAdded.message.added({ address: item.address, lif: lifName(item.nic, item.booted.lif.unit), capture: inputs.capture.label })),
      );
      return;
    }
    case 'address-moved': {
      const file = fileOf(inputs, item.nic, item.family);
      const at = wordOrFirstLine(file, item.booted.lif.addressOrigin?.word);
      if (!at.uri) return;
      const message = driftAddressMoved.message.moved({
        address: item.address,
        lif: item.running.name,
        nic: item.nic,
        test: item.booted.lif.flags.has('NOFAILOVER'),
        runningNic: item.runningNic,
        group: item.booted.phyint.groupname,
      });
      out.push(
        driftAddressMoved.findingIn(at.uri, at.range, message, {
          related: [
            { uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: driftAddressMoved.message.runsNow({ address: item.address, lif: item.running.name }) },
          ],
        }),
      );
      return;
    }
    case 'flags':
      checkFlags(item, inputs, out);
      return;
    case 'mask': {
      const file = fileOf(inputs, item.nic, item.family);
      const at = wordOrFirstLine(file, item.booted.lif.addressOrigin?.word);
      if (!at.uri || !file) return;
      const lif = item.booted.lif;
      const fixes = [];
      const maskWord = lif.maskWord;
      if (maskWord && maskWord.uri === file.uri && lif.maskSource === 'netmask' && item.family === 'inet') {
        fixes.push(driftMask.fix.setNetmask({ uri: file.uri, range: maskWord.token.range, mask: formatIPv4(item.runningValue >>> 0) }));
      } else if (maskWord && maskWord.uri === file.uri && lif.maskSource === 'prefix') {
        const token = maskWord.token;
        const slash = token.text.lastIndexOf('/');
        if (slash !== -1) {
          const length = item.family === 'inet' ? prefixOfMask(item.runningValue >>> 0) : item.runningValue;
          if (length !== undefined) {
            const start = file.file.index.positionAt(token.start + slash + 1);
            fixes.push(driftMask.fix.setPrefixLength({ uri: file.uri, range: { start, end: token.range.end }, length }));
          }
        }
      }
      const message = driftMask.message.differs({ address: item.address, runningMask: item.runningMask, bootMask: item.bootMask, source: lif.maskSource });
      out.push(
        driftMask.findingIn(at.uri, at.range, message, {
          related: [{ uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: driftMask.message.runsNow({ lif: item.running.name }) }],
          fixes,
        }),
      );
      return;
    }
    case 'group': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const word = item.phyint.groupWord;
      const at = wordOrFirstLine(word ? inputs.interfaces.find((i) => i.uri === word.uri) : file, word);
      if (!at.uri) return;
      const fixes = [];
      const target = word ? inputs.interfaces.find((i) => i.uri === word.uri) : file;
      if (target && word && item.runningGroup) {
        fixes.push(driftGroup.fix.changeGroup({ uri: target.uri, range: word.token.range, nic: item.nic, group: item.runningGroup }));
      } else if (target && word && !item.runningGroup) {
        const keyword = groupKeywordBefore(target, word.token);
        if (keyword) fixes.push(driftGroup.fix.removeGroup({ uri: target.uri, index: target.file.index, keyword, group: word.token, nic: item.nic }));
      } else if (target && !word && item.runningGroup) {
        const first = target.file.commands[0];
        const last = first && lastWordOf(first);
        if (last) fixes.push(driftGroup.fix.addGroup({ uri: target.uri, index: target.file.index, after: last.end, group: item.runningGroup, file: target.baseName }));
      }
      out.push(
        driftGroup.findingIn(at.uri, at.range, driftGroup.message.differs({ nic: item.nic, running: item.runningGroup, boot: item.bootGroup }), {
          related: [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.groupLine ?? item.runningAt.line), message: driftGroup.message.runsNow({ nic: item.nic }) }],
          fixes,
        }),
      );
      return;
    }
    case 'standby': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const word = item.phyint.standbyWord;
      const at = wordOrFirstLine(file, word);
      if (!at.uri) return;
      const fixes = [];
      const target = word && inputs.interfaces.find((i) => i.uri === word.uri);
      if (!item.running && target && word) {
        fixes.push(driftStandby.fix.removeStandby({ uri: target.uri, index: target.file.index, standby: word.token, nic: item.nic }));
      }
      out.push(
        driftStandby.findingIn(at.uri, at.range, driftStandby.message.differs({ nic: item.nic, running: item.running }), {
          related: [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.line), message: driftStandby.message.runsNow({ nic: item.nic }) }],
          fixes,
        }),
      );
      return;
    }
    case 'member-state': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const at = wordOrFirstLine(file, item.phyint?.groupWord);
      if (!at.uri) return;
      const source = item.from === 'ipmpstat' ? 'ipmpstat -i' : inputs.capture.label;
      out.push(
        driftMemberState.findingIn(at.uri, at.range, driftMemberState.message.state({ nic: item.nic, state: item.state, group: item.group, source }), {
          severity: item.state === 'FAILED' ? 'warning' : 'info',
          related: item.runningAt ? [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.line), message: driftMemberState.message.runsNow({ nic: item.nic }) }] : undefined,
        }),
      );
      return;
    }
    case 'interface-lost': {
      const first = item.running[0]!;
      const isDhcp = item.running.some((e) => has(e, 'DHCP'));
      const fileName = `${item.family === 'inet' ? 'hostname' : 'hostname6'}.${item.nic}`;
      const fixes = [];
      const existing = inputs.interfaces.find((i) => i.baseName === fileName);
      // An IPMP interface (OpenSolaris) is made by `ifconfig ipmp0 ipmp`, not from a hostname file of the classic kind.
      const ipmpInterface = item.running.some((e) => has(e, 'IPMP'));
      if (!isDhcp && !existing && !ipmpInterface) {
        const withAddress = item.running.filter((e) => e.address && e.address !== '0.0.0.0' && !(item.family === 'inet6' && e.unit === 0));
        const group = item.running.find((e) => e.group)?.group;
        const standby = item.running.some((e) => has(e, 'STANDBY'));
        const unit0 = item.running.find((e) => e.unit === 0);
        const lines: string[] = [];
        if (item.family === 'inet') {
          const own = unit0 && unit0.address && unit0.address !== '0.0.0.0' ? unit0 : undefined;
          if (own) lines.push(configurationWords(own, { addif: false, group, standby }));
          // No address of its own (a standby, a NIC whose address failed over): its group and role only.
          else if (group || standby) lines.push([group ? `group ${group}` : '', standby ? 'standby' : '', 'up'].filter(Boolean).join(' '));
          for (const e of withAddress) if (e !== own) lines.push(configurationWords(e, { addif: true }));
        } else {
          if (group || standby) lines.push([group ? `group ${group}` : '', standby ? 'standby' : '', 'up'].filter(Boolean).join(' '));
          for (const e of withAddress) lines.push(configurationWords(e, { addif: true }));
        }
        const uri = `${inputs.rootUri.replace(/\/+$/, '')}/${fileName}`;
        fixes.push(driftInterfaceLost.fix.createFile({ uri, file: fileName, nic: item.nic, lines }));
      }
      const addresses = item.running.map((e) => e.address).filter((a) => a && a !== '0.0.0.0' && a !== '::');
      const message = driftInterfaceLost.message.lost({ nic: item.nic, family: item.family, addresses: addresses as string[], file: fileName, dhcp: isDhcp });
      out.push(driftInterfaceLost.findingIn(inputs.capture.uri, lineRange(first.line), message, { fixes }));
      return;
    }
    case 'interface-added': {
      const file = fileOf(inputs, item.nic, item.family);
      if (!file) return;
      const message = driftInterfaceAdded.message.added({ nic: item.nic, family: item.family, capture: inputs.capture.label, file: file.baseName });
      out.push(driftInterfaceAdded.findingIn(file.uri, wordOrFirstLine(file, undefined).range, message));
      return;
    }
  }
}

/** The `group` keyword before its argument, in the same command. */
function groupKeywordBefore(file: InterfaceFileInput, argument: Token): Token | undefined {
  const command = commandOf(file, argument);
  if (!command) return undefined;
  for (const segment of command.segments) {
    for (const use of segment.keywords) if (use.spec.name === 'group' && use.argument?.start === argument.start) return use.token;
  }
  return undefined;
}

function checkFlags(item: Extract<DriftItem, { kind: 'flags' }>, inputs: DriftRuleInputs, out: HostFinding[]): void {
  const file = fileOf(inputs, item.nic, item.family);
  const booted: BootedAddress = item.booted;
  const addressWord = booted.lif.addressOrigin?.word;
  const at = wordOrFirstLine(file, addressWord);
  if (!at.uri || !file) return;
  const fixes = [];
  const edits: TextEdit[] = [];
  let fixable = true;
  const command = addressWord && addressWord.uri === file.uri ? commandOf(file, addressWord.token) : undefined;
  const afterAddress: string[] = [];
  for (const flag of item.missing) {
    if (flag === 'DHCP' || !command || !addressWord) {
      fixable = false;
      continue;
    }
    // `up` goes last (after netmask and broadcast, as the boot scripts write it); the others after the address.
    if (flag === 'UP') {
      const segment = command.segments.find((s) => s.address === addressWord.token) ?? command.segments[0];
      const last = segment ? lastOfSegment(segment) : lastWordOf(command);
      if (!last) fixable = false;
      else edits.push(insertAt(file.file.index, last.end, ' up'));
    } else afterAddress.push(FLAG_WORDS[flag]);
  }
  // One insertion, in the order ifconfig prints the flags (two at one place would swap).
  if (afterAddress.length && addressWord) edits.push(insertAt(file.file.index, addressWord.token.end, ` ${afterAddress.join(' ')}`));
  for (const flag of item.extra) {
    const word = flag === 'DHCP' ? undefined : booted.lif.flagWords.get(flag as Flag);
    if (!word || word.uri !== file.uri || file.file.text.slice(word.token.start, word.token.end) !== word.token.text) {
      fixable = false;
      continue;
    }
    edits.push(removeWords(file.file.index, word.token));
  }
  if (fixable && edits.length) fixes.push(driftFlags.fix.asItRuns({ uri: file.uri, address: item.address, missing: item.missing, extra: item.extra, edits }));
  out.push(
    driftFlags.findingIn(at.uri, at.range, driftFlags.message.differ({ address: item.address, lif: item.running.name, missing: item.missing, extra: item.extra }), {
      related: [{ uri: inputs.capture.uri, range: lineRange(item.running.line), message: driftFlags.message.runningFlags({ lif: item.running.name, flags: item.running.flags }) }],
      fixes,
    }),
  );
}

function lastOfSegment(segment: HostnameCommand['segments'][number]): Token | undefined {
  return segmentWords(segment).sort((a, b) => b.end - a.end)[0];
}

/** Every drift finding of a host. */
export function checkDrift(inputs: DriftRuleInputs): HostFinding[] {
  const out: HostFinding[] = [];
  for (const item of inputs.drift.items) checkItem(item, inputs, out);
  return out;
}

