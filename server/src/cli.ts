/**
 * ipmp-lint: the language server's rules over a tree (a captured /etc, or a repository of
 * hosts), printed like a compiler or as JSON, SARIF or GitHub workflow annotations. The same
 * front module as the editor, with the same project file (.ipmp-lint.json), so CI and the
 * editor agree. Whatever the tree holds: a message, never a stack trace.
 */
import { realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs as parseCommandLine } from 'node:util';
import { RELEASES, isRelease, type Release } from './catalog/releases';
import { classifyPath, hostRootOf, type FileKind } from './syntax/fileKind';
import { printable } from './features/diagnostics';
import { DEFAULT_SETTINGS, type RuleLevel, type Settings } from './features/settings';
import { PROJECT_CONFIG_FILE } from './features/projectConfig';
import { RULES, isRuleId, type RuleId } from './rules/registry';
import { RULE_DOCS, ruleHelpMarkdown, ruleHelpText } from './rules/ruleDocs';
import type { Severity } from './rules/types';
import { hostRootUri } from './workspace/hostModel';
import { LanguageService } from './languageService';
import { describeError, readFileNow } from './workspace/nodeFileSystem';
import { MAX_FILE_BYTES, type Listing } from './workspace/fileSystem';
import { TreeFileSystem } from './treeFileSystem';
import { displayPath, pathOfUri, uriOfPath, type ChunkResult, type FileOutcome, type LintChunk, type LintProblem, type RootOutcome, type RunEvent, type RunOptions } from './lintRun';
import { LintPool, isLintWorker, runChunksHere } from './lintWorkers';
import { FileReaderWorker } from './workspace/fileReaderWorker';
import { READ_AHEAD_FROM_FILES, defaultThreads } from './lintThreads';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export type { LintProblem };

/** What main() needs from the process: output, and (for `-`) standard input. */
export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** stdout is a terminal that shows colour (and NO_COLOR is not set). */
  readonly color?: boolean;
  /** Standard input, read to its end. */
  readonly stdin?: () => Promise<Buffer>;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  format: Format;
  /** Only when given: otherwise each file's project file (or the default) decides. */
  release?: Release;
  rules: Partial<Record<RuleId, RuleLevel>>;
  paths: string[];
  /** `-` was given: standard input stands for the file `stdinFilename`. */
  stdin: boolean;
  stdinFilename?: string;
  maxWarnings?: number;
  fix: boolean;
  color?: boolean;
  /** `--live <file>`: captures of the running system to compare the host with. */
  live: readonly string[];
  /** `--jobs <n>`: threads that check; undefined: the default. */
  jobs?: number;
}

/** Without --jobs, a run uses more threads only from this many files: below, starting them costs more than they save. */
export const PARALLEL_FROM_FILES = 2000;
/** More threads than this are refused: each holds a copy of the engine. */
const MAX_JOBS = 64;

const KNOWN_FILES = 'hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks, default/mpathd';

const USAGE = `Usage: ipmp-lint [options] <dir|file|->...
       ipmp-lint explain [--fail <if>] [-f text|json] [--release <r>] <dir|file>...
       ipmp-lint convert --to ipadm [--link <dev>=<link>]... [-f text|json] [--release <r>] <dir|file>...

Checks Solaris IPMP network configuration: hostname.<if>, hostname6.<if>, dhcp.<if>,
hosts, inet/ipnodes, netmasks and default/mpathd. A file's host is its nearest
ancestor folder named etc; names and groups are checked within one host.

Options:
  -f, --format <format>      text (default), json, sarif, or github (annotations
                             for a GitHub Actions workflow)
      --release <release>    ${RELEASES.join(', ')} (default: the project
                             file's, else ${DEFAULT_SETTINGS.release})
      --rule <id>=<level>    error, warning, info, hint or off; repeatable
      --max-warnings <n>     also fail (status 1) when more than n warnings are found
      --fix                  apply the safe fixes in place (CR line endings, the final
                             newline, comments in hostname files, a misspelt keyword or
                             setting with one candidate), say each on stderr, then
                             report what is left
  -   --stdin-filename <path>
                             '-' checks standard input as the file <path> stands for
                             (within its host on disk); --stdin-filename names it
      --live <capture>       compare the host with its running system: a saved
                             'ifconfig -a' (and/or 'ipmpstat -g -an -i -t') output;
                             repeatable; the paths must hold one host. Without it, a
                             host's ifconfig-a.txt / ipmpstat.txt beside its etc/ is used
      --color, --no-color    colour on or off (default: on for a terminal, off when
                             NO_COLOR is set)
  -j, --jobs <n>             check with n threads (worker threads beside the main
                             one); 1 checks everything in one thread. Default: one
                             per core (at most 8) for ${PARALLEL_FROM_FILES} files or more, else 1;
                             on two cores, 1 and (for ${READ_AHEAD_FROM_FILES} files or more) a
                             thread that reads the files ahead.
                             The output is the same for every n. --fix and --live
                             always run in one thread
  -h, --help                 show this help
  -v, --version              show the version

  explain                    for each host under the paths, what the boot runs and what
                             it ends with: the commands in boot order with their outcome,
                             the interfaces as ifconfig -a shows them, the IPMP groups and
                             what in.mpathd logs; --fail <if> also shows that NIC failing
                             and being repaired; --format json the same as data (README)
  convert --to ipadm         for each host under the paths, a Solaris 11 shell script of
                             dladm/ipadm commands giving the same interfaces, IPMP groups,
                             data and test addresses as the Solaris 10 boot; what has no
                             Solaris 11 equivalent is listed in it with the reason.
                             --link ce0=net0 (repeatable) names a device's Solaris 11
                             link; others are looked up with dladm show-phys when the
                             script runs. --release: the release the files are for (s11
                             reads them as Solaris 10). --format json: the same as data

Project file: each file takes the nearest ${PROJECT_CONFIG_FILE} in its folder or above
(release, rules, ignore, fallbackHostsFile); --release and --rule win over it.

Exit status (the values add up):
  0  no errors, no more warnings than --max-warnings, everything read
  1  errors found, or more warnings than --max-warnings
  2  something could not be read or used: a path, folder or file, standard input, a
     file ipmp-lint does not know given by name, a project file (or part of one), a
     fix that could not be written; or bad usage. The rest is still checked.
  3  both: errors found and something could not be read

Problems go to stdout; messages about the run itself, one line each, to stderr.
A file over ${MAX_FILE_BYTES / 1024 / 1024} MB is not read: it gets a file-too-large note (info).
`;

