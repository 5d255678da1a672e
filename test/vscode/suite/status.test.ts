/// <reference types="mocha" />
// The language status of the Solaris languages in the real VS Code: the host of the active file
// with its hosts file, the target release with "Change" (which writes solarisIpmp.release), and
// the problems of the host's files, following edits. Read through the extension's API, which
// refreshes the items and says what they show; nothing sleeps.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SolarisIpmpApi } from '../../../client/src/extension';
import { activeExtension, eventually, openFixture } from './helpers';

suite('Language status: host, release, problems', () => {
  let api: SolarisIpmpApi;
  suiteSetup(async () => {
    api = (await activeExtension()).exports as SolarisIpmpApi;
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('solarisIpmp').update('release', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const item = async (id: string) => (await api.languageStatus()).find((s) => s.id === id)!;

  test('a clean host: its root and hosts file, the default release, no problems', async () => {
    await vscode.window.showTextDocument(await openFixture('preview/etc/hostname.ce0'));
    const host = await item('solarisIpmp.host');
    assert.match(host.text, /preview\/etc$/);
    assert.strictEqual(host.detail, 'names from preview/etc/hosts');
    assert.strictEqual(host.command, 'solarisIpmp.previewBoot');
    const release = await item('solarisIpmp.release');
    assert.strictEqual(release.text, 'Solaris 10 (8/07 and later)');
    assert.match(release.detail, /the default/);
    assert.strictEqual(release.command, 'solarisIpmp.selectRelease');
    const problems = await item('solarisIpmp.problems');
    assert.match(problems.text, /No problems/);
    assert.strictEqual(problems.severity, 'information');
  });

  test('problems of the host follow an unsaved edit: an error shows, and goes when the edit is undone', async () => {
    const editor = await vscode.window.showTextDocument(await openFixture('preview/etc/hostname.ce1'));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# a comment Solaris runs\n'));
    const withError = await eventually('an error counted', async () => {
      const p = await item('solarisIpmp.problems');
      return /\d+ errors?/.test(p.text) ? p : undefined;
    });
    assert.strictEqual(withError.severity, 'error');
    assert.match(withError.detail, /in the 5 files of preview\/etc/);
    await vscode.commands.executeCommand('undo');
    await eventually('no problems again', async () => ((await item('solarisIpmp.problems')).text.includes('No problems') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('"Change" on the release writes solarisIpmp.release, and the item shows the new release', async () => {
    const doc = await openFixture('preview/etc/hostname.ce0');
    await vscode.window.showTextDocument(doc);
    const chosen = await vscode.commands.executeCommand('solarisIpmp.selectRelease', doc.uri, 'illumos');
    assert.strictEqual(chosen, 'illumos');
    assert.strictEqual(vscode.workspace.getConfiguration('solarisIpmp', doc.uri).get('release'), 'illumos');
    const release = await eventually('the release item shows illumos', async () => {
      const r = await item('solarisIpmp.release');
      return r.text.startsWith('illumos') ? r : undefined;
    });
    assert.match(release.detail, /solarisIpmp\.release/);
  });

  test('a file of no host: the item says so', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'solaris-hosts', content: '10.0.0.1 a\n' });
    await vscode.window.showTextDocument(doc);
    assert.strictEqual((await item('solarisIpmp.host')).text, 'No Solaris host');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
