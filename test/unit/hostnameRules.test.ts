import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { checkHostnameFile, type HostnameRuleContext } from '../../server/src/rules/hostnameRules';
import { createNameLookup } from '../../server/src/engine/names';
import type { Release } from '../../server/src/catalog/releases';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, eolTest, summarize, withEol } from './helpers';

const HOSTS = `127.0.0.1 localhost
192.168.10.10 myhost loghost
192.168.10.11 myhost-ce0-test
192.168.10.12 myhost-ce1-test
192.168.10.13 myhost-e1000g0
`;

const URI = 'file:///srv/web1/etc/hostname.ce0';

function check(text: string, fileName = 'hostname.ce0', options: { hosts?: string | null; release?: Release } = {}): Finding[] {
  const hostsText = options.hosts === undefined ? HOSTS : options.hosts;
  const names =
    hostsText === null
      ? undefined
      : createNameLookup([{ uri: 'file:///srv/web1/etc/hosts', label: 'hosts', kind: 'hosts', file: parseHosts(hostsText) }]);
  const ctx: HostnameRuleContext = {
    uri: URI,
    release: options.release ?? 's10',
    names,
    newHostsUri: 'file:///srv/web1/etc/hosts',
  };
  return checkHostnameFile(parseHostnameFile(text, { fileName }), ctx);
}

/** Asserts the findings (rule: covered text) under LF and CRLF. */
function expectFindings(name: string, text: string, expected: string[], fileName = 'hostname.ce0', options: Parameters<typeof check>[2] = {}): void {
  eolTest(name, text, (t, eol) => {
    const findings = check(t, fileName, options);
    assert.deepEqual(summarize(t, findings), expected);
    const cr = findings.filter((f) => f.rule === 'carriage-return');
    assert.equal(cr.length, eol === 'CRLF' && t.includes('\r') ? 1 : 0);
  });
}

/** Applies the first fix of the only finding of `rule` and returns the new text. */
function applyFirstFix(text: string, rule: string, fileName = 'hostname.ce0', options: Parameters<typeof check>[2] = {}, fixIndex = 0): string {
  const finding = check(text, fileName, options).find((f) => f.rule === rule);
  assert.ok(finding, `expected a ${rule} finding`);
  const fix = finding.fixes?.[fixIndex];
  assert.ok(fix, `expected a fix for ${rule}`);
  const own = fix.edits.filter((e) => e.uri === URI).flatMap((e) => e.edits);
  return applyEdits(text, own);
}

describe('valid layouts of reference §3.7 stay clean', () => {
  expectFindings(
    'probe-based active-active, data + test on ce0',
    'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n',
    [],
  );
  expectFindings('the second active member', 'myhost-ce1-test deprecated -failover netmask + broadcast + group prod up\n', [], 'hostname.ce1');
  expectFindings('active-standby: the standby member', 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n', [], 'hostname.ce1');
  expectFindings('link-based only, with an address', 'myhost-e1000g0 netmask + broadcast + group prod up\n', [], 'hostname.e1000g0');
  expectFindings('link-based only, without an address', 'group prod up\n', [], 'hostname.e1000g1');
  expectFindings('IPv6 link-local test address', '-failover group prod up\n', [], 'hostname6.ce0');
  expectFindings('classic single name', 'myhost\n', [], 'hostname.hme0');
  expectFindings('classic single address', '192.168.10.10\n', [], 'hostname.hme0');
  expectFindings('test on unit 0, data via addif ... failover up (§3.8 b)', 'myhost-ce0-test deprecated -failover netmask + broadcast + group prod up \\\naddif myhost failover netmask + broadcast + up\n', []);
  expectFindings('an empty file plumbs the interface', '', []);
  expectFindings('blank lines only', '\n\n', []);
  expectFindings('IPv6 with a global data address', '-failover group prod up\naddif 2001:db8::10/64 up\n', [], 'hostname6.ce0');
  expectFindings('literal with prefix length', '192.168.10.10/24 broadcast + group prod up\n', []);
  expectFindings('two-line layout with up on each line', 'myhost netmask + broadcast + group prod up\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', []);
  expectFindings('dhcp file', 'primary\nwait 60\n', [], 'dhcp.bge0');
  expectFindings('dhcp on the hostname line', 'dhcp primary wait forever\n', [], 'hostname.bge0');
  expectFindings('IPMP interface on OpenSolaris', 'ipmp group ipmp0 10.0.0.10/24 up\n', [], 'hostname.ipmp0', { release: 'osol' });
  expectFindings('IPMP interface on illumos', 'ipmp group ipmp0 10.0.0.10/24 up\n', [], 'hostname.ipmp0', { release: 'illumos' });
  expectFindings('an underlying interface of an IPMP group on illumos', 'group ipmp0 -failover myhost-ce0-test up\n', [], 'hostname.ce0', { release: 'illumos' });
  expectFindings('tunnel file', 'plumb\ntsrc 10.0.0.1 tdst 10.0.0.2 up\n', [], 'hostname.ip.tun0');
  expectFindings('VLAN interface', 'myhost up\n', [], 'hostname.ce123000');
});

describe('comment-not-supported', () => {
  expectFindings('full-line comment', '# primary NIC\nmyhost netmask + broadcast + up\n', ['comment-not-supported: # primary NIC']);
  expectFindings('trailing comment', 'myhost netmask + broadcast + up # data\n', ['comment-not-supported: # data']);
  eolTest('fix deletes a full-line comment with its line break', '# primary NIC\nmyhost netmask + broadcast + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'comment-not-supported'), withEol('myhost netmask + broadcast + up\n', eol));
  });
  eolTest('fix deletes a trailing comment and its blanks', 'myhost up # data\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'comment-not-supported'), withEol('myhost up\n', eol));
  });
});

