// The long-day soak (issue 15): runs the benchOnly in-host suite `soak` (test/integration/longDay.soak.ts)
// in a real extension host (code-server + Chromium, as the integration tier does) and reads back
// the figures it writes. A benchmark, not a test: it fails only when it cannot measure.
//
//   node test/bench/soak.mjs [--refreshes N] [--no-build]
//
// prints one JSON object: { refreshes, warmUp, heapSlopeBytesPerRefresh, heapStartBytes,
// heapEndBytes, timersBefore, timersAfter, listenersBefore, listenersAfter, durationMs, mix, … }
// (goals: a slope under 1 KB per refresh; as many timers and listeners after as before). Its
// progress goes to stderr. Starts code-server and Chromium: run one such thing at a time.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../harness/command-line.mjs';
import { buildExtension } from '../harness/extension-package.mjs';
import { runInHost } from '../harness/in-host.mjs';
import { ensureVSCode } from '../harness/offline-vscode.mjs';
import { repoRoot, resultsRoot } from '../harness/paths.mjs';
import { IN_HOST_SUITES } from '../integration/suites.mjs';

const USAGE = 'node test/bench/soak.mjs [--refreshes N] [--no-build]';
const SUITE = 'soak';

/**
 * Runs the soak suite with `refreshes` refreshes and resolves what it measured:
 *   { refreshes, warmUp, heapSlopeBytesPerRefresh, heapSlopeStandardErrorBytes,
 *     heapSlopeSecondHalfBytesPerRefresh, heapStartBytes,
 *     heapEndBytes, heapBeforeWarmUpBytes, timersBefore, timersAfter, listenersBefore,
 *     listenersAfter, hostTimeoutsBefore, hostTimeoutsAfter, durationMs, mix, stepMs, heapSlopeBySpace,
 *     sampleEvery, samples, wallMs, vscodeStartMs }
 * heapStartBytes and heapEndBytes are the first and last samples of the fit (after the warm-up);
 * durationMs is the refreshes' own time in the extension host (not VS Code's start).
 *   build  runs `npm run build` first (the development bundle and the in-host suites); pass false
 *          when the caller has just built
 *   log    receives progress and the suite's own output, line by line
 */
export async function measureSoak({ refreshes = 2000, build = true, log = (line) => console.error(line) } = {}) {
  const suite = IN_HOST_SUITES.find((candidate) => candidate.name === SUITE);
  if (!suite) throw new Error(`test/integration/suites.mjs lists no "${SUITE}" suite.`);
  if (build) buildExtension();
  await ensureVSCode({ log });
  const resultFile = join(resultsRoot, 'soak-host.json');
  await rm(resultFile, { force: true });
  log(`Soak: ${refreshes} refreshes in a real extension host…`);
  const started = Date.now();
  let suiteStartedAt;
  const extensionFolder = typeof suite.extensionFolder === 'function' ? await suite.extensionFolder() : (suite.extensionFolder ?? repoRoot);
  const run = await runInHost({
    name: SUITE,
    extensionFolder,
    codeServerArgs: suite.codeServerArgs ?? [],
    env: { ...suite.env, AG_SOAK_REFRESHES: String(refreshes), AG_SOAK_RESULT: resultFile },
    starts: suite.starts ?? 1,
    // VS Code's start, plus at most half a second a refresh (the soak runs about a tenth of that).
    timeoutMs: 180_000 + refreshes * 500,
    print: (line) => {
      suiteStartedAt ??= Date.now();
      log(line);
    },
  });
  const failures = run.results.filter((result) => result.outcome === 'failed');
  if (failures.length > 0 || run.exitCode !== 0 || !existsSync(resultFile)) {
    const reasons = failures.map((failure) => `${failure.title}: ${failure.error ?? 'failed'}`).join('\n');
    throw new Error(`The soak did not finish (exit code ${run.exitCode}).${reasons ? `\n${reasons}` : ''}`);
  }
  const measured = JSON.parse(await readFile(resultFile, 'utf8'));
  // Wall-clock time of the whole run, and of VS Code's start up to the suite's first line.
  return { ...measured, wallMs: Date.now() - started, vscodeStartMs: (suiteStartedAt ?? started) - started };
}

async function main() {
  const { values, number } = parseCommandLine(USAGE, {
    options: { refreshes: { type: 'string', default: '2000' }, 'no-build': { type: 'boolean', default: false } },
  });
  const result = await measureSoak({ refreshes: number('refreshes', { integer: true, min: 1 }), build: !values['no-build'] });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(
      error?.name === 'UsageError' ? error.message : `The soak could not run: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  });
}
