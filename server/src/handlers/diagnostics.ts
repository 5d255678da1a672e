/**
 * Diagnostics: an open document's check published, and the same check of an open document or a
 * file on disk for Check All Hosts and the host status.
 */
import { fileTooLargeFinding, toDiagnostics } from '../features/diagnostics';
import type { FileKind } from '../syntax/fileKind';
import { MAX_FILE_BYTES, isNotRead } from '../workspace/fileSystem';
import { hostRootsOfCapture, normalizeUri } from '../workspace/hostModel';
import type { HostView } from '../features/hostView';
import type { Settings } from '../features/settings';
import type { LanguageService } from '../languageService';
import type { WorkspaceFolders } from '../session/workspaceFolders';
import type { HostModel } from '../workspace/hostModel';
import { PROJECT_CONFIG_FILE } from '../features/projectConfig';
import { dirName } from '../syntax/fileKind';
import type { WorkspaceFile } from '../workspace/workspaceFiles';
import type { AwayJob, FileCheck } from '../workspaceCheck';
import type { CheckContext } from './context';

/** A scheduled check of an open document: its diagnostics at its current version, published. */
export async function publishDiagnostics(ctx: CheckContext, uri: string): Promise<void> {
  const doc = ctx.editor.get(uri);
  if (!doc) return;
  const version = doc.version;
  // An open capture of the running system is checked against its host's files.
  if (!ctx.editor.kindOf(doc) && hostRootsOfCapture(normalizeUri(uri))) {
    await ctx.captures.publish(normalizeUri(uri));
    return;
  }
  try {
    // Nothing when a newer version is on its way: its own check will publish (never a stale one).
    const analysis = await ctx.analyses.current(doc);
    if (!analysis) return;
    const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
    const diagnostics = analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [];
    await ctx.connection.sendDiagnostics({ uri, version, diagnostics });
    if (!analysis.limited) await ctx.captures.publishOfHost(analysis.host);
  } catch (error) {
    ctx.connection.console.error(`Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** An open document's diagnostics, from the same analysis its check publishes. */
export async function checkOpenDocument(ctx: CheckContext, openUri: string): Promise<FileCheck> {
  const analysis = await ctx.analyses.analysis(openUri);
  if (!analysis) return undefined;
  const kind = analysis.limited ? analysis.kind : analysis.doc.kind;
  return { diagnostics: analysis.settings.validate ? toDiagnostics(analysis.findings, analysis.settings, kind) : [], unreadable: false };
}

/** A file on disk, checked as an open document is (settings, project file, host). */
/**
 * Reads a file's host (its settings, its files, their parses) without checking anything: Check
 * All Hosts asks for the next host while it checks one, so the reads of the one overlap the
 * checks of the other. Failures are left to the check itself.
 */
export async function prefetchHost(ctx: CheckContext, uri: string): Promise<void> {
  try {
    const settings = await ctx.settings.fileSettings(uri);
    await ctx.service.host(uri, settings.release, ctx.folders.fallbackHostsUri(uri, settings));
  } catch {
    // The check of the file reports what went wrong.
  }
}

/**
 * What a Check All Hosts worker needs to check this host (the editor's settings for it), or
 * undefined when a document open in the editor could change what its files say: one in the
 * host's folder or beside it (its captures), a project file, or the fallback hosts file of one
 * of its files. A worker reads the disk only.
 */
export async function awayJob(ctx: CheckContext, rootUri: string, files: readonly WorkspaceFile[]): Promise<AwayJob | undefined> {
  const first = files[0];
  if (!first) return undefined;
  const beside = `${dirName(rootUri)}/`;
  let anyOpen = false;
  for (const open of ctx.editor.uris()) {
    if (open.startsWith(beside) || open.endsWith(`/${PROJECT_CONFIG_FILE}`)) return undefined;
    anyOpen = true;
  }
  const settings = await ctx.settings.editorSettings(first.uri);
  if (anyOpen) {
    for (const { uri } of files) {
      const fallback = ctx.folders.fallbackHostsUri(uri, (await ctx.service.effectiveSettings(uri, settings)).settings);
      if (fallback && ctx.editor.textOf(normalizeUri(fallback)) !== undefined) return undefined;
    }
  }
  return { settings, files };
}

export async function checkFileOnDisk(ctx: CheckContext, uri: string, kind: FileKind): Promise<FileCheck> {
  const { check, host } = await checkDiskFile({ model: ctx.model, service: ctx.service, folders: ctx.folders, fileSettings: (u) => ctx.settings.fileSettings(u) }, uri, kind);
  // The host's capture of the running system gets its findings too (a NIC no file plumbs).
  if (host && kind === 'hostname') await ctx.captures.publishOfHost(host);
  return check;
}

/** What checking a file on disk needs: the server's session, or a Check All Hosts worker's. */
export interface DiskCheckContext {
  readonly model: Pick<HostModel, 'load'>;
  readonly service: LanguageService;
  readonly folders: Pick<WorkspaceFolders, 'relativePaths' | 'fallbackHostsUri'>;
  fileSettings(uri: string): Promise<Settings>;
}

/** A file on disk checked as an open document is; `host` when its host was analysed. */
export async function checkDiskFile(ctx: DiskCheckContext, uri: string, kind: FileKind): Promise<{ readonly check: FileCheck; readonly host?: HostView }> {
  const loaded = await ctx.model.load(uri);
  if (loaded === undefined) return { check: undefined };
  const settings = await ctx.fileSettings(uri);
  if (isNotRead(loaded)) {
    const finding =
      loaded.notRead === 'too-large'
        ? fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)
        : { rule: 'unreadable-file' as const, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `This file could not be read (${loaded.reason ?? 'unreadable'}): it was not checked.` };
    return { check: { diagnostics: settings.validate ? toDiagnostics([finding], settings, kind) : [], unreadable: loaded.notRead === 'unreadable' } };
  }
  const analysis = await ctx.service.analyzeDocument({ uri, kind, text: loaded }, settings, {
    relativePaths: ctx.folders.relativePaths(uri),
    fallbackHostsUri: ctx.folders.fallbackHostsUri(uri, settings),
  });
  const check = { diagnostics: settings.validate ? toDiagnostics(analysis.findings, settings, kind) : [], unreadable: false };
  return analysis.limited ? { check } : { check, host: analysis.host };
}
