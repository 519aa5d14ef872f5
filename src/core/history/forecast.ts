// How fast a counter is being spent and when it runs out (or next auto-refills), from its local
// history (creditHistory.ts) and, for Leadping, the billing period's spend. Pure and vscode-free;
// it returns kinds and numbers, and the UI words them.
//
// Spending is the sum of falls only: a rise (a refill, a top-up, a new subscription period) is never
// negative spending, so a refill in the middle of the window does not hide what was spent around it.
// The forecast assumes the counter is one that runs down (a balance, envelopes available); a
// counter that only grows (envelopes used, files signed) simply reads as not spending.
import type { AutoRefill } from '../model';
import type { HistoryPoint } from './creditHistory';

const DAY_MS = 86_400_000;
/** Beyond this a Date is invalid: a run-out further away than that is reported as this. */
const LATEST_TIME_MS = 8.64e15;

/**
 * The rate is measured over the last 7 days (plus the sample just before them, as the starting
 * value): long enough to cover a working week's ups and downs, short enough that a change of habit
 * shows within days instead of being averaged away by months of older behaviour.
 */
export const FORECAST_WINDOW_MS = 7 * DAY_MS;
/** Fewer samples than this in the window say too little: a forecast waits for more. */
export const MIN_SAMPLES = 3;
/**
 * Neither source gives a rate until it covers a day: spending follows the working day, and a few
 * hours of it extrapolated to 24 would predict running out days too early.
 */
export const MIN_HISTORY_SPAN_MS = DAY_MS;

export interface RefillMark {
  /** When the rise was seen (the sample, or the hourly or daily bucket, that holds it). */
  readonly at: number;
  readonly amount: number;
}

export interface BurnRate {
  /** Spent per day over the measured span; never negative. */
  readonly perDay: number;
  /** The sum of the falls between `fromAt` and `toAt`. */
  readonly spent: number;
  readonly fromAt: number;
  readonly toAt: number;
  /** The samples the rate was measured over, the starting one included. */
  readonly sampleCount: number;
  /** The rises between `fromAt` and `toAt`, for marking on a chart. */
  readonly refills: readonly RefillMark[];
}

/** Leadping's `GET /usage/summary/my`: what the current billing period has cost so far. */
export interface PeriodSpend {
  /** customerChargeTotal: spent since the period started, in the counter's unit. */
  readonly spent: number;
  readonly periodStart: number;
  /** When the summary was fetched; defaults to the forecast's `now`. */
  readonly asOf?: number;
}

export interface ForecastInput {
  /** The counter's history, samplesOf(history, counterId): all of it, the forecast picks its window. */
  readonly points: readonly HistoryPoint[];
  readonly now: number;
  /** The auto-refill that tops this counter up (plan.autoRefill for Leadping's balance); leave out for other counters. */
  readonly autoRefill?: AutoRefill;
  /** plan.renewsAt, for a counter a renewal replenishes (Signeasy's envelopes). */
  readonly renewsAt?: number;
  readonly periodSpend?: PeriodSpend;
}

/** Where the rate came from; the UI may say "based on this billing period". */
export type RateSource = 'localHistory' | 'billingPeriod';

/** Present when a renewal date in the future was given: whether the counter lasts until then at this rate. */
interface RenewalOutlook {
  readonly lastsUntilRenewal?: boolean;
}

export type CounterForecast =
  | { readonly kind: 'notEnoughHistory' }
  /** The latest value is 0 or below: it has already run out. */
  | { readonly kind: 'empty' }
  | ({ readonly kind: 'notSpending'; readonly perDay: 0; readonly source: RateSource } & RenewalOutlook)
  | ({
      readonly kind: 'runsOut';
      readonly perDay: number;
      readonly source: RateSource;
      readonly runsOutAt: number;
      /** With auto-refill off: when the value falls to the trigger it would have refilled at (now if already below). */
      readonly reachesRefillTriggerAt?: number;
    } & RenewalOutlook)
  | ({
      readonly kind: 'refills';
      readonly perDay: number;
      readonly source: RateSource;
      /** When the value is expected to reach the auto-refill trigger (now if already at or below it). */
      readonly nextRefillAt: number;
      readonly refillAmount: number;
    } & RenewalOutlook);

