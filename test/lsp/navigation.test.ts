/**
 * Moving through an estate over a real LSP connection (issue 5): definition, references,
 * highlights, rename (and its refusals), symbols, inlay hints, code lenses, semantic tokens,
 * formatting and group hover, on a temporary copy of `examples/` plus trees written here —
 * and a rename across a 500-host estate. Waits are event-driven or bounded retries, never sleeps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SemanticTokensRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type FormattingOptions,
  type InlayHint,
  type Location,
  type Position,
  type Range,
  type SemanticTokensLegend,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { applyEdits, languageOf, LspTestClient, testWorkspace, Scratch, startServer } from './client';

type Files = Record<string, string>;

/** A host with hosts *and* ipnodes, two groups, and a host name used in a hostname file. */
const MULTI: Files = {
  'inet/hosts': '127.0.0.1\tlocalhost\n192.168.30.10\tmulti\tloghost\n192.168.30.11\tmulti-ce0-test\n192.168.30.12\tmulti-ce1-test\n192.168.30.13\tmulti-ce2-test\n',
  'inet/ipnodes': '::1\tlocalhost\n192.168.30.10\tmulti\n',
  'inet/netmasks': '192.168.30.0\t255.255.255.0\n',
  'hostname.ce0': 'multi netmask + broadcast + group mg up \\\naddif multi-ce0-test deprecated -failover netmask + broadcast + up\n',
  'hostname.ce1': 'multi-ce1-test deprecated -failover netmask + broadcast + group mg standby up\n',
  'hostname.ce2': 'multi-ce2-test deprecated -failover netmask + broadcast + group other up\n',
};

/** Another host that happens to use the same names: never part of MULTI's answers. */
const TWIN: Files = {
  hosts: '127.0.0.1\tlocalhost\n192.168.31.10\tmulti\n',
  netmasks: '192.168.31.0\t255.255.255.0\n',
  'hostname.ce0': 'multi netmask + broadcast + group mg up\n',
};

/** A hosts file in need of alignment, and a hostname file with loose blanks. */
const FMT_HOSTS = '# fmt\n127.0.0.1   localhost\n192.168.40.10 fmt    loghost   # primary\n::1\tlocalhost\n\n10.0.0.1\tx   y\n';
const FMT_HOSTS_ALIGNED = '# fmt\n127.0.0.1     localhost\n192.168.40.10 fmt loghost # primary\n::1           localhost\n\n10.0.0.1 x y\n';
const FMT_HOSTNAME = '  fmt   netmask +  broadcast + up  \n';
const FMT: Files = { hosts: FMT_HOSTS, netmasks: '192.168.40.0\t255.255.255.0\n', 'hostname.ce0': FMT_HOSTNAME };

const SPACES: FormattingOptions = { tabSize: 8, insertSpaces: true };

const ws = testWorkspace('ipmp-nav-', {
  initializationOptions: { clientCommands: true },
  setup: ({ copy, writeTree }) => {
    copy('examples');
    // Written before initialize, so the background index finds them as it finds the examples.
    writeTree('multi/etc', MULTI);
    writeTree('multi-twin/etc', TWIN);
    writeTree('fmt/etc', FMT);
  },
});
const fileOf = (rel: string): string => ws.path(rel);
const uriAt = (rel: string): string => ws.uri(rel);

/** Where a whole word (a name, not part of a longer name) occurs, the `nth` time. */
function rangeOf(text: string, word: string, nth = 0): Range {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`, 'g');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    m = re.exec(text);
    assert.ok(m, `${word} (#${nth}) in ${JSON.stringify(text)}`);
  }
  const before = text.slice(0, m!.index).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  return { start: { line, character }, end: { line, character: character + word.length } };
}

/** A position inside the word's range (its second character), as an editor cursor would be. */
const inside = (r: Range): Position => ({ line: r.start.line, character: r.start.character + 1 });

