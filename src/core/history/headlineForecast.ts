// The forecast the panel, the status bar and the chart show for an account: its headline counter
// (the one that stands for the account at a glance), with the history it was computed from.
import type { AccountSnapshot, CreditCounter } from '../model';
import { samplesOf, type HistoryPoint } from './creditHistory';
import type { AccountHistory } from './historySchema';
import { findRefills, forecastCounter, type CounterForecast, type PeriodSpend, type RefillMark } from './forecast';

export interface HeadlineForecast {
  readonly counter: CreditCounter;
  readonly points: readonly HistoryPoint[];
  readonly refills: readonly RefillMark[];
  readonly forecast: CounterForecast;
  /** plan.renewsAt, for a counter a renewal replenishes. */
  readonly renewsAt?: number;
}

/**
 * The headline counter's forecast from `history` (undefined when the snapshot has no headline).
 * Auto-refill tops up a money counter in its own currency (Leadping's balance); a renewal
 * replenishes a count (Signeasy's envelopes). The billing period's spend, where the snapshot has
 * it, gives a rate from the very first refresh, until the local history is long enough to say more.
 */
export function headlineForecast(
  snapshot: AccountSnapshot,
  history: AccountHistory | undefined,
  now: number,
): HeadlineForecast | undefined {
  const counter = snapshot.counters.find((candidate) => candidate.headline);
  if (!counter) return undefined;
  const periodSpend = periodSpendOf(snapshot, counter);
  const points = samplesOf(history, counter.id);
  const autoRefill = snapshot.plan.autoRefill;
  const refillsThisCounter =
    counter.unit.kind === 'money' && autoRefill !== undefined && (autoRefill.currency ?? counter.unit.currency) === counter.unit.currency;
  const renewsAt = counter.unit.kind === 'count' ? snapshot.plan.renewsAt : undefined;
  const forecast = forecastCounter({
    points,
    now,
    ...(refillsThisCounter ? { autoRefill } : {}),
    ...(renewsAt !== undefined ? { renewsAt } : {}),
    ...(periodSpend === undefined ? {} : { periodSpend }),
  });
  return { counter, points, refills: findRefills(points), forecast, ...(renewsAt !== undefined ? { renewsAt } : {}) };
}

/** The period's spend, as of the snapshot, when it is spent from this counter: money in the same currency. */
function periodSpendOf(snapshot: AccountSnapshot, counter: CreditCounter): PeriodSpend | undefined {
  const usage = snapshot.periodUsage;
  if (usage?.periodStart === undefined || counter.unit.kind !== 'money' || usage.total.currency !== counter.unit.currency) return undefined;
  return { spent: usage.total.amount, periodStart: usage.periodStart, asOf: snapshot.fetchedAt };
}
