/**
 * LSP wiring: capabilities, settings, document sync, file watching and scheduling. Every
 * answer comes from a pure feature function; this file only gathers its inputs.
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
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type FormattingOptions,
  type InitializeResult,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RELEASE_LABELS } from './catalog/releases';
import { URI, Utils } from 'vscode-uri';
import { classifyPath, kindOfLanguage, type FileKind } from './syntax/fileKind';
import type { ParsedDocument } from './features/document';
import { fileTooLargeFinding, toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { complete, resolveCompletion } from './features/completion';
import { codeActions, findingActions, TEMPLATE_KIND, type EditCapabilities } from './features/codeActions';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './features/settings';
import { inlayHints } from './features/inlayHints';
import { definition, documentHighlights, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { documentSymbols } from './features/symbols';
import type { HostView } from './features/hostView';
import { HostIndex } from './workspace/hostIndex';
import { codeLenses } from './features/codeLens';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from './features/semanticTokens';
import { formatHostname, formatHosts, formatNetmasks } from './features/formatting';
import type { Finding } from './rules/types';
import { hostRootUri, hostRootsOfCapture, normalizeUri } from './workspace/hostModel';
import { IFCONFIG_CAPTURE_NAMES, IPMPSTAT_CAPTURE_NAMES } from './syntax/capture';
import type { FileSystem } from './workspace/fileSystem';
import { LanguageService, hostLabel } from './languageService';
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
import { segmentingDocuments, segmentsOf } from './workspace/segmentedDocument';

export interface ServerOptions {
  readonly fileSystem?: FileSystem;
}

/** Files whose change can alter another file's diagnostics. */
const WATCH_GLOB = `**/{hosts,ipnodes,netmasks,mpathd,hostname.*,hostname6.*,dhcp.*,.ipmp-lint.json,${[...IFCONFIG_CAPTURE_NAMES, ...IPMPSTAT_CAPTURE_NAMES].join(',')}}`;

/** A document checked in full: every feature answers from it. */
interface FullAnalysis {
  readonly limited: false;
  readonly version: number;
  readonly doc: ParsedDocument;
  readonly host: HostView;
  readonly settings: Settings;
  readonly findings: readonly Finding[];
}

/** A document over the size limit: cheap findings only, and features answer with nothing. */
interface LimitedAnalysis {
  readonly limited: true;
  readonly version: number;
  readonly kind: FileKind;
  readonly settings: Settings;
  readonly findings: readonly Finding[];
}

type Analysis = FullAnalysis | LimitedAnalysis;

/**
 * How long file events settle before the open documents they touch are checked again: a
 * branch switch or a build can send thousands, and each check re-reads the host from disk.
 * Edits in the editor are checked at once; only disk events wait.
 */
