/**
 * Definition, references and document highlights over one host built by hand: host names
 * to their hosts and ipnodes entries, groups to their members, `netmask +` to the netmasks
 * entry libnsl's lookup finds. `|` marks the cursor; every case runs under LF and CRLF
 * (the whole host is converted, not only the file with the cursor).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind, type Location, type LocationLink } from 'vscode-languageserver-types';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import { definition, documentHighlights, references } from '../../server/src/features/navigation';
import { createNameLookup } from '../../server/src/engine/names';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { LineIndex } from '../../server/src/syntax/text';
import { cursorAt, eolTest, textIn, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

/** Probe-based active-standby with IPv6 link-local probing as well (§3.7). */
const FILES: Record<string, string> = {
  'inet/hosts': '# web1\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1 loghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n',
  'inet/ipnodes': '::1\tlocalhost\n192.168.10.10\tWeb1\n',
  'inet/netmasks': '192.168.0.0\t255.255.0.0\n192.168.10.0\t255.255.255.0\n',
  'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n',
  'hostname6.ce0': '-failover group prod up\n',
};

/** The host with `files` (overrides FILES; `undefined` removes a file), every text with `eol`. */
function hostOf(eol: Eol, overrides: Record<string, string | undefined> = {}, root = ROOT): { host: HostView; texts: Map<string, string> } {
  const files = { ...FILES, ...overrides };
  const texts = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) if (text !== undefined) texts.set(`${root}/${name}`, withEol(text, eol));
  const hostsText = texts.get(`${root}/inet/hosts`);
  const ipnodesText = texts.get(`${root}/inet/ipnodes`);
  const netmasksText = texts.get(`${root}/inet/netmasks`);
  const hosts = hostsText === undefined ? undefined : { uri: `${root}/inet/hosts`, label: 'inet/hosts', file: parseHosts(hostsText) };
  const ipnodes = ipnodesText === undefined ? undefined : { uri: `${root}/inet/ipnodes`, label: 'inet/ipnodes', file: parseHosts(ipnodesText) };
  const host: HostView = {
    rootUri: root,
    hosts,
    ipnodes,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }, ...(ipnodes ? [{ ...ipnodes, kind: 'ipnodes' as const }] : [])]) : undefined,
    netmasks: netmasksText === undefined ? undefined : { uri: `${root}/inet/netmasks`, label: 'inet/netmasks', file: parseNetmasks(netmasksText) },
    interfaces: Object.keys(files)
      .filter((name) => /^(hostname6?|dhcp)\./.test(name) && files[name] !== undefined)
      .map((name) => ({ uri: `${root}/${name}`, baseName: name, file: parseHostnameFile(texts.get(`${root}/${name}`)!, { fileName: name }) })),
    newHostsUri: `${root}/hosts`,
  };
  return { host, texts };
}

/**
 * `marked` is the text of file `name` with a `|`; it replaces that file in the host. Returns
 * the parsed document, the cursor position and the host.
 */
function at(name: string, marked: string, eol: Eol, overrides: Record<string, string | undefined> = {}) {
  const { text, offset } = cursorAt(marked);
  // eolTest already converted `marked`; the host's other files follow the same ending.
  const { host, texts } = hostOf(eol, { ...overrides, [name]: text });
  const uri = `${ROOT}/${name}`;
  const doc: ParsedDocument = parseDocument(uri, new URL(uri).pathname, classifyPath(new URL(uri).pathname)!, text);
  const position = new LineIndex(text).positionAt(offset);
  return { doc, position, host, texts };
}

/** `file: covered text` for each location, in order. */
function places(texts: Map<string, string>, locations: readonly Location[]): string[] {
  return locations.map((l) => {
    const text = texts.get(l.uri)!;
    const index = new LineIndex(text);
    return `${l.uri.slice(ROOT.length + 1)}: ${text.slice(index.offsetAt(l.range.start), index.offsetAt(l.range.end))}`;
  });
}

