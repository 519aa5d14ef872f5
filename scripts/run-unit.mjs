// npm run test:unit [-- --grep <regexp>] [-- test/unit/some.test.ts ...]
//
// Runs test/unit/*.test.ts (or the files named) with node:test under tsx: the spec reporter for
// people, and every test's outcome in test-results/unit.json for npm test.
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { runNodeTests, testFilesIn } from '../test/harness/node-test.mjs';

const USAGE = 'npm run test:unit [-- --grep <regexp>] [-- test/unit/some.test.ts ...]';

try {
  const { values, positionals } = parseCommandLine(USAGE, { options: { grep: { type: 'string' } }, allowPositionals: true });
  const files = positionals.length > 0 ? positionals : testFilesIn('test/unit', '.test.ts');
  const testArgs = values.grep === undefined ? [] : [`--test-name-pattern=${values.grep}`];
  process.exit(await runNodeTests({ tier: 'unit', files, nodeArgs: ['--import', 'tsx'], testArgs }));
} catch (error) {
  console.error(`Unit tier could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
