/**
 * Solaris 10 files → Solaris 11 ipadm script. The reference layouts (§3.7) and the published
 * configurations (test/fixtures/published/<name>/solaris11-ipadm.txt, each line tagged with
 * the Oracle Solaris 11 section it follows) are checked line by line; every conversion is read
 * back as Solaris 11 would run it and must give the same groups, members, standbys, data and
 * test addresses as the engine's Solaris 10 boot (round trip), for generated hosts too.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { convertToIpadm, type IpadmConversion } from '../../server/src/features/convert';
import { LanguageService, conversionSource } from '../../server/src/languageService';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { EOLS } from './helpers';
import { bootOf, HOSTS, type HostFx } from './engineHelpers';
import { commandLines, normalized, readIpadmScript, solaris10Result } from './ipadmScript';
import { runs } from './propertyHelpers';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'published');
const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function convert(fx: HostFx, eol: 'LF' | 'CRLF' = 'LF', links?: Map<string, string>): IpadmConversion {
  return convertToIpadm(bootOf(fx, eol), { host: 'h1/etc', links, fileLabel: (u) => u.split('/').pop()!, mpathd: undefined });
}

/** The conversion read back as Solaris 11 runs it equals the Solaris 10 boot's result. */
function assertRoundTrip(fx: HostFx, conversion: IpadmConversion): void {
  const ipmpOf = new Map(conversion.groups.map((g) => [g.group, g.ipmpInterface]));
  const booted = solaris10Result(bootOf(fx).state, (g) => ipmpOf.get(g) ?? `?${g}`);
  assert.deepEqual(normalized(readIpadmScript(conversion.text)), normalized(booted), conversion.text);
}

const ACTIVE_ACTIVE = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';

/**
 * Reference §3.7, each against the Oracle Solaris 11.3 book "Administering TCP/IP Networks,
 * IPMP, and IP Tunnels" (E54741): [ADD-GROUP] "How to Configure an Active-Active IPMP Group" /
 * "How to Configure an Active-Standby IPMP Group" (gfyeh, Example 18); [ADDR] "Adding IP
 * Addresses to an IPMP Group" (gfirl); [V6TEST] Solaris 10 "IPv6 Test Addresses" (816-4554)
 * with reference §6; [TRANSITIVE] Solaris 11.4 "transitive probing" (E60991 gldcc).
 */
