// Wires Account Glance together: dist/core.js, which activate() (src/extension.ts) loads once it
// has returned. Last session's data is read and checked, the status bar rendered for real, and the
// first refresh started in a microtask after wiring, so neither formatting nor a network call
// holds up the wiring either.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountRefresher, type AccountRefresherOptions } from './core/refresh/accountRefresher';
import { AccountFetcher } from './core/http/accountFetcher';
import { scheduleRefreshes } from './core/refresh/refreshSchedule';
import { startUp } from './core/refresh/startUp';
import { SERVICE_ADAPTERS } from './core/services/registry';
import { findAdapter, type ServiceAdapter } from './core/services/serviceAdapter';
import { registerCommands } from './commands/commands';
import { inertNotify, inertPrompts } from './commands/prompts';
import {
  baseUrlSetting,
  privacyMode,
  refreshIntervalMinutes,
  setPrivacyMode,
  requestTimeoutMs,
  BaseUrlWatcher,
  followSettings,
} from './storage/settings';
import { AccountBook } from './storage/accountBook';
import { serviceIdOfKey } from './core/accounts/accountKey';
import { createTestApi, seamsFor, TestHooks, type AccountGlanceTestApi, type Seams } from './testApi';
import { AccountForecasts } from './storage/accountForecasts';
import { AlertNotifier, alertContextFor } from './views/alertNotifier';
import { createSurfaces } from './views/surfaces';
import { openStores } from './storage/stores';
import { ServiceCatalog } from './storage/serviceCatalog';
import type { SerialState } from './storage/serialState';
import { AlertMemoryStore } from './storage/alertMemoryStore';
import { LastGlanceStore } from './storage/lastStatusBarText';
import type { AccountGlanceApi } from './api/accountGlanceApi';
import { createApiSurfaces } from './api/apiSurfaces';
import { signedInAccounts } from './views/viewModels/accountSummary';
import { failureLogLine, requestLogLine } from './views/viewModels/logLines';
import { AccountConnections } from './storage/accountConnections';
import { AccountDataKeeper, type AccountDataParts } from './storage/accountDataKeeper';

/** What activate() resolves to: the API for other extensions; in ExtensionMode.Test also the test API, beside it. */
export type ActivationExports = AccountGlanceApi & { readonly testApi?: AccountGlanceTestApi };

/** What activate() did before loading this module, and hands over. */
export interface Shell {
  /** The status-bar item, with last session's glance painted on it if there was one. */
  readonly statusBarItem: vscode.StatusBarItem;
  /** performance.now() when activate() was called. */
  readonly activationStart: number;
  /** Milliseconds inside activate(): to its return, and to last session's glance painted. */
  readonly timings: { readonly activateMs: number; readonly cachedPaintMs: number };
}

export function wireUp(context: vscode.ExtensionContext, shell: Shell): ActivationExports {
  return wireUpWith(context, shell, SERVICE_ADAPTERS);
}

