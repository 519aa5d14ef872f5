// The run-out forecast: the burn rate counts falls only (a refill is never negative spending), the
// rate comes from local history or the billing period's spend, and the answer is a kind with
// numbers that are never negative, never in the past, never NaN.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { recordSnapshot, samplesOf, type HistoryPoint } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import {
  findRefills,
  FORECAST_WINDOW_MS,
  forecastCounter,
  forecastHorizonWarning,
  measureBurnRate,
  MIN_HISTORY_SPAN_MS,
  MIN_SAMPLES,
  type CounterForecast,
  type ForecastInput,
} from '../../src/core/history/forecast';
import { headlineForecast } from '../../src/core/history/headlineForecast';
import type { AccountSnapshot, AutoRefill, PeriodUsage } from '../../src/core/model';
import { DAY_MS, ENVELOPES, HISTORY_START, historyOf, HOUR_MS, snapshotAt } from '../support/historyBuilder';

/** Samples every 6 hours from HISTORY_START, falling by `perSample` each time from `start`. */
function steadySamples(count: number, start: number, perSample: number): [number, number][] {
  return Array.from({ length: count }, (_, index) => [HISTORY_START + index * 6 * HOUR_MS, start - index * perSample]);
}

function pointsOf(samples: readonly (readonly [number, number])[]): HistoryPoint[] {
  return samplesOf(historyOf(samples), 'balance');
}

/** The samples with `amount` added a minute after sample `afterIndex`, and to every later one. */
function withRefill(samples: readonly (readonly [number, number])[], afterIndex: number, amount: number): [number, number][] {
  const [refillAt, valueBefore] = samples[afterIndex]!;
  return [
    ...samples.slice(0, afterIndex + 1).map(([at, value]): [number, number] => [at, value]),
    [refillAt + 60_000, valueBefore + amount],
    ...samples.slice(afterIndex + 1).map(([at, value]): [number, number] => [at, value + amount]),
  ];
}

/** 100 falling by 2.5 every 6 hours (10 a day) for 3 days: 70 left at the last sample. */
const STEADY = steadySamples(13, 100, 2.5);
const STEADY_LAST_AT = STEADY.at(-1)![0];
const NOW = STEADY_LAST_AT + HOUR_MS;

function forecast(input: Partial<ForecastInput> & { samples?: readonly (readonly [number, number])[] }): CounterForecast {
  const { samples = STEADY, ...rest } = input;
  return forecastCounter({ points: pointsOf(samples), now: NOW, ...rest });
}

