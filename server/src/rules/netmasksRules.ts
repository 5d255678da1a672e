/**
 * Rules for one netmasks / inet/netmasks file (RULES.md "hosts, ipnodes, netmasks";
 * reference §5.3, §1.8). libnsl ignores a line it cannot read without a word, and ignores
 * silently every entry its lookup can never reach; both leave `netmask +` with the classful
 * mask at boot.
 */
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
import type { Finding } from './types';
import { HOSTNAME_RULES } from './definitions/hostname';
import { HOSTS_AND_NETMASKS_RULES } from './definitions/hostsAndNetmasks';

const { invalidAddress, invalidNetmask } = HOSTNAME_RULES;
const { netmaskKeyMismatch } = HOSTS_AND_NETMASKS_RULES;

export function checkNetmasks(file: NetmasksFile, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];

  // libnsl splits fields with isspace(), so a CR before the newline changes nothing for Solaris:
  // a warning for the sake of every other tool that reads the file.
  const cr = carriageReturnFinding(file.text, file.index, ctx.uri, 'warning', 'netmasks');
  if (cr) out.push(cr);

  for (const entry of file.entries) {
    const networkOk = checkNetwork(entry, out, ctx.uri);
    // `10.0.0.0/24` alone is one mistake, reported (with its fix) on the network number.
    if (!entry.mask && /\/[0-9]{1,2}$/.test(entry.network.text)) continue;
    const maskOk = checkMask(entry, out, ctx.uri);
    if (networkOk && maskOk) checkReachable(entry, out, ctx.uri);
  }
  return out;
}

/** The network-number field; true when libnsl reads it. */
function checkNetwork(entry: NetmasksEntry, out: Finding[], uri: string): boolean {
  const v = entry.networkValue;
  if (v.ok) return true;
  const token = entry.network;
  const range = token.range;
  const fixes = [];
  const cidr = /^([0-9.]+)\/([0-9]{1,2})$/.exec(token.text);
  let message;
  if (cidr) {
    const length = Number(cidr[2]);
    const base = parseDottedQuad(cidr[1]!);
    message = invalidAddress.message.networkPrefixLength();
    if (base !== undefined && length >= 1 && length <= 31) {
      const network = formatIPv4((base & prefixMask(length)) >>> 0);
      const mask = formatIPv4(prefixMask(length));
      if (entry.mask) fixes.push(invalidAddress.fix.writeNetwork({ uri, range, network }));
      else fixes.push(invalidAddress.fix.splitNetworkAndMask({ uri, range, network, mask }));
    }
  } else if (v.allOnes) {
    message = invalidAddress.message.networkErrorValue();
  } else {
    message = invalidAddress.message.networkUnreadable({ reason: v.reason });
  }
  out.push(invalidAddress.finding(range, message, { fixes: fixes.length ? fixes : undefined }));
  return false;
}

/** The netmask field; true when libnsl reads it and it is a usable contiguous mask. */
function checkMask(entry: NetmasksEntry, out: Finding[], uri: string): boolean {
  const token = entry.mask;
  if (!token) {
    out.push(invalidNetmask.finding(entry.network.range, invalidNetmask.message.netmasksMissing({ network: entry.network.text })));
    return false;
  }
  const range = token.range;
  const v = entry.maskValue;
  const prefixWord = /^\/?([0-9]{1,2})$/.exec(token.text);
  if (prefixWord && Number(prefixWord[1]) >= 1 && Number(prefixWord[1]) <= 31) {
    const mask = formatIPv4(prefixMask(Number(prefixWord[1])));
    out.push(
      invalidNetmask.finding(range, invalidNetmask.message.netmasksPrefixLength({ written: token.text, mask }), {
        fixes: [invalidNetmask.fix.writeMask({ uri, range, mask })],
      }),
    );
    return false;
  }
  if (!v || !v.ok) {
    const message = v?.allOnes ? invalidNetmask.message.netmasksSlash32() : invalidNetmask.message.netmasksUnreadable({ reason: v ? v.reason : 'missing' });
    out.push(invalidNetmask.finding(range, message));
    return false;
  }
  const prefix = maskPrefixLength(v.value);
  if (prefix === undefined) {
    out.push(invalidNetmask.finding(range, invalidNetmask.message.netmasksNotContiguous({ written: token.text, value: formatIPv4(v.value) })));
    return false;
  }
  if (prefix === 0) {
    out.push(invalidNetmask.finding(range, invalidNetmask.message.netmasksZero()));
    return false;
  }
  if (v.octal && v.decimalValue !== undefined && v.decimalValue !== v.value) {
    const reads = formatIPv4(v.value);
    const meant = v.decimalText ?? formatIPv4(v.decimalValue);
    // Offer the decimal reading only where it is a mask too; what Solaris reads always is.
    const fixes = [invalidNetmask.fix.writeMaskAsRead({ uri, range, mask: reads })];
    if (maskPrefixLength(v.decimalValue) !== undefined && meant !== reads) fixes.push(invalidNetmask.fix.writeMaskDecimal({ uri, range, mask: meant }));
    out.push(
      invalidNetmask.finding(range, invalidNetmask.message.netmasksOctal({ written: token.text, reads, decimal: formatIPv4(v.decimalValue) }), {
        severity: 'warning',
        fixes,
      }),
    );
  }
  return true;
}

/** An accepted entry no lookup can find: host bits outside the mask, or a spelling libnsl never searches for. */
function checkReachable(entry: NetmasksEntry, out: Finding[], uri: string): void {
  if (isEntryReachable(entry)) return;
  const mask = entryMask(entry)!;
  const intended = intendedNetwork(entry)!;
  const v = entry.networkValue as InetAddrValue;
  const token = entry.network;
  const range = token.range;
  const reads = formatIPv4(v.value);
  const hostBits = (intended & ~mask) >>> 0;
  if (hostBits !== 0) {
    const network = formatIPv4((intended & mask) >>> 0);
    const message = netmaskKeyMismatch.message.outsideMask({ written: token.text, reads: v.parts === 4 && v.plain ? undefined : reads, mask: entry.mask!.text, network });
    out.push(netmaskKeyMismatch.finding(range, message, { fixes: [netmaskKeyMismatch.fix.clearHostBits({ uri, range, network })] }));
    return;
  }
  // The number fits the mask, but libnsl looks lines up by the text of the network number
  // in dotted decimal (or the shifted short form): a hex or octal spelling is never found.
  const written = v.octal && v.decimalText !== undefined && v.decimalText !== token.text ? v.decimalText : formatIPv4(intended);
  const how = v.hex ? 'hex' : v.octal ? 'octal' : 'short';
  out.push(
    invalidAddress.finding(range, invalidAddress.message.networkNeverFound({ written: token.text, reads, how, network: formatIPv4(intended) }), {
      severity: 'warning',
      fixes: written !== token.text ? [invalidAddress.fix.writeNetworkSpelling({ uri, range, network: written })] : undefined,
    }),
  );
}

function parseDottedQuad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;
}
