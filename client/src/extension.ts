/**
 * The VS Code side: starts the bundled language server and implements the few commands
 * that need the editor itself. Everything else travels over LSP.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ErrorCodes,
  LanguageClient,
  ResponseError,
  State,
  TransportKind,
  WorkDoneProgress,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashPolicy, RESTART_COMMAND_TITLE, describeExit, describeWindow, noticeText, type CrashNotice } from './crashPolicy';
import { BootPreviews } from './preview';
import { TopologyPanels, type TopologyRendered } from './topology';
import { CHECK_ALL_HOSTS_COMMAND, CheckAllHosts } from './checkAllHosts';
import { registerTasks } from './tasks';
import { CAPTURE_PATTERN, PASTE_CAPTURE_COMMAND, pasteRunningConfiguration } from './liveCapture';
import { convertHost } from './convert';
import { NEW_GROUP_COMMAND, newGroup, type NewGroupArgs } from './newGroup';
import { HostLanguageStatus, SELECT_RELEASE_COMMAND, type LanguageStatusShown } from './status';
import { SERVER_NODE_OPTIONS, serverEnvironment } from './serverEnvironment';
import { CONVERT_COMMAND } from '../../server/src/protocol';
import type { Release } from '../../server/src/catalog/releases';

const LANGUAGES = ['solaris-hostname', 'solaris-hosts', 'solaris-netmasks', 'solaris-mpathd'] as const;
const TEMPLATE_KIND = vscode.CodeActionKind.Refactor.append('ipmpTemplate');
const RESTART_COMMAND = 'solarisIpmp.restartServer';

/** A notification about the language server's health, as the user saw it. */
export interface ServerNotice {
  readonly kind: CrashNotice;
  readonly message: string;
}

/**
 * What activate() returns (`vscode.extensions.getExtension(...).exports`): a window on the
 * language server for the extension-host tests, and for anyone debugging it.
 */
export interface SolarisIpmpApi {
  /** The process id of the language server, while one runs. */
  readonly serverPid: number | undefined;
  /** Fires with the server's process id each time a server is up: first start and every restart. */
  readonly onDidStartServer: vscode.Event<number>;
  /** Fires with each notification about the server's health that the extension shows. */
  readonly onDidShowServerNotice: vscode.Event<ServerNotice>;
  /** Fires with a boot preview's URI each time its document shows newly computed text (opened, or refreshed after a change). */
  readonly onDidRenderPreview: vscode.Event<vscode.Uri>;
  /** Fires each time a topology panel shows a newly drawn picture (opened, a NIC failed or repaired, a file changed). */
  readonly onDidRenderTopology: vscode.Event<TopologyRendered>;
  /** Refreshes the language status items for the active editor and says what they show. */
  languageStatus(): Promise<readonly LanguageStatusShown[]>;
}

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SolarisIpmpApi> {
  const output = vscode.window.createOutputChannel('Solaris IPMP', { log: true });
  // The server's code cache goes in the extension's own storage (the install folder may be read-only).
  const cacheDir = context.globalStorageUri.scheme === 'file' ? path.join(context.globalStorageUri.fsPath, 'code-cache') : undefined;
  server = new LanguageServer(context.asAbsolutePath(path.join('dist', 'server', 'main.js')), output, serverEnvironment(cacheDir));
  const running = server;
  context.subscriptions.push(
    output,
    running,
    vscode.commands.registerCommand('solarisIpmp.convertToLf', convertToLf),
    vscode.commands.registerCommand('solarisIpmp.setFileKind', setFileKind),
    vscode.commands.registerCommand('solarisIpmp.insertTemplate', insertTemplate),
    vscode.commands.registerCommand('solarisIpmp.ignoreRuleInFile', ignoreRuleInFile),
    vscode.commands.registerCommand(RESTART_COMMAND, () => running.restart()),
    vscode.commands.registerCommand(PASTE_CAPTURE_COMMAND, (target?: vscode.Uri, text?: string) => pasteRunningConfiguration(target, text)),
  );
  const previews = new BootPreviews(running);
  const checkAllHosts = new CheckAllHosts(running);
  const topology = new TopologyPanels(running, context.extensionUri);
  context.subscriptions.push(
    previews,
    topology,
    vscode.commands.registerCommand(CHECK_ALL_HOSTS_COMMAND, () => checkAllHosts.run()),
    vscode.commands.registerCommand(CONVERT_COMMAND, (target?: vscode.Uri | string) => convertHost(running, target)),
    vscode.commands.registerCommand(NEW_GROUP_COMMAND, (target?: vscode.Uri | string | NewGroupArgs) => newGroup(running, target)),
    vscode.commands.registerCommand('solarisIpmp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('solarisIpmp.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false),
    ),
    registerTasks(context.asAbsolutePath(path.join('dist', 'server', 'cli.js'))),
  );
  const status = new HostLanguageStatus(running);
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand(SELECT_RELEASE_COMMAND, (target?: vscode.Uri, release?: Release) => status.selectRelease(target, release)),
  );
  // Commands meant for the whole workspace show in the palette from now on (package.json `when`).
  void vscode.commands.executeCommand('setContext', 'solarisIpmp.active', true);
  await running.start();
  // Not `{ ...running.api }`: a spread reads serverPid once, and the API would name the first
  // server's pid for ever (a dead process after a restart).
  const api: SolarisIpmpApi = {
    get serverPid() {
      return running.api.serverPid;
    },
    onDidStartServer: running.api.onDidStartServer,
    onDidShowServerNotice: running.api.onDidShowServerNotice,
    onDidRenderPreview: previews.onDidRender,
    onDidRenderTopology: topology.onDidRender,
    languageStatus: () => status.refresh(),
  };
  return api;
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/**
 * The language client and its server process. A server that dies without being asked to is
 * restarted and the user is told once, in our words (CrashPolicy decides); vscode-languageclient's
 * own popups for it are suppressed (`handled: true`) and its messages go to the output channel.
 */
