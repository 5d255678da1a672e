/**
 * The TextMate grammars are generated from the catalog. These tests keep the committed
 * syntaxes/ files equal to what grammar.ts builds now, and check the hostname keyword rules
 * word by word against KEYWORDS, so highlighting and validation agree on what a keyword is.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  GRAMMAR_LANGUAGES,
  HOSTNAME_RULE,
  buildGrammar,
  escapeRegExp,
  grammarFileName,
  grammarJson,
  type TmRule,
} from '../../server/src/catalog/grammar';
import { DHCP_WORDS, KEYWORDS } from '../../server/src/catalog/keywords';
import { MPATHD_SETTINGS } from '../../server/src/catalog/mpathd';

// Compiled to out/test/unit/: three levels below the repository root.
const repoRoot = path.resolve(__dirname, '../../..');
const syntaxesDir = path.join(repoRoot, 'syntaxes');

describe('committed grammars', () => {
  for (const language of GRAMMAR_LANGUAGES) {
    test(`syntaxes/${grammarFileName(language)} is what the catalog builds`, () => {
      const file = path.join(syntaxesDir, grammarFileName(language));
      const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
      assert.ok(
        committed === grammarJson(buildGrammar(language)),
        `syntaxes/${grammarFileName(language)} is out of date with server/src/catalog: run npm run grammars`,
      );
    });
  }
});

const hostname = buildGrammar('solaris-hostname');

function rule(key: string): TmRule {
  const found = hostname.repository[key];
  assert.ok(found, `hostname grammar has no repository rule ${key}`);
  return found;
}

/** The rule itself when it is a single match, else its match sub-rules. */
function matchRules(key: string): TmRule[] {
  const r = rule(key);
  const rules = r.match !== undefined ? [r] : [...(r.patterns ?? [])];
  for (const sub of rules) assert.ok(sub.match !== undefined, `${key}: every rule is a match rule`);
  return rules;
}

/** The match of `source` starting exactly at `index` of `line`, if any. */
function matchAt(source: string, line: string, index: number): RegExpExecArray | undefined {
  const re = new RegExp(source, 'y');
  re.lastIndex = index;
  return re.exec(line) ?? undefined;
}

const plainKeywordRule = rule(HOSTNAME_RULE.keywords);
const negatedKeywordRule = rule(HOSTNAME_RULE.negatedKeywords);
const keywordArgumentRules = matchRules(HOSTNAME_RULE.keywordArguments);
const dhcpWordRule = rule(HOSTNAME_RULE.dhcpWords);
const dhcpArgumentRules = matchRules(HOSTNAME_RULE.dhcpArguments);

/** Lines in which a word must be recognised: alone, between words, before a continuation. */
function contexts(word: string): { line: string; index: number }[] {
  return [`${word}`, `myhost ${word} up`, `\t${word}\t`, `myhost ${word} \\`, `myhost ${word}\\`, `${word} # note`].map((line) => ({
    line,
    index: line.indexOf(word),
  }));
}

