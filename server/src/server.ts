/**
 * LSP wiring: capabilities, settings, document sync, file watching. Every answer comes from a
 * pure feature function; this file only gathers its inputs. The session's state (open documents,
 * folders, settings, analyses and their scheduling, capture diagnostics) lives in session/.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type FormattingOptions,
  type InitializeResult,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { RELEASE_LABELS } from './catalog/releases';
import { URI } from 'vscode-uri';
import type { FileKind } from './syntax/fileKind';
import { fileTooLargeFinding, toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { complete, resolveCompletion } from './features/completion';
import { codeActions, findingActions, TEMPLATE_KIND, type EditCapabilities } from './features/codeActions';
import { DEFAULT_SETTINGS } from './features/settings';
import { inlayHints } from './features/inlayHints';
import { definition, documentHighlights, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { documentSymbols } from './features/symbols';
import { HostIndex } from './workspace/hostIndex';
import { codeLenses } from './features/codeLens';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from './features/semanticTokens';
import { formatHostname, formatHosts, formatNetmasks } from './features/formatting';
import { hostRootUri, hostRootsOfCapture, normalizeUri } from './workspace/hostModel';
import { IFCONFIG_CAPTURE_NAMES, IPMPSTAT_CAPTURE_NAMES } from './syntax/capture';
import type { FileSystem } from './workspace/fileSystem';
import { LanguageService, hostLabel } from './languageService';
import { AnalysisCache } from './session/analysisCache';
import { CaptureDiagnostics } from './session/captureDiagnostics';
import { EditorDocuments } from './session/editorDocuments';
import { HostChangeNotices } from './session/hostChangeNotices';
import { SettingsStore } from './session/settingsStore';
import { WorkspaceFolders } from './session/workspaceFolders';
import {
  HOST_STATUS_REQUEST,
  type HostStatusParams,
  type HostStatusResult,
  CHECK_ALL_HOSTS_REQUEST,
  CONVERT_REQUEST,
  type ConvertParams,
  type ConvertResult,
  HOST_CHANGED,
  PREVIEW_BOOT_COMMAND,
  PREVIEW_REQUEST,
  SIMULATE_FAILURE_COMMAND,
  SHOW_TOPOLOGY_COMMAND,
  TOPOLOGY_REQUEST,
  type CheckAllHostsParams,
  type CheckAllHostsResult,
  type PreviewParams,
  type PreviewResult,
  type TopologyParams,
  type TopologyResult,
} from './protocol';
import { hostTopology } from './topologyRequest';
import { NEW_GROUP_EDIT_REQUEST, NEW_GROUP_KIND, NEW_GROUP_PLAN_REQUEST, newGroupEdit, planNewGroup, type NewGroupEditParams, type NewGroupEditResult, type NewGroupPlan, type NewGroupPlanParams } from './features/newGroup';
import { nodeFileSystem } from './workspace/nodeFileSystem';
import { MAX_FILE_BYTES, isNotRead } from './workspace/fileSystem';
import { WorkspaceCheck, type FileCheck } from './workspaceCheck';

export interface ServerOptions {
  readonly fileSystem?: FileSystem;
}

/** Files whose change can alter another file's diagnostics. */
const WATCH_GLOB = `**/{hosts,ipnodes,netmasks,mpathd,hostname.*,hostname6.*,dhcp.*,.ipmp-lint.json,${[...IFCONFIG_CAPTURE_NAMES, ...IPMPSTAT_CAPTURE_NAMES].join(',')}}`;

/**
 * How long file events settle before the open documents they touch are checked again: a
 * branch switch or a build can send thousands, and each check re-reads the host from disk.
 * Edits in the editor are checked at once; only disk events wait.
 */
