/**
 * Every file of ours under the workspace folders, as `ipmp-lint <folder>` finds them: folders
 * walked depth first, a folder's files (in name order) before its subfolders, so a host's files
 * come one after the other; `.git`, `node_modules`, `.svn` and `.hg` skipped, symlinked
 * folders not followed, a symlinked file left out when it leads to a file of ours (its target
 * is checked under its own name: `/etc/hosts` -> `inet/hosts`). Yields to the event loop
 * between folders, so a large tree never holds up a request.
 */
import { URI, Utils } from 'vscode-uri';
import { classifyPath, type FileKind } from '../syntax/fileKind';
import type { FileSystem } from './fileSystem';

/** Folders never looked into (the same as ipmp-lint's). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.svn', '.hg']);

export interface WorkspaceFile {
  /** Normalized file URI. */
  readonly uri: string;
  readonly kind: FileKind;
}

export interface WalkOptions {
  /** Called between folders; the walk stops (returning what it found) once it answers true. */
  readonly cancelled?: () => boolean;
  readonly yieldNow?: () => Promise<void>;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The files of ours under `folders` (folder URIs; only `file:` ones are walked). */
export async function workspaceFiles(fs: FileSystem, folders: readonly string[], options: WalkOptions = {}): Promise<WorkspaceFile[]> {
  const yieldNow = options.yieldNow ?? defaultYield;
  const out: WorkspaceFile[] = [];
  const seen = new Set<string>();
  const stack = folders
    .map((f) => URI.parse(f))
    .filter((u) => u.scheme === 'file')
    .reverse();
  while (stack.length > 0) {
    if (options.cancelled?.()) break;
    const dir = stack.pop()!;
    const entries = await fs.listDirectory(dir.fsPath).catch(() => []);
    const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
    const subfolders: URI[] = [];
    for (const entry of sorted) {
      const uri = Utils.joinPath(dir, entry.name);
      if (entry.kind === 'directory') {
        if (!SKIPPED_FOLDERS.has(entry.name)) subfolders.push(uri);
        continue;
      }
      if (entry.kind !== 'file' && entry.kind !== 'symlink') continue;
      const kind = classifyPath(uri.path);
      if (!kind) continue;
      if (entry.kind === 'symlink' && fs.resolveLink) {
        const link = await fs.resolveLink(uri.fsPath);
        // Dangling or a loop: kept, so the check says it could not be read (as ipmp-lint does).
        if (link && !link.isFile) continue;
        if (link && link.target !== uri.fsPath && classifyPath(URI.file(link.target).path)) continue;
      }
      const key = uri.toString();
      if (seen.has(key)) continue; // the same folder open twice, or nested workspace folders
      seen.add(key);
      out.push({ uri: key, kind });
    }
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]!);
    await yieldNow();
  }
  return out;
}

/** Is this file where the walk would find it (under a folder, no skipped folder on the way)? */
export function inWalkedTree(uri: string, folders: readonly string[]): boolean {
  const path = URI.parse(uri).path;
  for (const f of folders) {
    const folder = URI.parse(f);
    if (folder.scheme !== 'file') continue;
    const base = folder.path.replace(/\/$/, '');
    if (!path.startsWith(`${base}/`)) continue;
    const inside = path.slice(base.length + 1).split('/');
    if (!inside.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) return true;
  }
  return false;
}
