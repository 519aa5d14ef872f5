// Every command Account Glance contributes, registered in one place.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import type { Row } from '../views/viewModels/accountRows';
import type { Prompts } from './prompts';
import type { SnapshotCache } from '../storage/snapshotCache';
import { askForToken } from './tokenInput';
import type { TokenStore } from '../storage/tokenStore';
import { originOf } from '../core/http/baseUrl';
import type { AccountConnection } from '../core/http/accountFetcher';
import { accountHolderName, type FetchResult } from '../core/model';

export const VIEW_ID = 'accountGlance.accounts';

export interface CommandDependencies {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  readonly cache: SnapshotCache;
  readonly log: vscode.LogOutputChannel;
  /** Refreshes through the schedule so the next automatic refresh counts from now. */
  readonly refresh: (serviceIds?: readonly string[]) => Promise<void>;
  /** The base URL a service's token goes to now (the person's own settings, or the default). */
  readonly baseUrlFor: (adapter: ServiceAdapter) => string;
  /** Checks a token against a service without saving it (a person's request: never held back). */
  readonly checkToken: (adapter: ServiceAdapter, connection: AccountConnection) => Promise<FetchResult>;
  /** Opens the README's troubleshooting section. */
  readonly showTroubleshooting: () => Thenable<unknown>;
  /** Mutable so the in-host tests can answer the questions. */
  readonly prompts: () => Prompts;
  readonly onDidShowInputBox?: () => ((box: vscode.InputBox) => void) | undefined;
}

