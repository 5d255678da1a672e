/**
 * `.ipmp-lint.json`: the project's own configuration, shared by the editor and `ipmp-lint` so
 * both give the same findings. It stands at the root of a tree (or any folder above the
 * files); each file takes the nearest one above it. Paths in it are relative to its folder.
 *
 * Precedence (README "Configuration"): what the project file sets wins over the editor's
 * settings (a rule level in both: the file's; `ignore`: both apply); the editor's settings fill
 * in what it leaves out; `ipmp-lint`'s command-line options win over the file.
 */
import picomatch from 'picomatch';
import { RELEASES, RELEASE_DESCRIPTIONS, isRelease, type Release } from '../catalog/releases';
import { RULES, isRuleId, type RuleId } from '../rules/registry';
import { RULE_DOCS } from '../rules/ruleDocs';
import type { RuleLevel, Settings } from './settings';

export const PROJECT_CONFIG_FILE = '.ipmp-lint.json';

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface ProjectConfig {
  /** The folder holding the file (a `/` path, no trailing slash); its paths are relative to it. */
  readonly dir: string;
  readonly release?: Release;
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  /** Glob (relative to `dir`) → rule ids switched off for the files it matches. */
  readonly ignore: Readonly<Record<string, readonly RuleId[]>>;
  /** A hosts file for hosts that have none (relative to `dir`, or absolute). */
  readonly fallbackHostsFile?: string;
}

export interface ProjectConfigRead {
  readonly config?: ProjectConfig;
  /** What could not be read, one message per problem (the rest still applies). */
  readonly problems: readonly string[];
}

/** Reads a project file's text; never throws. `dir` is the folder it stands in. */
export function parseProjectConfig(text: string, dir: string): ProjectConfigRead {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [`${PROJECT_CONFIG_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)}): it is not used`] };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { problems: [`${PROJECT_CONFIG_FILE} must hold a JSON object: it is not used`] };
  const o = json as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(o)) {
    if (!['$schema', 'release', 'rules', 'ignore', 'fallbackHostsFile'].includes(key)) problems.push(`unknown setting '${key}' (release, rules, ignore, fallbackHostsFile)`);
  }
  let release: Release | undefined;
  if (o.release !== undefined) {
    if (isRelease(o.release)) release = o.release;
    else problems.push(`release '${String(o.release)}' is none of ${RELEASES.join(', ')}`);
  }
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  if (o.rules !== undefined) {
    if (!o.rules || typeof o.rules !== 'object' || Array.isArray(o.rules)) problems.push(`'rules' must map rule ids to ${LEVELS.join(', ')}`);
    else {
      for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!isRuleId(id)) problems.push(`unknown rule id '${id}' in 'rules'`);
        else if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) problems.push(`'rules.${id}' must be one of ${LEVELS.join(', ')}`);
        else rules[id] = level as RuleLevel;
      }
    }
  }
  const ignore: Record<string, RuleId[]> = {};
  if (o.ignore !== undefined) {
    if (!o.ignore || typeof o.ignore !== 'object' || Array.isArray(o.ignore)) problems.push(`'ignore' must map globs to lists of rule ids`);
    else {
      for (const [glob, ids] of Object.entries(o.ignore as Record<string, unknown>)) {
        if (!Array.isArray(ids)) {
          problems.push(`'ignore' of '${glob}' must be a list of rule ids`);
          continue;
        }
        const good = ids.filter((id): id is RuleId => typeof id === 'string' && isRuleId(id));
        for (const id of ids) if (!good.includes(id as RuleId)) problems.push(`unknown rule id '${String(id)}' in 'ignore' of '${glob}'`);
        ignore[glob] = good;
      }
    }
  }
  let fallbackHostsFile: string | undefined;
  if (o.fallbackHostsFile !== undefined) {
    if (typeof o.fallbackHostsFile === 'string') fallbackHostsFile = o.fallbackHostsFile.trim() || undefined;
    else problems.push(`'fallbackHostsFile' must be a path`);
  }
  return { config: { dir: dir.replace(/\/+$/, '') || '/', release, rules, ignore, fallbackHostsFile }, problems };
}