class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientListener: vscode.Disposable | undefined;
  private readonly policy = new CrashPolicy();
  private readonly started = new vscode.EventEmitter<number>();
  private readonly notices = new vscode.EventEmitter<ServerNotice>();
  /** The process id of the server that runs (or ran last), and how it ended once it has. */
  private runningPid: number | undefined;
  private exit: { pid: number; code: number | null; signal: string | null } | undefined;
  /** Restarts one after another: a second click while one runs waits for it. */
  private restarting: Promise<void> = Promise.resolve();
  /**
   * A crash was restarted and the user is to hear of it once the new server is up: a server that
   * dies again while starting (a crash loop) ends in the one "not restarted" notice instead.
   */
  private restartNoticePending = false;

  readonly api: Omit<SolarisIpmpApi, 'onDidRenderPreview' | 'onDidRenderTopology' | 'languageStatus'>;
  /** Notification handlers, registered again on every new client (a restart makes a new one). */
  private readonly notificationHandlers: { method: string; handler: (params: unknown) => void }[] = [];

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.LogOutputChannel,
    /** Entries over the extension host's environment for the server (serverEnvironment.ts). */
    private readonly serverEnv: NodeJS.ProcessEnv = {},
  ) {
    const self = this;
    this.api = {
      get serverPid() {
        return self.client?.serverProcess?.pid;
      },
      onDidStartServer: this.started.event,
      onDidShowServerNotice: this.notices.event,
    };
  }

  async start(): Promise<void> {
    this.client ??= this.createClient();
    await this.client.start();
  }

  /** A request to the server, once it runs; the token cancels it. */
  async request(method: string, params: unknown, token?: vscode.CancellationToken): Promise<unknown> {
    await this.restarting;
    if (!this.client || this.client.state !== State.Running) await this.start();
    return this.client!.sendRequest(method, params, token);
  }

  /**
   * A request only while a server runs, else undefined: for what refreshes by itself (the
   * language status), which must never start a server the crash policy left stopped.
   */
  async requestIfRunning(method: string, params: unknown): Promise<unknown> {
    await this.restarting;
    if (!this.client || this.client.state !== State.Running) return undefined;
    return this.client.sendRequest(method, params);
  }

  /** `$/progress` reports for a work-done token of a request about to be sent (to the server that will get it). */
  async onWorkDoneProgress(token: string, handler: (report: { percentage?: number; message?: string }) => void): Promise<vscode.Disposable> {
    await this.restarting;
    if (!this.client || this.client.state !== State.Running) await this.start();
    return this.client!.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind !== 'end') handler({ percentage: value.percentage, message: value.message });
    });
  }

  /**
   * A notification handler that survives restarts. Several may listen to one method (the boot
   * previews and the topology panels both follow hostChanged): the connection keeps one handler
   * per method, a second registration replacing the first, so one dispatcher calls them all.
   */
  onNotification(method: string, handler: (params: unknown) => void): vscode.Disposable {
    const entry = { method, handler };
    const first = !this.notificationHandlers.some((e) => e.method === method);
    this.notificationHandlers.push(entry);
    if (first) this.client?.onNotification(method, (params: unknown) => this.dispatch(method, params));
    return new vscode.Disposable(() => {
      const i = this.notificationHandlers.indexOf(entry);
      if (i !== -1) this.notificationHandlers.splice(i, 1);
    });
  }

  private dispatch(method: string, params: unknown): void {
    for (const e of [...this.notificationHandlers]) if (e.method === method) e.handler(params);
  }

  /** The Restart Language Server command: not a crash, so no notice, and earlier crashes are forgotten. */
  restart(): Promise<void> {
    const next = this.restarting.then(() => this.restartNow());
    this.restarting = next.catch(() => undefined);
    return next;
  }

  private async restartNow(): Promise<void> {
    this.policy.reset();
    this.restartNoticePending = false;
    const old = this.client;
    if (old?.state === State.Starting) await old.start().catch(() => undefined); // let it settle first
    if (old?.state === State.Running) {
      try {
        await old.stop();
      } catch (e) {
        // Timed out or failed: the library kills the process; a fresh client keeps its late
        // close event away from the new server.
        this.output.warn(`Stopping the language server failed: ${e instanceof Error ? e.message : String(e)}`);
        await this.replaceClient();
        return;
      }
    }
    if (old && old.state === State.Stopped) {
      await old.start();
      return;
    }
    // Never started, or its start failed (the library keeps a failed client failed).
    await this.replaceClient();
  }

  private async replaceClient(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.clientListener?.dispose();
    await old?.dispose().catch(() => undefined);
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (client?.state === State.Running) await client.stop().catch(() => undefined);
  }

  dispose(): void {
    this.clientListener?.dispose();
    this.started.dispose();
    this.notices.dispose();
  }

  private createClient(): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc, options: { env: this.serverEnv, execArgv: [...SERVER_NODE_OPTIONS] } },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { env: this.serverEnv, execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        ...LANGUAGES.flatMap((language) => [
          { scheme: 'file', language },
          { scheme: 'untitled', language },
        ]),
        // Captures of the running system: the server compares them with the boot files.
        { scheme: 'file', pattern: CAPTURE_PATTERN },
      ],
      initializationOptions: { clientCommands: true },
      diagnosticCollectionName: 'ipmp',
      outputChannel: this.output,
      errorHandler: this.errorHandler(),
      // Without a handler the library shows the failure's message and "Server initialization
      // failed." as two popups, even when the server only died while starting (closed() handles
      // that). Either way the server is stopped; a failure that is no crash is still shown once,
      // by the client's "couldn't create connection to server" (see CrashQuietClient).
      initializationFailedHandler: () => false,
    };
    const client = new CrashQuietClient('solarisIpmp', 'Solaris IPMP', serverOptions, clientOptions);
    for (const method of new Set(this.notificationHandlers.map((e) => e.method))) client.onNotification(method, (params: unknown) => this.dispatch(method, params));
    this.clientListener = client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) this.runningPid = undefined;
      if (newState !== State.Running) return;
      const child = client.serverProcess;
      const pid = child?.pid;
      this.runningPid = pid;
      this.exit = undefined;
      if (this.restartNoticePending) {
        this.restartNoticePending = false;
        this.notify('restarted');
      }
      if (!child || pid === undefined) return;
      this.output.info(`The language server (pid ${pid}) is running.`);
      // 'exit' comes before 'close', which is what closes the connection: known in closed().
      child.once('exit', (code, signal) => {
        this.exit = { pid, code, signal };
      });
      this.started.fire(pid);
    });
    return client;
  }

  private errorHandler(): ErrorHandler {
    const { maxCrashes, windowMs } = this.policy.options;
    return {
      // A failed read or write is logged, and the connection kept: vscode-languageclient's
      // default shuts the server down after three in a row, which turns a crash into a server
      // that is never restarted (writes to a killed process fail before its connection closes).
      // A dead server always closes the connection, and closed() decides then.
      error: (error): ErrorHandlerResult => ({
        action: ErrorAction.Continue,
        handled: true,
        message: `Reading from or writing to the language server failed: ${error.message}`,
      }),
      closed: (): CloseHandlerResult => {
        // A process stopped on purpose earlier may report its exit late: only this server's counts.
        const exit = this.exit?.pid === this.runningPid ? this.exit : undefined;
        this.exit = undefined;
        const what = `The language server${exit ? ` (pid ${exit.pid})` : ''} ${describeExit(exit)} unexpectedly`;
        const decision = this.policy.crashed();
        if (decision.notice === 'restarted') this.restartNoticePending = true; // told once it is up
        else if (decision.notice) this.notify(decision.notice);
        if (!decision.restart) this.restartNoticePending = false;
        const count = `crash ${decision.crashes} within ${describeWindow(windowMs)}`;
        if (decision.restart) {
          return { action: CloseAction.Restart, handled: true, message: `${what}; restarting it (${count}; crash ${maxCrashes} is not restarted).` };
        }
        return {
          action: CloseAction.DoNotRestart,
          handled: true,
          message: `${what} (${count}): not restarting it again. Run "${RESTART_COMMAND_TITLE}" to start it.`,
        };
      },
    };
  }

  /** One non-modal notification, in our words, with what the user can do about it. */
  private notify(kind: CrashNotice): void {
    const message = noticeText(kind, this.policy.options);
    const showOutput = 'Show Output';
    const restart = 'Restart Server';
    this.notices.fire({ kind, message });
    const shown =
      kind === 'restarted'
        ? vscode.window.showWarningMessage(message, showOutput)
        : vscode.window.showErrorMessage(message, restart, showOutput);
    void shown.then((choice) => {
      if (choice === showOutput) this.output.show(true);
      else if (choice === restart) void vscode.commands.executeCommand(RESTART_COMMAND);
    });
  }
}

