/**
 * Properties of the hosts parser (syntax/hosts.ts) and the hosts rules over generated text.
 *
 * HostsFile parses lazily and finds names with a native case-insensitive search, so the main
 * property is differential: a plain reference parser, written here the obvious way (split on
 * `\n`, a `\r` right before `\n` is no content, `#` starts a comment, words split on spaces
 * and tabs, the first word is the address, names compared after toLowerCase), must give the
 * same entries, lookups, completions and line answers, whatever order the questions come in.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDuplicateHostNames, checkHosts } from '../../server/src/rules/hostsRules';
import { HostsFile, parseHosts, type HostsEntry } from '../../server/src/syntax/hosts';
import { LineIndex, SegmentedText } from '../../server/src/syntax/text';
import { readSuppressions } from '../../server/src/features/suppression';
import { arbitraryString, assertFindingsInside, assertFixesWork, assertSpan, assertToken, physicalLineOf, runs } from './propertyHelpers';

const URI = 'file:///srv/web1/etc/hosts';
const ctx = { uri: URI, release: 's10' as const };

// ---------------------------------------------------------------------------------------
// The reference parser

interface RefWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface RefEntry {
  readonly address: RefWord;
  readonly names: readonly RefWord[];
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

interface RefFile {
  readonly entries: readonly RefEntry[];
  readonly comments: readonly { start: number; end: number }[];
  /** Each physical line: its start and its newline (or the text's end), with its entry. */
  readonly lines: readonly { start: number; newline: number; entry?: RefEntry }[];
}

function referenceParse(text: string): RefFile {
  const index = new LineIndex(text);
  const entries: RefEntry[] = [];
  const comments: { start: number; end: number }[] = [];
  const lines: { start: number; newline: number; entry?: RefEntry }[] = [];
  const physical = text.split('\n');
  let lineStart = 0;
  physical.forEach((raw, i) => {
    const terminated = i < physical.length - 1;
    let content = terminated && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const hash = content.indexOf('#');
    if (hash !== -1) {
      comments.push({ start: lineStart + hash, end: lineStart + content.length });
      content = content.slice(0, hash);
    }
    const words: RefWord[] = [];
    for (const m of content.matchAll(/[^ \t]+/g)) words.push({ text: m[0], start: lineStart + m.index!, end: lineStart + m.index! + m[0].length });
    const entry = words.length > 0 ? { address: words[0]!, names: words.slice(1), line: index.positionAt(lineStart).line, start: words[0]!.start, end: words[words.length - 1]!.end } : undefined;
    if (entry) entries.push(entry);
    lines.push({ start: lineStart, newline: lineStart + raw.length, entry });
    lineStart += raw.length + 1;
  });
  return { entries, comments, lines };
}

const refLookup = (ref: RefFile, name: string): RefEntry[] => {
  const key = name.toLowerCase();
  return ref.entries.flatMap((e) => e.names.filter((n) => n.text.toLowerCase() === key).map(() => e));
};

function refNamesStartingWith(ref: RefFile, prefix: string, limit: number, accept: (e: RefEntry) => boolean): { names: { name: string; line: number }[]; more: boolean } {
  const key = prefix.toLowerCase();
  const seen = new Set<string>();
  const names: { name: string; line: number }[] = [];
  for (const entry of ref.entries) {
    for (const n of entry.names) {
      const lower = n.text.toLowerCase();
      if (!lower.startsWith(key) || seen.has(lower) || !accept(entry)) continue;
      if (names.length >= limit) return { names, more: true };
      seen.add(lower);
      names.push({ name: n.text, line: entry.line });
    }
  }
  return { names, more: false };
}

// What the parser's entries look like as plain data (no lazy getters, no caches).
const word = (t: { text: string; start: number; end: number }): RefWord => ({ text: t.text, start: t.start, end: t.end });
const plain = (e: HostsEntry): RefEntry => ({ address: word(e.address), names: e.names.map(word), line: e.line, start: e.span.start, end: e.span.end });