/** wireUp() for a given set of services (the in-host tests add a test-only third one). */
export function wireUpWith(context: vscode.ExtensionContext, shell: Shell, builtIns: readonly ServiceAdapter[]): ActivationExports {
  const wiringStart = performance.now();
  // The view models word things with @vscode/l10n, which cannot ask VS Code: hand it the bundle
  // VS Code loaded for the display language (none for English, and none is read from disk here).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test ? new TestHooks() : undefined;
  const seams = seamsFor(testHooks);
  const log = vscode.window.createOutputChannel('Account Glance', { log: true });
  const locale = vscode.env.language;
  const { tokens, index, globalState, cache, history } = openStores(context.secrets, context.globalState, context.globalStorageUri, log);
  // One live list of services: the built-ins, the presets and the person's own definitions.
  const catalog = new ServiceCatalog(builtIns);
  const { adapters } = catalog;
  const basics: Basics = { adapters, log, locale, seams };
  const fetcher = createFetcher(context, log);
  // Every message, pick and question goes out through one door that makes service text plain.
  const prompts = inertPrompts(seams.prompts, seams.onShown);
  const alerts = createAlerts(basics, globalState);
  const forecasts = new AccountForecasts(history, () => {
    surfaces.redraw();
    surfaces.historyPanel.update();
    api.exported.noteChange();
  });
  const connections = new AccountConnections(tokens, adapters, baseUrlSetting, log);
  const refresher = createRefresher(basics, fetcher, connections, (accountKey, snapshot, previous) =>
    seams.noteAlertDecision(keeper.onFreshSnapshot(accountKey, snapshot, previous)),
  );
  const book = new AccountBook(tokens, index, refresher);
  const keeper = new AccountDataKeeper({ book, cache, history: forecasts, alerts: keptAlerts(adapters, alerts, refresher), log });
  const accounts = () => signedInAccounts(adapters, refresher.states(), (accountKey) => forecasts.get(accountKey));
  // What other extensions and chat see: read-only, never a token (src/api/).
  const api = createApiSurfaces({ refresher, tokens, book, log, accounts, locale, privacyMode });
  const schedule = scheduleRefreshes(refresher, {
    intervalMinutes: refreshIntervalMinutes(),
    timers: seams.scheduleTimers,
    onError: (error) => log.warn(`An automatic refresh failed: ${errorText(error)}`),
  });
  schedule.setFocused(vscode.window.state.focused);
  const refresh = async (accountKeys?: readonly string[], options: { automatic?: boolean } = {}) => {
    await refresher.refresh(accountKeys, options);
    schedule.noteRefreshed();
  };
  /** Every account, as the schedule asks them (within each account's budget of automatic requests). */
  const refreshAll = () => refresh(undefined, { automatic: true });
  const lastText = new LastGlanceStore(globalState);
  const surfaces = createSurfaces({
    ...basics,
    refresher,
    forecasts,
    statusBarItem: shell.statusBarItem,
    extensionUri: context.extensionUri,
    onStatusBarRender: (view) => {
      seams.onStatusBarView(view);
      // What the next start paints; not the passing "refreshing" state.
      if (!refresher.isRefreshing()) keeper.owned(lastText.remember(view), 'The status-bar text for the next start could not be saved');
    },
    onHistoryHtml: seams.onHistoryHtml,
    definitionErrors: () => catalog.errors,
  });
  const baseUrls = new BaseUrlWatcher(adapters);
  context.subscriptions.push(
    log,
    ...surfaces.disposables,
    { dispose: () => schedule.dispose() },
    { dispose: () => refresher.dispose() },
    ...registerCommands({
      refresher,
      book,
      log,
      refresh,
      baseUrlFor: baseUrlSetting,
      checkToken: (adapter, connection) => fetcher.fetch(adapter, connection),
      showTroubleshooting: () => showTroubleshooting(context.extensionUri),
      showCreditHistory: () => surfaces.historyPanel.show(),
      resetAlerts: () => alerts.resetAlerts(),
      privacyMode,
      setPrivacyMode,
      accounts,
      prompts,
      onDidShowInputBox: seams.onDidShowInputBox,
    }),
    ...api.disposables,
    refresher.onDidChangeState((accountKey, state) => {
      api.exported.noteChange();
      if (!state.signedIn) keeper.owned(keeper.forget(accountKey), `${accountKey}: sign-out`);
    }),
    ...book.followOtherWindows(log),
    followSettings(baseUrls, {
      baseUrlChanged: (adapter) => keeper.owned(askBeforeNewOrigin(book, adapter), `${adapter.id}: reconnect to the new base URL`),
      intervalChanged: (minutes) => schedule.setIntervalMinutes(minutes),
      // Services came, went or changed: their accounts are read again and asked.
      definitionsChanged: () => readServices(catalog, refresher, log) && keeper.owned(book.load().then(refreshAll), 'The services changed'),
      anyChanged: () => surfaces.redraw(),
    }),
    vscode.window.onDidChangeWindowState((windowState) => schedule.setFocused(windowState.focused)),
  );

  const startup = startUp({
    showCached: () => {
      readServices(catalog, refresher, log);
      refresher.restoreCached(cache.load());
      baseUrls.rememberCurrent();
      surfaces.statusBar.render();
      forecasts.restoreShown(refresher.states(), Date.now());
    },
    loadAccounts: () => keeper.owned(book.load(), 'The list of accounts could not be read'),
    refresh: refreshAll,
    onError: (error) => log.error(`Start-up failed: ${errorText(error)}`),
  });
  const timings = { ...shell.timings, readyMs: performance.now() - shell.activationStart };
  log.info(`Activated in ${timings.activateMs.toFixed(1)} ms (cached state shown after ${timings.cachedPaintMs.toFixed(1)} ms).`);
  log.info(`Ready in ${timings.readyMs.toFixed(1)} ms after activation began (wiring ${(performance.now() - wiringStart).toFixed(1)} ms).`);
  if (!testHooks) return api.exported.api;
  const { secrets, globalStorageUri, logUri } = context;
  const testParts = { refresher, tokens, secrets, globalState, globalStorageUri, cache, schedule, logUri, timings, startup };
  const testApi = createTestApi({ ...testParts, tree: surfaces.tree, accountsProvider: api.accountsProvider }, testHooks);
  return Object.freeze({ ...api.exported.api, testApi });
}

