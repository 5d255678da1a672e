/**
 * Rename of host names and groups within one host: prepareRename, the workspace edit
 * applied to every file of the host, refusals with their reasons, and a 500-host estate
 * where renaming a group in one host touches exactly that host's files. `|` marks the
 * cursor; every case with line breaks runs under LF and CRLF.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import { groupNameProblem, isRenameRefusal, prepareRename, rename, type RenameRefusal } from '../../server/src/features/rename';
import { createNameLookup } from '../../server/src/engine/names';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex } from '../../server/src/syntax/text';
import { applyEdits, cursorAt, eolTest, textIn, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

const FILES: Record<string, string> = {
  'inet/hosts': '127.0.0.1\tlocalhost\n192.168.10.10\tweb1 loghost\t# data\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n192.168.20.10\tbackup1\n',
  'inet/ipnodes': '192.168.10.10\tWeb1\n',
  'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n',
  'hostname6.ce0': '-failover group prod up\n',
  'hostname.ce2': 'backup1 netmask + broadcast + group backup up\n',
};

function hostOf(files: Record<string, string>, root = ROOT): HostView {
  const hostsText = files['inet/hosts'];
  const ipnodesText = files['inet/ipnodes'];
  const hosts = hostsText === undefined ? undefined : { uri: `${root}/inet/hosts`, label: 'inet/hosts', file: parseHosts(hostsText) };
  const ipnodes = ipnodesText === undefined ? undefined : { uri: `${root}/inet/ipnodes`, label: 'inet/ipnodes', file: parseHosts(ipnodesText) };
  return {
    rootUri: root,
    hosts,
    ipnodes,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }, ...(ipnodes ? [{ ...ipnodes, kind: 'ipnodes' as const }] : [])]) : undefined,
    interfaces: Object.keys(files)
      .filter((name) => /^(hostname6?|dhcp)\./.test(name))
      .map((name) => ({ uri: `${root}/${name}`, baseName: name, file: parseHostnameFile(files[name]!, { fileName: name }) })),
    newHostsUri: `${root}/hosts`,
  };
}

/** The fixture host with file `name` replaced by `marked` (cursor removed), all under `eol`. */
function at(name: string, marked: string, eol: Eol, overrides: Record<string, string> = {}) {
  const { text, offset } = cursorAt(marked);
  const files: Record<string, string> = {};
  for (const [n, t] of Object.entries({ ...FILES, ...overrides })) files[n] = withEol(t, eol);
  files[name] = text;
  const uri = `${ROOT}/${name}`;
  const path = new URL(uri).pathname;
  const doc: ParsedDocument = parseDocument(uri, path, classifyPath(path)!, text);
  return { doc, position: new LineIndex(text).positionAt(offset), host: hostOf(files), files, text };
}

/** The files after applying the edit, by name; only the changed ones. */
function applied(files: Record<string, string>, edit: WorkspaceEdit, root = ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const name = uri.slice(root.length + 1);
    assert.ok(name in files, `edit for a file outside the host: ${uri}`);
    out[name] = applyEdits(files[name]!, edits as TextEdit[]);
  }
  return out;
}

function edited(result: WorkspaceEdit | RenameRefusal): WorkspaceEdit {
  assert.ok(!isRenameRefusal(result), `refused: ${(result as RenameRefusal).error}`);
  return result;
}

function refusal(result: WorkspaceEdit | RenameRefusal): string {
  assert.ok(isRenameRefusal(result), 'expected a refusal');
  return result.error;
}

const CE0 = FILES['hostname.ce0']!;