const FILE_EVENT_QUIET_MS = 50;
/** ...but never longer than this after the first event of a storm. */
const FILE_EVENT_MAX_WAIT_MS = 500;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const editor = new EditorDocuments();
  const documents = editor.documents;
  documents.onDidOpen((event) => {
    editor.opened(event.document.uri);
    // The open text now wins over the disk's, and the host lists one more open file.
    model.documentChanged(event.document.uri);
  });
  const service = new LanguageService(options.fileSystem ?? nodeFileSystem, editor);
  const model = service.model;
  const folders = new WorkspaceFolders();
  const settingsStore = new SettingsStore(connection, service);
  const captures = new CaptureDiagnostics({ connection, service, editor, settings: settingsStore, folders });
  const analyses = new AnalysisCache({ editor, service, settings: settingsStore, folders });
  analyses.onCheck(validateNow);
  const hostChanges = new HostChangeNotices((rootUri) => void connection.sendNotification(HOST_CHANGED, { rootUri }));

  let markdownHover = true;
  let markdownCompletion = true;
  let editCaps: EditCapabilities = { documentChanges: false, createFiles: false, snippetEdits: false, clientCommands: false };
  let retriggerSuggest = false;

  connection.onInitialize((params): InitializeResult => {
    const caps: ClientCapabilities = params.capabilities;
    folders.initialize((params.workspaceFolders ?? []).map((f) => f.uri), params.rootUri);
    workspaceFoldersSupported = caps.workspace?.workspaceFolders === true;
    markdownHover = caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
    markdownCompletion = caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false;
    settingsStore.pullFromClient = caps.workspace?.configuration === true;
    const init = (params.initializationOptions ?? {}) as { clientCommands?: boolean };
    editCaps = {
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      snippetEdits: (caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true,
      clientCommands: init.clientCommands === true,
    };
    retriggerSuggest = init.clientCommands === true;
    watchDynamically = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    definitionLinks = caps.textDocument?.definition?.linkSupport === true;
    configurationDynamic = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
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
      },
      serverInfo: { name: 'ipmp-language-server', version: VERSION },
    };
  });

  let watchDynamically = false;
  let configurationDynamic = false;
  let definitionLinks = false;
  let workspaceFoldersSupported = false;
  const hostIndex = new HostIndex(options.fileSystem ?? nodeFileSystem, { documents, parsers: model });

  connection.onInitialized(() => {
    // Find the workspace's hosts in the background: initialize has already answered.
    void hostIndex.start(folders.uris);
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.changed(
          event.added.map((f) => f.uri),
          event.removed.map((f) => f.uri),
        );
        void hostIndex.start(folders.uris);
        settingsStore.forget();
        analyses.forgetAll();
        analyses.scheduleAll();
        workspaceCheck.foldersChanged();
      });
    }
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] });
    }
    if (configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'solarisIpmp' });
  });

  // ------------------------------------------------------------------ settings

  connection.onDidChangeConfiguration((change) => {
    settingsStore.configurationChanged((change.settings as { solarisIpmp?: unknown } | undefined)?.solarisIpmp);
    analyses.forgetAll();
    model.invalidateAll();
    analyses.scheduleAll();
    workspaceCheck.recheck('all');
  });

  // ------------------------------------------------------------------ analysis

  async function validateNow(uri: string): Promise<void> {
    const doc = editor.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (!editor.kindOf(doc) && hostRootsOfCapture(normalizeUri(uri))) {
      await captures.publish(normalizeUri(uri));
      return;
    }
    try {
      // Nothing when a newer version is on its way: its own check will publish (never a stale one).
      const analysis = await analyses.current(doc);
      if (!analysis) return;
      const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
      const diagnostics = analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [];
      await connection.sendDiagnostics({ uri, version, diagnostics });
      if (!analysis.limited) await captures.publishOfHost(analysis.host);
    } catch (error) {
      connection.console.error(`Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    model.documentChanged(uri);
    analyses.recheck(uri);
    if (editor.kindOf(event.document) === 'hosts') {
      analyses.recheckAll(uri);
      hostChanges.changed('*');
    } else {
      for (const root of hostRootsOfCapture(normalizeUri(uri)) ?? [hostRootUri(uri)]) {
        analyses.recheckHosts(new Set([root]), uri);
        hostChanges.changed(root);
      }
    }
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    editor.closed(uri);
    analyses.closed(uri);
    model.invalidate(uri);
    // A file of the last Check All Hosts gets its findings on disk back instead of none.
    const checked = workspaceCheck.closed(uri);
    if (!checked || normalizeUri(uri) !== uri) void connection.sendDiagnostics({ uri, diagnostics: [] });
    const root = editor.hostRootOf(uri);
    analyses.recheckHosts(new Set([root]));
    hostChanges.changed(root);
    editor.forgetHostRoot(uri);
  });

  // Disk changes: what they touch is forgotten at once (a request in between reads the new
  // state), and the open documents of those hosts are checked again once the events settle.
  const settlingRoots = new Set<string>();
  let settlingAll = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let settleStarted = 0;
  function settleThenRevalidate(): void {
    const now = Date.now();
    if (settleTimer === undefined) settleStarted = now;
    else clearTimeout(settleTimer);
    const wait = Math.max(0, Math.min(FILE_EVENT_QUIET_MS, settleStarted + FILE_EVENT_MAX_WAIT_MS - now));
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      const all = settlingAll;
      const roots = new Set(settlingRoots);
      settlingAll = false;
      settlingRoots.clear();
      if (all) analyses.recheckAll();
      else analyses.recheckHosts(roots);
      workspaceCheck.recheck(all ? 'all' : roots);
      if (all) hostChanges.changed('*');
      else for (const root of roots) hostChanges.changed(root);
    }, wait);
  }

  connection.onDidChangeWatchedFiles((params) => {
    const roots = new Set<string>();
    let everything = false;
    for (const change of params.changes) {
      const uri = normalizeUri(change.uri);
      model.invalidate(uri);
      hostIndex.fileChanged(uri, change.type === FileChangeType.Deleted);
      // A file the last check did not see is new, whatever the event says (watchers coalesce
      // a creation and the writes after it into one event, of either type).
      if (change.type === FileChangeType.Deleted) workspaceCheck.deleted(uri);
      else workspaceCheck.created(uri);
      roots.add(hostRootUri(uri));
      const captureRoots = hostRootsOfCapture(uri);
      if (captureRoots) {
        for (const root of captureRoots) roots.add(root);
        if (captures.has(uri)) void captures.publish(uri);
      }
      // A file appearing or going changes listings; a hosts file may be some other host's
      // fallback: either way every open document may be affected.
      if (change.type === FileChangeType.Deleted || change.type === FileChangeType.Created) everything = true;
      if (/\/(hosts|ipnodes|\.ipmp-lint\.json)$/.test(URI.parse(uri).path)) everything = settlingAll = true;
    }
    if (everything) analyses.forgetAll();
    else analyses.forgetHosts(roots);
    for (const root of roots) settlingRoots.add(root);
    settleThenRevalidate();
  });

  // ------------------------------------------------------------------ requests

  connection.onHover(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    const offset = analysis.doc.index.offsetAt(params.position);
    return hover(analysis.doc, offset, analysis.host, { markdown: markdownHover, release: analysis.settings.release });
  });

  connection.onCompletion(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    const offset = analysis.doc.index.offsetAt(params.position);
    return complete(analysis.doc, offset, analysis.host, {
      release: analysis.settings.release,
      markdown: markdownCompletion,
      retrigger: retriggerSuggest,
      snippets: false,
    });
  });

  connection.onCompletionResolve((item) => resolveCompletion(item, { markdown: markdownCompletion }));

  connection.onCodeAction(async (params) => {
    const captureFindings = captures.findingsOf(normalizeUri(params.textDocument.uri));
    if (captureFindings) return findingActions(captureFindings, params.context.diagnostics, params.context.only, editCaps);
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    return codeActions(analysis.doc, analysis.host, analysis.findings, params.range, params.context.diagnostics, params.context.only, editCaps, { release: analysis.settings.release });
  });

  connection.languages.inlayHint.on(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? inlayHints(analysis.doc, params.range, analysis.host, analysis.settings.release) : null;
  });

  connection.onDefinition(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? definition(analysis.doc, params.position, analysis.host, { linkSupport: definitionLinks }) : null;
  });

  connection.onReferences(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? references(analysis.doc, params.position, analysis.host, params.context.includeDeclaration) : null;
  });

  connection.onDocumentHighlight(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? documentHighlights(analysis.doc, params.position, analysis.host) : null;
  });

  connection.onPrepareRename(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    const result = prepareRename(analysis.doc, params.position, analysis.host);
    if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(result.error));
    return result;
  });

  connection.onRenameRequest(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    const result = rename(analysis.doc, params.position, params.newName, analysis.host);
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(String(result.error)));
    return result;
  });

  connection.onDocumentSymbol(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? documentSymbols(analysis.doc, analysis.host, { release: analysis.settings.release }) : null;
  });

  // Answered from the background index (workspace/hostIndex.ts), once it is complete.
  connection.onWorkspaceSymbol((params, token) => hostIndex.symbols(params.query, 500, token));

  connection.onCodeLens(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? codeLenses(analysis.doc, analysis.host, analysis.settings.release, retriggerSuggest ? { previewBoot: PREVIEW_BOOT_COMMAND, simulateFailure: SIMULATE_FAILURE_COMMAND, showTopology: SHOW_TOPOLOGY_COMMAND } : undefined) : null;
  });

  connection.languages.semanticTokens.on(async (params) => {
    const analysis = await analyses.fullAnalysis(params.textDocument.uri);
    return analysis ? semanticTokens(analysis.doc, analysis.host, analysis.settings.release) : { data: [] };
  });

  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams): Promise<PreviewResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!editor.kindOfPath(uri)) return null;
    const settings = await settingsStore.fileSettings(params.uri);
    const preview = await service.preview(uri, settings.release, {
      fallbackHostsUri: folders.fallbackHostsUri(uri, settings),
      fail: params.fail,
      label: folders.label(hostRootUri(uri)),
    });
    return { rootUri: preview.rootUri, label: preview.label, text: preview.text, nics: preview.nics, failed: preview.failed ?? null };
  });

  connection.onRequest(TOPOLOGY_REQUEST, async (params: TopologyParams): Promise<TopologyResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!editor.kindOfPath(uri)) return null;
    const rootUri = hostRootUri(uri);
    const label = folders.label(rootUri) ?? hostLabel(rootUri);
    const model = await hostTopology(service, uri, { fail: params.fail, label, settingsOf: (u) => settingsStore.fileSettings(u), fallbackHostsUri: (u, s) => folders.fallbackHostsUri(u, s), relativePaths: (u) => folders.relativePaths(u) });
    return { rootUri, label, model };
  });

  // New IPMP Group: proposals for the host of a file, then the edit for the user's answers.
  connection.onRequest(NEW_GROUP_PLAN_REQUEST, async (params: NewGroupPlanParams): Promise<NewGroupPlan | null> => {
    const uri = normalizeUri(params.uri);
    if (!editor.kindOfPath(uri)) return null;
    const settings = await settingsStore.fileSettings(uri);
    const view = await service.host(uri, settings.release, folders.fallbackHostsUri(uri, settings));
    const { uri: _, ...asked } = params;
    return planNewGroup(view, settings.release, { ...asked, label: folders.label(view.rootUri) ?? hostLabel(view.rootUri) });
  });

  connection.onRequest(NEW_GROUP_EDIT_REQUEST, async (params: NewGroupEditParams): Promise<NewGroupEditResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!editor.kindOfPath(uri)) return null;
    const settings = await settingsStore.fileSettings(uri);
    return newGroupEdit(await service.host(uri, settings.release, folders.fallbackHostsUri(uri, settings)), params.answers, settings);
  });

  connection.onRequest(CONVERT_REQUEST, async (params: ConvertParams): Promise<ConvertResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!editor.kindOfPath(uri)) return null;
    const rootUri = hostRootUri(uri);
    const label = folders.label(rootUri) ?? hostLabel(rootUri);
    const settings = await settingsStore.fileSettings(uri);
    const conversion = await service.convert(uri, settings.release, { fallbackHostsUri: folders.fallbackHostsUri(uri, settings), label });
    return {
      rootUri,
      label,
      text: conversion.text,
      groups: conversion.groups.map((g) => ({ group: g.group, ipmpInterface: g.ipmpInterface, members: g.members })),
      commands: conversion.sections.reduce((n, s) => n + s.commands.length, 0),
      notConverted: conversion.notConverted.length,
    };
  });

  connection.onRequest(HOST_STATUS_REQUEST, async (params: HostStatusParams): Promise<HostStatusResult | null> => {
    const uri = normalizeUri(params.uri);
    // An untitled document has no folder, so no host.
    if (!editor.kindOfPath(uri) || URI.parse(uri).scheme === 'untitled') return null;
    const rootUri = hostRootUri(uri);
    const editorSettings = await settingsStore.editorSettings(uri);
    const { settings } = await service.effectiveSettings(uri, editorSettings);
    const host = await service.host(uri, settings.release, folders.fallbackHostsUri(uri, settings));
    // The project file wins when it names a release (README ".ipmp-lint.json", precedence).
    const project = await model.projectConfig(uri);
    const releaseFrom: HostStatusResult['releaseFrom'] = project?.config?.release !== undefined ? { kind: 'project', uri: project.uri } : editorSettings.release !== DEFAULT_SETTINGS.release ? { kind: 'setting' } : { kind: 'default' };
    const files: { uri: string; kind: FileKind }[] = [
      ...host.interfaces.map((i) => ({ uri: i.uri, kind: 'hostname' as const })),
      ...(host.hosts && host.hosts.uri.startsWith(`${rootUri}/`) ? [{ uri: host.hosts.uri, kind: 'hosts' as const }] : []),
      ...(host.netmasks ? [{ uri: host.netmasks.uri, kind: 'netmasks' as const }] : []),
      ...(host.mpathd ? [{ uri: host.mpathd.uri, kind: 'mpathd' as const }] : []),
    ];
    const problems = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const file of files) {
      for (const d of (await checkOnDisk(file.uri, file.kind))?.diagnostics ?? []) {
        if (d.severity === DiagnosticSeverity.Error) problems.errors++;
        else if (d.severity === DiagnosticSeverity.Warning) problems.warnings++;
        else if (d.severity === DiagnosticSeverity.Information) problems.infos++;
        else problems.hints++;
      }
    }
    const hosts = host.hosts;
    return {
      rootUri,
      label: folders.label(rootUri) ?? hostLabel(rootUri),
      hostsFile: hosts ? { uri: hosts.uri, label: folders.label(hosts.uri) ?? hosts.label, fallback: !hosts.uri.startsWith(`${rootUri}/`) } : null,
      release: settings.release,
      releaseLabel: RELEASE_LABELS[settings.release],
      releaseFrom,
      files: files.length,
      problems,
    };
  });

  // ------------------------------------------------------------------ Check All Hosts

  /** A file on disk, checked as validateNow checks an open document (settings, project file, host). */
  async function checkOnDisk(uri: string, kind: FileKind): Promise<FileCheck> {
    const loaded = await model.load(uri);
    if (loaded === undefined) return undefined;
    const settings = await settingsStore.fileSettings(uri);
    if (isNotRead(loaded)) {
      const finding =
        loaded.notRead === 'too-large'
          ? fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)
          : { rule: 'unreadable-file' as const, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `This file could not be read (${loaded.reason ?? 'unreadable'}): it was not checked.` };
      return { diagnostics: settings.validate ? toDiagnostics([finding], settings, kind) : [], unreadable: loaded.notRead === 'unreadable' };
    }
    const analysis = await service.analyzeDocument({ uri, kind, text: loaded }, settings, {
      relativePaths: folders.relativePaths(uri),
      fallbackHostsUri: folders.fallbackHostsUri(uri, settings),
    });
    // The host's capture of the running system gets its findings too (a NIC no file plumbs).
    if (!analysis.limited && kind === 'hostname') await captures.publishOfHost(analysis.host);
    return { diagnostics: settings.validate ? toDiagnostics(analysis.findings, settings, kind) : [], unreadable: false };
  }

  /** An open document's diagnostics, from the same analysis its validation publishes. */
  async function checkOpen(openUri: string): Promise<FileCheck> {
    const analysis = await analyses.analysis(openUri);
    if (!analysis) return undefined;
    const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
    return { diagnostics: analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [], unreadable: false };
  }

  const workspaceCheck = new WorkspaceCheck({
    fileSystem: options.fileSystem ?? nodeFileSystem,
    folders: () => folders.uris,
    openUri: (uri) => editor.clientUri(normalizeUri(uri)),
    checkOpen,
    checkOnDisk,
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    hostLabel: (rootUri) => folders.label(rootUri) ?? URI.parse(rootUri).path,
    log: (message) => connection.console.error(message),
  });

  connection.onRequest(CHECK_ALL_HOSTS_REQUEST, (params: CheckAllHostsParams | undefined, token): Promise<CheckAllHostsResult> =>
    workspaceCheck.run(token, params?.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined),
  );

  async function format(uri: string, range: Range | undefined, options: FormattingOptions): Promise<TextEdit[] | null> {
    const analysis = await analyses.fullAnalysis(uri);
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
  connection.onDocumentFormatting((params) => format(params.textDocument.uri, undefined, params.options));
  connection.onDocumentRangeFormatting((params) => format(params.textDocument.uri, params.range, params.options));

  documents.listen(connection);
  connection.listen();
}

/** Error messages are shown as plain text: code spans become quotes. */
function plainMessage(message: string): string {
  return message.replace(/`([^`]*)`/g, "'$1'");
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
