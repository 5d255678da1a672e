/**
 * New IPMP Group: what a host offers for a new group (its NICs, the subnet it uses, free
 * addresses there, names to propose), and the files a chosen layout writes — the §3.7 shapes,
 * hosts entries (§5.1) and a netmasks entry when the subnet has none (§1.8) — as one
 * workspace edit. Before it is offered, the host as it would be is checked by every rule, so
 * the wizard can say what (if anything) would still be reported.
 */
import type { CodeAction, CreateFile, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { ipnodesSearchedFirst, readsHostnameFiles, type Release } from '../catalog/releases';
import { findKeyword } from '../catalog/keywords';
import { createNameLookup, type NameSource } from '../engine/names';
import { hostNameProblem } from '../rules/hostsRules';
import type { ConfiguredAddress, IpmpHost } from '../rules/ipmpModel';
import { formatIPv4, maskPrefixLength, parseIPv4Quad, prefixMask } from '../syntax/address';
import { baseName } from '../syntax/fileKind';
import { parseHostnameFile } from '../syntax/hostname';
import { parseHosts, readHostsAddress, type HostsFile } from '../syntax/hosts';
import { classfulMask, matchNetmask, parseNetmasks, type NetmasksFile } from '../syntax/netmasks';
import { LineIndex } from '../syntax/text';
import { effectiveSeverity, findingsFor } from './diagnostics';
import type { ParsedDocument } from './document';
import { analyzeHost } from './hostAnalysis';
import { ipmpModelFor, type HostView } from './hostView';
import type { Settings } from './settings';
import {
  NEW_GROUP_COMMAND,
  NEW_GROUP_KIND,
  NEW_GROUP_LAYOUTS,
  groupNameProblem,
  nicNameProblem,
  parseSubnet,
  type NamedAddress,
  type NewGroupAnswers,
  type NewGroupEditResult,
  type NewGroupFileChange,
  type NewGroupLayout,
  type NewGroupNic,
  type NewGroupPlan,
  type NewGroupPlanParams,
  type NewGroupSubnet,
} from './newGroupAnswers';

export * from './newGroupAnswers';

/** Why a host name cannot be written for an address, or undefined (§5.1, and no ifconfig keyword: §1.7). */
export function hostNameForAddressProblem(name: string): string | undefined {
  if (name.length === 0) return 'A host name cannot be empty.';
  const problem = hostNameProblem(name);
  if (problem) return `'${name}' is not a valid host name: ${problem}.`;
  if (findKeyword(name)) return `'${name}' is an ifconfig keyword: in a hostname file it would be read as one, not as a name.`;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// What the host has

interface HostFacts {
  readonly view: HostView;
  readonly release: Release;
  readonly model: IpmpHost;
  readonly nics: NewGroupNic[];
  readonly base: string;
  /** IPv4 addresses in hosts/ipnodes, with the first name each has. */
  readonly hostsAddresses: Map<number, string>;
  /** IPv4 addresses the boot configures, by NIC. */
  readonly configured: Map<number, string>;
}

function factsOf(view: HostView, release: Release): HostFacts {
  const model = analyzeHost(view, release).model;
  const hostsAddresses = new Map<number, string>();
  for (const file of [view.hosts?.file, view.ipnodes?.file]) {
    if (!file) continue;
    for (const entry of file.scanEntries()) {
      const value = readHostsAddress(entry.address.text);
      if (value?.family === 'inet' && !hostsAddresses.has(value.ipv4)) hostsAddresses.set(value.ipv4, entry.names[0]?.text ?? '');
    }
  }
  const configured = new Map<number, string>();
  for (const a of model.addresses) if (a.value?.ipv4 !== undefined && a.value.ipv4 !== 0) configured.set(a.value.ipv4, a.iface.name);
  return { view, release, model, nics: nicsOf(view, model), base: baseNameOf(view), hostsAddresses, configured };
}

/** The host's NICs from its hostname, hostname6 and dhcp files, in name order. */
function nicsOf(view: HostView, model: IpmpHost): NewGroupNic[] {
  const files = new Map<string, string[]>();
  const dhcp = new Set<string>();
  for (const i of view.interfaces) {
    const fileName = i.file.fileName;
    if (!fileName) continue;
    const physical = fileName.interfaceName.split(':')[0]!;
    if (nicNameProblem(physical)) continue;
    files.set(physical, [...(files.get(physical) ?? []), i.baseName]);
    if (i.file.isDhcpFile) dhcp.add(physical);
  }
  return [...files.keys()].sort(compareNics).map((name) => {
    const iface = model.interfaces.get(name);
    return {
      name,
      files: files.get(name)!.sort(),
      group: iface?.group,
      standby: iface?.standby ?? false,
      addresses: (iface?.addresses ?? []).filter((a) => a.value && !a.value.linkLocal).map((a) => ({ word: a.token?.text, address: a.value!.canonical, test: a.test })),
      dhcp: dhcp.has(name),
    };
  });
}

/** `ce2` before `ce10`: driver, then instance. */
function compareNics(a: string, b: string): number {
  const [, da = a, na = '0'] = /^(.*?)([0-9]+)$/.exec(a) ?? [];
  const [, db = b, nb = '0'] = /^(.*?)([0-9]+)$/.exec(b) ?? [];
  return da.localeCompare(db) || Number(na) - Number(nb);
}

/** The name proposals start from: the nodename file's, else the host folder's, else the loghost line's. */
function baseNameOf(view: HostView): string {
  const nodename = view.nodename?.split(/\s+/).find(Boolean);
  if (nodename && !hostNameForAddressProblem(nodename)) return nodename;
  const parts = view.rootUri ? URI.parse(view.rootUri).path.split('/').filter(Boolean) : [];
  const folder = parts[parts.length - 1] === 'etc' ? parts[parts.length - 2] : parts[parts.length - 1];
  if (folder && /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(folder) && !/-$/.test(folder) && !hostNameForAddressProblem(folder)) return folder;
  const loghost = view.hosts?.file.lookup('loghost')[0]?.names.find((n) => n.text !== 'loghost' && n.text !== 'localhost');
  return loghost?.text ?? 'myhost';
}

/** The IPv4 address a name has in the host's hosts (and ipnodes, where read first). */
function hostsAddressOf(view: HostView, name: string): number | undefined {
  for (const r of view.names?.resolveAll(name) ?? []) {
    const value = readHostsAddress(r.entry.address.text);
    if (value?.family === 'inet') return value.ipv4;
  }
  return undefined;
}

interface Subnet {
  readonly network: number;
  readonly prefixLength: number;
  /** The address it was found from (free addresses are looked for after it). */
  readonly start: number;
  readonly from: string;
}

const MASK_WORDS: Record<string, string> = { netmasks: 'mask from netmasks', explicit: 'mask written in the file', classful: 'classful mask (no netmasks entry)', prefix: 'prefix length written in the file' };

/**
 * The subnet the group goes on: that of an address the chosen NICs have, else another NIC's,
 * else the host's own name in hosts (its netmasks mask, else the classful one, §1.8).
 */
function subnetOf(facts: HostFacts, nics: readonly string[], requested?: string): Subnet | { error: string } | undefined {
  if (requested !== undefined && requested.trim() !== '') {
    const parsed = parseSubnet(requested);
    if ('error' in parsed) return parsed;
    const inside = [...facts.configured.keys(), ...facts.hostsAddresses.keys()].find((a) => ((a & prefixMask(parsed.prefixLength)) >>> 0) === parsed.network);
    return { ...parsed, start: inside ?? parsed.network, from: 'as given' };
  }
  const usable = (a: ConfiguredAddress): boolean => a.family === 'inet' && a.value?.ipv4 !== undefined && a.value.ipv4 !== 0 && a.prefixLength !== undefined && a.prefixLength >= 1 && a.prefixLength <= 30;
  const chosen = new Set(nics);
  const ranked = [...facts.model.addresses].filter(usable).sort((a, b) => Number(!chosen.has(a.iface.name)) - Number(!chosen.has(b.iface.name)) || Number(a.test) - Number(b.test));
  const found = ranked[0];
  if (found) {
    const ipv4 = found.value!.ipv4!;
    const word = found.token?.text;
    const shown = word && word !== formatIPv4(ipv4) ? `${word} (${formatIPv4(ipv4)})` : formatIPv4(ipv4);
    return { network: (ipv4 & prefixMask(found.prefixLength!)) >>> 0, prefixLength: found.prefixLength!, start: ipv4, from: `${shown} on ${found.iface.name}, ${MASK_WORDS[found.maskSource ?? 'classful']}` };
  }
  const own = [facts.base, 'loghost'].map((n) => ({ n, a: hostsAddressOf(facts.view, n) })).find((x) => x.a !== undefined && !isSpecial(x.a));
  const any = own ?? [...facts.hostsAddresses].map(([a, n]) => ({ n, a })).find((x) => !isSpecial(x.a));
  if (!any || any.a === undefined) return undefined;
  const match = facts.view.netmasks ? matchNetmask(facts.view.netmasks.file, any.a) : undefined;
  const mask = match?.mask ?? classfulMask(any.a);
  const length = maskPrefixLength(mask);
  if (length === undefined || length < 1 || length > 30) return undefined;
  return { network: (any.a & mask) >>> 0, prefixLength: length, start: any.a, from: `${any.n} (${formatIPv4(any.a)}) in hosts, ${match ? MASK_WORDS.netmasks : MASK_WORDS.classful}` };
}

/** Loopback, 0.0.0.0, multicast and above: never a subnet to propose. */
function isSpecial(ipv4: number): boolean {
  const top = ipv4 >>> 24;
  return ipv4 === 0 || top === 127 || top === 0 || top >= 224;
}

function broadcastOf(s: { network: number; prefixLength: number }): number {
  return (s.network | (~prefixMask(s.prefixLength) >>> 0)) >>> 0;
}

function inSubnet(s: { network: number; prefixLength: number }, ipv4: number): boolean {
  return ((ipv4 & prefixMask(s.prefixLength)) >>> 0) === s.network;
}

/** The netmasks file gives the subnet's mask to an address of it already (§1.8). */
function netmasksCovers(file: NetmasksFile | undefined, s: { network: number; prefixLength: number }, ipv4: number): boolean {
  const match = file ? matchNetmask(file, ipv4) : undefined;
  return match?.mask === prefixMask(s.prefixLength);
}

function describeSubnet(facts: HostFacts, s: Subnet): NewGroupSubnet {
  const probe = s.start !== s.network ? s.start : s.network + 1;
  return {
    cidr: `${formatIPv4(s.network)}/${s.prefixLength}`,
    network: formatIPv4(s.network),
    mask: formatIPv4(prefixMask(s.prefixLength)),
    prefixLength: s.prefixLength,
    from: s.from,
    inNetmasks: netmasksCovers(facts.view.netmasks?.file, s, probe),
  };
}

/**
 * Free addresses of the subnet: after `start` upwards, then from the bottom; never the network
 * or broadcast address, an address in hosts or ipnodes, one the boot configures, or one taken.
 */
function* freeAddresses(facts: HostFacts, s: Subnet, taken: ReadonlySet<number>): Generator<number> {
  const first = s.network + 1;
  const last = broadcastOf(s) - 1;
  const from = s.start >= first && s.start <= last ? s.start + 1 : first;
  let tries = 0;
  for (const [a, b] of [[from, last], [first, from - 1]] as const) {
    for (let ipv4 = a; ipv4 <= b; ipv4++) {
      // A subnet as large as 10/8 full of entries: give up rather than walk it all.
      if (++tries > 1 << 20) return;
      if (facts.hostsAddresses.has(ipv4) || facts.configured.has(ipv4) || taken.has(ipv4)) continue;
      yield ipv4;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Plan: proposals

/** The proposals for a host; `params` narrow them to the NICs, layout and group chosen so far. */
export function planNewGroup(view: HostView, release: Release, params: Omit<NewGroupPlanParams, 'uri'> & { label?: string } = {}): NewGroupPlan {
  const facts = factsOf(view, release);
  const groups = [...new Set(facts.nics.map((n) => n.group).filter((g): g is string => !!g))];
  const label = params.label ?? view.rootUri;
  const notes: string[] = [];
  const refused = readsHostnameFiles(release) ? undefined : 'Solaris 11 reads no hostname files: make IPMP groups there with ipadm create-ipmp (see Convert Host to Solaris 11 ipadm).';

  const nics = orderNics(facts, params.nics ?? defaultNics(facts, params.nic));
  const layout = params.layout ?? 'active-active';
  const subnetFound = subnetOf(facts, nics, params.subnet);
  const subnet = subnetFound && !('error' in subnetFound) ? subnetFound : undefined;
  if (subnetFound && 'error' in subnetFound) notes.push(subnetFound.error);
  if (!subnetFound) notes.push('The host has no IPv4 address to take a subnet from: give the subnet and addresses yourself.');
  const group = params.group ?? proposeGroup(facts, nics, subnet, notes);
  const proposal = proposeAddresses(facts, { nics, layout, group }, subnet);
  const free = subnet ? take(freeAddresses(facts, subnet, new Set()), 8).map(formatIPv4) : [];
  return {
    rootUri: view.rootUri,
    label,
    nodename: facts.base,
    nics: facts.nics,
    groups,
    subnet: subnet ? describeSubnet(facts, subnet) : null,
    free,
    proposal: { ...proposal, subnet: subnet ? `${formatIPv4(subnet.network)}/${subnet.prefixLength}` : undefined },
    notes,
    refused,
  };
}

function take<T>(items: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  if (count <= 0) return out;
  for (const item of items) if (out.push(item) >= count) break;
  return out;
}

/**
 * NICs chosen when the user has not chosen yet: the one the wizard starts from (else the first
 * NIC in no group that has an address), and every other NIC in no group, without DHCP, and on
 * no other subnet.
 */
function defaultNics(facts: HostFacts, start?: string): string[] {
  const v4Of = (nic: NewGroupNic): number[] => nic.addresses.map((a) => parseIPv4Quad(a.address)).filter((a): a is number => a !== undefined && a !== 0);
  const lone = facts.nics.filter((n) => !n.group && !n.dhcp);
  const reference = start ?? lone.find((n) => v4Of(n).length > 0)?.name;
  const found = reference ? subnetOf(facts, [reference]) : undefined;
  const subnet = found && !('error' in found) ? found : undefined;
  const chosen = start ? [start] : [];
  for (const nic of lone) {
    if (nic.name === start || (subnet && v4Of(nic).some((a) => !inSubnet(subnet, a)))) continue;
    chosen.push(nic.name);
  }
  return chosen;
}

/** The chosen NICs, the one that has the data address first (it keeps it), then in the order given. */
function orderNics(facts: HostFacts, nics: readonly string[]): string[] {
  const unique = [...new Set(nics)];
  const holder = unique.find((n) => facts.model.interfaces.get(n)?.addresses.some((a) => a.family === 'inet' && !a.test && (a.value?.ipv4 ?? 0) !== 0));
  return holder ? [holder, ...unique.filter((n) => n !== holder)] : unique;
}

/**
 * The group's name: the one the chosen NICs share now; else the group already on the subnet
 * (one group per subnet, §3.1); else the next free name in the host's pattern (`ipmp0`).
 */
function proposeGroup(facts: HostFacts, nics: readonly string[], subnet: Subnet | undefined, notes: string[]): string {
  const current = [...new Set(nics.map((n) => facts.model.interfaces.get(n)?.group).filter((g): g is string => !!g))];
  if (current.length === 1) return current[0]!;
  if (subnet) {
    const chosen = new Set(nics);
    for (const g of facts.model.groups.values()) {
      const others = g.members.filter((m) => !chosen.has(m.name));
      if (others.length && others.some((m) => m.addresses.some((a) => a.value?.ipv4 !== undefined && a.value.ipv4 !== 0 && inSubnet(subnet, a.value.ipv4)))) {
        notes.push(`Group ${g.name} (${others.map((m) => m.name).join(', ')}) already serves ${formatIPv4(subnet.network)}/${subnet.prefixLength}: one group per subnet (§3.1), so the NICs are proposed to join it.`);
        return g.name;
      }
    }
  }
  const used = new Set(facts.model.groups.keys());
  const pattern = [...used].map((g) => /^(.*?)([0-9]+)$/.exec(g)?.[1]).find((p) => p !== undefined && p !== '');
  const prefix = pattern ?? 'ipmp';
  for (let n = 0; ; n++) if (!used.has(`${prefix}${n}`) && !groupNameProblem(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Data and test addresses for the answers: what the NICs have now where it fits, else free addresses. */
function proposeAddresses(facts: HostFacts, answers: { nics: string[]; layout: NewGroupLayout; group: string }, subnet: Subnet | undefined): NewGroupAnswers {
  const { nics, layout, group } = answers;
  const chosen = new Set(nics);
  const takenAddresses = new Set<number>();
  const takenNames = new Set<string>();
  const free = subnet ? freeAddresses(facts, subnet, takenAddresses) : undefined;
  const nextFree = (): string => {
    const n = free?.next();
    return n && !n.done ? formatIPv4(n.value) : '';
  };
  // Names and addresses the NICs left out of the group use: never proposed.
  const othersNames = new Set<string>();
  const othersAddresses = new Set<number>();
  for (const a of facts.model.addresses) {
    if (chosen.has(a.iface.name)) continue;
    if (a.token) othersNames.add(a.token.text.toLowerCase());
    if (a.value?.ipv4 !== undefined) othersAddresses.add(a.value.ipv4);
  }
  const fits = (ipv4: number | undefined): ipv4 is number => ipv4 !== undefined && ipv4 !== 0 && !!subnet && inSubnet(subnet, ipv4) && !othersAddresses.has(ipv4) && !takenAddresses.has(ipv4);
  const claim = (name: string, ipv4: number | string): NamedAddress => {
    takenNames.add(name.toLowerCase());
    const address = typeof ipv4 === 'number' ? formatIPv4(ipv4) : ipv4;
    const value = parseIPv4Quad(address);
    if (value !== undefined) takenAddresses.add(value);
    return { name, address };
  };
  const nameFree = (name: string): boolean => !takenNames.has(name.toLowerCase()) && !othersNames.has(name.toLowerCase()) && !hostNameForAddressProblem(name);
  /** A name for an address the NIC has now: its word, the name hosts gives it, or `fallback`. */
  const nameFor = (a: ConfiguredAddress, fallback: string): string => {
    const word = a.token?.text;
    if (word && !/^[0-9.]+$/.test(word) && nameFree(word)) return word;
    const inHosts = facts.hostsAddresses.get(a.value!.ipv4!);
    if (inHosts && nameFree(inHosts)) return inHosts;
    return uniqueName(fallback, (n) => nameFree(n) && hostsAddressOf(facts.view, n) === undefined);
  };
  /** A name not taken: `stem`, else `stem-2`, `stem-3`… (a name in hosts counts only if its address fits). */
  const fresh = (wanted: string): NamedAddress => {
    const stem = nameStem(wanted);
    for (let n = 1; n <= MAX_SUFFIX; n++) {
      const name = n === 1 ? stem : `${stem}-${n}`;
      if (!nameFree(name)) continue;
      const known = hostsAddressOf(facts.view, name);
      if (known === undefined) return claim(name, nextFree());
      if (fits(known)) return claim(name, known);
    }
    return claim(stem, nextFree());
  };

  const current = (nic: string, test: boolean): ConfiguredAddress | undefined =>
    facts.model.interfaces.get(nic)?.addresses.find((a) => a.family === 'inet' && a.test === test && fits(a.value?.ipv4));

  let data: NamedAddress | null = null;
  const needsData = layout !== 'ipv6-link-local' || nics.some((n) => current(n, false));
  if (needsData) {
    const own = nics.map((n) => current(n, false)).find(Boolean);
    if (own) data = claim(nameFor(own, facts.base), own.value!.ipv4!);
    else {
      const known = hostsAddressOf(facts.view, facts.base);
      data = nameFree(facts.base) && fits(known) ? claim(facts.base, known) : fresh(hostsAddressOf(facts.view, facts.base) === undefined ? facts.base : `${facts.base}-${group}`);
    }
  }
  const tests: Record<string, NamedAddress> = {};
  if (layout === 'active-active' || layout === 'active-standby') {
    for (const nic of nics) {
      const own = current(nic, true);
      tests[nic] = own ? claim(nameFor(own, `${facts.base}-${nic}-test`), own.value!.ipv4!) : fresh(`${facts.base}-${nic}-test`);
    }
  }
  return { nics, layout, group, data, tests };
}

/** Suffixes tried before a proposal gives up (the user edits it; the edit's checks say why). */
const MAX_SUFFIX = 1000;

function uniqueName(wanted: string, free: (name: string) => boolean): string {
  const stem = nameStem(wanted);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const name = n === 1 ? stem : `${stem}-${n}`;
    if (free(name)) return name;
  }
  return stem;
}

/** A host name made of `text` (§5.1): letters, digits and inner hyphens (`e1_0` → `e1-0`). */
function nameStem(text: string): string {
  const stem = text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  return stem && !/^[0-9-]+$/.test(stem) && !findKeyword(stem) ? stem : `host-${stem || 'new'}`.replace(/-+$/, '');
}

// ---------------------------------------------------------------------------------------
// Edit: the files

/** The line ending a file uses (its first line break), LF for a new or one-line file. */
function eolOf(text: string | undefined): string {
  const at = text?.indexOf('\n') ?? -1;
  return at > 0 && text![at - 1] === '\r' ? '\r\n' : '\n';
}

/** The hostname files of the layout (§3.7), by base name, LF-ended. */
function layoutFiles(answers: NewGroupAnswers, ipv4Files: boolean): Map<string, string> {
  const { nics, group: g, layout } = answers;
  const d = answers.data?.name;
  const t = (nic: string): string => answers.tests![nic]!.name;
  const files = new Map<string, string>();
  const last = nics.length - 1;
  nics.forEach((nic, i) => {
    switch (layout) {
      case 'active-active':
      case 'active-standby':
        if (i === 0) files.set(`hostname.${nic}`, `${d} netmask + broadcast + group ${g} up \\\naddif ${t(nic)} deprecated -failover netmask + broadcast + up\n`);
        else if (layout === 'active-standby' && i === last) files.set(`hostname.${nic}`, `${t(nic)} netmask + broadcast + deprecated -failover group ${g} standby up\n`);
        else files.set(`hostname.${nic}`, `${t(nic)} deprecated -failover netmask + broadcast + group ${g} up\n`);
        break;
      case 'link-based':
        files.set(`hostname.${nic}`, i === 0 ? `${d} netmask + broadcast + group ${g} up\n` : `group ${g} up\n`);
        break;
      case 'ipv6-link-local':
        // Every member plumbed for the same families (§3.1): IPv4 on all of them, or on none.
        if (ipv4Files) files.set(`hostname.${nic}`, i === 0 && d ? `${d} netmask + broadcast + group ${g} up\n` : `group ${g} up\n`);
        files.set(`hostname6.${nic}`, `-failover group ${g} up\n`);
        break;
    }
  });
  return files;
}

/** The edit for a set of answers, the files it writes, and what the rules would say afterwards. */
export function newGroupEdit(view: HostView, answers: NewGroupAnswers, settings: Settings): NewGroupEditResult {
  const release = settings.release;
  const facts = factsOf(view, release);
  const errors: string[] = [];
  const fail = (): NewGroupEditResult => ({ errors, files: [], problems: [], summary: '' });
  if (typeof answers !== 'object' || answers === null || !Array.isArray(answers.nics)) {
    errors.push('No answers: give the NICs, the layout and the group name.');
    return fail();
  }
  if (!readsHostnameFiles(release)) errors.push('Solaris 11 reads no hostname files: make IPMP groups there with ipadm create-ipmp.');
  if (!NEW_GROUP_LAYOUTS.includes(answers.layout)) errors.push(`Unknown layout '${String(answers.layout)}': one of ${NEW_GROUP_LAYOUTS.join(', ')}.`);
  const groupProblem = groupNameProblem(answers.group ?? '');
  if (groupProblem) errors.push(groupProblem);
  const nics = answers.nics;
  if (new Set(nics).size !== nics.length) errors.push('A NIC is chosen twice.');
  if (nics.length < 2) errors.push('An IPMP group needs at least two NICs to fail over between (§3.1).');
  for (const nic of nics) {
    const problem = nicNameProblem(nic);
    if (problem) errors.push(problem);
    if (facts.nics.find((n) => n.name === nic)?.dhcp) errors.push(`${nic} is configured by DHCP (dhcp.${nic}): remove that file first, or choose another NIC.`);
  }
  if (errors.length) return fail();

  const probe = answers.layout === 'active-active' || answers.layout === 'active-standby';
  const data = answers.data ?? null;
  if (!data && answers.layout !== 'ipv6-link-local') errors.push('This layout needs a data address (the address the group serves).');
  const named: { role: string; value: NamedAddress }[] = [];
  if (data) named.push({ role: 'the data address', value: data });
  if (probe) {
    for (const nic of nics) {
      const test = answers.tests?.[nic];
      if (!test) errors.push(`${nic} needs a test address in a probe-based group (§3.2).`);
      else named.push({ role: `${nic}'s test address`, value: test });
    }
  }
  let subnet: Subnet | undefined;
  if (named.length) {
    const found = subnetOf(facts, nics, answers.subnet);
    if (!found) errors.push('No subnet: give one (such as 192.168.10.0/24).');
    else if ('error' in found) errors.push(found.error);
    else subnet = found;
  }
  if (errors.length) return fail();

  // Names and addresses: valid, in the subnet, unique, and agreeing with hosts (§3.2, §5.1).
  const chosen = new Set(nics);
  const othersNames = new Map<string, string>();
  const othersAddresses = new Map<number, string>();
  for (const a of facts.model.addresses) {
    if (chosen.has(a.iface.name)) continue;
    if (a.token) othersNames.set(a.token.text.toLowerCase(), a.iface.name);
    if (a.value?.ipv4 !== undefined && a.value.ipv4 !== 0) othersAddresses.set(a.value.ipv4, a.iface.name);
  }
  const seenNames = new Map<string, string>();
  const seenAddresses = new Map<number, string>();
  const newEntries: NamedAddress[] = [];
  for (const { role, value } of named) {
    const nameProblem = hostNameForAddressProblem(value.name ?? '');
    const ipv4 = parseIPv4Quad(value.address ?? '');
    if (nameProblem) errors.push(`${role}: ${nameProblem}`);
    if (ipv4 === undefined) {
      errors.push(`${role}: '${value.address}' is not an IPv4 address (a.b.c.d).`);
      continue;
    }
    if (nameProblem) continue;
    const s = subnet!;
    if (!inSubnet(s, ipv4)) errors.push(`${role}: ${value.address} is not in ${formatIPv4(s.network)}/${s.prefixLength}.`);
    else if (ipv4 === s.network || ipv4 === broadcastOf(s)) errors.push(`${role}: ${value.address} is the ${ipv4 === s.network ? 'network' : 'broadcast'} address of ${formatIPv4(s.network)}/${s.prefixLength}.`);
    const key = value.name.toLowerCase();
    if (seenNames.has(key)) errors.push(`${role}: the name ${value.name} is also ${seenNames.get(key)}.`);
    if (seenAddresses.has(ipv4)) errors.push(`${role}: ${value.address} is also ${seenAddresses.get(ipv4)}: every address must be unique (§3.2).`);
    seenNames.set(key, role);
    seenAddresses.set(ipv4, role);
    if (othersNames.has(key)) errors.push(`${role}: ${value.name} is used by ${othersNames.get(key)}, which is not in the group.`);
    if (othersAddresses.has(ipv4)) errors.push(`${role}: ${value.address} is configured on ${othersAddresses.get(ipv4)}, which is not in the group.`);
    const known = hostsAddressOf(view, value.name);
    if (known !== undefined && known !== ipv4) errors.push(`${role}: ${value.name} is ${formatIPv4(known)} in hosts, not ${value.address}; use that address or another name.`);
    else if (known === undefined) {
      const holder = facts.hostsAddresses.get(ipv4);
      if (holder !== undefined) errors.push(`${role}: ${value.address} is ${holder}'s address in hosts; use the name ${holder} or another address.`);
      // Written as a dotted quad without leading zeros: inet_addr reads `010` as octal (§5.1).
      else newEntries.push({ name: value.name, address: formatIPv4(ipv4) });
    }
  }
  if (errors.length) return fail();

  // The files.
  const root = view.rootUri;
  const changes: NewGroupFileChange[] = [];
  const newTexts = new Map<string, string>();
  const existing = new Map(view.interfaces.map((i) => [i.baseName, i]));
  const ipv4Files = answers.layout !== 'ipv6-link-local' || data !== null || nics.some((n) => existing.has(`hostname.${n}`));
  for (const [name, text] of layoutFiles({ ...answers, nics }, ipv4Files)) {
    const old = existing.get(name);
    const uri = old?.uri ?? `${root}/${name}`;
    const written = old ? text.replace(/\n/g, eolOf(old.file.text)) : text;
    newTexts.set(uri, written);
    changes.push(old ? { uri, label: name, change: 'replace', text: written, before: old.file.text } : { uri, label: name, change: 'create', text: written });
  }
  if (newEntries.length) {
    const hosts = view.hosts;
    const eol = eolOf(hosts?.file.text);
    const lines = newEntries.map((e) => `${e.address}\t${e.name}${eol}`).join('');
    if (hosts) {
      const before = hosts.file.text;
      const added = `${before.length && !before.endsWith('\n') ? eol : ''}${lines}`;
      newTexts.set(hosts.uri, before + added);
      changes.push({ uri: hosts.uri, label: labelIn(root, hosts.uri, hosts.label), change: 'append', text: added });
    } else {
      const text = `127.0.0.1\tlocalhost\n${lines}`;
      newTexts.set(view.newHostsUri, text);
      changes.push({ uri: view.newHostsUri, label: labelIn(root, view.newHostsUri, 'hosts'), change: 'create', text });
    }
  }
  if (subnet && data) {
    const netmasks = view.netmasks;
    const probeAddress = parseIPv4Quad(data.address)!;
    const mask = prefixMask(subnet.prefixLength);
    // Only when netmask + would not give the mask already (§1.8); with no netmasks file, only
    // when the classful mask is not the one wanted (a new file would judge every other subnet).
    const wanted = netmasks ? !netmasksCovers(netmasks.file, subnet, probeAddress) : classfulMask(probeAddress) !== mask;
    if (wanted) {
      const eol = eolOf(netmasks?.file.text);
      const line = `${formatIPv4(subnet.network)}\t${formatIPv4(mask)}${eol}`;
      if (netmasks) {
        const before = netmasks.file.text;
        const added = `${before.length && !before.endsWith('\n') ? eol : ''}${line}`;
        newTexts.set(netmasks.uri, before + added);
        changes.push({ uri: netmasks.uri, label: labelIn(root, netmasks.uri, netmasks.label), change: 'append', text: added });
        if (!netmasksCovers(parseNetmasks(before + added), subnet, probeAddress)) {
          errors.push(`${netmasks.label} has an entry that wins over ${formatIPv4(subnet.network)}/${subnet.prefixLength} for these addresses (§1.8): change it first.`);
          return fail();
        }
      } else {
        const uri = `${root}/netmasks`;
        newTexts.set(uri, line);
        changes.push({ uri, label: 'netmasks', change: 'create', text: line });
      }
    }
  }

  const after = withTexts(view, release, newTexts);
  const problems = newProblems(view, after, settings);
  return { errors: [], edit: toEdit(view, changes), files: changes, problems, summary: summaryOf(after, release, answers.group) };
}

function labelIn(root: string, uri: string, fallback: string): string {
  return uri.startsWith(`${root}/`) ? decodeURIComponent(uri.slice(root.length + 1)) : fallback;
}

/** One workspace edit: creations with their text, replacements of whole files, appends. */
function toEdit(view: HostView, changes: readonly NewGroupFileChange[]): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const textOf = (uri: string): string | undefined =>
    view.interfaces.find((i) => i.uri === uri)?.file.text ?? (view.hosts?.uri === uri ? view.hosts.file.text : view.netmasks?.uri === uri ? view.netmasks.file.text : undefined);
  for (const c of changes) {
    const before = textOf(c.uri) ?? '';
    const end = new LineIndex(before).positionAt(before.length);
    let range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (c.change === 'create') documentChanges.push({ kind: 'create', uri: c.uri, options: { overwrite: false, ignoreIfExists: false } });
    else if (c.change === 'replace') range = { start: { line: 0, character: 0 }, end };
    else range = { start: end, end };
    documentChanges.push({ textDocument: { uri: c.uri, version: null }, edits: [{ range, newText: c.text }] });
  }
  return { documentChanges };
}

/** The host as it would be with these texts (new files added). */
function withTexts(view: HostView, release: Release, texts: ReadonlyMap<string, string>): HostView {
  const interfaces = view.interfaces.map((i) => (texts.has(i.uri) ? { ...i, file: parseHostnameFile(texts.get(i.uri)!, { fileName: i.baseName }) } : i));
  for (const [uri, text] of texts) {
    const name = baseName(URI.parse(uri).path);
    if (!/^hostname6?\./.test(name) || interfaces.some((i) => i.uri === uri)) continue;
    interfaces.push({ uri, baseName: name, file: parseHostnameFile(text, { fileName: name }) });
  }
  interfaces.sort((a, b) => a.baseName.localeCompare(b.baseName));
  let hosts = view.hosts;
  const hostsText = texts.get(hosts?.uri ?? view.newHostsUri);
  if (hostsText !== undefined) hosts = { uri: hosts?.uri ?? view.newHostsUri, label: hosts?.label ?? 'hosts', file: parseHosts(hostsText) };
  let netmasks = view.netmasks;
  const netmasksUri = netmasks?.uri ?? `${view.rootUri}/netmasks`;
  if (texts.has(netmasksUri)) netmasks = { uri: netmasksUri, label: netmasks?.label ?? 'netmasks', file: parseNetmasks(texts.get(netmasksUri)!) };
  // Name lookup as the host model builds it: ipnodes first up to Solaris 10 11/06 (§5.2).
  const sources: NameSource[] = [];
  if (view.ipnodes && ipnodesSearchedFirst(release)) sources.push({ ...view.ipnodes, kind: 'ipnodes' });
  if (hosts) sources.push({ ...hosts, kind: 'hosts' });
  return { ...view, interfaces, hosts, netmasks, names: createNameLookup(sources) };
}

/** The host's own files, parsed as the view holds them. */
function documentsOf(view: HostView): ParsedDocument[] {
  const inRoot = (uri: string): boolean => uri.startsWith(`${view.rootUri}/`);
  const docs: ParsedDocument[] = view.interfaces.map((i) => ({ uri: i.uri, text: i.file.text, index: i.file.index, kind: 'hostname' as const, hostname: i.file }));
  for (const h of [view.hosts, view.ipnodes]) if (h && inRoot(h.uri)) docs.push(hostsDocument(h.uri, h.file));
  if (view.netmasks) docs.push({ uri: view.netmasks.uri, text: view.netmasks.file.text, index: view.netmasks.file.index, kind: 'netmasks', netmasks: view.netmasks.file });
  if (view.mpathd) docs.push({ uri: view.mpathd.uri, text: view.mpathd.file.text, index: new LineIndex(view.mpathd.file.text), kind: 'mpathd', mpathd: view.mpathd.file });
  return docs;
}

function hostsDocument(uri: string, file: HostsFile): ParsedDocument {
  return { uri, text: file.text, index: file.index, kind: 'hosts', hosts: file };
}

/** Error and warning findings of the host afterwards that it does not have now (by file, rule and message). */
function newProblems(before: HostView, after: HostView, settings: Settings): string[] {
  const keys = (view: HostView): string[] =>
    documentsOf(view).flatMap((doc) => {
      const label = labelIn(view.rootUri, doc.uri, baseName(URI.parse(doc.uri).path));
      return findingsFor(doc, view, settings).flatMap((f) => {
        const severity = effectiveSeverity(f, settings);
        // A file kept with its CRLF endings counts them anew: the same finding, another count.
        const message = f.rule === 'carriage-return' ? 'the file has CR line endings' : f.message;
        return severity === 'error' || severity === 'warning' ? [`${label}: ${severity} ${f.rule}: ${message}`] : [];
      });
    });
  const old = new Map<string, number>();
  for (const k of keys(before)) old.set(k, (old.get(k) ?? 0) + 1);
  return keys(after).filter((k) => {
    const n = old.get(k) ?? 0;
    if (n > 0) old.set(k, n - 1);
    return n === 0;
  });
}

/** The group as in.mpathd would see it after boot: members, roles, addresses. */
function summaryOf(view: HostView, release: Release, group: string): string {
  const boot = analyzeHost(view, release).model.boot;
  const g = boot.mpathd.groups.find((x) => x.name === group);
  if (!g) return `${group}: not formed at boot`;
  const members = g.members.map((m) => {
    const parts = [m.dataAddresses.length ? `data ${m.dataAddresses.join(', ')}` : '', m.probes.length ? `probes from ${m.probes.map((p) => p.lif).join(', ')}` : 'link state only'].filter(Boolean);
    return `${m.name} ${m.role} (${parts.join('; ')})`;
  });
  return `${group}: ${members.join(', ')}`;
}

// ---------------------------------------------------------------------------------------
// The code action on a lone interface

type HostnameDocument = Extract<ParsedDocument, { kind: 'hostname' }>;

/** "Make ce0 part of a new IPMP group…" on a hostname file whose NIC is in no group (client command). */
export function newGroupAction(doc: HostnameDocument, host: HostView, release: Release): CodeAction | undefined {
  const fileName = doc.hostname.fileName;
  if (!fileName || doc.hostname.isDhcpFile || !readsHostnameFiles(release)) return undefined;
  const nic = fileName.interfaceName.split(':')[0]!;
  // A NIC run by DHCP (§1.9) gets no static group from the wizard.
  if (nicNameProblem(nic) || host.interfaces.some((i) => i.baseName === `dhcp.${nic}`)) return undefined;
  const iface = ipmpModelFor(doc, host, release).interfaces.get(nic);
  if (iface?.group || iface?.groupUses.length) return undefined;
  const title = `Make ${nic} part of a new IPMP group…`;
  return { title, kind: NEW_GROUP_KIND, command: { title, command: NEW_GROUP_COMMAND, arguments: [{ uri: doc.uri, nic }] } };
}
