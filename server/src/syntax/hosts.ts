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
import ipaddr from 'ipaddr.js';
import { inetAddr } from './netmasks';
import { LineIndex, SEGMENT_THRESHOLD, SegmentedText, ownCopy, splitPhysicalLines, type PhysicalLine, type Span, type TextIndex } from './text';
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
    private readonly index: TextIndex,
  ) {}
  get range(): Range {
    return this.index.range(this.start, this.end);
  }
}

class HostsSpan implements Span {
  constructor(
    readonly start: number,
    readonly end: number,
    private readonly index: TextIndex,
  ) {}
  get range(): Range {
    return this.index.range(this.start, this.end);
  }
}

/** Where a segment of a big file lies in the whole text: entries parsed in place need no wrapper. */
interface Placement {
  readonly text: SegmentedText;
  readonly segment: number;
  /** The segment's first offset in the whole text. */
  readonly base: number;
}

/**
 * An entry parsed from one line. Its line number needs the file's line table, which a lookup
 * that only wants the address (the checks of a hostname file) never has to build. Offsets are
 * the segment's own, or the whole text's when it was parsed in place.
 */
class HostsLineEntry implements HostsEntry {
  private lineNumber: number | undefined;
  private entrySpan: Span | undefined;
  constructor(
    readonly address: Token,
    readonly names: readonly Token[],
    /** Where the entry's last word ends (its span is made when asked for: few walks want it). */
    private readonly end: number,
    /** The line's start in the segment. */
    private readonly lineStart: number,
    private readonly index: LineIndex,
    private readonly place: Placement | undefined,
  ) {}
  get span(): Span {
    return (this.entrySpan ??= new HostsSpan(this.address.start, this.end, this.place ? this.place.text : this.index));
  }
  get line(): number {
    // Counting the lines before the segment builds their line tables: only when a line is asked for.
    return (this.lineNumber ??= this.index.positionAt(this.lineStart).line + (this.place ? this.place.text.lineBaseOf(this.place.segment) : 0));
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

/** The first offset in [i, end) that is not a blank or tab, or `end`. */
function blanksEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

/**
 * Where `needle` occurs in `text`, ignoring case (§5.1), by the engine's native regex search.
 * No `u` flag: case folding then maps one UTF-16 unit to one, so a match is as long as the
 * needle. That folding (toUpperCase, never from non-ASCII to ASCII) agrees with toLowerCase
 * for ASCII except for the two characters that lower-case to ASCII, U+212A KELVIN SIGN (k) and
 * U+0130 (İ, to i + U+0307): they are added to the pattern, so no spelling is missed; callers
 * compare the words found with hostsKey. A caller that has seen enough of a word or line sets
 * `resume.at` to go on searching from there (a long line must not cost a scan per character).
 */
function* occurrencesIgnoringCase(text: string, needle: string, resume: { at: number } = { at: 0 }): Generator<number> {
  if (text.length <= SMALL_TEXT && needle.length > 0 && !NON_ASCII.test(needle)) {
    const lower = lowerAscii(text);
    if (lower !== undefined) {
      // ASCII in both: folding is lower-casing, and a plain search finds what the regex would.
      const key = needle.toLowerCase();
      for (let at = lower.indexOf(key); at !== -1; at = lower.indexOf(key, Math.max(at + 1, resume.at))) yield at;
      return;
    }
  }
  const pattern = Array.from(needle, (c) => (c === 'k' || c === 'K' ? '[k\u212A]' : c === 'i' || c === 'I' ? '[i\u0130]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  const re = new RegExp(pattern, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m.index;
    re.lastIndex = Math.max(m.index + 1, resume.at);
  }
}

/**
 * A host's own hosts file is a few hundred bytes, and each of its names is looked up once: a
 * regex compiled per name costs far more than searching such a text. Texts up to this long that
 * are all ASCII are searched in a lower-cased copy instead, kept for the last text searched.
 */
const SMALL_TEXT = 16 * 1024;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;
let lastSearched: { text: string; lower: string | undefined } = { text: '', lower: '' };

/** The text lower-cased, when it is all ASCII (undefined otherwise). */
function lowerAscii(text: string): string | undefined {
  if (lastSearched.text !== text) lastSearched = { text, lower: NON_ASCII.test(text) ? undefined : text.toLowerCase() };
  return lastSearched.lower;
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

/**
 * A text up to this many characters (a host's own hosts file, a few hundred lines) answers
 * lookups from an index of all its names; a bigger one searches its text for each name, so a
 * fleet-wide file of 200,000 lines is never indexed whole.
 */
const INDEXED_TEXT = 16_384;
const NO_ENTRIES: readonly HostsEntry[] = [];

/**
 * One text's hosts file: a whole small file, or one segment of a big one (offsets, lines and
 * ranges local to the segment; {@link HostsFile} puts them in place).
 */
class HostsSegment {
  readonly index: LineIndex;
  private allEntries: HostsEntry[] | undefined;
  private allComments: Span[] | undefined;
  private allLines: PhysicalLine[] | undefined;
  private readonly lookups = new Map<string, HostsEntry[]>();
  /** Every name's entries, for a small text ({@link INDEXED_TEXT}); built at the first lookup. */
  private nameIndex: Map<string, HostsEntry[]> | undefined;
  private readonly nearCache = new Map<string, string[]>();
  private readonly entriesByLineStart = new Map<number, HostsEntry | null>();
  /** Name starts by first letter and length, for did-you-mean (built on first need). */
  private nameBuckets: Map<number, number[]> | undefined;

  constructor(
    readonly text: string,
    index?: LineIndex,
  ) {
    this.index = index ?? new LineIndex(text);
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
      this.forEachLine((start, newline) => {
        // Like the entries: a CR right before the newline is no part of the line's content.
        const end = this.lineTextEnd(start, newline);
        const hash = this.hashOrEnd(start, end);
        if (hash < end) comments.push(new HostsSpan(hash, end, this.index));
      });
      this.allComments = comments;
    }
    return this.allComments;
  }

  /**
   * Every entry of this segment of a big file, parsed in place in the whole text and not kept: a
   * walk over 200,000 entries makes no wrapper per entry and no generator per segment.
   */
  entriesInPlace(place: Placement): HostsEntry[] {
    const entries: HostsEntry[] = [];
    this.forEachLine((start, newline) => {
      const entry = this.entryOfLine(start, newline, place);
      if (entry) entries.push(entry);
    });
    return entries;
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
    const start = this.lineStartOf(offset);
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    const entry = this.cachedEntryOfLine(start, end);
    return entry && entry.line === line ? entry : undefined;
  }

  /** Entries naming `name` (case ignored, §5.1), in file order; an entry repeats per matching word. */
  lookup(name: string): readonly HostsEntry[] {
    const key = hostsKey(name);
    if (this.text.length <= INDEXED_TEXT) {
      // A host's own small file: every name indexed in one pass answers its many lookups.
      if (key.length === 0 || /[ \t\n#]/.test(key)) return NO_ENTRIES;
      return (this.nameIndex ??= this.indexNames()).get(key) ?? NO_ENTRIES;
    }
    const cached = this.lookups.get(key);
    if (cached) return cached;
    const found: HostsEntry[] = [];
    if (key.length > 0 && !/[ \t\n#]/.test(key)) {
      for (const { entry } of this.namesMatching(key, false)) found.push(entry);
    }
    if (this.lookups.size >= MAX_CACHED_LOOKUPS) this.lookups.clear();
    this.lookups.set(key, found);
    return found;
  }

  private indexNames(): Map<string, HostsEntry[]> {
    const index = new Map<string, HostsEntry[]>();
    for (const entry of this.entries) {
      for (const name of entry.names) {
        const key = hostsKey(name.text);
        const found = index.get(key);
        if (found) found.push(entry);
        else index.set(key, [entry]);
      }
    }
    return index;
  }

  /**
   * Distinct names starting with `prefix` (case ignored), in file order, at most `limit`
   * (plus whether more were left out). An empty prefix lists the file's first names.
   */
  namesStartingWith(prefix: string, limit: number, accept: (entry: HostsEntry) => boolean = () => true): { names: HostsName[]; more: boolean } {
    return distinctNames(prefix, limit, accept, () => this.scanEntries(), (key) => this.namesMatching(key, true));
  }

  /**
   * Names that could be a typo of `word`: same first letter (case ignored) and a length within
   * `slack`. The index behind it holds only offsets and is built once per file text.
   */
  namesNear(word: string, slack = 2): string[] {
    if (word.length === 0) return [];
    return Array.from(this.candidateStarts(word, slack), ({ start, length }) => this.text.slice(start, start + length));
  }

  /**
   * Distinct names within `maxDistance` edits of `word` (optimal string alignment, case ignored;
   * never `word` itself), for did-you-mean. Compared in place in the text with a banded
   * distance that gives up as soon as it must exceed the bound: a typo in a file of 200,000
   * look-alike names costs milliseconds, and each word is worked out once per file text.
   */
  namesWithin(word: string, maxDistance: number): string[] {
    const cacheKey = `${maxDistance}\u0000${hostsKey(word)}`;
    const cached = this.nearCache.get(cacheKey);
    if (cached) return cached;
    const found = new Set<string>();
    if (word.length > 0 && word.length <= MAX_NEAR_WORD) {
      const target = Array.from({ length: word.length }, (_, i) => foldedCode(word.charCodeAt(i)));
      for (const { start, length } of this.candidateStarts(word, maxDistance)) {
        const d = boundedDistance(target, this.text, start, length, maxDistance);
        if (d > 0 && d <= maxDistance) found.add(this.text.slice(start, start + length));
      }
    }
    const result = [...found];
    if (this.nearCache.size >= MAX_CACHED_LOOKUPS) this.nearCache.clear();
    this.nearCache.set(cacheKey, result);
    return result;
  }

  /** Builds the did-you-mean index now rather than at the first typo. */
  prepareNear(): void {
    this.nameBuckets ??= this.buildNameBuckets();
  }

  /** Entries whose address field passes `matches`; a cheap native pre-filter keeps big files fast. */
  entriesWithAddress(hint: string, matches: (address: string) => boolean): HostsEntry[] {
    const out: HostsEntry[] = [];
    if (hint.length === 0) return out;
    const resume = { at: 0 };
    for (const at of occurrencesIgnoringCase(this.text, hint, resume)) {
      // One look per line: a later hit on the same line is no nearer its start.
      const next = this.text.indexOf('\n', at);
      resume.at = next === -1 ? this.text.length : next;
      const lineStart = this.lineStartOf(at);
      // The hint must lie inside the first word of its line.
      if (/[ \t#]/.test(this.text.slice(lineStart, at).replace(/^[ \t]+/, ''))) continue;
      const entry = this.entryAround(at);
      if (entry && matches(entry.address.text)) out.push(entry);
    }
    return out;
  }

  /** The length of the physical line holding `offset` (its `\n` not counted). */
  physicalLineLength(offset: number): number {
    const start = this.lineStartOf(offset);
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    return end - start;
  }

  /** The entry on the physical line holding `offset`, parsed now and not kept. */
  entryAtOffset(offset: number): HostsEntry | undefined {
    const start = this.lineStartOf(offset);
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    return this.entryOfLine(start, end);
  }

  // ------------------------------------------------------------------ internals

  /** Name words with `word`'s first letter (case ignored) and a length within `slack` of it. */
  private *candidateStarts(word: string, slack: number): Generator<{ start: number; length: number }> {
    const buckets = (this.nameBuckets ??= this.buildNameBuckets());
    const first = foldedCode(word.charCodeAt(0));
    for (let length = Math.max(1, word.length - slack); length <= word.length + slack; length++) {
      for (const start of buckets.get(bucketKey(first, length)) ?? []) {
        // Names of MAX_BUCKET_LENGTH and more share one bucket: keep those of this length only.
        if (length >= MAX_BUCKET_LENGTH && this.wordEnd(start) - start !== length) continue;
        yield { start, length };
      }
    }
  }

  /** Where the words of the physical line [start, newline) end: before a CR that ends it and before any `#`. */
  private wordsEnd(start: number, newline: number): number {
    return this.hashOrEnd(start, this.lineTextEnd(start, newline));
  }

  /**
   * The name words whose hostsKey is `key` (with `prefix`: starts with it), in file order, each
   * with its entry. The native search only finds candidates; hostsKey decides, as for a name
   * of a fully parsed file.
   */
  *namesMatching(key: string, prefix: boolean): Generator<HostsName> {
    const text = this.text;
    const matches = (word: string): boolean => (prefix ? hostsKey(word).startsWith(key) : hostsKey(word) === key);
    // A pattern of tens of thousands of characters is too large for the regex engine: such a
    // key (no real name is that long) is compared on every line instead.
    if (key.length > MAX_PATTERN_LENGTH) {
      for (const entry of this.scanEntries()) for (const n of entry.names) if (matches(n.text)) yield { name: n.text, entry };
      return;
    }
    // eslint-disable-next-line no-control-regex
    if (/^[\u0000-\u007f]*$/.test(key)) {
      const resume = { at: 0 };
      // The line of the last hit, looked at once however many hits it has.
      let line = { start: 0, newline: -1, contentEnd: 0, first: 0 };
      for (const at of occurrencesIgnoringCase(text, key, resume)) {
        const end = this.wordEnd(at);
        // Later hits inside this word start no word: search on after it.
        resume.at = end;
        if (at > line.newline) line = this.lineAround(at);
        // A name: a whole word after the address (the line's first word), before any comment.
        const before = text.charCodeAt(at - 1);
        if (before !== SPACE && before !== TAB) continue;
        if (at >= line.contentEnd || line.first >= at || (!prefix && end !== at + key.length)) continue;
        const name = text.slice(at, end);
        if (!matches(name)) continue;
        const entry = this.cachedEntryOfLine(line.start, line.newline);
        if (entry) yield { name, entry };
      }
      return;
    }
    // A word whose lower case is not ASCII holds a character that is not ASCII, and the native
    // search cannot fold every such character as toLowerCase does: parse only the lines that hold one.
    // eslint-disable-next-line no-control-regex
    const nonAscii = /[^\u0000-\u007f]/g;
    for (let m = nonAscii.exec(text); m; m = nonAscii.exec(text)) {
      const entry = this.entryAround(m.index);
      if (entry) for (const n of entry.names) if (matches(n.text)) yield { name: n.text, entry };
      const next = text.indexOf('\n', m.index);
      if (next === -1) break;
      nonAscii.lastIndex = next + 1;
    }
  }

  /**
   * Where the physical line holding `offset` starts. Not `lastIndexOf('\n', offset - 1)` alone:
   * at offset 0 that searches from 0 and, when the text starts with a newline, answers the
   * second line's start for the first line.
   */
  private lineStartOf(offset: number): number {
    return offset <= 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the text of the physical line [start, newline): a CR right before the newline is no content (PhysicalLine). */
  private lineTextEnd(start: number, newline: number): number {
    return newline < this.text.length && newline > start && this.text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
  }

  /**
   * The first `#` in [start, end), or `end`. Never `indexOf('#', start)`: in a file without a
   * later `#` that scans to the end of the file, once per line.
   */
  private hashOrEnd(start: number, end: number): number {
    const text = this.text;
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === HASH) return i;
    return end;
  }

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

  /**
   * The physical line holding `at`: where it starts, its newline (or the text's end), where its
   * content ends (a `#`, or the end of its text) and its first non-blank character.
   */
  private lineAround(at: number): { start: number; newline: number; contentEnd: number; first: number } {
    const text = this.text;
    const start = this.lineStartOf(at);
    let newline = text.indexOf('\n', at);
    if (newline === -1) newline = text.length;
    const contentEnd = this.wordsEnd(start, newline);
    const first = blanksEnd(text, start, contentEnd);
    return { start, newline, contentEnd, first };
  }

  private entryAround(at: number): HostsEntry | undefined {
    const start = this.lineStartOf(at);
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

  /**
   * Parses the physical line [start, newline) (newline: offset of its `\n`, or the text's end),
   * its offsets in the segment, or in the whole text when placed.
   */
  private entryOfLine(start: number, newline: number, place?: Placement): HostsEntry | undefined {
    // One pass over the line, without callbacks: blanks, words, and a `#` that ends the content
    // (in a word too). A walk over every entry (the rules of an open hosts document) runs it
    // 200,000 times.
    const text = this.text;
    const index = place ? place.text : this.index;
    const base = place ? place.base : 0;
    const end = this.lineTextEnd(start, newline);
    let address: HostsToken | undefined;
    const names: HostsToken[] = [];
    let lastEnd = 0;
    let c = 0;
    for (let i = start; ; ) {
      while (i < end && ((c = text.charCodeAt(i)) === SPACE || c === TAB)) i++;
      if (i >= end || c === HASH) break;
      const wordStart = i;
      do i++;
      while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== HASH);
      const token = new HostsToken(text.slice(wordStart, i), wordStart + base, i + base, index);
      if (address) names.push(token);
      else address = token;
      lastEnd = i;
    }
    if (!address) return undefined;
    return new HostsLineEntry(address, names, lastEnd + base, start, this.index, place);
  }

  private buildNameBuckets(): Map<number, number[]> {
    const buckets = new Map<number, number[]>();
    const text = this.text;
    const n = text.length;
    // The words of each physical line as entryOfLine reads them (blank-separated, before any
    // `#`, a CR before the newline no content), in one pass: over 200,000 lines the index is
    // built at the first typo, and the user waits for it. No closures: each segment builds its
    // own index, and a closure made per call would send the optimized loop back every time.
    let i = 0;
    while (i < n) {
      let word = 0;
      for (;;) {
        let c = i < n ? text.charCodeAt(i) : LF;
        while (c === SPACE || c === TAB) c = ++i < n ? text.charCodeAt(i) : LF;
        if (c === LF || c === HASH || (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF)) break;
        const start = i;
        do c = ++i < n ? text.charCodeAt(i) : LF;
        while (c !== SPACE && c !== TAB && c !== LF && c !== HASH && !(c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF));
        if (word++ === 0) continue; // the address
        const key = bucketKey(foldedCode(text.charCodeAt(start)), i - start);
        const list = buckets.get(key);
        if (list) list.push(start);
        else buckets.set(key, [start]);
      }
      const newline = text.indexOf('\n', i);
      if (newline === -1) break;
      i = newline + 1;
    }
    return buckets;
  }
}

/**
 * Distinct names starting with `prefix` (case ignored), in file order, at most `limit` (plus
 * whether more were left out): from every entry for an empty prefix, else from `matching`.
 */
function distinctNames(prefix: string, limit: number, accept: (entry: HostsEntry) => boolean, all: () => Iterable<HostsEntry>, matching: (key: string) => Iterable<HostsName>): { names: HostsName[]; more: boolean } {
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
    for (const entry of all()) for (const n of entry.names) if (!add(n.text, entry)) return { names, more: true };
    return { names, more: false };
  }
  if (/[ \t\n#]/.test(key)) return { names, more: false };
  for (const { name, entry } of matching(key)) if (!add(name, entry)) return { names, more: true };
  return { names, more: false };
}

/** Longer search keys are not turned into a regex. */
const MAX_PATTERN_LENGTH = 4096;

/** Did-you-mean is for names someone typed; longer words are not compared. */
const MAX_NEAR_WORD = 256;

/**
 * The optimal-string-alignment distance between `a` (folded codes) and the `length` characters
 * of `text` at `start` (folded as they are read), or `bound + 1` once it must be larger: only
 * cells within `bound` of the diagonal can stay within it, and a row with no cell within it ends
 * the work. A distance of 0 means the same name.
 */
function boundedDistance(a: readonly number[], text: string, start: number, length: number, bound: number): number {
  const n = length;
  if (Math.abs(a.length - n) > bound) return bound + 1;
  const big = bound + 1;
  let twoBack = new Array<number>(n + 1).fill(big);
  let previous = new Array<number>(n + 1).fill(big);
  let current = new Array<number>(n + 1).fill(big);
  for (let j = 0; j <= Math.min(n, bound); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current.fill(big);
    if (i <= bound) current[0] = i;
    let rowMin = current[0]!;
    const from = Math.max(1, i - bound);
    const to = Math.min(n, i + bound);
    const ai = a[i - 1]!;
    for (let j = from; j <= to; j++) {
      const bj = foldedCode(text.charCodeAt(start + j - 1));
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === foldedCode(text.charCodeAt(start + j - 2)) && a[i - 2] === bj) v = Math.min(v, twoBack[j - 2]! + 1);
      current[j] = Math.min(v, big);
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    if (rowMin > bound) return big;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[n]!;
}

const MAX_BUCKET_LENGTH = 4095;
const bucketKey = (firstChar: number, length: number): number => firstChar * (MAX_BUCKET_LENGTH + 1) + Math.min(length, MAX_BUCKET_LENGTH);

export function parseHosts(text: string): HostsFile {
  return text.length > SEGMENT_THRESHOLD ? HostsFile.ofSegments(SegmentedText.of(text)) : new HostsFile(text);
}

/** A piece of a text that starts at a line start, and its offset in the whole text. */
export interface TextPiece {
  readonly text: string;
  readonly offset: number;
  /** The same object while the piece's text is the same: what was worked out per piece may be kept under it. */
  readonly key: object;
}

/**
 * A hosts file. A big one (an open 200,000-line document) is read as segments: each keeps its
 * own parse, lookups, line table and did-you-mean index, so after an edit only the segment it
 * touched is worked out again (DESIGN.md "Budgets": a hosts edit re-checks its hostname files
 * within 20 ms). Entries and words of a segment are put in place (offsets, lines) as they are
 * handed out. A small file is one segment, handed out as it is.
 */
export class HostsFile {
  readonly index: TextIndex;
  private readonly segs: readonly HostsSegment[];
  private readonly segmented: SegmentedText | undefined;
  private allEntries: HostsEntry[] | undefined;
  private allComments: Span[] | undefined;
  private allLines: PhysicalLine[] | undefined;
  private readonly lookups = new Map<string, HostsEntry[]>();
  private readonly nearCache = new Map<string, string[]>();

  constructor(text: string);
  constructor(segmented: SegmentedText, segs: readonly HostsSegment[]);
  constructor(source: string | SegmentedText, segs?: readonly HostsSegment[]) {
    if (typeof source === 'string') {
      const only = new HostsSegment(source);
      this.segs = [only];
      this.index = only.index;
    } else {
      this.segmented = source;
      this.segs = segs!;
      this.index = source;
    }
  }

  /**
   * The hosts file of a segmented text. Segments whose text `previous` holds too keep their
   * parse and caches: an edit costs the segment it touched, not the file.
   */
  static ofSegments(text: SegmentedText, previous?: HostsFile): HostsFile {
    const reuse = new Map<string, HostsSegment>();
    for (const seg of previous?.segs ?? []) reuse.set(seg.text, seg);
    return new HostsFile(
      text,
      text.segments.map((s, i) => reuse.get(s) ?? new HostsSegment(s, text.segmentIndex(i))),
    );
  }

  /** The segmented text behind a big file (undefined for a small one). */
  get segmentedText(): SegmentedText | undefined {
    return this.segmented;
  }

  get text(): string {
    return this.segmented ? this.segmented.text : this.segs[0]!.text;
  }

  /**
   * The text in pieces that each start at a line start, with their offsets in the file: the
   * segments of a big file (no piece is joined), the whole text of a small one. `key` stays the
   * same object while a piece's text does, so a caller may keep what it worked out per piece.
   */
  *pieces(): Generator<TextPiece> {
    const text = this.segmented;
    for (let i = 0; i < this.segs.length; i++) yield { text: this.segs[i]!.text, offset: text ? text.offsetBaseOf(i) : 0, key: this.segs[i]! };
  }

  /** The text's length, without joining a segmented one. */
  get length(): number {
    return this.segmented ? this.segmented.length : this.segs[0]!.text.length;
  }

  /** Whether the text ends with a line break (`\n`). */
  get endsWithNewline(): boolean {
    const last = this.segs[this.segs.length - 1]!.text;
    return last.endsWith('\n');
  }

  /** The length of the physical line holding `offset` (lines never cross segments). */
  physicalLineLength(offset: number): number {
    const text = this.segmented;
    if (!text) return this.segs[0]!.physicalLineLength(offset);
    const i = text.segmentAtOffset(offset);
    return this.segs[i]!.physicalLineLength(offset - text.offsetBaseOf(i));
  }

  get lines(): readonly PhysicalLine[] {
    if (!this.segmented) return this.segs[0]!.lines;
    if (!this.allLines) {
      const lines: PhysicalLine[] = [];
      this.segs.forEach((seg, i) => {
        const base = this.segmented!.offsetBaseOf(i);
        for (const l of seg.lines) lines.push({ ...l, start: l.start + base, end: l.end + base });
      });
      this.allLines = lines;
    }
    return this.allLines;
  }

  get entries(): readonly HostsEntry[] {
    if (!this.segmented) return this.segs[0]!.entries;
    return (this.allEntries ??= [...this.scanEntries()]);
  }

  get comments(): readonly Span[] {
    if (!this.segmented) return this.segs[0]!.comments;
    return (this.allComments ??= this.segs.flatMap((seg, i) => seg.comments.map((c) => this.placedSpan(c, i))));
  }

  *scanEntries(): Generator<HostsEntry> {
    if (!this.segmented) {
      yield* this.segs[0]!.scanEntries();
      return;
    }
    if (this.allEntries) {
      yield* this.allEntries;
      return;
    }
    const text = this.segmented;
    for (let i = 0; i < this.segs.length; i++) yield* this.segs[i]!.entriesInPlace({ text, segment: i, base: text.offsetBaseOf(i) });
  }

  entryOnLine(line: number): HostsEntry | undefined {
    const text = this.segmented;
    if (!text) return this.segs[0]!.entryOnLine(line);
    if (line < 0 || line >= text.lineCount) return undefined;
    const i = text.segmentAtLine(line);
    const entry = this.segs[i]!.entryOnLine(line - text.lineBaseOf(i));
    return entry && this.placed(entry, i);
  }

  lookup(name: string): readonly HostsEntry[] {
    if (!this.segmented) return this.segs[0]!.lookup(name);
    const key = hostsKey(name);
    let found = this.lookups.get(key);
    if (!found) {
      found = this.segs.flatMap((seg, i) => seg.lookup(name).map((e) => this.placed(e, i)));
      if (this.lookups.size >= MAX_CACHED_LOOKUPS) this.lookups.clear();
      this.lookups.set(key, found);
    }
    return found;
  }

  namesStartingWith(prefix: string, limit: number, accept: (entry: HostsEntry) => boolean = () => true): { names: HostsName[]; more: boolean } {
    if (!this.segmented) return this.segs[0]!.namesStartingWith(prefix, limit, accept);
    const segs = this.segs;
    const place = (entry: HostsEntry, i: number): HostsEntry => this.placed(entry, i);
    return distinctNames(prefix, limit, accept, () => this.scanEntries(), function* (key) {
      for (let i = 0; i < segs.length; i++) for (const { name, entry } of segs[i]!.namesMatching(key, true)) yield { name, entry: place(entry, i) };
    });
  }

  namesNear(word: string, slack = 2): string[] {
    return this.segs.flatMap((seg) => seg.namesNear(word, slack));
  }

  /**
   * Builds the did-you-mean index of every segment now (70 ms for 200,000 names): a file read
   * from disk is read once, and the first typo in a hostname file, often the user's first
   * keystroke, should not pay for it.
   */
  prepareNear(): void {
    for (const seg of this.segs) seg.prepareNear();
  }

  namesWithin(word: string, maxDistance: number): string[] {
    if (!this.segmented) return this.segs[0]!.namesWithin(word, maxDistance);
    const cacheKey = `${maxDistance}\u0000${hostsKey(word)}`;
    let result = this.nearCache.get(cacheKey);
    if (!result) {
      // A segment answers by length, then in text order: so does the file (a stable sort).
      result = [...new Set(this.segs.flatMap((seg) => seg.namesWithin(word, maxDistance)).sort((a, b) => a.length - b.length))];
      if (this.nearCache.size >= MAX_CACHED_LOOKUPS) this.nearCache.clear();
      this.nearCache.set(cacheKey, result);
    }
    return result;
  }

  entriesWithAddress(hint: string, matches: (address: string) => boolean): HostsEntry[] {
    if (!this.segmented) return this.segs[0]!.entriesWithAddress(hint, matches);
    return this.segs.flatMap((seg, i) => seg.entriesWithAddress(hint, matches).map((e) => this.placed(e, i)));
  }

  entryAtOffset(offset: number): HostsEntry | undefined {
    const text = this.segmented;
    if (!text) return this.segs[0]!.entryAtOffset(offset);
    const i = text.segmentAtOffset(offset);
    const entry = this.segs[i]!.entryAtOffset(offset - text.offsetBaseOf(i));
    return entry && this.placed(entry, i);
  }

  /** A segment's entry at its place in the file. */
  private placed(entry: HostsEntry, segment: number): HostsEntry {
    return new PlacedEntry(entry, this.segmented!, segment);
  }

  private placedSpan(span: Span, segment: number): Span {
    return new PlacedSpan(span, this.segmented!.offsetBaseOf(segment), this.index);
  }
}

class PlacedSpan implements Token {
  constructor(
    private readonly local: Span & { readonly text?: string },
    private readonly base: number,
    private readonly index: TextIndex,
  ) {}
  get text(): string {
    return this.local.text ?? '';
  }
  get start(): number {
    return this.local.start + this.base;
  }
  get end(): number {
    return this.local.end + this.base;
  }
  get range(): Range {
    return this.index.range(this.start, this.end);
  }
}

class PlacedEntry implements HostsEntry {
  private placedNames: Token[] | undefined;
  private placedAddress: Token | undefined;
  private placedSpan: Span | undefined;
  private readonly base: number;
  constructor(
    private readonly local: HostsEntry,
    private readonly index: SegmentedText,
    private readonly segment: number,
  ) {
    this.base = index.offsetBaseOf(segment);
  }
  get address(): Token {
    return (this.placedAddress ??= new PlacedSpan(this.local.address, this.base, this.index));
  }
  get names(): readonly Token[] {
    return (this.placedNames ??= this.local.names.map((n) => new PlacedSpan(n, this.base, this.index)));
  }
  get line(): number {
    // Counting the lines before the segment builds their line tables: only when a line is asked for.
    return this.local.line + this.index.lineBaseOf(this.segment);
  }
  get span(): Span {
    return (this.placedSpan ??= new PlacedSpan(this.local.span, this.base, this.index));
  }
}

/** An address as nss_files reads it: a field with a colon is IPv6 (inet_pton), otherwise inet_addr. */
export type HostsAddress = { readonly family: 'inet'; readonly ipv4: number } | { readonly family: 'inet6'; readonly canonical: string };

/**
 * Address words already read: every rule and every name lookup of a host reads the same few
 * entries' addresses again, and each read allocated its parse. Bounded; cleared when full.
 */
const readAddresses = new Map<string, HostsAddress | null>();
const MAX_READ_ADDRESSES = 4096;

export function readHostsAddress(text: string): HostsAddress | undefined {
  // No address is longer (an IPv6 one with an IPv4 tail is 45): a long word is not kept.
  if (text.length > 64) return readHostsAddressNow(text);
  const known = readAddresses.get(text);
  if (known !== undefined) return known ?? undefined;
  const address = readHostsAddressNow(text);
  if (readAddresses.size >= MAX_READ_ADDRESSES) readAddresses.clear();
  readAddresses.set(ownCopy(text), address ?? null);
  return address;
}

function readHostsAddressNow(text: string): HostsAddress | undefined {
  if (text.includes(':')) {
    // inet_pton takes no zone index and no prefix length.
    if (text.includes('%') || text.includes('/') || !ipaddr.IPv6.isValid(text)) return undefined;
    return { family: 'inet6', canonical: ipaddr.IPv6.parse(text).toRFC5952String() };
  }
  const v4 = inetAddr(text);
  return v4.ok ? { family: 'inet', ipv4: v4.value } : undefined;
}
