/**
 * Rules for one hosts / inet/hosts / inet/ipnodes file (RULES.md "hosts, ipnodes,
 * netmasks"; reference §5.1, §5.2). How Solaris reads the file (nss_files): the address is
 * read with inet_addr (IPv4) or inet_pton (a field with a colon), names are compared without
 * case, comments and trailing white space are cut off before a line is parsed.
 */
import { readHostsAddress, type HostsEntry, type HostsFile } from '../syntax/hosts';
export { readHostsAddress, type HostsAddress } from '../syntax/hosts';
import { formatIPv4 } from '../syntax/address';
import { inetAddr } from '../syntax/netmasks';
import type { TextIndex } from '../syntax/text';
import type { Token } from '../syntax/token';
import type { RuleContext } from './context';
import { carriageReturnFinding } from './lineEndings';
import type { Finding } from './types';
import { HOSTNAME_RULES } from './definitions/hostname';
import { HOSTS_AND_NETMASKS_RULES } from './definitions/hostsAndNetmasks';

const { invalidAddress } = HOSTNAME_RULES;
const { missingHostName, invalidHostName, duplicateHostName } = HOSTS_AND_NETMASKS_RULES;

/** Above this size the entry checks look only at lines a native pre-scan could not clear. */
const PRESCAN_BYTES = 64 * 1024;

