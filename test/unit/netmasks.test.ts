import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import {
  classfulMask,
  inetAddr,
  lookupNetmask,
  matchNetmask,
  networkKeyText,
  parseNetmasks,
  type NetmasksFile,
} from '../../server/src/syntax/netmasks';
import { formatIPv4 } from '../../server/src/syntax/address';
import { LineIndex } from '../../server/src/syntax/text';
import { checkNetmasks } from '../../server/src/rules/netmasksRules';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, eolTest, textIn, withEol, ruleAssertions } from './helpers';

const URI = 'file:///srv/web1/etc/inet/netmasks';
const ctx = { uri: URI, release: 's10' as const };

const ip = (dotted: string): number => dotted.split('.').reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;

function check(text: string): Finding[] {
  return checkNetmasks(parseNetmasks(text), ctx);
}

const { expectFindings, expectFix } = ruleAssertions(URI, check);

// ---------------------------------------------------------------------------------------

describe('inet_addr as libnsl reads netmasks fields', () => {
  const cases: [string, string | undefined][] = [
    ['172.20.0.0', '172.20.0.0'],
    ['10', '0.0.0.10'],
    ['172.20', '172.0.0.20'],
    ['192.168.1', '192.168.0.1'],
    ['1.2.65535', '1.2.255.255'],
    ['0xac140000', '172.20.0.0'],
    ['0XFFFFFF00', '255.255.255.0'],
    ['010.0.0.0', '8.0.0.0'],
    ['255.255.255.0', '255.255.255.0'],
    ['0', '0.0.0.0'],
    ['255.255.255.255', undefined],
    ['0xffffffff', undefined],
    ['08.0.0.0', undefined],
    ['256.1.1.1', undefined],
    ['1.2.3.256', undefined],
    ['1.2.3.4.5', undefined],
    ['1.2.3.', undefined],
    ['0x', undefined],
    ['0x100000000', undefined],
    ['', undefined],
    ['abc', undefined],
    ['::1', undefined],
    ['10.0.0.0/8', undefined],
  ];
  for (const [text, expected] of cases) {
    test(`'${text}' → ${expected ?? 'rejected'}`, () => {
      const r = inetAddr(text);
      if (expected === undefined) assert.equal(r.ok, false);
      else {
        assert.ok(r.ok);
        assert.equal(formatIPv4(r.value), expected);
      }
    });
  }

  test('the all-ones value is reported as inet_addr’s error value', () => {
    const r = inetAddr('255.255.255.255');
    assert.ok(!r.ok && r.allOnes);
  });

  test('network numbers print the way libnsl prints lookup keys', () => {
    assert.equal(networkKeyText(ip('172.20.0.0')), '172.20.0.0');
    assert.equal(networkKeyText(0xac14), '172.20');
    assert.equal(networkKeyText(10), '10');
    assert.equal(networkKeyText(0xc0a801), '192.168.1');
  });
});

describe('parseNetmasks', () => {
  eolTest('fields, comments and exact ranges', '# header\n172.20.0.0\t255.255.0.0  # trailing\n  10.0.0.0 255.0.0.0 extra\n\n', (t) => {
    const file = parseNetmasks(t);
    assert.equal(file.entries.length, 2);
    const [a, b] = file.entries;
    assert.equal(textIn(t, a!.network.range), '172.20.0.0');
    assert.equal(textIn(t, a!.mask!.range), '255.255.0.0');
    assert.equal(a!.line, 1);
    assert.ok(a!.accepted);
    assert.equal(textIn(t, b!.network.range), '10.0.0.0');
    assert.deepEqual(
      b!.extra.map((e) => e.text),
      ['extra'],
    );
    assert.deepEqual(
      file.comments.map((c) => textIn(t, c.range)),
      ['# header', '# trailing'],
    );
  });

  test('a line without a mask or with a bad field is not accepted', () => {
    const file = parseNetmasks('10.0.0.0\n10.1.0.0 255.255.255.255\n10.2.0.0 255.255.0.0\n');
    assert.deepEqual(
      file.entries.map((e) => e.accepted),
      [false, false, true],
    );
    assert.equal(file.byNetwork.size, 1);
  });
});

