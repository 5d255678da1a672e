/**
 * Formatting.
 *
 * hosts, ipnodes and netmasks (§5): the first column (address, network number) is padded so
 * that the second starts in one column; later fields are separated by one space; a trailing
 * comment follows the entry after one space; whole-line comments are left exactly as written;
 * blank lines stay (blanks on them go). Alignment is per block: a run of entry lines that no
 * blank line or whole-line comment interrupts (a section under its own comment heading is
 * aligned on its own, and one long IPv6 address does not push a whole file to the right).
 * With a range, only the lines the range touches are formatted, aligned among themselves; a
 * range that ends at the start of a line does not touch that line.
 *
 * Padding: with `insertSpaces`, the longest first field of the block gets one space and the
 * others as many as reach the same column. With tabs, every line gets tabs up to the first
 * tab stop (every `tabSize` columns) after the block's longest first field — at least one.
 *
 * Lines a formatter cannot rewrite safely are left alone: a lone CR inside a line (a line
 * break to the editor, a character to Solaris) and, in netmasks, the other characters libnsl
 * takes as blanks (\v, \f). Line endings are never touched (CRLF stays CRLF), and only
 * changed lines get an edit.
 *
 * hostname files (§1.4, §1.6): only changes the shell's `read` cannot tell apart. Runs of
 * blanks between words become one space; leading and trailing blanks go, except at the start
 * of a physical line that continues the one before (there the run becomes one space: `up\`
 * + newline + ` addif` must not become `upaddif`). Blanks next to a backslash are left as they
 * are (`\ ` is an escaped blank; blanks before a continuation `\` separate words); a logical
 * line holding a `#` is left as typed; lines are never added or removed, and a missing final
 * newline stays missing (a diagnostic, not formatting), and a last line of blanks alone is
 * left as it is. A CR before a newline counts as a character, as it does for Solaris, so
 * blanks before it are collapsed but never removed; blanks between a lone CR and the newline
 * stay one blank, or the CR would turn into a line ending.
 */
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { readLogicalLines } from '../syntax/hostname';
import { LineIndex, splitPhysicalLines, type PhysicalLine } from '../syntax/text';

export function formatHosts(text: string, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  return formatTable(text, range, options, { fields: /[^ \t]+/g, unsafe: /\r/ });
}

export function formatNetmasks(text: string, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  // libnsl splits netmasks fields with isspace() (see syntax/netmasks.ts).
  return formatTable(text, range, options, { fields: /[^ \t\v\f\r]+/g, unsafe: /[\r\v\f]/ });
}

interface TableSyntax {
  /** What a field is. */
  readonly fields: RegExp;
  /** A line holding one of these is left alone. */
  readonly unsafe: RegExp;
}

type TableLine =
  | { readonly kind: 'keep'; readonly line: PhysicalLine }
  | { readonly kind: 'blank'; readonly line: PhysicalLine }
  | { readonly kind: 'entry'; readonly line: PhysicalLine; readonly fields: readonly string[]; readonly comment?: string };

function formatTable(text: string, range: Range | undefined, options: FormattingOptions, syntax: TableSyntax): TextEdit[] {
  const index = new LineIndex(text);
  const lines = splitPhysicalLines(text).filter((line) => !range || touches(index, line, range));

  const classified: TableLine[] = lines.map((line) => {
    const content = line.text;
    if (syntax.unsafe.test(content)) return { kind: 'keep', line };
    if (/^[ \t]*$/.test(content)) return { kind: 'blank', line };
    const hash = content.indexOf('#');
    const before = hash === -1 ? content : content.slice(0, hash);
    const fields = before.match(syntax.fields) ?? [];
    if (fields.length === 0) return { kind: 'keep', line }; // a whole-line comment
    return { kind: 'entry', line, fields, comment: hash === -1 ? undefined : content.slice(hash) };
  });

  const edits: TextEdit[] = [];
  const replace = (line: PhysicalLine, newText: string): void => {
    if (newText !== line.text) edits.push({ range: index.range(line.start, line.end), newText });
  };

  let block: Extract<TableLine, { kind: 'entry' }>[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...block.filter((e) => e.fields.length > 1).map((e) => e.fields[0]!.length));
    for (const entry of block) replace(entry.line, formatEntry(entry.fields, entry.comment, width, options));
    block = [];
  };
  let previousEnd = -1;
  for (const item of classified) {
    // Lines left out of a range split blocks too: only neighbours are aligned together.
    if (item.line.start !== previousEnd + 1) flush();
    previousEnd = item.line.terminated ? item.line.end + (item.line.carriageReturn ? 1 : 0) : item.line.end;
    if (item.kind === 'entry') {
      block.push(item);
      continue;
    }
    flush();
    if (item.kind === 'blank') replace(item.line, '');
  }
  flush();
  return edits;
}

