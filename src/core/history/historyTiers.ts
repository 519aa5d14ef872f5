// How a counter's entries move between tiers (raw samples into hourly buckets, hourly into daily) and
// the count caps that thin them. Both compaction (creditHistory.ts) and the reader (storedHistory.ts)
// apply the caps, so they live here, below both, rather than in either.
import type { CounterHistory, HistoryBucket, RawSample } from './historySchema';
import { entryCount, lastEntryAt } from './historySchema';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

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
/** Money has cents and counts are whole: rounding sums to a millionth removes float noise (0.1 + 0.2) and nothing else. */
const AMOUNT_PRECISION = 1e6;

export function foldOldestRaw(counter: CounterHistory, count: number): CounterHistory {
  if (count <= 0) return counter;
  const moving = asBuckets(counter.raw.slice(0, count), lastValue(counter.hourly) ?? lastValue(counter.daily));
  return { ...counter, hourly: foldBuckets(counter.hourly, moving, HOUR_MS), raw: counter.raw.slice(count) };
}

export function foldOldestHourly(counter: CounterHistory, count: number): CounterHistory {
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
export function asBuckets(raw: readonly RawSample[], valueBefore: number | undefined): HistoryBucket[] {
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
export function enforceCountCaps(counters: ReadonlyMap<string, CounterHistory>): Map<string, CounterHistory> {
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

export function lastValue(buckets: readonly HistoryBucket[]): number | undefined {
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
