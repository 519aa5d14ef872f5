// Several accounts per service in a real extension host: signing in through the token box adds an
// account beside the others, the same account again is recognised, labels and pins reach every
// surface and survive as the list in secret storage, another window's accounts arrive, and one
// account goes without touching the rest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceApi } from '../../src/api/accountGlanceApi';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, scenarioToken, startFakeServer } from '../fake-server';
import { TokenStore } from '../../src/storage/tokenStore';
import { cleanDetails } from '../../src/storage/accountIndex';
import {
  ACCOUNT_LIST_KEY,
  answering,
  configuredOrigin,
  EXTENSION_ID,
  readLogText,
  setSetting,
  treeLines,
  typeTokenInto,
  useFreshWorld,
  waitFor,
} from './support/harness';

const MAYA_TOKEN = scenarioToken('leadping', 'demo');

suite('Several accounts per service', () => {
  let api: AccountGlanceTestApi;
  useFreshWorld((world) => (api = world.api));

  /** Types `token` into the box Add Account opens for `service`, and waits for the command to finish. */
  const addAccount = (service: string, token: string) => typeTokenInto(api, 'accountGlance.addAccount', service, token);
  /** The stored list of accounts as the previous release reads it: its version, each account's label and pin (no change stamps). */
  const storedList = async () => {
    const record = JSON.parse((await api.secrets.get(ACCOUNT_LIST_KEY)) ?? '{}') as {
      version?: unknown;
      accounts?: Record<string, { label?: unknown; pinned?: unknown }>;
    };
    const accounts = Object.entries(record.accounts ?? {}).map(([key, details]) => [key, cleanDetails(details)]);
    return { version: record.version, accounts: Object.fromEntries(accounts) };
  };
  const rootLines = () => api.tree.getChildren().map((row) => `${row.label}: ${row.description ?? ''}`);
  const leadpingKeys = () => api.refresher.statesOf('leadping').map((state) => state.accountKey);
  const secondKey = () => {
    const [, second] = leadpingKeys();
    assert.ok(second, 'a second Leadping account');
    return second;
  };

  test('two Leadping accounts and a Signeasy one: a row each, refreshed each with its own token, LP1 · LP2 · SE in the status bar', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    await addAccount('signeasy', FAKE_TOKENS.signeasy);
    // Three accounts: each line carries its headline value.
    assert.deepEqual(rootLines(), [
      'Leadping: Jordan Avery · $18.75',
      'Leadping: Maya Okafor · $3.20 · low balance, auto-refill off',
      'Signeasy: John Doe · 1,760',
    ]);
    assert.match(secondKey(), /^leadping~[0-9a-f]{8}$/);
    assert.equal((await api.tokens.read('leadping'))?.token, FAKE_TOKENS.leadping);
    assert.equal((await api.tokens.read(secondKey()))?.token, MAYA_TOKEN);
    const view = await waitFor(() => api.statusBar.view?.text.includes('LP2') && api.statusBar.view, 'the status bar with both');
    assert.match(view.text, /LP1 \$18\.75 · LP2 \$3\.20 \$\(arrow-down\) · SE 1,760/);
    // A person's refresh asks every account, each with its own token.
    await vscode.commands.executeCommand('accountGlance.refresh');
    assert.deepEqual(
      api.refresher
        .states()
        .filter((state) => state.signedIn)
        .map((state) => [
          state.accountKey === 'leadping' || state.accountKey === 'signeasy' ? state.accountKey : 'second',
          state.snapshot?.identity.displayName,
        ]),
      [
        ['leadping', 'Jordan Avery'],
        ['second', 'Maya Okafor'],
        ['signeasy', 'John Doe'],
      ],
    );
    // The further account is listed in secret storage (no token in the list); its snapshot is cached under its key.
    assert.deepEqual(await storedList(), { version: 1, accounts: { [secondKey()]: {} } });
    const list = (await api.secrets.get(ACCOUNT_LIST_KEY)) ?? '';
    assert.ok(api.cache.load().some(([key, snapshot]) => key === secondKey() && snapshot.identity.displayName === 'Maya Okafor'));
    const log = await readLogText(api);
    for (const token of [FAKE_TOKENS.leadping, MAYA_TOKEN])
      assert.ok(!log.includes(token) && !list.includes(token), 'no token in the log or the list');
  });

  test('the same account signed in again is recognised by the id the service returns: its token is replaced, nothing is duplicated', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    const again = `${FAKE_TOKENS.leadping}.rotated`;
    await addAccount('leadping', again);
    assert.deepEqual(rootLines(), [
      'Leadping: Jordan Avery',
      'Leadping: Maya Okafor · low balance, auto-refill off',
      'Signeasy: Not signed in',
    ]);
    assert.equal((await api.tokens.read('leadping'))?.token, again, 'the first account now uses the new token');
    assert.equal((await api.tokens.read(secondKey()))?.token, MAYA_TOKEN, 'the other account is untouched');
  });

  test('a label and a pin: the tree, the status bar and the list follow; removing one account leaves the others', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    await addAccount('signeasy', FAKE_TOKENS.signeasy);
    const maya = secondKey();
    api.prompts = answering({ askText: async () => '  Client A ' });
    await vscode.commands.executeCommand('accountGlance.renameAccount', maya);
    await vscode.commands.executeCommand('accountGlance.pinAccount', maya);
    assert.deepEqual(rootLines(), [
      'Leadping: Jordan Avery · $18.75',
      'Leadping · Client A: Maya Okafor · $3.20 · low balance, auto-refill off',
      'Signeasy: John Doe · 1,760',
    ]);
    assert.equal(api.tree.getChildren()[1]?.contextValue, 'service.signedIn.pinned', 'its menu offers Unpin');
    await waitFor(() => api.statusBar.view?.text.endsWith('LP $3.20 $(arrow-down)'), 'only the pinned account in the status bar');
    assert.match(api.statusBar.view?.tooltip ?? '', /### Leadping · Client A — Maya Okafor/);
    assert.deepEqual(await storedList(), { version: 1, accounts: { [maya]: { label: 'Client A', pinned: true } } });
    await vscode.commands.executeCommand('accountGlance.unpinAccount', maya);
    await waitFor(() => api.statusBar.view?.text.includes('LP1 $18.75 · LP2 $3.20 $(arrow-down) · SE 1,760'), 'every account again');

    // Remove API Token on Maya's row: confirmed, only that account goes.
    api.prompts = answering({ confirm: async () => true });
    await vscode.commands.executeCommand('accountGlance.removeToken', maya);
    assert.deepEqual(rootLines(), ['Leadping: Jordan Avery', 'Signeasy: John Doe']);
    assert.equal(await api.secrets.get(TokenStore.keyFor(maya)), undefined, 'its token is deleted');
    assert.deepEqual(await storedList(), { version: 1, accounts: {} });
    assert.ok(!api.cache.load().some(([key]) => key === maya), 'its cached snapshot went too');
    assert.equal((await api.tokens.read('leadping'))?.token, FAKE_TOKENS.leadping);
  });

  test('another window adds an account, labels it and signs it out: this window follows each step', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    const key = 'leadping~0a1b2c3d';
    // What another window's Add Account writes: the list first, then the token.
    await api.secrets.store(ACCOUNT_LIST_KEY, JSON.stringify({ version: 1, accounts: { [key]: {} } }));
    await api.secrets.store(
      TokenStore.keyFor(key),
      JSON.stringify({ version: 2, token: MAYA_TOKEN, origin: configuredOrigin('leadping') }),
    );
    await waitFor(
      () =>
        rootLines().join('\n') === 'Leadping: Jordan Avery\nLeadping: Maya Okafor · low balance, auto-refill off\nSigneasy: Not signed in',
      "the other window's account here",
    );
    await api.secrets.store(ACCOUNT_LIST_KEY, JSON.stringify({ version: 1, accounts: { [key]: { label: 'Harbor Lane' } } }));
    await waitFor(() => api.refresher.has(key) && api.refresher.state(key).label === 'Harbor Lane', 'its label here');
    await api.secrets.delete(TokenStore.keyFor(key));
    await api.secrets.store(ACCOUNT_LIST_KEY, JSON.stringify({ version: 1, accounts: {} }));
    await waitFor(() => !api.refresher.has(key), 'signed out here');
    assert.deepEqual(rootLines(), ['Leadping: Jordan Avery', 'Signeasy: Not signed in']);
  });

  test('the Accounts menu lists each account; signing one out from it leaves the other', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    const labels = async () => (await vscode.authentication.getAccounts('accountglance')).map((account) => account.label).sort();
    await waitFor(async () => (await labels()).length === 2, 'two accounts in the Accounts menu');
    assert.deepEqual(await labels(), [
      'Leadping: Jordan Avery (jordan@acmeleads.example)',
      'Leadping: Maya Okafor (maya@harborlane-realty.example)',
    ]);
    const sessions = await api.accountsProvider.getSessions(['leadping']);
    assert.deepEqual(
      sessions.map((session) => [session.id, session.accessToken === MAYA_TOKEN || session.accessToken === FAKE_TOKENS.leadping]),
      [
        ['leadping', true],
        [secondKey(), true],
      ],
    );
    await api.accountsProvider.removeSession(secondKey());
    await waitFor(
      async () => (await labels()).join() === 'Leadping: Jordan Avery (jordan@acmeleads.example)',
      'Maya gone from the Accounts menu',
    );
    assert.deepEqual(leadpingKeys(), ['leadping']);
  });

  test('the exported API and the chat tool give each account, by its key and label, never a token', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    api.prompts = answering({ askText: async () => 'Client A' });
    await vscode.commands.executeCommand('accountGlance.renameAccount', secondKey());
    const exported = (await vscode.extensions.getExtension<AccountGlanceApi>(EXTENSION_ID)?.activate()) ?? assert.fail('no exports');
    assert.deepEqual(
      exported.getAccounts().map((account) => [account.accountId, account.service.id, account.label, account.profile?.name]),
      [
        ['leadping', 'leadping', undefined, 'Jordan Avery'],
        [secondKey(), 'leadping', 'Client A', 'Maya Okafor'],
      ],
    );
    const result = await vscode.lm.invokeTool('accountGlance_getAccounts', {
      input: { service: 'leadping' },
      toolInvocationToken: undefined,
    });
    const answer = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(answer, /## Leadping\n/);
    assert.match(answer, /## Leadping · Client A\n/);
    assert.match(answer, /Maya Okafor/);
    for (const token of [FAKE_TOKENS.leadping, MAYA_TOKEN]) assert.ok(!answer.includes(token), 'no token in the answer');
  });

  test('a new base URL asks once for every account of the service; a yes moves both tokens, nothing went there before', async () => {
    await addAccount('leadping', FAKE_TOKENS.leadping);
    await addAccount('leadping', MAYA_TOKEN);
    const other = await startFakeServer();
    try {
      const questions: string[] = [];
      let answer: (yes: boolean) => void = () => undefined;
      api.prompts = answering({
        confirm: (message) => {
          questions.push(message);
          return new Promise((resolve) => (answer = resolve));
        },
      });
      await setSetting('leadping.baseUrl', other.url);
      await waitFor(() => questions.length > 0, 'the person to be asked');
      assert.deepEqual(questions, [`Send your 2 Leadping tokens to ${other.url}?`]);
      assert.deepEqual(other.requests, [], 'nothing was sent before the yes');
      answer(true);
      await waitFor(
        () => api.refresher.statesOf('leadping').every((state) => state.snapshot && !state.error && !state.refreshing),
        'both accounts loaded from the new address',
      );
      for (const key of leadpingKeys()) assert.equal((await api.tokens.read(key))?.origin, new URL(other.url).origin);
      assert.deepEqual(questions.length, 1, 'asked once');
    } finally {
      // The next test's fresh world deletes both tokens before it points the setting back.
      await other.close();
    }
  });

  test("a token 0.1.0 saved (a bare string under the service's key) stays the first account when another is added", async () => {
    await api.secrets.store(TokenStore.keyFor('leadping'), FAKE_TOKENS.leadping);
    await vscode.commands.executeCommand('accountGlance.refresh');
    await addAccount('leadping', MAYA_TOKEN);
    assert.deepEqual(rootLines(), [
      'Leadping: Jordan Avery',
      'Leadping: Maya Okafor · low balance, auto-refill off',
      'Signeasy: Not signed in',
    ]);
    assert.deepEqual(await api.tokens.read('leadping'), { token: FAKE_TOKENS.leadping, origin: configuredOrigin('leadping') });
    assert.deepEqual(
      treeLines(api).filter((line) => line.startsWith('Balance')),
      ['Balance: $18.75', 'Balance: $3.20'],
    );
  });
});