describe('the burn rate', () => {
  test('a steady fall: 10 a day, measured from the first sample to the last', () => {
    const rate = measureBurnRate(pointsOf(STEADY), NOW);
    assert.deepEqual(rate, { perDay: 10, spent: 30, fromAt: HISTORY_START, toAt: STEADY_LAST_AT, sampleCount: 13, refills: [] });
  });

  test('a refill in the middle is not negative spending, and is reported with its time and amount', () => {
    const samples = withRefill(STEADY, 6, 50);
    const refillAt = STEADY[6]![0] + 60_000;
    const rate = measureBurnRate(pointsOf(samples), NOW);
    assert.equal(rate?.perDay, 10);
    assert.equal(rate?.spent, 30);
    assert.deepEqual(rate?.refills, [{ at: refillAt, amount: 50 }]);
    assert.deepEqual(findRefills(pointsOf(samples)), [{ at: refillAt, amount: 50 }]);
  });

  test('spending and a refill inside one hourly bucket: still counted as spent, still marked', () => {
    const start = HISTORY_START + 10 * HOUR_MS;
    const samples: [number, number][] = [
      [HISTORY_START, 200],
      [start, 200],
      [start + 10 * 60_000, 150],
      [start + 20 * 60_000, 250],
      [start + 30 * 60_000, 240],
    ];
    // Three days on, the four samples of 10:00 are one hourly bucket.
    const history = recordSnapshot(historyOf(samples), snapshotAt(HISTORY_START + 3 * DAY_MS, { balance: 240 }));
    const points = samplesOf(history, 'balance');
    assert.ok(points.length < samples.length + 1, 'the hour was compacted');
    const rate = measureBurnRate(points, HISTORY_START + 3 * DAY_MS);
    assert.equal(rate?.spent, 60);
    assert.deepEqual(rate?.refills, [{ at: start + 30 * 60_000, amount: 100 }]);
  });

  test(`the rate is measured over the last ${FORECAST_WINDOW_MS / DAY_MS} days: older heavy spending fades out`, () => {
    const heavy = Array.from({ length: 20 }, (_, index): [number, number] => [HISTORY_START + index * 6 * HOUR_MS, 10_000 - index * 100]);
    const lightStart = HISTORY_START + 20 * DAY_MS;
    const light = Array.from({ length: 29 }, (_, index): [number, number] => [lightStart + index * 6 * HOUR_MS, 8_000 - index * 0.5]);
    const now = light.at(-1)![0];
    const rate = measureBurnRate(pointsOf([...heavy, ...light]), now);
    assert.equal(rate?.perDay, 2);
    assert.equal(rate?.fromAt, now - FORECAST_WINDOW_MS);
  });

  test('fewer than two samples: no rate', () => {
    assert.equal(measureBurnRate(pointsOf([[HISTORY_START, 5]]), NOW), undefined);
    assert.equal(measureBurnRate([], NOW), undefined);
  });
});

