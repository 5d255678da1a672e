/**
 * The workspace symbol index (workspace/hostIndex.ts): its answers are the ones the server
 * gave before it had an index — every host's snapshot read through the host model, searched
 * by workspaceSymbols — on fixture workspaces full of awkward files, whether the walk runs in
 * a worker, in this thread or over an injected file system; and the answer follows files
 * added, changed and deleted on disk, open-document edits and workspace folder changes.
 * Every wait is on a promise the index gives (no sleeps).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI, Utils } from 'vscode-uri';
import { workspaceSymbols } from '../../server/src/features/symbols';
import { parseInterfaceFileName } from '../../server/src/syntax/fileKind';
import type { FileSystem } from '../../server/src/workspace/fileSystem';
import { BIG_HOSTS_BYTES, HostIndex, type DocumentEvents, type OpenDocument } from '../../server/src/workspace/hostIndex';
import { HostModel, normalizeUri, type HostSnapshot } from '../../server/src/workspace/hostModel';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const REPO = path.resolve(__dirname, '..', '..', '..');
const uriOf = (p: string): string => pathToFileURL(p).toString();

// ------------------------------------------------------------------------------ the reference

/** The walk of the server before the index (HostIndex.walkAll until issue 15): the host roots it listed. */
async function referenceRoots(fs: FileSystem, folders: readonly string[]): Promise<string[]> {
  const SKIP = new Set(['.git', 'node_modules', '.svn', '.hg', '.vscode-test', 'dist', 'out']);
  const HOST_FILES = new Set(['hosts', 'netmasks', 'inet', 'default']);
  const roots = new Set<string>();
  const queue = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file');
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const entries = await fs.listDirectory(dir.fsPath).catch(() => []);
    let isHost = dir.path.endsWith('/etc');
    for (const entry of entries) {
      if (entry.kind === 'directory' && !SKIP.has(entry.name)) queue.push(Utils.joinPath(dir, entry.name));
      if (entry.kind !== 'directory' && parseInterfaceFileName(entry.name)) isHost = true;
    }
    if (isHost && (dir.path.endsWith('/etc') ? entries.some((e) => HOST_FILES.has(e.name) || parseInterfaceFileName(e.name)) : true)) roots.add(dir.toString());
  }
  return [...roots].sort();
}

/** Open documents, as the server hands them to the index and to the host model. */
class Documents implements DocumentEvents {
  private readonly texts = new Map<string, string>();
  private readonly listeners = { open: [] as Listener[], change: [] as Listener[], close: [] as Listener[] };
  onDidOpen(l: Listener): void {
    this.listeners.open.push(l);
  }
  onDidChangeContent(l: Listener): void {
    this.listeners.change.push(l);
  }
  onDidClose(l: Listener): void {
    this.listeners.close.push(l);
  }
  private fire(which: 'open' | 'change' | 'close', uri: string): void {
    const document: OpenDocument = { uri, getText: () => this.texts.get(uri) ?? '' };
    for (const l of this.listeners[which]) l({ document });
  }
  open(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.fire('open', uri);
    this.fire('change', uri);
  }
  change(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.fire('change', uri);
  }
  close(uri: string): void {
    this.fire('close', uri);
    this.texts.delete(uri);
  }
  /** The host model's view of them. */
  readonly model = {
    textOf: (uri: string): string | undefined => this.texts.get(uri),
    uris: (): Iterable<string> => this.texts.keys(),
  };
}
type Listener = (event: { readonly document: OpenDocument }) => void;

/**
 * What the server read before the index: every root's snapshot from the host model, in root
 * order. A folder under an `etc` with interface files of its own (`etc/old/`) was listed as a
 * root of its own whose snapshot is its `etc`'s: that host is taken once here.
 */
async function referenceHosts(folders: readonly string[], documents?: Documents): Promise<HostSnapshot[]> {
  const model = new HostModel(nodeFileSystem, documents?.model ?? { textOf: () => undefined, uris: () => [] });
  const snapshots: HostSnapshot[] = [];
  const seen = new Set<string>();
  for (const root of await referenceRoots(nodeFileSystem, folders)) {
    const snapshot = await model.snapshot(`${root}/hosts`, 's10');
    if (seen.has(snapshot.rootUri)) continue;
    seen.add(snapshot.rootUri);
    snapshots.push(snapshot);
  }
  return snapshots;
}

