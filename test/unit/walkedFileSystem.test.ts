/**
 * The server's file system during Check All Hosts (server/src/workspace/walkedFileSystem.ts):
 * while a run goes on, the folders its walk listed answer for files that are not there, and the
 * files that are there are read by the run's reader; outside a run, and after a watched-file
 * event, the disk answers. And the reader thread itself (fileReaderWorker.ts): the same answers
 * as nodeFileSystem, many reads at once, and the fallback when it is gone.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FileNotRead, FileSystem } from '../../server/src/workspace/fileSystem';
import { FileReaderWorker } from '../../server/src/workspace/fileReaderWorker';
import { HostModel } from '../../server/src/workspace/hostModel';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { WalkedFileSystem, type FileReader } from '../../server/src/workspace/walkedFileSystem';
import { TreeFileSystem } from '../../server/src/treeFileSystem';

type Entry = { name: string; kind: 'file' | 'directory' | 'symlink' | 'other' };

/** An in-memory disk from file paths (folders implied), counting what is asked of it. */
function fakeDisk(files: Record<string, string>): FileSystem & { asked: string[]; folders: Map<string, Entry[]> } {
  const folders = new Map<string, Entry[]>();
  for (const file of Object.keys(files)) {
    const parts = file.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      const list = folders.get(dir) ?? [];
      if (!list.some((e) => e.name === parts[i])) list.push({ name: parts[i]!, kind: i === parts.length - 1 ? 'file' : 'directory' });
      folders.set(dir, list);
    }
  }
  const asked: string[] = [];
  return {
    asked,
    folders,
    readFile: async (p) => (asked.push(`read ${p}`), files[p]),
    readDirectory: async (p) => (asked.push(`readdir ${p}`), (folders.get(p) ?? []).map((e) => e.name)),
    listDirectory: async (p) => (asked.push(`list ${p}`), [...(folders.get(p) ?? [])]),
  };
}

const HOST = {
  '/ws/web1/etc/hosts': '192.168.10.10 web1\n',
  '/ws/web1/etc/hostname.ce0': 'web1 up\n',
  '/ws/web1/etc/default/mpathd': 'FAILURE_DETECTION_TIME=10000\n',
};

/** Lists every folder of the workspace (/ws) through `fs`, as the walk does. */
async function walk(fs: FileSystem, disk: ReturnType<typeof fakeDisk>): Promise<void> {
  for (const dir of disk.folders.keys()) if (dir === '/ws' || dir.startsWith('/ws/')) await fs.listDirectory(dir);
  disk.asked.length = 0;
}

