// A bounded local history of every counter of one account: what a credit chart draws and what the
// run-out forecast (forecast.ts) reads. Pure: every function returns a new value and never changes
// the one it was given. The store (src/storage/creditHistoryStore.ts) keeps one per account.
//
// Each counter has three tiers, oldest first, their times strictly increasing across all three:
//   daily:  one bucket per UTC day, kept 365 days;
//   hourly: one bucket per clock hour, kept 30 days;
//   raw:    every sample, kept 48 hours.
// A bucket keeps the LAST sample of its hour or day (its time and value) and also the sums of every
// fall (`spent`) and every rise (`refilled`) since the entry before it. Sums rather than a min and
// a max: min/max lose the order of events and cannot say how much was spent in a bucket that also
// saw a refill (100 → 40, refill to 140, → 120 spent 80, and min 40/max 140 cannot tell 80 from 60),
// whereas the sums let the forecast count spending exactly, whatever the bucket size, and mark each
// refill on a chart. They also make the buckets compose: two buckets merge by adding their sums.
//
// The size is capped twice: by entry counts (historyTiers.ts), cheap enough to apply on every
// refresh, and by JSON length (shrinkToJsonLength), which the store applies before it writes.
// Entries are stored as tuples, not objects, because size is what bounds how far back history reaches.
//
// This file records and compacts. The stored shape is in historySchema.ts, the folding between tiers
// and the count caps (which the reader applies too) in historyTiers.ts, the reader in storedHistory.ts.
import * as v from 'valibot';
import type { AccountSnapshot, CounterUnit } from '../model';
import {
  CounterIdSchema,
  emptyHistory,
  entryCount,
  HISTORY_VERSION,
  isSampleTime,
  lastEntryAt,
  readUnit,
  type AccountHistory,
  type CounterHistory,
  type HistoryBucket,
  type RawSample,
} from './historySchema';
import { asBuckets, DAY_MS, enforceCountCaps, foldOldestHourly, foldOldestRaw, HOUR_MS, lastValue } from './historyTiers';

export const RAW_RETENTION_MS = 48 * HOUR_MS;
export const HOURLY_RETENTION_MS = 30 * DAY_MS;
export const DAILY_RETENTION_MS = 365 * DAY_MS;

/** The hard limit shrinkToJsonLength() enforces whatever the numbers look like (huge or long-fractioned values). */
export const MAX_HISTORY_JSON_LENGTH = 48 * 1024;
/** Clocks drift and get corrected; an entry further ahead of now than this came from a wrong clock. */
const FUTURE_TOLERANCE_MS = DAY_MS;

export interface HistorySample {
  /** Epoch ms. */
  readonly at: number;
  readonly value: number;
}

/** A sample with what happened since the point before it: the sums of its falls and its rises (both ≥ 0). */
export interface HistoryPoint extends HistorySample {
  readonly spent: number;
  readonly refilled: number;
}

