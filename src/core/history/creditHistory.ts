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
// The size is capped twice (see the constants): by entry counts, cheap enough to apply on every
// refresh, and by JSON length (shrinkToJsonLength), which the store applies before it writes.
// Entries are stored as tuples, not objects, because size is what bounds how far back history reaches.
import type { AccountSnapshot, CounterUnit } from '../model';
import { asCurrencyCode } from '../money';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Bumped only with a change of shape; a reader refuses a higher one. */
const HISTORY_VERSION = 1;

export const RAW_RETENTION_MS = 48 * HOUR_MS;
export const HOURLY_RETENTION_MS = 30 * DAY_MS;
export const DAILY_RETENTION_MS = 365 * DAY_MS;

/**
 * Leadping has 4 counters and Signeasy 7: 16 leaves room for a service with more, while keeping each
 * counter's share of MAX_ENTRIES_PER_ACCOUNT (at least 75 entries) enough for a week of forecast.
 */
export const MAX_COUNTERS_PER_ACCOUNT = 16;
/**
 * An entry is 24 to 34 JSON characters for real balances and counts, so 1,200 entries stay near
 * 40 KiB (a year of 12 busy counters measures 39 KB), well under the ~64 KiB budget for one account's
 * globalState value. The entries are shared out by need: a counter that never changes keeps only a
 * few (see withoutFlatRuns), so a busy balance can use up to MAX_ENTRIES_PER_COUNTER; when every
 * counter is busy, each gets an equal share (100 for 12 counters: some 40 days back).
 */
export const MAX_ENTRIES_PER_ACCOUNT = 1_200;
/**
 * Thinning keeps an eighth of a counter's budget for raw samples and half for hourly buckets
 * (thinToBudget), so 1,000 leaves 375 for daily buckets: a whole year of them, beside some 20 days
 * of hourly buckets and a day of 15-minute samples.
 */
export const MAX_ENTRIES_PER_COUNTER = 1_000;
/** The hard limit shrinkToJsonLength() enforces whatever the numbers look like (huge or long-fractioned values). */
export const MAX_HISTORY_JSON_LENGTH = 48 * 1024;
/** Adapters' counter ids are short words; anything longer did not come from one. */
export const MAX_COUNTER_ID_LENGTH = 64;

/** Before this no sample was taken; beyond the upper bound a Date is invalid. */
const EARLIEST_SAMPLE_AT = Date.UTC(2000, 0, 1);
const LATEST_SAMPLE_AT = 8.64e15;
/** Clocks drift and get corrected; an entry further ahead of now than this came from a wrong clock. */
const FUTURE_TOLERANCE_MS = DAY_MS;
/** Money has cents and counts are whole: rounding sums to a millionth removes float noise (0.1 + 0.2) and nothing else. */
const AMOUNT_PRECISION = 1e6;

/** One refresh's value: [epoch ms, value]. */
export type RawSample = readonly [at: number, value: number];
/**
 * A clock hour's or a UTC day's samples folded together: the last sample's time and value, and the
 * sums of every fall and rise since the entry before it (in this tier or an older one).
 */
export type HistoryBucket = readonly [at: number, value: number, spent: number, refilled: number];

export interface CounterHistory {
  readonly unit: CounterUnit;
  readonly daily: readonly HistoryBucket[];
  readonly hourly: readonly HistoryBucket[];
  readonly raw: readonly RawSample[];
}

export interface AccountHistory {
  readonly version: 1;
  /** By counter id. Read through samplesOf(): an id such as "constructor" must not find Object's. */
  readonly counters: Readonly<Record<string, CounterHistory>>;
}

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
    if (!isCounterId(id) || unit === undefined || typeof value !== 'number' || !Number.isFinite(value)) continue;
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
      if (!isCounterId(id) || !isRecord(fields) || unit === undefined) {
        badCounters++;
        continue;
      }
      // Each tier must start after the one before it ends: daily, then hourly, then raw.
      const daily = readTier(fields.daily, 4, -Infinity);
      const hourly = readTier(fields.hourly, 4, lastEntryTime(daily.entries));
      const raw = readTier(fields.raw, 2, lastEntryTime(hourly.entries) ?? lastEntryTime(daily.entries));
      badEntries += daily.dropped + hourly.dropped + raw.dropped;
      // readTier() checked each entry's width: 4 numbers in the bucket tiers, 2 in raw.
      const counter: CounterHistory = {
        unit,
        daily: daily.entries as unknown as HistoryBucket[],
        hourly: hourly.entries as unknown as HistoryBucket[],
        raw: raw.entries as unknown as RawSample[],
      };
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

