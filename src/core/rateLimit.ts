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

/** A Retry-After header (delta seconds or an HTTP-date) as ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only an HTTP-date (which names a weekday or month) counts; Date.parse would accept "12" or "-5".
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
