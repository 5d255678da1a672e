// Installs what the real-VS-Code test layer needs, once, and is cheap to run again:
//   - Debian packages chromium, ripgrep, libkrb5-dev (apt-get, only when missing and running as root)
//   - code-server 4.100.3 (= VS Code 1.100.3) into .vscode-test/code-server/ (ignored by git),
//     outside the project's own dependencies, so `npm ci` stays fast.
// Recipe and the reasons for every trick below: /work/shared/recipes/REAL-VSCODE.md
//
// Usage: node scripts/vscode/install.mjs        (exit 0 = ready, 1 = failed, 2 = cannot install here)
// As a module: `await ensureVscodeEnvironment()` -> { ok, codeServer, chromium, reason }
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VSCODE_TEST_DIR = path.join(ROOT, '.vscode-test');
export const CODE_SERVER_DIR = path.join(VSCODE_TEST_DIR, 'code-server');
// IPMP_CODE_SERVER_BIN: use this code-server entry instead of the one installed here (never
// installed or replaced by this script) — e.g. to check that a code-server that does not start
// makes the layer report "could not run" (exit 2), not a test failure.
export const CODE_SERVER_BIN = process.env.IPMP_CODE_SERVER_BIN
  ? path.resolve(process.env.IPMP_CODE_SERVER_BIN)
  : path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';
const MARKER = path.join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`);

// Debian package -> how we tell it is present. libkrb5-dev is only needed to build code-server.
const PACKAGES = [
  { name: 'chromium', present: () => existsSync(CHROMIUM) },
  { name: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
  { name: 'libkrb5-dev', present: () => dpkgInstalled('libkrb5-dev') || existsSync(MARKER) },
];

const log = (msg) => console.log(`[vscode-install] ${msg}`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function dpkgInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

const HOW_TO_INSTALL_BY_HAND = (missing) => [
  `Missing Debian packages: ${missing.join(', ')}.`,
  `Install them as root, then run this again:`,
  `    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
  `Everything but the real-VS-Code layer runs without them:`,
  `    npm run test:unit && npm run build && npm run test:lsp && npm run test:grammar`,
].join('\n');

/**
 * apt-get installs the missing packages when root; returns { ok, reason }.
 * `browser: false` leaves chromium out (`npm start` needs no browser of ours).
 */
