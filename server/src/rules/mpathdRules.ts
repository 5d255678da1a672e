/**
 * Rules for /etc/default/mpathd (RULES.md "default/mpathd"; reference §3.9, §4.26, §4.27).
 * What in.mpathd gets is what libc's defread returns for `NAME=`: see syntax/mpathd.ts.
 */
import type { Range } from 'vscode-languageserver-types';
import { asciiUpper, findMpathdSetting, MPATHD_SETTINGS, type MpathdSetting } from '../catalog/mpathd';
import { readYesNo, strtolBase0, type MpathdAssignment, type MpathdFile, type MpathdOtherLine } from '../syntax/mpathd';
import type { Span } from '../syntax/text';
import type { RuleContext } from './context';
import { HOSTNAME_RULES } from './definitions/hostname';
import { INT_MAX, MPATHD_RULES } from './definitions/mpathd';
import { editDistance } from './edits';
import { carriageReturnFinding } from './lineEndings';
import type { Finding } from './types';

const { missingFinalNewline } = HOSTNAME_RULES;
const { unknownSetting, invalidSettingValue, settingSyntax, duplicateSetting, detectionTimeUnits } = MPATHD_RULES;

export function checkMpathd(file: MpathdFile, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const uri = ctx.uri;

  // A CR ends up at the end of every value, and in.mpathd still reads every value the same:
  // the yes/no test looks only at the first two or three characters, and strtol stops at the
  // first non-digit. Nothing changes at boot, so this is a warning, not an error.
  const cr = carriageReturnFinding(file.text, file.index, uri, 'warning', 'mpathd');
  if (cr) out.push(cr);
  checkStop(file, out, uri);

  for (const assignment of file.assignments) {
    if (!assignment.seen) continue;
    checkAssignment(file, assignment, out, uri);
  }
  for (const other of file.others) {
    if (other.seen) checkOtherLine(other, out, uri);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

// ---------------------------------------------------------------------------------------
// Where defread stops

function checkStop(file: MpathdFile, out: Finding[], uri: string): void {
  const stop = file.stop;
  if (!stop) return;
  const onLine = file.assignments.find((a) => a.line === stop.line);
  const lost = file.assignments.filter((a) => a.line >= stop.line && findMpathdSetting(a.name.text)).map((a) => `${a.name.text}=${a.value.text.trim()}`);
  if (stop.reason === 'no-newline') {
    if (!onLine && !file.others.some((o) => o.line === stop.line)) return; // an unterminated comment loses nothing
    const setting = onLine && findMpathdSetting(onLine.name.text);
    const line = setting ? { name: onLine.name.text, value: onLine.value.text, setting } : undefined;
    out.push(
      missingFinalNewline.finding(stop.span.range, missingFinalNewline.message.mpathd({ line }), {
        // The file's own line ending: a CRLF file gets its own finding and fix for the CRs.
        fixes: [missingFinalNewline.fix.addNewline({ uri, at: rangeAt(file, file.text.length), newline: file.text.includes('\r\n') ? '\r\n' : '\n' })],
      }),
    );
    return;
  }
  if (stop.reason === 'too-long') {
    out.push(settingSyntax.finding(stop.span.range, settingSyntax.message.tooLong({ lost })));
    return;
  }
  const nuls: Range[] = [];
  for (let i = stop.span.start; i < stop.span.end; i++) if (file.text[i] === '\0') nuls.push(file.index.range(i, i + 1));
  out.push(settingSyntax.finding((stop.at ?? stop.span).range, settingSyntax.message.nulByte({ lost }), { fixes: [settingSyntax.fix.removeNulBytes({ uri, ranges: nuls })] }));
}

function rangeAt(file: MpathdFile, offset: number): Span['range'] {
  return file.index.range(offset, offset);
}

// ---------------------------------------------------------------------------------------
// NAME=value lines

function checkAssignment(file: MpathdFile, a: MpathdAssignment, out: Finding[], uri: string): void {
  if (a.name.text === '') {
    out.push(settingSyntax.finding(a.equals.range, settingSyntax.message.noName()));
    return;
  }
  let setting = findMpathdSetting(a.name.text);
  if (!setting) {
    const suggestions = suggestSettings(a.name.text);
    out.push(
      unknownSetting.finding(a.name.range, unknownSetting.message.unknown({ name: a.name.text, suggestion: suggestions[0]?.name }), {
        fixes: suggestions.length
          ? suggestions.map((s, i) =>
              unknownSetting.fix.changeTo({
                uri,
                range: a.name.range,
                name: s.name,
                isPreferred: i === 0,
                // Safe unattended only when no other setting is as close.
                safe: i === 0 && (suggestions.length === 1 || settingDistance(a.name.text, s) < settingDistance(a.name.text, suggestions[1]!)),
              }),
            )
          : undefined,
      }),
    );
    // Keep looking at the line as the setting it was meant to be: one problem must not hide another.
    setting = suggestions[0];
    if (!setting) return;
    checkLayout(a, setting, out, uri);
    return;
  }
  const matched = checkLayout(a, setting, out, uri);
  if (!matched) return;

  const effective = file.effective.get(setting.name);
  if (effective && effective !== a) {
    out.push(
      duplicateSetting.finding(lineRange(file, a), duplicateSetting.message.later({ setting: setting.name, firstLine: effective.line + 1 }), {
        related: [{ uri, range: lineRange(file, effective), message: duplicateSetting.message.first({ setting: setting.name }) }],
        unnecessary: true,
      }),
    );
    return;
  }
  if (setting.values === 'yes-no') checkYesNo(file, a, setting, out, uri);
  else checkDetectionTime(file, a, setting, out, uri);
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
function checkLayout(a: MpathdAssignment, setting: MpathdSetting, out: Finding[], uri: string): boolean {
  let matched = true;
  if (a.indent && a.indentHasTab) {
    matched = false;
    out.push(
      settingSyntax.finding(a.indent.range, settingSyntax.message.tabIndent({ setting }), { fixes: [settingSyntax.fix.removeIndentation({ uri, range: a.indent.range })] }),
    );
  } else if (a.indent) {
    out.push(
      settingSyntax.finding(a.indent.range, settingSyntax.message.spaceIndent(), {
        severity: 'warning',
        fixes: [settingSyntax.fix.removeIndentation({ uri, range: a.indent.range })],
      }),
    );
  }
  if (a.gapBeforeEquals) {
    matched = false;
    const ranges = [a.gapBeforeEquals.range];
    if (a.gapAfterEquals) ranges.push(a.gapAfterEquals.range);
    out.push(
      settingSyntax.finding(a.gapBeforeEquals.range, settingSyntax.message.blankBeforeEquals({ setting }), {
        fixes: [settingSyntax.fix.removeBlanksAroundEquals({ uri, ranges })],
      }),
    );
  } else if (a.gapAfterEquals) {
    const yesNo = setting.values === 'yes-no';
    out.push(
      settingSyntax.finding(
        a.gapAfterEquals.range,
        yesNo ? settingSyntax.message.blankAfterEqualsYesNo({ setting, value: a.value.text }) : settingSyntax.message.blankAfterEqualsNumber(),
        { severity: yesNo ? undefined : 'warning', fixes: [settingSyntax.fix.removeBlanksAfterEquals({ uri, range: a.gapAfterEquals.range })] },
      ),
    );
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

function removeQuotesFix(file: MpathdFile, a: MpathdAssignment, q: { open: number; close: number }, uri: string) {
  const start = a.value.start;
  return invalidSettingValue.fix.removeQuotes({
    uri,
    open: file.index.range(start + q.open, start + q.open + 1),
    close: file.index.range(start + q.close, start + q.close + 1),
  });
}

function checkYesNo(file: MpathdFile, a: MpathdAssignment, setting: MpathdSetting, out: Finding[], uri: string): void {
  if (a.gapAfterEquals) return; // reported as setting-syntax
  const value = a.value.text;
  if (readYesNo(value)) return;
  if (value === '') {
    out.push(invalidSettingValue.finding(file.index.range(a.name.start, a.equals.end), invalidSettingValue.message.noValue({ setting })));
    return;
  }
  const q = quoted(value);
  if (q && readYesNo(q.inner)) {
    out.push(
      invalidSettingValue.finding(a.value.range, invalidSettingValue.message.quotedYesNo({ setting, value: value.trimEnd() }), {
        fixes: [removeQuotesFix(file, a, q, uri)],
      }),
    );
    return;
  }
  out.push(invalidSettingValue.finding(a.value.range, invalidSettingValue.message.notYesNo({ setting, value: value.trimEnd() })));
}

function checkDetectionTime(file: MpathdFile, a: MpathdAssignment, setting: MpathdSetting, out: Finding[], uri: string): void {
  const value = a.value.text;
  const r = strtolBase0(value);
  const numberRange = file.index.range(a.value.start + r.start, a.value.start + r.end);
  const digitsText = value.slice(r.start, r.end).replace(/^[+-]/, '');
  const decimal = /^[0-9]+$/.test(digitsText) ? Number(digitsText) : undefined;
  if (!r.digits) {
    if (value.trim() === '') {
      out.push(invalidSettingValue.finding(file.index.range(a.name.start, a.equals.end), invalidSettingValue.message.noValue({ setting })));
      return;
    }
    const q = quoted(value);
    if (q && strtolBase0(q.inner).digits) {
      out.push(
        invalidSettingValue.finding(a.value.range, invalidSettingValue.message.quotedNumber({ setting, value: value.trimEnd() }), {
          fixes: [removeQuotesFix(file, a, q, uri)],
        }),
      );
      return;
    }
    out.push(invalidSettingValue.finding(a.value.range, invalidSettingValue.message.notNumber({ setting, value: value.trimEnd() })));
    return;
  }
  if (r.value <= 0) {
    const stoppedAtOctal = r.base === 8 && /^[89]/.test(value.slice(r.end));
    if (stoppedAtOctal) {
      const full = /^[0-9]+/.exec(value.slice(r.start))![0];
      const fullRange = file.index.range(a.value.start + r.start, a.value.start + r.start + full.length);
      out.push(
        invalidSettingValue.finding(fullRange, invalidSettingValue.message.octalStops({ setting, digits: full }), {
          fixes: [invalidSettingValue.fix.writeNumber({ uri, range: fullRange, value: String(Number(full)) })],
        }),
      );
      return;
    }
    out.push(invalidSettingValue.finding(numberRange, invalidSettingValue.message.notPositive({ setting })));
    return;
  }
  if (r.value > INT_MAX) {
    out.push(invalidSettingValue.finding(numberRange, invalidSettingValue.message.tooBig({ digits: value.slice(r.start, r.end) })));
    return;
  }
  if (r.base === 8 && decimal !== undefined && decimal !== r.value) {
    out.push(
      invalidSettingValue.finding(numberRange, invalidSettingValue.message.octal({ value: r.value, decimal }), {
        severity: 'warning',
        fixes: [invalidSettingValue.fix.writeNumber({ uri, range: numberRange, value: String(decimal) })],
      }),
    );
    return;
  }
  if (r.value < 1000) {
    out.push(
      detectionTimeUnits.finding(numberRange, detectionTimeUnits.message.seconds({ value: r.value }), {
        fixes: [detectionTimeUnits.fix.inMilliseconds({ uri, range: numberRange, seconds: r.value })],
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------
// Lines without `=`

function checkOtherLine(other: MpathdOtherLine, out: Finding[], uri: string): void {
  const first = other.words[0]!;
  const setting = findMpathdSetting(first.text);
  if (setting) {
    const next = other.words[1];
    out.push(
      settingSyntax.finding(first.range, settingSyntax.message.noEquals({ word: first.text, setting }), {
        fixes: next ? [settingSyntax.fix.addEquals({ uri, name: first.text, value: next.text, between: { start: first.range.end, end: next.range.start } })] : undefined,
      }),
    );
    return;
  }
  out.push(
    settingSyntax.finding(other.span.range, settingSyntax.message.notAssignment(), {
      severity: 'warning',
      fixes: [settingSyntax.fix.commentOut({ uri, at: first.range.start })],
    }),
  );
}
