// The fake Signeasy: its routes, a short builder for its JSON (the documented example user plus
// the credit fields; tests pass only the fields they care about), and its scenarios.
import type { FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, wireBuilder } from '../wire';
import type { SigneasyError, SigneasyUser } from './signeasyWire';

/** GET /v3/me/, with or without the trailing slash. */
const SIGNEASY_ROUTES = { me: '/v3/me/', meWithoutSlash: '/v3/me' } as const;

// ---------------------------------------------------------------------------------------------
// Builders

/** GET /v3/me/: the documented example user plus the credit fields (1760 / 40 / 180 / 0). */
export const signeasyUser = wireBuilder((): Wire<SigneasyUser> => ({
  account_type: 0,
  activation_time: 1395392655,
  is_auto_renew: 0,
  company: 'ACME Corp.',
  company_size: null,
  created_time: 1391545509,
  document_credits: 0,
  email: 'john@example.com',
  first_name: 'John',
  id: 699829,
  is_paid: 0,
  last_name: 'Doe',
  last_modified_time: 1395367450,
  referrer_code: 'gSwRXxut',
  referrer_promo_left: 5,
  subscription_expiry_time: null,
  imported_file_count: 72,
  signed_file_count: 16,
  card_last4: null,
  card_brand: null,
  status: 1,
  email_verified: 1,
  envelope_credits_available: 1760,
  envelope_credits_consumed: 40,
  grace_envelope_credits_available: 180,
  grace_envelope_credits_consumed: 0,
}));

/** Signeasy's (unconfirmed) error body. */
function signeasyError(status: number, message: string): SigneasyError {
  return { status, message };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const DAY_MS = 86_400_000;

const errors: ServiceErrors = {
  error: (status, _title, detail, headers = {}) => ({ status, json: signeasyError(status, detail), headers }),
  unauthorized: (detail = 'The access token is missing, invalid or expired.') => errors.error(401, 'Unauthorized', detail),
};

function signeasyAccount(user: (now: number) => Wire<SigneasyUser>): Scenario {
  return (request) =>
    request.path === SIGNEASY_ROUTES.me || request.path === SIGNEASY_ROUTES.meWithoutSlash
      ? { status: 200, json: user(request.now) }
      : errors.error(404, 'Not Found', 'Resource not found');
}

const signeasyNormal = signeasyAccount(() => signeasyUser());

/**
 * The documented user with hostile text (hostileText.ts) in every text field, read by the client
 * or not, so that it loads and shows it. Not carrying any: the id (a number on the wire; the
 * client would take a string, but Signeasy does not send one), the plan (the client names it from
 * the numeric account_type), times, flags and counts; counter labels are the client's own words.
 */
const signeasyHostileUser = (): Wire<SigneasyUser> => {
  const text = HOSTILE_VALUES;
  return signeasyUser({
    first_name: text.firstName,
    last_name: text.lastName,
    email: text.email,
    company: text.organization,
    company_size: text.unread,
    subscription_status: text.subscriptionStatus,
    referrer_code: text.unread,
    card_brand: text.unread,
    card_last4: text.unread,
    billing_cycle: text.unread,
    plan_subtype: text.unread,
  });
};

const SIGNEASY_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, signeasyNormal),
  normal: signeasyNormal,
  'unverified-email': signeasyAccount(() => signeasyUser({ email_verified: 0, activation_time: null })),
  'not-activated': signeasyAccount(() => signeasyUser({ status: 0 })),
  'grace-in-use': signeasyAccount(() =>
    signeasyUser({
      envelope_credits_available: 0,
      envelope_credits_consumed: 1800,
      grace_envelope_credits_available: 150,
      grace_envelope_credits_consumed: 30,
    }),
  ),
  exhausted: signeasyAccount(() =>
    signeasyUser({
      envelope_credits_available: 0,
      envelope_credits_consumed: 1800,
      grace_envelope_credits_available: 0,
      grace_envelope_credits_consumed: 180,
    }),
  ),
  low: signeasyAccount(() => signeasyUser({ envelope_credits_available: 7, envelope_credits_consumed: 1793 })),
  'unknown-plan': signeasyAccount(() => signeasyUser({ account_type: 9 })),
  'numbers-as-strings': signeasyAccount(() =>
    signeasyUser({
      envelope_credits_available: '1760',
      envelope_credits_consumed: '40',
      account_type: '2',
      is_paid: '1',
      subscription_expiry_time: '1767225600',
    }),
  ),
  'missing-and-null-fields': signeasyAccount(() => ({
    id: null,
    email: null,
    first_name: null,
    last_name: null,
    account_type: null,
    envelope_credits_available: null,
    subscription_expiry_time: null,
  })),
  'hostile-text': signeasyAccount(signeasyHostileUser),
  // A 400 is quoted (401 and 403 never are): the message carries the payloads.
  'hostile-error': () => errors.error(400, 'Bad Request', HOSTILE_ERROR_MESSAGE),
  paid: signeasyAccount((now) =>
    signeasyUser({
      account_type: 3,
      is_paid: 1,
      is_auto_renew: 1,
      subscription_expiry_time: Math.floor((now + 90 * DAY_MS) / 1000),
      card_last4: '4242',
      card_brand: 'visa',
      billing_cycle: 'annual',
      subscription_status: 'active',
      plan_subtype: 'business',
      remaining_template_count: 12,
      rs_allowed: true,
    }),
  ),
  demo: signeasyAccount((now) =>
    signeasyUser({
      id: 1048576,
      first_name: 'Priya',
      last_name: 'Raman',
      email: 'priya.raman@northwind-legal.example',
      company: 'Northwind Legal',
      company_size: '11-50',
      account_type: 3,
      is_paid: 1,
      is_auto_renew: 1,
      created_time: Math.floor((now - 400 * DAY_MS) / 1000),
      subscription_expiry_time: Math.floor((now + 120 * DAY_MS) / 1000),
      document_credits: 25,
      signed_file_count: 214,
      imported_file_count: 389,
      card_last4: '4242',
      card_brand: 'visa',
    }),
  ),
};

export const signeasy: FakeServiceModule<'signeasy'> = {
  id: 'signeasy',
  displayName: 'Signeasy',
  routes: Object.values(SIGNEASY_ROUTES),
  token: 'se_test_key',
  scenarioTokenPrefix: 'se_test_',
  scenarios: SIGNEASY_SCENARIOS,
  defaultScenario: 'normal',
  demoScenario: 'demo',
  ...errors,
};