/** The well-formed entries of a stored tier, in strictly increasing time after `after`, and how many were not. */
function readTier(value: unknown, width: 2 | 4, after: number | undefined): { entries: number[][]; dropped: number } {
  if (value === undefined || value === null) return { entries: [], dropped: 0 };
  if (!Array.isArray(value)) return { entries: [], dropped: 1 };
  const entries: number[][] = [];
  let dropped = 0;
  let lastAt = after ?? -Infinity;
  for (let index = 0; index < value.length; index++) {
    const entry = readEntry(value[index], width);
    if (entry === undefined || entry[0]! <= lastAt) {
      dropped++;
      continue;
    }
    entries.push(entry);
    lastAt = entry[0]!;
  }
  return { entries, dropped };
}

/** [at, value] or [at, value, spent, refilled]: a valid time, finite numbers, sums never negative. */
function readEntry(value: unknown, width: 2 | 4): number[] | undefined {
  if (!Array.isArray(value) || value.length !== width) return undefined;
  const numbers = Array.from(value as unknown[], (item) => (typeof item === 'number' && Number.isFinite(item) ? item : undefined));
  if (numbers.some((item) => item === undefined)) return undefined;
  const [at, , spent = 0, refilled = 0] = numbers as number[];
  if (!isSampleTime(at) || spent < 0 || refilled < 0) return undefined;
  return numbers as number[];
}

function readUnit(value: unknown): CounterUnit | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, currency, noun } = value;
  if (kind === 'money') return typeof currency === 'string' && asCurrencyCode(currency) === currency ? { kind, currency } : undefined;
  if (kind !== 'count') return undefined;
  if (noun === undefined || noun === null) return { kind };
  return typeof noun === 'string' && noun.length <= MAX_COUNTER_ID_LENGTH ? { kind, noun } : undefined;
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

function foldOldestRaw(counter: CounterHistory, count: number): CounterHistory {
  if (count <= 0) return counter;
  const moving = asBuckets(counter.raw.slice(0, count), lastValue(counter.hourly) ?? lastValue(counter.daily));
  return { ...counter, hourly: foldBuckets(counter.hourly, moving, HOUR_MS), raw: counter.raw.slice(count) };
}

function foldOldestHourly(counter: CounterHistory, count: number): CounterHistory {
  if (count <= 0) return counter;
  return { ...counter, daily: foldBuckets(counter.daily, counter.hourly.slice(0, count), DAY_MS), hourly: counter.hourly.slice(count) };
}

/** Appends buckets to a tier, merging each into the tier's last bucket when both fall in the same hour or day. */
function foldBuckets(target: readonly HistoryBucket[], moving: readonly HistoryBucket[], bucketMs: number): HistoryBucket[] {
  const result = target.slice();
  for (const bucket of moving) {
    const last = result.at(-1);
    if (last !== undefined && Math.floor(last[0] / bucketMs) === Math.floor(bucket[0] / bucketMs)) {
      result[result.length - 1] = [bucket[0], bucket[1], addAmounts(last[2], bucket[2]), addAmounts(last[3], bucket[3])];
    } else {
      result.push(bucket);
    }
  }
  return withoutFlatRuns(result);
}

/** Raw samples as single-sample buckets: each with its move from the value before it. */
function asBuckets(raw: readonly RawSample[], valueBefore: number | undefined): HistoryBucket[] {
  let previous = valueBefore;
  return raw.map(([at, value]) => {
    const change = previous === undefined ? 0 : value - previous;
    previous = value;
    return [at, value, roundAmount(Math.max(0, -change)), roundAmount(Math.max(0, change))];
  });
}

/**
 * Drops the middle of every run of equal values with no movement, keeping its first entry and its
 * last two. The dropped ones say nothing the kept ones do not: a chart draws the same line and the
 * sums are unchanged. Keeping two at the end (not one) means a counter that never changes still
 * shows three samples, enough for the forecast to call it "not spending" rather than "too new".
 * This is what lets quiet counters cost a handful of entries and leave the budget to busy ones.
 */
function withoutFlatRuns(buckets: HistoryBucket[]): HistoryBucket[] {
  const flat = (index: number) => {
    const bucket = buckets[index];
    return bucket !== undefined && bucket[2] === 0 && bucket[3] === 0 && bucket[1] === buckets[index - 1]?.[1];
  };
  const kept = buckets.filter((_, index) => !(index >= 1 && flat(index) && flat(index + 1) && flat(index + 2)));
  return kept.length === buckets.length ? buckets : kept;
}

