// The alerts' words: each kind's sentence from the values found in a snapshot, money and dates in the
// person's locale, the sentence itself from the loaded l10n bundle, severities and action titles.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { findActiveAlerts, type ActiveAlert, type AlertKind, type BillingTrouble } from '../../src/core/alerts/alertCrossings';
import type { AccountSnapshot } from '../../src/core/model';
import {
  ALERT_ACTIONS,
  alertActionTitle,
  alertSeverity,
  describeAlert,
  type AlertWordingContext,
} from '../../src/views/viewModels/alertWording';
import { FIXED_NOW } from '../support/clock';
import { leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';
import { DEC_1, NBSP } from '../support/wording';

const USD = { kind: 'money', currency: 'USD' } as const;

function context(overrides: Partial<AlertWordingContext> = {}): AlertWordingContext {
  return { serviceName: 'Leadping', locale: 'en-US', ...overrides };
}

/** The alert of that kind the snapshot shows, as the notifier finds it. */
function alertIn(snapshot: AccountSnapshot, kind: AlertKind, lowCreditThreshold = 5): ActiveAlert {
  const found = findActiveAlerts(snapshot, { lowCreditThreshold, expiringWithinDays: 10, now: FIXED_NOW }).find(
    (alert) => alert.kind === kind,
  );
  assert.ok(found, `${kind} is active`);
  return found;
}

const lowLeadping = alertIn(leadpingSnapshot({ balance: 3.2 }), 'lowCredit');
const expiringLeadping = alertIn(
  {
    ...leadpingSnapshot(),
    counters: [{ id: 'nextExpiringCredits', label: 'Expiring next', value: 5, unit: USD, headline: false, expiresAt: DEC_1 }],
  },
  'creditsExpiring',
);
const billing = (...troubles: BillingTrouble[]): ActiveAlert => ({ kind: 'billingTrouble', troubles });

after(() => l10n.config({ contents: {} }));

describe('describeAlert in English', () => {
  test('lowCredit: what is left against the person’s threshold, in the headline’s unit', () => {
    assert.equal(describeAlert(lowLeadping, context()), 'Leadping balance is low: $3.20 left (your threshold is $5.00).');
    assert.equal(
      describeAlert(alertIn(signeasySnapshot({ envelopes: 12 }), 'lowCredit', 20), context({ serviceName: 'Signeasy' })),
      'Signeasy credits are low: 12 left (your threshold is 20).',
    );
    assert.equal(
      describeAlert({ kind: 'lowCredit', value: 0, threshold: undefined, unit: USD }, context()),
      'Leadping balance is low: $0.00 left.',
    );
  });

  test('usedUp: Leadping’s balance, Signeasy’s envelopes, or plainly when the service gave no values', () => {
    assert.equal(describeAlert(alertIn(leadpingSnapshot({ balance: 0 }), 'usedUp'), context()), 'Leadping: no credit left ($0.00).');
    assert.equal(
      describeAlert(alertIn(signeasySnapshot({ envelopes: 0, grace: 0 }), 'usedUp'), context({ serviceName: 'Signeasy' })),
      'Signeasy: no envelope credits left.',
    );
    assert.equal(describeAlert({ kind: 'usedUp', params: {} }, context()), 'Leadping: no credits left.');
  });

  test('creditsExpiring: the amount and the day, read as the tree reads dates', () => {
    assert.equal(describeAlert(expiringLeadping, context()), 'Leadping: $5.00 of credits expire on Dec 1, 2026.');
    assert.equal(
      describeAlert(
        { kind: 'creditsExpiring', amount: 40, unit: { kind: 'count' }, expiresAt: DEC_1 },
        context({ serviceName: 'Signeasy' }),
      ),
      'Signeasy: 40 credits expire on Dec 1, 2026.',
    );
  });

  test('billingTrouble: one sentence per reason, all of them when there are several', () => {
    const cases: readonly [BillingTrouble, string][] = [
      [{ reason: 'subscriptionOverdue' }, 'Leadping: the subscription is overdue.'],
      [{ reason: 'subscriptionCanceled' }, 'Leadping: the subscription is canceled.'],
      [{ reason: 'subscriptionPending' }, 'Leadping: the subscription is pending, not active yet.'],
      [{ reason: 'subscriptionCancels', at: DEC_1 }, 'Leadping: the subscription cancels on Dec 1, 2026.'],
      [
        { reason: 'subscriptionExpires', at: DEC_1 },
        'Leadping: the subscription ends on Dec 1, 2026 and will not renew (auto-renew is off).',
      ],
      [{ reason: 'emailUnverified' }, 'Leadping: the email address is not verified, so API calls will not work until it is.'],
      [{ reason: 'accountNotActivated' }, 'Leadping: the account is not activated yet.'],
    ];
    for (const [trouble, sentence] of cases) assert.equal(describeAlert(billing(trouble), context()), sentence);
    assert.equal(
      describeAlert(billing({ reason: 'emailUnverified' }, { reason: 'accountNotActivated' }), context({ serviceName: 'Signeasy' })),
      'Signeasy: the email address is not verified, so API calls will not work until it is. Signeasy: the account is not activated yet.',
    );
  });
});

describe('describeAlert in German', () => {
  test('money and dates follow the locale; the sentence stays in the bundle’s language (English here, none loaded)', () => {
    const german = context({ locale: 'de-DE' });
    assert.equal(describeAlert(lowLeadping, german), `Leadping balance is low: 3,20${NBSP}$ left (your threshold is 5,00${NBSP}$).`);
    assert.equal(describeAlert(expiringLeadping, german), `Leadping: 5,00${NBSP}$ of credits expire on 01.12.2026.`);
  });

  test('with a German bundle loaded, the sentences are German, with German values', () => {
    l10n.config({
      contents: {
        '{service} balance is low: {amount} left (your threshold is {threshold}).':
          '{service}-Guthaben ist niedrig: noch {amount} (Ihre Schwelle liegt bei {threshold}).',
        '{service}: the subscription cancels on {date}.': '{service}: Das Abonnement endet am {date}.',
        'Snooze for a Day': 'Einen Tag lang nicht erinnern',
      },
    });
    try {
      const german = context({ locale: 'de-DE' });
      assert.equal(
        describeAlert(lowLeadping, german),
        `Leadping-Guthaben ist niedrig: noch 3,20${NBSP}$ (Ihre Schwelle liegt bei 5,00${NBSP}$).`,
      );
      assert.equal(
        describeAlert(billing({ reason: 'subscriptionCancels', at: DEC_1 }), german),
        'Leadping: Das Abonnement endet am 01.12.2026.',
      );
      assert.equal(alertActionTitle('snooze'), 'Einen Tag lang nicht erinnern');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});

describe('severity and actions', () => {
  test('used up is an error; every other alert a warning', () => {
    assert.equal(alertSeverity('usedUp'), 'error');
    for (const kind of ['lowCredit', 'creditsExpiring', 'billingTrouble'] as const) assert.equal(alertSeverity(kind), 'warning');
  });

  test('every notification offers the dashboard, a day’s snooze and a mute, in that order', () => {
    assert.deepEqual(ALERT_ACTIONS.map(alertActionTitle), ['Open Dashboard', 'Snooze for a Day', "Don't Warn About This"]);
  });
});

test('privacy mode: no alert carries an amount or a threshold; the date of expiring credits stays', () => {
  const privately = context({ privacyMode: true, serviceName: 'Leadping 2' });
  const sentences = [
    describeAlert(lowLeadping, privately),
    describeAlert(expiringLeadping, privately),
    describeAlert(alertIn(leadpingSnapshot({ balance: 0 }), 'usedUp'), privately),
    describeAlert(alertIn(signeasySnapshot({ envelopes: 3 }), 'lowCredit', 10), privately),
  ];
  assert.deepEqual(sentences, [
    'Leadping 2 balance is low.',
    'Leadping 2: some credits expire on Dec 1, 2026.',
    'Leadping 2: no credits left.',
    'Leadping 2 credits are low.',
  ]);
  for (const sentence of sentences) assert.doesNotMatch(sentence, /\$|\d+[.,]\d\d|\b3\b|\b10\b/);
});

test('an alert names the account: the service; its label; the holder once the service has several; in privacy mode the service and number', async () => {
  const { alertAccountName } = await import('../../src/views/viewModels/alertWording');
  const adapter = { id: 'leadping', displayName: 'Leadping' };
  const state = (accountKey: string, label?: string) => ({
    accountKey,
    serviceId: 'leadping',
    signedIn: true,
    refreshing: false,
    ...(label && { label }),
  });
  const maya = { displayName: 'Maya Okafor' };
  const one = [state('leadping')];
  const two = [state('leadping'), state('leadping~2')];
  const name = (states: typeof one, index: number, privacyMode = false) =>
    alertAccountName({ adapter, state: states[index] ?? assert.fail(), states, identity: maya, privacyMode });
  assert.equal(name(one, 0), 'Leadping');
  assert.equal(name(two, 1), 'Leadping (Maya Okafor)');
  assert.equal(name([state('leadping'), state('leadping~2', 'Client A')], 1), 'Leadping · Client A');
  assert.equal(name(two, 1, true), 'Leadping 2');
  assert.equal(name(one, 0, true), 'Leadping');
});
