// The forecasts made from the credit history: start-up reads no history (the forecasts of the
// accounts shown from the last session come a turn later, from their files), and a late restore
// never overwrites what a refresh recorded meanwhile.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AccountForecasts } from '../../src/storage/accountForecasts';
import { CreditHistoryStore } from '../../src/storage/creditHistoryStore';
import { HistoryFiles } from '../../src/storage/historyFiles';
import { DAY_MS, HISTORY_START, HOUR_MS, snapshotAt } from '../support/historyBuilder';

async function withForecasts(run: (parts: { forecasts: AccountForecasts; store: CreditHistoryStore; changed: string[] }) => Promise<void>) {
  const root = await mkdtemp(join(tmpdir(), 'forecasts-'));
  try {
    const store = new CreditHistoryStore(new HistoryFiles(root));
    const changed: string[] = [];
    await run({ forecasts: new AccountForecasts(store, (accountKey) => changed.push(accountKey)), store, changed });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const balanceAt = (at: number, balance: number) => snapshotAt(at, { balance });

test('restoreShown() returns before reading anything; each shown account’s forecast follows from its file', async () => {
  await withForecasts(async ({ forecasts, store, changed }) => {
    for (let hour = 0; hour <= 48; hour += 6) await store.record('leadping', balanceAt(HISTORY_START + hour * HOUR_MS, 100 - hour));
    const restoring = forecasts.restoreShown(
      [{ accountKey: 'leadping', snapshot: balanceAt(HISTORY_START + 2 * DAY_MS, 52) }, { accountKey: 'signeasy' }],
      HISTORY_START + 2 * DAY_MS,
    );
    assert.equal(forecasts.get('leadping'), undefined, 'nothing is read before the caller has painted');
    await restoring;
    assert.deepEqual(changed, ['leadping']);
    assert.equal(forecasts.get('leadping')?.points.length, 9);
  });
});

test('a restore that ends after a refresh recorded the account leaves the fresher forecast alone', async () => {
  await withForecasts(async ({ forecasts, store }) => {
    await store.record('leadping', balanceAt(HISTORY_START, 100));
    const restoring = forecasts.restoreShown([{ accountKey: 'leadping', snapshot: balanceAt(HISTORY_START, 100) }], HISTORY_START);
    await forecasts.record('leadping', balanceAt(HISTORY_START + HOUR_MS, 90));
    await restoring;
    assert.deepEqual(
      forecasts.get('leadping')?.points.map((point) => point.value),
      [100, 90],
    );
  });
});

test('a restore that ends after the account was forgotten brings no forecast back', async () => {
  await withForecasts(async ({ forecasts, store }) => {
    await store.record('leadping', balanceAt(HISTORY_START, 100));
    const restoring = forecasts.restoreShown([{ accountKey: 'leadping', snapshot: balanceAt(HISTORY_START, 100) }], HISTORY_START);
    await forecasts.forget('leadping');
    await restoring;
    assert.equal(forecasts.get('leadping'), undefined);
  });
});