// ---------------------------------------------------------------------------------------
// Generators

const ADDRESSES = [
  '127.0.0.1',
  '::1',
  '192.168.10.10',
  '10.5',
  '010.0.0.5',
  '0x0a000001',
  '255.255.255.255',
  '10.0.0.256',
  '2001:DB8::10',
  'fe80::1%ce0',
  '10.0.0.5/24',
  '1.2.3.4.5',
  'web1',
];

/** Names, including what a regex or a case fold gets wrong: metacharacters, İ/ı, the Kelvin sign, ς/σ, ß/ẞ. */
const NAMES = [
  'localhost',
  'LocalHost',
  'loghost',
  'myhost',
  'MYHOST',
  'myhost-ce0-test',
  'web1.example.com',
  'web1',
  'a.b',
  'a+b',
  'aab',
  '(x)',
  '[',
  ']',
  '\\',
  '\\d',
  'a*',
  '?',
  '^$',
  '|',
  'x{2}',
  '/',
  'é',
  'É',
  'e\u0301',
  '\u{1F600}',
  '\u{10400}',
  '\u{10428}',
  '\uD800',
  'İ',
  'i\u0307',
  'ı',
  'I',
  'i',
  'xİ',
  'xi',
  '\u212A',
  'k',
  'K',
  'ſ',
  's',
  'ß',
  'ẞ',
  'SS',
  'Σ',
  'σ',
  'ς',
  'ΑΣ',
  'ας',
  'a_b',
  '-x',
  'x-',
  'x\0y',
  'x\ry',
  'x\r',
  '\r',
];
const LONG_NAMES = ['n'.repeat(4094), 'n'.repeat(4095), 'N'.repeat(4096), 'n'.repeat(4097)];
const BLANKS = [' ', '\t', '  ', ' \t '];
const COMMENTS = ['#', '# note', '#x y', '##', '#\t', '# a.b myhost'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\r\n', '\n\r'];

const blanks = fc.constantFrom(...BLANKS);
const nameArb = fc.oneof({ arbitrary: fc.constantFrom(...NAMES), weight: 10 }, { arbitrary: fc.constantFrom(...ADDRESSES), weight: 1 });

/** One hosts line: indentation, address, names, trailing blanks, comment; any part may be missing. */
const hostsLine = fc
  .tuple(
    fc.option(blanks, { nil: '' }),
    fc.option(fc.constantFrom(...ADDRESSES, ...NAMES), { nil: '' }),
    fc.array(fc.tuple(blanks, nameArb), { maxLength: 4 }),
    fc.option(blanks, { nil: '' }),
    fc.option(fc.tuple(fc.option(blanks, { nil: '' }), fc.constantFrom(...COMMENTS)), { nil: undefined }),
  )
  .map(([indent, address, names, trailing, comment]) => indent + address + names.map(([b, n]) => b + n).join('') + trailing + (comment ? comment.join('') : ''));

const hostsLines = fc
  .tuple(fc.array(fc.tuple(hostsLine, fc.constantFrom(...BREAKS)), { maxLength: 10 }), fc.option(hostsLine, { nil: '' }))
  .map(([lines, last]) => lines.map(([l, b]) => l + b).join('') + last);

/** Pieces glued in any order: names run into comments and line breaks. */
const hostsSoup = fc
  .array(fc.oneof(fc.constantFrom(...ADDRESSES), fc.constantFrom(...NAMES), blanks, fc.constantFrom(...COMMENTS), fc.constantFrom(...BREAKS)), { maxLength: 30 })
  .map((pieces) => pieces.join(''));

const withLongName = fc
  .tuple(hostsLines, fc.constantFrom(...LONG_NAMES), fc.constantFrom(...LONG_NAMES), hostsLines)
  .map(([a, n1, n2, b]) => `${a}\n10.0.0.1 ${n1} x ${n2}\n${b}`);

const hostsText = fc.oneof(
  { arbitrary: hostsLines, weight: 5 },
  { arbitrary: hostsSoup, weight: 3 },
  { arbitrary: arbitraryString, weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'A', 'K', '\u212A', 'İ', 'i', '.', '1', ' ', '\t', '#', '\n', '\r', '\0'), maxLength: 50 }), weight: 2 },
  { arbitrary: withLongName, weight: 1 },
);

