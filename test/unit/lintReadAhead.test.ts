/**
 * `ipmp-lint` on two cores: one thread checks while a reader thread reads the files of the next
 * chunks (lintWorkers.runChunksHere). A file read ahead answers the check's read of it once;
 * anything else is read from the disk as before.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runChunksHere } from '../../server/src/lintWorkers';
import type { LintChunk } from '../../server/src/lintRun';
import { TreeFileSystem } from '../../server/src/treeFileSystem';
import type { FileNotRead, ReadResult } from '../../server/src/workspace/fileSystem';
import { readFileNow } from '../../server/src/workspace/nodeFileSystem';
import type { FileReader } from '../../server/src/workspace/walkedFileSystem';
import { EOLS, withEol } from './helpers';

describe('read ahead: the reader thread stands in for the disk, once per read', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-read-ahead-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const eol of EOLS) {
    const etc = path.join(scratch, eol, 'web1', 'etc');
    mkdirSync(etc, { recursive: true });
    const hosts = path.join(etc, 'hosts');
    const ce0 = path.join(etc, 'hostname.ce0');
    writeFileSync(hosts, withEol('127.0.0.1 localhost\n192.168.10.10 web1\n', eol));
    writeFileSync(ce0, withEol('web1 netmask + broadcast + up\n', eol));
    const chunk: LintChunk = {
      files: [
        { index: 0, file: ce0, kind: 'hostname', host: 0 },
        { index: 1, file: hosts, kind: 'hosts', host: 0 },
      ],
      roots: [],
    };
    const codes = async (reader?: FileReader): Promise<string[]> => {
      const tree = new TreeFileSystem([path.join(scratch, eol)]);
      const [result] = await runChunksHere([chunk], { cwd: scratch }, tree, reader);
      return result!.files.flatMap((f) => (f.problems ?? []).map((p) => `${path.basename(p.file)}: ${p.code}`));
    };
    /** A reader that answers with other texts than the disk's, and says what it was asked. */
    const reader = (texts: Record<string, string>): FileReader & { asked: string[] } => {
      const asked: string[] = [];
      return {
        asked,
        read: async (file: string): Promise<ReadResult> => (asked.push(file), texts[file] ?? readFileNow(file)),
        dispose: () => undefined,
      };
    };

    // On the disk the files are right: only their CRs are found (CRLF).
    const onDisk = eol === 'LF' ? [] : ['hostname.ce0: carriage-return', 'hosts: carriage-return'];

    test(`without a reader the disk is read; a reader with the same answers changes nothing [${eol}]`, async () => {
      assert.deepEqual(await codes(), onDisk);
      const same = reader({});
      assert.deepEqual(await codes(same), onDisk);
      assert.deepEqual(same.asked, [ce0, hosts], "the chunk's files, in its order");
    });

    test(`what the reader read is what the checks see [${eol}]`, async () => {
      // The reader's hostname.ce0 names a host the hosts file lacks: the check reports it.
      const other = reader({ [ce0]: withEol('web9 netmask + broadcast + up\n', eol) });
      assert.deepEqual(await codes(other), [...onDisk.slice(0, 1), 'hostname.ce0: unresolved-host', ...onDisk.slice(1)]);
      // A reader that found the hosts file missing: so does the check.
      const missing: FileReader = { read: async (file) => (file === hosts ? undefined : readFileNow(file)), dispose: () => undefined };
      assert.deepEqual(await codes(missing), [...onDisk.slice(0, 1), 'hostname.ce0: no-hosts-file']);
    });
  }
});

describe('TreeFileSystem: reads supplied ahead', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ipmp-tree-ahead-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const file = path.join(scratch, 'ws', 'etc', 'netmasks');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'on the disk\n');

  test('a supplied read answers once; the next read of the file asks the disk', () => {
    const tree = new TreeFileSystem([path.join(scratch, 'ws')]);
    tree.supply([[file, 'read ahead\n']]);
    assert.equal(tree.readFileSync(file), 'read ahead\n');
    assert.equal(tree.readFileSync(file), 'on the disk\n');
  });

  test('a supplied answer of "missing" or "unreadable" is given as it is', () => {
    const tree = new TreeFileSystem([path.join(scratch, 'ws')]);
    const unreadable: FileNotRead = { notRead: 'unreadable', reason: 'EIO: i/o error' };
    tree.supply([[file, undefined]]);
    assert.equal(tree.readFileSync(file), undefined);
    tree.supply([[file, unreadable]]);
    assert.deepEqual(tree.readFileSync(file), unreadable);
  });

  test('what was not asked for is dropped with the chunk', () => {
    const tree = new TreeFileSystem([path.join(scratch, 'ws')]);
    tree.supply([[file, 'read ahead\n']]);
    tree.dropReadAhead();
    assert.equal(tree.readFileSync(file), 'on the disk\n');
  });

  test('a listing that lacks the file still wins: it is missing', () => {
    const tree = new TreeFileSystem([path.join(scratch, 'ws')]);
    tree.remember(path.dirname(file), { names: [], kinds: [] });
    tree.supply([[file, 'read ahead\n']]);
    assert.equal(tree.readFileSync(file), undefined);
  });
});
