/**
 * Properties of the hostname parser and its rules, over generated text (fast-check, seeded so
 * `npm test` stays quick and repeatable): any input at all parses and checks without throwing,
 * every range lies inside the document, parsing is deterministic, and a quick fix removes the
 * finding it is offered for while changing no text outside its edits (DESIGN.md, Bad input).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { KEYWORDS } from '../../server/src/catalog/keywords';
import { RELEASES, type Release } from '../../server/src/catalog/releases';
import { checkHostnameFile, type HostnameRuleContext } from '../../server/src/rules/hostnameRules';
import { createNameLookup } from '../../server/src/rules/names';
import type { Finding } from '../../server/src/rules/types';
import { parseHostnameFile, type HostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex, type Span } from '../../server/src/syntax/text';

const URI = 'file:///srv/web1/etc/hostname.ce0';
const HOSTS_URI = 'file:///srv/web1/etc/hosts';
const HOSTS = parseHosts('127.0.0.1 localhost\n192.168.10.10 myhost loghost\n192.168.10.11 myhost-ce0-test\n2001:db8::10 myhost-v6\n');

interface Setup {
  readonly fileName: string;
  readonly release: Release;
  readonly withHosts: boolean;
}

function contextFor(setup: Setup): HostnameRuleContext {
  const names = setup.withHosts ? createNameLookup([{ uri: HOSTS_URI, label: 'hosts', kind: 'hosts', file: HOSTS }]) : undefined;
  return { uri: URI, release: setup.release, names, newHostsUri: HOSTS_URI };
}

function analyse(text: string, setup: Setup): { file: HostnameFile; findings: Finding[] } {
  const file = parseHostnameFile(text, { fileName: setup.fileName });
  return { file, findings: checkHostnameFile(file, contextFor(setup)) };
}

// ---------------------------------------------------------------------------------------
// Generators

const setup: fc.Arbitrary<Setup> = fc.record({
  fileName: fc.constantFrom('hostname.ce0', 'hostname6.ce0', 'dhcp.ce0', 'hostname.ce0:1', 'hostname.ipmp0', 'hostname.ce0.bak', 'hostname.ce0-old'),
  release: fc.constantFrom(...RELEASES),
  withHosts: fc.boolean(),
});

/** Words a hostname file holds, right and wrong: every keyword, names, literals, typos. */
const WORDS = [
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
const TRAPS = [' ', '  ', '\t', '\\', '\\\n', ' \\\n', '\\ \n', '\\  \n', '\\\r\n', '\n', '\n\n', '\r\n', '\r', '\\\\'];

const hostnameLike = fc
  .tuple(
    fc.array(fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 3 }, { arbitrary: fc.constantFrom(...TRAPS), weight: 2 }), { maxLength: 40 }),
    fc.constantFrom('', '\n', '\r\n', '\\', ' '),
  )
  .map(([pieces, ending]) => pieces.join('') + ending);

