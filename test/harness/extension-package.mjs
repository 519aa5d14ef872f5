// The extension as the runners load it: the development build (dist/ and out/test/integration/,
// what the in-host suites and the demo load) and the packaged .vsix (what the UI tests and the
// benchmark install, built like a release: vscode:prepublish type-checks, lints and minifies).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot, repoRoot } from './paths.mjs';

/** `npm run build`: the development bundle of the extension and of the in-host suites. */
export function buildExtension() {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed (npm run build).');
}

/** `npm run package` into .cache/<folder>/ (never the repository's root); returns the .vsix path. */
export async function packageExtension(folder) {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = join(cacheRoot, folder, `${name}-${version}.vsix`);
  await mkdir(join(cacheRoot, folder), { recursive: true });
  const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  return vsix;
}

let packaging;

/**
 * The packaged extension for the UI tests: $AG_VSIX when the runner already built it, else
 * packageExtension('ui') once per process.
 */
export function packagedVsix() {
  if (process.env.AG_VSIX && existsSync(process.env.AG_VSIX)) return Promise.resolve(process.env.AG_VSIX);
  packaging ??= packageExtension('ui').then((vsix) => (process.env.AG_VSIX = vsix));
  return packaging;
}
