/**
 * The one helper module of the LSP layer (test/lsp/*.test.ts):
 *   - LspTestClient: spawns the bundled server with `--stdio` and talks JSON-RPC to it;
 *   - testWorkspace / withServer: a scratch workspace and a server on it, stopped and removed after;
 *   - Scratch: a temporary folder with files written into it;
 *   - runCli: the bundled ipmp-lint as a child process;
 *   - small shared readers (codes, languageOf, applyEdits) and `within` (a deadline on a wait).
 * Waits are event-driven (a diagnostics notification, a response) with a deadline, never sleeps,
 * and a wait for diagnostics always says what it accepts (a version, a later publication or a
 * predicate): one that accepted any publication could take a stale one.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { SERVER_NODE_OPTIONS } from '../../client/src/serverEnvironment';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
// IPMP_SERVER_MAIN / IPMP_CLI: run the tests against another build (e.g. a deliberately broken
// one, to see that a test fails when the behaviour it checks breaks).
export const SERVER_MAIN = process.env.IPMP_SERVER_MAIN ?? path.join(REPO_ROOT, 'dist', 'server', 'main.js');
export const CLI = process.env.IPMP_CLI ?? path.join(REPO_ROOT, 'dist', 'server', 'cli.js');

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'], snippetEditSupport: true },
  },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

// ---------------------------------------------------------------------------------------------
// Small shared readers

export const uriOf = (file: string): string => pathToFileURL(file).toString();

/** The codes of diagnostics, sorted: what most assertions compare. */
export const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
export const has = (rule: string) => (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.code === rule);
export const lacks = (rule: string) => (ds: readonly Diagnostic[]): boolean => !ds.some((d) => d.code === rule);

/** The language id VS Code gives a file by its name (package.json `languages`). */
export function languageOf(file: string): string {
  const base = path.basename(file);
  if (/^(hostname6?|dhcp)\./.test(base)) return 'solaris-hostname';
  if (base === 'hosts' || base === 'ipnodes') return 'solaris-hosts';
  if (base === 'netmasks') return 'solaris-netmasks';
  if (base === 'mpathd') return 'solaris-mpathd';
  // A capture of the running system: plain text to the editor, compared by the server.
  if (/^(ifconfig-a|ipmpstat)/.test(base)) return 'plaintext';
  throw new Error(`no language for ${file}`);
}

/** `text` with LSP text edits applied (`\n` line ends). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** How long `stop()` waits for the answer to shutdown, then for the process to end. */
const STOP_DEADLINE_MS = 10_000;
/**
 * How long any request of a test may go unanswered (the deadline under the tests' own, shorter
 * ones): a request the server never answers fails its test instead of hanging the whole run.
 */
const REQUEST_DEADLINE_MS = 60_000;

/** The connection with every sendRequest under REQUEST_DEADLINE_MS; `state` tells what the server was doing. */
function withRequestDeadlines(connection: ProtocolConnection, state: () => string): ProtocolConnection {
  const send = connection.sendRequest.bind(connection) as (...args: unknown[]) => Promise<unknown>;
  const methodOf = (type: unknown): string => (typeof type === 'string' ? type : ((type as { method?: string }).method ?? 'a request'));
  (connection as { sendRequest: (...args: unknown[]) => Promise<unknown> }).sendRequest = (...args: unknown[]) =>
    within(send(...args), () => `the answer to ${methodOf(args[0])}; ${state()}`, REQUEST_DEADLINE_MS);
  return connection;
}

