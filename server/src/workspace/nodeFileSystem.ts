import { promises as fs } from 'node:fs';
import { MAX_FILE_BYTES, type FileNotRead, type FileSystem } from './fileSystem';

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

export const nodeFileSystem: FileSystem = {
  async readFile(path): Promise<string | undefined | FileNotRead> {
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
