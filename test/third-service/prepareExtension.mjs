// Builds the extension with the test-only Stampbox adapter into .cache/third-service-extension/:
// the shipped package.json, package.nls.json, l10n/ and media/, and a bundle of
// test/third-service/extension.ts (the real activate() with one more adapter) as dist/extension.js.
import { build } from 'esbuild';
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
  await build({
    entryPoints: [join(repoRoot, 'test', 'third-service', 'extension.ts')],
    outfile: join(folder, 'dist', 'extension.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'web-streams-polyfill', 'web-streams-polyfill/*'],
    sourcemap: true,
    logLevel: 'warning',
  });
  return folder;
}
