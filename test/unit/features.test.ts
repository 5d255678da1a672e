/**
 * Hover, completion and code actions as pure functions: a parsed document and a host view
 * built by hand, `|` for the cursor, every text with line breaks under LF and CRLF.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, MarkupKind, type CodeAction, type CompletionList, type Hover, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { renderKeywordMarkdown, renderKeywordPlain } from '../../server/src/catalog/renderDocs';
import { checkHostnameFile } from '../../server/src/rules/hostnameRules';
import { checkHosts } from '../../server/src/rules/hostsRules';
import { createNameLookup } from '../../server/src/engine/names';
import { codeActions, TEMPLATE_KIND, type EditCapabilities } from '../../server/src/features/codeActions';
import { complete, MAX_NAME_ITEMS, type CompletionOptions } from '../../server/src/features/completion';
import { findingsFor, toDiagnostics } from '../../server/src/features/diagnostics';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import { hover, type HoverOptions } from '../../server/src/features/hover';
import type { HostView } from '../../server/src/features/hostView';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { baseName, type FileKind } from '../../server/src/syntax/fileKind';
import type { Release } from '../../server/src/catalog/releases';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { applyEdits, cursorAt, eolTest, textIn } from './helpers';

const ROOT = 'file:///srv/web1/etc';
const HOSTS_URI = `${ROOT}/hosts`;
const CE0 = `${ROOT}/hostname.ce0`;

const HOSTS = `127.0.0.1 localhost
192.168.10.10 myhost loghost
192.168.10.12 myhost-ce1-test
2001:db8::10 myhost-v6
`;
/** The other member of group prod (§3.7, probe-based active-active). */
const CE1 = 'myhost-ce1-test deprecated -failover netmask + broadcast + group prod up\n';

/**
 * A host as the workspace would describe it: its hosts file (or none) and its interface
 * files by base name. `root` is the host's `etc` folder.
 */
function hostOf(files: { hosts?: string; interfaces?: Record<string, string> }, root = ROOT): HostView {
  const hosts = files.hosts === undefined ? undefined : { uri: `${root}/hosts`, label: 'hosts', file: parseHosts(files.hosts) };
  return {
    rootUri: root,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }]) : undefined,
    hosts,
    interfaces: Object.entries(files.interfaces ?? {}).map(([name, text]) => ({
      uri: `${root}/${name}`,
      baseName: name,
      file: parseHostnameFile(text, { fileName: name }),
    })),
    newHostsUri: `${root}/hosts`,
  };
}

function kindOf(name: string): FileKind {
  return name === 'hosts' ? 'hosts' : name === 'mpathd' ? 'mpathd' : name === 'netmasks' ? 'netmasks' : 'hostname';
}

function docOf(uri: string, text: string): ParsedDocument {
  const path = new URL(uri).pathname;
  return parseDocument(uri, path, kindOf(baseName(path)), text);
}

// ---------------------------------------------------------------------------------------
// Hover

const HOVER_MD = { markdown: true };

/** Hover at the `|` of `marked` in file `name` of the standard host (the file itself included). */
function hoverAt(marked: string, name = 'hostname.ce0', options: HoverOptions = HOVER_MD): { hover: Hover | null; text: string } {
  const { text, offset } = cursorAt(marked);
  const uri = `${ROOT}/${name}`;
  const doc = docOf(uri, text);
  const interfaces = doc.kind === 'hostname' ? { 'hostname.ce1': CE1, [name]: text } : { 'hostname.ce1': CE1 };
  return { hover: hover(doc, offset, hostOf({ hosts: HOSTS, interfaces }), options), text };
}

function hoverValue(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const contents = h.contents as { kind: string; value: string };
  return contents.value;
}

