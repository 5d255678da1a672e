/**
 * solarisIpmp/hostStatus over a real LSP connection: what the language status item shows for
 * a file's host — its root, the hosts file (or the fallback one), the release and where it was
 * chosen, and the problems of every file of the host, opened or not.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testWorkspace, withServer, type LspTestClient } from './client';

interface Status {
  label: string;
  hostsFile: { label: string; fallback: boolean } | null;
  release: string;
  releaseLabel: string;
  releaseFrom: { kind: string; uri?: string };
  files: number;
  problems: { errors: number; warnings: number; infos: number; hints: number };
}

// Each test starts its own server (settings never leak from one to the next).
const ws = testWorkspace('ipmp-status-', {
  server: false,
  setup: ({ write }) => {
    write('web1/etc/hosts', '127.0.0.1 localhost\n192.168.10.10 web1\n192.168.10.11 web1-ce0-test\n192.168.10.12 web1-ce1-test\n');
    write('web1/etc/netmasks', '192.168.10.0 255.255.255.0\n');
    write('web1/etc/hostname.ce0', 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n');
    write('web1/etc/hostname.ce1', 'web1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n');
    // Two errors in a file nobody opens: a comment and a misspelt keyword.
    write('bad1/etc/hosts', '10.0.0.5 bad1\n');
    write('bad1/etc/hostname.e1000g0', '# primary\nbad1 netmask + standy up\n');
    write('proj/.ipmp-lint.json', '{ "release": "osol" }\n');
    write('proj/app1/etc/hostname.e1000g0', 'app1 up\n');
    write('common/hosts', '10.9.9.9 app1\n');
  },
});
const uriOf = (file: string): string => ws.uri(file);
const status = (client: LspTestClient, file: string): Promise<Status> => client.connection.sendRequest<Status>('solarisIpmp/hostStatus', { uri: uriOf(file) });

describe('solarisIpmp/hostStatus', () => {
  test('a clean host: its root, its hosts file, the default release, no problems in its four files', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      const s = await status(client, 'web1/etc/hostname.ce0');
      assert.equal(s.label, 'web1/etc');
      assert.deepEqual(s.hostsFile, { uri: uriOf('web1/etc/hosts'), label: 'web1/etc/hosts', fallback: false });
      assert.equal(s.release, 's10');
      assert.equal(s.releaseLabel, 'Solaris 10 (8/07 and later)');
      assert.deepEqual(s.releaseFrom, { kind: 'default' });
      assert.equal(s.files, 4);
      assert.deepEqual(s.problems, { errors: 0, warnings: 0, infos: 0, hints: 0 });
    });
  });

  test('problems of files never opened are counted; an unsaved edit of an open file counts as it is now', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      const before = await status(client, 'bad1/etc/hosts');
      assert.deepEqual(before.problems, { errors: 2, warnings: 0, infos: 0, hints: 0 });
      // The comment and the typo fixed in the editor, not on disk.
      const uri = uriOf('bad1/etc/hostname.e1000g0');
      assert.deepEqual(await client.openChecked(uri, 'solaris-hostname', 'bad1 netmask + standby up\n'), []);
      const after = await status(client, 'bad1/etc/hosts');
      assert.deepEqual(after.problems, { errors: 0, warnings: 0, infos: 0, hints: 0 });
    });
  });

  test('the release from the editor setting, or from a project file that wins over it; the fallback hosts file', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      await client.configurationChanged({ release: 's11', fallbackHostsFile: ws.path('common/hosts') });
      const web1 = await status(client, 'web1/etc/hosts');
      assert.equal(web1.release, 's11');
      assert.deepEqual(web1.releaseFrom, { kind: 'setting' });
      const app1 = await status(client, 'proj/app1/etc/hostname.e1000g0');
      assert.equal(app1.release, 'osol');
      assert.deepEqual(app1.releaseFrom, { kind: 'project', uri: uriOf('proj/.ipmp-lint.json') });
      assert.equal(app1.hostsFile?.fallback, true);
      assert.equal(app1.hostsFile?.label, 'common/hosts');
      const none = await client.connection.sendRequest('solarisIpmp/hostStatus', { uri: uriOf('README.txt') });
      assert.equal(none, null);
    });
  });
});
