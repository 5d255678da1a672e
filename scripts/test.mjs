// `npm test`: every layer, in order. Stops at the first failing layer with its exit code.
import { spawnSync } from 'node:child_process';

const layers = [
  ['type check and unit tests', 'npm', ['run', 'test:unit']],
  ['bundle', 'npm', ['run', 'build']],
  ['language server over LSP', 'npm', ['run', 'test:lsp']],
  ['grammars', 'npm', ['run', 'test:grammar']],
  ['real VS Code (code-server + Chromium)', 'npm', ['run', 'test:vscode']],
];

for (const [name, cmd, args] of layers) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${name}: failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
