/**
 * The checks of `ipmp-lint` over one share of a run (a chunk: whole hosts, their files in the
 * run's order), in this thread or in a worker thread. A chunk does not print: what it would
 * say is kept per file (messages, problems, fixes), and the run puts the chunks' results
 * together in the run's order (cli.ts), so one thread or several print the same bytes.
 *
 * Each host has a language service of its own (but with --fix or --live): it is analysed once,
 * and what it parsed and simulated is garbage as soon as it is done, so the memory a run holds
 * does not grow with the tree and the collector has little to copy.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';
import { captureKind } from './syntax/capture';
import type { FileKind } from './syntax/fileKind';
import { effectiveSeverity, fileTooLargeFinding } from './features/diagnostics';
import { applySafeFixes, type AppliedFix } from './features/fixAll';
import { DEFAULT_SETTINGS, type Settings } from './features/settings';
import { PROJECT_CONFIG_FILE } from './features/projectConfig';
import type { RuleId } from './rules/registry';
import type { Finding, Severity } from './rules/types';
import { normalizeUri } from './workspace/hostModel';
import { hasDotSegment, hasUnnormalizedSegment, isPlainAbsolutePath, isPlainFileUri } from './syntax/uri';
import { LanguageService } from './languageService';
import { describeError } from './workspace/nodeFileSystem';
import { MAX_FILE_BYTES, isNotRead, type Listing } from './workspace/fileSystem';
import type { TreeFileSystem } from './treeFileSystem';

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: RuleId;
  readonly message: string;
  readonly related: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

/** What every chunk of a run is checked with (plain data: it goes to worker threads as it is). */
export interface RunOptions {
  /** The working folder: paths are shown relative to it. */
  readonly cwd: string;
  /** Command-line options: they win over the project file. */
  readonly overrides?: Partial<Pick<Settings, 'release' | 'rules'>>;
  /** Apply the safe fixes in place first (features/fixAll.ts). */
  readonly fix?: boolean;
  /** `-`: standard input's text, standing for the file at this normalized URI. */
  readonly stdin?: { readonly uri: string; readonly text: string };
  /** Captures of the running system (`--live`), absolute paths, for the one host of the run. */
  readonly live?: readonly string[];
}

export interface LintChunk {
  /** Its files in the run's order, each with its place in that order and its host (a number). */
  readonly files: readonly { readonly index: number; readonly file: string; readonly kind: FileKind; readonly host: number }[];
  /** The host roots (with interface files) whose captures it checks, each with its place among the run's roots. */
  readonly roots: readonly { readonly index: number; readonly uri: string; readonly host: number }[];
  /**
   * One language service for the whole chunk, its files checked in order (--fix, --live: a
   * fix changes what later files see). Otherwise each host has a service of its own, dropped
   * when the host is done: what a host parsed and simulated never outlives it.
   */
  readonly oneService?: boolean;
  /**
   * Listings of the folders its files are in (and the folders above them in the walked trees)
   * that no earlier chunk carried: a worker thread remembers them instead of listing them again.
   */
  readonly listings?: readonly (readonly [string, Listing])[];
}

/** A message of the run, or the use of a project file that holds problems (said once per run, where first used). */
export type RunEvent = { readonly warn: string; readonly notRead?: true } | { readonly config: string };

export interface FileOutcome {
  /** --fix: what fixing it said, and how many fixes it got (`notWritten` when they could not be written). */
  readonly fixEvents?: RunEvent[];
  readonly fixes?: number;
  readonly notWritten?: true;
  /** What checking it said, and its problems in the order found. */
  readonly events?: RunEvent[];
  readonly problems?: LintProblem[];
}

export interface RootOutcome {
  readonly events?: RunEvent[];
  readonly problems?: LintProblem[];
}

export interface ChunkResult {
  /** Said before anything else (--live). */
  readonly prelude: RunEvent[];
  /** One per file of the chunk, in its order. */
  readonly files: FileOutcome[];
  /** One per root of the chunk, in its order. */
  readonly roots: RootOutcome[];
  /** The problems of each project file the chunk used that has some, by URI. */
  readonly configProblems: [string, readonly string[]][];
}

