/**
 * The rules of one hostname.<if>, hostname6.<if> or dhcp.<if> file (RULES.md, first table),
 * with the ids other files share (invalid-address, invalid-netmask, carriage-return,
 * missing-final-newline): each declared once with its documentation, messages and fixes.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { AddressFamily, ArgumentKind } from '../../catalog/keywords';
import type { MpathdSetting } from '../../catalog/mpathd';
import { RELEASE_LABELS, type Release } from '../../catalog/releases';
import type { KeywordUse } from '../../syntax/hostname';
import type { Span } from '../../syntax/text';
import { defineRule, editFix } from '../define';
import { insertAt, moveWordsAfter, moveWordsBefore, removeWords, replaceSpan, type EditableText } from '../edits';
import { describeDefault } from './mpathd';
import { escapeControls, familyLabel, keywordWords, suggest } from './wording';

/** The client command that switches a document to LF (a text edit cannot in VS Code). */
export const CONVERT_TO_LF_COMMAND = 'solarisIpmp.convertToLf';

/** What a file with CRs has: `crlf` when a LF follows them (else classic Mac endings), and how many. */
export interface LineEndings {
  readonly crlf: boolean;
  readonly count: number;
}

/**
 * The message for a file with CRs; `consequence` continues "Windows (CRLF) line endings on N
 * lines". A file whose CRs are never followed by a LF (classic Mac endings) is something else
 * for Solaris: only LF ends a line, so the whole file is one line with CRs inside it.
 */
function lineEndings(a: LineEndings, consequence: string): string {
  if (a.crlf) return `Windows (CRLF) line endings on ${a.count} line${a.count === 1 ? '' : 's'}${consequence}`;
  return `CR-only line endings (${a.count} CR${a.count === 1 ? '' : 's'}, no LF after them): Solaris ends a line only at LF, so it reads this file as a single line with the CRs inside it. Convert the file to LF.`;
}

/** What a keyword's argument must be, as a missing-argument message says it. */
function argumentLabel(kind: ArgumentKind | undefined): string {
  switch (kind) {
    case 'address':
      return 'an address or host name';
    case 'destination':
      return 'an address';
    case 'netmask':
      return "a mask or '+'";
    case 'broadcast':
      return "an address or '+'";
    case 'group':
      return 'a group name';
    case 'integer':
      return 'a number';
    case 'byte':
      return 'a number from 0 to 255';
    case 'prefix':
      return 'an address/prefix-length';
    case 'interface':
      return "an interface name or 'none'";
    case 'zone':
      return 'a zone name';
    case 'module':
      return 'module@position';
    case 'mac':
      return 'a MAC address';
    case 'algorithm':
      return 'an algorithm';
    default:
      return 'an argument';
  }
}

/** Why a hosts file's address column cannot be read. */
const HOSTS_UNREADABLE = {
  'zone-index': 'a zone index (%...) is not accepted here',
  'prefix-length': 'a prefix length (/len) is not accepted here',
  'not-ipv6': 'it is not a valid IPv6 address',
  'error-value': '255.255.255.255 is the value inet_addr returns for errors',
};

/** A netmasks line that cannot be used. */
const NETMASKS_IGNORED = 'libnsl ignores the line, and `netmask +` falls back to the classful mask for that network';

/** What inet_addr does with a form that is not a plain dotted quad. */
const INET_ADDR_READS = {
  short: 'fills in the missing parts',
  hex: 'reads hex',
  octal: 'reads a part with a leading zero as octal',
};

