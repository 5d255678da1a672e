/** What a folder entry is, as a listing tells it (a symbolic link is not followed). */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** A folder as a walk read it: its entries in `readdir` order. */
export interface Listing {
  readonly names: readonly string[];
  readonly kinds: readonly EntryKind[];
}

/** File access for the host model, injected so tests and the CLI can supply their own. */
export interface FileSystem {
  /**
   * The file's text; undefined when it does not exist; a {@link FileNotRead} when it exists
   * but was not read (over {@link MAX_FILE_BYTES}, a folder, a FIFO, no permission, a
   * symlink loop). Never throws; the host model copes if an injected one does.
   */
  readFile(path: string): Promise<ReadResult>;
  /** Entry names of a directory; empty when it does not exist or cannot be read. */
  readDirectory(path: string): Promise<string[]>;
  /** Entries with their kind (symbolic links are not followed); empty on error. */
  listDirectory(path: string): Promise<{ readonly name: string; readonly kind: EntryKind }[]>;
  /**
   * Where a symbolic link leads (its real path, and whether that is a regular file); undefined
   * when it leads nowhere (dangling, a loop, no permission). Optional: without it a link is
   * taken as a file of its own.
   */
  resolveLink?(path: string): Promise<{ readonly target: string; readonly isFile: boolean } | undefined>;
  /** The disk changed at this path (a watched-file event): what is remembered about it is forgotten. */
  changed?(path: string): void;
}

/**
 * What reading a file gives: its text; undefined when it does not exist; a {@link FileNotRead}
 * when it exists but was not read.
 */
export type ReadResult = string | undefined | FileNotRead;

/** A file that is there but whose text the checks do not have. */
export interface FileNotRead {
  readonly notRead: 'too-large' | 'unreadable';
  /** Bytes on disk (or UTF-16 units of an open document), for `too-large`. */
  readonly size?: number;
  /** Why it could not be read, in a few words: `permission denied`, `a folder`. */
  readonly reason?: string;
}

export function isNotRead(value: unknown): value is FileNotRead {
  return typeof value === 'object' && value !== null && 'notRead' in value;
}

/**
 * Files larger than this are not read at all, and an open document larger than this gets
 * only cheap checks (DESIGN.md "Bad input"). A 200,000-line hosts file is about 8.5 MB, so
 * the largest estates we know of fit with room to spare; a bigger file is a dump or a binary, and
 * reading it would cost seconds per check and several times its size in memory. Compared
 * with bytes on disk and UTF-16 units in an editor (the same for the ASCII these files hold).
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
