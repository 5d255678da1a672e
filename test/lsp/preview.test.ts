/**
 * Preview boot and Simulate failure over LSP, as an editor uses them: the bundled server over
 * stdio answers `solarisIpmp/preview` with the boot of a file's host (the commands in boot order,
 * `ifconfig -a`, ipmpstat-like tables) and, with `fail`, where in.mpathd moves the addresses and
 * what the repair brings back; it sends `solarisIpmp/hostChanged` when a file of the host changes,
 * so an open preview can ask again; and its code lenses offer both when the client runs commands.
 * Every wait is on a notification or a response, with a deadline: nothing sleeps.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver/node';
import { LspTestClient, testWorkspace, REPO_ROOT, withServer, within, type NotificationLog } from './client';

// The wire names, written out: they are the contract with the client and other editors.
const PREVIEW = 'solarisIpmp/preview';
const HOST_CHANGED = 'solarisIpmp/hostChanged';
const PREVIEW_BOOT = 'solarisIpmp.previewBoot';
const SIMULATE_FAILURE = 'solarisIpmp.simulateFailure';

interface PreviewResult {
  readonly rootUri: string;
  readonly label: string;
  readonly text: string;
  readonly nics: readonly { readonly name: string; readonly group?: string }[];
  readonly failed: string | null;
}

// web1: the examples' active-active pair (ce0 carries the data address and a test address on
// ce0:1, ce1 only a test address), FAILBACK=yes.
const WEB1 = {
  hosts: '#\n# Internet host table\n#\n::1\t\tlocalhost\n127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n',
  netmasks: '192.168.10.0\t255.255.255.0\n',
  'hostname.ce0': 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'web1-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
  'default/mpathd': 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=yes\n',
};

// db1: active-standby with FAILBACK=no, in inet/ files; bge0 is a NIC in no group.
const DB1 = {
  'inet/hosts': '127.0.0.1\tlocalhost\n10.20.30.40\tdb1\tloghost\n10.20.30.41\tdb1-e1000g0-test\n10.20.30.42\tdb1-e1000g1-test\n10.20.40.5\tdb1-backup\n',
  'inet/netmasks': '10.20.30.0\t255.255.255.0\n10.20.40.0\t255.255.255.0\n',
  'hostname.e1000g0': 'db1 netmask + broadcast + group db up \\\naddif db1-e1000g0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.e1000g1': 'db1-e1000g1-test netmask + broadcast + deprecated -failover group db standby up\n',
  'hostname.bge0': 'db1-backup netmask + broadcast + up\n',
  'default/mpathd': 'FAILURE_DETECTION_TIME=10000\nFAILBACK=no\n',
};

/** ifconfig's flag bits (Solaris <net/if.h>), by the names `ifconfig -a` prints. */
const IFF: Record<string, bigint> = {
  UP: 0x1n, BROADCAST: 0x2n, DEBUG: 0x4n, LOOPBACK: 0x8n, POINTOPOINT: 0x10n, NOTRAILERS: 0x20n, RUNNING: 0x40n,
  NOARP: 0x80n, PROMISC: 0x100n, ALLMULTI: 0x200n, INTELLIGENT: 0x400n, MULTICAST: 0x800n, MULTI_BCAST: 0x1000n,
  UNNUMBERED: 0x2000n, DHCP: 0x4000n, PRIVATE: 0x8000n, NOXMIT: 0x10000n, NOLOCAL: 0x20000n, DEPRECATED: 0x40000n,
  ADDRCONF: 0x80000n, ROUTER: 0x100000n, NONUD: 0x200000n, ANYCAST: 0x400000n, NORTEXCH: 0x800000n, IPv4: 0x1000000n,
  IPv6: 0x2000000n, NOFAILOVER: 0x8000000n, FAILED: 0x10000000n, STANDBY: 0x20000000n, INACTIVE: 0x40000000n,
  OFFLINE: 0x80000000n, XRESOLV: 0x100000000n, CoS: 0x200000000n, PREFERRED: 0x400000000n, TEMPORARY: 0x800000000n,
  FIXEDMTU: 0x1000000000n, VIRTUAL: 0x2000000000n,
};

/** Every hostChanged notice (the root URI of the host, or '*' for every host), in arrival order. */
let notices: NotificationLog<{ rootUri: string }>;

