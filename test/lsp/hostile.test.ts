/**
 * Hostile input over a real LSP connection (DESIGN.md "Bad input"): binary files and NUL
 * bytes, files over the size limit, 1 MB lines, a BOM, CR-only and CRLF endings, surrogate
 * pairs, unreadable and vanished files, symlink loops, storms of file events and rapid
 * edits. Each case checks what the server answers, not only that it survives; waits are on
 * notifications and responses, never on sleeps.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FileChangeType,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type Diagnostic,
  type FileEvent,
  type Position,
} from 'vscode-languageserver/node';
import { codes, has, LspTestClient, testWorkspace, Scratch, withServer, type DiagnosticsWait } from './client';

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tbox\tloghost\n192.168.10.11\tbox-test\n';
const NETMASKS = '192.168.10.0\t255.255.255.0\n';
const MB = 1024 * 1024;
/** The server's size limit (server/src/workspace/fileSystem.ts). */
const LIMIT = 16 * MB;

const ws = testWorkspace('ipmp-hostile-', { initializationOptions: { clientCommands: true } });
let hostCount = 0;

/** A fresh host folder `<root>/<name>-<n>/etc` with these files on disk; a function from a file name to its URI. */
function host(name: string, files: Record<string, string | Buffer> = {}): { etc: string; uri: (file: string) => string } {
  const dir = `${name}-${++hostCount}/etc`;
  mkdirSync(ws.path(dir), { recursive: true });
  return { etc: ws.path(dir), uri: ws.writeTree(dir, files) };
}

/** The diagnostics of `uri` the wait accepts; big inputs take their time (30 s). */
function published(uri: string, wait: DiagnosticsWait | ((d: Diagnostic[]) => boolean), on: LspTestClient = ws.client): Promise<Diagnostic[]> {
  return on.diagnostics(uri, typeof wait === 'function' ? { where: wait, timeout: 30_000 } : { timeout: 30_000, ...wait });
}

