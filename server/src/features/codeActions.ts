/**
 * Code actions: the quick fixes rules attach to their findings, the IPMP template, and the
 * New IPMP Group wizard on an interface in no group.
 * Fixes are looked up by matching the client's diagnostics (rule id and range) against
 * findings computed for the current text, so a stale diagnostic never gets a stale edit.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver-types';
import type { Finding, Fix } from '../rules/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { ParsedDocument } from './document';
import type { HostView } from './hostView';
import { ipmpTemplateAction } from './template';
import { NEW_GROUP_KIND, newGroupAction } from './newGroup';
import { DEFAULT_RELEASE, type Release } from '../catalog/releases';
import { CONVERT_COMMAND } from './convert';
import { IGNORE_IN_FILE_COMMAND, ignoreFileEdit, ignoreLineEdit } from './suppression';
import { TEMPLATE_KIND, toWorkspaceEdit, type EditCapabilities } from './workspaceEdit';

export { TEMPLATE_KIND, type EditCapabilities };


export function codeActions(
  doc: ParsedDocument,
  host: HostView,
  findings: readonly Finding[],
  range: Range,
  diagnostics: readonly Diagnostic[],
  only: readonly string[] | undefined,
  caps: EditCapabilities,
  options: { readonly release?: Release } = {},
): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

  if (wants(CodeActionKind.QuickFix)) {
    const suppressions: CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) {
        const action = fixToAction(fix, diagnostic, caps);
        if (action) actions.push(action);
      }
      // Solaris 11 ignores the file: the way forward is its ipadm equivalent (client command).
      if (finding.rule === 'hostname-file-not-read' && caps.clientCommands && !offered.has(finding.rule)) {
        const title = 'Convert this host to Solaris 11 ipadm commands';
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, command: { title, command: CONVERT_COMMAND, arguments: [doc.uri] } });
      }
      if (!offered.has(finding.rule)) {
        offered.add(finding.rule);
        suppressions.push(...suppressionActions(doc, finding.rule, diagnostic, caps));
      }
    }
    // Switching a rule off comes after every real fix.
    actions.push(...suppressions);
  }
  if (doc.kind === 'hostname' && !doc.hostname.isDhcpFile && wants(TEMPLATE_KIND)) {
    actions.push(ipmpTemplateAction(doc, host, range.start, caps));
  }
  // The New IPMP Group wizard is a client command: only for clients that run ours.
  if (doc.kind === 'hostname' && caps.clientCommands && wants(NEW_GROUP_KIND)) {
    const action = newGroupAction(doc, host, options.release ?? DEFAULT_RELEASE);
    if (action) actions.push(action);
  }
  return actions;
}

function suppressionActions(doc: ParsedDocument, rule: string, diagnostic: Diagnostic, caps: EditCapabilities): CodeAction[] {
  if (doc.kind === 'hostname') {
    // No comments in hostname files: the setting solarisIpmp.ignore takes it (client command).
    if (!caps.clientCommands) return [];
    return [
      {
        title: `Disable ${rule} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Disable ${rule} for this file`, command: IGNORE_IN_FILE_COMMAND, arguments: [doc.uri, rule] },
      },
    ];
  }
  const edit = (e: ReturnType<typeof ignoreLineEdit>) => toWorkspaceEdit([{ uri: doc.uri, edits: [e] }], caps);
  return [
    { title: `Ignore ${rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(ignoreLineEdit(diagnostic.range.start.line, rule)) },
    { title: `Ignore ${rule} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(ignoreFileEdit(rule)) },
  ];
}

/**
 * Quick fixes for a file that is not one of ours but carries our findings: a capture of the
 * running system (its fixes create or edit the host's boot files). No suppression comments:
 * the capture is command output, not a file Solaris reads.
 */
export function findingActions(findings: readonly Finding[], diagnostics: readonly Diagnostic[], only: readonly string[] | undefined, caps: EditCapabilities): CodeAction[] {
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
    for (const fix of finding?.fixes ?? []) {
      const action = fixToAction(fix, diagnostic, caps);
      if (action) actions.push(action);
    }
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function fixToAction(fix: Fix, diagnostic: Diagnostic, caps: EditCapabilities): CodeAction | undefined {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred };
  if (fix.command && caps.clientCommands) {
    action.command = { title: fix.title, command: fix.command.command, arguments: [...fix.command.arguments] };
    return action;
  }
  const edit = toWorkspaceEdit(fix.edits, caps);
  if (!edit) return undefined;
  action.edit = edit;
  return action;
}
