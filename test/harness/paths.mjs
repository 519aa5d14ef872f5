// Where things are: the repository, its git-ignored cache (the offline VS Code, run folders,
// packaged .vsix files) and the results folder (machine-readable test results, screenshots).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cacheRoot = join(repoRoot, '.cache');
export const resultsRoot = join(repoRoot, 'test-results');