/** Opens a file of the workspace with its text on disk (unless it is open); waits until the server has checked it. */
async function open(rel: string, on: LspTestClient = ws.client, root: Scratch = ws.scratch): Promise<{ uri: string; text: string }> {
  const uri = root.uri(rel);
  const text = readFileSync(root.path(rel), 'utf8');
  if (!on.published.has(uri)) await on.openChecked(uri, languageOf(rel), text);
  return { uri, text };
}

const diskText = (rel: string): string => readFileSync(fileOf(rel), 'utf8');
const loc = (rel: string, range: Range): Location => ({ uri: uriAt(rel), range });

/** Rejects unless the request failed with a ResponseError whose message matches. */
async function refused(request: Promise<unknown>, message: RegExp): Promise<string> {
  let error: unknown;
  await assert.rejects(request, (e: unknown) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
  assert.equal(error.code, ErrorCodes.InvalidRequest);
  assert.match(error.message, message);
  return error.message;
}

/** The semantic tokens legend the server announced. */
function legend(): SemanticTokensLegend {
  const provider = ws.client.initializeResult?.capabilities.semanticTokensProvider;
  assert.ok(provider, 'semanticTokensProvider in the initialize result');
  return provider.legend;
}

// ---------------------------------------------------------------------------------------

describe('definition', () => {
  test('a host name goes to its hosts line', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce0');
    const result = await ws.client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'web1')) });
    assert.deepEqual(result, [loc('web1/etc/hosts', rangeOf(diskText('web1/etc/hosts'), 'web1'))]);
  });

  test('a host name goes to its hosts and its ipnodes lines', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    const result = await ws.client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'multi')) });
    assert.deepEqual(result, [
      loc('multi/etc/inet/hosts', rangeOf(MULTI['inet/hosts']!, 'multi')),
      loc('multi/etc/inet/ipnodes', rangeOf(MULTI['inet/ipnodes']!, 'multi')),
    ]);
  });

  test('a group goes to every member', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce1');
    const result = await ws.client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'prod')) });
    assert.deepEqual(result, [
      loc('web1/etc/hostname.ce0', rangeOf(diskText('web1/etc/hostname.ce0'), 'prod')),
      loc('web1/etc/hostname.ce1', rangeOf(text, 'prod')),
    ]);
  });

  test('`netmask +` goes to the netmasks entry that applies (from either word)', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce0');
    const netmasks = diskText('web1/etc/netmasks');
    const entry = rangeOf(netmasks, '192.168.10.0');
    const expected = [loc('web1/etc/netmasks', { start: entry.start, end: { line: entry.start.line, character: '192.168.10.0\t255.255.255.0'.length } })];
    const onKeyword = rangeOf(text, 'netmask');
    const onPlus: Position = { line: onKeyword.end.line, character: onKeyword.end.character + 1 };
    for (const position of [inside(onKeyword), onPlus]) {
      assert.deepEqual(await ws.client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }), expected);
    }
  });
});

