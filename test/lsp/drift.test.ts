/**
 * Drift over a real LSP connection: a host with `ifconfig-a.txt` beside its etc/ gets drift
 * diagnostics on its hostname files; the capture itself gets the findings that belong to it
 * (a NIC no boot file plumbs), opened or not, with a quick fix that creates the boot file;
 * a change of the capture on disk re-checks; a capture deleted clears them. And `ipmp-lint
 * --live` gives the same findings from the command line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, FileChangeType } from 'vscode-languageserver/node';
import { codes, testWorkspace, runCli } from './client';

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n';
const NETMASKS = '192.168.10.0\t255.255.255.0\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'web1-ce1-test netmask + broadcast + deprecated -failover group prod up\n';
const RUNNING = `lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1
\tinet 127.0.0.1 netmask ff000000 
ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255
\tgroupname prod
ce0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
\tinet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255
ce1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3
\tinet 192.168.10.12 netmask ffffff00 broadcast 192.168.10.255
\tgroupname web
bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4
\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255
`;

const ws = testWorkspace('ipmp-drift-', { setup: ({ writeTree }) => writeTree('web1/etc', { hosts: HOSTS, netmasks: NETMASKS, 'hostname.ce0': CE0, 'hostname.ce1': CE1 }) });
const write = (file: string, text: string): string => ws.write(file, text);
const lint = (...args: string[]): ReturnType<typeof runCli> => runCli(args, { cwd: ws.root });

describe('drift over LSP', () => {
  test('a host without a capture has no drift; the capture saved beside etc/ brings it to the open file and to the capture', async () => {
    const ce1 = ws.uri('web1/etc/hostname.ce1');
    assert.deepEqual(codes(await ws.client.openChecked(ce1, 'solaris-hostname', CE1)), []);

    const capture = write('web1/ifconfig-a.txt', RUNNING);
    await ws.client.filesChanged([{ uri: capture, type: FileChangeType.Created }]);
    const ds = await ws.client.diagnostics(ce1, (d) => codes(d).includes('drift-group'));
    assert.deepEqual(codes(ds), ['drift-group']);
    const group = ds.find((d) => d.code === 'drift-group')!;
    assert.match(group.message as string, /ce1 runs in group web; the next boot puts it in group prod/);
    assert.equal(group.relatedInformation?.[0]?.location.uri, capture);

    // The capture's own findings, although nobody opened it.
    const onCapture = await ws.client.diagnostics(capture, (d) => d.length > 0);
    assert.deepEqual(codes(onCapture), ['drift-interface-lost']);
    assert.equal(onCapture[0]!.range.start.line, 10);
    assert.equal(onCapture[0]!.range.end.character, RUNNING.split('\n')[10]!.length);

    // Its quick fix, asked on the open capture, creates hostname.bge0 in the host's etc/.
    await ws.client.open(capture, 'plaintext', RUNNING);
    const actions = await ws.client.codeActions(capture, onCapture[0]!.range, onCapture, [CodeActionKind.QuickFix]);
    const create = actions.find((a) => /Create hostname\.bge0/.test(a.title));
    assert.ok(create, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const changes = create.edit?.documentChanges ?? [];
    assert.ok(
      changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === ws.uri('web1/etc/hostname.bge0')),
      JSON.stringify(changes),
    );
  });

  test('an unsaved edit of the open capture is compared at once; the group fix takes the running group', async () => {
    const ce1 = ws.uri('web1/etc/hostname.ce1');
    const capture = ws.uri('web1/ifconfig-a.txt');
    await ws.client.change(capture, RUNNING.replace('\tgroupname web', '\tgroupname prod'));
    await ws.client.diagnostics(ce1, (d) => !codes(d).includes('drift-group'));
    await ws.client.change(capture, RUNNING);
    const ds = await ws.client.diagnostics(ce1, (d) => codes(d).includes('drift-group'));
    const group = ds.find((d) => d.code === 'drift-group')!;
    const actions = await ws.client.codeActions(ce1, group.range, [group], [CodeActionKind.QuickFix]);
    const fix = actions.find((a) => /group web/.test(a.title));
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    await ws.client.close(capture);
  });

  test('the capture deleted: its drift is gone from the hostname file and from the capture', async () => {
    const ce1 = ws.uri('web1/etc/hostname.ce1');
    const capture = ws.uri('web1/ifconfig-a.txt');
    unlinkSync(ws.path('web1/ifconfig-a.txt'));
    await ws.client.filesChanged([{ uri: capture, type: FileChangeType.Deleted }]);
    await ws.client.diagnostics(ce1, (d) => !codes(d).some((c) => c.startsWith('drift-')));
    await ws.client.diagnostics(capture, (d) => d.length === 0);
  });
});

describe('ipmp-lint --live', () => {
  test('the same findings as the editor, the capture kept anywhere', () => {
    write('elsewhere.txt', RUNNING);
    const run = lint('--live', ws.path('elsewhere.txt'), '-f', 'json', ws.path('web1'));
    assert.equal(run.code, 0, run.err);
    const problems = JSON.parse(run.out) as { file: string; code: string; line: number }[];
    const drift = problems.filter((p) => p.code.startsWith('drift-')).map((p) => `${path.basename(p.file)}:${p.line} ${p.code}`);
    assert.deepEqual(drift.sort(), ['elsewhere.txt:11 drift-interface-lost', 'hostname.ce1:1 drift-group'].sort());
  });

  test('--live with paths holding two hosts is refused with status 2, and the rest is still checked', () => {
    write('web2/etc/hostname.ce0', 'dhcp\n');
    const run = lint('--live', ws.path('elsewhere.txt'), ws.root);
    assert.equal(run.code! & 2, 2, run.err);
    assert.match(run.err, /--live compares one host with its running system, and the paths hold 2 hosts/);
    rmSync(ws.path('web2'), { recursive: true });
  });

  test('a capture beside etc/ is used without --live; a CRLF capture reads the same', () => {
    write('web1/ifconfig-a.txt', RUNNING.replace(/\n/g, '\r\n'));
    const run = lint('-f', 'json', ws.path('web1'));
    const problems = JSON.parse(run.out) as { file: string; code: string; line: number }[];
    const drift = problems.filter((p) => p.code.startsWith('drift-')).map((p) => `${path.basename(p.file)}:${p.line} ${p.code}`);
    assert.deepEqual(drift.sort(), ['hostname.ce1:1 drift-group', 'ifconfig-a.txt:11 drift-interface-lost'].sort());
    unlinkSync(ws.path('web1/ifconfig-a.txt'));
  });
});
