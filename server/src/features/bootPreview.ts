/**
 * The boot preview and the failure simulation as text: the commands in boot order with what
 * each did, the interfaces in the layout of `ifconfig -a`, the groups as tables in the manner of
 * `ipmpstat -g/-i/-a/-t`, and what in.mpathd logs. One renderer for the editor's read-only
 * document and for `ipmp-lint explain`.
 */
import { RELEASE_LABELS } from '../catalog/releases';
import type { BootResult, BootStep } from '../engine/boot';
import type { CommandOutcome } from '../engine/command';
import type { AddressMove } from '../engine/kernel';
import { mpathdView, type FailureSimulation, type MpathdView } from '../engine/mpathd';
import { flagsHex, formatIPv4, lifName, lifsOf, maskHex, shownFlags, type SystemState } from '../engine/state';

export interface PreviewOptions {
  /** How the host is named: its folder relative to the workspace (`web1/etc`). */
  readonly host: string;
  /** The failure to show after the boot, if any. */
  readonly failure?: FailureSimulation;
}

const RULE = '─'.repeat(78);

export function renderBootPreview(boot: BootResult, options: PreviewOptions): string {
  const out: string[] = [];
  out.push(`Boot preview of ${options.host} — ${RELEASE_LABELS[boot.release]}`);
  out.push('Simulated from the files as they are now (open editors included). Read-only; it follows your edits.');
  if (options.failure) out.push(`Then: ${options.failure.nic} fails, and is repaired.`);
  out.push('');
  section(out, '1. Commands, in boot order');
  renderSteps(out, boot.steps);
  section(out, '2. Interfaces after boot (ifconfig -a)');
  renderIfconfig(out, boot.state);
  section(out, '3. IPMP after boot');
  renderIpmp(out, boot.state, boot.mpathd);
  if (boot.mpathdStartMoves.length > 0) {
    out.push('When in.mpathd started it moved the data addresses off the standby (it logs nothing for this):');
    renderMoves(out, boot.mpathdStartMoves);
    out.push('');
  }
  if (boot.mpathd.log.length > 0) {
    out.push('in.mpathd logs (syslog, daemon.error):');
    for (const line of boot.mpathd.log) out.push(`  in.mpathd: ${line}`);
    out.push('');
  }
  const failure = options.failure;
  if (failure) renderFailure(out, boot, failure);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function section(out: string[], title: string): void {
  out.push(RULE);
  out.push(title);
  out.push(RULE);
}

const SCRIPT_TITLES: Record<string, string> = {
  'net-loopback': 'network/loopback (net-loopback)',
  'net-physical': 'network/physical (net-physical)',
  'net-init': 'network/initial (net-init)',
  'net-svc': 'network/service (net-svc), after name services',
  'in.mpathd': 'in.mpathd',
};

function renderSteps(out: string[], steps: readonly BootStep[]): void {
  let script = '';
  for (const step of steps) {
    const stepScript = step.kind === 'command' ? step.outcome.command.script : step.script;
    if (stepScript !== script) {
      if (script) out.push('');
      script = stepScript;
      out.push(`[${SCRIPT_TITLES[script] ?? script}]`);
    }
    if (step.kind === 'message') {
      out.push(`          ${step.to === 'console' ? 'console: ' : ''}${step.text}`);
      continue;
    }
    renderCommand(out, step.outcome);
  }
  out.push('');
}

function statusTag(outcome: CommandOutcome): string {
  if (outcome.status === 'skipped') return 'skipped ';
  if (outcome.status === 'failed') return 'FAILED  ';
  return outcome.error?.code === 'dhcp-inet6' ? 'ignored ' : 'ok      ';
}

export function renderCommand(out: string[], outcome: CommandOutcome): void {
  const command = outcome.command;
  const args = command.args;
  const firstImplicit = args.findIndex((a) => a.implicit);
  const written = firstImplicit === -1 ? args : args.slice(0, firstImplicit);
  const added = firstImplicit === -1 ? [] : args.slice(firstImplicit);
  const shown = [command.program.replace(/^.*\//, ''), ...written.map((a) => a.text)].join(' ');
  out.push(`  ${statusTag(outcome)}${printable(shown)}${added.length ? `  + ${added.map((a) => a.text).join(' ')}` : ''}`);
  const notes: string[] = [];
  if (command.source) {
    const line = command.source.line;
    notes.push(command.phase === 'plumb' ? `for ${command.source.baseName}` : `${command.source.baseName}, line ${line.firstLine + 1}${line.lastLine > line.firstLine ? `–${line.lastLine + 1}` : ''}`);
  }
  if (added.length) notes.push(`'${added.map((a) => a.text).join(' ')}' added by the boot script`);
  if (command.note) notes.push(command.note);
  if (outcome.status === 'failed') notes.push(`exit ${outcome.exitCode}`);
  if (notes.length) out.push(`          (${notes.join('; ')})`);
  for (const line of outcome.output) out.push(`          > ${printable(line)}`);
  const notReached = outcome.words.filter((w) => w.role === 'not-reached').map((w) => args[w.index]!.text);
  if (outcome.status === 'failed' && notReached.length) out.push(`          never read: ${printable(notReached.join(' '))}`);
}

/** Control characters shown, not sent to the reader's screen: a CR kept by Solaris shows as \r. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** The interfaces in the layout of `ifconfig -a` (in_status / in6_status): IPv4 first, then IPv6. */
export function renderIfconfig(out: string[], state: SystemState): void {
  const phyints = [...state.phyints.values()].sort((a, b) => a.index - b.index);
  for (const family of ['inet', 'inet6'] as const) {
    for (const p of phyints) {
      const ill = p.ills[family];
      if (!ill) continue;
      for (const lif of lifsOf(p, family)) {
        const flags = shownFlags(p, ill, lif);
        out.push(`${lifName(p.name, lif.unit)}: flags=${flagsHex(flags)}<${flags.join(',')}> mtu ${ill.mtu} index ${p.index}`);
        if (family === 'inet') {
          const address = lif.dhcp ? '0.0.0.0 (the DHCP server assigns the address)' : lif.address.canonical;
          const broadcast = ill.flags.has('BROADCAST') && lif.broadcast ? ` broadcast ${formatIPv4(lif.broadcast)}` : '';
          out.push(`\tinet ${address} netmask ${maskHex(lif.mask)}${broadcast}`);
        } else {
          const prefix = lif.address.canonical === '::1' ? 128 : (lif.prefixLength ?? 0);
          out.push(`\tinet6 ${lif.dhcp ? ':: (from DHCPv6)' : lif.address.canonical}/${prefix}`);
        }
        if (lif.unit === 0 && p.groupname) out.push(`\tgroupname ${p.groupname}`);
      }
    }
  }
  out.push('');
}

function pad(cells: readonly string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('').trimEnd());
}

/** The groups in the manner of ipmpstat -g, -i, -a and -t (Solaris 10 has no ipmpstat; the tables use its layout). */
export function renderIpmp(out: string[], state: SystemState, view: MpathdView): void {
  if (view.groups.length === 0) {
    out.push('No interface is in an IPMP group.');
    out.push(view.running ? 'in.mpathd tracks every interface (TRACK_INTERFACES_ONLY_WITH_GROUPS=no), but fails nothing over.' : 'in.mpathd exits at once: it has nothing to track.');
    out.push('');
    return;
  }
  const fdt = `${(view.settings.failureDetectionTime / 1000).toFixed(2)}s`;
  const groupRows = [['GROUP', 'STATE', 'FDT', 'INTERFACES']];
  for (const g of view.groups) {
    const failed = g.members.filter((m) => m.role === 'failed').length;
    const state = failed === 0 ? 'ok' : failed === g.members.length ? 'failed' : 'degraded';
    const probe = g.members.some((m) => m.detection === 'probe');
    const members = g.members.map((m) => (m.role === 'inactive' ? `(${m.name})` : m.role === 'failed' ? `[${m.name}]` : m.name)).join(' ');
    groupRows.push([g.name, state, probe ? fdt : '--', members]);
  }
  out.push('ipmpstat -g');
  out.push(...pad(groupRows).map((l) => `  ${l}`));
  out.push('');
  const ifRows = [['INTERFACE', 'ACTIVE', 'GROUP', 'FLAGS', 'LINK', 'PROBE', 'STATE']];
  for (const g of view.groups) {
    for (const m of g.members) {
      const p = state.phyints.get(m.name)!;
      const active = m.role === 'active' || m.role === 'standby' ? 'yes' : 'no';
      const flags = `${p.flags.has('INACTIVE') ? 'i' : '-'}${p.flags.has('STANDBY') ? 's' : '-'}`;
      const link = p.flags.has('RUNNING') ? 'up' : 'down';
      const probe = m.detection === 'probe' ? (m.role === 'failed' ? 'failed' : 'ok') : 'disabled';
      ifRows.push([m.name, active, g.name, flags, link, probe, m.role === 'failed' ? 'failed' : m.role === 'offline' ? 'offline' : 'ok']);
    }
  }
  out.push('ipmpstat -i');
  out.push(...pad(ifRows).map((l) => `  ${l}`));
  out.push('');
  const addrRows = [['ADDRESS', 'STATE', 'GROUP', 'ON', 'BELONGS TO']];
  for (const g of view.groups) {
    for (const m of g.members) {
      const p = state.phyints.get(m.name)!;
      for (const family of ['inet', 'inet6'] as const) {
        for (const lif of lifsOf(p, family)) {
          if (lif.flags.has('NOFAILOVER') || lif.placeholder || (family === 'inet6' && lif.address.linkLocal)) continue;
          if (!lif.dhcp && (lif.address.canonical === '0.0.0.0' || lif.address.canonical === '::')) continue;
          addrRows.push([lif.dhcp ? '(DHCP)' : lif.address.canonical, lif.flags.has('UP') ? 'up' : 'down', g.name, lifName(p.name, lif.unit), lif.home === p.name ? lif.home : `${lif.home} (moved here)`]);
        }
      }
    }
  }
  out.push('ipmpstat -a  (data addresses)');
  out.push(...(addrRows.length > 1 ? pad(addrRows) : ['(none)']).map((l) => `  ${l}`));
  out.push('');
  const testRows = [['INTERFACE', 'MODE', 'TESTADDR', 'TARGETS']];
  for (const g of view.groups) {
    for (const m of g.members) {
      if (m.probes.length === 0) testRows.push([m.name, 'link', '--', '--']);
      for (const probe of m.probes) {
        testRows.push([m.name, 'probe', `${probe.address} (${probe.lif}${probe.dataAddress ? ', a data address: one-member group' : ''})`, 'routers on its subnet, else multicast (224.0.0.1 / ff02::1)']);
      }
    }
  }
  out.push('ipmpstat -t');
  out.push(...pad(testRows).map((l) => `  ${l}`));
  out.push('');
}

function renderMoves(out: string[], moves: readonly AddressMove[]): void {
  for (const m of moves) out.push(`  ${m.address.padEnd(18)} ${m.from} → ${m.to}${m.up ? '' : ' (stays down)'}`);
}

function renderFailure(out: string[], boot: BootResult, f: FailureSimulation): void {
  section(out, `4. ${f.nic} fails`);
  if (f.detection === 'untracked') {
    out.push(`${f.nic} is in no IPMP group: nothing takes over, and its addresses are unreachable until it comes back.`);
  } else if (f.detection === 'link') {
    out.push(`${f.nic} has no test address: in.mpathd notices only through link state (if the driver reports it). A failure upstream of the link goes unnoticed.`);
  } else {
    out.push(`in.mpathd notices through link state at once, or after about ${boot.settings.failureDetectionTime / 1000} s of lost probes (FAILURE_DETECTION_TIME).`);
  }
  out.push('');
  out.push('in.mpathd logs:');
  for (const line of f.failed.log) out.push(line.startsWith('(') ? `  ${line}` : `  in.mpathd: ${line}`);
  out.push('');
  if (f.failed.moves.length) {
    out.push(`Addresses moved to ${f.destination}:`);
    renderMoves(out, f.failed.moves);
  } else if (f.detection !== 'untracked') {
    out.push('No address moves: no other member can take them.');
  }
  if (f.stranded.length) out.push(`Unreachable until ${f.nic} is repaired: ${f.stranded.join(', ')}`);
  if (f.testAddressesStay.length) out.push(`Stay on ${f.nic} (test addresses, to notice the repair): ${f.testAddressesStay.join(', ')}`);
  out.push('');
  out.push(`ifconfig -a while ${f.nic} is failed:`);
  renderIfconfig(out, f.failed.state);
  renderIpmp(out, f.failed.state, mpathdView(f.failed.state, boot.settings));
  section(out, `5. ${f.nic} is repaired`);
  out.push('in.mpathd logs:');
  for (const line of f.repaired.log) out.push(`  in.mpathd: ${line}`);
  out.push('');
  if (f.repaired.moves.length) {
    out.push(boot.settings.failback ? 'Addresses moved back (FAILBACK=yes):' : 'Addresses moved:');
    renderMoves(out, f.repaired.moves);
  } else if (!boot.settings.failback && f.failed.moves.length) {
    out.push(`FAILBACK=no: the addresses stay where they are; ${f.nic} is back in the group with none.`);
  } else {
    out.push('No address moves.');
  }
  out.push('');
  out.push('ifconfig -a after the repair:');
  renderIfconfig(out, f.repaired.state);
  renderIpmp(out, f.repaired.state, mpathdView(f.repaired.state, boot.settings));
}
