/**
 * Cross-file behaviour over LSP: related information into the other file, quick fixes that
 * edit or create another file, re-checking the rest of a host (and only that host) on a
 * change, multi-root workspaces, and settings applied live.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type CodeAction, type CreateFile, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver/node';
import { applyEdits, codes, FULL_CAPABILITIES, has, lacks, languageOf, LspTestClient, testWorkspace, withServer, type DiagnosticsWait } from './client';

const HOSTS = `::1\t\tlocalhost
127.0.0.1\tlocalhost
192.168.10.10\tweb1\tloghost
192.168.10.11\tweb1-ce0-test
192.168.10.12\tweb1-ce1-test
192.168.10.13\tweb1-ce2-test
`;
const NETMASKS = '192.168.10.0\t255.255.255.0\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'web1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';
const CE2 = 'web1-ce2-test deprecated -failover netmask + broadcast + group prod up\n';

type Files = Record<string, string>;

const ws = testWorkspace('ipmp-crossfile-', { initializationOptions: { clientCommands: true } });

/** Position of the `nth` occurrence of `word` in `text`, as an LSP range. */
function rangeOf(text: string, word: string, nth = 0): Diagnostic['range'] {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(word, offset + 1);
  assert.ok(offset >= 0, `${word} in ${JSON.stringify(text)}`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  return { start: { line, character }, end: { line, character: character + word.length } };
}

/** Where appending to `text` starts. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

/** Writes a tree and opens every file of it in `on`. */
async function openTree(dir: string, files: Files, on: LspTestClient = ws.client): Promise<(name: string) => string> {
  const uri = ws.writeTree(dir, files);
  for (const [name, text] of Object.entries(files)) await on.open(uri(name), languageOf(name), text);
  return uri;
}

/** The diagnostics of `uri` the wait accepts (a predicate, a version, a mark), on the file's server. */
const published = (uri: string, wait: DiagnosticsWait | ((d: Diagnostic[]) => boolean), on: LspTestClient = ws.client): Promise<Diagnostic[]> => on.diagnostics(uri, wait);

// ---------------------------------------------------------------------------------------

describe('related information points at the other file and line', () => {
  test('group-name-mismatch → the group word of the other interface', async () => {
    const uri = await openTree('rel-group/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1.replace('prod', 'Prod'), 'hostname.ce2': CE2 });
    const [d] = (await published(uri('hostname.ce1'), has('group-name-mismatch'))).filter((x) => x.code === 'group-name-mismatch');
    assert.deepEqual(d!.range, rangeOf(CE1.replace('prod', 'Prod'), 'Prod'));
    assert.equal(d!.relatedInformation?.length, 1);
    assert.deepEqual(d!.relatedInformation![0]!.location, { uri: uri('hostname.ce0'), range: rangeOf(CE0, 'prod') });
  });

  test('duplicate-address → the first use, on line 2 of the other file', async () => {
    const ce1 = 'web1-ce0-test deprecated -failover netmask + broadcast + group prod up\n';
    const uri = await openTree('rel-dup/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': ce1 });
    const [d] = (await published(uri('hostname.ce1'), has('duplicate-address'))).filter((x) => x.code === 'duplicate-address');
    assert.deepEqual(d!.range, rangeOf(ce1, 'web1-ce0-test'));
    assert.deepEqual(
      d!.relatedInformation?.map((r) => r.location),
      [{ uri: uri('hostname.ce0'), range: { start: { line: 1, character: 'addif '.length }, end: { line: 1, character: 'addif web1-ce0-test'.length } } }],
    );
    assert.match(d!.relatedInformation![0]!.message, /192\.168\.10\.11/);
  });

  test('no-test-address → the test address another member has', async () => {
    const uri = await openTree('rel-notest/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': 'group prod up\n' });
    const [d] = (await published(uri('hostname.ce1'), has('no-test-address'))).filter((x) => x.code === 'no-test-address');
    assert.deepEqual(d!.range, rangeOf('group prod up\n', 'prod'));
    assert.deepEqual(
      d!.relatedInformation?.map((r) => r.location),
      [{ uri: uri('hostname.ce0'), range: { start: { line: 1, character: 'addif '.length }, end: { line: 1, character: 'addif web1-ce0-test'.length } } }],
    );
  });

  test('netmask-overridden → the netmasks entry that wins', async () => {
    const netmasks = '# lab\n10.1.0.0\t255.255.0.0\n192.168.10.0\t255.255.255.0\n';
    const ce0 = 'web1 netmask 255.255.255.192 broadcast + group prod up\n';
    const uri = await openTree('rel-mask/etc', { hosts: HOSTS, netmasks, 'hostname.ce0': ce0, 'hostname.ce1': 'group prod up\n' });
    const [d] = (await published(uri('hostname.ce0'), has('netmask-overridden'))).filter((x) => x.code === 'netmask-overridden');
    assert.equal(d!.relatedInformation?.[0]?.location.uri, uri('netmasks'));
    assert.equal(d!.relatedInformation![0]!.location.range.start.line, 2);
  });

  test('ipnodes-shadow → the ipnodes entry that wins and the hosts entry that loses', async () => {
    const ipnodes = '::1\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.99\tweb1-ce1-test\n';
    await ws.client.configurationChanged({ release: 's10-early' });
    try {
      const uri = await openTree('rel-ipnodes/etc', { 'inet/hosts': HOSTS, 'inet/ipnodes': ipnodes, 'inet/netmasks': NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 });
      const [d] = (await published(uri('hostname.ce1'), has('ipnodes-shadow'))).filter((x) => x.code === 'ipnodes-shadow');
      assert.deepEqual(
        d!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
        [
          [uri('inet/ipnodes'), 2],
          [uri('inet/hosts'), 4],
        ],
      );
    } finally {
      await ws.client.configurationChanged({});
    }
  });
});

