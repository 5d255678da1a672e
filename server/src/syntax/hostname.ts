/**
 * hostname.<if>, hostname6.<if> and dhcp.<if>, read the way Solaris reads them at boot:
 *
 * 1. the Bourne shell's `while read line` turns the file into records (§1.4, §1.6):
 *    backslash-newline joins physical lines with nothing in between, any other backslash
 *    escapes the next character, leading and trailing blanks go, and a last line without
 *    a newline is never seen;
 * 2. each record becomes one `ifconfig <if> inet[6] <record>` whose unquoted expansion
 *    splits into words;
 * 3. ifconfig reads the words left to right (§1.7): a known keyword (exact case) is applied
 *    at once, its argument taken from the next word; any other word is an address — the
 *    first sets the local address, the second the point-to-point destination; `addif`
 *    starts a new logical interface whose keywords follow it (§3.8).
 *
 * The parser never throws and gives every word its exact range in the original text.
 */
import { findDhcpWord, findKeyword, type AddressFamily, type KeywordSpec } from '../catalog/keywords';
import { parseInterfaceFileName, type InterfaceFileName } from './fileKind';
import { LineIndex, sortByKey, type Span } from './text';
import type { Token } from './token';
import type { Range } from 'vscode-languageserver-types';

/** A physical line break removed by a backslash (the lines are joined). */
export interface Continuation extends Span {
  /** The backslash touches the last word and the next line starts with a word: they glue. */
  readonly gluesWords: boolean;
}

/** One record of the shell's `read`: what one ifconfig invocation receives. */
export interface LogicalLine {
  /** The words after the shell's escapes and splitting, with their original spans. */
  readonly words: readonly Token[];
  /** From the line's first character to the end of its last physical line's content. */
  readonly span: Span;
  /** 0-based physical lines the record covers. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Ended by a newline. `false` only for the last line: `read` fails and drops it (§1.4). */
  readonly terminated: boolean;
  /**
   * `read` returns nothing for it: no word and no escaped blank. A line of just `\ ` is one
   * blank to `read`, so the boot script runs it (as `ifconfig <if> inet`) and counts it (§1.4).
   */
  readonly readsEmpty: boolean;
  readonly continuations: readonly Continuation[];
  /**
   * A backslash followed by blanks at the end of a physical line: it escapes a blank,
   * not the newline, so the line does not continue (§1.6).
   */
  readonly escapedBlanks: readonly Span[];
}

export type WordRole =
  | 'keyword'
  | 'argument'
  | 'address'
  | 'destination'
  | 'extra'
  | 'plus'
  | 'family'
  | 'comment'
  | 'dhcp';

export interface KeywordUse {
  readonly spec: KeywordSpec;
  readonly token: Token;
  /** Undefined when the line ended first (`ifconfig: no argument for <kw>`). */
  readonly argument?: Token;
}

/**
 * A logical interface the line configures: unit 0 (or the file's `:N` unit), or the one a
 * given `addif` creates. Keywords apply to it in order.
 */
export interface AddressSegment {
  readonly kind: 'unit' | 'addif';
  readonly command: HostnameCommand;
  /** The `addif` keyword, for `addif` segments. */
  readonly addif?: Token;
  /** The local address: a bare word, `set`'s argument or `addif`'s argument. */
  readonly address?: Token;
  /** How the address was given. */
  readonly addressSource?: 'word' | 'set' | 'addif';
  readonly destination?: Token;
  readonly keywords: readonly KeywordUse[];
  /** Bare words after the local address and the destination: nowhere for them to go. */
  readonly extraWords: readonly Token[];
  /** `+` words that no netmask/broadcast took (§4.19). */
  readonly strayPlus: readonly Token[];
}

/** `dhcp`/`auto-dhcp` lines and dhcp.<if> files: DHCP words instead of ifconfig keywords. */
export interface DhcpUse {
  readonly token: Token;
  readonly argument?: Token;
  /** Undefined for words DHCP does not know. */
  readonly known: boolean;
}

