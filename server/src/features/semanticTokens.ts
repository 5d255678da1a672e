/**
 * Semantic tokens for what the TextMate grammar cannot know, because it takes the other files
 * of the host: whether a host name resolves, whether an address is a test or a data address
 * (§3.2), whether it is deprecated; and, in hosts/ipnodes files, which names the host's
 * hostname files use as test or data addresses.
 *
 * The manifest needs (package.json `contributes`; `deprecated` is a standard modifier and is
 * not declared again):
 *
 *   "semanticTokenTypes": [
 *     { "id": "hostName", "superType": "variable", "description": "A host name, resolved through the host's hosts file" },
 *     { "id": "address", "superType": "number", "description": "An IP address literal" },
 *     { "id": "group", "superType": "namespace", "description": "An IPMP group name" }
 *   ],
 *   "semanticTokenModifiers": [
 *     { "id": "resolved", "description": "The host name is defined in the host's hosts (or ipnodes) file" },
 *     { "id": "unresolved", "description": "The host name is not defined for this address family: ifconfig fails at boot" },
 *     { "id": "test", "description": "A test address (-failover): in.mpathd probes from it; it never moves" },
 *     { "id": "data", "description": "A data address: it moves to another member when its interface fails" }
 *   ],
 *   "semanticTokenScopes": [
 *     {
 *       "scopes": {
 *         "hostName": ["variable.other.hostname.solaris-ipmp"],
 *         "hostName.unresolved": ["invalid.illegal.unresolved.solaris-ipmp"],
 *         "hostName.test": ["variable.other.hostname.test.solaris-ipmp"],
 *         "address": ["constant.numeric.address.solaris-ipmp"],
 *         "address.test": ["constant.numeric.address.test.solaris-ipmp"],
 *         "group": ["entity.name.namespace.group.solaris-ipmp"]
 *       }
 *     }
 *   ]
 *
 * The same data is exported as SEMANTIC_TOKEN_CONTRIBUTIONS (a test can keep package.json in step).
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Release } from '../catalog/releases';
import { looksLikeLiteral } from '../syntax/address';
import type { Span } from '../syntax/text';
import type { Token } from '../syntax/token';
import { lastOf, resolveAddress, type ConfiguredAddress } from '../rules/ipmpModel';
import type { ParsedDocument } from './document';
import { isAddressWord } from './inlayHints';
import { ipmpModelFor, type HostView } from './hostView';
import { hostKey } from './occurrences';

export const TOKEN_TYPES = ['hostName', 'address', 'group'] as const;
export const TOKEN_MODIFIERS = ['resolved', 'unresolved', 'test', 'data', 'deprecated'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** The package.json `contributes` entries for the legend (see the comment at the top). */
export const SEMANTIC_TOKEN_CONTRIBUTIONS = {
  semanticTokenTypes: [
    { id: 'hostName', superType: 'variable', description: "A host name, resolved through the host's hosts file" },
    { id: 'address', superType: 'number', description: 'An IP address literal' },
    { id: 'group', superType: 'namespace', description: 'An IPMP group name' },
  ],
  semanticTokenModifiers: [
    { id: 'resolved', description: "The host name is defined in the host's hosts (or ipnodes) file" },
    { id: 'unresolved', description: 'The host name is not defined for this address family: ifconfig fails at boot' },
    { id: 'test', description: 'A test address (-failover): in.mpathd probes from it; it never moves' },
    { id: 'data', description: 'A data address: it moves to another member when its interface fails' },
  ],
  semanticTokenScopes: [
    {
      scopes: {
        hostName: ['variable.other.hostname.solaris-ipmp'],
        'hostName.unresolved': ['invalid.illegal.unresolved.solaris-ipmp'],
        'hostName.test': ['variable.other.hostname.test.solaris-ipmp'],
        address: ['constant.numeric.address.solaris-ipmp'],
        'address.test': ['constant.numeric.address.test.solaris-ipmp'],
        group: ['entity.name.namespace.group.solaris-ipmp'],
      },
    },
  ],
} as const;

