import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { samplesOf, type HistoryPoint } from '../../src/core/history/creditHistory';
import { findRefills, forecastCounter, type CounterForecast } from '../../src/core/history/forecast';
import {
  isRangeMessage,
  renderHistoryChartHtml,
  renderHistoryUnavailableHtml,
  type ChartAccount,
  type ChartRangeDays,
  type HistoryChartInput,
} from '../../src/views/viewModels/historyChart';
import { FIXED_NOW } from '../support/clock';
import { DAY_MS, ENVELOPES, historyOf, USD } from '../support/historyBuilder';
import { leadpingSnapshot } from '../support/snapshotBuilder';
import { DEC_1, NBSP } from '../support/wording';
import { escapeHtml } from '../../src/views/viewModels/surfaceText';

const NONCE = 'cmFuZG9tLW5vbmNl';
const CSP_SOURCE = 'vscode-webview-test-source';
// As asWebviewUri makes them; the '&' shows that the URIs are escaped like any other attribute.
const STYLE_URI = 'https://file+.vscode-resource.vscode-cdn.net/ext/media/creditHistory.css?v=1&t=2';
const SCRIPT_URI = 'https://file+.vscode-resource.vscode-cdn.net/ext/media/creditHistory.js';
const ASSETS = { cspSource: CSP_SOURCE, nonce: NONCE, styleUri: STYLE_URI, scriptUri: SCRIPT_URI };

/** The page's stylesheet and script, as they ship in media/. */
const mediaFile = (name: string) => readFileSync(join(__dirname, '..', '..', 'media', name), 'utf8');

/** A balance sampled at noon each day for 40 days: $100 falling $2 a day, refilled by $50 ten days ago (a rise of $48 that day). */
function dailyBalance(): HistoryPoint[] {
  const samples: [number, number][] = [];
  let value = 100;
  for (let daysAgo = 39; daysAgo >= 0; daysAgo--) {
    value -= 2;
    if (daysAgo === 10) value += 50;
    samples.push([FIXED_NOW - daysAgo * DAY_MS, value]);
  }
  return samplesOf(historyOf(samples), 'balance');
}

function account(overrides: Partial<ChartAccount> = {}): ChartAccount {
  const points = overrides.points ?? dailyBalance();
  return {
    serviceName: 'Leadping',
    accountName: leadpingSnapshot().identity.displayName!,
    counter: { label: 'Balance', unit: USD },
    points,
    refills: findRefills(points),
    forecast: forecastCounter({ points, now: FIXED_NOW }),
    now: FIXED_NOW,
    ...overrides,
  };
}

function render(accounts: readonly ChartAccount[], overrides: Partial<HistoryChartInput> = {}): string {
  return renderHistoryChartHtml({
    accounts,
    rangeDays: 30,
    ...ASSETS,
    locale: 'en-US',
    timeZone: 'UTC',
    ...overrides,
  });
}

/** The cells of each body row of the tables, in document order. */
function tableRows(html: string): string[][] {
  const rows = [...html.matchAll(/<tr><td>(.*?)<\/td><\/tr>/g)];
  return rows.map((row) => row[1]!.split(/<\/td><td[^>]*>/));
}

/** The value labels, bottom up, then the date labels, left to right. */
function axisLabels(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}

function svgs(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((match) => match[0]);
}

/** The page's own two tags: the stylesheet link and the script. */
const LINK_TAG = `<link rel="stylesheet" href="${STYLE_URI.replace('&', '&amp;')}">`;
const SCRIPT_TAG = `<script nonce="${NONCE}" src="${SCRIPT_URI}"></script>`;

test('the page carries a strict CSP: styles only from the webview source, the script only with the nonce', () => {
  for (const html of [render([account()]), renderHistoryUnavailableHtml({ ...ASSETS, locale: 'en-US' })]) {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; style-src ${CSP_SOURCE}; script-src &#39;nonce-${NONCE}&#39;; img-src ${CSP_SOURCE} data:`,
    );
    assert.doesNotMatch(csp!, /unsafe/);
  }
});

