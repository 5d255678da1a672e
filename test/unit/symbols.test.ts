/**
 * Document symbols for every file kind, workspace symbols across hosts, and the hover
 * additions that share their wording (interface summaries, a group's members and roles).
 * Every case with line breaks runs under LF and CRLF.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Hover, type Range } from 'vscode-languageserver-types';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import { hover, interfaceSummary } from '../../server/src/features/hover';
import type { HostView } from '../../server/src/features/hostView';
import { documentSymbols, documentSymbolsCapped, hostLabel, matchScore, workspaceSymbols } from '../../server/src/features/symbols';
import { createNameLookup } from '../../server/src/engine/names';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { cursorAt, eolTest, textIn, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

const FILES: Record<string, string> = {
  'inet/hosts': '# web1\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1 loghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n',
  'inet/netmasks': '192.168.10.0\t255.255.255.0\n',
  'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n',
  'hostname6.ce0': '-failover group prod up\n',
};

function hostOf(files: Record<string, string>, root = ROOT): HostView {
  const hostsText = files['inet/hosts'];
  const netmasksText = files['inet/netmasks'];
  const hosts = hostsText === undefined ? undefined : { uri: `${root}/inet/hosts`, label: 'inet/hosts', file: parseHosts(hostsText) };
  return {
    rootUri: root,
    hosts,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }]) : undefined,
    netmasks: netmasksText === undefined ? undefined : { uri: `${root}/inet/netmasks`, label: 'inet/netmasks', file: parseNetmasks(netmasksText) },
    interfaces: Object.keys(files)
      .filter((name) => /^(hostname6?|dhcp)\./.test(name))
      .map((name) => ({ uri: `${root}/${name}`, baseName: name, file: parseHostnameFile(files[name]!, { fileName: name }) })),
    newHostsUri: `${root}/hosts`,
  };
}

/** Document `name` with `text`, in the fixture host (with `overrides`), all under `eol`. */
function docIn(name: string, text: string, eol: Eol, overrides: Record<string, string> = {}): { doc: ParsedDocument; host: HostView } {
  const files: Record<string, string> = {};
  for (const [n, t] of Object.entries({ ...FILES, ...overrides })) files[n] = withEol(t, eol);
  files[name] = text;
  const uri = `${ROOT}/${name}`;
  const path = new URL(uri).pathname;
  return { doc: parseDocument(uri, path, classifyPath(path) ?? 'hostname', text), host: hostOf(files) };
}

