/**
 * Check All Hosts on the second core: hosts whose files the editor does not hold are checked in
 * worker threads, each host with the editor's settings for it (asked by the server, as for any
 * file), through the same check as a file on disk in the server's thread (checkDiskFile): the
 * same project files, fallback hosts file and rules, so the same diagnostics. The server's
 * thread walks the tree, asks for settings, publishes, and checks the hosts a worker must not
 * (an open document could change them). Over 5,000 hosts the checks and the garbage they make
 * were nine tenths of the server's time.
 *
 * A worker is this same module (the bundle, dist/server/main.js, in the package) started with a
 * flag in its workerData, as the index's scan workers are. It reads the disk with synchronous
 * calls and remembers the folders it lists (TreeFileSystem, as ipmp-lint does); each host gets
 * a language service of its own, garbage once the host is done. A worker that fails hands its
 * hosts back: the server's thread checks them.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { checkDiskFile } from './handlers/diagnostics';
import { LanguageService } from './languageService';
import { WorkspaceFolders } from './session/workspaceFolders';
import { TreeFileSystem } from './treeFileSystem';
import type { AwayChecker, AwayJob, AwayResult, ConfigProblems, FileCheck } from './workspaceCheck';

/** The workerData key that makes this module check hosts instead of serving. */
const WORKER_FLAG = 'ipmpHostCheckWorker';

interface WorkerInput {
  readonly [WORKER_FLAG]: true;
  /** The workspace folders' URIs. */
  readonly folders: readonly string[];
}

type Request = { readonly id: number; readonly job: AwayJob };
type Reply = { readonly id: number; readonly result: AwayResult } | { readonly id: number; readonly failed: string };

/** Is this thread a host-check worker? (Then the language server must not start in it.) */
export const isHostCheckWorker = !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.[WORKER_FLAG] === true;

/** Hosts handed to a worker before it answers: enough that it never waits for the next. */
const HOSTS_IN_FLIGHT = 3;

/**
 * Two threads where there are two cores (the server's thread publishes, asks for settings and
 * answers requests meanwhile); none on one core, where they would only take turns with it.
 */
const THREADS = availableParallelism() >= 2 ? 2 : 0;

/** Workers for one Check All Hosts run; undefined when there are no threads to be had here. */
export function startHostCheckWorkers(folders: readonly string[]): HostCheckWorkers | undefined {
  if (THREADS === 0) return undefined;
  try {
    return new HostCheckWorkers(THREADS, folders);
  } catch {
    return undefined;
  }
}

/**
 * The young generation of a worker's heap, per semi-space (MB). The server runs with
 * --optimize-for-size (client/src/serverEnvironment.ts), under which V8 gives every heap it
 * makes, a worker's too, a 1 MB young generation that no other flag or resource limit enlarges:
 * over 5,000 hosts collecting it took ~28% of each worker's time (ipmp-lint's checks run ~1.5x
 * slower with it). The sizes are read when a heap is made, so the flags are set for the moment
 * the workers' heaps are made and put back once the workers run: their young generation stays
 * 8 MB, while the rest of the flag (an old generation kept near what is live) applies to them
 * again, as it always did to the server's heap. (Left off for the whole run, the peak RSS went
 * from ~200 to 340-460 MB.)
 */
const WORKER_SEMI_SPACE_MB = 8;

interface WorkerHeapFlags {
  /** A worker was started with the flags: they stay until it runs (or fails). */
  starting(worker: Worker): void;
  /** Every worker was started: the flags go back once the last one runs. */
  started(): void;
}