const QUERIES = ['', 'e', 'ce', 'prod', 'web1', 'WEB', 'test', 'ipmp', 'e1000g', 'dhcp', 'ipv6', 'zz-nothing', 'ünï', 'multi', 'grp', 'x'];

// ------------------------------------------------------------------------------ fixture workspaces

let scratch: string;
/** The repository's example hosts, and a workspace of awkward hosts. */
let folders: { examples: string; awkward: string; generated: string };

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function awkwardWorkspace(root: string): void {
  const w = (file: string, text: string): void => write(root, file, text);
  // inet/hosts wins over hosts; ipnodes adds names; names differ only in case; a group used twice.
  w('multi/etc/inet/hosts', '127.0.0.1 localhost\n10.0.0.1 multi Multi-Alias\n10.0.0.2 multi-ce0-test\n');
  w('multi/etc/hosts', '10.0.0.9 stale-name\n');
  w('multi/etc/inet/ipnodes', '::1 localhost\nfe80::1 multi-v6 MULTI\n');
  w('multi/etc/hostname.ce0', 'multi netmask + broadcast + group prod up \\\naddif multi-ce0-test deprecated -failover netmask + broadcast + up\n');
  w('multi/etc/hostname.ce1', '-failover group prod standby up\n');
  w('multi/etc/hostname6.ce0', 'group prod -failover up\n');
  w('multi/etc/dhcp.ce2', 'primary\nwait 10\n');
  w('multi/etc/hostname.ce0:1', 'multi-ce0-test netmask + up\n');
  // A hosts file that is a link to inet/hosts, as on Solaris; CRLF, a BOM, comments, tabs, quotes.
  w('linked/etc/inet/hosts', '\ufeff# hosts\r\n10.1.0.1\tlinked\tloghost\r\n10.1.0.2\tlinked-test # comment\r\n');
  symlinkSync('./inet/hosts', path.join(root, 'linked/etc/hosts'));
  w('linked/etc/hostname.e1000g0', 'linked netmask + broadcast + group "" up\r\n');
  w('linked/etc/hostname.e1000g1', '\n\n  # a comment group nope\n  linked-test group grp-a -failover up\n');
  w('linked/etc/hostname.e1000g2', 'inet dhcp group grp-b\n');
  w('linked/etc/hostname.e1000g3', 'linked-test group grp-a\\\n-b up\nunterminated group grp-c');
  // An unreadable inet/hosts (a folder) is not replaced by the plain hosts; an interface file
  // that is a folder, a dangling link, a loop and a link to a file elsewhere.
  mkdirSync(path.join(root, 'broken/etc/inet/hosts'), { recursive: true });
  w('broken/etc/hosts', '10.2.0.1 never-seen\n');
  w('broken/etc/inet/ipnodes', '10.2.0.2 broken-v6\n');
  mkdirSync(path.join(root, 'broken/etc/hostname.dir0'), { recursive: true });
  symlinkSync('nowhere', path.join(root, 'broken/etc/hostname.gone0'));
  symlinkSync('hostname.loop0', path.join(root, 'broken/etc/hostname.loop0'));
  w('elsewhere/hostname-text', 'broken group linkgroup up\n');
  symlinkSync('../../elsewhere/hostname-text', path.join(root, 'broken/etc/hostname.link0'));
  symlinkSync('../..', path.join(root, 'broken/etc/up'));
  if (spawnSync('mkfifo', [path.join(root, 'broken/etc/hostname.fifo0')]).status !== 0) w('broken/etc/hostname.fifo0', 'fifo-stand-in up\n');
  // A folder with interface files that is not named etc; one under an etc; skipped folders.
  w('flat/hostname.qfe0', 'flat group flatgroup up\n');
  w('flat/hosts', '10.3.0.1 flat\n');
  w('under/etc/hosts', '10.4.0.1 under\n');
  w('under/etc/old/hostname.qfe9', 'under group oldgroup up\n');
  w('node_modules/pkg/etc/hostname.ce0', 'hidden group hiddengroup up\n');
  w('dist/etc/hostname.ce0', 'hidden group hiddengroup up\n');
  w('.git/etc/hosts', '10.5.0.1 hidden\n');
  // An etc with only netmasks or default/ is a host without symbols; an etc with nothing of ours is none.
  w('masks/etc/netmasks', '10.0.0.0 255.0.0.0\n');
  w('mpathd/etc/default/mpathd', 'FAILBACK=yes\n');
  w('nothing/etc/passwd', 'root:x:0:0::/:/bin/sh\n');
  // Names and folders that need URI escapes; non-ASCII names; a hosts file bigger than one read.
  w('my host/etc/hosts', '10.6.0.1 ünïcode-name café\n');
  w('my host/etc/hostname.e1000g0', 'ünïcode-name group grüppe up\n');
  const big = ['127.0.0.1 localhost'];
  for (let i = 0; i < 4000; i++) big.push(`10.7.${i >> 8}.${i & 255}\tbig-${i} big-${i}-alias # padding padding padding`);
  w('big/etc/inet/hosts', big.join('\n') + '\n');
  w('big/etc/hostname.ce0', 'big-0 group bigs up\n');
  // A hosts file over BIG_HOSTS_BYTES: left by the first walk, read when symbols are asked for.
  const huge = ['127.0.0.1 localhost'];
  for (let i = 0; huge.length * 60 < 1.2 * BIG_HOSTS_BYTES; i++) huge.push(`10.8.${i >> 8}.${i & 255}\thuge-${i}\thuge-${i}-alias # padding padding pad`);
  w('huge/etc/hosts', huge.join('\n') + '\n');
  w('huge/etc/hostname.ce0', 'huge-0 group hugegroup up\n');
}

