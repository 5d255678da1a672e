/**
 * What a Solaris 11 system ends up with after running a converted script: a small reader of
 * the `dladm`/`ipadm` commands the converter writes, with the checks ipadm itself makes
 * (an interface exists before it gets addresses, an address object is named once, an
 * interface is in one IPMP group). Addresses on an IPMP interface are data addresses, those on
 * its underlying interfaces test addresses (Oracle Solaris 11.3 "Administering TCP/IP
 * Networks, IPMP, and IP Tunnels", "Adding IP Addresses to an IPMP Group").
 */
import { groupMembers, groupNames, hasAddress, lifsOf, prefixOfMask, type SystemState } from '../../server/src/engine/state';

export interface Solaris11Group {
  readonly members: string[];
  readonly standby: string[];
  readonly data: string[];
  /** `nic address` per test address; `nic link-local` for an addrconf one. */
  readonly tests: string[];
}

export interface Solaris11Result {
  /** By IPMP interface. */
  readonly groups: Map<string, Solaris11Group>;
  /** Interfaces in no group: `nic address` per address. */
  readonly plain: string[];
  readonly mpathd: Map<string, string>;
}

/** Reads the script; throws with the line when ipadm would refuse a command. */
export function readIpadmScript(script: string): Solaris11Result {
  const vars = new Map<string, string>();
  const created = new Set<string>();
  const ipmpOf = new Map<string, string>();
  const groups = new Map<string, Solaris11Group>();
  const objects = new Set<string>();
  const addresses: { ifname: string; text: string }[] = [];
  const mpathd = new Map<string, string>();
  let inFunction = false;
  for (const [i, raw] of script.split('\n').entries()) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${raw}`);
    };
    if (!line || line.startsWith('#')) continue;
    if (/^[a-z_]+\(\) \{$/.test(line)) inFunction = true;
    if (inFunction) {
      if (line === '}') inFunction = false;
      continue;
    }
    if (line === 'set -e' || line === 'pkill -HUP in.mpathd') continue;
    const lookup = /^([A-Za-z_][A-Za-z0-9_]*)=\$\(link_of ([A-Za-z0-9_]+)\)$/.exec(line);
    if (lookup) {
      vars.set(lookup[1]!, lookup[2]!);
      continue;
    }
    // Words; a "$var" stands for the link over the device it was looked up for.
    const argv = line.split(/\s+/).map((w) => w.replace(/^"\$([A-Za-z0-9_]+)"/, (_, v: string) => vars.get(v) ?? fail(`unknown variable ${v}`)));
    const [program, sub, ...rest] = argv;
    if (program === 'mpathd_set') {
      mpathd.set(sub!, rest[0]!);
      continue;
    }
    if (program === 'dladm') continue;
    if (program !== 'ipadm') fail('not an ipadm command');
    const option = (name: string): string[] => rest.flatMap((w, j) => (w === name ? [rest[j + 1]!] : []));
    const target = rest[rest.length - 1]!;
    switch (sub) {
      case 'create-ip':
        if (created.has(target)) fail(`${target} exists`);
        created.add(target);
        break;
      case 'create-ipmp': {
        if (created.has(target)) fail(`${target} exists`);
        created.add(target);
        const members = option('-i').flatMap((m) => m.split(','));
        for (const m of members) {
          if (!created.has(m)) fail(`${m} is no IP interface`);
          if (ipmpOf.has(m)) fail(`${m} is already in ${ipmpOf.get(m)}`);
          ipmpOf.set(m, target);
        }
        groups.set(target, { members, standby: [], data: [], tests: [] });
        break;
      }
      case 'create-addr': {
        const slash = target.indexOf('/');
        const ifname = target.slice(0, slash);
        const name = target.slice(slash + 1);
        if (slash < 0 || !/^[A-Za-z][A-Za-z0-9]*$/.test(name) || name.length > 32) fail('bad address object name');
        if (!created.has(ifname)) fail(`${ifname} is no IP interface`);
        if (objects.has(target)) fail(`${target} exists`);
        objects.add(target);
        const type = option('-T')[0];
        const text = type === 'static' ? option('-a')[0]!.replace(/^local=/, '').replace(/,remote=.*$/, '') : type === 'addrconf' ? 'link-local' : type === 'dhcp' ? 'dhcp' : fail(`type ${type}`);
        addresses.push({ ifname, text });
        break;
      }
      case 'set-ifprop': {
        const props = option('-p');
        if (props.includes('standby=on')) {
          const ipmp = ipmpOf.get(target) ?? fail(`${target} is in no IPMP group: standby=on is refused`);
          groups.get(ipmp)!.standby.push(target);
        }
        break;
      }
      case 'set-addrprop':
        if (!objects.has(target)) fail(`${target} does not exist`);
        break;
      default:
        fail(`ipadm ${sub}`);
    }
  }
  const plain: string[] = [];
  for (const a of addresses) {
    const group = groups.get(a.ifname);
    if (group) {
      group.data.push(a.text);
      continue;
    }
    const ipmp = ipmpOf.get(a.ifname);
    if (ipmp) groups.get(ipmp)!.tests.push(`${a.ifname} ${a.text}`);
    else plain.push(`${a.ifname} ${a.text}`);
  }
  return { groups, plain, mpathd };
}

/** The same facts from the Solaris 10 boot the engine simulated, named the way the script names them. */
export function solaris10Result(state: SystemState, ipmpName: (group: string) => string): Solaris11Result {
  const groups = new Map<string, Solaris11Group>();
  const addressText = (family: 'inet' | 'inet6', lif: ReturnType<typeof lifsOf>[number]): string =>
    lif.dhcp ? 'dhcp' : `${lif.address.canonical}/${family === 'inet' ? prefixOfMask(lif.mask) : (lif.prefixLength ?? 64)}`;
  for (const group of groupNames(state)) {
    const members = groupMembers(state, group);
    const g: Solaris11Group = { members: members.map((m) => m.name), standby: members.filter((m) => m.flags.has('STANDBY')).map((m) => m.name), data: [], tests: [] };
    for (const m of members) {
      for (const family of ['inet', 'inet6'] as const) {
        for (const lif of lifsOf(m, family)) {
          if (lif.placeholder) continue;
          if (family === 'inet6' && lif.address.linkLocal) continue;
          if (!hasAddress(lif)) continue;
          if (lif.flags.has('NOFAILOVER')) g.tests.push(`${m.name} ${addressText(family, lif)}`);
          else g.data.push(addressText(family, lif));
        }
      }
      // Every IPv6 member has its link-local address: a test address in the group.
      if (m.ills.inet6) g.tests.push(`${m.name} link-local`);
    }
    // OpenSolaris / Solaris 11 Express: the group's own IPMP interface holds data addresses.
    for (const ipmp of [...state.phyints.values()].filter((p) => p.ipmp && p.groupname === group)) {
      for (const family of ['inet', 'inet6'] as const) {
        for (const lif of lifsOf(ipmp, family)) if (hasAddress(lif) && !lif.placeholder && !lif.address.linkLocal && !lif.flags.has('NOFAILOVER')) g.data.push(addressText(family, lif));
      }
    }
    groups.set(ipmpName(group), g);
  }
  const plain: string[] = [];
  for (const p of [...state.phyints.values()].sort((a, b) => a.index - b.index)) {
    if (p.groupname || p.name === 'lo0' || p.ipmp) continue;
    for (const family of ['inet', 'inet6'] as const) {
      for (const lif of lifsOf(p, family)) {
        if (lif.home !== p.name || !hasAddress(lif) || lif.placeholder || (family === 'inet6' && lif.address.linkLocal)) continue;
        plain.push(`${p.name} ${addressText(family, lif)}`);
      }
    }
    if (p.ills.inet6) plain.push(`${p.name} link-local`);
  }
  return { groups, plain, mpathd: new Map() };
}

/** The commands of a converted script, one per line, without comments, helper functions and link lookups. */
export function commandLines(script: string): string[] {
  const out: string[] = [];
  let inFunction = false;
  for (const raw of script.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    if (/^[a-z_]+\(\) \{$/.test(line)) inFunction = true;
    if (inFunction) {
      if (line === '}') inFunction = false;
      continue;
    }
    if (line === 'set -e' || /=\$\(link_of /.test(line)) continue;
    out.push(line);
  }
  return out;
}

/** Order-free form for comparison. */
export function normalized(r: Solaris11Result): unknown {
  return {
    groups: [...r.groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, g]) => ({ name, members: [...g.members].sort(), standby: [...g.standby].sort(), data: [...g.data].sort(), tests: [...g.tests].sort() })),
    plain: [...r.plain].sort(),
  };
}
