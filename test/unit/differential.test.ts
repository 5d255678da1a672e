/**
 * Differential test (DESIGN.md, Tests): generated hostname files go through a real POSIX
 * shell's `while read line` loop, the way net-physical reads them (§1.4, §1.6), with a
 * recording stand-in for ifconfig. Our parser's logical lines must be exactly the commands
 * the shell ran, word for word.
 *
 * /bin/sh here is dash (Debian) or another POSIX shell. For what the model covers, its `read`
 * follows the same rules as Solaris /sbin/sh: backslash-newline joins lines with nothing in
 * between, any other backslash escapes the next character, leading and trailing blanks go,
 * and a last line without a newline makes `read` fail, so the loop body never sees it. The
 * expansion of `$line` is unquoted, as in net-physical; `set -f` keeps `*`, `?` and `[` from
 * being matched against the test machine's files (on Solaris they would be: reference §1.4).
 *
 * One known difference: dash 0.5.12 drops a record's last words when they are made only of
 * escaped characters (`a \b` reads as `a`). Where /bin/sh does that, those inputs are left
 * out for it, and bash in POSIX mode, when installed, checks every input as a second opinion.
 *
 * Inputs hold no `$`, quotes, backquotes or NUL: they mean nothing special to `read` or to
 * the expansion of a variable, but are not worth the doubt about one shell's corner cases.
 *
 * Line endings: the main property uses LF only. A CR before an LF is where we part from the
 * shell on purpose: Solaris (and dash) keep that CR as the last character of the line, while
 * our parser reads CRLF like LF (DESIGN.md) and the `carriage-return` rule reports it. A CR
 * anywhere else is an ordinary word character for both, which the second property checks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { commandRuns, parseHostnameFile } from '../../server/src/syntax/hostname';

// Separators that no generated input contains: record, argument, and "after the loop".
const RECORD = '\x1e';
const ARGUMENT = '\x1f';
const AFTER_LOOP = '\x1d';

/**
 * `ifconfig` records one invocation: a record separator, then each argument after an
 * argument separator. After the loop, `$line` still holds what the failed `read` got from
 * an unterminated last line; it is recorded once more, behind its own marker.
 */
const SCRIPT = [
  'set -f',
  `ifconfig() { printf '\\036'; for word in "$@"; do printf '\\037%s' "$word"; done; }`,
  'while read line; do ifconfig $line; done',
  `printf '\\035'`,
  'ifconfig $line',
].join('\n');

interface Shell {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Whether what `read` leaves in `$line` at the end of the file is worth comparing. */
  readonly comparesLeftover: boolean;
  /** Inputs this shell reads differently from Solaris for a reason outside our model. */
  readonly quirk?: (text: string) => boolean;
  /** Generated files per property: the second opinion gets fewer, to keep `npm test` quick. */
  readonly runs: number;
}

/** One character of a record as `read` returns it, and whether a backslash escaped it. */
interface ReadChar {
  readonly c: string;
  readonly escaped: boolean;
}

/** The records `read` returns (the unterminated last one too), with the escape of each character. */
function recordsWithEscapes(text: string): ReadChar[][] {
  const records: ReadChar[][] = [];
  let record: ReadChar[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      if (i < text.length && text[i] !== '\n') record.push({ c: text[i]!, escaped: true });
    } else if (c === '\n') {
      records.push(record);
      record = [];
    } else {
      record.push({ c, escaped: false });
    }
  }
  records.push(record);
  return records;
}

/**
 * dash 0.5.12 trims a record's end as if escaped characters were blanks: after the last
 * unescaped word character, an unescaped blank followed only by escaped characters and
 * blanks is cut off with them (`a \b` reads as `a`; bash and Solaris sh give `a b`). This
 * finds the inputs where that happens, so the test can leave them to the other shells.
 */
function dashTrimsEscapedTail(text: string): boolean {
  const isBlank = (r: ReadChar): boolean => r.c === ' ' || r.c === '\t';
  return recordsWithEscapes(text).some((record) => {
    let last = -1;
    record.forEach((r, i) => {
      if (!r.escaped && !isBlank(r)) last = i;
    });
    const blank = record.findIndex((r, i) => i > last && !r.escaped && isBlank(r));
    return blank !== -1 && record.some((r, i) => i > blank && r.escaped && !isBlank(r));
  });
}

