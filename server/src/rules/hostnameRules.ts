/**
 * Rules for one hostname.<if> / hostname6.<if> / dhcp.<if> file (RULES.md, first table),
 * plus the checks of its host names against the host's hosts file.
 */
import { KEYWORDS, DHCP_WORDS, keywordAppliesTo, type KeywordSpec } from '../catalog/keywords';
import { RELEASES } from '../catalog/releases';
import { checkAddressLiteral, checkNetmaskLiteral, formatIPv4, looksLikeLiteral } from '../syntax/address';
import { ifconfigKeyword } from '../engine/ifconfig';
import { ipv4Literal, resolveWord } from '../engine/resolve';
import {
  commandRuns,
  type AddressSegment,
  type HostnameCommand,
  type HostnameFile,
  type KeywordUse,
  type LogicalLine,
} from '../syntax/hostname';
import { checkInterfaceName, isIpmpInterface } from '../syntax/interfaceName';
import type { Span } from '../syntax/text';
import type { Token } from '../syntax/token';
import type { RuleContext } from './context';
import { BOOT_RULES } from './definitions/boot';
import { HOSTNAME_RULES } from './definitions/hostname';
import { RESOLUTION_RULES } from './definitions/resolution';
import { clearBest, didYouMean, editDistance } from './edits';
import { carriageReturnFinding } from './lineEndings';
import { MAX_HOSTS_LINE, type NameLookup, type ResolvedName } from '../engine/names';
import type { RuleMessage } from './define';
import type { Finding } from './types';

export { ADDRESS_PLACEHOLDER } from './definitions/resolution';

const {
  commentNotSupported,
  missingFinalNewline,
  unknownKeyword,
  missingArgument,
  invalidAddress,
  invalidNetmask,
  invalidValue,
  wrongAddressFamily,
  misplacedKeyword,
  strayPlus,
  conflictingOptions,
  optionOrder,
  lineContinuation,
  interfaceStaysDown,
  ignoredFile,
  invalidInterfaceName,
  solaris11Syntax,
} = HOSTNAME_RULES;
const { unresolvedHost, noHostsFile } = RESOLUTION_RULES;
const { keywordAsAddress, addifOnLogical, nameWrongFamily } = BOOT_RULES;

export interface HostnameRuleContext extends RuleContext {
  /** The host's names; undefined when the host has no hosts file in the workspace. */
  readonly names?: NameLookup;
  /** Where a new hosts file would go (`<host>/hosts`), for the `no-hosts-file` fix. */
  readonly newHostsUri?: string;
}

const KEYWORD_NAMES = KEYWORDS.map((k) => k.name);

export function checkHostnameFile(file: HostnameFile, ctx: HostnameRuleContext): Finding[] {
  const out: Finding[] = [];
  const uri = ctx.uri;

  checkFileName(file, ctx, out);
  const cr = carriageReturnFinding(file.text, file.index, uri, 'error', 'hostname');
  if (cr) out.push(cr);
  checkFinalNewline(file, out, uri);
  checkContinuations(file, out, uri);

  const usedNames: Token[] = [];
  for (const command of file.commands) {
    if (command.comment) out.push(commentFinding(file, command, uri));
    if (file.isDhcpFile || command.dhcpKeyword) checkDhcpWords(file, command, out, uri);
    const familyWord = command.familyWord;
    if (familyWord) {
      out.push(
        misplacedKeyword.finding(familyWord.range, misplacedKeyword.message.familyWord({ word: familyWord.text, family: file.family }), {
          fixes: [misplacedKeyword.fix.removeFamilyWord({ uri, index: file.index, word: familyWord })],
        }),
      );
    }
    for (const segment of command.segments) {
      checkSegmentWords(file, segment, ctx, out, usedNames);
      checkConflicts(file, segment, uri, out);
      checkOrder(file, segment, out, uri);
    }
    checkUnit0Keywords(file, command, out, uri);
  }
  checkStaysDown(file, out, uri);
  checkNames(file, ctx, usedNames, out);
  return out;
}

// ---------------------------------------------------------------------------------------
// File name, line endings, newline, continuation

