// Credit history and the run-out forecast in a real extension host: every good refresh adds to a
// local history, the forecast made from it shows in the panel and the status bar, the history
// chart opens from a command, and signing out deletes the history. The history is a file per
// account under the extension's global storage, never a globalState key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordSnapshot } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import { HistoryFiles } from '../../src/storage/historyFiles';
import { historyFolder } from '../../src/storage/stores';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { signeasySnapshot } from '../support/snapshotBuilder';
import { FAKE_TOKENS, type FakeServer } from '../fake-server';
import { freshWorld, removeTokenElsewhere, setSetting, signIn, testApi, treeLines, waitFor } from './support/harness';

suite('Credit history and forecast', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  let files: HistoryFiles;
  /** Signeasy's history file as it is now: its JSON value, or undefined while there is none. */
  const storedHistory = async () => {
    const stored = await files.read('signeasy');
    return stored.kind === 'value' ? stored.value : undefined;
  };

  suiteSetup(async () => {
    api = await testApi();
    files = new HistoryFiles(historyFolder(api.globalStorageUri));
  });
  setup(async () => {
    server = await freshWorld(api);
  });
  teardown(async () => {
    await setSetting('forecast.warningDays', undefined);
    await server.close();
  });

  /** Three days of Signeasy envelopes falling by 1,000 a day, ending an hour ago at the fake's 1,760 + 1,000/24. */
  function fallingHistory(): AccountHistory {
    const now = Date.now();
    let history: AccountHistory | undefined;
    for (let hoursAgo = 72; hoursAgo >= 1; hoursAgo -= 6) {
      const envelopes = Math.round(1_760 + (1_000 * hoursAgo) / 24);
      history = recordSnapshot(history, signeasySnapshot({ envelopes, fetchedAt: now - hoursAgo * 3_600_000 }));
    }
    assert.ok(history);
    return history;
  }

  test('each refresh is recorded; with too little history the panel says so instead of inventing a number', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    await waitFor(storedHistory, 'the history to be written');
    assert.deepEqual(
      (api.globalState.keys() ?? []).filter((key) => key.startsWith('accountGlance.history')),
      [],
      'no history in globalState, which VS Code stores whole at every update',
    );
    await waitFor(() => treeLines(api).find((line) => line.startsWith('Forecast: ')), 'the forecast row');
    assert.ok(treeLines(api).includes('Forecast: not enough history yet'), treeLines(api).join('\n'));
  });

  test('from three days of falling envelopes: a run-out date in the panel and tooltip, the warning colour, and the chart', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    await waitFor(storedHistory, 'the first record');
    await files.write('signeasy', fallingHistory());
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    const forecastLine = await waitFor(
      () => treeLines(api).find((line) => line.startsWith('Forecast: runs out')),
      'a run-out forecast in the panel',
    );
    assert.match(forecastLine, /^Forecast: runs out in about (1|2) days? \(/);
    assert.match(api.statusBar.view?.tooltip ?? '', /\$\(graph-line\) Envelopes available: ≈ 1,000 envelopes a day · runs out/);
    // 1,760 envelopes is far above the low-credit threshold (20), but they run out within 3 days.
    assert.equal(api.statusBar.view?.background, 'warning');
    await setSetting('forecast.warningDays', 0);
    await waitFor(() => api.statusBar.view?.background === 'none', 'no warning colour with the forecast warning off');

    await vscode.commands.executeCommand('accountGlance.showCreditHistory');
    const html = await waitFor(() => api.historyHtml, 'the history page');
    assert.match(html, /<svg/);
    assert.match(html, /<table/);
    assert.match(html, /Envelopes available/);
    assert.match(html, /Content-Security-Policy/);
    // Its stylesheet and script come from the extension's media/ folder, through webview URIs.
    assert.match(html, /<link rel="stylesheet" href="https:\/\/[^"]+\/media\/creditHistory\.css">/);
    assert.match(html, /<script nonce="[^"]+" src="https:\/\/[^"]+\/media\/creditHistory\.js"><\/script>/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('signing out deletes the history', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    await waitFor(storedHistory, 'the history to be written');
    await removeTokenElsewhere(api, 'signeasy');
    await waitFor(async () => (await storedHistory()) === undefined, 'the history file to be deleted');
  });
});
