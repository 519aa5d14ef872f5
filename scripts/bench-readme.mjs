// npm run bench:readme
//
// Rewrites README.md's performance table from test-results/bench.json (what the last
// `npm run bench` measured): the text between its two bench:table HTML comments, nothing else.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchTable, replaceReadmeTable } from '../test/bench/report.mjs';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { repoRoot, resultsRoot } from '../test/harness/paths.mjs';

async function main() {
  parseCommandLine('npm run bench:readme', { args: process.argv.slice(2), options: {} });
  let result;
  try {
    result = JSON.parse(await readFile(join(resultsRoot, 'bench.json'), 'utf8'));
  } catch (error) {
    throw new Error(`No benchmark to copy (test-results/bench.json: ${error.message}); run npm run bench first.`, { cause: error });
  }
  const readmePath = join(repoRoot, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const updated = replaceReadmeTable(readme, benchTable(result));
  if (updated === readme) {
    console.log('README.md already has this table.');
    return;
  }
  await writeFile(readmePath, updated);
  console.log(`README.md: the performance table now shows the benchmark of ${result.date}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
