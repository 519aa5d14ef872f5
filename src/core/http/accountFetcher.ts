// The only place that speaks HTTP. Adapters ask for paths and get JSON or a ServiceError back; this
// class applies the base URL and token, limits time and size, retries server errors a little,
// shares identical requests in flight, and makes sure no error it returns carries the token.
// Errors are data (a kind, a case, values): the UI words them in the person's language.
import fetch from 'node-fetch';
import { jitteredBackoffMs, type BackoffSteps } from './backoff';
import { checkBaseUrl } from './baseUrl';
import type { FetchResult, ServiceError, ServiceErrorKind } from '../model';
import { parseRetryAfterMs } from './retryAfter';
import { credentialFor, fillPath, type Credential } from './credentials';
import { describeErrorBody, looksLikeHtml, truncateQuote, withoutByteOrderMark } from './errorQuote';
import { redactSecrets } from './redact';
import { AUTOMATIC_REQUESTS_PER_MINUTE, RequestBudget } from './requestBudget';
import { REQUEST_TIMEOUT_SECONDS } from '../settingValues';
import type { JsonResponse, ServiceAdapter, ServiceHttp } from '../services/serviceAdapter';
import { normalizeToken, tokenFingerprint } from './token';

export interface RequestLogEntry {
  readonly serviceId: string;
  readonly method: 'GET';
  /** The path asked for, without its query string. */
  readonly path: string;
  readonly status?: number;
  readonly durationMs: number;
  readonly outcome: 'ok' | ServiceErrorKind;
}

export interface AccountFetcherOptions {
  readonly userAgent: string;
  /** Read before each request so that a settings change applies at once. Default: the requestTimeoutSeconds setting's. */
  readonly timeoutMs?: () => number;
  /** Default 1 MiB: an account summary is a few kilobytes. */
  readonly maxBodyBytes?: number;
  /** Extra attempts after a 5xx. Default 2. */
  readonly maxRetries?: number;
  /** Called once per HTTP attempt. Never given the token or the Authorization header. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface AccountConnection {
  readonly baseUrl: string;
  readonly token: string;
  /**
   * The origin the token was saved for. The fetcher sends the token nowhere else: a base URL on
   * another origin fails as 'originChanged' before any request.
   */
  readonly tokenOrigin: string;
}

export interface FetchOptions {
  /** Not asked for by a person (schedule, retry, start-up): counted against the per-account request budget. */
  readonly automatic?: boolean;
}

/** The setting's own default, so a fetcher built without the setting waits as long as one with it. */
const DEFAULT_TIMEOUT_MS = REQUEST_TIMEOUT_SECONDS.fallback * 1000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_RETRIES = 2;
/** Ceilings of 0.5 s, 1 s, 2 s …; no cap, since maxRetries already bounds the tries. */
const SERVER_RETRY_BACKOFF: BackoffSteps = { baseMs: 500 };

export class AccountFetcher {
  /** Requests under way, keyed by URL and the token's fingerprint: concurrent refreshes share them. */
  private readonly inFlight = new Map<string, Promise<JsonResponse>>();
  private readonly budget = new RequestBudget();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: AccountFetcherOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async fetch(adapter: ServiceAdapter, connection: AccountConnection, options: FetchOptions = {}): Promise<FetchResult> {
    const baseUrl = checkBaseUrl(connection.baseUrl);
    if (!baseUrl.ok) return { ok: false, error: { kind: 'invalidBaseUrl', baseUrlProblem: baseUrl.problem } };
    if (baseUrl.origin !== connection.tokenOrigin) {
      const tokenOrigin = safeOriginText(connection.tokenOrigin);
      return { ok: false, error: { kind: 'originChanged', origin: baseUrl.origin, ...(tokenOrigin === undefined ? {} : { tokenOrigin }) } };
    }
    const token = normalizeToken(connection.token);
    if (!token.ok) return { ok: false, error: { kind: 'unauthorized', reason: 'tokenUnusable', tokenProblem: token.problem } };
    const checked = credentialFor(adapter.auth, token.token);
    if (!checked.ok) return { ok: false, error: { kind: 'unauthorized', reason: 'tokenUnusable', tokenProblem: checked.problem } };
    const { credential } = checked;
    const secrets = [...credential.secrets, connection.token.trim()];
    const fingerprint = tokenFingerprint(token.token);
    let throttled: ServiceError | undefined;
    const budget = options.automatic
      ? () => {
          const waitMs = this.budget.take(`${adapter.id}\n${fingerprint}`, this.now());
          if (waitMs > 0) throttled ??= { kind: 'throttled', retryAfterMs: waitMs, requestsPerMinute: AUTOMATIC_REQUESTS_PER_MINUTE };
          return throttled;
        }
      : undefined;
    let result: FetchResult;
    try {
      result = await adapter.fetchSnapshot(this.bind(adapter, baseUrl.url, credential, fingerprint, budget), this.now());
    } catch (error) {
      // Adapters are written not to throw; this keeps a bug in one from breaking the panel.
      result = { ok: false, error: { kind: 'unexpected', reason: 'unreadable', ...describeThrown(error) } };
    }
    // One request held back means the snapshot would be half-built: none is shown.
    if (throttled) return { ok: false, error: throttled };
    if (result.ok) return result;
    return { ok: false, error: redactTexts(result.error, secrets) };
  }

