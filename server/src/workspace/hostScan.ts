/**
 * Reading what the workspace symbol index needs of each host, with as few file system calls
 * as the answer allows: one listing per folder (with the kinds of its entries), and only the
 * files that hold workspace symbols — the hosts file in use, inet/ipnodes and the interface
 * files. netmasks, default/mpathd, nodename and captures are never opened; a missing file is
 * known from its folder's listing, not from a failed open.
 *
 * The same code runs over Node's synchronous calls (in slices on the server's thread, or in a
 * worker) and over an injected asynchronous {@link FileSystem}: every call is awaited, and an
 * answer that is already there costs a microtask.
 */
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import type { WorkspaceSymbol } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { hostWorkspaceSymbols } from '../features/symbols';
import { baseName, hostRootOf, parseInterfaceFileName } from '../syntax/fileKind';
import { parseHostnameFile, type HostnameFile } from '../syntax/hostname';
import { parseHosts, type HostsFile } from '../syntax/hosts';
import { MAX_FILE_BYTES, type EntryKind, type FileNotRead, type FileSystem, type ReadResult } from './fileSystem';
import { describeError } from './nodeFileSystem';

export interface FolderEntry {
  readonly name: string;
  readonly kind: EntryKind;
}


/** A file bigger than the caller wanted read now (see {@link ScanDisk.read}). */
export const LEFT_FOR_LATER = Object.freeze({ leftForLater: true as const });
export type LeftForLater = typeof LEFT_FOR_LATER;

/** The file system as the scan uses it; answers may come at once or be promised. */
export interface ScanDisk {
  /** The folder's entries; undefined when it cannot be listed. */
  list(path: string): readonly FolderEntry[] | undefined | Promise<readonly FolderEntry[] | undefined>;
  /**
   * The file's text. `kind` is what the folder's listing said of it, when known (no stat needed
   * for a plain file). Over `laterOver` bytes, when given, it may be left for later instead.
   */
  read(path: string, kind: EntryKind | undefined, laterOver?: number): ReadResult | LeftForLater | Promise<ReadResult | LeftForLater>;
}

/** Folders the walk never enters. */
export const SKIPPED = new Set(['.git', 'node_modules', '.svn', '.hg', '.vscode-test', 'dist', 'out']);
/** Names that make an `etc` folder a host. */
const HOST_FILES = new Set(['hosts', 'netmasks', 'inet', 'default']);

/**
 * Is the folder at `path` (a URI path) a host root by its own listing: an `etc` folder holding
 * a host file, or any folder holding an interface file.
 */
export function isHostFolder(path: string, entries: readonly FolderEntry[]): boolean {
  if (path.endsWith('/etc') || path === 'etc') return entries.some((e) => HOST_FILES.has(e.name) || parseInterfaceFileName(e.name) !== undefined);
  return entries.some((e) => e.kind !== 'directory' && parseInterfaceFileName(e.name) !== undefined);
}

// ---------------------------------------------------------------------------------------
// Node's synchronous calls

/** A plain read fits this buffer (these files are small); a bigger one is read again whole. */
const READ_CHUNK = 64 * 1024;
let chunk: Buffer | undefined;

function readOpenFile(fd: number, laterOver: number): ReadResult | LeftForLater {
  chunk ??= Buffer.allocUnsafe(READ_CHUNK);
  let size = readSync(fd, chunk, 0, READ_CHUNK, 0);
  if (size < READ_CHUNK) return chunk.toString('utf8', 0, size);
  const stat = fstatSync(fd);
  if (!stat.isFile()) return { notRead: 'unreadable', reason: 'not a regular file' };
  if (stat.size > MAX_FILE_BYTES) return { notRead: 'too-large', size: stat.size };
  if (stat.size > laterOver) return LEFT_FOR_LATER;
  let whole = Buffer.allocUnsafe(Math.max(stat.size + 1, READ_CHUNK * 2));
  size = 0;
  for (;;) {
    const n = readSync(fd, whole, size, whole.length - size, size);
    if (n === 0) break;
    size += n;
    if (size > MAX_FILE_BYTES) return { notRead: 'too-large', size };
    if (size === whole.length) {
      const bigger = Buffer.allocUnsafe(whole.length * 2);
      whole.copy(bigger, 0, 0, size);
      whole = bigger;
    }
  }
  const text = whole.toString('utf8', 0, size);
  return text.length > MAX_FILE_BYTES ? { notRead: 'too-large', size } : text;
}

const missing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/**
 * Node's synchronous calls: each costs one system call and no trip through the thread pool,
 * which for thousands of small files is several times faster than the promised ones. Callers
 * keep each run short (a slice of a few milliseconds, or a worker).
 */
