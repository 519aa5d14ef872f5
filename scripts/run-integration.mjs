// npm run test:integration [-- --suite <name>] [-- --grep <regexp>] [-- --env KEY=VALUE]... [-- --no-build] [-- --timeout <seconds>]
//
// Builds the extension and the in-host suites, then runs each suite of test/integration/suites.mjs
// inside a real VS Code extension host with no internet (test/harness/in-host.mjs: code-server from
// .cache/vscode-offline/, driven by Chromium); a benchmark marked benchOnly (the soak) runs only
// when named with --suite. Prints the suites' own output, writes every test's outcome to
// test-results/integration.json and exits non-zero when any test failed or a start never finished.
import { relative } from 'node:path';
import { parseCommandLine, UsageError } from '../test/harness/command-line.mjs';
import { buildExtension } from '../test/harness/extension-package.mjs';
import { runInHost } from '../test/harness/in-host.mjs';
import { ensureVSCode } from '../test/harness/offline-vscode.mjs';
import { repoRoot } from '../test/harness/paths.mjs';
import { clearResults, resultsFile, tally, writeResults } from '../test/harness/test-results.mjs';
import { IN_HOST_SUITES } from '../test/integration/suites.mjs';

const DEFAULT_TIMEOUT_S = 300;
const SUITE_NAMES = IN_HOST_SUITES.map((suite) => suite.name);
const USAGE = `npm run test:integration [-- --suite ${SUITE_NAMES.join('|')}] [-- --grep <regexp>] [-- --env KEY=VALUE]... [-- --no-build] [-- --timeout <seconds>]`;

/** The command line as the runner's options; a UsageError when it cannot be. */
function parseIntegrationArgs(args) {
  const { values, number } = parseCommandLine(USAGE, {
    args,
    options: {
      suite: { type: 'string' },
      grep: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      'no-build': { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
  });
  if (values.suite !== undefined && !SUITE_NAMES.includes(values.suite)) {
    throw new UsageError(`--suite takes ${SUITE_NAMES.join(', ')}, not ${JSON.stringify(values.suite)}`, USAGE);
  }
  const env = {};
  for (const pair of values.env) {
    const [key, ...value] = pair.split('=');
    if (!key || value.length === 0) throw new UsageError(`--env wants KEY=VALUE, not ${JSON.stringify(pair)}`, USAGE);
    env[key] = value.join('=');
  }
  return {
    // A grep picks tests of one run: a suite that starts VS Code several times runs only when named.
    // A benchmark suite (benchOnly) runs only when named, never by default.
    suites: IN_HOST_SUITES.filter((suite) =>
      values.suite !== undefined
        ? suite.name === values.suite
        : !suite.benchOnly && !(values.grep !== undefined && (suite.starts ?? 1) > 1),
    ),
    env: { ...env, ...(values.grep !== undefined ? { MOCHA_GREP: values.grep } : {}) },
    build: !values['no-build'],
    timeoutMs: (values.timeout === undefined ? DEFAULT_TIMEOUT_S : number('timeout', { min: 1 })) * 1000,
  };
}

async function main() {
  // Before anything starts: a command line it cannot take stops here.
  const options = parseIntegrationArgs(process.argv.slice(2));
  const started = Date.now();
  const stopOnSignal = () => process.exit(130);
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  await clearResults('integration');
  if (options.build) buildExtension();
  await ensureVSCode();

  const results = [];
  for (const suite of options.suites) {
    console.log(`\n--- in-host suite ${suite.name}${(suite.starts ?? 1) > 1 ? ` (${suite.starts} starts)` : ''} ---`);
    const extensionFolder =
      typeof suite.extensionFolder === 'function' ? await suite.extensionFolder() : (suite.extensionFolder ?? repoRoot);
    const run = await runInHost({
      name: suite.name,
      extensionFolder,
      codeServerArgs: suite.codeServerArgs ?? [],
      env: { ...suite.env, ...options.env },
      starts: suite.starts ?? 1,
      timeoutMs: options.timeoutMs,
    });
    results.push(...run.results);
  }
  await writeResults('integration', results);

  const { passed, failed } = tally(results);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (results.length === 0) console.log('\nNo in-host test ran.');
  console.log(
    `\nIntegration tier: ${passed} passed, ${failed} failed (${relative(repoRoot, resultsFile('integration'))}), in ${seconds} s.`,
  );
  process.exit(failed > 0 || results.length === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`Integration tier could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
