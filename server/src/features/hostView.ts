/**
 * What features know about a document's host. The workspace's host snapshot provides it;
 * tests build it by hand.
 */
import type { HostnameFile } from '../syntax/hostname';
import type { HostsFile } from '../syntax/hosts';
import type { NetmasksFile } from '../syntax/netmasks';
import type { MpathdFile } from '../syntax/mpathd';
import type { IfconfigCapture, IpmpstatCapture } from '../syntax/capture';
import type { NameLookup } from '../engine/names';
import { uriPath } from '../syntax/uri';
import type { Release } from '../catalog/releases';
import { looksLikeLiteral } from '../syntax/address';
import { baseName } from '../syntax/fileKind';
import type { IpmpHost } from '../rules/ipmpModel';
import { analyzeHost } from './hostAnalysis';
import type { ParsedDocument } from './document';

export interface HostView {
  readonly rootUri: string;
  readonly names?: NameLookup;
  readonly hosts?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly ipnodes?: { readonly uri: string; readonly label: string; readonly file: HostsFile };
  readonly netmasks?: { readonly uri: string; readonly label: string; readonly file: NetmasksFile };
  readonly mpathd?: { readonly uri: string; readonly label: string; readonly file: MpathdFile };
  /** The text of the host's nodename file, if it has one. */
  readonly nodename?: string;
  readonly interfaces: readonly { readonly uri: string; readonly baseName: string; readonly file: HostnameFile }[];
  readonly newHostsUri: string;
  /** Files of the host that exist but were not read (too large, unreadable): left out above. */
  readonly unread?: readonly UnreadFile[];
  /** Captures of the running system (`ifconfig -a`, `ipmpstat`) beside the host's etc/: the drift rules compare them with the boot. */
  readonly live?: {
    readonly ifconfig?: { readonly uri: string; readonly label: string; readonly file: IfconfigCapture };
    readonly ipmpstat?: { readonly uri: string; readonly label: string; readonly file: IpmpstatCapture };
  };
}

/** A file the host's checks needed but did not get (DESIGN.md "Bad input"). */
export interface UnreadFile {
  readonly uri: string;
  /** How messages name it: `inet/hosts`, `hostname.ce1`. */
  readonly label: string;
  readonly role: 'hosts' | 'ipnodes' | 'netmasks' | 'interface';
  readonly notRead: 'too-large' | 'unreadable';
  readonly size?: number;
  readonly reason?: string;
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

/**
 * The host as features should see it: the document's own parse in place of the host's copy
 * of the same file, and the document added when the host does not list it yet (a new file).
 */
export function viewWithDocument(host: HostView, doc: ParsedDocument): HostView {
  // The same parse already in the host: the host as it is (its analysis is cached on it).
  switch (doc.kind) {
    case 'hostname': {
      const at = host.interfaces.findIndex((i) => i.uri === doc.uri);
      if (at !== -1 && host.interfaces[at]!.file === doc.hostname) return host;
      const interfaces =
        at === -1
          ? [...host.interfaces, { uri: doc.uri, baseName: baseName(uriPath(doc.uri) ?? doc.uri), file: doc.hostname }]
          : host.interfaces.map((i, n) => (n === at ? { ...i, file: doc.hostname } : i));
      return { ...host, interfaces };
    }
    case 'hosts': {
      if (host.hosts?.uri === doc.uri) return host.hosts.file === doc.hosts ? host : { ...host, hosts: { ...host.hosts, file: doc.hosts } };
      if (host.ipnodes?.uri === doc.uri) return host.ipnodes.file === doc.hosts ? host : { ...host, ipnodes: { ...host.ipnodes, file: doc.hosts } };
      const ipnodes = /\/ipnodes$/.test(uriPath(doc.uri) ?? doc.uri);
      if (ipnodes && !host.ipnodes) return { ...host, ipnodes: { uri: doc.uri, label: 'inet/ipnodes', file: doc.hosts } };
      if (!ipnodes && !host.hosts) return { ...host, hosts: { uri: doc.uri, label: 'hosts', file: doc.hosts } };
      return host;
    }
    case 'netmasks':
      if (host.netmasks?.uri === doc.uri && host.netmasks.file === doc.netmasks) return host;
      if (!host.netmasks || host.netmasks.uri === doc.uri) {
        return { ...host, netmasks: { uri: doc.uri, label: host.netmasks?.label ?? 'netmasks', file: doc.netmasks } };
      }
      return host;
    case 'mpathd':
      if (host.mpathd?.uri === doc.uri && host.mpathd.file !== doc.mpathd) return { ...host, mpathd: { ...host.mpathd, file: doc.mpathd } };
      return host;
  }
}


/** The IPMP picture of the document's host, with the document's own text (made once per snapshot). */
export function ipmpModelFor(doc: ParsedDocument, host: HostView, release: Release): IpmpHost {
  return analyzeHost(viewWithDocument(host, doc), release).model;
}
