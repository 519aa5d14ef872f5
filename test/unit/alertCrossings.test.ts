// Alerts (issue 13, "One alert per crossing, never nagging"): which conditions a snapshot shows,
// and the rule that each crossing is said once per account, re-armed only by a recovery, across
// restarts, with settings, snoozes and mutes respected.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ALERT_KINDS,
  EXPIRING_WITHIN_DAYS,
  SNOOZE_MS,
  activeConditions,
  decideAlerts,
  findActiveAlerts,
  freshAlertMemory,
  muteAlert,
  readAlertMemory,
  readAlertSettings,
  snoozeAlerts,
  unmuteAlert,
  type AlertKind,
  type AlertMemory,
} from '../../src/core/alerts/alertCrossings';
import type { AccountSnapshot, CreditCounter } from '../../src/core/model';
import { buildLeadpingSnapshot } from '../../src/core/services/leadping';
import { buildSigneasySnapshot } from '../../src/core/services/signeasy';
import { FIXED_NOW } from '../support/clock';
import { leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const DAY_MS = 86_400_000;
const EVERY_KIND = { enabledKinds: new Set<AlertKind>(ALERT_KINDS) };
const kinds = (...list: AlertKind[]) => new Set<AlertKind>(list);
const conditionsOf = (snapshot: AccountSnapshot, lowCreditThreshold: number | undefined, expiringWithinDays?: number) =>
  [...activeConditions(snapshot, { lowCreditThreshold, expiringWithinDays, now: FIXED_NOW })].sort();

/** Memory as the next session reads it back from globalState. */
const restarted = (memory: AlertMemory) => readAlertMemory(JSON.parse(JSON.stringify(memory)));

function expiringCredits(value: number, expiresAt: number | undefined): CreditCounter {
  return { id: 'nextExpiringCredits', label: 'Expiring next', value, unit: { kind: 'money', currency: 'USD' }, headline: false, expiresAt };
}

function withExpiring(value: number, expiresAt: number | undefined): AccountSnapshot {
  const snapshot = leadpingSnapshot();
  return { ...snapshot, counters: [...snapshot.counters, expiringCredits(value, expiresAt)] };
}

/** Leadping as its adapter reads the 2023–2025 /users/me shape. */
const leadpingUser = (fields: Record<string, unknown>) =>
  buildLeadpingSnapshot({ name: 'Dana', accountBalance: 100, subscriptionStatus: 'Active', ...fields }, undefined, undefined, FIXED_NOW);
/** Signeasy as its adapter reads /v3/me/: times in epoch seconds, flags 0/1. */
const signeasyUser = (fields: Record<string, unknown>) =>
  buildSigneasySnapshot(
    {
      email: 'john@example.com',
      email_verified: 1,
      status: 1,
      envelope_credits_available: 100,
      grace_envelope_credits_available: 10,
      ...fields,
    },
    FIXED_NOW,
  );
const inDays = (days: number) => FIXED_NOW + days * DAY_MS;
const epochSeconds = (at: number) => Math.round(at / 1000);

describe('activeConditions', () => {
  test('lowCredit: the headline below the account’s threshold (the status bar’s own rule); at or above it, nothing', () => {
    assert.deepEqual(conditionsOf(leadpingSnapshot({ balance: 3.2 }), 5), ['lowCredit']);
    assert.deepEqual(conditionsOf(leadpingSnapshot({ balance: 5 }), 5), []);
    assert.deepEqual(conditionsOf(signeasySnapshot({ envelopes: 12 }), 20), ['lowCredit']);
    assert.deepEqual(conditionsOf(leadpingSnapshot({ balance: 3.2 }), undefined), []);
  });

  test('usedUp: the adapter reports the credits exhausted; that is low too, whatever the threshold', () => {
    assert.deepEqual(conditionsOf(leadpingSnapshot({ balance: 0 }), 5), ['lowCredit', 'usedUp']);
    assert.deepEqual(conditionsOf(signeasySnapshot({ envelopes: 0, grace: 0 }), 0), ['lowCredit', 'usedUp']);
    // Envelopes gone but grace credits left: low, not used up.
    assert.deepEqual(conditionsOf(signeasySnapshot({ envelopes: 0, grace: 5 }), 20), ['lowCredit']);
  });

  test('creditsExpiring: a positive amount that expires within the window (7 days unless told), not after, not already past', () => {
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(3)), 5), ['creditsExpiring']);
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(7)), 5), ['creditsExpiring']);
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(8)), 5), []);
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(8)), 5, 10), ['creditsExpiring']);
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(3)), 5, 0), [], '0 days turns it off');
    assert.deepEqual(conditionsOf(withExpiring(0, inDays(3)), 5), [], 'nothing to lose');
    assert.deepEqual(conditionsOf(withExpiring(5, inDays(-1)), 5), [], 'already past');
    assert.deepEqual(conditionsOf(withExpiring(5, undefined), 5), [], 'no date');
  });

  test('creditsExpiring carries the soonest expiring amount, as read by the Leadping adapter', () => {
    const snapshot = buildLeadpingSnapshot(
      { name: 'Dana', accountBalance: 100 },
      { balance: 100, nextExpiringCreditAmount: 5, nextCreditExpirationAt: new Date(inDays(2)).toISOString() },
      undefined,
      FIXED_NOW,
    );
    assert.deepEqual(
      findActiveAlerts(snapshot, { lowCreditThreshold: 5, now: FIXED_NOW }).find((alert) => alert.kind === 'creditsExpiring'),
      { kind: 'creditsExpiring', amount: 5, unit: { kind: 'money', currency: 'USD' }, expiresAt: inDays(2) },
    );
  });

  const billingCases: readonly [string, AccountSnapshot, readonly unknown[]][] = [
    ['Leadping overdue', leadpingUser({ subscriptionStatus: 'Overdue' }), [{ reason: 'subscriptionOverdue' }]],
    ['Leadping canceled', leadpingUser({ subscriptionStatus: 'Canceled' }), [{ reason: 'subscriptionCanceled' }]],
    ['Leadping cancelled', leadpingUser({ subscriptionStatus: 'Cancelled' }), [{ reason: 'subscriptionCanceled' }]],
    ['Leadping pending', leadpingUser({ subscriptionStatus: 'Pending' }), [{ reason: 'subscriptionPending' }]],
    [
      'Leadping cancels within the window',
      leadpingUser({ stripeInfo: { cancelAt: new Date(inDays(3)).toISOString() } }),
      [{ reason: 'subscriptionCancels', at: inDays(3) }],
    ],
    ['Leadping cancels later', leadpingUser({ stripeInfo: { cancelAt: new Date(inDays(30)).toISOString() } }), []],
    ['Leadping active', leadpingUser({}), []],
    ['Signeasy email unverified', signeasyUser({ email_verified: 0 }), [{ reason: 'emailUnverified' }]],
    ['Signeasy not activated', signeasyUser({ status: 0 }), [{ reason: 'accountNotActivated' }]],
    [
      'Signeasy ends within the window, auto-renew off',
      signeasyUser({ is_auto_renew: 0, subscription_expiry_time: epochSeconds(inDays(5)) }),
      [{ reason: 'subscriptionExpires', at: inDays(5) }],
    ],
    ['Signeasy renews within the window', signeasyUser({ is_auto_renew: 1, subscription_expiry_time: epochSeconds(inDays(5)) }), []],
    ['Signeasy ends later', signeasyUser({ is_auto_renew: 0, subscription_expiry_time: epochSeconds(inDays(20)) }), []],
    ['Signeasy ended long ago', signeasyUser({ is_auto_renew: 0, subscription_expiry_time: epochSeconds(inDays(-200)) }), []],
    [
      'Signeasy with several troubles',
      signeasyUser({ email_verified: 0, status: 0 }),
      [{ reason: 'emailUnverified' }, { reason: 'accountNotActivated' }],
    ],
  ];
  for (const [name, snapshot, troubles] of billingCases) {
    test(`billingTrouble from what the adapter reports: ${name}`, () => {
      const found = findActiveAlerts(snapshot, { lowCreditThreshold: 5, now: FIXED_NOW }).find((alert) => alert.kind === 'billingTrouble');
      assert.deepEqual(found, troubles.length === 0 ? undefined : { kind: 'billingTrouble', troubles });
    });
  }
});

