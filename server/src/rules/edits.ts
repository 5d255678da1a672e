/**
 * Small, exact text edits for quick fixes. A fix changes only what it names: removing a
 * word takes the word and one run of blanks beside it, never a backslash or a line break.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Span, TextIndex } from '../syntax/text';

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Removes the text from `first.start` to `last.end` with the blanks that separate it. */
export function removeWords(index: TextIndex, first: Span, last: Span = first): TextEdit {
  const text = index.text;
  let start = first.start;
  let end = last.end;
  let after = end;
  while (isBlank(text[after])) after++;
  const atLineEnd = after >= text.length || text[after] === '\n' || text[after] === '\r' || text[after] === '\\';
  let before = start;
  while (before > 0 && isBlank(text[before - 1])) before--;
  const atLineStart = before === 0 || text[before - 1] === '\n' || text[before - 1] === '\r';
  if (!atLineEnd) end = after;
  else if (!atLineStart) start = before;
  else end = after;
  return { range: index.range(start, end), newText: '' };
}

export function insertAt(index: TextIndex, offset: number, newText: string): TextEdit {
  const position = index.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { range: span.range, newText };
}

/** The text-and-positions object the edit helpers work on (what quick-fix builders take). */
export type EditableText = Parameters<typeof removeWords>[0];

/** A keyword with its argument, when it has one. */
interface WordsOfKeyword {
  readonly token: Span;
  readonly argument?: Span;
}

/** Moves a keyword (with its argument) to just before another word. */
export function moveWordsBefore(index: EditableText, moved: WordsOfKeyword, target: Span): TextEdit[] {
  const last = moved.argument ?? moved.token;
  const text = index.text.slice(moved.token.start, last.end);
  return [insertAt(index, target.start, `${text} `), removeWords(index, moved.token, last)];
}

/** Moves a keyword (with its argument) to just after another word. */
export function moveWordsAfter(index: EditableText, moved: WordsOfKeyword, target: Span): TextEdit[] {
  const last = moved.argument ?? moved.token;
  const text = index.text.slice(moved.token.start, last.end);
  return [removeWords(index, moved.token, last), insertAt(index, target.end, ` ${text}`)];
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps). Three rows of
 * plain loops: it runs for every unknown word against every keyword, on each keystroke.
 */
export function editDistance(a: string, b: string): number {
  const n = b.length;
  let twoBack: number[] = new Array<number>(n + 1).fill(0);
  let previous: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let current: number[] = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, twoBack[j - 2]! + 1);
      current[j] = v;
    }
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[n]!;
}

/**
 * Is `editDistance(a, b)` exactly 1 (one insertion, deletion, substitution or swap of two
 * neighbours)? Decided in one pass without the table: the group-name rules ask it of every
 * pair of names on every host.
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // One longer: the rest matches once a's extra character is skipped.
  if (a.length !== b.length) return a.slice(i + 1) === b.slice(i);
  if (i === a.length) return false;
  // Same length: one character replaced, or two neighbours swapped.
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * The candidate a misspelt word surely meant, or undefined when two are equally likely: the
 * only one that differs in case alone, else the only one at the smallest edit distance.
 */
export function clearBest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameLetters = candidates.filter((c) => c.toLowerCase() === lower && c !== word);
  if (sameLetters.length > 0) return sameLetters.length === 1 ? sameLetters[0] : undefined;
  const ranked = didYouMean(word, candidates, Number.POSITIVE_INFINITY);
  if (ranked.length < 2) return ranked[0];
  return editDistance(lower, ranked[0]!.toLowerCase()) < editDistance(lower, ranked[1]!.toLowerCase()) ? ranked[0] : undefined;
}

/**
 * Candidates a word was probably meant to be: same letters in another case first, then the
 * closest by edit distance (1 for short words, 2 for longer ones), best first.
 */
export function didYouMean(word: string, candidates: readonly string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const exactCase = candidates.filter((c) => c.toLowerCase() === lower && c !== word);
  const allowed = word.length <= 4 ? 1 : 2;
  const scored = candidates
    // The distance is at least the difference in length: skip those before measuring (a 1 MB word).
    .filter((c) => c !== word && c.toLowerCase() !== lower && Math.abs(c.length - word.length) <= allowed)
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= allowed && x.d < Math.max(word.length, x.c.length))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return [...exactCase, ...scored.map((x) => x.c)].slice(0, limit);
}
