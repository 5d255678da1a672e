/**
 * hosts / inet/hosts / inet/ipnodes (reference §5.1, §5.2): `address name [alias ...]`,
 * fields split by spaces and tabs, `#` to end of line is a comment. Never throws.
 *
 * A host's hosts file can hold hundreds of thousands of lines, and a hostname file needs only a
 * handful of its names (DESIGN.md "Budgets": loading within 2x of reading the file, memory under
 * 3x its size). So nothing is parsed up front: a name is found with the engine's native regex
 * search (ignoring case, no copy of the text), and only the lines that hold it become entries.
 * Whole-file walks (the rules of an open hosts document, outlines) parse line by line.
 */
import { LineIndex, splitPhysicalLines, type PhysicalLine, type Span } from './text';
import type { Token } from './token';
import type { Range } from 'vscode-languageserver-types';

export interface HostsEntry {
  readonly address: Token;
  /** Official name first, then aliases. */
  readonly names: readonly Token[];
  /** 0-based line (LSP numbering). */
  readonly line: number;
  /** The whole entry, from the address to the last name. */
  readonly span: Span;
}

/** A word of a hosts file; its range is worked out only when asked for. */
class HostsToken implements Token {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
    private readonly index: LineIndex,
  ) {}
  get range(): Range {
    return this.index.range(this.start, this.end);
  }
}

class HostsSpan implements Span {
  constructor(
    readonly start: number,
    readonly end: number,
    private readonly index: LineIndex,
  ) {}
  get range(): Range {
    return this.index.range(this.start, this.end);
  }
}

/** A name as a hosts file spells it, with the first entry that defines it. */
export interface HostsName {
  readonly name: string;
  readonly entry: HostsEntry;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

/** Where `needle` occurs in `text`, ignoring case (§5.1), by the engine's native regex search. */
function* occurrencesIgnoringCase(text: string, needle: string): Generator<number> {
  // No `u` flag: case folding then maps one UTF-16 unit to one, so a match is as long as the needle.
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m.index;
    re.lastIndex = m.index + 1;
  }
}

/** A character's code after case folding, as lookups compare names. */
function foldedCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

export const hostsKey = (name: string): string => name.toLowerCase();

/** Cached lookups per file; typing a new name each keystroke must not grow this forever. */
const MAX_CACHED_LOOKUPS = 4096;

