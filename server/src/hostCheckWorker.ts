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
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { checkDiskFile } from './handlers/diagnostics';
import { LanguageService } from './languageService';
import { WorkspaceFolders } from './session/workspaceFolders';
import { TreeFileSystem } from './treeFileSystem';
import { startWorkers } from './workspace/workerHeap';
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

export class HostCheckWorkers implements AwayChecker {
  private readonly workers: { worker: Worker; waiting: Map<number, (result: AwayResult | undefined) => void>; failed: boolean }[] = [];
  private nextId = 0;

  /** Starts `threads` workers for these workspace folders; throws when threads cannot start here. */
  constructor(threads: number, folders: readonly string[]) {
    const input: WorkerInput = { [WORKER_FLAG]: true, folders };
    // argv: main.ts checks its transport argument before it looks at the thread. stdout: the
    // server's stdout is the LSP channel, never the worker's.
    for (const worker of startWorkers(threads, () => new Worker(__filename, { workerData: input, argv: ['--stdio'], stdout: true }))) {
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
