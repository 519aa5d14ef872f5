// npm run test:ui [-- test/ui/some.test.mjs ...]
//
// Packages the extension once (npm run package, into .cache/ui/), makes sure the offline VS Code
// is installed, then runs every test/ui/*.test.mjs with node:test, one file at a time (each opens
// its own code-server and Chromium). Screenshots land in test-results/screenshots/.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCommandLine } from './command-line.mjs';
import { ensureVSCode, findChromium, repoRoot } from './offline-vscode.mjs';
import { packagedVsix } from '../test/ui/workbench.mjs';

const started = Date.now();
let requested;
try {
  // Before anything starts: its arguments are test files, and it takes no options.
  ({ positionals: requested } = parseCommandLine('npm run test:ui [-- test/ui/some.test.mjs ...]', {
    options: {},
    allowPositionals: true,
  }));
  findChromium();
  await ensureVSCode();
  process.env.AG_VSIX = await packagedVsix();
} catch (error) {
  console.error(`UI tier could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const uiDir = join(repoRoot, 'test', 'ui');
const files =
  requested.length > 0
    ? requested
    : readdirSync(uiDir)
        .filter((name) => name.endsWith('.test.mjs'))
        .sort()
        .map((name) => relative(repoRoot, join(uiDir, name)));

// npm test asks for the spec reporter through NODE_OPTIONS; naming it twice is an error.
const reporter = /--test-reporter/.test(process.env.NODE_OPTIONS ?? '') ? [] : ['--test-reporter=spec'];
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...reporter, '--test-timeout=300000', ...files], {
  cwd: repoRoot,
  env: process.env,
  stdio: 'inherit',
});
const forward = (signal) => child.kill(signal);
process.once('SIGINT', forward);
process.once('SIGTERM', forward);
child.once('exit', (code, signal) => {
  console.log(`UI tier ${code === 0 ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  process.exit(code ?? (signal ? 1 : 0));
});
