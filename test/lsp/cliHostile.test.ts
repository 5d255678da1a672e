/**
 * The bundled `ipmp-lint` (dist/server/cli.js) on hostile trees, as a user runs it: huge
 * files, binary files, unreadable and looping paths, odd names, bad paths and options, a
 * closed pipe. Whatever the input: problems on stdout, at most one line per trouble on
 * stderr, the documented exit status, never a stack trace.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, runCli, testWorkspace, type CliRun } from './client';

const MB = 1024 * 1024;
const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tbox\tloghost\n192.168.10.11\tbox-test\n';
/** A line of the text format. */
const TEXT_LINE = /^[^\n]+:\d+:\d+: (error|warning|info|hint) [a-z0-9-]+: .+$/;

const ws = testWorkspace('ipmp-cli-hostile-', { server: false });
const lint = (...args: string[]): CliRun => runCli(args, { cwd: ws.root, timeout: 60_000, maxBuffer: 64 * MB });
const write = (file: string, content: string | Buffer): string => ws.write(file, content);

/** No stack trace, no internal error, every stderr line one `ipmp-lint: ...` message. */
function assertClean(r: CliRun): void {
  assert.doesNotMatch(r.err, /^\s+at /m, `a stack trace:\n${r.err}`);
  assert.doesNotMatch(r.err, /internal error|TypeError|RangeError/i, r.err);
  // After a usage error the usage text follows a blank line.
  const messages = r.err.split('\n\nUsage: ipmp-lint ')[0]!;
  for (const line of messages.split('\n').filter(Boolean)) {
    assert.match(line, /^ipmp-lint: /, `stderr line: ${JSON.stringify(line)}`);
  }
}

function sparse(file: string, size: number): void {
  write(file, '');
  truncateSync(ws.path(file), size);
}

describe('ipmp-lint: files over the size limit', () => {
  test('a 50 MB hosts file is not read; it and the files that need it get an info note; exit 0', () => {
    write('huge/box/etc/hostname.ce0', 'box netmask + broadcast + up\n');
    write('huge/box/etc/netmasks', '192.168.10.0\t255.255.255.0\n');
    sparse('huge/box/etc/hosts', 50 * MB);
    const r = lint('huge');
    assertClean(r);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    assert.equal(
      r.out,
      [
        'huge/box/etc/hostname.ce0:1:1: info file-too-large: hosts (50 MB) is over the size limit for checking: the host names this file uses were not checked.',
        'huge/box/etc/hosts:1:1: info file-too-large: This file is 50 MB, over the 16 MB limit for checking: it was not checked. Files of its host that need it (as their hosts or netmasks file, or as a group member) skip those checks and say so.',
        '0 error(s), 0 warning(s), 2 info',
        '',
      ].join('\n'),
    );
  });

  test('a huge file named on the command line, in every format', () => {
    sparse('named/etc/hostname.ce0', 20 * MB);
    const text = lint('named/etc/hostname.ce0');
    assertClean(text);
    assert.equal(text.code, 0);
    assert.match(text.out, /^named\/etc\/hostname\.ce0:1:1: info file-too-large: This file is 20 MB/);
    const json = JSON.parse(lint('--format', 'json', 'named').out) as { code: string }[];
    assert.deepEqual(json.map((p) => p.code), ['file-too-large']);
    const sarif = JSON.parse(lint('--format', 'sarif', 'named').out);
    const run = sarif.runs[0];
    assert.equal(run.results[0].ruleId, 'file-too-large');
    assert.equal(run.tool.driver.rules[run.results[0].ruleIndex].id, 'file-too-large');
  });
});

