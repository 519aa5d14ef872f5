// Keeps each account's credit history and the forecast made from it. Every good refresh adds to
// the history (a file per account: local to this machine, never synced); signing out deletes it.
// Start-up reads no history: the forecasts of accounts shown from the last session are made once
// the first paint is done, from their files, and appear a moment later.
import { headlineForecast, type HeadlineForecast } from '../core/history/headlineForecast';
import type { AccountSnapshot } from '../core/model';
import type { CreditHistoryStore } from './creditHistoryStore';

export class AccountForecasts {
  private readonly byAccount = new Map<string, HeadlineForecast>();
  /**
   * Per account, how many times its forecast was recorded or forgotten: a restore that finds it
   * changed since it began (a refresh came first) leaves the newer forecast alone.
   */
  private readonly changes = new Map<string, number>();

  constructor(
    private readonly history: Pick<CreditHistoryStore, 'read' | 'record' | 'delete'>,
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
    this.noteChange(accountKey);
    const history = await this.history.record(accountKey, snapshot);
    this.update(accountKey, headlineForecast(snapshot, history, snapshot.fetchedAt));
  }

  /** Forecasts from the stored history alone, for a snapshot shown from the last session; never rejects. */
  restore(accountKey: string, snapshot: AccountSnapshot, now: number): Promise<void> {
    return this.restoreUnlessChanged(accountKey, snapshot, now, this.changeCount(accountKey));
  }

  /**
   * restore() for every account shown from the last session, one file after another, after the
   * caller's paint (the first read waits for the next turn); returns at once, settles (never rejects)
   * when all are made. An account recorded or forgotten meanwhile keeps what that did.
   */
  restoreShown(states: readonly { readonly accountKey: string; readonly snapshot?: AccountSnapshot }[], now: number): Promise<void> {
    const shown = states.flatMap(({ accountKey, snapshot }) =>
      snapshot ? [{ accountKey, snapshot, before: this.changeCount(accountKey) }] : [],
    );
    return shown.reduce<Promise<void>>(
      // The views log their own drawing failures (surfaces.ts): one account's must not stop the next.
      (previous, { accountKey, snapshot, before }) =>
        previous.then(() => this.restoreUnlessChanged(accountKey, snapshot, now, before)).catch(() => undefined),
      new Promise((resolve) => setImmediate(resolve)),
    );
  }

  /** Deletes the account's history with its token. */
  async forget(accountKey: string): Promise<void> {
    this.noteChange(accountKey);
    const had = this.byAccount.delete(accountKey);
    await this.history.delete(accountKey);
    if (had) this.onDidChange(accountKey);
  }

  private async restoreUnlessChanged(accountKey: string, snapshot: AccountSnapshot, now: number, before: number): Promise<void> {
    const history = await this.history.read(accountKey);
    if (this.changeCount(accountKey) === before) this.update(accountKey, headlineForecast(snapshot, history, now));
  }

  private changeCount(accountKey: string): number {
    return this.changes.get(accountKey) ?? 0;
  }

  private noteChange(accountKey: string): void {
    this.changes.set(accountKey, this.changeCount(accountKey) + 1);
  }

  private update(accountKey: string, forecast: HeadlineForecast | undefined): void {
    if (forecast) this.byAccount.set(accountKey, forecast);
    else this.byAccount.delete(accountKey);
    this.onDidChange(accountKey);
  }
}
