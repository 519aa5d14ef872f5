// The credit history: what recordSnapshot() keeps, how compaction folds it into hourly and daily
// buckets without losing what was spent and refilled, the caps that keep a year of it small, and
// readAccountHistory() taking whatever is stored without throwing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compactHistory,
  DAILY_RETENTION_MS,
  HOURLY_RETENTION_MS,
  MAX_HISTORY_JSON_LENGTH,
  RAW_RETENTION_MS,
  recordSnapshot,
  samplesOf,
  shrinkToJsonLength,
} from '../../src/core/history/creditHistory';
import { MAX_COUNTER_ID_LENGTH, type AccountHistory, type CounterHistory } from '../../src/core/history/historySchema';
import { MAX_COUNTERS_PER_ACCOUNT, MAX_ENTRIES_PER_ACCOUNT, MAX_ENTRIES_PER_COUNTER } from '../../src/core/history/historyTiers';
import { readAccountHistory } from '../../src/core/history/storedHistory';
import type { CounterUnit } from '../../src/core/model';
import { DAY_MS, deepFreeze, ENVELOPES, HISTORY_START, historyOf, HOUR_MS, json, snapshotAt, USD } from '../support/historyBuilder';

const MINUTE_MS = 60_000;
const NOW = HISTORY_START + 400 * DAY_MS;

function counterOf(history: AccountHistory | undefined, id = 'balance'): CounterHistory {
  const counter = history?.counters[id];
  assert.ok(counter, `no history for ${id}`);
  return counter;
}

function entryCount(counter: CounterHistory): number {
  return counter.daily.length + counter.hourly.length + counter.raw.length;
}

function oneCounter(tiers: Partial<CounterHistory>, unit: CounterUnit = USD): AccountHistory {
  return { version: 1, counters: { balance: { unit, daily: [], hourly: [], raw: [], ...tiers } } };
}

/** Every entry of every tier, oldest first, with its time. */
function allTimes(counter: CounterHistory): number[] {
  return [...counter.daily, ...counter.hourly, ...counter.raw].map(([at]) => at);
}

/** The shape every history this module hands out has: ordered, finite, within the caps. */
function assertWellFormed(history: AccountHistory): void {
  const counters = Object.values(history.counters);
  assert.ok(counters.length <= MAX_COUNTERS_PER_ACCOUNT);
  assert.ok(counters.reduce((sum, counter) => sum + entryCount(counter), 0) <= MAX_ENTRIES_PER_ACCOUNT);
  for (const counter of counters) {
    assert.ok(entryCount(counter) > 0 && entryCount(counter) <= MAX_ENTRIES_PER_COUNTER);
    const times = allTimes(counter);
    times.forEach((at, index) => assert.ok(index === 0 || at > times[index - 1]!, 'times strictly increase across the tiers'));
    for (const entry of [...counter.daily, ...counter.hourly]) {
      assert.equal(entry.length, 4);
      assert.ok(entry.every(Number.isFinite));
      assert.ok(entry[2] >= 0 && entry[3] >= 0);
    }
    for (const entry of counter.raw) assert.ok(entry.length === 2 && entry.every(Number.isFinite));
  }
}

