/**
 * Every ifconfig keyword a hostname file can hold (reference §2), with what validation,
 * hover, completion and the TextMate grammars need to know. This table is the single
 * source: the grammars are generated from it and a test keeps them in step.
 */
import { RELEASES, releasesFrom, type Release } from './releases';

/** What a keyword's argument must look like. */
export type ArgumentKind =
  /** address or host name, `/len` allowed (`set`, `addif`) */
  | 'address'
  /** address or host name, no `/len` (`destination`, `removeif`, `tsrc`, `tdst`) */
  | 'destination'
  /** dotted mask, `0x` hex, `+`, or a name from hosts/networks */
  | 'netmask'
  /** address or `+` */
  | 'broadcast'
  /** IPMP group name (at most 31 characters) or `""` to leave the group */
  | 'group'
  /** a decimal integer */
  | 'integer'
  /** 0–255 */
  | 'byte'
  /** address with a mandatory `/len` (`subnet`, `token`) */
  | 'prefix'
  /** an interface name or `none` (`usesrc`) */
  | 'interface'
  /** a zone name */
  | 'zone'
  /** `module@position` */
  | 'module'
  /** a MAC address `x:x:x:x:x:x` */
  | 'mac'
  /** an IPsec algorithm name or number, `none` or `any` */
  | 'algorithm'
  /** seconds or `forever` (DHCP `wait`) */
  | 'dhcp-wait';

export type AddressFamily = 'inet' | 'inet6';

export interface KeywordSpec {
  readonly name: string;
  readonly argument?: ArgumentKind;
  /** `ether` prints the MAC without an argument and sets it with one. */
  readonly argumentOptional?: boolean;
  /** The keyword that undoes this one (`up`/`down`, `deprecated`/`-deprecated`). */
  readonly opposite?: string;
  /** `undefined` = both families. */
  readonly family?: AddressFamily;
  /** Only meaningful on the physical interface / logical unit 0 (ifparse PARSELOG0, §1.3). */
  readonly unit0Only?: boolean;
  /** Releases whose ifconfig knows the keyword. */
  readonly releases: readonly Release[];
  /** A keyword that belongs on the command line, not in a boot file (prints, debugs). */
  readonly interactiveOnly?: boolean;
  /** Marks keywords that matter for IPMP, for completion ordering. */
  readonly ipmp?: boolean;
  /** One line, shown in completion lists. */
  readonly summary: string;
}

const ALL = RELEASES;
const S10_ON = releasesFrom('s10-early');
const OSOL = releasesFrom('osol');

function kw(spec: Omit<KeywordSpec, 'releases'> & { releases?: readonly Release[] }): KeywordSpec {
  return { releases: ALL, ...spec };
}

