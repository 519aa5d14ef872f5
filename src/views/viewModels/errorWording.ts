// The one place where a failure becomes words: a ServiceError, a refused token or a refused base
// URL. The core hands over kinds and values only; here they become sentences in the person's
// language (l10n.t reads the bundle VS Code loaded) with numbers and waits in their locale. The
// service's own words (`detail`) are quoted as they came: already redacted, never translated.
// No `vscode` import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { BaseUrlProblem } from '../../core/http/baseUrl';
import type { TokenProblem } from '../../core/http/token';
import type { ServiceError, ServiceErrorKind } from '../../core/model';
import { formatCount } from './format';
import { pluralMessage } from './pluralForms';
import { numberFormat } from './intlFormats';

/** A wait of more than this is "more than a day": a huge Retry-After must not read "1e+23 seconds". */
const LONGEST_WAIT_SPELLED_OUT_MS = 36 * 3_600_000;

/** A short title per error kind, for a tree row: the sentence itself follows as the description. */
export function errorTitle(kind: ServiceErrorKind): string {
  switch (kind) {
    case 'unauthorized':
      return l10n.t('Token rejected');
    case 'notFound':
      return l10n.t('Not found');
    case 'rateLimited':
      return l10n.t('Rate limited');
    case 'server':
      return l10n.t('Server error');
    case 'network':
      return l10n.t('Connection failed');
    case 'timeout':
      return l10n.t('Timed out');
    case 'unexpected':
      return l10n.t('Unexpected answer');
    case 'invalidBaseUrl':
      return l10n.t('Base URL refused');
    case 'originChanged':
      return l10n.t('Base URL changed');
    case 'secretStorage':
      return l10n.t('Secret storage unavailable');
    case 'throttled':
      return l10n.t('Automatic refresh paused');
  }
}

/**
 * What went wrong with `serviceName`, and what to do about it: one or more whole sentences. A
 * value the sentence needs that the error lacks (data from a test or an older release) picks a
 * plainer sentence, never "undefined".
 */
export function describeError(error: ServiceError, serviceName: string, locale?: string): string {
  return joinSentences(errorSentences(error, serviceName, locale));
}

function errorSentences(error: ServiceError, service: string, locale: string | undefined): (string | undefined)[] {
  const { path, status, origin } = error;
  switch (error.kind) {
    case 'unauthorized':
      return [unauthorizedSentence(error, service, locale), scopeHint(error, service)];
    case 'notFound':
      return [
        path === undefined
          ? l10n.t('{service} has nothing at the address asked for. Check the base URL setting.', { service })
          : l10n.t('{service} has nothing at {path} (HTTP 404). Check the base URL setting.', { service, path }),
        serviceSaid(error, service),
      ];
    case 'rateLimited':
      return [
        l10n.t('{service} is limiting how often it may be asked (HTTP 429).', { service }),
        error.hint === 'retryAfterAMinute' ? undefined : askedWait(error.retryAfterMs, locale),
        serviceSaid(error, service),
        error.hint === 'retryAfterAMinute' ? l10n.t('{service} asks to retry after a minute.', { service }) : undefined,
      ];
    case 'server':
      return [
        status === undefined
          ? l10n.t('{service} had a server error.', { service })
          : l10n.t('{service} had a server error (HTTP {status}).', { service, status }),
        serviceSaid(error, service),
        error.attempts !== undefined && error.attempts > 1 ? triedTimes(error.attempts, locale) : undefined,
      ];
    case 'network':
      return [networkSentence(error, service)];
    case 'timeout': {
      const wait = error.timeoutMs === undefined ? undefined : formatWait(error.timeoutMs, locale);
      return [
        wait === undefined
          ? l10n.t('{service} did not answer in time.', { service })
          : l10n.t('{service} did not answer within {wait}.', { service, wait }),
      ];
    }
    case 'unexpected':
      return [unexpectedSentence(error, service, locale), error.reason === 'unexpectedStatus' ? serviceSaid(error, service) : undefined];
    case 'invalidBaseUrl':
      return [
        error.baseUrlProblem === undefined
          ? l10n.t('The {service} base URL setting is refused.', { service })
          : l10n.t('{service}: {reason}', { service, reason: describeBaseUrlProblem(error.baseUrlProblem) }),
      ];
    case 'originChanged':
      if (origin === undefined) {
        return [
          l10n.t('Confirm the new address or set a new token: the {service} base URL setting changed, so nothing was sent.', { service }),
        ];
      }
      return [
        error.tokenOrigin === undefined
          ? l10n.t(
              'Confirm the new address or set a new token: the {service} token was saved for another address, but the base URL setting now points to {origin}, so nothing was sent.',
              { service, origin },
            )
          : l10n.t(
              'Confirm the new address or set a new token: the {service} token was saved for {tokenOrigin}, but the base URL setting now points to {origin}, so nothing was sent.',
              { service, tokenOrigin: error.tokenOrigin, origin },
            ),
      ];
    case 'secretStorage':
      return [
        l10n.t(
          "Could not read the {service} token from VS Code's secret storage (the system keyring may be locked or missing). See Troubleshooting in the Account Glance README.",
          { service },
        ),
      ];
    case 'throttled': {
      const wait = error.retryAfterMs === undefined ? undefined : formatWait(error.retryAfterMs, locale);
      if (wait === undefined || error.requestsPerMinute === undefined) {
        return [l10n.t('Account Glance paused automatic refreshes of {service}. Refresh by hand to ask now.', { service })];
      }
      return [
        l10n.t(
          'Account Glance paused automatic refreshes of {service} for {wait}: it never asks one account more than {limit} times a minute on its own. Refresh by hand to ask now.',
          { service, wait, limit: formatCount(error.requestsPerMinute, locale) },
        ),
      ];
    }
  }
}

