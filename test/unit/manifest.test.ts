/** package.json must declare exactly what the code implements. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import * as path from 'node:path';
import { SETTINGS_SCHEMA } from '../../server/src/features/settings';
import { LANGUAGE_IDS } from '../../server/src/syntax/fileKind';
import { RULES } from '../../server/src/rules/registry';
import { SEMANTIC_TOKEN_CONTRIBUTIONS } from '../../server/src/features/semanticTokens';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('settings in package.json are the ones declared in code', () => {
  const declared = { ...pkg.contributes.configuration.properties };
  delete declared['solarisIpmp.trace.server']; // read by vscode-languageclient, not by the server
  assert.deepEqual(declared, JSON.parse(JSON.stringify(SETTINGS_SCHEMA)));
});

test('every language id the server knows is contributed, with a grammar and a configuration', () => {
  // Besides the server's languages, only the boot preview's own (a read-only document the client fills).
  const languages = pkg.contributes.languages.map((l: { id: string }) => l.id).filter((id: string) => id !== 'solaris-ipmp-preview').sort();
  assert.deepEqual(languages, Object.values(LANGUAGE_IDS).sort());
  assert.ok(pkg.contributes.grammars.some((g: { language: string }) => g.language === 'solaris-ipmp-preview'), 'grammar for the boot preview');
  for (const id of languages) {
    assert.ok(pkg.contributes.grammars.some((g: { language: string }) => g.language === id), `grammar for ${id}`);
  }
});

test('no activation event VS Code infers is listed: contributed languages and commands activate by themselves (VS Code 1.74+)', () => {
  assert.ok(/^\^1\.(7[4-9]|[89][0-9]|[1-9][0-9]{2,})\./.test(pkg.engines.vscode), pkg.engines.vscode);
  assert.deepEqual(
    pkg.activationEvents.filter((e: string) => /^on(Language|Command|View|Walkthrough|WebviewPanel|CustomEditor):/.test(e)),
    [],
  );
  // What remains is what cannot be inferred: a workspace holding host files, before any is open.
  assert.deepEqual(pkg.activationEvents, ['workspaceContains:**/etc/hostname.*', 'workspaceContains:**/etc/hostname6.*']);
});

test('every contributed command is registered by the client, and every palette entry names a contributed command', () => {
  const client = readdirSync(path.join(ROOT, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
    .join('\n');
  const server = readFileSync(path.join(ROOT, 'server', 'src', 'protocol.ts'), 'utf8') + readFileSync(path.join(ROOT, 'server', 'src', 'features', 'convert.ts'), 'utf8');
  const ids: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of ids) assert.ok(client.includes(`'${id}'`) || server.includes(`'${id}'`), `${id} is registered`);
  for (const entry of pkg.contributes.menus.commandPalette as { command: string }[]) assert.ok(ids.includes(entry.command), entry.command);
});

test('keywords let illumos, OpenIndiana, OmniOS and Solaris 11 users find the extension', () => {
  for (const k of ['solaris', 'ipmp', 'illumos', 'openindiana', 'omnios', 'solaris 11', 'ipadm']) assert.ok(pkg.keywords.includes(k), k);
  assert.ok(pkg.keywords.length <= 30, 'the Marketplace takes 30 keywords at most');
});

test('the language server is a bin speaking LSP', () => {
  assert.equal(pkg.bin['ipmp-language-server'], 'dist/server/main.js');
  assert.equal(pkg.engines.vscode, '^1.91.0');
});

test('the README lists every rule id', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const id of RULES.keys()) assert.ok(readme.includes(`| \`${id}\` |`), `README lists ${id}`);
});

test('semantic token types, modifiers and scopes in package.json are the legend the server uses', () => {
  for (const key of ['semanticTokenTypes', 'semanticTokenModifiers', 'semanticTokenScopes'] as const) {
    assert.deepEqual(pkg.contributes[key], JSON.parse(JSON.stringify(SEMANTIC_TOKEN_CONTRIBUTIONS[key])), key);
  }
});

test('the walkthrough: six steps, each with its markdown media packaged, commands it links and completes on that exist', () => {
  const [walk] = pkg.contributes.walkthroughs;
  assert.equal(walk.id, 'gettingStarted');
  assert.deepEqual(
    walk.steps.map((s: { id: string }) => s.id),
    ['openHost', 'fixDiagnostic', 'insertTemplate', 'previewBoot', 'simulateFailure', 'runInCi'],
  );
  const ours: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const step of walk.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[]) {
    assert.ok(existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
    assert.ok(pkg.files.some((f: string) => picomatch(f)(step.media.markdown)), `${step.media.markdown} is packaged`);
    assert.ok(step.completionEvents.length > 0, step.id);
    for (const event of step.completionEvents) {
      const command = /^onCommand:(solarisIpmp\..*)$/.exec(event)?.[1];
      if (command) assert.ok(ours.includes(command), `${step.id}: ${command}`);
    }
    for (const [, command] of step.description.matchAll(/\(command:(solarisIpmp\.[A-Za-z]+)/g)) assert.ok(ours.includes(command!), `${step.id} links ${command}`);
  }
});
