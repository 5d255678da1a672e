/**
 * What the property tests share (DESIGN.md, Bad input): how many runs and which seed, the
 * checks that ranges lie inside their document, the check that a quick fix removes its
 * finding and changes only what it edits, and the generators of hostname-file text.
 *
 * Run counts and seeds: `npm test` uses each property's fixed seed and small count. The
 * long run (`npm run fuzz`, scripts/fuzz.mjs) sets FUZZ_RUNS (a multiple of those counts)
 * and FUZZ_SEED (added to every property's own seed, so each still gets its own stream).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { KEYWORDS } from '../../server/src/catalog/keywords';
import type { Finding } from '../../server/src/rules/types';
import { LineIndex, type Span } from '../../server/src/syntax/text';

// ---------------------------------------------------------------------------------------
// Runs and seeds

function readNumber(name: string, integer: boolean): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (!integer && value <= 0)) {
    throw new Error(`${name}=${raw}: expected ${integer ? 'an integer' : 'a positive number'}`);
  }
  return value;
}

/** How many times the `npm test` counts each property runs (1 unless fuzzing). */
export const RUN_SCALE = readNumber('FUZZ_RUNS', false) ?? 1;
const BASE_SEED = readNumber('FUZZ_SEED', true);

/** fast-check parameters for one property: its own seed and count, scaled when fuzzing. */
export function runs(seed: number, numRuns: number): { seed: number; numRuns: number; includeErrorInReport: true } {
  return {
    seed: BASE_SEED === undefined ? seed : (BASE_SEED + seed) | 0,
    numRuns: Math.max(1, Math.round(numRuns * RUN_SCALE)),
    includeErrorInReport: true,
  };
}

/** A test timeout that grows with the run count (a hung server must fail, not block). */
export function scaledTimeout(ms: number): number {
  return Math.ceil(ms * Math.max(1, RUN_SCALE));
}

// ---------------------------------------------------------------------------------------
// Ranges

export function assertPosition(index: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < index.lineCount, `${what}: line ${p.line} of ${index.lineCount}`);
  const length = index.lineEnd(p.line) - index.lineStart(p.line);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= length, `${what}: character ${p.character} on a line of ${length}`);
}

export function assertRange(index: LineIndex, r: Range, what: string): void {
  assertPosition(index, r.start, `${what} start`);
  assertPosition(index, r.end, `${what} end`);
  assert.ok(index.offsetAt(r.start) <= index.offsetAt(r.end), `${what}: starts after it ends`);
}

