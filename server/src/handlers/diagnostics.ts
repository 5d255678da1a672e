/**
 * Diagnostics: an open document's check published, and the same check of an open document or a
 * file on disk for Check All Hosts and the host status.
 */
import { fileTooLargeFinding, toDiagnostics } from '../features/diagnostics';
import type { FileKind } from '../syntax/fileKind';
import { MAX_FILE_BYTES, isNotRead } from '../workspace/fileSystem';
import { hostRootsOfCapture, normalizeUri } from '../workspace/hostModel';
import type { FileCheck } from '../workspaceCheck';
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

export async function checkFileOnDisk(ctx: CheckContext, uri: string, kind: FileKind): Promise<FileCheck> {
  const loaded = await ctx.model.load(uri);
  if (loaded === undefined) return undefined;
  const settings = await ctx.settings.fileSettings(uri);
  if (isNotRead(loaded)) {
    const finding =
      loaded.notRead === 'too-large'
        ? fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)
        : { rule: 'unreadable-file' as const, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `This file could not be read (${loaded.reason ?? 'unreadable'}): it was not checked.` };
    return { diagnostics: settings.validate ? toDiagnostics([finding], settings, kind) : [], unreadable: loaded.notRead === 'unreadable' };
  }
  const analysis = await ctx.service.analyzeDocument({ uri, kind, text: loaded }, settings, {
    relativePaths: ctx.folders.relativePaths(uri),
    fallbackHostsUri: ctx.folders.fallbackHostsUri(uri, settings),
  });
  // The host's capture of the running system gets its findings too (a NIC no file plumbs).
  if (!analysis.limited && kind === 'hostname') await ctx.captures.publishOfHost(analysis.host);
  return { diagnostics: settings.validate ? toDiagnostics(analysis.findings, settings, kind) : [], unreadable: false };
}
