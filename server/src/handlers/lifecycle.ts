/**
 * initialize and initialized: what the client can do, what we offer, and the registrations
 * that wait for the client to be ready.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TEMPLATE_KIND } from '../features/codeActions';
import { NEW_GROUP_KIND } from '../features/newGroup';
import { SEMANTIC_TOKEN_LEGEND } from '../features/semanticTokens';
import { IFCONFIG_CAPTURE_NAMES, IPMPSTAT_CAPTURE_NAMES } from '../syntax/capture';
import type { ClientFeatures, ServerContext } from './context';
import { workspaceFoldersChanged } from './workspaceEvents';

/** Files whose change can alter another file's diagnostics. */
const WATCH_GLOB = `**/{hosts,ipnodes,netmasks,mpathd,hostname.*,hostname6.*,dhcp.*,.ipmp-lint.json,${[...IFCONFIG_CAPTURE_NAMES, ...IPMPSTAT_CAPTURE_NAMES].join(',')}}`;

const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  hoverProvider: true,
  completionProvider: { resolveProvider: true, triggerCharacters: [' ', '='] },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, TEMPLATE_KIND, NEW_GROUP_KIND], resolveProvider: false },
  inlayHintProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: false },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

export function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const caps = params.capabilities;
  ctx.folders.initialize((params.workspaceFolders ?? []).map((f) => f.uri), params.rootUri);
  ctx.settings.pullFromClient = caps.workspace?.configuration === true;
  const init = (params.initializationOptions ?? {}) as { clientCommands?: boolean };
  Object.assign(ctx.client, {
    workspaceFolders: caps.workspace?.workspaceFolders === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
    markdownCompletion: caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false,
    edits: {
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      snippetEdits: (caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true,
      clientCommands: init.clientCommands === true,
    },
    clientCommands: init.clientCommands === true,
    watchFilesDynamically: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    definitionLinks: caps.textDocument?.definition?.linkSupport === true,
    configurationDynamically: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
  } satisfies ClientFeatures);
  return { capabilities: CAPABILITIES, serverInfo: { name: 'ipmp-language-server', version: VERSION } };
}

export function initialized(ctx: ServerContext): void {
  const { connection, client } = ctx;
  // Find the workspace's hosts in the background: initialize has already answered.
  void ctx.hostIndex.start(ctx.folders.uris);
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => workspaceFoldersChanged(ctx, event));
  }
  if (client.watchFilesDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] });
  }
  if (client.configurationDynamically) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'solarisIpmp' });
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