/** Offsets inside the text, and a range that is exactly those offsets. */
export function assertSpan(index: LineIndex, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: offsets ${s.start}..${s.end}`);
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= index.text.length, `${what}: offsets ${s.start}..${s.end} of ${index.text.length}`);
  assert.deepEqual(s.range, index.range(s.start, s.end), `${what}: range and offsets disagree`);
  assertRange(index, s.range, what);
}

/** A span whose text is the text it covers. */
export function assertToken(index: LineIndex, t: Span & { readonly text: string }, what: string): void {
  assertSpan(index, t, `${what} '${t.text}'`);
  assert.equal(t.text, index.text.slice(t.start, t.end), `${what}: text and offsets disagree`);
}

/** The LSP line where the physical line (only `\n` ends one) holding `offset` starts: a parser's `line`. */
export function physicalLineOf(index: LineIndex, offset: number): number {
  const start = offset <= 0 ? 0 : index.text.lastIndexOf('\n', offset - 1) + 1;
  return index.positionAt(start).line;
}

/**
 * Every range of findings for the file `uri` lies inside its document: the finding's, its
 * related locations' and its fixes' edits. `docs` holds the text of every other file a
 * finding may point into; a fix that creates a file edits an empty one.
 */
export function assertFindingsInside(uri: string, text: string, findings: readonly Finding[], docs: ReadonlyMap<string, string> = new Map()): void {
  const indexes = new Map<string, LineIndex>();
  const indexOf = (u: string, what: string): LineIndex => {
    let index = indexes.get(u);
    if (!index) {
      const t = u === uri ? text : docs.get(u);
      assert.ok(t !== undefined, `${what}: points into ${u}, which is no file of the input`);
      index = new LineIndex(t);
      indexes.set(u, index);
    }
    return index;
  };
  for (const f of findings) {
    assertRange(indexOf(uri, f.rule), f.range, f.rule);
    for (const r of f.related ?? []) assertRange(indexOf(r.uri, `${f.rule} related`), r.range, `${f.rule} related`);
    for (const fix of f.fixes ?? []) {
      for (const fileEdit of fix.edits) {
        const what = `${f.rule} fix '${fix.title}'`;
        const target = fileEdit.create && !docs.has(fileEdit.uri) && fileEdit.uri !== uri ? new LineIndex('') : indexOf(fileEdit.uri, what);
        for (const e of fileEdit.edits) assertRange(target, e.range, what);
        editOffsets(target.text, fileEdit.edits);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Fixes

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The edits in offsets of `text`, sorted, with no two overlapping. */
export function editOffsets(text: string, edits: readonly TextEdit[]): OffsetEdit[] {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((e, i) => {
    const next = sorted[i + 1];
    assert.ok(!next || e.end <= next.start, `edits overlap at ${e.start}..${e.end} and ${next?.start}..${next?.end}`);
  });
  return sorted;
}

/**
 * Where an offset of the old text lands in the new one. At an insertion, or inside a
 * replaced range, `before` gives the start of the edit's new text and `after` its end.
 */
export function mapOffset(edits: readonly OffsetEdit[], offset: number, bias: 'before' | 'after'): number {
  let shift = 0;
  for (const e of edits) {
    if (offset < e.start) break;
    const delta = e.newText.length - (e.end - e.start);
    if (e.start === e.end) {
      if (offset === e.start && bias === 'before') return offset + shift;
      shift += delta;
      continue;
    }
    if (offset >= e.end) {
      shift += delta;
      continue;
    }
    return e.start + shift + (bias === 'before' ? 0 : e.newText.length);
  }
  return offset + shift;
}

/**
 * Whether a finding's range in the fixed text is where the old one's image is: they share
 * text, or an empty one lies within the other. An empty image means the fix deleted the
 * flagged text; then only the same empty spot counts (another word may move up into it).
 */
function samePlace(image: { start: number; end: number }, g: { start: number; end: number }): boolean {
  if (image.start === image.end) return g.start === image.start && g.end === image.end;
  if (g.start === g.end) return image.start <= g.start && g.start <= image.end;
  return g.start < image.end && image.start < g.end;
}

export interface FixSubject {
  readonly uri: string;
  readonly languageId: string;
  /** The findings for the file `uri` holding `text` (everything else stays as it was). */
  findings(text: string): readonly Finding[];
}

/**
 * Applies each fix that edits only this file and checks that the text between its edits is
 * carried over unchanged and that its finding (same rule, same message, same place) is gone.
 * Returns how many fixes were applied.
 */
export function assertFixesWork(text: string, subject: FixSubject): number {
  let applied = 0;
  for (const finding of subject.findings(text)) {
    for (const fix of finding.fixes ?? []) {
      if (fix.edits.length === 0 || fix.edits.some((e) => e.uri !== subject.uri || e.create)) continue;
      applied++;
      const edits = fix.edits.flatMap((e) => e.edits);
      const offsets = editOffsets(text, edits);
      // The LSP library's own applier: the order and overlap rules clients follow.
      const fixed = TextDocument.applyEdits(TextDocument.create(subject.uri, subject.languageId, 1, text), edits);
      const where = `${finding.rule} '${fix.title}' on ${JSON.stringify(text)} -> ${JSON.stringify(fixed)}`;

      let from = 0;
      for (const e of [...offsets, { start: text.length, end: text.length, newText: '' }]) {
        const kept = text.slice(from, e.start);
        const at = mapOffset(offsets, from, 'after');
        assert.equal(fixed.slice(at, at + kept.length), kept, `text outside the edits changed: ${where}`);
        from = Math.max(from, e.end);
      }

      const index = new LineIndex(text);
      const image = { start: mapOffset(offsets, index.offsetAt(finding.range.start), 'before'), end: mapOffset(offsets, index.offsetAt(finding.range.end), 'after') };
      const fixedIndex = new LineIndex(fixed);
      const again = subject
        .findings(fixed)
        .find((g) => g.rule === finding.rule && g.message === finding.message && samePlace(image, { start: fixedIndex.offsetAt(g.range.start), end: fixedIndex.offsetAt(g.range.end) }));
      assert.equal(again, undefined, `the fix left the finding in place: ${where}`);
    }
  }
  return applied;
}

// ---------------------------------------------------------------------------------------
// Generators

/** Text made of pieces, each drawn from weighted vocabularies, and one ending from `endings`. */
export function piecesText(parts: readonly { readonly pieces: readonly string[]; readonly weight: number }[], endings: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.oneof(...parts.map((p) => ({ arbitrary: fc.constantFrom(...p.pieces), weight: p.weight }))), { maxLength }), fc.constantFrom(...endings))
    .map(([pieces, ending]) => pieces.join('') + ending);
}

/** Strings with no structure at all: any graphemes, any UTF-16 units (lone surrogates too). */
export const arbitraryString = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }));

/** Characters that break naive line and word handling. */
export const TRAP_CHARS = [' ', '\t', '\n', '\r', '\r\n', '\0', '#', '\\', '\u{1F600}', '\uD800', 'é', '\uFEFF', '\u2028', '\v', '\f'];

/** Words a hostname file holds, right and wrong: every keyword, names, literals, typos. */
export const HOSTNAME_WORDS = [
  ...KEYWORDS.map((k) => k.name),
  'myhost',
  'myhost-ce0-test',
  'MYHOST',
  'newhost',
  'myhost-v6',
  '192.168.10.10',
  '192.168.10.12/24',
  '10.888.1.2',
  '192.168.1',
  '2001:db8::1/64',
  'fe80::1',
  '255.255.255.0',
  '255.0.255.0',
  '0xffffff00',
  'prod',
  'Prod',
  '""',
  'UP',
  'standy',
  'deprecate',
  '-fail-over',
  'inet',
  'inet6',
  'primary',
  'wait',
  'primery',
  '60',
  'forever',
  'ipqos@2',
  '+',
  '#',
  '#note',
  'é',
  '\u{1F600}',
];
export const HOSTNAME_TRAPS = [' ', '  ', '\t', '\\', '\\\n', ' \\\n', '\\ \n', '\\  \n', '\\\r\n', '\n', '\n\n', '\r\n', '\r', '\\\\'];

export const hostnameLike = piecesText(
  [
    { pieces: HOSTNAME_WORDS, weight: 3 },
    { pieces: HOSTNAME_TRAPS, weight: 2 },
  ],
  ['', '\n', '\r\n', '\\', ' '],
);

/** IPMP lines in the usual vocabulary, in any order: where order, conflict and placement rules fire. */
export const IPMP_WORDS = [
  'myhost',
  'myhost-ce0-test',
  'newhost',
  '192.168.10.10',
  'up',
  'down',
  'deprecated',
  '-deprecated',
  '-failover',
  'failover',
  'standby',
  'group prod',
  'group',
  'netmask +',
  'broadcast +',
  'netmask 255.255.255.0',
  'netmask',
  '+',
  'addif myhost-ce0-test',
  'addif',
  'router',
  'UP',
  'standy',
  '#',
  'inet',
  'dhcp',
  'token ::1/64',
];

/** Lines of IPMP words; `words` replaces the vocabulary (the cross-file tests use their host's names). */
export function ipmpText(words: readonly string[] = IPMP_WORDS): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.array(fc.constantFrom(...words), { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.constantFrom('\n', ' \\\n', '\\\n', ' \\ \n', '\n\n', '\r\n'), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([lines, breaks, final]) => lines.map((l, i) => l.join(' ') + (i < lines.length - 1 || final ? breaks[i]! : '')).join(''));
}

export const ipmpLike = ipmpText();

/** Any text at all, with a bias towards what a hostname file looks like. */
export const anyHostnameText = fc.oneof(
  arbitraryString,
  fc.string({ unit: fc.constantFrom('a', 'u', 'p', '+', '#', ' ', '\t', '\\', '\n', '\r', '\0', '\u{1F600}'), maxLength: 60 }),
  hostnameLike,
  ipmpLike,
);
