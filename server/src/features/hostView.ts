/**
 * What features know about a document's host. The workspace's host snapshot provides it;
 * tests build it by hand.
 */
import type { HostnameFile } from '../syntax/hostname';
import type { HostsFile } from '../syntax/hosts';
import type { NetmasksFile } from '../syntax/netmasks';
import type { NameLookup } from '../rules/names';
import { looksLikeLiteral } from '../syntax/address';

export interface HostView {
  readonly rootUri: string;
  readonly names?: NameLookup;
  readonly hosts?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly ipnodes?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly netmasks?: { readonly uri: string; readonly label: string; readonly file: NetmasksFile };
  readonly interfaces: readonly { readonly uri: string; readonly baseName: string; readonly file: HostnameFile }[];
  readonly newHostsUri: string;
}

export const EMPTY_HOST: HostView = { rootUri: '', interfaces: [], newHostsUri: '' };

/** Group names with the interfaces that set them, in file order. */
export function groupMembers(host: HostView): Map<string, { uri: string; baseName: string }[]> {
  const groups = new Map<string, { uri: string; baseName: string }[]>();
  for (const iface of host.interfaces) {
    for (const command of iface.file.commands) {
      for (const segment of command.segments) {
        for (const use of segment.keywords) {
          if (use.spec.name !== 'group' || !use.argument) continue;
          const list = groups.get(use.argument.text) ?? [];
          if (!list.some((m) => m.uri === iface.uri)) list.push({ uri: iface.uri, baseName: iface.baseName });
          groups.set(use.argument.text, list);
        }
      }
    }
  }
  return groups;
}

/** Host names the host's interface files use where an address goes. */
export function usedHostNames(host: HostView): Set<string> {
  const used = new Set<string>();
  for (const iface of host.interfaces) {
    for (const command of iface.file.commands) {
      for (const r of command.roles) {
        const addressArgument = r.role === 'argument' && (r.keyword?.argument === 'address' || r.keyword?.argument === 'destination');
        if ((r.role === 'address' || r.role === 'destination' || addressArgument) && !looksLikeLiteral(r.token.text) && r.token.text !== '+') {
          used.add(r.token.text);
        }
      }
    }
  }
  return used;
}
