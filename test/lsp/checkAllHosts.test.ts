/**
 * Check All Hosts (`solarisIpmp/checkAllHosts`) over a real LSP connection: every file of the
 * workspace checked without being opened, with the same findings as ipmp-lint on the same tree;
 * the counts; progress; the checked files kept up to date (changed on disk, deleted, created,
 * closed, new settings, a new .ipmp-lint.json); and cancellation of a large tree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  FileChangeType,
  LogMessageNotification,
  RequestType,
  WorkDoneProgress,
  type Diagnostic,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import { codes, LspTestClient, REPO_ROOT, testWorkspace, runCli, Scratch, startServer } from './client';
import { CHECK_ALL_HOSTS_REQUEST, type CheckAllHostsParams, type CheckAllHostsResult } from '../../server/src/protocol';

const CheckAllHosts = new RequestType<CheckAllHostsParams, CheckAllHostsResult, void>(CHECK_ALL_HOSTS_REQUEST);

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

const ws = testWorkspace('ipmp-check-all-', {
  setup: ({ copy, write, path: at }) => {
    copy('examples');
    rmSync(at('README.md'));
    // Never looked into, as by ipmp-lint: each would be an error if it were.
    write('node_modules/pkg/etc/hostname.ce0', '# not a Solaris host\n');
    write('.git/etc/hostname.ce0', '# not a Solaris host\n');
    // As on Solaris, etc/hosts links to inet/hosts: checked once, under its own name.
    symlinkSync('inet/hosts', at('db1/etc/hosts'));
  },
});
const write = (file: string, text: string): string => ws.write(file, text);
const uriAt = (rel: string): string => ws.uri(rel);

function published(uri: string, where: (d: Diagnostic[]) => boolean, what?: string): Promise<Diagnostic[]> {
  return ws.client.diagnostics(uri, { where, what });
}

function checkAllHosts(on: LspTestClient = ws.client, options: { workDoneToken?: string; token?: CancellationTokenSource } = {}): Promise<CheckAllHostsResult> {
  return on.connection.sendRequest(CheckAllHosts, { workDoneToken: options.workDoneToken }, options.token?.token);
}

/** "line:col severity code" of each problem ipmp-lint prints for the tree, by file path relative to it. */
function cliProblems(dir: string): Map<string, string[]> {
  const r = runCli(['--format', 'json', '.'], { cwd: dir });
  assert.ok(r.code === 0 || r.code === 1, `ipmp-lint exited with ${r.code}: ${r.err}`);
  const out = new Map<string, string[]>();
  for (const p of JSON.parse(r.out) as { file: string; line: number; column: number; severity: string; code: string }[]) {
    out.set(p.file, [...(out.get(p.file) ?? []), `${p.line}:${p.column} ${p.severity} ${p.code}`].sort());
  }
  return out;
}