describe('recordSnapshot', () => {
  test('adds one raw sample per counter with a finite value, at fetchedAt, with a copy of its unit', () => {
    const snapshot = snapshotAt(NOW, { balance: 12.5, expiring: undefined, broken: Number.NaN });
    const history = recordSnapshot(undefined, snapshot);
    assert.deepEqual(Object.keys(history.counters), ['balance']);
    assert.deepEqual(counterOf(history), { unit: USD, daily: [], hourly: [], raw: [[NOW, 12.5]] });
    assert.notEqual(counterOf(history).unit, snapshot.counters[0]!.unit);
    const next = recordSnapshot(history, snapshotAt(NOW + MINUTE_MS, { balance: 11, expiring: 3 }));
    assert.deepEqual(counterOf(next).raw, [
      [NOW, 12.5],
      [NOW + MINUTE_MS, 11],
    ]);
    assert.deepEqual(counterOf(next, 'expiring').raw, [[NOW + MINUTE_MS, 3]]);
  });

  test('a sample at or before the counter’s latest one is ignored', () => {
    const history = historyOf([
      [NOW, 10],
      [NOW + MINUTE_MS, 9],
    ]);
    for (const at of [NOW + MINUTE_MS, NOW + 30_000, NOW - 23 * HOUR_MS]) {
      assert.deepEqual(recordSnapshot(history, snapshotAt(at, { balance: 1 })), history);
    }
  });

  test('a counter whose latest sample is more than a day ahead of the snapshot (a clock that was wrong) starts again', () => {
    const history = historyOf([
      [NOW, 10],
      [NOW + 2 * DAY_MS, 9],
    ]);
    assert.deepEqual(counterOf(recordSnapshot(history, snapshotAt(NOW + HOUR_MS, { balance: 8 }))).raw, [[NOW + HOUR_MS, 8]]);
  });

  test('a snapshot without a valid time changes nothing', () => {
    const history = historyOf([[NOW, 10]]);
    assert.equal(recordSnapshot(history, snapshotAt(Number.NaN, { balance: 1 })), history);
    assert.deepEqual(recordSnapshot(undefined, snapshotAt(-5, { balance: 1 })), { version: 1, counters: {} });
  });

  test('a new currency drops the counter’s history and starts again; a renamed count noun does not', () => {
    const dollars = historyOf([
      [NOW, 10],
      [NOW + HOUR_MS, 9],
    ]);
    const euros = recordSnapshot(dollars, snapshotAt(NOW + 2 * HOUR_MS, { balance: 8 }, { kind: 'money', currency: 'EUR' }));
    assert.deepEqual(counterOf(euros), { unit: { kind: 'money', currency: 'EUR' }, daily: [], hourly: [], raw: [[NOW + 2 * HOUR_MS, 8]] });

    const envelopes = historyOf([[NOW, 10]], 'balance', ENVELOPES);
    const credits = recordSnapshot(envelopes, snapshotAt(NOW + HOUR_MS, { balance: 9 }, { kind: 'count', noun: 'credits' }));
    assert.deepEqual(counterOf(credits), {
      unit: { kind: 'count', noun: 'credits' },
      daily: [],
      hourly: [],
      raw: [
        [NOW, 10],
        [NOW + HOUR_MS, 9],
      ],
    });

    const counted = recordSnapshot(envelopes, snapshotAt(NOW + HOUR_MS, { balance: 9 }));
    assert.deepEqual(counterOf(counted).raw, [[NOW + HOUR_MS, 9]], 'count → money is a change of unit');
  });

  test('counters the snapshot no longer has keep their history', () => {
    const history = recordSnapshot(historyOf([[NOW, 10]]), snapshotAt(NOW + HOUR_MS, { other: 1 }));
    assert.deepEqual(counterOf(history).raw, [[NOW, 10]]);
  });

  test('never changes the history or the snapshot it is given', () => {
    const samples: [number, number][] = Array.from({ length: 200 }, (_, index) => [
      NOW - 100 * DAY_MS + index * 12 * HOUR_MS,
      1000 - index,
    ]);
    const history = deepFreeze(historyOf(samples)!);
    const before = json(history);
    const snapshot = deepFreeze(snapshotAt(NOW, { balance: 5, other: 2 }));
    const after = recordSnapshot(history, snapshot);
    compactHistory(history, NOW + 400 * DAY_MS);
    shrinkToJsonLength(history, 500);
    assert.deepEqual(history, before);
    assert.notDeepEqual(after, before);
  });

  test('a run of equal values keeps its first sample and its last two', () => {
    const flat: [number, number][] = Array.from({ length: 10 }, (_, index) => [NOW + index * MINUTE_MS, 50]);
    assert.deepEqual(counterOf(historyOf(flat)).raw, [
      [NOW, 50],
      [NOW + 8 * MINUTE_MS, 50],
      [NOW + 9 * MINUTE_MS, 50],
    ]);
    const thenSpent = historyOf([...flat, [NOW + 10 * MINUTE_MS, 45]]);
    assert.deepEqual(samplesOf(thenSpent, 'balance').at(-1), { at: NOW + 10 * MINUTE_MS, value: 45, spent: 5, refilled: 0 });
  });
});

