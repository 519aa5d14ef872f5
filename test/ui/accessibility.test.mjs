// Without sight or a mouse, and in high contrast: axe-core (from npm) finds nothing on the Credit
// History page in the default dark theme, High Contrast and High Contrast Light; its range buttons
// work from the keyboard alone with a visible focus; the tree rows and the status item say in words
// what their icons and colours show; and screenshots of the panel, the status bar and the page in
// both high-contrast themes are saved for a person to look at.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  openAccountGlanceView,
  openWorkbench,
  readTreeRows,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setTokenThroughPalette,
  statusBarItem,
  treeText,
} from '../harness/workbench.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Each high-contrast theme: its names in the theme picker (they changed across releases) and the class the workbench then carries. */
const THEMES = [
  { name: 'hc-black', labels: ['Dark High Contrast', 'High Contrast'], workbenchClass: 'hc-black' },
  { name: 'hc-light', labels: ['Light High Contrast', 'High Contrast Light'], workbenchClass: 'hc-light' },
];

let fake;
let workbench;

before(async () => {
  fake = await launchFakeServer();
  workbench = await openWorkbench({
    settings: {
      ...fake.baseUrlSettings,
      'accountGlance.lowCredit': { leadping: 5 },
      // The states show on the tree and the status item; a toast over them would hide the status bar's corner.
      'accountGlance.alerts.usedUp': false,
      'accountGlance.alerts.lowCredit': false,
      'accountGlance.alerts.billingTrouble': false,
    },
  });
});

after(async () => {
  await workbench?.close();
  await fake?.stop();
});

/** The Credit History page's document: #active-frame, as the webview holds a second, pending frame while it renders again. */
const historyPage = (page) => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

/**
 * axe-core's violations on the page's document, every rule and impact: the script goes in as a
 * <script> carrying the page's own nonce, the only kind its Content-Security-Policy lets run.
 */
async function axeViolations(page) {
  return historyPage(page)
    .locator('body')
    .evaluate(async (body, source) => {
      if (!('axe' in window)) {
        const script = document.createElement('script');
        script.nonce = document.querySelector('script[nonce]').nonce;
        script.textContent = source;
        document.head.append(script);
      }
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => node.html.slice(0, 200)),
      }));
    }, AXE_SOURCE);
}

/** The focused element of the page: its range (data-days) or tag, aria-pressed, and whether its focus outline shows in the theme's focusBorder. */
async function focused(page) {
  return historyPage(page)
    .locator('body')
    .evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-focusBorder)';
      document.body.append(probe);
      const focusBorder = getComputedStyle(probe).color;
      probe.remove();
      return {
        days: element.dataset?.days,
        tag: element.tagName.toLowerCase(),
        pressed: element.getAttribute('aria-pressed'),
        focusVisible: element.matches(':focus-visible'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && style.outlineColor === focusBorder,
      };
    });
}

/**
 * The chart's marks that the theme does not paint: a stroke or fill from a theme variable the
 * theme leaves undefined resolves to none, and the mark vanishes (e.g. charts.orange in high contrast).
 */
async function unpaintedMarks(page) {
  return historyPage(page)
    .locator('body')
    .evaluate(() => {
      const paints = {
        '.values': 'stroke',
        '.point': 'fill',
        '.forecast': 'stroke',
        '.forecast-end': 'stroke',
        '.refill circle': 'fill',
        '.grid line': 'stroke',
        '.now': 'stroke',
        text: 'fill',
      };
      const unpainted = [];
      for (const [selector, property] of Object.entries(paints)) {
        for (const mark of document.querySelectorAll(`svg.chart ${selector}`)) {
          const paint = getComputedStyle(mark)[property];
          if (paint === 'none' || /rgba\(.*, 0\)$/.test(paint)) unpainted.push(`${selector} (${property}: ${paint})`);
        }
      }
      return [...new Set(unpainted)];
    });
}

async function pressedRange(page) {
  return historyPage(page).locator('button[aria-pressed="true"]').getAttribute('data-days');
}

