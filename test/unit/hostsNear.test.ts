/**
 * Did-you-mean in a hosts file: the banded, in-place distance of HostsFile.namesWithin must find
 * exactly the names the plain edit distance finds among the same candidates.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHosts } from '../../server/src/syntax/hosts';
import { editDistance } from '../../server/src/rules/edits';

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