/** `name (detail)` per symbol, children indented, for whole-outline comparisons. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...outline(s.children ?? [], depth + 1)]);
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** LSP requires each selectionRange inside its range and each child inside its parent. */
function assertWellFormed(symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(s.name.length > 0, 'empty symbol name');
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection outside range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${s.name}: outside ${parent.name}`);
    assertWellFormed(s.children ?? [], s);
  }
}

describe('document symbols: hostname files', () => {
  eolTest('an interface with its addresses, their roles and its group', FILES['hostname.ce0']!, (text, eol) => {
    const { doc, host } = docIn('hostname.ce0', text, eol);
    const symbols = documentSymbols(doc, host);
    assert.deepEqual(outline(symbols), [
      'ce0 (IPv4 · driver ce, instance 0)',
      '  web1 (data)',
      '  prod (ce0, ce1)',
      '  web1-ce0-test (test (deprecated))',
    ]);
    const [ce0] = symbols;
    assert.equal(ce0!.kind, SymbolKind.Interface);
    const group = ce0!.children!.find((c) => c.name === 'prod')!;
    assert.equal(group.kind, SymbolKind.Namespace);
    assert.equal(textIn(text, group.range), 'group prod');
    assert.equal(textIn(text, group.selectionRange), 'prod');
    const test = ce0!.children!.find((c) => c.name === 'web1-ce0-test')!;
    assert.equal(textIn(text, test.range), 'addif web1-ce0-test deprecated -failover netmask + broadcast + up');
    assertWellFormed(symbols);
  });

  eolTest('IPv6: the link-local test address the file does not name', FILES['hostname6.ce0']!, (text, eol) => {
    const { doc, host } = docIn('hostname6.ce0', text, eol);
    const symbols = documentSymbols(doc, host);
    assert.deepEqual(outline(symbols), ['ce0 (IPv6 · driver ce, instance 0)', '  link-local (link-local test)', '  prod (ce0, ce1)']);
    assertWellFormed(symbols);
  });

  eolTest('a test address without deprecated, and the release where -failover implies it', 'web1-ce1-test -failover group prod standby up\n', (text, eol) => {
    const { doc, host } = docIn('hostname.ce1', text, eol);
    assert.deepEqual(outline(documentSymbols(doc, host))[1], '  web1-ce1-test (test)');
    assert.deepEqual(outline(documentSymbols(doc, host, { release: 'osol' }))[1], '  web1-ce1-test (test (deprecated))');
  });

  eolTest('a VLAN interface and a literal address', '192.168.30.5/24 group vlan30 up\n', (text, eol) => {
    const { doc, host } = docIn('hostname.ce123000', text, eol);
    const [symbol] = documentSymbols(doc, host);
    assert.equal(symbol!.name, 'ce123000');
    assert.equal(symbol!.detail, 'IPv4 · VLAN 123 on ce0 (driver ce, instance 0)');
    assert.equal(symbol!.children![0]!.kind, SymbolKind.Constant);
    assert.deepEqual(outline(symbol!.children!), ['192.168.30.5/24 (data)', 'vlan30 (ce123000)']);
  });

  test('a DHCP file and an empty file', () => {
    const dhcp = docIn('dhcp.ce0', 'primary\nwait 30\n', 'LF');
    assert.deepEqual(outline(documentSymbols(dhcp.doc, dhcp.host)), ['ce0 (DHCP · driver ce, instance 0)']);
    const empty = docIn('hostname.e1000g1', '', 'LF');
    const symbols = documentSymbols(empty.doc, empty.host);
    assert.deepEqual(outline(symbols), ['e1000g1 (IPv4 · driver e1000g, instance 1)']);
    assertWellFormed(symbols);
  });

  eolTest('a logical-interface file', 'web1-vip netmask + broadcast + up\n', (text, eol) => {
    const { doc, host } = docIn('hostname.ce0:1', text, eol);
    assert.deepEqual(outline(documentSymbols(doc, host)), ['ce0:1 (IPv4 · logical interface 1 of ce0; driver ce, instance 0)', '  web1-vip (data)']);
  });
});

describe('document symbols: hosts, netmasks, mpathd', () => {
  eolTest('hosts: one symbol per entry, names as official and aliases', FILES['inet/hosts']!, (text, eol) => {
    const { doc, host } = docIn('inet/hosts', text, eol);
    const symbols = documentSymbols(doc, host);
    assert.deepEqual(outline(symbols).slice(0, 5), [
      '127.0.0.1 (localhost)',
      '  localhost (official)',
      '192.168.10.10 (web1)',
      '  web1 (official)',
      '  loghost (alias)',
    ]);
    assert.equal(symbols.length, 4);
    assertWellFormed(symbols);
  });

  test('a long hosts file is capped, and says so', () => {
    const text = Array.from({ length: 20 }, (_, i) => `10.0.0.${i + 1}\th${i}\n`).join('');
    const { doc, host } = docIn('inet/hosts', text, 'LF');
    const { symbols, truncated } = documentSymbolsCapped(doc, host, { limit: 5 });
    assert.equal(symbols.length, 5);
    assert.equal(truncated, true);
    assert.equal(documentSymbolsCapped(doc, host).truncated, false);
  });

  eolTest('netmasks: network, mask and prefix; a line libnsl drops says so', '# nets\n192.168.10.0\t255.255.255.0\n10.0.0.0\t255.255.255.255\n', (text, eol) => {
    const { doc, host } = docIn('inet/netmasks', text, eol);
    const symbols = documentSymbols(doc, host);
    assert.deepEqual(outline(symbols), ['192.168.10.0 (255.255.255.0 (/24))', '10.0.0.0 (255.255.255.255 — ignored by libnsl)']);
    assertWellFormed(symbols);
  });

  eolTest('mpathd: each setting with its value, and why a line is not read', '# x\nFAILBACK=no\nfailback=yes\nFAILURE_DETECTION_TIME = 5000\nFOO=1\n', (text, eol) => {
    const { doc, host } = docIn('default/mpathd', text, eol);
    const symbols = documentSymbols(doc, host);
    assert.deepEqual(outline(symbols), [
      'FAILBACK (no)',
      'failback (yes (not read: line 2 sets it))',
      // The value is what in.mpathd would get, blank included.
      'FAILURE_DETECTION_TIME ( 5000 (not read as written))',
      'FOO (1 (unknown to in.mpathd))',
    ]);
    assert.ok(symbols.every((s) => s.kind === SymbolKind.Property));
    assertWellFormed(symbols);
  });
});

describe('workspace symbols', () => {
  const web1 = hostOf(FILES, 'file:///srv/hosts/web1/etc');
  const db1 = hostOf(
    {
      'inet/hosts': '192.168.40.10\tdb1\n192.168.40.11\tdb1-e1000g0-test\n',
      'hostname.e1000g0': 'db1 netmask + broadcast + group prod up\n',
      'hostname.e1000g1': 'group prod up\n',
    },
    'file:///srv/hosts/db1/etc',
  );

  test('groups of every host, the host as container', () => {
    const { symbols, incomplete } = workspaceSymbols([web1, db1], 'prod', 100);
    assert.equal(incomplete, false);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.containerName]),
      [
        ['prod', SymbolKind.Namespace, 'web1'],
        ['prod', SymbolKind.Namespace, 'db1'],
      ],
    );
    const location = symbols[0]!.location as { uri: string; range: Range };
    assert.equal(location.uri, 'file:///srv/hosts/web1/etc/hostname.ce0');
  });

  test('host names and interfaces, case-insensitive subsequence, prefix matches first', () => {
    const names = workspaceSymbols([web1, db1], 'CE0', 100).symbols.map((s) => `${s.name}@${s.containerName}`);
    assert.deepEqual(names, ['ce0@web1', 'ce0 (IPv6)@web1', 'web1-ce0-test@web1']);
    const sub = workspaceSymbols([web1, db1], 'dbt', 100).symbols.map((s) => s.name);
    assert.deepEqual(sub, ['db1-e1000g0-test']);
    const interfaces = workspaceSymbols([db1], 'e1000g', 100).symbols.filter((s) => s.kind === SymbolKind.Interface);
    assert.deepEqual(
      interfaces.map((s) => s.name),
      ['e1000g0', 'e1000g1'],
    );
  });

  test('capped, and says when it was cut', () => {
    const all = workspaceSymbols([web1, db1], '', 1000);
    assert.equal(all.incomplete, false);
    const cut = workspaceSymbols([web1, db1], '', 3);
    assert.equal(cut.symbols.length, 3);
    assert.equal(cut.incomplete, true);
    assert.ok(all.symbols.length > 3);
  });

  test('the host label and the match score', () => {
    assert.equal(hostLabel(web1), 'web1');
    assert.equal(hostLabel({ ...web1, rootUri: 'file:///tmp/copy' }), 'copy');
    assert.equal(matchScore('web1-ce0-test', 'web'), 3);
    assert.equal(matchScore('web1-ce0-test', 'ce0'), 2);
    assert.equal(matchScore('web1-ce0-test', 'wct'), 1);
    assert.equal(matchScore('web1-ce0-test', 'x'), 0);
  });
});

// ---------------------------------------------------------------------------------------
// Hover additions: interfaces (§1.2), groups' members and roles (§3.2, §3.3, §3.6)

function hoverValue(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as { value: string }).value;
}

function hoverIn(name: string, marked: string, eol: Eol, overrides: Record<string, string> = {}): string {
  const { text, offset } = cursorAt(marked);
  const { doc, host } = docIn(name, text, eol, overrides);
  return hoverValue(hover(doc, offset, host, { markdown: true }));
}

describe('hover: interfaces and groups', () => {
  test('interface summaries', () => {
    assert.equal(interfaceSummary('ce0'), 'driver ce, instance 0');
    assert.equal(interfaceSummary('ce123000'), 'VLAN 123 on ce0 (driver ce, instance 0)');
    assert.equal(interfaceSummary('hostname.bge5002'), 'VLAN 5 on bge2 (driver bge, instance 2)');
    assert.equal(interfaceSummary('hostname6.e1000g1:2'), 'logical interface 2 of e1000g1; driver e1000g, instance 1');
    assert.equal(interfaceSummary('ip.tun0'), 'tunnel over IPv4, number 0');
    assert.equal(interfaceSummary('aggr1'), 'link aggregation with key 1');
    assert.match(interfaceSummary('hostname.ce0.bak1'), /skips names with a further '\.'/);
  });

  eolTest('an address shows the interface the file configures', 'web|1 netmask + broadcast + up\n', (marked, eol) => {
    const value = hoverIn('hostname.ce123000', marked, eol);
    assert.match(value, /`web1` → `192\.168\.10\.10`/);
    assert.ok(value.endsWith('On `ce123000`: VLAN 123 on ce0 (driver ce, instance 0).'), value);
  });

  eolTest('a group: each member with its role and addresses, and how failure is detected', FILES['hostname.ce0']!.replace('group prod', 'group pr|od'), (marked, eol) => {
    const value = hoverIn('hostname.ce0', marked, eol);
    assert.match(value, /- `ce0` active: data `web1` \(192\.168\.10\.10\); test `web1-ce0-test` \(192\.168\.10\.11\), the IPv6 link-local address/);
    assert.match(value, /- `ce1` standby: test `web1-ce1-test` \(192\.168\.10\.12\)/);
    assert.match(value, /\*\*probe-based\*\*/);
  });

  eolTest('a group with a member that has no test address: link-based there', 'web1 netmask + broadcast + group prod up\n', (marked, eol) => {
    const value = hoverIn('hostname.ce0', marked.replace('group prod', 'group p|rod'), eol, { 'hostname6.ce0': '' });
    assert.match(value, /probe-based on `ce1`; \*\*link-based only\*\* on `ce0`/);
  });

  eolTest('a literal address lists the names it has', '192.168.10.1|1 deprecated -failover netmask + broadcast + group prod up\n', (marked, eol) => {
    const value = hoverIn('hostname.ce1', marked, eol);
    assert.match(value, /Named in inet\/hosts: `web1-ce0-test`\./);
    assert.match(value, /On `ce1`: driver ce, instance 1\./);
  });
});
