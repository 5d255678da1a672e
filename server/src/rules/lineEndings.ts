/**
 * CR line endings (RULES.md `carriage-return`). The shell's `read` keeps the `\r`, so in a
 * hostname file the last word of each line becomes `up\r` and ifconfig rejects it. The hosts
 * and netmasks readers of libnsl strip trailing white space (the CR with it) and in.mpathd's
 * value parsing stops before it, so there the CR is a warning about other readers.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { LineIndex } from '../syntax/text';
import type { Finding, Severity } from './types';

/** The client command that switches a document to LF (a text edit cannot in VS Code). */
export const CONVERT_TO_LF_COMMAND = 'solarisIpmp.convertToLf';

const CONSEQUENCE: Record<'hostname' | 'hosts' | 'netmasks' | 'mpathd', string> = {
  hostname: "the last word of every line carries it (e.g. 'up\\r') and ifconfig stops with 'bad address'",
  hosts: "each line's last name carries it; the Solaris resolver strips it, but other readers of the file (scripts, NIS builds) may not",
  netmasks: "each line's mask carries it; libnsl splits it off, but other readers of the file may not",
  mpathd: 'every value carries it',
};

/**
 * The message for a file with CRs: `crlf` continues "Windows (CRLF) line endings on N lines".
 * A file whose CRs are never followed by a LF (classic Mac endings) is something else for
 * Solaris: only LF ends a line, so the whole file is one line with CRs inside it.
 */
export function crEndingsMessage(text: string, count: number, crlf: string): string {
  if (/\r\n/.test(text)) return `Windows (CRLF) line endings on ${count} line${count === 1 ? '' : 's'}${crlf}`;
  return `CR-only line endings (${count} CR${count === 1 ? '' : 's'}, no LF after them): Solaris ends a line only at LF, so it reads this file as a single line with the CRs inside it. Convert the file to LF.`;
}

/** One finding for the whole file, on the first line that has a CR; undefined when none. */
export function carriageReturnFinding(
  text: string,
  index: LineIndex,
  uri: string,
  severity: Severity,
  kind: keyof typeof CONSEQUENCE,
): Finding | undefined {
  const first = text.indexOf('\r');
  if (first === -1) return undefined;
  const edits: TextEdit[] = [];
  let count = 0;
  for (let i = first; i !== -1; i = text.indexOf('\r', i + 1)) {
    count++;
    edits.push({ range: index.range(i, i + (text[i + 1] === '\n' ? 2 : 1)), newText: '\n' });
  }
  // Point at the end of the first line's content: that is where Solaris sees the stray CR.
  const position = index.positionAt(first);
  const lineStart = index.lineStart(position.line);
  const lastWord = /[^ \t]*$/.exec(text.slice(lineStart, first));
  const start = lastWord && lastWord[0].length > 0 ? first - lastWord[0].length : lineStart;
  return {
    rule: 'carriage-return',
    severity,
    range: index.range(start, first),
    message: crEndingsMessage(text, count, `: Solaris keeps the CR, so ${CONSEQUENCE[kind]}. Convert the file to LF.`),
    fixes: [
      {
        title: 'Convert line endings to LF',
        isPreferred: true,
        safe: true,
        command: { command: CONVERT_TO_LF_COMMAND, arguments: [uri] },
        edits: [{ uri, edits }],
      },
    ],
  };
}
