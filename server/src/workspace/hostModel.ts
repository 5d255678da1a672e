/**
 * The host model (DESIGN.md "Hosts"): which files belong to which host, read from open
 * documents first and disk second. Everything is loaded lazily and cached; the server
 * invalidates entries when documents change or watched files change on disk.
 */
import { Utils } from 'vscode-uri';
import { childUri, isPlainFileUri, normalizeUri, parseUri, uriBaseName } from '../syntax/uri';
import { ipnodesSearchedFirst, type Release } from '../catalog/releases';
import { baseName, dirName, hostRootOf, parseInterfaceFileName } from '../syntax/fileKind';
import { parseHostnameFile, type HostnameFile } from '../syntax/hostname';
import { HostsFile, parseHosts } from '../syntax/hosts';
import { parseNetmasks, type NetmasksFile } from '../syntax/netmasks';
import { parseMpathd, type MpathdFile } from '../syntax/mpathd';
import { createNameLookup, type NameLookup, type NameSource } from '../engine/names';
import { PROJECT_CONFIG_FILE, parseProjectConfig, type ProjectConfigRead } from '../features/projectConfig';
import type { UnreadFile } from '../features/hostView';
import { IFCONFIG_CAPTURE_NAMES, IPMPSTAT_CAPTURE_NAMES, parseIfconfigCapture, parseIpmpstatCapture, type IfconfigCapture, type IpmpstatCapture } from '../syntax/capture';
import { MAX_FILE_BYTES, isNotRead, type FileSystem, type ReadResult } from './fileSystem';
import type { SegmentedText } from '../syntax/text';

export interface OpenDocuments {
  /** The text of an open document, by normalized URI. */
  textOf(uri: string): string | undefined;
  /** URIs of all open documents. */
  uris(): Iterable<string>;
  /** A big open document's text as segments (read without joining it), by normalized URI. */
  segmentsOf?(uri: string): SegmentedText | undefined;
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
  /** default/mpathd: in.mpathd's settings. */
  readonly mpathd?: HostFile<MpathdFile>;
  /** The text of the host's nodename file, when it has one (it decides the boot's RARP step). */
  readonly nodename?: string;
  readonly interfaces: readonly InterfaceFile[];
  /** Where a hosts file is created when the host has none. */
  readonly newHostsUri: string;
  /** Files that exist but were not read: over the size limit, or unreadable. */
  readonly unread: readonly UnreadFile[];
  /** Captures of the running system beside the host's etc/ (README "Drift"). */
  readonly live?: LiveCaptures;
}

export interface LiveCaptures {
  readonly ifconfig?: HostFile<IfconfigCapture>;
  readonly ipmpstat?: HostFile<IpmpstatCapture>;
}

/**
 * Where a host's captures of the running system live: beside its `etc` directory (in the
 * folder that holds `etc`), or in the host folder itself when it is not named `etc`.
 */
export function liveCaptureDir(rootUri: string): string {
  const root = parseUri(rootUri);
  return (/\/etc$/.test(root.path) ? Utils.dirname(root) : root).toString();
}

/** The host roots a capture file belongs to (the `etc` beside it, and its own folder). */
export function hostRootsOfCapture(uri: string): string[] | undefined {
  const parsed = parseUri(uri);
  const name = baseName(parsed.path);
  if (!IFCONFIG_CAPTURE_NAMES.includes(name) && !IPMPSTAT_CAPTURE_NAMES.includes(name)) return undefined;
  const dir = Utils.dirname(parsed);
  return [Utils.joinPath(dir, 'etc').toString(), dir.toString()];
}

export { normalizeUri };

/** The normalized URI of a host's root directory for a file URI. */
export function hostRootUri(uri: string): string {
  if (isPlainFileUri(uri)) return `file://${hostRootOf(uri.slice('file://'.length))}`;
  const parsed = parseUri(uri);
  return parsed.with({ path: hostRootOf(parsed.path) }).toString();
}

const WINDOWS = typeof process !== 'undefined' && process.platform === 'win32';

