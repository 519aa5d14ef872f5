// Whether two snapshots are of the same account at the service: the service's own account id when
// both have one, else the email. What is known of an account (its credit history, what its alerts
// remember, its mutes) belongs to that account, not to a token or a slot: a new token for the
// same account keeps it, a token of someone else starts afresh, and the same account held twice
// becomes one.
import type { AccountIdentity } from '../model';

/** true: the same account; false: another one; undefined: the service gave too little to tell. */
export function isSameAccount(one: AccountIdentity, other: AccountIdentity): boolean | undefined {
  if (one.id !== undefined && other.id !== undefined) return one.id === other.id;
  if (one.id !== undefined || other.id !== undefined) return undefined;
  if (one.email !== undefined && other.email !== undefined) return one.email.toLowerCase() === other.email.toLowerCase();
  return undefined;
}

/** An account the refresher holds, as far as telling accounts apart goes. */
export interface HeldAccount {
  readonly accountKey: string;
  readonly serviceId: string;
  readonly signedIn: boolean;
  readonly identity: AccountIdentity | undefined;
}

/** What a fresh snapshot means for the account it came for. */
export type FreshSnapshotRoute =
  /** Keep it here; `startAfresh` when it is someone else's account than the data held here before. */
  | { readonly kind: 'keep'; readonly startAfresh: boolean }
  /** Another held account is this one and keeps its key: this token moves there, this entry goes. */
  | { readonly kind: 'mergeInto'; readonly survivor: string }
  /** This account keeps its key (`startAfresh` as for keep); the other held entries of it go, their tokens with them. */
  | { readonly kind: 'absorb'; readonly duplicates: readonly string[]; readonly startAfresh: boolean };

/**
 * Routes a fresh snapshot for `accountKey`, which held `previous` before (undefined: nothing yet).
 * The same account held under several keys keeps the one every window would pick alike: the
 * service's first key, else the lowest; the token just proven good goes with it.
 */
export function routeFreshSnapshot(
  accountKey: string,
  identity: AccountIdentity,
  previous: AccountIdentity | undefined,
  held: readonly HeldAccount[],
): FreshSnapshotRoute {
  const serviceId = held.find((account) => account.accountKey === accountKey)?.serviceId;
  const same = held.filter(
    (account) =>
      account.accountKey !== accountKey &&
      account.serviceId === serviceId &&
      account.signedIn &&
      account.identity !== undefined &&
      isSameAccount(account.identity, identity) === true,
  );
  const keys = [accountKey, ...same.map((account) => account.accountKey)].sort(byPreference);
  const survivor = keys[0] ?? accountKey;
  if (survivor !== accountKey) return { kind: 'mergeInto', survivor };
  const startAfresh = previous !== undefined && isSameAccount(previous, identity) === false;
  if (same.length > 0) return { kind: 'absorb', duplicates: same.map((account) => account.accountKey), startAfresh };
  return { kind: 'keep', startAfresh };
}

/** A service's first key (no `~`) before any other; then plain order. */
function byPreference(one: string, other: string): number {
  const firstOne = !one.includes('~');
  const firstOther = !other.includes('~');
  if (firstOne !== firstOther) return firstOne ? -1 : 1;
  return one < other ? -1 : one > other ? 1 : 0;
}
