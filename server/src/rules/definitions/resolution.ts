/**
 * The rules that resolve a hostname file against the host's other files (RULES.md
 * "Resolution"): each declared once with its documentation, messages and fixes.
 */
import { defineRule } from '../define';

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
    messages: {},
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
    messages: {},
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
    messages: {},
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
    messages: {},
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
    messages: {},
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
    messages: {},
  }),
};
