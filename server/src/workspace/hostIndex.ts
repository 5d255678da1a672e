/**
 * The workspace's hosts and their workspace symbols (groups, host names, interfaces), held in
 * memory so workspace/symbol answers without reading a file. Built after start-up by worker
 * threads (hostScanWorker.ts), so this thread stays free for requests; kept up to date a host
 * at a time — from file events at once, from open-document edits when symbols are next asked
 * for — and as workspace folders come and go. Work on this thread runs in slices of a few
 * milliseconds between which every other request gets in.
 */
import { availableParallelism } from 'node:os';
import type { CancellationToken, WorkspaceSymbol } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { baseName, parseInterfaceFileName } from '../syntax/fileKind';
import { MAX_FILE_BYTES, type FileNotRead, type FileSystem } from './fileSystem';
import { hostRootUri, normalizeUri } from './hostModel';
import {
  SKIPPED,
  effectiveRootPath,
  fileSystemScanDisk,
  isHostFolder,
  nodeScanDisk,
  readHostSymbols,
  scanFolders,
  symbolAt,
  type HostSymbols,
  type OpenTexts,
  type ScanDisk,
  type SymbolParsers,
} from './hostScan';
import { ScanWorkers } from './hostScanWorker';
import { nodeFileSystem } from './nodeFileSystem';

/** An open document, as the server's document manager holds it. */
export interface OpenDocument {
  readonly uri: string;
  getText(): string;
}

/** The document manager's events (vscode-languageserver's TextDocuments fits). */
export interface DocumentEvents {
  onDidOpen(listener: (event: { readonly document: OpenDocument }) => void): unknown;
  onDidChangeContent(listener: (event: { readonly document: OpenDocument }) => void): unknown;
  onDidClose(listener: (event: { readonly document: OpenDocument }) => void): unknown;
}

export interface HostIndexOptions {
  /** How the index lets other work in between slices; default setImmediate. */
  readonly yieldNow?: () => Promise<void>;
  /** Open documents: their text wins over the disk's, and edits to them change the index. */
  readonly documents?: DocumentEvents;
  /** Parses of open documents, shared with the host model's caches. */
  readonly parsers?: SymbolParsers;
  /** Worker threads for the first walk of Node's file system; 0 walks in this thread. */
  readonly threads?: number;
  /** A tree with at most this many folders in its top two levels is walked in this thread all the same (default SMALL_TREE_FOLDERS). */
  readonly smallTreeFolders?: number;
}

/** Work between two yields: short enough that a request arriving meanwhile is answered in time (DESIGN.md "Budgets"). */
const SLICE_MS = 4;
/**
 * Worker threads for the first walk: two (one on a single core). The walk is bound by system
 * calls; on two cores a third worker made it slower, not faster (scripts/bench/index.mjs).
 */
const DEFAULT_THREADS = Math.min(2, availableParallelism());

/**
 * A workspace with at most this many folders in its top two levels is walked on this thread, in
 * slices: a worker thread costs ~25 ms to start and 10–20 MB of memory (its own engine and copy of
 * the bundle), more than walking a few hosts.
 */
export const SMALL_TREE_FOLDERS = 48;

/** Whether the folders hold few enough sub-folders (two levels down) to be walked without workers. */
async function smallTree(disk: ScanDisk, folders: readonly string[], limit: number): Promise<boolean> {
  let seen = 0;
  let level = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  for (let depth = 0; depth < 2 && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      for (const e of (await disk.list(dir)) ?? []) {
        if (e.kind !== 'directory' || SKIPPED.has(e.name)) continue;
        if (++seen > limit) return false;
        next.push(`${dir}/${e.name}`);
      }
    }
    level = next;
  }
  return true;
}

/**
 * A hosts file bigger than this (about 25,000 lines) is not read by the first walk: its host is
 * read on this thread, in slices, when workspace symbols are first asked for. The walk stays
 * short, and a server opened on one host with a 200,000-line hosts file does no index work
 * while the user types.
 */
export const BIG_HOSTS_BYTES = 1024 * 1024;

const setImmediateYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** File names whose change can change a host's symbols, or whether a folder is a host. */
function concernsHosts(name: string): boolean {
  return parseInterfaceFileName(name) !== undefined || name === 'hosts' || name === 'ipnodes' || name === 'netmasks' || name === 'mpathd';
}

/**
 * matchScore (features/symbols.ts) of a lower-cased name and query: a prefix 3, a substring 2,
 * a subsequence 1, else 0 — with the lower-casing done once and native searches instead of a
 * loop over characters (a query runs over every symbol of the workspace).
 */
