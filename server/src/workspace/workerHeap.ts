/**
 * Worker threads with room to allocate in a server that runs --optimize-for-size: Check All
 * Hosts' workers and the first walk's scan workers (both live for one run and end with it).
 */
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';

/**
 * The young generation of a worker's heap, per semi-space (MB). The server runs with
 * --optimize-for-size (client/src/serverEnvironment.ts), under which V8 gives every heap it
 * makes, a worker's too, a 1 MB young generation that no other flag or resource limit enlarges:
 * over 5,000 hosts collecting it took ~28% of each Check All Hosts worker's time (ipmp-lint's
 * checks run ~1.5x slower with it). The sizes are read when a heap is made, so the flags are
 * set for the moment the workers' heaps are made and put back once the workers run: their
 * young generation stays 8 MB, while the rest of the flag (an old generation kept near what is
 * live) applies to them again, as it always did to the server's heap. (Left off for a whole
 * Check All Hosts, its peak RSS went from ~200 to 340-460 MB.)
 */
const WORKER_SEMI_SPACE_MB = 8;

/**
 * Starts `count` workers with `start`, their heaps made with an 8 MB young generation when this
 * process runs --optimize-for-size (the flags are put back once every one runs or fails).
 */
export function startWorkers(count: number, start: (index: number) => Worker): Worker[] {
  const roomy = process.execArgv.includes('--optimize-for-size') && setFlags(`--no-optimize-for-size --min-semi-space-size=${WORKER_SEMI_SPACE_MB} --max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(start(i));
  } finally {
    // 0: V8's own sizes again, as for the server's heap (which was made before all this).
    if (roomy) void Promise.all(workers.map(running)).then(() => setFlags('--optimize-for-size --min-semi-space-size=0 --max-semi-space-size=0'));
  }
  return workers;
}

/** Resolves once the worker runs JavaScript (its heap is made) or has failed. */
function running(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('online', resolve);
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
}

/** False when V8 would not take them (the workers then get the server's sizes; nothing else changes). */
function setFlags(flags: string): boolean {
  try {
    setFlagsFromString(flags);
    return true;
  } catch {
    return false;
  }
}
