import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import { defread, parseMpathd, readYesNo, strtolBase0 } from '../../server/src/syntax/mpathd';
import { findMpathdSetting, MPATHD_SETTINGS } from '../../server/src/catalog/mpathd';
import { LineIndex } from '../../server/src/syntax/text';
import { checkMpathd } from '../../server/src/rules/mpathdRules';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, eolTest, textIn, withEol, ruleAssertions } from './helpers';

const URI = 'file:///srv/web1/etc/default/mpathd';
const ctx = { uri: URI, release: 's10' as const };

function check(text: string): Finding[] {
  return checkMpathd(parseMpathd(text), ctx);
}

const { expectFindings } = ruleAssertions(URI, check);

function expectFix(name: string, text: string, rule: string, expected: string, fixIndex = 0): void {
  eolTest(name, text, (t, eol) => {
    const finding = check(t).find((f) => f.rule === rule);
    assert.ok(finding, `expected a ${rule} finding`);
    const fix = finding.fixes?.[fixIndex];
    assert.ok(fix, `expected fix ${fixIndex} for ${rule}`);
    assert.ok(fix.edits.every((e) => e.uri === URI));
    const fixed = applyEdits(t, fix.edits.flatMap((e) => e.edits));
    assert.equal(fixed, withEol(expected, eol));
    const before = check(t).filter((f) => f !== finding && f.rule !== 'carriage-return').length;
    const after = check(fixed).filter((f) => f.rule !== 'carriage-return');
    assert.ok(!after.some((f) => f.rule === rule && f.range.start.line === finding.range.start.line), `the ${rule} finding is gone`);
    assert.ok(after.length <= before, 'the fix adds no finding');
  });
}

/** The stock layout: a comment header, then the three settings at their defaults (comments in our words). */
const STOCK = `#
# Settings for in.mpathd, the IP multipathing daemon.
#
# Time allowed to notice a failed NIC, in milliseconds (at least 100).
#
FAILURE_DETECTION_TIME=10000
#
# Move addresses back to a repaired NIC (yes or no).
#
FAILBACK=yes
#
# Watch only interfaces that are in an IPMP group; "no" watches all of them.
#
TRACK_INTERFACES_ONLY_WITH_GROUPS=yes
`;

// ---------------------------------------------------------------------------------------

describe('parseMpathd: as defread reads it', () => {
  eolTest('the stock file: three settings, exact ranges', STOCK, (t) => {
    const file = parseMpathd(t);
    assert.equal(file.assignments.length, 3);
    assert.equal(file.comments.length, 11);
    const fdt = file.effective.get('FAILURE_DETECTION_TIME')!;
    assert.equal(textIn(t, fdt.name.range), 'FAILURE_DETECTION_TIME');
    assert.equal(textIn(t, fdt.equals.range), '=');
    assert.equal(textIn(t, fdt.value.range), '10000');
    assert.equal(fdt.value.text, '10000');
    assert.equal(fdt.line, 5);
    assert.equal(file.effective.get('FAILBACK')!.value.text, 'yes');
    assert.equal(file.effective.get('TRACK_INTERFACES_ONLY_WITH_GROUPS')!.value.text, 'yes');
    assert.equal(file.stop, undefined);
  });

  test('the first line for a name wins, case ignored', () => {
    const file = parseMpathd('failback=no\nFAILBACK=yes\n');
    assert.equal(file.effective.get('FAILBACK')!.value.text, 'no');
    assert.equal(file.effective.get('FAILBACK')!.line, 0);
  });

  test('a blank before = or a tab before the name: the line never matches', () => {
    const file = parseMpathd('FAILBACK = no\n\tFAILBACK=no\nFAILBACK=yes\n');
    assert.equal(file.effective.get('FAILBACK')!.line, 2);
    const [spaced, tabbed] = file.assignments;
    assert.equal(spaced!.name.text, 'FAILBACK');
    assert.equal(textIn('FAILBACK = no\n', spaced!.gapBeforeEquals!.range), ' ');
    assert.equal(spaced!.value.text, ' no');
    assert.ok(tabbed!.indentHasTab);
  });

  test('leading spaces are skipped', () => {
    const file = parseMpathd('   FAILBACK=no\n');
    assert.equal(file.effective.get('FAILBACK')!.value.text, 'no');
  });

  test('quotes and a trailing comment stay in the value; # lines never match', () => {
    const file = parseMpathd('#FAILBACK=no\nFAILBACK="no" # off\n');
    assert.equal(file.comments.length, 1);
    assert.equal(file.effective.get('FAILBACK')!.value.text, '"no" # off');
    assert.equal(defread(file, 'failback')!.line, 1);
  });

  test('an unterminated last line is never read', () => {
    const file = parseMpathd('FAILBACK=no\nFAILURE_DETECTION_TIME=5000');
    assert.equal(file.stop?.reason, 'no-newline');
    assert.equal(file.stop?.line, 1);
    assert.equal(file.effective.get('FAILURE_DETECTION_TIME'), undefined);
    assert.equal(file.effective.get('FAILBACK')!.value.text, 'no');
  });

  test('a line longer than the buffer stops the scan for every later line', () => {
    const file = parseMpathd(`FAILBACK=no\n#${'x'.repeat(1100)}\nFAILURE_DETECTION_TIME=5000\n`);
    assert.equal(file.stop?.reason, 'too-long');
    assert.equal(file.effective.get('FAILURE_DETECTION_TIME'), undefined);
    assert.ok(file.effective.get('FAILBACK'));
  });

  test('the buffer counts bytes: 1022 bytes of content fit, 1023 do not', () => {
    assert.equal(parseMpathd(`#${'x'.repeat(1021)}\n`).stop, undefined);
    assert.equal(parseMpathd(`#${'x'.repeat(1022)}\n`).stop?.reason, 'too-long');
    assert.equal(parseMpathd(`#${'é'.repeat(511)}\n`).stop?.reason, 'too-long');
  });

  test('a NUL byte stops the scan', () => {
    const file = parseMpathd('#a\0b\nFAILBACK=no\n');
    assert.equal(file.stop?.reason, 'nul');
    assert.equal(file.effective.get('FAILBACK'), undefined);
  });

  test('lines without = are kept as other lines', () => {
    const file = parseMpathd('FAILBACK no\n');
    assert.equal(file.assignments.length, 0);
    assert.deepEqual(
      file.others[0]!.words.map((w) => w.text),
      ['FAILBACK', 'no'],
    );
  });
});

