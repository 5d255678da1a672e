/**
 * Captures of the running system, saved beside a host's etc/ tree: the output of `ifconfig -a`
 * and of `ipmpstat -g`, `-a`, `-i`, `-t`. They let us compare what the files say with what the
 * machine did. Pure, never throws, linear in the text.
 *
 * The layouts are ifconfig's and ipmpstat's own printf calls (OpenSolaris ifconfig.c
 * `ifstatus`/`in_status`/`in6_status`, illumos ipmpstat.c with libinetutil ofmt.c):
 *
 *   ce0:1: flags=9040843<UP,...,NOFAILOVER> [metric N] mtu 1500 index 2
 *   \t[zone z1 | all-zones]
 *   \tinet 192.168.1.11 [subnet a/n] [--> 10.0.0.2] netmask ffffff00 [broadcast 192.168.1.255]
 *   \t[groupname prod]                 (unit 0 only)
 *   \t[ether 0:3:ba:11:22:33 ]         (root only)
 *
 * IPv6 blocks print `inet6 addr/len [subnet a/n] [--> peer]`. Tunnels add `inet tunnel src …`,
 * `tunnel hop limit …` lines, which carry no address of the interface and are passed over.
 *
 * ipmpstat prints a header row, then one row per object, with `--` for an empty field and
 * `?` for one it could not get; only the last column may hold spaces. ofmt reprints the
 * header every 24 rows when stdout is not a terminal, so a long capture repeats it.
 */
import ipaddr from 'ipaddr.js';
import { formatIPv4, maskPrefixLength, parseIPv4Quad } from './address';

// ---------------------------------------------------------------------------------------
// Where captures live

/** Names of an `ifconfig -a` capture, looked for beside a host's etc/ directory. */
export const IFCONFIG_CAPTURE_NAMES: readonly string[] = ['ifconfig-a.txt', 'ifconfig-a.out', 'ifconfig-a'];
/** Names of an ipmpstat capture (any of -g, -a, -i, -t concatenated), beside etc/. */
export const IPMPSTAT_CAPTURE_NAMES: readonly string[] = ['ipmpstat.txt', 'ipmpstat.out'];

/**
 * What a text someone saved or pasted is: ipmpstat tables (found by their headers, and no
 * interface block), `ifconfig -a` output, or neither.
 */
export function captureKind(text: string): 'ipmpstat' | 'ifconfig' | undefined {
  const interfaces = parseIfconfigCapture(text).interfaces.length;
  if (interfaces === 0 && parseIpmpstatCapture(text).tables.length > 0) return 'ipmpstat';
  return interfaces > 0 ? 'ifconfig' : undefined;
}

// ---------------------------------------------------------------------------------------
// Shared

export type CaptureFamily = 'inet' | 'inet6';

export interface CaptureProblem {
  readonly line: number;
  readonly message: string;
}

/** Lines as an LSP client counts them (`\r\n`, `\r`, `\n`), so line numbers match the editor. */
function captureLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

/** Words split on blanks and tabs (never on other characters: a capture keeps them). */
function words(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/[ \t\f\v]+/);
}

/** A short, printable quotation of a line for a problem message. */
function quote(text: string): string {
  const printable = text.trim().replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 60 ? `'${printable.slice(0, 57)}…'` : `'${printable}'`;
}

const MAX_ADDRESS_TEXT = 64;

/** Canonical IPv4 text, or undefined. */
function canonicalIPv4(text: string): string | undefined {
  if (text.length > 15) return undefined;
  const value = parseIPv4Quad(text);
  return value === undefined ? undefined : formatIPv4(value);
}

/** Canonical (RFC 5952) IPv6 text, or undefined. */
function canonicalIPv6(text: string): string | undefined {
  if (text.length > MAX_ADDRESS_TEXT || !text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
  try {
    return ipaddr.IPv6.parse(text).toRFC5952String();
  } catch {
    return undefined;
  }
}

function canonicalAddress(text: string, family: CaptureFamily): string | undefined {
  return family === 'inet' ? canonicalIPv4(text) : canonicalIPv6(text);
}

/** A decimal count as ifconfig prints it (`%d`), or undefined. */
function decimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,10}$/.test(text)) return undefined;
  return Number(text);
}

/** An IPv4 mask: ifconfig's `%x` (e.g. `ffffff00`, `0`), with or without 0x, or dotted. */
function readMask(text: string): number | undefined {
  if (/^(0x)?[0-9a-f]{1,8}$/i.test(text)) return parseInt(text.replace(/^0x/i, ''), 16) >>> 0;
  return parseIPv4Quad(text);
}

