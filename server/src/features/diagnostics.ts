/**
 * Findings of every rule for one document, and their LSP form. Pure: parsed files and the
 * host snapshot in, findings out.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { uriPath } from '../syntax/uri';
import { ipnodesSearchedFirst, readsHostnameFiles } from '../catalog/releases';
import type { FileKind } from '../syntax/fileKind';
import { checkHostnameFile } from '../rules/hostnameRules';
import { checkDuplicateHostNames, checkHosts } from '../rules/hostsRules';
import { checkNetmasks } from '../rules/netmasksRules';
import { checkMpathd } from '../rules/mpathdRules';
import { RULES } from '../rules/registry';
import { FILE_RULES, type SkippedCheck } from '../rules/definitions/files';
import { HOSTNAME_RULES } from '../rules/definitions/hostname';
import { checkFailures } from '../rules/bootRules';
import { analyzeHost } from './hostAnalysis';
import type { Finding, Severity } from '../rules/types';
import type { ParsedDocument } from './document';
import type { Settings } from './settings';
import { usedHostNames, viewWithDocument, type HostView, type UnreadFile } from './hostView';
import { filterSuppressed, ignoredBySetting } from './suppression';

const { carriageReturn } = HOSTNAME_RULES;
const { fileTooLarge, unreadableFile } = FILE_RULES;

export const DIAGNOSTIC_SOURCE = 'ipmp';

/** At most this many diagnostics go to the client for one document, errors first. */
export const MAX_DIAGNOSTICS = 5000;

export function findingsFor(doc: ParsedDocument, host: HostView, settings: Settings, relativePaths: readonly string[] = []): Finding[] {
  if (doc.kind === 'hostname' && !readsHostnameFiles(settings.release)) {
    // No boot reads the file (§6): what the other rules say of it would describe a boot that never happens.
    return filterSuppressed([hostnameFileNotRead(doc)], doc.text, doc.kind, settings, relativePaths, uriPath(doc.uri)).map(tidyMessage);
  }
  const unread = (host.unread ?? []).filter((u) => u.uri !== doc.uri);
  const interfacesUnread = unread.filter((u) => u.role === 'interface');
  // With a member of the host missing, the picture across interfaces would be wrong.
  const hostFindings = interfacesUnread.length ? [] : hostFindingsFor(doc, host, settings);
  const found = [...singleFileFindings(doc, host, settings), ...hostFindings];
  const failures = interfacesUnread.length ? [] : failureFindingsFor(doc, host, settings, found);
  const all = withUnreadFiles(doc, [...found, ...failures], unread, settings);
  // A hosts document is read piece by piece: a big one is never joined into one string for this.
  return filterSuppressed(all, doc.kind === 'hosts' ? doc.hosts : doc.text, doc.kind, settings, relativePaths, uriPath(doc.uri)).map(tidyMessage);
}

/** The one finding of a hostname.<if>, hostname6.<if> or dhcp.<if> file on Solaris 11, on its first line. */
export function hostnameFileNotRead(doc: Extract<ParsedDocument, { kind: 'hostname' }>): Finding {
  const file = doc.hostname;
  const kind = file.fileName?.prefix === 'dhcp' ? 'dhcp.<if>' : file.fileName?.prefix === 'hostname6' ? 'hostname6' : 'hostname';
  // (Named in full: this function has the definition's name.)
  const message = HOSTNAME_RULES.hostnameFileNotRead.message.notRead({ kind });
  return HOSTNAME_RULES.hostnameFileNotRead.finding(file.index.range(0, file.index.lineEnd(0)), message);
}


// Messages quote words of the file. A binary file must not put control bytes on a terminal,
// an invisible character (a BOM, a bidi override, half of a surrogate pair) must show, and a
// 1 MB word must not make a 1 MB message.
const INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LONG_WORD = /\S{121,}/g;

