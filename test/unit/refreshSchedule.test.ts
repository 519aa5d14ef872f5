import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccountRefresher } from '../../src/core/refresh/accountRefresher';
import type { FetchResult } from '../../src/core/model';
import { RefreshSchedule, refreshIntervalMs, scheduleRefreshes, type ScheduleTimers } from '../../src/core/refresh/refreshSchedule';
import { connectionTo } from '../support/connection';
import { inertAdapter, leadpingSnapshot } from '../support/snapshotBuilder';

/** A clock that only moves when told to, firing due timers in order. */
class FakeClock implements ScheduleTimers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  now() {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.pending.delete(handle as number);
  }
  get timerCount() {
    return this.pending.size;
  }
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = end;
  }
}

const MINUTE = 60_000;

/** A schedule on a fake clock that counts its refreshes; no service is ever due for a retry. */
function countingSchedule(intervalMinutes: number) {
  const clock = new FakeClock();
  let runs = 0;
  const schedule = new RefreshSchedule(async () => void runs++, { intervalMinutes, retryAt: () => undefined, timers: clock });
  return { clock, schedule, runs: () => runs };
}

test('interval: 0 turns it off, anything else is at least a minute', () => {
  assert.equal(refreshIntervalMs(0), 0);
  assert.equal(refreshIntervalMs(-3), 0);
  assert.equal(refreshIntervalMs(0.2), MINUTE);
  assert.equal(refreshIntervalMs(15), 15 * MINUTE);
});

test('refreshes every interval with one timer', async () => {
  const { clock, schedule, runs } = countingSchedule(15);
  await clock.advance(14 * MINUTE);
  assert.equal(runs(), 0);
  await clock.advance(MINUTE);
  assert.equal(runs(), 1);
  await clock.advance(30 * MINUTE);
  assert.equal(runs(), 3);
  assert.equal(clock.timerCount, 1);
  schedule.dispose();
  assert.equal(clock.timerCount, 0);
});

test('0 minutes: no timer at all', async () => {
  const { clock, schedule, runs } = countingSchedule(0);
  await clock.advance(100 * MINUTE);
  assert.equal(runs(), 0);
  assert.equal(clock.timerCount, 0);
  // Turned on after 100 minutes: the data is overdue, so it refreshes at once, then every minute.
  schedule.setIntervalMinutes(1);
  await clock.advance(0);
  assert.equal(runs(), 1);
  await clock.advance(MINUTE);
  assert.equal(runs(), 2);
  schedule.dispose();
});

test('paused while unfocused, caught up once on focus', async () => {
  const { clock, schedule, runs } = countingSchedule(1);
  schedule.setFocused(false);
  await clock.advance(10 * MINUTE);
  assert.equal(runs(), 0);
  assert.equal(clock.timerCount, 0, 'no timer ticks while nobody looks');
  schedule.setFocused(true);
  await clock.advance(0);
  assert.equal(runs(), 1);
  schedule.dispose();
});

test('focus before the interval is due does not refresh early', async () => {
  const { clock, schedule, runs } = countingSchedule(5);
  schedule.setFocused(false);
  await clock.advance(MINUTE);
  schedule.setFocused(true);
  await clock.advance(0);
  assert.equal(runs(), 0);
  await clock.advance(4 * MINUTE);
  assert.equal(runs(), 1);
  schedule.dispose();
});

test('never overlaps a refresh in progress', async () => {
  const clock = new FakeClock();
  let running = 0;
  let maxRunning = 0;
  let release: () => void = () => {};
  const schedule = new RefreshSchedule(
    () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      return new Promise<void>((resolve) => {
        release = () => {
          running--;
          resolve();
        };
      });
    },
    { intervalMinutes: 1, retryAt: () => undefined, timers: clock },
  );
  await clock.advance(MINUTE);
  await clock.advance(10 * MINUTE);
  assert.equal(maxRunning, 1);
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(clock.timerCount, 1, 're-armed after the slow refresh ended');
  schedule.dispose();
});

