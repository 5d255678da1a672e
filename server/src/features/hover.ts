/**
 * Hover: the meaning of the word under the cursor. Keywords get the catalog's docs; host
 * names get their address and the hosts line that defines them; address literals the names
 * they have; groups their members, roles and failure detection. An address's hover ends
 * with what the file's interface name says (driver, instance, VLAN, logical unit).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { PLUS_KEY } from '../catalog/keywordDocs';
import { findMpathdSetting } from '../catalog/mpathd';
import { DEFAULT_RELEASE, type Release } from '../catalog/releases';
import { renderKeywordMarkdown, renderKeywordPlain } from '../catalog/renderDocs';
import type { ConfiguredAddress, InterfaceConfig } from '../rules/ipmpModel';
import { analyzeHost } from './hostAnalysis';
import { checkAddressLiteral, looksLikeLiteral } from '../syntax/address';
import { parseInterfaceFileName } from '../syntax/fileKind';
import { wordAt } from '../syntax/hostname';
import { checkInterfaceName, type InterfaceName } from '../syntax/interfaceName';
import type { Token } from '../syntax/token';
import type { ParsedDocument } from './document';
import { groupMembers, type HostView } from './hostView';
import { viewWithDocument } from './hostView';

export interface HoverOptions {
  readonly markdown: boolean;
  /**
   * The target release: marked in a keyword's "By release" list, and deciding whether
   * `-failover` implies `deprecated` in group summaries; default Solaris 10.
   */
  readonly release?: Release;
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
  const release = options.release ?? DEFAULT_RELEASE;
  const value = options.markdown ? renderKeywordMarkdown(name, release) : renderKeywordPlain(name, release);
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
      if (keyword?.name === 'group') return groupHover(token, viewWithDocument(host, doc), options);
      if (keyword?.argument === 'address' || keyword?.argument === 'destination' || keyword?.argument === 'broadcast') {
        return addressHover(token, host, options, fileInterface(doc));
      }
      return keyword ? keywordHover(token, keyword.name, options) : null;
    }
    case 'address':
    case 'destination':
    case 'extra':
      return addressHover(token, host, options, fileInterface(doc));
  }
}

// ---------------------------------------------------------------------------------------
// Interfaces (§1.2)

function fileInterface(doc: Extract<ParsedDocument, { kind: 'hostname' }>): string | undefined {
  return doc.hostname.fileName?.interfaceName;
}

function describePhysical(name: InterfaceName): string {
  if (name.tunnel) {
    const over = name.driver === 'ip.6to4tun' ? '6to4 tunnel' : name.driver === 'ip6.tun' ? 'tunnel over IPv6' : 'tunnel over IPv4';
    return `${over}, number ${name.ppa}`;
  }
  if (name.driver === 'ipmp') return `IPMP meta-interface ${name.ppa} (OpenSolaris / Solaris 11 Express)`;
  if (name.driver === 'aggr') return `link aggregation with key ${name.ppa}`;
  if (name.driver === 'lo') return 'loopback';
  if (name.driver === 'vni') return `virtual network interface ${name.ppa} (for usesrc)`;
  const device = `driver ${name.driver}, instance ${name.instance}`;
  if (name.vlan !== undefined) return `VLAN ${name.vlan} on ${name.driver}${name.instance} (${device})`;
  return device;
}

/**
 * What an interface name says (§1.2): driver and instance, the VLAN a PPA of 1000 or more
 * encodes, the logical unit, tunnels. Takes `ce123000` or a file name such as
 * `hostname.ce123000:1`; plain text, e.g. `VLAN 123 on ce0 (driver ce, instance 0)`. For a
 * name the boot script would skip or fail on, the reason.
 */
export function interfaceSummary(name: string): string {
  const interfaceName = parseInterfaceFileName(name)?.interfaceName ?? name;
  const check = checkInterfaceName(interfaceName);
  if (check.kind !== 'valid') return check.reason;
  const n = check.name;
  const physical = describePhysical(n);
  if (n.unit === undefined) return physical;
  if (n.unit === 0) return `${n.physical} itself (unit 0 is the physical interface); ${physical}`;
  return `logical interface ${n.unit} of ${n.physical}; ${physical}`;
}

function groupHover(token: Token, host: HostView, options: HoverOptions): Hover {
  const members = groupMembers(host).get(token.text) ?? [];
  const list = members.length > 0 ? members.map((m) => `\`${m.baseName}\``).join(', ') : 'none found in this host';
  const similar = [...groupMembers(host).keys()].filter((g) => g !== token.text && g.toLowerCase() === token.text.toLowerCase());
  const lines = [`**IPMP group \`${token.text}\`**`, `Members in this host: ${list}.`];
  const roles = groupRoles(token.text, host, options.release ?? DEFAULT_RELEASE);
  if (roles) lines.push(roles);
  lines.push('Group names are compared exactly (case counts) and must be the same on every member.');
  if (similar.length > 0) lines.push(`Note: ${similar.map((g) => `\`${g}\``).join(', ')} is a **different** group.`);
  return result(token, lines.join('\n\n'), options);
}

/** An address as the group summary shows it: `web1-ce0-test` (192.168.10.11). */
function describeMemberAddress(address: ConfiguredAddress): string {
  if (!address.token) return 'the IPv6 link-local address';
  const word = address.token.text;
  const value = address.value && address.value.canonical !== word.split('/')[0] ? ` (${address.value.canonical})` : '';
  return `\`${word}\`${value}`;
}