describe('ipmp-lint: any bytes', () => {
  test('a binary hostname file (512 KB) and a 1 MB line: problems, exit 1, parseable JSON', { timeout: 120_000 }, () => {
    const bytes = Buffer.alloc(MB / 2);
    let x = 1;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    write('bytes/etc/hostname.ce0', bytes);
    const longLine = `box ${'up '.repeat(MB / 3)}UP\n`;
    write('bytes/etc/hostname.ce1', longLine);
    write('bytes/etc/hosts', HOSTS);
    const r = lint('bytes');
    assertClean(r);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, TEXT_LINE);
    assert.deepEqual([...r.out].filter((c) => c !== '\n' && (c < ' ' || (c >= '\x7f' && c <= '\x9f'))), [], 'no control characters on the terminal');
    assert.ok(lines.some((l) => l.startsWith(`bytes/etc/hostname.ce1:1:${longLine.indexOf('UP') + 1}: error unknown-keyword: 'UP'`)), 'the mistake at the end of the 1 MB line');
    const json = lint('--format', 'json', 'bytes');
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.out) as unknown[]).length, lines.length - 1);
  });

  test('folder names with an escape sequence and a newline: one problem per line, nothing sent to the terminal raw', () => {
    const odd = 'odd\x1b[31mred\nline';
    write(`names/${odd}/etc/hostname.ce0`, 'box netmask + broadcast + UP\n');
    write(`names/${odd}/etc/hosts`, HOSTS);
    const r = lint('names');
    assertClean(r);
    assert.equal(r.code, 1);
    assert.equal(r.out, "names/odd\\x1b[31mred\\nline/etc/hostname.ce0:1:27: error unknown-keyword: 'UP' is not an ifconfig keyword (keywords are case-sensitive): ifconfig takes it as a point-to-point destination address and stops with 'bad address'. Did you mean 'up'?\n1 error(s), 0 warning(s), 0 info\n");
    // JSON keeps the real name.
    assert.equal((JSON.parse(lint('--format', 'json', 'names').out) as { file: string }[])[0]!.file, `names/${odd}/etc/hostname.ce0`);
  });

  test('a folder whose name is not UTF-8: a message, exit 2', () => {
    const dir = Buffer.concat([Buffer.from(ws.path('latin1/caf')), Buffer.from([0xe9])]);
    mkdirSync(dir, { recursive: true });
    mkdirSync(Buffer.concat([dir, Buffer.from('/etc')]));
    writeFileSync(Buffer.concat([dir, Buffer.from('/etc/hostname.ce0')]), 'box up\n');
    const r = lint('latin1');
    assertClean(r);
    assert.equal(r.code, 2);
    assert.match(r.err, /^ipmp-lint: cannot read folder .*latin1\/caf\ufffd: no such file or folder\n/);
  });
});

describe('ipmp-lint: unreadable and looping paths', () => {
  test('symlink loops: folders linked in a circle are not followed, a hosts file linked to itself is reported', () => {
    write('loops/web1/etc/hosts', HOSTS);
    write('loops/web1/etc/hostname.ce0', 'box netmask + broadcast + up\n');
    write('loops/db1/etc/hostname.e1000g0', 'box netmask + broadcast + up\n');
    symlinkSync('b', ws.path('loops/a'));
    symlinkSync('a', ws.path('loops/b'));
    symlinkSync('../..', ws.path('loops/web1/etc/up'));
    symlinkSync('hosts', ws.path('loops/db1/etc/hosts'));
    const r = lint('loops');
    assertClean(r);
    assert.equal(r.code, 2);
    assert.equal(r.err, `ipmp-lint: cannot read ${ws.path('loops/db1/etc/hosts')}: a loop of symbolic links\n`);
    assert.equal(r.out, 'loops/db1/etc/hostname.e1000g0:1:1: info unreadable-file: hosts (a loop of symbolic links) could not be read: the host names this file uses were not checked.\n0 error(s), 0 warning(s), 1 info\n');
  });

  test('a folder where hosts should be', () => {
    write('folder/etc/hostname.ce0', 'box netmask + broadcast + up\n');
    mkdirSync(ws.path('folder/etc/hosts'));
    const r = lint('folder');
    assertClean(r);
    assert.equal(r.code, 0);
    assert.match(r.out, /^folder\/etc\/hostname\.ce0:1:1: info unreadable-file: hosts \(a folder\) could not be read/);
  });

  test('a FIFO where hosts should be is never opened', () => {
    write('fifo2/etc/hostname.ce0', 'box netmask + broadcast + up\n');
    assert.equal(spawnSync('mkfifo', [ws.path('fifo2/etc/hosts')]).status, 0, 'mkfifo');
    const r = lint('fifo2');
    assertClean(r);
    assert.equal(r.code, 0);
    assert.match(r.out, /^fifo2\/etc\/hostname\.ce0:1:1: info unreadable-file: hosts \(not a regular file\) could not be read/);
  });
});

