/**
 * The bundled example workspace: the §3.7 layouts stay clean, and the planted mistakes of
 * examples/README.md are exactly what is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyPath } from '../../server/src/syntax/fileKind';
import { parseDocument } from '../../server/src/features/document';
import { findingsFor } from '../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { HostModel } from '../../server/src/workspace/hostModel';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('examples: only the planted mistakes are reported', async () => {
  const model = new HostModel(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
  const reported: string[] = [];
  for (const file of filesUnder(EXAMPLES).sort()) {
    const kind = classifyPath(file.split(path.sep).join('/'));
    if (!kind) continue;
    const uri = pathToFileURL(file).toString();
    const text = (await model.text(uri))!;
    const host = await model.snapshot(uri, DEFAULT_SETTINGS.release);
    const doc = parseDocument(uri, file, kind, text);
    for (const f of findingsFor(doc, host, DEFAULT_SETTINGS)) {
      reported.push(`${path.relative(EXAMPLES, file)}:${f.range.start.line + 1}: ${f.rule}`);
    }
  }
  assert.deepEqual(reported, [
    'legacy1/etc/default/mpathd:2: detection-time-units',
    'legacy1/etc/default/mpathd:3: setting-syntax',
    'legacy1/etc/hostname.qfe0:1: comment-not-supported',
    'legacy1/etc/hostname.qfe1:1: unknown-keyword',
    'legacy1/etc/hostname.qfe1:1: unresolved-host',
    'legacy1/etc/hostname.qfe2:1: missing-final-newline',
    'legacy1/etc/hostname.qfe2:1: unknown-keyword',
  ]);
});

test('the DHCP host-name request (inet <name> beside dhcp.<if>, §1.4) is not a misplaced inet', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const root = mkdtempSync(path.join(tmpdir(), 'ipmp-dhcp-'));
  try {
    mkdirSync(path.join(root, 'etc'));
    writeFileSync(path.join(root, 'etc', 'hostname.bge0'), 'inet client7\n');
    writeFileSync(path.join(root, 'etc', 'dhcp.bge0'), 'primary\n');
    writeFileSync(path.join(root, 'etc', 'hosts'), '127.0.0.1 localhost\n');
    const model = new HostModel(nodeFileSystem, { textOf: () => undefined, uris: () => [] });
    const check = async (name: string) => {
      const file = path.join(root, 'etc', name);
      const uri = pathToFileURL(file).toString();
      const doc = parseDocument(uri, file, 'hostname', (await model.text(uri))!);
      return findingsFor(doc, await model.snapshot(uri, DEFAULT_SETTINGS.release), DEFAULT_SETTINGS).map((f) => f.rule);
    };
    assert.deepEqual(await check('hostname.bge0'), []);
    // Without the dhcp file the same line is a mistake.
    rmSync(path.join(root, 'etc', 'dhcp.bge0'));
    model.invalidateAll();
    assert.deepEqual(await check('hostname.bge0'), ['misplaced-keyword', 'unresolved-host']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