function covered(texts: Map<string, string>, uri: string, range: Location['range']): string {
  const text = texts.get(uri)!;
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

const CE0 = FILES['hostname.ce0']!;

describe('definition', () => {
  eolTest('a host name in a hostname file goes to its hosts and ipnodes entries', CE0.replace('web1 netmask', 'we|b1 netmask'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['inet/hosts: web1', 'inet/ipnodes: Web1']);
  });

  eolTest('with link support: the whole entry as target, the name as selection, the word as origin', CE0.replace('web1 netmask', 'web1| netmask'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    const links = definition(doc, position, host, { linkSupport: true }) as LocationLink[];
    assert.equal(links.length, 2);
    const [hosts] = links;
    assert.equal(hosts!.targetUri, `${ROOT}/inet/hosts`);
    assert.equal(covered(texts, hosts!.targetUri, hosts!.targetRange), '192.168.10.10\tweb1 loghost');
    assert.equal(covered(texts, hosts!.targetUri, hosts!.targetSelectionRange), 'web1');
    assert.equal(covered(texts, `${ROOT}/hostname.ce0`, hosts!.originSelectionRange!), 'web1');
  });

  eolTest('an addif argument, spelt in another case, still finds its entry (names ignore case, §5.1)', CE0.replace('addif web1-ce0-test', 'addif WEB1-CE0-te|st'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['inet/hosts: web1-ce0-test']);
  });

  eolTest('a name no hosts file defines has no definition', 'newh|ost netmask + broadcast + up\n', (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    assert.deepEqual(definition(doc, position, host), []);
  });

  eolTest('a group goes to every member’s group word, IPv6 files included', CE0.replace('group prod', 'group pr|od'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['hostname.ce0: prod', 'hostname.ce1: prod', 'hostname6.ce0: prod']);
  });

  eolTest('a group as a link shows the member’s whole line', FILES['hostname.ce1']!.replace('group prod', 'group |prod'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce1', marked, eol);
    const links = definition(doc, position, host, { linkSupport: true }) as LocationLink[];
    const ce1 = links.find((l) => l.targetUri.endsWith('/hostname.ce1'))!;
    assert.equal(covered(texts, ce1.targetUri, ce1.targetRange), 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up');
  });

  eolTest('a group spelt in another case is another group (§3.1)', 'web1 netmask + broadcast + group Pr|od up\n', (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['hostname.ce0: Prod']);
  });

  eolTest('`netmask +` on the + goes to the longest matching netmasks entry (§1.8)', CE0.replace('failover netmask + broadcast', 'failover netmask |+ broadcast'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['inet/netmasks: 192.168.10.0\t255.255.255.0']);
  });

  eolTest('`netmask +` on the keyword, as a link with the network number selected', CE0.replace('web1 netmask', 'web1 net|mask'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol);
    const [link, ...rest] = definition(doc, position, host, { linkSupport: true }) as LocationLink[];
    assert.equal(rest.length, 0);
    assert.equal(covered(texts, link!.targetUri, link!.targetSelectionRange), '192.168.10.0');
    assert.equal(covered(texts, `${ROOT}/hostname.ce0`, link!.originSelectionRange!), 'netmask +');
  });

  eolTest('`netmask +` finds only what libnsl finds: a key that disagrees with its mask is skipped', '172.20.20.10 net|mask + broadcast + up\n', (marked, eol) => {
    // 172.20.20.0 with a /16 mask never matches, and the classful key is 172.20.0.0 (§1.8).
    const { doc, position, host } = at('hostname.ce0', marked, eol, { 'inet/netmasks': '172.20.20.0\t255.255.0.0\n' });
    assert.deepEqual(definition(doc, position, host), []);
  });

  eolTest('`netmask +` with a literal address uses the literal', '10.1.2.3 netmask |+ up\n', (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol, { 'inet/netmasks': '10.0.0.0\t255.255.0.0\n' });
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['inet/netmasks: 10.0.0.0\t255.255.0.0']);
  });

  eolTest('an explicit mask, or no netmasks file, has no definition', 'web1 net|mask 255.255.255.0 up\n', (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    assert.deepEqual(definition(doc, position, host), []);
    const plus = at('hostname.ce0', 'web1 netmask |+ up\n', eol, { 'inet/netmasks': undefined });
    assert.deepEqual(definition(plus.doc, plus.position, plus.host), []);
  });

  eolTest('in hosts, a name goes to its own entries and to ipnodes', FILES['inet/hosts']!.replace('\tweb1 loghost', '\tw|eb1 loghost'), (marked, eol) => {
    const { doc, position, host, texts } = at('inet/hosts', marked, eol);
    assert.deepEqual(places(texts, definition(doc, position, host) as Location[]), ['inet/hosts: web1', 'inet/ipnodes: Web1']);
  });

  eolTest('a keyword or an address is no symbol', CE0.replace('group prod up', 'group prod u|p'), (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    assert.deepEqual(definition(doc, position, host), []);
  });
});

