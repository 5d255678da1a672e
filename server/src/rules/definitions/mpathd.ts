/**
 * The rules of default/mpathd (RULES.md "default/mpathd"): each declared once with its
 * documentation, messages and fixes.
 */
import { defineRule } from '../define';

export const MPATHD_RULES = {
  unknownSetting: defineRule({
    id: 'unknown-setting',
    severity: 'warning',
    summary: 'A name in.mpathd ignores',
    doc: {
      description:
        'A name in `default/mpathd` that in.mpathd does not read: it knows only `FAILURE_DETECTION_TIME`, `FAILBACK` and `TRACK_INTERFACES_ONLY_WITH_GROUPS`. The line is silently ignored, so a misspelt setting keeps its default.',
      fix: 'Correct the name; when it is close to one of the three, the quick fix offers the right spelling.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  invalidSettingValue: defineRule({
    id: 'invalid-setting-value',
    severity: 'error',
    summary: 'A value in.mpathd rejects',
    doc: {
      description:
        'A value in.mpathd does not accept: `FAILBACK` or `TRACK_INTERFACES_ONLY_WITH_GROUPS` not beginning with yes or no, a `FAILURE_DETECTION_TIME` that is not a positive number, an empty value, or a value in quotes (in.mpathd does not remove them). ' +
        'in.mpathd logs the value as invalid and keeps the default; a detection time with a leading zero is read as octal and gives another number (a warning).',
      fix: 'Write `yes` or `no`, or a whole number of milliseconds such as `10000`, without quotes; quick fixes remove the quotes and rewrite a leading-zero number in decimal.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  settingSyntax: defineRule({
    id: 'setting-syntax',
    severity: 'error',
    summary: 'A line in.mpathd silently ignores',
    doc: {
      description:
        'A `default/mpathd` line that in.mpathd does not read as written: a blank before `=`, a tab before the name, no `=` at all, a blank after `=` on a yes/no setting, or a line that is not `NAME=value`. ' +
        'Such a line is ignored and the setting keeps its default, and a NUL byte or a line over 1022 bytes ends the reading of the whole rest of the file. Leading spaces, and a blank after `=` before a number, still work and are warnings.',
      fix: 'Write each setting as `NAME=value` from the first column with no blanks around `=`, and start comment lines with `#`; quick fixes remove the blanks, add a missing `=`, comment out a stray line or remove NUL bytes.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  duplicateSetting: defineRule({
    id: 'duplicate-setting',
    severity: 'warning',
    summary: 'A later line for a name already set',
    doc: {
      description: 'A setting already set on an earlier line of `default/mpathd`. in.mpathd uses the first line for each name, so this one has no effect.',
      fix: 'Keep one line per setting, with the value you want, and delete the others.',
      fixable: 'none',
    },
    messages: {},
  }),
  detectionTimeUnits: defineRule({
    id: 'detection-time-units',
    severity: 'warning',
    summary: 'FAILURE_DETECTION_TIME in seconds, not milliseconds',
    doc: {
      description:
        '`FAILURE_DETECTION_TIME` below 1000. The value is in milliseconds, not seconds, so `10` means 10 ms: in.mpathd raises anything under 100 to 100 ms, probes every few milliseconds and treats a brief delay as a NIC failure.',
      fix: 'If seconds were meant, multiply by 1000 (`10` becomes `10000`, the default); the quick fix does this.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
};
