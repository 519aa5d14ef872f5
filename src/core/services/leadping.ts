// Leadping: profile from /users/me (two shapes in the wild: the 2023–2025 one with the balance and
// auto-refill on the user, and the 2026 one that moved them to /wallets/me and /organizations/me),
// and the billing period's spend from /usage/summary/my. All four are asked for at once; only
// /users/me is required.
import { asCurrencyCode, formatIsoDate } from '../money';
import {
  PROBLEM_IDS,
  type AccountIdentity,
  type AccountPlan,
  type AccountProblem,
  type AccountSnapshot,
  type AutoRefill,
  type CreditCounter,
  type DetailList,
  type FetchResult,
  type PeriodUsage,
  type PeriodUsageLine,
} from '../model';
import {
  asArray,
  asFlag,
  asIsoTime,
  asNumber,
  asObject,
  asText,
  firstDefined,
  joinDefined,
  joinName,
  type JsonObject,
  unexpectedShapeError,
} from './jsonReaders';
import type { JsonResponse, ServiceAdapter } from './serviceAdapter';

const DISPLAY_NAME = 'Leadping';
const DEFAULT_CURRENCY = 'USD';

export const LEADPING_PATHS = {
  user: '/users/me',
  wallet: '/wallets/me',
  organization: '/organizations/me',
  /** Without a query: the current billing period. */
  usageSummary: '/usage/summary/my',
} as const;

export const leadpingAdapter: ServiceAdapter = {
  id: 'leadping',
  displayName: DISPLAY_NAME,
  shortMark: 'LP',
  defaultBaseUrl: 'https://api.leadping.ai',
  defaultLowCreditThreshold: 5,
  dashboardUrl: 'https://leadping.ai',
  tokenHelpUrl: 'https://leadping.ai/api-keys',
  async fetchSnapshot(http, now): Promise<FetchResult> {
    const [user, wallet, organization, usageSummary] = await Promise.all([
      http.getJson(LEADPING_PATHS.user),
      http.getJson(LEADPING_PATHS.wallet),
      http.getJson(LEADPING_PATHS.organization),
      http.getJson(LEADPING_PATHS.usageSummary),
    ]);
    if (!user.ok) return { ok: false, error: user.error };
    const userBody = asObject(user.body);
    if (!userBody) return { ok: false, error: unexpectedShapeError(LEADPING_PATHS.user) };
    return {
      ok: true,
      snapshot: buildLeadpingSnapshot(userBody, optionalBody(wallet), optionalBody(organization), now, optionalBody(usageSummary)),
    };
  },
};

/**
 * Wallet, organization and usage summary are extras: any failure (a 404 before 2026, a 403 for a
 * key without usage permission) or odd shape means "not known for this key", not an error.
 */
function optionalBody(response: JsonResponse): JsonObject | undefined {
  return response.ok ? asObject(response.body) : undefined;
}

export function buildLeadpingSnapshot(
  user: JsonObject,
  wallet: JsonObject | undefined,
  organization: JsonObject | undefined,
  now: number,
  usageSummary?: JsonObject,
): AccountSnapshot {
  const currency = asCurrencyCode(wallet?.currency) ?? DEFAULT_CURRENCY;
  const balance = firstDefined(asNumber(wallet?.balance), asNumber(user.accountBalance), asNumber(organization?.accountBalance));
  const autoRefill = readAutoRefill(user, organization, currency);
  const plan = readPlan(user, organization, autoRefill);
  const periodUsage = usageSummary === undefined ? undefined : readPeriodUsage(usageSummary, currency);
  return {
    serviceId: leadpingAdapter.id,
    identity: readIdentity(user, organization),
    plan,
    counters: readCounters(balance, wallet, autoRefill, currency),
    problems: findProblems(balance, plan, autoRefill, currency, now),
    lists: readLists(user),
    ...(periodUsage === undefined ? {} : { periodUsage }),
    fetchedAt: now,
  };
}

function readIdentity(user: JsonObject, organization: JsonObject | undefined): AccountIdentity {
  return {
    displayName: firstDefined(asText(user.name), joinName(user.firstName, user.lastName)),
    email: asText(user.email),
    id: asText(user.id),
    organization: firstDefined(
      nameOf(user.business),
      nameOf(user.currentOrganization),
      nameOf(user.currentBusiness),
      asText(organization?.name),
    ),
    phone: asText(user.phone),
    createdAt: asIsoTime(user.createdAt),
  };
}

