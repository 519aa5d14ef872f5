import assert from 'node:assert/strict';
import { test } from 'node:test';
import { samplesOf } from '../../src/core/history/creditHistory';
import { forecastCounter, type CounterForecast } from '../../src/core/history/forecast';
import type { CounterUnit } from '../../src/core/model';
import {
  describeForecast,
  describeForecastBriefly,
  formatDayMonth,
  type ForecastWordingContext,
} from '../../src/views/viewModels/forecastText';
import { FIXED_NOW } from '../support/clock';
import { DAY_MS, ENVELOPES, HOUR_MS, historyOf, USD } from '../support/historyBuilder';
import { DEC_1, NBSP } from '../support/wording';

const DEC_20 = Date.UTC(2026, 11, 20, 12);
const JAN_4 = Date.UTC(2027, 0, 4, 12);

function context(overrides: Partial<ForecastWordingContext> = {}): ForecastWordingContext {
  return { unit: USD, now: FIXED_NOW, locale: 'en-US', timeZone: 'UTC', ...overrides };
}

const runsOutDec1: CounterForecast = { kind: 'runsOut', perDay: 2.1, source: 'localHistory', runsOutAt: DEC_1 };

test('a run-out reads as the rate, how long it lasts and the day', () => {
  assert.equal(describeForecast(runsOutDec1, context()), '≈ $2.10 a day · runs out in about 9 days (Dec 1)');
});

test("money, durations and dates follow the person's locale", () => {
  const text = describeForecast(runsOutDec1, context({ locale: 'de-DE' }));
  // The sentence stays in the bundle's language (English here, no bundle loaded); the values do not.
  assert.equal(text, `≈ 2,10${NBSP}$ a day · runs out in about 9 Tage (1. Dez.)`);
  assert.doesNotMatch(text, /\$2\.10/);
});

test('a counter a renewal replenishes says whether it lasts until then, with both dates when it does not', () => {
  const counting = context({ unit: ENVELOPES, renewsAt: JAN_4 });
  assert.equal(
    describeForecast(
      { kind: 'runsOut', perDay: 3, source: 'localHistory', runsOutAt: Date.UTC(2027, 1, 1), lastsUntilRenewal: true },
      counting,
    ),
    '≈ 3 envelopes a day · lasts until the subscription renews (Jan 4)',
  );
  assert.equal(
    describeForecast({ kind: 'runsOut', perDay: 3, source: 'localHistory', runsOutAt: DEC_20, lastsUntilRenewal: false }, counting),
    '≈ 3 envelopes a day · runs out before the subscription renews (Dec 20 vs Jan 4)',
  );
});

test('without the renewal date, a forecast that outlasts it still says so, and one that does not says when it runs out', () => {
  const counting = context({ unit: ENVELOPES });
  assert.equal(
    describeForecastBriefly({ kind: 'runsOut', perDay: 3, source: 'localHistory', runsOutAt: JAN_4, lastsUntilRenewal: true }, counting),
    'lasts until the subscription renews',
  );
  assert.equal(
    describeForecastBriefly({ kind: 'runsOut', perDay: 3, source: 'localHistory', runsOutAt: DEC_20, lastsUntilRenewal: false }, counting),
    'runs out in about 28 days (Dec 20)',
  );
});

test('auto-refill reads as the next refill, its amount and the day', () => {
  const refills: CounterForecast = { kind: 'refills', perDay: 2.1, source: 'localHistory', nextRefillAt: DEC_1, refillAmount: 25 };
  assert.equal(describeForecast(refills, context()), '≈ $2.10 a day · next auto-refill of $25.00 expected around Dec 1');
  assert.equal(
    describeForecast({ ...refills, nextRefillAt: FIXED_NOW }, context()),
    '≈ $2.10 a day · next auto-refill of $25.00 expected any time now',
  );
});

test('the states without a rate are said plainly', () => {
  assert.equal(describeForecast({ kind: 'notEnoughHistory' }, context()), 'not enough history yet');
  assert.equal(describeForecast({ kind: 'empty' }, context()), 'used up');
  assert.equal(describeForecast({ kind: 'notSpending', perDay: 0, source: 'localHistory' }, context()), 'no spending in the last 7 days');
  assert.equal(describeForecast({ kind: 'notSpending', perDay: 0, source: 'billingPeriod' }, context()), 'no spending this billing period');
});