describe('missing-final-newline', () => {
  expectFindings('single line without newline', 'myhost netmask + broadcast + up', ['missing-final-newline: myhost netmask + broadcast + up']);
  expectFindings('last of two lines', 'myhost netmask + broadcast + up\naddif myhost-ce0-test deprecated -failover up', [
    'missing-final-newline: addif myhost-ce0-test deprecated -failover up',
  ]);
  test('fix adds the newline', () => {
    assert.equal(applyFirstFix('myhost up', 'missing-final-newline'), 'myhost up\n');
  });
});

describe('unknown-keyword', () => {
  expectFindings('upper case', 'myhost netmask + broadcast + UP\n', ['unknown-keyword: UP']);
  expectFindings('typo', 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standy up\n', ['unknown-keyword: standy'], 'hostname.ce1');
  expectFindings('missing letter', 'myhost deprecate -failover up\n', ['unknown-keyword: deprecate']);
  expectFindings('negated typo in the address slot', '-fail-over group prod up\n', ['unknown-keyword: -fail-over'], 'hostname6.ce0');
  expectFindings('a word where the address would go that looks like a keyword', 'Netmask + up\n', ['unknown-keyword: Netmask', 'stray-plus: +']);
  test('did-you-mean fix', () => {
    assert.equal(applyFirstFix('myhost standy up\n', 'unknown-keyword'), 'myhost standby up\n');
    assert.equal(applyFirstFix('myhost UP\n', 'unknown-keyword'), 'myhost up\n');
  });
  expectFindings('keyword unknown to an older release', 'myhost zone web up\n', ['unknown-keyword: zone'], 'hostname.ce0', { release: 's9' });
  expectFindings('unknown dhcp option', 'primery\n', ['unknown-keyword: primery'], 'dhcp.bge0');
});

describe('missing-argument', () => {
  expectFindings('netmask at the end', 'myhost up netmask\n', ['missing-argument: netmask']);
  expectFindings('group at the end', 'myhost up group\n', ['missing-argument: group']);
  expectFindings('addif at the end', 'myhost up addif\n', ['missing-argument: addif']);
  expectFindings('wait in a dhcp file', 'wait\n', ['missing-argument: wait'], 'dhcp.bge0');
});

describe('invalid-address', () => {
  expectFindings('octet out of range', '10.888.1.2 netmask + broadcast + up\n', ['invalid-address: 10.888.1.2']);
  expectFindings('three parts', '192.168.1 netmask + broadcast + up\n', ['invalid-address: 192.168.1']);
  expectFindings('bad prefix length', '192.168.1.1/33 broadcast + up\n', ['invalid-address: 192.168.1.1/33']);
  expectFindings('bad IPv6', '-failover group prod up\naddif 2001:db8:::1/64 up\n', ['invalid-address: 2001:db8:::1/64'], 'hostname6.ce0');
  expectFindings('subnet without prefix length', 'myhost subnet 192.168.10.0 up\n', ['invalid-address: 192.168.10.0']);
});

describe('invalid-netmask', () => {
  expectFindings('non-contiguous', 'myhost netmask 255.0.255.0 broadcast + up\n', ['invalid-netmask: 255.0.255.0']);
  expectFindings('bad hex', 'myhost netmask 0xffffzz00 broadcast + up\n', ['invalid-netmask: 0xffffzz00']);
  expectFindings('prefix length on netmask', 'myhost netmask /24 broadcast + up\n', ['invalid-netmask: /24']);
  expectFindings('hex mask is fine', 'myhost netmask 0xffffff00 broadcast + up\n', []);
});

describe('invalid-value', () => {
  expectFindings('mtu not a number', 'myhost mtu big up\n', ['invalid-value: big']);
  expectFindings('long group name', `myhost group ${'g'.repeat(32)} up\n`, [`invalid-value: ${'g'.repeat(32)}`]);
  expectFindings('quoted empty group', 'myhost group "" up\n', ['invalid-value: ""']);
  expectFindings('module syntax', 'myhost modinsert ipqos up\n', ['invalid-value: ipqos']);
  expectFindings('dhcp wait', 'wait soon\n', ['invalid-value: soon'], 'dhcp.bge0');
});

describe('wrong-address-family', () => {
  expectFindings('netmask in hostname6', '-failover group prod netmask + up\n', ['wrong-address-family: netmask'], 'hostname6.ce0');
  expectFindings('token in hostname', 'myhost token ::1/64 up\n', ['wrong-address-family: token']);
  expectFindings('IPv6 literal in hostname', '2001:db8::1/64 up\n', ['wrong-address-family: 2001:db8::1/64']);
  expectFindings('IPv4 literal in hostname6', '-failover group prod up\naddif 192.168.1.1 up\n', ['wrong-address-family: 192.168.1.1'], 'hostname6.ce0');
  eolTest('fix removes the keyword with its argument', '-failover group prod netmask + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'wrong-address-family', 'hostname6.ce0'), withEol('-failover group prod up\n', eol));
  });
});