describe('prepareRename', () => {
  eolTest('a group: its word and current name', CE0.replace('group prod', 'group pr|od'), (marked, eol) => {
    const { doc, position, host, text } = at('hostname.ce0', marked, eol);
    const prepared = prepareRename(doc, position, host);
    assert.ok(prepared && 'range' in prepared);
    assert.equal(prepared.placeholder, 'prod');
    assert.equal(textIn(text, prepared.range), 'prod');
  });

  eolTest('a host name as written, in a hosts file too', FILES['inet/hosts']!.replace('\tweb1 loghost', '\tweb|1 loghost'), (marked, eol) => {
    const { doc, position, host } = at('inet/hosts', marked, eol);
    const prepared = prepareRename(doc, position, host);
    assert.ok(prepared && 'placeholder' in prepared);
    assert.equal(prepared.placeholder, 'web1');
  });

  eolTest('a keyword, an address, `+` and `""` are refused with the reason', 'web1 netmask + u|p\n', (marked, eol) => {
    const keyword = at('hostname.ce0', marked, eol);
    assert.match((prepareRename(keyword.doc, keyword.position, keyword.host) as RenameRefusal).error, /`up` is an ifconfig keyword/);
    const address = at('hostname.ce0', '192.168.10.1|0 up\n', eol);
    assert.match((prepareRename(address.doc, address.position, address.host) as RenameRefusal).error, /is an address, not a name/);
    const plus = at('hostname.ce0', 'web1 netmask |+ up\n', eol);
    assert.match((prepareRename(plus.doc, plus.position, plus.host) as RenameRefusal).error, /`\+` is not a name/);
    const empty = at('hostname.ce0', 'web1 group "|" up\n', eol);
    assert.match((prepareRename(empty.doc, empty.position, empty.host) as RenameRefusal).error, /not a group name to rename/);
    const hostsAddress = at('inet/hosts', '192.168.10.1|0\tweb1\n', eol);
    assert.match((prepareRename(hostsAddress.doc, hostsAddress.position, hostsAddress.host) as RenameRefusal).error, /is an address/);
  });

  eolTest('nothing under the cursor: null', 'web1  |  up\n', (marked, eol) => {
    const { doc, position, host } = at('hostname.ce0', marked, eol);
    assert.equal(prepareRename(doc, position, host), null);
  });
});