export interface HostnameCommand {
  readonly line: LogicalLine;
  /** A leading `inet`/`inet6`: ifconfig takes it as an address (§1.6). */
  readonly familyWord?: Token;
  /** The `dhcp`/`auto-dhcp` keyword when the line hands the interface to DHCP. */
  readonly dhcpKeyword?: Token;
  readonly dhcpWords: readonly DhcpUse[];
  readonly segments: readonly AddressSegment[];
  /** From the first word that starts with `#` to the end of the line (§1.6). */
  readonly comment?: Span;
  /** Every word with what ifconfig makes of it, in order. */
  readonly roles: readonly { readonly token: Token; readonly role: WordRole; readonly keyword?: KeywordSpec }[];
}

export interface HostnameFile {
  readonly text: string;
  readonly index: LineIndex;
  readonly fileName?: InterfaceFileName;
  readonly family: AddressFamily;
  /** dhcp.<if>: DHCP options, not ifconfig arguments. */
  readonly isDhcpFile: boolean;
  readonly lines: readonly LogicalLine[];
  /** One per logical line holding at least one word, including an unterminated last line. */
  readonly commands: readonly HostnameCommand[];
  /** The last line has no newline: the boot script never runs it (§1.4). */
  readonly unterminatedLine?: LogicalLine;
  /** The boot script treats the file as multi-line: nothing is appended (§1.4). */
  readonly multiLine: boolean;
  /**
   * IPv4 files of a single record get ` netmask + broadcast + up` appended (§1.4);
   * this is the command that receives it.
   */
  readonly implicitNetmaskBroadcastUp?: HostnameCommand;
}

export interface ParseOptions {
  /** The file's base name (`hostname.ce0`); decides family and DHCP mode. */
  readonly fileName?: string;
}

/** A blank or a tab: the characters the shell's read splits words at. */
const isBlank = (c: string): boolean => c === ' ' || c === '\t';

/** Is this UTF-16 unit no white space (`/\S/`)? Printable ASCII without the regex. */
const isWordCode = (code: number): boolean => (code > 32 && code < 127) || /\S/.test(String.fromCharCode(code));

/**
 * The offset tables of readLogicalLines, kept between calls for files up to 64K characters: a
 * parse runs to its end without yielding, and two fresh typed arrays per file were a large part
 * of what checking a tree of small files allocated. A bigger file gets its own, not kept.
 */
const KEPT_OFFSETS = 65_536;
let keptOffsets = { from: new Int32Array(1024), to: new Int32Array(1024) };

function offsetBuffers(n: number): { from: Int32Array; to: Int32Array } {
  if (n > KEPT_OFFSETS) return { from: new Int32Array(n), to: new Int32Array(n) };
  if (keptOffsets.from.length < n) {
    const size = Math.min(KEPT_OFFSETS, Math.max(n, keptOffsets.from.length * 2));
    keptOffsets = { from: new Int32Array(size), to: new Int32Array(size) };
  }
  return keptOffsets;
}

/**
 * A word of a record. Its range (lines and columns) is worked out when first asked: most words
 * of a checked file are never shown, and a range with its two positions per word was a large
 * part of what parsing a fleet's files allocated.
 */
class Word implements Token {
  // Private fields: a word copied or serialized carries its text and offsets, not the file's index.
  readonly #index: LineIndex;
  #range: Range | undefined;

  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
    index: LineIndex,
  ) {
    this.#index = index;
  }

  get range(): Range {
    return (this.#range ??= this.#index.range(this.start, this.end));
  }
}