describe('misplaced-keyword', () => {
  expectFindings('inet as the first word', 'inet myhost netmask + broadcast + up\n', ['misplaced-keyword: inet']);
  expectFindings('dhcp not first', 'myhost dhcp\n', ['misplaced-keyword: dhcp']);
  eolTest('group after addif is a warning, fixed by moving it before addif', 'myhost netmask + broadcast + up addif myhost-ce0-test deprecated -failover group prod netmask + broadcast + up\n', (t, eol) => {
    const finding = check(t).find((f) => f.rule === 'misplaced-keyword');
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      applyFirstFix(t, 'misplaced-keyword'),
      withEol('myhost netmask + broadcast + up group prod addif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', eol),
    );
  });
  expectFindings('group in a logical-interface file', 'myhost-ce0-test group prod up\n', ['misplaced-keyword: group'], 'hostname.ce0:1');
  test('fix removes a leading inet', () => {
    assert.equal(applyFirstFix('inet myhost up\n', 'misplaced-keyword'), 'myhost up\n');
  });
});

describe('carriage-return', () => {
  test('one finding on a CRLF file, with a convert-to-LF fix', () => {
    const text = 'myhost netmask + broadcast + up\r\n';
    const findings = check(text).filter((f) => f.rule === 'carriage-return');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.fixes?.[0]?.command?.command, 'solarisIpmp.convertToLf');
    assert.equal(applyFirstFix(text, 'carriage-return'), 'myhost netmask + broadcast + up\n');
    assert.deepEqual(summarize(text, findings, { keepCarriageReturn: true }), ['carriage-return: up']);
  });
  test('none on an LF file', () => {
    assert.equal(check('myhost up\n').filter((f) => f.rule === 'carriage-return').length, 0);
  });
});

describe('stray-plus', () => {
  expectFindings('+ after a mask (§4.19)', '192.168.0.1 broadcast + netmask 255.255.255.0 + up\n', ['stray-plus: +']);
  eolTest('fix removes it', 'myhost netmask + broadcast + + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'stray-plus'), withEol('myhost netmask + broadcast + up\n', eol));
  });
});

