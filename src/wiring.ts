// Wires Account Glance together: dist/core.js, which activate() (src/extension.ts) loads once it
// has returned. Last session's data is read and checked, the status bar rendered for real, and the
// first refresh started in a microtask after wiring, so neither formatting nor a network call
// holds up the wiring either.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountRefresher } from './core/refresh/accountRefresher';
import { originOf } from './core/http/baseUrl';
import { AccountFetcher, type AccountConnection } from './core/http/accountFetcher';
import { retryDelayMs } from './core/refresh/retryPolicy';
import { RefreshSchedule } from './core/refresh/refreshSchedule';
import { SERVICE_ADAPTERS } from './core/services/registry';
import { findAdapter, type ServiceAdapter } from './core/services/serviceAdapter';
import { AccountTreeProvider } from './views/accountTree';
import { registerCommands, VIEW_ID } from './commands/commands';
import { CreditStatusBar } from './views/creditStatusBar';
import { inertNotify, inertPrompts, windowPrompts } from './commands/prompts';
import {
  baseUrlSetting,
  glanceSettings,
  privacyMode,
  refreshIntervalMinutes,
  setPrivacyMode,
  requestTimeoutMs,
  BaseUrlWatcher,
  SETTINGS_SECTION,
} from './storage/settings';
import { SnapshotCache } from './storage/snapshotCache';
import { TokenStore } from './storage/tokenStore';
import { AccountIndex } from './storage/accountIndex';
import { AccountBook } from './storage/accountBook';
import { isAccountKey, serviceIdOfKey } from './core/accounts/accountKey';
import { routeFreshSnapshot } from './core/accounts/accountIdentity';
import type { AccountState } from './core/refresh/accountState';
import { createTestApi, TestHooks, type AccountGlanceTestApi } from './testApi';
import { accountHolderName, type AccountSnapshot, type ServiceError } from './core/model';
import { accountTitle, privateAccountTitle } from './views/viewModels/accountTitle';
import { describeError } from './views/viewModels/errorWording';
import { CreditHistoryStore } from './storage/creditHistoryStore';
import { AccountForecasts } from './storage/accountForecasts';
import { CreditHistoryPanel } from './views/creditHistoryPanel';
import { chartAccounts } from './views/viewModels/chartAccounts';
import { AlertNotifier } from './views/alertNotifier';
import { AlertMemoryStore } from './storage/alertMemoryStore';
import { SerialState } from './storage/serialState';
import { LastGlanceStore } from './storage/lastGlance';
import type { AccountGlanceApi } from './api/accountGlanceApi';
import { registerAccountsTool } from './api/accountsTool';
import { AccountsAuthenticationProvider, AUTHENTICATION_PROVIDER_ID } from './api/authenticationProvider';
import { createExportedApi } from './api/exportedApi';
import { summarizeAccounts } from './views/viewModels/accountSummary';

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
  const log = vscode.window.createOutputChannel('Account Glance', { log: true });
  const tokens = new TokenStore(context.secrets);
  // Every store writes through one SerialState: globalState loses overlapping writes (serialState.ts).
  const globalState = new SerialState(context.globalState);
  const cache = new SnapshotCache(globalState, {
    onDropped: (accountKey, reason) => log.warn(`Cached ${accountKey ?? 'account'} data was dropped: ${reason}.`),
  });
  const index = new AccountIndex(context.secrets);
  const locale = vscode.env.language;
  const version = String(context.extension.packageJSON.version ?? '0.0.0');

  const fetcher = new AccountFetcher({
    userAgent: `AccountGlance/${version} VSCode/${vscode.version}`,
    timeoutMs: requestTimeoutMs,
    onRequest: (entry) => {
      const line = `${entry.serviceId}: ${entry.method} ${entry.path} → ${entry.status ?? entry.outcome} in ${Math.round(entry.durationMs)} ms`;
      if (entry.outcome === 'ok') log.info(line);
      else log.warn(line);
    },
  });

  /** The token with the origin it is bound to; a token 0.1.0 saved is bound, once, to the origin configured now. */
  const connectionFor = async (accountKey: string): Promise<AccountConnection | undefined> => {
    const adapter = findAdapter(adapters, serviceIdOfKey(accountKey));
    const stored = adapter && (await tokens.read(accountKey));
    if (!adapter || !stored) return undefined;
    const baseUrl = baseUrlSetting(adapter);
    let tokenOrigin = stored.origin;
    if (tokenOrigin === undefined) {
      tokenOrigin = originOf(baseUrl) ?? '';
      if (tokenOrigin) await bindLegacyToken(adapter, accountKey, stored.token, tokenOrigin);
    }
    return { baseUrl, token: stored.token, tokenOrigin };
  };

  const bindLegacyToken = async (adapter: ServiceAdapter, accountKey: string, token: string, origin: string) => {
    try {
      await tokens.save(accountKey, token, origin);
      log.info(`${adapter.displayName}: the token saved by an earlier version is now bound to ${origin}.`);
    } catch {
      log.warn(`${adapter.displayName}: could not record which address the token belongs to; it is used for ${origin} in this session.`);
    }
  };

  // Credit history stays on this machine (globalState, never synced); forecasts are made from it.
  const history = new CreditHistoryStore(globalState, {
    onDropped: (accountKey, reason) => log.warn(`Stored ${accountKey} credit history was partly dropped: ${reason}.`),
  });
  // Every message, pick and question goes out through one door that makes service text plain.
  const prompts = inertPrompts(testHooks?.currentPrompts ?? windowPrompts, testHooks?.noteShown);
  const alerts = new AlertNotifier(new AlertMemoryStore(globalState), {
    locale,
    show: inertNotify(testHooks?.showAlert ?? windowPrompts.notify, testHooks?.noteShown),
    onError: (what, error) => log.warn(`Alerts: ${what}: ${errorText(error)}`),
  });
  const forecasts = new AccountForecasts(history, () => {
    tree.refresh();
    statusBar.render();
    historyPanel.update();
    exported.noteChange();
  });
  const productionRetryDelayMs = (error: ServiceError, attempt: number) => retryDelayMs(error, attempt, Math.random);
  const refresher = new AccountRefresher({
    adapters,
    fetcher,
    connectionFor,
    onSnapshot: (accountKey, snapshot, previous) => {
      // Whose account this is decides whose history and alerts it joins (accountIdentity.ts).
      const route = routeFreshSnapshot(accountKey, snapshot.identity, previous, book.held());
      if (route.kind === 'mergeInto') {
        owned(book.mergeInto(accountKey, route.survivor, snapshot), `${accountKey}: could not be merged into ${route.survivor}`);
        return;
      }
      if (route.kind === 'absorb') {
        for (const duplicate of route.duplicates) owned(book.remove(duplicate), `${duplicate}: the duplicate could not be removed`);
      }
      const decided = (route.startAfresh ? forgetAccountData(accountKey) : Promise.resolve()).then(() => keepFresh(accountKey, snapshot));
      testHooks?.noteAlertDecision(decided);
    },
    onFailure: (accountKey, error) => {
      const serviceName = findAdapter(adapters, serviceIdOfKey(accountKey))?.displayName ?? accountKey;
      log.warn(`${accountKey}: ${describeError(error, serviceName, locale)}`);
    },
    retryDelayMs: testHooks ? testHooks.scaledRetryDelay(productionRetryDelayMs) : productionRetryDelayMs,
    onListenerCountChange: testHooks && ((count) => (testHooks.refresherListeners = count)),
  });
  const book = new AccountBook(tokens, index, refresher);
  /** Logs the failure of work nobody waits on; never rejects. */
  const owned = (work: PromiseLike<unknown>, what: string): Promise<void> =>
    Promise.resolve(work).then(
      () => undefined,
      (error: unknown) => log.warn(`${what}: ${errorText(error)}`),
    );
  /** Lets go of what is known of an account: its cache, credit history and alert memory (mutes included). */
  const forgetAccountData = (accountKey: string): Promise<void> =>
    Promise.all([
      owned(cache.remove(accountKey), `${accountKey}: the cached data could not be removed`),
      owned(forecasts.forget(accountKey), `${accountKey}: the credit history could not be removed`),
      owned(alerts.forget(accountKey), `${accountKey}: the alert memory could not be removed`),
    ]).then(() => undefined);
  /** A fresh snapshot joins its account's cache, alerts and history. Fresh only: a cached one never notifies. */
  const keepFresh = async (accountKey: string, snapshot: AccountSnapshot): Promise<void> => {
    const saved = owned(cache.save(accountKey, snapshot), `${accountKey}: the data could not be cached`);
    const adapter = findAdapter(adapters, snapshot.serviceId);
    if (adapter) {
      await alerts.onFreshSnapshot(snapshot, {
        accountKey,
        serviceName: alertName(adapter, accountKey, snapshot),
        lowCreditThreshold: glanceSettings(adapters).lowCredit[adapter.id],
        privacyMode: privacyMode(),
      });
    }
    await Promise.all([saved, owned(forecasts.record(accountKey, snapshot), `${accountKey}: the credit history could not be saved`)]);
  };
  /** How an alert names the account: the service's name, with the label or holder once the service has several. */
  const alertName = (adapter: ServiceAdapter, accountKey: string, snapshot: AccountSnapshot): string => {
    const state = refresher.state(accountKey);
    if (privacyMode()) return privateAccountTitle(adapter, state, refresher.states());
    const title = accountTitle(adapter, state);
    if (refresher.statesOf(adapter.id).filter((other) => other.signedIn).length < 2 || state.label) return title;
    const holder = accountHolderName(snapshot.identity);
    return holder ? vscode.l10n.t('{service} ({name})', { service: title, name: holder }) : title;
  };
  /** Every signed-in account as the summaries and the exported API read it: its service, state and forecast now. */
  const signedInAccounts = () =>
    refresher.states().flatMap((state: AccountState) => {
      const adapter = findAdapter(adapters, state.serviceId);
      return adapter && state.signedIn ? [{ adapter, state, forecast: forecasts.get(state.accountKey) }] : [];
    });
  // What other extensions and chat see: read-only, never a token (src/api/).
  const exported = createExportedApi(signedInAccounts);

  const schedule = new RefreshSchedule(
    (reason) => refresher.refresh(reason === 'interval' ? undefined : refresher.accountsDueForRetry(), { automatic: true }),
    {
      intervalMinutes: refreshIntervalMinutes(),
      retryAt: () => refresher.nextRetryAt(),
      onRetryAtChange: (listener) => refresher.onDidChangeState(listener),
      timers: testHooks?.scheduleTimers,
      onError: (error) => log.warn(`An automatic refresh failed: ${errorText(error)}`),
    },
  );
  schedule.setFocused(vscode.window.state.focused);

  const refresh = async (accountKeys?: readonly string[], options: { automatic?: boolean } = {}) => {
    await refresher.refresh(accountKeys, options);
    schedule.noteRefreshed();
  };

  const logRenderError = (where: string) => (error: unknown) =>
    log.error(`Could not draw the ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const baseUrls = new BaseUrlWatcher(adapters);
  const tree = new AccountTreeProvider(refresher, locale, {
    onRenderError: logRenderError('Accounts view'),
    forecasts: () => forecasts.all(),
  });
  const lastGlance = new LastGlanceStore(globalState);
  const statusBar = new CreditStatusBar(shell.statusBarItem, refresher, locale, {
    onRenderError: logRenderError('status-bar item'),
    onDidRender: (view) => {
      if (testHooks) testHooks.statusBarView = view;
      // What the next start paints; not the passing "refreshing" state.
      if (!refresher.isRefreshing()) owned(lastGlance.remember(view), 'The status-bar text for the next start could not be saved');
    },
    forecasts: () => forecasts.all(),
  });
  const historyPanel = new CreditHistoryPanel(() => chartAccounts(adapters, refresher.states(), forecasts.all(), Date.now()), {
    locale,
    onRenderError: logRenderError('credit history'),
    onDidRender: testHooks && ((html) => (testHooks.historyHtml = html)),
  });
  const timings = { ...shell.timings, readyMs: 0 };

  const showTroubleshooting = () =>
    vscode.commands
      .executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md'))
      .then(undefined, () => vscode.env.openExternal(vscode.Uri.parse('https://github.com/accountglance/account-glance#troubleshooting')));

  const accountsProvider = new AccountsAuthenticationProvider({ refresher, tokens, book, log });
  context.subscriptions.push(
    log,
    tree,
    statusBar,
    historyPanel,
    { dispose: () => schedule.dispose() },
    { dispose: () => refresher.dispose() },
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    ...registerCommands({
      refresher,
      tokens,
      book,
      log,
      refresh,
      baseUrlFor: baseUrlSetting,
      checkToken: (adapter, connection) => fetcher.fetch(adapter, connection),
      showTroubleshooting,
      showCreditHistory: () => historyPanel.show(),
      resetAlerts: () => alerts.resetAlerts(),
      privacyMode,
      setPrivacyMode,
      accounts: signedInAccounts,
      prompts,
      onDidShowInputBox: testHooks?.showInputBox,
    }),
    exported,
    accountsProvider,
    vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_PROVIDER_ID, 'Account Glance', accountsProvider, {
      supportsMultipleAccounts: true,
    }),
    registerAccountsTool({
      accounts: () => exported.api.getAccounts(),
      summarize: (accountIds) =>
        summarizeAccounts(
          signedInAccounts().filter((account) => accountIds.includes(account.state.accountKey)),
          { now: Date.now(), locale },
        ),
      privacyMode,
    }),
    refresher.onDidChangeState((accountKey, state) => {
      exported.noteChange();
      // forgetAccountData() logs its own failures and never rejects.
      if (!state.signedIn) forgetAccountData(accountKey).catch(() => undefined);
    }),
    tokens.onDidChangeElsewhere(
      (accountKey, change) => {
        if (!isAccountKey(accountKey) || !findAdapter(adapters, serviceIdOfKey(accountKey))) return;
        log.info(
          `${accountKey}: API token ${change === 'removed' ? 'removed' : 'changed'} in another window; ${change === 'removed' ? 'signing out' : 'refreshing'}.`,
        );
        if (change === 'removed') {
          if (refresher.has(accountKey)) refresher.setSignedIn(accountKey, false);
        } else if (change === 'token' || !refresher.has(accountKey)) owned(refresher.replaceToken(accountKey), `${accountKey}: refresh`);
        else owned(refresher.reconnect(accountKey), `${accountKey}: refresh`);
      },
      (accountKey) => log.warn(`${accountKey}: the API token changed in another window, but secret storage could not be read.`),
    ),
    index.onDidChangeElsewhere(
      (entries) => book.apply(entries),
      () => log.warn('The list of accounts changed in another window, but secret storage could not be read.'),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      for (const adapter of baseUrls.changedBy(event))
        owned(reconnectAfterBaseUrlChange(adapter), `${adapter.id}: reconnect to the new base URL`);
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.refreshIntervalMinutes`)) schedule.setIntervalMinutes(refreshIntervalMinutes());
      statusBar.render();
      tree.refresh();
    }),
    vscode.window.onDidChangeWindowState((windowState) => schedule.setFocused(windowState.focused)),
  );

  /** A new base URL on another origin than the token's sends nothing; the person is asked at once. */
  const reconnectAfterBaseUrlChange = async (adapter: ServiceAdapter) => {
    const accounts = refresher.statesOf(adapter.id).filter((state) => state.signedIn);
    // A person edited the setting: answer it now, whatever the request budget says.
    await Promise.all(accounts.map((state) => refresher.reconnect(state.accountKey, { automatic: false })));
    // One question for the service: confirming it moves every account saved for the same origin.
    const asking = refresher.statesOf(adapter.id).find((state) => state.error?.kind === 'originChanged');
    if (asking) await vscode.commands.executeCommand('accountGlance.confirmBaseUrl', asking.accountKey);
  };

  // Once wired (a microtask: before VS Code asks the tree for rows or sends an event): last
  // session's data is read and checked, the status bar rendered for real, the forecasts made from
  // stored history; then the first refresh reads the tokens and asks the services.
  const startup = Promise.resolve()
    .then(() => {
      refresher.restoreCached(cache.load());
      baseUrls.rememberCurrent();
      statusBar.render();
      // Forecasts for the accounts shown from the last session, from their stored history.
      for (const state of refresher.states()) if (state.snapshot) forecasts.restore(state.accountKey, state.snapshot, Date.now());
      return book.load().catch((error: unknown) => log.warn(`The list of accounts could not be read: ${errorText(error)}`));
    })
    .then(() => refresh(undefined, { automatic: true }))
    .catch((error: unknown) => log.error(`Start-up refresh failed: ${error instanceof Error ? error.message : String(error)}`));
  timings.readyMs = performance.now() - shell.activationStart;
  log.info(`Activated in ${timings.activateMs.toFixed(1)} ms (cached state shown after ${timings.cachedPaintMs.toFixed(1)} ms).`);
  log.info(`Ready in ${timings.readyMs.toFixed(1)} ms after activation began (wiring ${(performance.now() - wiringStart).toFixed(1)} ms).`);

  if (!testHooks) return exported.api;
  const testApi = createTestApi(
    {
      refresher,
      tokens,
      secrets: context.secrets,
      globalState,
      globalStorageUri: context.globalStorageUri,
      cache,
      tree,
      schedule,
      logUri: context.logUri,
      timings,
      startup,
      accountsProvider,
    },
    testHooks,
  );
  return Object.freeze({ ...exported.api, testApi });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
