/**
 * Differential test of the boot engine (DESIGN.md, Tests): the ifconfig commands our engine
 * says net-physical runs for a host's hostname.<if>, hostname6.<if> and dhcp.<if> files must
 * be, word for word and in order, the ones a real POSIX shell runs when it executes a model
 * of net-physical + net_include.sh over a directory holding the same files.
 *
 * The model is test/fixtures/boot-sh/net-physical-model.sh, our own script written from the
 * research notes (boot-scripts.md §1, §1.1, §1.2, §3.2–§3.4): the globs `hostname.*[0-9]`,
 * `hostname6.*[0-9]` and `dhcp.*[0-9]` in C-locale order, names with a further dot skipped,
 * xx0 skipped for IPv4 by every Solaris 10 script; plumb and check every IPv4 interface, then
 * every IPv6 one; the IPv4 files read one line late (a one-line file gets ` netmask +
 * broadcast + up`), skipped for doDHCPhostname; the IPv6 files line by line, then `inet6
 * up`; DHCP with its primary. A stand-in for ifconfig records each call and succeeds, so
 * the engine runs with `exitStatus: () => 0`: a name the engine cannot plumb (ce0-old1, a
 * backup file read as an interface, reference §1.2) still goes through every step, as in
 * the shell. The commands compared are net-physical's in the phases plumb, configure, up
 * and dhcp; the `-auD4`/`-adD4` commands, move_addresses and the other services are not in
 * the model. Releases: s8, s9, s10-early (2005 script) and s10 (2008 script); all skip xx0.
 * OpenSolaris (Clearview: IPMP interfaces, dotted names kept, a leading `ipmp` dropped) is
 * not modelled.
 *
 * The shells read the files the way Solaris /sbin/sh does (see differential.test.ts for
 * `read`); where they do not, the difference is taken care of, not compared:
 * - dash 0.5.12 drops a record's last words when they are made only of escaped characters;
 *   those inputs are left to bash in POSIX mode, which checks every input as a second
 *   opinion when installed. With the dot the DHCP step adds to IFS, a dot counts as a blank
 *   there, so the check treats it as one.
 * - Splitting with a dot in IFS: dash and bash make an empty word between two dots (or
 *   before a leading one), the Bourne shell does not; the model drops empty words.
 * - The script's shcat prints lines with `echo`, which on Solaris interprets backslash
 *   escapes; the model prints them as they are. Files it reads that way (dhcp.<if>, and a
 *   hostname.<if> beside one) keep no backslash after `read` in the generated hosts.
 * - `set -f`: no filename expansion (on Solaris a `*` would match files in /).
 * Inputs hold no `$`, quotes, backquotes or NUL, like the parser's differential test. Two
 * kinds of file name the real scripts misread are not generated either: dhcp.<if> with a
 * further dot (the DHCP loop takes the part before it as an interface and loses its place
 * in the list), and hostname.xx0.<a>.<b> (the 2005 loop, skipping xx0, then reads <b> as an
 * interface); the engine and the model skip both.
 *
 * Line endings: LF only. With CRLF the shell keeps each CR as the last character of a line
 * (Solaris does the same), while the engine's input, like the parser, reads CRLF like LF on
 * purpose (DESIGN.md): the `carriage-return` rule reports the CR instead. The two would
 * differ by design, so CRLF is left out, as in the parser's differential test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Release } from '../../server/src/catalog/releases';
import { simulateBoot } from '../../server/src/engine/boot';
import { parseHostnameFile } from '../../server/src/syntax/hostname';

const MODEL = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'boot-sh', 'net-physical-model.sh');

// The stand-in's separators: record (one ifconfig call) and argument.
const RECORD = '\x1e';
const ARGUMENT = '\x1f';

/** A host: base name -> text, as in its etc directory. */
type HostFiles = Record<string, string>;

interface Shell {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** dash's quirk: a record's tail of escaped characters after a blank is dropped by `read`. */
  readonly trimsEscapedTail: boolean;
  /** Generated hosts per property: the second opinion gets fewer, to keep `npm test` quick. */
  readonly runs: number;
}

const SCRATCH = mkdtempSync(path.join(tmpdir(), 'boot-differential-'));
process.on('exit', () => rmSync(SCRATCH, { recursive: true, force: true }));
let hostCount = 0;

