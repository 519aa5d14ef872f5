// What Account Glance hands to other extensions: read-only, versioned, and never a token.
//
//   const glance = vscode.extensions.getExtension<AccountGlanceApi>('accountglance.account-glance');
//   const api = await glance?.activate();
//   if (api?.version === 1) { api.getAccounts(); api.onDidChangeAccounts(() => …); }
//
// This file imports nothing, so another extension can copy it as it is. Version 1 only grows by
// optional fields; a change that would break a reader gets a new version number.

/** The API activate() returns. */
export interface AccountGlanceApi {
  readonly version: 1;
  /** Every signed-in account, in the panel's order; a new frozen copy at each call. */
  getAccounts(): readonly AccountGlanceAccount[];
  /** Fires when an account is added, removed or refreshed (a vscode.Event). */
  readonly onDidChangeAccounts: (listener: () => unknown) => { dispose(): unknown };
}

export interface AccountGlanceAccount {
  /**
   * Stable while the account stays signed in. A service's first account has the service id; any
   * further one the service id, `~` and a few letters and digits ('leadping~3f9a0c21').
   */
  readonly accountId: string;
  readonly service: { readonly id: string; readonly name: string };
  /** The person's own name for the account ("Client A"), when they gave one. */
  readonly label?: string;
  /**
   * fresh: confirmed by the last refresh. stale: the last good data, from the last session or kept
   * after a failed refresh (see `error`). loading: no data yet. error: no data, and the refresh failed.
   */
  readonly status: 'fresh' | 'stale' | 'loading' | 'error';
  /** Who the account belongs to, as far as the service said; absent until the first data. */
  readonly profile?: {
    readonly name?: string;
    readonly email?: string;
    readonly organization?: string;
    /** The service's own id for the account. */
    readonly id?: string;
  };
  readonly plan?: { readonly name?: string; readonly status?: string; readonly renewsAt?: number; readonly expiresAt?: number };
  /** Balances and allowances, in the service's order; empty until the first data. */
  readonly counters: readonly AccountGlanceCounter[];
  /** What needs the person's attention, by stable id (e.g. 'creditsExhausted', 'subscriptionOverdue'). */
  readonly problems: readonly { readonly id: string; readonly severity: 'error' | 'warning' | 'info' }[];
  /** When the data was fetched, epoch milliseconds; absent until the first data. */
  readonly fetchedAt?: number;
  /** Why the last refresh failed, while it has not succeeded since. */
  readonly error?: { readonly kind: string };
  /** When the headline counter runs out at the recent pace, once there is history enough to say. */
  readonly forecast?: AccountGlanceForecast;
}

export interface AccountGlanceCounter {
  /** Stable across releases (e.g. 'balance', 'envelopes'). */
  readonly id: string;
  /** English. */
  readonly label: string;
  /** Undefined when the service did not say. */
  readonly value: number | undefined;
  /** 'money' values are in `currency` (ISO 4217) units, e.g. 18.75 USD; 'count' values are whole things (envelopes). */
  readonly unit: { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'count'; readonly noun?: string };
  /** The counter that stands for the account at a glance. */
  readonly headline: boolean;
  /** When this amount expires on its own, epoch milliseconds, if the service said. */
  readonly expiresAt?: number;
}

export type AccountGlanceForecast =
  /** Too little history yet (a few refreshes over at least a day are needed). */
  | { readonly counterId: string; readonly kind: 'notEnoughHistory' }
  /** Nothing left. */
  | { readonly counterId: string; readonly kind: 'empty' }
  /** Nothing spent lately. */
  | { readonly counterId: string; readonly kind: 'notSpending' }
  /** At `perDay`, the counter reaches zero at `runsOutAt` (epoch milliseconds). */
  | { readonly counterId: string; readonly kind: 'runsOut'; readonly perDay: number; readonly runsOutAt: number }
  /** Auto-refill tops it up before it runs out: next around `nextRefillAt` (epoch milliseconds). */
  | { readonly counterId: string; readonly kind: 'refills'; readonly perDay: number; readonly nextRefillAt: number };
