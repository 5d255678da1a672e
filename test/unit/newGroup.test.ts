/**
 * The New IPMP Group planner (server/src/features/newGroup.ts): the proposals it makes for a
 * host, the files each §3.7 layout writes, and the host those files make — booted by the
 * engine to the group with the right members and roles, and clean for every rule — under LF
 * and CRLF host files (the files it edits keep their line endings; new files are LF).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CreateFile, TextDocumentEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/features/codeActions';
import { parseDocument } from '../../server/src/features/document';
import {
  NEW_GROUP_KIND,
  groupNameProblem,
  newGroupEdit,
  nicNameProblem,
  planNewGroup,
  type NewGroupAnswers,
  type NewGroupEditResult,
  type NewGroupLayout,
} from '../../server/src/features/newGroup';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { bootOf, findingsOf, hostView, ROOT, type HostFx } from './engineHelpers';
import { EOLS, applyEdits, withEol, type Eol } from './helpers';

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\th1\tloghost\n192.168.10.11\tprinter\n192.168.10.12\tnas\n';
const NETMASKS = '192.168.10.0\t255.255.255.0\n';
/** A lone interface (ce0, h1) and an empty one (ce1): no group yet. */
const LONE: HostFx = { files: { 'hostname.ce0': 'h1\n', 'hostname.ce1': '' }, hosts: HOSTS, netmasks: NETMASKS, nodename: 'h1\n' };
const SETTINGS = DEFAULT_SETTINGS;

/** The texts of the host after the edit: every document change applied in order. */
function applied(texts: ReadonlyMap<string, string>, result: NewGroupEditResult): Map<string, string> {
  assert.deepEqual(result.errors, []);
  const out = new Map(texts);
  for (const change of result.edit!.documentChanges!) {
    if ('kind' in change) {
      const create = change as CreateFile;
      assert.equal(create.kind, 'create');
      assert.ok(!out.has(create.uri), `${create.uri} is created but exists`);
      out.set(create.uri, '');
      continue;
    }
    const edit = change as TextDocumentEdit;
    const before = out.get(edit.textDocument.uri);
    assert.ok(before !== undefined, `${edit.textDocument.uri} is edited but neither exists nor is created`);
    out.set(edit.textDocument.uri, applyEdits(before, edit.edits as { range: never; newText: string }[]));
  }
  return out;
}

/** The host fixture the edited texts make (texts kept byte for byte: `eol` LF leaves them alone). */
function fxOf(texts: ReadonlyMap<string, string>, base: HostFx): HostFx {
  const files: Record<string, string> = {};
  for (const [uri, text] of texts) {
    const name = uri.slice(ROOT.length + 1);
    if (/^(hostname6?|dhcp)\./.test(name)) files[name] = text;
  }
  return { ...base, files, hosts: texts.get(`${ROOT}/hosts`) ?? null, netmasks: texts.get(`${ROOT}/netmasks`) ?? '' };
}

/** `group: nic role detection` per member, as in.mpathd sees the booted host. */
function members(fx: HostFx): string[] {
  return bootOf(fx).mpathd.groups.flatMap((g) => g.members.map((m) => `${g.name}: ${m.name} ${m.role} ${m.detection}${m.dataAddresses.length ? ` data ${m.dataAddresses.join(',')}` : ''}`));
}

/** Plans with the proposals accepted, edits, applies: the texts before and after, and the result. */
function run(fx: HostFx, eol: Eol, ask: { nic?: string; nics?: string[]; layout?: NewGroupLayout; group?: string; subnet?: string }, change: (a: NewGroupAnswers) => NewGroupAnswers = (a) => a) {
  const { view, texts } = hostView(fx, eol);
  const plan = planNewGroup(view, 's10', ask);
  const result = newGroupEdit(view, change(plan.proposal), SETTINGS);
  return { plan, result, before: texts, after: applied(texts, result) };
}

/** Every rule over the host after the edit: nothing but one carriage-return per file that has CRLF. */
function assertClean(after: ReadonlyMap<string, string>, base: HostFx): void {
  const fx = fxOf(after, base);
  const { findings, carriageReturns } = findingsOf(fx, 'LF');
  assert.deepEqual(findings, [], 'findings after the edit');
  const withCr = [...after].filter(([, t]) => t.includes('\r')).map(([uri]) => uri.slice(ROOT.length + 1));
  assert.deepEqual([...carriageReturns].sort(), withCr.sort(), 'carriage-return findings');
}