/** Names to look up besides those in the file: the vocabulary, metacharacters, anything. */
const lookupArb = fc.oneof(fc.constantFrom(...NAMES, ...ADDRESSES, '', ' ', 'a b', '#', 'a\nb', '.', '.*', 'a|b', '(', ')', '$'), fc.string({ maxLength: 6 }));

/** Questions to ask a HostsFile, in the order they are asked. */
type Query =
  | { readonly kind: 'lookup'; readonly name: string }
  | { readonly kind: 'prefix'; readonly prefix: string; readonly limit: number; readonly odd: boolean }
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'offset'; readonly offset: number }
  | { readonly kind: 'near'; readonly word: string }
  | { readonly kind: 'address'; readonly hint: string }
  | { readonly kind: 'entries' }
  | { readonly kind: 'scan' }
  | { readonly kind: 'comments' };

const queryArb: fc.Arbitrary<Query> = fc.oneof(
  lookupArb.map((name) => ({ kind: 'lookup' as const, name })),
  fc.tuple(lookupArb, fc.nat(4), fc.boolean()).map(([prefix, limit, odd]) => ({ kind: 'prefix' as const, prefix: prefix.slice(0, 2), limit, odd })),
  fc.integer({ min: -1, max: 12 }).map((line) => ({ kind: 'line' as const, line })),
  fc.integer({ min: -1, max: 100 }).map((offset) => ({ kind: 'offset' as const, offset })),
  lookupArb.map((w) => ({ kind: 'near' as const, word: w })),
  fc.constantFrom('1', '.', ':', '10', '0.0', 'a', '::', 'A').map((hint) => ({ kind: 'address' as const, hint })),
  fc.constant({ kind: 'entries' as const }),
  fc.constant({ kind: 'scan' as const }),
  fc.constant({ kind: 'comments' as const }),
);

/** The questions the differential property asks about every file: each of its names, spelled three ways, and their prefixes. */
function questionsFor(ref: RefFile, index: LineIndex): Query[] {
  const names = [...new Set(ref.entries.flatMap((e) => e.names.map((n) => n.text)))];
  const queries: Query[] = [{ kind: 'entries' }, { kind: 'comments' }];
  for (const n of names) {
    for (const spelling of new Set([n, n.toUpperCase(), n.toLowerCase()])) {
      queries.push({ kind: 'lookup', name: spelling });
      queries.push({ kind: 'near', word: spelling });
    }
    for (let length = 0; length <= Math.min(3, n.length); length++) {
      queries.push({ kind: 'prefix', prefix: n.slice(0, length), limit: 3, odd: false });
      queries.push({ kind: 'prefix', prefix: n.slice(0, length).toUpperCase(), limit: 100, odd: true });
    }
  }
  for (let line = -1; line <= index.lineCount; line++) queries.push({ kind: 'line', line });
  const step = Math.max(1, Math.floor(index.text.length / 100));
  for (let offset = -1; offset <= index.text.length + 1; offset += step) queries.push({ kind: 'offset', offset });
  for (const e of ref.entries) queries.push({ kind: 'address', hint: e.address.text.slice(0, 3) });
  return queries;
}

// ---------------------------------------------------------------------------------------
// Asking both parsers

