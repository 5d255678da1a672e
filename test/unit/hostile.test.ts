/**
 * Hostile input below the LSP layer (DESIGN.md "Bad input"): what the file system gives back
 * for files that are not plain files, a host model and an index that keep going when reads
 * fail or files vanish, what the checks say when a file they need was not read, the messages
 * of binary and invisible text, and inputs that once took quadratic time (each with a test
 * timeout as a guard against a hang, not as a budget).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import { fileTooLargeFinding, findingsFor, MAX_DIAGNOSTICS, oversizedFindings, oversizedFindingsFor, toDiagnostics } from '../../server/src/features/diagnostics';
import { definition, references } from '../../server/src/features/navigation';
import { complete } from '../../server/src/features/completion';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/features/settings';
import type { HostView } from '../../server/src/features/hostView';
import type { Finding } from '../../server/src/rules/types';
import { createNameLookup, MAX_NAME_LENGTH } from '../../server/src/engine/names';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex } from '../../server/src/syntax/text';
import { HostIndex } from '../../server/src/workspace/hostIndex';
import { HostModel } from '../../server/src/workspace/hostModel';
import { MAX_FILE_BYTES, type FileNotRead, type FileSystem } from '../../server/src/workspace/fileSystem';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const ROOT = 'file:///srv/h1/etc';
const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tbox\tloghost\n192.168.10.11\tbox-test\n';
const NETMASKS = '192.168.10.0\t255.255.255.0\n';
const NO_DOCUMENTS = { textOf: () => undefined, uris: () => [] };

/** An in-memory file system: text, a FileNotRead, or a function to call (it may throw). */
function memoryFs(files: Record<string, string | FileNotRead | (() => Promise<string | undefined>)>, listing: string[] = []): FileSystem {
  return {
    async readFile(p) {
      const f = files[p];
      return typeof f === 'function' ? f() : f;
    },
    async readDirectory(p) {
      if (p === '/srv/h1/etc') return listing;
      throw new Error(`EIO: ${p}`);
    },
    async listDirectory() {
      return [];
    },
  };
}

function doc(name: string, text: string): ParsedDocument {
  const kind = name.startsWith('hostname') || name.startsWith('dhcp') ? 'hostname' : name.endsWith('netmasks') ? 'netmasks' : name.endsWith('mpathd') ? 'mpathd' : 'hosts';
  return parseDocument(`${ROOT}/${name}`, `/srv/h1/etc/${name}`, kind, text);
}

async function check(model: HostModel, name: string, text: string, settings: Settings = DEFAULT_SETTINGS): Promise<Finding[]> {
  const d = doc(name, text);
  return findingsFor(d, await model.snapshot(d.uri, settings.release), settings);
}

const rules = (fs: readonly Finding[]): string[] => fs.map((f) => f.rule).sort();

// ------------------------------------------------------------------------------ the node file system