/** A few generated hosts (the bench's shape), in a folder of their own. */
function generatedWorkspace(root: string): void {
  for (let h = 0; h < 40; h++) {
    const host = `gen-web${String(h).padStart(3, '0')}`;
    const hosts = ['127.0.0.1\tlocalhost'];
    for (let j = 0; j < 2 + (h % 5); j++) {
      hosts.push(`172.16.${h}.${j + 1}\t${host}-ce${j}${j === 0 ? `\t${host}` : ''}`);
      write(root, `${host}/etc/hostname.ce${j}`, `${host}-ce${j} netmask + broadcast + group ipmp${j >> 1} up\n`);
    }
    write(root, `${host}/etc/hosts`, hosts.join('\n') + '\n');
  }
}

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-index-'));
  const examples = path.join(scratch, 'examples');
  cpSync(path.join(REPO, 'examples'), examples, { recursive: true });
  const awkward = path.join(scratch, 'awkward');
  awkwardWorkspace(awkward);
  const generated = path.join(scratch, 'generated');
  generatedWorkspace(generated);
  folders = { examples: uriOf(examples), awkward: uriOf(awkward), generated: uriOf(generated) };
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** The node file system behind an object of its own: the index walks it in this thread, asynchronously. */
const injected = (): FileSystem => ({ ...nodeFileSystem });

/** The index answers every query (capped at 500, as the server asks) as workspaceSymbols over the snapshots did. */
async function assertSameAnswers(index: HostIndex, workspace: readonly string[], documents?: Documents): Promise<void> {
  const snapshots = await referenceHosts(workspace, documents);
  for (const query of QUERIES) assert.deepEqual(await index.symbols(query, 500), workspaceSymbols(snapshots, query, 500).symbols, `query ${JSON.stringify(query)}`);
}

// ------------------------------------------------------------------------------ the same answers

