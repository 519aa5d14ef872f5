// What the fake answers, by scenario. A scenario is a function of the request so that one name
// covers every path of a service (and dates can sit relative to "now").
import {
  leadpingBillingState,
  leadpingOrganization,
  leadpingProblem,
  leadpingSeedUser,
  leadpingUsageSummary,
  leadpingUser,
  leadpingWallet,
  signeasyError,
  signeasyUser,
} from './builders';

export type FakeService = 'leadping' | 'signeasy';

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as-is (for bodies that are not JSON). */
  readonly text?: string;
  /** Default application/json. */
  readonly contentType?: string;
  readonly delayMs?: number;
  /** Send the headers and part of the body, then destroy the socket. */
  readonly dropMidBody?: boolean;
  /** Stream this many bytes of padding as the body. */
  readonly paddingBytes?: number;
  /** With paddingBytes: announce the size in Content-Length (otherwise chunked). */
  readonly declareLength?: boolean;
}

export interface ScenarioRequest {
  readonly service: FakeService;
  /** Without the query string. */
  readonly path: string;
  readonly now: number;
  /** 1 for the first request to this path since the scenario was last chosen. */
  readonly attempt: number;
  /** As received, `.label` included. Only the token-echo scenarios use it, to prove the client redacts what servers echo. */
  readonly token: string;
}

export type Scenario = (request: ScenarioRequest) => FakeResponse;

const DAY_MS = 86_400_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

// ---------------------------------------------------------------------------------------------
// Errors, in each service's own style.

export function serviceError(
  service: FakeService,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): FakeResponse {
  if (service === 'leadping') {
    return { status, contentType: 'application/problem+json', json: leadpingProblem(status, title, detail), headers };
  }
  return { status, json: signeasyError(status, detail), headers };
}

export function unauthorized(service: FakeService, detail = 'The access token is missing, invalid or expired.'): FakeResponse {
  const headers: Record<string, string> =
    service === 'leadping'
      ? { 'WWW-Authenticate': 'Bearer resource_metadata="https://api.leadping.ai/.well-known/oauth-protected-resource"' }
      : {};
  return serviceError(service, 401, 'Unauthorized', detail, headers);
}

const PROXY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const CAPTIVE_PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Hotel Wi-Fi: Sign in</title></head><body><h1>Welcome</h1><p>Accept the terms to continue.</p></body></html>';
export const DEFAULT_SLOW_MS = 3_000;
export const HUGE_BODY_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The token echoed back, spelled the ways servers have been seen to spell it. Each answers a status
// whose body the client quotes (not 401/403, whose bodies it never quotes), so only redaction keeps
// the token out of the message.

const code = (character: string) => character.charCodeAt(0);
const hex = (character: string) => code(character).toString(16).padStart(2, '0');

/** Soft hyphen, zero-width space/non-joiner/joiner, word joiner and <wbr>, in turn, between characters. */
export function spellWithSoftBreaks(token: string): string {
  const breaks = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '<wbr>'];
  return [...token].map((character, index) => `${character}${index < token.length - 1 ? breaks[index % breaks.length] : ''}`).join('');
}

/** Decimal, hex and named HTML entities and plain characters, in turn. */
export function spellAsEntities(token: string): string {
  const named: Record<string, string> = { _: '&lowbar;', '.': '&period;', '&': '&amp;' };
  const spellings = [
    (c: string) => `&#${code(c)};`,
    (c: string) => `&#x${hex(c)};`,
    (c: string) => named[c] ?? `&#X${hex(c).toUpperCase()};`,
    (c: string) => c,
  ];
  return [...token].map((character, index) => spellings[index % spellings.length]?.(character) ?? character).join('');
}

/** Wrapped every five characters with CRLF and a tab, a newline, a space or CRLF and spaces, in turn. */
export function spellWithLineBreaks(token: string): string {
  const breaks = ['\r\n\t', '\n', ' ', '\r\n  '];
  return (token.match(/.{1,5}/gs) ?? [])
    .map((chunk, index) => (index === 0 ? chunk : `${breaks[(index - 1) % breaks.length]}${chunk}`))
    .join('');
}