function unauthorizedSentence(error: ServiceError, service: string, locale: string | undefined): string {
  switch (error.reason) {
    case 'tokenForbidden':
      return error.path === undefined
        ? l10n.t('The {service} token was rejected or has expired (HTTP 403).', { service })
        : l10n.t('The {service} token was rejected or has expired, or it may not read {path} (HTTP 403).', { service, path: error.path });
    case 'tokenUnusable':
      return joinSentences([
        l10n.t('The saved {service} token cannot be sent.', { service }),
        error.tokenProblem === undefined ? undefined : describeTokenProblem(error.tokenProblem, locale),
      ]);
    default:
      return error.status === 401 || error.reason === 'tokenRejected'
        ? l10n.t('The {service} token was rejected or has expired (HTTP 401). Set a new token.', { service })
        : l10n.t('The {service} token was rejected or has expired. Set a new token.', { service });
  }
}

function scopeHint(error: ServiceError, service: string): string | undefined {
  return error.hint === 'scopeMayBeMissing'
    ? l10n.t('{service} also answers 401 when the token lacks a scope this call needs (missing scope).', { service })
    : undefined;
}

function networkSentence(error: ServiceError, service: string): string {
  const { host, code } = error;
  if (error.reason === 'connectionCut') {
    return l10n.t('The connection to {service} was cut off before the answer arrived. Try again.', { service });
  }
  if (host === undefined) return l10n.t('Could not reach {service}. Check your network connection or proxy.', { service });
  switch (error.reason) {
    case 'connectionRefused':
      return l10n.t(
        'Could not connect to {service} at {host}: the connection was refused. Check the base URL and that the service is up.',
        { service, host },
      );
    case 'hostNotFound':
      return l10n.t('Could not find {host}. Check the base URL and your internet connection.', { host });
    default:
      return code === undefined
        ? l10n.t('Could not reach {service} at {host}. Check your network connection or proxy.', { service, host })
        : l10n.t('Could not reach {service} at {host} ({code}). Check your network connection or proxy.', { service, host, code });
  }
}

