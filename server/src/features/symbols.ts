/**
 * Document symbols (the outline) and workspace symbols. A hostname file is one interface
 * with its addresses, each with the role the IPMP model gives it (data or test, §3.2), and
 * its group; a hosts file is its entries; netmasks its networks; default/mpathd its
 * settings. Workspace symbols are the groups, host names and interfaces of every host.
 */
import { SymbolKind, type DocumentSymbol, type Range, type WorkspaceSymbol } from 'vscode-languageserver-types';
import { uriPath } from '../syntax/uri';
import { findMpathdSetting } from '../catalog/mpathd';
import { DEFAULT_RELEASE, type Release } from '../catalog/releases';
import { lastOf, type ConfiguredAddress } from '../rules/ipmpModel';
import { analyzeHost } from './hostAnalysis';
import { checkAddressLiteral, looksLikeLiteral, maskPrefixLength } from '../syntax/address';
import { baseName, parseInterfaceFileName } from '../syntax/fileKind';
import { segmentWords, type AddressSegment, type HostnameFile } from '../syntax/hostname';
import type { ParsedDocument } from './document';
import type { HostView } from './hostView';
import { interfaceSummary } from './hover';
import { viewWithDocument } from './hostView';
import { hostKey, hostOccurrences } from './occurrences';

export interface SymbolOptions {
  /** Decides whether `-failover` implies `deprecated` (OpenSolaris on); default Solaris 10. */
  readonly release?: Release;
  /** At most this many top-level symbols (a 200,000-line hosts file); default DOCUMENT_SYMBOL_LIMIT. */
  readonly limit?: number;
}

/** Outline cap: beyond it the client spends more time drawing than the user gains. */
export const DOCUMENT_SYMBOL_LIMIT = 5000;

export function documentSymbols(doc: ParsedDocument, host: HostView, options: SymbolOptions = {}): DocumentSymbol[] {
  return documentSymbolsCapped(doc, host, options).symbols;
}

/** The outline, and whether it was cut at the limit (the server may say so once). */
export function documentSymbolsCapped(doc: ParsedDocument, host: HostView, options: SymbolOptions = {}): { symbols: DocumentSymbol[]; truncated: boolean } {
  const limit = options.limit ?? DOCUMENT_SYMBOL_LIMIT;
  switch (doc.kind) {
    case 'hostname':
      return { symbols: [interfaceSymbol(doc, host, options.release ?? DEFAULT_RELEASE)], truncated: false };
    case 'hosts':
      return capped(doc.hosts.entries, limit, (entry) => ({
        name: entry.address.text,
        detail: entry.names[0]?.text,
        kind: SymbolKind.Constant,
        range: entry.span.range,
        selectionRange: entry.address.range,
        children: entry.names.map((n, i) => ({
          name: n.text,
          detail: i === 0 ? 'official' : 'alias',
          kind: SymbolKind.Variable,
          range: n.range,
          selectionRange: n.range,
        })),
      }));
    case 'netmasks':
      return capped(doc.netmasks.entries, limit, (entry) => {
        const mask = entry.maskValue?.ok ? maskPrefixLength(entry.maskValue.value) : undefined;
        const detail = entry.mask ? `${entry.mask.text}${mask !== undefined ? ` (/${mask})` : ''}${entry.accepted ? '' : ' — ignored by libnsl'}` : 'no mask — ignored by libnsl';
        return { name: entry.network.text, detail, kind: SymbolKind.Constant, range: entry.span.range, selectionRange: entry.network.range };
      });
    case 'mpathd': {
      const file = doc.mpathd;
      const assignments = file.assignments.filter((a) => a.name.text.trim() !== '');
      return capped(assignments, limit, (a) => {
        const setting = findMpathdSetting(a.name.text);
        const value = a.value.text;
        let note = '';
        if (!setting) note = ' (unknown to in.mpathd)';
        else if (file.effective.get(setting.name) !== a) {
          const used = file.effective.get(setting.name);
          note = !a.seen ? ' (never read: defread stops before this line)' : used ? ` (not read: line ${used.line + 1} sets it)` : ' (not read as written)';
        }
        return {
          name: a.name.text,
          detail: `${value}${note}`,
          kind: SymbolKind.Property,
          range: { start: a.name.range.start, end: a.value.range.end },
          selectionRange: a.name.range,
        };
      });
    }
  }
}

function capped<T>(items: readonly T[], limit: number, toSymbol: (item: T) => DocumentSymbol): { symbols: DocumentSymbol[]; truncated: boolean } {
  const n = Math.min(items.length, Math.max(0, limit));
  const symbols: DocumentSymbol[] = new Array(n);
  for (let i = 0; i < n; i++) symbols[i] = toSymbol(items[i]!);
  return { symbols, truncated: items.length > n };
}