describe('decideAlerts', () => {
  test('the first sight of an account counts as a crossing: said once, remembered', () => {
    const decision = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, EVERY_KIND);
    assert.deepEqual(decision.notify, ['lowCredit']);
    assert.deepEqual(decision.memory, { version: 1, notified: ['lowCredit'], muted: [] });
  });

  test('nothing more while it stays active, in this session or after a restart', () => {
    let memory = decideAlerts(undefined, kinds('lowCredit', 'billingTrouble'), FIXED_NOW, EVERY_KIND).memory;
    for (let refresh = 1; refresh <= 5; refresh++) {
      const decision = decideAlerts(
        refresh % 2 === 0 ? restarted(memory) : memory,
        kinds('lowCredit', 'billingTrouble'),
        inDays(refresh),
        EVERY_KIND,
      );
      assert.deepEqual(decision.notify, [], `refresh ${refresh}`);
      memory = decision.memory;
    }
  });

  test('a recovery re-arms the kind: the next crossing is said again, once', () => {
    const said = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, EVERY_KIND).memory;
    const recovered = decideAlerts(restarted(said), kinds(), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(recovered.notify, []);
    assert.deepEqual(recovered.memory.notified, []);
    const again = decideAlerts(restarted(recovered.memory), kinds('lowCredit'), FIXED_NOW + 2, EVERY_KIND);
    assert.deepEqual(again.notify, ['lowCredit']);
    assert.deepEqual(decideAlerts(again.memory, kinds('lowCredit'), FIXED_NOW + 3, EVERY_KIND).notify, []);
  });

  test('a recovery of one kind does not re-arm another that stays active', () => {
    const both = decideAlerts(undefined, kinds('lowCredit', 'creditsExpiring'), FIXED_NOW, EVERY_KIND).memory;
    const oneGone = decideAlerts(both, kinds('lowCredit'), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(oneGone.notify, []);
    assert.deepEqual(decideAlerts(oneGone.memory, kinds('lowCredit', 'creditsExpiring'), FIXED_NOW + 2, EVERY_KIND).notify, [
      'creditsExpiring',
    ]);
  });

  test('usedUp supersedes lowCredit: crossing both at once says usedUp only, and remembers both', () => {
    const decision = decideAlerts(undefined, kinds('lowCredit', 'usedUp'), FIXED_NOW, EVERY_KIND);
    assert.deepEqual(decision.notify, ['usedUp']);
    assert.deepEqual(decision.memory.notified, ['usedUp', 'lowCredit']);
    // Topped up a little, still low: low was covered by "used up", so nothing new.
    assert.deepEqual(decideAlerts(decision.memory, kinds('lowCredit'), FIXED_NOW + 1, EVERY_KIND).notify, []);
  });

  test('low first, then used up: each crossing said once, in its turn', () => {
    const low = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, EVERY_KIND);
    assert.deepEqual(low.notify, ['lowCredit']);
    const usedUp = decideAlerts(low.memory, kinds('lowCredit', 'usedUp'), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(usedUp.notify, ['usedUp']);
  });

  test('usedUp turned off: lowCredit is said in its place', () => {
    const lowOnly = { enabledKinds: kinds('lowCredit') };
    assert.deepEqual(decideAlerts(undefined, kinds('lowCredit', 'usedUp'), FIXED_NOW, lowOnly).notify, ['lowCredit']);
  });

  test('a kind turned off is never said nor remembered; turned back on while still active, it is said once', () => {
    const withoutLow = { enabledKinds: kinds('usedUp', 'creditsExpiring', 'billingTrouble') };
    const off = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, withoutLow);
    assert.deepEqual(off.notify, []);
    assert.deepEqual(off.memory.notified, []);
    const backOn = decideAlerts(off.memory, kinds('lowCredit'), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(backOn.notify, ['lowCredit']);
    assert.deepEqual(decideAlerts(backOn.memory, kinds('lowCredit'), FIXED_NOW + 2, EVERY_KIND).notify, []);
  });

  test('turning a kind off after it was said, then on again, does not say it again', () => {
    const said = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, EVERY_KIND).memory;
    const off = decideAlerts(said, kinds('lowCredit'), FIXED_NOW + 1, { enabledKinds: kinds() }).memory;
    assert.deepEqual(decideAlerts(off, kinds('lowCredit'), FIXED_NOW + 2, EVERY_KIND).notify, []);
  });

  test('snoozed: nothing is said for a day; a crossing during it is said after it, if still active', () => {
    const snoozed = snoozeAlerts(undefined, FIXED_NOW);
    assert.equal(snoozed.snoozedUntil, FIXED_NOW + SNOOZE_MS);
    const during = decideAlerts(restarted(snoozed), kinds('lowCredit', 'usedUp'), FIXED_NOW + SNOOZE_MS - 1, EVERY_KIND);
    assert.deepEqual(during.notify, []);
    assert.deepEqual(during.memory.notified, [], 'not remembered: it was not said');
    const after = decideAlerts(restarted(during.memory), kinds('lowCredit', 'usedUp'), FIXED_NOW + SNOOZE_MS, EVERY_KIND);
    assert.deepEqual(after.notify, ['usedUp']);
    assert.equal(after.memory.snoozedUntil, undefined, 'an ended snooze is dropped');
  });

  test('snoozed: a crossing that recovers during the snooze is never said', () => {
    const snoozed = snoozeAlerts(undefined, FIXED_NOW);
    const during = decideAlerts(snoozed, kinds('creditsExpiring'), FIXED_NOW + 1, EVERY_KIND).memory;
    const recovered = decideAlerts(during, kinds(), FIXED_NOW + 2, EVERY_KIND).memory;
    assert.deepEqual(decideAlerts(recovered, kinds(), FIXED_NOW + SNOOZE_MS + 1, EVERY_KIND).notify, []);
  });

  test('snoozed: the snooze belongs to the account it was chosen for, and a recovery during it still re-arms', () => {
    const said = decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW, EVERY_KIND).memory;
    const snoozed = snoozeAlerts(said, FIXED_NOW);
    const recovered = decideAlerts(snoozed, kinds(), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(recovered.memory.notified, []);
    assert.deepEqual(decideAlerts(recovered.memory, kinds('lowCredit'), FIXED_NOW + SNOOZE_MS + 1, EVERY_KIND).notify, ['lowCredit']);
    assert.deepEqual(decideAlerts(undefined, kinds('lowCredit'), FIXED_NOW + 1, EVERY_KIND).notify, ['lowCredit'], 'another account');
  });

  test('a stored snooze longer than a day (a clock set back, damaged data) is not obeyed', () => {
    const tooLong: AlertMemory = { ...freshAlertMemory(), snoozedUntil: FIXED_NOW + 30 * DAY_MS };
    const decision = decideAlerts(tooLong, kinds('lowCredit'), FIXED_NOW, EVERY_KIND);
    assert.deepEqual(decision.notify, ['lowCredit']);
    assert.equal(decision.memory.snoozedUntil, undefined);
  });

  test('muted: that kind is never said for the account, across restarts, while others still are', () => {
    let memory = muteAlert(undefined, 'lowCredit');
    for (let refresh = 0; refresh < 3; refresh++) {
      const active = refresh === 1 ? kinds() : kinds('lowCredit', 'billingTrouble');
      const decision = decideAlerts(restarted(memory), active, FIXED_NOW + refresh, EVERY_KIND);
      assert.ok(!decision.notify.includes('lowCredit'), `refresh ${refresh}`);
      memory = decision.memory;
    }
    assert.deepEqual(memory.muted, ['lowCredit']);
    assert.deepEqual(memory.notified, ['billingTrouble']);
  });

  test('unmuted while still active: said once at the next fresh snapshot', () => {
    const muted = decideAlerts(muteAlert(undefined, 'billingTrouble'), kinds('billingTrouble'), FIXED_NOW, EVERY_KIND).memory;
    const unmuted = decideAlerts(unmuteAlert(muted, 'billingTrouble'), kinds('billingTrouble'), FIXED_NOW + 1, EVERY_KIND);
    assert.deepEqual(unmuted.notify, ['billingTrouble']);
    assert.deepEqual(decideAlerts(unmuted.memory, kinds('billingTrouble'), FIXED_NOW + 2, EVERY_KIND).notify, []);
  });

  test('unmuteAlert() without a kind unmutes every kind; with one, only that one', () => {
    const muted = muteAlert(muteAlert(undefined, 'lowCredit'), 'usedUp');
    assert.deepEqual(muted.muted, ['usedUp', 'lowCredit']);
    assert.deepEqual(unmuteAlert(muted, 'usedUp').muted, ['lowCredit']);
    assert.deepEqual(unmuteAlert(muted).muted, []);
    assert.deepEqual(muteAlert(muted, 'usedUp').muted, ['usedUp', 'lowCredit'], 'muting twice keeps one entry');
  });
});

