/**
 * Check All Hosts (`solarisIpmp/checkAllHosts`): every file of ours under the workspace
 * folders checked as an open document would be, with the findings of files that are not open
 * published (a clean file only when the editor shows something for it). The files checked stay
 * checked until the next check: a change on disk checks them again, a deleted one is cleared, an
 * open one that closes gets its findings on disk back, and new settings check them all again.
 *
 * Nothing is kept per file but its URI and kind: the parses and host snapshots live in the host
 * model's caches (shared with the open documents), the diagnostics only in the client. Once the
 * files of a host are checked, the host is released from those caches (`release`: the server
 * keeps hosts with open documents), so a check of a tree holds one host at a time, not all.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { CheckAllHostsResult } from './protocol';
import { classifyPath, type FileKind } from './syntax/fileKind';
import { hostRootUri, normalizeUri } from './workspace/hostModel';
import { inWalkedTree, workspaceFiles, type WorkspaceFile } from './workspace/workspaceFiles';
import type { Settings } from './features/settings';
import type { EffectiveSettings } from './languageService';
import type { FileSystem, Listing } from './workspace/fileSystem';

/** A file's diagnostics as checked now; undefined when it is gone (or no longer ours). */
export type FileCheck = { readonly diagnostics: Diagnostic[]; readonly unreadable: boolean } | undefined;

export interface WorkspaceCheckHost {
  readonly fileSystem: FileSystem;
  /**
   * The folders the walk lists are kept until the returned function is called, so that the
   * checks of their files ask the disk only for files that are there (WalkedFileSystem).
   */
  keepListings?(): () => void;
  /** The workspace folders' URIs. */
  folders(): readonly string[];
  /** The open document's URI as the client spells it, when this (normalized) file is open. */
  openUri(uri: string): string | undefined;
  /** An open document's diagnostics as its own validation publishes them. */
  checkOpen(openUri: string): Promise<FileCheck>;
  /** A file on disk, checked through the same front door as an open document. */
  checkOnDisk(uri: string, kind: FileKind): Promise<FileCheck>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** The files of this host are checked (files come host by host): what was read for it may go. */
  release(rootUri: string): void;
  /**
   * Start reading this file's host without waiting: asked for the next host while one is checked,
   * so that the next host's reads overlap this one's work.
   */
  prefetch(uri: string): void;
  /**
   * Worker threads for this run's hosts, when there are threads to be had; ended by the run.
   * Without, every host is checked here.
   */
  awayChecker?(): AwayChecker | undefined;
  /**
   * What a worker needs to check this host (its settings); undefined when it must be checked
   * here, because a document open in the editor could change what its files say.
   */
  awayJob?(rootUri: string, files: readonly WorkspaceFile[]): Promise<AwayJob | undefined>;
  /** A project file a worker used, with what in it could not be used. */
  configUsed?(config: ConfigProblems): void;
  /** How the user knows a host (`web1/etc`), for progress messages. */
  hostLabel(rootUri: string): string;
  log(message: string): void;
  /** Says how a run went, for the server's log (not an error). */
  note?(message: string): void;
}

/** A host to be checked by a worker thread. */
export interface AwayJob {
  readonly settings: Settings;
  readonly files: readonly WorkspaceFile[];
  /** Folders the run's walk listed near the host (absolute paths): the worker need not list them again. */
  readonly listings?: readonly (readonly [string, Listing])[];
}

/** What a project file holds that could not be used, to be told to the user. */
export type ConfigProblems = NonNullable<EffectiveSettings['config']>;

/** A host checked by a worker thread. */
export interface AwayResult {
  /** The host's files checked (null: gone), in its order. */
  readonly files: readonly (NonNullable<FileCheck> | null)[];
  /** The host has captures of the running system: their findings are the server's to publish. */
  readonly captures: boolean;
  /** Project files used that hold problems. */
  readonly configs: readonly ConfigProblems[];
}