/** Runs the model over the files; every ifconfig call's arguments, in order. */
function shellCommands(shell: Shell, files: HostFiles, release: Release): string[][] {
  const dir = path.join(SCRATCH, `host${hostCount++}`);
  mkdirSync(dir);
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const skipXx0 = release === 'osol' ? 'no' : 'yes';
    const result = spawnSync(shell.command, [...shell.args, MODEL, dir, skipXx0], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    assert.equal(result.status, 0, `${shell.label} failed: ${result.stderr}`);
    assert.equal(result.stderr, '', `${shell.label} complained`);
    return result.stdout
      .split(RECORD)
      .slice(1)
      .map((record) => record.split(ARGUMENT).slice(1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine's net-physical ifconfig commands in the phases the model covers. */
function engineCommands(files: HostFiles, release: Release): string[][] {
  const interfaces = Object.entries(files).map(([baseName, text]) => ({
    uri: `file:///host/etc/${baseName}`,
    baseName,
    file: parseHostnameFile(text, { fileName: baseName }),
  }));
  const result = simulateBoot({ release, interfaces, exitStatus: () => 0 });
  return result.commands
    .map((o) => o.command)
    .filter((c) => c.script === 'net-physical' && ['plumb', 'configure', 'up', 'dhcp'].includes(c.phase))
    .filter((c) => !c.args[0]?.text.startsWith('-a'))
    .map((c) => {
      assert.equal(c.program, '/sbin/ifconfig');
      return c.args.map((a) => a.text);
    });
}

function probeShell(label: string, command: string, args: readonly string[], runs: number): Shell | undefined {
  if (!existsSync(command)) return undefined;
  const read = (input: string): string | undefined => {
    const r = spawnSync(command, [...args, '-c', 'read line; printf %s "$line"'], { input, encoding: 'utf8' });
    return r.status === 0 ? r.stdout : undefined;
  };
  if (read('a b\n') !== 'a b') return undefined;
  return { label, command, args, trimsEscapedTail: read('a \\b\n') === 'a', runs };
}

/** /bin/sh, and bash in POSIX mode as a second opinion where installed (it covers dash's quirk). */
function availableShells(): Shell[] {
  const bash = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));
  const shells = [probeShell('/bin/sh', '/bin/sh', [], 200), bash ? probeShell('bash --posix', bash, ['--posix'], 100) : undefined];
  return shells.filter((s): s is Shell => s !== undefined);
}

/**
 * Whether dash's `read` would drop a record's tail here: after the last unescaped word
 * character, an unescaped separator followed only by separators and escaped characters, at
 * least one of them no separator (`a \b` reads as `a`). Separators are blanks, and blanks
 * and dots where the DHCP step reads with a dot in IFS; both are checked for every file.
 */
function dashTrimsEscapedTail(text: string): boolean {
  const records: { c: string; escaped: boolean }[][] = [[]];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const record = records[records.length - 1]!;
    if (c === '\\') {
      i++;
      if (i < text.length && text[i] !== '\n') record.push({ c: text[i]!, escaped: true });
    } else if (c === '\n') records.push([]);
    else record.push({ c, escaped: false });
  }
  const trims = (separators: string): boolean =>
    records.some((record) => {
      const isSeparator = (r: { c: string }): boolean => separators.includes(r.c);
      let last = -1;
      record.forEach((r, i) => {
        if (!r.escaped && !isSeparator(r)) last = i;
      });
      const cut = record.findIndex((r, i) => i > last && !r.escaped && isSeparator(r));
      return cut !== -1 && record.some((r, i) => i > cut && r.escaped && !isSeparator(r));
    });
  return trims(' \t') || trims(' \t.');
}

/** A file the script reads through shcat (`echo`) keeps a backslash after `read`. */
function echoWouldInterpret(files: HostFiles): boolean {
  return Object.entries(files).some(([name, text]) => {
    const nic = name.startsWith('dhcp.') ? name.slice(5) : name.startsWith('hostname.') ? name.slice(9) : undefined;
    if (nic === undefined || !(`dhcp.${nic}` in files)) return false;
    return parseHostnameFile(text, { fileName: name }).lines.some((l) => l.words.some((w) => w.text.includes('\\')));
  });
}

function assertSameAsShell(shell: Shell, files: HostFiles, release: Release): void {
  const expected = shellCommands(shell, files, release);
  const actual = engineCommands(files, release);
  assert.deepEqual(actual, expected, `the engine's commands differ from ${shell.label}'s for ${JSON.stringify(files)} (${release})`);
}

// ---------------------------------------------------------------------------------------
// Documented cases, with the commands written out

interface Example {
  readonly name: string;
  readonly release?: Release;
  readonly files: HostFiles;
  /** One ifconfig call per entry, its arguments joined by single spaces. */
  readonly commands: readonly string[];
}

const CE0_DATA_AND_TEST = 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n';
const EPILOGUE = 'netmask + broadcast + up';

const EXAMPLES: readonly Example[] = [
  {
    name: '§3.7 probe-based, active-active: each one-line file gets the epilogue, continued line included',
    files: {
      'hostname.ce0': CE0_DATA_AND_TEST,
      'hostname.ce1': 'myhost-ce1-test deprecated -failover netmask + broadcast + group prod up\n',
    },
    commands: [
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      `ce0 inet myhost netmask + broadcast + group prod up addif myhost-ce0-test deprecated -failover netmask + broadcast + up ${EPILOGUE}`,
      `ce1 inet myhost-ce1-test deprecated -failover netmask + broadcast + group prod up ${EPILOGUE}`,
    ],
  },
  {
    name: '§3.7 active-standby',
    files: {
      'hostname.ce0': CE0_DATA_AND_TEST,
      'hostname.ce1': 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n',
    },
    commands: [
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      `ce0 inet myhost netmask + broadcast + group prod up addif myhost-ce0-test deprecated -failover netmask + broadcast + up ${EPILOGUE}`,
      `ce1 inet myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up ${EPILOGUE}`,
    ],
  },
  {
    name: '§3.7 link-based only',
    files: { 'hostname.e1000g0': 'myhost netmask + broadcast + group prod up\n', 'hostname.e1000g1': 'group prod up\n' },
    commands: [
      'e1000g0 plumb',
      'e1000g0 inet',
      'e1000g1 plumb',
      'e1000g1 inet',
      `e1000g0 inet myhost netmask + broadcast + group prod up ${EPILOGUE}`,
      `e1000g1 inet group prod up ${EPILOGUE}`,
    ],
  },
  {
    name: '§3.7 IPv6 link-local test addresses: all IPv4 steps of a phase first, then IPv6, then `inet6 up`',
    files: {
      'hostname.ce0': 'myhost group prod up\n',
      'hostname.ce1': 'group prod up\n',
      'hostname6.ce0': '-failover group prod up\n',
      'hostname6.ce1': '-failover group prod up\n',
    },
    commands: [
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      'ce0 inet6 plumb',
      'ce0 inet6',
      'ce1 inet6 plumb',
      'ce1 inet6',
      `ce0 inet myhost group prod up ${EPILOGUE}`,
      `ce1 inet group prod up ${EPILOGUE}`,
      'ce0 inet6 -failover group prod up',
      'ce0 inet6 up',
      'ce1 inet6 -failover group prod up',
      'ce1 inet6 up',
    ],
  },
  {
    name: 'multi-line files run line by line with nothing appended; a trailing blank line makes a file multi-line, a leading one does not',
    files: {
      'hostname.bge0': 'myhost group prod up\naddif myhost-bge0-test deprecated -failover up\n',
      'hostname.ce0': 'myhost\n\n',
      'hostname.ce1': '\nmyhost-ce1\n',
      'hostname6.ce0': '\n-failover group prod up\n\naddif 2001:db8::10/64 up\n',
      'hostname6.ce1': '',
    },
    commands: [
      'bge0 plumb',
      'bge0 inet',
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      'ce0 inet6 plumb',
      'ce0 inet6',
      'ce1 inet6 plumb',
      'ce1 inet6',
      'bge0 inet myhost group prod up',
      'bge0 inet addif myhost-bge0-test deprecated -failover up',
      'ce0 inet myhost',
      `ce1 inet myhost-ce1 ${EPILOGUE}`,
      'ce0 inet6 -failover group prod up',
      'ce0 inet6 addif 2001:db8::10/64 up',
      'ce0 inet6 up',
      'ce1 inet6 up',
    ],
  },
  {
    name: 'an unterminated last line never runs: the line before it is then the only one',
    files: { 'hostname.ce0': 'myhost group prod\nup', 'hostname.ce1': 'myhost-ce1', 'hostname6.ce0': '-failover up' },
    commands: ['ce0 plumb', 'ce0 inet', 'ce1 plumb', 'ce1 inet', 'ce0 inet6 plumb', 'ce0 inet6', `ce0 inet myhost group prod ${EPILOGUE}`, 'ce0 inet6 up'],
  },
  {
    name: 'a line holding only an escaped blank is not empty for the script: it runs, and it makes the file multi-line',
    files: { 'hostname.ce0': '\\ \nmyhost\n', 'hostname.ce1': '\\ \n', 'hostname6.ce0': '\\ \n' },
    commands: [
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      'ce0 inet6 plumb',
      'ce0 inet6',
      'ce0 inet',
      'ce0 inet myhost',
      `ce1 inet ${EPILOGUE}`,
      'ce0 inet6',
      'ce0 inet6 up',
    ],
  },
  {
    name: 'which files name interfaces: sorted, a further dot skips the file, a logical unit and a misnamed backup are interfaces, xx0 is skipped (2005)',
    release: 's10-early',
    files: {
      'hostname.ce0:1': 'myhost-2\n',
      'hostname.ce0': 'myhost\n',
      'hostname.ce0.bak': 'myhost-old\n',
      'hostname.ce0.old1': 'myhost-old\n',
      'hostname.ce0-old1': 'myhost-old\n',
      'hostname.ip.tun0': 'tsrc 10.0.0.1 tdst 10.0.0.2 up\n',
      'hostname.xx0': 'myhost-xx\n',
      'hostname6.xx0': '',
      'hostname6.ip6.tun0': '',
    },
    commands: [
      'ce0 plumb',
      'ce0 inet',
      'ce0-old1 plumb',
      'ce0-old1 inet',
      'ce0:1 plumb',
      'ce0:1 inet',
      'xx0 inet6 plumb',
      'xx0 inet6',
      `ce0 inet myhost ${EPILOGUE}`,
      `ce0-old1 inet myhost-old ${EPILOGUE}`,
      `ce0:1 inet myhost-2 ${EPILOGUE}`,
      'xx0 inet6 up',
    ],
  },
  {
    name: 'xx0 is skipped by the late Solaris 10 script too',
    release: 's10',
    files: { 'hostname.xx0': 'myhost-xx\n' },
    commands: [],
  },
  {
    name: 'DHCP: `inet <name>` beside dhcp.<if> is left to DHCP; the file naming `primary` wins; the others start without waiting',
    files: {
      'hostname.bge0': 'inet\nmyhost\n',
      'hostname.ce0': 'inet myhost\n',
      'hostname.ce1': '',
      'hostname.e1000g1': 'inet myhost-e1\n',
      'dhcp.bge0': '',
      'dhcp.ce0': 'wait 5\n',
      'dhcp.ce1': 'primary\nwait 10\n',
    },
    commands: [
      'bge0 plumb',
      'bge0 inet',
      'ce0 plumb',
      'ce0 inet',
      'ce1 plumb',
      'ce1 inet',
      'e1000g1 plumb',
      'e1000g1 inet',
      `e1000g1 inet inet myhost-e1 ${EPILOGUE}`,
      'ce1 auto-dhcp primary primary wait 10',
      'bge0 dhcp start wait 0',
      'ce0 dhcp start wait 0 wait 5',
    ],
  },
  {
    name: 'DHCP: without `primary` the first file is the primary; dots split words, doubled or leading dots make no empty word',
    files: { 'dhcp.ce0': 'wait 1.5\n', 'dhcp.ce1': '.wait..5.\n', 'dhcp.ce0.bak': 'primary\n' },
    commands: ['ce0 auto-dhcp primary wait 1 5', 'ce1 dhcp start wait 0 wait 5'],
  },
];

// ---------------------------------------------------------------------------------------
// Generated hosts

const RELEASES_MODELLED: readonly Release[] = ['s8', 's9', 's10-early', 's10'];

/** Interfaces: physical, logical, the historic xx0, and a backup copy's name read as one. */
const NICS = ['bge0', 'ce0', 'ce0-old1', 'ce0:1', 'ce1', 'e1000g1', 'xx0'];

/** Files beside them that are not interfaces for net-physical (no final digit, or a further dot). */
const DECOYS = ['hostname.ce0.bak', 'hostname.ce0.old1', 'hostname.ip.tun0', 'hostname.ce1~', 'hostname6.ce1.orig', 'hostname6.ip6.tun0', 'dhcp.ce0.bak'];

const WORDS = [
  'myhost',
  'myhost-ce0-test',
  '192.168.10.10',
  '2001:db8::10/64',
  'up',
  'down',
  'group',
  'prod',
  'addif',
  'netmask',
  '+',
  'broadcast',
  'deprecated',
  '-failover',
  'failover',
  'standby',
  '-standby',
  'inet',
  'inet6',
  'dhcp',
  'UP',
  '#',
  '*',
  'é',
];
const DHCP_WORDS = ['primary', 'wait', '5', '10', '0', 'forever', '1.5', 'host.example.com', '.', '..', 'myhost', 'inet'];
const BLANKS = [' ', '  ', '\t', ' \t '];
// The parser's differential test's traps: continuations, escapes, escaped blanks.
const TRAPS = ['\\', '\\\n', ' \\\n', '\\ ', '\\\t', '\\ \n', '\\\\', '\\\\\n', '\\#', '\\+', '\\.'];
const BREAKS = ['\n', '\n\n', ' \n', '\n\t'];
const ENDINGS = ['\n', '\n', '\n', '', '\\', ' \\\n', '\n\n'];

function pieceFile(words: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...words), weight: 5 },
    { arbitrary: fc.constantFrom(...BLANKS), weight: 4 },
    { arbitrary: fc.constantFrom(...TRAPS), weight: 1 },
    { arbitrary: fc.constantFrom(...BREAKS), weight: 2 },
  );
  return fc.tuple(fc.array(piece, { maxLength: 16 }), fc.constantFrom(...ENDINGS)).map(([pieces, ending]) => pieces.join('') + ending);
}

