// Which service or account a command is about: the one its argument names (an id, an account key
// or a row of the tree), or the one the person picks. How a pick list names accounts follows
// privacy mode: the service and its number only, no holder.
import * as vscode from 'vscode';
import { isAccountKey, serviceIdOfKey } from '../core/accounts/accountKey';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountState } from '../core/refresh/accountState';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import type { Row } from '../views/viewModels/accountRows';
import { accountTitle, privateAccountTitle } from '../views/viewModels/accountTitle';
import { holderNames } from '../views/viewModels/holderNames';
import { pluralMessage } from '../views/viewModels/pluralForms';
import type { Prompts } from './prompts';

export interface AccountChoiceParts {
  readonly refresher: AccountRefresher;
  readonly prompts: Prompts;
  readonly privacyMode: () => boolean;
}

export class AccountChoice {
  constructor(private readonly parts: AccountChoiceParts) {}

  adapterFor(serviceId: string | undefined): ServiceAdapter | undefined {
    return findAdapter(this.parts.refresher.adapters, serviceId);
  }

  /** An account key from a command argument: a key string, or an account's row in the tree. */
  accountKeyFrom(argument: unknown): string | undefined {
    const row = argument as Partial<Row> | undefined;
    const key = typeof argument === 'string' ? argument : row?.kind === 'service' ? row.id : undefined;
    return isAccountKey(key) && this.parts.refresher.has(key) ? key : undefined;
  }

  /** A service from a command argument: its id, or any of its accounts' keys or rows. */
  adapterFrom(argument: unknown): ServiceAdapter | undefined {
    const key = this.accountKeyFrom(argument) ?? (typeof argument === 'string' ? argument : undefined);
    return key === undefined ? undefined : this.adapterFor(serviceIdOfKey(key));
  }

  /** What an account is called where it shows: its title, or in privacy mode its service and number only. */
  nameOf(state: AccountState): string {
    const adapter = this.adapterFor(state.serviceId) ?? { displayName: state.serviceId };
    return this.parts.privacyMode() ? privateAccountTitle(adapter, state, this.parts.refresher.states()) : accountTitle(adapter, state);
  }

  /** The holder's name (a namesake's with its email), unless privacy mode hides it. */
  holderOf(state: AccountState): string | undefined {
    return this.parts.privacyMode() ? undefined : holderNames(this.parts.refresher.states()).get(state.accountKey);
  }

  /** "signed in as Jordan Avery", "signed in", or why there is no name yet: how a pick list tells accounts apart. */
  describeAccount(state: AccountState): string {
    const who = this.holderOf(state);
    if (!state.signedIn) return vscode.l10n.t('no token');
    if (who) return vscode.l10n.t('signed in as {name}', { name: who });
    return state.error ? vscode.l10n.t('could not load') : vscode.l10n.t('signed in');
  }

  /** The service the argument names, else the only candidate, else the one the person picks. */
  async chooseService(argument: unknown, candidates: readonly ServiceAdapter[], placeHolder: string): Promise<ServiceAdapter | undefined> {
    const given = this.adapterFrom(argument);
    if (given) return given;
    if (candidates.length <= 1) return candidates[0];
    const choices = candidates.map((adapter) => ({
      id: adapter.id,
      label: adapter.displayName,
      description: this.describeService(adapter),
    }));
    return this.adapterFor(await this.parts.prompts.pickService(choices, placeHolder));
  }

  /** The signed-in account a command argument names, or the one the person picks (the only one is taken as it is). */
  async chooseAccount(argument: unknown, placeHolder: string): Promise<AccountState | undefined> {
    const { refresher, prompts } = this.parts;
    const given = this.accountKeyFrom(argument);
    if (given) return refresher.state(given);
    const signedIn = refresher.states().filter((state) => state.signedIn);
    if (signedIn.length <= 1) return signedIn[0];
    const choices = signedIn.map((state) => ({
      id: state.accountKey,
      label: this.nameOf(state),
      description: this.describeAccount(state),
    }));
    const picked = await prompts.pickService(choices, placeHolder);
    return picked !== undefined && refresher.has(picked) ? refresher.state(picked) : undefined;
  }

  /** "2 accounts", its one account as describeAccount() says it, or "no token". */
  private describeService(adapter: ServiceAdapter): string {
    const signedIn = this.parts.refresher.statesOf(adapter.id).filter((state) => state.signedIn);
    const [only] = signedIn;
    if (signedIn.length > 1) {
      const args = { count: signedIn.length };
      return pluralMessage(signedIn.length, vscode.env.language, {
        one: () => vscode.l10n.t({ message: '{count} account', comment: 'plural: one', args }),
        few: () => vscode.l10n.t({ message: '{count} accounts', comment: 'plural: few', args }),
        many: () => vscode.l10n.t({ message: '{count} accounts', comment: 'plural: many', args }),
        other: () => vscode.l10n.t({ message: '{count} accounts', comment: 'plural: other', args }),
      });
    }
    return only ? this.describeAccount(only) : vscode.l10n.t('no token');
  }
}