/** Worker threads that check whole hosts (hostCheckWorker.ts). */
export interface AwayChecker {
  /** A host can be handed over now without waiting. */
  readonly hasRoom: boolean;
  /** At least one worker can take hosts. */
  readonly alive: boolean;
  /** The host checked; undefined when no worker could (check it here). */
  check(job: AwayJob): Promise<AwayResult | undefined>;
  dispose(): void;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface ProgressSink {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

/**
 * How many hosts ahead Check All Hosts reads while it checks one: their reads (the thread pool,
 * the editor's settings) overlap its work. 5,000 hosts: 27 s without, 21 s with one, 18 s with two.
 */
const READ_AHEAD_HOSTS = 2;

/** Hosts in a tree before its check is shared with worker threads (starting them costs ~100 ms). */
export const AWAY_MIN_HOSTS = 64;

/** Hosts whose jobs (the editor's settings for them) are asked for before their turn. */
const AWAY_JOBS_AHEAD = 16;

/** How often progress is reported at most. */
const PROGRESS_INTERVAL_MS = 100;

const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceCheck {
  /** The files the last check found (and files created since in the same tree), by normalized URI. */
  private readonly checked = new Map<string, FileKind>();
  /**
   * Files whose findings on disk this check published (and so has to clear). A file without
   * findings that has none published is not published at all: over 5,000 hosts, most files are
   * clean, and 25,000 empty notifications cost the server and the editor for nothing.
   */
  private readonly published = new Set<string>();
  /** Closed documents whose next check publishes even when clean: the editor still shows what the open document had. */
  private readonly mustPublish = new Set<string>();
  /** Per file, the latest check started: an older one that ends later publishes nothing. */
  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;
  /** Bumped by every run: an older run still going stops (superseded). */
  private generation = 0;
  private hasRun = false;
  /** Files waiting to be checked again, and whether the loop that does it runs. */
  private readonly pending = new Set<string>();
  private draining = false;

  constructor(private readonly host: WorkspaceCheckHost) {}

  /** The request: find every file, check each one (yielding in between), count. */
  async run(token: Cancellation, progress?: ProgressSink): Promise<CheckAllHostsResult> {
    const generation = ++this.generation;
    this.hasRun = true;
    const stopped = (): boolean => token.isCancellationRequested || generation !== this.generation;
    progress?.begin('Checking all hosts', 0, 'Finding files…', true);
    const listingsKept = this.host.keepListings?.();
    try {
      const files = await workspaceFiles(this.host.fileSystem, this.host.folders(), { cancelled: stopped });
      const counts = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, unreadable: 0 };
      const hosts = new Set<string>();
      const seen = new Set<string>();
      let lastReport = 0;
      const hostDone = this.hostByHost();
      // Files come host by host: where each host's run of files starts.
      const roots = files.map((f) => hostRootUri(f.uri));
      const firsts = roots.flatMap((root, i) => (i === 0 || root !== roots[i - 1] ? [i] : []));
      const count = (root: string, result: FileCheck): void => {
        if (!result) return;
        counts.files++;
        hosts.add(root);
        if (result.unreadable) counts.unreadable++;
        for (const d of result.diagnostics) {
          if (d.severity === DiagnosticSeverity.Error) counts.errors++;
          else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
          else if (d.severity === DiagnosticSeverity.Information) counts.infos++;
          else counts.hints++;
        }
      };
      const report = (i: number, root: string): void => {
        const now = Date.now();
        if (progress && now - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = now;
          progress.report(Math.floor((i / files.length) * 100), `${this.host.hostLabel(root)} (${i + 1} of ${files.length} files)`);
        }
      };
      /** Checks a host's files here, one at a time (`first`: where they start among the files). */
      const checkHere = async (hostFiles: readonly WorkspaceFile[], first: number): Promise<void> => {
        for (let i = 0; i < hostFiles.length; i++) {
          if (stopped()) return;
          const { uri, kind } = hostFiles[i]!;
          const root = roots[first + i]!;
          hostDone(root);
          report(first + i, root);
          count(root, await this.checkOne(uri, kind));
          // One file at a time, with the event loop's turn in between: edits, hovers and
          // completions of open documents go first.
          await yieldNow();
        }
      };
      const away = firsts.length >= AWAY_MIN_HOSTS ? this.host.awayChecker?.() : undefined;
      const inFlight = new Set<Promise<void>>();
      let awayHosts = 0;
      let cameBack = 0;
      const hostFilesOf = (h: number): WorkspaceFile[] => files.slice(firsts[h], h + 1 < firsts.length ? firsts[h + 1] : files.length);
      const jobs = new Map<number, Promise<AwayJob | undefined>>();
      try {
        for (let h = 0; h < firsts.length; h++) {
          if (stopped()) break;
          const first = firsts[h]!;
          const hostFiles = hostFilesOf(h);
          const root = roots[first]!;
          for (const { uri, kind } of hostFiles) {
            seen.add(uri);
            this.checked.set(uri, kind);
          }
          // The jobs of the next hosts are asked for ahead (their settings come from the editor),
          // half the window at a time: the settings of hosts asked in one turn go in one request.
          if (away?.alive && !jobs.has(Math.min(h + AWAY_JOBS_AHEAD / 2, firsts.length - 1))) {
            for (let n = h; n < Math.min(h + AWAY_JOBS_AHEAD, firsts.length); n++) {
              // A job that cannot be made (its settings failed) is a host checked here; never a rejection left unheard.
              if (!jobs.has(n)) jobs.set(n, (this.host.awayJob?.(roots[firsts[n]!]!, hostFilesOf(n)) ?? Promise.resolve(undefined)).catch(() => undefined));
            }
          }
          const job = away?.alive ? await jobs.get(h) : undefined;
          jobs.delete(h);
          if (away && job && !stopped()) {
            // Handed to a worker thread; this thread goes on to the next host.
            while (!away.hasRoom && away.alive && inFlight.size > 0) await Promise.race(inFlight);
            report(first, root);
            const sequences = hostFiles.map(({ uri }) => this.startCheck(uri));
            const checking: Promise<void> = away
              .check(job)
              .then(async (result) => {
                // No worker could, or the host's captures need the server's own check: here.
                if (!result || result.captures) {
                  cameBack++;
                  for (let i = 0; i < hostFiles.length; i++) count(root, await this.checkOne(hostFiles[i]!.uri, hostFiles[i]!.kind));
                  this.host.release(root);
                  return;
                }
                for (const config of result.configs) this.host.configUsed?.(config);
                hostFiles.forEach(({ uri }, i) => count(root, this.finishCheck(uri, sequences[i]!, result.files[i] ?? undefined)));
              })
              .catch((error: unknown) => this.host.log(`Checking ${root} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
              .finally(() => inFlight.delete(checking));
            inFlight.add(checking);
            awayHosts++;
            continue;
          }
          // A new host checked here: the next ones are read while it is checked (unless workers check them).
          if (!away) for (let n = h === 0 ? 1 : h + READ_AHEAD_HOSTS; n <= h + READ_AHEAD_HOSTS && n < firsts.length; n++) this.host.prefetch(files[firsts[n]!]!.uri);
          await checkHere(hostFiles, first);
        }
        // Cancelled or not, what the workers were given is published before the answer.
        await Promise.all(inFlight);
        if (away) this.host.note?.(`Check All Hosts: ${awayHosts} of ${firsts.length} hosts handed to worker threads (${cameBack} checked here after all)`);
      } finally {
        away?.dispose();
      }
      hostDone(undefined);
      const cancelled = stopped();
      // A complete check replaces the last one: files it no longer finds (deleted, moved, in a
      // folder no longer open) lose their diagnostics. A cancelled one only adds.
      if (!cancelled) for (const uri of [...this.checked.keys()]) if (!seen.has(uri)) this.forget(uri);
      return { ...counts, hosts: hosts.size, cancelled };
    } finally {
      listingsKept?.();
      progress?.done();
    }
  }

  /**
   * Tells the host to release a host when the files move on to another one (`undefined`: the
   * files ended); true when `root` is a new host. A host whose files come back later is read
   * again then, which is only slower.
   */
  private hostByHost(): (root: string | undefined) => boolean {
    let current: string | undefined;
    return (root) => {
      if (root === current) return false;
      if (current !== undefined) this.host.release(current);
      current = root;
      return true;
    };
  }

  /** Is this file part of the checked set (so closing it must not clear its diagnostics)? */
  has(uri: string): boolean {
    return this.checked.has(normalizeUri(uri));
  }

  /** Files of these hosts ('all': every one) changed: their checked files are checked again. */
  recheck(roots: ReadonlySet<string> | 'all'): void {
    for (const uri of this.checked.keys()) if (roots === 'all' || roots.has(hostRootUri(uri))) this.pending.add(uri);
    this.drain();
  }

  /** An open document closed: a checked file gets its findings on disk back. True when it was checked. */
  closed(uri: string): boolean {
    const key = normalizeUri(uri);
    if (!this.checked.has(key)) return false;
    this.mustPublish.add(key);
    this.pending.add(key);
    this.drain();
    return true;
  }

  /** A file appeared on disk (or changed, unseen by the last check): in a checked tree it is checked from now on. */
  created(uri: string): void {
    const key = normalizeUri(uri);
    if (!this.hasRun || this.checked.has(key)) return;
    const kind = classifyPath(URI.parse(key).path);
    if (!kind || !inWalkedTree(key, this.host.folders())) return;
    this.checked.set(key, kind);
    this.pending.add(key);
    this.drain();
  }

  /** A file (or a folder) was deleted: checked files there lose their diagnostics. */
  deleted(uri: string): void {
    const key = normalizeUri(uri);
    const prefix = `${key.replace(/\/$/, '')}/`;
    for (const file of [...this.checked.keys()]) if (file === key || file.startsWith(prefix)) this.forget(file);
  }

  /** Workspace folders changed: files outside every folder are no longer checked. */
  foldersChanged(): void {
    const folders = this.host.folders();
    for (const uri of [...this.checked.keys()]) if (!inWalkedTree(uri, folders)) this.forget(uri);
  }

  private forget(uri: string): void {
    this.checked.delete(uri);
    this.pending.delete(uri);
    this.mustPublish.delete(uri);
    this.sequence.set(uri, ++this.nextSequence); // a check of it still running publishes nothing
    if (this.published.delete(uri) && !this.host.openUri(uri)) this.host.publish(uri, []);
  }

  /**
   * Checks one file now: an open document as it is in the editor (its own validation
   * publishes it), any other from disk, published here unless a newer check of it started.
   */
  private async checkOne(uri: string, kind: FileKind): Promise<FileCheck> {
    const sequence = this.startCheck(uri);
    const open = this.host.openUri(uri);
    if (open) return this.host.checkOpen(open);
    let result: FileCheck;
    try {
      result = await this.host.checkOnDisk(uri, kind);
    } catch (error) {
      this.host.log(`Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
    return this.finishCheck(uri, sequence, result);
  }

  /** A check of the file starts: a check of it started before this one publishes nothing. */
  private startCheck(uri: string): number {
    const sequence = ++this.nextSequence;
    this.sequence.set(uri, sequence);
    return sequence;
  }

  /** A check of a file on disk ended: publishes what it found unless a newer check of it started. */
  private finishCheck(uri: string, sequence: number, result: FileCheck): FileCheck {
    // Opened meanwhile (the editor's text wins), or a newer check of it started.
    if (this.sequence.get(uri) !== sequence || this.host.openUri(uri)) return result;
    if (result) {
      // The editor shows something for it: ours from before, or the closed document's.
      const shown = this.mustPublish.delete(uri) || this.published.has(uri);
      if (result.diagnostics.length > 0) this.published.add(uri);
      else this.published.delete(uri);
      if (shown || result.diagnostics.length > 0) this.host.publish(uri, result.diagnostics);
    } else {
      this.mustPublish.delete(uri);
      // Gone from disk (the delete event may still be on its way).
      this.checked.delete(uri);
      if (this.published.delete(uri)) this.host.publish(uri, []);
    }
    return result;
  }

  /** Checks the pending files one at a time, yielding in between. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      const hostDone = this.hostByHost();
      try {
        while (this.pending.size > 0) {
          const uri = this.pending.values().next().value!;
          this.pending.delete(uri);
          hostDone(hostRootUri(uri));
          const kind = this.checked.get(uri);
          if (kind && !this.host.openUri(uri)) await this.checkOne(uri, kind);
          await yieldNow();
        }
      } finally {
        hostDone(undefined);
        this.draining = false;
      }
    })();
  }
}
