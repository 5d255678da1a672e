/**
 * Hover text for a keyword, built from the catalog (keywords.ts) and its docs
 * (keywordDocs.ts). Pure functions: no fs, no vscode, no LSP connection.
 *
 * Layout, kept short enough to read in a few seconds:
 *
 *     **`-failover`** · opposite `failover`        title (with argument placeholder)
 *     Keep the address on this NIC: ...            summary
 *     Sets NOFAILOVER on ...                       description
 *     Argument: ... · IPv4 only · ...              facts
 *     IPMP: ...
 *     Pitfall: ...
 *     By release:                                   where releases differ, the target marked
 *     - Solaris 8–10: ...
 *     - **OpenSolaris, illumos, Solaris 11** (your target): ...
 *     Solaris 11: `ipadm ...`                       the ipadm / dladm equivalent (§6)
 *     ```                                           example
 *     myhost-ce1-test ... up
 *     ```
 */
import { ADDRESS_KEY, PLUS_KEY, keywordDoc, type KeywordDoc } from './keywordDocs';
import { FAMILY_WORDS, findDhcpWord, findKeyword, type ArgumentKind, type DhcpWordSpec, type KeywordSpec } from './keywords';
import { RELEASES, describeReleases, releaseGroupLabel, type Release } from './releases';

/** What the renderers need to know about a word, whatever table it comes from. */
interface Entry {
  readonly title: string;
  readonly placeholder?: string;
  readonly opposite?: string;
  readonly summary: string;
  readonly facts: readonly string[];
  readonly doc: KeywordDoc;
}

/** The short name of an argument in the title line: `group` *name*. */
const PLACEHOLDERS: Record<ArgumentKind, string> = {
  address: 'address',
  destination: 'address',
  netmask: 'mask',
  broadcast: 'address',
  group: 'name',
  integer: 'n',
  byte: 'n',
  prefix: 'address/len',
  interface: 'interface',
  zone: 'zone',
  module: 'module@pos',
  mac: 'mac',
  algorithm: 'algorithm',
  'dhcp-wait': 'seconds',
};

const FAMILY_SUMMARIES: Record<(typeof FAMILY_WORDS)[number], string> = {
  inet: 'The IPv4 address family',
  inet6: 'The IPv6 address family',
};

function keywordEntry(spec: KeywordSpec, doc: KeywordDoc): Entry {
  const facts: string[] = [];
  if (doc.argument) facts.push(`Argument${spec.argumentOptional ? ' (optional)' : ''}: ${doc.argument}`);
  if (spec.family === 'inet') facts.push('IPv4 only');
  if (spec.family === 'inet6') facts.push('IPv6 only');
  if (spec.unit0Only) facts.push('physical interface only');
  if (spec.interactiveOnly) facts.push('command line only');
  if (spec.releases.length !== RELEASES.length) facts.push(`Releases: ${describeReleases(spec.releases)}`);
  const placeholder = spec.argument ? PLACEHOLDERS[spec.argument] : undefined;
  return {
    title: spec.name,
    placeholder: placeholder && spec.argumentOptional ? `[${placeholder}]` : placeholder,
    opposite: spec.opposite,
    summary: spec.summary,
    facts,
    doc,
  };
}

function dhcpEntry(spec: DhcpWordSpec, doc: KeywordDoc): Entry {
  const facts: string[] = [];
  if (doc.argument) facts.push(`Argument: ${doc.argument}`);
  facts.push(spec.inDhcpFile ? 'DHCP option: after `dhcp`, or in `dhcp.<if>`' : 'DHCP operation: after `dhcp`, command line only');
  return {
    title: spec.name,
    placeholder: spec.argument ? PLACEHOLDERS[spec.argument] : undefined,
    summary: spec.summary,
    facts,
    doc,
  };
}