describe('hover', () => {
  const twoLines = 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test dep|recated -failover netmask + broadcast + up\n';

  eolTest('keyword docs on deprecated, with the word as range', twoLines, (marked) => {
    const { hover: h, text } = hoverAt(marked);
    // No release given: Solaris 10 is the target the "By release" list marks.
    assert.equal(hoverValue(h), renderKeywordMarkdown('deprecated', 's10'));
    assert.equal((h!.contents as { kind: string }).kind, MarkupKind.Markdown);
    assert.equal(textIn(text, h!.range!), 'deprecated');
  });

  eolTest('keyword docs on -failover, plain text for clients without markdown', twoLines.replace('dep|recated -failover', 'deprecated -fail|over'), (marked) => {
    const { hover: h, text } = hoverAt(marked, 'hostname.ce0', { markdown: false });
    assert.equal((h!.contents as { kind: string }).kind, MarkupKind.PlainText);
    assert.equal(hoverValue(h), renderKeywordPlain('-failover', 's10'));
    assert.equal(textIn(text, h!.range!), '-failover');
  });

  // The target release is marked in a keyword's "By release" list (issue 13).
  const failover = twoLines.replace('dep|recated -failover', 'deprecated -fail|over');
  const targetLine = (value: string): string | undefined => value.split('\n').find((l) => l.includes('(your target)'));
  const byRelease: [Release, RegExp][] = [
    ['s10', /^- \*\*Solaris 8–10\*\* \(your target\): Does not imply `deprecated`/],
    ['s9', /^- \*\*Solaris 8–10\*\* \(your target\)/],
    ['osol', /^- \*\*OpenSolaris, illumos, Solaris 11\*\* \(your target\): Implies `deprecated`/],
    ['illumos', /^- \*\*OpenSolaris, illumos, Solaris 11\*\* \(your target\): Implies `deprecated`/],
    ['s11', /^- \*\*OpenSolaris, illumos, Solaris 11\*\* \(your target\): Implies `deprecated`/],
  ];
  for (const [release, line] of byRelease) {
    eolTest(`-failover on ${release}: its note marked, the Solaris 11 command shown`, failover, (marked) => {
      const value = hoverValue(hoverAt(marked, 'hostname.ce0', { markdown: true, release }).hover);
      assert.match(targetLine(value) ?? '', line);
      assert.equal(value.split('\n').filter((l) => l.includes('(your target)')).length, 1, 'one note marked');
      assert.match(value, /\*\*By release:\*\*\n- /);
      assert.match(value, /\*\*Solaris 11:\*\* `ipadm create-addr -T static -a <address>\/<len> <link>\/test`/);
    });
  }

  eolTest('ipmp on OpenSolaris, illumos and Solaris 11: the hostname-file note for the first two, the ipadm one for the last', 'ip|mp group ipmp0 192.168.10.10/24 up\n', (marked) => {
    const at = (release: Release): string => targetLine(hoverValue(hoverAt(marked, 'hostname.ipmp0', { markdown: true, release }).hover)) ?? '';
    assert.match(at('osol'), /^- \*\*OpenSolaris, illumos\*\* \(your target\): The first word of `\/etc\/hostname\.ipmp<n>`/);
    assert.equal(at('illumos'), at('osol'));
    assert.match(at('s11'), /^- \*\*Solaris 11\*\* \(your target\): Still known to ifconfig, but no hostname file is read/);
    assert.match(at('s10'), /^- \*\*Solaris 8–10\*\* \(your target\): No keyword/);
  });

  eolTest('plain text marks the target too, without markup', failover, (marked) => {
    const value = hoverValue(hoverAt(marked, 'hostname.ce0', { markdown: false, release: 'illumos' }).hover);
    assert.match(value, /^By release:\n- Solaris 8–10: Does not imply deprecated: an IPv4 test address needs both\.\n- OpenSolaris, illumos, Solaris 11 \(your target\): Implies deprecated; refused on the IPMP interface itself\.$/m);
    assert.match(value, /^Solaris 11: ipadm create-addr -T static -a <address>\/<len> <link>\/test on an underlying interface/m);
    assert.doesNotMatch(value, /`|\*\*/);
  });

  eolTest('mtu on Solaris 11: its one note marked, and its ipadm command', 'myhost netmask + broadcast + group prod mt|u 1400 up\n', (marked) => {
    const value = hoverValue(hoverAt(marked, 'hostname.ce0', { markdown: true, release: 's11' }).hover);
    assert.match(value, /\*\*Solaris 11:\*\* `ipadm set-ifprop -p mtu=<n> -m ipv4 <if>`/);
    assert.match(value, /- \*\*Solaris 11\*\* \(your target\): Also marks the MTU fixed/);
    const onS10 = hoverValue(hoverAt(marked, 'hostname.ce0', { markdown: true, release: 's10' }).hover);
    assert.match(onS10, /\n- Solaris 11: Also marks the MTU fixed/);
    assert.doesNotMatch(onS10, /your target/, 'no note for Solaris 10: nothing marked');
  });

  eolTest('a keyword that is the same everywhere has no "By release" list', 'myhost netmask + broadcast + group prod metr|ic 2 up\n', (marked) => {
    const value = hoverValue(hoverAt(marked, 'hostname.ce0', { markdown: true, release: 'illumos' }).hover);
    assert.doesNotMatch(value, /By release/);
    assert.match(value, /\*\*Solaris 11:\*\* `ipadm set-ifprop -p metric=<n> -m ipv4 <if>`/);
  });

  eolTest('+ after netmask: the netmasks lookup', 'myhost netmask |+ broadcast + up\n', (marked) => {
    const { hover: h, text } = hoverAt(marked);
    assert.equal(hoverValue(h), renderKeywordMarkdown('+'));
    assert.equal(textIn(text, h!.range!), '+');
  });

  eolTest('a + after nothing is a stray address', 'myhost up |+\n', (marked) => {
    assert.match(hoverValue(hoverAt(marked).hover), /bad address/);
  });

  eolTest('a host name: its address and the hosts line that defines it', 'myhost netmask + broadcast + up\naddif myhost-ce1-t|est up\n', (marked) => {
    const { hover: h, text } = hoverAt(marked);
    const value = hoverValue(h);
    assert.match(value, /`myhost-ce1-test` → `192\.168\.10\.12`/);
    assert.match(value, /hosts, line 3/);
    assert.ok(value.includes('192.168.10.12\tmyhost-ce1-test'), value);
    assert.equal(textIn(text, h!.range!), 'myhost-ce1-test');
  });

  eolTest('an unresolved name says so', 'newh|ost netmask + broadcast + up\n', (marked) => {
    const value = hoverValue(hoverAt(marked).hover);
    assert.match(value, /not defined/);
    assert.match(value, /newhost: bad address/);
  });

  eolTest('a group: its members in this host', 'myhost netmask + broadcast + group pr|od up\n', (marked) => {
    const { hover: h, text } = hoverAt(marked);
    assert.match(hoverValue(h), /Members in this host: `hostname\.ce1`, `hostname\.ce0`/);
    assert.equal(textIn(text, h!.range!), 'prod');
  });

  eolTest('an mpathd setting', '# in.mpathd\nFAILURE_DETECTION_TIME=10000\nFAIL|BACK=yes\n', (marked) => {
    const { hover: h, text } = hoverAt(marked, 'default/mpathd');
    const value = hoverValue(h);
    assert.ok(value.startsWith('**`FAILBACK`**'), value);
    assert.match(value, /Default: `yes`/);
    assert.equal(textIn(text, h!.range!), 'FAILBACK');
  });

  eolTest('nothing between words', 'myhost |  up\n', (marked) => {
    assert.equal(hoverAt(marked).hover, null);
  });
});

// ---------------------------------------------------------------------------------------
// Completion

const COMPLETION: CompletionOptions = { release: 's10', markdown: true, retrigger: false, snippets: false };

function completeAt(marked: string, name = 'hostname.ce0', host?: HostView): CompletionList {
  const { text, offset } = cursorAt(marked);
  const uri = `${ROOT}/${name}`;
  const doc = docOf(uri, text);
  const interfaces = doc.kind === 'hostname' ? { 'hostname.ce1': CE1, [name]: text } : { 'hostname.ce1': CE1 };
  return complete(doc, offset, host ?? hostOf({ hosts: HOSTS, interfaces }), COMPLETION);
}

const labels = (list: CompletionList): string[] => list.items.map((i) => i.label);

describe('completion', () => {
  test('at the start of a line: keywords and the host names of the family', () => {
    const list = completeAt('|');
    for (const expected of ['up', 'group', 'netmask', 'deprecated', '-failover', 'addif', 'myhost', 'myhost-ce1-test']) {
      assert.ok(labels(list).includes(expected), `missing ${expected}`);
    }
    // An IPv6 name does not belong in an IPv4 file.
    assert.ok(!labels(list).includes('myhost-v6'));
    assert.equal(list.isIncomplete, false);
  });

  eolTest('on a second line, the typed prefix replaces', 'myhost netmask + broadcast + up\naddif myhost-ce0-test depr|\n', (marked) => {
    const { text } = cursorAt(marked);
    const item = completeAt(marked).items.find((i) => i.label === 'deprecated');
    assert.ok(item?.textEdit && 'range' in item.textEdit);
    assert.equal(textIn(text, item.textEdit.range), 'depr');
  });

  test('IPv6-only keywords are not offered in hostname.<if>', () => {
    const offered = labels(completeAt('|'));
    for (const ipv6 of ['token', 'nud', '-nud', 'preferred', '-preferred']) assert.ok(!offered.includes(ipv6), ipv6);
  });

  test('IPv4-only keywords are not offered in hostname6.<if>', () => {
    const offered = labels(completeAt('|', 'hostname6.ce0'));
    for (const ipv4 of ['netmask', 'broadcast', 'arp', '-arp', 'auto-revarp', 'dhcp']) assert.ok(!offered.includes(ipv4), ipv4);
    assert.ok(offered.includes('-failover'));
    assert.ok(offered.includes('myhost-v6'));
    assert.ok(!offered.includes('myhost'));
  });

  eolTest('after group: only the group names of this host', 'myhost netmask + broadcast + up\naddif x up\nmyhost group |\n', (marked) => {
    assert.deepEqual(labels(completeAt(marked)), ['prod']);
  });

  test('after netmask: + first, then masks', () => {
    const list = completeAt('myhost netmask |');
    assert.equal(list.items[0]?.label, '+');
    assert.ok(labels(list).includes('255.255.255.0'));
    assert.ok(!labels(list).includes('up'));
  });

  eolTest('keywords already on the address are not offered again, nor their opposites', 'myhost netmask + broadcast + group prod \\\nup deprecated |\n', (marked) => {
    const offered = labels(completeAt(marked));
    for (const used of ['up', 'down', 'deprecated', '-deprecated', 'netmask', 'broadcast', 'group']) assert.ok(!offered.includes(used), used);
    assert.ok(offered.includes('-failover'));
    assert.ok(offered.includes('addif'));
  });

  eolTest('after addif: keywords of the new address, but no group', 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test |\n', (marked) => {
    const offered = labels(completeAt(marked));
    assert.ok(!offered.includes('group'));
    assert.ok(offered.includes('up'), 'up is offered again for the new address');
    assert.ok(offered.includes('deprecated'));
  });

  eolTest('dhcp.<if>: primary and wait, not the DHCP operations', '\n|\n', (marked) => {
    assert.deepEqual(labels(completeAt(marked, 'dhcp.ce0')), ['primary', 'wait']);
    assert.deepEqual(labels(completeAt(marked.replace('|', 'primary |'), 'dhcp.ce0')), ['wait']);
    assert.ok(labels(completeAt(marked.replace('|', 'wait |'), 'dhcp.ce0')).includes('forever'));
  });

  eolTest('mpathd: the three settings, then yes/no after FAILBACK=', '# in.mpathd\n|\n', (marked) => {
    assert.deepEqual(labels(completeAt(marked, 'default/mpathd')).sort(), ['FAILBACK', 'FAILURE_DETECTION_TIME', 'TRACK_INTERFACES_ONLY_WITH_GROUPS']);
    assert.deepEqual(labels(completeAt(marked.replace('|', 'FAILBACK=|'), 'default/mpathd')), ['yes', 'no']);
  });

  test(`host names are capped at ${MAX_NAME_ITEMS}, and the list says it is incomplete`, () => {
    const many = Array.from({ length: MAX_NAME_ITEMS + 50 }, (_, i) => `10.1.${i >> 8}.${i & 255} web${i}\n`).join('');
    const host = hostOf({ hosts: many });
    const list = completeAt('|', 'hostname.ce0', host);
    assert.equal(list.isIncomplete, true);
    assert.equal(list.items.filter((i) => i.label.startsWith('web')).length, MAX_NAME_ITEMS);
    // A typed prefix narrows the list below the cap: complete again.
    const narrowed = completeAt('web24|', 'hostname.ce0', host);
    assert.equal(narrowed.isIncomplete, false);
    assert.deepEqual(labels(narrowed).filter((l) => l.startsWith('web')), ['web24', 'web240', 'web241', 'web242', 'web243', 'web244', 'web245', 'web246', 'web247', 'web248', 'web249']);
  });
});

// ---------------------------------------------------------------------------------------
// Code actions

const PLAIN: EditCapabilities = { documentChanges: false, createFiles: false, snippetEdits: false, clientCommands: false };
const VERSIONED: EditCapabilities = { documentChanges: true, createFiles: true, snippetEdits: false, clientCommands: false };

/** Applies a workspace edit (plain or versioned, with file creation) to a set of texts by URI. */
function applyWorkspaceEdit(files: Map<string, string>, edit: WorkspaceEdit | undefined): void {
  assert.ok(edit, 'expected an edit');
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const text = files.get(uri);
    assert.ok(text !== undefined, `edit to an unknown file ${uri}`);
    files.set(uri, applyEdits(text, edits));
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      if (change.kind === 'create' && !files.has(change.uri)) files.set(change.uri, '');
      continue;
    }
    const text = files.get(change.textDocument.uri);
    assert.ok(text !== undefined, `edit to a file that does not exist: ${change.textDocument.uri}`);
    files.set(change.textDocument.uri, applyEdits(text, change.edits as TextEdit[]));
  }
}

/** Every finding of every file of the host, through the same path as published diagnostics. */
function allFindings(files: Map<string, string>): string[] {
  const hostsText = [...files.entries()].find(([uri]) => uri.endsWith('/hosts'))?.[1];
  const root = [...files.keys()][0]!.replace(/\/[^/]*$/, '');
  const interfaces = Object.fromEntries([...files.entries()].filter(([uri]) => !uri.endsWith('/hosts')).map(([uri, text]) => [uri.slice(root.length + 1), text]));
  const host = hostOf({ hosts: hostsText, interfaces }, root);
  return [...files.entries()].flatMap(([uri, text]) => findingsFor(docOf(uri, text), host, DEFAULT_SETTINGS).map((f) => `${baseName(uri)} ${f.rule}`));
}

/** Fills each `ADDRESS` placeholder of a hosts text with the next address of a /24. */
function fillAddresses(hosts: string, subnet: string, first: number): string {
  let next = first;
  return hosts.replace(/^ADDRESS(?=\t)/gm, () => `${subnet}.${next++}`);
}

function templateAction(uri: string, text: string, host: HostView, caps: EditCapabilities): CodeAction {
  const actions = codeActions(docOf(uri, text), host, [], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [CodeActionKind.Refactor], caps);
  const action = actions.find((a) => a.kind === TEMPLATE_KIND);
  assert.ok(action, 'no template action');
  return action;
}

describe('code actions: quick fixes', () => {
  eolTest('a diagnostic that matches a finding gets its fix', 'myhost netmask + broadcast + group prod UP \\\naddif myhost-ce0-test deprecated -failover up\n', (text) => {
    const doc = docOf(CE0, text);
    const host = hostOf({ hosts: `${HOSTS}192.168.10.11 myhost-ce0-test\n`, interfaces: { 'hostname.ce1': CE1, 'hostname.ce0': text } });
    const findings = findingsFor(doc, host, DEFAULT_SETTINGS);
    const diagnostic = toDiagnostics(findings, DEFAULT_SETTINGS, 'hostname').find((d) => d.code === 'unknown-keyword');
    assert.ok(diagnostic);
    const actions = codeActions(doc, host, findings, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix], PLAIN);
    const fix = actions.find((a) => a.title === "Change to 'up'");
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const files = new Map([[CE0, text]]);
    applyWorkspaceEdit(files, fix.edit);
    assert.equal(files.get(CE0), text.replace('UP', 'up'));
  });

  eolTest('no fix for a diagnostic whose range matches no finding', 'myhost netmask + broadcast + UP\n', (text) => {
    const doc = docOf(CE0, text);
    const host = hostOf({ hosts: HOSTS, interfaces: { 'hostname.ce0': text } });
    const findings = findingsFor(doc, host, DEFAULT_SETTINGS);
    const [diagnostic] = toDiagnostics(findings, DEFAULT_SETTINGS, 'hostname').filter((d) => d.code === 'unknown-keyword');
    assert.ok(diagnostic);
    // A diagnostic published for an older text: its range matches no finding of this one.
    const stale = { ...diagnostic, range: { start: { line: 0, character: 17 }, end: { line: 0, character: 26 } } };
    assert.deepEqual(codeActions(doc, host, findings, stale.range, [stale], [CodeActionKind.QuickFix], PLAIN), []);
    // Nor for a diagnostic of another source.
    const foreign = { ...diagnostic, source: 'other' };
    assert.deepEqual(codeActions(doc, host, findings, foreign.range, [foreign], [CodeActionKind.QuickFix], PLAIN), []);
  });
});

describe('code actions: the IPMP template passes every rule once its placeholders are filled', () => {
  test('a second member for group prod, with the hosts entry it needs', () => {
    const host = hostOf({ hosts: HOSTS, interfaces: { 'hostname.ce1': CE1, 'hostname.ce0': '' } });
    const action = templateAction(CE0, '', host, PLAIN);
    assert.match(action.title, /group prod/);
    assert.ok(action.edit?.changes, 'plain text edits without snippet support');

    const files = new Map([
      [CE0, ''],
      [`${ROOT}/hostname.ce1`, CE1],
      [HOSTS_URI, HOSTS],
    ]);
    applyWorkspaceEdit(files, action.edit);
    assert.equal(files.get(CE0), 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n');
    assert.match(files.get(HOSTS_URI)!, /^ADDRESS\tmyhost-ce0-test$/m);

    files.set(HOSTS_URI, fillAddresses(files.get(HOSTS_URI)!, '192.168.10', 21));
    const names = createNameLookup([{ uri: HOSTS_URI, label: 'hosts', kind: 'hosts', file: parseHosts(files.get(HOSTS_URI)!) }]);
    const ctx = { uri: CE0, release: 's10' as const, names, newHostsUri: HOSTS_URI };
    assert.deepEqual(checkHostnameFile(parseHostnameFile(files.get(CE0)!, { fileName: 'hostname.ce0' }), ctx), []);
    assert.deepEqual(checkHosts(parseHosts(files.get(HOSTS_URI)!), { uri: HOSTS_URI, release: 's10' }), []);
    assert.deepEqual(allFindings(files), []);
  });

  test('with snippet edits, the snippet holds the same text as the plain edit', () => {
    const host = hostOf({ hosts: HOSTS, interfaces: { 'hostname.ce1': CE1, 'hostname.ce0': '' } });
    const plain = templateAction(CE0, '', host, PLAIN).edit!.changes![CE0]![0]!.newText;
    const snippetAction = templateAction(CE0, '', host, { ...VERSIONED, snippetEdits: true });
    const own = snippetAction.edit!.documentChanges!.find((c) => 'textDocument' in c && c.textDocument.uri === CE0);
    assert.ok(own && 'edits' in own);
    const snippet = (own.edits[0] as unknown as { snippet: { value: string } }).snippet.value;
    const expanded = snippet
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, '')
      .replace(/\\(.)/g, '$1');
    assert.equal(expanded, plain);
  });

  test('a cursor past the end of the document: the entry goes on the last line, never outside', () => {
    const text = 'myhost-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n';
    const host = hostOf({ hosts: `${HOSTS}192.168.10.12 myhost-ce1-test\n`, interfaces: { 'hostname.ce1': text } });
    const far = { start: { line: 40, character: 3 }, end: { line: 40, character: 3 } };
    const action = codeActions(docOf(`${ROOT}/hostname.ce1`, text), host, [], far, [], [CodeActionKind.Refactor], PLAIN).find((a) => a.kind === TEMPLATE_KIND);
    assert.ok(action);
    const own = action.edit!.changes![`${ROOT}/hostname.ce1`]![0]!;
    assert.deepEqual(own.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
  });

  test('hostname6: the link-local test address, no hosts entries', () => {
    const interfaces = { 'hostname.ce0': `myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n`, 'hostname.ce1': CE1, 'hostname6.ce1': '-failover group prod up\n', 'hostname6.ce0': '' };
    const host = hostOf({ hosts: `${HOSTS}192.168.10.11 myhost-ce0-test\n`, interfaces });
    const uri = `${ROOT}/hostname6.ce0`;
    const action = templateAction(uri, '', host, PLAIN);
    const files = new Map<string, string>([...Object.entries(interfaces).map(([n, t]) => [`${ROOT}/${n}`, t] as [string, string]), [HOSTS_URI, `${HOSTS}192.168.10.11 myhost-ce0-test\n`]]);
    applyWorkspaceEdit(files, action.edit);
    assert.equal(files.get(uri), '-failover group prod up\n');
    assert.deepEqual(Object.keys(action.edit!.changes!), [uri], 'hosts is left alone');
    const ctx = { uri, release: 's10' as const, names: host.names, newHostsUri: HOSTS_URI };
    assert.deepEqual(checkHostnameFile(parseHostnameFile(files.get(uri)!, { fileName: 'hostname6.ce0' }), ctx), []);
    assert.deepEqual(allFindings(files), []);
  });

  test('a host without a hosts file: the template creates one', () => {
    const root = 'file:///srv/db1/etc';
    const uri = `${root}/hostname.ce0`;
    const host = hostOf({ interfaces: { 'hostname.ce0': '' } }, root);
    // Creating a file needs a client that takes documentChanges; without, no edit is offered.
    assert.equal(templateAction(uri, '', host, PLAIN).edit, undefined);

    const action = templateAction(uri, '', host, VERSIONED);
    const creates = action.edit!.documentChanges!.filter((c) => 'kind' in c);
    assert.deepEqual(creates, [{ kind: 'create', uri: `${root}/hosts`, options: { ignoreIfExists: true } }]);
    const files = new Map([[uri, '']]);
    applyWorkspaceEdit(files, action.edit);
    assert.equal(files.get(uri), 'db1 netmask + broadcast + group ipmp0 up \\\naddif db1-ce0-test deprecated -failover netmask + broadcast + up\n');
    const hosts = fillAddresses(files.get(`${root}/hosts`)!, '10.20.30', 10);
    assert.deepEqual(hosts.split('\n').filter((l) => l && !l.startsWith('#')), ['10.20.30.10\tdb1', '10.20.30.11\tdb1-ce0-test']);
    files.set(`${root}/hosts`, hosts);

    const names = createNameLookup([{ uri: `${root}/hosts`, label: 'hosts', kind: 'hosts', file: parseHosts(hosts) }]);
    assert.deepEqual(checkHostnameFile(parseHostnameFile(files.get(uri)!, { fileName: 'hostname.ce0' }), { uri, release: 's10', names, newHostsUri: `${root}/hosts` }), []);
    assert.deepEqual(checkHosts(parseHosts(hosts), { uri: `${root}/hosts`, release: 's10' }), []);
    // One interface: a group without failover is worth its info, and nothing else is reported.
    assert.deepEqual(allFindings(files), ['hostname.ce0 single-interface-group']);
  });
});
