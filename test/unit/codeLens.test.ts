/**
 * Code lenses: a group's summary on its first `group` word, built from every member of the
 * host (§3.2, §3.3, §3.6, §3.7).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-types';
import { codeLenses } from '../../server/src/features/codeLens';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import { createNameLookup } from '../../server/src/engine/names';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { eolTest, textIn, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

const HOSTS = `127.0.0.1 localhost
192.168.10.10 myhost loghost
192.168.10.11 myhost-ce0-test
192.168.10.12 myhost-ce1-test
`;

const CE0 = 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1_STANDBY = 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n';

function hostOf(eol: Eol, interfaces: Record<string, string>): HostView {
  const hosts = { uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(withEol(HOSTS, eol)) };
  return {
    rootUri: ROOT,
    names: createNameLookup([{ ...hosts, kind: 'hosts' }]),
    hosts,
    interfaces: Object.entries(interfaces).map(([name, text]) => ({ uri: `${ROOT}/${name}`, baseName: name, file: parseHostnameFile(withEol(text, eol), { fileName: name }) })),
    newHostsUri: `${ROOT}/hosts`,
  };
}

function docOf(name: string, text: string): ParsedDocument {
  return parseDocument(`${ROOT}/${name}`, `/srv/web1/etc/${name}`, name === 'hosts' ? 'hosts' : 'hostname', text);
}

/** `covered text @line: title` per lens. */
function summarize(text: string, lenses: readonly CodeLens[]): string[] {
  return lenses.map((l) => `${textIn(text, l.range)} @${l.range.start.line}: ${l.command?.title}`);
}

function lensesFor(name: string, text: string, eol: Eol, others: Record<string, string>): CodeLens[] {
  return codeLenses(docOf(name, text), hostOf(eol, { ...others, [name]: text }), 's10');
}

describe('code lenses', () => {
  eolTest('probe-based, active-standby: members from the whole host', CE0, (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, { 'hostname.ce1': CE1_STANDBY });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce0 active (test .11), ce1 standby (test .12), probe-based']);
    assert.equal(lenses[0]!.command!.command, '');
    assert.match(lenses[0]!.command!.tooltip ?? '', /probing/);
  });

  eolTest('the other member shows the same summary', CE1_STANDBY, (text, eol) => {
    const lenses = lensesFor('hostname.ce1', text, eol, { 'hostname.ce0': CE0 });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce0 active (test .11), ce1 standby (test .12), probe-based']);
  });

  eolTest('link-based when no member has a test address (§3.7)', 'myhost netmask + broadcast + group prod up\n', (text, eol) => {
    const lenses = lensesFor('hostname.e1000g0', text, eol, { 'hostname.e1000g1': 'group prod up\n' });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: e1000g0 active, e1000g1 active, link-based']);
    assert.match(lenses[0]!.command!.tooltip ?? '', /link state/);
  });

  eolTest('mixed when only some members have one', CE0, (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, { 'hostname.ce1': 'group prod standby up\n' });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce0 active (test .11), ce1 standby, mixed']);
    assert.match(lenses[0]!.command!.tooltip ?? '', /probing is off on ce1/);
  });

  eolTest('IPv6 members probe from their link-local address', '-failover group v6 up\n', (text, eol) => {
    const lenses = lensesFor('hostname6.ce0', text, eol, { 'hostname6.ce1': '-failover group v6 up\n' });
    assert.deepEqual(summarize(text, lenses), ['group @0: group v6: ce0 active (test link-local), ce1 active (test link-local), probe-based']);
  });

  eolTest('IPv4 and IPv6 test addresses of one member are both shown', CE0, (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, { 'hostname6.ce0': '-failover group prod up\n', 'hostname.ce1': CE1_STANDBY });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce0 active (test .11, link-local), ce1 standby (test .12), probe-based']);
  });

  eolTest('a group of one probes from its data address (§3.2)', 'myhost netmask + broadcast + group solo up\n', (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, {});
    assert.deepEqual(summarize(text, lenses), ['group @0: group solo: ce0 active (probes from data .10), probe-based']);
  });

  eolTest('one lens per group, on its first appearance', 'myhost group prod up\naddif myhost-ce0-test deprecated -failover up\ngroup prod\ngroup other\n', (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, {});
    // The last `group` applied wins: ce0 ends up in `other`, leaving `prod` empty.
    assert.deepEqual(summarize(text, lenses), [
      "group @0: group prod: no interface ends up in it; ce0 never joins (a later line puts it in 'other')",
      'group @3: group other: ce0 active (test .11), probe-based',
    ]);
  });

  eolTest('an unterminated last line never runs, so it adds no member', CE0 + 'group late up', (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, {});
    assert.deepEqual(summarize(text, lenses), [
      'group @0: group prod: ce0 active (test .11), probe-based',
      'group @2: group late: no interface ends up in it',
    ]);
  });

  eolTest('a member whose line fails before its group never joins, and the lens says why', 'web1-ce0-test deprecated -failover group prod up\n', (text, eol) => {
    const lenses = lensesFor('hostname.ce0', text, eol, { 'hostname.ce1': CE1_STANDBY });
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce1 standby (test .12), probe-based; ce0 never joins (its line fails: web1-ce0-test: bad address)']);
  });

  eolTest('a file not yet known to the host counts as a member', 'myhost-ce1-test deprecated -failover group prod up\n', (text, eol) => {
    const lenses = codeLenses(docOf('hostname.ce1', text), hostOf(eol, { 'hostname.ce0': CE0 }), 's10');
    assert.deepEqual(summarize(text, lenses), ['group @0: group prod: ce0 active (test .11), ce1 active (test .12), probe-based']);
  });

  test('no lenses without a group, in dhcp files or other kinds', () => {
    assert.deepEqual(lensesFor('hostname.ce0', 'myhost up\n', 'LF', {}), []);
    assert.deepEqual(lensesFor('dhcp.ce0', 'primary\n', 'LF', {}), []);
    assert.deepEqual(codeLenses(docOf('hosts', HOSTS), hostOf('LF', {}), 's10'), []);
  });
});
