/**
 * Rules for /etc/default/mpathd (RULES.md "default/mpathd"; reference §3.9, §4.26, §4.27).
 * What in.mpathd gets is what libc's defread returns for `NAME=`: see syntax/mpathd.ts.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { asciiUpper, findMpathdSetting, MPATHD_SETTINGS, type MpathdSetting } from '../catalog/mpathd';
import { readYesNo, strtolBase0, type MpathdAssignment, type MpathdFile, type MpathdOtherLine } from '../syntax/mpathd';
import type { Span } from '../syntax/text';
import type { RuleContext } from './context';
import { editDistance } from './edits';
import { carriageReturnFinding } from './lineEndings';
import type { Finding, Fix } from './types';

type FixFactory = (title: string, edits: TextEdit[], isPreferred?: boolean) => Fix;

/** in.mpathd keeps the detection time in an int. */
const INT_MAX = 2147483647;

export function checkMpathd(file: MpathdFile, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const fix: FixFactory = (title, edits, isPreferred = true) => ({ title, isPreferred, edits: [{ uri: ctx.uri, edits }] });

  // A CR ends up at the end of every value, and in.mpathd still reads every value the same:
  // the yes/no test looks only at the first two or three characters, and strtol stops at the
  // first non-digit. Nothing changes at boot, so this is a warning, not an error.
  const cr = carriageReturnFinding(file.text, file.index, ctx.uri, 'warning', 'mpathd');
  if (cr) out.push(cr);
  checkStop(file, out, fix);

  for (const assignment of file.assignments) {
    if (!assignment.seen) continue;
    checkAssignment(file, assignment, ctx, out, fix);
  }
  for (const other of file.others) {
    if (other.seen) checkOtherLine(other, out, fix);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function describeDefault(setting: MpathdSetting): string {
  return setting.values === 'milliseconds' ? `the default ${setting.defaultValue} ms` : `the default ${setting.defaultValue}`;
}

// ---------------------------------------------------------------------------------------
// Where defread stops

function checkStop(file: MpathdFile, out: Finding[], fix: FixFactory): void {
  const stop = file.stop;
  if (!stop) return;
  const onLine = file.assignments.find((a) => a.line === stop.line);
  const lost = file.assignments.filter((a) => a.line >= stop.line && findMpathdSetting(a.name.text));
  const lostText = lost.length ? ` Lost: ${lost.map((a) => `${a.name.text}=${a.value.text.trim()}`).join(', ')}.` : '';
  if (stop.reason === 'no-newline') {
    if (!onLine && !file.others.some((o) => o.line === stop.line)) return; // an unterminated comment loses nothing
    const setting = onLine && findMpathdSetting(onLine.name.text);
    const what = setting ? `in.mpathd never reads '${onLine.name.text}=${onLine.value.text}' and ${setting.name} keeps ${describeDefault(setting)}` : 'in.mpathd never reads it';
    out.push({
      rule: 'missing-final-newline',
      range: stop.span.range,
      message: `The last line has no newline: defread only returns complete lines, so ${what}.`,
      // The file's own line ending: a CRLF file gets its own finding and fix for the CRs.
      fixes: [{ ...fix('Add the newline', [{ range: rangeAt(file, file.text.length), newText: file.text.includes('\r\n') ? '\r\n' : '\n' }]), safe: true }],
    });
    return;
  }
  if (stop.reason === 'too-long') {
    out.push({
      rule: 'setting-syntax',
      range: stop.span.range,
      message: `This line is longer than defread's buffer (1022 bytes): libc stops reading the file here, so in.mpathd sees neither this line nor any line after it.${lostText}`,
    });
    return;
  }
  const nuls: TextEdit[] = [];
  for (let i = stop.span.start; i < stop.span.end; i++) if (file.text[i] === '\0') nuls.push({ range: file.index.range(i, i + 1), newText: '' });
  out.push({
    rule: 'setting-syntax',
    range: (stop.at ?? stop.span).range,
    message: `A NUL byte: libc's defread stops reading the file here, so in.mpathd sees neither this line nor any line after it.${lostText}`,
    fixes: [fix('Remove the NUL bytes', nuls)],
  });
}

function rangeAt(file: MpathdFile, offset: number): Span['range'] {
  return file.index.range(offset, offset);
}

// ---------------------------------------------------------------------------------------
// NAME=value lines

function checkAssignment(file: MpathdFile, a: MpathdAssignment, ctx: RuleContext, out: Finding[], fix: FixFactory): void {
  if (a.name.text === '') {
    out.push({
      rule: 'setting-syntax',
      range: a.equals.range,
      message: `No name before '=': in.mpathd ignores the line.`,
    });
    return;
  }
  let setting = findMpathdSetting(a.name.text);
  if (!setting) {
    const suggestions = suggestSettings(a.name.text);
    const hint = suggestions.length ? ` Did you mean ${suggestions[0]!.name}?` : '';
    out.push({
      rule: 'unknown-setting',
      range: a.name.range,
      message: `in.mpathd reads only FAILURE_DETECTION_TIME, FAILBACK and TRACK_INTERFACES_ONLY_WITH_GROUPS, and ignores '${a.name.text}'.${hint}`,
      fixes: suggestions.length
        ? suggestions.map((s, i) => ({
            ...fix(`Change to ${s.name}`, [{ range: a.name.range, newText: s.name }], i === 0),
            // Safe unattended only when no other setting is as close.
            ...(i === 0 && (suggestions.length === 1 || settingDistance(a.name.text, s) < settingDistance(a.name.text, suggestions[1]!)) ? { safe: true } : {}),
          }))
        : undefined,
    });
    // Keep looking at the line as the setting it was meant to be: one problem must not hide another.
    setting = suggestions[0];
    if (!setting) return;
    checkLayout(a, setting, out, fix);
    return;
  }
  const matched = checkLayout(a, setting, out, fix);
  if (!matched) return;

  const effective = file.effective.get(setting.name);
  if (effective && effective !== a) {
    out.push({
      rule: 'duplicate-setting',
      range: lineRange(file, a),
      message: `${setting.name} is already set on line ${effective.line + 1}: in.mpathd reads only the first ${setting.name} line, so this one has no effect.`,
      related: [{ uri: ctx.uri, range: lineRange(file, effective), message: `${setting.name} is set here first` }],
      unnecessary: true,
    });
    return;
  }
  if (setting.values === 'yes-no') checkYesNo(file, a, setting, out, fix);
  else checkDetectionTime(file, a, setting, out, fix);
}

/** The line from its name to the last non-blank character of its value. */
function lineRange(file: MpathdFile, a: MpathdAssignment): Span['range'] {
  let end = a.value.end;
  while (end > a.equals.end && (file.text[end - 1] === ' ' || file.text[end - 1] === '\t')) end--;
  return file.index.range(a.name.start, end);
}

/**
 * Indentation and blanks around `=` (§3.9). Returns whether defread matches the line at all
 * (and, for the known names, in.mpathd takes its value from it).
 */
function checkLayout(a: MpathdAssignment, setting: MpathdSetting, out: Finding[], fix: FixFactory): boolean {
  let matched = true;
  if (a.indent && a.indentHasTab) {
    matched = false;
    out.push({
      rule: 'setting-syntax',
      range: a.indent.range,
      message: `The line starts with a tab: defread skips only spaces before a name, so in.mpathd never finds this line and ${setting.name} keeps ${describeDefault(setting)}.`,
      fixes: [fix('Remove the indentation', [{ range: a.indent.range, newText: '' }])],
    });
  } else if (a.indent) {
    out.push({
      rule: 'setting-syntax',
      severity: 'warning',
      range: a.indent.range,
      message: `The line is indented: Solaris' defread skips leading spaces, so this works, but a tab in their place would hide the line from in.mpathd. Start settings in the first column.`,
      fixes: [fix('Remove the indentation', [{ range: a.indent.range, newText: '' }])],
    });
  }
  if (a.gapBeforeEquals) {
    matched = false;
    const edits: TextEdit[] = [{ range: a.gapBeforeEquals.range, newText: '' }];
    if (a.gapAfterEquals) edits.push({ range: a.gapAfterEquals.range, newText: '' });
    out.push({
      rule: 'setting-syntax',
      range: a.gapBeforeEquals.range,
      message: `A blank before '=': defread looks for '${setting.name}=' at the start of a line, so in.mpathd never finds this line and ${setting.name} keeps ${describeDefault(setting)}.`,
      fixes: [fix(`Remove the blanks around '='`, edits)],
    });
  } else if (a.gapAfterEquals) {
    const yesNo = setting.values === 'yes-no';
    const shown = a.value.text;
    out.push({
      rule: 'setting-syntax',
      severity: yesNo ? undefined : 'warning',
      range: a.gapAfterEquals.range,
      message: yesNo
        ? `A blank after '=' is part of the value: in.mpathd tests '${shown}' for yes/no, logs 'Invalid value for ${setting.name}' and keeps ${describeDefault(setting)}.`
        : `A blank after '=' is part of the value. strtol skips it, so this works, but the same layout breaks the yes/no settings. Remove it.`,
      fixes: [fix(`Remove the blanks after '='`, [{ range: a.gapAfterEquals.range, newText: '' }])],
    });
  }
  return matched;
}

/** Candidates for a misspelt name, best first. */
function settingDistance(name: string, setting: MpathdSetting): number {
  return editDistance(asciiUpper(name), setting.name);
}

export function suggestSettings(name: string): MpathdSetting[] {
  const upper = asciiUpper(name);
  return MPATHD_SETTINGS.map((s) => ({ s, d: editDistance(upper, s.name) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.s.name.length / 6)))
    .sort((x, y) => x.d - y.d)
    .map((x) => x.s);
}

/** `"no"` → `no`: the quote characters around a value, when there are any. */
function quoted(value: string): { inner: string; open: number; close: number } | undefined {
  const m = /^(["'])(.*?)\1/.exec(value);
  return m ? { inner: m[2]!, open: 0, close: m[0].length - 1 } : undefined;
}

function removeQuotesFix(a: MpathdAssignment, q: { open: number; close: number }, file: { range(s: number, e: number): Span['range'] }, fix: FixFactory): Fix {
  const start = a.value.start;
  return fix('Remove the quotes', [
    { range: file.range(start + q.open, start + q.open + 1), newText: '' },
    { range: file.range(start + q.close, start + q.close + 1), newText: '' },
  ]);
}

function checkYesNo(file: MpathdFile, a: MpathdAssignment, setting: MpathdSetting, out: Finding[], fix: FixFactory): void {
  if (a.gapAfterEquals) return; // reported as setting-syntax
  const value = a.value.text;
  if (readYesNo(value)) return;
  const keeps = `logs 'Invalid value for ${setting.name}' and keeps ${describeDefault(setting)}`;
  if (value === '') {
    out.push({ rule: 'invalid-setting-value', range: file.index.range(a.name.start, a.equals.end), message: `${setting.name} has no value: in.mpathd ${keeps}.` });
    return;
  }
  const q = quoted(value);
  if (q && readYesNo(q.inner)) {
    out.push({
      rule: 'invalid-setting-value',
      range: a.value.range,
      message: `Quotes are not removed: in.mpathd sees ${value.trimEnd()}, which begins with neither yes nor no, so it ${keeps}.`,
      fixes: [removeQuotesFix(a, q, file.index, fix)],
    });
    return;
  }
  out.push({
    rule: 'invalid-setting-value',
    range: a.value.range,
    message: `'${value.trimEnd()}' is neither yes nor no: in.mpathd ${keeps}.`,
  });
}

function checkDetectionTime(file: MpathdFile, a: MpathdAssignment, setting: MpathdSetting, out: Finding[], fix: FixFactory): void {
  const value = a.value.text;
  const r = strtolBase0(value);
  const invalid = `in.mpathd logs 'Invalid failure detection time' and uses ${describeDefault(setting)}`;
  const numberRange = file.index.range(a.value.start + r.start, a.value.start + r.end);
  const digitsText = value.slice(r.start, r.end).replace(/^[+-]/, '');
  const decimal = /^[0-9]+$/.test(digitsText) ? Number(digitsText) : undefined;
  if (!r.digits) {
    if (value.trim() === '') {
      out.push({ rule: 'invalid-setting-value', range: file.index.range(a.name.start, a.equals.end), message: `${setting.name} has no value: ${invalid}.` });
      return;
    }
    const q = quoted(value);
    if (q && strtolBase0(q.inner).digits) {
      out.push({
        rule: 'invalid-setting-value',
        range: a.value.range,
        message: `Quotes are not removed: strtol finds no number in ${value.trimEnd()}, so ${invalid}.`,
        fixes: [removeQuotesFix(a, q, file.index, fix)],
      });
      return;
    }
    out.push({ rule: 'invalid-setting-value', range: a.value.range, message: `'${value.trimEnd()}' is not a number: ${invalid}.` });
    return;
  }
  if (r.value <= 0) {
    const stoppedAtOctal = r.base === 8 && /^[89]/.test(value.slice(r.end));
    if (stoppedAtOctal) {
      const full = /^[0-9]+/.exec(value.slice(r.start))![0];
      const meant = String(Number(full));
      const fullRange = file.index.range(a.value.start + r.start, a.value.start + r.start + full.length);
      out.push({
        rule: 'invalid-setting-value',
        range: fullRange,
        message: `A leading 0 makes strtol read octal, and it stops at the first 8 or 9: '${full}' reads as 0, so ${invalid}.`,
        fixes: [fix(`Write ${meant}`, [{ range: fullRange, newText: meant }])],
      });
      return;
    }
    out.push({ rule: 'invalid-setting-value', range: numberRange, message: `The detection time must be a positive number of milliseconds: ${invalid}.` });
    return;
  }
  if (r.value > INT_MAX) {
    out.push({
      rule: 'invalid-setting-value',
      range: numberRange,
      message: `${value.slice(r.start, r.end)} does not fit in.mpathd's int (at most ${INT_MAX}): the value it ends up with depends on the build. Use a detection time in milliseconds, such as 10000.`,
    });
    return;
  }
  if (r.base === 8 && decimal !== undefined && decimal !== r.value) {
    out.push({
      rule: 'invalid-setting-value',
      severity: 'warning',
      range: numberRange,
      message: `A leading 0 makes strtol read octal: in.mpathd uses ${r.value} ms, not ${decimal}.`,
      fixes: [fix(`Write ${decimal}`, [{ range: numberRange, newText: String(decimal) }])],
    });
    return;
  }
  if (r.value < 1000) {
    const seconds = r.value * 1000;
    const effect =
      r.value < 100
        ? `${r.value} ms is below in.mpathd's minimum, so it logs 'Too small failure detection time' and uses 100 ms: probes go out every ~14 ms and a brief delay counts as a failure`
        : `in.mpathd will declare a NIC failed within ${r.value} ms, probing about every ${Math.round(r.value / 7)} ms`;
    out.push({
      rule: 'detection-time-units',
      range: numberRange,
      message: `FAILURE_DETECTION_TIME is in milliseconds, not seconds: ${effect}. If you meant ${r.value} seconds, write ${seconds}.`,
      fixes: [fix(`Write ${seconds} (${r.value} seconds)`, [{ range: numberRange, newText: String(seconds) }])],
    });
  }
}

// ---------------------------------------------------------------------------------------
// Lines without `=`

function checkOtherLine(other: MpathdOtherLine, out: Finding[], fix: FixFactory): void {
  const first = other.words[0]!;
  const setting = findMpathdSetting(first.text);
  if (setting) {
    const next = other.words[1];
    out.push({
      rule: 'setting-syntax',
      range: first.range,
      message: `No '=' after ${first.text}: in.mpathd ignores the line and ${setting.name} keeps ${describeDefault(setting)}.`,
      fixes: next
        ? [fix(`Write ${first.text}=${next.text}`, [{ range: { start: first.range.end, end: next.range.start }, newText: '=' }])]
        : undefined,
    });
    return;
  }
  out.push({
    rule: 'setting-syntax',
    severity: 'warning',
    range: other.span.range,
    message: `Not a NAME=value line: in.mpathd ignores it. Start it with '#' if it is a comment.`,
    fixes: [fix('Comment out the line', [{ range: { start: first.range.start, end: first.range.start }, newText: '# ' }])],
  });
}