describe('compactHistory: the tiers’ boundaries', () => {
  test('raw samples older than 48 h fold into hourly buckets; one exactly 48 h old stays raw', () => {
    const cutoff = NOW - RAW_RETENTION_MS;
    const compacted = compactHistory(
      oneCounter({
        raw: [
          [cutoff - 1, 10],
          [cutoff, 9],
          [NOW, 8],
        ],
      }),
      NOW,
    );
    assert.deepEqual(counterOf(compacted).hourly, [[cutoff - 1, 10, 0, 0]]);
    assert.deepEqual(counterOf(compacted).raw, [
      [cutoff, 9],
      [NOW, 8],
    ]);
  });

  test('hourly buckets older than 30 days fold into daily ones; one exactly 30 days old stays hourly', () => {
    const cutoff = NOW - HOURLY_RETENTION_MS;
    const compacted = compactHistory(
      oneCounter({
        hourly: [
          [cutoff - 1, 10, 1, 0],
          [cutoff, 9, 1, 0],
        ],
        raw: [[NOW, 8]],
      }),
      NOW,
    );
    assert.deepEqual(counterOf(compacted).daily, [[cutoff - 1, 10, 1, 0]]);
    assert.deepEqual(counterOf(compacted).hourly, [[cutoff, 9, 1, 0]]);
  });

  test('daily buckets older than 365 days are dropped; one exactly 365 days old stays', () => {
    const cutoff = NOW - DAILY_RETENTION_MS;
    const compacted = compactHistory(
      oneCounter({
        daily: [
          [cutoff - 1, 10, 0, 0],
          [cutoff, 9, 1, 0],
        ],
        raw: [[NOW, 8]],
      }),
      NOW,
    );
    assert.deepEqual(counterOf(compacted).daily, [[cutoff, 9, 1, 0]]);
  });

  test('a counter whose every entry expired is removed', () => {
    const compacted = compactHistory(oneCounter({ daily: [[NOW - DAILY_RETENTION_MS - 1, 10, 0, 0]] }), NOW);
    assert.deepEqual(compacted.counters, {});
  });

  test('entries more than a day ahead of now (a wrong clock) are dropped, so new samples are not blocked', () => {
    const history = oneCounter({
      raw: [
        [NOW - HOUR_MS, 10],
        [NOW + DAY_MS, 9],
        [NOW + DAY_MS + 1, 8],
      ],
    });
    assert.deepEqual(counterOf(compactHistory(history, NOW)).raw, [
      [NOW - HOUR_MS, 10],
      [NOW + DAY_MS, 9],
    ]);
  });

  test('samples fold by clock hour: each bucket holds its hour’s last sample and the sums of every fall and rise', () => {
    const hour = NOW - 3 * DAY_MS;
    const compacted = compactHistory(
      oneCounter({
        raw: [
          [hour + 5 * MINUTE_MS, 100],
          [hour + 20 * MINUTE_MS, 90],
          [hour + 55 * MINUTE_MS, 95],
          [hour + 65 * MINUTE_MS, 80],
          [NOW, 70],
        ],
      }),
      NOW,
    );
    assert.deepEqual(counterOf(compacted).hourly, [
      [hour + 55 * MINUTE_MS, 95, 10, 5],
      [hour + 65 * MINUTE_MS, 80, 15, 0],
    ]);
  });

  test('a refill inside an hour, and inside a day, survives compaction as its amount beside what was spent', () => {
    const day = NOW - 40 * DAY_MS;
    const tenOClock = day + 10 * HOUR_MS;
    const history = historyOf([
      [tenOClock - 10 * MINUTE_MS, 100],
      [tenOClock + 5 * MINUTE_MS, 40],
      [tenOClock + 20 * MINUTE_MS, 140],
      [tenOClock + 40 * MINUTE_MS, 120],
    ]);
    const afterThreeDays = recordSnapshot(history, snapshotAt(tenOClock + 3 * DAY_MS, { balance: 110 }));
    assert.deepEqual(counterOf(afterThreeDays).hourly, [
      [tenOClock - 10 * MINUTE_MS, 100, 0, 0],
      [tenOClock + 40 * MINUTE_MS, 120, 80, 100],
    ]);
    const afterFortyDays = recordSnapshot(afterThreeDays, snapshotAt(NOW, { balance: 100 }));
    assert.deepEqual(counterOf(afterFortyDays).daily, [
      [tenOClock + 40 * MINUTE_MS, 120, 80, 100],
      [tenOClock + 3 * DAY_MS, 110, 10, 0],
    ]);
    const points = samplesOf(afterFortyDays, 'balance');
    assert.equal(
      points.reduce((sum, point) => sum + point.spent, 0),
      100,
    );
    assert.equal(
      points.reduce((sum, point) => sum + point.refilled, 0),
      100,
    );
  });
});

