/**
 * Properties of the netmasks and default/mpathd parsers and their rules over generated text:
 * any input parses, is looked up and checked without throwing, every range lies inside the
 * document, the same text always gives the same result, and a quick fix removes its finding
 * while changing no text outside its edits (DESIGN.md, Bad input).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RELEASES, type Release } from '../../server/src/catalog/releases';
import { checkMpathd } from '../../server/src/rules/mpathdRules';
import { checkNetmasks } from '../../server/src/rules/netmasksRules';
import { defread, parseMpathd, readYesNo, strtolBase0, type MpathdFile } from '../../server/src/syntax/mpathd';
import {
  classfulMask,
  intendedNetwork,
  isEntryReachable,
  lookupNetmask,
  matchNetmask,
  parseNetmasks,
  shadowingEntry,
  type NetmasksFile,
} from '../../server/src/syntax/netmasks';
import { LineIndex } from '../../server/src/syntax/text';
import { arbitraryString, assertFindingsInside, assertFixesWork, assertSpan, assertToken, physicalLineOf, runs, TRAP_CHARS } from './propertyHelpers';

const NETMASKS_URI = 'file:///srv/web1/etc/inet/netmasks';
const MPATHD_URI = 'file:///srv/web1/etc/default/mpathd';

/** Lines of `line`, each ended by one of `breaks`, the last one possibly unterminated. */
function linesOf(line: fc.Arbitrary<string>, breaks: readonly string[], maxLines = 8): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.tuple(line, fc.constantFrom(...breaks)), { maxLength: maxLines }), fc.option(line, { nil: '' }))
    .map(([lines, last]) => lines.map(([l, b]) => l + b).join('') + last);
}

const opt = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(arb, { nil: '' });

// ---------------------------------------------------------------------------------------
// netmasks

const NETWORKS = [
  '192.168.10.0',
  '192.168.10.5',
  '172.20',
  '172.20.0.0',
  '10',
  '10.0.0.0',
  '0x0a000000',
  '012.0.0.0',
  '192.168.010.0',
  '128.32.27.16',
  '10.0.0.0/24',
  '10.1.2.0/8',
  '10.1.2.0/40',
  '255.255.255.255',
  '1.2.3.4.5',
  '10.0.0.256',
  '0',
  '0.0.0.0',
  '::1',
  'junk',
  '4294967295',
  '99999999999',
];
const MASKS = [
  '255.255.255.0',
  '255.255.0.0',
  '255.0.0.0',
  '255.255.255.240',
  '255.255.255.254',
  '0xffffff00',
  '0XFFFF0000',
  '255.255.255.255',
  '0.0.0.0',
  '24',
  '/24',
  '/0',
  '32',
  '255.0.255.0',
  '0377.0.0.0',
  '0255.255.255.0',
  '255.255.255.010',
  '255.255.255.0377',
  '255.255.255.08',
  'extra',
];
const TABLE_BLANKS = [' ', '\t', '  ', ' \t', '\v', '\f'];
const TABLE_COMMENTS = ['#', '# note', '#x\ty', '##'];

const netmasksLine = fc
  .tuple(
    opt(fc.constantFrom(...TABLE_BLANKS)),
    opt(fc.constantFrom(...NETWORKS)),
    fc.array(fc.tuple(fc.constantFrom(...TABLE_BLANKS), fc.constantFrom(...MASKS, ...NETWORKS)), { maxLength: 3 }),
    opt(fc.constantFrom(...TABLE_BLANKS)),
    opt(fc.constantFrom(...TABLE_COMMENTS)),
  )
  .map(([indent, network, rest, trailing, comment]) => indent + network + rest.map(([b, w]) => b + w).join('') + trailing + comment);

const netmasksLike = linesOf(netmasksLine, ['\n', '\n', '\r\n', '\r', '\n\n']);

