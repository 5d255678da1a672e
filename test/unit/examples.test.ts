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
