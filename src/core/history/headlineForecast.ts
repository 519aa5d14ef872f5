// The forecast the panel, the status bar and the chart show for an account: its headline counter
// (the one that stands for the account at a glance), with the history it was computed from.
import type { AccountSnapshot, CreditCounter } from '../model';
import { samplesOf, type AccountHistory, type HistoryPoint } from './creditHistory';
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
 * replenishes a count (Signeasy's envelopes).
 */
export function headlineForecast(
  snapshot: AccountSnapshot,
  history: AccountHistory | undefined,
  now: number,
  periodSpend?: PeriodSpend,
): HeadlineForecast | undefined {
  const counter = snapshot.counters.find((candidate) => candidate.headline);
  if (!counter) return undefined;
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
    ...(periodSpend && counter.unit.kind === 'money' ? { periodSpend } : {}),
  });
  return { counter, points, refills: findRefills(points), forecast, ...(renewsAt !== undefined ? { renewsAt } : {}) };
}
