/**
 * The environment the VS Code client starts the language server in (client/src/serverEnvironment.ts),
 * merged as vscode-languageclient merges it: the extension host's, then these entries over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DROPPED_SERVER_VARIABLES, serverEnvironment } from '../../client/src/serverEnvironment';

/** What a child started with the merged environment sees of `names`. */
function childSees(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string | null> {
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null]))))`], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string | null>;
}

test('the server starts without NODE_EXTRA_CA_CERTS, and with the code cache folder', () => {
  assert.ok(DROPPED_SERVER_VARIABLES.includes('NODE_EXTRA_CA_CERTS'));
  const host = { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', KEPT: 'yes' };
  const merged = { ...host, ...serverEnvironment('/home/u/.config/Code/User/globalStorage/x/code-cache') };
  assert.deepEqual(childSees(merged, ['NODE_EXTRA_CA_CERTS', 'IPMP_CODE_CACHE_DIR', 'KEPT']), {
    NODE_EXTRA_CA_CERTS: null,
    IPMP_CODE_CACHE_DIR: '/home/u/.config/Code/User/globalStorage/x/code-cache',
    KEPT: 'yes',
  });
});

test('without a storage folder the server keeps its cache beside itself', () => {
  assert.equal('IPMP_CODE_CACHE_DIR' in serverEnvironment(undefined), false);
});
