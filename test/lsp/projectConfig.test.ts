/**
 * The editor reads `.ipmp-lint.json` (the nearest one above a file) over a real LSP
 * connection: its rules, ignore globs, release and fallback hosts file apply on top of the
 * editor settings; a change to it re-checks open files; what it cannot use is told once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, ShowMessageRequest, type Diagnostic, type ShowMessageRequestParams } from 'vscode-languageserver/node';
import { LspTestClient } from './client';

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';

let root: string;
let client: LspTestClient;
const messages: ShowMessageRequestParams[] = [];
let messageWaiters: ((m: ShowMessageRequestParams) => void)[] = [];

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();

function write(file: string, text: string): string {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return pathToFileURL(full).toString();
}

async function published(uri: string, predicate: (d: Diagnostic[]) => boolean, version?: number): Promise<Diagnostic[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(codes(client.published.get(uri)?.diagnostics ?? []))}`)), 10_000);
  });
  try {
    return await Promise.race([client.diagnostics(uri, predicate, { version }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function nextMessage(): Promise<ShowMessageRequestParams> {
  return new Promise((resolve) => messageWaiters.push(resolve));
}

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ipmp-project-'));
  client = new LspTestClient();
  client.connection.onRequest(ShowMessageRequest.type, (params) => {
    messages.push(params);
    const waiting = messageWaiters;
    messageWaiters = [];
    for (const w of waiting) w(params);
    return null;
  });
  await client.initialize(pathToFileURL(root).toString());
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('.ipmp-lint.json in the editor', () => {
  test('rules and ignore globs apply to the files below it, and a change re-checks open files', async () => {
    write('repo/web1/etc/hosts', HOSTS);
    const ce0 = write('repo/web1/etc/hostname.ce0', CE0);
    await client.open(ce0, 'solaris-hostname', CE0);
    // One member: the single-interface-group advice.
    await published(ce0, (d) => codes(d).includes('single-interface-group'));

    const config = write('repo/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'error' } }));
    await client.filesChanged([{ uri: config, type: FileChangeType.Created }]);
    const raised = await published(ce0, (d) => d.some((x) => x.code === 'single-interface-group' && x.severity === 1));
    assert.equal(raised.length, 1);

    write('repo/.ipmp-lint.json', JSON.stringify({ ignore: { '*/etc/hostname.{ce,bge}[0-9]': ['single-interface-group'] } }));
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    assert.deepEqual(codes(await published(ce0, (d) => d.length === 0)), []);

    unlinkSync(path.join(root, 'repo/.ipmp-lint.json'));
    await client.filesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    await published(ce0, (d) => codes(d).includes('single-interface-group'));
    await client.close(ce0);
  });

  test('the nearest file wins; the editor settings fill in what it leaves out', async () => {
    write('nest/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'off' } }));
    write('nest/inner/.ipmp-lint.json', JSON.stringify({ release: 's9' }));
    write('nest/inner/web1/etc/hosts', HOSTS);
    const ce0 = write('nest/inner/web1/etc/hostname.ce0', CE0);
    // `ipmp` is Solaris 11 syntax: an error for s9 (the inner file), not for osol (the editor).
    const text = 'web2 netmask + broadcast + ipmp up\n';
    const ipmp = write('nest/inner/web2/etc/hostname.ce0', text);
    client.settings = { release: 'osol', rules: { 'single-interface-group': 'error' } };
    await client.configurationChanged(client.settings);
    try {
      await client.open(ipmp, 'solaris-hostname', text);
      await published(ipmp, (d) => codes(d).includes('solaris11-syntax'));
      await client.open(ce0, 'solaris-hostname', CE0);
      // The inner file sets no rules: the editor's level applies, not the outer file's `off`.
      const ds = await published(ce0, (d) => d.length > 0);
      assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['single-interface-group', 1]]);
      await client.close(ce0);
      await client.close(ipmp);
    } finally {
      await client.configurationChanged({});
    }
  });

  test('fallbackHostsFile is relative to the project file', async () => {
    write('fb/.ipmp-lint.json', JSON.stringify({ fallbackHostsFile: 'common/hosts' }));
    write('fb/common/hosts', HOSTS);
    const ce0 = write('fb/web1/etc/hostname.ce0', CE0);
    await client.open(ce0, 'solaris-hostname', CE0);
    const ds = await published(ce0, (d) => d.length > 0);
    assert.ok(!codes(ds).includes('unresolved-host') && !codes(ds).includes('no-hosts-file'), JSON.stringify(codes(ds)));
    await client.close(ce0);
  });

  test('what it cannot use is shown once, and the rest still applies', async () => {
    const message = nextMessage();
    write('bad/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'off', 'no-such-rule': 'off' } }));
    write('bad/web1/etc/hosts', HOSTS);
    const ce0 = write('bad/web1/etc/hostname.ce0', CE0);
    await client.open(ce0, 'solaris-hostname', CE0);
    assert.match((await message).message, /\.ipmp-lint\.json: unknown rule id 'no-such-rule'/);
    assert.deepEqual(codes(await published(ce0, () => true)), []);
    const count = messages.length;
    const version = await client.change(ce0, `${CE0}\n`);
    await published(ce0, () => true, version);
    assert.equal(messages.length, count, 'the same problem is not told again');
    await client.close(ce0);
  });
});