/** LSP lines: `\r\n`, `\r` and `\n` each end one. */
function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every diagnostic lies inside the text, and its message holds no control character or half a surrogate pair. */
function assertWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
  const lines = lspLines(text);
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} of ${lines.length} (${d.code})`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `character ${p.character} of ${lines[p.line]!.length} on line ${p.line} (${d.code})`);
    }
    const s = d.range.start;
    const e = d.range.end;
    assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `start before end (${d.code})`);
    assert.doesNotMatch(messageOf(d), /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, `message of ${d.code}: ${JSON.stringify(d.message)}`);
    assert.ok(messageOf(d).length < 2000, `message of ${d.code} is ${messageOf(d).length} long`);
  }
}

/** Sends every request the server answers for a document; all must answer (possibly with nothing), none may fail. */
async function exerciseFeatures(uri: string, positions: readonly Position[], on: LspTestClient = ws.client): Promise<Record<string, unknown>> {
  const textDocument = { uri };
  const whole = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
  const answers: Record<string, unknown> = {
    symbols: await on.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    tokens: await on.connection.sendRequest(SemanticTokensRequest.type, { textDocument }),
    formatting: await on.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 8, insertSpaces: false } }),
    inlayHints: await on.connection.sendRequest(InlayHintRequest.type, { textDocument, range: whole }),
    codeLenses: await on.connection.sendRequest(CodeLensRequest.type, { textDocument }),
    codeActions: await on.codeActions(uri, whole, on.published.get(uri)?.diagnostics ?? []),
  };
  for (const [i, position] of positions.entries()) {
    answers[`hover${i}`] = await on.hover(uri, position.line, position.character);
    answers[`completion${i}`] = await on.completion(uri, position.line, position.character);
    answers[`definition${i}`] = await on.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
    answers[`references${i}`] = await on.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } });
    answers[`highlights${i}`] = await on.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position });
    // A refusal is an answer too (a ResponseError with the reason), not a failure.
    answers[`prepareRename${i}`] = await on.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position }).catch((e: Error) => ({ refused: e.message }));
  }
  return answers;
}

/** The server still works: a keyword hover in a plain file. */
async function assertAlive(on: LspTestClient = ws.client): Promise<void> {
  const { uri } = host('alive');
  await on.open(uri('hostname.ce0'), 'solaris-hostname', '192.168.10.10 netmask + broadcast + up\n');
  const hover = await on.hover(uri('hostname.ce0'), 0, '192.168.10.10 netmask + broadcast + u'.length);
  assert.match(JSON.stringify(hover?.contents), /up/, 'a hover on `up`');
  await on.close(uri('hostname.ce0'));
}

/** Deterministic bytes that look like a binary file: every byte value, NULs, an ELF header. */
function binaryBytes(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  bytes.write('\x7fELF\x02\x01\x01\0', 0, 'latin1');
  return bytes;
}

const KINDS = [
  { kind: 'hostname', file: 'hostname.ce0', language: 'solaris-hostname' },
  { kind: 'dhcp', file: 'dhcp.ce0', language: 'solaris-hostname' },
  { kind: 'hosts', file: 'hosts', language: 'solaris-hosts' },
  { kind: 'ipnodes', file: 'inet/ipnodes', language: 'solaris-hosts' },
  { kind: 'netmasks', file: 'netmasks', language: 'solaris-netmasks' },
  { kind: 'mpathd', file: 'default/mpathd', language: 'solaris-mpathd' },
] as const;

// ------------------------------------------------------------------------------ binary, NUL

describe('binary files and NUL bytes', () => {
  for (const { kind, file, language } of KINDS) {
    test(`an open ${kind} document of binary bytes gets well-formed diagnostics and every feature answers`, async () => {
      // As an editor shows it (invalid UTF-8 becomes U+FFFD) and as latin1 (C1 controls).
      for (const text of [binaryBytes(8192).toString('utf8'), binaryBytes(8192, 99).toString('latin1')]) {
        const { uri } = host(`binary-${kind}`, { hosts: HOSTS });
        const target = uri(file);
        await ws.client.open(target, language, text);
        const diagnostics = await published(target, { version: 1 });
        assertWellFormed(text, diagnostics);
        if (kind !== 'mpathd') assert.ok(diagnostics.length > 0, `${kind}: binary content is reported`);
        const lines = lspLines(text);
        await exerciseFeatures(target, [
          { line: 0, character: 0 },
          { line: 0, character: 3 },
          { line: Math.floor(lines.length / 2), character: 1 },
          { line: lines.length - 1, character: lines[lines.length - 1]!.length },
          { line: lines.length + 5, character: 9999 },
        ]);
        await ws.client.close(target);
      }
      await assertAlive();
    });
  }

  test('a NUL byte inside a word is quoted visibly in each kind of file', async () => {
    const { uri } = host('nul', { hosts: HOSTS });
    const cases: [file: string, language: string, text: string, rule: string][] = [
      ['hostname.ce0', 'solaris-hostname', 'box\0 netmask + broadcast + up\n', 'unresolved-host'],
      ['hosts', 'solaris-hosts', '127.0.0.1\tlocalhost\n192.168.10.10\tbox\0x\tloghost\n', 'invalid-host-name'],
      ['netmasks', 'solaris-netmasks', '192.168.10.0\t255.255.255.0\0\n', 'invalid-netmask'],
      ['default/mpathd', 'solaris-mpathd', 'FAILBACK=no\0\n', 'setting-syntax'],
    ];
    for (const [file, language, text, rule] of cases) {
      await ws.client.open(uri(file), language, text);
      const diagnostics = await published(uri(file), has(rule));
      assertWellFormed(text, diagnostics);
      const d = diagnostics.find((x) => x.code === rule)!;
      assert.match(messageOf(d), /\\x00/, `${file}: the NUL shows as \\x00 in ${JSON.stringify(d.message)}`);
      await ws.client.close(uri(file));
    }
  });

  test('binary files and NUL bytes on disk, read as the host of an open file', async () => {
    // hosts on disk: binary garbage around one good line and one name glued to a NUL.
    const hostsBytes = Buffer.concat([binaryBytes(4096), Buffer.from('\n192.168.10.10\tbox\n192.168.10.11\tbox-test\0\n'), binaryBytes(4096, 3)]);
    const { uri } = host('binary-disk', {
      hosts: hostsBytes,
      netmasks: Buffer.concat([binaryBytes(2048, 5), Buffer.from('\n192.168.10.0\t255.255.255.0\n')]),
      'hostname.ce1': binaryBytes(4096, 11),
      'default/mpathd': binaryBytes(1024, 13),
    });
    const text = 'box netmask + broadcast + group prod up \\\naddif box-test deprecated -failover netmask + broadcast + up\n';
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', text);
    // `box` resolves; `box-test` is glued to a NUL in hosts, so it does not (nor would it at boot:
    // the line fails there, so ce0 gets no test address); the binary hostname.ce1 is no member of prod.
    const diagnostics = await published(uri('hostname.ce0'), has('unresolved-host'));
    assertWellFormed(text, diagnostics);
    assert.deepEqual(codes(diagnostics), ['unresolved-host']);
    assert.equal(diagnostics.find((d) => d.code === 'unresolved-host')!.range.start.line, 1);
    await exerciseFeatures(uri('hostname.ce0'), [{ line: 0, character: 1 }, { line: 1, character: 8 }, { line: 0, character: 40 }]);
    await ws.client.close(uri('hostname.ce0'));
  });
});

// ------------------------------------------------------------------------------ size limit

describe('files over the size limit', () => {
  test('a 50 MB open hosts document gets exactly one info diagnostic, and every feature answers with nothing', { timeout: 120_000 }, async () => {
    const { uri } = host('huge-open');
    const line = '192.168.10.77\tbulk-host alias-one alias-two\n';
    const text = line.repeat(Math.ceil((50 * MB) / line.length));
    await ws.client.open(uri('hosts'), 'solaris-hosts', text);
    const diagnostics = await published(uri('hosts'), { version: 1 });
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d!.code, 'file-too-large');
    assert.equal(d!.severity, 3, 'info');
    assert.match(messageOf(d!), /^This file is 50(\.\d)? MB, over the 16 MB limit/);
    const answers = await exerciseFeatures(uri('hosts'), [{ line: 0, character: 16 }, { line: 100_000, character: 20 }]);
    for (const [name, answer] of Object.entries(answers)) {
      const empty = answer === null || (Array.isArray(answer) && answer.length === 0) || JSON.stringify(answer) === '{"data":[]}' || JSON.stringify(answer) === '{"isIncomplete":false,"items":[]}';
      assert.ok(empty, `${name} answers with nothing: ${JSON.stringify(answer).slice(0, 200)}`);
    }
    // An edit is checked again, still cheaply.
    const version = await ws.client.edit(uri('hosts'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# big\n');
    assert.deepEqual(codes(await published(uri('hosts'), { version })), ['file-too-large']);

    // A hostname file of the same host: its names were not checked, and it says so instead of erring.
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'bulk-host netmask + broadcast + up\n');
    const dependent = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(dependent), ['file-too-large']);
    assert.deepEqual(dependent[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'bulk-host'.length } });
    assert.match(messageOf(dependent[0]!), /^hosts \(50(\.\d)? MB\) is over the size limit for checking: the host names this file uses were not checked\.$/);
    await ws.client.close(uri('hostname.ce0'));
    await ws.client.close(uri('hosts'));
    await assertAlive();
  });

  test('over the limit, CR line endings are still found (one scan), and nothing else', { timeout: 60_000 }, async () => {
    const { uri } = host('huge-crlf');
    const line = 'FAILBACK=yes\r\n';
    const count = Math.ceil((LIMIT + 1) / line.length);
    await ws.client.open(uri('default/mpathd'), 'solaris-mpathd', `# settings\n${line.repeat(count)}`);
    const diagnostics = await published(uri('default/mpathd'), { version: 1 });
    assert.deepEqual(codes(diagnostics), ['carriage-return', 'file-too-large']);
    const cr = diagnostics.find((d) => d.code === 'carriage-return')!;
    assert.deepEqual(cr.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 'FAILBACK=yes'.length } });
    assert.equal(cr.severity, 2, 'a warning outside hostname files');
    assert.match(messageOf(cr), new RegExp(`^${count} line breaks have a carriage return`));
    await ws.client.close(uri('default/mpathd'));
  });

  test('a 50 MB hosts file on disk: the hostname files that need it say so, none reports its names as unresolved', async () => {
    const { etc, uri } = host('huge-disk', { netmasks: NETMASKS });
    writeFileSync(path.join(etc, 'hosts'), '');
    truncateSync(path.join(etc, 'hosts'), 50 * MB); // sparse: no 50 MB written, none read
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'box netmask + broadcast + up\n');
    const diagnostics = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(diagnostics), ['file-too-large']);
    assert.equal(diagnostics[0]!.severity, 3);
    assert.match(messageOf(diagnostics[0]!), /^hosts \(50 MB\) is over the size limit for checking: the host names this file uses were not checked\.$/);
    // Without names, nothing else is claimed either: no no-hosts-file, no unresolved-host.
    await ws.client.open(uri('hostname.ce2'), 'solaris-hostname', '192.168.10.12 netmask + broadcast + up\n');
    assert.deepEqual(codes(await published(uri('hostname.ce2'), { version: 1 })), []);
    await ws.client.close(uri('hostname.ce0'));
    await ws.client.close(uri('hostname.ce2'));
  });

  test('a member of the host over the limit on disk: the checks across interfaces are skipped, and said to be', async () => {
    const { etc, uri } = host('huge-member', { hosts: HOSTS, netmasks: NETMASKS });
    writeFileSync(path.join(etc, 'hostname.ce1'), '');
    truncateSync(path.join(etc, 'hostname.ce1'), LIMIT + 1);
    // Alone in group prod it would get single-interface-group; with ce1 unknown, that claim would be a guess.
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'box netmask + broadcast + group prod up\n');
    const diagnostics = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(diagnostics), ['file-too-large']);
    assert.match(messageOf(diagnostics[0]!), /^hostname\.ce1 \(16 MB\) is over the size limit for checking: the checks across this host's interfaces/);
    await ws.client.close(uri('hostname.ce0'));
  });

  test('a 200,000-line hosts file (8.5 MB) is under the limit and gets every check', { timeout: 120_000 }, async () => {
    const lines: string[] = ['127.0.0.1\tlocalhost'];
    for (let i = 0; i < 200_000; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\thost${i}.example.com\thost${i}`);
    lines.push('10.300.0.1\tbroken');
    const text = `${lines.join('\n')}\n`;
    assert.ok(text.length > 8 * MB && text.length < LIMIT, `${text.length} bytes`);
    const { uri } = host('big-hosts', { hosts: text });
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'host199999 netmask + broadcast + up\n');
    assert.deepEqual(await published(uri('hostname.ce0'), { version: 1 }), []);
    await ws.client.change(uri('hostname.ce0'), 'host200000 netmask + broadcast + up\n');
    assert.deepEqual(codes(await published(uri('hostname.ce0'), { version: 2 })), ['unresolved-host']);
    // Opened, the hosts file itself is checked in full: the bad address on its last line is found.
    await ws.client.open(uri('hosts'), 'solaris-hosts', text);
    const own = await published(uri('hosts'), { version: 1 });
    assert.deepEqual(own.map((d) => [d.code, d.range.start.line]), [['invalid-address', 200_001]]);
    await ws.client.close(uri('hosts'));
    await ws.client.close(uri('hostname.ce0'));
  });
});

// ------------------------------------------------------------------------------ long lines

describe('1 MB lines', () => {
  test('a 1 MB line in each kind of file is checked, and hover and completion at its end answer', { timeout: 120_000 }, async () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `alias${i}`).join(' ');
    // expected: the codes; hover: what a hover on the line's last character shows (the last word
    // and a piece of its docs), or null; offered: a completion item at the line's end, or null for
    // an empty list.
    const cases: [file: string, language: string, text: string, expected: string[], hover: [word: string, shows: RegExp] | null, offered: string | null][] = [
      // ifconfig takes the second bare word as the destination and has no place for the rest.
      ['hostname.ce0', 'solaris-hostname', `192.168.10.10 ${'up '.repeat(350_000)}\n`, [], ['up', /\*\*`up`\*\*/], 'netmask'],
      ['hostname.ce1', 'solaris-hostname', `${'a'.repeat(MB)} up\n`, ['unresolved-host'], ['up', /\*\*`up`\*\*/], 'netmask'],
      ['hostname.ce2', 'solaris-hostname', `192.168.10.12 ${'up down '.repeat(131_072)}\n`, ['conflicting-options'], ['down', /\*\*`down`\*\*/], 'netmask'],
      ['hosts', 'solaris-hosts', `192.168.10.10\tbox ${words}\n`, [], ['alias99999', /`alias99999` → `192\.168\.10\.10`/], null],
      ['netmasks', 'solaris-netmasks', `#${'x'.repeat(MB)}\n192.168.10.0\t255.255.255.0\n`, [], null, null],
      ['default/mpathd', 'solaris-mpathd', `FAILBACK=${'y'.repeat(MB)}\n`, ['setting-syntax'], null, 'yes'],
    ];
    const { uri } = host('long-line', { hosts: HOSTS });
    for (const [file, language, text, expected, hover, offered] of cases) {
      assert.ok(text.length >= MB, `${file}: ${text.length}`);
      await ws.client.open(uri(file), language, text);
      const diagnostics = await published(uri(file), { version: 1 });
      assertWellFormed(text, diagnostics);
      assert.deepEqual([...new Set(codes(diagnostics))], expected, file);
      const end = lspLines(text)[0]!.length;
      const h = await ws.client.hover(uri(file), 0, end - 1);
      if (hover === null) assert.equal(h, null, file);
      else {
        const wordEnd = lspLines(text)[0]!.trimEnd().length; // ce0's line ends in a blank: the hover is on the word before it
        assert.deepEqual(h?.range, { start: { line: 0, character: wordEnd - hover[0].length }, end: { line: 0, character: wordEnd } }, file);
        assert.match(JSON.stringify(h?.contents), hover[1], file);
      }
      const labels = (await ws.client.completion(uri(file), 0, end)).items.map((i) => i.label);
      if (offered === null) assert.deepEqual(labels, [], file);
      else assert.ok(labels.includes(offered), `${file}: ${offered} in ${JSON.stringify(labels)}`);
      await ws.client.close(uri(file));
    }
  });

  test('200,000 lines joined by backslashes into one record are read in one pass', { timeout: 120_000 }, async () => {
    const { uri } = host('continued', { hosts: HOSTS });
    const text = `box netmask + broadcast + \\\n${'up \\\n'.repeat(200_000)}\n`;
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', text);
    const diagnostics = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(diagnostics), []);
    const hover = await ws.client.hover(uri('hostname.ce0'), 150_000, 1);
    assert.deepEqual(hover?.range, { start: { line: 150_000, character: 0 }, end: { line: 150_000, character: 2 } });
    assert.match(JSON.stringify(hover?.contents), /\*\*`up`\*\*/);
    await ws.client.close(uri('hostname.ce0'));
  });

  test('a word of 1 MB is shortened in the message that quotes it', async () => {
    const { uri } = host('long-word', { hosts: HOSTS });
    const word = `${'\0'.repeat(MB)}`;
    await ws.client.open(uri('hosts'), 'solaris-hosts', `${word}\n`);
    const diagnostics = await published(uri('hosts'), { version: 1 });
    // Not an address, and no name after it: both quote the word, shortened.
    assert.deepEqual(codes(diagnostics), ['invalid-address', 'missing-host-name']);
    assertWellFormed(`${word}\n`, diagnostics);
    for (const d of diagnostics) assert.ok(messageOf(d).length < 500, `${d.code}: ${messageOf(d).length} characters`);
    await ws.client.close(uri('hosts'));
  });
});