// ---------------------------------------------------------------------------------------
// hostname files

function familyLabel(file: HostnameFile): string {
  if (file.isDhcpFile) return 'DHCP';
  return file.family === 'inet6' ? 'IPv6' : 'IPv4';
}

/** The role of an address as the outline shows it (§3.2). */
export function addressRole(address: { readonly test: boolean; readonly deprecated: boolean; readonly linkLocal: boolean }): string {
  if (address.test) return address.linkLocal ? 'link-local test' : address.deprecated ? 'test (deprecated)' : 'test';
  return address.linkLocal ? 'link-local' : 'data';
}

/** From the first to the last word of a logical interface's part of the line. */
function segmentRange(file: HostnameFile, segment: AddressSegment): Range {
  const tokens = segmentWords(segment);
  let start = Infinity;
  let end = -Infinity;
  for (const t of tokens) {
    start = Math.min(start, t.start);
    end = Math.max(end, t.end);
  }
  return file.index.range(start, end);
}

function interfaceSymbol(doc: Extract<ParsedDocument, { kind: 'hostname' }>, host: HostView, release: Release): DocumentSymbol {
  const file = doc.hostname;
  const view = viewWithDocument(host, doc);
  const model = analyzeHost(view, release).model;
  const bySegment = new Map<AddressSegment, ConfiguredAddress>();
  for (const a of model.addresses) if (a.input.uri === doc.uri) bySegment.set(a.segment, a);
  const membersOf = (group: string): string => {
    const members = model.groups.get(group)?.members;
    if (members) return members.map((m) => m.name).join(', ');
    // The model did not take the group (a logical interface, a line that never runs).
    const files = view.interfaces.filter((i) => hostOccurrences({ ...view, hosts: undefined, ipnodes: undefined, interfaces: [i] }).some((o) => o.kind === 'group' && o.key === group));
    return files.map((i) => i.file.fileName?.interfaceName ?? i.baseName).join(', ');
  };

  const children: DocumentSymbol[] = [];
  for (const command of file.commands) {
    if (command.dhcpKeyword) {
      children.push({ name: command.dhcpKeyword.text, detail: 'data (DHCP)', kind: SymbolKind.Event, range: command.line.span.range, selectionRange: command.dhcpKeyword.range });
    }
    for (const segment of command.segments) {
      const modelled = bySegment.get(segment);
      const address = segment.address && segment.address.text !== '+' ? segment.address : undefined;
      if (address || modelled) {
        const range = segmentRange(file, segment);
        const role = modelled
          ? addressRole({ test: modelled.test, deprecated: modelled.deprecated, linkLocal: !modelled.token || modelled.value?.linkLocal === true })
          : addressRole({
              test: lastOf(segment, '-failover', 'failover') === '-failover',
              deprecated: lastOf(segment, 'deprecated', '-deprecated') === 'deprecated',
              linkLocal: address !== undefined && isLinkLocalLiteral(address.text),
            });
        children.push({
          name: address?.text ?? 'link-local',
          detail: role,
          kind: address && looksLikeLiteral(address.text) ? SymbolKind.Constant : SymbolKind.Variable,
          range,
          selectionRange: address?.range ?? range,
        });
      }
      if (segment.kind !== 'unit') continue;
      for (const use of segment.keywords) {
        if (use.spec.name !== 'group' || !use.argument) continue;
        const range = { start: use.token.range.start, end: use.argument.range.end };
        children.push({ name: use.argument.text, detail: membersOf(use.argument.text), kind: SymbolKind.Namespace, range, selectionRange: use.argument.range });
      }
    }
  }
  children.sort((a, b) => a.selectionRange.start.line - b.selectionRange.start.line || a.selectionRange.start.character - b.selectionRange.start.character);

  const name = file.fileName?.interfaceName || baseName(uriPath(doc.uri) ?? doc.uri) || doc.uri;
  const summary = file.fileName ? interfaceSummary(file.fileName.interfaceName) : undefined;
  const whole = file.index.range(0, file.text.length);
  const first = file.commands[0]?.line.words[0];
  return {
    name,
    detail: summary ? `${familyLabel(file)} · ${summary}` : familyLabel(file),
    kind: SymbolKind.Interface,
    range: whole,
    selectionRange: first ? first.range : { start: whole.start, end: whole.start },
    children,
  };
}

function isLinkLocalLiteral(text: string): boolean {
  if (!looksLikeLiteral(text)) return false;
  const check = checkAddressLiteral(text, { allowPrefix: true });
  return check.ok && check.value.linkLocal;
}


// ---------------------------------------------------------------------------------------
// Workspace symbols

