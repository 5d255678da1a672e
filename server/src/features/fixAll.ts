/**
 * The quick fixes safe to apply without a person choosing: each has one right answer and
 * changes only what its finding names (`ipmp-lint --fix`). CR line endings, the final newline,
 * a comment, and a misspelt keyword or setting whose candidate is clear (the only one, or the
 * only one that close: `standy` → `standby`, not `-standby`). A fix that would
 * touch another file, create one, or overlap another fix waits for the next pass.
 */
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../syntax/text';
import type { RuleId } from '../rules/registry';
import type { Finding, Fix } from '../rules/types';

/** Rules whose fix `--fix` may apply (when the rule marks it `safe`). */
export const SAFE_FIX_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['carriage-return', 'missing-final-newline', 'comment-not-supported', 'unknown-keyword', 'unknown-setting']);

export interface AppliedFix {
  readonly rule: RuleId;
  readonly title: string;
  /** Where the finding was, in the text before this pass. */
  readonly range: Range;
}

export interface FixPass {
  readonly text: string;
  readonly applied: readonly AppliedFix[];
}

/**
 * The one fix a finding may apply unattended, or undefined: its rule is one of the safe ones
 * and the rule marked the fix safe (a typo's fix only when no other candidate is as close).
 */
export function safeFixOf(finding: Finding, uri: string, sameFile: (a: string, b: string) => boolean): Fix | undefined {
  if (!SAFE_FIX_RULES.has(finding.rule)) return undefined;
  const fix = (finding.fixes ?? []).find((f) => f.safe);
  if (!fix || fix.edits.length === 0 || fix.edits.some((e) => e.create || !sameFile(e.uri, uri))) return undefined;
  return fix;
}

/**
 * One pass over a file's findings: every safe fix that does not overlap one taken before it,
 * applied to `text`. Run again on the new text's findings until nothing is applied.
 */
export function applySafeFixes(text: string, uri: string, findings: readonly Finding[], sameFile: (a: string, b: string) => boolean = (a, b) => a === b): FixPass {
  const index = new LineIndex(text);
  const taken: { start: number; end: number; newText: string }[] = [];
  const applied: AppliedFix[] = [];
  // Conservative: ranges that overlap or touch conflict, unless both replace text and only
  // share an end point. A fix left out is applied in the next pass.
  const conflict = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
    a.start <= b.end && b.start <= a.end && !(a.start < a.end && b.start < b.end && (a.end === b.start || b.end === a.start));
  const overlaps = (start: number, end: number): boolean => taken.some((t) => conflict({ start, end }, t));
  // CR endings first and alone: every other fix is then computed on the LF text, once.
  const lineEndings = findings.find((f) => f.rule === 'carriage-return' && safeFixOf(f, uri, sameFile));
  for (const finding of lineEndings ? [lineEndings] : findings) {
    const fix = safeFixOf(finding, uri, sameFile);
    if (!fix) continue;
    const edits = fix.edits.flatMap((e) => e.edits).map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }));
    if (edits.some((e) => overlaps(e.start, e.end))) continue;
    // Edits of one fix must not overlap each other either (they never do; a bad one is skipped).
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    if (sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end)) continue;
    taken.push(...edits);
    applied.push({ rule: finding.rule, title: fix.title, range: finding.range });
  }
  if (taken.length === 0) return { text, applied };
  let out = text;
  // Right to left, so earlier offsets stay valid; insertions at one point keep their order.
  const order = taken.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  for (const e of order) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied };
}
