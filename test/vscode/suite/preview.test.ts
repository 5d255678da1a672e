/// <reference types="mocha" />
// Preview boot and Simulate failure in the real VS Code: the code lenses a hostname file shows,
// the commands they run, the read-only preview document they open beside the editor, and the
// preview following an edit of the host's files. Waits are on the extension API's
// onDidRenderPreview (fires when a preview's text is computed) and on document events; a provider
// that has not answered yet is asked again until a deadline (`eventually`). Nothing sleeps.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SolarisIpmpApi } from '../../../client/src/extension';
import { activeExtension, eventually, fixtureUri, openFixture, writeFixture } from './helpers';

const HOST = 'preview/etc';
const SCHEME = 'solaris-ipmp-preview';
const LANGUAGE = 'solaris-ipmp-preview';

/** The next value `event` fires that `accept` takes; fails after `timeout` ms. */
function next<T>(event: vscode.Event<T>, what: string, accept: (value: T) => boolean = () => true, timeout = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The code lenses of `uri` once the server has answered with at least one whose title matches `title`. */
async function lensesWith(uri: vscode.Uri, title: string): Promise<vscode.CodeLens[]> {
  return eventually(`a code lens "${title}" on ${uri.path}`, async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return lenses.some((l) => l.command?.title === title) ? lenses : undefined;
  });
}

/** The visible editor of a preview document whose path ends with `name` (`boot preview`, `ce0 fails`). */
function previewEditor(name: string): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === SCHEME && e.document.uri.path === `/${HOST}/${name}`);
}

/** Runs a lens's command as VS Code does when it is clicked. */
async function run(lens: vscode.CodeLens): Promise<unknown> {
  assert.ok(lens.command, 'the lens has a command');
  return vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

/**
 * The next render of the open preview `doc` that changed its text. A preview is also rendered
 * again with the same text (the server tells of every open, close and restart): those do not
 * count. Its text is read when the event fires: rendered means shown.
 */
function nextChange(api: SolarisIpmpApi, doc: vscode.TextDocument, what: string): Promise<string> {
  const before = doc.getText();
  return next(api.onDidRenderPreview, what, (uri) => uri.toString() === doc.uri.toString() && doc.getText() !== before).then(() => doc.getText());
}

/**
 * The next render of the open preview `doc` whose text matches `pattern`. For a preview served
 * by a server that was just restarted: it may render more than once as the new server reads the
 * workspace, so the first changed text need not be the last; the deadline still fails a preview
 * that never shows `pattern`.
 */
function renderMatching(api: SolarisIpmpApi, doc: vscode.TextDocument, what: string, pattern: RegExp): Promise<string> {
  return next(api.onDidRenderPreview, what, (uri) => uri.toString() === doc.uri.toString() && pattern.test(doc.getText())).then(() => doc.getText());
}

/** Runs Preview boot for `file` as the lens does; the preview document it shows, once it has its text. */
async function openPreview(file: vscode.Uri): Promise<vscode.TextDocument> {
  const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('solarisIpmp.previewBoot', file.toString());
  assert.ok(editor, 'Preview boot showed no editor');
  assert.strictEqual(editor.document.uri.scheme, SCHEME);
  return editor.document;
}

/** Lines of `text` under the numbered section `title`, up to the next section. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n${title}\n`);
  assert.ok(start >= 0, `no section "${title}" in:\n${text}`);
  const rest = text.slice(start + title.length + 2);
  const end = rest.search(/\n─+\n\d+\. /);
  return end === -1 ? rest : rest.slice(0, end);
}

/** Unsaved edits of the fixture host's files are reverted (a failed test may leave some behind). */
async function revertHost(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || !doc.uri.path.includes(`/${HOST}/`)) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!doc.isDirty, `${doc.uri.path} reverted`);
  }
}

