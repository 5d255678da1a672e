/**
 * The bundled server under generated sessions (DESIGN.md, Bad input): each run opens the four
 * file kinds of one host with generated text, edits them at random, and asks for hover,
 * completion, code actions, symbols, semantic tokens, inlay hints, code lenses, highlights,
 * definitions, references, renames and formatting at random places. Throughout, the server
 * stays up, answers every request without an error, never logs one, returns ranges that lie
 * inside the document as it is, and publishes diagnostics that lie inside the version they
 * are for, never older after newer. Seeded and short in `npm test`; `npm run fuzz` runs it long.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  InlayHintRequest,
  LogMessageNotification,
  MessageType,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SemanticTokensRequest,
  type CodeAction,
  type DocumentSymbol,
  type Location,
  type LocationLink,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/syntax/text';
import { assertPosition, assertRange, editOffsets, hostnameLike, ipmpLike, piecesText, runs, scaledTimeout, TRAP_CHARS } from '../unit/propertyHelpers';
import { LspTestClient, Scratch, uriOf } from './client';

// ---------------------------------------------------------------------------------------
// Documents

interface Kind {
  readonly languageId: string;
  /** Where the file sits under the host's etc/. */
  readonly path: string;
  readonly text: fc.Arbitrary<string>;
  /** What an edit inserts. */
  readonly pieces: readonly string[];
}

const BREAKS = ['\n', '\n', '\r\n', '\r'];
const HOSTS_PIECES = ['127.0.0.1', '192.168.10.10', '10.5', '2001:db8::10', 'fe80::1%ce0', 'myhost', 'MyHost', 'myhost-ce0-test', 'loghost', 'a.b', '(x)', 'é', '\u212A', ' ', '\t', '#', '# note'];
const NETMASKS_PIECES = ['192.168.10.0', '172.20', '10', '0x0a000000', '10.0.0.0/24', '255.255.255.0', '255.255.0.0', '0xffffff00', '24', '0255.255.255.0', ' ', '\t', '#'];
const MPATHD_PIECES = ['FAILURE_DETECTION_TIME', 'FAILBACK', 'TRACK_INTERFACES_ONLY_WITH_GROUPS', 'FAILBAK', '=', ' = ', '10000', '010000', '500', 'yes', 'no', '"no"', ' ', '\t', '#', '\0'];
const HOSTNAME_PIECES = ['myhost', 'myhost-ce0-test', 'newhost', 'up', 'group prod', '-failover', 'deprecated', 'standby', 'netmask +', 'broadcast +', 'addif', 'standy', '\\', ' \\\n', '#', ' ', '\t'];

const table = (pieces: readonly string[]): fc.Arbitrary<string> =>
  piecesText(
    [
      { pieces, weight: 4 },
      { pieces: BREAKS, weight: 1 },
    ],
    ['', '\n', '\r\n'],
    30,
  );

const KINDS: readonly Kind[] = [
  { languageId: 'solaris-hostname', path: 'hostname.ce0', text: fc.oneof(hostnameLike, ipmpLike), pieces: HOSTNAME_PIECES },
  { languageId: 'solaris-hosts', path: 'hosts', text: table(HOSTS_PIECES), pieces: HOSTS_PIECES },
  { languageId: 'solaris-netmasks', path: 'netmasks', text: table(NETMASKS_PIECES), pieces: NETMASKS_PIECES },
  { languageId: 'solaris-mpathd', path: 'default/mpathd', text: table(MPATHD_PIECES), pieces: MPATHD_PIECES },
];

const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...TRAP_CHARS), maxLength: 20 }));

/** A place in a document, as fractions of its lines and of a line's length; `past` reaches beyond the end. */
interface Place {
  readonly line: number;
  readonly character: number;
  readonly past: boolean;
}
const placeArb: fc.Arbitrary<Place> = fc.record({ line: fc.nat(1000), character: fc.nat(1000), past: fc.boolean() });

