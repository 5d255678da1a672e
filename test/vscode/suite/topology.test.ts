/// <reference types="mocha" />
// Show IPMP Topology in the real VS Code: the command opens one webview panel per host beside the
// editor (running it again reveals the same panel), the picture it draws names the group, its NICs
// and their addresses, follows an unsaved edit, and Export as SVG writes a standalone picture with
// the theme's colours resolved. Waits are on the extension API's onDidRenderTopology (fires when the webview shows a
// newly drawn picture). Nothing sleeps.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SolarisIpmpApi } from '../../../client/src/extension';
import type { TopologyRendered } from '../../../client/src/topology';
import { activeExtension, eventually, openFixture } from './helpers';

const HOST = 'preview/etc';

function next<T>(event: vscode.Event<T>, what: string, accept: (value: T) => boolean = () => true, timeout = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The tabs of topology panels, in every editor group. */
function topologyTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('solarisIpmp.topology'));
}

suite('topology view', () => {
  let api: SolarisIpmpApi;

  suiteSetup(async () => {
    api = (await activeExtension()).exports as SolarisIpmpApi;
    assert.strictEqual(typeof api.onDidRenderTopology, 'function', 'the API has onDidRenderTopology');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show IPMP Topology opens one panel for the host beside the editor, draws group pvgrp with ce0 and ce1, and exports it as SVG', async () => {
    const ce0 = await openFixture(`${HOST}/hostname.ce0`);
    const ofHost = (r: TopologyRendered): boolean => r.rootUri.endsWith(`/${HOST}`);
    const rendered = next(api.onDidRenderTopology, 'the topology to render', ofHost);
    await vscode.commands.executeCommand('solarisIpmp.showTopology', ce0.uri.toString());
    const picture = await rendered;
    assert.strictEqual(picture.failed, null);
    for (const part of ['data-group="pvgrp"', 'data-nic="ce0"', 'data-nic="ce1"', 'data-address="192.168.80.10"', 'data-address="192.168.80.11"', 'data-address="192.168.80.12"']) {
      assert.ok(picture.svg.includes(part), `the picture has ${part}`);
    }
    const [tab] = await eventually('the topology tab', () => (topologyTabs().length ? topologyTabs() : undefined));
    assert.strictEqual(tab!.label, `Topology: ${HOST}`);
    assert.strictEqual(tab!.group.viewColumn, vscode.ViewColumn.Two, 'beside the editor');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), ce0.uri.toString(), 'the focus stays on the hostname file');

    // Again, from another file of the same host: the same panel, revealed.
    const hosts = await openFixture(`${HOST}/hosts`);
    await vscode.commands.executeCommand('solarisIpmp.showTopology', hosts.uri);
    assert.strictEqual(topologyTabs().length, 1, 'one panel per host');

    // An unsaved edit of a file of the host: the picture follows it.
    const moved = '192.168.80.20';
    const redrawn = next(api.onDidRenderTopology, 'the topology to follow the edit', (r) => ofHost(r) && r.svg.includes(`data-address="${moved}"`));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(ce0.uri, new vscode.Range(0, 0, 0, ce0.lineAt(0).text.split(/\s/)[0]!.length), moved);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await redrawn;
    await vscode.window.showTextDocument(ce0);
    const reverted = next(api.onDidRenderTopology, 'the topology after the revert', (r) => ofHost(r) && r.svg.includes('data-address="192.168.80.10"'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await reverted;
    assert.ok(!ce0.isDirty);

    // Export as SVG to a file the test names (the save dialog is for people).
    const target = vscode.Uri.file(path.join(mkdtempSync(path.join(tmpdir(), 'ipmp-topology-')), 'preview.svg'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('solarisIpmp.exportTopologySvg', target, ce0.uri.toString());
    assert.strictEqual(written?.toString(), target.toString());
    const svg = readFileSync(target.fsPath, 'utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /group pvgrp — [a-z- ]+ failure detection/);
    assert.match(svg, /data-nic="ce0"/);
    assert.match(svg, /data-nic="ce1"/);
    assert.match(svg, />192\.168\.80\.10 {2}ce0</);
    assert.match(svg, />192\.168\.80\.12 {2}ce1</);
    assert.ok(!svg.includes('var(--vscode'), 'theme colours resolved');
    // The background is the theme's editor background, read from the webview.
    const background = /\.tp-bg \{ fill: ([^;]+); \}/.exec(svg)?.[1];
    assert.ok(background && /^(#[0-9a-f]{3,8}|rgba?\([^)]*\))$/i.test(background.trim()), `a concrete background colour: ${background}`);
  });
});
