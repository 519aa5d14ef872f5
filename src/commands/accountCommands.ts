// Signing in and out, naming and pinning accounts: the commands that change which accounts
// Account Glance holds. Each asks (through the prompts' door), calls the account book, and reports.
import * as vscode from 'vscode';
import { serviceIdOfKey } from '../core/accounts/accountKey';
import type { AccountConnection } from '../core/http/accountFetcher';
import { originOf } from '../core/http/baseUrl';
import { accountHolderName, type AccountSnapshot, type FetchResult } from '../core/model';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountState } from '../core/refresh/accountState';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import type { AccountBook } from '../storage/accountBook';
import type { AccountChoice } from './accountChoice';
import type { CommandFeedback } from './commandFeedback';
import type { Prompts } from './prompts';
import { askForToken } from './tokenInput';

export interface AccountCommandParts {
  readonly refresher: AccountRefresher;
  readonly book: AccountBook;
  readonly choice: AccountChoice;
  readonly feedback: CommandFeedback;
  readonly prompts: Prompts;
  readonly log: vscode.LogOutputChannel;
  readonly privacyMode: () => boolean;
  /** The base URL a service's token goes to now (the person's own settings, or the default). */
  readonly baseUrlFor: (adapter: ServiceAdapter) => string;
  /** Checks a token against a service without saving it (a person's request: never held back). */
  readonly checkToken: (adapter: ServiceAdapter, connection: AccountConnection) => Promise<FetchResult>;
  /** Called with each token input box as it opens (the in-host tests type into it). */
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
}

export class AccountCommands {
  constructor(private readonly parts: AccountCommandParts) {}

  /**
   * An account's row (or key): a new token for that account. Otherwise: sign in to a service, as
   * another account if it has one. Resolves to the key of the account now holding the token, if any.
   */
  readonly setToken = async (argument?: unknown): Promise<string | undefined> => {
    const { choice, refresher } = this.parts;
    const key = choice.accountKeyFrom(argument);
    if (!key || !refresher.state(key).signedIn) return this.addAccount(argument);
    const adapter = choice.adapterFor(serviceIdOfKey(key));
    return adapter && this.signIn(adapter, key);
  };

  /** Resolves to the key of the account the entered token now belongs to (new or recognised); undefined when cancelled. */
  readonly addAccount = async (argument?: unknown): Promise<string | undefined> => {
    const adapter = await this.parts.choice.chooseService(
      argument,
      this.parts.refresher.adapters,
      vscode.l10n.t('Sign in to which service?'),
    );
    return adapter && this.signIn(adapter, undefined);
  };

  readonly removeToken = async (argument?: unknown): Promise<void> => {
    const { choice, book, feedback, prompts } = this.parts;
    const state = await choice.chooseAccount(argument, vscode.l10n.t('Remove the API token of which account?'));
    if (!state) {
      if (!this.parts.refresher.states().some((candidate) => candidate.signedIn))
        feedback.say(vscode.l10n.t('Account Glance has no API token stored.'));
      return;
    }
    const title = choice.nameOf(state);
    if (!(await prompts.confirm(...removalQuestion(title, choice.holderOf(state))))) return;
    try {
      await book.remove(state.accountKey);
    } catch (error) {
      await feedback.reportSecretStorageFailure(vscode.l10n.t('The {service} token was not removed.', { service: title }), error);
      return;
    }
    this.parts.log.info(`${state.accountKey}: API token removed.`);
  };

  /** Gives an account a label of the person's own; an empty one takes it away. */
  readonly renameAccount = async (argument?: unknown): Promise<void> => {
    const state = await this.parts.choice.chooseAccount(argument, vscode.l10n.t('Rename which account?'));
    const adapter = state && this.parts.choice.adapterFor(state.serviceId);
    if (!state || !adapter) return;
    const label = await this.parts.prompts.askText(
      vscode.l10n.t('A name for this {service} account, shown beside the service. Leave it empty for none.', {
        service: adapter.displayName,
      }),
      state.label ?? '',
      vscode.l10n.t('e.g. Client A'),
    );
    if (label !== undefined) await this.saveDetails(state, { label: label.trim() === '' ? undefined : label });
  };

