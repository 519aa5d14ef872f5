// The fake Twilio (2010 API, JSON): GET /2010-04-01/Accounts/{AccountSid}/Balance.json and
// GET /2010-04-01/Accounts/{AccountSid}.json, with HTTP Basic authentication (Account SID as the
// user, Auth Token as the password) as https://www.twilio.com/docs/errors/20003 describes it. The SID
// is in the path too: one that is not the authenticated account is refused with 20003 ("using
// subaccount credentials to access master account"). Errors are `{code, message, more_info, status}`.
// presets/README.md says what each page says and what is not confirmed.
import type { CredentialRequest, FakeResponse, FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE, HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, type WireNumber, wireBuilder } from '../wire';

/** The fake's Account SID: `AC` and 32 characters, as Twilio's are (real ones are hex). */
export const TWILIO_TEST_SID = 'ACtest0000000000000000000000000000';

const accountPath = (sid: string) => `/2010-04-01/Accounts/${sid}.json`;
const balancePath = (sid: string) => `/2010-04-01/Accounts/${sid}/Balance.json`;

/** Either path, for any SID-shaped segment: the SID, and which resource. */
const TWILIO_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9A-Za-z]{32})(\.json|\/Balance\.json)$/;

/** GET …/Balance.json: three strings. */
export interface TwilioBalance {
  readonly account_sid: string;
  readonly balance: WireNumber;
  readonly currency: string;
}

/** GET /2010-04-01/Accounts/{Sid}.json, the fields the REST API: Accounts page lists. */
export interface TwilioAccount {
  readonly sid: string;
  readonly friendly_name: string;
  readonly status: string;
  readonly type: string;
  readonly auth_token: string;
  readonly owner_account_sid: string;
  readonly date_created: string;
  readonly date_updated: string;
  readonly uri: string;
  readonly subresource_uris: Readonly<Record<string, string>>;
}

/** Twilio's REST exception, as JSON. */
export interface TwilioError {
  readonly code: number;
  readonly message: string;
  readonly more_info: string;
  readonly status: number;
}

// ---------------------------------------------------------------------------------------------
// Builders

export const twilioBalance = wireBuilder((): Wire<TwilioBalance> => ({
  account_sid: TWILIO_TEST_SID,
  balance: '47.12',
  currency: 'USD',
}));

export const twilioAccount = wireBuilder((): Wire<TwilioAccount> => ({
  sid: TWILIO_TEST_SID,
  friendly_name: 'Harbor Lane Dev',
  status: 'active',
  type: 'Full',
  // Twilio sends the account's Auth Token here; the fake sends a stand-in (Account Glance reads nothing from it).
  auth_token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  owner_account_sid: TWILIO_TEST_SID,
  date_created: 'Tue, 14 Jan 2025 09:12:00 +0000',
  date_updated: 'Mon, 03 Nov 2026 16:45:00 +0000',
  uri: accountPath(TWILIO_TEST_SID),
  subresource_uris: { balance: balancePath(TWILIO_TEST_SID) },
}));

// ---------------------------------------------------------------------------------------------
// Credentials

/**
 * `user:password` from `Authorization: Basic …`, when the user is an Account SID and, on a path that
 * names one, the same SID. Anything else is no credential the fake accepts: a 401 20003.
 */
function basicCredential(request: CredentialRequest): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.header('authorization') ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const user = decoded.slice(0, colon);
  const pathSid = TWILIO_PATH.exec(request.path)?.[1];
  return pathSid === undefined || pathSid === user ? decoded : undefined;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** Twilio's error code for an HTTP status. */
const TWILIO_CODES: Readonly<Record<number, number>> = { 400: 20001, 401: 20003, 403: 20403, 404: 20404, 429: 20429, 500: 20500 };

