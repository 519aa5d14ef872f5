// Keeps one AccountState per service and refreshes them. Coalesces bursts (a refresh asked for
// while one is under way joins it), drops answers that a token change made obsolete, and
// remembers when a rate-limited service may be asked again.
import type { AccountState } from './accountState';
import type { AccountConnection, FetchOptions } from '../http/accountFetcher';
import type { AccountSnapshot, FetchResult, ServiceError } from '../model';
import { findAdapter, type ServiceAdapter } from '../services/serviceAdapter';

interface SnapshotFetcher {
  fetch(adapter: ServiceAdapter, connection: AccountConnection, options?: FetchOptions): Promise<FetchResult>;
}

export interface AccountRefresherOptions {
  readonly adapters: readonly ServiceAdapter[];
  readonly fetcher: SnapshotFetcher;
  /** The token and base URL for a service, or undefined when it has no token. */
  readonly connectionFor: (serviceId: string) => Promise<AccountConnection | undefined>;
  /** Called with each new good snapshot, e.g. to cache it. */
  readonly onSnapshot?: (snapshot: AccountSnapshot) => void;
  /** Called with each failed refresh, e.g. to log it. */
  readonly onFailure?: (serviceId: string, error: ServiceError) => void;
  /**
   * How long to wait before asking again after a failure, or undefined to wait for a person
   * (a rejected token will not fix itself). `attempt` counts consecutive failures from 1.
   */
  readonly retryDelayMs: (error: ServiceError, attempt: number) => number | undefined;
  readonly now?: () => number;
  /** Told how many state listeners are attached whenever that changes (a leak check for tests). */
  readonly onListenerCountChange?: (count: number) => void;
}

interface ServiceSlot {
  state: AccountState;
  inFlight?: Promise<void>;
  /** The refresh under way is automatic, and so may be held back by the request budget. */
  inFlightAutomatic?: boolean;
  /** The last refresh was held back by the request budget: nothing was asked. */
  heldBack?: boolean;
  /** Bumped when the token changes so that an answer for the old token is thrown away. */
  generation: number;
  /** When to ask again on our own after a failure. */
  retryAt?: number;
  /** The service itself asked for the wait (429): scheduled refreshes do not ask before retryAt. */
  rateLimited: boolean;
  consecutiveFailures: number;
}

export type StateListener = (serviceId: string, state: AccountState) => void;

export class AccountRefresher {
  private readonly slots = new Map<string, ServiceSlot>();
  private readonly listeners = new Set<StateListener>();
  private readonly now: () => number;

  constructor(private readonly options: AccountRefresherOptions) {
    this.now = options.now ?? Date.now;
    for (const adapter of options.adapters) {
      this.slots.set(adapter.id, {
        state: { serviceId: adapter.id, signedIn: false, refreshing: false },
        generation: 0,
        rateLimited: false,
        consecutiveFailures: 0,
      });
    }
  }

  get adapters(): readonly ServiceAdapter[] {
    return this.options.adapters;
  }

  state(serviceId: string): AccountState {
    return this.slot(serviceId).state;
  }

  states(): AccountState[] {
    return this.options.adapters.map((adapter) => this.state(adapter.id));
  }

  onDidChangeState(listener: StateListener): { dispose(): void } {
    this.listeners.add(listener);
    this.options.onListenerCountChange?.(this.listeners.size);
    return {
      dispose: () => {
        this.listeners.delete(listener);
        this.options.onListenerCountChange?.(this.listeners.size);
      },
    };
  }

  /** Shows snapshots kept from the last session at once, marked stale until a refresh confirms them. */
  restoreCached(snapshots: readonly AccountSnapshot[]): void {
    for (const snapshot of snapshots) {
      const slot = this.slots.get(snapshot.serviceId);
      if (!slot || slot.state.snapshot) continue;
      this.update(slot, { ...slot.state, signedIn: true, snapshot, fromCache: true });
    }
  }

  /** Records whether a service has a token; signing out forgets its data. */
  setSignedIn(serviceId: string, signedIn: boolean): void {
    const slot = this.slot(serviceId);
    slot.generation++;
    slot.inFlight = undefined;
    this.clearRetry(slot);
    this.update(slot, signedIn ? { ...slot.state, signedIn, refreshing: false } : { serviceId, signedIn: false, refreshing: false });
  }

  /** A new token may be another account: forgets the old data, then loads the new (a person's act: not held back). */
  replaceToken(serviceId: string): Promise<void> {
    this.setSignedIn(serviceId, false);
    this.setSignedIn(serviceId, true);
    return this.refreshOne(serviceId, this.slot(serviceId));
  }

  /**
   * Forgets any refresh under way, then refreshes: the base URL (or the origin its token is bound
   * to) changed. Automatic unless a person asked for it, so the request budget still holds.
   */
  reconnect(serviceId: string, options: { automatic?: boolean } = {}): Promise<void> {
    const slot = this.slot(serviceId);
    slot.generation++;
    slot.inFlight = undefined;
    this.clearRetry(slot);
    return this.refreshOne(serviceId, slot, options.automatic ?? true);
  }

  /** Puts a snapshot fetched elsewhere (the token check) in place, as if a refresh had returned it. */
  accept(snapshot: AccountSnapshot): void {
    const slot = this.slot(snapshot.serviceId);
    slot.generation++;
    slot.inFlight = undefined;
    this.succeed(slot, snapshot);
  }

