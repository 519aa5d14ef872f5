// The alert memory store: one globalState key per account, decisions that never lose each other when
// refreshes overlap, and stored damage read as fresh memory rather than thrown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALERT_KINDS, decideAlerts, freshAlertMemory, muteAlert, snoozeAlerts, type AlertKind } from '../../src/core/alerts/alertCrossings';
import { AlertMemoryStore } from '../../src/storage/alertMemoryStore';
import { FIXED_NOW } from '../support/clock';
import { MemoryState } from '../support/memoryState';

/** The stored keys are a contract with past and future releases, so the tests spell them out. */
const LEADPING_KEY = 'accountGlance.alerts.leadping';
const SIGNEASY_KEY = 'accountGlance.alerts.signeasy';
const EVERY_KIND = { enabledKinds: new Set<AlertKind>(ALERT_KINDS) };

function storeOver(seed: Readonly<Record<string, unknown>> = {}) {
  const state = new MemoryState(seed);
  return { state, store: new AlertMemoryStore(state) };
}

/** What the notifier does with a fresh snapshot: decide from the stored memory and store the result. */
const refresh = (store: AlertMemoryStore, accountKey: string, active: readonly AlertKind[], now = FIXED_NOW) =>
  store.update(accountKey, (remembered) => decideAlerts(remembered, new Set(active), now, EVERY_KIND));

describe('AlertMemoryStore', () => {
  test('update() stores the account’s memory under its own key; read() gives it back; delete() forgets it', async () => {
    const { state, store } = storeOver();
    const decision = await refresh(store, 'leadping', ['lowCredit']);
    assert.deepEqual(decision.notify, ['lowCredit']);
    await refresh(store, 'signeasy', ['billingTrouble']);
    assert.deepEqual(state.keys(), [LEADPING_KEY, SIGNEASY_KEY]);
    assert.deepEqual(state.get(LEADPING_KEY), { version: 1, notified: ['lowCredit'], muted: [] });
    assert.deepEqual(store.read('leadping'), { version: 1, notified: ['lowCredit'], muted: [] });
    assert.deepEqual(store.accountKeys(), ['leadping', 'signeasy']);

    await store.delete('leadping');
    assert.deepEqual(store.read('leadping'), freshAlertMemory());
    assert.deepEqual(state.keys(), [SIGNEASY_KEY]);
  });

  test('a new store over the same state (a restart, another window) says nothing already said', async () => {
    const { state, store } = storeOver();
    await refresh(store, 'leadping', ['lowCredit']);
    const nextSession = new AlertMemoryStore(state);
    assert.deepEqual((await refresh(nextSession, 'leadping', ['lowCredit'])).notify, []);
  });

  test('overlapping refreshes of one account say a crossing once: each decides from what the one before stored', async () => {
    const { store } = storeOver();
    const decisions = await Promise.all(Array.from({ length: 10 }, () => refresh(store, 'leadping', ['lowCredit', 'usedUp'])));
    assert.deepEqual(
      decisions.flatMap((decision) => decision.notify),
      ['usedUp'],
    );
  });

  test('a choice made while a refresh is deciding is not lost, nor is the refresh’s decision', async () => {
    const { store } = storeOver();
    await Promise.all([
      refresh(store, 'leadping', ['creditsExpiring']),
      store.update('leadping', (memory) => ({ memory: muteAlert(memory, 'lowCredit') })),
      store.update('leadping', (memory) => ({ memory: snoozeAlerts(memory, FIXED_NOW) })),
    ]);
    assert.deepEqual(store.read('leadping'), {
      version: 1,
      notified: ['creditsExpiring'],
      muted: ['lowCredit'],
      snoozedUntil: FIXED_NOW + 86_400_000,
    });
  });

  test('write() and delete() wait for the calls asked for before them', async () => {
    const { state, store } = storeOver();
    const deciding = refresh(store, 'leadping', ['lowCredit']);
    const deleting = store.delete('leadping');
    await Promise.all([deciding, deleting]);
    assert.equal(state.get(LEADPING_KEY), undefined);
    await Promise.all([store.delete('leadping'), store.write('leadping', muteAlert(undefined, 'usedUp'))]);
    assert.deepEqual(store.read('leadping').muted, ['usedUp']);
  });

  test('a decision that changes nothing is not written again', async () => {
    const { state, store } = storeOver();
    await refresh(store, 'leadping', ['lowCredit']);
    const writes = state.updates;
    await refresh(store, 'leadping', ['lowCredit'], FIXED_NOW + 1);
    await refresh(store, 'leadping', ['lowCredit'], FIXED_NOW + 2);
    assert.equal(state.updates, writes);
    await store.delete('signeasy');
    assert.equal(state.updates, writes, 'nothing to delete');
  });

  test('a failed write rejects that update only; the next one reads what was stored before it', async () => {
    const { state, store } = storeOver();
    state.failNextUpdate = true;
    const failing = refresh(store, 'leadping', ['lowCredit']);
    const next = refresh(store, 'leadping', ['lowCredit']);
    await assert.rejects(failing, /disk full/);
    assert.deepEqual((await next).notify, ['lowCredit'], 'the failed one was never stored, so this one says it');
  });

  test('an update whose change throws rejects, and the account’s queue goes on', async () => {
    const { store } = storeOver();
    const failing = store.update('leadping', () => {
      throw new Error('bad change');
    });
    await assert.rejects(failing, /bad change/);
    assert.deepEqual((await refresh(store, 'leadping', ['usedUp'])).notify, ['usedUp']);
  });

  for (const [name, stored] of [
    ['a string', 'garbage'],
    ['a newer version', { version: 2, notified: ['lowCredit'] }],
    ['kinds that are not a list', { version: 1, notified: 'lowCredit', muted: 7 }],
  ] as const) {
    test(`damage (${name}) reads as fresh memory, never throws, and the next update replaces it`, async () => {
      const { state, store } = storeOver({ [LEADPING_KEY]: stored });
      assert.deepEqual(store.read('leadping'), freshAlertMemory());
      await refresh(store, 'leadping', ['lowCredit']);
      assert.deepEqual(state.get(LEADPING_KEY), { version: 1, notified: ['lowCredit'], muted: [] });
    });
  }

  test('a state that cannot be read gives fresh memory rather than an exception', () => {
    const { state, store } = storeOver({ [LEADPING_KEY]: { version: 1, notified: ['lowCredit'], muted: [] } });
    state.failReads = true;
    assert.deepEqual(store.read('leadping'), freshAlertMemory());
  });
});