function entryFor(name: string): Entry | undefined {
  const doc = keywordDoc(name);
  if (!doc) return undefined;
  const spec = findKeyword(name);
  if (spec) return keywordEntry(spec, doc);
  const dhcp = findDhcpWord(name);
  if (dhcp) return dhcpEntry(dhcp, doc);
  if ((FAMILY_WORDS as readonly string[]).includes(name)) {
    return {
      title: name,
      summary: FAMILY_SUMMARIES[name as (typeof FAMILY_WORDS)[number]],
      facts: ['only directly after the interface name'],
      doc,
    };
  }
  if (name === PLUS_KEY) {
    return {
      title: '+',
      summary: 'The automatic value of `netmask` or `broadcast`',
      facts: ['IPv4 only', 'only directly after `netmask` or `broadcast`'],
      doc,
    };
  }
  if (name === ADDRESS_KEY) {
    return {
      title: 'address or host name',
      summary: 'A word that is not a keyword: an address literal or a host name',
      facts: doc.argument ? [`Form: ${doc.argument}`] : [],
      doc,
    };
  }
  return undefined;
}

function markdownTitle(entry: Entry): string {
  // The address entry names a concept, not a word one types: no code span.
  let title = entry.title === 'address or host name' ? `**${entry.title}**` : `**\`${entry.title}\`**`;
  if (entry.placeholder) title += ` _${entry.placeholder}_`;
  if (entry.opposite) title += ` · opposite \`${entry.opposite}\``;
  return title;
}

/** The "By release" lines: each note with its releases named, the one holding `target` marked. */
function releaseLines(doc: KeywordDoc, target: Release | undefined, markdown: boolean): string[] {
  return (doc.byRelease ?? []).map((note) => {
    const label = releaseGroupLabel(note.releases);
    const mine = target !== undefined && note.releases.includes(target);
    if (!markdown) return `- ${label}${mine ? ' (your target)' : ''}: ${plain(note.text)}`;
    return mine ? `- **${label}** (your target): ${note.text}` : `- ${label}: ${note.text}`;
  });
}

/** Hover Markdown for `name`, or `undefined` when it has no docs. `release` is marked in the "By release" list. */
export function renderKeywordMarkdown(name: string, release?: Release): string | undefined {
  const entry = entryFor(name);
  if (!entry) return undefined;
  const { doc } = entry;
  const parts = [markdownTitle(entry), `${entry.summary}.`, doc.description];
  if (entry.facts.length > 0) parts.push(`_${entry.facts.join(' · ')}_`);
  if (doc.ipmp) parts.push(`**IPMP:** ${doc.ipmp}`);
  if (doc.pitfall) parts.push(`**Pitfall:** ${doc.pitfall}`);
  if (doc.byRelease?.length) parts.push(['**By release:**', ...releaseLines(doc, release, true)].join('\n'));
  if (doc.solaris11) parts.push(`**Solaris 11:** ${doc.solaris11}`);
  parts.push('```\n' + doc.example + '\n```');
  return parts.join('\n\n');
}

/** Drops the Markdown code spans' backticks: the docs use no other markup. */
function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}

/** The same hover as plain text, for clients without Markdown. */
export function renderKeywordPlain(name: string, release?: Release): string | undefined {
  const entry = entryFor(name);
  if (!entry) return undefined;
  const { doc } = entry;
  let title = entry.title;
  if (entry.placeholder) title += ` ${entry.placeholder}`;
  if (entry.opposite) title += ` (opposite: ${entry.opposite})`;
  const lines = [title, plain(`${entry.summary}.`), '', plain(doc.description)];
  if (entry.facts.length > 0) lines.push('', plain(entry.facts.join(' · ')));
  if (doc.ipmp) lines.push('', `IPMP: ${plain(doc.ipmp)}`);
  if (doc.pitfall) lines.push('', `Pitfall: ${plain(doc.pitfall)}`);
  if (doc.byRelease?.length) lines.push('', 'By release:', ...releaseLines(doc, release, false));
  if (doc.solaris11) lines.push('', `Solaris 11: ${plain(doc.solaris11)}`);
  lines.push('', `Example: ${doc.example}`);
  return lines.join('\n');
}
