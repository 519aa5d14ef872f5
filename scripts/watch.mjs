// npm run watch: esbuild rebuilds on change (node esbuild.js --watch) while tsc type-checks on
// change (tsc --noEmit --watch), side by side in one terminal. Each prints the lines its problem
// matcher in .vscode/tasks.json reads ($esbuild-watch, $tsc-watch); Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { repoRoot } from '../test/harness/paths.mjs';

try {
  parseCommandLine('npm run watch', { options: {} });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const watchers = [
  spawn(process.execPath, ['esbuild.js', '--watch'], { cwd: repoRoot, stdio: 'inherit' }),
  // --preserveWatchOutput: tsc would otherwise clear the terminal, and esbuild's lines with it.
  spawn(process.execPath, [tsc, '--noEmit', '--watch', '--preserveWatchOutput'], { cwd: repoRoot, stdio: 'inherit' }),
];

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const watcher of watchers) if (watcher.exitCode === null) watcher.kill('SIGTERM');
  process.exitCode = code;
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// One watcher ending on its own (a broken config, say) ends the other: half a watch misleads.
for (const watcher of watchers) watcher.once('exit', (code) => stop(code ?? 1));
