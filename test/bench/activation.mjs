// Activation inside a real extension host (code-server with the packaged .vsix), two ways:
//   - as VS Code reports it: Developer: Show Running Extensions shows each extension's activation
//     time (code loading plus the activate() call, "Activation: N ms"), read off the workbench for
//     Account Glance and for the baseline extension (test/bench/baseline/: one status-bar item, one
//     tree view with three rows, the same activation event and bundling), both installed in the
//     same window, so the ratio of the two cancels most of the machine's speed;
//   - from what activate() itself logs: "Activated in X ms (cached state shown after Y ms)".
// Run by `npm run bench`.
//
// The first activation is a fresh profile (no token, no cache). Then a person signs in to both
// services against the fake servers, and the window is reloaded `reloads` times: each reload starts
// a new extension host whose activate() finds tokens and a cached snapshot, the case that matters.
// With `seededHistory` (a folder of history files, test/bench/historyScale.ts writes 20 accounts' years
// of them), the profile of issue 24 instead: the person adds `seededAccounts` accounts (20: Leadping
// and Signeasy alternately, each another holder at the fake server, so another account to the
// extension), and each account's history file is replaced by a year of its service's history from
// that folder before the reloads, so every reload starts beside a year of history per account.
import { readFileSync } from 'node:fs';
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { repoRoot } from '../harness/paths.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  addAccountThroughPalette,
  openWorkbench,
  readStatusBarItem,
  runCommand,
  setTokenThroughPalette,
  waitForWorkbench,
} from '../harness/workbench.mjs';
import { BASELINE, packageBaseline } from './baseline.mjs';

const ACTIVATED = /Activated in ([\d.]+) ms \(cached state shown after ([\d.]+) ms\)/;
const GLANCE = /LP \$18\.75 · SE 1,760/;
/** The services of the seeded profile, in the order their accounts are added; each headline as the glance shows it. */
const SEEDED_SERVICES = [
  { id: 'leadping', displayName: 'Leadping', mark: 'LP', headline: '\\$18\\.75' },
  { id: 'signeasy', displayName: 'Signeasy', mark: 'SE', headline: '1,760' },
];
const BASELINE_GLANCE = /BL 3 rows/;
/** The Running Extensions row's time: "Activation: 61ms", or "Startup Activation: 61ms" for `*` and workspaceContains. */
const REPORTED = /Activation:\s*(\d+(?:\.\d+)?)\s*ms/;
const MANIFEST = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** Running Extensions labels each row with the extension's package name. */
const ACCOUNT_GLANCE_NAME = MANIFEST.name;
/** Where the extension keeps its credit-history files in a profile (context.globalStorageUri + src/storage/stores.ts's folder). */
const HISTORY_FOLDER = join('User', 'globalStorage', `${MANIFEST.publisher}.${MANIFEST.name}`.toLowerCase(), 'creditHistory');
const BASELINE_NAME = BASELINE.id.split('.').at(-1);
// Tall enough that the Running Extensions list (70 px a row, sorted slowest first) renders every
// activated extension at once; readRunningExtensions() scrolls when it does not.
const VIEWPORT = { width: 1280, height: 1600 };

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

const describe = ({ activateMs, reported }) =>
  `activate() ${activateMs} ms; reported ${reported.accountGlanceMs} ms, baseline ${reported.baselineMs} ms (${reported.ratio.toFixed(2)}×)`;

async function waitForActivations(userDataDir, count) {
  let activations = [];
  await waitFor(async () => (activations = await loggedActivations(userDataDir)).length >= count, `activation ${count} in the log`, 60_000);
  return activations;
}

/** The rows of the Running Extensions editor now rendered: { name (package name), title, text }. */
function renderedRows(page) {
  return page.locator('.runtime-extensions-editor .monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.getAttribute('aria-label') ?? '',
      title: row.querySelector('.name')?.textContent ?? '',
      text: row.querySelector('.activation-time')?.textContent ?? '',
    })),
  );
}

/**
 * Closes the Running Extensions editor: VS Code 1.139 opens it in a modal editor, which Escape
 * closes (and which keeps F1 from opening the command palette meanwhile); a plain editor is closed
 * with View: Close All Editors.
 */
async function closeRunningExtensions(page) {
  const editor = page.locator('.runtime-extensions-editor');
  await page.keyboard.press('Escape');
  try {
    await editor.first().waitFor({ state: 'detached', timeout: 5_000 });
  } catch {
    await runCommand(page, 'View: Close All Editors');
    await editor.first().waitFor({ state: 'detached', timeout: 10_000 });
  }
}

/**
 * Opens Developer: Show Running Extensions and reads the activation time VS Code reports for each
 * extension in `names` (package names); resolves { [name]: ms }, then closes the editor again
 * (the next command needs the palette, and the next reload should not restore it). Throws, with what the editor showed, when one never shows a time.
 */
