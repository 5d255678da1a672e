/**
 * Properties of the rules across the files of one host (rules/ipmpModel.ts, ipmpRules.ts) and
 * of the formatters (features/formatting.ts) over generated input: no host and no text makes
 * them throw, every range they return lies inside the file it names, and the same input gives
 * the same answer. Formatting any text (lone CRs, NULs, broken lines) is idempotent too.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { RELEASES, type Release } from '../../server/src/catalog/releases';
import { formatHostname, formatHosts, formatNetmasks } from '../../server/src/features/formatting';
import { buildIpmpHost, describeAddress, subnetOf } from '../../server/src/rules/ipmpModel';
import { checkHost, type HostRuleInputs } from '../../server/src/rules/ipmpRules';
import { createNameLookup, type NameSource } from '../../server/src/engine/names';
import { parseHostnameFile } from '../../server/src/syntax/hostname';
import { parseHosts } from '../../server/src/syntax/hosts';
import { parseNetmasks } from '../../server/src/syntax/netmasks';
import { LineIndex } from '../../server/src/syntax/text';
import { applyEdits } from './helpers';
import { arbitraryString, assertFindingsInside, assertRange, editOffsets, hostnameLike, ipmpText, runs, TRAP_CHARS } from './propertyHelpers';

const ROOT = 'file:///srv/h1/etc';

// ---------------------------------------------------------------------------------------
// Generated hosts

/** The words of a host's hostname files: names its hosts file may or may not define, literals, keywords. */
const HOST_WORDS = [
  'h1',
  'H1',
  'h1-ce0-test',
  'h1-ce1-test',
  'h1-data2',
  'h1-v6',
  'loghost',
  'nohost',
  '192.168.10.12',
  '192.168.20.5',
  '10.0.0.5/24',
  '10.0.0.5/33',
  '2001:db8::1/64',
  'fe80::1',
  'up',
  'down',
  'deprecated',
  '-deprecated',
  '-failover',
  'failover',
  'standby',
  '-standby',
  'group prod',
  'group Prod',
  'group prod2',
  'group ""',
  'group',
  'netmask +',
  'broadcast +',
  'netmask 255.255.255.0',
  'netmask 0xffff0000',
  'netmask',
  'addif h1-ce0-test',
  'addif h1',
  'addif',
  'inet6',
  'token ::1/64',
  'dhcp',
  'primary',
  'wait 10',
  'ipmp',
  'router',
  'plumb',
  'zone z1',
  '#',
];

/** The same words, with those that make up an IPMP group drawn more often. */
const IPMP_HEAVY = [...HOST_WORDS, 'h1', 'h1-ce0-test', 'h1-ce0-test', 'h1-ce1-test', 'group prod', 'group prod', 'group prod', '-failover', '-failover', 'deprecated', 'up', 'up', 'netmask +', 'standby'];

const HOSTS_ADDRESSES = ['192.168.10.10', '192.168.10.11', '192.168.10.12', '192.168.20.10', '10.0.0.1', '10.5', '2001:db8::10', 'fe80::1', '::1', 'bogus', '255.255.255.255'];
const HOSTS_NAMES = ['h1', 'H1', 'h1-ce0-test', 'h1-ce1-test', 'h1-data2', 'h1-v6', 'loghost', 'localhost', 'a_b', 'é'];

const hostsEntry = fc
  .tuple(fc.constantFrom(...HOSTS_ADDRESSES), fc.array(fc.constantFrom(...HOSTS_NAMES), { maxLength: 3 }), fc.constantFrom('', ' # c', '#'))
  .map(([address, names, comment]) => [address, ...names].join('\t') + comment);
