/// <reference types="mocha" />
// Language features through the vscode API, as an editor sees them.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { diagnosticWithCode, eventually, hoverText, openFixture, positionOf, quickFixesFor } from './helpers';

suite('language features', () => {
  test('a "#" in a hostname file is an ipmp error "comment-not-supported" at the "#"', async () => {
    const doc = await openFixture('web1/etc/hostname.e1000g1');
    const d = await diagnosticWithCode(doc.uri, 'comment-not-supported');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(d.range.start, positionOf(doc, '#'));
  });

  test('hover on "deprecated" explains the keyword', async () => {
    const doc = await openFixture('web1/etc/hostname.e1000g0');
    const at = positionOf(doc, 'deprecated', 3);
    const text = await eventually('a hover on "deprecated"', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      return hoverText(hovers ?? []) || undefined;
    });
    assert.ok(text.length > 20, `hover text too short: ${JSON.stringify(text)}`);
  });

  test('completion on an empty line offers "up"', async () => {
    const doc = await openFixture('web1/etc/hostname.e1000g0');
    const emptyLine = doc.lineCount - 1; // the file ends with a newline: its last line is empty
    assert.strictEqual(doc.lineAt(emptyLine).text, '');
    const at = new vscode.Position(emptyLine, 0);
    const labels = await eventually('completion items from the server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        at,
      );
      // Only the server's items count: word-based and snippet items would prove nothing.
      const items = (list?.items ?? []).filter(
        (i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet,
      );
      return items.length ? items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)) : undefined;
    });
    assert.ok(labels.includes('up'), `"up" not among ${labels.slice(0, 30).join(', ')}`);
  });

  test('the quick fix of "comment-not-supported" deletes the comment and the problem goes', async () => {
    const doc = await openFixture('web1/etc/hostname.e1000g2');
    const before = doc.getText();
    const d = await diagnosticWithCode(doc.uri, 'comment-not-supported');
    const fixes = await quickFixesFor(doc, d);
    assert.strictEqual(fixes.length, 1, `quick fixes: ${fixes.map((a) => a.title).join(', ')}`);
    const fix = fixes[0];
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit refused the fix');
    const after = doc.getText();
    assert.strictEqual(after.replace(/[ \t]+\n/g, '\n'), before.replace(/[ \t]*#[^\n]*/, ''));
    await eventually('the comment-not-supported problem to go', () =>
      vscode.languages.getDiagnostics(doc.uri).some((x) => x.source === 'ipmp' && x.message === d.message)
        ? undefined
        : true,
    );
  });
});
