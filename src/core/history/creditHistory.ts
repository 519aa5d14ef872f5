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
import * as v from 'valibot';
import type { AccountSnapshot, CounterUnit } from '../model';
import { CURRENCY, NUMBER, storedVariant, TEXT } from '../storedSchema';

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

// The stored shape, declared once: the types below are what these schemas read. A stored history is
// read piece by piece (readAccountHistory): a counter whose id or unit does not read, or an entry
// that does not, is dropped on its own and counted for the log.

const SampleTimeSchema = v.pipe(v.number(), v.minValue(EARLIEST_SAMPLE_AT), v.maxValue(LATEST_SAMPLE_AT));
/** A bucket's sums of falls and rises: never negative. */
const SumSchema = v.pipe(NUMBER, v.minValue(0));

/** One refresh's value: [epoch ms, value]. */
const RawSampleSchema = v.pipe(v.strictTuple([SampleTimeSchema, NUMBER]), v.readonly());
/**
 * A clock hour's or a UTC day's samples folded together: [epoch ms, value, spent, refilled], the
 * last sample's time and value, and the sums of every fall and rise since the entry before it (in
 * this tier or an older one).
 */
const HistoryBucketSchema = v.pipe(v.strictTuple([SampleTimeSchema, NUMBER, SumSchema, SumSchema]), v.readonly());

const CounterIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_COUNTER_ID_LENGTH));
/** A snapshot's unit, with the noun bounded as an id is: history is kept for long. */
const HistoryUnitSchema = storedVariant(
  'kind',
  [
    v.object({ kind: v.literal('money'), currency: CURRENCY }),
    v.object({ kind: v.literal('count'), noun: v.optional(v.pipe(TEXT, v.maxLength(MAX_COUNTER_ID_LENGTH))) }),
  ],
  'is not money or count',
);

const CounterHistorySchema = v.pipe(
  v.object({
    unit: HistoryUnitSchema,
    daily: v.pipe(v.array(HistoryBucketSchema), v.readonly()),
    hourly: v.pipe(v.array(HistoryBucketSchema), v.readonly()),
    raw: v.pipe(v.array(RawSampleSchema), v.readonly()),
  }),
  v.readonly(),
);

/** The whole history, as readAccountHistory() answers it (its tests hold it to this). */
export const AccountHistorySchema = v.pipe(
  v.object({
    version: v.literal(HISTORY_VERSION),
    /** By counter id. Read through samplesOf(): an id such as "constructor" must not find Object's. */
    counters: v.pipe(v.record(CounterIdSchema, CounterHistorySchema), v.readonly()),
  }),
  v.readonly(),
);

export type RawSample = v.InferOutput<typeof RawSampleSchema>;
export type HistoryBucket = v.InferOutput<typeof HistoryBucketSchema>;
export type CounterHistory = v.InferOutput<typeof CounterHistorySchema>;
export type AccountHistory = v.InferOutput<typeof AccountHistorySchema>;

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

/** The unit as HistoryUnitSchema reads it (a copy), or undefined where it does not read. */
function readUnit(value: unknown): CounterUnit | undefined {
  const reading = v.safeParse(HistoryUnitSchema, value);
  return reading.success ? reading.output : undefined;
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

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyHistory(): AccountHistory {
  return { version: HISTORY_VERSION, counters: {} };
}