describe('the index answers what every host snapshot answered', () => {
  const variants: [string, () => HostIndex][] = [
    // These trees are small: without smallTreeFolders 0 they would be walked in this thread.
    ['a worker thread', () => new HostIndex(nodeFileSystem, { threads: 1, smallTreeFolders: 0 })],
    ['two worker threads', () => new HostIndex(nodeFileSystem, { threads: 2, smallTreeFolders: 0 })],
    ['this thread, as a small tree (the default)', () => new HostIndex(nodeFileSystem)],
    ['this thread, in slices', () => new HostIndex(nodeFileSystem, { threads: 0 })],
    ['an injected file system', () => new HostIndex(injected())],
  ];
  for (const [name, make] of variants) {
    test(`walked in ${name}`, async () => {
      for (const workspace of [[folders.examples], [folders.awkward], [folders.generated], [folders.examples, folders.awkward, folders.generated]]) {
        const index = make();
        await index.start(workspace);
        await assertSameAnswers(index, workspace);
      }
    });
  }

  test('the awkward hosts are found, and only the names the host model reads', async () => {
    const index = new HostIndex(nodeFileSystem);
    await index.start([folders.awkward]);
    const at = (p: string): string => `${folders.awkward}/${p}`;
    assert.deepEqual(index.hosts(), ['big/etc', 'broken/etc', 'flat', 'huge/etc', 'linked/etc', 'masks/etc', 'mpathd/etc', 'multi/etc', 'my%20host/etc', 'under/etc'].map(at));
    const names = async (q: string): Promise<string[]> => (await index.symbols(q, 500)).map((s) => `${s.name}@${s.containerName}`);
    assert.deepEqual(await names('stale'), [], 'inet/hosts wins over hosts');
    assert.deepEqual(await names('never-seen'), [], 'an unreadable inet/hosts is not replaced by hosts');
    assert.deepEqual(await names('broken-v6'), ['broken-v6@broken']);
    assert.deepEqual(await names('linkgroup'), ['linkgroup@broken'], 'a linked interface file is read through its link');
    assert.deepEqual(await names('hidden'), [], 'skipped folders');
    assert.deepEqual(await names('oldgroup'), [], 'etc/old/ files are no interface files of that etc');
    assert.deepEqual(await names('grüppe'), ['grüppe@my host']);
    assert.ok((await index.symbols('big-', 1000)).length === 1000, 'the hosts file bigger than one read is read whole');
    assert.deepEqual((await index.symbols('big-3999-alias', 10)).map((s) => s.name), ['big-3999-alias']);
    assert.deepEqual(await names('hugegroup'), ['hugegroup@huge']);
    assert.deepEqual(await names('huge-19999-alias'), ['huge-19999-alias@huge'], 'the hosts file over BIG_HOSTS_BYTES is read when asked for');
  });

  test('a query cut at its limit keeps the best matches, in host order', async () => {
    const index = new HostIndex(nodeFileSystem);
    await index.start([folders.generated]);
    const snapshots = await referenceHosts([folders.generated]);
    for (const [query, limit] of [['', 7], ['gen', 5], ['ce', 50], ['i', 3]] as const) {
      assert.deepEqual(await index.symbols(query, limit), workspaceSymbols(snapshots, query, limit).symbols, `${query}/${limit}`);
    }
  });

  test('with the best kinds of match full early, a later prefix is still found and nothing is lost', async () => {
    // Small limits fill the substring and subsequence buckets in the first hosts, so the search
    // passes over whole hosts by one search of their names: what it passes over must hold nothing
    // that could still be taken (a prefix in a later host, as 'web0' for 'w0').
    const order = path.join(scratch, 'order');
    // The first host fills the substring and subsequence kinds of 'ab' (xabc, a-b); only the later one has a prefix (abz).
    write(order, 'a-first/etc/hosts', '10.9.0.1 xabc a-b\n');
    write(order, 'b-later/etc/hosts', '10.9.0.2 abz\n');
    const workspace = [folders.generated, folders.awkward, uriOf(order)];
    const index = new HostIndex(nodeFileSystem);
    await index.start(workspace);
    const snapshots = await referenceHosts(workspace);
    assert.deepEqual((await index.symbols('ab', 1)).map((s) => s.name), ['abz']);
    for (const query of ['ab', 'w0', 'web0', 'e0', 'ce', '-c', 'g1', 'n-w', 'ipmp', 'big-1', 'huge-3', '10', 'ü', '.']) {
      for (const limit of [1, 2, 5, 40]) {
        assert.deepEqual(await index.symbols(query, limit), workspaceSymbols(snapshots, query, limit).symbols, `${query}/${limit}`);
      }
    }
  });
});

