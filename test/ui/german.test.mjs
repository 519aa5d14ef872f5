// Account Glance in German in a real VS Code. code-server chooses the display language with
// --locale, but only for a language a language pack declares; none can be downloaded here, so a
// stub pack (test/language-pack-de/) declares German and the run's languagepacks.json names it.
// VS Code's own words stay English; every word of Account Glance comes from its German bundles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { createRunDir, installExtension, startCodeServer } from '../harness/code-server.mjs';
import { packagedVsix } from '../harness/extension-package.mjs';
import { repoRoot } from '../harness/paths.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  accountGlanceTab,
  loadWorkbench,
  readNotifications,
  readStatusBarItem,
  runCommand,
  screenshot,
  screenshotOnFailure,
  treeText,
} from '../harness/workbench.mjs';

const STUB_ID = 'accountglance-test.language-pack-de-stub';
let fake;
let run;
let server;
let browser;
let page;

/** The stub language pack as a .vsix (vsce, into a scratch folder). */
async function packageStub() {
  const scratch = await mkdtemp(join(tmpdir(), 'ag-langpack-'));
  await cp(join(repoRoot, 'test', 'language-pack-de'), join(scratch, 'pack'), { recursive: true });
  const vsix = join(scratch, 'language-pack-de.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: join(scratch, 'pack'),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Packaging the German stub failed:\n${result.stdout}\n${result.stderr}`);
  return { vsix, remove: () => rm(scratch, { recursive: true, force: true }) };
}

before(async () => {
  fake = await launchFakeServer({ demo: true });
  run = await createRunDir('ui-german');
  const stub = await packageStub();
  try {
    for (const file of [await packagedVsix(), stub.vsix]) await installExtension(file, run.extensionsDir);
  } finally {
    await stub.remove();
  }
  const folder = (await readdir(run.extensionsDir)).find((name) => name.startsWith(STUB_ID));
  assert.ok(folder, 'the stub pack is installed');
  // What VS Code writes when a language pack is installed in this user-data folder.
  await writeFile(
    join(run.userDataDir, 'languagepacks.json'),
    JSON.stringify({
      de: {
        hash: 'accountglancestub',
        extensions: [{ extensionIdentifier: { id: STUB_ID }, version: '0.0.1' }],
        translations: { vscode: join(run.extensionsDir, folder, 'translations', 'main.i18n.json') },
        label: 'Deutsch',
      },
    }),
  );
  server = await startCodeServer({
    userDataDir: run.userDataDir,
    extensionsDir: run.extensionsDir,
    workspace: run.workspace,
    settings: fake.baseUrlSettings,
    args: ['--locale', 'de'],
  });
  browser = await launchBrowser();
  ({ page } = await loadWorkbench(browser, `${server.url}/?folder=${encodeURIComponent(run.workspace)}`));
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await run?.remove();
  await fake?.stop();
});

test('in German: the panel, the token box, a notification, the status bar and the history page', async () => {
  await screenshotOnFailure(page, 'german', async () => {
    await accountGlanceTab(page).click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar
      .locator('.pane', { has: page.locator('.pane-header[aria-label^="Konten"]') })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Account Glance: API-Token festlegen...');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Leadping' }).first().waitFor({ state: 'visible' });
    await page.keyboard.type('Leadping');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[type="password"]').waitFor({ state: 'visible' });
    await page.keyboard.type(fake.tokens.leadping);
    await page.keyboard.press('Enter');
    await waitFor(async () => /Guthaben\s*3,20 \$/.test(await treeText(page)), 'the German tree with the balance', 60_000);
    const tree = await treeText(page);
    assert.match(tree, /Probleme/);
    assert.match(tree, /Tarif/);
    await waitFor(
      async () => (await readNotifications(page)).some((text) => /Guthaben ist knapp/.test(text)),
      'the German low-credit alert',
    );
    await screenshot(page, 'german-panel');
    const glance = await waitFor(() => readStatusBarItem(page, /LP/), 'the status-bar glance');
    assert.match(glance, /LP 3,20 \$/);
    await runCommand(page, 'Account Glance: Credit-Verlauf anzeigen');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
    await frame.locator('h1').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await frame.locator('h1').first().innerText(), /Credit-Verlauf/);
    await screenshot(page, 'german-history');
  });
});