/** The host's name: the folder above `etc` (`web1` for `…/web1/etc`), else the root folder's own name. */
export function hostLabel(host: HostView): string {
  const parts = (uriPath(host.rootUri) ?? host.rootUri).split('/').filter((p) => p !== '');
  if (parts.length === 0) return host.rootUri;
  const last = parts[parts.length - 1]!;
  return last === 'etc' && parts.length > 1 ? parts[parts.length - 2]! : last;
}

/**
 * How well a name fits a query, case-insensitively: a prefix (3) beats a substring (2)
 * beats a subsequence (1); 0 = no match. An empty query fits everything.
 */
export function matchScore(name: string, query: string): number {
  if (query === '') return 1;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n.startsWith(q)) return 3;
  if (n.includes(q)) return 2;
  let i = 0;
  for (let k = 0; k < n.length && i < q.length; k++) if (n[k] === q[i]) i++;
  return i === q.length ? 1 : 0;
}

export interface WorkspaceSymbolResult {
  readonly symbols: WorkspaceSymbol[];
  /** More symbols matched than `limit`: the client should ask again as the user types. */
  readonly incomplete: boolean;
}

/**
 * Every workspace symbol of one host, in the order a search ranks ties: its groups (one per
 * name, at its first `group` word in boot order), its host names (each once, at its first
 * definition, hosts before ipnodes), then its interfaces. A generator, so the workspace index
 * can stop between symbols of a 200,000-line hosts file and let requests in.
 */
export function* hostWorkspaceSymbols(host: HostView): Generator<WorkspaceSymbol, void, undefined> {
  const containerName = hostLabel(host);
  const groups = new Set<string>();
  for (const o of hostOccurrences({ ...host, hosts: undefined, ipnodes: undefined })) {
    if (o.kind !== 'group' || o.name === '""' || groups.has(o.key)) continue;
    groups.add(o.key);
    yield { name: o.name, kind: SymbolKind.Namespace, containerName, location: { uri: o.uri, range: o.range } };
  }
  const names = new Set<string>();
  for (const source of [host.hosts, host.ipnodes]) {
    if (!source) continue;
    for (const entry of source.file.scanEntries()) {
      for (const token of entry.names) {
        const key = hostKey(token.text);
        if (names.has(key)) continue;
        names.add(key);
        yield { name: token.text, kind: SymbolKind.Variable, containerName, location: { uri: source.uri, range: token.range } };
      }
    }
  }
  for (const iface of host.interfaces) {
    const fileName = iface.file.fileName ?? parseInterfaceFileName(iface.baseName);
    const interfaceName = fileName?.interfaceName ?? iface.baseName;
    const suffix = fileName?.prefix === 'hostname6' ? ' (IPv6)' : fileName?.prefix === 'dhcp' ? ' (DHCP)' : '';
    const first = iface.file.commands[0]?.line.words[0];
    const start = { line: 0, character: 0 };
    yield { name: `${interfaceName}${suffix}`, kind: SymbolKind.Interface, containerName, location: { uri: iface.uri, range: first?.range ?? { start, end: start } } };
  }
}

/** Groups, host names and interfaces of every host given, best matches first, at most `limit`. */
export function workspaceSymbols(hosts: readonly HostView[], query: string, limit: number): WorkspaceSymbolResult {
  const search = new WorkspaceSymbolSearch(query, limit);
  for (const host of hosts) {
    if (search.enough) break;
    search.addHost(host);
  }
  return search.result();
}

/**
 * A workspace symbol search fed one host at a time, so the server can yield between hosts and
 * no request waits while thousands of hosts are searched.
 */
export class WorkspaceSymbolSearch {
  private readonly found: { symbol: WorkspaceSymbol; score: number; order: number }[] = [];

  constructor(
    private readonly query: string,
    private readonly limit: number,
  ) {}

  /** With no query every symbol ties: once one more than the limit is found, the rest cannot change the answer. */
  get enough(): boolean {
    return this.query === '' && this.found.length > this.limit;
  }

  private add(symbol: WorkspaceSymbol): void {
    const score = matchScore(symbol.name, this.query);
    if (score > 0) this.found.push({ symbol, score, order: this.found.length });
  }

  addHost(host: HostView): void {
    for (const symbol of hostWorkspaceSymbols(host)) {
      if (this.enough) break;
      this.add(symbol);
    }
  }

  result(): WorkspaceSymbolResult {
    const found = [...this.found].sort((a, b) => b.score - a.score || a.order - b.order);
    const cut = Math.max(0, this.limit);
    return { symbols: found.slice(0, cut).map((f) => f.symbol), incomplete: found.length > cut };
  }
}
