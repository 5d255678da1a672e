/// <reference types="mocha" />
// Diagnostics as VS Code holds them: source "ipmp", the rule id as code, the severity of
// RULES.md and the exact token as range — for each file kind; none at all on valid hosts; and
// on the bundled example workspace, exactly the mistakes examples/README.md lists.
import * as assert from 'node:assert';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, diagnosticsWhen, fixtureUri, openFixture, settledDiagnostics } from './helpers';

const { Error: E, Warning: W } = vscode.DiagnosticSeverity;

interface Expected {
  readonly code: string;
  readonly severity: vscode.DiagnosticSeverity;
  /** The text the range covers. */
  readonly text: string;
}

/** Waits until `file` has diagnostics with all the expected codes; then they must be exactly these. */
async function expectDiagnostics(file: string, expected: readonly Expected[]): Promise<void> {
  const doc = await openFixture(file);
  const codes = expected.map((e) => e.code);
  const ds = await diagnosticsWhen(doc.uri, (d) => codes.every((c) => d.some((x) => codeOf(x) === c)), `codes ${codes.join(', ')}`);
  const seen = ds.map((d) => ({ code: String(codeOf(d)), severity: d.severity, text: doc.getText(d.range) }));
  assert.deepStrictEqual(seen, expected, `${file}: ${describeDiagnostics(ds).join(', ')}`);
  for (const d of ds) assert.ok(d.message.length > 20, `a message that explains: ${JSON.stringify(d.message)}`);
}

/**
 * "file: code message" for every diagnostic the files have once settled. Hosts never see each
 * other's files, so they are checked side by side; the files of one host one after the other (a
 * marker in one file may change what its neighbours get while it is there).
 */
async function problemsOf(files: readonly string[]): Promise<string[]> {
  const byHost = new Map<string, string[]>();
  for (const file of files) {
    const host = file.slice(0, file.lastIndexOf('/etc/') + 4);
    byHost.set(host, [...(byHost.get(host) ?? []), file]);
  }
  const results = await Promise.all(
    [...byHost.values()].map(async (hostFiles) => {
      const problems: string[] = [];
      for (const file of hostFiles) {
        const doc = await vscode.workspace.openTextDocument(fixtureUri(file));
        const ds = await settledDiagnostics(doc);
        problems.push(...ds.map((d) => `${file}: ${codeOf(d)} "${d.message}"`));
      }
      return problems;
    }),
  );
  return results.flat();
}

suite('diagnostics', () => {
  const MISTAKES: [string, Expected[]][] = [
    [
      'mistakes/etc/hostname.ce0',
      [
        // netmasks' only entry has host bits set, so libnsl never matches it (see below).
        { code: 'netmask-not-found', severity: W, text: '+' },
        { code: 'unknown-keyword', severity: E, text: 'standy' },
      ],
    ],
    ['mistakes/etc/hostname6.ce0', [{ code: 'wrong-address-family', severity: E, text: 'netmask' }]],
    ['mistakes/etc/dhcp.bge0', [{ code: 'unknown-keyword', severity: E, text: 'primery' }]],
    ['mistakes/etc/hosts', [{ code: 'invalid-host-name', severity: W, text: 'bad_name' }]],
    ['mistakes/etc/netmasks', [{ code: 'netmask-key-mismatch', severity: W, text: '192.168.70.1' }]],
    ['mistakes/etc/default/mpathd', [{ code: 'detection-time-units', severity: W, text: '10' }]],
  ];
  for (const [file, expected] of MISTAKES) {
    test(`${file}: ${expected.map((e) => e.code).join(', ')} on the exact token`, () => expectDiagnostics(file, expected));
  }

  const CLEAN = [
    'kinds/etc/hostname.ce0',
    'kinds/etc/hostname.ce1',
    'kinds/etc/hostname6.ce0',
    'kinds/etc/hostname6.ce1',
    'kinds/etc/hostname.bge0',
    'kinds/etc/dhcp.bge0',
    'kinds/etc/hosts',
    'kinds/etc/netmasks',
    'kinds/etc/default/mpathd',
  ];
  test('a valid host with every file kind gets no diagnostics at all', async () => {
    assert.deepStrictEqual(await problemsOf(CLEAN), []);
  });
});

suite('diagnostics on the bundled example workspace', () => {
  // The harness passes the repository's examples/; the suite works on a copy in the workspace.
  const source = process.env.IPMP_EXAMPLES_DIR;

  suiteSetup(async function () {
    if (!source || !existsSync(source)) this.skip();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    await vscode.workspace.fs.copy(folder.with({ path: source }), fixtureUri('examples'), { overwrite: true });
  });

  const LEGACY1: [string, Expected[]][] = [
    ['examples/legacy1/etc/hostname.qfe0', [{ code: 'comment-not-supported', severity: E, text: '# primary interface' }]],
    [
      'examples/legacy1/etc/hostname.qfe1',
      [
        { code: 'unresolved-host', severity: E, text: 'legacy1-qfe1-tst' },
        { code: 'unknown-keyword', severity: E, text: 'standy' },
      ],
    ],
    [
      'examples/legacy1/etc/hostname.qfe2',
      [
        { code: 'missing-final-newline', severity: E, text: 'legacy1-qfe2 netmask + broadcast + UP' },
        { code: 'unknown-keyword', severity: E, text: 'UP' },
      ],
    ],
    [
      'examples/legacy1/etc/default/mpathd',
      [
        { code: 'detection-time-units', severity: W, text: '10' },
        { code: 'setting-syntax', severity: E, text: ' ' },
      ],
    ],
  ];
  for (const [file, expected] of LEGACY1) {
    test(`${file}: ${expected.map((e) => e.code).join(', ')}`, () => expectDiagnostics(file, expected));
  }

  const CLEAN = [
    'web1/etc/hostname.ce0',
    'web1/etc/hostname.ce1',
    'web1/etc/hosts',
    'web1/etc/netmasks',
    'web1/etc/default/mpathd',
    'db1/etc/hostname.e1000g0',
    'db1/etc/hostname.e1000g1',
    'db1/etc/inet/hosts',
    'db1/etc/inet/netmasks',
    'app1/etc/hostname.bge0',
    'app1/etc/hostname.bge1',
    'app1/etc/hostname6.bge0',
    'app1/etc/hostname6.bge1',
    'app1/etc/hosts',
    'app1/etc/netmasks',
  ];
  test('the IPMP layouts web1, db1 and app1 get no diagnostics at all', async () => {
    assert.deepStrictEqual(await problemsOf(CLEAN.map((f) => `examples/${f}`)), []);
  });
});
