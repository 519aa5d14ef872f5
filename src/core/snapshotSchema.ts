// The snapshot as it is stored (the start-up cache: written by this release, an older or a newer
// one, or damaged), declared once: model.ts derives AccountSnapshot and its parts from these
// schemas, and readSnapshot() (snapshotValidation.ts) reads a stored value through them, so the
// model and the check of stored data cannot drift. How a stored object is read: storedSchema.ts.
import * as v from 'valibot';
import { CURRENCY, extra, FLAG, NUMBER, storedList, storedObject, storedVariant, TEXT, TIME } from './storedSchema';

export const CounterUnitSchema = storedVariant(
  'kind',
  [v.object({ kind: v.literal('money'), currency: CURRENCY }), v.object({ kind: v.literal('count'), noun: v.optional(TEXT) })],
  'is not money or count',
);

export const CreditCounterSchema = storedObject({
  /** Stable across releases: settings (`accountGlance.statusBar.counters`) refer to it. */
  id: TEXT,
  /** English; the UI names a counter whose id it knows in the person's language, and shows this for any other. */
  label: TEXT,
  /** Absent when the service did not say; the UI shows "—". */
  value: v.optional(NUMBER),
  unit: CounterUnitSchema,
  /** The one counter that stands for the service at a glance (status bar, low-credit warning). */
  headline: FLAG,
  /** The most the value can be, when the service says (a credit limit, a plan's allowance): the UI reads "x of y". */
  limit: v.optional(NUMBER),
  /** When this amount runs out on its own (e.g. credits that expire), epoch ms, if the service said. */
  expiresAt: v.optional(TIME),
});

export const AccountIdentitySchema = storedObject({
  displayName: v.optional(TEXT),
  email: v.optional(TEXT),
  id: v.optional(TEXT),
  organization: v.optional(TEXT),
  phone: v.optional(TEXT),
  createdAt: v.optional(TIME),
});

export const AutoRefillSchema = storedObject({
  enabled: v.optional(FLAG),
  amount: v.optional(NUMBER),
  trigger: v.optional(NUMBER),
  currency: v.optional(CURRENCY),
});

export const AccountPlanSchema = storedObject({
  name: v.optional(TEXT),
  subscriptionStatus: v.optional(TEXT),
  paid: v.optional(FLAG),
  renewsAt: v.optional(TIME),
  expiresAt: v.optional(TIME),
  cancelsAt: v.optional(TIME),
  autoRenew: v.optional(FLAG),
  autoRefill: v.optional(AutoRefillSchema),
});

export const ProblemSeveritySchema = v.picklist(['error', 'warning', 'info'], 'is not error, warning or info');

/** An amount of money with its ISO 4217 currency: the UI formats it in the person's locale. */
export const MoneyAmountSchema = storedObject({ amount: NUMBER, currency: CURRENCY });

/** The values a problem's sentence needs. The UI words the sentence; the core only measures. */
export const ProblemParamsSchema = storedObject({
  /** creditsExhausted, belowRefillTrigger (Leadping): the balance. */
  balance: v.optional(MoneyAmountSchema),
  /** belowRefillTrigger: the balance below which auto-refill would top up. */
  refillTrigger: v.optional(MoneyAmountSchema),
  /** subscriptionCancels: when, epoch ms. */
  cancelsAt: v.optional(TIME),
  /** creditsExhausted (Signeasy): envelope credits left. */
  envelopesLeft: v.optional(NUMBER),
  /** creditsExhausted, graceCreditsInUse (Signeasy): grace envelope credits left, when the service said. */
  graceEnvelopesLeft: v.optional(NUMBER),
});

export const AccountProblemSchema = storedObject({
  /** Stable id: one of PROBLEM_IDS from this release's adapters; any string in data from elsewhere. */
  id: TEXT,
  severity: ProblemSeveritySchema,
  params: v.optional(ProblemParamsSchema),
  /**
   * A sentence in English, only in data this release did not write: a snapshot cached by an older
   * release (0.1.0 and before stored sentences, not ids and params), or a problem id this release
   * does not know. Shown as it is when the id and params cannot be worded, so nothing is lost;
   * adapters never set it.
   */
  message: v.optional(TEXT),
});

/** A long list (identities, certificates) that the tree collapses under its own node. */
export const DetailListSchema = storedObject({
  id: TEXT,
  /** English; like a counter's label, the UI names lists whose id it knows. */
  label: TEXT,
  items: storedList(storedObject({ label: TEXT, description: v.optional(TEXT) })),
});

/** One channel's share of a billing period's spend: SMS, voice, email … */
export const PeriodUsageLineSchema = storedObject({
  /** The service's own id for the channel ('sms', 'voice', 'phone_number'); unique within the period. */
  id: TEXT,
  /** The service's own name for it; the UI names the channels it knows by id, and shows this for any other. */
  label: TEXT,
  /** Spent on it so far, in the period total's currency. */
  amount: NUMBER,
  /** How many billable units (segments, minutes, messages …) that bought, when the service said. */
  quantity: v.optional(NUMBER),
});

/**
 * What the current billing period has cost so far, by channel (Leadping's `GET /usage/summary/my`).
 * Absent when the service has no such figure, or would not give it for this token.
 */
export const PeriodUsageSchema = storedObject({
  /** When the period began and ends, epoch ms, when the service said. */
  periodStart: v.optional(TIME),
  periodEnd: v.optional(TIME),
  /** Spent since the period began. */
  total: MoneyAmountSchema,
  /** In the service's order; empty when nothing was spent. */
  lines: storedList(PeriodUsageLineSchema),
});

export const AccountSnapshotSchema = storedObject({
  serviceId: v.pipe(TEXT, v.minLength(1, 'is empty')),
  identity: AccountIdentitySchema,
  plan: AccountPlanSchema,
  counters: storedList(CreditCounterSchema),
  problems: storedList(AccountProblemSchema),
  lists: storedList(DetailListSchema),
  /**
   * Absent in snapshots from services without it, and in those cached before it existed. An extra
   * the panel can do without: where it does not read, it is left out and the rest still shows.
   */
  periodUsage: extra(PeriodUsageSchema),
  fetchedAt: TIME,
});