// ------------------------------------------------------------------------------ kept up to date

describe('the index follows the workspace', () => {
  let ws: string;
  let documents: Documents;
  let index: HostIndex;
  const file = (p: string): string => path.join(ws, p);
  const uri = (p: string): string => normalizeUri(uriOf(file(p)));
  const names = async (q: string): Promise<string[]> => (await index.symbols(q, 500)).map((s) => `${s.name}@${s.containerName}`).sort();

  before(async () => {
    ws = path.join(scratch, 'live');
    generatedWorkspace(ws);
    write(ws, 'web1/etc/hosts', '10.0.0.1 web1\n10.0.0.2 web1-probe\n');
    write(ws, 'web1/etc/hostname.ce0', 'web1 group first up\n');
    documents = new Documents();
    index = new HostIndex(nodeFileSystem, { documents });
    await index.start([uriOf(ws)]);
  });

  const same = (): Promise<void> => assertSameAnswers(index, [uriOf(ws)], documents);

  test('a file added, changed and deleted on disk', async () => {
    write(ws, 'web1/etc/hostname.ce1', 'web1-probe group second standby up\n');
    index.fileChanged(uri('web1/etc/hostname.ce1'));
    assert.deepEqual(await names('second'), ['second@web1']);
    assert.deepEqual(await names('probe'), ['web1-probe@web1']);
    write(ws, 'web1/etc/hosts', '10.0.0.1 web1\n10.0.0.3 web1-renamed\n');
    index.fileChanged(uri('web1/etc/hosts'));
    assert.deepEqual(await names('renamed'), ['web1-renamed@web1']);
    assert.deepEqual(await names('probe'), []);
    unlinkSync(file('web1/etc/hostname.ce1'));
    index.fileChanged(uri('web1/etc/hostname.ce1'), true);
    assert.deepEqual(await names('second'), []);
    await same();
  });

  test('a host added and a host folder deleted', async () => {
    write(ws, 'new1/etc/hostname.bge0', 'new1 group newgroup up\n');
    index.fileChanged(uri('new1/etc/hostname.bge0'));
    assert.deepEqual(await names('newgroup'), ['newgroup@new1']);
    rmSync(file('new1'), { recursive: true });
    // A watcher may report only the folder.
    index.fileChanged(uri('new1'), true);
    assert.deepEqual(await names('newgroup'), []);
    assert.ok(!index.hosts().includes(uri('new1/etc')));
    await same();
  });

  test('an open document: its edits count, unsaved ones too; closing it goes back to the disk', async () => {
    const ce0 = uri('web1/etc/hostname.ce0');
    documents.open(ce0, 'web1 group first up\n');
    documents.change(ce0, 'web1 group edited up\n');
    assert.deepEqual(await names('edited'), ['edited@web1']);
    assert.deepEqual(await names('first'), []);
    await same();
    const unsaved = uri('web1/etc/hostname.ce7');
    documents.open(unsaved, 'web1 group unsaved up\n');
    assert.deepEqual(await names('unsaved'), ['unsaved@web1']);
    const hosts = uri('web1/etc/hosts');
    documents.open(hosts, '10.0.0.1 web1 typed-name\n');
    assert.deepEqual(await names('typed'), ['typed-name@web1']);
    await same();
    documents.close(unsaved);
    documents.close(hosts);
    documents.close(ce0);
    assert.deepEqual(await names('unsaved'), []);
    assert.deepEqual(await names('typed'), []);
    assert.deepEqual(await names('first'), ['first@web1']);
    await same();
  });

  test('workspace folders added and removed', async () => {
    const other = path.join(scratch, 'other-folder');
    write(other, 'db9/etc/hostname.e1000g0', 'db9 group otherfolder up\n');
    await index.start([uriOf(ws), uriOf(other)]);
    assert.deepEqual(await names('otherfolder'), ['otherfolder@db9']);
    await index.start([uriOf(other)]);
    assert.deepEqual(await names('first'), []);
    assert.deepEqual(index.hosts(), [uriOf(path.join(other, 'db9/etc'))]);
    await index.start([uriOf(ws)]);
    assert.deepEqual(await names('otherfolder'), []);
    await same();
  });
});