export const nodeScanDisk: ScanDisk = {
  list(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).map((e) => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    } catch {
      return undefined;
    }
  },
  read(path, kind, laterOver = Infinity) {
    if (kind === 'directory') return { notRead: 'unreadable', reason: 'a folder' };
    if (kind === 'other') return { notRead: 'unreadable', reason: 'not a regular file' };
    try {
      if (kind !== 'file') {
        // A link (or a name the listing did not show): where it leads decides, and a FIFO is never opened.
        const stat = statSync(path, { throwIfNoEntry: false });
        if (!stat) return undefined;
        if (stat.isDirectory()) return { notRead: 'unreadable', reason: 'a folder' };
        if (!stat.isFile()) return { notRead: 'unreadable', reason: 'not a regular file' };
        if (stat.size > MAX_FILE_BYTES) return { notRead: 'too-large', size: stat.size };
        if (stat.size > laterOver) return LEFT_FOR_LATER;
      }
      // O_NONBLOCK: should a plain file have become a FIFO since the listing, opening it does not wait.
      const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      try {
        return readOpenFile(fd, laterOver);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (missing(error)) return undefined;
      return { notRead: 'unreadable', reason: describeError(error) };
    }
  },
};

/** An injected file system, as the host model reads it (the CLI's and the tests'). */
export function fileSystemScanDisk(fs: FileSystem): ScanDisk {
  return {
    list: (path) =>
      fs.listDirectory(path).then(
        (entries) => entries,
        () => undefined,
      ),
    // The host model reads a file by its name alone; so does this (a folder or FIFO is the file system's to refuse).
    read: (path) => fs.readFile(path).catch((error: unknown) => ({ notRead: 'unreadable' as const, reason: error instanceof Error ? error.message : String(error) })),
  };
}

// ---------------------------------------------------------------------------------------
// One host

/** Open documents: their text wins over the disk's (DESIGN.md "Hosts"). */
export interface OpenTexts {
  /** The open document's text (or `too-large` over the size limit), by normalized URI; undefined when not open. */
  textOf(uri: string): string | FileNotRead | undefined;
  /** Open documents that are interface files of this host root (unsaved ones included). */
  interfacesOf(rootUri: string): Iterable<string>;
}

export const NO_OPEN_TEXTS: OpenTexts = { textOf: () => undefined, interfacesOf: () => [] };

/** Parsers, so an open document's parse can be shared with the host model's cache. */
export interface SymbolParsers {
  parseHostsCached(uri: string, text: string): HostsFile;
  parseHostnameCached(uri: string, text: string): HostnameFile;
}

/**
 * The workspace symbols of one host, packed: a few arrays instead of an object per symbol. A
 * host with more than PART_SIZE symbols (a 200,000-line hosts file) comes in several parts, so
 * none is big to pass between threads or to search between two yields.
 */
export interface HostSymbols {
  readonly rootUri: string;
  /** Which part of the host's symbols this is, from 0; the parts of a host come in order. */
  readonly part: number;
  /** Files the symbols are in. */
  readonly uris: readonly string[];
  readonly names: readonly string[];
  readonly container: string;
  /** Per symbol: kind, index into `uris`, start line, start character, end line, end character. */
  readonly data: Int32Array;
  /** Its hosts file was too big to read in this walk: the host is read again on the server's thread when symbols are asked for. */
  readonly leftForLater?: true;
}

/** Symbols per part of a host. */
export const PART_SIZE = 4096;

const FIELDS = 6;

export function symbolAt(host: HostSymbols, i: number): WorkspaceSymbol {
  const d = host.data;
  const o = i * FIELDS;
  return {
    name: host.names[i]!,
    kind: d[o]! as WorkspaceSymbol['kind'],
    containerName: host.container,
    location: { uri: host.uris[d[o + 1]!]!, range: { start: { line: d[o + 2]!, character: d[o + 3]! }, end: { line: d[o + 4]!, character: d[o + 5]! } } },
  };
}

/** A file name as a URI under a folder URI, as `Utils.joinPath(folder, name).toString()` spells it. */
function childUri(folderUri: string, name: string): string {
  if (/^[\w.~-]+$/.test(name)) return `${folderUri}/${name}`;
  const folder = URI.parse(folderUri);
  return folder.with({ path: `${folder.path}/${name}` }).toString();
}

interface HostInput {
  readonly rootUri: string;
  /** The root folder's path on disk. */
  readonly fsPath: string;
  /** Its listing when known (the walk has it); undefined: list it here. */
  readonly entries?: readonly FolderEntry[];
}

export interface ReadOptions {
  /** Open documents, whose text wins. */
  readonly open?: OpenTexts;
  readonly parsers?: SymbolParsers;
  /** Called between files and every few hundred symbols; the reading yields when it returns a promise. */
  readonly pause?: () => void | Promise<void>;
  /** A hosts file bigger than this is left for later: the host comes back as one empty part, `leftForLater`. */
  readonly hostsLaterOver?: number;
}

