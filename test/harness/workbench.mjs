// The workbench driver: a real VS Code (code-server) with the packaged .vsix installed, in a
// throwaway profile, driven through Chromium like a person would. Notification toasts show (no
// smoke-test driver here). Screenshots go to test-results/screenshots/ (git-ignored).
//
//   const wb = await openWorkbench({ settings, env });   // { page, server, workspace, close() }
//   await openAccountGlanceView(wb.page);
//   await setTokenThroughPalette(wb.page, 'Leadping', token);
//   await runCommand(wb.page, 'Account Glance: Show Log');
//   await treeText(wb.page);                              // 'Leadping Jordan Avery\nBalance $18.75…'
//   await readStatusBarItem(wb.page, /LP/);               // 'LP $3.20 · SE 1,760' or undefined
//   await readNotifications(wb.page);                     // ['message', ...]
//   await screenshot(wb.page, 'accounts-view');           // test-results/screenshots/accounts-view.png
//   await wb.close();
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { createRunDir, installExtension, startCodeServer } from './code-server.mjs';
import { packagedVsix } from './extension-package.mjs';
import { resultsRoot } from './paths.mjs';

export const SCREENSHOT_DIR = join(resultsRoot, 'screenshots');

/**
 * Starts code-server with the .vsix installed in a fresh profile and opens the workbench.
 *   settings  user settings (e.g. the accountGlance.*.baseUrl of a fake server)
 *   env       environment of code-server and so of the extension host
 *   vsix      a .vsix path, or several (each installed in turn): defaults to packagedVsix()
 *   viewport  defaults to 1280×800
 * Resolves as loadWorkbench() does, with
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
    for (const file of [vsix ?? (await packagedVsix())].flat()) await installExtension(file, runDir.extensionsDir);
    server = await startCodeServer({
      userDataDir: runDir.userDataDir,
      extensionsDir: runDir.extensionsDir,
      workspace: runDir.workspace,
      settings,
      env,
    });
    browser = await launchBrowser();
    const { page, consoleErrors } = await loadWorkbench(browser, `${server.url}/?folder=${encodeURIComponent(runDir.workspace)}`, {
      viewport,
    });
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

/**
 * Opens a workbench URL in a new page of `browser` and resolves once the extension's activity-bar
 * entry shows (the remote extension host has registered it, a few seconds after the workbench
 * appears), with { page, consoleErrors }.
 */
export async function loadWorkbench(browser, url, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  await waitForWorkbench(page);
  return { page, consoleErrors };
}

/** Waits for the workbench (again, after a reload) up to the point where Account Glance's entry shows. */
export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await accountGlanceTab(page).waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * Runs a command from the command palette by its full title, e.g. 'Account Glance: Show Log'. Tries
 * twice: a quick pick closing as the palette opens (a theme just picked) can swallow what is typed.
 */
export async function runCommand(page, title) {
  try {
    await runCommandOnce(page, title);
  } catch {
    await runCommandOnce(page, title);
  }
}

async function runCommandOnce(page, title) {
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
    const typed = await input.inputValue().catch(() => '');
    await page.keyboard.press('Escape');
    throw new Error(
      `The command palette offers no "${title}" (its box holds ${JSON.stringify(typed)}). It shows: ${JSON.stringify(offered.map((text) => text.replace(/\s+/g, ' ')))}`,
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

/** Set API Token... → pick the service → type the token in the password box → Enter. */
export async function setTokenThroughPalette(page, service, token) {
  await signInThroughPalette(page, 'Account Glance: Set API Token...', service, token);
}

/** Add Account... → pick the service → type the token in the password box → Enter: another account of that service, or its first. */
export async function addAccountThroughPalette(page, service, token) {
  await signInThroughPalette(page, 'Account Glance: Add Account...', service, token);
}

/** Runs the command `title`, which asks for a service and then its token, and answers both. */
async function signInThroughPalette(page, title, service, token) {
  await runCommand(page, title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: service }).first().waitFor({ state: 'visible' });
  await page.keyboard.type(service);
  await page.keyboard.press('Enter');
  await page
    .locator('.quick-input-widget')
    .filter({ hasText: `${service} API Token` })
    .waitFor({ state: 'visible' });
  assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password', 'the token box hides what is typed');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
}

/** The Accounts rows on screen in one read (the tree re-renders while refreshing, so row-by-row reads race). */
export async function treeText(page) {
  const rows = await page.locator('.part.sidebar [role="treeitem"]').allInnerTexts();
  return rows.map((text) => text.replace(/\s+/g, ' ').trim()).join('\n');
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
