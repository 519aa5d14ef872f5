// The Credit History page's chart of one account's counter, as inline SVG: its values over the
// range, the refills on the line and the forecast's dashed segment, with round axis values and
// date labels. historyChart.ts builds the page around it (headings, the forecast's sentence, the
// table with the same numbers); this only draws. Nothing from data reaches the markup unescaped,
// and no coordinate is ever NaN.
import * as l10n from '@vscode/l10n';
import type { HistoryPoint } from '../../core/history/creditHistory';
import type { CounterForecast, RefillMark } from '../../core/history/forecast';
import type { CounterUnit } from '../../core/model';
import { asCurrencyCode } from '../../core/money';
import { formatCount, formatCounterValue, formatDateTime, formatList } from './format';
import { formatDayMonth } from './forecastText';
import { escapeHtml } from './surfaceText';
import { numberFormat } from './intlFormats';

const DAY_MS = 86_400_000;

/** What the chart draws for one account: a ChartAccount's counter and forecast, and where it sits on the page. */
export interface ChartDrawing {
  readonly counter: { readonly label: string; readonly unit: CounterUnit };
  readonly refills: readonly RefillMark[];
  readonly forecast: CounterForecast;
  readonly now: number;
  /** The account's title, for the chart's accessible name. */
  readonly title: string;
  /** The account's place on the page: keeps the chart's ids unique. */
  readonly index: number;
  readonly rangeDays: number;
  readonly locale?: string;
  readonly timeZone?: string;
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

/**
 * The chart of one account's counter: `points` as chartablePoints() left them, drawn from
 * `rangeStart`, where `firstInRange` is the first of them inside the range.
 */
export function renderChartSvg(chart: ChartDrawing, points: readonly HistoryPoint[], firstInRange: number, rangeStart: number): string {
  const plot = planPlot(chart, points, firstInRange, rangeStart);
  return renderSvg(chart, plot, describeChart(chart, plot, points.slice(firstInRange)));
}

/**
 * The chart in words, for a screen reader (the SVG's <desc>): where the values went in the range,
 * their lowest and highest, the refills and the forecast's mark: what a glance at the lines gives.
 */
function describeChart(chart: ChartDrawing, plot: Plot, inRange: readonly HistoryPoint[]): string {
  const { locale, now, timeZone } = chart;
  const unit = chart.counter.unit;
  const value = (amount: number) => formatCounterValue(amount, unit, locale);
  const date = (at: number) => formatDayMonth(at, { now, locale, timeZone });
  const first = inRange[0]!;
  const last = inRange.at(-1)!;
  const values = inRange.map((point) => point.value);
  const sentences = [
    inRange.length === 1
      ? l10n.t('One value: {value} on {date}.', { value: value(last.value), date: date(last.at) })
      : l10n.t('From {first} on {firstDate} to {last} on {lastDate}; lowest {low}, highest {high}.', {
          first: value(first.value),
          firstDate: date(first.at),
          last: value(last.value),
          lastDate: date(last.at),
          low: value(Math.min(...values)),
          high: value(Math.max(...values)),
        }),
  ];
  if (plot.refills.length > 0) {
    const refills = plot.refills.map((refill) => l10n.t('{amount} on {date}', { amount: value(refill.amount), date: date(refill.at) }));
    sentences.push(l10n.t('Refills: {refills}.', { refills: formatList(refills, locale) }));
  }
  if (plot.forecast !== undefined) {
    sentences.push(l10n.t('The dashed line is the forecast: {forecast}.', { forecast: forecastMarkLabel(chart, plot.forecast.to) }));
  }
  return sentences.join(' ');
}

function planPlot(account: ChartDrawing, points: readonly HistoryPoint[], firstInRange: number, rangeStart: number): Plot {
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

function renderSvg(account: ChartDrawing, plot: Plot, description: string): string {
  const { locale, timeZone, index, title } = account;
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
    days: formatCount(account.rangeDays, locale),
  });
  const descId = `chart-${index}-desc`;
  parts.push(`<title id="${titleId}">${escapeHtml(chartTitle)}</title>`, `<desc id="${descId}">${escapeHtml(description)}</desc>`);

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
    const label = forecastMarkLabel(account, to);
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
  return `<svg class="chart" viewBox="0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}" width="100%" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}">${parts.join('')}</svg>`;
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

function forecastMarkLabel(account: ChartDrawing, to: PlotPoint): string {
  const date = formatDayMonth(to.at, { now: account.now, locale: account.locale, timeZone: account.timeZone });
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
    return numberFormat(locale, { style: 'currency', currency: asCurrencyCode(unit.currency) ?? 'USD', ...options }).format(value);
  }
  return numberFormat(locale, options).format(value);
}