export async function readRunningExtensions(page, names, { timeoutMs = 30_000 } = {}) {
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.runtime-extensions-editor .monaco-list');
  await list.first().waitFor({ state: 'visible', timeout: timeoutMs });
  const found = new Map();
  let seen = [];
  let shown = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    seen = await renderedRows(page);
    for (const row of seen) {
      const match = REPORTED.exec(row.text);
      if (match && names.includes(row.name)) found.set(row.name, Number(match[1]));
    }
    if (names.every((name) => found.has(name))) break;
    // Below the fold, or still "Activating...": scroll on, and back to the top once at the bottom.
    const now = seen.map((row) => row.name).join();
    const box = await list.first().boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
      await page.mouse.wheel(0, now === shown ? -100_000 : 400);
    }
    shown = now;
    await page.waitForTimeout(250);
  }
  await closeRunningExtensions(page);
  const missing = names.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(
      `Running Extensions showed no activation time for ${missing.join(', ')}. It showed: ${JSON.stringify(seen.map((row) => `${row.name}: ${row.text}`))}`,
    );
  }
  return Object.fromEntries(found);
}

/**
 * The status-bar item once it shows `counts[service]` accounts of each seeded service: the last of
 * each, since the item numbers a service's accounts once it shows several ("LP $18.75 · SE 1,760",
 * "LP1 $18.75 · … · LP10 $18.75 · SE1 1,760 · … · SE10 1,760").
 */
function glanceOf(counts) {
  const lastOfEach = SEEDED_SERVICES.filter(({ id }) => counts[id] > 0).map(
    ({ id, mark, headline }) => `${mark}${counts[id] > 1 ? counts[id] : ''} ${headline}`,
  );
  return new RegExp(lastOfEach.join('.*'));
}

/**
 * Adds `count` accounts through Add Account..., alternately of each seeded service, each token
 * another holder at the fake server (`+account-N`: an id and email of its own, so another account
 * to the extension, not the same one again), and waits for each on the status bar. Resolves the
 * glance that shows them all.
 */
async function addSeededAccounts(page, tokens, count) {
  const counts = Object.fromEntries(SEEDED_SERVICES.map(({ id }) => [id, 0]));
  for (let index = 1; index <= count; index++) {
    const service = SEEDED_SERVICES[(index - 1) % SEEDED_SERVICES.length];
    counts[service.id]++;
    await addAccountThroughPalette(page, service.displayName, `${tokens[service.id]}+account-${index}`);
    await waitFor(() => readStatusBarItem(page, glanceOf(counts)), `account ${index} (${service.displayName}) in the status bar`, 30_000);
  }
  return glanceOf(counts);
}

/** The service of a history file's account: its key up to `~` (a further account) or the end. */
const serviceOfHistoryFile = (name) => name.replace(/\.json$/, '').split('~')[0];

/** The account history files in `folder` (not the temporary files a write renames into place), by name. */
async function historyFileNames(folder) {
  const names = await readdir(folder).catch(() => []);
  return names.filter((name) => name.endsWith('.json')).sort();
}

/**
 * Replaces each of the `count` signed-in accounts' history files in `historyFolder` (the extension
 * wrote them at sign-in, named by account keys it drew at random) with a seed file of the same
 * service from `seededHistory`, one seed per account. Resolves { files: the account files, seedBytes
 * by file }.
 */
async function seedAccountHistories(historyFolder, seededHistory, count) {
  let files = [];
  await waitFor(
    async () => (files = await historyFileNames(historyFolder)).length >= count,
    `a history file for each of the ${count} accounts`,
    60_000,
  );
  if (files.length !== count) throw new Error(`${files.length} history files for ${count} accounts: ${files.join(', ')}`);
  const seeds = await historyFileNames(seededHistory);
  const seedBytes = new Map();
  for (const { id } of SEEDED_SERVICES) {
    const accountsOf = files.filter((name) => serviceOfHistoryFile(name) === id);
    const seedsOf = seeds.filter((name) => serviceOfHistoryFile(name) === id);
    if (seedsOf.length < accountsOf.length)
      throw new Error(`${seedsOf.length} ${id} seed files in ${seededHistory} for ${accountsOf.length} ${id} accounts`);
    for (const [at, name] of accountsOf.entries()) {
      const seed = join(seededHistory, seedsOf[at]);
      await copyFile(seed, join(historyFolder, name));
      seedBytes.set(name, (await stat(seed)).size);
    }
  }
  return { files, seedBytes };
}

/**
 * Throws unless every seeded account's file was written by the extension after it was seeded (each
 * reload's refresh records into it: proof the files are where the extension reads them, under the
 * names of the accounts it holds) and still holds the year of history (at least half the seed's
 * bytes), not a history started afresh.
 */