class UsageError extends Error {}

/** node:util's messages, shortened to ours: `unknown option '--x'`. */
function usageErrorOf(error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1];
    return new UsageError(`unknown option '${name ?? message}'`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /Option '(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
    return new UsageError(name && /argument missing/.test(message) ? `${name} needs a value` : message.split('. ')[0]!);
  }
  if (code.startsWith('ERR_PARSE_ARGS')) return new UsageError(message.split('. ')[0]!);
  throw error;
}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  let parsed: ReturnType<typeof parseLintCommandLine>;
  try {
    parsed = parseLintCommandLine(argv);
  } catch (error) {
    throw usageErrorOf(error);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (${FORMATS.join(', ')})`);
  let release: Release | undefined;
  if (v.release !== undefined) {
    if (!isRelease(v.release)) throw new UsageError(`unknown release '${v.release}' (${RELEASES.join(', ')})`);
    release = v.release;
  }
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  for (const spec of v.rule ?? []) {
    const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(spec);
    if (!m) throw new UsageError(`--rule takes <id>=<error|warning|info|hint|off>, not '${spec}'`);
    if (!isRuleId(m[1]!)) throw new UsageError(`unknown rule id '${m[1]}'`);
    rules[m[1] as RuleId] = m[2] as RuleLevel;
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const text = v['max-warnings'];
    if (!/^[0-9]+$/.test(text)) throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not '${text}'`);
    maxWarnings = Number(text);
  }
  const positionals = parsed.positionals;
  const stdinCount = positionals.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError(`'-' (standard input) can be given once`);
  const stdin = stdinCount === 1;
  const stdinFilename = v['stdin-filename'];
  if (stdinFilename !== undefined && !stdin) throw new UsageError(`--stdin-filename names the file that '-' (standard input) stands for: give '-' too`);
  if (stdin && (stdinFilename === undefined || stdinFilename === '')) throw new UsageError(`'-' needs --stdin-filename <path>: the file name decides what kind of file it is and its host`);
  if (stdin && v.fix) throw new UsageError(`--fix rewrites files in place: it cannot fix standard input`);
  const paths = positionals.filter((p) => p !== '-');
  if (paths.length === 0 && !stdin) throw new UsageError('no file or folder given');
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color together');
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    if (!/^[0-9]+$/.test(v.jobs) || Number(v.jobs) < 1 || Number(v.jobs) > MAX_JOBS) throw new UsageError(`--jobs takes a number of threads from 1 to ${MAX_JOBS}, not '${v.jobs}'`);
    jobs = Number(v.jobs);
  }
  return {
    format: format as Format,
    release,
    rules,
    paths,
    stdin,
    stdinFilename,
    maxWarnings,
    fix: v.fix ?? false,
    color: v.color ? true : v['no-color'] ? false : undefined,
    live: v.live ?? [],
    jobs,
  };
}

