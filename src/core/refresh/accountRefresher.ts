// Keeps one AccountState per account and refreshes them. Coalesces bursts (a refresh asked for
// while one is under way joins it), drops answers that a token change made obsolete, and
// remembers when a rate-limited account may be asked again. Every service has its first account's
// slot from the start (signed out until a token is found); further accounts come and go
// (src/core/accounts/accountKey.ts).
import { isFirstAccountKey, serviceIdOfKey } from '../accounts/accountKey';
import type { AccountState } from './accountState';
import { HeldSnapshots } from './heldSnapshots';
import type { AccountConnection, FetchOptions } from '../http/accountFetcher';
import type { AccountIdentity, AccountSnapshot, FetchResult, ServiceError } from '../model';
import { findAdapter, type ServiceAdapter } from '../services/serviceAdapter';

interface SnapshotFetcher {
  fetch(adapter: ServiceAdapter, connection: AccountConnection, options?: FetchOptions): Promise<FetchResult>;
}

export interface AccountRefresherOptions {
  readonly adapters: readonly ServiceAdapter[];
  readonly fetcher: SnapshotFetcher;
  /** The token and base URL for an account, or undefined when it has no token. */
  readonly connectionFor: (accountKey: string) => Promise<AccountConnection | undefined>;
  /**
   * Called with each new good snapshot, e.g. to cache it; `previous`: whose data the account showed before (none yet: undefined).
   * In a refresh of several accounts, on the turn after all have answered (heldSnapshots.ts) or once `holdSnapshotsMs` passed; an
   * account whose token changed or that was signed out meanwhile is not told of.
   */
  readonly onSnapshot?: (accountKey: string, snapshot: AccountSnapshot, previous: AccountIdentity | undefined) => void;
  /** Called with each failed refresh, e.g. to log it. */
  readonly onFailure?: (accountKey: string, error: ServiceError) => void;
  /**
   * How long to wait before asking again after a failure, or undefined to wait for a person
   * (a rejected token will not fix itself). `attempt` counts consecutive failures from 1.
   */
  readonly retryDelayMs: (error: ServiceError, attempt: number) => number | undefined;
  readonly now?: () => number;
  /** The longest a refresh of several accounts holds a fresh snapshot back from onSnapshot. Default 1 s. */
  readonly holdSnapshotsMs?: number;
  /** Told how many state listeners are attached whenever that changes (a leak check for tests). */
  readonly onListenerCountChange?: (count: number) => void;
}

/** What a person said about an account: its name and whether the status bar shows it. */
export interface AccountDetails {
  readonly label?: string;
  readonly pinned?: boolean;
}

interface AccountSlot {
  readonly accountKey: string;
  readonly serviceId: string;
  details: AccountDetails;
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

const DEFAULT_HOLD_SNAPSHOTS_MS = 1_000;

export type StateListener = (accountKey: string, state: AccountState) => void;

/** A state without what its slot stamps on it (update() adds the key, the service and the details). */
type SlotState = Omit<AccountState, 'accountKey' | 'serviceId' | 'label' | 'pinned'>;

export class AccountRefresher {
  private readonly slots = new Map<string, AccountSlot>();
  private readonly listeners = new Set<StateListener>();
  private readonly now: () => number;

  constructor(private readonly options: AccountRefresherOptions) {
    this.now = options.now ?? Date.now;
    for (const adapter of options.adapters) this.createSlot(adapter.id);
  }

  get adapters(): readonly ServiceAdapter[] {
    return this.options.adapters;
  }

  state(accountKey: string): AccountState {
    return this.slot(accountKey).state;
  }

  /** Whether `accountKey` names an account here (its slot exists). */
  has(accountKey: string): boolean {
    return this.slots.has(accountKey);
  }

  /** Every account, grouped by service in the adapters' order, each service's first account first. */
  states(): AccountState[] {
    const all = [...this.slots.values()];
    return this.options.adapters.flatMap((adapter) => all.filter((slot) => slot.serviceId === adapter.id).map((slot) => slot.state));
  }

  /** The accounts of one service, first account first. */
  statesOf(serviceId: string): AccountState[] {
    return this.states().filter((state) => state.serviceId === serviceId);
  }

  /**
   * Follows the list of services after it changed (a definition added, edited or removed while
   * running): a service that joined gets its first, signed-out slot; the accounts of one that left
   * go from view without a sign-out, so their token, cache and history wait for its return.
   */
  followServices(): void {
    for (const adapter of this.options.adapters) if (!this.slots.has(adapter.id)) this.createSlot(adapter.id);
    for (const [accountKey, slot] of this.slots) {
      if (!findAdapter(this.options.adapters, slot.serviceId)) this.slots.delete(accountKey);
    }
  }

  /**
   * Makes room for another account of a known service (signed out until a refresh finds its
   * token). False when the key names no known service; true when the slot exists now.
   */
  addAccount(accountKey: string, details: AccountDetails = {}): boolean {
    if (this.slots.has(accountKey)) return true;
    if (!findAdapter(this.options.adapters, serviceIdOfKey(accountKey))) return false;
    this.createSlot(accountKey, details);
    return true;
  }