// ---------------------------------------------------------------------------------------
// ifconfig -a

/** One logical interface block of `ifconfig -a` (the header line and its indented lines). */
export interface CapturedInterface {
  /** As printed: `ce0:1`, `ipmp0`, `lo0`, or a Solaris 11 link name such as `data_1`. */
  readonly name: string;
  /** The name before the logical unit: `ce0` for `ce0:1`. */
  readonly physical: string;
  /** 1 for `ce0:1`, 0 for `ce0`. */
  readonly unit: number;
  /** From the IPv4/IPv6 flag; without one, from the inet/inet6 line. */
  readonly family: CaptureFamily;
  /** As printed in <...>, case kept (`IPv4`, `UP`, `NOFAILOVER`, `IPMP`, `CoS`, ...). */
  readonly flags: readonly string[];
  /** The hex after flags=, lower case, no 0x. */
  readonly flagsHex?: string;
  readonly metric?: number;
  readonly mtu?: number;
  readonly index?: number;
  /** Canonical text (dotted quad; RFC 5952 IPv6) without the /prefix. */
  readonly address?: string;
  /** IPv6 from `/64`; IPv4 from the netmask when it is contiguous. */
  readonly prefixLength?: number;
  /** IPv4 mask, unsigned 32-bit. */
  readonly netmask?: number;
  readonly broadcast?: string;
  /** Point-to-point peer (`-->`). */
  readonly destination?: string;
  /** `subnet a/n`, printed when the subnet differs from the address (e.g. NOLOCAL). */
  readonly subnet?: string;
  /** From a `groupname <name>` line (ifconfig prints it for unit 0 only). */
  readonly group?: string;
  /** From a `zone <name>` line (`zone 12` when the zone has no name any more). */
  readonly zone?: string;
  /** An `all-zones` line: the address serves every shared-IP zone. */
  readonly allZones?: boolean;
  /** From `ether <mac>` (printed for root only), as printed. */
  readonly ether?: string;
  /** 0-based line of the header. */
  readonly line: number;
  /** 0-based last line of the block (its last indented line, or the header). */
  readonly endLine?: number;
  readonly addressLine?: number;
  readonly groupLine?: number;
  readonly zoneLine?: number;
  readonly etherLine?: number;
}

