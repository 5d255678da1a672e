/**
 * Semantic tokens: the data decoded back to (line, character, length, type, modifiers) and
 * shown as `text@line:character type.modifier...`, in the order the client reads them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SemanticTokens } from 'vscode-languageserver-types';
import { parseDocument, type ParsedDocument } from '../../server/src/features/document';
import type { HostView } from '../../server/src/features/hostView';
import {
  SEMANTIC_TOKEN_CONTRIBUTIONS,
  SEMANTIC_TOKEN_LEGEND,
  semanticTokens,
} from '../../server/src/features/semanticTokens';
import { createNameLookup } from '../../server/src/engine/names';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex } from '../../server/src/syntax/text';
import { eolTest, withEol, type Eol } from './helpers';

const ROOT = 'file:///srv/web1/etc';

const HOSTS = `127.0.0.1 localhost
192.168.10.10 myhost loghost
192.168.10.11 myhost-ce0-test
192.168.10.12 myhost-ce1-test
2001:db8::10 myhost-v6
`;

const CE0 = 'myhost netmask + broadcast + group prod up \\\naddif myhost-ce0-test deprecated -failover netmask + broadcast + up\n';
const CE1 = 'myhost-ce1-test netmask + broadcast + deprecated -failover group prod standby up\n';

function hostOf(eol: Eol, interfaces: Record<string, string>, withHosts = true): HostView {
  const hosts = withHosts ? { uri: `${ROOT}/hosts`, label: 'hosts', file: parseHosts(withEol(HOSTS, eol)) } : undefined;
  return {
    rootUri: ROOT,
    names: hosts ? createNameLookup([{ ...hosts, kind: 'hosts' }]) : undefined,
    hosts,
    interfaces: Object.entries(interfaces).map(([name, text]) => ({ uri: `${ROOT}/${name}`, baseName: name, file: parseHostnameFile(withEol(text, eol), { fileName: name }) })),
    newHostsUri: `${ROOT}/hosts`,
  };
}

function docOf(name: string, text: string): ParsedDocument {
  const kind = name === 'hosts' || name === 'netmasks' ? name : 'hostname';
  return parseDocument(`${ROOT}/${name}`, `/srv/web1/etc/${name}`, kind, text);
}

interface Decoded {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: string;
  readonly modifiers: string[];
}

/** Undoes the relative encoding, checking the invariants clients rely on on the way. */
function decode(tokens: SemanticTokens, text: string): Decoded[] {
  const { data } = tokens;
  assert.equal(data.length % 5, 0, 'five numbers per token');
  const index = new LineIndex(text);
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
    assert.ok(deltaLine >= 0 && deltaStart >= 0 && length > 0, `token ${i / 5} is in order and not empty`);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const lineLength = index.lineEnd(line) - index.lineStart(line);
    assert.ok(character + length <= lineLength, `token ${i / 5} stays on line ${line}`);
    const modifiers = SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, bit) => bits & (1 << bit));
    assert.ok(type < SEMANTIC_TOKEN_LEGEND.tokenTypes.length);
    out.push({ line, character, length, type: SEMANTIC_TOKEN_LEGEND.tokenTypes[type]!, modifiers });
  }
  return out;
}

function show(text: string, tokens: SemanticTokens): string[] {
  const index = new LineIndex(text);
  return decode(tokens, text).map((t) => {
    const start = index.lineStart(t.line) + t.character;
    return `${text.slice(start, start + t.length)}@${t.line}:${t.character} ${[t.type, ...t.modifiers].join('.')}`;
  });
}

function tokensFor(name: string, text: string, eol: Eol, others: Record<string, string> = {}, withHosts = true): string[] {
  const interfaces = name.startsWith('hostname') ? { ...others, [name]: text } : others;
  return show(text, semanticTokens(docOf(name, text), hostOf(eol, interfaces, withHosts), 's10'));
}

