// When Account Glance speaks up on its own (issue 13, "One alert per crossing, never nagging"):
// which alert conditions a snapshot shows, and which of them to notify given what was already said.
//
// The rule: one notification per crossing per account. A condition that becomes active is said once
// and remembered; while it stays active nothing more is said, across restarts too (the caller
// persists the memory); only a fresh snapshot in which it is no longer active (a recovery) forgets
// it, so the next crossing is said again. The first snapshot ever seen for an account counts as a
// crossing into whatever it shows.
//
// Decide from fresh snapshots only: the caller runs this after a successful refresh, never for the
// snapshot restored from the start-up cache (that one would repeat what the last session said, or
// say something the account no longer shows), so starting VS Code never notifies by itself.
//
// Pure: no `vscode`, no clock (every "now" is passed in), no storage. The memory is a small
// JSON-able object per account (src/storage/alertMemoryStore.ts keeps it in globalState).
import * as v from 'valibot';
import { PROBLEM_IDS, type AccountSnapshot, type CounterUnit, type ProblemParams } from '../model';
import { creditLevel } from '../refresh/accountState';
import { clampToRange, type SettingRange } from '../settingValues';
import { extra, NUMBER, storedObject } from '../storedSchema';

/** Every alert kind, in the order their notifications are shown (the gravest first). */
export const ALERT_KINDS = ['usedUp', 'lowCredit', 'creditsExpiring', 'billingTrouble'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const DAY_MS = 86_400_000;
/** How long "Snooze for a Day" holds an account's notifications back. */
export const SNOOZE_MS = DAY_MS;
/** Days ahead that expiring credits and an ending subscription count as trouble; 0 turns those off. */
export const EXPIRING_WITHIN_DAYS: SettingRange = { min: 0, max: 90, fallback: 7 };

// ---------------------------------------------------------------------------------------------
// Conditions: what one snapshot shows

export interface ConditionOptions {
  /** The account's low-credit threshold, in its headline counter's unit. */
  readonly lowCreditThreshold: number | undefined;
  /** Days ahead that count as "soon"; EXPIRING_WITHIN_DAYS.fallback when not given. */
  readonly expiringWithinDays?: number;
  readonly now: number;
}

/** Problems that are billing trouble as soon as the adapter reports them, whatever their values. */
const STANDING_BILLING_PROBLEMS = [
  PROBLEM_IDS.subscriptionOverdue,
  PROBLEM_IDS.subscriptionCanceled,
  PROBLEM_IDS.subscriptionPending,
  PROBLEM_IDS.emailUnverified,
  PROBLEM_IDS.accountNotActivated,
] as const;
type StandingBillingProblem = (typeof STANDING_BILLING_PROBLEMS)[number];

function isStandingBillingProblem(id: string): id is StandingBillingProblem {
  return (STANDING_BILLING_PROBLEMS as readonly string[]).includes(id);
}

/** Why an account's billing needs the person, one entry per reason, as the wording needs it. */
export type BillingTrouble =
  | { readonly reason: StandingBillingProblem }
  /** Leadping: the subscription is set to cancel at `at`, within the window. */
  | { readonly reason: typeof PROBLEM_IDS.subscriptionCancels; readonly at: number }
  /** Signeasy: the subscription ends at `at`, within the window, and auto-renew is off. */
  | { readonly reason: 'subscriptionExpires'; readonly at: number };

/** An active condition with the values its notification needs. */
export type ActiveAlert =
  /** The creditsExhausted problem's values (Leadping's balance, Signeasy's envelopes left). */
  | { readonly kind: 'usedUp'; readonly params: ProblemParams }
  | { readonly kind: 'lowCredit'; readonly value: number | undefined; readonly threshold: number | undefined; readonly unit: CounterUnit }
  | { readonly kind: 'creditsExpiring'; readonly amount: number; readonly unit: CounterUnit; readonly expiresAt: number }
  | { readonly kind: 'billingTrouble'; readonly troubles: readonly BillingTrouble[] };

/** The conditions the snapshot shows, each with its values, in ALERT_KINDS order. */
export function findActiveAlerts(snapshot: AccountSnapshot, options: ConditionOptions): ActiveAlert[] {
  const alerts: ActiveAlert[] = [];
  const level = creditLevel(snapshot, options.lowCreditThreshold);
  if (level === 'exhausted') {
    const exhausted = snapshot.problems.find((problem) => problem.id === PROBLEM_IDS.creditsExhausted);
    alerts.push({ kind: 'usedUp', params: exhausted?.params ?? {} });
  }
  // Used up is also low: a fall straight to nothing crosses both, and decideAlerts() says only usedUp.
  if (level !== 'normal') {
    const headline = snapshot.counters.find((counter) => counter.headline);
    if (headline) alerts.push({ kind: 'lowCredit', value: headline.value, threshold: options.lowCreditThreshold, unit: headline.unit });
  }
  const window = soonWindow(options);
  const expiring = soonestExpiringCredits(snapshot, window);
  if (expiring) alerts.push(expiring);
  const troubles = billingTroubles(snapshot, window);
  if (troubles.length > 0) alerts.push({ kind: 'billingTrouble', troubles });
  return alerts;
}

/** The kinds of alert the snapshot shows: the input decideAlerts() needs. */
export function activeConditions(snapshot: AccountSnapshot, options: ConditionOptions): Set<AlertKind> {
  return new Set(findActiveAlerts(snapshot, options).map((alert) => alert.kind));
}

/** "Soon": after now, and no later than the window's end. Past moments are the service's to report. */
interface SoonWindow {
  readonly contains: (at: number | undefined) => at is number;
}

function soonWindow({ now, expiringWithinDays = EXPIRING_WITHIN_DAYS.fallback }: ConditionOptions): SoonWindow {
  const end = now + expiringWithinDays * DAY_MS;
  return { contains: (at): at is number => at !== undefined && Number.isFinite(at) && at > now && at <= end };
}

/** Any counter the service says runs out on its own (today Leadping's nextExpiringCredits); the soonest wins. */
function soonestExpiringCredits(snapshot: AccountSnapshot, window: SoonWindow): ActiveAlert | undefined {
  let soonest: Extract<ActiveAlert, { kind: 'creditsExpiring' }> | undefined;
  for (const { value, unit, expiresAt } of snapshot.counters) {
    if (value === undefined || value <= 0 || !window.contains(expiresAt)) continue;
    if (soonest === undefined || expiresAt < soonest.expiresAt) soonest = { kind: 'creditsExpiring', amount: value, unit, expiresAt };
  }
  return soonest;
}

function billingTroubles(snapshot: AccountSnapshot, window: SoonWindow): BillingTrouble[] {
  const troubles: BillingTrouble[] = [];
  for (const problem of snapshot.problems) {
    if (isStandingBillingProblem(problem.id)) troubles.push({ reason: problem.id });
    if (problem.id === PROBLEM_IDS.subscriptionCancels) {
      const at = problem.params?.cancelsAt ?? snapshot.plan.cancelsAt;
      if (window.contains(at)) troubles.push({ reason: PROBLEM_IDS.subscriptionCancels, at });
    }
  }
  // Signeasy reports no problem for this: plan.expiresAt is set only when auto-renew is not on.
  const { expiresAt, autoRenew } = snapshot.plan;
  if (autoRenew === false && window.contains(expiresAt)) troubles.push({ reason: 'subscriptionExpires', at: expiresAt });
  return troubles;
}

// ---------------------------------------------------------------------------------------------
// Memory: what was said, and the person's choices, per account

const ALERT_MEMORY_VERSION = 1;

/** Kinds as stored, read tolerantly: a value that is not a list reads as none, unknown kinds are left out. */
const StoredKindsSchema = v.pipe(
  v.fallback(v.array(v.unknown()), []),
  v.transform((values) => ALERT_KINDS.filter((kind) => values.includes(kind))),
  v.readonly(),
);

/**
 * The memory as stored. Anything that is not this version's object (a damaged value, a newer
 * release's) does not read; within it each field reads on its own, so one damaged field costs only itself.
 */
const AlertMemorySchema = storedObject({
  version: v.literal(ALERT_MEMORY_VERSION),
  /** Kinds already said (or superseded) during the current crossing: still active at the last fresh snapshot. */
  notified: StoredKindsSchema,
  /** "Don't Warn About This": never said for this account until unmuted. */
  muted: StoredKindsSchema,
  /** "Snooze for a Day": nothing is said for this account before then, epoch ms. A moment before 1970 (and -0, which JSON cannot keep) is no snooze. */
  snoozedUntil: extra(v.pipe(NUMBER, v.gtValue(0))),
});

export type AlertMemory = v.InferOutput<typeof AlertMemorySchema>;

export function freshAlertMemory(): AlertMemory {
  return { version: ALERT_MEMORY_VERSION, notified: [], muted: [] };
}

/**
 * The memory as stored, read through AlertMemorySchema into its canonical shape; what does not
 * read is fresh memory. Reading fresh memory costs at most one repeat of each condition still active.
 */
export function readAlertMemory(stored: unknown): AlertMemory {
  const reading = v.safeParse(AlertMemorySchema, stored);
  return reading.success ? withMemory(freshAlertMemory(), reading.output) : freshAlertMemory();
}

export interface AlertPreferences {
  /** Kinds the settings allow; a kind left out is never said, nor remembered as said. */
  readonly enabledKinds: ReadonlySet<AlertKind>;
}

export interface AlertDecision {
  /** The kinds to say now, in ALERT_KINDS order. */
  readonly notify: AlertKind[];
  /** What to store for the account, whether or not anything is said. */
  readonly memory: AlertMemory;
}

/**
 * Which kinds to say for an account, given what it remembers and the kinds its fresh snapshot
 * shows as active (activeConditions()).
 *
 * - A kind no longer active is forgotten (re-armed): its next crossing is said again.
 * - An active kind not yet said is said once and remembered, unless it is turned off in the settings
 *   or muted for the account: then it is neither said nor remembered, so turning it back on (or
 *   unmuting it) while it is still active says it once.
 * - usedUp supersedes lowCredit: while usedUp is said or remembered, lowCredit is remembered without
 *   being said.
 * - While the account is snoozed nothing is said and nothing new is remembered: a crossing during
 *   the snooze is said at the first fresh snapshot after it, if still active. A snooze never lasts
 *   more than SNOOZE_MS, whatever was stored (a clock set back must not silence an account for good).
 */
export function decideAlerts(
  remembered: AlertMemory | undefined,
  active: ReadonlySet<AlertKind>,
  now: number,
  preferences: AlertPreferences,
): AlertDecision {
  const memory = remembered ?? freshAlertMemory();
  const notified = new Set(memory.notified.filter((kind) => active.has(kind)));
  const snoozedUntil = memory.snoozedUntil;
  const snoozed = snoozedUntil !== undefined && now < snoozedUntil && snoozedUntil - now <= SNOOZE_MS;
  const notify: AlertKind[] = [];
  if (!snoozed) {
    for (const kind of ALERT_KINDS) {
      if (!active.has(kind) || notified.has(kind) || !preferences.enabledKinds.has(kind) || memory.muted.includes(kind)) continue;
      notified.add(kind);
      // usedUp comes first in ALERT_KINDS, so by now it is in `notified` if it is said or remembered.
      if (kind === 'lowCredit' && notified.has('usedUp')) continue;
      notify.push(kind);
    }
  }
  return {
    notify,
    memory: withMemory(memory, { notified: [...notified], snoozedUntil: snoozed ? snoozedUntil : undefined }),
  };
}

/** "Snooze for a Day": nothing is said for the account for SNOOZE_MS from `now`. */
export function snoozeAlerts(memory: AlertMemory | undefined, now: number): AlertMemory {
  return withMemory(memory ?? freshAlertMemory(), { snoozedUntil: now + SNOOZE_MS });
}

/** Lifts a snooze before its time (the reset command). */
export function endSnooze(memory: AlertMemory | undefined): AlertMemory {
  return withMemory(memory ?? freshAlertMemory(), { snoozedUntil: undefined });
}

/** "Don't Warn About This": the kind is never said for the account until unmuteAlert(). */
export function muteAlert(memory: AlertMemory | undefined, kind: AlertKind): AlertMemory {
  const current = memory ?? freshAlertMemory();
  return withMemory(current, { muted: [...current.muted, kind] });
}

/** Lets the kind (every kind when none is given) be said again; still active, it is said at the next fresh snapshot. */
export function unmuteAlert(memory: AlertMemory | undefined, kind?: AlertKind): AlertMemory {
  const current = memory ?? freshAlertMemory();
  return withMemory(current, { muted: kind === undefined ? [] : current.muted.filter((muted) => muted !== kind) });
}

/** The memory with some fields replaced, in one canonical shape: kinds once each, in ALERT_KINDS order; no empty snooze. */
function withMemory(
  memory: AlertMemory,
  changes: { readonly notified?: readonly AlertKind[]; readonly muted?: readonly AlertKind[]; readonly snoozedUntil?: number | undefined },
): AlertMemory {
  const notified = changes.notified ?? memory.notified;
  const muted = changes.muted ?? memory.muted;
  const snoozedUntil = 'snoozedUntil' in changes ? changes.snoozedUntil : memory.snoozedUntil;
  return {
    version: ALERT_MEMORY_VERSION,
    notified: ALERT_KINDS.filter((kind) => notified.includes(kind)),
    muted: ALERT_KINDS.filter((kind) => muted.includes(kind)),
    ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
  };
}

// ---------------------------------------------------------------------------------------------
// Settings

/** The settings that shape alerts, as the notifier needs them. */
export interface AlertSettings extends AlertPreferences {
  readonly expiringWithinDays: number;
}

/**
 * The alert settings from `accountGlance.alerts.*` (`read` gets a key relative to `accountGlance`):
 * one boolean per kind, on unless set to false, and how many days ahead count as soon.
 */
export function readAlertSettings(read: (key: string) => unknown): AlertSettings {
  return {
    enabledKinds: new Set(ALERT_KINDS.filter((kind) => read(`alerts.${kind}`) !== false)),
    expiringWithinDays: clampToRange(read('alerts.expiringWithinDays'), EXPIRING_WITHIN_DAYS),
  };
}
