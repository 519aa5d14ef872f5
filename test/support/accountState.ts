// AccountState as the refresher makes it for a service's first account (keyed by the service id).
import type { AccountState } from '../../src/core/refresh/accountState';

/** A signed-in first account of `serviceId`, not refreshing; `more` adds or overrides fields (a snapshot, an error…). */
export function signedInState(serviceId: string, more: Partial<AccountState> = {}): AccountState {
  return { accountKey: serviceId, serviceId, signedIn: true, refreshing: false, ...more };
}
