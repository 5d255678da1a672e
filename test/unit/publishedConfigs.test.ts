/**
 * Configurations published by Sun, Oracle and administrators (test/fixtures/published, each
 * with a SOURCE.md), read from disk as the language server reads a workspace, booted for the
 * releases they were written for. Valid ones must stay clean; each must give the groups,
 * members, data and test addresses its source describes; and failing each NIC must move its
 * data addresses where in.mpathd would.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Release } from '../../server/src/catalog/releases';
import { simulateFailure } from '../../server/src/engine/mpathd';
import { hasAddress, lifsOf } from '../../server/src/engine/state';
import { effectiveSeverity, findingsFor } from '../../server/src/features/diagnostics';
import { parseDocument } from '../../server/src/features/document';
import { analyzeHost } from '../../server/src/features/hostAnalysis';
import type { HostView } from '../../server/src/features/hostView';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { HostModel } from '../../server/src/workspace/hostModel';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { ifconfigA } from './engineHelpers';

const PUBLISHED = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'published');

interface Expected {
  readonly releases: readonly Release[];
  /** `group: nic role data <addresses> test <addresses>` per member (in.mpathd's role). */
  readonly groups: readonly string[];
  /** Per NIC: `address from -> to` for each address in.mpathd moves when it fails. */
  readonly failures: Readonly<Record<string, readonly string[]>>;
  /** Findings that are right for this configuration (`file: rule`); never an error. */
  readonly findings?: readonly string[];
  /** Findings the rules give that are wrong for this configuration (reported; to be fixed). */
  readonly falsePositives?: readonly string[];
}

const LL = 'fe80::<from the MAC address>';

