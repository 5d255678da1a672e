// Entry of the extension-host suite: VS Code (code-server or @vscode/test-electron) loads this
// compiled module from `extensionTestsPath` and awaits run(); a rejection makes the test run exit 1.
import Mocha from 'mocha';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });

  // The harness passes a report file through the environment (the extension host inherits
  // code-server's): the reporter's output goes there as well as to the console.
  const report = process.env.IPMP_TEST_REPORT;
  if (report) {
    writeFileSync(report, '');
    const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
    const original = base.consoleLog;
    base.consoleLog = (...args: unknown[]) => {
      appendFileSync(report, format(...args) + '\n');
      original(...args);
    };
  }

  const grep = process.env.IPMP_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }

  // What ran, for the harness (IPMP_TEST_RESULT): a failed test is told apart from a suite that
  // never got to its tests (it writes no result) and from a --grep that matched none (nothing ran).
  const passed: string[] = [];
  const failed: string[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => passed.push(t.fullTitle()));
    runner.on('fail', (t) => failed.push(t.fullTitle()));
  });
  if (process.env.IPMP_TEST_RESULT) writeFileSync(process.env.IPMP_TEST_RESULT, JSON.stringify({ passed, failed }, null, 2) + '\n');
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
