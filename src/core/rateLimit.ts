// How long to wait after a 429. Leadping usually says (Retry-After, seconds); Signeasy never does.

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 10 * 60_000;

/**
 * Wait before asking again after the `attempt`-th 429 in a row (from 1) that named no time:
 * exponential, capped, with jitter over the upper half so that windows sharing a token spread out.
 */
export function rateLimitBackoffMs(attempt: number, random: () => number): number {
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(Math.floor(attempt), 1), 16) - 1 : 0;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
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

/** A wait as a person says it: "30 seconds", "5 minutes", "2 hours", "more than a day". */
export function formatWait(ms: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (!Number.isFinite(ms) || ms > 36 * 3_600_000) return 'more than a day';
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 90) return plural(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return plural(minutes, 'minute');
  return plural(Math.round(minutes / 60), 'hour');
}
