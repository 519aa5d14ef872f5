// Leadping: profile from /users/me (two shapes in the wild: the 2023–2025 one with the balance and
// auto-refill on the user, and the 2026 one that moved them to /wallets/me and /organizations/me).
// All three are asked for at once; only /users/me is required.
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
    const [user, wallet, organization] = await Promise.all([
      http.getJson(LEADPING_PATHS.user),
      http.getJson(LEADPING_PATHS.wallet),
      http.getJson(LEADPING_PATHS.organization),
    ]);
    if (!user.ok) return { ok: false, error: user.error };
    const userBody = asObject(user.body);
    if (!userBody) return { ok: false, error: unexpectedShapeError(LEADPING_PATHS.user) };
    return { ok: true, snapshot: buildLeadpingSnapshot(userBody, optionalBody(wallet), optionalBody(organization), now) };
  },
};

/** Wallet and organization are extras: any failure or odd shape means "not known", not an error. */
function optionalBody(response: JsonResponse): JsonObject | undefined {
  return response.ok ? asObject(response.body) : undefined;
}

export function buildLeadpingSnapshot(
  user: JsonObject,
  wallet: JsonObject | undefined,
  organization: JsonObject | undefined,
  now: number,
): AccountSnapshot {
  const currency = asCurrencyCode(wallet?.currency) ?? DEFAULT_CURRENCY;
  const balance = firstDefined(asNumber(wallet?.balance), asNumber(user.accountBalance), asNumber(organization?.accountBalance));
  const autoRefill = readAutoRefill(user, organization, currency);
  const plan = readPlan(user, organization, autoRefill);
  return {
    serviceId: leadpingAdapter.id,
    identity: readIdentity(user, organization),
    plan,
    counters: readCounters(balance, wallet, autoRefill, currency),
    problems: findProblems(balance, plan, autoRefill, currency, now),
    lists: readLists(user),
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
