/**
 * ipmp-language-server: the language server over --stdio (or --node-ipc / --socket=N),
 * usable from any LSP client. Part of dist/server/server.js (bundle.ts), which
 * dist/server/main.js (launch.ts) runs through a V8 code cache; its worker threads start main.js too.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { isHostCheckWorker } from './hostCheckWorker';
import { isFileReaderWorker } from './workspace/fileReaderWorker';
import { isHostScanWorker } from './workspace/hostScanWorker';

/**
 * Serves LSP on the transport the command line names, or prints the usage. Called by the
 * launcher (dist/server/main.js) in every thread it starts: a worker thread of this bundle walks
 * the workspace for the index (workspace/hostScanWorker.ts) or reads files or checks hosts for
 * Check All Hosts (workspace/fileReaderWorker.ts, hostCheckWorker.ts), and serves nothing.
 */
export function runLanguageServer(): void {
  const args = process.argv.slice(2);
  const transports = ['--stdio', '--node-ipc'];
  if (args.includes('--help') || args.includes('-h') || !args.some((a) => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    const out = args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr;
    out.write(
      'Usage: ipmp-language-server --stdio\n' +
        '       ipmp-language-server --node-ipc | --socket=<port> | --pipe=<name>\n\n' +
        'The Solaris IPMP language server (hostname.<if>, hosts, netmasks, default/mpathd).\n\n' +
        'It keeps a V8 code cache of itself, for faster starts, in $IPMP_CODE_CACHE_DIR if set,\n' +
        'else beside itself (nowhere if that is read-only).\n',
    );
    process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
  }
  if (!isHostScanWorker && !isFileReaderWorker && !isHostCheckWorker) startServer(createConnection(ProposedFeatures.all));
}
