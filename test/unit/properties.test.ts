/**
 * Properties of the hostname parser and its rules, over generated text (fast-check, seeded so
 * `npm test` stays quick and repeatable): any input at all parses and checks without throwing,
 * every range lies inside the document, parsing is deterministic, and a quick fix removes the
 * finding it is offered for while changing no text outside its edits (DESIGN.md, Bad input).
 * The other file kinds, the cross-file rules and the server have their own properties*.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RELEASES, type Release } from '../../server/src/catalog/releases';
import { checkHostnameFile, type HostnameRuleContext } from '../../server/src/rules/hostnameRules';
import { createNameLookup } from '../../server/src/engine/names';
import type { Finding } from '../../server/src/rules/types';
import { parseHostnameFile, type HostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { LineIndex } from '../../server/src/syntax/text';
import { anyHostnameText, assertFindingsInside, assertFixesWork, assertSpan, hostnameLike, ipmpLike, runs } from './propertyHelpers';

const URI = 'file:///srv/web1/etc/hostname.ce0';
const HOSTS_URI = 'file:///srv/web1/etc/hosts';
const HOSTS = parseHosts('127.0.0.1 localhost\n192.168.10.10 myhost loghost\n192.168.10.11 myhost-ce0-test\n2001:db8::10 myhost-v6\n');

interface Setup {
  readonly fileName: string;
  readonly release: Release;
  readonly withHosts: boolean;
}

function contextFor(setup: Setup): HostnameRuleContext {
  const names = setup.withHosts ? createNameLookup([{ uri: HOSTS_URI, label: 'hosts', kind: 'hosts', file: HOSTS }]) : undefined;
  return { uri: URI, release: setup.release, names, newHostsUri: HOSTS_URI };
}

function analyse(text: string, setup: Setup): { file: HostnameFile; findings: Finding[] } {
  const file = parseHostnameFile(text, { fileName: setup.fileName });
  return { file, findings: checkHostnameFile(file, contextFor(setup)) };
}

const setup: fc.Arbitrary<Setup> = fc.record({
  fileName: fc.constantFrom('hostname.ce0', 'hostname6.ce0', 'dhcp.ce0', 'hostname.ce0:1', 'hostname.ipmp0', 'hostname.ce0.bak', 'hostname.ce0-old'),
  release: fc.constantFrom(...RELEASES),
  withHosts: fc.boolean(),
});

function assertParseInside(file: HostnameFile): void {
  const index = new LineIndex(file.text);
  for (const line of file.lines) {
    assertSpan(index, line.span, 'line');
    for (const word of line.words) assertSpan(index, word, `word '${word.text}'`);
    for (const join of line.continuations) assertSpan(index, join, 'continuation');
    for (const blanks of line.escapedBlanks) assertSpan(index, blanks, 'escaped blanks');
  }
  for (const command of file.commands) {
    if (command.comment) assertSpan(index, command.comment, 'comment');
    for (const role of command.roles) assertSpan(index, role.token, `${role.role} '${role.token.text}'`);
  }
}

describe('hostname parser and rules: properties over generated text', () => {
  test('never throw, and every range lies inside the document', () => {
    fc.assert(
      fc.property(anyHostnameText, setup, (text, s) => {
        const { file, findings } = analyse(text, s);
        assertParseInside(file);
        assertFindingsInside(URI, text, findings, new Map(s.withHosts ? [[HOSTS_URI, HOSTS.text]] : []));
      }),
      runs(4242, 300),
    );
  });

  test('parsing and checking are deterministic', () => {
    fc.assert(
      fc.property(anyHostnameText, setup, (text, s) => {
        assert.deepEqual(analyse(text, s), analyse(text, s));
      }),
      runs(4243, 100),
    );
  });

  test('a quick fix removes its finding and changes only the text it edits', () => {
    let applied = 0;
    fc.assert(
      fc.property(fc.oneof(hostnameLike, ipmpLike), setup, (text, s) => {
        applied += assertFixesWork(text, { uri: URI, languageId: 'solaris-hostname', findings: (t) => analyse(t, s).findings });
      }),
      runs(4244, 150),
    );
    assert.ok(applied > 0, 'the generated files offered no fix at all');
  });
});
