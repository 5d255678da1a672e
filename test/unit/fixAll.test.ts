/**
 * The fixes `ipmp-lint --fix` applies on its own: only the safe ones, CR endings first and
 * alone, never two that touch, and a typo only when its candidate is clear.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applySafeFixes, safeFixOf } from '../../server/src/features/fixAll';
import { clearBest } from '../../server/src/rules/edits';
import { checkHostnameFile } from '../../server/src/rules/hostnameRules';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import type { Finding } from '../../server/src/rules/types';
import { EOLS, withEol } from './helpers';

const URI = 'file:///h/etc/hostname.ce0';

function findings(text: string): Finding[] {
  return checkHostnameFile(parseHostnameFile(text, { fileName: 'hostname.ce0' }), { uri: URI, release: 's10', newHostsUri: 'file:///h/etc/hosts' });
}

/** Fix passes until nothing is left to apply, as the CLI runs them. */
function fixAll(text: string): { text: string; rules: string[] } {
  const rules: string[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const result = applySafeFixes(text, URI, findings(text));
    if (result.applied.length === 0) break;
    rules.push(...result.applied.map((a) => a.rule));
    text = result.text;
  }
  return { text, rules };
}

describe('clearBest', () => {
  test('the only case variant, or the only nearest candidate', () => {
    assert.equal(clearBest('UP', ['up', 'down']), 'up');
    assert.equal(clearBest('standy', ['standby', '-standby', 'down']), 'standby');
    assert.equal(clearBest('deprecate', ['deprecated', '-deprecated']), 'deprecated');
  });
  test('none when two are as close, or none is close', () => {
    assert.equal(clearBest('xp', ['up', 'ip']), undefined);
    assert.equal(clearBest('Ab', ['ab', 'AB']), undefined);
    assert.equal(clearBest('zzzzzz', ['up', 'down']), undefined);
  });
});

describe('applySafeFixes', () => {
  for (const eol of EOLS) {
    test(`comment line, capital keyword, typo and final newline, in passes [${eol}]`, () => {
      const text = withEol('# primary\nweb1 netmask + broadcast + group prod UP \\\naddif web1-test deprecated -failover standy up', eol);
      const result = fixAll(text);
      assert.equal(result.text, 'web1 netmask + broadcast + group prod up \\\naddif web1-test deprecated -failover standby up\n');
      assert.deepEqual(
        [...result.rules].sort(),
        [...(eol === 'CRLF' ? ['carriage-return'] : []), 'comment-not-supported', 'missing-final-newline', 'unknown-keyword', 'unknown-keyword'].sort(),
      );
      if (eol === 'CRLF') assert.equal(result.rules[0], 'carriage-return', 'CR endings first');
    });

    test(`a typo with two candidates as close is not fixed; nothing else is touched [${eol}]`, () => {
      const text = withEol('web1 netmask + broadcast + ap\n', eol);
      const word = findings(text).find((f) => f.rule === 'unknown-keyword');
      assert.ok(word && (word.fixes ?? []).length >= 2, 'the editor still offers each candidate');
      assert.equal(safeFixOf(word!, URI, (a, b) => a === b), undefined);
      assert.equal(fixAll(text).text, 'web1 netmask + broadcast + ap\n');
    });
  }

  test('two fixes that touch are applied in two passes, not one', () => {
    const text = 'web1 UP';
    const first = applySafeFixes(text, URI, findings(text));
    // `UP` ends where the final newline goes: one of them waits.
    assert.equal(first.applied.length, 1);
    assert.equal(fixAll(text).text, 'web1 up\n');
  });

  test('a fix for another file or one that creates a file is never applied', () => {
    const finding: Finding = {
      rule: 'missing-final-newline',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      fixes: [{ title: 'elsewhere', safe: true, edits: [{ uri: 'file:///other', edits: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: '\n' }] }] }],
    };
    assert.equal(applySafeFixes('x', URI, [finding]).applied.length, 0);
    const create: Finding = { ...finding, fixes: [{ title: 'create', safe: true, edits: [{ uri: URI, create: true, edits: [] }] }] };
    assert.equal(applySafeFixes('x', URI, [create]).applied.length, 0);
    const unsafeRule: Finding = { ...finding, rule: 'unresolved-host', fixes: [{ ...finding.fixes![0]!, edits: [{ uri: URI, edits: finding.fixes![0]!.edits[0]!.edits }] }] };
    assert.equal(applySafeFixes('x', URI, [unsafeRule]).applied.length, 0);
  });
});
