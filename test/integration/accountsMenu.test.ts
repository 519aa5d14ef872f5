// VS Code's Accounts menu and other extensions' sessions (vscode.authentication) in a real
// extension host: the provider lists each signed-in service's account, follows sign-in and
// sign-out, and hands the saved token only through a session VS Code granted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS } from '../fake-server';
import { removeTokenElsewhere, signIn, useFreshWorld, waitFor } from './support/harness';

const PROVIDER = 'accountglance';

suite('The Accounts menu (authentication provider)', () => {
  let api: AccountGlanceTestApi;
  useFreshWorld((world) => (api = world.api));

  const accountLabels = async () => (await vscode.authentication.getAccounts(PROVIDER)).map((account) => account.label).sort();

  test('each signed-in service is an account, named by its holder; signing out anywhere removes it', async () => {
    assert.deepEqual(await accountLabels(), []);
    let changes = 0;
    const listening = vscode.authentication.onDidChangeSessions((event) => {
      if (event.provider.id === PROVIDER) changes++;
    });
    try {
      await signIn(api, 'leadping', FAKE_TOKENS.leadping);
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      await waitFor(async () => (await accountLabels()).length === 2, 'both accounts in the Accounts menu');
      assert.deepEqual(await accountLabels(), ['Leadping: Jordan Avery', 'Signeasy: John Doe']);
      assert.ok(changes > 0, 'VS Code was told the sessions changed');

      await removeTokenElsewhere(api, 'leadping');
      await waitFor(async () => (await accountLabels()).join() === 'Signeasy: John Doe', 'Leadping gone from the Accounts menu');
    } finally {
      listening.dispose();
    }
  });

  test('a session for one service, by its id as the scope, carries that service’s saved token; none is handed out without consent', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    // Asked without a prompt, VS Code gives nothing: a session needs the person's consent first.
    assert.equal(await vscode.authentication.getSession(PROVIDER, ['signeasy'], { silent: true }), undefined);
    const [session, ...others] = await api.accountsProvider.getSessions(['signeasy']);
    assert.deepEqual(others, []);
    assert.ok(session, 'the provider has a Signeasy session');
    assert.deepEqual(session.scopes, ['signeasy']);
    assert.equal(session.account.label, 'Signeasy: John Doe');
    assert.ok(session.accessToken === FAKE_TOKENS.signeasy, 'the session carries the saved Signeasy token');
    assert.deepEqual(await api.accountsProvider.getSessions(['leadping']), [], 'no Leadping session while Leadping is signed out');
  });
});
