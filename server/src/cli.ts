/**
 * ipmp-lint: the language server's rules over a tree (a captured /etc, or a repository of
 * hosts), printed like a compiler. Exit 1 when errors are found, 0 otherwise, 2 on bad usage
 * or input that could not be read. Whatever the tree holds, a message, never a stack trace.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RELEASES, isRelease, type Release } from './catalog/releases';
import { classifyPath, type FileKind } from './syntax/fileKind';
import { effectiveSeverity, fileTooLargeFinding, printable } from './features/diagnostics';
import { DEFAULT_SETTINGS, type RuleLevel, type Settings } from './features/settings';
import { RULES, isRuleId, type RuleId } from './rules/registry';
import type { Severity } from './rules/types';
import { hostRootUri } from './workspace/hostModel';
import { LanguageService } from './languageService';
import type { Finding } from './rules/types';
import { describeError, nodeFileSystem } from './workspace/nodeFileSystem';
import { MAX_FILE_BYTES, isNotRead } from './workspace/fileSystem';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: RuleId;
  readonly message: string;
  readonly related: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

interface Options {
  format: 'text' | 'json' | 'sarif';
  release: Release;
  rules: Partial<Record<RuleId, RuleLevel>>;
  paths: string[];
}

const USAGE = `Usage: ipmp-lint [options] <dir|file>...
       ipmp-lint explain [--fail <if>] [--format text|json] [--release <r>] <dir|file>...

Checks Solaris IPMP network configuration: hostname.<if>, hostname6.<if>, dhcp.<if>,
hosts, inet/ipnodes, netmasks and default/mpathd. A file's host is its nearest
ancestor folder named etc; names and groups are checked within one host.

Options:
  --format text|json|sarif   output format (default: text)
  --release <release>        ${RELEASES.join(', ')} (default: ${DEFAULT_SETTINGS.release})
  --rule <id>=<level>        error, warning, info, hint or off; repeatable
  -h, --help                 show this help
  -v, --version              show the version

  explain                    for each host under the paths, what the boot runs and what
                             it ends with: the commands in boot order with their outcome,
                             the interfaces as ifconfig -a shows them, the IPMP groups and
                             what in.mpathd logs; --fail <if> also shows that NIC failing
                             and being repaired; --format json the same as data (README)

Exit status:
  0  no errors (warnings and info do not count)
  1  errors found (also when status 2 would apply)
  2  bad usage, or a path, folder or file that could not be read, or a file
     ipmp-lint does not know given by name (everything else is still checked)

Problems go to stdout; messages about the run itself, one line each, to stderr.
A file over ${MAX_FILE_BYTES / 1024 / 1024} MB is not read: it gets a file-too-large note (info).
`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', release: DEFAULT_SETTINGS.release, rules: {}, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const eq = arg.indexOf('=');
      if (arg.startsWith('--') && eq !== -1) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    const name = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (name === '-h' || name === '--help') return 'help';
    if (name === '-v' || name === '--version') return 'version';
    if (name === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (text, json or sarif)`);
      options.format = f;
    } else if (name === '--release') {
      const r = value();
      if (!isRelease(r)) throw new UsageError(`unknown release '${r}' (${RELEASES.join(', ')})`);
      options.release = r;
    } else if (name === '--rule') {
      const spec = value();
      const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(spec);
      if (!m) throw new UsageError(`--rule takes <id>=<error|warning|info|hint|off>, not '${spec}'`);
      if (!isRuleId(m[1]!)) throw new UsageError(`unknown rule id '${m[1]}'`);
      options.rules[m[1] as RuleId] = m[2] as RuleLevel;
    } else if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no file or folder given');
  return options;
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

/**
 * Every file of ours under a folder; symlinked folders are not followed (no loops). Returns
 * how many folders and files could not be read (each with a message).
 */