describe('forecastCounter', () => {
  test('a steady fall runs out when the rest is spent at that rate: 70 at 10 a day is 7 days after the last sample', () => {
    assert.deepEqual(forecast({}), { kind: 'runsOut', perDay: 10, source: 'localHistory', runsOutAt: STEADY_LAST_AT + 7 * DAY_MS });
  });

  test('a refill in the middle does not slow the forecast down', () => {
    const samples = withRefill(STEADY, 6, 50);
    assert.deepEqual(forecast({ samples }), {
      kind: 'runsOut',
      perDay: 10,
      source: 'localHistory',
      runsOutAt: STEADY_LAST_AT + 12 * DAY_MS,
    });
  });

  test('auto-refill on: when the trigger is reached, and how much comes then', () => {
    const autoRefill: AutoRefill = { enabled: true, trigger: 10, amount: 50, currency: 'USD' };
    assert.deepEqual(forecast({ autoRefill }), {
      kind: 'refills',
      perDay: 10,
      source: 'localHistory',
      nextRefillAt: STEADY_LAST_AT + 6 * DAY_MS,
      refillAmount: 50,
    });
    const below = forecast({ autoRefill: { ...autoRefill, trigger: 80 } });
    assert.equal(below.kind === 'refills' && below.nextRefillAt, NOW, 'already below the trigger: due now');
  });

  test('auto-refill on without a known trigger or amount cannot be forecast as refilling: it runs out', () => {
    assert.equal(forecast({ autoRefill: { enabled: true, amount: 50 } }).kind, 'runsOut');
    assert.equal(forecast({ autoRefill: { enabled: true, trigger: 10, amount: 0 } }).kind, 'runsOut');
  });

  test('auto-refill off: it runs out, and says when it falls past the trigger nothing will act on', () => {
    const result = forecast({ autoRefill: { enabled: false, trigger: 10, amount: 50 } });
    assert.deepEqual(result, {
      kind: 'runsOut',
      perDay: 10,
      source: 'localHistory',
      runsOutAt: STEADY_LAST_AT + 7 * DAY_MS,
      reachesRefillTriggerAt: STEADY_LAST_AT + 6 * DAY_MS,
    });
  });

  test(`too little history: fewer than ${MIN_SAMPLES} samples, or less than a day of them`, () => {
    assert.deepEqual(forecast({ samples: STEADY.slice(0, 1) }), { kind: 'notEnoughHistory' });
    const twoSamplesTwoDaysApart: [number, number][] = [
      [HISTORY_START, 100],
      [HISTORY_START + 2 * DAY_MS, 80],
    ];
    assert.equal(MIN_SAMPLES, 3);
    assert.deepEqual(forecast({ samples: twoSamplesTwoDaysApart }), { kind: 'notEnoughHistory' });
    const manyInAnHour = Array.from({ length: 12 }, (_, index): [number, number] => [HISTORY_START + index * 5 * 60_000, 100 - index]);
    assert.deepEqual(forecast({ samples: manyInAnHour }), { kind: 'notEnoughHistory' });
    const exactlyADay = steadySamples(5, 100, 2.5);
    assert.equal(exactlyADay.at(-1)![0] - exactlyADay[0]![0], MIN_HISTORY_SPAN_MS);
    assert.equal(forecast({ samples: exactlyADay }).kind, 'runsOut');
  });

  test('a counter that has not changed for days is not spending, from the few samples kept of a flat run', () => {
    const flat = Array.from({ length: 200 }, (_, index): [number, number] => [HISTORY_START + index * 15 * 60_000, 40]);
    assert.ok(pointsOf(flat).length <= 4);
    assert.deepEqual(forecast({ samples: flat }), { kind: 'notSpending', perDay: 0, source: 'localHistory' });
    const flatMonth = Array.from({ length: 30 * 96 }, (_, index): [number, number] => [HISTORY_START + index * 15 * 60_000, 40]);
    const monthPoints = pointsOf(flatMonth);
    assert.ok(monthPoints.length <= 9, `${monthPoints.length} points`);
    assert.equal(forecastCounter({ points: monthPoints, now: flatMonth.at(-1)![0] }).kind, 'notSpending');
  });

  test('0 or below is empty, whatever the history', () => {
    assert.deepEqual(forecast({ samples: [[HISTORY_START, 0]] }), { kind: 'empty' });
    assert.deepEqual(forecast({ samples: [...STEADY, [NOW, -3]] }), { kind: 'empty' });
  });

  test('the billing period’s spend gives a rate from a single sample', () => {
    const periodSpend = { spent: 30, periodStart: NOW - 3 * DAY_MS, asOf: NOW };
    assert.deepEqual(forecast({ samples: [[NOW, 100]], periodSpend }), {
      kind: 'runsOut',
      perDay: 10,
      source: 'billingPeriod',
      runsOutAt: NOW + 10 * DAY_MS,
    });
    assert.deepEqual(forecast({ samples: [[NOW, 100]], periodSpend: { ...periodSpend, periodStart: NOW - 2 * HOUR_MS } }), {
      kind: 'notEnoughHistory',
    });
    assert.deepEqual(forecast({ samples: [[NOW, 100]], periodSpend: { ...periodSpend, spent: 0 } }), {
      kind: 'notSpending',
      perDay: 0,
      source: 'billingPeriod',
    });
    for (const spent of [Number.NaN, -5, Infinity]) {
      assert.deepEqual(forecast({ samples: [[NOW, 100]], periodSpend: { ...periodSpend, spent } }), { kind: 'notEnoughHistory' });
    }
  });

  test('local history, once it covers a day, wins over the billing period', () => {
    const periodSpend = { spent: 300, periodStart: NOW - 3 * DAY_MS };
    assert.deepEqual(forecast({ periodSpend }), {
      kind: 'runsOut',
      perDay: 10,
      source: 'localHistory',
      runsOutAt: STEADY_LAST_AT + 7 * DAY_MS,
    });
    const early = forecast({ samples: STEADY.slice(0, 3), periodSpend });
    assert.equal(early.kind === 'runsOut' && early.source, 'billingPeriod', 'half a day of local history is not enough');
  });

  test('Signeasy envelopes with a renewal: whether they last until it', () => {
    const envelopes = Array.from({ length: 13 }, (_, index): [number, number] => [HISTORY_START + index * 6 * HOUR_MS, 100 - index * 2.5]);
    const points = samplesOf(historyOf(envelopes, 'envelopesAvailable', ENVELOPES), 'envelopesAvailable');
    const before = forecastCounter({ points, now: NOW, renewsAt: NOW + 5 * DAY_MS });
    assert.equal(before.kind === 'runsOut' && before.lastsUntilRenewal, true);
    assert.equal(forecastHorizonWarning(before, NOW, 14), false, 'the renewal comes first');
    const after = forecastCounter({ points, now: NOW, renewsAt: NOW + 15 * DAY_MS });
    assert.equal(after.kind === 'runsOut' && after.lastsUntilRenewal, false);
    assert.equal(forecastHorizonWarning(after, NOW, 14), true);
    const past = forecastCounter({ points, now: NOW, renewsAt: NOW - DAY_MS });
    assert.equal(past.kind === 'runsOut' && 'lastsUntilRenewal' in past, false, 'a renewal in the past says nothing');
  });

  test('a projection that lands before now says now, never the past', () => {
    // 30 a day down to 10: gone 8 hours after the last sample, which was 2 days ago.
    const fast = steadySamples(13, 100, 7.5);
    const now = fast.at(-1)![0] + 2 * DAY_MS;
    const result = forecast({ samples: fast, now });
    assert.equal(result.kind === 'runsOut' && result.perDay, 30);
    assert.equal(result.kind === 'runsOut' && result.runsOutAt, now);
  });
});

