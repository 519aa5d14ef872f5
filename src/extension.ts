// Wires Account Glance together. activate() registers everything, shows the cached state and
// returns: the first refresh starts without being awaited, so no network call delays start-up.
import * as vscode from 'vscode';
import { AccountRefresher } from './core/accountRefresher';
import { AccountFetcher, type AccountConnection } from './core/http';
import { retryDelayMs } from './core/retryPolicy';
import { RefreshSchedule } from './core/refreshSchedule';
import { SERVICE_ADAPTERS } from './core/services/registry';
import { AccountTreeProvider } from './ui/accountTree';
import { registerCommands, VIEW_ID } from './ui/commands';
import { CreditStatusBar } from './ui/creditStatusBar';
import { windowPrompts, type Prompts } from './ui/prompts';
import {
  baseUrlSetting,
  refreshIntervalMinutes,
  requestTimeoutMs,
  servicesWithChangedBaseUrl,
  SETTINGS_SECTION,
} from './ui/settings';
import { SnapshotCache } from './ui/snapshotCache';
import { TokenStore, tokenFingerprint } from './ui/tokenStore';

/** Handed to the in-host tests only (ExtensionMode.Test): it reaches the token store. */
export interface AccountGlanceTestApi {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  readonly cache: SnapshotCache;
  readonly tree: AccountTreeProvider;
  readonly statusBar: CreditStatusBar;
  readonly schedule: RefreshSchedule;
  readonly logUri: vscode.Uri;
  /** Milliseconds inside activate(): to its return, and to the status bar showing cached state. */
  readonly timings: { activateMs: number; cachedPaintMs: number };
  /** The first refresh started by activate(). */
  startup: Promise<void>;
  prompts: Prompts;
  /** Multiplies every automatic retry delay, so fault tests need not wait real minutes. */
  retryDelayScale: number;
  onDidShowInputBox: ((box: vscode.InputBox) => void) | undefined;
}

export function activate(context: vscode.ExtensionContext): AccountGlanceTestApi | undefined {
  const activationStart = performance.now();
  const adapters = SERVICE_ADAPTERS;
  const log = vscode.window.createOutputChannel('Account Glance', { log: true });
  const tokens = new TokenStore(context.secrets);
  const cache = new SnapshotCache(context.globalState);
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

  const connectionFor = async (serviceId: string): Promise<AccountConnection | undefined> => {
    const adapter = adapters.find((candidate) => candidate.id === serviceId);
    const token = await tokens.get(serviceId);
    return adapter && token ? { baseUrl: baseUrlSetting(adapter), token } : undefined;
  };

  const refresher = new AccountRefresher({
    adapters,
    fetcher,
    connectionFor,
    onSnapshot: (snapshot) => void cache.save(snapshot),
    onFailure: (serviceId, error) => log.warn(`${serviceId}: ${error.message}`),
    retryDelayMs: (error, attempt) => {
      const delay = retryDelayMs(error, attempt, Math.random);
      return delay === undefined ? undefined : delay * testApi.retryDelayScale;
    },
  });
  refresher.restoreCached(cache.load());

  const schedule = new RefreshSchedule(
    (reason) => refresher.refresh(reason === 'interval' ? undefined : refresher.servicesDueForRetry(), { respectRateLimits: true }),
    { intervalMinutes: refreshIntervalMinutes(), retryAt: () => refresher.nextRetryAt() },
  );
  schedule.setFocused(vscode.window.state.focused);

  const refresh = async (serviceIds?: readonly string[]) => {
    await refresher.refresh(serviceIds);
    schedule.noteRefreshed();
  };

  const tree = new AccountTreeProvider(refresher, locale);
  const statusBar = new CreditStatusBar(refresher, locale);
  const timings = { activateMs: 0, cachedPaintMs: performance.now() - activationStart };

  // Tokens this window already knows, as fingerprints: a secret-change event for one of them
  // (our own store) needs no second refresh; any other change came from another window.
  const knownTokens = new Map<string, string | undefined>();
  const expectToken = (serviceId: string, token: string | undefined) => knownTokens.set(serviceId, tokenFingerprint(token));

  const testApi: AccountGlanceTestApi = {
    refresher,
    tokens,
    cache,
    tree,
    statusBar,
    schedule,
    logUri: context.logUri,
    timings,
    startup: Promise.resolve(),
    prompts: windowPrompts,
    retryDelayScale: 1,
    onDidShowInputBox: undefined,
  };

  context.subscriptions.push(
    log,
    tree,
    statusBar,
    { dispose: () => schedule.dispose() },
    { dispose: () => refresher.dispose() },
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    ...registerCommands({
      refresher,
      tokens,
      cache,
      log,
      refresh,
      checkToken: (adapter, token) => fetcher.fetch(adapter, { baseUrl: baseUrlSetting(adapter), token }),
      expectToken,
      prompts: () => testApi.prompts,
      onDidShowInputBox: () => testApi.onDidShowInputBox,
    }),
    refresher.onDidChangeState((serviceId, state) => {
      if (!state.signedIn) void cache.remove(serviceId);
    }),
    tokens.onDidChange(async (serviceId) => {
      if (!adapters.some((adapter) => adapter.id === serviceId)) return;
      const fingerprint = tokenFingerprint(await tokens.get(serviceId));
      if (knownTokens.get(serviceId) === fingerprint) return;
      knownTokens.set(serviceId, fingerprint);
      log.info(`${serviceId}: API token changed in another window; refreshing.`);
      if (fingerprint === undefined) refresher.setSignedIn(serviceId, false);
      else await refresher.replaceToken(serviceId);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      for (const adapter of servicesWithChangedBaseUrl(event, adapters)) {
        if (refresher.state(adapter.id).signedIn) void refresher.reconnect(adapter.id);
      }
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.refreshIntervalMinutes`)) schedule.setIntervalMinutes(refreshIntervalMinutes());
      statusBar.render();
    }),
    vscode.window.onDidChangeWindowState((windowState) => schedule.setFocused(windowState.focused)),
  );

  // Learn which services have tokens, then refresh them: not awaited, activation is done.
  const startup = (async () => {
    for (const adapter of adapters) expectToken(adapter.id, await tokens.get(adapter.id));
    await refresh();
  })().catch((error: unknown) => log.error(`Start-up refresh failed: ${error instanceof Error ? error.message : String(error)}`));
  testApi.startup = startup;
  timings.activateMs = performance.now() - activationStart;
  log.info(`Activated in ${timings.activateMs.toFixed(1)} ms (cached state shown after ${timings.cachedPaintMs.toFixed(1)} ms).`);

  return context.extensionMode === vscode.ExtensionMode.Test ? testApi : undefined;
}

export function deactivate(): void {}