  /**
   * HTTP bound to one account. `budget`, for automatic fetches, is asked before each request
   * leaves and answers the error to return instead when the account's budget is spent.
   */
  private bind(
    adapter: ServiceAdapter,
    baseUrl: string,
    credential: Credential,
    fingerprint: string,
    budget?: () => ServiceError | undefined,
  ): ServiceHttp {
    return {
      // The path as the adapter wrote it (`{user}` unfilled) is what the log and errors show.
      getJson: (pathAndQuery) => {
        const filled = fillPath(pathAndQuery, credential);
        const url = `${baseUrl}${filled.startsWith('/') ? '' : '/'}${filled}`;
        const key = `${url}\n${fingerprint}`;
        const shared = this.inFlight.get(key);
        if (shared) return shared;
        const request = this.getWithRetries(adapter, url, pathAndQuery, credential, budget).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, request);
        return request;
      },
    };
  }

  private async getWithRetries(
    adapter: ServiceAdapter,
    url: string,
    pathAndQuery: string,
    credential: Credential,
    budget: (() => ServiceError | undefined) | undefined,
  ): Promise<JsonResponse> {
    const maxRetries = Math.max(0, this.options.maxRetries ?? DEFAULT_MAX_RETRIES);
    for (let attempt = 0; ; attempt++) {
      // Every attempt, retries included, is a request the budget counts.
      const heldBack = budget?.();
      if (heldBack) return { ok: false, error: heldBack };
      const result = await this.attempt(adapter, url, pathAndQuery, credential);
      if (result.ok || result.error.kind !== 'server') return result;
      if (attempt >= maxRetries) return { ok: false, error: { ...result.error, attempts: attempt + 1 } };
      await this.sleep(jitteredBackoffMs(attempt, SERVER_RETRY_BACKOFF, this.random));
    }
  }

  private async attempt(adapter: ServiceAdapter, url: string, pathAndQuery: string, credential: Credential): Promise<JsonResponse> {
    const started = this.now();
    const result = await this.request(url, pathAndQuery, credential);
    this.log({
      serviceId: adapter.id,
      method: 'GET',
      path: pathWithoutQuery(pathAndQuery),
      status: result.ok ? result.status : result.error.status,
      durationMs: Math.max(0, this.now() - started),
      outcome: result.ok ? 'ok' : result.error.kind,
    });
    return result;
  }

  private log(entry: RequestLogEntry): void {
    try {
      this.options.onRequest?.(entry);
    } catch {
      // A broken logger must not break a refresh.
    }
  }

  private async request(url: string, pathAndQuery: string, credential: Credential): Promise<JsonResponse> {
    const timeoutMs = readTimeout(this.options.timeoutMs);
    const maxBodyBytes = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const fail: Fail = (kind, values) => ({ ok: false, error: redactTexts({ kind, ...values }, credential.secrets) });
    try {
      const response = await fetch(url, {
        method: 'GET',
        headers: { ...credential.headers, Accept: 'application/json', 'User-Agent': this.options.userAgent },
        signal: controller.signal,
        // A redirect could carry the token somewhere unchecked (another host, plain http).
        redirect: 'manual',
        compress: true,
      });
      const tooLarge = () => fail('unexpected', { reason: 'tooLarge', maxBytes: maxBodyBytes, status: response.status });
      const declaredLength = Number(response.headers.get('content-length') ?? '');
      if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
        controller.abort();
        return tooLarge();
      }
      const chunks: Buffer[] = [];
      let received = 0;
      for await (const chunk of response.body ?? []) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        received += bytes.length;
        if (received > maxBodyBytes) {
          controller.abort();
          return tooLarge();
        }
        chunks.push(bytes);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const contentType = response.headers.get('content-type') ?? '';
      if (response.status >= 200 && response.status < 300) {
        return parseSuccess(response.status, text, contentType, fail);
      }
      const detail = describeErrorBody(text, contentType, credential.secrets);
      return describeStatus({
        path: pathWithoutQuery(pathAndQuery),
        status: response.status,
        detail,
        retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), this.now()),
        location: response.headers.get('location'),
        fail,
      });
    } catch (error) {
      if (timedOut) return fail('timeout', { timeoutMs });
      return fail('network', describeNetworkError(url, error));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An origin from secret storage, passed on only when it looks like one (it is never a token, but be sure). */
function safeOriginText(origin: string): string | undefined {
  return /^https?:\/\/[a-z0-9.[\]:-]+$/i.test(origin) ? origin : undefined;
}

/**
 * The error with every piece of text in it (the service's words, hosts, paths, nested problems)
 * redacted: the one exit through which the core's errors leave it.
 */
function redactTexts<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, redactTexts(field, secrets)])) as T;
}

