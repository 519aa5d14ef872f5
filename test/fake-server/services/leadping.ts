// The fake Leadping: its routes, short builders for its JSON (modelled on the seed and the 2026
// OpenAPI excerpt; each returns a full, believable body and tests pass only the fields they care
// about), and its scenarios.
import type { FakeResponse, FakeServiceModule, Scenario, ServiceErrors } from '../fakeService';
import { HOSTILE_ERROR_MESSAGE, HOSTILE_VALUES } from '../hostileText';
import { sharedScenarios } from '../sharedScenarios';
import { type Wire, wireBuilder, withExtraKeys } from '../wire';
import type {
  LeadpingBillingState,
  LeadpingCompliance,
  LeadpingOrganization,
  LeadpingProblem,
  LeadpingSeedUser,
  LeadpingUsageSummary,
  LeadpingUser,
  LeadpingWallet,
} from './leadpingWire';

const LEADPING_ROUTES = {
  user: '/users/me',
  wallet: '/wallets/me',
  organization: '/organizations/me',
  usageSummary: '/usage/summary/my',
} as const;

// ---------------------------------------------------------------------------------------------
// Builders

/** Who the default account is, in both shapes of /users/me (a fresh object each time: tests may change what they get). */
const jordanAvery = () =>
  ({
    id: 'usr_7Hq2Kd9',
    name: 'Jordan Avery',
    email: 'jordan@acmeleads.example',
    firstName: 'Jordan',
    lastName: 'Avery',
    phone: '+15555550142',
    billingPlan: 'Monthly',
    subscriptionStatus: 'Active',
    identities: [{ issuer: 'leadping.ai', issuerAssignedId: 'jordan@acmeleads.example', signInType: 'emailAddress' }],
  }) satisfies Wire<LeadpingUser> & Wire<LeadpingSeedUser>;

export const leadpingCompliance = wireBuilder((): Wire<LeadpingCompliance> => ({
  acceptedTerms: true,
  acceptedToSubscription: true,
  acceptedSms: true,
  acceptedBaa: false,
  acceptedEmail: true,
  trustedFormCertificates: [],
}));

/** GET /users/me as documented 2023–2025: balance, auto-refill and Stripe info on the user. */
export const leadpingSeedUser = wireBuilder((): Wire<LeadpingSeedUser> => ({
  ...jordanAvery(),
  createdAt: '2023-11-07T05:31:56Z',
  modifiedAt: '2024-06-12T14:02:11Z',
  roles: ['Admin'],
  stripeInfo: { customerId: 'cus_Qx81', defaultPaymentMethodId: 'pm_1Nf', subscriptionIds: ['sub_1Mz'], cancelAt: null },
  accountBalance: 42.5,
  autoRefillEnabled: true,
  autoRefillAmount: 25,
  autoRefillTrigger: 10,
  business: { id: 'biz_41', name: 'Acme Leads LLC' },
  compliance: leadpingCompliance({
    trustedFormCertificates: [
      { id: 'tf_1', url: 'https://cert.trustedform.com/5f1a9e', source: 'web form', createdAt: '2024-02-01T10:00:00Z' },
    ],
  }),
}));

/** GET /users/me as published in 2026: no balance; organization reference and billing state instead. */
export const leadpingUser = wireBuilder((): Wire<LeadpingUser> => ({
  ...jordanAvery(),
  createdAt: '2024-01-15T09:12:00Z',
  modifiedAt: '2026-01-03T08:00:00Z',
  timeZoneId: 'America/Chicago',
  billingState: leadpingBillingState(),
  roles: ['OrganizationOwner', 'Agent'],
  currentOrganization: { id: 'org_41', name: 'Acme Leads LLC' },
  compliance: leadpingCompliance(),
  lastLoggedInAt: '2026-01-05T16:45:00Z',
}));

export const leadpingBillingState = wireBuilder((): Wire<LeadpingBillingState> => ({
  hasStripeCustomer: true,
  hasPaymentMethod: true,
  phoneNumberQuantity: 1,
  organizationMemberQuantity: 3,
  organizationMemberAssignedQuantity: 2,
  pendingBillingPlan: null,
  billingPlanChangeEffectiveAt: null,
  planRenewalAt: '2026-02-15T00:00:00Z',
  planPeriodStartAt: '2026-01-15T00:00:00Z',
  cancelAt: null,
  dunning: null,
}));