const netmasksText = fc.oneof(
  { arbitrary: netmasksLike, weight: 5 },
  { arbitrary: arbitraryString, weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('1', '0', '2', '5', '.', 'x', 'f', '/', ':', ...TRAP_CHARS), maxLength: 60 }), weight: 2 },
);

/** Addresses to look up: those a generated file is likely to hold, and any 32-bit value. */
const ipv4 = fc.oneof(
  fc.constantFrom(0xc0a80a05, 0xc0a80a00, 0xac140001, 0x0a000001, 0x0a010203, 0x80201b10, 0, 0xffffffff, 0xe0000001),
  fc.integer({ min: 0, max: 0xffffffff }),
);

function assertNetmasksInside(file: NetmasksFile): void {
  const index = new LineIndex(file.text);
  for (const e of file.entries) {
    for (const t of [e.network, e.mask, ...e.extra]) if (t) assertToken(index, t, 'field');
    assertSpan(index, e.span, 'entry');
    assert.equal(e.line, physicalLineOf(index, e.network.start), 'entry line');
  }
  for (const c of file.comments) assertSpan(index, c, 'comment');
}

/** Everything a netmasks file is asked in the server, as plain data. */
function netmasksAnswers(file: NetmasksFile, addresses: readonly number[]): unknown {
  return {
    entries: file.entries.map((e) => ({
      network: e.network.text,
      at: e.network.start,
      line: e.line,
      accepted: e.accepted,
      intended: intendedNetwork(e),
      reachable: isEntryReachable(e),
      shadowedBy: shadowingEntry(file, e)?.line,
    })),
    lookups: addresses.map((a) => {
      const match = matchNetmask(file, a);
      assert.equal(lookupNetmask(file, a), match?.entry);
      classfulMask(a);
      return match && { line: match.entry.line, mask: match.mask, how: match.how };
    }),
  };
}

describe('netmasks parser and rules: properties over generated text', () => {
  const check = (text: string) => checkNetmasks(parseNetmasks(text), { uri: NETMASKS_URI, release: 's10' });

  test('never throw, every range lies inside the document, and the same text gives the same answers', () => {
    fc.assert(
      fc.property(netmasksText, fc.array(ipv4, { maxLength: 6 }), (text, addresses) => {
        const file = parseNetmasks(text);
        assertNetmasksInside(file);
        const findings = check(text);
        assertFindingsInside(NETMASKS_URI, text, findings);
        assert.deepEqual(netmasksAnswers(parseNetmasks(text), addresses), netmasksAnswers(file, addresses));
        assert.deepEqual(check(text), findings);
      }),
      runs(6161, 150),
    );
  });

  test('a quick fix removes its finding and changes only the text it edits', () => {
    let applied = 0;
    fc.assert(
      fc.property(netmasksLike, (text) => {
        applied += assertFixesWork(text, { uri: NETMASKS_URI, languageId: 'solaris-netmasks', findings: check });
      }),
      runs(6162, 150),
    );
    assert.ok(applied > 0, 'the generated files offered no fix at all');
  });
});

// ---------------------------------------------------------------------------------------
// default/mpathd

const SETTING_NAMES = [
  'FAILURE_DETECTION_TIME',
  'FAILBACK',
  'failback',
  'Failback',
  'TRACK_INTERFACES_ONLY_WITH_GROUPS',
  'FAILURE_DETECTON_TIME',
  'FAILBAK',
  'TRACK_INTERFACES',
  'FOO',
  '#FAILBACK',
  '',
];
const VALUES = [
  'yes',
  'no',
  'YES',
  'No',
  'yesterday',
  '"no"',
  "'yes'",
  '"10000"',
  '10000',
  '010000',
  '0x2710',
  '0X',
  '500',
  '5',
  '0',
  '-1',
  '+100',
  '08',
  '019',
  '99999999999',
  '',
  ' yes',
  '\tyes',
  'maybe',
  '10000 # ms',
  '10000ms',
  'yes\0',
];
const EQUALS = ['=', ' =', '= ', ' = ', '\t=\t', '=='];

