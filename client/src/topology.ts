/**
 * Show IPMP Topology: a webview beside the editor drawing the host's IPMP groups (one panel per
 * host, revealed when open). Clicking a NIC — or Enter/Space on it — asks the server for that
 * NIC's failure and redraws; again repairs it. The panel follows the host's files
 * (`solarisIpmp/hostChanged`, unsaved edits included) and exports the picture as a standalone SVG.
 */
import * as vscode from 'vscode';
import { HOST_CHANGED, SHOW_TOPOLOGY_COMMAND, TOPOLOGY_REQUEST, type HostChangedParams, type TopologyParams, type TopologyResult } from '../../server/src/protocol';
import type { PreviewServer } from './preview';
import { THEME_VARIABLES, fallbackColors, renderTopologySvg, topologyStyle } from './topologySvg';

export const EXPORT_TOPOLOGY_SVG_COMMAND = 'solarisIpmp.exportTopologySvg';
export const TOPOLOGY_VIEW_TYPE = 'solarisIpmp.topology';

/** What the webview tells the extension. */
type FromWebview =
  | { type: 'ready' }
  | { type: 'toggle'; nic: string }
  | { type: 'export' }
  | { type: 'rendered'; version: number }
  | { type: 'colors'; id: number; colors: Record<string, string>; fontFamily?: string };

/** A topology panel drew a model: for tests and anyone who waits on a redraw. */
export interface TopologyRendered {
  readonly rootUri: string;
  /** The NIC whose failure it shows, or null. */
  readonly failed: string | null;
  /** The SVG the webview shows now. */
  readonly svg: string;
}