test('the page links its stylesheet and its nonced script from media/, and holds no style or script text', () => {
  const html = render([account()]);
  assert.equal(html.split(LINK_TAG).length, 2, 'one stylesheet link');
  assert.equal(html.split(SCRIPT_TAG).length, 2, 'one script, with the nonce');
  assert.ok(html.indexOf(LINK_TAG) < html.indexOf('</head>'));
  const tags = [...html.matchAll(/<(script|style|link)\b[^>]*>/g)].map((match) => match[0]);
  assert.deepEqual(tags, [LINK_TAG, SCRIPT_TAG.replace('</script>', '')]);
  assert.doesNotMatch(html, /postMessage|acquireVsCodeApi|--vscode-/);
});

test('the page loads nothing else: no other URLs or resource attributes, no inline styles or handlers the CSP would block', () => {
  const html = render([account(), account({ serviceName: 'Signeasy', counter: { label: 'Envelopes available', unit: ENVELOPES } })]);
  const withoutAssets = html.replace(LINK_TAG, '').replace(SCRIPT_TAG, '');
  assert.doesNotMatch(withoutAssets, /https?:/i);
  assert.doesNotMatch(withoutAssets, /\s(src|href)=/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
});

test('the asset URIs are escaped like any other attribute', () => {
  const html = render([], { styleUri: 'x"><script>alert(1)</script>', scriptUri: "y' onload='alert(2)" });
  assert.doesNotMatch(html, /<script>alert|' onload='/);
  assert.match(html, /href="x&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('colours come only from the theme variables', () => {
  const style = mediaFile('creditHistory.css');
  const withoutVariables = style.replace(/var\([^)]*\)/g, '');
  assert.doesNotMatch(withoutVariables, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|\b(white|black|red|blue|green|orange|gray|grey|transparent)\b/i);
  const variables = [...style.matchAll(/var\(([^)]*)\)/g)].map((match) => match[1]!);
  assert.ok(variables.includes('--vscode-charts-blue') && variables.includes('--vscode-charts-orange'));
  for (const variable of variables) assert.match(variable, /^--vscode-[a-zA-Z-]+$/);
});

test('every class the page uses is styled by the stylesheet', () => {
  const style = mediaFile('creditHistory.css');
  const html = render([account()]);
  const classes = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((match) => match[1]!.split(' ')));
  for (const name of classes) assert.match(style, new RegExp(`\\.${name}\\b`), name);
});

