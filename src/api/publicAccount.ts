// An account as the exported API (src/api/accountGlanceApi.ts) and the language-model tool give it:
// copied field by field from what the panel shows, so nothing is shared with the extension's own
// state, nothing the API does not promise leaks out (never a token: snapshots hold none), and the
// result is frozen. Pure (no vscode import: lint enforces it): tested in plain Node.
import type { AccountGlanceAccount, AccountGlanceCounter, AccountGlanceForecast } from './accountGlanceApi';
import type { HeadlineForecast } from '../core/history/headlineForecast';
import type { AccountSnapshot } from '../core/model';
import { accountStatus, type AccountState } from '../core/refresh/accountState';
import type { ServiceAdapter } from '../core/services/serviceAdapter';

export interface PublicAccountSource {
  readonly adapter: ServiceAdapter;
  readonly state: AccountState;
  readonly forecast?: HeadlineForecast;
}

/** The account as the API gives it; undefined while it is signed out. */
export function publicAccount({ adapter, state, forecast }: PublicAccountSource): AccountGlanceAccount | undefined {
  const status = accountStatus(state);
  if (status === 'signedOut') return undefined;
  const snapshot = state.snapshot;
  const account: AccountGlanceAccount = {
    accountId: state.accountKey,
    service: { id: adapter.id, name: adapter.displayName },
    ...(state.label !== undefined && { label: state.label }),
    status,
    ...(snapshot && {
      profile: profileOf(snapshot),
      plan: withoutUndefined({
        name: snapshot.plan.name,
        status: snapshot.plan.subscriptionStatus,
        renewsAt: snapshot.plan.renewsAt,
        expiresAt: snapshot.plan.expiresAt,
      }),
      fetchedAt: snapshot.fetchedAt,
    }),
    counters: (snapshot?.counters ?? []).map((counter): AccountGlanceCounter =>
      withoutUndefined({
        id: counter.id,
        label: counter.label,
        value: counter.value,
        unit: { ...counter.unit },
        headline: counter.headline,
        expiresAt: counter.expiresAt,
      }),
    ),
    problems: (snapshot?.problems ?? []).map((problem) => ({ id: problem.id, severity: problem.severity })),
    ...(state.error && { error: { kind: state.error.kind } }),
    ...(forecast && snapshot && { forecast: publicForecast(forecast) }),
  };
  return deepFreeze(account);
}

/** What the language-model tool is asked (its inputSchema in package.json); a model may send anything. */
export interface AccountsQuestion {
  /** A service's id or name ('signeasy', 'Leadping'); every account when absent. */
  readonly service?: unknown;
}

/** The accounts asked about: those of the named service, or all when none is named. */
export function accountsAskedFor(
  accounts: readonly AccountGlanceAccount[],
  question: AccountsQuestion | undefined,
): AccountGlanceAccount[] {
  const asked = typeof question?.service === 'string' ? question.service.trim().toLowerCase() : '';
  if (!asked) return [...accounts];
  return accounts.filter((account) => account.service.id.toLowerCase() === asked || account.service.name.toLowerCase() === asked);
}

function profileOf({ identity }: AccountSnapshot): AccountGlanceAccount['profile'] {
  return withoutUndefined({ name: identity.displayName, email: identity.email, organization: identity.organization, id: identity.id });
}

function publicForecast({ counter, forecast }: HeadlineForecast): AccountGlanceForecast {
  const counterId = counter.id;
  switch (forecast.kind) {
    case 'notEnoughHistory':
    case 'empty':
    case 'notSpending':
      return { counterId, kind: forecast.kind };
    case 'runsOut':
      return { counterId, kind: 'runsOut', perDay: forecast.perDay, runsOutAt: forecast.runsOutAt };
    case 'refills':
      return { counterId, kind: 'refills', perDay: forecast.perDay, nextRefillAt: forecast.nextRefillAt };
  }
}

/** The object without its undefined fields: a reader sees "absent", as the API types say, never `key: undefined`. */
function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** What privacy mode lets a model see of an account: its service, status, problems and error kinds; no name, email, label, plan or amount. */
export interface PrivateAccount {
  readonly accountId: string;
  readonly service: AccountGlanceAccount['service'];
  readonly status: AccountGlanceAccount['status'];
  readonly counters: readonly { readonly id: string; readonly headline: boolean }[];
  readonly problems: AccountGlanceAccount['problems'];
  readonly error?: AccountGlanceAccount['error'];
  readonly forecast?: { readonly counterId: string; readonly kind: AccountGlanceForecast['kind'] };
}

export function privateAccount(account: AccountGlanceAccount): PrivateAccount {
  return {
    accountId: account.accountId,
    service: account.service,
    status: account.status,
    counters: account.counters.map((counter) => ({ id: counter.id, headline: counter.headline })),
    problems: account.problems,
    ...(account.error && { error: account.error }),
    ...(account.forecast && { forecast: { counterId: account.forecast.counterId, kind: account.forecast.kind } }),
  };
}