/** HostsFile's answer, as plain data. */
function ask(file: HostsFile, q: Query): unknown {
  switch (q.kind) {
    case 'lookup':
      return file.lookup(q.name).map(plain);
    case 'prefix': {
      const found = file.namesStartingWith(q.prefix, q.limit, q.odd ? (e) => e.line % 2 === 1 : undefined);
      return { names: found.names.map((n) => ({ name: n.name, line: n.entry.line })), more: found.more };
    }
    case 'line': {
      const e = file.entryOnLine(q.line);
      return e && plain(e);
    }
    case 'offset': {
      const e = file.entryAtOffset(q.offset);
      return e && plain(e);
    }
    case 'near':
      return [...new Set(file.namesNear(q.word))].sort();
    case 'address':
      return file.entriesWithAddress(q.hint, (a) => a.includes(q.hint)).map(plain);
    case 'entries':
      return file.entries.map(plain);
    case 'scan':
      return [...file.scanEntries()].map(plain);
    case 'comments':
      return file.comments.map((c) => ({ start: c.start, end: c.end }));
  }
}

/** The reference answer. */
function expected(ref: RefFile, q: Query): unknown {
  switch (q.kind) {
    case 'lookup':
      return refLookup(ref, q.name);
    case 'prefix':
      return refNamesStartingWith(ref, q.prefix, q.limit, q.odd ? (e) => e.line % 2 === 1 : () => true);
    case 'line':
      return ref.entries.find((e) => e.line === q.line);
    case 'offset': {
      // The physical line holding the offset (its newline included); offsets outside the text clamp to it.
      const at = Math.max(0, Math.min(q.offset, ref.lines[ref.lines.length - 1]?.newline ?? 0));
      return ref.lines.find((l) => l.start <= at && at <= l.newline)?.entry;
    }
    case 'near': {
      // Same first character (case ignored), a length within two.
      const first = (s: string): string => s.charAt(0).toLowerCase();
      if (q.word === '') return [];
      const near = ref.entries.flatMap((e) => e.names).filter((n) => first(n.text) === first(q.word) && Math.abs(n.text.length - q.word.length) <= 2);
      return [...new Set(near.map((n) => n.text))].sort();
    }
    case 'address':
      return q.hint === '' ? [] : ref.entries.filter((e) => e.address.text.includes(q.hint));
    case 'entries':
    case 'scan':
      return ref.entries;
    case 'comments':
      return ref.comments;
  }
}

function assertInside(file: HostsFile): void {
  const index = new LineIndex(file.text);
  for (const entry of file.entries) {
    assertToken(index, entry.address, 'address');
    for (const n of entry.names) assertToken(index, n, 'name');
    assertSpan(index, entry.span, 'entry');
    assert.equal(entry.line, physicalLineOf(index, entry.span.start), 'entry line');
  }
  for (const c of file.comments) assertSpan(index, c, 'comment');
  for (const line of file.lines) {
    assert.ok(line.start >= 0 && line.start <= line.end && line.end <= file.text.length, `physical line ${line.start}..${line.end}`);
    assert.equal(line.text, file.text.slice(line.start, line.end));
  }
}

/** A value for a failure message, cut short (the long-name files are 8 KB). */
const shown = (value: unknown): string => {
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
};

// ---------------------------------------------------------------------------------------

describe('hosts parser: properties over generated text', () => {
  test('never throws, and every range lies inside the document', () => {
    fc.assert(
      fc.property(hostsText, fc.array(queryArb, { maxLength: 8 }), (text, queries) => {
        const file = parseHosts(text);
        for (const q of queries) ask(file, q);
        assertInside(file);
      }),
      runs(5150, 150),
    );
  });

  test('agrees with a plain reference parser on entries, lookups, completions and lines', () => {
    fc.assert(
      fc.property(hostsText, fc.array(queryArb, { maxLength: 10 }), (text, extra) => {
        const ref = referenceParse(text);
        const file = parseHosts(text);
        for (const q of [...extra, ...questionsFor(ref, new LineIndex(text))]) {
          assert.deepEqual(ask(file, q), expected(ref, q), `${shown(q)} on ${shown(text)}`);
        }
      }),
      runs(5151, 200),
    );
  });

  test('answers do not depend on what was asked before (the lazy caches are invisible)', () => {
    fc.assert(
      fc.property(
        hostsText.chain((text) => {
          const all = questionsFor(referenceParse(text), new LineIndex(text));
          return fc.tuple(fc.constant(text), fc.shuffledSubarray(all, { maxLength: Math.min(40, all.length) }), fc.array(queryArb, { maxLength: 5 }));
        }),
        ([text, questions, extra]) => {
          // One file answers every question in turn; a fresh file answers each one alone.
          const shared = parseHosts(text);
          for (const q of [...extra, ...questions, ...questions]) assert.deepEqual(ask(shared, q), ask(parseHosts(text), q), `${shown(q)} on ${shown(text)}`);
        },
      ),
      runs(5152, 100),
    );
  });
});