const hostnameText = fc.oneof(
  { arbitrary: pieceFile(WORDS), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '',
      '\n',
      'myhost\n',
      'myhost',
      'myhost\n\n',
      '\nmyhost\n',
      'inet myhost\n',
      ' inet\tmyhost \n',
      'inet\nmyhost\n',
      'inet myhost up\n',
      CE0_DATA_AND_TEST,
      'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n',
      'group prod up\n',
      'myhost group prod up\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n',
      '\\ \nmyhost\n',
    ),
    weight: 2,
  },
);
const hostname6Text = fc.oneof(
  { arbitrary: pieceFile(WORDS), weight: 2 },
  { arbitrary: fc.constantFrom('', '\n', '-failover group prod up\n', 'addif 2001:db8::10/64 up\n', '\n-failover\n\nup\n', '\\ \n'), weight: 1 },
);
const dhcpText = fc.oneof(
  { arbitrary: pieceFile(DHCP_WORDS), weight: 2 },
  { arbitrary: fc.constantFrom('', '\n', 'primary\n', 'wait 5\n', 'primary\nwait 10\n', 'wait forever primary', 'primary.\n'), weight: 1 },
);

/** A value, or none (`weightOfNone` to 1). */
function maybe<T>(value: fc.Arbitrary<T>, weightOfNone: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: weightOfNone }, { arbitrary: value, weight: 1 });
}