/** Rejects after `ms` with `what`: a missing answer fails the test instead of hanging the run. */
export async function within<T>(promise: Promise<T>, what: string | (() => string), ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${typeof what === 'function' ? what() : what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Scratch folders

/** A fresh temporary folder (mkdtemp) with the files a test writes into it. Its functions may be destructured. */
export class Scratch {
  readonly root: string;

  constructor(prefix: string) {
    this.root = mkdtempSync(path.join(tmpdir(), prefix));
  }

  readonly path = (rel = ''): string => path.join(this.root, rel);

  readonly uri = (rel = ''): string => uriOf(this.path(rel));

  /** Writes a file (and its folders); returns its URI. */
  readonly write = (rel: string, content: string | Buffer): string => {
    const full = this.path(rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return uriOf(full);
  };

  /** Writes `files` under `dir`; returns a function from a file's name to its URI. */
  readonly writeTree = (dir: string, files: Readonly<Record<string, string | Buffer>>): ((name: string) => string) => {
    for (const [name, content] of Object.entries(files)) this.write(path.join(dir, name), content);
    return (name) => this.uri(path.join(dir, name));
  };

  /** Copies a folder of the repository (e.g. `examples`) to `dir` (default: the root itself). */
  readonly copy = (fromRepo: string, dir = ''): void => {
    cpSync(path.join(REPO_ROOT, fromRepo), this.path(dir), { recursive: true });
  };

  readonly remove = (): void => {
    rmSync(this.root, { recursive: true, force: true });
  };
}

// ---------------------------------------------------------------------------------------------
// The LSP client

/** What a wait for diagnostics accepts; every option must hold. */
interface DiagnosticsWaitOptions {
  /** Only the publication for this document version (the answer to that edit, never an older one). */
  readonly version?: number;
  /** Only a publication that arrived at or after this mark (`client.mark()` before the action). */
  readonly after?: number;
  /** Only diagnostics that satisfy this predicate. */
  readonly where?: (d: Diagnostic[]) => boolean;
  /** Deadline in ms (default 10 s). */
  readonly timeout?: number;
  /** What the wait is for, in the failure message. */
  readonly what?: string;
}
/** At least one of version, after or where: a wait that accepts anything accepts a stale state. */
export type DiagnosticsWait = DiagnosticsWaitOptions & ({ version: number } | { after: number } | { where: (d: Diagnostic[]) => boolean });

interface Waiter {
  readonly uri: string;
  readonly accept: (p: PublishDiagnosticsParams, index: number) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  private readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** The latest publication per URI. */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in arrival order. */
  readonly history: PublishDiagnosticsParams[] = [];
  private readonly latestIndex = new Map<string, number>();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  /** What `workspace/configuration` answers for the `solarisIpmp` section. */
  settings: Record<string, unknown> = {};
  readonly registrations: string[] = [];
  /** The server's answer to initialize. */
  initializeResult?: InitializeResult;
  stderr = '';

  /** Resolves when the server process has ended, however it ended (exit code or signal). */
  private readonly exited: Promise<void>;

  /** @param env more environment for the server (test faults) */
  constructor(env: Readonly<Record<string, string>> = {}) {
    // As the VS Code client starts it: with its Node options.
    this.process = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_MAIN, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = withRequestDeadlines(
      createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin)),
      () => this.serverState(),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const index = this.history.push(params) - 1;
      this.published.set(params.uri, params);
      this.latestIndex.set(params.uri, index);
      const ready = this.waiters.filter((w) => w.uri === params.uri && w.accept(params, index));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(params);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) this.registrations.push(r.method);
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null, capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions: unknown = {}, folders: readonly string[] | null = rootUri ? [rootUri] : null): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities,
      initializationOptions,
      workspaceFolders: folders ? folders.map((uri, i) => ({ uri, name: folders.length === 1 ? 'test' : `folder${i + 1}` })) : null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    this.initializeResult = result;
    return result;
  }

  /** A mark in the publication history: `diagnostics(uri, { after: mark })` takes only later ones. */
  mark(): number {
    return this.history.length;
  }

  /**
   * The diagnostics of the first publication for `uri` — the latest one, if it already
   * qualifies — that the wait accepts (a predicate alone is short for `{ where }`). Rejects with
   * the last publication when none comes in time.
   */
  diagnostics(uri: string, wait: DiagnosticsWait | ((d: Diagnostic[]) => boolean)): Promise<Diagnostic[]> {
    const w: DiagnosticsWaitOptions = typeof wait === 'function' ? { where: wait } : wait;
    if (w.version === undefined && w.after === undefined && w.where === undefined) throw new Error('a diagnostics wait must name a version, a mark or a predicate');
    const accept = (p: PublishDiagnosticsParams, index: number): boolean =>
      (w.version === undefined || p.version === w.version) && (w.after === undefined || index >= w.after) && (w.where === undefined || w.where(p.diagnostics));
    const latest = this.published.get(uri);
    if (latest && accept(latest, this.latestIndex.get(uri)!)) return Promise.resolve(latest.diagnostics);
    const arrived = new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, accept, resolve }));
    const wanted = [w.version !== undefined && `version ${w.version}`, w.after !== undefined && `after #${w.after}`, w.where && 'the predicate'].filter(Boolean).join(', ');
    const last = (): string => {
      const p = this.published.get(uri);
      return p ? `v${p.version ?? '-'} #${this.latestIndex.get(uri)} ${JSON.stringify(p.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`))}` : 'nothing';
    };
    return within(arrived, () => `${w.what ?? 'diagnostics'} (${wanted}) for ${uri}; last published: ${last()}`, w.timeout).then((p) => p.diagnostics);
  }

  /** Opens a document at version 1; returns 1. */
  async open(uri: string, languageId: string, text: string): Promise<number> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Opens a document and waits for the diagnostics of its version 1. */
  async openChecked(uri: string, languageId: string, text: string, timeout?: number): Promise<Diagnostic[]> {
    const version = await this.open(uri, languageId, text);
    return this.diagnostics(uri, { version, timeout });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental edit; returns the new version. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { solarisIpmp: settings } });
  }

  /** Records the server's `method` notifications from now on (one recorder per method: the connection keeps one handler). */
  notifications<P>(method: string): NotificationLog<P> {
    return new NotificationLog<P>(this.connection, method);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async completion(uri: string, line: number, character: number): Promise<CompletionList> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
    if (!result) return { isIncomplete: false, items: [] };
    return Array.isArray(result) ? { isIncomplete: false, items: result } : result;
  }

  resolve(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
    return (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
  }

  /** The process's state and the end of its stderr, for a failure message. */
  serverState(): string {
    const p = this.process;
    const state = p.exitCode !== null ? `exited with code ${p.exitCode}` : p.signalCode !== null ? `killed by ${p.signalCode}` : `running (pid ${p.pid})`;
    const tail = this.stderr.trim().split('\n').slice(-20).join('\n');
    return `the server is ${state}; stderr: ${tail ? `\n${tail}` : '(empty)'}`;
  }

  /**
   * Shutdown and exit, as an editor ends a session. A server that does not answer shutdown in
   * time fails the caller (after it is killed): a wedged server is a bug, and a test run must end.
   */
  async stop(): Promise<void> {
    let failure: Error | undefined;
    const running = (): boolean => this.process.exitCode === null && this.process.signalCode === null;
    if (running()) {
      try {
        await within(this.connection.sendRequest(ShutdownRequest.type), () => `the answer to shutdown; ${this.serverState()}`, STOP_DEADLINE_MS);
        await this.connection.sendNotification(ExitNotification.type);
      } catch (error) {
        // Gone meanwhile (a test that ends the server itself) is fine; no answer from a live one is not.
        if (running()) failure = error instanceof Error ? error : new Error(String(error));
      }
    }
    const ended = await within(this.exited, 'exit', STOP_DEADLINE_MS).then(() => true, () => false);
    if (!ended) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
    this.connection.dispose();
    if (failure) throw failure;
  }
}

/** Every `method` notification's params, in arrival order, and waits on the ones to come. */
export class NotificationLog<P> {
  readonly seen: P[] = [];
  private waiters: { from: number; accept: (p: P) => boolean; resolve: (p: P) => void }[] = [];

  constructor(connection: ProtocolConnection, private readonly method: string) {
    connection.onNotification(method, (params: P) => {
      const index = this.seen.push(params) - 1;
      const ready = this.waiters.filter((w) => index >= w.from && w.accept(params));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(params);
    });
  }

  /** The index the next notification gets: `next(accept, mark)` takes only notifications from then on. */
  mark(): number {
    return this.seen.length;
  }

  /** The first notification at index `from` or later that `accept` takes (already seen, or to come). */
  next(accept: (p: P) => boolean, from: number, ms = 10_000): Promise<P> {
    const seen = this.seen.slice(from).find(accept);
    if (seen !== undefined) return Promise.resolve(seen);
    const waiting = new Promise<P>((resolve) => this.waiters.push({ from, accept, resolve }));
    return within(waiting, () => `a ${this.method} notification (received since #${from}: ${JSON.stringify(this.seen.slice(from))})`, ms);
  }
}