async function assertRecordedIntoSeeds(historyFolder, { files, seedBytes }, seededAt) {
  const notRecorded = [];
  for (const name of files) {
    const { mtimeMs, size } = await stat(join(historyFolder, name));
    if (mtimeMs <= seededAt || size < (seedBytes.get(name) ?? 0) / 2) notRecorded.push(`${name} (${size} bytes)`);
  }
  if (notRecorded.length > 0)
    throw new Error(
      `The seeded history in ${historyFolder} was not recorded into by the extension, or no longer holds the year seeded: ${notRecorded.join(', ')}`,
    );
}

/** Both extensions' reported activation times: { accountGlanceMs, baselineMs, ratio }. */
async function readReported(page) {
  await waitFor(() => readStatusBarItem(page, BASELINE_GLANCE, { timeoutMs: 30_000 }), 'the baseline in the status bar', 60_000);
  const times = await readRunningExtensions(page, [ACCOUNT_GLANCE_NAME, BASELINE_NAME]);
  const accountGlanceMs = times[ACCOUNT_GLANCE_NAME];
  const baselineMs = times[BASELINE_NAME];
  return { accountGlanceMs, baselineMs, ratio: accountGlanceMs / Math.max(baselineMs, 1) };
}

/**
 * Resolves {
 *   first:     { at, activateMs, cachedPaintMs, reported: { accountGlanceMs, baselineMs, ratio } },
 *   withCache: [same, one per reload],
 *   baseline:  { id, displayName },
 *   seededAccounts, seededHistoryFiles: with `seededHistory`, the accounts signed in and the history
 *              files the reloads found (one each),
 * }: activateMs and cachedPaintMs from the extension's log, reported from Running Extensions
 * (whole milliseconds; the ratio's baseline is taken as at least 1 ms; undefined for an
 * activation the log has but no reload read, e.g. an extension host that restarted on its own).
 */
export async function measureActivation({
  reloads = 7,
  vsix,
  seededHistory,
  seededAccounts = 20,
  log = (line) => console.error(line),
} = {}) {
  const baselineVsix = await packageBaseline();
  const fake = await launchFakeServer();
  let workbench;
  try {
    workbench = await openWorkbench({ settings: fake.baseUrlSettings, vsix: [vsix, baselineVsix], viewport: VIEWPORT });
    const { page, server } = workbench;
    const [first] = await waitForActivations(server.userDataDir, 1);
    first.reported = await readReported(page);
    log(`  activation 1 (fresh profile): ${describe(first)}`);
    let glance = GLANCE;
    if (seededHistory) {
      glance = await addSeededAccounts(page, fake.tokens, seededAccounts);
    } else {
      await setTokenThroughPalette(page, 'Leadping', fake.tokens.leadping);
      await waitFor(() => readStatusBarItem(page, /LP \$/), 'Leadping in the status bar', 30_000);
      await setTokenThroughPalette(page, 'Signeasy', fake.tokens.signeasy);
      await waitFor(() => readStatusBarItem(page, GLANCE), 'both services in the status bar', 30_000);
    }
    const historyFolder = join(server.userDataDir, HISTORY_FOLDER);
    let seeded;
    let seededAt;
    if (seededHistory) {
      seeded = await seedAccountHistories(historyFolder, seededHistory, seededAccounts);
      seededAt = Date.now();
      log(`  ${seededAccounts} accounts signed in, each with a year of history: ${await readStatusBarItem(page, glance)}`);
    }
    // VS Code batches extension-state writes; a reload within a moment of the last one can lose it.
    await page.waitForTimeout(3_000);
    const reported = new Map();
    for (let reload = 1; reload <= reloads; reload++) {
      await page.reload();
      await waitForWorkbench(page);
      await waitFor(() => readStatusBarItem(page, glance, { timeoutMs: 30_000 }), 'the glance after a reload', 60_000);
      const activations = await waitForActivations(server.userDataDir, reload + 1);
      const sample = activations.at(-1);
      sample.reported = await readReported(page);
      reported.set(sample.at, sample.reported);
      log(`  activation ${reload + 1} (signed in, cached state): ${describe(sample)}`);
      await page.waitForTimeout(1_000);
    }
    const activations = await loggedActivations(server.userDataDir);
    let seededHistoryFiles;
    if (seeded) {
      await assertRecordedIntoSeeds(historyFolder, seeded, seededAt);
      seededHistoryFiles = (await historyFileNames(historyFolder)).length;
    }
    return {
      seededAccounts: seeded ? seededAccounts : undefined,
      seededHistoryFiles,
      first: { ...activations[0], reported: first.reported },
      withCache: activations.slice(1).map((sample) => ({ ...sample, reported: reported.get(sample.at) })),
      baseline: BASELINE,
    };
  } finally {
    await workbench?.close();
    await fake.stop();
  }
}
