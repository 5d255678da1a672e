/**
 * Inlay hints: a host name's address, and the mask `netmask +` gives (§1.7, §1.8). Hints are
 * shown inline as «label» at their position, so a case reads like the editor shows it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InlayHintKind, type InlayHint, type MarkupContent, type Range } from 'vscode-languageserver-types';
import { inlayHints } from '../../server/src/features/inlayHints';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import { createNameLookup } from '../../server/src/engine/names';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { LineIndex } from '../../server/src/syntax/text';
import { eolTest, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

const HOSTS = `127.0.0.1 localhost
192.168.10.10 myhost loghost
192.168.10.11 myhost-ce0-test
192.168.10.12 myhost-ce1-test
172.20.5.10 backup
10.1.2.3 backup-v4only
2001:db8::10 myhost-v6
`;
const NETMASKS = '# subnets of web1\n192.168.10.0\t255.255.255.0\n';

function hostOf(eol: Eol, interfaces: Record<string, string>, options: { hosts?: boolean; netmasks?: boolean } = {}): HostView {
  const hosts = options.hosts === false ? undefined : { uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(withEol(HOSTS, eol)) };
  const netmasks = options.netmasks === false ? undefined : { uri: `${ROOT}/netmasks`, label: 'netmasks', file: parseNetmasks(withEol(NETMASKS, eol)) };
  return {
    rootUri: ROOT,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }]) : undefined,
    hosts,
    netmasks,
    interfaces: Object.entries(interfaces).map(([name, text]) => ({ uri: `${ROOT}/${name}`, baseName: name, file: parseHostnameFile(withEol(text, eol), { fileName: name }) })),
    newHostsUri: `${ROOT}/hosts`,
  };
}

function docOf(name: string, text: string): ParsedDocument {
  const kind = name.startsWith('hostname') || name.startsWith('dhcp') ? 'hostname' : (name as 'hosts' | 'netmasks');
  return parseDocument(`${ROOT}/${name}`, `/srv/web1/etc/${name}`, kind, text);
}

const EVERYWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };

/** The text with each hint's label inserted at its position as «label», line breaks as LF. */
function render(text: string, hints: readonly InlayHint[]): string {
  const index = new LineIndex(text);
  let out = text;
  for (const h of [...hints].reverse()) {
    const at = index.offsetAt(h.position);
    out = `${out.slice(0, at)}«${h.label as string}»${out.slice(at)}`;
  }
  return out.replace(/\r\n/g, '\n');
}

function hintsFor(name: string, text: string, eol: Eol, others: Record<string, string> = {}, options: { hosts?: boolean; netmasks?: boolean; range?: Range } = {}) {
  const doc = docOf(name, text);
  const host = hostOf(eol, { ...others, [name]: text.replace(/\r\n/g, '\n') }, options);
  return inlayHints(doc, options.range ?? EVERYWHERE, host, 's10');
}

function tooltipOf(h: InlayHint): string {
  return typeof h.tooltip === 'string' ? h.tooltip : (h.tooltip as MarkupContent).value;
}

