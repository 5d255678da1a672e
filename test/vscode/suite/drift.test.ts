/// <reference types="mocha" />
// Drift in the real VS Code: "Paste Running Configuration" writes `ifconfig -a` output beside the
// host's etc/, the server compares it with the boot files and shows the differences on the
// hostname files (with a quick fix that writes the running group) and on the capture (a NIC no
// boot file plumbs, with a quick fix that creates its hostname file). Waits are on
// languages.onDidChangeDiagnostics; nothing sleeps.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, codeOf, diagnosticsWhen, fixtureUri } from './helpers';

const PASTE = 'solarisIpmp.pasteRunningConfiguration';
const RUNNING = `lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1
\tinet 127.0.0.1 netmask ff000000 
ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
\tinet 192.168.90.10 netmask ffffff00 broadcast 192.168.90.255
\tgroupname drgrp
ce0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
\tinet 192.168.90.11 netmask ffffff00 broadcast 192.168.90.255
ce1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3
\tinet 192.168.90.12 netmask ffffff00 broadcast 192.168.90.255
\tgroupname webgrp
bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4
\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255
`;

const codes = (ds: readonly vscode.Diagnostic[]): string[] => ds.map((d) => String(codeOf(d))).sort();

suite('Drift: the running system against the boot files', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('pasting ifconfig -a output writes the capture beside etc/, and the drift shows on the files a reboot reads', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(PASTE));
    const ce1 = fixtureUri('drift/etc/hostname.ce1');
    const written = await vscode.commands.executeCommand<vscode.Uri>(PASTE, ce1, RUNNING);
    assert.ok(written, 'the command says where it wrote');
    assert.strictEqual(written.toString(), fixtureUri('drift/ifconfig-a.txt').toString());
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(written)), RUNNING);
    // It opened the capture: its own finding shows there.
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), written.toString());
    const onCapture = await diagnosticsWhen(written, (d) => codes(d).includes('drift-interface-lost'), 'drift-interface-lost on the capture');
    assert.match(onCapture[0]!.message, /bge0 is plumbed for IPv4/);

    // The hostname file, opened as a user would.
    await vscode.window.showTextDocument(ce1);
    const ds = await diagnosticsWhen(ce1, (d) => codes(d).includes('drift-group'), 'drift-group on hostname.ce1');
    const group = ds.find((d) => codeOf(d) === 'drift-group')!;
    assert.match(group.message, /ce1 runs in group webgrp; the next boot puts it in group drgrp/);

    // The quick fix writes the running group; the drift is gone.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ce1, group.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /group webgrp/.test(a.title));
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhen(ce1, (d) => !codes(d).includes('drift-group'), 'no drift-group after the fix');
    assert.match(vscode.window.activeTextEditor!.document.getText(), /group webgrp up/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the capture\'s quick fix creates hostname.bge0 as it runs', async () => {
    const capture = fixtureUri('drift/ifconfig-a.txt');
    const ds = await diagnosticsWhen(capture, (d) => codes(d).includes('drift-interface-lost'), 'drift-interface-lost on the capture');
    const lost = ds.find((d) => codeOf(d) === 'drift-interface-lost')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', capture, lost.range, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((a) => /Create hostname\.bge0/.test(a.title));
    assert.ok(create?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    const bge0 = fixtureUri('drift/etc/hostname.bge0');
    const doc = await vscode.workspace.openTextDocument(bge0);
    assert.strictEqual(doc.getText(), '10.1.1.5 netmask 255.255.255.0 broadcast + up\n');
    await doc.save();
    await diagnosticsWhen(capture, (d) => !codes(d).includes('drift-interface-lost'), 'no drift-interface-lost once hostname.bge0 exists');
    // Leave the fixture as it was for the suites after this one.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(bge0);
    await vscode.workspace.fs.delete(capture);
  });
});
