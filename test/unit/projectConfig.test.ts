/**
 * `.ipmp-lint.json`: what is read from it, what it reports instead of using, how it merges with
 * the editor's settings, and its globs (picomatch: braces and classes too).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { globMatcher, ignoredByProject, parseProjectConfig, projectConfigSchema, projectConfigSchemaJson, withProjectConfig } from '../../server/src/features/projectConfig';
import { RELEASES } from '../../server/src/catalog/releases';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/features/settings';
import { RULES } from '../../server/src/rules/registry';
import type { FileSystem } from '../../server/src/workspace/fileSystem';
import { HostModel } from '../../server/src/workspace/hostModel';

describe('project file: reading', () => {
  test('every setting it knows, with paths relative to its folder', () => {
    const read = parseProjectConfig(
      JSON.stringify({
        $schema: './node_modules/solaris-ipmp/schemas/ipmp-lint.schema.json',
        release: 's9',
        rules: { 'single-interface-group': 'off', 'ignored-file': 'warning' },
        ignore: { '**/hostname.ce{0,1}': ['no-test-address'] },
        fallbackHostsFile: 'common/hosts',
      }),
      '/srv/configs/',
    );
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.config, {
      dir: '/srv/configs',
      release: 's9',
      rules: { 'single-interface-group': 'off', 'ignored-file': 'warning' },
      ignore: { '**/hostname.ce{0,1}': ['no-test-address'] },
      fallbackHostsFile: 'common/hosts',
    });
  });

  test('a byte-order mark and an empty object are fine', () => {
    const read = parseProjectConfig('\uFEFF{}', '/x');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.config, { dir: '/x', release: undefined, rules: {}, ignore: {}, fallbackHostsFile: undefined });
  });

  test('not JSON, or not an object: a message and no configuration', () => {
    for (const text of ['{ "release": "s10", }', '', '[]', 'null', '"s10"']) {
      const read = parseProjectConfig(text, '/x');
      assert.equal(read.config, undefined, text);
      assert.equal(read.problems.length, 1, text);
      assert.match(read.problems[0]!, /not used/, text);
    }
  });

  test('each bad value is reported and left out; the rest still applies', () => {
    const read = parseProjectConfig(
      JSON.stringify({
        release: 'solaris11',
        rules: { 'no-such-rule': 'off', 'single-interface-group': 'loud', 'all-standby': 'error' },
        ignore: { 'a/**': 'no-test-address', 'b/**': ['no-test-address', 'typo-rule'] },
        fallbackHostsFile: 7,
        extra: true,
      }),
      '/x',
    );
    assert.equal(read.config?.release, undefined);
    assert.deepEqual(read.config?.rules, { 'all-standby': 'error' });
    assert.deepEqual(read.config?.ignore, { 'b/**': ['no-test-address'] });
    assert.equal(read.config?.fallbackHostsFile, undefined);
    const text = read.problems.join('\n');
    for (const expected of [/release 'solaris11'/, /no-such-rule/, /rules\.single-interface-group/, /'a\/\*\*' must be a list/, /typo-rule/, /fallbackHostsFile/, /unknown setting 'extra'/]) {
      assert.match(text, expected);
    }
    assert.equal(read.problems.length, 7);
  });
});

