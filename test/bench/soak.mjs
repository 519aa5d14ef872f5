// The long-day soak (issue 15) and its yardstick (issue 24): runs the benchOnly in-host suite `soak`
// (test/integration/longDay.soak.ts) in a real extension host (code-server + Chromium, as the
// integration tier does), then the same loop with only the baseline extension loaded (suite
// `soak-baseline`, test/integration/baselineDay.soak-baseline.ts), and reads back the figures both
// write. The whole host's heap slope includes what VS Code's host itself keeps per command, status
// update and request; the baseline's soak has all of that too, so the difference of the two slopes
// is Account Glance's own. A benchmark, not a test: it fails only when it cannot measure.
//
//   node test/bench/soak.mjs [--refreshes N] [--warm-up N] [--no-build] [--no-baseline]
//
// prints one JSON object: { refreshes, warmUp, heapSlopeBytesPerRefresh, heapStartBytes,
// heapEndBytes, timersBefore, timersAfter, listenersBefore, listenersAfter, durationMs, mix, …,
// baselineHeapSlopeBytesPerRefresh, netHeapSlopeBytesPerRefresh, baseline: { … } } (goals: a net
// slope of at most 100 bytes per refresh, the whole host's under 1 KB; as many timers and listeners
// after as before). --no-baseline skips the baseline's soak (and the net figures). Its progress goes
// to stderr. Starts code-server and Chromium: run one such thing at a time.
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

const USAGE = 'node test/bench/soak.mjs [--refreshes N] [--warm-up N] [--no-build] [--no-baseline]';
/** Account Glance's soak, and the baseline extension's same soak. */
const SUITE = 'soak';
const BASELINE_SUITE = 'soak-baseline';

/**
 * Runs Account Glance's soak and then the baseline's, `refreshes` refreshes each, and resolves what
 * Account Glance's measured:
 *   { refreshes, warmUp, heapSlopeBytesPerRefresh, heapSlopeStandardErrorBytes,
 *     compiledCodeSlopeByQuarter, heapStartBytes,
 *     heapEndBytes, heapBeforeWarmUpBytes, timersBefore, timersAfter, listenersBefore,
 *     listenersAfter, hostTimeoutsBefore, hostTimeoutsAfter, durationMs, mix, stepMs, heapSlopeBySpace,
 *     sampleEvery, samples, wallMs, vscodeStartMs }
 * with the baseline's slope and the difference (unless `baseline` is false):
 *   { baselineHeapSlopeBytesPerRefresh, baselineHeapSlopeStandardErrorBytes,
 *     netHeapSlopeBytesPerRefresh, netHeapSlopeStandardErrorBytes, netHeapSlopeBySpace,
 *     baseline: { the baseline soak's own figures, as above but for timers and listeners } }
 * heapStartBytes and heapEndBytes are the first and last samples of the fit (after the warm-up);
 * durationMs is the refreshes' own time in the extension host (not VS Code's start). The net
 * slope's standard error is the two fits' combined (they are independent runs).
 *   build     runs `npm run build` first (the development bundle and the in-host suites); pass
 *             false when the caller has just built
 *   warmUp    refreshes before the fit's first point (default, and at most, half the soak: V8
 *             compiles more of the code for thousands of refreshes; see soakLoop.ts)
 *   baseline  false: Account Glance's soak alone
 *   log       receives progress and the suites' own output, line by line
 */
export async function measureSoak({ refreshes = 4000, warmUp, build = true, baseline = true, log = (line) => console.error(line) } = {}) {
  if (build) buildExtension();
  await ensureVSCode({ log });
  log(`Soak: ${refreshes} refreshes in a real extension host…`);
  const own = await runSoakSuite(SUITE, { refreshes, warmUp, log });
  if (!baseline) return own;
  log(`Soak of the baseline extension alone: the same ${refreshes} refreshes…`);
  const yardstick = await runSoakSuite(BASELINE_SUITE, { refreshes, warmUp, log });
  const round = (value) => Math.round(value * 10) / 10;
  return {
    ...own,
    baselineHeapSlopeBytesPerRefresh: yardstick.heapSlopeBytesPerRefresh,
    baselineHeapSlopeStandardErrorBytes: yardstick.heapSlopeStandardErrorBytes,
    netHeapSlopeBytesPerRefresh: round(own.heapSlopeBytesPerRefresh - yardstick.heapSlopeBytesPerRefresh),
    netHeapSlopeStandardErrorBytes: round(Math.hypot(own.heapSlopeStandardErrorBytes, yardstick.heapSlopeStandardErrorBytes)),
    // Where the difference is, per V8 heap space (bytes per refresh).
    netHeapSlopeBySpace: Object.fromEntries(
      Object.entries(own.heapSlopeBySpace).map(([space, slope]) => [space, round(slope - (yardstick.heapSlopeBySpace[space] ?? 0))]),
    ),
    baseline: yardstick,
  };
}

/** Runs the in-host suite `name` (one of the two soaks) and resolves what it wrote, with its wall-clock times. */
async function runSoakSuite(name, { refreshes, warmUp, log }) {
  const suite = IN_HOST_SUITES.find((candidate) => candidate.name === name);
  if (!suite) throw new Error(`test/integration/suites.mjs lists no "${name}" suite.`);
  const resultFile = join(resultsRoot, `${name}-host.json`);
  await rm(resultFile, { force: true });
  const started = Date.now();
  let suiteStartedAt;
  const extensionFolder = typeof suite.extensionFolder === 'function' ? await suite.extensionFolder() : (suite.extensionFolder ?? repoRoot);
  const run = await runInHost({
    name,
    extensionFolder,
    codeServerArgs: suite.codeServerArgs ?? [],
    env: {
      ...suite.env,
      AG_SOAK_REFRESHES: String(refreshes),
      ...(warmUp === undefined ? {} : { AG_SOAK_WARM_UP: String(warmUp) }),
      AG_SOAK_RESULT: resultFile,
    },
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
    throw new Error(`The ${name} suite did not finish (exit code ${run.exitCode}).${reasons ? `\n${reasons}` : ''}`);
  }
  const measured = JSON.parse(await readFile(resultFile, 'utf8'));
  // Wall-clock time of the whole run, and of VS Code's start up to the suite's first line.
  return { ...measured, wallMs: Date.now() - started, vscodeStartMs: (suiteStartedAt ?? started) - started };
}

async function main() {
  const { values, number } = parseCommandLine(USAGE, {
    options: {
      refreshes: { type: 'string', default: '4000' },
      'warm-up': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
    },
  });
  const result = await measureSoak({
    refreshes: number('refreshes', { integer: true, min: 1 }),
    warmUp: values['warm-up'] === undefined ? undefined : number('warm-up', { integer: true, min: 0 }),
    build: !values['no-build'],
    baseline: !values['no-baseline'],
  });
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