function parseLintCommandLine(argv: readonly string[]) {
  return parseCommandLine({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      release: { type: 'string' },
      rule: { type: 'string', multiple: true },
      'max-warnings': { type: 'string' },
      'stdin-filename': { type: 'string' },
      live: { type: 'string', multiple: true },
      jobs: { type: 'string', short: 'j' },
      fix: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg']);

/** A file named explicitly is checked by its name even outside an `etc` folder. */
function kindOfArgument(file: string): FileKind | undefined {
  const posix = file.split(path.sep).join('/');
  const kind = classifyPath(posix);
  if (kind) return kind;
  const base = path.basename(file);
  if (base === 'hosts' || base === 'ipnodes') return 'hosts';
  if (base === 'netmasks') return 'netmasks';
  if (base === 'mpathd') return 'mpathd';
  return undefined;
}

/** A path with `/` between its folders (as it is on POSIX systems). */
const posixPath = (file: string): string => (path.sep === '/' ? file : file.split(path.sep).join('/'));

let collator: Intl.Collator | undefined;

/**
 * Names in the order ipmp-lint reports them: `localeCompare`'s, with one collator, made when
 * first needed (making it costs ~9 ms, which a run that sorts nothing need not pay).
 */
export function byName(a: string, b: string): number {
  return (collator ??= new Intl.Collator()).compare(a, b);
}

/**
 * Every file of ours under a folder; symlinked folders are not followed (no loops). Returns
 * how many folders and files could not be read (each with a message). Every folder read is
 * remembered in `tree`, which then answers the host model's questions about it.
 */
function collect(dir: string, out: Map<string, FileKind>, warn: (message: string) => void, tree: TreeFileSystem, found?: Found): number {
  let listing: Listing;
  try {
    listing = tree.read(dir);
  } catch (error) {
    warn(`cannot read folder ${dir}: ${reason(error)}`);
    return 1;
  }
  let failed = 0;
  const order = listing.names.map((_, i) => i).sort((a, b) => byName(listing.names[a]!, listing.names[b]!));
  for (const i of order) {
    const name = listing.names[i]!;
    const kind = listing.kinds[i]!;
    const full = path.join(dir, name);
    if (kind === 'directory') {
      if (!SKIP_DIRS.has(name)) failed += collect(full, out, warn, tree, found);
      continue;
    }
    if (kind !== 'file' && kind !== 'symlink') continue;
    const fileKind = classifyPath(posixPath(full));
    if (!fileKind) continue;
    if (kind === 'symlink') {
      // /etc/hosts links to inet/hosts: check the target once, under its own name.
      try {
        const stat = statSync(full);
        if (!stat.isFile()) continue;
        const real = realpathSync(full);
        if (real !== full && classifyPath(real.split(path.sep).join('/'))) continue;
      } catch (error) {
        warn(`cannot read ${full}: ${reason(error)}`);
        failed++;
        continue;
      }
    }
    take(out, full, fileKind, found);
  }
  return failed;
}

/** Told of each file the walk finds (once), with how many there are so far. */
type Found = (file: string, kind: FileKind, count: number) => void;

function take(out: Map<string, FileKind>, file: string, kind: FileKind, found: Found | undefined): void {
  const known = out.has(file);
  out.set(file, kind);
  if (!known) found?.(file, kind, out.size);
}

function reason(error: unknown): string {
  return describeError(error);
}

/** The files of ours under the paths (folders walked, files taken by name), and how many could not be read. */
function gather(
  paths: readonly string[],
  warn: (message: string) => void,
  options: { noteEmpty: boolean; found?: Found },
  tree: TreeFileSystem,
): { files: Map<string, FileKind>; unreadable: number } {
  const files = new Map<string, FileKind>();
  let unreadable = 0;
  for (const p of paths) {
    const full = path.resolve(p);
    let stat: import('node:fs').Stats;
    try {
      stat = statSync(full);
    } catch (error) {
      warn(`cannot read ${p}: ${reason(error)}`);
      unreadable++;
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.size;
      unreadable += collect(full, files, warn, tree, options.found);
      // Not an error (the tree may simply hold none yet), but `no problems` alone would mislead.
      if (options.noteEmpty && files.size === before) warn(`no files to check in ${p} (hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks, default/mpathd)`);
    } else {
      const kind = kindOfArgument(full);
      if (kind) take(files, full, kind, options.found);
      else {
        warn(`${p}: not a file ipmp-lint knows (hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks, default/mpathd)`);
        unreadable++;
      }
    }
  }
  return { files, unreadable };
}

export interface LintRequest {
  readonly paths: readonly string[];
  /** `-`: the text of standard input, standing for the file at `file` (absolute). */
  readonly stdin?: { readonly file: string; readonly text: string };
  /** Command-line options: they win over the project file. */
  readonly overrides?: Partial<Pick<Settings, 'release' | 'rules'>>;
  /** Apply the safe fixes in place first (features/fixAll.ts). */
  readonly fix?: boolean;
  /** Captures of the running system (`--live`), absolute paths, for the one host under the paths. */
  readonly live?: readonly string[];
  /** Threads that check (`--jobs`); undefined: as many as help, for a tree large enough. */
  readonly jobs?: number;
}

export interface LintResult {
  readonly problems: LintProblem[];
  /** Paths, files, standard input, project files or fixes that could not be read or used. */
  readonly notRead: number;
  /** Fixes applied with --fix, and in how many files. */
  readonly fixed: { readonly fixes: number; readonly files: number };
}


/**
 * The problems of every file under the paths, each checked with its own settings (the
 * defaults, its project file on top, the command line on top of that): the same front door
 * and the same settings as the editor, so the same findings for the same tree.
 *
 * The files are checked in chunks of whole hosts (lintRun.ts), by one thread or several
 * (lintWorkers.ts): a chunk is handed out as soon as the walk has found it, so the workers
 * check while the tree is still being walked. What each chunk found and would say is then
 * taken in the order of the files, so every thread count prints the same. --fix and --live
 * check everything in one chunk in this thread: a fix is written to disk, and a host can read
 * another host's file (a fallback hosts file, a symbolic link), so fixes are made in the one
 * order of the files.
 */
export async function lint(request: LintRequest, warn: (message: string) => void): Promise<LintResult> {
  const cwd = process.cwd();
  const tree = new TreeFileSystem();
  const oneChunk = Boolean(request.fix || request.live?.length);
  // The tests pretend to a number of cores (IPMP_LINT_TEST_CORES) to take the path of that machine.
  const cores = Number(process.env.IPMP_LINT_TEST_CORES) || availableParallelism();
  const byDefault = defaultThreads(cores);
  const wanted = oneChunk ? 1 : (request.jobs ?? byDefault.checking);
  // One thread checks by default on two cores: another reads each chunk's files ahead of it.
  const readsAhead = !oneChunk && request.jobs === undefined && byDefault.readsAhead;

  // Standard input stands for a file: known before the walk, so every chunk has it.
  const stdinKind = request.stdin && kindOfArgument(request.stdin.file);
  const stdin: RunOptions['stdin'] = request.stdin && stdinKind ? { uri: uriOfPath(request.stdin.file), text: request.stdin.text } : undefined;
  const options: RunOptions = { cwd, overrides: request.overrides, fix: request.fix, stdin, live: request.live };
  const trees = request.paths.map((p) => path.resolve(p));

  // Workers start as soon as it is known they will have work: at once for --jobs, else once
  // the walk has found enough files. They load the bundle while the walk goes on, and take
  // chunks as the walk finds them.
  const planner = new ChunkPlanner(oneChunk, tree);
  let pool: LintPool | undefined;
  const startPool = (): void => {
    if (pool) return;
    pool = new LintPool(wanted - 1, options, trees);
    for (const chunk of planner.chunks) pool.add(chunk);
    planner.onChunk = (chunk) => pool!.add(chunk);
  };
  if (wanted > 1 && request.jobs !== undefined) startPool();
  // The reader thread starts with the walk too (it loads the bundle meanwhile); it reads once the checks begin.
  let reader: FileReaderWorker | undefined;
  // The tests lower the reader's threshold (IPMP_LINT_TEST_READ_AHEAD_FROM) to take its path on a small fleet.
  const readAheadFrom = Number(process.env.IPMP_LINT_TEST_READ_AHEAD_FROM) || READ_AHEAD_FROM_FILES;
  const found = (file: string, kind: FileKind, count: number): void => {
    planner.add(file, kind);
    if (wanted > 1) {
      if (count >= PARALLEL_FROM_FILES) startPool();
    } else if (readsAhead && count >= readAheadFrom) reader ??= new FileReaderWorker(async (p) => readFileNow(p));
  };
  const gathered = gather(request.paths, warn, { noteEmpty: true, found }, tree);
  let notRead = gathered.unreadable;
  if (request.stdin) {
    if (stdinKind) {
      if (!gathered.files.has(request.stdin.file)) planner.add(request.stdin.file, stdinKind);
    } else {
      warn(`--stdin-filename ${displayPath(request.stdin.file)}: not a file ipmp-lint knows (${KNOWN_FILES})`);
      notRead++;
    }
  }
  planner.end();

  let results: ChunkResult[];
  if (pool && planner.chunks.length > 1) results = await pool.finish(tree, warn);
  else {
    pool?.stop();
    results = await runChunksHere(planner.chunks, options, tree, reader);
    reader?.dispose();
  }

  // Everything the chunks found and would say, in the order one thread meets it: files by
  // name (a stable sort of the walk's order), then the hosts' captures by root.
  const told = new Set<string>();
  const configProblems = new Map(results.flatMap((r) => r.configProblems));
  const say = (events: readonly RunEvent[] | undefined): void => {
    for (const event of events ?? []) {
      if ('config' in event) {
        if (told.has(event.config)) continue;
        told.add(event.config);
        for (const problem of configProblems.get(event.config) ?? []) warn(`${displayPath(pathOfUri(event.config))}: ${problem}`);
        notRead++;
      } else {
        warn(event.warn);
        if (event.notRead) notRead++;
      }
    }
  };
  const fileOutcomes: FileOutcome[] = [];
  const rootOutcomes: { uri: string; outcome: RootOutcome }[] = [];
  planner.chunks.forEach((chunk, c) => {
    chunk.files.forEach(({ index }, i) => (fileOutcomes[index] = results[c]!.files[i]!));
    chunk.roots.forEach(({ index, uri }, i) => (rootOutcomes[index] = { uri, outcome: results[c]!.roots[i]! }));
  });
  for (const result of results) say(result.prelude);
  const inOrder = planner.order();
  let fixes = 0;
  let fixedFiles = 0;
  for (const index of inOrder) {
    const outcome = fileOutcomes[index]!;
    say(outcome.fixEvents);
    if (outcome.notWritten) notRead++;
    else if (outcome.fixes) {
      fixes += outcome.fixes;
      fixedFiles++;
    }
  }
  const problems: LintProblem[] = [];
  const byRoot = rootOutcomes.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)).map((r) => r.outcome);
  for (const outcome of [...inOrder.map((index) => fileOutcomes[index]!), ...byRoot]) {
    say(outcome.events);
    if (outcome.problems) for (const problem of outcome.problems) problems.push(problem);
  }
  problems.sort((a, b) => byName(a.file, b.file) || a.line - b.line || a.column - b.column);
  return { problems, notRead, fixed: { fixes, files: fixedFiles } };
}

/** Files per chunk: a thread takes this much work at a time. */
const CHUNK_FILES = 200;

/**
 * Makes chunks of whole hosts as the walk finds files (a host's files come one after the
 * other in the walk; one found later, after its host's chunk was handed out, goes to the next
 * chunk, and its host is read again there). Each host with interface files has its captures
 * checked in the chunk where the first of them is. `oneChunk`: everything in one chunk, in
 * the order of the files, with one service (--fix, --live).
 */
class ChunkPlanner {
  readonly chunks: LintChunk[] = [];
  /** Called with each chunk when it is complete. */
  onChunk?: (chunk: LintChunk) => void;
  private readonly paths: string[] = [];
  private readonly kinds: FileKind[] = [];
  private files: LintChunk['files'][number][] = [];
  private roots: LintChunk['roots'][number][] = [];
  /** Host (root path) -> its number in the current chunk. */
  private hostsHere = new Map<string, number>();
  private hosts = 0;
  /** Roots whose captures some chunk checks. */
  private readonly rootsTaken = new Set<string>();
  private lastRoot: string | undefined;

  /** Folders whose listings a chunk carries already. */
  private readonly listed = new Set<string>();

  constructor(
    private readonly oneChunk: boolean,
    private readonly tree: TreeFileSystem,
  ) {}

  add(file: string, kind: FileKind): void {
    const index = this.paths.length;
    this.paths.push(file);
    this.kinds.push(kind);
    if (this.oneChunk) return;
    // Each file's host, by the path of its root (as hostRootUri finds it, without a URI per file).
    const root = hostRootOf(posixPath(file));
    if (root !== this.lastRoot && this.files.length >= CHUNK_FILES) this.close();
    this.lastRoot = root;
    let host = this.hostsHere.get(root);
    if (host === undefined) this.hostsHere.set(root, (host = this.hosts++));
    this.files.push({ index, file, kind, host });
    if (kind === 'hostname' && !this.rootsTaken.has(root)) {
      this.rootsTaken.add(root);
      this.roots.push({ index: this.rootsTaken.size - 1, uri: hostRootUri(uriOfPath(file)), host });
    }
  }

  /** The walk is over: the last chunk is complete. */
  end(): void {
    if (this.oneChunk) {
      // The files in the run's order; the roots of the hosts with interface files in theirs.
      const files = this.order().map((index) => ({ index, file: this.paths[index]!, kind: this.kinds[index]!, host: 0 }));
      const roots = [...new Set(files.filter((f) => f.kind === 'hostname').map((f) => hostRootUri(uriOfPath(f.file))))].sort();
      this.chunks.push({ files, roots: roots.map((uri, index) => ({ index, uri, host: 0 })), oneService: true });
      return;
    }
    if (this.files.length || this.chunks.length === 0) this.close();
  }

  /** Indexes of the files in the run's order: by name, found first first among equals. */
  order(): number[] {
    return this.paths.map((_, i) => i).sort((a, b) => byName(this.paths[a]!, this.paths[b]!));
  }

  private close(): void {
    const listings: [string, Listing][] = [];
    for (const { file } of this.files) {
      for (let dir = path.dirname(file); !this.listed.has(dir); dir = path.dirname(dir)) {
        const listing = this.tree.known(dir);
        if (!listing) break;
        this.listed.add(dir);
        listings.push([dir, listing]);
      }
    }
    const chunk: LintChunk = { files: this.files, roots: this.roots, listings };
    this.chunks.push(chunk);
    this.files = [];
    this.roots = [];
    this.hostsHere = new Map();
    this.onChunk?.(chunk);
  }
}

// ---------------------------------------------------------------------------------------
// Output formats

const count = (problems: readonly LintProblem[], ...severities: Severity[]): number => problems.filter((p) => severities.includes(p.severity)).length;

function summaryOf(problems: readonly LintProblem[]): string {
  return problems.length === 0
    ? 'no problems'
    : `${count(problems, 'error')} error(s), ${count(problems, 'warning')} warning(s), ${count(problems, 'info', 'hint')} info`;
}

/** A path may hold a newline or an escape sequence: one problem stays one line. */
const oneLine = (s: string): string => printable(s).replace(/\r/g, '\\r').replace(/\n/g, '\\n');

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', reset: '\x1b[0m' } as const;
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan, hint: ANSI.cyan };

/** `path:line:col: severity rule: message`, one problem per line (the $ipmp-lint problem matcher reads it). */
export function formatText(problems: readonly LintProblem[], color = false): string {
  const paint = (style: string, s: string): string => (color ? `${style}${s}${ANSI.reset}` : s);
  const lines = problems.map(
    (p) =>
      `${paint(ANSI.bold, `${oneLine(p.file)}:${p.line}:${p.column}:`)} ${paint(ANSI.bold + SEVERITY_COLOR[p.severity], p.severity)} ${paint(ANSI.dim, `${p.code}:`)} ${p.message}`,
  );
  const summary = summaryOf(problems);
  const summaryStyle = count(problems, 'error') ? ANSI.bold + ANSI.red : count(problems, 'warning') ? ANSI.bold + ANSI.yellow : ANSI.bold;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${paint(summaryStyle, summary)}\n`;
}

/** GitHub Actions workflow commands: each problem an annotation on its line of the pull request. */
export function formatGithub(problems: readonly LintProblem[]): string {
  const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  const lines = problems.map((p) => {
    const file = p.file.split(path.sep).join('/');
    const where = `file=${property(file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn}`;
    return `::${command[p.severity]} ${where},title=${property(`ipmp-lint ${p.code}`)}::${data(p.message)}`;
  });
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${summaryOf(problems)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0: every rule with its description and help from the catalogue, the problems, and the run's own messages. */
export function toSarif(problems: readonly LintProblem[], run: { messages?: readonly string[]; complete?: boolean } = {}): object {
  const rules = [...RULES.values()];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const location = (file: string, line: number, column: number, endLine?: number, endColumn?: number): object => ({
    physicalLocation: {
      artifactLocation: { uri: file.split(path.sep).map(encodeURIComponent).join('/') },
      region: { startLine: line, startColumn: column, ...(endLine ? { endLine, endColumn } : {}) },
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ipmp-lint',
            version: VERSION,
            rules: rules.map((r) => {
              const doc = RULE_DOCS[r.id as RuleId];
              return {
                id: r.id,
                shortDescription: { text: r.summary },
                fullDescription: { text: doc.description },
                help: { text: ruleHelpText(r.id as RuleId), markdown: ruleHelpMarkdown(r.id as RuleId) },
                defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              };
            }),
          },
        },
        invocations: [
          {
            executionSuccessful: run.complete ?? true,
            toolExecutionNotifications: (run.messages ?? []).map((text) => ({ level: 'warning', message: { text } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: ruleIndex.get(p.code),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [location(p.file, p.line, p.column, p.endLine, p.endColumn)],
          ...(p.related.length
            ? { relatedLocations: p.related.map((r, i) => ({ id: i, message: { text: r.message }, ...location(r.file, r.line, r.column) })) }
            : {}),
        })),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// explain

interface ExplainOptions {
  format: 'text' | 'json';
  release?: Release;
  fail?: string;
  paths: string[];
}

function parseExplainArgs(argv: readonly string[]): ExplainOptions | 'help' {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        release: { type: 'string' },
        fail: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`explain: unknown format '${format}' (text or json)`);
  if (v.release !== undefined && !isRelease(v.release)) throw new UsageError(`unknown release '${v.release}' (${RELEASES.join(', ')})`);
  if (v.fail !== undefined && !/^[A-Za-z0-9_.]+[0-9]$/.test(v.fail)) throw new UsageError(`--fail takes an interface name such as ce0, not '${v.fail}'`);
  if (parsed.positionals.includes('-')) throw new UsageError(`explain reads a host's files from disk: '-' (standard input) is not taken`);
  if (parsed.positionals.length === 0) throw new UsageError('explain: no folder or file given');
  return { format, release: v.release as Release | undefined, fail: v.fail, paths: parsed.positionals };
}

/** A host under the paths, with the settings its files are read with. */
interface HostRun {
  readonly root: string;
  /** One of its files, to ask the language service about the host. */
  readonly uri: string;
  readonly label: string;
  readonly settings: Settings;
  readonly fallbackHostsUri?: string;
}

/**
 * Every host under the paths (one per root, in root order) with its settings: the project
 * file decides the release and fallback hosts file, `release` wins. Undefined when there is
 * no host (said on stderr). `unreadable` counts paths and project files that could not be used.
 */
async function hostsUnder(
  paths: readonly string[],
  verb: string,
  release: Release | undefined,
  service: LanguageService,
  tree: TreeFileSystem,
  warn: (m: string) => void,
): Promise<{ hosts: HostRun[]; unreadable: number } | undefined> {
  const { files, unreadable: notRead } = gather(paths, warn, { noteEmpty: false }, tree);
  let unreadable = notRead;
  const byRoot = new Map<string, string>();
  for (const [file] of [...files].sort(([a], [b]) => byName(a, b))) {
    const uri = pathToFileURL(file).toString();
    const root = hostRootUri(uri);
    if (!byRoot.has(root)) byRoot.set(root, uri);
  }
  if (byRoot.size === 0) {
    warn(`no host to ${verb} under ${paths.join(', ')} (no hostname.<if>, hosts, netmasks or default/mpathd)`);
    return undefined;
  }
  const toldConfig = new Set<string>();
  const hosts: HostRun[] = [];
  for (const root of [...byRoot.keys()].sort()) {
    const uri = byRoot.get(root)!;
    const { settings, config } = await service.effectiveSettings(uri, DEFAULT_SETTINGS, { release });
    if (config && config.problems.length && !toldConfig.has(config.uri)) {
      toldConfig.add(config.uri);
      for (const problem of config.problems) warn(`${displayPath(pathOfUri(config.uri))}: ${problem}`);
      unreadable++;
    }
    const fallbackHostsUri = settings.fallbackHostsFile ? pathToFileURL(path.resolve(settings.fallbackHostsFile)).toString() : undefined;
    hosts.push({ root, uri, label: displayPath(pathOfUri(root)), settings, fallbackHostsUri });
  }
  return { hosts, unreadable };
}

/** `ipmp-lint explain`: the boot (and a failure) of every host under the paths. */
async function explain(options: ExplainOptions, io: CliIo): Promise<number> {
  const warn = (m: string): void => io.err(`ipmp-lint: ${oneLine(m)}\n`);
  const tree = new TreeFileSystem();
  const service = new LanguageService(tree, { textOf: () => undefined, uris: () => [] });
  const found = await hostsUnder(options.paths, 'explain', options.release, service, tree, warn);
  if (!found) return 2;
  let unreadable = found.unreadable;
  let failedSomewhere = false;
  const texts: string[] = [];
  const json: unknown[] = [];
  for (const { uri, label, settings, fallbackHostsUri } of found.hosts) {
    const base = { label, fallbackHostsUri };
    const preview = await service.preview(uri, settings.release, base);
    const fail = options.fail && preview.nics.some((n) => n.name === options.fail) ? options.fail : undefined;
    if (fail) failedSomewhere = true;
    if (options.format === 'json') json.push(await service.explain(uri, settings.release, { ...base, fail }));
    else texts.push(fail ? (await service.preview(uri, settings.release, { ...base, fail })).text : preview.text);
  }
  if (options.fail && !failedSomewhere) {
    warn(`--fail ${options.fail}: no host here has an interface ${options.fail}`);
    unreadable++;
  }
  if (options.format === 'json') io.out(`${JSON.stringify({ version: 1, hosts: json }, null, 2)}\n`);
  else io.out(texts.join('\n\n'));
  return unreadable > 0 ? 2 : 0;
}

// ---------------------------------------------------------------------------------------
// convert

interface ConvertCliOptions {
  format: 'text' | 'json';
  release?: Release;
  links: Map<string, string>;
  paths: string[];
}

function parseConvertArgs(argv: readonly string[]): ConvertCliOptions | 'help' {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        to: { type: 'string' },
        link: { type: 'string', multiple: true },
        format: { type: 'string', short: 'f' },
        release: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.to === undefined) throw new UsageError('convert: say what to convert to: --to ipadm (Solaris 11)');
  if (v.to !== 'ipadm') throw new UsageError(`convert: unknown target '${v.to}' (ipadm)`);
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`convert: unknown format '${format}' (text or json)`);
  if (v.release !== undefined && !isRelease(v.release)) throw new UsageError(`unknown release '${v.release}' (${RELEASES.join(', ')})`);
  const links = new Map<string, string>();
  for (const pair of v.link ?? []) {
    const m = /^([A-Za-z][A-Za-z0-9_]*[0-9])=([A-Za-z][A-Za-z0-9_.]*[0-9])$/.exec(pair);
    if (!m) throw new UsageError(`--link takes <Solaris 10 device>=<Solaris 11 link>, such as ce0=net0, not '${pair}'`);
    links.set(m[1]!, m[2]!);
  }
  if (parsed.positionals.includes('-')) throw new UsageError(`convert reads a host's files from disk: '-' (standard input) is not taken`);
  if (parsed.positionals.length === 0) throw new UsageError('convert: no folder or file given');
  return { format, release: v.release as Release | undefined, links, paths: parsed.positionals };
}

