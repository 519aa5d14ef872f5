import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountRefresher, type AccountRefresherOptions } from '../../src/core/refresh/accountRefresher';
import type { AccountConnection } from '../../src/core/http/accountFetcher';
import { accountStatus } from '../../src/core/refresh/accountState';
import type { FetchResult } from '../../src/core/model';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { leadpingSnapshot, inertAdapter } from '../support/snapshotBuilder';
import { connectionTo } from '../support/connection';

const leadping = inertAdapter('leadping', 'Leadping', 'LP');

/** A fetcher whose answers the test releases by hand. */
function controlledFetcher() {
  const calls: { connection: AccountConnection; resolve: (result: FetchResult) => void }[] = [];
  return {
    calls,
    fetch: (_adapter: ServiceAdapter, connection: AccountConnection) =>
      new Promise<FetchResult>((resolve) => calls.push({ connection, resolve })),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A refresher over a controlled fetcher, on a clock the test moves by setting `clock.now`.
 * `refreshAnswering(result, ...args)` runs `refresher.refresh(...args)`, checks that it sent one request,
 * answers that request with `result`, and waits for the refresh to finish.
 */
function makeRefresher(token: () => string | undefined = () => 'tok', onSnapshot?: AccountRefresherOptions['onSnapshot']) {
  const fetcher = controlledFetcher();
  const clock = { now: 1_000 };
  const refresher = new AccountRefresher({
    adapters: [leadping],
    fetcher,
    connectionFor: async () => {
      const value = token();
      return value ? connectionTo('http://127.0.0.1:1', value) : undefined;
    },
    // 429: what the service said, else 2^attempt s; passing faults: 5 s; a rejected token: wait for a person.
    retryDelayMs: (error, attempt) =>
      error.kind === 'rateLimited' ? (error.retryAfterMs ?? 1000 * 2 ** attempt) : error.kind === 'unauthorized' ? undefined : 5_000,
    now: () => clock.now,
    onSnapshot,
  });
  const refreshAnswering = async (result: FetchResult, ...args: Parameters<AccountRefresher['refresh']>) => {
    const sent = fetcher.calls.length;
    const run = refresher.refresh(...args);
    await tick();
    assert.equal(fetcher.calls.length, sent + 1, 'the refresh sent one request');
    fetcher.calls[sent]?.resolve(result);
    await run;
  };
  return { refresher, fetcher, clock, refreshAnswering };
}

test('a burst of refreshes shares one fetch', async () => {
  const { refresher, fetcher } = makeRefresher();
  const all = Promise.all(Array.from({ length: 100 }, () => refresher.refresh()));
  await tick();
  assert.equal(fetcher.calls.length, 1);
  fetcher.calls[0]?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await all;
  assert.equal(accountStatus(refresher.state('leadping')), 'fresh');
});

test('a failure keeps the last good snapshot and marks it stale; success clears the error', async () => {
  const { refresher, refreshAnswering } = makeRefresher();
  await refreshAnswering({ ok: true, snapshot: leadpingSnapshot() });
  await refreshAnswering({ ok: false, error: { kind: 'server', status: 500 } });
  const stale = refresher.state('leadping');
  assert.equal(accountStatus(stale), 'stale');
  assert.equal(stale.snapshot?.counters[0]?.value, 1234.5);
  await refreshAnswering({ ok: true, snapshot: leadpingSnapshot({ balance: 99 }) });
  assert.equal(refresher.state('leadping').error, undefined);
  assert.equal(refresher.state('leadping').snapshot?.counters[0]?.value, 99);
});

test('no token: signed out, no request', async () => {
  const { refresher, fetcher } = makeRefresher(() => undefined);
  await refresher.refresh();
  assert.equal(fetcher.calls.length, 0);
  assert.equal(accountStatus(refresher.state('leadping')), 'signedOut');
});

test('cached snapshots show at once, stale until confirmed', async () => {
  const { refresher, refreshAnswering } = makeRefresher();
  refresher.restoreCached([['leadping', leadpingSnapshot()]]);
  assert.equal(accountStatus(refresher.state('leadping')), 'stale');
  await refreshAnswering({ ok: true, snapshot: leadpingSnapshot() });
  assert.equal(accountStatus(refresher.state('leadping')), 'fresh');
});

test('an answer for a replaced token is thrown away', async () => {
  let token = 'old';
  const { refresher, fetcher } = makeRefresher(() => token);
  const first = refresher.refresh();
  await tick();
  token = 'new';
  const second = refresher.reconnect('leadping');
  await tick();
  assert.equal(fetcher.calls.length, 2);
  fetcher.calls[1]?.resolve({ ok: true, snapshot: leadpingSnapshot({ balance: 2 }) });
  fetcher.calls[0]?.resolve({ ok: true, snapshot: leadpingSnapshot({ balance: 1 }) });
  await Promise.all([first, second]);
  assert.equal(refresher.state('leadping').snapshot?.counters[0]?.value, 2);
});

test('429 sets a wait the schedule honours; an explicit refresh still goes', async () => {
  const { refresher, fetcher, clock, refreshAnswering } = makeRefresher();
  await refreshAnswering({ ok: false, error: { kind: 'rateLimited', retryAfterMs: 30_000 } });
  assert.equal(refresher.nextRetryAt(), 31_000);
  await refresher.refresh(undefined, { automatic: true });
  assert.equal(fetcher.calls.length, 1, 'the scheduled refresh waited');
  // No Retry-After: exponential backoff by consecutive 429s.
  await refreshAnswering({ ok: false, error: { kind: 'rateLimited' } });
  assert.equal(fetcher.calls.length, 2, 'a person asking goes through');
  assert.equal(refresher.nextRetryAt(), clock.now + 4_000);
  clock.now = 100_000;
  assert.equal(refresher.nextRetryAt(), 5_000, 'a wait that has passed is due now, not forgotten');
});

test('a passing fault is retried on its own; a rejected token waits for a person', async () => {
  const { refresher, clock, refreshAnswering } = makeRefresher();
  await refreshAnswering({ ok: false, error: { kind: 'network' } });
  assert.equal(refresher.nextRetryAt(), 6_000);
  assert.deepEqual(refresher.accountsDueForRetry(), []);
  clock.now = 6_000;
  assert.deepEqual(refresher.accountsDueForRetry(), ['leadping']);
  // A network retry is not held back like a 429: the automatic refresh sends its request.
  await refreshAnswering({ ok: false, error: { kind: 'unauthorized' } }, refresher.accountsDueForRetry(), { automatic: true });
  assert.equal(refresher.nextRetryAt(), undefined);
  assert.deepEqual(refresher.accountsDueForRetry(), []);
});

test('a throwing fetcher or secret store becomes an error state, not a stuck spinner', async () => {
  const refresher = new AccountRefresher({
    adapters: [leadping],
    fetcher: { fetch: () => Promise.reject(new Error('kaboom')) },
    connectionFor: async () => connectionTo('http://127.0.0.1:1', 't'),
    retryDelayMs: () => 1,
  });
  await refresher.refresh();
  assert.equal(accountStatus(refresher.state('leadping')), 'error');
  assert.equal(refresher.state('leadping').refreshing, false);
  const locked = new AccountRefresher({
    adapters: [leadping],
    fetcher: { fetch: () => Promise.reject(new Error('unused')) },
    connectionFor: () => Promise.reject(new Error('keyring locked')),
    retryDelayMs: () => 1,
  });
  await locked.refresh();
  assert.deepEqual(locked.state('leadping').error, { kind: 'secretStorage' }, 'what the keyring threw is not passed on');
});

test('signing out forgets the data', async () => {
  const { refresher, refreshAnswering } = makeRefresher();
  await refreshAnswering({ ok: true, snapshot: leadpingSnapshot() });
  refresher.setSignedIn('leadping', false);
  assert.equal(refresher.state('leadping').snapshot, undefined);
  assert.equal(accountStatus(refresher.state('leadping')), 'signedOut');
});

test('a replaced token loads at once; what was shown stays until its data comes, and the listener hears whose data that was', async () => {
  let token = 'first';
  const heard: [string, string | undefined, string | undefined][] = [];
  const { refresher, fetcher, refreshAnswering } = makeRefresher(
    () => token,
    (accountKey, snapshot, previous) => heard.push([accountKey, snapshot.identity.email, previous?.email]),
  );
  await refreshAnswering({ ok: true, snapshot: leadpingSnapshot() });
  const firstEmail = leadpingSnapshot().identity.email;
  token = 'second';
  const run = refresher.replaceToken('leadping');
  await tick();
  assert.equal(refresher.state('leadping').snapshot?.identity.email, firstEmail, 'the last good data stays while the new token loads');
  assert.equal(refresher.state('leadping').refreshing, true);
  const other = leadpingSnapshot({ identity: { id: 'other', email: 'someone@else.example' } });
  fetcher.calls[1]?.resolve({ ok: true, snapshot: other });
  await run;
  assert.deepEqual(heard, [
    ['leadping', firstEmail, undefined],
    ['leadping', 'someone@else.example', firstEmail],
  ]);
});

test('a refresh the request budget held back keeps the last error on screen and moves only the next try', async () => {
  const { refresher, clock, refreshAnswering } = makeRefresher();
  await refreshAnswering({ ok: false, error: { kind: 'server', status: 500 } }, undefined, { automatic: true });
  clock.now = 7_000;
  await refreshAnswering({ ok: false, error: { kind: 'throttled', retryAfterMs: 40_000 } }, undefined, { automatic: true });
  assert.deepEqual(refresher.state('leadping').error, { kind: 'server', status: 500 }, 'the server error stays');
  assert.equal(refresher.state('leadping').refreshing, false);
  // This test's policy answers 5 s for anything but 429 and 401.
  assert.equal(refresher.nextRetryAt(), 7_000 + 5_000);
});

test("a person's refresh that joins a held-back automatic one is still sent", async () => {
  const { refresher, fetcher } = makeRefresher();
  const automatic = refresher.refresh(undefined, { automatic: true });
  await tick();
  const manual = refresher.refresh();
  fetcher.calls[0]?.resolve({ ok: false, error: { kind: 'throttled', retryAfterMs: 40_000 } });
  await automatic;
  await tick();
  assert.equal(fetcher.calls.length, 2, 'the manual refresh asked again');
  fetcher.calls[1]?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await manual;
  assert.equal(accountStatus(refresher.state('leadping')), 'fresh');
});

test('a refresh of several accounts tells of fresh snapshots on the turn after the last has answered', async () => {
  const told: string[] = [];
  const { refresher, fetcher } = makeRefresher(undefined, (accountKey) => told.push(accountKey));
  refresher.addAccount('leadping~00000002');
  const run = refresher.refresh();
  await tick();
  assert.equal(fetcher.calls.length, 2);
  fetcher.calls[0]?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await tick();
  // Shown at once; what it sets off (cache, alerts, history) waits for the other answer.
  assert.equal(accountStatus(refresher.state('leadping')), 'fresh');
  assert.deepEqual(told, []);
  fetcher.calls[1]?.resolve({ ok: true, snapshot: leadpingSnapshot({ balance: 7 }) });
  await run;
  assert.equal(accountStatus(refresher.state('leadping~00000002')), 'fresh', 'both shown when the refresh resolves');
  assert.deepEqual(told, [], 'and kept only after whoever awaited it has gone on');
  await tick();
  assert.deepEqual(told, ['leadping', 'leadping~00000002']);
});

test('an account that takes its time holds the others back no longer than the limit', async () => {
  const told: string[] = [];
  const fetcher = controlledFetcher();
  const refresher = new AccountRefresher({
    adapters: [leadping],
    fetcher,
    connectionFor: async () => connectionTo('http://127.0.0.1:1', 'tok'),
    retryDelayMs: () => undefined,
    onSnapshot: (accountKey) => told.push(accountKey),
    holdSnapshotsMs: 20,
  });
  refresher.addAccount('leadping~00000002');
  const run = refresher.refresh();
  await tick();
  fetcher.calls[0]?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(told, ['leadping'], 'told after the limit while the other account is still out');
  fetcher.calls[1]?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await run;
  await tick();
  assert.deepEqual(told, ['leadping', 'leadping~00000002']);
});

test('a held snapshot of an account signed out or given a new token meanwhile is not told of', async () => {
  const told: string[] = [];
  const { refresher, fetcher } = makeRefresher(undefined, (accountKey) => told.push(accountKey));
  refresher.addAccount('leadping~00000002');
  refresher.addAccount('leadping~00000003');
  const run = refresher.refresh();
  await tick();
  const [first, second, third] = fetcher.calls;
  first?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  second?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await tick();
  refresher.setSignedIn('leadping', false);
  void refresher.replaceToken('leadping~00000002');
  third?.resolve({ ok: true, snapshot: leadpingSnapshot() });
  await run;
  await tick();
  assert.deepEqual(told, ['leadping~00000003']);
});