/** Reads the text into the shell's records, keeping a map back to original offsets. */
export function readLogicalLines(text: string, index: LineIndex = new LineIndex(text)): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const span = (start: number, end: number): Span => ({ start, end, range: index.range(start, end) });
  let pos = 0;
  const n = text.length;
  // For each character of a record's content, where it came from. One pair for every record:
  // a record's content is never longer than the text.
  const { from, to } = offsetBuffers(n);

  while (pos < n) {
    const lineStart = pos;
    let content = '';
    let length = 0;
    // Tracked as characters are added: reading them back from `content` on every backslash
    // made a record of 200,000 joined lines quadratic.
    let lastChar = ' ';
    let hasWord = false;
    let escapedBlank = false;
    const continuations: Continuation[] = [];
    const escapedBlanks: Span[] = [];
    let terminated = false;
    let contentEnd = pos;

    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        contentEnd = pos;
        terminated = true;
        pos++;
        break;
      }
      // CRLF parses like LF (DESIGN.md); the carriage-return rule reports the CR itself.
      if (c === 13 && text.charCodeAt(pos + 1) === 10) {
        contentEnd = pos;
        terminated = true;
        pos += 2;
        break;
      }
      if (c === 92 /* \ */) {
        const next = text.charCodeAt(pos + 1);
        const breakLength = next === 10 ? 1 : next === 13 && text.charCodeAt(pos + 2) === 10 ? 2 : 0;
        if (breakLength > 0) {
          const before = lastChar;
          const after = text[pos + 1 + breakLength] ?? ' ';
          const end = pos + 1 + breakLength;
          continuations.push({
            start: pos,
            end,
            range: index.range(pos, end),
            gluesWords: !isBlank(before) && !isBlank(after) && after !== '\n' && after !== '\r' && hasWord,
          });
          pos += 1 + breakLength;
          continue;
        }
        if (Number.isNaN(next)) {
          // A backslash at the very end of the file: nothing to escape, `read` drops it.
          pos++;
          continue;
        }
        if (next === 32 || next === 9) {
          // A backslash followed only by blanks up to the end of the physical line (§1.6).
          let k = pos + 1;
          while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
          if (k >= n || text.charCodeAt(k) === 10 || (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10)) {
            escapedBlanks.push(span(pos, k));
          }
        }
        if (next === 32 || next === 9) escapedBlank = true;
        lastChar = text[pos + 1]!;
        content += lastChar;
        hasWord ||= isWordCode(next);
        from[length] = pos;
        to[length] = pos + 2;
        length++;
        pos += 2;
        continue;
      }
      // A run of plain characters (no line break, no backslash) is added at once.
      let end = pos + 1;
      for (; end < n; end++) {
        const d = text.charCodeAt(end);
        if (d === 10 || d === 92 || (d === 13 && text.charCodeAt(end + 1) === 10)) break;
      }
      content += text.slice(pos, end);
      for (let k = pos; k < end; k++) {
        if (!hasWord && isWordCode(text.charCodeAt(k))) hasWord = true;
        from[length] = k;
        to[length] = k + 1;
        length++;
      }
      lastChar = text[end - 1]!;
      pos = end;
    }
    if (!terminated) contentEnd = pos;

    // Words: runs of anything but blank and tab (a scan: no match object per word).
    const words: Token[] = [];
    for (let k = 0; k < content.length; ) {
      const c = content.charCodeAt(k);
      if (c === 32 || c === 9) {
        k++;
        continue;
      }
      let e = k + 1;
      while (e < content.length && content.charCodeAt(e) !== 32 && content.charCodeAt(e) !== 9) e++;
      const start = from[k]!;
      const end = to[e - 1]!;
      words.push(new Word(content.slice(k, e), start, end, index));
      k = e;
    }
    const lineSpan = span(lineStart, contentEnd);
    lines.push({
      words,
      span: lineSpan,
      firstLine: lineSpan.range.start.line,
      lastLine: lineSpan.range.end.line,
      terminated,
      readsEmpty: !hasWord && !escapedBlank,
      continuations,
      escapedBlanks,
    });
  }
  return lines;
}

