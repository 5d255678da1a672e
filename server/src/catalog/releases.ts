/**
 * The Solaris releases the product can target. Order matters: later entries are newer.
 * `s10` means Solaris 10 8/07 and later (ipnodes became a link to hosts, reference §5.2);
 * `s10-early` is Solaris 10 3/05 up to 11/06; `osol` is OpenSolaris after the Clearview
 * IPMP putback and Solaris 11 Express, the last releases that still read hostname files.
 */
export const RELEASES = ['s8', 's9', 's10-early', 's10', 'osol'] as const;
export type Release = (typeof RELEASES)[number];

export const RELEASE_LABELS: Record<Release, string> = {
  s8: 'Solaris 8',
  s9: 'Solaris 9',
  's10-early': 'Solaris 10 (3/05 – 11/06)',
  s10: 'Solaris 10 (8/07 and later)',
  osol: 'OpenSolaris / Solaris 11 Express',
};

/** The release assumed when the user has not chosen one: the last classic-IPMP Solaris. */
export const DEFAULT_RELEASE: Release = 's10';

/** Every release from `first` on. */
export function releasesFrom(first: Release): Release[] {
  return RELEASES.slice(RELEASES.indexOf(first));
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
