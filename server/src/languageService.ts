/**
 * The one front door to the analysis (DESIGN.md "One front module"): the language server,
 * `ipmp-lint` and the tests all ask it about a document or a host, so the editor and CI give
 * the same answer. It owns the host model (files read from open documents first, disk second),
 * shares one snapshot per host until a file of it changes, and one simulation per snapshot.
 */
import type { SegmentedText } from './syntax/text';
import { parseUri } from './syntax/uri';
import type { Release } from './catalog/releases';
import { RELEASE_LABELS, readsHostnameFiles } from './catalog/releases';
import { baseName, pathInHost, type FileKind } from './syntax/fileKind';
import type { ParsedDocument } from './features/document';
import { findingsFor, oversizedFindingsFor } from './features/diagnostics';
import { analyzeHost, type HostAnalysis } from './features/hostAnalysis';
import { renderBootPreview } from './features/bootPreview';
import { explainJson, type HostExplanation } from './features/explain';
import { convertToIpadm, type IpadmConversion } from './features/convert';
import type { HostView } from './features/hostView';
import type { Settings } from './features/settings';
import { withProjectConfig } from './features/projectConfig';
import { DRIFT_RULES } from './rules/definitions/drift';
import type { Finding } from './rules/types';
import { HostModel, hostRootUri, hostRootsOfCapture, normalizeUri, type OpenDocuments } from './workspace/hostModel';
import { ignoredBySetting } from './features/suppression';
import { MAX_FILE_BYTES, type FileSystem } from './workspace/fileSystem';

const { driftCaptureLine } = DRIFT_RULES;

export interface DocumentInput {
  readonly uri: string;
  readonly kind: FileKind;
  /** The text; a big open document's as segments (read without joining them). */
  readonly text: string | SegmentedText;
}

export interface AnalyzeOptions {
  /** The document's paths relative to its workspace folders (for `solarisIpmp.ignore`). */
  readonly relativePaths?: readonly string[];
  /** The hosts file for hosts that have none (`solarisIpmp.fallbackHostsFile`), as a URI. */
  readonly fallbackHostsUri?: string;
}

/** A document checked in full: every feature answers from it. */
export interface FullDocumentAnalysis {
  readonly limited: false;
  readonly doc: ParsedDocument;
  readonly host: HostView;
  readonly findings: readonly Finding[];
}

/** A document over the size limit: cheap findings only. */
export interface LimitedDocumentAnalysis {
  readonly limited: true;
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
}

export type DocumentAnalysis = FullDocumentAnalysis | LimitedDocumentAnalysis;

/** A file's settings, and the project file they came from (with what in it could not be used). */
export interface EffectiveSettings {
  readonly settings: Settings;
  readonly config?: { readonly uri: string; readonly problems: readonly string[] };
}

/** The boot preview of a host (or its failure simulation), as the editor and the CLI show it. */
export interface HostPreview {
  /** The host root, normalized. */
  readonly rootUri: string;
  /** How the host is named: its root's path, the last three folders at most (`hosts/web1/etc`). */
  readonly label: string;
  readonly release: Release;
  readonly text: string;
  /** NICs the user can fail: every NIC the boot plumbs, grouped ones first. */
  readonly nics: readonly { readonly name: string; readonly group?: string }[];
  /** The NIC whose failure is shown, when one is and it exists. */
  readonly failed?: string;
}

export class LanguageService {
  readonly model: HostModel;

  constructor(fileSystem: FileSystem, documents: OpenDocuments) {
    this.model = new HostModel(fileSystem, documents);
  }

  /** The host of a file, as it is now (shared with every other request on the same host). */
  host(uri: string, release: Release, fallbackHostsUri?: string): Promise<HostView> {
    return this.model.cachedSnapshot(normalizeUri(uri), release, fallbackHostsUri);
  }

  /** The simulation of a file's host. */
  async hostAnalysis(uri: string, release: Release, fallbackHostsUri?: string): Promise<HostAnalysis> {
    return analyzeHost(await this.host(uri, release, fallbackHostsUri), release);
  }

