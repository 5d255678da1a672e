import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filterSuppressed, ignoreFileEdit, ignoreLineEdit, readSuppressions } from '../../server/src/features/suppression';
import { globMatcher } from '../../server/src/features/projectConfig';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { parseHosts } from '../../server/src/syntax/hosts';
import { checkHosts } from '../../server/src/rules/hostsRules';
import { applyEdits, eolTest } from './helpers';

const check = (text: string) => checkHosts(parseHosts(text), { uri: 'file:///h/etc/hosts', release: 's10' }).filter((f) => f.rule !== 'carriage-return');

describe('comment directives in hosts, netmasks and mpathd', () => {
  eolTest('# ipmp-ignore silences the next entry line only', '# ipmp-ignore invalid-host-name\n#\n10.0.0.1 bad_name\n10.0.0.2 other_bad\n', (text) => {
    const all = check(text);
    assert.equal(all.length, 2);
    const left = filterSuppressed(all, text, 'hosts', DEFAULT_SETTINGS, []);
    assert.deepEqual(left.map((f) => f.range.start.line), [3]);
  });
  eolTest('# ipmp-ignore-file silences the whole file; no ids means every rule', '10.0.0.1 bad_name\n# ipmp-ignore-file\n10.0.0.2 other_bad\n', (text) => {
    assert.deepEqual(filterSuppressed(check(text), text, 'hosts', DEFAULT_SETTINGS, []), []);
  });
  test('other rule ids are not silenced', () => {
    const text = '# ipmp-ignore-file missing-host-name\n10.0.0.1 bad_name\n';
    assert.equal(filterSuppressed(check(text), text, 'hosts', DEFAULT_SETTINGS, []).length, 1);
  });
  test('hostname files take no directives (a # there is a mistake)', () => {
    assert.deepEqual(readSuppressions('# ipmp-ignore-file\nmyhost up\n', 'hostname'), { lines: new Map() });
  });
  test('the quick-fix edits write the directives', () => {
    const text = '10.0.0.1 bad_name\n';
    assert.equal(applyEdits(text, [ignoreLineEdit(0, 'invalid-host-name')]), '# ipmp-ignore invalid-host-name\n10.0.0.1 bad_name\n');
    const withFile = applyEdits(text, [ignoreFileEdit('invalid-host-name')]);
    assert.deepEqual(filterSuppressed(check(withFile), withFile, 'hosts', DEFAULT_SETTINGS, []), []);
  });
});

describe('the solarisIpmp.ignore setting', () => {
  test('globs, as picomatch reads them: **, braces and classes', () => {
    assert.ok(globMatcher('web1/etc/hostname.ce0')('web1/etc/hostname.ce0'));
    assert.ok(globMatcher('**/hostname.*')('a/b/etc/hostname.ce0'));
    assert.ok(globMatcher('**/hostname.*')('hostname.ce0'));
    assert.ok(!globMatcher('*/hostname.*')('a/b/hostname.ce0'));
    assert.ok(globMatcher('web{1,2}/etc/hostname.ce[01]')('web2/etc/hostname.ce1'));
    assert.ok(!globMatcher('web{1,2}/etc/hostname.ce[01]')('web3/etc/hostname.ce1'));
    assert.ok(globMatcher('./web1/**')('web1/etc/hosts'));
  });
  test('switches rules off for matching files', () => {
    const text = '10.0.0.1 bad_name\n';
    const settings = { ...DEFAULT_SETTINGS, ignore: { 'web1/etc/hosts': ['invalid-host-name'] } };
    assert.deepEqual(filterSuppressed(check(text), text, 'hosts', settings, ['web1/etc/hosts']), []);
    assert.equal(filterSuppressed(check(text), text, 'hosts', settings, ['db1/etc/hosts']).length, 1);
  });
});