describe('WalkedFileSystem', () => {
  test('outside a run every question goes to the disk, and nothing listed is kept', async () => {
    const disk = fakeDisk(HOST);
    const fs = new WalkedFileSystem(disk);
    await walk(fs, disk);
    assert.equal(await fs.readFile('/ws/web1/etc/netmasks'), undefined);
    assert.deepEqual(await fs.readDirectory('/ws/web1/etc'), ['hosts', 'hostname.ce0', 'default']);
    assert.deepEqual(disk.asked, ['read /ws/web1/etc/netmasks', 'readdir /ws/web1/etc']);
  });

  test('during a run, a file the listings lack is missing without asking; files that are there are read', async () => {
    const disk = fakeDisk(HOST);
    const fs = new WalkedFileSystem(disk);
    const end = fs.remember();
    await walk(fs, disk);
    assert.equal(await fs.readFile('/ws/web1/etc/netmasks'), undefined);
    assert.equal(await fs.readFile('/ws/web1/etc/inet/hosts'), undefined, 'a folder the listing lacks');
    assert.equal(await fs.readFile('/ws/web1/.ipmp-lint.json'), undefined);
    assert.deepEqual(await fs.readDirectory('/ws/web1/etc'), ['hosts', 'hostname.ce0', 'default']);
    assert.deepEqual(
      (await fs.listDirectory('/ws/web1/etc/default')).map((e) => e.name),
      ['mpathd'],
    );
    assert.deepEqual(disk.asked, [], 'the disk was not asked');
    assert.equal(await fs.readFile('/ws/web1/etc/hosts'), HOST['/ws/web1/etc/hosts']);
    assert.equal(await fs.readFile('/.ipmp-lint.json'), undefined);
    assert.deepEqual(disk.asked, ['read /ws/web1/etc/hosts', 'read /.ipmp-lint.json'], 'a file listed, and one above every listed folder');
    end();
    await fs.readFile('/ws/web1/etc/netmasks');
    assert.equal(disk.asked.at(-1), 'read /ws/web1/etc/netmasks', 'after the run the disk answers again');
  });

  test("the listings near a host (its folder, the one above, the ones inside) go to a worker as the walk read them", async () => {
    const disk = fakeDisk(HOST);
    const fs = new WalkedFileSystem(disk);
    assert.deepEqual(fs.listingsNear('/ws/web1/etc'), [], 'outside a run nothing is listed');
    const end = fs.remember();
    await walk(fs, disk);
    assert.deepEqual(fs.listingsNear('/ws/web1/etc'), [
      ['/ws/web1/etc', { names: ['hosts', 'hostname.ce0', 'default'], kinds: ['file', 'file', 'directory'] }],
      ['/ws/web1', { names: ['etc'], kinds: ['directory'] }],
      ['/ws/web1/etc/default', { names: ['mpathd'], kinds: ['file'] }],
    ]);
    assert.deepEqual(fs.listingsNear('/ws/web2/etc'), [], 'a folder the walk did not list');
    // A watched-file event forgets what it touches: it is not handed on either.
    fs.changed('/ws/web1/etc/default/mpathd');
    assert.deepEqual(fs.listingsNear('/ws/web1/etc'), []);
    assert.deepEqual(disk.asked, [], 'the disk was not asked');
    end();
  });

  test('a name that folds to a listed one (a case-insensitive disk) is asked of the disk', async () => {
    const disk = fakeDisk({ '/ws/h/etc/HOSTS': 'x\n', '/ws/h/etc/Cafe\u0301': 'y\n' });
    const fs = new WalkedFileSystem(disk);
    fs.remember();
    await walk(fs, disk);
    await fs.readFile('/ws/h/etc/hosts');
    await fs.readFile('/ws/h/etc/caf\u00e9');
    await fs.readFile('/ws/h/etc/netmasks');
    assert.deepEqual(disk.asked, ['read /ws/h/etc/hosts', 'read /ws/h/etc/caf\u00e9']);
  });

  test('an empty listing proves nothing (a folder that could not be listed looks the same)', async () => {
    const disk = fakeDisk(HOST);
    disk.folders.get('/ws')!.push({ name: 'locked', kind: 'directory' });
    disk.folders.set('/ws/locked', []);
    const fs = new WalkedFileSystem(disk);
    fs.remember();
    await fs.listDirectory('/ws');
    await fs.listDirectory('/ws/locked');
    disk.asked.length = 0;
    await fs.readFile('/ws/locked/hosts');
    assert.deepEqual(disk.asked, ['read /ws/locked/hosts']);
  });

  test('a watched-file event forgets the listings above the path and inside it', async () => {
    const disk = fakeDisk(HOST);
    const fs = new WalkedFileSystem(disk);
    fs.remember();
    await walk(fs, disk);
    // inet/hosts appears, with its folder: etc's listing (and those above) no longer tell.
    fs.changed('/ws/web1/etc/inet/hosts');
    await fs.readFile('/ws/web1/etc/inet/hosts');
    await fs.readFile('/ws/web1/etc/netmasks');
    assert.deepEqual(disk.asked, ['read /ws/web1/etc/inet/hosts', 'read /ws/web1/etc/netmasks']);
    disk.asked.length = 0;
    // default/ itself changed (deleted, made again): its listing goes too.
    await fs.listDirectory('/ws/web1/etc');
    fs.changed('/ws/web1/etc/default');
    await fs.readDirectory('/ws/web1/etc/default');
    assert.deepEqual(disk.asked, ['list /ws/web1/etc', 'readdir /ws/web1/etc/default']);
  });

  test('nested runs keep the listings until the last one ends; ending twice changes nothing', async () => {
    const disk = fakeDisk(HOST);
    const fs = new WalkedFileSystem(disk);
    const first = fs.remember();
    const second = fs.remember();
    await walk(fs, disk);
    first();
    first();
    await fs.readFile('/ws/web1/etc/netmasks');
    assert.deepEqual(disk.asked, []);
    second();
    await fs.readFile('/ws/web1/etc/netmasks');
    assert.deepEqual(disk.asked, ['read /ws/web1/etc/netmasks']);
  });

  test("a run's reader reads the files that are there; it starts at a run's first read and ends with the last run", async () => {
    const disk = fakeDisk(HOST);
    const events: string[] = [];
    const reader = (): FileReader => {
      events.push('start');
      return { read: async (p) => (events.push(`reader ${p}`), `read by the reader: ${p}`), dispose: () => void events.push('dispose') };
    };
    const fs = new WalkedFileSystem(disk, reader);
    assert.equal(await fs.readFile('/ws/web1/etc/hosts'), HOST['/ws/web1/etc/hosts'], 'no run: the disk');
    const end = fs.remember();
    await walk(fs, disk);
    assert.equal(await fs.readFile('/ws/web1/etc/hosts'), 'read by the reader: /ws/web1/etc/hosts');
    assert.equal(await fs.readFile('/ws/web1/etc/netmasks'), undefined);
    end();
    assert.equal(await fs.readFile('/ws/web1/etc/hosts'), HOST['/ws/web1/etc/hosts']);
    assert.deepEqual(events, ['start', 'reader /ws/web1/etc/hosts', 'dispose']);
    assert.deepEqual(disk.asked, ['read /ws/web1/etc/hosts']);
  });

  test('symbolic links are resolved by the disk, and only where it can', async () => {
    assert.equal(new WalkedFileSystem(fakeDisk(HOST)).resolveLink, undefined);
    const fs = new WalkedFileSystem({ ...fakeDisk(HOST), resolveLink: async (p) => ({ target: `${p}.target`, isFile: true }) });
    assert.deepEqual(await fs.resolveLink!('/ws/a'), { target: '/ws/a.target', isFile: true });
  });
});

