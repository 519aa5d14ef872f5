// One alert per crossing, never nagging, in a real extension host: the notifications are
// captured (the test API answers them) instead of reaching the screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, type FakeServer } from '../fake-server';
import { setSetting, signIn, useFreshWorld, waitFor } from './support/harness';

suite('Alerts: one per crossing', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  let alertsBefore = 0;
  /** The alerts shown during this test. */
  const shown = () => api.shownAlerts.slice(alertsBefore);
  const signInSettled = async (token: string) => {
    await signIn(api, 'signeasy', token);
    await api.alertsDecided();
  };
  useFreshWorld(
    (world) => {
      ({ api, server } = world);
      alertsBefore = api.shownAlerts.length;
      serving = 'normal';
      api.alertAnswer = undefined;
    },
    async () => {
      await setSetting('alerts.lowCredit', undefined);
      await vscode.commands.executeCommand('accountGlance.resetAlerts');
    },
  );

  /** What each scenario serves as Signeasy's envelopes available. */
  const ENVELOPES = { low: 7, normal: 1_760, exhausted: 0 } as const;
  let serving: keyof typeof ENVELOPES = 'normal';
  const serve = (scenario: keyof typeof ENVELOPES) => {
    serving = scenario;
    server.setScenario('signeasy', scenario);
  };
  const envelopes = () => api.refresher.state('signeasy').snapshot?.counters.find((counter) => counter.headline)?.value;
  /** Refreshes until the panel holds what the server serves now: a refresh begun before the scenario changed may answer the first ask. */
  const refreshSigneasy = async () => {
    await waitFor(async () => {
      await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      return envelopes() === ENVELOPES[serving];
    }, `Signeasy to show the ${serving} scenario`);
    await api.alertsDecided();
  };
  const kindsShown = () => shown().map((alert) => `${alert.severity}: ${alert.message}`);

  test('low once, silent while low, re-armed by a top-up, said again at the next fall', async () => {
    serve('low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.equal(shown().length, 1, kindsShown().join('\n'));
    assert.match(shown()[0]?.message ?? '', /Signeasy/);
    assert.deepEqual(shown()[0]?.actions, ['Open Dashboard', 'Snooze for a Day', "Don't Warn About This"]);
    await refreshSigneasy();
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'nothing more while it stays low');
    serve('normal');
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'a recovery says nothing');
    serve('low');
    await refreshSigneasy();
    assert.equal(shown().length, 2, kindsShown().join('\n'));
  });

  test('used up: one error, not a low-credit warning as well', async () => {
    serve('exhausted');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.deepEqual(
      shown().map((alert) => alert.severity),
      ['error'],
      kindsShown().join('\n'),
    );
  });

  test('"Don\'t Warn About This" mutes that alert for the account; Turn Alerts Back On undoes it', async () => {
    api.alertAnswer = "Don't Warn About This";
    serve('low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.equal(shown().length, 1);
    serve('normal');
    await refreshSigneasy();
    serve('low');
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'muted: not said at the next fall');
    await vscode.commands.executeCommand('accountGlance.resetAlerts');
    await refreshSigneasy();
    assert.equal(shown().length, 2, 'unmuted while still low: said once');
  });

  test('a kind turned off in settings is never said', async () => {
    await setSetting('alerts.lowCredit', false);
    serve('low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.deepEqual(shown(), []);
  });
});
