/**
 * Preview boot and Simulate failure: read-only documents the server fills in (the
 * `solarisIpmp/preview` request) and tells us to refresh when the host's files change (the
 * `solarisIpmp/hostChanged` notification). One document per host and per failed NIC.
 */
import * as vscode from 'vscode';
import {
  HOST_CHANGED,
  PREVIEW_BOOT_COMMAND,
  PREVIEW_REQUEST,
  SIMULATE_FAILURE_COMMAND,
  type HostChangedParams,
  type PreviewParams,
  type PreviewResult,
} from '../../server/src/protocol';

export const PREVIEW_SCHEME = 'solaris-ipmp-preview';
export const PREVIEW_LANGUAGE = 'solaris-ipmp-preview';

/** What the extension needs from the language client. */
export interface PreviewServer {
  request(method: string, params: unknown): Promise<unknown>;
  onNotification(method: string, handler: (params: unknown) => void): vscode.Disposable;
}

interface PreviewTarget {
  /** A file of the host (any). */
  readonly uri: string;
  readonly fail?: string;
}

function targetOf(uri: vscode.Uri): PreviewTarget {
  const query = new URLSearchParams(uri.query);
  return { uri: query.get('uri') ?? '', fail: query.get('fail') ?? undefined };
}

/** `solaris-ipmp-preview:/web1/etc/boot preview?uri=...`: the tab reads "boot preview" or "ce0 fails". */
export function previewUri(label: string, target: PreviewTarget): vscode.Uri {
  const query = new URLSearchParams({ uri: target.uri, ...(target.fail ? { fail: target.fail } : {}) }).toString();
  const name = target.fail ? `${target.fail} fails` : 'boot preview';
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${label.replace(/^\/+/, '')}/${name}`, query });
}

export class BootPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The host root each open preview shows, from the server's last answer. */
  private readonly roots = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a preview's text was (re)computed: for tests and anyone who waits on a refresh. */
  private readonly rendered = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRender = this.rendered.event;

  constructor(private readonly server: PreviewServer) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.commands.registerCommand(PREVIEW_BOOT_COMMAND, (uri?: string | vscode.Uri) => this.open(uri)),
      vscode.commands.registerCommand(SIMULATE_FAILURE_COMMAND, (uri?: string | vscode.Uri, nic?: string) => this.openFailure(uri, nic)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === PREVIEW_SCHEME) this.roots.delete(doc.uri.toString());
      }),
    );
    this.listen();
  }

  /** (Re)subscribes to the server's host notices: a restarted server is a new connection. */
  listen(): void {
    this.disposables.push(
      this.server.onNotification(HOST_CHANGED, (params) => {
        const root = (params as HostChangedParams).rootUri;
        for (const [uri, shown] of this.roots) if (root === '*' || root === shown) this.changed.fire(vscode.Uri.parse(uri));
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = targetOf(uri);
    let result: PreviewResult | null;
    try {
      result = (await this.server.request(PREVIEW_REQUEST, { uri: target.uri, fail: target.fail } satisfies PreviewParams)) as PreviewResult | null;
    } catch (error) {
      return `The boot preview could not be made: ${error instanceof Error ? error.message : String(error)}\n`;
    }
    if (!result) return `${target.uri} is not a Solaris network configuration file: there is no host to preview.\n`;
    this.roots.set(uri.toString(), result.rootUri);
    this.rendered.fire(uri);
    return result.text;
  }

  private fileUri(uri: string | vscode.Uri | undefined): string | undefined {
    if (uri instanceof vscode.Uri) return uri.toString();
    if (typeof uri === 'string') return uri;
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.scheme === PREVIEW_SCHEME) return targetOf(active.uri).uri;
    return active?.languageId.startsWith('solaris-') ? active.uri.toString() : undefined;
  }

  /** Preview boot: the host of `uri` (or of the active editor), beside the editor. */
  async open(uri?: string | vscode.Uri, fail?: string): Promise<vscode.TextEditor | undefined> {
    const file = this.fileUri(uri);
    if (!file) {
      void vscode.window.showInformationMessage('Open a hostname.<if>, hosts, netmasks or default/mpathd file to preview the boot of its host.');
      return undefined;
    }
    const first = (await this.server.request(PREVIEW_REQUEST, { uri: file } satisfies PreviewParams)) as PreviewResult | null;
    if (!first) {
      void vscode.window.showInformationMessage('This file belongs to no Solaris host: there is no boot to preview.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(previewUri(first.label, { uri: file, fail }));
    if (doc.languageId !== PREVIEW_LANGUAGE) await vscode.languages.setTextDocumentLanguage(doc, PREVIEW_LANGUAGE);
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  }

  /** Simulate failure: of `nic`, or of a NIC the user picks among the host's. */
  async openFailure(uri?: string | vscode.Uri, nic?: string): Promise<vscode.TextEditor | undefined> {
    const file = this.fileUri(uri);
    if (!file) {
      void vscode.window.showInformationMessage('Open a file of a Solaris host to simulate the failure of one of its NICs.');
      return undefined;
    }
    let chosen = nic;
    if (!chosen) {
      const result = (await this.server.request(PREVIEW_REQUEST, { uri: file } satisfies PreviewParams)) as PreviewResult | null;
      const nics = result?.nics ?? [];
      if (nics.length === 0) {
        void vscode.window.showInformationMessage('The boot of this host plumbs no NIC: there is nothing to fail.');
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        nics.map((n) => ({ label: n.name, description: n.group ? `group ${n.group}` : 'in no IPMP group' })),
        { placeHolder: 'Which NIC fails?' },
      );
      chosen = pick?.label;
      if (!chosen) return undefined;
    }
    return this.open(file, chosen);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
    this.rendered.dispose();
  }
}
