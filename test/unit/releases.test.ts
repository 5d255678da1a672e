/**
 * The release targets `illumos` and `s11` (issue 13): the catalogue's order and helpers, the
 * boot of each, and what the rules say — Solaris 11 reads no hostname file, so each gets one
 * `hostname-file-not-read` and nothing else, while hosts, netmasks and default/mpathd are
 * checked as before; illumos reads them as OpenSolaris does, `ipmp` included. Every case under
 * LF and CRLF.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RELEASE,
  RELEASES,
  RELEASE_DESCRIPTIONS,
  RELEASE_LABELS,
  describeReleases,
  readsHostnameFiles,
  releaseBefore,
  releaseGroupLabel,
  releasesFrom,
  type Release,
} from '../../server/src/catalog/releases';
import { findKeyword } from '../../server/src/catalog/keywords';
import { bootInterfaceName } from '../../server/src/engine/boot';
import { renderBootPreview } from '../../server/src/features/bootPreview';
import { findingsFor, toDiagnostics } from '../../server/src/features/diagnostics';
import { parseDocument } from '../../server/src/features/document';
import { analyzeHost } from '../../server/src/features/hostAnalysis';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { RULES } from '../../server/src/rules/registry';
import { EOLS } from './helpers';
import { ROOT, bootOf, commandsOf, filesWithLineBreaks, findingsOf, hostView, ifconfigA, messagesOf, type HostFx } from './engineHelpers';

const CE0 = 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'h1-ce1-test deprecated -failover netmask + broadcast + group prod up\n';
const CE0_FIRST_LINE = 'h1 netmask + broadcast + group prod up \\';
const MPATHD = 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=yes\n';

/** The OpenSolaris-model layout (§6): an IPMP interface owning the data address, link-based members. */
const CLEARVIEW_FILES = { 'hostname.ipmp0': 'ipmp group ipmp0 192.168.10.10/24 up\n', 'hostname.e1000g0': 'group ipmp0 up\n', 'hostname.e1000g1': 'group ipmp0 up\n' };

/** Findings of every file of the host, and the files with a carriage-return finding, for each line ending. */
function expectHost(name: string, fx: HostFx, expected: { findings: string[]; carriageReturns?: (crlfFiles: string[]) => string[] }): void {
  for (const eol of EOLS) {
    test(`${name} [${eol}]`, () => {
      const { findings, carriageReturns } = findingsOf(fx, eol);
      assert.deepEqual(findings, expected.findings);
      const crlf = eol === 'CRLF' ? filesWithLineBreaks(fx) : [];
      assert.deepEqual(carriageReturns, expected.carriageReturns ? expected.carriageReturns(crlf) : crlf, 'carriage-return findings');
    });
  }
}

const notHostnameFile = (files: string[]): string[] => files.filter((f) => !/^(hostname6?|dhcp)\./.test(f));

describe('releases: the catalogue', () => {
  test('order is age, the new targets after OpenSolaris', () => {
    assert.deepEqual([...RELEASES], ['s8', 's9', 's10-early', 's10', 'osol', 'illumos', 's11']);
    assert.equal(DEFAULT_RELEASE, 's10');
    assert.ok(releaseBefore('osol', 'illumos') && releaseBefore('illumos', 's11') && !releaseBefore('s11', 'osol'));
    assert.deepEqual(releasesFrom('osol'), ['osol', 'illumos', 's11']);
  });

  test('every release has a label and a description naming what it means', () => {
    for (const r of RELEASES) {
      assert.ok(RELEASE_LABELS[r].length > 0, r);
      assert.match(RELEASE_DESCRIPTIONS[r], /\.$/, r);
    }
    assert.match(RELEASE_DESCRIPTIONS.illumos, /OpenIndiana/);
    assert.match(RELEASE_DESCRIPTIONS.illumos, /hostname files are read/);
    assert.match(RELEASE_DESCRIPTIONS.s11, /no hostname, hostname6 or dhcp file is read/);
    assert.match(RELEASE_DESCRIPTIONS.s11, /ipadm/);
  });

  test('only Solaris 11 reads no hostname files', () => {
    assert.deepEqual(RELEASES.filter((r) => !readsHostnameFiles(r)), ['s11']);
  });

  test('ipmp is a keyword from OpenSolaris on: illumos and Solaris 11 included', () => {
    const ipmp = findKeyword('ipmp')!;
    assert.deepEqual(ipmp.releases, ['osol', 'illumos', 's11']);
    assert.equal(describeReleases(ipmp.releases), 'OpenSolaris / Solaris 11 Express and later');
    // Keywords of every release stay "all releases".
    assert.equal(describeReleases(findKeyword('up')!.releases), 'all releases');
  });

  test('group labels of the "By release" list', () => {
    const cases: [Release[], string][] = [
      [['s8', 's9', 's10-early', 's10'], 'Solaris 8–10'],
      [['s9', 's10-early', 's10'], 'Solaris 9–10'],
      [['s10-early', 's10'], 'Solaris 10'],
      [['s8', 's9', 's10-early'], 'Solaris 8, Solaris 9, Solaris 10 3/05–11/06'],
      [['osol', 'illumos', 's11'], 'OpenSolaris, illumos, Solaris 11'],
      [['s11'], 'Solaris 11'],
      [['s10', 'osol', 'illumos', 's11'], 'Solaris 10 8/07+, OpenSolaris, illumos, Solaris 11'],
      [['illumos', 'osol'], 'OpenSolaris, illumos'],
    ];
    for (const [releases, label] of cases) assert.equal(releaseGroupLabel(releases), label, releases.join(','));
  });

  test('hostname-file-not-read is a warning of the registry', () => {
    assert.equal(RULES.get('hostname-file-not-read')?.severity, 'warning');
  });
});

