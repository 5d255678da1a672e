/**
 * Address literals as Solaris reads them. IPv4 in hostname files must be a full dotted quad
 * (§1.7); hosts and netmasks keys use inet_addr's looser forms, handled by their parsers.
 * IPv6 validation is ipaddr.js's.
 */
import ipaddr from 'ipaddr.js';

export type LiteralKind = 'inet' | 'inet6';

export interface AddressLiteral {
  readonly family: LiteralKind;
  /** Numeric value for IPv4 (unsigned 32 bit). */
  readonly ipv4?: number;
  /** Canonical text (RFC 5952 for IPv6). */
  readonly canonical: string;
  readonly prefixLength?: number;
  readonly linkLocal: boolean;
}

export type AddressCheck =
  | { readonly ok: true; readonly value: AddressLiteral }
  | { readonly ok: false; readonly reason: string };

/** Digits and dots only, or anything with a colon: the text means an address, not a name. */
export function looksLikeLiteral(word: string): boolean {
  const slash = word.indexOf('/');
  const bare = slash === -1 ? word : word.slice(0, slash);
  return /^[0-9.]+$/.test(bare) || bare.includes(':') || /^0x[0-9a-fA-F]+$/.test(bare);
}

export function parseIPv4Quad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

export function formatIPv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/**
 * Checks a literal the way ifconfig does for a local address (`setifaddr`, `addif`):
 * optional `/len`, family-specific.
 */
export function checkAddressLiteral(word: string, options: { allowPrefix: boolean }): AddressCheck {
  const slash = word.indexOf('/');
  const bare = slash === -1 ? word : word.slice(0, slash);
  let prefixLength: number | undefined;
  if (slash !== -1) {
    if (!options.allowPrefix) return { ok: false, reason: `a prefix length is not allowed here (ifconfig: unexpected '/')` };
    const len = word.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(len)) return { ok: false, reason: `bad prefix length '${len}'` };
    prefixLength = Number(len);
  }
  if (bare.includes(':')) {
    if (!ipaddr.IPv6.isValid(bare)) return { ok: false, reason: `'${bare}' is not a valid IPv6 address` };
    if (prefixLength !== undefined && prefixLength > 128) return { ok: false, reason: `bad prefix length ${prefixLength} (at most 128 for IPv6)` };
    const parsed = ipaddr.IPv6.parse(bare);
    return {
      ok: true,
      value: { family: 'inet6', canonical: parsed.toRFC5952String(), prefixLength, linkLocal: parsed.range() === 'linkLocal' },
    };
  }
  if (/^0x[0-9a-fA-F]+$/.test(bare)) {
    // ifconfig accepts only the all-ones hex literal (§1.7).
    if (/^0xf{8}$/i.test(bare)) return { ok: true, value: { family: 'inet', ipv4: 0xffffffff, canonical: '255.255.255.255', prefixLength, linkLocal: false } };
    return { ok: false, reason: `'${bare}' is not a valid IPv4 address` };
  }
  const v4 = parseIPv4Quad(bare);
  if (v4 === undefined) {
    const parts = bare.split('.');
    const reason =
      parts.length !== 4
        ? `'${bare}' has ${parts.length} part${parts.length === 1 ? '' : 's'}; an IPv4 address needs four`
        : `'${bare}' has a part outside 0–255`;
    return { ok: false, reason };
  }
  if (prefixLength !== undefined && prefixLength > 32) return { ok: false, reason: `bad prefix length ${prefixLength} (at most 32 for IPv4)` };
  return { ok: true, value: { family: 'inet', ipv4: v4, canonical: formatIPv4(v4), prefixLength, linkLocal: false } };
}

/** A contiguous IPv4 mask's prefix length, or undefined. */
export function maskPrefixLength(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  // Contiguous ones then zeros: the inverted mask plus one is a power of two.
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

export function prefixMask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

export type NetmaskCheck =
  | { readonly ok: true; readonly mask: number; readonly prefixLength: number }
  | { readonly ok: false; readonly reason: string };

/** A netmask literal: dotted quad or `0x` hex, contiguous (§1.7, §1.8). */
export function checkNetmaskLiteral(word: string): NetmaskCheck {
  if (word.includes('/')) return { ok: false, reason: `a netmask takes no '/len' (ifconfig: unexpected '/'); write the mask, e.g. 255.255.255.0` };
  let mask: number | undefined;
  if (/^0x/i.test(word)) {
    if (!/^0x[0-9a-fA-F]{1,8}$/.test(word)) return { ok: false, reason: `'${word}' is not a hexadecimal mask` };
    mask = parseInt(word.slice(2), 16) >>> 0;
  } else {
    mask = parseIPv4Quad(word);
    if (mask === undefined) return { ok: false, reason: `'${word}' is not a dotted-quad mask` };
  }
  const prefixLength = maskPrefixLength(mask);
  if (prefixLength === undefined) return { ok: false, reason: `'${word}' is not contiguous: the one bits must all come first` };
  return { ok: true, mask, prefixLength };
}
