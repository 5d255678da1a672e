#!/usr/bin/env node --expose-gc
/**
 * The load figures of `npm run bench`, in one process of their own (run with --expose-gc so
 * retained memory can be measured after a collection):
 *
 *   node --expose-gc scripts/bench/load.mjs <hosts file> <bundled syntax/hosts.js>
 *
 * On the same file, in this process: a bare readFileSync + split('\n') (the lower bound), the
 * most used npm hosts-file parser (hostile), and our loader — read, parse, and answer a first
 * lookup with its range, which is when the server can use the file. Prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [hostsPath, bundlePath, ...probeNames] = process.argv.slice(2);
if (!hostsPath || !bundlePath || typeof globalThis.gc !== 'function') {
  console.error('usage: node --expose-gc scripts/bench/load.mjs <hosts file> <hosts bundle> [names…]');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const hostile = require('hostile');
const { parseHosts } = await import(pathToFileURL(bundlePath).href);
const names = probeNames.length > 0 ? probeNames : ['localhost'];

const approaches = {
  bare: () => readFileSync(hostsPath, 'utf8').split('\n'),
  hostile: () => hostile.getFile(hostsPath, false),
  ours: () => {
    const file = parseHosts(readFileSync(hostsPath, 'utf8'));
    for (const name of names) {
      const entry = file.lookup(name)[0];
      if (!entry) throw new Error(`${name} not found`);
      void entry.names[0].range;
    }
    return file;
  },
};

const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = { runs: RUNS, time: {}, memory: {} };

for (const [name, load] of Object.entries(approaches)) {
  // Retained memory first, on a collected heap: what holding the loaded file costs.
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage();
  let kept = load();
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage();
  result.memory[name] = after.heapUsed + after.external - (before.heapUsed + before.external);
  kept = undefined;
  void kept;
  // Then the time, warm: the median of several runs.
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc();
    const t = performance.now();
    load();
    times.push(performance.now() - t);
  }
  result.time[name] = median(times);
}

// Not part of loading, shown for honesty: one walk over every entry (what the rules of an open
// hosts document do) and the first did-you-mean, which builds the name index.
{
  const file = parseHosts(readFileSync(hostsPath, 'utf8'));
  let t = performance.now();
  let entries = 0;
  for (const entry of file.scanEntries()) entries += entry.names.length >= 0 ? 1 : 0;
  result.walk = { ms: performance.now() - t, entries };
  t = performance.now();
  file.namesNear(names[0]);
  result.nearIndexMs = performance.now() - t;
}
console.log(JSON.stringify(result));
