/**
 * The rules that resolve a hostname file against the host's other files (RULES.md
 * "Resolution"): each declared once with its documentation, messages and fixes.
 */
import type { Range } from 'vscode-languageserver-types';
import { RELEASE_LABELS, type Release } from '../../catalog/releases';
import type { NameLookup } from '../../engine/names';
import { formatIPv4, prefixMask } from '../../syntax/address';
import type { EditableText } from '../edits';
import { defineRule, editFix } from '../define';

/** The placeholder a hosts-entry fix writes: invalid on purpose until the user fills it. */
export const ADDRESS_PLACEHOLDER = 'ADDRESS';

export const RESOLUTION_RULES = {
  unresolvedHost: defineRule({
    id: 'unresolved-host',
    severity: 'error',
    summary: 'A host name the host does not define',
    doc: {
      description:
        "A host name that the host's `hosts` file (and, up to Solaris 10 11/06, `inet/ipnodes`) does not define, or defines only on a line Solaris skips. " +
        'Name services are not running yet when the interfaces are configured, so ifconfig fails with `bad address` and the interface gets no address. ' +
        'Up to Solaris 10 11/06 an IPv6 name must be in `inet/ipnodes`, because IPv6 lookups read that file alone.',
      fix: "Add the name to the host's `hosts` file or correct its spelling; quick fixes change the word to a close name `hosts` defines, or append an entry with an `ADDRESS` placeholder to fill in.",
      fixable: 'quick-fix',
    },
    messages: {
      /** `skipped`: the line of the name that Solaris cannot read (too long, or an unreadable address). */
      notDefined: (a: {
        word: string;
        label: string;
        skipped?: { readonly line: number; readonly file: string; readonly tooLong?: number; readonly address: string };
        suggestion?: string;
      }) =>
        `${
          a.skipped
            ? `'${a.word}' is on line ${a.skipped.line} of ${a.skipped.file}, but Solaris skips that line: ${
                a.skipped.tooLong !== undefined ? `it is longer than the ${a.skipped.tooLong} characters nss_files reads` : `its address '${a.skipped.address}' cannot be read`
              }. So`
            : `'${a.word}' is not in ${a.label}:`
        } at boot ifconfig fails with '${a.word}: bad address' and the interface gets no address (name services are not running yet, so only local files count).${
          a.suggestion ? ` Did you mean '${a.suggestion}'?` : ''
        }`,
      /** Up to Solaris 10 11/06 IPv6 names come from inet/ipnodes alone. */
      ipv6InHostsOnly: (a: { name: string; word: string; label: string; line: number; release: Release }) =>
        `'${a.name}' has an IPv6 address in ${a.label} (line ${a.line}), but on ${RELEASE_LABELS[a.release]} ifconfig looks IPv6 names up in inet/ipnodes alone: at boot it fails with '${a.word}: bad address'. Add the entry to inet/ipnodes.`,
      // Related information
      hostsEntryNotRead: (a: { label: string }) => `the ${a.label} entry ifconfig does not read for IPv6`,
      lineTooLong: () => 'a line nss_files skips for its length',
      unreadableAddress: (a: { address: string }) => `'${a.address}' is not an address Solaris can read`,
    },
    fixes: {
      /** A name the host defines that the word was probably meant to be. */
      changeTo: (a: { uri: string; range: Range; name: string; label: string; isPreferred: boolean }) =>
        editFix(`Change to '${a.name}' (in ${a.label})`, a.uri, [{ range: a.range, newText: a.name }], { isPreferred: a.isPreferred }),
      /** An entry with a placeholder address, to fill in. */
      addEntry: (a: { names: NameLookup; name: string; isPreferred: boolean }) => ({
        title: `Add '${a.name}' to ${a.names.label}`,
        isPreferred: a.isPreferred,
        edits: [a.names.appendEntry(`${ADDRESS_PLACEHOLDER}\t${a.name}`)],
      }),
    },
  }),
  noHostsFile: defineRule({
    id: 'no-hosts-file',
    severity: 'info',
    summary: 'Names are used but the host has no hosts file',
    doc: {
      description:
        'A hostname file uses host names, but its host has no `hosts` file in the workspace, so the names could not be checked. At boot only the local `/etc/inet/hosts` can resolve them.',
      fix: "Add the host's `hosts` file to the workspace or set `solarisIpmp.fallbackHostsFile`; the quick fix creates a `hosts` file that lists the names, each with an `ADDRESS` placeholder.",
      fixable: 'quick-fix',
    },
    messages: {
      /** `names`: the names the file uses, each once. */
      noHostsFile: (a: { names: readonly string[] }) =>
        `This file uses host names (${a.names.slice(0, 3).join(', ')}${a.names.length > 3 ? ', …' : ''}) but its host has no hosts file in the workspace, so they could not be checked. At boot only /etc/inet/hosts can resolve them.`,
    },
    fixes: {
      /** The hosts file at `uri`, one placeholder entry per name. */
      createHostsFile: (a: { uri: string; names: readonly string[] }) => ({
        title: 'Create the hosts file with these names',
        isPreferred: true,
        edits: [
          {
            uri: a.uri,
            create: true,
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: a.names.map((n) => `${ADDRESS_PLACEHOLDER}\t${n}\n`).join('') }],
          },
        ],
      }),
    },
  }),
  ipnodesShadow: defineRule({
    id: 'ipnodes-shadow',
    severity: 'warning',
    summary: 'ipnodes maps the name elsewhere and wins',
    doc: {
      description:
        'Up to Solaris 10 11/06 ifconfig looks names up in `inet/ipnodes` before `hosts`. This name is in both files with different addresses, so the interface gets the `ipnodes` address, not the one `hosts` shows.',
      fix: 'Make the two files agree, usually by correcting or removing the stale `inet/ipnodes` entry.',
      fixable: 'none',
    },
    messages: {
      shadows: (a: { release: Release; hostsLabel: string; word: string; value: string | undefined; ipnodesLine: number; hostsValue: string }) =>
        `On ${RELEASE_LABELS[a.release]} ifconfig looks names up in inet/ipnodes before ${a.hostsLabel}: '${a.word}' resolves to ${a.value} (ipnodes line ${a.ipnodesLine}), not to ${a.hostsValue} as ${a.hostsLabel} says.`,
      // Related information
      ipnodesEntry: () => 'inet/ipnodes entry that wins',
      hostsEntry: (a: { hostsLabel: string }) => `${a.hostsLabel} entry that is ignored`,
    },
  }),
  netmaskNotFound: defineRule({
    id: 'netmask-not-found',
    severity: 'warning',
    summary: '`netmask +` finds no netmasks entry',
    doc: {
      description:
        "`netmask +`, written or appended by the boot to a one-line file, finds no `netmasks` entry for the address. Solaris then silently keeps the classful mask (/8, /16 or /24 by address class), which is often not the subnet's, and the broadcast address follows it. " +
        "The rule is checked only when the host's `netmasks` file is in the workspace.",
      fix: 'Add an entry for the subnet to `netmasks`, network number and mask; the quick fix appends one, with the prefix length of other addresses on the same subnet when it finds one (else /24).',
      fixable: 'quick-fix',
    },
    messages: {
      /** `classful`: the prefix length the boot uses; `suggested`: the one of its subnet (from its peers, else 24). */
      notFound: (a: { address: string; label: string; classful: number; suggested: number }) =>
        `'netmask +' finds no entry for ${a.address} in ${a.label}: the classful /${a.classful} (${formatIPv4(prefixMask(a.classful))}) is used silently${
          a.classful !== a.suggested ? `, not the /${a.suggested} of its subnet` : ''
        }.`,
    },
    fixes: {
      /** Appends `network<TAB>mask` to the netmasks file (after a final newline it adds when missing). */
      addEntry: (a: { uri: string; label: string; text: string; index: EditableText; network: string; mask: string }) => {
        const end = a.index.positionAt(a.text.length);
        const needsBreak = a.text.length > 0 && !a.text.endsWith('\n');
        return {
          title: `Add '${a.network} ${a.mask}' to ${a.label}`,
          isPreferred: true,
          edits: [{ uri: a.uri, edits: [{ range: { start: end, end }, newText: `${needsBreak ? '\n' : ''}${a.network}\t${a.mask}\n` }] }],
        };
      },
    },
  }),
  netmaskOverridden: defineRule({
    id: 'netmask-overridden',
    severity: 'warning',
    summary: 'An explicit netmask that netmasks contradicts',
    doc: {
      description:
        "An explicit `netmask` that the host's `netmasks` file contradicts. After name services start, the boot runs `netmask + broadcast +` again on every address that is up, so the mask from `netmasks` replaces the one written here.",
      fix: 'Use `netmask +` and keep the mask in `netmasks`, correcting that entry if it is the wrong one; the quick fix replaces the explicit mask with `+`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `prefix`: what netmasks gives; `written`: the file's own mask, as a prefix length. */
      overridden: (a: { label: string; line: number; address: string; prefix: number | undefined; written: number }) =>
        `${a.label} line ${a.line} gives ${a.address} a /${a.prefix} mask, and the boot re-runs 'netmask +' on every up address (net-svc), so this /${a.written} is replaced after boot. Use 'netmask +' (and fix ${a.label} if it is wrong).`,
      /** Related information. */
      netmasksEntry: () => 'the netmasks entry that wins',
    },
    fixes: {
      useNetmasks: (a: { uri: string; range: Range }) => editFix("Use 'netmask +'", a.uri, [{ range: a.range, newText: '+' }], { isPreferred: true }),
    },
  }),
  dhcpWithoutHostnameFile: defineRule({
    id: 'dhcp-without-hostname-file',
    severity: 'error',
    summary: 'A dhcp.<if> without its hostname.<if>',
    doc: {
      description:
        'A `dhcp.<if>` file with no matching `hostname.<if>`. The boot script plumbs only interfaces that have a hostname file, so the interface never exists and DHCP cannot start on it.',
      fix: 'Create an empty `hostname.<if>` for the same interface (the quick fix does), or rename the DHCP file if it names the wrong interface.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `others`: the host's hostname files. */
      noHostnameFile: (a: { nic: string; others: readonly string[] }) =>
        `There is no hostname.${a.nic}: the boot script plumbs only interfaces that have one, so ${a.nic} never exists and DHCP cannot start on it.${
          a.others.length ? ` (This host has ${a.others.join(', ')}.)` : ''
        } Create an empty hostname.${a.nic}.`,
    },
    fixes: {
      createHostnameFile: (a: { uri: string; nic: string }) => ({ title: `Create an empty hostname.${a.nic}`, isPreferred: true, edits: [{ uri: a.uri, create: true, edits: [] }] }),
    },
  }),
};