/** Adds one sample per counter that has a finite value, then compacts relative to the snapshot's time. */
export function recordSnapshot(history: AccountHistory | undefined, snapshot: AccountSnapshot): AccountHistory {
  const at = snapshot.fetchedAt;
  if (!isSampleTime(at)) return history ?? emptyHistory();
  const counters = new Map(Object.entries(history?.counters ?? {}));
  for (const counter of snapshot.counters) {
    const { id, value } = counter;
    // readUnit() copies: the snapshot's object is not kept, and a unit the reader would refuse is not written.
    const unit = readUnit(counter.unit);
    if (!v.is(CounterIdSchema, id) || unit === undefined || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const existing = counters.get(id);
    const existingLastAt = existing === undefined ? undefined : lastEntryAt(existing);
    // Start again when a new currency makes every old value meaningless next to the new ones, or
    // when the history runs more than a day past this sample: it was written by a clock that was wrong.
    const restart =
      existing === undefined || !sameQuantity(existing.unit, unit) || (existingLastAt ?? -Infinity) > at + FUTURE_TOLERANCE_MS;
    const kept = restart ? undefined : existing;
    if (kept !== undefined && existingLastAt !== undefined && at <= existingLastAt) continue;
    counters.set(id, appendRawSample(kept ?? { unit, daily: [], hourly: [], raw: [] }, unit, [at, value]));
  }
  return compactHistory({ version: HISTORY_VERSION, counters: Object.fromEntries(counters) }, at);
}

/**
 * Raw samples older than 48 h fold into hourly buckets, hourly buckets older than 30 days into daily
 * ones, daily ones older than 365 days are dropped ("older than": exactly at the limit stays); then
 * the count caps apply. Entries more than a day ahead of `now` are dropped: they would block every
 * new sample until the clock caught up.
 */
export function compactHistory(history: AccountHistory, now: number): AccountHistory {
  if (!Number.isFinite(now)) return history;
  const counters = new Map<string, CounterHistory>();
  for (const [id, counter] of Object.entries(history.counters)) {
    const compacted = compactCounter(counter, now);
    if (entryCount(compacted) > 0) counters.set(id, compacted);
  }
  return { version: HISTORY_VERSION, counters: Object.fromEntries(enforceCountCaps(counters)) };
}

/**
 * Drops the oldest entries, from the counter with the most, until the JSON is at most `maxLength`
 * characters. compactHistory's count caps keep real histories far below it; this is the guarantee for
 * numbers no service sends (1.2345678901234567e+300), applied once per write rather than per step.
 */
export function shrinkToJsonLength(history: AccountHistory, maxLength = MAX_HISTORY_JSON_LENGTH): AccountHistory {
  let length = JSON.stringify(history).length;
  if (length <= maxLength) return history;
  const counters = new Map(Object.entries(history.counters).map(([id, counter]) => [id, { ...counter }]));
  while (length > maxLength && counters.size > 0) {
    const [id, counter] = [...counters].reduce((most, entry) => (entryCount(entry[1]) > entryCount(most[1]) ? entry : most));
    const tier = counter.daily.length > 0 ? 'daily' : counter.hourly.length > 0 ? 'hourly' : 'raw';
    const entries: readonly (RawSample | HistoryBucket)[] = counter[tier];
    if (entryCount(counter) <= 1) {
      counters.delete(id);
      length = JSON.stringify({ version: HISTORY_VERSION, counters: Object.fromEntries(counters) }).length;
      continue;
    }
    // Removing an item from a JSON array removes its text and, unless it was alone, one comma.
    length -= JSON.stringify(entries[0]).length + (entries.length > 1 ? 1 : 0);
    counters.set(id, { ...counter, [tier]: entries.slice(1) });
  }
  return { version: HISTORY_VERSION, counters: Object.fromEntries(counters) };
}

/**
 * One time-ordered series across the tiers, from `sinceMs` on (inclusive). Each point's spent and
 * refilled cover the time since the point before it, which may lie before `sinceMs`.
 */
export function samplesOf(history: AccountHistory | undefined, counterId: string, sinceMs = -Infinity): HistoryPoint[] {
  const counter = history !== undefined && Object.hasOwn(history.counters, counterId) ? history.counters[counterId] : undefined;
  if (counter === undefined) return [];
  const buckets = [...counter.daily, ...counter.hourly, ...asBuckets(counter.raw, lastValue([...counter.daily, ...counter.hourly]))];
  return buckets.filter(([at]) => at >= sinceMs).map(([at, value, spent, refilled]) => ({ at, value, spent, refilled }));
}

/** The noun is only the UI's word for a count ("envelopes"): renaming it leaves old values right. */
function sameQuantity(a: CounterUnit, b: CounterUnit): boolean {
  return a.kind === 'money' && b.kind === 'money' ? a.currency === b.currency : a.kind === b.kind;
}

function appendRawSample(counter: CounterHistory, unit: CounterUnit, sample: RawSample): CounterHistory {
  const raw = [...counter.raw, sample];
  // Of a run of equal values only the first and the last two are kept (see withoutFlatRuns); a new
  // sample can only make the third-to-last one redundant.
  const candidate = raw.length - 3;
  if (candidate >= 1 && raw.slice(candidate - 1).every((entry, index, run) => index === 0 || entry[1] === run[index - 1]![1])) {
    raw.splice(candidate, 1);
  }
  return { ...counter, unit, raw };
}

function compactCounter(counter: CounterHistory, now: number): CounterHistory {
  let { daily, hourly, raw } = counter;
  const latestAllowed = now + FUTURE_TOLERANCE_MS;
  const lastAt = lastEntryAt(counter);
  if (lastAt !== undefined && lastAt > latestAllowed) {
    raw = raw.filter(([at]) => at <= latestAllowed);
    hourly = hourly.filter(([at]) => at <= latestAllowed);
    daily = daily.filter(([at]) => at <= latestAllowed);
  }
  let current: CounterHistory = { unit: counter.unit, daily, hourly, raw };
  current = foldOldestRaw(current, countOlderThan(current.raw, now - RAW_RETENTION_MS));
  current = foldOldestHourly(current, countOlderThan(current.hourly, now - HOURLY_RETENTION_MS));
  const expiredDaily = countOlderThan(current.daily, now - DAILY_RETENTION_MS);
  if (expiredDaily > 0) current = { ...current, daily: current.daily.slice(expiredDaily) };
  // Nothing changed: hand back the very object, so that an unchanged counter costs no copy.
  return current.daily === counter.daily && current.hourly === counter.hourly && current.raw === counter.raw ? counter : current;
}

/** How many entries at the start of a time-ordered tier are strictly older than `cutoff`. */
function countOlderThan(entries: readonly (RawSample | HistoryBucket)[], cutoff: number): number {
  let count = 0;
  while (count < entries.length && entries[count]![0] < cutoff) count++;
  return count;
}