describe('lookupNetmask: libnsl getnetmaskbyaddr (§1.8)', () => {
  const mask = (file: NetmasksFile, address: string): string | undefined => {
    const m = matchNetmask(file, ip(address));
    return m && formatIPv4(m.mask);
  };

  test('172.20.20.0 255.255.255.0 gives /24 for 172.20.20.10 (VLSM)', () => {
    const file = parseNetmasks('172.20.20.0 255.255.255.0\n');
    assert.equal(lookupNetmask(file, ip('172.20.20.10')), file.entries[0]);
    assert.equal(matchNetmask(file, ip('172.20.20.10'))?.how, 'vlsm');
    assert.equal(mask(file, '172.20.20.10'), '255.255.255.0');
  });

  test('172.20.0.0 255.255.255.0 gives /24 for 172.20.20.10 (classful fallback)', () => {
    const file = parseNetmasks('172.20.0.0 255.255.255.0\n');
    assert.equal(lookupNetmask(file, ip('172.20.20.10')), file.entries[0]);
    assert.equal(matchNetmask(file, ip('172.20.20.10'))?.how, 'classful');
    assert.equal(mask(file, '172.20.20.10'), '255.255.255.0');
  });

  test('172.20.20.0 255.255.0.0 is never matched: key and mask disagree', () => {
    const file = parseNetmasks('172.20.20.0 255.255.0.0\n');
    for (const a of ['172.20.20.10', '172.20.20.0', '172.20.0.1', '172.20.99.99']) assert.equal(lookupNetmask(file, ip(a)), undefined, a);
  });

  test('the longest match wins', () => {
    const file = parseNetmasks('10.0.0.0 255.0.0.0\n10.1.0.0 255.255.0.0\n10.1.2.0 255.255.255.0\n10.1.2.128 255.255.255.192\n');
    assert.equal(mask(file, '10.1.2.130'), '255.255.255.192');
    assert.equal(mask(file, '10.1.2.3'), '255.255.255.0');
    assert.equal(mask(file, '10.1.5.5'), '255.255.0.0');
    assert.equal(mask(file, '10.9.9.9'), '255.0.0.0');
    assert.equal(mask(file, '11.0.0.1'), undefined);
  });

  test('RFC 950 and VLSM entries mixed in one file', () => {
    const file = parseNetmasks('128.32.0.0 255.255.255.0\n128.32.27.16 255.255.255.240\n');
    assert.equal(mask(file, '128.32.27.20'), '255.255.255.240');
    assert.equal(mask(file, '128.32.27.40'), '255.255.255.0');
    assert.equal(mask(file, '128.32.5.5'), '255.255.255.0');
  });

  test('the shifted short form is found by the classful fallback', () => {
    const file = parseNetmasks('172.20 255.255.255.0\n10 255.255.0.0\n192.168.1 255.255.255.128\n');
    assert.equal(mask(file, '172.20.5.5'), '255.255.255.0');
    assert.equal(mask(file, '10.3.4.5'), '255.255.0.0');
    assert.equal(mask(file, '192.168.1.200'), '255.255.255.128');
    assert.equal(mask(file, '172.21.5.5'), undefined);
  });

  test('the first line for a network number wins; a later one is never read', () => {
    const file = parseNetmasks('172.20.0.0 255.255.0.0\n172.20.0.0 255.255.255.0\n');
    assert.equal(lookupNetmask(file, ip('172.20.5.5')), file.entries[0]);
    assert.equal(mask(file, '172.20.0.9'), '255.255.0.0');
  });

  test('lines libnsl rejects are skipped, later ones still count', () => {
    const file = parseNetmasks('172.20.0.0 255.255.0.0.0\n172.20.0.0\n172.20.0.0 255.255.0.0\n');
    assert.equal(lookupNetmask(file, ip('172.20.1.1')), file.entries[2]);
  });

  test('a hex network number is never found: the lookup searches for the dotted text', () => {
    const file = parseNetmasks('0xac140000 255.255.0.0\n');
    assert.equal(lookupNetmask(file, ip('172.20.1.1')), undefined);
  });

  test('a hex mask is fine', () => {
    const file = parseNetmasks('10.0.0.0 0xffffff00\n');
    assert.equal(mask(file, '10.0.0.7'), '255.255.255.0');
  });

  test('classful default masks', () => {
    assert.equal(formatIPv4(classfulMask(ip('10.1.2.3'))), '255.0.0.0');
    assert.equal(formatIPv4(classfulMask(ip('172.20.1.1'))), '255.255.0.0');
    assert.equal(formatIPv4(classfulMask(ip('192.168.1.1'))), '255.255.255.0');
    assert.equal(formatIPv4(classfulMask(ip('224.0.0.1'))), '255.255.255.255');
  });
});

