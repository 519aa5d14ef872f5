// Stored state from another version, or damaged, never breaks start-up. The runner starts VS Code
// RESTART_STARTS times in one profile (AG_START = 1, 2, …): each start checks that activate() coped
// with what the start before left behind, then leaves the next damaged shape for the next start.
// Start 1 leaves 0.1.0's state: bare tokens in secret storage and the v1 snapshot cache, and
// credit history where releases before the history files kept it (globalState), which start 2
// finds moved into one file per account, once (start 3 finds it still there, not moved again);
// start 3 leaves a damaged history file, which start 4 drops for that account alone, with a log
// line; start 6 adds a second, labelled and pinned Leadping account, which start 7 finds again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { recordSnapshot, samplesOf } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import { readAccountHistory } from '../../src/core/history/storedHistory';
import type { AccountSnapshot } from '../../src/core/model';
import { readSnapshot } from '../../src/core/snapshotValidation';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { describeError } from '../../src/views/viewModels/errorWording';
import { HistoryFiles } from '../../src/storage/historyFiles';
import { historyFolder } from '../../src/storage/stores';
import { TokenStore } from '../../src/storage/tokenStore';
import { glanceSettings } from '../../src/storage/settings';
import { SERVICE_ADAPTERS } from '../../src/core/services/registry';
import { leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';
import { FAKE_TOKENS, scenarioToken, startFakeServer, type FakeServer } from '../fake-server';
import { windowPrompts } from '../../src/commands/prompts';
import {
  answering,
  configuredOrigin,
  EXTENSION_ID,
  SERVICES,
  setSetting,
  signIn,
  testApi,
  treeLines,
  waitFor,
  readLogText,
} from './support/harness';

const START = Number(process.env.AG_START ?? '0');
/** The second Leadping account start 6 leaves for start 7 (the fake's demo account, Maya Okafor). */
const MAYA_TOKEN = scenarioToken('leadping', 'demo');
const LEGACY_CACHE_KEY = 'accountGlance.snapshots.v1';
const CACHE_KEY = 'accountGlance.snapshotCache';
type Damage = (snapshot: AccountSnapshot) => unknown;

/** What each start leaves for the next: a damaged Leadping entry and a damaged Signeasy entry. */
const DAMAGE_LEFT_BY_START: Readonly<Record<number, { readonly leadping: Damage; readonly signeasy: Damage; readonly what: string }>> = {
  2: {
    what: 'plan: null; a counter without unit',
    leadping: (s) => ({ ...s, plan: null }),
    signeasy: (s) => ({ ...s, counters: [{ ...s.counters[0], unit: undefined }] }),
  },
  3: { what: 'problems: [null]; lists: [{}]', leadping: (s) => ({ ...s, problems: [null] }), signeasy: (s) => ({ ...s, lists: [{}] }) },
  4: {
    what: 'fetchedAt: 1e20; fetchedAt as text',
    leadping: (s) => ({ ...s, fetchedAt: 1e20 }),
    signeasy: (s) => ({ ...s, fetchedAt: 'yesterday' }),
  },
};
const LAST_START = 7;
/** Where releases before the history files kept each account's credit history. */
const LEGACY_HISTORY_PREFIX = 'accountGlance.history.';
/** Values no fake account has: while one is in an account's history, that history is the one start 1 left. */
const HISTORY_MARKERS = { leadping: 987.65, signeasy: 4321 } as const;
/** Hourly samples in the history start 1 leaves, the oldest one the marker. */
const MARKED_SAMPLES = 24;
const HISTORY_SERVICES = ['leadping', 'signeasy'] as const;

suite(`Start ${START} of ${LAST_START} in one profile`, () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer | undefined;

  suiteSetup(async () => {
    api = await testApi();
  });
  suiteTeardown(async () => {
    await server?.close();
  });

  if (START === 1) {
    test('leave 0.1.0 state behind: bare tokens and a v1 cache with identity: null and counters: [null]', async () => {
      server = await startFakeServer();
      for (const service of SERVICES) await setSetting(`${service}.baseUrl`, server.url);
      await signIn(api, 'leadping', FAKE_TOKENS.leadping);
      await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
      const good = goodSnapshots(api);
      // From here on nothing may refresh into the cache, and this window must not bind the bare tokens itself.
      await server.close();
      server = undefined;
      const secrets = api.secrets as unknown as Record<string, unknown>;
      const store = api.secrets.store.bind(api.secrets);
      secrets.store = () => Promise.reject(new Error('not in this start'));
      for (const service of SERVICES) await store(TokenStore.keyFor(service), FAKE_TOKENS[service]);
      // The refreshes' own cache writes land first, so they cannot overwrite what this start leaves.
      await api.cache.settled();
      await api.globalState.update(CACHE_KEY, undefined);
      await api.globalState.update(LEGACY_CACHE_KEY, {
        leadping: { ...good.leadping, identity: null },
        signeasy: { ...good.signeasy, counters: [null] },
      });
      // Credit history as releases before the files kept it, and no file yet.
      for (const service of HISTORY_SERVICES) {
        // This start's own first record lands before it is taken away.
        await waitFor(async () => (await historyFiles(api).read(service)).kind === 'value', `${service}'s first record`);
        await historyFiles(api).remove(service);
        await api.globalState.update(`${LEGACY_HISTORY_PREFIX}${service}`, markedHistory(service));
      }
      // 0.1.0's per-service threshold keys, as a person's settings.json still holds them.
      await editUserSettings(api, (settings) => ({ ...settings, 'accountGlance.lowCredit.leadping': 1_000_000 }));
      await settle();
    });
    return;
  }

  if (START === 2) {
    test("0.1.0's accountGlance.lowCredit.leadping still sets Leadping's threshold; Signeasy keeps its default", async () => {
      const thresholds = glanceSettings(SERVICE_ADAPTERS).lowCredit;
      assert.equal(thresholds.leadping, 1_000_000);
      assert.equal(thresholds.signeasy, 20);
      await editUserSettings(api, ({ 'accountGlance.lowCredit.leadping': _, ...settings }) => settings);
    });
  }

  test('activate() completed: every command is registered and the panel and status bar render', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const registered = await vscode.commands.getCommands(true);
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    for (const { command } of manifest.contributes.commands) assert.ok(registered.includes(command), `${command} is registered`);
    assert.doesNotThrow(() => treeLines(api));
    assert.ok(api.statusBar.view, 'the status bar rendered');
  });

  if (START >= 2 && START <= 5) {
    test('the damaged cached entries were dropped, and said so in the log', async () => {
      for (const service of SERVICES) {
        assert.equal(
          api.refresher.state(service).snapshot,
          undefined,
          `${service}'s damaged snapshot is not shown. Log:\n${await readLogText(api)}`,
        );
      }
      const log = await waitFor(async () => {
        const text = await readLogText(api);
        return /dropped/i.test(text) && text;
      }, 'the log to say what was dropped');
      assert.match(log, /leadping/);
      assert.match(log, /signeasy/);
    });
  }

  if (START === 6) {
    test('a cache written by a newer version is not read, and start-up is fine', () => {
      for (const service of SERVICES) assert.equal(api.refresher.state(service).snapshot, undefined);
    });
  }

  if (START === 2) {
    test('tokens saved by 0.1.0 are bound to the origin configured at this first start', async () => {
      for (const service of SERVICES) {
        const stored = await waitFor(async () => {
          const token = await api.tokens.read(service);
          return token?.origin !== undefined && token;
        }, `${service}'s token to be bound`);
        assert.equal(stored.token, FAKE_TOKENS[service]);
        assert.equal(stored.origin, configuredOrigin(service));
      }
    });
  }

  if (START === 6) {
    test('Signeasy still low after a restart: the alert start 5 gave is not given again', async () => {
      server = await startFakeServer({ port: Number(new URL(configuredOrigin('leadping')).port), scenarios: { signeasy: 'low' } });
      await vscode.commands.executeCommand('accountGlance.refresh');
      await api.alertsDecided();
      assert.equal(api.refresher.state('signeasy').snapshot?.counters[0]?.value, 7);
      assert.deepEqual(api.shownAlerts, []);
      await server.close();
      server = undefined;
    });
  }

  test('the next refresh repaints both services', async () => {
    server = await startFakeServer({ port: Number(new URL(configuredOrigin('leadping')).port) });
    await vscode.commands.executeCommand('accountGlance.refresh');
    for (const service of SERVICES) {
      const state = api.refresher.state(service);
      assert.equal(state.error, undefined, `${service}: ${state.error ? describeError(state.error, service) : ''}`);
      assert.ok(state.snapshot, service);
    }
    // With three accounts (start 7) the line also carries the balance.
    assert.ok(
      treeLines(api).some((line) => /^Leadping: Jordan Avery( · \$18\.75)?$/.test(line)),
      treeLines(api).join('\n'),
    );
    // What the next start paints before it renders anything: the text shown now.
    await waitFor(
      () => (api.globalState.get('accountGlance.lastGlance') as { text?: string } | undefined)?.text === api.statusBar.view?.text,
      'the status-bar text kept for the next start',
    );
  });

  if (START === 2 || START === 3) {
    test('the credit history start 1 left in globalState is in one file per account, moved once, and globalState keeps none', async () => {
      for (const service of HISTORY_SERVICES) {
        const history = await waitFor(async () => {
          const stored = await historyFiles(api).read(service);
          const values = stored.kind === 'value' ? historyValues(readAccountHistory(stored.value), service) : [];
          // Start 1's samples and at least this start's refresh after them.
          return values.includes(HISTORY_MARKERS[service]) && values.length > MARKED_SAMPLES && values;
        }, `${service}'s history file with start 1's history and this start's refresh`);
        assert.ok(history.length > MARKED_SAMPLES);
      }
      assert.deepEqual(
        (api.globalState.keys() ?? []).filter((key) => key.startsWith(LEGACY_HISTORY_PREFIX)),
        [],
        'no credit history left in globalState',
      );
      await vscode.commands.executeCommand('accountGlance.showCreditHistory');
      const html = await waitFor(() => api.historyHtml, 'the history page');
      assert.match(html, /<svg/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  }

  if (START === 3) {
    test('leave a damaged Signeasy history file for the next start', async () => {
      await server?.close();
      server = undefined;
      await fs.writeFile(historyFiles(api).fileOf('signeasy'), '{"version":1,"counters":{"envelopesAvailable":{"unit":');
    });
  }

  if (START === 4) {
    test('the damaged Signeasy history file is dropped with a log line and started afresh; Leadping’s history is whole', async () => {
      const log = await waitFor(async () => {
        const text = await readLogText(api);
        return /Stored signeasy credit history was partly dropped: the history file is not JSON/.test(text) && text;
      }, 'the log to say the history file was dropped');
      assert.doesNotMatch(log, /Stored leadping credit history/);
      const signeasy = await historyFiles(api).read('signeasy');
      assert.equal(signeasy.kind, 'value', 'a whole file again after this start’s refresh');
      assert.ok(
        !historyValues(readAccountHistory(signeasy.kind === 'value' ? signeasy.value : undefined), 'signeasy').includes(
          HISTORY_MARKERS.signeasy,
        ),
      );
      const leadping = await historyFiles(api).read('leadping');
      assert.ok(
        historyValues(readAccountHistory(leadping.kind === 'value' ? leadping.value : undefined), 'leadping').includes(
          HISTORY_MARKERS.leadping,
        ),
      );
    });
  }

  if (START === 6) {
    test('leave a second Leadping account, labelled and pinned, for the next start', async () => {
      api.onDidShowInputBox = (box) => {
        box.value = MAYA_TOKEN;
        void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      };
      await vscode.commands.executeCommand('accountGlance.addAccount', 'leadping');
      api.onDidShowInputBox = undefined;
      const [, second] = api.refresher.statesOf('leadping');
      assert.equal(second?.snapshot?.identity.displayName, 'Maya Okafor');
      api.prompts = answering({ askText: async () => 'Client A' });
      await vscode.commands.executeCommand('accountGlance.renameAccount', second.accountKey);
      await vscode.commands.executeCommand('accountGlance.pinAccount', second.accountKey);
      api.prompts = windowPrompts;
      await server?.close();
      server = undefined;
      await settle();
    });
  }

  if (START === 7) {
    test('after a restart the second account is back with its label and pin, beside the account 0.1.0 saved', async () => {
      const leadping = await waitFor(() => {
        const states = api.refresher.statesOf('leadping');
        return states.length === 2 && states[1]?.label !== undefined && states;
      }, 'both Leadping accounts and the label');
      assert.deepEqual(
        leadping.map((state) => [state.accountKey === 'leadping', state.label, state.pinned, state.snapshot?.identity.displayName]),
        [
          [true, undefined, undefined, 'Jordan Avery'],
          [false, 'Client A', true, 'Maya Okafor'],
        ],
      );
      assert.equal((await api.tokens.read('leadping'))?.token, FAKE_TOKENS.leadping, "0.1.0's token is still the first account's");
      // Only the pinned account shows on the status bar, even before a refresh confirmed it.
      await waitFor(
        () => /LP \$3\.20 \$\(arrow-down\)$/.test(api.statusBar.view?.text ?? ''),
        'the pinned account alone in the status bar',
      );
    });
  }

  const damage = DAMAGE_LEFT_BY_START[START];
  if (damage) {
    test(`leave a damaged cache for the next start: ${damage.what}`, async () => {
      const good = goodSnapshots(api);
      await server?.close();
      server = undefined;
      await leaveCache(api, {
        version: 2,
        snapshots: { leadping: damage.leadping(good.leadping), signeasy: damage.signeasy(good.signeasy) },
      });
    });
  }
  if (START === 5) {
    test('Signeasy falls low: one alert, remembered for the next start', async () => {
      assert.ok(server, 'the fake server of this start');
      server.setScenario('signeasy', 'low');
      await vscode.commands.executeCommand('accountGlance.refresh');
      await api.alertsDecided();
      assert.deepEqual(
        api.shownAlerts.map((alert) => alert.severity),
        ['warning'],
      );
      assert.match(api.shownAlerts[0]?.message ?? '', /Signeasy/);
    });
    test('leave a cache from a newer version for the next start', async () => {
      const good = goodSnapshots(api);
      await server?.close();
      server = undefined;
      await leaveCache(api, { version: 99, snapshots: good, accounts: [{ unknown: true }] });
    });
  }
});

/** This start's fresh snapshots, checked to be whole (they are what the next start's damage is made from). */
function goodSnapshots(api: AccountGlanceTestApi): Record<'leadping' | 'signeasy', AccountSnapshot> {
  const snapshot = (service: 'leadping' | 'signeasy') => {
    const value = api.refresher.state(service).snapshot;
    assert.ok(value && readSnapshot(value, Date.now()).ok, `${service} has a whole snapshot`);
    return value;
  };
  return { leadping: snapshot('leadping'), signeasy: snapshot('signeasy') };
}

/**
 * VS Code batches extension-state and secret writes, and the workbench may be navigated away
 * before its storage is flushed: give them time to land before this start ends.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 3_000));
}

/** Writes the snapshot cache for the next start; written twice, apart, so a flush lost to the restart cannot keep the older value. */
async function leaveCache(api: AccountGlanceTestApi, value: unknown): Promise<void> {
  await api.cache.settled();
  await api.globalState.update(CACHE_KEY, value);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await api.globalState.update(CACHE_KEY, JSON.parse(JSON.stringify(value)) as unknown);
  await settle();
}

/** Rewrites the user settings file (<user data>/User/settings.json, two folders above globalStorage/<extension>), read at the next start. */
async function editUserSettings(
  api: AccountGlanceTestApi,
  edit: (settings: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const file = vscode.Uri.joinPath(api.globalStorageUri, '..', '..', 'settings.json').fsPath;
  const settings = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  await fs.writeFile(file, JSON.stringify(edit(settings), null, 2));
}

function historyFiles(api: AccountGlanceTestApi): HistoryFiles {
  return new HistoryFiles(historyFolder(api.globalStorageUri));
}

/** A day of hourly samples ending an hour ago, the first of them the service's marker value. */
function markedHistory(service: 'leadping' | 'signeasy'): AccountHistory | undefined {
  let history: AccountHistory | undefined;
  const now = Date.now();
  for (let hoursAgo = MARKED_SAMPLES; hoursAgo >= 1; hoursAgo--) {
    const value = hoursAgo === MARKED_SAMPLES ? HISTORY_MARKERS[service] : HISTORY_MARKERS[service] - hoursAgo;
    const fetchedAt = now - hoursAgo * 3_600_000;
    const snapshot =
      service === 'leadping' ? leadpingSnapshot({ balance: value, fetchedAt }) : signeasySnapshot({ envelopes: value, fetchedAt });
    history = recordSnapshot(history, snapshot);
  }
  return history;
}

/** The values of the service's headline counter in `history`, oldest first. */
function historyValues(history: AccountHistory | undefined, service: 'leadping' | 'signeasy'): number[] {
  return samplesOf(history, service === 'leadping' ? 'balance' : 'envelopesAvailable').map((point) => point.value);
}