describe('inlay hints', () => {
  const probeBased = 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n';

  eolTest('names get their address, netmask + its mask (§3.7 layout)', probeBased, (text, eol) => {
    assert.equal(
      render(text, hintsFor('hostname.ce0', text, eol)),
      'myhost«: 192.168.10.10» netmask +«255.255.255.0 /24» broadcast + group prod up \\\n' +
        'addif myhost-ce0-test«: 192.168.10.11» deprecated -failover netmask +«255.255.255.0 /24» broadcast + up\n',
    );
  });

  eolTest('kinds, padding and where each value comes from', probeBased, (text, eol) => {
    const hints = hintsFor('hostname.ce0', text, eol);
    assert.deepEqual(
      hints.map((h) => [h.kind, h.paddingLeft]),
      // `name: address` reads like a type annotation; the mask keeps a blank after `+`.
      [
        [InlayHintKind.Type, false],
        [InlayHintKind.Parameter, true],
        [InlayHintKind.Type, false],
        [InlayHintKind.Parameter, true],
      ],
    );
    assert.match(tooltipOf(hints[0]!), /hosts line 2 \(192\.168\.10\.10 myhost loghost\)/);
    assert.match(tooltipOf(hints[1]!), /netmasks line 2 \(192\.168\.10\.0 255\.255\.255\.0\)/);
    assert.match(tooltipOf(hints[2]!), /hosts line 3/);
  });

  eolTest('a one-line file: the mask the appended netmask + gets, classful without an entry', 'backup\n', (text, eol) => {
    const hints = hintsFor('hostname.ce2', text, eol);
    assert.equal(render(text, hints), 'backup«: 172.20.5.10»«netmask + broadcast + up: classful 255.255.0.0 /16»\n');
    assert.match(tooltipOf(hints[1]!), /appends "netmask \+ broadcast \+ up"/);
    assert.match(tooltipOf(hints[1]!), /No line of netmasks matches 172\.20\.5\.10.*classful default/);
  });

  eolTest('a class A address without a netmasks file: classful /8', '10.1.2.3 netmask + broadcast + up\n', (text, eol) => {
    const hints = hintsFor('hostname.ce3', text, eol, {}, { netmasks: false });
    assert.equal(render(text, hints), '10.1.2.3 netmask +«classful 255.0.0.0 /8» broadcast + up\n');
    assert.match(tooltipOf(hints[0]!), /no netmasks file/);
  });

  eolTest('the appended netmask + wins over a mask written on the only line (§1.7)', '192.168.10.10 netmask 255.255.0.0 up\n', (text, eol) => {
    assert.equal(render(text, hintsFor('hostname.ce0', text, eol)), '192.168.10.10 netmask 255.255.0.0 up«netmask + broadcast + up: 255.255.255.0 /24»\n');
  });

  eolTest('a multi-line file gets nothing appended, so no hint at the end', '192.168.10.10 up\naddif 192.168.10.20 up\n', (text, eol) => {
    assert.deepEqual(hintsFor('hostname.ce0', text, eol), []);
  });

  eolTest('a /len on the address stays when no entry matches', '172.20.5.10/26 netmask + broadcast + up\n', (text, eol) => {
    const hints = hintsFor('hostname.ce0', text, eol);
    assert.equal(render(text, hints), '172.20.5.10/26 netmask +«255.255.255.192 /26» broadcast + up\n');
    assert.match(tooltipOf(hints[0]!), /leaves the \/26/);
  });

  eolTest('an unresolved name gets no hint (the diagnostic speaks)', 'nosuch netmask + broadcast + up\n', (text, eol) => {
    assert.deepEqual(hintsFor('hostname.ce0', text, eol), []);
  });

  eolTest('resolution is per family: an IPv6 file takes the IPv6 entry only', 'myhost-v6/64 up\naddif myhost-v6 up\naddif backup up\n', (text, eol) => {
    // ifconfig reads the name before the /len (in6_getaddr): it resolves too.
    assert.equal(render(text, hintsFor('hostname6.ce0', text, eol)), 'myhost-v6/64«: 2001:db8::10» up\naddif myhost-v6«: 2001:db8::10» up\naddif backup up\n');
  });

  eolTest('only hints inside the requested range', probeBased, (text, eol) => {
    const range: Range = { start: { line: 1, character: 0 }, end: { line: 1, character: 25 } };
    const hints = hintsFor('hostname.ce0', text, eol, {}, { range });
    assert.deepEqual(
      hints.map((h) => h.label),
      [': 192.168.10.11'],
    );
  });

  eolTest('a document not yet known to the host still gets its hints', 'myhost netmask + broadcast + up\n', (text, eol) => {
    const doc = docOf('hostname.ce9', text);
    const hints = inlayHints(doc, EVERYWHERE, hostOf(eol, {}), 's10');
    assert.equal(render(text, hints), 'myhost«: 192.168.10.10» netmask +«255.255.255.0 /24» broadcast + up\n');
  });

  test('other kinds and dhcp files get none', () => {
    assert.deepEqual(inlayHints(docOf('hosts', HOSTS), EVERYWHERE, hostOf('LF', {}), 's10'), []);
    assert.deepEqual(inlayHints(docOf('dhcp.ce0', 'primary\n'), EVERYWHERE, hostOf('LF', {}), 's10'), []);
  });
});
