/// <reference types="mocha" />
// "Convert Host to Solaris 11 ipadm" in the real VS Code: from a hostname file, the command
// opens the host's Solaris 11 script as a new untitled shell document beside the editor,
// the same script ipmp-lint convert prints; nothing on disk changes.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, fixtureUri } from './helpers';

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
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
