/**
 * `ipmp-lint` where linters live, run as a user runs it (the bundled dist/server/cli.js as a
 * child process): the project file, standard input with --stdin-filename, --max-warnings,
 * the github format, --fix, colour, the exit status, SARIF rule help, `npx ipmp-lint` and a
 * clean npm package.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { CLI, REPO_ROOT, runCli, Scratch, testWorkspace, type CliRun } from './client';
import { RULES } from '../../server/src/rules/registry';

const ws = testWorkspace('ipmp-cli-conv-', { server: false });

function run(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  // Tests run with whatever the CI sets: decide colour here.
  return runCli(args, { cwd: options.cwd ?? ws.root, timeout: 60_000, input: options.input, env: { ...withoutColorEnv(process.env), ...options.env } });
}

function withoutColorEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NO_COLOR;
  delete copy.FORCE_COLOR;
  return copy;
}

const write = (file: string, content: string | Buffer): string => ws.write(file, content);
const read = (file: string): string => readFileSync(ws.path(file), 'utf8');
const codes = (out: string): string[] => (JSON.parse(out) as { code: string }[]).map((p) => p.code);

const HOSTS = '127.0.0.1\tlocalhost\n192.168.10.10\tweb1\tloghost\n192.168.10.11\tweb1-ce0-test\n192.168.10.12\tweb1-ce1-test\n';
const CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'web1-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n';

for (const eol of ['LF', 'CRLF'] as const) {
  // Every case with CRLF line endings too (files other than the one under test stay LF).
  const crlf = (s: string): string => (eol === 'CRLF' ? s.replace(/\n/g, '\r\n') : s);
  const carriage = (codes: string[]): string[] => (eol === 'CRLF' ? ['carriage-return', ...codes] : codes);

  describe(`project file (.ipmp-lint.json) [${eol}]`, () => {
    test('its rules, ignore globs, release and fallback hosts file apply; --rule and --release win over it', () => {
      const dir = `project-${eol}`;
      write(`${dir}/common/hosts`, HOSTS);
      write(`${dir}/web1/etc/hostname.ce0`, crlf('web1 netmask + broadcast + group prod ipmp up\n'));
      write(`${dir}/web2/etc/hosts`, HOSTS);
      write(`${dir}/web2/etc/hostname.ce0`, crlf(CE0));
      // Without the project file: no hosts for web1, `ipmp` is Solaris 11 only, one member in web2.
      const bare = run(['-f', 'json', dir]);
      assert.deepEqual(codes(bare.out).sort(), [...carriage([]), ...(eol === 'CRLF' ? ['carriage-return'] : []), 'no-hosts-file', 'single-interface-group', 'solaris11-syntax'].sort());

      write(
        `${dir}/.ipmp-lint.json`,
        JSON.stringify({
          release: 'osol',
          rules: { 'single-interface-group': 'error' },
          ignore: { '{web1,web9}/etc/hostname.[a-z]*': ['carriage-return'] },
          fallbackHostsFile: 'common/hosts',
        }),
      );
      const configured = run(['-f', 'json', dir]);
      const problems = JSON.parse(configured.out) as { file: string; code: string; severity: string }[];
      assert.deepEqual(
        problems.map((p) => [p.file, p.code, p.severity]),
        [
          ...(eol === 'CRLF' ? [[`${dir}/web2/etc/hostname.ce0`, 'carriage-return', 'error']] : []),
          [`${dir}/web2/etc/hostname.ce0`, 'single-interface-group', 'error'],
        ],
      );
      assert.equal(configured.code, 1);
      assert.equal(configured.err, '');

      const overridden = run(['-f', 'json', '--release', 's10', '--rule', 'single-interface-group=off', dir]);
      assert.deepEqual(codes(overridden.out).sort(), [...(eol === 'CRLF' ? ['carriage-return'] : []), 'solaris11-syntax']);
    });

    test('what it cannot use: one line each on stderr, status 2 (3 with errors), the rest applies', () => {
      const dir = `badproject-${eol}`;
      write(`${dir}/web2/etc/hosts`, HOSTS);
      write(`${dir}/web2/etc/hostname.ce0`, crlf(CE0));
      write(`${dir}/.ipmp-lint.json`, JSON.stringify({ rules: { 'single-interface-group': 'off', 'carriage-return': 'off', 'no-such-rule': 'off' }, releese: 's9' }));
      const r = run([dir]);
      assert.equal(r.code, 2);
      assert.equal(r.out, 'no problems\n');
      assert.equal(
        r.err,
        [`ipmp-lint: ${dir}/.ipmp-lint.json: unknown setting 'releese' (release, rules, ignore, fallbackHostsFile)`, `ipmp-lint: ${dir}/.ipmp-lint.json: unknown rule id 'no-such-rule' in 'rules'`, ''].join('\n'),
      );
      write(`${dir}/.ipmp-lint.json`, '{ "rules": { "single-interface-group": "error" }, }');
      const broken = run([dir]);
      assert.equal(broken.code, eol === 'CRLF' ? 3 : 2, broken.out);
      assert.match(broken.err, /^ipmp-lint: .*\.ipmp-lint\.json: \.ipmp-lint\.json is not valid JSON \(.*\): it is not used\n$/);
    });
  });

  describe(`standard input [${eol}]`, () => {
    test("'-' with --stdin-filename: checked as that file, within its host on disk", () => {
      const dir = `stdin-${eol}`;
      write(`${dir}/web1/etc/hosts`, HOSTS);
      write(`${dir}/web1/etc/hostname.ce0`, CE0);
      // On disk ce1 is fine; standard input holds an edited copy with a typo.
      write(`${dir}/web1/etc/hostname.ce1`, CE1);
      const plain = CE1.replace('standby', 'standy');
      const edited = crlf(plain);
      const r = run(['-', '--stdin-filename', `${dir}/web1/etc/hostname.ce1`], { input: edited });
      const lines = r.out.trimEnd().split('\n');
      assert.deepEqual(
        lines.map((l) => l.replace(/^([^:]+:\d+:\d+: \S+ \S+):.*$/, '$1')),
        [
          `${dir}/web1/etc/hostname.ce1:1:${plain.indexOf('standy') + 1}: error unknown-keyword`,
          // CR endings are reported on the last word of the first line (where Solaris sees the CR).
          ...(eol === 'CRLF' ? [`${dir}/web1/etc/hostname.ce1:1:${plain.lastIndexOf('up') + 1}: error carriage-return`] : []),
          lines.at(-1)!,
        ],
      );
      assert.equal(r.code, 1);
      // The names resolve through the host's hosts file on disk; the file itself is untouched.
      assert.doesNotMatch(r.out, /unresolved-host|no-hosts-file/);
      assert.equal(read(`${dir}/web1/etc/hostname.ce1`), CE1);
      // A file that is not on disk yet is checked too (a new file in an editor or a pre-commit hook).
      const fresh = run(['-f', 'json', '-', '--stdin-filename', `${dir}/web1/etc/hostname.ce2`], { input: crlf('web1-ce2 up\n') });
      assert.deepEqual(codes(fresh.out).sort(), carriage(['unresolved-host']).sort());
    });
  });

  describe(`--fix [${eol}]`, () => {
    test('applies each safe fix, says what it changed, and leaves the rest', () => {
      const dir = `fix-${eol}`;
      write(`${dir}/web1/etc/hosts`, HOSTS);
      // A comment line, a keyword in capitals, a typo with one clear candidate.
      write(`${dir}/web1/etc/hostname.ce0`, crlf(`# primary\n${CE0.replace('group prod up', 'group prod UP')}`));
      // A typo of a host name (a person must choose: rename or add to hosts).
      write(`${dir}/web1/etc/hostname.ce1`, crlf('web1-ce1-tst deprecated -failover netmask + broadcast + group prod standy up\n'));
      // A misspelt setting, and no final newline.
      write(`${dir}/web1/etc/default/mpathd`, crlf('FAILUR_DETECTION_TIME=10000\nFAILBACK=yes\n').replace(/\r?\n$/, ''));
      const r = run(['--fix', '-f', 'json', dir]);
      assert.equal(read(`${dir}/web1/etc/hostname.ce0`), CE0, 'comment line gone, UP → up, LF');
      assert.equal(read(`${dir}/web1/etc/hostname.ce1`), 'web1-ce1-tst deprecated -failover netmask + broadcast + group prod standby up\n');
      assert.equal(read(`${dir}/web1/etc/default/mpathd`), 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\n');
      assert.equal(read(`${dir}/web1/etc/hosts`), HOSTS, 'a file with nothing to fix is not rewritten');
      const fixed = r.err.split('\n').filter((l) => l.startsWith('ipmp-lint: fixed '));
      // In the order applied: CR endings first, alone; then the rest on the LF text.
      const expected = [
        ...(eol === 'CRLF' ? [`${dir}/web1/etc/default/mpathd carriage-return: Convert line endings to LF`] : []),
        `${dir}/web1/etc/default/mpathd:1:1 unknown-setting: Change to FAILURE_DETECTION_TIME`,
        `${dir}/web1/etc/default/mpathd:2:1 missing-final-newline: Add the newline`,
        ...(eol === 'CRLF' ? [`${dir}/web1/etc/hostname.ce0 carriage-return: Convert line endings to LF`] : []),
        `${dir}/web1/etc/hostname.ce0:1:1 comment-not-supported: Delete the comment`,
        `${dir}/web1/etc/hostname.ce0:2:${CE0.indexOf('up \\') + 1} unknown-keyword: Change to 'up'`,
        ...(eol === 'CRLF' ? [`${dir}/web1/etc/hostname.ce1 carriage-return: Convert line endings to LF`] : []),
        `${dir}/web1/etc/hostname.ce1:1:68 unknown-keyword: Change to 'standby'`,
      ];
      // Where a CR finding points is the line's last word: not what this test is about.
      assert.deepEqual(
        fixed.map((l) => l.replace(/^ipmp-lint: fixed /, '').replace(/:\d+:\d+ carriage-return/, ' carriage-return')),
        expected,
      );
      assert.match(r.err, new RegExp(`\\nipmp-lint: ${expected.length} fix\\(es\\) applied in 3 file\\(s\\)\\n$`));
      // What is left is reported after the fixes: the host-name typo.
      assert.deepEqual(codes(r.out), ['unresolved-host']);
      assert.equal(r.code, 1);
      // Again: nothing left to fix.
      const again = run(['--fix', dir]);
      assert.match(again.err, /^ipmp-lint: nothing to fix\n$/);
    });

    test('a rule switched off is not fixed; a file that is not UTF-8 is left byte for byte', () => {
      const dir = `fixoff-${eol}`;
      write(`${dir}/web1/etc/hosts`, HOSTS);
      const ce0 = crlf('web1 netmask + broadcast + UP\n');
      write(`${dir}/web1/etc/hostname.ce0`, ce0);
      const latin1 = Buffer.concat([Buffer.from(crlf('web1 netmask + broadcast + up # caf')), Buffer.from([0xe9]), Buffer.from(crlf('\n'))]);
      write(`${dir}/web2/etc/hostname.ce0`, latin1);
      const r = run(['--fix', '--rule', 'unknown-keyword=off', '--rule', 'carriage-return=off', dir]);
      assert.equal(read(`${dir}/web1/etc/hostname.ce0`), ce0);
      assert.ok(readFileSync(ws.path(`${dir}/web2/etc/hostname.ce0`)).equals(latin1));
      assert.match(r.err, new RegExp(`ipmp-lint: not fixed ${dir}/web2/etc/hostname.ce0: it is not UTF-8 text`));
    });
  });
}

describe('usage', () => {
  test("'-' needs --stdin-filename, and the reverse; --fix does not take standard input", () => {
    for (const [args, message] of [
      [['-'], /'-' needs --stdin-filename/],
      [['--stdin-filename', 'x/etc/hosts', 'x'], /give '-' too/],
      [['--fix', '-', '--stdin-filename', 'x/etc/hosts'], /cannot fix standard input/],
      [['-', '-', '--stdin-filename', 'x/etc/hosts'], /can be given once/],
      [['--max-warnings', 'many', '.'], /--max-warnings takes a number/],
      [['-f', 'xml', '.'], /unknown format 'xml' \(text, json, sarif, github\)/],
      [['--colour', '.'], /unknown option '--colour'/],
    ] as const) {
      const r = run([...args], { input: '' });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
      assert.match(r.err, /\n\nUsage: ipmp-lint /);
      assert.equal(r.out, '');
    }
  });

  test('a --stdin-filename ipmp-lint does not know: status 2 and a message', () => {
    const r = run(['-', '--stdin-filename', 'notes.txt'], { input: 'x\n' });
    assert.equal(r.code, 2);
    assert.match(r.err, /^ipmp-lint: --stdin-filename notes\.txt: not a file ipmp-lint knows/);
  });
});

describe('explain with a project file', () => {
  test('its release and fallback hosts file are used; --release wins', () => {
    write('explain/.ipmp-lint.json', JSON.stringify({ release: 's9', fallbackHostsFile: 'common/hosts' }));
    write('explain/common/hosts', HOSTS);
    write('explain/web1/etc/hostname.ce0', CE0);
    const r = run(['explain', '-f', 'json', 'explain/web1']);
    assert.equal(r.code, 0, r.err);
    const host = (JSON.parse(r.out) as { hosts: { release: string; commands: { outcome?: string; status?: string }[] }[] }).hosts[0]!;
    assert.equal(host.release, 's9');
    assert.doesNotMatch(r.out, /bad address/, 'the names resolve through the fallback hosts file');
    assert.match(run(['explain', '--release', 's10', 'explain/web1']).out, /^Boot preview of explain\/web1\/etc — Solaris 10 \(8\/07 and later\)/);
  });
});

describe('--max-warnings', () => {
  test('fails with 1 only when warnings are more than the limit', () => {
    write('warn/app1/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10\nFAILBACK=yes\nFAILBACK=no\n');
    assert.equal(run(['warn']).code, 0);
    assert.equal(run(['--max-warnings', '2', 'warn']).code, 0);
    const over = run(['--max-warnings', '1', 'warn']);
    assert.equal(over.code, 1);
    assert.equal(over.err, 'ipmp-lint: 2 warning(s): more than --max-warnings 1\n');
    assert.equal(run(['--max-warnings=0', 'warn']).code, 1);
  });
});

describe('exit status', () => {
  test('errors and a path that cannot be read: 3, so neither hides the other', () => {
    write('errs/web1/etc/hostname.ce0', 'web1 UP\n');
    const r = run(['errs', 'no/such/folder']);
    assert.equal(r.code, 3);
    assert.equal(r.err, 'ipmp-lint: cannot read no/such/folder: no such file or folder\n');
  });
});

describe('-f github', () => {
  test('one workflow annotation per problem, with the command escapes', () => {
    write('gh/web,1/etc/hosts', HOSTS);
    write('gh/web,1/etc/hostname.ce0', 'web1 netmask + broadcast + group prod standy up\n');
    write('gh/web,1/etc/default/mpathd', 'FAILURE_DETECTION_TIME=10\n');
    const r = run(['--format=github', 'gh']);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^::warning file=gh\/web%2C1\/etc\/default\/mpathd,line=1,col=24,endLine=1,endColumn=26,title=ipmp-lint detection-time-units::FAILURE_DETECTION_TIME is in milliseconds/);
    assert.match(lines[1]!, /^::error file=gh\/web%2C1\/etc\/hostname\.ce0,line=1,col=39,endLine=1,endColumn=45,title=ipmp-lint unknown-keyword::'standy' is not an ifconfig keyword/);
    assert.equal(lines[2], '1 error(s), 1 warning(s), 0 info');
    // info is a notice; a % in a message is escaped.
    write('gh2/box/etc/hostname.ce0.bak', 'box up\n');
    const notice = run(['-f', 'github', 'gh2']);
    assert.match(notice.out, /^::notice file=gh2\/box\/etc\/hostname\.ce0\.bak,line=1,col=1,[^:]*title=ipmp-lint ignored-file::/);
  });
});

describe('colour', () => {
  const ESC = '\x1b[';
  test('off in a pipe; on with --color or FORCE_COLOR; NO_COLOR wins over FORCE_COLOR; --no-color wins over all', () => {
    write('colour/web1/etc/hostname.ce0', 'web1 UP\n');
    assert.ok(!run(['colour']).out.includes(ESC));
    const forced = run(['--color', 'colour']).out;
    assert.ok(forced.includes(`${ESC}1m${ESC}31merror${ESC}0m`), JSON.stringify(forced));
    assert.ok(run(['colour'], { env: { FORCE_COLOR: '1' } }).out.includes(ESC));
    assert.ok(!run(['colour'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).out.includes(ESC));
    assert.ok(!run(['--no-color', 'colour'], { env: { FORCE_COLOR: '1' } }).out.includes(ESC));
    // Colour is for the text format only.
    assert.ok(!run(['--color', '-f', 'json', 'colour']).out.includes(ESC));
    // Without colour the text is exactly the coloured text without its escapes.
    assert.equal(forced.replace(/\x1b\[[0-9;]*m/g, ''), run(['colour']).out);
  });

  test('on a terminal by default, and off there with NO_COLOR', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a pseudo-terminal' }, () => {
    write('tty/web1/etc/hostname.ce0', 'web1 UP\n');
    const inTerminal = (env: NodeJS.ProcessEnv): string => {
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} tty`;
      // A user's terminal: no CI variable (with one, Node's colour check says a CI log has none).
      const base = withoutColorEnv(process.env);
      delete base.CI;
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ws.root, encoding: 'utf8', timeout: 60_000, env: { ...base, TERM: 'xterm-256color', ...env } });
      if (r.error) throw r.error;
      return r.stdout;
    };
    assert.ok(inTerminal({}).includes(ESC), 'colour on a terminal');
    assert.ok(!inTerminal({ NO_COLOR: '1' }).includes(ESC), 'NO_COLOR honoured');
    assert.match(inTerminal({ NO_COLOR: '1' }), /tty\/web1\/etc\/hostname\.ce0:1:6: error unknown-keyword: /);
  });
});

describe('sarif', () => {
  test('every rule with its full description and help from the catalogue; the run says what was not read', () => {
    write('sarif/web1/etc/hostname.ce0', 'web1 UP\n');
    const r = run(['-f', 'sarif', 'sarif', 'no/such/path']);
    assert.equal(r.code, 3);
    const log = JSON.parse(r.out) as {
      runs: {
        tool: { driver: { rules: { id: string; fullDescription: { text: string }; help: { text: string; markdown: string } }[] } };
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
      }[];
    };
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const rules = log.runs[0]!.tool.driver.rules;
    assert.deepEqual(rules.map((x) => x.id), [...RULES.keys()]);
    for (const rule of rules) {
      assert.ok(rule.fullDescription.text.length > 20, rule.id);
      assert.ok(rule.help.text.includes(rule.fullDescription.text), rule.id);
      assert.match(rule.help.markdown, /\*\*Fix:\*\*/, rule.id);
    }
    const invocation = log.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications.map((n) => n.message.text), ['cannot read no/such/path: no such file or folder']);
  });
});