describe('readAlertMemory', () => {
  const damaged: readonly [string, unknown][] = [
    ['nothing', undefined],
    ['null', null],
    ['a string', 'garbage'],
    ['an array', ['lowCredit']],
    ['a newer version', { version: 2, notified: ['lowCredit'], muted: [] }],
    ['no version', { notified: ['lowCredit'], muted: [] }],
  ];
  for (const [name, stored] of damaged) {
    test(`${name} reads as fresh memory`, () => {
      assert.deepEqual(readAlertMemory(stored), freshAlertMemory());
    });
  }

  test('keeps what is sound: known kinds once each, a finite snooze', () => {
    assert.deepEqual(
      readAlertMemory({
        version: 1,
        notified: ['lowCredit', 'lowCredit', 'somethingNew', 7, 'usedUp'],
        muted: 'usedUp',
        snoozedUntil: 'soon',
      }),
      { version: 1, notified: ['usedUp', 'lowCredit'], muted: [] },
    );
    assert.deepEqual(readAlertMemory({ version: 1, notified: [], muted: ['billingTrouble'], snoozedUntil: FIXED_NOW }), {
      version: 1,
      notified: [],
      muted: ['billingTrouble'],
      snoozedUntil: FIXED_NOW,
    });
  });

  test('a snooze before 1970 (or -0, which JSON turns into 0) is no snooze', () => {
    for (const snoozedUntil of [-0, 0, -5]) {
      assert.deepEqual(readAlertMemory({ version: 1, notified: [], muted: [], snoozedUntil }), freshAlertMemory(), String(snoozedUntil));
    }
  });

  test('never throws, and always answers memory that reads back as itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ version: fc.constant(1), notified: fc.anything(), muted: fc.anything(), snoozedUntil: fc.anything() }),
        ),
        (stored) => {
          const memory = readAlertMemory(stored);
          assert.deepEqual(restarted(memory), memory);
          assert.ok(memory.notified.every((kind) => ALERT_KINDS.includes(kind)));
        },
      ),
    );
  });
});

