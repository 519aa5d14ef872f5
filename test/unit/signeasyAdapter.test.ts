// The Signeasy adapter against the fake server, one test per scenario.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { adapterSuite, errorOf, problemIds, snapshotOf } from './harness';
import { describeError } from '../../src/views/viewModels/errorWording';

describe('Signeasy adapter', () => {
  const { fetchScenario, sentence } = adapterSuite('signeasy', signeasyAdapter);

  test('describes itself as the UI expects', () => {
    assert.deepEqual(
      [
        signeasyAdapter.id,
        signeasyAdapter.displayName,
        signeasyAdapter.shortMark,
        signeasyAdapter.defaultBaseUrl,
        signeasyAdapter.dashboardUrl,
        signeasyAdapter.tokenHelpUrl,
      ],
      ['signeasy', 'Signeasy', 'SE', 'https://api.signeasy.com', 'https://app.signeasy.com', 'https://signeasy.com/developers'],
    );
  });

  test('the documented example user: every counter, Basic plan, no problems', async () => {
    const snapshot = snapshotOf(await fetchScenario('normal'));
    assert.deepEqual(
      snapshot.counters.map((counter) => [counter.id, counter.value, counter.headline]),
      [
        ['envelopesAvailable', 1760, true],
        ['envelopesUsed', 40, false],
        ['graceEnvelopesAvailable', 180, false],
        ['graceEnvelopesUsed', 0, false],
        ['documentCredits', 0, false],
        ['signedFiles', 16, false],
        ['importedFiles', 72, false],
      ],
    );
    assert.equal(snapshot.counters[0]?.unit.kind, 'count');
    assert.deepEqual(snapshot.identity, {
      displayName: 'John Doe',
      email: 'john@example.com',
      id: '699829',
      organization: 'ACME Corp.',
      createdAt: 1391545509 * 1000,
    });
    assert.deepEqual(snapshot.plan, {
      name: 'Basic',
      subscriptionStatus: undefined,
      paid: false,
      autoRenew: false,
      renewsAt: undefined,
      expiresAt: undefined,
    });
    assert.deepEqual(snapshot.problems, []);
  });

  test('a paid auto-renewing plan renews at subscription_expiry_time (seconds → ms)', async () => {
    const snapshot = snapshotOf(await fetchScenario('paid'));
    assert.equal(snapshot.plan.name, 'Plus');
    assert.equal(snapshot.plan.paid, true);
    assert.equal(snapshot.plan.autoRenew, true);
    assert.equal(snapshot.plan.subscriptionStatus, 'active');
    const renewsAt = snapshot.plan.renewsAt ?? 0;
    assert.ok(renewsAt > Date.now() + 89 * 86_400_000 && renewsAt % 1000 === 0, String(renewsAt));
    assert.equal(snapshot.plan.expiresAt, undefined);
  });

  test('unverified email: an error saying API calls will not work', async () => {
    const result = await fetchScenario('unverified-email');
    assert.deepEqual(problemIds(result), ['emailUnverified']);
    const problem = snapshotOf(result).problems[0];
    assert.equal(problem?.severity, 'error');
    assert.match(sentence(problem), /Signeasy API calls will not work/);
  });

  test('not activated', async () => {
    assert.deepEqual(problemIds(await fetchScenario('not-activated')), ['accountNotActivated']);
  });

  test('grace credits in use: a warning with how many are left', async () => {
    const result = await fetchScenario('grace-in-use');
    assert.deepEqual(problemIds(result), ['graceCreditsInUse']);
    assert.equal(snapshotOf(result).problems[0]?.severity, 'warning');
    assert.deepEqual(snapshotOf(result).problems[0]?.params, { graceEnvelopesLeft: 150 });
    assert.match(sentence(snapshotOf(result).problems[0]), /150 grace envelopes left/);
  });

  test('envelope and grace credits both used up: a loud error naming the 422', async () => {
    const result = await fetchScenario('exhausted');
    assert.deepEqual(problemIds(result), ['creditsExhausted']);
    const problem = snapshotOf(result).problems[0];
    assert.equal(problem?.severity, 'error');
    assert.match(sentence(problem), /requests that spend credits will fail \(422\)/);
  });

  test('low: the headline counter carries the low number (the threshold is the UI setting)', async () => {
    const snapshot = snapshotOf(await fetchScenario('low'));
    assert.equal(snapshot.counters.find((counter) => counter.headline)?.value, 7);
    assert.deepEqual(snapshot.problems, []);
  });

  test('account types: known names and "Plan N" for unknown numbers', async () => {
    assert.equal(snapshotOf(await fetchScenario('unknown-plan')).plan.name, 'Plan 9');
    assert.equal(snapshotOf(await fetchScenario('demo')).plan.name, 'Plus');
  });

  test('numbers as strings', async () => {
    const snapshot = snapshotOf(await fetchScenario('numbers-as-strings'));
    assert.equal(snapshot.counters[0]?.value, 1760);
    assert.equal(snapshot.plan.name, 'Standard');
    assert.equal(snapshot.plan.paid, true);
    assert.equal(snapshot.plan.expiresAt, 1767225600 * 1000);
  });

  test('missing and null fields: undefined values, every counter still listed', async () => {
    const snapshot = snapshotOf(await fetchScenario('missing-and-null-fields'));
    assert.equal(snapshot.counters.length, 7);
    assert.ok(snapshot.counters.every((counter) => counter.value === undefined));
    assert.equal(snapshot.identity.displayName, undefined);
    assert.equal(snapshot.plan.name, undefined);
    assert.deepEqual(snapshot.problems, []);
  });

  test('demo: believable names and 1,760 envelopes', async () => {
    const snapshot = snapshotOf(await fetchScenario('demo'));
    assert.equal(snapshot.identity.displayName, 'Priya Raman');
    assert.equal(snapshot.identity.organization, 'Northwind Legal');
    assert.equal(snapshot.counters[0]?.value, 1760);
  });

  test('401 mentions a missing scope as a possible cause', async () => {
    const error = errorOf(await fetchScenario('401'));
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.hint, 'scopeMayBeMissing');
    assert.match(describeError(error, signeasyAdapter.displayName), /token was rejected or has expired/);
    assert.match(describeError(error, signeasyAdapter.displayName), /missing scope/);
  });

  test('429 without Retry-After: wait a minute, as Signeasy documents', async () => {
    const error = errorOf(await fetchScenario('429-without-retry-after'));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 60_000);
    assert.match(describeError(error, signeasyAdapter.displayName), /Signeasy asks to retry after a minute\./);
  });

  test("429 with Retry-After keeps the server's number", async () => {
    assert.equal(errorOf(await fetchScenario('429-retry-after')).retryAfterMs, 30_000);
  });
});
