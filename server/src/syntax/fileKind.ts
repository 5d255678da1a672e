/**
 * Which kind of file a path is, and the host it belongs to (DESIGN.md "Hosts"). Paths use
 * `/` separators; callers convert URIs first. Patterns stay narrow: a bare `hosts` file
 * outside an `etc` folder is often an Ansible inventory.
 */
export type FileKind = 'hostname' | 'hosts' | 'netmasks' | 'mpathd';

export const LANGUAGE_IDS: Record<FileKind, string> = {
  hostname: 'solaris-hostname',
  hosts: 'solaris-hosts',
  netmasks: 'solaris-netmasks',
  mpathd: 'solaris-mpathd',
};

export function kindOfLanguage(languageId: string): FileKind | undefined {
  for (const [kind, id] of Object.entries(LANGUAGE_IDS)) if (id === languageId) return kind as FileKind;
  return undefined;
}

/** What a hostname-kind file name says (reference §1.2). */
export interface InterfaceFileName {
  /** `hostname` (IPv4), `hostname6` (IPv6) or `dhcp`. */
  readonly prefix: 'hostname' | 'hostname6' | 'dhcp';
  readonly family: 'inet' | 'inet6';
  /** Everything after the first dot: `ce0`, `ce0:1`, `ce0.bak`. */
  readonly interfaceName: string;
}

export function parseInterfaceFileName(baseName: string): InterfaceFileName | undefined {
  const m = /^(hostname6|hostname|dhcp)\.(.+)$/.exec(baseName);
  if (!m) return undefined;
  const prefix = m[1] as InterfaceFileName['prefix'];
  return { prefix, family: prefix === 'hostname6' ? 'inet6' : 'inet', interfaceName: m[2]! };
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/**
 * The host directory of a file: its nearest ancestor named `etc`; with none, its own folder.
 */
export function hostRootOf(path: string): string {
  // The last folder named etc that is not the path's own last part (it runs for every file of a
  // fleet: no split and join).
  const at = path.lastIndexOf('/etc/');
  if (at >= 0) return path.slice(0, at + 4);
  if (path.startsWith('etc/')) return 'etc';
  return dirName(path);
}

/** Path inside the host root, e.g. `inet/hosts`, `hostname.ce0`, `default/mpathd`. */
export function pathInHost(path: string): string {
  const root = hostRootOf(path);
  return path.startsWith(root + '/') ? path.slice(root.length + 1) : baseName(path);
}

/** The kind a path has by its name alone, or undefined for files we do not handle. */
export function classifyPath(path: string): FileKind | undefined {
  const name = baseName(path);
  if (parseInterfaceFileName(name)) return 'hostname';
  const inHost = pathInHost(path);
  const underEtc = hostRootOf(path) !== dirName(path) || /(^|\/)etc$/.test(dirName(path));
  if (!underEtc) return undefined;
  if (inHost === 'hosts' || inHost === 'inet/hosts' || inHost === 'inet/ipnodes') return 'hosts';
  if (inHost === 'netmasks' || inHost === 'inet/netmasks') return 'netmasks';
  if (inHost === 'default/mpathd') return 'mpathd';
  return undefined;
}
