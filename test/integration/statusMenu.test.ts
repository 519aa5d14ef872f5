// Privacy mode, the status-bar item's menu and Copy Summary in a real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MenuChoice } from '../../src/commands/prompts';
import type { AccountGlanceTestApi } from '../../src/testApi';
import type { GlanceView } from '../../src/views/viewModels/statusBarView';
import { FAKE_TOKENS, type FakeServer } from '../fake-server';
import { answering, serviceRowOf, setSetting, signIn, useFreshWorld, waitFor } from './support/harness';

/** What the default fake accounts show of their holders and credits (Leadping's 2026 account, Signeasy's documented user). */
const SHOWN = ['Jordan Avery', '$18.75', 'John Doe', '1,760'];
/** Everything privacy mode must keep off the status bar: what is shown normally, and the email that stands in for a missing name. */
const SECRETS = [...SHOWN, '18.75', 'john@example.com'];

/** What a person reads: the tooltip's Markdown escapes undone, so an escaped "\$18\.75" counts as "$18.75". */
function readable(view: GlanceView): Record<string, string> {
  return { text: view.text, tooltip: view.tooltip.replace(/\\(.)/g, '$1'), 'accessibility label': view.accessibilityLabel };
}

/** A menu as a person reads it: each entry's label and description, separators as "---". */
function menuLines(choices: readonly MenuChoice[]): string[] {
  return choices.map((choice) =>
    choice.separator ? `--- ${choice.label}`.trim() : `${choice.label}${choice.description ? ` (${choice.description})` : ''}`,
  );
}