/** Every rise in the series: each point's `refilled`, at the point's time. */
export function findRefills(points: readonly HistoryPoint[]): RefillMark[] {
  return usablePoints(points)
    .filter((point) => point.refilled > 0)
    .map((point) => ({ at: point.at, amount: point.refilled }));
}

/**
 * The rate over the window ending now: from the last sample at or before the window's start (or the
 * first sample, if none is that old) to the latest. Undefined with fewer than two samples.
 */
export function measureBurnRate(points: readonly HistoryPoint[], now: number, windowMs = FORECAST_WINDOW_MS): BurnRate | undefined {
  const usable = usablePoints(points);
  const windowStart = now - windowMs;
  let startIndex = 0;
  while (startIndex + 1 < usable.length && usable[startIndex + 1]!.at <= windowStart) startIndex++;
  const measured = usable.slice(startIndex);
  const first = measured[0];
  const last = measured.at(-1);
  if (first === undefined || last === undefined || measured.length < 2) return undefined;
  // The first point's own spent and refilled happened before it: outside the span.
  const after = measured.slice(1);
  const spent = finite(after.reduce((sum, point) => sum + point.spent, 0));
  return {
    perDay: ratePerDay(spent, last.at - first.at),
    spent,
    fromAt: first.at,
    toAt: last.at,
    sampleCount: measured.length,
    refills: after.filter((point) => point.refilled > 0).map((point) => ({ at: point.at, amount: point.refilled })),
  };
}

/**
 * Which rate, when both exist: local history once it has MIN_SAMPLES samples covering a day (it is
 * this counter, measured recently), else the billing period's spend (available from the very first
 * refresh, but one figure for the whole period, and only for Leadping's money), else none.
 */
export function forecastCounter(input: ForecastInput): CounterForecast {
  const points = usablePoints(input.points);
  const latest = points.at(-1);
  if (latest === undefined) return { kind: 'notEnoughHistory' };
  const now = Number.isFinite(input.now) ? input.now : latest.at;
  if (latest.value <= 0) return { kind: 'empty' };
  const rate = chooseRate(points, now, input.periodSpend);
  if (rate === undefined) return { kind: 'notEnoughHistory' };
  const { perDay, source } = rate;
  const renewsAt = isTime(input.renewsAt) && input.renewsAt > now ? input.renewsAt : undefined;
  const renewal = (lasts: boolean): RenewalOutlook => (renewsAt === undefined ? {} : { lastsUntilRenewal: lasts });
  // When the latest value, falling at this rate from its sample time, reaches `level`; never before now.
  const reaches = (level: number) => projectedTime(latest.at, latest.value - level, perDay, now);

  if (perDay <= 0) return { kind: 'notSpending', perDay: 0, source, ...renewal(true) };
  const refill = activeAutoRefill(input.autoRefill);
  if (refill !== undefined) {
    // Topped up whenever it reaches the trigger: it lasts, as long as the payment goes through.
    return { kind: 'refills', perDay, source, nextRefillAt: reaches(refill.trigger), refillAmount: refill.amount, ...renewal(true) };
  }
  const runsOutAt = reaches(0);
  const idleTrigger = input.autoRefill?.enabled === false ? finiteOrUndefined(input.autoRefill.trigger) : undefined;
  return {
    kind: 'runsOut',
    perDay,
    source,
    runsOutAt,
    ...(idleTrigger === undefined ? {} : { reachesRefillTriggerAt: reaches(idleTrigger) }),
    ...renewal(renewsAt !== undefined && runsOutAt >= renewsAt),
  };
}

/**
 * Whether to warn: the counter runs out (or, with auto-refill off, falls to its refill trigger) within
 * `horizonDays` of `now`, and no renewal comes first. An empty counter counts as run out; the UI shows
 * its stronger "used up" state instead where it has one.
 */