  /**
   * Refreshes the given services (all by default) in parallel. A service already refreshing is
   * joined, not asked again. An `automatic` refresh (the schedule, start-up) skips a service still
   * inside the wait a 429 asked for and counts against the request budget; a person's explicit
   * refresh always goes through.
   */
  async refresh(serviceIds?: readonly string[], options: { automatic?: boolean } = {}): Promise<void> {
    const ids = serviceIds ?? this.options.adapters.map((adapter) => adapter.id);
    const automatic = options.automatic ?? false;
    await Promise.all(
      ids.map((id) => {
        const slot = this.slot(id);
        if (automatic && slot.rateLimited && (slot.retryAt ?? 0) > this.now()) {
          return Promise.resolve();
        }
        return this.refreshOne(id, slot, automatic);
      }),
    );
  }

  /** When the first failed service should be asked again (possibly already past: due now), if any. */
  nextRetryAt(): number | undefined {
    const pending = [...this.slots.values()].map((slot) => slot.retryAt).filter((at): at is number => at !== undefined);
    return pending.length > 0 ? Math.min(...pending) : undefined;
  }

  /** Services whose retry time has come. */
  servicesDueForRetry(): string[] {
    const now = this.now();
    return [...this.slots.entries()].filter(([, slot]) => slot.retryAt !== undefined && slot.retryAt <= now).map(([id]) => id);
  }

  isRefreshing(): boolean {
    return [...this.slots.values()].some((slot) => slot.inFlight !== undefined);
  }

  dispose(): void {
    this.listeners.clear();
    this.options.onListenerCountChange?.(0);
  }

  private refreshOne(serviceId: string, slot: ServiceSlot, automatic = false): Promise<void> {
    if (slot.inFlight) {
      // A person's refresh that joins an automatic one is still answered if the budget held that back.
      if (automatic || !slot.inFlightAutomatic) return slot.inFlight;
      const generation = slot.generation;
      return slot.inFlight.then(() =>
        slot.heldBack && slot.generation === generation ? this.refreshOne(serviceId, slot, false) : undefined,
      );
    }
    const generation = slot.generation;
    slot.heldBack = false;
    const adapter = this.adapter(serviceId);
    const run = (async () => {
      let connection: AccountConnection | undefined;
      try {
        connection = await this.options.connectionFor(serviceId);
      } catch {
        // e.g. the OS keyring is locked or missing: say so rather than pretend to be signed out.
        if (slot.generation === generation) {
          this.fail(slot, { kind: 'secretStorage' });
        }
        return;
      }
      if (slot.generation !== generation) return;
      if (!connection) {
        this.clearRetry(slot);
        this.update(slot, { serviceId, signedIn: false, refreshing: false });
        return;
      }
      this.update(slot, { ...slot.state, signedIn: true, refreshing: true });
      let result: FetchResult;
      try {
        result = await this.options.fetcher.fetch(adapter, connection, { automatic });
      } catch {
        result = { ok: false, error: { kind: 'unexpected', reason: 'refreshFailed' } };
      }
      if (slot.generation !== generation) return;
      if (result.ok) this.succeed(slot, result.snapshot);
      else this.fail(slot, result.error);
    })().finally(() => {
      if (slot.inFlight === run) slot.inFlight = undefined;
    });
    slot.inFlight = run;
    slot.inFlightAutomatic = automatic;
    return run;
  }

  private succeed(slot: ServiceSlot, snapshot: AccountSnapshot): void {
    this.clearRetry(slot);
    this.update(slot, { serviceId: slot.state.serviceId, signedIn: true, refreshing: false, snapshot, fromCache: false });
    this.options.onSnapshot?.(snapshot);
  }

  private fail(slot: ServiceSlot, error: ServiceError): void {
    if (error.kind === 'throttled') {
      this.holdBack(slot, error);
      return;
    }
    slot.consecutiveFailures++;
    const delay = this.options.retryDelayMs(error, slot.consecutiveFailures);
    slot.retryAt = delay === undefined ? undefined : this.now() + delay;
    slot.rateLimited = error.kind === 'rateLimited' && delay !== undefined;
    this.update(slot, { ...slot.state, signedIn: true, refreshing: false, error, failedAt: this.now() });
    this.options.onFailure?.(slot.state.serviceId, error);
  }

  /**
   * Our own budget held an automatic refresh back: nothing new was learnt, so the last answer
   * (data or a server's error) stays on screen; only the next try moves to when the budget frees.
   */
  private holdBack(slot: ServiceSlot, error: ServiceError): void {
    slot.heldBack = true;
    const delay = this.options.retryDelayMs(error, Math.max(1, slot.consecutiveFailures));
    slot.retryAt = delay === undefined ? undefined : this.now() + delay;
    slot.rateLimited = delay !== undefined;
    if (slot.state.snapshot || slot.state.error) this.update(slot, { ...slot.state, refreshing: false });
    else this.update(slot, { ...slot.state, signedIn: true, refreshing: false, error, failedAt: this.now() });
  }

  private clearRetry(slot: ServiceSlot): void {
    slot.retryAt = undefined;
    slot.rateLimited = false;
    slot.consecutiveFailures = 0;
  }

  private update(slot: ServiceSlot, state: AccountState): void {
    slot.state = state;
    for (const listener of this.listeners) listener(state.serviceId, state);
  }

  private slot(serviceId: string): ServiceSlot {
    const slot = this.slots.get(serviceId);
    if (!slot) throw new Error(`Unknown service: ${serviceId}`);
    return slot;
  }

  private adapter(serviceId: string): ServiceAdapter {
    const adapter = findAdapter(this.options.adapters, serviceId);
    if (!adapter) throw new Error(`Unknown service: ${serviceId}`);
    return adapter;
  }
}
