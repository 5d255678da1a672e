/**
 * Rules for one hostname.<if> / hostname6.<if> / dhcp.<if> file (RULES.md, first table),
 * plus the checks of its host names against the host's hosts file.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { KEYWORDS, DHCP_WORDS, keywordAppliesTo, type KeywordSpec } from '../catalog/keywords';
import { RELEASE_LABELS, RELEASES } from '../catalog/releases';
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
import { clearBest, didYouMean, editDistance, insertAt, removeWords, replaceSpan } from './edits';
import { carriageReturnFinding } from './lineEndings';
import { MAX_HOSTS_LINE, type NameLookup, type ResolvedName } from '../engine/names';
import type { Finding, Fix } from './types';

export interface HostnameRuleContext extends RuleContext {
  /** The host's names; undefined when the host has no hosts file in the workspace. */
  readonly names?: NameLookup;
  /** Where a new hosts file would go (`<host>/hosts`), for the `no-hosts-file` fix. */
  readonly newHostsUri?: string;
}

/** The placeholder a hosts-entry fix writes: invalid on purpose until the user fills it. */
export const ADDRESS_PLACEHOLDER = 'ADDRESS';

const KEYWORD_NAMES = KEYWORDS.map((k) => k.name);

export function checkHostnameFile(file: HostnameFile, ctx: HostnameRuleContext): Finding[] {
  const out: Finding[] = [];
  const fix = (title: string, edits: TextEdit[], isPreferred = true): Fix => ({ title, edits: [{ uri: ctx.uri, edits }], isPreferred });

  checkFileName(file, ctx, out);
  const cr = carriageReturnFinding(file.text, file.index, ctx.uri, 'error', 'hostname');
  if (cr) out.push(cr);
  checkFinalNewline(file, out, fix);
  checkContinuations(file, out, fix);

  const usedNames: Token[] = [];
  for (const command of file.commands) {
    if (command.comment) out.push(commentFinding(file, command, fix));
    if (file.isDhcpFile || command.dhcpKeyword) checkDhcpWords(file, command, out, fix);
    if (command.familyWord) {
      out.push({
        rule: 'misplaced-keyword',
        range: command.familyWord.range,
        message: `'${command.familyWord.text}' here is read as an address: the boot script already passes '${file.family}' to ifconfig, and the family word is only recognised right after the interface name. ifconfig stops with '${command.familyWord.text}: bad address'.`,
        fixes: [fix(`Remove '${command.familyWord.text}'`, [removeWords(file.index, command.familyWord)])],
      });
    }
    for (const segment of command.segments) {
      checkSegmentWords(file, segment, ctx, out, fix, usedNames);
      checkConflicts(file, segment, ctx.uri, out, fix);
      checkOrder(file, segment, out, fix);
    }
    checkUnit0Keywords(file, command, out, fix);
  }
  checkStaysDown(file, out, fix);
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
    out.push({
      rule: 'ignored-file',
      severity: 'warning',
      range: firstLine,
      message: `${label}: illumos' boot script reads '${name.interfaceName}' as an interface name (it skips only IP tunnels) and fails to plumb it ('Failed to plumb' on the console at boot). Rename the copy so it does not end in a digit, e.g. ${name.prefix}.${name.interfaceName.replace(/[0-9]+$/, '')}.`,
    });
  } else if (check.kind === 'skipped') {
    out.push({ rule: 'ignored-file', range: firstLine, message: `The boot script ignores ${label}: ${check.reason}.` });
  } else if (check.kind === 'misread') {
    out.push({ rule: 'ignored-file', severity: 'warning', range: firstLine, message: `${label}: ${check.reason} ('Failed to plumb' on the console at boot). Rename the copy so it has a further '.', e.g. ${name.prefix}.${name.interfaceName.replace(/[^A-Za-z0-9].*$/, '')}.bak.` });
  } else if (check.kind === 'invalid') {
    out.push({ rule: 'invalid-interface-name', range: firstLine, message: `${label}: ${check.reason}.` });
  } else if (isIpmpInterface(check.name) && RELEASES.indexOf(ctx.release) < RELEASES.indexOf('osol')) {
    out.push({
      rule: 'solaris11-syntax',
      range: firstLine,
      message: `IPMP interfaces such as ${check.name.text} exist only from OpenSolaris / Solaris 11 Express on (and on illumos); ${RELEASE_LABELS[ctx.release]} cannot plumb ${check.name.text}.`,
    });
  }
}

