/**
 * Which hosts a workspace holds: every folder that is a host root (an `etc` folder, or a
 * folder with hostname files). Found in the background after start-up, a folder at a time,
 * yielding to the event loop between folders so no request waits on it; kept up to date
 * from file events.
 */
import { URI, Utils } from 'vscode-uri';
import { parseInterfaceFileName } from '../syntax/fileKind';
import type { FileSystem } from './fileSystem';
import { hostRootUri } from './hostModel';

const SKIP = new Set(['.git', 'node_modules', '.svn', '.hg', '.vscode-test', 'dist', 'out']);
const HOST_FILES = new Set(['hosts', 'netmasks', 'inet', 'default']);

export class HostIndex {
  private readonly roots = new Set<string>();
  private scan: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly yieldNow: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  ) {}

  /** Starts (or restarts) the background scan of these folders. */
  start(folders: readonly string[]): Promise<void> {
    const generation = ++this.generation;
    this.roots.clear();
    this.scan = this.walkAll(folders, generation);
    return this.scan;
  }

  /** Resolves when the current scan is done. */
  ready(): Promise<void> {
    return this.scan ?? Promise.resolve();
  }

  hosts(): string[] {
    return [...this.roots].sort();
  }

  /** A file appeared or changed: its host is known from now on. */
  noteFile(uri: string): void {
    const name = URI.parse(uri).path.split('/').pop() ?? '';
    if (parseInterfaceFileName(name) || name === 'hosts' || name === 'netmasks' || name === 'ipnodes' || name === 'mpathd') {
      this.roots.add(hostRootUri(uri));
    }
  }

  private async walkAll(folders: readonly string[], generation: number): Promise<void> {
    const queue = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file');
    while (queue.length > 0) {
      if (generation !== this.generation) return;
      const dir = queue.shift()!;
      // A folder that cannot be listed (or an injected file system that throws) is skipped.
      const entries = await this.fs.listDirectory(dir.fsPath).catch(() => []);
      let isHost = dir.path.endsWith('/etc');
      for (const entry of entries) {
        if (entry.kind === 'directory' && !SKIP.has(entry.name)) queue.push(Utils.joinPath(dir, entry.name));
        if (entry.kind !== 'directory' && parseInterfaceFileName(entry.name)) isHost = true;
      }
      if (isHost && (dir.path.endsWith('/etc') ? entries.some((e) => HOST_FILES.has(e.name) || parseInterfaceFileName(e.name)) : true)) {
        this.roots.add(dir.toString());
      }
      await this.yieldNow();
    }
  }
}