describe('hostname grammar keywords', () => {
  test('every KEYWORDS name is a keyword, with the negated scope exactly when it starts with -', () => {
    for (const { name } of KEYWORDS) {
      const own = name.startsWith('-') ? negatedKeywordRule : plainKeywordRule;
      const other = name.startsWith('-') ? plainKeywordRule : negatedKeywordRule;
      for (const { line, index } of contexts(name)) {
        assert.equal(matchAt(own.match!, line, index)?.[0], name, `${own.name} should match ${name} in ${JSON.stringify(line)}`);
        assert.equal(matchAt(other.match!, line, index), undefined, `${other.name} should not match ${name}`);
      }
    }
  });

  test('every keyword with an argument has an argument rule that scopes it as a keyword', () => {
    for (const spec of KEYWORDS.filter((k) => k.argument)) {
      const line = `myhost ${spec.name} something`;
      const index = line.indexOf(spec.name);
      const hits = keywordArgumentRules.filter((r) => matchAt(r.match!, line, index)?.[1] === spec.name);
      assert.equal(hits.length, 1, `one argument rule for ${spec.name}`);
      const scope = hits[0]!.captures?.['1']?.name;
      assert.equal(scope, spec.name.startsWith('-') ? negatedKeywordRule.name : plainKeywordRule.name);
    }
  });

  test('DHCP words are DHCP keywords, not ifconfig keywords', () => {
    for (const { name, argument } of DHCP_WORDS) {
      for (const { line, index } of contexts(name)) {
        assert.equal(matchAt(dhcpWordRule.match!, line, index)?.[0], name, `DHCP word ${name} in ${JSON.stringify(line)}`);
        assert.equal(matchAt(plainKeywordRule.match!, line, index), undefined);
      }
      if (argument) {
        const line = `${name} 30`;
        assert.ok(dhcpArgumentRules.some((r) => matchAt(r.match!, line, 0)?.[1] === name), `argument rule for ${name}`);
      }
    }
  });

  const nonKeywords = [
    'UP', 'Up', 'Netmask', 'DEPRECATED', 'standy', 'deprecate', 'deprecated2', 'failovers', '--failover', '-up',
    'x-failover', 'up-link', 'failover-', 'group_', 'auto', 'dhcp-', '-', 'inet', 'inet6', 'myhost-ce0-test',
    'Primary', 'waiting', 'up\\\\',
  ];

  test('no other word, and no part of one, is a keyword', () => {
    const rules = [plainKeywordRule, negatedKeywordRule, dhcpWordRule, ...keywordArgumentRules, ...dhcpArgumentRules];
    for (const word of nonKeywords) {
      const line = `myhost ${word} up`;
      const start = line.indexOf(word);
      for (let index = start; index < start + word.length; index++) {
        for (const r of rules) {
          assert.equal(matchAt(r.match!, line, index), undefined, `${JSON.stringify(word)} at +${index - start} matched by ${r.comment ?? r.name}`);
        }
      }
    }
  });

  test('keyword alternations are escaped and longest first', () => {
    const alternation = /\(\?:([^()]*)\)/.exec(plainKeywordRule.match!)?.[1];
    assert.ok(alternation, 'plain keyword rule holds one alternation');
    const words = alternation.split('|');
    const lengths = words.map((w) => w.length);
    assert.deepEqual(lengths, [...lengths].sort((a, b) => b - a));
    assert.equal(escapeRegExp('a.b+c'), 'a\\.b\\+c');
    assert.equal(escapeRegExp('-failover'), '-failover');
  });
});

describe('mpathd grammar', () => {
  test('every catalog setting is a known setting name', () => {
    const text = JSON.stringify(buildGrammar('solaris-mpathd'));
    for (const { name } of MPATHD_SETTINGS) assert.ok(text.includes(escapeRegExp(name)), name);
  });
});

interface LanguageConfiguration {
  comments?: { lineComment?: string; blockComment?: [string, string] };
  wordPattern?: string;
}

function readConfiguration(language: string): LanguageConfiguration {
  return JSON.parse(fs.readFileSync(path.join(syntaxesDir, `${language}.language-configuration.json`), 'utf8'));
}

/** The words the configuration's wordPattern finds in `line`. */
function wordsOf(config: LanguageConfiguration, line: string): string[] {
  assert.ok(config.wordPattern, 'wordPattern is set');
  return line.match(new RegExp(config.wordPattern, 'g')) ?? [];
}

describe('language configurations', () => {
  test('hostname files get no comment token: toggling a comment must never insert # (§1.6)', () => {
    const config = readConfiguration('solaris-hostname');
    assert.equal(config.comments?.lineComment, undefined);
    assert.equal(config.comments?.blockComment, undefined);
  });

  test('hostname words keep flags, names, prefixes and logical interfaces whole', () => {
    const config = readConfiguration('solaris-hostname');
    const line = 'myhost-ce0-test -failover 192.168.1.10/24 fe80::1 ce0:1 group prod';
    assert.deepEqual(wordsOf(config, line), ['myhost-ce0-test', '-failover', '192.168.1.10/24', 'fe80::1', 'ce0:1', 'group', 'prod']);
  });

  for (const language of ['solaris-hosts', 'solaris-netmasks', 'solaris-mpathd']) {
    test(`${language} comments with #`, () => {
      assert.equal(readConfiguration(language).comments?.lineComment, '#');
    });
  }

  test('hosts words keep dashed and dotted names and addresses whole', () => {
    const config = readConfiguration('solaris-hosts');
    assert.deepEqual(wordsOf(config, '192.168.1.10 myhost-ce0-test web.example.com ::1 # note'), [
      '192.168.1.10', 'myhost-ce0-test', 'web.example.com', '::1', 'note',
    ]);
  });

  test('netmasks and mpathd words', () => {
    assert.deepEqual(wordsOf(readConfiguration('solaris-netmasks'), '172.20.0.0\t255.255.0.0'), ['172.20.0.0', '255.255.0.0']);
    assert.deepEqual(wordsOf(readConfiguration('solaris-mpathd'), 'FAILURE_DETECTION_TIME=10000'), ['FAILURE_DETECTION_TIME', '10000']);
  });
});