describe('in.mpathd value reading', () => {
  test('yes/no is a case-insensitive prefix test', () => {
    for (const v of ['yes', 'YES', 'Yes', 'yesplease', 'yes # on', 'yes\r']) assert.equal(readYesNo(v), 'yes', v);
    for (const v of ['no', 'NO', 'nothing', 'no\r']) assert.equal(readYesNo(v), 'no', v);
    for (const v of ['', 'y', 'n', '"no"', ' no', 'true', 'off']) assert.equal(readYesNo(v), undefined, v);
  });

  test('strtol(value, NULL, 0)', () => {
    const v = (s: string): number | undefined => {
      const r = strtolBase0(s);
      return r.digits ? r.value : undefined;
    };
    assert.equal(v('10000'), 10000);
    assert.equal(v('10000ms'), 10000);
    assert.equal(v(' 10000'), 10000);
    assert.equal(v('0x2710'), 10000);
    assert.equal(v('010000'), 4096);
    assert.equal(v('09000'), 0);
    assert.equal(v('-5'), -5);
    assert.equal(v('+7'), 7);
    assert.equal(v('0x'), 0);
    assert.equal(v('abc'), undefined);
    assert.equal(v('"10000"'), undefined);
    assert.equal(v(''), undefined);
    assert.deepEqual([strtolBase0('  12s').start, strtolBase0('  12s').end], [2, 4]);
  });

  test('catalog: every setting has docs, and names are found without case', () => {
    for (const s of MPATHD_SETTINGS) {
      assert.ok(s.description.length > 40 && s.valueSyntax.length > 40, s.name);
      assert.ok(s.example.startsWith(`${s.name}=`), s.name);
      assert.equal(findMpathdSetting(s.name.toLowerCase()), s);
    }
    assert.equal(findMpathdSetting('FAILBAK'), undefined);
  });
});

// ---------------------------------------------------------------------------------------

describe('checkMpathd: valid files stay clean', () => {
  expectFindings('the stock file', STOCK, []);
  expectFindings('empty file', '', []);
  expectFindings('names in any case (in.mpathd ignores case)', 'failback=no\nTrack_Interfaces_Only_With_Groups=no\n', []);
  expectFindings('values in.mpathd accepts: YES, nothing, trailing comment', 'FAILBACK=YES\nTRACK_INTERFACES_ONLY_WITH_GROUPS=nothing\n', []);
  expectFindings('yes with a trailing comment', 'FAILBACK=yes # default\n', []);
  expectFindings('detection time with trailing text, hex, the minimum', 'FAILURE_DETECTION_TIME=10000ms\n', []);
  expectFindings('hex detection time', 'FAILURE_DETECTION_TIME=0x2710\n', []);
  expectFindings('detection time of 1000 ms', 'FAILURE_DETECTION_TIME=1000\n', []);
  expectFindings('an unterminated comment loses nothing', 'FAILBACK=no\n# end', []);
});