describe('nodeFileSystem on things that are not plain files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipmp-fs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a folder, a FIFO, a symlink loop, a dangling symlink, a missing file', async () => {
    mkdirSync(path.join(dir, 'folder'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status, 0, 'mkfifo');
    symlinkSync('loop', path.join(dir, 'loop'));
    symlinkSync('nowhere', path.join(dir, 'dangling'));
    assert.deepEqual(await nodeFileSystem.readFile(path.join(dir, 'folder')), { notRead: 'unreadable', reason: 'a folder' });
    // Answered without opening it: opening a FIFO waits for a writer forever.
    assert.deepEqual(await nodeFileSystem.readFile(path.join(dir, 'fifo')), { notRead: 'unreadable', reason: 'not a regular file' });
    assert.deepEqual(await nodeFileSystem.readFile(path.join(dir, 'loop')), { notRead: 'unreadable', reason: 'a loop of symbolic links' });
    assert.equal(await nodeFileSystem.readFile(path.join(dir, 'dangling')), undefined);
    assert.equal(await nodeFileSystem.readFile(path.join(dir, 'missing')), undefined);
    assert.equal(await nodeFileSystem.readFile(path.join(dir, 'folder', 'missing', 'deeper')), undefined);
    assert.deepEqual(await nodeFileSystem.listDirectory(path.join(dir, 'missing')), []);
  });

  test('the size limit: a file of exactly the limit is read, one byte more is not', async () => {
    const at = path.join(dir, 'at-limit');
    const over = path.join(dir, 'over-limit');
    for (const [file, size] of [[at, MAX_FILE_BYTES], [over, MAX_FILE_BYTES + 1]] as const) {
      writeFileSync(file, '');
      truncateSync(file, size); // sparse: NUL bytes, nothing written
    }
    const read = await nodeFileSystem.readFile(at);
    assert.equal(typeof read === 'string' ? read.length : read, MAX_FILE_BYTES);
    assert.deepEqual(await nodeFileSystem.readFile(over), { notRead: 'too-large', size: MAX_FILE_BYTES + 1 });
    assert.ok(MAX_FILE_BYTES > 1.5 * 9 * 1024 * 1024, 'a 200,000-line hosts file fits with room to spare');
  });

  test('the background index walks loops of symlinks without following them', async () => {
    const ws = path.join(dir, 'ws');
    mkdirSync(path.join(ws, 'web1/etc'), { recursive: true });
    mkdirSync(path.join(ws, 'db1/etc'), { recursive: true });
    writeFileSync(path.join(ws, 'web1/etc/hostname.ce0'), 'web1 up\n');
    writeFileSync(path.join(ws, 'db1/etc/hosts'), HOSTS);
    symlinkSync('..', path.join(ws, 'web1/etc/up'));
    symlinkSync('../../..', path.join(ws, 'db1/etc/top'));
    symlinkSync('self', path.join(ws, 'self'));
    symlinkSync('web1', path.join(ws, 'alias')); // a second way to web1: not indexed twice
    const index = new HostIndex(nodeFileSystem);
    await index.start([pathToFileURL(ws).toString()]);
    assert.deepEqual(index.hosts(), [pathToFileURL(path.join(ws, 'db1/etc')).toString(), pathToFileURL(path.join(ws, 'web1/etc')).toString()]);
  });
});

// ------------------------------------------------------------------------------ failures while reading

describe('reads that fail or find nothing', () => {
  test('a file system that throws: the host model notes the file as unreadable and goes on', async () => {
    const model = new HostModel(
      memoryFs({
        '/srv/h1/etc/hosts': async () => {
          throw new Error('EIO: i/o error');
        },
        '/srv/h1/etc/netmasks': NETMASKS,
      }),
      NO_DOCUMENTS,
    );
    const host = await model.snapshot(`${ROOT}/hostname.ce0`, 's10');
    assert.deepEqual(host.unread, [{ uri: `${ROOT}/hosts`, label: 'hosts', role: 'hosts', notRead: 'unreadable', reason: 'EIO: i/o error' }]);
    assert.ok(host.netmasks, 'the other files are read');
    const findings = await check(model, 'hostname.ce0', 'box netmask + broadcast + up\n');
    assert.deepEqual(findings.map((f) => [f.rule, f.message]), [['unreadable-file', 'hosts (EIO: i/o error) could not be read: the host names this file uses were not checked.']]);
  });

  test('an interface file listed, then gone before it is read: left out, not reported', async () => {
    const model = new HostModel(memoryFs({ '/srv/h1/etc/hosts': HOSTS }, ['hosts', 'hostname.ce1']), NO_DOCUMENTS);
    const host = await model.snapshot(`${ROOT}/hostname.ce0`, 's10');
    assert.deepEqual(host.interfaces, []);
    assert.deepEqual(host.unread, []);
  });

  test('a folder that cannot be listed: the open documents of the host still count', async () => {
    const model = new HostModel(memoryFs({ '/srv/x/etc/hosts': HOSTS }), { textOf: (u) => (u.endsWith('hostname.ce1') ? 'box up\n' : undefined), uris: () => ['file:///srv/x/etc/hostname.ce1'] });
    const host = await model.snapshot('file:///srv/x/etc/hostname.ce0', 's10');
    assert.deepEqual(host.interfaces.map((i) => i.baseName), ['hostname.ce1']);
  });

  test('an unreadable inet/hosts is not silently replaced by an old plain hosts', async () => {
    const model = new HostModel(memoryFs({ '/srv/h1/etc/inet/hosts': { notRead: 'unreadable', reason: 'permission denied' }, '/srv/h1/etc/hosts': HOSTS }), NO_DOCUMENTS);
    const host = await model.snapshot(`${ROOT}/hostname.ce0`, 's10');
    assert.equal(host.hosts, undefined);
    assert.deepEqual(host.unread.map((u) => u.label), ['inet/hosts']);
  });

  test('the background index: a folder that fails to list is skipped, the rest is found', async () => {
    const fs: FileSystem = {
      readFile: async () => undefined,
      readDirectory: async () => [],
      async listDirectory(p) {
        if (p === '/ws') return [{ name: 'bad', kind: 'directory' }, { name: 'good', kind: 'directory' }];
        if (p === '/ws/bad') throw new Error('EACCES');
        if (p === '/ws/good') return [{ name: 'etc', kind: 'directory' }];
        if (p === '/ws/good/etc') return [{ name: 'hostname.ce0', kind: 'file' }];
        return [];
      },
    };
    const index = new HostIndex(fs, async () => undefined);
    await index.start(['file:///ws']);
    assert.deepEqual(index.hosts(), ['file:///ws/good/etc']);
  });

  test('an open document over the size limit counts as too large for the other files of its host', async () => {
    const big = `${HOSTS}#${'x'.repeat(MAX_FILE_BYTES)}\n`;
    const model = new HostModel(memoryFs({}), { textOf: (u) => (u === `${ROOT}/hosts` ? big : undefined), uris: () => [`${ROOT}/hosts`] });
    const findings = await check(model, 'hostname.ce0', 'box netmask + broadcast + up\n');
    assert.deepEqual(rules(findings), ['file-too-large']);
    assert.match(findings[0]!.message, /^hosts \(16 MB\) is over the size limit for checking: the host names this file uses were not checked\.$/);
  });
});