describe('headlineForecast', () => {
  /** $30 spent in the 3 days before NOW: 10 a day. */
  const PERIOD_USAGE: PeriodUsage = { periodStart: NOW - 3 * DAY_MS, total: { amount: 30, currency: 'USD' }, lines: [] };
  /** A Leadping-like snapshot at NOW: a $100 headline balance, with this period's spend. */
  const firstSnapshot = (overrides: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
    ...snapshotAt(NOW, { balance: 100 }),
    periodUsage: PERIOD_USAGE,
    ...overrides,
  });
  /** The headline forecast right after the snapshot's refresh, the first one: one sample of history. */
  const firstRefresh = (snapshot: AccountSnapshot, now = snapshot.fetchedAt) =>
    headlineForecast(snapshot, recordSnapshot(undefined, snapshot), now)?.forecast;

  test('the first refresh with the billing period’s spend already forecasts: runs out, or refills with auto-refill on', () => {
    assert.deepEqual(firstRefresh(firstSnapshot()), { kind: 'runsOut', perDay: 10, source: 'billingPeriod', runsOutAt: NOW + 10 * DAY_MS });
    const autoRefill = { enabled: true, amount: 20, trigger: 5, currency: 'USD' };
    assert.deepEqual(firstRefresh(firstSnapshot({ plan: { autoRefill } })), {
      kind: 'refills',
      perDay: 10,
      source: 'billingPeriod',
      nextRefillAt: NOW + 9.5 * DAY_MS,
      refillAmount: 20,
    });
    assert.deepEqual(firstRefresh(firstSnapshot({ periodUsage: undefined })), { kind: 'notEnoughHistory' }, 'without it, as before');
  });

  test('only money in the counter’s own currency, with a known start, gives a rate', () => {
    const inEuros = { ...PERIOD_USAGE, total: { amount: 30, currency: 'EUR' } };
    assert.deepEqual(firstRefresh(firstSnapshot({ periodUsage: inEuros })), { kind: 'notEnoughHistory' });
    const { periodStart: _unknown, ...undated } = PERIOD_USAGE;
    assert.deepEqual(firstRefresh(firstSnapshot({ periodUsage: undated })), { kind: 'notEnoughHistory' });
    const envelopes = { ...snapshotAt(NOW, { envelopesAvailable: 100 }, ENVELOPES), periodUsage: PERIOD_USAGE };
    assert.deepEqual(firstRefresh(envelopes), { kind: 'notEnoughHistory' });
  });

  test('the spend is as of the snapshot: shown again from the cache days later, the rate is the same', () => {
    assert.deepEqual(firstRefresh(firstSnapshot(), NOW + 2 * DAY_MS), {
      kind: 'runsOut',
      perDay: 10,
      source: 'billingPeriod',
      runsOutAt: NOW + 10 * DAY_MS,
    });
  });

  test('local history, once it covers a day, refines the period’s rate', () => {
    // The period says 30 a day; the last three days of samples say 10.
    const latest = {
      ...snapshotAt(STEADY_LAST_AT, { balance: 70 }),
      periodUsage: { ...PERIOD_USAGE, total: { amount: 90, currency: 'USD' } },
    };
    const forecast = headlineForecast(latest, historyOf(STEADY), NOW)?.forecast;
    assert.equal(forecast?.kind === 'runsOut' && forecast.source, 'localHistory');
    assert.equal(forecast?.kind === 'runsOut' && forecast.perDay, 10);
  });
});