const LAYOUTS: Record<string, { fx: HostFx; commands: string[]; notes?: RegExp[] }> = {
  'probe-based active-active': {
    fx: { files: { 'hostname.ce0': ACTIVE_ACTIVE, 'hostname.ce1': 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n' } },
    commands: [
      'ipadm create-ip "$ce0"', // [ADD-GROUP] step: create the IP interfaces
      'ipadm create-ip "$ce1"',
      'ipadm create-ipmp -i "$ce0" -i "$ce1" ipmp0', // [ADD-GROUP] the IPMP interface over them
      'ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data', // [ADDR] data address on the IPMP interface
      'ipadm create-addr -T static -a 192.168.10.11/24 "$ce0"/v4test', // [ADDR] test addresses on the underlying ones
      'ipadm create-addr -T static -a 192.168.10.12/24 "$ce1"/v4test',
    ],
  },
  'active-standby': {
    fx: { files: { 'hostname.ce0': ACTIVE_ACTIVE, 'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n' } },
    commands: [
      'ipadm create-ip "$ce0"',
      'ipadm create-ip "$ce1"',
      'ipadm create-ipmp -i "$ce0" -i "$ce1" ipmp0',
      'ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data',
      'ipadm create-addr -T static -a 192.168.10.11/24 "$ce0"/v4test',
      'ipadm create-addr -T static -a 192.168.10.12/24 "$ce1"/v4test',
      'ipadm set-ifprop -p standby=on -m ip "$ce1"', // [ADD-GROUP] gfyeh step 6, Example 18
    ],
  },
  'link-based': {
    fx: { files: { 'hostname.e1000g0': 'h1 netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' } },
    commands: ['ipadm create-ip "$e1000g0"', 'ipadm create-ip "$e1000g1"', 'ipadm create-ipmp -i "$e1000g0" -i "$e1000g1" ipmp0', 'ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data'],
    // [TRANSITIVE] offered as a comment only: Solaris 10 had no such probing.
    notes: [/transitive-probing=true/],
  },
  'IPv6 link-local test addresses': {
    fx: { files: { 'hostname.ce0': 'h1 netmask + broadcast + group prod up\n', 'hostname.ce1': 'group prod up\n', 'hostname6.ce0': '-failover group prod up\n', 'hostname6.ce1': '-failover group prod up\n' } },
    commands: [
      'ipadm create-ip "$ce0"',
      'ipadm create-ip "$ce1"',
      'ipadm create-ipmp -i "$ce0" -i "$ce1" ipmp0',
      'ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data',
      'ipadm create-addr -T addrconf "$ce0"/v6', // [V6TEST] the link-local address is the test address
      'ipadm create-addr -T addrconf "$ce1"/v6',
    ],
  },
};

describe('convert to Solaris 11: the reference layouts, line by line', () => {
  for (const [name, { fx, commands, notes }] of Object.entries(LAYOUTS)) {
    for (const eol of EOLS) {
      test(`${name} (${eol})`, () => {
        const c = convert(fx, eol);
        assert.deepEqual(commandLines(c.text), commands);
        for (const note of notes ?? []) assert.match(c.text, note);
        assert.deepEqual(c.notConverted, []);
        assertRoundTrip(fx, c);
      });
    }
  }

  test('the script starts with the shell, set -e, and looks every device up in dladm show-phys', () => {
    const c = convert(LAYOUTS['active-standby']!.fx);
    const lines = c.text.split('\n');
    assert.equal(lines[0], '#!/bin/sh');
    assert.ok(lines.includes('set -e'));
    assert.ok(lines.includes('ce0=$(link_of ce0)') && lines.includes('ce1=$(link_of ce1)'));
    assert.match(c.text, /dladm show-phys -p -o link,device/);
    assert.deepEqual(c.links, [
      { device: 'ce0', link: '$ce0', lookedUp: true },
      { device: 'ce1', link: '$ce1', lookedUp: true },
    ]);
  });

  test('--link names a device\'s Solaris 11 link: used as it is, no lookup for it', () => {
    const c = convert(LAYOUTS['active-standby']!.fx, 'LF', new Map([['ce0', 'net0'], ['ce1', 'net1']]));
    assert.deepEqual(commandLines(c.text).slice(0, 3), ['ipadm create-ip net0', 'ipadm create-ip net1', 'ipadm create-ipmp -i net0 -i net1 ipmp0']);
    assert.ok(!c.text.includes('link_of'));
    assert.match(c.text, /ipadm create-ip net0 +# ce0 on Solaris 10/);
  });
});

describe('convert to Solaris 11: what has no equivalent, and the details', () => {
  test('names become the addresses hosts gives them, named in the comment with their line', () => {
    const c = convert(LAYOUTS['active-standby']!.fx);
    assert.match(c.text, /-a 192\.168\.10\.10\/24 ipmp0\/v4data +# h1; data address of ce0 — hostname\.ce0 line 1/);
  });

  test('a group name that is an interface name stays the IPMP interface; another becomes ipmpN', () => {
    const c = convert({ files: { 'hostname.ce0': 'h1 netmask + broadcast + group web1 up\n', 'hostname.ce1': 'h1-other netmask + broadcast + group prod up\n' } });
    assert.deepEqual(
      c.groups.map((g) => `${g.group}→${g.ipmpInterface}`),
      ['web1→web1', 'prod→ipmp0'],
    );
    assert.match(c.text, /Solaris 11 names a group after its IPMP interface, here\s+# ipmp0/);
  });

  test('trailers, a tunnel keyword and a line Solaris 10 fails on are listed with the reason; -arp stays out of a group', () => {
    const c = convert({ files: { 'hostname.ce0': 'h1 netmask + broadcast + -arp trailers group prod up\n', 'hostname.ce1': 'group prod up\n', 'hostname.bge0': 'h1-other netmask + up\nadd 1.2.3.4\n' } });
    const listed = c.notConverted.map((n) => `${n.source ? `${n.source.file}:${n.source.line} ` : ''}${n.what}`);
    assert.ok(listed.includes('hostname.ce0:1 trailers on ce0'), listed.join('\n'));
    assert.ok(listed.includes('-arp on ce0'), listed.join('\n'));
    assert.ok(listed.some((l) => l.startsWith('hostname.bge0:2 the rest of this line')), listed.join('\n'));
    assert.match(c.text, /# Not converted: no Solaris 11 equivalent/);
    assert.ok(!commandLines(c.text).some((l) => l.includes('arp=off')));
  });

  test('-arp, mtu and router outside a group; router in a group is set on its IPMP interface', () => {
    const c = convert({ files: { 'hostname.bge0': 'h1-other netmask + -arp mtu 9000 router up\n', 'hostname.ce0': 'h1 netmask + group prod router up\n', 'hostname.ce1': 'group prod up\n' } });
    const lines = commandLines(c.text);
    assert.ok(lines.includes('ipadm set-ifprop -p arp=off -m ipv4 "$bge0"'), lines.join('\n'));
    assert.ok(lines.includes('ipadm set-ifprop -p mtu=9000 -m ipv4 "$bge0"'));
    assert.ok(lines.includes('ipadm set-ifprop -p forwarding=on -m ipv4 "$bge0"'));
    assert.ok(lines.includes('ipadm set-ifprop -p forwarding=on -m ipv4 ipmp0'));
  });

  test('an address left down is created down (-d); private and -xmit become address properties', () => {
    const c = convert({ files: { 'hostname.bge0': 'h1-other netmask + broadcast + up\naddif 192.168.20.11 netmask + private -xmit\n' } });
    const lines = commandLines(c.text);
    assert.ok(lines.includes('ipadm create-addr -T static -d -a 192.168.20.11/24 "$bge0"/v4a2'), lines.join('\n'));
    assert.ok(lines.includes('ipadm set-addrprop -p private=on,transmit=off "$bge0"/v4a2'));
  });

  test('DHCP: wait from dhcp.<if> becomes -w; primary is listed for the admin to check', () => {
    const c = convert({ files: { 'hostname.bge1': '', 'dhcp.bge1': 'primary wait 30\n' } });
    assert.ok(commandLines(c.text).includes('ipadm create-addr -T dhcp -w 30 "$bge1"/dhcp'), c.text);
    assert.ok(c.notConverted.some((n) => n.what === 'primary on bge1' && n.source?.file === 'dhcp.bge1'));
  });

  test('a Solaris 10 VLAN (ce123000) becomes dladm create-vlan over its device', () => {
    const c = convert({ files: { 'hostname.ce123000': 'h1-data2 netmask + up\n' } });
    assert.deepEqual(commandLines(c.text), ['dladm create-vlan -l "$ce0" -v 123 ce123000', 'ipadm create-ip ce123000', 'ipadm create-addr -T static -a 192.168.10.20/24 ce123000/v4']);
  });

  test('default/mpathd: only settings that differ from the defaults, as in.mpathd reads them, then SIGHUP', () => {
    const fx: HostFx = { files: { 'hostname.ce0': ACTIVE_ACTIVE }, mpathd: 'FAILURE_DETECTION_TIME=20\nFAILBACK=nothing\n' };
    const c = convertToIpadm(bootOf(fx), { host: 'h1/etc', fileLabel: (u) => u.split('/').pop()! });
    const lines = commandLines(c.text);
    // 20 ms is raised to in.mpathd's minimum of 100; "nothing" starts with "no" (§3.9).
    assert.deepEqual(lines.slice(-3), ['mpathd_set FAILURE_DETECTION_TIME 100', 'mpathd_set FAILBACK no', 'pkill -HUP in.mpathd']);
    assert.equal(readIpadmScript(c.text).mpathd.get('FAILBACK'), 'no');
    const plain = convert({ files: { 'hostname.ce0': ACTIVE_ACTIVE }, mpathd: 'FAILBACK=yes\n' });
    assert.ok(!plain.text.includes('mpathd_set'));
  });

  test('OpenSolaris hostname.ipmp0: the IPMP interface keeps its name and its data addresses', () => {
    const fx: HostFx = {
      release: 'osol',
      files: { 'hostname.ipmp0': 'ipmp group prod h1 netmask + broadcast + up\n', 'hostname.ce0': 'group prod -failover h1-ce0-test netmask + broadcast + up\n', 'hostname.ce1': 'group prod -failover h1-ce1-test netmask + broadcast + up\n' },
    };
    const c = convert(fx);
    assert.deepEqual(c.groups.map((g) => g.ipmpInterface), ['ipmp0']);
    assert.ok(commandLines(c.text).includes('ipadm create-addr -T static -a 192.168.10.10/24 ipmp0/v4data'), c.text);
    assertRoundTrip(fx, c);
  });

  test('a host without interfaces gets a script that says so', () => {
    const c = convert({ files: {} });
    assert.deepEqual(commandLines(c.text), []);
    assert.match(c.text, /configure no interface/);
  });

  test('Solaris 11 reads no hostname files: its hosts convert as Solaris 10 ones', () => {
    assert.equal(conversionSource('s11'), 's10');
    assert.equal(conversionSource('osol'), 'osol');
  });
});

describe('convert to Solaris 11: the published configurations, line by line', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    test(name, async () => {
      const expected = readFileSync(path.join(FIXTURES, name, 'solaris11-ipadm.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => l.replace(/\s+#.*$/, ''));
      const service = new LanguageService(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
      const uri = pathToFileURL(path.join(FIXTURES, name, 'etc', 'hosts')).toString();
      const c = await service.convert(uri, 's10');
      assert.deepEqual(commandLines(c.text), expected);
      const analysis = await service.hostAnalysis(uri, 's10');
      const ipmpOf = new Map(c.groups.map((g) => [g.group, g.ipmpInterface]));
      assert.deepEqual(normalized(readIpadmScript(c.text)), normalized(solaris10Result(analysis.model.boot.state, (g) => ipmpOf.get(g)!)));
    });
  }

  test('the example workspace: every host round-trips', async () => {
    const service = new LanguageService(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
    for (const host of readdirSync(EXAMPLES).filter((h) => !h.includes('.'))) {
      const uri = pathToFileURL(path.join(EXAMPLES, host, 'etc', 'hosts')).toString();
      const c = await service.convert(uri, 's10');
      const analysis = await service.hostAnalysis(uri, 's10');
      const ipmpOf = new Map(c.groups.map((g) => [g.group, g.ipmpInterface]));
      assert.deepEqual(normalized(readIpadmScript(c.text)), normalized(solaris10Result(analysis.model.boot.state, (g) => ipmpOf.get(g)!)), host);
    }
  });
});

describe('convert to Solaris 11: round trip on generated hosts', () => {
  const NICS = ['ce0', 'ce1', 'ce2', 'bge0', 'bge1'];
  const TESTS = ['h1-ce0-test', 'h1-ce1-test', 'h1-ce2-test', '192.168.10.14', '192.168.10.15'];
  /** One NIC's hostname file in one of the §3.7 shapes (or a plain interface). */
  const nicFile = (i: number, group: string | undefined) =>
    fc.constantFrom('data+test', 'test', 'test-standby', 'data', 'empty', 'data+v6').map((shape) => {
      const g = group ? ` group ${group}` : '';
      const test = TESTS[i]!;
      const data = i === 0 ? 'h1' : i === 1 ? 'h1-data2' : `192.168.10.${30 + i}`;
      const files: Record<string, string> = {};
      const nic = NICS[i]!;
      switch (shape) {
        case 'data+test':
          files[`hostname.${nic}`] = `${data} netmask + broadcast +${g} up \\\naddif ${test} deprecated -failover netmask + broadcast + up\n`;
          break;
        case 'test':
          files[`hostname.${nic}`] = `${test} netmask + broadcast + deprecated -failover${g} up\n`;
          break;
        case 'test-standby':
          files[`hostname.${nic}`] = `${test} netmask + broadcast + deprecated -failover${g}${group ? ' standby' : ''} up\n`;
          break;
        case 'data':
          files[`hostname.${nic}`] = `${data} netmask + broadcast +${g} up\n`;
          break;
        case 'empty':
          files[`hostname.${nic}`] = group ? `${g.trim()} up\n` : '';
          break;
        case 'data+v6':
          files[`hostname.${nic}`] = `${data} netmask + broadcast +${g} up\n`;
          files[`hostname6.${nic}`] = `-failover${g} up\n`;
          break;
      }
      return files;
    });
  const host = fc
    .tuple(fc.integer({ min: 1, max: NICS.length }), fc.array(fc.constantFrom<string | undefined>('prod', 'back1', undefined), { minLength: NICS.length, maxLength: NICS.length }))
    .chain(([count, groups]) => fc.tuple(...Array.from({ length: count }, (_, i) => nicFile(i, groups[i]))))
    .map((parts): HostFx => ({ files: Object.assign({}, ...parts), hosts: HOSTS }));

  test('the script read as Solaris 11 runs it has the groups, members, standbys, data and test addresses of the Solaris 10 boot', () => {
    fc.assert(
      fc.property(host, (fx) => {
        assertRoundTrip(fx, convert(fx));
      }),
      runs(1313, 200),
    );
  });
});
