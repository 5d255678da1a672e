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
