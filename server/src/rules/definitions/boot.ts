/**
 * The rules that read the simulated boot, its commands and their outcome: each declared once
 * with its documentation, messages and fixes.
 */
import type { Range } from 'vscode-languageserver-types';
import type { AddressFamily, ArgumentKind } from '../../catalog/keywords';
import { RELEASES, type Release } from '../../catalog/releases';
import type { IfconfigErrorCode } from '../../engine/command';
import type { Span } from '../../syntax/text';
import { defineRule, editFix } from '../define';
import { insertAt, type EditableText } from '../edits';
import { familyLabel } from './wording';

/** What a failure means at boot, when ifconfig's own message needs a word of explanation. */
function explainFailure(code: IfconfigErrorCode): string {
  switch (code) {
    case 'unknown-zone':
      return ' No zone is running yet when the network is configured at boot, so no zone name is known; a zone gets its addresses from zoneadm (zonecfg net resources), not from hostname files.';
    case 'no-such-interface':
      return ' The interface it names is not plumbed at this point of the boot.';
    default:
      return '';
  }
}

export const BOOT_RULES = {
  keywordAsAddress: defineRule({
    id: 'keyword-as-address',
    severity: 'error',
    summary: 'A keyword where ifconfig reads an address',
    doc: {
      description:
        'A keyword where ifconfig reads an address, as in `addif deprecated`, `netmask up` or `broadcast up`. A keyword that takes an argument takes the next word whatever it is, so ifconfig looks the keyword up as a host name and fails with `bad address`; after `netmask` the whole line fails before anything on it is applied.',
      fix: 'Give the keyword its argument; for `netmask` and `broadcast` the quick fix inserts `+`, as in `netmask + up`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `slot`: what the keyword before it takes (an address, a mask, a broadcast address). */
      keyword: (a: { word: string; keyword: string; slot: ArgumentKind | undefined }) =>
        `'${a.word}' is a keyword, but '${a.keyword}' takes the next word as ${
          a.slot === 'netmask' ? "a mask (or '+')" : a.slot === 'broadcast' ? "an address (or '+')" : 'an address'
        }, whatever it is: ifconfig looks '${a.word}' up as a host name and stops with '${a.word}: bad address'${a.keyword === 'netmask' ? ' before it applies anything on this line' : ''}.${
          a.slot === 'netmask' || a.slot === 'broadcast' ? ` Did you mean '${a.keyword} + ${a.word}'?` : ` Write the address after '${a.keyword}'.`
        }`,
    },
    fixes: {
      insertPlus: (a: { uri: string; index: EditableText; keyword: string; before: number }) =>
        editFix(`Insert '+' after '${a.keyword}'`, a.uri, [insertAt(a.index, a.before, '+ ')], { isPreferred: true }),
    },
  }),
  addifOnLogical: defineRule({
    id: 'addif-on-logical',
    severity: 'error',
    summary: '`addif` in a logical-interface file',
    doc: {
      description:
        '`addif` in the file of a logical interface, such as `hostname.ce0:1`. `addif` works only on a physical interface, so ifconfig stops with `addif: bad physical interface name` and the rest of the line is never read.',
      fix: "Move the address to the physical interface's file with `addif`, or give it a `hostname.ce0:N` file of its own without `addif`.",
      fixable: 'none',
    },
    messages: {
      /** `logical`: the file's interface, `ce0:1`. */
      logicalFile: (a: { logical: string }) => {
        const physical = a.logical.split(':')[0];
        return `'addif' makes a new logical interface of a physical one, but this file configures the logical interface ${a.logical}: ifconfig stops with 'addif: bad physical interface name ${a.logical}' and the rest of the line is never read. Put this address in hostname.${physical} (with 'addif'), or in a hostname.${physical}:<n> file of its own (without 'addif').`;
      },
    },
  }),
  addressReplaced: defineRule({
    id: 'address-replaced',
    severity: 'error',
    summary: "A later line replaces an interface's address",
    doc: {
      description:
        "Each line of a hostname file is a separate ifconfig command, and its first address sets the interface's own address, so a later line (or file) that starts with another address replaces the one set before, which is gone after boot. " +
        'In `hostname6.<if>` a global address written that way replaces the link-local address, the one in.mpathd probes from.',
      fix: 'Add the second address with `addif`; the quick fix inserts `addif` before it.',
      fixable: 'quick-fix',
    },
    messages: {
      /** A hostname6 line's first address replaces the link-local address `lif` got at plumb time. */
      linkLocal: (a: { file: string; lif: string; word: string }) =>
        `The first address of a line in ${a.file} is ${a.lif}'s own address, so ${a.word} replaces the link-local address ${a.lif} got when it was plumbed: the NIC is left without one, and in.mpathd probes only from link-local addresses (neighbour discovery needs one too). Add global addresses with 'addif … up'.`,
      /** `where`: the earlier line (`line 3`, or `hostname.ce0 line 3` in another file). */
      earlierAddress: (a: { lif: string; word: string; address: string; previousWord: string; previousAddress: string; where: string }) =>
        `Each line is a command of its own, and its first address is ${a.lif}'s own address: ${a.word} (${a.address}) replaces ${a.previousWord}${
          a.previousWord === a.previousAddress ? '' : ` (${a.previousAddress})`
        } set on ${a.where}, which is gone after boot. To add a second address, write 'addif ${a.word} …'.`,
      /** Related information: the replaced address. */
      replaced: (a: { address: string }) => `${a.address}, replaced`,
    },
    fixes: {
      useAddif: (a: { uri: string; index: EditableText; word: Span & { readonly text: string } }) =>
        editFix(`Add ${a.word.text} with 'addif' instead`, a.uri, [insertAt(a.index, a.word.start, 'addif ')], { isPreferred: true }),
    },
  }),
  nameWrongFamily: defineRule({
    id: 'name-wrong-family',
    severity: 'error',
    summary: 'A name with addresses of the other family only',
    doc: {
      description:
        'A host name that has addresses of the other family only, such as an IPv6-only name in `hostname.<if>`. ifconfig looks the name up for the family of the file alone, finds nothing and fails with `bad address`.',
      fix: "Use a name with an address of the file's family, add such an address to `hosts` (or `inet/ipnodes`), or move the name to the other family's file.",
      fixable: 'none',
    },
    messages: {
      /** `family`: the file's; `entry`: the name's first entry of the other family. */
      otherFamilyOnly: (a: { name: string; word: string; family: AddressFamily; fileLabel: string; entry?: { readonly address: string; readonly label: string; readonly line: number } }) =>
        `'${a.name}' has only ${a.family === 'inet' ? 'an IPv6' : 'an IPv4'} address${a.entry ? ` (${a.entry.address}, ${a.entry.label} line ${a.entry.line})` : ''}, but ${a.fileLabel} configures ${
          familyLabel(a.family)
        }: ifconfig looks the name up for ${familyLabel(a.family)} alone and stops with '${a.word}: bad address'.${
          a.family === 'inet' ? ' IPv6 addresses belong in hostname6.<if>.' : ' IPv4 addresses belong in hostname.<if>; IPv6 needs a name with an IPv6 address.'
        }`,
      /** Related information: that entry. */
      otherFamilyEntry: (a: { name: string; family: AddressFamily }) => `the ${a.family === 'inet' ? 'IPv6' : 'IPv4'} entry of '${a.name}'`,
    },
  }),
  conflictingGroups: defineRule({
    id: 'conflicting-groups',
    severity: 'error',
    summary: 'One NIC put in two groups: the last one run wins',
    doc: {
      description:
        'One NIC is put into two different groups, in `hostname.<if>` and `hostname6.<if>` or on two lines. The group belongs to the whole NIC, IPv4 and IPv6 together, and the last one set wins (hostname6 files run after hostname files), so after boot the NIC is not a member of the other group.',
      fix: 'Use one group name for the NIC in all its files; the quick fix changes the losing name to the group that wins.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `laterFile`: the file whose line wins, when another than this one. */
      lastWins: (a: { nic: string; group: string; final: string; laterFile?: string }) =>
        `The group belongs to the NIC (IPv4 and IPv6 together), and the last one set wins: ${a.laterFile ? `${a.laterFile} runs later and puts` : 'a later line puts'} ${a.nic} in '${a.final}', so ${a.nic} is not a member of '${a.group}' after boot.`,
      /** Related information: the group word that wins. */
      wins: (a: { final: string }) => `group '${a.final}' wins`,
    },
    fixes: {
      changeTo: (a: { uri: string; range: Range; final: string }) => editFix(`Change to '${a.final}'`, a.uri, [{ range: a.range, newText: a.final }]),
    },
  }),
  dhcpRejected: defineRule({
    id: 'dhcp-rejected',
    severity: 'error',
    summary: 'A DHCP line or file that ifconfig rejects',
    doc: {
      description:
        'A DHCP line that ifconfig rejects at boot, so DHCP never starts: a one-line `hostname.<if>` holding `dhcp` (the `netmask + broadcast + up` the boot appends is no DHCP word, so ifconfig prints its usage), a word that is no DHCP operation, or `dhcp` in `hostname6.<if>` before OpenSolaris, which ifconfig refuses with exit status 0, so the boot shows no failure.',
      fix: 'Leave `hostname.<if>` empty and put the DHCP options (`primary`, `wait` seconds) in `dhcp.<if>`; IPv6 addresses come from stateless autoconfiguration or are written in `hostname6.<if>`.',
      fixable: 'none',
    },
    messages: {
      /** `dhcp` in hostname6; `release`: the target. */
      inet6: (a: { release: Release; nic: string }) =>
        `${RELEASES.indexOf(a.release) < RELEASES.indexOf('osol') ? 'This release' : 'ifconfig'} has no DHCP for IPv6: ifconfig prints 'dhcp not supported for inet6' and exits 0, so the boot goes on without DHCP and without an error. IPv6 addresses come from in.ndpd (stateless autoconfiguration) or are written in hostname6.${a.nic}.`,
      /** A one-line hostname.<if> with `dhcp`: the appended `netmask` is no DHCP word. */
      appendedWords: (a: { nic: string; usage: string }) =>
        `This file has one line, so the boot script appends 'netmask + broadcast + up' to it; after 'dhcp' ifconfig reads only DHCP words, takes 'netmask' for an unknown operation, prints its usage ("${a.usage}") and exits: DHCP never starts. Leave hostname.${a.nic} empty and put the DHCP options in dhcp.${a.nic}.`,
      notDhcpWord: (a: { word: string | undefined; usage: string; exitCode: number | undefined; nic: string }) =>
        `'${a.word}' is no DHCP word of ifconfig (primary, wait <seconds>|forever, start, drop, release, extend, inform, ping, status): at boot it prints its usage ("${a.usage}") and exits ${a.exitCode}, so DHCP never starts on ${a.nic}.`,
    },
  }),
  bootCommandFails: defineRule({
    id: 'boot-command-fails',
    severity: 'error',
    summary: 'A command that fails at boot for a reason no other rule names',
    doc: {
      description:
        'A boot command that fails for a reason no other rule describes, such as an unknown zone, an MTU the interface refuses, a `removeif` of an address the interface does not have, or `usesrc` naming an interface not plumbed yet. ' +
        "The diagnostic quotes ifconfig's own message; the words of the line after the failure are never applied.",
      fix: "Correct the line as ifconfig's message says; Preview Boot, or `ipmp-lint explain`, shows the command as the boot runs it and what it prints.",
      fixable: 'none',
    },
    messages: {
      /** `command`: as run; `error`: ifconfig's words; `notRead`: the words after the failing one. */
      fails: (a: { command: string; error: string; notRead: readonly string[]; code: IfconfigErrorCode }) =>
        `At boot '${a.command}' fails: ${a.error}${a.notRead.length ? ` — the rest of the line (${a.notRead.join(' ')}) is never read.` : '.'}${explainFailure(a.code)}`,
    },
  }),
};
