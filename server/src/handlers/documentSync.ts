/**
 * Documents opening, changing and closing. An open editor's text wins over the file on disk,
 * so each of these changes the host it belongs to: its other open files are checked again and
 * previews of it are told (DESIGN.md "Hosts").
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorDocuments } from '../session/editorDocuments';
import { hostRootUri, hostRootsOfCapture, normalizeUri, type HostModel } from '../workspace/hostModel';
import type { ServerContext } from './context';

/** The open text now wins over the disk's, and the host lists one more open file. */
export function documentOpened(ctx: { readonly editor: EditorDocuments; readonly model: HostModel }, document: TextDocument): void {
  ctx.editor.opened(document.uri);
  ctx.model.documentChanged(document.uri);
}

export function documentChanged(ctx: ServerContext, document: TextDocument): void {
  const uri = document.uri;
  ctx.model.documentChanged(uri);
  ctx.analyses.recheck(uri);
  if (ctx.editor.kindOf(document) === 'hosts') {
    // A hosts file may be some other host's fallback.
    ctx.analyses.recheckAll(uri);
    ctx.hostChanges.changed('*');
  } else {
    for (const root of hostRootsOfCapture(normalizeUri(uri)) ?? [hostRootUri(uri)]) {
      ctx.analyses.recheckHosts(new Set([root]), uri);
      ctx.hostChanges.changed(root);
    }
  }
}

export function documentClosed(ctx: ServerContext, document: TextDocument): void {
  const uri = document.uri;
  ctx.editor.closed(uri);
  ctx.analyses.closed(uri);
  ctx.model.invalidate(uri);
  // A file of the last Check All Hosts gets its findings on disk back instead of none.
  const checked = ctx.workspaceCheck.closed(uri);
  if (!checked || normalizeUri(uri) !== uri) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  const root = ctx.editor.hostRootOf(uri);
  ctx.analyses.recheckHosts(new Set([root]));
  ctx.hostChanges.changed(root);
  ctx.editor.forgetHostRoot(uri);
}
