// `npm run demo`'s own start-up path, then what its printout tells a person to do: both services
// end up signed in against the fake servers, with the low Leadping balance flagged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDemo } from '../../scripts/demo.mjs';
import { launchBrowser } from '../../scripts/offline-vscode.mjs';
import { setTokenThroughPalette, treeText } from './signIn.mjs';
import { openAccountGlanceView, readStatusBarItem, screenshot, screenshotOnFailure, statusBarItem, waitFor } from './workbench.mjs';

let demo;
let browser;

before(async () => {
  demo = await startDemo({ vscode: 'server', log: () => {} });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('the demo opens a VS Code where both demo accounts sign in with the printed tokens', async () => {
  assert.match(demo.url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(demo.url);
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await screenshotOnFailure(page, 'demo', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', demo.tokens.leadping);
    await waitFor(async () => /Leadping\s*Maya Okafor/.test(await treeText(page)), 'the Leadping demo account');
    await setTokenThroughPalette(page, 'Signeasy', demo.tokens.signeasy);
    await waitFor(async () => /Signeasy\s*Priya Raman/.test(await treeText(page)), 'the Signeasy demo account');
    const glance = await waitFor(() => readStatusBarItem(page, /LP .* · SE/), 'the status-bar glance');
    assert.match(glance, /LP \$3\.20 · SE 1,760/);
    // $3.20 is under the default $5 threshold: the theme's warning background.
    const background = await statusBarItem(page, /LP .* · SE/)
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the low-credit item has a background');
    await page.mouse.move(600, 400);
    await page
      .locator('.notifications-toasts .notification-toast')
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => {});
    await screenshot(page, 'demo');
  });
});
