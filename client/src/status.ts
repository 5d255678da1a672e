/**
 * The language status of the four Solaris languages (the `{}` in the status bar): which host the
 * active file belongs to and where its names come from, the target release (with a way to change
 * it), and the problems of the host's files. Refreshed when the active editor, the diagnostics,
 * the settings or a file of the host change.
 */
import * as vscode from 'vscode';
import { PREVIEW_BOOT_COMMAND, HOST_CHANGED, HOST_STATUS_REQUEST, type HostStatusParams, type HostStatusResult } from '../../server/src/protocol';
import { RELEASES, RELEASE_DESCRIPTIONS, RELEASE_LABELS, type Release } from '../../server/src/catalog/releases';

export const SELECT_RELEASE_COMMAND = 'solarisIpmp.selectRelease';

const SELECTOR: vscode.DocumentSelector = ['solaris-hostname', 'solaris-hosts', 'solaris-netmasks', 'solaris-mpathd'].map((language) => ({ language }));

interface Server {
  request(method: string, params: unknown): Promise<unknown>;
  /** Undefined when no server runs: a refresh never starts one. */
  requestIfRunning(method: string, params: unknown): Promise<unknown>;
  onNotification(method: string, handler: (params: unknown) => void): vscode.Disposable;
  readonly api: { readonly onDidStartServer: vscode.Event<number> };
}

