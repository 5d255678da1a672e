/// <reference types="mocha" />
// Language features through the vscode API, as an editor sees them.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  completionLabels,
  diagnosticWithCode,
  eventually,
  hoverAt,
  hoverText,
  openFixture,
  positionOf,
  quickFixesFor,
} from './helpers';

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

/** The position just after `needle` (the first time it occurs). */
function after(doc: vscode.TextDocument, needle: string): vscode.Position {
  return positionOf(doc, needle, needle.length);
}

suite('hover', () => {
  test('a keyword: what it does and its part in IPMP', async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const text = await hoverAt(doc, positionOf(doc, 'deprecated', 2));
    assert.match(text, /source of outgoing packets/);
    assert.match(text, /IPMP/);
  });

  test('a host name: its address and the hosts line that defines it', async () => {
    const doc = await openFixture('kinds/etc/hostname.ce0');
    const text = await hoverAt(doc, positionOf(doc, 'kinds-ce0-test', 3));
    assert.match(text, /192\.168\.50\.11/);
    assert.match(text, /hosts, line 4/);
  });

  test('a group name: the members of the group in this host', async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const text = await hoverAt(doc, after(doc, 'group p'));
    assert.match(text, /IPMP group `prod`/);
    for (const member of ['hostname.ce0', 'hostname.ce1']) assert.ok(text.includes(member), `${member} not in ${JSON.stringify(text)}`);
  });

  test('an mpathd setting: its meaning and default', async () => {
    const doc = await openFixture('kinds/etc/default/mpathd');
    const text = await hoverAt(doc, new vscode.Position(0, 3));
    assert.match(text, /FAILURE_DETECTION_TIME/);
    assert.match(text, /Default: `10000`/);
  });

  test('a name in hosts: its address and the files that use it', async () => {
    const doc = await openFixture('kinds/etc/hosts');
    const text = await hoverAt(doc, positionOf(doc, 'kinds-ce1-test', 2));
    assert.match(text, /192\.168\.50\.12/);
    assert.match(text, /Used by `hostname\.ce1`/);
  });
});

suite('completion', () => {
  test("at a line's start: keywords and the host's names", async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const labels = await completionLabels(doc, new vscode.Position(0, 0));
    for (const label of ['up', 'group', '-failover', 'kinds', 'kinds-ce0-test']) assert.ok(labels.includes(label), `${label} not among ${labels.join(', ')}`);
  });

  test("after 'group ': the host's groups", async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const labels = await completionLabels(doc, after(doc, 'group '));
    assert.deepStrictEqual(labels, ['prod']);
  });

  test("after 'netmask ': '+' and masks", async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const labels = await completionLabels(doc, after(doc, 'netmask '));
    assert.strictEqual(labels[0], '+');
    assert.ok(labels.includes('255.255.255.0'), labels.join(', '));
  });

  test('in hostname6: no IPv4-only keywords', async () => {
    const doc = await openFixture('kinds/etc/hostname6.ce0');
    const labels = await completionLabels(doc, new vscode.Position(0, 0));
    assert.ok(labels.includes('-failover'), labels.join(', '));
    for (const v4 of ['netmask', 'broadcast']) assert.ok(!labels.includes(v4), `${v4} offered in hostname6`);
  });

  test('in default/mpathd: the three settings, then their values', async () => {
    const doc = await openFixture('kinds/etc/default/mpathd');
    const names = await completionLabels(doc, new vscode.Position(1, 0));
    assert.deepStrictEqual([...names].sort(), ['FAILBACK', 'FAILURE_DETECTION_TIME', 'TRACK_INTERFACES_ONLY_WITH_GROUPS']);
    const values = await completionLabels(doc, after(doc, 'FAILBACK='));
    assert.deepStrictEqual([...values].sort(), ['no', 'yes']);
  });

  test('the item for a keyword carries its docs once resolved', async () => {
    const doc = await openFixture('kinds/etc/hostname.ce1');
    const list = await eventually('completion with docs', async () => {
      // The second argument asks VS Code to resolve that many items (completionItem/resolve).
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(0, 0),
        undefined,
        500,
      );
      return l?.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'standby' && i.documentation) ? l : undefined;
    });
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'standby')!;
    const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation!.value;
    assert.match(docs, /standby/);
  });
});
