#!/usr/bin/env node --expose-gc
/**
 * The load figures of `npm run bench`, in one process of their own (run with --expose-gc so
 * retained memory can be measured after a collection):
 *
 *   node --expose-gc scripts/bench/load.mjs <hosts file> <bundled syntax/hosts.js> <bare|hostile|ours> [names…]
 *
 * On the same file, in this process: a bare readFileSync + split('\n') (the lower bound), the
 * most used npm hosts-file parser (hostile), and our loader — read, parse, and answer the first
 * lookups (entry and address: what checking a hostname file needs), which is when the server can
 * use the file. Its memory is measured after a range was asked for too, with the file's line
 * table built: the most it holds. One approach per process, so
 * nothing one leaves behind (the engine keeps the last regex subject alive, for one) is counted
 * against another. Prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [hostsPath, bundlePath, only, ...probeNames] = process.argv.slice(2);
if (!hostsPath || !bundlePath || !['bare', 'hostile', 'ours'].includes(only) || typeof globalThis.gc !== 'function') {
  console.error('usage: node --expose-gc scripts/bench/load.mjs <hosts file> <hosts bundle> <bare|hostile|ours> [names…]');
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
      void entry.address.text;
    }
    return file;
  },
};
/** What a loaded file holds at most: after lookups, a range (the line table). */
const held = {
  ...approaches,
  ours: () => {
    const file = approaches.ours();
    for (const name of names) void file.lookup(name)[0].names[0].range;
    return file;
  },
};

const RUNS = 11;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = { runs: RUNS, time: {}, memory: {} };

{
  // Retained memory first, on a collected heap: what holding the loaded file costs.
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage();
  let kept = held[only]();
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage();
  result.memory[only] = after.heapUsed + after.external - (before.heapUsed + before.external);
  kept = undefined;
  void kept;
}
// Then the times of all three in this one process, warm and interleaved: the median of several runs.
const times = Object.fromEntries(Object.keys(approaches).map((name) => [name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, load] of Object.entries(approaches)) {
    globalThis.gc();
    const t = performance.now();
    load();
    times[name].push(performance.now() - t);
  }
}
for (const [name, xs] of Object.entries(times)) result.time[name] = median(xs);

// Not part of loading, shown for honesty: one walk over every entry (what the rules of an open
// hosts document do), the first range (builds the line table) and the first did-you-mean (builds
// the name index).
if (only === 'ours') {
  const file = parseHosts(readFileSync(hostsPath, 'utf8'));
  let t = performance.now();
  let entries = 0;
  for (const entry of file.scanEntries()) entries += entry.names.length >= 0 ? 1 : 0;
  result.walk = { ms: performance.now() - t, entries };
  for (const name of names) file.lookup(name);
  t = performance.now();
  void file.lookup(names[names.length - 1])[0].names[0].range;
  result.firstRangeMs = performance.now() - t;
  t = performance.now();
  file.namesWithin(`${names[0]}x`, 2);
  result.nearIndexMs = performance.now() - t;
}
console.log(JSON.stringify(result));
