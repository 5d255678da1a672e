/**
 * How ifconfig turns a word into an address (reference §1.7; ifconfig's in_getaddr and
 * in6_getaddr): an optional `/len`, the all-ones special case for IPv4, then
 * getipnodebyname() for the one family the command is for — a literal of that family, or a
 * name from the host's local files (at boot name services are not running yet). A name with
 * addresses of the other family only does not resolve. Failing that, ifconfig prints
 * `ifconfig: <word>: bad address` and exits.
 */
import type { AddressFamily } from '../catalog/keywords';
import { checkAddressLiteral, looksLikeLiteral } from '../syntax/address';
import { readHostsAddress } from '../syntax/hosts';
import { inetAddr } from '../syntax/netmasks';
import type { NameLookup, ResolvedName } from './names';
import { formatIPv4, type Address, type AddressOrigin } from './state';

export type PrefixResult = { readonly kind: 'none' } | { readonly kind: 'ok'; readonly length: number } | { readonly kind: 'bad' };

export type Resolution =
  | { readonly ok: true; readonly address: Address; readonly prefix: PrefixResult; readonly origin: Omit<AddressOrigin, 'word'> }
  | {
      readonly ok: false;
      /** ifconfig's message, word for word. */
      readonly message: string;
      readonly reason: 'bad-address' | 'wrong-family-name' | 'bad-prefix' | 'unexpected-slash';
      /** For a name: the entries of the other family it has. */
      readonly otherFamily?: readonly ResolvedName[];
    };

/**
 * in_getprefixlen: the digits after `/` read with strtol (trailing text ignored), at most the
 * family's bits; no digits or a negative number is a bad prefix.
 */
export function readPrefix(word: string, family: AddressFamily): PrefixResult {
  const slash = word.indexOf('/');
  if (slash === -1) return { kind: 'none' };
  const m = /^[ \t]*([+-]?)([0-9]+)/.exec(word.slice(slash + 1));
  if (!m) return { kind: 'bad' };
  const value = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  if (value < 0 || value > (family === 'inet' ? 32 : 128)) return { kind: 'bad' };
  return { kind: 'ok', length: value };
}

/** strtoul(str, NULL, 0) == 0xffffffff: ifconfig's test for the all-ones broadcast. */
function isAllOnes(text: string): boolean {
  if (text === '255.255.255.255') return true;
  const m = /^[ \t]*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(text);
  if (!m) return false;
  const digits = m[1]!;
  const value = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  return value === 0xffffffff;
}

export interface ResolveOptions {
  /** `addr/len` is accepted (the local address, `addif`, `set`, `subnet`, `token`). */
  readonly allowPrefix: boolean;
  /**
   * IPv6 names come from inet/ipnodes alone: getipnodebyname(AF_INET6) without AI_V4MAPPED
   * never reads hosts. True up to Solaris 10 11/06, where ipnodes is a file of its own (§5.2).
   */
  readonly ipv6FromIpnodesOnly?: boolean;
}

/** The address a word gives for one family, as ifconfig finds it at boot. */
export function resolveWord(word: string, family: AddressFamily, names: NameLookup | undefined, options: ResolveOptions): Resolution {
  let text = word;
  let prefix: PrefixResult = { kind: 'none' };
  if (options.allowPrefix) {
    prefix = readPrefix(word, family);
    if (prefix.kind === 'bad') return { ok: false, reason: 'bad-prefix', message: `ifconfig: Bad prefix length in ${word}` };
    const slash = word.indexOf('/');
    if (slash !== -1) text = word.slice(0, slash);
  } else if (word.includes('/')) {
    return { ok: false, reason: 'unexpected-slash', message: `ifconfig: ${word}: unexpected '/'` };
  }
  const bad = (): Resolution => ({ ok: false, reason: 'bad-address', message: `ifconfig: ${word}: bad address` });

  if (family === 'inet') {
    if (isAllOnes(text)) {
      return { ok: true, prefix, address: { family, canonical: '255.255.255.255', ipv4: 0xffffffff, linkLocal: false }, origin: { how: 'all-ones' } };
    }
    const literal = ipv4Literal(text);
    if (literal !== undefined) return { ok: true, prefix, address: { family, canonical: formatIPv4(literal), ipv4: literal, linkLocal: false }, origin: { how: 'literal' } };
    if (text.includes(':') && looksLikeLiteral(text)) return bad();
  } else {
    if (text.includes(':')) {
      const check = checkAddressLiteral(text, { allowPrefix: false });
      if (check.ok && check.value.family === 'inet6') {
        return { ok: true, prefix, address: { family, canonical: check.value.canonical, linkLocal: check.value.linkLocal }, origin: { how: 'literal' } };
      }
      return bad();
    }
    // An IPv4 literal is no IPv6 address: getipnodebyname is called without AI_V4MAPPED.
    if (ipv4Literal(text) !== undefined) return bad();
  }
  return resolveName(word, text, family, names, prefix, options);
}

/**
 * The IPv4 literal getipnodebyname reads: inet_addr's forms (`10.1.2.3`, and the short and
 * hex forms `inet_addr` takes, as ifconfig's manual says for netmasks).
 */
export function ipv4Literal(text: string): number | undefined {
  if (!/^[0-9][0-9a-fA-FxX.]*$/.test(text)) return undefined;
  const v = inetAddr(text);
  return v.ok ? v.value : undefined;
}

function resolveName(word: string, name: string, family: AddressFamily, names: NameLookup | undefined, prefix: PrefixResult, options: ResolveOptions): Resolution {
  let found = names?.resolveAll(name) ?? [];
  if (family === 'inet6' && options.ipv6FromIpnodesOnly) found = found.filter((r) => r.source === 'ipnodes');
  const other: ResolvedName[] = [];
  for (const resolved of found) {
    const value = readHostsAddress(resolved.entry.address.text);
    if (!value) continue;
    if (value.family !== family) {
      other.push(resolved);
      continue;
    }
    const address: Address =
      value.family === 'inet'
        ? { family: 'inet', canonical: formatIPv4(value.ipv4), ipv4: value.ipv4, linkLocal: false }
        : { family: 'inet6', canonical: value.canonical, linkLocal: /^fe[89ab]/i.test(value.canonical) };
    return { ok: true, prefix, address, origin: { how: 'name', resolved } };
  }
  // libnsl answers `localhost` itself when no file has an IPv4 line for it.
  if (family === 'inet' && name === 'localhost') {
    return { ok: true, prefix, address: { family, canonical: '127.0.0.1', ipv4: 0x7f000001, linkLocal: false }, origin: { how: 'literal' } };
  }
  if (other.length > 0) {
    return { ok: false, reason: 'wrong-family-name', message: `ifconfig: ${word}: bad address`, otherFamily: other };
  }
  return { ok: false, reason: 'bad-address', message: `ifconfig: ${word}: bad address` };
}