describe('references and document highlights', () => {
  const expectedMulti = (): Location[] => [
    loc('multi/etc/inet/hosts', rangeOf(MULTI['inet/hosts']!, 'multi')),
    loc('multi/etc/inet/ipnodes', rangeOf(MULTI['inet/ipnodes']!, 'multi')),
    loc('multi/etc/hostname.ce0', rangeOf(MULTI['hostname.ce0']!, 'multi')),
  ];

  test('a host name: hosts, ipnodes and its own host’s hostname files — not the twin host’s', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    const result = await ws.client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: inside(rangeOf(text, 'multi')),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(result, expectedMulti());
    assert.ok(!result!.some((l) => l.uri.includes('multi-twin')), 'no location in the other host');
  });

  test('the same answer from the hosts file; without declarations only the uses remain', async () => {
    const { uri, text } = await open('multi/etc/inet/hosts');
    const position = inside(rangeOf(text, 'multi'));
    assert.deepEqual(await ws.client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } }), expectedMulti());
    assert.deepEqual(await ws.client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: false } }), [
      loc('multi/etc/hostname.ce0', rangeOf(MULTI['hostname.ce0']!, 'multi')),
    ]);
  });

  test('a group across its members only', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    const result = await ws.client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: inside(rangeOf(text, 'mg')),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(result, [loc('multi/etc/hostname.ce0', rangeOf(MULTI['hostname.ce0']!, 'mg')), loc('multi/etc/hostname.ce1', rangeOf(MULTI['hostname.ce1']!, 'mg'))]);
  });

  test('highlights stay in the document: a hosts entry is a write, a use in a hostname file a read', async () => {
    const hosts = await open('multi/etc/inet/hosts');
    assert.deepEqual(
      await ws.client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: hosts.uri }, position: inside(rangeOf(hosts.text, 'multi')) }),
      [{ range: rangeOf(hosts.text, 'multi'), kind: DocumentHighlightKind.Write }],
    );
    const ce0 = await open('multi/etc/hostname.ce0');
    assert.deepEqual(
      await ws.client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: ce0.uri }, position: inside(rangeOf(ce0.text, 'multi')) }),
      [{ range: rangeOf(ce0.text, 'multi'), kind: DocumentHighlightKind.Read }],
    );
    assert.deepEqual(
      await ws.client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: ce0.uri }, position: inside(rangeOf(ce0.text, 'mg')) }),
      [{ range: rangeOf(ce0.text, 'mg'), kind: DocumentHighlightKind.Write }],
    );
  });
});

describe('prepareRename and rename', () => {
  test('prepareRename gives the range and placeholder of a group and of a host name', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    assert.deepEqual(await ws.client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'mg')) }), {
      range: rangeOf(text, 'mg'),
      placeholder: 'mg',
    });
    assert.deepEqual(await ws.client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'multi-ce0-test')) }), {
      range: rangeOf(text, 'multi-ce0-test'),
      placeholder: 'multi-ce0-test',
    });
  });

  test('prepareRename on a keyword is an error response with the reason', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    await refused(ws.client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'broadcast')) }), /'broadcast' is an ifconfig keyword/);
    const hosts = await open('multi/etc/inet/hosts');
    await refused(
      ws.client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: hosts.uri }, position: inside(rangeOf(hosts.text, '192.168.30.10')) }),
      /is an address, not a name/,
    );
  });

  test('a group is renamed in all its members’ files, nothing else', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce1');
    const edit = await ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'prod')), newName: 'front' });
    const expected: WorkspaceEdit = {
      changes: {
        [uriAt('web1/etc/hostname.ce0')]: [{ range: rangeOf(diskText('web1/etc/hostname.ce0'), 'prod'), newText: 'front' }],
        [uriAt('web1/etc/hostname.ce1')]: [{ range: rangeOf(text, 'prod'), newText: 'front' }],
      },
    };
    assert.deepEqual(edit, expected);
  });

  test('a host name is renamed in hosts, ipnodes and the hostname files of its host only', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    const edit = await ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'multi')), newName: 'multi-a' });
    const expected: WorkspaceEdit = {
      changes: {
        [uriAt('multi/etc/inet/hosts')]: [{ range: rangeOf(MULTI['inet/hosts']!, 'multi'), newText: 'multi-a' }],
        [uriAt('multi/etc/inet/ipnodes')]: [{ range: rangeOf(MULTI['inet/ipnodes']!, 'multi'), newText: 'multi-a' }],
        [uriAt('multi/etc/hostname.ce0')]: [{ range: rangeOf(text, 'multi'), newText: 'multi-a' }],
      },
    };
    assert.deepEqual(edit, expected);
    // The result reads as intended, and the names that merely contain `multi` are untouched.
    const after = applyEdits(MULTI['inet/hosts']!, edit!.changes![uriAt('multi/etc/inet/hosts')]!);
    assert.equal(after, MULTI['inet/hosts']!.replace('\tmulti\t', '\tmulti-a\t'));
  });

  test('refused with the reason when the new name is taken', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    const group = await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'mg')), newName: 'other' }),
      /group 'other' already exists in this host \(hostname\.ce2\)/,
    );
    assert.match(group, /Cannot rename group 'mg' to 'other'/);
    await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'multi')), newName: 'MULTI-CE1-TEST' }),
      /this host already defines 'MULTI-CE1-TEST' \(inet\/hosts, line 4: 192\.168\.30\.12\)/,
    );
  });

  test('refused with the reason when the new name is not valid', async () => {
    const { uri, text } = await open('multi/etc/hostname.ce0');
    await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'mg')), newName: 'two words' }),
      /not a valid group name \(it contains a blank/,
    );
    await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'mg')), newName: 'standby' }),
      /not a valid group name \('standby' is an ifconfig keyword/,
    );
    await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'multi')), newName: '10.1.2.3' }),
      /Cannot rename 'multi' to '10\.1\.2\.3': not a valid host name/,
    );
    await refused(
      ws.client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'broadcast')), newName: 'x' }),
      /'broadcast' is an ifconfig keyword/,
    );
  });
});

