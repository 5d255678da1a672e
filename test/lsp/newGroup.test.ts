/**
 * New IPMP Group over LSP: the bundled server over stdio answers `solarisIpmp/newGroupPlan` with
 * the host's NICs, subnet, free addresses and proposed answers (open editors' unsaved text
 * first), and `solarisIpmp/newGroupEdit` with one workspace edit; written to disk, that edit
 * leaves a host on which the server reports no error and no warning. The code action that starts
 * the wizard is offered on a lone interface to clients that run our commands.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, FileChangeType, type CreateFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { NewGroupAnswers, NewGroupEditResult, NewGroupPlan } from '../../server/src/features/newGroup';
import { LineIndex } from '../../server/src/syntax/text';
import { languageOf, testWorkspace, withServer } from './client';

// The wire names, written out: they are the contract with the client and other editors.
const PLAN = 'solarisIpmp/newGroupPlan';
const EDIT = 'solarisIpmp/newGroupEdit';

// Each test starts its own server; the second writes the wizard's edit to disk.
const ws = testWorkspace('ipmp-newgroup-', {
  server: false,
  setup: ({ write }) => {
    // web9: ce0 a lone interface with the host's address, ce1 plumbed without one; .11 is taken.
    write('web9/etc/hosts', '127.0.0.1\tlocalhost\n192.168.60.10\tweb9\tloghost\n192.168.60.11\trouter\n');
    write('web9/etc/netmasks', '192.168.60.0\t255.255.255.0\n');
    write('web9/etc/hostname.ce0', 'web9\n');
    write('web9/etc/hostname.ce1', '');
    write('web9/etc/nodename', 'web9\n');
    write('db9/etc/hosts', '127.0.0.1\tlocalhost\r\n10.9.0.20\tdb9\r\n');
    write('db9/etc/hostname.e1000g0', 'db9\r\n');
    write('notes.txt', 'not a host file\n');
  },
});
const uriOf = (file: string): string => ws.uri(file);

/** Writes a workspace edit to disk as a client would apply it: creations, then the edits in order. */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const create = change as CreateFile;
      assert.equal(create.kind, 'create');
      const file = fileURLToPath(create.uri);
      assert.ok(!existsSync(file), `${file} exists already`);
      writeFileSync(file, '');
      continue;
    }
    const { textDocument, edits } = change as TextDocumentEdit;
    const file = fileURLToPath(textDocument.uri);
    let text = readFileSync(file, 'utf8');
    const index = new LineIndex(text);
    const sorted = (edits as { range: TextDocumentEdit['edits'][number]['range']; newText: string }[]).map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
    for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    writeFileSync(file, text);
    if (!touched.includes(textDocument.uri)) touched.push(textDocument.uri);
  }
  return touched;
}

