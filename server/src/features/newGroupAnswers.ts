/**
 * What the New IPMP Group wizard asks and what the server answers: the wire names, the
 * answers' types, the §3.7 layouts, and the checks of single answers. Shared with the client,
 * so it imports nothing heavy (the planner is newGroup.ts).
 */
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { parseIPv4Quad, prefixMask } from '../syntax/address';
import { checkInterfaceName, isIpmpInterface, MAX_INTERFACE_NAME } from '../syntax/interfaceName';

/** Proposals for a host: its NICs, the subnet, free addresses and a full set of answers. */
export const NEW_GROUP_PLAN_REQUEST = 'solarisIpmp/newGroupPlan';
/** The workspace edit for a set of answers, with what it writes and what the rules would still say. */
export const NEW_GROUP_EDIT_REQUEST = 'solarisIpmp/newGroupEdit';
/** The client command (the wizard); its code action passes `{ uri, nic }`. */
export const NEW_GROUP_COMMAND = 'solarisIpmp.newGroup' as const;
/** The code action's kind: under refactor.rewrite, so the Refactor menu lists it. */
export const NEW_GROUP_KIND = 'refactor.rewrite.ipmpNewGroup';

/** The layouts of §3.7. */
export const NEW_GROUP_LAYOUTS = ['active-active', 'active-standby', 'link-based', 'ipv6-link-local'] as const;
export type NewGroupLayout = (typeof NEW_GROUP_LAYOUTS)[number];

export const LAYOUT_LABELS: Record<NewGroupLayout, string> = {
  'active-active': 'Active-active, probe-based',
  'active-standby': 'Active-standby, probe-based',
  'link-based': 'Link-based only',
  'ipv6-link-local': 'IPv6 link-local test addresses',
};

export const LAYOUT_DESCRIPTIONS: Record<NewGroupLayout, string> = {
  'active-active': 'the first NIC carries the data address, every NIC a test address (deprecated -failover)',
  'active-standby': 'as active-active, but the last NIC is a standby with only its test address',
  'link-based': 'no test addresses: failures found by link state alone (drivers that report it)',
  'ipv6-link-local': 'hostname6 files: in.mpathd probes from each NIC’s link-local address',
};

/** A host name and its IPv4 address, as a hosts entry has them. */
export interface NamedAddress {
  readonly name: string;
  readonly address: string;
}

export interface NewGroupAnswers {
  /** The group's NICs; the first carries the data address, the last is the standby (active-standby). */
  readonly nics: readonly string[];
  readonly layout: NewGroupLayout;
  readonly group: string;
  /** `192.168.10.0/24`; by default the subnet the host uses. */
  readonly subnet?: string;
  /** The group's IPv4 data address; null for none (only the IPv6 layout may go without). */
  readonly data?: NamedAddress | null;
  /** IPv4 test addresses by NIC (the probe-based layouts). */
  readonly tests?: Readonly<Record<string, NamedAddress>>;
}

export interface NewGroupNic {
  readonly name: string;
  /** The NIC's files in the host (`hostname.ce0`, `hostname6.ce0`). */
  readonly files: readonly string[];
  readonly group?: string;
  readonly standby: boolean;
  /** Addresses the boot gives it: the word written, its value, whether it is a test address. */
  readonly addresses: readonly { readonly word?: string; readonly address: string; readonly test: boolean }[];
  /** A dhcp.<nic> file runs DHCP on it (§1.9). */
  readonly dhcp: boolean;
}

export interface NewGroupSubnet {
  readonly cidr: string;
  readonly network: string;
  readonly mask: string;
  readonly prefixLength: number;
  /** Where it was found (`web1 (192.168.10.10) on ce0, mask from netmasks`). */
  readonly from: string;
  /** The host's netmasks already gives this mask to the subnet's addresses. */
  readonly inNetmasks: boolean;
}

export interface NewGroupPlanParams {
  /** Any file of the host. */
  readonly uri: string;
  /** The NIC the wizard starts from (the code action's). */
  readonly nic?: string;
  readonly nics?: readonly string[];
  readonly layout?: NewGroupLayout;
  readonly group?: string;
  readonly subnet?: string;
}