  /**
   * The settings a file is checked with: `base` (the editor's, or the defaults), the nearest
   * project file (.ipmp-lint.json) on top, and `overrides` (ipmp-lint's options) on top of that.
   */
  async effectiveSettings(uri: string, base: Settings, overrides: Partial<Pick<Settings, 'release' | 'rules'>> = {}): Promise<EffectiveSettings> {
    const config = await this.model.projectConfig(uri);
    const merged = withProjectConfig(base, config?.config);
    // The editor asks with no overrides: its files share one settings object (no copy per file).
    const settings: Settings =
      overrides.release === undefined && overrides.rules === undefined
        ? merged
        : { ...merged, release: overrides.release ?? merged.release, rules: { ...merged.rules, ...overrides.rules } };
    return { settings, config: config && { uri: config.uri, problems: config.problems } };
  }

  /** Every finding for one document, with the user's settings; the same for the editor and the CLI. */
  async analyzeDocument(input: DocumentInput, settings: Settings, options: AnalyzeOptions = {}): Promise<DocumentAnalysis> {
    const relativePaths = options.relativePaths ?? [];
    if (input.text.length > MAX_FILE_BYTES) {
      const text = typeof input.text === 'string' ? input.text : input.text.text;
      return { limited: true, kind: input.kind, findings: oversizedFindingsFor(text, input.kind, MAX_FILE_BYTES, settings, relativePaths, parseUri(normalizeUri(input.uri)).path) };
    }
    const uri = normalizeUri(input.uri);
    const host = await this.host(uri, settings.release, options.fallbackHostsUri);
    const doc = this.parse(uri, input.kind, input.text);
    return { limited: false, doc, host, findings: findingsFor(doc, host, settings, relativePaths) };
  }

  /**
   * The document parsed through the host model's caches: when the host holds the same text,
   * the document and the host share one parse (and so one analysis).
   */
  parse(uri: string, kind: FileKind, source: string | SegmentedText): ParsedDocument {
    if (kind === 'hosts') {
      // A segmented hosts document is joined only when a feature asks for its whole text.
      const hosts = this.model.parseHostsCached(uri, source);
      return {
        uri,
        get text() {
          return hosts.text;
        },
        index: hosts.index,
        kind,
        hosts,
      };
    }
    const text = typeof source === 'string' ? source : source.text;
    switch (kind) {
      case 'hostname': {
        const hostname = this.model.parseHostnameCached(uri, text);
        return { uri, text, index: hostname.index, kind, hostname };
      }
      case 'netmasks': {
        const netmasks = this.model.parseNetmasksCached(uri, text);
        return { uri, text, index: netmasks.index, kind, netmasks };
      }
      case 'mpathd': {
        const mpathd = this.model.parseMpathdCached(uri, text);
        return { uri, text, index: mpathd.index, kind, mpathd };
      }
    }
  }

  /**
   * The findings that belong to a capture of the running system (`ifconfig-a.txt` beside a
   * host's etc/): NICs no boot file plumbs, and lines that are no command output. Undefined
   * when no host uses the file as its capture.
   */
  async captureFindings(captureUri: string, settingsOf: (rootUri: string) => Promise<Settings>, options: { relativePaths?: readonly string[]; fallbackHostsUri?: string; roots?: readonly string[] } = {}): Promise<{ rootUri: string; findings: Finding[] } | undefined> {
    const uri = normalizeUri(captureUri);
    for (const rootUri of options.roots ?? hostRootsOfCapture(uri) ?? []) {
      const settings = await settingsOf(rootUri);
      const host = await this.host(`${rootUri}/hostname.x`, settings.release, options.fallbackHostsUri);
      const live = host.live;
      const own = live?.ifconfig?.uri === uri ? live.ifconfig : live?.ipmpstat?.uri === uri ? live.ipmpstat : undefined;
      if (!own || host.interfaces.length === 0) continue;
      const analysis = analyzeHost(host, settings.release);
      const findings: Finding[] = analysis.hostFindings.filter((f) => f.uri === uri).map(({ uri: _, ...f }) => f);
      for (const problem of own.file.problems) {
        const range = { start: { line: problem.line, character: 0 }, end: { line: problem.line, character: 4096 } };
        findings.push(driftCaptureLine.finding(range, driftCaptureLine.message.notOutput({ problem: problem.message })));
      }
      const off = ignoredBySetting(settings, options.relativePaths ?? [], parseUri(uri).path);
      // Whole-line ranges end where the line does: a client compares them when it asks for fixes.
      const lines = ((await this.model.text(uri)) ?? '').split('\n');
      const lineEnd = (line: number): number => (lines[line] ?? '').replace(/\r$/, '').length;
      const clamped = findings.map((f) => ({ ...f, range: { start: f.range.start, end: { line: f.range.end.line, character: Math.min(f.range.end.character, lineEnd(f.range.end.line)) } } }));
      return { rootUri, findings: clamped.filter((f) => !off.has(f.rule)) };
    }
    return undefined;
  }

