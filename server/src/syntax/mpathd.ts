/**
 * /etc/default/mpathd as libc's defopen/defread and in.mpathd read it (reference §3.9):
 * for each setting, in.mpathd asks defread for `NAME=` and gets the rest of the first line
 * that begins with it (ignoring case, after leading spaces — not tabs). So:
 * - a space before `=` or a tab before the name: the line never matches;
 * - the value is everything after `=`, quotes and a trailing `# comment` included;
 * - a line starting with `#` never matches, so it acts as a comment;
 * - defread stops reading the file at a line that does not fit its 1024-byte buffer, at a
 *   NUL byte, and at an unterminated last line: that line and everything after it are unseen.
 * Never throws; every part keeps its exact range.
 */
import { asciiUpper, MPATHD_SETTINGS, type MpathdSettingName } from '../catalog/mpathd';
import { LineIndex, splitPhysicalLines, type PhysicalLine, type Span } from './text';
import type { Token } from './token';

/** A `NAME=value` line (in any spelling: indented, spaces around `=`, unknown name). */
export interface MpathdAssignment {
  /** 0-based line. */
  readonly line: number;
  /** Blanks before the name. */
  readonly indent?: Span;
  /** The indentation holds a tab: defread skips only spaces. */
  readonly indentHasTab: boolean;
  /** From the first non-blank character to the last non-blank one before `=`; zero-width when the line starts with `=`. */
  readonly name: Token;
  /** Blanks between the name and `=`. */
  readonly gapBeforeEquals?: Span;
  readonly equals: Span;
  /** Blanks right after `=` (for in.mpathd they are part of the value). */
  readonly gapAfterEquals?: Span;
  /** Everything after `=` to the end of the line, as in.mpathd receives it (a CR before the newline left out). */
  readonly value: Token;
  /** defread reads this line at all (it comes before the point where defread stops). */
  readonly seen: boolean;
  /** The text defread compares with `NAME=`: the line after its leading spaces. */
  readonly defreadText: string;
}

/** A line that is neither blank, comment nor assignment. */
export interface MpathdOtherLine {
  readonly line: number;
  /** The words of the line. */
  readonly words: readonly Token[];
  readonly span: Span;
  readonly seen: boolean;
}

export type MpathdStopReason = 'too-long' | 'nul' | 'no-newline';

/** Where defread stops reading: this line and all after it are never seen. */
export interface MpathdStop {
  readonly line: number;
  readonly reason: MpathdStopReason;
  /** The line's content. */
  readonly span: Span;
  /** For `nul`: the NUL character. */
  readonly at?: Span;
}

export interface MpathdFile {
  readonly text: string;
  readonly index: LineIndex;
  readonly lines: readonly PhysicalLine[];
  readonly assignments: readonly MpathdAssignment[];
  readonly others: readonly MpathdOtherLine[];
  readonly comments: readonly Span[];
  readonly stop?: MpathdStop;
  /** The line in.mpathd takes each of its settings from; absent = default. */
  readonly effective: ReadonlyMap<MpathdSettingName, MpathdAssignment>;
}

