// Adds, removes and describes accounts: the one place that keeps a token (TokenStore), the list
// of accounts (AccountIndex) and what the panel shows (the refresher) in step. Commands and the
// Accounts menu go through it, so both sign in and out the same way.
import { isFirstAccountKey, newAccountKey } from '../core/accounts/accountKey';
import { isSameAccount, type HeldAccount } from '../core/accounts/accountIdentity';
import type { AccountSnapshot } from '../core/model';
import type { AccountDetails, AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountEntries, AccountIndex } from './accountIndex';
import { cleanDetails } from './accountIndex';
import type { TokenStore } from './tokenStore';

export class AccountBook {
  constructor(
    private readonly tokens: TokenStore,
    private readonly index: AccountIndex,
    private readonly refresher: AccountRefresher,
  ) {}

  /** Reads the list: each further account gets its slot (its token is read by the next refresh), each account its details. */
  async load(): Promise<void> {
    this.apply(await this.index.read());
  }

  /** Puts another window's list in place: new accounts appear, labels and pins follow. */
  apply(entries: AccountEntries): void {
    for (const [accountKey, details] of entries) {
      if (this.refresher.addAccount(accountKey, details)) this.refresher.setDetails(accountKey, details);
    }
    for (const state of this.refresher.states()) {
      if (!entries.has(state.accountKey)) this.refresher.setDetails(state.accountKey, {});
    }
  }

  /**
   * The account a token checked as `snapshot` belongs to, if Account Glance holds it already: the
   * same service and the same id from the service (or, where it gives none, the same email).
   */
  accountMatching(snapshot: AccountSnapshot): string | undefined {
    return this.held().find(
      (account) =>
        account.serviceId === snapshot.serviceId &&
        account.signedIn &&
        account.identity !== undefined &&
        isSameAccount(account.identity, snapshot.identity) === true,
    )?.accountKey;
  }

  /** Every account as far as telling accounts apart goes (routeFreshSnapshot's input). */
  held(): HeldAccount[] {
    return this.refresher.states().map((state) => ({
      accountKey: state.accountKey,
      serviceId: state.serviceId,
      signedIn: state.signedIn,
      identity: state.snapshot?.identity,
    }));
  }

  /**
   * The same account is held under `duplicate` and `survivor`: the duplicate's token, just proven
   * good by `snapshot`, moves to the survivor, which shows the snapshot; the duplicate goes. A
   * token saved by 0.1.0 (bound to no origin yet) is left where it is until it is bound.
   */
  async mergeInto(duplicate: string, survivor: string, snapshot: AccountSnapshot): Promise<void> {
    const stored = await this.tokens.read(duplicate);
    if (!stored?.origin) return;
    await this.saveToken(survivor, stored.token, stored.origin);
    await this.remove(duplicate);
    this.refresher.accept(survivor, snapshot);
  }

  /** A key for a new account of the service: its first account's while that has no token. */
  newKey(serviceId: string): string {
    const taken = this.refresher.states().filter((state) => state.signedIn || !isFirstAccountKey(state.accountKey));
    return newAccountKey(serviceId, new Set(taken.map((state) => state.accountKey)));
  }

  /** Saves the account's token, bound to `origin`; a further account is listed first, so no token is ever stored unlisted. */
  async saveToken(accountKey: string, token: string, origin: string): Promise<void> {
    if (!isFirstAccountKey(accountKey)) await this.index.update(accountKey, this.detailsOf(accountKey));
    await this.tokens.save(accountKey, token, origin);
  }

  /** Deletes the account's token and its entry; the account leaves the panel (its cache, history and alerts go with it). */
  async remove(accountKey: string): Promise<void> {
    await this.tokens.delete(accountKey);
    this.refresher.setSignedIn(accountKey, false);
    await this.index.update(accountKey, undefined);
  }

  /** Changes the account's label or pin, here and, through the list, in every window. */
  async describe(accountKey: string, change: AccountDetails): Promise<void> {
    const details = cleanDetails({ ...this.detailsOf(accountKey), ...change });
    await this.index.update(accountKey, details);
    this.refresher.setDetails(accountKey, details);
  }

  private detailsOf(accountKey: string): AccountDetails {
    if (!this.refresher.has(accountKey)) return {};
    const { label, pinned } = this.refresher.state(accountKey);
    return { label, pinned };
  }
}
