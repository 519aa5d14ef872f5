// Builds snapshots and credit histories for the history, forecast and history-store tests: only
// what recordSnapshot() reads (the counters and fetchedAt) carries meaning here.
import { recordSnapshot } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import type { AccountSnapshot, CounterUnit } from '../../src/core/model';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** A Monday, midnight UTC: clock hours and UTC days start on round numbers from here. */
export const HISTORY_START = Date.UTC(2026, 0, 5);

export const USD: CounterUnit = { kind: 'money', currency: 'USD' };
export const ENVELOPES: CounterUnit = { kind: 'count', noun: 'envelopes' };

/** A snapshot taken at `fetchedAt` with one counter per entry of `values`, all in `unit`. */
export function snapshotAt(
  fetchedAt: number,
  values: Readonly<Record<string, number | undefined>>,
  unit: CounterUnit = USD,
): AccountSnapshot {
  return {
    serviceId: 'leadping',
    identity: {},
    plan: {},
    counters: Object.entries(values).map(([id, value], index) => ({ id, label: id, value, unit, headline: index === 0 })),
    problems: [],
    lists: [],
    fetchedAt,
  };
}

/** One counter's history after recording each [time, value] in turn. */
export function historyOf(
  samples: readonly (readonly [number, number])[],
  counterId = 'balance',
  unit: CounterUnit = USD,
): AccountHistory | undefined {
  let history: AccountHistory | undefined;
  for (const [at, value] of samples) history = recordSnapshot(history, snapshotAt(at, { [counterId]: value }, unit));
  return history;
}

/** What globalState hands back: a JSON round trip. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Freezes a value and everything in it, so that any write to it throws (modules run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