// ---------------------------------------------------------------------------------------

describe('cross-file quick fixes are workspace edits on the other file', () => {
  async function fixesFor(uri: string, rule: string): Promise<CodeAction[]> {
    const d = (await published(uri, has(rule))).find((x) => x.code === rule)!;
    const actions = await ws.client.codeActions(uri, d.range, [d], ['quickfix']);
    return actions.filter((a) => a.edit);
  }

  test('unresolved-host: a placeholder entry appended to hosts', async () => {
    const ce1 = 'web1-ce1-tst deprecated -failover netmask + broadcast + group prod up\n';
    const uri = await openTree('fix-hosts/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': ce1 });
    const fixes = await fixesFor(uri('hostname.ce1'), 'unresolved-host');
    // The near name comes first; adding the typed name to hosts is the other choice.
    assert.deepEqual(fixes.map((f) => f.title).slice(0, 2), ["Change to 'web1-ce1-test' (in hosts)", "Add 'web1-ce1-tst' to hosts"]);
    const fix = fixes[1];
    assert.deepEqual(fix!.edit, {
      documentChanges: [{ textDocument: { uri: uri('hosts'), version: null }, edits: [{ range: { start: endOf(HOSTS), end: endOf(HOSTS) }, newText: 'ADDRESS\tweb1-ce1-tst\n' }] }],
    });
  });

  test('netmask-not-found: a netmasks entry for the subnet appended', async () => {
    const netmasks = '10.1.0.0\t255.255.255.0\n';
    const uri = await openTree('fix-netmasks/etc', { hosts: HOSTS, netmasks, 'hostname.ce0': 'web1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' });
    const [fix] = await fixesFor(uri('hostname.ce0'), 'netmask-not-found');
    assert.equal(fix!.title, "Add '192.168.10.0 255.255.255.0' to netmasks");
    assert.deepEqual(fix!.edit, {
      documentChanges: [{ textDocument: { uri: uri('netmasks'), version: null }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '192.168.10.0\t255.255.255.0\n' }] }],
    });
  });

  test('netmask-not-found on a netmasks file without a final newline: the entry goes on a line of its own', async () => {
    const netmasks = '10.1.0.0\t255.255.255.0';
    const uri = await openTree('fix-netmasks-eof/etc', { hosts: HOSTS, netmasks, 'hostname.ce0': 'web1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n' });
    const [fix] = await fixesFor(uri('hostname.ce0'), 'netmask-not-found');
    const [edit] = fix!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(applyEdits(netmasks, edit!.edits as TextEdit[]), '10.1.0.0\t255.255.255.0\n192.168.10.0\t255.255.255.0\n');
  });

  test('dhcp-without-hostname-file: a CreateFile of the empty hostname.<if>', async () => {
    const uri = await openTree('fix-dhcp/etc', { hosts: HOSTS, 'dhcp.e1000g1': 'primary\n', 'hostname.e1000g0': '' });
    const [fix] = await fixesFor(uri('dhcp.e1000g1'), 'dhcp-without-hostname-file');
    assert.equal(fix!.title, 'Create an empty hostname.e1000g1');
    assert.deepEqual(fix!.edit, {
      documentChanges: [
        { kind: 'create', uri: uri('hostname.e1000g1'), options: { ignoreIfExists: true } } satisfies CreateFile,
        { textDocument: { uri: uri('hostname.e1000g1'), version: null }, edits: [] },
      ],
    });
  });

  test('loghost-on-test-address: the alias moves from the test line to the data line in hosts', async () => {
    const hosts = '::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1\n192.168.10.11\tweb1-ce0-test\tloghost\n192.168.10.12\tweb1-ce1-test\n';
    const uri = await openTree('fix-loghost/etc', { hosts, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 });
    const [fix] = await fixesFor(uri('hosts'), 'loghost-on-test-address');
    assert.equal(fix!.title, "Move 'loghost' to the web1 line");
    const changes = fix!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]!.textDocument, { uri: uri('hosts'), version: null });
    assert.deepEqual(
      [...changes[0]!.edits].sort((a, b) => a.range.start.line - b.range.start.line),
      [
        { range: { start: { line: 2, character: '192.168.10.10\tweb1'.length }, end: { line: 2, character: '192.168.10.10\tweb1'.length } }, newText: ' loghost' },
        { range: { start: { line: 3, character: '192.168.10.11\tweb1-ce0-test'.length }, end: { line: 3, character: '192.168.10.11\tweb1-ce0-test\tloghost'.length } }, newText: '' },
      ],
    );
    assert.equal(
      applyEdits(hosts, changes[0]!.edits as TextEdit[]),
      '::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1 loghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n',
    );
  });
});

