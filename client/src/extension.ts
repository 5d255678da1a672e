/**
 * The VS Code side: starts the bundled language server and implements the few commands
 * that need the editor itself. Everything else travels over LSP.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGES = ['solaris-hostname', 'solaris-hosts', 'solaris-netmasks', 'solaris-mpathd'] as const;
const TEMPLATE_KIND = vscode.CodeActionKind.Refactor.append('ipmpTemplate');

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: { clientCommands: true },
    diagnosticCollectionName: 'ipmp',
  };
  client = new LanguageClient('solarisIpmp', 'Solaris IPMP', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('solarisIpmp.convertToLf', convertToLf),
    vscode.commands.registerCommand('solarisIpmp.setFileKind', setFileKind),
    vscode.commands.registerCommand('solarisIpmp.insertTemplate', insertTemplate),
    vscode.commands.registerCommand('solarisIpmp.ignoreRuleInFile', ignoreRuleInFile),
    vscode.commands.registerCommand('solarisIpmp.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
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
