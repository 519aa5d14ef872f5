// A third service is one adapter file: run against a build of the extension whose registry also
// holds the test-only Stampbox adapter (test/third-service/), with the shipped package.json, this
// suite checks that Stampbox reaches the panel, the status bar, the sign-in choice, the low-credit
// warning, the Accounts menu, the exported API, the chat tool and the fake server without any other change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TokenStore } from '../../src/storage/tokenStore';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { startFakeServer, type FakeServer } from '../fake-server';
import { stampbox } from '../third-service/fakeStampbox';
import type { AccountGlanceApi } from '../../src/api/accountGlanceApi';
import { answering, EXTENSION_ID, setSetting, testApi, treeLines, waitFor } from './support/harness';

suite('A third service, added as one adapter', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;

  suiteSetup(async () => {
    api = await testApi();
    server = await startFakeServer({ services: [stampbox] });
    // The one object setting holds every service's address: Stampbox needs no setting of its own.
    await setSetting('baseUrl', { stampbox: server.url });
  });
  suiteTeardown(async () => {
    await setSetting('baseUrl', undefined);
    await server.close();
  });

  async function signInToStampbox(token: string): Promise<void> {
    const before = Date.now();
    await api.secrets.store(TokenStore.keyFor('stampbox'), JSON.stringify({ version: 2, token, origin: new URL(server.url).origin }));
    await waitFor(() => {
      const state = api.refresher.state('stampbox');
      return state.signedIn && !state.refreshing && (state.snapshot?.fetchedAt ?? 0) >= before;
    }, 'Stampbox to load');
  }

  test('Set API Token offers it among the services (the welcome view has one button for all)', async () => {
    const offered: string[] = [];
    api.prompts = answering({
      pickService: async (candidates) => {
        offered.push(...candidates.map((candidate) => candidate.label));
        return undefined;
      },
    });
    await vscode.commands.executeCommand('accountGlance.setToken');
    // The adapters first, then the presets (services as data files, presets/).
    assert.deepEqual(offered, ['Leadping', 'Signeasy', 'Stampbox', 'Telnyx', 'Twilio', 'OpenRouter', 'DIDWW']);
  });

  test('its account shows in the panel, the status bar, the Accounts menu, the exported API and the chat tool, from the fake server', async () => {
    await signInToStampbox(stampbox.token);
    const lines = treeLines(api);
    assert.ok(
      lines.some((line) => line.startsWith('Stampbox: Ada Byron')),
      lines.join('\n'),
    );
    assert.ok(lines.includes('Stamps: 240'), lines.join('\n'));
    assert.match(api.statusBar.view?.text ?? '', /SB 240/);
    assert.ok(server.requests.some((request) => request.path === '/v1/account'));

    // The Accounts menu, the exported API and the chat tool go by the registry too.
    await waitFor(
      async () =>
        (await vscode.authentication.getAccounts('accountglance')).some(
          (account) => account.label === 'Stampbox: Ada Byron (ada@stampbox.example)',
        ),
      'Stampbox in the Accounts menu',
    );
    const exported = (await vscode.extensions.getExtension<AccountGlanceApi>(EXTENSION_ID)?.activate()) ?? assert.fail('no exports');
    const account = exported.getAccounts().find((candidate) => candidate.service.id === 'stampbox');
    assert.equal(account?.counters.find((counter) => counter.headline)?.value, 240);
    const answer = await vscode.lm.invokeTool('accountGlance_getAccounts', {
      input: { service: 'Stampbox' },
      toolInvocationToken: undefined,
    });
    const text = answer.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, /## Stampbox/);
  });

  test('the low-credit warning uses its own default threshold (10) and the shared setting', async () => {
    await signInToStampbox(`${stampbox.scenarioTokenPrefix}low`);
    assert.equal(api.statusBar.view?.background, 'warning');
    await setSetting('lowCredit', { stampbox: 2 });
    await waitFor(() => api.statusBar.view?.background === 'none', 'no warning under a threshold of 2');
    await setSetting('lowCredit', undefined);
    await signInToStampbox(`${stampbox.scenarioTokenPrefix}exhausted`);
    assert.equal(api.statusBar.view?.background, 'error');
  });
});