export function ensureSystemPackages({ browser = true } = {}) {
  const wanted = PACKAGES.filter((p) => browser || p.name !== 'chromium');
  const missing = wanted.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) {
    log(`Debian packages present: ${wanted.map((p) => p.name).join(', ')}`);
    return { ok: true };
  }
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot() || !hasApt) {
    return {
      ok: false,
      cannotInstallHere: true,
      reason: (hasApt ? '' : 'No apt-get on this machine. ') + HOW_TO_INSTALL_BY_HAND(missing),
    };
  }
  const t0 = Date.now();
  log(`installing Debian packages: ${missing.join(', ')} (chromium takes about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    run('apt-get', ['update', '-q'], { env });
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  } catch (e) {
    return { ok: false, reason: `apt-get failed: ${e.message}\n${HOW_TO_INSTALL_BY_HAND(missing)}` };
  }
  const still = wanted.filter((p) => !p.present()).map((p) => p.name);
  if (still.length) return { ok: false, reason: `still missing after apt-get: ${still.join(', ')}` };
  log(`Debian packages installed in ${secs(t0)}`);
  return { ok: true };
}

/** Seeds @vscode/ripgrep's download cache with Debian's rg so its postinstall never goes to GitHub. */
function seedRipgrepCache(tmpDir) {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[os.arch()];
  if (!target) throw new Error(`no ripgrep cache recipe for arch ${os.arch()}`);
  // The versions code-server 4.100.3 pulls in; extra entries cost nothing.
  for (const pkgVersion of ['1.15.11']) {
    const cache = path.join(tmpDir, `vscode-ripgrep-cache-${pkgVersion}`);
    mkdirSync(cache, { recursive: true });
    const tarball = path.join(cache, `ripgrep-v13.0.0-10-${target}.tar.gz`);
    if (existsSync(tarball)) continue;
    const stage = path.join(tmpDir, 'rg-stage');
    mkdirSync(stage, { recursive: true });
    writeFileSync(path.join(stage, 'rg'), readFileSync('/usr/bin/rg'), { mode: 0o755 });
    run('tar', ['czf', tarball, '-C', stage, 'rg']);
  }
}

/** Installs code-server once into .vscode-test/code-server; returns { ok, reason }. */
export function ensureCodeServer() {
  if (process.env.IPMP_CODE_SERVER_BIN) {
    if (existsSync(CODE_SERVER_BIN)) {
      log(`code-server: ${CODE_SERVER_BIN} (IPMP_CODE_SERVER_BIN)`);
      return { ok: true };
    }
    return { ok: false, reason: `IPMP_CODE_SERVER_BIN=${process.env.IPMP_CODE_SERVER_BIN}: no such file` };
  }
  if (existsSync(MARKER) && existsSync(CODE_SERVER_BIN)) {
    log(`code-server ${CODE_SERVER_VERSION} already installed (${path.relative(ROOT, CODE_SERVER_DIR)})`);
    return { ok: true };
  }
  if (!existsSync('/usr/bin/rg')) return { ok: false, reason: 'ripgrep (/usr/bin/rg) is needed to install code-server' };
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CODE_SERVER_DIR)} (about 70 s, 300 MB)`);
  // A half-finished earlier attempt is thrown away: the marker is written last.
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'solaris-ipmp-code-server', private: true, description: 'test harness only' }, null, 2) + '\n',
  );
  const tmpDir = path.join(VSCODE_TEST_DIR, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  try {
    seedRipgrepCache(tmpDir);
    const env = {
      ...process.env,
      TMPDIR: tmpDir, // where @vscode/ripgrep looks for its cache
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would prompt
      // build native modules against Debian's /usr/include/node (no header download)
      ...(existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    const args = ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`];
    if (isRoot()) args.push('--unsafe-perm');
    run('npm', args, { cwd: CODE_SERVER_DIR, env });
  } catch (e) {
    return { ok: false, reason: `installing code-server failed: ${e.message}` };
  }
  if (!existsSync(CODE_SERVER_BIN)) return { ok: false, reason: `code-server installed but ${CODE_SERVER_BIN} is missing` };
  const rgMissing = findRipgrepBins(path.join(CODE_SERVER_DIR, 'node_modules')).filter((p) => !existsSync(p));
  if (rgMissing.length) return { ok: false, reason: `ripgrep binary missing in ${rgMissing.join(', ')}` };
  writeFileSync(MARKER, `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${secs(t0)}`);
  return { ok: true };
}

function findRipgrepBins(dir, depth = 0, out = []) {
  if (depth > 12 || !existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const p = path.join(dir, entry.name);
    if (entry.name === 'ripgrep' && path.basename(dir) === '@vscode') out.push(path.join(p, 'bin', 'rg'));
    else findRipgrepBins(p, depth + 1, out);
  }
  return out;
}

/** Both steps; { ok, codeServer, chromium, reason, cannotInstallHere }. Never throws. */
export function ensureVscodeEnvironment({ browser = true } = {}) {
  const t0 = Date.now();
  let result = ensureSystemPackages({ browser });
  if (result.ok) result = ensureCodeServer();
  log(`${result.ok ? 'ready' : 'NOT ready'} after ${secs(t0)}`);
  return { ...result, codeServer: CODE_SERVER_BIN, chromium: CHROMIUM };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = ensureVscodeEnvironment();
  if (!result.ok) {
    console.error(`\n[vscode-install] ${result.reason}`);
    process.exit(result.cannotInstallHere ? 2 : 1);
  }
}
