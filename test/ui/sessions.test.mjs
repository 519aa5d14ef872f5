// Another extension asking Account Glance for a session, in a real VS Code: the test-only Session
// Asker (test/session-asker/) calls vscode.authentication.getSession('accountglance', ['leadping'])
// from the palette, the test clicks VS Code's own consent dialog and types into Account Glance's
// token box as a person would. A session must be exactly the account whose token was typed; a
// cancelled box gives none; two holders of one name are two accounts whose consents VS Code keeps
// apart (it remembers an extension's access per account label). The tests run in order, in one
// window: each starts from the accounts and consents the one before left.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { packagedVsix } from '../harness/extension-package.mjs';
import { cacheRoot } from '../harness/paths.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  openAccountGlanceView,
  openWorkbench,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setTokenThroughPalette,
  treeText,
} from '../harness/workbench.mjs';
import { packageSessionAsker } from '../session-asker/packageSessionAsker.mjs';

// The fake Leadping's tokens (test/fake-server/README.md): its default account, Jordan Avery; the
// demo account, Maya Okafor; and the namesake scenario, another Jordan Avery (another email and id).
const TOKENS = { jordan: 'lp_test_key', maya: 'lp_test_demo', namesake: 'lp_test_namesake' };
const LABELS = {
  jordan: 'Leadping: Jordan Avery (jordan@acmeleads.example)',
  maya: 'Leadping: Maya Okafor (maya@harborlane-realty.example)',
  namesake: 'Leadping: Jordan Avery (jordan@namesake.example)',
};

let fake;
let workbench;
let reportFile;

before(async () => {
  fake = await launchFakeServer();
  // Packed first: packing starts its .cache/session-asker/ folder afresh, and the asker reports there.
  const vsix = [await packagedVsix(), await packageSessionAsker()];
  reportFile = join(cacheRoot, 'session-asker', 'reports.jsonl');
  workbench = await openWorkbench({
    settings: { 'accountGlance.leadping.baseUrl': fake.url, 'accountGlance.signeasy.baseUrl': fake.url },
    // The extension host inherits code-server's environment: where the asker reports, and the
    // tokens it may name (by name) when a session carries one.
    env: { SESSION_ASKER_REPORT: reportFile, SESSION_ASKER_TOKENS: JSON.stringify(TOKENS) },
    vsix,
  });
});

after(async () => {
  await workbench?.close();
  await fake?.stop();
  if (reportFile) await rm(reportFile, { force: true });
});

/** Every report the Session Asker has written so far, oldest first. */
async function reports() {
  const text = await readFile(reportFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** Runs a Session Asker command from the palette; returns a probe for the report it will write. */
async function ask(page, title) {
  const before = (await reports()).length;
  await runCommand(page, `Session Asker: ${title}`);
  return async () => (await reports())[before];
}

/** VS Code's consent dialog for the Session Asker ("wants to sign in", or "to sign in again"): Allow. */
async function allowSignIn(page) {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /The extension 'Session Asker' wants (you )?to sign in/ });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Allow' }).click();
}

/** Account Glance's Leadping token box, which Add Account opens for the session: types `token` and Enter, or Escape when undefined. */
async function answerTokenBox(page, token) {
  await page.locator('.quick-input-widget').filter({ hasText: 'Leadping API Token' }).waitFor({ state: 'visible' });
  if (token === undefined) {
    await page.keyboard.press('Escape');
    return;
  }
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
}

/**
 * Waits for the report `next` probes for. VS Code may ask on the way: when the session it got is
 * not the account the extension used last, "Incorrect account detected" offers to keep the one
 * chosen; kept, as a person who typed that token would. Resolves { report, asked } (that dialog's
 * text, if it showed).
 */
async function settle(page, next) {
  let asked;
  const mismatch = page.locator('.monaco-dialog-box').filter({ hasText: 'Incorrect account detected' });
  const report = await waitFor(
    async () => {
      if (await mismatch.isVisible()) {
        asked = (await mismatch.innerText()).replace(/\s+/g, ' ');
        await mismatch.getByRole('button', { name: /^Keep / }).click();
      }
      return next();
    },
    "the Session Asker's report",
    60_000,
  );
  return { report, asked };
}

