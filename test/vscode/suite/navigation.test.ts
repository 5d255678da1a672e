/// <reference types="mocha" />
// Moving through a host in VS Code (issue 5): definition, references, highlights, rename,
// document and workspace symbols, inlay hints, code lenses, semantic tokens, formatting and the
// group hover — each through the `vscode` command an editor uses, against the installed VSIX.
//
// Fixture hosts (test/vscode/fixtures/workspace):
//   nav/     read only: ce0 (data `nav`, test `nav-ce0-test`) and ce1 (test 192.168.60.12,
//            standby) in group navgrp; ce123000 (VLAN 123 on ce0) with the unresolved
//            `nav-backup`; hosts, inet/ipnodes (defines `nav` again), netmasks.
//   nav2/    renamed: group blue (ce0, ce1), group green (ce2).
//   navfmt/  formatted: a hosts file with its columns out of line, a hostname file with extra blanks.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { diagnosticWithCode, eventually, fixtureUri, hoverAt, openFixture } from './helpers';

const nav = (file: string): string => `nav/etc/${file}`;
const nav2 = (file: string): string => `nav2/etc/${file}`;
const navfmt = (file: string): string => `navfmt/etc/${file}`;

/** The workspace-relative path of a uri (`nav/etc/hosts`). */
function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** The position inside the `nth` (0-based) occurrence of `word` as a whole word, `offset` characters in. */
function wordPosition(doc: vscode.TextDocument, word: string, nth = 0, offset = 1): vscode.Position {
  const text = doc.getText();
  const re = new RegExp(`(?<![\\w.-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    m = re.exec(text);
    assert.ok(m, `occurrence ${nth} of "${word}" not in ${relative(doc.uri)}`);
  }
  return doc.positionAt(m!.index + offset);
}

/** "file:line text" (line from 1) of a range, reading the text from the document as VS Code holds it. */
async function place(uri: vscode.Uri, range: vscode.Range): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return `${relative(uri)}:${range.start.line + 1} ${doc.getText(range)}`;
}

function isLink(l: vscode.Location | vscode.LocationLink): l is vscode.LocationLink {
  return 'targetUri' in l;
}

/** Locations and location links as "file:line text" of the name they select, sorted. */
async function places(found: readonly (vscode.Location | vscode.LocationLink)[] | undefined): Promise<string[]> {
  const out: string[] = [];
  for (const l of found ?? []) {
    out.push(isLink(l) ? await place(l.targetUri, l.targetSelectionRange ?? l.targetRange) : await place(l.uri, l.range));
  }
  return out.sort();
}

async function definitionsAt(doc: vscode.TextDocument, at: vscode.Position): Promise<(vscode.Location | vscode.LocationLink)[]> {
  return (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at)) ?? [];
}

async function referencesAt(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.Location[]> {
  return (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at)) ?? [];
}

/** "kind text" of each highlight, in document order. */
async function highlightsAt(doc: vscode.TextDocument, at: vscode.Position): Promise<string[]> {
  const found = (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, at)) ?? [];
  return [...found]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((h) => `${vscode.DocumentHighlightKind[h.kind ?? vscode.DocumentHighlightKind.Text]} ${h.range.start.line + 1}:${doc.getText(h.range)}`);
}

/** The inlay hints of the whole document as "word → label", in document order. */
async function inlayHintsOf(doc: vscode.TextDocument): Promise<string[]> {
  const whole = new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
  const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, whole)) ?? [];
  return [...hints]
    .sort((a, b) => a.position.compareTo(b.position))
    .map((h) => {
      const label = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
      const before = doc.lineAt(h.position.line).text.slice(0, h.position.character);
      const word = /\S+\s?\S*$/.exec(before.trimEnd())?.[0] ?? '';
      return `${h.position.line + 1}: ${word} →${h.paddingLeft ? ' ' : ''}${label}`;
    });
}

interface DecodedToken {
  readonly text: string;
  readonly type: string;
  readonly modifiers: string[];
}

/** The document's semantic tokens, decoded with the legend the provider declares. */
async function semanticTokensOf(doc: vscode.TextDocument): Promise<DecodedToken[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  assert.ok(legend, 'no semantic tokens legend for the document');
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
  assert.ok(tokens, 'no semantic tokens for the document');
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  const d = tokens.data;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i]!;
    character = d[i]! === 0 ? character + d[i + 1]! : d[i + 1]!;
    const range = new vscode.Range(line, character, line, character + d[i + 2]!);
    const modifiers = legend.tokenModifiers.filter((_, bit) => (d[i + 4]! & (1 << bit)) !== 0);
    out.push({ text: doc.getText(range), type: legend.tokenTypes[d[i + 3]!]!, modifiers });
  }
  return out;
}

/** "Kind name — detail" of a symbol tree, children indented. */
function outline(symbols: readonly vscode.DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${vscode.SymbolKind[s.kind]} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
    ...outline(s.children, depth + 1),
  ]);
}

async function documentSymbolsOf(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  const found = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', doc.uri);
  assert.ok(found && found.every((s) => 'children' in s), 'the outline is hierarchical (DocumentSymbol)');
  return found as vscode.DocumentSymbol[];
}

/** Applies a workspace edit as the editor does and insists it was taken. */
async function apply(edit: vscode.WorkspaceEdit, what: string): Promise<void> {
  assert.ok(await vscode.workspace.applyEdit(edit), `applyEdit refused ${what}`);
}

async function textOf(relativePath: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(fixtureUri(relativePath))).getText();
}

/** Asserts the promise rejects with exactly `message` (the server's words, passed through VS Code). */
async function rejectsWith(promise: Thenable<unknown>, message: string): Promise<void> {
  await assert.rejects(Promise.resolve(promise), (e: unknown) => {
    assert.strictEqual(e instanceof Error ? e.message : String(e), message);
    return true;
  });
}

suite('navigation: definition, references, highlights', () => {
  suiteSetup(async () => {
    // The language client registers its providers when the server has started; the first
    // diagnostic it publishes for the fixture proves that (an event, not a guess).
    const doc = await openFixture(nav('hostname.ce123000'));
    await diagnosticWithCode(doc.uri, 'unresolved-host');
  });

  test('F12 on a host name: its hosts line and its inet/ipnodes line', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    const found = await definitionsAt(doc, wordPosition(doc, 'nav'));
    assert.deepStrictEqual(await places(found), ['nav/etc/hosts:5 nav', 'nav/etc/inet/ipnodes:2 nav']);
    // VS Code takes location links: the whole entry is the target, the name under the cursor the origin.
    for (const l of found.filter(isLink)) {
      assert.strictEqual(doc.getText(l.originSelectionRange!), 'nav');
      const target = await vscode.workspace.openTextDocument(l.targetUri);
      assert.match(target.getText(l.targetRange), /^192\.168\.60\.10\s+nav/);
    }
  });

  test('F12 on a group: the `group` word of every member', async () => {
    const doc = await openFixture(nav('hostname.ce1'));
    const found = await definitionsAt(doc, wordPosition(doc, 'navgrp'));
    assert.deepStrictEqual(await places(found), ['nav/etc/hostname.ce0:1 navgrp', 'nav/etc/hostname.ce1:1 navgrp']);
  });

  test('F12 on `netmask +`: the netmasks entry that applies', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    for (const at of [wordPosition(doc, 'netmask', 1), wordPosition(doc, '+', 2, 0)]) {
      const found = await definitionsAt(doc, at);
      assert.deepStrictEqual(await places(found), ['nav/etc/netmasks:1 192.168.60.0'], `at ${at.line}:${at.character}`);
    }
  });

  test('F12 where there is nothing to go to: no location', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    assert.deepStrictEqual(await definitionsAt(doc, wordPosition(doc, 'deprecated')), []);
    const unresolved = await openFixture(nav('hostname.ce123000'));
    assert.deepStrictEqual(await definitionsAt(unresolved, wordPosition(unresolved, 'nav-backup')), []);
  });

  test('Shift+F12 on a host name in hosts: hosts, ipnodes and the hostname file that uses it', async () => {
    const doc = await openFixture(nav('hosts'));
    const found = await referencesAt(doc, wordPosition(doc, 'nav'));
    assert.deepStrictEqual(await places(found), ['nav/etc/hostname.ce0:1 nav', 'nav/etc/hosts:5 nav', 'nav/etc/inet/ipnodes:2 nav']);
  });

  test('Shift+F12 on a group: every member, and nothing of another host', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    const found = await referencesAt(doc, wordPosition(doc, 'navgrp'));
    assert.deepStrictEqual(await places(found), ['nav/etc/hostname.ce0:1 navgrp', 'nav/etc/hostname.ce1:1 navgrp']);
  });

  test('document highlights: a hosts entry is a write, a use in a hostname file a read', async () => {
    const hosts = await openFixture(nav('hosts'));
    assert.deepStrictEqual(await highlightsAt(hosts, wordPosition(hosts, 'nav-ce0-test')), ['Write 6:nav-ce0-test']);
    const ce0 = await openFixture(nav('hostname.ce0'));
    assert.deepStrictEqual(await highlightsAt(ce0, wordPosition(ce0, 'nav-ce0-test')), ['Read 2:nav-ce0-test']);
    assert.deepStrictEqual(await highlightsAt(ce0, wordPosition(ce0, 'navgrp')), ['Write 1:navgrp']);
  });
});

suite('navigation: hover on groups, addresses and interfaces', () => {
  test('a group: its members, their roles and addresses, and probe-based failure detection', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    const text = await hoverAt(doc, wordPosition(doc, 'navgrp', 0, 2));
    assert.match(text, /IPMP group `navgrp`/);
    assert.match(text, /Members in this host: `hostname\.ce0`, `hostname\.ce1`\./);
    assert.match(text, /`ce0` active: data `nav` \(192\.168\.60\.10\); test `nav-ce0-test` \(192\.168\.60\.11\)/);
    assert.match(text, /`ce1` standby: test `192\.168\.60\.12`/);
    assert.match(text, /probe-based/);
  });

  test('an address literal: the names hosts gives it, and the interface', async () => {
    const doc = await openFixture(nav('hostname.ce1'));
    const text = await hoverAt(doc, wordPosition(doc, '192.168.60.12', 0, 4));
    assert.match(text, /IPv4 address/);
    assert.match(text, /Named in hosts: `nav-ce1-test`/);
    assert.match(text, /On `ce1`: driver ce, instance 1/);
  });

  test('a name on a VLAN interface: not defined, and the VLAN the file name encodes', async () => {
    const doc = await openFixture(nav('hostname.ce123000'));
    const text = await hoverAt(doc, wordPosition(doc, 'nav-backup', 0, 2));
    assert.match(text, /`nav-backup` — \*\*not defined\*\*/);
    assert.match(text, /VLAN 123 on ce0 \(driver ce, instance 0\)/);
  });
});

suite('navigation: rename', () => {
  test('prepareRename on a group: its range and its name as placeholder', async () => {
    const doc = await openFixture(nav2('hostname.ce0'));
    const at = wordPosition(doc, 'blue');
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', doc.uri, at);
    assert.ok(prepared, 'prepareRename answered nothing');
    assert.strictEqual(doc.getText(prepared.range), 'blue');
    assert.strictEqual(prepared.placeholder, 'blue');
  });

  test('prepareRename on a keyword or an address is refused with the reason', async () => {
    const ce0 = await openFixture(nav2('hostname.ce0'));
    await rejectsWith(
      vscode.commands.executeCommand('vscode.prepareRename', ce0.uri, wordPosition(ce0, 'deprecated')),
      "'deprecated' is an ifconfig keyword. Only host names and IPMP group names can be renamed.",
    );
    const hosts = await openFixture(nav2('hosts'));
    await rejectsWith(
      vscode.commands.executeCommand('vscode.prepareRename', hosts.uri, wordPosition(hosts, '192.168.61.20')),
      "'192.168.61.20' is an address, not a name. Only host names and IPMP group names can be renamed.",
    );
  });

  test('renaming a group to one the host already has is refused, and nothing changes', async () => {
    const doc = await openFixture(nav2('hostname.ce0'));
    const before = doc.getText();
    await rejectsWith(
      vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, wordPosition(doc, 'blue'), 'green'),
      "Cannot rename group 'blue' to 'green': group 'green' already exists in this host (hostname.ce2); the two groups would merge.",
    );
    assert.strictEqual(doc.getText(), before);
  });

  test('renaming a group to an ifconfig keyword is refused as not a valid group name', async () => {
    const doc = await openFixture(nav2('hostname.ce0'));
    await rejectsWith(
      vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, wordPosition(doc, 'blue'), 'standby'),
      "Cannot rename group 'blue' to 'standby': not a valid group name ('standby' is an ifconfig keyword; a group named after one reads as a mistake on every line).",
    );
  });

  test('renaming a host name to one hosts already defines (in any case) is refused', async () => {
    const doc = await openFixture(nav2('hostname.ce2'));
    await rejectsWith(
      vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, wordPosition(doc, 'nav2-spare'), 'NAV2'),
      "Cannot rename 'nav2-spare' to 'NAV2': this host already defines 'NAV2' (hosts, line 2: 192.168.61.10). Host names are case-insensitive, so the two would become one.",
    );
  });

  test('renaming group blue to red: one edit for both members, applied, no blue left, green untouched', async () => {
    const doc = await openFixture(nav2('hostname.ce0'));
    const ce2Before = await textOf(nav2('hostname.ce2'));
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, wordPosition(doc, 'blue'), 'red');
    assert.ok(edit, 'no workspace edit');
    assert.deepStrictEqual(
      edit.entries().map(([uri, edits]) => `${relative(uri)} ×${edits.length}`).sort(),
      ['nav2/etc/hostname.ce0 ×1', 'nav2/etc/hostname.ce1 ×1'],
    );
    await apply(edit, 'the rename');
    assert.strictEqual(
      await textOf(nav2('hostname.ce0')),
      'nav2 netmask + broadcast + group red up \\\naddif nav2-ce0-test deprecated -failover netmask + broadcast + up\n',
    );
    assert.strictEqual(await textOf(nav2('hostname.ce1')), 'nav2-ce1-test deprecated -failover netmask + broadcast + group red standby up\n');
    assert.strictEqual(await textOf(nav2('hostname.ce2')), ce2Before);
  });

  test('renaming a host name from a hostname file: its hosts entry and every use follow', async () => {
    const doc = await openFixture(nav2('hostname.ce1'));
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      wordPosition(doc, 'nav2-ce1-test'),
      'nav2-ce1-probe',
    );
    assert.ok(edit, 'no workspace edit');
    assert.deepStrictEqual(edit.entries().map(([uri, edits]) => `${relative(uri)} ×${edits.length}`).sort(), ['nav2/etc/hostname.ce1 ×1', 'nav2/etc/hosts ×1']);
    await apply(edit, 'the rename');
    assert.match(doc.getText(), /^nav2-ce1-probe deprecated -failover /);
    const hosts = await textOf(nav2('hosts'));
    assert.match(hosts, /^192\.168\.61\.12\tnav2-ce1-probe$/m);
    assert.ok(!/nav2-ce1-test/.test(hosts), hosts);
  });
});

suite('navigation: symbols', () => {
  test('the outline of a hostname file: the interface, its addresses with their role, its group', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    assert.deepStrictEqual(outline(await documentSymbolsOf(doc)), [
      'Interface ce0 — IPv4 · driver ce, instance 0',
      '  Variable nav — data',
      '  Namespace navgrp — ce0, ce1',
      '  Variable nav-ce0-test — test (deprecated)',
    ]);
    const ce1 = await openFixture(nav('hostname.ce1'));
    assert.deepStrictEqual(outline(await documentSymbolsOf(ce1)), [
      'Interface ce1 — IPv4 · driver ce, instance 1',
      '  Constant 192.168.60.12 — test (deprecated)',
      '  Namespace navgrp — ce0, ce1',
    ]);
  });

  test('the outline of hosts: each entry, its official name and aliases', async () => {
    const doc = await openFixture(nav('hosts'));
    assert.deepStrictEqual(outline(await documentSymbolsOf(doc)), [
      'Constant 127.0.0.1 — localhost',
      '  Variable localhost — official',
      'Constant 192.168.60.10 — nav',
      '  Variable nav — official',
      '  Variable loghost — alias',
      'Constant 192.168.60.11 — nav-ce0-test',
      '  Variable nav-ce0-test — official',
      'Constant 192.168.60.12 — nav-ce1-test',
      '  Variable nav-ce1-test — official',
    ]);
  });

  test('workspace symbols: groups, host names and interfaces of every host, with their host', async () => {
    // The server indexes the workspace's hosts in the background after it starts; it sends no
    // notification when that is done, and VS Code has no event for a workspace symbol provider
    // having more to say. So this asks again (every 100 ms, `eventually`) until the answer holds
    // the fixture's symbols, bounded by eventually's deadline.
    const query = async (q: string): Promise<string[]> => {
      const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', q)) ?? [];
      return found
        .filter((s) => s.containerName === 'nav')
        .map((s) => `${vscode.SymbolKind[s.kind]} ${s.name} @ ${relative(s.location.uri)}:${s.location.range.start.line + 1}`)
        .sort();
    };
    const groups = await eventually('workspace symbol navgrp from the background index', async () => {
      const found = await query('navgrp');
      return found.length > 0 ? found : undefined;
    });
    assert.deepStrictEqual(groups, ['Namespace navgrp @ nav/etc/hostname.ce0:1']);
    assert.deepStrictEqual(await query('nav-ce'), ['Variable nav-ce0-test @ nav/etc/hosts:6', 'Variable nav-ce1-test @ nav/etc/hosts:7']);
    assert.deepStrictEqual(await query('ce123000'), ['Interface ce123000 @ nav/etc/hostname.ce123000:1']);
  });
});

suite('navigation: inlay hints, code lenses, semantic tokens', () => {
  test('inlay hints: the address after each host name, the mask after each `netmask +`', async () => {
    const doc = await openFixture(nav('hostname.ce0'));
    assert.deepStrictEqual(await inlayHintsOf(doc), [
      '1: nav →: 192.168.60.10',
      '1: netmask + → 255.255.255.0 /24',
      '2: addif nav-ce0-test →: 192.168.60.11',
      '2: netmask + → 255.255.255.0 /24',
    ]);
  });

  test('inlay hints: none for an address literal, none for a name that does not resolve', async () => {
    const ce1 = await openFixture(nav('hostname.ce1'));
    assert.deepStrictEqual(await inlayHintsOf(ce1), ['1: netmask + → 255.255.255.0 /24']);
    const vlan = await openFixture(nav('hostname.ce123000'));
    assert.deepStrictEqual(await inlayHintsOf(vlan), []);
  });

  test('a code lens on the first `group` word sums the group up across the host', async () => {
    const summary = 'group navgrp: ce0 active (test .11), ce1 standby (test .12), probe-based';
    for (const file of ['hostname.ce0', 'hostname.ce1']) {
      const doc = await openFixture(nav(file));
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      assert.deepStrictEqual(
        lenses.map((l) => `${l.range.start.line + 1}:${doc.getText(l.range)} ${l.command?.title}`),
        // Preview boot and Simulate failure stand at the start of line 1 (suite/preview.test.ts),
        // Show topology on the group word after the summary (suite/topology.test.ts).
        ['1: Preview boot', `1: Simulate failure of ${file.slice('hostname.'.length)}`, `1:group ${summary}`, '1:group Show topology'],
        file,
      );
    }
    const hosts = await openFixture(nav('hosts'));
    assert.deepStrictEqual((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', hosts.uri)) ?? [], []);
  });

  test('semantic highlighting is on for our languages by default', () => {
    for (const languageId of ['solaris-hostname', 'solaris-hosts', 'solaris-netmasks', 'solaris-mpathd']) {
      const value = vscode.workspace.getConfiguration('editor', { languageId }).get('semanticHighlighting.enabled');
      assert.strictEqual(value, true, languageId);
    }
  });

  test('semantic tokens: resolved and unresolved names, test and data addresses, deprecated, groups', async () => {
    const ce0 = await openFixture(nav('hostname.ce0'));
    assert.deepStrictEqual(await semanticTokensOf(ce0), [
      { text: 'nav', type: 'hostName', modifiers: ['resolved', 'data'] },
      { text: 'navgrp', type: 'group', modifiers: [] },
      { text: 'nav-ce0-test', type: 'hostName', modifiers: ['resolved', 'test', 'deprecated'] },
    ]);
    const ce1 = await openFixture(nav('hostname.ce1'));
    assert.deepStrictEqual(await semanticTokensOf(ce1), [
      { text: '192.168.60.12', type: 'address', modifiers: ['test', 'deprecated'] },
      { text: 'navgrp', type: 'group', modifiers: [] },
    ]);
    const vlan = await openFixture(nav('hostname.ce123000'));
    const [backup] = await semanticTokensOf(vlan);
    assert.deepStrictEqual([backup?.text, backup?.type, backup?.modifiers.includes('unresolved')], ['nav-backup', 'hostName', true]);
    // In hosts, the names the host's hostname files use, with the role they have there.
    const hosts = await openFixture(nav('hosts'));
    assert.deepStrictEqual(await semanticTokensOf(hosts), [
      { text: 'nav', type: 'hostName', modifiers: ['data'] },
      { text: 'nav-ce0-test', type: 'hostName', modifiers: ['test', 'deprecated'] },
    ]);
  });
});

suite('navigation: formatting', () => {
  const SETTING = 'formatHostnameFiles';
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('solarisIpmp').update(SETTING, undefined, vscode.ConfigurationTarget.Workspace);
  });

  async function formatEdits(doc: vscode.TextDocument, options: vscode.FormattingOptions): Promise<vscode.TextEdit[]> {
    return (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, options)) ?? [];
  }

  async function applyEdits(doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, [...edits]);
    await apply(edit, 'the formatting edits');
  }

  test('Format Document on hosts aligns the columns per block, keeps comments, and is idempotent', async () => {
    const doc = await openFixture(navfmt('hosts'));
    const options = { insertSpaces: true, tabSize: 4 };
    await applyEdits(doc, await formatEdits(doc, options));
    assert.strictEqual(
      doc.getText(),
      [
        '# Internet host table, columns out of line',
        '127.0.0.1     localhost',
        '192.168.62.10 navfmt loghost # the data address',
        '192.168.62.11 navfmt-ce0-test',
        '',
        '# a second block',
        '10.0.0.1 gw',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(await formatEdits(doc, options), [], 'a second Format Document changes nothing');
  });

  test('Format Document on a hostname file does nothing unless solarisIpmp.formatHostnameFiles is on', async () => {
    const doc = await openFixture(navfmt('hostname.ce0'));
    const before = doc.getText();
    const options = { insertSpaces: true, tabSize: 4 };
    assert.deepStrictEqual(await formatEdits(doc, options), [], 'formatted with the setting off');

    await vscode.workspace.getConfiguration('solarisIpmp').update(SETTING, true, vscode.ConfigurationTarget.Workspace);
    try {
      // The server reads the setting again when VS Code tells it the configuration changed; no
      // event says it has, so ask until the edits come (bounded by eventually's deadline).
      const edits = await eventually('formatting edits once the setting is on', async () => {
        const found = await formatEdits(doc, options);
        return found.length > 0 ? found : undefined;
      });
      await applyEdits(doc, edits);
      assert.strictEqual(doc.getText(), 'navfmt netmask + broadcast + up\n');
      assert.deepStrictEqual(await formatEdits(doc, options), [], 'a second Format Document changes nothing');
    } finally {
      await vscode.workspace.getConfiguration('solarisIpmp').update(SETTING, undefined, vscode.ConfigurationTarget.Workspace);
    }
    // Off again: the server stops formatting hostname files (the text is restored first).
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before);
    await apply(restore, 'restoring the text');
    await eventually('no formatting edits once the setting is off again', async () => ((await formatEdits(doc, options)).length === 0 ? true : undefined));
  });
});

