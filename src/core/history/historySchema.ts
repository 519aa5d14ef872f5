// The stored shape of a credit history, declared once: the valibot schemas, the types they read, and
// the few helpers over them that recording (creditHistory.ts), the tiers and caps (historyTiers.ts)
// and reading (storedHistory.ts) all use. Kept apart so that those three import it and not each other.
import * as v from 'valibot';
import type { CounterUnit } from '../model';
import { CURRENCY, NUMBER, storedVariant, TEXT } from '../storedSchema';

/** Bumped only with a change of shape; a reader refuses a higher one. */
export const HISTORY_VERSION = 1;

/** Adapters' counter ids are short words; anything longer did not come from one. */
export const MAX_COUNTER_ID_LENGTH = 64;

/** Before this no sample was taken; beyond the upper bound a Date is invalid. */
const EARLIEST_SAMPLE_AT = Date.UTC(2000, 0, 1);
const LATEST_SAMPLE_AT = 8.64e15;

// The types below are what these schemas read. A stored history is read piece by piece
// (readAccountHistory): a counter whose id or unit does not read, or an entry that does not, is
// dropped on its own and counted for the log.

const SampleTimeSchema = v.pipe(v.number(), v.minValue(EARLIEST_SAMPLE_AT), v.maxValue(LATEST_SAMPLE_AT));
/** A bucket's sums of falls and rises: never negative. */
const SumSchema = v.pipe(NUMBER, v.minValue(0));

/** One refresh's value: [epoch ms, value]. */
export const RawSampleSchema = v.pipe(v.strictTuple([SampleTimeSchema, NUMBER]), v.readonly());
/**
 * A clock hour's or a UTC day's samples folded together: [epoch ms, value, spent, refilled], the
 * last sample's time and value, and the sums of every fall and rise since the entry before it (in
 * this tier or an older one).
 */
export const HistoryBucketSchema = v.pipe(v.strictTuple([SampleTimeSchema, NUMBER, SumSchema, SumSchema]), v.readonly());

export const CounterIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_COUNTER_ID_LENGTH));
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

/** The unit as HistoryUnitSchema reads it (a copy), or undefined where it does not read. */
export function readUnit(value: unknown): CounterUnit | undefined {
  const reading = v.safeParse(HistoryUnitSchema, value);
  return reading.success ? reading.output : undefined;
}

export function entryCount(counter: CounterHistory): number {
  return counter.daily.length + counter.hourly.length + counter.raw.length;
}

export function lastEntryAt(counter: CounterHistory): number | undefined {
  return (counter.raw.at(-1) ?? counter.hourly.at(-1) ?? counter.daily.at(-1))?.[0];
}

export function isSampleTime(at: unknown): at is number {
  return typeof at === 'number' && at >= EARLIEST_SAMPLE_AT && at <= LATEST_SAMPLE_AT;
}

export function emptyHistory(): AccountHistory {
  return { version: HISTORY_VERSION, counters: {} };
}
