import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex } from '../../server/src/syntax/text';
import { checkDuplicateHostNames, checkHosts, hostNameProblem, readHostsAddress } from '../../server/src/rules/hostsRules';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, eolTest, summarize, textIn, withEol, ruleAssertions } from './helpers';

const URI = 'file:///srv/web1/etc/inet/hosts';
const ctx = { uri: URI, release: 's10' as const };

function check(text: string): Finding[] {
  return checkHosts(parseHosts(text), ctx);
}

const { expectFindings, expectFix } = ruleAssertions(URI, check);

/** The stock hosts file of a fresh Solaris 10 install (comment in our words). */
const STOCK = `#
# Internet host table
#
::1	localhost
127.0.0.1	localhost loghost
`;

const IPMP = `# web1: data address, one test address per NIC
127.0.0.1	localhost
::1	localhost
192.168.10.10	myhost	myhost.example.com	loghost	# data
192.168.10.11	myhost-ce0-test
192.168.10.12	myhost-ce1-test
192.168.10.20	db1.example.com db1
10.0.0.1	host10 host10-test-qfe0
fe80::203:baff:fe12:3456	myhost-v6-ll
2001:db8::10	myhost-v6
`;

// ---------------------------------------------------------------------------------------

describe('checkHosts: valid files stay clean', () => {
  expectFindings('the stock Solaris hosts', STOCK, []);
  expectFindings('an IPMP host with test names', IPMP, []);
  expectFindings('empty file', '', []);
  expectFindings('comments and blank lines only', '# nothing\n\n\t\n', []);
  expectFindings('a trailing comment after the names', '192.168.1.1 gw # router\n', []);
});

describe('checkHosts: invalid-address', () => {
  expectFindings('a part over 255', '10.0.0.256 web\n', ['invalid-address: 10.0.0.256']);
  expectFindings('a prefix length', '10.0.0.5/24 web\n', ['invalid-address: 10.0.0.5/24']);
  expectFindings('the all-ones value', '255.255.255.255 bcast\n', ['invalid-address: 255.255.255.255']);
  expectFindings('a bad IPv6 address', '2001:db8::1::2 v6\n', ['invalid-address: 2001:db8::1::2']);
  expectFindings('an IPv6 zone index', 'fe80::1%ce0 ll\n', ['invalid-address: fe80::1%ce0']);
  expectFindings('a name in the address column', 'web1 10.0.0.5\n', ['invalid-address: web1', 'invalid-host-name: 10.0.0.5']);
  expectFindings('a short form inet_addr accepts (warning)', '10.5 web\n', ['invalid-address: 10.5']);
  expectFindings('an octal part that changes the address (warning)', '010.0.0.5 web\n', ['invalid-address: 010.0.0.5']);
  expectFindings('a leading zero that changes nothing is fine', '10.0.0.05 web\n', []);

  test('severity: unreadable is an error, surprising is a warning', () => {
    assert.equal(check('10.0.0.256 web\n')[0]!.severity, undefined);
    assert.equal(check('10.5 web\n')[0]!.severity, 'warning');
    assert.match(check('10.5 web\n')[0]!.message, /10\.0\.0\.5/);
    assert.match(check('10.0.0.256 web\n')[0]!.message, /skips the line/);
  });

  expectFix('write the decimal reading of an octal-looking address', '010.0.0.5 web\n', 'invalid-address', '10.0.0.5 web\n');
  expectFix('or write what Solaris reads', '010.0.0.5 web\n', 'invalid-address', '8.0.0.5 web\n', 1);
  expectFix('write a short form in full', '10.5 web # lab\n', 'invalid-address', '10.0.0.5 web # lab\n');

  test('readHostsAddress follows nss_files', () => {
    assert.deepEqual(readHostsAddress('10.0.0.1'), { family: 'inet', ipv4: 0x0a000001 });
    assert.deepEqual(readHostsAddress('::1'), { family: 'inet6', canonical: '::1' });
    assert.deepEqual(readHostsAddress('2001:DB8:0:0::10'), { family: 'inet6', canonical: '2001:db8::10' });
    assert.equal(readHostsAddress('fe80::1%ce0'), undefined);
    assert.equal(readHostsAddress('10.0.0.256'), undefined);
  });
});

describe('checkHosts: missing-host-name', () => {
  expectFindings('an address alone', '10.0.0.5\n', ['missing-host-name: 10.0.0.5']);
  expectFindings('an address and a comment', '10.0.0.5\t# web2, to do\n', ['missing-host-name: 10.0.0.5']);
  expectFindings('indented address alone', '   ::1\n', ['missing-host-name: ::1']);
});

