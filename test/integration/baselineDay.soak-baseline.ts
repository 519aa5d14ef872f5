// The long-day soak of the baseline extension (test/bench/baseline/soak.ts), never of Account
// Glance: the yardstick test/bench/soak.mjs subtracts from Account Glance's own soak
// (longDay.soak.ts), run only by it (or `npm run test:integration -- --suite soak-baseline`).
// Account Glance is not loaded in this extension host (the suite's extensionFolder is the
// baseline's); the loop, the fake server's faults and the heap's sampling and fit are the same
// (support/soakLoop.ts), as are the request timeout and the quick automatic retries.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BaselineSoakApi } from '../bench/baseline/soak';
import { FAKE_TOKENS, startFakeServer, type FakeServer, type FakeService } from '../fake-server';
import { waitFor } from '../harness/wait-for.mjs';
import { SOAK_SERVICES, SOAK_TIMEOUT_SECONDS, soakTest, type SoakSubject } from './support/soakLoop';

const BASELINE_ID = 'accountglance-bench.bench-baseline';
/** Account Glance's automatic retries in its soak: 15 s scaled by 0.001 (runScheduleFast). */
const RETRY_DELAY_MS = 15;

suite('Long-day soak of the baseline extension', () => {
  let api: BaselineSoakApi;
  let server: FakeServer | undefined;

  /** Stores a token as another window would, and waits for the refresh it causes to end. */
  const changeToken = async (service: FakeService, token: string) => {
    const before = Date.now();
    await api.secrets.store(`${api.tokenKeyPrefix}${service}`, token);
    await waitFor(() => {
      const status = api.status(service);
      return status.signedIn && !status.refreshing && status.settledAt >= before;
    }, `the baseline's ${service} to settle after its token changed`);
  };

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<BaselineSoakApi>(BASELINE_ID);
    assert.ok(extension, `${BASELINE_ID} is loaded`);
    api = await extension.activate();
  });
  setup(async () => {
    server = await startFakeServer();
    api.useServer(server.url, { requestTimeoutMs: SOAK_TIMEOUT_SECONDS * 1000, retryDelayMs: RETRY_DELAY_MS });
    for (const service of SOAK_SERVICES) await changeToken(service, `${FAKE_TOKENS[service]}.start`);
  });
  teardown(async () => {
    for (const service of SOAK_SERVICES) await api.secrets.delete(`${api.tokenKeyPrefix}${service}`);
    await server?.close();
    server = undefined;
  });

  soakTest((): SoakSubject => {
    assert.ok(server, 'the fake server runs');
    return {
      label: 'baseline soak',
      server,
      commands: { refreshAll: 'benchBaseline.refresh', refreshService: 'benchBaseline.refreshService' },
      status: (service) => api.status(service),
      isRefreshing: () => api.isRefreshing(),
      retryPending: () => api.retryPending(),
      changeToken,
      // The baseline shows no alerts.
      takeShownAlerts: async () => 0,
      describe: () => JSON.stringify(SOAK_SERVICES.map((service) => ({ service, ...api.status(service) }))),
    };
  });
});