/** `ipmp-lint convert --to ipadm`: every host under the paths as a Solaris 11 script. */
async function convert(options: ConvertCliOptions, io: CliIo): Promise<number> {
  const warn = (m: string): void => io.err(`ipmp-lint: ${oneLine(m)}\n`);
  const tree = new TreeFileSystem();
  const service = new LanguageService(tree, { textOf: () => undefined, uris: () => [] });
  const found = await hostsUnder(options.paths, 'convert', options.release, service, tree, warn);
  if (!found) return 2;
  const texts: string[] = [];
  const json: unknown[] = [];
  for (const { uri, label, settings, fallbackHostsUri } of found.hosts) {
    const conversion = await service.convert(uri, settings.release, { fallbackHostsUri, label, links: options.links });
    if (options.format === 'json') {
      const { text: script, ...data } = conversion;
      json.push({ ...data, script });
    } else texts.push(conversion.text);
  }
  if (options.format === 'json') io.out(`${JSON.stringify({ version: 1, hosts: json }, null, 2)}\n`);
  else io.out(texts.join('\n'));
  return found.unreadable > 0 ? 2 : 0;
}

// ---------------------------------------------------------------------------------------

async function readStandardInput(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const usage = (error: unknown): number => {
    if (!(error instanceof UsageError)) throw error;
    io.err(`ipmp-lint: ${error.message}\n\n${USAGE}`);
    return 2;
  };
  // Subcommands: their own options, the usage on -h.
  const subcommand = async <T>(parse: (args: readonly string[]) => T | 'help', run: (options: T, io: CliIo) => Promise<number>): Promise<number> => {
    let options: T | 'help';
    try {
      options = parse(argv.slice(1));
    } catch (error) {
      return usage(error);
    }
    if (options === 'help') {
      io.out(USAGE);
      return 0;
    }
    return run(options, io);
  };
  if (argv[0] === 'convert') return subcommand(parseConvertArgs, convert);
  if (argv[0] === 'explain') return subcommand(parseExplainArgs, explain);
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    return usage(error);
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.out(`ipmp-lint ${VERSION}\n`);
    return 0;
  }
  const messages: string[] = [];
  const warn = (m: string): void => {
    messages.push(m);
    io.err(`ipmp-lint: ${oneLine(m)}\n`);
  };
  let stdin: LintRequest['stdin'];
  let stdinFailed = false;
  if (options.stdin) {
    const file = path.resolve(options.stdinFilename!);
    try {
      stdin = { file, text: (await (io.stdin ?? readStandardInput)()).toString('utf8') };
    } catch (error) {
      warn(`cannot read standard input: ${describeError(error)}`);
      stdinFailed = true;
    }
  }
  const result = await lint(
    {
      paths: options.paths,
      stdin,
      overrides: { ...(options.release ? { release: options.release } : {}), rules: options.rules },
      fix: options.fix,
      live: options.live.map((f) => path.resolve(f)),
      jobs: options.jobs,
    },
    warn,
  );
  const { problems } = result;
  const notRead = result.notRead + (stdinFailed ? 1 : 0);
  if (options.fix) {
    const { fixes, files } = result.fixed;
    warn(fixes === 0 ? 'nothing to fix' : `${fixes} fix(es) applied in ${files} file(s)`);
  }
  const warnings = count(problems, 'warning');
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) warn(`${warnings} warning(s): more than --max-warnings ${options.maxWarnings}`);

  if (options.format === 'json') io.out(`${JSON.stringify(problems, null, 2)}\n`);
  else if (options.format === 'sarif') io.out(`${JSON.stringify(toSarif(problems, { messages, complete: notRead === 0 }), null, 2)}\n`);
  else if (options.format === 'github') io.out(formatGithub(problems));
  else io.out(formatText(problems, options.color ?? io.color ?? false));
  return (count(problems, 'error') > 0 || tooManyWarnings ? 1 : 0) | (notRead > 0 ? 2 : 0);
}

/** Colour for a terminal that shows it, unless NO_COLOR (no-color.org) or FORCE_COLOR says otherwise. */
function colorWanted(env: NodeJS.ProcessEnv, stream: NodeJS.WriteStream): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY && stream.hasColors?.());
}

/**
 * Runs ipmp-lint on the process's command line, standard streams and environment: what the
 * launcher (dist/server/cli.js) calls. In a lint worker thread it does nothing: lintWorkers.ts
 * serves its chunks.
 */
export function runCli(): void {
  if (isLintWorker) return;
  // `ipmp-lint tree | head` closes the pipe early: stop quietly, as other tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED' && stream === process.stdout) {
        process.stderr.write(`ipmp-lint: cannot write the output: ${describeError(error)}\n`);
      }
      process.exit(process.exitCode ?? 2);
    });
  }
  const io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), color: colorWanted(process.env, process.stdout) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ipmp-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
