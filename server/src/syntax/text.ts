/**
 * Offsets and positions. Positions follow LSP (UTF-16 code units, and `\r\n`, `\r` or `\n`
 * as line breaks, like every LSP client), whatever line rule a parser applies to the content.
 */
import type { Position, Range } from 'vscode-languageserver-types';

/** Offsets ↔ positions of one text: a {@link LineIndex}, or a {@link SegmentedText} of a big one. */
export interface TextIndex {
  /** The whole text (a segmented one joins its segments on first use). */
  readonly text: string;
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineEnd(line: number): number;
  lineStart(line: number): number;
  range(start: number, end: number): Range;
}

export class LineIndex implements TextIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Built on first use: a big hosts file may be loaded and never asked for a position. */
  private get lineStarts(): number[] {
    return (this.starts ??= computeLineStarts(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

// Line breaks are found with regexes. A loop of `indexOf('\n')` (and `indexOf('\r')`), once
// V8 had optimized it on a 200,000-line hosts file, took seconds instead of a millisecond on a
// later 1 MB document (seen on Node 20); the regex engine's scan has no such cliff and is as
// fast. `test` with `lastIndex` allocates nothing per line.
function computeLineStarts(text: string): number[] {
  const starts = [0];
  const lineBreak = /\r/.test(text) ? /\r\n?|\n/g : /\n/g;
  while (lineBreak.test(text)) starts.push(lineBreak.lastIndex);
  return starts;
}

/** A span of the document: offsets for logic, a range for LSP. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly range: Range;
}

/**
 * A physical line as Solaris readers see it: only `\n` ends a line. A `\r` before the
 * `\n` stays part of the line's text for Solaris; we keep it out of the content and
 * remember it, so CRLF files parse like LF files (DESIGN.md) and rules can flag it.
 */
export interface PhysicalLine {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset after the content, before any `\r` and the `\n`. */
  readonly end: number;
  /** The content without the line break and without a final `\r`. */
  readonly text: string;
  /** The line ended with `\r\n`. */
  readonly carriageReturn: boolean;
  /** The line ended with `\n` (false only for an unterminated last line). */
  readonly terminated: boolean;
}

export function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    let newline = text.indexOf('\n', start);
    const terminated = newline !== -1;
    if (!terminated) newline = text.length;
    const carriageReturn = terminated && newline > start && text.charCodeAt(newline - 1) === 13;
    const end = carriageReturn ? newline - 1 : newline;
    lines.push({ start, end, text: text.slice(start, end), carriageReturn, terminated });
    start = newline + 1;
  }
  return lines;
}

export function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

/** Segments of about this size; a text up to SEGMENT_THRESHOLD stays one segment. */
export const SEGMENT_BYTES = 64 * 1024;
export const SEGMENT_THRESHOLD = 256 * 1024;

/** Cuts `text` after a `\n` at least every `size` characters (slices: nothing is copied). */
export function splitSegments(text: string, size = SEGMENT_BYTES): string[] {
  const segments: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    const newline = text.indexOf('\n', start + size - 1);
    if (newline === -1 || newline === text.length - 1) break;
    segments.push(text.slice(start, newline + 1));
    start = newline + 1;
  }
  segments.push(text.slice(start));
  return segments;
}

/**
 * A big text as segments that each end with `\n` (but the last): an edit replaces the one or
 * two segments it touches and keeps the others, with their line tables (DESIGN.md "Budgets": an
 * edit of a 200,000-line hosts document must not copy 8 MB, nor count its lines again). Every
 * segment boundary is a line start, so a `\r\n` never straddles two.
 */
export class SegmentedText implements TextIndex {
  readonly segments: readonly string[];
  readonly length: number;
  private readonly indexes: LineIndex[];
  private readonly offsetBase: number[];
  private lineBases: number[] | undefined;
  private joined: string | undefined;

  private constructor(segments: readonly string[], indexes: readonly (LineIndex | undefined)[]) {
    this.segments = segments.length > 0 ? segments : [''];
    this.indexes = this.segments.map((s, i) => indexes[i] ?? new LineIndex(s));
    this.offsetBase = new Array<number>(this.segments.length);
    let base = 0;
    for (let i = 0; i < this.segments.length; i++) {
      this.offsetBase[i] = base;
      base += this.segments[i]!.length;
    }
    this.length = base;
  }

  static of(text: string, size = SEGMENT_BYTES): SegmentedText {
    return new SegmentedText(splitSegments(text, size), []);
  }

  /** Segment i's own line index (offsets and lines local to it). */
  segmentIndex(i: number): LineIndex {
    return this.indexes[i]!;
  }

  offsetBaseOf(i: number): number {
    return this.offsetBase[i]!;
  }