/** Nothing goes to a service's new origin yet: each account reconnects, and the person is asked once. */
async function askBeforeNewOrigin(book: AccountBook, adapter: ServiceAdapter): Promise<void> {
  const asking = await book.reconnectService(adapter.id);
  if (asking) await vscode.commands.executeCommand('accountGlance.confirmBaseUrl', asking);
}

/**
 * Reads the list of services (built-ins, presets, the person's definitions) and lets the refresher
 * follow it; each definition that could not be read is logged with where and why, as its row in
 * the panel says. True when the list changed.
 */
function readServices(catalog: ServiceCatalog, refresher: AccountRefresher, log: vscode.LogOutputChannel): boolean {
  const changed = catalog.reload();
  for (const error of catalog.errors) log.error(`Service definition not used: ${error.path}: ${error.message}`);
  if (changed) refresher.followServices();
  return changed;
}

/** What every part below is made with. */
interface Basics {
  readonly adapters: readonly ServiceAdapter[];
  readonly log: vscode.LogOutputChannel;
  readonly locale: string;
  readonly seams: Seams;
}

/** The one HTTP client: it names the extension and VS Code, and logs each request (never a token). */
function createFetcher(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): AccountFetcher {
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  return new AccountFetcher({
    userAgent: `AccountGlance/${version} VSCode/${vscode.version}`,
    timeoutMs: requestTimeoutMs,
    onRequest: (entry) => logRequest(log, requestLogLine(entry)),
  });
}

function createRefresher(
  { adapters, log, locale, seams }: Basics,
  fetcher: AccountFetcher,
  connections: AccountConnections,
  onSnapshot: AccountRefresherOptions['onSnapshot'],
): AccountRefresher {
  return new AccountRefresher({
    adapters,
    fetcher,
    connectionFor: (accountKey) => connections.connectionFor(accountKey),
    onSnapshot,
    onFailure: (accountKey, error) => log.warn(failureLogLine(accountKey, error, serviceNameOf(adapters, accountKey), locale)),
    retryDelayMs: seams.retryDelayMs,
    onListenerCountChange: seams.onListenerCountChange,
  });
}

/** Alerts go out through the same door as every other message, so service text in them is plain. */
function createAlerts({ log, locale, seams }: Basics, globalState: SerialState): AlertNotifier {
  return new AlertNotifier(new AlertMemoryStore(globalState), {
    locale,
    show: inertNotify(seams.showAlert, seams.onShown),
    onError: (what, error) => log.warn(`Alerts: ${what}: ${errorText(error)}`),
  });
}

/** The alerts as the data keeper uses them: each decision made with the account's alert name and threshold. */
function keptAlerts(adapters: readonly ServiceAdapter[], alerts: AlertNotifier, refresher: AccountRefresher): AccountDataParts['alerts'] {
  return {
    decide: (accountKey, snapshot) => alerts.onFreshSnapshot(snapshot, alertContextFor(adapters, refresher, accountKey, snapshot)),
    forget: (accountKey) => alerts.forget(accountKey),
  };
}

/** The README's troubleshooting section, in VS Code's Markdown preview; on the web when that cannot open. */
function showTroubleshooting(extensionUri: vscode.Uri): Thenable<unknown> {
  return vscode.commands
    .executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'README.md'))
    .then(undefined, () => vscode.env.openExternal(vscode.Uri.parse('https://github.com/accountglance/account-glance#troubleshooting')));
}

function logRequest(log: vscode.LogOutputChannel, { line, warning }: { readonly line: string; readonly warning: boolean }): void {
  if (warning) log.warn(line);
  else log.info(line);
}

function serviceNameOf(adapters: readonly ServiceAdapter[], accountKey: string): string {
  return findAdapter(adapters, serviceIdOfKey(accountKey))?.displayName ?? accountKey;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
