// The Credit History page: for each account's headline counter, a chart of its values over the
// chosen range (inline SVG: the values, the refills, the forecast; historyChartSvg.ts draws it), and
// a table with the same numbers for screen readers and for reading exact values. Pure: one function from data to the whole HTML
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
import { formatCount, formatCounterValue, formatDateTime, MISSING } from './format';
import { describeForecast } from './forecastText';
import { renderChartSvg } from './historyChartSvg';
import { pluralMessage } from './pluralForms';
import { escapeHtml } from './surfaceText';
import { numberFormat } from './intlFormats';

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
<main>
<h1>${escapeHtml(l10n.t('Credit History'))}</h1>
${body}
</main>
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
  const chart = renderChartSvg({ ...account, title, index, rangeDays, locale, timeZone }, points, firstInRange, rangeStart);
  return body(`${chart}\n${renderTable(account, points, firstInRange, input, title)}`);
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
  const rowCount = { count: formatCount(rows.length, locale) };
  const summary = pluralMessage(rows.length, locale, {
    one: () => l10n.t({ message: 'Values as a table ({count} row)', comment: 'plural: one', args: rowCount }),
    few: () => l10n.t({ message: 'Values as a table ({count} rows)', comment: 'plural: few', args: rowCount }),
    many: () => l10n.t({ message: 'Values as a table ({count} rows)', comment: 'plural: many', args: rowCount }),
    other: () => l10n.t({ message: 'Values as a table ({count} rows)', comment: 'plural: other', args: rowCount }),
  });
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
    ? numberFormat(locale, {
        style: 'currency',
        currency: asCurrencyCode(unit.currency) ?? 'USD',
        signDisplay: 'exceptZero',
      }).format(change)
    : numberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(change);
}