describe('rename across a 500-host estate', () => {
  const HOSTS = 500;
  const CHOSEN = 317;
  let estate: Scratch;
  let big: LspTestClient;
  const filesOf = (i: number): Files => ({
    hosts: `127.0.0.1\tlocalhost\n10.${i >> 8}.${i & 255}.10\th${i}\tloghost\n10.${i >> 8}.${i & 255}.11\th${i}-ce0-test\n10.${i >> 8}.${i & 255}.12\th${i}-ce1-test\n`,
    netmasks: '10.0.0.0\t255.255.0.0\n',
    'hostname.ce0': `h${i} netmask + broadcast + group prod up \\\naddif h${i}-ce0-test deprecated -failover netmask + broadcast + up\n`,
    'hostname.ce1': `h${i}-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n`,
  });

  before(async () => {
    estate = new Scratch('ipmp-estate-');
    for (let i = 0; i < HOSTS; i++) estate.writeTree(`h${i}/etc`, filesOf(i));
    big = await startServer(estate.uri());
  });

  after(async () => {
    await big?.stop();
    estate?.remove();
  });

  test('prod → web in one host is ONE workspace edit of exactly that host’s two files, no prod left', async (t) => {
    const files = filesOf(CHOSEN);
    const { uri, text } = await open(`h${CHOSEN}/etc/hostname.ce1`, big, estate);
    const started = performance.now();
    const edit = await big.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: inside(rangeOf(text, 'prod')), newName: 'web' });
    const elapsed = performance.now() - started;
    t.diagnostic(`rename prod→web in a ${HOSTS}-host workspace: ${elapsed.toFixed(1)} ms`);
    console.log(`[navigation.test] rename prod→web in a ${HOSTS}-host workspace took ${elapsed.toFixed(1)} ms`);

    assert.ok(edit && !edit.documentChanges, 'one WorkspaceEdit with changes');
    const ce0 = estate.uri(`h${CHOSEN}/etc/hostname.ce0`);
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [ce0, uri].sort());
    for (const [name, target] of [
      ['hostname.ce0', ce0],
      ['hostname.ce1', uri],
    ] as const) {
      const after = applyEdits(files[name]!, edit.changes![target]!);
      assert.ok(!/\bprod\b/.test(after), `${name} still says prod: ${after}`);
      assert.equal(after, files[name]!.replace('group prod', 'group web'));
    }
  });
});

