// Words a counter's forecast (src/core/history/forecast.ts) for a person: the rate it is being spent
// at and what that means (runs out, lasts until the renewal, auto-refills), with amounts and dates
// in the person's locale. The forecast holds kinds and numbers only; every sentence is made here.
// No `vscode` import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import { FORECAST_WINDOW_MS, type CounterForecast } from '../../core/history/forecast';
import type { CounterUnit } from '../../core/model';
import { formatCount, formatCounterValue, MISSING } from './format';
import { pluralMessage } from './pluralForms';
import { dateTimeFormat, numberFormat } from './intlFormats';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Beyond this a date needs its year to be read right ("Oct 3" could be this year's or next). */
const SHOW_YEAR_BEYOND_MS = 300 * DAY_MS;
/** Beyond this "about N days" stops being useful: a year of spending can change in many ways. */
const LONGEST_WORDED_DURATION_MS = 365 * DAY_MS;
/** From here on a duration reads in months ("about 3 months") rather than days. */
const MONTHS_FROM_MS = 60 * DAY_MS;
const AVERAGE_MONTH_MS = 30.44 * DAY_MS;

export interface ForecastWordingContext {
  /** The counter's unit: money reads with its currency, counts with their noun where one is known. */
  readonly unit: CounterUnit;
  readonly now: number;
  /** plan.renewsAt: the forecast says whether the counter lasts until then, but not when that is. */
  readonly renewsAt?: number;
  readonly locale?: string;
  /** Undefined: the system's. Dates are days, and which day depends on the zone. */
  readonly timeZone?: string;
}

/**
 * The full sentence, e.g. "≈ $2.10 a day · runs out in about 6 days (Dec 1)". Plain text: a caller
 * that puts it into Markdown or HTML escapes it there.
 */
export function describeForecast(forecast: CounterForecast, context: ForecastWordingContext): string {
  if (forecast.kind !== 'runsOut' && forecast.kind !== 'refills') return describeOutlook(forecast, context);
  const parts = [describeRate(forecast.perDay, forecast.source, context), describeOutlook(forecast, context)];
  const triggerAt = forecast.kind === 'runsOut' ? forecast.reachesRefillTriggerAt : undefined;
  // Worth saying only when it comes first: at the run-out itself it adds nothing.
  if (forecast.kind === 'runsOut' && triggerAt !== undefined && triggerAt < forecast.runsOutAt) {
    parts.push(l10n.t('below the auto-refill trigger around {date}, and auto-refill is off', { date: formatDayMonth(triggerAt, context) }));
  }
  return parts.join(' · ');
}

/** What the forecast means without the rate, for the status-bar tooltip: "runs out in about 6 days (Dec 1)". Plain text, like describeForecast(). */
export function describeForecastBriefly(forecast: CounterForecast, context: ForecastWordingContext): string {
  return describeOutlook(forecast, context);
}

/** "Dec 1", or "Oct 3, 2027" when that far from now that the year matters. */
export function formatDayMonth(at: number, context: Pick<ForecastWordingContext, 'now' | 'locale' | 'timeZone'>): string {
  // Intl throws on an invalid Date: a bad number must not take the sentence (or the page) with it.
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return MISSING;
  const withYear = Math.abs(at - context.now) > SHOW_YEAR_BEYOND_MS;
  return dateTimeFormat(context.locale, {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    ...(context.timeZone === undefined ? {} : { timeZone: context.timeZone }),
  }).format(new Date(at));
}

function describeOutlook(forecast: CounterForecast, context: ForecastWordingContext): string {
  switch (forecast.kind) {
    case 'notEnoughHistory':
      return l10n.t('not enough history yet');
    case 'empty':
      return l10n.t('used up');
    case 'notSpending':
      return forecast.source === 'billingPeriod'
        ? l10n.t('no spending this billing period')
        : l10n.t('no spending in the last {days} days', { days: formatCount(FORECAST_WINDOW_MS / DAY_MS, context.locale) });
    case 'refills': {
      const amount = formatCounterValue(forecast.refillAmount, context.unit, context.locale);
      return forecast.nextRefillAt - context.now < HOUR_MS
        ? l10n.t('next auto-refill of {amount} expected any time now', { amount })
        : l10n.t('next auto-refill of {amount} expected around {date}', { amount, date: formatDayMonth(forecast.nextRefillAt, context) });
    }
    case 'runsOut':
      return describeRunOut(forecast.runsOutAt, forecast.lastsUntilRenewal, context);
  }
}

function describeRunOut(runsOutAt: number, lastsUntilRenewal: boolean | undefined, context: ForecastWordingContext): string {
  const { renewsAt } = context;
  if (lastsUntilRenewal === true) {
    return renewsAt === undefined
      ? l10n.t('lasts until the subscription renews')
      : l10n.t('lasts until the subscription renews ({date})', { date: formatDayMonth(renewsAt, context) });
  }
  if (lastsUntilRenewal === false && renewsAt !== undefined) {
    return l10n.t('runs out before the subscription renews ({runsOut} vs {renews})', {
      runsOut: formatDayMonth(runsOutAt, context),
      renews: formatDayMonth(renewsAt, context),
    });
  }
  const remainingMs = runsOutAt - context.now;
  // The projection lands at now when, at this rate, the counter would already be empty.
  if (remainingMs < HOUR_MS) return l10n.t('could run out any time now');
  if (remainingMs > LONGEST_WORDED_DURATION_MS) return l10n.t('lasts more than a year at this rate');
  return l10n.t('runs out in about {duration} ({date})', {
    duration: approximateDuration(remainingMs, context.locale),
    date: formatDayMonth(runsOutAt, context),
  });
}

/** "5 hours", "6 days", "3 months": Intl words the unit, so plurals are the locale's own. */
function approximateDuration(ms: number, locale: string | undefined): string {
  const [unit, size]: ['hour' | 'day' | 'month', number] =
    ms < DAY_MS ? ['hour', HOUR_MS] : ms < MONTHS_FROM_MS ? ['day', DAY_MS] : ['month', AVERAGE_MONTH_MS];
  const amount = Math.max(1, Math.round(ms / size));
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

function describeRate(perDay: number, source: 'localHistory' | 'billingPeriod', context: ForecastWordingContext): string {
  const rate = formatRate(perDay, context.unit, context.locale);
  if (rate === undefined) {
    const smallest = formatCounterValue(0.01, context.unit, context.locale);
    return source === 'billingPeriod'
      ? l10n.t('less than {amount} a day over this billing period', { amount: smallest })
      : l10n.t('less than {amount} a day', { amount: smallest });
  }
  return source === 'billingPeriod' ? l10n.t('≈ {rate} a day over this billing period', { rate }) : l10n.t('≈ {rate} a day', { rate });
}

/** "$2.10", "3 envelopes"; undefined for money that rounds to nothing ($0.00 a day would read as not spending). */
function formatRate(perDay: number, unit: CounterUnit, locale: string | undefined): string | undefined {
  if (unit.kind === 'money') return perDay < 0.005 ? undefined : formatCounterValue(perDay, unit, locale);
  // A rate is an estimate: two significant digits below ten ("2.7", "0.33"), whole numbers above.
  const rounded = perDay < 10 ? Number(perDay.toPrecision(2)) : Math.round(perDay);
  const count = numberFormat(locale, { maximumFractionDigits: 2 }).format(rounded);
  return countWithNoun(rounded, count, unit.noun, locale);
}

/**
 * The nouns this release's adapters give counts, in the person's language; any other noun is an
 * English word from stored data, left out rather than shown untranslated.
 */
function countWithNoun(value: number, count: string, noun: string | undefined, locale: string | undefined): string {
  const args = { count };
  switch (noun) {
    case 'envelopes':
      return pluralMessage(value, locale, {
        one: () => l10n.t({ message: '{count} envelope', comment: 'plural: one', args }),
        few: () => l10n.t({ message: '{count} envelopes', comment: 'plural: few', args }),
        many: () => l10n.t({ message: '{count} envelopes', comment: 'plural: many', args }),
        other: () => l10n.t({ message: '{count} envelopes', comment: 'plural: other', args }),
      });
    case 'credits':
      return pluralMessage(value, locale, {
        one: () => l10n.t({ message: '{count} credit', comment: 'plural: one', args }),
        few: () => l10n.t({ message: '{count} credits', comment: 'plural: few', args }),
        many: () => l10n.t({ message: '{count} credits', comment: 'plural: many', args }),
        other: () => l10n.t({ message: '{count} credits', comment: 'plural: other', args }),
      });
    case 'files':
      return pluralMessage(value, locale, {
        one: () => l10n.t({ message: '{count} file', comment: 'plural: one', args }),
        few: () => l10n.t({ message: '{count} files', comment: 'plural: few', args }),
        many: () => l10n.t({ message: '{count} files', comment: 'plural: many', args }),
        other: () => l10n.t({ message: '{count} files', comment: 'plural: other', args }),
      });
    default:
      return count;
  }
}