describe('readAlertSettings', () => {
  test('every kind on and 7 days unless the settings say otherwise; odd values read as the default', () => {
    const defaults = readAlertSettings(() => undefined);
    assert.deepEqual([...defaults.enabledKinds], [...ALERT_KINDS]);
    assert.equal(defaults.expiringWithinDays, 7);
    const values: Record<string, unknown> = { 'alerts.lowCredit': false, 'alerts.usedUp': 'no', 'alerts.expiringWithinDays': 1000 };
    const configured = readAlertSettings((key) => values[key]);
    assert.deepEqual([...configured.enabledKinds], ['usedUp', 'creditsExpiring', 'billingTrouble']);
    assert.equal(configured.expiringWithinDays, 90);
    // The manifest must declare the same default and bounds (accountGlance.alerts.expiringWithinDays).
    assert.deepEqual(EXPIRING_WITHIN_DAYS, { min: 0, max: 90, fallback: 7 });
    assert.equal(readAlertSettings((key) => (key === 'alerts.expiringWithinDays' ? -3 : undefined)).expiringWithinDays, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over any run of refreshes and choices

type Step =
  | { readonly op: 'refresh'; readonly active: readonly AlertKind[]; readonly enabled: readonly AlertKind[] }
  | { readonly op: 'restart' }
  | { readonly op: 'snooze' }
  | { readonly op: 'mute' | 'unmute'; readonly kind: AlertKind };

const kindSubset = fc.subarray([...ALERT_KINDS]);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('refresh' as const), active: kindSubset, enabled: kindSubset }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'snooze' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('mute' as const, 'unmute' as const), kind: fc.constantFrom(...ALERT_KINDS) }) },
);

