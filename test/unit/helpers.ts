/**
 * Shared test helpers. Every case runs twice: with LF and with CRLF line endings. Under
 * CRLF the only difference allowed is the `carriage-return` diagnostic (DESIGN.md, Tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/syntax/text';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../../server/src/rules/types';

export type Eol = 'LF' | 'CRLF';
export const EOLS: readonly Eol[] = ['LF', 'CRLF'];

export function withEol(text: string, eol: Eol): string {
  return eol === 'LF' ? text : text.replace(/\r?\n/g, '\r\n');
}

/** Registers `name [LF]` and `name [CRLF]`, handing each the text with that ending. */
export function eolTest(name: string, text: string, body: (text: string, eol: Eol) => void | Promise<void>): void {
  for (const eol of EOLS) test(`${name} [${eol}]`, () => body(withEol(text, eol), eol));
}

/** Splits `a|b` into the text `ab` and the offset of the cursor marker. */
export function cursorAt(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset === -1) throw new Error('no | cursor marker in test input');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function textIn(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** `rule: covered text` for each finding, in order; CRLF's own diagnostic left out. */
export function summarize(text: string, findings: readonly Finding[], options: { keepCarriageReturn?: boolean } = {}): string[] {
  return findings
    .filter((f) => options.keepCarriageReturn || f.rule !== 'carriage-return')
    .map((f) => `${f.rule}: ${textIn(text, f.range).replace(/\r\n/g, "\n")}`);
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

/**
 * The two assertions every single-file rule test uses, for one file and its check: the
 * findings (rule: covered text) under LF and CRLF, and a quick fix that removes its finding.
 */
export function ruleAssertions(uri: string, check: (text: string) => Finding[]) {
  function expectFindings(name: string, text: string, expected: string[]): void {
    eolTest(name, text, (t, eol) => {
      const findings = check(t);
      assert.deepEqual(summarize(t, findings), expected);
      const cr = findings.filter((f) => f.rule === 'carriage-return');
      assert.equal(cr.length, eol === 'CRLF' && t.includes('\r') ? 1 : 0);
    });
  }
  function expectFix(name: string, text: string, rule: string, expected: string, fixIndex = 0): void {
    eolTest(name, text, (t, eol) => {
      const finding = check(t).find((f) => f.rule === rule);
      assert.ok(finding, `expected a ${rule} finding`);
      const fix = finding.fixes?.[fixIndex];
      assert.ok(fix, `expected fix ${fixIndex} for ${rule}`);
      assert.ok(fix.edits.every((e) => e.uri === uri));
      const fixed = applyEdits(t, fix.edits.flatMap((e) => e.edits));
      assert.equal(fixed, withEol(expected, eol));
      assert.ok(!check(fixed).some((f) => f.rule === rule), `the ${rule} finding is gone`);
    });
  }
  return { expectFindings, expectFix };
}
