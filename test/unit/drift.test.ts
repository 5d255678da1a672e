/**
 * Drift (engine/drift.ts, rules/driftRules.ts): a capture of the running system against the
 * simulated boot of the host's files. Each case: the host's files and an `ifconfig -a`
 * capture, the drift findings every file gets, and — where there is one — the quick fix
 * applied, after which the host is in step with what runs. Every case runs with LF and CRLF
 * line endings on the boot files and on the capture (a capture saved on Windows reads the same).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingsFor } from '../../server/src/features/diagnostics';
import { parseDocument } from '../../server/src/features/document';
import { analyzeHost } from '../../server/src/features/hostAnalysis';
import type { HostView } from '../../server/src/features/hostView';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import type { Finding } from '../../server/src/rules/types';
import { parseIfconfigCapture, parseIpmpstatCapture } from '../../server/src/syntax/capture';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { hostView, ROOT, type HostFx } from './engineHelpers';
import { applyEdits, EOLS, textIn, withEol, type Eol } from './helpers';

const CAPTURE_URI = 'file:///srv/e1/ifconfig-a.txt';
const IPMPSTAT_URI = 'file:///srv/e1/ipmpstat.txt';

/** Active-active: data address on ce0, a test address on each NIC (the reference's first layout). */
const ACTIVE_ACTIVE: HostFx = {
  files: {
    'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n',
    'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod up\n',
  },
};

const LO0 = `lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1
\tinet 127.0.0.1 netmask ff000000 
`;

/** What ACTIVE_ACTIVE runs after its boot, as `ifconfig -a` prints it. */
const IN_STEP = `${LO0}ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255
\tgroupname prod
\tether 0:3:ba:11:22:33 
ce0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
\tinet 192.168.10.11 netmask ffffff00 broadcast 192.168.10.255
ce1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3
\tinet 192.168.10.12 netmask ffffff00 broadcast 192.168.10.255
\tgroupname prod
\tether 0:3:ba:11:22:34 
`;

interface Live {
  readonly ifconfig: string;
  readonly ipmpstat?: string;
}

/** The host with its capture, every text with the line ending asked for. */
function withLive(fx: HostFx, live: Live, eol: Eol): { view: HostView; texts: Map<string, string> } {
  const { view, texts } = hostView(fx, eol);
  const ifconfig = withEol(live.ifconfig, eol);
  texts.set(CAPTURE_URI, ifconfig);
  const ipmpstat = live.ipmpstat === undefined ? undefined : withEol(live.ipmpstat, eol);
  if (ipmpstat !== undefined) texts.set(IPMPSTAT_URI, ipmpstat);
  return {
    view: {
      ...view,
      live: {
        ifconfig: { uri: CAPTURE_URI, label: 'ifconfig-a.txt', file: parseIfconfigCapture(ifconfig) },
        ipmpstat: ipmpstat === undefined ? undefined : { uri: IPMPSTAT_URI, label: 'ipmpstat.txt', file: parseIpmpstatCapture(ipmpstat) },
      },
    },
    texts,
  };
}

interface DriftOf {
  /** `file: rule: covered text` for every drift finding, boot files first, then the capture. */
  readonly lines: string[];
  /** The findings with the file they are on. */
  readonly findings: { uri: string; finding: Finding }[];
  readonly view: HostView;
  readonly texts: Map<string, string>;
}

const SETTINGS = { ...DEFAULT_SETTINGS, release: 's10' as const };

function driftOf(fx: HostFx, live: Live, eol: Eol): DriftOf {
  const { view, texts } = withLive(fx, live, eol);
  const lines: string[] = [];
  const findings: { uri: string; finding: Finding }[] = [];
  for (const iface of view.interfaces) {
    const text = texts.get(iface.uri)!;
    const path = new URL(iface.uri).pathname;
    for (const f of findingsFor(parseDocument(iface.uri, path, 'hostname', text), view, SETTINGS)) {
      if (!f.rule.startsWith('drift-')) continue;
      lines.push(`${iface.baseName}: ${f.rule}: ${textIn(text, f.range).replace(/\r?\n/g, '⏎')}`);
      findings.push({ uri: iface.uri, finding: f });
    }
  }
  for (const f of analyzeHost(view, 's10').hostFindings) {
    if (f.uri !== CAPTURE_URI) continue;
    lines.push(`ifconfig-a.txt: ${f.rule}: line ${f.range.start.line + 1}`);
    findings.push({ uri: CAPTURE_URI, finding: f });
  }
  return { lines, findings, view, texts };
}