export const HOSTNAME_RULES = {
  commentNotSupported: defineRule({
    id: 'comment-not-supported',
    severity: 'error',
    summary: 'A `#` in a hostname file is taken as an address',
    doc: {
      description:
        'A `#` in a hostname file does not start a comment: the boot script hands every word to ifconfig, which takes `#` as an address, fails with `bad address` and never applies the words after it. ' +
        'A line that holds only a comment also makes the file multi-line, so the boot no longer appends `netmask + broadcast + up`.',
      fix: 'Delete the comment and keep notes about the interface somewhere else; the quick fix deletes it, and a whole comment line with its line break.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `word`: the word starting with `#`; `wholeLine`: the comment is the line's only content. */
      comment: (a: { word: string; wholeLine: boolean }) =>
        `Hostname files have no comments: ifconfig takes '${a.word}' as an address and stops with 'bad address'.${
          a.wholeLine ? ' A comment line also makes the file multi-line, so the implicit netmask + broadcast + up is not added.' : ' The words after it on this line are never applied.'
        }`,
    },
    fixes: {
      /** `range`: the comment (with the blanks before it), or its whole line with the line break. */
      deleteComment: (a: { uri: string; range: Range }) => editFix('Delete the comment', a.uri, [{ range: a.range, newText: '' }], { isPreferred: true, safe: true }),
    },
  }),
  missingFinalNewline: defineRule({
    id: 'missing-final-newline',
    severity: 'error',
    summary: 'The boot script drops an unterminated last line',
    doc: {
      description:
        "The last line does not end with a newline. The shell's `read` never returns an unterminated line, so the boot script silently skips it, and a one-line file leaves the interface plumbed with no address and no error. " +
        'In `default/mpathd` the last line is lost the same way and its setting keeps the default.',
      fix: 'End the file with a newline; the quick fix adds it, and drops a backslash at the very end that would turn the new line break into a continuation.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `onlyLine`: the file's one line is the unterminated one. */
      hostname: (a: { onlyLine: boolean }) =>
        a.onlyLine
          ? 'The file does not end with a newline: the boot script never reads its only line, so the interface is plumbed with no address and no error is shown.'
          : 'The last line does not end with a newline: the boot script never reads it, so it is silently left out at boot.',
      // default/mpathd
      /** `line`: the setting on the unterminated line, when it is one in.mpathd knows. */
      mpathd: (a: { line?: { readonly name: string; readonly value: string; readonly setting: MpathdSetting } }) =>
        `The last line has no newline: defread only returns complete lines, so ${
          a.line ? `in.mpathd never reads '${a.line.name}=${a.line.value}' and ${a.line.setting.name} keeps ${describeDefault(a.line.setting)}` : 'in.mpathd never reads it'
        }.`,
    },
    fixes: {
      /**
       * `dangling`: backslashes an added newline would turn into a continuation (`read` drops a
       * backslash at the very end of the file anyway), removed with it.
       */
      addFinalNewline: (a: { uri: string; index: EditableText; dangling: readonly number[] }) =>
        editFix(
          a.dangling.length === 0 ? 'Add the final newline' : 'Remove the dangling backslash and add the final newline',
          a.uri,
          [...a.dangling.map((o) => ({ range: a.index.range(o, o + 1), newText: '' })), insertAt(a.index, a.index.text.length, '\n')],
          { isPreferred: true, safe: true },
        ),
      // default/mpathd: in the file's own line ending (a CRLF file gets its own finding and fix for the CRs)
      addNewline: (a: { uri: string; at: Range; newline: string }) =>
        editFix('Add the newline', a.uri, [{ range: a.at, newText: a.newline }], { isPreferred: true, safe: true }),
    },
  }),
  unknownKeyword: defineRule({
    id: 'unknown-keyword',
    severity: 'error',
    summary: 'A word that is no ifconfig keyword',
    doc: {
      description:
        'A word where a keyword belongs that is no ifconfig keyword: a typo (`standy`), the wrong case (`UP`), or a keyword the target release does not have yet. ' +
        'ifconfig takes the word as a host name, fails with `bad address` and skips the rest of the line. ' +
        'In a `dhcp.<if>` file only `primary` and `wait` are understood, and any other word keeps DHCP from starting.',
      fix: 'Correct the spelling or the case (keywords are lower case); when a keyword is close, the quick fix offers it, for example `standy` to `standby`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** A keyword of a later release than the target. */
      laterRelease: (a: { keyword: string; release: Release }) =>
        `'${a.keyword}' is not known to the ifconfig of ${RELEASE_LABELS[a.release]} (it arrived later): it is taken as an address and fails with 'bad address'.`,
      /** `slot`: where ifconfig puts the word. */
      notKeyword: (a: { word: string; slot: 'address' | 'destination' | 'extra'; suggestion?: string }) =>
        `'${a.word}' is not an ifconfig keyword (keywords are case-sensitive): ${
          a.slot === 'address'
            ? 'ifconfig takes it as the address'
            : a.slot === 'destination'
              ? 'ifconfig takes it as a point-to-point destination address'
              : 'ifconfig has no place for it'
        } and stops with 'bad address'.${suggest(a.suggestion)}`,
      notDhcpOption: (a: { word: string; suggestion?: string }) =>
        `'${a.word}' is not a DHCP option of dhcp.<if> files (only 'primary' and 'wait <seconds>'): the DHCP agent is not started.${suggest(a.suggestion)}`,
      notDhcpWord: (a: { word: string; suggestion?: string }) => `'${a.word}' is not a DHCP word of ifconfig: it fails with a usage message.${suggest(a.suggestion)}`,
    },
    fixes: {
      /** `safe`: the keyword the word surely meant (`--fix` may apply it). */
      changeTo: (a: { uri: string; range: Range; keyword: string; isPreferred: boolean; safe: boolean }) =>
        ({ ...editFix(`Change to '${a.keyword}'`, a.uri, [{ range: a.range, newText: a.keyword }], { isPreferred: a.isPreferred }), ...(a.safe ? { safe: true } : {}) }),
    },
  }),
  missingArgument: defineRule({
    id: 'missing-argument',
    severity: 'error',
    summary: 'A keyword that needs an argument ends the line',
    doc: {
      description:
        'A keyword that needs an argument (`netmask`, `broadcast`, `group`, `addif`, `mtu`, DHCP `wait` and others) is the last word of its line, so ifconfig stops with a message such as `no argument for group`. ' +
        'In a one-line file the keyword instead takes the `netmask` the boot appends as its argument, and the rest of the appended words fail.',
      fix: 'Give the keyword its argument (an address or name, a mask or `+`, a group name, a number), or remove the keyword.',
      fixable: 'none',
    },
    messages: {
      /** `swallowsNetmask`: a one-line file, where the keyword takes the appended `netmask` as its argument. */
      endOfLine: (a: { keyword: string; expects: ArgumentKind | undefined; swallowsNetmask: boolean }) =>
        a.swallowsNetmask
          ? `'${a.keyword}' needs ${argumentLabel(a.expects)}, but the line ends here. This file has one line, so the boot script appends 'netmask + broadcast + up': '${a.keyword}' takes 'netmask' as its argument, and what follows fails at boot.`
          : `'${a.keyword}' needs ${argumentLabel(a.expects)}, but the line ends here: ifconfig stops with 'no argument for ${a.keyword}'.`,
      dhcpWait: () => "'wait' needs a number of seconds or 'forever'.",
    },
  }),
  invalidAddress: defineRule({
    id: 'invalid-address',
    severity: 'error',
    summary: 'A malformed IPv4 or IPv6 address',
    doc: {
      description:
        'An address that Solaris cannot read, or reads as something else than it looks: a malformed IPv4 or IPv6 literal (`10.888.1.2`, a bad prefix length), or a short, hex or leading-zero form that `inet_addr` turns into another address (`192.168.1` is read as `192.168.0.1`). ' +
        'In a hostname file ifconfig fails with `bad address` or configures an address nobody meant; in `hosts`, `ipnodes` and `netmasks` a line that cannot be read is skipped, so its names or its mask are never found.',
      fix: 'Write the address as a plain dotted quad or a valid IPv6 address. In `hosts` and `netmasks` quick fixes write the address Solaris reads (or the decimal one that was meant) and split a `/len` network number into network and mask.',
      fixable: 'quick-fix',
    },
    messages: {
      // hostname files
      notValid: (a: { reason: string }) => `Not a valid address: ${a.reason}. ifconfig stops with 'bad address'.`,
      /** A short form (`192.168.1`) inet_addr fills in: `reads` is what it makes of it. */
      notFull: (a: { reason: string; reads: string }) =>
        `Not a full address: ${a.reason}. ifconfig reads it the way inet_addr does, as ${a.reads} (the last part fills the remaining bytes), which is surely not what was meant.`,
      prefixMissing: (a: { keyword: string }) => `'${a.keyword}' needs a prefix length (address/length): ifconfig stops with 'Missing prefix length in ${a.keyword}'.`,
      // hosts and inet/ipnodes
      /** An address column nss_files cannot read: the line is skipped. */
      hostsUnreadable: (a: { address: string; why: keyof typeof HOSTS_UNREADABLE | { readonly reason: string } }) =>
        `'${escapeControls(a.address)}' cannot be read as an address (${typeof a.why === 'string' ? HOSTS_UNREADABLE[a.why] : a.why.reason}): Solaris skips the line, so its names do not resolve.`,
      /** A short, hex or octal form inet_addr reads as another address (a warning). */
      hostsReadAs: (a: { address: string; reads: string; how: keyof typeof INET_ADDR_READS }) =>
        `Solaris reads '${a.address}' as ${a.reads}: inet_addr ${INET_ADDR_READS[a.how]}. Write the address as a plain dotted quad.`,
      // netmasks: the network-number column
      networkPrefixLength: () => `A network number takes no '/len' prefix length: ${NETMASKS_IGNORED}. Write the network and the mask as two fields.`,
      networkErrorValue: () => `255.255.255.255 is the value inet_addr returns for errors, so it cannot be a network number: ${NETMASKS_IGNORED}.`,
      networkUnreadable: (a: { reason: string }) => `Not a network number libnsl can read (${a.reason}): ${NETMASKS_IGNORED}.`,
      /** Read, and it fits its mask, but spelt so that libnsl's lookup (by dotted-decimal text) never finds it (a warning). */
      networkNeverFound: (a: { written: string; reads: string; how: 'hex' | 'octal' | 'short'; network: string }) =>
        `libnsl never finds this entry: ${
          a.how === 'hex'
            ? 'it is written in hex'
            : a.how === 'octal'
              ? `inet_addr reads the leading-zero part as octal, making it ${a.reads}`
              : `inet_addr reads '${a.written}' as ${a.reads} (the last part fills the remaining bits)`
        }, and the lookup only finds a line that spells its network number as ${a.network}. \`netmask +\` falls back to the classful mask.`,
    },
    fixes: {
      // hosts and inet/ipnodes
      writeDecimal: (a: { uri: string; range: Range; address: string; isPreferred: boolean }) =>
        editFix(`Write ${a.address} (the parts as decimal)`, a.uri, [{ range: a.range, newText: a.address }], { isPreferred: a.isPreferred }),
      writeAsRead: (a: { uri: string; range: Range; address: string; isPreferred: boolean }) =>
        editFix(`Write ${a.address} (what Solaris reads)`, a.uri, [{ range: a.range, newText: a.address }], { isPreferred: a.isPreferred }),
      // netmasks
      writeNetwork: (a: { uri: string; range: Range; network: string }) =>
        editFix(`Write the network as ${a.network}`, a.uri, [{ range: a.range, newText: a.network }], { isPreferred: true }),
      /** `10.0.0.0/24` alone: the network and its mask as two fields. */
      splitNetworkAndMask: (a: { uri: string; range: Range; network: string; mask: string }) =>
        editFix(`Write '${a.network} ${a.mask}'`, a.uri, [{ range: a.range, newText: `${a.network}\t${a.mask}` }], { isPreferred: true }),
      /** The spelling libnsl's lookup finds. */
      writeNetworkSpelling: (a: { uri: string; range: Range; network: string }) =>
        editFix(`Write ${a.network}`, a.uri, [{ range: a.range, newText: a.network }], { isPreferred: true }),
    },
  }),
  invalidNetmask: defineRule({
    id: 'invalid-netmask',
    severity: 'error',
    summary: 'Not a netmask',
    doc: {
      description:
        "A value that is not a usable netmask: one bits that do not all come first, a malformed dotted or hex mask, a `/len` after `netmask` (ifconfig answers `unexpected '/'`), or in `netmasks` a missing mask, a prefix length in place of the mask, or a zero mask. " +
        'In a hostname file the interface does not get the mask that was meant; a `netmasks` line libnsl cannot use is ignored, so `netmask +` falls back to the classful mask.',
      fix: 'Write the mask as a contiguous dotted quad such as `255.255.255.0` (or `0xffffff00`). In `netmasks` quick fixes replace a prefix length with its dotted mask and rewrite a mask with leading zeros, which `inet_addr` reads as octal.',
      fixable: 'quick-fix',
    },
    messages: {
      // hostname files
      hostname: (a: { reason: string }) => `Not a netmask: ${a.reason}.`,
      // netmasks: the mask column
      netmasksMissing: (a: { network: string }) => `No netmask follows '${a.network}': ${NETMASKS_IGNORED}.`,
      netmasksPrefixLength: (a: { written: string; mask: string }) =>
        `'${a.written}' is a prefix length, not a mask (netmasks wants the dotted mask, ${a.mask}): ${NETMASKS_IGNORED}.`,
      netmasksSlash32: () => `A /32 mask cannot be written in netmasks: 255.255.255.255 is the value inet_addr returns for errors, so ${NETMASKS_IGNORED}.`,
      netmasksUnreadable: (a: { reason: string }) => `Not a netmask libnsl can read (${a.reason}): ${NETMASKS_IGNORED}.`,
      netmasksNotContiguous: (a: { written: string; value: string }) =>
        `'${a.written}' (${a.value}) is not contiguous: the one bits must all come first. The longest-match lookup never matches it.`,
      netmasksZero: () => `A zero mask is no netmask: the longest-match lookup never matches it, and a classful match would give the interface mask 0.0.0.0.`,
      /** A leading zero: inet_addr reads octal (a warning). */
      netmasksOctal: (a: { written: string; reads: string; decimal: string }) =>
        `inet_addr reads a part with a leading zero as octal: '${a.written}' is ${a.reads}, not ${a.decimal}.`,
    },
    fixes: {
      // netmasks
      writeMask: (a: { uri: string; range: Range; mask: string }) => editFix(`Write ${a.mask}`, a.uri, [{ range: a.range, newText: a.mask }], { isPreferred: true }),
      writeMaskAsRead: (a: { uri: string; range: Range; mask: string }) =>
        editFix(`Write ${a.mask} (what Solaris reads)`, a.uri, [{ range: a.range, newText: a.mask }], { isPreferred: true }),
      writeMaskDecimal: (a: { uri: string; range: Range; mask: string }) =>
        editFix(`Write ${a.mask} (the parts as decimal)`, a.uri, [{ range: a.range, newText: a.mask }], { isPreferred: false }),
    },
  }),
  invalidValue: defineRule({
    id: 'invalid-value',
    severity: 'error',
    summary: 'A bad number, group name, zone or module',
    doc: {
      description:
        'An argument ifconfig cannot use: a number that is not whole or out of range (`mtu` outside 68 to 65535, `index 0`, a byte over 255), a malformed zone name, `module@position` or interface name, or a DHCP `wait` that is neither seconds nor `forever`. ' +
        'Group names have two traps: over 31 characters the kernel silently cuts the name, so it no longer matches the other members, and `group ""` sets a group literally named by two quote characters, because the boot script does not interpret quotes.',
      fix: 'Write a value of the kind the keyword takes; keep group names to 31 characters, and to leave a group remove the `group` word instead of writing quotes.',
      fixable: 'none',
    },
    messages: {
      groupTooLong: (a: { length: number }) =>
        `Group names have at most 31 characters; this one has ${a.length}, and the kernel silently cuts it, so it no longer matches the other members.`,
      groupQuotes: (a: { value: string }) =>
        `The boot script does not interpret quotes: this sets a group literally named ${a.value} instead of leaving the group. Remove 'group ${a.value}'.`,
      notWholeNumber: (a: { keyword: string; value: string }) => `'${a.keyword}' takes a whole number, not '${a.value}'.`,
      mtuRange: (a: { value: string }) => `An MTU of ${a.value} is outside what IP accepts (68–65535).`,
      indexZero: () => 'Interface index 0 is not valid.',
      notByte: (a: { keyword: string; value: string }) => `'${a.keyword}' takes a number from 0 to 255, not '${a.value}'.`,
      zoneName: (a: { value: string }) => `'${a.value}' is not a valid zone name.`,
      modulePosition: (a: { keyword: string; value: string }) => `'${a.keyword}' takes module@position (e.g. 'ipqos@2'), not '${a.value}'.`,
      interfaceName: (a: { value: string }) => `'${a.value}' is not an interface name (or 'none').`,
      dhcpWait: (a: { value: string }) => `'wait' takes a number of seconds or 'forever', not '${a.value}'.`,
    },
  }),
  wrongAddressFamily: defineRule({
    id: 'wrong-address-family',
    severity: 'error',
    summary: 'A keyword or address of the other address family',
    doc: {
      description:
        'A keyword or address of the other address family: an IPv4-only keyword (`netmask`, `broadcast`, `arp` and others) in a `hostname6.<if>` file, an IPv6-only one (`token`, `preferred`, `nud` and others) in a `hostname.<if>` file, or an address literal of the other family. ' +
        'ifconfig refuses it (`Operation netmask not supported for inet6`, or `bad address` for a literal) and the line stops there.',
      fix: 'Remove the keyword (the quick fix removes it with its argument), and put each address in the file of its family: IPv4 in `hostname.<if>`, IPv6 in `hostname6.<if>`.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `fileKind`: hostname, hostname6 or dhcp. */
      keyword: (a: { keyword: string; keywordFamily: AddressFamily; fileKind: string; family: AddressFamily }) =>
        `'${a.keyword}' is ${familyLabel(a.keywordFamily)} only; in a ${a.fileKind} file ifconfig stops with 'Operation ${a.keyword} not supported for ${a.family}'.`,
      /** An address literal of the other family than the file's (`family`). */
      literal: (a: { address: string; fileLabel: string; family: AddressFamily }) =>
        `${a.address} is ${a.family === 'inet' ? 'an IPv6' : 'an IPv4'} address, but ${a.fileLabel} configures ${familyLabel(a.family)}${
          a.family === 'inet' ? ' (IPv6 addresses go in hostname6.<if>)' : ' (IPv4 addresses go in hostname.<if>)'
        }.`,
    },
    fixes: {
      removeKeyword: (a: { uri: string; index: EditableText; use: KeywordUse }) =>
        editFix(`Remove '${keywordWords(a.use)}'`, a.uri, [removeWords(a.index, a.use.token, a.use.argument ?? a.use.token)], { isPreferred: true }),
    },
  }),
  misplacedKeyword: defineRule({
    id: 'misplaced-keyword',
    severity: 'error',
    summary: 'A keyword where ifconfig does not take it',
    doc: {
      description:
        'A keyword where ifconfig does not take it: `inet` or `inet6` as the first word of a line (the boot script already passes the family, so the word is read as an address and fails), or `dhcp` or `auto-dhcp` anywhere but first on the line, where DHCP does not start. ' +
        "A keyword of the physical interface, such as `group`, written after `addif` or in a logical-interface file applies to a logical interface instead, and the boot script's group discovery misses it; that case is a warning.",
      fix: 'Remove a leading family word, put `dhcp` first, and move physical-interface keywords before the first `addif`; quick fixes remove the family word and move or remove the keyword.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `inet`/`inet6` as a line's first word. */
      familyWord: (a: { word: string; family: AddressFamily }) =>
        `'${a.word}' here is read as an address: the boot script already passes '${a.family}' to ifconfig, and the family word is only recognised right after the interface name. ifconfig stops with '${a.word}: bad address'.`,
      dhcpNotFirst: (a: { keyword: string }) => `'${a.keyword}' must be the first word of the line; here ifconfig does not start DHCP.`,
      /** A unit-0-only keyword after `addif`, or in a `hostname.<if>:<n>` file (`logical`), a warning. */
      notUnit0: (a: { keyword: string; logical?: { readonly name: string; readonly physical: string } }) =>
        `'${a.keyword}' belongs to the physical interface, but here it applies to ${a.logical ? `a logical interface (${a.logical.name})` : "the logical interface that 'addif' created"}. ${
          a.keyword === 'group' ? "The boot script's group discovery (ifparse) drops it, so the interface may not be treated as a group member. " : ''
        }Put it before the first 'addif'${a.logical ? ` in hostname.${a.logical.physical}` : ''}.`,
    },
    fixes: {
      removeFamilyWord: (a: { uri: string; index: EditableText; word: Span & { readonly text: string } }) =>
        editFix(`Remove '${a.word.text}'`, a.uri, [removeWords(a.index, a.word)], { isPreferred: true }),
      moveBeforeAddif: (a: { uri: string; index: EditableText; use: KeywordUse; addif: Span | undefined }) =>
        editFix(
          `Move '${keywordWords(a.use)}' before 'addif'`,
          a.uri,
          a.addif ? moveWordsBefore(a.index, a.use, a.addif) : [removeWords(a.index, a.use.token, a.use.argument ?? a.use.token)],
          { isPreferred: true },
        ),
      /** In a logical interface's own file there is no place for it. */
      removeFromLogical: (a: { uri: string; index: EditableText; use: KeywordUse }) =>
        editFix(`Remove '${keywordWords(a.use)}'`, a.uri, [removeWords(a.index, a.use.token, a.use.argument ?? a.use.token)], { isPreferred: true }),
    },
  }),
  carriageReturn: defineRule({
    id: 'carriage-return',
    severity: 'error',
    summary: 'CRLF line endings: Solaris keeps the CR',
    doc: {
      description:
        'The file has CRLF (Windows) or CR-only line endings. In a hostname file Solaris keeps the CR, so the last word of every line carries it and ifconfig fails with `bad address`; with CR-only endings the whole file is a single line. ' +
        "In `hosts`, `netmasks` and `default/mpathd` Solaris's own readers cope with the CR, so there it is a warning about the other tools that read the file.",
      fix: 'Convert the file to LF line endings; the quick fix runs Convert Line Endings to LF (or rewrites every line break when the editor cannot run the command).',
      fixable: 'quick-fix',
    },
    messages: {
      hostname: (a: LineEndings) => lineEndings(a, ": Solaris keeps the CR, so the last word of every line carries it (e.g. 'up\\r') and ifconfig stops with 'bad address'. Convert the file to LF."),
      hosts: (a: LineEndings) =>
        lineEndings(a, ". Solaris' own lookups treat the CR as white space, but scripts and tools that read this file see it glued to the last name of each line. Convert the file to LF."),
      netmasks: (a: LineEndings) =>
        lineEndings(a, '. libnsl reads the CR as white space, so the entries still work, but other tools see it glued to the last word of each line. Convert the file to LF.'),
      mpathd: (a: LineEndings) =>
        lineEndings(a, ': every value in.mpathd reads ends in a CR. It still reads yes/no and numbers correctly, but convert the file to LF before other tools trip over it.'),
      /** A file over the size limit: counted with a native search, no line structures. */
      oversized: (a: { count: number; hostname: boolean }) =>
        `${a.count} line break${a.count === 1 ? ' has' : 's have'} a carriage return (CRLF or CR line endings): Solaris keeps the CR as part of the line${a.hostname ? ", so ifconfig stops with 'bad address'" : ''}. Convert the file to LF (command: Convert Line Endings to LF).`,
    },
    fixes: {
      /** The client command where it can run one (a text edit cannot change line endings in VS Code); else every CR rewritten. */
      convertToLf: (a: { uri: string; text: string; index: EditableText }) => {
        const edits: TextEdit[] = [];
        for (let i = a.text.indexOf('\r'); i !== -1; i = a.text.indexOf('\r', i + 1)) {
          edits.push({ range: a.index.range(i, i + (a.text[i + 1] === '\n' ? 2 : 1)), newText: '\n' });
        }
        return { title: 'Convert line endings to LF', isPreferred: true, safe: true, command: { command: CONVERT_TO_LF_COMMAND, arguments: [a.uri] }, edits: [{ uri: a.uri, edits }] };
      },
    },
  }),
  strayPlus: defineRule({
    id: 'stray-plus',
    severity: 'error',
    summary: 'A `+` that is not the argument of netmask or broadcast',
    doc: {
      description:
        'A `+` that does not follow `netmask` or `broadcast`. ifconfig reads it as an address or a point-to-point destination, fails with `+: bad address` and never reaches the words after it, often including `up`.',
      fix: 'Remove the `+`, or put it right after the `netmask` or `broadcast` it was meant for; the quick fix removes it.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `asAddress`: the `+` stands where the address goes (else where a destination does). */
      stray: (a: { asAddress: boolean }) =>
        `This '+' follows no 'netmask' or 'broadcast': ifconfig takes it as ${a.asAddress ? 'the address' : 'a destination address'}, fails with '+: bad address' and never reaches the words after it.`,
    },
    fixes: {
      removePlus: (a: { uri: string; index: EditableText; plus: Span }) => editFix("Remove the '+'", a.uri, [removeWords(a.index, a.plus)], { isPreferred: true }),
    },
  }),
  conflictingOptions: defineRule({
    id: 'conflicting-options',
    severity: 'warning',
    summary: 'An option and its opposite on one address',
    doc: {
      description:
        'An option and its opposite on the same address, such as `deprecated` and `-deprecated`, or `up` and `down`. ifconfig applies both in order, so the earlier one has no effect and the line does not say what it seems to.',
      fix: 'Keep only the option you mean; the quick fix removes the earlier one, which the later one overrides.',
      fixable: 'quick-fix',
    },
    messages: {
      undone: (a: { earlier: string; later: string }) =>
        `'${a.earlier}' is undone by '${a.later}' later on the same address; ifconfig applies both, in order, and the later one wins.`,
      /** Related information: the later keyword. */
      wins: (a: { later: string }) => `'${a.later}' wins`,
    },
    fixes: {
      removeEarlier: (a: { uri: string; index: EditableText; earlier: KeywordUse }) =>
        editFix(`Remove '${a.earlier.spec.name}'`, a.uri, [removeWords(a.index, a.earlier.token)], { isPreferred: true }),
    },
  }),
  optionOrder: defineRule({
    id: 'option-order',
    severity: 'warning',
    summary: 'An order of options that changes the outcome',
    doc: {
      description:
        'Options in an order that changes the result, because ifconfig applies words from left to right: after `up`, `-failover` leaves a moment in which the address is a data address that in.mpathd may move; after `standby`, `-failover` is refused; `broadcast +` before `netmask +` computes the broadcast from the old mask; and `netmask +` before the address finds no `netmasks` entry, leaving the classful mask.',
      fix: 'Write the address first, then `netmask + broadcast +`, `deprecated -failover`, `standby`, and `up` last; the quick fix moves the misplaced option.',
      fixable: 'quick-fix',
    },
    messages: {
      failoverAfterUp: () =>
        "'-failover' after 'up': ifconfig applies words in order, so the address is briefly up as a data address and in.mpathd may move it before it becomes a test address. Put '-failover' before 'up'.",
      failoverAfterStandby: () =>
        "'-failover' after 'standby': once the interface is standby, ifconfig refuses with 'can't set -failover on failed/standby/offlined interface'. Put '-failover' before 'standby'.",
      broadcastBeforeNetmask: () =>
        "'broadcast +' before 'netmask +': the broadcast is computed from the mask as it is at that moment, so it can be left wrong. Write 'netmask + broadcast +'.",
      netmaskBeforeAddress: () =>
        "'netmask +' before the address: the netmasks lookup uses the address the interface has at that moment, so it finds nothing and the classful mask is used. Put the address first.",
    },
    fixes: {
      failoverBeforeUp: (a: { uri: string; index: EditableText; failover: KeywordUse; up: Span }) =>
        editFix("Move '-failover' before 'up'", a.uri, moveWordsBefore(a.index, a.failover, a.up), { isPreferred: true }),
      failoverBeforeStandby: (a: { uri: string; index: EditableText; failover: KeywordUse; standby: Span }) =>
        editFix("Move '-failover' before 'standby'", a.uri, moveWordsBefore(a.index, a.failover, a.standby), { isPreferred: true }),
      broadcastAfterNetmask: (a: { uri: string; index: EditableText; broadcast: KeywordUse; netmask: Span }) =>
        editFix("Move 'broadcast +' after 'netmask +'", a.uri, moveWordsAfter(a.index, a.broadcast, a.netmask), { isPreferred: true }),
      netmaskAfterAddress: (a: { uri: string; index: EditableText; netmask: KeywordUse; address: Span }) =>
        editFix("Move 'netmask +' after the address", a.uri, moveWordsAfter(a.index, a.netmask, a.address), { isPreferred: true }),
    },
  }),
  lineContinuation: defineRule({
    id: 'line-continuation',
    severity: 'error',
    summary: 'A backslash that does not continue the line as meant',
    doc: {
      description:
        'A backslash that does not continue the line as intended. With blanks after it, the backslash escapes a blank instead of the newline, so the next line runs as a separate ifconfig command and the file counts as multi-line (an error when that changes what the boot does, a warning otherwise). ' +
        'With no blank before it, the two lines join into one word (`up` and `addif` become `upaddif`) and ifconfig fails with `bad address`.',
      fix: 'Make the backslash the last character of the line, with a space before it; the quick fix removes the blanks after it or inserts the missing space.',
      fixable: 'quick-fix',
    },
    messages: {
      /** `word`: the single word the join makes, when the backslash is inside one. */
      gluesWords: (a: { word?: string }) =>
        `The backslash joins the next line with nothing in between${a.word ? `, so ifconfig gets the single word '${a.word}'` : ''} and stops with 'bad address'. Put a space before the backslash.`,
      /** Blanks after a backslash; `changesOutcome`: the next line's words no longer apply to this address (an error, else a warning). */
      blanksAfter: (a: { changesOutcome: boolean }) =>
        a.changesOutcome
          ? "Blanks after the backslash: it escapes a blank, not the newline, so the next line runs as a separate ifconfig command on the physical interface — its keywords no longer apply to this line's address."
          : "Blanks after the backslash: it escapes a blank, not the newline, so the next line runs as a separate ifconfig command and the file counts as multi-line (no implicit 'netmask + broadcast + up').",
    },
    fixes: {
      spaceBeforeBackslash: (a: { uri: string; index: EditableText; backslash: number }) =>
        editFix('Insert a space before the backslash', a.uri, [insertAt(a.index, a.backslash, ' ')], { isPreferred: true }),
      /** `needsSpace`: the backslash is glued to a word and the next line starts with one. */
      removeBlanksAfterBackslash: (a: { uri: string; blanks: Span; needsSpace: boolean }) =>
        editFix('Remove the blanks after the backslash', a.uri, [replaceSpan(a.blanks, a.needsSpace ? ' \\' : '\\')], { isPreferred: true }),
    },
  }),
  interfaceStaysDown: defineRule({
    id: 'interface-stays-down',
    severity: 'warning',
    summary: 'An address that is never brought up',
    doc: {
      description:
        'An address that nothing brings up, so it is configured but down after boot. The boot script appends `netmask + broadcast + up` only to a one-line IPv4 file, and there only to the last address of the line: in a multi-line file (including one with a blank or comment line after the address) every address needs its own `up`. ' +
        'For `hostname6.<if>` the boot brings up only the physical interface, so an address added with `addif` needs its own `up` as well.',
      fix: 'Add `up` to the address, with `netmask + broadcast +` for IPv4; the quick fix appends the missing words.',
      fixable: 'quick-fix',
    },
    messages: {
      /** A `hostname.<if>` line's address before its last `addif`: the implicit words go to the end. */
      notLastOfLine: (a: { address: string }) =>
        `'${a.address}' is never brought up: the boot script appends 'netmask + broadcast + up' to the end of the line, which is the last 'addif', not this address. Add 'up' here.`,
      hostname6: (a: { address: string }) => `'${a.address}' is never brought up: the boot script brings up only the physical interface of a hostname6 file. Add 'up'.`,
      /** `why`: what makes the file count as multi-line: a blank line, a comment line (1-based), or more lines. */
      multiLine: (a: { address: string; why: { readonly blankLine: number } | { readonly commentLine: number } | 'more-lines' }) =>
        `'${a.address}' is never brought up: ${
          a.why === 'more-lines'
            ? 'the file has more than one line'
            : 'blankLine' in a.why
              ? `the blank line ${a.why.blankLine} makes the file count as multi-line`
              : `the comment on line ${a.why.commentLine} makes the file count as multi-line`
        }, so the boot script adds no 'netmask + broadcast + up' and the address stays down. Add 'up' (with 'netmask + broadcast +').`,
    },
    fixes: {
      /** `words`: what goes after the address's last word (`netmask + broadcast + up`, or less). */
      bringUp: (a: { uri: string; index: EditableText; after: number; words: string }) =>
        editFix(`Add '${a.words}'`, a.uri, [insertAt(a.index, a.after, ` ${a.words}`)], { isPreferred: true }),
    },
  }),
  ignoredFile: defineRule({
    id: 'ignored-file',
    severity: 'info',
    summary: 'A file name the boot script skips or misreads',
    doc: {
      description:
        'A file name the boot script does not read as intended. A name that does not end in a digit or has a further dot (`hostname.ce0.bak`) is skipped, which is harmless for a backup copy (info). ' +
        'A name such as `hostname.ce0-old1` still matches, so the boot tries to plumb an interface of that name, fails and reports it on the console (warning); on illumos so does a dotted name ending in a digit (`hostname.ce0.bak1`).',
      fix: 'Give a backup copy a name with a further dot, such as `hostname.ce0.bak`, or move it out of `/etc`; a file that should be read must be named `hostname.` followed by the interface name.',
      fixable: 'none',
    },
    messages: {
      /** A name the boot script skips (`reason`: why). */
      skipped: (a: { label: string; reason: string }) => `The boot script ignores ${a.label}: ${a.reason}.`,
      /** A name it wrongly tries to plumb (a warning); `rename`: a name it would skip. */
      misread: (a: { label: string; reason: string; rename: string }) =>
        `${a.label}: ${a.reason} ('Failed to plumb' on the console at boot). Rename the copy so it has a further '.', e.g. ${a.rename}.`,
      /** illumos joins a dotted name's parts again (a warning). */
      illumosPlumbs: (a: { label: string; interfaceName: string; rename: string }) =>
        `${a.label}: illumos' boot script reads '${a.interfaceName}' as an interface name (it skips only IP tunnels) and fails to plumb it ('Failed to plumb' on the console at boot). Rename the copy so it does not end in a digit, e.g. ${a.rename}.`,
    },
  }),
  invalidInterfaceName: defineRule({
    id: 'invalid-interface-name',
    severity: 'error',
    summary: 'Not a Solaris interface name',
    doc: {
      description:
        'The interface part of the file name is not a Solaris interface name, which is a driver name and an instance number, optionally with a logical unit (`ce0`, `e1000g1`, `ce0:1`). ' +
        'A name over 31 characters, an instance number out of range or a VLAN number above 4094 cannot be plumbed, so the interface is missing after boot.',
      fix: 'Rename the file to `hostname.` followed by the name the NIC has on the system, as `dladm show-link` or `ifconfig -a` shows it.',
      fixable: 'none',
    },
    messages: {
      invalid: (a: { label: string; reason: string }) => `${a.label}: ${a.reason}.`,
    },
  }),
  solaris11Syntax: defineRule({
    id: 'solaris11-syntax',
    severity: 'error',
    summary: 'Syntax the target release does not know',
    doc: {
      description:
        'Syntax of the newer IPMP design of OpenSolaris, Solaris 11 Express and illumos while the target release is older: the `ipmp` keyword, or an IPMP interface file such as `hostname.ipmp0`. ' +
        'On Solaris 10 and earlier ifconfig reads `ipmp` as an address (`ipmp: bad address`), and `ipmp0` cannot be plumbed. With the target `osol` or `illumos` the same files are valid and nothing is reported.',
      fix: 'For Solaris 10 and earlier, build the group with `group` on the physical interfaces and remove the IPMP interface file; if the host runs OpenSolaris or Solaris 11 Express, set `solarisIpmp.release` to `osol`, and for OpenIndiana, OmniOS or another illumos distribution to `illumos`.',
      fixable: 'none',
    },
    messages: {
      ipmpInterface: (a: { name: string; release: Release }) =>
        `IPMP interfaces such as ${a.name} exist only from OpenSolaris / Solaris 11 Express on (and on illumos); ${RELEASE_LABELS[a.release]} cannot plumb ${a.name}.`,
      ipmpKeyword: (a: { release: Release }) =>
        `'ipmp' exists only from OpenSolaris / Solaris 11 Express on (and on illumos); on ${RELEASE_LABELS[a.release]} ifconfig takes it as an address and stops with 'ipmp: bad address'.`,
    },
  }),
  hostnameFileNotRead: defineRule({
    id: 'hostname-file-not-read',
    severity: 'warning',
    summary: 'A hostname, hostname6 or dhcp file Solaris 11 never reads',
    doc: {
      description:
        'The target release is Solaris 11, whose boot reads no `hostname.<if>`, `hostname6.<if>` or `dhcp.<if>` file: interfaces and addresses come from what ipadm keeps in `/etc/ipadm/ipadm.conf`. ' +
        'Only on the first boot after an upgrade from an older release are such files converted to ipadm once and renamed `/etc/OBSOLETE.hostname.<if>.converted`; one copied onto a running Solaris 11 host later configures nothing. ' +
        'This is the only finding such a file gets with this target, since the other rules would describe a boot that does not happen.',
      fix: "Configure the interface with ipadm (and dladm): the command 'Convert Host to Solaris 11 ipadm' writes the commands for the host's files. If the host still runs Solaris 10, OpenSolaris or illumos, set `solarisIpmp.release` to that release.",
      fixable: 'none',
    },
    messages: {
      /** `kind`: hostname, hostname6 or dhcp.<if>. */
      notRead: (a: { kind: string }) =>
        `Solaris 11 does not read ${a.kind} files: this interface is configured with ipadm (run 'Convert Host to Solaris 11 ipadm'), and nothing in this file takes effect.`,
    },
  }),
};
