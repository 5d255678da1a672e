/**
 * The boot and failure simulation as data: the shape `ipmp-lint explain --format json` prints
 * (documented in the README, "ipmp-lint explain"). Plain JSON, stable field names.
 */
import type { Release } from '../catalog/releases';
import type { BootResult } from '../engine/boot';
import type { CommandOutcome } from '../engine/command';
import type { AddressMove } from '../engine/kernel';
import { mpathdView, type FailureSimulation, type MpathdView } from '../engine/mpathd';
import { formatIPv4, lifName, lifsOf, maskHex, shownFlags, type SystemState } from '../engine/state';

export interface ExplainedCommand {
  readonly script: string;
  readonly phase: string;
  /** The command line as run: `/sbin/ifconfig ce0 inet myhost netmask + broadcast + up`. */
  readonly command: string;
  /** Words the boot script added (the one-line rule, `dhcp start wait 0`, ...). */
  readonly added: readonly string[];
  /** The hostname file line it comes from: file name in the host, 1-based line. */
  readonly source: { readonly file: string; readonly line: number } | null;
  readonly status: 'done' | 'failed' | 'skipped';
  readonly exitCode: number;
  /** What the command printed, ifconfig's own words. */
  readonly output: readonly string[];
  readonly error: { readonly message: string; readonly word: string | null } | null;
  /** Words ifconfig never read because it stopped before them. */
  readonly notRead: readonly string[];
}

export interface ExplainedAddress {
  /** `ce0:1`. */
  readonly name: string;
  readonly family: 'inet' | 'inet6';
  /** The address, or null when the DHCP server assigns it. */
  readonly address: string | null;
  /** IPv4: the mask in hex as ifconfig prints it (`ffffff00`); IPv6: null. */
  readonly netmask: string | null;
  readonly prefixLength: number | null;
  readonly broadcast: string | null;
  /** Every flag ifconfig shows for it (the NIC's and the family's included). */
  readonly flags: readonly string[];
  /** `test` (NOFAILOVER), `data`, or `none` (0.0.0.0, the link-local address). */
  readonly role: 'data' | 'test' | 'none';
  /** The NIC whose file configured it; it moves back there on failback. */
  readonly home: string;
}

export interface ExplainedInterface {
  readonly name: string;
  readonly index: number;
  readonly group: string | null;
  /** The NIC's own flags (RUNNING, STANDBY, INACTIVE, FAILED, OFFLINE). */
  readonly flags: readonly string[];
  readonly addresses: readonly ExplainedAddress[];
}

export interface ExplainedIpmp {
  readonly running: boolean;
  readonly settings: { readonly failureDetectionTime: number; readonly failback: boolean; readonly trackInterfacesOnlyWithGroups: boolean };
  readonly groups: readonly {
    readonly name: string;
    readonly members: readonly {
      readonly name: string;
      readonly role: string;
      readonly detection: 'probe' | 'link';
      readonly testAddresses: readonly { readonly family: string; readonly address: string; readonly on: string }[];
      readonly dataAddresses: readonly string[];
    }[];
  }[];
  /** What in.mpathd logs about the configuration, word for word. */
  readonly log: readonly string[];
}

export interface ExplainedStage {
  readonly log: readonly string[];
  readonly moves: readonly AddressMove[];
  readonly interfaces: readonly ExplainedInterface[];
  readonly ipmp: ExplainedIpmp;
}

export interface HostExplanation {
  readonly host: string;
  readonly release: Release;
  readonly commands: readonly ExplainedCommand[];
  /** Boot script messages (`configuring IPv4 interfaces: ce0 ce1.`, `Failed to plumb ...`). */
  readonly messages: readonly { readonly script: string; readonly text: string; readonly console: boolean }[];
  readonly interfaces: readonly ExplainedInterface[];
  readonly ipmp: ExplainedIpmp;
  /** Addresses in.mpathd moved off a standby when it started. */
  readonly startMoves: readonly AddressMove[];
  readonly failure?: {
    readonly nic: string;
    readonly group: string | null;
    readonly detection: 'link' | 'probe' | 'untracked';
    readonly destination: string | null;
    /** Data addresses left unreachable on the failed NIC. */
    readonly stranded: readonly string[];
    readonly testAddressesStay: readonly string[];
    readonly failed: ExplainedStage;
    readonly repaired: ExplainedStage;
  };
}