describe('semantic tokens', () => {
  eolTest('resolved names with their role, and the group', CE0, (text, eol) => {
    assert.deepEqual(tokensFor('hostname.ce0', text, eol, { 'hostname.ce1': CE1 }), [
      'myhost@0:0 hostName.resolved.data',
      'prod@0:35 group',
      'myhost-ce0-test@1:6 hostName.resolved.test.deprecated',
    ]);
  });

  eolTest('an unresolved name; literals as test and data addresses', 'nosuch up\naddif 192.168.10.11 deprecated -failover up\naddif 10.0.0.1 -failover up\n', (text, eol) => {
    assert.deepEqual(tokensFor('hostname.ce0', text, eol), [
      'nosuch@0:0 hostName.unresolved.data',
      '192.168.10.11@1:6 address.test.deprecated',
      // S10: -failover does not imply deprecated (§3.2).
      '10.0.0.1@2:6 address.test',
    ]);
  });

  eolTest('a name of the wrong family does not resolve (§1.7)', 'myhost-v6 up\n', (text, eol) => {
    assert.deepEqual(tokensFor('hostname.ce0', text, eol), ['myhost-v6@0:0 hostName.unresolved.data']);
  });

  eolTest('without a hosts file nothing is said about resolution', 'myhost up\n', (text, eol) => {
    assert.deepEqual(tokensFor('hostname.ce0', text, eol, {}, false), ['myhost@0:0 hostName.data']);
  });

  eolTest('a glued word is a destination name, drawn in pieces', 'myhost netmask + broadcast + up\\\naddif x\n', (text, eol) => {
    // `up\` + newline + `addif` reads as the one word `upaddif`: the point-to-point destination (§1.6).
    assert.deepEqual(tokensFor('hostname.ce0', text, eol), [
      'myhost@0:0 hostName.resolved.data',
      'up@0:29 hostName.unresolved',
      'addif@1:0 hostName.unresolved',
      // `x` is a third bare word: ifconfig has nowhere to put it, and it is no address.
    ]);
  });

  eolTest('IPv6: the literal data address after addif', '-failover group prod up\naddif 2001:db8::10/64 up\n', (text, eol) => {
    assert.deepEqual(tokensFor('hostname6.ce0', text, eol), ['prod@0:16 group', '2001:db8::10/64@1:6 address.data']);
  });

  eolTest('a hosts file: names the hostname files use, with their role', HOSTS, (text, eol) => {
    assert.deepEqual(tokensFor('hosts', text, eol, { 'hostname.ce0': CE0, 'hostname.ce1': CE1 }), [
      'myhost@1:14 hostName.data',
      'myhost-ce0-test@2:14 hostName.test.deprecated',
      'myhost-ce1-test@3:14 hostName.test.deprecated',
    ]);
  });

  eolTest('a hosts file: a name used both ways gets both roles', HOSTS, (text, eol) => {
    const both = 'myhost up\naddif MyHost deprecated -failover up\n';
    assert.deepEqual(tokensFor('hosts', text, eol, { 'hostname.ce0': both }), ['myhost@1:14 hostName.test.data.deprecated']);
  });

  eolTest('dhcp lines, comments and keywords get none', 'dhcp primary\n', (text, eol) => {
    assert.deepEqual(tokensFor('hostname.ce0', text, eol), []);
  });

  test('netmasks files and dhcp files get none', () => {
    assert.deepEqual(semanticTokens(docOf('netmasks', '10.0.0.0 255.0.0.0\n'), hostOf('LF', {}), 's10'), { data: [] });
    assert.deepEqual(semanticTokens(docOf('dhcp.ce0', 'primary\n'), hostOf('LF', {}), 's10'), { data: [] });
  });

  test('a lone CR inside a word (a line break to the client) is not drawn', () => {
    const text = 'my\rhost up\naddif nosuch up\n';
    assert.deepEqual(show(text, semanticTokens(docOf('hostname.ce0', text), hostOf('LF', { 'hostname.ce0': text }), 's10')), ['nosuch@2:6 hostName.unresolved.data']);
  });

  test('the manifest contributions declare every type and modifier of the legend', () => {
    const types = SEMANTIC_TOKEN_CONTRIBUTIONS.semanticTokenTypes.map((t) => t.id);
    const modifiers = SEMANTIC_TOKEN_CONTRIBUTIONS.semanticTokenModifiers.map((m) => m.id);
    assert.deepEqual([...types].sort(), [...SEMANTIC_TOKEN_LEGEND.tokenTypes].sort());
    // `deprecated` is one of LSP's standard modifiers: the client knows it already.
    assert.deepEqual([...modifiers, 'deprecated'].sort(), [...SEMANTIC_TOKEN_LEGEND.tokenModifiers].sort());
    for (const selector of Object.keys(SEMANTIC_TOKEN_CONTRIBUTIONS.semanticTokenScopes[0].scopes)) {
      const [type, ...mods] = selector.split('.');
      assert.ok(SEMANTIC_TOKEN_LEGEND.tokenTypes.includes(type!), selector);
      for (const m of mods) assert.ok(SEMANTIC_TOKEN_LEGEND.tokenModifiers.includes(m), selector);
    }
  });

  test('the snippet in the source comment is the exported data', () => {
    const source = readFileSync(join(__dirname, '../../../server/src/features/semanticTokens.ts'), 'utf8');
    const block = /The manifest needs[^\n]*\n[^\n]*\n \*\n([\s\S]*?)\n \*\n \* The same data/.exec(source);
    assert.ok(block, 'the snippet is found');
    const json = `{${block[1]!.replace(/^ \* ?/gm, '')}}`;
    assert.deepEqual(JSON.parse(json), SEMANTIC_TOKEN_CONTRIBUTIONS);
  });
});
