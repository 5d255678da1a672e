/**
 * The requests and notifications of this server beyond LSP, shared with the client (which
 * bundles its own copy of the types through this file).
 */

/** `solarisIpmp/preview`: the boot preview of a file's host, and a NIC's failure after it. */
export const PREVIEW_REQUEST = 'solarisIpmp/preview';

export interface PreviewParams {
  /** Any file of the host. */
  readonly uri: string;
  /** The NIC to fail after the boot (`ce0`), if any. */
  readonly fail?: string;
}

export interface PreviewResult {
  /** The host root. */
  readonly rootUri: string;
  /** How the host is named (`web1/etc`). */
  readonly label: string;
  /** The preview, as text. */
  readonly text: string;
  /** NICs of the host, grouped ones first, with their group. */
  readonly nics: readonly { readonly name: string; readonly group?: string }[];
  /** The NIC whose failure the text shows; null when none (or it does not exist). */
  readonly failed: string | null;
}

/** `solarisIpmp/hostChanged`: a file of this host changed (`*`: maybe any host); previews ask again. */
export const HOST_CHANGED = 'solarisIpmp/hostChanged';

export interface HostChangedParams {
  readonly rootUri: string;
}

/** Client commands the code lenses run. */
export const PREVIEW_BOOT_COMMAND = 'solarisIpmp.previewBoot';
export const SIMULATE_FAILURE_COMMAND = 'solarisIpmp.simulateFailure';

/**
 * `solarisIpmp/checkAllHosts`: every file of ours under every workspace folder (`.git`,
 * `node_modules`, `.svn` and `.hg` skipped, as ipmp-lint does) checked as an open document
 * would be, and the findings of files that are not open published (a clean file that shows
 * nothing is not published: nothing would change). Progress goes to
 * `workDoneToken` when the client gives one; cancelling the request stops the check (what
 * was checked so far stays published). Checked files stay checked until the next check: a
 * change on disk checks them again, a deleted one is cleared, closing one publishes its
 * findings on disk again.
 */
export const CHECK_ALL_HOSTS_REQUEST = 'solarisIpmp/checkAllHosts';

export interface CheckAllHostsParams {
  /** LSP work-done progress (`$/progress`): begin, a report every few files, end. */
  readonly workDoneToken?: string | number;
}

export interface CheckAllHostsResult {
  /** Files checked (each with its findings published, or shown as an open document). */
  readonly files: number;
  /** Hosts those files belong to (a file's host is its nearest `etc` folder). */
  readonly hosts: number;
  readonly errors: number;
  readonly warnings: number;
  /** Information diagnostics. */
  readonly infos: number;
  /** Hint diagnostics (a rule set to `hint`); ipmp-lint's summary counts them as info. */
  readonly hints: number;
  /** Files found that could not be read (each gets an `unreadable-file` diagnostic). */
  readonly unreadable: number;
  /** The check was cancelled (or superseded by a newer one) before every file was checked. */
  readonly cancelled: boolean;
}

/**
 * `solarisIpmp/topology`: the IPMP topology of a file's host (groups, members, addresses,
 * warnings) for the topology view, and with `fail` the state after that NIC failed.
 */
export const TOPOLOGY_REQUEST = 'solarisIpmp/topology';

export interface TopologyParams {
  /** Any file of the host. */
  readonly uri: string;
  /** The NIC to fail after the boot (`ce0`), if any. */
  readonly fail?: string;
}

export interface TopologyResult {
  /** The host root. */
  readonly rootUri: string;
  /** How the host is named (`web1/etc`). */
  readonly label: string;
  readonly model: import('./features/topology').TopologyModel;
}

/** The client command the "Show topology" code lens runs: arguments [uri]. */
export const SHOW_TOPOLOGY_COMMAND = 'solarisIpmp.showTopology';

/**
 * Convert a host to Solaris 11: the `dladm`/`ipadm` script `ipmp-lint convert --to ipadm`
 * prints, for the host of any of its files.
 */
export const CONVERT_REQUEST = 'solarisIpmp/convertToIpadm';

export interface ConvertParams {
  /** Any file of the host. */
  readonly uri: string;
}

export interface ConvertResult {
  readonly rootUri: string;
  /** How the host is named (`web1/etc`). */
  readonly label: string;
  /** The shell script. */
  readonly text: string;
  /** `prod → ipmp0` per IPMP group. */
  readonly groups: readonly { readonly group: string; readonly ipmpInterface: string; readonly members: readonly string[] }[];
  /** How many commands the script runs. */
  readonly commands: number;
  /** How many things have no Solaris 11 equivalent (listed at the end of the script). */
  readonly notConverted: number;
}

/** The client command: arguments [uri] (a file of the host; else the active editor's). */
export { CONVERT_COMMAND } from './features/convert';

/**
 * What the language status item shows for a file's host: the host root, the hosts file it
 * reads names from, the target release and where it was chosen, and the problems of the
 * host's files.
 */
export const HOST_STATUS_REQUEST = 'solarisIpmp/hostStatus';

export interface HostStatusParams {
  /** Any file of the host. */
  readonly uri: string;
}

export interface HostStatusResult {
  readonly rootUri: string;
  /** How the host is named (`web1/etc`). */
  readonly label: string;
  /** The hosts file names are read from; `fallback` when it is solarisIpmp.fallbackHostsFile's. Null: none. */
  readonly hostsFile: { readonly uri: string; readonly label: string; readonly fallback: boolean } | null;
  readonly release: import('./catalog/releases').Release;
  readonly releaseLabel: string;
  /** Where the release comes from: the default, the editor setting, or a project file (its URI). */
  readonly releaseFrom: { readonly kind: 'default' | 'setting' } | { readonly kind: 'project'; readonly uri: string };
  /** The host's files (hostname files, hosts, netmasks, default/mpathd) and their problems by severity. */
  readonly files: number;
  readonly problems: { readonly errors: number; readonly warnings: number; readonly infos: number; readonly hints: number };
}

/**
 * New IPMP Group: `solarisIpmp/newGroupPlan` proposes (the host's NICs, its subnet, free
 * addresses, names), `solarisIpmp/newGroupEdit` turns the answers into one workspace edit;
 * `solarisIpmp.newGroup` is the client's wizard.
 */
export {
  NEW_GROUP_COMMAND,
  NEW_GROUP_EDIT_REQUEST,
  NEW_GROUP_PLAN_REQUEST,
  type NewGroupAnswers,
  type NewGroupEditParams,
  type NewGroupEditResult,
  type NewGroupLayout,
  type NewGroupPlan,
  type NewGroupPlanParams,
} from './features/newGroupAnswers';
