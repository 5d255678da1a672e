/**
 * The rules about the files themselves (DESIGN.md "Bad input"): each declared once with its
 * documentation, messages and fixes.
 */
import { defineRule } from '../define';

const MB = 1024 * 1024;

/** `1.5 MB`, `12 KB`. */
export function formatSize(size: number): string {
  return size >= MB ? `${(size / MB).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(size / 1024)} KB`;
}

/** The checks a file of the host that was not read leaves undone. */
export type SkippedCheck = 'host-names' | 'netmasks' | 'interfaces';

const SKIPPED: Record<SkippedCheck, string> = {
  'host-names': 'the host names this file uses were not checked',
  netmasks: 'the masks `netmask +` would get were not checked',
  interfaces: "the checks across this host's interfaces (IPMP groups, duplicate addresses) were skipped",
};

function skippedChecks(skipped: readonly SkippedCheck[]): string {
  return [...new Set(skipped.map((s) => SKIPPED[s]))].join('; ');
}

export const FILE_RULES = {
  fileTooLarge: defineRule({
    id: 'file-too-large',
    severity: 'info',
    summary: 'A file over the size limit: only cheap checks',
    doc: {
      description:
        'A file over the size limit for checking (16 MB). It is not parsed: only its line endings are checked while it is open, and hover, completion, navigation and formatting are off for it. ' +
        'Files of the same host that need it say their checks were skipped rather than report its names as unresolved.',
      fix: 'Nothing to correct for Solaris, this is a note about the checks; trim the file below 16 MB to have it checked, or switch the rule off with `solarisIpmp.rules`.',
      fixable: 'none',
    },
    messages: {
      /** The file itself; `linesChecked`: its line endings were still checked (an open document). */
      tooLarge: (a: { size: number; limit: number; linesChecked: boolean }) =>
        `This file is ${formatSize(a.size)}, over the ${formatSize(a.limit)} limit for checking: ${
          a.linesChecked ? 'only its line endings are checked, and hover, completion, navigation, symbols and formatting are off for it' : 'it was not checked'
        }. Files of its host that need it (as their hosts or netmasks file, or as a group member) skip those checks and say so.`,
      /** Files of the host this one needs, over the limit; `skipped`: the checks left undone. */
      neededTooLarge: (a: { files: readonly { readonly label: string; readonly size?: number }[]; skipped: readonly SkippedCheck[] }) =>
        `${a.files.map((f) => `${f.label} (${formatSize(f.size ?? 0)})`).join(', ')} ${a.files.length === 1 ? 'is' : 'are'} over the size limit for checking: ${skippedChecks(a.skipped)}.`,
    },
  }),
  unreadableFile: defineRule({
    id: 'unreadable-file',
    severity: 'info',
    summary: 'A file the checks need could not be read',
    doc: {
      description:
        "A file this host's checks need, such as its `hosts` or `netmasks` file or another interface file, could not be read (a folder in its place, a FIFO, a symbolic link loop, no permission). " +
        'The checks that depend on it are skipped, and this note says which, rather than reporting names as unresolved.',
      fix: 'Make the file a regular, readable file, then check again.',
      fixable: 'none',
    },
    messages: {
      /** Files of the host this one needs that could not be read; `skipped`: the checks left undone. */
      neededUnreadable: (a: { files: readonly { readonly label: string; readonly reason?: string }[]; skipped: readonly SkippedCheck[] }) =>
        `${a.files.map((f) => `${f.label} (${f.reason ?? 'unreadable'})`).join(', ')} could not be read: ${skippedChecks(a.skipped)}.`,
    },
  }),
};
