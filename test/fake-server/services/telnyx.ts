// The fake Telnyx: GET /v2/balance with `Authorization: Bearer <API key>`, answering as
// https://developers.telnyx.com/api-reference/billing/get-user-balance-details documents it (amounts
// as decimal strings), errors as Telnyx's `{"errors": [{code, title, detail, meta}]}` with its codes
// (https://developers.telnyx.com/development/api-fundamentals/api-errors) and the x-ratelimit-*
// headers of https://developers.telnyx.com/development/api-fundamentals/reliability/rate-limiting.
// presets/README.md says what each page says and what is not confirmed.
import type { FakeResponse, FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, type WireNumber, wireBuilder } from '../wire';

const TELNYX_ROUTES = { balance: '/v2/balance' } as const;

/** GET /v2/balance: `data`, every amount a decimal string. */
export interface TelnyxBalance {
  readonly record_type: string;
  readonly balance: WireNumber;
  readonly credit_limit: WireNumber;
  readonly available_credit: WireNumber;
  readonly pending: WireNumber;
  readonly currency: string;
}

/** One error of Telnyx's `errors` list. */
export interface TelnyxError {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly meta?: { readonly url: string };
}

// ---------------------------------------------------------------------------------------------
// Builders

/** The documented example: $300.00 balance, $100.00 credit limit, $400.00 available, $10.00 pending. */
export const telnyxBalance = wireBuilder((): Wire<TelnyxBalance> => ({
  record_type: 'balance',
  pending: '10.00',
  balance: '300.00',
  credit_limit: '100.00',
  available_credit: '400.00',
  currency: 'USD',
}));

// ---------------------------------------------------------------------------------------------
// Scenarios

/** Telnyx's error code for an HTTP status (the API error catalogue). */
const TELNYX_CODES: Readonly<Record<number, string>> = {
  400: '10015',
  401: '10009',
  403: '10010',
  404: '10005',
  408: '10008',
  422: '10015',
  429: '10011',
  500: '10007',
};

/** What the rate-limit page says every answer carries. */
function rateLimitHeaders(remaining: number): Record<string, string> {
  return { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': '1' };
}

function telnyxError(status: number, title: string, detail: string): { errors: TelnyxError[] } {
  const code = TELNYX_CODES[status] ?? '10007';
  return { errors: [{ code, title, detail, meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` } }] };
}

const errors: ServiceErrors = {
  error: (status, title, detail, headers = {}) => ({
    status,
    json: telnyxError(status, title, detail),
    headers: status === 429 ? { ...rateLimitHeaders(0), ...headers } : headers,
  }),
  unauthorized: (detail = 'The required authentication headers were either invalid or not included in the request.') =>
    errors.error(401, 'Authentication failed', detail),
};

function telnyxAccount(balance: () => Wire<TelnyxBalance>): Scenario {
  return (request): FakeResponse =>
    request.path === TELNYX_ROUTES.balance
      ? { status: 200, json: { data: balance() }, headers: rateLimitHeaders(99) }
      : errors.error(404, 'Resource not found', 'The requested resource or URL could not be found.');
}

const telnyxNormal = telnyxAccount(() => telnyxBalance());

const TELNYX_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, telnyxNormal),
  normal: telnyxNormal,
  // Below the preset's threshold of 10 available: $4.20 left of a $0 credit limit.
  low: telnyxAccount(() => telnyxBalance({ balance: '4.20', credit_limit: '0.00', available_credit: '4.20', pending: '0.35' })),
  // In debt past the credit line: nothing left to spend.
  exhausted: telnyxAccount(() => telnyxBalance({ balance: '-25.00', credit_limit: '25.00', available_credit: '0.00', pending: '1.10' })),
  euro: telnyxAccount(() => telnyxBalance({ balance: '180.50', credit_limit: '50.00', available_credit: '230.50', currency: 'EUR' })),
  'missing-and-null-fields': telnyxAccount(() => ({ balance: '12.00', credit_limit: null, available_credit: null, currency: null })),
  // The only text fields are record_type (not read) and the currency, which stays well-formed so amounts load.
  'hostile-text': telnyxAccount(() => telnyxBalance({ record_type: HOSTILE_VALUES.unread })),
  // A 422 is quoted (401 and 403 never are): the detail carries the payloads.
  'hostile-error': () => errors.error(422, 'Unprocessable Entity', HOSTILE_ERROR_MESSAGE),
  // The low-balance demo account: $6.40 available.
  demo: telnyxAccount(() => telnyxBalance({ balance: '6.40', credit_limit: '0.00', available_credit: '6.40', pending: '0.85' })),
};

export const telnyx: FakeServiceModule<'telnyx'> = {
  id: 'telnyx',
  displayName: 'Telnyx',
  routes: Object.values(TELNYX_ROUTES),
  token: 'tx_test_key',
  scenarioTokenPrefix: 'tx_test_',
  scenarios: TELNYX_SCENARIOS,
  defaultScenario: 'normal',
  demoScenario: 'demo',
  ...errors,
};
