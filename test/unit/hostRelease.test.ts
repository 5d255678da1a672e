/**
 * HostModel.release: Check All Hosts lets go of each host once its files are checked, so a
 * tree of thousands of hosts is not held in memory at once. What a released host had read is
 * read from disk again when asked for; other hosts keep theirs; the answers are the same.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileSystem } from '../../server/src/workspace/fileSystem';
import { HostModel } from '../../server/src/workspace/hostModel';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-release-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

for (const [host, address] of [['web1', '192.168.10.10'], ['web2', '192.168.10.20']] as const) {
  const etc = path.join(scratch, host, 'etc');
  mkdirSync(etc, { recursive: true });
  writeFileSync(path.join(etc, 'hosts'), `127.0.0.1\tlocalhost\n${address}\t${host}\n`);
  writeFileSync(path.join(etc, 'netmasks'), '192.168.10.0\t255.255.255.0\n');
  writeFileSync(path.join(etc, 'hostname.ce0'), `${host} netmask + broadcast + group prod up\n`);
  writeFileSync(path.join(scratch, host, 'ifconfig-a.txt'), 'a capture beside etc\n');
}

/** Node's file system, counting the reads of each path. */
function countingFileSystem(): FileSystem & { reads: (under: string) => number } {
  const counts = new Map<string, number>();
  const count = (p: string): void => void counts.set(p, (counts.get(p) ?? 0) + 1);
  return {
    readFile: (p) => (count(p), nodeFileSystem.readFile(p)),
    readDirectory: (p) => (count(p), nodeFileSystem.readDirectory(p)),
    listDirectory: (p) => (count(p), nodeFileSystem.listDirectory(p)),
    reads: (under) => [...counts].filter(([p]) => p.startsWith(under)).reduce((n, [, c]) => n + c, 0),
  };
}

const uriOf = (rel: string): string => pathToFileURL(path.join(scratch, rel)).toString();

test("a released host is read again when asked for; the other host's reads stay cached", async () => {
  const fs = countingFileSystem();
  const model = new HostModel(fs, { textOf: () => undefined, uris: () => [] });
  const web1 = uriOf('web1/etc/hostname.ce0');
  const web2 = uriOf('web2/etc/hostname.ce0');
  const first1 = await model.cachedSnapshot(web1, 's10');
  const first2 = await model.cachedSnapshot(web2, 's10');
  assert.equal(await model.text(uriOf('web1/ifconfig-a.txt')), 'a capture beside etc\n');
  const read1 = fs.reads(path.join(scratch, 'web1'));
  const read2 = fs.reads(path.join(scratch, 'web2'));
  assert.ok(read1 > 0 && read2 > 0);

  // Asked again without a release: nothing is read, the same snapshot comes back.
  assert.equal(await model.cachedSnapshot(web1, 's10'), first1);
  assert.equal(fs.reads(path.join(scratch, 'web1')), read1);

  model.release(uriOf('web1/etc'));
  const again1 = await model.cachedSnapshot(web1, 's10');
  assert.notEqual(again1, first1, 'a new snapshot');
  assert.ok(fs.reads(path.join(scratch, 'web1')) >= 2 * read1 - 1, 'the host is read from disk again');
  assert.notEqual(again1.hosts?.file, first1.hosts?.file, 'and parsed again');
  assert.deepEqual(again1.hosts?.file.lookup('web1').map((e) => e.address.text), ['192.168.10.10']);
  assert.deepEqual(again1.interfaces.map((i) => i.baseName), first1.interfaces.map((i) => i.baseName));
  await model.text(uriOf('web1/ifconfig-a.txt'));
  assert.equal(fs.reads(path.join(scratch, 'web1', 'ifconfig-a.txt')), 2, 'a file beside etc goes with the host');

  // web2 was not released: its snapshot and reads are untouched.
  assert.equal(await model.cachedSnapshot(web2, 's10'), first2);
  assert.equal(fs.reads(path.join(scratch, 'web2')), read2);
});

test("releasing a host whose name starts another host's name leaves that host alone", async () => {
  const fs = countingFileSystem();
  const model = new HostModel(fs, { textOf: () => undefined, uris: () => [] });
  mkdirSync(path.join(scratch, 'web1x', 'etc'), { recursive: true });
  writeFileSync(path.join(scratch, 'web1x', 'etc', 'hostname.ce0'), 'web1x up\n');
  const other = await model.cachedSnapshot(uriOf('web1x/etc/hostname.ce0'), 's10');
  const reads = fs.reads(path.join(scratch, 'web1x'));
  model.release(uriOf('web1/etc'));
  assert.equal(await model.cachedSnapshot(uriOf('web1x/etc/hostname.ce0'), 's10'), other);
  assert.equal(fs.reads(path.join(scratch, 'web1x')), reads);
});