/** The settings a file gets: the editor's (or the defaults), with what the project file sets on top. */
export function withProjectConfig(settings: Settings, config: ProjectConfig | undefined): Settings {
  if (!config) return settings;
  // Every file under one project file gets the same object: made once per pair.
  let byConfig = merged.get(settings);
  if (!byConfig) merged.set(settings, (byConfig = new WeakMap()));
  let out = byConfig.get(config);
  if (!out) byConfig.set(config, (out = mergeProjectConfig(settings, config)));
  return out;
}

const merged = new WeakMap<Settings, WeakMap<ProjectConfig, Settings>>();

function mergeProjectConfig(settings: Settings, config: ProjectConfig): Settings {
  return {
    ...settings,
    release: config.release ?? settings.release,
    rules: { ...settings.rules, ...config.rules },
    projectIgnore: Object.keys(config.ignore).length ? { dir: config.dir, patterns: config.ignore } : settings.projectIgnore,
    fallbackHostsFile: config.fallbackHostsFile ? absoluteIn(config.dir, config.fallbackHostsFile) : settings.fallbackHostsFile,
  };
}

function absoluteIn(dir: string, path: string): string {
  return path.startsWith('/') ? path : `${dir === '/' ? '' : dir}/${path.replace(/^\.\//, '')}`;
}

/** A glob as picomatch reads it (braces, classes, `**`), on `/` paths; dot files match too. */
export function globMatcher(glob: string): (path: string) => boolean {
  return picomatch(glob.replace(/^\.?\//, ''), { dot: true });
}

/** Rule ids the project file switches off for a file, by its `/` path. */
export function ignoredByProject(settings: Settings, path: string | undefined): Set<string> {
  const out = new Set<string>();
  const project = settings.projectIgnore;
  if (!project || !path) return out;
  const prefix = project.dir === '/' ? '/' : `${project.dir}/`;
  if (!path.startsWith(prefix)) return out;
  const relative = path.slice(prefix.length);
  for (const [glob, rules] of Object.entries(project.patterns)) if (globMatcher(glob)(relative)) for (const r of rules) out.add(r);
  return out;
}

/** The shipped schema file's text (schemas/ipmp-lint.schema.json, written by `npm run schema`). */
export function projectConfigSchemaJson(): string {
  return `${JSON.stringify(projectConfigSchema(), null, 2)}\n`;
}

/**
 * The JSON schema of `.ipmp-lint.json` (contributed to VS Code; a test keeps the shipped file
 * in step). Every rule is a property with its summary and description, so the editor's JSON
 * support completes ids and shows what each one catches.
 */
export function projectConfigSchema(): object {
  const ids = [...RULES.keys()];
  const ruleText = (id: RuleId): string => `${RULES.get(id)!.summary}. ${RULE_DOCS[id].description}`;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ipmp-lint project configuration',
    description: 'Shared by the Solaris IPMP extension for VS Code and the ipmp-lint command, so the editor and CI give the same findings. Each file is checked with the nearest .ipmp-lint.json in its folder or above; paths in it are relative to its folder.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema of this file (editors use it for completion and checking).' },
      release: {
        description: 'The Solaris release the files are for: which ifconfig keywords exist, how names are looked up, what the boot scripts run. Wins over the editor setting solarisIpmp.release; ipmp-lint --release wins over it.',
        type: 'string',
        enum: [...RELEASES],
        enumDescriptions: RELEASES.map((r) => RELEASE_DESCRIPTIONS[r].replace(/`/g, '')),
      },
      rules: {
        description: 'Severity per rule id, or off. Merged with the editor setting solarisIpmp.rules (this file wins for a rule set in both); ipmp-lint --rule wins over both.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(ids.map((id) => [id, { description: ruleText(id), type: 'string', enum: [...LEVELS] }])),
      },
      ignore: {
        description: 'Rules switched off for the files a glob matches (picomatch: *, **, braces {a,b}, classes [0-9]), relative to this file\'s folder. Applies together with the editor setting solarisIpmp.ignore.',
        type: 'object',
        additionalProperties: {
          type: 'array',
          items: { type: 'string', enum: ids, enumDescriptions: ids.map((id) => RULES.get(id)!.summary) },
          uniqueItems: true,
        },
      },
      fallbackHostsFile: {
        description: 'A hosts file for hosts that have none of their own (relative to this file\'s folder, or absolute), e.g. a shared common/etc/hosts. Wins over the editor setting solarisIpmp.fallbackHostsFile.',
        type: 'string',
      },
    },
  };
}
