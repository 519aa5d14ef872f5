// The Credit History page: for each account's headline counter, a chart of its values over the
// chosen range (inline SVG: the values, the refills, the forecast), and a table with the same numbers
// for screen readers and for reading exact values. Pure: one function from data to the whole HTML
// document, so what the webview shows (escaping, CSP, no NaN) is tested in plain Node.
//
// The page loads two files and nothing else: its stylesheet and its script, from the extension's
// media/ folder (media/creditHistory.css and .js), whose webview URIs the panel hands in. Colours
// come only from VS Code's theme variables, so the chart follows every theme, high contrast included.
import * as l10n from '@vscode/l10n';
import type { HistoryPoint } from '../../core/history/creditHistory';
import type { CounterForecast, RefillMark } from '../../core/history/forecast';
import type { CounterUnit } from '../../core/model';
import { asCurrencyCode } from '../../core/money';
import { formatCount, formatCounterValue, MISSING } from './format';
import { describeForecast, formatDayMonth } from './forecastText';

const DAY_MS = 86_400_000;
/** The ranges the page offers; the extension accepts no other from the page's message. */
const CHART_RANGES = [7, 30, 365] as const;
export type ChartRangeDays = (typeof CHART_RANGES)[number];

/** One account's headline counter, as the caller put it together from its history and forecast. */
export interface ChartAccount {
  /** The service's display name ("Leadping"). */
  readonly serviceName: string;
  /** Who the account belongs to (accountHolderName), when known. */
  readonly accountName?: string;
  /** The label in the person's language (counterLabel) and the unit its values are in. */
  readonly counter: { readonly label: string; readonly unit: CounterUnit };
  /** samplesOf(history, counterId): all of it; the chart picks the range. */
  readonly points: readonly HistoryPoint[];
  /** findRefills(points). */
  readonly refills: readonly RefillMark[];
  readonly forecast: CounterForecast;
  readonly now: number;
  /** plan.renewsAt, for the forecast's sentence about the renewal. */
  readonly renewsAt?: number;
}

export interface HistoryChartInput extends PageAssets {
  readonly accounts: readonly ChartAccount[];
  readonly rangeDays: ChartRangeDays;
  readonly locale?: string;
  /** Undefined: the system's. Which day a time falls on depends on it. */
  readonly timeZone?: string;
}

/** What every page needs to load its two files, and only them. */
export interface PageAssets {
  /** webview.cspSource: where the stylesheet may come from. */
  readonly cspSource: string;
  /** A fresh random value per render: only the page's own <script> carries it. */
  readonly nonce: string;
  /** The webview URI of media/creditHistory.css. */
  readonly styleUri: string;
  /** The webview URI of media/creditHistory.js. */
  readonly scriptUri: string;
}

/** What the page's range buttons post. */
export interface RangeMessage {
  readonly type: 'range';
  readonly days: ChartRangeDays;
}

/** Whether a message from the webview is a range change: anything else from the page is ignored. */
export function isRangeMessage(message: unknown): message is RangeMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, days } = message as { type?: unknown; days?: unknown };
  return type === 'range' && (CHART_RANGES as readonly unknown[]).includes(days);
}

/** Text for HTML content and quoted attribute values: nothing from data may open a tag or close a quote. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function renderHistoryChartHtml(input: HistoryChartInput): string {
  const { accounts, rangeDays, locale } = input;
  const sections =
    accounts.length === 0
      ? `<p class="empty">${escapeHtml(emptyText())}</p>`
      : accounts.map((account, index) => renderAccount(account, index, input)).join('\n');
  return renderDocument(input, `${renderRangeButtons(rangeDays, locale)}\n${sections}`);
}

/** The page when its data could not be put together (a bug: the log has it), rather than a blank one. */
export function renderHistoryUnavailableHtml(input: PageInput): string {
  return renderDocument(
    input,
    `<p class="empty">${escapeHtml(l10n.t('The credit history could not be shown. The Account Glance log says why.'))}</p>`,
  );
}

type PageInput = PageAssets & Pick<HistoryChartInput, 'locale'>;

