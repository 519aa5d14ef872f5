// Activation inside a real extension host (code-server with the packaged .vsix), read from what
// activate() itself logs: "Activated in X ms (cached state shown after Y ms)". Run by
// `npm run bench`.
//
// The first activation is a fresh profile (no token, no cache). Then a person signs in to both
// services against the fake servers, and the window is reloaded `reloads` times: each reload starts
// a new extension host whose activate() finds tokens and a cached snapshot, the case that matters.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import { openWorkbench, readStatusBarItem, setTokenThroughPalette, waitForWorkbench } from '../harness/workbench.mjs';

const ACTIVATED = /Activated in ([\d.]+) ms \(cached state shown after ([\d.]+) ms\)/;
const GLANCE = /LP \$18\.75 · SE 1,760/;

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every activation the extension logged in this profile, oldest first. */
async function loggedActivations(userDataDir) {
  const logs = (await filesUnder(join(userDataDir, 'logs'))).filter((file) => file.endsWith('Account Glance.log'));
  const activations = [];
  for (const file of logs) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const match = ACTIVATED.exec(line);
      if (match) activations.push({ at: line.slice(0, 23), activateMs: Number(match[1]), cachedPaintMs: Number(match[2]) });
    }
  }
  return activations.sort((a, b) => a.at.localeCompare(b.at));
}

async function waitForActivations(userDataDir, count) {
  let activations = [];
  await waitFor(async () => (activations = await loggedActivations(userDataDir)).length >= count, `activation ${count} in the log`, 60_000);
  return activations;
}

/** Resolves { first: {activateMs, cachedPaintMs}, withCache: [{activateMs, cachedPaintMs}, ...] }. */
export async function measureActivation({ reloads = 7, vsix, log = (line) => console.error(line) } = {}) {
  const fake = await launchFakeServer();
  let workbench;
  try {
    workbench = await openWorkbench({ settings: fake.baseUrlSettings, vsix });
    const { page, server } = workbench;
    const [first] = await waitForActivations(server.userDataDir, 1);
    log(`  activation 1 (fresh profile): ${first.activateMs} ms`);
    await setTokenThroughPalette(page, 'Leadping', fake.tokens.leadping);
    await waitFor(() => readStatusBarItem(page, /LP \$/), 'Leadping in the status bar', 30_000);
    await setTokenThroughPalette(page, 'Signeasy', fake.tokens.signeasy);
    await waitFor(() => readStatusBarItem(page, GLANCE), 'both services in the status bar', 30_000);
    // VS Code batches extension-state writes; a reload within a moment of the last one can lose it.
    await page.waitForTimeout(3_000);
    for (let reload = 1; reload <= reloads; reload++) {
      await page.reload();
      await waitForWorkbench(page);
      await waitFor(() => readStatusBarItem(page, GLANCE, { timeoutMs: 30_000 }), 'the glance after a reload', 60_000);
      const activations = await waitForActivations(server.userDataDir, reload + 1);
      log(`  activation ${reload + 1} (signed in, cached state): ${activations.at(-1).activateMs} ms`);
      await page.waitForTimeout(1_000);
    }
    const activations = await loggedActivations(server.userDataDir);
    return { first: activations[0], withCache: activations.slice(1) };
  } finally {
    await workbench?.close();
    await fake.stop();
  }
}
