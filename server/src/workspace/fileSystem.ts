/** File access for the host model, injected so tests and the CLI can supply their own. */
export interface FileSystem {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** Entry names of a directory; empty when it does not exist or cannot be read. */
  readDirectory(path: string): Promise<string[]>;
  /** Entries with their kind (symbolic links are not followed); empty on error. */
  listDirectory(path: string): Promise<{ readonly name: string; readonly kind: 'file' | 'directory' | 'symlink' | 'other' }[]>;
}

/** Files larger than this are not read whole (DESIGN.md "Bad input"). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
