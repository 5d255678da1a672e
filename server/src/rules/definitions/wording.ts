/** Small helpers the rules' messages share. */
import type { AddressFamily } from '../../catalog/keywords';
import type { KeywordUse } from '../../syntax/hostname';

/** A word of the file with its control characters shown as `\xNN` (a hosts file may hold anything). */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function familyLabel(family: AddressFamily): string {
  return family === 'inet' ? 'IPv4' : 'IPv6';
}

/** A keyword with its argument as written: `group prod`. */
export function keywordWords(use: KeywordUse): string {
  return use.argument ? `${use.spec.name} ${use.argument.text}` : use.spec.name;
}

/** ` Did you mean 'x'?`, or nothing. */
export function suggest(candidate: string | undefined): string {
  return candidate ? ` Did you mean '${candidate}'?` : '';
}
