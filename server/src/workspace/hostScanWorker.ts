/**
 * The first walk of a large workspace, in worker threads: the server's own thread stays free
 * for requests while thousands of small files are listed, read and parsed with synchronous
 * calls (the fastest way to read them, and no slices needed in a thread of its own). A worker
 * is this same module — the bundle, dist/server/main.js, in the package — started with a flag
 * in its workerData, so nothing else has to be shipped; main.ts starts no server in it.
 *
 * Workers are started before they are needed (while the client initializes, the bundle loads
 * in them) and wait for the folders to walk. Each walks a share of the folders' subfolders and
 * posts the hosts it finds in batches. A worker that fails (throws, runs out of memory, exits
 * early) is reported to the caller, which walks those folders itself: the index completes
 * either way.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PART_SIZE, nodeScanDisk, scanFolders, type HostSymbols } from './hostScan';
import { startWorkers } from './workerHeap';

/** The workerData key that makes this module walk folders instead of serving. */
const WORKER_FLAG = 'ipmpHostScanWorker';

interface WorkerInput {
  readonly [WORKER_FLAG]: true;
  readonly share: { readonly index: number; readonly count: number };
  /** Hosts files bigger than this are left for the server's thread. */
  readonly hostsLaterOver: number;
}

/** What a worker is asked: the folders to walk (its share of them). */
interface ScanRequest {
  readonly folders: readonly string[];
}

type WorkerMessage = { readonly parts: HostSymbols[] } | { readonly done: true } | { readonly failed: string };

/** Is this thread a host-scan worker? (Then the language server must not start in it.) */
export const isHostScanWorker = !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.[WORKER_FLAG] === true;

/** Hosts per message, and symbols: small enough that taking one in never holds up a request. */
const BATCH_HOSTS = 64;
const BATCH_SYMBOLS = PART_SIZE;

export interface WorkerScan {
  /** True when every worker walked its share to the end; false when one failed (walk the folders here). */
  readonly done: Promise<boolean>;
  /** Stops the workers (a newer walk replaces this one). */
  stop(): void;
}

/** Workers started ahead of a walk, each used for one walk and then gone. */
export class ScanWorkers {
  private workers: { worker: Worker; exited: Promise<void> }[] = [];

  /**
   * Starts `threads` workers, which will leave hosts files over `hostsLaterOver` bytes for the
   * server's thread; throws when worker threads cannot be started here.
   */
  constructor(
    private readonly threads: number,
    hostsLaterOver: number,
  ) {
    // argv: main.ts checks its transport argument before it looks at the thread. stdout: the
    // server's stdout is the LSP channel, never the worker's.
    const started = startWorkers(threads, (index) => {
      const input: WorkerInput = { [WORKER_FLAG]: true, share: { index, count: threads }, hostsLaterOver };
      return new Worker(__filename, { workerData: input, argv: ['--stdio'], stdout: true });
    });
    for (const worker of started) {
      // Waiting for work must not keep the server's process alive.
      worker.unref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.on('error', () => undefined);
      this.workers.push({ worker, exited });
    }
  }

  /**
   * Walks `folders` in the workers, calling `found` with every part of every host, as they
   * arrive (the parts of a host in order). The workers end with the walk.
   */
  scan(folders: readonly string[], found: (part: HostSymbols) => void): WorkerScan {
    const workers = this.workers;
    this.workers = [];
    const finished = workers.map(
      ({ worker, exited }) =>
        new Promise<boolean>((resolve) => {
          worker.on('message', (message: WorkerMessage) => {
            if ('parts' in message) for (const part of message.parts) found(part);
            else if ('done' in message) {
              resolve(true);
              void worker.terminate();
            }
          });
          // Ended (or failed) before saying it was done.
          void exited.then(() => resolve(false));
          worker.ref();
          worker.postMessage({ folders } satisfies ScanRequest);
        }),
    );
    return {
      done: Promise.all(finished).then((all) => all.length === this.threads && all.every(Boolean)),
      stop: () => {
        for (const { worker } of workers) void worker.terminate();
      },
    };
  }

  /** The workers are not needed after all. */
  dispose(): void {
    for (const { worker } of this.workers) void worker.terminate();
    this.workers = [];
  }
}

async function serve(input: WorkerInput, request: ScanRequest): Promise<void> {
  const port = parentPort!;
  let batch: HostSymbols[] = [];
  let hosts = 0;
  let symbols = 0;
  const flush = (): void => {
    if (batch.length) port.postMessage({ parts: batch } satisfies WorkerMessage);
    batch = [];
    hosts = symbols = 0;
  };
  await scanFolders(
    nodeScanDisk,
    request.folders,
    (parts) => {
      hosts++;
      for (const part of parts) {
        batch.push(part);
        symbols += part.names.length;
        if (symbols >= BATCH_SYMBOLS) flush();
      }
      if (hosts >= BATCH_HOSTS) flush();
    },
    { share: input.share, hostsLaterOver: input.hostsLaterOver },
  );
  flush();
  port.postMessage({ done: true } satisfies WorkerMessage);
}

if (isHostScanWorker) {
  parentPort!.once('message', (request: ScanRequest) => {
    serve(workerData as WorkerInput, request).catch((error: unknown) => {
      parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
    });
  });
}
