// The one model every service adapter produces and the UI renders.
// Nothing in src/core imports `vscode`: this is what lets the core be tested in plain Node.
// Times are epoch milliseconds so that a snapshot survives a JSON round trip (globalState) unchanged.
// No sentence is written here or by the adapters: errors and problems carry ids and values, and
// the UI words them in the person's language (src/views/viewModels/errorWording.ts, snapshotWording.ts).
import type { BaseUrlProblem } from './http/baseUrl';
import type { TokenProblem } from './http/token';

/** How a counter's value is measured. */
export type CounterUnit = { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'count'; readonly noun?: string };

export interface CreditCounter {
  /** Stable across releases: settings (`accountGlance.statusBar.counters`) refer to it. */
  readonly id: string;
  /** English; the UI names a counter whose id it knows in the person's language, and shows this for any other. */
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

/** An amount of money with its ISO 4217 currency: the UI formats it in the person's locale. */
export interface MoneyAmount {
  readonly amount: number;
  readonly currency: string;
}

/** The values a problem's sentence needs. The UI words the sentence; the core only measures. */
export interface ProblemParams {
  /** creditsExhausted, belowRefillTrigger (Leadping): the balance. */
  readonly balance?: MoneyAmount;
  /** belowRefillTrigger: the balance below which auto-refill would top up. */
  readonly refillTrigger?: MoneyAmount;
  /** subscriptionCancels: when, epoch ms. */
  readonly cancelsAt?: number;
  /** creditsExhausted (Signeasy): envelope credits left. */
  readonly envelopesLeft?: number;
  /** creditsExhausted, graceCreditsInUse (Signeasy): grace envelope credits left, when the service said. */
  readonly graceEnvelopesLeft?: number;
}

export interface AccountProblem {
  /** Stable id: one of PROBLEM_IDS from this release's adapters; any string in data from elsewhere. */
  readonly id: string;
  readonly severity: ProblemSeverity;
  readonly params?: ProblemParams;
  /**
   * A sentence in English, only in data this release did not write: a snapshot cached by an older
   * release (which stored sentences), or a problem id this release does not know. Shown as it is
   * when the id and params cannot be worded, so nothing is lost; adapters never set it.
   */
  readonly message?: string;
}

/** A long list (identities, certificates) that the tree collapses under its own node. */
export interface DetailList {
  readonly id: string;
  /** English; like a counter's label, the UI names lists whose id it knows. */
  readonly label: string;
  readonly items: readonly { readonly label: string; readonly description?: string }[];
}

/** One channel's share of a billing period's spend: SMS, voice, email … */
export interface PeriodUsageLine {
  /** The service's own id for the channel ('sms', 'voice', 'phone_number'); unique within the period. */
  readonly id: string;
  /** The service's own name for it; the UI names the channels it knows by id, and shows this for any other. */
  readonly label: string;
  /** Spent on it so far, in the period total's currency. */
  readonly amount: number;
  /** How many billable units (segments, minutes, messages …) that bought, when the service said. */
  readonly quantity?: number;
}

/**
 * What the current billing period has cost so far, by channel (Leadping's `GET /usage/summary/my`).
 * Absent when the service has no such figure, or would not give it for this token.
 */
export interface PeriodUsage {
  /** When the period began and ends, epoch ms, when the service said. */
  readonly periodStart?: number;
  readonly periodEnd?: number;
  /** Spent since the period began. */
  readonly total: MoneyAmount;
  /** In the service's order; empty when nothing was spent. */
  readonly lines: readonly PeriodUsageLine[];
}

export interface AccountSnapshot {
  readonly serviceId: string;
  readonly identity: AccountIdentity;
  readonly plan: AccountPlan;
  readonly counters: readonly CreditCounter[];
  readonly problems: readonly AccountProblem[];
  readonly lists: readonly DetailList[];
  /** Absent in snapshots from services without it, and in those cached before it existed. */
  readonly periodUsage?: PeriodUsage;
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

/**
 * Which case of its kind an error is, where a kind has several; the UI picks its sentence by it.
 * Absent: the kind's general case.
 */
export type ServiceErrorReason =
  // unauthorized
  | 'tokenRejected' // 401
  | 'tokenForbidden' // 403: rejected, or not allowed to read `path`
  | 'tokenUnusable' // the saved token cannot go into a header at all: see `tokenProblem`
  // network
  | 'connectionRefused'
  | 'hostNotFound'
  | 'connectionCut' // reset or closed before the answer arrived
  | 'unreachable'
  // unexpected
  | 'tooLarge' // over `maxBytes`
  | 'webPage' // HTML where JSON was expected
  | 'invalidJson'
  | 'emptyBody'
  | 'unexpectedShape' // JSON, but not the object `path` documents
  | 'redirected' // a 3xx to `origin` (if it named a readable one): not followed
  | 'unexpectedStatus' // a status no other case covers
  | 'unreadable' // the adapter failed on the answer; `detail` says how
  | 'refreshFailed'; // the refresh itself failed (a bug): see the log

/**
 * What only the service's own docs tell about an error. Signeasy: a 401 also means a missing
 * scope; a 429 means retry after a minute.
 */
export type ServiceErrorHint = 'scopeMayBeMissing' | 'retryAfterAMinute';

/**
 * A failure as data: its kind (which decides retries and the action offered), its case, and the
 * values its sentence needs. The UI words it (src/views/viewModels/errorWording.ts). No field
 * ever holds the token: every text field has been through redactSecrets before it leaves the core.
 */
export interface ServiceError {
  readonly kind: ServiceErrorKind;
  readonly reason?: ServiceErrorReason;
  readonly hint?: ServiceErrorHint;
  readonly status?: number;
  /** For 'rateLimited': how long the service asked us to wait; for 'throttled': until a request may go. */
  readonly retryAfterMs?: number;
  /** The service's own words from an error body: one line, bounded, redacted; quoted as they are, never translated. */
  readonly detail?: string;
  /** The path asked for, without its query string. */
  readonly path?: string;
  /** 'network': the host (and port) the request went to. */
  readonly host?: string;
  /** 'network': the system's error code (ECONNREFUSED, ETIMEDOUT …), when it gave one. */
  readonly code?: string;
  /** 'redirected': where to; 'originChanged': where the base URL now points. Scheme, host and port only. */
  readonly origin?: string;
  /** 'originChanged': the origin the token was saved for, when it reads as one. */
  readonly tokenOrigin?: string;
  /** 'tooLarge': the most an answer may be, in bytes. */
  readonly maxBytes?: number;
  /** 'timeout': how long the request was given. */
  readonly timeoutMs?: number;
  /** 'server': how many times the request was sent, retries included. */
  readonly attempts?: number;
  /** 'throttled': Account Glance's own ceiling on automatic requests per account. */
  readonly requestsPerMinute?: number;
  readonly tokenProblem?: TokenProblem;
  /** 'invalidBaseUrl': why the base URL setting is refused. */
  readonly baseUrlProblem?: BaseUrlProblem;
}

export type FetchResult = { readonly ok: true; readonly snapshot: AccountSnapshot } | { readonly ok: false; readonly error: ServiceError };