describe('solarisIpmp/newGroupPlan and solarisIpmp/newGroupEdit', () => {
  test('the plan of a lone interface: NICs, subnet, free addresses, proposed answers', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      const plan = await client.connection.sendRequest<NewGroupPlan>(PLAN, { uri: uriOf('web9/etc/hostname.ce0'), nic: 'ce0' });
      assert.equal(plan.label, 'web9/etc');
      assert.equal(plan.rootUri, uriOf('web9/etc'));
      assert.equal(plan.nodename, 'web9');
      assert.deepEqual(plan.nics.map((n) => n.name), ['ce0', 'ce1']);
      assert.equal(plan.subnet?.cidr, '192.168.60.0/24');
      assert.deepEqual(plan.free.slice(0, 2), ['192.168.60.12', '192.168.60.13']);
      assert.deepEqual(plan.proposal, {
        nics: ['ce0', 'ce1'],
        layout: 'active-active',
        group: 'ipmp0',
        subnet: '192.168.60.0/24',
        data: { name: 'web9', address: '192.168.60.10' },
        tests: { ce0: { name: 'web9-ce0-test', address: '192.168.60.12' }, ce1: { name: 'web9-ce1-test', address: '192.168.60.13' } },
      });
      // Narrowed to a layout and group: link-based needs no test address.
      const link = await client.connection.sendRequest<NewGroupPlan>(PLAN, { uri: uriOf('web9/etc/hosts'), nics: ['ce0', 'ce1'], layout: 'link-based', group: 'front' });
      assert.deepEqual(link.proposal.tests, {});
      assert.equal(link.proposal.group, 'front');
      // An open editor's unsaved text counts: ce1 given an address of the subnet, that address is not free.
      await client.open(uriOf('web9/etc/hosts'), 'solaris-hosts', readFileSync(ws.path('web9/etc/hosts'), 'utf8') + '192.168.60.12\tspare\n');
      const again = await client.connection.sendRequest<NewGroupPlan>(PLAN, { uri: uriOf('web9/etc/hostname.ce0') });
      assert.equal(again.free[0], '192.168.60.13');
      assert.equal(await client.connection.sendRequest(PLAN, { uri: uriOf('notes.txt') }), null);
    });
  });

  test('the edit, written to disk, leaves the host with no error and no warning; hosts keeps its CRLF endings', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      const plan = await client.connection.sendRequest<NewGroupPlan>(PLAN, { uri: uriOf('web9/etc/hostname.ce0'), nics: ['ce0', 'ce1', 'ce2'], layout: 'active-standby', group: 'web' });
      const result = await client.connection.sendRequest<NewGroupEditResult>(EDIT, { uri: uriOf('web9/etc/hostname.ce0'), answers: plan.proposal });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.files.map((f) => `${f.label} ${f.change}`), ['hostname.ce0 replace', 'hostname.ce1 replace', 'hostname.ce2 create', 'hosts append']);
      assert.match(result.summary, /^web: ce0 active .*ce1 active .*ce2 inactive/);
      const touched = applyToDisk(result.edit!);
      await client.filesChanged(touched.map((uri) => ({ uri, type: FileChangeType.Changed })));
      assert.equal(readFileSync(ws.path('web9/etc/hostname.ce2'), 'utf8'), 'web9-ce2-test netmask + broadcast + deprecated -failover group web standby up\n');
      assert.match(readFileSync(ws.path('web9/etc/hosts'), 'utf8'), /\n192\.168\.60\.12\tweb9-ce0-test\n192\.168\.60\.13\tweb9-ce1-test\n192\.168\.60\.14\tweb9-ce2-test\n$/);
      // Every file of the host, opened as on disk: nothing above info.
      for (const file of ['hostname.ce0', 'hostname.ce1', 'hostname.ce2', 'hosts', 'netmasks']) {
        const uri = uriOf(`web9/etc/${file}`);
        const ds = await client.openChecked(uri, languageOf(file), readFileSync(fileURLToPath(uri), 'utf8'));
        assert.deepEqual(ds.filter((d) => d.severity! <= DiagnosticSeverity.Warning).map((d) => `${file}: ${d.code}`), []);
      }

      // db9: CRLF hosts, no netmasks file, a classful 10/8 subnet: nothing for netmasks, CRLF kept.
      const db = await client.connection.sendRequest<NewGroupPlan>(PLAN, { uri: uriOf('db9/etc/hostname.e1000g0'), nics: ['e1000g0', 'e1000g1'], layout: 'link-based' });
      const answers: NewGroupAnswers = { ...db.proposal, data: { name: 'db9-svc', address: '10.9.0.30' } };
      const dbResult = await client.connection.sendRequest<NewGroupEditResult>(EDIT, { uri: uriOf('db9/etc/hosts'), answers });
      assert.deepEqual(dbResult.errors, []);
      assert.deepEqual(dbResult.files.map((f) => [f.label, f.change, f.text]), [
        ['hostname.e1000g0', 'replace', 'db9-svc netmask + broadcast + group ipmp0 up\r\n'],
        ['hostname.e1000g1', 'create', 'group ipmp0 up\n'],
        ['hosts', 'append', '10.9.0.30\tdb9-svc\r\n'],
      ]);
    });
  });

  test('answers that cannot be written: the reasons, and no edit', async () => {
    await withServer(ws.uri(), {}, async (client) => {
      const answers = { nics: ['ce0'], layout: 'active-active', group: 'a group', data: { name: 'web9', address: '192.168.60.10' }, tests: {} };
      const result = await client.connection.sendRequest<NewGroupEditResult>(EDIT, { uri: uriOf('db9/etc/hosts'), answers });
      assert.equal(result.edit, undefined);
      assert.match(result.errors.join('\n'), /blanks/);
      assert.match(result.errors.join('\n'), /at least two NICs/);
    });
  });

  test('the code action on a lone interface runs the wizard command, for clients that run our commands only', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const uri = uriOf('db9/etc/hostname.e1000g0');
    await withServer(ws.uri(), { initializationOptions: { clientCommands: true } }, async (ours) => {
      await ours.open(uri, 'solaris-hostname', 'db9\n');
      const actions = (await ours.codeActions(uri, range, [], ['refactor.rewrite'])).filter((a) => a.kind === 'refactor.rewrite.ipmpNewGroup');
      assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [['Make e1000g0 part of a new IPMP group…', 'solarisIpmp.newGroup', [{ uri, nic: 'e1000g0' }]]]);
    });
    await withServer(ws.uri(), {}, async (other) => {
      await other.open(uri, 'solaris-hostname', 'db9\n');
      assert.deepEqual((await other.codeActions(uri, range, [])).filter((a) => a.kind === 'refactor.rewrite.ipmpNewGroup'), []);
    });
  });
});
