/**
 * Each open document's analysis (parse, host view, findings) at its current version, and the
 * scheduling of its checks. Features answer from the cached analysis; a check publishes it.
 *
 * Checks run once per turn of the event loop for every document that asked for one, and at most
 * one at a time per document: a request while one runs is run after it, once however many came.
 * So checks are published in the order they started, and {@link AnalysisCache.current} gives a
 * check nothing once a newer version has come: diagnostics of an older text or an older host are
 * never published after newer ones (DESIGN.md "Bad input").
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../features/document';
import type { HostView } from '../features/hostView';
import type { Settings } from '../features/settings';
import type { LanguageService } from '../languageService';
import type { Finding } from '../rules/types';
import type { FileKind } from '../syntax/fileKind';
import { normalizeUri } from '../workspace/hostModel';
import { segmentsOf } from '../workspace/segmentedDocument';
import type { EditorDocuments } from './editorDocuments';
import type { SettingsStore } from './settingsStore';
import type { WorkspaceFolders } from './workspaceFolders';

/** A document checked in full: every feature answers from it. */
export interface FullAnalysis {
  readonly limited: false;
  readonly version: number;
  readonly doc: ParsedDocument;
  readonly host: HostView;
  readonly settings: Settings;
  readonly findings: readonly Finding[];
}

/** A document over the size limit: cheap findings only, and features answer with nothing. */
export interface LimitedAnalysis {
  readonly limited: true;
  readonly version: number;
  readonly kind: FileKind;
  readonly settings: Settings;
  readonly findings: readonly Finding[];
}

export type Analysis = FullAnalysis | LimitedAnalysis;

/** How long the edits of a big (segmented) document pause before it is checked itself. */
const BIG_DOCUMENT_QUIET_MS = 250;

export interface AnalysisCacheDeps {
  readonly editor: EditorDocuments;
  readonly service: LanguageService;
  readonly settings: SettingsStore;
  readonly folders: WorkspaceFolders;
}

export class AnalysisCache {
  /** Per open document (client's URI): its latest analysis, done or under way. */
  private readonly analyses = new Map<string, Promise<Analysis | undefined>>();
  private check: (uri: string) => Promise<void> = async () => {};
  private readonly queued = new Set<string>();
  private flushScheduled = false;
  private readonly running = new Set<string>();
  private readonly rerun = new Set<string>();
  /** Per big document: the timer that checks it once edits pause. */
  private readonly bigDocumentTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: AnalysisCacheDeps) {}

  /** What a scheduled check of a document does (publishes its diagnostics). */
  onCheck(check: (uri: string) => Promise<void>): void {
    this.check = check;
  }

  /** Parses and checks a document at its current version; cached until it changes. */
  analysis(uri: string): Promise<Analysis | undefined> {
    const doc = this.deps.editor.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const cached = this.analyses.get(uri);
    if (cached) {
      return cached.then((a) => (a && a.version === doc.version ? a : this.compute(doc)));
    }
    return this.compute(doc);
  }

  /** The full analysis features answer from; undefined for unknown or oversized documents. */
  async fullAnalysis(uri: string): Promise<FullAnalysis | undefined> {
    const analysis = await this.analysis(uri);
    return analysis && !analysis.limited ? analysis : undefined;
  }

  /**
   * The analysis of this document at its version now, or undefined when a newer version has come
   * meanwhile (its own check will publish). A document closed and opened again starts at version
   * 1 again: the document object is compared too.
   */
  async current(doc: TextDocument): Promise<Analysis | undefined> {
    const version = doc.version;
    const analysis = await this.analysis(doc.uri);
    const now = this.deps.editor.get(doc.uri);
    if (now !== doc || now.version !== version || !analysis || analysis.version !== version) return undefined;
    return analysis;
  }

  private compute(doc: TextDocument): Promise<Analysis | undefined> {
    const { editor, service, settings: store, folders } = this.deps;
    const pending = (async (): Promise<Analysis | undefined> => {
      const kind = editor.kindOf(doc);
      if (!kind) return undefined;
      const version = doc.version;
      const uri = normalizeUri(doc.uri);
      const settings = await store.fileSettings(doc.uri);
      const analysis = await service.analyzeDocument({ uri, kind, text: segmentsOf(doc) ?? doc.getText() }, settings, {
        relativePaths: folders.relativePaths(doc.uri),
        fallbackHostsUri: folders.fallbackHostsUri(uri, settings),
      });
      if (analysis.limited) return { limited: true, version, kind, settings, findings: analysis.findings };
      return { limited: false, version, doc: analysis.doc, host: analysis.host, settings, findings: analysis.findings };
    })();
    this.analyses.set(doc.uri, pending);
    return pending;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }

  forgetAll(): void {
    this.analyses.clear();
  }

  /** Forgets the analyses of the open documents of these hosts, without checking them yet. */
  forgetHosts(roots: ReadonlySet<string>): void {
    for (const doc of this.deps.editor.all()) if (roots.has(this.deps.editor.hostRootOf(doc.uri))) this.analyses.delete(doc.uri);
  }

  /** The document closed: its analysis and any pending check of its pause are dropped. */
  closed(uri: string): void {
    this.analyses.delete(uri);
    clearTimeout(this.bigDocumentTimers.get(uri));
    this.bigDocumentTimers.delete(uri);
  }

  /** Asks for a check of a document (its cached analysis is used when still current). */
  schedule(uri: string): void {
    // A big document (a 200,000-line hosts file) is checked once its edits pause: a check walks
    // every line, and must not hold up the re-check of the hostname files that use it.
    if (segmentsOf(this.deps.editor.get(uri))) {
      clearTimeout(this.bigDocumentTimers.get(uri));
      this.bigDocumentTimers.set(
        uri,
        setTimeout(() => {
          this.bigDocumentTimers.delete(uri);
          this.enqueue(uri);
        }, BIG_DOCUMENT_QUIET_MS),
      );
      return;
    }
    this.enqueue(uri);
  }

  scheduleAll(): void {
    for (const doc of this.deps.editor.all()) this.schedule(doc.uri);
  }

  /** Forgets a document's analysis and checks it again. */
  recheck(uri: string): void {
    this.analyses.delete(uri);
    this.schedule(uri);
  }

  /** Re-checks every open document of these hosts (a hosts edit changes its hostname files). */
  recheckHosts(roots: ReadonlySet<string>, except?: string): void {
    for (const doc of this.deps.editor.all()) {
      if (doc.uri !== except && roots.has(this.deps.editor.hostRootOf(doc.uri))) this.recheck(doc.uri);
    }
  }

  /** Re-checks every open document (a hosts file may be some other host's fallback). */
  recheckAll(except?: string): void {
    for (const doc of this.deps.editor.all()) if (doc.uri !== except) this.recheck(doc.uri);
  }

  private enqueue(uri: string): void {
    this.queued.add(uri);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.queued];
      this.queued.clear();
      for (const u of uris) void this.runCheck(u);
    });
  }

  private async runCheck(uri: string): Promise<void> {
    if (this.running.has(uri)) {
      this.rerun.add(uri);
      return;
    }
    this.running.add(uri);
    try {
      await this.check(uri);
    } finally {
      this.running.delete(uri);
      if (this.rerun.delete(uri)) this.enqueue(uri);
    }
  }
}