export interface IfconfigCapture {
  /** 'opensolaris' when an IPMP meta-interface (IPMP flag) shows; otherwise 'solaris10'. Solaris 8/9/10 share one layout. */
  readonly format: 'solaris10' | 'opensolaris';
  readonly interfaces: readonly CapturedInterface[];
  /** Lines it could not read (said in our words, with the line), never an exception. */
  readonly problems: readonly CaptureProblem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Building = Omit<Mutable<CapturedInterface>, 'family'> & { family?: CaptureFamily; addressFamily?: CaptureFamily };

/** A shell prompt line that ran ifconfig, often pasted with the output. */
function isPromptLine(line: string): boolean {
  return /^\S*[#$%>]\s*(\/usr)?(\/s?bin\/)?ifconfig(\s|$)/.test(line) || /^(\/usr)?(\/s?bin\/)?ifconfig(\s|$)/.test(line);
}

/**
 * Reads `name: flags=hex<A,B> [metric N] mtu N [index N]`. Returns undefined when the line is
 * not a header at all; problems for a header it can only partly read.
 */
function readHeader(line: string, lineNo: number, problems: CaptureProblem[]): Building | undefined {
  const colon = line.indexOf(': flags=');
  if (colon <= 0) return undefined;
  const name = line.slice(0, colon);
  if (/[\s]/.test(name)) return undefined;
  const rest = line.slice(colon + ': flags='.length);
  const hexMatch = /^[0-9a-fA-F]{1,16}/.exec(rest);
  const building: Building = { name, physical: name, unit: 0, flags: [], line: lineNo, endLine: lineNo };
  const unitAt = name.indexOf(':');
  if (unitAt !== -1) {
    building.physical = name.slice(0, unitAt);
    const unit = decimal(name.slice(unitAt + 1));
    if (unit === undefined) problems.push({ line: lineNo, message: `'${name}' has no logical unit number after its ':' (read as unit 0)` });
    else building.unit = unit;
  }
  let after = rest;
  if (hexMatch) {
    building.flagsHex = hexMatch[0].toLowerCase();
    after = rest.slice(hexMatch[0].length);
  } else {
    problems.push({ line: lineNo, message: `the flags of ${name} are not a hexadecimal number: ${quote(rest.split(/[ \t<]/)[0] ?? '')}` });
    after = rest.replace(/^[^ \t<]*/, '');
  }
  if (after.startsWith('<')) {
    const close = after.indexOf('>');
    if (close === -1) {
      problems.push({ line: lineNo, message: `the flag list of ${name} has no closing '>'` });
      building.flags = after.slice(1).split(/[ \t]/)[0]!.split(',').filter((f) => f !== '');
      after = '';
    } else {
      building.flags = after.slice(1, close).split(',').filter((f) => f !== '');
      after = after.slice(close + 1);
    }
  }
  if (building.flags.includes('IPv6')) building.family = 'inet6';
  else if (building.flags.includes('IPv4')) building.family = 'inet';
  const tail = words(after);
  for (let i = 0; i < tail.length; i++) {
    const word = tail[i]!;
    if (word === 'mtu' || word === 'index' || word === 'metric') {
      const value = decimal(tail[i + 1]);
      if (value === undefined) {
        problems.push({ line: lineNo, message: `${word} of ${name} has no number after it` });
        continue;
      }
      building[word === 'mtu' ? 'mtu' : word === 'index' ? 'index' : 'metric'] = value;
      i++;
    } else {
      problems.push({ line: lineNo, message: `unexpected ${quote(word)} in the header of ${name}` });
    }
  }
  return building;
}

/** Reads an `inet`/`inet6` line into the block. */
function readAddressLine(tokens: string[], lineNo: number, block: Building, problems: CaptureProblem[]): void {
  const family: CaptureFamily = tokens[0] === 'inet6' ? 'inet6' : 'inet';
  // `inet tunnel src a tunnel dst b`: the tunnel's endpoints, not an address of this interface.
  if (tokens[1] === 'tunnel') return;
  if (block.addressLine !== undefined) {
    problems.push({ line: lineNo, message: `a second ${tokens[0]} line for ${block.name}; only the first is read` });
    return;
  }
  if (block.family !== undefined && block.family !== family) {
    problems.push({ line: lineNo, message: `an ${tokens[0]} line in ${block.name}, whose flags say ${block.family === 'inet' ? 'IPv4' : 'IPv6'}` });
  }
  block.addressLine = lineNo;
  block.addressFamily = family;
  const keywords = new Set(['subnet', '-->', 'netmask', 'broadcast']);
  let i = 1;
  const first = tokens[1];
  if (first !== undefined && !keywords.has(first)) {
    i = 2;
    let text = first;
    if (family === 'inet6') {
      const slash = first.indexOf('/');
      if (slash !== -1) {
        text = first.slice(0, slash);
        const len = decimal(first.slice(slash + 1));
        if (len === undefined || len > 128) problems.push({ line: lineNo, message: `bad prefix length in ${quote(first)}` });
        else block.prefixLength = len;
      }
    }
    const address = canonicalAddress(text, family);
    if (address === undefined) problems.push({ line: lineNo, message: `${quote(text)} is not an ${family === 'inet' ? 'IPv4' : 'IPv6'} address` });
    else block.address = address;
  }
  for (; i < tokens.length; i++) {
    const word = tokens[i]!;
    const value = tokens[i + 1];
    if (!keywords.has(word)) {
      problems.push({ line: lineNo, message: `unexpected ${quote(word)} on the ${tokens[0]} line of ${block.name}` });
      continue;
    }
    if (value === undefined) {
      problems.push({ line: lineNo, message: `'${word}' with no value on the ${tokens[0]} line of ${block.name}` });
      break;
    }
    i++;
    if (word === 'subnet') {
      block.subnet = value;
    } else if (word === '-->') {
      const peer = canonicalAddress(value, family);
      if (peer === undefined) problems.push({ line: lineNo, message: `the point-to-point peer ${quote(value)} is not an address` });
      else block.destination = peer;
    } else if (word === 'netmask') {
      const mask = readMask(value);
      if (mask === undefined) problems.push({ line: lineNo, message: `${quote(value)} is not a netmask` });
      else {
        block.netmask = mask;
        const len = maskPrefixLength(mask);
        if (len !== undefined && family === 'inet') block.prefixLength = len;
      }
    } else {
      const broadcast = canonicalIPv4(value);
      if (broadcast === undefined) problems.push({ line: lineNo, message: `the broadcast address ${quote(value)} is not an IPv4 address` });
      else block.broadcast = broadcast;
    }
  }
}

/** Reads an indented line of a block. */
function readDetailLine(line: string, lineNo: number, block: Building, problems: CaptureProblem[]): void {
  const tokens = words(line);
  const keyword = tokens[0]!;
  switch (keyword) {
    case 'inet':
    case 'inet6':
      readAddressLine(tokens, lineNo, block, problems);
      return;
    case 'groupname':
    case 'zone':
    case 'ether': {
      const value = tokens[1];
      if (value === undefined) {
        problems.push({ line: lineNo, message: `'${keyword}' with no value in ${block.name}` });
        return;
      }
      if (keyword === 'groupname') {
        block.group = value;
        block.groupLine = lineNo;
      } else if (keyword === 'zone') {
        block.zone = value;
        block.zoneLine = lineNo;
      } else {
        block.ether = value;
        block.etherLine = lineNo;
      }
      if (tokens.length > 2) problems.push({ line: lineNo, message: `unexpected ${quote(tokens.slice(2).join(' '))} after ${keyword} ${value}` });
      return;
    }
    case 'all-zones':
      block.allZones = true;
      block.zoneLine = lineNo;
      return;
    // Source-address selection and tunnel settings: nothing IPMP reads.
    case 'srcof':
    case 'usesrc':
    case 'tunnel':
      return;
    default:
      problems.push({ line: lineNo, message: `${quote(line)} is not a line ifconfig -a prints for ${block.name}` });
  }
}

function finish(block: Building): CapturedInterface {
  const { addressFamily, family, ...rest } = block;
  return { ...rest, family: family ?? addressFamily ?? 'inet' };
}

/** Reads a saved `ifconfig -a` (Solaris 8, 9, 10; OpenSolaris and Solaris 11 with Clearview IPMP). */
export function parseIfconfigCapture(text: string): IfconfigCapture {
  const interfaces: CapturedInterface[] = [];
  const problems: CaptureProblem[] = [];
  let current: Building | undefined;
  let orphanReported = false;
  const lines = captureLines(typeof text === 'string' ? text : '');
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const line = lines[lineNo]!;
    if (line.trim() === '') continue;
    const indented = line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
    if (indented) {
      // A header pasted with leading blanks (a quoted or indented capture) is still a header.
      const header = /^[ \t]*\S+: flags=/.test(line) ? readHeader(line.trim(), lineNo, problems) : undefined;
      if (header) {
        if (current) interfaces.push(finish(current));
        current = header;
        continue;
      }
      if (!current) {
        if (!orphanReported) problems.push({ line: lineNo, message: `${quote(line)} comes before any interface header (such as 'ce0: flags=…')` });
        orphanReported = true;
        continue;
      }
      readDetailLine(line, lineNo, current, problems);
      current.endLine = lineNo;
      continue;
    }
    const header = readHeader(line.trimEnd(), lineNo, problems);
    if (header) {
      if (current) interfaces.push(finish(current));
      current = header;
      continue;
    }
    if (isPromptLine(line)) continue;
    problems.push({ line: lineNo, message: `${quote(line)} is not part of ifconfig -a output (an interface header looks like 'ce0: flags=1000843<…> mtu 1500 index 2')` });
  }
  if (current) interfaces.push(finish(current));
  const format = interfaces.some((i) => i.flags.includes('IPMP')) ? 'opensolaris' : 'solaris10';
  return { format, interfaces, problems };
}

// ---------------------------------------------------------------------------------------
// ipmpstat

export type IpmpstatTable = 'group' | 'address' | 'interface' | 'target';

/**
 * How ipmpstat -g lists a member: bare when active, in parentheses when inactive, in
 * brackets when unusable — failed or offline (ipmpstat.c puts both in brackets).
 */
export type IpmpstatMemberState = 'active' | 'inactive' | 'failed';

export interface IpmpstatGroup {
  /** GROUP: the IPMP interface (empty for an anonymous group). */
  readonly ipmpInterface: string;
  /** GROUPNAME (empty for an anonymous group). */
  readonly group: string;
  /** ok, degraded or failed. */
  readonly state: string;
  /** Failure detection time, e.g. `10.00s`; absent when probing is off (`--`). */
  readonly fdt?: string;
  readonly interfaces: readonly { readonly name: string; readonly state: IpmpstatMemberState }[];
  readonly line: number;
}

export interface IpmpstatAddress {
  /** A host name, or the address with -n. */
  readonly address: string;
  /** up or down. */
  readonly state: string;
  /** GROUP: the IPMP interface that hosts the address. */
  readonly ipmpInterface: string;
  /** The interface receiving for the address; empty when none (`--`). */
  readonly inbound: string;
  readonly outbound: readonly string[];
  readonly line: number;
}

export interface IpmpstatInterface {
  readonly name: string;
  readonly active: boolean;
  /** GROUP: the IPMP interface of the group. */
  readonly group: string;
  /** Seven letters or dashes: i s m b M d h (ipmpstat.c order). */
  readonly flags: string;
  readonly link: string;
  readonly probe: string;
  readonly state: string;
  readonly line: number;
}

export interface IpmpstatTarget {
  readonly name: string;
  /** routes, multicast or disabled. */
  readonly mode: string;
  readonly testAddress?: string;
  readonly targets: readonly string[];
  readonly line: number;
}

export interface IpmpstatCapture {
  /** Which tables the text held, in order (a header repeated by ofmt does not count again). */
  readonly tables: readonly IpmpstatTable[];
  readonly groups: readonly IpmpstatGroup[];
  readonly addresses: readonly IpmpstatAddress[];
  readonly interfaces: readonly IpmpstatInterface[];
  readonly targets: readonly IpmpstatTarget[];
  readonly problems: readonly CaptureProblem[];
}

/** Each mode's fields in ipmpstat.c's order; the last may hold spaces. */
const TABLE_FIELDS: Record<IpmpstatTable, readonly string[]> = {
  group: ['GROUP', 'GROUPNAME', 'STATE', 'FDT', 'INTERFACES'],
  address: ['ADDRESS', 'STATE', 'GROUP', 'INBOUND', 'OUTBOUND'],
  interface: ['INTERFACE', 'ACTIVE', 'GROUP', 'FLAGS', 'LINK', 'PROBE', 'STATE'],
  target: ['INTERFACE', 'MODE', 'TESTADDR', 'TARGETS'],
};
const TABLE_ORDER: readonly IpmpstatTable[] = ['group', 'address', 'interface', 'target'];
/** Fields whose value is a space-separated list. */
const LIST_FIELDS = new Set(['INTERFACES', 'OUTBOUND', 'TARGETS']);
const PROBE_FIELDS = new Set(['TIME', 'INTERFACE', 'PROBE', 'NETRTT', 'RTT', 'RTTAVG', 'TARGET', 'RTTDEV']);

interface OpenTable {
  readonly table: IpmpstatTable | 'probe';
  readonly columns: readonly string[];
  readonly key: string;
}

/** The table a header row opens: all default fields, or a `-o` selection of one mode's fields. */
function readTableHeader(tokens: string[]): OpenTable | undefined {
  if (tokens.length === 0 || tokens.some((t) => t !== t.toUpperCase() || !/^[A-Z]+$/.test(t))) return undefined;
  if (new Set(tokens).size !== tokens.length) return undefined;
  const key = tokens.join(' ');
  for (const table of TABLE_ORDER) if (TABLE_FIELDS[table].join(' ') === key) return { table, columns: tokens, key };
  for (const table of TABLE_ORDER) {
    const fields = TABLE_FIELDS[table];
    if (tokens.length >= 2 && tokens.every((t) => fields.includes(t))) return { table, columns: tokens, key };
  }
  if (tokens.length >= 2 && tokens.every((t) => PROBE_FIELDS.has(t))) return { table: 'probe', columns: tokens, key };
  return undefined;
}

/** `--` (ofmt's empty value) and `?` (a value ipmpstat could not get) read as empty. */
function fieldValue(value: string | undefined): string {
  return value === undefined || value === '--' || value === '?' ? '' : value;
}

function listValue(value: string | undefined): string[] {
  const text = fieldValue(value);
  return text === '' ? [] : words(text);
}

/** The INTERFACES field of -g: `a b (c d) [e f]`, parentheses and brackets around runs of names. */
function readMembers(text: string, lineNo: number, problems: CaptureProblem[]): { name: string; state: IpmpstatMemberState }[] {
  const members: { name: string; state: IpmpstatMemberState }[] = [];
  let open: IpmpstatMemberState | undefined;
  let unbalanced = false;
  for (const token of words(fieldValue(text))) {
    let name = token;
    let state: IpmpstatMemberState = open ?? 'active';
    if (name.startsWith('(') || name.startsWith('[')) {
      if (open) unbalanced = true;
      open = name.startsWith('(') ? 'inactive' : 'failed';
      state = open;
      name = name.slice(1);
    }
    if (name.endsWith(')') || name.endsWith(']')) {
      const closing: IpmpstatMemberState = name.endsWith(')') ? 'inactive' : 'failed';
      if (open !== closing) unbalanced = true;
      open = undefined;
      name = name.slice(0, -1);
    }
    if (name === '' || /[()[\]]/.test(name)) {
      unbalanced = true;
      continue;
    }
    members.push({ name, state });
  }
  if (open) unbalanced = true;
  if (unbalanced) problems.push({ line: lineNo, message: `the interface list ${quote(text)} has unbalanced '(' ')' or '[' ']'` });
  return members;
}

/** Reads a saved ipmpstat output: any of -g, -a/-an, -i, -t (with or without -n), concatenated. */
export function parseIpmpstatCapture(text: string): IpmpstatCapture {
  const tables: IpmpstatTable[] = [];
  const groups: IpmpstatGroup[] = [];
  const addresses: IpmpstatAddress[] = [];
  const interfaces: IpmpstatInterface[] = [];
  const targets: IpmpstatTarget[] = [];
  const problems: CaptureProblem[] = [];
  let open: OpenTable | undefined;
  let probeReported = false;
  const lines = captureLines(typeof text === 'string' ? text : '');
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const line = lines[lineNo]!;
    const tokens = words(line);
    if (tokens.length === 0) continue;
    const header = readTableHeader(tokens);
    if (header) {
      // ofmt repeats the header every 24 rows: the same header again continues the table.
      if (open?.key !== header.key) {
        open = header;
        if (header.table === 'probe') {
          if (!probeReported) problems.push({ line: lineNo, message: `ipmpstat -p (probe) output is not read; capture -g, -an, -i and -t instead` });
          probeReported = true;
        } else tables.push(header.table);
      }
      continue;
    }
    if (/^\S*[#$%>]\s*(\/usr\/sbin\/)?ipmpstat(\s|$)/.test(line) || /^(\/usr\/sbin\/)?ipmpstat(\s|$)/.test(line)) continue;
    if (!open) {
      problems.push({ line: lineNo, message: `${quote(line)} comes before any ipmpstat header (such as 'GROUP GROUPNAME STATE FDT INTERFACES')` });
      continue;
    }
    if (open.table === 'probe') continue;
    const columns = open.columns;
    const last = columns[columns.length - 1]!;
    const listLast = LIST_FIELDS.has(last);
    if (tokens.length < columns.length || (tokens.length > columns.length && !listLast)) {
      problems.push({ line: lineNo, message: `${quote(line)} has ${tokens.length} field${tokens.length === 1 ? '' : 's'}; an ipmpstat ${open.table} row has ${columns.length}` });
      continue;
    }
    const field = new Map<string, string>();
    columns.forEach((c, i) => field.set(c, i === columns.length - 1 ? tokens.slice(i).join(' ') : tokens[i]!));
    const get = (name: string): string => fieldValue(field.get(name));
    switch (open.table) {
      case 'group': {
        const fdt = get('FDT');
        groups.push({
          ipmpInterface: get('GROUP'),
          group: get('GROUPNAME'),
          state: get('STATE'),
          ...(fdt !== '' ? { fdt } : {}),
          interfaces: readMembers(field.get('INTERFACES') ?? '', lineNo, problems),
          line: lineNo,
        });
        break;
      }
      case 'address':
        addresses.push({
          address: get('ADDRESS'),
          state: get('STATE'),
          ipmpInterface: get('GROUP'),
          inbound: get('INBOUND'),
          outbound: listValue(field.get('OUTBOUND')),
          line: lineNo,
        });
        break;
      case 'interface': {
        const active = get('ACTIVE');
        if (field.has('ACTIVE') && active !== 'yes' && active !== 'no') problems.push({ line: lineNo, message: `ACTIVE is ${quote(active)}; ipmpstat prints yes or no` });
        interfaces.push({
          name: get('INTERFACE'),
          active: active === 'yes',
          group: get('GROUP'),
          flags: field.get('FLAGS') ?? '',
          link: get('LINK'),
          probe: get('PROBE'),
          state: get('STATE'),
          line: lineNo,
        });
        break;
      }
      case 'target': {
        const testAddress = get('TESTADDR');
        targets.push({
          name: get('INTERFACE'),
          mode: get('MODE'),
          ...(testAddress !== '' ? { testAddress } : {}),
          targets: listValue(field.get('TARGETS')),
          line: lineNo,
        });
        break;
      }
    }
  }
  return { tables, groups, addresses, interfaces, targets, problems };
}