function checkFinalNewline(file: HostnameFile, out: Finding[], fix: FixFactory): void {
  const line = file.unterminatedLine;
  if (!line) return;
  const only = file.commands.length === 1;
  // A newline after a backslash that ends the file would continue the line, not end it; and
  // `read` drops a backslash at the very end of the file anyway, so the fix removes it.
  const dangling = danglingBackslashes(file.text);
  const edits = [...dangling.map((o) => ({ range: file.index.range(o, o + 1), newText: '' })), insertAt(file.index, file.text.length, '\n')];
  out.push({
    rule: 'missing-final-newline',
    range: line.span.range,
    message: only
      ? 'The file does not end with a newline: the boot script never reads its only line, so the interface is plumbed with no address and no error is shown.'
      : 'The last line does not end with a newline: the boot script never reads it, so it is silently left out at boot.',
    fixes: [{ ...fix(dangling.length === 0 ? 'Add the final newline' : 'Remove the dangling backslash and add the final newline', edits), safe: true }],
  });
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

function checkContinuations(file: HostnameFile, out: Finding[], fix: FixFactory): void {
  const lines = file.lines;
  lines.forEach((line, i) => {
    for (const join of line.continuations) {
      if (!join.gluesWords) continue;
      const word = line.words.find((w) => w.start < join.start && w.end > join.end);
      out.push({
        rule: 'line-continuation',
        range: join.range,
        message: `The backslash joins the next line with nothing in between${word ? `, so ifconfig gets the single word '${word.text}'` : ''} and stops with 'bad address'. Put a space before the backslash.`,
        fixes: [fix('Insert a space before the backslash', [insertAt(file.index, join.start, ' ')])],
      });
    }
    for (const blanks of line.escapedBlanks) {
      const next = lines[i + 1];
      // Without the blanks the two lines would be one command; with them they are two.
      const changesOutcome = next !== undefined && next.words.length > 0 && next.words[0]!.text !== 'addif';
      const text = file.text;
      const before = text[blanks.start - 1];
      const needsSpace = before !== undefined && before !== ' ' && before !== '\t' && next !== undefined && next.words.length > 0 && next.span.start === next.words[0]!.start;
      out.push({
        rule: 'line-continuation',
        severity: changesOutcome ? 'error' : 'warning',
        range: blanks.range,
        message: changesOutcome
          ? "Blanks after the backslash: it escapes a blank, not the newline, so the next line runs as a separate ifconfig command on the physical interface — its keywords no longer apply to this line's address."
          : "Blanks after the backslash: it escapes a blank, not the newline, so the next line runs as a separate ifconfig command and the file counts as multi-line (no implicit 'netmask + broadcast + up').",
        fixes: [fix('Remove the blanks after the backslash', [replaceSpan(blanks, needsSpace ? ' \\' : '\\')])],
      });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Comments

function commentFinding(file: HostnameFile, command: HostnameCommand, fix: FixFactory): Finding {
  const comment = command.comment!;
  const wholeLine = command.line.words[0]!.start === comment.start;
  let edit: TextEdit;
  if (wholeLine) {
    // Delete the line with its line break, so no blank line is left to make the file multi-line.
    const start = file.index.lineStart(command.line.firstLine);
    const end = command.line.terminated ? file.index.lineStart(command.line.lastLine + 1) : comment.end;
    const endOffset = end > start && command.line.terminated ? end : comment.end;
    edit = { range: file.index.range(start, endOffset), newText: '' };
  } else {
    let start = comment.start;
    while (start > 0 && (file.text[start - 1] === ' ' || file.text[start - 1] === '\t')) start--;
    edit = { range: file.index.range(start, comment.end), newText: '' };
  }
  const lost = wholeLine
    ? ' A comment line also makes the file multi-line, so the implicit netmask + broadcast + up is not added.'
    : ' The words after it on this line are never applied.';
  return {
    rule: 'comment-not-supported',
    range: comment.range,
    message: `Hostname files have no comments: ifconfig takes '${command.line.words.find((w) => w.start === comment.start)?.text ?? '#'}' as an address and stops with 'bad address'.${lost}`,
    fixes: [{ ...fix('Delete the comment', [edit]), safe: true }],
  };
}

// ---------------------------------------------------------------------------------------
// Words: keywords, arguments, addresses

type FixFactory = (title: string, edits: TextEdit[], isPreferred?: boolean) => Fix;

function checkSegmentWords(
  file: HostnameFile,
  segment: AddressSegment,
  ctx: HostnameRuleContext,
  out: Finding[],
  fix: FixFactory,
  usedNames: Token[],
): void {
  const otherFamily = file.family === 'inet' ? 'inet6' : 'inet';
  const familyLabel = (f: 'inet' | 'inet6'): string => (f === 'inet' ? 'IPv4' : 'IPv6');

  for (const use of segment.keywords) {
    const spec = use.spec;
    if (!spec.releases.includes(ctx.release)) {
      if (spec.name === 'ipmp') {
        out.push({
          rule: 'solaris11-syntax',
          range: use.token.range,
          message: `'ipmp' exists only from OpenSolaris / Solaris 11 Express on (and on illumos); on ${RELEASE_LABELS[ctx.release]} ifconfig takes it as an address and stops with 'ipmp: bad address'.`,
        });
      } else {
        out.push({
          rule: 'unknown-keyword',
          range: use.token.range,
          message: `'${spec.name}' is not known to the ifconfig of ${RELEASE_LABELS[ctx.release]} (it arrived later): it is taken as an address and fails with 'bad address'.`,
        });
      }
    }
    if (!keywordAppliesTo(spec, file.family)) {
      const last = use.argument ?? use.token;
      out.push({
        rule: 'wrong-address-family',
        range: use.token.range,
        message: `'${spec.name}' is ${familyLabel(spec.family!)} only; in a ${file.fileName?.prefix ?? 'hostname'} file ifconfig stops with 'Operation ${spec.name} not supported for ${file.family}'.`,
        fixes: [fix(`Remove '${use.argument ? `${spec.name} ${use.argument.text}` : spec.name}'`, [removeWords(file.index, use.token, last)])],
      });
    }
    if (spec.name === 'addif' && isLogicalFile(file)) {
      out.push({
        rule: 'addif-on-logical',
        range: use.token.range,
        message: `'addif' makes a new logical interface of a physical one, but this file configures the logical interface ${file.fileName!.interfaceName}: ifconfig stops with 'addif: bad physical interface name ${file.fileName!.interfaceName}' and the rest of the line is never read. Put this address in hostname.${file.fileName!.interfaceName.split(':')[0]} (with 'addif'), or in a hostname.${file.fileName!.interfaceName.split(':')[0]}:<n> file of its own (without 'addif').`,
      });
    }
    if (spec.name === 'dhcp' || spec.name === 'auto-dhcp') {
      out.push({
        rule: 'misplaced-keyword',
        range: use.token.range,
        message: `'${spec.name}' must be the first word of the line; here ifconfig does not start DHCP.`,
      });
    }
    if (spec.argument && !use.argument && !spec.argumentOptional) {
      out.push({
        rule: 'missing-argument',
        range: use.token.range,
        message:
          file.implicitNetmaskBroadcastUp === segment.command
            ? `'${spec.name}' needs ${argumentLabel(spec)}, but the line ends here. This file has one line, so the boot script appends 'netmask + broadcast + up': '${spec.name}' takes 'netmask' as its argument, and what follows fails at boot.`
            : `'${spec.name}' needs ${argumentLabel(spec)}, but the line ends here: ifconfig stops with 'no argument for ${spec.name}'.`,
      });
    }
    if (use.argument && keywordAppliesTo(spec, file.family)) checkArgument(file, spec, use.argument, out, usedNames, ctx);
  }

  const address = segment.address;
  if (address && segment.addressSource === 'word' && address.text !== '+') {
    classifyBareWord(file, address, 'address', ctx, out, fix, usedNames);
  }
  if (segment.destination && segment.destination.text !== '+' && !segment.keywords.some((k) => k.argument === segment.destination)) {
    classifyBareWord(file, segment.destination, 'destination', ctx, out, fix, usedNames);
  }
  for (const extra of segment.extraWords) classifyBareWord(file, extra, 'extra', ctx, out, fix, usedNames);

  for (const plus of segment.strayPlus) {
    out.push({
      rule: 'stray-plus',
      range: plus.range,
      message: `This '+' follows no 'netmask' or 'broadcast': ifconfig takes it as ${segment.address === plus ? 'the address' : 'a destination address'}, fails with '+: bad address' and never reaches the words after it.`,
      fixes: [fix("Remove the '+'", [removeWords(file.index, plus)])],
    });
  }
  void otherFamily;
}

function argumentLabel(spec: KeywordSpec): string {
  switch (spec.argument) {
    case 'address':
      return 'an address or host name';
    case 'destination':
      return 'an address';
    case 'netmask':
      return "a mask or '+'";
    case 'broadcast':
      return "an address or '+'";
    case 'group':
      return 'a group name';
    case 'integer':
      return 'a number';
    case 'byte':
      return 'a number from 0 to 255';
    case 'prefix':
      return 'an address/prefix-length';
    case 'interface':
      return "an interface name or 'none'";
    case 'zone':
      return 'a zone name';
    case 'module':
      return 'module@position';
    case 'mac':
      return 'a MAC address';
    case 'algorithm':
      return 'an algorithm';
    default:
      return 'an argument';
  }
}

function checkArgument(
  file: HostnameFile,
  spec: KeywordSpec,
  arg: Token,
  out: Finding[],
  usedNames: Token[],
  ctx: HostnameRuleContext,
): void {
  const value = arg.text;
  const bad = (rule: 'invalid-value' | 'invalid-address' | 'invalid-netmask', message: string): void => {
    out.push({ rule, range: arg.range, message });
  };
  // ifconfig takes the next word whatever it is, and looks it up as an address (§1.7).
  const addressSlot = spec.argument === 'address' || spec.argument === 'destination' || spec.argument === 'broadcast' || spec.argument === 'netmask';
  if (addressSlot && (ifconfigKeyword(value, ctx.release) || value === 'dhcp' || value === 'auto-dhcp')) {
    out.push(keywordAsAddress(file, spec, arg, ctx.uri));
    return;
  }
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
        if (!check.ok) bad('invalid-netmask', `Not a netmask: ${check.reason}.`);
      } else {
        // A mask may be a name from hosts (or networks): ifconfig looks it up like an address.
        usedNames.push(arg);
      }
      break;
    }
    case 'group':
      if (value.length > 31) {
        bad('invalid-value', `Group names have at most 31 characters; this one has ${value.length}, and the kernel silently cuts it, so it no longer matches the other members.`);
      } else if (/^(""|'')$/.test(value)) {
        bad('invalid-value', `The boot script does not interpret quotes: this sets a group literally named ${value} instead of leaving the group. Remove 'group ${value}'.`);
      }
      break;
    case 'integer': {
      if (!/^[0-9]+$/.test(value)) {
        bad('invalid-value', `'${spec.name}' takes a whole number, not '${value}'.`);
      } else if (spec.name === 'mtu' && (Number(value) < 68 || Number(value) > 65535)) {
        bad('invalid-value', `An MTU of ${value} is outside what IP accepts (68–65535).`);
      } else if (spec.name === 'index' && Number(value) === 0) {
        bad('invalid-value', 'Interface index 0 is not valid.');
      }
      break;
    }
    case 'byte':
      if (!/^[0-9]+$/.test(value) || Number(value) > 255) bad('invalid-value', `'${spec.name}' takes a number from 0 to 255, not '${value}'.`);
      break;
    case 'prefix': {
      if (!value.includes('/')) {
        bad('invalid-address', `'${spec.name}' needs a prefix length (address/length): ifconfig stops with 'Missing prefix length in ${spec.name}'.`);
      } else if (looksLikeLiteral(value)) {
        checkLiteral(file, arg, true, out);
      }
      break;
    }
    case 'zone':
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) bad('invalid-value', `'${value}' is not a valid zone name.`);
      break;
    case 'module':
      if (!/^[A-Za-z0-9_]+@[0-9]+$/.test(value)) bad('invalid-value', `'${spec.name}' takes module@position (e.g. 'ipqos@2'), not '${value}'.`);
      break;
    case 'interface':
      if (value !== 'none' && checkInterfaceName(value).kind !== 'valid') bad('invalid-value', `'${value}' is not an interface name (or 'none').`);
      break;
    case 'mac':
    case 'algorithm':
    case 'dhcp-wait':
    case undefined:
      break;
  }
  void ctx;
}

/** A keyword where ifconfig expects an address: it is looked up as a host name and fails. */
function keywordAsAddress(file: HostnameFile, spec: KeywordSpec, arg: Token, uri: string): Finding {
  const what = spec.argument === 'netmask' ? "a mask (or '+')" : spec.argument === 'broadcast' ? "an address (or '+')" : 'an address';
  const plus = spec.argument === 'netmask' || spec.argument === 'broadcast';
  return {
    rule: 'keyword-as-address',
    range: arg.range,
    message: `'${arg.text}' is a keyword, but '${spec.name}' takes the next word as ${what}, whatever it is: ifconfig looks '${arg.text}' up as a host name and stops with '${arg.text}: bad address'${spec.name === 'netmask' ? ' before it applies anything on this line' : ''}.${plus ? ` Did you mean '${spec.name} + ${arg.text}'?` : ` Write the address after '${spec.name}'.`}`,
    fixes: plus ? [{ title: `Insert '+' after '${spec.name}'`, isPreferred: true, edits: [{ uri, edits: [insertAt(file.index, arg.start, '+ ')] }] }] : [],
  };
}

function checkLiteral(file: HostnameFile, token: Token, allowPrefix: boolean, out: Finding[]): void {
  const check = checkAddressLiteral(token.text, { allowPrefix });
  if (!check.ok) {
    const bare = token.text.split('/')[0]!;
    const short = file.family === 'inet' && !bare.includes(':') ? ipv4Literal(bare) : undefined;
    out.push({
      rule: 'invalid-address',
      range: token.range,
      message:
        short !== undefined && bare !== formatIPv4(short) && check.reason.includes('part')
          ? `Not a full address: ${check.reason}. ifconfig reads it the way inet_addr does, as ${formatIPv4(short)} (the last part fills the remaining bytes), which is surely not what was meant.`
          : `Not a valid address: ${check.reason}. ifconfig stops with 'bad address'.`,
    });
    return;
  }
  if (check.value.family !== file.family) {
    const what = check.value.family === 'inet' ? 'an IPv4' : 'an IPv6';
    out.push({
      rule: 'wrong-address-family',
      range: token.range,
      message: `${token.text} is ${what} address, but ${file.fileName ? `${file.fileName.prefix}.${file.fileName.interfaceName}` : 'this file'} configures ${file.family === 'inet' ? 'IPv4' : 'IPv6'}${file.family === 'inet' ? ' (IPv6 addresses go in hostname6.<if>)' : ' (IPv4 addresses go in hostname.<if>)'}.`,
    });
  }
}

/** A name that resolves only for the other address family (§1.7): getipnodebyname finds nothing. */
function wrongFamilyName(file: HostnameFile, token: Token, other: readonly ResolvedName[], names: NameLookup): Finding {
  const name = token.text.split('/')[0]!;
  const first = other[0];
  const mine = file.family === 'inet' ? 'IPv4' : 'IPv6';
  const theirs = file.family === 'inet' ? 'IPv6' : 'IPv4';
  const fileLabel = file.fileName ? `${file.fileName.prefix}.${file.fileName.interfaceName}` : 'this file';
  return {
    rule: 'name-wrong-family',
    range: token.range,
    message: `'${name}' has only ${theirs === 'IPv6' ? 'an IPv6' : 'an IPv4'} address${first ? ` (${first.entry.address.text}, ${names.label} line ${first.entry.line + 1})` : ''}, but ${fileLabel} configures ${mine}: ifconfig looks the name up for ${mine} alone and stops with '${token.text}: bad address'.${
      file.family === 'inet' ? ' IPv6 addresses belong in hostname6.<if>.' : ' IPv4 addresses belong in hostname.<if>; IPv6 needs a name with an IPv6 address.'
    }`,
    related: first ? [{ uri: first.uri, range: first.entry.span.range, message: `the ${theirs} entry of '${name}'` }] : undefined,
  };
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

function classifyBareWord(
  file: HostnameFile,
  token: Token,
  slot: 'address' | 'destination' | 'extra',
  ctx: HostnameRuleContext,
  out: Finding[],
  fix: FixFactory,
  usedNames: Token[],
): void {
  // Two words glued across a backslash-newline: line-continuation reports it, with the fix.
  if (/\\\r?\n/.test(file.text.slice(token.start, token.end))) return;
  const word = token.text;
  if (looksLikeLiteral(word)) {
    if (slot === 'extra') out.push(unknownWord(file, token, slot, fix));
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
  out.push(unknownWord(file, token, slot, fix));
}

function unknownWord(file: HostnameFile, token: Token, slot: 'address' | 'destination' | 'extra', fix: FixFactory): Finding {
  const candidates = KEYWORDS.filter((k) => keywordAppliesTo(k, file.family) && !k.interactiveOnly).map((k) => k.name);
  const suggestions = didYouMean(token.text, candidates);
  const taken =
    slot === 'address'
      ? 'ifconfig takes it as the address'
      : slot === 'destination'
        ? 'ifconfig takes it as a point-to-point destination address'
        : 'ifconfig has no place for it';
  const hint = suggestions.length > 0 ? ` Did you mean '${suggestions[0]}'?` : '';
  return {
    rule: 'unknown-keyword',
    range: token.range,
    message: `'${token.text}' is not an ifconfig keyword (keywords are case-sensitive): ${taken} and stops with 'bad address'.${hint}`,
    // A word glued across a backslash-newline (or holding escapes) is the continuation's
    // problem: replacing its raw text would drop what came before the backslash.
    fixes: writtenAsIs(file, token) ? typoFixes(token, suggestions, candidates, fix) : [],
  };
}

/** `Change to 'x'` for each suggestion; the one the word surely meant is safe to apply unattended. */
function typoFixes(token: Token, suggestions: readonly string[], candidates: readonly string[], fix: FixFactory): Fix[] {
  const best = clearBest(token.text, candidates);
  return suggestions.map((s, i) => ({ ...fix(`Change to '${s}'`, [replaceSpan(token, s)], i === 0), ...(s === best ? { safe: true } : {}) }));
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

function checkDhcpWords(file: HostnameFile, command: HostnameCommand, out: Finding[], fix: FixFactory): void {
  const names = DHCP_WORDS.filter((w) => !file.isDhcpFile || w.inDhcpFile).map((w) => w.name);
  for (const use of command.dhcpWords) {
    const known = use.known && names.includes(use.token.text);
    if (!known) {
      const suggestions = didYouMean(use.token.text, names);
      out.push({
        rule: 'unknown-keyword',
        range: use.token.range,
        message: file.isDhcpFile
          ? `'${use.token.text}' is not a DHCP option of dhcp.<if> files (only 'primary' and 'wait <seconds>'): the DHCP agent is not started.${suggestions[0] ? ` Did you mean '${suggestions[0]}'?` : ''}`
          : `'${use.token.text}' is not a DHCP word of ifconfig: it fails with a usage message.${suggestions[0] ? ` Did you mean '${suggestions[0]}'?` : ''}`,
        fixes: writtenAsIs(file, use.token) ? typoFixes(use.token, suggestions, names, fix) : [],
      });
      continue;
    }
    if (use.token.text === 'wait') {
      if (!use.argument) {
        out.push({ rule: 'missing-argument', range: use.token.range, message: "'wait' needs a number of seconds or 'forever'." });
      } else if (!/^([0-9]+|forever)$/.test(use.argument.text)) {
        out.push({ rule: 'invalid-value', range: use.argument.range, message: `'wait' takes a number of seconds or 'forever', not '${use.argument.text}'.` });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Order, conflicts, placement

function checkConflicts(file: HostnameFile, segment: AddressSegment, uri: string, out: Finding[], fix: FixFactory): void {
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
    out.push({
      rule: 'conflicting-options',
      range: earlier.token.range,
      message: `'${earlier.spec.name}' is undone by '${later.spec.name}' later on the same address; ifconfig applies both, in order, and the later one wins.`,
      related: [{ uri, range: later.token.range, message: `'${later.spec.name}' wins` }],
      unnecessary: true,
      fixes: [fix(`Remove '${earlier.spec.name}'`, [removeWords(file.index, earlier.token)])],
    });
  }
}

function find(segment: AddressSegment, name: string): KeywordUse | undefined {
  return segment.keywords.find((k) => k.spec.name === name);
}

/** Moves a keyword (with its argument) to just before another word. */
function moveBefore(file: HostnameFile, moved: KeywordUse, target: Token): TextEdit[] {
  const last = moved.argument ?? moved.token;
  const text = file.text.slice(moved.token.start, last.end);
  return [insertAt(file.index, target.start, `${text} `), removeWords(file.index, moved.token, last)];
}

function moveAfter(file: HostnameFile, moved: KeywordUse, target: Token): TextEdit[] {
  const last = moved.argument ?? moved.token;
  const text = file.text.slice(moved.token.start, last.end);
  return [removeWords(file.index, moved.token, last), insertAt(file.index, target.end, ` ${text}`)];
}

function checkOrder(file: HostnameFile, segment: AddressSegment, out: Finding[], fix: FixFactory): void {
  const noFailover = find(segment, '-failover');
  if (noFailover) {
    const up = segment.keywords.find((k) => k.spec.name === 'up' && k.token.start < noFailover.token.start);
    if (up) {
      out.push({
        rule: 'option-order',
        range: noFailover.token.range,
        message: "'-failover' after 'up': ifconfig applies words in order, so the address is briefly up as a data address and in.mpathd may move it before it becomes a test address. Put '-failover' before 'up'.",
        fixes: [fix("Move '-failover' before 'up'", moveBefore(file, noFailover, up.token))],
      });
    }
    const standby = segment.keywords.find((k) => k.spec.name === 'standby' && k.token.start < noFailover.token.start);
    if (standby) {
      out.push({
        rule: 'option-order',
        range: noFailover.token.range,
        message: "'-failover' after 'standby': once the interface is standby, ifconfig refuses with 'can't set -failover on failed/standby/offlined interface'. Put '-failover' before 'standby'.",
        fixes: [fix("Move '-failover' before 'standby'", moveBefore(file, noFailover, standby.token))],
      });
    }
  }
  const netmask = find(segment, 'netmask');
  const broadcast = find(segment, 'broadcast');
  if (netmask?.argument?.text === '+' && broadcast?.argument?.text === '+' && broadcast.token.start < netmask.token.start) {
    out.push({
      rule: 'option-order',
      range: { start: broadcast.token.range.start, end: broadcast.argument.range.end },
      message: "'broadcast +' before 'netmask +': the broadcast is computed from the mask as it is at that moment, so it can be left wrong. Write 'netmask + broadcast +'.",
      fixes: [fix("Move 'broadcast +' after 'netmask +'", moveAfter(file, broadcast, netmask.argument ?? netmask.token))],
    });
  }
  const address = segment.address;
  if (netmask?.argument?.text === '+' && address && segment.addressSource !== 'addif' && netmask.token.start < address.start) {
    out.push({
      rule: 'option-order',
      range: { start: netmask.token.range.start, end: netmask.argument.range.end },
      message: "'netmask +' before the address: the netmasks lookup uses the address the interface has at that moment, so it finds nothing and the classful mask is used. Put the address first.",
      fixes: [fix("Move 'netmask +' after the address", moveAfter(file, netmask, address))],
    });
  }
}

function checkUnit0Keywords(file: HostnameFile, command: HostnameCommand, out: Finding[], fix: FixFactory): void {
  const unit = file.fileName ? checkInterfaceName(file.fileName.interfaceName) : undefined;
  const logicalFile = unit?.kind === 'valid' && (unit.name.unit ?? 0) > 0;
  const firstAddif = command.segments.find((s) => s.kind === 'addif')?.addif;
  for (const segment of command.segments) {
    if (segment.kind === 'unit' && !logicalFile) continue;
    for (const use of segment.keywords) {
      if (!use.spec.unit0Only) continue;
      const where = logicalFile ? `a logical interface (${file.fileName!.interfaceName})` : "the logical interface that 'addif' created";
      const last = use.argument ?? use.token;
      const edits = !logicalFile && firstAddif ? moveBefore(file, use, firstAddif) : [removeWords(file.index, use.token, last)];
      out.push({
        rule: 'misplaced-keyword',
        severity: 'warning',
        range: use.token.range,
        message: `'${use.spec.name}' belongs to the physical interface, but here it applies to ${where}. ${use.spec.name === 'group' ? "The boot script's group discovery (ifparse) drops it, so the interface may not be treated as a group member. " : ''}Put it before the first 'addif'${logicalFile ? ` in hostname.${unit!.kind === 'valid' ? unit!.name.physical : ''}` : ''}.`,
        fixes: [fix(`${logicalFile ? 'Remove' : 'Move'} '${use.argument ? `${use.spec.name} ${use.argument.text}` : use.spec.name}'${logicalFile ? '' : " before 'addif'"}`, edits)],
      });
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

function checkStaysDown(file: HostnameFile, out: Finding[], fix: FixFactory): void {
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
      out.push({
        rule: 'interface-stays-down',
        range: segment.address.range,
        message: staysDownReason(file, command, segment, isLast),
        fixes: waiting ? [] : [fix(`Add '${append}'`, [insertAt(file.index, lastWord.end, ` ${append}`)])],
      });
    });
  }
}

function staysDownReason(file: HostnameFile, command: HostnameCommand, segment: AddressSegment, isLast: boolean): string {
  const what = `'${segment.address!.text}' is never brought up`;
  if (!isLast && file.implicitNetmaskBroadcastUp === command) {
    return `${what}: the boot script appends 'netmask + broadcast + up' to the end of the line, which is the last 'addif', not this address. Add 'up' here.`;
  }
  if (file.family === 'inet6') return `${what}: the boot script brings up only the physical interface of a hostname6 file. Add 'up'.`;
  const reason = multiLineReason(file, command.line);
  return `${what}: ${reason}, so the boot script adds no 'netmask + broadcast + up' and the address stays down. Add 'up' (with 'netmask + broadcast +').`;
}

function multiLineReason(file: HostnameFile, line: LogicalLine): string {
  const records = file.lines.filter((l) => l.terminated);
  const i = records.indexOf(line);
  const next = records[i + 1];
  if (next && next.words.length === 0) return `the blank line ${next.firstLine + 1} makes the file count as multi-line`;
  if (next && next.words[0]?.text.startsWith('#')) return `the comment on line ${next.firstLine + 1} makes the file count as multi-line`;
  return 'the file has more than one line';
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
    const body = unique.map((n) => `${ADDRESS_PLACEHOLDER}\t${n}\n`).join('');
    out.push({
      rule: 'no-hosts-file',
      range: first.range,
      message: `This file uses host names (${unique.slice(0, 3).join(', ')}${unique.length > 3 ? ', …' : ''}) but its host has no hosts file in the workspace, so they could not be checked. At boot only /etc/inet/hosts can resolve them.`,
      fixes: ctx.newHostsUri
        ? [{ title: 'Create the hosts file with these names', isPreferred: true, edits: [{ uri: ctx.newHostsUri, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: body }] }] }]
        : [],
    });
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
      out.push({
        rule: 'unresolved-host',
        range: token.range,
        message: `'${name}' has an IPv6 address in ${names.label} (line ${inHostsOnly.entry.line + 1}), but on ${RELEASE_LABELS[ctx.release]} ifconfig looks IPv6 names up in inet/ipnodes alone: at boot it fails with '${token.text}: bad address'. Add the entry to inet/ipnodes.`,
        related: [{ uri: inHostsOnly.uri, range: inHostsOnly.entry.span.range, message: `the ${names.label} entry ifconfig does not read for IPv6` }],
      });
      continue;
    }
    const key = token.text.toLowerCase();
    const append = names.appendEntry(`${ADDRESS_PLACEHOLDER}\t${token.text}`);
    const near = writtenAsIs(file, token) ? nearNames(names, token.text) : [];
    const fixes: Fix[] = near.map((n, i) => ({ title: `Change to '${n}' (in ${names.label})`, isPreferred: i === 0, edits: [{ uri: ctx.uri, edits: [replaceSpan(token, n)] }] }));
    if (!reported.has(key)) fixes.push({ title: `Add '${token.text}' to ${names.label}`, isPreferred: near.length === 0, edits: [append] });
    const skipped = names.skipped(token.text);
    const where = skipped
      ? `'${token.text}' is on line ${skipped.entry.line + 1} of ${skipped.source === 'ipnodes' ? 'inet/ipnodes' : names.label}, but Solaris skips that line: ${skipped.unreadable === 'line-too-long' ? `it is longer than the ${MAX_HOSTS_LINE} characters nss_files reads` : `its address '${skipped.entry.address.text}' cannot be read`}. So`
      : `'${token.text}' is not in ${names.label}:`;
    out.push({
      rule: 'unresolved-host',
      range: token.range,
      message: `${where} at boot ifconfig fails with '${token.text}: bad address' and the interface gets no address (name services are not running yet, so only local files count).${near.length ? ` Did you mean '${near[0]}'?` : ''}`,
      fixes,
      ...(skipped
        ? {
            related: [
              {
                uri: skipped.uri,
                range: skipped.unreadable === 'line-too-long' ? skipped.entry.span.range : skipped.entry.address.range,
                message: skipped.unreadable === 'line-too-long' ? 'a line nss_files skips for its length' : `'${skipped.entry.address.text}' is not an address Solaris can read`,
              },
            ],
          }
        : {}),
    });
    reported.add(key);
  }
}