/** The same, from what the server published for files under `dir` (the latest publication each). */
function editorProblems(on: LspTestClient, dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, params] of on.published) {
    const file = path.relative(dir, new URL(uri).pathname);
    if (file.startsWith('..') || params.diagnostics.length === 0) continue;
    out.set(
      file,
      params.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code}`).sort(),
    );
  }
  return out;
}

const sorted = (m: Map<string, string[]>): [string, string[]][] => [...m].sort(([a], [b]) => a.localeCompare(b));


describe('Check All Hosts', () => {
  test('nothing is published for files that are not open before the check', async () => {
    // A round trip after initialized: anything the server published on its own has arrived.
    await ws.client.hover(uriAt('web1/etc/hostname.ce0'), 0, 0);
    assert.deepEqual([...ws.client.published.keys()], []);
  });

  test('every file of every host is checked without being opened: the counts, progress, and the same findings as ipmp-lint', async () => {
    const progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
    const workDoneToken = 'check-1';
    const ended = new Promise<void>((resolve) => {
      ws.client.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        progress.push(value);
        if (value.kind === 'end') resolve();
      });
    });
    const result = await checkAllHosts(ws.client, { workDoneToken });
    // 21 files in web1, db1, app1 and legacy1; legacy1's 6 errors and 1 warning (examples/README.md).
    assert.deepEqual(result, { files: 21, hosts: 4, errors: 6, warnings: 1, infos: 0, hints: 0, unreadable: 0, cancelled: false });
    await ended;
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal((progress[0] as WorkDoneProgressBegin).cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');

    // Published before the answer: the editor shows exactly what ipmp-lint prints.
    assert.deepEqual(sorted(editorProblems(ws.client, ws.root)), sorted(cliProblems(ws.root)));
    for (const uri of ws.client.published.keys()) assert.doesNotMatch(uri, /node_modules|\.git|db1\/etc\/hosts$/);
    // A clean file the editor shows nothing for is not published: nothing would change.
    assert.equal(ws.client.published.has(uriAt('web1/etc/hostname.ce0')), false);
  });

  test('an open document counts as the editor shows it; its file on disk is not published over it', async () => {
    const qfe0 = uriAt('legacy1/etc/hostname.qfe0');
    const fixed = readFileSync(new URL(qfe0), 'utf8').replace('# primary interface\n', '');
    assert.deepEqual(await ws.client.openChecked(qfe0, 'solaris-hostname', fixed), [], 'the open text is clean');
    const before = ws.client.history.length;
    const result = await checkAllHosts();
    assert.equal(result.errors, 5, 'the comment is gone in the editor');
    assert.equal(result.files, 21);
    assert.ok(
      ws.client.history.slice(before).every((p) => p.uri !== qfe0 || p.diagnostics.length === 0),
      'the file on disk (with its comment) was never published over the open document',
    );

    // Closing it brings back what the file on disk holds, instead of clearing it.
    await ws.client.close(qfe0);
    const again = await published(qfe0, (d) => d.length > 0, 'the findings on disk after close');
    assert.deepEqual(codes(again), ['comment-not-supported']);
  });

  test('closing a checked document whose file on disk is clean clears what its open text showed', async () => {
    const ce0 = uriAt('web1/etc/hostname.ce0');
    const onDisk = readFileSync(new URL(ce0), 'utf8');
    assert.deepEqual(codes(await ws.client.openChecked(ce0, 'solaris-hostname', `# unsaved\n${onDisk}`)), ['comment-not-supported']);
    await ws.client.close(ce0);
    await published(ce0, (d) => d.length === 0, 'the error of the open text cleared: the file on disk is clean');
  });

  test('a checked file that changes on disk is checked again; a deleted one is cleared', async () => {
    const qfe2 = write('legacy1/etc/hostname.qfe2', 'legacy1-qfe2 netmask + broadcast + up\n');
    await ws.client.filesChanged([{ uri: qfe2, type: FileChangeType.Changed }]);
    await published(qfe2, (d) => d.length === 0, 'hostname.qfe2 clean after the fix on disk');

    const qfe1 = uriAt('legacy1/etc/hostname.qfe1');
    assert.deepEqual(codes(ws.client.published.get(qfe1)?.diagnostics ?? []), ['unknown-keyword', 'unresolved-host'], 'qfe1 as the last check found it');
    unlinkSync(new URL(qfe1));
    await ws.client.filesChanged([{ uri: qfe1, type: FileChangeType.Deleted }]);
    await published(qfe1, (d) => d.length === 0, 'hostname.qfe1 cleared after its deletion');
  });

  test('a file created in a checked tree is checked from then on', async () => {
    const ce9 = write('web1/etc/hostname.ce9', '# spare\n');
    await ws.client.filesChanged([{ uri: ce9, type: FileChangeType.Created }]);
    assert.deepEqual(codes(await published(ce9, (d) => d.length > 0, 'the new file checked')), ['comment-not-supported']);
    unlinkSync(new URL(ce9));
    await ws.client.filesChanged([{ uri: ce9, type: FileChangeType.Deleted }]);
    await published(ce9, (d) => d.length === 0, 'the new file cleared');

    // A watcher may fold the creation and the writes after it into one "changed" event.
    const ce8 = write('web1/etc/hostname.ce8', '# spare\n');
    await ws.client.filesChanged([{ uri: ce8, type: FileChangeType.Changed }]);
    assert.deepEqual(codes(await published(ce8, (d) => d.length > 0, 'the new file checked on "changed"')), ['comment-not-supported']);
    unlinkSync(new URL(ce8));
    await ws.client.filesChanged([{ uri: ce8, type: FileChangeType.Deleted }]);
    await published(ce8, (d) => d.length === 0, 'the new file cleared');
  });

  test('new settings and a new .ipmp-lint.json check the checked files again', async () => {
    const mpathd = uriAt('legacy1/etc/default/mpathd');
    await published(mpathd, (d) => codes(d).includes('detection-time-units'));
    await ws.client.configurationChanged({ rules: { 'detection-time-units': 'off' } });
    try {
      await published(mpathd, (d) => !codes(d).includes('detection-time-units'), 'the rule switched off in the settings');
    } finally {
      await ws.client.configurationChanged({});
    }
    await published(mpathd, (d) => codes(d).includes('detection-time-units'), 'the rule back');

    const qfe0 = uriAt('legacy1/etc/hostname.qfe0');
    const config = write('.ipmp-lint.json', JSON.stringify({ rules: { 'comment-not-supported': 'warning' } }));
    await ws.client.filesChanged([{ uri: config, type: FileChangeType.Created }]);
    await published(qfe0, (d) => d.some((x) => x.code === 'comment-not-supported' && x.severity === 2), 'the project file applied');
    unlinkSync(new URL(config));
    await ws.client.filesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    await published(qfe0, (d) => d.some((x) => x.code === 'comment-not-supported' && x.severity === 1), 'the project file gone');
  });

  test('the next check replaces the last: a file gone without a word is cleared, the counts follow the tree', async () => {
    const qfe0 = uriAt('legacy1/etc/hostname.qfe0');
    // As last published: its comment, and alone in its group since qfe1 was deleted.
    assert.deepEqual(codes(ws.client.published.get(qfe0)?.diagnostics ?? []), ['comment-not-supported', 'single-interface-group']);
    unlinkSync(new URL(qfe0)); // no file event
    const result = await checkAllHosts();
    // qfe1 deleted, qfe2 fixed, qfe0 gone: mpathd's error and warning remain.
    assert.deepEqual(result, { files: 19, hosts: 4, errors: 1, warnings: 1, infos: 0, hints: 0, unreadable: 0, cancelled: false });
    assert.deepEqual(ws.client.published.get(qfe0)?.diagnostics, []);
    assert.deepEqual(sorted(editorProblems(ws.client, ws.root)), sorted(cliProblems(ws.root)));
  });
});