async function collect(dir: string, out: Map<string, FileKind>, warn: (message: string) => void): Promise<number> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    warn(`cannot read folder ${dir}: ${reason(error)}`);
    return 1;
  }
  let failed = 0;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) failed += await collect(full, out, warn);
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const kind = classifyPath(full.split(path.sep).join('/'));
    if (!kind) continue;
    if (entry.isSymbolicLink()) {
      // /etc/hosts links to inet/hosts: check the target once, under its own name.
      try {
        const stat = await fs.stat(full);
        if (!stat.isFile()) continue;
        const real = await fs.realpath(full);
        if (real !== full && classifyPath(real.split(path.sep).join('/'))) continue;
      } catch (error) {
        warn(`cannot read ${full}: ${reason(error)}`);
        failed++;
        continue;
      }
    }
    out.set(full, kind);
  }
  return failed;
}

function reason(error: unknown): string {
  return describeError(error);
}

/** The files of ours under the paths (folders walked, files taken by name), and how many could not be read. */
async function gather(paths: readonly string[], warn: (message: string) => void, options: { noteEmpty: boolean }): Promise<{ files: Map<string, FileKind>; unreadable: number }> {
  const files = new Map<string, FileKind>();
  let unreadable = 0;
  for (const p of paths) {
    const full = path.resolve(p);
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(full);
    } catch (error) {
      warn(`cannot read ${p}: ${reason(error)}`);
      unreadable++;
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.size;
      unreadable += await collect(full, files, warn);
      // Not an error (the tree may simply hold none yet), but `no problems` alone would mislead.
      if (options.noteEmpty && files.size === before) warn(`no files to check in ${p} (hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks, default/mpathd)`);
    } else {
      const kind = kindOfArgument(full);
      if (kind) files.set(full, kind);
      else {
        warn(`${p}: not a file ipmp-lint knows (hostname.<if>, hostname6.<if>, dhcp.<if>, hosts, ipnodes, netmasks, default/mpathd)`);
        unreadable++;
      }
    }
  }
  return { files, unreadable };
}