export interface ExplainOptions {
  readonly host: string;
  readonly failure?: FailureSimulation;
  /** How a file is named in `source` (its path in the host). */
  readonly fileLabel: (uri: string) => string;
}

function command(outcome: CommandOutcome, fileLabel: (uri: string) => string): ExplainedCommand {
  const c = outcome.command;
  const failing = outcome.error?.argIndex !== undefined ? c.args[outcome.error.argIndex] : undefined;
  return {
    script: c.script,
    phase: c.phase,
    command: [c.program, ...c.args.map((a) => a.text)].join(' '),
    added: c.args.filter((a) => a.implicit).map((a) => a.text),
    source: c.source ? { file: fileLabel(c.source.uri), line: c.source.line.firstLine + 1 } : null,
    status: outcome.status,
    exitCode: outcome.exitCode,
    output: outcome.output,
    error: outcome.error && outcome.error.message ? { message: outcome.error.message, word: failing?.text ?? null } : null,
    notRead: outcome.words.filter((w) => w.role === 'not-reached').map((w) => c.args[w.index]!.text),
  };
}

export function explainInterfaces(state: SystemState): ExplainedInterface[] {
  return [...state.phyints.values()]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      name: p.name,
      index: p.index,
      group: p.groupname || null,
      flags: [...p.flags],
      addresses: (['inet', 'inet6'] as const).flatMap((family) =>
        lifsOf(p, family).map((lif) => {
          const ill = p.ills[family]!;
          const unset = !lif.dhcp && (lif.address.canonical === '0.0.0.0' || lif.address.canonical === '::');
          return {
            name: lifName(p.name, lif.unit),
            family,
            address: lif.dhcp ? null : lif.address.canonical,
            netmask: family === 'inet' ? maskHex(lif.mask) : null,
            prefixLength: family === 'inet6' ? (lif.address.canonical === '::1' ? 128 : (lif.prefixLength ?? null)) : null,
            broadcast: family === 'inet' && lif.broadcast ? formatIPv4(lif.broadcast) : null,
            flags: shownFlags(p, ill, lif),
            role: lif.flags.has('NOFAILOVER') && !lif.placeholder ? 'test' : unset || lif.address.linkLocal || lif.placeholder ? 'none' : 'data',
            home: lif.home,
          } satisfies ExplainedAddress;
        }),
      ),
    }));
}

export function explainIpmp(view: MpathdView): ExplainedIpmp {
  return {
    running: view.running,
    settings: { ...view.settings },
    groups: view.groups.map((g) => ({
      name: g.name,
      members: g.members.map((m) => ({
        name: m.name,
        role: m.role,
        detection: m.detection,
        testAddresses: m.probes.map((p) => ({ family: p.family, address: p.address, on: p.lif })),
        dataAddresses: m.dataAddresses,
      })),
    })),
    log: view.log,
  };
}

export function explainJson(boot: BootResult, options: ExplainOptions): HostExplanation {
  const f = options.failure;
  return {
    host: options.host,
    release: boot.release,
    commands: boot.commands.map((c) => command(c, options.fileLabel)),
    messages: boot.steps.flatMap((s) => (s.kind === 'message' ? [{ script: s.script, text: s.text, console: s.to === 'console' }] : [])),
    interfaces: explainInterfaces(boot.state),
    ipmp: explainIpmp(boot.mpathd),
    startMoves: boot.mpathdStartMoves,
    ...(f
      ? {
          failure: {
            nic: f.nic,
            group: f.group ?? null,
            detection: f.detection,
            destination: f.destination ?? null,
            stranded: f.stranded,
            testAddressesStay: f.testAddressesStay,
            failed: { log: f.failed.log, moves: f.failed.moves, interfaces: explainInterfaces(f.failed.state), ipmp: explainIpmp(mpathdView(f.failed.state, boot.settings)) },
            repaired: { log: f.repaired.log, moves: f.repaired.moves, interfaces: explainInterfaces(f.repaired.state), ipmp: explainIpmp(mpathdView(f.repaired.state, boot.settings)) },
          },
        }
      : {}),
  };
}
