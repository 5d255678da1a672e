/**
 * The language server's code cache (server/src/codeCache.ts): a bundle runs the same with a
 * cache, without one, with a stale or damaged one, and where none can be written; a cache is
 * used only for the bundle (and runtime) it was made from.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cacheFileOf, cacheHeader, runBundle, type RanBundle } from '../../server/src/codeCache';

/** A scratch folder with a bundle in it; removed after `body`. */
function withBundle(source: string, body: (dir: string, bundle: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipmp-code-cache-'));
  try {
    const bundle = path.join(dir, 'server.js');
    writeFileSync(bundle, source);
    body(dir, bundle);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `bundle` as a module of its own; its exports and how it was compiled. */
function run(bundle: string, cacheDir: string | undefined): { exports: unknown; ran: RanBundle } {
  const module = { exports: {} } as NodeJS.Module;
  const ran = runBundle({ bundle, cacheDir, module, require, filename: path.join(path.dirname(bundle), 'main.js') });
  return { exports: module.exports, ran };
}

// Functions called at once and later, as a server's are: both kinds end up in the cache.
const BUNDLE_A = `"use strict";
function twice(x) { return 2 * x; }
function later(x) { return x + 1; }
module.exports = { value: twice(21), later, file: __filename, dir: __dirname, self: this === exports };
`;
// The same length as BUNDLE_A, other code: a cache keyed by the length alone would run A's bytecode.
const BUNDLE_B = BUNDLE_A.replace('2 * x', '3 * x');

describe('code cache', () => {
  test('without a cache directory the bundle runs and nothing is written', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      const { exports, ran } = run(bundle, undefined);
      assert.equal(ran.outcome, 'off');
      assert.deepEqual(exports, { value: 42, later: (exports as { later: unknown }).later, file: path.join(dir, 'main.js'), dir, self: true });
      assert.equal(ran.writeCache(), false);
      assert.deepEqual(readdirSync(dir), ['server.js']);
    });
  });

  test('a cache written by one start is used by the next, which writes nothing', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      const first = run(bundle, dir);
      assert.equal(first.ran.outcome, 'missing');
      assert.equal((first.exports as { later(x: number): number }).later(1), 2);
      assert.equal(first.ran.writeCache(), true);
      assert.equal(first.ran.writeCache(), false, 'written once');
      const file = cacheFileOf(bundle, dir);
      assert.equal(first.ran.cacheFile, file);
      assert.deepEqual(readdirSync(dir).sort(), ['server.js', 'server.v8cache'], 'no temporary file left');
      const bytes = readFileSync(file);
      const header = cacheHeader(readFileSync(bundle));
      assert.ok(bytes.subarray(0, header.length).equals(header), 'the file starts with the bundle’s key');

      const second = run(bundle, dir);
      assert.equal(second.ran.outcome, 'used');
      assert.equal((second.exports as { value: number }).value, 42);
      assert.equal((second.exports as { later(x: number): number }).later(1), 2);
      const before = statSync(file).mtimeMs;
      assert.equal(second.ran.writeCache(), false);
      assert.equal(statSync(file).mtimeMs, before);
    });
  });

  test('a cache of another bundle of the same length is not used, and is replaced', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      assert.equal(BUNDLE_A.length, BUNDLE_B.length);
      assert.equal(run(bundle, dir).ran.writeCache(), true);
      writeFileSync(bundle, BUNDLE_B);
      const changed = run(bundle, dir);
      assert.equal(changed.ran.outcome, 'stale');
      assert.equal((changed.exports as { value: number }).value, 63, 'the new bundle’s code runs');
      assert.equal(changed.ran.writeCache(), true);
      const again = run(bundle, dir);
      assert.equal(again.ran.outcome, 'used');
      assert.equal((again.exports as { value: number }).value, 63);
    });
  });

  test('a cache of another runtime or format is stale', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      assert.equal(run(bundle, dir).ran.writeCache(), true);
      const file = cacheFileOf(bundle, dir);
      const bytes = readFileSync(file);
      const text = bytes.toString('latin1');
      // Another Node version in the key line, otherwise the same file.
      writeFileSync(file, Buffer.from(text.replace(process.version, 'v0.0.0'), 'latin1'));
      const other = run(bundle, dir);
      assert.equal(other.ran.outcome, 'stale');
      assert.equal((other.exports as { value: number }).value, 42);
    });
  });

  test('a damaged cache with the right key is refused by V8; the bundle runs from source and the cache is rewritten', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      const file = cacheFileOf(bundle, dir);
      writeFileSync(file, Buffer.concat([cacheHeader(readFileSync(bundle)), Buffer.alloc(4096, 0xab)]));
      const damaged = run(bundle, dir);
      assert.equal(damaged.ran.outcome, 'rejected');
      assert.equal((damaged.exports as { value: number }).value, 42);
      assert.equal(damaged.ran.writeCache(), true);
      assert.equal(run(bundle, dir).ran.outcome, 'used');
    });
  });

  test('an empty or truncated cache file is stale', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      const file = cacheFileOf(bundle, dir);
      writeFileSync(file, '');
      assert.equal(run(bundle, dir).ran.outcome, 'stale');
      writeFileSync(file, cacheHeader(readFileSync(bundle)).subarray(0, 20));
      assert.equal(run(bundle, dir).ran.outcome, 'stale');
    });
  });

  test('a cache directory that cannot be written changes nothing but speed', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      // A directory under a regular file cannot be made, not even by root (tests may run as root).
      writeFileSync(path.join(dir, 'not-a-dir'), '');
      const cacheDir = path.join(dir, 'not-a-dir', 'cache');
      const { exports, ran } = run(bundle, cacheDir);
      assert.equal(ran.outcome, 'missing');
      assert.equal((exports as { value: number }).value, 42);
      assert.equal(ran.writeCache(), false);
      assert.deepEqual(readdirSync(dir).sort(), ['not-a-dir', 'server.js']);
    });
  });

  test('a cache directory that does not exist yet is made', () => {
    withBundle(BUNDLE_A, (dir, bundle) => {
      const cacheDir = path.join(dir, 'storage', 'code-cache');
      assert.equal(run(bundle, cacheDir).ran.writeCache(), true);
      assert.ok(existsSync(cacheFileOf(bundle, cacheDir)));
      assert.equal(run(bundle, cacheDir).ran.outcome, 'used');
    });
  });

  test('stack traces point at the bundle’s own lines and columns, with a cache or without', () => {
    withBundle('"use strict";\nmodule.exports = () => {\n  throw new Error("here");\n};\n', (dir, bundle) => {
      const where = (exports: unknown): string => {
        try {
          (exports as () => void)();
        } catch (error) {
          return ((error as Error).stack ?? '').split('\n')[1] ?? '';
        }
        return 'no throw';
      };
      const fresh = run(bundle, dir);
      assert.match(where(fresh.exports), /server\.js:3:9\)$/);
      fresh.ran.writeCache();
      const cached = run(bundle, dir);
      assert.equal(cached.ran.outcome, 'used');
      assert.match(where(cached.exports), /server\.js:3:9\)$/);
    });
  });
});