describe('checkMpathd: unknown-setting', () => {
  expectFindings('a typo', 'FAILBAK=no\n', ['unknown-setting: FAILBAK']);
  expectFindings('a long typo', 'FAILURE_DETECTION_TIMEOUT=5000\n', ['unknown-setting: FAILURE_DETECTION_TIMEOUT']);
  expectFindings('a name in.mpathd does not know', 'PROBE_TARGETS=10.0.0.1\n', ['unknown-setting: PROBE_TARGETS']);
  expectFindings('a typo and a space: both reported', 'FAILBAK = no\n', ['unknown-setting: FAILBAK', 'setting-syntax:  ']);
  expectFix('did you mean', 'FAILBAK=no # off\n', 'unknown-setting', 'FAILBACK=no # off\n');
  expectFix('did you mean, long name', 'TRACK_INTERFACE_ONLY_WITH_GROUPS=no\n', 'unknown-setting', 'TRACK_INTERFACES_ONLY_WITH_GROUPS=no\n');

  test('no suggestion for a name far from every setting', () => {
    const [f] = check('PROBE_TARGETS=10.0.0.1\n');
    assert.equal(f!.fixes, undefined);
    assert.match(f!.message, /ignores 'PROBE_TARGETS'/);
  });
});

describe('checkMpathd: invalid-setting-value', () => {
  expectFindings('not yes or no', 'FAILBACK=off\n', ['invalid-setting-value: off']);
  expectFindings('true is not yes', 'TRACK_INTERFACES_ONLY_WITH_GROUPS=true\n', ['invalid-setting-value: true']);
  expectFindings('quoted yes/no', 'FAILBACK="no"\n', ['invalid-setting-value: "no"']);
  expectFindings('single quotes', "FAILBACK='no'\n", ["invalid-setting-value: 'no'"]);
  expectFindings('empty yes/no value', 'FAILBACK=\n', ['invalid-setting-value: FAILBACK=']);
  expectFindings('not a number', 'FAILURE_DETECTION_TIME=fast\n', ['invalid-setting-value: fast']);
  expectFindings('quoted number', 'FAILURE_DETECTION_TIME="10000"\n', ['invalid-setting-value: "10000"']);
  expectFindings('zero', 'FAILURE_DETECTION_TIME=0\n', ['invalid-setting-value: 0']);
  expectFindings('negative', 'FAILURE_DETECTION_TIME=-10000\n', ['invalid-setting-value: -10000']);
  expectFindings('empty number', 'FAILURE_DETECTION_TIME=\n', ['invalid-setting-value: FAILURE_DETECTION_TIME=']);
  expectFindings('too large for an int', 'FAILURE_DETECTION_TIME=3000000000\n', ['invalid-setting-value: 3000000000']);
  expectFindings('octal that stops at 9', 'FAILURE_DETECTION_TIME=09000\n', ['invalid-setting-value: 09000']);
  expectFindings('octal that changes the value', 'FAILURE_DETECTION_TIME=010000\n', ['invalid-setting-value: 010000']);

  test('the message says what in.mpathd does', () => {
    assert.match(check('FAILBACK="no"\n')[0]!.message, /keeps the default yes/);
    assert.match(check('FAILURE_DETECTION_TIME=fast\n')[0]!.message, /default 10000 ms/);
    assert.equal(check('FAILURE_DETECTION_TIME=010000\n')[0]!.severity, 'warning');
    assert.match(check('FAILURE_DETECTION_TIME=010000\n')[0]!.message, /4096 ms/);
  });

  expectFix('remove the quotes', 'FAILBACK="no" # off\n', 'invalid-setting-value', 'FAILBACK=no # off\n');
  expectFix('remove the quotes around a number', "FAILURE_DETECTION_TIME='20000'\n", 'invalid-setting-value', 'FAILURE_DETECTION_TIME=20000\n');
  expectFix('read the octal-looking number as decimal', 'FAILURE_DETECTION_TIME=010000\n', 'invalid-setting-value', 'FAILURE_DETECTION_TIME=10000\n');
  expectFix('read the broken octal as decimal', 'FAILURE_DETECTION_TIME=09000\n', 'invalid-setting-value', 'FAILURE_DETECTION_TIME=9000\n');
});

