/**
 * Changes around the documents: settings, workspace folders, and files on disk. Each can
 * change any open document's findings, so what they touch is forgotten and checked again.
 */
import { FileChangeType, type DidChangeConfigurationParams, type DidChangeWatchedFilesParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { hostRootUri, hostRootsOfCapture, normalizeUri } from '../workspace/hostModel';
import type { ServerContext } from './context';

/**
 * How long file events settle before the open documents they touch are checked again: a
 * branch switch or a build can send thousands, and each check re-reads the host from disk.
 * Edits in the editor are checked at once; only disk events wait.
 */
const FILE_EVENT_QUIET_MS = 50;
/** ...but never longer than this after the first event of a storm. */
const FILE_EVENT_MAX_WAIT_MS = 500;

export function configurationChanged(ctx: ServerContext, change: DidChangeConfigurationParams): void {
  ctx.settings.configurationChanged((change.settings as { solarisIpmp?: unknown } | undefined)?.solarisIpmp);
  ctx.analyses.forgetAll();
  ctx.model.invalidateAll();
  ctx.analyses.scheduleAll();
  ctx.workspaceCheck.recheck('all');
}

export function workspaceFoldersChanged(ctx: ServerContext, event: WorkspaceFoldersChangeEvent): void {
  ctx.folders.changed(
    event.added.map((f) => f.uri),
    event.removed.map((f) => f.uri),
  );
  void ctx.hostIndex.start(ctx.folders.uris);
  ctx.settings.forget();
  ctx.analyses.forgetAll();
  ctx.analyses.scheduleAll();
  ctx.workspaceCheck.foldersChanged();
}

/** Disk events gathered until they settle: the hosts they touch, or every host. */
export class SettlingFileEvents {
  private readonly roots = new Set<string>();
  private all = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;

  constructor(private readonly settled: (changed: ReadonlySet<string> | 'all') => void) {}

  add(roots: Iterable<string>, all: boolean): void {
    if (all) this.all = true;
    for (const root of roots) this.roots.add(root);
    const now = Date.now();
    if (this.timer === undefined) this.started = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(FILE_EVENT_QUIET_MS, this.started + FILE_EVENT_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changed = this.all ? ('all' as const) : new Set(this.roots);
      this.all = false;
      this.roots.clear();
      this.settled(changed);
    }, wait);
  }
}

// Disk changes: what they touch is forgotten at once (a request in between reads the new
// state), and the open documents of those hosts are checked again once the events settle.
export function watchedFilesChanged(ctx: ServerContext, settling: SettlingFileEvents, params: DidChangeWatchedFilesParams): void {
  const roots = new Set<string>();
  let everything = false;
  let everyHost = false;
  for (const change of params.changes) {
    const uri = normalizeUri(change.uri);
    ctx.model.invalidate(uri);
    ctx.hostIndex.fileChanged(uri, change.type === FileChangeType.Deleted);
    // A file the last check did not see is new, whatever the event says (watchers coalesce
    // a creation and the writes after it into one event, of either type).
    if (change.type === FileChangeType.Deleted) ctx.workspaceCheck.deleted(uri);
    else ctx.workspaceCheck.created(uri);
    roots.add(hostRootUri(uri));
    const captureRoots = hostRootsOfCapture(uri);
    if (captureRoots) {
      for (const root of captureRoots) roots.add(root);
      if (ctx.captures.has(uri)) void ctx.captures.publish(uri);
    }
    // A file appearing or going changes listings; a hosts file may be some other host's
    // fallback: either way every open document may be affected.
    if (change.type === FileChangeType.Deleted || change.type === FileChangeType.Created) everything = true;
    if (/\/(hosts|ipnodes|\.ipmp-lint\.json)$/.test(URI.parse(uri).path)) everything = everyHost = true;
  }
  if (everything) ctx.analyses.forgetAll();
  else ctx.analyses.forgetHosts(roots);
  settling.add(roots, everyHost);
}

/** The disk events settled: the open documents they touch are checked, and so is Check All Hosts' tree. */
export function fileEventsSettled(ctx: ServerContext, changed: ReadonlySet<string> | 'all'): void {
  if (changed === 'all') ctx.analyses.recheckAll();
  else ctx.analyses.recheckHosts(changed);
  ctx.workspaceCheck.recheck(changed);
  if (changed === 'all') ctx.hostChanges.changed('*');
  else for (const root of changed) ctx.hostChanges.changed(root);
}
