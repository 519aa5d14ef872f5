// Every command Account Glance contributes, registered in one place.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import type { Row } from '../views/viewModels/accountRows';
import type { MenuChoice, Prompts } from './prompts';
import type { SnapshotCache } from '../storage/snapshotCache';
import { askForToken } from './tokenInput';
import type { TokenStore } from '../storage/tokenStore';
import { originOf } from '../core/http/baseUrl';
import type { AccountConnection } from '../core/http/accountFetcher';
import { accountHolderName, type FetchResult } from '../core/model';
import { describeError } from '../views/viewModels/errorWording';
import type { HeadlineForecast } from '../core/history/headlineForecast';
import { summarizeAccounts } from '../views/viewModels/accountSummary';
import { statusMenu, type StatusMenuItem } from '../views/viewModels/statusMenu';

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
  /** Opens the credit history chart. */
  readonly showCreditHistory: () => void;
  /** Unmutes every alert and ends every snooze. */
  readonly resetAlerts: () => Promise<void>;
  /** Whether privacy mode is on now. */
  readonly privacyMode: () => boolean;
  /** Turns privacy mode on or off in the person's user settings. */
  readonly setPrivacyMode: (on: boolean) => Promise<void>;
  /** Each service's headline forecast, for the summaries. */
  readonly forecasts: () => Readonly<Record<string, HeadlineForecast>>;
  /** The questions a command asks: the real dialogs, or the in-host tests' answers. */
  readonly prompts: Prompts;
  /** Called with each token input box as it opens (the in-host tests type into it). */
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
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
    const picked = await deps.prompts.pickService(
      candidates.map((adapter) => {
        const state = refresher.state(adapter.id);
        const who = accountHolderName(state.snapshot?.identity);
        return {
          id: adapter.id,
          label: adapter.displayName,
          description: state.signedIn
            ? who
              ? vscode.l10n.t('signed in as {name}', { name: who })
              : vscode.l10n.t('signed in')
            : vscode.l10n.t('no token'),
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
    const locale = vscode.env.language;
    const reasons = failed.map((state) => {
      const service = adapterFor(state.serviceId)?.displayName ?? state.serviceId;
      return state.error ? vscode.l10n.t('{service}: {error}', { service, error: describeError(state.error, service, locale) }) : service;
    });
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Account Glance could not refresh. {reasons}', { reasons: reasons.join(' ') }),
      showLog,
    );
    if (choice === showLog) deps.log.show(true);
  };

  /** Tells a person that secret storage failed (`failure`: what did not happen, a whole sentence), with the way to the README's help. */
  const reportSecretStorageFailure = async (failure: string, error: unknown) => {
    deps.log.error(`${failure} (${error instanceof Error ? error.name : 'error'} from VS Code's secret storage)`);
    const troubleshooting = vscode.l10n.t('Troubleshooting');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t(
        "{failure} VS Code's secret storage is not available (the system keyring may be locked or missing). Nothing was changed.",
        { failure },
      ),
      troubleshooting,
    );
    if (choice === troubleshooting) await deps.showTroubleshooting();
  };

  const setToken = async (argument?: unknown) => {
    const adapter = await chooseService(argument, refresher.adapters, vscode.l10n.t('Set the API token of which service?'));
    if (!adapter) return;
    // The token is checked against, and then bound to, the origin the person's settings name now.
    const baseUrl = deps.baseUrlFor(adapter);
    const origin = originOf(baseUrl) ?? '';
    const outcome = await askForToken({
      adapter,
      check: (token) => deps.checkToken(adapter, { baseUrl, token, tokenOrigin: origin }),
      prompts: deps.prompts,
      onDidShowInputBox: deps.onDidShowInputBox,
    });
    if (!outcome.saved) return;
    try {
      await deps.tokens.save(adapter.id, outcome.token, origin);
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token was not saved.', { service: adapter.displayName }), error);
      return;
    }
    deps.log.info(`${adapter.displayName}: API token saved to secret storage, for ${origin}.`);
    if (outcome.result.ok) {
      refresher.accept(outcome.result.snapshot);
      const who = accountHolderName(outcome.result.snapshot.identity);
      void vscode.window.showInformationMessage(
        who
          ? vscode.l10n.t('Signed in to {service} as {name}.', { service: adapter.displayName, name: who })
          : vscode.l10n.t('Signed in to {service}.', { service: adapter.displayName }),
      );
    } else {
      void refresher.replaceToken(adapter.id);
    }
  };

  const removeToken = async (argument?: unknown) => {
    const signedIn = refresher.adapters.filter((adapter) => refresher.state(adapter.id).signedIn);
    const adapter = await chooseService(argument, signedIn, vscode.l10n.t('Remove the API token of which service?'));
    if (!adapter) {
      if (signedIn.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Account Glance has no API token stored.'));
      return;
    }
    const confirmed = await deps.prompts.confirm(
      vscode.l10n.t('Remove the {service} API token?', { service: adapter.displayName }),
      vscode.l10n.t(
        "It is deleted from VS Code's secret storage on this computer and the account disappears from Account Glance. The token itself stays valid at the service.",
      ),
      vscode.l10n.t('Remove Token'),
    );
    if (!confirmed) return;
    try {
      await deps.tokens.delete(adapter.id);
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token was not removed.', { service: adapter.displayName }), error);
      return;
    }
    refresher.setSignedIn(adapter.id, false);
    await deps.cache.remove(adapter.id);
    deps.log.info(`${adapter.displayName}: API token removed.`);
  };

  const openDashboard = async (argument?: unknown) => {
    const signedIn = refresher.adapters.filter((adapter) => refresher.state(adapter.id).signedIn);
    const candidates = signedIn.length === 1 ? signedIn : refresher.adapters;
    const adapter = await chooseService(argument, candidates, vscode.l10n.t('Open the dashboard of which service?'));
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
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token could not be read.', { service: adapter.displayName }), error);
      return;
    }
    if (!stored) return;
    const target = originOf(deps.baseUrlFor(adapter));
    if (target !== undefined && target !== stored.origin) {
      const service = adapter.displayName;
      const confirmed = await deps.prompts.confirm(
        vscode.l10n.t('Send your {service} token to {origin}?', { service, origin: target }),
        stored.origin === undefined
          ? vscode.l10n.t(
              'The token was saved for another address, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
              { service, origin: target },
            )
          : vscode.l10n.t(
              'The token was saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
              { tokenOrigin: stored.origin, service, origin: target },
            ),
        vscode.l10n.t('Send Token'),
      );
      if (!confirmed) return;
      try {
        await deps.tokens.save(adapter.id, stored.token, target);
      } catch (error) {
        await reportSecretStorageFailure(
          vscode.l10n.t('The {service} token was not moved to {origin}.', { service: adapter.displayName, origin: target }),
          error,
        );
        return;
      }
      deps.log.info(`${adapter.displayName}: the token may now be sent to ${target} (confirmed).`);
    }
    await refresher.reconnect(adapter.id, { automatic: false });
  };

  const copyValue = async (row?: Row) => {
    if (!row?.copyText) return;
    await vscode.env.clipboard.writeText(row.copyText);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied {0}', row.label)}`, 2000);
  };

  /**
   * Markdown for one service (an id or a tree row) or, without one, every signed-in account, onto
   * the clipboard. Privacy mode does not apply: the person asked for this copy.
   */
  const copySummary = async (argument?: unknown) => {
    const serviceId = serviceIdFrom(argument);
    const adapters = refresher.adapters.filter((adapter) => (serviceId ? adapter.id === serviceId : refresher.state(adapter.id).signedIn));
    const [only] = adapters;
    if (!only) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Account Glance has no account to summarize.'));
      return;
    }
    const forecasts = deps.forecasts();
    const summary = summarizeAccounts(
      adapters.map((adapter) => ({ adapter, state: refresher.state(adapter.id), forecast: forecasts[adapter.id] })),
      { now: Date.now(), locale: vscode.env.language },
    );
    await vscode.env.clipboard.writeText(summary);
    const copied = serviceId
      ? vscode.l10n.t('Copied the {service} summary', { service: only.displayName })
      : vscode.l10n.t('Copied the summary of every account');
    vscode.window.setStatusBarMessage(`$(check) ${copied}`, 2000);
  };

  /** Asks among `items`; the chosen entry (never a separator), undefined when dismissed. */
  const pickMenuItem = async <Item extends StatusMenuItem>(items: readonly Item[], placeHolder: string): Promise<Item | undefined> => {
    const choices = items.map((item): MenuChoice => ({
      id: item.id,
      label: item.label,
      description: item.description,
      icon: item.icon,
      separator: item.kind === 'separator',
    }));
    const id = await deps.prompts.pickFromMenu(choices, placeHolder);
    return items.find((item) => item.id === id && item.kind !== 'separator');
  };

  /** What clicking the status-bar item opens (by default): the menu from statusMenu(), an account's actions one level down. */
  const showStatusMenu = async () => {
    const menu = statusMenu({
      adapters: refresher.adapters,
      states: refresher.states(),
      privacyMode: deps.privacyMode(),
      locale: vscode.env.language,
    });
    const picked = await pickMenuItem(menu.items, menu.placeHolder);
    const action = picked?.kind === 'account' ? await pickMenuItem(picked.actions, picked.placeHolder) : picked;
    if (action?.kind === 'action') await vscode.commands.executeCommand(action.command, ...action.arguments);
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
    vscode.commands.registerCommand('accountGlance.showCreditHistory', () => deps.showCreditHistory()),
    vscode.commands.registerCommand('accountGlance.resetAlerts', () => deps.resetAlerts()),
    vscode.commands.registerCommand('accountGlance.togglePrivacyMode', () => deps.setPrivacyMode(!deps.privacyMode())),
    vscode.commands.registerCommand('accountGlance.copySummary', copySummary),
    vscode.commands.registerCommand('accountGlance.showStatusMenu', showStatusMenu),
  ];
}
