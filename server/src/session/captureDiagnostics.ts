/**
 * Diagnostics of the captures of the running system (README "Drift"): NICs no boot file plumbs,
 * capture lines we cannot read. A capture is checked against its host, so it is published when a
 * file of that host is checked, and cleared when the host no longer has it.
 */
import type { Connection } from 'vscode-languageserver';
import { toDiagnostics } from '../features/diagnostics';
import type { HostView } from '../features/hostView';
import type { LanguageService } from '../languageService';
import type { Finding } from '../rules/types';
import type { EditorDocuments } from './editorDocuments';
import type { SettingsStore } from './settingsStore';
import type { WorkspaceFolders } from './workspaceFolders';

export interface CaptureDiagnosticsDeps {
  readonly connection: Connection;
  readonly service: LanguageService;
  readonly editor: EditorDocuments;
  readonly settings: SettingsStore;
  readonly folders: WorkspaceFolders;
}

export class CaptureDiagnostics {
  /** Per capture file: its findings and the diagnostics last published for it. */
  private readonly captures = new Map<string, { findings: readonly Finding[]; published: string }>();
  /** Per host root: the captures published for it (to clear one the host no longer uses). */
  private readonly capturesOfRoot = new Map<string, Set<string>>();

  constructor(private readonly deps: CaptureDiagnosticsDeps) {}

  /** Whether this (normalized) file is a capture whose findings were published. */
  has(uri: string): boolean {
    return this.captures.has(uri);
  }

  /** A published capture's findings (its quick fixes answer from them). */
  findingsOf(uri: string): readonly Finding[] | undefined {
    return this.captures.get(uri)?.findings;
  }

  /** Checks a capture and publishes its findings, when they changed. */
  async publish(captureUri: string): Promise<void> {
    const { connection, service, editor, settings: store, folders } = this.deps;
    try {
      const settings = await store.fileSettings(captureUri);
      const found = await service.captureFindings(captureUri, async () => settings, { relativePaths: folders.relativePaths(captureUri), fallbackHostsUri: folders.fallbackHostsUri(captureUri, settings) });
      const diagnostics = found && settings.validate ? toDiagnostics(found.findings, settings, 'hostname') : [];
      const published = JSON.stringify(diagnostics);
      if (this.captures.get(captureUri)?.published === published) return;
      this.captures.set(captureUri, { findings: found?.findings ?? [], published });
      await connection.sendDiagnostics({ uri: editor.clientUri(captureUri) ?? captureUri, diagnostics });
    } catch (error) {
      connection.console.error(`Checking ${captureUri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** After a host's file was checked: its captures' findings, and none for a capture it no longer has. */
  async publishOfHost(host: HostView): Promise<void> {
    const now = new Set([host.live?.ifconfig?.uri, host.live?.ipmpstat?.uri].filter((u): u is string => u !== undefined));
    const before = this.capturesOfRoot.get(host.rootUri);
    if (now.size === 0 && !before) return;
    this.capturesOfRoot.set(host.rootUri, now);
    for (const uri of now) await this.publish(uri);
    for (const uri of before ?? []) {
      if (now.has(uri)) continue;
      this.captures.delete(uri);
      await this.deps.connection.sendDiagnostics({ uri: this.deps.editor.clientUri(uri) ?? uri, diagnostics: [] });
    }
  }
}
