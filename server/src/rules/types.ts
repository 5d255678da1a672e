/**
 * What a rule produces. Rules are pure: parsed files in, findings out. A finding carries
 * its quick fixes, computed with it, so a code action is a lookup, never a second analysis.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { RuleId } from './registry';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
}

/** Edits to one file; `create` makes the file first when it does not exist. */
export interface FileEdit {
  readonly uri: string;
  readonly edits: readonly TextEdit[];
  readonly create?: boolean;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly FileEdit[];
  /** The one fix VS Code applies with "Auto Fix" / the lightbulb's first entry. */
  readonly isPreferred?: boolean;
  /**
   * A fix the client must run as a command instead of an edit (for example converting
   * line endings, which a text edit cannot do in VS Code). Edits stay the fallback.
   */
  readonly command?: { readonly command: string; readonly arguments: readonly unknown[] };
  /**
   * One right answer that changes only what the finding names: applied without a person
   * choosing (`ipmp-lint --fix`, features/fixAll.ts).
   */
  readonly safe?: boolean;
}

/** A finding of one rule; rules/define.ts makes them from a rule's definition. */
export interface FindingOf<Id extends string> {
  readonly rule: Id;
  readonly range: Range;
  readonly message: string;
  /** Overrides the rule's default where RULES.md gives a rule two levels. */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  /** Shown faded (code that has no effect). */
  readonly unnecessary?: boolean;
}

export type Finding = FindingOf<RuleId>;
