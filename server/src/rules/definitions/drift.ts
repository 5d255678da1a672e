/**
 * The drift rules: the running system (a capture of ifconfig -a / ipmpstat) against the boot
 * files. Each declared once with its documentation, messages and fixes.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { AddressFamily } from '../../catalog/keywords';
import type { DriftFlag } from '../../engine/drift';
import type { MaskSource } from '../../engine/state';
import type { Span } from '../../syntax/text';
import { defineRule, editFix } from '../define';
import { insertAt, removeWords, type EditableText } from '../edits';
import { familyLabel } from './wording';

/** The flags as the boot files write them. */
const FLAG_NAMES: Record<DriftFlag, string> = { UP: 'up', DEPRECATED: 'deprecated', NOFAILOVER: '-failover', DHCP: 'DHCP' };

function flagNames(flags: readonly DriftFlag[]): string {
  return flags.map((f) => FLAG_NAMES[f]).join(', ');
}

/** The flags of a captured address that matter here, as ifconfig prints them. */
function ipmpFlags(flags: readonly string[]): string {
  const shown = flags.filter((f) => ['UP', 'DEPRECATED', 'NOFAILOVER', 'STANDBY', 'INACTIVE', 'FAILED', 'OFFLINE', 'DHCP'].includes(f.toUpperCase()));
  return shown.length ? shown.join(',') : 'no IPMP flags';
}

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
    messages: {
      /** `flags`: the running address's flags; `ownAddress`: it is the NIC's unit 0, and `file` gives the NIC another one. */
      lost: (a: { address: string; lif: string; flags: readonly string[]; ownAddress?: { readonly file: string; readonly nic: string } }) =>
        `The running system has ${a.address} on ${a.lif} (${ipmpFlags(a.flags)}), and no boot file configures it: the next reboot loses it.${
          a.ownAddress ? ` It is ${a.lif}'s own address; ${a.ownAddress.file} gives ${a.ownAddress.nic} another one.` : ''
        }`,
      /** Related information: the address in the capture. */
      inCapture: (a: { lif: string; capture: string }) => `${a.lif} in ${a.capture}`,
    },
    fixes: {
      /** `line`: the `addif …` words that configure the address as it runs; appended to `file`. */
      addLine: (a: { uri: string; file: string; text: string; index: EditableText; line: string }) => {
        const eol = /\r\n/.test(a.text) ? '\r\n' : '\n';
        const needsBreak = a.text.length > 0 && !a.text.endsWith('\n');
        return editFix(`Add '${a.line}' to ${a.file}`, a.uri, [insertAt(a.index, a.text.length, `${needsBreak ? eol : ''}${a.line}${eol}`)], { isPreferred: true });
      },
    },
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
    messages: {
      added: (a: { address: string; lif: string; capture: string }) =>
        `The next boot puts ${a.address} on ${a.lif}, and the running system does not have it (${a.capture}): a reboot adds it. If it was removed on purpose, remove it here too.`,
    },
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
    messages: {
      /** `test`: a test address (they never move); else `runningNic` is outside the booted NIC's `group`. */
      moved: (a: { address: string; lif: string; nic: string; test: boolean; runningNic: string; group?: string }) =>
        `${a.address} runs on ${a.lif}, but the next boot puts it on ${a.nic} (${
          a.test ? 'a test address never moves' : `${a.runningNic} is not in ${a.nic}'s group${a.group ? ` ${a.group}` : ''}`
        }): a reboot moves it.`,
      /** Related information. */
      runsNow: (a: { address: string; lif: string }) => `${a.address} on ${a.lif} now`,
    },
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
    messages: {
      /** `missing`: flags it runs with that the boot does not set; `extra`: the reverse. */
      differ: (a: { address: string; lif: string; missing: readonly DriftFlag[]; extra: readonly DriftFlag[] }) => {
        const parts: string[] = [];
        if (a.missing.length) parts.push(`runs with ${flagNames(a.missing)}, which the next boot does not set`);
        if (a.extra.length) parts.push(`runs without ${flagNames(a.extra)}, which the next boot sets`);
        return `${a.address} (${a.lif}) ${parts.join(', and ')}.`;
      },
      /** Related information: the capture's line with its flags. */
      runningFlags: (a: { lif: string; flags: readonly string[] }) => `${a.lif}: ${a.flags.join(',')}`,
    },
    fixes: {
      /** `edits`: the words added after the address (and `up` at the end) and removed. */
      asItRuns: (a: { uri: string; address: string; missing: readonly DriftFlag[]; extra: readonly DriftFlag[]; edits: readonly TextEdit[] }) =>
        editFix(
          `Make ${a.address} ${[a.missing.length ? `add ${flagNames(a.missing)}` : '', a.extra.length ? `drop ${flagNames(a.extra)}` : ''].filter(Boolean).join(' and ')} as it runs`,
          a.uri,
          a.edits,
          { isPreferred: true },
        ),
    },
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
    messages: {
      /** `source`: where the boot's mask comes from, when not from the line itself. */
      differs: (a: { address: string; runningMask: string; bootMask: string; source: MaskSource }) =>
        `${a.address} runs with the mask ${a.runningMask}; the next boot gives it ${a.bootMask}${
          a.source === 'netmasks' ? ` (from netmasks, by 'netmask +')` : a.source === 'classful' ? ' (the class default: no netmask is given)' : ''
        }.`,
      /** Related information. */
      runsNow: (a: { lif: string }) => `${a.lif} now`,
    },
    fixes: {
      setNetmask: (a: { uri: string; range: Range; mask: string }) =>
        editFix(`Set the netmask to ${a.mask}, as it runs`, a.uri, [{ range: a.range, newText: a.mask }], { isPreferred: true }),
      /** `range`: the digits after the `/`. */
      setPrefixLength: (a: { uri: string; range: Range; length: number }) =>
        editFix(`Set the prefix length to /${a.length}, as it runs`, a.uri, [{ range: a.range, newText: String(a.length) }], { isPreferred: true }),
    },
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
    messages: {
      differs: (a: { nic: string; running?: string; boot?: string }) =>
        `${a.nic} runs ${a.running ? `in group ${a.running}` : 'in no group'}; the next boot puts it ${a.boot ? `in group ${a.boot}` : 'in no group'}.`,
      /** Related information. */
      runsNow: (a: { nic: string }) => `${a.nic} now`,
    },
    fixes: {
      changeGroup: (a: { uri: string; range: Range; nic: string; group: string }) =>
        editFix(`Put ${a.nic} in group ${a.group}, as it runs`, a.uri, [{ range: a.range, newText: a.group }], { isPreferred: true }),
      removeGroup: (a: { uri: string; index: EditableText; keyword: Span; group: Span & { readonly text: string }; nic: string }) =>
        editFix(`Remove 'group ${a.group.text}': ${a.nic} runs in no group`, a.uri, [removeWords(a.index, a.keyword, a.group)]),
      /** After the last word of the file's first line (`after`). */
      addGroup: (a: { uri: string; index: EditableText; after: number; group: string; file: string }) =>
        editFix(`Add 'group ${a.group}' to ${a.file}`, a.uri, [insertAt(a.index, a.after, ` group ${a.group}`)], { isPreferred: true }),
    },
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
    messages: {
      /** `running`: it runs as a standby (and boots active), else the reverse. */
      differs: (a: { nic: string; running: boolean }) =>
        a.running
          ? `${a.nic} runs as a standby interface (STANDBY); the next boot makes it an active member: a reboot changes which NIC carries the data addresses.`
          : `${a.nic} runs as an active member; the next boot makes it a standby interface: a reboot moves its data addresses away.`,
      /** Related information. */
      runsNow: (a: { nic: string }) => `${a.nic} now`,
    },
    fixes: {
      removeStandby: (a: { uri: string; index: EditableText; standby: Span; nic: string }) =>
        editFix(`Remove 'standby': ${a.nic} runs as an active member`, a.uri, [removeWords(a.index, a.standby)]),
    },
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
    messages: {
      /** `source`: where the state was read (`ipmpstat -i`, or the capture's label). */
      state: (a: { nic: string; state: 'FAILED' | 'OFFLINE' | 'INACTIVE'; group: string; source: string }) =>
        `${a.nic} runs ${a.state} in group ${a.group} (${a.source}): ${
          a.state === 'FAILED'
            ? 'in.mpathd found it failed, and its data addresses run on another member: the group has lost its redundancy'
            : a.state === 'OFFLINE'
              ? 'someone took it offline (if_mpadm -d); a reboot brings it back'
              : 'it carries no data addresses although the boot files make it an active member (after a repair with FAILBACK=no, or a standby that took over)'
        }.`,
      /** Related information. */
      runsNow: (a: { nic: string }) => `${a.nic} now`,
    },
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
    messages: {
      /** `addresses`: what it runs with; `dhcp`: it runs DHCP (a dhcp.<if> would do too). */
      lost: (a: { nic: string; family: AddressFamily; addresses: readonly string[]; file: string; dhcp: boolean }) =>
        `${a.nic} is plumbed for ${familyLabel(a.family)} on the running system${a.addresses.length ? ` (${a.addresses.join(', ')})` : ''}, and the host has no ${a.file}${
          a.dhcp ? ` or dhcp.${a.nic}` : ''
        }: the next reboot leaves it unplumbed.`,
    },
    fixes: {
      /** `lines`: the hostname file's lines that plumb the NIC as it runs. */
      createFile: (a: { uri: string; file: string; nic: string; lines: readonly string[] }) => ({
        title: `Create ${a.file} so the next boot plumbs ${a.nic} as it runs`,
        isPreferred: true,
        edits: [
          {
            uri: a.uri,
            create: true,
            edits: a.lines.length ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${a.lines.join('\n')}\n` }] : [],
          },
        ],
      }),
    },
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
    messages: {
      added: (a: { nic: string; family: AddressFamily; capture: string; file: string }) =>
        `${a.nic} is not plumbed for ${familyLabel(a.family)} on the running system (${a.capture}); the next boot plumbs it from ${a.file}.`,
    },
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
    messages: {
      /** `problem`: what the capture reader says of the line. */
      notOutput: (a: { problem: string }) => `${a.problem}: this line is left out of the comparison with the boot files.`,
    },
  }),
};
