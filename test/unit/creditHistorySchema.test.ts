// AccountHistorySchema, the declared shape AccountHistory is derived from: what the reader answers
// and what recording writes hold to it, so the type and the data cannot drift apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { recordSnapshot } from '../../src/core/history/creditHistory';
import { AccountHistorySchema } from '../../src/core/history/historySchema';
import { readAccountHistory } from '../../src/core/history/storedHistory';
import { DAY_MS, ENVELOPES, HISTORY_START, HOUR_MS, json, snapshotAt } from '../support/historyBuilder';

test('a recorded history, and the same history read back from storage, have the declared shape', () => {
  let history = recordSnapshot(undefined, snapshotAt(HISTORY_START, { balance: 40, envelopes: 3 }));
  for (let at = HISTORY_START + HOUR_MS; at < HISTORY_START + 40 * DAY_MS; at += 7 * HOUR_MS) {
    history = recordSnapshot(history, snapshotAt(at, { balance: 40 - (at - HISTORY_START) / DAY_MS }));
    history = recordSnapshot(history, snapshotAt(at + 1, { envelopes: 3 }, ENVELOPES));
  }
  const issues = v.safeParse(AccountHistorySchema, history).issues;
  assert.equal(issues, undefined, JSON.stringify(issues?.map((issue) => issue.message)));
  const read = readAccountHistory(json(history));
  assert.ok(v.is(AccountHistorySchema, read));
  assert.ok((read?.counters.balance?.daily.length ?? 0) > 0, 'every tier is exercised');
});

test('an entry of the wrong width, or a negative sum, is not of the declared shape', () => {
  const stored = {
    version: 1,
    counters: { balance: { unit: { kind: 'count' }, daily: [], hourly: [[HISTORY_START, 1, -1, 0]], raw: [] } },
  };
  assert.equal(v.is(AccountHistorySchema, stored), false);
  assert.equal(
    v.is(AccountHistorySchema, { ...stored, counters: { balance: { ...stored.counters.balance, hourly: [[HISTORY_START, 1]] } } }),
    false,
  );
});
