// Any service, in a real VS Code: a definition from the person's user settings signs in, shows on
// the tree and the status bar, changes without a reload, asks before its token goes to a new base
// URL, and a broken one shows its located reason without taking the others down. Each preset signs
// in against its fake server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { findUnsafeMarkdown, findUnsafeText } from '../fake-server/hostileText';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, scenarioToken, startFakeServer, type FakeServer, type FakeService } from '../fake-server';
import { TokenStore } from '../../src/storage/tokenStore';
import {
  answering,
  readLogText,
  setSetting,
  storeTokenElsewhere,
  EXTENSION_ID,
  treeItems,
  treeLines,
  typeTokenInto,
  useFreshWorld,
  waitFor,
  writeWorkspaceSettings,
} from './support/harness';

/** Signs a service in as another window would, its token bound to `baseUrl`'s origin. */
async function signInAt(api: AccountGlanceTestApi, service: string, token: string, baseUrl: string): Promise<void> {
  const before = Date.now();
  await storeTokenElsewhere(api, service as FakeService, token, new URL(baseUrl).origin);
  await waitFor(() => {
    const state = api.refresher.state(service);
    return state.signedIn && !state.refreshing && (state.snapshot?.fetchedAt ?? state.failedAt ?? 0) >= before;
  }, `${service} to settle after its token was stored`);
}

/** A service of the person's own, read from the fake OpenRouter route: remaining = total − used, of total. */
function acmeDefinition(baseUrl: string, changes: Record<string, unknown> = {}) {
  return {
    id: 'acme',
    name: 'Acme Credits',
    shortMark: 'AC',
    baseUrl,
    requests: { credits: '/api/v1/credits' },
    counters: [
      {
        id: 'left',
        label: 'Credits left',
        value: '/data/total_credits',
        minus: '/data/total_usage',
        limit: '/data/total_credits',
        unit: { currency: 'USD' },
        headline: true,
        lowThreshold: 5,
      },
    ],
    ...changes,
  };
}

const PRESETS: readonly FakeService[] = ['telnyx', 'twilio', 'openrouter', 'didww'];