export interface NewGroupPlan {
  readonly rootUri: string;
  /** How the host is named (`web1/etc`). */
  readonly label: string;
  /** The name proposals start from: nodename, else the host folder (`web1-ce0-test`). */
  readonly nodename: string;
  readonly nics: readonly NewGroupNic[];
  /** Groups the host's NICs are in now. */
  readonly groups: readonly string[];
  readonly subnet: NewGroupSubnet | null;
  /** The first free addresses of the subnet (not in hosts, not configured, not network or broadcast). */
  readonly free: readonly string[];
  /** Answers for the NICs, layout and group asked about (or the defaults), addresses proposed. */
  readonly proposal: NewGroupAnswers;
  /** Things the user should know before answering. */
  readonly notes: readonly string[];
  /** Set when no group can be written for this host (why). */
  readonly refused?: string;
}

export interface NewGroupEditParams {
  /** Any file of the host. */
  readonly uri: string;
  readonly answers: NewGroupAnswers;
}

export interface NewGroupFileChange {
  readonly uri: string;
  /** Path in the host: `hostname.ce0`, `inet/hosts`. */
  readonly label: string;
  readonly change: 'create' | 'replace' | 'append';
  /** The file's new text (create, replace) or the lines appended. */
  readonly text: string;
  /** A replaced file's text before. */
  readonly before?: string;
}

export interface NewGroupEditResult {
  /** What makes the answers unusable; when any, there is no edit. */
  readonly errors: readonly string[];
  /** One edit: files created, replaced and appended to (one undo step in the editor). */
  readonly edit?: WorkspaceEdit;
  readonly files: readonly NewGroupFileChange[];
  /** Errors and warnings the rules would report afterwards that they do not report now. */
  readonly problems: readonly string[];
  /** `prod: ce0 active (data web1 192.168.10.10, test …), ce1 standby (test …)`. */
  readonly summary: string;
}

// ---------------------------------------------------------------------------------------
// Validation of single answers (the client uses the same words)

/** Why a group name cannot be used, or undefined (§3.1: at most 31 characters; §1.4, §1.6: read by the shell). */
export function groupNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'A group name cannot be empty.';
  if (/\s/.test(name)) return 'A group name cannot hold blanks: the boot script splits the line at them.';
  if (name.length > 31) return `A group name has at most 31 characters (this one has ${name.length}); the kernel cuts longer ones.`;
  if (/[#\\'"*?[\]]/.test(name)) return "A group name cannot hold #, \\, quotes or *?[: the boot's shell or ifconfig reads them differently.";
  if (/[^\x21-\x7e]/.test(name)) return 'Use printable ASCII characters in a group name.';
  return undefined;
}

/** Why a word cannot name a new NIC, or undefined: driver name + instance (§1.2). */
export function nicNameProblem(name: string): string | undefined {
  if (name.includes(':')) return `${name} is a logical interface: a group takes physical interfaces (ce0, not ce0:1).`;
  const check = checkInterfaceName(name);
  if (check.kind !== 'valid') return `${check.reason.charAt(0).toUpperCase()}${check.reason.slice(1)} (an interface is a driver name and an instance number: ce0, e1000g1).`;
  if (check.name.tunnel) return `${name} is a tunnel: it cannot be an IPMP group member.`;
  if (isIpmpInterface(check.name)) return `${name} is an IPMP interface (OpenSolaris and later), not a NIC.`;
  if (check.name.driver === 'lo') return 'The loopback interface cannot be an IPMP group member.';
  if (name.length > MAX_INTERFACE_NAME) return `Interface names have at most ${MAX_INTERFACE_NAME} characters.`;
  return undefined;
}

/** `192.168.10.0/24` read, or why not. */
export function parseSubnet(text: string): { network: number; prefixLength: number } | { error: string } {
  const m = /^\s*([0-9.]+)\s*\/\s*([0-9]{1,2})\s*$/.exec(text);
  const address = m ? parseIPv4Quad(m[1]!) : undefined;
  const length = m ? Number(m[2]) : NaN;
  if (address === undefined || !(length >= 1 && length <= 30)) return { error: `'${text}' is no subnet: write it as network/prefix length, such as 192.168.10.0/24 (1 to 30).` };
  return { network: (address & prefixMask(length)) >>> 0, prefixLength: length };
}

