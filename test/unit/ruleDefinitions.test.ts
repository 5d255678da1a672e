/**
 * Each rule is declared once (server/src/rules/define.ts, rules/definitions/): id, default
 * severity, summary, documentation, messages and fix builders. These tests hold the checks to
 * it, reading the server's sources with the TypeScript parser:
 *
 * - every rule id the project names (README, package.json's settings) has a definition, and no
 *   finding is written by hand (`{ rule: '…', message: … }`) outside the definitions;
 * - every message and every fix builder of a definition is used by some check;
 * - a definition's documentation says `quick-fix` exactly when it has fix builders.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { partsOf, type RuleDefinition } from '../../server/src/rules/define';
import { RULE_DEFINITIONS, RULE_GROUPS, RULES } from '../../server/src/rules/registry';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'server', 'src');
const DEFINITIONS_DIR = path.join(SERVER, 'rules', 'definitions');

/**
 * Findings still written by hand, in files this conversion did not touch: path (from
 * server/src) and rule id. The list only shrinks.
 */
const HAND_WRITTEN_ELSEWHERE: readonly { readonly file: string; readonly rule: string }[] = [
  // The notice for a file on disk the server cannot read (Check All Hosts, the host status).
  { file: 'handlers/diagnostics.ts', rule: 'unreadable-file' },
];

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

interface Use {
  readonly definition: string;
  readonly kind: 'message' | 'fix';
  readonly key: string;
}

interface HandWritten {
  readonly file: string;
  readonly rule: string;
  readonly line: number;
}

/** `x.message.k(…)` and `x.fix.k(…)` uses, and object literals with a literal `rule` and a `message`. */
function scan(): { uses: Use[]; handWritten: HandWritten[] } {
  const uses: Use[] = [];
  const handWritten: HandWritten[] = [];
  for (const file of sourceFiles(SERVER)) {
    if (file.startsWith(DEFINITIONS_DIR + path.sep) || file === path.join(SERVER, 'rules', 'define.ts')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const middle = node.expression.name.text;
        if (middle === 'message' || middle === 'fix') {
          const owner = node.expression.expression;
          const definition = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : undefined;
          if (definition) uses.push({ definition, kind: middle, key: node.name.text });
        }
      }
      if (ts.isObjectLiteralExpression(node)) {
        const property = (name: string): ts.ObjectLiteralElementLike | undefined =>
          node.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === name);
        const rule = property('rule');
        if (rule && ts.isPropertyAssignment(rule) && property('message')) {
          let init: ts.Expression = rule.initializer;
          while (ts.isAsExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
          if (ts.isStringLiteral(init)) {
            handWritten.push({ file: path.relative(SERVER, file).split(path.sep).join('/'), rule: init.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, handWritten };
}

const { uses, handWritten } = scan();

/** Every definition with the name checks know it by. */
const NAMED: readonly { readonly name: string; readonly definition: RuleDefinition }[] = RULE_GROUPS.flatMap((group) =>
  Object.entries(group).map(([name, definition]) => ({ name, definition: definition as RuleDefinition })),
);

describe('rule definitions: one for every rule', () => {
  test('the registry is exactly the definitions, in the order of their groups', () => {
    assert.deepEqual([...RULES.keys()], NAMED.map((n) => n.definition.id));
    assert.equal(new Set(NAMED.map((n) => n.definition.id)).size, NAMED.length, 'an id is defined twice');
  });

  test('each definition is named after its id (the name checks use it by)', () => {
    for (const { name, definition } of NAMED) assert.equal(name, camel(definition.id), definition.id);
  });

  test('every rule id the README lists has a definition, and the README lists every definition', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const listed = new Set([...readme.matchAll(/^\| `([a-z0-9-]+)` \| (?:error|warning|info|hint)\b/gm)].map((m) => m[1]!));
    for (const id of listed) assert.ok(RULE_DEFINITIONS.has(id as never), `README lists '${id}', which has no definition`);
    for (const id of RULES.keys()) assert.ok(readme.includes(`| \`${id}\` |`), `README lists ${id}`);
  });

  test("every rule id of package.json's settings has a definition, and the reverse", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const ids: string[] = pkg.contributes.configuration.properties['solarisIpmp.rules'].propertyNames.enum;
    assert.deepEqual(ids, [...RULES.keys()]);
  });

  test('no finding is written by hand: each comes from its rule\'s definition', () => {
    const allowed = (h: HandWritten): boolean => HAND_WRITTEN_ELSEWHERE.some((e) => e.file === h.file && e.rule === h.rule);
    const unknown = handWritten.filter((h) => !RULE_DEFINITIONS.has(h.rule as never));
    assert.deepEqual(unknown, [], 'findings of rules with no definition');
    assert.deepEqual(handWritten.filter((h) => !allowed(h)), [], 'findings written by hand instead of with rule.finding(…)');
    const stale = HAND_WRITTEN_ELSEWHERE.filter((e) => !handWritten.some((h) => h.file === e.file && h.rule === e.rule));
    assert.deepEqual(stale, [], 'converted since: take them off HAND_WRITTEN_ELSEWHERE');
  });
});

describe('rule definitions: every part is used', () => {
  for (const { name, definition } of NAMED) {
    test(definition.id, () => {
      const { messages, fixes } = partsOf(definition);
      assert.ok(messages.length > 0, 'a definition has at least one message');
      const used = (kind: Use['kind'], key: string): boolean => uses.some((u) => u.definition === name && u.kind === kind && u.key === key);
      assert.deepEqual(messages.filter((m) => !used('message', m)), [], 'messages no check uses');
      assert.deepEqual(fixes.filter((f) => !used('fix', f)), [], 'fix builders no check uses');
    });
  }

  test('no check uses a message or fix a definition does not have', () => {
    const byName = new Map(NAMED.map((n) => [n.name, n.definition]));
    const dangling = uses.filter((u) => {
      const definition = byName.get(u.definition);
      if (!definition) return false; // `something.message.x` of another kind
      const { messages, fixes } = partsOf(definition);
      return !(u.kind === 'message' ? messages : fixes).includes(u.key);
    });
    assert.deepEqual(dangling, []);
  });
});

describe('rule definitions: documentation and fixes agree', () => {
  for (const { definition } of NAMED) {
    test(definition.id, () => {
      const builders = partsOf(definition).fixes.length;
      if (definition.doc.fixable === 'quick-fix') assert.ok(builders > 0, "the documentation says 'quick-fix', but the definition has no fix builder");
      else assert.equal(builders, 0, "the definition has fix builders, but the documentation says 'none'");
    });
  }
});