describe('Check All Hosts on a large tree', () => {
  const HOSTS = 400;
  let big: Scratch;
  let other: LspTestClient;
  /** The scope of every settings item the server asked the client for. */
  const scopes: (string | undefined)[] = [];
  /** How many workspace/configuration requests carried them. */
  let configurationRequests = 0;

  before(async () => {
    big = new Scratch('ipmp-check-all-big-');
    for (let i = 0; i < HOSTS; i++) {
      big.writeTree(`host${String(i).padStart(3, '0')}/etc`, {
        hosts: `127.0.0.1\tlocalhost\n10.0.${i >> 8}.${i & 255}\th${i}\n`,
        // Each host has one finding (an error), so that each host publishes one file.
        'hostname.ce0': `h${i} netmask + broadcast + up\n# spare\n`,
      });
    }
    other = await startServer(big.uri(), {
      beforeInitialize: (client) =>
        client.connection.onRequest(ConfigurationRequest.type, (params) => {
          scopes.push(...params.items.map((item) => item.scopeUri));
          configurationRequests++;
          return params.items.map(() => ({}));
        }),
    });
  });

  after(async () => {
    await other?.stop();
    big?.remove();
  });

  test('cancelling stops the check: the answer says so, with what was checked until then', async () => {
    const token = new CancellationTokenSource();
    const workDoneToken = 'check-big';
    // Cancelled at the first progress report after files were found.
    other.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'report' && (value.percentage ?? 0) >= 0 && value.message && !value.message.startsWith('Finding')) token.cancel();
    });
    const result = await checkAllHosts(other, { workDoneToken, token });
    assert.equal(result.cancelled, true, JSON.stringify(result));
    assert.ok(result.files < HOSTS * 2, `${result.files} files checked before the cancellation`);
    const publishedNow = other.published.size;
    assert.ok(publishedNow < HOSTS);

    // The server is free: a hover answers, and nothing more is published for the cancelled check.
    const someFile = big.uri('host000/etc/hostname.ce0');
    await other.hover(someFile, 0, 0);
    assert.equal(other.published.size, publishedNow);

    // A full check afterwards covers everything.
    const full = await checkAllHosts(other);
    assert.deepEqual(full, { files: HOSTS * 2, hosts: HOSTS, errors: HOSTS, warnings: 0, infos: 0, hints: 0, unreadable: 0, cancelled: false });
    assert.equal(other.published.size, HOSTS, 'each hostname file, with its error; no clean hosts file');
  });

  test('requests are answered while a check runs', async () => {
    const running = checkAllHosts(other);
    let done = false;
    void running.then(() => (done = true));
    const someFile = big.uri('host399/etc/hostname.ce0');
    await other.open(someFile, 'solaris-hostname', 'h399 netmask + broadcast + up\n');
    const hover = await other.hover(someFile, 0, 1);
    assert.ok(hover, 'a hover while the check runs');
    assert.equal(done, false, 'the hover was answered before the check finished');
    assert.equal((await running).files, HOSTS * 2);
    await other.close(someFile);
  });

  test("the editor's settings are asked once per host, with the host's folder as the scope, not once per file", async () => {
    await checkAllHosts(other);
    const hostRoots = Array.from({ length: HOSTS }, (_, i) => big.uri(`host${String(i).padStart(3, '0')}/etc`));
    assert.deepEqual([...new Set(scopes)].sort(), hostRoots, 'every host asked about, by its etc folder');
    assert.equal(scopes.length, HOSTS, `${scopes.length} settings asked for ${HOSTS} hosts of ${HOSTS * 2} files, over several checks`);
    // The hosts asked for ahead go in one request: a round trip per several hosts, not per host.
    assert.ok(configurationRequests * 4 <= HOSTS, `${configurationRequests} requests for ${HOSTS} hosts' settings`);
  });
});