describe('the size caps', () => {
  /** 12 counters, every one changing at every sample, every 5 minutes for a year: the worst a real account does. */
  test('a simulated year of 5-minute samples of 12 busy counters stays under MAX_HISTORY_JSON_LENGTH', () => {
    const ids = Array.from({ length: 12 }, (_, index) => `counter${index}`);
    const step = 5 * MINUTE_MS;
    const end = HISTORY_START + 365 * DAY_MS;
    let history: AccountHistory | undefined;
    let tick = 0;
    for (let at = HISTORY_START; at <= end; at += step, tick++) {
      // Balances in cents, spent a little at every sample and refilled every 500 samples.
      const values = Object.fromEntries(ids.map((id, index) => [id, 10_000 + ((tick * (index + 3) * 7) % 50_000) / 100 - (tick % 500)]));
      history = recordSnapshot(history, snapshotAt(at, values));
    }
    assert.ok(history);
    const length = JSON.stringify(history).length;
    assert.ok(length < MAX_HISTORY_JSON_LENGTH, `${length} characters`);
    assertWellFormed(history);
    assert.deepEqual(Object.keys(history.counters), ids);
    for (const id of ids) {
      const points = samplesOf(history, id);
      assert.equal(points.at(-1)?.at, end - ((end - HISTORY_START) % step), 'the latest sample is kept');
      assert.ok(points[0]!.at <= end - 30 * DAY_MS, `${id} reaches back ${(end - points[0]!.at) / DAY_MS} days`);
      assert.ok(samplesOf(history, id, end - 2 * DAY_MS).length >= 40, 'recent detail is kept');
    }
  });

  test('an account with one busy and three quiet counters keeps a whole year of the busy one', () => {
    const end = HISTORY_START + 365 * DAY_MS;
    let history: AccountHistory | undefined;
    let tick = 0;
    for (let at = HISTORY_START; at <= end; at += 15 * MINUTE_MS, tick++) {
      history = recordSnapshot(history, snapshotAt(at, { balance: 500 - (tick % 96), expiring: 20, refillAmount: 50, refillTrigger: 10 }));
    }
    assertWellFormed(history!);
    assert.ok(samplesOf(history, 'balance')[0]!.at <= end - 360 * DAY_MS);
    for (const id of ['expiring', 'refillAmount', 'refillTrigger']) {
      assert.ok(entryCount(counterOf(history, id)) <= 9, `${id} keeps ${entryCount(counterOf(history, id))} entries`);
    }
  });

  test(`at most ${MAX_COUNTERS_PER_ACCOUNT} counters: the most recently sampled stay`, () => {
    const old = recordSnapshot(undefined, snapshotAt(NOW, { stale: 1 }));
    const values = Object.fromEntries(Array.from({ length: MAX_COUNTERS_PER_ACCOUNT + 4 }, (_, index) => [`fresh${index}`, index]));
    const history = recordSnapshot(old, snapshotAt(NOW + HOUR_MS, values));
    assert.deepEqual(
      Object.keys(history.counters),
      Array.from({ length: MAX_COUNTERS_PER_ACCOUNT }, (_, index) => `fresh${index}`),
    );
  });

  test(`one counter alone keeps at most ${MAX_ENTRIES_PER_COUNTER} entries, detail going before history`, () => {
    // 5-minute samples for 25 days: 48 h of raw samples and 23 days of hourly buckets are more than the cap.
    let history: AccountHistory | undefined;
    for (let tick = 0; tick <= (25 * DAY_MS) / (5 * MINUTE_MS); tick++) {
      history = recordSnapshot(history, snapshotAt(NOW + tick * 5 * MINUTE_MS, { balance: tick % 7 }));
    }
    const counter = counterOf(history);
    assert.equal(entryCount(counter), MAX_ENTRIES_PER_COUNTER);
    assert.ok(samplesOf(history, 'balance')[0]!.at < NOW + HOUR_MS, 'the first hour is still there');
    assert.ok(counter.raw.length >= MAX_ENTRIES_PER_COUNTER / 8 && counter.raw.length < RAW_RETENTION_MS / (5 * MINUTE_MS));
  });

  test('shrinkToJsonLength drops the oldest entries of the biggest counter until the JSON fits', () => {
    const huge = 1.2345678901234567e300;
    // Two counters hourly for 40 days: some 1,200 entries of 40 to 70 characters each.
    let history: AccountHistory | undefined;
    for (let index = 0; index < 960; index++) {
      const value = index % 2 === 0 ? huge : -huge;
      history = recordSnapshot(history, snapshotAt(NOW + index * HOUR_MS, { balance: value, credits: -value }));
    }
    history = recordSnapshot(history, snapshotAt(NOW + 960 * HOUR_MS, { small: 1 }));
    assert.ok(JSON.stringify(history).length > MAX_HISTORY_JSON_LENGTH);
    const shrunk = shrinkToJsonLength(history);
    const length = JSON.stringify(shrunk).length;
    assert.ok(length <= MAX_HISTORY_JSON_LENGTH && length > MAX_HISTORY_JSON_LENGTH - 200, `${length} characters`);
    assert.deepEqual(samplesOf(shrunk, 'balance').at(-1), samplesOf(history, 'balance').at(-1));
    assert.deepEqual(shrunk.counters.small, history.counters.small);
    assert.equal(shrinkToJsonLength(shrunk), shrunk, 'a history that fits comes back as it is');
    assert.deepEqual(shrinkToJsonLength(history, 10), { version: 1, counters: {} });
  });
});