/** The host's files after a fix: edited, and created where the fix makes a file. */
function afterFix(fx: HostFx, result: DriftOf, finding: Finding, eol: Eol): HostFx {
  const fix = finding.fixes?.[0];
  assert.ok(fix, `${finding.rule} has a quick fix`);
  const files = { ...fx.files };
  for (const edit of fix.edits) {
    const name = edit.uri.slice(ROOT.length + 1);
    const before = edit.create ? '' : result.texts.get(edit.uri);
    assert.ok(before !== undefined, `the fix edits a file of the host: ${edit.uri}`);
    // Back to LF: hostView applies the case's line ending again.
    files[name] = applyEdits(before, edit.edits).replace(/\r\n/g, '\n');
  }
  return { ...fx, files };
}

function eachEol(name: string, body: (eol: Eol) => void): void {
  for (const eol of EOLS) test(`${name} [${eol}]`, () => body(eol));
}

describe('drift: what is not drift', () => {
  eachEol('a running system in step with its boot files has no drift', (eol) => {
    assert.deepEqual(driftOf(ACTIVE_ACTIVE, { ifconfig: IN_STEP }, eol).lines, []);
  });

  eachEol('after a failover (ce0 FAILED, its data address on ce1:1) only the failed member is reported', (eol) => {
    const failed = IN_STEP.replace('ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>', 'ce0: flags=11000803<UP,BROADCAST,MULTICAST,IPv4,FAILED>')
      .replace('\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod', '\tinet 0.0.0.0 netmask ff000000\n\tgroupname prod')
      .concat('ce1:1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255\n');
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: failed }, eol);
    assert.deepEqual(result.lines, ['hostname.ce0: drift-member-state: prod']);
    assert.equal(result.findings[0]!.finding.severity, 'warning');
    assert.match(result.findings[0]!.finding.message, /ce0 runs FAILED in group prod/);
  });

  eachEol('a standby that is INACTIVE, with the data address on the active member, is in step', (eol) => {
    const fx: HostFx = {
      files: {
        'hostname.ce0': 'h1 netmask + broadcast + group prod up \\\naddif h1-ce0-test deprecated -failover netmask + broadcast + up\n',
        'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n',
      },
    };
    const running = IN_STEP.replace(
      'ce1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>',
      'ce1: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE>',
    );
    assert.deepEqual(driftOf(fx, { ifconfig: running }, eol).lines, []);
  });

  eachEol('OpenSolaris layout: the data address on the group\'s IPMP interface is where in.mpathd keeps it', (eol) => {
    const running = IN_STEP.replace('\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod', '\tinet 0.0.0.0 netmask ff000000\n\tgroupname prod').concat(
      'ipmp0: flags=8011000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,IPMP> mtu 1500 index 4\n\tinet 192.168.10.10 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod\n',
    );
    assert.deepEqual(driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol).lines, []);
  });

  eachEol('a capture without IPv6 blocks says nothing about hostname6 files', (eol) => {
    const fx: HostFx = { files: { ...ACTIVE_ACTIVE.files, 'hostname6.ce0': 'group prod up\n' } };
    assert.deepEqual(driftOf(fx, { ifconfig: IN_STEP }, eol).lines, []);
  });

  eachEol('IPv6: the link-local address made from the MAC address is not compared by value', (eol) => {
    const fx: HostFx = { files: { ...ACTIVE_ACTIVE.files, 'hostname6.ce0': 'up\n' } };
    const running = `${IN_STEP}lo0: flags=2002000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv6,VIRTUAL> mtu 8252 index 1
\tinet6 ::1/128 
ce0: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2
\tinet6 fe80::203:baff:fe11:2233/10 
\tgroupname prod
`;
    assert.deepEqual(driftOf(fx, { ifconfig: running }, eol).lines, []);
  });
});

