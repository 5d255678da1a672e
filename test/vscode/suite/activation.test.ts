/// <reference types="mocha" />
// The packaged extension activates on a hostname file and gives it the right language id.
import * as assert from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SolarisIpmpApi } from '../../../client/src/extension';
import { SERVER_NODE_OPTIONS } from '../../../client/src/serverEnvironment';
import { EXTENSION_ID, activeExtension, eventually, openFixture } from './helpers';

/** The first etc/hostname.* of the example workspace, if the harness passed one. */
function exampleHostnameFile(): string | undefined {
  const root = process.env.IPMP_EXAMPLES_DIR;
  if (!root || !existsSync(root)) return undefined;
  const walk = (dir: string, depth: number): string | undefined => {
    if (depth > 6) return undefined;
    const entries = readdirSync(dir).sort();
    if (path.basename(dir) === 'etc') {
      const hit = entries.find((e) => /^hostname6?\./.test(e) && statSync(path.join(dir, e)).isFile());
      if (hit) return path.join(dir, hit);
    }
    for (const e of entries) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) {
        const found = walk(p, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(root, 0);
}

/** Every file kind of DESIGN.md, as the fixture host kinds/etc holds it. */
export const KIND_FILES: readonly [string, string][] = [
  ['kinds/etc/hostname.ce0', 'solaris-hostname'],
  ['kinds/etc/hostname6.ce0', 'solaris-hostname'],
  ['kinds/etc/dhcp.bge0', 'solaris-hostname'],
  ['kinds/etc/hosts', 'solaris-hosts'],
  ['kinds/etc/netmasks', 'solaris-netmasks'],
  ['kinds/etc/default/mpathd', 'solaris-mpathd'],
];

suite('activation', () => {
  for (const [file, languageId] of KIND_FILES) {
    test(`${file} opens as ${languageId} and the extension is active`, async () => {
      const doc = await openFixture(file);
      assert.strictEqual(doc.languageId, languageId);
      await activeExtension();
    });
  }

  test('the four languages and the commands of the extension are registered', async () => {
    await activeExtension();
    const languages = await vscode.languages.getLanguages();
    for (const id of ['solaris-hostname', 'solaris-hosts', 'solaris-netmasks', 'solaris-mpathd']) {
      assert.ok(languages.includes(id), `${id} is not a known language`);
    }
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['solarisIpmp.insertTemplate', 'solarisIpmp.setFileKind', 'solarisIpmp.convertToLf', 'solarisIpmp.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('a hostname file of the fixture workspace is solaris-hostname and activates the extension', async () => {
    const doc = await openFixture('web1/etc/hostname.e1000g0');
    assert.strictEqual(doc.languageId, 'solaris-hostname');
    await activeExtension();
  });

  test("the language server runs with the client's Node options (its memory settings)", async function () {
    if (!existsSync('/proc/self/cmdline')) this.skip(); // the command line is read from Linux's /proc
    await openFixture('web1/etc/hostname.e1000g0');
    const api = (await activeExtension()).exports as SolarisIpmpApi;
    const pid = await eventually('the language server to start', () => api.serverPid);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const main = argv.findIndex((a) => /dist[\\/]server[\\/]main\.js$/.test(a));
    assert.ok(main > 0, `not the language server: ${argv.join(' ')}`);
    for (const option of SERVER_NODE_OPTIONS) assert.ok(argv.slice(0, main).includes(option), `${option} missing from ${argv.join(' ')}`);
  });

  test('the extension under test is the installed VSIX, not a development copy', function () {
    const extensionsDir = process.env.IPMP_EXTENSIONS_DIR;
    if (!extensionsDir) this.skip(); // run against a development folder on purpose
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.ok(
      path.resolve(ext.extensionPath).startsWith(path.resolve(extensionsDir) + path.sep),
      `${ext.extensionPath} is not under ${extensionsDir}`,
    );
  });

  test('a hostname file of the example workspace opens as solaris-hostname', async function () {
    const file = exampleHostnameFile();
    if (!file) this.skip(); // examples/ not written yet: the fixture test above covers activation
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'solaris-hostname', file);
    await activeExtension();
  });
});