/** GET /wallets/me (2026). */
export const leadpingWallet = wireBuilder((): Wire<LeadpingWallet> => ({
  id: 'wal_9',
  name: 'Default wallet',
  createdAt: '2025-03-01T00:00:00Z',
  modifiedAt: '2026-01-05T16:00:00Z',
  balance: 18.75,
  currency: 'USD',
  balanceCalculatedAt: '2026-01-05T16:00:00Z',
  amountPurchased: 60,
  amountRemaining: 18.75,
  purchasedAt: '2025-03-01T00:00:00Z',
  expiresAt: '2026-03-01T00:00:00Z',
  sourceType: 'purchase',
  creditStatus: 'active',
  organizationId: 'org_41',
  originalTransactionId: 'txn_1',
  nextCreditExpirationAt: '2026-03-01T00:00:00Z',
  nextExpiringCreditAmount: 5,
  expiredCreditAmount: 0,
}));

/** GET /organizations/me (2026). */
export const leadpingOrganization = wireBuilder((): Wire<LeadpingOrganization> => ({
  id: 'org_41',
  name: 'Acme Leads LLC',
  createdAt: '2024-01-15T09:12:00Z',
  modifiedAt: '2026-01-03T08:00:00Z',
  secondaryName: null,
  user: { id: 'usr_7Hq2Kd9', name: 'Jordan Avery' },
  accountBalance: 18.75,
  billingPlan: 'Monthly',
  subscriptionStatus: 'Active',
  billingState: leadpingBillingState(),
  autoRefillEnabled: true,
  autoRefillAmount: 20,
  autoRefillTrigger: 5,
  status: 'Active',
  setupStatus: 'Complete',
  enabled: true,
  phone: '+15555550100',
  website: 'https://acmeleads.example',
}));

/** One line of a usage summary, as the fake writes them: every field there. */
interface LeadpingUsageLine {
  readonly channel: string;
  readonly billableUnit: string;
  readonly status: 'charged' | 'pending_invoice' | 'failed';
  readonly quantity: number;
  readonly customerChargeAmount: number;
  readonly recordCount: number;
}

/**
 * `lines` with the totals that add up from them, as the service's do: the charge and billable
 * quantity of every line but the failed ones, the usage records of all of them (`transactionCount`)
 * and of the failed ones, and how many lines wait for an invoice.
 */
function usageLinesWithTotals(lines: readonly LeadpingUsageLine[]): Wire<LeadpingUsageSummary> {
  const sum = (of: readonly LeadpingUsageLine[], field: 'quantity' | 'customerChargeAmount' | 'recordCount') =>
    of.reduce((total, line) => total + line[field], 0);
  const billed = lines.filter((line) => line.status !== 'failed');
  return {
    customerChargeTotal: Math.round(sum(billed, 'customerChargeAmount') * 100) / 100,
    billableQuantityTotal: sum(billed, 'quantity'),
    transactionCount: sum(lines, 'recordCount'),
    pendingInvoiceCount: lines.filter((line) => line.status === 'pending_invoice').length,
    failedCount: sum(
      lines.filter((line) => line.status === 'failed'),
      'recordCount',
    ),
    lines,
  };
}

const leadsReceived = (value: number) => ({ key: 'leads', label: 'Leads received', value, unit: 'lead', sortOrder: 1 });

/**
 * GET /usage/summary/my (2026): $41.25 spent, a line per channel and status. SMS has two charged
 * lines ($30 + $6) and a failed one that costs nothing; voice $4.25, email $1.
 */
export const leadpingUsageSummary = wireBuilder((): Wire<LeadpingUsageSummary> => ({
  periodStart: '2026-01-01T00:00:00Z',
  periodEnd: '2026-02-01T00:00:00Z',
  ...usageLinesWithTotals([
    { channel: 'sms', billableUnit: 'sms_segment', status: 'charged', quantity: 1000, customerChargeAmount: 30, recordCount: 1000 },
    { channel: 'sms', billableUnit: 'sms_segment', status: 'pending_invoice', quantity: 200, customerChargeAmount: 6, recordCount: 200 },
    { channel: 'sms', billableUnit: 'sms_segment', status: 'failed', quantity: 2, customerChargeAmount: 0.06, recordCount: 2 },
    { channel: 'voice', billableUnit: 'voice_minute', status: 'charged', quantity: 85, customerChargeAmount: 4.25, recordCount: 31 },
    { channel: 'email', billableUnit: 'email_message', status: 'charged', quantity: 500, customerChargeAmount: 1, recordCount: 500 },
  ]),
  counters: [leadsReceived(175)],
}));

/** A billing period that has cost nothing yet. */
export function leadpingEmptyUsageSummary(overrides: Wire<LeadpingUsageSummary> = {}): Wire<LeadpingUsageSummary> {
  return leadpingUsageSummary({ ...usageLinesWithTotals([]), counters: [], ...overrides });
}

