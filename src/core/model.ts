// The one model every service adapter produces and the UI renders.
// Nothing in src/core imports `vscode`: this is what lets the core be tested in plain Node.
// Times are epoch milliseconds so that a snapshot survives a JSON round trip (globalState) unchanged.
// No sentence is written here or by the adapters: errors and problems carry ids and values, and
// the UI words them in the person's language (src/views/viewModels/errorWording.ts, snapshotWording.ts).
import type * as v from 'valibot';
import type { BaseUrlProblem } from './http/baseUrl';
import type { TokenProblem } from './http/token';
import type {
  AccountIdentitySchema,
  AccountPlanSchema,
  AccountProblemSchema,
  AccountSnapshotSchema,
  AutoRefillSchema,
  CounterUnitSchema,
  CreditCounterSchema,
  DetailListSchema,
  MoneyAmountSchema,
  PeriodUsageLineSchema,
  PeriodUsageSchema,
  ProblemParamsSchema,
  ProblemSeveritySchema,
} from './snapshotSchema';

// The stored snapshot and its parts are declared once, as schemas (snapshotSchema.ts): these
// types are what those schemas read, so the model and the check of stored data cannot drift.

/** How a counter's value is measured. */
export type CounterUnit = v.InferOutput<typeof CounterUnitSchema>;
export type CreditCounter = v.InferOutput<typeof CreditCounterSchema>;
export type AccountIdentity = v.InferOutput<typeof AccountIdentitySchema>;

/**
 * Who an account belongs to, as the tree, the status bar and the messages name them: the name,
 * else the email (not every account has a name). One rule, so every surface says the same.
 */
export function accountHolderName(identity: AccountIdentity | undefined): string | undefined {
  return identity?.displayName ?? identity?.email;
}

export type AutoRefill = v.InferOutput<typeof AutoRefillSchema>;
export type AccountPlan = v.InferOutput<typeof AccountPlanSchema>;
export type ProblemSeverity = v.InferOutput<typeof ProblemSeveritySchema>;

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

export type MoneyAmount = v.InferOutput<typeof MoneyAmountSchema>;
export type ProblemParams = v.InferOutput<typeof ProblemParamsSchema>;
export type AccountProblem = v.InferOutput<typeof AccountProblemSchema>;
export type DetailList = v.InferOutput<typeof DetailListSchema>;
export type PeriodUsageLine = v.InferOutput<typeof PeriodUsageLineSchema>;
export type PeriodUsage = v.InferOutput<typeof PeriodUsageSchema>;
export type AccountSnapshot = v.InferOutput<typeof AccountSnapshotSchema>;

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
