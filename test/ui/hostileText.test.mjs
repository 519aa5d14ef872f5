// A person signs in to a service whose every string field carries a command link, a web link, an
// icon and markup (the fake server's hostile-text and hostile-error scenarios): the sign-in toast,
// the low-balance alert and the refresh failure's warning quote the service's words, and no
// notification of the workbench, toast or Notifications center, holds a link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  openAccountGlanceView,
  openWorkbench,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setTokenThroughPalette,
} from '../harness/workbench.mjs';

/** The fake's scenario tokens (test/fake-server/README.md, "Tokens"). */
const HOSTILE_TOKEN = 'lp_test_hostile-text';
const FAILING_TOKEN = 'lp_test_hostile-error';
const LINK_WORDS = 'Verify your account';

let fake;
let workbench;

before(async () => {
  fake = await launchFakeServer();
  workbench = await openWorkbench({
    settings: {
      'accountGlance.leadping.baseUrl': fake.url,
      'accountGlance.signeasy.baseUrl': fake.url,
      // Every balance is under it: the account alerts as soon as it loads.
      'accountGlance.lowCredit': { leadping: 1000000 },
    },
  });
});

after(async () => {
  await workbench?.close();
  await fake?.stop();
});

/** The links inside notification messages (not their buttons), and the messages' text, toasts and centre alike. */
async function notificationLinks(page) {
  return page.evaluate(() => {
    const messages = [...document.querySelectorAll('.notification-list-item-message')];
    return {
      texts: messages.map((message) => message.textContent ?? ''),
      links: messages.flatMap((message) =>
        [...message.querySelectorAll('a')].map((link) => `${link.textContent} → ${link.getAttribute('href') ?? link.title}`),
      ),
    };
  });
}

test('a service’s words in a notification are text: no toast or centre entry holds a link', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'hostile-notifications', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', HOSTILE_TOKEN);
    const shown = await waitFor(async () => {
      const found = await notificationLinks(page);
      return found.texts.some((text) => text.includes(LINK_WORDS) && /Signed in to Leadping/.test(text)) && found;
    }, 'the sign-in toast quoting the holder');
    assert.deepEqual(shown.links, []);

    // A token the service answers with a hostile error: saved anyway, then a refresh fails with it.
    await setTokenThroughPalette(page, 'Leadping', FAILING_TOKEN);
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /Could not check the Leadping token/ });
    await dialog.waitFor({ state: 'visible' });
    // Its buttons are the dialog's own; its message and detail hold no link.
    assert.equal(await dialog.locator('.dialog-message-text a, .dialog-message-detail a').count(), 0, 'no link in the question');
    await dialog.getByRole('button', { name: 'Save Anyway' }).click();
    await runCommand(page, 'Account Glance: Refresh');
    await waitFor(async () => (await notificationLinks(page)).texts.some((text) => /could not refresh/.test(text)), 'the refresh warning');

    // Every notification so far, in the Notifications center too.
    await runCommand(page, 'Notifications: Show Notifications');
    const all = await waitFor(async () => {
      const found = await notificationLinks(page);
      return found.texts.filter((text) => text.includes(LINK_WORDS)).length >= 2 && found;
    }, 'the toast, the alert and the warning in the centre');
    assert.deepEqual(all.links, [], `links in notifications: ${all.links.join('; ')}`);
    assert.ok(
      all.texts.some((text) => /balance is low/.test(text)),
      `the low-balance alert: ${all.texts.join(' | ')}`,
    );
    await screenshot(page, 'hostile-notifications');
  });
});
