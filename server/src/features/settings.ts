/**
 * The `solarisIpmp.*` settings, declared once here. A test keeps package.json's
 * `contributes.configuration` in step with this table.
 */
import { DEFAULT_RELEASE, RELEASES, RELEASE_DESCRIPTIONS, RELEASE_LABELS, isRelease, type Release } from '../catalog/releases';
import { RULES, isRuleId, type RuleId } from '../rules/registry';
import type { Severity } from '../rules/types';

export type RuleLevel = Severity | 'off';
const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface Settings {
  readonly validate: boolean;
  readonly release: Release;
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  /** Workspace-relative path or glob → rule ids switched off for matching files. */
  readonly ignore: Readonly<Record<string, readonly string[]>>;
  /** A hosts file for hosts that have none of their own ('' = none). */
  readonly fallbackHostsFile: string;
  /** Format hostname files (whitespace only, never meaning); off by default. */
  readonly formatHostnameFiles: boolean;
  /** The project file's `ignore` (.ipmp-lint.json): globs relative to its folder `dir`. */
  readonly projectIgnore?: { readonly dir: string; readonly patterns: Readonly<Record<string, readonly RuleId[]>> };
}

export const DEFAULT_SETTINGS: Settings = { validate: true, release: DEFAULT_RELEASE, rules: {}, ignore: {}, fallbackHostsFile: '', formatHostnameFiles: false };

/** JSON schema of each setting, as package.json declares it. */
export const SETTINGS_SCHEMA: Record<string, object> = {
  'solarisIpmp.validate': {
    type: 'boolean',
    default: true,
    scope: 'resource',
    markdownDescription: 'Check hostname.<if>, hosts, netmasks and default/mpathd files and show problems.',
  },
  'solarisIpmp.release': {
    type: 'string',
    enum: [...RELEASES],
    enumItemLabels: RELEASES.map((r) => RELEASE_LABELS[r]),
    markdownEnumDescriptions: RELEASES.map((r) => RELEASE_DESCRIPTIONS[r]),
    default: DEFAULT_RELEASE,
    scope: 'resource',
    markdownDescription:
      'The Solaris release the files are for. It decides which ifconfig keywords exist (`ipmp` only from OpenSolaris / Solaris 11 Express on, and on illumos), whether `inet/ipnodes` is searched before `hosts` (up to Solaris 10 11/06), and what the boot reads. `illumos` means OpenIndiana, OmniOS and other illumos distributions, which still read hostname files; `s11` means Oracle Solaris 11 (11/11 and later), which reads none: there every `hostname.<if>`, `hostname6.<if>` and `dhcp.<if>` file gets `hostname-file-not-read` instead of the other checks.',
  },
  'solarisIpmp.rules': {
    type: 'object',
    default: {},
    scope: 'resource',
    markdownDescription: 'Severity per rule id, or `off`. Example: `{ "single-interface-group": "off", "ignored-file": "warning" }`.',
    propertyNames: { enum: [...RULES.keys()] },
    additionalProperties: { type: 'string', enum: [...LEVELS] },
  },
  'solarisIpmp.ignore': {
    type: 'object',
    default: {},
    scope: 'resource',
    markdownDescription:
      'Rules switched off for particular files, by workspace-relative path or glob (`*`, `**`). Hostname files cannot hold comments, so the quick fix *Disable this rule for this file* writes here. Example: `{ "web1/etc/hostname.ce0": ["single-interface-group"] }`.',
    additionalProperties: { type: 'array', items: { type: 'string', enum: [...RULES.keys()] }, uniqueItems: true },
  },
  'solarisIpmp.fallbackHostsFile': {
    type: 'string',
    default: '',
    scope: 'resource',
    markdownDescription:
      'A hosts file used for hosts that have none of their own in the workspace (absolute, or relative to the workspace folder), e.g. a shared `common/etc/hosts`. Without it such hosts get `no-hosts-file`.',
  },
  'solarisIpmp.formatHostnameFiles': {
    type: 'boolean',
    default: false,
    scope: 'resource',
    markdownDescription:
      'Let *Format Document* tidy blanks in hostname files too (one space between words, none at the ends). It never touches backslashes, `#`, line breaks or a missing final newline, so what Solaris reads stays the same. hosts, ipnodes and netmasks are always formatted (aligned columns).',
  },
};

/** Reads a `solarisIpmp` section as the client sends it; anything malformed falls back. */
export function readSettings(section: unknown): Settings {
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const rules: Partial<Record<RuleId, RuleLevel>> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, level] of Object.entries(s.rules as Record<string, unknown>)) {
      if (isRuleId(id) && typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) rules[id] = level as RuleLevel;
    }
  }
  const ignore: Record<string, string[]> = {};
  if (s.ignore && typeof s.ignore === 'object') {
    for (const [pattern, ids] of Object.entries(s.ignore as Record<string, unknown>)) {
      if (Array.isArray(ids)) ignore[pattern] = ids.filter((id): id is string => typeof id === 'string' && isRuleId(id));
    }
  }
  return {
    validate: typeof s.validate === 'boolean' ? s.validate : DEFAULT_SETTINGS.validate,
    release: isRelease(s.release) ? s.release : DEFAULT_SETTINGS.release,
    rules,
    ignore,
    fallbackHostsFile: typeof s.fallbackHostsFile === 'string' ? s.fallbackHostsFile : '',
    formatHostnameFiles: s.formatHostnameFiles === true,
  };
}