describe('checkHosts: invalid-host-name', () => {
  const bad: [string, RegExp][] = [
    ['-web', /starts with '-'/],
    ['web-', /ends with '-'/],
    ['web.', /ends with '\.'/],
    ['.web', /starts with '\.'/],
    ['my_host', /'_'/],
    ['1234', /all digits/],
    ['10.0.0.5', /all digits/],
    ['web..example.com', /empty part/],
    ['web.-x.com', /part '-x' starts with '-'/],
    ['web-.example.com', /part 'web-' ends with '-'/],
    ['wéb', /'é'/],
    ['web*', /'\*'/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
  ];
  for (const [name, why] of bad) {
    test(`'${name.length > 20 ? name.slice(0, 20) + '…' : name}' is flagged`, () => assert.match(hostNameProblem(name) ?? '', why));
  }
  const good = [
    'localhost',
    'loghost',
    'myhost',
    'myhost-ce0-test',
    'host10-test-qfe0',
    'db1.example.com',
    'DB1.Example.COM',
    '3com',
    'a',
    'web1',
    'x-1.y-2.z',
    `${'a'.repeat(63)}.example.com`,
    'ip6-localhost',
  ];
  for (const name of good) test(`'${name.length > 20 ? name.slice(0, 20) + '…' : name}' is fine`, () => assert.equal(hostNameProblem(name), undefined));

  expectFindings('flagged on the exact name', '10.0.0.5 web1 my_alias -bad\n', ['invalid-host-name: my_alias', 'invalid-host-name: -bad']);
  test('a warning that says lookups still work', () => {
    const [f] = check('10.0.0.5 my_host\n');
    assert.equal(f!.severity, undefined);
    assert.match(f!.message, /still find it/);
  });
});

describe('checkHosts: several mistakes at once', () => {
  expectFindings('one finding each, in file order', '127.0.0.1 localhost\n10.0.0.300 web\n10.0.0.6\n10.0.0.7 web_7\n', [
    'invalid-address: 10.0.0.300',
    'missing-host-name: 10.0.0.6',
    'invalid-host-name: web_7',
  ]);
});

describe('checkHosts: carriage-return', () => {
  test('one warning on the first CR line, counting the lines, with the convert fix', () => {
    const text = withEol(STOCK, 'CRLF');
    const findings = check(text);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.rule, 'carriage-return');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.range.start.line, 0);
    assert.match(f!.message, /5 lines/);
    const fix = f!.fixes![0]!;
    assert.deepEqual(fix.command, { command: 'solarisIpmp.convertToLf', arguments: [URI] });
    assert.equal(applyEdits(text, fix.edits.flatMap((e) => e.edits)), STOCK);
  });

  test('points at the last word of the first CR line', () => {
    const text = '127.0.0.1 localhost loghost\r\n10.0.0.1 web\n';
    const [f] = check(text);
    assert.equal(textIn(text, f!.range), 'loghost');
    assert.match(f!.message, /1 line\b/);
  });

  test('names parse the same under CRLF', () => {
    const file = parseHosts(withEol(STOCK, 'CRLF'));
    assert.deepEqual(
      file.entries.map((e) => e.names.map((n) => n.text)),
      [['localhost'], ['localhost', 'loghost']],
    );
  });
});

describe('checkDuplicateHostNames', () => {
  const HOSTS = `127.0.0.1 localhost
::1 localhost
192.168.10.10 web1 loghost
192.168.10.11 web1-ce0-test
192.168.10.99 web1
192.168.10.10 WEB1
2001:db8::1 web1
`;
  eolTest('a used name on two IPv4 addresses: the later line is flagged', HOSTS, (t) => {
    const findings = checkDuplicateHostNames(parseHosts(t), new Set(['web1', 'web1-ce0-test']), ctx);
    assert.deepEqual(summarize(t, findings), ['duplicate-host-name: web1']);
    const [f] = findings;
    assert.equal(f!.range.start.line, 4);
    assert.equal(f!.related?.[0]?.range.start.line, 2);
    assert.match(f!.message, /192\.168\.10\.10/);
    assert.match(f!.message, /192\.168\.10\.99/);
  });

  test('names are compared without case', () => {
    const findings = checkDuplicateHostNames(parseHosts('10.0.0.1 Web1\n10.0.0.2 web1\n'), new Set(['WEB1']), ctx);
    assert.equal(findings.length, 1);
  });

  test('the same name for IPv4 and IPv6 (stock localhost) is no duplicate', () => {
    assert.deepEqual(checkDuplicateHostNames(parseHosts(STOCK), new Set(['localhost', 'loghost']), ctx), []);
  });

  test('names no hostname file uses are left alone', () => {
    assert.deepEqual(checkDuplicateHostNames(parseHosts(HOSTS), new Set(['web1-ce0-test']), ctx), []);
  });

  test('the same address twice is no duplicate', () => {
    assert.deepEqual(checkDuplicateHostNames(parseHosts('10.0.0.1 web1\n10.0.0.1 web1 www\n'), new Set(['web1']), ctx), []);
  });
});

