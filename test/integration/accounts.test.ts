// The Accounts panel in a real extension host: commands, tokens in SecretStorage, tree contents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { describeError } from '../../src/views/viewModels/errorWording';
import { FAKE_TOKENS, scenarioToken, type FakeServer } from '../fake-server';
import { answering, serviceRowOf, signIn, treeLines, waitFor, removeTokenElsewhere, readLogText, useFreshWorld } from './support/harness';

suite('Accounts panel', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld((world) => ({ api, server } = world));

  test('every command is registered and the palette shows all but the item-only ones', async () => {
    const registered = await vscode.commands.getCommands(true);
    const manifest = vscode.extensions.getExtension('accountglance.account-glance')?.packageJSON as {
      contributes: { commands: { command: string }[]; menus: { commandPalette: { command: string; when: string }[] } };
    };
    const hidden = manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command);
    assert.deepEqual(hidden.sort(), [
      'accountGlance.confirmBaseUrl',
      'accountGlance.copyValue',
      'accountGlance.refreshService',
      'accountGlance.showStatusMenu',
    ]);
    for (const { command } of manifest.contributes.commands) assert.ok(registered.includes(command), `${command} is registered`);
    for (const command of [
      'accountGlance.refresh',
      'accountGlance.setToken',
      'accountGlance.removeToken',
      'accountGlance.openDashboard',
      'accountGlance.showLog',
    ]) {
      assert.ok(!hidden.includes(command), `${command} is in the palette`);
    }
  });

  test('with no token the tree is empty, so the welcome view shows one button that offers every service', () => {
    assert.deepEqual(api.tree.getChildren(), []);
    const manifest = vscode.extensions.getExtension('accountglance.account-glance')?.packageJSON as {
      contributes: { viewsWelcome: { contents: string }[] };
    };
    const welcome = manifest.contributes.viewsWelcome[0]?.contents ?? '';
    // No service is named: the command asks which one, from the registry, so a new service needs no link.
    assert.match(welcome, /\(command:accountGlance\.setToken\)/);
    assert.doesNotMatch(welcome, /leadping|signeasy/i);
  });

  test('setting a token through the input box stores it in SecretStorage and nowhere else', async () => {
    const token = FAKE_TOKENS.leadping;
    api.onDidShowInputBox = (box) => {
      assert.equal(box.password, true, 'a password box');
      box.value = `  Bearer ${token}  `;
      void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    await vscode.commands.executeCommand('accountGlance.setToken', 'leadping');
    assert.equal((await api.tokens.read('leadping'))?.token, token, 'trimmed, "Bearer " stripped, stored');
    const leadping = api.refresher.state('leadping');
    assert.equal(leadping.snapshot?.identity.email, 'jordan@acmeleads.example');
    // Not in settings, not in the cached snapshot, not in the tree, not in the log.
    assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('accountGlance')), new RegExp(token));
    assert.doesNotMatch(JSON.stringify(api.cache.load()), new RegExp(token));
    assert.doesNotMatch(treeLines(api).join('\n'), new RegExp(token));
    assert.doesNotMatch(JSON.stringify(api.statusBar.view), new RegExp(token));
    const log = await waitFor(
      async () => (await readLogText(api)).includes('API token saved') && readLogText(api),
      'the log to be written',
    );
    assert.doesNotMatch(log, new RegExp(token));
    assert.doesNotMatch(log, /Authorization/i);
  });

  /** Runs Set API Token for `service` and types `value` into its box; `box()` is the box once it showed. */
  function typeIntoTokenBox(service: string, value: string): { running: Thenable<unknown>; box: () => vscode.InputBox | undefined } {
    let shown: vscode.InputBox | undefined;
    api.onDidShowInputBox = (box) => {
      shown = box;
      box.value = value;
      void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    return { running: vscode.commands.executeCommand('accountGlance.setToken', service), box: () => shown };
  }

  test('a rejected token is not stored and the box says why', async () => {
    const { running, box } = typeIntoTokenBox('leadping', 'lp_wrong_token');
    const message = await waitFor(() => {
      const validation = box()?.validationMessage;
      const text = typeof validation === 'string' ? validation : validation?.message;
      return text && /not saved/.test(text) ? text : undefined;
    }, 'the rejection message');
    assert.match(message, /rejected|expired/i);
    assert.doesNotMatch(message, /lp_wrong_token/);
    box()?.hide();
    await running;
    assert.equal((await api.tokens.read('leadping'))?.token, undefined);
  });

  test('an empty input is refused with a message and nothing is stored', async () => {
    const { running, box } = typeIntoTokenBox('signeasy', '   ');
    await waitFor(() => box()?.validationMessage !== undefined, 'a validation message');
    box()?.hide();
    await running;
    assert.equal((await api.tokens.read('signeasy'))?.token, undefined);
  });

  test('a token that cannot be checked (server down) is saved only if the person says so', async () => {
    await server.close();
    let asked = '';
    api.prompts = answering({ confirm: async (message) => ((asked = message), true) });
    api.onDidShowInputBox = (box) => {
      box.value = FAKE_TOKENS.signeasy;
      void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    await vscode.commands.executeCommand('accountGlance.setToken', 'signeasy');
    assert.match(asked, /Could not check the Signeasy token/);
    assert.equal((await api.tokens.read('signeasy'))?.token, FAKE_TOKENS.signeasy);
  });

  test('both services signed in: profile, plan and every credit counter, formatted', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    const lines = treeLines(api);
    assert.equal(serviceRowOf(api, 'leadping')?.description, 'Jordan Avery');
    assert.ok(lines.includes('Envelopes available: 1,760'), lines.join('\n'));
    assert.ok(
      lines.some((line) => /^Balance: \$[\d,]+\.\d\d$/.test(line)),
      lines.join('\n'),
    );
    for (const line of lines) assert.doesNotMatch(line, /undefined|null|NaN/, line);
  });

  test('tree contents for each fake-server scenario', async () => {
    const expectations: [service: 'leadping' | 'signeasy', scenario: string, expected: RegExp][] = [
      ['leadping', 'seed-shape', /Balance: \$/],
      ['leadping', 'wallet-404-falls-back-to-organizations', /Balance: \$27\.40/],
      ['leadping', 'numbers-as-strings', /Balance: \$12\.50/],
      // Every field null: the balance reads as a dash, and the Profile and Plan sections, all dashes, are left out.
      ['leadping', 'missing-and-null-fields', /Balance: —/],
      ['leadping', 'overdue', /Problems: /],
      ['leadping', 'zero-credit', /Balance: \$0\.00/],
      ['signeasy', 'unverified-email', /Problems: /],
      ['signeasy', 'exhausted', /Envelopes available: 0/],
      ['signeasy', 'unknown-plan', /Plan: Plan 9/],
      ['leadping', '401', /rejected|expired/i],
      ['leadping', '429-retry-after', /rate|too many/i],
      ['signeasy', '500', /server error|500/i],
      ['signeasy', 'html-502', /unexpected|HTML|502/i],
    ];
    for (const [service, scenario, expected] of expectations) {
      await signIn(api, service, scenarioToken(service, scenario));
      const lines = treeLines(api);
      assert.ok(
        lines.some((line) => expected.test(line)),
        `${service}/${scenario}: expected ${expected} in\n${lines.join('\n')}`,
      );
      for (const line of lines) assert.doesNotMatch(line, /undefined|null|NaN/, `${service}/${scenario}: ${line}`);
      await removeTokenElsewhere(api, service);
      await waitFor(() => !api.refresher.state(service).signedIn, `${service} signed out`);
    }
  });

  test('a 401 that echoes the token back: its body is not quoted at all, and the token reaches nothing', async () => {
    const token = scenarioToken('leadping', 'token-echo');
    await signIn(api, 'leadping', token);
    assert.equal(api.refresher.state('leadping').error?.kind, 'unauthorized');
    const log = await waitFor(async () => (await readLogText(api)).includes('users/me') && readLogText(api), 'the request in the log');
    const everythingWritten = [treeLines(api).join('\n'), JSON.stringify(api.statusBar.view), JSON.stringify(api.cache.load()), log].join(
      '\n',
    );
    const rejected = api.refresher.state('leadping').error;
    assert.equal(rejected?.detail, undefined, 'a 401 body is never quoted');
    assert.doesNotMatch(rejected ? describeError(rejected, 'Leadping') : '', /said/, 'a 401 body is never quoted');
    assert.doesNotMatch(everythingWritten, new RegExp(token));
  });

  test('a failed refresh keeps the last good data, marked stale, and recovers', async () => {
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    server.setScenario('signeasy', '500');
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    assert.equal(serviceRowOf(api, 'signeasy')?.icon?.id, 'history');
    assert.ok(treeLines(api).includes('Envelopes available: 1,760'), 'the last good value is still shown');
    server.clearScenario('signeasy');
    await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
    assert.equal(serviceRowOf(api, 'signeasy')?.icon?.id, 'pass');
  });

  test('removing a token asks, then clears the service from the tree', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    let question = '';
    api.prompts = answering({ pickService: async () => 'leadping', confirm: async (message) => ((question = message), true) });
    await vscode.commands.executeCommand('accountGlance.removeToken');
    assert.match(question, /Remove the Leadping API token/);
    assert.equal((await api.tokens.read('leadping'))?.token, undefined);
    assert.equal(serviceRowOf(api, 'leadping')?.description, 'Not signed in');
    assert.ok(!JSON.stringify(api.cache.load()).includes('"leadping"'), 'the cached snapshot went too');
  });

  test('changing a base URL refreshes that service; a non-https URL is refused clearly', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await vscode.workspace
      .getConfiguration('accountGlance')
      .update('leadping.baseUrl', 'http://example.com', vscode.ConfigurationTarget.Global);
    const error = await waitFor(() => api.refresher.state('leadping').error, 'the base URL to be refused');
    assert.equal(error.kind, 'invalidBaseUrl');
    assert.match(describeError(error, 'Leadping'), /https/);
    await vscode.workspace.getConfiguration('accountGlance').update('leadping.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => !api.refresher.state('leadping').error && !api.refresher.state('leadping').refreshing, 'recovery on the good URL');
  });
});