export function checkHosts(file: HostsFile, ctx: RuleContext, options: { prescan?: boolean } = {}): Finding[] {
  const out: Finding[] = [];
  // A big open file is not joined into one string (a second copy of 8 MB) unless it holds a CR.
  const cr = [...file.pieces()].some((p) => p.text.includes('\r')) ? carriageReturnInHosts(file.text, file.index, ctx.uri) : undefined;
  if (cr) out.push(cr);
  const entries = (options.prescan ?? file.length > PRESCAN_BYTES) ? suspectEntries(file) : file.scanEntries();
  for (const entry of entries) {
    const address = checkHostsAddress(entry.address, ctx.uri);
    if (address) out.push(address);
    if (entry.names.length === 0) {
      out.push(missingHostName.finding(entry.address.range, missingHostName.message.noName({ address: entry.address.text })));
    }
    for (const name of entry.names) {
      const problem = hostNameProblem(name.text);
      if (problem) {
        out.push(invalidHostName.finding(name.range, invalidHostName.message.invalid({ name: name.text, problem })));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The pre-scan: a big hosts file is mostly plain lines (a dotted quad and valid names). One
// native regex pass finds every line that is not, and only those are parsed and checked.

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** A name hostNameProblem clears: 1–253 characters, not all digits and dots, RFC 1123 labels. */
const PLAIN_NAME = String.raw`(?=[^ \t#\r\n]{1,253}(?:[ \t#\r]|$))(?![0-9.]+(?:[ \t#\r]|$))${LABEL}(?:\.${LABEL})*`;
const PLAIN_LINE = String.raw`[ \t]*(?!255\.255\.255\.255[ \t#\r])${OCTET}(?:\.${OCTET}){3}(?:[ \t]+${PLAIN_NAME})+[ \t]*(?:#.*)?\r?$`;
const BLANK_OR_COMMENT = String.raw`[ \t]*(?:#.*)?\r?$`;
/** Lines (as the regex engine splits them) that are neither blank, a comment, nor plain. */
const SUSPECT_LINE = new RegExp(`^(?!${BLANK_OR_COMMENT})(?!${PLAIN_LINE})`, 'gm');
/** The regex engine also ends lines at these, where Solaris does not: such lines are always checked. */
const OTHER_BREAKS = /[\r\u2028\u2029](?!\n)/g;

/** Per piece of text (HostsFile.pieces: kept while the piece is), the starts of the lines the pre-scan could not clear. */
const suspectStarts = new WeakMap<object, readonly number[]>();

/**
 * Entries on every line the pre-scan could not clear, in file order, each once. A big file is
 * scanned a piece at a time (pieces start at line starts), and an edit scans only its piece.
 */
function suspectEntries(file: HostsFile): HostsEntry[] {
  const entries: HostsEntry[] = [];
  for (const piece of file.pieces()) {
    let starts = suspectStarts.get(piece.key);
    if (!starts) {
      starts = suspectLineStarts(piece.text);
      suspectStarts.set(piece.key, starts);
    }
    for (const start of starts) {
      const entry = file.entryAtOffset(piece.offset + start);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

/** Starts of the lines of `text` that are neither blank, a comment nor plain, ascending. */
function suspectLineStarts(text: string): number[] {
  const lineStarts = new Set<number>();
  for (const re of [new RegExp(SUSPECT_LINE), new RegExp(OTHER_BREAKS)]) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      lineStarts.add(text.lastIndexOf('\n', m.index - 1) + 1);
      // Zero-width matches: step on to the next line.
      const next = text.indexOf('\n', m.index);
      if (next === -1) break;
      re.lastIndex = next + 1;
    }
  }
  return [...lineStarts].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Line endings

/**
 * nss_files cuts trailing white space (isspace, which includes CR) off every hosts line before
 * matching names, so CRLF does not break lookups. It stays a warning: every other reader of
 * the file (scripts, awk, diff against the server's copy) sees the CR as part of the last name.
 */
function carriageReturnInHosts(text: string, index: TextIndex, uri: string): Finding | undefined {
  return carriageReturnFinding(text, index, uri, 'warning', 'hosts');
}

// ---------------------------------------------------------------------------------------
// Addresses


function checkHostsAddress(token: Token, uri: string): Finding | undefined {
  const text = token.text;
  if (text.includes(':')) {
    if (readHostsAddress(text)) return undefined;
    const why = text.includes('%') ? 'zone-index' : text.includes('/') ? 'prefix-length' : 'not-ipv6';
    return invalidAddress.finding(token.range, invalidAddress.message.hostsUnreadable({ address: text, why }));
  }
  const v4 = inetAddr(text);
  if (!v4.ok) {
    const why = v4.allOnes ? 'error-value' : text.includes('/') ? 'prefix-length' : { reason: v4.reason };
    return invalidAddress.finding(token.range, invalidAddress.message.hostsUnreadable({ address: text, why }));
  }
  // inet_addr accepts short, hex and octal forms; write what it reads when that differs.
  const surprising = v4.parts !== 4 || v4.hex || (v4.octal && v4.decimalValue !== v4.value);
  if (!surprising) return undefined;
  const reads = formatIPv4(v4.value);
  const decimal = v4.octal && v4.decimalValue !== undefined ? formatIPv4(v4.decimalValue) : undefined;
  const fixes = [];
  if (decimal && decimal !== reads) fixes.push(invalidAddress.fix.writeDecimal({ uri, range: token.range, address: decimal, isPreferred: true }));
  fixes.push(invalidAddress.fix.writeAsRead({ uri, range: token.range, address: reads, isPreferred: fixes.length === 0 }));
  const how = v4.parts !== 4 ? 'short' : v4.hex ? 'hex' : 'octal';
  return invalidAddress.finding(token.range, invalidAddress.message.hostsReadAs({ address: text, reads, how }), { severity: 'warning', fixes });
}

// ---------------------------------------------------------------------------------------
// Names (RFC 952 / RFC 1123, §5.1)

/** Why a name breaks RFC 952/1123, or undefined when it is fine. */
/** The usual case, settled by one compiled regex: RFC 1123 labels, not all digits, at most 253 characters. */
const PLAIN_VALID_NAME = /^(?=.{1,253}$)(?![0-9.]+$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function hostNameProblem(name: string): string | undefined {
  // A hosts file can hold hundreds of thousands of names; most are fine.
  if (PLAIN_VALID_NAME.test(name)) return undefined;
  // By code point: an emoji is named whole, not as half a surrogate pair.
  const bad = /[^A-Za-z0-9.-]/u.exec(name);
  if (bad) {
    const c = bad[0];
    if (c === '_') return "it contains '_' (only letters, digits, '-' and '.' are allowed)";
    return `it contains ${describeChar(c)} (only letters, digits, '-' and '.' are allowed)`;
  }
  if (/^[0-9.]+$/.test(name)) return 'it is all digits, which reads as an address rather than a name';
  if (name.startsWith('-')) return "it starts with '-'";
  if (name.startsWith('.')) return "it starts with '.'";
  if (name.endsWith('-')) return "it ends with '-'";
  if (name.endsWith('.')) return "it ends with '.' (a hosts file takes no root dot)";
  if (name.includes('..')) return "it has an empty part between two dots";
  for (const label of name.split('.')) {
    if (label.startsWith('-')) return `the part '${label}' starts with '-'`;
    if (label.endsWith('-')) return `the part '${label}' ends with '-'`;
    if (label.length > 63) return `the part '${label.slice(0, 12)}…' is longer than 63 characters`;
  }
  if (name.length > 253) return 'it is longer than 253 characters';
  return undefined;
}

function describeChar(c: string): string {
  if (c === '\r') return 'a carriage return';
  if (c === '\0') return 'a NUL byte';
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${c}'`;
}

// ---------------------------------------------------------------------------------------
// Duplicate names (cross-file: the caller knows which names hostname files use)

/**
 * A name that hostname files use and that this file maps to two different addresses of one
 * family: getipnodebyname returns them in file order and ifconfig configures the first, so
 * every later line for the name is dead for ifconfig.
 */
export function checkDuplicateHostNames(file: HostsFile, usedNames: ReadonlySet<string>, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const used = new Set([...usedNames].map((n) => n.toLowerCase()));
  for (const key of used) {
    const entries = file.lookup(key);
    if (entries.length < 2) continue;
    const first = new Map<string, { entry: HostsEntry; address: string }>();
    for (const entry of entries) {
      const address = readHostsAddress(entry.address.text);
      if (!address) continue;
      const shown = address.family === 'inet' ? formatIPv4(address.ipv4) : address.canonical;
      const earlier = first.get(address.family);
      if (!earlier) {
        first.set(address.family, { entry, address: shown });
        continue;
      }
      if (earlier.address === shown) continue;
      const name = nameToken(entry, key);
      const firstName = nameToken(earlier.entry, key);
      out.push(
        duplicateHostName.finding(
          name.range,
          duplicateHostName.message.laterLine({ name: name.text, firstAddress: earlier.address, firstLine: earlier.entry.line + 1, address: shown }),
          { related: [{ uri: ctx.uri, range: firstName.range, message: duplicateHostName.message.firstLine({ name: firstName.text, address: earlier.address }) }] },
        ),
      );
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function nameToken(entry: HostsEntry, key: string): Token {
  return entry.names.find((n) => n.text.toLowerCase() === key) ?? entry.address;
}