const WINDOWS = process.platform === 'win32';

/** Where a path is shown: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  // A walked file under the working folder (the usual case) is the rest of its path: no
  // resolving of both paths for every file shown. Anything else takes the long way.
  if (!WINDOWS && file.length > cwd.length + 1 && file.charCodeAt(cwd.length) === 47 && file.startsWith(cwd) && cwd.charCodeAt(0) === 47) {
    const rest = file.slice(cwd.length + 1);
    if (!rest.startsWith('..') && !hasUnnormalizedSegment(rest) && !hasUnnormalizedSegment(cwd.slice(1))) return rest;
  }
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function pathOfUri(uri: string): string {
  // A plain file URI (nothing encoded) is its path after the scheme; Windows paths need the full conversion.
  if (!WINDOWS && isPlainFileUri(uri) && !hasDotSegment(uri)) return uri.slice('file://'.length);
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

/** A path's file URI as the host model spells it (what normalizeUri makes of pathToFileURL's, in one step). */
export function uriOfPath(file: string): string {
  // An absolute path of plain characters is its URI as it stands (no encoding, no parse).
  return isPlainAbsolutePath(file) ? `file://${file}` : URI.file(file).toString();
}

/** Checks one chunk: --fix first (when asked), then every file, then the hosts' captures. */
export async function runChunk(chunk: LintChunk, options: RunOptions, tree: TreeFileSystem): Promise<ChunkResult> {
  const { cwd } = options;
  const show = (file: string): string => displayPath(file, cwd);
  // Standard input and fixed files stand in for the disk, as open documents do in the editor.
  const overlay = new Map<string, string>();
  if (options.stdin) overlay.set(options.stdin.uri, options.stdin.text);
  // Most runs have nothing over the disk: then a file's text is not looked for at all.
  const newService = (): LanguageService =>
    new LanguageService(tree, {
      textOf: (uri) => (overlay.size === 0 ? undefined : overlay.get(normalizeUri(uri))),
      uris: () => (overlay.size === 0 ? [] : [...overlay.keys()]),
    });
  let service = newService();

  /** Where the messages of the file (or root) being checked go. */
  let events: RunEvent[] = [];
  const warn = (message: string, notRead?: true): void => {
    events.push(notRead ? { warn: message, notRead } : { warn: message });
  };
  const configProblems = new Map<string, readonly string[]>();

  // A file's settings depend on its folder only: the project file is looked for from there up.
  // A folder the walk saw without one has its parent's settings, so a fleet of hosts asks the
  // language service once for the folders above them, not once per host.
  type FolderSettings = { settings: Settings; fallbackHostsUri?: string; config?: string };
  const settingsByFolder = new Map<string, FolderSettings>();
  const settingsOfFolder = async (folder: string): Promise<FolderSettings> => {
    let known = settingsByFolder.get(folder);
    if (known) return known;
    const parent = folder.slice(0, folder.lastIndexOf('/'));
    if (folder.startsWith('file:///') && parent.length > 'file://'.length && tree.lacks(pathOfUri(`${folder}/${PROJECT_CONFIG_FILE}`))) {
      known = await settingsOfFolder(parent);
    } else {
      const { settings, config } = await service.effectiveSettings(`${folder}/${PROJECT_CONFIG_FILE}`, DEFAULT_SETTINGS, options.overrides);
      const fallback = settings.fallbackHostsFile.trim();
      known = { settings, fallbackHostsUri: fallback ? uriOfPath(path.resolve(cwd, fallback)) : undefined };
      if (config && config.problems.length) {
        configProblems.set(config.uri, config.problems);
        known.config = config.uri;
      }
    }
    settingsByFolder.set(folder, known);
    return known;
  };
  const settingsOf = async (uri: string): Promise<{ settings: Settings; fallbackHostsUri?: string }> => {
    const known = await settingsOfFolder(uri.slice(0, uri.lastIndexOf('/')));
    if (known.config) events.push({ config: known.config });
    return known;
  };

  const prelude: RunEvent[] = [];
  if (options.live?.length) {
    events = prelude;
    await useLive(options.live);
  }

  /** `--live`: the captures stand for the running system of the one host under the paths. */
  async function useLive(captures: readonly string[]): Promise<void> {
    const roots = chunk.roots;
    if (roots.length !== 1) {
      warn(`--live compares one host with its running system, and the paths hold ${roots.length === 0 ? 'no host with interface files' : `${roots.length} hosts`}: no comparison made`, true);
      return;
    }
    const given: { ifconfig?: string; ipmpstat?: string } = {};
    for (const capture of captures) {
      let text: string;
      try {
        text = readFileSync(capture, 'utf8');
      } catch (error) {
        warn(`cannot read ${show(capture)}: ${describeError(error)}`, true);
        continue;
      }
      // ipmpstat output has its table headers; anything else is taken as ifconfig -a.
      const role = captureKind(text) === 'ipmpstat' ? 'ipmpstat' : 'ifconfig';
      if (given[role]) {
        warn(`--live ${show(capture)}: a second ${role === 'ipmpstat' ? 'ipmpstat' : 'ifconfig -a'} capture; the first one is used`, true);
        continue;
      }
      given[role] = uriOfPath(capture);
    }
    if (!given.ifconfig && given.ipmpstat) warn(`--live: no ifconfig -a capture given, so addresses, flags and groups are not compared`);
    service.useLiveCapture(roots[0]!.uri, given);
  }

  const files: FileOutcome[] = chunk.files.map(() => ({}));
  if (options.fix) {
    for (let i = 0; i < chunk.files.length; i++) {
      const { file, kind } = chunk.files[i]!;
      if (options.stdin && uriOfPath(file) === options.stdin.uri) continue;
      events = [];
      const result = await fixFile(file, kind);
      files[i] = {
        ...(events.length ? { fixEvents: events } : {}),
        ...(result === 'not-written' ? { notWritten: true } : result > 0 ? { fixes: result } : {}),
      };
    }
  }

  async function fixFile(file: string, kind: FileKind): Promise<number | 'not-written'> {
    const uri = uriOfPath(file);
    let raw: Buffer;
    try {
      const stat = statSync(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return 0;
      raw = readFileSync(file);
    } catch {
      return 0; // The check below says why it could not be read.
    }
    const original = raw.toString('utf8');
    // Rewriting bytes that are not UTF-8 would change them: such a file is only reported.
    const utf8 = Buffer.from(original, 'utf8').equals(raw);
    const { settings, fallbackHostsUri } = await settingsOf(uri);
    let text = original;
    const applied: AppliedFix[] = [];
    const reports: string[] = [];
    // Each pass fixes what does not overlap; a fix can uncover another (CR hid a typo).
    for (let pass = 0; pass < 10; pass++) {
      const analysis = await service.analyzeDocument({ uri, kind, text }, settings, { fallbackHostsUri });
      if (analysis.limited) break;
      const wanted = analysis.findings.filter((f) => effectiveSeverity(f, settings));
      const result = applySafeFixes(text, uri, wanted, (a, b) => normalizeUri(a) === normalizeUri(b));
      if (result.applied.length === 0) break;
      for (const fix of result.applied) reports.push(`fixed ${show(file)}:${fix.range.start.line + 1}:${fix.range.start.character + 1} ${fix.rule}: ${fix.title}`);
      applied.push(...result.applied);
      text = result.text;
      overlay.set(uri, text);
      service.model.documentChanged(uri);
    }
    if (text === original) return 0;
    if (!utf8) {
      overlay.delete(uri);
      service.model.documentChanged(uri);
      warn(`not fixed ${show(file)}: it is not UTF-8 text, and rewriting it would change bytes no fix names`);
      return 0;
    }
    try {
      writeFileSync(file, text);
    } catch (error) {
      warn(`cannot write ${show(file)}: ${describeError(error)}; it is left as it was`);
      overlay.delete(uri);
      service.model.documentChanged(uri);
      return 'not-written';
    }
    for (const report of reports) warn(report);
    return applied.length;
  }

  const problemOf = (file: string, finding: Finding, severity: Severity, endColumn: number): LintProblem => ({
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn,
    severity,
    code: finding.rule,
    message: finding.message,
    related: (finding.related ?? []).map((r) => ({
      file: show(pathOfUri(r.uri)),
      line: r.range.start.line + 1,
      column: r.range.start.character + 1,
      message: r.message,
    })),
  });

  const checkFile = async (i: number): Promise<void> => {
    const { file, kind } = chunk.files[i]!;
    events = [];
    const problems: LintProblem[] = [];
    const uri = uriOfPath(file);
    const loaded = await service.model.load(uri);
    let findings: readonly Finding[] = [];
    const { settings, fallbackHostsUri } = await settingsOf(uri);
    if (loaded === undefined || (isNotRead(loaded) && loaded.notRead === 'unreadable')) {
      // Gone since the folder was listed, or there but unreadable (a FIFO, permissions).
      warn(`cannot read ${show(file)}: ${loaded?.reason ?? 'no such file or folder'}`, true);
    } else if (isNotRead(loaded)) {
      findings = [fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)];
    } else {
      // The same front door as the editor: the same findings for the same files.
      findings = (await service.analyzeDocument({ uri, kind, text: loaded }, settings, { fallbackHostsUri })).findings;
    }
    const shown = findings.length ? show(file) : '';
    for (const finding of findings) {
      const severity = effectiveSeverity(finding, settings);
      if (severity) problems.push(problemOf(shown, finding, severity, finding.range.end.character + 1));
    }
    if (events.length || problems.length) files[i] = { ...files[i], ...(events.length ? { events } : {}), ...(problems.length ? { problems } : {}) };
  };

  // Findings of the hosts' captures of the running system (a NIC no boot file plumbs, ...).
  const roots: RootOutcome[] = chunk.roots.map(() => ({}));
  const checkRoot = async (j: number): Promise<void> => {
    const rootUri = chunk.roots[j]!.uri;
    events = [];
    const problems: LintProblem[] = [];
    const { settings, fallbackHostsUri } = await settingsOf(`${rootUri}/hostname.x`);
    const host = await service.host(`${rootUri}/hostname.x`, settings.release, fallbackHostsUri);
    for (const capture of [host.live?.ifconfig, host.live?.ipmpstat]) {
      if (!capture) continue;
      const found = await service.captureFindings(capture.uri, async () => settings, { fallbackHostsUri, roots: [rootUri] });
      for (const finding of found?.findings ?? []) {
        const severity = effectiveSeverity(finding, settings);
        if (severity) problems.push(problemOf(show(pathOfUri(capture.uri)), finding, severity, Math.min(finding.range.end.character + 1, 4097)));
      }
    }
    roots[j] = { ...(events.length ? { events } : {}), ...(problems.length ? { problems } : {}) };
  };

  if (chunk.oneService) {
    for (let i = 0; i < chunk.files.length; i++) await checkFile(i);
    for (let j = 0; j < chunk.roots.length; j++) await checkRoot(j);
  } else {
    // Host by host, each with a service of its own (the results keep the chunk's order).
    const hosts = new Map<number, { files: number[]; roots: number[] }>();
    const hostOf = (host: number): { files: number[]; roots: number[] } => {
      let entry = hosts.get(host);
      if (!entry) hosts.set(host, (entry = { files: [], roots: [] }));
      return entry;
    };
    chunk.files.forEach(({ host }, i) => hostOf(host).files.push(i));
    chunk.roots.forEach(({ host }, j) => hostOf(host).roots.push(j));
    for (const host of hosts.values()) {
      service = newService();
      for (const i of host.files) await checkFile(i);
      for (const j of host.roots) await checkRoot(j);
    }
  }
  return { prelude, files, roots, configProblems: [...configProblems] };
}