/**
 * Each member with its role (active or standby) and its data and test addresses, then the
 * failure detection the group gets: probe-based where a member has a test address, link
 * state only where it has none (§3.2, §3.3, §3.6).
 */
function groupRoles(group: string, host: HostView, release: Release): string | undefined {
  const model = analyzeHost(host, release).model;
  const members = model.groups.get(group)?.members;
  if (!members || members.length === 0) return undefined;
  const withTest = (m: InterfaceConfig): boolean => m.addresses.some((a) => a.test && a.runs);
  const bullets = members.map((m) => {
    const summary = interfaceSummary(m.name);
    const device = /^driver /.test(summary) ? '' : ` (${summary})`;
    const parts: string[] = [];
    const data = m.addresses.filter((a) => !a.test && a.runs && a.token);
    const test = m.addresses.filter((a) => a.test && a.runs);
    if (data.length > 0) parts.push(`data ${data.map(describeMemberAddress).join(', ')}`);
    if (test.length > 0) parts.push(`test ${test.map(describeMemberAddress).join(', ')}`);
    if (parts.length === 0) parts.push('no address');
    return `- \`${m.name}\`${device} ${m.standby ? 'standby' : 'active'}: ${parts.join('; ')}`;
  });
  const probed = members.filter(withTest);
  let detection: string;
  if (probed.length === members.length) detection = 'Failure detection: **probe-based** (every member has a test address), plus link state where the driver reports it.';
  else if (probed.length === 0) detection = 'Failure detection: **link-based** only (no member has a test address).';
  else {
    const linkOnly = members.filter((m) => !withTest(m)).map((m) => `\`${m.name}\``);
    detection = `Failure detection: probe-based on ${probed.map((m) => `\`${m.name}\``).join(', ')}; **link-based only** on ${linkOnly.join(', ')} (no test address).`;
  }
  return `${bullets.join('\n')}\n\n${detection}`;
}

/** The last line of an address hover: the interface the file configures (§1.2). */
function interfaceLine(interfaceName: string | undefined): string[] {
  if (!interfaceName) return [];
  return [`On \`${interfaceName}\`: ${interfaceSummary(interfaceName)}.`];
}

function addressHover(token: Token, host: HostView, options: HoverOptions, interfaceName?: string): Hover | null {
  const word = token.text;
  const onInterface = interfaceLine(interfaceName);
  if (looksLikeLiteral(word)) {
    const check = checkAddressLiteral(word, { allowPrefix: true });
    if (!check.ok) return result(token, [`**${word}**: not a valid address (${check.reason}).`, ...onInterface].join('\n\n'), options);
    const family = check.value.family === 'inet' ? 'IPv4' : 'IPv6';
    const lines = [`**${family} address** \`${word}\``];
    for (const source of [host.hosts, host.ipnodes]) {
      if (!source) continue;
      const names = source.file
        .entriesWithAddress(addressHint(check.value.canonical), (text) => literalEquals(text, check.value.canonical))
        .flatMap((e) => e.names.map((n) => `\`${n.text}\``));
      if (names.length > 0) lines.push(`Named in ${source.label}: ${names.join(', ')}.`);
    }
    return result(token, [...lines, ...onInterface].join('\n\n'), options);
  }
  const names = host.names;
  if (!names) {
    return result(
      token,
      [`**Host name** \`${word}\``, 'This host has no hosts file in the workspace, so the name could not be looked up. At boot only the local hosts file can resolve it.', ...onInterface].join('\n\n'),
      options,
    );
  }
  const resolved = names.resolve(word);
  if (!resolved) {
    return result(token, [`**Host name** \`${word}\` — **not defined** in ${names.label}.`, `At boot ifconfig fails with \`${word}: bad address\`.`, ...onInterface].join('\n\n'), options);
  }
  const entry = resolved.entry;
  const source = resolved.source === 'ipnodes' ? 'inet/ipnodes' : names.label;
  const lineText = entry.names.length > 0 ? `${entry.address.text}\t${entry.names.map((n) => n.text).join(' ')}` : entry.address.text;
  return result(
    token,
    [`**Host name** \`${word}\` → \`${entry.address.text}\``, `Defined in ${source}, line ${entry.line + 1}:`, `\`\`\`\n${lineText}\n\`\`\``, ...onInterface].join('\n\n'),
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
  const entry = doc.hosts.entryOnLine(doc.index.positionAt(offset).line);
  if (!entry || offset < entry.span.start || offset > entry.span.end) return null;
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

/** Text every spelling of the address holds, for a native pre-search: the dotted quad, or a colon for IPv6. */
function addressHint(canonical: string): string {
  return canonical.includes(':') ? ':' : canonical;
}