/**
 * A language client that leaves crashes to the error handler: the errors that only say the
 * connection to the server went away (pending requests rejected, the connection inactive) are
 * logged without vscode-languageclient's popup — even those it forces, such as "couldn't create
 * connection to server" and "Restarting server failed" when the server dies while starting.
 * ErrorHandler.closed() has already decided about the crash and told the user.
 */
class CrashQuietClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, connectionGone(data) ? false : showNotification);
  }
}

function connectionGone(data: unknown): boolean {
  return (
    data instanceof ResponseError &&
    (data.code === ErrorCodes.PendingResponseRejected || data.code === ErrorCodes.ConnectionInactive)
  );
}

/** Switches a document to LF: a text edit cannot, because VS Code keeps one EOL per document. */
async function convertToLf(uri?: string): Promise<void> {
  const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
  await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.LF));
}

async function setFileKind(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const picks: (vscode.QuickPickItem & { languageId: string })[] = [
    { label: 'hostname.<if> / hostname6.<if> / dhcp.<if>', description: 'ifconfig arguments, no comments', languageId: 'solaris-hostname' },
    { label: 'hosts / ipnodes', description: 'address name [alias...]', languageId: 'solaris-hosts' },
    { label: 'netmasks', description: 'network-number mask', languageId: 'solaris-netmasks' },
    { label: 'default/mpathd', description: 'NAME=value', languageId: 'solaris-mpathd' },
    { label: 'Plain text', description: 'not a Solaris file', languageId: 'plaintext' },
  ];
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Which Solaris file is this?' });
  if (pick) await vscode.languages.setTextDocumentLanguage(editor.document, pick.languageId);
}

