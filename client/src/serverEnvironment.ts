/**
 * The environment the client starts the language server in: the extension host's, less what
 * only slows the server's start, plus where the server keeps its code cache
 * (server/src/launch.ts). vscode-languageclient copies the host's environment and then these
 * entries over it; Node leaves a variable whose value is undefined out of the child's
 * environment, so an undefined entry removes it.
 */

/**
 * Variables the server never needs. NODE_EXTRA_CA_CERTS: Node 20 reads and parses the whole
 * file (and its own root certificates) as the process starts, 30–50 ms before any of the
 * server runs; the server opens no TLS connection, so the certificates are never used. If it
 * ever makes one, take this out.
 */
export const DROPPED_SERVER_VARIABLES: readonly string[] = ['NODE_EXTRA_CA_CERTS'];

/**
 * Node options the server runs with. --optimize-for-size: V8 keeps its heap near what is live
 * (a young generation of a few MB instead of up to 48, slower heap growth). The server's live
 * heap is small — ~26 MB with a 200,000-line hosts file open — but without the flag the garbage
 * of reading that file and of every edit held its RSS at 165–195 MB; with it ~90 MB, with
 * latencies within their budgets (npm run bench). Its worker threads inherit it, and the code
 * cache is written by a server with the same flags, so V8 accepts it.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--optimize-for-size'];

/** What the client adds to (and takes from) the server's environment; `cacheDir`: a directory of the user's for the code cache. */
export function serverEnvironment(cacheDir: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of DROPPED_SERVER_VARIABLES) env[name] = undefined;
  if (cacheDir !== undefined) env.IPMP_CODE_CACHE_DIR = cacheDir;
  return env;
}
