/**
 * Offsets and positions. Positions follow LSP (UTF-16 code units, and `\r\n`, `\r` or `\n`
 * as line breaks, like every LSP client), whatever line rule a parser applies to the content.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export class LineIndex {
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
