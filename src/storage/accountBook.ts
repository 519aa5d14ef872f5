// Adds, removes and describes accounts: the one place that keeps a token (TokenStore), the list
// of accounts (AccountIndex) and what the panel shows (the refresher) in step. Commands and the
// Accounts menu go through it, so both sign in and out the same way.
import { isAccountKey, isFirstAccountKey, newAccountKey, serviceIdOfKey } from '../core/accounts/accountKey';
import { findAdapter } from '../core/services/serviceAdapter';
import { isSameAccount, type HeldAccount } from '../core/accounts/accountIdentity';
import type { AccountSnapshot } from '../core/model';
import type { AccountDetails, AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountEntries, AccountIndex } from './accountIndex';
import { cleanDetails } from './accountIndex';
import type { TokenChange, TokenStore } from './tokenStore';

/** Tokens that go to a new origin together: one question covers them all. */
export interface MovingTokens {
  /** The origin the first account's token was saved for; undefined for a token 0.1.0 saved, before tokens were bound. */
  readonly tokenOrigin: string | undefined;
  readonly accounts: readonly { readonly accountKey: string; readonly token: string }[];
}

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

  /**
   * Another window changed an account's token: a new token loads at once (whose account it is, and
   * so whose data it keeps, is decided when it loads); a new origin for the same token reconnects;
   * a removed token signs the account out. Resolves to what happened, for the log; undefined for a
   * key that names no account of a service here.
   */
  async followTokenChange(accountKey: string, change: TokenChange): Promise<string | undefined> {
    if (!isAccountKey(accountKey) || !findAdapter(this.refresher.adapters, serviceIdOfKey(accountKey))) return undefined;
    if (change === 'removed') {
      if (this.refresher.has(accountKey)) this.refresher.setSignedIn(accountKey, false);
      return `${accountKey}: API token removed in another window; signing out.`;
    }
    const newToken = change === 'token' || !this.refresher.has(accountKey);
    await (newToken ? this.refresher.replaceToken(accountKey) : this.refresher.reconnect(accountKey));
    return `${accountKey}: API token changed in another window; refreshed.`;
  }

  /** Follows what other windows change: tokens (followTokenChange()) and the list (apply()); what happened, and failures, go to the log. */
  followOtherWindows(log: { info(message: string): void; warn(message: string): void }): { dispose(): unknown }[] {
    return [
      this.tokens.onDidChangeElsewhere(
        (accountKey, change) => {
          this.followTokenChange(accountKey, change).then(
            (what) => what && log.info(what),
            (error: unknown) => log.warn(`${accountKey}: another window's token change could not be followed: ${String(error)}`),
          );
        },
        (accountKey) => log.warn(`${accountKey}: the API token changed in another window, but secret storage could not be read.`),
      ),
      this.index.onDidChangeElsewhere(
        (entries) => this.apply(entries),
        () => log.warn('The list of accounts changed in another window, but secret storage could not be read.'),
      ),
    ];
  }

  /**
   * The person changed a service's base URL: every signed-in account reconnects at once (not held
   * back by the request budget). Resolves to the account whose token is bound to another origin,
   * if any: one question for the service then covers all of them (tokensMovingWith()).
   */
  async reconnectService(serviceId: string): Promise<string | undefined> {
    const signedIn = this.refresher.statesOf(serviceId).filter((state) => state.signedIn);
    await Promise.all(signedIn.map((state) => this.refresher.reconnect(state.accountKey, { automatic: false })));
    return this.refresher.statesOf(serviceId).find((state) => state.error?.kind === 'originChanged')?.accountKey;
  }

  /**
   * The tokens that move to a new origin with `accountKey`'s: its own, and every other signed-in
   * account of the service saved for the same origin. Undefined when the account has no token.
   */
  async tokensMovingWith(accountKey: string): Promise<MovingTokens | undefined> {
    const stored = await this.tokens.read(accountKey);
    if (!stored) return undefined;
    const accounts = [{ accountKey, token: stored.token }];
    const others = this.refresher.statesOf(serviceIdOfKey(accountKey)).filter((state) => state.signedIn && state.accountKey !== accountKey);
    for (const other of others) {
      const token = await this.tokens.read(other.accountKey);
      if (token && token.origin === stored.origin) accounts.push({ accountKey: other.accountKey, token: token.token });
    }
    return { tokenOrigin: stored.origin, accounts };
  }

  /** Binds each of the tokens to `origin`: the person said yes to sending them there. */
  async moveTokens(moving: MovingTokens, origin: string): Promise<void> {
    for (const account of moving.accounts) await this.tokens.save(account.accountKey, account.token, origin);
  }

  /** Reconnects the accounts (a person's act: not held back by the request budget). */
  async reconnect(accountKeys: readonly string[]): Promise<void> {
    const held = accountKeys.filter((accountKey) => this.refresher.has(accountKey));
    await Promise.all(held.map((accountKey) => this.refresher.reconnect(accountKey, { automatic: false })));
  }

  private detailsOf(accountKey: string): AccountDetails {
    if (!this.refresher.has(accountKey)) return {};
    const { label, pinned } = this.refresher.state(accountKey);
    return { label, pinned };
  }
}