  /** Pin (true) or Unpin (false) an account on the status bar. */
  setPinned(pinned: boolean): (argument?: unknown) => Promise<void> {
    return async (argument) => {
      const placeHolder = pinned ? vscode.l10n.t('Pin which account to the status bar?') : vscode.l10n.t('Unpin which account?');
      const state = await this.parts.choice.chooseAccount(argument, placeHolder);
      if (state) await this.saveDetails(state, { pinned });
    };
  }

  /**
   * Asks for a token, checks it and saves it. `replacing`: the account whose token this is (its
   * row's "Set API Token"); otherwise a new account, unless the check shows the token belongs to
   * one Account Glance holds already: that one gets the new token, nothing is duplicated.
   * Resolves to the key of the account that now holds the token; undefined when nothing was saved.
   */
  private async signIn(adapter: ServiceAdapter, replacing: string | undefined): Promise<string | undefined> {
    const { book, refresher } = this.parts;
    // The token is checked against, and then bound to, the origin the person's settings name now.
    const baseUrl = this.parts.baseUrlFor(adapter);
    const origin = originOf(baseUrl) ?? '';
    const outcome = await askForToken({
      adapter,
      check: (token) => this.parts.checkToken(adapter, { baseUrl, token, tokenOrigin: origin }),
      prompts: this.parts.prompts,
      onDidShowInputBox: this.parts.onDidShowInputBox,
    });
    if (!outcome.saved) return undefined;
    const known = outcome.result.ok ? book.accountMatching(outcome.result.snapshot) : undefined;
    const accountKey = known ?? replacing ?? book.newKey(adapter.id);
    if (!(await this.saveToken(adapter, accountKey, outcome.token, origin))) return undefined;
    if (!outcome.result.ok) {
      refresher.replaceToken(accountKey).catch((error: unknown) => this.parts.log.warn(`${accountKey}: refresh failed: ${String(error)}`));
      return accountKey;
    }
    refresher.accept(accountKey, outcome.result.snapshot);
    this.parts.feedback.say(this.signedInMessage(adapter, outcome.result.snapshot, known !== undefined && known !== replacing));
    return accountKey;
  }

  /** Saves the checked token; false (the person told why) when secret storage failed. */
  private async saveToken(adapter: ServiceAdapter, accountKey: string, token: string, origin: string): Promise<boolean> {
    try {
      await this.parts.book.saveToken(accountKey, token, origin);
    } catch (error) {
      await this.parts.feedback.reportSecretStorageFailure(
        vscode.l10n.t('The {service} token was not saved.', { service: adapter.displayName }),
        error,
      );
      return false;
    }
    this.parts.log.info(`${accountKey}: API token saved to secret storage, for ${origin}.`);
    return true;
  }

  /** "Signed in to Leadping as Jordan Avery." or, for an account held already, that it now uses the new token; no name in privacy mode. */
  private signedInMessage(adapter: ServiceAdapter, snapshot: AccountSnapshot, recognised: boolean): string {
    const name = this.parts.privacyMode() ? undefined : accountHolderName(snapshot.identity);
    const service = adapter.displayName;
    if (recognised) {
      return name
        ? vscode.l10n.t('Already signed in to {service} as {name}: that account now uses the new token.', { service, name })
        : vscode.l10n.t('Already signed in to that {service} account: it now uses the new token.', { service });
    }
    return name
      ? vscode.l10n.t('Signed in to {service} as {name}.', { service, name })
      : vscode.l10n.t('Signed in to {service}.', { service });
  }

  /** Saves a change to an account's label or pin (in every window), saying so if secret storage fails. */
  private async saveDetails(state: AccountState, change: { label?: string; pinned?: boolean }): Promise<void> {
    try {
      await this.parts.book.describe(state.accountKey, { label: state.label, pinned: state.pinned, ...change });
    } catch (error) {
      await this.parts.feedback.reportSecretStorageFailure(vscode.l10n.t('The account was not changed.'), error);
    }
  }
}

/** "Remove the Leadping API token of Jordan Avery?", its detail and its action. */
function removalQuestion(title: string, holder: string | undefined): [message: string, detail: string, action: string] {
  return [
    holder
      ? vscode.l10n.t('Remove the {service} API token of {name}?', { service: title, name: holder })
      : vscode.l10n.t('Remove the {service} API token?', { service: title }),
    vscode.l10n.t(
      "It is deleted from VS Code's secret storage on this computer and the account disappears from Account Glance. The token itself stays valid at the service.",
    ),
    vscode.l10n.t('Remove Token'),
  ];
}