const ws = testWorkspace('ipmp-preview-', {
  initializationOptions: { clientCommands: true },
  setup: ({ writeTree, write }) => {
    writeTree('web1/etc', WEB1);
    writeTree('db1/etc', DB1);
    writeTree('edit1/etc', WEB1);
    writeTree('new1/etc', WEB1);
    write('README.md', '# not a Solaris file\n');
  },
  beforeInitialize: (client) => (notices = client.notifications(HOST_CHANGED)),
});
const client = (): LspTestClient => ws.client;
const uriOf = (rel: string): string => ws.uri(rel);
const hostUri = (host: string, file = ''): string => ws.uri(path.join(host, 'etc', file)).replace(/\/$/, '');

function preview(uri: string, fail?: string, on: LspTestClient = client()): Promise<PreviewResult | null> {
  return within(on.connection.sendRequest<PreviewResult | null>(PREVIEW, fail === undefined ? { uri } : { uri, fail }), `the preview of ${uri}`);
}

async function previewOf(uri: string, fail?: string): Promise<PreviewResult> {
  const result = await preview(uri, fail);
  assert.ok(result, `no preview for ${uri}`);
  return result;
}

/** The first hostChanged notice at index `from` (a `notices.mark()` taken before the action) or later for a root that `accept` takes. */
async function hostChanged(accept: (root: string) => boolean, from: number): Promise<string> {
  return (await notices.next((p) => accept(p.rootUri), from)).rootUri;
}

// ------------------------------------------------------------------------ reading the text

/** The lines of a numbered section (`2. Interfaces after boot (ifconfig -a)`), without its rules. */
function section(text: string, title: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  assert.ok(start > 0 && /^─+$/.test(lines[start - 1]!) && /^─+$/.test(lines[start + 1]!), `no section ${title} in:\n${text}`);
  const rest = lines.slice(start + 2);
  const end = rest.findIndex((l, i) => /^─+$/.test(l) && /^\d+\. /.test(rest[i + 1] ?? ''));
  return end === -1 ? rest : rest.slice(0, end);
}

/** Titles of the numbered sections, in order. */
const sectionTitles = (text: string): string[] => text.split('\n').filter((l, i, all) => /^\d+\. /.test(l) && /^─+$/.test(all[i - 1] ?? ''));

/** The commands of section 1 as `status command` (what the boot script added left out). */
function commands(text: string): string[] {
  return section(text, /^1\. Commands, in boot order$/)
    .map((l) => /^ {2}(ok|FAILED|skipped|ignored) +(.*?)(?: {2}\+ .*)?$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

/** `[net-physical]`-style script headings of section 1, in order. */
const scripts = (text: string): string[] =>
  section(text, /^1\. Commands, in boot order$/)
    .map((l) => /^\[(.*)\]$/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined);

interface IfconfigEntry {
  readonly name: string;
  readonly flagsHex: string;
  readonly flags: string[];
  readonly mtu: number;
  readonly index: number;
  readonly lines: string[];
}

/** `ifconfig -a` blocks from `lines` (an interface line, then tab-indented lines), up to the first other line. */
function ifconfigEntries(lines: readonly string[]): IfconfigEntry[] {
  const out: IfconfigEntry[] = [];
  for (const line of lines) {
    const head = /^([a-z][a-z0-9_.]*\d+(?::\d+)?): flags=([0-9a-f]+)<([^>]*)> mtu (\d+) index (\d+)$/.exec(line);
    if (head) out.push({ name: head[1]!, flagsHex: head[2]!, flags: head[3] ? head[3].split(',') : [], mtu: Number(head[4]), index: Number(head[5]), lines: [] });
    else if (line.startsWith('\t') && out.length) out[out.length - 1]!.lines.push(line.slice(1));
    else if (out.length) break;
  }
  return out;
}

/** The `ifconfig -a` listing that follows the line `title` (`ifconfig -a while ce0 is failed:`) or starts `lines`. */
function ifconfigAfter(lines: readonly string[], title?: string): Map<string, IfconfigEntry> {
  const from = title === undefined ? 0 : lines.indexOf(title) + 1;
  assert.ok(title === undefined || from > 0, `no "${title}" in:\n${lines.join('\n')}`);
  const entries = ifconfigEntries(lines.slice(from));
  assert.ok(entries.length > 0, `no ifconfig -a listing${title ? ` after "${title}"` : ''}`);
  for (const e of entries) {
    // The hex is the OR of the named flags, as ifconfig prints it.
    const bits = e.flags.reduce((n, f) => {
      assert.ok(f in IFF, `${e.name}: unknown flag ${f}`);
      return n | IFF[f]!;
    }, 0n);
    assert.equal(e.flagsHex, bits.toString(16), `${e.name}: flags=${e.flagsHex}<${e.flags.join(',')}>`);
  }
  return new Map(entries.map((e) => [e.name, e]));
}

/** The table under `title` (`ipmpstat -g`): header and rows split on runs of two or more blanks. */
function table(lines: readonly string[], title: string, nth = 0): string[][] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = lines.indexOf(title, at + 1);
  assert.ok(at >= 0, `no table "${title}" (#${nth + 1}) in:\n${lines.join('\n')}`);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('  ')) break;
    rows.push(line.trim().split(/ {2,}/));
  }
  return rows;
}

