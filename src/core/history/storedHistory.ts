// Reading a stored credit history: what an older, this or a newer release wrote (or damage) becomes a
// history this release can use, piece by piece, with what was dropped reported. Apart from recording
// (creditHistory.ts) because it runs on every read of globalState and must never throw.
import * as v from 'valibot';
import {
  CounterIdSchema,
  emptyHistory,
  entryCount,
  HISTORY_VERSION,
  HistoryBucketSchema,
  RawSampleSchema,
  readUnit,
  type AccountHistory,
  type CounterHistory,
} from './historySchema';
import { enforceCountCaps } from './historyTiers';

/** Why readAccountHistory() left something out, for the log; never quotes a stored value. */
export type HistoryDropReporter = (reason: string) => void;

/**
 * Reads what an older, this or a newer release stored (or damage) into a history this release can
 * use. What is malformed is dropped piece by piece (a counter with a bad id or unit, a sample that
 * is not numbers or out of order) and reported; a whole value that is not a version-1 history reads
 * as undefined: a newer version's shape is unknown. Never throws.
 */
export function readAccountHistory(stored: unknown, onDropped: HistoryDropReporter = () => {}): AccountHistory | undefined {
  try {
    if (!isRecord(stored)) {
      if (stored !== undefined) onDropped('the history is not an object');
      return undefined;
    }
    const version = stored.version;
    if (typeof version === 'number' && version > HISTORY_VERSION) {
      onDropped('the history was written by a newer version of Account Glance and is not read');
      return undefined;
    }
    if (version !== HISTORY_VERSION) {
      onDropped('the history has no version this release knows');
      return undefined;
    }
    const storedCounters = stored.counters;
    if (!isRecord(storedCounters)) {
      onDropped('the history holds no record of counters');
      return emptyHistory();
    }
    return readCounters(storedCounters, onDropped);
  } catch {
    // A getter on stored data may throw anything, quoting anything: only this is said.
    onDropped('the history could not be read');
    return undefined;
  }
}

function readCounters(storedCounters: Readonly<Record<string, unknown>>, onDropped: HistoryDropReporter): AccountHistory {
  const counters = new Map<string, CounterHistory>();
  let badCounters = 0;
  let badEntries = 0;
  for (const id of Object.keys(storedCounters)) {
    try {
      const fields = storedCounters[id];
      const unit = isRecord(fields) ? readUnit(fields.unit) : undefined;
      if (!v.is(CounterIdSchema, id) || !isRecord(fields) || unit === undefined) {
        badCounters++;
        continue;
      }
      // Each tier must start after the one before it ends: daily, then hourly, then raw.
      const daily = readTier(fields.daily, HistoryBucketSchema, -Infinity);
      const hourly = readTier(fields.hourly, HistoryBucketSchema, lastEntryTime(daily.entries));
      const raw = readTier(fields.raw, RawSampleSchema, lastEntryTime(hourly.entries) ?? lastEntryTime(daily.entries));
      badEntries += daily.dropped + hourly.dropped + raw.dropped;
      const counter: CounterHistory = { unit, daily: daily.entries, hourly: hourly.entries, raw: raw.entries };
      if (entryCount(counter) > 0) counters.set(id, counter);
    } catch {
      badCounters++;
    }
  }
  if (badCounters > 0) onDropped(`${badCounters} counter(s) with a malformed id or unit were dropped`);
  if (badEntries > 0) onDropped(`${badEntries} malformed or out-of-order sample(s) were dropped`);
  const capped = enforceCountCaps(counters);
  const keptEntries = (map: ReadonlyMap<string, CounterHistory>) =>
    [...map.values()].reduce((sum, counter) => sum + entryCount(counter), 0);
  if (capped.size < counters.size || keptEntries(capped) < keptEntries(counters)) {
    onDropped('the history was over its size caps and was thinned');
  }
  return { version: HISTORY_VERSION, counters: Object.fromEntries(capped) };
}

/** The entries of a stored tier that read, in strictly increasing time after `after`, and how many did not. */
function readTier<TEntry extends readonly [number, ...number[]]>(
  value: unknown,
  entrySchema: v.GenericSchema<unknown, TEntry>,
  after: number | undefined,
): { entries: TEntry[]; dropped: number } {
  if (value === undefined || value === null) return { entries: [], dropped: 0 };
  if (!Array.isArray(value)) return { entries: [], dropped: 1 };
  const entries: TEntry[] = [];
  let dropped = 0;
  let lastAt = after ?? -Infinity;
  for (let index = 0; index < value.length; index++) {
    // The schema's output is a copy: nothing stored is kept by reference.
    const reading = v.safeParse(entrySchema, value[index]);
    if (!reading.success || reading.output[0] <= lastAt) {
      dropped++;
      continue;
    }
    entries.push(reading.output);
    lastAt = reading.output[0];
  }
  return { entries, dropped };
}

function lastEntryTime(entries: readonly (readonly number[])[]): number | undefined {
  return entries.at(-1)?.[0];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
