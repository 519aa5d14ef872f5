// The packaged extension in a real workbench, used like a person would: the activity-bar icon,
// the Accounts view, a command from the palette.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  accountGlanceTab,
  openAccountGlanceView,
  openWorkbench,
  readTreeRows,
  runCommand,
  screenshot,
  screenshotOnFailure,
} from '../harness/workbench.mjs';

let workbench;

before(async () => {
  workbench = await openWorkbench();
});

after(async () => {
  await workbench?.close();
});

test('the Account Glance icon opens the Accounts view, which offers to set a token', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'accounts-view', async () => {
    assert.equal(await accountGlanceTab(page).count(), 1, 'one Account Glance entry in the activity bar');
    const sidebar = await openAccountGlanceView(page);
    // The welcome view's one button (the view's title bar has a key icon of the same name).
    await sidebar.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Set API Token...' }).waitFor();
    assert.deepEqual(await readTreeRows(page), [], 'no rows while signed out');
    await screenshot(page, 'accounts-view-signed-out');
  });
});

test('Account Glance: Show Log from the command palette opens the Account Glance log', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'show-log', async () => {
    await runCommand(page, 'Account Glance: Show Log');
    const panel = page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    // The log's first line is written by activate(); Monaco renders spaces as no-break spaces.
    await panel
      .locator('.view-lines')
      .filter({ hasText: /Activated\s+in/ })
      .first()
      .waitFor({ state: 'visible' });
    await screenshot(page, 'show-log');
  });
});