function checkFileName(file: HostnameFile, ctx: HostnameRuleContext, out: Finding[]): void {
  const name = file.fileName;
  if (!name) return;
  const firstLine = file.index.range(0, file.index.lineEnd(0));
  const check = checkInterfaceName(name.interfaceName);
  const label = `${name.prefix}.${name.interfaceName}`;
  if (check.kind === 'skipped' && ctx.release === 'illumos' && name.prefix !== 'dhcp' && name.interfaceName.includes('.') && /[0-9]$/.test(name.interfaceName)) {
    // illumos' net-physical joins a hostname file's dotted parts again and skips only IP tunnels (§1.2).
    const rename = `${name.prefix}.${name.interfaceName.replace(/[0-9]+$/, '')}`;
    out.push(ignoredFile.finding(firstLine, ignoredFile.message.illumosPlumbs({ label, interfaceName: name.interfaceName, rename }), { severity: 'warning' }));
  } else if (check.kind === 'skipped') {
    out.push(ignoredFile.finding(firstLine, ignoredFile.message.skipped({ label, reason: check.reason })));
  } else if (check.kind === 'misread') {
    const rename = `${name.prefix}.${name.interfaceName.replace(/[^A-Za-z0-9].*$/, '')}.bak`;
    out.push(ignoredFile.finding(firstLine, ignoredFile.message.misread({ label, reason: check.reason, rename }), { severity: 'warning' }));
  } else if (check.kind === 'invalid') {
    out.push(invalidInterfaceName.finding(firstLine, invalidInterfaceName.message.invalid({ label, reason: check.reason })));
  } else if (isIpmpInterface(check.name) && RELEASES.indexOf(ctx.release) < RELEASES.indexOf('osol')) {
    out.push(solaris11Syntax.finding(firstLine, solaris11Syntax.message.ipmpInterface({ name: check.name.text, release: ctx.release })));
  }
}

function checkFinalNewline(file: HostnameFile, out: Finding[], uri: string): void {
  const line = file.unterminatedLine;
  if (!line) return;
  // A newline after a backslash that ends the file would continue the line, not end it; and
  // `read` drops a backslash at the very end of the file anyway, so the fix removes it.
  const dangling = danglingBackslashes(file.text);
  out.push(
    missingFinalNewline.finding(line.span.range, missingFinalNewline.message.hostname({ onlyLine: file.commands.length === 1 }), {
      fixes: [missingFinalNewline.fix.addFinalNewline({ uri, index: file.index, dangling })],
    }),
  );
}
/**
 * Backslashes that an added `\n` would turn into a continuation: an unescaped one at the very
 * end, and one escaping a lone CR there (`\` + CR + the new LF reads as backslash-CRLF).
 */
function danglingBackslashes(text: string): number[] {
  const oddRunBefore = (end: number): boolean => {
    let run = 0;
    while (text[end - 1 - run] === '\\') run++;
    return run % 2 === 1;
  };
  const offsets: number[] = [];
  let end = text.length;
  if (oddRunBefore(end)) offsets.push(--end);
  if (text[end - 1] === '\r' && oddRunBefore(end - 1)) offsets.unshift(end - 2);
  return offsets;
}

function checkContinuations(file: HostnameFile, out: Finding[], uri: string): void {
  const lines = file.lines;
  lines.forEach((line, i) => {
    for (const join of line.continuations) {
      if (!join.gluesWords) continue;
      const word = line.words.find((w) => w.start < join.start && w.end > join.end);
      out.push(
        lineContinuation.finding(join.range, lineContinuation.message.gluesWords({ word: word?.text }), {
          fixes: [lineContinuation.fix.spaceBeforeBackslash({ uri, index: file.index, backslash: join.start })],
        }),
      );
    }
    for (const blanks of line.escapedBlanks) {
      const next = lines[i + 1];
      // Without the blanks the two lines would be one command; with them they are two.
      const changesOutcome = next !== undefined && next.words.length > 0 && next.words[0]!.text !== 'addif';
      const text = file.text;
      const before = text[blanks.start - 1];
      const needsSpace = before !== undefined && before !== ' ' && before !== '\t' && next !== undefined && next.words.length > 0 && next.span.start === next.words[0]!.start;
      out.push(
        lineContinuation.finding(blanks.range, lineContinuation.message.blanksAfter({ changesOutcome }), {
          severity: changesOutcome ? 'error' : 'warning',
          fixes: [lineContinuation.fix.removeBlanksAfterBackslash({ uri, blanks, needsSpace })],
        }),
      );
    }
  });
}

// ---------------------------------------------------------------------------------------
// Comments

