// Wires Account Glance together: dist/core.js, which activate() (src/extension.ts) loads once it
// has returned. Last session's data is read and checked, the status bar rendered for real, and the
// first refresh started in a microtask after wiring, so neither formatting nor a network call
// holds up the wiring either.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountRefresher } from './core/refresh/accountRefresher';
import { AccountFetcher } from './core/http/accountFetcher';
import { RefreshSchedule } from './core/refresh/refreshSchedule';
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
  SETTINGS_SECTION,
} from './storage/settings';
import { AccountBook } from './storage/accountBook';
import { serviceIdOfKey } from './core/accounts/accountKey';
import { createTestApi, seamsFor, TestHooks, type AccountGlanceTestApi } from './testApi';
import { AccountForecasts } from './storage/accountForecasts';
import { AlertNotifier, alertContextFor } from './views/alertNotifier';
import { createSurfaces } from './views/surfaces';
import { openStores } from './storage/stores';
import { AlertMemoryStore } from './storage/alertMemoryStore';
import { LastGlanceStore } from './storage/lastStatusBarText';
import type { AccountGlanceApi } from './api/accountGlanceApi';
import { registerAccountsTool } from './api/accountsTool';
import { AccountsAuthenticationProvider, AUTHENTICATION_PROVIDER_ID } from './api/authenticationProvider';
import { createExportedApi } from './api/exportedApi';
import { signedInAccounts, summarizeAccounts } from './views/viewModels/accountSummary';
import { failureLogLine, requestLogLine } from './views/viewModels/logLines';
import { AccountConnections } from './storage/accountConnections';
import { AccountDataKeeper } from './storage/accountDataKeeper';

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
export function wireUpWith(context: vscode.ExtensionContext, shell: Shell, adapters: readonly ServiceAdapter[]): ActivationExports {
  const wiringStart = performance.now();
  // The view models word things with @vscode/l10n, which cannot ask VS Code: hand it the bundle
  // VS Code loaded for the display language (none for English, and none is read from disk here).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test ? new TestHooks() : undefined;
  const seams = seamsFor(testHooks);
  const log = vscode.window.createOutputChannel('Account Glance', { log: true });
  const locale = vscode.env.language;
  const { tokens, index, globalState, cache, history } = openStores(context.secrets, context.globalState, log);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const fetcher = new AccountFetcher({
    userAgent: `AccountGlance/${version} VSCode/${vscode.version}`,
    timeoutMs: requestTimeoutMs,
    onRequest: (entry) => logRequest(log, requestLogLine(entry)),
  });
  // Every message, pick and question goes out through one door that makes service text plain.
  const prompts = inertPrompts(seams.prompts, seams.onShown);
  const alerts = new AlertNotifier(new AlertMemoryStore(globalState), {
    locale,
    show: inertNotify(seams.showAlert, seams.onShown),
    onError: (what, error) => log.warn(`Alerts: ${what}: ${errorText(error)}`),
  });
  const forecasts = new AccountForecasts(history, () => {
    surfaces.tree.refresh();
    surfaces.statusBar.render();
    surfaces.historyPanel.update();
    exported.noteChange();
  });
  const connections = new AccountConnections(tokens, adapters, baseUrlSetting, log);
  const refresher = new AccountRefresher({
    adapters,
    fetcher,
    connectionFor: (accountKey) => connections.connectionFor(accountKey),
    onSnapshot: (accountKey, snapshot, previous) => seams.noteAlertDecision(keeper.onFreshSnapshot(accountKey, snapshot, previous)),
    onFailure: (accountKey, error) => log.warn(failureLogLine(accountKey, error, serviceNameOf(adapters, accountKey), locale)),
    retryDelayMs: seams.retryDelayMs,
    onListenerCountChange: seams.onListenerCountChange,
  });
  const book = new AccountBook(tokens, index, refresher);
  const keeper = new AccountDataKeeper({
    book,
    cache,
    history: forecasts,
    alerts: {
      decide: (accountKey, snapshot) => alerts.onFreshSnapshot(snapshot, alertContextFor(adapters, refresher, accountKey, snapshot)),
      forget: (accountKey) => alerts.forget(accountKey),
    },
    log,
  });
  const accounts = () => signedInAccounts(adapters, refresher.states(), (accountKey) => forecasts.get(accountKey));
  // What other extensions and chat see: read-only, never a token (src/api/).
  const exported = createExportedApi(accounts);
  const schedule = new RefreshSchedule(
    (reason) => refresher.refresh(reason === 'interval' ? undefined : refresher.accountsDueForRetry(), { automatic: true }),
    {
      intervalMinutes: refreshIntervalMinutes(),
      retryAt: () => refresher.nextRetryAt(),
      onRetryAtChange: (listener) => refresher.onDidChangeState(listener),
      timers: seams.scheduleTimers,
      onError: (error) => log.warn(`An automatic refresh failed: ${errorText(error)}`),
    },
  );
  schedule.setFocused(vscode.window.state.focused);
  const refresh = async (accountKeys?: readonly string[], options: { automatic?: boolean } = {}) => {
    await refresher.refresh(accountKeys, options);
    schedule.noteRefreshed();
  };
  const lastText = new LastGlanceStore(globalState);
  const surfaces = createSurfaces({
    adapters,
    refresher,
    forecasts,
    locale,
    log,
    statusBarItem: shell.statusBarItem,
    extensionUri: context.extensionUri,
    onStatusBarRender: (view) => {
      seams.onStatusBarView(view);
      // What the next start paints; not the passing "refreshing" state.
      if (!refresher.isRefreshing()) keeper.owned(lastText.remember(view), 'The status-bar text for the next start could not be saved');
    },
    onHistoryHtml: seams.onHistoryHtml,
  });
  const baseUrls = new BaseUrlWatcher(adapters);
  const accountsProvider = new AccountsAuthenticationProvider({ refresher, tokens, book, log });
  /** A new base URL sends nothing to another origin: each signed-in account reconnects, and the person is asked once. */
  const followBaseUrl = (adapter: ServiceAdapter) =>
    keeper.owned(
      book.reconnectService(adapter.id).then((asking) => asking && vscode.commands.executeCommand('accountGlance.confirmBaseUrl', asking)),
      `${adapter.id}: reconnect to the new base URL`,
    );
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
    exported,
    accountsProvider,
    vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_PROVIDER_ID, 'Account Glance', accountsProvider, {
      supportsMultipleAccounts: true,
    }),
    registerAccountsTool({
      accounts: () => exported.api.getAccounts(),
      summarize: (ids) =>
        summarizeAccounts(
          accounts().filter(({ state }) => ids.includes(state.accountKey)),
          { now: Date.now(), locale },
        ),
      privacyMode,
    }),
    refresher.onDidChangeState((accountKey, state) => {
      exported.noteChange();
      if (!state.signedIn) keeper.owned(keeper.forget(accountKey), `${accountKey}: sign-out`);
    }),
    ...book.followOtherWindows(log),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      baseUrls.changedBy(event).forEach(followBaseUrl);
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.refreshIntervalMinutes`)) schedule.setIntervalMinutes(refreshIntervalMinutes());
      surfaces.statusBar.render();
      surfaces.tree.refresh();
    }),
    vscode.window.onDidChangeWindowState((windowState) => schedule.setFocused(windowState.focused)),
  );

  // Once wired (a microtask: before VS Code asks the tree for rows or sends an event): last
  // session's data is read and checked, the status bar rendered for real, the forecasts made from
  // stored history; then the first refresh reads the tokens and asks the services.
  const startup = Promise.resolve()
    .then(() => {
      refresher.restoreCached(cache.load());
      baseUrls.rememberCurrent();
      surfaces.statusBar.render();
      forecasts.restoreShown(refresher.states(), Date.now());
      return keeper.owned(book.load(), 'The list of accounts could not be read');
    })
    .then(() => refresh(undefined, { automatic: true }))
    .catch((error: unknown) => log.error(`Start-up refresh failed: ${errorText(error)}`));
  const timings = { ...shell.timings, readyMs: performance.now() - shell.activationStart };
  log.info(`Activated in ${timings.activateMs.toFixed(1)} ms (cached state shown after ${timings.cachedPaintMs.toFixed(1)} ms).`);
  log.info(`Ready in ${timings.readyMs.toFixed(1)} ms after activation began (wiring ${(performance.now() - wiringStart).toFixed(1)} ms).`);
  const { secrets, globalStorageUri, logUri } = context;
  const { tree } = surfaces;
  const parts = {
    refresher,
    tokens,
    secrets,
    globalState,
    globalStorageUri,
    cache,
    tree,
    schedule,
    logUri,
    timings,
    startup,
    accountsProvider,
  };
  return testHooks ? Object.freeze({ ...exported.api, testApi: createTestApi(parts, testHooks) }) : exported.api;
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