/** fgets(buf, 1024): a line (with its newline) longer than 1023 bytes is split and defread stops. */
export const DEFREAD_MAX_LINE_BYTES = 1022;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function parseMpathd(text: string): MpathdFile {
  const index = new LineIndex(text);
  const lines = splitPhysicalLines(text);
  const assignments: MpathdAssignment[] = [];
  const others: MpathdOtherLine[] = [];
  const comments: Span[] = [];
  const span = (start: number, end: number): Span => ({ start, end, range: index.range(start, end) });
  const token = (start: number, end: number): Token => ({ text: text.slice(start, end), ...span(start, end) });
  let stop: MpathdStop | undefined;

  for (const line of lines) {
    const lineNumber = index.positionAt(line.start).line;
    const content = line.text;
    if (!stop) {
      const nul = content.indexOf('\0');
      const reason: MpathdStopReason | undefined =
        nul !== -1
          ? 'nul'
          : utf8Length(content) + (line.carriageReturn ? 1 : 0) > DEFREAD_MAX_LINE_BYTES
            ? 'too-long'
            : !line.terminated
              ? 'no-newline'
              : undefined;
      if (reason) {
        stop = { line: lineNumber, reason, span: span(line.start, line.end), at: nul === -1 ? undefined : span(line.start + nul, line.start + nul + 1) };
      }
    }
    const seen = !stop;

    const firstNonBlank = content.search(/[^ \t]/);
    if (firstNonBlank === -1) continue;
    const begin = line.start + firstNonBlank;
    if (content[firstNonBlank] === '#') {
      comments.push(span(begin, line.end));
      continue;
    }
    const eq = content.indexOf('=', firstNonBlank);
    if (eq === -1) {
      const words: Token[] = [];
      const re = /[^ \t]+/g;
      for (let m = re.exec(content); m; m = re.exec(content)) words.push(token(line.start + m.index, line.start + m.index + m[0].length));
      const last = words[words.length - 1]!;
      others.push({ line: lineNumber, words, span: span(begin, last.end), seen });
      continue;
    }
    const eqOffset = line.start + eq;
    let nameEnd = eqOffset;
    while (nameEnd > begin && (text[nameEnd - 1] === ' ' || text[nameEnd - 1] === '\t')) nameEnd--;
    let valueStart = eqOffset + 1;
    while (valueStart < line.end && (text[valueStart] === ' ' || text[valueStart] === '\t')) valueStart++;
    const indentText = content.slice(0, firstNonBlank);
    assignments.push({
      line: lineNumber,
      indent: firstNonBlank > 0 ? span(line.start, begin) : undefined,
      indentHasTab: indentText.includes('\t'),
      name: token(begin, nameEnd),
      gapBeforeEquals: nameEnd < eqOffset ? span(nameEnd, eqOffset) : undefined,
      equals: span(eqOffset, eqOffset + 1),
      gapAfterEquals: valueStart > eqOffset + 1 ? span(eqOffset + 1, valueStart) : undefined,
      value: token(eqOffset + 1, line.end),
      seen,
      defreadText: content.replace(/^ +/, ''),
    });
  }

  const effective = new Map<MpathdSettingName, MpathdAssignment>();
  for (const setting of MPATHD_SETTINGS) {
    const found = defread({ assignments }, setting.name);
    if (found) effective.set(setting.name, found);
  }
  return { text, index, lines, assignments, others, comments, stop, effective };
}

/** The line defread returns for `NAME=` (first match, case ignored), or undefined. */
export function defread(file: Pick<MpathdFile, 'assignments'>, name: string): MpathdAssignment | undefined {
  const key = asciiUpper(name) + '=';
  return file.assignments.find((a) => a.seen && asciiUpper(a.defreadText.slice(0, key.length)) === key);
}

// ---------------------------------------------------------------------------------------
// Values as in.mpathd reads them

/** in.mpathd's yes/no test: `strncasecmp(v, "yes", 3)`, then `strncasecmp(v, "no", 2)`. */
export function readYesNo(value: string): 'yes' | 'no' | undefined {
  if (/^yes/i.test(value)) return 'yes';
  if (/^no/i.test(value)) return 'no';
  return undefined;
}

export interface StrtolResult {
  /** The number read (0 when none); unbounded, callers decide about overflow. */
  readonly value: number;
  /** Digits were read. */
  readonly digits: boolean;
  readonly base: 8 | 10 | 16;
  /** Offsets in the value text of the number (sign and prefix included) and after it. */
  readonly start: number;
  readonly end: number;
}

const C_SPACE = /[ \t\n\v\f\r]/;

/** `strtol(value, NULL, 0)`: leading white space, a sign, `0x` hex or leading-zero octal, junk after it ignored. */
export function strtolBase0(value: string): StrtolResult {
  let i = 0;
  while (i < value.length && C_SPACE.test(value[i]!)) i++;
  const start = i;
  let sign = 1;
  if (value[i] === '+' || value[i] === '-') {
    if (value[i] === '-') sign = -1;
    i++;
  }
  let base: 8 | 10 | 16 = 10;
  if (value[i] === '0' && (value[i + 1] === 'x' || value[i + 1] === 'X') && /[0-9a-fA-F]/.test(value[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (value[i] === '0') {
    base = 8;
  }
  let n = 0;
  let digits = false;
  for (; i < value.length; i++) {
    const d = parseInt(value[i]!, 16);
    if (Number.isNaN(d) || d >= base) break;
    n = n * base + d;
    digits = true;
  }
  if (!digits) return { value: 0, digits: false, base, start, end: start };
  return { value: sign * n, digits, base, start, end: i };
}