// ------------------------------------------------------------------------------ checks without a file they need

describe('checks that needed a file that was not read', () => {
  const tooLarge = (size: number): FileNotRead => ({ notRead: 'too-large', size });

  test('hosts too large: the names are not reported, and the notice sits on the first name', async () => {
    const model = new HostModel(memoryFs({ '/srv/h1/etc/hosts': tooLarge(50 * 1024 * 1024), '/srv/h1/etc/netmasks': NETMASKS }), NO_DOCUMENTS);
    const text = '192.168.10.10 netmask + broadcast + up \\\naddif box-test netmask + broadcast + up\n';
    const findings = await check(model, 'hostname.ce0', text);
    assert.deepEqual(rules(findings), ['file-too-large']);
    assert.deepEqual(findings[0]!.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
    // A file that uses no names has nothing to be told.
    assert.deepEqual(await check(model, 'hostname.ce1', '192.168.10.12 netmask + broadcast + up\n'), []);
  });

  test('netmasks unreadable: told only to files that get their mask from it', async () => {
    const model = new HostModel(memoryFs({ '/srv/h1/etc/hosts': HOSTS, '/srv/h1/etc/netmasks': { notRead: 'unreadable', reason: 'a folder' } }), NO_DOCUMENTS);
    const uses = await check(model, 'hostname.ce0', 'box netmask + broadcast + up\n');
    assert.deepEqual(uses.map((f) => f.message), ['netmasks (a folder) could not be read: the masks `netmask +` would get were not checked.']);
    assert.deepEqual(await check(model, 'hostname6.ce0', 'addif box-v6 up\n'.replace('box-v6', '2001:db8::10/64')), []);
  });

  test('a member interface unreadable: the checks across interfaces are dropped, and said to be', async () => {
    const files = { '/srv/h1/etc/hosts': HOSTS, '/srv/h1/etc/netmasks': NETMASKS, '/srv/h1/etc/hostname.ce1': { notRead: 'unreadable' as const, reason: 'permission denied' } };
    const model = new HostModel(memoryFs(files, ['hosts', 'netmasks', 'hostname.ce0', 'hostname.ce1']), NO_DOCUMENTS);
    // Alone it would be a single-interface group; with ce1 unknown, that would be a guess.
    const ce0 = 'box netmask + broadcast + group prod up \\\naddif box-test deprecated -failover netmask + broadcast + up\n';
    const findings = await check(model, 'hostname.ce0', ce0);
    assert.deepEqual(findings.map((f) => [f.rule, f.message]), [
      ['unreadable-file', "hostname.ce1 (permission denied) could not be read: the checks across this host's interfaces (IPMP groups, duplicate addresses) were skipped."],
    ]);
    const readable = new HostModel(memoryFs({ ...files, '/srv/h1/etc/hostname.ce1': '' }, ['hosts', 'hostname.ce0']), NO_DOCUMENTS);
    assert.deepEqual(rules(await check(readable, 'hostname.ce0', ce0)), ['single-interface-group']);
  });

  test('ipnodes unread: it matters only where the release reads it for names (up to Solaris 10 11/06)', async () => {
    const model = new HostModel(memoryFs({ '/srv/h1/etc/hosts': HOSTS, '/srv/h1/etc/netmasks': NETMASKS, '/srv/h1/etc/inet/ipnodes': tooLarge(20 * 1024 * 1024) }), NO_DOCUMENTS);
    const text = 'only-in-ipnodes netmask + broadcast + up\n';
    assert.deepEqual(rules(await check(model, 'hostname.ce0', text)), ['unresolved-host']);
    const early = await check(model, 'hostname.ce0', text, { ...DEFAULT_SETTINGS, release: 's10-early' });
    assert.deepEqual(early.map((f) => f.message), ['inet/ipnodes (20 MB) is over the size limit for checking: the host names this file uses were not checked.']);
  });

  test('too large and unreadable at once: one notice of each kind', async () => {
    const model = new HostModel(
      memoryFs({ '/srv/h1/etc/hosts': tooLarge(17 * 1024 * 1024), '/srv/h1/etc/netmasks': { notRead: 'unreadable', reason: 'not a regular file' } }),
      NO_DOCUMENTS,
    );
    const findings = await check(model, 'hostname.ce0', 'box netmask + broadcast + up\n');
    assert.deepEqual(rules(findings), ['file-too-large', 'unreadable-file']);
    assert.ok(findings.every((f) => f.severity === undefined), 'default severity: info');
  });
});

// ------------------------------------------------------------------------------ over the limit itself

describe('a document over the size limit', () => {
  test('without CRs: exactly one finding, file-too-large', () => {
    const findings = oversizedFindings('a'.repeat(100), 'hosts', 50);
    assert.deepEqual(findings, [fileTooLargeFinding(100, 50, true)]);
    assert.match(findings[0]!.message, /^This file is 1 KB, over the 1 KB limit for checking: only its line endings are checked/);
  });

  test('CR line endings: found with their count and the first line that has one', () => {
    const text = 'first\nsecond\nthe third\r\nfourth\rfifth\r\n';
    const findings = oversizedFindings(text, 'hostname', 10);
    assert.deepEqual(rules(findings), ['carriage-return', 'file-too-large']);
    const cr = findings.find((f) => f.rule === 'carriage-return')!;
    assert.deepEqual(cr.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 'the third'.length } });
    assert.equal(cr.severity, 'error');
    assert.match(cr.message, /^3 line breaks have a carriage return/);
    assert.equal(oversizedFindings(text, 'netmasks', 10).find((f) => f.rule === 'carriage-return')!.severity, 'warning');
  });

  test('the settings still apply: a rule turned off, or ignored for the file', () => {
    const diagnostics = toDiagnostics(oversizedFindings('x\r\n', 'mpathd', 1), { ...DEFAULT_SETTINGS, rules: { 'file-too-large': 'off' } }, 'mpathd');
    assert.deepEqual(diagnostics.map((d) => d.code), ['carriage-return']);
    const ignored = oversizedFindingsFor('x\r\n', 'mpathd', 1, { ...DEFAULT_SETTINGS, ignore: { 'h1/etc/default/mpathd': ['carriage-return'] } }, ['h1/etc/default/mpathd']);
    assert.deepEqual(rules(ignored), ['file-too-large']);
    assert.equal(toDiagnostics(ignored, DEFAULT_SETTINGS, 'mpathd')[0]!.severity, DiagnosticSeverity.Information);
  });
});

