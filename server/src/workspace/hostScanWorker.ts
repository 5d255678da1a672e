/**
 * The first walk of a large workspace, in worker threads: the server's own thread stays free
 * for requests while thousands of small files are listed, read and parsed with synchronous
 * calls (the fastest way to read them, and no slices needed in a thread of its own). A worker
 * is this same module — the bundle, dist/server/main.js, in the package — started with a flag
 * in its workerData, so nothing else has to be shipped; main.ts starts no server in it.
 *
 * Each worker walks a share of the workspace folders' subfolders and posts the hosts it finds
 * in batches. A worker that fails (throws, runs out of memory, exits early) is reported to the
 * caller, which walks those folders itself: the index completes either way.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { nodeScanDisk, scanFolders, type HostSymbols } from './hostScan';

/** The workerData key that makes this module walk folders instead of serving. */
const WORKER_FLAG = 'ipmpHostScanWorker';

interface WorkerInput {
  readonly [WORKER_FLAG]: true;
  readonly folders: readonly string[];
  readonly share: { readonly index: number; readonly count: number };
}

type WorkerMessage = { readonly hosts: HostSymbols[] } | { readonly done: true } | { readonly failed: string };

/** Is this thread a host-scan worker? (Then the language server must not start in it.) */
export const isHostScanWorker = !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.[WORKER_FLAG] === true;

/** Hosts per message: small enough that taking one in never holds up a request. */
const BATCH = 64;

export interface WorkerScan {
  /** True when every worker walked its share to the end; false when one failed (walk the folders here). */
  readonly done: Promise<boolean>;
  /** Stops the workers (a newer walk replaces this one). */
  stop(): void;
}

/**
 * Walks `folders` in `threads` worker threads, calling `found` with every host (in the order
 * the batches arrive). Throws when a worker cannot be started at all.
 */
export function scanInWorkers(folders: readonly string[], threads: number, found: (host: HostSymbols) => void): WorkerScan {
  const workers: Worker[] = [];
  const finished: Promise<boolean>[] = [];
  for (let index = 0; index < threads; index++) {
    const input: WorkerInput = { [WORKER_FLAG]: true, folders, share: { index, count: threads } };
    // argv: main.ts checks its transport argument before it looks at the thread. stdout: the
    // server's stdout is the LSP channel, never the worker's.
    const worker = new Worker(__filename, { workerData: input, argv: ['--stdio'], stdout: true });
    workers.push(worker);
    finished.push(
      new Promise<boolean>((resolve) => {
        let ok = false;
        worker.on('message', (message: WorkerMessage) => {
          if ('hosts' in message) for (const host of message.hosts) found(host);
          else if ('done' in message) ok = true;
        });
        worker.once('error', () => resolve(false));
        worker.once('exit', () => resolve(ok));
      }),
    );
  }
  return {
    done: Promise.all(finished).then((all) => all.every(Boolean)),
    stop: () => {
      for (const w of workers) void w.terminate();
    },
  };
}

async function serve(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  let batch: HostSymbols[] = [];
  await scanFolders(
    nodeScanDisk,
    input.folders,
    (host) => {
      batch.push(host);
      if (batch.length < BATCH) return;
      port.postMessage({ hosts: batch } satisfies WorkerMessage);
      batch = [];
    },
    { share: input.share },
  );
  if (batch.length) port.postMessage({ hosts: batch } satisfies WorkerMessage);
  port.postMessage({ done: true } satisfies WorkerMessage);
}

if (isHostScanWorker) {
  serve(workerData as WorkerInput).catch((error: unknown) => {
    parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  });
}
