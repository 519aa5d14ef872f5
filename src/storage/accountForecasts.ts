// Keeps each account's credit history and the forecast made from it. Every good refresh adds to
// the history (globalState: local to this machine, never synced); signing out deletes it.
import { headlineForecast, type HeadlineForecast } from '../core/history/headlineForecast';
import type { AccountSnapshot } from '../core/model';
import type { CreditHistoryStore } from './creditHistoryStore';

export class AccountForecasts {
  private readonly byService = new Map<string, HeadlineForecast>();

  constructor(
    private readonly history: CreditHistoryStore,
    /** Told after a forecast changed, so the views redraw. */
    private readonly onDidChange: (serviceId: string) => void,
  ) {}

  /** The forecast for a service's account, once one was made this session. */
  get(serviceId: string): HeadlineForecast | undefined {
    return this.byService.get(serviceId);
  }

  all(): Readonly<Record<string, HeadlineForecast>> {
    return Object.fromEntries(this.byService);
  }

  /** Adds a fresh snapshot to the history and forecasts from it. */
  async record(snapshot: AccountSnapshot): Promise<void> {
    const history = await this.history.record(snapshot.serviceId, snapshot);
    this.update(snapshot, headlineForecast(snapshot, history, snapshot.fetchedAt));
  }

  /** Forecasts from the stored history alone, for a snapshot shown from the last session. */
  restore(snapshot: AccountSnapshot, now: number): void {
    this.update(snapshot, headlineForecast(snapshot, this.history.read(snapshot.serviceId), now));
  }

  /** Deletes the account's history with its token. */
  async forget(serviceId: string): Promise<void> {
    const had = this.byService.delete(serviceId);
    await this.history.delete(serviceId);
    if (had) this.onDidChange(serviceId);
  }

  private update(snapshot: AccountSnapshot, forecast: HeadlineForecast | undefined): void {
    if (forecast) this.byService.set(snapshot.serviceId, forecast);
    else this.byService.delete(snapshot.serviceId);
    this.onDidChange(snapshot.serviceId);
  }
}
