// The one interface a service adapter implements. A third service is one new file in
// src/core/services/ that exports a ServiceAdapter, plus its line in the registry.
import type { FetchResult, ServiceError } from '../model';

/** The answer to one GET: parsed JSON, or an error a person can read. */
export type JsonResponse =
  { readonly ok: true; readonly status: number; readonly body: unknown } | { readonly ok: false; readonly error: ServiceError };

/**
 * HTTP bound to one account (base URL and token already applied).
 * Adapters never see the token: they ask for paths and get JSON back.
 */
export interface ServiceHttp {
  getJson(pathAndQuery: string): Promise<JsonResponse>;
}

export type ServiceAuth = { readonly type: 'bearer' } | { readonly type: 'header'; readonly header: string } | { readonly type: 'basic' };

export interface ServiceAdapter {
  /** Stable id used in settings keys, secret keys and counter ids: 'leadping', 'signeasy'. */
  readonly id: string;
  readonly displayName: string;
  /** Two-letter mark used in the status bar, e.g. 'LP'. */
  readonly shortMark: string;
  readonly defaultBaseUrl: string;
  /**
   * Below this value of the headline counter (in its own unit) the account is low on credit,
   * unless the person set their own threshold in `accountGlance.lowCredit`.
   */
  readonly defaultLowCreditThreshold: number;
  /** The service's web app, opened by "Open Dashboard". */
  readonly dashboardUrl: string;
  /** Where a person creates an API token. */
  readonly tokenHelpUrl: string;
  /**
   * How the secret travels. Absent: `Authorization: Bearer <token>`. 'basic': the secret is
   * `user:password` and a request path may hold `{user}`, which the HTTP layer fills in.
   */
  readonly auth?: ServiceAuth;
  /**
   * A preset nobody asked for: offered wherever a service is chosen, but shown in the panel only
   * once one of its accounts is signed in (the built-ins and a person's own definitions always show).
   */
  readonly offeredOnly?: boolean;
  /** Fetches everything the panel shows. `now` is epoch ms, injected for tests. */
  fetchSnapshot(http: ServiceHttp, now: number): Promise<FetchResult>;
}

/**
 * The adapter with this id among `adapters`, or undefined. The one lookup: ids arrive from
 * settings, secret-storage keys and command arguments, so any of them may name no adapter.
 */
export function findAdapter(adapters: readonly ServiceAdapter[], id: string | undefined): ServiceAdapter | undefined {
  return adapters.find((adapter) => adapter.id === id);
}
