/**
 * `ipmp-lint --jobs N`: the chunks of a run checked by N threads, this one and N-1 worker
 * threads. A worker is this same module (the bundle, dist/server/cli.js, in the package)
 * started with a flag in its workerData, so nothing else has to be shipped.
 *
 * Workers are started while the tree is still being walked (as soon as it is known to be large
 * enough), so they have loaded the bundle by the time there is work. The threads then take
 * chunks in turn from one shared counter (whoever is free takes the next), so a thread that
 * started late or met a big host does not hold the others up. The results are put in the run's
 * order by the caller: which thread checked a chunk changes nothing printed. A worker that
 * fails (it throws, runs out of memory, exits) is reported on stderr, and the chunks it took
 * and did not return are checked here: the run completes and never waits on it.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runChunk, type ChunkResult, type LintChunk, type RunOptions } from './lintRun';
import { TreeFileSystem } from './treeFileSystem';

/** The workerData key that makes this module serve chunks instead of running the CLI. */
const WORKER_FLAG = 'ipmpLintWorker';

/** What a worker is sent once the chunks are known. */
interface WorkOrder {
  readonly chunks: readonly LintChunk[];
  readonly options: RunOptions;
  /** The folders walked: their subfolders are listed on demand (TreeFileSystem). */
  readonly trees: readonly string[];
  /** Int32Array over a SharedArrayBuffer: the next chunk to take. */
  readonly next: Int32Array;
}

type WorkerMessage = { readonly done: number; readonly result: ChunkResult } | { readonly failed: string };

/** Is this thread a worker of ours? (Then the CLI itself must not run in it.) */
export const isLintWorker = !isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG] === true;

interface PoolWorker {
  readonly worker: Worker;
  /** Resolves when the thread has ended, however it ended. */
  readonly ended: Promise<void>;
  /** Why it failed, once it did. */
  failure?: string;
}

/** Worker threads started ahead of their work; `run` hands them the chunks, `stop` ends them unused. */
export class LintPool {
  private readonly workers: PoolWorker[] = [];

  /** Starts `count` worker threads now (they load the bundle and wait). */
  constructor(count: number) {
    for (let n = 0; n < count; n++) {
      const worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });
      const entry: PoolWorker = {
        worker,
        ended: new Promise<void>((resolve) => {
          worker.on('error', (error) => {
            entry.failure ??= error instanceof Error ? error.message : String(error);
          });
          worker.on('messageerror', (error) => {
            entry.failure ??= `a result could not be read: ${error.message}`;
          });
          worker.on('exit', (code) => {
            if (code !== 0) entry.failure ??= `exit status ${code}`;
            resolve();
          });
        }),
      };
      this.workers.push(entry);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Ends the workers without work (the tree turned out small, or the run checks in one thread). */
  stop(): void {
    for (const { worker } of this.workers) void worker.terminate();
  }

  /**
   * Checks every chunk with this thread and the workers, and returns the results in chunk order.
   * `warn` says, after the work, which workers failed (in the order they were started).
   */
  async run(chunks: readonly LintChunk[], options: RunOptions, tree: TreeFileSystem, trees: readonly string[], warn: (message: string) => void): Promise<ChunkResult[]> {
    const results: (ChunkResult | undefined)[] = new Array(chunks.length);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const order: WorkOrder = { chunks, options, trees, next };
    for (const entry of this.workers) {
      entry.worker.on('message', (message: WorkerMessage) => {
        if ('done' in message) results[message.done] = message.result;
        else entry.failure ??= message.failed;
      });
      entry.worker.postMessage(order);
    }
    // This thread takes its turns too. A chunk is checked without yielding: the workers'
    // results wait in their queue until the end, which is all they need.
    for (let i = Atomics.add(next, 0, 1); i < chunks.length; i = Atomics.add(next, 0, 1)) results[i] = await runChunk(chunks[i]!, options, tree);
    await Promise.all(this.workers.map((w) => w.ended));
    for (const { failure } of this.workers) {
      if (failure !== undefined) warn(`a worker thread failed (${failure.split('\n')[0]}); its share is checked in the main thread`);
    }
    // The chunks a failed worker took and did not finish.
    for (let i = 0; i < chunks.length; i++) results[i] ??= await runChunk(chunks[i]!, options, tree);
    return results as ChunkResult[];
  }
}

/** Checks every chunk here, one after another. */
export async function runChunksHere(chunks: readonly LintChunk[], options: RunOptions, tree: TreeFileSystem): Promise<ChunkResult[]> {
  const results: ChunkResult[] = [];
  for (const chunk of chunks) results.push(await runChunk(chunk, options, tree));
  return results;
}

/** The worker's side: wait for the order, take chunks until there are none left, send each result, end. */
function serve(): void {
  const port = parentPort!;
  port.once('message', (order: WorkOrder) => {
    void work(order).catch((error: unknown) => {
      port.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
      process.exit(1);
    });
  });
}

async function work(order: WorkOrder): Promise<void> {
  const port = parentPort!;
  const tree = new TreeFileSystem(order.trees);
  // For the tests of a failing worker: it fails as it takes its first chunk (if any is left).
  const fault = process.env.IPMP_LINT_TEST_WORKER_FAULT;
  for (;;) {
    const i = Atomics.add(order.next, 0, 1);
    if (fault === 'throw') throw new Error('test fault: the worker throws');
    if (fault === 'exit') process.exit(70);
    if (i >= order.chunks.length) break;
    const result = await runChunk(order.chunks[i]!, order.options, tree);
    port.postMessage({ done: i, result } satisfies WorkerMessage);
  }
  // Nothing keeps the thread now (the order was taken with `once`): it ends, its messages first.
}

if (isLintWorker) serve();
