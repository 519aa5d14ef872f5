// `npm run demo` as a person uses it: run it, open the address it prints, sign in to both services
// with the tokens it prints, see the demo accounts (the low Leadping balance flagged), then Ctrl+C
// stops everything it started.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../harness/browser.mjs';
import { repoRoot } from '../harness/paths.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  loadWorkbench,
  openAccountGlanceView,
  readStatusBarItem,
  screenshot,
  screenshotOnFailure,
  setTokenThroughPalette,
  statusBarItem,
  treeText,
} from '../harness/workbench.mjs';

let demo;
let printed = '';
let browser;

before(async () => {
  demo = spawn(process.execPath, ['scripts/demo.mjs', '--vscode', 'server'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: demo.stdout });
  lines.on('line', (line) => (printed += `${line}\n`));
  await waitFor(() => printed.includes('Press Ctrl+C to stop everything.') || demo.exitCode !== null, 'the demo to say it runs', 280_000);
  assert.equal(demo.exitCode, null, `the demo stopped early:\n${printed}`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (demo?.exitCode === null) {
    demo.kill('SIGINT');
    await once(demo, 'exit');
  }
});

/** The value printed after `label` on a line of its own. */
function printedAfter(label) {
  const line = printed.split('\n').find((candidate) => candidate.trimStart().startsWith(label));
  assert.ok(line, `the demo prints "${label}":\n${printed}`);
  return line.trimStart().slice(label.length).trim();
}

test('the demo opens a VS Code where both demo accounts sign in with the printed tokens', async () => {
  const url = printedAfter('Open VS Code in your browser:');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
  const { page } = await loadWorkbench(browser, url);
  await screenshotOnFailure(page, 'demo', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', printedAfter('Leadping'));
    await waitFor(async () => /Leadping\s*Maya Okafor/.test(await treeText(page)), 'the Leadping demo account');
    await setTokenThroughPalette(page, 'Signeasy', printedAfter('Signeasy'));
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

test('Ctrl+C stops the demo cleanly', async () => {
  demo.kill('SIGINT');
  const [code] = await once(demo, 'exit');
  assert.equal(code, 0, printed);
  assert.match(printed, /Stopping the demo/);
});
