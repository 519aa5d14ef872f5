// How long to wait after a 429. Leadping usually says (Retry-After, seconds); Signeasy never does.
import { jitteredBackoffMs, type BackoffSteps } from './backoff';

/** Ceilings of 30 s, 1 min, 2 min … at most 10 min. */
const RATE_LIMIT_BACKOFF: BackoffSteps = { baseMs: 30_000, capMs: 10 * 60_000 };

/**
 * Wait before asking again after the `attempt`-th 429 in a row (from 1) that named no time.
 * `attempt` is read leniently: rounded down, at least 1, and the first when it is not finite.
 */
export function rateLimitBackoffMs(attempt: number, random: () => number): number {
  const retry = Number.isFinite(attempt) ? Math.min(Math.max(Math.floor(attempt), 1), 16) - 1 : 0;
  return jitteredBackoffMs(retry, RATE_LIMIT_BACKOFF, random);
}

/** Longer than any real rate-limit window: a bigger Retry-After (1e23 s) is read as this. */
export const MAX_RETRY_AFTER_MS = 7 * 86_400_000;

/** A Retry-After header (delta seconds or an HTTP-date) as ms from `now`, at most a week; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  // Only an HTTP-date (which names a weekday or month) counts; Date.parse would accept "12" or "-5".
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS) : undefined;
}
