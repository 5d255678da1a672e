/**
 * Rules for one netmasks / inet/netmasks file (RULES.md "hosts, ipnodes, netmasks";
 * reference §5.3, §1.8). libnsl ignores a line it cannot read without a word, and ignores
 * silently every entry its lookup can never reach; both leave `netmask +` with the classful
 * mask at boot.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { formatIPv4, maskPrefixLength, prefixMask } from '../syntax/address';
import {
  entryMask,
  intendedNetwork,
  isEntryReachable,
  type InetAddrValue,
  type NetmasksEntry,
  type NetmasksFile,
} from '../syntax/netmasks';
import type { RuleContext } from './context';
import { carriageReturnFinding } from './lineEndings';
import type { Finding, Fix } from './types';

const IGNORED = 'libnsl ignores the line, and `netmask +` falls back to the classful mask for that network';

export function checkNetmasks(file: NetmasksFile, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const fix = (title: string, edits: TextEdit[], isPreferred = true): Fix => ({ title, isPreferred, edits: [{ uri: ctx.uri, edits }] });

  // libnsl splits fields with isspace(), so a CR before the newline changes nothing for Solaris:
  // a warning for the sake of every other tool that reads the file.
  const cr = carriageReturnFinding(file.text, file.index, ctx.uri, 'warning', 'netmasks');
  if (cr) out.push(cr);

  for (const entry of file.entries) {
    const networkOk = checkNetwork(entry, out, fix);
    // `10.0.0.0/24` alone is one mistake, reported (with its fix) on the network number.
    if (!entry.mask && /\/[0-9]{1,2}$/.test(entry.network.text)) continue;
    const maskOk = checkMask(entry, out, fix);
    if (networkOk && maskOk) checkReachable(entry, out, fix);
  }
  return out;
}

type FixFactory = (title: string, edits: TextEdit[], isPreferred?: boolean) => Fix;

/** The network-number field; true when libnsl reads it. */
function checkNetwork(entry: NetmasksEntry, out: Finding[], fix: FixFactory): boolean {
  const v = entry.networkValue;
  if (v.ok) return true;
  const token = entry.network;
  const fixes: Fix[] = [];
  const cidr = /^([0-9.]+)\/([0-9]{1,2})$/.exec(token.text);
  let message: string;
  if (cidr) {
    const length = Number(cidr[2]);
    const base = parseDottedQuad(cidr[1]!);
    message = `A network number takes no '/len' prefix length: ${IGNORED}. Write the network and the mask as two fields.`;
    if (base !== undefined && length >= 1 && length <= 31) {
      const network = formatIPv4((base & prefixMask(length)) >>> 0);
      const mask = formatIPv4(prefixMask(length));
      if (entry.mask) fixes.push(fix(`Write the network as ${network}`, [{ range: token.range, newText: network }]));
      else fixes.push(fix(`Write '${network} ${mask}'`, [{ range: token.range, newText: `${network}\t${mask}` }]));
    }
  } else if (v.allOnes) {
    message = `255.255.255.255 is the value inet_addr returns for errors, so it cannot be a network number: ${IGNORED}.`;
  } else {
    message = `Not a network number libnsl can read (${v.reason}): ${IGNORED}.`;
  }
  out.push({ rule: 'invalid-address', range: token.range, message, fixes: fixes.length ? fixes : undefined });
  return false;
}

