import type { Span } from './text';

/** A word of a file, with its exact place. */
export interface Token extends Span {
  /** The word as Solaris sees it (for hostname files: after the shell removed backslashes). */
  readonly text: string;
}
