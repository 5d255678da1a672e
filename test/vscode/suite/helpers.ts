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

/** Waits for an `ipmp` diagnostic with `code` on `uri`. */
export function diagnosticWithCode(uri: vscode.Uri, code: string, timeout?: number): Promise<vscode.Diagnostic> {
  return eventually(
    `an ipmp diagnostic "${code}" on ${path.basename(uri.fsPath)}`,
    () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'ipmp' && codeOf(d) === code),
    timeout,
  );
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