type Action =
  | { readonly kind: 'edit'; readonly doc: number; readonly from: Place; readonly to: Place; readonly text: string }
  | { readonly kind: 'replace'; readonly doc: number; readonly text: string }
  | { readonly kind: 'request'; readonly doc: number; readonly at: Place; readonly to: Place; readonly request: RequestKind; readonly name: string };

const REQUESTS = ['hover', 'completion', 'codeAction', 'documentSymbol', 'semanticTokens', 'inlayHint', 'codeLens', 'highlight', 'definition', 'references', 'prepareRename', 'rename', 'formatting', 'rangeFormatting'] as const;
type RequestKind = (typeof REQUESTS)[number];

function actionArb(): fc.Arbitrary<Action> {
  const doc = fc.nat(KINDS.length - 1);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(doc, placeArb, placeArb, fc.oneof({ arbitrary: fc.array(fc.oneof(fc.constantFrom(...KINDS.flatMap((k) => k.pieces)), fc.constantFrom(...BREAKS)), { maxLength: 4 }).map((p) => p.join('')), weight: 4 }, { arbitrary: anyText, weight: 1 }))
        .map(([d, from, to, text]) => ({ kind: 'edit' as const, doc: d, from: { ...from, past: false }, to: { ...to, past: false }, text })),
      weight: 4,
    },
    { arbitrary: fc.tuple(doc, fc.oneof(...KINDS.map((k) => k.text), anyText)).map(([d, text]) => ({ kind: 'replace' as const, doc: d, text })), weight: 1 },
    {
      arbitrary: fc
        .tuple(doc, placeArb, placeArb, fc.constantFrom(...REQUESTS), fc.constantFrom('myhost2', 'prod2', 'MyHost', 'x y', '', '#'))
        .map(([d, at, to, request, name]) => ({ kind: 'request' as const, doc: d, at, to, request, name })),
      weight: 5,
    },
  );
}

/** The documents a run opens (by kind) with their first text, and what happens next. */
const sessionArb = fc.record({
  open: fc.uniqueArray(fc.nat(KINDS.length - 1), { minLength: 1, maxLength: KINDS.length }),
  texts: fc.tuple(...KINDS.map((k) => fc.oneof({ arbitrary: k.text, weight: 4 }, { arbitrary: anyText, weight: 1 }))),
  actions: fc.array(actionArb(), { maxLength: 12 }),
});

// ---------------------------------------------------------------------------------------
// The session under test

/** One server process and what it did besides answering. */
interface Server {
  readonly client: LspTestClient;
  closed: boolean;
  /** Rejects when the server closes the connection (exits or crashes). */
  readonly whenClosed: Promise<never>;
  readonly loggedErrors: string[];
}

let workspace: Scratch;
let server: Server | undefined;
let runNumber = 0;

async function liveServer(): Promise<Server> {
  if (server && !server.closed) return server;
  // A run that killed the server fails; the runs fast-check shrinks it with need a live one.
  await server?.client.stop().catch(() => undefined);
  const client = new LspTestClient();
  const started: Server = {
    client,
    closed: false,
    loggedErrors: [],
    whenClosed: new Promise<never>((_, reject) => {
      client.connection.onClose(() => {
        started.closed = true;
        reject(new Error(`the server closed the connection${client.stderr ? `; stderr: ${client.stderr.slice(-2000)}` : ''}`));
      });
    }),
  };
  started.whenClosed.catch(() => undefined);
  client.connection.onNotification(LogMessageNotification.type, (m) => {
    if (m.type === MessageType.Error) started.loggedErrors.push(m.message);
  });
  await client.initialize(workspace.uri());
  server = started;
  return started;
}

/** A request's answer, or a failure when the server goes away first. */
function answer<T>(request: Promise<T>): Promise<T> {
  return server ? Promise.race([request, server.whenClosed]) : request;
}

interface Mirror {
  readonly uri: string;
  doc: TextDocument;
  /** The text of every version, for checking diagnostics published for it. */
  readonly versions: Map<number, string>;
}

