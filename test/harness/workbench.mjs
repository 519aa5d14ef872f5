// Page helpers for UI tests: a real VS Code (code-server) with the packaged .vsix installed, in a
// throwaway profile, driven through Chromium like a person would. Notification toasts show (no
// smoke-test driver here). Screenshots go to test-results/screenshots/ (git-ignored).
//
//   const wb = await openWorkbench({ settings, env });   // { page, server, workspace, close() }
//   await openAccountGlanceView(wb.page);
//   await runCommand(wb.page, 'Account Glance: Show Log');
//   await readTreeRows(wb.page);                          // [{ label, text, level, expanded }]
//   await readStatusBarItem(wb.page, /LP/);               // 'LP $3.20 · SE 1,760' or undefined
//   await readNotifications(wb.page);                     // ['message', ...]
//   await screenshot(wb.page, 'accounts-view');           // test-results/screenshots/accounts-view.png
//   await wb.close();
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunDir, installExtension, launchBrowser, repoRoot, startCodeServer } from '../../scripts/offline-vscode.mjs';

export const SCREENSHOT_DIR = join(repoRoot, 'test-results', 'screenshots');

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
let packaging;

/**
 * The packaged extension: $AG_VSIX when the runner already built it, else `npm run package`
 * (once per process) into .cache/ui/, so no .vsix lands in the repository's root.
 */
export function packagedVsix() {
  if (process.env.AG_VSIX && existsSync(process.env.AG_VSIX)) return Promise.resolve(process.env.AG_VSIX);
  packaging ??= (async () => {
    const out = join(repoRoot, '.cache', 'ui', `${manifest.name}-${manifest.version}.vsix`);
    await mkdir(join(repoRoot, '.cache', 'ui'), { recursive: true });
    const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0 || !existsSync(out)) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
    process.env.AG_VSIX = out;
    return out;
  })();
  return packaging;
}

/**
 * Starts code-server with the .vsix installed in a fresh profile and opens the workbench.
 *   settings  user settings (e.g. the accountGlance.*.baseUrl of a fake server)
 *   env       environment of code-server and so of the extension host
 *   vsix      defaults to packagedVsix()
 *   viewport  defaults to 1280×800
 * Resolves once the extension's activity-bar entry shows (the remote extension host has
 * registered it, a few seconds after the workbench appears) with
 * { page, browser, server, workspace, userSettingsFile, consoleErrors, close() }.
 */
export async function openWorkbench({ settings = {}, env = {}, vsix, viewport = { width: 1280, height: 800 } } = {}) {
  const runDir = await createRunDir('ui');
  let server;
  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await runDir.remove();
  };
  try {
    await installExtension(vsix ?? (await packagedVsix()), runDir.extensionsDir);
    server = await startCodeServer({
      userDataDir: runDir.userDataDir,
      extensionsDir: runDir.extensionsDir,
      workspace: runDir.workspace,
      settings,
      env,
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(runDir.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
    await accountGlanceTab(page).waitFor({ state: 'visible', timeout: 60_000 });
    return {
      page,
      browser,
      server,
      workspace: runDir.workspace,
      userSettingsFile: join(runDir.userDataDir, 'User', 'settings.json'),
      consoleErrors,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a command from the command palette by its full title, e.g. 'Account Glance: Show Log'. */
export async function runCommand(page, title) {
  // A box left open (by a failed step before) would catch the click below.
  if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
  // Focus the workbench, not a tree or a box; a modal editor (Settings opens as one) keeps focus itself.
  const modalEditor = page.locator('.part.editor.modal-editor-part');
  if (!(await modalEditor.isVisible())) await page.locator('#workbench\\.parts\\.editor').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: title });
  try {
    await row.first().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const offered = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(
      `The command palette offers no "${title}". It shows: ${JSON.stringify(offered.map((text) => text.replace(/\s+/g, ' ')))}`,
    );
  }
  await page.keyboard.press('Enter');
}

/** The activity-bar entry of Account Glance. */
export function accountGlanceTab(page) {
  return page.locator('.part.activitybar').getByRole('tab', { name: /Account Glance/ });
}

/** Opens the Account Glance side bar (unless already open) and waits for its Accounts view; returns the side bar. */
export async function openAccountGlanceView(page) {
  const tab = accountGlanceTab(page);
  await tab.waitFor({ state: 'visible', timeout: 30_000 });
  const selected = (await tab.getAttribute('aria-selected')) === 'true' || (await tab.getAttribute('aria-checked')) === 'true';
  const sidebar = page.locator('.part.sidebar');
  // Clicking the active entry would close the side bar.
  if (!selected || !(await sidebar.isVisible())) await tab.click();
  // The view's own header is hidden while it is the container's only view: wait for its pane.
  await sidebar
    .locator('.pane', { has: page.locator('.pane-header[aria-label^="Accounts"]') })
    .first()
    .waitFor({ state: 'visible' });
  return sidebar;
}

/** The rows of the Accounts tree as shown: { label (aria-label), text, level, expanded }. */
export async function readTreeRows(page) {
  const rows = page.locator('.part.sidebar [role="treeitem"]');
  const count = await rows.count();
  const result = [];
  for (let index = 0; index < count; index++) {
    const row = rows.nth(index);
    const expanded = await row.getAttribute('aria-expanded');
    result.push({
      label: (await row.getAttribute('aria-label')) ?? '',
      text: (await row.innerText()).replace(/\s+/g, ' ').trim(),
      level: Number((await row.getAttribute('aria-level')) ?? 1),
      expanded: expanded === null ? undefined : expanded === 'true',
    });
  }
  return result;
}

/** A status-bar item whose text matches (string: contains; RegExp: matches). */
export function statusBarItem(page, text) {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: text });
}

/** The text of the first status-bar item matching `text`, once visible; undefined if none shows within timeoutMs. */
export async function readStatusBarItem(page, text, { timeoutMs = 10_000 } = {}) {
  const item = statusBarItem(page, text).first();
  try {
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    return undefined;
  }
  return (await item.innerText()).replace(/\s+/g, ' ').trim();
}

/** The messages of the notification toasts showing now. */
export async function readNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
  return (await toasts.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Waits until probe() returns something other than undefined/false; throws naming `what` after timeoutMs. */
export async function waitFor(probe, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Saves a PNG of the whole window to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

/** Runs fn; if it throws, saves a screenshot named failed-<name> first. */
export async function screenshotOnFailure(page, name, fn) {
  try {
    return await fn();
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => {});
    throw error;
  }
}
