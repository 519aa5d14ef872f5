// Every command Account Glance contributes, registered in one place.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import type { Row } from '../views/viewModels/accountRows';
import type { MenuChoice, Prompts } from './prompts';
import type { AccountBook, MovingTokens } from '../storage/accountBook';
import { isAccountKey, serviceIdOfKey } from '../core/accounts/accountKey';
import type { AccountState } from '../core/refresh/accountState';
import { accountTitle, privateAccountTitle } from '../views/viewModels/accountTitle';
import { askForToken } from './tokenInput';
import type { TokenStore } from '../storage/tokenStore';
import { originOf } from '../core/http/baseUrl';
import type { AccountConnection } from '../core/http/accountFetcher';
import { accountHolderName, type FetchResult } from '../core/model';
import { describeError, errorTitle } from '../views/viewModels/errorWording';
import { summarizeAccounts, type SummaryAccount } from '../views/viewModels/accountSummary';
import { statusMenu, type StatusMenuItem } from '../views/viewModels/statusMenu';

export const VIEW_ID = 'accountGlance.accounts';

export interface CommandDependencies {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  /** Adds, removes and names accounts, keeping tokens, the list of accounts and the panel in step. */
  readonly book: AccountBook;
  readonly log: vscode.LogOutputChannel;
  /** Refreshes through the schedule so the next automatic refresh counts from now. */
  readonly refresh: (accountKeys?: readonly string[]) => Promise<void>;
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
  /** Every signed-in account with its service and forecast, in the panel's order (the summaries' input). */
  readonly accounts: () => readonly SummaryAccount[];
  /** The questions a command asks: the real dialogs, or the in-host tests' answers. */
  readonly prompts: Prompts;
  /** Called with each token input box as it opens (the in-host tests type into it). */
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
}