describe('symbols', () => {
  test('documentSymbol of a hostname file: the interface, its addresses with roles, its group', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce0');
    const symbols = (await ws.client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    const [ce0] = symbols;
    assert.equal(ce0!.name, 'ce0');
    assert.equal(ce0!.kind, SymbolKind.Interface);
    assert.match(ce0!.detail ?? '', /^IPv4/);
    assert.deepEqual(
      ce0!.children?.map((c) => [c.name, c.detail, c.kind, c.selectionRange]),
      [
        ['web1', 'data', SymbolKind.Variable, rangeOf(text, 'web1')],
        ['prod', 'ce0, ce1', SymbolKind.Namespace, rangeOf(text, 'prod')],
        ['web1-ce0-test', 'test (deprecated)', SymbolKind.Variable, rangeOf(text, 'web1-ce0-test')],
      ],
    );
  });

  test('documentSymbol of a hosts file: its entries, each with its names', async () => {
    const { uri, text } = await open('web1/etc/hosts');
    const symbols = (await ws.client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.kind]),
      [
        ['::1', 'localhost', SymbolKind.Constant],
        ['127.0.0.1', 'localhost', SymbolKind.Constant],
        ['192.168.10.10', 'web1', SymbolKind.Constant],
        ['192.168.10.11', 'web1-ce0-test', SymbolKind.Constant],
        ['192.168.10.12', 'web1-ce1-test', SymbolKind.Constant],
      ],
    );
    const web1 = symbols[2]!;
    assert.deepEqual(web1.selectionRange, rangeOf(text, '192.168.10.10'));
    assert.deepEqual(
      web1.children?.map((c) => [c.name, c.detail, c.range]),
      [
        ['web1', 'official', rangeOf(text, 'web1')],
        ['loghost', 'alias', rangeOf(text, 'loghost')],
      ],
    );
  });

  /** Asks until the background index has answered with something, within a deadline. */
  async function workspaceSymbols(query: string, done: (s: WorkspaceSymbol[]) => boolean): Promise<WorkspaceSymbol[]> {
    const deadline = Date.now() + 10_000;
    let last: WorkspaceSymbol[] = [];
    for (;;) {
      const result = await ws.client.connection.sendRequest(WorkspaceSymbolRequest.type, { query });
      last = (result ?? []) as WorkspaceSymbol[];
      if (done(last)) return last;
      if (Date.now() > deadline) assert.fail(`workspace/symbol ${JSON.stringify(query)} never satisfied; last answer: ${JSON.stringify(last.map((s) => [s.name, s.containerName]))}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const summary = (s: WorkspaceSymbol): [string, SymbolKind, string | undefined, string] => [s.name, s.kind, s.containerName, 'uri' in s.location ? s.location.uri : ''];

  test('workspace/symbol finds a group in several hosts', async () => {
    const found = await workspaceSymbols('prod', (s) => s.some((x) => x.name === 'prod'));
    const groups = found.filter((s) => s.name === 'prod').map(summary);
    assert.deepEqual(groups.sort(), [
      ['prod', SymbolKind.Namespace, 'legacy1', uriAt('legacy1/etc/hostname.qfe0')],
      ['prod', SymbolKind.Namespace, 'web1', uriAt('web1/etc/hostname.ce0')],
    ]);
    const web1 = found.find((s) => s.name === 'prod' && s.containerName === 'web1')!;
    assert.deepEqual('range' in web1.location ? web1.location.range : undefined, rangeOf(diskText('web1/etc/hostname.ce0'), 'prod'));
  });

  test('workspace/symbol finds a host name and an interface', async () => {
    const names = await workspaceSymbols('db1-e1000g0', (s) => s.length > 0);
    assert.deepEqual(summary(names[0]!), ['db1-e1000g0-test', SymbolKind.Variable, 'db1', uriAt('db1/etc/inet/hosts')]);
    const multi = await workspaceSymbols('multi', (s) => s.some((x) => x.kind === SymbolKind.Variable));
    // One per host: the twin's `multi` is its own symbol, in its own container.
    assert.deepEqual(multi.filter((s) => s.name === 'multi').map(summary).sort(), [
      ['multi', SymbolKind.Variable, 'multi', uriAt('multi/etc/inet/hosts')],
      ['multi', SymbolKind.Variable, 'multi-twin', uriAt('multi-twin/etc/hosts')],
    ]);
    const interfaces = await workspaceSymbols('ce0', (s) => s.some((x) => x.kind === SymbolKind.Interface));
    assert.deepEqual(
      interfaces.filter((s) => s.kind === SymbolKind.Interface && s.name === 'ce0').map((s) => s.containerName).sort(),
      ['fmt', 'multi', 'multi-twin', 'web1'],
    );
    const e1000g1 = await workspaceSymbols('e1000g1', (s) => s.some((x) => x.kind === SymbolKind.Interface));
    assert.deepEqual(summary(e1000g1.find((s) => s.kind === SymbolKind.Interface)!), ['e1000g1', SymbolKind.Interface, 'db1', uriAt('db1/etc/hostname.e1000g1')]);
  });
});

describe('inlay hints and code lenses', () => {
  test('the address after a host name; the mask after `netmask +`', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce0');
    const lines = text.split('\n');
    const range: Range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } };
    const hints = (await ws.client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) as InlayHint[];
    const plus = (nth: number): Position => {
      const r = rangeOf(text, 'netmask', nth);
      return { line: r.end.line, character: r.end.character + 2 };
    };
    assert.deepEqual(
      hints.map((h) => [h.position, h.label]),
      [
        [rangeOf(text, 'web1').end, ': 192.168.10.10'],
        [plus(0), '255.255.255.0 /24'],
        [rangeOf(text, 'web1-ce0-test').end, ': 192.168.10.11'],
        [plus(1), '255.255.255.0 /24'],
      ],
    );
    assert.match(String(hints[0]!.tooltip), /hosts line 6/);
    assert.match(String(hints[1]!.tooltip), /netmasks line 7/);
  });

  test('a code lens on the group sums it up', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce0');
    const lenses = await ws.client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const group = rangeOf(text, 'group');
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // This client runs commands (clientCommands): the preview lenses come first, on line 1.
    assert.deepEqual(lenses?.map((l) => [l.range, l.command?.title, l.command?.command, l.command?.arguments]), [
      [top, 'Preview boot', 'solarisIpmp.previewBoot', [uri]],
      [top, 'Simulate failure of ce0', 'solarisIpmp.simulateFailure', [uri, 'ce0']],
      [group, 'group prod: ce0 active (test .11), ce1 active (test .12), probe-based', '', undefined],
      [group, 'Show topology', 'solarisIpmp.showTopology', [uri]],
    ]);
    const db = await open('db1/etc/hostname.e1000g0');
    const dbLenses = await ws.client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: db.uri } });
    assert.deepEqual(dbLenses?.map((l) => l.command?.title), ['Preview boot', 'Simulate failure of e1000g0', 'group db: e1000g0 active (test .41), e1000g1 standby (test .42), probe-based', 'Show topology']);
  });
});

describe('semantic tokens', () => {
  interface Decoded {
    readonly text: string;
    readonly type: string;
    readonly modifiers: string[];
  }
  async function tokens(rel: string): Promise<Decoded[]> {
    const { uri, text } = await open(rel);
    const result = await ws.client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    assert.ok(result, 'semantic tokens');
    const { data } = result;
    assert.equal(data.length % 5, 0);
    const lines = text.split('\n');
    const { tokenTypes, tokenModifiers } = legend();
    const out: Decoded[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [dl, dc, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      character = dl === 0 ? character + dc : dc;
      out.push({
        text: lines[line]!.slice(character, character + length),
        type: tokenTypes[type]!,
        modifiers: tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0),
      });
    }
    return out;
  }

  test('an unresolved name has `unresolved` (and the test address `test`)', async () => {
    const found = await tokens('legacy1/etc/hostname.qfe1');
    assert.deepEqual(found.find((t) => t.text === 'legacy1-qfe1-tst'), { text: 'legacy1-qfe1-tst', type: 'hostName', modifiers: ['unresolved', 'test', 'deprecated'] });
  });

  test('test and data addresses; the group', async () => {
    assert.deepEqual(await tokens('web1/etc/hostname.ce0'), [
      { text: 'web1', type: 'hostName', modifiers: ['resolved', 'data'] },
      { text: 'prod', type: 'group', modifiers: [] },
      { text: 'web1-ce0-test', type: 'hostName', modifiers: ['resolved', 'test', 'deprecated'] },
    ]);
    assert.deepEqual(
      (await tokens('web1/etc/hosts')).map((t) => [t.text, t.type, t.modifiers]),
      [
        ['web1', 'hostName', ['data']],
        ['web1-ce0-test', 'hostName', ['test', 'deprecated']],
        ['web1-ce1-test', 'hostName', ['test', 'deprecated']],
      ],
    );
  });
});

describe('formatting', () => {
  test('hosts: aligned, comments kept, idempotent', async () => {
    const { uri } = await open('fmt/etc/hosts');
    const edits = await ws.client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: SPACES });
    assert.ok(edits && edits.length > 0);
    const formatted = applyEdits(FMT_HOSTS, edits);
    assert.equal(formatted, FMT_HOSTS_ALIGNED);
    await ws.client.change(uri, formatted);
    try {
      assert.deepEqual(await ws.client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: SPACES }), []);
    } finally {
      await ws.client.change(uri, FMT_HOSTS);
    }
  });

  test('hosts: range formatting touches only the lines of the range', async () => {
    const { uri } = await open('fmt/etc/hosts');
    const range: Range = { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } };
    const edits = await ws.client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: SPACES });
    assert.ok(edits && edits.every((e) => e.range.start.line >= 1 && e.range.end.line <= 2), JSON.stringify(edits));
    assert.equal(
      applyEdits(FMT_HOSTS, edits),
      '# fmt\n127.0.0.1     localhost\n192.168.40.10 fmt loghost # primary\n::1\tlocalhost\n\n10.0.0.1\tx   y\n',
    );
  });

  test('hostname files: off by default, whitespace only with formatHostnameFiles', async () => {
    const { uri } = await open('fmt/etc/hostname.ce0');
    assert.deepEqual(await ws.client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: SPACES }), []);
    // The server answers requests in order: the formatting request below sees the new setting.
    await ws.client.configurationChanged({ formatHostnameFiles: true });
    try {
      const edits = await ws.client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: SPACES });
      assert.equal(applyEdits(FMT_HOSTNAME, edits ?? []), 'fmt netmask + broadcast + up\n');
      const range: Range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      assert.deepEqual(await ws.client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: SPACES }), []);
    } finally {
      await ws.client.configurationChanged({});
    }
  });
});

describe('hover', () => {
  test('on a group word: its members and their roles', async () => {
    const { uri, text } = await open('web1/etc/hostname.ce1');
    const hover = await ws.client.hover(uri, rangeOf(text, 'prod').start.line, rangeOf(text, 'prod').start.character + 1);
    assert.ok(hover);
    assert.deepEqual(hover.range, rangeOf(text, 'prod'));
    const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : JSON.stringify(hover.contents);
    assert.match(value, /IPMP group `prod`/);
    assert.match(value, /Members in this host: `hostname\.ce0`, `hostname\.ce1`\./);
    assert.match(value, /- `ce0` active: data `web1` \(192\.168\.10\.10\); test `web1-ce0-test` \(192\.168\.10\.11\)/);
    assert.match(value, /- `ce1` active: test `web1-ce1-test` \(192\.168\.10\.12\)/);
    assert.match(value, /probe-based/);
  });
});