function fitOf(name: string, query: string): number {
  if (query === '') return 1;
  if (name.startsWith(query)) return 3;
  if (name.includes(query)) return 2;
  let at = -1;
  for (let k = 0; k < query.length; k++) {
    at = name.indexOf(query[k]!, at + 1);
    if (at === -1) return 0;
  }
  return 1;
}

/**
 * A host part's names lower-cased, with what lets a search pass over the part, or over most of
 * its names, without a search in each name: made when the part is indexed and kept with it.
 */
interface SearchableNames {
  readonly lower: readonly string[];
  /** Every lower-cased name after a newline (no name holds one): one native search finds a prefix or a substring in any of them. */
  readonly joined: string;
  /** The characters the names hold, as a {@link charMask}. */
  readonly mask: number;
  /** Each name's {@link charMask}. */
  readonly masks: Int32Array;
}

/**
 * A bit per letter, one for the digits, one each for `-` and `.`, one for anything else: a name
 * holds a query as a subsequence (and so as a prefix or substring) only if its mask holds the query's.
 */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= c >= 97 && c <= 122 ? 1 << (c - 97) : c >= 48 && c <= 57 ? 1 << 26 : c === 45 ? 1 << 27 : c === 46 ? 1 << 28 : 1 << 29;
  }
  return mask;
}

const searchable = new WeakMap<HostSymbols, SearchableNames>();
function searchableNames(host: HostSymbols): SearchableNames {
  let names = searchable.get(host);
  if (!names) {
    const lower = host.names.map((n) => n.toLowerCase());
    const masks = new Int32Array(lower.length);
    let mask = 0;
    for (let i = 0; i < lower.length; i++) mask |= masks[i] = charMask(lower[i]!);
    names = { lower, joined: lower.length ? `\n${lower.join('\n')}` : '', mask, masks };
    searchable.set(host, names);
  }
  return names;
}

export class HostIndex {
  /** For walks: Node's synchronous calls (in workers, or in slices), or the injected file system. */
  private readonly disk: ScanDisk;
  /**
   * For reading one host again on this thread: promised calls, so a big file (a 200,000-line
   * hosts file is 8.5 MB) is never read while a request waits.
   */
  private readonly hostDisk: ScanDisk;
  private readonly yieldNow: () => Promise<void>;
  private readonly parsers: SymbolParsers | undefined;
  /** Each host's symbols, in parts. */
  private readonly byRoot = new Map<string, HostSymbols[]>();
  /** Every part of every host in root order (the order answers list ties in), rebuilt after a change. */
  private ordered: HostSymbols[] | undefined;
  private folders: string[] = [];
  /** Folders walked to the end since they were added. */
  private readonly walked = new Set<string>();
  private toWalk: string[] = [];
  private generation = 0;
  /** Host roots to read again (changed on disk): read in the background. */
  private readonly dirty = new Set<string>();
  /** Host roots whose open documents changed: read again only when symbols are asked for. */
  private readonly stale = new Set<string>();
  private work: Promise<void> | undefined;
  private readonly open = new Map<string, OpenDocument>();
  /** Worker threads for the first walk (0: walk in this thread). */
  private readonly threads: number;
  private readonly smallTreeFolders: number;
  private stopWalk: (() => void) | undefined;

  constructor(fs: FileSystem, options: HostIndexOptions | (() => Promise<void>) = {}) {
    const o: HostIndexOptions = typeof options === 'function' ? { yieldNow: options } : options;
    this.disk = fs === nodeFileSystem ? nodeScanDisk : fileSystemScanDisk(fs);
    this.hostDisk = fileSystemScanDisk(fs);
    this.yieldNow = o.yieldNow ?? setImmediateYield;
    this.parsers = o.parsers;
    this.threads = o.threads ?? DEFAULT_THREADS;
    this.smallTreeFolders = o.smallTreeFolders ?? SMALL_TREE_FOLDERS;
    o.documents?.onDidOpen((e) => this.documentChanged(e.document, true));
    o.documents?.onDidChangeContent((e) => this.documentChanged(e.document, true));
    o.documents?.onDidClose((e) => this.documentChanged(e.document, false));
  }

  /**
   * Indexes these workspace folders (file URIs) in the background: hosts of folders no longer
   * listed go, folders not yet walked are walked. Resolves when the index is complete.
   */
  start(folders: readonly string[]): Promise<void> {
    this.generation++;
    this.stopWalk?.();
    const now = new Set(folders);
    for (const f of this.walked) if (!now.has(f)) this.walked.delete(f);
    this.folders = [...folders];
    let removed = false;
    for (const root of this.byRoot.keys()) {
      if (!this.inTree(root)) {
        this.byRoot.delete(root);
        removed = true;
      }
    }
    if (removed) this.ordered = undefined;
    this.toWalk = this.folders.filter((f) => !this.walked.has(f));
    return this.kick();
  }