suite('Services described as data', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  let other: FakeServer | undefined;
  let workspaceSettings: string | undefined;
  useFreshWorld(
    (world) => ({ api, server } = world),
    async () => {
      if (workspaceSettings) await fs.rm(workspaceSettings, { force: true });
      workspaceSettings = undefined;
      server.clearScenario('telnyx');
      await setSetting('customServices', undefined);
      await setSetting('baseUrl', undefined);
      for (const key of ['acme', ...PRESETS]) await api.secrets.delete(TokenStore.keyFor(key));
      await other?.close();
      other = undefined;
    },
  );

  test('a definition in user settings signs in and shows on the tree and the status bar, without a reload', async () => {
    await setSetting('customServices', [acmeDefinition(server.url)]);
    await waitFor(() => api.refresher.adapters.some((adapter) => adapter.id === 'acme'), 'the defined service to join');
    await signInAt(api, 'acme', FAKE_TOKENS.openrouter, server.url);
    const state = api.refresher.state('acme');
    assert.equal(state.error, undefined);
    assert.equal(state.snapshot?.counters[0]?.value, 74.75, '100.50 − 25.75');
    const lines = treeLines(api);
    assert.ok(lines.includes('Credits left: $74.75 of $100.50'), lines.join('\n'));
    assert.match(api.statusBar.view?.text ?? '', /AC \$74\.75/);
    // Edited while running: the new name shows at once.
    await setSetting('customServices', [acmeDefinition(server.url, { name: 'Acme Renamed' })]);
    await waitFor(() => treeLines(api).some((line) => line.startsWith('Acme Renamed')), 'the new name in the tree');
  });

  test('a new base URL in a definition asks before the token goes there', async () => {
    await setSetting('customServices', [acmeDefinition(server.url)]);
    await waitFor(() => api.refresher.adapters.some((adapter) => adapter.id === 'acme'), 'the defined service to join');
    await signInAt(api, 'acme', FAKE_TOKENS.openrouter, server.url);
    other = await startFakeServer();
    const questions: string[] = [];
    api.prompts = answering({ confirm: async (message) => (questions.push(message), false) });
    await setSetting('customServices', [acmeDefinition(other.url)]);
    await waitFor(() => questions.length > 0, 'the person to be asked');
    assert.equal(questions[0], `Send your Acme Credits token to ${other.url}?`);
    assert.equal(api.refresher.state('acme').error?.kind, 'originChanged');
    assert.deepEqual(other.requests, [], 'nothing was sent before the person confirmed');
  });

  test('a broken definition shows where and why on its own row and in the log; the valid one still works', async () => {
    const broken = { ...acmeDefinition('http://example.com'), id: 'broken', name: 'Broken One' };
    await setSetting('customServices', [acmeDefinition(server.url), broken]);
    await waitFor(() => treeLines(api).some((line) => line.startsWith('Service definition not used: Broken One')), 'the error row');
    const row = treeLines(api).find((line) => line.startsWith('Service definition not used'));
    assert.match(row ?? '', /accountGlance\.customServices\[1\]\.baseUrl: is not https/);
    await waitFor(async () => (await readLogText(api)).includes('accountGlance.customServices[1].baseUrl: is not https'), 'the log line');
    await signInAt(api, 'acme', FAKE_TOKENS.openrouter, server.url);
    assert.equal(api.refresher.state('acme').snapshot?.counters[0]?.value, 74.75);
  });

  for (const preset of PRESETS) {
    test(`the ${preset} preset signs in against its fake server`, async () => {
      await setSetting('baseUrl', { [preset]: server.url });
      await signInAt(api, preset, FAKE_TOKENS[preset], server.url);
      const state = api.refresher.state(preset);
      assert.equal(state.error, undefined, JSON.stringify(state.error));
      const headline = state.snapshot?.counters.find((counter) => counter.headline);
      assert.equal(typeof headline?.value, 'number', JSON.stringify(state.snapshot?.counters));
      assert.ok(
        treeLines(api).some((line) => line.startsWith(`${headline?.label}:`)),
        'the headline counter is on the tree',
      );
    });
  }

  test('a workspace settings file cannot add a service: its customServices are ignored', async () => {
    // A repository's settings: a service that would send a token to a server of its choosing.
    workspaceSettings = await writeWorkspaceSettings({ 'accountGlance.customServices': [acmeDefinition(server.url)] });
    await vscode.commands.executeCommand('accountGlance.refresh');
    assert.ok(!api.refresher.adapters.some((adapter) => adapter.id === 'acme'), 'no service from the workspace');
    assert.ok(!treeLines(api).some((line) => line.includes('Acme')));
  });

  test('a preset answering 429 keeps its last data, marked stale, and says when it will ask again', async () => {
    await setSetting('baseUrl', { telnyx: server.url });
    await signInAt(api, 'telnyx', FAKE_TOKENS.telnyx, server.url);
    const before = api.refresher.state('telnyx').snapshot;
    assert.ok(before, 'signed in with data');
    server.setScenario('telnyx', '429-retry-after');
    await vscode.commands.executeCommand('accountGlance.refreshService', 'telnyx');
    const state = await waitFor(() => {
      const now = api.refresher.state('telnyx');
      return now.error ? now : undefined;
    }, 'the 429 to be noticed');
    assert.equal(state.error?.kind, 'rateLimited');
    assert.equal(state.error?.retryAfterMs, 30_000);
    assert.deepEqual(state.snapshot?.counters, before.counters, 'the last good data stays');
    assert.ok(
      treeLines(api).some((line) => /Telnyx/.test(line) && /30 seconds|data from/.test(line)),
      treeLines(api).join('\n'),
    );
  });

  test('a preset whose answers carry links, icons and markup shows them as plain text on the tree, status bar, menus and summary', async () => {
    await setSetting('baseUrl', { twilio: server.url });
    const notifications: string[] = [];
    api.prompts = answering({ notify: async (_severity, message, actions) => (notifications.push(message, ...actions), undefined) });
    const shownBefore = api.shownTexts.length;
    const key = await typeTokenInto(api, 'accountGlance.addAccount', 'twilio', scenarioToken('twilio', 'hostile-text'));
    assert.ok(key, 'the account was added through the token box');
    await waitFor(() => api.refresher.state(key).snapshot, 'the hostile account to load');
    const findings: string[] = [];
    const check = (where: string, texts: readonly string[], find: (text: string) => string[]) => {
      for (const text of texts)
        for (const finding of find(text)) findings.push(`${where}: ${finding} in ${JSON.stringify(text.slice(0, 120))}`);
    };
    check('shown', api.shownTexts.slice(shownBefore), (text) => findUnsafeText(text, { allowNewlines: true }));
    check('notification', notifications, (text) => findUnsafeText(text));
    const items = treeItems(api);
    assert.ok(
      items.some((item) => `${String(item.label)} ${String(item.description ?? '')}`.includes('Verify your account')),
      treeLines(api).join('\n'),
    );
    check(
      'tree',
      items.map((item) => `${String(item.label)} ${String(item.description ?? '')}`),
      (text) => findUnsafeText(text),
    );
    const view = api.statusBar.view ?? assert.fail('no status bar');
    check('status bar', [view.text], (text) =>
      findUnsafeText(text, { own: [/\$\((?:credit-card|warning|error|sync~spin|arrow-down|circle-slash)\)/g] }),
    );
    check(
      'Accounts menu',
      (await vscode.authentication.getAccounts('accountglance')).map((account) => account.label),
      (text) => findUnsafeText(text),
    );
    await vscode.commands.executeCommand('accountGlance.copySummary');
    const summary = await vscode.env.clipboard.readText();
    assert.ok(summary.includes('Verify your account'), 'the summary names the holder');
    check('Copy Summary', [summary], (text) => findUnsafeMarkdown(text));
    assert.deepEqual(findings, [], findings.join('\n'));
  });

  test('a defined service alerts once below its threshold, hides its amount in privacy mode, and reaches the exported API', async () => {
    const alertsBefore = api.shownAlerts.length;
    const low = acmeDefinition(server.url);
    low.counters = [{ ...low.counters[0], lowThreshold: 100 }] as typeof low.counters;
    await setSetting('customServices', [low]);
    await waitFor(() => api.refresher.adapters.some((adapter) => adapter.id === 'acme'), 'the defined service to join');
    await signInAt(api, 'acme', FAKE_TOKENS.openrouter, server.url);
    await waitFor(
      () => api.shownAlerts.slice(alertsBefore).some((alert) => alert.message.includes('Acme Credits')),
      'the low-credit alert',
    );
    await vscode.commands.executeCommand('accountGlance.refreshService', 'acme');
    assert.equal(
      api.shownAlerts.slice(alertsBefore).filter((alert) => alert.message.includes('Acme Credits')).length,
      1,
      'once per crossing',
    );
    const exported = await vscode.extensions.getExtension<{ getAccounts(): readonly { service: string }[] }>(EXTENSION_ID)?.activate();
    assert.ok(
      exported?.getAccounts().some((account) => JSON.stringify(account).includes('acme')),
      'the exported API lists it',
    );
    await setSetting('privacyMode', true);
    try {
      const view = await waitFor(() => (api.statusBar.view?.text.includes('•••') ? api.statusBar.view : undefined), 'privacy mode');
      assert.match(view.text, /AC •••/);
      assert.ok(!`${view.text} ${view.tooltip}`.includes('74.75'), 'no amount in privacy mode');
    } finally {
      await setSetting('privacyMode', undefined);
    }
  });

  test("a preset copied into settings under its own id replaces the preset: one Telnyx, the person's version", async () => {
    await setSetting('customServices', [
      {
        id: 'telnyx',
        name: 'Telnyx (mine)',
        shortMark: 'TX',
        baseUrl: 'https://api.telnyx.com',
        requests: { balance: '/v2/balance' },
        counters: [{ id: 'balance', label: 'Balance', value: '/data/balance', unit: { currency: '/data/currency' } }],
      },
    ]);
    await waitFor(() => api.refresher.adapters.some((adapter) => adapter.displayName === 'Telnyx (mine)'), 'the own version');
    assert.equal(api.refresher.adapters.filter((adapter) => adapter.id === 'telnyx').length, 1);
  });
});
