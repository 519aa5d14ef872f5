// The fake OpenRouter: GET /api/v1/credits with `Authorization: Bearer <management key>`, answering
// `{"data": {"total_credits": …, "total_usage": …}}` (numbers, US dollars) as
// https://openrouter.ai/docs/api/api-reference/credits/get-credits documents it; errors as
// `{"error": {"code": <status>, "message": …}}` (https://openrouter.ai/docs/api/reference/errors-and-debugging).
// presets/README.md says what each page says and what is not confirmed.
import type { FakeResponse, FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, type WireNumber, wireBuilder, withExtraKeys } from '../wire';

const OPENROUTER_ROUTES = { credits: '/api/v1/credits' } as const;

/** GET /api/v1/credits: `data`. */
export interface OpenRouterCredits {
  readonly total_credits: WireNumber;
  readonly total_usage: WireNumber;
}

/** OpenRouter's error body. */
export interface OpenRouterError {
  readonly error: { readonly code: number; readonly message: string; readonly metadata?: Readonly<Record<string, unknown>> };
}

// ---------------------------------------------------------------------------------------------
// Builders

/** The documented example: $100.50 bought, $25.75 used, so $74.75 left. */
export const openRouterCredits = wireBuilder((): Wire<OpenRouterCredits> => ({ total_credits: 100.5, total_usage: 25.75 }));

// ---------------------------------------------------------------------------------------------
// Scenarios

const errors: ServiceErrors = {
  error: (status, _title, detail, headers = {}): FakeResponse => ({
    status,
    json: { error: { code: status, message: detail } } satisfies OpenRouterError,
    headers,
  }),
  unauthorized: (detail = 'No auth credentials found') => errors.error(401, 'Unauthorized', detail),
};

function openRouterAccount(credits: () => Wire<OpenRouterCredits>): Scenario {
  return (request) =>
    request.path === OPENROUTER_ROUTES.credits ? { status: 200, json: { data: credits() } } : errors.error(404, 'Not Found', 'Not Found');
}

const openRouterNormal = openRouterAccount(() => openRouterCredits());

const OPENROUTER_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, openRouterNormal),
  normal: openRouterNormal,
  // $3.40 left of $50: under the preset's $5.
  low: openRouterAccount(() => openRouterCredits({ total_credits: 50, total_usage: 46.6 })),
  // Used past what was bought (a negative balance, which OpenRouter allows briefly).
  exhausted: openRouterAccount(() => openRouterCredits({ total_credits: 20, total_usage: 20.37 })),
  'never-bought': openRouterAccount(() => openRouterCredits({ total_credits: 0, total_usage: 0 })),
  'numbers-as-strings': openRouterAccount(() => openRouterCredits({ total_credits: '100.50', total_usage: '25.75' })),
  'missing-and-null-fields': openRouterAccount(() => ({ total_credits: 12, total_usage: null })),
  // An ordinary API key, not a management key (the wording is a guess; the shape is documented).
  'not-management-key': () => errors.error(403, 'Forbidden', 'Only management keys can fetch credits.'),
  'unknown-key': () => errors.unauthorized('User not found.'),
  'insufficient-credits': () => errors.error(402, 'Payment Required', 'Insufficient credits. Add more using https://openrouter.ai/credits'),
  // The answer has no text field: an extra one, read by nothing, carries the payloads.
  'hostile-text': openRouterAccount(() =>
    withExtraKeys(openRouterCredits(), { note: HOSTILE_VALUES.unread, label: HOSTILE_VALUES.unread }),
  ),
  // A 400 is quoted (401 and 403 never are): the message carries the payloads.
  'hostile-error': () => errors.error(400, 'Bad Request', HOSTILE_ERROR_MESSAGE),
  // The low-balance demo account: $2.15 left of $25.
  demo: openRouterAccount(() => openRouterCredits({ total_credits: 25, total_usage: 22.85 })),
};

export const openrouter: FakeServiceModule<'openrouter'> = {
  id: 'openrouter',
  displayName: 'OpenRouter',
  routes: Object.values(OPENROUTER_ROUTES),
  token: 'or_test_key',
  scenarioTokenPrefix: 'or_test_',
  scenarios: OPENROUTER_SCENARIOS,
  defaultScenario: 'normal',
  demoScenario: 'demo',
  ...errors,
};
