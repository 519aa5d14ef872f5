// npm run screenshots: copies the UI tests' latest screenshots that the README shows into
// docs/screenshots/, so the README's pictures are always ones a real test run took.
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { repoRoot } from '../test/harness/paths.mjs';
import { SCREENSHOT_DIR } from '../test/harness/workbench.mjs';

const SHOWN_IN_README = [
  'demo',
  'accounts-view-signed-out',
  'status-bar-tooltip',
  'rejected-token',
  'error-state',
  'restart-offline',
  'confirm-base-url',
  'base-url-changed',
  'credit-history',
  'several-accounts',
  'status-menu',
  'privacy-mode',
  'hostile-notifications',
  'defined-service',
  'german-history',
];

try {
  parseCommandLine('npm run screenshots', { options: {} });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const to = join(repoRoot, 'docs', 'screenshots');
const missing = SHOWN_IN_README.filter((name) => !existsSync(join(SCREENSHOT_DIR, `${name}.png`)));
if (missing.length > 0) {
  console.error(`Run the UI tests first (npm run test:ui): no ${missing.map((name) => `${name}.png`).join(', ')} in ${SCREENSHOT_DIR}.`);
  process.exit(1);
}
await mkdir(to, { recursive: true });
for (const name of SHOWN_IN_README) await copyFile(join(SCREENSHOT_DIR, `${name}.png`), join(to, `${name}.png`));
console.log(`Copied ${SHOWN_IN_README.length} screenshots to docs/screenshots/.`);