  /** Resolves once the index holds every host of the workspace as it is now (pending edits included). */
  async ready(): Promise<void> {
    for (const root of this.stale) this.dirty.add(root);
    this.stale.clear();
    if (this.dirty.size > 0) this.kick();
    while (this.work) await this.work;
  }

  /** Host roots (URIs), sorted. */
  hosts(): string[] {
    return [...this.byRoot.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Workspace symbols matching `query`, best first (a prefix, then a substring, then a
   * subsequence; ties in host and file order), at most `limit` — once the index is complete.
   */
  async symbols(query: string, limit: number, token?: CancellationToken): Promise<WorkspaceSymbol[]> {
    await this.ready();
    // The client asked again (the user typed on) while the index was being completed.
    if (token?.isCancellationRequested) return [];
    const cap = Math.max(0, limit);
    const q = query.toLowerCase();
    // Three buckets by score (prefix 3, substring 2, subsequence 1), each in index order.
    const buckets: [HostSymbols, number][][] = [[], [], [], []];
    const filled = q === '' ? 1 : 3;
    // The hosts as they are now: an update while this search yields replaces entries, not these.
    const hosts = this.hostsInOrder();
    const qMask = charMask(q);
    const [, subsequences, substrings] = buckets;
    let sliceStart = performance.now();
    for (const host of hosts) {
      const { lower, joined, mask, masks } = searchableNames(host);
      // A part is passed over whole when it holds no match that could still be taken: none
      // holds the query's characters, or the buckets it could fill are full and one native
      // search finds no substring (then no prefix either) or no prefix in it.
      const passed =
        q !== '' &&
        ((mask & qMask) !== qMask || (subsequences!.length >= cap && (substrings!.length >= cap ? !joined.includes(`\n${q}`) : !joined.includes(q))));
      for (let i = 0; i < lower.length && !passed; i++) {
        if ((masks[i]! & qMask) !== qMask) continue;
        const score = fitOf(lower[i]!, q);
        if (score > 0 && buckets[score]!.length < cap) buckets[score]!.push([host, i]);
      }
      // With `limit` best-kind matches found, nothing later can displace them.
      if (buckets[filled]!.length >= cap) break;
      if (performance.now() - sliceStart >= SLICE_MS) {
        await this.yieldNow();
        if (token?.isCancellationRequested) return [];
        sliceStart = performance.now();
      }
    }
    if (token?.isCancellationRequested) return [];
    const out: WorkspaceSymbol[] = [];
    for (const score of [3, 2, 1]) {
      for (const [host, i] of buckets[score]!) {
        if (out.length >= cap) return out;
        out.push(symbolAt(host, i));
      }
    }
    return out;
  }

  /** A file changed on disk (created, changed or deleted): its host is read again. */
  fileChanged(uri: string, deleted = false): void {
    const key = normalizeUri(uri);
    const parsed = URI.parse(key);
    if (parsed.scheme !== 'file') return;
    if (concernsHosts(baseName(parsed.path))) {
      this.dirty.add(hostRootUri(key));
    } else if (deleted) {
      // A folder, perhaps: the hosts under it are read again (and go with it).
      for (const root of this.byRoot.keys()) if (root === key || root.startsWith(`${key}/`)) this.dirty.add(root);
    } else return;
    this.kick();
  }

  /**
   * An open document opened, changed or closed: its host is read again when symbols are next
   * asked for. Typing costs nothing here; a 200,000-line hosts file is not parsed again for the
   * index on every keystroke.
   */
  private documentChanged(document: OpenDocument, isOpen: boolean): void {
    const key = normalizeUri(document.uri);
    if (isOpen) this.open.set(key, document);
    else this.open.delete(key);
    const parsed = URI.parse(key);
    if (parsed.scheme !== 'file' || !concernsHosts(baseName(parsed.path))) return;
    this.stale.add(hostRootUri(key));
  }

  private readonly openTexts: OpenTexts = {
    textOf: (uri): string | FileNotRead | undefined => {
      const doc = this.open.get(uri);
      if (!doc) return undefined;
      const text = doc.getText();
      return text.length > MAX_FILE_BYTES ? { notRead: 'too-large', size: text.length } : text;
    },
    interfacesOf: (rootUri) => [...this.open.keys()].filter((uri) => parseInterfaceFileName(baseName(URI.parse(uri).path)) && hostRootUri(uri) === rootUri),
  };

  private hostsInOrder(): HostSymbols[] {
    if (!this.ordered) {
      const roots = [...this.byRoot.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.ordered = roots.flatMap((root) => this.byRoot.get(root)!);
    }
    return this.ordered;
  }

  /** A part of a host's symbols: the first one replaces what the index held of the host. */
  private putPart(part: HostSymbols): void {
    if (!this.inTree(part.rootUri)) return;
    const parts = part.part === 0 ? undefined : this.byRoot.get(part.rootUri);
    if (parts) parts.push(part);
    else this.byRoot.set(part.rootUri, [part]);
    this.ordered = undefined;
    // Its hosts file is big (a 200,000-line one): read here, in slices, when symbols are asked for.
    if (part.leftForLater) this.stale.add(part.rootUri);
    // Made now, a part at a time, rather than all at the first search.
    searchableNames(part);
  }

  private put(parts: readonly HostSymbols[]): void {
    for (const part of parts) this.putPart(part);
  }

  /** Is this host root where the walk finds hosts (under a folder, no skipped folder on the way)? */
  private inTree(rootUri: string): boolean {
    const path = URI.parse(rootUri).path;
    for (const f of this.folders) {
      const folder = URI.parse(f);
      if (folder.scheme !== 'file') continue;
      const base = folder.path.replace(/\/$/, '');
      if (path === base) return true;
      if (!path.startsWith(`${base}/`)) continue;
      if (!path.slice(base.length + 1).split('/').some((part) => SKIPPED.has(part))) return true;
    }
    return false;
  }

  private startWorkers(): ScanWorkers | undefined {
    try {
      return new ScanWorkers(this.threads, BIG_HOSTS_BYTES);
    } catch {
      // No worker threads here: the walk runs in this thread.
      return undefined;
    }
  }

  /** Runs the pending work (walks, then hosts to read again) unless it is running already. */
  private kick(): Promise<void> {
    this.work ??= this.run().finally(() => {
      this.work = undefined;
    });
    return this.work;
  }

  private async run(): Promise<void> {
    // Whatever else this turn brings (a storm of file events) is gathered first.
    await this.yieldNow();
    let sliceStart = performance.now();
    const pause = (): Promise<void> | undefined => {
      if (performance.now() - sliceStart < SLICE_MS) return undefined;
      return this.yieldNow().then(() => {
        sliceStart = performance.now();
      });
    };
    for (;;) {
      if (this.toWalk.length > 0) {
        const folders = this.toWalk;
        this.toWalk = [];
        const generation = this.generation;
        await this.walk(folders, generation, pause);
        if (generation === this.generation) {
          for (const f of folders) this.walked.add(f);
          // The walk read the disk: hosts with open documents are read again with their text.
          for (const uri of this.open.keys()) if (concernsHosts(baseName(URI.parse(uri).path))) this.stale.add(hostRootUri(uri));
        }
        continue;
      }
      const root = this.dirty.values().next();
      if (root.done) return;
      this.dirty.delete(root.value);
      await this.reread(root.value, pause);
      await pause();
    }
  }

  /**
   * Walks folders: in worker threads when reading Node's file system (this thread stays free),
   * else — or when a worker fails — here, in slices.
   */
  private async walk(folders: readonly string[], generation: number, pause: () => Promise<void> | undefined): Promise<void> {
    const current = (): boolean => generation === this.generation;
    const found = (part: HostSymbols): void => {
      if (current()) this.putPart(part);
    };
    if (this.disk === nodeScanDisk && this.threads > 0 && !(await smallTree(this.disk, folders, this.smallTreeFolders))) {
      const workers = this.startWorkers();
      if (workers) {
        const scan = workers.scan(folders, found);
        this.stopWalk = scan.stop;
        const ok = await scan.done;
        this.stopWalk = undefined;
        if (ok || !current()) return;
      }
    }
    await scanFolders(this.disk, folders, (parts) => parts.forEach(found), { pause, cancelled: () => !current(), hostsLaterOver: BIG_HOSTS_BYTES });
  }

  /** Reads a host again; it goes when its folder is no longer a host (or gone). */
  private async reread(rootUri: string, pause: () => Promise<void> | undefined): Promise<void> {
    const root = URI.parse(rootUri);
    const entries = this.inTree(rootUri) ? await this.hostDisk.list(root.fsPath) : undefined;
    if (!entries || !isHostFolder(root.path, entries) || effectiveRootPath(root.path) !== root.path) {
      if (this.byRoot.delete(rootUri)) this.ordered = undefined;
      return;
    }
    this.put(await readHostSymbols(this.hostDisk, { rootUri, fsPath: root.fsPath, entries }, { open: this.openTexts, parsers: this.parsers, pause }));
  }
}