/** Every character percent-encoded, letters too, in lower-case hex. */
export function spellAsLowerPercent(token: string): string {
  return [...token].map((character) => `%${hex(character)}`).join('');
}

/** Base64 at all three byte alignments: of the token, of "Bearer <token>" and, URL-safe unpadded, of "user:<token>". */
export function spellAsBase64(token: string): string {
  return `${Buffer.from(token).toString('base64')}, ${Buffer.from(`Bearer ${token}`).toString('base64')}, ${Buffer.from(`user:${token}`).toString('base64url')}`;
}

/** JSON \u escapes in both cases, with a JSON "\n" every fourth character. Goes into a JSON string as-is. */
export function spellAsJsonEscapes(token: string): string {
  return [...token]
    .map((character, index) => `\\u00${index % 2 ? hex(character).toUpperCase() : hex(character)}${index % 4 === 3 ? '\\n' : ''}`)
    .join('');
}

const ECHO_MARKER = '@@TOKEN@@';

/** An error in the service's own style whose detail holds `spelled` verbatim (not re-escaped as JSON). */
function echoInError(request: ScenarioRequest, status: number, title: string, spelled: string): FakeResponse {
  const { json, ...response } = serviceError(
    request.service,
    status,
    title,
    `The credential ${ECHO_MARKER} is not valid for this request.`,
  );
  return { ...response, text: JSON.stringify(json).replace(ECHO_MARKER, () => spelled) };
}

function echoPage(token: string): string {
  const broken = (token.match(/.{1,3}/gs) ?? []).join('<wbr>');
  return `<!DOCTYPE html><html><head><title>Invalid token ${broken}</title></head><body><h1>Invalid token</h1><p><span>${broken}</span></p></body></html>`;
}

const TOKEN_ECHO: Record<string, Scenario> = {
  'token-echo-soft-break': (request) => echoInError(request, 400, 'Bad Request', spellWithSoftBreaks(request.token)),
  'token-echo-entity': (request) => echoInError(request, 422, 'Unprocessable Entity', spellAsEntities(request.token)),
  'token-echo-newline': (request) => ({
    status: 500,
    contentType: 'text/plain; charset=utf-8',
    text: `Invalid token ${spellWithLineBreaks(request.token)}\r\nTry again later.\r\n`,
  }),
  'token-echo-percent-lower': (request) => echoInError(request, 400, 'Bad Request', spellAsLowerPercent(request.token)),
  'token-echo-base64': (request) => echoInError(request, 400, 'Bad Request', spellAsBase64(request.token)),
  'token-echo-json-escape': (request) => echoInError(request, 422, 'Unprocessable Entity', spellAsJsonEscapes(request.token)),
  'token-echo-html': (request) => ({ status: 400, contentType: 'text/html; charset=utf-8', text: echoPage(request.token) }),
};

/** The scenarios whose quoted error body echoes the token in some spelling (`token-echo` itself is a 401, never quoted). */
export const TOKEN_ECHO_SCENARIOS: readonly string[] = Object.keys(TOKEN_ECHO);

/** `response` sent as UTF-8 text that starts with a byte order mark, as some servers do. */
function withByteOrderMark(response: FakeResponse): FakeResponse {
  const { json, ...rest } = response;
  return { ...rest, text: `\ufeff${rest.text ?? JSON.stringify(json)}` };
}

