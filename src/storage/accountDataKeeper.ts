// What is known of each account beyond its token: its cached snapshot, its credit history and what
// its alerts remember (mutes included). A fresh snapshot joins the data of the account it shows,
// as accountIdentity.ts routes it: kept for the same account, started afresh for someone else's,
// merged into the account already held when it is the same one twice. Signing out lets it all go.
import { routeFreshSnapshot } from '../core/accounts/accountIdentity';
import type { AccountIdentity, AccountSnapshot } from '../core/model';
import type { AccountBook } from './accountBook';

/** The stores an account's data lives in, as far as keeping it goes. */
export interface AccountDataParts {
  readonly book: Pick<AccountBook, 'held' | 'mergeInto' | 'remove'>;
  readonly cache: { save(accountKey: string, snapshot: AccountSnapshot): PromiseLike<void>; remove(accountKey: string): PromiseLike<void> };
  /** The credit history, with the forecasts made from it. */
  readonly history: {
    record(accountKey: string, snapshot: AccountSnapshot): PromiseLike<unknown>;
    forget(accountKey: string): PromiseLike<void>;
  };
  /** Decides (and shows) the alerts a fresh snapshot calls for; forgets an account's alert memory. */
  readonly alerts: {
    decide(accountKey: string, snapshot: AccountSnapshot): PromiseLike<unknown>;
    forget(accountKey: string): PromiseLike<void>;
  };
  readonly log: { warn(message: string): void };
}

export class AccountDataKeeper {
  constructor(private readonly parts: AccountDataParts) {}

  /**
   * A fresh snapshot for `accountKey`, which showed `previous` before: routed to its account's
   * data. Resolves once the alerts are decided and the history written; never rejects.
   */
  onFreshSnapshot(accountKey: string, snapshot: AccountSnapshot, previous: AccountIdentity | undefined): Promise<void> {
    const { book } = this.parts;
    const route = routeFreshSnapshot(accountKey, snapshot.identity, previous, book.held());
    if (route.kind === 'mergeInto') {
      return this.owned(book.mergeInto(accountKey, route.survivor, snapshot), `${accountKey}: could not be merged into ${route.survivor}`);
    }
    const duplicatesGone =
      route.kind === 'absorb'
        ? route.duplicates.map((duplicate) => this.owned(book.remove(duplicate), `${duplicate}: the duplicate could not be removed`))
        : [];
    const fresh = route.startAfresh ? this.forget(accountKey) : Promise.resolve();
    return Promise.all([...duplicatesGone, fresh.then(() => this.keep(accountKey, snapshot))]).then(() => undefined);
  }

  /** Lets go of what is known of an account: its cache, credit history and alert memory. Never rejects. */
  forget(accountKey: string): Promise<void> {
    const { cache, history, alerts } = this.parts;
    return Promise.all([
      this.owned(cache.remove(accountKey), `${accountKey}: the cached data could not be removed`),
      this.owned(history.forget(accountKey), `${accountKey}: the credit history could not be removed`),
      this.owned(alerts.forget(accountKey), `${accountKey}: the alert memory could not be removed`),
    ]).then(() => undefined);
  }

  /** Work nobody waits on, its failure logged: resolves either way. */
  owned(work: PromiseLike<unknown>, what: string): Promise<void> {
    return Promise.resolve(work).then(
      () => undefined,
      (error: unknown) => this.parts.log.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** The snapshot joins its account's cache, alerts and history (fresh ones only: a cached one never notifies). */
  private async keep(accountKey: string, snapshot: AccountSnapshot): Promise<void> {
    const { cache, history, alerts } = this.parts;
    const cached = this.owned(cache.save(accountKey, snapshot), `${accountKey}: the data could not be cached`);
    await this.owned(alerts.decide(accountKey, snapshot), `${accountKey}: the alerts could not be decided`);
    await Promise.all([cached, this.owned(history.record(accountKey, snapshot), `${accountKey}: the credit history could not be saved`)]);
  }
}