export function printable(message: string): string {
  return message.replace(INVISIBLE, (c) => {
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A word over 120 characters keeps its first 80 and last 20, never half a surrogate pair. */
function shortenWords(message: string): string {
  return message.replace(LONG_WORD, (word) => {
    let head = word.slice(0, 80);
    let tail = word.slice(-20);
    if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
    if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
    return `${head}…${tail}`;
  });
}

// (A text of 120 characters or fewer has no word to shorten: most messages skip those passes.)
const shortenLong = (text: string): string => (text.length <= 120 ? text : shortenWords(text));
const tidy = (message: string): string => shortenLong(printable(shortenLong(message)));

function tidyMessage(f: Finding): Finding {
  const message = tidy(f.message);
  const related = f.related?.map((r) => (tidy(r.message) === r.message ? r : { ...r, message: tidy(r.message) }));
  const relatedChanged = related?.some((r, i) => r !== f.related![i]);
  if (message === f.message && !relatedChanged) return f;
  return { ...f, message, ...(relatedChanged ? { related } : {}) };
}

// ---------------------------------------------------------------------------------------
// Files too large or unreadable (DESIGN.md "Bad input")

export { formatSize } from '../rules/definitions/files';

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The one finding a file over the size limit gets for itself. `linesChecked`: its line
 * endings were still checked (an open document); otherwise nothing was read.
 */
export function fileTooLargeFinding(size: number, limit: number, linesChecked: boolean): Finding {
  return fileTooLarge.finding(START, fileTooLarge.message.tooLarge({ size, limit, linesChecked }));
}

/**
 * The cheap checks of a file over the size limit: the size notice and CR line endings, found
 * with the engine's native search and no per-line structures (the usual carriage-return
 * finding builds one edit per line; its fix here is the convert command alone).
 */
export function oversizedFindings(text: string, kind: FileKind, limit: number): Finding[] {
  const out: Finding[] = [fileTooLargeFinding(text.length, limit, true)];
  const first = text.indexOf('\r');
  if (first === -1) return out;
  let count = 0;
  for (let i = first; i !== -1; i = text.indexOf('\r', i + 1)) count++;
  // No CR before `first`, so only LFs end the lines before it.
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < first; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  out.push(
    carriageReturn.finding({ start: { line, character: 0 }, end: { line, character: first - lineStart } }, carriageReturn.message.oversized({ count, hostname: kind === 'hostname' }), {
      severity: kind === 'hostname' ? 'error' : 'warning',
    }),
  );
  return out;
}

/** The cheap findings of a file over the size limit, with the user's settings applied. */
export function oversizedFindingsFor(text: string, kind: FileKind, limit: number, settings: Settings, relativePaths: readonly string[] = [], path?: string): Finding[] {
  // In-file `# ipmp-ignore` directives would need a walk over every line: only settings count.
  const ignored = ignoredBySetting(settings, relativePaths, path);
  return oversizedFindings(text, kind, limit).filter((f) => !ignored.has(f.rule));
}

/** Does this hostname file get its mask from netmasks (`netmask +`, or the one the boot adds)? */
function usesNetmasks(doc: Extract<ParsedDocument, { kind: 'hostname' }>): boolean {
  const file = doc.hostname;
  if (file.family !== 'inet' || file.isDhcpFile) return false;
  if (file.implicitNetmaskBroadcastUp) return true;
  return file.commands.some((c) => c.segments.some((s) => s.keywords.some((k) => k.spec.name === 'netmask')));
}

/**
 * Files of the host that exist but were not read leave checks undone. Saying nothing would
 * be a lie either way: `no-hosts-file` (there is one) or `unresolved-host` errors (names
 * never looked at). So those findings give way to one notice naming the file and what was
 * not checked.
 */
function withUnreadFiles(doc: ParsedDocument, findings: Finding[], unread: readonly UnreadFile[], settings: Settings): Finding[] {
  if (unread.length === 0 || (doc.kind !== 'hostname' && doc.kind !== 'hosts')) return findings;
  const notes: { file: UnreadFile; what: SkippedCheck; range?: Range }[] = [];
  let out = findings;
  if (doc.kind === 'hostname') {
    // ipnodes is a name source of its own only up to Solaris 10 11/06 (§5.2).
    const ipnodesCounts = ipnodesSearchedFirst(settings.release);
    const names = unread.filter((u) => u.role === 'hosts' || (u.role === 'ipnodes' && ipnodesCounts));
    if (names.length) {
      const gone = out.filter((f) => f.rule === 'no-hosts-file' || f.rule === 'unresolved-host' || f.rule === 'ipnodes-shadow');
      if (gone.length) {
        out = out.filter((f) => !gone.includes(f));
        for (const file of names) notes.push({ file, what: 'host-names', range: gone[0]!.range });
      }
    }
    if (usesNetmasks(doc)) {
      for (const file of unread.filter((u) => u.role === 'netmasks')) notes.push({ file, what: 'netmasks' });
    }
  }
  for (const file of unread.filter((u) => u.role === 'interface')) {
    notes.push({ file, what: 'interfaces' });
  }
  for (const notRead of ['too-large', 'unreadable'] as const) {
    const mine = notes.filter((n) => n.file.notRead === notRead);
    if (mine.length === 0) continue;
    const files = [...new Map(mine.map((n) => [n.file.uri, n.file])).values()];
    const range = mine.find((n) => n.range)?.range ?? START;
    const skipped = mine.map((n) => n.what);
    out = [
      ...out,
      notRead === 'too-large'
        ? fileTooLarge.finding(range, fileTooLarge.message.neededTooLarge({ files, skipped }))
        : unreadableFile.finding(range, unreadableFile.message.neededUnreadable({ files, skipped })),
    ];
  }
  return out;
}

/** The findings of the host-wide rules that belong to this document. */
function hostFindingsFor(doc: ParsedDocument, host: HostView, settings: Settings): Finding[] {
  if (doc.kind !== 'hostname' && doc.kind !== 'hosts') return [];
  // The document's own text counts even before it is saved (and before the host lists it).
  return analyzeHost(viewWithDocument(host, doc), settings.release).hostFindings.filter((f) => f.uri === doc.uri);
}

/**
 * Every command of the document that fails at boot and that no other finding explains: the
 * engine knows what ifconfig does with any line, listed mistake or not.
 */
function failureFindingsFor(doc: ParsedDocument, host: HostView, settings: Settings, others: readonly Finding[]): Finding[] {
  if (doc.kind !== 'hostname') return [];
  const model = analyzeHost(viewWithDocument(host, doc), settings.release).model;
  // Without the host's names (no hosts file, or one not read) a name that fails says nothing.
  const namesUnknown = !host.names || (host.unread ?? []).some((u) => u.role === 'hosts' || u.role === 'ipnodes');
  const covering = {
    covered(_uri: string, range: Range, line: number, rules: readonly string[]): boolean {
      if (namesUnknown && rules.includes('unresolved-host')) return true;
      return others.some((f) => {
        const severity = f.severity ?? RULES.get(f.rule)?.severity;
        if (severity !== 'error' && severity !== 'warning') return false;
        if (contains(f.range, range)) return true;
        return rules.includes(f.rule) && f.range.start.line <= line + 64 && f.range.end.line >= line;
      });
    },
    lineHasProblem(_uri: string, firstLine: number, lastLine: number): boolean {
      return others.some((f) => {
        const severity = f.severity ?? RULES.get(f.rule)?.severity;
        return (severity === 'error' || severity === 'warning') && f.range.start.line <= lastLine && f.range.end.line >= firstLine;
      });
    },
  };
  return checkFailures(model, doc.uri, covering, (line) => doc.index.range(doc.index.lineStart(line), doc.index.lineEnd(line)));
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A hostname.<if> of exactly `inet <name>` whose interface also has a dhcp.<if> (§1.4). */
function isDhcpHostnameRequest(doc: Extract<ParsedDocument, { kind: 'hostname' }>, host: HostView): boolean {
  const file = doc.hostname;
  if (file.fileName?.prefix !== 'hostname' || file.commands.length !== 1) return false;
  const words = file.commands[0]!.line.words;
  if (words.length !== 2 || words[0]!.text !== 'inet') return false;
  return host.interfaces.some((i) => i.baseName === `dhcp.${file.fileName!.interfaceName}`);
}

function singleFileFindings(doc: ParsedDocument, host: HostView, settings: Settings): Finding[] {
  const ctx = { uri: doc.uri, release: settings.release };
  switch (doc.kind) {
    case 'hostname': {
      const findings = checkHostnameFile(doc.hostname, { uri: doc.uri, release: settings.release, names: host.names, newHostsUri: host.newHostsUri });
      if (!isDhcpHostnameRequest(doc, host)) return findings;
      // `inet <name>` beside a dhcp.<if> is not run through ifconfig: the name is the host
      // name the DHCP client asks for (§1.4, doDHCPhostname), so it is neither misplaced nor looked up.
      const line = doc.hostname.commands[0]!.line;
      return findings.filter(
        (f) => !(['misplaced-keyword', 'unresolved-host', 'no-hosts-file'] as string[]).includes(f.rule) || f.range.start.line !== line.firstLine,
      );
    }
    case 'hosts':
      // A name counts as used only where a hostname file is read (none on Solaris 11).
      return [...checkHosts(doc.hosts, ctx), ...checkDuplicateHostNames(doc.hosts, readsHostnameFiles(settings.release) ? usedHostNames(host) : new Set(), ctx)];
    case 'netmasks':
      return checkNetmasks(doc.netmasks, ctx);
    case 'mpathd':
      return checkMpathd(doc.mpathd, ctx);
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity a finding gets after the user's settings; undefined when its rule is off. */
export function effectiveSeverity(finding: Finding, settings: Settings): Severity | undefined {
  const configured = settings.rules[finding.rule];
  if (configured === 'off') return undefined;
  return configured ?? finding.severity ?? RULES.get(finding.rule)?.severity ?? 'error';
}

const RANK: Record<DiagnosticSeverity, number> = { 1: 0, 2: 1, 3: 2, 4: 3 };

/**
 * Diagnostics for the client, at most {@link MAX_DIAGNOSTICS} (errors first): a binary file
 * can hold a quarter of a million mistakes, and sending them all would cost the client more
 * than it could show (VS Code itself keeps 1,000 per file).
 */
export function toDiagnostics(findings: readonly Finding[], settings: Settings, kind: FileKind): Diagnostic[] {
  void kind;
  const all = allDiagnostics(findings, settings);
  if (all.length <= MAX_DIAGNOSTICS) return all;
  return all.map((d, i) => ({ d, i })).sort((a, b) => RANK[a.d.severity!] - RANK[b.d.severity!] || a.i - b.i).slice(0, MAX_DIAGNOSTICS).map((x) => x.d);
}

function allDiagnostics(findings: readonly Finding[], settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const severity = effectiveSeverity(f, settings);
    if (!severity) continue;
    const diagnostic: Diagnostic = {
      range: f.range,
      severity: SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: f.rule,
      message: f.message,
    };
    if (f.related?.length) {
      diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    }
    if (f.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    out.push(diagnostic);
  }
  return out;
}
