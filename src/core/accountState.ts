// What the UI knows about one service at a moment: the last good snapshot, the last failure,
// and whether a refresh is under way. Pure data; the refresher produces it, the UI renders it.
import type { AccountSnapshot, ServiceError } from './model';

export type AccountStatus = 'signedOut' | 'loading' | 'fresh' | 'stale' | 'error';

export interface AccountState {
  readonly serviceId: string;
  readonly signedIn: boolean;
  readonly refreshing: boolean;
  /** The last good data. Kept after a failed refresh so nothing disappears. */
  readonly snapshot?: AccountSnapshot;
  /** True while the snapshot comes from the start-up cache and no refresh has confirmed it. */
  readonly fromCache?: boolean;
  /** The last refresh's failure; cleared by the next success. */
  readonly error?: ServiceError;
  readonly failedAt?: number;
}

export function accountStatus(state: AccountState): AccountStatus {
  if (!state.signedIn) return 'signedOut';
  if (state.snapshot) return state.error || state.fromCache ? 'stale' : 'fresh';
  if (state.error) return 'error';
  return 'loading';
}

/** Severity of the credit picture, for the status bar's background and the tree's icons. */
export type CreditLevel = 'normal' | 'low' | 'exhausted';

/** Problem ids an adapter uses when a service can no longer spend credits. */
const EXHAUSTED_PROBLEM_IDS = new Set(['creditsExhausted']);

/**
 * Judges the headline counter against a person's threshold. "Exhausted" means nothing can be
 * spent: a problem the adapter raised, or a headline at or below zero (Signeasy's grace credits
 * keep it merely "low" because its adapter only raises creditsExhausted when both run out).
 */
export function creditLevel(snapshot: AccountSnapshot, threshold: number | undefined): CreditLevel {
  if (snapshot.problems.some((problem) => EXHAUSTED_PROBLEM_IDS.has(problem.id))) return 'exhausted';
  const headline = snapshot.counters.find((counter) => counter.headline);
  if (headline?.value === undefined) return 'normal';
  const spendableElsewhere = snapshot.counters.some(
    (counter) => !counter.headline && counter.id.startsWith('grace') && counter.id.endsWith('Available') && (counter.value ?? 0) > 0,
  );
  if (headline.value <= 0 && !spendableElsewhere) return 'exhausted';
  if (threshold !== undefined && headline.value < threshold) return 'low';
  return 'normal';
}
