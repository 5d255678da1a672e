/** A document parsed according to its kind; parse once, hand to every feature. */
import { baseName, type FileKind } from '../syntax/fileKind';
import { parseHostnameFile, type HostnameFile } from '../syntax/hostname';
import { parseHosts, type HostsFile } from '../syntax/hosts';
import { parseNetmasks, type NetmasksFile } from '../syntax/netmasks';
import { parseMpathd, type MpathdFile } from '../syntax/mpathd';
import { LineIndex, type TextIndex } from '../syntax/text';

interface Base {
  readonly uri: string;
  readonly text: string;
  readonly index: TextIndex;
}

export type ParsedDocument =
  | (Base & { readonly kind: 'hostname'; readonly hostname: HostnameFile })
  | (Base & { readonly kind: 'hosts'; readonly hosts: HostsFile })
  | (Base & { readonly kind: 'netmasks'; readonly netmasks: NetmasksFile })
  | (Base & { readonly kind: 'mpathd'; readonly mpathd: MpathdFile });

/** `path` is the URI's path, for the file name (`hostname.ce0`, `hostname6.ce0`, `dhcp.ce0`). */
export function parseDocument(uri: string, path: string, kind: FileKind, text: string): ParsedDocument {
  switch (kind) {
    case 'hostname': {
      const hostname = parseHostnameFile(text, { fileName: baseName(path) });
      return { uri, text, index: hostname.index, kind, hostname };
    }
    case 'hosts': {
      const hosts = parseHosts(text);
      return { uri, text, index: hosts.index, kind, hosts };
    }
    case 'netmasks':
      return { uri, text, index: new LineIndex(text), kind, netmasks: parseNetmasks(text) };
    case 'mpathd':
      return { uri, text, index: new LineIndex(text), kind, mpathd: parseMpathd(text) };
  }
}
