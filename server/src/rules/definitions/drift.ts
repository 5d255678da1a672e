/**
 * The drift rules: the running system (a capture of ifconfig -a / ipmpstat) against the boot
 * files. Each declared once with its documentation, messages and fixes.
 */
import { defineRule } from '../define';

export const DRIFT_RULES = {
  driftAddressLost: defineRule({
    id: 'drift-address-lost',
    severity: 'warning',
    summary: 'An address that runs now and that the next reboot loses',
    doc: {
      description:
        'A capture of the running system (`ifconfig -a` saved beside the host\'s `etc`) shows an address that no boot file configures: it was added by hand with ifconfig, and the next reboot loses it. ' +
        'Reported on the NIC\'s hostname file when it has one; a NIC with no boot file at all is `drift-interface-lost`.',
      fix: 'Write the address into the NIC\'s hostname file if it is meant to stay; the quick fix appends an `addif` line with its netmask and flags as they run. A NIC\'s own address (unit 0) has no quick fix: replace the first address of the file by hand.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftAddressAdded: defineRule({
    id: 'drift-address-added',
    severity: 'warning',
    summary: 'An address the next reboot adds to the running system',
    doc: {
      description:
        'The next boot configures an address that the running system does not have: it was removed or never brought up since the last boot, and a reboot brings it back, perhaps onto a network where another host now uses it.',
      fix: 'Remove the address from the hostname file if it was removed on purpose, or add it to the running system; then capture `ifconfig -a` again.',
      fixable: 'none',
    },
    messages: {},
  }),
  driftAddressMoved: defineRule({
    id: 'drift-address-moved',
    severity: 'warning',
    summary: 'An address that runs on another NIC than the boot puts it',
    doc: {
      description:
        'An address runs on another NIC than the one whose file configures it, and in.mpathd did not put it there: the NIC is not in the same group, or the address is a test address, which never moves. A reboot moves it back.',
      fix: 'Move the address to the hostname file of the NIC it runs on, or move it back on the running system.',
      fixable: 'none',
    },
    messages: {},
  }),
  driftFlags: defineRule({
    id: 'drift-flags',
    severity: 'warning',
    summary: 'An address whose flags differ between now and the next boot',
    doc: {
      description:
        'An address runs with other flags than the next boot sets: `up`, `deprecated`, `-failover` (NOFAILOVER) or DHCP. A test address that lost `deprecated` or `-failover` on the running system, or a data address that gained them, behaves differently after a reboot.',
      fix: 'The quick fix adds or removes the keywords in the hostname file so the next boot sets the flags as they run, when each one has a single place to go.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftMask: defineRule({
    id: 'drift-mask',
    severity: 'warning',
    summary: 'An address whose netmask differs between now and the next boot',
    doc: {
      description:
        'An address runs with another netmask or prefix length than the next boot gives it, for example because `netmask +` finds a different `netmasks` entry than the mask set by hand.',
      fix: 'Where the hostname file gives the mask itself (`netmask` or a `/prefix`) the quick fix sets it to the running value; a mask from `netmasks` is corrected in that file.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftGroup: defineRule({
    id: 'drift-group',
    severity: 'warning',
    summary: 'A NIC in another IPMP group now than after the next boot',
    doc: {
      description:
        'A NIC runs in another IPMP group (or in none) than the `group` of its hostname files: it was changed with `ifconfig <if> group`, and a reboot changes which NICs back each other up.',
      fix: 'The quick fix writes the running group into the hostname file: it replaces the group name, adds `group <name>`, or removes the `group` keyword.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftStandby: defineRule({
    id: 'drift-standby',
    severity: 'warning',
    summary: 'A NIC standby now and active after the next boot, or the reverse',
    doc: {
      description:
        'A NIC is a standby interface on the running system and an active member after the next boot, or the reverse: a reboot changes which NIC carries the data addresses.',
      fix: 'Remove `standby` from the hostname file (quick fix) or add it where the NIC\'s test address is configured first, as `standby-addif-order` explains.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftMemberState: defineRule({
    id: 'drift-member-state',
    severity: 'warning',
    summary: 'A group member running FAILED, OFFLINE or INACTIVE',
    doc: {
      description:
        'A member of a group runs FAILED (in.mpathd found it failed: the group has lost its redundancy), OFFLINE (taken offline with `if_mpadm -d`) or INACTIVE while the boot files make it an active member. Nothing in the boot files is wrong; the running system needs attention before the next failure.',
      fix: 'Repair the NIC or its cabling, or bring it back with `if_mpadm -r`; then capture `ifconfig -a` again.',
      fixable: 'none',
    },
    messages: {},
  }),
  driftInterfaceLost: defineRule({
    id: 'drift-interface-lost',
    severity: 'warning',
    summary: 'A NIC plumbed now that no boot file plumbs',
    doc: {
      description:
        'A NIC is plumbed on the running system, and the host has no hostname file (or `dhcp.<if>`) for it: it was plumbed by hand, and the next reboot leaves it unplumbed with all its addresses.',
      fix: 'The quick fix creates the hostname file with the addresses, group and flags as they run.',
      fixable: 'quick-fix',
    },
    messages: {},
  }),
  driftInterfaceAdded: defineRule({
    id: 'drift-interface-added',
    severity: 'info',
    summary: 'A NIC the next boot plumbs that is not plumbed now',
    doc: {
      description:
        'The next boot plumbs a NIC that is not plumbed on the running system: it was unplumbed since the last boot, or it failed to plumb then.',
      fix: 'Remove the hostname file if the NIC is no longer used, or plumb it on the running system.',
      fixable: 'none',
    },
    messages: {},
  }),
  driftCaptureLine: defineRule({
    id: 'drift-capture-line',
    severity: 'info',
    summary: 'A line of a capture that is not ifconfig or ipmpstat output',
    doc: {
      description:
        'A line of a capture of the running system (`ifconfig-a.txt`, `ipmpstat.txt`) that is not part of `ifconfig -a` or `ipmpstat` output, such as a shell prompt or a line cut by a terminal. It is left out of the comparison, so what it held is not compared.',
      fix: 'Save the command output as it is, for example `ifconfig -a > ifconfig-a.txt` on the host, or remove the line.',
      fixable: 'none',
    },
    messages: {},
  }),
};
