/**
 * Hover documentation for every word a hostname.<if>, hostname6.<if> or dhcp.<if> file can
 * hold: each entry of KEYWORDS, FAMILY_WORDS and DHCP_WORDS (keywords.ts), plus `+` (the
 * argument of `netmask` / `broadcast`) and `<address>` (a bare word: address or host name).
 *
 * Written in our own words from the facts in domain/REFERENCE.md (§1.4–1.9, §2, §3).
 * Text is Markdown-light: only `code spans`, no other markup and no raw `<` / `>` outside
 * code spans, so the plain-text renderer can drop the backticks and be done.
 *
 * Examples are one line as it would stand in the file (hostname6 for IPv6-only words,
 * dhcp.<if> for `primary` / `wait`). Words that only make sense on a command line have an
 * example that starts with `ifconfig <if>`.
 */
import type { Release } from './releases';

/** How a keyword behaves on some releases: one note for a set of releases that agree. */
export interface ReleaseNote {
  readonly releases: readonly Release[];
  readonly text: string;
}

export interface KeywordDoc {
  /** What it does: 2–4 precise sentences. */
  readonly description: string;
  /** What the argument must look like (only for words that take one). */
  readonly argument?: string;
  /** Its part in IPMP (omitted when it has none). */
  readonly ipmp?: string;
  /** One realistic line using it. */
  readonly example: string;
  /** The classic mistake, when there is one. */
  readonly pitfall?: string;
  /**
   * How the keyword differs by release (§2, §5.2, §6), oldest first; only releases whose
   * behaviour is known are listed, and no release in two notes.
   */
  readonly byRelease?: readonly ReleaseNote[];
  /** The Solaris 11 command that does the same, persistently (ipadm or dladm, §6). */
  readonly solaris11?: string;
}

// Release groups the notes use (catalog/releases.ts).
const CLASSIC: readonly Release[] = ['s8', 's9', 's10-early', 's10'];
const CLEARVIEW: readonly Release[] = ['osol', 'illumos', 's11'];
const READ_BY_CLEARVIEW: readonly Release[] = ['osol', 'illumos'];

/** Key of the `+` argument of `netmask` / `broadcast`. */
export const PLUS_KEY = '+';
/** Key of a bare word: an address literal or a host name. */
export const ADDRESS_KEY = '<address>';

