// The one model every service adapter produces and the UI renders.
// Nothing in src/core imports `vscode`: this is what lets the core be tested in plain Node.
// Times are epoch milliseconds so that a snapshot survives a JSON round trip (globalState) unchanged.

/** How a counter's value is measured. */
export type CounterUnit = { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'count'; readonly noun?: string };

export interface CreditCounter {
  /** Stable across releases: settings (`accountGlance.statusBar.counters`) refer to it. */
  readonly id: string;
  readonly label: string;
  /** Undefined when the service did not say; the UI shows "—". */
  readonly value: number | undefined;
  readonly unit: CounterUnit;
  /** The one counter that stands for the service at a glance (status bar, low-credit warning). */
  readonly headline: boolean;
  /** When this amount runs out on its own (e.g. credits that expire), epoch ms, if the service said. */
  readonly expiresAt?: number;
}

export interface AccountIdentity {
  readonly displayName?: string;
  readonly email?: string;
  readonly id?: string;
  readonly organization?: string;
  readonly phone?: string;
  readonly createdAt?: number;
}

/**
 * Who an account belongs to, as the tree, the status bar and the messages name them: the name,
 * else the email (not every account has a name). One rule, so every surface says the same.
 */
export function accountHolderName(identity: AccountIdentity | undefined): string | undefined {
  return identity?.displayName ?? identity?.email;
}

export interface AutoRefill {
  readonly enabled?: boolean;
  readonly amount?: number;
  readonly trigger?: number;
  readonly currency?: string;
}

export interface AccountPlan {
  readonly name?: string;
  readonly subscriptionStatus?: string;
  readonly paid?: boolean;
  readonly renewsAt?: number;
  readonly expiresAt?: number;
  readonly cancelsAt?: number;
  readonly autoRenew?: boolean;
  readonly autoRefill?: AutoRefill;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

/**
 * The problems the adapters report, by stable id. The UI keys on them (the "used up" state, the
 * short phrase on a service's line), so they are spelt once, here.
 */
export const PROBLEM_IDS = {
  /** Nothing more can be spent: Leadping at $0, Signeasy with envelope and grace credits gone. */
  creditsExhausted: 'creditsExhausted',
  belowRefillTrigger: 'belowRefillTrigger',
  emailUnverified: 'emailUnverified',
  accountNotActivated: 'accountNotActivated',
  graceCreditsInUse: 'graceCreditsInUse',
  subscriptionOverdue: 'subscriptionOverdue',
  subscriptionCanceled: 'subscriptionCanceled',
  subscriptionPending: 'subscriptionPending',
  subscriptionCancels: 'subscriptionCancels',
} as const;

export type KnownProblemId = (typeof PROBLEM_IDS)[keyof typeof PROBLEM_IDS];

export interface AccountProblem {
  /** Stable id: one of PROBLEM_IDS from this release's adapters; any string in data from elsewhere. */
  readonly id: string;
  readonly severity: ProblemSeverity;
  readonly message: string;
}

/** A long list (identities, certificates) that the tree collapses under its own node. */
export interface DetailList {
  readonly id: string;
  readonly label: string;
  readonly items: readonly { readonly label: string; readonly description?: string }[];
}

export interface AccountSnapshot {
  readonly serviceId: string;
  readonly identity: AccountIdentity;
  readonly plan: AccountPlan;
  readonly counters: readonly CreditCounter[];
  readonly problems: readonly AccountProblem[];
  readonly lists: readonly DetailList[];
  readonly fetchedAt: number;
}

/** Every way a fetch can fail, each explainable to a person. */
export type ServiceErrorKind =
  | 'unauthorized' // 401/403: token rejected or expired
  | 'notFound' // 404
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'network' // unreachable, refused, reset
  | 'timeout'
  | 'unexpected' // non-JSON, HTML, wrong types, too large
  | 'invalidBaseUrl'
  | 'originChanged' // the base URL now points somewhere the token was not saved for: nothing was sent
  | 'secretStorage' // VS Code's secret storage (the OS keyring) could not be read or written
  | 'throttled'; // Account Glance's own ceiling on automatic requests held this one back: nothing was sent

export interface ServiceError {
  readonly kind: ServiceErrorKind;
  /** A sentence for a person. Never contains a token. */
  readonly message: string;
  readonly status?: number;
  /** For 'rateLimited': how long the service asked us to wait; for 'throttled': until a request may go. */
  readonly retryAfterMs?: number;
}

export type FetchResult = { readonly ok: true; readonly snapshot: AccountSnapshot } | { readonly ok: false; readonly error: ServiceError };