/** What `$line` holds after `while read line` has run over `input`. */
function lineAfterLoop(command: string, args: readonly string[], input: string): string | undefined {
  const result = spawnSync(command, [...args, '-c', 'while read line; do :; done; printf %s "$line"'], { input, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

function probeShell(label: string, command: string, args: readonly string[], runs: number): Shell | undefined {
  if (!existsSync(command) || lineAfterLoop(command, args, 'a b') !== 'a b') return undefined;
  const trimsEscapedTail = lineAfterLoop(command, args, 'a \\b') === 'a';
  // bash leaves an internal marker in `$line` when `read` stops on a backslash at the end of
  // the file; the boot script never uses that value, so such a shell's leftover is not compared.
  const comparesLeftover = lineAfterLoop(command, args, 'x\n\\') === '';
  return { label, command, args, comparesLeftover, quirk: trimsEscapedTail ? dashTrimsEscapedTail : undefined, runs };
}

/** /bin/sh, and bash in POSIX mode as a second opinion where installed (it covers dash's quirk). */
function availableShells(): Shell[] {
  const bash = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));
  const shells = [probeShell('/bin/sh', '/bin/sh', [], 300), bash ? probeShell('bash --posix', bash, ['--posix'], 150) : undefined];
  return shells.filter((s): s is Shell => s !== undefined);
}

interface ShellRun {
  /** The argument list of each loop iteration, in order (empty lines included). */
  readonly commands: string[][];
  /** The words of what `read` returned when it failed at the end of the file. */
  readonly leftover: string[];
}

function splitRecords(out: string): string[][] {
  return out
    .split(RECORD)
    .slice(1)
    .map((record) => record.split(ARGUMENT).slice(1));
}

function runShell(shell: Shell, text: string): ShellRun {
  const result = spawnSync(shell.command, [...shell.args, '-c', SCRIPT], { input: text, encoding: 'utf8' });
  assert.equal(result.status, 0, `${shell.label} failed: ${result.stderr}`);
  const marker = result.stdout.indexOf(AFTER_LOOP);
  assert.notEqual(marker, -1, 'the shell never left the loop');
  const leftover = splitRecords(result.stdout.slice(marker + 1));
  assert.equal(leftover.length, 1);
  return { commands: splitRecords(result.stdout.slice(0, marker)), leftover: leftover[0]! };
}

function assertSameAsShell(shell: Shell, text: string): void {
  const run = runShell(shell, text);
  const file = parseHostnameFile(text, { fileName: 'hostname.ce0' });
  const words = (ws: readonly { text: string }[]): string[] => ws.map((w) => w.text);

  // Every record `read` returned, blank ones included: they decide single- vs multi-line (§1.4).
  // The loop body never runs for an unterminated last line.
  const records = file.lines.filter((l) => l.terminated);
  assert.equal(run.commands.length, records.length, 'the shell ran a different number of commands');
  assert.deepEqual(records.map((l) => words(l.words)), run.commands, 'records differ');

  // The commands that reach ifconfig: terminated lines with at least one word, in order.
  const commands = file.commands.filter((c) => commandRuns(file, c)).map((c) => words(c.line.words));
  assert.deepEqual(commands, run.commands.filter((c) => c.length > 0), 'commands differ');

  // The unterminated last line: `read` saw it (and failed), we keep it for the editor.
  const last = file.lines[file.lines.length - 1];
  const unterminated = last && !last.terminated ? words(last.words) : [];
  assert.deepEqual(file.unterminatedLine ? words(file.unterminatedLine.words) : [], unterminated);
  if (shell.comparesLeftover) assert.deepEqual(run.leftover, unterminated, 'unterminated last line differs');
}

/** Pieces that exercise the traps of §1.6: keywords, names, `+`, blanks, backslashes, `#`. */
const WORDS = [
  'myhost',
  'myhost-ce0-test',
  '192.168.10.10',
  'up',
  'down',
  'group',
  'prod',
  'addif',
  'netmask',
  'broadcast',
  'deprecated',
  '-failover',
  'standby',
  'inet',
  'dhcp',
  'UP',
  '+',
  '#',
  '#note',
  '*',
  '?',
  '[ab]',
  'é',
  '\u{1F600}', // a surrogate pair in UTF-16
];
const BLANKS = [' ', '  ', '\t', ' \t '];
const TRAPS = [
  '\\', // mid-word: escapes the next character
  '\\\n', // continuation, glued when words touch it
  ' \\\n', // the documented continuation
  '\\ ', // escapes a blank
  '\\\t',
  '\\ \n', // backslash + blank + newline: no continuation
  '\\\\', // an escaped backslash
  '\\\\\n', // an escaped backslash at the end of a line
  '\\#',
  '\\+',
];
const BREAKS = ['\n', '\n\n', ' \n', '\n\t'];
const ENDINGS = ['', '\n', '\\', '\\\n', ' ', '\\\\', '\n\n'];

const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 4 },
  { arbitrary: fc.constantFrom(...BLANKS), weight: 3 },
  { arbitrary: fc.constantFrom(...TRAPS), weight: 2 },
  { arbitrary: fc.constantFrom(...BREAKS), weight: 2 },
);