export class HostsFile {
  readonly index: LineIndex;
  private allEntries: HostsEntry[] | undefined;
  private allComments: Span[] | undefined;
  private allLines: PhysicalLine[] | undefined;
  private readonly lookups = new Map<string, HostsEntry[]>();
  private readonly entriesByLineStart = new Map<number, HostsEntry | null>();
  /** Name starts by first letter and length, for did-you-mean (built on first need). */
  private nameBuckets: Map<number, number[]> | undefined;

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
  }

  /** Physical lines (Solaris' view: only `\n` ends one). Built on first use. */
  get lines(): readonly PhysicalLine[] {
    return (this.allLines ??= splitPhysicalLines(this.text));
  }

  /** Every entry in file order. Kept once built: use {@link scanEntries} for a one-off walk. */
  get entries(): readonly HostsEntry[] {
    return (this.allEntries ??= [...this.scanEntries()]);
  }

  get comments(): readonly Span[] {
    if (!this.allComments) {
      const comments: Span[] = [];
      this.forEachLine((start, end) => {
        const hash = this.text.indexOf('#', start);
        if (hash !== -1 && hash < end) comments.push(new HostsSpan(hash, end, this.index));
      });
      this.allComments = comments;
    }
    return this.allComments;
  }

  /** Every entry in file order, parsed as the walk goes and not kept. */
  *scanEntries(): Generator<HostsEntry> {
    if (this.allEntries) {
      yield* this.allEntries;
      return;
    }
    let start = 0;
    const text = this.text;
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      const entry = this.entryOfLine(start, newline);
      if (entry) yield entry;
      start = newline + 1;
    }
  }

  /** The entry on an LSP line, if that line holds one. */
  entryOnLine(line: number): HostsEntry | undefined {
    if (line < 0 || line >= this.index.lineCount) return undefined;
    const offset = this.index.lineStart(line);
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    const entry = this.cachedEntryOfLine(start, end);
    return entry && entry.line === line ? entry : undefined;
  }

  /** Entries naming `name` (case ignored, §5.1), in file order; an entry repeats per matching word. */
  lookup(name: string): readonly HostsEntry[] {
    const key = hostsKey(name);
    const cached = this.lookups.get(key);
    if (cached) return cached;
    const found: HostsEntry[] = [];
    if (key.length > 0 && !/[ \t\n#]/.test(key)) {
      for (const at of occurrencesIgnoringCase(this.text, key)) {
        if (!this.isNameAt(at, key.length)) continue;
        const entry = this.entryAround(at);
        if (entry) found.push(entry);
      }
    }
    if (this.lookups.size >= MAX_CACHED_LOOKUPS) this.lookups.clear();
    this.lookups.set(key, found);
    return found;
  }

  /**
   * Distinct names starting with `prefix` (case ignored), in file order, at most `limit`
   * (plus whether more were left out). An empty prefix lists the file's first names.
   */
  namesStartingWith(prefix: string, limit: number, accept: (entry: HostsEntry) => boolean = () => true): { names: HostsName[]; more: boolean } {
    const names: HostsName[] = [];
    const seen = new Set<string>();
    const add = (name: string, entry: HostsEntry): boolean => {
      const key = hostsKey(name);
      if (seen.has(key) || !accept(entry)) return true;
      if (names.length >= limit) return false;
      seen.add(key);
      names.push({ name, entry });
      return true;
    };
    const key = hostsKey(prefix);
    if (key.length === 0) {
      for (const entry of this.scanEntries()) for (const n of entry.names) if (!add(n.text, entry)) return { names, more: true };
      return { names, more: false };
    }
    if (/[ \t\n#]/.test(key)) return { names, more: false };
    for (const at of occurrencesIgnoringCase(this.text, key)) {
      const end = this.wordEnd(at);
      if (!this.isNameAt(at, end - at)) continue;
      const entry = this.entryAround(at);
      if (entry && !add(this.text.slice(at, end), entry)) return { names, more: true };
    }
    return { names, more: false };
  }

  /**
   * Names that could be a typo of `word`: same first letter (case ignored) and a length within
   * `slack`. The index behind it holds only offsets and is built once per file text.
   */
  namesNear(word: string, slack = 2): string[] {
    if (word.length === 0) return [];
    const buckets = (this.nameBuckets ??= this.buildNameBuckets());
    const first = foldedCode(word.charCodeAt(0));
    const out: string[] = [];
    for (let length = Math.max(1, word.length - slack); length <= word.length + slack; length++) {
      for (const start of buckets.get(bucketKey(first, length)) ?? []) out.push(this.text.slice(start, start + length));
    }
    return out;
  }

  /** Entries whose address field passes `matches`; a cheap native pre-filter keeps big files fast. */
  entriesWithAddress(hint: string, matches: (address: string) => boolean): HostsEntry[] {
    const out: HostsEntry[] = [];
    if (hint.length === 0) return out;
    let skipTo = 0;
    for (const at of occurrencesIgnoringCase(this.text, hint)) {
      if (at < skipTo) continue;
      const lineStart = this.text.lastIndexOf('\n', at - 1) + 1;
      // The hint must lie inside the first word of its line.
      if (/[ \t#]/.test(this.text.slice(lineStart, at).replace(/^[ \t]+/, ''))) continue;
      const entry = this.entryAround(at);
      if (entry && matches(entry.address.text)) out.push(entry);
      const next = this.text.indexOf('\n', at);
      if (next === -1) break;
      skipTo = next;
    }
    return out;
  }

  /** The entry on the physical line holding `offset`, parsed now and not kept. */
  entryAtOffset(offset: number): HostsEntry | undefined {
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    return this.entryOfLine(start, end);
  }

  // ------------------------------------------------------------------ internals

  private forEachLine(visit: (start: number, end: number) => void): void {
    const text = this.text;
    let start = 0;
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) newline = text.length;
      visit(start, newline);
      start = newline + 1;
    }
  }

  /** The end of the word starting at `at` (content ends at blanks, `#`, a line break). */
  private wordEnd(at: number): number {
    const text = this.text;
    let end = at;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === SPACE || c === TAB || c === LF || c === HASH) break;
      // A CR ends the content only right before the newline (PhysicalLine).
      if (c === CR && text.charCodeAt(end + 1) === LF) break;
      end++;
    }
    return end;
  }

  /** Whether the `length` characters at `at` are a whole name word: not the address, not in a comment. */
  private isNameAt(at: number, length: number): boolean {
    const text = this.text;
    const before = text.charCodeAt(at - 1);
    if (before !== SPACE && before !== TAB) return false;
    if (this.wordEnd(at) !== at + length) return false;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const hash = text.indexOf('#', lineStart);
    if (hash !== -1 && hash < at) return false;
    // Some word (the address) comes before it on the line.
    for (let i = lineStart; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c !== SPACE && c !== TAB) return true;
    }
    return false;
  }

  private entryAround(at: number): HostsEntry | undefined {
    const start = this.text.lastIndexOf('\n', at - 1) + 1;
    let end = this.text.indexOf('\n', at);
    if (end === -1) end = this.text.length;
    return this.cachedEntryOfLine(start, end);
  }

  private cachedEntryOfLine(start: number, newline: number): HostsEntry | undefined {
    const cached = this.entriesByLineStart.get(start);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.entryOfLine(start, newline);
    if (this.entriesByLineStart.size >= MAX_CACHED_LOOKUPS * 4) this.entriesByLineStart.clear();
    this.entriesByLineStart.set(start, entry ?? null);
    return entry;
  }

  /** Parses the physical line [start, newline) (newline: offset of its `\n`, or the text's end). */
  private entryOfLine(start: number, newline: number): HostsEntry | undefined {
    const text = this.text;
    let end = newline < text.length && newline > start && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
    const hash = text.indexOf('#', start);
    if (hash !== -1 && hash < end) end = hash;
    const words: HostsToken[] = [];
    let i = start;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        i++;
        continue;
      }
      const wordStart = i;
      while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB) i++;
      words.push(new HostsToken(text.slice(wordStart, i), wordStart, i, this.index));
    }
    const [address, ...names] = words;
    if (!address) return undefined;
    const last = words[words.length - 1]!;
    return { address, names, line: this.index.positionAt(start).line, span: new HostsSpan(address.start, last.end, this.index) };
  }

  private buildNameBuckets(): Map<number, number[]> {
    const buckets = new Map<number, number[]>();
    const text = this.text;
    this.forEachLine((start, newline) => {
      let end = newline > start && text.charCodeAt(newline - 1) === CR && newline < text.length ? newline - 1 : newline;
      const hash = text.indexOf('#', start);
      if (hash !== -1 && hash < end) end = hash;
      let i = start;
      let word = 0;
      while (i < end) {
        let c = text.charCodeAt(i);
        if (c === SPACE || c === TAB) {
          i++;
          continue;
        }
        const wordStart = i;
        while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB) i++;
        if (word++ === 0) continue; // the address
        const key = bucketKey(foldedCode(text.charCodeAt(wordStart)), i - wordStart);
        const list = buckets.get(key);
        if (list) list.push(wordStart);
        else buckets.set(key, [wordStart]);
      }
    });
    return buckets;
  }
}

const bucketKey = (firstChar: number, length: number): number => firstChar * 4096 + Math.min(length, 4095);

export function parseHosts(text: string): HostsFile {
  return new HostsFile(text);
}
