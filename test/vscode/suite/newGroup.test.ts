/// <reference types="mocha" />
// "New IPMP Group…" in the real VS Code. newgroup/etc: ce0 a lone interface (ng1), ce1 plumbed
// with no address; the code action on ce0 starts the wizard, answers given to the command skip
// its steps, and the host it writes has no error or warning. newgroup2/etc: the interactive
// path, driven with the quick input's own commands (accept, Back, Escape) step by step.
// newgroup3/etc: bge0 alone, its subnet missing from netmasks; a new NIC typed, the subnet changed.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, codeActionsAt, codeOf, fixtureUri, openFixture, settledDiagnostics } from './helpers';

const NEW_GROUP = 'solarisIpmp.newGroup';
const KIND = vscode.CodeActionKind.RefactorRewrite.append('ipmpNewGroup');

interface ShownStep {
  readonly title: string;
  readonly items?: readonly string[];
  readonly value?: string;
  readonly choose?: (labels: readonly string[]) => void;
  readonly setValue?: (value: string) => void;
}

interface Outcome {
  readonly answers: { nics: string[]; layout: string; group: string; data: { name: string; address: string } | null; tests: Record<string, { name: string; address: string }> };
  readonly files: readonly string[];
  readonly problems: readonly string[];
}

async function read(relative: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(relative)));
  } catch {
    return undefined;
  }
}

/** Errors and warnings of the host's files, settled, as "file: code message". */
async function problemsOf(files: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const doc = await vscode.workspace.openTextDocument(fixtureUri(file));
    const ds = await settledDiagnostics(doc);
    // The marker's insert and removal leave the same text, but dirty: write it back unchanged.
    if (doc.isDirty) await doc.save();
    for (const d of ds) if (d.severity <= vscode.DiagnosticSeverity.Warning) problems.push(`${file}: ${codeOf(d)} "${d.message}"`);
  }
  return problems;
}

/**
 * Runs the wizard on `uri`; at each step shown, `act` names the quick input command to run
 * (after a moment for the step to draw). Resolves with what the command returned and the steps seen.
 */
async function drive(uri: vscode.Uri, act: (step: ShownStep, seen: number) => string): Promise<{ outcome: Outcome | undefined; steps: ShownStep[] }> {
  const steps: ShownStep[] = [];
  const onStep = (step: ShownStep): void => {
    steps.push(step);
    const command = act(step, steps.length);
    setTimeout(() => void vscode.commands.executeCommand(command), 300);
  };
  const outcome = await vscode.commands.executeCommand<Outcome | undefined>(NEW_GROUP, { uri: uri.toString(), onStep });
  return { outcome, steps };
}

