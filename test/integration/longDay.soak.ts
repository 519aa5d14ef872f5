// The long-day soak (issue 15, "no leak over a long day"): a benchmark, not a test, run only by
// test/bench/soak.mjs (or `npm run test:integration -- --suite soak`), never by `npm test`.
//
// The loop (support/soakLoop.ts, shared with the baseline extension's soak) drives Account Glance
// as a person would: the Refresh and Refresh Service commands, tokens changed in "another window"
// (secret storage, the path signIn() takes), and 429s, 500s and timeouts forced on the fake server,
// each followed by the schedule's own automatic retry. Every refresh re-arms the schedule's timer;
// the 15-minute interval itself never comes due (each refresh restarts it, and its minimum is a
// minute), so the schedule's part is its retries. Besides the heap, counts the schedule's pending
// timers and the refresher's listeners before and after.
//
// The fake server runs in this extension host (as in faults.test.ts); the test API's lists of shown
// alerts and texts are emptied before each heap sample, so that the test's own records do not count as heap.
import type { AccountState } from '../../src/core/refresh/accountState';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, type FakeServer } from '../fake-server';
import { ownAccount, SERVICES, setSetting, signIn, useFreshWorld, runScheduleFast } from './support/harness';
import { SOAK_TIMEOUT_SECONDS, soakTest, type SoakSubject } from './support/soakLoop';

suite('Long-day soak', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld(
    async (world) => {
      ({ api, server } = world);
      runScheduleFast(api);
      await setSetting('requestTimeoutSeconds', SOAK_TIMEOUT_SECONDS);
      for (const service of SERVICES) await signIn(api, service, ownAccount(FAKE_TOKENS[service]));
    },
    async () => {
      api.retryDelayScale = 1;
      await setSetting('requestTimeoutSeconds', undefined);
    },
  );

  soakTest((): SoakSubject => ({
    label: 'soak',
    server,
    commands: { refreshAll: 'accountGlance.refresh', refreshService: 'accountGlance.refreshService' },
    status: (service) => {
      const state = api.refresher.state(service);
      return { signedIn: state.signedIn, refreshing: state.refreshing, errorKind: state.error?.kind };
    },
    isRefreshing: () => api.refresher.isRefreshing(),
    retryPending: () => api.refresher.nextRetryAt() !== undefined,
    changeToken: (service, token) => signIn(api, service, token),
    takeShownAlerts: async () => {
      await api.alertsDecided();
      const alerts = api.shownAlerts as unknown[];
      const shown = alerts.length;
      alerts.length = 0;
      // Every text the surface doors showed (the failures' warnings): the test's record too.
      (api.shownTexts as unknown[]).length = 0;
      return shown;
    },
    counts: () => ({ timers: api.pendingScheduleTimers, listeners: api.refresherListeners }),
    describe: () => JSON.stringify(api.refresher.states().map(summary)),
  }));
});

function summary(state: AccountState): string {
  return `${state.serviceId}: ${state.signedIn ? 'signed in' : 'signed out'}${state.refreshing ? ', refreshing' : ''}${state.error ? `, ${state.error.kind}` : ''}`;
}