// ---------------------------------------------------------------------------------------------
// A server on a workspace, for one test file or one test

export interface ServerOptions {
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  /** Workspace folders other than the root (multi-root); URIs. */
  readonly folders?: readonly string[];
  /** Called after the client is made and before initialize: request handlers, recorders. */
  readonly beforeInitialize?: (client: LspTestClient) => void;
  /** More environment for the server process. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A started and initialized server on `rootUri` (null: no folder). Stop it with `client.stop()`. */
export async function startServer(rootUri: string | null, options: ServerOptions = {}): Promise<LspTestClient> {
  const client = new LspTestClient(options.env);
  try {
    options.beforeInitialize?.(client);
    await client.initialize(rootUri, options.capabilities ?? FULL_CAPABILITIES, options.initializationOptions ?? {}, options.folders ?? (rootUri ? [rootUri] : null));
    return client;
  } catch (e) {
    await client.stop();
    throw e;
  }
}

/** Runs `fn` with a fresh server on `rootUri`, always stopped after. */
export async function withServer<T>(rootUri: string | null, options: ServerOptions, fn: (client: LspTestClient) => Promise<T>): Promise<T> {
  const client = await startServer(rootUri, options);
  try {
    return await fn(client);
  } finally {
    await client.stop();
  }
}

/** One test file's workspace: its scratch folder and, unless `server: false`, one server on it. */
export interface TestWorkspace extends Pick<Scratch, 'path' | 'uri' | 'write' | 'writeTree'> {
  /** The scratch folder (set in `before`). */
  readonly scratch: Scratch;
  readonly root: string;
  /** The server on the workspace (set in `before`). */
  readonly client: LspTestClient;
}

/**
 * Registers this test file's `before` and `after`: a scratch folder (`prefix`), `setup` writing
 * into it, then a server initialized on it; after the tests, the server stopped and the folder
 * removed. Read `root`, `client` and the rest inside tests and hooks, not at module level.
 */
export function testWorkspace(prefix: string, options: ServerOptions & { setup?: (scratch: Scratch) => void; server?: boolean } = {}): TestWorkspace {
  let scratch: Scratch | undefined;
  let client: LspTestClient | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the workspace's ${what} is made in before(): use it inside a test or hook`);
    return value;
  };
  before(async () => {
    // A top-level hook may run as soon as it is registered, before the caller has the returned
    // workspace in its variable: start after the module's own code.
    await Promise.resolve();
    scratch = new Scratch(prefix);
    options.setup?.(scratch);
    if (options.server !== false) client = await startServer(scratch.uri(), options);
  });
  after(async () => {
    await client?.stop();
    scratch?.remove();
  });
  return {
    get scratch() {
      return need(scratch, 'scratch folder');
    },
    get root() {
      return need(scratch, 'scratch folder').root;
    },
    get client() {
      return need(client, 'server');
    },
    path: (rel) => need(scratch, 'scratch folder').path(rel),
    uri: (rel) => need(scratch, 'scratch folder').uri(rel),
    write: (rel, content) => need(scratch, 'scratch folder').write(rel, content),
    writeTree: (dir, files) => need(scratch, 'scratch folder').writeTree(dir, files),
  };
}

// ---------------------------------------------------------------------------------------------
// ipmp-lint

export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the bundled ipmp-lint (or `options.cli`) with `args` in `cwd` to completion. */
export function runCli(args: readonly string[], options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number; maxBuffer?: number; cli?: string }): CliRun {
  const r = spawnSync(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.maxBuffer ? { maxBuffer: options.maxBuffer } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

/** ipmp-lint did not crash: no stack trace and no internal error on either stream. */
export function assertNoCrash(r: CliRun): void {
  assert.doesNotMatch(r.err, /^ {4}at /m, `a stack trace on stderr:\n${r.err}`);
  assert.doesNotMatch(r.err, /internal error/i, r.err);
  assert.doesNotMatch(r.out, /^ {4}at /m, `a stack trace on stdout:\n${r.out}`);
}