suite('New IPMP Group', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('the code action on a lone interface starts it; answers given as argument skip the steps; the host it writes is clean', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(NEW_GROUP));
    const ce0 = await openFixture('newgroup/etc/hostname.ce0');
    const actions = await codeActionsAt(ce0.uri, new vscode.Range(0, 0, 0, 0), KIND);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind?.value, a.command?.command]), [['Make ce0 part of a new IPMP group…', 'refactor.rewrite.ipmpNewGroup', NEW_GROUP]]);
    const [start] = actions[0]!.command!.arguments as [{ uri: string; nic: string }];
    assert.strictEqual(start.nic, 'ce0');

    const outcome = await vscode.commands.executeCommand<Outcome>(NEW_GROUP, {
      ...start,
      // e1000g3 has no file yet: it is created, as the standby.
      answers: { nics: ['ce0', 'ce1', 'e1000g3'], layout: 'active-standby', group: 'ng' },
      acceptProposals: true,
      apply: true,
    });
    assert.ok(outcome, 'the command returns what it wrote');
    assert.deepStrictEqual(outcome.problems, []);
    assert.deepStrictEqual(outcome.answers.tests, {
      ce0: { name: 'ng1-ce0-test', address: '192.168.70.12' },
      ce1: { name: 'ng1-ce1-test', address: '192.168.70.13' },
      e1000g3: { name: 'ng1-e1000g3-test', address: '192.168.70.14' },
    });
    // Written and saved: the §3.7 active-standby shapes, the hosts entries (tab-separated).
    assert.strictEqual(await read('newgroup/etc/hostname.ce0'), 'ng1 netmask + broadcast + group ng up \\\naddif ng1-ce0-test deprecated -failover netmask + broadcast + up\n');
    assert.strictEqual(await read('newgroup/etc/hostname.ce1'), 'ng1-ce1-test deprecated -failover netmask + broadcast + group ng up\n');
    assert.strictEqual(await read('newgroup/etc/hostname.e1000g3'), 'ng1-e1000g3-test netmask + broadcast + deprecated -failover group ng standby up\n');
    assert.strictEqual(
      await read('newgroup/etc/hosts'),
      '127.0.0.1\tlocalhost\n192.168.70.10\tng1\tloghost\n192.168.70.11\tng1-printer\n192.168.70.12\tng1-ce0-test\n192.168.70.13\tng1-ce1-test\n192.168.70.14\tng1-e1000g3-test\n',
    );
    assert.strictEqual(await read('newgroup/etc/netmasks'), '192.168.70.0\t255.255.255.0\n', 'the subnet had its netmasks entry');
    for (const uri of outcome.files) assert.ok(!vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(uri).toString())?.isDirty, `${uri} saved`);
    assert.deepStrictEqual(await problemsOf(['newgroup/etc/hostname.ce0', 'newgroup/etc/hostname.ce1', 'newgroup/etc/hostname.e1000g3', 'newgroup/etc/hosts', 'newgroup/etc/netmasks']), []);
    // A member now: the action is gone.
    assert.deepStrictEqual(await codeActionsAt(ce0.uri, new vscode.Range(0, 0, 0, 0), KIND), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Escape at a step writes nothing', async () => {
    const before = await Promise.all(['hostname.e1000g0', 'hostname.e1000g1', 'hosts', 'netmasks'].map((f) => read(`newgroup2/etc/${f}`)));
    // Accept the NICs and the layout, then Escape on the group name.
    const { outcome, steps } = await drive(fixtureUri('newgroup2/etc/hostname.e1000g0'), (_, seen) => (seen < 3 ? 'workbench.action.acceptSelectedQuickOpenItem' : 'workbench.action.closeQuickOpen'));
    assert.strictEqual(outcome, undefined);
    assert.deepStrictEqual(steps.map((s) => s.title), ['New IPMP Group — newgroup2/etc (1/5)', 'New IPMP Group — newgroup2/etc (2/5)', 'New IPMP Group — newgroup2/etc (3/5)']);
    assert.strictEqual(steps[2]!.value, 'ipmp0');
    const after = await Promise.all(['hostname.e1000g0', 'hostname.e1000g1', 'hosts', 'netmasks'].map((f) => read(`newgroup2/etc/${f}`)));
    assert.deepStrictEqual(after, before);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.path.includes('/newgroup2/')), 'no document changed');
  });

  test('interactive: each step with its step counter, Back, the proposals accepted, then the preview writes the group', async () => {
    let backed = false;
    const { outcome, steps } = await drive(fixtureUri('newgroup2/etc/hostname.e1000g0'), (step) => {
      // Once, on the layout step: Back to the NICs.
      if (!backed && step.title.endsWith('(2/5)')) {
        backed = true;
        return 'workbench.action.quickInputBack';
      }
      return 'workbench.action.acceptSelectedQuickOpenItem';
    });
    assert.deepStrictEqual(steps.map((s) => s.title.replace(/^New IPMP Group — newgroup2\/etc /, '')), ['(1/5)', '(2/5)', '(1/5)', '(2/5)', '(3/5)', '(4/5)', '(5/5)']);
    assert.deepStrictEqual(steps[0]!.items, ['e1000g0', 'e1000g1', '$(add) New interface…']);
    assert.deepStrictEqual(steps[1]!.items, ['Active-active, probe-based', 'Active-standby, probe-based', 'Link-based only', 'IPv6 link-local test addresses']);
    assert.deepStrictEqual(steps[5]!.items, [
      '$(check) Use these addresses',
      '10.70.0.0/24',
      'Data address: ng2  10.70.0.10',
      // No nodename file: test names start from the host folder.
      'e1000g0 test address: newgroup2-e1000g0-test  10.70.0.11',
      'e1000g1 test address: newgroup2-e1000g1-test  10.70.0.12',
    ]);
    assert.deepStrictEqual(steps[6]!.items, ['$(check) Write group ipmp0', '$(replace-all) hostname.e1000g0', '$(replace-all) hostname.e1000g1', '$(add) hosts']);
    assert.ok(outcome, 'written');
    assert.strictEqual(await read('newgroup2/etc/hostname.e1000g0'), 'ng2 netmask + broadcast + group ipmp0 up \\\naddif newgroup2-e1000g0-test deprecated -failover netmask + broadcast + up\n');
    assert.strictEqual(await read('newgroup2/etc/hostname.e1000g1'), 'newgroup2-e1000g1-test deprecated -failover netmask + broadcast + group ipmp0 up\n');
    assert.match((await read('newgroup2/etc/hosts')) ?? '', /\n10\.70\.0\.11\tnewgroup2-e1000g0-test\n10\.70\.0\.12\tnewgroup2-e1000g1-test\n$/);
    assert.deepStrictEqual(await problemsOf(['newgroup2/etc/hostname.e1000g0', 'newgroup2/etc/hostname.e1000g1', 'newgroup2/etc/hosts', 'newgroup2/etc/netmasks']), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('interactive: a new interface typed, link-based, a group name and a subnet typed: the netmasks entry is added', async () => {
    const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';
    const { outcome, steps } = await drive(fixtureUri('newgroup3/etc/hostname.bge0'), (step, seen) => {
      switch (seen) {
        case 1:
          step.choose!(['bge0', '$(add) New interface…']);
          break;
        case 2:
          step.setValue!('bge1');
          break;
        case 4:
          step.choose!(['Link-based only']);
          break;
        case 5:
          step.setValue!('front');
          break;
        case 6:
          // The classful /16 netmask + gives now: change it to the /24 meant.
          step.choose!(['172.16.0.0/16']);
          break;
        case 7:
          step.setValue!('172.16.5.0/24');
          break;
      }
      return ACCEPT;
    });
    const counters = steps.map((s) => s.title.replace(/^New IPMP Group — newgroup3\/etc /, ''));
    assert.deepStrictEqual(counters, ['(1/5)', '(1/5)', '(1/5)', '(2/5)', '(3/5)', '(4/5)', '(4/5)', '(4/5)', '(5/5)']);
    assert.deepStrictEqual(steps[2]!.items, ['bge0', 'bge1', '$(add) New interface…']);
    assert.deepStrictEqual(steps[7]!.items, ['$(check) Use these addresses', '172.16.5.0/24', 'Data address: ng3  172.16.5.20']);
    assert.deepStrictEqual(steps[8]!.items, ['$(check) Write group front', '$(replace-all) hostname.bge0', '$(new-file) hostname.bge1', '$(add) netmasks']);
    assert.ok(outcome);
    assert.strictEqual(await read('newgroup3/etc/hostname.bge0'), 'ng3 netmask + broadcast + group front up\n');
    assert.strictEqual(await read('newgroup3/etc/hostname.bge1'), 'group front up\n');
    assert.strictEqual(await read('newgroup3/etc/netmasks'), '172.16.9.0\t255.255.255.0\n172.16.5.0\t255.255.255.0\n');
    assert.deepStrictEqual(await problemsOf(['newgroup3/etc/hostname.bge0', 'newgroup3/etc/hostname.bge1', 'newgroup3/etc/hosts', 'newgroup3/etc/netmasks']), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
