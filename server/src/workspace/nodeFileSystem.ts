import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import { MAX_FILE_BYTES, type FileNotRead, type FileSystem, type ReadResult } from './fileSystem';

/** Why a path could not be read, in a few words for a diagnostic. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'EISDIR':
      return 'a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an I/O error';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const missing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Open without waiting for a writer (undefined where the platform has no such flag). */
const NONBLOCK: number | undefined = fsSync.constants.O_NONBLOCK;

/** Why a file with these stats is not read, or undefined when it is read. */
function notReadBecause(stat: fsSync.Stats): FileNotRead | undefined {
  if (stat.isDirectory()) return { notRead: 'unreadable', reason: 'a folder' };
  if (!stat.isFile()) return { notRead: 'unreadable', reason: 'not a regular file' };
  if (stat.size > MAX_FILE_BYTES) return { notRead: 'too-large', size: stat.size };
  return undefined;
}

/**
 * As `nodeFileSystem.readFile`, synchronously: for ipmp-lint, which has no other work to let in,
 * and for the server's reader thread (Check All Hosts). Opened without waiting (O_NONBLOCK: a
 * FIFO would wait for a writer forever) and examined through the open file, so a file costs one
 * open, one fstat, one read and one close; where O_NONBLOCK does not exist, stat first.
 */
export function readFileNow(file: string): ReadResult {
  try {
    if (NONBLOCK === undefined) return statThenRead(file);
    const fd = fsSync.openSync(file, fsSync.constants.O_RDONLY | NONBLOCK);
    try {
      const stat = fsSync.fstatSync(fd);
      const not = notReadBecause(stat);
      if (not) return not;
      // A size of 0 may not be the truth (some file systems do not know it): read to the end.
      if (stat.size === 0) return fsSync.readFileSync(fd, 'utf8');
      const bytes = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const n = fsSync.readSync(fd, bytes, read, stat.size - read, read);
        if (n === 0) break;
        read += n;
      }
      return bytes.toString('utf8', 0, read);
    } finally {
      fsSync.closeSync(fd);
    }
  } catch (error) {
    if (missing(error)) return undefined;
    return { notRead: 'unreadable', reason: describeError(error) };
  }
}

function statThenRead(file: string): string | FileNotRead {
  const not = notReadBecause(fsSync.statSync(file));
  if (not) return not;
  const text = fsSync.readFileSync(file, 'utf8');
  // It may have grown between the stat and the read.
  return text.length > MAX_FILE_BYTES ? { notRead: 'too-large', size: Buffer.byteLength(text) } : text;
}

export const nodeFileSystem: FileSystem = {
  async readFile(path): Promise<ReadResult> {
    try {
      // stat first: opening a FIFO would wait for a writer forever.
      const stat = await fs.stat(path);
      if (stat.isDirectory()) return { notRead: 'unreadable', reason: 'a folder' };
      if (!stat.isFile()) return { notRead: 'unreadable', reason: 'not a regular file' };
      if (stat.size > MAX_FILE_BYTES) return { notRead: 'too-large', size: stat.size };
      const text = await fs.readFile(path, 'utf8');
      // It may have grown between the stat and the read.
      return text.length > MAX_FILE_BYTES ? { notRead: 'too-large', size: Buffer.byteLength(text) } : text;
    } catch (error) {
      // Gone between the event and the read (or never there): it does not exist.
      if (missing(error)) return undefined;
      return { notRead: 'unreadable', reason: describeError(error) };
    }
  },
  async readDirectory(path) {
    try {
      return await fs.readdir(path);
    } catch {
      return [];
    }
  },
  async listDirectory(path) {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    } catch {
      return [];
    }
  },
  async resolveLink(path) {
    try {
      const [stat, target] = await Promise.all([fs.stat(path), fs.realpath(path)]);
      return { target, isFile: stat.isFile() };
    } catch {
      return undefined;
    }
  },
};