function commentFinding(file: HostnameFile, command: HostnameCommand, uri: string): Finding {
  const comment = command.comment!;
  const wholeLine = command.line.words[0]!.start === comment.start;
  let range: Span['range'];
  if (wholeLine) {
    // Delete the line with its line break, so no blank line is left to make the file multi-line.
    const start = file.index.lineStart(command.line.firstLine);
    const end = command.line.terminated ? file.index.lineStart(command.line.lastLine + 1) : comment.end;
    const endOffset = end > start && command.line.terminated ? end : comment.end;
    range = file.index.range(start, endOffset);
  } else {
    let start = comment.start;
    while (start > 0 && (file.text[start - 1] === ' ' || file.text[start - 1] === '\t')) start--;
    range = file.index.range(start, comment.end);
  }
  const word = command.line.words.find((w) => w.start === comment.start)?.text ?? '#';
  return commentNotSupported.finding(comment.range, commentNotSupported.message.comment({ word, wholeLine }), {
    fixes: [commentNotSupported.fix.deleteComment({ uri, range })],
  });
}

// ---------------------------------------------------------------------------------------
// Words: keywords, arguments, addresses

function checkSegmentWords(file: HostnameFile, segment: AddressSegment, ctx: HostnameRuleContext, out: Finding[], usedNames: Token[]): void {
  const uri = ctx.uri;
  for (const use of segment.keywords) {
    const spec = use.spec;
    if (!spec.releases.includes(ctx.release)) {
      if (spec.name === 'ipmp') {
        out.push(solaris11Syntax.finding(use.token.range, solaris11Syntax.message.ipmpKeyword({ release: ctx.release })));
      } else {
        out.push(unknownKeyword.finding(use.token.range, unknownKeyword.message.laterRelease({ keyword: spec.name, release: ctx.release })));
      }
    }
    if (!keywordAppliesTo(spec, file.family)) {
      const message = wrongAddressFamily.message.keyword({ keyword: spec.name, keywordFamily: spec.family!, fileKind: file.fileName?.prefix ?? 'hostname', family: file.family });
      out.push(wrongAddressFamily.finding(use.token.range, message, { fixes: [wrongAddressFamily.fix.removeKeyword({ uri, index: file.index, use })] }));
    }
    if (spec.name === 'addif' && isLogicalFile(file)) {
      out.push(addifOnLogical.finding(use.token.range, addifOnLogical.message.logicalFile({ logical: file.fileName!.interfaceName })));
    }
    if (spec.name === 'dhcp' || spec.name === 'auto-dhcp') {
      out.push(misplacedKeyword.finding(use.token.range, misplacedKeyword.message.dhcpNotFirst({ keyword: spec.name })));
    }
    if (spec.argument && !use.argument && !spec.argumentOptional) {
      const swallowsNetmask = file.implicitNetmaskBroadcastUp === segment.command;
      out.push(missingArgument.finding(use.token.range, missingArgument.message.endOfLine({ keyword: spec.name, expects: spec.argument, swallowsNetmask })));
    }
    if (use.argument && keywordAppliesTo(spec, file.family)) checkArgument(file, spec, use.argument, out, usedNames, ctx);
  }

  const address = segment.address;
  if (address && segment.addressSource === 'word' && address.text !== '+') {
    classifyBareWord(file, address, 'address', ctx, out, usedNames);
  }
  if (segment.destination && segment.destination.text !== '+' && !segment.keywords.some((k) => k.argument === segment.destination)) {
    classifyBareWord(file, segment.destination, 'destination', ctx, out, usedNames);
  }
  for (const extra of segment.extraWords) classifyBareWord(file, extra, 'extra', ctx, out, usedNames);

  for (const plus of segment.strayPlus) {
    out.push(
      strayPlus.finding(plus.range, strayPlus.message.stray({ asAddress: segment.address === plus }), {
        fixes: [strayPlus.fix.removePlus({ uri, index: file.index, plus })],
      }),
    );
  }
}