describe('forecastHorizonWarning', () => {
  const runsOut: CounterForecast = { kind: 'runsOut', perDay: 10, source: 'localHistory', runsOutAt: NOW + 7 * DAY_MS };

  test('runs out within the horizon (its last moment included), not just after it', () => {
    assert.equal(forecastHorizonWarning(runsOut, NOW, 7), true);
    assert.equal(forecastHorizonWarning(runsOut, NOW, 6.9), false);
  });

  test('with auto-refill off, falling to the trigger within the horizon warns too', () => {
    const withTrigger: CounterForecast = { ...runsOut, reachesRefillTriggerAt: NOW + 2 * DAY_MS };
    assert.equal(forecastHorizonWarning(withTrigger, NOW, 3), true);
    assert.equal(forecastHorizonWarning(withTrigger, NOW, 1), false);
  });

  test('auto-refill on, not spending, not enough history: no warning; empty: warning', () => {
    const refills: CounterForecast = { kind: 'refills', perDay: 10, source: 'localHistory', nextRefillAt: NOW, refillAmount: 50 };
    assert.equal(forecastHorizonWarning(refills, NOW, 30), false);
    assert.equal(forecastHorizonWarning({ kind: 'notSpending', perDay: 0, source: 'localHistory' }, NOW, 30), false);
    assert.equal(forecastHorizonWarning({ kind: 'notEnoughHistory' }, NOW, 30), false);
    assert.equal(forecastHorizonWarning({ kind: 'empty' }, NOW, 0), true);
  });

  test('a horizon that is not a positive number is no horizon at all', () => {
    assert.equal(forecastHorizonWarning(runsOut, NOW, Number.NaN), false);
    assert.equal(forecastHorizonWarning(runsOut, NOW, -10), false);
    assert.equal(forecastHorizonWarning({ ...runsOut, runsOutAt: NOW }, NOW, -10), true);
  });
});

