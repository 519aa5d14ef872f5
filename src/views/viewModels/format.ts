// How values read on screen: one place, so the tree, the tooltip and the status bar agree.
// No `vscode` import: these are tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { CounterUnit, CreditCounter } from '../../core/model';
import { asCurrencyCode } from '../../core/money';
import { dateTimeFormat, listFormat, numberFormat, relativeTimeFormat } from './intlFormats';

/** Shown wherever a service did not give a value: never "undefined", "null" or "NaN". */
export const MISSING = '—';

const DAY_MS = 86_400_000;

export function formatMoney(value: number | undefined, currency: string | undefined, locale?: string): string {
  if (value === undefined || !Number.isFinite(value)) return MISSING;
  const code = asCurrencyCode(currency) ?? 'USD';
  return numberFormat(locale, { style: 'currency', currency: code }).format(value);
}

export function formatCount(value: number | undefined, locale?: string): string {
  if (value === undefined || !Number.isFinite(value)) return MISSING;
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export function formatCounterValue(value: number | undefined, unit: CounterUnit, locale?: string): string {
  return unit.kind === 'money' ? formatMoney(value, unit.currency, locale) : formatCount(value, locale);
}

/** A counter's value, as "x of y" when the service says the most it can be. */
export function formatCounterAmount(counter: CreditCounter, locale?: string): string {
  const value = formatCounterValue(counter.value, counter.unit, locale);
  if (counter.limit === undefined) return value;
  return l10n.t('{value} of {limit}', { value, limit: formatCounterValue(counter.limit, counter.unit, locale) });
}

/** Items one after another as the locale lists them ("a, b"): data values, not a sentence. */
export function formatList(items: readonly string[], locale?: string): string {
  return listFormat(locale, { type: 'unit', style: 'long' }).format(items);
}

/** "in 12 days", "3 hours ago", "now": the largest unit that fits. */
export function formatRelativeTime(at: number | undefined, now: number, locale?: string): string {
  if (at === undefined || !Number.isFinite(at)) return MISSING;
  const deltaMs = at - now;
  const abs = Math.abs(deltaMs);
  const format = relativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 45_000) return format.format(0, 'second');
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * DAY_MS],
    ['month', 30 * DAY_MS],
    ['day', DAY_MS],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [unit, size] of steps) {
    if (abs >= size || unit === 'minute') {
      return format.format(Math.round(deltaMs / size), unit);
    }
  }
  return MISSING;
}

/** A day, for sentences ("Subscription cancels on Mar 12, 2026"). */
export function formatDate(at: number | undefined, locale?: string): string {
  if (at === undefined || !Number.isFinite(at)) return MISSING;
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(at));
}

/** Two days as the locale writes a span ("Jan 15 – Feb 15, 2026", "15.01. – 15.02.2026"). */
export function formatDateRange(from: number | undefined, to: number | undefined, locale?: string): string {
  if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to) || from > to) return MISSING;
  return dateTimeFormat(locale, { dateStyle: 'medium' }).formatRange(new Date(from), new Date(to));
}

/** The exact moment, for tooltips beside a relative time. */
export function formatExactTime(at: number | undefined, locale?: string): string {
  if (at === undefined || !Number.isFinite(at)) return MISSING;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** The exact moment in a given time zone (the system's when undefined), for the credit history's chart and table. */
export function formatDateTime(at: number, locale: string | undefined, timeZone: string | undefined): string {
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return MISSING;
  return dateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(at));
}

export function formatYesNo(value: boolean | undefined, yes = l10n.t('Yes'), no = l10n.t('No')): string {
  if (value === undefined) return MISSING;
  return value ? yes : no;
}

export function formatText(value: string | undefined): string {
  const trimmed = value?.trim();
  return trimmed ? trimmed : MISSING;
}