const CE0_AA = (eol: string) => `h1 netmask + broadcast + group ipmp0 up \\${eol}addif h1-ce0-test deprecated -failover netmask + broadcast + up${eol}`;

describe('New IPMP Group: proposals', () => {
  test('the NICs, the subnet from the lone interface and its netmasks entry, free addresses after it, names from nodename', () => {
    const { view } = hostView(LONE);
    const plan = planNewGroup(view, 's10', { nic: 'ce0' });
    assert.equal(plan.refused, undefined);
    assert.equal(plan.nodename, 'h1');
    assert.deepEqual(plan.nics.map((n) => [n.name, n.files, n.group ?? null, n.addresses.map((a) => `${a.word} ${a.address}${a.test ? ' test' : ''}`)]), [
      ['ce0', ['hostname.ce0'], null, ['h1 192.168.10.10']],
      ['ce1', ['hostname.ce1'], null, []],
    ]);
    assert.deepEqual(plan.subnet, {
      cidr: '192.168.10.0/24',
      network: '192.168.10.0',
      mask: '255.255.255.0',
      prefixLength: 24,
      from: 'h1 (192.168.10.10) on ce0, mask from netmasks',
      inNetmasks: true,
    });
    // .11 and .12 are in hosts (printer, nas): skipped.
    assert.deepEqual(plan.free.slice(0, 3), ['192.168.10.13', '192.168.10.14', '192.168.10.15']);
    assert.deepEqual(plan.proposal, {
      nics: ['ce0', 'ce1'],
      layout: 'active-active',
      group: 'ipmp0',
      subnet: '192.168.10.0/24',
      data: { name: 'h1', address: '192.168.10.10' },
      tests: { ce0: { name: 'h1-ce0-test', address: '192.168.10.13' }, ce1: { name: 'h1-ce1-test', address: '192.168.10.14' } },
    });
  });

  test('without a nodename, names come from the host folder; the NIC that has the data address goes first', () => {
    const { view } = hostView({ ...LONE, nodename: undefined });
    const plan = planNewGroup(view, 's10', { nics: ['ce1', 'ce0'], layout: 'active-standby' });
    assert.deepEqual(plan.proposal.nics, ['ce0', 'ce1']);
    assert.deepEqual(plan.proposal.tests, { ce0: { name: 'e1-ce0-test', address: '192.168.10.13' }, ce1: { name: 'e1-ce1-test', address: '192.168.10.14' } });
    assert.deepEqual(plan.proposal.data, { name: 'h1', address: '192.168.10.10' });
  });

  test('free addresses never include the network or broadcast address, nor one in hosts; they wrap round the subnet', () => {
    const fx: HostFx = { files: { 'hostname.e1000g0': 'h1\n', 'hostname.e1000g1': '' }, hosts: '10.1.1.5\th1\n10.1.1.1\tgw\n10.1.1.3\tother\n', netmasks: '10.1.1.0\t255.255.255.248\n' };
    const { view } = hostView(fx);
    const plan = planNewGroup(view, 's10', {});
    assert.equal(plan.subnet?.cidr, '10.1.1.0/29');
    assert.deepEqual(plan.free, ['10.1.1.6', '10.1.1.2', '10.1.1.4']);
    // No nodename: names from the host folder (e1).
    assert.deepEqual(plan.proposal.tests, { e1000g0: { name: 'e1-e1000g0-test', address: '10.1.1.6' }, e1000g1: { name: 'e1-e1000g1-test', address: '10.1.1.2' } });
  });

  test('names already in hosts on the subnet and used by no other NIC are reused with their address', () => {
    const { view } = hostView({ ...LONE, hosts: `${HOSTS}192.168.10.40\th1-ce1-test\n` });
    const plan = planNewGroup(view, 's10', { nic: 'ce0' });
    assert.deepEqual(plan.proposal.tests, { ce0: { name: 'h1-ce0-test', address: '192.168.10.13' }, ce1: { name: 'h1-ce1-test', address: '192.168.10.40' } });
  });

  test('a group already on the subnet is proposed (one group per subnet, §3.1), else the next name of the host’s pattern', () => {
    const grouped: HostFx = {
      ...LONE,
      files: { ...LONE.files, 'hostname.ce2': 'h1-b netmask + broadcast + group web3 up\n', 'hostname.e1000g0': 'h1-c\n' },
      hosts: `${HOSTS}192.168.10.20\th1-b\n192.168.30.5\th1-c\n`,
      netmasks: `${NETMASKS}192.168.30.0\t255.255.255.0\n`,
    };
    const { view } = hostView(grouped);
    const joined = planNewGroup(view, 's10', { nics: ['ce0', 'ce1'] });
    assert.equal(joined.proposal.group, 'web3');
    assert.match(joined.notes.join('\n'), /Group web3 \(ce2\) already serves 192\.168\.10\.0\/24/);
    const other = planNewGroup(view, 's10', { nic: 'e1000g0' });
    // The other subnet: ce0 is not proposed with it (ce1 has no address yet); the name follows web3.
    assert.deepEqual(other.proposal.nics, ['e1000g0', 'ce1']);
    assert.equal(other.proposal.group, 'web0');
    assert.equal(other.subnet?.cidr, '192.168.30.0/24');
  });

  test('from the palette (no NIC to start from): the first lone NIC with an address, and the lone NICs of its subnet', () => {
    const fx: HostFx = { ...LONE, files: { ...LONE.files, 'hostname.e1000g0': 'h1-c\n' }, hosts: `${HOSTS}192.168.30.5\th1-c\n`, netmasks: `${NETMASKS}192.168.30.0\t255.255.255.0\n` };
    const { view } = hostView(fx);
    assert.deepEqual(planNewGroup(view, 's10', {}).proposal.nics, ['ce0', 'ce1']);
  });

  test('odd NIC and group names never stall the proposals: names are made valid host names', () => {
    // ce2 and ce3 have no address; h1 is on the subnet but ce0 keeps it out of the group.
    const fx: HostFx = { ...LONE, files: { ...LONE.files, 'hostname.ce2': '', 'hostname.ce3': '' } };
    const { view } = hostView(fx);
    const plan = planNewGroup(view, 's10', { nics: ['ce2', 'ce3', 'e_1000g0', 'ce0:1'], group: 'prod_1.x' });
    assert.deepEqual(plan.proposal.data, { name: 'h1-prod-1-x', address: '192.168.10.13' });
    assert.deepEqual(Object.values(plan.proposal.tests ?? {}).map((t) => t.name), ['h1-ce2-test', 'h1-ce3-test', 'h1-e-1000g0-test', 'h1-ce0-1-test']);
  });

  test('Solaris 11 reads no hostname files: the plan says so', () => {
    const { view } = hostView(LONE);
    assert.match(planNewGroup(view, 's11', {}).refused ?? '', /Solaris 11 reads no hostname files/);
  });

  test('answers checked one by one: group names, interface names', () => {
    assert.equal(groupNameProblem('prod'), undefined);
    assert.match(groupNameProblem('') ?? '', /empty/);
    assert.match(groupNameProblem('my group') ?? '', /blanks/);
    assert.match(groupNameProblem('g'.repeat(32)) ?? '', /at most 31 characters \(this one has 32\)/);
    assert.equal(groupNameProblem('g'.repeat(31)), undefined);
    assert.match(groupNameProblem('a#b') ?? '', /#/);
    assert.equal(nicNameProblem('e1000g3'), undefined);
    assert.match(nicNameProblem('ce0:1') ?? '', /logical interface/);
    assert.match(nicNameProblem('eth') ?? '', /does not end in a digit/);
    assert.match(nicNameProblem('ip.tun0') ?? '', /tunnel/);
    assert.match(nicNameProblem('lo0') ?? '', /loopback/);
    assert.match(nicNameProblem('ce0-old1') ?? '', /plumb/);
  });
});

describe('New IPMP Group: every layout writes the §3.7 shapes, boots to the group, and is clean', () => {
  const layouts: { layout: NewGroupLayout; files: (eol: string) => Record<string, string>; members: string[] }[] = [
    {
      layout: 'active-active',
      files: (eol) => ({ 'hostname.ce0': CE0_AA(eol), 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group ipmp0 up\n' }),
      members: ['ipmp0: ce0 active probe data 192.168.10.10', 'ipmp0: ce1 active probe'],
    },
    {
      layout: 'active-standby',
      files: (eol) => ({ 'hostname.ce0': CE0_AA(eol), 'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group ipmp0 standby up\n' }),
      members: ['ipmp0: ce0 active probe data 192.168.10.10', 'ipmp0: ce1 inactive probe'],
    },
    {
      layout: 'link-based',
      files: (eol) => ({ 'hostname.ce0': `h1 netmask + broadcast + group ipmp0 up${eol}`, 'hostname.ce1': 'group ipmp0 up\n' }),
      members: ['ipmp0: ce0 active link data 192.168.10.10', 'ipmp0: ce1 active link'],
    },
    {
      layout: 'ipv6-link-local',
      files: (eol) => ({
        'hostname.ce0': `h1 netmask + broadcast + group ipmp0 up${eol}`,
        'hostname.ce1': 'group ipmp0 up\n',
        'hostname6.ce0': '-failover group ipmp0 up\n',
        'hostname6.ce1': '-failover group ipmp0 up\n',
      }),
      members: ['ipmp0: ce0 active probe data 192.168.10.10', 'ipmp0: ce1 active probe'],
    },
  ];
  for (const { layout, files, members: expected } of layouts) {
    for (const eol of EOLS) {
      test(`${layout} [${eol}]`, () => {
        const { result, before, after } = run(LONE, eol, { nic: 'ce0', layout });
        const nl = eol === 'CRLF' ? '\r\n' : '\n';
        // hostname.ce0 kept its line ending; hostname.ce1 was empty (none to keep) and new files are LF.
        const written = Object.fromEntries([...after].filter(([uri]) => /\/hostname6?\./.test(uri)).map(([uri, t]) => [uri.slice(ROOT.length + 1), t]));
        assert.deepEqual(written, files(nl));
        const probe = layout === 'active-active' || layout === 'active-standby';
        const hostsAdded = probe ? `192.168.10.13\th1-ce0-test${nl}192.168.10.14\th1-ce1-test${nl}` : '';
        assert.equal(after.get(`${ROOT}/hosts`), before.get(`${ROOT}/hosts`) + hostsAdded);
        // The subnet has its netmasks entry: the file is not touched.
        assert.equal(after.get(`${ROOT}/netmasks`), before.get(`${ROOT}/netmasks`));
        assert.deepEqual(result.problems, []);
        assert.deepEqual(members(fxOf(after, LONE)), expected);
        assertClean(after, LONE);
      });
    }
  }

  for (const eol of EOLS) {
    test(`three NICs, one of them new, active-standby: the last is the standby [${eol}]`, () => {
      const { result, after } = run(LONE, eol, { nics: ['ce0', 'ce1', 'e1000g0'], layout: 'active-standby', group: 'prod' });
      assert.equal(after.get(`${ROOT}/hostname.e1000g0`), 'h1-e1000g0-test netmask + broadcast + deprecated -failover group prod standby up\n');
      assert.equal(after.get(`${ROOT}/hostname.ce1`), 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n');
      assert.deepEqual(result.files.map((f) => `${f.label} ${f.change}`), ['hostname.ce0 replace', 'hostname.ce1 replace', 'hostname.e1000g0 create', 'hosts append']);
      assert.deepEqual(members(fxOf(after, LONE)), ['prod: ce0 active probe data 192.168.10.10', 'prod: ce1 active probe', 'prod: e1000g0 inactive probe']);
      assert.match(result.summary, /^prod: ce0 active \(data 192\.168\.10\.10; probes from ce0:1\), ce1 active \(probes from ce1\), e1000g0 inactive/);
      assertClean(after, LONE);
    });
  }
});

describe('New IPMP Group: netmasks and hosts', () => {
  for (const eol of EOLS) {
    test(`a netmasks entry is added when the subnet has none, with the file's line ending [${eol}]`, () => {
      const fx: HostFx = { ...LONE, netmasks: '192.168.20.0\t255.255.255.0\n' };
      const { plan, result, before, after } = run(fx, eol, { nic: 'ce0' });
      assert.equal(plan.subnet?.from, 'h1 (192.168.10.10) on ce0, classful mask (no netmasks entry)');
      assert.equal(plan.subnet?.inNetmasks, false);
      const nl = eol === 'CRLF' ? '\r\n' : '\n';
      assert.equal(after.get(`${ROOT}/netmasks`), `${before.get(`${ROOT}/netmasks`)}192.168.10.0\t255.255.255.0${nl}`);
      // Before, ce0's netmask + found no entry (a warning); the edit removes it and adds none.
      assert.deepEqual(result.problems, []);
      assertClean(after, fx);
    });
  }

  test('no netmasks file: none is made for a classful subnet, one is made for another mask', () => {
    const classful = run({ ...LONE, netmasks: '' }, 'LF', { nic: 'ce0' });
    assert.ok(!classful.result.files.some((f) => f.label === 'netmasks'));
    assertClean(classful.after, { ...LONE, netmasks: '' });
    const fx: HostFx = { files: { 'hostname.ce0': '', 'hostname.ce1': '' }, hosts: '127.0.0.1\tlocalhost\n', netmasks: '', nodename: 'db1\n' };
    const other = run(fx, 'LF', { nic: 'ce0', subnet: '10.20.30.0/24' });
    assert.deepEqual(other.plan.proposal.data, { name: 'db1', address: '10.20.30.1' });
    assert.deepEqual(other.result.files.map((f) => `${f.label} ${f.change}`), ['hostname.ce0 replace', 'hostname.ce1 replace', 'hosts append', 'netmasks create']);
    assert.equal(other.after.get(`${ROOT}/netmasks`), '10.20.30.0\t255.255.255.0\n');
    assert.equal(other.after.get(`${ROOT}/hosts`), '127.0.0.1\tlocalhost\n10.20.30.1\tdb1\n10.20.30.2\tdb1-ce0-test\n10.20.30.3\tdb1-ce1-test\n');
    assertClean(other.after, fx);
  });

  test('a host without hosts file gets one with localhost and the entries', () => {
    const fx: HostFx = { files: { 'hostname.ce0': '', 'hostname.ce1': '' }, hosts: null, netmasks: '', nodename: 'db1\n' };
    const { result, after } = run(fx, 'LF', { nic: 'ce0', subnet: '192.168.7.0/24' });
    const hosts = result.files.find((f) => f.label === 'hosts');
    assert.equal(hosts?.change, 'create');
    assert.equal(after.get(`${ROOT}/hosts`), '127.0.0.1\tlocalhost\n192.168.7.1\tdb1\n192.168.7.2\tdb1-ce0-test\n192.168.7.3\tdb1-ce1-test\n');
    const create = result.edit!.documentChanges!.find((c: TextDocumentEdit | CreateFile | object) => 'kind' in c && (c as CreateFile).uri === `${ROOT}/hosts`);
    assert.ok(create, 'a createFile for hosts');
    assertClean(after, fx);
  });

  test('a hosts file without a final newline gets one before the entries', () => {
    const fx: HostFx = { ...LONE, hosts: HOSTS.replace(/\n$/, '') };
    const { after } = run(fx, 'LF', { nic: 'ce0' });
    assert.ok(after.get(`${ROOT}/hosts`)!.endsWith('192.168.10.12\tnas\n192.168.10.13\th1-ce0-test\n192.168.10.14\th1-ce1-test\n'));
  });
});

describe('New IPMP Group: answers that cannot be written', () => {
  const { view } = hostView(LONE);
  const plan = planNewGroup(view, 's10', { nic: 'ce0' });
  const base = plan.proposal;
  const cases: [string, Partial<NewGroupAnswers>, RegExp][] = [
    ['one NIC', { nics: ['ce0'] }, /at least two NICs/],
    ['a group name with a blank', { group: 'my group' }, /blanks/],
    ['a group name of 32 characters', { group: 'g'.repeat(32) }, /at most 31/],
    ['an invalid new interface', { nics: ['ce0', 'eth'] }, /does not end in a digit/],
    ['an address outside the subnet', { tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.11.5' } } }, /192\.168\.11\.5 is not in 192\.168\.10\.0\/24/],
    ['the broadcast address', { tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.10.255' } } }, /broadcast address/],
    ['the network address', { tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.10.0' } } }, /network address/],
    ['an address hosts gives another name', { tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.10.11' } } }, /192\.168\.10\.11 is printer's address in hosts/],
    ['a name hosts gives another address', { tests: { ...base.tests, ce1: { name: 'nas', address: '192.168.10.50' } } }, /nas is 192\.168\.10\.12 in hosts/],
    ['one address twice', { tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.10.13' } } }, /must be unique/],
    ['a keyword as a name', { tests: { ...base.tests, ce1: { name: 'standby', address: '192.168.10.50' } } }, /is an ifconfig keyword/],
    ['an invalid host name', { tests: { ...base.tests, ce1: { name: 'h1_ce1', address: '192.168.10.50' } } }, /not a valid host name/],
    ['no data address in a probe-based layout', { data: null }, /needs a data address/],
    ['a missing test address', { tests: { ce0: base.tests!.ce0! } }, /ce1 needs a test address/],
  ];
  for (const [name, answers, expected] of cases) {
    test(name, () => {
      const result = newGroupEdit(view, { ...base, ...answers }, SETTINGS);
      assert.match(result.errors.join('\n'), expected);
      assert.equal(result.edit, undefined);
    });
  }

  test('an address typed with leading zeros goes into hosts as inet_addr reads it: without them', () => {
    const result = newGroupEdit(view, { ...base, tests: { ...base.tests, ce1: { name: 'h1-ce1-test', address: '192.168.010.050' } } }, SETTINGS);
    assert.deepEqual(result.errors, []);
    assert.match(result.files.find((f) => f.label === 'hosts')!.text, /^192\.168\.10\.50\th1-ce1-test$/m);
  });

  test('answers that are no answers (another client) are refused, not thrown on', () => {
    assert.match(newGroupEdit(view, undefined as unknown as NewGroupAnswers, SETTINGS).errors.join(''), /No answers/);
    assert.match(newGroupEdit(view, { layout: 'link-based', group: 'g' } as unknown as NewGroupAnswers, SETTINGS).errors.join(''), /No answers/);
  });

  test('a NIC run by DHCP is refused', () => {
    const dhcp = hostView({ ...LONE, files: { ...LONE.files, 'dhcp.ce1': '' } }).view;
    assert.match(newGroupEdit(dhcp, base, SETTINGS).errors.join('\n'), /ce1 is configured by DHCP \(dhcp\.ce1\)/);
  });

  test('what the rules would still say is reported, not hidden: joining two groups on one subnet', () => {
    const fx: HostFx = { ...LONE, files: { ...LONE.files, 'hostname.ce2': 'h1-b netmask + broadcast + group web3 up\n' }, hosts: `${HOSTS}192.168.10.20\th1-b\n` };
    const { view: v } = hostView(fx);
    const p = planNewGroup(v, 's10', { nics: ['ce0', 'ce1'], group: 'other' });
    const result = newGroupEdit(v, p.proposal, SETTINGS);
    assert.deepEqual(result.errors, []);
    assert.ok(result.problems.some((x) => /groups-share-subnet/.test(x)), result.problems.join('\n'));
  });
});

describe('New IPMP Group: the code action', () => {
  const caps = { documentChanges: true, createFiles: true, snippetEdits: false, clientCommands: true };
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const eol of EOLS) {
    test(`offered on a lone interface, with its NIC, for clients that run our commands [${eol}]`, () => {
      const { view } = hostView(LONE, eol);
      const doc = parseDocument(`${ROOT}/hostname.ce0`, '/srv/e1/etc/hostname.ce0', 'hostname', withEol('h1\n', eol));
      const actions = codeActions(doc, view, [], range, [], undefined, caps, { release: 's10' }).filter((a) => a.kind === NEW_GROUP_KIND);
      assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [
        ['Make ce0 part of a new IPMP group…', 'solarisIpmp.newGroup', [{ uri: `${ROOT}/hostname.ce0`, nic: 'ce0' }]],
      ]);
      assert.equal(NEW_GROUP_KIND, 'refactor.rewrite.ipmpNewGroup');
      assert.deepEqual(codeActions(doc, view, [], range, [], undefined, { ...caps, clientCommands: false }).filter((a) => a.kind === NEW_GROUP_KIND), []);
      assert.deepEqual(codeActions(doc, view, [], range, [], undefined, caps, { release: 's11' }).filter((a) => a.kind === NEW_GROUP_KIND), []);
    });
  }

  test('not offered on a group member, nor on a dhcp file or a NIC run by DHCP', () => {
    const fx: HostFx = { ...LONE, files: { 'hostname.ce0': CE0_AA('\n'), 'hostname.ce1': '', 'dhcp.ce1': '' } };
    const { view } = hostView(fx);
    const member = parseDocument(`${ROOT}/hostname.ce0`, '/srv/e1/etc/hostname.ce0', 'hostname', CE0_AA('\n'));
    assert.deepEqual(codeActions(member, view, [], range, [], undefined, caps).filter((a) => a.kind === NEW_GROUP_KIND), []);
    const dhcp = parseDocument(`${ROOT}/dhcp.ce1`, '/srv/e1/etc/dhcp.ce1', 'hostname', '');
    assert.deepEqual(codeActions(dhcp, view, [], range, [], undefined, caps).filter((a) => a.kind === NEW_GROUP_KIND), []);
    // ce1 is run by DHCP: its hostname file gets none either.
    const ce1 = parseDocument(`${ROOT}/hostname.ce1`, '/srv/e1/etc/hostname.ce1', 'hostname', '');
    assert.deepEqual(codeActions(ce1, view, [], range, [], undefined, caps).filter((a) => a.kind === NEW_GROUP_KIND), []);
  });
});
