/**
 * Hover: the meaning of the word under the cursor. Keywords get the catalog's docs; host
 * names get their address and the hosts line that defines them; groups their members.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { PLUS_KEY } from '../catalog/keywordDocs';
import { findMpathdSetting } from '../catalog/mpathd';
import { renderKeywordMarkdown, renderKeywordPlain } from '../catalog/renderDocs';
import { checkAddressLiteral, looksLikeLiteral } from '../syntax/address';
import { wordAt } from '../syntax/hostname';
import type { Token } from '../syntax/token';
import type { ParsedDocument } from './document';
import { groupMembers, type HostView } from './hostView';

export interface HoverOptions {
  readonly markdown: boolean;
}

export function hover(doc: ParsedDocument, offset: number, host: HostView, options: HoverOptions): Hover | null {
  switch (doc.kind) {
    case 'hostname':
      return hostnameHover(doc, offset, host, options);
    case 'mpathd':
      return mpathdHover(doc, offset, options);
    case 'hosts':
      return hostsHover(doc, offset, host, options);
    default:
      return null;
  }
}

function result(token: Token, markdown: string, options: HoverOptions): Hover {
  return {
    contents: options.markdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: stripMarkdown(markdown) },
    range: token.range,
  };
}

function stripMarkdown(text: string): string {
  return text.replace(/```[a-z-]*\n?/g, '').replace(/\*\*|`|_/g, '');
}

function keywordHover(token: Token, name: string, options: HoverOptions): Hover | null {
  const value = options.markdown ? renderKeywordMarkdown(name) : renderKeywordPlain(name);
  if (!value) return null;
  return { contents: { kind: options.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: token.range };
}

function hostnameHover(doc: Extract<ParsedDocument, { kind: 'hostname' }>, offset: number, host: HostView, options: HoverOptions): Hover | null {
  const hit = wordAt(doc.hostname, offset);
  if (!hit) return null;
  const { token, role, keyword } = hit;
  switch (role) {
    case 'keyword':
      return keyword ? keywordHover(token, keyword.name, options) : null;
    case 'family':
    case 'dhcp':
      return keywordHover(token, token.text, options);
    case 'plus':
      return result(
        token,
        "**`+`** here follows no `netmask` or `broadcast`, so ifconfig takes it as an address and stops with `+: bad address`.",
        options,
      );
    case 'comment':
      return result(
        token,
        'Hostname files have **no comments**: every word goes to ifconfig, which takes `#…` as an address and stops there. Keep notes in a separate file (e.g. a README next to the host).',
        options,
      );
    case 'argument': {
      if (token.text === '+') return keywordHover(token, PLUS_KEY, options);
      if (keyword?.name === 'group') return groupHover(token, host, options);
      if (keyword?.argument === 'address' || keyword?.argument === 'destination' || keyword?.argument === 'broadcast') {
        return addressHover(token, host, options);
      }
      return keyword ? keywordHover(token, keyword.name, options) : null;
    }
    case 'address':
    case 'destination':
    case 'extra':
      return addressHover(token, host, options);
  }
}

function groupHover(token: Token, host: HostView, options: HoverOptions): Hover {
  const members = groupMembers(host).get(token.text) ?? [];
  const list = members.length > 0 ? members.map((m) => `\`${m.baseName}\``).join(', ') : 'none found in this host';
  const similar = [...groupMembers(host).keys()].filter((g) => g !== token.text && g.toLowerCase() === token.text.toLowerCase());
  const lines = [
    `**IPMP group \`${token.text}\`**`,
    `Members in this host: ${list}.`,
    'Group names are compared exactly (case counts) and must be the same on every member.',
  ];
  if (similar.length > 0) lines.push(`Note: ${similar.map((g) => `\`${g}\``).join(', ')} is a **different** group.`);
  return result(token, lines.join('\n\n'), options);
}

function addressHover(token: Token, host: HostView, options: HoverOptions): Hover | null {
  const word = token.text;
  if (looksLikeLiteral(word)) {
    const check = checkAddressLiteral(word, { allowPrefix: true });
    if (!check.ok) return result(token, `**${word}**: not a valid address (${check.reason}).`, options);
    const family = check.value.family === 'inet' ? 'IPv4' : 'IPv6';
    const names = host.hosts?.file.entries.filter((e) => literalEquals(e.address.text, check.value.canonical)).flatMap((e) => e.names.map((n) => `\`${n.text}\``)) ?? [];
    const lines = [`**${family} address** \`${word}\``];
    if (names.length > 0) lines.push(`Named in ${host.hosts!.label}: ${names.join(', ')}.`);
    return result(token, lines.join('\n\n'), options);
  }
  const names = host.names;
  if (!names) {
    return result(token, `**Host name** \`${word}\`\n\nThis host has no hosts file in the workspace, so the name could not be looked up. At boot only the local hosts file can resolve it.`, options);
  }
  const resolved = names.resolve(word);
  if (!resolved) {
    return result(token, `**Host name** \`${word}\` — **not defined** in ${names.label}.\n\nAt boot ifconfig fails with \`${word}: bad address\`.`, options);
  }
  const entry = resolved.entry;
  const source = resolved.source === 'ipnodes' ? 'inet/ipnodes' : names.label;
  const lineText = entry.names.length > 0 ? `${entry.address.text}\t${entry.names.map((n) => n.text).join(' ')}` : entry.address.text;
  return result(
    token,
    `**Host name** \`${word}\` → \`${entry.address.text}\`\n\nDefined in ${source}, line ${entry.line + 1}:\n\n\`\`\`\n${lineText}\n\`\`\``,
    options,
  );
}

function literalEquals(a: string, canonical: string): boolean {
  const check = checkAddressLiteral(a, { allowPrefix: false });
  return check.ok && check.value.canonical === canonical.split('/')[0];
}

function mpathdHover(doc: Extract<ParsedDocument, { kind: 'mpathd' }>, offset: number, options: HoverOptions): Hover | null {
  const line = doc.index.positionAt(offset).line;
  const start = doc.index.lineStart(line);
  const text = doc.text.slice(start, doc.index.lineEnd(line));
  const m = /^([A-Za-z_]+)/.exec(text);
  if (!m || offset > start + m[1]!.length) return null;
  const setting = findMpathdSetting(m[1]!);
  if (!setting) return null;
  const token: Token = { text: m[1]!, start, end: start + m[1]!.length, range: doc.index.range(start, start + m[1]!.length) };
  const lines = [
    `**\`${setting.name}\`** — ${setting.summary}.`,
    setting.description,
    `**Value:** ${setting.valueSyntax}`,
    `Default: \`${setting.defaultValue}\`.`,
    '```\n' + setting.example + '\n```',
  ];
  return result(token, lines.join('\n\n'), options);
}

function hostsHover(doc: Extract<ParsedDocument, { kind: 'hosts' }>, offset: number, host: HostView, options: HoverOptions): Hover | null {
  for (const entry of doc.hosts.entries) {
    if (offset < entry.span.start || offset > entry.span.end) continue;
    const name = entry.names.find((n) => offset >= n.start && offset <= n.end);
    if (!name) return null;
    const users = host.interfaces.filter((i) =>
      i.file.commands.some((c) => c.roles.some((r) => (r.role === 'address' || r.role === 'argument') && r.token.text.toLowerCase() === name.text.toLowerCase())),
    );
    const lines = [`**Host name** \`${name.text}\` → \`${entry.address.text}\``];
    if (name.text === 'loghost') lines.push('`loghost` tells syslogd which address is the log host; in IPMP it belongs on the data address line, never on a test address.');
    if (users.length > 0) lines.push(`Used by ${users.map((u) => `\`${u.baseName}\``).join(', ')}.`);
    return result(name, lines.join('\n\n'), options);
  }
  return null;
}