describe('conflicting-options', () => {
  expectFindings('up and down', 'myhost netmask + broadcast + up down\n', ['conflicting-options: up']);
  expectFindings('deprecated and -deprecated', 'myhost deprecated -deprecated up\n', ['conflicting-options: deprecated']);
  expectFindings('the same flag on different addresses is fine', 'myhost netmask + broadcast + up addif myhost-ce0-test down\n', []);
  eolTest('fix removes the earlier one', 'myhost -failover failover netmask + broadcast + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'conflicting-options'), withEol('myhost failover netmask + broadcast + up\n', eol));
  });
});

describe('option-order', () => {
  expectFindings('-failover after up (§4.3)', 'myhost-ce1-test deprecated netmask + broadcast + group prod up -failover\n', ['option-order: -failover'], 'hostname.ce1');
  expectFindings('-failover after standby (§3.6)', 'myhost-ce1-test netmask + broadcast + deprecated group prod standby -failover up\n', ['option-order: -failover'], 'hostname.ce1');
  expectFindings('broadcast + before netmask +', 'myhost broadcast + netmask + up\n', ['option-order: broadcast +']);
  expectFindings('netmask + before the address', 'netmask + myhost broadcast + up\n', ['option-order: netmask +']);
  eolTest('fix moves -failover before up', 'myhost-ce1-test deprecated netmask + broadcast + group prod up -failover\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'option-order', 'hostname.ce1'), withEol('myhost-ce1-test deprecated netmask + broadcast + group prod -failover up\n', eol));
  });
  eolTest('fix moves broadcast + after netmask +', 'myhost broadcast + netmask + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'option-order'), withEol('myhost netmask + broadcast + up\n', eol));
  });
  eolTest('fix moves netmask + after the address', 'netmask + myhost broadcast + up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'option-order'), withEol('myhost netmask + broadcast + up\n', eol));
  });
});

describe('line-continuation', () => {
  expectFindings('glued backslash', 'myhost netmask + broadcast + group prod up\\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', [
    'line-continuation: \\\n',
  ]);
  eolTest('blanks after the backslash before addif: a warning', 'myhost netmask + broadcast + group prod up \\ \naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', (t) => {
    const findings = check(t).filter((f) => f.rule === 'line-continuation');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'warning');
  });
  eolTest('blanks after the backslash before other keywords: an error', 'myhost netmask + broadcast + group prod \\ \nup\n', (t) => {
    const findings = check(t).filter((f) => f.rule === 'line-continuation');
    assert.equal(findings[0]!.severity, 'error');
  });
  eolTest('fix removes the blanks', 'myhost up \\  \naddif myhost-ce0-test up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'line-continuation'), withEol('myhost up \\\naddif myhost-ce0-test up\n', eol));
  });
  eolTest('fix inserts a space before a glued backslash', 'myhost up\\\naddif myhost-ce0-test up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'line-continuation'), withEol('myhost up \\\naddif myhost-ce0-test up\n', eol));
  });
});

describe('interface-stays-down', () => {
  expectFindings('a blank line after a single address (§4.32)', 'myhost\n\n', ['interface-stays-down: myhost']);
  expectFindings('two lines, the first without up', 'myhost netmask + broadcast +\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n', ['interface-stays-down: myhost']);
  expectFindings('an explicit down is meant', 'myhost netmask + broadcast + down\naddif myhost-ce0-test up\n', []);
  expectFindings('single line: the implicit up goes to the last addif only', 'myhost group prod addif myhost-ce0-test deprecated -failover\n', ['interface-stays-down: myhost']);
  expectFindings('hostname6 unit 0 is brought up by the boot script', '-failover group prod\naddif 2001:db8::10/64\n', ['interface-stays-down: 2001:db8::10/64'], 'hostname6.ce0');
  eolTest('fix appends netmask + broadcast + up', 'myhost\naddif myhost-ce0-test up\n', (t, eol) => {
    assert.equal(applyFirstFix(t, 'interface-stays-down'), withEol('myhost netmask + broadcast + up\naddif myhost-ce0-test up\n', eol));
  });
});