// ------------------------------------------------------------------------------ messages and counts

describe('messages and the number of diagnostics', () => {
  const host: HostView = { rootUri: ROOT, interfaces: [], newHostsUri: `${ROOT}/hosts` };

  test('a long word is cut in the message, never inside a surrogate pair', () => {
    const name = `${'😀'.repeat(100)}x`;
    const findings = findingsFor(doc('hosts', `192.168.10.10\t${name}\n`), host, DEFAULT_SETTINGS);
    const f = findings.find((x) => x.rule === 'invalid-host-name')!;
    assert.ok(f.message.length < 400, f.message);
    assert.match(f.message, /😀…/);
    assert.doesNotMatch(f.message, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  test('invisible characters in a quoted word are spelt out: BOM, bidi override, C1 control, lone surrogate', () => {
    for (const [char, shown] of [['\ufeff', '\\ufeff'], ['\u202e', '\\u202e'], ['\u009b', '\\x9b'], ['\ud800', '\\ud800']]) {
      const findings = findingsFor(doc('hostname.ce0', `web${char}1 netmask + broadcast + up\n`), host, DEFAULT_SETTINGS);
      assert.ok(findings.length > 0);
      for (const f of findings) assert.ok(!f.message.includes(char), `${JSON.stringify(char)} in ${JSON.stringify(f.message)}`);
      assert.ok(findings.some((f) => f.message.includes(`web${shown}1`)), `${shown} shown`);
    }
  });

  test(`at most ${MAX_DIAGNOSTICS} diagnostics for a document, errors first`, () => {
    const warnings: Finding[] = Array.from({ length: MAX_DIAGNOSTICS + 100 }, (_, i) => ({ rule: 'option-order', range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, message: 'w' }));
    const errors: Finding[] = [7, 3].map((line) => ({ rule: 'unknown-keyword', range: { start: { line, character: 0 }, end: { line, character: 1 } }, message: 'e' }));
    const diagnostics = toDiagnostics([...warnings, ...errors], DEFAULT_SETTINGS, 'hostname');
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
    assert.deepEqual(diagnostics.slice(0, 3).map((d) => [d.code, d.range.start.line]), [['unknown-keyword', 7], ['unknown-keyword', 3], ['option-order', 0]]);
  });
});

// ------------------------------------------------------------------------------ once quadratic

describe('inputs that once took quadratic time or threw', () => {
  const host: HostView = { rootUri: ROOT, interfaces: [], newHostsUri: `${ROOT}/hosts` };
  const MB = 1024 * 1024;

  test('200,000 lines joined by backslashes', { timeout: 30_000 }, () => {
    const findings = findingsFor(doc('hostname.ce0', `192.168.10.10 \\\n${'up \\\n'.repeat(200_000)}\n`), host, DEFAULT_SETTINGS);
    assert.deepEqual(rules(findings), []);
  });

  test('a 1 MB line of `up down`: every conflict found, each once', { timeout: 30_000 }, () => {
    const findings = findingsFor(doc('hostname.ce0', `192.168.10.10 ${'up down '.repeat(MB / 8)}\n`), host, DEFAULT_SETTINGS);
    assert.equal(findings.filter((f) => f.rule === 'conflicting-options').length, MB / 4 - 1);
  });

  test('a 1 MB word: no did-you-mean against every keyword', { timeout: 30_000 }, () => {
    const findings = findingsFor(doc('hostname.ce0', `192.168.10.10 up ${'u'.repeat(MB)}\n`), host, DEFAULT_SETTINGS);
    assert.equal(findings.length, 1);
    assert.ok(findings[0]!.message.length < 1000);
  });

  test('a name of 1 MB is looked up, completed and navigated without a regex too large to build', { timeout: 30_000 }, () => {
    const word = 'n'.repeat(MB);
    const hosts = parseHosts(`${HOSTS}192.168.10.99\t${word}\n`);
    const names = createNameLookup([{ uri: `${ROOT}/hosts`, label: 'hosts', file: hosts, kind: 'hosts' }])!;
    assert.equal(names.resolve(word), undefined, `over ${MAX_NAME_LENGTH} characters nothing resolves`);
    assert.deepEqual(names.namesStartingWith(word, 10).names, []);
    const hostsDoc = doc('hosts', `${HOSTS}192.168.10.99\t${word}\n`);
    const view: HostView = { ...host, names, hosts: { uri: `${ROOT}/hosts`, label: 'hosts', file: hosts } };
    const at = { line: 3, character: 20 };
    assert.deepEqual(definition(hostsDoc, at, view), []);
    assert.deepEqual(references(hostsDoc, at, view, true), []);
    const hostname = doc('hostname.ce0', `${word}\n`);
    assert.ok(complete(hostname, MB, view, { release: 's10', markdown: true, retrigger: false, snippets: false }));
    assert.deepEqual(rules(findingsFor(hostname, view, DEFAULT_SETTINGS)), ['unresolved-host']);
  });

  test('line starts by LSP rules (LF, CRLF, lone CR) in a 200,000-line text, then in a 1 MB one-line text', { timeout: 30_000 }, () => {
    const big = Array.from({ length: 200_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}\th${i}`).join('\n');
    assert.equal(new LineIndex(big).lineCount, 200_000);
    const long = new LineIndex(`${'up '.repeat(MB / 3)}\n`);
    assert.deepEqual(long.positionAt(MB), { line: 1, character: 0 });
    const mixed = new LineIndex('a\r\nb\rc\nd\r\re');
    assert.deepEqual([1, 2, 3, 4, 5].map((l) => mixed.lineStart(l)), [3, 5, 7, 9, 10]);
  });
});