describe('Solaris 11: hostname files are not read', () => {
  expectHost(
    'probe-based group: each interface file gets one finding on its first line, hosts, netmasks and mpathd none',
    { release: 's11', files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 }, mpathd: MPATHD },
    {
      findings: [`hostname.ce0: hostname-file-not-read: ${CE0_FIRST_LINE}`, `hostname.ce1: hostname-file-not-read: ${CE1.trimEnd()}`],
      // The CR of a file nothing reads does not matter; hosts, netmasks and mpathd keep theirs.
      carriageReturns: notHostnameFile,
    },
  );

  expectHost(
    'a file full of mistakes gets only the one finding',
    {
      release: 's11',
      files: {
        'hostname.ce0': '# primary NIC\nh1 netmask + broadcast + UP\naddif nosuch deprecated up',
        'hostname.ce1': 'h1-ce1-test -failover group Prod up\n',
        'hostname.ce0old1': 'h1\n',
        'hostname.ipmp0': 'ipmp group prod h1 up\n',
      },
    },
    {
      findings: [
        'hostname.ce0: hostname-file-not-read: # primary NIC',
        'hostname.ce1: hostname-file-not-read: h1-ce1-test -failover group Prod up',
        'hostname.ce0old1: hostname-file-not-read: h1',
        'hostname.ipmp0: hostname-file-not-read: ipmp group prod h1 up',
      ],
      carriageReturns: notHostnameFile,
    },
  );

  expectHost(
    'hostname6 and dhcp files too, an empty file on its empty first line',
    { release: 's11', files: { 'hostname.bge0': '', 'dhcp.bge0': 'primary\nwait 60\n', 'hostname6.bge0': '-failover group v6 up\n' } },
    {
      findings: ['hostname.bge0: hostname-file-not-read: ', 'dhcp.bge0: hostname-file-not-read: primary', 'hostname6.bge0: hostname-file-not-read: -failover group v6 up'],
      carriageReturns: notHostnameFile,
    },
  );

  expectHost(
    "hosts, netmasks and default/mpathd keep their rules",
    {
      release: 's11',
      files: { 'hostname.ce0': 'h1\n' },
      hosts: '127.0.0.1 localhost\n192.168.10.10 h1 loghost\n192.168.10.11 -bad\n',
      netmasks: '192.168.10.5 255.255.255.0\n',
      mpathd: 'FAILURE_DETECTION_TIME=10\n',
    },
    {
      findings: [
        'hostname.ce0: hostname-file-not-read: h1',
        'hosts: invalid-host-name: -bad',
        'netmasks: netmask-key-mismatch: 192.168.10.5',
        'default/mpathd: detection-time-units: 10',
      ],
      carriageReturns: notHostnameFile,
    },
  );

  expectHost(
    'a name mapped twice in hosts is no problem when no hostname file is read',
    { release: 's11', files: { 'hostname.ce0': 'h1\n' }, hosts: '127.0.0.1 localhost\n192.168.10.10 h1 loghost\n192.168.10.99 h1\n' },
    { findings: ['hostname.ce0: hostname-file-not-read: h1'], carriageReturns: notHostnameFile },
  );

  expectHost('a host without interface files is clean', { release: 's11', files: {}, mpathd: MPATHD }, { findings: [] });

  for (const eol of EOLS) {
    test(`the IPMP picture and the host-wide findings are empty [${eol}]`, () => {
      const { view } = hostView({ release: 's11', files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test -failover group Prod up\n' } }, eol);
      const analysis = analyzeHost(view, 's11');
      assert.deepEqual([...analysis.model.interfaces.keys()], ['lo0'], 'no interface of the files in the IPMP picture');
      assert.equal(analysis.model.groups.size, 0, 'no group');
      assert.deepEqual(analysis.hostFindings, [], 'no host-wide finding');
    });

    test(`the message names the file kind and the conversion, with the default severity [${eol}]`, () => {
      const files = { 'hostname.ce0': 'h1\n', 'hostname6.ce0': '\n', 'dhcp.ce0': 'primary\n' };
      const { view, texts } = hostView({ release: 's11', files }, eol);
      const messages = Object.keys(files).map((name) => {
        const uri = `${ROOT}/${name}`;
        const found = findingsFor(parseDocument(uri, new URL(uri).pathname, 'hostname', texts.get(uri)!), view, { ...DEFAULT_SETTINGS, release: 's11' });
        assert.equal(found.length, 1, name);
        assert.equal(found[0]!.severity, undefined, 'the registry default (warning)');
        assert.equal(found[0]!.fixes, undefined);
        return found[0]!.message;
      });
      assert.deepEqual(messages, [
        "Solaris 11 does not read hostname files: this interface is configured with ipadm (run 'Convert Host to Solaris 11 ipadm'), and nothing in this file takes effect.",
        "Solaris 11 does not read hostname6 files: this interface is configured with ipadm (run 'Convert Host to Solaris 11 ipadm'), and nothing in this file takes effect.",
        "Solaris 11 does not read dhcp.<if> files: this interface is configured with ipadm (run 'Convert Host to Solaris 11 ipadm'), and nothing in this file takes effect.",
      ]);
    });

    test(`the user's settings apply: off, or another severity [${eol}]`, () => {
      const { view, texts } = hostView({ release: 's11', files: { 'hostname.ce0': 'h1\n' } }, eol);
      const uri = `${ROOT}/hostname.ce0`;
      const doc = parseDocument(uri, new URL(uri).pathname, 'hostname', texts.get(uri)!);
      assert.deepEqual(findingsFor(doc, view, { ...DEFAULT_SETTINGS, release: 's11', ignore: { '**/hostname.ce0': ['hostname-file-not-read'] } }, ['srv/e1/etc/hostname.ce0']), []);
      const diagnostics = toDiagnostics(findingsFor(doc, view, { ...DEFAULT_SETTINGS, release: 's11', rules: { 'hostname-file-not-read': 'info' } }), { ...DEFAULT_SETTINGS, rules: { 'hostname-file-not-read': 'info' } }, 'hostname');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.source]), [['hostname-file-not-read', 3, 'ipmp']]);
    });
  }
});