test('a manual refresh restarts the interval', async () => {
  const { clock, schedule, runs } = countingSchedule(10);
  await clock.advance(8 * MINUTE);
  schedule.noteRefreshed();
  await clock.advance(8 * MINUTE);
  assert.equal(runs(), 0);
  await clock.advance(2 * MINUTE);
  assert.equal(runs(), 1);
  schedule.dispose();
});

test('wakes when a failed service is due again, before the interval, and says why', async () => {
  const clock = new FakeClock();
  let runs = 0;
  const reasons: string[] = [];
  let limitEnd: number | undefined = 30_000;
  const schedule = new RefreshSchedule(
    async (reason) => {
      runs++;
      reasons.push(reason);
      limitEnd = undefined;
    },
    { intervalMinutes: 15, retryAt: () => limitEnd, timers: clock },
  );
  await clock.advance(30_000);
  assert.equal(runs, 1);
  await clock.advance(14 * MINUTE);
  assert.equal(runs, 1);
  await clock.advance(MINUTE);
  assert.equal(runs, 2);
  assert.deepEqual(reasons, ['retry', 'interval']);
  schedule.dispose();
});

test('a failure outside the schedule (a new token from another window) retries on its backoff, not at the next interval', async () => {
  const clock = new FakeClock();
  const answers: FetchResult[] = [
    { ok: false, error: { kind: 'network' } },
    { ok: true, snapshot: leadpingSnapshot() },
  ];
  let fetches = 0;
  let listeners = 0;
  const refresher = new AccountRefresher({
    adapters: [inertAdapter('leadping', 'Leadping', 'LP')],
    onListenerCountChange: (count) => (listeners = count),
    fetcher: { fetch: async () => answers[fetches++] ?? { ok: false, error: { kind: 'network' } } },
    connectionFor: async () => connectionTo('http://127.0.0.1:1', 'lp_test_key'),
    retryDelayMs: () => 30_000,
    now: () => clock.now(),
  });
  const schedule = new RefreshSchedule(
    (reason) => refresher.refresh(reason === 'interval' ? undefined : refresher.accountsDueForRetry(), { automatic: true }),
    {
      intervalMinutes: 15,
      retryAt: () => refresher.nextRetryAt(),
      onRetryAtChange: (listener) => refresher.onDidChangeState(listener),
      timers: clock,
    },
  );
  // What the token-change handler does: not through the schedule.
  await refresher.replaceToken('leadping');
  assert.equal(refresher.state('leadping').error?.kind, 'network');
  await clock.advance(30_000);
  assert.equal(fetches, 2, 'retried 30 s later on its own');
  assert.equal(refresher.state('leadping').error, undefined);
  schedule.dispose();
  assert.equal(listeners, 0, 'the schedule let go of the refresher');
});

test('scheduleRefreshes: the interval asks every account, a retry only the accounts whose wait is over', async () => {
  const clock = new FakeClock();
  const asked: (readonly string[] | undefined)[] = [];
  let retryAt: number | undefined = 60_000;
  const listeners = new Set<() => void>();
  const schedule = scheduleRefreshes(
    {
      refresh: async (accountKeys, options) => {
        assert.equal(options.automatic, true);
        asked.push(accountKeys);
        retryAt = undefined;
      },
      accountsDueForRetry: () => ['leadping:2'],
      nextRetryAt: () => retryAt,
      onDidChangeState: (listener) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    },
    { intervalMinutes: 15, timers: clock },
  );
  await clock.advance(60_000);
  assert.deepEqual(asked, [['leadping:2']]);
  await clock.advance(15 * 60_000);
  assert.deepEqual(asked, [['leadping:2'], undefined]);
  assert.equal(listeners.size, 1, 'it follows the refresher for new retry times');
  schedule.dispose();
  assert.equal(listeners.size, 0);
});
