/**
 * The editing features of one document: each answers from the document's cached analysis
 * through a pure feature function, shaped to what the client can show.
 */
import type {
  CodeActionParams,
  CodeLensParams,
  CompletionItem,
  CompletionParams,
  DocumentFormattingParams,
  DocumentRangeFormattingParams,
  DocumentSymbolParams,
  FormattingOptions,
  HoverParams,
  InlayHintParams,
  Range,
  SemanticTokensParams,
  TextEdit,
} from 'vscode-languageserver';
import { codeActions, findingActions } from '../features/codeActions';
import { codeLenses } from '../features/codeLens';
import { complete, resolveCompletion } from '../features/completion';
import { formatHostname, formatHosts, formatNetmasks } from '../features/formatting';
import { hover } from '../features/hover';
import { inlayHints } from '../features/inlayHints';
import { semanticTokens } from '../features/semanticTokens';
import { documentSymbols } from '../features/symbols';
import { PREVIEW_BOOT_COMMAND, SHOW_TOPOLOGY_COMMAND, SIMULATE_FAILURE_COMMAND } from '../protocol';
import { normalizeUri } from '../workspace/hostModel';
import type { ServerContext } from './context';

export async function hoverAt(ctx: ServerContext, params: HoverParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  if (!analysis) return null;
  const offset = analysis.doc.index.offsetAt(params.position);
  return hover(analysis.doc, offset, analysis.host, { markdown: ctx.client.markdownHover, release: analysis.settings.release });
}

export async function completionAt(ctx: ServerContext, params: CompletionParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  if (!analysis) return null;
  const offset = analysis.doc.index.offsetAt(params.position);
  return complete(analysis.doc, offset, analysis.host, {
    release: analysis.settings.release,
    markdown: ctx.client.markdownCompletion,
    retrigger: ctx.client.clientCommands,
    snippets: false,
  });
}

export function completionResolved(ctx: ServerContext, item: CompletionItem): CompletionItem {
  return resolveCompletion(item, { markdown: ctx.client.markdownCompletion });
}

export async function codeActionsFor(ctx: ServerContext, params: CodeActionParams) {
  // A capture of the running system is no document we analyse: its quick fixes come from its published findings.
  const captureFindings = ctx.captures.findingsOf(normalizeUri(params.textDocument.uri));
  if (captureFindings) return findingActions(captureFindings, params.context.diagnostics, params.context.only, ctx.client.edits);
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  if (!analysis) return null;
  return codeActions(analysis.doc, analysis.host, analysis.findings, params.range, params.context.diagnostics, params.context.only, ctx.client.edits, { release: analysis.settings.release });
}

export async function inlayHintsIn(ctx: ServerContext, params: InlayHintParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? inlayHints(analysis.doc, params.range, analysis.host, analysis.settings.release) : null;
}

export async function codeLensesOf(ctx: ServerContext, params: CodeLensParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  // Lenses that run commands only where the client has them.
  const commands = ctx.client.clientCommands ? { previewBoot: PREVIEW_BOOT_COMMAND, simulateFailure: SIMULATE_FAILURE_COMMAND, showTopology: SHOW_TOPOLOGY_COMMAND } : undefined;
  return analysis ? codeLenses(analysis.doc, analysis.host, analysis.settings.release, commands) : null;
}

export async function semanticTokensOf(ctx: ServerContext, params: SemanticTokensParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? semanticTokens(analysis.doc, analysis.host, analysis.settings.release) : { data: [] };
}

export async function documentSymbolsOf(ctx: ServerContext, params: DocumentSymbolParams) {
  const analysis = await ctx.analyses.fullAnalysis(params.textDocument.uri);
  return analysis ? documentSymbols(analysis.doc, analysis.host, { release: analysis.settings.release }) : null;
}

export function formatDocument(ctx: ServerContext, params: DocumentFormattingParams): Promise<TextEdit[] | null> {
  return format(ctx, params.textDocument.uri, undefined, params.options);
}

export function formatRange(ctx: ServerContext, params: DocumentRangeFormattingParams): Promise<TextEdit[] | null> {
  return format(ctx, params.textDocument.uri, params.range, params.options);
}

async function format(ctx: ServerContext, uri: string, range: Range | undefined, options: FormattingOptions): Promise<TextEdit[] | null> {
  const analysis = await ctx.analyses.fullAnalysis(uri);
  if (!analysis) return null;
  const { doc, settings } = analysis;
  switch (doc.kind) {
    case 'hosts':
      return formatHosts(doc.text, range, options);
    case 'netmasks':
      return formatNetmasks(doc.text, range, options);
    case 'hostname':
      // Whitespace only, and only when asked for: the file is ifconfig's input.
      return settings.formatHostnameFiles && !range ? formatHostname(doc.text, options) : [];
    default:
      return [];
  }
}