// ---------------------------------------------------------------------------------------

describe('a change re-checks the other files of its host, and only of its host', () => {
  test('fixing the group typo in ce1 clears group-name-mismatch on ce0; the host next door is untouched', async () => {
    const ce1Typo = CE1.replace('prod', 'Prod');
    const web1 = await openTree('site/web1/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': ce1Typo });
    // web2 uses 'Prod' throughout: if the hosts leaked into each other, web1's 'prod' would clash with it.
    const web2 = await openTree('site/web2/etc', {
      hosts: '127.0.0.1\tlocalhost\n192.168.10.50\tweb2\tloghost\n',
      netmasks: NETMASKS,
      'hostname.ce0': 'web2 netmask + broadcast + group Prod up\n',
      'hostname.ce1': 'group Prod up\n',
    });
    // A tie (one member each): both names are reported, each pointing at the other.
    await published(web1('hostname.ce0'), has('group-name-mismatch'));
    await published(web1('hostname.ce1'), has('group-name-mismatch'));
    for (const name of ['hostname.ce0', 'hostname.ce1']) assert.deepEqual(await published(web2(name), { version: 1 }), []);

    const fixed = await ws.client.change(web1('hostname.ce1'), CE1);
    assert.deepEqual(await published(web1('hostname.ce0'), lacks('group-name-mismatch')), []);
    assert.deepEqual(await published(web1('hostname.ce1'), { version: fixed }), []);

    // web1 now has 'prod' twice and web2 'Prod' twice: mixed up, both would clash. An edit in web2 re-checks web2.
    const mark = ws.client.mark();
    const edited = await ws.client.change(web2('hostname.ce1'), 'group Prod up\n');
    assert.deepEqual(await published(web2('hostname.ce1'), { version: edited }), []);
    assert.deepEqual(await published(web2('hostname.ce0'), { after: mark }), []);
    assert.deepEqual(ws.client.published.get(web1('hostname.ce0'))?.diagnostics, []);
    assert.deepEqual(
      ws.client.history.filter((p) => p.uri.startsWith(web2(''))).map((p) => codes(p.diagnostics)).filter((c) => c.length > 0),
      [],
      'web2 never got a diagnostic',
    );
  });

  test('breaking a member re-checks an open sibling: a duplicated test address shows up on ce1 when ce0 changes', async () => {
    const uri = await openTree('live-dup/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 });
    assert.deepEqual(await published(uri('hostname.ce1'), { version: 1 }), []);
    await ws.client.change(uri('hostname.ce0'), CE0.replace('web1-ce0-test', 'web1-ce1-test'));
    // ce0's test address now repeats ce1's: the later file in the host reports it.
    assert.deepEqual(codes(await published(uri('hostname.ce1'), has('duplicate-address'))), ['duplicate-address']);
  });
});

