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
import type { Fix } from './types';
import type { HostFinding } from './ipmpRules';

export interface DriftRuleInputs {
  readonly drift: DriftResult;
  readonly interfaces: readonly InterfaceFileInput[];
  /** The capture of `ifconfig -a` the drift comes from. */
  readonly capture: { readonly uri: string; readonly label: string };
  /** Where a new hostname file goes: the host's etc/ directory (URI, no trailing slash). */
  readonly rootUri: string;
}

const FLAG_WORDS: Record<DriftFlag, { add: string; name: string }> = {
  UP: { add: 'up', name: 'up' },
  DEPRECATED: { add: 'deprecated', name: 'deprecated' },
  NOFAILOVER: { add: '-failover', name: '-failover' },
  DHCP: { add: 'dhcp', name: 'DHCP' },
};

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

function flagList(entry: CapturedInterface): string {
  const shown = entry.flags.filter((f) => ['UP', 'DEPRECATED', 'NOFAILOVER', 'STANDBY', 'INACTIVE', 'FAILED', 'OFFLINE', 'DHCP'].includes(f.toUpperCase()));
  return shown.length ? shown.join(',') : 'no IPMP flags';
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

/** The line ending a file already uses for its lines. */
function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Appends a line to a hostname file (after a final newline, which it adds when missing). */
function appendLine(file: InterfaceFileInput, line: string): TextEdit {
  const text = file.file.text;
  const eol = eolOf(text);
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return insertAt(file.file.index, text.length, `${needsBreak ? eol : ''}${line}${eol}`);
}

function checkItem(item: DriftItem, inputs: DriftRuleInputs, out: HostFinding[]): void {
  switch (item.kind) {
    case 'address-lost': {
      // A NIC no file plumbs is reported with its addresses (interface-lost), on the capture.
      const file = fileOf(inputs, item.nic, item.family);
      if (!file) return;
      const dhcp = has(item.running, 'DHCP');
      const unit0 = item.running.unit === 0;
      const fixes: Fix[] = [];
      if (!dhcp && !unit0 && file.file.commands.length > 0) {
        const line = configurationWords(item.running, { addif: true });
        fixes.push({ title: `Add '${line}' to ${file.baseName}`, isPreferred: true, edits: [{ uri: file.uri, edits: [appendLine(file, line)] }] });
      }
      const last = file.file.commands[file.file.commands.length - 1]?.line.words[0];
      out.push({
        uri: file.uri,
        rule: 'drift-address-lost',
        range: last ? last.range : LINE0,
        message: `The running system has ${item.address} on ${item.running.name} (${flagList(item.running)}), and no boot file configures it: the next reboot loses it.${unit0 ? ` It is ${item.running.name}'s own address; ${file.baseName} gives ${item.nic} another one.` : ''}`,
        related: [{ uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: `${item.running.name} in ${inputs.capture.label}` }],
        fixes,
      });
      return;
    }
    case 'address-added': {
      const file = fileOf(inputs, item.nic, item.family);
      const at = wordOrFirstLine(file, item.booted.lif.addressOrigin?.word);
      if (!at.uri) return;
      out.push({
        uri: at.uri,
        rule: 'drift-address-added',
        range: at.range,
        message: `The next boot puts ${item.address} on ${lifName(item.nic, item.booted.lif.unit)}, and the running system does not have it (${inputs.capture.label}): a reboot adds it. If it was removed on purpose, remove it here too.`,
      });
      return;
    }
    case 'address-moved': {
      const file = fileOf(inputs, item.nic, item.family);
      const at = wordOrFirstLine(file, item.booted.lif.addressOrigin?.word);
      if (!at.uri) return;
      const why = item.booted.lif.flags.has('NOFAILOVER') ? 'a test address never moves' : `${item.runningNic} is not in ${item.nic}'s group${item.booted.phyint.groupname ? ` ${item.booted.phyint.groupname}` : ''}`;
      out.push({
        uri: at.uri,
        rule: 'drift-address-moved',
        range: at.range,
        message: `${item.address} runs on ${item.running.name}, but the next boot puts it on ${item.nic} (${why}): a reboot moves it.`,
        related: [{ uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: `${item.address} on ${item.running.name} now` }],
      });
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
      const fixes: Fix[] = [];
      const maskWord = lif.maskWord;
      if (maskWord && maskWord.uri === file.uri && lif.maskSource === 'netmask' && item.family === 'inet') {
        const value = formatIPv4(item.runningValue >>> 0);
        fixes.push({ title: `Set the netmask to ${value}, as it runs`, isPreferred: true, edits: [{ uri: file.uri, edits: [{ range: maskWord.token.range, newText: value }] }] });
      } else if (maskWord && maskWord.uri === file.uri && lif.maskSource === 'prefix') {
        const token = maskWord.token;
        const slash = token.text.lastIndexOf('/');
        if (slash !== -1) {
          const length = item.family === 'inet' ? prefixOfMask(item.runningValue >>> 0) : item.runningValue;
          if (length !== undefined) {
            const start = file.file.index.positionAt(token.start + slash + 1);
            fixes.push({ title: `Set the prefix length to /${length}, as it runs`, isPreferred: true, edits: [{ uri: file.uri, edits: [{ range: { start, end: token.range.end }, newText: String(length) }] }] });
          }
        }
      }
      const source = lif.maskSource === 'netmasks' ? ` (from netmasks, by 'netmask +')` : lif.maskSource === 'classful' ? ' (the class default: no netmask is given)' : '';
      out.push({
        uri: at.uri,
        rule: 'drift-mask',
        range: at.range,
        message: `${item.address} runs with the mask ${item.runningMask}; the next boot gives it ${item.bootMask}${source}.`,
        related: [{ uri: inputs.capture.uri, range: lineRange(item.running.addressLine ?? item.running.line), message: `${item.running.name} now` }],
        fixes,
      });
      return;
    }
    case 'group': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const word = item.phyint.groupWord;
      const at = wordOrFirstLine(word ? inputs.interfaces.find((i) => i.uri === word.uri) : file, word);
      if (!at.uri) return;
      const fixes: Fix[] = [];
      const target = word ? inputs.interfaces.find((i) => i.uri === word.uri) : file;
      if (target && word && item.runningGroup) {
        fixes.push({ title: `Put ${item.nic} in group ${item.runningGroup}, as it runs`, isPreferred: true, edits: [{ uri: target.uri, edits: [{ range: word.token.range, newText: item.runningGroup }] }] });
      } else if (target && word && !item.runningGroup) {
        const keyword = groupKeywordBefore(target, word.token);
        if (keyword) fixes.push({ title: `Remove 'group ${word.token.text}': ${item.nic} runs in no group`, edits: [{ uri: target.uri, edits: [removeWords(target.file.index, keyword, word.token)] }] });
      } else if (target && !word && item.runningGroup) {
        const first = target.file.commands[0];
        const last = first && lastWordOf(first);
        if (last) {
          fixes.push({ title: `Add 'group ${item.runningGroup}' to ${target.baseName}`, isPreferred: true, edits: [{ uri: target.uri, edits: [insertAt(target.file.index, last.end, ` group ${item.runningGroup}`)] }] });
        }
      }
      const running = item.runningGroup ? `in group ${item.runningGroup}` : 'in no group';
      const boot = item.bootGroup ? `in group ${item.bootGroup}` : 'in no group';
      out.push({
        uri: at.uri,
        rule: 'drift-group',
        range: at.range,
        message: `${item.nic} runs ${running}; the next boot puts it ${boot}.`,
        related: [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.groupLine ?? item.runningAt.line), message: `${item.nic} now` }],
        fixes,
      });
      return;
    }
    case 'standby': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const word = item.phyint.standbyWord;
      const at = wordOrFirstLine(file, word);
      if (!at.uri) return;
      const fixes: Fix[] = [];
      const target = word && inputs.interfaces.find((i) => i.uri === word.uri);
      if (!item.running && target && word) {
        fixes.push({ title: `Remove 'standby': ${item.nic} runs as an active member`, edits: [{ uri: target.uri, edits: [removeWords(target.file.index, word.token)] }] });
      }
      out.push({
        uri: at.uri,
        rule: 'drift-standby',
        range: at.range,
        message: item.running
          ? `${item.nic} runs as a standby interface (STANDBY); the next boot makes it an active member: a reboot changes which NIC carries the data addresses.`
          : `${item.nic} runs as an active member; the next boot makes it a standby interface: a reboot moves its data addresses away.`,
        related: [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.line), message: `${item.nic} now` }],
        fixes,
      });
      return;
    }
    case 'member-state': {
      const file = fileOf(inputs, item.nic, 'inet') ?? fileOf(inputs, item.nic, 'inet6');
      const at = wordOrFirstLine(file, item.phyint?.groupWord);
      if (!at.uri) return;
      const meaning =
        item.state === 'FAILED'
          ? 'in.mpathd found it failed, and its data addresses run on another member: the group has lost its redundancy'
          : item.state === 'OFFLINE'
            ? "someone took it offline (if_mpadm -d); a reboot brings it back"
            : 'it carries no data addresses although the boot files make it an active member (after a repair with FAILBACK=no, or a standby that took over)';
      out.push({
        uri: at.uri,
        rule: 'drift-member-state',
        range: at.range,
        severity: item.state === 'FAILED' ? 'warning' : 'info',
        message: `${item.nic} runs ${item.state} in group ${item.group} (${item.from === 'ipmpstat' ? 'ipmpstat -i' : inputs.capture.label}): ${meaning}.`,
        related: item.runningAt ? [{ uri: inputs.capture.uri, range: lineRange(item.runningAt.line), message: `${item.nic} now` }] : undefined,
      });
      return;
    }
    case 'interface-lost': {
      const first = item.running[0]!;
      const isDhcp = item.running.some((e) => has(e, 'DHCP'));
      const fileName = `${item.family === 'inet' ? 'hostname' : 'hostname6'}.${item.nic}`;
      const fixes: Fix[] = [];
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
        fixes.push({
          title: `Create ${fileName} so the next boot plumbs ${item.nic} as it runs`,
          isPreferred: true,
          edits: [{ uri, create: true, edits: lines.length ? [{ range: LINE0, newText: `${lines.join('\n')}\n` }] : [] }],
        });
      }
      const addresses = item.running.map((e) => e.address).filter((a) => a && a !== '0.0.0.0' && a !== '::');
      out.push({
        uri: inputs.capture.uri,
        rule: 'drift-interface-lost',
        range: lineRange(first.line),
        message: `${item.nic} is plumbed for ${item.family === 'inet' ? 'IPv4' : 'IPv6'} on the running system${addresses.length ? ` (${addresses.join(', ')})` : ''}, and the host has no ${fileName}${isDhcp ? ` or dhcp.${item.nic}` : ''}: the next reboot leaves it unplumbed.`,
        fixes,
      });
      return;
    }
    case 'interface-added': {
      const file = fileOf(inputs, item.nic, item.family);
      if (!file) return;
      out.push({
        uri: file.uri,
        rule: 'drift-interface-added',
        range: wordOrFirstLine(file, undefined).range,
        message: `${item.nic} is not plumbed for ${item.family === 'inet' ? 'IPv4' : 'IPv6'} on the running system (${inputs.capture.label}); the next boot plumbs it from ${file.baseName}.`,
      });
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
  const fixes: Fix[] = [];
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
    } else afterAddress.push(FLAG_WORDS[flag].add);
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
  const describe = (flags: readonly DriftFlag[]): string => flags.map((f) => FLAG_WORDS[f].name).join(', ');
  if (fixable && edits.length) {
    fixes.push({ title: `Make ${item.address} ${[item.missing.length ? `add ${describe(item.missing)}` : '', item.extra.length ? `drop ${describe(item.extra)}` : ''].filter(Boolean).join(' and ')} as it runs`, isPreferred: true, edits: [{ uri: file.uri, edits }] });
  }
  const parts: string[] = [];
  if (item.missing.length) parts.push(`runs with ${describe(item.missing)}, which the next boot does not set`);
  if (item.extra.length) parts.push(`runs without ${describe(item.extra)}, which the next boot sets`);
  out.push({
    uri: at.uri,
    rule: 'drift-flags',
    range: at.range,
    message: `${item.address} (${item.running.name}) ${parts.join(', and ')}.`,
    related: [{ uri: inputs.capture.uri, range: lineRange(item.running.line), message: `${item.running.name}: ${item.running.flags.join(',')}` }],
    fixes,
  });
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