/** The root rows of the Accounts view whose account is held by Jordan Avery. */
async function jordanRows(page) {
  return ((await treeText(page)).match(/^Leadping\s*Jordan Avery.*$/gm) ?? []).length;
}

test('an extension asking with createIfNone, once allowed, gets the account whose token was typed', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-create-if-none', async () => {
    await openAccountGlanceView(page);
    const next = await ask(page, 'Get Leadping Session');
    await allowSignIn(page);
    await answerTokenBox(page, TOKENS.jordan);
    const { report } = await settle(page, next);
    assert.deepEqual(report, {
      request: 'createIfNone',
      outcome: 'session',
      accountId: 'leadping',
      label: LABELS.jordan,
      scopes: ['leadping'],
      token: 'jordan',
    });
  });
});

test('the token box cancelled: no session (a CancellationError), never the account already held', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-cancelled', async () => {
    const next = await ask(page, 'Sign In to Leadping Again');
    await allowSignIn(page);
    await answerTokenBox(page, undefined);
    const { report } = await settle(page, next);
    assert.equal(report.outcome, 'error', `no session expected, got ${JSON.stringify(report)}`);
    assert.equal(report.name, 'Canceled', `a CancellationError expected, got ${JSON.stringify(report)}`);
  });
});

test('two holders of one name: two accounts in the Accounts menu, under two labels', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-namesakes', async () => {
    await setTokenThroughPalette(page, 'Leadping', TOKENS.namesake);
    await waitFor(async () => (await jordanRows(page)) === 2, 'both Jordan Averys in the Accounts view', 30_000);
    const next = await ask(page, 'List Account Glance Accounts');
    const { report } = await settle(page, next);
    // VS Code lists one account per label: a shared label would show one Jordan Avery here.
    assert.deepEqual(report.accounts.map((account) => account.label).sort(), [LABELS.jordan, LABELS.namesake]);
    await screenshot(page, 'session-namesakes');
  });
});

test('consent given for one Jordan Avery never covers the other, once the first is gone', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-consent-kept-apart', async () => {
    // Remove API Token lists the first account first: the Jordan Avery the asker was allowed.
    await runCommand(page, 'Account Glance: Remove API Token...');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: /Jordan Avery/ });
    await row.first().waitFor({ state: 'visible' });
    assert.equal(await row.count(), 2, 'both Jordan Averys offered');
    await row.first().click();
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /Remove the .* API token/ });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Remove Token' }).click();
    await waitFor(async () => (await jordanRows(page)) === 1, 'one Jordan Avery left', 30_000);

    // Asked silently, VS Code gives only a session it was allowed: the namesake's is not one.
    const next = await ask(page, 'Get Leadping Session Silently');
    const { report } = await settle(page, next);
    assert.deepEqual(report, { request: 'silent', outcome: 'none' }, `no session without consent, got ${JSON.stringify(report)}`);
  });
});

test('a new token gives that new account’s session', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-new-token', async () => {
    const next = await ask(page, 'Sign In to Leadping Again');
    await allowSignIn(page);
    await answerTokenBox(page, TOKENS.maya);
    const { report } = await settle(page, next);
    assert.equal(report.token, 'maya', `Maya Okafor's token expected, got ${JSON.stringify(report)}`);
    assert.equal(report.label, LABELS.maya);
    await waitFor(async () => /^Leadping\s*Maya Okafor/m.test(await treeText(page)), 'Maya Okafor in the Accounts view', 30_000);
  });
});

test('a token Account Glance already holds (the second account’s) gives that account’s session, not the first’s', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'session-held-token', async () => {
    // Maya Okafor took the first account's place when it was removed; the namesake is the second.
    const next = await ask(page, 'Sign In to Leadping Again');
    await allowSignIn(page);
    await answerTokenBox(page, TOKENS.namesake);
    const { report, asked } = await settle(page, next);
    assert.equal(report.token, 'namesake', `the namesake's token expected, got ${JSON.stringify(report)} (VS Code asked: ${asked})`);
    assert.equal(report.label, LABELS.namesake);
    assert.equal(await jordanRows(page), 1, 'nothing was added');
  });
});