  /** Changes what a person said about an account (its label, whether it is pinned). */
  setDetails(accountKey: string, details: AccountDetails): void {
    const slot = this.slots.get(accountKey);
    if (!slot || (slot.details.label === details.label && slot.details.pinned === details.pinned)) return;
    slot.details = { ...details };
    this.update(slot, slot.state);
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

  /**
   * Shows snapshots kept from the last session at once, marked stale until a refresh confirms
   * them. An entry may bring a further account with it: the first refresh checks it still has a token.
   */
  restoreCached(entries: readonly (readonly [accountKey: string, snapshot: AccountSnapshot])[]): void {
    for (const [accountKey, snapshot] of entries) {
      if (serviceIdOfKey(accountKey) !== snapshot.serviceId || !this.addAccount(accountKey)) continue;
      const slot = this.slot(accountKey);
      if (slot.state.snapshot) continue;
      this.update(slot, { ...slot.state, signedIn: true, snapshot, fromCache: true });
    }
  }

  /**
   * Records whether an account has a token. Signing out forgets its data; a further account
   * (not a service's first) then goes altogether.
   */
  setSignedIn(accountKey: string, signedIn: boolean): void {
    const slot = this.slot(accountKey);
    slot.generation++;
    slot.inFlight = undefined;
    this.clearRetry(slot);
    if (signedIn) this.update(slot, { ...slot.state, signedIn, refreshing: false });
    else this.signOut(slot);
  }

  /**
   * The account has a new token: loads with it at once (a person's act: not held back). What is
   * shown stays until the new token's data comes; whether that is the same account, and so keeps
   * its history and alerts, onSnapshot's listener decides from the identities it is handed.
   */
  replaceToken(accountKey: string): Promise<void> {
    if (!this.addAccount(accountKey)) return Promise.resolve();
    const slot = this.slot(accountKey);
    slot.generation++;
    slot.inFlight = undefined;
    this.clearRetry(slot);
    slot.consecutiveFailures = 0;
    this.update(slot, { ...slot.state, signedIn: true, refreshing: false, error: undefined });
    return this.refreshOne(accountKey, slot);
  }

  /**
   * Forgets any refresh under way, then refreshes: the base URL (or the origin its token is bound
   * to) changed. Automatic unless a person asked for it, so the request budget still holds.
   */
  reconnect(accountKey: string, options: { automatic?: boolean } = {}): Promise<void> {
    const slot = this.slot(accountKey);
    slot.generation++;
    slot.inFlight = undefined;
    this.clearRetry(slot);
    return this.refreshOne(accountKey, slot, options.automatic ?? true);
  }

  /**
   * Puts a snapshot fetched elsewhere (the token check) in place, as if a refresh had returned
   * it; the account's slot is made if it is new.
   */
  accept(accountKey: string, snapshot: AccountSnapshot): void {
    if (serviceIdOfKey(accountKey) !== snapshot.serviceId || !this.addAccount(accountKey)) return;
    const slot = this.slot(accountKey);
    slot.generation++;
    slot.inFlight = undefined;
    this.succeed(slot, snapshot);
  }

  /**
   * Refreshes the given accounts (all by default) in parallel. An account already refreshing is
   * joined, not asked again. An `automatic` refresh (the schedule, start-up) skips an account still
   * inside the wait a 429 asked for and counts against the request budget; a person's explicit
   * refresh always goes through. Keys of accounts gone meanwhile are passed over.
   */
  async refresh(accountKeys?: readonly string[], options: { automatic?: boolean } = {}): Promise<void> {
    const ids = accountKeys ?? [...this.slots.keys()];
    const automatic = options.automatic ?? false;
    const held = ids.length > 1 ? new HeldSnapshots(this.options.holdSnapshotsMs ?? DEFAULT_HOLD_SNAPSHOTS_MS) : undefined;
    const refreshes = Promise.all(
      ids.map((id) => {
        const slot = this.slots.get(id);
        if (!slot || !findAdapter(this.options.adapters, slot.serviceId)) return Promise.resolve();
        if (automatic && slot.rateLimited && (slot.retryAt ?? 0) > this.now()) {
          return Promise.resolve();
        }
        return this.refreshOne(id, slot, automatic, held);
      }),
    );
    await refreshes.finally(() => held?.releaseAfterThisTurn());
  }

  /** When the first failed account should be asked again (possibly already past: due now), if any. */
  nextRetryAt(): number | undefined {
    const pending = [...this.slots.values()].map((slot) => slot.retryAt).filter((at): at is number => at !== undefined);
    return pending.length > 0 ? Math.min(...pending) : undefined;
  }

  /** Accounts whose retry time has come. */
  accountsDueForRetry(): string[] {
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

  private refreshOne(accountKey: string, slot: AccountSlot, automatic = false, held?: HeldSnapshots): Promise<void> {
    if (slot.inFlight) {
      // A person's refresh that joins an automatic one is still answered if the budget held that back.
      if (automatic || !slot.inFlightAutomatic) return slot.inFlight;
      const generation = slot.generation;
      return slot.inFlight.then(() =>
        slot.heldBack && slot.generation === generation ? this.refreshOne(accountKey, slot, false) : undefined,
      );
    }
    const generation = slot.generation;
    slot.heldBack = false;
    const adapter = this.adapter(slot.serviceId);
    const run = (async () => {
      let connection: AccountConnection | undefined;
      try {
        connection = await this.options.connectionFor(accountKey);
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
        this.signOut(slot);
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
      if (result.ok) this.succeed(slot, result.snapshot, held);
      else this.fail(slot, result.error);
    })().finally(() => {
      if (slot.inFlight === run) slot.inFlight = undefined;
    });
    slot.inFlight = run;
    slot.inFlightAutomatic = automatic;
    return run;
  }

  private succeed(slot: AccountSlot, snapshot: AccountSnapshot, held?: HeldSnapshots): void {
    this.clearRetry(slot);
    const previous = slot.state.snapshot?.identity;
    this.update(slot, { signedIn: true, refreshing: false, snapshot, fromCache: false });
    const { onSnapshot } = this.options;
    if (!onSnapshot) return;
    if (!held) {
      onSnapshot(slot.accountKey, snapshot, previous);
      return;
    }
    const generation = slot.generation;
    held.hold(() => {
      // Signed out, or a new token, since: what this snapshot would keep belongs to nobody now.
      if (slot.generation === generation && this.slots.get(slot.accountKey) === slot) onSnapshot(slot.accountKey, snapshot, previous);
    });
  }

  /** Forgets the account's data; a further account's slot goes with it (listeners are told either way). */
  private signOut(slot: AccountSlot): void {
    if (!isFirstAccountKey(slot.accountKey) && this.slots.get(slot.accountKey) === slot) this.slots.delete(slot.accountKey);
    this.update(slot, { signedIn: false, refreshing: false }, true);
  }

  private fail(slot: AccountSlot, error: ServiceError): void {
    if (error.kind === 'throttled') {
      this.holdBack(slot, error);
      return;
    }
    slot.consecutiveFailures++;
    const delay = this.options.retryDelayMs(error, slot.consecutiveFailures);
    slot.retryAt = delay === undefined ? undefined : this.now() + delay;
    slot.rateLimited = error.kind === 'rateLimited' && delay !== undefined;
    this.update(slot, { ...slot.state, signedIn: true, refreshing: false, error, failedAt: this.now() });
    this.options.onFailure?.(slot.accountKey, error);
  }

  /**
   * Our own budget held an automatic refresh back: nothing new was learnt, so the last answer
   * (data or a server's error) stays on screen; only the next try moves to when the budget frees.
   */
  private holdBack(slot: AccountSlot, error: ServiceError): void {
    slot.heldBack = true;
    const delay = this.options.retryDelayMs(error, Math.max(1, slot.consecutiveFailures));
    slot.retryAt = delay === undefined ? undefined : this.now() + delay;
    slot.rateLimited = delay !== undefined;
    if (slot.state.snapshot || slot.state.error) this.update(slot, { ...slot.state, refreshing: false });
    else this.update(slot, { ...slot.state, signedIn: true, refreshing: false, error, failedAt: this.now() });
  }

  private clearRetry(slot: AccountSlot): void {
    slot.retryAt = undefined;
    slot.rateLimited = false;
    slot.consecutiveFailures = 0;
  }

  /** Sets the slot's state (stamped with its key, service and details) and tells the listeners; a removed slot's only once more, as it goes. */
  private update(slot: AccountSlot, state: SlotState, removing = false): void {
    if (!removing && this.slots.get(slot.accountKey) !== slot) return;
    slot.state = stamped(slot, state);
    for (const listener of this.listeners) listener(slot.accountKey, slot.state);
  }

  private createSlot(accountKey: string, details: AccountDetails = {}): void {
    const identity = { accountKey, serviceId: serviceIdOfKey(accountKey), details: { ...details } };
    this.slots.set(accountKey, {
      ...identity,
      state: stamped(identity, { signedIn: false, refreshing: false }),
      generation: 0,
      rateLimited: false,
      consecutiveFailures: 0,
    });
  }

  private slot(accountKey: string): AccountSlot {
    const slot = this.slots.get(accountKey);
    if (!slot) throw new Error(`Unknown account: ${accountKey}`);
    return slot;
  }

  private adapter(serviceId: string): ServiceAdapter {
    const adapter = findAdapter(this.options.adapters, serviceId);
    if (!adapter) throw new Error(`Unknown service: ${serviceId}`);
    return adapter;
  }
}

/** `state` with its slot's key, service and details: those come from the slot alone (a state passed back in carries the old ones). */
function stamped(
  { accountKey, serviceId, details }: Pick<AccountSlot, 'accountKey' | 'serviceId' | 'details'>,
  state: SlotState,
): AccountState {
  const { label: _label, pinned: _pinned, ...rest } = state as AccountState;
  return {
    ...rest,
    accountKey,
    serviceId,
    ...(details.label !== undefined && { label: details.label }),
    ...(details.pinned && { pinned: true }),
  };
}