describe('the README', () => {
  test('its GitHub workflow runs ipmp-lint with options it takes, and its project file example is valid', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const workflow = /```yaml\n# \.github\/workflows\/ipmp-lint\.yml\n([^]*?)```/.exec(readme)?.[1];
    assert.ok(workflow, 'the workflow example');
    const runs = [...workflow.matchAll(/node \.solaris-ipmp\/dist\/server\/cli\.js ([^>|\n]+)/g)].map((m) => m[1]!.trim().split(/\s+/));
    assert.deepEqual(runs.map((args) => args.find((a, i) => args[i - 1] === '--format')), ['github', 'sarif']);
    for (const args of runs) {
      const r = run(args.map((a) => (a === 'hosts/' ? path.join(REPO_ROOT, 'examples') : a)));
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`); // legacy1 has errors on purpose
      assert.equal(r.err.replace(/^ipmp-lint: \d+ warning\(s\): more than --max-warnings 0\n$/, ''), '');
    }
    assert.match(workflow, /upload-sarif/);
    const example = /### Configuration: `\.ipmp-lint\.json`[^]*?```json\n([^]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the project file example');
    write('readme-example/.ipmp-lint.json', example);
    write('readme-example/common/etc/hosts', HOSTS);
    write('readme-example/web1/etc/hostname.ce0', CE0);
    const r = run(['readme-example']);
    assert.equal(r.err, '', 'every key of the example is used');
    assert.equal(r.code, 0, r.out);
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

describe('installing', () => {
  test(
    'pre-commit installs the hooks from this repository and runs them: check, fix, check',
    { skip: !preCommit && 'pre-commit is not installed (.ci/run installs it)', timeout: 900_000 },
    () => {
      const scratch = new Scratch('ipmp-precommit-');
      const repo = scratch.root;
      // Its own environment cache: the hook is installed from this tree (npm install, npm pack).
      const env = { ...withoutColorEnv(process.env), PRE_COMMIT_HOME: path.join(repo, '.cache'), PRE_COMMIT_COLOR: 'never' };
      const git = (...args: string[]): void => {
        const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      };
      const tryHook = (id: string): CliRun => {
        const r = spawnSync('pre-commit', ['try-repo', hookRepo, id, '--all-files'], { cwd: repo, encoding: 'utf8', timeout: 600_000, env });
        if (r.error) throw r.error;
        return { code: r.status, out: r.stdout, err: r.stderr };
      };
      // The hook repository as pre-commit sees it: the committed tree (uncommitted edits to
      // tracked files would come along without the new files they need).
      const hookRepo = path.join(repo, '.hook-repo');
      try {
        const clone = spawnSync('git', ['clone', '-q', REPO_ROOT, hookRepo], { encoding: 'utf8' });
        assert.equal(clone.status, 0, clone.stderr);
        scratch.write('hosts/web1/etc/hosts', HOSTS);
        scratch.write('hosts/web1/etc/hostname.ce0', 'web1 netmask + broadcast + standy up\n');
        scratch.write('README', 'not a Solaris file\n');
        scratch.write('.gitignore', '.hook-repo/\n.cache/\n');
        git('init', '-q');
        git('add', '-A');
        const check = tryHook('ipmp-lint');
        assert.equal(check.code, 1, check.out + check.err);
        assert.match(check.out, /^hosts\/web1\/etc\/hostname\.ce0:1:28: error unknown-keyword: /m);
        const fix = tryHook('ipmp-lint-fix');
        assert.equal(fix.code, 1, 'pre-commit stops the commit when a hook changed files');
        assert.match(fix.out, /files were modified by this hook/);
        assert.equal(readFileSync(path.join(repo, 'hosts', 'web1', 'etc', 'hostname.ce0'), 'utf8'), 'web1 netmask + broadcast + standby up\n');
        git('add', '-A');
        const again = tryHook('ipmp-lint');
        assert.equal(again.code, 0, again.out + again.err);
      } finally {
        scratch.remove();
      }
    },
  );

  test('`npx ipmp-lint` runs the built CLI from the repository', () => {
    const r = spawnSync('npx', ['--offline', 'ipmp-lint', '--version'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ipmp-lint \d+\.\d+\.\d+/);
  });

  test('the npm package holds what the CLI and the extension run, and installs to a working ipmp-lint', () => {
    const scratch = new Scratch('ipmp-pack-');
    const dir = scratch.root;
    try {
      // --ignore-scripts: dist/ is built already (the test suite builds it first).
      const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
      assert.equal(pack.status, 0, pack.stderr);
      const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
      const files = info!.files.map((f) => f.path).sort();
      for (const needed of ['dist/server/cli.js', 'dist/server/main.js', 'dist/client/extension.js', 'schemas/ipmp-lint.schema.json', 'package.json', 'README.md', 'LICENSE']) {
        assert.ok(files.includes(needed), `${needed} in ${files.join(', ')}`);
      }
      for (const file of files) assert.doesNotMatch(file, /^(server|client|test|scripts|out|examples|node_modules)\/|\.map$|\.ts$/, file);
      // Installed in a project of its own, with no registry: the bin works.
      scratch.write('package.json', '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
      const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(dir, info!.filename)], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(install.status, 0, install.stderr);
      const bin = path.join(dir, 'node_modules', '.bin', 'ipmp-lint');
      scratch.write('box/etc/hostname.ce0', 'box UP\n');
      const r = spawnSync(bin, ['box'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^box\/etc\/hostname\.ce0:1:5: error unknown-keyword: /m);
      assert.ok(readdirSync(path.join(dir, 'node_modules')).includes('solaris-ipmp'));
    } finally {
      scratch.remove();
    }
  });
});