/**
 * The count caps: at most MAX_COUNTERS_PER_ACCOUNT counters (the most recently sampled stay), and
 * MAX_ENTRIES_PER_ACCOUNT entries shared by need: counters that need less than an equal share keep
 * all they have, the rest split what remains, none over MAX_ENTRIES_PER_COUNTER.
 */
function enforceCountCaps(counters: ReadonlyMap<string, CounterHistory>): Map<string, CounterHistory> {
  let entries = [...counters];
  if (entries.length > MAX_COUNTERS_PER_ACCOUNT) {
    // A stable sort: among counters sampled at the same time, the earlier-listed ones stay.
    const kept = new Set(
      [...entries]
        .sort((a, b) => lastEntryAt(b[1])! - lastEntryAt(a[1])!)
        .slice(0, MAX_COUNTERS_PER_ACCOUNT)
        .map(([id]) => id),
    );
    entries = entries.filter(([id]) => kept.has(id));
  }
  const budgets = shareEntries(entries.map(([, counter]) => entryCount(counter)));
  return new Map(entries.map(([id, counter], index) => [id, thinToBudget(counter, budgets[index]!)]));
}

/** Water-filling: each counter, smallest need first, gets its need or an equal share of what is left. */
function shareEntries(needs: readonly number[]): number[] {
  const budgets = needs.map((need) => Math.min(need, MAX_ENTRIES_PER_COUNTER));
  if (budgets.reduce((sum, budget) => sum + budget, 0) <= MAX_ENTRIES_PER_ACCOUNT) return budgets;
  const order = budgets.map((_, index) => index).sort((a, b) => budgets[a]! - budgets[b]!);
  let remaining = MAX_ENTRIES_PER_ACCOUNT;
  order.forEach((index, position) => {
    budgets[index] = Math.min(budgets[index]!, Math.floor(remaining / (order.length - position)));
    remaining -= budgets[index];
  });
  return budgets;
}

/**
 * Brings a counter down to `budget` entries by losing detail before history: raw samples fold into
 * hourly buckets down to an eighth of the budget, then hourly into daily down to half of it, and only
 * then do the oldest entries go. With a full budget that still keeps a year of daily buckets.
 */
function thinToBudget(counter: CounterHistory, budget: number): CounterHistory {
  const rawFloor = Math.floor(budget / 8);
  const hourlyFloor = Math.floor(budget / 2);
  let current = counter;
  for (let excess = entryCount(current) - budget; excess > 0; excess = entryCount(current) - budget) {
    const { daily, hourly, raw } = current;
    if (raw.length > rawFloor) current = foldOldestRaw(current, Math.min(excess, raw.length - rawFloor));
    else if (hourly.length > hourlyFloor) current = foldOldestHourly(current, Math.min(excess, hourly.length - hourlyFloor));
    else if (daily.length > 0) current = { ...current, daily: daily.slice(Math.min(excess, daily.length)) };
    else if (hourly.length > 0) current = { ...current, hourly: hourly.slice(Math.min(excess, hourly.length)) };
    else current = { ...current, raw: raw.slice(excess) };
  }
  return current;
}

function entryCount(counter: CounterHistory): number {
  return counter.daily.length + counter.hourly.length + counter.raw.length;
}

function lastEntryAt(counter: CounterHistory): number | undefined {
  return (counter.raw.at(-1) ?? counter.hourly.at(-1) ?? counter.daily.at(-1))?.[0];
}

function lastEntryTime(entries: readonly (readonly number[])[]): number | undefined {
  return entries.at(-1)?.[0];
}

function lastValue(buckets: readonly HistoryBucket[]): number | undefined {
  return buckets.at(-1)?.[1];
}

/** Sums stay finite (a reader would refuse Infinity) and free of float noise. */
function addAmounts(a: number, b: number): number {
  return roundAmount(a + b);
}

function roundAmount(amount: number): number {
  const finite = Math.min(amount, Number.MAX_VALUE);
  return Math.abs(finite) < 1e15 ? Math.round(finite * AMOUNT_PRECISION) / AMOUNT_PRECISION : finite;
}

function isSampleTime(at: unknown): at is number {
  return typeof at === 'number' && at >= EARLIEST_SAMPLE_AT && at <= LATEST_SAMPLE_AT;
}

function isCounterId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_COUNTER_ID_LENGTH;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyHistory(): AccountHistory {
  return { version: HISTORY_VERSION, counters: {} };
}