describe('TreeFileSystem (ipmp-lint, Check All Hosts workers)', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-tree-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const at = (name: string): string => path.join(scratch, name);
  mkdirSync(at('ws/web1/etc'), { recursive: true });
  writeFileSync(at('ws/web1/etc/hosts'), '192.168.10.10 web1\n');

  test('inside the trees a listing answers for missing files; outside, a file found missing stays missing for the run', () => {
    const tree = new TreeFileSystem([at('ws')]);
    assert.equal(tree.readFileSync(at('ws/web1/etc/hosts')), '192.168.10.10 web1\n');
    assert.equal(tree.readFileSync(at('ws/web1/etc/netmasks')), undefined);
    // The project file is looked for above the tree too: asked of the disk once, then remembered.
    assert.equal(tree.readFileSync(at('.ipmp-lint.json')), undefined);
    writeFileSync(at('.ipmp-lint.json'), '{}');
    assert.equal(tree.readFileSync(at('.ipmp-lint.json')), undefined, 'missing when the run first asked');
    assert.equal(new TreeFileSystem([at('ws')]).readFileSync(at('.ipmp-lint.json')), '{}', 'a new run asks the disk again');
    // Inside the trees nothing is remembered but listings: a folder listed after the file came shows it.
    writeFileSync(at('ws/web1/etc/netmasks'), '192.168.10.0 255.255.255.0\n');
    assert.equal(new TreeFileSystem([at('ws')]).readFileSync(at('ws/web1/etc/netmasks')), '192.168.10.0 255.255.255.0\n');
  });

  test('listings handed over (from the walk) answer instead of the disk', () => {
    const tree = new TreeFileSystem([at('ws')]);
    tree.remember(at('ws/web1/etc'), { names: ['hostname.ce0'], kinds: ['file'] });
    assert.equal(tree.readFileSync(at('ws/web1/etc/hosts')), undefined, 'the listing handed over lacks it');
    assert.deepEqual(tree.known(at('ws/web1/etc')), { names: ['hostname.ce0'], kinds: ['file'] });
  });
});

