/// <reference types="mocha" />
// The "Insert IPMP template" code action (kind refactor.ipmpTemplate), applied in VS Code: a
// snippet with tab stops in the hostname file and ADDRESS entries in hosts. Once the user fills
// ADDRESS with addresses of the group's subnet, no rule reports anything in the whole host.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  codeActionsAt,
  codeOf,
  describeDiagnostics,
  diagnosticsWhen,
  fixtureUri,
  openFixture,
  settledDiagnostics,
} from './helpers';

const TEMPLATE_KIND = vscode.CodeActionKind.Refactor.append('ipmpTemplate');
const HOSTS_BEFORE = '127.0.0.1\tlocalhost\n192.168.40.10\ttmpl\tloghost\n192.168.40.11\ttmpl-ce0-test\n';

suite('the IPMP template', () => {
  test('fills an empty hostname file and hosts; filled in, the host has no diagnostics', async () => {
    // template/etc: ce0 is a member of group "tg" (data address tmpl, test address
    // tmpl-ce0-test); hostname.ce1 is empty.
    const member = await openFixture('template/etc/hostname.ce0');
    const doc = await openFixture('template/etc/hostname.ce1');
    assert.strictEqual(doc.getText(), '');

    const actions = await codeActionsAt(doc.uri, new vscode.Range(0, 0, 0, 0), TEMPLATE_KIND);
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind?.value]),
      [['Insert IPMP template (probe-based, group tg)', 'refactor.ipmpTemplate']],
    );
    await applyCodeAction(actions[0]!);

    // The hostname file: the group's next member, data and test address on one logical line.
    assert.strictEqual(
      doc.getText(),
      'tmpl-ce1 netmask + broadcast + group tg up \\\naddif tmpl-ce1-test deprecated -failover netmask + broadcast + up\n',
    );
    // A snippet: the editor is at the first tab stop, the data address's name, selected.
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc, 'the hostname file is the active editor');
    assert.deepStrictEqual(
      [editor.selection.start, editor.selection.end].map((p) => [p.line, p.character]),
      [[0, 0], [0, 8]],
      'the first tab stop (tmpl-ce1) is selected',
    );

    // hosts: the two names, with an ADDRESS placeholder each, which the server reports until filled.
    const hosts = await vscode.workspace.openTextDocument(fixtureUri('template/etc/hosts'));
    assert.strictEqual(
      hosts.getText(),
      `${HOSTS_BEFORE}# ce1: IPMP data and test addresses: replace ADDRESS\nADDRESS\ttmpl-ce1\nADDRESS\ttmpl-ce1-test\n`,
    );
    const placeholders = await diagnosticsWhen(
      hosts.uri,
      (ds) => ds.filter((d) => hosts.getText(d.range) === 'ADDRESS').length === 2,
      'the two ADDRESS placeholders to be reported',
    );
    assert.ok(placeholders.every((d) => codeOf(d) === 'invalid-address'), describeDiagnostics(placeholders).join(', '));

    // The user fills the addresses in, in the group's subnet (netmasks: 192.168.40.0/24).
    const fill = new vscode.WorkspaceEdit();
    const lines = hosts.getText().split('\n');
    for (const [name, address] of [['tmpl-ce1', '192.168.40.12'], ['tmpl-ce1-test', '192.168.40.13']]) {
      const line = lines.indexOf(`ADDRESS\t${name}`);
      assert.ok(line >= 0, `no ADDRESS line for ${name}`);
      fill.replace(hosts.uri, new vscode.Range(line, 0, line, 'ADDRESS'.length), address);
    }
    assert.ok(await vscode.workspace.applyEdit(fill));
    await diagnosticsWhen(hosts.uri, (ds) => ds.length === 0, 'hosts without diagnostics');

    const problems: string[] = [];
    for (const file of [doc, member, hosts, await openFixture('template/etc/netmasks')]) {
      const ds = await settledDiagnostics(file);
      problems.push(...ds.map((d) => `${vscode.workspace.asRelativePath(file.uri)}: ${codeOf(d)} "${d.message}"`));
    }
    assert.deepStrictEqual(problems, []);
  });

  test('is offered in a non-empty hostname file too, and not in hosts', async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const here = await codeActionsAt(doc.uri, new vscode.Range(0, 0, 0, 0), TEMPLATE_KIND);
    assert.strictEqual(here.length, 1, here.map((a) => a.title).join(', '));
    const hosts = await openFixture('kinds/etc/hosts');
    assert.deepStrictEqual(await codeActionsAt(hosts.uri, new vscode.Range(0, 0, 0, 0), TEMPLATE_KIND), []);
  });

  test('the command "Insert IPMP Template" applies it to the active editor', async () => {
    const doc = await openFixture('kinds/etc/hostname6.ce1');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const before = doc.getText();
    await vscode.commands.executeCommand('solarisIpmp.insertTemplate');
    // An IPv6 file: the link-local test address needs no name, so no hosts entry either.
    assert.strictEqual(doc.getText(), `${before}-failover group prod up\n`);
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before);
    assert.ok(await vscode.workspace.applyEdit(restore));
  });
});