describe('project file: merged with the editor settings', () => {
  const editor: Settings = {
    ...DEFAULT_SETTINGS,
    release: 's10',
    rules: { 'single-interface-group': 'warning', 'all-standby': 'off' },
    ignore: { 'web1/etc/hosts': ['invalid-host-name'] },
    fallbackHostsFile: 'shared/hosts',
  };

  test('what the file sets wins; what it leaves out comes from the editor', () => {
    const config = parseProjectConfig(JSON.stringify({ release: 's8', rules: { 'single-interface-group': 'off' }, fallbackHostsFile: './common/hosts' }), '/repo').config;
    const merged = withProjectConfig(editor, config);
    assert.equal(merged.release, 's8');
    assert.deepEqual(merged.rules, { 'single-interface-group': 'off', 'all-standby': 'off' });
    assert.deepEqual(merged.ignore, editor.ignore, 'the editor ignore list still applies');
    assert.equal(merged.fallbackHostsFile, '/repo/common/hosts');
    assert.equal(withProjectConfig(editor, parseProjectConfig('{"fallbackHostsFile": "/etc/hosts"}', '/repo').config).fallbackHostsFile, '/etc/hosts');
  });

  test('an empty file changes nothing', () => {
    assert.deepEqual(withProjectConfig(editor, parseProjectConfig('{}', '/repo').config), { ...editor, projectIgnore: undefined });
    assert.equal(withProjectConfig(editor, undefined), editor);
  });

  test('ignore globs are relative to the folder of the file, and only apply below it', () => {
    const config = parseProjectConfig(JSON.stringify({ ignore: { 'hosts/{web,db}[0-9]/etc/hostname.*': ['single-interface-group'], '**/netmasks': ['netmask-key-mismatch'] } }), '/repo').config;
    const settings = withProjectConfig(DEFAULT_SETTINGS, config);
    assert.deepEqual([...ignoredByProject(settings, '/repo/hosts/web1/etc/hostname.ce0')], ['single-interface-group']);
    assert.deepEqual([...ignoredByProject(settings, '/repo/hosts/db7/etc/hostname.e1000g0')], ['single-interface-group']);
    assert.deepEqual([...ignoredByProject(settings, '/repo/hosts/app1/etc/hostname.ce0')], []);
    assert.deepEqual([...ignoredByProject(settings, '/repo/hosts/web10/etc/hostname.ce0')], [], 'a class is one character');
    assert.deepEqual([...ignoredByProject(settings, '/repo/x/etc/inet/netmasks')], ['netmask-key-mismatch']);
    assert.deepEqual([...ignoredByProject(settings, '/other/hosts/web1/etc/hostname.ce0')], [], 'outside the project folder');
    assert.deepEqual([...ignoredByProject(settings, '/repository/hosts/web1/etc/hostname.ce0')], [], 'a folder whose name only starts the same');
  });
});

describe('globs', () => {
  test('picomatch semantics on / paths: *, **, braces, classes, dot files', () => {
    const cases: [string, string, boolean][] = [
      ['*/etc/hosts', 'web1/etc/hosts', true],
      ['*/etc/hosts', 'a/web1/etc/hosts', false],
      ['**/etc/hosts', 'a/web1/etc/hosts', true],
      ['**/etc/hosts', 'etc/hosts', true],
      ['**/hostname.{ce,e1000g}[0-9]', 'x/etc/hostname.e1000g3', true],
      ['**/hostname.{ce,e1000g}[0-9]', 'x/etc/hostname.bge0', false],
      ['**/hostname.*', '.snapshots/etc/hostname.ce0', true],
      ['./web1/etc/hosts', 'web1/etc/hosts', true],
      ['/web1/etc/hosts', 'web1/etc/hosts', true],
    ];
    for (const [glob, path, expected] of cases) assert.equal(globMatcher(glob)(path), expected, `${glob} on ${path}`);
  });
});

describe('project file: schema', () => {
  test('names every rule id and release, and no other setting', () => {
    const schema = projectConfigSchema() as {
      properties: Record<string, { properties?: Record<string, { description: string; enum: string[] }>; enum?: string[]; additionalProperties?: unknown }>;
      additionalProperties: boolean;
    };
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'fallbackHostsFile', 'ignore', 'release', 'rules']);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties.rules!.properties!), [...RULES.keys()]);
    assert.equal(schema.properties.rules!.additionalProperties, false);
    for (const [id, rule] of Object.entries(schema.properties.rules!.properties!)) {
      assert.deepEqual(rule.enum, ['error', 'warning', 'info', 'hint', 'off'], id);
      assert.ok(rule.description.startsWith(RULES.get(id as never)!.summary), id);
    }
    assert.deepEqual(schema.properties.release!.enum, [...RELEASES]);
  });

  test('the shipped schema file is the generated one (run `npm run schema` after adding a rule)', () => {
    const shipped = readFileSync(path.join(REPO_ROOT, 'schemas', 'ipmp-lint.schema.json'), 'utf8');
    assert.equal(shipped, projectConfigSchemaJson());
  });

  test('package.json contributes it for .ipmp-lint.json and ships it', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string | string[]; url: string }[] }; files: string[] };
    const entry = manifest.contributes.jsonValidation.find((j) => [j.fileMatch].flat().includes('.ipmp-lint.json'));
    assert.equal(entry?.url, './schemas/ipmp-lint.schema.json');
    assert.ok(manifest.files.some((f) => f === 'schemas/*.json' || f === 'schemas' || f === 'schemas/ipmp-lint.schema.json'), JSON.stringify(manifest.files));
  });

  test('what the schema accepts, the reader accepts without a problem (and the reverse)', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(projectConfigSchema());
    const samples: unknown[] = [
      {},
      { release: 's9', rules: { 'single-interface-group': 'off' }, ignore: { '**/hostname.{ce,qfe}[0-9]': ['no-test-address'] }, fallbackHostsFile: 'common/hosts' },
      { release: 'solaris11' },
      { rules: { 'no-such-rule': 'off' } },
      { rules: { 'single-interface-group': 'loud' } },
      { ignore: { 'a/**': 'no-test-address' } },
      { ignore: { 'a/**': ['typo-rule'] } },
      { fallbackHostsFile: 7 },
      { extra: true },
    ];
    for (const sample of samples) {
      const read = parseProjectConfig(JSON.stringify(sample), '/x');
      assert.equal(validate(sample), read.problems.length === 0, `${JSON.stringify(sample)}: ${JSON.stringify(validate.errors)} / ${read.problems.join('; ')}`);
    }
  });
});

