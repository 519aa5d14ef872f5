// One alert per crossing, never nagging, in a real extension host: the notifications are
// captured (the test API answers them) instead of reaching the screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, type FakeServer } from '../fake-server';
import { setSetting, signIn, useFreshWorld } from './support/harness';

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
      api.alertAnswer = undefined;
    },
    async () => {
      await setSetting('alerts.lowCredit', undefined);
      await vscode.commands.executeCommand('accountGlance.resetAlerts');
    },
  );

  const refreshSigneasy = async () => {
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    await api.alertsDecided();
  };
  const kindsShown = () => shown().map((alert) => `${alert.severity}: ${alert.message}`);

  test('low once, silent while low, re-armed by a top-up, said again at the next fall', async () => {
    server.setScenario('signeasy', 'low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.equal(shown().length, 1, kindsShown().join('\n'));
    assert.match(shown()[0]?.message ?? '', /Signeasy/);
    assert.deepEqual(shown()[0]?.actions, ['Open Dashboard', 'Snooze for a Day', "Don't Warn About This"]);
    await refreshSigneasy();
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'nothing more while it stays low');
    server.setScenario('signeasy', 'normal');
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'a recovery says nothing');
    server.setScenario('signeasy', 'low');
    await refreshSigneasy();
    assert.equal(shown().length, 2, kindsShown().join('\n'));
  });

  test('used up: one error, not a low-credit warning as well', async () => {
    server.setScenario('signeasy', 'exhausted');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.deepEqual(
      shown().map((alert) => alert.severity),
      ['error'],
      kindsShown().join('\n'),
    );
  });

  test('"Don\'t Warn About This" mutes that alert for the account; Turn Alerts Back On undoes it', async () => {
    api.alertAnswer = "Don't Warn About This";
    server.setScenario('signeasy', 'low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.equal(shown().length, 1);
    server.setScenario('signeasy', 'normal');
    await refreshSigneasy();
    server.setScenario('signeasy', 'low');
    await refreshSigneasy();
    assert.equal(shown().length, 1, 'muted: not said at the next fall');
    await vscode.commands.executeCommand('accountGlance.resetAlerts');
    await refreshSigneasy();
    assert.equal(shown().length, 2, 'unmuted while still low: said once');
  });

  test('a kind turned off in settings is never said', async () => {
    await setSetting('alerts.lowCredit', false);
    server.setScenario('signeasy', 'low');
    await signInSettled(FAKE_TOKENS.signeasy);
    assert.deepEqual(shown(), []);
  });
});