/**
 * The files of one host that hold workspace symbols, read as the host model reads them
 * (inet/hosts, else hosts; inet/ipnodes; every interface file of the root, open ones too), and
 * their symbols, in parts.
 */
export async function readHostSymbols(disk: ScanDisk, input: HostInput, options: ReadOptions = {}): Promise<HostSymbols[]> {
  const { open = NO_OPEN_TEXTS, parsers, pause, hostsLaterOver } = options;
  const { rootUri, fsPath } = input;
  const entries = input.entries ?? (await disk.list(fsPath)) ?? [];
  const kinds = new Map<string, EntryKind>();
  for (const e of entries) kinds.set(e.name, e.kind);

  // inet/: listed once when it is a folder; through a link (or unknown), its files are read by name.
  let inet: Map<string, EntryKind> | undefined;
  const inetKind = kinds.get('inet');
  if (inetKind === 'directory') {
    const listed = await disk.list(`${fsPath}/inet`);
    if (listed) inet = new Map(listed.map((e) => [e.name, e.kind]));
  } else if (inetKind !== 'symlink') inet = new Map();

  const load = async (uri: string, path: string, known: Map<string, EntryKind> | undefined, name: string, laterOver?: number): Promise<ReadResult | LeftForLater> => {
    const text = open.textOf(uri);
    if (text !== undefined) return text;
    if (known && !known.has(name)) return undefined;
    const loaded = await disk.read(path, known?.get(name), laterOver);
    await pause?.();
    return loaded;
  };
  const later = [{ rootUri, part: 0, uris: [], names: [], container: '', data: new Int32Array(0), leftForLater: true as const }];

  const inetHostsUri = childUri(rootUri, 'inet/hosts');
  const inetHosts = await load(inetHostsUri, `${fsPath}/inet/hosts`, inet, 'hosts', hostsLaterOver);
  if (inetHosts === LEFT_FOR_LATER) return later;
  let hosts: { uri: string; text: string } | undefined;
  if (typeof inetHosts === 'string') hosts = { uri: inetHostsUri, text: inetHosts };
  else if (inetHosts === undefined) {
    // An unreadable inet/hosts is not replaced by a plain hosts (the host model's lookup order).
    const plainUri = childUri(rootUri, 'hosts');
    const plain = await load(plainUri, `${fsPath}/hosts`, kinds, 'hosts', hostsLaterOver);
    if (plain === LEFT_FOR_LATER) return later;
    if (typeof plain === 'string') hosts = { uri: plainUri, text: plain };
  }
  const ipnodesUri = childUri(rootUri, 'inet/ipnodes');
  const ipnodesText = await load(ipnodesUri, `${fsPath}/inet/ipnodes`, inet, 'ipnodes', hostsLaterOver);
  if (ipnodesText === LEFT_FOR_LATER) return later;

  const interfaceUris = new Map<string, string>();
  for (const e of entries) if (parseInterfaceFileName(e.name)) interfaceUris.set(childUri(rootUri, e.name), e.name);
  for (const uri of open.interfacesOf(rootUri)) if (!interfaceUris.has(uri)) interfaceUris.set(uri, '');
  const interfaces: { uri: string; baseName: string; file: HostnameFile }[] = [];
  for (const [uri, name] of interfaceUris) {
    const base = name || baseName(URI.parse(uri).path);
    const text = await load(uri, `${fsPath}/${base}`, name ? kinds : undefined, base);
    if (typeof text !== 'string') continue;
    interfaces.push({ uri, baseName: base, file: parsers && open.textOf(uri) !== undefined ? parsers.parseHostnameCached(uri, text) : parseHostnameFile(text, { fileName: base }) });
  }
  interfaces.sort((a, b) => a.baseName.localeCompare(b.baseName));

  const parseHostsText = (uri: string, text: string): HostsFile => (parsers && open.textOf(uri) !== undefined ? parsers.parseHostsCached(uri, text) : parseHosts(text));
  const view = {
    rootUri,
    hosts: hosts && { uri: hosts.uri, label: '', file: parseHostsText(hosts.uri, hosts.text) },
    ipnodes: typeof ipnodesText === 'string' ? { uri: ipnodesUri, label: 'inet/ipnodes', file: parseHostsText(ipnodesUri, ipnodesText) } : undefined,
    interfaces,
    newHostsUri: '',
  };
  return packSymbols(rootUri, hostWorkspaceSymbols(view), pause);
}

/** Symbols packed between two calls of `pause`. */
const PAUSE_EVERY = 256;