/** What an item shows, for tests (the API) and the output. */
export interface LanguageStatusShown {
  readonly id: string;
  readonly text: string;
  readonly detail: string;
  readonly severity: 'information' | 'warning' | 'error';
  readonly command?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class HostLanguageStatus implements vscode.Disposable {
  private readonly host = vscode.languages.createLanguageStatusItem('solarisIpmp.host', SELECTOR);
  private readonly release = vscode.languages.createLanguageStatusItem('solarisIpmp.release', SELECTOR);
  private readonly problems = vscode.languages.createLanguageStatusItem('solarisIpmp.problems', SELECTOR);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<readonly LanguageStatusShown[]>();
  /** Fires with what the items show each time they are refreshed. */
  readonly onDidUpdate = this.updated.event;
  private last: HostStatusResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Refreshes are numbered: an answer to an older one is dropped. */
  private generation = 0;

  constructor(private readonly server: Server) {
    this.host.name = 'Solaris IPMP host';
    this.release.name = 'Solaris IPMP release';
    this.problems.name = 'Solaris IPMP problems of the host';
    for (const item of [this.host, this.release, this.problems]) item.text = '$(loading~spin)';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const root = this.last?.rootUri;
        if (!root || e.uris.some((u) => u.toString().startsWith(`${root}/`) || u.toString() === this.last?.hostsFile?.uri)) this.schedule(250);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('solarisIpmp')) this.schedule(250);
      }),
      server.onNotification(HOST_CHANGED, () => this.schedule(250)),
      server.api.onDidStartServer(() => this.schedule(0)),
    );
    this.schedule(0);
  }

  /** What the items show now. */
  shown(): LanguageStatusShown[] {
    const severity = (s: vscode.LanguageStatusSeverity): LanguageStatusShown['severity'] =>
      s === vscode.LanguageStatusSeverity.Error ? 'error' : s === vscode.LanguageStatusSeverity.Warning ? 'warning' : 'information';
    return [this.host, this.release, this.problems].map((i) => ({ id: i.id, text: i.text, detail: i.detail ?? '', severity: severity(i.severity), command: i.command?.command }));
  }

  /** The newest refresh: an older one that is overtaken resolves with it. */
  private latest: Promise<readonly LanguageStatusShown[]> = Promise.resolve([]);

  /** Refreshes now and resolves with what the items show. */
  refresh(): Promise<readonly LanguageStatusShown[]> {
    this.latest = this.update(++this.generation);
    return this.latest;
  }

  private async update(generation: number): Promise<readonly LanguageStatusShown[]> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !doc.languageId.startsWith('solaris-') || doc.languageId === 'solaris-ipmp-preview') return this.shown();
    let status: HostStatusResult | null = null;
    try {
      const answer = await this.server.requestIfRunning(HOST_STATUS_REQUEST, { uri: doc.uri.toString() } satisfies HostStatusParams);
      // No server (stopped after crashes, or not started yet): keep what is shown.
      if (answer === undefined) return this.shown();
      status = answer as HostStatusResult | null;
    } catch {
      status = null; // the server is restarting: the next change refreshes again
    }
    if (generation !== this.generation) return this.latest;
    this.show(status, doc.uri);
    // The walkthrough's first step is done once a file of a host is open.
    if (status) void vscode.commands.executeCommand('setContext', 'solarisIpmp.hostFileActive', true);
    const shown = this.shown();
    this.updated.fire(shown);
    return shown;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private show(status: HostStatusResult | null, uri: vscode.Uri): void {
    this.last = status ?? undefined;
    for (const item of [this.host, this.release, this.problems]) item.busy = false;
    if (!status) {
      this.host.text = 'No Solaris host';
      this.host.detail = 'this file is in no etc/ folder of a host';
      this.host.command = undefined;
      this.release.text = '';
      this.release.detail = '';
      this.release.command = undefined;
      this.problems.text = '';
      this.problems.detail = '';
      this.problems.command = undefined;
      return;
    }
    this.host.text = `$(server) ${status.label}`;
    this.host.detail = status.hostsFile ? `names from ${status.hostsFile.label}${status.hostsFile.fallback ? ' (solarisIpmp.fallbackHostsFile)' : ''}` : 'no hosts file: names cannot be resolved';
    this.host.severity = status.hostsFile ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    this.host.command = { title: 'Preview Boot', command: PREVIEW_BOOT_COMMAND, arguments: [uri] };

    this.release.text = status.releaseLabel;
    this.release.detail =
      status.releaseFrom.kind === 'project' ? `target release, set by ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.releaseFrom.uri))}` : status.releaseFrom.kind === 'setting' ? 'target release (solarisIpmp.release)' : 'target release (the default)';
    this.release.command = { title: 'Change', command: SELECT_RELEASE_COMMAND, arguments: [uri] };

    const p = status.problems;
    const parts = [p.errors && plural(p.errors, 'error'), p.warnings && plural(p.warnings, 'warning'), p.infos && `${p.infos} info`].filter(Boolean);
    this.problems.text = parts.length ? parts.join(', ') : '$(check) No problems';
    this.problems.detail = `in the ${plural(status.files, 'file')} of ${status.label}`;
    this.problems.severity = p.errors ? vscode.LanguageStatusSeverity.Error : p.warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.problems.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  }

  /**
   * Change the target release of a file's folder. Where a project file names the release, that
   * file decides (README precedence): it is opened instead, and the user told why.
   */
  async selectRelease(target?: vscode.Uri, choice?: Release): Promise<Release | undefined> {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    const status = uri ? ((await this.server.request(HOST_STATUS_REQUEST, { uri: uri.toString() } satisfies HostStatusParams)) as HostStatusResult | null) : null;
    if (status?.releaseFrom.kind === 'project') {
      const project = vscode.Uri.parse(status.releaseFrom.uri);
      await vscode.window.showTextDocument(project);
      void vscode.window.showInformationMessage(`Solaris IPMP: ${vscode.workspace.asRelativePath(project)} sets the release of this host; change "release" there.`);
      return undefined;
    }
    const current = status?.release ?? vscode.workspace.getConfiguration('solarisIpmp', uri).get<Release>('release');
    let release = choice;
    if (!release) {
      const picked = await vscode.window.showQuickPick(
        RELEASES.map((r) => ({ label: RELEASE_LABELS[r], description: r === current ? `${r} (current)` : r, detail: RELEASE_DESCRIPTIONS[r], release: r })),
        { title: 'Solaris IPMP: Target Release', placeHolder: 'The Solaris release these files are for', matchOnDetail: true },
      );
      release = picked?.release;
    }
    if (!release) return undefined;
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    await vscode.workspace
      .getConfiguration('solarisIpmp', uri)
      .update('release', release, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global);
    return release;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    for (const item of [this.host, this.release, this.problems]) item.dispose();
    this.updated.dispose();
  }
}
