// Shared helpers of the extension-host suite. Everything is awaited with a timeout: the language
// server answers a moment after a document opens, never at a fixed time.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'solaris-ipmp.solaris-ipmp';

/** A file of the fixture workspace (a fresh copy of test/vscode/fixtures/workspace per run). */
export function fixtureUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open as the first folder');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function openFixture(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Polls `probe` until it returns a value that is not undefined; fails with `what` after `timeout`. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeout = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await eventually(`${EXTENSION_ID} to activate`, () => (ext.isActive ? true : undefined));
  return ext;
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The server's diagnostics on `uri` (source "ipmp"), in document order. */
export function ipmpDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ipmp')
    .sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))));
}

/** "code@line:col-line:col" of each diagnostic, for messages and exact comparisons. */
export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string[] {
  const at = (p: vscode.Position): string => `${p.line}:${p.character}`;
  return ds.map((d) => `${codeOf(d)}@${at(d.range.start)}-${at(d.range.end)}`);
}

/**
 * Resolves with the ipmp diagnostics of `uri` once `accept` returns true for them: checked now and
 * on every `languages.onDidChangeDiagnostics` event for that uri (no polling, no sleeping).
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeout = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (): void => {
      finished = true;
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = (): void => {
      if (finished) return;
      const ds = ipmpDiagnostics(uri);
      if (accept(ds)) {
        finish();
        resolve(ds);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (finished) return;
      finish();
      const now = describeDiagnostics(ipmpDiagnostics(uri)).join(', ') || 'none';
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} on ${path.basename(uri.fsPath)} (diagnostics now: ${now})`));
    }, timeout);
    check();
  });
}

/** Writes a file of the workspace copy (creating folders); returns its uri. */
export async function writeFixture(relative: string, text: string): Promise<vscode.Uri> {
  const uri = fixtureUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** A text that makes the server report `code` when inserted at the start of a file of this kind. */
const MARKERS: Record<string, { text: string; code: string }> = {
  'solaris-hostname': { text: '#', code: 'comment-not-supported' },
  'solaris-hosts': { text: '10.888.1.2\tmarker\n', code: 'invalid-address' },
  'solaris-netmasks': { text: '10.888.0.0\t255.255.0.0\n', code: 'invalid-address' },
  'solaris-mpathd': { text: 'FAILBAK=yes\n', code: 'unknown-setting' },
};

/**
 * The diagnostics of `doc` as the server computes them now. An absent diagnostic cannot be
 * awaited, so this inserts a marker the server must report, waits for it, removes it and waits
 * for it to go: the list published for the document's latest version is then the answer. The
 * document's text is the same afterwards (it stays dirty).
 */
export async function settledDiagnostics(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const marker = MARKERS[doc.languageId];
  assert.ok(marker, `no marker for ${doc.languageId}`);
  const before = doc.getText();
  const start = new vscode.Position(0, 0);
  const markerRange = (ds: vscode.Diagnostic[]): boolean =>
    ds.some((d) => codeOf(d) === marker.code && d.range.start.line === 0 && d.range.start.character === 0);
  const insert = new vscode.WorkspaceEdit();
  insert.insert(doc.uri, start, marker.text);
  assert.ok(await vscode.workspace.applyEdit(insert));
  await diagnosticsWhen(doc.uri, markerRange, `the marker's ${marker.code}`);
  const remove = new vscode.WorkspaceEdit();
  remove.delete(doc.uri, new vscode.Range(start, doc.positionAt(marker.text.length)));
  assert.ok(await vscode.workspace.applyEdit(remove));
  assert.strictEqual(doc.getText(), before);
  return diagnosticsWhen(doc.uri, (ds) => !markerRange(ds), `the marker's ${marker.code} to go`);
}

/** Applies a code action as VS Code does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit refused "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** The code actions of `kind` the providers offer for `range`. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind.value,
  );
  // A provider may hand back a bare Command (its `command` is a string): not a code action.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof (a as { command?: unknown }).command !== 'string');
}

/** The labels of the language server's completion items at `at` (word and snippet items left out). */
export async function completionLabels(doc: vscode.TextDocument, at: vscode.Position): Promise<string[]> {
  return eventually(`completion items at ${at.line}:${at.character} of ${path.basename(doc.uri.fsPath)}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    const items = (list?.items ?? []).filter(
      (i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet,
    );
    return items.length ? items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)) : undefined;
  });
}

/** The hover text at `at`, once a provider answers. */
export async function hoverAt(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  return eventually(`a hover at ${at.line}:${at.character} of ${path.basename(doc.uri.fsPath)}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    return hoverText(hovers ?? []) || undefined;
  });
}

/** Waits for an `ipmp` diagnostic with `code` on `uri` (on languages.onDidChangeDiagnostics). */
export async function diagnosticWithCode(uri: vscode.Uri, code: string, timeout?: number): Promise<vscode.Diagnostic> {
  const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === code), `an ipmp diagnostic "${code}"`, timeout);
  return ds.find((x) => codeOf(x) === code)!;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .trim();
}

export function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(at + offsetInNeedle);
}

/**
 * The quick fixes offered for `diagnostic` that carry an edit touching its range. (The API hands
 * code actions back without their `diagnostics`, so the edit's range is what ties them together.)
 */
export async function quickFixesFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => {
    if (!('edit' in a) || !a.edit) return false;
    if (a.kind && !vscode.CodeActionKind.QuickFix.contains(a.kind)) return false;
    return a.edit
      .entries()
      .some(([uri, edits]) => uri.toString() === doc.uri.toString() && edits.some((e) => e.range.intersection(diagnostic.range)));
  });
}