describe('file names: ignored-file, invalid-interface-name, solaris11-syntax', () => {
  test('backup copy with a dot is skipped (info)', () => {
    const f = check('myhost\n', 'hostname.ce0.bak');
    assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['ignored-file', undefined]]);
  });
  test('a name not ending in a digit is skipped', () => {
    assert.deepEqual(check('myhost\n', 'hostname.ce0.IPMP-NotUsed').map((x) => x.rule), ['ignored-file']);
  });
  test('a backup name that still matches the glob is misread (warning)', () => {
    for (const name of ['hostname.ce0-old1', 'hostname.qfe0-1', 'hostname.ce0old1']) {
      const f = check('myhost\n', name);
      assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['ignored-file', 'warning']], name);
    }
  });
  test('too long, VLAN out of range', () => {
    assert.deepEqual(check('myhost\n', `hostname.${'e'.repeat(31)}0`).map((x) => x.rule), ['invalid-interface-name']);
    assert.deepEqual(check('myhost\n', 'hostname.ce5000000').map((x) => x.rule), ['invalid-interface-name']);
  });
  test('ipmp on Solaris 10', () => {
    assert.deepEqual(check('ipmp group ipmp0 10.0.0.10/24 up\n', 'hostname.ipmp0').map((x) => x.rule), ['solaris11-syntax', 'solaris11-syntax']);
  });
  test('ipmp on every release: Solaris 11 syntax up to Solaris 10, nothing from OpenSolaris on', () => {
    for (const release of ['s8', 's9', 's10-early', 's10', 'osol', 'illumos', 's11'] as const) {
      const rules = check('ipmp group ipmp0 10.0.0.10/24 up\n', 'hostname.ipmp0', { release }).map((x) => x.rule);
      assert.deepEqual(rules, ['s8', 's9', 's10-early', 's10'].includes(release) ? ['solaris11-syntax', 'solaris11-syntax'] : [], release);
    }
    assert.match(check('ipmp group ipmp0 10.0.0.10/24 up\n', 'hostname.ce0', { release: 's9' })[0]!.message, /OpenSolaris \/ Solaris 11 Express on \(and on illumos\)/);
  });
  test('on illumos a dotted backup name ending in a digit is misread (warning); without the digit it is skipped', () => {
    const f = check('myhost\n', 'hostname.ce0.bak1', { release: 'illumos' });
    assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['ignored-file', 'warning']]);
    assert.match(f[0]!.message, /illumos' boot script reads 'ce0\.bak1' as an interface name/);
    assert.match(f[0]!.message, /e\.g\. hostname\.ce0\.bak\.$/);
    assert.deepEqual(check('myhost\n', 'hostname.ce0.bak', { release: 'illumos' }).map((x) => [x.rule, x.severity]), [['ignored-file', undefined]]);
    assert.deepEqual(check('myhost\n', 'hostname.ce0.bak1', { release: 'osol' }).map((x) => [x.rule, x.severity]), [['ignored-file', undefined]]);
    assert.deepEqual(check('plumb\ntsrc 10.0.0.1 tdst 10.0.0.2 up\n', 'hostname.ip.tun0', { release: 'illumos' }), []);
  });
});

