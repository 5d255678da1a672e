/**
 * One declaration per rule (DESIGN.md "Each rule: id, default severity, message factory, check,
 * fix — in one place"): its id, default severity, summary, documentation, the texts of its
 * messages and the builders of its quick fixes. The definitions live in rules/definitions/,
 * one module per group of RULES.md; the registry is derived from them.
 *
 * A check says where a problem is and with which facts; the definition says what the user
 * reads. A finding of a rule takes only that rule's messages and fixes: `rule.finding(range,
 * rule.message.x(facts), { fixes: [rule.fix.y(facts)] })`. The types enforce it (a message or
 * fix of another rule, or a string written inline, does not compile), and a unit test checks
 * that every message and fix builder is used by a check and that the documentation's
 * `quick-fix` matches the builders.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { FindingOf, Fix, RelatedLocation, Severity } from './types';

export interface RuleDoc {
  /** What the rule catches and what happens at boot because of it: 1–3 sentences. */
  readonly description: string;
  /** How to correct it: 1–2 sentences, naming the quick fix when there is one. */
  readonly fix: string;
  /** Whether findings of the rule can carry a quick fix (besides switching the rule off). */
  readonly fixable: 'quick-fix' | 'none';
}

/** What every reader of the registry may rely on. */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
}

declare const OF_RULE: unique symbol;

/** A message text made by one of rule `Id`'s messages; no other string is accepted. */
export type RuleMessage<Id extends string> = string & { readonly [OF_RULE]: Id };

/** A quick fix made by one of rule `Id`'s fix builders. */
export type RuleFix<Id extends string> = Fix & { readonly [OF_RULE]: Id };

// Message and fix functions take whatever typed facts they need.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MessageFunctions = Record<string, (...args: any[]) => string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FixBuilders = Record<string, (...args: any[]) => Fix>;

export interface RuleSpec<Id extends string, M extends MessageFunctions, F extends FixBuilders> {
  readonly id: Id;
  /** The default; `solarisIpmp.rules` overrides it, and a finding may where RULES.md gives two levels. */
  readonly severity: Severity;
  /** One line (SARIF `shortDescription`, the settings schema). */
  readonly summary: string;
  readonly doc: RuleDoc;
  /** Every text a finding of the rule can have, as functions of the facts the check found. */
  readonly messages: M;
  /** Every quick fix a finding of the rule can carry: title and edits from the facts. */
  readonly fixes?: F;
}

/** What a finding adds to its rule, range and message. */
export interface FindingOptions<Id extends string> {
  /** Only where RULES.md gives the rule two levels. */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly RuleFix<Id>[];
  readonly unnecessary?: boolean;
}

export interface RuleDefinition<Id extends string = string, M extends MessageFunctions = MessageFunctions, F extends FixBuilders = FixBuilders> extends RuleMeta {
  readonly id: Id;
  readonly doc: RuleDoc;
  readonly message: { readonly [K in keyof M]: (...args: Parameters<M[K]>) => RuleMessage<Id> };
  readonly fix: { readonly [K in keyof F]: (...args: Parameters<F[K]>) => RuleFix<Id> };
  /** A finding in the file being checked. */
  finding(range: Range, message: RuleMessage<Id>, options?: FindingOptions<Id>): FindingOf<Id>;
  /** A finding in another file of the host (`uri`), from the rules across a host's files. */
  findingIn(uri: string, range: Range, message: RuleMessage<Id>, options?: FindingOptions<Id>): FindingOf<Id> & { readonly uri: string };
}

// eslint-disable-next-line @typescript-eslint/ban-types
export function defineRule<Id extends string, M extends MessageFunctions, F extends FixBuilders = {}>(spec: RuleSpec<Id, M, F>): RuleDefinition<Id, M, F> {
  const id = spec.id;
  return {
    id,
    severity: spec.severity,
    summary: spec.summary,
    doc: spec.doc,
    // The functions as written: the brands exist only for the compiler.
    message: spec.messages as unknown as RuleDefinition<Id, M, F>['message'],
    fix: (spec.fixes ?? {}) as unknown as RuleDefinition<Id, M, F>['fix'],
    finding: (range, message, options) => ({ rule: id, range, message, ...options }),
    findingIn: (uri, range, message, options) => ({ uri, rule: id, range, message, ...options }),
  };
}

/** The names of a definition's messages and of its fix builders (for the coverage test). */
export function partsOf(definition: RuleDefinition): { messages: string[]; fixes: string[] } {
  return { messages: Object.keys(definition.message), fixes: Object.keys(definition.fix) };
}

/** A fix made of edits to one file. `isPreferred` and `safe` are set only when given. */
export function editFix(title: string, uri: string, edits: readonly TextEdit[], flags: { readonly isPreferred?: boolean; readonly safe?: boolean } = {}): Fix {
  return { title, ...flags, edits: [{ uri, edits }] };
}
