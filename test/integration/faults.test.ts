// Servers that stall, drop, rate-limit, flap or vanish: the panel and the status bar keep the last
// good data, say what is wrong, and recover on their own. Then a refresh storm.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { describeError } from '../../src/views/viewModels/errorWording';
import { FAKE_TOKENS, startFakeServer, type FakeServer } from '../fake-server';
import { ownAccount, serviceRowOf, setSetting, signIn, treeLines, waitFor, useFreshWorld, runScheduleFast } from './support/harness';

suite('Faults', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld(
    async (world) => {
      ({ api, server } = world);
      runScheduleFast(api);
      await signIn(api, 'signeasy', ownAccount(FAKE_TOKENS.signeasy));
    },
    async () => {
      api.retryDelayScale = 1;
      await setSetting('requestTimeoutSeconds', undefined);
      // A test may have replaced the server (one that vanishes and comes back).
      await server.close();
    },
  );

  /** Fails the next refresh with `scenario`, checks what is shown, then lets the server heal and waits for recovery without any command. */
  async function failThenRecover(scenario: string, expected: RegExp): Promise<void> {
    server.setScenario('signeasy', scenario);
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    const state = api.refresher.state('signeasy');
    assert.ok(state.error, `${scenario}: an error is shown`);
    assert.match(describeError(state.error, 'Signeasy'), expected);
    assert.equal(state.snapshot?.counters[0]?.value, 1760, `${scenario}: the last good data stays`);
    assert.equal(serviceRowOf(api, 'signeasy')?.icon?.id, 'history', `${scenario}: marked stale`);
    assert.ok(
      treeLines(api).some((line) => expected.test(line)),
      `${scenario}: the tree says why`,
    );
    assert.match(api.statusBar.view?.text ?? '', /^\$\(warning\) SE 1,760$/);
    server.clearScenario('signeasy');
    await waitFor(
      () => !api.refresher.state('signeasy').error && !api.refresher.state('signeasy').refreshing,
      `${scenario}: recovery on its own`,
      15_000,
    );
    assert.equal(serviceRowOf(api, 'signeasy')?.icon?.id, 'pass');
    assert.equal(api.statusBar.view?.text, '$(credit-card) SE 1,760');
  }

  test('a server that stalls past the timeout', async () => {
    await setSetting('requestTimeoutSeconds', 1);
    await failThenRecover('slow-3000', /did not answer|timed out|time/i);
  });

  test('a connection dropped mid-body', async () => {
    await failThenRecover('drop-connection', /connection|reach|closed|reset/i);
  });

  test('429, then 200', async () => {
    await failThenRecover('429-retry-after', /rate|too many|limit/i);
  });

  test('HTML from a proxy', async () => {
    await failThenRecover('html-502', /HTML|unexpected|502|proxy/i);
  });

  test('500 then 200 within one refresh: the bounded retry hides the flap', async () => {
    server.setScenario('signeasy', 'flapping-500');
    const before = server.requests.length;
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    assert.equal(api.refresher.state('signeasy').error, undefined);
    assert.deepEqual(
      server.requests.slice(before).map((request) => request.status),
      [500, 200],
    );
  });

  test('a server that flaps between 500 and 200 past the retries: each outage shown, each recovery on its own', async () => {
    for (let flap = 1; flap <= 2; flap++) await failThenRecover('500', /server error \(HTTP 500\)/);
  });

  test('a server that vanishes and comes back on the same port', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    assert.equal(api.refresher.state('signeasy').error?.kind, 'network');
    assert.equal(api.refresher.state('signeasy').snapshot?.counters[0]?.value, 1760);
    server = await startFakeServer({ port });
    await waitFor(() => !api.refresher.state('signeasy').error, 'recovery once the server is back', 15_000);
  });

  test('a token set in another window that fails at first recovers on its own backoff, not at the next interval', async () => {
    server.setScenario('signeasy', '500');
    await signIn(api, 'signeasy', ownAccount(FAKE_TOKENS.signeasy));
    assert.equal(api.refresher.state('signeasy').error?.kind, 'server');
    server.clearScenario('signeasy');
    await waitFor(
      () => !api.refresher.state('signeasy').error && !api.refresher.state('signeasy').refreshing,
      'recovery with no command',
      15_000,
    );
  });

  test('a refresh storm: one request per endpoint in flight, no leaked timers or listeners', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const listenersBefore = api.refresherListeners;
    server.setScenario('signeasy', 'slow-500');
    server.setScenario('leadping', 'slow-500');
    const before = server.requests.length;
    const storm: Thenable<unknown>[] = [];
    for (let index = 0; index < 300; index++) storm.push(vscode.commands.executeCommand('accountGlance.refresh'));
    await Promise.all(storm);
    const paths = server.requests
      .slice(before)
      .map((request) => request.path)
      .sort();
    assert.ok(paths.includes('/users/me') && paths.includes('/v3/me/'), `both services were asked: ${paths.join(', ')}`);
    assert.equal(new Set(paths).size, paths.length, `each endpoint asked once: ${paths.join(', ')}`);
    // Timers are counted across the whole extension host: short-lived ones (a globalState send, an
    // event's 0 ms debounce) may still be pending; a leaked one never goes. Wait a few seconds at most.
    const timersNow = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    await waitFor(() => timersNow() <= timersBefore + 2, 'the storm’s short-lived timers to end', 5_000).catch(() => undefined);
    const timersAfter = timersNow();
    assert.ok(timersAfter <= timersBefore + 2, `timers before ${timersBefore}, after ${timersAfter}`);
    assert.equal(api.refresherListeners, listenersBefore);
    assert.ok(!api.refresher.isRefreshing());
  });
});
