/**
 * The file system of one `ipmp-lint` run: the folders its walk listed are remembered, so the
 * host model's questions about them (a host's listing, its `inet/hosts`, `nodename`,
 * `.ipmp-lint.json` in each folder above a file) are answered without asking the disk again,
 * and a file the walk did not see is known to be missing without a failed `stat`. Everything
 * else goes to the disk, synchronously: a command-line run has no other work to let in, and one
 * system call costs less than a trip through libuv's thread pool and a promise per call.
 *
 * The answers are those of `nodeFileSystem`: what changes between the walk and the read is
 * seen as a file that vanished or appeared between a directory listing and a read anyway.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFileNow } from './workspace/nodeFileSystem';
import type { EntryKind, FileSystem, Listing, ReadResult } from './workspace/fileSystem';
import { folded } from './workspace/walkedFileSystem';

/** Missing files outside the trees remembered at most (a few per folder above a tree are asked). */
const MAX_MISSING_OUTSIDE = 1024;

export function kindOfDirent(entry: fs.Dirent): EntryKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : entry.isSymbolicLink() ? 'symlink' : 'other';
}

export class TreeFileSystem implements FileSystem {
  /** Absolute folder path -> its entries, and their names folded (see {@link folded}). */
  private readonly folders = new Map<string, { readonly listing: Listing; readonly names: Set<string> }>();
  /** Folders inside the trees that could not be listed: the disk answers for their files. */
  private readonly unlistable = new Set<string>();
  /**
   * Files outside the trees found missing: the project file is looked for in every folder up to
   * the root, for each host a worker checks (each with a host model of its own), and outside
   * the trees no listing answers. Nothing of the run writes there, so missing stays missing.
   */
  private readonly missingOutside = new Set<string>();
  /** What a read-ahead thread read of files before they were asked for (lintWorkers.ts): each is taken once. */
  private readonly readAhead = new Map<string, ReadResult>();

  /** @param trees absolute folders whose subfolders may be listed on demand (see {@link knownMissing}) */
  constructor(private readonly trees: readonly string[] = []) {}

  /** Remembers a folder's listing (absolute path). */
  remember(dir: string, listing: Listing): void {
    this.folders.set(dir, { listing, names: new Set(listing.names.map(folded)) });
  }

  /** The folder's listing when it was read (nothing is read now). */
  known(dir: string): Listing | undefined {
    return this.folders.get(dir)?.listing;
  }

  /** Reads a folder now and remembers it (the walk); throws what `readdir` throws. */
  read(dir: string): Listing {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const listing = { names: entries.map((e) => e.name), kinds: entries.map(kindOfDirent) };
    this.remember(dir, listing);
    return listing;
  }

  /** A listing, read now when the walk did not read it; undefined when it cannot be read. */
  listing(dir: string): Listing | undefined {
    const known = this.folders.get(dir);
    if (known) return known.listing;
    try {
      return this.read(dir);
    } catch {
      return undefined;
    }
  }

  /** Does a listing show that the path does not exist? (Nothing is read but folders inside the trees.) */
  lacks(file: string): boolean {
    return this.knownMissing(file);
  }

  /**
   * True when a listing shows the path cannot exist: its folder (or a folder on the way to it)
   * was listed and has no entry of that name. Folders inside the trees of the run that no walk
   * listed here (a worker thread's) are listed the first time they are asked about: one
   * `readdir` answers for every file a host model looks for in them.
   */
  private knownMissing(file: string): boolean {
    const dir = path.dirname(file);
    if (dir === file) return false;
    let folder = this.folders.get(dir);
    if (!folder && this.insideTrees(dir) && !this.unlistable.has(dir)) {
      if (this.knownMissing(dir)) return true;
      try {
        this.read(dir);
        folder = this.folders.get(dir);
      } catch {
        this.unlistable.add(dir);
      }
    }
    if (folder) return !folder.names.has(folded(path.basename(file)));
    return this.knownMissing(dir);
  }

  private insideTrees(dir: string): boolean {
    return this.trees.some((root) => dir === root || (dir.startsWith(root) && dir[root.length] === path.sep) || root === path.sep);
  }

  async readFile(file: string): Promise<ReadResult> {
    return this.readFileSync(file);
  }

  /** Files read ahead by another thread with {@link readFileNow}: each answers the next read of it, once. */
  supply(reads: readonly (readonly [string, ReadResult])[]): void {
    for (const [file, read] of reads) this.readAhead.set(file, read);
  }

  /** Drops what was read ahead and not asked for. */
  dropReadAhead(): void {
    this.readAhead.clear();
  }

  /** As `nodeFileSystem.readFile`, without a trip through the thread pool ({@link readFileNow}). */
  readFileSync(file: string): ReadResult {
    if (this.knownMissing(file) || this.missingOutside.has(file)) return undefined;
    if (this.readAhead.has(file)) {
      const early = this.readAhead.get(file);
      this.readAhead.delete(file);
      return early;
    }
    const read = readFileNow(file);
    if (read === undefined && !this.insideTrees(path.dirname(file)) && this.missingOutside.size < MAX_MISSING_OUTSIDE) this.missingOutside.add(file);
    return read;
  }

  async readDirectory(dir: string): Promise<string[]> {
    return [...(this.listing(dir)?.names ?? [])];
  }

  async listDirectory(dir: string): Promise<{ readonly name: string; readonly kind: EntryKind }[]> {
    const listing = this.listing(dir);
    return listing ? listing.names.map((name, i) => ({ name, kind: listing.kinds[i]! })) : [];
  }

  async resolveLink(file: string): Promise<{ readonly target: string; readonly isFile: boolean } | undefined> {
    try {
      return { target: fs.realpathSync(file), isFile: fs.statSync(file).isFile() };
    } catch {
      return undefined;
    }
  }
}
