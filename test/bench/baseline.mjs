// The baseline extension (test/bench/baseline/) as a .vsix, for the activation benchmark: bundled
// with esbuild.js's own options for dist/extension.js in production (minified, cjs, node), so the
// only difference from Account Glance is what the code does, and packaged with vsce into
// .cache/bench-baseline/ (never the repository's root; .vscodeignore keeps test/ out of ours).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheRoot, repoRoot } from '../harness/paths.mjs';

const SOURCE = join(repoRoot, 'test', 'bench', 'baseline');
const STAGING = join(cacheRoot, 'bench-baseline');

/** The baseline's identity in VS Code: its displayName (what Running Extensions shows) and id. */
export const BASELINE = (() => {
  const { publisher, name, displayName } = JSON.parse(readFileSync(join(SOURCE, 'package.json'), 'utf8'));
  return { id: `${publisher}.${name}`, displayName };
})();

/** Bundles and packages the baseline; resolves the .vsix path. */
export async function packageBaseline() {
  const require = createRequire(import.meta.url);
  const { extensionBuilds } = require(join(repoRoot, 'esbuild.js'));
  const [startupBundle] = extensionBuilds({ production: true });
  const { build } = require('esbuild');
  const folder = join(STAGING, 'extension');
  await rm(STAGING, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await cp(join(SOURCE, 'package.json'), join(folder, 'package.json'));
  await cp(join(SOURCE, 'media'), join(folder, 'media'), { recursive: true });
  const result = await build({
    ...startupBundle,
    plugins: [],
    absWorkingDir: repoRoot,
    entryPoints: [join(SOURCE, 'extension.ts')],
    outfile: join(folder, 'dist', 'extension.js'),
  });
  if (result.errors.length > 0) throw new Error('Bundling the baseline extension failed.');
  const { version } = JSON.parse(readFileSync(join(SOURCE, 'package.json'), 'utf8'));
  const vsix = join(STAGING, `bench-baseline-${version}.vsix`);
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packaged = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix],
    { cwd: folder, encoding: 'utf8' },
  );
  if (packaged.status !== 0 || !existsSync(vsix)) throw new Error(`Packaging the baseline failed:\n${packaged.stdout}\n${packaged.stderr}`);
  return vsix;
}
