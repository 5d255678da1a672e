/**
 * The `ipmp-lint` task type: the bundled CLI run in a task terminal, its text output read back
 * by the `$ipmp-lint` problem matcher (package.json) into the Problems view. "check" is offered
 * for every workspace folder; tasks.json entries of this type (with `paths` and `args`) are
 * resolved here too.
 */
import * as vscode from 'vscode';

export const TASK_TYPE = 'ipmp-lint';
export const PROBLEM_MATCHER = '$ipmp-lint';

export interface IpmpLintTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  /** Files and folders to check, relative to the workspace folder; the folder itself when none. */
  readonly paths?: readonly string[];
  /** Further ipmp-lint options (`--release s9`, `--max-warnings 0`). */
  readonly args?: readonly string[];
}

export class IpmpLintTaskProvider implements vscode.TaskProvider {
  /** @param cli the bundled CLI, `dist/server/cli.js` */
  constructor(private readonly cli: string) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => this.task({ type: TASK_TYPE }, folder, 'check'));
  }

  /** A tasks.json entry of type ipmp-lint: the same execution, with its paths and args. */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as IpmpLintTaskDefinition;
    if (definition.type !== TASK_TYPE) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    // VS Code wants the very definition object back.
    return this.task(definition, folder, task.name, task.problemMatchers);
  }

  private task(definition: IpmpLintTaskDefinition, folder: vscode.WorkspaceFolder, name: string, matchers?: readonly string[]): vscode.Task {
    const paths = definition.paths?.length ? [...definition.paths] : ['.'];
    const options = [...(definition.args ?? [])];
    // The extension host's own executable runs the CLI as Node (VS Code's Electron, or the Node
    // of a remote host): no `node` needed on PATH. The task terminal is a terminal, so ipmp-lint
    // colours its output; the problem matcher reads the terminal's text, where colour codes are
    // already gone (tested in the real VS Code suite), so it is left on.
    const execution = new vscode.ProcessExecution(process.execPath, [this.cli, ...options, ...paths], {
      cwd: folder.uri.fsPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task(definition, folder, name, TASK_TYPE, execution, matchers?.length ? [...matchers] : [PROBLEM_MATCHER]);
    task.detail = ['ipmp-lint', ...options, ...paths].join(' ');
    return task;
  }
}

export function registerTasks(cli: string): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, new IpmpLintTaskProvider(cli));
}