interface MutableSegment {
  kind: 'unit' | 'addif';
  command: HostnameCommand;
  addif?: Token;
  address?: Token;
  addressSource?: 'word' | 'set' | 'addif';
  destination?: Token;
  keywords: KeywordUse[];
  extraWords: Token[];
  strayPlus: Token[];
}

/** Interprets one record as ifconfig does. */
export function interpretLine(line: LogicalLine, options: { isDhcpFile: boolean }): HostnameCommand {
  const roles: { token: Token; role: WordRole; keyword?: KeywordSpec }[] = [];
  const segments: MutableSegment[] = [];
  const dhcpWords: DhcpUse[] = [];
  const command: {
    line: LogicalLine;
    familyWord?: Token;
    dhcpKeyword?: Token;
    dhcpWords: DhcpUse[];
    segments: MutableSegment[];
    comment?: Span;
    roles: typeof roles;
  } = { line, dhcpWords, segments, roles };

  const words = line.words;
  let limit = words.length;
  const hash = words.findIndex((w) => w.text.startsWith('#'));
  if (hash !== -1) {
    limit = hash;
    const first = words[hash]!;
    const start = first.start;
    const end = line.span.end;
    command.comment = { start, end, range: { start: first.range.start, end: line.span.range.end } };
    for (const w of words.slice(hash)) roles.push({ token: w, role: 'comment' });
  }

  if (options.isDhcpFile) {
    readDhcpWords(words, 0, limit, dhcpWords, roles);
    sortByKey(roles, (r) => r.token.start);
    return command as HostnameCommand;
  }

  let segment: MutableSegment = { kind: 'unit', command: command as HostnameCommand, keywords: [], extraWords: [], strayPlus: [] };
  segments.push(segment);

  let i = 0;
  const first = words[0];
  if (first && i < limit && (first.text === 'inet' || first.text === 'inet6')) {
    command.familyWord = first;
    roles.push({ token: first, role: 'family' });
    i++;
  }
  const afterFamily = words[i];
  if (afterFamily && i < limit && (afterFamily.text === 'dhcp' || afterFamily.text === 'auto-dhcp')) {
    command.dhcpKeyword = afterFamily;
    roles.push({ token: afterFamily, role: 'keyword', keyword: findKeyword(afterFamily.text) });
    readDhcpWords(words, i + 1, limit, dhcpWords, roles);
    sortByKey(roles, (r) => r.token.start);
    return command as HostnameCommand;
  }

  for (; i < limit; i++) {
    const word = words[i]!;
    const spec = findKeyword(word.text);
    if (spec) {
      roles.push({ token: word, role: 'keyword', keyword: spec });
      let argument: Token | undefined;
      if (spec.argument) {
        const next = i + 1 < limit ? words[i + 1] : undefined;
        // `ether` prints the MAC when no address follows; only a MAC-like word is its argument.
        const takes = next && (!spec.argumentOptional || /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(next.text));
        if (takes && next) {
          argument = next;
          roles.push({ token: next, role: 'argument', keyword: spec });
          i++;
        }
      }
      if (spec.name === 'addif') {
        segment = {
          kind: 'addif',
          command: command as HostnameCommand,
          addif: word,
          address: argument,
          addressSource: argument ? 'addif' : undefined,
          keywords: [{ spec, token: word, argument }],
          extraWords: [],
          strayPlus: [],
        };
        segments.push(segment);
        continue;
      }
      segment.keywords.push({ spec, token: word, argument });
      if (spec.name === 'set' && argument) {
        segment.address = argument;
        segment.addressSource = 'set';
      } else if (spec.name === 'destination' && argument) {
        segment.destination = argument;
      }
      continue;
    }
    if (word.text === '+') {
      // Not taken by netmask/broadcast: ifconfig reads it as an address (§4.19).
      roles.push({ token: word, role: 'plus' });
      segment.strayPlus.push(word);
      if (!segment.address) {
        segment.address = word;
        segment.addressSource = 'word';
      } else if (!segment.destination) segment.destination = word;
      continue;
    }
    if (!segment.address) {
      segment.address = word;
      segment.addressSource = 'word';
      roles.push({ token: word, role: 'address' });
    } else if (!segment.destination) {
      segment.destination = word;
      roles.push({ token: word, role: 'destination' });
    } else {
      segment.extraWords.push(word);
      roles.push({ token: word, role: 'extra' });
    }
  }
  sortByKey(roles, (r) => r.token.start);
  return command as HostnameCommand;
}

