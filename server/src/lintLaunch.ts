/**
 * dist/server/cli.js, the `ipmp-lint` program: a few lines that run the engine's bundle,
 * dist/server/server.js (bundle.ts), which the language server runs too, so that the package
 * ships the engine once. It runs under this file's name: the lint worker threads start this
 * file again (lintWorkers.ts). No code cache: reading the server's made no measurable
 * difference to a CLI start, and a CLI run should not write into the extension's folder.
 */
import * as path from 'node:path';
import { runBundle } from './codeCache';

runBundle({ bundle: path.join(__dirname, 'server.js'), module, require, filename: __filename });
(module.exports as typeof import('./bundle')).runCli();
