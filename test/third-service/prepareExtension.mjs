// Builds the extension with the test-only Stampbox adapter into .cache/third-service-extension/:
// the shipped package.json, package.nls.json, l10n/ and media/, and the two bundles as esbuild.js
// builds them, the core from test/third-service/core.ts (the real wiring with one more adapter).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Returns the folder to load as the extension (extensionDevelopmentPath). */
export async function prepareThirdServiceExtension() {
  const folder = join(repoRoot, '.cache', 'third-service-extension');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const name of ['package.json', 'package.nls.json', 'l10n', 'media', 'README.md']) {
    await cp(join(repoRoot, name), join(folder, name), { recursive: true });
  }
  const { extensionBuilds } = createRequire(import.meta.url)('../../esbuild.js');
  const builds = extensionBuilds({ coreEntry: join(repoRoot, 'test', 'third-service', 'core.ts'), outdir: join(folder, 'dist') });
  await Promise.all(builds.map((options) => build({ ...options, absWorkingDir: repoRoot })));
  return folder;
}