// ------------------------------------------------------------------------ the boot

describe('solarisIpmp/preview: the boot of a host', () => {
  test('names the host and its NICs; any file of the host previews the same boot', async () => {
    const fromCe0 = await previewOf(hostUri('web1', 'hostname.ce0'));
    assert.equal(fromCe0.rootUri, hostUri('web1'));
    assert.equal(fromCe0.label, 'web1/etc');
    assert.equal(fromCe0.failed, null);
    assert.deepEqual(fromCe0.nics, [
      { name: 'ce0', group: 'prod' },
      { name: 'ce1', group: 'prod' },
    ]);
    assert.match(fromCe0.text, /^Boot preview of web1\/etc — Solaris 10 \(8\/07 and later\)\n/);
    assert.deepEqual(sectionTitles(fromCe0.text), ['1. Commands, in boot order', '2. Interfaces after boot (ifconfig -a)', '3. IPMP after boot']);
    for (const other of ['hosts', 'netmasks', 'default/mpathd', 'hostname.ce1']) {
      const p = await previewOf(hostUri('web1', other));
      assert.equal(p.text, fromCe0.text, `the preview from ${other}`);
      assert.equal(p.rootUri, fromCe0.rootUri);
    }
  });

  test('the commands in boot order: loopback, plumbs, then each hostname file, in.mpathd, net-svc', async () => {
    const { text } = await previewOf(hostUri('web1', 'hostname.ce1'));
    assert.deepEqual(scripts(text), ['network/loopback (net-loopback)', 'network/physical (net-physical)', 'network/initial (net-init)', 'network/service (net-svc), after name services']);
    const run = commands(text);
    const order = [
      'ok ifconfig lo0 plumb 127.0.0.1 up',
      'ok ifconfig ce0 plumb',
      'ok ifconfig ce1 plumb',
      'ok ifconfig ce0 inet web1 netmask + broadcast + group prod up addif web1-ce0-test deprecated -failover netmask + broadcast + up',
      'ok ifconfig ce1 inet web1-ce1-test deprecated -failover netmask + broadcast + group prod up',
      'ok in.mpathd -a',
    ];
    const at = order.map((c) => run.indexOf(c));
    assert.ok(at.every((i) => i >= 0), `missing from the commands:\n  ${order.filter((_, i) => at[i]! < 0).join('\n  ')}\nran:\n  ${run.join('\n  ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `out of boot order:\n  ${run.join('\n  ')}`);
    assert.ok(run.every((c) => c.startsWith('ok ')), run.join('\n'));
    // The two lines of hostname.ce0 (a backslash joins them) are one command, from lines 1–2.
    assert.match(text, /ok {6}ifconfig ce0 inet web1 .*\n {10}\(hostname\.ce0, line 1–2; 'netmask \+ broadcast \+ up' added by the boot script\)/);
    assert.match(text, /> Created new logical interface ce0:1/);
  });

  test('the interfaces as ifconfig -a shows them: addresses, masks, broadcast, flags, group', async () => {
    const { text } = await previewOf(hostUri('web1', 'hostname.ce0'));
    const ifs = ifconfigAfter(section(text, /^2\. Interfaces after boot \(ifconfig -a\)$/));
    assert.deepEqual([...ifs.keys()], ['lo0', 'ce0', 'ce0:1', 'ce1']);
    assert.deepEqual(ifs.get('lo0')!.flags, ['UP', 'LOOPBACK', 'RUNNING', 'MULTICAST', 'IPv4', 'VIRTUAL']);
    assert.deepEqual(ifs.get('lo0')!.lines, ['inet 127.0.0.1 netmask ff000000']);
    assert.deepEqual(ifs.get('ce0')!.flags, ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST', 'IPv4']);
    assert.deepEqual(ifs.get('ce0')!.lines, ['inet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255', 'groupname prod']);
    assert.deepEqual(ifs.get('ce0:1')!.flags, ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST', 'DEPRECATED', 'IPv4', 'NOFAILOVER']);
    assert.deepEqual(ifs.get('ce0:1')!.lines, ['inet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255']);
    assert.equal(ifs.get('ce0:1')!.index, ifs.get('ce0')!.index, 'a logical interface has its NIC index');
    assert.deepEqual(ifs.get('ce1')!.lines, ['inet 192.168.10.12 netmask ffffff00 broadcast 192.168.10.255', 'groupname prod']);
    assert.ok(ifs.get('ce1')!.flags.includes('NOFAILOVER') && ifs.get('ce1')!.flags.includes('DEPRECATED'));
    assert.deepEqual(
      [...ifs.values()].map((e) => e.mtu),
      [8232, 1500, 1500, 1500],
    );
  });

  test('IPMP as ipmpstat -g/-i/-a/-t would show it', async () => {
    const { text } = await previewOf(hostUri('web1', 'hostname.ce0'));
    const ipmp = section(text, /^3\. IPMP after boot$/);
    assert.deepEqual(table(ipmp, 'ipmpstat -g'), [
      ['GROUP', 'STATE', 'FDT', 'INTERFACES'],
      ['prod', 'ok', '10.00s', 'ce0 ce1'],
    ]);
    assert.deepEqual(table(ipmp, 'ipmpstat -i'), [
      ['INTERFACE', 'ACTIVE', 'GROUP', 'FLAGS', 'LINK', 'PROBE', 'STATE'],
      ['ce0', 'yes', 'prod', '--', 'up', 'ok', 'ok'],
      ['ce1', 'yes', 'prod', '--', 'up', 'ok', 'ok'],
    ]);
    assert.deepEqual(table(ipmp, 'ipmpstat -a  (data addresses)'), [
      ['ADDRESS', 'STATE', 'GROUP', 'ON', 'BELONGS TO'],
      ['192.168.10.10', 'up', 'prod', 'ce0', 'ce0'],
    ]);
    assert.deepEqual(
      table(ipmp, 'ipmpstat -t').map((r) => r.slice(0, 3)),
      [
        ['INTERFACE', 'MODE', 'TESTADDR'],
        ['ce0', 'probe', '192.168.10.11 (ce0:1)'],
        ['ce1', 'probe', '192.168.10.12 (ce1)'],
      ],
    );
  });

  test('active-standby from inet/ files: the standby is inactive, its group and FDT come from default/mpathd', async () => {
    const p = await previewOf(hostUri('db1', 'hostname.e1000g1'));
    assert.equal(p.label, 'db1/etc');
    assert.deepEqual(p.nics, [
      { name: 'e1000g0', group: 'db' },
      { name: 'e1000g1', group: 'db' },
      { name: 'bge0' },
    ]);
    const ifs = ifconfigAfter(section(p.text, /^2\. Interfaces after boot \(ifconfig -a\)$/));
    assert.ok(ifs.get('e1000g1')!.flags.includes('STANDBY') && ifs.get('e1000g1')!.flags.includes('INACTIVE'), ifs.get('e1000g1')!.flags.join(','));
    assert.deepEqual(ifs.get('bge0')!.lines, ['inet 10.20.40.5 netmask ffffff00 broadcast 10.20.40.255'], 'a NIC in no group has no groupname');
    const ipmp = section(p.text, /^3\. IPMP after boot$/);
    assert.deepEqual(table(ipmp, 'ipmpstat -g'), [
      ['GROUP', 'STATE', 'FDT', 'INTERFACES'],
      ['db', 'ok', '10.00s', 'e1000g0 (e1000g1)'],
    ]);
    assert.deepEqual(table(ipmp, 'ipmpstat -i')[2], ['e1000g1', 'no', 'db', 'is', 'up', 'ok', 'ok']);
  });

  test('Solaris 11 (release s11 in the project file): lo0 from ipadm, a line saying no hostname file is read, no NIC', async () => {
    ws.writeTree('s11web/etc', WEB1);
    ws.write('s11web/.ipmp-lint.json', '{ "release": "s11" }\n');
    const p = await previewOf(hostUri('s11web', 'hostname.ce0'));
    assert.match(p.text, /^Boot preview of s11web\/etc — Solaris 11 \(11\/11 and later\)\n/);
    assert.deepEqual(p.nics, []);
    assert.deepEqual(scripts(p.text), ['network/loopback (net-loopback)', 'network/physical (net-physical)']);
    assert.deepEqual(commands(p.text), ['ok ipadm enable-if -t lo0', 'ok ifconfig -auD4 netmask + broadcast +']);
    assert.match(p.text, /\(Solaris 11 reads its network configuration from ipadm \(\/etc\/ipadm\/ipadm\.conf\), not from hostname files: hostname\.ce0, hostname\.ce1 are not read, so nothing of them is plumbed\./);
    assert.deepEqual([...ifconfigAfter(section(p.text, /^2\. Interfaces after boot \(ifconfig -a\)$/)).keys()], ['lo0']);
  });

  test('a non-Solaris file has no preview: null', async () => {
    assert.equal(await preview(uriOf('README.md')), null);
    assert.equal(await preview(uriOf('web1/etc/passwd')), null);
  });
});

// ------------------------------------------------------------------------ a failure

describe('solarisIpmp/preview with fail: a NIC fails and is repaired', () => {
  test("ce0 fails: its data address moves to ce1:1, its test address stays, the group is degraded", async () => {
    const p = await previewOf(hostUri('web1', 'hostname.ce1'), 'ce0');
    assert.equal(p.failed, 'ce0');
    assert.match(p.text, /^Then: ce0 fails, and is repaired\.$/m);
    assert.deepEqual(sectionTitles(p.text).slice(3), ['4. ce0 fails', '5. ce0 is repaired']);
    const fails = section(p.text, /^4\. ce0 fails$/);
    const logged = fails.slice(fails.indexOf('in.mpathd logs:') + 1);
    const log = logged.slice(0, logged.indexOf(''));
    assert.deepEqual(log, ['  in.mpathd: The link has gone down on ce0', '  in.mpathd: NIC failure detected on ce0 of group prod', '  in.mpathd: Successfully failed over from NIC ce0 to NIC ce1']);
    const moved = fails.indexOf('Addresses moved to ce1:');
    assert.ok(moved >= 0, fails.join('\n'));
    assert.match(fails[moved + 1]!, /^ {2}192\.168\.10\.10 +ce0 → ce1:1$/);
    assert.ok(fails.includes('Stay on ce0 (test addresses, to notice the repair): 192.168.10.11 (ce0:1)'), fails.join('\n'));

    const ifs = ifconfigAfter(fails, 'ifconfig -a while ce0 is failed:');
    assert.deepEqual(ifs.get('ce1:1')!.lines, ['inet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255']);
    assert.equal(ifs.get('ce1:1')!.index, ifs.get('ce1')!.index);
    assert.ok(ifs.get('ce0')!.flags.includes('FAILED') && !ifs.get('ce0')!.flags.includes('RUNNING'), ifs.get('ce0')!.flags.join(','));
    assert.equal(ifs.get('ce0')!.lines[0], 'inet 0.0.0.0 netmask 00000000', 'ce0 keeps no data address');
    assert.ok(ifs.get('ce0:1')!.flags.includes('FAILED'));
    assert.deepEqual(ifs.get('ce0:1')!.lines, ['inet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255']);

    assert.deepEqual(table(fails, 'ipmpstat -g')[1], ['prod', 'degraded', '10.00s', '[ce0] ce1']);
    assert.deepEqual(table(fails, 'ipmpstat -i').slice(1), [
      ['ce0', 'no', 'prod', '--', 'down', 'failed', 'failed'],
      ['ce1', 'yes', 'prod', '--', 'up', 'ok', 'ok'],
    ]);
    assert.deepEqual(table(fails, 'ipmpstat -a  (data addresses)')[1], ['192.168.10.10', 'up', 'prod', 'ce1:1', 'ce0 (moved here)']);
  });

  test('ce0 is repaired: with FAILBACK=yes the address moves back and the host is as booted', async () => {
    const boot = await previewOf(hostUri('web1', 'hostname.ce0'));
    const p = await previewOf(hostUri('web1', 'hostname.ce0'), 'ce0');
    const repaired = section(p.text, /^5\. ce0 is repaired$/);
    assert.ok(repaired.includes('  in.mpathd: Successfully failed back to NIC ce0'), repaired.join('\n'));
    const back = repaired.indexOf('Addresses moved back (FAILBACK=yes):');
    assert.ok(back >= 0, repaired.join('\n'));
    assert.match(repaired[back + 1]!, /^ {2}192\.168\.10\.10 +ce1:1 → ce0$/);
    const after = ifconfigAfter(repaired, 'ifconfig -a after the repair:');
    const booted = ifconfigAfter(section(boot.text, /^2\. Interfaces after boot \(ifconfig -a\)$/));
    assert.deepEqual(after, booted, 'after the repair ifconfig -a is as after the boot');
    assert.deepEqual(table(repaired, 'ipmpstat -g')[1], ['prod', 'ok', '10.00s', 'ce0 ce1']);
    // The boot part of the text is the plain preview's, word for word.
    assert.ok(p.text.includes(section(boot.text, /^3\. IPMP after boot$/).join('\n').trimEnd()));
  });

  test('the active NIC of an active-standby pair fails: the standby takes the address; FAILBACK=no keeps it there', async () => {
    const p = await previewOf(hostUri('db1', 'hostname.e1000g0'), 'e1000g0');
    assert.equal(p.failed, 'e1000g0');
    const fails = section(p.text, /^4\. e1000g0 fails$/);
    assert.match(fails[fails.indexOf('Addresses moved to e1000g1:') + 1]!, /^ {2}10\.20\.30\.40 +e1000g0 → e1000g1:1$/);
    const ifs = ifconfigAfter(fails, 'ifconfig -a while e1000g0 is failed:');
    assert.ok(!ifs.get('e1000g1')!.flags.includes('INACTIVE'), 'the standby is active while it carries the address');
    assert.deepEqual(ifs.get('e1000g1:1')!.lines, ['inet 10.20.30.40 netmask ffffff00 broadcast 10.20.30.255']);
    const repaired = section(p.text, /^5\. e1000g0 is repaired$/);
    assert.ok(repaired.includes('FAILBACK=no: the addresses stay where they are; e1000g0 is back in the group with none.'), repaired.join('\n'));
    const after = ifconfigAfter(repaired, 'ifconfig -a after the repair:');
    assert.deepEqual(after.get('e1000g1:1')!.lines, ['inet 10.20.30.40 netmask ffffff00 broadcast 10.20.30.255']);
    assert.ok(!after.get('e1000g0')!.flags.includes('FAILED'));
  });

  test('a NIC in no group fails: nothing takes over; an unknown NIC: no failure, and the text says so', async () => {
    const alone = await previewOf(hostUri('db1', 'hosts'), 'bge0');
    assert.equal(alone.failed, 'bge0');
    assert.ok(section(alone.text, /^4\. bge0 fails$/).includes('bge0 is in no IPMP group: nothing takes over, and its addresses are unreachable until it comes back.'));

    const boot = await previewOf(hostUri('web1', 'hostname.ce0'));
    const unknown = await previewOf(hostUri('web1', 'hostname.ce0'), 'qfe7');
    assert.equal(unknown.failed, null);
    assert.deepEqual(sectionTitles(unknown.text), sectionTitles(boot.text));
    assert.ok(unknown.text.startsWith(boot.text), 'the boot is still shown');
    assert.match(unknown.text, /^qfe7 is not an interface of this host: no failure to show\.$/m);
  });
});

// ------------------------------------------------------------------------ following edits

describe('solarisIpmp/hostChanged: previews follow the files', () => {
  test('a didChange of a hostname file notifies its host; a new preview shows the unsaved edit, a close the disk again', async () => {
    const ce0 = hostUri('edit1', 'hostname.ce0');
    const edit1 = hostUri('edit1');
    const opening = notices.mark();
    await client().open(ce0, 'solaris-hostname', WEB1['hostname.ce0']);
    // Opening changes what the host reads (the editor's text wins): a notice for it too.
    assert.equal(await hostChanged((r) => r === edit1 || r === '*', opening), edit1);
    const before = await previewOf(ce0);
    assert.deepEqual(table(section(before.text, /^3\. IPMP after boot$/), 'ipmpstat -a  (data addresses)')[1], ['192.168.10.10', 'up', 'prod', 'ce0', 'ce0']);

    const mark = notices.mark();
    const edited = WEB1['hostname.ce0'].replace(/^web1 /, '192.168.10.20 ');
    await client().change(ce0, edited);
    assert.equal(await hostChanged((r) => r === edit1, mark), edit1);

    const after = await previewOf(ce0);
    assert.notEqual(after.text, before.text);
    assert.match(after.text, /^ {2}ok {6}ifconfig ce0 inet 192\.168\.10\.20 netmask \+ broadcast \+ group prod up addif/m);
    assert.deepEqual(ifconfigAfter(section(after.text, /^2\. Interfaces after boot/)).get('ce0')!.lines[0], 'inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255');
    assert.deepEqual(table(section(after.text, /^3\. IPMP after boot$/), 'ipmpstat -a  (data addresses)')[1], ['192.168.10.20', 'up', 'prod', 'ce0', 'ce0']);
    // The failure simulation follows too.
    const failure = await previewOf(ce0, 'ce0');
    assert.match(section(failure.text, /^4\. ce0 fails$/).join('\n'), /^ {2}192\.168\.10\.20 +ce0 → ce1:1$/m);
    // Another file of the host previews the edited boot as well: one host, one snapshot.
    assert.equal((await previewOf(hostUri('edit1', 'netmasks'))).text, after.text);

    const closing = notices.mark();
    await client().close(ce0);
    assert.equal(await hostChanged((r) => r === edit1, closing), edit1);
    assert.equal((await previewOf(ce0)).text, before.text, 'closed unsaved: the preview reads the disk again');
  });

  test('an edit of another host notifies that host only; an edit of hosts notifies every host (*)', async () => {
    const web1 = hostUri('web1');
    const db1 = hostUri('db1');
    const db1File = hostUri('db1', 'hostname.bge0');
    const opening = notices.mark();
    await client().open(db1File, 'solaris-hostname', DB1['hostname.bge0']);
    assert.equal(await hostChanged((r) => r === db1 || r === '*', opening), db1);
    const mark = notices.mark();
    await client().change(db1File, 'db1-backup netmask + broadcast + up\n\n');
    assert.equal(await hostChanged((r) => r === db1, mark), db1);
    // Up to db1's notice, nothing else: web1 (nor every host) was told of db1's change.
    assert.deepEqual(notices.seen.slice(mark).map((n) => n.rootUri), [db1]);
    const closingDb1 = notices.mark();
    await client().close(db1File);
    await hostChanged((r) => r === db1, closingDb1);

    const hosts = hostUri('web1', 'hosts');
    const openingHosts = notices.mark();
    await client().open(hosts, 'solaris-hosts', WEB1.hosts);
    // The editor's hosts now counts instead of the disk's, for any host that falls back on it too.
    assert.equal(await hostChanged((r) => r === '*', openingHosts), '*');
    const beforeNames = notices.mark();
    await client().change(hosts, WEB1.hosts.replace('192.168.10.10\tweb1', '192.168.10.30\tweb1'));
    // A hosts file may be another host's fallback: every preview asks again.
    assert.equal(await hostChanged((r) => r === '*' || r === web1, beforeNames), '*');
    const p = await previewOf(hostUri('web1', 'hostname.ce0'));
    assert.deepEqual(table(section(p.text, /^3\. IPMP after boot$/), 'ipmpstat -a  (data addresses)')[1], ['192.168.10.30', 'up', 'prod', 'ce0', 'ce0']);
    const closingHosts = notices.mark();
    await client().close(hosts);
    await hostChanged((r) => r === web1 || r === '*', closingHosts);
  });

  test('a hostname file open in the editor but never saved is part of the preview', async () => {
    const ce2 = hostUri('new1', 'hostname.ce2');
    const opening = notices.mark();
    await client().open(ce2, 'solaris-hostname', 'group prod standby up\n');
    await hostChanged((r) => r === hostUri('new1') || r === '*', opening);
    const p = await previewOf(hostUri('new1', 'hostname.ce0'));
    assert.deepEqual(p.nics.map((n) => `${n.name}:${n.group ?? '-'}`), ['ce0:prod', 'ce1:prod', 'ce2:prod']);
    assert.ok(commands(p.text).includes('ok ifconfig ce2 plumb'), commands(p.text).join('\n'));
    const closing = notices.mark();
    await client().close(ce2);
    await hostChanged((r) => r === hostUri('new1'), closing);
  });
});

// ------------------------------------------------------------------------ code lenses

describe('code lenses: Preview boot and Simulate failure', () => {
  const titles = (lenses: readonly CodeLens[] | null): string[] => (lenses ?? []).map((l) => l.command?.title ?? '');

  async function lensesOf(uri: string, text: string, on: LspTestClient = client()): Promise<CodeLens[]> {
    await on.open(uri, 'solaris-hostname', text);
    try {
      return (await within(on.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), `code lenses of ${uri}`)) ?? [];
    } finally {
      await on.close(uri);
    }
  }

  test('on a NIC in a group: Preview boot [uri] and Simulate failure of ce0 [uri, ce0] on line 1, then the group summary', async () => {
    const uri = hostUri('web1', 'hostname.ce0');
    const lenses = await lensesOf(uri, WEB1['hostname.ce0']);
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(
      lenses.slice(0, 2).map((l) => ({ range: l.range, command: l.command?.command, title: l.command?.title, arguments: l.command?.arguments })),
      [
        { range: top, command: PREVIEW_BOOT, title: 'Preview boot', arguments: [uri] },
        { range: top, command: SIMULATE_FAILURE, title: 'Simulate failure of ce0', arguments: [uri, 'ce0'] },
      ],
    );
    assert.deepEqual(titles(lenses).slice(2), ['group prod: ce0 active (test .11), ce1 active (test .12), probe-based', 'Show topology']);
    // The commands are the extension's: declared in package.json.
    const declared = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    for (const c of [PREVIEW_BOOT, SIMULATE_FAILURE]) assert.ok(declared.includes(c), `${c} not in package.json`);
    // What the lens passes is what the preview request takes.
    const args = lenses[1]!.command!.arguments as [string, string];
    assert.equal((await previewOf(args[0], args[1])).failed, 'ce0');
  });

  test('on the standby of a pair: Simulate failure of e1000g1', async () => {
    const uri = hostUri('db1', 'hostname.e1000g1');
    const lenses = await lensesOf(uri, DB1['hostname.e1000g1']);
    assert.deepEqual(titles(lenses), ['Preview boot', 'Simulate failure of e1000g1', 'group db: e1000g0 active (test .41), e1000g1 standby (test .42), probe-based', 'Show topology']);
    assert.deepEqual(lenses[1]!.command!.arguments, [uri, 'e1000g1']);
  });

  test('on a NIC in no group: Preview boot only; on hosts, netmasks, mpathd: none', async () => {
    const bge0 = hostUri('db1', 'hostname.bge0');
    assert.deepEqual(titles(await lensesOf(bge0, DB1['hostname.bge0'])), ['Preview boot']);
    for (const [file, language] of [
      ['inet/hosts', 'solaris-hosts'],
      ['inet/netmasks', 'solaris-netmasks'],
      ['default/mpathd', 'solaris-mpathd'],
    ] as const) {
      const uri = hostUri('db1', file);
      await client().open(uri, language, DB1[file]);
      const lenses = await within(client().connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), `code lenses of ${file}`);
      await client().close(uri);
      assert.deepEqual(titles(lenses), [], file);
    }
  });

  test('a NIC whose line fails before `group` never joins: no Simulate failure lens for it', async () => {
    const uri = hostUri('web1', 'hostname.ce2');
    const lenses = await lensesOf(uri, 'web1-nosuch-test deprecated -failover netmask + broadcast + group prod up\n');
    assert.equal(titles(lenses)[0], 'Preview boot');
    assert.ok(!titles(lenses).some((t) => t.startsWith('Simulate failure')), titles(lenses).join(' | '));
  });

  test('without clientCommands (another editor): no Preview boot or Simulate failure lens, the group summary stays', async () => {
    await withServer(ws.uri(), {}, async (plain) => {
      const uri = hostUri('web1', 'hostname.ce0');
      const lenses = await lensesOf(uri, WEB1['hostname.ce0'], plain);
      assert.deepEqual(titles(lenses), ['group prod: ce0 active (test .11), ce1 active (test .12), probe-based']);
      assert.deepEqual(lenses.map((l) => l.command?.command ?? ''), [''], 'display-only lenses carry no command');
      // The request itself needs no client commands.
      assert.equal((await preview(uri, 'ce0', plain))?.failed, 'ce0');
    });
  });
});
