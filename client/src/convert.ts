/**
 * "Convert Host to Solaris 11 ipadm": the host of the active file (or one the user picks)
 * converted by the server into a `dladm`/`ipadm` shell script, opened as an untitled document
 * (`<host>-solaris11-ipadm.sh`) beside the editor for the user to read, change and save. Nothing on disk changes.
 */
import * as vscode from 'vscode';
import { CONVERT_REQUEST, type ConvertParams, type ConvertResult } from '../../server/src/protocol';
import { captureFolder, workspaceHosts } from './liveCapture';

interface Requester {
  request(method: string, params: unknown): Promise<unknown>;
}

/** A file of the host the user picks among the workspace's (its etc/hostname.* files). */
async function pickHostFile(): Promise<vscode.Uri | undefined> {
  const hosts = await workspaceHosts();
  const items = [...hosts.values()].map((h) => ({ label: vscode.workspace.asRelativePath(h.folder), uri: h.file }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage('Solaris IPMP: no host with an etc/hostname.<if> file in this workspace to convert.');
    return undefined;
  }
  if (items.length === 1) return items[0]!.uri;
  const picked = await vscode.window.showQuickPick(items, { title: 'Convert Host to Solaris 11 ipadm', placeHolder: 'The host to convert' });
  return picked?.uri;
}

export async function convertHost(server: Requester, target?: vscode.Uri | string): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const file =
    typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? (active?.languageId.startsWith('solaris-') && active.uri.scheme === 'file' ? active.uri : await pickHostFile()));
  if (!file) return undefined;
  const result = (await server.request(CONVERT_REQUEST, { uri: file.toString() } satisfies ConvertParams)) as ConvertResult | null;
  if (!result) {
    void vscode.window.showInformationMessage('This file belongs to no Solaris host: there is nothing to convert.');
    return undefined;
  }
  // An untitled document named after the host (web1-solaris11-ipadm.sh beside web1/etc): Save
  // offers that name; converting the same host again replaces its text.
  const folder = captureFolder(vscode.Uri.parse(result.rootUri));
  const name = `${folder.path.split('/').filter(Boolean).pop() ?? 'host'}-solaris11-ipadm.sh`;
  const script = vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(script);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(script, new vscode.Range(0, 0, doc.lineCount, 0), result.text);
  await vscode.workspace.applyEdit(edit);
  if (doc.languageId !== 'shellscript') await vscode.languages.setTextDocumentLanguage(doc, 'shellscript');
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const groups = result.groups.map((g) => `${g.group} → ${g.ipmpInterface}`).join(', ');
  const left = result.notConverted ? ` ${result.notConverted} setting${result.notConverted === 1 ? ' has' : 's have'} no Solaris 11 equivalent: see the end of the script.` : '';
  void vscode.window.showInformationMessage(`Solaris IPMP: ${result.label} converted to ${result.commands} Solaris 11 command${result.commands === 1 ? '' : 's'}${groups ? ` (IPMP ${groups})` : ''}.${left}`);
  return editor;
}
