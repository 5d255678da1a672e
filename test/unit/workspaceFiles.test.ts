/**
 * The walk behind Check All Hosts (server/src/workspace/workspaceFiles.ts), on an injected file
 * system: the files ipmp-lint would check, each folder's files (in name order) before its subfolders;
 * .git/node_modules/.svn/.hg skipped; a symlinked hosts file leading to inet/hosts left out;
 * cancellation between folders.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSystem } from '../../server/src/workspace/fileSystem';
import { inWalkedTree, workspaceFiles } from '../../server/src/workspace/workspaceFiles';

type Entry = { name: string; kind: 'file' | 'directory' | 'symlink' | 'other' };

/** A file system from a list of paths (a trailing `@target` makes a symlink; `/` ends a folder). */
function fakeFs(paths: readonly string[]): FileSystem & { listed: string[] } {
  const dirs = new Map<string, Entry[]>();
  const links = new Map<string, string>();
  const add = (dir: string, entry: Entry): void => {
    const list = dirs.get(dir) ?? [];
    if (!list.some((e) => e.name === entry.name)) list.push(entry);
    dirs.set(dir, list);
  };
  for (const raw of paths) {
    const [p, target] = raw.split('@') as [string, string | undefined];
    const isDir = p.endsWith('/');
    const parts = p.replace(/\/$/, '').split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`.replace(/^\/$/, '/');
      const last = i === parts.length - 1;
      add(dir, { name: parts[i]!, kind: !last || isDir ? 'directory' : target !== undefined ? 'symlink' : 'file' });
    }
    if (target !== undefined) links.set(p, target);
  }
  const listed: string[] = [];
  return {
    listed,
    readFile: async () => undefined,
    readDirectory: async (p) => (dirs.get(p) ?? []).map((e) => e.name),
    listDirectory: async (p) => {
      listed.push(p);
      return dirs.get(p) ?? [];
    },
    resolveLink: async (p) => {
      const target = links.get(p);
      return !target ? undefined : { target, isFile: !target.endsWith('/') };
    },
  };
}

const names = (files: readonly { uri: string; kind: string }[]): string[] => files.map((f) => `${f.uri.replace('file:///ws/', '')} ${f.kind}`);

describe('workspaceFiles', () => {
  test('every file of ours, host by host in name order; folders ipmp-lint skips are skipped', async () => {
    const fs = fakeFs([
      '/ws/web1/etc/hostname.ce1',
      '/ws/web1/etc/hostname.ce0',
      '/ws/web1/etc/hosts',
      '/ws/web1/etc/inet/ipnodes',
      '/ws/web1/etc/default/mpathd',
      '/ws/web1/etc/motd',
      '/ws/db1/etc/inet/netmasks',
      '/ws/db1/etc/dhcp.e1000g0',
      '/ws/notes/hosts', // a bare hosts file outside etc: an inventory, not ours
      '/ws/node_modules/x/etc/hostname.ce0',
      '/ws/.git/etc/hostname.ce0',
      '/ws/.hg/etc/hosts',
      '/ws/.svn/etc/hosts',
      '/ws/loose/hostname6.bge0',
    ]);
    const files = await workspaceFiles(fs, ['file:///ws'], { yieldNow: async () => {} });
    assert.deepEqual(names(files), [
      'db1/etc/dhcp.e1000g0 hostname',
      'db1/etc/inet/netmasks netmasks',
      'loose/hostname6.bge0 hostname',
      // A folder's files, then its subfolders.
      'web1/etc/hostname.ce0 hostname',
      'web1/etc/hostname.ce1 hostname',
      'web1/etc/hosts hosts',
      'web1/etc/default/mpathd mpathd',
      'web1/etc/inet/ipnodes hosts',
    ]);
    assert.ok(!fs.listed.some((p) => /node_modules|\.git|\.hg|\.svn/.test(p)), fs.listed.join(', '));
  });

  test('a symlink to a file of ours is left out (its target is checked); other links are files of their own', async () => {
    const fs = fakeFs([
      '/ws/h/etc/inet/hosts',
      '/ws/h/etc/hosts@/ws/h/etc/inet/hosts',
      '/ws/h/etc/netmasks@/srv/shared/masks',
      '/ws/h/etc/hostname.ce0@/ws/h/etc/somewhere/',
      '/ws/h/etc/hostname.ce1@',
    ]);
    const files = await workspaceFiles(fs, ['file:///ws'], { yieldNow: async () => {} });
    // hostname.ce1 leads nowhere: kept, so the check can say it could not be read.
    assert.deepEqual(names(files), ['h/etc/hostname.ce1 hostname', 'h/etc/netmasks netmasks', 'h/etc/inet/hosts hosts']);
  });

  test('two folders, one inside the other: each file once', async () => {
    const fs = fakeFs(['/ws/a/etc/hosts']);
    const files = await workspaceFiles(fs, ['file:///ws', 'file:///ws/a'], { yieldNow: async () => {} });
    assert.deepEqual(names(files), ['a/etc/hosts hosts']);
  });

  test('stops between folders once cancelled, yielding to the event loop in between', async () => {
    const fs = fakeFs(Array.from({ length: 20 }, (_, i) => `/ws/h${String(i).padStart(2, '0')}/etc/hosts`));
    let yields = 0;
    const files = await workspaceFiles(fs, ['file:///ws'], { yieldNow: async () => void yields++, cancelled: () => yields >= 7 });
    assert.equal(yields, 7);
    assert.ok(files.length < 20, `${files.length} files before the cancellation`);
  });

  test('non-file folders are not walked', async () => {
    const fs = fakeFs(['/ws/a/etc/hosts']);
    assert.deepEqual(await workspaceFiles(fs, ['untitled:ws', 'vscode-vfs://github/ws'], { yieldNow: async () => {} }), []);
  });
});

describe('inWalkedTree', () => {
  test('inside a folder and not under a skipped one', () => {
    assert.equal(inWalkedTree('file:///ws/web1/etc/hosts', ['file:///ws']), true);
    assert.equal(inWalkedTree('file:///ws/node_modules/x/etc/hosts', ['file:///ws']), false);
    assert.equal(inWalkedTree('file:///other/etc/hosts', ['file:///ws']), false);
    assert.equal(inWalkedTree('file:///ws2/etc/hosts', ['file:///ws']), false);
  });
});
