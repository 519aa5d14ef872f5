// npm test: unit, then integration (in a real extension host), then UI (Playwright), in that
// order; every tier runs even after one fails. Counts come from each tier's machine-readable
// results (test-results/npm-test/<tier>.json, see test/harness/test-results.mjs), never from its
// printed output. Ends with one line "N passed, N failed" (totals over the tiers) that CI reads; exits
// non-zero when any tier fails.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { repoRoot, resultsRoot } from '../test/harness/paths.mjs';
import { clearResults, readResults, tally } from '../test/harness/test-results.mjs';

const TIERS = [
  { name: 'unit', script: 'test:unit' },
  { name: 'integration', script: 'test:integration' },
  { name: 'ui', script: 'test:ui' },
];

try {
  parseCommandLine('npm test', { options: {} });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// The tiers write their results here rather than test-results/<tier>.json, which a tier run by hand meanwhile would overwrite.
process.env.AG_RESULTS_DIR = join(resultsRoot, 'npm-test');

function run(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
const summaries = [];
for (const tier of TIERS) {
  console.log(`\n=== ${tier.name}: npm run ${tier.script} ===`);
  const tierStarted = Date.now();
  await clearResults(tier.name);
  const code = await run(tier.script);
  const tests = readResults(tier.name);
  const counts = tests ? tally(tests) : { passed: 0, failed: 0, skipped: 0 };
  // A tier that fails without a failed test on record (it crashed, or never got to run) counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  const failures = (tests ?? []).filter((test) => test.outcome === 'failed').map((test) => test.title);
  summaries.push({ ...tier, code, ...counts, failures, recorded: Boolean(tests), seconds: (Date.now() - tierStarted) / 1000 });
}

console.log('\n=== summary ===');
for (const tier of summaries) {
  const note = tier.recorded ? '' : ' (it wrote no results: it failed before its tests ran)';
  const skipped = tier.skipped > 0 ? `, ${tier.skipped} skipped` : '';
  console.log(
    `${tier.name.padEnd(12)} ${tier.code === 0 ? 'ok    ' : 'FAILED'} ${tier.passed} passed, ${tier.failed} failed${skipped}, ${tier.seconds.toFixed(1)} s${note}`,
  );
  for (const title of tier.failures) console.log(`  ✖ ${title}`);
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
const passed = summaries.reduce((sum, tier) => sum + tier.passed, 0);
const failed = summaries.reduce((sum, tier) => sum + tier.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(summaries.some((tier) => tier.code !== 0) || failed > 0 ? 1 : 0);