export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { refresher, book } = deps;

  const adapterFor = (id: string | undefined) => findAdapter(refresher.adapters, id);

  /** An information toast nobody waits on; a failure to show it goes to the log. */
  const say = (message: string) => {
    deps.prompts.notify('info', message, []).catch((error: unknown) => deps.log.warn(`A message could not be shown: ${String(error)}`));
  };

  /** An account key from a command argument: a key string, or an account's row in the tree. */
  const accountKeyFrom = (argument: unknown): string | undefined => {
    const row = argument as Partial<Row> | undefined;
    const key = typeof argument === 'string' ? argument : row?.kind === 'service' ? row.id : undefined;
    return isAccountKey(key) && refresher.has(key) ? key : undefined;
  };

  /** A service from a command argument: its id, or any of its accounts' keys or rows. */
  const adapterFrom = (argument: unknown): ServiceAdapter | undefined => {
    const key = accountKeyFrom(argument) ?? (typeof argument === 'string' ? argument : undefined);
    return key === undefined ? undefined : adapterFor(serviceIdOfKey(key));
  };

  /** What an account is called where it shows: its title, or in privacy mode its service and number only. */
  const nameOf = (state: AccountState): string => {
    const adapter = adapterFor(state.serviceId) ?? { displayName: state.serviceId };
    return deps.privacyMode() ? privateAccountTitle(adapter, state, refresher.states()) : accountTitle(adapter, state);
  };

  /** The holder's name, unless privacy mode hides it. */
  const holderOf = (state: AccountState): string | undefined =>
    deps.privacyMode() ? undefined : accountHolderName(state.snapshot?.identity);

  /** "signed in as Jordan Avery", "signed in", or why there is no name yet: how a pick list tells accounts apart. */
  const describeAccount = (state: AccountState): string => {
    const who = holderOf(state);
    if (!state.signedIn) return vscode.l10n.t('no token');
    if (who) return vscode.l10n.t('signed in as {name}', { name: who });
    return state.error ? vscode.l10n.t('could not load') : vscode.l10n.t('signed in');
  };

  const chooseService = async (argument: unknown, candidates: readonly ServiceAdapter[], placeHolder: string) => {
    const given = adapterFrom(argument);
    if (given) return given;
    if (candidates.length <= 1) return candidates[0];
    const picked = await deps.prompts.pickService(
      candidates.map((adapter) => {
        const signedIn = refresher.statesOf(adapter.id).filter((state) => state.signedIn);
        const [only] = signedIn;
        return {
          id: adapter.id,
          label: adapter.displayName,
          description:
            signedIn.length > 1
              ? vscode.l10n.t('{count} accounts', { count: signedIn.length })
              : only
                ? describeAccount(only)
                : vscode.l10n.t('no token'),
        };
      }),
      placeHolder,
    );
    return adapterFor(picked);
  };

  /** The signed-in account a command argument names, or the one the person picks (the only one is taken as it is). */
  const chooseAccount = async (argument: unknown, placeHolder: string): Promise<AccountState | undefined> => {
    const given = accountKeyFrom(argument);
    if (given) return refresher.state(given);
    const signedIn = refresher.states().filter((state) => state.signedIn);
    if (signedIn.length <= 1) return signedIn[0];
    const picked = await deps.prompts.pickService(
      signedIn.map((state) => ({
        id: state.accountKey,
        label: nameOf(state),
        description: describeAccount(state),
      })),
      placeHolder,
    );
    return picked !== undefined && refresher.has(picked) ? refresher.state(picked) : undefined;
  };

  const refreshAll = async () => {
    await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => deps.refresh());
    const failed = refresher.states().filter((state) => state.signedIn && state.error);
    if (failed.length === 0) return;
    const locale = vscode.env.language;
    // Privacy mode: the error's kind only, since a full reason can name a host or quote the server.
    const reasons = failed.map((state) => {
      const service = adapterFor(state.serviceId)?.displayName ?? state.serviceId;
      const error = state.error && (deps.privacyMode() ? errorTitle(state.error.kind) : describeError(state.error, service, locale));
      return error ? vscode.l10n.t('{service}: {error}', { service: nameOf(state), error }) : nameOf(state);
    });
    const showLog = vscode.l10n.t('Show Log');
    const choice = await deps.prompts.notify(
      'warning',
      vscode.l10n.t('Account Glance could not refresh. {reasons}', { reasons: reasons.join(' ') }),
      [showLog],
    );
    if (choice === showLog) deps.log.show(true);
  };

  /** Tells a person that secret storage failed (`failure`: what did not happen, a whole sentence), with the way to the README's help. */
  const reportSecretStorageFailure = async (failure: string, error: unknown) => {
    deps.log.error(`${failure} (${error instanceof Error ? error.name : 'error'} from VS Code's secret storage)`);
    const troubleshooting = vscode.l10n.t('Troubleshooting');
    const choice = await deps.prompts.notify(
      'error',
      vscode.l10n.t(
        "{failure} VS Code's secret storage is not available (the system keyring may be locked or missing). Nothing was changed.",
        { failure },
      ),
      [troubleshooting],
    );
    if (choice === troubleshooting) await deps.showTroubleshooting();
  };

  /**
   * Asks for a token, checks it and saves it. `replacing`: the account whose token this is (its
   * row's "Set API Token"); otherwise a new account, unless the check shows the token belongs to
   * one Account Glance holds already: that one gets the new token, nothing is duplicated.
   * Resolves to the key of the account that now holds the token; undefined when nothing was saved.
   */
  const signIn = async (adapter: ServiceAdapter, replacing: string | undefined): Promise<string | undefined> => {
    // The token is checked against, and then bound to, the origin the person's settings name now.
    const baseUrl = deps.baseUrlFor(adapter);
    const origin = originOf(baseUrl) ?? '';
    const outcome = await askForToken({
      adapter,
      check: (token) => deps.checkToken(adapter, { baseUrl, token, tokenOrigin: origin }),
      prompts: deps.prompts,
      onDidShowInputBox: deps.onDidShowInputBox,
    });
    if (!outcome.saved) return undefined;
    const known = outcome.result.ok ? book.accountMatching(outcome.result.snapshot) : undefined;
    const accountKey = known ?? replacing ?? book.newKey(adapter.id);
    try {
      await book.saveToken(accountKey, outcome.token, origin);
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token was not saved.', { service: adapter.displayName }), error);
      return undefined;
    }
    deps.log.info(`${accountKey}: API token saved to secret storage, for ${origin}.`);
    if (!outcome.result.ok) {
      refresher.replaceToken(accountKey).catch((error: unknown) => deps.log.warn(`${accountKey}: refresh failed: ${String(error)}`));
      return accountKey;
    }
    refresher.accept(accountKey, outcome.result.snapshot);
    const who = deps.privacyMode() ? undefined : accountHolderName(outcome.result.snapshot.identity);
    const service = adapter.displayName;
    say(
      known !== undefined && known !== replacing
        ? who
          ? vscode.l10n.t('Already signed in to {service} as {name}: that account now uses the new token.', { service, name: who })
          : vscode.l10n.t('Already signed in to that {service} account: it now uses the new token.', { service })
        : who
          ? vscode.l10n.t('Signed in to {service} as {name}.', { service, name: who })
          : vscode.l10n.t('Signed in to {service}.', { service }),
    );
    return accountKey;
  };

  /**
   * An account's row (or key): a new token for that account. Otherwise: sign in to a service, as
   * another account if it has one. Resolves to the key of the account now holding the token, if any.
   */
  const setToken = async (argument?: unknown): Promise<string | undefined> => {
    const key = accountKeyFrom(argument);
    if (key && refresher.state(key).signedIn) {
      const adapter = adapterFor(serviceIdOfKey(key));
      return adapter && signIn(adapter, key);
    }
    return addAccount(argument);
  };

  /** Resolves to the key of the account the entered token now belongs to (new or recognised); undefined when cancelled. */
  const addAccount = async (argument?: unknown): Promise<string | undefined> => {
    const adapter = await chooseService(argument, refresher.adapters, vscode.l10n.t('Sign in to which service?'));
    return adapter && signIn(adapter, undefined);
  };

  const removeToken = async (argument?: unknown) => {
    const state = await chooseAccount(argument, vscode.l10n.t('Remove the API token of which account?'));
    const adapter = state && adapterFor(state.serviceId);
    if (!state || !adapter) {
      if (!refresher.states().some((candidate) => candidate.signedIn)) {
        say(vscode.l10n.t('Account Glance has no API token stored.'));
      }
      return;
    }
    const who = holderOf(state);
    const title = nameOf(state);
    const confirmed = await deps.prompts.confirm(
      who
        ? vscode.l10n.t('Remove the {service} API token of {name}?', { service: title, name: who })
        : vscode.l10n.t('Remove the {service} API token?', { service: title }),
      vscode.l10n.t(
        "It is deleted from VS Code's secret storage on this computer and the account disappears from Account Glance. The token itself stays valid at the service.",
      ),
      vscode.l10n.t('Remove Token'),
    );
    if (!confirmed) return;
    try {
      await book.remove(state.accountKey);
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token was not removed.', { service: title }), error);
      return;
    }
    deps.log.info(`${state.accountKey}: API token removed.`);
  };

  /** Gives an account a label of the person's own; an empty one takes it away. */
  const renameAccount = async (argument?: unknown) => {
    const state = await chooseAccount(argument, vscode.l10n.t('Rename which account?'));
    const adapter = state && adapterFor(state.serviceId);
    if (!state || !adapter) return;
    const label = await deps.prompts.askText(
      vscode.l10n.t('A name for this {service} account, shown beside the service. Leave it empty for none.', {
        service: adapter.displayName,
      }),
      state.label ?? '',
      vscode.l10n.t('e.g. Client A'),
    );
    if (label === undefined) return;
    await saveAccountDetails(state, { label: label.trim() === '' ? undefined : label });
  };

  const setPinned = (pinned: boolean) => async (argument?: unknown) => {
    const state = await chooseAccount(
      argument,
      pinned ? vscode.l10n.t('Pin which account to the status bar?') : vscode.l10n.t('Unpin which account?'),
    );
    if (state) await saveAccountDetails(state, { pinned });
  };

  /** Saves a change to an account's label or pin (in every window), saying so if secret storage fails. */
  const saveAccountDetails = async (state: AccountState, change: { label?: string; pinned?: boolean }) => {
    try {
      await book.describe(state.accountKey, { label: state.label, pinned: state.pinned, ...change });
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The account was not changed.'), error);
    }
  };

  const openDashboard = async (argument?: unknown) => {
    const signedIn = refresher.adapters.filter((adapter) => refresher.statesOf(adapter.id).some((state) => state.signedIn));
    const candidates = signedIn.length === 1 ? signedIn : refresher.adapters;
    const adapter = await chooseService(argument, candidates, vscode.l10n.t('Open the dashboard of which service?'));
    if (adapter) await vscode.env.openExternal(vscode.Uri.parse(adapter.dashboardUrl));
  };

  /**
   * The base URL now names another origin than the token was saved for: send it there only on a
   * clear yes. One question covers every account of the service saved for that same origin.
   */
  const confirmBaseUrl = async (argument?: unknown) => {
    const accountKey = accountKeyFrom(argument);
    const adapter = accountKey && adapterFor(serviceIdOfKey(accountKey));
    if (!accountKey || !adapter) return;
    const service = adapter.displayName;
    let moving: MovingTokens | undefined;
    try {
      moving = await book.tokensMovingWith(accountKey);
    } catch (error) {
      await reportSecretStorageFailure(vscode.l10n.t('The {service} token could not be read.', { service }), error);
      return;
    }
    if (!moving) return;
    const target = originOf(deps.baseUrlFor(adapter));
    if (target !== undefined && target !== moving.tokenOrigin) {
      if (!(await deps.prompts.confirm(...baseUrlQuestion(service, moving, target)))) return;
      try {
        await book.moveTokens(moving, target);
      } catch (error) {
        await reportSecretStorageFailure(
          vscode.l10n.t('The {service} token was not moved to {origin}.', { service, origin: target }),
          error,
        );
        return;
      }
      deps.log.info(
        `${moving.accounts.map((account) => account.accountKey).join(', ')}: the token may now be sent to ${target} (confirmed).`,
      );
    }
    await book.reconnect(moving.accounts.map((account) => account.accountKey));
  };

  const copyValue = async (row?: Row) => {
    if (!row?.copyText) return;
    await vscode.env.clipboard.writeText(row.copyText);
    deps.prompts.flash(vscode.l10n.t('Copied {0}', row.label));
  };

  /**
   * Markdown for one service (an id or a tree row) or, without one, every signed-in account, onto
   * the clipboard. Privacy mode does not apply: the person asked for this copy.
   */
  const copySummary = async (argument?: unknown) => {
    const accountKey = accountKeyFrom(argument);
    const accounts = deps.accounts().filter((account) => accountKey === undefined || account.state.accountKey === accountKey);
    const [only] = accounts;
    if (!only) {
      say(vscode.l10n.t('Account Glance has no account to summarize.'));
      return;
    }
    const summary = summarizeAccounts(accounts, { now: Date.now(), locale: vscode.env.language });
    await vscode.env.clipboard.writeText(summary);
    const copied = accountKey
      ? vscode.l10n.t('Copied the {service} summary', { service: nameOf(only.state) })
      : vscode.l10n.t('Copied the summary of every account');
    deps.prompts.flash(copied);
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
      const id = accountKeyFrom(argument);
      if (id) await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => deps.refresh([id]));
    }),
    vscode.commands.registerCommand('accountGlance.setToken', setToken),
    vscode.commands.registerCommand('accountGlance.addAccount', addAccount),
    vscode.commands.registerCommand('accountGlance.removeToken', removeToken),
    vscode.commands.registerCommand('accountGlance.renameAccount', renameAccount),
    vscode.commands.registerCommand('accountGlance.pinAccount', setPinned(true)),
    vscode.commands.registerCommand('accountGlance.unpinAccount', setPinned(false)),
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

/** "Send your Leadping token to …?" (or your 2 tokens), its detail and its action: the question before tokens go to a new origin. */
function baseUrlQuestion(service: string, moving: MovingTokens, origin: string): [message: string, detail: string, action: string] {
  const { tokenOrigin } = moving;
  const count = moving.accounts.length;
  if (count > 1 && tokenOrigin !== undefined) {
    return [
      vscode.l10n.t('Send your {count} {service} tokens to {origin}?', { count, service, origin }),
      vscode.l10n.t(
        'The {count} tokens were saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive them with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set new tokens.',
        { count, tokenOrigin, service, origin },
      ),
      vscode.l10n.t('Send Tokens'),
    ];
  }
  const detail =
    tokenOrigin === undefined
      ? vscode.l10n.t(
          'The token was saved for another address, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
          { service, origin },
        )
      : vscode.l10n.t(
          'The token was saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
          { tokenOrigin, service, origin },
        );
  return [vscode.l10n.t('Send your {service} token to {origin}?', { service, origin }), detail, vscode.l10n.t('Send Token')];
}
