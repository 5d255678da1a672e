/// <reference types="mocha" />
// The solarisIpmp.* settings act live: a change in the workspace configuration re-checks the
// open files at once. Every wait is on languages.onDidChangeDiagnostics; the settings are
// restored afterwards, whatever happens.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, openFixture } from './helpers';

const SECTION = 'solarisIpmp';

async function setSetting(key: 'rules' | 'validate' | 'release', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Workspace);
}

suite('settings, live', () => {
  suiteTeardown(async () => {
    for (const key of ['rules', 'validate', 'release'] as const) await setSetting(key, undefined);
  });

  test("solarisIpmp.rules: 'off' hides a rule, 'warning' changes its severity, removing it restores the default", async () => {
    const doc = await openFixture('mistakes/etc/hostname.ce0');
    const standy = (ds: vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
      ds.find((d) => codeOf(d) === 'unknown-keyword' && doc.getText(d.range) === 'standy');
    await diagnosticsWhen(doc.uri, (ds) => standy(ds)?.severity === vscode.DiagnosticSeverity.Error, 'unknown-keyword as an error');

    await setSetting('rules', { 'unknown-keyword': 'off' });
    await diagnosticsWhen(doc.uri, (ds) => !standy(ds), 'unknown-keyword to go');

    await setSetting('rules', { 'unknown-keyword': 'warning' });
    await diagnosticsWhen(doc.uri, (ds) => standy(ds)?.severity === vscode.DiagnosticSeverity.Warning, 'unknown-keyword as a warning');

    await setSetting('rules', { 'unknown-keyword': 'hint' });
    await diagnosticsWhen(doc.uri, (ds) => standy(ds)?.severity === vscode.DiagnosticSeverity.Hint, 'unknown-keyword as a hint');

    await setSetting('rules', undefined);
    await diagnosticsWhen(doc.uri, (ds) => standy(ds)?.severity === vscode.DiagnosticSeverity.Error, 'unknown-keyword back as an error');
  });

  test('solarisIpmp.validate: false clears every problem, true brings them back', async () => {
    const doc = await openFixture('mistakes/etc/default/mpathd');
    await diagnosticsWhen(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'detection-time-units'), 'detection-time-units');
    await setSetting('validate', false);
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics');
    await setSetting('validate', undefined);
    await diagnosticsWhen(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'detection-time-units'), 'detection-time-units back');
  });

  test("solarisIpmp.release: 'ipmp' is Solaris 11 syntax on s10 and fine on osol", async () => {
    const doc = await openFixture('release/etc/hostname.ipmp0');
    const s11 = (ds: vscode.Diagnostic[]): number => ds.filter((d) => codeOf(d) === 'solaris11-syntax').length;
    await diagnosticsWhen(doc.uri, (ds) => s11(ds) > 0, 'solaris11-syntax on s10');
    await setSetting('release', 'osol');
    const onOsol = await diagnosticsWhen(doc.uri, (ds) => s11(ds) === 0, 'solaris11-syntax to go on osol');
    assert.ok(!onOsol.some((d) => codeOf(d) === 'unknown-keyword'), "'ipmp' is a keyword on osol");
    await setSetting('release', undefined);
    await diagnosticsWhen(doc.uri, (ds) => s11(ds) > 0, 'solaris11-syntax back on s10');
  });
});