export async function lint(paths: readonly string[], settings: Settings, warn: (message: string) => void): Promise<{ problems: LintProblem[]; unreadable: number }> {
  const gathered = await gather(paths, warn, { noteEmpty: true });
  const files = gathered.files;
  let unreadable = gathered.unreadable;

  const service = new LanguageService(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
  const problems: LintProblem[] = [];
  const cwd = process.cwd();
  const show = (file: string): string => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  for (const [file, kind] of files) {
    const uri = pathToFileURL(file).toString();
    const loaded = await service.model.load(uri);
    let findings: readonly Finding[];
    if (loaded === undefined || (isNotRead(loaded) && loaded.notRead === 'unreadable')) {
      // Gone since the folder was listed, or there but unreadable (a FIFO, permissions).
      warn(`cannot read ${show(file)}: ${loaded?.reason ?? 'no such file or folder'}`);
      unreadable++;
      continue;
    } else if (isNotRead(loaded)) {
      findings = [fileTooLargeFinding(loaded.size ?? 0, MAX_FILE_BYTES, false)];
    } else {
      // The same front door as the editor: the same findings for the same files.
      findings = (await service.analyzeDocument({ uri, kind, text: loaded }, settings)).findings;
    }
    for (const finding of findings) {
      const severity = effectiveSeverity(finding, settings);
      if (!severity) continue;
      problems.push({
        file: show(file),
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        severity,
        code: finding.rule,
        message: finding.message,
        related: (finding.related ?? []).map((r) => ({
          file: show(new URL(r.uri).pathname ? decodeURIComponent(new URL(r.uri).pathname) : r.uri),
          line: r.range.start.line + 1,
          column: r.range.start.character + 1,
          message: r.message,
        })),
      });
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { problems, unreadable };
}

function formatText(problems: readonly LintProblem[]): string {
  // A path may hold a newline or an escape sequence: one problem stays one line.
  const lines = problems.map((p) => `${printable(p.file).replace(/\n/g, '\\n')}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}`);
  const count = (s: Severity): number => problems.filter((p) => p.severity === s).length;
  const summary = problems.length === 0 ? 'no problems' : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} info`;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${summary}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(problems: readonly LintProblem[]): object {
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
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
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

interface ExplainOptions {
  format: 'text' | 'json';
  release: Release;
  fail?: string;
  paths: string[];
}

function parseExplainArgs(argv: readonly string[]): ExplainOptions {
  const options: ExplainOptions = { format: 'text', release: DEFAULT_SETTINGS.release, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (name === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`explain: unknown format '${f}' (text or json)`);
      options.format = f;
    } else if (name === '--release') {
      const r = value();
      if (!isRelease(r)) throw new UsageError(`unknown release '${r}' (${RELEASES.join(', ')})`);
      options.release = r;
    } else if (name === '--fail') {
      options.fail = value();
      if (!/^[A-Za-z0-9_.]+[0-9]$/.test(options.fail)) throw new UsageError(`--fail takes an interface name such as ce0, not '${options.fail}'`);
    } else if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('explain: no folder or file given');
  return options;
}

/** `ipmp-lint explain`: the boot (and a failure) of every host under the paths. */
async function explain(options: ExplainOptions, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const warn = (m: string): void => io.err(`ipmp-lint: ${printable(m).replace(/\n/g, '\\n')}\n`);
  const { files, unreadable: notRead } = await gather(options.paths, warn, { noteEmpty: false });
  let unreadable = notRead;
  // One host per root, each explained from one of its files.
  const hosts = new Map<string, string>();
  for (const [file] of files) {
    const uri = pathToFileURL(file).toString();
    const root = hostRootUri(uri);
    if (!hosts.has(root)) hosts.set(root, uri);
  }
  if (hosts.size === 0) {
    warn(`no host to explain under ${options.paths.join(', ')} (no hostname.<if>, hosts, netmasks or default/mpathd)`);
    return 2;
  }
  const service = new LanguageService(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
  const cwd = process.cwd();
  const label = (rootUri: string): string => {
    const root = new URL(rootUri).pathname;
    const rel = path.relative(cwd, decodeURIComponent(root));
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : decodeURIComponent(root);
  };
  const roots = [...hosts.keys()].sort();
  let failedSomewhere = false;
  const texts: string[] = [];
  const json: unknown[] = [];
  for (const root of roots) {
    const uri = hosts.get(root)!;
    const preview = await service.preview(uri, options.release, { label: label(root) });
    const fail = options.fail && preview.nics.some((n) => n.name === options.fail) ? options.fail : undefined;
    if (fail) failedSomewhere = true;
    if (options.format === 'json') json.push(await service.explain(uri, options.release, { label: label(root), fail }));
    else texts.push(fail ? (await service.preview(uri, options.release, { label: label(root), fail })).text : preview.text);
  }
  if (options.fail && !failedSomewhere) {
    warn(`--fail ${options.fail}: no host here has an interface ${options.fail}`);
    unreadable++;
  }
  if (options.format === 'json') io.out(`${JSON.stringify({ version: 1, hosts: json }, null, 2)}\n`);
  else io.out(texts.join('\n\n'));
  return unreadable > 0 ? 2 : 0;
}

export async function main(argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  if (argv[0] === 'explain') {
    try {
      return await explain(parseExplainArgs(argv.slice(1)), io);
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`ipmp-lint: ${error.message}\n\n${USAGE}`);
        return 2;
      }
      throw error;
    }
  }
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ipmp-lint: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.out(`ipmp-lint ${VERSION}\n`);
    return 0;
  }
  const settings: Settings = { ...DEFAULT_SETTINGS, release: options.release, rules: options.rules };
  const { problems, unreadable } = await lint(options.paths, settings, (m) => io.err(`ipmp-lint: ${printable(m).replace(/\n/g, '\\n')}\n`));
  if (options.format === 'json') io.out(`${JSON.stringify(problems, null, 2)}\n`);
  else if (options.format === 'sarif') io.out(`${JSON.stringify(toSarif(problems), null, 2)}\n`);
  else io.out(formatText(problems));
  if (problems.some((p) => p.severity === 'error')) return 1;
  return unreadable > 0 ? 2 : 0;
}

if (require.main === module) {
  // `ipmp-lint tree | head` closes the pipe early: stop quietly, as other tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED' && stream === process.stdout) {
        process.stderr.write(`ipmp-lint: cannot write the output: ${describeError(error)}\n`);
      }
      process.exit(process.exitCode ?? 2);
    });
  }
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ipmp-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
