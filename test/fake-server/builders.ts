// Short builders for the services' JSON, modelled on the seeds (/work/shared/seeds) and the 2026
// OpenAPI excerpt. Each returns a full, believable body; tests pass only the fields they care about.

type Json = Record<string, unknown>;

/** GET /users/me as documented 2023–2025: balance, auto-refill and Stripe info on the user. */
export function leadpingSeedUser(overrides: Json = {}): Json {
  return {
    id: 'usr_7Hq2Kd9',
    createdAt: '2023-11-07T05:31:56Z',
    modifiedAt: '2024-06-12T14:02:11Z',
    name: 'Jordan Avery',
    email: 'jordan@acmeleads.example',
    firstName: 'Jordan',
    lastName: 'Avery',
    phone: '+15555550142',
    billingPlan: 'Monthly',
    subscriptionStatus: 'Active',
    roles: ['Admin'],
    identities: [{ issuer: 'leadping.ai', issuerAssignedId: 'jordan@acmeleads.example', signInType: 'emailAddress' }],
    stripeInfo: { customerId: 'cus_Qx81', defaultPaymentMethodId: 'pm_1Nf', subscriptionIds: ['sub_1Mz'], cancelAt: null },
    accountBalance: 42.5,
    autoRefillEnabled: true,
    autoRefillAmount: 25,
    autoRefillTrigger: 10,
    business: { id: 'biz_41', name: 'Acme Leads LLC' },
    compliance: {
      acceptedTerms: true,
      acceptedToSubscription: true,
      acceptedSms: true,
      acceptedBaa: false,
      acceptedEmail: true,
      trustedFormCertificates: [
        { id: 'tf_1', url: 'https://cert.trustedform.com/5f1a9e', source: 'web form', createdAt: '2024-02-01T10:00:00Z' },
      ],
    },
    ...overrides,
  };
}

/** GET /users/me as published in 2026: no balance; organization reference and billing state instead. */
export function leadpingUser(overrides: Json = {}): Json {
  return {
    id: 'usr_7Hq2Kd9',
    createdAt: '2024-01-15T09:12:00Z',
    modifiedAt: '2026-01-03T08:00:00Z',
    name: 'Jordan Avery',
    email: 'jordan@acmeleads.example',
    firstName: 'Jordan',
    lastName: 'Avery',
    phone: '+15555550142',
    timeZoneId: 'America/Chicago',
    billingPlan: 'Monthly',
    subscriptionStatus: 'Active',
    billingState: leadpingBillingState(),
    roles: ['OrganizationOwner', 'Agent'],
    identities: [{ issuer: 'leadping.ai', issuerAssignedId: 'jordan@acmeleads.example', signInType: 'emailAddress' }],
    currentOrganization: { id: 'org_41', name: 'Acme Leads LLC' },
    compliance: {
      acceptedTerms: true,
      acceptedToSubscription: true,
      acceptedSms: true,
      acceptedBaa: false,
      acceptedEmail: true,
      trustedFormCertificates: [],
    },
    lastLoggedInAt: '2026-01-05T16:45:00Z',
    ...overrides,
  };
}

export function leadpingBillingState(overrides: Json = {}): Json {
  return {
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
    ...overrides,
  };
}

/** GET /wallets/me (2026). */
export function leadpingWallet(overrides: Json = {}): Json {
  return {
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
    ...overrides,
  };
}

/** GET /organizations/me (2026). */
export function leadpingOrganization(overrides: Json = {}): Json {
  return {
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
    ...overrides,
  };
}

/** GET /usage/summary/my (2026). */
export function leadpingUsageSummary(overrides: Json = {}): Json {
  return {
    periodStart: '2026-01-01T00:00:00Z',
    periodEnd: '2026-02-01T00:00:00Z',
    customerChargeTotal: 41.25,
    billableQuantityTotal: 1375,
    transactionCount: 1375,
    pendingInvoiceCount: 0,
    failedCount: 2,
    lines: [{ channel: 'sms', billableUnit: 'sms_segment', status: 'billed', quantity: 1200, customerChargeAmount: 36, recordCount: 1200 }],
    counters: [{ key: 'leads', label: 'Leads received', value: 175, unit: 'lead', sortOrder: 1 }],
    ...overrides,
  };
}

/** RFC 9457 problem details, as Leadping sends for errors. */
export function leadpingProblem(status: number, title: string, detail: string): Json {
  return { type: `https://httpstatuses.io/${status}`, title, status, detail, instance: null };
}

/** GET /v3/me/: the documented example user plus the credit fields (1760 / 40 / 180 / 0). */
export function signeasyUser(overrides: Json = {}): Json {
  return {
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
    ...overrides,
  };
}

/** Signeasy's (unconfirmed) error body. */
export function signeasyError(status: number, message: string): Json {
  return { status, message };
}