/** `{id, name}` references, or a bare name where an older shape used one. */
function nameOf(reference: unknown): string | undefined {
  return typeof reference === 'string' ? asText(reference) : asText(asObject(reference)?.name);
}

/** The seed shape carries auto-refill on the user; the 2026 shape on the organization. */
function readAutoRefill(user: JsonObject, organization: JsonObject | undefined, currency: string): AutoRefill | undefined {
  const enabled = firstDefined(asFlag(user.autoRefillEnabled), asFlag(organization?.autoRefillEnabled));
  const amount = firstDefined(asNumber(user.autoRefillAmount), asNumber(organization?.autoRefillAmount));
  const trigger = firstDefined(asNumber(user.autoRefillTrigger), asNumber(organization?.autoRefillTrigger));
  if (enabled === undefined && amount === undefined && trigger === undefined) return undefined;
  return { enabled, amount, trigger, currency };
}

function readPlan(user: JsonObject, organization: JsonObject | undefined, autoRefill: AutoRefill | undefined): AccountPlan {
  const billingState = firstDefined(asObject(user.billingState), asObject(organization?.billingState));
  return {
    name: firstDefined(asText(user.billingPlan), asText(organization?.billingPlan)),
    subscriptionStatus: firstDefined(asText(user.subscriptionStatus), asText(organization?.subscriptionStatus)),
    renewsAt: asIsoTime(billingState?.planRenewalAt),
    cancelsAt: firstDefined(asIsoTime(asObject(user.stripeInfo)?.cancelAt), asIsoTime(billingState?.cancelAt)),
    autoRefill,
  };
}

function readCounters(
  balance: number | undefined,
  wallet: JsonObject | undefined,
  autoRefill: AutoRefill | undefined,
  currency: string,
): CreditCounter[] {
  const unit = { kind: 'money', currency } as const;
  const counters: CreditCounter[] = [{ id: 'balance', label: 'Balance', value: balance, unit, headline: true }];
  const expiring = asNumber(wallet?.nextExpiringCreditAmount);
  if (expiring !== undefined) {
    counters.push({
      id: 'nextExpiringCredits',
      label: 'Expiring next',
      value: expiring,
      unit,
      headline: false,
      expiresAt: firstDefined(asIsoTime(wallet?.nextCreditExpirationAt), asIsoTime(wallet?.expiresAt)),
    });
  }
  if (autoRefill?.amount !== undefined) {
    counters.push({ id: 'autoRefillAmount', label: 'Auto-refill amount', value: autoRefill.amount, unit, headline: false });
  }
  if (autoRefill?.trigger !== undefined) {
    counters.push({ id: 'autoRefillTrigger', label: 'Auto-refill below', value: autoRefill.trigger, unit, headline: false });
  }
  return counters;
}

/** Usage in these states was never charged, or was given back: not spend. Unknown states count. */
const UNCHARGED_USAGE_STATUSES: ReadonlySet<string> = new Set([
  'failed',
  'refunded_credited',
  'non_billable_internal',
  'blocked_due_to_billing',
]);

interface ChannelSpend {
  readonly amount: number;
  readonly quantity: number | undefined;
  readonly billableUnit: string | undefined;
}

/**
 * The summary's spend, in the wallet's currency (the summary names none). It lists a line per
 * channel and status: each channel's lines are summed into one. Undefined when the summary gives
 * neither a total nor a line with an amount: nothing is known, which is not the same as $0.
 */