// ------------------------------------------------------------------------------ BOM, line endings, surrogates

describe('BOM, line endings and surrogate pairs', () => {
  test('a BOM is part of the first word for Solaris, and shows in the message', async () => {
    const { uri } = host('bom', { hosts: HOSTS });
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', '\ufeff192.168.10.10 netmask + broadcast + up\n');
    const [d] = await published(uri('hostname.ce0'), (ds) => ds.length > 0);
    // ifconfig is handed '<BOM>192.168.10.10' (no Solaris reader strips a BOM): a name it cannot resolve.
    assert.equal(d!.code, 'unresolved-host');
    assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
    assert.match(messageOf(d!), /'\\ufeff192\.168\.10\.10'/);

    await ws.client.open(uri('inet/hosts'), 'solaris-hosts', `\ufeff${HOSTS}`);
    const hosts = await published(uri('inet/hosts'), (ds) => ds.length > 0);
    assert.deepEqual(hosts.map((x) => [x.code, x.range]), [['invalid-address', { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }]]);
    assert.match(messageOf(hosts[0]!), /\\ufeff127\.0\.0\.1/);

    // On disk (no editor strips it there): the lines after the first are read as usual.
    const { uri: disk } = host('bom-disk', { hosts: `\ufeff192.168.10.10\tfirst\n192.168.10.11\tsecond\n` });
    await ws.client.open(disk('hostname.ce0'), 'solaris-hostname', 'second netmask + broadcast + up\n');
    assert.deepEqual(await published(disk('hostname.ce0'), { version: 1 }), []);
    assert.match(JSON.stringify((await ws.client.hover(disk('hostname.ce0'), 0, 2))?.contents), /192\.168\.10\.11/);
    for (const u of [uri('hostname.ce0'), uri('inet/hosts'), disk('hostname.ce0')]) await ws.client.close(u);
  });

  test('CRLF in every kind of file: carriage-return (an error only in hostname files), positions by LSP rules', async () => {
    const { uri } = host('crlf', { hosts: HOSTS });
    const cases: [file: string, language: string, text: string, severity: number][] = [
      ['hostname.ce0', 'solaris-hostname', 'box netmask + broadcast + up\r\n', 1],
      ['inet/hosts', 'solaris-hosts', HOSTS.replace(/\n/g, '\r\n'), 2],
      ['netmasks', 'solaris-netmasks', `# masks\r\n${NETMASKS.replace(/\n/g, '\r\n')}`, 2],
      ['default/mpathd', 'solaris-mpathd', 'FAILBACK=yes\r\nFAILURE_DETECTION_TIME=10000\r\n', 2],
    ];
    for (const [file, language, text, severity] of cases) {
      await ws.client.open(uri(file), language, text);
      const diagnostics = await published(uri(file), has('carriage-return'));
      assertWellFormed(text, diagnostics);
      assert.deepEqual(codes(diagnostics), ['carriage-return'], file);
      assert.equal(diagnostics[0]!.severity, severity, file);
      await ws.client.close(uri(file));
    }
  });

  test('CR-only endings: Solaris sees one unterminated line, LSP positions see several', async () => {
    const { uri } = host('cr-only', { hosts: HOSTS });
    const text = 'box netmask + broadcast + up\rbox-test deprecated -failover up\r';
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', text);
    const diagnostics = await published(uri('hostname.ce0'), has('carriage-return'));
    assertWellFormed(text, diagnostics);
    // One line for Solaris: `up\rbox-test` and the final `up\r` are words ifconfig does not know.
    assert.deepEqual(codes(diagnostics), ['carriage-return', 'missing-final-newline', 'unknown-keyword', 'unknown-keyword']);
    const cr = diagnostics.find((d) => d.code === 'carriage-return')!;
    assert.deepEqual(cr.range, { start: { line: 0, character: 'box netmask + broadcast + '.length }, end: { line: 0, character: 'box netmask + broadcast + up'.length } });

    const hostsText = '127.0.0.1 localhost\r192.168.10.10 box\r';
    await ws.client.open(uri('hosts'), 'solaris-hosts', hostsText);
    const hosts = await published(uri('hosts'), has('carriage-return'));
    assertWellFormed(hostsText, hosts);
    await exerciseFeatures(uri('hosts'), [{ line: 1, character: 15 }, { line: 2, character: 0 }]);
    for (const u of [uri('hostname.ce0'), uri('hosts')]) await ws.client.close(u);
  });

  test('surrogate pairs: ranges count UTF-16 units, names with emoji resolve, lone surrogates show escaped', async () => {
    const { uri } = host('emoji', { hosts: `${HOSTS}192.168.10.12\tweb😀1\t# the 😀 box\n192.168.10.13\tlone\ud83dx\n` });
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'web😀1 netmask + broadcast + up\n');
    assert.deepEqual(await published(uri('hostname.ce0'), { version: 1 }), []);
    // The cursor between the two halves of the emoji still finds the name.
    const hover = await ws.client.hover(uri('hostname.ce0'), 0, 4);
    assert.match(JSON.stringify(hover?.contents), /192\.168\.10\.12/);
    const definition = (await ws.client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('hostname.ce0') }, position: { line: 0, character: 5 } })) as { range: Diagnostic['range'] }[];
    assert.deepEqual(definition.map((l) => l.range), [{ start: { line: 3, character: 14 }, end: { line: 3, character: 20 } }]);

    await ws.client.change(uri('hostname.ce0'), 'web\ud83d1 netmask + broadcast + up\n');
    const [lone] = await published(uri('hostname.ce0'), { version: 2 });
    assert.equal(lone!.code, 'unresolved-host');
    assert.deepEqual(lone!.range.end, { line: 0, character: 5 });
    assert.match(messageOf(lone!), /'web\\ud83d1'/);

    const hostsText = `${HOSTS}192.168.10.12\tweb😀1\t# the 😀 box \udc00\n`;
    await ws.client.open(uri('hosts'), 'solaris-hosts', hostsText);
    const hosts = await published(uri('hosts'), (ds) => ds.length > 0);
    assertWellFormed(hostsText, hosts);
    assert.deepEqual(hosts.map((d) => [d.code, d.range]), [['invalid-host-name', { start: { line: 3, character: 14 }, end: { line: 3, character: 20 } }]]);
    await exerciseFeatures(uri('hosts'), [{ line: 3, character: 16 }, { line: 3, character: 27 }]);
    for (const u of [uri('hostname.ce0'), uri('hosts')]) await ws.client.close(u);
  });
});

