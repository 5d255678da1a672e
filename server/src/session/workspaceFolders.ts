/**
 * The workspace folders, and what the server works out from them: a file's paths for
 * `solarisIpmp.ignore`, the fallback hosts file, and a host's name as the user knows it.
 */
import { URI, Utils } from 'vscode-uri';
import type { Settings } from '../features/settings';
import { parseUri } from '../syntax/uri';

export class WorkspaceFolders {
  private folders: readonly string[] = [];

  /** The folders' URIs. */
  get uris(): readonly string[] {
    return this.folders;
  }

  /** The folders named at initialize; a client without folders may still name a root. */
  initialize(folders: readonly string[], rootUri: string | null | undefined): void {
    this.folders = folders.length === 0 && rootUri ? [rootUri] : folders;
  }

  changed(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added];
  }

  /** The document's path relative to each workspace folder that holds it. */
  relativePaths(uri: string): string[] {
    const path = parseUri(uri).path;
    return this.folders
      .map((f) => parseUri(f).path.replace(/\/$/, ''))
      .filter((folder) => path.startsWith(`${folder}/`))
      .map((folder) => path.slice(folder.length + 1));
  }

  /** The fallback hosts file as a URI: absolute, or relative to the document's workspace folder. */
  fallbackHostsUri(uri: string, settings: Settings): string | undefined {
    const file = settings.fallbackHostsFile.trim();
    if (!file) return undefined;
    if (file.startsWith('/')) return URI.file(file).toString();
    const path = parseUri(uri).path;
    const folder = this.folders.find((f) => path.startsWith(`${parseUri(f).path.replace(/\/$/, '')}/`)) ?? this.folders[0];
    return folder ? Utils.joinPath(parseUri(folder), file).toString() : undefined;
  }

  /** The host root as the user knows it: relative to its workspace folder (`web1/etc`). */
  label(rootUri: string): string | undefined {
    const path = URI.parse(rootUri).path;
    for (const f of this.folders) {
      const folder = URI.parse(f).path.replace(/\/$/, '');
      if (path === folder) return URI.parse(f).path.split('/').filter(Boolean).pop();
      if (path.startsWith(`${folder}/`)) return path.slice(folder.length + 1);
    }
    return undefined;
  }
}