describe('project file: found by the host model', () => {
  /** A disk of a few files (added to as the test goes), counting reads of project files. */
  function disk(files: Record<string, string>): FileSystem & { configReads: () => number } {
    let configReads = 0;
    return {
      readFile: async (p) => {
        if (p.endsWith('/.ipmp-lint.json')) configReads++;
        return files[p];
      },
      readDirectory: async () => [],
      listDirectory: async () => [],
      configReads: () => configReads,
    };
  }
  const FILE = 'file:///ws/web1/etc/hostname.ce0';

  test('the nearest one applies; it is looked for once per folder, and again after a change on disk', async () => {
    const files: Record<string, string> = { '/ws/.ipmp-lint.json': '{"release": "s9"}' };
    const fs = disk(files);
    const model = new HostModel(fs, { textOf: () => undefined, uris: () => [] });
    const first = await model.projectConfig(FILE);
    assert.equal(first?.uri, 'file:///ws/.ipmp-lint.json');
    assert.equal(first?.config?.release, 's9');
    const reads = fs.configReads();
    assert.equal(reads, 3, 'etc, web1, then ws');
    assert.equal(await model.projectConfig('file:///ws/web1/etc/hosts'), first, 'another file of the folder: the same answer, nothing read');
    assert.equal(fs.configReads(), reads);

    files['/ws/web1/.ipmp-lint.json'] = '{"release": "s8"}';
    model.invalidate('file:///ws/web1/.ipmp-lint.json');
    const nearer = await model.projectConfig(FILE);
    assert.equal(nearer?.uri, 'file:///ws/web1/.ipmp-lint.json');
    assert.equal(nearer?.config?.release, 's8');
  });

  test("an open project file's text wins, and each edit of it counts", async () => {
    const open = new Map<string, string>();
    const model = new HostModel(disk({}), { textOf: (uri) => open.get(uri), uris: () => open.keys() });
    assert.equal(await model.projectConfig(FILE), undefined);
    open.set('file:///ws/web1/etc/.ipmp-lint.json', '{"release": "s10"}');
    model.documentChanged('file:///ws/web1/etc/.ipmp-lint.json');
    assert.equal((await model.projectConfig(FILE))?.config?.release, 's10');
    open.set('file:///ws/web1/etc/.ipmp-lint.json', '{"release": "illumos"}');
    model.documentChanged('file:///ws/web1/etc/.ipmp-lint.json');
    assert.equal((await model.projectConfig(FILE))?.config?.release, 'illumos');
  });

  test('a released host looks again', async () => {
    const fs = disk({});
    const model = new HostModel(fs, { textOf: () => undefined, uris: () => [] });
    await model.projectConfig(FILE);
    const reads = fs.configReads();
    model.release('file:///ws/web1/etc');
    await model.projectConfig(FILE);
    assert.ok(fs.configReads() > reads, 'read again after the release');
  });
});

describe('project file: merged settings are shared', () => {
  test('the same editor settings and project file give the same object; without a project file, the editor settings themselves', () => {
    const config = parseProjectConfig('{"release": "s9"}', '/ws').config!;
    assert.equal(withProjectConfig(DEFAULT_SETTINGS, config), withProjectConfig(DEFAULT_SETTINGS, config));
    assert.equal(withProjectConfig(DEFAULT_SETTINGS, undefined), DEFAULT_SETTINGS);
    const other = parseProjectConfig('{"release": "s9"}', '/ws').config!;
    assert.notEqual(withProjectConfig(DEFAULT_SETTINGS, other), withProjectConfig(DEFAULT_SETTINGS, config), 'another file: its own merge');
    assert.deepEqual(withProjectConfig(DEFAULT_SETTINGS, other), withProjectConfig(DEFAULT_SETTINGS, config));
  });
});
