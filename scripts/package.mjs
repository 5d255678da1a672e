// `vsce package --no-dependencies` into solaris-ipmp.vsix (the bundles carry every dependency),
// then the VSIX's file list and size against its budget. `npm run package` builds dist/ first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = path.join(ROOT, 'solaris-ipmp.vsix');
const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');

if (!existsSync(path.join(ROOT, 'dist'))) {
  console.error('dist/ is missing: run `npm run build -- --production` first (npm run package does)');
  process.exit(1);
}
// The README's screenshot is not packaged (the VSIX holds only what the extension needs); keep its link as written.
const args = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', VSIX];
// The packaged README is the user's: the sections on building, testing and measuring this
// repository (Development, Performance) stay in the repository's README.
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const userReadme = readme.replace(/^## Development\n[^]*?(?=^## License\n)/m, '');
if (userReadme === readme) {
  console.error('README.md: no "## Development" section before "## License" to leave out of the package');
  process.exit(1);
}
// In dist/ (built, not committed, and not itself packaged: package.json "files" names dist's bundles).
writeFileSync(path.join(ROOT, 'dist', 'README.md'), userReadme);
args.push('--readme-path', 'dist/README.md');
// Until README/LICENSE/repository exist vsce would stop at a prompt; stdin is closed so it cannot hang.
if (!existsSync(path.join(ROOT, 'LICENSE'))) args.push('--skip-license');
args.push('--allow-missing-repository');
const r = spawnSync(vsce, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) process.exit(r.status ?? 1);

// The file list, from the VSIX itself (a zip).
const { default: yauzl } = await import('yauzl');
const entries = await new Promise((resolve, reject) => {
  yauzl.open(VSIX, { lazyEntries: true }, (err, zip) => {
    if (err) return reject(err);
    const list = [];
    zip.on('entry', (e) => {
      list.push([e.fileName, e.uncompressedSize, e.compressedSize]);
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', reject);
    zip.readEntry();
  });
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\n${path.basename(VSIX)}:`);
for (const [name, size, packed] of entries.sort()) console.log(`  ${kb(size).padStart(10)} ${kb(packed).padStart(10)}  ${name}`);
const size = statSync(VSIX).size;
console.log(`  ${entries.length} files, ${kb(size)} (budget 500 KB)${size > 500 * 1024 ? '  OVER BUDGET' : ''}`);
// Files the extension loads at run time: a VSIX without them installs, then fails when used.
const required = ['dist/client/extension.js', 'dist/server/main.js', 'dist/server/server.js', 'dist/server/cli.js', 'media/topology/topology.js', 'media/topology/topology.css'];
const missing = required.filter((f) => !entries.some(([name]) => name === `extension/${f}`));
if (missing.length) {
  console.error(`Missing from the VSIX (package.json "files"): ${missing.join(', ')}`);
  process.exit(1);
}