function twilioError(status: number, message: string): TwilioError {
  const code = TWILIO_CODES[status] ?? 20500;
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const errors: ServiceErrors = {
  error: (status, _title, detail, headers = {}) => ({ status, json: twilioError(status, detail), headers }),
  unauthorized: (detail = 'Authenticate') => errors.error(401, 'Unauthorized', detail, { 'WWW-Authenticate': 'Basic realm="Twilio API"' }),
};

interface TwilioShape {
  readonly account?: Wire<TwilioAccount>;
  readonly balance?: Wire<TwilioBalance>;
}

/** Both resources for the SID in the path (the authenticated one: basicCredential checked it). */
function twilioAccountScenario(shape: (sid: string) => TwilioShape): Scenario {
  return (request): FakeResponse => {
    const match = TWILIO_PATH.exec(request.path);
    const sid = match?.[1];
    if (sid === undefined) return errors.error(404, 'Not Found', `The requested resource ${request.path} was not found`);
    const { account, balance } = shape(sid);
    const body = match?.[2] === '.json' ? account : balance;
    return { status: 200, json: body };
  };
}

const ofSid = (sid: string, account: Wire<TwilioAccount> = {}, balance: Wire<TwilioBalance> = {}): TwilioShape => ({
  account: twilioAccount({
    sid,
    owner_account_sid: sid,
    uri: accountPath(sid),
    subresource_uris: { balance: balancePath(sid) },
    ...account,
  }),
  balance: twilioBalance({ account_sid: sid, ...balance }),
});

const twilioNormal = twilioAccountScenario((sid) => ofSid(sid));

/** Every text field hostile but the SID (it is in the path), the balance and the currency. */
const twilioHostile = (sid: string): TwilioShape =>
  ofSid(
    sid,
    {
      friendly_name: HOSTILE_VALUES.displayName,
      type: HOSTILE_VALUES.plan,
      status: HOSTILE.long,
      auth_token: HOSTILE_VALUES.unread,
      date_created: HOSTILE_VALUES.unread,
      date_updated: HOSTILE_VALUES.unread,
      uri: HOSTILE_VALUES.unread,
      subresource_uris: { balance: HOSTILE_VALUES.unread },
    },
    {},
  );

const TWILIO_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, twilioNormal),
  normal: twilioNormal,
  low: twilioAccountScenario((sid) => ofSid(sid, {}, { balance: '2.75' })),
  trial: twilioAccountScenario((sid) => ofSid(sid, { type: 'Trial', friendly_name: 'jordan@acmeleads.example' }, { balance: '15.50' })),
  suspended: twilioAccountScenario((sid) => ofSid(sid, { status: 'suspended' }, { balance: '-3.40' })),
  closed: twilioAccountScenario((sid) => ofSid(sid, { status: 'closed' }, { balance: '0.00' })),
  gbp: twilioAccountScenario((sid) => ofSid(sid, {}, { balance: '120.08', currency: 'GBP' })),
  'missing-and-null-fields': twilioAccountScenario((sid) => ({
    account: { sid, friendly_name: null, status: null, type: null },
    balance: { account_sid: sid, balance: null, currency: null },
  })),
  'hostile-text': twilioAccountScenario(twilioHostile),
  // A 400 is quoted (401 and 403 never are): the message carries the payloads.
  'hostile-error': () => errors.error(400, 'Bad Request', HOSTILE_ERROR_MESSAGE),
  // The low-balance demo account: $3.10 under the preset's $5.
  demo: twilioAccountScenario((sid) => ofSid(sid, { friendly_name: 'Northwind Support Line' }, { balance: '3.10' })),
};

export const twilio: FakeServiceModule<'twilio'> = {
  id: 'twilio',
  displayName: 'Twilio',
  routes: [balancePath(TWILIO_TEST_SID), accountPath(TWILIO_TEST_SID)],
  answersPath: (path) => TWILIO_PATH.test(path),
  credential: basicCredential,
  token: `${TWILIO_TEST_SID}:tw_test_key`,
  scenarioTokenPrefix: `${TWILIO_TEST_SID}:tw_test_`,
  scenarios: TWILIO_SCENARIOS,
  defaultScenario: 'normal',
  demoScenario: 'demo',
  ...errors,
};