function readDhcpWords(
  words: readonly Token[],
  from: number,
  limit: number,
  out: DhcpUse[],
  roles: { token: Token; role: WordRole; keyword?: KeywordSpec }[],
): void {
  for (let i = from; i < limit; i++) {
    const word = words[i]!;
    const spec = findDhcpWord(word.text);
    let argument: Token | undefined;
    if (spec?.argument && i + 1 < limit) {
      argument = words[i + 1];
      i++;
    }
    out.push({ token: word, argument, known: spec !== undefined });
    roles.push({ token: word, role: 'dhcp' });
    if (argument) roles.push({ token: argument, role: 'argument' });
  }
}

export function parseHostnameFile(text: string, options: ParseOptions = {}): HostnameFile {
  const index = new LineIndex(text);
  const fileName = options.fileName ? parseInterfaceFileName(options.fileName) : undefined;
  const family: AddressFamily = fileName?.family ?? 'inet';
  const isDhcpFile = fileName?.prefix === 'dhcp';
  const lines = readLogicalLines(text, index);

  const commands: HostnameCommand[] = [];
  for (const line of lines) {
    if (line.words.length > 0) commands.push(interpretLine(line, { isDhcpFile }));
  }

  const last = lines[lines.length - 1];
  const unterminatedLine = last && !last.terminated && last.words.length > 0 ? last : undefined;

  // The records `read` returns: every terminated line, blank or not (§1.4).
  const records = lines.filter((l) => l.terminated);
  const multiLine = records.some((r, i) => !r.readsEmpty && i < records.length - 1);
  let implicitNetmaskBroadcastUp: HostnameCommand | undefined;
  if (!multiLine && family === 'inet' && !isDhcpFile) {
    const record = records.find((r) => !r.readsEmpty);
    implicitNetmaskBroadcastUp = record ? commands.find((c) => c.line === record) : undefined;
  }

  return {
    text,
    index,
    fileName,
    family,
    isDhcpFile,
    lines,
    commands,
    unterminatedLine,
    multiLine,
    implicitNetmaskBroadcastUp,
  };
}

/** Whether a command runs at boot (an unterminated last line never does). */
/** Every word of one logical interface's part of a command (unordered). */
export function segmentWords(segment: AddressSegment): Token[] {
  const tokens: Token[] = [];
  if (segment.addif) tokens.push(segment.addif);
  if (segment.address) tokens.push(segment.address);
  if (segment.destination) tokens.push(segment.destination);
  for (const k of segment.keywords) {
    tokens.push(k.token);
    if (k.argument) tokens.push(k.argument);
  }
  tokens.push(...segment.extraWords, ...segment.strayPlus);
  return tokens;
}

export function commandRuns(file: HostnameFile, command: HostnameCommand): boolean {
  return command.line !== file.unterminatedLine;
}

/** The word at an offset, with its role, if any. */
export function wordAt(file: HostnameFile, offset: number): { command: HostnameCommand; token: Token; role: WordRole; keyword?: KeywordSpec } | undefined {
  for (const command of file.commands) {
    if (offset < command.line.span.start || offset > command.line.span.end) continue;
    for (const r of command.roles) {
      if (offset >= r.token.start && offset <= r.token.end) return { command, ...r };
    }
  }
  return undefined;
}