export function forecastHorizonWarning(forecast: CounterForecast, now: number, horizonDays: number): boolean {
  if (forecast.kind === 'empty') return true;
  if (forecast.kind !== 'runsOut' || forecast.lastsUntilRenewal === true) return false;
  const horizonEnd = now + (horizonDays > 0 ? horizonDays : 0) * DAY_MS;
  const triggerAt = forecast.reachesRefillTriggerAt;
  return forecast.runsOutAt <= horizonEnd || (triggerAt !== undefined && triggerAt <= horizonEnd);
}

function chooseRate(
  points: readonly HistoryPoint[],
  now: number,
  periodSpend: PeriodSpend | undefined,
): { perDay: number; source: RateSource } | undefined {
  const local = measureBurnRate(points, now);
  if (local !== undefined && local.sampleCount >= MIN_SAMPLES && local.toAt - local.fromAt >= MIN_HISTORY_SPAN_MS) {
    return { perDay: local.perDay, source: 'localHistory' };
  }
  const periodRate = billingPeriodRate(periodSpend, now);
  return periodRate === undefined ? undefined : { perDay: periodRate, source: 'billingPeriod' };
}

function billingPeriodRate(periodSpend: PeriodSpend | undefined, now: number): number | undefined {
  if (periodSpend === undefined) return undefined;
  const { spent, periodStart } = periodSpend;
  const asOf = periodSpend.asOf ?? now;
  if (!Number.isFinite(spent) || spent < 0 || !isTime(periodStart) || !isTime(asOf)) return undefined;
  const elapsed = asOf - periodStart;
  return elapsed >= MIN_HISTORY_SPAN_MS ? ratePerDay(spent, elapsed) : undefined;
}

/** Auto-refill that is on and says both when and how much; anything less cannot be forecast as refilling. */
function activeAutoRefill(autoRefill: AutoRefill | undefined): { trigger: number; amount: number } | undefined {
  if (autoRefill?.enabled !== true) return undefined;
  const trigger = finiteOrUndefined(autoRefill.trigger);
  const amount = finiteOrUndefined(autoRefill.amount);
  return trigger !== undefined && amount !== undefined && amount > 0 ? { trigger, amount } : undefined;
}

/**
 * When `amount` more is spent at `perDay`, counting from `fromAt`; never before `now` (a projection
 * that lands in the past means "by now"), never beyond a valid Date.
 */
function projectedTime(fromAt: number, amount: number, perDay: number, now: number): number {
  if (amount <= 0) return now;
  const at = fromAt + (amount / perDay) * DAY_MS;
  return Math.max(now, Number.isFinite(at) ? Math.min(at, LATEST_TIME_MS) : LATEST_TIME_MS);
}

/** Spans reach here only from a day up (see MIN_HISTORY_SPAN_MS), but measureBurnRate may be asked about shorter ones. */
function ratePerDay(spent: number, spanMs: number): number {
  if (!(spanMs > 0) || !(spent > 0)) return 0;
  return finite(spent * (DAY_MS / spanMs));
}

/**
 * Points as the forecast can trust them: finite numbers, sums never negative, times strictly
 * increasing (a point out of order is skipped). samplesOf() already gives exactly that; callers
 * with points from elsewhere get the same guarantees.
 */
function usablePoints(points: readonly HistoryPoint[]): HistoryPoint[] {
  const usable: HistoryPoint[] = [];
  for (const point of points) {
    const { at, value, spent, refilled } = point;
    const previous = usable.at(-1);
    if (!isTime(at) || !Number.isFinite(value) || !isAmount(spent) || !isAmount(refilled)) continue;
    if (previous !== undefined && at <= previous.at) continue;
    usable.push({ at, value, spent, refilled });
  }
  return usable;
}

function isAmount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

function isTime(value: number | undefined): value is number {
  return typeof value === 'number' && Math.abs(value) <= LATEST_TIME_MS;
}

function finiteOrUndefined(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Sums of finite numbers can still overflow: cap them instead of letting Infinity through. */
function finite(value: number): number {
  return Math.min(value, Number.MAX_VALUE);
}