const mpathdLine = fc.oneof(
  {
    arbitrary: fc
      .tuple(opt(fc.constantFrom(' ', '  ', '\t', ' \t')), fc.constantFrom(...SETTING_NAMES), fc.constantFrom(...EQUALS), fc.constantFrom(...VALUES), opt(fc.constantFrom(' ', '\t')))
      .map((parts) => parts.join('')),
    weight: 6,
  },
  { arbitrary: fc.constantFrom('# comment', '#FAILBACK=no', '', '  ', 'FAILBACK yes', 'FAILURE_DETECTION_TIME', 'junk words', '\0', 'FAILBACK=no\0'), weight: 2 },
  { arbitrary: fc.constantFrom(`FAILBACK=${'y'.repeat(1030)}`, `# ${'x'.repeat(1021)}`, `FAILURE_DETECTION_TIME=${'1'.repeat(1000)}`), weight: 1 },
);

const mpathdLike = linesOf(mpathdLine, ['\n', '\n', '\r\n', '\r', '\n\n']);

const mpathdText = fc.oneof(
  { arbitrary: mpathdLike, weight: 5 },
  { arbitrary: arbitraryString, weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('FAILBACK', 'FAILURE_DETECTION_TIME', '=', '"', 'yes', 'no', '0', '10', '0x', '-', ...TRAP_CHARS), maxLength: 40 }), weight: 2 },
);

function assertMpathdInside(file: MpathdFile): void {
  const index = new LineIndex(file.text);
  for (const a of file.assignments) {
    assertToken(index, a.name, 'name');
    assertToken(index, a.value, 'value');
    assertSpan(index, a.equals, 'equals');
    for (const s of [a.indent, a.gapBeforeEquals, a.gapAfterEquals]) if (s) assertSpan(index, s, 'blanks');
    assert.equal(a.line, physicalLineOf(index, a.equals.start), 'assignment line');
  }
  for (const o of file.others) {
    for (const w of o.words) assertToken(index, w, 'word');
    assertSpan(index, o.span, 'other line');
  }
  for (const c of file.comments) assertSpan(index, c, 'comment');
  if (file.stop) {
    assertSpan(index, file.stop.span, 'stop');
    if (file.stop.at) assertSpan(index, file.stop.at, 'stop at');
  }
}

describe('default/mpathd parser and rules: properties over generated text', () => {
  const check = (text: string, release: Release = 's10') => checkMpathd(parseMpathd(text), { uri: MPATHD_URI, release });

  test('never throw, every range lies inside the document, and the same text gives the same answers', () => {
    fc.assert(
      fc.property(mpathdText, fc.constantFrom(...RELEASES), (text, release) => {
        const file = parseMpathd(text);
        assertMpathdInside(file);
        for (const a of file.assignments) {
          readYesNo(a.value.text);
          const n = strtolBase0(a.value.text);
          assert.ok(n.start >= 0 && n.start <= n.end && n.end <= a.value.text.length, 'strtol offsets');
        }
        for (const name of ['FAILBACK', 'failure_detection_time', '', '=']) defread(file, name);
        const findings = check(text, release);
        assertFindingsInside(MPATHD_URI, text, findings);
        const again = parseMpathd(text);
        assert.deepEqual([...again.effective.entries()], [...file.effective.entries()]);
        assert.deepEqual(again.assignments, file.assignments);
        assert.deepEqual(check(text, release), findings);
      }),
      runs(7171, 150),
    );
  });

  test('a quick fix removes its finding and changes only the text it edits', () => {
    let applied = 0;
    fc.assert(
      fc.property(mpathdLike, (text) => {
        applied += assertFixesWork(text, { uri: MPATHD_URI, languageId: 'solaris-mpathd', findings: (t) => check(t) });
      }),
      runs(7172, 150),
    );
    assert.ok(applied > 0, 'the generated files offered no fix at all');
  });
});