// ------------------------------------------------------------------------------ unreadable, vanished

describe('unreadable and vanished files', () => {
  test('a folder where hosts should be: unreadable-file, not no-hosts-file', async () => {
    const { etc, uri } = host('hosts-folder');
    mkdirSync(path.join(etc, 'hosts'));
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'box netmask + broadcast + up\n');
    const diagnostics = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(diagnostics), ['unreadable-file']);
    assert.equal(messageOf(diagnostics[0]!), 'hosts (a folder) could not be read: the host names this file uses were not checked.');
    await ws.client.close(uri('hostname.ce0'));
  });

  test('a FIFO as hosts and as a member interface is never opened (no hang), and both are reported', async () => {
    const { etc, uri } = host('fifo', { netmasks: NETMASKS });
    for (const name of ['hosts', 'hostname.ce1']) assert.equal(spawnSync('mkfifo', [path.join(etc, name)]).status, 0, 'mkfifo');
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'box netmask + broadcast + group prod up\n');
    const diagnostics = await published(uri('hostname.ce0'), { version: 1 });
    assert.deepEqual(codes(diagnostics), ['unreadable-file']);
    assert.equal(
      diagnostics[0]!.message,
      "hosts (not a regular file), hostname.ce1 (not a regular file) could not be read: the host names this file uses were not checked; the checks across this host's interfaces (IPMP groups, duplicate addresses) were skipped.",
    );
    assert.ok(await ws.client.hover(uri('hostname.ce0'), 0, 1));
    await ws.client.close(uri('hostname.ce0'));
  });

  test('hosts deleted between the file event and the read: the host has no hosts file any more', async () => {
    const { etc, uri } = host('vanish', { hosts: HOSTS });
    await ws.client.open(uri('hostname.ce0'), 'solaris-hostname', 'box netmask + broadcast + up\n');
    assert.deepEqual(await published(uri('hostname.ce0'), { version: 1 }), []);
    unlinkSync(path.join(etc, 'hosts'));
    // The event says "changed"; by the time the server reads, the file is gone.
    await ws.client.filesChanged([{ uri: uri('hosts'), type: FileChangeType.Changed }]);
    assert.deepEqual(codes(await published(uri('hostname.ce0'), has('no-hosts-file'))), ['no-hosts-file']);
    // A "created" event for a file that is not there, and it comes back afterwards.
    await ws.client.filesChanged([{ uri: uri('inet/hosts'), type: FileChangeType.Created }, { uri: uri('hostname.ce7'), type: FileChangeType.Created }]);
    writeFileSync(path.join(etc, 'hosts'), HOSTS);
    await ws.client.filesChanged([{ uri: uri('hosts'), type: FileChangeType.Created }]);
    assert.deepEqual(await published(uri('hostname.ce0'), (d) => d.length === 0), []);
    await ws.client.close(uri('hostname.ce0'));
  });
});

