/**
 * The settings in.mpathd reads from /etc/default/mpathd (reference §3.9), with the text
 * hover and completion show. Docs are our own words.
 */
export type MpathdSettingName = 'FAILURE_DETECTION_TIME' | 'FAILBACK' | 'TRACK_INTERFACES_ONLY_WITH_GROUPS';

export interface MpathdSetting {
  readonly name: MpathdSettingName;
  readonly defaultValue: string;
  readonly values: 'milliseconds' | 'yes-no';
  readonly summary: string;
  /** What the setting does, in a few sentences (Markdown). */
  readonly description: string;
  /** How in.mpathd reads the value (Markdown). */
  readonly valueSyntax: string;
  /** A complete, valid line. */
  readonly example: string;
}

const YES_NO_SYNTAX =
  'in.mpathd compares only the start of the value, ignoring case: anything beginning with `yes` means yes, ' +
  'anything beginning with `no` means no. Anything else (including a quoted `"no"` or a value with a space after `=`) ' +
  'is logged as invalid and the default stays.';

export const MPATHD_SETTINGS: readonly MpathdSetting[] = [
  {
    name: 'FAILURE_DETECTION_TIME',
    defaultValue: '10000',
    values: 'milliseconds',
    summary: 'Time to detect a NIC failure, in milliseconds',
    description:
      'How quickly probe-based failure detection must notice a failed interface, in **milliseconds**. ' +
      'in.mpathd sends a probe about every seventh of this time and declares a NIC failed after 5 lost probes; ' +
      'a repair needs 10 good probes, so it takes about twice as long. If the probe targets answer too slowly, ' +
      'in.mpathd raises the time for the group on its own and logs it.',
    valueSyntax:
      'An integer read with `strtol(value, NULL, 0)`: `0x` means hex, a leading `0` means **octal**, and text after the ' +
      'number is ignored (`10000ms` is 10000). Zero, negative or non-numeric values are logged as invalid and 10000 is used; ' +
      'values under 100 are raised to 100. Several task pages call the unit seconds: it is milliseconds.',
    example: 'FAILURE_DETECTION_TIME=10000',
  },
  {
    name: 'FAILBACK',
    defaultValue: 'yes',
    values: 'yes-no',
    summary: 'Move addresses back to a repaired NIC',
    description:
      'Whether addresses that failed over to another group member move back once their interface is repaired. ' +
      'With `no` they stay where they are until the next failure or an administrator moves them (`if_mpadm`).',
    valueSyntax: YES_NO_SYNTAX,
    example: 'FAILBACK=yes',
  },
  {
    name: 'TRACK_INTERFACES_ONLY_WITH_GROUPS',
    defaultValue: 'yes',
    values: 'yes-no',
    summary: 'Watch only interfaces that are in a group',
    description:
      'With `yes` in.mpathd watches only interfaces placed in an IPMP group. With `no` it also watches interfaces in no ' +
      'group, for failure detection and logging only (they cannot fail over); this needs a unique MAC address on every NIC.',
    valueSyntax: YES_NO_SYNTAX,
    example: 'TRACK_INTERFACES_ONLY_WITH_GROUPS=yes',
  },
];

/** The setting a name refers to; in.mpathd ignores case in names (§3.9). ASCII case only, like strncasecmp. */
export function findMpathdSetting(name: string): MpathdSetting | undefined {
  const upper = asciiUpper(name);
  return MPATHD_SETTINGS.find((s) => s.name === upper);
}

export function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}
