/**
 * "Paste Running Configuration": the output of `ifconfig -a` (or `ipmpstat`) copied from a
 * terminal on the host goes into the capture file beside the host's etc/ (README "Drift"),
 * where the language server compares it with the boot files.
 */
import * as vscode from 'vscode';
import { IFCONFIG_CAPTURE_NAMES, IPMPSTAT_CAPTURE_NAMES, captureKind } from '../../server/src/syntax/capture';

export const PASTE_CAPTURE_COMMAND = 'solarisIpmp.pasteRunningConfiguration';

/** The capture files the server reads beside a host's etc/, for the document selector. */
export const CAPTURE_PATTERN = `**/{${[...IFCONFIG_CAPTURE_NAMES, ...IPMPSTAT_CAPTURE_NAMES].join(',')}}`;

/** The folder a host's captures go in: beside its `etc`, or the host folder itself. */
export function captureFolder(fileOrFolder: vscode.Uri): vscode.Uri {
  const parts = fileOrFolder.path.split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] === 'etc') return fileOrFolder.with({ path: parts.slice(0, i).join('/') || '/' });
  }
  return vscode.Uri.joinPath(fileOrFolder, '..');
}

/** Host folders of the workspace (folders holding an etc/ with hostname files), each with its first such file. */
export async function workspaceHosts(): Promise<Map<string, { folder: vscode.Uri; file: vscode.Uri }>> {
  const files = await vscode.workspace.findFiles('**/etc/hostname{,6}.*', '**/node_modules/**', 5000);
  const hosts = new Map<string, { folder: vscode.Uri; file: vscode.Uri }>();
  for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = captureFolder(file);
    if (!hosts.has(folder.toString())) hosts.set(folder.toString(), { folder, file });
  }
  return hosts;
}

async function pickHost(): Promise<vscode.Uri | undefined> {
  const folders = [...(await workspaceHosts()).values()].map((h) => h.folder);
  const items = folders.sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage('Solaris IPMP: no host with an etc/hostname.<if> file in this workspace to paste the running configuration for.');
    return undefined;
  }
  if (items.length === 1) return items[0]!.uri;
  const picked = await vscode.window.showQuickPick(items, { title: 'Paste Running Configuration', placeHolder: 'The host whose ifconfig -a output is on the clipboard' });
  return picked?.uri;
}

/**
 * Writes the clipboard (or `text`, for tests and scripts) to the host's capture file and opens
 * it. `target`: a file or folder of the host; without one, the active editor's file, else a pick.
 */
export async function pasteRunningConfiguration(target?: vscode.Uri, text?: string): Promise<vscode.Uri | undefined> {
  const content = text ?? (await vscode.env.clipboard.readText());
  const kind = captureKind(content);
  if (!kind) {
    void vscode.window.showWarningMessage(
      "Solaris IPMP: the clipboard holds no 'ifconfig -a' output (lines such as 'ce0: flags=1000843<UP,…> mtu 1500 index 2') nor 'ipmpstat' tables. Copy the command's whole output on the host, then run this again.",
    );
    return undefined;
  }
  const activeFile = vscode.window.activeTextEditor?.document.uri;
  const host = target ?? (activeFile?.scheme === 'file' && /\/etc\//.test(activeFile.path) ? activeFile : await pickHost());
  if (!host) return undefined;
  const folder = captureFolder(host);
  const uri = vscode.Uri.joinPath(folder, (kind === 'ipmpstat' ? IPMPSTAT_CAPTURE_NAMES : IFCONFIG_CAPTURE_NAMES)[0]!);
  let exists = false;
  try {
    await vscode.workspace.fs.stat(uri);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists && text === undefined) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} exists. Replace it with the clipboard?`, { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const normalized = content.endsWith('\n') ? content : `${content}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(normalized));
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