class TopologyPanel {
  fail: string | undefined;
  result: TopologyResult | null = null;
  svg = '';
  private version = 0;
  private ready = false;
  private colorId = 0;
  private readonly colorWaits = new Map<number, (value: { colors: Record<string, string>; fontFamily?: string } | undefined) => void>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    /** A file of the host, asked about. */
    public fileUri: string,
    private readonly owner: TopologyPanels,
  ) {}

  async refresh(): Promise<void> {
    let result: TopologyResult | null;
    try {
      result = (await this.owner.server.request(TOPOLOGY_REQUEST, { uri: this.fileUri, fail: this.fail } satisfies TopologyParams)) as TopologyResult | null;
    } catch (error) {
      void this.panel.webview.postMessage({ type: 'error', text: `The topology could not be made: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (!result) return;
    this.result = result;
    if (this.fail && !result.model.failure) this.fail = undefined; // the NIC is gone
    this.svg = renderTopologySvg(result.model);
    this.panel.title = `Topology: ${result.label}`;
    this.post();
  }

  /** Sends the current picture, once the webview's script listens. */
  post(): void {
    if (!this.ready || !this.result) return;
    const status = this.result.model.failure ? `${this.result.model.failure.nic} failed` : 'after boot';
    void this.panel.webview.postMessage({ type: 'render', svg: this.svg, status, version: ++this.version });
  }

  onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        break;
      case 'toggle':
        this.fail = this.fail === message.nic ? undefined : message.nic;
        void this.refresh();
        break;
      case 'export':
        void vscode.commands.executeCommand(EXPORT_TOPOLOGY_SVG_COMMAND, undefined, this.fileUri);
        break;
      case 'rendered':
        if (message.version === this.version && this.result) this.owner.rendered.fire({ rootUri: this.result.rootUri, failed: this.result.model.failure?.nic ?? null, svg: this.svg });
        break;
      case 'colors':
        this.colorWaits.get(message.id)?.({ colors: message.colors, fontFamily: message.fontFamily });
        this.colorWaits.delete(message.id);
        break;
    }
  }

  /** The theme's values of the picture's colours, read in the webview; undefined when it does not answer in time. */
  resolveColors(): Promise<{ colors: Record<string, string>; fontFamily?: string } | undefined> {
    if (!this.ready) return Promise.resolve(undefined);
    const id = ++this.colorId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.colorWaits.delete(id);
        resolve(undefined);
      }, 3000);
      this.colorWaits.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      void this.panel.webview.postMessage({ type: 'resolveColors', id, names: THEME_VARIABLES });
    });
  }

  /** The page: strict CSP, the script and style sheet from media/topology only. */
  html(): string {
    const webview = this.panel.webview;
    const nonce = makeNonce();
    const media = vscode.Uri.joinPath(this.owner.extensionUri, 'media', 'topology');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'topology.js'));
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'topology.css'));
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<style nonce="${nonce}">${topologyStyle()}</style>
<title>IPMP topology</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Topology">
<button type="button" id="export" data-action="export">Export as SVG…</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
<main id="topology" aria-label="IPMP topology"><p class="loading">Drawing the topology…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

export class TopologyPanels implements vscode.Disposable {
  /** Open panels by host root. */
  private readonly panels = new Map<string, TopologyPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly rendered = new vscode.EventEmitter<TopologyRendered>();
  readonly onDidRender = this.rendered.event;

  constructor(
    readonly server: PreviewServer,
    readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_TOPOLOGY_COMMAND, (uri?: string | vscode.Uri) => this.show(uri)),
      vscode.commands.registerCommand(EXPORT_TOPOLOGY_SVG_COMMAND, (target?: vscode.Uri | string, uri?: string | vscode.Uri) => this.exportSvg(target, uri)),
      this.server.onNotification(HOST_CHANGED, (params) => {
        const root = (params as HostChangedParams).rootUri;
        for (const [shown, panel] of this.panels) if (root === '*' || root === shown) void panel.refresh();
      }),
    );
  }

  private fileUri(uri: string | vscode.Uri | undefined): string | undefined {
    if (uri instanceof vscode.Uri) return uri.toString();
    if (typeof uri === 'string') return uri;
    const active = vscode.window.activeTextEditor?.document;
    return active?.languageId.startsWith('solaris-') && active.languageId !== 'solaris-ipmp-preview' ? active.uri.toString() : undefined;
  }

  /** Show IPMP Topology: the host of `uri` (or of the active editor), beside the editor. */
  async show(uri?: string | vscode.Uri): Promise<vscode.WebviewPanel | undefined> {
    const file = this.fileUri(uri);
    if (!file) {
      void vscode.window.showInformationMessage('Open a hostname.<if>, hosts, netmasks or default/mpathd file to show the IPMP topology of its host.');
      return undefined;
    }
    const first = (await this.server.request(TOPOLOGY_REQUEST, { uri: file } satisfies TopologyParams)) as TopologyResult | null;
    if (!first) {
      void vscode.window.showInformationMessage('This file belongs to no Solaris host: there is no topology to show.');
      return undefined;
    }
    const open = this.panels.get(first.rootUri);
    if (open) {
      open.panel.reveal(vscode.ViewColumn.Beside, true);
      return open.panel;
    }
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, `Topology: ${first.label}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media', 'topology')],
    });
    const view = new TopologyPanel(panel, file, this);
    this.panels.set(first.rootUri, view);
    panel.onDidDispose(() => {
      if (this.panels.get(first.rootUri) === view) this.panels.delete(first.rootUri);
    });
    panel.webview.onDidReceiveMessage((m: FromWebview) => view.onMessage(m));
    panel.webview.html = view.html();
    view.result = first;
    await view.refresh();
    return panel;
  }

  /** The panel an export means: of `uri`'s host, else the active one, else the only one. */
  private panelFor(uri: string | vscode.Uri | undefined): TopologyPanel | undefined {
    const file = uri === undefined ? undefined : uri.toString();
    if (file) {
      const byFile = [...this.panels.values()].find((p) => p.fileUri === file || (p.result && file.startsWith(`${p.result.rootUri}/`)));
      if (byFile) return byFile;
    }
    return [...this.panels.values()].find((p) => p.panel.active) ?? (this.panels.size === 1 ? [...this.panels.values()][0] : undefined);
  }

  /**
   * Export as SVG: the picture of a panel with the theme's colours written in (read from the
   * webview; VS Code's default colours for the theme's kind when it cannot answer), to `target`
   * or where the save dialog says. Returns the file written.
   */
  async exportSvg(target?: vscode.Uri | string, uri?: string | vscode.Uri): Promise<vscode.Uri | undefined> {
    const view = this.panelFor(uri);
    if (!view?.result) {
      void vscode.window.showInformationMessage('Show the IPMP topology of a host first (Solaris IPMP: Show IPMP Topology).');
      return undefined;
    }
    const resolved = await view.resolveColors();
    const kind = vscode.window.activeColorTheme.kind;
    const base = fallbackColors(kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark');
    const colors = { ...base, ...Object.fromEntries(Object.entries(resolved?.colors ?? {}).filter(([, v]) => v.trim())) };
    const svg = renderTopologySvg(view.result.model, { standalone: { colors, fontFamily: resolved?.fontFamily } });
    let file = typeof target === 'string' ? vscode.Uri.parse(target) : target;
    if (!file) {
      const name = `${view.result.label.replace(/[^\w.-]+/g, '-')}-topology${view.result.model.failure ? `-${view.result.model.failure.nic}-failed` : ''}.svg`;
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(view.fileUri))?.uri;
      file = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { 'SVG image': ['svg'] }, title: 'Export IPMP topology as SVG' });
      if (!file) return undefined;
    }
    await vscode.workspace.fs.writeFile(file, Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, 'utf8'));
    return file;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
    this.rendered.dispose();
  }
}