describe('references', () => {
  eolTest('a host name: hosts, ipnodes and every hostname file of its host', 'web1 netmask + broadcast + up\naddif WEB|1 up\n', (marked, eol) => {
    const { doc, position, host, texts } = at('hostname.ce0', marked, eol, { 'hostname.ce2': 'web1 netmask + broadcast + up\n' });
    assert.deepEqual(places(texts, references(doc, position, host, true)), [
      'inet/hosts: web1',
      'inet/ipnodes: Web1',
      'hostname.ce0: web1',
      'hostname.ce0: WEB1',
      'hostname.ce2: web1',
    ]);
    assert.deepEqual(places(texts, references(doc, position, host, false)), ['hostname.ce0: web1', 'hostname.ce0: WEB1', 'hostname.ce2: web1']);
  });

  eolTest('the same from the hosts file, a multi-homed name on two lines', '192.168.10.10\tweb1 loghost\n192.168.20.10\twe|b1\n', (marked, eol) => {
    const { doc, position, host, texts } = at('inet/hosts', marked, eol);
    assert.deepEqual(places(texts, references(doc, position, host, true)), ['inet/hosts: web1', 'inet/hosts: web1', 'inet/ipnodes: Web1', 'hostname.ce0: web1']);
  });

  eolTest('a group across its members, whatever includeDeclaration says', FILES['hostname6.ce0']!.replace('group prod', 'group pro|d'), (marked, eol) => {
    const { doc, position, host, texts } = at('hostname6.ce0', marked, eol);
    const expected = ['hostname.ce0: prod', 'hostname.ce1: prod', 'hostname6.ce0: prod'];
    assert.deepEqual(places(texts, references(doc, position, host, true)), expected);
    assert.deepEqual(places(texts, references(doc, position, host, false)), expected);
  });

  eolTest('a file the host does not list yet (new, unsaved) counts', 'web1-ce2-test deprecated -failover group pr|od up\n', (marked, eol) => {
    const { text, offset } = cursorAt(marked);
    const { host, texts } = hostOf(eol);
    const uri = `${ROOT}/hostname.ce2`;
    texts.set(uri, text);
    const doc = parseDocument(uri, '/srv/web1/etc/hostname.ce2', 'hostname', text);
    const found = places(texts, references(doc, new LineIndex(text).positionAt(offset), host, true));
    assert.deepEqual(found, ['hostname.ce0: prod', 'hostname.ce1: prod', 'hostname6.ce0: prod', 'hostname.ce2: prod']);
  });

  test('another host with the same names is never looked at', () => {
    const other = hostOf('LF', {}, 'file:///srv/db1/etc').host;
    const { doc, position, host } = at('hostname.ce0', CE0.replace('group prod', 'group |prod'), 'LF');
    const uris = references(doc, position, host, true).map((l) => l.uri);
    assert.ok(uris.every((u) => u.startsWith(`${ROOT}/`)), uris.join());
    assert.ok(other.interfaces.every((i) => !uris.includes(i.uri)));
  });
});

describe('document highlights', () => {
  eolTest('a group word is a write, host names in hostname files are reads', 'web1 netmask + broadcast + group prod up \\\naddif we|b1 up\n', (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    const { text } = cursorAt(marked);
    const highlights = documentHighlights(doc, position, host);
    assert.deepEqual(
      highlights.map((h) => [textIn(text, h.range), h.kind]),
      [
        ['web1', DocumentHighlightKind.Read],
        ['web1', DocumentHighlightKind.Read],
      ],
    );
    const group = at('hostname.ce0', marked.replace('|', '').replace('group prod', 'group p|rod'), eol);
    assert.deepEqual(
      documentHighlights(group.doc, group.position, group.host).map((h) => h.kind),
      [DocumentHighlightKind.Write],
    );
  });

  eolTest('in hosts, every entry of the name, as writes, and only in this file', '192.168.10.10\tweb1 loghost\n192.168.20.10\tWEB1|\n', (marked, eol) => {
    const { doc, position, host } = at('inet/hosts', marked, eol);
    const highlights = documentHighlights(doc, position, host);
    assert.equal(highlights.length, 2);
    assert.ok(highlights.every((h) => h.kind === DocumentHighlightKind.Write));
    assert.deepEqual(
      highlights.map((h) => h.range.start.line),
      [0, 1],
    );
  });

  eolTest('nothing on a blank or a keyword', 'web1  |  up\n', (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    assert.deepEqual(documentHighlights(doc, position, host), []);
  });
});
