/**
 * The bundled server over a real LSP connection: spawned with --stdio, driven by a
 * JSON-RPC client, on a workspace copied to a temporary folder.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { FileChangeType, type TextDocumentEdit } from 'vscode-languageserver/node';
import { codes, LspTestClient, testWorkspace } from './client';

const ws = testWorkspace('ipmp-lsp-', { initializationOptions: { clientCommands: true }, setup: ({ copy }) => copy('examples') });

describe('initialize', () => {
  test('answers with the features and registers file watching', async () => {
    const other = new LspTestClient();
    try {
      const result = await other.initialize(null);
      assert.equal(result.capabilities.hoverProvider, true);
      assert.equal(result.capabilities.completionProvider?.resolveProvider, true);
      assert.ok(result.capabilities.codeActionProvider);
      assert.equal(result.serverInfo?.name, 'ipmp-language-server');
    } finally {
      await other.stop();
    }
  });
});

describe('diagnostics', () => {
  test('a valid §3.7 layout gets none', async () => {
    const rel = 'web1/etc/hostname.ce0';
    assert.deepEqual(await ws.client.openChecked(ws.uri(rel), 'solaris-hostname', readFileSync(ws.path(rel), 'utf8')), []);
  });

  test('a comment is reported with source, code and the exact range', async () => {
    const rel = 'legacy1/etc/hostname.qfe0';
    const diagnostics = await ws.client.openChecked(ws.uri(rel), 'solaris-hostname', readFileSync(ws.path(rel), 'utf8'));
    assert.deepEqual(codes(diagnostics), ['comment-not-supported']);
    const [d] = diagnostics;
    assert.equal(d!.source, 'ipmp');
    assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# primary interface'.length } });
  });

  test('several mistakes in one file are each reported', async () => {
    const rel = 'legacy1/etc/hostname.qfe1';
    const diagnostics = await ws.client.openChecked(ws.uri(rel), 'solaris-hostname', readFileSync(ws.path(rel), 'utf8'));
    assert.deepEqual(codes(diagnostics), ['unknown-keyword', 'unresolved-host']);
  });

  test('CRLF gets the carriage-return error and otherwise the same diagnostics', async () => {
    const uri = ws.uri('solo/etc/hostname.crlf0');
    const diagnostics = await ws.client.openChecked(uri, 'solaris-hostname', '192.168.99.1 netmask + broadcast + UP\r\n');
    assert.deepEqual(codes(diagnostics), ['carriage-return', 'unknown-keyword']);
  });

  test('never publishes diagnostics for an old version after a newer one', async () => {
    const uri = ws.uri('solo/etc/hostname.ce9');
    await ws.client.open(uri, 'solaris-hostname', '192.168.99.2 up\n');
    let last = 1;
    for (let i = 0; i < 20; i++) last = await ws.client.change(uri, i % 2 ? '192.168.99.2 UP\n' : '192.168.99.2 up\n');
    const final = await ws.client.diagnostics(uri, { version: last });
    assert.deepEqual(codes(final), ['unknown-keyword']);
    const versions = ws.client.history.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions only go up');
    assert.equal(ws.client.published.get(uri)?.version, last);
  });
});

describe('a hosts change re-checks the host', () => {
  test('an open hosts document gaining the name clears unresolved-host', async () => {
    const hostnameUri = ws.uri('web1/etc/hostname.ce2');
    const before = await ws.client.openChecked(hostnameUri, 'solaris-hostname', 'web1-ce2-test deprecated -failover netmask + broadcast + group prod up\n');
    assert.deepEqual(codes(before), ['unresolved-host']);

    const hostsFile = ws.path('web1/etc/hosts');
    const hostsUri = ws.uri('web1/etc/hosts');
    const hostsText = readFileSync(hostsFile, 'utf8');
    await ws.client.open(hostsUri, 'solaris-hosts', hostsText);
    await ws.client.change(hostsUri, `${hostsText}192.168.10.13\tweb1-ce2-test\n`);
    assert.deepEqual(await ws.client.diagnostics(hostnameUri, (d) => d.length === 0), []);

    // Closing the hosts editor without saving: the disk version counts again.
    await ws.client.close(hostsUri);
    assert.deepEqual(codes(await ws.client.diagnostics(hostnameUri, (d) => d.length > 0)), ['unresolved-host']);
  });

  test('a hosts file changed on disk (watched files) re-checks open hostname files', async () => {
    const hostnameUri = ws.uri('db1/etc/hostname.e1000g2');
    assert.deepEqual(codes(await ws.client.openChecked(hostnameUri, 'solaris-hostname', 'db1-e1000g2-test deprecated -failover netmask + broadcast + group db up\n')), ['unresolved-host']);
    const hostsFile = ws.path('db1/etc/inet/hosts');
    writeFileSync(hostsFile, `${readFileSync(hostsFile, 'utf8')}10.20.30.43\tdb1-e1000g2-test\n`);
    await ws.client.filesChanged([{ uri: ws.uri('db1/etc/inet/hosts'), type: FileChangeType.Changed }]);
    assert.deepEqual(await ws.client.diagnostics(hostnameUri, (d) => d.length === 0), []);
  });
});

describe('hover', () => {
  test('a keyword shows its documentation', async () => {
    const uri = ws.uri('web1/etc/hostname.ce1');
    const text = readFileSync(ws.path('web1/etc/hostname.ce1'), 'utf8');
    await ws.client.open(uri, 'solaris-hostname', text);
    const h = await ws.client.hover(uri, 0, text.indexOf('deprecated') + 2);
    const value = (h?.contents as { kind: string; value: string }).value;
    assert.equal((h?.contents as { kind: string }).kind, 'markdown');
    assert.match(value, /deprecated/);
    assert.deepEqual(h?.range, { start: { line: 0, character: text.indexOf('deprecated') }, end: { line: 0, character: text.indexOf('deprecated') + 'deprecated'.length } });
  });

  test("the keyword's By release list marks the release the settings target", async () => {
    const uri = ws.uri('web1/etc/hostname.ce1');
    const text = readFileSync(ws.path('web1/etc/hostname.ce1'), 'utf8');
    const at = text.indexOf('-failover') + 2;
    const marked = async (): Promise<string | undefined> => ((await ws.client.hover(uri, 0, at))?.contents as { value: string }).value.split('\n').find((l) => l.includes('(your target)'));
    assert.match((await marked()) ?? '', /^- \*\*Solaris 8–10\*\* \(your target\)/);
    try {
      await ws.client.configurationChanged({ release: 'illumos' });
      assert.match((await marked()) ?? '', /^- \*\*OpenSolaris, illumos, Solaris 11\*\* \(your target\): Implies `deprecated`/);
      // Completion's docs mark it too.
      await ws.client.open(ws.uri('web1/etc/hostname.ce8'), 'solaris-hostname', 'web1 \n');
      const list = await ws.client.completion(ws.uri('web1/etc/hostname.ce8'), 0, 'web1 '.length);
      const failover = await ws.client.resolve(list.items.find((i) => i.label === '-failover')!);
      assert.match((failover.documentation as { value: string }).value, /\*\*OpenSolaris, illumos, Solaris 11\*\* \(your target\)/);
    } finally {
      await ws.client.configurationChanged({});
    }
  });

  test('a host name shows its address and the hosts line', async () => {
    const uri = ws.uri('web1/etc/hostname.ce1');
    const h = await ws.client.hover(uri, 0, 3);
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /192\.168\.10\.12/);
    assert.match(value, /line 8/);
  });
});

describe('completion', () => {
  test('keywords and host names where the address goes; resolve adds the docs', async () => {
    const uri = ws.uri('web1/etc/hostname.ce5');
    await ws.client.open(uri, 'solaris-hostname', '\n');
    const list = await ws.client.completion(uri, 0, 0);
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('up'));
    assert.ok(labels.includes('group'));
    assert.ok(labels.includes('web1-ce0-test'));
    assert.ok(!labels.includes('token'), 'IPv6-only keywords stay out of an IPv4 file');
    const up = list.items.find((i) => i.label === 'up')!;
    const resolved = await ws.client.resolve(up);
    assert.match((resolved.documentation as { value: string }).value, /up/);
  });

  test('after group: the host groups; after netmask: + first', async () => {
    const uri = ws.uri('web1/etc/hostname.ce6');
    await ws.client.open(uri, 'solaris-hostname', 'web1 netmask \n');
    const masks = await ws.client.completion(uri, 0, 'web1 netmask '.length);
    assert.equal(masks.items[0]?.label, '+');
    await ws.client.change(uri, 'web1 netmask + broadcast + group \n');
    const groups = await ws.client.completion(uri, 0, 'web1 netmask + broadcast + group '.length);
    assert.deepEqual(groups.items.map((i) => i.label), ['prod']);
  });

  test('keywords already set are not offered again', async () => {
    const uri = ws.uri('web1/etc/hostname.ce7');
    await ws.client.open(uri, 'solaris-hostname', 'web1 deprecated up \n');
    const labels = (await ws.client.completion(uri, 0, 'web1 deprecated up '.length)).items.map((i) => i.label);
    assert.ok(!labels.includes('up') && !labels.includes('down') && !labels.includes('deprecated'));
    assert.ok(labels.includes('-failover'));
  });
});

describe('code actions', () => {
  test('the quick fix for a comment deletes it', async () => {
    const uri = ws.uri('legacy1/etc/hostname.qfe0');
    const diagnostics = await ws.client.diagnostics(uri, (d) => d.length > 0);
    const actions = await ws.client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.equal(fix?.title, 'Delete the comment');
    const edit = fix!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(edit.edits[0], { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' });
  });

  test('unresolved-host offers a hosts entry as a workspace edit', async () => {
    const uri = ws.uri('legacy1/etc/hostname.qfe1');
    const diagnostics = await ws.client.diagnostics(uri, (d) => d.length > 0);
    const unresolved = diagnostics.find((d) => d.code === 'unresolved-host')!;
    const actions = await ws.client.codeActions(uri, unresolved.range, [unresolved]);
    assert.equal(actions[0]!.title, "Change to 'legacy1-qfe1-test' (in hosts)");
    const add = actions.find((a) => a.title === "Add 'legacy1-qfe1-tst' to hosts")!;
    const edit = add.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, ws.uri('legacy1/etc/hosts'));
    assert.match((edit.edits[0] as { newText: string }).newText, /^ADDRESS\tlegacy1-qfe1-tst\n$/);
  });

  test('the IPMP template: a snippet for this interface plus the hosts entries', async () => {
    const uri = ws.uri('web1/etc/hostname.ce3');
    await ws.client.open(uri, 'solaris-hostname', '');
    const actions = await ws.client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['refactor']);
    const template = actions.find((a) => a.kind === 'refactor.ipmpTemplate');
    assert.ok(template, 'template action offered');
    const [own, hosts] = template!.edit!.documentChanges as TextDocumentEdit[];
    const snippet = (own!.edits[0] as unknown as { snippet: { value: string } }).snippet.value;
    assert.match(snippet, /^\$\{1:web1-ce3\} netmask \+ broadcast \+ group \$\{2:prod\} up \\\\\naddif \$\{3:web1-ce3-test\} deprecated -failover netmask \+ broadcast \+ up\n\$0$/);
    assert.equal(hosts!.textDocument.uri, ws.uri('web1/etc/hosts'));
    assert.match((hosts!.edits[0] as { newText: string }).newText, /ADDRESS\tweb1-ce3\nADDRESS\tweb1-ce3-test\n$/);
  });
});

describe('settings', () => {
  test('turning a rule off removes its diagnostics live', async () => {
    const uri = ws.uri('legacy1/etc/hostname.qfe1');
    await ws.client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-keyword'));
    await ws.client.configurationChanged({ rules: { 'unknown-keyword': 'off' } });
    const after = await ws.client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-keyword'));
    assert.deepEqual(codes(after), ['unresolved-host']);
    await ws.client.configurationChanged({ rules: { 'unresolved-host': 'warning' } });
    const warned = await ws.client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-keyword'));
    assert.equal(warned.find((d) => d.code === 'unresolved-host')?.severity, 2);
    await ws.client.configurationChanged({});
  });
});