  /** Tells the host of `rootUri` to compare with these captures instead of those beside its etc/ (`ipmp-lint --live`). */
  useLiveCapture(rootUri: string, files: { ifconfig?: string; ipmpstat?: string }): void {
    this.model.setLiveCapture(normalizeUri(rootUri), { ifconfig: files.ifconfig && normalizeUri(files.ifconfig), ipmpstat: files.ipmpstat && normalizeUri(files.ipmpstat) });
  }

  /** The boot preview of a file's host, and the failure of `fail` after it when asked. */
  async preview(uri: string, release: Release, options: { fallbackHostsUri?: string; fail?: string; label?: string } = {}): Promise<HostPreview> {
    const analysis = await this.hostAnalysis(uri, release, options.fallbackHostsUri);
    const rootUri = hostRootUri(normalizeUri(uri));
    const label = options.label ?? hostLabel(rootUri);
    const boot = analysis.preview();
    const failure = options.fail ? analysis.failure(options.fail) : undefined;
    const text = renderBootPreview(boot, { host: label, failure });
    return { rootUri, label, release, text: options.fail && !failure ? `${text}\n${options.fail} is not an interface of this host: no failure to show.\n` : text, nics: nicsOf(analysis), failed: failure?.nic };
  }

  /** The same, as data (`ipmp-lint explain --format json`). */
  async explain(uri: string, release: Release, options: { fallbackHostsUri?: string; fail?: string; label?: string } = {}): Promise<HostExplanation> {
    const analysis = await this.hostAnalysis(uri, release, options.fallbackHostsUri);
    const rootUri = hostRootUri(normalizeUri(uri));
    const failure = options.fail ? analysis.failure(options.fail) : undefined;
    return explainJson(analysis.preview(), { host: options.label ?? hostLabel(rootUri), failure, fileLabel: (u) => labelInHost(u) });
  }

  /**
   * The host converted to Solaris 11 `dladm`/`ipadm` commands, from the boot the rules read
   * (CRLF lines as LF ones). `links` maps Solaris 10 devices to Solaris 11 link names.
   */
  async convert(uri: string, release: Release, options: { fallbackHostsUri?: string; label?: string; links?: ReadonlyMap<string, string> } = {}): Promise<IpadmConversion> {
    const from = conversionSource(release);
    const analysis = await this.hostAnalysis(uri, from, options.fallbackHostsUri);
    const rootUri = hostRootUri(normalizeUri(uri));
    const mpathd = analysis.view.mpathd;
    return convertToIpadm(analysis.model.boot, {
      host: options.label ?? hostLabel(rootUri),
      links: options.links,
      mpathd: mpathd && { label: labelInHost(mpathd.uri), file: mpathd.file },
      fileLabel: (u) => labelInHost(u),
    });
  }
}

/** The release hostname files are read as for a conversion: Solaris 11 reads none, so its hosts' files are Solaris 10 ones. */
export function conversionSource(release: Release): Release {
  return readsHostnameFiles(release) ? release : 's10';
}

/** NICs of the boot's result that can fail (lo0 cannot), grouped ones first. */
function nicsOf(analysis: HostAnalysis): { name: string; group?: string }[] {
  const state = analysis.preview().state;
  return [...state.phyints.values()]
    .filter((p) => p.name !== 'lo0')
    .sort((a, b) => Number(!a.groupname) - Number(!b.groupname) || a.index - b.index)
    .map((p) => ({ name: p.name, group: p.groupname || undefined }));
}

/** `web1/etc` for `file:///srv/hosts/web1/etc`: the root's last folders. */
export function hostLabel(rootUri: string): string {
  const parts = parseUri(rootUri).path.split('/').filter(Boolean);
  return parts.slice(-2).join('/') || '/';
}

function labelInHost(uri: string): string {
  const path = parseUri(uri).path;
  return pathInHost(path) || baseName(path);
}

export { RELEASE_LABELS };