function readPeriodUsage(summary: JsonObject, currency: string): PeriodUsage | undefined {
  const byChannel = new Map<string, ChannelSpend>();
  for (const line of asArray(summary.lines).map(asObject)) {
    const channel = asText(line?.channel);
    const amount = asNumber(line?.customerChargeAmount);
    const status = asText(line?.status)?.toLowerCase();
    if (channel === undefined || amount === undefined || (status !== undefined && UNCHARGED_USAGE_STATUSES.has(status))) continue;
    const quantity = asNumber(line?.quantity);
    const billableUnit = asText(line?.billableUnit);
    const earlier = byChannel.get(channel);
    byChannel.set(
      channel,
      earlier === undefined
        ? { amount, quantity, billableUnit }
        : {
            amount: earlier.amount + amount,
            // Segments and minutes do not add up: a quantity only while every line counts the same unit.
            quantity:
              earlier.quantity !== undefined && quantity !== undefined && earlier.billableUnit === billableUnit
                ? earlier.quantity + quantity
                : undefined,
            billableUnit: earlier.billableUnit,
          },
    );
  }
  const lines = [...byChannel].map(([channel, { amount, quantity }]): PeriodUsageLine => ({
    id: channel,
    label: channel,
    amount,
    ...(quantity === undefined ? {} : { quantity }),
  }));
  const linesTotal = lines.length === 0 ? undefined : lines.reduce((sum, line) => sum + line.amount, 0);
  const total = firstDefined(asNumber(summary.customerChargeTotal), linesTotal);
  if (total === undefined) return undefined;
  const periodStart = asIsoTime(summary.periodStart);
  const periodEnd = asIsoTime(summary.periodEnd);
  return {
    ...(periodStart === undefined ? {} : { periodStart }),
    ...(periodEnd === undefined ? {} : { periodEnd }),
    total: { amount: total, currency },
    lines,
  };
}

function findProblems(
  balance: number | undefined,
  plan: AccountPlan,
  autoRefill: AutoRefill | undefined,
  currency: string,
  now: number,
): AccountProblem[] {
  const problems: AccountProblem[] = [];
  const money = (amount: number) => ({ amount, currency });
  // Leadping has spelled it both "Canceled" and "Cancelled".
  const status = plan.subscriptionStatus?.toLowerCase();
  if (status === 'overdue') {
    problems.push({ id: PROBLEM_IDS.subscriptionOverdue, severity: 'error' });
  } else if (status === 'canceled' || status === 'cancelled') {
    problems.push({ id: PROBLEM_IDS.subscriptionCanceled, severity: 'error' });
  } else if (status === 'pending') {
    problems.push({ id: PROBLEM_IDS.subscriptionPending, severity: 'warning' });
  }
  if (plan.cancelsAt !== undefined && plan.cancelsAt > now && status !== 'canceled' && status !== 'cancelled') {
    problems.push({ id: PROBLEM_IDS.subscriptionCancels, severity: 'warning', params: { cancelsAt: plan.cancelsAt } });
  }
  if (balance !== undefined && balance <= 0) {
    problems.push({ id: PROBLEM_IDS.creditsExhausted, severity: 'error', params: { balance: money(balance) } });
  } else if (balance !== undefined && autoRefill?.enabled === false && autoRefill.trigger !== undefined && balance < autoRefill.trigger) {
    problems.push({
      id: PROBLEM_IDS.belowRefillTrigger,
      severity: 'warning',
      params: { balance: money(balance), refillTrigger: money(autoRefill.trigger) },
    });
  }
  return problems;
}

function readLists(user: JsonObject): DetailList[] {
  const lists: DetailList[] = [];
  const identities = asArray(user.identities)
    .map(asObject)
    .filter((identity) => identity !== undefined)
    .map((identity) => ({
      label: asText(identity.issuer) ?? asText(identity.signInType) ?? 'Identity',
      description: joinDefined([asText(identity.signInType), asText(identity.issuerAssignedId)], ' · '),
    }));
  if (identities.length > 0) lists.push({ id: 'identities', label: 'Sign-in identities', items: identities });
  const certificates = asArray(asObject(user.compliance)?.trustedFormCertificates)
    .map(asObject)
    .filter((certificate) => certificate !== undefined)
    .map((certificate) => {
      const createdAt = asIsoTime(certificate.createdAt);
      return {
        label: asText(certificate.url) ?? asText(certificate.id) ?? 'Certificate',
        description: joinDefined([asText(certificate.source), createdAt === undefined ? undefined : formatIsoDate(createdAt)], ' · '),
      };
    });
  if (certificates.length > 0) lists.push({ id: 'trustedFormCertificates', label: 'TrustedForm certificates', items: certificates });
  return lists;
}
