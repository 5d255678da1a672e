/**
 * dist/server/main.js, what editors start (`node dist/server/main.js --stdio`, or the VS Code
 * client's fork): a few lines that run the engine's bundle, dist/server/server.js (bundle.ts),
 * as the language server, through a V8 code cache (codeCache.ts), so that a start does not spend
 * ~30 ms compiling it again. The worker threads of the server start this file too, and read
 * the same cache; only the main thread writes it.
 *
 * The cache lives in $IPMP_CODE_CACHE_DIR when set (the VS Code client sets the extension's
 * global storage), else beside the bundle; it is written ~2 s after a start that found none
 * that fits (or at exit, if sooner), and never elsewhere.
 */
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { runBundle } from './codeCache';

/** Late enough that initialize, the first diagnostics and the index's start are in the cache. */
const WRITE_CACHE_AFTER_MS = 2000;

const ran = runBundle({
  bundle: path.join(__dirname, 'server.js'),
  cacheDir: process.env.IPMP_CODE_CACHE_DIR || __dirname,
  module,
  require,
  filename: __filename,
});
(module.exports as typeof import('./bundle')).runLanguageServer();
if (isMainThread && ran.outcome !== 'used') {
  const write = (): void => void ran.writeCache();
  setTimeout(write, WRITE_CACHE_AFTER_MS).unref();
  process.once('exit', write);
}
