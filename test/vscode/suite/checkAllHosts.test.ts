/// <reference types="mocha" />
// Check All Hosts in the real VS Code: the command puts the problems of files nobody opened in the
// Problems view (vscode.languages.getDiagnostics), answers with counts that match them, and keeps
// them up to date as files change on disk, are deleted or created. Waits are on
// languages.onDidChangeDiagnostics; nothing sleeps.
import * as assert from 'node:assert';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { activeExtension, codeOf, describeDiagnostics, diagnosticsWhen, fixtureUri, ipmpDiagnostics, writeFixture } from './helpers';
import type { CheckAllHostsResult } from '../../../server/src/protocol';

const COMMAND = 'solarisIpmp.checkAllHosts';

/** Files of the fixture's `mistakes` host and what each holds (diagnostics.test.ts checks them open). */
const MISTAKES: [string, string[]][] = [
  ['mistakes/etc/hostname.ce0', ['netmask-not-found', 'unknown-keyword']],
  ['mistakes/etc/hostname6.ce0', ['wrong-address-family']],
  ['mistakes/etc/dhcp.bge0', ['unknown-keyword']],
  ['mistakes/etc/hosts', ['invalid-host-name']],
  ['mistakes/etc/netmasks', ['netmask-key-mismatch']],
  ['mistakes/etc/default/mpathd', ['detection-time-units']],
];

const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
const codes = (ds: readonly vscode.Diagnostic[]): string[] => ds.map((d) => String(codeOf(d))).sort();

suite('Check All Hosts', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('the command is registered', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
  });

  test('it fills the Problems view with the problems of files that are not open, and counts them', async () => {
    for (const [file] of MISTAKES) assert.ok(!isOpen(fixtureUri(file)), `${file} is not open`);
    const result = await vscode.commands.executeCommand<CheckAllHostsResult>(COMMAND);
    assert.ok(result, 'the command answers with the counts');
    assert.strictEqual(result.cancelled, false);

    for (const [file, expected] of MISTAKES) {
      const uri = fixtureUri(file);
      const ds = await diagnosticsWhen(uri, (d) => d.length > 0, `the check's diagnostics`, 5_000);
      assert.deepStrictEqual(codes(ds), expected, `${file}: ${describeDiagnostics(ds).join(', ')}`);
      assert.ok(!isOpen(uri), `${file} was not opened by the check`);
    }

    // The counts are what the Problems view holds for the workspace's files.
    const folder = vscode.workspace.workspaceFolders![0]!.uri.path;
    const all = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.path.startsWith(`${folder}/`) && existsSync(uri.fsPath))
      .flatMap(([, ds]) => ds.filter((d) => d.source === 'ipmp'));
    const count = (severity: vscode.DiagnosticSeverity): number => all.filter((d) => d.severity === severity).length;
    assert.deepStrictEqual(
      { errors: result.errors, warnings: result.warnings, infos: result.infos, hints: result.hints },
      {
        errors: count(vscode.DiagnosticSeverity.Error),
        warnings: count(vscode.DiagnosticSeverity.Warning),
        infos: count(vscode.DiagnosticSeverity.Information),
        hints: count(vscode.DiagnosticSeverity.Hint),
      },
    );
    assert.ok(result.hosts >= 9, `${result.hosts} hosts (the fixture has at least nine)`);
    assert.ok(result.files >= 47, `${result.files} files (the fixture has 47)`);
  });

  // checkall/etc is in the fixture from the start: VS Code's file watcher (parcel) often misses
  // files written into a directory made a moment before with its parent (mkdir -p), so a test
  // that created the directory here would test the watcher's race, not this extension.
  test('a checked file is checked again when it changes on disk, cleared when deleted; a new one is checked', async () => {
    const ce0 = await writeFixture('checkall/etc/hostname.ce0', '# the primary interface\n');
    await vscode.commands.executeCommand(COMMAND);
    await diagnosticsWhen(ce0, (d) => codes(d).includes('comment-not-supported'), 'comment-not-supported after the check');

    await writeFixture('checkall/etc/hostname.ce1', 'standy\n');
    const ce1 = fixtureUri('checkall/etc/hostname.ce1');
    await diagnosticsWhen(ce1, (d) => codes(d).includes('unknown-keyword'), 'the new file checked');

    await writeFixture('checkall/etc/hostname.ce0', 'dhcp\n');
    await diagnosticsWhen(ce0, (d) => !codes(d).includes('comment-not-supported'), 'the comment gone after the change on disk');

    await vscode.workspace.fs.delete(ce0);
    await diagnosticsWhen(ce0, (d) => d.length === 0, 'no diagnostics once deleted');
    await vscode.workspace.fs.delete(ce1);
    await diagnosticsWhen(ce1, (d) => d.length === 0, 'no diagnostics once deleted');
  });

  test('closing a checked file that was open brings its findings on disk back', async () => {
    const uri = fixtureUri('mistakes/etc/hostname6.ce0');
    await diagnosticsWhen(uri, (d) => codes(d).includes('wrong-address-family'), 'the check\'s diagnostics');
    // Opened as the user opens it: vscode.workspace.openTextDocument would keep the document
    // open for minutes after its editor closes.
    await vscode.commands.executeCommand('vscode.open', uri);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === uri.toString(), 'the file is in the active editor');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), '-failover group prod up\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhen(uri, (d) => !codes(d).includes('wrong-address-family'), 'the unsaved text checked');

    const closed = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() !== uri.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    const ds = await diagnosticsWhen(uri, (d) => codes(d).includes('wrong-address-family'), 'the findings on disk after close');
    assert.deepStrictEqual(codes(ds), ['wrong-address-family']);
    assert.deepStrictEqual(codes(ipmpDiagnostics(uri)), ['wrong-address-family']);
  });
});