describe('hosts rules: properties over generated text', () => {
  const analyse = (text: string, used: readonly string[]) => {
    const file = parseHosts(text);
    return [...checkHosts(file, ctx), ...checkDuplicateHostNames(file, new Set(used), ctx)];
  };
  const usedArb = fc.array(fc.constantFrom(...NAMES), { maxLength: 6 });

  test('never throw, every range lies inside the document, and checking is deterministic', () => {
    fc.assert(
      fc.property(hostsText, usedArb, (text, used) => {
        const findings = analyse(text, used);
        assertFindingsInside(URI, text, findings);
        assert.deepEqual(analyse(text, used), findings);
      }),
      runs(5153, 150),
    );
  });

  test('a quick fix removes its finding and changes only the text it edits', () => {
    let applied = 0;
    fc.assert(
      fc.property(fc.oneof(hostsLines, hostsSoup), usedArb, (text, used) => {
        applied += assertFixesWork(text, { uri: URI, languageId: 'solaris-hosts', findings: (t) => analyse(t, used) });
      }),
      runs(5154, 100),
    );
    assert.ok(applied > 0, 'the generated files offered no fix at all');
  });
});

describe('hosts parser: a big file read as segments answers as one text', () => {
  // Tiny segments, so generated files of a few lines are cut in many places (a real file is
  // cut every 64 KB, only when it is over 256 KB).
  const segmented = (text: string, size: number): HostsFile => HostsFile.ofSegments(SegmentedText.of(text, size));
  const sizeArb = fc.integer({ min: 1, max: 40 });

  test('entries, lookups, completions, lines, offsets and positions are those of the whole text', () => {
    fc.assert(
      fc.property(hostsText, sizeArb, fc.array(queryArb, { maxLength: 6 }), (text, size, extra) => {
        const whole = parseHosts(text);
        const cut = segmented(text, size);
        const index = new LineIndex(text);
        for (const q of [...extra, ...questionsFor(referenceParse(text), index)]) assert.deepEqual(ask(cut, q), ask(whole, q), `${shown(q)} on ${shown(text)} in segments of ${size}`);
        assert.equal(cut.index.lineCount, index.lineCount);
        for (let offset = 0; offset <= text.length; offset++) {
          const position = index.positionAt(offset);
          assert.deepEqual(cut.index.positionAt(offset), position, `positionAt(${offset})`);
          assert.equal(cut.index.offsetAt(position), index.offsetAt(position), `offsetAt(${JSON.stringify(position)})`);
        }
        for (let line = -1; line <= index.lineCount; line++) {
          assert.equal(cut.index.lineStart(line), index.lineStart(line), `lineStart(${line})`);
          if (line >= 0 && line < index.lineCount) assert.equal(cut.index.lineEnd(line), index.lineEnd(line), `lineEnd(${line})`);
          assert.equal(cut.index.offsetAt({ line, character: 1000 }), index.offsetAt({ line, character: 1000 }), `end of line ${line}`);
        }
        assert.deepEqual(cut.lines, whole.lines);
        for (const n of NAMES) assert.deepEqual(cut.namesWithin(n.slice(0, -1) || 'x', 2), whole.namesWithin(n.slice(0, -1) || 'x', 2), `namesWithin ${n}`);
        assert.equal(cut.text, text);
      }),
      runs(5155, 150),
    );
  });

  test('the hosts rules find the same on segments', () => {
    fc.assert(
      fc.property(hostsText, sizeArb, fc.array(fc.constantFrom(...NAMES), { maxLength: 4 }), (text, size, used) => {
        const check = (file: HostsFile) => [...checkHosts(file, ctx), ...checkDuplicateHostNames(file, new Set(used), ctx)];
        assert.deepEqual(check(segmented(text, size)), check(parseHosts(text)));
        // The pre-scan (a big file's path) too: it reads the segments one by one, never joined.
        const cut = segmented(text, size);
        assert.deepEqual(checkHosts(cut, ctx, { prescan: true }), checkHosts(parseHosts(text), ctx, { prescan: true }));
        assert.deepEqual(checkHosts(cut, ctx, { prescan: true }), checkHosts(cut, ctx, { prescan: true }), 'a second check (kept per segment) finds the same');
      }),
      runs(5156, 100),
    );
  });

  test('a did-you-mean index built ahead (prepareNear) answers as one built at the first question', () => {
    fc.assert(
      fc.property(hostsText, sizeArb, fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), (text, size, words) => {
        const ahead = segmented(text, size);
        ahead.prepareNear();
        const lazy = segmented(text, size);
        for (const w of words) for (const word of [w, w.slice(0, -1) || 'x', `${w}x`]) assert.deepEqual(ahead.namesWithin(word, 2), lazy.namesWithin(word, 2), `${word} in ${shown(text)}`);
      }),
      runs(5159, 100),
    );
  });

  test('comment directives are read from the segments, on the lines of the whole text', () => {
    const directive = fc.constantFrom('# ipmp-ignore\n', '# ipmp-ignore invalid-host-name\n', '#ipmp-ignore-file missing-host-name\n', '  # ipmp-ignore a, b\n', '# ipmp-ignore\r\n');
    const withDirectives = fc.array(fc.oneof(hostsText, directive), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(withDirectives, sizeArb, (text, size) => {
        assert.deepEqual(readSuppressions(segmented(text, size), 'hosts'), readSuppressions(text, 'hosts'), `${shown(text)} in segments of ${size}`);
      }),
      runs(5158, 150),
    );
  });

  test('after edits, a file rebuilt from the last one (its segments kept) answers as a fresh parse', () => {
    const editArb = fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.constantFrom('', '\n', 'x', ' web1', '\r\n', '10.0.0.9 db2\n', '# c\n', '\n\n127.0.0.1 a b\n') });
    fc.assert(
      fc.property(hostsText, sizeArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (text, size, edits) => {
        let current = SegmentedText.of(text, size);
        let file = HostsFile.ofSegments(current);
        let plainText = text;
        for (const e of edits) {
          // Ask first, so the segments carry caches into the next version.
          for (const n of NAMES) file.lookup(n);
          file.namesWithin('web', 2);
          const start = Math.min(e.at, plainText.length);
          const end = Math.min(start + e.length, plainText.length);
          plainText = plainText.slice(0, start) + e.insert + plainText.slice(end);
          current = current.withEdit(start, end, e.insert, size);
          assert.equal(current.text, plainText);
          assert.equal(current.length, plainText.length);
          assert.equal(current.slice(Math.max(0, start - 3), start + e.insert.length + 3), plainText.slice(Math.max(0, start - 3), start + e.insert.length + 3));
          file = HostsFile.ofSegments(current, file);
          const fresh = parseHosts(plainText);
          const index = new LineIndex(plainText);
          for (const q of questionsFor(referenceParse(plainText), index)) assert.deepEqual(ask(file, q), ask(fresh, q), `${shown(q)} after ${shown(e)} on ${shown(plainText)}`);
          for (const n of NAMES) assert.deepEqual(file.namesWithin(n, 2), fresh.namesWithin(n, 2));
          assert.equal(file.index.lineCount, index.lineCount);
          assert.deepEqual(checkHosts(file, ctx, { prescan: true }), checkHosts(fresh, ctx, { prescan: true }), `pre-scan after ${shown(e)} on ${shown(plainText)}`);
        }
      }),
      runs(5157, 100),
    );
  });
});
