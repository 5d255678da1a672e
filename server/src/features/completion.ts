/**
 * Completion that fits the cursor: in a hostname file only the keywords ifconfig can take
 * at that point (the family's, not set already, no unit-0 keyword after `addif`), host
 * names of the host where an address goes, `+` and masks after `netmask`, the host's group
 * names after `group`. Lists are filtered and capped; `isIncomplete` when cut.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import { DHCP_WORDS, KEYWORDS, keywordAppliesTo, type KeywordSpec } from '../catalog/keywords';
import { MPATHD_SETTINGS } from '../catalog/mpathd';
import { PLUS_KEY } from '../catalog/keywordDocs';
import { renderKeywordMarkdown, renderKeywordPlain } from '../catalog/renderDocs';
import { isRelease, type Release } from '../catalog/releases';
import { checkAddressLiteral } from '../syntax/address';
import { interpretLine, type HostnameFile, type LogicalLine } from '../syntax/hostname';
import { checkInterfaceName } from '../syntax/interfaceName';
import type { Token } from '../syntax/token';
import type { ParsedDocument } from './document';
import { groupMembers, type HostView } from './hostView';
import type { ResolvedName } from '../engine/names';

export const MAX_NAME_ITEMS = 200;

export interface CompletionOptions {
  readonly release: Release;
  readonly markdown: boolean;
  /** The client runs `editor.action.triggerSuggest` (VS Code): reopen the list after a keyword that takes an argument. */
  readonly retrigger: boolean;
  readonly snippets: boolean;
}

interface ItemData {
  readonly kind: 'keyword' | 'dhcp';
  readonly name: string;
  /** The target release, marked in the docs' "By release" list. */
  readonly release?: Release;
}

export function complete(doc: ParsedDocument, offset: number, host: HostView, options: CompletionOptions): CompletionList {
  switch (doc.kind) {
    case 'hostname':
      return doc.hostname.isDhcpFile ? dhcpFileCompletion(doc.hostname, offset) : hostnameCompletion(doc.hostname, offset, host, options);
    case 'mpathd':
      return mpathdCompletion(doc, offset);
    default:
      return { isIncomplete: false, items: [] };
  }
}

/** Fills in the documentation of an item the client asked about. */
export function resolveCompletion(item: CompletionItem, options: { markdown: boolean }): CompletionItem {
  const data = item.data as ItemData | undefined;
  if (!data || (data.kind !== 'keyword' && data.kind !== 'dhcp')) return item;
  const release = isRelease(data.release) ? data.release : undefined;
  const value = options.markdown ? renderKeywordMarkdown(data.name, release) : renderKeywordPlain(data.name, release);
  if (value) item.documentation = { kind: options.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value };
  return item;
}

/** The word being typed at `offset` and the words before it on the same logical line. */
function cursorContext(file: HostnameFile, offset: number): { line?: LogicalLine; before: Token[]; current?: Token } {
  const line = file.lines.find((l) => offset >= l.span.start && offset <= l.span.end);
  if (!line) return { before: [] };
  const before: Token[] = [];
  let current: Token | undefined;
  for (const w of line.words) {
    if (w.end < offset) before.push(w);
    else if (w.start < offset && offset <= w.end) current = w;
  }
  return { line, before, current };
}

