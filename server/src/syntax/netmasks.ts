/**
 * netmasks / inet/netmasks (reference §5.3, §1.8): `network-number netmask` per line, `#`
 * starts a comment. Both fields are read with inet_addr, so short forms (`10`, `172.20`),
 * hex and octal parts are accepted, and 255.255.255.255 (inet_addr's error value) makes
 * libnsl drop the line. Never throws.
 *
 * `lookupNetmask` is libnsl's getnetmaskbyaddr, the lookup `ifconfig ... netmask +` does,
 * including two details of the `files` backend that decide whether an entry is ever found:
 * a line is only looked at when its text contains the network number as libnsl prints it
 * (dotted decimal, or the shifted short form such as `172.20`), and the first line whose
 * network number equals the key wins.
 */
import { maskPrefixLength, prefixMask } from './address';
import { LineIndex, splitPhysicalLines, type PhysicalLine, type Span } from './text';
import type { Token } from './token';

// ---------------------------------------------------------------------------------------
// inet_addr

export interface InetAddrValue {
  readonly ok: true;
  /** The address, host order, unsigned. */
  readonly value: number;
  /** How many dot-separated parts the text has (1–4); with fewer than four the last fills the rest. */
  readonly parts: number;
  /** Every part plain decimal without a leading zero: the way libnsl prints addresses. */
  readonly plain: boolean;
  /** A part written in hex (`0x..`). */
  readonly hex: boolean;
  /** A part with a leading zero, read as octal. */
  readonly octal: boolean;
  /** The value the text would have with every part read as decimal (leading-zero typos); undefined when not valid that way. */
  readonly decimalValue?: number;
  /** The text with the leading zeros of decimal parts removed (what the author most likely meant). */
  readonly decimalText?: string;
}

export type InetAddrResult = InetAddrValue | { readonly ok: false; readonly reason: string; readonly allOnes?: boolean };

/** Hex digit value of a char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * inet_addr as libnsl has it (the BSD/BIND parser): parts in decimal, `0x` hex or leading-zero
 * octal; `a`, `a.b` (b is 24 bits), `a.b.c` (c is 16 bits), `a.b.c.d`. The all-ones address is
 * indistinguishable from the error return, so it is reported as an error here too.
 */
export function inetAddr(text: string): InetAddrResult {
  const bad = (why?: string): InetAddrResult => ({ ok: false, reason: why ?? `inet_addr cannot read '${text}' as an IPv4 address` });
  if (text.includes(':')) return bad(`'${text}' is an IPv6 address; this file holds IPv4 networks only`);
  if (text.includes('/')) return bad(`inet_addr reads no '/len' prefix length in '${text}'`);
  const parts: number[] = [];
  let hex = false;
  let octal = false;
  let i = 0;
  const n = text.length;
  for (;;) {
    let code = i < n ? text.charCodeAt(i) : -1;
    if (code < 48 || code > 57) return bad();
    let base = 10;
    let value = 0;
    let digits = 0;
    if (code === 48 /* 0 */) {
      i++;
      code = i < n ? text.charCodeAt(i) : -1;
      if (code === 120 || code === 88 /* x X */) {
        base = 16;
        hex = true;
        i++;
      } else {
        base = 8;
        digits = 1;
      }
    }
    const partStart = i;
    for (; i < n; i++) {
      const d = hexValue(text.charCodeAt(i));
      if (d < 0 || (base === 10 && d > 9)) break;
      if (base === 8 && d > 7) {
        if (d > 9) break;
        return bad(`'${text}': a part with a leading zero is octal, and ${d} is no octal digit`);
      }
      value = value * base + d;
      digits++;
      if (value > 0xffffffff) return bad(`'${text}' is larger than 32 bits`);
    }
    if (base === 8 && i > partStart) octal = true;
    if (digits === 0) return bad();
    if (i < n && text.charCodeAt(i) === 46 /* . */) {
      if (parts.length >= 3) return bad(`'${text}' has more than four parts`);
      if (value > 255) return bad(`'${text}' has a part over 255`);
      parts.push(value);
      i++;
      continue;
    }
    parts.push(value);
    break;
  }
  if (i < n) return bad();
  const value = assemble(parts);
  if (value === undefined) return bad(`'${text}': the last part is too large for the bits left to it`);
  if (value === 0xffffffff) {
    return { ok: false, allOnes: true, reason: `inet_addr returns 255.255.255.255 as its error value, so '${text}' cannot be told from a bad address` };
  }
  if (!octal) return { ok: true, value, parts: parts.length, plain: !hex, hex, octal };
  // Only a leading-zero typo needs the decimal reading.
  let decimalValue: number | undefined;
  let decimalText: string | undefined;
  if (/^[0-9]+(\.[0-9]+){0,3}$/.test(text)) {
    const decimalParts = text.split('.').map((p) => Number(p));
    decimalValue = decimalParts.slice(0, -1).every((p) => p <= 255) ? assemble(decimalParts) : undefined;
    decimalText = text
      .split('.')
      .map((p) => p.replace(/^0+(?=[0-9])/, ''))
      .join('.');
  }
  return { ok: true, value, parts: parts.length, plain: false, hex, octal, decimalValue, decimalText };
}