test('the brief form is the outlook without the rate', () => {
  assert.equal(describeForecastBriefly(runsOutDec1, context()), 'runs out in about 9 days (Dec 1)');
  assert.equal(describeForecastBriefly({ kind: 'empty' }, context()), 'used up');
  const brief = describeForecastBriefly({ ...runsOutDec1, reachesRefillTriggerAt: FIXED_NOW + DAY_MS }, context());
  assert.doesNotMatch(brief, /≈|auto-refill/);
});

test('the time left picks hours, days or months, and gives up beyond a year', () => {
  const at = (runsOutAt: number) => describeForecastBriefly({ ...runsOutDec1, runsOutAt }, context());
  assert.equal(at(FIXED_NOW), 'could run out any time now');
  assert.equal(at(FIXED_NOW + 20 * 60_000), 'could run out any time now');
  assert.equal(at(FIXED_NOW + 5 * HOUR_MS), 'runs out in about 5 hours (Nov 22)');
  assert.equal(at(FIXED_NOW + DAY_MS), 'runs out in about 1 day (Nov 23)');
  assert.equal(at(FIXED_NOW + 91 * DAY_MS), 'runs out in about 3 months (Feb 21)');
  assert.equal(at(FIXED_NOW + 400 * DAY_MS), 'lasts more than a year at this rate');
  assert.equal(at(8.64e15), 'lasts more than a year at this rate');
});

test('with auto-refill off, reaching its trigger is said when it comes before the run-out', () => {
  const forecast: CounterForecast = { ...runsOutDec1, reachesRefillTriggerAt: Date.UTC(2026, 10, 27, 12) };
  assert.equal(
    describeForecast(forecast, context()),
    '≈ $2.10 a day · runs out in about 9 days (Dec 1) · below the auto-refill trigger around Nov 27, and auto-refill is off',
  );
  assert.equal(
    describeForecast({ ...runsOutDec1, reachesRefillTriggerAt: DEC_1 }, context()),
    '≈ $2.10 a day · runs out in about 9 days (Dec 1)',
  );
});

test('a rate from the billing period says so', () => {
  assert.equal(
    describeForecast({ ...runsOutDec1, source: 'billingPeriod' }, context()),
    '≈ $2.10 a day over this billing period · runs out in about 9 days (Dec 1)',
  );
});

test('count rates are rounded as estimates, with the noun in the singular for one and left out when unknown', () => {
  const rate = (perDay: number, unit: CounterUnit) =>
    describeForecast({ kind: 'refills', perDay, source: 'localHistory', nextRefillAt: DEC_1, refillAmount: 10 }, context({ unit })).split(
      ' · ',
    )[0];
  assert.equal(rate(2.71, ENVELOPES), '≈ 2.7 envelopes a day');
  assert.equal(rate(1.02, ENVELOPES), '≈ 1 envelope a day');
  assert.equal(rate(0.333, { kind: 'count', noun: 'files' }), '≈ 0.33 files a day');
  assert.equal(rate(27.4, { kind: 'count', noun: 'credits' }), '≈ 27 credits a day');
  assert.equal(rate(3, { kind: 'count', noun: 'widgets' }), '≈ 3 a day');
  assert.equal(rate(1234.6, { kind: 'count' }), '≈ 1,235 a day');
});

test('money spent too slowly to show in cents does not read as $0.00 a day', () => {
  assert.equal(describeForecast({ ...runsOutDec1, perDay: 0.001 }, context()).split(' · ')[0], 'less than $0.01 a day');
});

test('dates carry their year only when far enough away to be ambiguous, and a bad time reads as a dash', () => {
  assert.equal(formatDayMonth(DEC_1, context()), 'Dec 1');
  assert.equal(formatDayMonth(FIXED_NOW + 320 * DAY_MS, context()), 'Oct 8, 2027');
  assert.equal(formatDayMonth(Number.NaN, context()), '—');
  assert.equal(formatDayMonth(9e15, context()), '—');
});

test('a forecast measured from a real history reads end to end', () => {
  // $2 a day for four days, sampled daily: $40 left lasts 20 more days.
  const start = FIXED_NOW - 4 * DAY_MS;
  const history = historyOf([0, 1, 2, 3, 4].map((day) => [start + day * DAY_MS, 48 - 2 * day] as const));
  const forecast = forecastCounter({ points: samplesOf(history, 'balance'), now: FIXED_NOW });
  assert.equal(describeForecast(forecast, context()), '≈ $2.00 a day · runs out in about 20 days (Dec 12)');
});
