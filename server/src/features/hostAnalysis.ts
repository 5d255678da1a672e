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

const cache = new WeakMap<HostView, Map<Release, HostAnalysis>>();

function inputsOf(view: HostView, release: Release): IpmpInputs {
  return { interfaces: view.interfaces, names: view.names, netmasks: view.netmasks, mpathd: view.mpathd?.file, nodename: view.nodename, release };
}

/** The analysis of a host snapshot, made once per snapshot and release. */
export function analyzeHost(view: HostView, release: Release): HostAnalysis {
  let byRelease = cache.get(view);
  if (!byRelease) cache.set(view, (byRelease = new Map()));
  const cached = byRelease.get(release);
  if (cached) return cached;
  const inputs = inputsOf(view, release);
  // Solaris 11 reads no hostname files (§6): its boot names them but plumbs none, and neither
  // the IPMP picture, the host-wide rules nor drift may judge them.
  const read = readsHostnameFiles(release);
  const interfaces = read ? view.interfaces : [];
  const model = read ? buildIpmpHost(inputs) : buildIpmpHost({ ...inputs, interfaces }, bootFor(inputs));
  let findings: HostFinding[] | undefined;
  let drift: DriftResult | undefined | null = null;
  let preview: BootResult | undefined;
  const failures = new Map<string, FailureSimulation | undefined>();
  const analysis: HostAnalysis = {
    view,
    release,
    model,
    get hostFindings(): readonly HostFinding[] {
      findings ??= [
        ...checkHost({ model, interfaces, hosts: view.hosts, ipnodes: view.ipnodes, netmasks: view.netmasks }),
        ...checkBoot({ model, interfaces }),
        ...driftFindings(view, analysis.drift),
      ];
      return findings;
    },
    get drift(): DriftResult | undefined {
      if (drift === null) {
        const ifconfig = read ? view.live?.ifconfig : undefined;
        drift = ifconfig ? compareWithRunning({ booted: model.boot.state, ifconfig: ifconfig.file, ipmpstat: view.live?.ipmpstat?.file }) : undefined;
      }
      return drift;
    },
    preview() {
      const hasCr = view.interfaces.some((i) => i.file.text.includes('\r'));
      preview ??= hasCr ? simulateBoot({ ...bootInputs(inputs), keepCarriageReturns: true }) : model.boot;
      return preview;
    },
    failure(nic) {
      if (!failures.has(nic)) {
        const boot = analysis.preview();
        failures.set(nic, simulateFailure(boot.state, nic, boot.settings));
      }
      return failures.get(nic);
    },
  };
  byRelease.set(release, analysis);
  return analysis;
}

function bootInputs(inputs: IpmpInputs): Parameters<typeof simulateBoot>[0] {
  return { release: inputs.release, interfaces: inputs.interfaces, names: inputs.names, netmasks: inputs.netmasks?.file, mpathd: inputs.mpathd, nodename: inputs.nodename };
}

function driftFindings(view: HostView, drift: DriftResult | undefined): HostFinding[] {
  const capture = view.live?.ifconfig;
  if (!drift || !capture) return [];
  return checkDrift({ drift, interfaces: view.interfaces, capture: { uri: capture.uri, label: capture.label }, rootUri: view.rootUri });
}
