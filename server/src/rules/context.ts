import type { Release } from '../catalog/releases';

/** What every rule may know besides the parsed file. */
export interface RuleContext {
  /** The file's URI, for fixes and related information. */
  readonly uri: string;
  readonly release: Release;
}
