// `npm run test:electron`: the extension-host mocha suite (test/vscode/suite) in VS Code desktop
// through @vscode/test-electron 2.5.x, for machines that can download VS Code. Not part of
// `npm test`: CI machines here reach no VS Code download server, and `npm run test:vscode` runs
// the same suite in code-server (VS Code 1.100.3) instead.
//
// It loads the extension from this folder's dist/ (`npm run build` first) with every other
// extension disabled, in a fresh user-data-dir, on a copy of the fixture workspace.
// Exit code: 0 green; 1 a test failed, or VS Code could not be downloaded or started.
//
// Options: --version <x.y.z>   VS Code to download (default 1.100.3, the version code-server runs)
//          --grep <text>       only the tests whose title matches
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_WORKSPACE, buildSuite } from './run-tests.mjs';
import { ROOT, VSCODE_TEST_DIR } from './install.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const VERSION = option('--version') ?? '1.100.3';

function fail(title, detail) {
  const line = '='.repeat(68);
  console.error(`\n${line}\n  test:electron: ${title}\n${line}\n${detail}`);
  process.exit(1);
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist', 'client', 'extension.js'))) {
    fail('the extension is not built', 'Run `npm run build` first: the suite loads the extension from dist/.');
  }
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  const testsPath = await buildSuite();

  let executable;
  try {
    console.log(`[test:electron] downloading VS Code ${VERSION} into .vscode-test/ (once)`);
    executable = await downloadAndUnzipVSCode({
      version: VERSION,
      cachePath: VSCODE_TEST_DIR,
      timeout: 20_000, // idle timeout: fail fast where the download server is unreachable
    });
  } catch (e) {
    fail(
      `could not download VS Code ${VERSION}`,
      [
        `@vscode/test-electron: ${e?.message ?? e}`,
        '',
        'This machine cannot reach the VS Code download server (update.code.visualstudio.com),',
        'so the suite cannot run in VS Code desktop here. The same suite runs in code-server',
        '(VS Code 1.100.3) on this machine with:  npm run test:vscode -- --suite',
      ].join('\n'),
    );
  }

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ipmp-electron-'));
  const workspace = path.join(scratch, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  mkdirSync(path.join(scratch, 'user-data'), { recursive: true });
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('[test:electron] no DISPLAY: VS Code desktop needs one; on a headless machine run `xvfb-run -a npm run test:electron`');
  }
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(scratch, 'user-data'),
      ],
      extensionTestsEnv: {
        IPMP_EXAMPLES_DIR: path.join(ROOT, 'examples'),
        ...(option('--grep') ? { IPMP_TEST_GREP: option('--grep') } : {}),
      },
    });
  } catch (e) {
    fail('the suite failed in VS Code desktop', `${e?.message ?? e}\n(workspace copy: ${workspace})`);
  }
  console.log('[test:electron] all green');
}

main().catch((e) => fail('could not run', e?.stack ?? String(e)));
