// When a failed service is asked again without anyone clicking: what the service asked for after
// a 429, a shorter backoff after a passing fault, and never for a fault only a person can fix.
import type { ServiceError } from '../model';
import { rateLimitBackoffMs } from '../http/retryAfter';

/** No automatic retry waits longer than this, whatever a server asked: the panel must recover within the hour. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * Delay before the next automatic try after the `attempt`-th failure in a row, or undefined for
 * "wait for a person". A server's Retry-After is honoured between a floor (the normal backoff, so
 * `0` or a date in the past cannot make a loop) and a ceiling (an hour).
 */
export function retryDelayMs(error: ServiceError, attempt: number, random: () => number): number | undefined {
  const backoff = rateLimitBackoffMs(attempt, random);
  switch (error.kind) {
    case 'rateLimited':
      return clamp(error.retryAfterMs ?? backoff, backoff, MAX_RETRY_DELAY_MS);
    case 'throttled':
      // Our own request budget is full: ask again when it frees, not sooner.
      return clamp(error.retryAfterMs ?? backoff, 1_000, MAX_RETRY_DELAY_MS);
    case 'network':
    case 'timeout':
    case 'server':
    case 'unexpected':
      // Half the rate-limit backoff: 15 s, 30 s, 1 min … capped at 5 min, with the same jitter.
      return Math.round(backoff / 2);
    case 'unauthorized':
    case 'notFound':
    case 'invalidBaseUrl':
    case 'originChanged':
    case 'secretStorage':
      return undefined;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
