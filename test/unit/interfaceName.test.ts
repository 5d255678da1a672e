/**
 * Interface names as the boot script and ifconfig read them (server/src/syntax/interfaceName.ts,
 * reference §1.2), asked twice: the second answer comes from the memory of names already
 * checked and must be the first one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkInterfaceName } from '../../server/src/syntax/interfaceName';
import { ownCopy } from '../../server/src/syntax/text';
import { runs } from './propertyHelpers';

describe('interface names (§1.2)', () => {
  test('drivers, instances, logical units, VLAN PPAs, tunnels, and what is not a name', () => {
    const cases: [string, string, Record<string, unknown>?][] = [
      ['e1000g0', 'valid', { physical: 'e1000g0', driver: 'e1000g', ppa: 0, instance: 0, vlan: undefined, unit: undefined }],
      ['ce1:2', 'valid', { physical: 'ce1', driver: 'ce', ppa: 1, unit: 2 }],
      ['ce123001', 'valid', { physical: 'ce123001', driver: 'ce', ppa: 123001, instance: 1, vlan: 123 }],
      ['ip.tun0', 'valid', { physical: 'ip.tun0', driver: 'ip.tun', tunnel: true }],
      ['ce0.old', 'skipped'],
      ['ce0old', 'skipped'],
      ['ce0old1', 'misread'],
      ['ce-0', 'misread'],
      ['ce4095000', 'invalid'],
      [`e${'1'.repeat(40)}`, 'invalid'],
    ];
    for (const [text, kind, name] of cases) {
      const first = checkInterfaceName(text);
      assert.equal(first.kind, kind, text);
      if (name && first.kind === 'valid') for (const [key, value] of Object.entries(name)) assert.equal((first.name as unknown as Record<string, unknown>)[key], value, `${text} ${key}`);
      // Asked again (a slice of a longer text, as a file's words are): the same answer.
      const again = checkInterfaceName(`x${text}`.slice(1));
      assert.deepEqual(again, first, text);
    }
  });

  test('a name cut from a longer text is kept as a copy of its own', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, word) => {
        const text = `${before}${word}`;
        assert.equal(ownCopy(text.slice(before.length)), word);
      }),
      runs(1601, 300),
    );
  });
});
