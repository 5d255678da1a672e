/**
 * The Check All Hosts command: the server checks every file of every host in the workspace
 * (solarisIpmp/checkAllHosts) behind a progress notification the user can cancel; then a short
 * summary, and the Problems view.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { CHECK_ALL_HOSTS_REQUEST, type CheckAllHostsParams, type CheckAllHostsResult } from '../../server/src/protocol';

export const CHECK_ALL_HOSTS_COMMAND = 'solarisIpmp.checkAllHosts';

/** What the command needs of the language server. */
export interface CheckServer {
  request(method: string, params: unknown, token?: vscode.CancellationToken): Promise<unknown>;
  /** `$/progress` of a work-done token: percentage and message of each report. */
  onWorkDoneProgress(token: string, handler: (report: { percentage?: number; message?: string }) => void): Promise<vscode.Disposable>;
}

/** `3 errors`, `1 warning`, `0 info`. */
function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summary(result: CheckAllHostsResult): string {
  const found = `${counted(result.files, 'file')} of ${counted(result.hosts, 'host')}`;
  const problems = [counted(result.errors, 'error'), counted(result.warnings, 'warning'), `${result.infos + result.hints} info`].join(', ');
  const unreadable = result.unreadable ? ` ${counted(result.unreadable, 'file')} could not be read.` : '';
  if (result.cancelled) return `Check All Hosts was cancelled after ${found}: ${problems} so far.${unreadable}`;
  if (result.files === 0) return 'Check All Hosts found no hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks or default/mpathd files in the workspace.';
  return `Checked ${found}: ${problems}.${unreadable}`;
}

export class CheckAllHosts {
  private running: Promise<CheckAllHostsResult | undefined> | undefined;

  constructor(private readonly server: CheckServer) {}

  /** The command. A second run while one is going joins it. Resolves with the counts (the tests read them). */
  run(): Promise<CheckAllHostsResult | undefined> {
    this.running ??= this.runNow().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runNow(): Promise<CheckAllHostsResult | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Solaris IPMP: open a folder to check all of its hosts.');
      return undefined;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Solaris IPMP: checking all hosts', cancellable: true },
      async (progress, token) => {
        const workDoneToken = randomUUID();
        let shown = 0;
        const subscription = await this.server.onWorkDoneProgress(workDoneToken, ({ percentage, message }) => {
          const increment = percentage !== undefined && percentage > shown ? percentage - shown : undefined;
          if (increment !== undefined) shown = percentage!;
          progress.report({ message, increment });
        });
        try {
          const params: CheckAllHostsParams = { workDoneToken };
          return (await this.server.request(CHECK_ALL_HOSTS_REQUEST, params, token)) as CheckAllHostsResult | null;
        } finally {
          subscription.dispose();
        }
      },
    );
    if (!result) return undefined;
    void vscode.window.showInformationMessage(summary(result));
    if (result.files > 0) await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
    return result;
  }
}
