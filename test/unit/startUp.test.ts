// The start's order, in plain Node: cached data first (no secret, no request), then the list of
// accounts, then one refresh; a failing step is reported and the start goes on where it can.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startUp, type StartUpSteps } from '../../src/core/refresh/startUp';

function recordingSteps(fail: Partial<Record<'showCached' | 'loadAccounts' | 'refresh', Error>> = {}) {
  const done: string[] = [];
  const errors: string[] = [];
  const step = (name: 'loadAccounts' | 'refresh') => async () => {
    done.push(name);
    if (fail[name]) throw fail[name];
  };
  const steps: StartUpSteps = {
    showCached: () => {
      done.push('showCached');
      if (fail.showCached) throw fail.showCached;
    },
    loadAccounts: step('loadAccounts'),
    refresh: step('refresh'),
    onError: (error) => errors.push((error as Error).message),
  };
  return { steps, done, errors };
}

test('nothing runs before the wiring returns; then cached data, the accounts, one refresh, in that order', async () => {
  const { steps, done, errors } = recordingSteps();
  const started = startUp(steps);
  assert.deepEqual(done, [], 'not a step inside the call');
  await started;
  assert.deepEqual(done, ['showCached', 'loadAccounts', 'refresh']);
  assert.deepEqual(errors, []);
});

test('damaged cached data is reported and the accounts are still loaded and refreshed', async () => {
  const { steps, done, errors } = recordingSteps({ showCached: new Error('cache unreadable') });
  await startUp(steps);
  assert.deepEqual(done, ['showCached', 'loadAccounts', 'refresh']);
  assert.deepEqual(errors, ['cache unreadable']);
});

test('a list of accounts that cannot be read is reported and nothing is asked of a service', async () => {
  const { steps, done, errors } = recordingSteps({ loadAccounts: new Error('secret storage locked') });
  await startUp(steps);
  assert.deepEqual(done, ['showCached', 'loadAccounts']);
  assert.deepEqual(errors, ['secret storage locked']);
});

test('a failing first refresh is reported, and the start never rejects', async () => {
  const { steps, errors } = recordingSteps({ refresh: new Error('offline') });
  await assert.doesNotReject(startUp(steps));
  assert.deepEqual(errors, ['offline']);
});
