/**
 * Definition, references and document highlights for the names of one host (DESIGN.md
 * "Hosts"): host names, which compare case-insensitively (§5.1), and IPMP groups, which
 * compare exactly (§3.1). `netmask +` goes to the netmasks entry the boot-time lookup
 * finds for the address it applies to (§1.8). Rename builds on `symbolAt` below.
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location, type LocationLink, type Position, type Range } from 'vscode-languageserver-types';
import { uriPath } from '../syntax/uri';
import { resolveAddress } from '../rules/ipmpModel';
import { lookupEntries } from '../engine/names';
import { wordAt, type AddressSegment, type KeywordUse } from '../syntax/hostname';
import type { HostsFile } from '../syntax/hosts';
import { matchNetmask, type NetmasksEntry } from '../syntax/netmasks';
import type { ParsedDocument } from './document';
import { viewWithDocument, type HostView } from './hostView';
import { hostKey, hostOccurrences, occurrenceAt, sameSymbol, type Occurrence } from './occurrences';

/** A hosts-format file of the host, in lookup-neutral order: hosts, then ipnodes. */
export interface NameFile {
  readonly uri: string;
  readonly file: HostsFile;
  readonly which: 'hosts' | 'ipnodes';
}

/** An occurrence with the text around it worth showing: its hosts entry, or its ifconfig line. */
export type PlacedOccurrence = Occurrence & { readonly context: Range };

/** The name under the cursor and every place it occurs in the host. */
export interface NamedSymbol {
  readonly target: Occurrence;
  readonly occurrences: readonly PlacedOccurrence[];
  /** The host with the document's own parse in it. */
  readonly view: HostView;
  readonly nameFiles: readonly NameFile[];
}


/**
 * The hosts-format files names come from. A hosts document the host does not use (an
 * `etc/hosts` shadowed by `etc/inet/hosts`) still counts for itself, so navigating inside
 * it works.
 */
export function nameFiles(view: HostView, doc?: ParsedDocument): NameFile[] {
  const out: NameFile[] = [];
  if (view.hosts) out.push({ uri: view.hosts.uri, file: view.hosts.file, which: 'hosts' });
  if (view.ipnodes) out.push({ uri: view.ipnodes.uri, file: view.ipnodes.file, which: 'ipnodes' });
  if (doc?.kind === 'hosts' && !out.some((f) => f.uri === doc.uri)) {
    out.push({ uri: doc.uri, file: doc.hosts, which: /\/ipnodes$/.test(uriPath(doc.uri) ?? doc.uri) ? 'ipnodes' : 'hosts' });
  }
  return out;
}

/** Only the host's interface files: their occurrences, without walking a large hosts file. */
export function interfaceOccurrences(view: HostView): Occurrence[] {
  return hostOccurrences({ ...view, hosts: undefined, ipnodes: undefined });
}

function hostsNameAt(doc: Extract<ParsedDocument, { kind: 'hosts' }>, position: Position, files: readonly NameFile[]): Occurrence | undefined {
  const offset = doc.index.offsetAt(position);
  const entry = doc.hosts.entryOnLine(position.line);
  const name = entry?.names.find((n) => offset >= n.start && offset <= n.end);
  if (!name) return undefined;
  const which = files.find((f) => f.uri === doc.uri)?.which ?? 'hosts';
  return { kind: 'host', name: name.text, key: hostKey(name.text), uri: doc.uri, range: name.range, definition: true, file: which };
}

/** Every definition of a host name in the name files, with its entry as context. */
function hostDefinitions(files: readonly NameFile[], key: string): PlacedOccurrence[] {
  const out: PlacedOccurrence[] = [];
  for (const f of files) {
    // lookup lists an entry once per matching name; an entry may repeat a name.
    const entries = new Set(lookupEntries(f.file, key));
    for (const entry of entries) {
      for (const name of entry.names) {
        if (hostKey(name.text) !== key) continue;
        out.push({ kind: 'host', name: name.text, key, uri: f.uri, range: name.range, definition: true, file: f.which, context: entry.span.range });
      }
    }
  }
  return out;
}

/** Hostname-file occurrences with their ifconfig line as context. */
function placeInInterfaces(view: HostView, occurrences: readonly Occurrence[]): PlacedOccurrence[] {
  return occurrences.map((o) => {
    const iface = view.interfaces.find((i) => i.uri === o.uri);
    const offset = iface ? iface.file.index.offsetAt(o.range.start) : -1;
    const command = iface?.file.commands.find((c) => offset >= c.line.span.start && offset <= c.line.span.end);
    return { ...o, context: command ? command.line.span.range : o.range };
  });
}

