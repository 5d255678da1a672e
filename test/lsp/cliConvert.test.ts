/**
 * `ipmp-lint convert --to ipadm` as a user runs it: the bundled CLI (dist/server/cli.js) as a
 * child process on a real tree — the script of every host, JSON, --link, the project file's
 * release, usage errors — and the editor's request (solarisIpmp/convertToIpadm) over a real LSP
 * connection giving the same script.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { assertNoCrash, testWorkspace, runCli, withServer, type CliRun } from './client';

// The tests of the editor's request start their own servers.
const ws = testWorkspace('ipmp-convert-', { server: false, setup: ({ write, path: at }) => {
  write('repo/web1/etc/hosts', '127.0.0.1 localhost\n192.168.10.10 web1\n192.168.10.11 web1-ce0-test\n192.168.10.12 web1-ce1-test\n');
  write('repo/web1/etc/netmasks', '192.168.10.0 255.255.255.0\n');
  write('repo/web1/etc/hostname.ce0', 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n');
  write('repo/web1/etc/hostname.ce1', 'web1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n');
  write('repo/web1/etc/default/mpathd', 'FAILBACK=no\n');
  write('s11/.ipmp-lint.json', '{ "release": "s11" }\n');
  write('s11/app1/etc/hosts', '10.0.0.5 app1\n');
  write('s11/app1/etc/hostname.e1000g0', 'app1 netmask + broadcast + group g1 up\n');
  write('s11/app1/etc/hostname.e1000g1', 'group g1 up\n');
  mkdirSync(at('empty'));
} });

function run(...args: string[]): CliRun {
  const r = runCli(['convert', ...args], { cwd: ws.root });
  assertNoCrash(r);
  return r;
}

describe('ipmp-lint convert --to ipadm', () => {
  test('prints the Solaris 11 script of the host: IPMP interface, data and test addresses, standby, mpathd', () => {
    const r = run('--to', 'ipadm', 'repo/web1');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const lines = r.out.split('\n').map((l) => l.replace(/\s+#.*$/, ''));
    for (const expected of [
      '#!/bin/sh',
      'ce0=$(link_of ce0)',
      'ipadm create-ipmp -i "$ce0" -i "$ce1" ipmp0',
      'ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data',
      'ipadm create-addr -T static -a 192.168.10.11/24 "$ce0"/v4test',
      'ipadm create-addr -T static -a 192.168.10.12/24 "$ce1"/v4test',
      'ipadm set-ifprop -p standby=on -m ip "$ce1"',
      'mpathd_set FAILBACK no',
      'pkill -HUP in.mpathd',
    ]) {
      assert.ok(lines.includes(expected), `missing: ${expected}\n${r.out}`);
    }
    assert.match(r.out, /# Solaris 11 network configuration of repo\/web1\/etc/);
  });

  test('--link ce0=net0 writes the link name; the other device is still looked up', () => {
    const r = run('--to', 'ipadm', '--link', 'ce0=net0', 'repo/web1');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ipadm create-ipmp -i net0 -i "\$ce1" ipmp0$/m);
    assert.doesNotMatch(r.out, /ce0=\$\(link_of ce0\)/);
    assert.match(r.out, /^ce1=\$\(link_of ce1\)$/m);
  });

  test('--format json: version, hosts with groups, sections, what was not converted, and the script', () => {
    const r = run('--to', 'ipadm', '-f', 'json', 'repo/web1');
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { version: number; hosts: { host: string; from: string; groups: { group: string; ipmpInterface: string; members: string[]; standby: string[] }[]; notConverted: unknown[]; script: string }[] };
    assert.equal(json.version, 1);
    assert.equal(json.hosts.length, 1);
    const [host] = json.hosts;
    assert.equal(host!.from, 's10');
    assert.deepEqual(host!.groups.map((g) => [g.group, g.ipmpInterface, g.members, g.standby]), [['prod', 'ipmp0', ['ce0', 'ce1'], ['ce1']]]);
    assert.equal(host!.script, run('--to', 'ipadm', 'repo/web1').out);
  });

  test('a tree whose project file says s11 is converted from its files read as Solaris 10', () => {
    const r = run('--to', 'ipadm', 's11');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /read as Solaris 10 \(8\/07 and later\)/);
    assert.match(r.out, /^ipadm create-ipmp -i "\$e1000g0" -i "\$e1000g1" g1$/m);
    assert.match(r.out, /transitive-probing/);
  });

  test('usage: --to is required, only ipadm is known, --link needs dev=link, a folder without hosts is status 2', () => {
    for (const [args, message] of [
      [['repo/web1'], /--to ipadm/],
      [['--to', 'nwam', 'repo/web1'], /unknown target 'nwam'/],
      [['--to', 'ipadm', '--link', 'ce0', 'repo/web1'], /--link takes <Solaris 10 device>=<Solaris 11 link>/],
      [['--to', 'ipadm', '-'], /standard input/],
      [['--to', 'ipadm', 'empty'], /no host to convert under empty/],
    ] as const) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
  });
});

describe('the editor and the CLI agree on the conversion', () => {
  test('solarisIpmp/convertToIpadm over LSP gives the script ipmp-lint convert prints', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      for (const host of ['repo/web1', 's11/app1']) {
        const uri = ws.uri(`${host}/etc/hosts`);
        const result = await client.connection.sendRequest<{ label: string; text: string; commands: number; notConverted: number; groups: { group: string }[] } | null>('solarisIpmp/convertToIpadm', { uri });
        assert.ok(result, host);
        assert.equal(result.label, `${host}/etc`);
        assert.equal(result.text, run('--to', 'ipadm', host).out, host);
        assert.ok(result.commands > 3);
      }
      const none = await client.connection.sendRequest('solarisIpmp/convertToIpadm', { uri: ws.uri('README.txt') });
      assert.equal(none, null);
    });
  });
});

describe('Solaris 11 target: the unread hostname file offers the conversion', () => {
  test('hostname-file-not-read has a preferred quick fix that runs Convert Host to Solaris 11 ipadm for the file; a client without our commands gets none', async () => {
    const uri = ws.uri('s11/app1/etc/hostname.e1000g0');
    for (const clientCommands of [true, false]) {
      await withServer(ws.uri(), { initializationOptions: { clientCommands } }, async (client) => {
        const ds = await client.openChecked(uri, 'solaris-hostname', 'app1 netmask + broadcast + group g1 up\n');
        assert.deepEqual(ds.map((d) => d.code), ['hostname-file-not-read']);
        const actions = await client.codeActions(uri, ds[0]!.range, ds);
        const convert = actions.filter((a) => a.command?.command === 'solarisIpmp.convertToIpadm');
        if (clientCommands) {
          assert.equal(convert.length, 1, JSON.stringify(actions.map((a) => a.title)));
          assert.equal(convert[0]!.isPreferred, true);
          assert.deepEqual(convert[0]!.command!.arguments, [uri]);
        } else assert.equal(convert.length, 0);
      });
    }
  });
});

