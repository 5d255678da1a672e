/**
 * Where the names of a host occur: host names in hosts, ipnodes and hostname files, and
 * IPMP group names in hostname files. Definition, references, highlights and rename all
 * read this one list. Host names compare case-insensitively (§5.1); group names exactly
 * (§3.1).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { looksLikeLiteral } from '../syntax/address';
import type { HostsFile } from '../syntax/hosts';
import type { HostView } from './hostView';

export type OccurrenceKind = 'host' | 'group';

export interface Occurrence {
  readonly kind: OccurrenceKind;
  /** As written. */
  readonly name: string;
  /** The comparison key: lower case for host names, exact for groups. */
  readonly key: string;
  readonly uri: string;
  readonly range: Range;
  /** A hosts/ipnodes entry defining the name; for groups, every `group` word. */
  readonly definition: boolean;
  readonly file: 'hosts' | 'ipnodes' | 'hostname';
}

export function hostKey(name: string): string {
  return name.toLowerCase();
}

function hostsOccurrences(uri: string, file: HostsFile, which: 'hosts' | 'ipnodes', out: Occurrence[]): void {
  for (const entry of file.scanEntries()) {
    for (const name of entry.names) {
      out.push({ kind: 'host', name: name.text, key: hostKey(name.text), uri, range: name.range, definition: true, file: which });
    }
  }
}

export function hostOccurrences(host: HostView): Occurrence[] {
  const out: Occurrence[] = [];
  if (host.hosts) hostsOccurrences(host.hosts.uri, host.hosts.file, 'hosts', out);
  if (host.ipnodes) hostsOccurrences(host.ipnodes.uri, host.ipnodes.file, 'ipnodes', out);
  for (const iface of host.interfaces) {
    for (const command of iface.file.commands) {
      for (const r of command.roles) {
        const text = r.token.text;
        if (r.role === 'argument' && r.keyword?.name === 'group') {
          out.push({ kind: 'group', name: text, key: text, uri: iface.uri, range: r.token.range, definition: true, file: 'hostname' });
          continue;
        }
        const addressArgument = r.role === 'argument' && (r.keyword?.argument === 'address' || r.keyword?.argument === 'destination' || r.keyword?.argument === 'broadcast');
        if ((r.role === 'address' || r.role === 'destination' || addressArgument) && text !== '+' && !looksLikeLiteral(text)) {
          out.push({ kind: 'host', name: text, key: hostKey(text), uri: iface.uri, range: r.token.range, definition: false, file: 'hostname' });
        }
      }
    }
  }
  return out;
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function occurrenceAt(occurrences: readonly Occurrence[], uri: string, position: Position): Occurrence | undefined {
  return occurrences.find((o) => o.uri === uri && contains(o.range, position));
}

/** Every occurrence of the same name (same kind, same key). */
export function sameSymbol(occurrences: readonly Occurrence[], target: Occurrence): Occurrence[] {
  return occurrences.filter((o) => o.kind === target.kind && o.key === target.key);
}
