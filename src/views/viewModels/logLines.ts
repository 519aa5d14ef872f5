// What the log says about requests and failures: one line each, in English (the log is for
// support, not translated), never a header, a query string or a token. Pure: tested in plain Node.
import type { RequestLogEntry } from '../../core/http/accountFetcher';
import type { ServiceError } from '../../core/model';
import { describeError } from './errorWording';
import { logText } from './surfaceText';

/** "leadping: GET /users/me → 200 in 52 ms", and whether it is a warning (any outcome but ok). */
export function requestLogLine(entry: RequestLogEntry): { readonly line: string; readonly warning: boolean } {
  const line = `${entry.serviceId}: ${entry.method} ${entry.path} → ${entry.status ?? entry.outcome} in ${Math.round(entry.durationMs)} ms`;
  return { line: logText(line), warning: entry.outcome !== 'ok' };
}

/** "leadping~1a2b3c4d: Leadping did not answer within 15 seconds." */
export function failureLogLine(accountKey: string, error: ServiceError, serviceName: string, locale: string | undefined): string {
  return logText(`${accountKey}: ${describeError(error, serviceName, locale)}`);
}