function assemble(parts: readonly number[]): number | undefined {
  const last = parts[parts.length - 1]!;
  switch (parts.length) {
    case 1:
      return last > 0xffffffff ? undefined : last >>> 0;
    case 2:
      return last > 0xffffff ? undefined : ((parts[0]! << 24) | last) >>> 0;
    case 3:
      return last > 0xffff ? undefined : ((parts[0]! << 24) | (parts[1]! << 16) | last) >>> 0;
    default:
      return last > 0xff ? undefined : ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | last) >>> 0;
  }
}

// ---------------------------------------------------------------------------------------
// Parsed file

export interface NetmasksEntry {
  /** 0-based line. */
  readonly line: number;
  /** The network-number field. */
  readonly network: Token;
  /** The netmask field; undefined when the line ends after the network number. */
  readonly mask?: Token;
  /** Words after the mask: libnsl ignores them. */
  readonly extra: readonly Token[];
  readonly networkValue: InetAddrResult;
  readonly maskValue?: InetAddrResult;
  /** libnsl accepts the line: both fields read, neither is the error value. */
  readonly accepted: boolean;
  /** The whole line as libnsl's text pre-filter sees it (comment included). */
  readonly lineText: string;
  /** From the network number to the last word. */
  readonly span: Span;
}

export interface NetmasksFile {
  readonly text: string;
  readonly index: LineIndex;
  readonly lines: readonly PhysicalLine[];
  readonly entries: readonly NetmasksEntry[];
  readonly comments: readonly Span[];
  /** Accepted entries by network number, in file order. */
  readonly byNetwork: ReadonlyMap<number, readonly NetmasksEntry[]>;
}

/** libnsl splits fields with isspace(); a CR before the newline is just more white space. */
const FIELD = /[^ \t\v\f\r]+/g;

export function parseNetmasks(text: string): NetmasksFile {
  const index = new LineIndex(text);
  const lines = splitPhysicalLines(text);
  const entries: NetmasksEntry[] = [];
  const comments: Span[] = [];
  const byNetwork = new Map<number, NetmasksEntry[]>();
  const span = (start: number, end: number): Span => ({ start, end, range: index.range(start, end) });

  for (const line of lines) {
    let content = line.text;
    const hash = content.indexOf('#');
    if (hash !== -1) {
      comments.push(span(line.start + hash, line.end));
      content = content.slice(0, hash);
    }
    const words: Token[] = [];
    FIELD.lastIndex = 0;
    for (let m = FIELD.exec(content); m; m = FIELD.exec(content)) {
      const start = line.start + m.index;
      words.push({ text: m[0], ...span(start, start + m[0].length) });
    }
    const [network, mask, ...extra] = words;
    if (!network) continue;
    const networkValue = inetAddr(network.text);
    const maskValue = mask ? inetAddr(mask.text) : undefined;
    const accepted = networkValue.ok && maskValue !== undefined && maskValue.ok;
    const last = words[words.length - 1]!;
    const entry: NetmasksEntry = {
      line: index.positionAt(line.start).line,
      network,
      mask,
      extra,
      networkValue,
      maskValue,
      accepted,
      lineText: line.text,
      span: span(network.start, last.end),
    };
    entries.push(entry);
    if (accepted && networkValue.ok) {
      const list = byNetwork.get(networkValue.value);
      if (list) list.push(entry);
      else byNetwork.set(networkValue.value, [entry]);
    }
  }
  return { text, index, lines, entries, comments, byNetwork };
}

