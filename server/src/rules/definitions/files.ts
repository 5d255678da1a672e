/**
 * The rules about the files themselves (DESIGN.md "Bad input"): each declared once with its
 * documentation, messages and fixes.
 */
import { defineRule } from '../define';

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
    messages: {},
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
    messages: {},
  }),
};
