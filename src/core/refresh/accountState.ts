// What the UI knows about one account at a moment: the last good snapshot, the last failure,
// and whether a refresh is under way. Pure data; the refresher produces it, the UI renders it.
import { PROBLEM_IDS, type AccountSnapshot, type ServiceError } from '../model';

export type AccountStatus = 'signedOut' | 'loading' | 'fresh' | 'stale' | 'error';

export interface AccountState {
  /** Which account: the service id for a service's first account (src/core/accounts/accountKey.ts). */
  readonly accountKey: string;
  readonly serviceId: string;
  /** The person's own name for the account ("Client A"), shown beside the service's. */
  readonly label?: string;
  /** The person pinned it: while any account is pinned, the status bar shows only pinned ones. */
  readonly pinned?: boolean;
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

/** Judges the headline counter against a person's threshold; exhaustion is the adapter's call. */
export function creditLevel(snapshot: AccountSnapshot, threshold: number | undefined): CreditLevel {
  if (snapshot.problems.some((problem) => problem.id === PROBLEM_IDS.creditsExhausted)) return 'exhausted';
  const headline = snapshot.counters.find((counter) => counter.headline)?.value;
  if (headline !== undefined && threshold !== undefined && headline < threshold) return 'low';
  return 'normal';
}
