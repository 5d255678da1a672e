/// <reference types="mocha" />
// "Convert Host to Solaris 11 ipadm" in the real VS Code: from a hostname file, the command
// opens the host's Solaris 11 script as a new untitled shell document beside the editor,
// the same script ipmp-lint convert prints; nothing on disk changes.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, codeOf, diagnosticsWhen, fixtureUri, hoverAt, openFixture, positionOf, codeActionsAt } from './helpers';

const CONVERT = 'solarisIpmp.convertToIpadm';

suite('Convert Host to Solaris 11 ipadm', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('from the active hostname file: an untitled shell script beside it with the IPMP group as ipadm commands', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(CONVERT));
    const ce0 = fixtureUri('preview/etc/hostname.ce0');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(ce0));
    await vscode.window.showTextDocument(ce0);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CONVERT);
    assert.ok(editor, 'the command returns the editor it opened');
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'untitled');
    assert.ok(doc.uri.path.endsWith('/preview/preview-solaris11-ipadm.sh'), doc.uri.path);
    assert.strictEqual(doc.languageId, 'shellscript');
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc);
    assert.notStrictEqual(editor.viewColumn, vscode.ViewColumn.One);
    const text = doc.getText();
    assert.match(text, /^#!\/bin\/sh\n/);
    assert.match(text, /# Solaris 11 network configuration of preview\/etc/);
    for (const line of [
      /^ipadm create-ipmp -i "\$ce0" -i "\$ce1" ipmp0$/m,
      /^ipadm create-addr -T static -a 192\.168\.80\.10\/24 ipmp0\/v4data +# pv1; data address of ce0/m,
      /^ipadm create-addr -T static -a 192\.168\.80\.11\/24 "\$ce0"\/v4test/m,
      /^ipadm create-addr -T static -a 192\.168\.80\.12\/24 "\$ce1"\/v4test/m,
    ]) {
      assert.match(text, line);
    }
    // The boot files are as they were.
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(ce0)), before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('given a file of another host as argument, that host is converted', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CONVERT, fixtureUri('web1/etc/hosts'));
    assert.ok(editor);
    assert.match(editor.document.getText(), /# Solaris 11 network configuration of web1\/etc/);
    // Again: the same document, its text replaced, not a second one.
    const again = await vscode.commands.executeCommand<vscode.TextEditor>(CONVERT, fixtureUri('web1/etc/hosts'));
    assert.strictEqual(again?.document, editor.document);
    assert.strictEqual(again.document.getText().match(/^#!\/bin\/sh$/gm)?.length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("with solarisIpmp.release 's11' a hostname file is not read: one warning, whose quick fix opens the conversion; hover gives the Solaris 11 command", async () => {
    const config = vscode.workspace.getConfiguration('solarisIpmp');
    const doc = await openFixture('preview/etc/hostname.ce1');
    try {
      await config.update('release', 's11', vscode.ConfigurationTarget.Workspace);
      const ds = await diagnosticsWhen(doc.uri, (d) => d.length === 1 && codeOf(d[0]!) === 'hostname-file-not-read', 'hostname-file-not-read alone');
      assert.strictEqual(ds[0]!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(ds[0]!.message, /Solaris 11/);
      const hover = await hoverAt(doc, positionOf(doc, 'deprecated'));
      assert.match(hover, /ipadm set-addrprop -p deprecated=on/);
      const fixes = await codeActionsAt(doc.uri, ds[0]!.range, vscode.CodeActionKind.QuickFix);
      const convert = fixes.find((a) => a.command?.command === CONVERT);
      assert.ok(convert?.command, `fixes: ${fixes.map((a) => a.title).join(', ')}`);
      assert.ok(convert.isPreferred);
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(convert.command.command, ...(convert.command.arguments ?? []));
      assert.ok(editor);
      assert.strictEqual(editor.document.languageId, 'shellscript');
      assert.match(editor.document.getText(), /read as Solaris 10 \(8\/07 and later\)/);
      assert.match(editor.document.getText(), /^ipadm create-ipmp -i "\$ce0" -i "\$ce1" ipmp0$/m);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('release', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'hostname-file-not-read'), 'hostname-file-not-read gone on s10');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
