/**
 * workspace/symbol over stdio: answered from the server's index, which follows files added,
 * changed and deleted on disk (file events), open-document edits (saved or not) and workspace
 * folders added and removed. Each step's answer is asked for right after its notification: the
 * server takes messages in order, so no wait other than the answer is needed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, FileChangeType, WorkspaceSymbolRequest, type WorkspaceSymbol } from 'vscode-languageserver/node';
import { FULL_CAPABILITIES, LspTestClient } from './client';

const uriOf = (p: string): string => pathToFileURL(p).toString();

describe('workspace/symbol follows the workspace', () => {
  let ws: string;
  let second: string;
  let client: LspTestClient;
  const file = (p: string, root = ws): string => path.join(root, p);
  const write = (p: string, text: string, root = ws): void => {
    mkdirSync(path.dirname(file(p, root)), { recursive: true });
    writeFileSync(file(p, root), text);
  };
  /** `name@host` of every symbol matching `query`, sorted. */
  const symbols = async (query: string): Promise<string[]> => {
    const answer = ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as WorkspaceSymbol[];
    return answer.map((s) => `${s.name}@${s.containerName}`).sort();
  };

  before(async () => {
    ws = mkdtempSync(path.join(tmpdir(), 'ipmp-wsym-'));
    second = mkdtempSync(path.join(tmpdir(), 'ipmp-wsym-second-'));
    write('web1/etc/hosts', '127.0.0.1 localhost\n10.0.0.1 web1 loghost\n10.0.0.2 web1-probe\n');
    write('web1/etc/hostname.ce0', 'web1 netmask + broadcast + group alpha up\n');
    write('db1/etc/hostname.e1000g0', 'db1 group beta up\n');
    write('db9/etc/hostname.bge0', 'db9 group secondfolder up\n', second);
    client = new LspTestClient();
    await client.initialize(uriOf(ws), { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceFolders: true } });
  });

  after(async () => {
    await client.stop();
    rmSync(ws, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  test('the first answer holds every host', async () => {
    assert.deepEqual(await symbols('alpha'), ['alpha@web1']);
    assert.deepEqual(await symbols('beta'), ['beta@db1']);
    assert.deepEqual(await symbols('probe'), ['web1-probe@web1']);
    assert.deepEqual(await symbols('e1000g0'), ['e1000g0@db1']);
  });

  test('files added, changed and deleted on disk', async () => {
    write('db1/etc/hostname.e1000g1', 'db1 group gamma standby up\n');
    await client.filesChanged([{ uri: uriOf(file('db1/etc/hostname.e1000g1')), type: FileChangeType.Created }]);
    assert.deepEqual(await symbols('gamma'), ['gamma@db1']);

    write('web1/etc/hosts', '127.0.0.1 localhost\n10.0.0.1 web1 loghost\n10.0.0.3 web1-renamed\n');
    await client.filesChanged([{ uri: uriOf(file('web1/etc/hosts')), type: FileChangeType.Changed }]);
    assert.deepEqual(await symbols('renamed'), ['web1-renamed@web1']);
    assert.deepEqual(await symbols('probe'), []);

    unlinkSync(file('db1/etc/hostname.e1000g1'));
    await client.filesChanged([{ uri: uriOf(file('db1/etc/hostname.e1000g1')), type: FileChangeType.Deleted }]);
    assert.deepEqual(await symbols('gamma'), []);

    write('app1/etc/hostname.bge0', 'app1 group newhost up\n');
    await client.filesChanged([{ uri: uriOf(file('app1/etc/hostname.bge0')), type: FileChangeType.Created }]);
    assert.deepEqual(await symbols('newhost'), ['newhost@app1']);
  });

  test('an open document counts with its unsaved text, and no longer once closed', async () => {
    const ce0 = uriOf(file('web1/etc/hostname.ce0'));
    await client.open(ce0, 'solaris-hostname', 'web1 netmask + broadcast + group alpha up\n');
    await client.change(ce0, 'web1 netmask + broadcast + group edited up\n');
    assert.deepEqual(await symbols('edited'), ['edited@web1']);
    assert.deepEqual(await symbols('alpha'), []);
    const unsaved = uriOf(file('web1/etc/hostname.ce9'));
    await client.open(unsaved, 'solaris-hostname', 'web1 group unsaved up\n');
    assert.deepEqual(await symbols('unsaved'), ['unsaved@web1']);
    await client.close(unsaved);
    await client.close(ce0);
    assert.deepEqual(await symbols('unsaved'), []);
    assert.deepEqual(await symbols('alpha'), ['alpha@web1']);
  });

  test('workspace folders added and removed', async () => {
    const added = { uri: uriOf(second), name: 'second' };
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [added], removed: [] } });
    assert.deepEqual(await symbols('secondfolder'), ['secondfolder@db9']);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: uriOf(ws), name: 'test' }] } });
    assert.deepEqual(await symbols('alpha'), []);
    assert.deepEqual(await symbols('secondfolder'), ['secondfolder@db9']);
  });
});
