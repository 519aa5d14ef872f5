// Keeps each account's credit history and the forecast made from it. Every good refresh adds to
// the history (globalState: local to this machine, never synced); signing out deletes it.
import { headlineForecast, type HeadlineForecast } from '../core/history/headlineForecast';
import type { AccountSnapshot } from '../core/model';
import type { CreditHistoryStore } from './creditHistoryStore';

export class AccountForecasts {
  private readonly byAccount = new Map<string, HeadlineForecast>();

  constructor(
    private readonly history: CreditHistoryStore,
    /** Told after a forecast changed, so the views redraw. */
    private readonly onDidChange: (accountKey: string) => void,
  ) {}

  /** The forecast for an account, once one was made this session. */
  get(accountKey: string): HeadlineForecast | undefined {
    return this.byAccount.get(accountKey);
  }

  /** Every account's forecast, by account key. */
  all(): Readonly<Record<string, HeadlineForecast>> {
    return Object.fromEntries(this.byAccount);
  }

  /** Adds a fresh snapshot to the account's history and forecasts from it. */
  async record(accountKey: string, snapshot: AccountSnapshot): Promise<void> {
    const history = await this.history.record(accountKey, snapshot);
    this.update(accountKey, headlineForecast(snapshot, history, snapshot.fetchedAt));
  }

  /** Forecasts from the stored history alone, for a snapshot shown from the last session. */
  restore(accountKey: string, snapshot: AccountSnapshot, now: number): void {
    this.update(accountKey, headlineForecast(snapshot, this.history.read(accountKey), now));
  }

  /** restore() for every account shown from the last session. */
  restoreShown(states: readonly { readonly accountKey: string; readonly snapshot?: AccountSnapshot }[], now: number): void {
    for (const { accountKey, snapshot } of states) if (snapshot) this.restore(accountKey, snapshot, now);
  }

  /** Deletes the account's history with its token. */
  async forget(accountKey: string): Promise<void> {
    const had = this.byAccount.delete(accountKey);
    await this.history.delete(accountKey);
    if (had) this.onDidChange(accountKey);
  }

  private update(accountKey: string, forecast: HeadlineForecast | undefined): void {
    if (forecast) this.byAccount.set(accountKey, forecast);
    else this.byAccount.delete(accountKey);
    this.onDidChange(accountKey);
  }
}