const EXPECTED: Record<string, Expected> = {
  'sun-doc-70062-same-subnet': {
    releases: ['s9', 's10-early', 's10'],
    groups: ['ipmp0: qfe0 active data 172.20.20.10 test 172.20.20.210', 'ipmp0: qfe4 active test 172.20.20.220'],
    failures: { qfe0: ['172.20.20.10 qfe0 -> qfe4:1'], qfe4: [] },
  },
  'sun-doc-70062-test-subnet': {
    releases: ['s9', 's10-early', 's10'],
    groups: ['ipmp0: qfe0 active data 172.20.20.10 test 192.168.1.210', 'ipmp0: qfe4 active test 192.168.1.220'],
    failures: { qfe0: ['172.20.20.10 qfe0 -> qfe4:1'], qfe4: [] },
  },
  'solaris9-multipathing-standby': {
    releases: ['s9', 's10'],
    groups: ['test: hme0 active data 19.16.85.19 test 19.16.85.21', 'test: hme1 inactive test 19.16.85.22'],
    failures: { hme0: ['19.16.85.19 hme0 -> hme1:1'], hme1: [] },
  },
  'solaris9-multipathing-ipv6': {
    releases: ['s9', 's10'],
    groups: [`test: hme0 active data 1080::56:a00:20ff:feb9:19fa test ${LL}`, `test: hme1 active test ${LL}`],
    failures: { hme0: ['1080::56:a00:20ff:feb9:19fa hme0:1 -> hme1:1'], hme1: [] },
  },
  'unixpowered-basic-ipmp': {
    releases: ['s9', 's10'],
    groups: ['unrealgrp1: hme0 active data 192.168.11.5 test 192.168.11.6', 'unrealgrp1: hme1 active test 192.168.11.7'],
    failures: { hme0: ['192.168.11.5 hme0:1 -> hme1:1'], hme1: [] },
  },
  'unix-com-accgrp': {
    releases: ['s10'],
    groups: ['accgrp: ce10 active test 10.66.22.84', 'accgrp: ce6 active data 10.66.22.108 test 10.66.22.74'],
    failures: { ce6: ['10.66.22.108 ce6:1 -> ce10:1'], ce10: [], ce5: [] },
    findings: ['hostname.ce6: deprecated-data-address'],
  },
  'gist-link-based-standby': {
    releases: ['s10'],
    groups: ['ipmp0: e1000g0 active data 192.168.50.10', 'ipmp0: e1000g1 inactive'],
    failures: { e1000g0: ['192.168.50.10 e1000g0 -> e1000g1:1'], e1000g1: [] },
  },
  'ipmp-config-script-2005': {
    releases: ['s9', 's10-early'],
    groups: ['foobar_nic_group: ce0 active data 10.165.214.4 test 10.165.214.2', 'foobar_nic_group: ce2 inactive test 10.165.214.3'],
    failures: { ce0: ['10.165.214.4 ce0:1 -> ce2:1'], ce2: [] },
  },
  'solaris10-single-interface-group': {
    releases: ['s10-early', 's10'],
    groups: ['v4test: hme0 active test 192.168.85.19'],
    failures: { hme0: [] },
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

interface Loaded {
  readonly view: HostView;
  /** `file: rule` with the severity the user would see. */
  readonly findings: { readonly where: string; readonly severity: string | undefined }[];
}

async function load(name: string, release: Release): Promise<Loaded> {
  const etc = path.join(PUBLISHED, name, 'etc');
  const model = new HostModel(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
  const settings = { ...DEFAULT_SETTINGS, release };
  const findings: Loaded['findings'] = [];
  let view: HostView | undefined;
  for (const file of filesUnder(etc).sort()) {
    const kind = classifyPath(file.split(path.sep).join('/'));
    if (!kind) continue;
    const uri = pathToFileURL(file).toString();
    const text = await model.text(uri);
    assert.ok(text !== undefined, file);
    view = await model.snapshot(uri, release);
    for (const f of findingsFor(parseDocument(uri, file, kind, text), view, settings)) {
      findings.push({ where: `${path.relative(etc, file).split(path.sep).join('/')}: ${f.rule}`, severity: effectiveSeverity(f, settings) });
    }
  }
  assert.ok(view, `${name} has files`);
  return { view, findings };
}

/** The groups as the rules see them (addresses by role) with each member's role for in.mpathd. */
function groupsOf(view: HostView, release: Release): string[] {
  const analysis = analyzeHost(view, release);
  const roles = new Map(analysis.model.boot.mpathd.groups.flatMap((g) => g.members.map((m) => [m.name, m.role] as const)));
  const out: string[] = [];
  for (const group of [...analysis.model.groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const member of [...group.members].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const data = member.addresses.filter((a) => !a.test).map((a) => a.value!.canonical);
      const tests = member.addresses.filter((a) => a.test).map((a) => a.value!.canonical);
      out.push([`${group.name}: ${member.name} ${roles.get(member.name)}`, data.length ? `data ${data.join(',')}` : '', tests.length ? `test ${tests.join(',')}` : ''].filter(Boolean).join(' '));
    }
  }
  return out;
}

describe('published configurations', () => {
  const folders = readdirSync(PUBLISHED).filter((n) => statSync(path.join(PUBLISHED, n)).isDirectory()).sort();

  test('the corpus: at least 8 configurations, each with its SOURCE.md naming where it was published, and each with expectations here', () => {
    assert.ok(folders.length >= 8, `${folders.length} configurations`);
    for (const name of folders) {
      assert.ok(existsSync(path.join(PUBLISHED, name, 'SOURCE.md')), `${name}/SOURCE.md`);
      assert.ok(EXPECTED[name], `expectations for ${name}`);
    }
    assert.deepEqual(Object.keys(EXPECTED).sort(), folders);
  });

  for (const name of folders) {
    const expected = EXPECTED[name];
    if (!expected) continue;
    for (const release of expected.releases) {
      test(`${name} (${release}): no error, exactly the expected findings, its groups and addresses, and every failover`, async () => {
        const { view, findings } = await load(name, release);
        assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.where), [], 'no error finding');
        assert.deepEqual(findings.map((f) => f.where).sort(), [...(expected.findings ?? []), ...(expected.falsePositives ?? [])].sort(), 'findings');

        const boot = analyzeHost(view, release).model.boot;
        assert.deepEqual(boot.commands.filter((c) => c.status === 'failed').map((c) => c.error?.message), [], 'every boot command works');
        assert.deepEqual(groupsOf(view, release), expected.groups, 'groups, members, data and test addresses');

        const nics = [...boot.state.phyints.keys()].filter((n) => n !== 'lo0').sort();
        assert.deepEqual(nics, Object.keys(expected.failures).sort(), 'NICs');
        for (const nic of nics) {
          const before = boot.state.phyints.get(nic)!;
          const f = simulateFailure(boot.state, nic, boot.settings)!;
          assert.deepEqual(f.failed.moves.map((m) => `${m.address} ${m.from} -> ${m.to}`), expected.failures[nic], `failure of ${nic}`);
          // in.mpathd moves every data address that is up, or (standby unused, no member left) none.
          const dataUp = (['inet', 'inet6'] as const).flatMap((family) =>
            lifsOf(before, family).filter((l) => l.flags.has('UP') && !l.flags.has('NOFAILOVER') && hasAddress(l) && !l.address.linkLocal).map((l) => l.address.canonical),
          );
          if (f.destination) assert.deepEqual(f.failed.moves.map((m) => m.address).sort(), dataUp.sort(), `${nic}: all its data addresses move`);
          else assert.deepEqual(f.failed.moves, [], `${nic}: nothing moves`);
          // Test addresses stay; failback restores the boot's interfaces.
          for (const family of ['inet', 'inet6'] as const) {
            for (const lif of lifsOf(before, family).filter((l) => l.flags.has('NOFAILOVER') && hasAddress(l))) {
              const after = f.failed.state.phyints.get(nic)!.ills[family]!.lifs.get(lif.unit);
              assert.equal(after?.address.canonical, lif.address.canonical, `${nic}: test address ${lif.address.canonical} stays`);
            }
          }
          assert.deepEqual(ifconfigA(f.repaired.state), ifconfigA(boot.state), `repair of ${nic}`);
        }
      });
    }
  }
});
