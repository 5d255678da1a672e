/**
 * Insert IPMP template: a complete probe-based group entry for this interface (reference
 * §3.7), with tab stops where the client takes snippet edits, plus the hosts entries its
 * names need. Once the ADDRESS placeholders in hosts are filled, it passes every rule.
 */
import { URI } from 'vscode-uri';
import type { CodeAction, Position, Range, SnippetTextEdit, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ADDRESS_PLACEHOLDER } from '../rules/hostnameRules';
import type { FileEdit } from '../rules/types';
import { isBlank } from '../syntax/text';
import type { ParsedDocument } from './document';
import { groupMembers, type HostView } from './hostView';
import { TEMPLATE_KIND, toWorkspaceEdit, type EditCapabilities } from './workspaceEdit';

export interface TemplatePlan {
  readonly interfaceName: string;
  readonly family: 'inet' | 'inet6';
  readonly group: string;
  readonly dataName?: string;
  readonly testName?: string;
  /** The text with default values, and the same as a snippet with tab stops. */
  readonly text: string;
  readonly snippet: string;
  /** Names the hosts file must gain. */
  readonly missingNames: readonly string[];
}

type HostnameDocument = Extract<ParsedDocument, { kind: 'hostname' }>;

export function planTemplate(doc: HostnameDocument, host: HostView): TemplatePlan {
  const fileName = doc.hostname.fileName;
  const interfaceName = fileName?.interfaceName.split(':')[0] ?? 'ce0';
  const family = doc.hostname.family;
  const groups = [...groupMembers(host).entries()].sort((a, b) => b[1].length - a[1].length);
  const group = groups[0]?.[0] ?? 'ipmp0';

  if (family === 'inet6') {
    // IPv6 probes from the link-local address: no names, no hosts entries (§3.2).
    return {
      interfaceName,
      family,
      group,
      text: `-failover group ${group} up\n`,
      snippet: `-failover group \${1:${group}} up\n$0`,
      missingNames: [],
    };
  }

  const base = baseHostName(host);
  const usedElsewhere = host.interfaces.some(
    (i) => i.uri !== doc.uri && i.file.commands.some((c) => c.segments.some((s) => s.address?.text.toLowerCase() === base.toLowerCase())),
  );
  const dataName = usedElsewhere ? `${base}-${interfaceName}` : base;
  const testName = `${base}-${interfaceName}-test`;
  const line1 = (d: string, g: string): string => `${d} netmask + broadcast + group ${g} up \\`;
  const line2 = (t: string): string => `addif ${t} deprecated -failover netmask + broadcast + up`;
  const text = `${line1(dataName, group)}\n${line2(testName)}\n`;
  const snippet = `${line1(`\${1:${dataName}}`, `\${2:${group}}`).replace(/\\$/, '\\\\')}\n${line2(`\${3:${testName}}`)}\n$0`;
  const missingNames = [dataName, testName].filter((n) => !host.names?.resolve(n));
  return { interfaceName, family, group, dataName, testName, text, snippet, missingNames };
}

/** The host's own name: the `loghost` line's name, else the folder above `etc`. */
function baseHostName(host: HostView): string {
  const loghost = host.hosts?.file.lookup('loghost')[0];
  const official = loghost?.names.find((n) => n.text !== 'loghost' && n.text !== 'localhost');
  if (official) return official.text;
  const path = host.rootUri ? URI.parse(host.rootUri).path : '';
  const parts = path.split('/').filter(Boolean);
  const candidate = parts[parts.length - 1] === 'etc' ? parts[parts.length - 2] : undefined;
  return candidate && /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(candidate) ? candidate : 'myhost';
}

export function ipmpTemplateAction(doc: HostnameDocument, host: HostView, cursor: Position, caps: EditCapabilities): CodeAction {
  const plan = planTemplate(doc, host);
  // A blank file is filled; otherwise the entry goes in above the cursor's line.
  const blank = isBlank(doc.text.replace(/[\r\n]/g, ''));
  const range = blank
    ? { start: { line: 0, character: 0 }, end: doc.index.positionAt(doc.text.length) }
    : lineStartRange(Math.max(0, Math.min(cursor.line, doc.index.lineCount - 1)));

  const hostsEdits: FileEdit[] = [];
  if (plan.missingNames.length > 0) {
    const lines = [`# ${plan.interfaceName}: IPMP ${plan.missingNames.length === 2 ? 'data and test addresses' : 'addresses'}: replace ${ADDRESS_PLACEHOLDER}`, ...plan.missingNames.map((n) => `${ADDRESS_PLACEHOLDER}\t${n}`)];
    if (host.names) hostsEdits.push(...lines.map((l) => host.names!.appendEntry(l)).reduce<FileEdit[]>((acc, e) => mergeAppend(acc, e), []));
    else hostsEdits.push({ uri: host.newHostsUri, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: lines.map((l) => `${l}\n`).join('') }] });
  }

  const title = plan.family === 'inet6' ? `Insert IPMP template (IPv6 link-local test address, group ${plan.group})` : `Insert IPMP template (probe-based, group ${plan.group})`;
  const action: CodeAction = { title, kind: TEMPLATE_KIND };
  if (caps.snippetEdits && caps.documentChanges) {
    const snippetEdit: SnippetTextEdit = { range, snippet: { kind: 'snippet', value: plan.snippet } };
    const own: TextDocumentEdit = { textDocument: { uri: doc.uri, version: null }, edits: [snippetEdit] };
    const rest = toWorkspaceEdit(hostsEdits, caps);
    const edit: WorkspaceEdit = { documentChanges: [own, ...(rest?.documentChanges ?? [])] };
    action.edit = edit;
  } else {
    const own: TextEdit = { range, newText: plan.text };
    action.edit = toWorkspaceEdit([{ uri: doc.uri, edits: [own] }, ...hostsEdits], caps);
  }
  return action;
}

/** An empty range at the start of a line; the caller keeps the line inside the document (a client may ask past its end). */
function lineStartRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** Several appends to one file become one edit at the end, in order. */
function mergeAppend(acc: FileEdit[], next: FileEdit): FileEdit[] {
  const previous = acc.find((e) => e.uri === next.uri);
  if (!previous) return [...acc, next];
  const first = previous.edits[0]!;
  const merged = { range: first.range, newText: first.newText + next.edits[0]!.newText.replace(/^\n/, '') };
  return acc.map((e) => (e === previous ? { ...e, edits: [merged] } : e));
}
