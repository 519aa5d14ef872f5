// A person opens Show Credit History after a few refreshes: the webview draws a chart per account
// and lists the same numbers in a table, in the theme's colours.
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
  treeText,
} from '../harness/workbench.mjs';

let fake;
let workbench;

before(async () => {
  fake = await launchFakeServer();
  workbench = await openWorkbench({ settings: fake.baseUrlSettings, viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await workbench?.close();
  await fake?.stop();
});

test('Show Credit History opens a chart per account with a table of the same numbers', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'credit-history', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', fake.tokens.leadping);
    await waitFor(async () => /Leadping\s*Jordan Avery/.test(await treeText(page)), 'Leadping signed in');
    await setTokenThroughPalette(page, 'Signeasy', fake.tokens.signeasy);
    await waitFor(async () => /Signeasy\s*John Doe/.test(await treeText(page)), 'Signeasy signed in');
    // A few refreshes: each one adds a sample to the history.
    for (let refresh = 0; refresh < 2; refresh++) await runCommand(page, 'Account Glance: Refresh');
    await waitFor(async () => /Forecast/.test(await treeText(page)), 'the forecast rows');

    await runCommand(page, 'Account Glance: Show Credit History');
    // #active-frame: while the page renders again, the webview holds a second, pending frame.
    const chart = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await chart.locator('svg').first().waitFor({ timeout: 15_000 });
    // The page redraws after each refresh: wait until it holds both accounts.
    await waitFor(async () => {
      const captions = await chart.locator('table caption').allTextContents();
      return captions.some((caption) => /Leadping/.test(caption)) && captions.some((caption) => /Signeasy/.test(caption));
    }, 'a chart for each account');
    // The stylesheet and script are files in media/: styled means the stylesheet loaded (tables collapse their borders)...
    assert.equal(
      await chart
        .locator('table')
        .first()
        .evaluate((table) => getComputedStyle(table).borderCollapse),
      'collapse',
    );
    // ...and the range buttons work only if the script did: each click renders the page again for its range.
    for (const days of ['7', '30']) {
      const button = chart.locator(`button[data-days="${days}"]`);
      await button.click();
      await waitFor(async () => (await button.getAttribute('aria-pressed')) === 'true', `the ${days}-day range selected`);
    }
    // The table sits in a closed <details>: open it, as a person wanting the numbers would.
    for (const summary of await chart.locator('details > summary').all()) await summary.click();
    const cells = await chart.locator('table td').allTextContents();
    assert.ok(await chart.locator('table').first().isVisible(), 'the opened table shows');
    assert.ok(
      cells.some((cell) => /\$18\.75/.test(cell)),
      JSON.stringify(cells),
    );
    assert.ok(
      cells.some((cell) => /1,760/.test(cell)),
      JSON.stringify(cells),
    );
    await screenshot(page, 'credit-history');
  });
});
