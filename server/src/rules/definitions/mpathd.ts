/**
 * The rules of default/mpathd (RULES.md "default/mpathd"): each declared once with its
 * documentation, messages and fixes.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { MpathdSetting } from '../../catalog/mpathd';
import { defineRule, editFix } from '../define';

/** in.mpathd keeps the detection time in an int. */
export const INT_MAX = 2147483647;

/** What a setting keeps when in.mpathd does not take the line. */
export function describeDefault(setting: MpathdSetting): string {
  return setting.values === 'milliseconds' ? `the default ${setting.defaultValue} ms` : `the default ${setting.defaultValue}`;
}

/** What in.mpathd does with a value it rejects. */
function rejected(setting: MpathdSetting): string {
  return setting.values === 'yes-no' ? `in.mpathd ${invalidValue(setting)}` : invalidTime(setting);
}

function invalidValue(setting: MpathdSetting): string {
  return `logs 'Invalid value for ${setting.name}' and keeps ${describeDefault(setting)}`;
}

function invalidTime(setting: MpathdSetting): string {
  return `in.mpathd logs 'Invalid failure detection time' and uses ${describeDefault(setting)}`;
}

function lostSettings(lost: readonly string[]): string {
  return lost.length ? ` Lost: ${lost.join(', ')}.` : '';
}

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
    messages: {
      unknown: (a: { name: string; suggestion?: string }) =>
        `in.mpathd reads only FAILURE_DETECTION_TIME, FAILBACK and TRACK_INTERFACES_ONLY_WITH_GROUPS, and ignores '${a.name}'.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
    },
    fixes: {
      /** `safe`: no other setting is as close, so `--fix` may apply it. */
      changeTo: (a: { uri: string; range: Range; name: string; isPreferred: boolean; safe: boolean }) =>
        ({ ...editFix(`Change to ${a.name}`, a.uri, [{ range: a.range, newText: a.name }], { isPreferred: a.isPreferred }), ...(a.safe ? { safe: true } : {}) }),
    },
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
    messages: {
      noValue: (a: { setting: MpathdSetting }) => `${a.setting.name} has no value: ${rejected(a.setting)}.`,
      quotedYesNo: (a: { setting: MpathdSetting; value: string }) =>
        `Quotes are not removed: in.mpathd sees ${a.value}, which begins with neither yes nor no, so it ${invalidValue(a.setting)}.`,
      notYesNo: (a: { setting: MpathdSetting; value: string }) => `'${a.value}' is neither yes nor no: in.mpathd ${invalidValue(a.setting)}.`,
      quotedNumber: (a: { setting: MpathdSetting; value: string }) => `Quotes are not removed: strtol finds no number in ${a.value}, so ${invalidTime(a.setting)}.`,
      notNumber: (a: { setting: MpathdSetting; value: string }) => `'${a.value}' is not a number: ${invalidTime(a.setting)}.`,
      /** `0800`: strtol reads octal and stops at the 8. */
      octalStops: (a: { setting: MpathdSetting; digits: string }) =>
        `A leading 0 makes strtol read octal, and it stops at the first 8 or 9: '${a.digits}' reads as 0, so ${invalidTime(a.setting)}.`,
      notPositive: (a: { setting: MpathdSetting }) => `The detection time must be a positive number of milliseconds: ${invalidTime(a.setting)}.`,
      tooBig: (a: { digits: string }) =>
        `${a.digits} does not fit in.mpathd's int (at most ${INT_MAX}): the value it ends up with depends on the build. Use a detection time in milliseconds, such as 10000.`,
      /** `010000`: read as octal, a valid but other number (a warning). */
      octal: (a: { value: number; decimal: number }) => `A leading 0 makes strtol read octal: in.mpathd uses ${a.value} ms, not ${a.decimal}.`,
    },
    fixes: {
      removeQuotes: (a: { uri: string; open: Range; close: Range }) =>
        editFix('Remove the quotes', a.uri, [{ range: a.open, newText: '' }, { range: a.close, newText: '' }], { isPreferred: true }),
      writeNumber: (a: { uri: string; range: Range; value: string }) => editFix(`Write ${a.value}`, a.uri, [{ range: a.range, newText: a.value }], { isPreferred: true }),
    },
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
    messages: {
      /** `lost`: the settings after the place where defread stops. */
      tooLong: (a: { lost: readonly string[] }) =>
        `This line is longer than defread's buffer (1022 bytes): libc stops reading the file here, so in.mpathd sees neither this line nor any line after it.${lostSettings(a.lost)}`,
      nulByte: (a: { lost: readonly string[] }) =>
        `A NUL byte: libc's defread stops reading the file here, so in.mpathd sees neither this line nor any line after it.${lostSettings(a.lost)}`,
      noName: () => `No name before '=': in.mpathd ignores the line.`,
      tabIndent: (a: { setting: MpathdSetting }) =>
        `The line starts with a tab: defread skips only spaces before a name, so in.mpathd never finds this line and ${a.setting.name} keeps ${describeDefault(a.setting)}.`,
      /** Leading spaces work (a warning). */
      spaceIndent: () =>
        `The line is indented: Solaris' defread skips leading spaces, so this works, but a tab in their place would hide the line from in.mpathd. Start settings in the first column.`,
      blankBeforeEquals: (a: { setting: MpathdSetting }) =>
        `A blank before '=': defread looks for '${a.setting.name}=' at the start of a line, so in.mpathd never finds this line and ${a.setting.name} keeps ${describeDefault(a.setting)}.`,
      blankAfterEqualsYesNo: (a: { setting: MpathdSetting; value: string }) =>
        `A blank after '=' is part of the value: in.mpathd tests '${a.value}' for yes/no, logs 'Invalid value for ${a.setting.name}' and keeps ${describeDefault(a.setting)}.`,
      /** strtol skips it (a warning). */
      blankAfterEqualsNumber: () =>
        `A blank after '=' is part of the value. strtol skips it, so this works, but the same layout breaks the yes/no settings. Remove it.`,
      noEquals: (a: { word: string; setting: MpathdSetting }) =>
        `No '=' after ${a.word}: in.mpathd ignores the line and ${a.setting.name} keeps ${describeDefault(a.setting)}.`,
      /** Neither a setting nor a comment (a warning). */
      notAssignment: () => `Not a NAME=value line: in.mpathd ignores it. Start it with '#' if it is a comment.`,
    },
    fixes: {
      removeNulBytes: (a: { uri: string; ranges: readonly Range[] }) =>
        editFix('Remove the NUL bytes', a.uri, a.ranges.map((range) => ({ range, newText: '' })), { isPreferred: true }),
      removeIndentation: (a: { uri: string; range: Range }) => editFix('Remove the indentation', a.uri, [{ range: a.range, newText: '' }], { isPreferred: true }),
      removeBlanksAroundEquals: (a: { uri: string; ranges: readonly Range[] }) =>
        editFix(`Remove the blanks around '='`, a.uri, a.ranges.map((range) => ({ range, newText: '' })), { isPreferred: true }),
      removeBlanksAfterEquals: (a: { uri: string; range: Range }) =>
        editFix(`Remove the blanks after '='`, a.uri, [{ range: a.range, newText: '' }], { isPreferred: true }),
      /** `FAILBACK no` → `FAILBACK=no`: the blanks between name and value become '='. */
      addEquals: (a: { uri: string; name: string; value: string; between: Range }) =>
        editFix(`Write ${a.name}=${a.value}`, a.uri, [{ range: a.between, newText: '=' }], { isPreferred: true }),
      commentOut: (a: { uri: string; at: Position }) => editFix('Comment out the line', a.uri, [{ range: { start: a.at, end: a.at }, newText: '# ' }], { isPreferred: true }),
    },
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
    messages: {
      later: (a: { setting: string; firstLine: number }) =>
        `${a.setting} is already set on line ${a.firstLine}: in.mpathd reads only the first ${a.setting} line, so this one has no effect.`,
      /** Related information: the line that counts. */
      first: (a: { setting: string }) => `${a.setting} is set here first`,
    },
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
    messages: {
      /** A value under 1000 ms, surely meant as seconds. */
      seconds: (a: { value: number }) =>
        `FAILURE_DETECTION_TIME is in milliseconds, not seconds: ${
          a.value < 100
            ? `${a.value} ms is below in.mpathd's minimum, so it logs 'Too small failure detection time' and uses 100 ms: probes go out every ~14 ms and a brief delay counts as a failure`
            : `in.mpathd will declare a NIC failed within ${a.value} ms, probing about every ${Math.round(a.value / 7)} ms`
        }. If you meant ${a.value} seconds, write ${a.value * 1000}.`,
    },
    fixes: {
      inMilliseconds: (a: { uri: string; range: Range; seconds: number }) =>
        editFix(`Write ${a.seconds * 1000} (${a.seconds} seconds)`, a.uri, [{ range: a.range, newText: String(a.seconds * 1000) }], { isPreferred: true }),
    },
  }),
};
