/**
 * A host snapshot is analysed once per release, and the analysis stays with that snapshot
 * only: a view made from it by spreading (an edit, an open document) gets its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHost } from '../../server/src/features/hostAnalysis';
import type { HostView } from '../../server/src/features/hostView';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { EOLS, withEol } from './helpers';
import { hostView } from './engineHelpers';

const CE0 = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';
const files = { 'hostname.ce0': CE0, 'hostname.ce1': CE1 };

const groupsOf = (view: HostView): string[] => [...analyzeHost(view, 's10').model.groups.keys()];

describe('host analysis: one per snapshot and release', () => {
  for (const eol of EOLS) {
    test(`the same snapshot gives the same analysis; another release its own [${eol}]`, () => {
      const { view } = hostView({ files }, eol);
      const first = analyzeHost(view, 's10');
      assert.equal(analyzeHost(view, 's10'), first);
      const s11 = analyzeHost(view, 's11');
      assert.notEqual(s11, first);
      assert.equal(analyzeHost(view, 's11'), s11);
      assert.deepEqual(groupsOf(view), ['prod']);
      assert.equal(s11.model.groups.size, 0, 'Solaris 11 reads no hostname file');
    });

    test(`a snapshot spread into a changed one is analysed afresh [${eol}]`, () => {
      const { view } = hostView({ files }, eol);
      assert.deepEqual(groupsOf(view), ['prod']);
      const renamed = (text: string): string => withEol(text.replace('group prod', 'group web'), eol);
      const edited: HostView = {
        ...view,
        interfaces: view.interfaces.map((i) => ({ ...i, file: parseHostnameFile(renamed(i.file.text), { fileName: i.baseName }) })),
      };
      assert.deepEqual(groupsOf(edited), ['web'], 'the edit, not the analysis of the view it was spread from');
      assert.deepEqual(groupsOf(view), ['prod'], 'the first snapshot keeps its own');
      assert.deepEqual(Object.keys(edited), Object.keys(view), 'the analysis is not a property a spread or JSON sees');
    });

    test(`a frozen snapshot is analysed, and once [${eol}]`, () => {
      const view = Object.freeze(hostView({ files }, eol).view);
      const first = analyzeHost(view, 's10');
      assert.equal(analyzeHost(view, 's10'), first);
      assert.deepEqual(groupsOf(view), ['prod']);
    });
  }
});