/** Sets the workers' heap flags when this process runs --optimize-for-size; undefined otherwise (nothing to do). */
function workerHeapFlags(): WorkerHeapFlags | undefined {
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

export class HostCheckWorkers implements AwayChecker {
  private readonly workers: { worker: Worker; waiting: Map<number, (result: AwayResult | undefined) => void>; failed: boolean }[] = [];
  private nextId = 0;

  /** Starts `threads` workers for these workspace folders; throws when threads cannot start here. */
  constructor(threads: number, folders: readonly string[]) {
    const heap = workerHeapFlags();
    try {
      this.start(threads, folders, heap);
    } finally {
      heap?.started();
    }
  }

  private start(threads: number, folders: readonly string[], heap: WorkerHeapFlags | undefined): void {
    for (let i = 0; i < threads; i++) {
      const input: WorkerInput = { [WORKER_FLAG]: true, folders };
      // argv: main.ts checks its transport argument before it looks at the thread. stdout: the
      // server's stdout is the LSP channel, never the worker's.
      const worker = new Worker(__filename, { workerData: input, argv: ['--stdio'], stdout: true });
      const entry = { worker, waiting: new Map<number, (result: AwayResult | undefined) => void>(), failed: false };
      const fail = (): void => {
        if (entry.failed) return;
        entry.failed = true;
        // Its hosts go back to the caller, which checks them itself.
        for (const resolve of entry.waiting.values()) resolve(undefined);
        entry.waiting.clear();
      };
      worker.on('message', (reply: Reply) => {
        const resolve = entry.waiting.get(reply.id);
        if (!resolve) return;
        entry.waiting.delete(reply.id);
        resolve('result' in reply ? reply.result : undefined);
      });
      worker.on('error', fail);
      worker.once('exit', fail);
      heap?.starting(worker);
      this.workers.push(entry);
    }
  }

  /** Can a host be handed over now without waiting? */
  get hasRoom(): boolean {
    return this.workers.some((w) => !w.failed && w.waiting.size < HOSTS_IN_FLIGHT);
  }

  /** True while at least one worker can take hosts. */
  get alive(): boolean {
    return this.workers.some((w) => !w.failed);
  }

  /** Checks a host in the least busy worker; undefined when no worker could (check it here). */
  check(job: AwayJob): Promise<AwayResult | undefined> {
    const ready = this.workers.filter((w) => !w.failed).sort((a, b) => a.waiting.size - b.waiting.size)[0];
    if (!ready) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      ready.waiting.set(id, resolve);
      ready.worker.postMessage({ id, job } satisfies Request);
    });
  }

  dispose(): void {
    for (const w of this.workers) void w.worker.terminate();
  }
}

async function checkHost(tree: TreeFileSystem, folders: WorkspaceFolders, job: AwayJob): Promise<AwayResult> {
  for (const [dir, listing] of job.listings ?? []) tree.remember(dir, listing);
  const service = new LanguageService(tree, { textOf: () => undefined, uris: () => [] });
  const configs = new Map<string, ConfigProblems>();
  const ctx = {
    model: service.model,
    service,
    folders,
    fileSettings: async (uri: string) => {
      const { settings, config } = await service.effectiveSettings(uri, job.settings);
      if (config && config.problems.length) configs.set(config.uri, config);
      return settings;
    },
  };
  const files: (NonNullable<FileCheck> | null)[] = [];
  let captures = false;
  for (const { uri, kind } of job.files) {
    const { check, host } = await checkDiskFile(ctx, uri, kind);
    files.push(check ?? null);
    if (host?.live?.ifconfig || host?.live?.ipmpstat) captures = true;
  }
  return { files, captures, configs: [...configs.values()] };
}

if (isHostCheckWorker) {
  const input = workerData as WorkerInput;
  const folders = new WorkspaceFolders();
  folders.initialize(input.folders, null);
  const roots = input.folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  // One run: the folders listed stay known for it (the worker ends with the run).
  const tree = new TreeFileSystem(roots);
  // Hosts are checked one after the other, in the order they came.
  let queue = Promise.resolve();
  // For the tests of a failing worker: it fails as it takes its first host.
  const fault = process.env.IPMP_CHECK_TEST_WORKER_FAULT;
  parentPort!.on('message', (request: Request) => {
    queue = queue.then(async () => {
      if (fault === 'exit') process.exit(70);
      try {
        if (fault === 'throw') throw new Error('test fault: the worker throws');
        parentPort!.postMessage({ id: request.id, result: await checkHost(tree, folders, request.job) } satisfies Reply);
      } catch (error) {
        parentPort!.postMessage({ id: request.id, failed: error instanceof Error ? error.message : String(error) } satisfies Reply);
      }
    });
  });
}
