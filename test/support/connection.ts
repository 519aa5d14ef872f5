// A connection whose token was saved for the base URL's own origin: what a signed-in account has.
import { originOf } from '../../src/core/http/baseUrl';
import type { AccountConnection } from '../../src/core/http/accountFetcher';

export function connectionTo(baseUrl: string, token: string): AccountConnection {
  return { baseUrl, token, tokenOrigin: originOf(baseUrl) ?? 'https://refused.invalid' };
}
