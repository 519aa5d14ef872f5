// npm run test:ui [-- --grep <regexp>] [-- test/ui/some.test.mjs ...]
//
// Packages the extension once (into .cache/ui/), makes sure the offline VS Code is installed, then
// runs every test/ui/*.test.mjs (or the files named) with node:test, one file at a time (each
// opens its own code-server and Chromium): the spec reporter for people, every test's outcome in
// test-results/ui.json for npm test. Screenshots land in test-results/screenshots/.
import { findChromium } from '../test/harness/browser.mjs';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { packagedVsix } from '../test/harness/extension-package.mjs';
import { runNodeTests, testFilesIn } from '../test/harness/node-test.mjs';
import { ensureVSCode } from '../test/harness/offline-vscode.mjs';
import { clearResults } from '../test/harness/test-results.mjs';

const USAGE = 'npm run test:ui [-- --grep <regexp>] [-- test/ui/some.test.mjs ...]';

const started = Date.now();
let commandLine;
try {
  // Before anything starts: a command line it cannot take stops here.
  commandLine = parseCommandLine(USAGE, { options: { grep: { type: 'string' } }, allowPositionals: true });
  await clearResults('ui');
  findChromium();
  await ensureVSCode();
  process.env.AG_VSIX = await packagedVsix();
} catch (error) {
  console.error(`UI tier could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const { values, positionals } = commandLine;
const files = positionals.length > 0 ? positionals : testFilesIn('test/ui', '.test.mjs');
const testArgs = [
  '--test-concurrency=1',
  '--test-timeout=300000',
  ...(values.grep === undefined ? [] : [`--test-name-pattern=${values.grep}`]),
];
const code = await runNodeTests({ tier: 'ui', files, testArgs });
console.log(`UI tier ${code === 0 ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
process.exit(code);
