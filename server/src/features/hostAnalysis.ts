/**
 * One host, simulated once: the boot the rules read (CRLF files read like LF files, their CR
 * being the carriage-return rule's finding), the IPMP picture drawn from it, the host-wide
 * findings, and on demand the preview's boot (CRs kept, as Solaris keeps them) and the failure
 * of a NIC. Kept per host snapshot: every request on the same files reuses it.
 */
import { readsHostnameFiles, type Release } from '../catalog/releases';
import { simulateBoot, type BootResult } from '../engine/boot';
import { simulateFailure, type FailureSimulation } from '../engine/mpathd';
import { checkBoot } from '../rules/bootRules';
import { checkDrift } from '../rules/driftRules';
import { compareWithRunning, type DriftResult } from '../engine/drift';
import { bootFor, buildIpmpHost, type IpmpHost, type IpmpInputs } from '../rules/ipmpModel';
import { checkHost, type HostFinding } from '../rules/ipmpRules';
import type { HostView } from './hostView';

export interface HostAnalysis {
  readonly view: HostView;
  readonly release: Release;
  /** The IPMP picture; `model.boot` is the boot the rules read. */
  readonly model: IpmpHost;
  /** The findings of the host-wide rules, for every file of the host. */
  readonly hostFindings: readonly HostFinding[];
  /** The boot as Solaris runs it, CRs kept: what the preview shows. */
  preview(): BootResult;
  /** The failure and repair of one NIC, after the preview's boot. */
  failure(nic: string): FailureSimulation | undefined;
  /** The running system (the host's capture of `ifconfig -a`) against the boot, when the host has a capture. */
  readonly drift: DriftResult | undefined;
}

/**
 * A snapshot's analyses are kept on the snapshot itself, under a symbol that is not
 * enumerable (a view spread into a changed one does not carry them). Not in a WeakMap: V8's
 * young-generation collections keep a WeakMap's values alive (and an analysis holds its view,
 * the key), leaving them to a full collection, so each analysis a fleet check made and dropped
 * was copied and promoted first.
 * Measured on 5,000 hosts: 3 MB survived each scavenge with the WeakMap, 0.5 MB without, and
 * `ipmp-lint` took a fifth less time.
 */
const ANALYSES = Symbol('analyses');
type AnalysedView = HostView & { readonly [ANALYSES]?: Map<Release, HostAnalysis> };
/** For a view that cannot take the symbol (frozen): rare, and only then the WeakMap. */
const frozenViews = new WeakMap<HostView, Map<Release, HostAnalysis>>();

function analysesOf(view: HostView): Map<Release, HostAnalysis> {
  const kept = (view as AnalysedView)[ANALYSES] ?? frozenViews.get(view);
  if (kept) return kept;
  const made = new Map<Release, HostAnalysis>();
  if (Object.isExtensible(view)) Object.defineProperty(view, ANALYSES, { value: made });
  else frozenViews.set(view, made);
  return made;
}

function inputsOf(view: HostView, release: Release): IpmpInputs {
  return { interfaces: view.interfaces, names: view.names, netmasks: view.netmasks, mpathd: view.mpathd?.file, nodename: view.nodename, release };
}

/** The analysis of a host snapshot, made once per snapshot and release. */
export function analyzeHost(view: HostView, release: Release): HostAnalysis {
  const byRelease = analysesOf(view);
  const cached = byRelease.get(release);
  if (cached) return cached;
  const analysis = new SimulatedHost(view, release);
  byRelease.set(release, analysis);
  return analysis;
}

/**
 * A class rather than an object literal: its getters and methods are shared by every host
 * instead of being made again for each one (a fleet check makes one analysis per host).
 */
class SimulatedHost implements HostAnalysis {
  readonly model: IpmpHost;
  private readonly inputs: IpmpInputs;
  /** Solaris 11 reads no hostname files (§6): its boot names them but plumbs none, and neither the IPMP picture, the host-wide rules nor drift may judge them. */
  private readonly read: boolean;
  private findings: HostFinding[] | undefined;
  private driftResult: DriftResult | undefined | null = null;
  private previewBoot: BootResult | undefined;
  private failures: Map<string, FailureSimulation | undefined> | undefined;

  constructor(
    readonly view: HostView,
    readonly release: Release,
  ) {
    const inputs = (this.inputs = inputsOf(view, release));
    this.read = readsHostnameFiles(release);
    this.model = this.read ? buildIpmpHost(inputs) : buildIpmpHost({ ...inputs, interfaces: [] }, bootFor(inputs));
  }

  get hostFindings(): readonly HostFinding[] {
    if (!this.findings) {
      const { model, view } = this;
      const interfaces = this.read ? view.interfaces : [];
      this.findings = [
        ...checkHost({ model, interfaces, hosts: view.hosts, ipnodes: view.ipnodes, netmasks: view.netmasks }),
        ...checkBoot({ model, interfaces }),
        ...driftFindings(view, this.drift),
      ];
    }
    return this.findings;
  }

  get drift(): DriftResult | undefined {
    if (this.driftResult === null) {
      const { view } = this;
      const ifconfig = this.read ? view.live?.ifconfig : undefined;
      this.driftResult = ifconfig ? compareWithRunning({ booted: this.model.boot.state, ifconfig: ifconfig.file, ipmpstat: view.live?.ipmpstat?.file }) : undefined;
    }
    return this.driftResult;
  }

  preview(): BootResult {
    if (!this.previewBoot) {
      const hasCr = this.view.interfaces.some((i) => i.file.text.includes('\r'));
      this.previewBoot = hasCr ? simulateBoot({ ...bootInputs(this.inputs), keepCarriageReturns: true }) : this.model.boot;
    }
    return this.previewBoot;
  }

  failure(nic: string): FailureSimulation | undefined {
    const failures = (this.failures ??= new Map());
    if (!failures.has(nic)) {
      const boot = this.preview();
      failures.set(nic, simulateFailure(boot.state, nic, boot.settings));
    }
    return failures.get(nic);
  }
}

function bootInputs(inputs: IpmpInputs): Parameters<typeof simulateBoot>[0] {
  return { release: inputs.release, interfaces: inputs.interfaces, names: inputs.names, netmasks: inputs.netmasks?.file, mpathd: inputs.mpathd, nodename: inputs.nodename };
}

function driftFindings(view: HostView, drift: DriftResult | undefined): HostFinding[] {
  const capture = view.live?.ifconfig;
  if (!drift || !capture) return [];
  return checkDrift({ drift, interfaces: view.interfaces, capture: { uri: capture.uri, label: capture.label }, rootUri: view.rootUri });
}