/**
 * Hostname files cannot hold comments, so a rule is switched off for one of them in the
 * `solarisIpmp.ignore` setting of its workspace folder, keyed by its workspace-relative path.
 */
async function ignoreRuleInFile(uri: string, rule: string): Promise<void> {
  const target = vscode.Uri.parse(uri);
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (!folder) {
    void vscode.window.showWarningMessage('Only files inside a workspace folder can have rules switched off.');
    return;
  }
  const relative = path.posix.relative(folder.uri.path, target.path);
  const config = vscode.workspace.getConfiguration('solarisIpmp', target);
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const inspected = config.inspect<Record<string, string[]>>('ignore');
  const current = { ...((multiRoot ? inspected?.workspaceFolderValue : inspected?.workspaceValue) ?? {}) };
  const rules = new Set(current[relative] ?? []);
  rules.add(rule);
  current[relative] = [...rules].sort();
  await config.update('ignore', current, multiRoot ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
}

/** The template as a command: the server's code action, applied to the active editor. */
async function insertTemplate(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'solaris-hostname') {
    void vscode.window.showInformationMessage('Open a hostname.<if> or hostname6.<if> file to insert an IPMP template.');
    return;
  }
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    editor.selection,
    TEMPLATE_KIND.value,
  );
  const action = actions?.find((a) => a.kind && TEMPLATE_KIND.contains(a.kind));
  if (!action?.edit) {
    void vscode.window.showWarningMessage('The IPMP template is not available for this file.');
    return;
  }
  await vscode.workspace.applyEdit(action.edit);
}
