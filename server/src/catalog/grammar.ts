/**
 * The four TextMate grammars, built from the catalog so highlighting can never disagree with
 * validation about what a keyword is. `scripts/generate-grammars.ts` writes them to
 * `syntaxes/`; a unit test fails when the committed files and this module drift apart.
 *
 * Every regex here must mean the same in Oniguruma (VS Code) and in JavaScript (the unit
 * test compiles the hostname keyword rules with `RegExp`), so no `(?i)` in those rules and no
 * possessive or atomic groups anywhere.
 */
import { DHCP_WORDS, FAMILY_WORDS, KEYWORDS, type ArgumentKind } from './keywords';
import { MPATHD_SETTINGS } from './mpathd';

export type GrammarLanguageId = 'solaris-hostname' | 'solaris-hosts' | 'solaris-netmasks' | 'solaris-mpathd';

export const GRAMMAR_LANGUAGES: readonly GrammarLanguageId[] = [
  'solaris-hostname',
  'solaris-hosts',
  'solaris-netmasks',
  'solaris-mpathd',
];

export interface TmCapture {
  readonly name?: string;
  readonly patterns?: readonly TmRule[];
}

export type TmCaptures = Readonly<Record<string, TmCapture>>;

export interface TmRule {
  readonly comment?: string;
  readonly include?: string;
  readonly name?: string;
  readonly match?: string;
  readonly captures?: TmCaptures;
  readonly begin?: string;
  readonly beginCaptures?: TmCaptures;
  readonly end?: string;
  readonly endCaptures?: TmCaptures;
  readonly patterns?: readonly TmRule[];
}

export interface TmGrammar {
  readonly $schema: string;
  readonly comment: string;
  readonly name: string;
  readonly scopeName: string;
  readonly patterns: readonly TmRule[];
  readonly repository: Readonly<Record<string, TmRule>>;
}

/** Repository keys of the hostname grammar that tests look up. */
export const HOSTNAME_RULE = {
  family: 'family',
  keywordArguments: 'keyword-arguments',
  keywords: 'keywords',
  negatedKeywords: 'negated-keywords',
  dhcpArguments: 'dhcp-arguments',
  dhcpWords: 'dhcp-words',
  addresses: 'addresses',
  continuation: 'continuation',
  backslashBeforeWhitespace: 'backslash-before-whitespace',
  invalidComment: 'invalid-comment',
  hostName: 'host-name',
} as const;

const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';
const GENERATED_NOTE =
  'Generated from server/src/catalog by scripts/generate-grammars.ts. Do not edit: change the catalog or grammar.ts and run npm run grammars.';

export function grammarFileName(language: GrammarLanguageId): string {
  return `${language}.tmLanguage.json`;
}

export function scopeNameOf(language: GrammarLanguageId): string {
  return `source.${language}`;
}