function formatEntry(fields: readonly string[], comment: string | undefined, width: number, options: FormattingOptions): string {
  const [first, ...rest] = fields;
  let out = first!;
  if (rest.length > 0) out += padding(first!.length, width, options) + rest.join(' ');
  if (comment !== undefined) out += ' ' + comment;
  return out;
}

/** The blanks after a first field of `length` so the next field starts where the block's does. */
function padding(length: number, width: number, options: FormattingOptions): string {
  if (options.insertSpaces) return ' '.repeat(width - length + 1);
  const tabSize = Number.isFinite(options.tabSize) && options.tabSize >= 1 ? Math.floor(options.tabSize) : 8;
  const column = (Math.floor(width / tabSize) + 1) * tabSize;
  return '\t'.repeat(column / tabSize - Math.floor(length / tabSize));
}

/** Whether a range touches a physical line; a range ending at a line's first column does not touch it. */
function touches(index: LineIndex, line: PhysicalLine, range: Range): boolean {
  const first = range.start.line;
  let last = range.end.line;
  if (range.end.character === 0 && last > first) last--;
  const lineFirst = index.positionAt(line.start).line;
  const lineLast = index.positionAt(line.end).line;
  return lineLast >= first && lineFirst <= last;
}

// ---------------------------------------------------------------------------------------
// hostname files

const BLANK_RUN = /[ \t]+/g;

/**
 * Whitespace-only edits that leave every record `read` returns, and every word of it, as it
 * was. `options` is accepted for symmetry with the other formatters; blanks become spaces
 * whatever it says, since alignment means nothing to ifconfig.
 */
export function formatHostname(text: string, options?: FormattingOptions): TextEdit[] {
  void options;
  const index = new LineIndex(text);
  const logical = readLogicalLines(text, index);
  // Physical lines that start inside a record, after a backslash-newline.
  const continued = new Set<number>();
  // Records left as typed: they hold a `#`.
  const kept: { start: number; end: number }[] = [];
  for (const line of logical) {
    for (const c of line.continuations) continued.add(c.end);
    if (text.slice(line.span.start, line.span.end).includes('#')) kept.push({ start: line.span.start, end: line.span.end });
  }

  const edits: TextEdit[] = [];
  let k = 0;
  for (const line of splitPhysicalLines(text)) {
    while (k < kept.length && kept[k]!.end < line.start) k++;
    const keep = kept[k];
    if (keep && keep.start <= line.start && line.start <= keep.end) continue;
    // Solaris's view: the CR before a newline is a character of the line (§1.6).
    const content = line.carriageReturn ? line.text + '\r' : line.text;
    BLANK_RUN.lastIndex = 0;
    for (let m = BLANK_RUN.exec(content); m; m = BLANK_RUN.exec(content)) {
      const from = m.index;
      const to = from + m[0].length;
      if (content[from - 1] === '\\' || content[to] === '\\') continue;
      let wanted: string;
      // Blanks alone after the last newline: emptied, the last line would vanish rather than
      // stay an (unread) unterminated line.
      if (from === 0 && to === content.length && !line.terminated) continue;
      if (from === 0) wanted = continued.has(line.start) ? ' ' : '';
      // A lone CR must not come to stand before the newline: that would make it a line ending.
      else if (to === content.length) wanted = content[from - 1] === '\r' ? ' ' : '';
      else wanted = ' ';
      if (wanted !== m[0]) edits.push({ range: index.range(line.start + from, line.start + to), newText: wanted });
    }
  }
  return edits;
}
