/**
 * The commands a boot runs and what became of each. A command is a program with its
 * arguments; an argument remembers the word of a file it came from (or that the boot script
 * added it), so every outcome can be shown where the user typed it.
 */
import type { AddressFamily } from '../catalog/keywords';
import type { LogicalLine } from '../syntax/hostname';
import type { Token } from '../syntax/token';

/** A word of one of the host's files. */
export interface WordRef {
  readonly uri: string;
  readonly token: Token;
}

export interface ArgWord {
  readonly text: string;
  /** The word in a file this argument is, when a file holds it. */
  readonly ref?: WordRef;
  /** Added by the boot script (` netmask + broadcast + up`, `dhcp start wait 0`, ...). */
  readonly implicit?: boolean;
}

/** The boot scripts of Solaris 10 (SMF methods) and the daemons they start (reference §1). */
export type ScriptName = 'net-loopback' | 'net-physical' | 'net-svc' | 'net-init' | 'in.mpathd';

export type BootPhase =
  | 'loopback'
  | 'plumb'
  | 'configure'
  | 'up'
  | 'move-addresses'
  | 'dhcp'
  | 'revarp'
  | 'netmask'
  | 'mpathd';

/** The hostname file line a command comes from. */
export interface CommandSource {
  readonly uri: string;
  readonly baseName: string;
  readonly line: LogicalLine;
}

export interface BootCommand {
  /** Position in the boot, from 0. */
  readonly id: number;
  readonly script: ScriptName;
  readonly phase: BootPhase;
  readonly program: string;
  /** Arguments after the program name. For ifconfig the first is the interface (or `-a...`). */
  readonly args: readonly ArgWord[];
  readonly source?: CommandSource;
  /** Why the script runs it, in a few words. */
  readonly note?: string;
}

/** What ifconfig made of one argument. */
export type WordRole =
  | 'interface'
  | 'family'
  | 'keyword'
  | 'argument'
  | 'address'
  | 'destination'
  | 'dhcp'
  /** ifconfig stopped before reaching it. */
  | 'not-reached';

export interface WordEffect {
  /** Index into the command's args. */
  readonly index: number;
  readonly role: WordRole;
  /** The keyword this word is, or whose argument it is. */
  readonly keyword?: string;
  /** The logical interface it applied to (`ce0:1`). */
  readonly target?: string;
  /** This word ended the command with an error. */
  readonly failed?: boolean;
  /** The address family the word was read for (addresses). */
  readonly family?: AddressFamily;
}

export type CommandStatus = 'done' | 'failed' | 'skipped';

export interface CommandOutcome {
  readonly command: BootCommand;
  readonly status: CommandStatus;
  /** The command's exit status (0 when skipped). */
  readonly exitCode: number;
  /** What the command printed, in order (ifconfig's own messages are kept word for word). */
  readonly output: readonly string[];
  /** The message that ended the command, and the argument it was about. */
  readonly error?: { readonly message: string; readonly argIndex?: number; readonly code: IfconfigErrorCode };
  readonly words: readonly WordEffect[];
  /** Why a skipped command did not run. */
  readonly skippedBecause?: string;
}

/** The kinds of failure the engine tells apart, so rules can name them. */
export type IfconfigErrorCode =
  | 'bad-address'
  | 'wrong-family-name'
  | 'keyword-as-address'
  | 'no-argument'
  | 'not-supported-for-family'
  | 'bad-prefix'
  | 'unexpected-slash'
  | 'addif-on-logical'
  | 'no-such-interface'
  | 'cannot-set-failover'
  | 'dhcp-usage'
  | 'dhcp-inet6'
  | 'unknown-zone'
  | 'name-too-long'
  | 'not-a-tunnel'
  | 'invalid-argument'
  | 'plumb-failed'
  | 'other';

/** Things a command did that rules want to know about. */
export type EngineEvent =
  | {
      readonly kind: 'address-replaced';
      readonly commandId: number;
      /** `ce0`. */
      readonly lif: string;
      readonly family: AddressFamily;
      readonly previous: { readonly address: string; readonly word?: WordRef; readonly commandId?: number };
      readonly address: string;
      readonly word?: WordRef;
    }
  | {
      readonly kind: 'group-set';
      readonly commandId: number;
      readonly nic: string;
      readonly family: AddressFamily;
      readonly group: string;
      readonly word?: WordRef;
    };

export function commandLine(command: BootCommand): string {
  return [command.program, ...command.args.map((a) => a.text)].join(' ');
}
