// The Leadping adapter against the fake server, one test per scenario.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordSnapshot } from '../../src/core/history/creditHistory';
import { headlineForecast } from '../../src/core/history/headlineForecast';
import { buildLeadpingSnapshot, LEADPING_PATHS, leadpingAdapter } from '../../src/core/services/leadping';
import type { ServiceHttp } from '../../src/core/services/serviceAdapter';
import {
  LEADPING_2026_CREDITS_EXPIRE_IN_MS,
  LEADPING_2026_PERIOD_STARTED_MS_AGO,
  LEADPING_2026_RENEWS_IN_MS,
  leadpingOrganization,
  leadpingUsageSummary,
  leadpingUser,
  leadpingWallet,
} from '../fake-server';
import { FIXED_NOW } from '../support/clock';
import { adapterSuite, counterValue, errorOf, LEADPING_FETCH_PATHS, problemIds, requestedPaths, snapshotOf, withHarness } from './harness';
import type { AccountSnapshot, PeriodUsage } from '../../src/core/model';
import { describeError } from '../../src/views/viewModels/errorWording';

/** The fake's dates sit relative to its own clock: within a minute of ours. */
function assertNear(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 60_000, `${actual} ≈ ${expected}`);
}

describe('Leadping adapter', () => {
  const { harness, token, fetchScenario, sentence } = adapterSuite('leadping', leadpingAdapter);

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
    assertNear(expiring?.expiresAt, snapshot.fetchedAt + LEADPING_2026_CREDITS_EXPIRE_IN_MS);
    assert.equal(counterValue(result, 'autoRefillAmount'), 20);
    assert.equal(counterValue(result, 'autoRefillTrigger'), 5);
    assert.equal(snapshot.identity.organization, 'Acme Leads LLC');
    assertNear(snapshot.plan.renewsAt, snapshot.fetchedAt + LEADPING_2026_RENEWS_IN_MS);
    assert.deepEqual(snapshot.plan.autoRefill, { enabled: true, amount: 20, trigger: 5, currency: 'USD' });
  });

  test('the four endpoints are asked for at once', async () => {
    // With 150 ms of latency on every answer, four sequential requests would take 600 ms or more.
    await withHarness({ server: { latencyMs: 150 } }, async (slowHarness) => {
      const started = Date.now();
      snapshotOf(await slowHarness.fetch(leadpingAdapter, token('2026-shape-with-wallet')));
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 400, `took ${elapsed} ms`);
      assert.deepEqual(requestedPaths(slowHarness), LEADPING_FETCH_PATHS);
    });
  });

  test('all four requests are in flight together: no answer comes until the last one was asked', async () => {
    const bodies: Readonly<Record<string, unknown>> = {
      [LEADPING_PATHS.user]: leadpingUser(),
      [LEADPING_PATHS.wallet]: leadpingWallet(),
      [LEADPING_PATHS.organization]: leadpingOrganization(),
      [LEADPING_PATHS.usageSummary]: leadpingUsageSummary(),
    };
    const asked: string[] = [];
    let answerAll = () => {};
    const allAsked = new Promise<void>((resolve) => (answerAll = resolve));
    const http: ServiceHttp = {
      getJson: async (path) => {
        asked.push(path);
        if (asked.length === Object.keys(bodies).length) answerAll();
        await allAsked;
        return { ok: true, status: 200, body: bodies[path] };
      },
    };
    // An adapter that waited for one answer before asking the next would wait here forever.
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'gave up'>((resolve) => (timer = setTimeout(resolve, 2_000, 'gave up')));
    const result = await Promise.race([leadpingAdapter.fetchSnapshot(http, FIXED_NOW), gaveUp]).finally(() => clearTimeout(timer));
    if (result === 'gave up') assert.fail(`only ${asked.join(', ')} were asked before the adapter waited for an answer`);
    assert.deepEqual([...asked].sort(), Object.keys(bodies).sort());
    assert.equal(snapshotOf(result).periodUsage?.total.amount, 41.25);
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

  describe('this billing period, from /usage/summary/my', () => {
    /** The snapshot `scenario` gives, and the status the fake answered its usage summary with. */
    async function fetchWithUsage(scenario: string): Promise<{ snapshot: AccountSnapshot; summaryStatus: number | undefined }> {
      const before = harness.server.requests.length;
      const snapshot = snapshotOf(await fetchScenario(scenario));
      const summary = harness.server.requests.slice(before).find((request) => request.path === LEADPING_PATHS.usageSummary);
      return { snapshot, summaryStatus: summary?.status };
    }

    test('normal: the total, and one line per channel: its lines summed, a failed one (never charged) left out', async () => {
      const { snapshot, summaryStatus } = await fetchWithUsage('usage-normal');
      assert.equal(summaryStatus, 200);
      const { periodStart, periodEnd, ...spend } = snapshot.periodUsage ?? assert.fail('no periodUsage');
      assertNear(periodStart, snapshot.fetchedAt - LEADPING_2026_PERIOD_STARTED_MS_AGO);
      assertNear(periodEnd, snapshot.fetchedAt + LEADPING_2026_RENEWS_IN_MS);
      assert.deepEqual(spend, {
        total: { amount: 41.25, currency: 'USD' },
        lines: [
          { id: 'sms', label: 'sms', amount: 36, quantity: 1200 },
          { id: 'voice', label: 'voice', amount: 4.25, quantity: 85 },
          { id: 'email', label: 'email', amount: 1, quantity: 500 },
        ],
      } satisfies Omit<PeriodUsage, 'periodStart' | 'periodEnd'>);
      assert.deepEqual(snapshot.problems, []);
      assert.deepEqual(
        (await fetchWithUsage('2026-shape-with-wallet')).snapshot.periodUsage?.lines,
        spend.lines,
        'the default account has it too',
      );
    });

    test(`the first refresh already forecasts from the period's spend: $41.25 in 6 days, with auto-refill on`, async () => {
      const { snapshot } = await fetchWithUsage('usage-normal');
      const forecast = headlineForecast(snapshot, recordSnapshot(undefined, snapshot), snapshot.fetchedAt)?.forecast;
      if (forecast?.kind !== 'refills') assert.fail(`expected a refill forecast, got ${JSON.stringify(forecast)}`);
      assert.equal(forecast.source, 'billingPeriod');
      assert.ok(Math.abs(forecast.perDay - 41.25 / 6) < 0.01, `${forecast.perDay} a day`);
    });

    test('an empty period: $0 and no lines (known to be nothing, not unknown)', async () => {
      const { snapshot } = await fetchWithUsage('usage-empty-period');
      assert.deepEqual(snapshot.periodUsage?.total, { amount: 0, currency: 'USD' });
      assert.deepEqual(snapshot.periodUsage?.lines, []);
      assertNear(snapshot.periodUsage?.periodStart, snapshot.fetchedAt - LEADPING_2026_PERIOD_STARTED_MS_AGO);
    });

    const unavailable: readonly (readonly [scenario: string, summaryStatus: number, balance: number])[] = [
      ['usage-403', 403, 18.75],
      ['usage-404', 404, 18.75],
      ['usage-malformed', 200, 18.75],
      ['usage-html', 200, 18.75],
      ['seed-shape', 404, 42.5],
    ];
    for (const [scenario, status, balance] of unavailable) {
      test(`${scenario}: not available for this key: the account loads as ever, without the period's spend, and no problem is raised`, async () => {
        const { snapshot, summaryStatus } = await fetchWithUsage(scenario);
        assert.equal(summaryStatus, status, 'the summary was asked for');
        assert.equal('periodUsage' in snapshot, false);
        assert.equal(snapshot.counters.find((counter) => counter.id === 'balance')?.value, balance);
        assert.equal(snapshot.identity.displayName, 'Jordan Avery');
        assert.deepEqual(snapshot.problems, []);
      });
    }

    test('numbers as strings are read as numbers', async () => {
      const { snapshot } = await fetchWithUsage('numbers-as-strings');
      assert.deepEqual(snapshot.periodUsage?.total, { amount: 41.25, currency: 'USD' });
      assert.deepEqual(snapshot.periodUsage?.lines, [{ id: 'sms', label: 'sms', amount: 36, quantity: 1200 }]);
    });

    test('missing and null fields: no dates, lines without a channel or an amount skipped, the total from the lines left', async () => {
      const { snapshot } = await fetchWithUsage('missing-and-null-fields');
      assert.deepEqual(snapshot.periodUsage, {
        total: { amount: 1.5, currency: 'USD' },
        lines: [{ id: 'sms', label: 'sms', amount: 1.5 }],
      });
    });

    test(`a channel billed in two units keeps its amount but no quantity; the money is in the wallet's currency`, () => {
      const summary = leadpingUsageSummary({
        customerChargeTotal: 3,
        lines: [
          { channel: 'voice', billableUnit: 'voice_minute', status: 'charged', quantity: 20, customerChargeAmount: 1 },
          { channel: 'voice', billableUnit: 'warmup_voice_minute', status: 'rated', quantity: 10, customerChargeAmount: 2 },
        ],
      });
      const snapshot = buildLeadpingSnapshot(leadpingUser(), leadpingWallet({ currency: 'eur' }), undefined, FIXED_NOW, summary);
      assert.deepEqual(snapshot.periodUsage?.lines, [{ id: 'voice', label: 'voice', amount: 3 }]);
      assert.deepEqual(snapshot.periodUsage?.total, { amount: 3, currency: 'EUR' });
    });
  });
});