function checkArgument(file: HostnameFile, spec: KeywordSpec, arg: Token, out: Finding[], usedNames: Token[], ctx: HostnameRuleContext): void {
  const value = arg.text;
  // ifconfig takes the next word whatever it is, and looks it up as an address (§1.7).
  const addressSlot = spec.argument === 'address' || spec.argument === 'destination' || spec.argument === 'broadcast' || spec.argument === 'netmask';
  if (addressSlot && (ifconfigKeyword(value, ctx.release) || value === 'dhcp' || value === 'auto-dhcp')) {
    out.push(keywordAsAddressFinding(file, spec, arg, ctx.uri));
    return;
  }
  const badValue = (message: RuleMessage<'invalid-value'>): void => {
    out.push(invalidValue.finding(arg.range, message));
  };
  switch (spec.argument) {
    case 'address':
    case 'destination':
      if (looksLikeLiteral(value)) checkLiteral(file, arg, spec.argument === 'address', out);
      else if (spec.name !== 'removeif') usedNames.push(arg);
      break;
    case 'broadcast':
      if (value === '+') break;
      if (looksLikeLiteral(value)) checkLiteral(file, arg, false, out);
      else usedNames.push(arg);
      break;
    case 'netmask': {
      if (value === '+') break;
      if (looksLikeLiteral(value) || value.includes('/') || /^0x/i.test(value)) {
        const check = checkNetmaskLiteral(value);
        if (!check.ok) out.push(invalidNetmask.finding(arg.range, invalidNetmask.message.hostname({ reason: check.reason })));
      } else {
        // A mask may be a name from hosts (or networks): ifconfig looks it up like an address.
        usedNames.push(arg);
      }
      break;
    }
    case 'group':
      if (value.length > 31) {
        badValue(invalidValue.message.groupTooLong({ length: value.length }));
      } else if (/^(""|'')$/.test(value)) {
        badValue(invalidValue.message.groupQuotes({ value }));
      }
      break;
    case 'integer': {
      if (!/^[0-9]+$/.test(value)) {
        badValue(invalidValue.message.notWholeNumber({ keyword: spec.name, value }));
      } else if (spec.name === 'mtu' && (Number(value) < 68 || Number(value) > 65535)) {
        badValue(invalidValue.message.mtuRange({ value }));
      } else if (spec.name === 'index' && Number(value) === 0) {
        badValue(invalidValue.message.indexZero());
      }
      break;
    }
    case 'byte':
      if (!/^[0-9]+$/.test(value) || Number(value) > 255) badValue(invalidValue.message.notByte({ keyword: spec.name, value }));
      break;
    case 'prefix': {
      if (!value.includes('/')) {
        out.push(invalidAddress.finding(arg.range, invalidAddress.message.prefixMissing({ keyword: spec.name })));
      } else if (looksLikeLiteral(value)) {
        checkLiteral(file, arg, true, out);
      }
      break;
    }
    case 'zone':
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) badValue(invalidValue.message.zoneName({ value }));
      break;
    case 'module':
      if (!/^[A-Za-z0-9_]+@[0-9]+$/.test(value)) badValue(invalidValue.message.modulePosition({ keyword: spec.name, value }));
      break;
    case 'interface':
      if (value !== 'none' && checkInterfaceName(value).kind !== 'valid') badValue(invalidValue.message.interfaceName({ value }));
      break;
    case 'mac':
    case 'algorithm':
    case 'dhcp-wait':
    case undefined:
      break;
  }
}

/** A keyword where ifconfig expects an address: it is looked up as a host name and fails. */
function keywordAsAddressFinding(file: HostnameFile, spec: KeywordSpec, arg: Token, uri: string): Finding {
  const plus = spec.argument === 'netmask' || spec.argument === 'broadcast';
  return keywordAsAddress.finding(arg.range, keywordAsAddress.message.keyword({ word: arg.text, keyword: spec.name, slot: spec.argument }), {
    fixes: plus ? [keywordAsAddress.fix.insertPlus({ uri, index: file.index, keyword: spec.name, before: arg.start })] : [],
  });
}

function checkLiteral(file: HostnameFile, token: Token, allowPrefix: boolean, out: Finding[]): void {
  const check = checkAddressLiteral(token.text, { allowPrefix });
  if (!check.ok) {
    const bare = token.text.split('/')[0]!;
    const short = file.family === 'inet' && !bare.includes(':') ? ipv4Literal(bare) : undefined;
    out.push(
      invalidAddress.finding(
        token.range,
        short !== undefined && bare !== formatIPv4(short) && check.reason.includes('part')
          ? invalidAddress.message.notFull({ reason: check.reason, reads: formatIPv4(short) })
          : invalidAddress.message.notValid({ reason: check.reason }),
      ),
    );
    return;
  }
  if (check.value.family !== file.family) {
    out.push(wrongAddressFamily.finding(token.range, wrongAddressFamily.message.literal({ address: token.text, fileLabel: fileLabel(file), family: file.family })));
  }
}

