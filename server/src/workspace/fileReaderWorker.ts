/**
 * A thread that reads files for the server while Check All Hosts runs, and for `ipmp-lint` on
 * two cores (the files of the next chunks while one thread checks them, lintWorkers.ts). Each
 * read through `fs.promises` is a stat, an open, an fstat, a read and a close, five trips
 * through libuv's thread pool and their promises on the server's thread; 35,000 files made that
 * seconds of the server's own time. Here the reads asked in one turn of the event loop (a
 * host's hosts, netmasks, mpathd and interface files come together) travel as one message, are
 * read with synchronous calls in the worker ({@link readFileNow}: open, fstat, read, close),
 * and come back as one message. A slow or hung disk holds up the worker, never the server's
 * thread.
 *
 * The worker is this same module (the bundle, through the launcher that started the program:
 * dist/server/main.js or cli.js) started with a flag in its workerData, as the index's scan
 * workers are. When it cannot start or fails, the reads it had go to the fallback, and so does
 * every read after.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ReadResult } from './fileSystem';
import { readFileNow } from './nodeFileSystem';

/** The workerData key that makes this module read files instead of serving. */
const WORKER_FLAG = 'ipmpFileReaderWorker';

interface ReadRequest {
  readonly batch: number;
  readonly paths: readonly string[];
}

interface ReadReply {
  readonly batch: number;
  readonly results: readonly ReadResult[];
}

/** Is this thread a file reader? (Then the language server must not start in it.) */
export const isFileReaderWorker = !isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG] === true;

type Waiting = { readonly path: string; readonly resolve: (result: ReadResult) => void };

export class FileReaderWorker {
  private worker: Worker | undefined;
  private failed = false;
  /** Reads asked in this turn, sent together once it ends. */
  private queued: Waiting[] = [];
  /** Batches sent and not yet answered. */
  private readonly sent = new Map<number, Waiting[]>();
  private nextBatch = 0;

  /** @param fallback where reads go when the worker cannot (it failed, or cannot start here) */
  constructor(private readonly fallback: (path: string) => Promise<ReadResult>) {
    try {
      // argv: main.ts checks its transport argument before it looks at the thread. stdout: the
      // server's stdout is the LSP channel, never the worker's.
      const worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true }, argv: ['--stdio'], stdout: true });
      worker.on('message', (reply: ReadReply) => this.answered(reply));
      worker.on('error', () => this.fail());
      worker.once('exit', () => this.fail());
      // Waiting for reads must not keep the server's process alive.
      worker.unref();
      this.worker = worker;
    } catch {
      this.failed = true;
    }
  }

  read(path: string): Promise<ReadResult> {
    return new Promise((resolve) => {
      if (this.failed) return this.readElsewhere({ path, resolve });
      if (this.queued.length === 0) queueMicrotask(() => this.send());
      this.queued.push({ path, resolve });
    });
  }

  /** Ends the thread; reads still waiting go to the fallback. */
  dispose(): void {
    const worker = this.worker;
    this.fail();
    void worker?.terminate();
  }

  private send(): void {
    const waiting = this.queued;
    this.queued = [];
    if (this.failed || !this.worker) {
      for (const w of waiting) this.readElsewhere(w);
      return;
    }
    const batch = this.nextBatch++;
    this.sent.set(batch, waiting);
    // Answers are awaited: the thread keeps the process alive only while reads are out.
    if (this.sent.size === 1) this.worker.ref();
    this.worker.postMessage({ batch, paths: waiting.map((w) => w.path) } satisfies ReadRequest);
  }

  private answered(reply: ReadReply): void {
    const waiting = this.sent.get(reply.batch);
    if (!waiting) return;
    this.sent.delete(reply.batch);
    if (this.sent.size === 0) this.worker?.unref();
    waiting.forEach((w, i) => w.resolve(reply.results[i]));
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = undefined;
    const lost = [...this.sent.values()].flat();
    this.sent.clear();
    for (const w of lost) this.readElsewhere(w);
  }

  private readElsewhere(w: Waiting): void {
    // A fallback that throws (or rejects) must not leave the read waiting forever.
    void Promise.resolve()
      .then(() => this.fallback(w.path))
      .then(w.resolve, (error: unknown) => w.resolve({ notRead: 'unreadable', reason: error instanceof Error ? error.message : String(error) }));
  }
}

if (isFileReaderWorker) {
  parentPort!.on('message', (request: ReadRequest) => {
    parentPort!.postMessage({ batch: request.batch, results: request.paths.map(readFileNow) } satisfies ReadReply);
  });
}
