// The automatic refresh: one timer for every service. It sleeps while the window is unfocused
// (no requests nobody will see) and catches up on focus, never starts while a refresh is still
// running, and wakes early when a failed service is due to be asked again (after the wait a
// 429 asked for, or a backoff after a network failure), so the panel recovers on its own.
import { REFRESH_INTERVAL_MINUTES } from '../settingValues';

const MAX_TIMER_MS = 2_147_483_647;

export interface ScheduleTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: ScheduleTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** 0 turns automatic refresh off; anything else is at least the setting's minimum (a minute). */
export function refreshIntervalMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  return Math.max(REFRESH_INTERVAL_MINUTES.min, minutes) * 60_000;
}

export interface RefreshScheduleOptions {
  readonly intervalMinutes: number;
  /** When a failed service should next be asked again (epoch ms), if any. */
  readonly retryAt: () => number | undefined;
  /**
   * Tells the schedule whenever retryAt() may have changed (the refresher's state changes), so a
   * failure outside the schedule's own runs (a new token, another window, a base-URL change)
   * still retries on its backoff instead of waiting for the next interval.
   */
  readonly onRetryAtChange?: (listener: () => void) => { dispose(): void };
  readonly timers?: ScheduleTimers;
  /** Told when an automatic run failed (for the log); the schedule goes on. */
  readonly onError?: (error: unknown) => void;
}

export class RefreshSchedule {
  private readonly timers: ScheduleTimers;
  private intervalMs: number;
  private lastRunAt: number;
  private focused = true;
  private missedWhileUnfocused = false;
  private running = false;
  private disposed = false;
  private handle: unknown;
  private readonly retryAtSubscription: { dispose(): void } | undefined;

  constructor(
    /** 'interval': every service is due; 'retry': only services waiting to retry a failure. */
    private readonly run: (reason: 'interval' | 'retry') => Promise<void>,
    private readonly options: RefreshScheduleOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
    this.intervalMs = refreshIntervalMs(options.intervalMinutes);
    this.lastRunAt = this.timers.now();
    this.retryAtSubscription = options.onRetryAtChange?.(() => this.arm());
    this.arm();
  }

  /** When the next automatic refresh is due, or undefined when none is. */
  nextDueAt(): number | undefined {
    const intervalDue = this.intervalMs > 0 ? this.lastRunAt + this.intervalMs : undefined;
    const retryAt = this.options.retryAt();
    if (intervalDue === undefined) return retryAt;
    if (retryAt === undefined) return intervalDue;
    return Math.min(intervalDue, retryAt);
  }

  setIntervalMinutes(minutes: number): void {
    this.intervalMs = refreshIntervalMs(minutes);
    this.arm();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    if (!focused) return;
    const due = this.nextDueAt();
    if (this.missedWhileUnfocused || (due !== undefined && due <= this.timers.now())) this.fireOwned();
    else this.arm();
  }

  /** Any refresh, automatic or not, restarts the interval: the data is as new as it gets. */
  noteRefreshed(): void {
    this.lastRunAt = this.timers.now();
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    this.retryAtSubscription?.dispose();
    this.clear();
  }

  private arm(): void {
    this.clear();
    if (this.disposed || this.running) return;
    const due = this.nextDueAt();
    if (due === undefined) return;
    this.handle = this.timers.setTimeout(
      () => {
        this.handle = undefined;
        const stillDue = this.nextDueAt();
        // A timer fires early when the wait exceeded setTimeout's 24.8-day ceiling.
        if (stillDue !== undefined && stillDue > this.timers.now()) this.arm();
        else this.fireOwned();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, due - this.timers.now())),
    );
  }

  private clear(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** fire(), its failure reported rather than left unhandled: nobody awaits a timer's run. */
  private fireOwned(): void {
    this.fire().catch((error: unknown) => this.options.onError?.(error));
  }

  private async fire(): Promise<void> {
    if (this.disposed || this.running) return;
    if (!this.focused) {
      this.missedWhileUnfocused = true;
      return;
    }
    this.missedWhileUnfocused = false;
    this.running = true;
    this.clear();
    const intervalDue = this.intervalMs > 0 && this.timers.now() >= this.lastRunAt + this.intervalMs;
    try {
      await this.run(intervalDue ? 'interval' : 'retry');
    } finally {
      this.running = false;
      if (intervalDue) this.lastRunAt = this.timers.now();
      this.arm();
    }
  }
}

/** What the schedule needs of the refresher: who is due to retry, and when. */
export interface RefreshableAccounts {
  refresh(accountKeys: readonly string[] | undefined, options: { automatic: boolean }): Promise<unknown>;
  accountsDueForRetry(): readonly string[];
  nextRetryAt(): number | undefined;
  onDidChangeState(listener: () => void): { dispose(): void };
}

/**
 * The schedule that drives a refresher: on the interval every account is asked; on a retry only
 * the accounts whose wait is over, so one failing account never drags the others along.
 */
export function scheduleRefreshes(
  accounts: RefreshableAccounts,
  options: Omit<RefreshScheduleOptions, 'retryAt' | 'onRetryAtChange'>,
): RefreshSchedule {
  return new RefreshSchedule(
    async (reason) => {
      await accounts.refresh(reason === 'interval' ? undefined : accounts.accountsDueForRetry(), { automatic: true });
    },
    { ...options, retryAt: () => accounts.nextRetryAt(), onRetryAtChange: (listener) => accounts.onDidChangeState(listener) },
  );
}