describe('unresolved-host and no-hosts-file', () => {
  expectFindings('a name missing from hosts (§4.7)', 'myhost-ce1-tst deprecated -failover netmask + broadcast + group prod up\n', ['unresolved-host: myhost-ce1-tst'], 'hostname.ce1');
  expectFindings('names are case-insensitive', 'MYHOST netmask + broadcast + up\n', []);
  test('the fix appends a placeholder entry to hosts', () => {
    const finding = check('newhost up\n').find((f) => f.rule === 'unresolved-host')!;
    const edit = finding.fixes![0]!.edits[0]!;
    assert.equal(edit.uri, 'file:///srv/web1/etc/hosts');
    assert.equal(applyEdits(HOSTS, edit.edits), `${HOSTS}ADDRESS\tnewhost\n`);
  });
  expectFindings('no hosts file: one info', 'myhost netmask + broadcast + up\n', ['no-hosts-file: myhost'], 'hostname.ce0', { hosts: null });
  test('no-hosts-file fix creates hosts with the names', () => {
    const finding = check('myhost up addif myhost-test up\n', 'hostname.ce0', { hosts: null }).find((f) => f.rule === 'no-hosts-file')!;
    const edit = finding.fixes![0]!.edits[0]!;
    assert.equal(edit.create, true);
    assert.equal(edit.edits[0]!.newText, 'ADDRESS\tmyhost\nADDRESS\tmyhost-test\n');
  });
  expectFindings('literals need no hosts file', '192.168.10.10 netmask + broadcast + up\n', [], 'hostname.ce0', { hosts: null });
  // nss_files skips a line whose address it cannot read (§5.1): its names resolve to nothing.
  const badLine = '127.0.0.1\tlocalhost\n10.300.0.1\tbadhost\n192.168.10.30\tlaterhost\n999\tlaterhost\n';
  expectFindings('a name only on a line with an unreadable address', 'badhost netmask + broadcast + up\n', ['unresolved-host: badhost'], 'hostname.ce0', { hosts: badLine });
  expectFindings('a later good line for the name still resolves it', 'laterhost netmask + broadcast + up\n', [], 'hostname.ce0', { hosts: badLine });
  test('the message names the skipped line and points at its address', () => {
    const finding = check('badhost up\n', 'hostname.ce0', { hosts: badLine }).find((f) => f.rule === 'unresolved-host')!;
    assert.match(finding.message, /^'badhost' is on line 2 of hosts, but Solaris skips that line: its address '10\.300\.0\.1' cannot be read\./);
    assert.deepEqual(finding.related?.map((r) => [r.uri, r.range.start.line, r.range.start.character, r.range.end.character]), [['file:///srv/web1/etc/hosts', 1, 0, 10]]);
  });
});

describe('several mistakes at once: each reported, none hides another', () => {
  expectFindings(
    'comment, typo, stray plus, order',
    '# ce0\nmyhost netmask + broadcast + group prod UP \\\naddif myhost-ce0-test + deprecated up -failover\n',
    // The typo also leaves myhost down: both go away with the fix to 'up'.
    ['comment-not-supported: # ce0', 'unknown-keyword: UP', 'stray-plus: +', 'option-order: -failover', 'interface-stays-down: myhost'],
  );
});

describe('regressions found by the fix property (test/unit/properties.test.ts)', () => {
  // A newline after a backslash that ends the file is a continuation: the line stayed unterminated.
  test('missing-final-newline: a dangling backslash is removed, not continued', () => {
    assert.equal(applyFirstFix('myhost up\\', 'missing-final-newline'), 'myhost up\n');
    assert.equal(check('myhost up\n').filter((f) => f.rule === 'missing-final-newline').length, 0);
  });
  eolTest('missing-final-newline: a dangling backslash after a continued line', 'myhost up \\\naddif myhost-ce0-test up \\', (t, eol) => {
    // The fix writes LF, whatever the file uses (CRLF is its own finding).
    assert.equal(applyFirstFix(t, 'missing-final-newline'), `${withEol('myhost up \\\naddif myhost-ce0-test up ', eol)}\n`);
  });
  test('missing-final-newline: an escaped backslash is kept', () => {
    assert.equal(applyFirstFix('myhost up\\\\', 'missing-final-newline'), 'myhost up\\\\\n');
  });
  // `\` + lone CR + the added LF would read as a backslash-CRLF continuation.
  test('missing-final-newline: a backslash before a final lone CR', () => {
    const fixed = applyFirstFix('set\\\r\\', 'missing-final-newline');
    assert.equal(fixed, 'set\r\n');
    assert.equal(check(fixed).filter((f) => f.rule === 'missing-final-newline').length, 0);
  });
  // Appending 'up' after a keyword that still needs its argument made 'up' the argument.
  eolTest('interface-stays-down: no fix while a keyword waits for its argument', 'myhost broadcast + netmask\n\n', (t) => {
    const finding = check(t).find((f) => f.rule === 'interface-stays-down');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });
  eolTest('interface-stays-down: no fix either when an addif address ends with a bare group', 'addif myhost-ce0-test group\n', (t) => {
    const finding = check(t, 'hostname6.ce0').find((f) => f.rule === 'interface-stays-down');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('carriage-return: CR-only endings', () => {
  test('a hostname file with CR-only endings is read as one line, and the message says so', () => {
    const finding = check('myhost netmask + broadcast + up\raddif myhost-ce0-test up\r').find((f) => f.rule === 'carriage-return');
    assert.ok(finding);
    assert.match(finding.message, /^CR-only line endings \(2 CRs, no LF after them\)/);
  });
});
