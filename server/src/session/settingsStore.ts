/**
 * Settings per file: the editor's (pulled per resource through `workspace/configuration` when
 * the client can, else the last pushed ones), with the file's project file on top.
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../features/settings';
import type { EffectiveSettings, LanguageService } from '../languageService';
import { parseUri } from '../syntax/uri';
import { hostRootUri } from '../workspace/hostModel';

export class SettingsStore {
  /** Whether the client answers `workspace/configuration` (told at initialize). */
  pullFromClient = false;
  private pushed: Settings = DEFAULT_SETTINGS;
  private readonly pulled = new Map<string, Promise<Settings>>();
  /** Scopes asked this turn, not yet sent (see {@link ask}). */
  private asking: { scope: string; resolve: (settings: Settings) => void }[] | undefined;
  /** What the project file (.ipmp-lint.json) could not use, told once per file and content. */
  private readonly toldConfigProblems = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
  ) {}

  /**
   * The editor's settings for a file, without its project file. Asked once per host, with the
   * host's folder (its etc) as the scope: editors give settings per folder (VS Code per
   * workspace folder, others per directory), never per file of a host, and Check All Hosts over
   * 5,000 hosts then asks 5,000 times instead of once for each of its 35,000 files.
   */
  editorSettings(uri: string): Promise<Settings> {
    if (!this.pullFromClient) return Promise.resolve(this.pushed);
    const scope = parseUri(uri).scheme === 'file' ? hostRootUri(uri) : uri;
    let pending = this.pulled.get(scope);
    if (!pending) {
      pending = this.ask(scope);
      this.pulled.set(scope, pending);
    }
    return pending;
  }

  /**
   * Scopes asked in the same turn go to the client as one request with an item each (Check All
   * Hosts asks for several hosts ahead at once): one round trip instead of one per host.
   */
  private ask(scope: string): Promise<Settings> {
    return new Promise((resolve) => {
      if (!this.asking) {
        const batch: { scope: string; resolve: (settings: Settings) => void }[] = [];
        this.asking = batch;
        queueMicrotask(() => {
          this.asking = undefined;
          // A client that cannot answer leaves the pushed settings, as a failed request always did.
          const unanswered = (): void => batch.forEach((b) => b.resolve(this.pushed));
          try {
            this.connection.workspace
              .getConfiguration(batch.map((b) => ({ scopeUri: b.scope, section: 'solarisIpmp' })))
              .then((values: unknown[]) => batch.forEach((b, i) => b.resolve(readSettings(values[i] ?? null))), unanswered);
          } catch {
            unanswered();
          }
        });
      }
      this.asking.push({ scope, resolve });
    });
  }

  /** A file's settings: the editor's, with its project file on top (README "Configuration"). */
  async fileSettings(uri: string): Promise<Settings> {
    const { settings, config } = await this.service.effectiveSettings(uri, await this.editorSettings(uri));
    if (config) this.configUsed(config);
    return settings;
  }

  /** A project file was used: what in it could not be used is told to the user, once. */
  configUsed(config: NonNullable<EffectiveSettings['config']>): void {
    if (config.problems.length === 0) return;
    const key = `${config.uri}\n${config.problems.join('\n')}`;
    if (this.toldConfigProblems.has(key)) return;
    this.toldConfigProblems.add(key);
    const message = `${URI.parse(config.uri).fsPath}: ${config.problems.join('; ')}`;
    this.connection.console.warn(message);
    // Sent as a request (whatever the typings say): a client that cannot show it answers with an
    // error, which must not end the server as an unhandled rejection. The log has the message.
    const shown = this.connection.window.showWarningMessage(`Solaris IPMP: ${message}`) as unknown as Promise<unknown> | undefined;
    shown?.then(undefined, () => undefined);
  }

  /** The client pushed new settings (or only said they changed): ask again for every file. */
  configurationChanged(section: unknown): void {
    if (section !== undefined) this.pushed = readSettings(section);
    this.forget();
  }

  /** Forgets the settings pulled so far (the workspace folders changed). */
  forget(): void {
    this.pulled.clear();
  }
}
