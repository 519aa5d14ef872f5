// A node:test reporter that writes the run's results in test-results.mjs's shape; node-test.mjs
// names it next to the spec reporter, which people read.
import { relative } from 'node:path';
import { repoRoot } from './paths.mjs';
import { serializeResults } from './test-results.mjs';

export default async function* resultsReporter(events) {
  const tests = [];
  for await (const { type, data } of events) {
    // describe() blocks pass or fail with their tests; node's own tally counts only the tests.
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    const outcome = data.skip || data.todo ? 'skipped' : type === 'test:pass' ? 'passed' : 'failed';
    const file = data.file ? relative(repoRoot, data.file) : undefined;
    const error = data.details?.error;
    tests.push({
      title: file ? `${file} › ${data.name}` : data.name,
      outcome,
      durationMs: data.details?.duration_ms,
      ...(outcome === 'failed' && error ? { error: String(error.cause?.message ?? error.cause ?? error.message) } : {}),
    });
  }
  yield serializeResults(tests);
}