describe('checkMpathd: setting-syntax', () => {
  expectFindings('blanks around =', 'FAILBACK = no\n', ['setting-syntax:  ']);
  expectFindings('a blank before =', 'FAILBACK =no\n', ['setting-syntax:  ']);
  expectFindings('a blank after = on a yes/no setting', 'FAILBACK= no\n', ['setting-syntax:  ']);
  expectFindings('a blank after = on the detection time (works, warning)', 'FAILURE_DETECTION_TIME= 10000\n', ['setting-syntax:  ']);
  expectFindings('a tab before the name', '\tFAILBACK=no\n', ['setting-syntax: \t']);
  expectFindings('spaces before the name (works, warning)', '  FAILBACK=no\n', ['setting-syntax:   ']);
  expectFindings('no = at all', 'FAILBACK no\n', ['setting-syntax: FAILBACK']);
  expectFindings('a line that is no setting', 'hello world\n', ['setting-syntax: hello world']);
  expectFindings('no name before =', '=no\n', ['setting-syntax: =']);
  expectFindings('a NUL byte', 'FAILBACK=no\0\n', ['setting-syntax: \0']);

  test('severities follow what in.mpathd does', () => {
    const sev = (t: string): string | undefined => check(t)[0]!.severity;
    assert.equal(sev('FAILBACK = no\n'), undefined);
    assert.equal(sev('FAILBACK= no\n'), undefined);
    assert.equal(sev('FAILURE_DETECTION_TIME= 10000\n'), 'warning');
    assert.equal(sev('\tFAILBACK=no\n'), undefined);
    assert.equal(sev('  FAILBACK=no\n'), 'warning');
    assert.match(check('FAILBACK = no\n')[0]!.message, /keeps the default yes/);
  });

  test('a line too long for defread: every later line is lost', () => {
    const text = `FAILBACK=no\nFAILURE_DETECTION_TIME=5000 # ${'x'.repeat(1100)}\nTRACK_INTERFACES_ONLY_WITH_GROUPS=no\n`;
    const findings = check(text);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line]),
      [['setting-syntax', 1]],
    );
    assert.match(findings[0]!.message, /TRACK_INTERFACES_ONLY_WITH_GROUPS=no/);
  });

  expectFix('remove the blanks around =', 'FAILBACK = no\n', 'setting-syntax', 'FAILBACK=no\n');
  expectFix('remove the blank after =', 'FAILBACK= no\n', 'setting-syntax', 'FAILBACK=no\n');
  expectFix('remove a tab indentation', '\tFAILBACK=no\n', 'setting-syntax', 'FAILBACK=no\n');
  expectFix('remove a space indentation', '  FAILBACK=no\n', 'setting-syntax', 'FAILBACK=no\n');
  expectFix('add the =', 'FAILBACK no\n', 'setting-syntax', 'FAILBACK=no\n');
  expectFix('comment out a stray line', 'hello world\n', 'setting-syntax', '# hello world\n');
  expectFix('remove the NUL', 'FAILBACK=no\0\n', 'setting-syntax', 'FAILBACK=no\n');
});

describe('checkMpathd: duplicate-setting', () => {
  expectFindings('a later line for the same name', 'FAILBACK=no\nFAILBACK=yes\n', ['duplicate-setting: FAILBACK=yes']);
  expectFindings('case does not make it another name', 'FAILBACK=no\nfailback=yes\n', ['duplicate-setting: failback=yes']);
  expectFindings('an ignored first line is no first setting', 'FAILBACK = no\nFAILBACK=yes\n', ['setting-syntax:  ']);

  test('related information points at the first line, and the line is shown faded', () => {
    const [f] = check('# x\nFAILBACK=no\nFAILBACK=yes\n');
    assert.equal(f!.related?.[0]?.range.start.line, 1);
    assert.equal(f!.related?.[0]?.uri, URI);
    assert.equal(f!.unnecessary, true);
    assert.match(f!.message, /line 2/);
  });
});