describe('drift: what a reboot changes, and the fixes that keep what runs', () => {
  eachEol('an address added by hand is lost at reboot: the fix appends it with addif, and then the host is in step', (eol) => {
    const running = `${IN_STEP}ce0:2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255\n`;
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce0: drift-address-lost: h1']);
    const { finding } = result.findings[0]!;
    assert.match(finding.message, /192\.168\.10\.20 on ce0:2 .*the next reboot loses it/);
    assert.equal(finding.related?.[0]?.uri, CAPTURE_URI);
    const fixed = afterFix(ACTIVE_ACTIVE, result, finding, eol);
    assert.match(fixed.files['hostname.ce0']!, /\naddif 192\.168\.10\.20 netmask 255\.255\.255\.0 broadcast \+ up\n$/);
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines, []);
  });

  eachEol('a test address removed by hand comes back at reboot', (eol) => {
    const running = IN_STEP.replace(/ce0:1: flags=[^\n]*\n[^\n]*\n/, '');
    assert.deepEqual(driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol).lines, ['hostname.ce0: drift-address-added: h1-ce0-test']);
  });

  eachEol('a test address running without deprecated: the fix removes the keyword, and then the host is in step', (eol) => {
    const running = IN_STEP.replace('ce1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>', 'ce1: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER>');
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce1: drift-flags: h1-ce1-test']);
    assert.match(result.findings[0]!.finding.message, /runs without deprecated, which the next boot sets/);
    const fixed = afterFix(ACTIVE_ACTIVE, result, result.findings[0]!.finding, eol);
    assert.equal(fixed.files['hostname.ce1'], 'h1-ce1-test netmask + broadcast + -failover group prod up\n');
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines, []);
  });

  eachEol('a data address running with deprecated -failover: the fix adds both after the address', (eol) => {
    const running = IN_STEP.replace('ce0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>', 'ce0: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>');
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce0: drift-flags: h1']);
    const fixed = afterFix(ACTIVE_ACTIVE, result, result.findings[0]!.finding, eol);
    assert.match(fixed.files['hostname.ce0']!, /^h1 deprecated -failover netmask/);
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines.filter((l) => l.includes('drift-flags')), []);
  });

  eachEol('a NIC moved to another group by hand: the fix writes the running group', (eol) => {
    const running = IN_STEP.replace(/(ce1: [^\n]*\n[^\n]*\n)\tgroupname prod/, '$1\tgroupname web');
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce1: drift-group: prod']);
    assert.match(result.findings[0]!.finding.message, /ce1 runs in group web; the next boot puts it in group prod/);
    const fixed = afterFix(ACTIVE_ACTIVE, result, result.findings[0]!.finding, eol);
    assert.equal(fixed.files['hostname.ce1'], 'h1-ce1-test netmask + broadcast + deprecated -failover group web up\n');
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines, []);
  });

  // No netmasks entry: `netmask +` (the boot's, and net-svc's later one) keeps the explicit netmask.
  eachEol('an explicit netmask that differs from the running one: the fix sets it', (eol) => {
    const fx: HostFx = {
      netmasks: '',
      files: { ...ACTIVE_ACTIVE.files, 'hostname.ce1': 'h1-ce1-test netmask 255.255.255.0 broadcast + deprecated -failover group prod up\n' },
    };
    const running = IN_STEP.replace('\tinet 192.168.10.12 netmask ffffff00 broadcast 192.168.10.255', '\tinet 192.168.10.12 netmask ffffff80 broadcast 192.168.10.127');
    const result = driftOf(fx, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce1: drift-mask: h1-ce1-test']);
    assert.match(result.findings[0]!.finding.message, /255\.255\.255\.128 \(\/25\); the next boot gives it 255\.255\.255\.0 \(\/24\)/);
    const fixed = afterFix(fx, result, result.findings[0]!.finding, eol);
    assert.match(fixed.files['hostname.ce1']!, /^h1-ce1-test netmask 255\.255\.255\.128 broadcast/);
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines, []);
  });

  eachEol('a mask from netmasks that differs: reported without a fix in the hostname file', (eol) => {
    const running = IN_STEP.replace('\tinet 192.168.10.12 netmask ffffff00 broadcast 192.168.10.255', '\tinet 192.168.10.12 netmask ffffff80 broadcast 192.168.10.127');
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['hostname.ce1: drift-mask: h1-ce1-test']);
    assert.match(result.findings[0]!.finding.message, /from netmasks/);
    assert.deepEqual(result.findings[0]!.finding.fixes ?? [], []);
  });

  eachEol('a NIC plumbed by hand is reported on the capture; the fix creates its hostname file, and then the host is in step', (eol) => {
    const running = `${IN_STEP}bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4\n\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255\n\tether 0:3:ba:11:22:35 \n`;
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    assert.deepEqual(result.lines, ['ifconfig-a.txt: drift-interface-lost: line 13']);
    const { finding } = result.findings[0]!;
    assert.match(finding.message, /bge0 is plumbed for IPv4 .*\(10\.1\.1\.5\).*no hostname\.bge0/);
    const fix = finding.fixes![0]!;
    assert.equal(fix.edits[0]!.uri, `${ROOT}/hostname.bge0`);
    assert.equal(fix.edits[0]!.create, true);
    const fixed = afterFix(ACTIVE_ACTIVE, result, finding, eol);
    assert.equal(fixed.files['hostname.bge0'], '10.1.1.5 netmask 255.255.255.0 broadcast + up\n');
    assert.deepEqual(driftOf(fixed, { ifconfig: running }, eol).lines, []);
  });

  eachEol('a standby made active by hand, and a NIC unplumbed since boot', (eol) => {
    const fx: HostFx = {
      files: {
        ...ACTIVE_ACTIVE.files,
        'hostname.ce1': 'h1-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n',
        'hostname.ce2': 'h1-ce2-test netmask + broadcast + deprecated -failover group prod up\n',
      },
    };
    const result = driftOf(fx, { ifconfig: IN_STEP }, eol);
    assert.deepEqual(result.lines.sort(), ['hostname.ce1: drift-standby: standby', 'hostname.ce2: drift-interface-added: h1-ce2-test'].sort());
    const standby = result.findings.find((f) => f.finding.rule === 'drift-standby')!.finding;
    const fixed = afterFix(fx, result, standby, eol);
    assert.equal(fixed.files['hostname.ce1'], 'h1-ce1-test netmask + broadcast + deprecated -failover group prod up\n');
  });

  eachEol('ipmpstat -i says a member is offline when the ifconfig capture does not', (eol) => {
    const ipmpstat = 'INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE\nce1         no      prod        -------   up        disabled  offline\nce0         yes     prod        --mb---   up        ok        ok\n';
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: IN_STEP, ipmpstat }, eol);
    assert.deepEqual(result.lines, ['hostname.ce1: drift-member-state: prod']);
    assert.equal(result.findings[0]!.finding.severity, 'info');
  });
});

