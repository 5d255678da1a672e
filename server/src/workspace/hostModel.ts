/**
 * The host model (DESIGN.md "Hosts"): which files belong to which host, read from open
 * documents first and disk second. Everything is loaded lazily and cached; the server
 * invalidates entries when documents change or watched files change on disk.
 */
import { URI, Utils } from 'vscode-uri';
import { RELEASES, type Release } from '../catalog/releases';
import { baseName, hostRootOf, parseInterfaceFileName } from '../syntax/fileKind';
import { parseHostnameFile, type HostnameFile } from '../syntax/hostname';
import { parseHosts, type HostsFile } from '../syntax/hosts';
import { parseNetmasks, type NetmasksFile } from '../syntax/netmasks';
import { createNameLookup, type NameLookup, type NameSource } from '../rules/names';
import type { FileSystem } from './fileSystem';

export interface OpenDocuments {
  /** The text of an open document, by normalized URI. */
  textOf(uri: string): string | undefined;
  /** URIs of all open documents. */
  uris(): Iterable<string>;
}

export interface InterfaceFile {
  readonly uri: string;
  readonly baseName: string;
  readonly file: HostnameFile;
}

export interface HostFile<T> {
  readonly uri: string;
  /** Path inside the host: `inet/hosts`, `hosts`. */
  readonly label: string;
  readonly file: T;
}

export interface HostSnapshot {
  readonly rootUri: string;
  readonly hosts?: HostFile<HostsFile>;
  readonly ipnodes?: HostFile<HostsFile>;
  readonly names?: NameLookup;
  readonly netmasks?: HostFile<NetmasksFile>;
  readonly interfaces: readonly InterfaceFile[];
  /** Where a hosts file is created when the host has none. */
  readonly newHostsUri: string;
}

export function normalizeUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** The normalized URI of a host's root directory for a file URI. */
export function hostRootUri(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.with({ path: hostRootOf(parsed.path) }).toString();
}

export class HostModel {
  private readonly disk = new Map<string, Promise<string | undefined>>();
  private readonly listings = new Map<string, Promise<string[]>>();
  private readonly hostsCache = new Map<string, { text: string; file: HostsFile }>();
  private readonly hostnameCache = new Map<string, { text: string; file: HostnameFile }>();
  private readonly netmasksCache = new Map<string, { text: string; file: NetmasksFile }>();

  constructor(
    private readonly fs: FileSystem,
    private readonly documents: OpenDocuments,
  ) {}

  /** Forget what disk said about a file (and its directory listing). */
  invalidate(uri: string): void {
    const key = normalizeUri(uri);
    this.disk.delete(key);
    this.listings.delete(Utils.dirname(URI.parse(key)).toString());
  }

  invalidateAll(): void {
    this.disk.clear();
    this.listings.clear();
  }

  async text(uri: string): Promise<string | undefined> {
    const key = normalizeUri(uri);
    const open = this.documents.textOf(key);
    if (open !== undefined) return open;
    let pending = this.disk.get(key);
    if (!pending) {
      const parsed = URI.parse(key);
      pending = parsed.scheme === 'file' ? this.fs.readFile(parsed.fsPath) : Promise.resolve(undefined);
      this.disk.set(key, pending);
    }
    return pending;
  }

  private async list(dirUri: string): Promise<string[]> {
    let pending = this.listings.get(dirUri);
    if (!pending) {
      const parsed = URI.parse(dirUri);
      pending = parsed.scheme === 'file' ? this.fs.readDirectory(parsed.fsPath) : Promise.resolve([]);
      this.listings.set(dirUri, pending);
    }
    return pending;
  }

  parseHostsCached(uri: string, text: string): HostsFile {
    const cached = this.hostsCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    const file = parseHosts(text);
    this.hostsCache.set(uri, { text, file });
    return file;
  }

  parseHostnameCached(uri: string, text: string): HostnameFile {
    const cached = this.hostnameCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    const file = parseHostnameFile(text, { fileName: baseName(URI.parse(uri).path) });
    this.hostnameCache.set(uri, { text, file });
    return file;
  }

  private async readNetmasks(rootUri: string, label: string): Promise<HostFile<NetmasksFile> | undefined> {
    const uri = Utils.joinPath(URI.parse(rootUri), label).toString();
    const text = await this.text(uri);
    if (text === undefined) return undefined;
    const cached = this.netmasksCache.get(uri);
    if (cached && cached.text === text) return { uri, label, file: cached.file };
    const file = parseNetmasks(text);
    this.netmasksCache.set(uri, { text, file });
    return { uri, label, file };
  }

  private async readHostFile(rootUri: string, label: string): Promise<HostFile<HostsFile> | undefined> {
    const uri = Utils.joinPath(URI.parse(rootUri), label).toString();
    const text = await this.text(uri);
    if (text === undefined) return undefined;
    return { uri, label, file: this.parseHostsCached(uri, text) };
  }

  /** Everything the rules of one host need, for the host of `uri`. */
  async snapshot(uri: string, release: Release, fallbackHostsUri?: string): Promise<HostSnapshot> {
    const rootUri = hostRootUri(uri);
    const root = URI.parse(rootUri);
    const [inetHosts, plainHosts, ipnodes, inetNetmasks, plainNetmasks, entries] = await Promise.all([
      this.readHostFile(rootUri, 'inet/hosts'),
      this.readHostFile(rootUri, 'hosts'),
      this.readHostFile(rootUri, 'inet/ipnodes'),
      this.readNetmasks(rootUri, 'inet/netmasks'),
      this.readNetmasks(rootUri, 'netmasks'),
      this.list(rootUri),
    ]);
    let hosts = inetHosts ?? plainHosts;
    if (!hosts && fallbackHostsUri) {
      const text = await this.text(fallbackHostsUri);
      if (text !== undefined) hosts = { uri: fallbackHostsUri, label: URI.parse(fallbackHostsUri).path, file: this.parseHostsCached(fallbackHostsUri, text) };
    }
    const netmasks = inetNetmasks ?? plainNetmasks;

    // Up to Solaris 10 11/06 ipnodes is a file of its own, searched before hosts (§5.2).
    const ipnodesFirst = RELEASES.indexOf(release) <= RELEASES.indexOf('s10-early');
    const sources: NameSource[] = [];
    if (ipnodes && ipnodesFirst) sources.push({ ...ipnodes, kind: 'ipnodes' });
    if (hosts) sources.push({ ...hosts, kind: 'hosts' });
    const names = createNameLookup(sources);

    // Interface files: on disk in the host root, plus open ones not yet saved.
    const interfaceUris = new Set<string>();
    for (const name of entries) {
      if (parseInterfaceFileName(name)) interfaceUris.add(Utils.joinPath(root, name).toString());
    }
    for (const open of this.documents.uris()) {
      const parsed = URI.parse(open);
      if (hostRootUri(open) === rootUri && parseInterfaceFileName(baseName(parsed.path))) interfaceUris.add(open);
    }
    const interfaces: InterfaceFile[] = [];
    await Promise.all(
      [...interfaceUris].map(async (u) => {
        const text = await this.text(u);
        if (text !== undefined) interfaces.push({ uri: u, baseName: baseName(URI.parse(u).path), file: this.parseHostnameCached(u, text) });
      }),
    );
    interfaces.sort((a, b) => a.baseName.localeCompare(b.baseName));

    return {
      rootUri,
      hosts,
      ipnodes,
      names,
      netmasks,
      interfaces,
      newHostsUri: Utils.joinPath(root, 'hosts').toString(),
    };
  }
}
