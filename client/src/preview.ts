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
  /**
   * The host root each preview shows, from the server's last answer. Kept while the document may
   * be open: VS Code closes and reopens a document when its language is set (as `open` does), so a
   * close event does not mean the preview is gone; entries of documents no longer open are dropped
   * when a host notice comes.
   */
  private readonly roots = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a preview's text was (re)computed and the document shows it: for tests and anyone who waits on a refresh. */
  private readonly rendered = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRender = this.rendered.event;
  /** Per preview, the wait for the document to show the latest text (a newer text ends the older wait). */
  private readonly showing = new Map<string, vscode.Disposable>();

  constructor(private readonly server: PreviewServer) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.commands.registerCommand(PREVIEW_BOOT_COMMAND, (uri?: string | vscode.Uri) => this.open(uri)),
      vscode.commands.registerCommand(SIMULATE_FAILURE_COMMAND, (uri?: string | vscode.Uri, nic?: string) => this.openFailure(uri, nic)),
    );
    this.listen();
  }

  /** (Re)subscribes to the server's host notices: a restarted server is a new connection. */
  listen(): void {
    this.disposables.push(
      this.server.onNotification(HOST_CHANGED, (params) => {
        const root = (params as HostChangedParams).rootUri;
        const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW_SCHEME).map((d) => d.uri.toString()));
        for (const [uri, shown] of this.roots) {
          if (!open.has(uri)) this.roots.delete(uri);
          else if (root === '*' || root === shown) this.changed.fire(vscode.Uri.parse(uri));
        }
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
    this.fireWhenShown(uri, result.text);
    return result.text;
  }

  /**
   * onDidRender for `uri` once its document holds `text`: VS Code puts the text into the document
   * only after this provider returns (opened, or changed by an edit of its own).
   */
  private fireWhenShown(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    this.showing.get(key)?.dispose();
    const shows = (doc: vscode.TextDocument): boolean => doc.uri.toString() === key && doc.getText().replace(/\r\n/g, '\n') === text;
    let fired = false;
    const fire = (): void => {
      if (fired) return;
      fired = true;
      subscription.dispose();
      this.rendered.fire(uri);
    };
    const subscription = vscode.Disposable.from(
      vscode.workspace.onDidOpenTextDocument((doc) => shows(doc) && fire()),
      vscode.workspace.onDidChangeTextDocument((e) => shows(e.document) && fire()),
      new vscode.Disposable(() => {
        if (this.showing.get(key) === subscription) this.showing.delete(key);
      }),
    );
    this.showing.set(key, subscription);
    // The same text as shown already: VS Code changes nothing, so no event will come.
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (current && shows(current)) queueMicrotask(fire);
  }

  private fileUri(uri: string | vscode.Uri | undefined): string | undefined {
    if (uri instanceof vscode.Uri) return uri.toString();
    if (typeof uri === 'string') return uri;
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.scheme === PREVIEW_SCHEME) return targetOf(active.uri).uri;
    if (active?.languageId.startsWith('solaris-')) return active.uri.toString();
    // Run from elsewhere (the walkthrough, a terminal): a Solaris file still open in an editor.
    const isHostFile = (d: vscode.TextDocument): boolean => d.uri.scheme === 'file' && d.languageId.startsWith('solaris-') && d.languageId !== PREVIEW_LANGUAGE;
    const open = vscode.window.visibleTextEditors.map((e) => e.document).find(isHostFile) ?? vscode.workspace.textDocuments.find(isHostFile);
    return open?.uri.toString();
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
    for (const d of [...this.showing.values()]) d.dispose();
    this.changed.dispose();
    this.rendered.dispose();
  }
}