function positionOf(doc: TextDocument, p: Place): Position {
  const index = new LineIndex(doc.getText());
  const line = Math.floor((p.line / 1000) * (index.lineCount + (p.past ? 2 : 0)));
  const length = line < index.lineCount ? index.lineEnd(line) - index.lineStart(line) : 0;
  return { line, character: Math.floor((p.character / 1000) * (length + (p.past ? 3 : 1))) };
}

function rangeOf(doc: TextDocument, a: Place, b: Place): Range {
  const [p, q] = [positionOf(doc, a), positionOf(doc, b)];
  return p.line < q.line || (p.line === q.line && p.character <= q.character) ? { start: p, end: q } : { start: q, end: p };
}

// ---------------------------------------------------------------------------------------
// Checks on answers

function insideDoc(mirrors: ReadonlyMap<string, Mirror>, uri: string, range: Range, what: string): void {
  const mirror = mirrors.get(uri);
  if (!mirror) return; // a file on disk or one a fix creates: not ours to check
  assertRange(new LineIndex(mirror.doc.getText()), range, what);
}

function checkWorkspaceEdit(mirrors: ReadonlyMap<string, Mirror>, edit: WorkspaceEdit | null | undefined, what: string): void {
  if (!edit) return;
  const checkEdits = (uri: string, edits: readonly TextEdit[]): void => {
    for (const e of edits) insideDoc(mirrors, uri, e.range, what);
    const mirror = mirrors.get(uri);
    if (mirror) editOffsets(mirror.doc.getText(), edits);
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) checkEdits(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change)) continue;
    const mirror = mirrors.get(change.textDocument.uri);
    if (mirror && change.textDocument.version !== null) assert.equal(change.textDocument.version, mirror.doc.version, `${what}: an edit for another version of ${change.textDocument.uri}`);
    checkEdits(
      change.textDocument.uri,
      change.edits.map((e) => ({ range: e.range, newText: 'newText' in e ? e.newText : e.snippet.value })),
    );
  }
}

function checkSymbols(mirrors: ReadonlyMap<string, Mirror>, uri: string, symbols: readonly (DocumentSymbol | SymbolInformation)[] | null): void {
  for (const s of symbols ?? []) {
    if ('location' in s) {
      insideDoc(mirrors, s.location.uri, s.location.range, `symbol '${s.name}'`);
      continue;
    }
    insideDoc(mirrors, uri, s.range, `symbol '${s.name}'`);
    insideDoc(mirrors, uri, s.selectionRange, `symbol '${s.name}' selection`);
    const text = mirrors.get(uri)!.doc;
    const [r, sel] = [s.range, s.selectionRange].map((x) => ({ start: text.offsetAt(x.start), end: text.offsetAt(x.end) }));
    assert.ok(r!.start <= sel!.start && sel!.end <= r!.end, `symbol '${s.name}': its selection range lies outside its range`);
    checkSymbols(mirrors, uri, s.children ?? []);
  }
}

function checkLocations(mirrors: ReadonlyMap<string, Mirror>, result: Location | readonly Location[] | readonly LocationLink[] | null, what: string): void {
  const list = result === null ? [] : Array.isArray(result) ? result : [result as Location];
  for (const l of list as readonly (Location | LocationLink)[]) {
    if ('targetUri' in l) {
      insideDoc(mirrors, l.targetUri, l.targetRange, what);
      insideDoc(mirrors, l.targetUri, l.targetSelectionRange, what);
    } else {
      insideDoc(mirrors, l.uri, l.range, what);
    }
  }
}

/** Rejects any failure but the refusal the protocol has for a rename that cannot be done. */
async function refusalAllowed<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await answer(request);
  } catch (error) {
    if (error instanceof ResponseError && error.code === ErrorCodes.InvalidRequest) return undefined;
    throw error;
  }
}

