/**
 * LSP wiring: builds the session's state and registers the handlers. Every answer comes from a
 * handler (handlers/) over a pure feature function; this file only connects them.
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { awayJob, checkFileOnDisk, checkOpenDocument, prefetchHost, publishDiagnostics } from './handlers/diagnostics';
import { checkAllHosts, convertToIpadm, groupEdit, hostStatus, planGroup, previewBoot, topology } from './handlers/commands';
import { clientFeaturesBeforeInitialize, type CheckContext, type ServerContext } from './handlers/context';
import { documentChanged, documentClosed, documentOpened } from './handlers/documentSync';
import { codeActionsFor, codeLensesOf, completionAt, completionResolved, documentSymbolsOf, formatDocument, formatRange, hoverAt, inlayHintsIn, semanticTokensOf } from './handlers/languageFeatures';
import { initialize, initialized } from './handlers/lifecycle';
import { definitionAt, highlightsAt, prepareRenameAt, referencesAt, renameAt, workspaceSymbolsMatching } from './handlers/navigation';
import { configurationChanged, fileEventsSettled, SettlingFileEvents, watchedFilesChanged } from './handlers/workspaceEvents';
import { LanguageService } from './languageService';
import { CHECK_ALL_HOSTS_REQUEST, CONVERT_REQUEST, HOST_CHANGED, HOST_STATUS_REQUEST, PREVIEW_REQUEST, TOPOLOGY_REQUEST } from './protocol';
import { NEW_GROUP_EDIT_REQUEST, NEW_GROUP_PLAN_REQUEST } from './features/newGroup';
import { AnalysisCache } from './session/analysisCache';
import { CaptureDiagnostics } from './session/captureDiagnostics';
import { EditorDocuments } from './session/editorDocuments';
import { HostChangeNotices } from './session/hostChangeNotices';
import { SettingsStore } from './session/settingsStore';
import { WorkspaceFolders } from './session/workspaceFolders';
import type { FileSystem } from './workspace/fileSystem';
import { HostIndex } from './workspace/hostIndex';
import { normalizeUri } from './workspace/hostModel';
import { nodeFileSystem } from './workspace/nodeFileSystem';
import { WalkedFileSystem } from './workspace/walkedFileSystem';
import { FileReaderWorker } from './workspace/fileReaderWorker';
import { startHostCheckWorkers } from './hostCheckWorker';
import { WorkspaceCheck } from './workspaceCheck';

export interface ServerOptions {
  readonly fileSystem?: FileSystem;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const disk = options.fileSystem ?? nodeFileSystem;
  // What Check All Hosts' walk listed answers for missing files while it runs; the files that
  // are there are read by a thread of their own then (unless tests gave us a file system).
  const fileSystem = new WalkedFileSystem(disk, disk === nodeFileSystem ? () => new FileReaderWorker((path) => disk.readFile(path)) : undefined);
  const editor = new EditorDocuments();
  const service = new LanguageService(fileSystem, editor);
  const model = service.model;
  const folders = new WorkspaceFolders();
  const settings = new SettingsStore(connection, service);
  const captures = new CaptureDiagnostics({ connection, service, editor, settings, folders });
  const analyses = new AnalysisCache({ editor, service, settings, folders });
  const checks: CheckContext = { connection, editor, service, model, folders, settings, analyses, captures };

  // Registered before the index is built (it listens to the same events): the host model hears
  // of an opened document before the index reads it.
  editor.documents.onDidOpen((event) => documentOpened(checks, event.document));
  const hostIndex = new HostIndex(disk, { documents: editor.documents, parsers: model });

  const workspaceCheck = new WorkspaceCheck({
    fileSystem,
    keepListings: () => fileSystem.remember(),
    folders: () => folders.uris,
    openUri: (uri) => editor.clientUri(normalizeUri(uri)),
    checkOpen: (uri) => checkOpenDocument(checks, uri),
    checkOnDisk: (uri, kind) => checkFileOnDisk(checks, uri, kind),
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    release: (rootUri) => {
      if (!editor.hasOpenIn(rootUri)) model.release(rootUri);
    },
    prefetch: (uri) => void prefetchHost(checks, uri),
    // Worker threads check hosts for a big tree, when the server reads Node's file system.
    awayChecker: () => (disk === nodeFileSystem ? startHostCheckWorkers(folders.uris) : undefined),
    awayJob: async (rootUri, files) => {
      const job = await awayJob(checks, rootUri, files);
      // The walk's listings near the host go with it: the worker need not list those folders again.
      return job && { ...job, listings: fileSystem.listingsNear(URI.parse(rootUri).fsPath) };
    },
    configUsed: (config) => settings.configUsed(config),
    hostLabel: (rootUri) => folders.label(rootUri) ?? URI.parse(rootUri).path,
    log: (message) => connection.console.error(message),
    note: (message) => connection.console.log(message),
  });
  const hostChanges = new HostChangeNotices((rootUri) => void connection.sendNotification(HOST_CHANGED, { rootUri }));
  const ctx: ServerContext = { ...checks, client: clientFeaturesBeforeInitialize(), hostIndex, workspaceCheck, hostChanges };
  analyses.onCheck((uri) => publishDiagnostics(ctx, uri));
  const fileEvents = new SettlingFileEvents((changed) => fileEventsSettled(ctx, changed));

  connection.onInitialize((params) => initialize(ctx, params));
  connection.onInitialized(() => initialized(ctx));
  connection.onDidChangeConfiguration((change) => configurationChanged(ctx, change));
  connection.onDidChangeWatchedFiles((params) => watchedFilesChanged(ctx, fileEvents, params));
  editor.documents.onDidChangeContent((event) => documentChanged(ctx, event.document));
  editor.documents.onDidClose((event) => documentClosed(ctx, event.document));

  connection.onHover((params) => hoverAt(ctx, params));
  connection.onCompletion((params) => completionAt(ctx, params));
  connection.onCompletionResolve((item) => completionResolved(ctx, item));
  connection.onCodeAction((params) => codeActionsFor(ctx, params));
  connection.languages.inlayHint.on((params) => inlayHintsIn(ctx, params));
  connection.onDefinition((params) => definitionAt(ctx, params));
  connection.onReferences((params) => referencesAt(ctx, params));
  connection.onDocumentHighlight((params) => highlightsAt(ctx, params));
  connection.onPrepareRename((params) => prepareRenameAt(ctx, params));
  connection.onRenameRequest((params) => renameAt(ctx, params));
  connection.onDocumentSymbol((params) => documentSymbolsOf(ctx, params));
  connection.onWorkspaceSymbol((params, token) => workspaceSymbolsMatching(ctx, params, token));
  connection.onCodeLens((params) => codeLensesOf(ctx, params));
  connection.languages.semanticTokens.on((params) => semanticTokensOf(ctx, params));
  connection.onDocumentFormatting((params) => formatDocument(ctx, params));
  connection.onDocumentRangeFormatting((params) => formatRange(ctx, params));

  connection.onRequest(PREVIEW_REQUEST, (params) => previewBoot(ctx, params));
  connection.onRequest(TOPOLOGY_REQUEST, (params) => topology(ctx, params));
  connection.onRequest(NEW_GROUP_PLAN_REQUEST, (params) => planGroup(ctx, params));
  connection.onRequest(NEW_GROUP_EDIT_REQUEST, (params) => groupEdit(ctx, params));
  connection.onRequest(CONVERT_REQUEST, (params) => convertToIpadm(ctx, params));
  connection.onRequest(HOST_STATUS_REQUEST, (params) => hostStatus(ctx, params));
  connection.onRequest(CHECK_ALL_HOSTS_REQUEST, (params, token) => checkAllHosts(ctx, params, token));

  editor.documents.listen(connection);
  connection.listen();
}