/** Preferences: Color Theme, as a person picks one: the theme's row in the picker, then Enter. */
async function switchTheme(page, theme) {
  // Not runCommand(): the palette puts "Browse Color Themes in Marketplace" first for these words.
  // The keys must reach the workbench, not the page (whose focused button Space would press).
  await page.locator('.part.sidebar .composite.title').click();
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Preferences: Color Theme');
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) })
    .first()
    .click();
  await page.keyboard.type('High Contrast');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^(${theme.labels.join('|')})$`) }) })
    .first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.waitForFunction((className) => document.querySelector(`.monaco-workbench.${className}`) !== null, theme.workbenchClass, {
    timeout: 30_000,
  });
  // The picker closes after the theme applies; the next command palette must not open into it.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function openHistory(page) {
  await runCommand(page, 'Account Glance: Show Credit History');
  const chart = historyPage(page);
  await chart.locator('svg').first().waitFor({ timeout: 15_000 });
  await waitFor(async () => (await chart.locator('table caption').count()) >= 2, 'a chart for each account');
}

test('signed in with a low and a used-up account: the tree and the status item say the states in words', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'a11y-states', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', 'lp_test_low-credit');
    await waitFor(async () => /Leadping\s*Jordan Avery/.test(await treeText(page)), 'Leadping signed in');
    await setTokenThroughPalette(page, 'Signeasy', 'se_test_exhausted');
    await waitFor(async () => /Signeasy\s*John Doe/.test(await treeText(page)), 'Signeasy signed in');
    // A few refreshes: each one adds a sample to the history the page draws.
    for (let refresh = 0; refresh < 2; refresh++) await runCommand(page, 'Account Glance: Refresh');

    // The tree rows carry accessibilityInformation: VS Code makes it the row's aria-label.
    const labels = (await readTreeRows(page)).map((row) => row.label);
    assert.ok(
      labels.some((label) => /^Error: No envelope credits left/.test(label)),
      `a used-up problem row says its severity: ${JSON.stringify(labels)}`,
    );
    assert.ok(
      labels.some((label) => /^Warning: /.test(label)),
      `a low-balance problem row says its severity: ${JSON.stringify(labels)}`,
    );
    // The status item: its background says used up; its aria-label says which account is low and which used up.
    const item = statusBarItem(page, /LP .* · SE/).first();
    await item.waitFor({ state: 'visible' });
    const spoken = await item.evaluate((element) => (element.querySelector('[aria-label]') ?? element).getAttribute('aria-label'));
    assert.match(spoken, /^Account Glance: Leadping .*: low, Signeasy .*: used up$/);
  });
});

test('the Credit History page: no axe-core violation in the default theme; the range buttons work with Tab, Space and Enter', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'a11y-history-keyboard', async () => {
    await openHistory(page);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(await unpaintedMarks(page), [], 'every line, label and marker is painted');
    assert.equal(await pressedRange(page), '30');

    // Into the page with a click on its heading (nothing to focus there), then the keyboard only.
    await historyPage(page).locator('h1').click();
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { days: '7', tag: 'button', pressed: 'false', focusVisible: true, outline: true });
    await page.keyboard.press('Space');
    await waitFor(async () => (await pressedRange(page)) === '7', 'Space pressed the 7-day range');
    // The page is drawn anew for the range: the focus is back on the button that asked for it.
    await waitFor(async () => (await focused(page)).days === '7', 'the focus back on the 7-day button');

    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).days, '30');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await pressedRange(page)) === '30', 'Enter pressed the 30-day range');
    await waitFor(async () => (await focused(page)).days === '30', 'the focus back on the 30-day button');
    assert.deepEqual(await focused(page), { days: '30', tag: 'button', pressed: 'true', focusVisible: true, outline: true });

    // On past the ranges to the first table's summary: Enter opens it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const summary = await focused(page);
    assert.equal(summary.tag, 'summary');
    assert.ok(summary.outline, 'the summary shows its focus');
    await page.keyboard.press('Enter');
    assert.ok(await historyPage(page).locator('table').first().isVisible(), 'the table opened from the keyboard');
    await screenshot(page, 'a11y-history-keyboard-focus');
  });
});

for (const theme of THEMES) {
  test(`${theme.name}: the panel, the status bar and the Credit History page, with no axe-core violation`, async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, `a11y-${theme.name}`, async () => {
      await switchTheme(page, theme);
      await openAccountGlanceView(page);
      await screenshot(page, `${theme.name}-panel-and-status-bar`);
      // These themes define no status-bar warning or error background: the marks after the values say low and used up.
      const item = statusBarItem(page, /LP .* · SE/).first();
      for (const mark of ['arrow-down', 'circle-slash']) {
        assert.ok(await item.locator(`.codicon-${mark}`).isVisible(), `the status item shows its ${mark} mark`);
      }
      await statusBarItem(page, /LP .* · SE/)
        .first()
        .hover();
      await page
        .locator('.monaco-hover, .workbench-hover')
        .filter({ hasText: 'Envelopes available' })
        .first()
        .waitFor({ state: 'visible' });
      await screenshot(page, `${theme.name}-status-bar-tooltip`);
      await page.keyboard.press('Escape');

      await openHistory(page);
      // The page follows the theme: VS Code marks its body with the theme's kind.
      await waitFor(
        async () => (await historyPage(page).locator('body').getAttribute('class'))?.includes(`vscode-high-contrast`),
        'the page in a high-contrast theme',
      );
      // The month's range, whatever a test before left pressed: the forecast's line ends within it.
      if ((await pressedRange(page)) !== '30') {
        await historyPage(page).locator('button[data-days="30"]').click();
        await waitFor(async () => (await pressedRange(page)) === '30', 'the 30-day range');
      }
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      assert.ok((await historyPage(page).locator('svg.chart .forecast').count()) > 0, 'the chart holds a forecast line to check');
      assert.deepEqual(await unpaintedMarks(page), [], 'every line, label and marker is painted');
      // Open the tables too, one at a time: each click changes which ones are still closed.
      const closed = historyPage(page).locator('details:not([open]) > summary');
      for (let tries = 0; tries < 10 && (await closed.count()) > 0; tries++) await closed.first().click();
      await historyPage(page).locator('button[data-days="7"]').focus();
      await screenshot(page, `${theme.name}-credit-history`);
    });
  });
}