suite('Privacy mode, the status menu and Copy Summary', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld(
    (world) => ({ api, server } = world),
    async () => {
      await setSetting('privacyMode', undefined);
      await setSetting('statusBar.clickAction', undefined);
    },
  );

  async function signInToBoth(): Promise<void> {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
  }

  const privacySetting = () => vscode.workspace.getConfiguration('accountGlance').get<boolean>('privacyMode');

  test('privacy mode: the status-bar text, tooltip and accessibility label show no name, email, amount or host, and "•••" instead', async () => {
    await signInToBoth();
    const host = new URL(server.url).host;
    const normal = Object.values(readable(api.statusBar.view ?? assert.fail('no status-bar view'))).join('\n');
    // Shown without privacy mode, so their absence below is privacy mode's doing.
    for (const value of [...SHOWN, host]) assert.ok(normal.includes(value), `the status bar normally shows ${value}`);

    await setSetting('privacyMode', true);
    const view = await waitFor(() => (api.statusBar.view?.text.includes('•••') ? api.statusBar.view : undefined), 'privacy mode');
    for (const [where, text] of Object.entries(readable(view))) {
      const leaked = [...SECRETS, host].filter((secret) => text.includes(secret));
      assert.deepEqual(leaked, [], `the ${where} shows ${leaked.join(', ')}: ${text}`);
    }
    assert.equal(view.text, '$(eye-closed) LP ••• · SE •••');
    assert.match(view.tooltip, /Privacy mode is on/);
    assert.match(view.tooltip, /command:accountGlance\.togglePrivacyMode/);
    assert.match(view.accessibilityLabel, /privacy mode on/);
  });

  test('Toggle Privacy Mode flips the user setting, and the status bar follows', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    assert.equal(privacySetting(), false);
    await vscode.commands.executeCommand('accountGlance.togglePrivacyMode');
    await waitFor(() => privacySetting() === true, 'privacy mode on in the settings');
    assert.equal(vscode.workspace.getConfiguration('accountGlance').inspect<boolean>('privacyMode')?.globalValue, true);
    await waitFor(() => api.statusBar.view?.text === '$(eye-closed) LP •••', 'the status bar to hide the balance');
    await vscode.commands.executeCommand('accountGlance.togglePrivacyMode');
    await waitFor(() => privacySetting() === false, 'privacy mode off in the settings');
    await waitFor(() => api.statusBar.view?.text === '$(credit-card) LP $18.75', 'the balance back on the status bar');
  });

  test('clicking the item opens the menu by default: the actions, each signed-in account, and choosing Refresh refreshes', async () => {
    await signInToBoth();
    assert.equal(vscode.workspace.getConfiguration('accountGlance').get('statusBar.clickAction'), 'menu');
    const menus: (readonly MenuChoice[])[] = [];
    api.prompts = answering({ pickFromMenu: async (choices) => (menus.push(choices), 'refresh') });
    const before = server.requests.length;
    await vscode.commands.executeCommand('accountGlance.showStatusMenu');
    assert.deepEqual(menuLines(menus[0] ?? []), [
      'Refresh',
      'Open Panel',
      'Show Credit History',
      '--- Accounts',
      'Leadping · Jordan Avery ($18.75)',
      'Signeasy · John Doe (1,760)',
      '---',
      'Copy Summary of All Accounts',
      'Sign In to Another Account...',
      'Turn Privacy Mode On',
    ]);
    assert.equal(menus.length, 1, 'Refresh asks nothing more');
    const paths = server.requests.slice(before).map((request) => request.path);
    assert.ok(paths.includes('/users/me') && paths.includes('/v3/me/'), `both services were asked again: ${paths.join(', ')}`);
  });

  test('in privacy mode the menu hides names and values, and its last entry turns privacy mode off', async () => {
    await signInToBoth();
    await setSetting('privacyMode', true);
    const menus: (readonly MenuChoice[])[] = [];
    api.prompts = answering({ pickFromMenu: async (choices) => (menus.push(choices), 'togglePrivacyMode') });
    await vscode.commands.executeCommand('accountGlance.showStatusMenu');
    const lines = menuLines(menus[0] ?? []);
    assert.ok(lines.includes('Leadping (•••)') && lines.includes('Signeasy (•••)'), lines.join('\n'));
    assert.deepEqual(
      SECRETS.filter((secret) => lines.join('\n').includes(secret)),
      [],
    );
    assert.equal(lines.at(-1), 'Turn Privacy Mode Off');
    await waitFor(() => privacySetting() === false, 'privacy mode turned off from the menu');
  });

  test("an account's entry offers Copy Summary and Open Dashboard; Copy Summary copies that account's Markdown", async () => {
    await signInToBoth();
    await vscode.env.clipboard.writeText('');
    const asked: { lines: string[]; placeHolder: string }[] = [];
    api.prompts = answering({
      pickFromMenu: async (choices, placeHolder) => {
        asked.push({ lines: menuLines(choices), placeHolder });
        return asked.length === 1 ? 'account:leadping' : 'copySummary';
      },
    });
    await vscode.commands.executeCommand('accountGlance.showStatusMenu');
    assert.deepEqual(asked[1], {
      lines: ['Copy Summary', 'Open Dashboard', 'Pin to Status Bar', 'Rename...', 'Sign Out...'],
      placeHolder: 'Choose what to do with the Leadping account',
    });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^## Leadping\n/);
    assert.match(copied, /- Name: Jordan Avery\n/);
    assert.match(copied, /- Balance: \$18\.75\n/);
    assert.doesNotMatch(copied, /Signeasy/);
  });

  test('Copy Summary: without a service every signed-in account, names and amounts included even in privacy mode; from a tree row, that one', async () => {
    await signInToBoth();
    await setSetting('privacyMode', true);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('accountGlance.copySummary');
    const all = await vscode.env.clipboard.readText();
    // Service text is Markdown-escaped in the summary: the email reads john@example.com once rendered.
    for (const expected of ['## Leadping', 'Jordan Avery', '$18.75', '## Signeasy', 'John Doe', 'john@example\\.com', '1,760']) {
      assert.ok(all.includes(expected), `the summary holds ${expected}:\n${all}`);
    }
    await vscode.commands.executeCommand('accountGlance.copySummary', serviceRowOf(api, 'signeasy'));
    const one = await vscode.env.clipboard.readText();
    assert.match(one, /^## Signeasy\n/);
    assert.doesNotMatch(one, /Leadping|Jordan Avery/);
  });
});
