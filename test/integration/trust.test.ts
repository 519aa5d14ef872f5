// Safe with a real key, in a real extension host: the token goes only where its owner sent it,
// no server answer makes the extension hammer an API, and a broken keyring is said plainly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Row } from '../../src/views/viewModels/accountRows';
import { AUTOMATIC_REQUESTS_PER_MINUTE } from '../../src/core/http/requestBudget';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { describeError } from '../../src/views/viewModels/errorWording';
import { FAKE_TOKENS, scenarioToken, startFakeServer, TOKEN_ECHO_SCENARIOS, type FakeServer } from '../fake-server';
import {
  answering,
  ownAccount,
  serviceRowOf,
  setSetting,
  signIn,
  treeLines,
  waitFor,
  writeWorkspaceSettings,
  readLogText,
  useFreshWorld,
} from './support/harness';

suite('Trust', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  let other: FakeServer | undefined;
  useFreshWorld(
    (world) => ({ api, server } = world),
    async () => {
      api.retryDelayScale = 1;
      await other?.close();
      other = undefined;
    },
  );

  suite('the token goes only to the origin it was saved for', () => {
    let workspaceSettings: string | undefined;
    teardown(async () => {
      if (workspaceSettings) await fs.rm(workspaceSettings, { force: true });
      workspaceSettings = undefined;
      await setSetting('statusBar.clickAction', undefined);
    });

    test('a workspace settings file naming another server is ignored: that server receives nothing', async () => {
      await signIn(api, 'leadping', FAKE_TOKENS.leadping);
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      other = await startFakeServer();
      // What a `git pull` could bring: both base URLs pointing elsewhere.
      workspaceSettings = await writeWorkspaceSettings({
        'accountGlance.leadping.baseUrl': other.url,
        'accountGlance.signeasy.baseUrl': other.url,
      });
      for (const service of ['leadping', 'signeasy']) await vscode.commands.executeCommand('accountGlance.refreshService', service);
      // A new token is checked against the same setting: still the person's own server.
      api.onDidShowInputBox = (box) => {
        box.value = FAKE_TOKENS.signeasy;
        void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      };
      await vscode.commands.executeCommand('accountGlance.setToken', 'signeasy');
      assert.deepEqual(other.requests, [], 'the workspace-named server received nothing');
      assert.equal(serviceRowOf(api, 'leadping')?.description, 'Jordan Avery', 'the panel still shows the real account');
      assert.equal(api.refresher.state('leadping').error, undefined);
      assert.equal(api.refresher.state('signeasy').error, undefined);
    });

    test('a base-URL change in user settings sends nothing to the new origin until the person says yes', async () => {
      await signIn(api, 'leadping', FAKE_TOKENS.leadping);
      other = await startFakeServer();
      const questions: string[] = [];
      let answer = false;
      api.prompts = answering({ confirm: async (message) => (questions.push(message), answer) });
      await setSetting('leadping.baseUrl', other.url);
      const error = await waitFor(() => api.refresher.state('leadping').error, 'the origin change to be noticed');
      assert.equal(error.kind, 'originChanged');
      await waitFor(() => questions.length > 0, 'the person to be asked');
      assert.equal(questions[0], `Send your Leadping token to ${other.url}?`);
      assert.deepEqual(other.requests, [], 'nothing was sent before the person confirmed');
      // The panel says what happened and where the data would now come from; the last data stays.
      const lines = treeLines(api);
      assert.ok(
        lines.some((line) => /^Base URL changed: Confirm the new address or set a new token: .* · data from /.test(line)),
        lines.join('\n'),
      );
      assert.ok(lines.includes(`Server: ${new URL(other.url).host}`), lines.join('\n'));
      assert.equal(api.refresher.state('leadping').snapshot?.identity.displayName, 'Jordan Avery');
      // Refreshes keep sending nothing there.
      await vscode.commands.executeCommand('accountGlance.refreshService', 'leadping');
      assert.deepEqual(other.requests, []);
      // Yes: the token is bound to the new origin and the account loads from there.
      answer = true;
      await vscode.commands.executeCommand('accountGlance.confirmBaseUrl', 'leadping');
      assert.ok(other.requests.length > 0, 'the confirmed server is asked');
      assert.equal(api.refresher.state('leadping').error, undefined);
      assert.equal((await api.tokens.read('leadping'))?.origin, new URL(other.url).origin);
      // The status-bar tooltip names the host too.
      assert.match(api.statusBar.view?.tooltip ?? '', new RegExp(`Data from ${new URL(other.url).host.replace(/[.:]/g, '\\\\$&')}`));
    });
  });

  suite('no answer makes it loop', () => {
    setup(async () => {
      // Headless Chromium never gives the window focus, and the schedule rests while unfocused.
      api.schedule.setFocused(true);
      await signIn(api, 'signeasy', ownAccount(FAKE_TOKENS.signeasy));
    });

    /** Automatic requests to Signeasy over `windowMs`, after one manual refresh meets `scenario`. */
    async function automaticRequestsAfter(scenario: string, windowMs: number): Promise<number> {
      server.setScenario('signeasy', scenario);
      await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      assert.equal(api.refresher.state('signeasy').error?.kind, 'rateLimited');
      const before = server.requests.length;
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      return server.requests.length - before;
    }

    for (const scenario of ['429-retry-after-0', '429-past-date', '429-without-retry-after', '429-huge-retry-after']) {
      test(`${scenario}: with retry waits shrunk a thousandfold, the request budget still holds (≤ ${AUTOMATIC_REQUESTS_PER_MINUTE} in 3 s)`, async () => {
        api.retryDelayScale = 0.001;
        const count = await automaticRequestsAfter(scenario, 3_000);
        assert.ok(count <= AUTOMATIC_REQUESTS_PER_MINUTE, `${count} automatic requests in 3 s`);
        // The last good data stays on screen throughout.
        assert.equal(api.refresher.state('signeasy').snapshot?.counters[0]?.value, 1760);
      });
    }

    test('Retry-After: 0 with real waits: no automatic request within 3 s (the floor is the normal backoff)', async () => {
      assert.equal(await automaticRequestsAfter('429-retry-after-0', 3_000), 0);
    });

    test('a huge Retry-After is shown as a sensible wait', async () => {
      server.setScenario('signeasy', '429-huge-retry-after');
      await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      const error = api.refresher.state('signeasy').error;
      const message = error ? describeError(error, 'Signeasy') : '';
      assert.match(message, /asks to wait more than a day/);
      assert.doesNotMatch(message, /e\+|Infinity|\d{6,}/);
      const retryAt = api.refresher.nextRetryAt() ?? 0;
      assert.ok(retryAt - Date.now() <= 3_600_000, 'the next automatic try is within the hour');
    });

    test('a manual refresh is always sent, however often', async () => {
      server.setScenario('signeasy', '429-retry-after-0');
      const before = server.requests.length;
      for (let index = 0; index < AUTOMATIC_REQUESTS_PER_MINUTE + 5; index++)
        await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      assert.equal(server.requests.length - before, AUTOMATIC_REQUESTS_PER_MINUTE + 5);
    });

    test('a huge or tiny request timeout is held inside 1–120 s', async () => {
      server.clearScenario('signeasy');
      await setSetting('requestTimeoutSeconds', 0.0001);
      await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      assert.equal(api.refresher.state('signeasy').error, undefined, 'a tiny timeout does not fail every request');
      await setSetting('requestTimeoutSeconds', 1e12);
      server.setScenario('signeasy', 'slow-1500');
      await vscode.commands.executeCommand('accountGlance.refreshService', 'signeasy');
      assert.equal(api.refresher.state('signeasy').error, undefined);
      await setSetting('requestTimeoutSeconds', undefined);
    });
  });

  suite('nothing the server says can reveal the token', () => {
    for (const scenario of TOKEN_ECHO_SCENARIOS) {
      test(`${scenario}: the echoed token reaches no tree row, tooltip, status bar, log file, cache or question`, async () => {
        const token = ownAccount(scenarioToken('signeasy', scenario));
        await signIn(api, 'signeasy', token);
        const error = api.refresher.state('signeasy').error;
        assert.ok(error, 'the echo is an error');
        assert.match(error.detail ?? '', /\[redacted\]/, 'the body was quoted, with the token redacted');
        // The same token through Set API Token: the "could not check" question quotes the error too.
        const questions: string[] = [];
        api.prompts = answering({ confirm: async (message, detail) => (questions.push(message, detail), false) });
        api.onDidShowInputBox = (box) => {
          box.value = token;
          void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        };
        await vscode.commands.executeCommand('accountGlance.setToken', 'signeasy');
        assert.ok(questions.length > 0, 'the person was asked whether to save it anyway');
        const log = await waitFor(async () => {
          const text = await readLogText(api);
          return text.includes('/v3/me/') && text;
        }, 'the request in the log');
        const rows: string[] = [];
        const walk = (row: Row) => {
          rows.push(row.label, row.description ?? '', row.tooltip ?? '', row.copyText ?? '');
          for (const child of api.tree.getChildren(row)) walk(child);
        };
        for (const root of api.tree.getChildren()) walk(root);
        const everything = [
          ...rows,
          JSON.stringify(api.statusBar.view),
          JSON.stringify(api.cache.load()),
          JSON.stringify(api.globalState.keys().map((key) => api.globalState.get(key))),
          log,
          ...questions,
        ].join('\n');
        for (const spelling of tokenSpellings(token)) assert.ok(!everything.includes(spelling), `${scenario}: "${spelling}" appears`);
        assert.ok(!skeleton(everything).includes(skeleton(token)), `${scenario}: the token's letters and digits appear in order`);
      });
    }
  });

  suite('secret storage that throws', () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    let restore: () => void = () => {};

    setup(() => {
      unhandled.length = 0;
      process.on('unhandledRejection', onUnhandled);
    });
    teardown(() => {
      restore();
      process.off('unhandledRejection', onUnhandled);
    });

    /** Makes the extension's own SecretStorage fail as a locked or missing keyring does. */
    function breakSecretStorage(methods: readonly ('get' | 'store' | 'delete')[]): void {
      const secrets = api.secrets as unknown as Record<string, unknown>;
      for (const method of methods) secrets[method] = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
      restore = () => {
        for (const method of methods) delete secrets[method];
      };
    }

    test('reading: a clear state with the way to the troubleshooting, never an endless "refreshing…"', async () => {
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      breakSecretStorage(['get']);
      // Per service: the palette's Refresh would wait on a warning toast nobody dismisses here.
      for (const service of ['leadping', 'signeasy']) await vscode.commands.executeCommand('accountGlance.refreshService', service);
      for (const service of ['leadping', 'signeasy'] as const) {
        const state = api.refresher.state(service);
        assert.equal(state.refreshing, false, `${service} is not left refreshing`);
        assert.equal(state.error?.kind, 'secretStorage', service);
      }
      const errorRow = api.tree.getChildren(serviceRowOf(api, 'signeasy')).find((row) => row.label === 'Secret storage unavailable');
      assert.ok(errorRow, treeLines(api).join('\n'));
      assert.equal(errorRow.command?.command, 'accountGlance.showTroubleshooting');
      assert.match(errorRow.description ?? '', /Troubleshooting/);
      assert.equal(api.refresher.state('signeasy').snapshot?.counters[0]?.value, 1760, 'the last good data stays');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(unhandled, []);
    });

    test('saving: a failed save never leaves the window believing a token was stored', async () => {
      breakSecretStorage(['store']);
      api.onDidShowInputBox = (box) => {
        box.value = FAKE_TOKENS.leadping;
        void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      };
      // The command waits on an error notification nobody dismisses here: do not await it.
      void vscode.commands.executeCommand('accountGlance.setToken', 'leadping');
      const log = await waitFor(async () => {
        const text = await readLogText(api);
        return text.includes('The Leadping token was not saved') && text;
      }, 'the failed save to be logged');
      assert.match(log, /secret storage/);
      restore();
      assert.equal(await api.tokens.read('leadping'), undefined, 'nothing was stored');
      assert.equal(api.refresher.state('leadping').signedIn, false, 'the window does not believe it is signed in');
      assert.equal(api.refresher.state('leadping').snapshot, undefined);
      assert.deepEqual(unhandled, []);
    });
  });
});

/** Only the letters and digits: what survives any escaping, break or entity put between them. */
function skeleton(text: string): string {
  return text.replace(/[^a-z0-9]/gi, '').toLowerCase();
}

/** The token as written, percent-encoded, in base64, and as its bare letters and digits (what survives any escaping). */
function tokenSpellings(token: string): string[] {
  const base64 = Buffer.from(token).toString('base64').replace(/=+$/, '');
  return [
    token,
    encodeURIComponent(token),
    encodeURIComponent(token).toLowerCase(),
    base64,
    base64.replace(/\+/g, '-').replace(/\//g, '_'),
    skeleton(token),
  ];
}
