/**
 * Runs a CommonJS bundle with a V8 code cache, so that a process starting the language server
 * does not compile the same 600 KB of JavaScript again each time (Node 20 has no
 * module.enableCompileCache). The bundle is compiled with vm.Script, given the cache's
 * bytecode when there is a usable one; after the server has been up a while the bytecode it
 * compiled is written back for the next start.
 *
 * A cache is used only when it was made from this very bundle by this very runtime: its first
 * bytes are a header holding the SHA-1 of the bundle's bytes, the Node and V8 versions and the
 * architecture, and V8 checks its own version and flags on top (it rejects what does not fit).
 * Anything else — a missing, unreadable, stale or rejected cache — means compiling as without
 * a cache, and a fresh cache is written in place of the old. Writing is best-effort: a
 * read-only or missing directory, a full disk, another process writing at the same time
 * change nothing but the next start's speed (a cache file appears whole, by rename, or not).
 *
 * The cache holds code that runs: it belongs only in a directory as trusted as the bundle
 * itself (beside it, or one of the user's own that the editor gives), never a shared one
 * such as /tmp.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Changes when the layout of a cache file changes: older files are then stale. */
const FORMAT = 'ipmp-code-cache 1';

/** How the bundle was compiled. */
export type CacheOutcome =
  /** No cache directory: compiled from source, nothing will be written. */
  | 'off'
  /** No cache file (or it could not be read): compiled from source. */
  | 'missing'
  /** The cache file is for another bundle, runtime or format: compiled from source. */
  | 'stale'
  /** V8 refused the cache (its flags, or a damaged file): compiled from source. */
  | 'rejected'
  /** Compiled from the cache. */
  | 'used';

export interface RunOptions {
  /** The CommonJS bundle to run. */
  readonly bundle: string;
  /** Where its cache file is read and written; undefined: no cache. */
  readonly cacheDir?: string;
  /** What the bundle sees as `module`, `require`, `__filename` and `__dirname`. */
  readonly module: NodeJS.Module;
  readonly require: NodeJS.Require;
  readonly filename: string;
}

export interface RanBundle {
  readonly outcome: CacheOutcome;
  /** The cache file, when there is a cache directory. */
  readonly cacheFile: string | undefined;
  /**
   * Writes the bytecode compiled so far as the cache, unless the cache in use already is
   * one (outcome 'used') or there is no cache directory. True when a file was written.
   * Never throws.
   */
  writeCache(): boolean;
}

/** The cache file for a bundle in a directory: one per bundle, replaced when it goes stale. */
export function cacheFileOf(bundle: string, cacheDir: string): string {
  return path.join(cacheDir, `${path.basename(bundle, '.js')}.v8cache`);
}

/** The bytes a cache of this bundle, for this runtime, starts with. */
export function cacheHeader(bundleBytes: Uint8Array): Buffer {
  const hash = createHash('sha1').update(bundleBytes).digest('hex');
  return Buffer.from(`${FORMAT}\n${hash}\n${process.version} ${process.versions.v8} ${process.platform} ${process.arch}\n`, 'latin1');
}

/** The bytecode in a cache file, when the file exists and was made for `header`. */
function readCache(file: string, header: Buffer): { data: Buffer | undefined; stale: boolean } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { data: undefined, stale: false };
  }
  if (bytes.length <= header.length || !bytes.subarray(0, header.length).equals(header)) return { data: undefined, stale: true };
  return { data: bytes.subarray(header.length), stale: false };
}

/** Writes `bytes` as `file` whole or not at all (another process may be reading it). */
function writeWhole(file: string, parts: readonly Uint8Array[]): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat(parts), { mode: 0o644 });
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Never written.
    }
    return false;
  }
}

// The bundle runs as Node runs a CommonJS module: in a function of these five. The head is a
// line of its own (lineOffset -1), so a stack trace's lines and columns are the bundle's.
const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';

/** Compiles and runs `options.bundle` (see the module's comment). Its exports end up in `options.module.exports`. */
export function runBundle(options: RunOptions): RanBundle {
  const bytes = fs.readFileSync(options.bundle);
  const cacheFile = options.cacheDir === undefined ? undefined : cacheFileOf(options.bundle, options.cacheDir);
  const header = cacheFile === undefined ? undefined : cacheHeader(bytes);
  const cached = cacheFile === undefined ? undefined : readCache(cacheFile, header!);
  const script = new vm.Script(HEAD + bytes.toString('utf8') + TAIL, {
    filename: options.bundle,
    lineOffset: -1,
    ...(cached?.data ? { cachedData: cached.data } : {}),
  });
  const outcome: CacheOutcome =
    cacheFile === undefined ? 'off' : cached?.data ? (script.cachedDataRejected ? 'rejected' : 'used') : cached?.stale ? 'stale' : 'missing';
  let written = false;
  const ran: RanBundle = {
    outcome,
    cacheFile,
    writeCache(): boolean {
      if (written || outcome === 'used' || outcome === 'off') return false;
      written = true;
      let data: Buffer;
      try {
        data = script.createCachedData();
      } catch {
        return false;
      }
      return writeWhole(cacheFile!, [header!, data]);
    },
  };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;
  const { module } = options;
  wrapper.call(module.exports, module.exports, options.require, module, options.filename, path.dirname(options.filename));
  return ran;
}