describe('rename', () => {
  eolTest('a group across every member’s file, IPv6 included, and nowhere else', CE0.replace('group prod', 'group p|rod'), (marked, eol) => {
    const { doc, position, host, files } = at('hostname.ce0', marked, eol);
    const after = applied(files, edited(rename(doc, position, 'web', host)));
    assert.deepEqual(Object.keys(after).sort(), ['hostname.ce0', 'hostname.ce1', 'hostname6.ce0']);
    assert.equal(after['hostname.ce1'], withEol('web1-ce1-test deprecated -failover netmask + broadcast + group web standby up\n', eol));
    assert.equal(after['hostname6.ce0'], withEol('-failover group web up\n', eol));
    for (const text of Object.values(after)) assert.ok(!/\bprod\b/.test(text), text);
  });

  eolTest('a host name across hosts, ipnodes and hostname files, whatever its case', 'web1 netmask + broadcast + group prod up \\\naddif WEB|1 up\n', (marked, eol) => {
    const { doc, position, host, files } = at('hostname.ce0', marked, eol, { 'hostname.ce3': 'Web1 netmask + broadcast + up\n' });
    const after = applied(files, edited(rename(doc, position, 'www1', host)));
    assert.deepEqual(Object.keys(after).sort(), ['hostname.ce0', 'hostname.ce3', 'inet/hosts', 'inet/ipnodes']);
    assert.equal(after['hostname.ce0'], withEol('www1 netmask + broadcast + group prod up \\\naddif www1 up\n', eol));
    assert.equal(after['hostname.ce3'], withEol('www1 netmask + broadcast + up\n', eol));
    assert.equal(after['inet/ipnodes'], withEol('192.168.10.10\twww1\n', eol));
    // Comments and the other names of the line stay as they were.
    assert.match(after['inet/hosts']!, /192\.168\.10\.10\twww1 loghost\t# data\r?\n/);
  });

  eolTest('started from the hosts file', FILES['inet/hosts']!.replace('web1-ce1-test', 'web1-ce1-te|st'), (marked, eol) => {
    const { doc, position, host, files } = at('inet/hosts', marked, eol);
    const after = applied(files, edited(rename(doc, position, 'web1-test1', host)));
    assert.deepEqual(Object.keys(after).sort(), ['hostname.ce1', 'inet/hosts']);
    assert.ok(after['hostname.ce1']!.startsWith('web1-test1 deprecated'));
  });

  eolTest('changing only the case of a host name is allowed', CE0.replace('web1 netmask', 'w|eb1 netmask'), (marked, eol) => {
    const { doc, position, host, files } = at('hostname.ce0', marked, eol);
    const after = applied(files, edited(rename(doc, position, 'Web1', host)));
    // ipnodes already spells it Web1: no edit there.
    assert.deepEqual(Object.keys(after).sort(), ['hostname.ce0', 'inet/hosts']);
  });

  eolTest('a group word split by a backslash-newline is replaced whole (the shell joined it anyway)', 'web1 netmask + broadcast + group pr\\\nod up\n', (marked, eol) => {
    const text = marked;
    const doc = parseDocument(`${ROOT}/hostname.ce0`, '/srv/web1/etc/hostname.ce0', 'hostname', text);
    const files = { ...Object.fromEntries(Object.entries(FILES).map(([n, t]) => [n, withEol(t, eol)])), 'hostname.ce0': text };
    const host = hostOf(files);
    const position = new LineIndex(text).positionAt(text.indexOf('pr') + 1);
    const after = applied(files, edited(rename(doc, position, 'web', host)));
    assert.equal(after['hostname.ce0'], withEol('web1 netmask + broadcast + group web up\n', eol));
  });

  test('a name only hostname files use (not yet in hosts) can be renamed', () => {
    const { doc, position, host, files } = at('hostname.ce0', 'newh|ost netmask + broadcast + up\n', 'LF');
    const after = applied(files, edited(rename(doc, position, 'web2', host)));
    assert.deepEqual(after, { 'hostname.ce0': 'web2 netmask + broadcast + up\n' });
  });
});

describe('rename refusals', () => {
  const onHost = (eol: Eol) => at('hostname.ce0', CE0.replace('web1 netmask', 'we|b1 netmask'), eol);
  const onGroup = (eol: Eol) => at('hostname.ce0', CE0.replace('group prod', 'group pr|od'), eol);

  eolTest('a host name already defined in this host, in any case', CE0, (_text, eol) => {
    const { doc, position, host } = onHost(eol);
    assert.match(refusal(rename(doc, position, 'web1-ce1-test', host)), /already defines `web1-ce1-test` \(inet\/hosts, line 4: 192\.168\.10\.12\)/);
    assert.match(refusal(rename(doc, position, 'LOGHOST', host)), /already defines `LOGHOST`.*case-insensitive/);
  });

  eolTest('an invalid host name: RFC 952/1123, a keyword, an address, nothing', CE0, (_text, eol) => {
    const { doc, position, host } = onHost(eol);
    assert.match(refusal(rename(doc, position, 'web_1', host)), /not a valid host name \(it contains '_'/);
    assert.match(refusal(rename(doc, position, 'web1-', host)), /ends with '-'/);
    assert.match(refusal(rename(doc, position, 'up', host)), /`up` is an ifconfig keyword|'up' is an ifconfig keyword/);
    assert.match(refusal(rename(doc, position, 'inet6', host)), /address-family word/);
    assert.match(refusal(rename(doc, position, '0x0a000001', host)), /read it as an address/);
    assert.match(refusal(rename(doc, position, '10.0.0.1', host)), /all digits/);
    assert.match(refusal(rename(doc, position, '', host)), /cannot be empty/);
  });

  eolTest('a group that already exists in this host', CE0, (_text, eol) => {
    const { doc, position, host } = onGroup(eol);
    assert.match(refusal(rename(doc, position, 'backup', host)), /group `backup` already exists in this host \(hostname\.ce2\); the two groups would merge/);
  });

  eolTest('an invalid group name: keyword, blank, #, too long, quotes, patterns, empty', CE0, (_text, eol) => {
    const { doc, position, host } = onGroup(eol);
    assert.match(refusal(rename(doc, position, 'standby', host)), /ifconfig keyword/);
    assert.match(refusal(rename(doc, position, 'web prod', host)), /blank/);
    assert.match(refusal(rename(doc, position, '#prod', host)), /'#'/);
    assert.match(refusal(rename(doc, position, 'p'.repeat(32), host)), /32 bytes long; group names have at most 31/);
    assert.match(refusal(rename(doc, position, '""', host)), /literally named/);
    assert.match(refusal(rename(doc, position, 'prod*', host)), /file pattern/);
    assert.match(refusal(rename(doc, position, '', host)), /cannot be empty/);
  });

  test('group name limits count bytes, and a case change is a different group (allowed)', () => {
    assert.equal(groupNameProblem('p'.repeat(31)), undefined);
    assert.match(groupNameProblem('é'.repeat(16))!, /32 bytes/);
    const { doc, position, host, files } = onGroup('LF');
    const after = applied(files, edited(rename(doc, position, 'Prod', host)));
    assert.deepEqual(Object.keys(after).sort(), ['hostname.ce0', 'hostname.ce1', 'hostname6.ce0']);
  });

  test('nothing to rename under the cursor', () => {
    const { doc, position, host } = at('hostname.ce0', 'web1  |  up\n', 'LF');
    assert.match(refusal(rename(doc, position, 'x', host)), /Nothing to rename/);
  });
});

describe('rename across an estate of 500 hosts', () => {
  const HOSTS = 500;
  const rootOf = (i: number): string => `file:///estate/hosts/h${i}/etc`;
  const filesOf = (i: number): Record<string, string> => ({
    'inet/hosts': `192.168.${i % 250}.10\th${i}\n192.168.${i % 250}.11\th${i}-ce0-test\n192.168.${i % 250}.12\th${i}-ce1-test\n`,
    'hostname.ce0': `h${i} netmask + broadcast + group prod up \\\naddif h${i}-ce0-test deprecated -failover netmask + broadcast + up\n`,
    'hostname.ce1': `h${i}-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n`,
  });

  test('renaming prod to web in one host is one edit that changes exactly that host, leaving no prod behind', () => {
    const estate = Array.from({ length: HOSTS }, (_, i) => ({ files: filesOf(i), host: hostOf(filesOf(i), rootOf(i)) }));
    for (const chosen of [0, 137, 499]) {
      const { files, host } = estate[chosen]!;
      const text = files['hostname.ce1']!;
      const uri = `${rootOf(chosen)}/hostname.ce1`;
      const doc = parseDocument(uri, new URL(uri).pathname, 'hostname', text);
      const position = new LineIndex(text).positionAt(text.indexOf('group prod') + 'group p'.length);
      const edit = edited(rename(doc, position, 'web', host));
      const uris = Object.keys(edit.changes ?? {}).sort();
      assert.deepEqual(uris, [`${rootOf(chosen)}/hostname.ce0`, `${rootOf(chosen)}/hostname.ce1`]);
      const after = applied(files, edit, rootOf(chosen));
      for (const [name, changed] of Object.entries(after)) {
        assert.ok(!changed.includes('prod'), `${name} still says prod`);
        assert.ok(changed.includes('group web'), name);
      }
      // Every other host keeps its group: nothing in the edit points into it.
      const touched = estate.filter((h) => h.host.interfaces.some((i) => uris.includes(i.uri)));
      assert.equal(touched.length, 1);
    }
  });
});