describe('the same files on the releases that read them: no hostname-file-not-read', () => {
  for (const release of ['s10', 'osol', 'illumos'] as const) {
    expectHost(`probe-based active-active on ${release}`, { release, files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 }, mpathd: MPATHD }, { findings: [] });
  }
  expectHost(
    "the duplicate hosts name is flagged where a hostname file uses it (Solaris 10)",
    { release: 's10', files: { 'hostname.ce0': 'h1\n' }, hosts: '127.0.0.1 localhost\n192.168.10.10 h1 loghost\n192.168.10.99 h1\n' },
    { findings: ['hosts: duplicate-host-name: h1'] },
  );
});

describe('illumos reads hostname files as OpenSolaris does', () => {
  expectHost('an IPMP interface file and its link-based members are clean', { release: 'illumos', files: CLEARVIEW_FILES, hosts: null, netmasks: '' }, { findings: [] });
  expectHost(
    'the same files on Solaris 10 are Solaris 11 syntax',
    { release: 's10', files: CLEARVIEW_FILES, hosts: null, netmasks: '' },
    { findings: ['hostname.ipmp0: solaris11-syntax: ipmp group ipmp0 192.168.10.10/24 up', 'hostname.ipmp0: solaris11-syntax: ipmp'] },
  );
  expectHost(
    '-failover implies deprecated: a test address without it is fine',
    { release: 'illumos', files: { 'hostname.ce0': CE0, 'hostname.ce1': 'h1-ce1-test -failover netmask + broadcast + group prod up\n' } },
    { findings: [] },
  );

  for (const eol of EOLS) {
    test(`the IPMP interface is created and the group formed [${eol}]`, () => {
      const r = bootOf({ release: 'illumos', files: CLEARVIEW_FILES, hosts: null, netmasks: '' }, eol);
      assert.ok(ifconfigA(r.state).some((l) => l.startsWith('ipmp0 inet 192.168.10.10/24')), ifconfigA(r.state).join('\n'));
      assert.ok(!messagesOf(r).some((m) => /Failed/.test(m)), messagesOf(r).join('\n'));
    });
  }

  test('a dotted backup copy ending in a digit is plumbed there, and fails (only IP tunnels are skipped)', () => {
    assert.equal(bootInterfaceName('hostname.ce0.bak1', 'hostname', 'illumos'), 'ce0.bak1');
    assert.equal(bootInterfaceName('hostname.ce0.bak1', 'hostname', 'osol'), undefined);
    assert.equal(bootInterfaceName('hostname.ce0.bak1', 'hostname', 's10'), undefined);
    assert.equal(bootInterfaceName('hostname.ip.tun0', 'hostname', 'illumos'), undefined);
    assert.equal(bootInterfaceName('hostname.ce0.bak', 'hostname', 'illumos'), undefined, 'no digit at the end: not globbed');
    assert.equal(bootInterfaceName('hostname.xx0', 'hostname', 'illumos'), 'xx0', 'no xx0 rule');
    assert.equal(bootInterfaceName('hostname6.ce0.bak1', 'hostname6', 'illumos'), 'ce0.bak1');
    assert.equal(bootInterfaceName('dhcp.ce0.bak1', 'dhcp', 'illumos'), undefined, 'the DHCP loop does not join the parts');
  });

  expectHost(
    'ignored-file warns on illumos for hostname.ce0.bak1',
    { release: 'illumos', files: { 'hostname.ce0': 'h1\n', 'hostname.ce0.bak1': 'h1\n' } },
    { findings: ['hostname.ce0.bak1: ignored-file: h1'] },
  );
  for (const eol of EOLS) {
    test(`hostname.ce0.bak1: a warning that says why on illumos, the info elsewhere [${eol}]`, () => {
      const fx: HostFx = { files: { 'hostname.ce0': 'h1\n', 'hostname.ce0.bak1': 'h1\n' } };
      const r = bootOf({ ...fx, release: 'illumos' }, eol);
      assert.ok(messagesOf(r).includes('Failed to plumb IPv4 interface(s): ce0.bak1'), messagesOf(r).join('\n'));
      const s10 = bootOf({ ...fx, release: 's10' }, eol);
      assert.ok(!messagesOf(s10).some((m) => /Failed/.test(m)));
    });
  }
});