  lineBaseOf(i: number): number {
    return this.lineBase()[i]!;
  }

  /** The text with [start, end) replaced: only the segments it touches are new. */
  withEdit(start: number, end: number, newText: string, size = SEGMENT_BYTES): SegmentedText {
    const first = this.segmentAtOffset(start);
    const last = this.segmentAtOffset(end);
    const merged = this.segments[first]!.slice(0, start - this.offsetBase[first]!) + newText + this.segments[last]!.slice(end - this.offsetBase[last]!);
    // A segment that grew past twice the size is cut again; the rest keep their line tables.
    const replaced = merged.length > 2 * size ? splitSegments(merged, size) : [merged];
    const segments = [...this.segments.slice(0, first), ...replaced, ...this.segments.slice(last + 1)];
    const indexes: (LineIndex | undefined)[] = [...this.indexes.slice(0, first), ...replaced.map(() => undefined), ...this.indexes.slice(last + 1)];
    // An emptied segment goes (a text of one empty segment keeps it).
    const keep = segments.map((s) => s.length > 0);
    if (!keep.some((k) => k)) return new SegmentedText([''], []);
    if (keep.some((k) => !k)) {
      return new SegmentedText(
        segments.filter((_, i) => keep[i]),
        indexes.filter((_, i) => keep[i]),
      );
    }
    return new SegmentedText(segments, indexes);
  }

  get text(): string {
    return (this.joined ??= this.segments.length === 1 ? this.segments[0]! : this.segments.join(''));
  }

  /** [start, end) of the text, read from the segments (the whole text is not joined). */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const first = this.segmentAtOffset(start);
    const last = this.segmentAtOffset(end);
    if (first === last) return this.segments[first]!.slice(start - this.offsetBase[first]!, end - this.offsetBase[first]!);
    let out = this.segments[first]!.slice(start - this.offsetBase[first]!);
    for (let i = first + 1; i < last; i++) out += this.segments[i]!;
    return out + this.segments[last]!.slice(0, end - this.offsetBase[last]!);
  }

  get lineCount(): number {
    const last = this.segments.length - 1;
    return this.lineBase()[last]! + this.indexes[last]!.lineCount;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const i = this.segmentAtOffset(clamped);
    const local = this.indexes[i]!.positionAt(clamped - this.offsetBase[i]!);
    return { line: local.line + this.lineBase()[i]!, character: local.character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    const i = this.segmentAtLine(position.line);
    return this.offsetBase[i]! + this.indexes[i]!.offsetAt({ line: position.line - this.lineBase()[i]!, character: position.character });
  }

  lineEnd(line: number): number {
    const i = this.segmentAtLine(line);
    return this.offsetBase[i]! + this.indexes[i]!.lineEnd(line - this.lineBase()[i]!);
  }

  lineStart(line: number): number {
    const clamped = Math.max(0, Math.min(line, this.lineCount - 1));
    const i = this.segmentAtLine(clamped);
    return this.offsetBase[i]! + this.indexes[i]!.lineStart(clamped - this.lineBase()[i]!);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The segment holding `offset`; a boundary offset belongs to the segment it starts. */
  segmentAtOffset(offset: number): number {
    const bases = this.offsetBase;
    let low = 0;
    let high = bases.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (bases[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The segment holding LSP line `line` (a segment's last, empty line is the next one's first). */
  segmentAtLine(line: number): number {
    const bases = this.lineBase();
    let low = 0;
    let high = bases.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (bases[mid]! <= line) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** First LSP line of each segment; counting a segment's lines builds its line table once. */
  private lineBase(): number[] {
    if (!this.lineBases) {
      const bases = new Array<number>(this.segments.length);
      let line = 0;
      for (let i = 0; i < this.segments.length; i++) {
        bases[i] = line;
        // Every segment but the last ends with \n: its last line start is the next segment's first.
        line += this.indexes[i]!.lineCount - 1;
      }
      this.lineBases = bases;
    }
    return this.lineBases;
  }
}

/**
 * Sorts `items` in place by `key`, ascending and stable, unless they are in that order already
 * (they nearly always are: tokens pushed left to right, NICs kept in plumbing order). The
 * check costs a pass; Array.prototype.sort would copy the array each time, and the engine
 * asks for these orders thousands of times per host.
 */
export function sortByKey<T>(items: T[], key: (item: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    if (key(items[i - 1]!) > key(items[i]!)) return items.sort((a, b) => key(a) - key(b));
  }
  return items;
}

/**
 * The text as a string of its own. V8 makes a slice of 13 characters or more a view into the
 * string it was cut from: kept as a cache key, a word of an open document would keep that
 * whole text (every version of it) alive.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
