/**
 * The rules of hosts, ipnodes and netmasks files (RULES.md "hosts, ipnodes, netmasks"; their
 * invalid-address and invalid-netmask findings are the shared rules of ./hostname): each
 * declared once with its documentation, messages and fixes.
 */
import type { Range } from 'vscode-languageserver-types';
import { defineRule, editFix } from '../define';
import { escapeControls } from './wording';

export const HOSTS_AND_NETMASKS_RULES = {
  missingHostName: defineRule({
    id: 'missing-host-name',
    severity: 'error',
    summary: 'An address with no name',
    doc: {
      description: 'A `hosts` or `ipnodes` line with an address but no name. Solaris skips the line, so nothing resolves to that address.',
      fix: 'Add the host name, and any aliases, after the address, or delete the line.',
      fixable: 'none',
    },
    messages: {
      noName: (a: { address: string }) => `No host name follows '${a.address}': Solaris skips the line, so nothing resolves to this address.`,
    },
  }),
  invalidHostName: defineRule({
    id: 'invalid-host-name',
    severity: 'warning',
    summary: 'A name that breaks RFC 952/1123',
    doc: {
      description:
        'A host name that breaks RFC 952 and RFC 1123: it contains `_` or another character than letters, digits, `-` and `.`, starts or ends with `-` or `.`, is all digits, or has a part longer than 63 characters. ' +
        'Lookups in the local file still find it, but DNS, NIS and many tools reject such names.',
      fix: 'Rename the host with letters, digits and inner hyphens (`db_1` to `db-1`) and change the hostname files that use it; Rename (F2) changes every file of the host at once.',
      fixable: 'none',
    },
    messages: {
      /** `problem`: what hostNameProblem says is wrong with the name. */
      invalid: (a: { name: string; problem: string }) =>
        `'${escapeControls(a.name)}' is not a valid host name: ${a.problem}. Lookups in this file still find it, but DNS, NIS and many tools reject such names.`,
    },
  }),
  duplicateHostName: defineRule({
    id: 'duplicate-host-name',
    severity: 'warning',
    summary: 'A name mapped to two addresses',
    doc: {
      description:
        'A name that a hostname file uses is mapped to two different addresses of the same family. ifconfig configures the first one in file order, so the later line is never used where a hostname file names the host.',
      fix: 'Keep one address per name and family, or give the other address a name of its own.',
      fixable: 'none',
    },
    messages: {
      /** A later line of a name a hostname file uses: getipnodebyname returns the first one. */
      laterLine: (a: { name: string; firstAddress: string; firstLine: number; address: string }) =>
        `'${a.name}' is also mapped to ${a.firstAddress} on line ${a.firstLine}, which comes first: ifconfig configures that address, so ${a.address} on this line is never used where a hostname file says '${a.name}'.`,
      /** Related information: the line that wins. */
      firstLine: (a: { name: string; address: string }) => `'${a.name}' first mapped to ${a.address} here`,
    },
  }),
  netmaskKeyMismatch: defineRule({
    id: 'netmask-key-mismatch',
    severity: 'warning',
    summary: 'A netmasks key with bits outside its mask',
    doc: {
      description:
        "A `netmasks` entry whose network number has bits set outside its own mask (`172.20.20.0 255.255.0.0`), so that neither libnsl's longest-match lookup nor its classful fallback can ever find it. " +
        'The entry is ignored silently and `netmask +` falls back to the classful mask.',
      fix: 'Clear the bits outside the mask (the quick fix writes the network number, `172.20.0.0` here), or correct the mask if the network number is the right one.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `reads`: what inet_addr makes of a number that is not a plain dotted quad. */
      outsideMask: (a: { written: string; reads?: string; mask: string; network: string }) =>
        `${a.reads === undefined ? `'${a.written}'` : `'${a.written}' (read as ${a.reads})`} has bits set outside its mask ${a.mask}: libnsl only matches an entry whose network number fits its mask, so it ignores this line silently and \`netmask +\` falls back to the classful mask. The network is ${a.network}.`,
    },
    fixes: {
      clearHostBits: (a: { uri: string; range: Range; network: string }) =>
        editFix(`Clear the host bits: ${a.network}`, a.uri, [{ range: a.range, newText: a.network }], { isPreferred: true }),
    },
  }),
};