async function request(c: LspTestClient, mirrors: ReadonlyMap<string, Mirror>, mirror: Mirror, a: Extract<Action, { kind: 'request' }>): Promise<void> {
  const uri = mirror.uri;
  const doc = mirror.doc;
  const textDocument = { uri };
  const position = positionOf(doc, a.at);
  const range = rangeOf(doc, a.at, { ...a.to, past: a.at.past });
  const what = `${a.request} at ${JSON.stringify(position)} in ${uri}`;
  const index = new LineIndex(doc.getText());
  // A place past the end of the document (a stale one, say) must be answered without an
  // error; what is placed relative to it is not checked.
  const placed = (uri: string, r: Range, w: string): void => {
    if (!a.at.past) insideDoc(mirrors, uri, r, w);
  };
  switch (a.request) {
    case 'hover': {
      const hover = await answer(c.hover(uri, position.line, position.character));
      if (hover?.range) placed(uri, hover.range, what);
      return;
    }
    case 'completion': {
      const list = await answer(c.completion(uri, position.line, position.character));
      for (const item of list.items.slice(0, 50)) {
        if (item.textEdit) {
          if ('range' in item.textEdit) placed(uri, item.textEdit.range, `${what}: '${item.label}'`);
          else {
            placed(uri, item.textEdit.insert, `${what}: '${item.label}'`);
            placed(uri, item.textEdit.replace, `${what}: '${item.label}'`);
          }
        }
        for (const e of item.additionalTextEdits ?? []) placed(uri, e.range, `${what}: '${item.label}' additional edit`);
      }
      if (list.items[0]) await answer(c.resolve(list.items[0]));
      return;
    }
    case 'codeAction': {
      const published = c.published.get(uri);
      const diagnostics = published?.version === doc.version ? published.diagnostics : [];
      const actions: CodeAction[] = await answer(c.codeActions(uri, range, diagnostics));
      if (!a.at.past) for (const action of actions) checkWorkspaceEdit(mirrors, action.edit, `${what}: '${action.title}'`);
      return;
    }
    case 'documentSymbol':
      checkSymbols(mirrors, uri, await answer(c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })));
      return;
    case 'semanticTokens': {
      const tokens = await answer(c.connection.sendRequest(SemanticTokensRequest.type, { textDocument }));
      const data = tokens?.data ?? [];
      assert.equal(data.length % 5, 0, `${what}: token data`);
      let line = 0;
      let character = 0;
      for (let i = 0; i < data.length; i += 5) {
        const [dl, dc, length] = [data[i]!, data[i + 1]!, data[i + 2]!];
        line += dl;
        character = dl === 0 ? character + dc : dc;
        assertPosition(index, { line, character }, `${what}: token start`);
        assertPosition(index, { line, character: character + length }, `${what}: token end`);
      }
      return;
    }
    case 'inlayHint': {
      const hints = await answer(c.connection.sendRequest(InlayHintRequest.type, { textDocument, range }));
      if (!a.at.past) for (const h of hints ?? []) assertPosition(index, h.position, `${what}: hint`);
      return;
    }
    case 'codeLens': {
      const lenses = await answer(c.connection.sendRequest(CodeLensRequest.type, { textDocument }));
      for (const l of lenses ?? []) insideDoc(mirrors, uri, l.range, `${what}: lens`);
      return;
    }
    case 'highlight': {
      const highlights = await answer(c.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position }));
      for (const h of highlights ?? []) insideDoc(mirrors, uri, h.range, `${what}: highlight`);
      return;
    }
    case 'definition':
      checkLocations(mirrors, await answer(c.connection.sendRequest(DefinitionRequest.type, { textDocument, position })), what);
      return;
    case 'references':
      checkLocations(mirrors, await answer(c.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })), what);
      return;
    case 'prepareRename': {
      const result = await refusalAllowed(c.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position }));
      if (result && 'range' in result) placed(uri, result.range, what);
      else if (result && 'start' in result) placed(uri, result, what);
      return;
    }
    case 'rename':
      checkWorkspaceEdit(mirrors, await refusalAllowed(c.connection.sendRequest(RenameRequest.type, { textDocument, position, newName: a.name })), what);
      return;
    case 'formatting': {
      const edits = await answer(c.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 8, insertSpaces: a.at.past } }));
      checkWorkspaceEdit(mirrors, { changes: { [uri]: edits ?? [] } }, what);
      return;
    }
    case 'rangeFormatting': {
      const edits = await answer(c.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument, range, options: { tabSize: 4, insertSpaces: a.to.past } }));
      if (!a.at.past) checkWorkspaceEdit(mirrors, { changes: { [uri]: edits ?? [] } }, what);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------

