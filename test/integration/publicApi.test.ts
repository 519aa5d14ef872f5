// What other extensions and chat read, in a real extension host: the exported API (versioned,
// read-only, never a token, an event on change) and the language-model tool, invoked the way a
// chat model's request invokes it (vscode.lm.invokeTool).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceAccount, AccountGlanceApi } from '../../src/api/accountGlanceApi';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS } from '../fake-server';
import { EXTENSION_ID, removeTokenElsewhere, signIn, useFreshWorld, waitFor } from './support/harness';

const TOOL = 'accountGlance_getAccounts';

/** The tool's answer as text, as the chat model receives it. */
async function askTool(input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

suite('For other extensions and chat', () => {
  let api: AccountGlanceTestApi;
  let exported: AccountGlanceApi;
  useFreshWorld(async (world) => {
    api = world.api;
    exported = (await vscode.extensions.getExtension<AccountGlanceApi>(EXTENSION_ID)?.activate()) ?? assert.fail('no exports');
  });

  const accounts = () => exported.getAccounts();
  const envelopes = (account: AccountGlanceAccount | undefined) => account?.counters.find((counter) => counter.headline)?.value;

  test('the exported API: version 1, the signed-in accounts, an event when they change, and never a token', async () => {
    assert.equal(exported.version, 1);
    assert.deepEqual(accounts(), []);
    let changes = 0;
    const listening = exported.onDidChangeAccounts(() => changes++);
    try {
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      await waitFor(() => changes > 0, 'onDidChangeAccounts after signing in');
      const [account, ...others] = accounts();
      assert.deepEqual(others, []);
      assert.equal(account?.service.name, 'Signeasy');
      assert.equal(account?.status, 'fresh');
      assert.equal(account?.profile?.name, 'John Doe');
      assert.equal(envelopes(account), 1760);
      assert.ok(Object.isFrozen(account), 'read-only');
      assert.ok(!JSON.stringify(accounts()).includes(FAKE_TOKENS.signeasy), 'no token');

      const before = changes;
      await removeTokenElsewhere(api, 'signeasy');
      await waitFor(() => changes > before && accounts().length === 0, 'the account gone, and listeners told');
    } finally {
      listening.dispose();
    }
  });

  test('the language-model tool is registered and answers from the accounts held: envelopes left, no token', async () => {
    assert.ok(
      vscode.lm.tools.some((tool) => tool.name === TOOL),
      'listed in vscode.lm.tools',
    );
    assert.match(await askTool({}), /no signed-in account/);
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);

    const signeasyOnly = await askTool({ service: 'Signeasy' });
    assert.match(signeasyOnly, /## Signeasy/);
    assert.match(signeasyOnly, /1,760/);
    assert.match(signeasyOnly, /"value": 1760/);
    assert.doesNotMatch(signeasyOnly, /Leadping/);

    const everything = await askTool({});
    assert.match(everything, /## Leadping/);
    assert.match(everything, /\$18\.75/);
    for (const token of Object.values(FAKE_TOKENS)) assert.ok(!everything.includes(token), 'no token in the answer');
  });
});
