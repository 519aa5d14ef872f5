// npm test: unit, then integration (in a real extension host), then UI (Playwright), in that
// order; every tier runs even after one fails. Ends with one line "N passed, N failed" (totals
// over the tiers) that CI reads; exits non-zero when any tier fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './offline-vscode.mjs';
import { runAndCapture, testCounts } from './test-output.mjs';

const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const tiers = [
  { name: 'unit', script: 'test:unit' },
  { name: 'integration', script: 'test:integration' },
  { name: 'ui', script: 'test:ui' },
];

// node:test picks TAP when its output is not a terminal; ask for the readable reporter.
const env = { ...process.env };
if (!/--test-reporter/.test(env.NODE_OPTIONS ?? '')) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --test-reporter=spec`.trim();

const started = Date.now();
const results = [];
for (const tier of tiers) {
  if (!scripts[tier.script]) {
    console.log(`\n=== ${tier.name}: skipped (no "${tier.script}" script in package.json) ===`);
    continue;
  }
  console.log(`\n=== ${tier.name}: npm run ${tier.script} ===`);
  const tierStarted = Date.now();
  const { code, output } = await runAndCapture('npm', ['run', '--silent', tier.script], { cwd: repoRoot, env });
  const counts = testCounts(output);
  const passed = counts?.passed ?? 0;
  // A tier that fails without reporting failures (it crashed, or never got to run) counts as one.
  const failed = counts && counts.failed > 0 ? counts.failed : code === 0 ? (counts?.failed ?? 0) : Math.max(1, counts?.failed ?? 0);
  results.push({ name: tier.name, code, passed, failed, seconds: (Date.now() - tierStarted) / 1000, counted: Boolean(counts) });
}

console.log('\n=== summary ===');
for (const result of results) {
  const note = result.counted ? '' : result.code === 0 ? ' (no counts found in its output)' : ' (it failed before reporting counts)';
  console.log(
    `${result.name.padEnd(12)} ${result.code === 0 ? 'ok    ' : 'FAILED'} ${result.passed} passed, ${result.failed} failed, ${result.seconds.toFixed(1)} s${note}`,
  );
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.some((result) => result.code !== 0) || failed > 0 ? 1 : 0);
