// Leadping's JSON as it comes over the wire, for the builders and scenarios in leadping.ts: the
// 2026 shapes from the provider's OpenAPI excerpt (/work/shared/api/leadping-openapi-2026-excerpt.json:
// UserResponse, WalletResponse, OrganizationResponse, UsageSummaryResponse and what they hold) and
// the 2023–2025 /users/me from the seed, as /work/shared/API.md describes them. A misspelt field in
// a builder's overrides or a scenario's body fails `npm run typecheck`.
import type { Wire, WireNumber } from '../wire';

export interface LeadpingIdNamePair {
  readonly id: string;
  readonly name: string;
}

export interface LeadpingIdentity {
  readonly issuer: string;
  readonly issuerAssignedId: string;
  readonly signInType: string;
}

export interface LeadpingTrustedFormCertificate {
  readonly id: string;
  readonly url: string;
  readonly source: string;
  readonly createdAt: string;
}

export interface LeadpingCompliance {
  readonly acceptedTerms: boolean;
  readonly acceptedToSubscription: boolean;
  readonly acceptedSms: boolean;
  readonly acceptedBaa: boolean;
  readonly acceptedEmail: boolean;
  readonly trustedFormCertificates: readonly Wire<LeadpingTrustedFormCertificate>[];
}

/** OrganizationDunningInfo: a failed payment and what happens next. */
export interface LeadpingDunning {
  readonly stage: string;
  readonly paymentFailedAt: string;
  readonly lastFailedInvoiceStatus: string;
  readonly retryAttemptCount: WireNumber;
  readonly nextRetryAt: string;
  readonly gracePeriodEndsAt: string;
  readonly outboundRestrictedAt: string;
  readonly outboundSuspendedAt: string;
  readonly finalCancellationAt: string;
  readonly lastUpdatedAt: string;
}

/** OrganizationBillingState, on the 2026 user and on the organization. */
export interface LeadpingBillingState {
  readonly hasStripeCustomer: boolean;
  readonly hasPaymentMethod: boolean;
  readonly phoneNumberQuantity: WireNumber;
  readonly organizationMemberQuantity: WireNumber;
  readonly organizationMemberAssignedQuantity: WireNumber;
  /** Annual | Monthly. */
  readonly pendingBillingPlan: string;
  readonly billingPlanChangeEffectiveAt: string;
  readonly planRenewalAt: string;
  readonly planPeriodStartAt: string;
  readonly cancelAt: string;
  readonly dunning: Wire<LeadpingDunning>;
  readonly lastSubscriptionEventAt: string;
  readonly lastPaymentMethodEventAt: string;
}

/** What a user and an organization share: who, when, and which plan. */
interface LeadpingResource {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
  readonly phone: string;
  /** Annual | Monthly, and values not listed. */
  readonly billingPlan: string;
  /** Pending | Active | Overdue | Canceled; Cancelled has been seen. */
  readonly subscriptionStatus: string;
}

/** GET /users/me as the seed documents it (2023–2025): balance, auto-refill and Stripe on the user. */
export interface LeadpingSeedUser extends LeadpingResource {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly roles: readonly string[];
  readonly identities: readonly Wire<LeadpingIdentity>[];
  readonly stripeInfo: Wire<{
    readonly customerId: string;
    readonly defaultPaymentMethodId: string;
    readonly subscriptionIds: readonly string[];
    readonly cancelAt: string;
  }>;
  readonly accountBalance: WireNumber;
  readonly autoRefillEnabled: boolean;
  readonly autoRefillAmount: WireNumber;
  readonly autoRefillTrigger: WireNumber;
  readonly business: Wire<LeadpingIdNamePair>;
  readonly compliance: Wire<LeadpingCompliance>;
}

/** GET /users/me, UserResponse (2026): no balance; the current organization and its billing state. */
export interface LeadpingUser extends LeadpingResource {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly timeZoneId: string;
  readonly billingState: Wire<LeadpingBillingState>;
  readonly roles: readonly string[];
  readonly identities: readonly Wire<LeadpingIdentity>[];
  readonly currentOrganization: Wire<LeadpingIdNamePair>;
  readonly compliance: Wire<LeadpingCompliance>;
  readonly notificationPreferences: Readonly<Record<string, unknown>>;
  readonly mobileDevicePreferences: readonly unknown[];
  readonly lastLoggedInAt: string;
  readonly personalDataDeletionRequestedAt: string;
  readonly personalDataDeletedAt: string;
  readonly personalDataDeletionStatus: string;
  readonly personalDataDeletionReason: string;
}

/** GET /wallets/me, WalletResponse (2026): the organization's credit wallet. */
export interface LeadpingWallet {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
  readonly balance: WireNumber;
  readonly currency: string;
  readonly balanceCalculatedAt: string;
  readonly amountPurchased: WireNumber;
  readonly amountRemaining: WireNumber;
  readonly purchasedAt: string;
  readonly expiresAt: string;
  /** purchase | promo | admin_adjustment | refund_adjustment | chargeback_reversal | compromise_restoration. */
  readonly sourceType: string;
  /** active | consumed | expired | refunded | voided | disputed. */
  readonly creditStatus: string;
  readonly organizationId: string;
  readonly originalTransactionId: string;
  readonly nextCreditExpirationAt: string;
  readonly nextExpiringCreditAmount: WireNumber;
  readonly expiredCreditAmount: WireNumber;
}

/** GET /organizations/me, OrganizationResponse (2026). */
export interface LeadpingOrganization extends LeadpingResource {
  readonly secondaryName: string;
  readonly user: Wire<LeadpingIdNamePair>;
  readonly accountBalance: WireNumber;
  readonly billingState: Wire<LeadpingBillingState>;
  readonly autoRefillEnabled: boolean;
  readonly autoRefillAmount: WireNumber;
  readonly autoRefillTrigger: WireNumber;
  /** SettingUp | SetupCompleted | Active. */
  readonly status: string;
  readonly setupStatus: string;
  readonly enabled: boolean;
  readonly website: string;
  readonly address: Readonly<Record<string, unknown>>;
  readonly billingName: string;
  readonly billingAddress: Readonly<Record<string, unknown>>;
  readonly billingTaxId: string;
  readonly vertical: string;
  readonly description: string;
  readonly ein: string;
  readonly einDocument: Readonly<Record<string, unknown>>;
  readonly domain: string;
  readonly phones: readonly unknown[];
  readonly site: Readonly<Record<string, unknown>>;
  readonly setupStep: string;
  readonly activation: Readonly<Record<string, unknown>>;
  readonly compliancePolicy: Readonly<Record<string, unknown>>;
}

/** GET /usage/summary/my, UsageSummaryResponse (2026). */
export interface LeadpingUsageSummary {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly customerChargeTotal: WireNumber;
  readonly billableQuantityTotal: WireNumber;
  readonly transactionCount: WireNumber;
  readonly pendingInvoiceCount: WireNumber;
  readonly failedCount: WireNumber;
  readonly lines: readonly Wire<{
    readonly channel: string;
    readonly billableUnit: string;
    readonly status: string;
    readonly quantity: WireNumber;
    readonly customerChargeAmount: WireNumber;
    readonly recordCount: WireNumber;
  }>[];
  readonly counters: readonly Wire<{
    readonly key: string;
    readonly label: string;
    readonly value: WireNumber;
    readonly unit: string;
    readonly sortOrder: WireNumber;
  }>[];
}

/** RFC 9457 problem details, Leadping's error body. */
export interface LeadpingProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
}