// ---------------------------------------------------------------------------------------

const VALID = `#
# netmasks: RFC 950 and VLSM entries side by side
#
128.32.0.0	255.255.255.0		# classful network, subnetted
128.32.27.16	255.255.255.240		# one small VLSM subnet
172.20.20.0	255.255.255.0
10.0.0.0	0xffffff00
172.21		255.255.0.0
192.168.10.0 255.255.255.0 ignored-extra-word
`;

describe('checkNetmasks: valid files stay clean', () => {
  expectFindings('RFC 950 and VLSM styles, hex mask, short form, comments', VALID, []);
  expectFindings('empty file', '', []);
  expectFindings('comments only', '# nothing here\n\n   # indented comment\n', []);
});

describe('checkNetmasks: invalid-address', () => {
  expectFindings('a part over 255', '10.0.0.300 255.255.255.0\n', ['invalid-address: 10.0.0.300']);
  expectFindings('an IPv6 network', '2001:db8:: 255.255.255.0\n', ['invalid-address: 2001:db8::']);
  expectFindings('the all-ones value', '255.255.255.255 255.0.0.0\n', ['invalid-address: 255.255.255.255']);
  expectFindings('a name instead of a number', 'mynet 255.255.255.0\n', ['invalid-address: mynet']);
  expectFindings('/len on the network number, no mask', '192.168.1.0/24\n', ['invalid-address: 192.168.1.0/24']);
  expectFindings('/len on the network number, with a mask', '192.168.1.0/24 255.255.255.0\n', ['invalid-address: 192.168.1.0/24']);
  expectFindings('a hex network number is never found', '0xac140000 255.255.0.0\n', ['invalid-address: 0xac140000']);
  expectFindings('an octal part is never found', '172.020.0.0 255.255.0.0\n', ['invalid-address: 172.020.0.0']);
  expectFindings('a short form with the wrong shape is never found', '10.1 255.255.0.0\n', ['invalid-address: 10.1']);

  test('spelling findings are warnings, unreadable ones errors', () => {
    assert.equal(check('0xac140000 255.255.0.0\n')[0]!.severity, 'warning');
    assert.equal(check('10.0.0.300 255.255.255.0\n')[0]!.severity, undefined);
  });

  expectFix('write network and mask from a /len', '192.168.1.0/24\n', 'invalid-address', '192.168.1.0\t255.255.255.0\n');
  expectFix('drop the /len when a mask follows', '192.168.1.0/24 255.255.255.0 # lab\n', 'invalid-address', '192.168.1.0 255.255.255.0 # lab\n');
  expectFix('write a hex network as dotted decimal', '0xac140000 255.255.0.0\n', 'invalid-address', '172.20.0.0 255.255.0.0\n');
  expectFix('drop the leading zeros of an octal part', '172.020.0.0 255.255.0.0\n', 'invalid-address', '172.20.0.0 255.255.0.0\n');
  expectFix('write a misshapen short form in full', '10.1 255.255.0.0\n', 'invalid-address', '10.1.0.0 255.255.0.0\n');
});

describe('checkNetmasks: invalid-netmask', () => {
  expectFindings('not contiguous', '192.168.1.0 255.255.0.255\n', ['invalid-netmask: 255.255.0.255']);
  expectFindings('bad hex', '192.168.1.0 0xffffff0g\n', ['invalid-netmask: 0xffffff0g']);
  expectFindings('a prefix length', '192.168.1.0 /24\n', ['invalid-netmask: /24']);
  expectFindings('a bare prefix length', '192.168.1.0 24\n', ['invalid-netmask: 24']);
  expectFindings('no mask', '192.168.1.0\n', ['invalid-netmask: 192.168.1.0']);
  expectFindings('no mask before a comment', '192.168.1.0 # 255.255.255.0\n', ['invalid-netmask: 192.168.1.0']);
  expectFindings('the all-ones mask', '192.168.1.7 255.255.255.255\n', ['invalid-netmask: 255.255.255.255']);
  expectFindings('a zero mask', '0.0.0.0 0.0.0.0\n', ['invalid-netmask: 0.0.0.0']);
  expectFindings('an octal part that changes the mask', '10.0.0.0 255.255.0240.0\n', ['invalid-netmask: 255.255.0240.0']);
  expectFindings('a bad network and a bad mask are both reported', '10.0.0.300 255.0.255.0\n', ['invalid-address: 10.0.0.300', 'invalid-netmask: 255.0.255.0']);

  expectFix('write the dotted mask for a prefix length', '192.168.1.0 /24\n', 'invalid-netmask', '192.168.1.0 255.255.255.0\n');
});

