/**
 * The rule explanations (server/src/rules/ruleDocs.ts): one for every rule id of the registry,
 * none for anything else, text that reads as plain text and as Markdown, and a "quick fix"
 * mention exactly where the rule's findings carry one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, isRuleId, type RuleId } from '../../server/src/rules/registry';
import { RULE_DOCS, ruleHelpMarkdown, ruleHelpText } from '../../server/src/rules/ruleDocs';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { checkHostnameFile } from '../../server/src/rules/hostnameRules';
import { createNameLookup } from '../../server/src/engine/names';
import type { Finding } from '../../server/src/rules/types';

const IDS = [...RULES.keys()];

/** The text with every `code span` taken out. */
function outsideCode(text: string): string {
  return text.replace(/`[^`]*`/g, '');
}

/** Sentence ends outside code spans: a full stop followed by a blank or the end. */
function sentences(text: string): number {
  return (outsideCode(text).match(/\.(\s|$)/g) ?? []).length;
}

describe('rule docs: coverage', () => {
  test('every registry id has a doc', () => {
    for (const id of IDS) assert.ok(RULE_DOCS[id], `no doc for ${id}`);
  });
  test('no doc for an id the registry does not know', () => {
    const unknown = Object.keys(RULE_DOCS).filter((id) => !isRuleId(id));
    assert.deepEqual(unknown, []);
    assert.equal(Object.keys(RULE_DOCS).length, RULES.size);
  });
  test('the engine and file rules are there too', () => {
    for (const id of ['keyword-as-address', 'addif-on-logical', 'address-replaced', 'name-wrong-family', 'conflicting-groups', 'dhcp-rejected', 'boot-command-fails', 'file-too-large', 'unreadable-file'] as const) {
      assert.ok(RULE_DOCS[id].description.length > 0, id);
    }
  });
});

describe('rule docs: text', () => {
  for (const id of IDS) {
    test(id, () => {
      const doc = RULE_DOCS[id];
      assert.ok(doc.description.trim().length > 40, 'description too short');
      assert.ok(doc.fix.trim().length > 10, 'fix too short');
      assert.match(doc.description, /\.$/, 'description ends with a full stop');
      assert.match(doc.fix, /\.$/, 'fix ends with a full stop');
      const inDescription = sentences(doc.description);
      assert.ok(inDescription >= 1 && inDescription <= 3, `description has ${inDescription} sentences`);
      assert.ok(sentences(doc.fix) <= 2, `fix has ${sentences(doc.fix)} sentences`);
      for (const text of [doc.description, doc.fix]) {
        assert.equal(text, text.trim());
        assert.ok(!/\s{2}/.test(text), 'no double blanks');
        assert.equal((text.match(/`/g) ?? []).length % 2, 0, 'backticks come in pairs');
        // Markdown-light: plain text and Markdown read the same.
        assert.ok(!/[<>*_[\]\\]/.test(outsideCode(text)), `markup character outside a code span: ${outsideCode(text)}`);
        // No section numbers of the reference.
        assert.ok(!/§|\[\d+(\.\d+)*\]/.test(text), 'no section numbers');
      }
    });
  }
});

describe('rule docs: help', () => {
  test('the markdown holds the description, the fix and the default severity', () => {
    for (const id of IDS) {
      const md = ruleHelpMarkdown(id);
      const doc = RULE_DOCS[id];
      assert.ok(md.startsWith(doc.description), id);
      assert.ok(md.includes(`**Fix:** ${doc.fix}`), id);
      assert.ok(md.includes(`Default severity: **${RULES.get(id)!.severity}**`), id);
      assert.ok(md.includes(`\`ipmp-lint --rule ${id}=<level>\``), id);
    }
  });
  test('the plain text holds the same without markup', () => {
    const text = ruleHelpText('comment-not-supported');
    assert.ok(text.includes(`Fix: ${RULE_DOCS['comment-not-supported'].fix}`));
    assert.ok(text.includes('Default severity: error.'));
    assert.ok(!text.includes('**'));
  });
  test('a rule whose default is info says so', () => {
    assert.ok(ruleHelpMarkdown('single-interface-group').includes('Default severity: **info**'));
  });
});

// ---------------------------------------------------------------- quick fixes, against the rules

const HOSTS = '192.168.10.10 myhost\n';
const URI = 'file:///srv/web1/etc/hostname.ce0';

function check(text: string): Finding[] {
  const names = createNameLookup([{ uri: 'file:///srv/web1/etc/hosts', label: 'hosts', kind: 'hosts', file: parseHosts(HOSTS) }]);
  return checkHostnameFile(parseHostnameFile(text, { fileName: 'hostname.ce0' }), { uri: URI, release: 's10', names, newHostsUri: 'file:///srv/web1/etc/hosts' });
}

function findingOf(text: string, rule: RuleId): Finding {
  const finding = check(text).find((f) => f.rule === rule);
  assert.ok(finding, `expected a ${rule} finding for ${JSON.stringify(text)}`);
  return finding;
}

describe('rule docs: quick fixes', () => {
  test('a doc mentions a quick fix exactly when the rule has one', () => {
    for (const id of IDS) {
      const doc = RULE_DOCS[id];
      assert.equal(/quick fix/i.test(doc.fix), doc.fixable === 'quick-fix', id);
    }
  });
  const withFix: [RuleId, string][] = [
    ['carriage-return', 'myhost up\r\n'],
    ['missing-final-newline', 'myhost up'],
    ['comment-not-supported', 'myhost up # primary NIC\n'],
    ['unknown-keyword', 'myhost standy up\n'],
  ];
  for (const [rule, text] of withFix) {
    test(`${rule}: the rule offers a quick fix, and its doc says so`, () => {
      assert.ok((findingOf(text, rule).fixes ?? []).length > 0, 'the finding has no fix');
      assert.equal(RULE_DOCS[rule].fixable, 'quick-fix');
      assert.match(RULE_DOCS[rule].fix, /quick fix/);
    });
  }
  test('missing-argument: no quick fix, and its doc does not promise one', () => {
    assert.equal((findingOf('myhost netmask + broadcast + up\nmyhost group\n', 'missing-argument').fixes ?? []).length, 0);
    assert.equal(RULE_DOCS['missing-argument'].fixable, 'none');
  });
});