function renderDocument({ cspSource, nonce, styleUri, scriptUri, locale }: PageInput, body: string): string {
  // Styles only from the stylesheet (the page has no style= attributes), the script only with the nonce.
  const csp = ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(locale ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(l10n.t('Credit History'))}</title>
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
</head>
<body>
<h1>${escapeHtml(l10n.t('Credit History'))}</h1>
${body}
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

function emptyText(): string {
  return l10n.t('No history yet: it grows with each refresh.');
}

function renderRangeButtons(selected: ChartRangeDays, locale: string | undefined): string {
  const buttons = CHART_RANGES.map(
    (days) =>
      `<button type="button" data-days="${days}" aria-pressed="${days === selected}">${escapeHtml(
        l10n.t('Last {days} days', { days: formatCount(days, locale) }),
      )}</button>`,
  );
  return `<div class="ranges" role="group" aria-label="${escapeHtml(l10n.t('Range'))}">${buttons.join('')}</div>`;
}

function accountTitle(account: ChartAccount): string {
  return account.accountName === undefined || account.accountName.trim() === ''
    ? account.serviceName
    : l10n.t('{service} — {account}', { service: account.serviceName, account: account.accountName });
}

function renderAccount(account: ChartAccount, index: number, input: HistoryChartInput): string {
  const { locale, timeZone, rangeDays } = input;
  const title = accountTitle(account);
  const headingId = `account-${index}`;
  const heading = `<h2 id="${headingId}">${escapeHtml(l10n.t('{account}: {counter}', { account: title, counter: account.counter.label }))}</h2>`;
  const points = chartablePoints(account.points);
  const forecastText = describeForecast(account.forecast, {
    unit: account.counter.unit,
    now: account.now,
    locale,
    ...(account.renewsAt === undefined ? {} : { renewsAt: account.renewsAt }),
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  const body = (content: string) =>
    `<section aria-labelledby="${headingId}">\n${heading}\n<p class="forecast-text">${escapeHtml(forecastText)}</p>\n${content}\n</section>`;
  if (points.length === 0) return body(`<p class="empty">${escapeHtml(emptyText())}</p>`);

  const rangeStart = account.now - rangeDays * DAY_MS;
  const firstInRange = points.findIndex((point) => point.at >= rangeStart);
  if (firstInRange === -1) {
    const last = points.at(-1)!;
    return body(
      `<p class="empty">${escapeHtml(
        l10n.t('Nothing was recorded in the last {days} days. The last value, {value}, was recorded on {date}.', {
          days: formatCount(rangeDays, locale),
          value: formatCounterValue(last.value, account.counter.unit, locale),
          date: formatDateTime(last.at, locale, timeZone),
        }),
      )}</p>`,
    );
  }
  const plot = planPlot(account, points, firstInRange, rangeStart);
  return body(`${renderSvg(account, plot, index, input, title)}\n${renderTable(account, points, firstInRange, input, title)}`);
}

/** What chartable means here: finite numbers in strictly increasing time, as samplesOf() gives them. */
function chartablePoints(points: readonly HistoryPoint[]): HistoryPoint[] {
  const usable: HistoryPoint[] = [];
  for (const point of points) {
    const previous = usable.at(-1);
    if (!Number.isFinite(point.at) || !Number.isFinite(point.value)) continue;
    if (previous !== undefined && point.at <= previous.at) continue;
    usable.push(point);
  }
  return usable;
}

// The SVG's own coordinate system; width="100%" scales it to the panel.
const VIEW_WIDTH = 640;
const VIEW_HEIGHT = 220;
const PLOT_LEFT = 76;
const PLOT_RIGHT = VIEW_WIDTH - 16;
const PLOT_TOP = 12;
const PLOT_BOTTOM = VIEW_HEIGHT - 28;
const VALUE_TICKS = 4;
const TIME_TICKS = 5;

interface PlotPoint {
  readonly at: number;
  readonly value: number;
}

interface Plot {
  readonly line: readonly PlotPoint[];
  readonly refills: readonly (RefillMark & { readonly value: number })[];
  /** The forecast from the last value to where it runs out or reaches the refill trigger. */
  readonly forecast?: { readonly from: PlotPoint; readonly to: PlotPoint };
  readonly timeStart: number;
  readonly timeEnd: number;
  readonly valueTicks: readonly number[];
  readonly now: number;
}

function planPlot(account: ChartAccount, points: readonly HistoryPoint[], firstInRange: number, rangeStart: number): Plot {
  const inRange = points.slice(firstInRange);
  const before = points[firstInRange - 1];
  const first = inRange[0]!;
  const last = inRange.at(-1)!;
  // The line enters at the range's start where a value before it is known, rather than starting mid-chart.
  const line: PlotPoint[] =
    before === undefined || first.at === rangeStart
      ? [...inRange]
      : [{ at: rangeStart, value: interpolate(before, first, rangeStart) }, ...inRange];
  const forecast = forecastSegment(account.forecast, last, account.now, account.now - rangeStart);
  const timeEnd = Math.max(account.now, last.at, forecast?.to.at ?? -Infinity);
  const refills = account.refills
    .filter((refill) => Number.isFinite(refill.at) && refill.at >= rangeStart && refill.at <= timeEnd)
    .map((refill) => ({ ...refill, value: valueAt(line, refill.at) }));
  const values = [...line.map((point) => point.value), ...(forecast === undefined ? [] : [forecast.to.value])];
  return {
    line,
    refills,
    ...(forecast === undefined ? {} : { forecast }),
    timeStart: rangeStart,
    timeEnd,
    valueTicks: niceTicks(Math.min(0, ...values), Math.max(...values), account.counter.unit),
    now: account.now,
  };
}

/**
 * The forecast's line, when where it ends is within one range length of now ("inside or near" the
 * chart): further out it would squash the history into a corner, and the sentence above says it.
 */
function forecastSegment(forecast: CounterForecast, last: HistoryPoint, now: number, rangeMs: number): Plot['forecast'] {
  let to: PlotPoint | undefined;
  if (forecast.kind === 'runsOut') {
    to = { at: forecast.runsOutAt, value: 0 };
  } else if (forecast.kind === 'refills') {
    // The trigger level is where the same rate meets nextRefillAt: the forecast gives the time, not the level.
    to = { at: forecast.nextRefillAt, value: last.value - (forecast.perDay * (forecast.nextRefillAt - last.at)) / DAY_MS };
  }
  if (to === undefined || !Number.isFinite(to.at) || !Number.isFinite(to.value)) return undefined;
  if (to.at <= last.at || to.at - now > rangeMs) return undefined;
  return { from: { at: last.at, value: last.value }, to };
}

function interpolate(a: PlotPoint, b: PlotPoint, at: number): number {
  const span = b.at - a.at;
  return span > 0 ? a.value + ((b.value - a.value) * (at - a.at)) / span : b.value;
}

/** The line's value at a time: refills sit on the line, at the point that saw them. */
function valueAt(line: readonly PlotPoint[], at: number): number {
  const nextIndex = line.findIndex((point) => point.at >= at);
  if (nextIndex === -1) return line.at(-1)!.value;
  const next = line[nextIndex]!;
  const previous = line[nextIndex - 1];
  return previous === undefined || next.at === at ? next.value : interpolate(previous, next, at);
}

/**
 * Round values for the axis, from a round floor to a round ceiling that cover [low, high]; counts
 * step by whole numbers. A degenerate range (one value, or all at zero) still gets an axis.
 */
function niceTicks(low: number, high: number, unit: CounterUnit): number[] {
  const top = high > low ? high : low + (unit.kind === 'count' ? VALUE_TICKS : 1);
  const span = top - low;
  if (!Number.isFinite(span) || span <= 0) return [low, top];
  const rough = span / VALUE_TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const normalized = rough / magnitude;
  let step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
  if (unit.kind === 'count') step = Math.max(1, step);
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  // Multiplied rather than summed, so 0.1 steps do not drift into 0.30000000000000004.
  for (let count = 0; count <= VALUE_TICKS * 3; count++) {
    const tick = first + count * step;
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks.every(Number.isFinite) && ticks.length >= 2 ? ticks : [low, top];
}

function renderSvg(account: ChartAccount, plot: Plot, index: number, input: HistoryChartInput, title: string): string {
  const { locale, timeZone } = input;
  const unit = account.counter.unit;
  const valueLow = plot.valueTicks[0]!;
  const valueHigh = plot.valueTicks.at(-1)!;
  const x = (at: number) => coordinate(PLOT_LEFT + ((at - plot.timeStart) / (plot.timeEnd - plot.timeStart)) * (PLOT_RIGHT - PLOT_LEFT));
  const y = (value: number) => coordinate(PLOT_BOTTOM - ((value - valueLow) / (valueHigh - valueLow)) * (PLOT_BOTTOM - PLOT_TOP));
  const valueStep = plot.valueTicks.length > 1 ? plot.valueTicks[1]! - valueLow : 1;

  const parts: string[] = [];
  const titleId = `chart-${index}-title`;
  const chartTitle = l10n.t('{counter} of {account} over the last {days} days; the table below has the same values.', {
    counter: account.counter.label,
    account: title,
    days: formatCount(input.rangeDays, locale),
  });
  parts.push(`<title id="${titleId}">${escapeHtml(chartTitle)}</title>`);

  const grid: string[] = [];
  for (const tick of plot.valueTicks) {
    grid.push(`<line x1="${PLOT_LEFT}" y1="${y(tick)}" x2="${PLOT_RIGHT}" y2="${y(tick)}"/>`);
    grid.push(
      `<text x="${PLOT_LEFT - 6}" y="${y(tick)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(
        axisValueLabel(tick, valueStep, unit, locale),
      )}</text>`,
    );
  }
  for (const at of dayTicks(plot.timeStart, plot.timeEnd)) {
    // Labels near the right edge end there instead of running off the picture.
    const anchor = Number(x(at)) > PLOT_RIGHT - 24 ? 'end' : 'middle';
    grid.push(
      `<text x="${x(at)}" y="${VIEW_HEIGHT - 8}" text-anchor="${anchor}">${escapeHtml(formatDayMonth(at, { now: plot.now, locale, timeZone }))}</text>`,
    );
  }
  parts.push(`<g class="grid">${grid.join('')}</g>`);

  if (plot.timeEnd > plot.now) {
    // Where the history ends and the forecast begins.
    parts.push(`<line class="now" x1="${x(plot.now)}" y1="${PLOT_TOP}" x2="${x(plot.now)}" y2="${PLOT_BOTTOM}" stroke-dasharray="2 3"/>`);
  }
  if (plot.line.length === 1) {
    const only = plot.line[0]!;
    parts.push(`<circle class="point" cx="${x(only.at)}" cy="${y(only.value)}" r="3"/>`);
  } else {
    parts.push(`<polyline class="values" points="${plot.line.map((point) => `${x(point.at)},${y(point.value)}`).join(' ')}"/>`);
  }
  if (plot.forecast !== undefined) {
    const { from, to } = plot.forecast;
    const label = forecastMarkLabel(account, to, input);
    parts.push(
      `<line class="forecast" x1="${x(from.at)}" y1="${y(from.value)}" x2="${x(to.at)}" y2="${y(to.value)}" stroke-dasharray="6 4"><title>${escapeHtml(label)}</title></line>`,
      `<circle class="forecast-end" cx="${x(to.at)}" cy="${y(to.value)}" r="3.5"><title>${escapeHtml(label)}</title></circle>`,
    );
  }
  for (const refill of plot.refills) {
    const label = l10n.t('Refill of {amount} on {date}', {
      amount: formatCounterValue(refill.amount, unit, locale),
      date: formatDateTime(refill.at, locale, timeZone),
    });
    parts.push(`<g class="refill"><circle cx="${x(refill.at)}" cy="${y(refill.value)}" r="4.5"/><title>${escapeHtml(label)}</title></g>`);
  }
  return `<svg class="chart" viewBox="0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}" width="100%" role="img" aria-labelledby="${titleId}">${parts.join('')}</svg>`;
}

/**
 * Times for the date labels: whole days apart, at noon UTC, which is the same calendar day in
 * nearly every time zone, so a label never names the day before or after the one it marks.
 */
function dayTicks(start: number, end: number): number[] {
  const stepDays = Math.max(1, Math.ceil((end - start) / DAY_MS / (TIME_TICKS - 1)));
  const firstNoon = Math.ceil((start - DAY_MS / 2) / DAY_MS) * DAY_MS + DAY_MS / 2;
  const ticks: number[] = [];
  for (let at = firstNoon; at <= end && ticks.length < TIME_TICKS + 1; at += stepDays * DAY_MS) ticks.push(at);
  return ticks;
}

function forecastMarkLabel(account: ChartAccount, to: PlotPoint, input: HistoryChartInput): string {
  const date = formatDayMonth(to.at, { now: account.now, locale: input.locale, timeZone: input.timeZone });
  return account.forecast.kind === 'refills'
    ? l10n.t('Auto-refill expected around {date}', { date })
    : l10n.t('Runs out around {date} at the current rate', { date });
}

/** SVG numbers: one decimal is finer than a pixel, and nothing that is not a number reaches the markup. */
function coordinate(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** Axis values without cents when the step is whole, and compact once they grow long ("$12K"). */
function axisValueLabel(value: number, step: number, unit: CounterUnit, locale: string | undefined): string {
  const fractionDigits = step >= 1 || step === 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  const compact = Math.abs(value) >= 10_000;
  const options: Intl.NumberFormatOptions = compact
    ? { notation: 'compact', maximumFractionDigits: 1 }
    : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  if (unit.kind === 'money') {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: asCurrencyCode(unit.currency) ?? 'USD', ...options }).format(value);
  }
  return new Intl.NumberFormat(locale, options).format(value);
}

function renderTable(
  account: ChartAccount,
  points: readonly HistoryPoint[],
  firstInRange: number,
  input: HistoryChartInput,
  title: string,
): string {
  const { locale, timeZone } = input;
  const unit = account.counter.unit;
  const rows: string[] = [];
  // Newest first: the latest values are the ones looked for.
  for (let index = points.length - 1; index >= firstInRange; index--) {
    const point = points[index]!;
    const previous = points[index - 1];
    const change = previous === undefined ? MISSING : formatChange(point.value - previous.value, unit, locale);
    const changeText = point.refilled > 0 && previous !== undefined ? refillChange(point, previous, change, unit, locale) : change;
    rows.push(
      `<tr><td>${escapeHtml(formatDateTime(point.at, locale, timeZone))}</td><td class="number">${escapeHtml(
        formatCounterValue(point.value, unit, locale),
      )}</td><td class="number">${escapeHtml(changeText)}</td></tr>`,
    );
  }
  const caption = l10n.t('{counter} of {account}, newest first', { counter: account.counter.label, account: title });
  const summary = l10n.t('Values as a table ({count} rows)', { count: formatCount(rows.length, locale) });
  return `<details><summary>${escapeHtml(summary)}</summary>
<table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">${escapeHtml(l10n.t('Date'))}</th><th scope="col">${escapeHtml(l10n.t('Value'))}</th><th scope="col">${escapeHtml(
    l10n.t('Change'),
  )}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</details>`;
}

/** A change that holds a refill says so; the amount only when spending in the same bucket makes the two differ. */
function refillChange(point: HistoryPoint, previous: HistoryPoint, change: string, unit: CounterUnit, locale: string | undefined): string {
  return point.spent > 0 || point.refilled !== point.value - previous.value
    ? l10n.t('{change} (refill of {amount})', { change, amount: formatCounterValue(point.refilled, unit, locale) })
    : l10n.t('{change} (refill)', { change });
}

/** "+$25.00", "−$2.10", "0": a change reads with its sign in the locale's way. */
function formatChange(change: number, unit: CounterUnit, locale: string | undefined): string {
  if (!Number.isFinite(change)) return MISSING;
  return unit.kind === 'money'
    ? new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: asCurrencyCode(unit.currency) ?? 'USD',
        signDisplay: 'exceptZero',
      }).format(change)
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(change);
}

function formatDateTime(at: number, locale: string | undefined, timeZone: string | undefined): string {
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return MISSING;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(at));
}
