// `npm run fuzz`: the property tests (test/unit/properties*.test.ts, test/lsp/properties.test.ts)
// with many more runs and a fresh random seed, printed so a failure can be run again.
//
//   npm run fuzz                          100 times the runs of `npm test`, a random seed (3-6 min)
//   npm run fuzz -- --runs 200            200 times the runs of `npm test`
//   npm run fuzz -- --seed 12345          that seed (added to each property's own seed)
//   npm run fuzz -- --no-build            skip the bundle (dist/ is already up to date)
//
// A failure prints the property, its counterexample and fast-check's `seed`/`path`; running
// again with the same --seed and --runs replays the same inputs. `npm test` never sets
// FUZZ_RUNS or FUZZ_SEED, so it keeps each property's fixed seed and small count.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--no-build]');
  process.exit(2);
}

let runs = 100;
let seed = randomInt(1, 2 ** 31 - 1);
let build = true;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = () => {
    const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
    if (v === undefined) usage(`${arg} needs a value`);
    return v;
  };
  if (arg === '--runs' || arg.startsWith('--runs=')) {
    runs = Number(value());
    if (!Number.isFinite(runs) || runs <= 0) usage('--runs takes a positive number (a multiple of the runs of npm test)');
  } else if (arg === '--seed' || arg.startsWith('--seed=')) {
    seed = Number(value());
    if (!Number.isInteger(seed)) usage('--seed takes an integer');
  } else if (arg === '--no-build') {
    build = false;
  } else if (arg === '--help' || arg === '-h') {
    usage();
  } else {
    usage(`unknown argument ${arg}`);
  }
}

function step(name, cmd, cmdArgs, env = process.env) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\nfuzz: ${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

const replay = `npm run fuzz -- --seed ${seed} --runs ${runs}`;
console.log(`fuzz: seed ${seed}, ${runs}x the runs of npm test (replay: ${replay})`);
const started = Date.now();

step('type check and compile the tests', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
if (build) step('bundle the server (the LSP property spawns it)', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

const files = [
  ...readdirSync(path.join(root, 'out', 'test', 'unit'))
    .filter((f) => /^properties.*\.test\.js$/.test(f))
    .sort()
    .map((f) => path.join('out', 'test', 'unit', f)),
  path.join('out', 'test', 'lsp', 'properties.test.js'),
];
step(`properties (${files.length} files)`, process.execPath, ['--test', '--test-reporter=spec', ...files], {
  ...process.env,
  FUZZ_RUNS: String(runs),
  FUZZ_SEED: String(seed),
});

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nfuzz: no property failed in ${minutes} min (seed ${seed}, ${runs}x runs)`);
