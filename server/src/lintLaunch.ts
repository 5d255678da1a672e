/**
 * dist/server/cli.js, the `ipmp-lint` program: a few lines that run the engine's bundle,
 * dist/server/server.js (bundle.ts), which the language server runs too, so that the package
 * ships the engine once. It runs under this file's name: the lint worker threads start this
 * file again (lintWorkers.ts). No code cache: reading the server's made no measurable
 * difference to a CLI start, and a CLI run should not write into the extension's folder.
 */
import * as path from 'node:path';
import { runBundle } from './codeCache';

const bundle = path.join(__dirname, 'server.js');
let loaded = false;
try {
  runBundle({ bundle, module, require, filename: __filename });
  loaded = true;
} catch (error) {
  // cli.js copied without the bundle beside it, or a damaged bundle: a message, not a stack trace.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOENT' ? 'it is missing (cli.js needs server.js beside it)' : error instanceof Error ? error.message : String(error);
  process.stderr.write(`ipmp-lint: cannot load its engine, ${bundle}: ${why}\n`);
  process.exitCode = 2;
}
if (loaded) (module.exports as typeof import('./bundle')).runCli();
