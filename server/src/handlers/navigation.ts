/**
 * Host names and groups across a host's files: definition, references, highlights, rename,
 * and the workspace's symbols.
 */
import {
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  type DefinitionParams,
  type DocumentHighlightParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver';
import { definition, documentHighlights, references } from '../features/navigation';
import { prepareRename, rename } from '../features/rename';
import type { ServerContext } from './context';

export async function definitionAt(ctx: ServerContext, params: DefinitionParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? definition(analysis.doc, params.position, analysis.host, { linkSupport: ctx.client.definitionLinks }) : null;
}

export async function referencesAt(ctx: ServerContext, params: ReferenceParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? references(analysis.doc, params.position, analysis.host, params.context.includeDeclaration) : null;
}

export async function highlightsAt(ctx: ServerContext, params: DocumentHighlightParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? documentHighlights(analysis.doc, params.position, analysis.host) : null;
}

export async function prepareRenameAt(ctx: ServerContext, params: PrepareRenameParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  if (!analysis) return null;
  const result = prepareRename(analysis.doc, params.position, analysis.host);
  if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(result.error));
  return result;
}

export async function renameAt(ctx: ServerContext, params: RenameParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  if (!analysis) return null;
  const result = rename(analysis.doc, params.position, params.newName, analysis.host);
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(String(result.error)));
  return result;
}

/** Answered from the background index (workspace/hostIndex.ts), once it is complete. */
export function workspaceSymbolsMatching(ctx: ServerContext, params: WorkspaceSymbolParams, token: CancellationToken) {
  return ctx.hostIndex.symbols(params.query, 500, token);
}

/** Error messages are shown as plain text: code spans become quotes. */
function plainMessage(message: string): string {
  return message.replace(/`([^`]*)`/g, "'$1'");
}