describe('checkMpathd: detection-time-units', () => {
  expectFindings('seconds instead of milliseconds', 'FAILURE_DETECTION_TIME=10\n', ['detection-time-units: 10']);
  expectFindings('under 1000', 'FAILURE_DETECTION_TIME=500\n', ['detection-time-units: 500']);
  expectFindings('seconds with a unit word', 'FAILURE_DETECTION_TIME=10s\n', ['detection-time-units: 10']);

  test('the message explains the clamp to 100 ms', () => {
    const [f] = check('FAILURE_DETECTION_TIME=10\n');
    assert.match(f!.message, /100 ms/);
    assert.match(f!.message, /10000/);
  });

  expectFix('multiply by 1000', 'FAILURE_DETECTION_TIME=10 # seconds\n', 'detection-time-units', 'FAILURE_DETECTION_TIME=10000 # seconds\n');
  expectFix('multiply a hex value by 1000', 'FAILURE_DETECTION_TIME=0x10\n', 'detection-time-units', 'FAILURE_DETECTION_TIME=16000\n');
});

describe('checkMpathd: missing-final-newline', () => {
  expectFindings('the last setting has no newline', 'FAILBACK=yes\nFAILBACK=no', ['missing-final-newline: FAILBACK=no']);
  expectFindings('a single unterminated setting', 'FAILURE_DETECTION_TIME=5000', ['missing-final-newline: FAILURE_DETECTION_TIME=5000']);
  expectFix('add the newline', 'FAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=no', 'missing-final-newline', 'FAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=no\n');

  test('the message names the default that applies', () => {
    assert.match(check('FAILBACK=no')[0]!.message, /keeps the default yes/);
  });
});

describe('checkMpathd: several mistakes at once (§4.26, §4.27)', () => {
  expectFindings(
    'one finding each, in file order',
    '# tuned\nFAILURE_DETECTION_TIME=10\nFAILBACK = no\nFAILBACK="no"\nTRACK_INTERFACES_ONLY_WITH_GROUPS=maybe\nFAILURE_DETECTION_TIME=20000\n',
    [
      'detection-time-units: 10',
      'setting-syntax:  ',
      'invalid-setting-value: "no"',
      'invalid-setting-value: maybe',
      'duplicate-setting: FAILURE_DETECTION_TIME=20000',
    ],
  );
});

describe('checkMpathd: carriage-return', () => {
  test('a warning (in.mpathd still reads every value right), with the convert fix', () => {
    const text = withEol(STOCK, 'CRLF');
    const findings = check(text);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.rule, 'carriage-return');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.range.start.line, 0);
    assert.match(f!.message, /14 lines/);
    const fix = f!.fixes![0]!;
    assert.deepEqual(fix.command, { command: 'solarisIpmp.convertToLf', arguments: [URI] });
    assert.equal(applyEdits(text, fix.edits.flatMap((e) => e.edits)), STOCK);
  });

  test('values read the same under CRLF', () => {
    const file = parseMpathd(withEol('FAILBACK=no\nFAILURE_DETECTION_TIME=5000\n', 'CRLF'));
    assert.equal(file.effective.get('FAILBACK')!.value.text, 'no');
    assert.equal(file.effective.get('FAILURE_DETECTION_TIME')!.value.text, '5000');
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

const MPATHD_CHARS = ['FAILBACK', 'FAILURE_DETECTION_TIME', 'TRACK_INTERFACES_ONLY_WITH_GROUPS', '=', ' ', '\t', '\n', '\r', '#', '"', 'yes', 'no', '0', '10', '0x', '-', '\0', 'é', '😀'];

describe('parseMpathd: property', () => {
  test('any text: never throws, every range lies inside the document', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: fc.constantFrom(...MPATHD_CHARS), maxLength: 40 })), (text) => {
        const file = parseMpathd(text);
        for (const a of file.assignments) {
          for (const s of [a.indent, a.name, a.gapBeforeEquals, a.equals, a.gapAfterEquals, a.value]) if (s) assertInside(text, s.range, 'assignment part');
          assert.equal(text.slice(a.name.start, a.name.end), a.name.text);
          assert.equal(text.slice(a.value.start, a.value.end), a.value.text);
        }
        for (const o of file.others) for (const w of o.words) assertInside(text, w.range, 'word');
        for (const c of file.comments) assertInside(text, c.range, 'comment');
        if (file.stop) assertInside(text, file.stop.span.range, 'stop');
        for (const f of checkMpathd(file, ctx)) {
          assertInside(text, f.range, f.rule);
          for (const fix of f.fixes ?? []) for (const e of fix.edits.flatMap((x) => x.edits)) assertInside(text, e.range, `${f.rule} fix`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
