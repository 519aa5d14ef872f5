// The words of the alerts Account Glance shows on its own (src/core/alerts/alertCrossings.ts
// decides when): one sentence per alert, in the person's language (l10n.t) with money and dates in
// their locale, its severity, and the titles of the actions it offers. Dates read as the tree's
// problem sentences read them (formatDate: "Dec 1, 2026", "01.12.2026"): an abbreviated month would
// end a German sentence in "1. Dez..".
// No `vscode` import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { ActiveAlert, AlertKind, BillingTrouble } from '../../core/alerts/alertCrossings';
import { formatCounterValue, formatDate, formatMoney } from './format';
import { accountHolderName, type AccountIdentity } from '../../core/model';
import type { AccountState } from '../../core/refresh/accountState';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';
import { accountTitle, privateAccountTitle } from './accountTitle';

export interface AlertAccount {
  readonly adapter: Pick<ServiceAdapter, 'id' | 'displayName'>;
  readonly state: AccountState;
  /** Every account, to tell whether the service has several. */
  readonly states: readonly AccountState[];
  /** Who the fresh snapshot says holds the account. */
  readonly identity: AccountIdentity;
  readonly privacyMode: boolean;
}

/**
 * How an alert names the account: the service's name ("Leadping"), its label when given
 * ("Leadping · Client A"), the holder once the service has several accounts ("Leadping (Maya
 * Okafor)"); in privacy mode the service and its number only ("Leadping 2").
 */
export function alertAccountName({ adapter, state, states, identity, privacyMode }: AlertAccount): string {
  if (privacyMode) return privateAccountTitle(adapter, state, states);
  const title = accountTitle(adapter, state);
  const several = states.filter((other) => other.signedIn && other.serviceId === state.serviceId).length > 1;
  const holder = accountHolderName(identity);
  return several && !state.label && holder ? l10n.t('{service} ({name})', { service: title, name: holder }) : title;
}

export interface AlertWordingContext {
  /** The service the alert is about, by its display name. */
  readonly serviceName: string;
  readonly locale?: string;
  /** Privacy mode: the sentence carries no amount (the name in `serviceName` is the caller's to hide). */
  readonly privacyMode?: boolean;
}

export type AlertSeverity = 'warning' | 'error';

/** Used up stops work, so it is an error; everything else can still be acted on in time. */
export function alertSeverity(kind: AlertKind): AlertSeverity {
  return kind === 'usedUp' ? 'error' : 'warning';
}

/** What a notification offers, in the order its buttons appear. */
export const ALERT_ACTIONS = ['openDashboard', 'snooze', 'mute'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

// Functions, not strings: l10n.t must run after activate() loaded the bundle, not at import.
const ACTION_TITLES: Readonly<Record<AlertAction, () => string>> = {
  openDashboard: () => l10n.t('Open Dashboard'),
  snooze: () => l10n.t('Snooze for a Day'),
  mute: () => l10n.t("Don't Warn About This"),
};

export function alertActionTitle(action: AlertAction): string {
  return ACTION_TITLES[action]();
}

/** The notification's text, e.g. "Leadping balance is low: $3.20 left (your threshold is $5.00)." Plain text. */
export function describeAlert(alert: ActiveAlert, context: AlertWordingContext): string {
  const { serviceName: service, locale } = context;
  if (context.privacyMode) return describeAlertPrivately(alert, context);
  switch (alert.kind) {
    case 'usedUp': {
      const { balance, envelopesLeft, graceEnvelopesLeft } = alert.params;
      if (balance !== undefined) {
        return l10n.t('{service}: no credit left ({balance}).', {
          service,
          balance: formatMoney(balance.amount, balance.currency, locale),
        });
      }
      if (envelopesLeft !== undefined || graceEnvelopesLeft !== undefined)
        return l10n.t('{service}: no envelope credits left.', { service });
      return l10n.t('{service}: no credits left.', { service });
    }
    case 'lowCredit': {
      const left = formatCounterValue(alert.value, alert.unit, locale);
      const money = alert.unit.kind === 'money';
      if (alert.threshold === undefined) {
        return money
          ? l10n.t('{service} balance is low: {amount} left.', { service, amount: left })
          : l10n.t('{service} credits are low: {count} left.', { service, count: left });
      }
      const threshold = formatCounterValue(alert.threshold, alert.unit, locale);
      return money
        ? l10n.t('{service} balance is low: {amount} left (your threshold is {threshold}).', { service, amount: left, threshold })
        : l10n.t('{service} credits are low: {count} left (your threshold is {threshold}).', { service, count: left, threshold });
    }
    case 'creditsExpiring': {
      const date = formatDate(alert.expiresAt, locale);
      const amount = formatCounterValue(alert.amount, alert.unit, locale);
      return alert.unit.kind === 'money'
        ? l10n.t('{service}: {amount} of credits expire on {date}.', { service, amount, date })
        : l10n.t('{service}: {count} credits expire on {date}.', { service, count: amount, date });
    }
    case 'billingTrouble':
      return alert.troubles.map((trouble) => describeBillingTrouble(trouble, context)).join(' ');
  }
}

/** The same alerts with no amount in them: what shows while privacy mode is on. */
function describeAlertPrivately(alert: ActiveAlert, context: AlertWordingContext): string {
  const { serviceName: service, locale } = context;
  switch (alert.kind) {
    case 'usedUp':
      return l10n.t('{service}: no credits left.', { service });
    case 'lowCredit':
      return alert.unit.kind === 'money'
        ? l10n.t('{service} balance is low.', { service })
        : l10n.t('{service} credits are low.', { service });
    case 'creditsExpiring':
      return l10n.t('{service}: some credits expire on {date}.', { service, date: formatDate(alert.expiresAt, locale) });
    case 'billingTrouble':
      return alert.troubles.map((trouble) => describeBillingTrouble(trouble, context)).join(' ');
  }
}

function describeBillingTrouble(trouble: BillingTrouble, context: AlertWordingContext): string {
  const service = context.serviceName;
  switch (trouble.reason) {
    case 'subscriptionOverdue':
      return l10n.t('{service}: the subscription is overdue.', { service });
    case 'subscriptionCanceled':
      return l10n.t('{service}: the subscription is canceled.', { service });
    case 'subscriptionPending':
      return l10n.t('{service}: the subscription is pending, not active yet.', { service });
    case 'subscriptionCancels':
      return l10n.t('{service}: the subscription cancels on {date}.', { service, date: formatDate(trouble.at, context.locale) });
    case 'subscriptionExpires':
      return l10n.t('{service}: the subscription ends on {date} and will not renew (auto-renew is off).', {
        service,
        date: formatDate(trouble.at, context.locale),
      });
    case 'emailUnverified':
      return l10n.t('{service}: the email address is not verified, so API calls will not work until it is.', { service });
    case 'accountNotActivated':
      return l10n.t('{service}: the account is not activated yet.', { service });
  }
}
