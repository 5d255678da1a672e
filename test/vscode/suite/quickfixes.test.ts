/// <reference types="mocha" />
// Every quick fix the server offers, applied in VS Code as the lightbulb applies it
// (`workspace.applyEdit`, or the command for line endings), giving exactly the expected text.
//
// Table-driven: each case is a file with mistakes; its rows are every fix the server must offer
// for it — the suite fails when a fix is missing, when the server offers one the table does not
// list, or when a fix leaves any other text than the row says. Each row runs in a host folder of
// its own (quickfix/<case>-<row>/etc/), written into the workspace copy, so rows never share state.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  codeActionsAt,
  codeOf,
  describeDiagnostics,
  diagnosticsWhen,
  fixtureUri,
  writeFixture,
} from './helpers';

interface FixRow {
  readonly rule: string;
  readonly title: string;
  /** The fixed file's whole text afterwards (LF: VS Code hands text back with the document's EOL). */
  readonly expected: string;
  /** Other files of the host (relative to its etc/) and their whole text afterwards. */
  readonly files?: Readonly<Record<string, string>>;
  /** The text the diagnostic covers, when the rule reports more than once in the file. */
  readonly at?: string;
  /** The fixed problem stays reported afterwards (default: it must go). */
  readonly stays?: boolean;
  /**
   * The server offers this fix today although it should not (reported, not fixed here): the
   * "offered" test accepts it, its own test is pending with this reason. When the server stops
   * offering it the "offered" test fails: delete the row then.
   */
  readonly knownBug?: string;
}

interface Case {
  readonly name: string;
  /** The file with the mistakes, relative to the host's etc/. */
  readonly file: string;
  readonly text: string;
  /** The host's other files (relative to etc/); default HOST_FILES; null: none at all. */
  readonly host?: Readonly<Record<string, string>> | null;
  /** Rule ids the file is also reported for, that have no fix. */
  readonly alsoReported?: readonly string[];
  /**
   * Open the text as an untitled document of the file's language instead of a file on disk:
   * VS Code refuses to open a file with a NUL byte as text ("File seems to be binary").
   */
  readonly untitled?: boolean;
  readonly fixes: readonly FixRow[];
}

const HOSTS = '127.0.0.1\tlocalhost\n192.168.1.10\tweb1\tloghost\n192.168.1.11\tweb1-test0\n192.168.1.12\tweb1-test1\n';
const NETMASKS = '192.168.1.0\t255.255.255.0\n';
const HOST_FILES = { hosts: HOSTS, netmasks: NETMASKS };
const DATA = 'web1 netmask + broadcast + up\n';
/** An active member of group prod with its test address. */
const ACTIVE_CE0 = 'web1 netmask + broadcast + group prod up \\\naddif web1-test0 deprecated -failover netmask + broadcast + up\n';