/** The netmask field; true when libnsl reads it and it is a usable contiguous mask. */
function checkMask(entry: NetmasksEntry, out: Finding[], fix: FixFactory): boolean {
  const token = entry.mask;
  if (!token) {
    out.push({
      rule: 'invalid-netmask',
      range: entry.network.range,
      message: `No netmask follows '${entry.network.text}': ${IGNORED}.`,
    });
    return false;
  }
  const v = entry.maskValue;
  const prefixWord = /^\/?([0-9]{1,2})$/.exec(token.text);
  if (prefixWord && Number(prefixWord[1]) >= 1 && Number(prefixWord[1]) <= 31) {
    const mask = formatIPv4(prefixMask(Number(prefixWord[1])));
    out.push({
      rule: 'invalid-netmask',
      range: token.range,
      message: `'${token.text}' is a prefix length, not a mask (netmasks wants the dotted mask, ${mask}): ${IGNORED}.`,
      fixes: [fix(`Write ${mask}`, [{ range: token.range, newText: mask }])],
    });
    return false;
  }
  if (!v || !v.ok) {
    const message = v?.allOnes
      ? `A /32 mask cannot be written in netmasks: 255.255.255.255 is the value inet_addr returns for errors, so ${IGNORED}.`
      : `Not a netmask libnsl can read (${v ? v.reason : 'missing'}): ${IGNORED}.`;
    out.push({ rule: 'invalid-netmask', range: token.range, message });
    return false;
  }
  const prefix = maskPrefixLength(v.value);
  if (prefix === undefined) {
    out.push({
      rule: 'invalid-netmask',
      range: token.range,
      message: `'${token.text}' (${formatIPv4(v.value)}) is not contiguous: the one bits must all come first. The longest-match lookup never matches it.`,
    });
    return false;
  }
  if (prefix === 0) {
    out.push({
      rule: 'invalid-netmask',
      range: token.range,
      message: `A zero mask is no netmask: the longest-match lookup never matches it, and a classful match would give the interface mask 0.0.0.0.`,
    });
    return false;
  }
  if (v.octal && v.decimalValue !== undefined && v.decimalValue !== v.value) {
    const reads = formatIPv4(v.value);
    const meant = v.decimalText ?? formatIPv4(v.decimalValue);
    // Offer the decimal reading only where it is a mask too; what Solaris reads always is.
    const fixes = [fix(`Write ${reads} (what Solaris reads)`, [{ range: token.range, newText: reads }])];
    if (maskPrefixLength(v.decimalValue) !== undefined && meant !== reads) {
      fixes.push({ ...fix(`Write ${meant} (the parts as decimal)`, [{ range: token.range, newText: meant }]), isPreferred: false });
    }
    out.push({
      rule: 'invalid-netmask',
      severity: 'warning',
      range: token.range,
      message: `inet_addr reads a part with a leading zero as octal: '${token.text}' is ${reads}, not ${formatIPv4(v.decimalValue)}.`,
      fixes,
    });
  }
  return true;
}

/** An accepted entry no lookup can find: host bits outside the mask, or a spelling libnsl never searches for. */
function checkReachable(entry: NetmasksEntry, out: Finding[], fix: FixFactory): void {
  if (isEntryReachable(entry)) return;
  const mask = entryMask(entry)!;
  const intended = intendedNetwork(entry)!;
  const v = entry.networkValue as InetAddrValue;
  const token = entry.network;
  const reads = formatIPv4(v.value);
  const hostBits = (intended & ~mask) >>> 0;
  if (hostBits !== 0) {
    const network = formatIPv4((intended & mask) >>> 0);
    const spelled = v.parts === 4 && v.plain ? `'${token.text}'` : `'${token.text}' (read as ${reads})`;
    out.push({
      rule: 'netmask-key-mismatch',
      range: token.range,
      message: `${spelled} has bits set outside its mask ${entry.mask!.text}: libnsl only matches an entry whose network number fits its mask, so it ignores this line silently and \`netmask +\` falls back to the classful mask. The network is ${network}.`,
      fixes: [fix(`Clear the host bits: ${network}`, [{ range: token.range, newText: network }])],
    });
    return;
  }
  // The number fits the mask, but libnsl looks lines up by the text of the network number
  // in dotted decimal (or the shifted short form): a hex or octal spelling is never found.
  const written = v.octal && v.decimalText !== undefined && v.decimalText !== token.text ? v.decimalText : formatIPv4(intended);
  const how = v.hex
    ? 'it is written in hex'
    : v.octal
      ? `inet_addr reads the leading-zero part as octal, making it ${reads}`
      : `inet_addr reads '${token.text}' as ${reads} (the last part fills the remaining bits)`;
  out.push({
    rule: 'invalid-address',
    severity: 'warning',
    range: token.range,
    message: `libnsl never finds this entry: ${how}, and the lookup only finds a line that spells its network number as ${formatIPv4(intended)}. \`netmask +\` falls back to the classful mask.`,
    fixes: written !== token.text ? [fix(`Write ${written}`, [{ range: token.range, newText: written }])] : undefined,
  });
}

function parseDottedQuad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;
}