// ---------------------------------------------------------------------------------------
// Lookup (libnsl getnetmaskbyaddr / getnetmaskbynet)

/** A network number as libnsl prints it for a lookup: leading zero bytes left out (`172.20`). */
export function networkKeyText(net: number): string {
  const b0 = (net >>> 24) & 255;
  const b1 = (net >>> 16) & 255;
  const b2 = (net >>> 8) & 255;
  const b3 = net & 255;
  if (b0) return `${b0}.${b1}.${b2}.${b3}`;
  if (b1) return `${b1}.${b2}.${b3}`;
  if (b2) return `${b2}.${b3}`;
  return String(b3);
}

/** The first line the `files` backend returns for a key: its text must hold the key, its number equal it. */
export function findNetmasksKey(file: NetmasksFile, net: number): NetmasksEntry | undefined {
  // A network with a first octet is written in four parts and reads back as itself (but
  // 255.255.255.255, inet_addr's error value): its text is needed only when the file has it.
  const direct = net >>> 24 !== 0 && net >>> 0 !== 0xffffffff;
  const value = direct ? net : networkKey(net).value;
  if (value === undefined) return undefined;
  const entries = file.byNetwork.get(value);
  if (!entries) return undefined;
  const text = direct ? networkKeyText(net) : networkKey(net).text;
  for (const entry of entries) {
    if (entry.lineText.includes(text)) return entry;
  }
  return undefined;
}

/**
 * A network number's key text and what inet_addr reads it as. `netmask +` looks up to 34 keys
 * per address, and the hosts of a fleet share their networks: each is worked out once.
 */
const networkKeys = new Map<number, { readonly text: string; readonly value: number | undefined }>();
const MAX_NETWORK_KEYS = 65536;

function networkKey(net: number): { readonly text: string; readonly value: number | undefined } {
  let key = networkKeys.get(net);
  if (!key) {
    const text = networkKeyText(net);
    const read = inetAddr(text);
    key = { text, value: read.ok ? read.value : undefined };
    if (networkKeys.size >= MAX_NETWORK_KEYS) networkKeys.clear();
    networkKeys.set(net, key);
  }
  return key;
}

/** The mask of an accepted entry. */
export function entryMask(entry: NetmasksEntry): number | undefined {
  return entry.maskValue?.ok ? entry.maskValue.value : undefined;
}

/** The two keys of the classful fallback: the network number and its shifted short form. */
export function classfulKeys(address: number): { readonly network: number; readonly shifted: number } {
  const i = address >>> 0;
  if ((i & 0xff000000) === 0) {
    // Already a shifted network number (libnsl's reading of an address in 0/8).
    const network = i & 0xffff0000 ? i << 8 : i & 0xffffff00 ? i << 16 : i << 24;
    return { network: network >>> 0, shifted: i };
  }
  if ((i & 0x80000000) === 0) return { network: (i & 0xff000000) >>> 0, shifted: i >>> 24 };
  if ((i & 0xc0000000) >>> 0 === 0x80000000) return { network: (i & 0xffff0000) >>> 0, shifted: i >>> 16 };
  return { network: (i & 0xffffff00) >>> 0, shifted: i >>> 8 };
}

export type NetmaskMatchKind = 'vlsm' | 'classful';

export interface NetmaskMatch {
  readonly entry: NetmasksEntry;
  readonly mask: number;
  readonly how: NetmaskMatchKind;
}