export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { refresher } = deps;

  const adapterFor = (id: string | undefined) => findAdapter(refresher.adapters, id);

  /** A service id from a command argument: an id string, or a service row from the tree. */
  const serviceIdFrom = (argument: unknown): string | undefined => {
    if (typeof argument === 'string') return adapterFor(argument)?.id;
    const row = argument as Partial<Row> | undefined;
    if (row?.kind === 'service' && typeof row.id === 'string') return adapterFor(row.id)?.id;
    return undefined;
  };

  const chooseService = async (argument: unknown, candidates: readonly ServiceAdapter[], placeHolder: string) => {
    const given = serviceIdFrom(argument);
    if (given) return adapterFor(given);
    if (candidates.length <= 1) return candidates[0];
    const picked = await deps.prompts().pickService(
      candidates.map((adapter) => {
        const state = refresher.state(adapter.id);
        const who = accountHolderName(state.snapshot?.identity);
        return {
          id: adapter.id,
          label: adapter.displayName,
          description: state.signedIn ? `signed in${who ? ` as ${who}` : ''}` : 'no token',
        };
      }),
      placeHolder,
    );
    return adapterFor(picked);
  };

  const refreshAll = async () => {
    await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => deps.refresh());
    const failed = refresher.states().filter((state) => state.signedIn && state.error);
    if (failed.length === 0) return;
    const summary = failed.map((state) => `${adapterFor(state.serviceId)?.displayName}: ${state.error?.message}`).join(' ');
    const choice = await vscode.window.showWarningMessage(`Account Glance could not refresh. ${summary}`, 'Show Log');
    if (choice) deps.log.show(true);
  };

  /** Tells a person that secret storage failed, with the way to the README's help. */
  const reportSecretStorageFailure = async (what: string, error: unknown) => {
    deps.log.error(`${what}: ${error instanceof Error ? error.name : 'error'} from VS Code's secret storage.`);
    const choice = await vscode.window.showErrorMessage(
      `${what}: VS Code's secret storage is not available (the system keyring may be locked or missing). Nothing was changed.`,
      'Troubleshooting',
    );
    if (choice) await deps.showTroubleshooting();
  };

  const setToken = async (argument?: unknown) => {
    const adapter = await chooseService(argument, refresher.adapters, 'Set the API token of which service?');
    if (!adapter) return;
    // The token is checked against, and then bound to, the origin the person's settings name now.
    const baseUrl = deps.baseUrlFor(adapter);
    const origin = originOf(baseUrl) ?? '';
    const outcome = await askForToken({
      adapter,
      check: (token) => deps.checkToken(adapter, { baseUrl, token, tokenOrigin: origin }),
      prompts: deps.prompts(),
      onDidShowInputBox: deps.onDidShowInputBox?.(),
    });
    if (!outcome.saved) return;
    try {
      await deps.tokens.save(adapter.id, outcome.token, origin);
    } catch (error) {
      await reportSecretStorageFailure(`The ${adapter.displayName} token was not saved`, error);
      return;
    }
    deps.log.info(`${adapter.displayName}: API token saved to secret storage, for ${origin}.`);
    if (outcome.result.ok) {
      refresher.accept(outcome.result.snapshot);
      const who = accountHolderName(outcome.result.snapshot.identity);
      void vscode.window.showInformationMessage(`Signed in to ${adapter.displayName}${who ? ` as ${who}` : ''}.`);
    } else {
      void refresher.replaceToken(adapter.id);
    }
  };

  const removeToken = async (argument?: unknown) => {
    const signedIn = refresher.adapters.filter((adapter) => refresher.state(adapter.id).signedIn);
    const adapter = await chooseService(argument, signedIn, 'Remove the API token of which service?');
    if (!adapter) {
      if (signedIn.length === 0) void vscode.window.showInformationMessage('Account Glance has no API token stored.');
      return;
    }
    const confirmed = await deps
      .prompts()
      .confirm(
        `Remove the ${adapter.displayName} API token?`,
        "It is deleted from VS Code's secret storage on this computer and the account disappears from Account Glance. The token itself stays valid at the service.",
        'Remove Token',
      );
    if (!confirmed) return;
    try {
      await deps.tokens.delete(adapter.id);
    } catch (error) {
      await reportSecretStorageFailure(`The ${adapter.displayName} token was not removed`, error);
      return;
    }
    refresher.setSignedIn(adapter.id, false);
    await deps.cache.remove(adapter.id);
    deps.log.info(`${adapter.displayName}: API token removed.`);
  };

  const openDashboard = async (argument?: unknown) => {
    const signedIn = refresher.adapters.filter((adapter) => refresher.state(adapter.id).signedIn);
    const candidates = signedIn.length === 1 ? signedIn : refresher.adapters;
    const adapter = await chooseService(argument, candidates, 'Open the dashboard of which service?');
    if (adapter) await vscode.env.openExternal(vscode.Uri.parse(adapter.dashboardUrl));
  };

  /** The base URL now names another origin than the token was saved for: send it there only on a clear yes. */
  const confirmBaseUrl = async (argument?: unknown) => {
    const adapter = adapterFor(serviceIdFrom(argument));
    if (!adapter) return;
    let stored;
    try {
      stored = await deps.tokens.read(adapter.id);
    } catch (error) {
      await reportSecretStorageFailure(`The ${adapter.displayName} token could not be read`, error);
      return;
    }
    if (!stored) return;
    const target = originOf(deps.baseUrlFor(adapter));
    if (target !== undefined && target !== stored.origin) {
      const confirmed = await deps
        .prompts()
        .confirm(
          `Send your ${adapter.displayName} token to ${target}?`,
          `The token was saved for ${stored.origin ?? 'another address'}, and the ${adapter.displayName} base URL setting now points to ${target}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.`,
          'Send Token',
        );
      if (!confirmed) return;
      try {
        await deps.tokens.save(adapter.id, stored.token, target);
      } catch (error) {
        await reportSecretStorageFailure(`The ${adapter.displayName} token was not moved to ${target}`, error);
        return;
      }
      deps.log.info(`${adapter.displayName}: the token may now be sent to ${target} (confirmed).`);
    }
    await refresher.reconnect(adapter.id, { automatic: false });
  };

  const copyValue = async (row?: Row) => {
    if (!row?.copyText) return;
    await vscode.env.clipboard.writeText(row.copyText);
    vscode.window.setStatusBarMessage(`$(check) Copied ${row.label}`, 2000);
  };

  return [
    vscode.commands.registerCommand('accountGlance.refresh', refreshAll),
    vscode.commands.registerCommand('accountGlance.refreshService', async (argument?: unknown) => {
      const id = serviceIdFrom(argument);
      if (id) await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => deps.refresh([id]));
    }),
    vscode.commands.registerCommand('accountGlance.setToken', setToken),
    vscode.commands.registerCommand('accountGlance.removeToken', removeToken),
    vscode.commands.registerCommand('accountGlance.openDashboard', openDashboard),
    vscode.commands.registerCommand('accountGlance.showLog', () => deps.log.show()),
    vscode.commands.registerCommand('accountGlance.copyValue', copyValue),
    vscode.commands.registerCommand('accountGlance.confirmBaseUrl', confirmBaseUrl),
    vscode.commands.registerCommand('accountGlance.showTroubleshooting', () => deps.showTroubleshooting()),
  ];
}