function fileLabel(file: HostnameFile): string {
  return file.fileName ? `${file.fileName.prefix}.${file.fileName.interfaceName}` : 'this file';
}

/** A name that resolves only for the other address family (§1.7): getipnodebyname finds nothing. */
function wrongFamilyName(file: HostnameFile, token: Token, other: readonly ResolvedName[], names: NameLookup): Finding {
  const name = token.text.split('/')[0]!;
  const first = other[0];
  const entry = first ? { address: first.entry.address.text, label: names.label, line: first.entry.line + 1 } : undefined;
  return nameWrongFamily.finding(token.range, nameWrongFamily.message.otherFamilyOnly({ name, word: token.text, family: file.family, fileLabel: fileLabel(file), entry }), {
    related: first ? [{ uri: first.uri, range: first.entry.span.range, message: nameWrongFamily.message.otherFamilyEntry({ name, family: file.family }) }] : undefined,
  });
}


/** Names the host defines that a misspelt name was probably meant to be (best first). */
function nearNames(names: NameLookup, word: string): string[] {
  const lower = word.toLowerCase();
  const candidates: string[] = [];
  // Only names with the same first letter within didYouMean's distance: a hosts file can hold
  // hundreds of thousands, and the file finds exactly those, once per word.
  for (const name of names.namesWithin(word, word.length <= 4 ? 1 : 2)) candidates.push(name);
  // Only the closest names: a second, farther one is noise.
  const best = didYouMean(word, candidates, 3);
  const distance = (n: string): number => editDistance(lower, n.toLowerCase());
  return best.filter((n) => distance(n) === distance(best[0]!)).slice(0, 2);
}

/** Whether a word that ifconfig would take as an address was surely meant as a keyword. */
function looksLikeKeyword(word: string): boolean {
  if (word.startsWith('-')) return true; // no host name starts with '-' (RFC 952)
  return didYouMean(word, KEYWORD_NAMES, 1).length > 0;
}


function classifyBareWord(file: HostnameFile, token: Token, slot: 'address' | 'destination' | 'extra', ctx: HostnameRuleContext, out: Finding[], usedNames: Token[]): void {
  // Two words glued across a backslash-newline: line-continuation reports it, with the fix.
  if (/\\\r?\n/.test(file.text.slice(token.start, token.end))) return;
  const word = token.text;
  if (looksLikeLiteral(word)) {
    if (slot === 'extra') out.push(unknownWord(file, token, slot, ctx.uri));
    else checkLiteral(file, token, slot === 'address', out);
    return;
  }
  const defined = ctx.names?.resolve(word) !== undefined;
  if (defined) {
    usedNames.push(token);
    return;
  }
  if (slot === 'address' && !looksLikeKeyword(word)) {
    usedNames.push(token);
    return;
  }
  out.push(unknownWord(file, token, slot, ctx.uri));
}

function unknownWord(file: HostnameFile, token: Token, slot: 'address' | 'destination' | 'extra', uri: string): Finding {
  const candidates = KEYWORDS.filter((k) => keywordAppliesTo(k, file.family) && !k.interactiveOnly).map((k) => k.name);
  const suggestions = didYouMean(token.text, candidates);
  return unknownKeyword.finding(token.range, unknownKeyword.message.notKeyword({ word: token.text, slot, suggestion: suggestions[0] }), {
    // A word glued across a backslash-newline (or holding escapes) is the continuation's
    // problem: replacing its raw text would drop what came before the backslash.
    fixes: writtenAsIs(file, token) ? typoFixes(token, suggestions, candidates, uri) : [],
  });
}

/** `Change to 'x'` for each suggestion; the one the word surely meant is safe to apply unattended. */
function typoFixes(token: Token, suggestions: readonly string[], candidates: readonly string[], uri: string) {
  const best = clearBest(token.text, candidates);
  return suggestions.map((s, i) => unknownKeyword.fix.changeTo({ uri, range: token.range, keyword: s, isPreferred: i === 0, safe: s === best }));
}