// ------------------------------------------------------------------------------ symlink loops

describe('symlink loops', () => {
  test('loops in the workspace: the background index ends, workspace symbols answer, a looping hosts link is reported', async () => {
    const loops = new Scratch('ipmp-loops-');
    try {
      loops.write('web1/etc/hosts', HOSTS);
      loops.write('web1/etc/hostname.ce0', 'box netmask + broadcast + group loopgroup up\n');
      loops.write('db1/etc/hostname.e1000g0', 'db1 netmask + broadcast + up\n');
      symlinkSync('..', loops.path('web1/etc/parent')); // a cycle through a folder
      symlinkSync('../..', loops.path('web1/etc/root'));
      symlinkSync('self', loops.path('self')); // a link to itself
      symlinkSync('b', loops.path('a'));
      symlinkSync('a', loops.path('b')); // two links to each other
      symlinkSync('hosts', loops.path('db1/etc/hosts')); // a hosts file that is a link to itself
      await withServer(loops.uri(), {}, async (other) => {
        const symbols = (await other.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'loopgroup' })) as { name: string; location: { uri: string } }[];
        assert.deepEqual(
          symbols.map((s) => [s.name, s.location.uri]),
          [['loopgroup', loops.uri('web1/etc/hostname.ce0')]],
          'the group once, through its real path only',
        );
        const db1 = loops.uri('db1/etc/hostname.e1000g0');
        await other.open(db1, 'solaris-hostname', 'db1 netmask + broadcast + up\n');
        const diagnostics = await published(db1, { version: 1 }, other);
        assert.deepEqual(codes(diagnostics), ['unreadable-file']);
        assert.match(messageOf(diagnostics[0]!), /^hosts \(a loop of symbolic links\) could not be read/);
      });
    } finally {
      loops.remove();
    }
  });
});

