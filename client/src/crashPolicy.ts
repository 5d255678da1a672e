/**
 * What the client does when the language server stops without being asked to: restart it or
 * give up, and whether to tell the user. Pure (no `vscode` import, the clock is injected) so
 * that it is tested on its own; client/src/extension.ts wires it into vscode-languageclient's
 * ErrorHandler and shows the notices.
 *
 * - Every crash is restarted, until `maxCrashes` crashes fall within `windowMs`: that crash is
 *   not restarted (a server that dies at every start would otherwise loop forever).
 * - The user hears about restarts at most once per `windowMs` (the first crash of a storm, not
 *   every one), and about giving up once.
 * - A restart the user asks for (the Restart Language Server command) starts afresh: earlier
 *   crashes no longer count, and the next crash is news again.
 */

/** The notices the extension shows; the texts are in `noticeText`. */
export type CrashNotice = 'restarted' | 'gaveUp';

export interface CrashPolicyOptions {
  /** The crash within `windowMs` that is not restarted any more (5: four restarts, then stop). */
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = { maxCrashes: 5, windowMs: 3 * 60_000 };

export interface CrashDecision {
  readonly restart: boolean;
  /** What to tell the user, if anything. */
  readonly notice?: CrashNotice;
  /** Crashes within the window, this one included. */
  readonly crashes: number;
}

export class CrashPolicy {
  private crashTimes: number[] = [];
  /** When the 'restarted' notice was last given. */
  private lastRestartNotice: number | undefined;
  /** Whether the user was told that the server is off (until a manual restart). */
  private toldGaveUp = false;

  constructor(
    readonly options: CrashPolicyOptions = DEFAULT_CRASH_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.maxCrashes >= 1) || !(options.windowMs > 0)) throw new RangeError('maxCrashes >= 1 and windowMs > 0');
  }

  /** The server's connection closed although nobody stopped it. */
  crashed(): CrashDecision {
    const now = this.now();
    this.crashTimes = this.crashTimes.filter((t) => now - t < this.options.windowMs);
    this.crashTimes.push(now);
    const crashes = this.crashTimes.length;
    if (crashes >= this.options.maxCrashes) {
      const notice = this.toldGaveUp ? undefined : 'gaveUp';
      this.toldGaveUp = true;
      return { restart: false, crashes, notice };
    }
    let notice: CrashNotice | undefined;
    if (this.lastRestartNotice === undefined || now - this.lastRestartNotice >= this.options.windowMs) {
      this.lastRestartNotice = now;
      notice = 'restarted';
    }
    return { restart: true, crashes, notice };
  }

  /** The user restarted the server: crashes so far are forgotten, and so are the notices. */
  reset(): void {
    this.crashTimes = [];
    this.lastRestartNotice = undefined;
    this.toldGaveUp = false;
  }
}

export const RESTART_COMMAND_TITLE = 'Solaris IPMP: Restart Language Server';

/** The text of a notice, in the extension's words (never the library's generic message). */
export function noticeText(notice: CrashNotice, options: CrashPolicyOptions = DEFAULT_CRASH_POLICY): string {
  switch (notice) {
    case 'restarted':
      return 'The Solaris IPMP language server stopped unexpectedly and was restarted.';
    case 'gaveUp':
      return (
        `The Solaris IPMP language server stopped unexpectedly ${options.maxCrashes} times in ` +
        `${describeWindow(options.windowMs)} and was not restarted again. Problems, hover and ` +
        `completion for Solaris files are off until you run "${RESTART_COMMAND_TITLE}".`
      );
  }
}

/** "3 minutes", "30 seconds". */
export function describeWindow(ms: number): string {
  const minutes = ms / 60_000;
  if (Number.isInteger(minutes)) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** How a server process ended, for the output channel: "was killed by SIGKILL", "exited with code 1". */
export function describeExit(exit: { code: number | null; signal: string | null } | undefined): string {
  if (!exit) return 'stopped';
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}
