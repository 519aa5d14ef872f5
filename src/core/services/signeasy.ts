// Signeasy: everything comes from one flat object at GET /v3/me/. Times are epoch seconds, flags
// are 0/1, and credits decide whether signature requests will go through at all.
import {
  PROBLEM_IDS,
  type AccountPlan,
  type AccountProblem,
  type AccountSnapshot,
  type CreditCounter,
  type FetchResult,
  type ServiceError,
} from '../model';
import {
  asEpochSeconds,
  asFlag,
  asNumber,
  asObject,
  asText,
  firstDefined,
  joinName,
  type JsonObject,
  unexpectedShapeError,
} from './jsonReaders';
import type { ServiceAdapter } from './serviceAdapter';

const DISPLAY_NAME = 'Signeasy';
export const SIGNEASY_ME_PATH = '/v3/me/';
/** Signeasy sends 429 without Retry-After; its docs say to retry after a minute. */
const SIGNEASY_RATE_LIMIT_WAIT_MS = 60_000;

const PLAN_NAMES: Readonly<Record<number, string>> = {
  0: 'Basic',
  1: 'Lifetime Standard',
  2: 'Standard',
  3: 'Plus',
  4: 'Premium',
};

export const signeasyAdapter: ServiceAdapter = {
  id: 'signeasy',
  displayName: DISPLAY_NAME,
  shortMark: 'SE',
  defaultBaseUrl: 'https://api.signeasy.com',
  defaultLowCreditThreshold: 20,
  dashboardUrl: 'https://app.signeasy.com',
  tokenHelpUrl: 'https://signeasy.com/developers',
  async fetchSnapshot(http, now): Promise<FetchResult> {
    const response = await http.getJson(SIGNEASY_ME_PATH);
    if (!response.ok) return { ok: false, error: explainSigneasyError(response.error) };
    const user = asObject(response.body);
    if (!user) return { ok: false, error: unexpectedShapeError(SIGNEASY_ME_PATH) };
    return { ok: true, snapshot: buildSigneasySnapshot(user, now) };
  },
};

/** What only Signeasy's own docs tell: 401 also means a missing scope; 429 means wait a minute. */
function explainSigneasyError(error: ServiceError): ServiceError {
  if (error.kind === 'unauthorized' && error.status === 401) return { ...error, hint: 'scopeMayBeMissing' };
  if (error.kind === 'rateLimited' && error.retryAfterMs === undefined) {
    return { ...error, retryAfterMs: SIGNEASY_RATE_LIMIT_WAIT_MS, hint: 'retryAfterAMinute' };
  }
  return error;
}

export function buildSigneasySnapshot(user: JsonObject, now: number): AccountSnapshot {
  const count = (noun: string) => ({ kind: 'count', noun }) as const;
  const counter = (id: string, label: string, value: unknown, noun: string, headline = false): CreditCounter => ({
    id,
    label,
    value: asNumber(value),
    unit: count(noun),
    headline,
  });
  const counters = [
    counter('envelopesAvailable', 'Envelopes available', user.envelope_credits_available, 'envelopes', true),
    counter('envelopesUsed', 'Envelopes used', user.envelope_credits_consumed, 'envelopes'),
    counter('graceEnvelopesAvailable', 'Grace envelopes available', user.grace_envelope_credits_available, 'envelopes'),
    counter('graceEnvelopesUsed', 'Grace envelopes used', user.grace_envelope_credits_consumed, 'envelopes'),
    counter('documentCredits', 'Document credits', user.document_credits, 'credits'),
    counter('signedFiles', 'Signed files', user.signed_file_count, 'files'),
    counter('importedFiles', 'Imported files', user.imported_file_count, 'files'),
  ];
  return {
    serviceId: signeasyAdapter.id,
    identity: {
      displayName: firstDefined(joinName(user.first_name, user.last_name), asText(user.email)),
      email: asText(user.email),
      id: asText(user.id),
      organization: asText(user.company),
      createdAt: asEpochSeconds(user.created_time),
    },
    plan: readPlan(user),
    counters,
    problems: findProblems(user),
    lists: [],
    fetchedAt: now,
  };
}

function readPlan(user: JsonObject): AccountPlan {
  const accountType = asNumber(user.account_type);
  const autoRenew = asFlag(user.is_auto_renew);
  const expiry = asEpochSeconds(user.subscription_expiry_time);
  return {
    name: accountType === undefined ? undefined : (PLAN_NAMES[accountType] ?? `Plan ${accountType}`),
    subscriptionStatus: asText(user.subscription_status),
    paid: asFlag(user.is_paid),
    autoRenew,
    // The same moment is a renewal when auto-renew is on and an end otherwise.
    renewsAt: autoRenew === true ? expiry : undefined,
    expiresAt: autoRenew === true ? undefined : expiry,
  };
}

function findProblems(user: JsonObject): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (asFlag(user.email_verified) === false) {
    problems.push({ id: PROBLEM_IDS.emailUnverified, severity: 'error' });
  }
  if (asFlag(user.status) === false) {
    problems.push({ id: PROBLEM_IDS.accountNotActivated, severity: 'warning' });
  }
  const envelopes = asNumber(user.envelope_credits_available);
  const grace = asNumber(user.grace_envelope_credits_available);
  const graceUsed = asNumber(user.grace_envelope_credits_consumed);
  if (envelopes !== undefined && grace !== undefined && envelopes <= 0 && grace <= 0) {
    problems.push({ id: PROBLEM_IDS.creditsExhausted, severity: 'error', params: { envelopesLeft: envelopes, graceEnvelopesLeft: grace } });
    return problems;
  }
  // Consumed grace credits stay counted after a top-up, so they only mean "in use" while envelopes are out.
  const outOfEnvelopes = envelopes !== undefined && envelopes <= 0;
  if (outOfEnvelopes || (envelopes === undefined && graceUsed !== undefined && graceUsed > 0)) {
    problems.push({
      id: PROBLEM_IDS.graceCreditsInUse,
      severity: 'warning',
      ...(grace === undefined ? {} : { params: { graceEnvelopesLeft: grace } }),
    });
  }
  return problems;
}