describe('samplesOf', () => {
  const history = oneCounter({
    daily: [[NOW - 40 * DAY_MS, 100, 0, 0]],
    hourly: [[NOW - 3 * DAY_MS, 90, 15, 5]],
    raw: [
      [NOW - HOUR_MS, 95],
      [NOW, 80],
    ],
  });

  test('merges the tiers into one time-ordered series; raw samples get their move from the point before', () => {
    assert.deepEqual(samplesOf(history, 'balance'), [
      { at: NOW - 40 * DAY_MS, value: 100, spent: 0, refilled: 0 },
      { at: NOW - 3 * DAY_MS, value: 90, spent: 15, refilled: 5 },
      { at: NOW - HOUR_MS, value: 95, spent: 0, refilled: 5 },
      { at: NOW, value: 80, spent: 15, refilled: 0 },
    ]);
  });

  test('from a time on (inclusive); an unknown counter, even one named like an Object method, has none', () => {
    assert.deepEqual(
      samplesOf(history, 'balance', NOW - HOUR_MS).map((point) => point.at),
      [NOW - HOUR_MS, NOW],
    );
    for (const id of ['other', 'constructor', '__proto__', 'toString']) assert.deepEqual(samplesOf(history, id), []);
    assert.deepEqual(samplesOf(undefined, 'balance'), []);
  });
});

