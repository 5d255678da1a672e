/**
 * The Solaris releases the product can target. Order matters: later entries are newer.
 * `s10` means Solaris 10 8/07 and later (ipnodes became a link to hosts, reference §5.2);
 * `s10-early` is Solaris 10 3/05 up to 11/06; `osol` is OpenSolaris after the Clearview
 * IPMP putback and Solaris 11 Express.
 *
 * `illumos` (OpenIndiana, OmniOS and the other illumos-gate distributions) forked from
 * OpenSolaris and keeps its boot: net-physical still globs /etc/hostname.*[0-9] and
 * hostname6.*[0-9], a file whose first word is `ipmp` makes an IPMP interface, and such files
 * win over ipadm's configuration of the same interface (illumos-gate
 * usr/src/cmd/svc/milestone/net-physical, usr/src/cmd/svc/shell/net_include.sh); its ifconfig
 * has the `ipmp` keyword (usr/src/cmd/cmd-inet/usr.sbin/ifconfig/ifconfig.c). SmartOS' global
 * zone is the exception: its own net-physical configures from /usbkey/config.
 *
 * `s11` is Oracle Solaris 11 (11/11 and later): net-physical enables what ipadm stores in
 * /etc/ipadm/ipadm.conf and reads no hostname.*, hostname6.* or dhcp.* file — only once, on the
 * first boot after an upgrade from an older release, it converts them to ipadm's configuration
 * and renames them /etc/OBSOLETE.<file>.converted (§6; the Solaris 11 net-physical and
 * net_upgrade_include.sh). hosts, netmasks and default/mpathd are still read; ipnodes is gone.
 */
export const RELEASES = ['s8', 's9', 's10-early', 's10', 'osol', 'illumos', 's11'] as const;
export type Release = (typeof RELEASES)[number];

export const RELEASE_LABELS: Record<Release, string> = {
  s8: 'Solaris 8',
  s9: 'Solaris 9',
  's10-early': 'Solaris 10 (3/05 – 11/06)',
  s10: 'Solaris 10 (8/07 and later)',
  osol: 'OpenSolaris / Solaris 11 Express',
  illumos: 'illumos (OpenIndiana, OmniOS)',
  s11: 'Solaris 11 (11/11 and later)',
};

/** What choosing a release means, one sentence each (the setting's and the schema's descriptions). */
export const RELEASE_DESCRIPTIONS: Record<Release, string> = {
  s8: 'Solaris 8: classic IPMP; no zones, no `usesrc`.',
  s9: 'Solaris 9: classic IPMP; no zones, no `usesrc`.',
  's10-early': 'Solaris 10 3/05 – 11/06: classic IPMP; `inet/ipnodes` is a file of its own, searched before `hosts`.',
  s10: 'Solaris 10 8/07 and later: classic IPMP; `inet/ipnodes` is a link to `hosts`.',
  osol: 'OpenSolaris and Solaris 11 Express: hostname files are read, IPMP interfaces (`ipmp`) exist, `-failover` implies `deprecated`.',
  illumos:
    'illumos distributions (OpenIndiana, OmniOS…): as OpenSolaris — hostname files are read and win over ipadm for the same interface, `ipmp` exists, `-failover` implies `deprecated`. Not the SmartOS global zone, which configures from /usbkey/config.',
  s11: 'Oracle Solaris 11 (11/11 and later): no hostname, hostname6 or dhcp file is read; interfaces come from ipadm (`/etc/ipadm/ipadm.conf`). hosts, netmasks and default/mpathd are still read.',
};

/** The release assumed when the user has not chosen one: the last classic-IPMP Solaris. */
export const DEFAULT_RELEASE: Release = 's10';

/** Every release from `first` on. */
export function releasesFrom(first: Release): Release[] {
  return RELEASES.slice(RELEASES.indexOf(first));
}

/** Whether `release` comes before `than` in RELEASES. */
export function releaseBefore(release: Release, than: Release): boolean {
  return RELEASES.indexOf(release) < RELEASES.indexOf(than);
}

/**
 * Whether inet/ipnodes is a name source of its own, searched before hosts: up to Solaris 10
 * 11/06 (§5.2). An IPv6 name then comes from ipnodes alone.
 */
export function ipnodesSearchedFirst(release: Release): boolean {
  return releaseBefore(release, 's10');
}

/**
 * Whether the boot reads hostname.<if>, hostname6.<if> and dhcp.<if> files. Solaris 11 does
 * not: its interfaces are ipadm's (§6), so those files configure nothing there.
 */
export function readsHostnameFiles(release: Release): boolean {
  return release !== 's11';
}

export function isRelease(value: unknown): value is Release {
  return typeof value === 'string' && (RELEASES as readonly string[]).includes(value);
}

export function describeReleases(known: readonly Release[]): string {
  if (known.length === RELEASES.length) return 'all releases';
  const first = known[0];
  if (first && known.length === RELEASES.length - RELEASES.indexOf(first)) {
    const label = RELEASE_LABELS[first];
    return label.includes('later') ? label : `${label} and later`;
  }
  return known.map((r) => RELEASE_LABELS[r]).join(', ');
}

/** Short names for the "By release" list of a keyword's hover. */
const SHORT: Record<Release, string> = {
  s8: 'Solaris 8',
  s9: 'Solaris 9',
  's10-early': 'Solaris 10 3/05–11/06',
  s10: 'Solaris 10 8/07+',
  osol: 'OpenSolaris',
  illumos: 'illumos',
  s11: 'Solaris 11',
};

const CLASSIC: readonly Release[] = ['s8', 's9', 's10-early', 's10'];

/**
 * A short name for a set of releases: `Solaris 8–10` for a run of classic releases that holds
 * both Solaris 10 parts, `Solaris 10` for those two alone, the short names joined otherwise.
 */
export function releaseGroupLabel(releases: readonly Release[]): string {
  const sorted = [...releases].sort((a, b) => RELEASES.indexOf(a) - RELEASES.indexOf(b));
  const classic = sorted.filter((r) => CLASSIC.includes(r));
  const rest = sorted.filter((r) => !CLASSIC.includes(r)).map((r) => SHORT[r]);
  const parts: string[] = [];
  const bothS10 = classic.includes('s10-early') && classic.includes('s10');
  const contiguous = classic.length > 0 && CLASSIC.indexOf(classic[classic.length - 1]!) - CLASSIC.indexOf(classic[0]!) === classic.length - 1;
  if (bothS10 && contiguous && classic.length > 2) parts.push(`Solaris ${classic[0] === 's8' ? '8' : '9'}–10`);
  else if (bothS10 && classic.length === 2) parts.push('Solaris 10');
  else parts.push(...classic.map((r) => SHORT[r]));
  return [...parts, ...rest].join(', ');
}
