/**
 * The topology view over LSP: the bundled server over stdio answers `solarisIpmp/topology` with the
 * host's IPMP groups, members and addresses, warnings attached to the NIC or address they concern
 * (from every file of the host, open editors' unsaved text first), and with `fail` the failed
 * stage and what the repair does; it sends `solarisIpmp/hostChanged` when a file of the host
 * changes, so an open view can ask again; the "Show topology" lens sits on a group's `group` word.
 * Every wait is on a notification or a response, with a deadline: nothing sleeps.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeLensRequest } from 'vscode-languageserver/node';
import type { TopologyModel, TopologyNic } from '../../server/src/features/topology';
import { testWorkspace, REPO_ROOT, within, type NotificationLog } from './client';

// The wire names, written out: they are the contract with the client and other editors.
const TOPOLOGY = 'solarisIpmp/topology';
const HOST_CHANGED = 'solarisIpmp/hostChanged';
const SHOW_TOPOLOGY = 'solarisIpmp.showTopology';

interface TopologyResult {
  readonly rootUri: string;
  readonly label: string;
  readonly model: TopologyModel;
}

// web1: ce0 carries the data address and a test address, ce1 is the standby with its test address.
const WEB1 = {
  hosts: '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n',
  netmasks: '192.168.10.0\t255.255.255.0\n',
  'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n',
};

let notices: NotificationLog<{ rootUri: string }>;
const ws = testWorkspace('ipmp-topology-', {
  initializationOptions: { clientCommands: true },
  setup: ({ writeTree, write }) => {
    writeTree('web1/etc', WEB1);
    writeTree('edit1/etc', WEB1);
    write('README.md', '# not a Solaris file\n');
  },
  beforeInitialize: (client) => (notices = client.notifications(HOST_CHANGED)),
});
const hostUri = (host: string, file = ''): string => ws.uri(path.join(host, 'etc', file)).replace(/\/$/, '');

async function topologyOf(uri: string, fail?: string): Promise<TopologyResult> {
  const result = await within(ws.client.connection.sendRequest<TopologyResult | null>(TOPOLOGY, fail === undefined ? { uri } : { uri, fail }), `the topology of ${uri}`);
  assert.ok(result, `no topology for ${uri}`);
  return result;
}

/** The first hostChanged notice at index `from` (a `notices.mark()` taken before the action) or later for a root that `accept` takes. */
async function hostChanged(accept: (root: string) => boolean, from: number): Promise<string> {
  return (await notices.next((p) => accept(p.rootUri), from)).rootUri;
}

const member = (model: TopologyModel, name: string): TopologyNic => {
  const nic = model.groups.flatMap((g) => g.members).find((m) => m.name === name);
  assert.ok(nic, `no member ${name}`);
  return nic;
};
const data = (nic: TopologyNic): string[] => nic.dataAddresses.map((a) => `${a.address}@${a.lif}${a.movedFrom ? `<${a.movedFrom}` : ''}`);

describe('solarisIpmp/topology', () => {
  test('the boot: group prod, probe-based, ce0 active with its data and test address, ce1 the standby; any file of the host gives the same', async () => {
    const result = await topologyOf(hostUri('web1', 'hostname.ce0'));
    assert.equal(result.rootUri, hostUri('web1'));
    assert.equal(result.label, 'web1/etc');
    assert.equal(result.model.host, 'web1/etc');
    assert.equal(result.model.failure, null);
    assert.deepEqual(result.model.groups.map((g) => [g.name, g.detection, g.members.map((m) => `${m.name} ${m.state} ${m.detection}`)]), [['prod', 'probe', ['ce0 active probe', 'ce1 inactive probe']]]);
    assert.deepEqual(data(member(result.model, 'ce0')), ['192.168.10.10@ce0']);
    assert.deepEqual(member(result.model, 'ce0').testAddresses.map((a) => `${a.address}@${a.lif}`), ['192.168.10.11@ce0:1']);
    assert.deepEqual(result.model.ungrouped, []);
    for (const other of ['hosts', 'netmasks', 'hostname.ce1']) assert.deepEqual((await topologyOf(hostUri('web1', other))).model, result.model, other);
  });

  test('with fail: ce0 failed, its data address on ce1:1 marked as moved from ce0, the repair moves it back', async () => {
    const { model } = await topologyOf(hostUri('web1', 'hostname.ce0'), 'ce0');
    assert.equal(member(model, 'ce0').state, 'failed');
    assert.equal(member(model, 'ce0').failed, true);
    assert.deepEqual(data(member(model, 'ce0')), []);
    assert.deepEqual(data(member(model, 'ce1')), ['192.168.10.10@ce1:1<ce0']);
    assert.deepEqual(model.failure?.moves, [{ address: '192.168.10.10', from: 'ce0', to: 'ce1:1' }]);
    assert.deepEqual(model.failure?.repair.moves, [{ address: '192.168.10.10', from: 'ce1:1', to: 'ce0' }]);
    const unknown = await topologyOf(hostUri('web1', 'hostname.ce0'), 'qfe7');
    assert.equal(unknown.model.failure, null);
    assert.equal(unknown.model.unknownNic, 'qfe7');
  });

  test('not a Solaris file: null', async () => {
    assert.equal(await within(ws.client.connection.sendRequest(TOPOLOGY, { uri: ws.uri('README.md') }), 'README'), null);
  });

  test('an unsaved edit: hostChanged for the host, and the topology shows the edit with its warning on the NIC', async () => {
    const uri = hostUri('edit1', 'hostname.ce1');
    const opening = notices.mark();
    await ws.client.open(uri, 'solaris-hostname', WEB1['hostname.ce1']);
    await hostChanged((r) => r === hostUri('edit1') || r === '*', opening);
    // The notice of the edit itself, not the one of the open.
    const editing = notices.mark();
    await ws.client.change(uri, 'web1-ce1-test deprecated -failover netmask + broadcast + group prdo standby up\n');
    assert.equal(await hostChanged((r) => r === hostUri('edit1') || r === '*', editing), hostUri('edit1'));
    const { model } = await topologyOf(hostUri('edit1', 'hostname.ce0'));
    assert.deepEqual(model.groups.map((g) => g.name), ['prod', 'prdo']);
    const ce1 = member(model, 'ce1');
    assert.ok(ce1.warnings.some((w) => w.rule === 'group-name-mismatch' && w.file === 'hostname.ce1' && w.line === 1), JSON.stringify(ce1.warnings));
    await ws.client.close(uri);
  });

  test('the "Show topology" lens is on the group word, with [uri]; the command is declared in package.json', async () => {
    const uri = hostUri('web1', 'hostname.ce0');
    await ws.client.open(uri, 'solaris-hostname', WEB1['hostname.ce0']);
    const lenses = (await within(ws.client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), 'code lenses')) ?? [];
    await ws.client.close(uri);
    const lens = lenses.find((l) => l.command?.title === 'Show topology');
    assert.ok(lens, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.equal(lens.command?.command, SHOW_TOPOLOGY);
    assert.deepEqual(lens.command?.arguments, [uri]);
    const groupWord = WEB1['hostname.ce0'].indexOf('group');
    assert.deepEqual(lens.range, { start: { line: 0, character: groupWord }, end: { line: 0, character: groupWord + 'group'.length } });
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    assert.ok(pkg.contributes.commands.some((c) => c.command === SHOW_TOPOLOGY));
  });
});