describe('readAccountHistory', () => {
  const recorded = historyOf(
    Array.from({ length: 300 }, (_, index) => [
      NOW - 60 * DAY_MS + index * 5 * HOUR_MS,
      1000 - index * 1.25 + (index % 40 === 0 ? 100 : 0),
    ]),
  )!;

  function read(stored: unknown): { history: AccountHistory | undefined; reasons: string[] } {
    const reasons: string[] = [];
    const history = readAccountHistory(stored, (reason) => reasons.push(reason));
    return { history, reasons };
  }

  test('reads back what was stored, unchanged, and reports nothing', () => {
    const { history, reasons } = read(json(recorded));
    assert.deepEqual(history, json(recorded));
    assert.deepEqual(reasons, []);
  });

  test('nothing stored reads as undefined, silently', () => {
    assert.deepEqual(read(undefined), { history: undefined, reasons: [] });
  });

  test('a newer version is not read (its shape is unknown)', () => {
    const { history, reasons } = read({ ...json(recorded), version: 2 });
    assert.equal(history, undefined);
    assert.match(reasons.join(), /newer version/);
  });

  for (const [name, stored] of [
    ['a string', 'history'],
    ['an array', [json(recorded)]],
    ['null', null],
    ['no version', { counters: json(recorded).counters }],
    ['version 0', { ...json(recorded), version: 0 }],
    ["version '1'", { ...json(recorded), version: '1' }],
  ] as const) {
    test(`${name} reads as undefined, with a reason`, () => {
      const { history, reasons } = read(stored);
      assert.equal(history, undefined);
      assert.equal(reasons.length, 1);
    });
  }

  test('counters that are not a record read as an empty history', () => {
    assert.deepEqual(read({ version: 1, counters: [1, 2] }).history, { version: 1, counters: {} });
  });

  test('a counter with a malformed id or unit is dropped; the one beside it stays', () => {
    const good = json(recorded.counters.balance);
    const stored = {
      version: 1,
      counters: {
        balance: good,
        noUnit: { ...good, unit: undefined },
        badCurrency: { ...good, unit: { kind: 'money', currency: 'usd' } },
        badKind: { ...good, unit: { kind: 'time' } },
        longNoun: { ...good, unit: { kind: 'count', noun: 'x'.repeat(MAX_COUNTER_ID_LENGTH + 1) } },
        notAnObject: 7,
        ['x'.repeat(MAX_COUNTER_ID_LENGTH + 1)]: good,
      },
    };
    const { history, reasons } = read(stored);
    assert.deepEqual(Object.keys(history!.counters), ['balance']);
    assert.deepEqual(reasons, ['6 counter(s) with a malformed id or unit were dropped']);
  });

  test('malformed and out-of-order samples are dropped one by one', () => {
    const stored = oneCounter({
      daily: [
        [NOW - 50 * DAY_MS, 10, 0, 0],
        [NOW - 49 * DAY_MS, 9, -1, 0],
        [NOW - 48 * DAY_MS, 8, 1, 0],
      ],
      hourly: [
        [NOW - 49 * DAY_MS, 7, 1, 0], // not after the daily tier's last
        [NOW - 20 * DAY_MS, 6, 1, 0, 9] as never,
        [NOW - 19 * DAY_MS, 'five', 1, 0] as never,
        [NOW - 18 * DAY_MS, 5, 1, 0],
      ],
      raw: [[NOW - HOUR_MS, null] as never, [NOW - 2 * HOUR_MS, 4], [NOW - 3 * HOUR_MS, 3], [5, 2], [1e20, 1], [NOW, 2]],
    });
    const { history, reasons } = read(json(stored));
    assert.deepEqual(counterOf(history), {
      unit: USD,
      daily: [
        [NOW - 50 * DAY_MS, 10, 0, 0],
        [NOW - 48 * DAY_MS, 8, 1, 0],
      ],
      hourly: [[NOW - 18 * DAY_MS, 5, 1, 0]],
      raw: [
        [NOW - 2 * HOUR_MS, 4],
        [NOW, 2],
      ],
    });
    assert.deepEqual(reasons, ['8 malformed or out-of-order sample(s) were dropped']);
  });

  test('a tier that is not a list is dropped; a missing one reads as empty', () => {
    const { history, reasons } = read({ version: 1, counters: { balance: { unit: USD, daily: 'none', raw: [[NOW, 1]] } } });
    assert.deepEqual(counterOf(history), { unit: USD, daily: [], hourly: [], raw: [[NOW, 1]] });
    assert.equal(reasons.length, 1);
  });

  test('keys named like Object’s own stay plain counters', () => {
    const stored = JSON.parse(`{"version":1,"counters":{"__proto__":{"unit":{"kind":"count"},"raw":[[${NOW},1]]}}}`) as unknown;
    const { history } = read(stored);
    assert.deepEqual(samplesOf(history, '__proto__'), [{ at: NOW, value: 1, spent: 0, refilled: 0 }]);
    assert.equal(Object.getPrototypeOf(history!.counters), Object.prototype);
  });

  test('a getter that throws loses its counter, or the whole value, never throws', () => {
    const counters = Object.defineProperty({ balance: json(recorded.counters.balance) }, 'bad', {
      enumerable: true,
      get: () => {
        throw new Error('secret token sk_123');
      },
    });
    const { history, reasons } = read({ version: 1, counters });
    assert.deepEqual(Object.keys(history!.counters), ['balance']);
    assert.doesNotMatch(reasons.join(), /sk_123/);
    const whole = read(
      Object.defineProperty({}, 'version', {
        get: () => {
          throw new Error('boom');
        },
      }),
    );
    assert.deepEqual(whole, { history: undefined, reasons: ['the history could not be read'] });
  });

  test('a stored value over the caps is thinned to them, and says so', () => {
    const counters = Object.fromEntries(
      Array.from({ length: MAX_COUNTERS_PER_ACCOUNT + 2 }, (_, index) => [
        `c${index}`,
        { unit: USD, raw: Array.from({ length: 200 }, (_, sample) => [NOW + sample * MINUTE_MS, sample]) },
      ]),
    );
    const { history, reasons } = read({ version: 1, counters });
    assertWellFormed(history!);
    assert.equal(Object.keys(history!.counters).length, MAX_COUNTERS_PER_ACCOUNT);
    assert.deepEqual(reasons, ['the history was over its size caps and was thinned']);
  });
});