// ---------------------------------------------------------------------------------------

describe('multi-root workspaces', () => {
  test('each folder holds its own hosts; fallbackHostsFile is relative to the document’s folder', async () => {
    const folders = [ws.uri('multi-a'), ws.uri('multi-b')];
    await withServer(folders[0]!, { folders, initializationOptions: { clientCommands: true } }, async (multi) => {
      const a = await openTree('multi-a/web1/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 }, multi);
      // Same layout in B, but B's hosts lacks the ce1 test name.
      const b = await openTree('multi-b/web1/etc', { hosts: HOSTS.replace(/^.*web1-ce1-test\n/m, ''), netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 }, multi);
      assert.deepEqual(await published(a('hostname.ce1'), { version: 1 }, multi), []);
      assert.deepEqual(codes(await published(b('hostname.ce1'), { version: 1 }, multi)), ['unresolved-host']);

      // A host without hosts in each folder, and a shared hosts file per folder.
      ws.writeTree('multi-a/common', { hosts: '192.168.10.60\tapp-a\n' });
      ws.writeTree('multi-b/common', { hosts: '192.168.10.70\tapp-b\n' });
      const na = await openTree('multi-a/app/etc', { 'hostname.ce0': 'app-a netmask + broadcast + up\n' }, multi);
      const nb = await openTree('multi-b/app/etc', { 'hostname.ce0': 'app-b netmask + broadcast + up\n' }, multi);
      assert.deepEqual(codes(await published(na('hostname.ce0'), { version: 1 }, multi)), ['no-hosts-file']);
      assert.deepEqual(codes(await published(nb('hostname.ce0'), { version: 1 }, multi)), ['no-hosts-file']);
      await multi.configurationChanged({ fallbackHostsFile: 'common/hosts' });
      assert.deepEqual(await published(na('hostname.ce0'), (d) => d.length === 0, multi), []);
      assert.deepEqual(await published(nb('hostname.ce0'), (d) => d.length === 0, multi), []);
      // And each folder's own settings path: ignore by the path inside the folder.
      await multi.configurationChanged({ fallbackHostsFile: 'common/hosts', ignore: { 'web1/etc/hostname.ce1': ['unresolved-host'] } });
      assert.deepEqual(await published(b('hostname.ce1'), (d) => d.length === 0, multi), []);
    });
  });
});

// ---------------------------------------------------------------------------------------

describe('settings apply live', () => {
  const MISMATCH = { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1.replace('prod', 'Prod'), 'hostname.ce2': CE2 };

  test('solarisIpmp.rules: severities up and down, then off', async () => {
    const uri = await openTree('set-rules/etc', MISMATCH);
    const ce1 = uri('hostname.ce1');
    // Still open from the related-information tests: an error by default.
    const dup = ws.uri('rel-dup/etc/hostname.ce1');
    const severityOf = (ds: readonly Diagnostic[], rule: string): number | undefined => ds.find((d) => d.code === rule)?.severity;
    assert.equal(severityOf(await published(ce1, has('group-name-mismatch')), 'group-name-mismatch'), 2);
    assert.equal(severityOf(await published(dup, has('duplicate-address')), 'duplicate-address'), 1);
    try {
      await ws.client.configurationChanged({ rules: { 'group-name-mismatch': 'error', 'duplicate-address': 'warning' } });
      await published(ce1, (d) => severityOf(d, 'group-name-mismatch') === 1);
      await published(dup, (d) => severityOf(d, 'duplicate-address') === 2);
      await ws.client.configurationChanged({ rules: { 'group-name-mismatch': 'off' } });
      assert.deepEqual(await published(ce1, lacks('group-name-mismatch')), []);
    } finally {
      await ws.client.configurationChanged({});
    }
    await published(ce1, has('group-name-mismatch'));
  });

  test('solarisIpmp.ignore for a hostname file silences that rule for that file only', async () => {
    const ce0 = 'web1 broadcast + netmask + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
    const uri = await openTree('set-ignore/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': ce0, 'hostname.ce1': CE1.replace('prod', 'Prod') });
    assert.deepEqual(codes(await published(uri('hostname.ce0'), has('group-name-mismatch'))), ['group-name-mismatch', 'option-order']);
    await published(uri('hostname.ce1'), has('group-name-mismatch'));
    try {
      const mark = ws.client.mark();
      await ws.client.configurationChanged({ ignore: { 'set-ignore/etc/hostname.ce0': ['group-name-mismatch'] } });
      assert.deepEqual(codes(await published(uri('hostname.ce0'), lacks('group-name-mismatch'))), ['option-order']);
      assert.deepEqual(codes(await published(uri('hostname.ce1'), { after: mark })), ['group-name-mismatch']);
    } finally {
      await ws.client.configurationChanged({});
    }
    await published(uri('hostname.ce0'), has('group-name-mismatch'));
  });

  test('a `# ipmp-ignore <id>` line in hosts silences the next entry only', async () => {
    const hosts = `${HOSTS}192.168.10.30\tdb_backup\n192.168.10.31\tapp_backup\n`;
    const uri = await openTree('set-directive/etc', { hosts });
    const before = await published(uri('hosts'), (d) => d.length === 2);
    assert.deepEqual(before.map((d) => [d.code, d.range.start.line]), [
      ['invalid-host-name', 6],
      ['invalid-host-name', 7],
    ]);
    await ws.client.change(uri('hosts'), `${HOSTS}# ipmp-ignore invalid-host-name\n192.168.10.30\tdb_backup\n192.168.10.31\tapp_backup\n`);
    const afterChange = await published(uri('hosts'), (d) => d.length === 1);
    assert.deepEqual(afterChange.map((d) => [d.code, d.range.start.line]), [['invalid-host-name', 8]]);
  });

  test('the hosts suppression quick fixes insert the directive', async () => {
    const hosts = `${HOSTS}192.168.10.30\tdb_backup\n`;
    const uri = await openTree('set-directive-fix/etc', { hosts });
    const [d] = await published(uri('hosts'), (x) => x.length === 1);
    const actions = await ws.client.codeActions(uri('hosts'), d!.range, [d!], ['quickfix']);
    const line = actions.find((a) => a.title === 'Ignore invalid-host-name on this line');
    assert.deepEqual(line?.edit, {
      documentChanges: [{ textDocument: { uri: uri('hosts'), version: null }, edits: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '# ipmp-ignore invalid-host-name\n' }] }],
    });
    assert.ok(actions.some((a) => a.title === 'Ignore invalid-host-name in this file'));
  });

  test('hostname files: "disable for this file" is the client command with [uri, ruleId], only for clients that have it', async () => {
    const uri = await openTree('set-command/etc', MISMATCH);
    const ce1 = uri('hostname.ce1');
    const [d] = (await published(ce1, has('group-name-mismatch'))).filter((x) => x.code === 'group-name-mismatch');
    const actions = await ws.client.codeActions(ce1, d!.range, [d!], ['quickfix']);
    const disable = actions.find((a) => a.command?.command === 'solarisIpmp.ignoreRuleInFile');
    assert.ok(disable, 'offered');
    assert.equal(disable.kind, 'quickfix');
    assert.equal(disable.edit, undefined);
    assert.deepEqual(disable.command!.arguments, [ce1, 'group-name-mismatch']);
    // The real fix comes first.
    assert.equal(actions[0]!.title, "Rename to 'prod'");

    await withServer(ws.uri(), { capabilities: FULL_CAPABILITIES, initializationOptions: {} }, async (plain) => {
      for (const [name, text] of Object.entries(MISMATCH)) await plain.open(uri(name), languageOf(name), text);
      const [pd] = (await published(ce1, has('group-name-mismatch'), plain)).filter((x) => x.code === 'group-name-mismatch');
      const plainActions = await plain.codeActions(ce1, pd!.range, [pd!], ['quickfix']);
      // The same fixes, the rename first; no command without clientCommands.
      assert.deepEqual(plainActions.map((a) => a.title), actions.filter((a) => !a.command).map((a) => a.title));
      assert.equal(plainActions[0]?.title, "Rename to 'prod'");
      assert.deepEqual(plainActions.filter((a) => a.command), [], 'no command without clientCommands');
    });
  });

  test('solarisIpmp.fallbackHostsFile makes names resolve for a host without hosts', async () => {
    ws.writeTree('set-fallback/common/etc', { hosts: '127.0.0.1\tlocalhost\n172.16.5.20\tapp1\tloghost\n' });
    const uri = await openTree('set-fallback/app1/etc', { 'hostname.bge0': 'app1 netmask + broadcast + up\n' });
    assert.deepEqual(codes(await published(uri('hostname.bge0'), (d) => d.length > 0)), ['no-hosts-file']);
    try {
      await ws.client.configurationChanged({ fallbackHostsFile: 'set-fallback/common/etc/hosts' });
      assert.deepEqual(await published(uri('hostname.bge0'), (d) => d.length === 0), []);
      await ws.client.configurationChanged({ fallbackHostsFile: ws.path('set-fallback/common/etc/hosts') });
      const version = await ws.client.change(uri('hostname.bge0'), 'app2 netmask + broadcast + up\n');
      assert.deepEqual(codes(await published(uri('hostname.bge0'), { version })), ['unresolved-host'], 'an absolute path works too, and unknown names are still caught');
    } finally {
      await ws.client.configurationChanged({});
    }
  });

  test("solarisIpmp.release 'osol' allows ipmp and stops test-address-not-deprecated", async () => {
    const ipmp = await openTree('set-osol-ipmp/etc', {
      'hostname.ipmp0': 'ipmp group ipmp0 192.168.10.10/24 up\n',
      'hostname.e1000g0': 'group ipmp0 up\n',
      'hostname.e1000g1': 'group ipmp0 up\n',
    });
    const classic = await openTree('set-osol-test/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': 'web1-ce1-test -failover netmask + broadcast + group prod up\n' });
    assert.deepEqual(codes(await published(ipmp('hostname.ipmp0'), (d) => d.length > 0)), ['solaris11-syntax', 'solaris11-syntax']);
    assert.deepEqual(codes(await published(classic('hostname.ce1'), (d) => d.length > 0)), ['test-address-not-deprecated']);
    try {
      await ws.client.configurationChanged({ release: 'osol' });
      assert.deepEqual(await published(ipmp('hostname.ipmp0'), (d) => d.length === 0), []);
      assert.deepEqual(await published(classic('hostname.ce1'), (d) => d.length === 0), []);
    } finally {
      await ws.client.configurationChanged({});
    }
    await published(classic('hostname.ce1'), has('test-address-not-deprecated'));
  });
});
