/**
 * What the handlers work with: the connection and the session's state, passed explicitly so
 * each handler says what it reads.
 */
import type { Connection } from 'vscode-languageserver';
import type { EditCapabilities } from '../features/codeActions';
import type { LanguageService } from '../languageService';
import type { AnalysisCache } from '../session/analysisCache';
import type { CaptureDiagnostics } from '../session/captureDiagnostics';
import type { EditorDocuments } from '../session/editorDocuments';
import type { HostChangeNotices } from '../session/hostChangeNotices';
import type { SettingsStore } from '../session/settingsStore';
import type { WorkspaceFolders } from '../session/workspaceFolders';
import type { HostIndex } from '../workspace/hostIndex';
import type { HostModel } from '../workspace/hostModel';
import type { WorkspaceCheck } from '../workspaceCheck';

/** What the client said at initialize it can do; the answers are shaped to it. */
export interface ClientFeatures {
  markdownHover: boolean;
  markdownCompletion: boolean;
  edits: EditCapabilities;
  /** The client runs our commands (ours is VS Code with the extension): retrigger suggest, lenses that run commands. */
  clientCommands: boolean;
  definitionLinks: boolean;
  workspaceFolders: boolean;
  watchFilesDynamically: boolean;
  configurationDynamically: boolean;
}

/** Until initialize says otherwise. */
export function clientFeaturesBeforeInitialize(): ClientFeatures {
  return {
    markdownHover: true,
    markdownCompletion: true,
    edits: { documentChanges: false, createFiles: false, snippetEdits: false, clientCommands: false },
    clientCommands: false,
    definitionLinks: false,
    workspaceFolders: false,
    watchFilesDynamically: false,
    configurationDynamically: false,
  };
}

/** What checking a file and publishing its diagnostics needs. */
export interface CheckContext {
  readonly connection: Connection;
  readonly editor: EditorDocuments;
  readonly service: LanguageService;
  readonly model: HostModel;
  readonly folders: WorkspaceFolders;
  readonly settings: SettingsStore;
  readonly analyses: AnalysisCache;
  readonly captures: CaptureDiagnostics;
}

export interface ServerContext extends CheckContext {
  readonly client: ClientFeatures;
  readonly hostIndex: HostIndex;
  readonly workspaceCheck: WorkspaceCheck;
  readonly hostChanges: HostChangeNotices;
}