before(() => {
  workspace = new Scratch('ipmp-props-');
});

after(async () => {
  await server?.client.stop();
  workspace?.remove();
});

describe('the server under generated sessions', () => {
  test('stays up, answers every request inside the document, and publishes diagnostics inside the version they are for', { timeout: scaledTimeout(120_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, async (session) => {
        const { client: c, loggedErrors } = await liveServer();
        loggedErrors.length = 0;
        const etc = workspace.path(`run${++runNumber}/etc`);
        const mirrors = new Map<string, Mirror>();
        const byKind = new Map<number, Mirror>();
        const firstPublication = c.history.length;
        for (const k of session.open) {
          const kind = KINDS[k]!;
          const uri = uriOf(path.join(etc, kind.path));
          const text = session.texts[k]!;
          const mirror: Mirror = { uri, doc: TextDocument.create(uri, kind.languageId, 1, text), versions: new Map([[1, text]]) };
          mirrors.set(uri, mirror);
          byKind.set(k, mirror);
          await c.open(uri, kind.languageId, text);
        }

        for (const a of session.actions) {
          const mirror = byKind.get(a.doc) ?? [...byKind.values()][a.doc % byKind.size]!;
          if (a.kind === 'request') {
            await request(c, mirrors, mirror, a);
            continue;
          }
          let version: number;
          if (a.kind === 'edit') {
            const range = rangeOf(mirror.doc, a.from, a.to);
            version = await c.edit(mirror.uri, range, a.text);
            mirror.doc = TextDocument.update(mirror.doc, [{ range, text: a.text }], version);
          } else {
            version = await c.change(mirror.uri, a.text);
            mirror.doc = TextDocument.update(mirror.doc, [{ text: a.text }], version);
          }
          mirror.versions.set(version, mirror.doc.getText());
        }

        // Every document ends up checked at its latest version, and the server still answers.
        for (const mirror of mirrors.values()) await answer(c.diagnostics(mirror.uri, { version: mirror.doc.version, timeout: scaledTimeout(10_000) }));
        for (const mirror of mirrors.values()) await answer(c.hover(mirror.uri, 0, 0));

        const lastVersion = new Map<string, number>();
        for (const p of c.history.slice(firstPublication)) {
          const mirror = mirrors.get(p.uri);
          if (!mirror) continue;
          assert.ok(p.version !== undefined, `diagnostics for ${p.uri} without a version`);
          const text = mirror.versions.get(p.version);
          assert.ok(text !== undefined, `diagnostics for version ${p.version} of ${p.uri}, which was never sent`);
          assert.ok(p.version >= (lastVersion.get(p.uri) ?? 0), `diagnostics for version ${p.version} of ${p.uri} after those for ${lastVersion.get(p.uri)}`);
          lastVersion.set(p.uri, p.version);
          const index = new LineIndex(text);
          for (const d of p.diagnostics) {
            assertRange(index, d.range, `${d.code} in version ${p.version} of ${p.uri}`);
            for (const r of d.relatedInformation ?? []) {
              const other = mirrors.get(r.location.uri);
              // Related places in open documents are in their latest text (or the one then).
              if (other && other.versions.size === 1) assertRange(new LineIndex(other.doc.getText()), r.location.range, `${d.code} related`);
            }
          }
        }
        assert.deepEqual(loggedErrors, [], 'the server logged errors');
        for (const mirror of mirrors.values()) await c.close(mirror.uri);
      }),
      runs(31337, 50),
    );
    assert.ok(server && !server.closed, 'the server is still running');
  });
});
