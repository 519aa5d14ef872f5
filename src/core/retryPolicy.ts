// When a failed service is asked again without anyone clicking: what the service asked for after
// a 429, a shorter backoff after a passing fault, and never for a fault only a person can fix.
import type { ServiceError } from './model';
import { rateLimitBackoffMs } from './rateLimit';

/** Delay before the next automatic try after the `attempt`-th failure in a row, or undefined for "wait for a person". */
export function retryDelayMs(error: ServiceError, attempt: number, random: () => number): number | undefined {
  switch (error.kind) {
    case 'rateLimited':
      return error.retryAfterMs ?? rateLimitBackoffMs(attempt, random);
    case 'network':
    case 'timeout':
    case 'server':
    case 'unexpected':
      // Half the rate-limit backoff: 15 s, 30 s, 1 min … capped at 5 min, with the same jitter.
      return Math.round(rateLimitBackoffMs(attempt, random) / 2);
    case 'unauthorized':
    case 'notFound':
    case 'invalidBaseUrl':
      return undefined;
  }
}