// ---------------------------------------------------------------------------------------

function assertInside(text: string, range: Range, what: string): void {
  const index = new LineIndex(text);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < index.lineCount, `${what}: line ${p.line} outside the document`);
    const length = index.lineEnd(p.line) - index.lineStart(p.line);
    assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside line ${p.line}`);
  }
}

const HOSTS_CHARS = ['10.0.0.1', '::1', 'web', '-', '_', '.', ' ', '\t', '\n', '\r', '#', '%', '/', '0x1', '\0', 'é', '😀'];

describe('checkHosts: property', () => {
  test('any text: never throws, every finding and fix lies inside the document', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: fc.constantFrom(...HOSTS_CHARS), maxLength: 40 })), (text) => {
        const file = parseHosts(text);
        const findings = [...checkHosts(file, ctx), ...checkDuplicateHostNames(file, new Set(['web', 'web1']), ctx)];
        for (const f of findings) {
          assertInside(text, f.range, f.rule);
          for (const fix of f.fixes ?? []) for (const e of fix.edits.flatMap((x) => x.edits)) assertInside(text, e.range, `${f.rule} fix`);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// The pre-scan of big files must find exactly what the line-by-line walk finds.

describe('hosts: the pre-scan of big files agrees with the full walk', () => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('010', '0x1f', '256', '00', '255'));
  const address = fc.oneof(
    fc.tuple(octet, octet, octet, octet).map((p) => p.join('.')),
    fc.constantFrom('255.255.255.255', '10.1', '::1', 'fe80::1%e1000g0', '2001:db8::/64', '1.2.3.4/24', 'x', ''),
  );
  const name = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,12}(\.[a-z0-9]{1,5})?$/),
    fc.constantFrom('-bad', 'bad-', 'a_b', '123', '1.2', 'a..b', 'Ünïcode', 'x'.repeat(64), `${'a'.repeat(60)}.`.repeat(5), 'n\u2028m', 'n\rm', 'tab\vx', '😀', 'A-Z', 'loghost'),
  );
  const gap = fc.constantFrom(' ', '\t', '  ', ' \t');
  const line = fc.oneof(
    fc.tuple(fc.constantFrom('', ' ', '\t'), address, fc.array(fc.tuple(gap, name), { maxLength: 4 }), fc.constantFrom('', ' ', '# c', '\t# 1.2.3.4 x', '#x')).map(
      ([lead, a, names, tail]) => `${lead}${a}${names.map(([g, n]) => g + n).join('')}${tail}`,
    ),
    fc.constantFrom('', '#', '# comment', '   ', '\t# x y'),
    fc.string({ maxLength: 20 }),
  );
  const hostsText = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''));

  test('same findings, with and without the pre-scan', () => {
    fc.assert(
      fc.property(hostsText, (text) => {
        const file = parseHosts(text);
        assert.deepEqual(checkHosts(file, ctx, { prescan: true }), checkHosts(file, ctx, { prescan: false }));
      }),
      { seed: 6061, numRuns: 400, includeErrorInReport: true },
    );
  });

  test('a plain big file is cleared by the pre-scan; a bad line deep inside is still found', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1\thost${i}\thost${i}.example.com`);
    lines[4321] = '10.9.9.9\tbad_name';
    const findings = checkHosts(parseHosts(lines.join('\n') + '\n'), ctx);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line]),
      [['invalid-host-name', 4321]],
    );
  });
});

describe('hosts: a character outside a name is named whole', () => {
  eolTest('an emoji in a name is quoted as one character', '192.168.1.9\tweb😀1\n', (text) => {
    const finding = check(text).find((f) => f.rule === 'invalid-host-name');
    assert.ok(finding);
    assert.match(finding.message, /contains '😀'/);
  });
});

describe('hosts: CR-only line endings are not called Windows endings', () => {
  test('a file whose CRs are never followed by LF is one line for Solaris, and the message says so', () => {
    const finding = check('127.0.0.1\tlocalhost\r192.168.1.1\tbox\r').find((f) => f.rule === 'carriage-return');
    assert.ok(finding);
    assert.match(finding.message, /^CR-only line endings \(2 CRs, no LF after them\): Solaris ends a line only at LF, so it reads this file as a single line/);
  });
  test('CRLF keeps its own message', () => {
    const finding = check('127.0.0.1\tlocalhost\r\n').find((f) => f.rule === 'carriage-return');
    assert.match(finding!.message, /^Windows \(CRLF\) line endings on 1 line\./);
  });
});