// ------------------------------------------------------------------------------ storms and versions

describe('event storms and rapid edits', () => {
  test('10,000 file events: checked a few times, not 10,000; a hover answers; the final diagnostics are right', { timeout: 120_000 }, async () => {
    const { etc, uri } = host('storm', { hosts: '127.0.0.1\tlocalhost\n' });
    const target = uri('hostname.ce0');
    await ws.client.open(target, 'solaris-hostname', 'box netmask + broadcast + up\n');
    await published(target, has('unresolved-host'));
    const mark = ws.client.history.length;
    const events: FileEvent[] = [];
    for (let i = 0; i < 10_000; i++) {
      // Changes to this host's hosts file, and files of other hosts appearing and going.
      events.push(i % 2 ? { uri: uri('hosts'), type: FileChangeType.Changed } : { uri: ws.uri(`storm-other-${i}/etc/hostname.e${i}`), type: i % 4 ? FileChangeType.Created : FileChangeType.Deleted });
    }
    // Each event its own notification, as a file watcher sends them.
    for (const event of events) void ws.client.filesChanged([event]);
    writeFileSync(path.join(etc, 'hosts'), HOSTS);
    await ws.client.filesChanged([{ uri: uri('hosts'), type: FileChangeType.Changed }]);
    const hover = await ws.client.hover(target, 0, 1);
    assert.match(JSON.stringify(hover?.contents), /192\.168\.10\.10/, 'the hover already sees the new hosts file');
    assert.deepEqual(await published(target, (d) => d.length === 0), []);
    const checks = ws.client.history.slice(mark).filter((p) => p.uri === target).length;
    assert.ok(checks <= 20, `${checks} publications for 10,001 events`);
    await ws.client.close(target);
  });

  test('rapid edits of a document and its hosts file: never an older check after a newer one, and the last one is right', { timeout: 120_000 }, async () => {
    const { uri } = host('versions', { netmasks: NETMASKS });
    const target = uri('hostname.ce0');
    const hostsUri = uri('hosts');
    const withName = `${HOSTS}192.168.10.20\tlate\n`;
    await ws.client.open(hostsUri, 'solaris-hosts', HOSTS);
    await ws.client.open(target, 'solaris-hostname', 'late netmask + broadcast + up\n');
    await published(target, has('unresolved-host'));
    const mark = ws.client.history.length;
    let version = 1;
    let hostsHasName = false;
    for (let i = 0; i < 120; i++) {
      if (i % 3 === 0) {
        hostsHasName = !hostsHasName;
        void ws.client.change(hostsUri, hostsHasName ? withName : HOSTS);
      }
      version = await ws.client.change(target, i % 2 ? 'late netmask + broadcast + UP\n' : 'late netmask + broadcast + up\n');
    }
    // Last text has 'UP' (i = 119 is odd); the hosts file holds the name iff hostsHasName.
    const expected = hostsHasName ? ['unknown-keyword'] : ['unknown-keyword', 'unresolved-host'];
    assert.deepEqual(codes(await published(target, { version })), expected);
    // Then only the hosts file changes, back and forth, and last to a state no other one gives:
    // `late` on a network netmasks does not list.
    for (let i = 0; i < 30; i++) void ws.client.change(hostsUri, i % 2 ? withName : HOSTS);
    await ws.client.change(hostsUri, `${HOSTS}10.9.9.9\tlate\n`);
    const final = JSON.stringify(['netmask-not-found', 'unknown-keyword']);
    await published(target, (d) => JSON.stringify(codes(d)) === final);
    // A last edit as a barrier: everything started before it has been published or dropped.
    const barrier = await ws.client.change(target, 'late netmask + broadcast + up\n');
    assert.deepEqual(codes(await published(target, { version: barrier })), ['netmask-not-found']);

    const ours = ws.client.history.slice(mark).filter((p) => p.uri === target);
    const versions = ours.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions only go up');
    // Once the final host state was published, no check of an older one followed it.
    const settled = ours.findIndex((p) => JSON.stringify(codes(p.diagnostics)) === final);
    assert.ok(settled >= 0);
    const stale = ours.slice(settled).filter((p) => p.version === version && JSON.stringify(codes(p.diagnostics)) !== final);
    assert.deepEqual(stale.map((p) => codes(p.diagnostics)), [], 'no stale host state after the final one');
    for (const u of [target, hostsUri]) await ws.client.close(u);
  });

  test('closed and opened again at version 1 with other text: no check of the old text is published for the new one', async () => {
    const { uri } = host('reopen', { hosts: HOSTS, netmasks: NETMASKS });
    const target = uri('hostname.ce0');
    const mark = ws.client.history.length;
    for (let round = 0; round < 20; round++) {
      const roundMark = ws.client.history.length;
      void ws.client.open(target, 'solaris-hostname', 'box netmask + broadcast + UP\n');
      void ws.client.close(target);
      await ws.client.open(target, 'solaris-hostname', 'box netmask + broadcast + up\n');
      await published(target, { after: roundMark, version: 1, where: (d) => d.length === 0 });
      await ws.client.close(target);
    }
    // Publications arrive in order: once this one is in, so is the last close's.
    const lastMark = ws.client.history.length;
    await ws.client.open(target, 'solaris-hostname', 'box netmask + broadcast + up\n');
    await published(target, { after: lastMark, version: 1, where: (d) => d.length === 0 });
    // Each round closes twice (each close publishes nothing, without a version); between the
    // first and the second close only the clean text is open.
    let closes = 0;
    const stale: string[][] = [];
    for (const p of ws.client.history.slice(mark).filter((x) => x.uri === target)) {
      if (p.version === undefined) closes++;
      else if (closes % 2 === 1 && p.diagnostics.length > 0) stale.push(codes(p.diagnostics));
    }
    assert.equal(closes, 40);
    assert.deepEqual(stale, []);
    await ws.client.close(target);
  });
});