export const KEYWORDS: readonly KeywordSpec[] = [
  kw({ name: 'set', argument: 'address', summary: 'Set the local address explicitly' }),
  kw({ name: 'destination', argument: 'destination', summary: 'Set the point-to-point destination address' }),
  kw({ name: 'plumb', opposite: 'unplumb', summary: 'Open the device and set up the IP streams' }),
  kw({ name: 'unplumb', opposite: 'plumb', summary: 'Tear the interface (or a logical interface) down' }),
  kw({ name: 'up', opposite: 'down', ipmp: true, summary: 'Mark the address up: usable for traffic' }),
  kw({ name: 'down', opposite: 'up', summary: 'Mark the address down' }),
  kw({ name: 'netmask', argument: 'netmask', family: 'inet', ipmp: true, summary: 'Subnet mask; `+` looks it up in netmasks' }),
  kw({ name: 'broadcast', argument: 'broadcast', family: 'inet', ipmp: true, summary: 'Broadcast address; `+` computes it' }),
  kw({ name: 'addif', argument: 'address', opposite: 'removeif', ipmp: true, summary: 'Add a logical interface with this address' }),
  kw({ name: 'removeif', argument: 'destination', opposite: 'addif', unit0Only: true, summary: 'Remove the logical interface holding this address' }),
  kw({ name: 'group', argument: 'group', unit0Only: true, ipmp: true, summary: 'Put the interface in an IPMP group' }),
  kw({ name: 'deprecated', opposite: '-deprecated', ipmp: true, summary: 'Never pick this address as a source unless asked' }),
  kw({ name: '-deprecated', opposite: 'deprecated', summary: 'Allow the address as a source again' }),
  kw({ name: '-failover', opposite: 'failover', ipmp: true, summary: 'Keep the address on this NIC: an IPMP test address' }),
  kw({ name: 'failover', opposite: '-failover', ipmp: true, summary: 'Let the address move on failure (the default): a data address' }),
  kw({ name: 'standby', opposite: '-standby', ipmp: true, summary: 'Make the interface an IPMP standby' }),
  kw({ name: '-standby', opposite: 'standby', summary: 'Make the interface an active IPMP member again' }),
  kw({ name: 'failed', opposite: '-failed', interactiveOnly: true, summary: 'Mark the interface failed (in.mpathd does this)' }),
  kw({ name: '-failed', opposite: 'failed', interactiveOnly: true, summary: 'Clear the failed mark (in.mpathd does this)' }),
  kw({ name: 'private', opposite: '-private', summary: 'Do not advertise the address to routing' }),
  kw({ name: '-private', opposite: 'private', summary: 'Advertise the address to routing again' }),
  kw({ name: 'arp', opposite: '-arp', family: 'inet', summary: 'Use ARP on the interface (the default)' }),
  kw({ name: '-arp', opposite: 'arp', family: 'inet', summary: 'Turn ARP off' }),
  kw({ name: 'trailers', opposite: '-trailers', summary: 'Obsolete; ignored' }),
  kw({ name: '-trailers', opposite: 'trailers', summary: 'Obsolete; ignored' }),
  kw({ name: 'xmit', opposite: '-xmit', summary: 'Allow sending from this address (the default)' }),
  kw({ name: '-xmit', opposite: 'xmit', summary: 'Forbid sending from this address' }),
  kw({ name: 'local', opposite: '-local', summary: 'The address is local (the default)' }),
  kw({ name: '-local', opposite: 'local', summary: 'No local address, only the on-link subnet' }),
  kw({ name: 'router', opposite: '-router', unit0Only: true, summary: 'Forward IP packets on this interface' }),
  kw({ name: '-router', opposite: 'router', unit0Only: true, summary: 'Stop forwarding IP packets on this interface' }),
  kw({ name: 'nud', opposite: '-nud', family: 'inet6', summary: 'Neighbour unreachability detection on' }),
  kw({ name: '-nud', opposite: 'nud', family: 'inet6', summary: 'Neighbour unreachability detection off' }),
  kw({ name: 'anycast', opposite: '-anycast', summary: 'Mark the address anycast' }),
  kw({ name: '-anycast', opposite: 'anycast', summary: 'Clear the anycast mark' }),
  kw({ name: 'preferred', opposite: '-preferred', family: 'inet6', summary: 'Prefer this IPv6 address as a source' }),
  kw({ name: '-preferred', opposite: 'preferred', family: 'inet6', summary: 'Stop preferring this IPv6 address' }),
  kw({ name: 'metric', argument: 'integer', summary: 'Routing metric (extra hops)' }),
  kw({ name: 'mtu', argument: 'integer', summary: 'Maximum transmission unit' }),
  kw({ name: 'index', argument: 'integer', unit0Only: true, summary: 'Change the interface index' }),
  kw({ name: 'subnet', argument: 'prefix', summary: 'Set the subnet (address/length)' }),
  kw({ name: 'token', argument: 'prefix', family: 'inet6', unit0Only: true, summary: 'IPv6 interface token for autoconfiguration' }),
  kw({ name: 'auto-revarp', family: 'inet', summary: 'Get the address by RARP' }),
  kw({ name: 'dhcp', family: 'inet', summary: 'Hand the interface to the DHCP agent' }),
  kw({ name: 'auto-dhcp', family: 'inet', summary: 'Hand the interface to the DHCP agent' }),
  kw({ name: 'ether', argument: 'mac', argumentOptional: true, unit0Only: true, summary: 'Show or set the MAC address' }),
  kw({ name: 'zone', argument: 'zone', opposite: '-zone', releases: S10_ON, summary: 'Give the address to a shared-IP zone' }),
  kw({ name: '-zone', opposite: 'zone', releases: S10_ON, summary: 'Give the address back to the global zone' }),
  kw({ name: 'all-zones', releases: S10_ON, summary: 'Share the address with all zones' }),
  kw({ name: 'usesrc', argument: 'interface', releases: S10_ON, summary: "Use another interface's address as source" }),
  kw({ name: 'modlist', interactiveOnly: true, summary: 'List the STREAMS modules' }),
  kw({ name: 'modinsert', argument: 'module', opposite: 'modremove', summary: 'Insert a STREAMS module (module@position)' }),
  kw({ name: 'modremove', argument: 'module', opposite: 'modinsert', summary: 'Remove a STREAMS module (module@position)' }),
  kw({ name: 'tsrc', argument: 'destination', unit0Only: true, summary: 'Tunnel source address' }),
  kw({ name: 'tdst', argument: 'destination', unit0Only: true, summary: 'Tunnel destination address' }),
  kw({ name: 'encaplimit', argument: 'byte', opposite: '-encaplimit', unit0Only: true, summary: 'Tunnel encapsulation limit (0–255)' }),
  kw({ name: '-encaplimit', opposite: 'encaplimit', unit0Only: true, summary: 'No tunnel encapsulation limit' }),
  kw({ name: 'thoplimit', argument: 'byte', unit0Only: true, summary: 'Tunnel hop limit (0–255)' }),
  kw({ name: 'auth_algs', argument: 'algorithm', unit0Only: true, summary: 'IPsec AH algorithm for the tunnel' }),
  kw({ name: 'encr_algs', argument: 'algorithm', unit0Only: true, summary: 'IPsec ESP encryption algorithm for the tunnel' }),
  kw({ name: 'encr_auth_algs', argument: 'algorithm', unit0Only: true, summary: 'IPsec ESP authentication algorithm for the tunnel' }),
  kw({ name: 'configinfo', interactiveOnly: true, summary: 'Print the configuration in reusable form' }),
  kw({ name: 'debug', interactiveOnly: true, summary: 'Print ifconfig debugging output' }),
  kw({ name: 'verbose', interactiveOnly: true, summary: 'Print more detail' }),
  kw({ name: 'ipmp', releases: OSOL, summary: 'Create an IPMP interface (OpenSolaris, illumos, Solaris 11)' }),
];

