/**
 * Every rule id of RULES.md with its default severity, derived from the rule definitions
 * (rules/definitions/, one module per group, in the order of RULES.md). The ids are a public
 * contract: never rename one. Severity here is the default; `solarisIpmp.rules` overrides it.
 */
import type { RuleDefinition, RuleMeta } from './define';
import { BOOT_RULES } from './definitions/boot';
import { DRIFT_RULES } from './definitions/drift';
import { FILE_RULES } from './definitions/files';
import { HOSTNAME_RULES } from './definitions/hostname';
import { HOSTS_AND_NETMASKS_RULES } from './definitions/hostsAndNetmasks';
import { IPMP_RULES } from './definitions/ipmp';
import { MPATHD_RULES } from './definitions/mpathd';
import { RESOLUTION_RULES } from './definitions/resolution';

export type { RuleMeta } from './define';

/** The definition groups in the order of RULES.md: the order of the settings schema, SARIF and `--list-rules`. */
export const RULE_GROUPS = [HOSTNAME_RULES, RESOLUTION_RULES, IPMP_RULES, HOSTS_AND_NETMASKS_RULES, MPATHD_RULES, BOOT_RULES, DRIFT_RULES, FILE_RULES] as const;

type ValuesOf<T> = T extends unknown ? T[keyof T] : never;

export type RuleId = ValuesOf<(typeof RULE_GROUPS)[number]>['id'];

const DEFINITION_LIST: readonly RuleDefinition<RuleId>[] = RULE_GROUPS.flatMap((group) => Object.values(group) as RuleDefinition<RuleId>[]);

/** Every rule's definition by id: messages, fix builders and documentation. */
export const RULE_DEFINITIONS: ReadonlyMap<RuleId, RuleDefinition<RuleId>> = new Map(DEFINITION_LIST.map((d) => [d.id, d]));

export const RULES: ReadonlyMap<RuleId, RuleMeta> = RULE_DEFINITIONS;

export function isRuleId(id: string): id is RuleId {
  return RULES.has(id as RuleId);
}