/** One token before encoding; `spans` are the single-line pieces it is drawn as. */
interface RawToken {
  readonly spans: readonly Span[];
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

export function semanticTokens(doc: ParsedDocument, host: HostView, release: Release): SemanticTokens {
  switch (doc.kind) {
    case 'hostname':
      return encode(hostnameTokens(doc, host, release));
    case 'hosts':
      return encode(hostsTokens(doc, host, release));
    default:
      return { data: [] };
  }
}

function hostnameTokens(doc: Extract<ParsedDocument, { kind: 'hostname' }>, host: HostView, release: Release): RawToken[] {
  if (doc.hostname.isDhcpFile) return [];
  const model = ipmpModelFor(doc, host, release);
  const configured = new Map<number, ConfiguredAddress>();
  for (const a of model.addresses) if (a.input.uri === doc.uri && a.token) configured.set(a.token.start, a);

  const tokens: RawToken[] = [];
  for (const command of doc.hostname.commands) {
    if (command.dhcpKeyword) continue;
    const pieces = (token: Token): Span[] => splitAtContinuations(token, command.line.continuations, doc);
    for (const r of command.roles) {
      if (r.role === 'argument' && r.keyword?.name === 'group') {
        tokens.push({ spans: pieces(r.token), type: 'group', modifiers: [] });
        continue;
      }
      if (!isAddressWord(r)) continue;
      const modifiers: TokenModifier[] = [];
      const literal = looksLikeLiteral(r.token.text);
      // Without a hosts file nothing can be said either way (the diagnostics say why).
      if (!literal && host.names) {
        modifiers.push(resolveAddress(r.token.text, doc.hostname.family, host.names, release).value ? 'resolved' : 'unresolved');
      }
      const address = configured.get(r.token.start);
      if (address) {
        modifiers.push(address.test ? 'test' : 'data');
        if (address.deprecated) modifiers.push('deprecated');
      } else {
        // The boot never sets it (its line fails, or never runs): the role its words give it.
        const segment = command.segments.find((s) => s.address === r.token);
        if (segment) {
          modifiers.push(lastOf(segment, '-failover', 'failover') === '-failover' ? 'test' : 'data');
          if (lastOf(segment, 'deprecated', '-deprecated') === 'deprecated') modifiers.push('deprecated');
        }
      }
      tokens.push({ spans: pieces(r.token), type: literal ? 'address' : 'hostName', modifiers });
    }
  }
  return tokens;
}

function hostsTokens(doc: Extract<ParsedDocument, { kind: 'hosts' }>, host: HostView, release: Release): RawToken[] {
  const model = ipmpModelFor(doc, host, release);
  const roles = new Map<string, Set<TokenModifier>>();
  for (const a of model.addresses) {
    if (!a.token || looksLikeLiteral(a.token.text)) continue;
    const key = hostKey(a.token.text);
    const set = roles.get(key) ?? new Set<TokenModifier>();
    set.add(a.test ? 'test' : 'data');
    if (a.deprecated) set.add('deprecated');
    roles.set(key, set);
  }
  if (roles.size === 0) return [];
  const tokens: RawToken[] = [];
  for (const entry of doc.hosts.scanEntries()) {
    for (const name of entry.names) {
      const set = roles.get(hostKey(name.text));
      if (!set) continue;
      tokens.push({ spans: [name], type: 'hostName', modifiers: TOKEN_MODIFIERS.filter((m) => set.has(m)) });
    }
  }
  return tokens;
}

/**
 * A word glued across a backslash-newline (`up\` + `addif`) spans two lines; clients draw
 * single-line tokens only, so it is drawn as its pieces, without the backslash and break.
 */
function splitAtContinuations(token: Token, continuations: readonly Span[], doc: ParsedDocument): Span[] {
  if (token.range.start.line === token.range.end.line) return [token];
  const pieces: Span[] = [];
  let start = token.start;
  for (const c of continuations) {
    if (c.start < start || c.start >= token.end) continue;
    if (c.start > start) pieces.push({ start, end: c.start, range: doc.index.range(start, c.start) });
    start = c.end;
  }
  if (start < token.end) pieces.push({ start, end: token.end, range: doc.index.range(start, token.end) });
  return pieces;
}

/** The LSP relative encoding: per token (Δline, Δstart, length, type, modifier bits), in order. */
function encode(tokens: readonly RawToken[]): SemanticTokens {
  const flat: { line: number; character: number; length: number; type: number; modifiers: number }[] = [];
  for (const t of tokens) {
    const type = TOKEN_TYPES.indexOf(t.type);
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
    for (const span of t.spans) {
      // A lone CR inside a word is a line break to the client: such a word is not drawn.
      if (span.end <= span.start || span.range.start.line !== span.range.end.line) continue;
      const { line, character } = span.range.start;
      flat.push({ line, character, length: span.range.end.character - character, type, modifiers: bits });
    }
  }
  flat.sort((a, b) => a.line - b.line || a.character - b.character);
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const t of flat) {
    const deltaLine = t.line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? t.character - previousCharacter : t.character, t.length, t.type, t.modifiers);
    previousLine = t.line;
    previousCharacter = t.character;
  }
  return { data };
}
