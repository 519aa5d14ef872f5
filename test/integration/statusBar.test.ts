// The status-bar credit glance and the refresh schedule in a real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, scenarioToken, type FakeServer } from '../fake-server';
import { setSetting, signIn, waitFor, removeTokenElsewhere, useFreshWorld } from './support/harness';

suite('Status-bar credit glance', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld(
    (world) => ({ api, server } = world),
    async () => {
      for (const key of [
        'statusBar.enabled',
        'statusBar.services',
        'statusBar.counters',
        'statusBar.clickAction',
        'lowCredit',
        'refreshIntervalMinutes',
      ]) {
        await setSetting(key, undefined);
      }
    },
  );

  test('hidden while no service has a token', () => {
    assert.equal(api.statusBar.view?.visible, false);
  });

  test('normal: each headline counter with its mark, a table per service in the tooltip, no background', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    const view = api.statusBar.view;
    assert.ok(view?.visible);
    assert.match(view.text, /^\$\(credit-card\) LP \$[\d,]+\.\d\d · SE 1,760$/);
    assert.equal(view.background, 'none');
    assert.match(view.tooltip, /### Leadping — Jordan Avery/);
    assert.match(view.tooltip, /\| Envelopes available \| 1,760 \|/);
    assert.match(view.tooltip, /command:accountGlance\.refresh/);
    assert.match(view.tooltip, /command:workbench\.view\.extension\.accountGlance/);
    assert.match(view.tooltip, /command:accountGlance\.setToken/);
  });

  test('low: below the threshold takes the warning background and a mark after the value', async () => {
    await signIn(api, 'signeasy', scenarioToken('signeasy', 'low'));
    assert.equal(api.statusBar.view?.text, '$(credit-card) SE 7 $(arrow-down)');
    assert.equal(api.statusBar.view?.background, 'warning');
  });

  test('zero: out of credits takes the error background and a mark after the value', async () => {
    await signIn(api, 'leadping', scenarioToken('leadping', 'zero-credit'));
    assert.equal(api.statusBar.view?.background, 'error');
    assert.match(api.statusBar.view?.text ?? '', /^\$\(credit-card\) LP \S+ \$\(circle-slash\)$/);
    await removeTokenElsewhere(api, 'leadping');
    await signIn(api, 'signeasy', scenarioToken('signeasy', 'exhausted'));
    assert.equal(api.statusBar.view?.background, 'error');
    assert.match(api.statusBar.view?.text ?? '', /^\$\(credit-card\) SE \S+ \$\(circle-slash\)$/);
    assert.match(api.statusBar.view?.tooltip ?? '', /Out of credits/);
  });

  test('the threshold is a setting', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    assert.equal(api.statusBar.view?.background, 'none');
    await setSetting('lowCredit', { leadping: 1_000_000 });
    await waitFor(() => api.statusBar.view?.background === 'warning', 'the warning background');
  });

  test('error: the last good values stay with a warning mark and the reason', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    const before = api.statusBar.view?.text ?? '';
    server.setScenario('leadping', '500');
    await vscode.commands.executeCommand('accountGlance.refreshService', 'leadping');
    const view = api.statusBar.view;
    assert.equal(view?.text, before.replace('$(credit-card)', '$(warning)'));
    assert.match(view?.tooltip ?? '', /Last refresh failed/);
  });

  test('which services, which counter, hiding: all settings', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    await setSetting('statusBar.services', ['signeasy']);
    await setSetting('statusBar.counters', { signeasy: 'envelopesUsed' });
    await waitFor(() => api.statusBar.view?.text === '$(credit-card) SE 40', 'only Signeasy, envelopes used');
    await setSetting('statusBar.enabled', false);
    await waitFor(() => api.statusBar.view?.visible === false, 'the item to hide');
  });

  test('a burst of refresh commands makes one request per endpoint', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    server.setScenario('signeasy', 'slow-400');
    const before = server.requests.length;
    await Promise.all(Array.from({ length: 200 }, () => vscode.commands.executeCommand('accountGlance.refresh')));
    const burst = server.requests.slice(before);
    assert.deepEqual(
      burst.map((request) => request.path),
      ['/v3/me/'],
    );
  });

  test('the schedule follows refreshIntervalMinutes: 0 turns it off', async () => {
    await setSetting('refreshIntervalMinutes', 1);
    await waitFor(() => {
      const due = api.schedule.nextDueAt();
      return due !== undefined && due - Date.now() <= 60_000 && due - Date.now() > 0;
    }, 'a refresh due within a minute');
    await setSetting('refreshIntervalMinutes', 0);
    await waitFor(() => api.schedule.nextDueAt() === undefined && api.pendingScheduleTimers === 0, 'no timer');
  });

  test('start-up path: the cache holds the last good snapshot (never a token), shown stale until refreshed', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    const cached = api.cache.load().find(([accountKey]) => accountKey === 'signeasy');
    assert.ok(cached, 'the snapshot was cached');
    assert.doesNotMatch(JSON.stringify(api.cache.load()), new RegExp(FAKE_TOKENS.signeasy));
    assert.ok(api.timings.activateMs >= 0 && api.timings.activateMs < 1000, `activate() returned in ${api.timings.activateMs} ms`);
  });
});