suite('boot preview', () => {
  let api: SolarisIpmpApi;
  let ce0: vscode.TextDocument;

  suiteSetup(async () => {
    api = (await activeExtension()).exports as SolarisIpmpApi;
    assert.strictEqual(typeof api.onDidRenderPreview, 'function', 'the API has onDidRenderPreview');
  });

  setup(async () => {
    await revertHost();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    ce0 = await openFixture(`${HOST}/hostname.ce0`);
  });

  suiteTeardown(async () => {
    await revertHost();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a hostname file in a group has the lenses "Preview boot" and "Simulate failure of ce0" on line 1', async () => {
    const lenses = await lensesWith(ce0.uri, 'Simulate failure of ce0');
    const top = lenses.filter((l) => l.range.start.line === 0 && l.range.start.character === 0 && l.range.isEmpty);
    assert.deepStrictEqual(
      top.map((l) => [l.command?.title, l.command?.command, l.command?.arguments?.map(String)]),
      [
        ['Preview boot', 'solarisIpmp.previewBoot', [ce0.uri.toString()]],
        ['Simulate failure of ce0', 'solarisIpmp.simulateFailure', [ce0.uri.toString(), 'ce0']],
      ],
    );
    assert.ok(
      lenses.some((l) => l.command?.title === 'group pvgrp: ce0 active (test .11), ce1 active (test .12), probe-based'),
      lenses.map((l) => l.command?.title).join(' | '),
    );
    const ce1 = await openFixture(`${HOST}/hostname.ce1`);
    await lensesWith(ce1.uri, 'Simulate failure of ce1');
    const hosts = await openFixture(`${HOST}/hosts`);
    assert.deepStrictEqual((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', hosts.uri)) ?? [], []);
  });

  test('"Preview boot" opens the host\'s boot beside the editor: read-only, its own language, the boot as text', async () => {
    const [lens] = (await lensesWith(ce0.uri, 'Preview boot')).filter((l) => l.command?.title === 'Preview boot');
    const rendered = next(api.onDidRenderPreview, 'the preview to render', (uri) => uri.path === `/${HOST}/boot preview`);
    await run(lens!);
    await rendered;
    const editor = await eventually('the preview editor', () => previewEditor('boot preview'));
    const doc = editor.document;
    assert.strictEqual(doc.languageId, LANGUAGE);
    assert.strictEqual(new URLSearchParams(doc.uri.query).get('uri'), ce0.uri.toString());
    // Beside: the hostname file keeps the first column, and the focus.
    assert.strictEqual(editor.viewColumn, vscode.ViewColumn.Two);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), ce0.uri.toString(), 'the focus stays on the hostname file');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === ce0 && e.viewColumn === vscode.ViewColumn.One));

    const text = await eventually('the preview text', () => (doc.getText().startsWith('Boot preview') ? doc.getText() : undefined));
    assert.match(text, /^Boot preview of preview\/etc — Solaris 10 \(8\/07 and later\)\n/);
    assert.match(section(text, '1. Commands, in boot order'), /^ {2}ok {6}ifconfig ce0 inet pv1 netmask \+ broadcast \+ group pvgrp up addif pv1-ce0-test deprecated -failover netmask \+ broadcast \+ up/m);
    assert.match(section(text, '2. Interfaces after boot (ifconfig -a)'), /^ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192\.168\.80\.10 netmask ffffff00 broadcast 192\.168\.80\.255\n\tgroupname pvgrp$/m);
    assert.match(section(text, '3. IPMP after boot'), /^ {2}pvgrp +ok +10\.00s +ce0 ce1$/m);
    assert.doesNotMatch(text, /^4\. /m, 'no failure without asking for one');

    // Read-only: no file system behind the scheme, so nothing can save it (the scenario types into it).
    assert.notStrictEqual(vscode.workspace.fs.isWritableFileSystem(SCHEME), true);
    assert.strictEqual(doc.isDirty, false);
    // Its dashes and arrows (`line 1–2`, `ce0 → ce1:1`) are meant: not boxed as look-alike characters.
    assert.strictEqual(vscode.workspace.getConfiguration('editor', { languageId: LANGUAGE }).get('unicodeHighlight.ambiguousCharacters'), false);
  });

  test('the preview follows an unsaved edit of the hostname file', async () => {
    const doc = await openPreview(ce0.uri);
    await eventually('the first text', () => (doc.getText().includes('inet 192.168.80.10 ') ? true : undefined));

    const refreshed = nextChange(api, doc, 'the preview to render again after the edit');
    const edit = new vscode.WorkspaceEdit();
    const word = ce0.getText().indexOf('pv1 ');
    edit.replace(ce0.uri, new vscode.Range(ce0.positionAt(word), ce0.positionAt(word + 3)), '192.168.80.20');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = await refreshed;
    assert.match(text, /^ {2}ok {6}ifconfig ce0 inet 192\.168\.80\.20 netmask/m, text);
    assert.match(section(text, '2. Interfaces after boot (ifconfig -a)'), /^ce0: .*\n\tinet 192\.168\.80\.20 netmask ffffff00 broadcast 192\.168\.80\.255$/m);
    assert.match(section(text, '3. IPMP after boot'), /^ {2}192\.168\.80\.20 +up +pvgrp +ce0 +ce0$/m);
    assert.strictEqual(doc.isDirty, false, 'the preview itself is never dirty');

    // Undone (the file is as on disk again): the preview follows back.
    const back = nextChange(api, doc, 'the preview to render after the revert');
    await vscode.window.showTextDocument(ce0, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await back;
    assert.match(doc.getText(), /^ce0: .*\n\tinet 192\.168\.80\.10 /m);
  });

  test('the preview follows an edit of the host\'s hosts file', async () => {
    const doc = await openPreview(ce0.uri);
    const hosts = await vscode.workspace.openTextDocument(fixtureUri(`${HOST}/hosts`));
    const refreshed = nextChange(api, doc, 'the preview to render after the hosts edit');
    const edit = new vscode.WorkspaceEdit();
    const at = hosts.getText().indexOf('192.168.80.12\t');
    edit.replace(hosts.uri, new vscode.Range(hosts.positionAt(at), hosts.positionAt(at + '192.168.80.12'.length)), '192.168.80.42');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await refreshed;
    assert.match(section(doc.getText(), '2. Interfaces after boot (ifconfig -a)'), /^ce1: .*\n\tinet 192\.168\.80\.42 netmask ffffff00/m);
    const back = nextChange(api, doc, 'the preview to render after the revert of hosts');
    await vscode.window.showTextDocument(hosts);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.match(await back, /^ce1: .*\n\tinet 192\.168\.80\.12 /m);
  });

  test('a hostname file created on disk joins the preview; deleted, it leaves it', async () => {
    const doc = await openPreview(ce0.uri);
    await eventually('the first text', () => (doc.getText().startsWith('Boot preview') ? true : undefined));
    assert.doesNotMatch(doc.getText(), /ifconfig ce2 plumb/);
    const created = nextChange(api, doc, 'the preview to render after hostname.ce2 was created');
    const ce2 = await writeFixture(`${HOST}/hostname.ce2`, 'group pvgrp standby up\n');
    await created;
    assert.match(doc.getText(), /^ {2}ok {6}ifconfig ce2 plumb$/m);
    assert.match(section(doc.getText(), '3. IPMP after boot'), /^ {2}pvgrp +ok +10\.00s +ce0 ce1 \(ce2\)$/m);
    const deleted = nextChange(api, doc, 'the preview to render after hostname.ce2 was deleted');
    await vscode.workspace.fs.delete(ce2);
    await deleted;
    assert.doesNotMatch(doc.getText(), /ce2/);
  });

  test('after Restart Language Server the open preview still follows edits', async () => {
    const doc = await openPreview(ce0.uri);
    await eventually('the first text', () => (doc.getText().includes('inet 192.168.80.10 ') ? true : undefined));
    const before = api.serverPid;
    const started = next(api.onDidStartServer, 'the new server');
    await vscode.commands.executeCommand('solarisIpmp.restartServer');
    const pid = await started;
    assert.notStrictEqual(pid, before, 'a new server process');
    assert.strictEqual(api.serverPid, pid, 'the API names the running server');

    const edited = /^ce0: .*\n\tinet 192\.168\.80\.30 /m;
    const refreshed = renderMatching(api, doc, 'the preview to show the edit, with the new server', edited);
    const edit = new vscode.WorkspaceEdit();
    const word = ce0.getText().indexOf('pv1 ');
    edit.replace(ce0.uri, new vscode.Range(ce0.positionAt(word), ce0.positionAt(word + 3)), '192.168.80.30');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(await refreshed, edited);
    const back = renderMatching(api, doc, 'the preview to show the reverted file', /^ce0: .*\n\tinet 192\.168\.80\.10 /m);
    await vscode.window.showTextDocument(ce0, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.doesNotMatch(await back, edited);
  });

  test('"Simulate failure of ce0" opens the failure: the data address moves to ce1:1 and back on repair', async () => {
    const [lens] = (await lensesWith(ce0.uri, 'Simulate failure of ce0')).filter((l) => l.command?.title === 'Simulate failure of ce0');
    const rendered = next(api.onDidRenderPreview, 'the failure preview to render', (uri) => uri.path === `/${HOST}/ce0 fails`);
    await run(lens!);
    const previewUri = await rendered;
    assert.strictEqual(new URLSearchParams(previewUri.query).get('fail'), 'ce0');
    const editor = await eventually('the failure preview editor', () => previewEditor('ce0 fails'));
    assert.strictEqual(editor.document.languageId, LANGUAGE);
    assert.strictEqual(editor.viewColumn, vscode.ViewColumn.Two);
    const text = editor.document.getText();
    assert.match(text, /^Then: ce0 fails, and is repaired\.$/m);
    const fails = section(text, '4. ce0 fails');
    assert.match(fails, /^ {2}in\.mpathd: Successfully failed over from NIC ce0 to NIC ce1$/m);
    assert.match(fails, /^Addresses moved to ce1:\n {2}192\.168\.80\.10 +ce0 → ce1:1$/m);
    assert.match(fails, /^ce1:1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n\tinet 192\.168\.80\.10 /m);
    assert.match(fails, /^ {2}pvgrp +degraded +10\.00s +\[ce0\] ce1$/m);
    const repaired = section(text, '5. ce0 is repaired');
    assert.match(repaired, /^Addresses moved back \(FAILBACK=yes\):\n {2}192\.168\.80\.10 +ce1:1 → ce0$/m);
  });

  test('"Simulate failure" without a NIC asks which one; accepting the first offered (ce0) opens its failure', async () => {
    const opened = vscode.commands.executeCommand<vscode.TextEditor | undefined>('solarisIpmp.simulateFailure', ce0.uri);
    let done = false;
    void opened.then(
      () => (done = true),
      () => (done = true),
    );
    // The quick pick has no API here: accept its first item (ce0, grouped, first) until the command ends.
    await eventually('the quick pick to be answered', async () => {
      if (done) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done ? true : undefined;
    });
    const editor = await opened;
    assert.ok(editor, 'an editor was opened');
    assert.strictEqual(editor.document.uri.path, `/${HOST}/ce0 fails`);
    assert.match(editor.document.getText(), /^4\. ce0 fails$/m);
  });

  test('"Preview boot" without an argument previews the active editor\'s host (the editor title button)', async () => {
    const ce1 = await openFixture(`${HOST}/hostname.ce1`);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('solarisIpmp.previewBoot');
    assert.ok(editor, 'an editor was opened');
    assert.strictEqual(new URLSearchParams(editor.document.uri.query).get('uri'), ce1.uri.toString());
    assert.match(editor.document.getText(), /^Boot preview of preview\/etc /);
  });
});
