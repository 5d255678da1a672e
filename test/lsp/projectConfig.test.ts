/**
 * The editor reads `.ipmp-lint.json` (the nearest one above a file) over a real LSP
 * connection: its rules, ignore globs, release and fallback hosts file apply on top of the
 * editor settings; a change to it re-checks open files; what it cannot use is told once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { FileChangeType, ShowMessageRequest, type ShowMessageRequestParams } from 'vscode-languageserver/node';
import { codes, testWorkspace, within } from './client';

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';

const messages: ShowMessageRequestParams[] = [];
let messageWaiters: ((m: ShowMessageRequestParams) => void)[] = [];

const ws = testWorkspace('ipmp-project-', {
  beforeInitialize: (client) =>
    client.connection.onRequest(ShowMessageRequest.type, (params) => {
      messages.push(params);
      const waiting = messageWaiters;
      messageWaiters = [];
      for (const w of waiting) w(params);
      return null;
    }),
});
const write = (file: string, text: string): string => ws.write(file, text);

function nextMessage(): Promise<ShowMessageRequestParams> {
  return within(new Promise((resolve) => messageWaiters.push(resolve)), 'a window/showMessageRequest');
}

describe('.ipmp-lint.json in the editor', () => {
  test('rules and ignore globs apply to the files below it, and a change re-checks open files', async () => {
    write('repo/web1/etc/hosts', HOSTS);
    const ce0 = write('repo/web1/etc/hostname.ce0', CE0);
    // One member: the single-interface-group advice.
    assert.deepEqual(codes(await ws.client.openChecked(ce0, 'solaris-hostname', CE0)), ['single-interface-group']);

    const config = write('repo/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'error' } }));
    await ws.client.filesChanged([{ uri: config, type: FileChangeType.Created }]);
    const raised = await ws.client.diagnostics(ce0, (d) => d.some((x) => x.code === 'single-interface-group' && x.severity === 1));
    assert.deepEqual(raised.map((d) => [d.code, d.severity]), [['single-interface-group', 1]]);

    write('repo/.ipmp-lint.json', JSON.stringify({ ignore: { '*/etc/hostname.{ce,bge}[0-9]': ['single-interface-group'] } }));
    await ws.client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    assert.deepEqual(codes(await ws.client.diagnostics(ce0, (d) => d.length === 0)), []);

    unlinkSync(ws.path('repo/.ipmp-lint.json'));
    await ws.client.filesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    const back = await ws.client.diagnostics(ce0, (d) => codes(d).includes('single-interface-group'));
    assert.deepEqual(back.map((d) => [d.code, d.severity]), [['single-interface-group', 3]], 'its default level (info) again');
    await ws.client.close(ce0);
  });

  test('the nearest file wins; the editor settings fill in what it leaves out', async () => {
    write('nest/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'off' } }));
    write('nest/inner/.ipmp-lint.json', JSON.stringify({ release: 's9' }));
    write('nest/inner/web1/etc/hosts', HOSTS);
    const ce0 = write('nest/inner/web1/etc/hostname.ce0', CE0);
    // `ipmp` is Solaris 11 syntax: an error for s9 (the inner file), not for osol (the editor).
    const text = 'web2 netmask + broadcast + ipmp up\n';
    const ipmp = write('nest/inner/web2/etc/hostname.ce0', text);
    ws.client.settings = { release: 'osol', rules: { 'single-interface-group': 'error' } };
    await ws.client.configurationChanged(ws.client.settings);
    try {
      await ws.client.open(ipmp, 'solaris-hostname', text);
      await ws.client.diagnostics(ipmp, (d) => codes(d).includes('solaris11-syntax'));
      await ws.client.open(ce0, 'solaris-hostname', CE0);
      // The inner file sets no rules: the editor's level applies, not the outer file's `off`.
      const ds = await ws.client.diagnostics(ce0, (d) => d.length > 0);
      assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['single-interface-group', 1]]);
      await ws.client.close(ce0);
      await ws.client.close(ipmp);
    } finally {
      await ws.client.configurationChanged({});
    }
  });

  test('fallbackHostsFile is relative to the project file', async () => {
    write('fb/.ipmp-lint.json', JSON.stringify({ fallbackHostsFile: 'common/hosts' }));
    write('fb/common/hosts', HOSTS);
    const ce0 = write('fb/web1/etc/hostname.ce0', CE0);
    // web1 and its test name resolve through the fallback: only the one-member advice is left.
    assert.deepEqual(codes(await ws.client.openChecked(ce0, 'solaris-hostname', CE0)), ['single-interface-group']);
    await ws.client.close(ce0);
  });

  test('what it cannot use is shown once, and the rest still applies', async () => {
    const message = nextMessage();
    write('bad/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'off', 'no-such-rule': 'off' } }));
    write('bad/web1/etc/hosts', HOSTS);
    const ce0 = write('bad/web1/etc/hostname.ce0', CE0);
    await ws.client.open(ce0, 'solaris-hostname', CE0);
    assert.match((await message).message, /\.ipmp-lint\.json: unknown rule id 'no-such-rule'/);
    assert.deepEqual(codes(await ws.client.diagnostics(ce0, { version: 1 })), []);
    const count = messages.length;
    const version = await ws.client.change(ce0, `${CE0}\n`);
    assert.deepEqual(codes(await ws.client.diagnostics(ce0, { version })), []);
    assert.equal(messages.length, count, 'the same problem is not told again');
    await ws.client.close(ce0);
  });
});
