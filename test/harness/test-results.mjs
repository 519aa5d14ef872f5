// Every tier's results in one machine-readable shape, test-results/<tier>.json:
//   { "tests": [{ "title": "…", "outcome": "passed" | "failed" | "skipped", "durationMs": 12, "error": "…" }] }
// written by each tier (node:test through results-reporter.mjs, the in-host suites through
// scripts/run-integration.mjs) and summed by scripts/test-all.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resultsRoot } from './paths.mjs';

// npm test names a folder of its own (AG_RESULTS_DIR), so a tier run by hand meanwhile cannot overwrite what it reads.
const resultsDir = () => process.env.AG_RESULTS_DIR ?? resultsRoot;

export const resultsFile = (tier) => join(resultsDir(), `${tier}.json`);

/** The file's text for these results. */
export function serializeResults(tests) {
  return `${JSON.stringify({ tests }, null, 2)}\n`;
}

/** Removes a tier's old results and makes sure the folder exists, before the tier runs. */
export async function clearResults(tier) {
  await mkdir(resultsDir(), { recursive: true });
  await rm(resultsFile(tier), { force: true });
}

export async function writeResults(tier, tests) {
  await mkdir(resultsDir(), { recursive: true });
  await writeFile(resultsFile(tier), serializeResults(tests));
}

/** A tier's results, or undefined when it wrote none (it crashed, or never got to run). */
export function readResults(tier) {
  if (!existsSync(resultsFile(tier))) return undefined;
  try {
    const { tests } = JSON.parse(readFileSync(resultsFile(tier), 'utf8'));
    return Array.isArray(tests) ? tests : undefined;
  } catch {
    return undefined;
  }
}

/** { passed, failed, skipped } over a list of results. */
export function tally(tests) {
  const count = (outcome) => tests.filter((test) => test.outcome === outcome).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
