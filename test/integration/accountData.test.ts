// An account's data stays its own, in a real extension host: what is known of an account (its
// credit history, what its alerts remember, its mutes) follows the account at the service, not the
// token. A new token for the same account keeps it, from another window or from this one; a token
// of someone else starts afresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordSnapshot } from '../../src/core/history/creditHistory';
import { HistoryFiles } from '../../src/storage/historyFiles';
import { historyFolder } from '../../src/storage/stores';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { leadpingSnapshot } from '../support/snapshotBuilder';
import { FAKE_TOKENS, scenarioToken } from '../fake-server';
import { ownAccount, setSetting, signIn, typeTokenInto, useFreshWorld, waitFor } from './support/harness';

const ALERTS_KEY = 'accountGlance.alerts.leadping';
/** A value no fake account has: while it is in the stored history, that history is the one seeded. */
const MARKER_VALUE = 987.65;
const MAYA_TOKEN = scenarioToken('leadping', 'demo');

suite('An account’s data stays its own', () => {
  let api: AccountGlanceTestApi;
  let alertsBefore = 0;
  useFreshWorld(
    (world) => {
      api = world.api;
      alertsBefore = api.shownAlerts.length;
    },
    async () => {
      api.alertAnswer = undefined;
      await setSetting('lowCredit', undefined);
      await vscode.commands.executeCommand('accountGlance.resetAlerts');
    },
  );
  const alertsShown = () => api.shownAlerts.slice(alertsBefore).map((alert) => alert.message);
  const historyFiles = () => new HistoryFiles(historyFolder(api.globalStorageUri));
  /** The first Leadping account's history file as text ('' while there is none). */
  const storedHistory = async () => {
    const stored = await historyFiles().read('leadping');
    return stored.kind === 'value' ? JSON.stringify(stored.value) : '';
  };
  const muted = () => JSON.stringify((api.globalState.get(ALERTS_KEY) as { muted?: unknown } | undefined)?.muted ?? []);

  /** Signed in as Jordan Avery, with an older history seeded and the low-credit alert muted. */
  const jordanWithHistoryAndMute = async () => {
    await setSetting('lowCredit', { leadping: 1_000_000 });
    api.alertAnswer = "Don't Warn About This";
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await api.alertsDecided();
    await waitFor(() => muted().includes('lowCredit'), 'the low-credit alert muted');
    await waitFor(storedHistory, 'the first record');
    const seeded = recordSnapshot(undefined, leadpingSnapshot({ balance: MARKER_VALUE, fetchedAt: Date.now() - 48 * 3_600_000 }));
    await historyFiles().write('leadping', seeded);
    await vscode.commands.executeCommand('accountGlance.refreshService', 'leadping');
    await api.alertsDecided();
    assert.ok((await storedHistory()).includes(String(MARKER_VALUE)), 'the seeded history is stored');
    api.alertAnswer = undefined;
    return alertsShown().length;
  };

  test('another window’s new token for the same account keeps its history and mutes; another person’s starts afresh', async () => {
    const alertsAtStart = await jordanWithHistoryAndMute();
    // Another token of Jordan's (the fake serves the same account for a `.suffix`).
    await signIn(api, 'leadping', ownAccount(FAKE_TOKENS.leadping));
    await api.alertsDecided();
    assert.equal(api.refresher.state('leadping').snapshot?.identity.displayName, 'Jordan Avery');
    assert.ok((await storedHistory()).includes(String(MARKER_VALUE)), 'the same account keeps its history');
    assert.match(muted(), /lowCredit/, 'and its mutes');
    assert.equal(alertsShown().length, alertsAtStart, 'still muted: no alert');

    // Maya's token: another account under the same key.
    await signIn(api, 'leadping', MAYA_TOKEN);
    await api.alertsDecided();
    assert.equal(api.refresher.state('leadping').snapshot?.identity.displayName, 'Maya Okafor');
    await waitFor(async () => !(await storedHistory()).includes(String(MARKER_VALUE)), 'Jordan’s history gone from Maya’s account');
    assert.doesNotMatch(muted(), /lowCredit/, 'Jordan’s mute does not silence Maya');
    assert.ok(
      alertsShown().some((message) => /Leadping balance is low/.test(message)),
      `Maya's low balance is said: ${alertsShown().join(' | ')}`,
    );
  });

  test('in this window, Set API Token with another person’s token starts afresh; with the same person’s keeps', async () => {
    await jordanWithHistoryAndMute();
    const typeToken = (token: string) => typeTokenInto(api, 'accountGlance.setToken', 'leadping', token);
    api.prompts = { ...api.prompts, notify: async () => undefined };
    assert.equal(await typeToken(ownAccount(FAKE_TOKENS.leadping)), 'leadping');
    await api.alertsDecided();
    assert.ok((await storedHistory()).includes(String(MARKER_VALUE)), 'the same account keeps its history');
    assert.match(muted(), /lowCredit/);

    assert.equal(await typeToken(MAYA_TOKEN), 'leadping', 'the row’s account takes the token');
    await api.alertsDecided();
    await waitFor(async () => !(await storedHistory()).includes(String(MARKER_VALUE)), 'the history started afresh');
    assert.doesNotMatch(muted(), /lowCredit/);
  });

  test('the same account added twice (saved while the service could not be asked) becomes one on its first good refresh', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    // A further key for the same account, as "Save Anyway" makes when nothing can tell whose a token is.
    const duplicate = 'leadping~0dd0dd0d';
    await api.secrets.store('accountGlance.accounts', JSON.stringify({ version: 1, accounts: { [duplicate]: {} }, removed: {} }));
    await waitFor(() => api.refresher.has(duplicate), 'the listed account to appear');
    await api.tokens.save(
      duplicate,
      ownAccount(FAKE_TOKENS.leadping),
      new URL(String(vscode.workspace.getConfiguration('accountGlance').get('leadping.baseUrl'))).origin,
    );
    await vscode.commands.executeCommand('accountGlance.refresh');
    await waitFor(() => !api.refresher.has(duplicate), 'the duplicate merged away');
    assert.deepEqual(
      api.refresher
        .statesOf('leadping')
        .filter((state) => state.signedIn)
        .map((state) => state.accountKey),
      ['leadping'],
      'one row',
    );
    assert.equal(await api.secrets.get(`accountGlance.token.${duplicate}`), undefined, 'the duplicate’s entry is gone');
    await waitFor(() => !/LP[12]/.test(api.statusBar.view?.text ?? ''), 'one status-bar entry');
  });
});