describe('properties', () => {
  /** [gap since the previous sample, value]: gaps from seconds to days, values with refills, zeros and negatives. */
  const sampleSteps = fc.array(
    fc.tuple(fc.integer({ min: 1_000, max: 2 * DAY_MS }), fc.oneof(fc.integer({ min: -50, max: 5_000 }), fc.constant(0))),
    { maxLength: 150 },
  );

  function recordSteps(steps: readonly (readonly [number, number])[]): { history: AccountHistory | undefined; values: number[] } {
    let at = NOW - 400 * DAY_MS;
    const samples = steps.map(([gap, value]) => [(at += gap), value] as const);
    return { history: historyOf(samples), values: samples.map(([, value]) => value) };
  }

  test('whatever is recorded: ordered, finite, within the caps, and it survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(sampleSteps, (steps) => {
        const { history } = recordSteps(steps);
        if (history === undefined) return;
        assertWellFormed(history);
        assert.deepEqual(readAccountHistory(json(history)), json(history));
      }),
      { numRuns: 200 },
    );
  });

  test('compaction loses no spending or refill: the sums over the series equal the falls and rises recorded', () => {
    fc.assert(
      fc.property(sampleSteps, (steps) => {
        const { history, values } = recordSteps(steps);
        const falls = values.reduce((sum, value, index) => sum + (index > 0 ? Math.max(0, values[index - 1]! - value) : 0), 0);
        const rises = values.reduce((sum, value, index) => sum + (index > 0 ? Math.max(0, value - values[index - 1]!) : 0), 0);
        const points = samplesOf(history, 'balance');
        // The span stays under 365 days and under the caps: nothing is dropped, only folded.
        assert.equal(
          points.reduce((sum, point) => sum + point.spent, 0),
          falls,
        );
        assert.equal(
          points.reduce((sum, point) => sum + point.refilled, 0),
          rises,
        );
        assert.equal(points.at(-1)?.value, values.at(-1));
      }),
      { numRuns: 200 },
    );
  });

  test('whatever is stored, readAccountHistory never throws and hands out only well-formed histories', () => {
    const good = json(historyOf(Array.from({ length: 50 }, (_, index) => [NOW + index * HOUR_MS, index % 9]))!);
    const entry = fc.oneof(fc.anything(), fc.array(fc.oneof(fc.double(), fc.integer(), fc.constant(NOW))), fc.constant([NOW, 1]));
    const counter = fc.record(
      {
        unit: fc.oneof(fc.constant(USD), fc.constant(ENVELOPES), fc.anything()),
        daily: fc.array(entry),
        hourly: fc.array(entry),
        raw: fc.array(entry),
      },
      { requiredKeys: [] },
    );
    const stored = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      fc.record({
        version: fc.oneof(fc.constant(1), fc.anything()),
        counters: fc.dictionary(fc.string(), fc.oneof(counter, fc.anything())),
      }),
      fc.dictionary(fc.string(), counter).map((counters) => ({ version: 1, counters: { ...good.counters, ...counters } })),
    );
    fc.assert(
      fc.property(stored, (value) => {
        const history = readAccountHistory(value);
        if (history !== undefined) assertWellFormed(history);
      }),
      { numRuns: 500 },
    );
  });
});