function unexpectedSentence(error: ServiceError, service: string, locale: string | undefined): string {
  const { path, status } = error;
  switch (error.reason) {
    case 'tooLarge':
      if (error.maxBytes === undefined) break;
      return l10n.t('{service} sent an answer too large to be an account summary (over {size}), so it was not read.', {
        service,
        size: formatBytes(error.maxBytes, locale),
      });
    case 'webPage':
      return l10n.t(
        '{service} answered with a web page instead of data. A proxy, a captive portal or a wrong base URL is the usual cause.',
        { service },
      );
    case 'invalidJson':
      return l10n.t('{service} sent an answer that is not valid JSON.', { service });
    case 'emptyBody':
      return l10n.t('{service} sent an answer that is not valid JSON (it was empty).', { service });
    case 'unexpectedShape':
      if (path === undefined) break;
      return l10n.t('{service} answered {path} with data in an unexpected shape (not a JSON object).', { service, path });
    case 'redirected':
      if (path === undefined || status === undefined) break;
      return error.origin === undefined
        ? l10n.t('{service} redirected {path} (HTTP {status}); the token is not followed there. Check the base URL setting.', {
            service,
            path,
            status,
          })
        : l10n.t('{service} redirected {path} (HTTP {status}) to {origin}; the token is not followed there. Check the base URL setting.', {
            service,
            path,
            status,
            origin: error.origin,
          });
    case 'unexpectedStatus':
      if (path === undefined || status === undefined) break;
      return l10n.t('{service} answered {path} with HTTP {status}, which Account Glance does not expect.', { service, path, status });
    case 'unreadable':
      return error.detail === undefined
        ? l10n.t('{service} sent an answer Account Glance could not read.', { service })
        : l10n.t('{service} sent an answer Account Glance could not read ({detail}).', { service, detail: error.detail });
    case 'refreshFailed':
      return l10n.t('{service} refresh failed unexpectedly; see the log.', { service });
  }
  return l10n.t('{service} sent an answer Account Glance did not expect.', { service });
}

/** The service's own words, quoted; a quote that ends a sentence keeps its own full stop. */
function serviceSaid(error: ServiceError, service: string): string | undefined {
  const detail = error.detail;
  if (detail === undefined || detail === '') return undefined;
  return /[.!?…]$/.test(detail)
    ? l10n.t('{service} said: "{detail}"', { service, detail })
    : l10n.t('{service} said: "{detail}".', { service, detail });
}

function askedWait(retryAfterMs: number | undefined, locale: string | undefined): string | undefined {
  if (retryAfterMs === undefined) return undefined;
  const wait = formatWait(retryAfterMs, locale);
  return wait === undefined ? l10n.t('It asks to wait more than a day.') : l10n.t('It asks to wait {wait}.', { wait });
}

/** Why a pasted token is refused, and what to do. Never quotes the token: only its length, for one too short. */
export function describeTokenProblem(problem: TokenProblem, locale?: string): string {
  switch (problem.reason) {
    case 'empty':
      return l10n.t('The token is empty. Paste the API token from your account settings.');
    case 'tooLong':
      return tokenLongerThan(problem.maxLength, locale);
    case 'onlyBearer':
      return l10n.t('Only the word "Bearer" was pasted. Paste the token that follows it.');
    case 'whitespace':
      return l10n.t('The token contains spaces or line breaks. Paste it as one unbroken line.');
    case 'notHeaderSafe':
      return l10n.t(
        'The token contains invisible or non-ASCII characters (such as smart quotes or control characters), which cannot be sent in an HTTP header. Copy it again from the source.',
      );
    case 'notUserAndSecret':
      return l10n.t(
        'This service signs in with a user name and a secret: paste both as one line, user:secret (for Twilio, the account SID, a colon, then the auth token).',
      );
    case 'tooShort':
      return tokenOnly(problem.length, locale);
  }
}

function triedTimes(attempts: number, locale: string | undefined): string {
  const args = { count: formatCount(attempts, locale) };
  return pluralMessage(attempts, locale, {
    one: () => l10n.t({ message: 'Tried {count} time.', comment: 'plural: one', args }),
    few: () => l10n.t({ message: 'Tried {count} times.', comment: 'plural: few', args }),
    many: () => l10n.t({ message: 'Tried {count} times.', comment: 'plural: many', args }),
    other: () => l10n.t({ message: 'Tried {count} times.', comment: 'plural: other', args }),
  });
}

