// The baseline extension (test/bench/baseline/) as a .vsix, for the activation benchmark: bundled
// with esbuild.js's own options for dist/extension.js in production (minified, cjs, node), so the
// only difference from Account Glance is what the code does, and packaged with vsce into
// .cache/bench-baseline/ (never the repository's root; .vscodeignore keeps test/ out of ours).
// And, for the long-day soak's yardstick, its soak.ts (the same extension plus the soak's commands)
// as a development folder, .cache/bench-baseline-soak/: bundled as `npm run build` bundles
// dist/extension.js, the build Account Glance's own soak runs. Two entry points rather than one,
// so that what the activation .vsix does at start-up stays exactly the bare yardstick.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheRoot, repoRoot } from '../harness/paths.mjs';

const SOURCE = join(repoRoot, 'test', 'bench', 'baseline');
const STAGING = join(cacheRoot, 'bench-baseline');
const SOAK_FOLDER = join(cacheRoot, 'bench-baseline-soak');

/** The baseline's identity in VS Code: its displayName (what Running Extensions shows) and id. */
export const BASELINE = (() => {
  const { publisher, name, displayName } = JSON.parse(readFileSync(join(SOURCE, 'package.json'), 'utf8'));
  return { id: `${publisher}.${name}`, displayName };
})();

/**
 * Writes the baseline's manifest, media and `entry` (a file of test/bench/baseline/) bundled as its
 * dist/extension.js into `folder`, emptied first; `production` as esbuild.js's production build.
 */
async function stageBaseline({ folder, entry, production }) {
  const require = createRequire(import.meta.url);
  const { extensionBuilds } = require(join(repoRoot, 'esbuild.js'));
  const [startupBundle] = extensionBuilds({ production });
  const { build } = require('esbuild');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await cp(join(SOURCE, 'package.json'), join(folder, 'package.json'));
  await cp(join(SOURCE, 'media'), join(folder, 'media'), { recursive: true });
  const result = await build({
    ...startupBundle,
    plugins: [],
    absWorkingDir: repoRoot,
    entryPoints: [join(SOURCE, entry)],
    outfile: join(folder, 'dist', 'extension.js'),
  });
  if (result.errors.length > 0) throw new Error(`Bundling the baseline extension (${entry}) failed.`);
}

/** The baseline with the soak's commands (soak.ts) as a development folder; resolves its path (an in-host suite's extensionFolder). */
export async function prepareBaselineSoakExtension() {
  await stageBaseline({ folder: SOAK_FOLDER, entry: 'soak.ts', production: false });
  return SOAK_FOLDER;
}

/** Bundles and packages the baseline; resolves the .vsix path. */
export async function packageBaseline() {
  const folder = join(STAGING, 'extension');
  await rm(STAGING, { recursive: true, force: true });
  await stageBaseline({ folder, entry: 'extension.ts', production: true });
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
