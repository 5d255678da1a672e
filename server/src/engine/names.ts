/**
 * Name resolution as ifconfig sees it at boot: only local files (§1.7, §4.7). A host's
 * names come from its hosts file and, where the release reads it, inet/ipnodes (§5.2).
 */
import { readHostsAddress, type HostsEntry, type HostsFile } from '../syntax/hosts';
import type { TextEdit } from 'vscode-languageserver-types';

export interface ResolvedName {
  readonly entry: HostsEntry;
  readonly uri: string;
  readonly source: 'hosts' | 'ipnodes';
  /** For `skipped`: why Solaris does not read the line. */
  readonly unreadable?: 'address' | 'line-too-long';
}

export interface NameLookup {
  /** How to name the file in messages: `hosts`, `inet/hosts`. */
  readonly label: string;
  readonly hostsUri: string;
  /**
   * First match in lookup order; names are case-insensitive (§5.1). A line whose address
   * Solaris cannot read is skipped whole (§5.1), so its names resolve to nothing.
   */
  resolve(name: string): ResolvedName | undefined;
  /** Every match in lookup order (for a family-specific lookup, §1.7). */
  resolveAll(name: string): readonly ResolvedName[];
  /** The first line that names `name` but that Solaris skips, its address being unreadable. */
  skipped(name: string): ResolvedName | undefined;
  /**
   * Distinct names starting with `prefix` (case ignored) in lookup order, at most `limit`;
   * `more` when some were left out. Never walks a big file further than it must.
   */
  namesStartingWith(prefix: string, limit: number, accept?: (resolved: ResolvedName) => boolean): { names: { readonly name: string; readonly resolved: ResolvedName }[]; more: boolean };
  /** Distinct names within `maxDistance` edits of `word` (case ignored), for did-you-mean. */
  namesWithin(word: string, maxDistance: number): string[];
  /** An edit that appends a line to the hosts file. */
  appendEntry(line: string): { readonly uri: string; readonly edits: readonly TextEdit[] };
}

/**
 * Names longer than this are never looked up. No Solaris resolver takes a host name over
 * MAXHOSTNAMELEN (256), so such a word never resolves at boot, and a native search for a
 * word of megabytes (from a binary file) would fail or cost more than the whole check.
 */
export const MAX_NAME_LENGTH = 1024;

/** The entries of a hosts-format file that define `name`; none for an impossible name. */
export function lookupEntries(file: HostsFile, name: string): readonly HostsEntry[] {
  return name.length > MAX_NAME_LENGTH ? [] : file.lookup(name);
}

/**
 * nss_files reads hosts lines into an 8192-byte buffer: a line of more than 8190 characters is
 * skipped whole, without a message (research: files_common.c, NSS_LINELEN_HOSTS).
 */
export const MAX_HOSTS_LINE = 8190;

/** Why nss_files skips the line of an entry, or undefined when it reads it (§5.1). */
export function unreadableBecause(entry: HostsEntry, file: HostsFile): 'address' | 'line-too-long' | undefined {
  if (readHostsAddress(entry.address.text) === undefined) return 'address';
  if (file.length > MAX_HOSTS_LINE && file.physicalLineLength(entry.span.start) > MAX_HOSTS_LINE) return 'line-too-long';
  return undefined;
}

export interface NameSource {
  readonly uri: string;
  readonly label: string;
  readonly file: HostsFile;
  readonly kind: 'hosts' | 'ipnodes';
}

/** Names whose answers a lookup keeps at most (more: it starts again). */
const MAX_KEPT_ANSWERS = 1024;

/**
 * `sources` in lookup order (ipnodes first where the release consults it first). The first
 * `hosts` source is the one new entries go to.
 */
export function createNameLookup(sources: readonly NameSource[]): NameLookup | undefined {
  const hosts = sources.find((s) => s.kind === 'hosts');
  if (!hosts) return undefined;
  // A host's boot and its rules look the same few names up again and again: each name's
  // answer is kept with the lookup (its files do not change under it; a new snapshot makes a new one).
  const answers = new Map<string, readonly ResolvedName[]>();
  const resolveAll = (name: string): readonly ResolvedName[] => {
    const key = name.toLowerCase();
    let found = answers.get(key);
    if (!found) {
      const all: ResolvedName[] = [];
      for (const source of sources) {
        for (const entry of lookupEntries(source.file, key)) if (!unreadableBecause(entry, source.file)) all.push({ entry, uri: source.uri, source: source.kind });
      }
      found = all;
      if (answers.size >= MAX_KEPT_ANSWERS) answers.clear();
      answers.set(key, found);
    }
    return found;
  };
  return {
    label: hosts.label,
    hostsUri: hosts.uri,
    // The first readable entry of the first source that has one: the first of all of them.
    resolve: (name) => resolveAll(name)[0],
    resolveAll,
    skipped(name) {
      const key = name.toLowerCase();
      for (const source of sources) {
        for (const entry of lookupEntries(source.file, key)) {
          const unreadable = unreadableBecause(entry, source.file);
          if (unreadable) return { entry, uri: source.uri, source: source.kind, unreadable };
        }
      }
      return undefined;
    },
    namesStartingWith(prefix, limit, accept = () => true) {
      const names: { name: string; resolved: ResolvedName }[] = [];
      if (prefix.length > MAX_NAME_LENGTH) return { names, more: false };
      const seen = new Set<string>();
      let more = false;
      for (const source of sources) {
        const resolvedOf = (entry: HostsEntry): ResolvedName => ({ entry, uri: source.uri, source: source.kind });
        // An earlier source shadows a later one's entries for the same name (§5.2).
        const found = source.file.namesStartingWith(prefix, limit - names.length + seen.size, (entry) => !unreadableBecause(entry, source.file) && accept(resolvedOf(entry)));
        for (const { name, entry } of found.names) {
          const key = name.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
          if (names.length >= limit) {
            more = true;
            break;
          }
          names.push({ name, resolved: resolvedOf(entry) });
        }
        more ||= found.more;
      }
      return { names, more };
    },
    namesWithin(word, maxDistance) {
      return [...new Set(sources.flatMap((source) => source.file.namesWithin(word, maxDistance)))];
    },
    appendEntry(line) {
      const end = hosts.file.index.positionAt(hosts.file.length);
      const needsBreak = hosts.file.length > 0 && !hosts.file.endsWithNewline;
      return { uri: hosts.uri, edits: [{ range: { start: end, end }, newText: `${needsBreak ? '\n' : ''}${line}\n` }] };
    },
  };
}