const nicFiles = fc.record({ v4: maybe(hostnameText, 1), v6: maybe(hostname6Text, 3), dhcp: maybe(dhcpText, 3) });

const host = fc
  .record({
    release: fc.constantFrom(...RELEASES_MODELLED),
    // Most hosts have two to four interfaces: an interface with no file is common.
    nics: fc.tuple(...NICS.map(() => maybe(nicFiles, 1))),
    decoys: fc.subarray(DECOYS, { maxLength: 2 }),
    decoyText: hostnameText,
  })
  .map(({ release, nics, decoys, decoyText }) => {
    const files: HostFiles = {};
    nics.forEach((f, i) => {
      const nic = NICS[i]!;
      if (f?.v4 !== undefined) files[`hostname.${nic}`] = f.v4;
      if (f?.v6 !== undefined) files[`hostname6.${nic}`] = f.v6;
      if (f?.dhcp !== undefined) files[`dhcp.${nic}`] = f.dhcp;
    });
    for (const decoy of decoys) files[decoy] = decoyText;
    return { release, files };
  });

const shells = availableShells();

describe('boot differential: the engine runs the ifconfig commands a shell running the boot script runs (boot-scripts §1, §3)', () => {
  test('a POSIX shell is there to compare with', { skip: process.platform === 'win32' && 'no POSIX shell on Windows' }, () => {
    assert.ok(shells.length > 0, 'no /bin/sh');
  });

  describe('documented cases: the engine', () => {
    for (const example of EXAMPLES) {
      test(example.name, () => {
        const commands = engineCommands(example.files, example.release ?? 's10');
        assert.deepEqual(
          commands.map((c) => c.join(' ')),
          example.commands,
        );
      });
    }
  });

  shells.forEach((shell, n) => {
    const keep = (files: HostFiles): boolean => !echoWouldInterpret(files) && !(shell.trimsEscapedTail && Object.values(files).some(dashTrimsEscapedTail));

    test(`${shell.label}: the model runs the documented cases as written`, () => {
      for (const example of EXAMPLES) {
        const commands = shellCommands(shell, example.files, example.release ?? 's10');
        assert.deepEqual(
          commands.map((c) => c.join(' ')),
          example.commands,
          example.name,
        );
      }
    });

    test(`${shell.label}: generated hosts`, () => {
      fc.assert(
        fc.property(host, ({ release, files }) => {
          fc.pre(keep(files));
          assertSameAsShell(shell, files, release);
        }),
        // A seed per shell: the second opinion sees other hosts than /bin/sh.
        { seed: 5150 + n, numRuns: shell.runs, includeErrorInReport: true },
      );
    });
  });
});