describe('the Solaris 11 boot: lo0 from ipadm, nothing from the files', () => {
  for (const eol of EOLS) {
    test(`commands, interfaces and the message of its own [${eol}]`, () => {
      const fx: HostFx = { release: 's11', files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1, 'hostname6.ce0': '\n', 'dhcp.ce2': 'primary\n' }, mpathd: MPATHD };
      const r = bootOf(fx, eol);
      assert.deepEqual(commandsOf(r), ['/usr/sbin/ipadm enable-if -t lo0', 'ifconfig -auD4 netmask + broadcast +']);
      assert.deepEqual(ifconfigA(r.state, { loopback: true }), ['lo0: VIRTUAL', 'lo0 inet 127.0.0.1/8 UP', 'lo0 inet6 ::1/64 UP']);
      const messages = messagesOf(r);
      assert.equal(messages.length, 1);
      assert.match(messages[0]!, /^\(Solaris 11 reads its network configuration from ipadm \(\/etc\/ipadm\/ipadm\.conf\), not from hostname files: dhcp\.ce2, hostname\.ce0, hostname\.ce1, hostname6\.ce0 are not read/);
      assert.equal(r.mpathd.running, false);
      assert.equal(r.release, 's11');
      // The preview shows it.
      const preview = renderBootPreview(r, { host: 'web1/etc' });
      assert.match(preview, /Solaris 11 \(11\/11 and later\)/);
      assert.match(preview, /ipadm enable-if -t lo0/);
      assert.match(preview, /not from hostname files/);
    });

    test(`without interface files, the message without a list [${eol}]`, () => {
      const r = bootOf({ release: 's11', files: {} }, eol);
      assert.deepEqual(messagesOf(r), ['(Solaris 11 reads its network configuration from ipadm (/etc/ipadm/ipadm.conf), not from hostname files.)']);
    });
  }

  test('the same files on OpenSolaris and illumos are plumbed', () => {
    for (const release of ['osol', 'illumos'] as const) {
      const r = bootOf({ release, files: { 'hostname.ce0': CE0, 'hostname.ce1': CE1 } });
      assert.deepEqual(ifconfigA(r.state).filter((l) => l.endsWith(':') || l.includes(' group=')), ['ce0: group=prod', 'ce1: group=prod'], release);
    }
  });
});
