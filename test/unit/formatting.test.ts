/**
 * Formatting: aligned hosts and netmasks files, and whitespace-only changes to hostname files
 * that the shell's `read` cannot tell apart (§1.4, §1.6, §5). Examples under LF and CRLF, then
 * properties over generated files (fast-check, seeded): formatting is idempotent, keeps every
 * entry and comment, keeps line endings and the number of lines, and never changes what
 * Solaris reads from a hostname file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { formatHostname, formatHosts, formatNetmasks } from '../../server/src/features/formatting';
import { parseHostnameFile, readLogicalLines } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { LineIndex, splitPhysicalLines } from '../../server/src/syntax/text';
import { applyEdits, eolTest, withEol } from './helpers';

const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };
const TABS8: FormattingOptions = { tabSize: 8, insertSpaces: false };
const TABS4: FormattingOptions = { tabSize: 4, insertSpaces: false };

type TableFormatter = (text: string, range: Range | undefined, options: FormattingOptions) => TextEdit[];

function formatted(format: TableFormatter, text: string, options: FormattingOptions, range?: Range): string {
  return applyEdits(text, format(text, range, options));
}

/** The line endings of a text, in order: what formatting must never change. */
function lineEndings(text: string): string[] {
  return text.match(/\r\n|\r|\n/g) ?? [];
}

function lines(from: number, to: number): Range {
  return { start: { line: from, character: 0 }, end: { line: to, character: 3 } };
}

// ---------------------------------------------------------------------------------------
// hosts

const HOSTS = `# Internet host table
127.0.0.1\tlocalhost
192.168.10.10 myhost   loghost # data address
 192.168.10.11    myhost-ce0-test
  \t
# IPv6
2001:db8::10\t\tmyhost-v6
`;

describe('formatHosts', () => {
  eolTest('spaces: the address column padded to the block, one space between names', HOSTS, (text, eol) => {
    assert.equal(
      formatted(formatHosts, text, SPACES),
      withEol(
        `# Internet host table
127.0.0.1     localhost
192.168.10.10 myhost loghost # data address
192.168.10.11 myhost-ce0-test

# IPv6
2001:db8::10 myhost-v6
`,
        eol,
      ),
    );
  });

  eolTest('tabs: to the first tab stop after the longest address', HOSTS, (text, eol) => {
    const expected = `# Internet host table
127.0.0.1\tlocalhost
192.168.10.10\tmyhost loghost # data address
192.168.10.11\tmyhost-ce0-test

# IPv6
2001:db8::10\tmyhost-v6
`;
    assert.equal(formatted(formatHosts, text, TABS8), withEol(expected, eol));
    assert.equal(formatted(formatHosts, text, TABS4), withEol(expected.replace('127.0.0.1\t', '127.0.0.1\t\t'), eol));
  });

  eolTest('only changed lines get an edit, and no edit reaches a line break', HOSTS, (text) => {
    const edits = formatHosts(text, undefined, SPACES);
    assert.deepEqual(
      edits.map((e) => e.range.start.line),
      [1, 2, 3, 4, 6],
    );
    for (const e of edits) assert.equal(e.range.start.line, e.range.end.line);
  });

  eolTest('idempotent', HOSTS, (text) => {
    for (const options of [SPACES, TABS8, TABS4]) {
      const once = formatted(formatHosts, text, options);
      assert.deepEqual(formatHosts(once, undefined, options), []);
    }
  });

  eolTest('range formatting: only the touched lines, aligned among themselves', HOSTS, (text, eol) => {
    // Lines 2–3; a range ending at column 0 of line 4 does not touch it.
    const range: Range = { start: { line: 2, character: 5 }, end: { line: 4, character: 0 } };
    assert.equal(
      formatted(formatHosts, text, SPACES, range),
      withEol(
        `# Internet host table
127.0.0.1\tlocalhost
192.168.10.10 myhost loghost # data address
192.168.10.11 myhost-ce0-test
  \t
# IPv6
2001:db8::10\t\tmyhost-v6
`,
        eol,
      ),
    );
    assert.equal(formatted(formatHosts, text, SPACES, lines(1, 1)), text.replace('127.0.0.1\tlocalhost', '127.0.0.1 localhost'));
  });

  eolTest('a trailing comment touching the entry gets its space; an address alone is not padded', '10.0.0.1 a#note\n10.0.0.100\n10.0.0.2   # only a comment after the address\n', (text, eol) => {
    assert.equal(formatted(formatHosts, text, SPACES), withEol('10.0.0.1 a #note\n10.0.0.100\n10.0.0.2 # only a comment after the address\n', eol));
  });

  test('an unterminated last line stays unterminated', () => {
    assert.equal(formatted(formatHosts, '10.0.0.1   a\n10.0.0.10  b', SPACES), '10.0.0.1  a\n10.0.0.10 b');
  });

  test('a line with a lone CR is left alone (a line break to the editor, a character to Solaris)', () => {
    const text = '10.0.0.1   a\r  b\n10.0.0.10  c\n';
    assert.equal(formatted(formatHosts, text, SPACES), '10.0.0.1   a\r  b\n10.0.0.10 c\n');
  });
});

