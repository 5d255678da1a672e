/**
 * Findings of every rule for one document, and their LSP form. Pure: parsed files and the
 * host snapshot in, findings out.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { FileKind } from '../syntax/fileKind';
import { checkHostnameFile } from '../rules/hostnameRules';
import { checkDuplicateHostNames, checkHosts } from '../rules/hostsRules';
import { checkNetmasks } from '../rules/netmasksRules';
import { checkMpathd } from '../rules/mpathdRules';
import { RULES } from '../rules/registry';
import { buildIpmpHost } from '../rules/ipmpModel';
import { checkHost } from '../rules/ipmpRules';
import type { Finding, Severity } from '../rules/types';
import type { ParsedDocument } from './document';
import type { Settings } from './settings';
import { usedHostNames, viewWithDocument, type HostView } from './hostView';
import { filterSuppressed } from './suppression';

export const DIAGNOSTIC_SOURCE = 'ipmp';

export function findingsFor(doc: ParsedDocument, host: HostView, settings: Settings, relativePaths: readonly string[] = []): Finding[] {
  const all = [...singleFileFindings(doc, host, settings), ...hostFindingsFor(doc, host, settings)];
  return filterSuppressed(all, doc.text, doc.kind, settings, relativePaths).map((f) =>
    CONTROL.test(f.message) ? { ...f, message: printable(f.message) } : f,
  );
}

// Messages quote words of the file; a binary file must not put control bytes on a terminal.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

export function printable(message: string): string {
  return message.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** The findings of the host-wide rules that belong to this document. */
function hostFindingsFor(doc: ParsedDocument, host: HostView, settings: Settings): Finding[] {
  if (doc.kind !== 'hostname' && doc.kind !== 'hosts') return [];
  // The document's own text counts even before it is saved (and before the host lists it).
  const view = viewWithDocument(host, doc);
  const interfaces = view.interfaces;
  const model = buildIpmpHost({ interfaces, names: host.names, netmasks: host.netmasks, release: settings.release });
  return checkHost({ model, interfaces, hosts: host.hosts, ipnodes: host.ipnodes, netmasks: host.netmasks }).filter((f) => f.uri === doc.uri);
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
      const findings = checkHostnameFile(doc.hostname, { ...ctx, names: host.names, newHostsUri: host.newHostsUri });
      if (!isDhcpHostnameRequest(doc, host)) return findings;
      // `inet <name>` beside a dhcp.<if> is not run through ifconfig: the name is the host
      // name the DHCP client asks for (§1.4, doDHCPhostname), so it is neither misplaced nor looked up.
      const line = doc.hostname.commands[0]!.line;
      return findings.filter(
        (f) => !(['misplaced-keyword', 'unresolved-host', 'no-hosts-file'] as string[]).includes(f.rule) || f.range.start.line !== line.firstLine,
      );
    }
    case 'hosts':
      return [...checkHosts(doc.hosts, ctx), ...checkDuplicateHostNames(doc.hosts, usedHostNames(host), ctx)];
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

export function toDiagnostics(findings: readonly Finding[], settings: Settings, kind: FileKind): Diagnostic[] {
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
  void kind;
  return out;
}