describe('properties', () => {
  test('whatever happens, a kind is said at most once between two recoveries', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let memory: AlertMemory | undefined;
        let now = FIXED_NOW;
        const saidSinceRecovery = new Set<AlertKind>();
        for (const current of steps) {
          now += 3 * 3_600_000;
          switch (current.op) {
            case 'restart':
              memory = memory && restarted(memory);
              break;
            case 'snooze':
              memory = snoozeAlerts(memory, now);
              break;
            case 'mute':
              memory = muteAlert(memory, current.kind);
              break;
            case 'unmute':
              memory = unmuteAlert(memory, current.kind);
              break;
            case 'refresh': {
              const active = new Set(current.active);
              const decision = decideAlerts(memory, active, now, { enabledKinds: new Set(current.enabled) });
              for (const kind of ALERT_KINDS) if (!active.has(kind)) saidSinceRecovery.delete(kind);
              for (const kind of decision.notify) {
                assert.ok(active.has(kind), `${kind} said while not active`);
                assert.ok(!saidSinceRecovery.has(kind), `${kind} said twice without a recovery`);
                saidSinceRecovery.add(kind);
              }
              memory = decision.memory;
            }
          }
        }
      }),
    );
  });

  test('with every kind on and nothing snoozed or muted, every crossing is said by the refresh that sees it (lowCredit under usedUp excepted)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ active: kindSubset, restart: fc.boolean() }), { maxLength: 40 }), (refreshes) => {
        let memory: AlertMemory | undefined;
        let previous = new Set<AlertKind>();
        for (const [index, { active: list, restart }] of refreshes.entries()) {
          const active = new Set(list);
          const { notify, memory: next } = decideAlerts(
            restart && memory ? restarted(memory) : memory,
            active,
            FIXED_NOW + index,
            EVERY_KIND,
          );
          const crossed = [...active].filter((kind) => !previous.has(kind));
          // usedUp active means it was said (now or at its own crossing): low adds nothing to it.
          const expected = crossed.filter((kind) => !(kind === 'lowCredit' && active.has('usedUp')));
          assert.deepEqual([...notify].sort(), expected.sort());
          memory = next;
          previous = active;
        }
      }),
    );
  });
});