/** IPMP lines in the usual vocabulary, in any order: where order, conflict and placement rules fire. */
const IPMP_WORDS = [
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
const ipmpLike = fc
  .tuple(
    fc.array(fc.array(fc.constantFrom(...IPMP_WORDS), { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.constantFrom('\n', ' \\\n', '\\\n', ' \\ \n', '\n\n', '\r\n'), { minLength: 4, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([lines, breaks, final]) => lines.map((l, i) => l.join(' ') + (i < lines.length - 1 || final ? breaks[i]! : '')).join(''));

/** Any text at all, with a bias towards what a hostname file looks like. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('a', 'u', 'p', '+', '#', ' ', '\t', '\\', '\n', '\r', '\0', '\u{1F600}'), maxLength: 60 }),
  hostnameLike,
  ipmpLike,
);

// ---------------------------------------------------------------------------------------
// Range checks

function assertPosition(index: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < index.lineCount, `${what}: line ${p.line} of ${index.lineCount}`);
  const length = index.lineEnd(p.line) - index.lineStart(p.line);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= length, `${what}: character ${p.character} on a line of ${length}`);
}

function assertRange(index: LineIndex, r: Range, what: string): void {
  assertPosition(index, r.start, `${what} start`);
  assertPosition(index, r.end, `${what} end`);
  assert.ok(index.offsetAt(r.start) <= index.offsetAt(r.end), `${what}: starts after it ends`);
}

function assertSpan(index: LineIndex, s: Span, what: string): void {
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= index.text.length, `${what}: offsets ${s.start}..${s.end} of ${index.text.length}`);
  assert.deepEqual(s.range, index.range(s.start, s.end), `${what}: range and offsets disagree`);
  assertRange(index, s.range, what);
}

function assertParseInside(file: HostnameFile): void {
  const index = new LineIndex(file.text);
  for (const line of file.lines) {
    assertSpan(index, line.span, 'line');
    for (const word of line.words) assertSpan(index, word, `word '${word.text}'`);
    for (const join of line.continuations) assertSpan(index, join, 'continuation');
    for (const blanks of line.escapedBlanks) assertSpan(index, blanks, 'escaped blanks');
  }
  for (const command of file.commands) {
    if (command.comment) assertSpan(index, command.comment, 'comment');
    for (const role of command.roles) assertSpan(index, role.token, `${role.role} '${role.token.text}'`);
  }
}

function assertFindingsInside(text: string, findings: readonly Finding[]): void {
  const index = new LineIndex(text);
  const hostsIndex = new LineIndex(HOSTS.text);
  for (const f of findings) {
    assertRange(index, f.range, f.rule);
    for (const r of f.related ?? []) assertRange(index, r.range, `${f.rule} related`);
    for (const fix of f.fixes ?? []) {
      for (const fileEdit of fix.edits) {
        const target = fileEdit.uri === URI ? index : fileEdit.uri === HOSTS_URI && !fileEdit.create ? hostsIndex : new LineIndex('');
        for (const e of fileEdit.edits) assertRange(target, e.range, `${f.rule} fix '${fix.title}'`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Fixes

/** The fix's edits in offsets of `text`, sorted, with no two overlapping. */
function editOffsets(text: string, edits: readonly TextEdit[]): { start: number; end: number; newText: string }[] {
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
function mapOffset(edits: readonly { start: number; end: number; newText: string }[], offset: number, bias: 'before' | 'after'): number {
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

/** Applies each single-file fix and checks that its finding is gone and nothing else moved. */
function assertFixesWork(text: string, s: Setup): void {
  const { findings } = analyse(text, s);
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      if (fix.edits.length === 0 || fix.edits.some((e) => e.uri !== URI || e.create)) continue;
      const edits = fix.edits.flatMap((e) => e.edits);
      const offsets = editOffsets(text, edits);
      // The LSP library's own applier: the order and overlap rules clients follow.
      const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'solaris-hostname', 1, text), edits);
      const where = `${finding.rule} '${fix.title}' on ${JSON.stringify(text)} -> ${JSON.stringify(fixed)}`;

      // Text between the edits is carried over unchanged.
      let from = 0;
      for (const e of [...offsets, { start: text.length, end: text.length, newText: '' }]) {
        const kept = text.slice(from, e.start);
        const at = mapOffset(offsets, from, 'after');
        assert.equal(fixed.slice(at, at + kept.length), kept, `text outside the edits changed: ${where}`);
        from = Math.max(from, e.end);
      }

      // The finding is gone: no finding of the same rule and message where the old one was.
      const index = new LineIndex(text);
      const image = { start: mapOffset(offsets, index.offsetAt(finding.range.start), 'before'), end: mapOffset(offsets, index.offsetAt(finding.range.end), 'after') };
      const after = analyse(fixed, s).findings;
      const fixedIndex = new LineIndex(fixed);
      const again = after.find(
        (g) => g.rule === finding.rule && g.message === finding.message && samePlace(image, { start: fixedIndex.offsetAt(g.range.start), end: fixedIndex.offsetAt(g.range.end) }),
      );
      assert.equal(again, undefined, `the fix left the finding in place: ${where}`);
    }
  }
}

// ---------------------------------------------------------------------------------------

describe('hostname parser and rules: properties over generated text', () => {
  test('never throw, and every range lies inside the document', () => {
    fc.assert(
      fc.property(anyText, setup, (text, s) => {
        const { file, findings } = analyse(text, s);
        assertParseInside(file);
        assertFindingsInside(text, findings);
      }),
      { seed: 4242, numRuns: 300, includeErrorInReport: true },
    );
  });

  test('parsing and checking are deterministic', () => {
    fc.assert(
      fc.property(anyText, setup, (text, s) => {
        assert.deepEqual(analyse(text, s), analyse(text, s));
      }),
      { seed: 4243, numRuns: 100, includeErrorInReport: true },
    );
  });

  test('a quick fix removes its finding and changes only the text it edits', () => {
    fc.assert(
      fc.property(fc.oneof(hostnameLike, ipmpLike), setup, (text, s) => assertFixesWork(text, s)),
      { seed: 4244, numRuns: 150, includeErrorInReport: true },
    );
  });
});