function tokenLongerThan(maxLength: number, locale: string | undefined): string {
  const args = { count: formatCount(maxLength, locale) };
  return pluralMessage(maxLength, locale, {
    one: () =>
      l10n.t({
        message: 'The token is longer than {count} character, which no API token is. Check what was pasted.',
        comment: 'plural: one',
        args: args,
      }),
    few: () =>
      l10n.t({
        message: 'The token is longer than {count} characters, which no API token is. Check what was pasted.',
        comment: 'plural: few',
        args: args,
      }),
    many: () =>
      l10n.t({
        message: 'The token is longer than {count} characters, which no API token is. Check what was pasted.',
        comment: 'plural: many',
        args: args,
      }),
    other: () =>
      l10n.t({
        message: 'The token is longer than {count} characters, which no API token is. Check what was pasted.',
        comment: 'plural: other',
        args: args,
      }),
  });
}

function tokenOnly(length: number, locale: string | undefined): string {
  const args = { count: formatCount(length, locale) };
  return pluralMessage(length, locale, {
    one: () =>
      l10n.t({
        message: 'The token is only {count} character long; API tokens are much longer. Paste the whole token.',
        comment: 'plural: one',
        args: args,
      }),
    few: () =>
      l10n.t({
        message: 'The token is only {count} characters long; API tokens are much longer. Paste the whole token.',
        comment: 'plural: few',
        args: args,
      }),
    many: () =>
      l10n.t({
        message: 'The token is only {count} characters long; API tokens are much longer. Paste the whole token.',
        comment: 'plural: many',
        args: args,
      }),
    other: () =>
      l10n.t({
        message: 'The token is only {count} characters long; API tokens are much longer. Paste the whole token.',
        comment: 'plural: other',
        args: args,
      }),
  });
}

/** Why a base URL is refused, and what to use instead. Never quotes the setting: a token may have been pasted there. */
export function describeBaseUrlProblem(problem: BaseUrlProblem): string {
  switch (problem.reason) {
    case 'empty':
      return l10n.t('The base URL is empty. Use the service address, e.g. https://api.example.com.');
    case 'notUrl':
      return l10n.t('The base URL is not a valid URL. Use a full address such as https://api.example.com.');
    case 'hasCredentials':
      return l10n.t('The base URL must not contain a user name or password.');
    case 'hasQueryOrFragment':
      return l10n.t('The base URL must not contain a query (?…) or fragment (#…).');
    case 'notHttps':
      return l10n.t('The base URL must start with https://.');
    case 'plainHttp':
      return l10n.t(
        'The base URL {origin} uses http, which would send your token unencrypted. Use https (plain http is only allowed for localhost, 127.x.x.x and [::1]).',
        { origin: problem.origin },
      );
  }
}

/**
 * A wait as a person says it, in their locale ("30 seconds", "5 minutes", "2 hours"), or
 * undefined beyond a day and a half: the sentence then says "more than a day".
 */
export function formatWait(ms: number, locale?: string): string | undefined {
  if (!Number.isFinite(ms) || ms > LONGEST_WAIT_SPELLED_OUT_MS) return undefined;
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.round(seconds / 60);
  const [amount, unit] = seconds < 90 ? [seconds, 'second'] : minutes < 90 ? [minutes, 'minute'] : [Math.round(minutes / 60), 'hour'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** A size limit: whole mebibytes where it is some, else kibibytes rounded up. */
function formatBytes(bytes: number, locale: string | undefined): string {
  const mebibyte = 1024 * 1024;
  return bytes >= mebibyte && bytes % mebibyte === 0
    ? l10n.t('{count} MiB', { count: formatCount(bytes / mebibyte, locale) })
    : l10n.t('{count} KiB', { count: formatCount(Math.ceil(bytes / 1024), locale) });
}

/** Whole sentences, each translated on its own, one after another. */
function joinSentences(sentences: readonly (string | undefined)[]): string {
  return sentences.filter((sentence): sentence is string => sentence !== undefined && sentence !== '').join(' ');
}