/** The file system path of a file URI (undefined for other schemes); a plain one is its path as it stands. */
export function filePathOf(uri: string): string | undefined {
  if (!WINDOWS && isPlainFileUri(uri)) return uri.slice('file://'.length);
  const parsed = parseUri(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export class HostModel {
  private readonly disk = new Map<string, Promise<ReadResult>>();
  private readonly listings = new Map<string, Promise<string[]>>();
  private readonly hostsCache = new Map<string, { text: string | SegmentedText; file: HostsFile }>();
  private readonly hostnameCache = new Map<string, { text: string; file: HostnameFile }>();
  private readonly netmasksCache = new Map<string, { text: string; file: NetmasksFile }>();
  private readonly mpathdCache = new Map<string, { text: string; file: MpathdFile }>();
  /**
   * Snapshots by host root, release and fallback hosts file: every document of a host shares
   * one (and the analysis made on it) until a file of the host changes.
   */
  private readonly snapshots = new Map<string, { rootUri: string; fallback?: string; pending: Promise<HostSnapshot> }>();

  constructor(
    private readonly fs: FileSystem,
    private readonly documents: OpenDocuments,
  ) {}

  private readonly projectConfigs = new Map<string, { text: string; read: ProjectConfigRead }>();

  /**
   * The project file that applies in each folder asked about, by folder URI: every file of a
   * host asks, and a walk up six folders per file was a tenth of what Check All Hosts allocated.
   * Forgotten when anything on disk changes, when a project file's document changes, and with
   * the host (release).
   */
  private readonly projectConfigByFolder = new Map<string, Promise<(ProjectConfigRead & { readonly uri: string }) | undefined>>();

  /**
   * The project file (.ipmp-lint.json) that applies to a file: the nearest one in its folder or
   * a folder above. Read through the same cache as every other file (an open editor's text first).
   */
  projectConfig(uri: string): Promise<(ProjectConfigRead & { readonly uri: string }) | undefined> {
    const key = normalizeUri(uri);
    const folder = key.slice(0, key.lastIndexOf('/'));
    let pending = this.projectConfigByFolder.get(folder);
    if (!pending) {
      pending = this.findProjectConfig(key);
      this.projectConfigByFolder.set(folder, pending);
    }
    return pending;
  }

  private async findProjectConfig(key: string): Promise<(ProjectConfigRead & { readonly uri: string }) | undefined> {
    const parsed = parseUri(key);
    if (parsed.scheme !== 'file') return undefined;
    let dir = Utils.dirname(parsed);
    for (;;) {
      const candidate = Utils.joinPath(dir, PROJECT_CONFIG_FILE).toString();
      const loaded = await this.load(candidate);
      if (typeof loaded === 'string') {
        const cached = this.projectConfigs.get(candidate);
        if (cached && cached.text === loaded) return { uri: candidate, ...cached.read };
        const read = parseProjectConfig(loaded, dir.path);
        this.projectConfigs.set(candidate, { text: loaded, read });
        return { uri: candidate, ...read };
      }
      if (loaded !== undefined) return { uri: candidate, problems: [`${PROJECT_CONFIG_FILE} could not be read (${loaded.reason ?? loaded.notRead}): it is not used`] };
      const parent = Utils.dirname(dir);
      if (parent.path === dir.path) return undefined;
      dir = parent;
    }
  }

  /** Forget what disk said about a file (and its directory listing), and the snapshots it is in. */
  invalidate(uri: string): void {
    const key = normalizeUri(uri);
    this.disk.delete(key);
    // A project file (or a folder holding one) came, went or changed.
    this.projectConfigByFolder.clear();
    const parsed = parseUri(key);
    this.listings.delete(Utils.dirname(parsed).toString());
    if (parsed.scheme === 'file') this.fs.changed?.(parsed.fsPath);
    this.forgetSnapshots(key);
  }

  /** An open document changed (or opened, or closed): the snapshots holding its host are stale. */
  documentChanged(uri: string): void {
    const key = normalizeUri(uri);
    if (key.endsWith(`/${PROJECT_CONFIG_FILE}`)) this.projectConfigByFolder.clear();
    this.forgetSnapshots(key);
  }

  invalidateAll(): void {
    this.disk.clear();
    this.projectConfigByFolder.clear();
    this.listings.clear();
    this.snapshots.clear();
  }

  /**
   * Forgets everything read and parsed for a host — its files' texts and parses, its folders'
   * listings and those of the folder it is in, its snapshots — as if never asked for: the next
   * request reads it from disk again. For a host none of whose documents is open, once Check All
   * Hosts is done with it, so that checking a tree of 5,000 hosts does not keep all of them.
   */
  release(rootUri: string): void {
    const inside = `${rootUri}/`;
    const parent = dirName(rootUri);
    const beside = `${parent}/`;
    // The host's own files and folders, and what lies directly beside its etc (the captures of
    // the running system, read with it).
    const mine = (key: string): boolean =>
      key === rootUri || key.startsWith(inside) || (key.startsWith(beside) && !key.includes('/', beside.length));
    for (const cache of [this.disk, this.listings, this.hostsCache, this.hostnameCache, this.netmasksCache, this.mpathdCache, this.captureCache, this.projectConfigByFolder]) {
      for (const key of cache.keys()) if (mine(key)) cache.delete(key);
    }
    this.listings.delete(parent);
    for (const [key, s] of this.snapshots) if (s.rootUri === rootUri) this.snapshots.delete(key);
  }

  private forgetSnapshots(uri: string): void {
    const roots = new Set([hostRootUri(uri), ...(hostRootsOfCapture(uri) ?? [])]);
    for (const [key, s] of this.snapshots) if (roots.has(s.rootUri) || s.fallback === uri) this.snapshots.delete(key);
  }

  /** Captures given by hand (`ipmp-lint --live <file>`), by host root, in place of those beside etc/. */
  private readonly liveOverrides = new Map<string, { ifconfig?: string; ipmpstat?: string }>();

  setLiveCapture(rootUri: string, files: { ifconfig?: string; ipmpstat?: string }): void {
    this.liveOverrides.set(normalizeUri(rootUri), files);
    this.forgetSnapshots(Utils.joinPath(parseUri(rootUri), 'x').toString());
  }

  /** The host's captures of the running system, read like any other file of it. */
  private async readLive(rootUri: string): Promise<LiveCaptures | undefined> {
    const override = this.liveOverrides.get(rootUri);
    const dir = parseUri(liveCaptureDir(rootUri));
    // One listing of the folder (cached) instead of a read per candidate name: most hosts have none.
    const present = new Set(override ? [] : await this.list(dir.toString()));
    for (const open of this.documents.uris()) if (Utils.dirname(parseUri(open)).toString() === dir.toString()) present.add(baseName(parseUri(open).path));
    const first = async (names: readonly string[], given: string | undefined): Promise<{ uri: string; label: string; text: string } | undefined> => {
      const candidates = given ? [given] : names.filter((n) => present.has(n)).map((n) => Utils.joinPath(dir, n).toString());
      for (const uri of candidates) {
        const text = await this.text(uri);
        if (text !== undefined) return { uri, label: baseName(parseUri(uri).path), text };
      }
      return undefined;
    };
    const [ifconfig, ipmpstat] = await Promise.all([
      first(IFCONFIG_CAPTURE_NAMES, override?.ifconfig),
      override?.ifconfig && !override.ipmpstat ? Promise.resolve(undefined) : first(IPMPSTAT_CAPTURE_NAMES, override?.ipmpstat),
    ]);
    if (!ifconfig && !ipmpstat) return undefined;
    return {
      ifconfig: ifconfig && { uri: ifconfig.uri, label: ifconfig.label, file: this.parseCached(ifconfig.uri, ifconfig.text, parseIfconfigCapture) },
      ipmpstat: ipmpstat && { uri: ipmpstat.uri, label: ipmpstat.label, file: this.parseCached(ipmpstat.uri, ipmpstat.text, parseIpmpstatCapture) },
    };
  }

  private readonly captureCache = new Map<string, { text: string; file: unknown }>();

  private parseCached<T>(uri: string, text: string, parse: (text: string) => T): T {
    const cached = this.captureCache.get(uri);
    if (cached && cached.text === text) return cached.file as T;
    const file = parse(text);
    this.captureCache.set(uri, { text, file });
    return file;
  }

  /** The host's snapshot, shared until one of its files changes (see `snapshot`). */
  cachedSnapshot(uri: string, release: Release, fallbackHostsUri?: string): Promise<HostSnapshot> {
    const rootUri = hostRootUri(uri);
    const key = `${rootUri}\0${release}\0${fallbackHostsUri ?? ''}`;
    let entry = this.snapshots.get(key);
    if (!entry) {
      entry = { rootUri, fallback: fallbackHostsUri, pending: this.snapshot(uri, release, fallbackHostsUri) };
      this.snapshots.set(key, entry);
      const mine = entry;
      // A failed read is not kept.
      entry.pending.catch(() => {
        if (this.snapshots.get(key) === mine) this.snapshots.delete(key);
      });
    }
    return entry.pending;
  }

  /** The file's text, or undefined when it is missing or was not read. */
  async text(uri: string): Promise<string | undefined> {
    const loaded = await this.load(uri);
    return isNotRead(loaded) ? undefined : loaded;
  }

  /**
   * The file's text (an open document's first), undefined when it does not exist, or why it
   * was not read. An open document over the size limit counts as not read, as on disk: the
   * checks of the files that use it must not cost what it would.
   */
  async load(uri: string): Promise<ReadResult> {
    const key = normalizeUri(uri);
    const open = this.documents.textOf(key);
    if (open !== undefined) {
      // The open text wins: what disk said is not kept beside it (a big hosts file twice).
      this.disk.delete(key);
      return open.length > MAX_FILE_BYTES ? { notRead: 'too-large', size: open.length } : open;
    }
    let pending = this.disk.get(key);
    if (!pending) {
      const file = filePathOf(key);
      pending =
        file !== undefined
          ? // An injected file system that throws must not take the host down with it.
            this.fs.readFile(file).catch((error: unknown) => ({ notRead: 'unreadable' as const, reason: error instanceof Error ? error.message : String(error) }))
          : Promise.resolve(undefined);
      this.disk.set(key, pending);
    }
    return pending;
  }

  private async list(dirUri: string): Promise<string[]> {
    let pending = this.listings.get(dirUri);
    if (!pending) {
      const dir = filePathOf(dirUri);
      pending = dir !== undefined ? this.fs.readDirectory(dir).catch(() => []) : Promise.resolve([]);
      this.listings.set(dirUri, pending);
    }
    return pending;
  }

  /**
   * The hosts parse of this text, cached per file. Segments of a big open document are parsed
   * from the last version's: only the segments an edit touched are new.
   */
  parseHostsCached(uri: string, text: string | SegmentedText): HostsFile {
    const cached = this.hostsCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    // Segments are reused from the document's last version only: reused from a parse of the disk's
    // text, they would keep that whole text alive beside the document's (their words are slices of it).
    const file = typeof text === 'string' ? parseHosts(text) : HostsFile.ofSegments(text, typeof cached?.text === 'string' ? undefined : cached?.file);
    // A big file read whole (from disk) gets its did-you-mean index with its first check, not at
    // the first typo; an open document's segments build theirs as they are asked (an edit, one).
    if (typeof text === 'string' && file.segmentedText) file.prepareNear();
    this.hostsCache.set(uri, { text, file });
    return file;
  }

  /** An open document held as segments, when it is within the size limit. */
  private openSegments(uri: string): SegmentedText | undefined {
    const key = normalizeUri(uri);
    const segments = this.documents.segmentsOf?.(key);
    if (!segments || segments.length > MAX_FILE_BYTES) return undefined;
    // The open document wins: what disk said is not kept beside it (a big hosts file twice).
    this.disk.delete(key);
    return segments;
  }

  parseHostnameCached(uri: string, text: string): HostnameFile {
    const cached = this.hostnameCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    const file = parseHostnameFile(text, { fileName: uriBaseName(uri) });
    this.hostnameCache.set(uri, { text, file });
    return file;
  }

  /** The netmasks parse of this text when the host model holds it, else a new one (cached). */
  parseNetmasksCached(uri: string, text: string): NetmasksFile {
    const cached = this.netmasksCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    const file = parseNetmasks(text);
    this.netmasksCache.set(uri, { text, file });
    return file;
  }

  parseMpathdCached(uri: string, text: string): MpathdFile {
    const cached = this.mpathdCache.get(uri);
    if (cached && cached.text === text) return cached.file;
    const file = parseMpathd(text);
    this.mpathdCache.set(uri, { text, file });
    return file;
  }

  private async readNetmasks(rootUri: string, label: string, unread: UnreadFile[]): Promise<HostFile<NetmasksFile> | undefined> {
    const uri = childUri(rootUri, label);
    const text = await this.loadNoting(uri, label, 'netmasks', unread);
    if (text === undefined) return undefined;
    return { uri, label, file: this.parseNetmasksCached(uri, text) };
  }

  private async readHostFile(rootUri: string, label: string, role: 'hosts' | 'ipnodes', unread: UnreadFile[]): Promise<HostFile<HostsFile> | undefined> {
    const uri = childUri(rootUri, label);
    const segments = this.openSegments(uri);
    if (segments) return { uri, label, file: this.parseHostsCached(uri, segments) };
    const text = await this.loadNoting(uri, label, role, unread);
    if (text === undefined) return undefined;
    return { uri, label, file: this.parseHostsCached(uri, text) };
  }

  /** The text, or undefined; a file there but not read is noted in `unread`. */
  private async loadNoting(uri: string, label: string, role: UnreadFile['role'], unread: UnreadFile[]): Promise<string | undefined> {
    const loaded = await this.load(uri);
    if (!isNotRead(loaded)) return loaded;
    unread.push({ uri, label, role, ...loaded });
    return undefined;
  }

  /** Everything the rules of one host need, for the host of `uri`. */
  async snapshot(uri: string, release: Release, fallbackHostsUri?: string): Promise<HostSnapshot> {
    const rootUri = hostRootUri(uri);
    // What each candidate file left unread, sorted out below by lookup order.
    const found: Record<'inetHosts' | 'hosts' | 'ipnodes' | 'inetNetmasks' | 'netmasks', UnreadFile[]> = {
      inetHosts: [],
      hosts: [],
      ipnodes: [],
      inetNetmasks: [],
      netmasks: [],
    };
    const mpathdUri = childUri(rootUri, 'default/mpathd');
    const [inetHosts, plainHosts, ipnodes, inetNetmasks, plainNetmasks, entries, mpathdText, nodename, live] = await Promise.all([
      this.readHostFile(rootUri, 'inet/hosts', 'hosts', found.inetHosts),
      this.readHostFile(rootUri, 'hosts', 'hosts', found.hosts),
      this.readHostFile(rootUri, 'inet/ipnodes', 'ipnodes', found.ipnodes),
      this.readNetmasks(rootUri, 'inet/netmasks', found.inetNetmasks),
      this.readNetmasks(rootUri, 'netmasks', found.netmasks),
      this.list(rootUri),
      this.text(mpathdUri),
      this.text(childUri(rootUri, 'nodename')),
      this.readLive(rootUri),
    ]);
    const mpathd: HostFile<MpathdFile> | undefined = mpathdText === undefined ? undefined : { uri: mpathdUri, label: 'default/mpathd', file: this.parseMpathdCached(mpathdUri, mpathdText) };
    // Lookup order (inet/ before the plain name): an unread file counts where it stands, so
    // an unreadable inet/hosts is not silently replaced by an old plain hosts.
    const unread: UnreadFile[] = [...found.ipnodes];
    let hosts: HostFile<HostsFile> | undefined;
    if (inetHosts) hosts = inetHosts;
    else if (found.inetHosts.length) unread.push(...found.inetHosts);
    else if (plainHosts) hosts = plainHosts;
    else unread.push(...found.hosts);
    const hostsUnread = unread.some((u) => u.role === 'hosts');
    if (!hosts && !hostsUnread && fallbackHostsUri) {
      const label = parseUri(fallbackHostsUri).path;
      const text = this.openSegments(fallbackHostsUri) ?? (await this.loadNoting(fallbackHostsUri, label, 'hosts', unread));
      if (text !== undefined) hosts = { uri: fallbackHostsUri, label, file: this.parseHostsCached(fallbackHostsUri, text) };
    }
    let netmasks: HostFile<NetmasksFile> | undefined;
    if (inetNetmasks) netmasks = inetNetmasks;
    else if (found.inetNetmasks.length) unread.push(...found.inetNetmasks);
    else if (plainNetmasks) netmasks = plainNetmasks;
    else unread.push(...found.netmasks);

    // Up to Solaris 10 11/06 ipnodes is a file of its own, searched before hosts (§5.2).
    const ipnodesFirst = ipnodesSearchedFirst(release);
    const sources: NameSource[] = [];
    if (ipnodes && ipnodesFirst) sources.push({ uri: ipnodes.uri, label: ipnodes.label, file: ipnodes.file, kind: 'ipnodes' });
    if (hosts) sources.push({ uri: hosts.uri, label: hosts.label, file: hosts.file, kind: 'hosts' });
    const names = createNameLookup(sources);

    // Interface files: on disk in the host root, plus open ones not yet saved.
    const interfaceUris = new Set<string>();
    for (const name of entries) {
      if (parseInterfaceFileName(name)) interfaceUris.add(childUri(rootUri, name));
    }
    for (const open of this.documents.uris()) {
      if (hostRootUri(open) === rootUri && parseInterfaceFileName(uriBaseName(open))) interfaceUris.add(open);
    }
    const interfaces: InterfaceFile[] = [];
    await Promise.all(
      [...interfaceUris].map(async (u) => {
        const name = uriBaseName(u);
        const text = await this.loadNoting(u, name, 'interface', unread);
        if (text !== undefined) interfaces.push({ uri: u, baseName: name, file: this.parseHostnameCached(u, text) });
      }),
    );
    interfaces.sort((a, b) => a.baseName.localeCompare(b.baseName));
    unread.sort((a, b) => a.label.localeCompare(b.label));

    return {
      rootUri,
      hosts,
      ipnodes,
      names,
      netmasks,
      mpathd,
      nodename,
      interfaces,
      newHostsUri: childUri(rootUri, 'hosts'),
      unread,
      live,
    };
  }
}