// ---------------------------------------------------------------------------------------
// netmasks

const NETMASKS = `#
# netmasks: network-number netmask
#
192.168.10.0\t255.255.255.0
 172.20.0.0   255.255.255.0   # RFC 950 style
10   255.0.0.0 ignored words
`;

describe('formatNetmasks', () => {
  eolTest('spaces', NETMASKS, (text, eol) => {
    assert.equal(
      formatted(formatNetmasks, text, SPACES),
      withEol(
        `#
# netmasks: network-number netmask
#
192.168.10.0 255.255.255.0
172.20.0.0   255.255.255.0 # RFC 950 style
10           255.0.0.0 ignored words
`,
        eol,
      ),
    );
  });

  eolTest('tabs', NETMASKS, (text, eol) => {
    assert.equal(
      formatted(formatNetmasks, text, TABS8),
      withEol(
        `#
# netmasks: network-number netmask
#
192.168.10.0\t255.255.255.0
172.20.0.0\t255.255.255.0 # RFC 950 style
10\t\t255.0.0.0 ignored words
`,
        eol,
      ),
    );
  });

  eolTest('idempotent, and the entries read the same', NETMASKS, (text) => {
    const once = formatted(formatNetmasks, text, SPACES);
    assert.deepEqual(formatNetmasks(once, undefined, SPACES), []);
    assert.deepEqual(netmasksEntries(once), netmasksEntries(text));
  });

  eolTest('range formatting', NETMASKS, (text, eol) => {
    assert.equal(
      formatted(formatNetmasks, text, SPACES, lines(4, 5)),
      withEol(NETMASKS.replace(' 172.20.0.0   255.255.255.0   #', '172.20.0.0 255.255.255.0 #').replace('10   255.0.0.0', '10         255.0.0.0'), eol),
    );
  });

  test('a vertical tab or form feed (blanks to libnsl) leaves the line alone', () => {
    const text = '10.0.0.0\v255.0.0.0\n172.20.0.0   255.255.0.0\n';
    assert.equal(formatted(formatNetmasks, text, SPACES), '10.0.0.0\v255.0.0.0\n172.20.0.0 255.255.0.0\n');
  });
});

// ---------------------------------------------------------------------------------------
// hostname files

function formatHostnameText(text: string): string {
  return applyEdits(text, formatHostname(text, SPACES));
}