/** Scenarios that behave the same for both services. `normal` is what they answer when not failing. */
function sharedScenarios(normal: Scenario): Record<string, Scenario> {
  return {
    '401': (request) => unauthorized(request.service),
    'token-echo': (request) =>
      unauthorized(request.service, `Token ${request.token} is not valid (Authorization: Bearer ${request.token}).`),
    '403': (request) => serviceError(request.service, 403, 'Forbidden', 'This credential may not read this resource.'),
    '404': (request) => serviceError(request.service, 404, 'Not Found', 'The requested resource was not found.'),
    '429-retry-after': (request) =>
      serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.', { 'Retry-After': '30' }),
    '429-http-date': (request) =>
      serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.', {
        'Retry-After': new Date(request.now + 120_000).toUTCString(),
      }),
    '429-without-retry-after': (request) => serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.'),
    // Answers seen from misbehaving servers and proxies: none may make the client loop.
    '429-retry-after-0': (request) =>
      serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.', { 'Retry-After': '0' }),
    '429-past-date': (request) =>
      serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.', {
        'Retry-After': new Date(request.now - 3_600_000).toUTCString(),
      }),
    '429-huge-retry-after': (request) =>
      serviceError(request.service, 429, 'Too Many Requests', 'Rate limit exceeded.', { 'Retry-After': '100000000000000000000000' }),
    '500': (request) => serviceError(request.service, 500, 'Internal Server Error', 'An unexpected error occurred.'),
    'flapping-500': (request) =>
      request.attempt === 1
        ? serviceError(request.service, 500, 'Internal Server Error', 'An unexpected error occurred.')
        : normal(request),
    'html-502': () => ({ status: 502, contentType: 'text/html', text: PROXY_PAGE }),
    'html-200': () => ({ status: 200, contentType: 'text/html; charset=utf-8', text: CAPTIVE_PORTAL_PAGE }),
    slow: (request) => ({ ...normal(request), delayMs: DEFAULT_SLOW_MS }),
    'drop-connection': () => ({ status: 200, json: {}, dropMidBody: true }),
    'huge-body': () => ({ status: 200, paddingBytes: HUGE_BODY_BYTES }),
    'huge-body-declared': () => ({ status: 200, paddingBytes: HUGE_BODY_BYTES, declareLength: true }),
    'invalid-json': () => ({ status: 200, text: '{"id": "usr_1", "balance": 12.5, "name": "Trunc' }),
    'wrong-type': () => ({ status: 200, json: [{ id: 'usr_1' }] }),
    ...TOKEN_ECHO,
    bom: (request) => withByteOrderMark(normal(request)),
  };
}

// ---------------------------------------------------------------------------------------------
// Leadping

interface LeadpingAccount {
  readonly user: unknown;
  /** Undefined: the endpoint answers 404, as before 2026. */
  readonly wallet?: unknown;
  readonly organization?: unknown;
}

function leadping(account: (now: number) => LeadpingAccount): Scenario {
  return (request) => {
    const data = account(request.now);
    const found = (body: unknown): FakeResponse =>
      body === undefined ? serviceError('leadping', 404, 'Not Found', `No resource at ${request.path}.`) : { status: 200, json: body };
    switch (request.path) {
      case '/users/me':
        return found(data.user);
      case '/wallets/me':
        return found(data.wallet);
      case '/organizations/me':
        return found(data.organization);
      case '/usage/summary/my':
        return found(data.wallet === undefined ? undefined : leadpingUsageSummary());
      default:
        return found(undefined);
    }
  };
}

/** Dates sit relative to now so that the panel reads "renews in 24 days", not "9 months ago". */
export const LEADPING_2026_RENEWS_IN_MS = 24 * DAY_MS;
export const LEADPING_2026_CREDITS_EXPIRE_IN_MS = 100 * DAY_MS;
const leadping2026 = leadping((now) => ({
  user: leadpingUser({
    billingState: leadpingBillingState({ planRenewalAt: iso(now + LEADPING_2026_RENEWS_IN_MS), planPeriodStartAt: iso(now - 6 * DAY_MS) }),
  }),
  wallet: leadpingWallet({
    expiresAt: iso(now + LEADPING_2026_CREDITS_EXPIRE_IN_MS),
    nextCreditExpirationAt: iso(now + LEADPING_2026_CREDITS_EXPIRE_IN_MS),
  }),
  organization: leadpingOrganization(),
}));

const EXTRA = { 'x-trace': { region: 'us-east-2', build: '2026.01.5' }, featureFlags: ['newInbox'], _links: { self: { href: '/x' } } };

