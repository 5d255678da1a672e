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

/** What the client adds to (and takes from) the server's environment; `cacheDir`: a directory of the user's for the code cache. */
export function serverEnvironment(cacheDir: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of DROPPED_SERVER_VARIABLES) env[name] = undefined;
  if (cacheDir !== undefined) env.IPMP_CODE_CACHE_DIR = cacheDir;
  return env;
}
