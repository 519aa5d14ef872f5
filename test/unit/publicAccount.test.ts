// The accounts other extensions and the chat tool read: only what the API types promise, copied
// and frozen, the right status for each state, and the forecast in the API's own shape.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountGlanceAccount } from '../../src/api/accountGlanceApi';
import type { HeadlineForecast } from '../../src/core/history/headlineForecast';
import type { CreditCounter } from '../../src/core/model';
import type { AccountState } from '../../src/core/refresh/accountState';
import { accountsAskedFor, privateAccount, publicAccount } from '../../src/api/publicAccount';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const DAY_MS = 86_400_000;
const leadping = inertAdapter('leadping', 'Leadping', 'LP');
const signeasy = inertAdapter('signeasy', 'Signeasy', 'SE');

const state = (serviceId: string, more: Partial<AccountState> = {}): AccountState => ({
  accountKey: serviceId,
  serviceId,
  signedIn: true,
  refreshing: false,
  ...more,
});

describe('publicAccount', () => {
  test('a signed-out service is no account', () => {
    assert.equal(
      publicAccount({ adapter: leadping, state: { accountKey: 'leadping', serviceId: 'leadping', signedIn: false, refreshing: false } }),
      undefined,
    );
  });

  test('signed in, no data yet: loading, with no profile and no counters', () => {
    assert.deepEqual(publicAccount({ adapter: leadping, state: state('leadping', { refreshing: true }) }), {
      accountId: 'leadping',
      service: { id: 'leadping', name: 'Leadping' },
      status: 'loading',
      counters: [],
      problems: [],
    });
  });

  test('fresh data: exactly the promised fields, nothing else of the snapshot (no phone, no lists, no problem params)', () => {
    const snapshot = leadpingSnapshot({
      balance: 0,
      identity: { displayName: 'Dana', email: 'dana@example.com', phone: '+15550100', id: 'usr_1' },
      lists: [{ id: 'numbers', label: 'Numbers', items: [{ label: '+15550101' }] }],
    });
    const account = publicAccount({ adapter: leadping, state: state('leadping', { snapshot }) });
    assert.deepEqual(account, {
      accountId: 'leadping',
      service: { id: 'leadping', name: 'Leadping' },
      status: 'fresh',
      profile: { name: 'Dana', email: 'dana@example.com', id: 'usr_1' },
      plan: { name: 'Monthly', status: 'Active' },
      fetchedAt: snapshot.fetchedAt,
      counters: [{ id: 'balance', label: 'Balance', value: 0, unit: { kind: 'money', currency: 'USD' }, headline: true }],
      problems: [{ id: 'creditsExhausted', severity: 'error' }],
    });
    assert.doesNotMatch(JSON.stringify(account), /\+1555/);
  });

  test('the result is frozen all the way down and shares nothing with the extension’s state', () => {
    const snapshot = signeasySnapshot();
    const account = publicAccount({ adapter: signeasy, state: state('signeasy', { snapshot }) }) as AccountGlanceAccount;
    assert.ok(Object.isFrozen(account) && Object.isFrozen(account.counters) && Object.isFrozen(account.counters[0]?.unit));
    assert.throws(() => {
      (account.counters[0] as { value: number | undefined }).value = 0;
    }, TypeError);
    assert.notEqual(account.counters[0]?.unit, snapshot.counters[0]?.unit);
    assert.equal(snapshot.counters[0]?.value, 1760);
  });

  test('data kept after a failed refresh, or from the last session, is stale; the failure is said by kind only', () => {
    const snapshot = signeasySnapshot();
    const failed = publicAccount({
      adapter: signeasy,
      state: state('signeasy', { snapshot, error: { kind: 'server', status: 503 } as never, failedAt: FIXED_NOW }),
    });
    assert.equal(failed?.status, 'stale');
    assert.deepEqual(failed?.error, { kind: 'server' });
    assert.equal(publicAccount({ adapter: signeasy, state: state('signeasy', { snapshot, fromCache: true }) })?.status, 'stale');
    const nothing = publicAccount({ adapter: signeasy, state: state('signeasy', { error: { kind: 'unauthorized' } as never }) });
    assert.equal(nothing?.status, 'error');
  });

  test('the forecast in the API’s shape: runs out at a moment, at a pace per day', () => {
    const snapshot = leadpingSnapshot({ balance: 10 });
    const forecast: HeadlineForecast = {
      counter: snapshot.counters[0] as CreditCounter,
      points: [],
      refills: [],
      forecast: { kind: 'runsOut', perDay: 2.5, source: 'localHistory', runsOutAt: FIXED_NOW + 4 * DAY_MS, lastsUntilRenewal: false },
    };
    const account = publicAccount({ adapter: leadping, state: state('leadping', { snapshot }), forecast });
    assert.deepEqual(account?.forecast, { counterId: 'balance', kind: 'runsOut', perDay: 2.5, runsOutAt: FIXED_NOW + 4 * DAY_MS });
    const refills = publicAccount({
      adapter: leadping,
      state: state('leadping', { snapshot }),
      forecast: {
        ...forecast,
        forecast: { kind: 'refills', perDay: 2.5, source: 'localHistory', nextRefillAt: FIXED_NOW, refillAmount: 50 },
      },
    });
    assert.deepEqual(refills?.forecast, { counterId: 'balance', kind: 'refills', perDay: 2.5, nextRefillAt: FIXED_NOW });
  });
});

describe('accountsAskedFor', () => {
  const accounts = [leadping, signeasy].map((adapter) => publicAccount({ adapter, state: state(adapter.id) }) as AccountGlanceAccount);
  const ids = (question: unknown) => accountsAskedFor(accounts, question as never).map((account) => account.accountId);

  test('by service id or name, in any case; every account when none is named', () => {
    assert.deepEqual(ids({ service: 'signeasy' }), ['signeasy']);
    assert.deepEqual(ids({ service: ' LEADPING ' }), ['leadping']);
    assert.deepEqual(ids({}), ['leadping', 'signeasy']);
    assert.deepEqual(ids(undefined), ['leadping', 'signeasy']);
  });

  test('whatever a model sends that is not a name: every account for blanks and non-strings, none for an unknown name', () => {
    assert.deepEqual(ids({ service: '' }), ['leadping', 'signeasy']);
    assert.deepEqual(ids({ service: 42 }), ['leadping', 'signeasy']);
    assert.deepEqual(ids({ service: 'Stripe' }), []);
  });
});

test('privateAccount: what privacy mode lets a model see has no name, email, label, plan or amount', () => {
  const snapshot = leadpingSnapshot({ balance: 3.2 });
  const account = publicAccount({ adapter: leadping, state: state('leadping', { snapshot, label: 'Client A' }) });
  assert.ok(account);
  const shared = JSON.stringify(privateAccount(account));
  for (const secret of ['Client A', snapshot.identity.displayName, snapshot.identity.email, '3.2', snapshot.plan.name]) {
    if (secret) assert.ok(!shared.includes(secret), `${secret} withheld`);
  }
  assert.match(shared, /"status":"fresh"/);
  assert.match(shared, /"service":\{"id":"leadping","name":"Leadping"\}/);
});