test('a quick fix of a drift finding edits only what it names (the boot file), never the capture', () => {
  for (const eol of EOLS) {
    const running = `${IN_STEP}ce0:2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255\n`;
    const result = driftOf(ACTIVE_ACTIVE, { ifconfig: running }, eol);
    for (const { finding } of result.findings) {
      for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assert.notEqual(edit.uri, CAPTURE_URI);
    }
    // The appended line keeps the file's own line ending.
    const fix = result.findings[0]!.finding.fixes![0]!;
    const before = result.texts.get(`${ROOT}/hostname.ce0`)!;
    const after = applyEdits(before, fix.edits[0]!.edits);
    assert.equal(after.startsWith(before), true);
    assert.equal(after.slice(before.length), `addif 192.168.10.20 netmask 255.255.255.0 broadcast + up${eol === 'CRLF' ? '\r\n' : '\n'}`);
  }
});

test('the hostname file a drift fix creates is one the boot reads as meant', () => {
  const text = '10.1.1.5 netmask 255.255.255.0 broadcast + up\n';
  const parsed = parseHostnameFile(text, { fileName: 'hostname.bge0' });
  assert.equal(parsed.commands.length, 1);
});

describe('drift on published captures (test/fixtures/captures)', () => {
  const DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'captures');
  const published = fs.readdirSync(DIR).filter((n) => n.endsWith('.ifconfig-a.txt'));

  // A host with no boot files: every NIC is a drift-interface-lost on the capture; the files its
  // fixes create, booted by the engine, give back what runs (what in.mpathd did apart).
  for (const name of published) {
    for (const eol of EOLS) {
      test(`${name}: the files the fixes write from the capture boot into the running system [${eol}]`, () => {
        const text = withEol(fs.readFileSync(path.join(DIR, name), 'utf8'), eol);
        const capture = parseIfconfigCapture(text);
        const live = { ifconfig: { uri: CAPTURE_URI, label: 'ifconfig-a.txt', file: capture } };
        const empty: HostView = { rootUri: ROOT, interfaces: [], newHostsUri: `${ROOT}/hosts`, live };
        const first = analyzeHost(empty, 's10').hostFindings;
        assert.ok(first.length > 0 && first.every((f) => f.rule === 'drift-interface-lost' && f.uri === CAPTURE_URI), first.map((f) => f.rule).join(', '));
        const files: Record<string, string> = {};
        for (const f of first) for (const e of f.fixes?.[0]?.edits ?? []) if (e.create) files[e.uri.slice(ROOT.length + 1)] = applyEdits('', e.edits);
        const view: HostView = {
          ...empty,
          interfaces: Object.entries(files).map(([baseName, t]) => ({ uri: `${ROOT}/${baseName}`, baseName, file: parseHostnameFile(t, { fileName: baseName }) })),
        };
        const left = analyzeHost(view, 's10').hostFindings.filter((f) => f.rule.startsWith('drift-'));
        if (capture.format === 'solaris10') {
          // A member that runs FAILED stays a finding: the files cannot repair a NIC.
          assert.deepEqual(left.filter((f) => f.rule !== 'drift-member-state').map((f) => `${f.rule}: ${f.message}`), []);
        } else {
          // OpenSolaris / Solaris 11: the IPMP interface is no classic hostname file, so it stays reported, without a fix.
          assert.ok(left.every((f) => f.rule !== 'drift-interface-lost' || !f.fixes?.length));
        }
      });
    }
  }
});
