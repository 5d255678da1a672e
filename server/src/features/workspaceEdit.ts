/** Turning our file edits into LSP workspace edits the client can apply. */
import { CodeActionKind, type CreateFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileEdit } from '../rules/types';

export interface EditCapabilities {
  /** The client takes `documentChanges` (versioned edits, file creation). */
  readonly documentChanges: boolean;
  /** The client can create files in a workspace edit. */
  readonly createFiles: boolean;
  /** The client applies LSP 3.18 snippet edits. */
  readonly snippetEdits: boolean;
  /** The client implements our commands (our own VS Code client does). */
  readonly clientCommands: boolean;
}

export const TEMPLATE_KIND = `${CodeActionKind.Refactor}.ipmpTemplate`;

/** LSP form of file edits; undefined when the client cannot apply them (file creation). */
export function toWorkspaceEdit(edits: readonly FileEdit[], caps: EditCapabilities): WorkspaceEdit | undefined {
  const creates = edits.some((e) => e.create);
  if (creates && !caps.createFiles) return undefined;
  if (caps.documentChanges) {
    const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
    for (const e of edits) {
      if (e.create) documentChanges.push({ kind: 'create', uri: e.uri, options: { ignoreIfExists: true } });
      documentChanges.push({ textDocument: { uri: e.uri, version: null }, edits: [...e.edits] });
    }
    return { documentChanges };
  }
  const changes: Record<string, (typeof edits)[number]['edits'][number][]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push(...e.edits);
  return { changes };
}