function hostnameCompletion(file: HostnameFile, offset: number, host: HostView, options: CompletionOptions): CompletionList {
  const { line, before, current } = cursorContext(file, offset);
  const replace: Range = current
    ? { start: current.range.start, end: file.index.positionAt(offset) }
    : { start: file.index.positionAt(offset), end: file.index.positionAt(offset) };
  const prefix = current ? file.text.slice(current.start, offset) : '';
  // Nothing to offer inside a comment: the comment itself is the problem.
  if (before.some((w) => w.text.startsWith('#')) || prefix.startsWith('#')) return { isIncomplete: false, items: [] };

  const synthetic: LogicalLine | undefined = line ? { ...line, words: before } : undefined;
  const command = synthetic ? interpretLine(synthetic, { isDhcpFile: false }) : undefined;
  const items: CompletionItem[] = [];
  let isIncomplete = false;

  if (command?.dhcpKeyword) {
    for (const word of DHCP_WORDS) items.push(dhcpItem(word.name, word.summary, replace));
    return { isIncomplete: false, items };
  }

  const segments = command?.segments ?? [];
  const segment = segments[segments.length - 1];
  const lastUse = segment?.keywords[segment.keywords.length - 1];
  const lastWord = before[before.length - 1];
  const awaitingArgument = lastUse && lastWord === lastUse.token && lastUse.spec.argument && !lastUse.argument;

  if (awaitingArgument && lastUse) {
    isIncomplete = argumentItems(lastUse.spec, file, host, prefix, replace, items);
    return { isIncomplete, items };
  }

  const unitFile = file.fileName ? checkInterfaceName(file.fileName.interfaceName) : undefined;
  const logicalFile = unitFile?.kind === 'valid' && (unitFile.name.unit ?? 0) > 0;
  const inAddif = segment?.kind === 'addif';
  const used = new Set<string>();
  for (const use of segment?.keywords ?? []) {
    used.add(use.spec.name);
    if (use.spec.opposite && !use.spec.argument) used.add(use.spec.opposite);
  }
  const firstWord = before.length === 0;

  for (const spec of KEYWORDS) {
    if (!keywordAppliesTo(spec, file.family) || !spec.releases.includes(options.release) || spec.interactiveOnly) continue;
    if (spec.name !== 'addif' && used.has(spec.name)) continue;
    if (spec.unit0Only && (inAddif || logicalFile)) continue;
    if ((spec.name === 'dhcp' || spec.name === 'auto-dhcp') && !firstWord) continue;
    if (spec.name === 'ipmp' && !firstWord) continue;
    if (spec.name === 'set' && segment?.address) continue;
    if (spec.name === 'destination' && (!segment?.address || segment.destination)) continue;
    if (['plumb', 'unplumb', 'removeif', 'failed', '-failed', 'trailers', '-trailers'].includes(spec.name)) continue;
    items.push(keywordItem(spec, replace, options));
  }
  // Where the address goes: the host's names (a link-based member may have none).
  if (!segment?.address) isIncomplete = hostNameItems(file, host, prefix, replace, items);
  return { isIncomplete, items };
}

