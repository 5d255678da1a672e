/// <reference types="mocha" />
// .ipmp-lint.json in the real VS Code: the packaged JSON schema checks and completes it (the
// extension's jsonValidation, served by VS Code's own JSON support), and the language server
// applies it to the files below it, re-checking open files when it is saved. Waits are on
// languages.onDidChangeDiagnostics; nothing sleeps.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, codeOf, diagnosticsWhen, eventually, fixtureUri, openFixture, writeFixture } from './helpers';

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';

/** Diagnostics of any source on `uri` once `accept` takes them. */
function anyDiagnosticsWhen(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeout = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = (): void => {
      if (done) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(ds);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      subscription.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} (now: ${vscode.languages.getDiagnostics(uri).map((d) => d.message).join(' | ') || 'none'})`));
    }, timeout);
    check();
  });
}

suite('.ipmp-lint.json', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('VS Code checks it against the packaged schema: an unknown rule id and a bad level are flagged', async () => {
    const uri = await writeFixture('projectcfg-schema/.ipmp-lint.json', '{\n  "rules": { "no-such-rule": "off", "single-interface-group": "loud" },\n  "release": "s10"\n}\n');
    const doc = await openFixture('projectcfg-schema/.ipmp-lint.json');
    assert.strictEqual(doc.languageId, 'json');
    const ds = await anyDiagnosticsWhen(uri, (d) => d.length >= 2, 'two schema problems');
    const lines = ds.map((d) => d.range.start.line);
    assert.deepStrictEqual(lines, [1, 1], ds.map((d) => d.message).join(' | '));
    assert.ok(ds.some((d) => /no-such-rule|not allowed/i.test(d.message)), ds.map((d) => d.message).join(' | '));
    assert.ok(ds.some((d) => /loud|Value is not accepted/i.test(d.message)), ds.map((d) => d.message).join(' | '));
  });

  test('the schema completes rule ids, with what each catches', async () => {
    await writeFixture('projectcfg-complete/.ipmp-lint.json', '{\n  "rules": {  }\n}\n');
    const doc = await openFixture('projectcfg-complete/.ipmp-lint.json');
    const at = new vscode.Position(1, 13);
    const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    // The JSON server loads the schema after the document opens: ask until it knows it.
    const found = await eventually('rule ids offered in "rules"', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      return list.items.find((i) => label(i).includes('single-interface-group'));
    });
    // Its documentation is the rule's summary and description from the catalogue.
    const resolved = found.documentation ?? (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, undefined, 1)).items.find((i) => label(i) === label(found))?.documentation;
    const text = typeof resolved === 'string' ? resolved : (resolved?.value ?? '');
    assert.match(text, /A group with one member/, `documentation: ${text}`);
  });

  // projectcfg/web1/etc is in the fixture from the start (hosts and hostname.ce0 as HOSTS and CE0
  // say): VS Code's file watcher often misses files written into directories made a moment before
  // with their parents (mkdir -p), and the re-check below waits on the watcher.
  test('the server applies it to the files below it, and re-checks when it is saved', async () => {
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('projectcfg/web1/etc/hosts'))), HOSTS);
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('projectcfg/web1/etc/hostname.ce0'))), CE0);
    const ce0 = fixtureUri('projectcfg/web1/etc/hostname.ce0');
    await openFixture('projectcfg/web1/etc/hostname.ce0');
    const info = await diagnosticsWhen(ce0, (ds) => ds.some((d) => codeOf(d) === 'single-interface-group'), 'single-interface-group');
    assert.strictEqual(info.find((d) => codeOf(d) === 'single-interface-group')!.severity, vscode.DiagnosticSeverity.Information);

    await writeFixture('projectcfg/.ipmp-lint.json', JSON.stringify({ rules: { 'single-interface-group': 'error' } }));
    await diagnosticsWhen(
      ce0,
      (ds) => ds.some((d) => codeOf(d) === 'single-interface-group' && d.severity === vscode.DiagnosticSeverity.Error),
      'single-interface-group raised to an error by the project file',
    );

    await writeFixture('projectcfg/.ipmp-lint.json', JSON.stringify({ ignore: { '*/etc/hostname.{ce,bge}[0-9]': ['single-interface-group'] } }));
    await diagnosticsWhen(ce0, (ds) => ds.length === 0, 'single-interface-group ignored by a glob of the project file');

    await vscode.workspace.fs.delete(fixtureUri('projectcfg/.ipmp-lint.json'));
    await diagnosticsWhen(
      ce0,
      (ds) => ds.some((d) => codeOf(d) === 'single-interface-group' && d.severity === vscode.DiagnosticSeverity.Information),
      'the default level back once the project file is gone',
    );
  });
});
