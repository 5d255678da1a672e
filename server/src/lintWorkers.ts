/**
 * `ipmp-lint --jobs N`: the chunks of a run checked by N threads, this one and N-1 worker
 * threads. A worker is this same module (the bundle, dist/server/cli.js, in the package)
 * started with a flag in its workerData, so nothing else has to be shipped.
 *
 * Workers are started while the tree is still being walked (as soon as it is known to be large
 * enough) and check each chunk the walk has found while it goes on. The threads take chunks in
 * turn from one shared counter (whoever is free takes the next), so a thread that started late
 * or met a big host does not hold the others up. The results are put in the run's
 * order by the caller: which thread checked a chunk changes nothing printed. A worker that
 * fails (it throws, runs out of memory, exits) is reported on stderr, and the chunks it took
 * and did not return are checked here: the run completes and never waits on it.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runChunk, type ChunkResult, type LintChunk, type RunOptions } from './lintRun';
import { TreeFileSystem } from './treeFileSystem';
import { isFileReaderWorker } from './workspace/fileReaderWorker';
import type { ReadResult } from './workspace/fileSystem';
import type { FileReader } from './workspace/walkedFileSystem';

/** The workerData key that makes this module serve chunks instead of running the CLI. */
const WORKER_FLAG = 'ipmpLintWorker';

/** What a worker is started with. */
interface WorkerInput {
  readonly [WORKER_FLAG]: true;
  readonly options: RunOptions;
  /** The folders walked: their subfolders are listed on demand (TreeFileSystem). */
  readonly trees: readonly string[];
  /** Int32Array over a SharedArrayBuffer: the next chunk to take. */
  readonly next: Int32Array;
}

/** To a worker: a chunk (in the order they are numbered), or how many there are in all. */
type WorkerOrder = { readonly chunk: LintChunk } | { readonly end: number };

type WorkerMessage = { readonly done: number; readonly result: ChunkResult } | { readonly failed: string };

/** Does this thread check chunks (a worker of `--jobs`)? */
const isChunkWorker = !isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG] === true;
/** Is this thread a worker of ours, checking or reading ahead? (Then the CLI itself must not run in it.) */
export const isLintWorker = isChunkWorker || isFileReaderWorker;

interface PoolWorker {
  readonly worker: Worker;
  /** Resolves when the thread has ended, however it ended. */
  readonly ended: Promise<void>;
  /** Why it failed, once it did. */
  failure?: string;
}

/**
 * Worker threads started ahead of their work: `add` hands them each chunk as the walk finds
 * it, `finish` says there are no more and checks the rest here too, `stop` ends them unused.
 */
export class LintPool {
  private readonly workers: PoolWorker[] = [];
  private readonly chunks: LintChunk[] = [];
  private readonly results: (ChunkResult | undefined)[] = [];
  private readonly next = new Int32Array(new SharedArrayBuffer(4));

  /** Starts `count` worker threads now (they load the bundle and wait for chunks). */
  constructor(
    count: number,
    private readonly options: RunOptions,
    trees: readonly string[],
  ) {
    const input: WorkerInput = { [WORKER_FLAG]: true, options, trees, next: this.next };
    for (let n = 0; n < count; n++) {
      const worker = new Worker(__filename, { workerData: input });
      const entry: PoolWorker = {
        worker,
        ended: new Promise<void>((resolve) => {
          worker.on('message', (message: WorkerMessage) => {
            if ('done' in message) this.results[message.done] = message.result;
            else entry.failure ??= message.failed;
          });
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

  /** A chunk to check: the next number. */
  add(chunk: LintChunk): void {
    this.chunks.push(chunk);
    for (const { worker } of this.workers) worker.postMessage({ chunk } satisfies WorkerOrder);
  }

  /** Ends the workers without work (the tree turned out small). */
  stop(): void {
    for (const { worker } of this.workers) void worker.terminate();
  }

  /**
   * No more chunks: this thread takes its turns too, then the results of all in chunk order.
   * `warn` says, after the work, which workers failed (in the order they were started).
   */
  async finish(tree: TreeFileSystem, warn: (message: string) => void): Promise<ChunkResult[]> {
    const { chunks, results, options, next } = this;
    for (const { worker } of this.workers) worker.postMessage({ end: chunks.length } satisfies WorkerOrder);
    // A chunk is checked without yielding: the workers' results wait in their queue until the
    // end, which is all they need.
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

/** How many chunks a reader thread reads ahead of the one being checked (about 200 files each). */
const READ_AHEAD_CHUNKS = 2;

/**
 * Checks every chunk here, one after another. With a reader thread, the files of the next
 * chunks are read there meanwhile (its answers are those the checks would get, readFileNow's),
 * so the reads' system calls leave this thread; a file it did not read, or a reader that
 * failed (its fallback reads here), is read as before.
 */
export async function runChunksHere(chunks: readonly LintChunk[], options: RunOptions, tree: TreeFileSystem, reader?: FileReader): Promise<ChunkResult[]> {
  // Each chunk's reads are asked for once, READ_AHEAD_CHUNKS before it is checked.
  const reads: (Promise<(readonly [string, ReadResult])[]> | undefined)[] = [];
  const readAhead = (i: number): void => {
    if (!reader || i >= chunks.length) return;
    const { files } = chunks[i]!;
    reads[i] = Promise.all(files.map(({ file }) => reader.read(file))).then((texts) => texts.map((text, k) => [files[k]!.file, text] as const));
  };
  for (let i = 0; i < READ_AHEAD_CHUNKS; i++) readAhead(i);
  const results: ChunkResult[] = [];
  for (let i = 0; i < chunks.length; i++) {
    readAhead(i + READ_AHEAD_CHUNKS);
    const read = reads[i];
    if (read) {
      reads[i] = undefined;
      tree.supply(await read);
    }
    results.push(await runChunk(chunks[i]!, options, tree));
    tree.dropReadAhead();
  }
  return results;
}

/**
 * The worker's side: take the next chunk number, wait for that chunk if the walk has not found
 * it yet, check it, send the result; stop at the end the main thread tells.
 */
async function serve(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const chunks: LintChunk[] = [];
  let total: number | undefined;
  let wake: (() => void) | undefined;
  const onOrder = (order: WorkerOrder): void => {
    if ('chunk' in order) {
      for (const [dir, listing] of order.chunk.listings ?? []) tree.remember(dir, listing);
      chunks.push(order.chunk);
    }
    else total = order.end;
    wake?.();
  };
  const tree = new TreeFileSystem(input.trees);
  port.on('message', onOrder);
  // For the tests of a failing worker: it fails as it takes its first chunk (if any is left).
  const fault = process.env.IPMP_LINT_TEST_WORKER_FAULT;
  for (;;) {
    const i = Atomics.add(input.next, 0, 1);
    if (fault === 'throw') throw new Error('test fault: the worker throws');
    if (fault === 'exit') process.exit(70);
    while (i >= chunks.length && (total === undefined || i < total)) await new Promise<void>((resolve) => (wake = resolve));
    if (i >= chunks.length) break;
    const result = await runChunk(chunks[i]!, input.options, tree);
    port.postMessage({ done: i, result } satisfies WorkerMessage);
  }
  // Nothing keeps the thread now: it ends, its messages delivered first.
  port.off('message', onOrder);
}

if (isChunkWorker) {
  serve(workerData as WorkerInput).catch((error: unknown) => {
    parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
    process.exit(1);
  });
}