/** hostname.ce0:1 and the like: the file configures one logical interface (§1.3). */
function isLogicalFile(file: HostnameFile): boolean {
  const name = file.fileName ? checkInterfaceName(file.fileName.interfaceName) : undefined;
  return name?.kind === 'valid' && (name.name.unit ?? 0) > 0;
}

/** The word stands in the file exactly as ifconfig receives it (no backslash in it). */
function writtenAsIs(file: HostnameFile, token: Token): boolean {
  return file.text.slice(token.start, token.end) === token.text;
}

function checkDhcpWords(file: HostnameFile, command: HostnameCommand, out: Finding[], uri: string): void {
  const names = DHCP_WORDS.filter((w) => !file.isDhcpFile || w.inDhcpFile).map((w) => w.name);
  for (const use of command.dhcpWords) {
    const known = use.known && names.includes(use.token.text);
    if (!known) {
      const suggestions = didYouMean(use.token.text, names);
      const facts = { word: use.token.text, suggestion: suggestions[0] };
      out.push(
        unknownKeyword.finding(use.token.range, file.isDhcpFile ? unknownKeyword.message.notDhcpOption(facts) : unknownKeyword.message.notDhcpWord(facts), {
          fixes: writtenAsIs(file, use.token) ? typoFixes(use.token, suggestions, names, uri) : [],
        }),
      );
      continue;
    }
    if (use.token.text === 'wait') {
      if (!use.argument) {
        out.push(missingArgument.finding(use.token.range, missingArgument.message.dhcpWait()));
      } else if (!/^([0-9]+|forever)$/.test(use.argument.text)) {
        out.push(invalidValue.finding(use.argument.range, invalidValue.message.dhcpWait({ value: use.argument.text })));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Order, conflicts, placement

function checkConflicts(file: HostnameFile, segment: AddressSegment, uri: string, out: Finding[]): void {
  const flags = segment.keywords.filter((k) => !k.spec.argument && k.spec.opposite && k.spec.name !== 'addif' && k.spec.name !== 'removeif');
  // The nearest later use of each flag, found walking backwards: linear even on a 1 MB line.
  const laterOpposite: (KeywordUse | undefined)[] = [];
  const nextByName = new Map<string, KeywordUse>();
  for (let i = flags.length - 1; i >= 0; i--) {
    laterOpposite[i] = nextByName.get(flags[i]!.spec.opposite!);
    nextByName.set(flags[i]!.spec.name, flags[i]!);
  }
  for (let i = 0; i < flags.length; i++) {
    const earlier = flags[i]!;
    const later = laterOpposite[i];
    if (!later) continue;
    out.push(
      conflictingOptions.finding(earlier.token.range, conflictingOptions.message.undone({ earlier: earlier.spec.name, later: later.spec.name }), {
        related: [{ uri, range: later.token.range, message: conflictingOptions.message.wins({ later: later.spec.name }) }],
        unnecessary: true,
        fixes: [conflictingOptions.fix.removeEarlier({ uri, index: file.index, earlier })],
      }),
    );
  }
}

function find(segment: AddressSegment, name: string): KeywordUse | undefined {
  return segment.keywords.find((k) => k.spec.name === name);
}

function checkOrder(file: HostnameFile, segment: AddressSegment, out: Finding[], uri: string): void {
  const index = file.index;
  const noFailover = find(segment, '-failover');
  if (noFailover) {
    const up = segment.keywords.find((k) => k.spec.name === 'up' && k.token.start < noFailover.token.start);
    if (up) {
      out.push(
        optionOrder.finding(noFailover.token.range, optionOrder.message.failoverAfterUp(), {
          fixes: [optionOrder.fix.failoverBeforeUp({ uri, index, failover: noFailover, up: up.token })],
        }),
      );
    }
    const standby = segment.keywords.find((k) => k.spec.name === 'standby' && k.token.start < noFailover.token.start);
    if (standby) {
      out.push(
        optionOrder.finding(noFailover.token.range, optionOrder.message.failoverAfterStandby(), {
          fixes: [optionOrder.fix.failoverBeforeStandby({ uri, index, failover: noFailover, standby: standby.token })],
        }),
      );
    }
  }
  const netmask = find(segment, 'netmask');
  const broadcast = find(segment, 'broadcast');
  if (netmask?.argument?.text === '+' && broadcast?.argument?.text === '+' && broadcast.token.start < netmask.token.start) {
    out.push(
      optionOrder.finding({ start: broadcast.token.range.start, end: broadcast.argument.range.end }, optionOrder.message.broadcastBeforeNetmask(), {
        fixes: [optionOrder.fix.broadcastAfterNetmask({ uri, index, broadcast, netmask: netmask.argument ?? netmask.token })],
      }),
    );
  }
  const address = segment.address;
  if (netmask?.argument?.text === '+' && address && segment.addressSource !== 'addif' && netmask.token.start < address.start) {
    out.push(
      optionOrder.finding({ start: netmask.token.range.start, end: netmask.argument.range.end }, optionOrder.message.netmaskBeforeAddress(), {
        fixes: [optionOrder.fix.netmaskAfterAddress({ uri, index, netmask, address })],
      }),
    );
  }
}

function checkUnit0Keywords(file: HostnameFile, command: HostnameCommand, out: Finding[], uri: string): void {
  const unit = file.fileName ? checkInterfaceName(file.fileName.interfaceName) : undefined;
  const logicalFile = unit?.kind === 'valid' && (unit.name.unit ?? 0) > 0;
  const firstAddif = command.segments.find((s) => s.kind === 'addif')?.addif;
  for (const segment of command.segments) {
    if (segment.kind === 'unit' && !logicalFile) continue;
    for (const use of segment.keywords) {
      if (!use.spec.unit0Only) continue;
      const logical = logicalFile ? { name: file.fileName!.interfaceName, physical: unit!.kind === 'valid' ? unit!.name.physical : '' } : undefined;
      out.push(
        misplacedKeyword.finding(use.token.range, misplacedKeyword.message.notUnit0({ keyword: use.spec.name, logical }), {
          severity: 'warning',
          fixes: [
            logicalFile
              ? misplacedKeyword.fix.removeFromLogical({ uri, index: file.index, use })
              : misplacedKeyword.fix.moveBeforeAddif({ uri, index: file.index, use, addif: firstAddif }),
          ],
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Interfaces left down

function lastUpDown(segment: AddressSegment): 'up' | 'down' | undefined {
  let state: 'up' | 'down' | undefined;
  for (const k of segment.keywords) if (k.spec.name === 'up' || k.spec.name === 'down') state = k.spec.name;
  return state;
}

function checkStaysDown(file: HostnameFile, out: Finding[], uri: string): void {
  if (file.isDhcpFile) return;
  for (const command of file.commands) {
    if (!commandRuns(file, command) || command.comment || command.dhcpKeyword) continue;
    const segments = command.segments;
    segments.forEach((segment, i) => {
      if (!segment.address || lastUpDown(segment) !== undefined) return;
      const isLast = i === segments.length - 1;
      if (isLast && file.implicitNetmaskBroadcastUp === command) return;
      // hostname6: the boot script brings the physical interface up afterwards (§1.5).
      if (file.family === 'inet6' && segment.kind === 'unit') return;
      const lastWord = lastWordOf(segment);
      const missing = ['netmask', 'broadcast'].filter((n) => file.family === 'inet' && !find(segment, n)).map((n) => `${n} +`);
      const append = [...missing, 'up'].join(' ');
      // A keyword still waiting for its argument would take the first appended word as it
      // (`netmask` + `up`); that line needs its argument first (missing-argument).
      const waiting = segment.keywords.some((k) => k.spec.argument && !k.argument && !k.spec.argumentOptional);
      out.push(
        interfaceStaysDown.finding(segment.address.range, staysDownMessage(file, command, segment, isLast), {
          fixes: waiting ? [] : [interfaceStaysDown.fix.bringUp({ uri, index: file.index, after: lastWord.end, words: append })],
        }),
      );
    });
  }
}

function staysDownMessage(file: HostnameFile, command: HostnameCommand, segment: AddressSegment, isLast: boolean) {
  const address = segment.address!.text;
  if (!isLast && file.implicitNetmaskBroadcastUp === command) return interfaceStaysDown.message.notLastOfLine({ address });
  if (file.family === 'inet6') return interfaceStaysDown.message.hostname6({ address });
  return interfaceStaysDown.message.multiLine({ address, why: multiLineReason(file, command.line) });
}

/** What makes the file count as multi-line for the line's address. */
function multiLineReason(file: HostnameFile, line: LogicalLine): { blankLine: number } | { commentLine: number } | 'more-lines' {
  const records = file.lines.filter((l) => l.terminated);
  const i = records.indexOf(line);
  const next = records[i + 1];
  if (next && next.words.length === 0) return { blankLine: next.firstLine + 1 };
  if (next && next.words[0]?.text.startsWith('#')) return { commentLine: next.firstLine + 1 };
  return 'more-lines';
}

function lastWordOf(segment: AddressSegment): Span {
  let last: Span = segment.address!;
  for (const k of segment.keywords) {
    const end = k.argument ?? k.token;
    if (end.end > last.end) last = end;
  }
  if (segment.destination && segment.destination.end > last.end) last = segment.destination;
  return last;
}

// ---------------------------------------------------------------------------------------
// Host names against the host's hosts file

function checkNames(file: HostnameFile, ctx: HostnameRuleContext, used: Token[], out: Finding[]): void {
  if (used.length === 0) return;
  const names = ctx.names;
  if (!names) {
    const first = used[0]!;
    const unique = [...new Set(used.map((t) => t.text))];
    out.push(
      noHostsFile.finding(first.range, noHostsFile.message.noHostsFile({ names: unique }), {
        fixes: ctx.newHostsUri ? [noHostsFile.fix.createHostsFile({ uri: ctx.newHostsUri, names: unique })] : [],
      }),
    );
    return;
  }
  const reported = new Set<string>();
  // Up to Solaris 10 11/06 IPv6 names come from inet/ipnodes alone (getipnodebyname, §5.2).
  const ipnodesOnly = RELEASES.indexOf(ctx.release) <= RELEASES.indexOf('s10-early');
  for (const token of used) {
    const resolution = resolveWord(token.text, file.family, names, { allowPrefix: true, ipv6FromIpnodesOnly: ipnodesOnly });
    if (resolution.ok || resolution.reason === 'bad-prefix' || resolution.reason === 'unexpected-slash') continue;
    if (resolution.reason === 'wrong-family-name') {
      out.push(wrongFamilyName(file, token, resolution.otherFamily ?? [], names));
      continue;
    }
    const name = token.text.split('/')[0]!;
    const inHostsOnly =
      file.family === 'inet6' && ipnodesOnly
        ? names.resolveAll(name).find((r) => r.source === 'hosts' && r.entry.address.text.includes(':'))
        : undefined;
    if (inHostsOnly) {
      const message = unresolvedHost.message.ipv6InHostsOnly({ name, word: token.text, label: names.label, line: inHostsOnly.entry.line + 1, release: ctx.release });
      out.push(
        unresolvedHost.finding(token.range, message, {
          related: [{ uri: inHostsOnly.uri, range: inHostsOnly.entry.span.range, message: unresolvedHost.message.hostsEntryNotRead({ label: names.label }) }],
        }),
      );
      continue;
    }
    const key = token.text.toLowerCase();
    const near = writtenAsIs(file, token) ? nearNames(names, token.text) : [];
    const fixes = near.map((n, i) => unresolvedHost.fix.changeTo({ uri: ctx.uri, range: token.range, name: n, label: names.label, isPreferred: i === 0 }));
    if (!reported.has(key)) fixes.push(unresolvedHost.fix.addEntry({ names, name: token.text, isPreferred: near.length === 0 }));
    const skipped = names.skipped(token.text);
    const message = unresolvedHost.message.notDefined({
      word: token.text,
      label: names.label,
      skipped: skipped && {
        line: skipped.entry.line + 1,
        file: skipped.source === 'ipnodes' ? 'inet/ipnodes' : names.label,
        tooLong: skipped.unreadable === 'line-too-long' ? MAX_HOSTS_LINE : undefined,
        address: skipped.entry.address.text,
      },
      suggestion: near[0],
    });
    out.push(
      unresolvedHost.finding(token.range, message, {
        fixes,
        ...(skipped
          ? {
              related: [
                {
                  uri: skipped.uri,
                  range: skipped.unreadable === 'line-too-long' ? skipped.entry.span.range : skipped.entry.address.range,
                  message:
                    skipped.unreadable === 'line-too-long'
                      ? unresolvedHost.message.lineTooLong()
                      : unresolvedHost.message.unreadableAddress({ address: skipped.entry.address.text }),
                },
              ],
            }
          : {}),
      }),
    );
    reported.add(key);
  }
}