describe('ipmp-lint: paths and options', () => {
  test('a path that does not exist, and one that goes through a file', () => {
    write('plain/etc/hosts', HOSTS);
    for (const p of ['nowhere/etc', 'plain/etc/hosts/inner']) {
      const r = lint(p);
      assertClean(r);
      assert.equal(r.code, 2, p);
      assert.equal(r.err, `ipmp-lint: cannot read ${p}: no such file or folder\n`);
      assert.equal(r.out, 'no problems\n');
    }
  });

  test('a file ipmp-lint does not know, given by name: exit 2; a file it knows, given by name, is checked', () => {
    write('plain/README.txt', 'hello\n');
    const unknown = lint('plain/README.txt');
    assertClean(unknown);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^ipmp-lint: plain\/README\.txt: not a file ipmp-lint knows \(hostname\.<if>, .*\)\n$/);
    const known = lint('plain/etc/hosts');
    assert.equal(known.code, 0);
    assert.equal(known.err, '');
  });

  test('an empty folder: "no problems", a note that nothing was there, exit 0', () => {
    mkdirSync(ws.path('empty'));
    const r = lint('empty');
    assertClean(r);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'no problems\n');
    assert.match(r.err, /^ipmp-lint: no files to check in empty \(hostname\.<if>, .*\)\n$/);
  });

  test('bad options: the reason on one line, then the usage, exit 2, nothing on stdout', () => {
    for (const args of [['--format='], ['--rule'], ['--rule', 'x'], ['--release='], ['-x', 'plain'], ['--format', 'json', '--format']]) {
      const r = lint(...args);
      assertClean(r);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^ipmp-lint: [^\n]+\n\nUsage: ipmp-lint /, args.join(' '));
      assert.equal(r.out, '');
    }
  });

  test('--help documents the exit status', () => {
    const r = lint('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /Exit status \(the values add up\):\n {2}0 {2}no errors[^\n]*\n {2}1 {2}errors found[^\n]*\n {2}2 {2}something could not be read[^]*\n {2}3 {2}both/);
  });

  test('a reader that closes the pipe early: no stack trace', async () => {
    write('many/etc/hostname.ce0', `box ${'up down '.repeat(20_000)}\n`);
    const child = spawn(process.execPath, [CLI, 'many'], { cwd: ws.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    assert.equal(err, '');
    assert.ok(code === 0 || code === 1 || code === 2, `exit status ${code}`);
  });
});

describe('ipmp-lint: its launcher without the engine beside it', () => {
  // dist/server/cli.js runs dist/server/server.js: a copy of cli.js alone, or beside a damaged
  // bundle, says so on one line and exits 2.
  const launcher = (bundle: string | undefined): string => {
    const dir = ws.path(`alone-${bundle === undefined ? 'missing' : 'damaged'}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(CLI, path.join(dir, 'cli.js'));
    if (bundle !== undefined) writeFileSync(path.join(dir, 'server.js'), bundle);
    return path.join(dir, 'cli.js');
  };
  const run = (cli: string): CliRun => {
    write('engine/etc/hostname.ce0', 'box up\n');
    return runCli(['engine'], { cwd: ws.root, cli });
  };

  test('server.js missing: one message naming it, exit 2, nothing on stdout', () => {
    const cli = launcher(undefined);
    const r = run(cli);
    assertClean(r);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err, `ipmp-lint: cannot load its engine, ${path.join(path.dirname(cli), 'server.js')}: it is missing (cli.js needs server.js beside it)\n`);
  });

  test('server.js damaged (does not compile, or throws as it loads): one message, exit 2', () => {
    for (const bundle of ['this is not JavaScript(', 'throw new Error("half written")']) {
      const r = run(launcher(bundle));
      assertClean(r);
      assert.equal(r.code, 2, bundle);
      assert.equal(r.out, '');
      assert.match(r.err, /^ipmp-lint: cannot load its engine, [^\n]*server\.js: [^\n]+\n$/, bundle);
    }
  });
});