const FILE_EVENT_QUIET_MS = 50;
/** ...but never longer than this after the first event of a storm. */
const FILE_EVENT_MAX_WAIT_MS = 500;
/** How long the edits of a big (segmented) document pause before it is checked itself. */
const BIG_DOCUMENT_QUIET_MS = 250;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(segmentingDocuments);
  documents.onDidOpen((event) => {
    openByNormalized.set(normalizeUri(event.document.uri), event.document.uri);
    // The open text now wins over the disk's, and the host lists one more open file.
    model.documentChanged(event.document.uri);
  });
  // Clients spell URIs their own way (`hostname.ce0:1` or `hostname.ce0%3A1`); the host
  // model works on normalized ones, so an open file and its copy on disk are one file.
  const openByNormalized = new Map<string, string>();
  const service = new LanguageService(options.fileSystem ?? nodeFileSystem, {
    textOf: (uri) => {
      const raw = openByNormalized.get(uri);
      return raw === undefined ? undefined : documents.get(raw)?.getText();
    },
    uris: () => openByNormalized.keys(),
    segmentsOf: (uri) => {
      const raw = openByNormalized.get(uri);
      return raw === undefined ? undefined : segmentsOf(documents.get(raw));
    },
  });
  const model = service.model;

  let markdownHover = true;
  let markdownCompletion = true;
  let configurationPull = false;
  let editCaps: EditCapabilities = { documentChanges: false, createFiles: false, snippetEdits: false, clientCommands: false };
  let retriggerSuggest = false;
  let globalSettings: Settings = DEFAULT_SETTINGS;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, Promise<Analysis | undefined>>();

  let workspaceFolders: string[] = [];

  /** The document's path relative to each workspace folder that holds it. */
  function relativePaths(uri: string): string[] {
    const path = URI.parse(uri).path;
    return workspaceFolders
      .map((f) => URI.parse(f).path.replace(/\/$/, ''))
      .filter((folder) => path.startsWith(`${folder}/`))
      .map((folder) => path.slice(folder.length + 1));
  }

  /** The fallback hosts file as a URI: absolute, or relative to the document's workspace folder. */
  function fallbackHostsUri(uri: string, settings: Settings): string | undefined {
    const file = settings.fallbackHostsFile.trim();
    if (!file) return undefined;
    if (file.startsWith('/')) return URI.file(file).toString();
    const path = URI.parse(uri).path;
    const folder = workspaceFolders.find((f) => path.startsWith(`${URI.parse(f).path.replace(/\/$/, '')}/`)) ?? workspaceFolders[0];
    return folder ? Utils.joinPath(URI.parse(folder), file).toString() : undefined;
  }

  connection.onInitialize((params): InitializeResult => {
    const caps: ClientCapabilities = params.capabilities;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    workspaceFoldersSupported = caps.workspace?.workspaceFolders === true;
    markdownHover = caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
    markdownCompletion = caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false;
    configurationPull = caps.workspace?.configuration === true;
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
    void hostIndex.start(workspaceFolders);
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
        void hostIndex.start(workspaceFolders);
        settingsCache.clear();
        analyses.clear();
        for (const doc of documents.all()) schedule(doc.uri);
        workspaceCheck.foldersChanged();
      });
    }
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] });
    }
    if (configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'solarisIpmp' });
  });

  // ------------------------------------------------------------------ settings

  function settingsFor(uri: string): Promise<Settings> {
    if (!configurationPull) return Promise.resolve(globalSettings);
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'solarisIpmp' })
        .then(readSettings, () => globalSettings);
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  /** What the project file (.ipmp-lint.json) could not use, told once per file and content. */
  const toldConfigProblems = new Set<string>();

  /** A file's settings: the editor's, with its project file on top (README "Configuration"). */
  async function fileSettings(uri: string): Promise<Settings> {
    const { settings, config } = await service.effectiveSettings(uri, await settingsFor(uri));
    if (config && config.problems.length) {
      const key = `${config.uri}\n${config.problems.join('\n')}`;
      if (!toldConfigProblems.has(key)) {
        toldConfigProblems.add(key);
        const message = `${URI.parse(config.uri).fsPath}: ${config.problems.join('; ')}`;
        connection.console.warn(message);
        void connection.window.showWarningMessage(`Solaris IPMP: ${message}`);
      }
    }
    return settings;
  }

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { solarisIpmp?: unknown } | undefined)?.solarisIpmp;
    if (section !== undefined) globalSettings = readSettings(section);
    settingsCache.clear();
    analyses.clear();
    model.invalidateAll();
    for (const doc of documents.all()) schedule(doc.uri);
    workspaceCheck.recheck('all');
  });

  // ------------------------------------------------------------------ analysis

  function kindOf(doc: TextDocument): FileKind | undefined {
    return kindOfLanguage(doc.languageId) ?? classifyPath(URI.parse(doc.uri).path);
  }

  /** Parses and checks a document at its current version; cached until it changes. */
  function analyze(uri: string): Promise<Analysis | undefined> {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const cached = analyses.get(uri);
    if (cached) {
      return cached.then((a) => (a && a.version === doc.version ? a : computeAnalysis(doc)));
    }
    return computeAnalysis(doc);
  }

  function computeAnalysis(doc: TextDocument): Promise<Analysis | undefined> {
    const pending = (async (): Promise<Analysis | undefined> => {
      const kind = kindOf(doc);
      if (!kind) return undefined;
      const version = doc.version;
      const uri = normalizeUri(doc.uri);
      const settings = await fileSettings(doc.uri);
      const analysis = await service.analyzeDocument({ uri, kind, text: segmentsOf(doc) ?? doc.getText() }, settings, {
        relativePaths: relativePaths(doc.uri),
        fallbackHostsUri: fallbackHostsUri(uri, settings),
      });
      if (analysis.limited) return { limited: true, version, kind, settings, findings: analysis.findings };
      return { limited: false, version, doc: analysis.doc, host: analysis.host, settings, findings: analysis.findings };
    })();
    analyses.set(doc.uri, pending);
    return pending;
  }

  /** The full analysis features answer from; undefined for unknown or oversized documents. */
  async function analyzeFull(uri: string): Promise<FullAnalysis | undefined> {
    const analysis = await analyze(uri);
    return analysis && !analysis.limited ? analysis : undefined;
  }

  // Validation runs once per turn of the event loop for every document that asked for it,
  // and at most once at a time per document: a request while one runs is run after it, once
  // however many came. So checks are published in the order they started, and a check of an
  // older text or an older host is never published after a newer one.
  const queued = new Set<string>();
  let flushScheduled = false;
  const running = new Set<string>();
  const rerun = new Set<string>();
  /** Per big document: the timer that checks it once edits pause. */
  const bigDocumentTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function schedule(uri: string): void {
    // A big document (a 200,000-line hosts file) is checked once its edits pause: a check walks
    // every line, and must not hold up the re-check of the hostname files that use it.
    if (segmentsOf(documents.get(uri))) {
      clearTimeout(bigDocumentTimers.get(uri));
      bigDocumentTimers.set(
        uri,
        setTimeout(() => {
          bigDocumentTimers.delete(uri);
          enqueue(uri);
        }, BIG_DOCUMENT_QUIET_MS),
      );
      return;
    }
    enqueue(uri);
  }
  function enqueue(uri: string): void {
    queued.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const uris = [...queued];
      queued.clear();
      for (const u of uris) void validate(u);
    });
  }

  async function validate(uri: string): Promise<void> {
    if (running.has(uri)) {
      rerun.add(uri);
      return;
    }
    running.add(uri);
    try {
      await validateNow(uri);
    } finally {
      running.delete(uri);
      if (rerun.delete(uri)) enqueue(uri);
    }
  }

  async function validateNow(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (!kindOf(doc) && hostRootsOfCapture(normalizeUri(uri))) {
      await publishCapture(normalizeUri(uri));
      return;
    }
    try {
      const analysis = await analyze(uri);
      const current = documents.get(uri);
      // A newer version is on its way: its own validation will publish (never a stale one).
      // A document closed and opened again starts at version 1 again: compare the object too.
      if (current !== doc || current.version !== version || !analysis || analysis.version !== version) return;
      const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
      const diagnostics = analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [];
      await connection.sendDiagnostics({ uri, version, diagnostics });
      if (!analysis.limited) await publishCapturesOf(analysis.host);
    } catch (error) {
      connection.console.error(`Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** Host roots of open documents, worked out once per document. */
  const rootOf = new Map<string, string>();
  function rootOfOpen(uri: string): string {
    let root = rootOf.get(uri);
    if (root === undefined) rootOf.set(uri, (root = hostRootUri(uri)));
    return root;
  }

  /** Re-checks every open document of a host (a hosts edit changes its hostname files). */
  function revalidateHost(rootUri: string, except?: string): void {
    revalidateHosts(new Set([rootUri]), except);
  }

  function revalidateHosts(roots: ReadonlySet<string>, except?: string): void {
    for (const doc of documents.all()) {
      if (doc.uri !== except && roots.has(rootOfOpen(doc.uri))) {
        analyses.delete(doc.uri);
        schedule(doc.uri);
      }
    }
  }

  /** A hosts file may be some other host's fallback: re-check every open document then. */
  function revalidateAll(except?: string): void {
    for (const doc of documents.all()) {
      if (doc.uri === except) continue;
      analyses.delete(doc.uri);
      schedule(doc.uri);
    }
  }

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    model.documentChanged(uri);
    analyses.delete(uri);
    schedule(uri);
    if (kindOf(event.document) === 'hosts') {
      revalidateAll(uri);
      hostChanged('*');
    } else {
      for (const root of hostRootsOfCapture(normalizeUri(uri)) ?? [hostRootUri(uri)]) {
        revalidateHost(root, uri);
        hostChanged(root);
      }
    }
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    openByNormalized.delete(normalizeUri(uri));
    analyses.delete(uri);
    clearTimeout(bigDocumentTimers.get(uri));
    bigDocumentTimers.delete(uri);
    model.invalidate(uri);
    // A file of the last Check All Hosts gets its findings on disk back instead of none.
    const checked = workspaceCheck.closed(uri);
    if (!checked || normalizeUri(uri) !== uri) void connection.sendDiagnostics({ uri, diagnostics: [] });
    revalidateHost(rootOfOpen(uri));
    hostChanged(rootOfOpen(uri));
    rootOf.delete(uri);
  });

  // Previews follow the files: the client asks again for the hosts named here. One notice per
  // turn of the event loop, however many changes came in it.
  const changedRoots = new Set<string>();
  let hostNoticeScheduled = false;
  function hostChanged(rootUri: string): void {
    changedRoots.add(rootUri);
    if (hostNoticeScheduled) return;
    hostNoticeScheduled = true;
    setImmediate(() => {
      hostNoticeScheduled = false;
      const roots = changedRoots.has('*') ? ['*'] : [...changedRoots];
      changedRoots.clear();
      for (const root of roots) void connection.sendNotification(HOST_CHANGED, { rootUri: root });
    });
  }

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
      if (all) revalidateAll();
      else revalidateHosts(roots);
      workspaceCheck.recheck(all ? 'all' : roots);
      if (all) hostChanged('*');
      else for (const root of roots) hostChanged(root);
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
        if (captures.has(uri)) void publishCapture(uri);
      }
      // A file appearing or going changes listings; a hosts file may be some other host's
      // fallback: either way every open document may be affected.
      if (change.type === FileChangeType.Deleted || change.type === FileChangeType.Created) everything = true;
      if (/\/(hosts|ipnodes|\.ipmp-lint\.json)$/.test(URI.parse(uri).path)) everything = settlingAll = true;
    }
    if (everything) analyses.clear();
    else for (const doc of documents.all()) if (roots.has(rootOfOpen(doc.uri))) analyses.delete(doc.uri);
    for (const root of roots) settlingRoots.add(root);
    settleThenRevalidate();
  });

  // ------------------------------------------------------------------ requests

  connection.onHover(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    if (!analysis) return null;
    const offset = analysis.doc.index.offsetAt(params.position);
    return hover(analysis.doc, offset, analysis.host, { markdown: markdownHover, release: analysis.settings.release });
  });

  connection.onCompletion(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
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
    const capture = captures.get(normalizeUri(params.textDocument.uri));
    if (capture) return findingActions(capture.findings, params.context.diagnostics, params.context.only, editCaps);
    const analysis = await analyzeFull(params.textDocument.uri);
    if (!analysis) return null;
    return codeActions(analysis.doc, analysis.host, analysis.findings, params.range, params.context.diagnostics, params.context.only, editCaps, { release: analysis.settings.release });
  });

  connection.languages.inlayHint.on(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? inlayHints(analysis.doc, params.range, analysis.host, analysis.settings.release) : null;
  });

  connection.onDefinition(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? definition(analysis.doc, params.position, analysis.host, { linkSupport: definitionLinks }) : null;
  });

  connection.onReferences(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? references(analysis.doc, params.position, analysis.host, params.context.includeDeclaration) : null;
  });

  connection.onDocumentHighlight(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? documentHighlights(analysis.doc, params.position, analysis.host) : null;
  });

  connection.onPrepareRename(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    if (!analysis) return null;
    const result = prepareRename(analysis.doc, params.position, analysis.host);
    if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(result.error));
    return result;
  });

  connection.onRenameRequest(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    if (!analysis) return null;
    const result = rename(analysis.doc, params.position, params.newName, analysis.host);
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, plainMessage(String(result.error)));
    return result;
  });

  connection.onDocumentSymbol(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? documentSymbols(analysis.doc, analysis.host, { release: analysis.settings.release }) : null;
  });

  // Answered from the background index (workspace/hostIndex.ts), once it is complete.
  connection.onWorkspaceSymbol((params, token) => hostIndex.symbols(params.query, 500, token));

  connection.onCodeLens(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? codeLenses(analysis.doc, analysis.host, analysis.settings.release, retriggerSuggest ? { previewBoot: PREVIEW_BOOT_COMMAND, simulateFailure: SIMULATE_FAILURE_COMMAND, showTopology: SHOW_TOPOLOGY_COMMAND } : undefined) : null;
  });

  connection.languages.semanticTokens.on(async (params) => {
    const analysis = await analyzeFull(params.textDocument.uri);
    return analysis ? semanticTokens(analysis.doc, analysis.host, analysis.settings.release) : { data: [] };
  });

  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams): Promise<PreviewResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!kindOfPath(uri)) return null;
    const settings = await fileSettings(params.uri);
    const preview = await service.preview(uri, settings.release, {
      fallbackHostsUri: fallbackHostsUri(uri, settings),
      fail: params.fail,
      label: workspaceLabel(hostRootUri(uri)),
    });
    return { rootUri: preview.rootUri, label: preview.label, text: preview.text, nics: preview.nics, failed: preview.failed ?? null };
  });

  connection.onRequest(TOPOLOGY_REQUEST, async (params: TopologyParams): Promise<TopologyResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!kindOfPath(uri)) return null;
    const rootUri = hostRootUri(uri);
    const label = workspaceLabel(rootUri) ?? hostLabel(rootUri);
    const model = await hostTopology(service, uri, { fail: params.fail, label, settingsOf: fileSettings, fallbackHostsUri, relativePaths });
    return { rootUri, label, model };
  });

  // New IPMP Group: proposals for the host of a file, then the edit for the user's answers.
  connection.onRequest(NEW_GROUP_PLAN_REQUEST, async (params: NewGroupPlanParams): Promise<NewGroupPlan | null> => {
    const uri = normalizeUri(params.uri);
    if (!kindOfPath(uri)) return null;
    const settings = await fileSettings(uri);
    const view = await service.host(uri, settings.release, fallbackHostsUri(uri, settings));
    const { uri: _, ...asked } = params;
    return planNewGroup(view, settings.release, { ...asked, label: workspaceLabel(view.rootUri) ?? hostLabel(view.rootUri) });
  });

  connection.onRequest(NEW_GROUP_EDIT_REQUEST, async (params: NewGroupEditParams): Promise<NewGroupEditResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!kindOfPath(uri)) return null;
    const settings = await fileSettings(uri);
    return newGroupEdit(await service.host(uri, settings.release, fallbackHostsUri(uri, settings)), params.answers, settings);
  });

  connection.onRequest(CONVERT_REQUEST, async (params: ConvertParams): Promise<ConvertResult | null> => {
    const uri = normalizeUri(params.uri);
    if (!kindOfPath(uri)) return null;
    const rootUri = hostRootUri(uri);
    const label = workspaceLabel(rootUri) ?? hostLabel(rootUri);
    const settings = await fileSettings(uri);
    const conversion = await service.convert(uri, settings.release, { fallbackHostsUri: fallbackHostsUri(uri, settings), label });
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
    if (!kindOfPath(uri) || URI.parse(uri).scheme === 'untitled') return null;
    const rootUri = hostRootUri(uri);
    const editor = await settingsFor(uri);
    const { settings } = await service.effectiveSettings(uri, editor);
    const host = await service.host(uri, settings.release, fallbackHostsUri(uri, settings));
    // The project file wins when it names a release (README ".ipmp-lint.json", precedence).
    const project = await model.projectConfig(uri);
    const releaseFrom: HostStatusResult['releaseFrom'] = project?.config?.release !== undefined ? { kind: 'project', uri: project.uri } : editor.release !== DEFAULT_SETTINGS.release ? { kind: 'setting' } : { kind: 'default' };
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
      label: workspaceLabel(rootUri) ?? hostLabel(rootUri),
      hostsFile: hosts ? { uri: hosts.uri, label: workspaceLabel(hosts.uri) ?? hosts.label, fallback: !hosts.uri.startsWith(`${rootUri}/`) } : null,
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
    const settings = await fileSettings(uri);
    if (isNotRead(loaded)) {
      const finding =
        loaded.notRead === 'too-large'
          ? fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)
          : { rule: 'unreadable-file' as const, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `This file could not be read (${loaded.reason ?? 'unreadable'}): it was not checked.` };
      return { diagnostics: settings.validate ? toDiagnostics([finding], settings, kind) : [], unreadable: loaded.notRead === 'unreadable' };
    }
    const analysis = await service.analyzeDocument({ uri, kind, text: loaded }, settings, {
      relativePaths: relativePaths(uri),
      fallbackHostsUri: fallbackHostsUri(uri, settings),
    });
    // The host's capture of the running system gets its findings too (a NIC no file plumbs).
    if (!analysis.limited && kind === 'hostname') await publishCapturesOf(analysis.host);
    return { diagnostics: settings.validate ? toDiagnostics(analysis.findings, settings, kind) : [], unreadable: false };
  }

  // ------------------------------------------------------------------ captures of the running system

  /** Per capture file: its findings and the diagnostics last published for it. */
  const captures = new Map<string, { findings: readonly Finding[]; published: string }>();
  /** Per host root: the captures published for it (to clear one the host no longer uses). */
  const capturesOfRoot = new Map<string, Set<string>>();

  /** Publishes a capture's findings (README "Drift"): NICs no boot file plumbs, unreadable lines. */
  async function publishCapture(captureUri: string): Promise<void> {
    try {
      const settings = await fileSettings(captureUri);
      const found = await service.captureFindings(captureUri, async () => settings, { relativePaths: relativePaths(captureUri), fallbackHostsUri: fallbackHostsUri(captureUri, settings) });
      const diagnostics = found && settings.validate ? toDiagnostics(found.findings, settings, 'hostname') : [];
      const published = JSON.stringify(diagnostics);
      if (captures.get(captureUri)?.published === published) return;
      captures.set(captureUri, { findings: found?.findings ?? [], published });
      await connection.sendDiagnostics({ uri: openByNormalized.get(captureUri) ?? captureUri, diagnostics });
    } catch (error) {
      connection.console.error(`Checking ${captureUri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** After a host's file was checked: its captures' findings, and none for a capture it no longer has. */
  async function publishCapturesOf(host: HostView): Promise<void> {
    const now = new Set([host.live?.ifconfig?.uri, host.live?.ipmpstat?.uri].filter((u): u is string => u !== undefined));
    const before = capturesOfRoot.get(host.rootUri);
    if (now.size === 0 && !before) return;
    capturesOfRoot.set(host.rootUri, now);
    for (const uri of now) await publishCapture(uri);
    for (const uri of before ?? []) {
      if (now.has(uri)) continue;
      captures.delete(uri);
      await connection.sendDiagnostics({ uri: openByNormalized.get(uri) ?? uri, diagnostics: [] });
    }
  }

  /** An open document's diagnostics, from the same analysis its validation publishes. */
  async function checkOpen(openUri: string): Promise<FileCheck> {
    const analysis = await analyze(openUri);
    if (!analysis) return undefined;
    const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
    return { diagnostics: analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [], unreadable: false };
  }

  const workspaceCheck = new WorkspaceCheck({
    fileSystem: options.fileSystem ?? nodeFileSystem,
    folders: () => workspaceFolders,
    openUri: (uri) => openByNormalized.get(normalizeUri(uri)),
    checkOpen,
    checkOnDisk,
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    hostLabel: (rootUri) => workspaceLabel(rootUri) ?? URI.parse(rootUri).path,
    log: (message) => connection.console.error(message),
  });

  connection.onRequest(CHECK_ALL_HOSTS_REQUEST, (params: CheckAllHostsParams | undefined, token): Promise<CheckAllHostsResult> =>
    workspaceCheck.run(token, params?.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined),
  );

  /** The host root as the user knows it: relative to its workspace folder (`web1/etc`). */
  function workspaceLabel(rootUri: string): string | undefined {
    const path = URI.parse(rootUri).path;
    for (const f of workspaceFolders) {
      const folder = URI.parse(f).path.replace(/\/$/, '');
      if (path === folder) return URI.parse(f).path.split('/').filter(Boolean).pop();
      if (path.startsWith(`${folder}/`)) return path.slice(folder.length + 1);
    }
    return undefined;
  }

  function kindOfPath(uri: string): FileKind | undefined {
    const open = openByNormalized.get(uri);
    const doc = open ? documents.get(open) : undefined;
    return (doc && kindOf(doc)) ?? classifyPath(URI.parse(uri).path);
  }

  async function format(uri: string, range: Range | undefined, options: FormattingOptions): Promise<TextEdit[] | null> {
    const analysis = await analyzeFull(uri);
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
