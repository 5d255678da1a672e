/**
 * hosts / inet/hosts / inet/ipnodes (reference §5.1, §5.2): `address name [alias ...]`,
 * fields split by spaces and tabs, `#` to end of line is a comment. Never throws.
 */
import { LineIndex, splitPhysicalLines, type PhysicalLine, type Span } from './text';
import type { Token } from './token';

export interface HostsEntry {
  readonly address: Token;
  /** Official name first, then aliases. */
  readonly names: readonly Token[];
  /** 0-based physical line. */
  readonly line: number;
  /** The whole entry, from the address to the last name. */
  readonly span: Span;
}

export interface HostsFile {
  readonly text: string;
  readonly index: LineIndex;
  readonly lines: readonly PhysicalLine[];
  readonly entries: readonly HostsEntry[];
  readonly comments: readonly Span[];
  /** Entries by lower-cased name (lookups ignore case, §5.1), in file order. */
  readonly byName: ReadonlyMap<string, readonly HostsEntry[]>;
}

export function parseHosts(text: string): HostsFile {
  const index = new LineIndex(text);
  const lines = splitPhysicalLines(text);
  const entries: HostsEntry[] = [];
  const comments: Span[] = [];
  const byName = new Map<string, HostsEntry[]>();
  const span = (start: number, end: number): Span => ({ start, end, range: index.range(start, end) });

  for (const line of lines) {
    const words: Token[] = [];
    const re = /[^ \t]+/g;
    let content = line.text;
    const hash = content.indexOf('#');
    if (hash !== -1) {
      comments.push(span(line.start + hash, line.end));
      content = content.slice(0, hash);
    }
    for (let m = re.exec(content); m; m = re.exec(content)) {
      const start = line.start + m.index;
      words.push({ text: m[0], ...span(start, start + m[0].length) });
    }
    const [address, ...names] = words;
    if (!address) continue;
    const last = words[words.length - 1]!;
    const entry: HostsEntry = {
      address,
      names,
      line: index.positionAt(line.start).line,
      span: span(address.start, last.end),
    };
    entries.push(entry);
    for (const name of names) {
      const key = name.text.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(entry);
      else byName.set(key, [entry]);
    }
  }
  return { text, index, lines, entries, comments, byName };
}