/** The address family word: valid only as the first word after the interface name (§1.6). */
export const FAMILY_WORDS = ['inet', 'inet6'] as const;

/**
 * Words of the DHCP sub-syntax after `dhcp`/`auto-dhcp` (reference §2), and the whole
 * vocabulary of a `dhcp.<if>` file (§1.9).
 */
export interface DhcpWordSpec {
  readonly name: string;
  readonly argument?: 'dhcp-wait';
  /** `primary` and `wait` may stand in dhcp.<if>; the operations only on a command line. */
  readonly inDhcpFile: boolean;
  readonly summary: string;
}

export const DHCP_WORDS: readonly DhcpWordSpec[] = [
  { name: 'primary', inDhcpFile: true, summary: 'This interface supplies the system-wide DHCP parameters' },
  { name: 'wait', argument: 'dhcp-wait', inDhcpFile: true, summary: 'Seconds to wait for a lease, or `forever`' },
  { name: 'start', inDhcpFile: false, summary: 'Start DHCP on the interface (the default)' },
  { name: 'drop', inDhcpFile: false, summary: 'Leave DHCP and keep the lease record' },
  { name: 'release', inDhcpFile: false, summary: 'Give the lease back' },
  { name: 'extend', inDhcpFile: false, summary: 'Renew the lease now' },
  { name: 'inform', inDhcpFile: false, summary: 'Get parameters only, no lease' },
  { name: 'ping', inDhcpFile: false, summary: 'Succeed if the interface is under DHCP' },
  { name: 'status', inDhcpFile: false, summary: 'Print the DHCP state' },
];

const BY_NAME = new Map(KEYWORDS.map((k) => [k.name, k]));
const DHCP_BY_NAME = new Map(DHCP_WORDS.map((k) => [k.name, k]));

/** Exact, case-sensitive lookup, as ifconfig's strcmp does (§1.6). */
export function findKeyword(word: string): KeywordSpec | undefined {
  return BY_NAME.get(word);
}

export function findDhcpWord(word: string): DhcpWordSpec | undefined {
  return DHCP_BY_NAME.get(word);
}

export function keywordAppliesTo(spec: KeywordSpec, family: AddressFamily): boolean {
  return spec.family === undefined || spec.family === family;
}

/** All names an ifconfig word could be, for did-you-mean and grammar lists. */
export function allKeywordNames(): string[] {
  return KEYWORDS.map((k) => k.name);
}