export const KEYWORD_DOCS: Readonly<Record<string, KeywordDoc>> = {
  // ---------------------------------------------------------------- addresses
  set: {
    description:
      'Sets the local address of the interface being configured, the same as a bare address word. ' +
      'Unlike a second bare word, which ifconfig takes as the point-to-point destination, `set` always means the local address.',
    argument: 'an address or host name, `/len` allowed',
    example: 'set 192.168.10.5/24 broadcast + up',
    solaris11: '`ipadm create-addr -T static -a <address>/<len> <if>/v4`: the prefix length replaces the mask',
  },
  destination: {
    description:
      'Sets the far-end address of a point-to-point interface such as a tunnel. ' +
      'A second bare address on the line does the same; the keyword just says so explicitly.',
    argument: 'an address or host name, no `/len` (ifconfig rejects the slash here)',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 10.1.1.1 destination 10.1.1.2 up',
  },
  plumb: {
    description:
      'Opens the network device and sets up the IP streams (plus ARP for IPv4) so the interface can hold addresses; IPv4 and IPv6 are plumbed separately. ' +
      'Given a logical name such as `ce0:1` it creates that logical interface, which needs the physical one plumbed first. ' +
      'The boot script plumbs every interface that has a hostname file before it runs the file, so the file itself never needs the word.',
    ipmp: 'All members of a group must be plumbed for the same address families: if one has IPv4 (or IPv6), every member needs it.',
    example: 'ifconfig ce1 plumb',
    solaris11: '`ipadm create-ip <if>`',
  },
  unplumb: {
    description:
      'Detaches IP from the interface, removing all its addresses and logical interfaces; on a logical name (`ce0:2`) it removes only that logical interface. ' +
      'Unit 0 cannot be removed on its own: `ifconfig ce0:0 unplumb` is refused.',
    ipmp: 'Take a member out of service first (`if_mpadm -d`) so its data addresses move to another member.',
    example: 'ifconfig ce0:2 unplumb',
  },
  up: {
    description:
      'Marks the current address up: the system accepts packets for it and may send from it. ' +
      'ifconfig applies keywords one at a time from left to right, so what must hold before the address goes live (`netmask`, `deprecated`, `-failover`, `standby`) comes before `up`. ' +
      'The boot script appends `netmask + broadcast + up` only to a one-line IPv4 file; in longer files, and after every `addif`, write `up` yourself.',
    ipmp: 'Only up addresses fail over or serve as test addresses.',
    example: 'myhost netmask + broadcast + group prod up',
    pitfall: '`... group prod up -failover` turns the address into a test address only after it is already up and movable: put `-failover` before `up`.',
    solaris11: '`ipadm up-addr <addrobj>`; an address made with `ipadm create-addr` is up unless created with `-d`',
  },
  down: {
    description:
      'Marks the current address down: the system neither accepts packets for it nor sends from it. ' +
      'When every address of a physical interface is down, the interface carries no traffic at all.',
    ipmp: 'Down addresses are not moved on failover and are never used as test addresses.',
    example: 'myhost-spare netmask + broadcast + down',
    pitfall:
      'On Solaris 10 3/05 the boot ran `auto-revarp ... up` on every IPv4 interface still down, which could raise one meant to stay down; later releases do this only when /etc/nodename is empty or the network strategy is RARP.',
    solaris11: '`ipadm down-addr <addrobj>`, or `ipadm create-addr -d ...` to create the address down',
  },

  // ---------------------------------------------------------------- mask and broadcast
  netmask: {
    description:
      'Sets the IPv4 subnet mask. ifconfig scans the whole line for `netmask` first (the last one wins) and applies the mask together with the address, so the address never picks up the classful default. ' +
      '`netmask +` looks the address up in the netmasks database instead of naming a mask.',
    argument: 'a dotted mask (`255.255.255.0`), hex (`0xffffff00`), `+`, or a name from hosts or networks; no `/len`',
    ipmp: 'The data and test addresses of all members should share one subnet; `netmask +` on every address keeps their masks in step with /etc/netmasks.',
    example: 'myhost netmask + broadcast + group prod up',
    pitfall:
      'An explicit mask that /etc/netmasks contradicts does not survive the boot: after name services start, `ifconfig -auD4 netmask + broadcast +` runs again and the netmasks entry wins. Keep the mask in netmasks and write `netmask +`.',
    solaris11: 'none: `ipadm create-addr -T static -a <address>/<len>` takes the prefix length with the address',
  },
  broadcast: {
    description:
      'Sets the IPv4 broadcast address. `broadcast +` computes it from the address and mask the interface has at that moment, so it belongs after the address and after `netmask`.',
    argument: 'an IPv4 address, or `+` to compute it',
    ipmp: 'Written as `netmask + broadcast +` on every data and test address of the group.',
    example: 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod up',
    pitfall: '`broadcast + netmask +` computes the broadcast from the old mask and can leave it wrong; the order is `netmask + broadcast +`.',
  },

  // ---------------------------------------------------------------- logical interfaces
  addif: {
    description:
      'Creates the next free logical interface (such as `ce0:1`) on the physical interface and gives it this address; ifconfig reports `Created new logical interface`. ' +
      'Every keyword after it, up to the next `addif`, applies to the new logical interface rather than to unit 0. ' +
      'It needs the physical interface name: in a `hostname.ce0:1` file it is refused.',
    argument: 'an address or host name, `/len` allowed',
    ipmp: 'The usual way to put a data address and a test address on one line. Inside a group the kernel may create the logical interface on another member, so a standby keeps its test address on unit 0 instead.',
    example: 'myhost netmask + broadcast + group prod up addif myhost-ce0-test deprecated -failover netmask + broadcast + up',
    pitfall:
      'Physical-interface keywords (`group`, `router`, `index`...) written after `addif` go to the logical interface, and the boot script does not see the group there: keep `group` before the first `addif`.',
    solaris11: '`ipadm create-addr -T static -a <address>/<len> <if>/<name>`, one address object per address',
  },
  removeif: {
    description:
      'Deletes the logical interface that holds the given address. It is given the physical interface name and never removes unit 0; use `unplumb` for the whole interface.',
    argument: 'the address or host name of the logical interface to delete',
    example: 'ifconfig ce0 removeif 192.168.10.40',
  },

  // ---------------------------------------------------------------- IPMP
  group: {
    description:
      'Puts the physical interface into the named IPMP group, for IPv4 and IPv6 together. ' +
      'Names are compared as exact strings: case counts (`prod` and `Prod` are two groups) and at most 31 characters are kept, longer names being cut off silently. ' +
      'Only the physical interface (unit 0) joins a group, so the word goes before any `addif` and never in a `hostname.<if>:<n>` file.',
    argument: 'a group name of 1–31 characters, the same on every member',
    ipmp: 'Defines membership: all interfaces that carry the same name form one group. Setting a group starts in.mpathd when needed; at boot net-init starts it once all interfaces are configured.',
    example: 'myhost netmask + broadcast + group prod up',
    pitfall:
      'A name that differs between members by case or one character silently gives two one-member groups with no failover between them. And `group ""` leaves a group only on a command line: in a hostname file the quotes are not special and make a group literally named `""`.',
    byRelease: [
      { releases: CLASSIC, text: 'Membership only: the group has no interface of its own, and each address stays on its NIC until in.mpathd moves it.' },
      { releases: CLEARVIEW, text: 'The data addresses belong to the IPMP interface of the group (made on the fly when no `hostname.ipmp<n>` file creates one); `group` on the IPMP interface itself renames the group.' },
    ],
    solaris11: '`ipadm create-ipmp -i <link1> -i <link2> ipmp0` (or `ipadm add-ipmp`); the group takes the name of its IPMP interface',
  },
  deprecated: {
    description:
      'Marks the address deprecated: the system does not choose it as the source of outgoing packets unless an application binds to it explicitly or no other address is available. ' +
      'Packets sent to the address are still accepted.',
    ipmp: 'On Solaris 10 an IPv4 test address needs both `deprecated` and `-failover`, since `-failover` does not imply it there (Solaris 11 sets it implicitly). Never deprecate an IPv6 link-local test address, nor the only address of a one-member group, which is its probe address.',
    example: 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod up',
    pitfall:
      '`deprecated` without `-failover` on a group member gives an address that is neither a test address nor a good data address: it fails over like data, yet applications avoid it.',
    byRelease: [
      { releases: CLASSIC, text: 'Needed next to `-failover` on every IPv4 test address.' },
      { releases: CLEARVIEW, text: 'Set by `-failover` itself; writing it as well does no harm.' },
    ],
    solaris11: '`ipadm set-addrprop -p deprecated=on <addrobj>`',
  },
  '-deprecated': {
    description: 'Clears the deprecated mark, so the address may be chosen as a source address again. New addresses start in this state.',
    ipmp: 'Do not clear it on an IPv4 test address: connections could then use an address that never moves, and break when its NIC fails.',
    example: 'ifconfig ce0:1 -deprecated',
    solaris11: '`ipadm set-addrprop -p deprecated=off <addrobj>`',
  },
  '-failover': {
    description:
      'Sets NOFAILOVER on the current address: it stays on this NIC when the NIC fails, which makes it a test address that in.mpathd probes from. ' +
      'On Solaris 10 it does not imply `deprecated`; give both. ' +
      'Keywords apply left to right, so it comes before `up` and, on a standby, before `standby`; if it fails, ifconfig skips the rest of the line.',
    ipmp: 'Marks a test address. For IPv4 pair it with `deprecated`; for IPv6 put it on the link-local address (`-failover group prod up` in hostname6), because in.mpathd probes only from link-local addresses there.',
    example: 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod up',
    pitfall:
      '`-failover` after `up` leaves a moment in which the address is a movable data address. A test address added with `addif` after `standby` may land on another NIC, and `-failover` then fails with `can\'t set -failover on failed/standby/offlined interface`.',
    byRelease: [
      { releases: CLASSIC, text: 'Does not imply `deprecated`: an IPv4 test address needs both.' },
      { releases: CLEARVIEW, text: 'Implies `deprecated`; refused on the IPMP interface itself.' },
    ],
    solaris11: '`ipadm create-addr -T static -a <address>/<len> <link>/test` on an underlying interface, where every address is a test address',
  },
  failover: {
    description:
      'Clears NOFAILOVER: the address is a data address that moves to another member when its NIC fails and moves back on repair (with FAILBACK=yes). ' +
      'It is the default, so the word only undoes `-failover` or makes the intent visible.',
    ipmp: 'Seen in the layout that puts the test address on unit 0 and adds the data address with `addif ... failover up`.',
    example: 'myhost-ce0-test netmask + broadcast + deprecated -failover group prod up addif myhost failover netmask + broadcast + up',
    solaris11: '`ipadm create-addr -T static -a <address>/<len> <ipmp-if>/v4`: data addresses live on the IPMP interface',
  },
  standby: {
    description:
      'Marks the physical interface as an IPMP standby: while the other members are healthy it carries no data traffic and shows `STANDBY,INACTIVE`; when one fails, it takes over their addresses. ' +
      'A standby holds only a test address, on unit 0, in this order: address, `deprecated`, `-failover`, `standby`, `up`. ' +
      'Data addresses given to it are moved to another member.',
    ipmp: 'Makes an active-standby group: one or more members marked standby, each with its test address only.',
    example: 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up',
    pitfall:
      'A data address in a standby\'s file ends up on another NIC, leaving the standby at 0.0.0.0 with no test address. A test address added with `addif` after `standby` can fail with `can\'t set -failover on failed/standby/offlined interface`.',
    byRelease: [
      { releases: CLASSIC, text: 'in.mpathd moves the data addresses off it when it starts.' },
      { releases: CLEARVIEW, text: 'For underlying interfaces only: the IPMP interface refuses it.' },
    ],
    solaris11: '`ipadm set-ifprop -p standby=on -m ip <link>`',
  },
  '-standby': {
    description: 'Clears the standby mark, so the interface is an active member that may carry data addresses. This is the default.',
    ipmp: 'Turns a standby member into an active one.',
    example: 'ifconfig ce1 -standby',
    solaris11: '`ipadm set-ifprop -p standby=off -m ip <link>`',
  },
  failed: {
    description:
      'Sets the FAILED flag on the interface by hand. in.mpathd sets and clears this flag itself when it detects failure and repair; the keyword is undocumented and not for configuration files.',
    ipmp: 'in.mpathd owns this flag: a member it marks FAILED has its data addresses moved to another member.',
    example: 'ifconfig ce1 failed',
    pitfall: 'To take a member out of service on purpose use `if_mpadm -d`, which in.mpathd understands.',
  },
  '-failed': {
    description: 'Clears the FAILED flag by hand. in.mpathd clears it itself after enough successful probes; the keyword is undocumented and not for configuration files.',
    ipmp: 'Repair is in.mpathd\'s decision: 10 good probes in a row on a probe-based member.',
    example: 'ifconfig ce1 -failed',
    pitfall: 'To bring back a member taken out with `if_mpadm -d`, use `if_mpadm -r`.',
  },

  // ---------------------------------------------------------------- address flags
  private: {
    description: 'Tells the in.routed routing daemon not to advertise this address. The address itself works as usual.',
    example: 'myhost-admin netmask + broadcast + private up',
    solaris11: '`ipadm set-addrprop -p private=on <addrobj>`',
  },
  '-private': {
    description: 'Lets in.routed advertise the address again. This is the default.',
    example: 'ifconfig ce0:2 -private',
    solaris11: '`ipadm set-addrprop -p private=off <addrobj>`',
  },
  arp: {
    description: 'Uses the Address Resolution Protocol on the IPv4 interface to map neighbours\' addresses to hardware addresses. This is the default.',
    example: 'myhost netmask + broadcast + arp up',
    solaris11: '`ipadm set-ifprop -p arp=on -m ipv4 <if>`',
  },
  '-arp': {
    description: 'Turns ARP off on the IPv4 interface, so neighbour addresses are not resolved through ARP.',
    example: '192.168.50.1 netmask + broadcast + -arp up',
    byRelease: [
      { releases: CLASSIC, text: 'Allowed on any interface (there are no IPMP interfaces).' },
      { releases: ['s11'], text: 'Refused on an IPMP interface.' },
    ],
    solaris11: '`ipadm set-ifprop -p arp=off -m ipv4 <if>`',
  },
  trailers: {
    description: 'Obsolete: asked for trailer link-level encapsulation, which current drivers no longer use. Accepted for compatibility and ignored.',
    example: 'ifconfig hme0 trailers',
    pitfall: 'Safe to delete from old files.',
  },
  '-trailers': {
    description: 'Obsolete: turns off trailer encapsulation, which current drivers never use anyway. Accepted for compatibility and ignored.',
    example: 'myhost netmask + broadcast + -trailers up',
    pitfall: 'Safe to delete from old files.',
  },
  xmit: {
    description: 'Allows packets to be sent from this address. This is the default for an address that is up.',
    example: 'ifconfig ce0:1 xmit',
    solaris11: '`ipadm set-addrprop -p transmit=on <addrobj>`',
  },
  '-xmit': {
    description: 'Stops packets being sent from this address (NOXMIT); it still receives.',
    ipmp: 'A NOXMIT address can never be a test address: in.mpathd has to send probes from it.',
    example: 'myhost-rx netmask + broadcast + -xmit up',
    solaris11: '`ipadm set-addrprop -p transmit=off <addrobj>`',
  },
  local: {
    description: 'Clears NOLOCAL: the logical interface holds a local address of this host. This is the default.',
    example: 'ifconfig ce0:2 local',
  },
  '-local': {
    description:
      'Sets NOLOCAL: the logical interface holds no local address, only a route to its on-link subnet, which `subnet` sets.',
    ipmp: 'A NOLOCAL address can never be a test address.',
    example: 'ifconfig ce0:2 plumb -local subnet 192.168.30.0/24 up',
  },
  router: {
    description: 'Sets the ROUTER flag, allowing IP packets to be forwarded to and from this interface. It applies to the physical interface.',
    example: 'myhost netmask + broadcast + router up',
    byRelease: [
      { releases: CLASSIC, text: 'Applies to this interface alone.' },
      { releases: ['s11'], text: 'Set on one member of a group, it applies to the whole group.' },
    ],
    solaris11: '`ipadm set-ifprop -p forwarding=on -m ipv4 <if>`',
  },
  '-router': {
    description: 'Clears the ROUTER flag, so IP packets are not forwarded to or from this interface. It applies to the physical interface.',
    example: 'myhost netmask + broadcast + -router up',
    byRelease: [
      { releases: CLASSIC, text: 'Applies to this interface alone.' },
      { releases: ['s11'], text: 'Cleared on one member of a group, it is cleared for the whole group.' },
    ],
    solaris11: '`ipadm set-ifprop -p forwarding=off -m ipv4 <if>`',
  },
  nud: {
    description: 'Turns IPv6 neighbour unreachability detection on for a point-to-point interface. This is the default.',
    example: 'ifconfig ip.tun0 inet6 nud',
    solaris11: '`ipadm set-ifprop -p nud=on -m ipv6 <if>`',
  },
  '-nud': {
    description: 'Turns IPv6 neighbour unreachability detection off for a point-to-point interface.',
    example: 'ifconfig ip.tun0 inet6 -nud',
    solaris11: '`ipadm set-ifprop -p nud=off -m ipv6 <if>`',
  },
  anycast: {
    description:
      'Marks the address as anycast: an address given to several nodes, with packets going to the nearest of them. Used with IPv6.',
    example: 'addif 2001:db8:0:10::/64 anycast up',
  },
  '-anycast': {
    description: 'Clears the anycast mark, making the address an ordinary unicast address again.',
    example: 'ifconfig ce0:1 inet6 -anycast',
  },
  preferred: {
    description:
      'Marks the IPv6 address as preferred: it is chosen as source address over all others of suitable scope, whichever interface the packet leaves through.',
    example: 'addif 2001:db8:0:10::5/64 preferred up',
    solaris11: '`ipadm set-addrprop -p preferred=on <addrobj>`',
  },
  '-preferred': {
    description: 'Clears the preferred mark; ordinary source address selection applies again.',
    example: 'ifconfig ce0:1 inet6 -preferred',
    solaris11: '`ipadm set-addrprop -p preferred=off <addrobj>`',
  },

  // ---------------------------------------------------------------- numbers
  metric: {
    description:
      'Sets the routing metric: the extra hops routing protocols count for routes through this interface. Higher values make them less attractive; the default is 0.',
    argument: 'a decimal integer, 0 or more',
    example: 'myhost netmask + broadcast + metric 2 up',
    solaris11: '`ipadm set-ifprop -p metric=<n> -m ipv4 <if>`',
  },
  mtu: {
    description: 'Sets the maximum transmission unit of the interface in bytes. The link sets an upper bound, 1500 for standard Ethernet.',
    argument: 'a decimal integer (bytes)',
    ipmp: 'Members of a group should use the same MTU, since addresses move between them.',
    example: 'myhost netmask + broadcast + mtu 1400 up',
    byRelease: [
      { releases: ['s11'], text: 'Also marks the MTU fixed (flag FIXEDMTU).' },
    ],
    solaris11: '`ipadm set-ifprop -p mtu=<n> -m ipv4 <if>`, or `dladm set-linkprop -p mtu=<n> <link>` for the link',
  },
  index: {
    description: 'Gives the interface another interface index. The number must not be in use by another interface; it applies to the physical interface.',
    argument: 'a positive decimal integer not used by another interface',
    example: 'ifconfig ce1 index 5',
  },
  subnet: {
    description: 'Sets the subnet of the interface, for example of a NOLOCAL logical interface (`-local`) that has only an on-link subnet.',
    argument: 'an address with its prefix length, which is required (`192.168.30.0/24`)',
    example: 'ifconfig ce0:2 plumb -local subnet 192.168.30.0/24 up',
    pitfall: 'Without the `/len`, ifconfig fails with `Missing prefix length in subnet`.',
  },
  token: {
    description:
      'Sets the IPv6 token: the interface-identifier part that stateless autoconfiguration joins to the advertised prefixes. It applies to the physical interface.',
    argument: 'an IPv6 address holding the identifier, with a prefix length (`::10/64`)',
    example: 'token ::10/64',
  },

  // ---------------------------------------------------------------- address from the network
  'auto-revarp': {
    description:
      'Gets the IPv4 address from a RARP server, which answers based on the interface\'s hardware address. If no address comes back, ifconfig skips the rest of the line.',
    example: 'auto-revarp netmask + broadcast + up',
  },
  dhcp: {
    description:
      'Hands the interface to the DHCP agent, which leases an address and configures it. It is recognised only as the first word after the interface name and address family; the words after it are DHCP syntax (`primary`, `wait N` and one operation such as `start` or `release`), not ordinary keywords. ' +
      'Solaris 10 allows it for IPv4 only. `auto-dhcp` is the same.',
    ipmp: 'Classic Solaris 10 IPMP works with static addresses; DHCP data and test addresses in a group came with Solaris 11.',
    example: 'ifconfig e1000g0 dhcp start wait 60',
    pitfall:
      'For DHCP at boot, create `/etc/dhcp.<if>` next to an empty `/etc/hostname.<if>` rather than writing `dhcp` into the hostname file; the boot script appends `netmask + broadcast + up` to a one-line file, words the DHCP syntax does not accept. Without the hostname file the interface is never plumbed.',
    byRelease: [
      { releases: CLASSIC, text: 'IPv4 only: with `inet6` ifconfig prints `dhcp not supported for inet6` and exits 0.' },
      { releases: CLEARVIEW, text: 'IPv6 too; from Solaris 11, DHCP data and test addresses work in an IPMP group.' },
    ],
    solaris11: '`ipadm create-addr -T dhcp <if>/v4` (`-w <seconds>` or `-w forever` for `wait`)',
  },
  'auto-dhcp': {
    description:
      'Hands the interface to the DHCP agent, exactly like `dhcp`. The boot script uses it for the primary interface: `ifconfig <if> auto-dhcp primary` followed by the contents of its `dhcp.<if>` file. Only valid as the first word after the interface name and family.',
    ipmp: 'Classic Solaris 10 IPMP works with static addresses; DHCP data and test addresses in a group came with Solaris 11.',
    example: 'ifconfig e1000g0 auto-dhcp primary wait 30',
    pitfall: 'For DHCP at boot, create `/etc/dhcp.<if>` next to an empty `/etc/hostname.<if>` instead of writing the keyword yourself.',
    byRelease: [
      { releases: CLASSIC, text: 'IPv4 only: with `inet6` ifconfig prints `dhcp not supported for inet6` and exits 0.' },
      { releases: CLEARVIEW, text: 'IPv6 too.' },
    ],
    solaris11: '`ipadm create-addr -T dhcp <if>/v4`',
  },

  // ---------------------------------------------------------------- link layer
  ether: {
    description:
      'Without an argument, prints the hardware (MAC) address of the interface; with one, sets it. It applies to the physical interface only, never to a logical one.',
    argument: 'a MAC address as six colon-separated hex bytes (`2:8:20:4e:12:a1`)',
    ipmp: 'Every member of a group needs its own MAC address. SPARC machines use one system-wide MAC for all NICs by default: set `local-mac-address?=true` in OBP, or give each member its own address with `ether`.',
    example: 'ether 2:8:20:4e:12:a1 myhost netmask + broadcast + group prod up',
    pitfall: 'ifconfig takes the word after `ether` as the MAC whatever it is, so `ether` directly followed by another keyword fails.',
    solaris11: '`dladm set-linkprop -p mac-address=<mac> <link>`',
  },

  // ---------------------------------------------------------------- zones
  zone: {
    description:
      'Gives the logical interface\'s address to a shared-IP zone. The zone has to be ready or running, otherwise ifconfig reports `unknown zone`; when the zone halts or reboots, the interface is removed.',
    argument: 'the name of a shared-IP zone that is ready or running',
    example: 'ifconfig ce0:3 plumb 192.168.10.80 netmask + broadcast + zone web1 up',
    pitfall:
      'Hostname files run before zones boot, so `zone` there fails at boot; give a zone its addresses in zonecfg, which sets them up when the zone starts.',
    solaris11: '`ipadm set-addrprop -p zone=<zone> <addrobj>`',
  },
  '-zone': {
    description: 'Gives the logical interface\'s address back to the global zone. This is the default.',
    example: 'ifconfig ce0:3 -zone',
  },
  'all-zones': {
    description:
      'Shares the address with every zone on the system; the zone that receives a packet is chosen from the Trusted Extensions zone configuration. Available with Trusted Extensions, from Solaris 10 11/06.',
    example: 'ifconfig ce0:4 plumb 192.168.10.90 netmask + broadcast + all-zones up',
    solaris11: '`ipadm set-addrprop -p zone=all-zones <addrobj>`',
  },
  usesrc: {
    description:
      'Makes the system prefer the addresses of another interface, typically the virtual interface `vni0`, as source for packets sent out of this one. `none` clears the choice; naming the interface itself is refused.',
    argument: 'an interface name (`vni0`) or `none`',
    ipmp: 'Cannot be combined with IPMP: an interface in a group, or marked standby, can neither use `usesrc` nor be named by it.',
    example: 'myhost netmask + broadcast + usesrc vni0 up',
    solaris11: '`ipadm set-ifprop -p usesrc=<interface> -m ipv4 <if>`',
  },

  // ---------------------------------------------------------------- STREAMS modules
  modlist: {
    description: 'Lists the STREAMS modules on the interface\'s stream with their positions, counted from the stream head, for use with `modinsert` and `modremove`.',
    ipmp: 'All members of a group need the same module stack.',
    example: 'ifconfig ce0 modlist',
  },
  modinsert: {
    description: 'Inserts a STREAMS module into the interface\'s stream at the given position, counted from the stream head (0 is directly below it).',
    argument: '`module@position`, such as `ipqos@2`',
    ipmp: 'Insert it on every member: a group needs the same module stack throughout.',
    example: 'ifconfig ce0 modinsert ipqos@2',
  },
  modremove: {
    description: 'Removes the named STREAMS module from the given position of the interface\'s stream. Core modules such as `ip` and `arp` cannot be removed.',
    argument: '`module@position`, such as `ipqos@2`',
    ipmp: 'Remove it from every member: a group needs the same module stack throughout.',
    example: 'ifconfig ce0 modremove ipqos@2',
  },

  // ---------------------------------------------------------------- tunnels
  tsrc: {
    description:
      'Sets the source address of a tunnel\'s outer header; it must be an address already configured on another interface. It applies to the physical tunnel interface; Solaris 11 replaced it with `dladm create-iptun`.',
    argument: 'an address or host name, no `/len`',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 10.1.1.1 10.1.1.2 up',
    byRelease: [
      { releases: ['s8', 's9', 's10-early', 's10', 'osol', 'illumos'], text: 'How the outer source of an IP tunnel (`hostname.ip.tun<n>`) is set.' },
      { releases: ['s11'], text: 'Obsolete: a tunnel is a datalink made with `dladm create-iptun`.' },
    ],
    solaris11: '`dladm create-iptun -T ipv4 -s <source> -d <destination> tun0`, then `ipadm create-ip tun0`',
  },
  tdst: {
    description:
      'Sets the destination address of a tunnel\'s outer header: the far end of the tunnel. It applies to the physical tunnel interface; Solaris 11 replaced it with `dladm create-iptun`.',
    argument: 'an address or host name, no `/len`',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 10.1.1.1 10.1.1.2 up',
    byRelease: [
      { releases: ['s8', 's9', 's10-early', 's10', 'osol', 'illumos'], text: 'How the outer destination of an IP tunnel (`hostname.ip.tun<n>`) is set.' },
      { releases: ['s11'], text: 'Obsolete: a tunnel is a datalink made with `dladm create-iptun`.' },
    ],
    solaris11: '`dladm create-iptun -T ipv4 -s <source> -d <destination> tun0`, then `ipadm create-ip tun0`',
  },
  encaplimit: {
    description:
      'Sets the encapsulation limit of a tunnel over IPv6 (IPv4-in-IPv6 or IPv6-in-IPv6): how many further tunnels a packet may enter. It applies to the physical tunnel interface.',
    argument: 'an integer from 0 to 255',
    example: 'ifconfig ip6.tun0 inet6 encaplimit 4',
    byRelease: [
      { releases: ['s11'], text: 'Obsolete: a property of the tunnel datalink.' },
    ],
    solaris11: '`dladm set-linkprop -p encaplimit=<n> <tunnel-link>`',
  },
  '-encaplimit': {
    description: 'Stops the tunnel over IPv6 from sending an encapsulation limit. It applies to the physical tunnel interface.',
    example: 'ifconfig ip6.tun0 inet6 -encaplimit',
  },
  thoplimit: {
    description: 'Sets the hop limit of the tunnel\'s outer header: the TTL for an IPv4 outer header, the hop limit for an IPv6 one. It applies to the physical tunnel interface.',
    argument: 'an integer from 0 to 255',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 thoplimit 32 10.1.1.1 10.1.1.2 up',
    byRelease: [
      { releases: ['s11'], text: 'Obsolete: a property of the tunnel datalink.' },
    ],
    solaris11: '`dladm set-linkprop -p hoplimit=<n> <tunnel-link>`',
  },
  auth_algs: {
    description:
      'Turns on IPsec AH for the tunnel with this authentication algorithm; `any` leaves the choice open and `none` turns tunnel security off. ipsecconf is the preferred way to set tunnel security.',
    argument: 'an algorithm name (`sha1`, `md5`) or number, `any` or `none`',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 auth_algs sha1 10.1.1.1 10.1.1.2 up',
    pitfall: 'All of a tunnel\'s IPsec keywords must be given in one ifconfig command, so keep them on one line.',
  },
  encr_algs: {
    description:
      'Turns on IPsec ESP for the tunnel with this encryption algorithm; `none` turns tunnel security off. ipsecconf is the preferred way to set tunnel security.',
    argument: 'an algorithm name (`aes`, `3des`) or number, or `none`',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 encr_algs aes encr_auth_algs sha1 10.1.1.1 10.1.1.2 up',
    pitfall: 'All of a tunnel\'s IPsec keywords must be given in one ifconfig command, so keep them on one line.',
  },
  encr_auth_algs: {
    description:
      'Sets the authentication algorithm of IPsec ESP on the tunnel; `any` leaves the choice open. When ESP encryption is set without it, `any` is assumed.',
    argument: 'an algorithm name (`sha1`, `md5`) or number, `any` or `none`',
    example: 'tsrc 192.168.10.5 tdst 192.168.20.7 encr_algs aes encr_auth_algs sha1 10.1.1.1 10.1.1.2 up',
    pitfall: 'All of a tunnel\'s IPsec keywords must be given in one ifconfig command, so keep them on one line.',
  },

  // ---------------------------------------------------------------- command line only
  configinfo: {
    description: 'Prints the interface\'s configuration as ifconfig arguments that would recreate it. Undocumented; meant for the command line.',
    example: 'ifconfig ce0 configinfo',
  },
  debug: {
    description: 'Makes ifconfig print what it does while it works through the rest of the command. Meant for the command line.',
    example: 'ifconfig ce0 debug netmask +',
  },
  verbose: {
    description: 'Makes ifconfig print more detail. Meant for the command line.',
    example: 'ifconfig ce0 verbose',
  },

  // ---------------------------------------------------------------- Clearview IPMP
  ipmp: {
    description:
      'Creates an IPMP interface (`ipmp0`) that owns a group\'s data addresses: the IPMP model of OpenSolaris, Solaris 11 Express and illumos, whose hostname files require it as the first word of `/etc/hostname.ipmp0`. ' +
      'Solaris 10 and older do not know the word and stop with `ipmp: bad address`.',
    ipmp: 'In this model the underlying interfaces carry only test addresses (`group ipmp0 -failover myhost-ce0-test up`) and the data addresses live on the IPMP interface.',
    example: 'ipmp group ipmp0 192.168.10.10/24 up',
    pitfall: 'Such files do not work on Solaris 10: `hostname.ipmp0` cannot be plumbed there.',
    byRelease: [
      { releases: CLASSIC, text: 'No keyword: ifconfig takes it as an address and stops (`ipmp: bad address`).' },
      { releases: READ_BY_CLEARVIEW, text: 'The first word of `/etc/hostname.ipmp<n>`: the boot creates the IPMP interface from that file, then runs the rest of the line.' },
      { releases: ['s11'], text: 'Still known to ifconfig, but no hostname file is read: ipadm creates IPMP interfaces.' },
    ],
    solaris11: '`ipadm create-ipmp <ipmp-if>`, then `ipadm add-ipmp -i <link> <ipmp-if>` for each member',
  },

  // ---------------------------------------------------------------- address family
  inet: {
    description:
      'Selects the IPv4 address family. ifconfig recognises it only directly after the interface name, and the boot script already passes it for every line of a hostname file, so a line that starts with `inet` fails with `inet: bad address`. ' +
      'The exception: a hostname file that holds exactly `inet <name>`, next to a `dhcp.<if>` file, is not run at all; the name is sent to the DHCP server as the requested host name.',
    example: 'inet myhost',
    pitfall: 'Do not start a hostname file line with `inet` (except in the DHCP case above).',
  },
  inet6: {
    description:
      'Selects the IPv6 address family. ifconfig recognises it only directly after the interface name; the boot script already passes it for every line of a hostname6 file.',
    example: 'ifconfig ce0 inet6 plumb up',
    pitfall: 'A hostname6 line that starts with `inet6` fails with `inet6: bad address`.',
    solaris11: '`ipadm create-ip <if>` and `ipadm create-addr -T addrconf <if>/v6` (what an empty hostname6 file did)',
  },

  // ---------------------------------------------------------------- DHCP sub-syntax
  primary: {
    description:
      'Makes this interface the primary DHCP interface, the one that supplies system-wide settings; only one interface is primary at a time. ' +
      'At boot the first `dhcp.<if>` file containing `primary` (or, with none, the first in name order) is started with `auto-dhcp primary`.',
    example: 'primary',
  },
  wait: {
    description:
      'How long ifconfig waits for the DHCP operation to complete. Without it ifconfig waits about 30 seconds; `wait 0` returns at once and `wait forever` never gives up.',
    argument: 'seconds as a decimal integer, or `forever`',
    example: 'primary wait 60',
    solaris11: '`ipadm create-addr -T dhcp -w <seconds> <if>/v4`, or `-w forever`',
  },
  start: {
    description: 'Starts DHCP on the interface: the agent leases an address and configures it. It is the default operation.',
    example: 'ifconfig e1000g1 dhcp start',
    pitfall: 'Not for a `dhcp.<if>` file: the boot script supplies the operation itself; only `primary` and `wait` belong there.',
  },
  drop: {
    description: 'Takes the interface out of DHCP control without telling the server. The lease is kept for later use and the IPv4 address is set to zero.',
    example: 'ifconfig e1000g1 dhcp drop',
  },
  release: {
    description: 'Gives the lease back to the DHCP server and forgets it; the IPv4 address is set to zero.',
    example: 'ifconfig e1000g1 dhcp release',
  },
  extend: {
    description: 'Asks the server to renew the lease now. The agent renews leases on its own before they expire, so this is rarely needed.',
    example: 'ifconfig e1000g1 dhcp extend',
  },
  inform: {
    description: 'Fetches configuration parameters through DHCP without leasing an address, for an interface whose address comes from elsewhere.',
    example: 'ifconfig e1000g1 dhcp inform',
  },
  ping: {
    description: 'Exits with status 0 when the interface is under DHCP control and working, non-zero otherwise. Meant for scripts.',
    example: 'ifconfig e1000g1 dhcp ping',
  },
  status: {
    description: 'Prints the DHCP state of the interface, including its lease times.',
    example: 'ifconfig e1000g1 dhcp status',
  },

  // ---------------------------------------------------------------- special entries
  [PLUS_KEY]: {
    description:
      'After `netmask`, looks the interface\'s current address up in the netmasks database: the longest matching entry whose mask fits its key wins, then the classful network number is tried. ' +
      'If nothing matches, the mask silently stays at the classful default (/8, /16 or /24 by address class). ' +
      'After `broadcast`, it recomputes the broadcast address. Both use the address and mask the interface has at that moment, so they come after the address.',
    ipmp: 'Writing `netmask + broadcast +` on every data and test address keeps the masks of a group consistent with /etc/netmasks.',
    example: 'myhost netmask + broadcast + up',
    pitfall:
      'A `+` anywhere else is taken as an address (`+: bad address`) and ifconfig stops before `up`. A netmasks entry whose network number has bits outside its mask (`172.20.20.0 255.255.0.0`) never matches.',
  },
  [ADDRESS_KEY]: {
    description:
      'The first such word sets the local address (after `addif`, that of the new logical interface); a second one sets the point-to-point destination. ' +
      'A literal such as `192.168.10.5` or `2001:db8::5/64` is used as written; any other word is looked up as a host name, in hosts (on Solaris 10 up to 11/06 in ipnodes first), then in networks.',
    argument: 'an IPv4 or IPv6 literal, `/len` allowed, or a host name defined in the host\'s hosts file',
    ipmp: 'Data addresses carry the host\'s name (`myhost`); each test address needs a name and an address of its own (`myhost-ce0-test`), kept out of DNS/NIS and never given the `loghost` alias.',
    example: 'myhost netmask + broadcast + group prod up',
    pitfall:
      'At boot only local files resolve: a name missing from hosts fails with `bad address` and the interface gets no address. A mistyped keyword (`UP`, `standy`) or a `#` is looked up as a name too.',
    byRelease: [
      { releases: ['s8', 's9', 's10-early'], text: 'A name is looked up in `inet/ipnodes` first, then in `hosts`.' },
      { releases: ['s10', 'osol', 'illumos', 's11'], text: '`hosts` alone counts: `inet/ipnodes` is a link to it, and Solaris 11 has none.' },
    ],
    solaris11: '`ipadm create-addr -T static -a <address>/<len> <if>/v4`; ipadm wants the prefix length',
  },
};

/** The docs of `name`, or `undefined`. */
export function keywordDoc(name: string): KeywordDoc | undefined {
  return Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, name) ? KEYWORD_DOCS[name] : undefined;
}