describe('checkNetmasks: netmask-key-mismatch', () => {
  expectFindings('host bits outside the mask', '172.20.20.0 255.255.0.0\n', ['netmask-key-mismatch: 172.20.20.0']);
  expectFindings('a host address instead of a network', '192.168.1.5\t255.255.255.0\t# web1\n', ['netmask-key-mismatch: 192.168.1.5']);
  expectFindings('RFC 950 key with a longer mask is fine', '172.20.0.0 255.255.255.0\n', []);
  expectFindings('a key reachable through the classful fallback is not flagged', '172.20.0.0 255.0.0.0\n', []);
  expectFix('clear the host bits', '172.20.20.0 255.255.0.0 # lab\n', 'netmask-key-mismatch', '172.20.0.0 255.255.0.0 # lab\n');

  test('the message says the line is ignored and names the network', () => {
    const [f] = check('172.20.20.0 255.255.0.0\n');
    assert.match(f!.message, /ignores this line silently/);
    assert.match(f!.message, /172\.20\.0\.0/);
    assert.equal(f!.severity, undefined);
  });
});

describe('checkNetmasks: several mistakes at once', () => {
  expectFindings(
    'one finding each, in file order',
    '# lab\n172.20.20.0 255.255.0.0\n10.0.0.0 255.0.255.0\n192.168.1.0/24\n128.32.0.0 255.255.255.0\n',
    ['netmask-key-mismatch: 172.20.20.0', 'invalid-netmask: 255.0.255.0', 'invalid-address: 192.168.1.0/24'],
  );
});

describe('checkNetmasks: carriage-return', () => {
  test('one warning for the file, on the first CR line, with the convert fix', () => {
    const text = withEol(VALID, 'CRLF');
    const findings = check(text).filter((f) => f.rule === 'carriage-return');
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.range.start.line, 0);
    assert.match(f!.message, /on 9 lines/);
    const fix = f!.fixes![0]!;
    assert.deepEqual(fix.command, { command: 'solarisIpmp.convertToLf', arguments: [URI] });
    assert.equal(applyEdits(text, fix.edits.flatMap((e) => e.edits)), VALID);
  });

  test('CRLF entries are read like LF ones', () => {
    const lf = parseNetmasks(VALID);
    const crlf = parseNetmasks(withEol(VALID, 'CRLF'));
    assert.deepEqual(
      crlf.entries.map((e) => [e.network.text, e.mask?.text, e.accepted]),
      lf.entries.map((e) => [e.network.text, e.mask?.text, e.accepted]),
    );
    assert.equal(formatIPv4(matchNetmask(crlf, ip('128.32.27.20'))!.mask), '255.255.255.240');
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
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: start after end`);
}

const NETMASKS_CHARS = ['1', '0', '2', '5', '.', 'x', 'f', ' ', '\t', '\n', '\r', '#', '/', ':', '\0', 'é', '😀', '255', '0x', '172.20', '255.255.255.0'];

describe('parseNetmasks: property', () => {
  test('any text: never throws, every range lies inside the document', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: fc.constantFrom(...NETMASKS_CHARS), maxLength: 80 })), (text) => {
        const file = parseNetmasks(text);
        for (const e of file.entries) {
          for (const t of [e.network, e.mask, ...e.extra]) if (t) assertInside(text, t.range, 'token');
          assertInside(text, e.span.range, 'entry');
          assert.equal(text.slice(e.network.start, e.network.end), e.network.text);
        }
        for (const c of file.comments) assertInside(text, c.range, 'comment');
        for (const f of checkNetmasks(file, ctx)) {
          assertInside(text, f.range, f.rule);
          for (const fix of f.fixes ?? []) for (const e of fix.edits.flatMap((x) => x.edits)) assertInside(text, e.range, `${f.rule} fix`);
        }
        lookupNetmask(file, 0xac141410);
      }),
      { numRuns: 500 },
    );
  });
});