describe('formatHostname', () => {
  eolTest('runs of blanks become one space; leading and trailing blanks go', '  myhost   netmask  +\tbroadcast + up  \n', (text, eol) => {
    if (eol === 'LF') assert.equal(formatHostnameText(text), 'myhost netmask + broadcast + up\n');
    // For Solaris the CR is the line's last character: the blanks before it separate a word (§1.6).
    else assert.equal(formatHostnameText(text), 'myhost netmask + broadcast + up \r\n');
  });

  eolTest('blanks next to a backslash are left alone; a continued line keeps one leading space', 'myhost  up   \\\n    addif   x up\nmyhost up\\\n   addif y up\n', (text, eol) => {
    // Without that space `up\` + newline + `addif` would read as `upaddif`.
    assert.equal(formatHostnameText(text), withEol('myhost up   \\\n addif x up\nmyhost up\\\n addif y up\n', eol));
  });

  eolTest('an escaped blank stays as typed', 'myhost\\   up  \\ \naddif x\n', (text, eol) => {
    assert.equal(formatHostnameText(text), withEol('myhost\\   up  \\ \naddif x\n', eol));
  });

  eolTest('a line holding a # is left as typed', '   # ce0:  data   address\nmyhost   up # note   here\n  x   up\n', (text, eol) => {
    assert.equal(formatHostnameText(text), withEol('   # ce0:  data   address\nmyhost   up # note   here\nx up\n', eol));
  });

  eolTest('blank lines stay lines', 'myhost up\n   \n\t\naddif x   up\n', (text, eol) => {
    assert.equal(formatHostnameText(text), withEol('myhost up\n\n\naddif x up\n', eol));
  });

  test('an unterminated last line stays unterminated', () => {
    assert.equal(formatHostnameText('  myhost   up  '), 'myhost up');
  });

  test('blanks between a lone CR and the newline are not removed: CR + LF would become a line ending', () => {
    assert.equal(formatHostnameText('up\r\t\nx  up\n'), 'up\r \nx up\n');
  });

  eolTest('nothing to do: no edits', 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', (text) => {
    assert.deepEqual(formatHostname(text, SPACES), []);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const RUNS = { numRuns: 200, includeErrorInReport: true } as const;

const blanks = fc.constantFrom('', ' ', '  ', '\t', ' \t ', '\t\t');
const sep = fc.constantFrom(' ', '  ', '\t', ' \t', '\t\t   ');
const eolArb = fc.constantFrom('\n', '\r\n');

function tableText(field0: fc.Arbitrary<string>, field: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const comment = fc.constantFrom('#', '# note', '#x  y ', '## two  spaces');
  const entry = fc
    .tuple(blanks, field0, fc.array(fc.tuple(sep, field), { maxLength: 4 }), fc.option(fc.tuple(blanks, comment), { nil: undefined }), blanks)
    .map(([lead, first, rest, c, trail]) => lead + first + rest.map(([s, f]) => s + f).join('') + (c ? c[0] + c[1] : '') + trail);
  const line = fc.oneof({ arbitrary: entry, weight: 6 }, { arbitrary: blanks, weight: 1 }, { arbitrary: fc.tuple(blanks, comment).map(([b, c]) => b + c), weight: 1 });
  return fc
    .tuple(fc.array(fc.tuple(line, eolArb), { maxLength: 12 }), fc.option(line, { nil: undefined }))
    .map(([ls, last]) => ls.map(([l, e]) => l + e).join('') + (last ?? ''));
}

const hostsText = tableText(
  fc.constantFrom('127.0.0.1', '192.168.10.10', '10.1.2.3', '2001:db8::10', 'fe80::1', '::1', 'bogus'),
  fc.constantFrom('localhost', 'loghost', 'myhost', 'myhost-ce0-test', 'a', 'web1.example.com', 'Ünïcode', '😀'),
);
const netmasksText = tableText(
  fc.constantFrom('192.168.10.0', '172.20', '10', '0x0a000000', '128.32.27.16', 'junk'),
  fc.constantFrom('255.255.255.0', '255.255.0.0', '255.0.0.0', '255.255.255.240', 'extra'),
);
const options = fc.record({ tabSize: fc.integer({ min: 1, max: 8 }), insertSpaces: fc.boolean() });
const rangeArb = fc.option(
  fc.tuple(fc.nat(14), fc.nat(40), fc.nat(14), fc.nat(40)).map(([a, ca, b, cb]): Range => {
    const [s, e] = a <= b ? [[a, ca], [b, cb]] : [[b, cb], [a, ca]];
    return { start: { line: s[0]!, character: s[1]! }, end: { line: e[0]!, character: e[1]! } };
  }),
  { nil: undefined },
);

function hostsEntries(text: string): unknown {
  const file = parseHosts(text);
  return { entries: file.entries.map((e) => [e.address.text, ...e.names.map((n) => n.text)]), comments: file.comments.map((c) => text.slice(c.start, c.end)) };
}

function netmasksEntries(text: string): unknown {
  const file = parseNetmasks(text);
  return {
    entries: file.entries.map((e) => [e.network.text, e.mask?.text, ...e.extra.map((x) => x.text)]),
    accepted: file.entries.map((e) => e.accepted),
    comments: file.comments.map((c) => text.slice(c.start, c.end)),
  };
}

/** The physical lines a range-format leaves unchanged: every line it does not touch. */
function untouchedLines(text: string, range: Range): string[] {
  const index = new LineIndex(text);
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return splitPhysicalLines(text)
    .filter((l) => {
      const line = index.positionAt(l.start).line;
      return line < range.start.line || line > last;
    })
    .map((l) => `${l.start}:${l.text}`);
}

function tableProperties(name: string, format: TableFormatter, arb: fc.Arbitrary<string>, read: (text: string) => unknown, seed: number): void {
  describe(`${name} properties`, () => {
    test('idempotent; entries, comments, line endings and the number of lines kept', () => {
      fc.assert(
        fc.property(arb, options, rangeArb, (text, opts, range) => {
          const once = formatted(format, text, opts, range);
          assert.deepEqual(format(once, range, opts), [], 'idempotent');
          assert.deepEqual(read(once), read(text));
          assert.deepEqual(lineEndings(once), lineEndings(text));
          assert.equal(new LineIndex(once).lineCount, new LineIndex(text).lineCount);
        }),
        { seed, ...RUNS },
      );
    });

    test('range formatting changes no line outside the range', () => {
      fc.assert(
        fc.property(arb, options, rangeArb, (text, opts, range) => {
          if (!range) return;
          const once = formatted(format, text, opts, range);
          // Line starts shift only after changed lines, so compare the texts of untouched lines in order.
          const strip = (ls: string[]): string[] => ls.map((l) => l.slice(l.indexOf(':') + 1));
          assert.deepEqual(strip(untouchedLines(once, range)), strip(untouchedLines(text, range)));
          for (const e of format(text, range, opts)) {
            assert.ok(e.range.start.line >= range.start.line && e.range.end.line <= range.end.line);
          }
        }),
        { seed: seed + 1, ...RUNS },
      );
    });
  });
}

tableProperties('formatHosts', formatHosts, hostsText, hostsEntries, 5151);
tableProperties('formatNetmasks', formatNetmasks, netmasksText, netmasksEntries, 5252);

/** What Solaris reads: for every record, its words and whether a newline ends it; and the file's multi-line status. */
function solarisReads(text: string): unknown {
  const logical = readLogicalLines(text).map((l) => ({ words: l.words.map((w) => w.text), terminated: l.terminated }));
  return { logical, multiLine: parseHostnameFile(text, { fileName: 'hostname.ce0' }).multiLine };
}

const hostnameText = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom('myhost', 'netmask', '+', 'broadcast', 'up', 'addif', 'group', 'prod', '-failover', 'deprecated', 'a\\b', '#', '#note', '*'), weight: 6 },
      { arbitrary: fc.constantFrom(' ', '  ', '\t', ' \t '), weight: 6 },
      { arbitrary: fc.constantFrom('\n', '\r\n', '\\\n', '\\\r\n', ' \\\n', '\\ \n', '\\  \n', '\\', '\\\\', '\r', '\n\n'), weight: 3 },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('formatHostname properties', () => {
  test('never changes what Solaris reads, nor the lines; idempotent', () => {
    fc.assert(
      fc.property(hostnameText, (text) => {
        const once = formatHostnameText(text);
        assert.deepEqual(solarisReads(once), solarisReads(text));
        // Solaris keeps a CR as a character of the line (§1.6): read that way too, nothing changes.
        assert.deepEqual(solarisReads(once.replace(/\r/g, '\u0001')), solarisReads(text.replace(/\r/g, '\u0001')));
        assert.equal(new LineIndex(once).lineCount, new LineIndex(text).lineCount);
        assert.deepEqual(lineEndings(once), lineEndings(text));
        assert.deepEqual(formatHostname(once, SPACES), [], 'idempotent');
        // Only blanks are edited.
        for (const e of formatHostname(text, SPACES)) {
          assert.match(e.newText, /^ ?$/);
          assert.equal(e.range.start.line, e.range.end.line);
        }
      }),
      { seed: 5353, numRuns: 400, includeErrorInReport: true },
    );
  });
});
