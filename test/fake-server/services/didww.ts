// The fake DIDWW (API v3, versions up to 2026-04-16): GET /v3/balance with an `Api-Key` header
// (no Bearer prefix), answering the JSON:API balance object of
// https://doc.didww.com/api3/2026-04-16/inventory-resources/balance/get-balance.md (amounts as
// decimal strings; no currency: DIDWW charges in USD); errors as JSON:API error objects
// (https://doc.didww.com/api3/specification/errors/index.html). presets/README.md says what each page
// says and what is not confirmed (the exact 401 body, and version 2026-11-19's bearer tokens).
import type { CredentialRequest, FakeResponse, FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, type WireNumber, wireBuilder } from '../wire';

const DIDWW_ROUTES = { balance: '/v3/balance' } as const;
const JSON_API = 'application/vnd.api+json';

/** The balance object's attributes: strings. */
export interface DidwwBalanceAttributes {
  readonly balance: WireNumber;
  readonly credit: WireNumber;
  readonly total_balance: WireNumber;
}

/** GET /v3/balance: one JSON:API resource, and the account's API version in `meta`. */
export interface DidwwBalanceDocument {
  readonly data: Wire<{ readonly id: string; readonly type: string; readonly attributes: Wire<DidwwBalanceAttributes> }>;
  readonly meta: Wire<{ readonly api_version: string }>;
}

/** One JSON:API error object as DIDWW writes them. */
export interface DidwwError {
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly status: string;
}

// ---------------------------------------------------------------------------------------------
// Builders

/** The documented example: $50.00 prepaid, $10.00 credit, $60.00 in all. */
export const didwwBalance = wireBuilder((): Wire<DidwwBalanceAttributes> => ({
  balance: '50.00',
  credit: '10.00',
  total_balance: '60.00',
}));

function didwwDocument(attributes: Wire<DidwwBalanceAttributes>, id = '94441ce5-86fa-47bd-8ce7-b5e267d0603a'): DidwwBalanceDocument {
  return { data: { id, type: 'balances', attributes }, meta: { api_version: '2026-04-16' } };
}

// ---------------------------------------------------------------------------------------------
// Credentials

/** The `Api-Key` header as sent: DIDWW takes the key alone, so a `Bearer ` prefix makes it another (refused) key. */
function apiKey(request: CredentialRequest): string | undefined {
  const value = request.header('api-key')?.trim();
  return value === undefined || value === '' ? undefined : value;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const errors: ServiceErrors = {
  error: (status, title, detail, headers = {}): FakeResponse => ({
    status,
    json: { errors: [{ title, detail, code: String(status), status: String(status) } satisfies DidwwError] },
    contentType: JSON_API,
    headers,
  }),
  unauthorized: (detail = 'The API key is missing or not valid.') => errors.error(401, 'Unauthorized', detail),
};

function didwwAccount(document: () => DidwwBalanceDocument): Scenario {
  return (request) =>
    request.path === DIDWW_ROUTES.balance
      ? { status: 200, json: document(), contentType: JSON_API }
      : errors.error(404, 'Record not found', `The record identified by ${request.path} could not be found.`);
}

const didwwNormal = didwwAccount(() => didwwDocument(didwwBalance()));

const DIDWW_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, didwwNormal),
  normal: didwwNormal,
  // DIDWW's 429 of version 2026-11-19 (too_many_requests, Retry-After in seconds).
  '429-too-many-requests': () =>
    errors.error(429, 'too_many_requests', 'The request budget of the account for the current window is spent.', { 'Retry-After': '1' }),
  low: didwwAccount(() => didwwDocument(didwwBalance({ balance: '4.10', credit: '0.00', total_balance: '4.10' }))),
  'on-credit': didwwAccount(() => didwwDocument(didwwBalance({ balance: '-6.00', credit: '25.00', total_balance: '19.00' }))),
  exhausted: didwwAccount(() => didwwDocument(didwwBalance({ balance: '0.00', credit: '0.00', total_balance: '0.00' }))),
  'missing-and-null-fields': didwwAccount(() => ({
    data: { id: null, type: 'balances', attributes: { balance: '8.00', credit: null } },
    meta: {},
  })),
  // The text fields (id, type, api_version) carry the payloads; the amounts stay well-formed.
  'hostile-text': didwwAccount(() => ({
    data: { id: HOSTILE_VALUES.userId, type: HOSTILE_VALUES.unread, attributes: didwwBalance() },
    meta: { api_version: HOSTILE_VALUES.unread },
  })),
  // A 400 is quoted (401 and 403 never are): the detail carries the payloads.
  'hostile-error': () => errors.error(400, 'Param not allowed', HOSTILE_ERROR_MESSAGE),
  // The low-balance demo account: $7.35 in all, under the preset's $10.
  demo: didwwAccount(() => didwwDocument(didwwBalance({ balance: '2.35', credit: '5.00', total_balance: '7.35' }))),
};

export const didww: FakeServiceModule<'didww'> = {
  id: 'didww',
  displayName: 'DIDWW',
  routes: Object.values(DIDWW_ROUTES),
  credential: apiKey,
  token: 'dw_test_key',
  scenarioTokenPrefix: 'dw_test_',
  scenarios: DIDWW_SCENARIOS,
  defaultScenario: 'normal',
  demoScenario: 'demo',
  ...errors,
};
