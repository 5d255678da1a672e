// Bundles the client and the language server with esbuild.
// `--production` minifies and drops source maps (what the VSIX ships).
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const configs = [
  {
    ...common,
    entryPoints: { 'client/extension': 'client/src/extension.ts' },
    external: ['vscode'],
    outdir: 'dist',
  },
  {
    ...common,
    // The two programs' launchers: server/main, the language server editors start (launch.ts,
    // through a V8 code cache), and server/cli, ipmp-lint (lintLaunch.ts). Both run server/server.
    entryPoints: { 'server/main': 'server/src/launch.ts', 'server/cli': 'server/src/lintLaunch.ts' },
    banner: { js: '#!/usr/bin/env node' },
    outdir: 'dist',
  },
  {
    ...common,
    // The engine, once for both programs (server/src/bundle.ts), run by their launchers, not by
    // node itself: no #! line.
    entryPoints: { 'server/server': 'server/src/bundle.ts' },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    outdir: 'dist',
  },
];

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  // The package's bins run as programs (`npx ipmp-lint` in a fresh clone): esbuild writes 0644.
  for (const bin of Object.values(pkg.bin)) chmodSync(new URL(`../${bin}`, import.meta.url), 0o755);
}
