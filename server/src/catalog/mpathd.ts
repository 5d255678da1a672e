/**
 * The settings in.mpathd reads from /etc/default/mpathd (reference §3.9).
 */
export interface MpathdSetting {
  readonly name: 'FAILURE_DETECTION_TIME' | 'FAILBACK' | 'TRACK_INTERFACES_ONLY_WITH_GROUPS';
  readonly defaultValue: string;
  readonly values: 'milliseconds' | 'yes-no';
  readonly summary: string;
}

export const MPATHD_SETTINGS: readonly MpathdSetting[] = [
  { name: 'FAILURE_DETECTION_TIME', defaultValue: '10000', values: 'milliseconds', summary: 'Time to detect a NIC failure, in milliseconds' },
  { name: 'FAILBACK', defaultValue: 'yes', values: 'yes-no', summary: 'Move addresses back to a repaired NIC' },
  { name: 'TRACK_INTERFACES_ONLY_WITH_GROUPS', defaultValue: 'yes', values: 'yes-no', summary: 'Watch only interfaces that are in a group' },
];
