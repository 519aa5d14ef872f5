// npm run screenshots: copies the UI tests' latest screenshots that the README shows into
// docs/screenshots/, so the README's pictures are always ones a real test run took.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const from = join(repoRoot, 'test-results', 'screenshots');
const to = join(repoRoot, 'docs', 'screenshots');
const SHOWN_IN_README = [
  'demo',
  'accounts-view-signed-out',
  'status-bar-tooltip',
  'rejected-token',
  'error-state',
  'restart-offline',
  'confirm-base-url',
  'base-url-changed',
];

const missing = SHOWN_IN_README.filter((name) => !existsSync(join(from, `${name}.png`)));
if (missing.length > 0) {
  console.error(`Run the UI tests first (npm run test:ui): no ${missing.map((name) => `${name}.png`).join(', ')} in ${from}.`);
  process.exit(1);
}
await mkdir(to, { recursive: true });
for (const name of SHOWN_IN_README) await copyFile(join(from, `${name}.png`), join(to, `${name}.png`));
console.log(`Copied ${SHOWN_IN_README.length} screenshots to docs/screenshots/.`);
