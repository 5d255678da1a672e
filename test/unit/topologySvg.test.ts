/**
 * The topology picture (client/src/topologySvg.ts): focusable NICs with their state for assistive
 * technology, data and test addresses told apart, moved addresses marked, numbered warning badges
 * listed under the picture, text escaped, theme variables only in the webview's style and
 * concrete colours in an export. (The models of LF and CRLF hosts are topology.test.ts's.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackColors, renderTopologySvg, topologyStyle, wrap, THEME_VARIABLES } from '../../client/src/topologySvg';
import type { TopologyModel, TopologyNic } from '../../server/src/features/topology';

const nic = (over: Partial<TopologyNic>): TopologyNic => ({
  name: 'ce0',
  group: 'prod',
  state: 'active',
  detection: 'probe',
  flags: ['RUNNING'],
  dataAddresses: [],
  testAddresses: [],
  failed: false,
  warnings: [],
  ...over,
});

const FAILED: TopologyModel = {
  host: 'web1/etc',
  release: 's10',
  groups: [
    {
      name: 'prod',
      detection: 'probe',
      warnings: [],
      members: [
        nic({ name: 'ce0', state: 'failed', failed: true, testAddresses: [{ lif: 'ce0:1', family: 'inet', address: '192.168.10.11', role: 'test', up: true, warnings: [] }] }),
        nic({
          name: 'ce1',
          state: 'standby',
          dataAddresses: [{ lif: 'ce1:1', family: 'inet', address: '192.168.10.10', role: 'data', up: true, movedFrom: 'ce0', warnings: [] }],
          testAddresses: [{ lif: 'ce1', family: 'inet', address: '192.168.10.12', role: 'test', up: true, warnings: [{ severity: 'warning', message: 'a <b> & "c"', source: 'diagnostic', rule: 'x', file: 'hosts', line: 3 }] }],
          warnings: [{ severity: 'error', message: 'No test address configured', source: 'in.mpathd' }],
        }),
      ],
    },
  ],
  ungrouped: [nic({ name: 'bge0', group: null, detection: null })],
  warnings: [{ severity: 'info', message: 'host-wide', source: 'diagnostic', rule: 'y', file: 'default/mpathd', line: 1 }],
  log: [],
  failure: { nic: 'ce0', group: 'prod', detection: 'probe', destination: 'ce1', moves: [{ address: '192.168.10.10', from: 'ce0', to: 'ce1:1' }], stranded: [], log: ['NIC failure detected on ce0 of group prod'], repair: { moves: [{ address: '192.168.10.10', from: 'ce1:1', to: 'ce0' }], log: [] } },
};

test('NICs are buttons: focusable, aria-pressed for the failed one, a label saying what a press does', () => {
  const svg = renderTopologySvg(FAILED);
  assert.match(svg, /<g class="tp-nic tp-nic-failed tp-failed" data-nic="ce0" tabindex="0" role="button" aria-pressed="true" aria-label="NIC ce0, failed, probe-based;[^"]*press to repair it">/);
  assert.match(svg, /data-nic="ce1" tabindex="0" role="button" aria-pressed="false" aria-label="NIC ce1, standby, probe-based; data 192.168.10.10 \(moved here: 192.168.10.10 from ce0\); test 192.168.10.12; 1 warning\(s\); press to simulate its failure"/);
  assert.match(svg, /data-nic="bge0"[^>]*aria-label="NIC bge0, active, in no group;/);
  assert.match(svg, /not in an IPMP group/);
});

test('data and test addresses are told apart, the moved one says where from, the failure and the repair are written out', () => {
  const svg = renderTopologySvg(FAILED);
  assert.match(svg, /class="tp-text tp-mono tp-address tp-data" data-role="data" data-address="192.168.10.10">192.168.10.10  ce1:1<\/text><text [^>]*class="tp-moved">← from ce0<\/text>/);
  assert.match(svg, /tp-address tp-test" data-role="test" data-address="192.168.10.12"/);
  assert.match(svg, /192.168.10.10: ce0 → ce1:1/);
  assert.match(svg, /The repair \(click ce0 again\)/);
  assert.match(svg, /192.168.10.10: ce1:1 → ce0/);
});

test('warnings: numbered badges with the text in a title and aria-label, listed under the picture; text escaped', () => {
  const svg = renderTopologySvg(FAILED);
  assert.match(svg, /<g class="tp-badge" role="img" aria-label="Error 1 on ce1: in.mpathd: No test address configured" data-warning="1">/);
  assert.match(svg, /aria-label="Warning 2 on 192.168.10.12 \(ce1\): hosts:3 x: a &lt;b&gt; &amp; &quot;c&quot;"/);
  assert.match(svg, /Warnings \(3\)/);
  assert.match(svg, /the host — default\/mpathd:1 y: host-wide/);
  assert.ok(!svg.includes('<b>'));
});

test('colours: the webview style names only --vscode-* variables; an export holds concrete colours and no var()', () => {
  const style = topologyStyle();
  for (const m of style.matchAll(/var\((--[\w-]+)/g)) assert.match(m[1]!, /^--vscode-/);
  assert.ok(!/#[0-9a-f]{3,8}\b(?![^(]*\))/i.test(style.replace(/var\([^)]*\)/g, '')), 'no colour outside var()');
  const svg = renderTopologySvg(FAILED);
  assert.ok(!svg.includes('<style'), 'the webview picture carries no style of its own');
  for (const kind of ['dark', 'light'] as const) {
    const exported = renderTopologySvg(FAILED, { standalone: { colors: fallbackColors(kind) } });
    assert.match(exported, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(exported, /<style>/);
    assert.ok(!exported.includes('var('), 'no theme variable left');
    assert.ok(!exported.includes('Click a NIC') && !exported.includes('Click ce0'), 'no instructions in a picture nobody can click');
    for (const v of THEME_VARIABLES) assert.ok(fallbackColors(kind)[v], `${kind} colour for ${v}`);
  }
  const custom = renderTopologySvg(FAILED, { standalone: { colors: { '--vscode-editor-background': '#123456' } } });
  assert.match(custom, /\.tp-bg \{ fill: #123456; \}/);
});

test('wrap: words to lines of a width, an over-long word cut', () => {
  assert.deepEqual(wrap('aa bb cc', 5), ['aa bb', 'cc']);
  assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
});