/** RFC 9457 problem details, as Leadping sends for errors. */
function leadpingProblem(status: number, title: string, detail: string): Wire<LeadpingProblem> {
  return { type: `https://httpstatuses.io/${status}`, title, status, detail, instance: null };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const DAY_MS = 86_400_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

const errors: ServiceErrors = {
  error: (status, title, detail, headers = {}) => ({
    status,
    contentType: 'application/problem+json',
    json: leadpingProblem(status, title, detail),
    headers,
  }),
  unauthorized: (detail = 'The access token is missing, invalid or expired.') =>
    errors.error(401, 'Unauthorized', detail, {
      'WWW-Authenticate': 'Bearer resource_metadata="https://api.leadping.ai/.well-known/oauth-protected-resource"',
    }),
};

/** An account as the four endpoints show it. */
interface LeadpingAccount {
  readonly user: Wire<LeadpingUser> | Wire<LeadpingSeedUser>;
  /** Undefined: the endpoint answers 404, as before 2026. */
  readonly wallet?: Wire<LeadpingWallet>;
  readonly organization?: Wire<LeadpingOrganization>;
  /** Undefined: leadpingUsageSummary() for an account with a wallet (a 2026 one), else 404. */
  readonly usageSummary?: Wire<LeadpingUsageSummary>;
}

function leadpingAccount(account: (now: number) => LeadpingAccount): Scenario {
  return (request) => {
    const data = account(request.now);
    const found = (body: unknown): FakeResponse =>
      body === undefined ? errors.error(404, 'Not Found', `No resource at ${request.path}.`) : { status: 200, json: body };
    switch (request.path) {
      case LEADPING_ROUTES.user:
        return found(data.user);
      case LEADPING_ROUTES.wallet:
        return found(data.wallet);
      case LEADPING_ROUTES.organization:
        return found(data.organization);
      case LEADPING_ROUTES.usageSummary:
        return found(data.usageSummary ?? (data.wallet === undefined ? undefined : leadpingUsageSummary()));
      default:
        return found(undefined);
    }
  };
}

/** Dates sit relative to now so that the panel reads "renews in 24 days", not "9 months ago". */
export const LEADPING_2026_RENEWS_IN_MS = 24 * DAY_MS;
export const LEADPING_2026_CREDITS_EXPIRE_IN_MS = 100 * DAY_MS;
/** How long ago the default account's billing period began (its usage summary's periodStart). */
export const LEADPING_2026_PERIOD_STARTED_MS_AGO = 6 * DAY_MS;
const leadping2026Account = (now: number): LeadpingAccount => {
  const period = { periodStart: iso(now - LEADPING_2026_PERIOD_STARTED_MS_AGO), periodEnd: iso(now + LEADPING_2026_RENEWS_IN_MS) };
  return {
    user: leadpingUser({
      billingState: leadpingBillingState({ planRenewalAt: period.periodEnd, planPeriodStartAt: period.periodStart }),
    }),
    wallet: leadpingWallet({
      expiresAt: iso(now + LEADPING_2026_CREDITS_EXPIRE_IN_MS),
      nextCreditExpirationAt: iso(now + LEADPING_2026_CREDITS_EXPIRE_IN_MS),
    }),
    organization: leadpingOrganization(),
    usageSummary: leadpingUsageSummary(period),
  };
};
const leadping2026 = leadpingAccount(leadping2026Account);

/** The default account, whose usage summary answers `answer` instead. */
function leadping2026WithUsageSummary(answer: Scenario): Scenario {
  return (request) => (request.path === LEADPING_ROUTES.usageSummary ? answer(request) : leadping2026(request));
}

/**
 * The default account with hostile text (hostileText.ts) in every text field the client reads, and
 * in the ones it does not, so that it loads and shows it. Left well-formed, since the adapter
 * parses them and a payload there would only make the field unknown: dates, amounts, flags, the
 * wallet's currency (an ISO code, or the account falls back to USD), the time zone, and the usage
 * lines' status (it decides what counts as spend). Counter labels are the client's own words.
 */
const leadpingHostileAccount = (now: number): LeadpingAccount => {
  const account = leadping2026Account(now);
  const text = HOSTILE_VALUES;
  const person = { id: text.userId, name: text.displayName };
  const plan = { billingPlan: text.plan, subscriptionStatus: text.subscriptionStatus, phone: text.phone };
  const period = { periodStart: account.usageSummary?.periodStart, periodEnd: account.usageSummary?.periodEnd };
  const billingState = leadpingBillingState({
    planPeriodStartAt: period.periodStart,
    planRenewalAt: period.periodEnd,
    pendingBillingPlan: text.unread,
  });
  const hostileLine = (channel: string, customerChargeAmount: number): LeadpingUsageLine => ({
    channel,
    billableUnit: text.billableUnit,
    status: 'charged',
    quantity: 100,
    customerChargeAmount,
    recordCount: 100,
  });
  return {
    user: leadpingUser({
      ...person,
      ...plan,
      email: text.email,
      firstName: text.firstName,
      lastName: text.lastName,
      roles: [text.unread],
      identities: [{ issuer: text.identityIssuer, issuerAssignedId: text.identityAssignedId, signInType: text.signInType }],
      currentOrganization: { id: text.unread, name: text.organization },
      billingState,
      compliance: leadpingCompliance({
        trustedFormCertificates: [
          { id: text.unread, url: text.certificateUrl, source: text.certificateSource, createdAt: iso(now - 2 * DAY_MS) },
        ],
      }),
    }),
    wallet: leadpingWallet({
      ...account.wallet,
      id: text.unread,
      name: text.unread,
      sourceType: text.unread,
      creditStatus: text.unread,
      organizationId: text.unread,
      originalTransactionId: text.unread,
    }),
    organization: leadpingOrganization({
      ...plan,
      id: text.unread,
      name: text.organization,
      secondaryName: text.unread,
      user: person,
      billingState,
      status: text.unread,
      setupStatus: text.unread,
      website: text.unread,
      description: text.unread,
    }),
    usageSummary: leadpingUsageSummary({
      ...period,
      ...usageLinesWithTotals([hostileLine(text.usageChannel, 30), hostileLine(text.otherUsageChannel, 4.25)]),
      counters: [{ key: text.unread, label: text.unread, value: 175, unit: text.unread, sortOrder: 1 }],
    }),
  };
};

const EXTRA = { 'x-trace': { region: 'us-east-2', build: '2026.01.5' }, featureFlags: ['newInbox'], _links: { self: { href: '/x' } } };

const LEADPING_SCENARIOS: Record<string, Scenario> = {
  ...sharedScenarios(errors, leadping2026),
  'seed-shape': leadpingAccount(() => ({ user: leadpingSeedUser() })),
  '2026-shape-with-wallet': leadping2026,
  // The usage summary's own answers; every other path answers as the default account.
  'usage-normal': leadping2026,
  'usage-empty-period': leadpingAccount((now) => {
    const account = leadping2026Account(now);
    const { periodStart, periodEnd } = account.usageSummary ?? {};
    return { ...account, usageSummary: leadpingEmptyUsageSummary({ periodStart, periodEnd }) };
  }),
  'usage-403': leadping2026WithUsageSummary(() => errors.error(403, 'Forbidden', 'This API key may not read usage.')),
  'usage-404': leadping2026WithUsageSummary(() => errors.error(404, 'Not Found', 'No usage summary for this organization.')),
  'usage-malformed': leadping2026WithUsageSummary(() => ({
    status: 200,
    json: { periodStart: 'last Tuesday', customerChargeTotal: 'a lot', lines: 'sms, voice', counters: { key: 'leads' } },
  })),
  'usage-html': leadping2026WithUsageSummary(() => ({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    text: '<!DOCTYPE html><html><head><title>Usage</title></head><body><h1>Usage</h1></body></html>',
  })),
  'hostile-text': leadpingAccount(leadpingHostileAccount),
  // A 422 is quoted (401 and 403 never are): the problem's detail carries the payloads.
  'hostile-error': () => errors.error(422, 'Unprocessable Entity', HOSTILE_ERROR_MESSAGE),
  'wallet-404-falls-back-to-organizations': leadpingAccount(() => ({
    user: leadpingUser(),
    organization: leadpingOrganization({ accountBalance: 27.4 }),
  })),
  'numbers-as-strings': leadpingAccount(() => ({
    user: leadpingUser(),
    wallet: leadpingWallet({ balance: '12.50', nextExpiringCreditAmount: '2.5', amountRemaining: '12.50' }),
    organization: leadpingOrganization({ accountBalance: '12.50', autoRefillAmount: '20', autoRefillTrigger: '5.00' }),
    usageSummary: leadpingUsageSummary({
      customerChargeTotal: '41.25',
      lines: [{ channel: 'sms', billableUnit: 'sms_segment', status: 'charged', quantity: '1200', customerChargeAmount: '36.00' }],
    }),
  })),
  'missing-and-null-fields': leadpingAccount(() => ({
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
    // No total and no dates: the spend is what the one line with an amount says.
    usageSummary: {
      periodStart: null,
      periodEnd: null,
      customerChargeTotal: null,
      lines: [
        { channel: null, customerChargeAmount: 2 },
        { channel: 'voice', customerChargeAmount: null },
        { channel: 'sms', status: null, quantity: null, customerChargeAmount: 1.5 },
      ],
      counters: null,
    },
  })),
  'unknown-enum-values': leadpingAccount(() => ({
    user: leadpingUser({ billingPlan: 'Quarterly', subscriptionStatus: 'Suspended', roles: ['Wizard'] }),
    wallet: leadpingWallet({ creditStatus: 'frozen', sourceType: 'lottery' }),
    organization: leadpingOrganization({ status: 'Hibernating', billingPlan: 'Quarterly', subscriptionStatus: 'Suspended' }),
  })),
  'extra-keys': leadpingAccount(() => ({
    user: withExtraKeys(
      leadpingUser({ currentOrganization: withExtraKeys({ id: 'org_41', name: 'Acme Leads LLC' }, { tier: 'gold' }) }),
      EXTRA,
    ),
    wallet: withExtraKeys(leadpingWallet(), EXTRA),
    organization: withExtraKeys(leadpingOrganization(), EXTRA),
  })),
  'low-credit': leadpingAccount(() => ({
    user: leadpingUser(),
    wallet: leadpingWallet({ balance: 3.2, amountRemaining: 3.2, nextExpiringCreditAmount: 3.2 }),
    organization: leadpingOrganization({ accountBalance: 3.2, autoRefillEnabled: false, autoRefillAmount: 25, autoRefillTrigger: 5 }),
  })),
  'zero-credit': leadpingAccount(() => ({
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
  overdue: leadpingAccount(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Overdue', accountBalance: 1.1 }) })),
  canceled: leadpingAccount(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Canceled' }) })),
  cancelled: leadpingAccount(() => ({
    user: leadpingUser({ subscriptionStatus: 'Cancelled' }),
    wallet: leadpingWallet(),
    organization: leadpingOrganization({ subscriptionStatus: 'Canceled' }),
  })),
  pending: leadpingAccount(() => ({ user: leadpingSeedUser({ subscriptionStatus: 'Pending', accountBalance: 5 }) })),
  'cancels-soon': leadpingAccount((now) => ({
    user: leadpingSeedUser({ stripeInfo: { customerId: 'cus_Qx81', subscriptionIds: ['sub_1Mz'], cancelAt: iso(now + 20 * DAY_MS) } }),
  })),
  demo: leadpingAccount((now) => ({
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
      compliance: leadpingCompliance({
        trustedFormCertificates: [
          { id: 'tf_81', url: 'https://cert.trustedform.com/a81c2e', source: 'Open house sign-up', createdAt: iso(now - 9 * DAY_MS) },
          { id: 'tf_82', url: 'https://cert.trustedform.com/b92d3f', source: 'Website contact form', createdAt: iso(now - 2 * DAY_MS) },
        ],
      }),
      billingState: { hasStripeCustomer: true, hasPaymentMethod: true, planRenewalAt: iso(now + 11 * DAY_MS), cancelAt: null },
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
    // $9.90 in 19 days: at that rate the $3.20 left lasts about 6 days, short of the renewal in 11.
    usageSummary: leadpingUsageSummary({
      periodStart: iso(now - 19 * DAY_MS),
      periodEnd: iso(now + 11 * DAY_MS),
      ...usageLinesWithTotals([
        { channel: 'sms', billableUnit: 'sms_segment', status: 'charged', quantity: 200, customerChargeAmount: 6, recordCount: 180 },
        { channel: 'voice', billableUnit: 'voice_minute', status: 'charged', quantity: 48, customerChargeAmount: 2.4, recordCount: 21 },
        {
          channel: 'phone_number',
          billableUnit: 'phone_number_month',
          status: 'charged',
          quantity: 1,
          customerChargeAmount: 1,
          recordCount: 1,
        },
        { channel: 'email', billableUnit: 'email_message', status: 'charged', quantity: 250, customerChargeAmount: 0.5, recordCount: 250 },
      ]),
      counters: [leadsReceived(38)],
    }),
  })),
};

export const leadping: FakeServiceModule<'leadping'> = {
  id: 'leadping',
  displayName: 'Leadping',
  routes: Object.values(LEADPING_ROUTES),
  token: 'lp_test_key',
  scenarioTokenPrefix: 'lp_test_',
  scenarios: LEADPING_SCENARIOS,
  defaultScenario: '2026-shape-with-wallet',
  demoScenario: 'demo',
  ...errors,
};
