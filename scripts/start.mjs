// `npm start`: build and package the extension, install it into a fresh code-server (VS Code
// 1.100 in the browser) and open the example workspace. Runs until Ctrl+C, then stops the whole
// code-server process group.
//
//   npm start                          examples/ (edits are saved there)
//   npm start -- --folder ~/my-hosts   any folder, e.g. a copy of a server's /etc tree
//   npm start -- --port 8080           a fixed port (default: a free one)
//   npm start -- --vsix my.vsix        an existing VSIX instead of building one
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureVscodeEnvironment } from './vscode/install.mjs';
import { ROOT, startCodeServer } from './vscode/harness.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function die(message) {
  console.error(`\n[start] ${message}`);
  process.exit(1);
}

const folder = path.resolve(option('--folder') ?? path.join(ROOT, 'examples'));
if (!existsSync(folder)) die(`no folder ${folder}`);
const port = option('--port') ? Number(option('--port')) : undefined;

let vsix = option('--vsix') && path.resolve(option('--vsix'));
if (!vsix) {
  console.log('[start] npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) die(`npm run package exited with ${r.status ?? r.signal}`);
  vsix = path.join(ROOT, 'solaris-ipmp.vsix');
}
if (!existsSync(vsix)) die(`no VSIX at ${vsix}`);

const env = ensureVscodeEnvironment({ browser: false });
if (!env.ok) die(env.reason);

const server = await startCodeServer({ name: 'start', folder, vsix, port, quiet: true }).catch((e) =>
  die(`code-server did not start: ${e.message}`),
);
const url = server.folderUrl();
console.log(`
  Solaris IPMP in VS Code ${'(code-server 4.100.3)'} is running:

      ${url}

  Open it in a browser on this machine (over SSH: ssh -L ${server.port}:127.0.0.1:${server.port} <host>).
  Folder: ${folder}
  Server log: ${path.relative(ROOT, server.logFile)} (written when it stops)
  VS Code desktop instead: code --install-extension ${path.relative(process.cwd(), vsix) || vsix}

  Ctrl+C stops it.
`);
// The harness stops the process group on SIGINT/SIGTERM; if code-server dies on its own, so do we.
const code = await server.exited;
if (!server.stopRequested) {
  await server.stop();
  die(`code-server exited on its own (${code}); its log: ${path.relative(ROOT, server.logFile)}`);
}