describe('Check All Hosts in worker threads', () => {
  // Over AWAY_MIN_HOSTS hosts: hosts no open document touches are checked in worker threads.
  const HOSTS = 120;
  let tree: Scratch;
  let server: LspTestClient;
  const logs: string[] = [];

  before(async () => {
    tree = new Scratch('ipmp-check-all-away-');
    const capture = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'captures', 's10-blog-active-standby.ifconfig-a.txt'), 'utf8');
    for (let i = 0; i < HOSTS; i++) {
      const name = `w${i}`;
      const files: Record<string, string> = {
        hosts: `127.0.0.1\tlocalhost\n10.1.${i >> 8}.${i & 255}\t${name}\n10.1.${i >> 8}.${(i + 128) & 255}\t${name}-t0\n`,
        'hostname.ce0': `${name} netmask + broadcast + group ipmp0 up \\\n\taddif ${name}-t0 deprecated -failover netmask + broadcast + up\n`,
      };
      // A variety of findings, project files and files the hosts lack or hold.
      if (i % 3 === 0) files['hostname.ce1'] = 'group ipmp0 standby up\n';
      if (i % 4 === 0) files['hostname.ce2'] = `# spare\n${name}-spare up\n`;
      if (i % 5 === 0) files['hostname.ce3'] = `${name}-oops up`;
      if (i % 12 === 0) files.netmasks = '10.1.0.0\t255.255.0.0\n';
      if (i % 7 === 0) files['default/mpathd'] = 'FAILURE_DETECTION_TIME=10\n';
      tree.writeTree(`${name}/etc`, files);
      if (i % 10 === 0) tree.write(`${name}/.ipmp-lint.json`, JSON.stringify({ rules: { 'comment-not-supported': 'warning' } }));
      if (i === 11) tree.write(`${name}/ifconfig-a.txt`, capture);
    }
    server = await startServer(tree.uri(), {
      beforeInitialize: (client) => client.connection.onNotification(LogMessageNotification.type, (p) => void logs.push(p.message)),
    });
  });

  after(async () => {
    await server?.stop();
    tree?.remove();
  });

  test('the editor shows what ipmp-lint prints for the same tree, the counts agree, and workers did the checking', async () => {
    const result = await checkAllHosts(server);
    const cli = cliProblems(tree.root);
    const editor = editorProblems(server, tree.root);
    assert.deepEqual(sorted(editor), sorted(cli));
    // The result counts the files checked; the capture's findings are published, not counted.
    const counted = [...cli].filter(([file]) => !file.endsWith('ifconfig-a.txt')).flatMap(([, problems]) => problems);
    assert.deepEqual(
      { files: result.files, hosts: result.hosts, errors: result.errors, warnings: result.warnings },
      {
        files: HOSTS * 2 + [3, 4, 5, 12, 7].reduce((n, k) => n + Math.ceil(HOSTS / k), 0),
        hosts: HOSTS,
        errors: counted.filter((p) => p.includes(' error ')).length,
        warnings: counted.filter((p) => p.includes(' warning ')).length,
      },
    );
    assert.ok(result.errors > 0 && result.warnings > 0, JSON.stringify(result));
    assert.ok([...editor.keys()].some((f) => f.endsWith('ifconfig-a.txt')), 'the capture checked against its host');
    // The host with a capture comes back: its capture's findings are the server's to publish.
    assert.ok(logs.includes(`Check All Hosts: ${HOSTS} of ${HOSTS} hosts handed to worker threads (1 checked here after all)`), logs.join('\n'));
  });

  for (const fault of ['exit', 'throw']) {
    test(`workers that fail (${fault}) hand their hosts back: the same findings, checked in the server's thread`, async () => {
      const notes: string[] = [];
      const failing = await startServer(tree.uri(), {
        env: { IPMP_CHECK_TEST_WORKER_FAULT: fault },
        beforeInitialize: (client) => client.connection.onNotification(LogMessageNotification.type, (p) => void notes.push(p.message)),
      });
      try {
        const result = await checkAllHosts(failing);
        assert.equal(result.hosts, HOSTS);
        // Every host handed over came back (none was checked by a worker).
        const [, handed, back] = /^Check All Hosts: (\d+) of \d+ hosts handed to worker threads \((\d+) checked here after all\)$/.exec(notes.find((m) => m.startsWith('Check All Hosts:')) ?? '') ?? [];
        assert.ok(handed !== undefined && Number(handed) > 0 && handed === back, notes.join('\n'));
        assert.deepEqual(sorted(editorProblems(failing, tree.root)), sorted(cliProblems(tree.root)));
      } finally {
        await failing.stop();
      }
    });
  }

  test('a host with an open document is checked in the server, with the open text', async () => {
    const ce0 = tree.uri('w1/etc/hostname.ce0');
    assert.deepEqual(codes(await server.openChecked(ce0, 'solaris-hostname', '# open, unsaved\nw1 netmask + broadcast + group ipmp0 up\n')), ['comment-not-supported']);
    const before = server.history.length;
    await checkAllHosts(server);
    assert.ok(
      server.history.slice(before).every((p) => p.uri !== ce0),
      'its file on disk was not published over the open document',
    );
    assert.ok(logs.includes(`Check All Hosts: ${HOSTS - 1} of ${HOSTS} hosts handed to worker threads (1 checked here after all)`), logs.join('\n'));
    await server.close(ce0);
  });

  test('a project file with a problem is told to the user; a client that cannot show it does not stop the server', async () => {
    // This client answers window/showMessageRequest with an error (it has no handler for it).
    const config = tree.write('w2/.ipmp-lint.json', JSON.stringify({ release: 'solaris-99' }));
    await server.filesChanged([{ uri: config, type: FileChangeType.Created }]);
    try {
      const result = await checkAllHosts(server);
      assert.equal(result.hosts, HOSTS);
      assert.ok(logs.some((m) => m.includes('.ipmp-lint.json') && m.includes('solaris-99')), logs.join('\n'));
      const ce0 = tree.uri('w2/etc/hostname.ce0');
      await server.openChecked(ce0, 'solaris-hostname', readFileSync(new URL(ce0), 'utf8'));
      assert.ok(await server.hover(ce0, 0, 5), 'the server still answers (a hover on netmask)');
      await server.close(ce0);
    } finally {
      unlinkSync(new URL(config));
      await server.filesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    }
  });
});