export const CASES: readonly Case[] = [
  // ---------------------------------------------------------------- hostname.<if>
  {
    name: 'a comment after the words',
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up # primary\n',
    fixes: [{ rule: 'comment-not-supported', title: 'Delete the comment', expected: DATA }],
  },
  {
    name: 'a comment line',
    file: 'hostname.ce0',
    text: `# primary interface\n${DATA}`,
    fixes: [{ rule: 'comment-not-supported', title: 'Delete the comment', expected: DATA }],
  },
  {
    name: 'no final newline',
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up',
    fixes: [{ rule: 'missing-final-newline', title: 'Add the final newline', expected: DATA }],
  },
  {
    name: 'a backslash glued to the last word',
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up\\\naddif web1-test0 deprecated -failover netmask + broadcast + up\n',
    fixes: [
      {
        rule: 'line-continuation',
        title: 'Insert a space before the backslash',
        expected: 'web1 netmask + broadcast + up \\\naddif web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
    ],
  },
  {
    name: 'blanks after the backslash',
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up \\  \naddif web1-test0 deprecated -failover netmask + broadcast + up\n',
    fixes: [
      {
        rule: 'line-continuation',
        title: 'Remove the blanks after the backslash',
        expected: 'web1 netmask + broadcast + up \\\naddif web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
    ],
  },
  {
    name: "'inet' as the first word",
    file: 'hostname.ce0',
    text: 'inet web1 netmask + broadcast + up\n',
    fixes: [{ rule: 'misplaced-keyword', title: "Remove 'inet'", expected: DATA }],
  },
  {
    name: 'an IPv4 keyword in hostname6',
    file: 'hostname6.ce0',
    text: '-failover netmask + group prod up\n',
    fixes: [{ rule: 'wrong-address-family', title: "Remove 'netmask +'", expected: '-failover group prod up\n' }],
  },
  {
    name: "a '+' after the address",
    file: 'hostname.ce0',
    text: 'web1 + netmask + broadcast + up\n',
    fixes: [{ rule: 'stray-plus', title: "Remove the '+'", expected: DATA }],
  },
  {
    name: "'standy'",
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + standy up\n',
    fixes: [
      { rule: 'unknown-keyword', title: "Change to 'standby'", expected: 'web1 netmask + broadcast + standby up\n' },
      { rule: 'unknown-keyword', title: "Change to '-standby'", expected: 'web1 netmask + broadcast + -standby up\n' },
    ],
  },
  {
    name: "'UP' in capitals",
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + UP\n',
    fixes: [{ rule: 'unknown-keyword', title: "Change to 'up'", expected: DATA }],
  },
  {
    name: 'a misspelt DHCP option',
    file: 'dhcp.ce0',
    text: 'primery\n',
    host: { ...HOST_FILES, 'hostname.ce0': '' },
    fixes: [{ rule: 'unknown-keyword', title: "Change to 'primary'", expected: 'primary\n' }],
  },
  {
    name: "'deprecated' undone by '-deprecated'",
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + deprecated -deprecated up\n',
    fixes: [{ rule: 'conflicting-options', title: "Remove 'deprecated'", expected: 'web1 netmask + broadcast + -deprecated up\n' }],
  },
  {
    name: "'-failover' after 'up'",
    file: 'hostname.ce0',
    text: 'web1-test0 netmask + broadcast + deprecated up -failover\n',
    fixes: [
      {
        rule: 'option-order',
        title: "Move '-failover' before 'up'",
        expected: 'web1-test0 netmask + broadcast + deprecated -failover up\n',
      },
    ],
  },
  {
    name: "'-failover' after 'standby'",
    file: 'hostname.ce1',
    text: 'web1-test1 netmask + broadcast + deprecated group prod standby -failover up\n',
    // ce0 makes group prod an active-standby pair (a lone standby is a mistake of its own).
    host: { ...HOST_FILES, 'hostname.ce0': ACTIVE_CE0 },
    fixes: [
      {
        rule: 'option-order',
        title: "Move '-failover' before 'standby'",
        expected: 'web1-test1 netmask + broadcast + deprecated group prod -failover standby up\n',
      },
    ],
  },
  {
    name: "'broadcast +' before 'netmask +'",
    file: 'hostname.ce0',
    text: 'web1 broadcast + netmask + up\n',
    fixes: [{ rule: 'option-order', title: "Move 'broadcast +' after 'netmask +'", expected: DATA }],
  },
  {
    name: "'netmask +' before the address",
    file: 'hostname.ce0',
    text: 'netmask + web1 broadcast + up\n',
    fixes: [{ rule: 'option-order', title: "Move 'netmask +' after the address", expected: DATA }],
  },
  {
    name: "'group' after 'addif'",
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up \\\naddif web1-test0 deprecated -failover group prod netmask + broadcast + up\n',
    // The group still applies to the NIC (the kernel takes it on the logical name): a second
    // member keeps the group from being a one-interface group.
    host: { ...HOST_FILES, 'hostname.ce1': 'web1-test1 deprecated -failover netmask + broadcast + group prod up\n' },
    fixes: [
      {
        rule: 'misplaced-keyword',
        title: "Move 'group prod' before 'addif'",
        expected: 'web1 netmask + broadcast + up \\\ngroup prod addif web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
    ],
  },
  {
    name: "'group' in a logical interface's file",
    file: 'hostname.ce0:1',
    text: 'web1-test0 group prod deprecated -failover netmask + broadcast + up\n',
    fixes: [
      {
        rule: 'misplaced-keyword',
        title: "Remove 'group prod'",
        expected: 'web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
    ],
  },
  {
    name: 'an address never brought up',
    file: 'hostname.ce0',
    text: 'web1\n\n',
    fixes: [{ rule: 'interface-stays-down', title: "Add 'netmask + broadcast + up'", expected: 'web1 netmask + broadcast + up\n\n' }],
  },
  {
    name: 'a host name missing from hosts',
    file: 'hostname.ce0',
    text: 'web1-tset0 deprecated -failover netmask + broadcast + up\n',
    fixes: [
      {
        rule: 'unresolved-host',
        title: "Change to 'web1-test0' (in hosts)",
        expected: 'web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
      {
        rule: 'unresolved-host',
        title: "Add 'web1-tset0' to hosts",
        expected: 'web1-tset0 deprecated -failover netmask + broadcast + up\n',
        files: { hosts: `${HOSTS}ADDRESS\tweb1-tset0\n` },
      },
    ],
  },
  {
    name: 'a host without a hosts file',
    file: 'hostname.ce0',
    text: DATA,
    host: null,
    fixes: [
      {
        rule: 'no-hosts-file',
        title: 'Create the hosts file with these names',
        expected: DATA,
        files: { hosts: 'ADDRESS\tweb1\n' },
      },
    ],
  },
  {
    name: 'CRLF line endings in a hostname file',
    file: 'hostname.ce0',
    text: 'web1 netmask + broadcast + up \\\r\naddif web1-test0 deprecated -failover netmask + broadcast + up\r\n',
    fixes: [
      {
        rule: 'carriage-return',
        title: 'Convert line endings to LF',
        expected: 'web1 netmask + broadcast + up \\\naddif web1-test0 deprecated -failover netmask + broadcast + up\n',
      },
    ],
  },

  // ---------------------------------------------------------------- hosts
  {
    name: 'a short address',
    file: 'hosts',
    text: '127.0.0.1\tlocalhost\n10.1\tdb1\n',
    host: { netmasks: NETMASKS },
    fixes: [{ rule: 'invalid-address', title: 'Write 10.0.0.1 (what Solaris reads)', expected: '127.0.0.1\tlocalhost\n10.0.0.1\tdb1\n' }],
  },
  {
    name: 'a part with a leading zero',
    file: 'hosts',
    text: '127.0.0.1\tlocalhost\n010.1.2.3\tdb1\n',
    host: { netmasks: NETMASKS },
    fixes: [
      { rule: 'invalid-address', title: 'Write 10.1.2.3 (the parts as decimal)', expected: '127.0.0.1\tlocalhost\n10.1.2.3\tdb1\n' },
      { rule: 'invalid-address', title: 'Write 8.1.2.3 (what Solaris reads)', expected: '127.0.0.1\tlocalhost\n8.1.2.3\tdb1\n' },
    ],
  },
  {
    name: 'a hex part',
    file: 'hosts',
    text: '127.0.0.1\tlocalhost\n0x0a.1.2.3\tdb1\n',
    host: { netmasks: NETMASKS },
    fixes: [{ rule: 'invalid-address', title: 'Write 10.1.2.3 (what Solaris reads)', expected: '127.0.0.1\tlocalhost\n10.1.2.3\tdb1\n' }],
  },
  {
    name: 'CRLF line endings in hosts',
    file: 'hosts',
    text: '127.0.0.1\tlocalhost\r\n192.168.1.10\tweb1\r\n',
    host: { netmasks: NETMASKS },
    fixes: [{ rule: 'carriage-return', title: 'Convert line endings to LF', expected: '127.0.0.1\tlocalhost\n192.168.1.10\tweb1\n' }],
  },

  // ---------------------------------------------------------------- netmasks
  {
    name: 'a network written as address/length',
    file: 'netmasks',
    text: '192.168.1.0/24\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'invalid-address', title: "Write '192.168.1.0 255.255.255.0'", expected: '192.168.1.0\t255.255.255.0\n' }],
  },
  {
    name: 'a /length on the network, with a mask',
    file: 'netmasks',
    text: '192.168.1.0/24\t255.255.255.0\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'invalid-address', title: 'Write the network as 192.168.1.0', expected: '192.168.1.0\t255.255.255.0\n' }],
  },
  {
    name: 'a prefix length as the mask',
    file: 'netmasks',
    text: '192.168.1.0\t24\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'invalid-netmask', title: 'Write 255.255.255.0', expected: '192.168.1.0\t255.255.255.0\n' }],
  },
  {
    name: 'a mask part with a leading zero',
    file: 'netmasks',
    text: '192.168.1.0\t255.255.255.0200\n',
    host: { hosts: HOSTS },
    fixes: [
      {
        // Solaris reads 0200 as octal 128 (a /25 mask); the decimal reading, 200, is no mask,
        // so only what Solaris reads is offered.
        rule: 'invalid-netmask',
        title: 'Write 255.255.255.128 (what Solaris reads)',
        expected: '192.168.1.0\t255.255.255.128\n',
      },
    ],
  },
  {
    name: 'host bits in the network number',
    file: 'netmasks',
    text: '192.168.1.1\t255.255.255.0\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'netmask-key-mismatch', title: 'Clear the host bits: 192.168.1.0', expected: '192.168.1.0\t255.255.255.0\n' }],
  },
  {
    name: 'a network number in hex',
    file: 'netmasks',
    text: '0xc0.168.1.0\t255.255.255.0\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'invalid-address', title: 'Write 192.168.1.0', expected: '192.168.1.0\t255.255.255.0\n' }],
  },
  {
    name: 'CRLF line endings in netmasks',
    file: 'netmasks',
    text: '192.168.1.0\t255.255.255.0\r\n',
    host: { hosts: HOSTS },
    fixes: [{ rule: 'carriage-return', title: 'Convert line endings to LF', expected: NETMASKS }],
  },

  // ---------------------------------------------------------------- default/mpathd
  {
    name: 'no final newline',
    file: 'default/mpathd',
    text: 'FAILBACK=yes',
    fixes: [{ rule: 'missing-final-newline', title: 'Add the newline', expected: 'FAILBACK=yes\n' }],
  },
  {
    name: 'a NUL byte',
    file: 'default/mpathd',
    text: 'FAILBACK=y\0es\n',
    untitled: true,
    fixes: [{ rule: 'setting-syntax', title: 'Remove the NUL bytes', expected: 'FAILBACK=yes\n' }],
  },
  {
    name: 'a misspelt name',
    file: 'default/mpathd',
    text: 'FAILBAK=no\n',
    fixes: [{ rule: 'unknown-setting', title: 'Change to FAILBACK', expected: 'FAILBACK=no\n' }],
  },
  {
    name: 'a line indented with a tab',
    file: 'default/mpathd',
    text: '\tFAILBACK=no\n',
    fixes: [{ rule: 'setting-syntax', title: 'Remove the indentation', expected: 'FAILBACK=no\n' }],
  },
  {
    name: 'a line indented with spaces',
    file: 'default/mpathd',
    text: '  FAILBACK=no\n',
    fixes: [{ rule: 'setting-syntax', title: 'Remove the indentation', expected: 'FAILBACK=no\n' }],
  },
  {
    name: "blanks around '='",
    file: 'default/mpathd',
    text: 'FAILBACK = no\n',
    fixes: [{ rule: 'setting-syntax', title: "Remove the blanks around '='", expected: 'FAILBACK=no\n' }],
  },
  {
    name: "a blank after '='",
    file: 'default/mpathd',
    text: 'FAILBACK= no\n',
    fixes: [{ rule: 'setting-syntax', title: "Remove the blanks after '='", expected: 'FAILBACK=no\n' }],
  },
  {
    name: 'a quoted value',
    file: 'default/mpathd',
    text: 'FAILBACK="no"\n',
    fixes: [{ rule: 'invalid-setting-value', title: 'Remove the quotes', expected: 'FAILBACK=no\n' }],
  },
  {
    name: 'a detection time with a leading zero',
    file: 'default/mpathd',
    text: 'FAILURE_DETECTION_TIME=010000\n',
    fixes: [{ rule: 'invalid-setting-value', title: 'Write 10000', expected: 'FAILURE_DETECTION_TIME=10000\n' }],
  },
  {
    name: 'a leading zero before an 8',
    file: 'default/mpathd',
    text: 'FAILURE_DETECTION_TIME=08000\n',
    fixes: [{ rule: 'invalid-setting-value', title: 'Write 8000', expected: 'FAILURE_DETECTION_TIME=8000\n' }],
  },
  {
    name: 'a detection time in seconds',
    file: 'default/mpathd',
    text: 'FAILURE_DETECTION_TIME=10\n',
    fixes: [{ rule: 'detection-time-units', title: 'Write 10000 (10 seconds)', expected: 'FAILURE_DETECTION_TIME=10000\n' }],
  },
  {
    name: "no '='",
    file: 'default/mpathd',
    text: 'FAILBACK no\n',
    fixes: [{ rule: 'setting-syntax', title: 'Write FAILBACK=no', expected: 'FAILBACK=no\n' }],
  },
  {
    name: 'a line that is no setting',
    file: 'default/mpathd',
    text: 'probe faster\n',
    fixes: [{ rule: 'setting-syntax', title: 'Comment out the line', expected: '# probe faster\n' }],
  },
  {
    name: 'CRLF line endings in mpathd',
    file: 'default/mpathd',
    text: 'FAILURE_DETECTION_TIME=10000\r\nFAILBACK=yes\r\n',
    fixes: [{ rule: 'carriage-return', title: 'Convert line endings to LF', expected: 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\n' }],
  },
];

const LANGUAGE: Record<string, string> = { hosts: 'solaris-hosts', netmasks: 'solaris-netmasks', 'default/mpathd': 'solaris-mpathd' };
const languageOf = (file: string): string => LANGUAGE[file] ?? 'solaris-hostname';

/** Writes the case's host into quickfix/<id>/etc/ and opens its file once the rules have reported. */
async function openCase(c: Case, id: string): Promise<{ doc: vscode.TextDocument; diagnostics: vscode.Diagnostic[]; etc: string }> {
  const etc = `quickfix/${id}/etc`;
  for (const [name, text] of Object.entries(c.host === undefined ? HOST_FILES : (c.host ?? {}))) {
    if (name !== c.file) await writeFixture(`${etc}/${name}`, text);
  }
  const doc = c.untitled
    ? await vscode.workspace.openTextDocument({ language: languageOf(c.file), content: c.text })
    : await vscode.workspace.openTextDocument(await writeFixture(`${etc}/${c.file}`, c.text));
  const uri = doc.uri;
  assert.strictEqual(doc.languageId, languageOf(c.file), `${c.file} opens as ${doc.languageId}`);
  const rules = new Set([...c.fixes.map((f) => f.rule), ...(c.alsoReported ?? [])]);
  assert.ok(rules.size > 0, 'a case names at least one rule');
  const diagnostics = await diagnosticsWhen(
    uri,
    (ds) => [...rules].every((r) => ds.some((d) => codeOf(d) === r)),
    `the rules ${[...rules].join(', ')}`,
  );
  return { doc, diagnostics, etc };
}

// ------------------------------------------------------------------------------------------
// Switching a rule off is a quick fix too, offered after every real fix of a diagnostic: in
// hosts, netmasks and mpathd a "# ipmp-ignore" directive for the line or the file; in hostname
// files (no comments possible) a command that adds the file to the solarisIpmp.ignore setting.

interface SuppressionRow {
  readonly rule: string;
  readonly title: string;
  readonly how: 'line' | 'file' | 'setting';
}

function suppressionRows(c: Case): SuppressionRow[] {
  const rules = [...new Set([...c.fixes.map((f) => f.rule), ...(c.alsoReported ?? [])])];
  return rules.flatMap((rule): SuppressionRow[] =>
    languageOf(c.file) === 'solaris-hostname'
      ? [{ rule, title: `Disable ${rule} for this file`, how: 'setting' }]
      : [
          { rule, title: `Ignore ${rule} on this line`, how: 'line' },
          { rule, title: `Ignore ${rule} in this file`, how: 'file' },
        ],
  );
}

/** Applying every suppression once per file kind and rule is enough: the edit does not depend on the mistake. */
const suppressionCovered = new Set<string>();

/** The text a directive makes: inserted at the start of `line`, with the document's line ending. */
function withDirective(doc: vscode.TextDocument, text: string, line: number, directive: string): string {
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const at = doc.offsetAt(new vscode.Position(line, 0));
  return text.slice(0, at) + directive + eol + text.slice(at);
}

function pickDiagnostic(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[], rule: string, at?: string): vscode.Diagnostic {
  const candidates = diagnostics.filter((d) => codeOf(d) === rule && (!at || doc.getText(d.range) === at));
  assert.strictEqual(candidates.length, 1, `one ${rule} diagnostic expected, got ${describeDiagnostics(candidates).join(', ')}`);
  return candidates[0]!;
}

async function applyTitled(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const actions = (await codeActionsAt(doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix)).filter((a) => a.title === title);
  assert.strictEqual(actions.length, 1, `"${title}" offered ${actions.length} times`);
  await applyCodeAction(actions[0]!);
}

function problemGone(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<unknown> {
  return diagnosticsWhen(
    doc.uri,
    (ds) => !ds.some((d) => codeOf(d) === codeOf(diagnostic) && d.message === diagnostic.message),
    `the ${codeOf(diagnostic)} problem to go`,
  );
}

suite('quick fixes: every fix the server offers, applied in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('solarisIpmp').update('ignore', undefined, vscode.ConfigurationTarget.Workspace);
  });

  CASES.forEach((c, caseNo) => {
    suite(`${c.file}: ${c.name}`, () => {
      // The host the "offered" test opened, still untouched: the first row applies its fix there.
      let untouched: Awaited<ReturnType<typeof openCase>> | undefined;
      const take = (id: string): Promise<Awaited<ReturnType<typeof openCase>>> => {
        const opened = untouched;
        untouched = undefined;
        return opened ? Promise.resolve(opened) : openCase(c, id);
      };
      const suppressions = suppressionRows(c);

      test('offers exactly the fixes of the table, and reports nothing else', async () => {
        const opened = await openCase(c, `${caseNo}-0`);
        const { doc, diagnostics } = opened;
        const expectedCodes = new Set([...c.fixes.map((f) => f.rule), ...(c.alsoReported ?? [])]);
        const unexpected = diagnostics.filter((d) => !expectedCodes.has(String(codeOf(d))));
        assert.deepStrictEqual(describeDiagnostics(unexpected), [], `diagnostics the table does not list: ${unexpected.map((d) => d.message).join(' | ')}`);
        const offered: string[] = [];
        for (const d of diagnostics) {
          for (const a of await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix)) {
            if (a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && !offered.includes(a.title)) offered.push(a.title);
          }
        }
        const expected = [...c.fixes.map((f) => f.title), ...suppressions.map((r) => r.title)];
        assert.deepStrictEqual([...offered].sort(), [...expected].sort());
        // Switching the rule off never comes before a real fix.
        const firstSuppression = offered.findIndex((t) => suppressions.some((r) => r.title === t));
        const lastFix = Math.max(...offered.map((t, i) => (c.fixes.some((f) => f.title === t) ? i : -1)));
        assert.ok(firstSuppression === -1 || firstSuppression > lastFix, `order: ${offered.join(' | ')}`);
        untouched = opened;
      });

      c.fixes.forEach((row, rowNo) => {
        // A known bug shows in the report as a pending test that says what is wrong.
        test(`${row.rule}: "${row.title}"${row.knownBug ? ` — KNOWN BUG: ${row.knownBug}` : ''}`, async function () {
          if (row.knownBug) this.skip();
          const { doc, diagnostics, etc } = await take(`${caseNo}-${rowNo}`);
          const diagnostic = pickDiagnostic(doc, diagnostics, row.rule, row.at);
          await applyTitled(doc, diagnostic, row.title);

          assert.strictEqual(JSON.stringify(doc.getText()), JSON.stringify(row.expected), `${c.file} after "${row.title}"`);
          for (const [name, expected] of Object.entries(row.files ?? {})) {
            const other = await vscode.workspace.openTextDocument(fixtureUri(`${etc}/${name}`));
            assert.strictEqual(JSON.stringify(other.getText()), JSON.stringify(expected), `${name} after "${row.title}"`);
          }
          if (!row.stays) await problemGone(doc, diagnostic);
        });
      });

      suppressions.forEach((row, rowNo) => {
        const key = `${languageOf(c.file)} ${row.title}`;
        if (c.untitled || suppressionCovered.has(key)) return;
        suppressionCovered.add(key);
        test(`${row.rule}: "${row.title}"`, async () => {
          const { doc, diagnostics, etc } = await take(`${caseNo}-s${rowNo}`);
          const diagnostic = pickDiagnostic(doc, diagnostics, row.rule, c.fixes.find((f) => f.rule === row.rule)?.at);
          const before = doc.getText();
          await applyTitled(doc, diagnostic, row.title);
          if (row.how === 'setting') {
            assert.strictEqual(doc.getText(), before, 'the hostname file is left as it is');
            const ignore = vscode.workspace.getConfiguration('solarisIpmp').inspect<Record<string, string[]>>('ignore')?.workspaceValue ?? {};
            assert.deepStrictEqual(ignore[`${etc}/${c.file}`], [row.rule], `solarisIpmp.ignore: ${JSON.stringify(ignore)}`);
          } else {
            const line = row.how === 'line' ? diagnostic.range.start.line : 0;
            const directive = `# ipmp-ignore${row.how === 'file' ? '-file' : ''} ${row.rule}`;
            assert.strictEqual(JSON.stringify(doc.getText()), JSON.stringify(withDirective(doc, before, line, directive)));
          }
          await problemGone(doc, diagnostic);
        });
      });
    });
  });
});