/** The exact text written to `syntaxes/`: two-space JSON and a final newline. */
export function grammarJson(grammar: TmGrammar): string {
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

export function buildGrammar(language: GrammarLanguageId): TmGrammar {
  switch (language) {
    case 'solaris-hostname':
      return buildHostnameGrammar();
    case 'solaris-hosts':
      return buildHostsGrammar();
    case 'solaris-netmasks':
      return buildNetmasksGrammar();
    case 'solaris-mpathd':
      return buildMpathdGrammar();
  }
}

export function buildGrammars(): Map<GrammarLanguageId, TmGrammar> {
  return new Map(GRAMMAR_LANGUAGES.map((language) => [language, buildGrammar(language)]));
}

// ---------------------------------------------------------------------------------------
// Regex building blocks

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `a|b|c` over the given words: escaped, longest first (ties alphabetical, so the output is
 * stable), duplicates dropped. Longest-first matters wherever a caller drops the boundary.
 */
export function wordAlternation(words: readonly string[]): string {
  const unique = [...new Set(words)];
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return unique.map(escapeRegExp).join('|');
}

/**
 * ifconfig words are split on blanks only (reference §1.4), so `\b` is wrong: it would find
 * `failover` inside `-failover` and `up` inside `up-link`. A word starts after a blank or at
 * the start of the line.
 */
const WORD_START = String.raw`(?<!\S)`;
/**
 * A word ends at a blank, at the end of the line, before a continuation backslash (even a
 * broken one followed by blanks, §1.6), or before `#` (which ifconfig would reject, but the
 * author meant a comment, so the word before it is shown as what it was meant to be).
 */
const WORD_END = String.raw`(?=[\s#]|\\\s*$|$)`;
/**
 * One shell word: `\x` is an escaped character (read drops the backslash); a lone backslash
 * at the end of the line is a continuation, not part of the word.
 */
const SHELL_WORD = String.raw`(?:[^\s#\\]|\\\S)+`;

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const HEX16 = String.raw`[0-9A-Fa-f]{1,4}`;

/** RFC 4291 text forms, including `::` compression and a trailing dotted quad. */
function ipv6Pattern(): string {
  const h = HEX16;
  const ls32 = `(?:${h}:${h}|${IPV4})`;
  /** up to `n` groups followed by `::` */
  const head = (n: number): string => (n === 1 ? `(?:${h})?` : `(?:(?:${h}:){0,${n - 1}}${h})?`);
  const forms = [
    `(?:${h}:){6}${ls32}`,
    `::(?:${h}:){5}${ls32}`,
    `${head(1)}::(?:${h}:){4}${ls32}`,
    `${head(2)}::(?:${h}:){3}${ls32}`,
    `${head(3)}::(?:${h}:){2}${ls32}`,
    `${head(4)}::${h}:${ls32}`,
    `${head(5)}::${ls32}`,
    `${head(6)}::${h}`,
    `${head(7)}::`,
  ];
  return `(?:${forms.join('|')})`;
}
const IPV6 = ipv6Pattern();
/** The `/len` suffix ifconfig accepts on addresses (§1.7); its range is checked by diagnostics. */
const PREFIX_LENGTH = String.raw`(?:/\d{1,3})?`;
const HEX_NUMBER = String.raw`0[xX][0-9A-Fa-f]+`;

// ---------------------------------------------------------------------------------------
// hostname.<if>, hostname6.<if>, dhcp.<if>

const HOSTNAME = 'solaris-hostname';

function hostnameScope(base: string): string {
  return `${base}.${HOSTNAME}`;
}

const KEYWORD_SCOPE = hostnameScope('keyword.other.ifconfig');
const NEGATED_KEYWORD_SCOPE = hostnameScope('keyword.other.negated.ifconfig');
const DHCP_WORD_SCOPE = hostnameScope('keyword.other.dhcp');

function isNegated(name: string): boolean {
  return name.startsWith('-');
}

function keywordScope(name: string): string {
  return isNegated(name) ? NEGATED_KEYWORD_SCOPE : KEYWORD_SCOPE;
}

/** One shape an argument can take, and the scope it gets. */
interface ArgumentForm {
  readonly pattern: string;
  readonly scope: string;
}

const IPV4_ARGUMENT: ArgumentForm = { pattern: IPV4 + PREFIX_LENGTH, scope: 'constant.numeric.address.ipv4' };
const IPV6_ARGUMENT: ArgumentForm = { pattern: IPV6 + PREFIX_LENGTH, scope: 'constant.numeric.address.ipv6' };
const HOST_NAME_ARGUMENT: ArgumentForm = { pattern: SHELL_WORD, scope: 'variable.other.hostname' };
const LOOKUP_ARGUMENT: ArgumentForm = { pattern: String.raw`\+`, scope: 'keyword.operator.lookup' };
const INTEGER_ARGUMENT: ArgumentForm = { pattern: String.raw`\d+`, scope: 'constant.numeric.integer' };
// Kinds that share one of these lists share one rule, which keeps the big IPv6 regex from
// being repeated per kind.
const ADDRESS_ARGUMENTS = [IPV4_ARGUMENT, IPV6_ARGUMENT, HOST_NAME_ARGUMENT];
const INTEGER_ARGUMENTS = [INTEGER_ARGUMENT];

/**
 * What may follow each kind of keyword. The next word is the argument whatever it looks like
 * (ifconfig takes `group up` as the group named `up`), so most kinds end with a catch-all;
 * kinds whose argument is optional or strictly numeric do not, and leave odd words to the
 * general rules. A `Record` so that a new kind in the catalog fails to compile until it is
 * given its forms here.
 */
const ARGUMENT_FORMS: Readonly<Record<ArgumentKind, readonly ArgumentForm[]>> = {
  address: ADDRESS_ARGUMENTS,
  destination: ADDRESS_ARGUMENTS,
  prefix: ADDRESS_ARGUMENTS,
  // `netmask +` and `broadcast +` look the value up (§1.8).
  netmask: [LOOKUP_ARGUMENT, { pattern: IPV4, scope: 'constant.numeric.address.ipv4' }, { pattern: HEX_NUMBER, scope: 'constant.numeric.mask.hex' }, HOST_NAME_ARGUMENT],
  broadcast: [LOOKUP_ARGUMENT, { pattern: IPV4, scope: 'constant.numeric.address.ipv4' }, HOST_NAME_ARGUMENT],
  group: [{ pattern: SHELL_WORD, scope: 'entity.name.namespace.group' }],
  integer: INTEGER_ARGUMENTS,
  byte: INTEGER_ARGUMENTS,
  interface: [{ pattern: 'none', scope: 'constant.language.none' }, { pattern: SHELL_WORD, scope: 'variable.other.interface' }],
  zone: [{ pattern: SHELL_WORD, scope: 'variable.other.zone' }],
  module: [{ pattern: SHELL_WORD, scope: 'variable.other.module' }],
  mac: [{ pattern: String.raw`[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}`, scope: 'constant.numeric.mac' }],
  algorithm: [{ pattern: 'none|any', scope: 'constant.language' }, { pattern: SHELL_WORD, scope: 'variable.other.algorithm' }],
  'dhcp-wait': [INTEGER_ARGUMENT, { pattern: 'forever', scope: 'constant.language.forever' }],
};

interface ArgumentGroup {
  readonly forms: readonly ArgumentForm[];
  readonly kinds: ArgumentKind[];
  readonly names: string[];
}

/**
 * Names grouped by the argument forms they accept (kinds with the same forms share a group),
 * in catalog order of first appearance so the output is stable.
 */
function groupByArgumentForms(words: readonly { name: string; argument?: ArgumentKind }[]): ArgumentGroup[] {
  const groups: ArgumentGroup[] = [];
  for (const word of words) {
    if (!word.argument) continue;
    const forms = ARGUMENT_FORMS[word.argument];
    let group = groups.find((g) => g.forms === forms);
    if (!group) {
      group = { forms, kinds: [], names: [] };
      groups.push(group);
    }
    if (!group.kinds.includes(word.argument)) group.kinds.push(word.argument);
    group.names.push(word.name);
  }
  return groups;
}

/**
 * `keyword [argument]` as one match, so the argument is scoped by what the keyword expects.
 * The keyword alone (argument on the next line, or missing) still matches.
 */
function argumentRule(group: ArgumentGroup, nameScope: (name: string) => string): TmRule {
  const captures: Record<string, TmCapture> = {};
  // Negated words never take arguments today; if one ever does, split the group by scope.
  const scopes = new Set(group.names.map(nameScope));
  if (scopes.size !== 1) throw new Error(`argument kinds ${group.kinds.join(', ')} mix keyword scopes`);
  captures['1'] = { name: [...scopes][0] };
  group.forms.forEach((form, i) => {
    captures[String(i + 2)] = { name: hostnameScope(form.scope) };
  });
  const argument = group.forms.map((form) => `(${form.pattern})`).join('|');
  return {
    comment: `${group.names.join(', ')}: argument of kind ${group.kinds.join(' or ')}`,
    match: `${WORD_START}(${wordAlternation(group.names)})${WORD_END}(?:\\s+(?:${argument})${WORD_END})?`,
    captures,
  };
}

function wordRule(names: readonly string[], scope: string): TmRule {
  return { name: scope, match: `${WORD_START}(?:${wordAlternation(names)})${WORD_END}` };
}

function buildHostnameGrammar(): TmGrammar {
  const keywordNames = KEYWORDS.map((k) => k.name);
  const repository: Record<string, TmRule> = {
    [HOSTNAME_RULE.family]: {
      comment: 'inet/inet6 counts only as the first word of a line (reference §1.6)',
      match: `^\\s*(${wordAlternation(FAMILY_WORDS)})${WORD_END}`,
      captures: { '1': { name: hostnameScope('keyword.other.family') } },
    },
    [HOSTNAME_RULE.keywordArguments]: {
      patterns: groupByArgumentForms(KEYWORDS).map((group) => argumentRule(group, keywordScope)),
    },
    [HOSTNAME_RULE.keywords]: wordRule(keywordNames.filter((n) => !isNegated(n)), KEYWORD_SCOPE),
    [HOSTNAME_RULE.negatedKeywords]: wordRule(keywordNames.filter(isNegated), NEGATED_KEYWORD_SCOPE),
    [HOSTNAME_RULE.dhcpArguments]: {
      patterns: groupByArgumentForms(DHCP_WORDS).map((group) => argumentRule(group, () => DHCP_WORD_SCOPE)),
    },
    [HOSTNAME_RULE.dhcpWords]: {
      comment: 'dhcp.<if> holds these; in hostname.<if> they follow dhcp/auto-dhcp (reference §1.9, §2)',
      ...wordRule(DHCP_WORDS.map((w) => w.name), DHCP_WORD_SCOPE),
    },
    [HOSTNAME_RULE.addresses]: {
      patterns: [
        { name: hostnameScope('constant.numeric.address.ipv4'), match: `${WORD_START}${IPV4}${PREFIX_LENGTH}${WORD_END}` },
        { name: hostnameScope('constant.numeric.address.ipv6'), match: `${WORD_START}${IPV6}${PREFIX_LENGTH}${WORD_END}` },
      ],
    },
    [HOSTNAME_RULE.continuation]: {
      comment: "sh read joins a line ending in a backslash with the next (reference §1.6)",
      name: hostnameScope('constant.character.escape.line-continuation'),
      match: String.raw`\\$`,
    },
    [HOSTNAME_RULE.backslashBeforeWhitespace]: {
      comment: 'a backslash followed by trailing blanks escapes a blank and does not continue the line (§1.6)',
      name: hostnameScope('invalid.illegal.backslash-before-whitespace'),
      match: String.raw`\\[ \t]+$`,
    },
    [HOSTNAME_RULE.invalidComment]: {
      comment: 'hostname files have no comments: ifconfig stops at "#" with "bad address" (§1.6)',
      name: hostnameScope('invalid.illegal.comment'),
      match: '#.*$',
    },
    [HOSTNAME_RULE.hostName]: {
      comment: 'any other word is an address to ifconfig, resolved as a host name (§1.7)',
      name: hostnameScope('variable.other.hostname'),
      match: SHELL_WORD,
    },
  };
  return {
    $schema: SCHEMA,
    comment: GENERATED_NOTE,
    name: 'Solaris hostname.<if>',
    scopeName: scopeNameOf(HOSTNAME),
    // Order breaks ties between rules that match at the same column.
    patterns: Object.values(HOSTNAME_RULE).map((key) => ({ include: `#${key}` })),
    repository,
  };
}

// ---------------------------------------------------------------------------------------
// hosts and ipnodes (reference §5.1, §5.2)

const HOSTS = 'solaris-hosts';

function commentRule(language: string): TmRule {
  return {
    name: `comment.line.number-sign.${language}`,
    match: '(#).*$',
    captures: { '1': { name: `punctuation.definition.comment.${language}` } },
  };
}

/** A field in hosts/netmasks: blanks separate fields and `#` starts a comment anywhere. */
const FIELD = String.raw`[^\s#]+`;
const FIELD_END = String.raw`(?=[\s#]|$)`;

function buildHostsGrammar(): TmGrammar {
  const s = (base: string): string => `${base}.${HOSTS}`;
  return {
    $schema: SCHEMA,
    comment: GENERATED_NOTE,
    name: 'Solaris hosts',
    scopeName: scopeNameOf(HOSTS),
    patterns: [{ include: '#comment' }, { include: '#entry' }, { include: '#well-known-alias' }, { include: '#alias' }],
    repository: {
      comment: commentRule(HOSTS),
      entry: {
        comment: 'address, then the official name; every later field is an alias',
        match: `^\\s*(?:(${IPV4})|(${IPV6})|(${FIELD}))${FIELD_END}(?:\\s+(${FIELD}))?`,
        captures: {
          '1': { name: s('constant.numeric.address.ipv4') },
          '2': { name: s('constant.numeric.address.ipv6') },
          '3': { name: s('invalid.illegal.address') },
          '4': { name: s('entity.name.function.hostname') },
        },
      },
      'well-known-alias': {
        comment: 'syslogd looks up loghost (§5.1); names are case-insensitive',
        match: `(?<!\\S)(?:((?i:loghost))|((?i:localhost)))${FIELD_END}`,
        captures: {
          '1': { name: s('support.constant.alias.loghost') },
          '2': { name: s('support.constant.alias.localhost') },
        },
      },
      alias: { name: s('variable.other.alias'), match: FIELD },
    },
  };
}

// ---------------------------------------------------------------------------------------
// netmasks (reference §5.3)

const NETMASKS = 'solaris-netmasks';

function buildNetmasksGrammar(): TmGrammar {
  const s = (base: string): string => `${base}.${NETMASKS}`;
  // inet_addr also takes short network numbers (`10`, `172.20`) and hex.
  const networkNumber = `(?:${HEX_NUMBER}|${OCTET}(?:\\.${OCTET}){0,3})`;
  const mask = `(?:${IPV4}|0[xX][0-9A-Fa-f]{8})`;
  return {
    $schema: SCHEMA,
    comment: GENERATED_NOTE,
    name: 'Solaris netmasks',
    scopeName: scopeNameOf(NETMASKS),
    patterns: [{ include: '#comment' }, { include: '#entry' }],
    repository: {
      comment: commentRule(NETMASKS),
      entry: {
        comment: 'network number, then its mask',
        match: `^\\s*(?:(${networkNumber})|(${FIELD}))${FIELD_END}(?:\\s+(?:(${mask})|(${FIELD}))${FIELD_END})?`,
        captures: {
          '1': { name: s('constant.numeric.address.ipv4.network-number') },
          '2': { name: s('invalid.illegal.network-number') },
          '3': { name: s('constant.numeric.address.ipv4.netmask') },
          '4': { name: s('invalid.illegal.netmask') },
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------
// default/mpathd (reference §3.9)

const MPATHD = 'solaris-mpathd';

function buildMpathdGrammar(): TmGrammar {
  const s = (base: string): string => `${base}.${MPATHD}`;
  const known = wordAlternation(MPATHD_SETTINGS.map((setting) => setting.name));
  // Only a value that stands alone is a boolean or number; `10000ms` stays a string here
  // even though strtol reads it, so the diagnostic about trailing junk has a visible cause.
  const valueStart = String.raw`(?<![^\s=])`;
  const valueEnd = String.raw`(?=\s|$)`;
  return {
    $schema: SCHEMA,
    comment: GENERATED_NOTE,
    name: 'Solaris in.mpathd defaults',
    scopeName: scopeNameOf(MPATHD),
    patterns: [{ include: '#comment' }, { include: '#setting' }],
    repository: {
      comment: {
        comment: 'a line starting with # never matches a name, so it is a comment; a # later on belongs to the value',
        name: s('comment.line.number-sign'),
        match: String.raw`^\s*(#).*$`,
        captures: { '1': { name: s('punctuation.definition.comment') } },
      },
      setting: {
        comment: 'NAME=value; defread matches names case-insensitively for in.mpathd, and a blank before = breaks the match',
        begin: String.raw`^ *([A-Za-z_][A-Za-z0-9_]*)([ \t]*)(=)`,
        beginCaptures: {
          '1': {
            patterns: [
              { name: s('variable.other.setting'), match: `(?<![A-Za-z0-9_])(?i:${known})(?![A-Za-z0-9_])` },
              { name: s('variable.other.setting.unknown'), match: '.+' },
            ],
          },
          '2': { name: s('invalid.illegal.whitespace') },
          '3': { name: s('keyword.operator.assignment') },
        },
        end: '$',
        patterns: [{ include: '#value' }],
      },
      value: {
        patterns: [
          { comment: 'the value starts right after =; a blank is part of it', name: s('invalid.illegal.whitespace'), match: String.raw`\G[ \t]+` },
          { comment: 'quotes are not stripped', name: s('invalid.illegal.quoted'), match: '"[^"]*"?' },
          { comment: 'kept in the value by defread; works for yes/no and numbers, but misleads', name: s('invalid.deprecated.trailing-comment'), match: String.raw`(?<=\s)#.*$` },
          { name: s('constant.language.boolean'), match: `${valueStart}(?i:yes|no)${valueEnd}` },
          { name: s('constant.numeric.integer'), match: `${valueStart}(?:${HEX_NUMBER}|\\d+)${valueEnd}` },
          { name: s('string.unquoted.value'), match: String.raw`[^\s"]+` },
        ],
      },
    },
  };
}