function keywordItem(spec: KeywordSpec, range: Range, options: CompletionOptions): CompletionItem {
  const takesArgument = spec.argument !== undefined && !spec.argumentOptional;
  const item: CompletionItem = {
    label: spec.name,
    kind: CompletionItemKind.Keyword,
    detail: spec.summary,
    sortText: `${spec.ipmp ? '0' : '1'}${spec.name.replace(/^-/, '')}`,
    filterText: spec.name,
    textEdit: { range, newText: takesArgument && options.retrigger ? `${spec.name} ` : spec.name },
    data: { kind: 'keyword', name: spec.name, release: options.release } satisfies ItemData,
  };
  if (takesArgument && options.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

function dhcpItem(name: string, summary: string, range: Range): CompletionItem {
  return { label: name, kind: CompletionItemKind.Keyword, detail: summary, textEdit: { range, newText: name }, data: { kind: 'dhcp', name } satisfies ItemData };
}

const COMMON_MASKS: [string, number][] = [
  ['255.255.255.0', 24],
  ['255.255.255.128', 25],
  ['255.255.255.192', 26],
  ['255.255.255.224', 27],
  ['255.255.255.240', 28],
  ['255.255.254.0', 23],
  ['255.255.252.0', 22],
  ['255.255.0.0', 16],
  ['255.0.0.0', 8],
];

/** Items for a keyword's argument; returns whether the list was cut. */
function argumentItems(spec: KeywordSpec, file: HostnameFile, host: HostView, prefix: string, range: Range, items: CompletionItem[]): boolean {
  const plus = (detail: string): CompletionItem => ({
    label: '+',
    kind: CompletionItemKind.Operator,
    detail,
    sortText: '0',
    preselect: true,
    textEdit: { range, newText: '+' },
    data: { kind: 'keyword', name: PLUS_KEY } satisfies ItemData,
  });
  switch (spec.argument) {
    case 'netmask':
      items.push(plus('Look the mask up in netmasks'));
      COMMON_MASKS.forEach(([mask, len], i) =>
        items.push({ label: mask, kind: CompletionItemKind.Value, detail: `/${len}`, sortText: `1${i}`, textEdit: { range, newText: mask } }),
      );
      return false;
    case 'broadcast':
      items.push(plus('Compute the broadcast address from address and mask'));
      return false;
    case 'group': {
      const groups = [...groupMembers(host).entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      groups.forEach(([name, members], i) =>
        items.push({
          label: name,
          kind: CompletionItemKind.Module,
          detail: `IPMP group: ${members.map((m) => m.baseName.replace(/^hostname6?\./, '')).join(', ')}`,
          sortText: String(i).padStart(4, '0'),
          textEdit: { range, newText: name },
        }),
      );
      return false;
    }
    case 'address':
    case 'destination':
      return hostNameItems(file, host, prefix, range, items);
    case 'interface':
      for (const name of ['vni0', 'none']) items.push({ label: name, kind: CompletionItemKind.Value, textEdit: { range, newText: name } });
      return false;
    default:
      return false;
  }
}

function hostNameItems(file: HostnameFile, host: HostView, prefix: string, range: Range, items: CompletionItem[]): boolean {
  const names = host.names;
  if (!names) return false;
  // Only names of this file's family (§1.7): a name with only an IPv6 entry cannot be plumbed on IPv4.
  const sameFamily = (resolved: ResolvedName): boolean => {
    const literal = checkAddressLiteral(resolved.entry.address.text, { allowPrefix: false });
    return !literal.ok || literal.value.family === file.family;
  };
  const found = names.namesStartingWith(prefix, MAX_NAME_ITEMS, sameFamily);
  for (const { name, resolved } of found.names) {
    items.push({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: resolved.entry.address.text,
      sortText: `2${name}`,
      textEdit: { range, newText: name },
    });
  }
  return found.more;
}

function dhcpFileCompletion(file: HostnameFile, offset: number): CompletionList {
  const { before, current } = cursorContext(file, offset);
  const range: Range = current
    ? { start: current.range.start, end: file.index.positionAt(offset) }
    : { start: file.index.positionAt(offset), end: file.index.positionAt(offset) };
  const last = before[before.length - 1];
  if (last?.text === 'wait') {
    return { isIncomplete: false, items: ['30', '60', 'forever'].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } })) };
  }
  const items = DHCP_WORDS.filter((w) => w.inDhcpFile && !before.some((b) => b.text === w.name)).map((w) => dhcpItem(w.name, w.summary, range));
  return { isIncomplete: false, items };
}

function mpathdCompletion(doc: Extract<ParsedDocument, { kind: 'mpathd' }>, offset: number): CompletionList {
  const position = doc.index.positionAt(offset);
  const lineStart = doc.index.lineStart(position.line);
  const typed = doc.text.slice(lineStart, offset);
  const eq = typed.indexOf('=');
  if (eq === -1) {
    if (typed.startsWith('#') || /\s/.test(typed)) return { isIncomplete: false, items: [] };
    const range: Range = { start: doc.index.positionAt(lineStart), end: position };
    const items = MPATHD_SETTINGS.map((s) => ({
      label: s.name,
      kind: CompletionItemKind.Property,
      detail: `${s.summary} (default ${s.defaultValue})`,
      textEdit: { range, newText: `${s.name}=${s.defaultValue}` },
      insertTextFormat: InsertTextFormat.PlainText,
    }));
    return { isIncomplete: false, items };
  }
  const name = typed.slice(0, eq).toUpperCase();
  const setting = MPATHD_SETTINGS.find((s) => s.name === name);
  if (!setting) return { isIncomplete: false, items: [] };
  const range: Range = { start: doc.index.positionAt(lineStart + eq + 1), end: position };
  const values = setting.values === 'yes-no' ? ['yes', 'no'] : ['10000', '5000', '1000'];
  return {
    isIncomplete: false,
    items: values.map((v, i) => ({ label: v, kind: CompletionItemKind.Value, sortText: String(i), detail: v === setting.defaultValue ? 'default' : undefined, textEdit: { range, newText: v } })),
  };
}