type ErrorValues = Omit<ServiceError, 'kind'>;
type Fail = (kind: ServiceErrorKind, values: ErrorValues) => JsonResponse;

function parseSuccess(status: number, text: string, contentType: string, fail: Fail): JsonResponse {
  if (looksLikeHtml(text, contentType)) return fail('unexpected', { reason: 'webPage', status });
  try {
    return { ok: true, status, body: JSON.parse(withoutByteOrderMark(text)) as unknown };
  } catch {
    return fail('unexpected', { reason: text.trim() === '' ? 'emptyBody' : 'invalidJson', status });
  }
}

interface StatusContext {
  readonly path: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly location: string | null;
  readonly fail: Fail;
}

function describeStatus({ path, status, detail, retryAfterMs, location, fail }: StatusContext): JsonResponse {
  const quoted = detail === undefined ? {} : { detail };
  // A refusal is never quoted: its body is where services echo the credential they refused.
  if (status === 401) return fail('unauthorized', { reason: 'tokenRejected', status });
  if (status === 403) return fail('unauthorized', { reason: 'tokenForbidden', path, status });
  if (status === 404) return fail('notFound', { path, status, ...quoted });
  if (status === 429) return fail('rateLimited', { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...quoted });
  if (status >= 500) return fail('server', { status, ...quoted });
  if (status >= 300 && status < 400) {
    const target = location ? safeOrigin(location) : undefined;
    return fail('unexpected', { reason: 'redirected', path, status, ...(target === undefined ? {} : { origin: target }) });
  }
  return fail('unexpected', { reason: 'unexpectedStatus', path, status, ...quoted });
}

function describeNetworkError(url: string, error: unknown): ErrorValues {
  const code = errorCode(error);
  const host = safeHost(url);
  const where = { ...(host === undefined ? {} : { host }), ...(code === undefined ? {} : { code }) };
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: 'connectionRefused', ...where };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { reason: 'hostNotFound', ...where };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return { reason: 'connectionCut', ...where };
    default:
      if (error instanceof Error && /premature close|aborted|socket hang up/i.test(error.message))
        return { reason: 'connectionCut', ...where };
      return { reason: 'unreachable', ...where };
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const record = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (typeof record.errno === 'string') return record.errno;
    current = record.cause;
  }
  return undefined;
}

/** What a bug's exception said, bounded; nothing for a thrown non-Error, which could be any object. */
function describeThrown(error: unknown): ErrorValues {
  return error instanceof Error && error.message.trim() !== '' ? { detail: truncateQuote(error.message.trim()) } : {};
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function safeOrigin(location: string): string | undefined {
  try {
    return new URL(location).origin;
  } catch {
    return undefined;
  }
}

/** Logs and messages name the path only: a query string could carry something secret. */
function pathWithoutQuery(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0] ?? pathAndQuery;
}

function readTimeout(timeoutMs: (() => number) | undefined): number {
  const value = timeoutMs?.();
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}
