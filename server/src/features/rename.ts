/**
 * Rename a host name or an IPMP group within its host (DESIGN.md "Hosts"): every occurrence
 * `symbolAt` finds, in one workspace edit. Names of other hosts are never touched. A new
 * name is refused, with the reason, when the host already has it or when Solaris would not
 * read it as a name.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { findKeyword, FAMILY_WORDS } from '../catalog/keywords';
import { hostNameProblem } from '../rules/hostsRules';
import { lookupEntries } from '../engine/names';
import { looksLikeLiteral } from '../syntax/address';
import { wordAt } from '../syntax/hostname';
import type { ParsedDocument } from './document';
import type { HostView } from './hostView';
import { symbolAt, interfaceOccurrences, type NamedSymbol } from './navigation';
import { hostKey } from './occurrences';

/** Why a rename cannot happen; the server sends it as a ResponseError. */
export interface RenameRefusal {
  readonly error: string;
}

export function isRenameRefusal(value: unknown): value is RenameRefusal {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

/** Group names are at most 31 bytes: the kernel keeps 32 with the NUL and cuts longer ones (§3.1). */
export const MAX_GROUP_NAME_BYTES = 31;

const ONLY_NAMES = 'Only host names and IPMP group names can be renamed.';

/** Why a text cannot be a group name in a hostname file, or undefined. */
export function groupNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a group name cannot be empty';
  if (name === '""') return 'in a hostname file `""` is a group literally named `""` (the boot script does not remove quotes, §1.4)';
  if (/[ \t\r\n\f\v]/.test(name)) return 'it contains a blank, so the boot script would split it into two words';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it contains a control character';
  if (name.includes('#')) return "it contains '#', which readers of these files take as the start of a comment";
  if (name.includes('\\')) return "it contains '\\', which the boot script's `read` removes";
  const glob = /[*?[]/.exec(name);
  if (glob) return `it contains '${glob[0]}', which the boot script's unquoted expansion treats as a file pattern (§1.4)`;
  if (findKeyword(name)) return `'${name}' is an ifconfig keyword; a group named after one reads as a mistake on every line`;
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_GROUP_NAME_BYTES) return `it is ${bytes} bytes long; group names have at most ${MAX_GROUP_NAME_BYTES} and the kernel cuts longer ones (§3.1)`;
  return undefined;
}

/** Why a text cannot be a host name used in hosts files and hostname files, or undefined. */
export function renamedHostNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a host name cannot be empty';
  const problem = hostNameProblem(name);
  if (problem) return problem;
  if (looksLikeLiteral(name)) return 'ifconfig would read it as an address, not as a name';
  if (findKeyword(name)) return `'${name}' is an ifconfig keyword: in a hostname file ifconfig would apply the keyword instead of looking the name up`;
  if ((FAMILY_WORDS as readonly string[]).includes(name)) return `'${name}' at the start of a hostname file line is the address-family word (§1.6)`;
  return undefined;
}

/** The range and current text of the name to rename, or why it cannot be renamed. */
export function prepareRename(doc: ParsedDocument, position: { line: number; character: number }, host: HostView): { range: Range; placeholder: string } | RenameRefusal | null {
  const found = symbolAt(doc, position, host);
  if (found) {
    if (found.target.kind === 'group' && found.target.name === '""') {
      return { error: '`""` is not a group name to rename: it is the way to leave a group (and in a hostname file ifconfig even gets the quotes, §1.4).' };
    }
    return { range: found.target.range, placeholder: found.target.name };
  }
  return whyNotRenamable(doc, position);
}

/** A word that is not a name gets a reason; blanks and comments get null (nothing there). */
function whyNotRenamable(doc: ParsedDocument, position: { line: number; character: number }): RenameRefusal | null {
  const offset = doc.index.offsetAt(position);
  if (doc.kind === 'hostname') {
    const hit = wordAt(doc.hostname, offset);
    if (!hit || hit.role === 'comment') return null;
    const word = hit.token.text;
    if (hit.role === 'keyword' || hit.role === 'family' || hit.role === 'dhcp') return { error: `\`${word}\` is an ifconfig keyword. ${ONLY_NAMES}` };
    if (word === '+') return { error: `\`+\` is not a name. ${ONLY_NAMES}` };
    if (looksLikeLiteral(word)) return { error: `\`${word}\` is an address, not a name. ${ONLY_NAMES}` };
    return { error: `\`${word}\` is neither a host name nor a group here. ${ONLY_NAMES}` };
  }
  if (doc.kind === 'hosts') {
    const onLine = doc.hosts.entryOnLine(doc.index.positionAt(offset).line);
    const entry = onLine && offset >= onLine.address.start && offset <= onLine.address.end ? onLine : undefined;
    if (entry) return { error: `\`${entry.address.text}\` is an address, not a name. ${ONLY_NAMES}` };
  }
  return null;
}

/**
 * A workspace edit renaming the host name or group under the cursor in every file of its
 * host, or a refusal: the name is taken in this host, or the new text is not a valid name.
 */
export function rename(doc: ParsedDocument, position: { line: number; character: number }, newName: string, host: HostView): WorkspaceEdit | RenameRefusal {
  const found = symbolAt(doc, position, host);
  if (!found) return whyNotRenamable(doc, position) ?? { error: `Nothing to rename here. ${ONLY_NAMES}` };
  const refusal = found.target.kind === 'host' ? hostRefusal(found, newName) : groupRefusal(found, newName);
  if (refusal) return { error: refusal };

  const changes: Record<string, TextEdit[]> = {};
  for (const o of found.occurrences) {
    // An occurrence already spelt as asked needs no edit (a case-only host rename).
    if (o.name === newName) continue;
    (changes[o.uri] ??= []).push({ range: o.range, newText: newName });
  }
  return { changes };
}

function hostRefusal(found: NamedSymbol, newName: string): string | undefined {
  const { target } = found;
  const problem = renamedHostNameProblem(newName);
  if (problem) return `Cannot rename \`${target.name}\` to \`${newName}\`: not a valid host name (${problem}).`;
  const key = hostKey(newName);
  if (key === target.key) return undefined;
  for (const f of found.nameFiles) {
    const entry = lookupEntries(f.file, key)[0];
    if (!entry) continue;
    const label = f.which === 'ipnodes' ? 'inet/ipnodes' : (found.view.hosts?.uri === f.uri ? found.view.hosts.label : 'hosts');
    return `Cannot rename \`${target.name}\` to \`${newName}\`: this host already defines \`${newName}\` (${label}, line ${entry.line + 1}: ${entry.address.text}). Host names are case-insensitive, so the two would become one.`;
  }
  return undefined;
}

function groupRefusal(found: NamedSymbol, newName: string): string | undefined {
  const { target } = found;
  const problem = groupNameProblem(newName);
  if (problem) return `Cannot rename group \`${target.name}\` to \`${newName}\`: not a valid group name (${problem}).`;
  if (newName === target.name) return undefined;
  const members = interfaceOccurrences(found.view).filter((o) => o.kind === 'group' && o.key === newName);
  if (members.length === 0) return undefined;
  const files = [...new Set(members.map((o) => found.view.interfaces.find((i) => i.uri === o.uri)?.baseName ?? o.uri))];
  return `Cannot rename group \`${target.name}\` to \`${newName}\`: group \`${newName}\` already exists in this host (${files.join(', ')}); the two groups would merge.`;
}
