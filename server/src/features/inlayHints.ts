/**
 * Inlay hints for hostname files: what a word will mean at boot, written next to it.
 *
 * - after a host name, the address ifconfig gets for it from the host's local files (§1.7);
 * - after `netmask +` (and at the end of a one-line IPv4 file, where the boot script appends
 *   ` netmask + broadcast + up`, §1.4), the mask and prefix length the address ends up with
 *   (§1.8): a netmasks entry's mask, or the classful default when no entry matches.
 *
 * Each hint's tooltip says where the value comes from (hosts line n, netmasks line n, classful
 * default), so an administrator can jump to the line that decides it.
 */
import { InlayHintKind, type InlayHint, type Position, type Range } from 'vscode-languageserver-types';
import type { Release } from '../catalog/releases';
import { formatIPv4, looksLikeLiteral, prefixMask } from '../syntax/address';
import type { HostnameCommand } from '../syntax/hostname';
import type { Token } from '../syntax/token';
import { resolveAddress, type ConfiguredAddress } from '../rules/ipmpModel';
import type { ResolvedName } from '../engine/names';
import type { ParsedDocument } from './document';
import { ipmpModelFor, type HostView } from './hostView';

type HostnameDocument = Extract<ParsedDocument, { kind: 'hostname' }>;

/**
 * Whether a hostname-file word stands where ifconfig expects an address (local address,
 * destination, or the argument of a keyword taking one) and is a name rather than a literal.
 */
export function isHostNameWord(r: HostnameCommand['roles'][number]): boolean {
  return isAddressWord(r) && !looksLikeLiteral(r.token.text);
}

/** A word ifconfig reads as an address: a bare word, or an address-taking keyword's argument. */
export function isAddressWord(r: HostnameCommand['roles'][number]): boolean {
  if (r.token.text === '+') return false;
  if (r.role === 'address' || r.role === 'destination') return true;
  const argument = r.keyword?.argument;
  return r.role === 'argument' && (argument === 'address' || argument === 'destination' || argument === 'broadcast');
}

/** How a resolved name's file is called in messages. */
export function sourceLabel(resolved: ResolvedName, host: HostView): string {
  if (resolved.source === 'ipnodes') return host.ipnodes?.label ?? 'inet/ipnodes';
  return host.hosts?.label ?? host.names?.label ?? 'hosts';
}

export function inlayHints(doc: ParsedDocument, range: Range, host: HostView, release: Release): InlayHint[] {
  if (doc.kind !== 'hostname' || doc.hostname.isDhcpFile) return [];
  const hints = [...nameHints(doc, host, release), ...maskHints(doc, host, release)];
  return hints
    .filter((h) => within(h.position, range))
    .sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function nameHints(doc: HostnameDocument, host: HostView, release: Release): InlayHint[] {
  const hints: InlayHint[] = [];
  const family = doc.hostname.family;
  for (const command of doc.hostname.commands) {
    if (command.dhcpKeyword) continue;
    for (const r of command.roles) {
      if (!isHostNameWord(r)) continue;
      // Resolution is per family: a hostname6 file only takes IPv6 entries (§1.7).
      const { value, resolved } = resolveAddress(r.token.text, family, host.names, release);
      if (!value || !resolved) continue;
      const entry = resolved.entry;
      const line = [entry.address.text, ...entry.names.map((n) => n.text)].join(' ');
      hints.push({
        position: endOf(r.token),
        label: `: ${value.canonical}`,
        kind: InlayHintKind.Type,
        paddingLeft: false,
        tooltip: `${r.token.text} resolves to ${value.canonical}: ${sourceLabel(resolved, host)} line ${entry.line + 1} (${line})`,
      });
    }
  }
  return hints;
}

function maskHints(doc: HostnameDocument, host: HostView, release: Release): InlayHint[] {
  if (doc.hostname.family !== 'inet') return [];
  const model = ipmpModelFor(doc, host, release);
  const hints: InlayHint[] = [];
  for (const address of model.addresses) {
    if (address.input.uri !== doc.uri || address.prefixLength === undefined || address.value?.ipv4 === undefined) continue;
    const plus = address.netmask?.argument;
    if (plus?.text === '+') {
      hints.push({
        position: endOf(plus),
        label: maskLabel(address),
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: maskTooltip(address, host),
      });
    } else if (appendsNetmask(doc, address)) {
      // The appended `netmask +` comes last, so it wins over a mask written on the line (§1.7);
      // the hint stands where the boot script appends its words (§1.4).
      const last = address.command.line.words[address.command.line.words.length - 1]!;
      hints.push({
        position: endOf(last),
        label: `netmask + broadcast + up: ${maskLabel(address)}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: `The boot script appends "netmask + broadcast + up" to the only line of a hostname file (§1.4). ${maskTooltip(address, host)}`,
      });
    }
  }
  return hints;
}

/** The boot script appends ` netmask + broadcast + up` to this address's line, and the address is the last one on it. */
function appendsNetmask(doc: HostnameDocument, address: ConfiguredAddress): boolean {
  const command = doc.hostname.implicitNetmaskBroadcastUp;
  return command === address.command && address.segment === command.segments[command.segments.length - 1];
}

function maskLabel(address: ConfiguredAddress): string {
  const mask = `${formatIPv4(prefixMask(address.prefixLength!))} /${address.prefixLength}`;
  return address.maskSource === 'classful' ? `classful ${mask}` : mask;
}

function maskTooltip(address: ConfiguredAddress, host: HostView): string {
  const where = address.value!.canonical;
  switch (address.maskSource) {
    case 'netmasks': {
      const entry = address.netmasksEntry!;
      return `netmask + finds ${host.netmasks?.label ?? 'netmasks'} line ${entry.line + 1} (${entry.network.text} ${entry.mask?.text ?? ''}) for ${where}.`;
    }
    case 'prefix':
      return `No netmasks entry matches ${where}, so netmask + leaves the /${address.prefixLength} written on the address.`;
    case 'explicit':
      return `No netmasks entry matches ${where}, so the mask written on the line stays.`;
    default:
      return host.netmasks
        ? `No line of ${host.netmasks.label} matches ${where}, so netmask + leaves the classful default of its address class (§1.8).`
        : `This host has no netmasks file, so netmask + finds nothing for ${where} and the classful default of its address class stays (§1.8).`;
  }
}

function endOf(token: Token): Position {
  return token.range.end;
}

function within(position: Position, range: Range): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
