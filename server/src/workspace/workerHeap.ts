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

export interface WorkerHeapFlags {
  /** A worker was started with the flags: they stay until it runs (or fails). */
  starting(worker: Worker): void;
  /** Every worker was started: the flags go back once the last one runs. */
  started(): void;
}

/** Sets the workers' heap flags when this process runs --optimize-for-size; undefined otherwise (nothing to do). */
export function workerHeapFlags(): WorkerHeapFlags | undefined {
  if (!process.execArgv.includes('--optimize-for-size')) return undefined;
  try {
    setFlagsFromString(`--no-optimize-for-size --min-semi-space-size=${WORKER_SEMI_SPACE_MB} --max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  } catch {
    return undefined;
  }
  let pending = 0;
  let allStarted = false;
  const restore = (): void => {
    if (pending > 0 || !allStarted) return;
    allStarted = false;
    try {
      // 0: V8's own sizes again, as for the server's heap (which was made before all this).
      setFlagsFromString('--optimize-for-size --min-semi-space-size=0 --max-semi-space-size=0');
    } catch {
      // Set a moment ago, so settable: nothing is expected here, and nothing would be lost but memory.
    }
  };
  return {
    starting(worker) {
      pending++;
      let done = false;
      const running = (): void => {
        if (done) return;
        done = true;
        pending--;
        restore();
      };
      worker.once('online', running);
      worker.once('error', running);
      worker.once('exit', running);
    },
    started() {
      allStarted = true;
      restore();
    },
  };
}
