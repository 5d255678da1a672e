/**
 * The server's file system while Check All Hosts runs: the folders its walk listed are
 * remembered, so the host model's questions about them — a host's listing, its `inet/hosts`
 * beside a missing plain `hosts`, `nodename`, `.ipmp-lint.json` in each folder above a file —
 * are answered from memory, and a file the walk did not see is known to be missing without a
 * failed `stat` (over 5,000 hosts, 35,000 of them). Files that are there are still read from
 * the disk. Outside a run nothing is remembered, so an open document sees the disk as it is.
 *
 * What changes on disk during a run is seen as a file that vanished or appeared between a
 * listing and a read anyway; a watched-file event forgets the listings it touches.
 */
import * as path from 'node:path';
import type { EntryKind, FileSystem, Listing, ReadResult } from './fileSystem';

type Entry = { readonly name: string; readonly kind: EntryKind };

/** Reads with the answers of {@link FileSystem.readFile}. */
export interface FileReader {
  read(path: string): Promise<ReadResult>;
  dispose(): void;
}

/**
 * A name as a file system that ignores case or Unicode normalization (macOS, a casefold
 * folder) may match it: a listing only proves a name missing when no entry folds to the same.
 */
// (An ASCII name is its own NFC form: the common case skips normalize.)
export const folded = (name: string): string => (/^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFC')).toLowerCase();

export class WalkedFileSystem implements FileSystem {
  /** Absolute folder path -> its entries (as listed) and their folded names. */
  private readonly folders = new Map<string, { readonly entries: readonly Entry[]; readonly names: ReadonlySet<string> }>();
  /** Runs remembering listings now: the listings go when the last one ends. */
  private runs = 0;
  /**
   * Reads files while runs go on, when there is a faster way than the base's (the server's reader
   * thread): started at the first read of a run (a run whose hosts worker threads check reads
   * little here), ended with the last run.
   */
  private reader: FileReader | undefined;

  /** Where a symbolic link leads: always the disk's answer (only where the base can tell). */
  readonly resolveLink?: FileSystem['resolveLink'];

  /** @param startReader reads for runs, started at a run's first read and ended with the last run */
  constructor(
    readonly base: FileSystem,
    private readonly startReader?: () => FileReader,
  ) {
    if (base.resolveLink) this.resolveLink = (file) => base.resolveLink!(file);
  }

  /** Listings are remembered until the returned function is called (once per run). */
  remember(): () => void {
    this.runs++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.runs > 0) return;
      this.folders.clear();
      this.reader?.dispose();
      this.reader = undefined;
    };
  }

  /**
   * A file or folder changed on disk (a watched-file event): the listings that could show it —
   * its folder's and every one above (a new file may come with new folders) — and those inside
   * it are forgotten.
   */
  changed(fsPath: string): void {
    if (this.folders.size === 0) return;
    for (let child = fsPath, dir = path.dirname(fsPath); dir !== child; child = dir, dir = path.dirname(dir)) this.folders.delete(dir);
    const inside = fsPath.endsWith(path.sep) ? fsPath : fsPath + path.sep;
    for (const dir of this.folders.keys()) if (dir === fsPath || dir.startsWith(inside)) this.folders.delete(dir);
  }

  /** True when a remembered listing shows the path does not exist (its folder, or one on the way, lacks it). */
  private knownMissing(file: string): boolean {
    for (let child = file, dir = path.dirname(file); dir !== child; child = dir, dir = path.dirname(dir)) {
      const folder = this.folders.get(dir);
      if (folder) return !folder.names.has(folded(path.basename(child)));
    }
    return false;
  }

  /**
   * The listings this run holds of a host's folder, the folder above it and the folders inside
   * it: what a Check All Hosts worker would otherwise list again to find a host's files missing.
   */
  listingsNear(dir: string): [string, Listing][] {
    const near: [string, Listing][] = [];
    const add = (folder: string): { readonly entries: readonly Entry[] } | undefined => {
      const known = this.folders.get(folder);
      if (known) near.push([folder, { names: known.entries.map((e) => e.name), kinds: known.entries.map((e) => e.kind) }]);
      return known;
    };
    const own = add(dir);
    if (!own) return near;
    if (path.dirname(dir) !== dir) add(path.dirname(dir));
    for (const entry of own.entries) if (entry.kind === 'directory') add(path.join(dir, entry.name));
    return near;
  }

  readFile(file: string): Promise<ReadResult> {
    if (this.folders.size > 0 && this.knownMissing(file)) return Promise.resolve(undefined);
    if (this.runs > 0 && this.startReader) return (this.reader ??= this.startReader()).read(file);
    return this.base.readFile(file);
  }

  async readDirectory(dir: string): Promise<string[]> {
    const known = this.folders.get(dir);
    return known ? known.entries.map((e) => e.name) : this.base.readDirectory(dir);
  }

  async listDirectory(dir: string): Promise<Entry[]> {
    const known = this.folders.get(dir);
    if (known) return [...known.entries];
    const entries = await this.base.listDirectory(dir);
    // An empty answer may be a folder that could not be listed (whose files may still be
    // readable): only a listing with entries proves anything.
    if (this.runs > 0 && entries.length > 0) this.folders.set(dir, { entries: [...entries], names: new Set(entries.map((e) => folded(e.name))) });
    return entries;
  }
}
