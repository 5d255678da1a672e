import { promises as fs } from 'node:fs';
import { MAX_FILE_BYTES, type FileSystem } from './fileSystem';

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
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
};