/** Hostname-like files built from whole pieces. */
const pieceFile = fc
  .tuple(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...ENDINGS))
  .map(([pieces, ending]) => pieces.join('') + ending);

/** Character soup from a small alphabet: backslashes land everywhere, at the end too. */
const charFile = fc.string({ unit: fc.constantFrom('a', 'u', 'p', '+', '#', ' ', '\t', '\\', '\\', '\n'), maxLength: 40 });

const hostnameText = fc.oneof({ arbitrary: pieceFile, weight: 3 }, { arbitrary: charFile, weight: 1 });

const DOCUMENTED = [
  // §3.7: the classic continued line.
  'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n',
  // §1.6: a glued backslash makes one word of two.
  'myhost up\\\naddif myhost-ce0-test up\n',
  // §1.6: backslash + blank is no continuation.
  'myhost up \\ \naddif myhost-ce0-test up\n',
  // §1.4: an unterminated last line is never run.
  'myhost up\naddif myhost-ce0-test up',
  'myhost up',
  // A backslash at the very end of the file, after a continuation, and an escaped backslash.
  'myhost up\\',
  'myhost up \\\n',
  'my\\host u\\p\\\\\n',
  // Blank lines, blank-only lines and a comment are records too.
  '\n \t\nmyhost\n\n# note\n',
  '',
];

/** A CR that does not end a line (see the header for CRLF). */
const withLoneCr = fc
  .array(fc.oneof(piece, fc.constantFrom('\r', 'up\r', '\\\r', '\r ')), { maxLength: 20 })
  .map((pieces) => `${pieces.join('')}\n`)
  .filter((text) => !text.includes('\r\n'));

const shells = availableShells();

describe('differential: our logical lines are the commands a real shell runs (§1.4, §1.6)', () => {
  test('a POSIX shell is there to compare with', { skip: process.platform === 'win32' && 'no POSIX shell on Windows' }, () => {
    assert.ok(shells.length > 0, 'no /bin/sh');
  });

  for (const shell of shells) {
    const keep = (text: string): boolean => !shell.quirk?.(text);

    test(`${shell.label}: documented cases`, () => {
      for (const text of DOCUMENTED.filter(keep)) assertSameAsShell(shell, text);
    });

    test(`${shell.label}: generated hostname files, LF line endings`, () => {
      fc.assert(
        fc.property(hostnameText, (text) => {
          fc.pre(keep(text));
          assertSameAsShell(shell, text);
        }),
        { seed: 4242, numRuns: shell.runs, includeErrorInReport: true },
      );
    });

    test(`${shell.label}: a CR that does not end a line is an ordinary word character for both`, () => {
      fc.assert(
        fc.property(withLoneCr, (text) => {
          fc.pre(keep(text));
          assertSameAsShell(shell, text);
        }),
        { seed: 4243, numRuns: Math.ceil(shell.runs / 3), includeErrorInReport: true },
      );
    });
  }
});