describe('FileReaderWorker', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-reader-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const at = (name: string): string => path.join(scratch, name);
  mkdirSync(at('etc/inet'), { recursive: true });
  writeFileSync(at('etc/hosts'), '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\n');
  writeFileSync(at('etc/hostname.ce0'), 'web1 netmask + broadcast + group prod up\r\n');
  writeFileSync(at('etc/empty'), '');
  writeFileSync(at('etc/utf8'), 'caf\u00e9 \u{1F600}\n');
  let fifo: string | undefined = at('etc/fifo');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    fifo = undefined; // no mkfifo here: that case is left out
  }
  const cases = [
    'etc/hosts',
    'etc/hostname.ce0',
    'etc/empty',
    'etc/utf8',
    'etc/netmasks', // missing
    'etc/hosts/inside', // a path through a file
    'etc/inet', // a folder
    'nowhere/at/all',
  ].map(at);
  if (fifo) cases.push(fifo);

  test('the answers are those of nodeFileSystem: texts, missing files, folders, FIFOs (not waited on)', async () => {
    const fallbacks: string[] = [];
    const reader = new FileReaderWorker(async (p) => (fallbacks.push(p), nodeFileSystem.readFile(p)));
    try {
      const expected = await Promise.all(cases.map((p) => nodeFileSystem.readFile(p)));
      assert.deepEqual(await Promise.all(cases.map((p) => reader.read(p))), expected);
      assert.equal(typeof expected[0], 'string');
      assert.equal(expected[4], undefined);
      assert.deepEqual(expected[6], { notRead: 'unreadable', reason: 'a folder' } satisfies FileNotRead);
      assert.deepEqual(fallbacks, [], 'the worker read them all');
    } finally {
      reader.dispose();
    }
  });

  test('many reads at once, asked in several turns, each get their own answer', async () => {
    const reader = new FileReaderWorker((p) => nodeFileSystem.readFile(p));
    try {
      const paths = Array.from({ length: 300 }, (_, i) => cases[i % cases.length]!);
      const first = Promise.all(paths.slice(0, 150).map((p) => reader.read(p)));
      await Promise.resolve();
      const second = Promise.all(paths.slice(150).map((p) => reader.read(p)));
      const expected = await Promise.all(paths.map((p) => nodeFileSystem.readFile(p)));
      assert.deepEqual([...(await first), ...(await second)], expected);
    } finally {
      reader.dispose();
    }
  });

  test('once disposed (or failed), reads still waiting and reads after go to the fallback', async () => {
    const fallbacks: string[] = [];
    const reader = new FileReaderWorker(async (p) => (fallbacks.push(p), p.endsWith('hosts') ? 'from the fallback' : nodeFileSystem.readFile(p)));
    const waiting = reader.read(at('etc/hosts'));
    reader.dispose();
    assert.equal(await waiting, 'from the fallback');
    assert.equal(await reader.read(at('etc/hosts')), 'from the fallback');
    assert.deepEqual(fallbacks, [at('etc/hosts'), at('etc/hosts')]);
  });

  test('a fallback that throws is an unreadable file, not a read that never ends', async () => {
    const reader = new FileReaderWorker(async () => {
      throw new Error('the disk is gone');
    });
    reader.dispose();
    assert.deepEqual(await reader.read(at('etc/hosts')), { notRead: 'unreadable', reason: 'the disk is gone' });
  });
});

test('the host model passes watched-file events on: a file that appears after the walk is read', async () => {
  const files: Record<string, string> = { ...HOST };
  const disk = fakeDisk(files);
  const fs = new WalkedFileSystem(disk);
  fs.remember();
  await walk(fs, disk);
  const model = new HostModel(fs, { textOf: () => undefined, uris: () => [] });
  assert.equal(await model.text('file:///ws/web1/etc/inet/hosts'), undefined);
  files['/ws/web1/etc/inet/hosts'] = '192.168.10.11 web1-test\n';
  model.invalidate('file:///ws/web1/etc/inet/hosts');
  assert.equal(await model.text('file:///ws/web1/etc/inet/hosts'), '192.168.10.11 web1-test\n');
});