describe('forecast properties', () => {
  const autoRefills = fc.option(
    fc.record(
      {
        enabled: fc.boolean(),
        trigger: fc.oneof(fc.double({ min: -100, max: 10_000, noNaN: true }), fc.constant(Number.NaN)),
        amount: fc.oneof(fc.double({ min: -100, max: 10_000, noNaN: true }), fc.constant(Infinity)),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  const periodSpends = fc.option(
    fc.record({
      spent: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double()),
      periodStart: fc.integer({ min: HISTORY_START - 60 * DAY_MS, max: HISTORY_START + 400 * DAY_MS }),
    }),
    { nil: undefined },
  );
  /** [gap to the previous sample, value]: from seconds to days apart, refills, zeros and negatives included. */
  const histories = fc
    .array(
      fc.tuple(
        fc.integer({ min: 1_000, max: 3 * DAY_MS }),
        fc.oneof(fc.integer({ min: -20, max: 2_000 }), fc.double({ min: -1, max: 1e6, noNaN: true })),
      ),
      {
        maxLength: 60,
      },
    )
    .map((steps) => {
      let at = HISTORY_START;
      let history: AccountHistory | undefined;
      for (const [gap, value] of steps) history = recordSnapshot(history, snapshotAt((at += gap), { balance: value }));
      return { points: samplesOf(history, 'balance'), lastAt: at };
    });
  const inputs = fc.record({
    history: histories,
    sinceLast: fc.integer({ min: -DAY_MS, max: 30 * DAY_MS }),
    autoRefill: autoRefills,
    renewsIn: fc.option(fc.integer({ min: -30 * DAY_MS, max: 60 * DAY_MS }), { nil: undefined }),
    periodSpend: periodSpends,
  });

  function numbersIn(value: unknown): number[] {
    if (typeof value === 'number') return [value];
    if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
    return [];
  }

  test('never a negative or non-finite number, never a time before now, never a forecast from too few samples', () => {
    fc.assert(
      fc.property(inputs, ({ history, sinceLast, autoRefill, renewsIn, periodSpend }) => {
        const now = history.lastAt + sinceLast;
        const result = forecastCounter({
          points: history.points,
          now,
          autoRefill,
          renewsAt: renewsIn === undefined ? undefined : now + renewsIn,
          periodSpend,
        });
        for (const number of numbersIn(result)) assert.ok(Number.isFinite(number), `${number} in ${JSON.stringify(result)}`);
        if ('perDay' in result) assert.ok(result.perDay >= 0);
        for (const at of [
          result.kind === 'runsOut' ? result.runsOutAt : undefined,
          result.kind === 'runsOut' ? result.reachesRefillTriggerAt : undefined,
          result.kind === 'refills' ? result.nextRefillAt : undefined,
        ]) {
          if (at !== undefined) assert.ok(at >= now, `${at} is before now (${now})`);
        }
        if (history.points.length < MIN_SAMPLES && periodSpend === undefined) {
          assert.ok(result.kind === 'notEnoughHistory' || result.kind === 'empty', `${result.kind} from ${history.points.length} samples`);
        }
        if (result.kind === 'refills') assert.equal(autoRefill?.enabled, true);
      }),
      { numRuns: 500 },
    );
  });

  test('a warning at some horizon stays at every longer one', () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 0, max: 400, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), (input, a, b) => {
        const now = input.history.lastAt + input.sinceLast;
        const result = forecastCounter({ points: input.history.points, now, autoRefill: input.autoRefill, periodSpend: input.periodSpend });
        const [shorter, longer] = a < b ? [a, b] : [b, a];
        if (forecastHorizonWarning(result, now, shorter)) assert.equal(forecastHorizonWarning(result, now, longer), true);
      }),
      { numRuns: 300 },
    );
  });

  test('points from anywhere (any numbers, any order) never make it throw or answer NaN', () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0));
    const point = fc.record({
      at: fc.oneof(anyNumber, fc.integer({ min: HISTORY_START, max: HISTORY_START + DAY_MS * 30 })),
      value: anyNumber,
      spent: anyNumber,
      refilled: anyNumber,
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), anyNumber, (points, now) => {
        const result = forecastCounter({
          points,
          now,
          autoRefill: { enabled: true, trigger: 5, amount: 10 },
          periodSpend: { spent: 5, periodStart: HISTORY_START },
        });
        for (const number of numbersIn(result)) assert.ok(Number.isFinite(number), JSON.stringify(result));
        if ('perDay' in result) assert.ok(result.perDay >= 0);
        for (const mark of findRefills(points)) assert.ok(Number.isFinite(mark.at) && mark.amount > 0 && Number.isFinite(mark.amount));
      }),
      { numRuns: 500 },
    );
  });
});
