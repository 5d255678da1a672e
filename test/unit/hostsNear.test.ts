/**
 * Did-you-mean in a hosts file: the banded, in-place distance of HostsFile.namesWithin must find
 * exactly the names the plain edit distance finds among the same candidates.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHosts } from '../../server/src/syntax/hosts';
import { editDistance, oneEditApart } from '../../server/src/rules/edits';

const letters = fc.constantFrom(...'abAB-1.x'.split(''));
const name = fc.string({ unit: letters, minLength: 1, maxLength: 9 });

describe('hosts: names within a few edits', () => {
  test('namesWithin agrees with the plain edit distance over the same candidates', () => {
    fc.assert(
      fc.property(fc.array(fc.array(name, { minLength: 1, maxLength: 3 }), { maxLength: 30 }), name, fc.constantFrom(1, 2), (lines, word, k) => {
        const file = parseHosts(lines.map((names, i) => `10.0.0.${i + 1}\t${names.join(' ')}\n`).join(''));
        const lower = word.toLowerCase();
        const expected = [...new Set(file.namesNear(word, k))].filter((n) => {
          const d = editDistance(lower, n.toLowerCase());
          return d > 0 && d <= k;
        });
        assert.deepEqual([...file.namesWithin(word, k)].sort(), expected.sort());
        // Asked again: the same answer, from the cache.
        assert.deepEqual([...file.namesWithin(word, k)].sort(), expected.sort());
      }),
      { seed: 9091, numRuns: 500, includeErrorInReport: true },
    );
  });

  test('the did-you-mean index holds every name word as the entries read it: blanks, tabs, comments, CRs', () => {
    // Lines of words and separators, CRLF or not, comments anywhere (even inside a word).
    const piece = fc.constantFrom('a', 'b', 'A', 'x1', 'ab.c', 'ba', '\t', ' ', '  ', '#', '#c ', '\r', '\u00e9', 'aa\r');
    const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), name, (lines, eol, finalEol, word) => {
        const text = lines.join(eol) + (finalEol ? eol : '');
        const file = parseHosts(text);
        const first = word[0]!.toLowerCase();
        const expected = [...file.scanEntries()]
          .flatMap((e) => e.names.map((n) => n.text))
          .filter((n) => n[0]!.toLowerCase() === first && Math.abs(n.length - word.length) <= 2);
        assert.deepEqual(file.namesNear(word, 2).sort(), expected.sort(), JSON.stringify(text));
      }),
      { seed: 4242, numRuns: 2000, includeErrorInReport: true },
    );
  });

  test('a typo among 100,000 look-alike names finds exactly its neighbours', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `host${String(i).padStart(6, '0')}`);
    const file = parseHosts(names.map((n, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\t${n}\n`).join(''));
    const near = file.namesWithin('hots012345', 2);
    assert.ok(near.includes('host012345'));
    assert.deepEqual(near.sort(), names.filter((n) => editDistance('hots012345', n) <= 2).sort());
    assert.deepEqual(file.namesWithin('zzz', 1), []);
  });
});

describe('hosts: a search key too long for a regex', () => {
  test('a name of 100,000 characters is still found, ignoring case, and a prefix of it too', () => {
    const long = 'n'.repeat(100_000);
    const file = parseHosts(`10.0.0.1\tshort\n10.0.0.2\t${long}\n10.0.0.3\t${long.toUpperCase()}x\n`);
    assert.deepEqual(file.lookup(long.toUpperCase()).map((e) => e.address.text), ['10.0.0.2']);
    assert.deepEqual(file.namesStartingWith(long, 10).names.map((n) => n.entry.address.text), ['10.0.0.2', '10.0.0.3']);
    assert.deepEqual(file.lookup(`${long}q`), []);
  });
});

describe('edits: one edit apart', () => {
  test('oneEditApart is editDistance === 1, for near and far pairs alike', () => {
    // Pairs made from one another (one or two edits away) as well as unrelated ones.
    const edited = name.chain((a) =>
      fc.tuple(fc.constant(a), fc.nat(a.length), fc.constantFrom('insert', 'delete', 'replace', 'swap', 'two'), fc.constantFrom(...'abAB-1.x'.split(''))).map(([w, at, how, c]) => {
        const i = Math.min(at, w.length - 1);
        const b =
          how === 'insert' ? w.slice(0, at) + c + w.slice(at)
          : how === 'delete' ? w.slice(0, i) + w.slice(i + 1)
          : how === 'replace' ? w.slice(0, i) + c + w.slice(i + 1)
          : how === 'swap' ? w.slice(0, i) + w.slice(i + 1, i + 2) + w.slice(i, i + 1) + w.slice(i + 2)
          : c + w.slice(0, i) + w.slice(i + 1);
        return [w, b] as const;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(name, name)), ([a, b]) => {
        assert.equal(oneEditApart(a, b), editDistance(a, b) === 1, `${a} / ${b}`);
        assert.equal(oneEditApart(b, a), editDistance(a, b) === 1, `${b} / ${a}`);
      }),
      { seed: 7117, numRuns: 3000, includeErrorInReport: true },
    );
    for (const [a, b, one] of [['ipmp0', 'ipmpO', true], ['prod', 'prd', true], ['abcd', 'abdc', true], ['abcd', 'abcd', false], ['abcd', 'badc', false], ['', 'a', true], ['ab', 'ba', true]] as const) {
      assert.equal(oneEditApart(a, b), one, `${a} / ${b}`);
    }
  });
});