/**
 * What `netmask +` finds for an address (§1.8). First the VLSM pass: for k = 32 … 1 the
 * address with its low 32−k bits cleared is looked up, and the entry counts only if its mask
 * is exactly /k. Then the RFC 950 fallback: the classful network number, then its shifted
 * form, whatever mask they hold.
 */
export function matchNetmask(file: NetmasksFile, ipv4: number): NetmaskMatch | undefined {
  const address = ipv4 >>> 0;
  // libnsl starts with a previous key of 0 and only looks a key up when it changes.
  let previous = 0;
  let found: NetmasksEntry | undefined;
  for (let k = 32; k >= 1; k--) {
    const mask = prefixMask(k);
    const net = (address & mask) >>> 0;
    if (net !== previous) found = findNetmasksKey(file, net);
    if (found && entryMask(found) === mask) return { entry: found, mask, how: 'vlsm' };
    previous = net;
  }
  const keys = classfulKeys(address);
  const entry = findNetmasksKey(file, keys.network) ?? findNetmasksKey(file, keys.shifted);
  const mask = entry && entryMask(entry);
  return entry && mask !== undefined ? { entry, mask, how: 'classful' } : undefined;
}

/** The netmasks entry `netmask +` uses for an address, or undefined (then the classful mask stays). */
export function lookupNetmask(file: NetmasksFile, ipv4: number): NetmasksEntry | undefined {
  return matchNetmask(file, ipv4)?.entry;
}

/**
 * The mask an address gets without a netmasks entry: /8, /16 or /24 by its class. Class D
 * and E addresses have no network part; they get the host mask.
 */
export function classfulMask(ipv4: number): number {
  const top = (ipv4 >>> 24) & 255;
  if (ipv4 >>> 0 === 0) return 0;
  if (top < 128) return 0xff000000;
  if (top < 192) return 0xffff0000;
  if (top < 224) return 0xffffff00;
  return 0xffffffff;
}

/**
 * The address an entry's network number stands for as its author wrote it: a short form of
 * byte-sized parts is left-aligned (`172.20` = 172.20.0.0), anything else is inet_addr's value.
 */
export function intendedNetwork(entry: NetmasksEntry): number | undefined {
  const v = entry.networkValue;
  if (!v.ok) return undefined;
  if (v.parts === 4 || v.hex) return v.value;
  const parts = entry.network.text.split('.').map((p) => inetAddr(p));
  if (!parts.every((p) => p.ok && p.value <= 255)) return v.value;
  let value = 0;
  parts.forEach((p, i) => {
    if (p.ok) value |= p.value << (24 - 8 * i);
  });
  return value >>> 0;
}

/**
 * Whether an address lookup can find this entry's key with this entry's mask: by the VLSM
 * pass (key and mask agree, and the line spells the key as libnsl prints it) or by the
 * classful fallback. An earlier line with the same key is not considered (see `shadowingEntry`).
 */
export function isEntryReachable(entry: NetmasksEntry): boolean {
  const mask = entryMask(entry);
  const address = intendedNetwork(entry);
  if (!entry.accepted || mask === undefined || address === undefined || !entry.networkValue.ok) return false;
  const own = entry.networkValue.value;
  const isKey = (net: number): boolean => {
    const text = networkKeyText(net);
    const key = inetAddr(text);
    return key.ok && key.value === own && entry.lineText.includes(text);
  };
  const prefix = maskPrefixLength(mask);
  if (prefix !== undefined && prefix >= 1 && isKey((address & mask) >>> 0)) return true;
  const keys = classfulKeys(address);
  return isKey(keys.network) || isKey(keys.shifted);
}

/** An earlier accepted line with the same network number: libnsl returns that one, never this. */
export function shadowingEntry(file: NetmasksFile, entry: NetmasksEntry): NetmasksEntry | undefined {
  if (!entry.networkValue.ok) return undefined;
  const key = networkKeyText(entry.networkValue.value);
  const first = file.byNetwork.get(entry.networkValue.value)?.find((e) => e.lineText.includes(key));
  return first && first !== entry && first.line < entry.line ? first : undefined;
}