test('the script runs no strings as code and binds no handlers through markup', () => {
  const script = mediaFile('creditHistory.js');
  assert.doesNotMatch(script, /\beval\(|new Function|innerHTML|setTimeout\(\s*['"`]|\son[a-z]+\s*=/);
});

test('escapeHtml neutralises markup and quotes', () => {
  assert.equal(escapeHtml(`<script>alert("x")</script> & 'y'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  assert.equal(escapeHtml('Dana Whitfield'), 'Dana Whitfield');
});

test('names and labels from data are escaped wherever they appear', () => {
  const html = render([
    account({
      serviceName: '<script>alert(1)</script>',
      accountName: '"><img src=x onerror=alert(2)>',
      counter: { label: "<b>Balance</b>' onmouseover='x", unit: USD },
    }),
  ]);
  // The words may remain, as text: what must not is any tag or quote they could open.
  assert.doesNotMatch(html, /<script>alert|<img|<b>|' onmouseover='|"><img/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
  assert.match(html, /<caption>&lt;b&gt;Balance&lt;\/b&gt;&#39; onmouseover=&#39;x of /);
});

test('the table lists exactly the points in the range, newest first, with locale-formatted values and changes', () => {
  const points = dailyBalance();
  for (const rangeDays of [7, 30] as const) {
    const inRange = points.filter((point) => point.at >= FIXED_NOW - rangeDays * DAY_MS).reverse();
    const rows = tableRows(render([account({ points })], { rangeDays }));
    assert.equal(rows.length, inRange.length);
    assert.deepEqual(
      rows.map((row) => row[1]),
      inRange.map((point) => `$${point.value.toFixed(2)}`),
    );
  }
  const rows = tableRows(render([account({ points })], { rangeDays: 7 }));
  assert.deepEqual(rows[0], ['Nov 22, 2026, 12:00 PM', '$70.00', '-$2.00']);
});

test("the range's start is inclusive: a point a minute before it is left out of the table", () => {
  const start = FIXED_NOW - 7 * DAY_MS;
  const point = (at: number, value: number): HistoryPoint => ({ at, value, spent: 0, refilled: 0 });
  const points = [point(start - 60_000, 9), point(start, 8), point(FIXED_NOW, 7)];
  const rows = tableRows(render([account({ points, refills: [] })], { rangeDays: 7 }));
  assert.deepEqual(
    rows.map((row) => row[1]),
    ['$7.00', '$8.00'],
  );
  // The change of the first point in the range is measured from the point before it.
  assert.equal(rows[1]![2], '-$1.00');
});

test('in another locale the table and axis use its numbers and dates', () => {
  const html = render([account()], { rangeDays: 7, locale: 'de-DE' });
  const [newest] = tableRows(html);
  assert.deepEqual(newest, ['22.11.2026, 12:00', `70,00${NBSP}$`, `-2,00${NBSP}$`]);
  assert.match(html, /<html lang="de-DE">/);
  assert.deepEqual(axisLabels(svgs(html)[0]!), [`0${NBSP}$`, `50${NBSP}$`, `100${NBSP}$`, '15. Nov.', '17. Nov.', '19. Nov.', '21. Nov.']);
});

test('refills are marked on the chart with a title, and noted in the table', () => {
  const html = render([account()], { rangeDays: 30 });
  const markers = [...svgs(html)[0]!.matchAll(/<g class="refill"><circle [^>]*\/><title>([^<]*)<\/title><\/g>/g)];
  assert.equal(markers.length, 1);
  assert.equal(markers[0]![1], 'Refill of $48.00 on Nov 12, 2026, 12:00 PM');
  assert.deepEqual(
    tableRows(html)
      .map((row) => row[2])
      .filter((change) => change!.includes('refill')),
    ['+$48.00 (refill)'],
  );
  // Ten days ago is outside a week.
  assert.doesNotMatch(render([account()], { rangeDays: 7 }), /class="refill"/);
});

test('the dashed forecast line is drawn only for a run-out or refill that falls near the range, from the last value', () => {
  const points = dailyBalance();
  const runsOut: CounterForecast = { kind: 'runsOut', perDay: 2, source: 'localHistory', runsOutAt: FIXED_NOW + 10 * DAY_MS };
  const refills: CounterForecast = {
    kind: 'refills',
    perDay: 2,
    source: 'localHistory',
    nextRefillAt: FIXED_NOW + 5 * DAY_MS,
    refillAmount: 25,
  };
  const forecastLine = (forecast: CounterForecast, rangeDays: ChartRangeDays = 30) =>
    /<line class="forecast" x1="([^"]*)" y1="([^"]*)"[^>]*stroke-dasharray[^>]*>/.exec(
      svgs(render([account({ points, forecast })], { rangeDays }))[0]!,
    );
  for (const forecast of [runsOut, refills]) {
    const line = forecastLine(forecast);
    assert.ok(line, forecast.kind);
    const polyline = /<polyline class="values" points="([^"]*)"/.exec(render([account({ points, forecast })]))![1]!;
    assert.equal(`${line[1]},${line[2]}`, polyline.split(' ').at(-1), 'it starts at the last value');
  }
  assert.match(svgs(render([account({ points, forecast: refills })]))[0]!, /<title>Auto-refill expected around Nov 27<\/title>/);
  assert.match(svgs(render([account({ points, forecast: runsOut })]))[0]!, /<title>Runs out around Dec 2 at the current rate<\/title>/);
  // Ten days ahead is too far for a week's chart: the sentence above it says it instead.
  assert.equal(forecastLine(runsOut, 7), null);
  for (const forecast of [
    { kind: 'notEnoughHistory' },
    { kind: 'empty' },
    { kind: 'notSpending', perDay: 0, source: 'localHistory' },
  ] satisfies CounterForecast[]) {
    assert.doesNotMatch(svgs(render([account({ points, forecast })]))[0]!, /forecast|stroke-dasharray="6 4"/, forecast.kind);
  }
});

test('the forecast sentence is shown above the chart', () => {
  const forecast: CounterForecast = { kind: 'runsOut', perDay: 2.1, source: 'localHistory', runsOutAt: DEC_1 };
  assert.match(render([account({ forecast })]), /<p class="forecast-text">≈ \$2\.10 a day · runs out in about 9 days \(Dec 1\)<\/p>/);
});

test('with no points, or no accounts, the page says the history grows with each refresh and draws no chart', () => {
  for (const html of [render([account({ points: [], refills: [], forecast: { kind: 'notEnoughHistory' } })]), render([])]) {
    assert.match(html, /No history yet: it grows with each refresh\./);
    assert.equal(svgs(html).length, 0);
    assert.equal(tableRows(html).length, 0);
  }
});

test('a history with nothing in the range says when the last value was recorded', () => {
  const points = samplesOf(
    historyOf([
      [FIXED_NOW - 20 * DAY_MS, 30],
      [FIXED_NOW - 19 * DAY_MS, 28],
    ]),
    'balance',
  );
  const html = render([account({ points, refills: [] })], { rangeDays: 7 });
  assert.match(html, /Nothing was recorded in the last 7 days\. The last value, \$28\.00, was recorded on Nov 3, 2026, 12:00 PM\./);
  assert.equal(svgs(html).length, 0);
});

test('every number in the SVG is finite, whatever the data', () => {
  const point = (daysAgo: number, value: number): HistoryPoint => ({ at: FIXED_NOW - daysAgo * DAY_MS, value, spent: 0, refilled: 0 });
  const awkward: HistoryPoint[][] = [
    [point(1, 5)],
    [point(3, 0), point(2, 0), point(1, 0)],
    [point(3, 7), point(2, 7)],
    [point(3, -12.5), point(2, 4), point(1, -3)],
    [point(3, 1e300), point(2, 5e299), point(1, 1)],
    [point(3, Number.NaN), point(2, 10), point(2, 9), point(1, Number.POSITIVE_INFINITY), point(0.5, 8)],
    [point(2, 0.001), point(1, 0.0004)],
  ];
  const forecasts: CounterForecast[] = [
    { kind: 'runsOut', perDay: 1, source: 'localHistory', runsOutAt: FIXED_NOW },
    { kind: 'refills', perDay: 1e308, source: 'localHistory', nextRefillAt: FIXED_NOW + DAY_MS, refillAmount: 1 },
    { kind: 'runsOut', perDay: 1, source: 'localHistory', runsOutAt: Number.NaN },
  ];
  for (const points of awkward) {
    for (const forecast of forecasts) {
      for (const unit of [USD, ENVELOPES]) {
        const html = render([
          account({ points, refills: [{ at: FIXED_NOW - DAY_MS, amount: 3 }], forecast, counter: { label: 'Balance', unit } }),
        ]);
        const [svg] = svgs(html);
        assert.ok(svg, 'a chart is drawn');
        assert.doesNotMatch(svg, /NaN|Infinity|undefined/);
        const numbers = [...svg.matchAll(/\s(?:x|y|x1|y1|x2|y2|cx|cy|r)="([^"]*)"/g)].map((match) => match[1]!);
        for (const pair of /points="([^"]*)"/.exec(svg)?.[1]?.split(' ') ?? []) numbers.push(...pair.split(','));
        assert.ok(numbers.length > 0);
        for (const text of numbers) assert.ok(text !== '' && Number.isFinite(Number(text)), `${text} in ${JSON.stringify(points)}`);
      }
    }
  }
});

test('the axes have round values and whole-day dates', () => {
  assert.deepEqual(axisLabels(svgs(render([account()], { rangeDays: 7 }))[0]!), [
    '$0',
    '$50',
    '$100',
    'Nov 15',
    'Nov 17',
    'Nov 19',
    'Nov 21',
  ]);
  const envelopes = [2, 2, 1, 1].map((value, index) => ({ at: FIXED_NOW - (3 - index) * DAY_MS, value, spent: 0, refilled: 0 }));
  const labels = axisLabels(
    svgs(render([account({ points: envelopes, refills: [], counter: { label: 'Envelopes', unit: ENVELOPES } })]))[0]!,
  );
  // Counts step by whole numbers, never "0.5 envelopes".
  assert.deepEqual(
    labels.filter((label) => !/^[A-Z]/.test(label)),
    ['0', '1', '2'],
  );
});

test('the SVG scales with the panel: a viewBox and a width of 100%', () => {
  assert.match(
    svgs(render([account()]))[0]!,
    /^<svg class="chart" viewBox="0 0 \d+ \d+" width="100%" role="img" aria-labelledby="chart-0-title" aria-describedby="chart-0-desc">/,
  );
});

test('the chart is an image named by its own title and described in words: the values, their range, the refills, the forecast', () => {
  const points = dailyBalance();
  const svg = svgs(
    render([account({ points, forecast: { kind: 'runsOut', perDay: 2, runsOutAt: FIXED_NOW + 6 * DAY_MS } as CounterForecast })]),
  )[0]!;
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="chart-0-title" aria-describedby="chart-0-desc">/);
  assert.equal(
    /<title id="chart-0-title">([^<]*)<\/title>/.exec(svg)?.[1],
    'Balance of Leadping — Dana Whitfield over the last 30 days; the table below has the same values.',
  );
  assert.equal(
    /<desc id="chart-0-desc">([^<]*)<\/desc>/.exec(svg)?.[1],
    'From $80.00 on Oct 23 to $70.00 on Nov 22; lowest $42.00, highest $90.00. Refills: $48.00 on Nov 12. ' +
      'The dashed line is the forecast: Runs out around Nov 28 at the current rate.',
  );
  const single = svgs(render([account({ points: points.slice(-1), refills: [] })]))[0]!;
  assert.equal(/<desc id="chart-0-desc">([^<]*)<\/desc>/.exec(single)?.[1], 'One value: $70.00 on Nov 22.');
});

test('everything on the page is inside its main landmark, each account in a region named by its heading', () => {
  for (const html of [
    render([account(), account({ serviceName: 'Signeasy' })]),
    render([]),
    renderHistoryUnavailableHtml({ ...ASSETS, locale: 'en-US' }),
  ]) {
    const body = /<body>\n([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    const outside = body
      .replace(/<main>[\s\S]*<\/main>/, '')
      .replace(SCRIPT_TAG, '')
      .trim();
    assert.equal(outside, '', 'nothing but the script outside <main>');
  }
  const sections = [
    ...render([account(), account({ serviceName: 'Signeasy' })]).matchAll(/<section aria-labelledby="([^"]+)">\n<h2 id="([^"]+)">/g),
  ];
  assert.deepEqual(
    sections.map((match) => [match[1], match[2]]),
    [
      ['account-0', 'account-0'],
      ['account-1', 'account-1'],
    ],
  );
});

test('the range buttons show which range is selected and post it', () => {
  const html = render([account()], { rangeDays: 365 });
  const buttons = [...html.matchAll(/<button type="button" data-days="(\d+)" aria-pressed="(true|false)">([^<]*)<\/button>/g)];
  assert.deepEqual(
    buttons.map((button) => [button[1], button[2], button[3]]),
    [
      ['7', 'false', 'Last 7 days'],
      ['30', 'false', 'Last 30 days'],
      ['365', 'true', 'Last 365 days'],
    ],
  );
  assert.match(mediaFile('creditHistory.js'), /vscode\.postMessage\(\{ type: 'range', days: Number\(button\.dataset\.days\) \}\)/);
});

test('only a range message with an offered range is accepted from the page', () => {
  assert.equal(isRangeMessage({ type: 'range', days: 7 }), true);
  assert.equal(isRangeMessage({ type: 'range', days: 365 }), true);
  for (const message of [
    { type: 'range', days: 14 },
    { type: 'range', days: '30' },
    { type: 'other', days: 30 },
    null,
    undefined,
    'range',
    30,
  ]) {
    assert.equal(isRangeMessage(message), false, JSON.stringify(message));
  }
});

test('the unavailable page keeps the same CSP, nonce and assets', () => {
  const html = renderHistoryUnavailableHtml({ ...ASSETS, locale: 'en-US' });
  assert.match(html, new RegExp(`script-src &#39;nonce-${NONCE}&#39;`));
  assert.match(html, /could not be shown/);
  assert.ok(html.includes(LINK_TAG) && html.includes(SCRIPT_TAG));
  assert.doesNotMatch(html.replace(LINK_TAG, '').replace(SCRIPT_TAG, ''), /https?:/);
});