const tableFile = (line: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\n', '\r\n', '\r')), { maxLength: 8 }), fc.option(line, { nil: '' }))
    .map(([lines, last]) => lines.map(([l, b]) => l + b).join('') + last);
const hostsFile = fc.oneof({ arbitrary: tableFile(hostsEntry), weight: 5 }, { arbitrary: arbitraryString, weight: 1 });

const netmasksEntry = fc
  .tuple(fc.constantFrom('192.168.10.0', '192.168.20.0', '192.168', '10', '10.0.0.0', '0x0a000000', 'junk'), fc.constantFrom('255.255.255.0', '255.255.0.0', '255.0.0.0', '255.255.255.128', '24', 'x', ''))
  .map(([network, mask]) => `${network}\t${mask}`);
const netmasksFile = fc.oneof({ arbitrary: tableFile(netmasksEntry), weight: 5 }, { arbitrary: arbitraryString, weight: 1 });

const FILE_NAMES = ['hostname.ce0', 'hostname.ce1', 'hostname.ce2', 'hostname6.ce0', 'hostname6.ce1', 'hostname.ce0:1', 'dhcp.ce1', 'dhcp.ce3', 'hostname.ipmp0', 'hostname.e1000g0', 'hostname.bad!0'];

interface HostInput {
  readonly files: readonly (readonly [string, string])[];
  readonly hosts?: string;
  readonly ipnodes?: string;
  readonly netmasks?: string;
  readonly release: Release;
  readonly withRoot: boolean;
}

const hostInput: fc.Arbitrary<HostInput> = fc.record({
  files: fc.uniqueArray(
    fc.tuple(fc.constantFrom(...FILE_NAMES), fc.oneof({ arbitrary: ipmpText(IPMP_HEAVY), weight: 8 }, { arbitrary: hostnameLike, weight: 1 }, { arbitrary: arbitraryString, weight: 1 })),
    { minLength: 1, maxLength: 4, selector: ([name]) => name },
  ),
  hosts: fc.option(hostsFile, { nil: undefined }),
  ipnodes: fc.option(hostsFile, { nil: undefined }),
  netmasks: fc.option(netmasksFile, { nil: undefined }),
  release: fc.constantFrom(...RELEASES),
  withRoot: fc.boolean(),
});

/** The rule inputs of a generated host, and the text of every file in it by URI. */
function build(input: HostInput): { inputs: HostRuleInputs; docs: Map<string, string> } {
  const docs = new Map<string, string>();
  const interfaces = input.files.map(([baseName, text]) => {
    const uri = `${ROOT}/${baseName}`;
    docs.set(uri, text);
    return { uri, baseName, file: parseHostnameFile(text, { fileName: baseName }) };
  });
  const table = (path: string, label: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const uri = `${ROOT}/${path}`;
    docs.set(uri, text);
    return { uri, label, text };
  };
  const hostsDoc = table('hosts', 'hosts', input.hosts);
  const ipnodesDoc = table('inet/ipnodes', 'inet/ipnodes', input.ipnodes);
  const netmasksDoc = table('netmasks', 'netmasks', input.netmasks);
  const hosts = hostsDoc && { uri: hostsDoc.uri, label: hostsDoc.label, file: parseHosts(hostsDoc.text) };
  const ipnodes = ipnodesDoc && { uri: ipnodesDoc.uri, label: ipnodesDoc.label, file: parseHosts(ipnodesDoc.text) };
  const netmasks = netmasksDoc && { uri: netmasksDoc.uri, label: netmasksDoc.label, file: parseNetmasks(netmasksDoc.text) };
  const sources: NameSource[] = [];
  if (ipnodes && (input.release === 's8' || input.release === 's9' || input.release === 's10-early')) sources.push({ ...ipnodes, kind: 'ipnodes' });
  if (hosts) sources.push({ ...hosts, kind: 'hosts' });
  const model = buildIpmpHost({ interfaces, names: createNameLookup(sources), netmasks, release: input.release });
  return { inputs: { model, interfaces, hosts, ipnodes, netmasks, hostRootUri: input.withRoot ? ROOT : undefined }, docs };
}

/** The model as plain data: what the rules and the features read from it. */
function modelSummary(inputs: HostRuleInputs): unknown {
  const { model } = inputs;
  return {
    interfaces: [...model.interfaces.values()].map((i) => ({ name: i.name, group: i.group, standby: i.standby, families: [...i.families].sort(), files: i.files.map((f) => f.uri) })),
    groups: [...model.groups.values()].map((g) => ({ name: g.name, members: g.members.map((m) => m.name) })),
    addresses: model.addresses.map((a) => ({
      uri: a.input.uri,
      token: a.token && [a.token.start, a.token.end],
      value: a.value?.canonical,
      test: a.test,
      up: a.up,
      prefix: a.prefixLength,
      mask: a.maskSource,
      subnet: subnetOf(a),
      described: describeAddress(a),
    })),
  };
}

describe('rules across the files of a host: properties over generated hosts', () => {
  test('never throw, every range lies inside the file it names, and the same host gives the same findings', () => {
    fc.assert(
      fc.property(hostInput, (input) => {
        const { inputs, docs } = build(input);
        const findings = checkHost(inputs);
        for (const f of findings) {
          const text = docs.get(f.uri);
          assert.ok(text !== undefined, `${f.rule} is for ${f.uri}, which is no file of the host`);
          assertFindingsInside(f.uri, text, [f], docs);
        }
        for (const a of inputs.model.addresses) {
          if (a.token) assertRange(new LineIndex(docs.get(a.input.uri)!), a.token.range, 'address token');
        }
        const again = build(input);
        assert.deepEqual(modelSummary(again.inputs), modelSummary(inputs));
        assert.deepEqual(checkHost(again.inputs), findings);
      }),
      runs(8181, 150),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Formatting any text

const anyTable = fc.oneof(
  { arbitrary: tableFile(hostsEntry), weight: 2 },
  { arbitrary: tableFile(netmasksEntry), weight: 2 },
  { arbitrary: arbitraryString, weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', '1', '.', ...TRAP_CHARS), maxLength: 60 }), weight: 3 },
);
const anyHostname = fc.oneof(hostnameLike, ipmpText(HOST_WORDS), arbitraryString, fc.string({ unit: fc.constantFrom('a', '\\', ...TRAP_CHARS), maxLength: 60 }));
const optionsArb: fc.Arbitrary<FormattingOptions> = fc.record({ tabSize: fc.integer({ min: 1, max: 8 }), insertSpaces: fc.boolean() });
/** Any range, in order or not, inside the text or past its end (clients clamp; servers must cope). */
const rangeArb = fc.option(
  fc.tuple(fc.nat(12), fc.nat(30), fc.nat(12), fc.nat(30)).map(([a, ca, b, cb]): Range => {
    const [s, e] = a < b || (a === b && ca <= cb) ? [[a, ca], [b, cb]] : [[b, cb], [a, ca]];
    return { start: { line: s[0]!, character: s[1]! }, end: { line: e[0]!, character: e[1]! } };
  }),
  { nil: undefined },
);

function assertEditsInside(text: string, edits: readonly TextEdit[], what: string): void {
  const index = new LineIndex(text);
  for (const e of edits) assertRange(index, e.range, what);
  editOffsets(text, edits);
}

describe('formatting: properties over any text', () => {
  test('hosts and netmasks: never throw, edits lie inside the document and do not overlap, and formatting again changes nothing', () => {
    fc.assert(
      fc.property(anyTable, optionsArb, rangeArb, fc.boolean(), (text, options, range, netmasks) => {
        const format = netmasks ? formatNetmasks : formatHosts;
        const edits = format(text, range, options);
        assertEditsInside(text, edits, netmasks ? 'formatNetmasks' : 'formatHosts');
        const once = applyEdits(text, edits);
        if (range === undefined) assert.deepEqual(format(once, undefined, options), [], `formatting ${JSON.stringify(once)} again changes it`);
        assert.deepEqual(format(text, range, options), edits);
      }),
      runs(9191, 300),
    );
  });

  test('hostname files: never throw, edits lie inside the document and do not overlap, and formatting again changes nothing', () => {
    fc.assert(
      fc.property(anyHostname, optionsArb, (text, options) => {
        const edits = formatHostname(text, options);
        assertEditsInside(text, edits, 'formatHostname');
        const once = applyEdits(text, edits);
        assert.deepEqual(formatHostname(once, options), [], `formatting ${JSON.stringify(once)} again changes it`);
      }),
      runs(9192, 300),
    );
  });
});
