// The credit-history store: one globalState key per account, records that never lose each other
// when they overlap, and stored damage reported and replaced rather than thrown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { MAX_HISTORY_JSON_LENGTH, recordSnapshot, samplesOf } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import { CreditHistoryStore } from '../../src/storage/creditHistoryStore';
import type { KeyValueState } from '../../src/storage/serialState';
import { HISTORY_START, HOUR_MS, json, snapshotAt } from '../support/historyBuilder';
import { MemoryState } from '../support/memoryState';

/** The stored keys are a contract with past and future releases, so the tests spell them out. */
const LEADPING_KEY = 'accountGlance.history.leadping';
const SIGNEASY_KEY = 'accountGlance.history.signeasy';

function storeOver(seed: Readonly<Record<string, unknown>> = {}) {
  const state = new MemoryState(seed);
  const dropped: [string, string][] = [];
  const store = new CreditHistoryStore(state, { onDropped: (accountKey, reason) => dropped.push([accountKey, reason]) });
  return { state, store, dropped };
}

const balanceAt = (hours: number, balance: number) => snapshotAt(HISTORY_START + hours * HOUR_MS, { balance });

describe('CreditHistoryStore', () => {
  test('record() writes the account’s history under its own key; read() gives it back; delete() forgets it', async () => {
    const { state, store, dropped } = storeOver();
    const written = await store.record('leadping', balanceAt(0, 100));
    await store.record('leadping', balanceAt(1, 90));
    await store.record('signeasy', snapshotAt(HISTORY_START, { envelopesAvailable: 40 }));
    assert.deepEqual(state.keys(), [LEADPING_KEY, SIGNEASY_KEY]);
    assert.deepEqual(written, {
      version: 1,
      counters: { balance: { unit: { kind: 'money', currency: 'USD' }, daily: [], hourly: [], raw: [[HISTORY_START, 100]] } },
    });
    assert.deepEqual(
      samplesOf(store.read('leadping'), 'balance').map((point) => point.value),
      [100, 90],
    );
    assert.deepEqual(store.read('leadping'), state.get(LEADPING_KEY));
    assert.deepEqual(store.accountKeys(), ['leadping', 'signeasy']);

    await store.delete('leadping');
    assert.equal(store.read('leadping'), undefined);
    assert.deepEqual(state.keys(), [SIGNEASY_KEY]);
    assert.deepEqual(dropped, []);
  });

  test('delete() of an account with nothing stored writes nothing', async () => {
    const { state, store } = storeOver();
    await store.delete('leadping');
    assert.equal(state.updates, 0);
  });

  test('overlapping records of one account all land, in the order they were asked for', async () => {
    const { store } = storeOver();
    await Promise.all(Array.from({ length: 20 }, (_, hour) => store.record('leadping', balanceAt(hour, 1000 - hour))));
    assert.deepEqual(
      samplesOf(store.read('leadping'), 'balance').map((point) => point.value),
      Array.from({ length: 20 }, (_, hour) => 1000 - hour),
    );
  });

  test('a delete asked for after a record runs after it', async () => {
    const { state, store } = storeOver();
    const recording = store.record('leadping', balanceAt(0, 100));
    const deleting = store.delete('leadping');
    await Promise.all([recording, deleting]);
    assert.equal(state.get(LEADPING_KEY), undefined);
  });

  test('a failed write rejects that record only; the next one still runs and reads what was stored before', async () => {
    const { state, store } = storeOver();
    await store.record('leadping', balanceAt(0, 100));
    state.failNextUpdate = true;
    const failing = store.record('leadping', balanceAt(1, 90));
    const next = store.record('leadping', balanceAt(2, 80));
    await assert.rejects(failing, /disk full/);
    await next;
    assert.deepEqual(
      samplesOf(store.read('leadping'), 'balance').map((point) => point.value),
      [100, 80],
    );
  });

  for (const [name, stored] of [
    ['a string', 'garbage'],
    ['an unknown version', { version: 0, counters: {} }],
    ['a counter with a bad unit', { version: 1, counters: { balance: { unit: { kind: 'money' }, raw: [[HISTORY_START, 5]] } } }],
    ['a sample that is not numbers', { version: 1, counters: { balance: { unit: { kind: 'money', currency: 'USD' }, raw: [['x', 5]] } } }],
  ] as const) {
    test(`damage (${name}) is reported with the account key, never thrown, and replaced by the next record`, async () => {
      const { state, store, dropped } = storeOver({ [LEADPING_KEY]: stored });
      assert.doesNotThrow(() => store.read('leadping'));
      assert.equal(dropped.length, 1);
      assert.equal(dropped[0]?.[0], 'leadping');
      assert.ok(dropped[0]?.[1]);
      await store.record('leadping', balanceAt(0, 100));
      assert.deepEqual(state.get(LEADPING_KEY), {
        version: 1,
        counters: { balance: { unit: { kind: 'money', currency: 'USD' }, daily: [], hourly: [], raw: [[HISTORY_START, 100]] } },
      });
      dropped.length = 0;
      store.read('leadping');
      assert.deepEqual(dropped, [], 'the replaced value reads clean');
    });
  }

  test('a newer version’s history is not read, left as it is by read(), and replaced by the next record', async () => {
    const newer = { version: 2, counters: { balance: { samples: 'compressed' } } };
    const { state, store, dropped } = storeOver({ [LEADPING_KEY]: newer });
    assert.equal(store.read('leadping'), undefined);
    assert.match(dropped[0]?.[1] ?? '', /newer version/);
    assert.equal(state.updates, 0);
    await store.record('leadping', balanceAt(0, 100));
    assert.equal((state.get(LEADPING_KEY) as AccountHistory).version, 1);
  });

  test('a globalState that throws on get, and an onDropped that throws, do not make read() or record() throw', async () => {
    const state = new MemoryState();
    state.get = () => {
      throw new Error('broken storage');
    };
    const store = new CreditHistoryStore(state, {
      onDropped: () => {
        throw new Error('broken log');
      },
    });
    assert.equal(store.read('leadping'), undefined);
    const written = await store.record('leadping', balanceAt(0, 100));
    assert.equal(samplesOf(written, 'balance').length, 1);
  });

  test('what is written fits MAX_HISTORY_JSON_LENGTH even for numbers no service sends', async () => {
    // Two counters hourly for 40 days, at 1e300: far over the limit, though within the count caps.
    let oversized: AccountHistory | undefined;
    for (let hour = 0; hour < 960; hour++) {
      const huge = (hour % 2 === 0 ? 1 : -1) * 1.2345678901234567e300;
      oversized = recordSnapshot(oversized, snapshotAt(HISTORY_START + hour * HOUR_MS, { balance: huge, credits: -huge }));
    }
    assert.ok(JSON.stringify(oversized).length > MAX_HISTORY_JSON_LENGTH);
    const { state, store, dropped } = storeOver({ [LEADPING_KEY]: json(oversized) });
    await store.record('leadping', snapshotAt(HISTORY_START + 960 * HOUR_MS, { balance: 1, credits: 2 }));
    const length = JSON.stringify(state.get(LEADPING_KEY)).length;
    assert.ok(length <= MAX_HISTORY_JSON_LENGTH && length > MAX_HISTORY_JSON_LENGTH / 2, `${length} characters`);
    assert.deepEqual(dropped, [], 'a sound value over the length is not damage');
  });

  test('accountKeys() is empty when the state cannot list its keys', () => {
    const state: KeyValueState = { get: () => undefined, update: () => Promise.resolve() };
    assert.deepEqual(new CreditHistoryStore(state).accountKeys(), []);
  });

  test('vscode.Memento is a KeyValueState (checked by the compiler)', () => {
    const asState = (memento: vscode.Memento): KeyValueState => memento;
    assert.equal(typeof asState, 'function');
  });
});
