/**
 * The `$ipmp-lint` problem matcher (package.json contributes.problemMatchers) against what the
 * real CLI prints: every problem line matches, and yields the file, line, column, severity, rule
 * and message that `--format json` gives for it; the summary and stderr lines match nothing.
 * Paths relative to the current directory and absolute ones, a `:` in a file name
 * (`hostname.ce0:1`), and `hint` all parse. (How VS Code then reads them, colour included, is
 * tested in the real VS Code: test/vscode/suite/tasks.test.ts.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, runCli, testWorkspace } from './client';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

interface Matcher {
  name: string;
  owner: string;
  source: string;
  fileLocation: unknown;
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

const matcher: Matcher = pkg.contributes.problemMatchers.find((m: Matcher) => m.name === 'ipmp-lint');
const regexp = new RegExp(matcher.pattern.regexp);

function matched(line: string): { file: string; line: number; column: number; severity: string; code: string; message: string } | undefined {
  const m = regexp.exec(line);
  if (!m) return undefined;
  const p = matcher.pattern;
  return { file: m[p.file]!, line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity]!, code: m[p.code]!, message: m[p.message]! };
}

function run(args: string[], cwd: string): { stdout: string; stderr: string } {
  const r = runCli(['--no-color', ...args], { cwd });
  assert.ok(r.code !== null && r.code <= 3, `ipmp-lint exited with ${r.code}: ${r.err}`);
  return { stdout: r.out, stderr: r.err };
}

const ws = testWorkspace('ipmp-matcher-', {
  server: false,
  setup: ({ copy, write }) => {
    copy('examples', 'tree');
    write('tree/logical/etc/hostname.ce0:1', '# a logical interface\n');
  },
});

describe('the $ipmp-lint problem matcher', () => {
  test('is contributed for VS Code: owner and source ipmp-lint, relative or absolute paths', () => {
    assert.equal(matcher.owner, 'ipmp-lint');
    assert.equal(matcher.source, 'ipmp-lint');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  for (const where of ['relative', 'absolute'] as const) {
    test(`reads every problem line of the text format (${where} paths), as --format json has it`, () => {
      // Inside the current directory paths are relative; from elsewhere they are absolute.
      const cwd = where === 'relative' ? ws.path('tree') : REPO_ROOT;
      const target = where === 'relative' ? '.' : ws.path('tree');
      const options = ['--rule', 'detection-time-units=hint', target];
      const text = run(options, cwd);
      const json = JSON.parse(run(['--format', 'json', ...options], cwd).stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
      const lines = text.stdout.trimEnd().split('\n');
      const summary = lines.pop()!;
      assert.match(summary, /^\d+ error\(s\), \d+ warning\(s\), \d+ info$/);
      assert.equal(matched(summary), undefined, 'the summary is no problem');
      for (const line of text.stderr.split('\n').filter(Boolean)) assert.equal(matched(line), undefined, `stderr: ${line}`);

      const parsed = lines.map((line) => {
        const m = matched(line);
        assert.ok(m, `a problem line the matcher misses: ${line}`);
        return m;
      });
      assert.deepEqual(
        parsed,
        json.map((p) => ({ file: p.file, line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message })),
      );
      assert.ok(parsed.some((p) => p.severity === 'hint' && p.code === 'detection-time-units'), 'a hint line');
      const logical = parsed.find((p) => p.file.endsWith('hostname.ce0:1'));
      assert.ok(logical, 'the file name with a colon is read whole');
      assert.equal(path.isAbsolute(logical.file), where === 'absolute');
      assert.deepEqual([logical.line, logical.column, logical.code], [1, 1, 'comment-not-supported']);
    });
  }
});
