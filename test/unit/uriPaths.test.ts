/**
 * The shortcuts a fleet run takes with paths and URIs (server/src/syntax/uri.ts, fileKind.ts,
 * workspace/hostModel.ts) against the definitions they stand for: a URI's normalized form is
 * what vscode-uri prints after parsing it, and a host root is the nearest folder named `etc`
 * above the file (the split-and-scan written out here), over generated paths and URIs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { URI, Utils } from 'vscode-uri';
import { baseName, dirName, hostRootOf } from '../../server/src/syntax/fileKind';
import { childUri, isPlainFileUri, parseUri, uriBaseName, uriPath } from '../../server/src/syntax/uri';
import { displayPath, pathOfUri, uriOfPath } from '../../server/src/lintRun';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { filePathOf, hostRootUri, normalizeUri } from '../../server/src/workspace/hostModel';
import { runs } from './propertyHelpers';

/** The definition: the last part named etc, the file's own last part excepted; else its folder. */
function referenceHostRoot(path: string): string {
  const parts = path.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === 'etc') return parts.slice(0, i + 1).join('/') || '/';
  }
  return dirName(path);
}

const part = fc.oneof(
  fc.constantFrom('etc', 'inet', 'hosts', 'hostname.ce0', 'default', 'mpathd', '', '.', '..', 'etc.old', 'my etc', 'Ünï', 'a%20b', 'c:', '#x', 'x?y'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/),
);
const path = fc.tuple(fc.boolean(), fc.array(part, { maxLength: 7 })).map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'));

describe('paths and URIs: the shortcuts agree with their definitions', () => {
  test('hostRootOf is the nearest etc above the file, else its folder', () => {
    for (const p of ['/srv/web1/etc/hostname.ce0', '/srv/web1/etc/inet/hosts', '/a/etc/b/etc/c', '/a/etc/', '/etc', 'etc/x', '/x', '', 'etc']) {
      assert.equal(hostRootOf(p), referenceHostRoot(p), p);
    }
    fc.assert(fc.property(path, (p) => hostRootOf(p) === referenceHostRoot(p)), runs(1501, 500));
  });

  test('a plain file URI is already normalized; hostRootUri agrees with the parsed form', () => {
    assert.equal(isPlainFileUri('file:///srv/web1/etc/hostname.ce0'), true);
    assert.equal(isPlainFileUri('file:///srv/my%20host/etc/hosts'), false);
    assert.equal(isPlainFileUri('file:///c:/etc/hosts'), false);
    assert.equal(isPlainFileUri('untitled:Untitled-1'), false);
    const uri = path.map((p) => `file://${p.startsWith('/') ? p : `/${p}`}`);
    fc.assert(
      fc.property(uri, (u) => {
        let parsed: URI;
        try {
          parsed = URI.parse(u);
        } catch {
          // What vscode-uri rejects is rejected the same way, shortcut or not.
          assert.equal(isPlainFileUri(u), false);
          assert.throws(() => normalizeUri(u));
          return;
        }
        if (isPlainFileUri(u)) assert.equal(parsed.toString(), u);
        assert.equal(normalizeUri(u), parsed.toString());
        assert.equal(hostRootUri(u), parsed.with({ path: referenceHostRoot(parsed.path) }).toString());
        assert.equal(parseUri(u).toString(), parsed.toString());
        assert.equal(filePathOf(u), parsed.fsPath);
        assert.equal(uriPath(u), parsed.path);
        let nodePath: string | undefined;
        try {
          nodePath = fileURLToPath(u);
        } catch {
          // Node refuses some (an encoded '/'); ipmp-lint then shows the URI as it is.
        }
        assert.equal(pathOfUri(u), nodePath ?? u);
      }),
      runs(1502, 500),
    );
  });

  test('childUri is joinPath and uriBaseName the base name of the parsed path, plain or not', () => {
    assert.equal(childUri('file:///srv/web1/etc', 'inet/hosts'), 'file:///srv/web1/etc/inet/hosts');
    assert.equal(childUri('file:///', 'etc'), 'file:///etc');
    // Segments joinPath normalizes, and characters it encodes, go through vscode-uri.
    assert.equal(childUri('file:///srv/web1/etc', '../hosts'), 'file:///srv/web1/hosts');
    assert.equal(childUri('file:///srv/my%20host', 'hosts'), 'file:///srv/my%20host/hosts');
    const folder = path.map((p) => `file://${p.startsWith('/') ? p : `/${p}`}`);
    const name = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(folder, name, (dir, child) => {
        let parsed: URI;
        try {
          parsed = URI.parse(normalizeUri(dir));
        } catch {
          return;
        }
        const dirUri = parsed.toString();
        const joined = Utils.joinPath(parsed, child).toString();
        assert.equal(childUri(dirUri, child), joined);
        assert.equal(uriBaseName(joined), baseName(URI.parse(joined).path));
        assert.equal(uriBaseName(dirUri), baseName(parsed.path));
      }),
      runs(1503, 500),
    );
  });

  test('uriOfPath is the URI vscode-uri makes of the path', () => {
    assert.equal(uriOfPath('/srv/web1/etc/hosts'), 'file:///srv/web1/etc/hosts');
    assert.equal(uriOfPath('/srv/my host/etc/hosts'), 'file:///srv/my%20host/etc/hosts');
    assert.equal(uriOfPath('//server/share/hosts'), URI.file('//server/share/hosts').toString());
    fc.assert(
      fc.property(path, (p) => {
        assert.equal(uriOfPath(p), URI.file(p).toString());
      }),
      runs(1504, 500),
    );
  });

  test('displayPath is the path relative to the working folder when inside it, else the path itself', () => {
    const reference = (file: string, cwd: string): string => {
      const rel = nodePath.relative(cwd, file);
      return rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel) ? rel : file;
    };
    assert.equal(displayPath('/srv/fleet/web1/etc/hosts', '/srv/fleet'), 'web1/etc/hosts');
    assert.equal(displayPath('/srv/fleet/..old/hosts', '/srv/fleet'), reference('/srv/fleet/..old/hosts', '/srv/fleet'));
    assert.equal(displayPath('/srv/other/hosts', '/srv/fleet'), '/srv/other/hosts');
    const absolute = path.filter((p) => p.startsWith('/'));
    fc.assert(
      fc.property(absolute, path, (cwd, tail) => {
        for (const file of [`${cwd}/${tail}`, `${cwd}${tail}`, tail, `/${tail}`]) {
          if (!file.startsWith('/')) continue;
          assert.equal(displayPath(file, cwd), reference(file, cwd), `${file} from ${cwd}`);
        }
      }),
      runs(1505, 500),
    );
  });
});
