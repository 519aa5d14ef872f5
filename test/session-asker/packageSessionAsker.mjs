// Packages the test-only Session Asker (extension.ts) as a .vsix under .cache/session-asker/, for
// the UI tier to install beside Account Glance (openWorkbench({ vsix: [...] })): bundled with
// esbuild as the extension itself is, and packed by the project's own vsce.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cacheRoot, repoRoot } from '../harness/paths.mjs';

const SOURCE = join(repoRoot, 'test', 'session-asker');

/** Builds and packs the Session Asker; resolves the .vsix path. */
export async function packageSessionAsker() {
  const folder = join(cacheRoot, 'session-asker', 'extension');
  const vsix = join(cacheRoot, 'session-asker', 'session-asker.vsix');
  await rm(join(cacheRoot, 'session-asker'), { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await copyFile(join(SOURCE, 'package.json'), join(folder, 'package.json'));
  await build({
    entryPoints: [join(SOURCE, 'extension.ts')],
    outfile: join(folder, 'dist', 'extension.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix];
  const result = spawnSync(vsce, args, { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(vsix)) throw new Error(`Packing the Session Asker failed:\n${result.stdout}\n${result.stderr}`);
  return vsix;
}
