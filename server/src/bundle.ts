/**
 * dist/server/server.js: the one copy of the engine in the package. Two launchers of a few lines
 * run it: dist/server/main.js, the language server (launch.ts), and dist/server/cli.js,
 * ipmp-lint (lintLaunch.ts), each through codeCache.runBundle with its own file name, so that
 * the worker threads a program starts run its launcher again. Each program's modules are
 * required when it starts: ipmp-lint never sets up the LSP library (~30 ms of a start), and
 * the worker modules (hostScanWorker, fileReaderWorker, hostCheckWorker, lintWorkers) load with
 * their program, see their flag in workerData and do their work instead.
 */
export function runLanguageServer(): void {
  (require('./main') as typeof import('./main')).runLanguageServer();
}

export function runCli(): void {
  (require('./cli') as typeof import('./cli')).runCli();
}
