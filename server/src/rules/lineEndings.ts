/**
 * CR line endings (RULES.md `carriage-return`). The shell's `read` keeps the `\r`, so in a
 * hostname file the last word of each line becomes `up\r` and ifconfig rejects it. The hosts
 * and netmasks readers of libnsl strip trailing white space (the CR with it) and in.mpathd's
 * value parsing stops before it, so there the CR is a warning about other readers.
 */
import type { TextIndex } from '../syntax/text';
import { HOSTNAME_RULES } from './definitions/hostname';
import type { Finding, Severity } from './types';

export { CONVERT_TO_LF_COMMAND } from './definitions/hostname';

const { carriageReturn } = HOSTNAME_RULES;

/** What the CR does to each kind of file. */
const MESSAGE = {
  hostname: carriageReturn.message.hostname,
  hosts: carriageReturn.message.hosts,
  netmasks: carriageReturn.message.netmasks,
  mpathd: carriageReturn.message.mpathd,
};

/** One finding for the whole file, on the first line that has a CR; undefined when none. */
export function carriageReturnFinding(
  text: string,
  index: TextIndex,
  uri: string,
  severity: Severity,
  kind: keyof typeof MESSAGE,
): Finding | undefined {
  const first = text.indexOf('\r');
  if (first === -1) return undefined;
  let count = 0;
  for (let i = first; i !== -1; i = text.indexOf('\r', i + 1)) count++;
  // Point at the end of the first line's content: that is where Solaris sees the stray CR.
  const position = index.positionAt(first);
  const lineStart = index.lineStart(position.line);
  const lastWord = /[^ \t]*$/.exec(text.slice(lineStart, first));
  const start = lastWord && lastWord[0].length > 0 ? first - lastWord[0].length : lineStart;
  return carriageReturn.finding(index.range(start, first), MESSAGE[kind]({ crlf: /\r\n/.test(text), count }), {
    severity,
    fixes: [carriageReturn.fix.convertToLf({ uri, text, index })],
  });
}