/** Packs a host's symbols as they come, in parts of PART_SIZE, calling `pause` every PAUSE_EVERY. */
async function packSymbols(rootUri: string, symbols: Iterable<WorkspaceSymbol>, pause?: () => void | Promise<void>): Promise<HostSymbols[]> {
  const parts: HostSymbols[] = [];
  let uris: string[] = [];
  let uriIndex = new Map<string, number>();
  let names: string[] = [];
  let data = new Int32Array(64 * FIELDS);
  let container = '';
  let n = 0;
  const flush = (): void => {
    parts.push({ rootUri, part: parts.length, uris, names, container, data: data.slice(0, n * FIELDS) });
    uris = [];
    uriIndex = new Map();
    names = [];
    n = 0;
  };
  for (const s of symbols) {
    container = s.containerName ?? '';
    const location = s.location as { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    let u = uriIndex.get(location.uri);
    if (u === undefined) {
      u = uris.push(location.uri) - 1;
      uriIndex.set(location.uri, u);
    }
    if ((n + 1) * FIELDS > data.length) {
      const bigger = new Int32Array(data.length * 2);
      bigger.set(data);
      data = bigger;
    }
    const o = n * FIELDS;
    const r = location.range;
    data[o] = s.kind;
    data[o + 1] = u;
    data[o + 2] = r.start.line;
    data[o + 3] = r.start.character;
    data[o + 4] = r.end.line;
    data[o + 5] = r.end.character;
    names.push(s.name);
    if (++n === PART_SIZE) flush();
    if (pause && n % PAUSE_EVERY === 0) await pause();
  }
  // Every host has a part, if only an empty one: it is known as a host.
  if (n > 0 || parts.length === 0) flush();
  return parts;
}

// ---------------------------------------------------------------------------------------
// The walk

export interface ScanOptions {
  /** Called after each folder and file; the walk yields when it resolves to something promised. */
  readonly pause?: () => void | Promise<void>;
  /** Hosts files bigger than this are left for later (see {@link ReadOptions.hostsLaterOver}). */
  readonly hostsLaterOver?: number;
  /** True once the walk should stop (a newer one started). */
  readonly cancelled?: () => boolean;
  /**
   * This walk's share of the work when several walk the same folders: the subfolders of each
   * folder, in name order, taken in turn (`index` of `count`); the folder itself is share 0's.
   */
  readonly share?: { readonly index: number; readonly count: number };
}

/** The host root a folder stands for: itself, or its nearest `etc` above (hostRootOf of a file in it). */
export function effectiveRootPath(folderPath: string): string {
  return hostRootOf(`${folderPath}/hosts`);
}

/**
 * Walks `folders` (file URIs), calling `found` with the symbols (the parts) of every host root
 * found (each once). Links to folders are not followed; SKIPPED folders are not entered. A folder
 * under an `etc` (`etc/old/hostname.ce0`) is no host of its own: its files belong to that
 * `etc`, which is a host when its own listing says so.
 */
export async function scanFolders(disk: ScanDisk, folders: readonly string[], found: (host: HostSymbols[]) => void, options: ScanOptions = {}): Promise<void> {
  const seen = new Set<string>();
  const share = options.share ?? { index: 0, count: 1 };
  // Paths as strings: a URI is made only for a host found.
  const stack: { folder: URI; path: string; fsPath: string; depth: number }[] = [];
  for (const f of folders) {
    const folder = URI.parse(f);
    if (folder.scheme === 'file') stack.push({ folder, path: folder.path, fsPath: folder.fsPath, depth: 0 });
  }
  stack.reverse();
  while (stack.length > 0) {
    if (options.cancelled?.()) return;
    const dir = stack.pop()!;
    // A folder that cannot be listed (or an injected file system that throws) is skipped.
    const entries = (await disk.list(dir.fsPath)) ?? [];
    await options.pause?.();
    const { path } = dir;
    if ((dir.depth > 0 || share.index === 0) && isHostFolder(path, entries) && effectiveRootPath(path) === path) {
      const rootUri = dir.folder.with({ path }).toString();
      if (!seen.has(rootUri)) {
        seen.add(rootUri);
        found(await readHostSymbols(disk, { rootUri, fsPath: dir.fsPath, entries }, { pause: options.pause, hostsLaterOver: options.hostsLaterOver }));
      }
    }
    let subfolders = entries.filter((e) => e.kind === 'directory' && !SKIPPED.has(e.name));
    if (dir.depth === 0 && share.count > 1) subfolders = subfolders.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).filter((_, i) => i % share.count === share.index);
    const base = path.endsWith('/') ? path.slice(0, -1) : path;
    const fsBase = /[\\/]$/.test(dir.fsPath) ? dir.fsPath.slice(0, -1) : dir.fsPath;
    for (let i = subfolders.length - 1; i >= 0; i--) {
      const name = subfolders[i]!.name;
      stack.push({ folder: dir.folder, path: `${base}/${name}`, fsPath: `${fsBase}/${name}`, depth: dir.depth + 1 });
    }
  }
}
