// Runs node:test files for a tier (unit, ui): the spec reporter on stdout for people, and
// results-reporter.mjs into test-results/<tier>.json for scripts/test-all.mjs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './paths.mjs';
import { clearResults, resultsFile } from './test-results.mjs';

const RESULTS_REPORTER = fileURLToPath(new URL('results-reporter.mjs', import.meta.url));

/** The test files in a folder of the repository (relative paths, sorted), e.g. testFilesIn('test/unit', '.test.ts'). */
export function testFilesIn(folder, suffix) {
  return readdirSync(join(repoRoot, folder))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(folder, name));
}

/**
 * Runs `files` with node --test: `nodeArgs` go to node (e.g. ['--import', 'tsx']), `testArgs` to its
 * test runner (e.g. ['--test-concurrency=1']). Resolves node's exit code; SIGINT and SIGTERM are
 * passed on to it.
 */
export async function runNodeTests({ tier, files, nodeArgs = [], testArgs = [], env = process.env }) {
  await clearResults(tier);
  const reporters = [
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${RESULTS_REPORTER}`,
    `--test-reporter-destination=${resultsFile(tier)}`,
  ];
  const child = spawn(process.execPath, [...nodeArgs, '--test', ...testArgs, ...reporters, ...files], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.once('SIGINT', forward);
  process.once('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