export const LEADPING_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(leadping2026),
  'seed-shape': leadping(() => ({ user: leadpingSeedUser() })),
  '2026-shape-with-wallet': leadping2026,
  'wallet-404-falls-back-to-organizations': leadping(() => ({
    user: leadpingUser(),
    organization: leadpingOrganization({ accountBalance: 27.4 }),
  })),
  'numbers-as-strings': leadping(() => ({
    user: leadpingUser(),
    wallet: leadpingWallet({ balance: '12.50', nextExpiringCreditAmount: '2.5', amountRemaining: '12.50' }),
    organization: leadpingOrganization({ accountBalance: '12.50', autoRefillAmount: '20', autoRefillTrigger: '5.00' }),
  })),
  'missing-and-null-fields': leadping(() => ({
    user: {
      id: null,
      email: null,
      name: null,
      firstName: null,
      lastName: null,
      phone: null,
      createdAt: null,
      billingPlan: null,
      subscriptionStatus: null,
      roles: null,
      identities: null,
      currentOrganization: null,
      compliance: null,
    },
    wallet: { balance: null, currency: null, nextExpiringCreditAmount: null, nextCreditExpirationAt: null },
  })),
  'unknown-enum-values': leadping(() => ({
    user: leadpingUser({ billingPlan: 'Quarterly', subscriptionStatus: 'Suspended', roles: ['Wizard'] }),
    wallet: leadpingWallet({ creditStatus: 'frozen', sourceType: 'lottery' }),
    organization: leadpingOrganization({ status: 'Hibernating', billingPlan: 'Quarterly', subscriptionStatus: 'Suspended' }),
  })),
  'extra-keys': leadping(() => ({
    user: leadpingUser({ ...EXTRA, currentOrganization: { id: 'org_41', name: 'Acme Leads LLC', tier: 'gold' } }),
    wallet: leadpingWallet(EXTRA),
    organization: leadpingOrganization(EXTRA),
  })),
  'low-credit': leadping(() => ({
    user: leadpingUser(),
    wallet: leadpingWallet({ balance: 3.2, amountRemaining: 3.2, nextExpiringCreditAmount: 3.2 }),
    organization: leadpingOrganization({ accountBalance: 3.2, autoRefillEnabled: false, autoRefillAmount: 25, autoRefillTrigger: 5 }),
  })),
  'zero-credit': leadping(() => ({
    user: leadpingUser(),
    wallet: leadpingWallet({
      balance: 0,
      amountRemaining: 0,
      nextExpiringCreditAmount: null,
      nextCreditExpirationAt: null,
      creditStatus: 'consumed',
    }),
    organization: leadpingOrganization({ accountBalance: 0, autoRefillEnabled: false }),
  })),
  overdue: leadping(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Overdue', accountBalance: 1.1 }) })),
  canceled: leadping(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Canceled' }) })),
  cancelled: leadping(() => ({
    user: leadpingUser({ subscriptionStatus: 'Cancelled' }),
    wallet: leadpingWallet(),
    organization: leadpingOrganization({ subscriptionStatus: 'Canceled' }),
  })),
  pending: leadping(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Pending', accountBalance: 5 }) })),
  'cancels-soon': leadping((now) => ({
    user: leadpingSeedUser({ stripeInfo: { customerId: 'cus_Qx81', subscriptionIds: ['sub_1Mz'], cancelAt: iso(now + 20 * DAY_MS) } }),
  })),
  demo: leadping((now) => ({
    user: leadpingUser({
      id: 'usr_MayaO',
      name: 'Maya Okafor',
      firstName: 'Maya',
      lastName: 'Okafor',
      email: 'maya@harborlane-realty.example',
      phone: '+15555550187',
      currentOrganization: { id: 'org_harbor', name: 'Harbor Lane Realty' },
      identities: [
        { issuer: 'leadping.ai', issuerAssignedId: 'maya@harborlane-realty.example', signInType: 'emailAddress' },
        { issuer: 'google.com', issuerAssignedId: '10442871', signInType: 'federated' },
      ],
      compliance: {
        acceptedTerms: true,
        acceptedToSubscription: true,
        acceptedSms: true,
        acceptedBaa: false,
        acceptedEmail: true,
        trustedFormCertificates: [
          { id: 'tf_81', url: 'https://cert.trustedform.com/a81c2e', source: 'Open house sign-up', createdAt: iso(now - 9 * DAY_MS) },
          { id: 'tf_82', url: 'https://cert.trustedform.com/b92d3f', source: 'Website contact form', createdAt: iso(now - 2 * DAY_MS) },
        ],
      },
      billingState: demoBillingState(now),
    }),
    wallet: leadpingWallet({
      balance: 3.2,
      amountRemaining: 3.2,
      nextExpiringCreditAmount: 1.2,
      nextCreditExpirationAt: iso(now + 18 * DAY_MS),
      organizationId: 'org_harbor',
    }),
    organization: leadpingOrganization({
      id: 'org_harbor',
      name: 'Harbor Lane Realty',
      accountBalance: 3.2,
      autoRefillEnabled: false,
      autoRefillAmount: 25,
      autoRefillTrigger: 5,
      website: 'https://harborlane-realty.example',
    }),
  })),
};

function demoBillingState(now: number): Record<string, unknown> {
  return { hasStripeCustomer: true, hasPaymentMethod: true, planRenewalAt: iso(now + 11 * DAY_MS), cancelAt: null };
}

// ---------------------------------------------------------------------------------------------
// Signeasy

function signeasy(user: (now: number) => unknown): Scenario {
  return (request) =>
    request.path === '/v3/me/' || request.path === '/v3/me'
      ? { status: 200, json: user(request.now) }
      : serviceError('signeasy', 404, 'Not Found', 'Resource not found');
}

const signeasyNormal = signeasy(() => signeasyUser());

export const SIGNEASY_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(signeasyNormal),
  normal: signeasyNormal,
  'unverified-email': signeasy(() => signeasyUser({ email_verified: 0, activation_time: null })),
  'not-activated': signeasy(() => signeasyUser({ status: 0 })),
  'grace-in-use': signeasy(() =>
    signeasyUser({
      envelope_credits_available: 0,
      envelope_credits_consumed: 1800,
      grace_envelope_credits_available: 150,
      grace_envelope_credits_consumed: 30,
    }),
  ),
  exhausted: signeasy(() =>
    signeasyUser({
      envelope_credits_available: 0,
      envelope_credits_consumed: 1800,
      grace_envelope_credits_available: 0,
      grace_envelope_credits_consumed: 180,
    }),
  ),
  low: signeasy(() => signeasyUser({ envelope_credits_available: 7, envelope_credits_consumed: 1793 })),
  'unknown-plan': signeasy(() => signeasyUser({ account_type: 9 })),
  'numbers-as-strings': signeasy(() =>
    signeasyUser({
      envelope_credits_available: '1760',
      envelope_credits_consumed: '40',
      account_type: '2',
      is_paid: '1',
      subscription_expiry_time: '1767225600',
    }),
  ),
  'missing-and-null-fields': signeasy(() => ({
    id: null,
    email: null,
    first_name: null,
    last_name: null,
    account_type: null,
    envelope_credits_available: null,
    subscription_expiry_time: null,
  })),
  paid: signeasy((now) =>
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
  demo: signeasy((now) =>
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

export const SCENARIOS: Readonly<Record<FakeService, Readonly<Record<string, Scenario>>>> = {
  leadping: LEADPING_SCENARIOS,
  signeasy: SIGNEASY_SCENARIOS,
};

export const DEFAULT_SCENARIO: Readonly<Record<FakeService, string>> = { leadping: '2026-shape-with-wallet', signeasy: 'normal' };

/** A scenario by name; `slow-<ms>` is `slow` with that delay. */
export function findScenario(service: FakeService, name: string): Scenario | undefined {
  const slow = /^slow-(\d{1,6})$/.exec(name);
  if (slow) {
    const delayMs = Number(slow[1]);
    const base = SCENARIOS[service].slow;
    return base && ((request) => ({ ...base(request), delayMs }));
  }
  return Object.hasOwn(SCENARIOS[service], name) ? SCENARIOS[service][name] : undefined;
}
