// VS Code's Accounts menu and other extensions' sessions (vscode.authentication) in a real
// extension host: the provider lists each signed-in account under a label of its own, follows
// sign-in and sign-out, hands the saved token only through a session VS Code granted, and a
// session created for an extension is exactly the account whose token was typed. (The consent
// VS Code asks for around createSession is clicked in the UI tier: test/ui/sessions.test.mjs.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, scenarioToken } from '../fake-server';
import { removeTokenElsewhere, signIn, useFreshWorld, waitFor } from './support/harness';

const PROVIDER = 'accountglance';
const MAYA_TOKEN = scenarioToken('leadping', 'demo');
/** Another Jordan Avery: the same name, another email and id (test/fake-server/namesake.ts). */
const NAMESAKE_TOKEN = scenarioToken('leadping', 'namesake');
const JORDAN_LABEL = 'Leadping: Jordan Avery (jordan@acmeleads.example)';
const NAMESAKE_LABEL = 'Leadping: Jordan Avery (jordan@namesake.example)';
const JOHN_LABEL = 'Signeasy: John Doe (john@example.com)';

suite('The Accounts menu (authentication provider)', () => {
  let api: AccountGlanceTestApi;
  useFreshWorld((world) => (api = world.api));

  const accountLabels = async () => (await vscode.authentication.getAccounts(PROVIDER)).map((account) => account.label).sort();
  const leadpingKeys = () => api.refresher.statesOf('leadping').map((state) => state.accountKey);

  /** Makes the next token box take `token`, as a person typing it and pressing Enter. */
  const typeNextToken = (token: string) => {
    api.onDidShowInputBox = (box) => {
      api.onDidShowInputBox = undefined;
      box.value = token;
      void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
  };
  /** Adds a Leadping account through the token box, as Add Account does. */
  const addLeadpingAccount = async (token: string) => {
    typeNextToken(token);
    await vscode.commands.executeCommand('accountGlance.addAccount', 'leadping');
  };

  test('each signed-in service is an account, named by its holder and their email; signing out anywhere removes it', async () => {
    assert.deepEqual(await accountLabels(), []);
    let changes = 0;
    const listening = vscode.authentication.onDidChangeSessions((event) => {
      if (event.provider.id === PROVIDER) changes++;
    });
    try {
      await signIn(api, 'leadping', FAKE_TOKENS.leadping);
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      await waitFor(async () => (await accountLabels()).length === 2, 'both accounts in the Accounts menu');
      assert.deepEqual(await accountLabels(), [JORDAN_LABEL, JOHN_LABEL]);
      assert.ok(changes > 0, 'VS Code was told the sessions changed');

      await removeTokenElsewhere(api, 'leadping');
      await waitFor(async () => (await accountLabels()).join() === JOHN_LABEL, 'Leadping gone from the Accounts menu');
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
    assert.equal(session.account.label, JOHN_LABEL);
    assert.ok(session.accessToken === FAKE_TOKENS.signeasy, 'the session carries the saved Signeasy token');
    assert.deepEqual(await api.accountsProvider.getSessions(['leadping']), [], 'no Leadping session while Leadping is signed out');
  });

  test('two holders of one name are two accounts with two labels; the namesake never takes the label of the one gone', async () => {
    await addLeadpingAccount(FAKE_TOKENS.leadping);
    await addLeadpingAccount(NAMESAKE_TOKEN);
    await waitFor(async () => (await accountLabels()).length === 2, 'both Jordan Averys in the Accounts menu');
    // VS Code keeps an extension's access per label: one label each, or consent for one covers both.
    assert.deepEqual(await accountLabels(), [JORDAN_LABEL, NAMESAKE_LABEL]);
    // The panel and the pick lists (here Sign Out's) tell them apart by email too.
    const rows = api.tree.getChildren().filter((row) => leadpingKeys().includes(row.id));
    assert.deepEqual(
      rows.map((row) => row.description),
      ['Jordan Avery (jordan@acmeleads.example)', 'Jordan Avery (jordan@namesake.example)'],
    );
    const shownBefore = api.shownTexts.length;
    const signingOut = vscode.commands.executeCommand('accountGlance.removeToken');
    const picked = () => api.shownTexts.slice(shownBefore).filter((text) => text.startsWith('signed in as'));
    await waitFor(() => picked().length === 2, 'the Sign Out pick list');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await signingOut;
    assert.deepEqual(picked(), [
      'signed in as Jordan Avery (jordan@acmeleads.example)',
      'signed in as Jordan Avery (jordan@namesake.example)',
    ]);
    assert.equal(leadpingKeys().length, 2, 'the pick list was dismissed: nobody was signed out');
    await api.accountsProvider.removeSession('leadping');
    await waitFor(async () => (await accountLabels()).join() === NAMESAKE_LABEL, 'the first Jordan Avery gone');
  });

  test('a session created for an extension is the account whose token was typed: a new one, or the one already held, never the first', async () => {
    await addLeadpingAccount(FAKE_TOKENS.leadping);
    typeNextToken(MAYA_TOKEN);
    const maya = await api.accountsProvider.createSession(['leadping']);
    const [, mayaKey] = leadpingKeys();
    assert.ok(mayaKey, 'Maya Okafor is a second Leadping account');
    assert.deepEqual([maya.id, maya.account.id, maya.scopes], [mayaKey, mayaKey, ['leadping']]);
    assert.ok(maya.accessToken === MAYA_TOKEN, "the session carries Maya Okafor's token");

    // Her token again: the account Account Glance holds already (the second), not the first.
    typeNextToken(MAYA_TOKEN);
    const again = await api.accountsProvider.createSession(['leadping']);
    assert.equal(again.id, mayaKey);
    assert.ok(again.accessToken === MAYA_TOKEN, "the session carries Maya Okafor's token, not Jordan Avery's");
    assert.equal(leadpingKeys().length, 2, 'nothing was added');
    assert.equal(again.account.label, 'Leadping: Maya Okafor (maya@harborlane-realty.example)');
  });

  test('a session creation cancelled in the token box is a CancellationError, never another account’s session', async () => {
    await addLeadpingAccount(FAKE_TOKENS.leadping);
    api.onDidShowInputBox = (box) => {
      api.onDidShowInputBox = undefined;
      box.hide();
    };
    await assert.rejects(api.accountsProvider.createSession(['leadping']), (error) => error instanceof vscode.CancellationError);
    assert.deepEqual(leadpingKeys(), ['leadping']);
  });

  test('asked about one account (as VS Code asks for an extension’s chosen account), only its session', async () => {
    await addLeadpingAccount(FAKE_TOKENS.leadping);
    await addLeadpingAccount(MAYA_TOKEN);
    const [, mayaKey] = leadpingKeys();
    assert.ok(mayaKey, 'a second Leadping account');
    const sessions = await api.accountsProvider.getSessions(['leadping'], { account: { id: mayaKey, label: 'whatever it was called' } });
    assert.deepEqual(
      sessions.map((session) => session.id),
      [mayaKey],
    );
  });
});
