/**
 * The long explanation of every rule: what it catches, what Solaris does at boot because of
 * it, and how to correct it. Each is written in the rule's definition (rules/definitions/);
 * this module gathers them for the CLI's SARIF output (`fullDescription`, `help.text`,
 * `help.markdown`) and anything else that explains a rule.
 *
 * Written in our own words from the facts in domain/REFERENCE.md and what the rules and their
 * quick fixes really do. Text is Markdown-light, as in catalog/keywordDocs.ts: only `code
 * spans`, and no raw `<`, `>`, `*`, `_`, `[`, `]` or backslash outside them, so the same text
 * reads as plain text and renders as Markdown.
 */
import type { RuleDoc } from './define';
import { RULE_DEFINITIONS, RULES, type RuleId } from './registry';

export type { RuleDoc } from './define';

export const RULE_DOCS: Readonly<Record<RuleId, RuleDoc>> = Object.fromEntries([...RULE_DEFINITIONS].map(([id, definition]) => [id, definition.doc])) as Record<RuleId, RuleDoc>;

function defaultSeverity(id: RuleId): string {
  return RULES.get(id)?.severity ?? 'error';
}

/**
 * A short Markdown help for a rule (SARIF `help.markdown`; GitHub code scanning shows it):
 * the description, the fix, and the default severity with where to change it.
 */
export function ruleHelpMarkdown(id: RuleId): string {
  const doc = RULE_DOCS[id];
  return [
    doc.description,
    `**Fix:** ${doc.fix}`,
    `Default severity: **${defaultSeverity(id)}**. Change it with the setting \`solarisIpmp.rules\` or \`ipmp-lint --rule ${id}=<level>\`.`,
  ].join('\n\n');
}

/** The same help as plain text (SARIF `help.text`). */
export function ruleHelpText(id: RuleId): string {
  const doc = RULE_DOCS[id];
  return [
    doc.description,
    `Fix: ${doc.fix}`,
    `Default severity: ${defaultSeverity(id)}. Change it with the setting solarisIpmp.rules or ipmp-lint --rule ${id}=<level>.`,
  ].join('\n\n');
}
