/// <reference types="mocha" />
// What the manifest's `capabilities.virtualWorkspaces` says, shown in the real VS Code: a
// hostname file served by a file system that is not the disk (as Remote Repositories serves
// one) gets the Solaris language, so highlighting and snippets, and nothing from the language
// server (it reads hosts from disk); the same text on disk gets its hover.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeExtension, hoverAt, openFixture, positionOf } from './helpers';

const SCHEME = 'ipmp-virtual';
const TEXT = 'pv1 netmask + broadcast + deprecated group pvgrp up\n';

/** A read-only file system with one host, standing in for a remote repository. */
class OneHostFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>([
    ['/repo/web9/etc/hostname.ce0', new TextEncoder().encode(TEXT)],
    ['/repo/web9/etc/hosts', new TextEncoder().encode('192.168.80.10 pv1\n')],
  ]);
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.length };
    if ([...this.files.keys()].some((k) => k.startsWith(`${uri.path}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

suite('Virtual workspaces: highlighting and snippets only, as the manifest says', () => {
  let registration: vscode.Disposable;
  suiteSetup(async () => {
    await activeExtension();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, new OneHostFileSystem(), { isReadonly: true });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration.dispose();
  });

  test('the manifest declares limited support and says what works', () => {
    const manifest = vscode.extensions.getExtension('solaris-ipmp.solaris-ipmp')!.packageJSON as { capabilities: { virtualWorkspaces: { supported: string; description: string } } };
    assert.strictEqual(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /highlighting and snippets only/);
  });

  test('a hostname file not on disk is a Solaris hostname file (highlighting, snippets) and gets no hover or problems; on disk the same text does', async () => {
    const onDisk = await openFixture('preview/etc/hostname.ce0');
    const diskHover = await hoverAt(onDisk, positionOf(onDisk, 'deprecated'));
    assert.match(diskHover, /deprecated/);

    const virtual = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SCHEME, path: '/repo/web9/etc/hostname.ce0' }));
    await vscode.window.showTextDocument(virtual);
    assert.strictEqual(virtual.languageId, 'solaris-hostname');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', virtual.uri, positionOf(virtual, 'deprecated'));
    assert.deepStrictEqual(hovers, []);
    const snippets = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', virtual.uri, new vscode.Position(1, 0));
    assert.ok(snippets.items.some((i) => i.kind === vscode.CompletionItemKind.Snippet), 'the snippets are offered');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(virtual.uri), []);
  });
});
