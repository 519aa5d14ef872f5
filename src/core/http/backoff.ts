// The one backoff formula. Every automatic wait that grows with failures (a 5xx retried inside
// one refresh, a 429 that named no time, a failed refresh) is computed here, so they cannot drift.

/** How a backoff grows: the first ceiling, and the largest any ceiling may get (none when absent). */
export interface BackoffSteps {
  readonly baseMs: number;
  readonly capMs?: number;
}

/**
 * The wait before the next try, `retry` tries in (from 0): the ceiling doubles with each try up to
 * the cap, and the wait falls at random in its upper half ("equal jitter"), so windows sharing a
 * token spread out while none asks again sooner than half the ceiling.
 */
export function jitteredBackoffMs(retry: number, steps: BackoffSteps, random: () => number): number {
  const ceiling = Math.min(steps.capMs ?? Infinity, steps.baseMs * 2 ** retry);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}