/** The host name or group under the cursor, with all its occurrences in the host. */
export function symbolAt(doc: ParsedDocument, position: Position, host: HostView): NamedSymbol | undefined {
  const view = viewWithDocument(host, doc);
  const files = nameFiles(view, doc);
  let target: Occurrence | undefined;
  if (doc.kind === 'hostname') {
    const own = hostOccurrences({ rootUri: view.rootUri, interfaces: view.interfaces.filter((i) => i.uri === doc.uri), newHostsUri: view.newHostsUri });
    target = occurrenceAt(own, doc.uri, position);
  } else if (doc.kind === 'hosts') {
    target = hostsNameAt(doc, position, files);
  }
  if (!target) return undefined;
  const inInterfaces = placeInInterfaces(view, sameSymbol(interfaceOccurrences(view), target));
  const occurrences = target.kind === 'host' ? [...hostDefinitions(files, target.key), ...inInterfaces] : inInterfaces;
  return { target, occurrences, view, nameFiles: files };
}

// ---------------------------------------------------------------------------------------
// netmask +

export interface NetmaskTarget {
  /** `netmask +` as written. */
  readonly origin: Range;
  readonly uri: string;
  readonly entry: NetmasksEntry;
}

/**
 * The netmasks entry a `netmask +` under the cursor (on either word) gets its mask from:
 * libnsl's lookup on the address of the same logical interface (§1.8). Undefined when the
 * cursor is elsewhere, the address does not resolve to IPv4, or no entry matches (then the
 * address keeps its classful mask).
 */
export function netmaskTarget(doc: ParsedDocument, position: Position, host: HostView): NetmaskTarget | undefined {
  if (doc.kind !== 'hostname' || doc.hostname.family !== 'inet') return undefined;
  const view = viewWithDocument(host, doc);
  if (!view.netmasks) return undefined;
  const hit = wordAt(doc.hostname, doc.index.offsetAt(position));
  if (!hit || hit.keyword?.name !== 'netmask' || (hit.role !== 'keyword' && hit.role !== 'argument')) return undefined;
  let found: { segment: AddressSegment; use: KeywordUse } | undefined;
  for (const segment of hit.command.segments) {
    const use = segment.keywords.find((k) => k.spec.name === 'netmask' && (k.token === hit.token || k.argument === hit.token));
    if (use) found = { segment, use };
  }
  if (!found || found.use.argument?.text !== '+') return undefined;
  const address = found.segment.address;
  if (!address || address.text === '+') return undefined;
  const { value } = resolveAddress(address.text, 'inet', view.names);
  if (value?.ipv4 === undefined) return undefined;
  const match = matchNetmask(view.netmasks.file, value.ipv4);
  if (!match) return undefined;
  return { origin: { start: found.use.token.range.start, end: found.use.argument.range.end }, uri: view.netmasks.uri, entry: match.entry };
}

// ---------------------------------------------------------------------------------------
// Requests

export interface DefinitionOptions {
  /** The client takes LocationLinks (`textDocument.definition.linkSupport`). */
  readonly linkSupport?: boolean;
}

/**
 * A host name goes to its hosts (and ipnodes) entries, a group to every member's `group`
 * word, `netmask +` to the netmasks entry that applies.
 */
export function definition(doc: ParsedDocument, position: Position, host: HostView, options: DefinitionOptions = {}): Location[] | LocationLink[] {
  const netmask = netmaskTarget(doc, position, host);
  if (netmask) {
    const { entry } = netmask;
    if (options.linkSupport) {
      return [{ originSelectionRange: netmask.origin, targetUri: netmask.uri, targetRange: entry.span.range, targetSelectionRange: entry.network.range }];
    }
    return [{ uri: netmask.uri, range: entry.span.range }];
  }
  const found = symbolAt(doc, position, host);
  if (!found) return [];
  const targets = found.occurrences.filter((o) => o.definition);
  if (options.linkSupport) {
    return targets.map((o) => ({ originSelectionRange: found.target.range, targetUri: o.uri, targetRange: o.context, targetSelectionRange: o.range }));
  }
  return targets.map((o) => ({ uri: o.uri, range: o.range }));
}

/**
 * A host name in hosts, ipnodes and every hostname file of its host; a group in all its
 * members' files. A group has no single declaration (each `group` word declares one
 * member), so `includeDeclaration` only leaves out hosts and ipnodes entries.
 */
export function references(doc: ParsedDocument, position: Position, host: HostView, includeDeclaration: boolean): Location[] {
  const found = symbolAt(doc, position, host);
  if (!found) return [];
  return found.occurrences
    .filter((o) => includeDeclaration || o.kind === 'group' || !o.definition)
    .map((o) => ({ uri: o.uri, range: o.range }));
}

/** The same name in this document: hosts entries and `group` words are writes, uses reads. */
export function documentHighlights(doc: ParsedDocument, position: Position, host: HostView): DocumentHighlight[] {
  const found = symbolAt(doc, position, host);
  if (!found) return [];
  return found.occurrences
    .filter((o) => o.uri === doc.uri)
    .map((o) => ({ range: o.range, kind: o.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
