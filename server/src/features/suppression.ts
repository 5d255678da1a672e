/**
 * Switching rules off where the user decided to. Files with `#` comments (hosts, ipnodes,
 * netmasks, default/mpathd) take directives:
 *
 *     # ipmp-ignore duplicate-host-name        (the next entry line)
 *     # ipmp-ignore-file invalid-host-name     (the whole file)
 *
 * (no ids: every rule). Hostname files cannot hold comments — a `#` there breaks the boot —
 * so for them the `solarisIpmp.ignore` setting maps paths to rule ids.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { FileKind } from '../syntax/fileKind';
import { LineIndex, splitPhysicalLines, type TextIndex } from '../syntax/text';
import type { TextPiece } from '../syntax/hosts';
import type { Finding } from '../rules/types';
import type { Settings } from './settings';
import { globMatcher, ignoredByProject } from './projectConfig';

export const IGNORE_IN_FILE_COMMAND = 'solarisIpmp.ignoreRuleInFile';

type RuleSet = ReadonlySet<string> | 'all';

export interface Suppressions {
  readonly file?: RuleSet;
  /** 0-based line → rules off on it. */
  readonly lines: ReadonlyMap<number, RuleSet>;
}

const DIRECTIVE = /^[ \t]*#[ \t]*ipmp-ignore(-file)?(?:[ \t]+([^#]*))?[ \t]*$/;

/**
 * The directives of a file: its text, or its pieces (a big hosts document's segments, read
 * one by one rather than joined; each starts at a line start). Lines are the editor's (a lone
 * CR ends one too), as findings' ranges count them.
 */
export function readSuppressions(source: string | { pieces(): Iterable<TextPiece>; readonly index: TextIndex }, kind: FileKind): Suppressions {
  const lines = new Map<number, RuleSet>();
  if (kind === 'hostname') return { lines };
  const pieces = typeof source === 'string' ? [{ text: source, offset: 0 }] : [...source.pieces()];
  if (!pieces.some((p) => p.text.includes('ipmp-ignore'))) return { lines };
  const index = typeof source === 'string' ? new LineIndex(source) : source.index;
  let file: Set<string> | 'all' | undefined;
  let pending: RuleSet | undefined;
  for (const piece of pieces) {
    for (const line of splitPhysicalLines(piece.text)) {
      const m = DIRECTIVE.exec(line.text);
      if (m) {
        const ids = (m[2] ?? '').split(/[ \t,]+/).filter(Boolean);
        const set: RuleSet = ids.length ? new Set(ids) : 'all';
        if (m[1]) file = merge(file, set);
        else pending = merge(pending, set);
        continue;
      }
      // The directive holds over blank and comment lines until the next entry.
      if (pending && line.text.trim() !== '' && !line.text.trimStart().startsWith('#')) {
        lines.set(index.positionAt(piece.offset + line.start).line, pending);
        pending = undefined;
      }
    }
  }
  return { file, lines };
}

function merge(a: RuleSet | undefined, b: RuleSet): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

function covers(set: RuleSet | undefined, rule: string): boolean {
  return set === 'all' || (set !== undefined && set.has(rule));
}

/**
 * Rule ids switched off for a file by settings: `solarisIpmp.ignore` (globs on the file's
 * workspace-relative paths) and the project file's `ignore` (globs relative to its folder,
 * matched on the file's `path`). Globs are picomatch's: `*`, `**`, braces, classes.
 */
export function ignoredBySetting(settings: Settings, relativePaths: readonly string[], path?: string): Set<string> {
  const ids = ignoredByProject(settings, path);
  for (const [pattern, rules] of Object.entries(settings.ignore)) {
    const matches = globMatcher(pattern);
    if (relativePaths.some((p) => matches(p))) for (const r of rules) ids.add(r);
  }
  return ids;
}

export function filterSuppressed(findings: readonly Finding[], text: string | { pieces(): Iterable<TextPiece>; readonly index: TextIndex }, kind: FileKind, settings: Settings, relativePaths: readonly string[], path?: string): Finding[] {
  const directives = readSuppressions(text, kind);
  const bySetting = ignoredBySetting(settings, relativePaths, path);
  return findings.filter(
    (f) => !bySetting.has(f.rule) && !covers(directives.file, f.rule) && !covers(directives.lines.get(f.range.start.line), f.rule),
  );
}

/** Text edits that add a directive: above the finding's line, or at the top of the file. */
export function ignoreLineEdit(line: number, rule: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# ipmp-ignore ${rule}\n` };
}

export function ignoreFileEdit(rule: string): TextEdit {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# ipmp-ignore-file ${rule}\n` };
}
