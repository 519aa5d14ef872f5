// The Leadping adapter against the fake server, one test per scenario.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { LEADPING_2026_CREDITS_EXPIRE_IN_MS, LEADPING_2026_RENEWS_IN_MS, scenarioToken } from '../fake-server';
import { counterValue, errorOf, type Harness, problemIds, snapshotOf, startHarness } from './harness';
import type { AccountProblem } from '../../src/core/model';
import { describeError } from '../../src/views/viewModels/errorWording';
import { describeProblem } from '../../src/views/viewModels/snapshotWording';

/** A problem as a person reads it, in en-US. */
const sentence = (problem: AccountProblem | undefined) =>
  problem ? describeProblem(problem, { serviceName: leadpingAdapter.displayName, locale: 'en-US' }) : '';

const token = (scenario: string) => scenarioToken('leadping', scenario);

describe('Leadping adapter', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());
  const fetchScenario = (scenario: string) => harness.fetch(leadpingAdapter, token(scenario));

  test('describes itself as the UI expects', () => {
    assert.equal(leadpingAdapter.id, 'leadping');
    assert.equal(leadpingAdapter.displayName, 'Leadping');
    assert.equal(leadpingAdapter.shortMark, 'LP');
    assert.equal(leadpingAdapter.defaultBaseUrl, 'https://api.leadping.ai');
    assert.equal(leadpingAdapter.dashboardUrl, 'https://leadping.ai');
    assert.equal(leadpingAdapter.tokenHelpUrl, 'https://leadping.ai/api-keys');
  });

  test('seed shape: balance, auto-refill and business from /users/me when the 2026 endpoints 404', async () => {
    const result = await fetchScenario('seed-shape');
    const snapshot = snapshotOf(result);
    assert.equal(snapshot.serviceId, 'leadping');
    assert.equal(counterValue(result, 'balance'), 42.5);
    assert.equal(counterValue(result, 'autoRefillAmount'), 25);
    assert.equal(counterValue(result, 'autoRefillTrigger'), 10);
    assert.equal(
      snapshot.counters.find((counter) => counter.id === 'nextExpiringCredits'),
      undefined,
    );
    assert.deepEqual(snapshot.counters[0]?.unit, { kind: 'money', currency: 'USD' });
    assert.equal(
      snapshot.counters
        .filter((counter) => counter.headline)
        .map((counter) => counter.id)
        .join(),
      'balance',
    );
    assert.deepEqual(snapshot.identity, {
      displayName: 'Jordan Avery',
      email: 'jordan@acmeleads.example',
      id: 'usr_7Hq2Kd9',
      organization: 'Acme Leads LLC',
      phone: '+15555550142',
      createdAt: Date.parse('2023-11-07T05:31:56Z'),
    });
    assert.equal(snapshot.plan.name, 'Monthly');
    assert.equal(snapshot.plan.subscriptionStatus, 'Active');
    assert.deepEqual(snapshot.plan.autoRefill, { enabled: true, amount: 25, trigger: 10, currency: 'USD' });
    assert.deepEqual(snapshot.problems, []);
    assert.deepEqual(
      snapshot.lists.map((list) => [list.id, list.items.length]),
      [
        ['identities', 1],
        ['trustedFormCertificates', 1],
      ],
    );
    const certificate = snapshot.lists[1]?.items[0];
    assert.equal(certificate?.label, 'https://cert.trustedform.com/5f1a9e');
    assert.equal(certificate?.description, 'web form · 2024-02-01');
  });

  test('2026 shape: balance, currency and next expiring credits from the wallet; auto-refill from the organization', async () => {
    const result = await fetchScenario('2026-shape-with-wallet');
    const snapshot = snapshotOf(result);
    assert.equal(counterValue(result, 'balance'), 18.75);
    const expiring = snapshot.counters.find((counter) => counter.id === 'nextExpiringCredits');
    assert.equal(expiring?.value, 5);
    const near = (actual: number | undefined, expected: number) =>
      assert.ok(actual !== undefined && Math.abs(actual - expected) < 60_000, `${actual} ≈ ${expected}`);
    near(expiring?.expiresAt, snapshot.fetchedAt + LEADPING_2026_CREDITS_EXPIRE_IN_MS);
    assert.equal(counterValue(result, 'autoRefillAmount'), 20);
    assert.equal(counterValue(result, 'autoRefillTrigger'), 5);
    assert.equal(snapshot.identity.organization, 'Acme Leads LLC');
    near(snapshot.plan.renewsAt, snapshot.fetchedAt + LEADPING_2026_RENEWS_IN_MS);
    assert.deepEqual(snapshot.plan.autoRefill, { enabled: true, amount: 20, trigger: 5, currency: 'USD' });
  });

  test('the three endpoints are asked for at once', async () => {
    // With 150 ms of latency on every answer, three sequential requests would take 450 ms or more.
    const slowHarness = await startHarness({ latencyMs: 150 });
    try {
      const started = Date.now();
      snapshotOf(await slowHarness.fetch(leadpingAdapter, token('2026-shape-with-wallet')));
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 400, `took ${elapsed} ms`);
      assert.deepEqual(slowHarness.server.requests.map((request) => request.path).sort(), [
        '/organizations/me',
        '/users/me',
        '/wallets/me',
      ]);
    } finally {
      await slowHarness.close();
    }
  });

  test('wallet 404: balance falls back to /organizations/me', async () => {
    const result = await fetchScenario('wallet-404-falls-back-to-organizations');
    assert.equal(counterValue(result, 'balance'), 27.4);
    assert.equal(
      snapshotOf(result).counters.some((counter) => counter.id === 'nextExpiringCredits'),
      false,
    );
  });

  test('numbers as strings are read as numbers', async () => {
    const result = await fetchScenario('numbers-as-strings');
    assert.equal(counterValue(result, 'balance'), 12.5);
    assert.equal(counterValue(result, 'nextExpiringCredits'), 2.5);
    assert.equal(counterValue(result, 'autoRefillAmount'), 20);
    assert.equal(counterValue(result, 'autoRefillTrigger'), 5);
  });

  test('missing and null fields: undefined values, the balance counter still there, no problems', async () => {
    const result = await fetchScenario('missing-and-null-fields');
    const snapshot = snapshotOf(result);
    assert.deepEqual(
      snapshot.counters.map((counter) => [counter.id, counter.value]),
      [['balance', undefined]],
    );
    assert.equal(snapshot.identity.displayName, undefined);
    assert.equal(snapshot.identity.email, undefined);
    assert.equal(snapshot.identity.organization, undefined);
    assert.equal(snapshot.identity.createdAt, undefined);
    assert.equal(snapshot.plan.name, undefined);
    assert.equal(snapshot.plan.autoRefill, undefined);
    assert.deepEqual(snapshot.problems, []);
    assert.deepEqual(snapshot.lists, []);
  });

  test('unknown enum values are shown as sent and raise no problem', async () => {
    const result = await fetchScenario('unknown-enum-values');
    const snapshot = snapshotOf(result);
    assert.equal(snapshot.plan.name, 'Quarterly');
    assert.equal(snapshot.plan.subscriptionStatus, 'Suspended');
    assert.equal(counterValue(result, 'balance'), 18.75);
    assert.deepEqual(snapshot.problems, []);
  });

  test('extra keys are ignored', async () => {
    const result = await fetchScenario('extra-keys');
    assert.equal(counterValue(result, 'balance'), 18.75);
    assert.equal(snapshotOf(result).identity.organization, 'Acme Leads LLC');
  });

  test('low credit with auto-refill off: a warning naming both amounts', async () => {
    const result = await fetchScenario('low-credit');
    assert.equal(counterValue(result, 'balance'), 3.2);
    const problem = snapshotOf(result).problems.find((candidate) => candidate.id === 'belowRefillTrigger');
    assert.equal(problem?.severity, 'warning');
    assert.deepEqual(problem?.params, { balance: { amount: 3.2, currency: 'USD' }, refillTrigger: { amount: 5, currency: 'USD' } });
    assert.match(sentence(problem), /\$3\.20.*\$5\.00.*auto-refill is off/);
  });

  test('zero credit: an error', async () => {
    const result = await fetchScenario('zero-credit');
    assert.equal(counterValue(result, 'balance'), 0);
    assert.deepEqual(problemIds(result), ['creditsExhausted']);
    assert.equal(snapshotOf(result).problems[0]?.severity, 'error');
  });

  test('subscription states: Overdue, Canceled, Cancelled, Pending', async () => {
    assert.deepEqual(problemIds(await fetchScenario('overdue')), ['subscriptionOverdue']);
    assert.deepEqual(problemIds(await fetchScenario('canceled')), ['subscriptionCanceled']);
    assert.deepEqual(problemIds(await fetchScenario('cancelled')), ['subscriptionCanceled']);
    const pending = await fetchScenario('pending');
    assert.deepEqual(problemIds(pending), ['subscriptionPending']);
    assert.equal(snapshotOf(pending).problems[0]?.severity, 'warning');
  });

  test('a cancellation in the future: "Subscription cancels on <date>"', async () => {
    const started = Date.now();
    const result = await fetchScenario('cancels-soon');
    const snapshot = snapshotOf(result);
    const cancelsAt = snapshot.plan.cancelsAt ?? 0;
    assert.ok(cancelsAt > started + 19 * 86_400_000 && cancelsAt < started + 21 * 86_400_000);
    const problem = snapshot.problems.find((candidate) => candidate.id === 'subscriptionCancels');
    assert.deepEqual(problem?.params, { cancelsAt });
    // The date reads as the person's locale writes dates.
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(cancelsAt));
    assert.equal(sentence(problem), `Subscription cancels on ${date}.`);
  });

  test('demo: believable names, a low balance under the trigger, expiring credits', async () => {
    const result = await fetchScenario('demo');
    const snapshot = snapshotOf(result);
    assert.equal(snapshot.identity.displayName, 'Maya Okafor');
    assert.equal(snapshot.identity.organization, 'Harbor Lane Realty');
    assert.equal(counterValue(result, 'balance'), 3.2);
    assert.equal(counterValue(result, 'nextExpiringCredits'), 1.2);
    assert.deepEqual(problemIds(result), ['belowRefillTrigger']);
    assert.deepEqual(
      snapshot.lists.map((list) => [list.id, list.items.length]),
      [
        ['identities', 2],
        ['trustedFormCertificates', 2],
      ],
    );
  });

  test('a 401 on /users/me fails the whole fetch with that error', async () => {
    const error = errorOf(await fetchScenario('401'));
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.match(describeError(error, leadpingAdapter.displayName), /token was rejected or has expired/);
  });
});
