// What the Accounts tree shows for one service, as plain data. The tree provider turns these
// rows into TreeItems; keeping them free of `vscode` lets every state be tested in plain Node.
// Every word goes through l10n.t (the bundle VS Code loaded); sentences about errors and problems
// come from errorWording.ts and snapshotWording.ts.
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import { describeForecast, describeForecastBriefly } from './forecastText';
import * as l10n from '@vscode/l10n';
import { BASE_URL_SETTING } from '../../core/settingValues';
import { accountStatus, type AccountState, type AccountStatus } from '../../core/refresh/accountState';
import {
  accountHolderName,
  type AccountProblem,
  type AccountSnapshot,
  type DetailList,
  type PeriodUsage,
  type ProblemSeverity,
  type ServiceError,
} from '../../core/model';
import { describeError, errorTitle } from './errorWording';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';
import {
  formatCount,
  formatCounterValue,
  formatDate,
  formatDateRange,
  formatExactTime,
  formatMoney,
  formatRelativeTime,
  formatText,
  formatYesNo,
  MISSING,
} from './format';
import { markdownText } from './surfaceText';
import { summarizeProblems, type ProblemSummary } from './problemSummary';
import { accountTitle } from './accountTitle';
import { counterLabel, describeProblem, detailListLabel, usageLineLabel } from './snapshotWording';

export interface RowIcon {
  /** A codicon id, e.g. 'pass', 'sync~spin'. */
  readonly id: string;
  /** A theme colour id, e.g. 'charts.green'. */
  readonly color?: string;
}

interface RowCommand {
  readonly command: string;
  readonly title: string;
  readonly arguments?: readonly unknown[];
}

type RowKind = 'service' | 'section' | 'value' | 'list' | 'action' | 'message';

export interface Row {
  /** Stable across refreshes so the tree keeps what a person expanded. */
  readonly id: string;
  readonly kind: RowKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: RowIcon;
  /** What "Copy Value" puts on the clipboard. */
  readonly copyText?: string;
  readonly command?: RowCommand;
  readonly children?: readonly Row[];
  readonly expanded?: boolean;
  /** For menus: 'service.signedIn', 'service.signedIn.pinned', 'service.signedOut', 'value'. */
  readonly contextValue?: string;
}

export interface RowContext {
  readonly now: number;
  readonly locale?: string;
  /** The host each service's data comes from, for services whose base URL is not their default. */
  readonly customHosts?: Readonly<Record<string, string>>;
  /** Each account's headline forecast, by account key, once one was made. */
  readonly forecasts?: Readonly<Record<string, HeadlineForecast>>;
  /**
   * Many accounts share the view: each account's line carries its headline value too, so with
   * the view collapsed (its Collapse All button) every account's state and value show in one line
   * each. Rows stay expanded: VS Code remembers each row's state by id, so a row first drawn
   * closed would stay closed even once it needs attention.
   */
  readonly compact?: boolean;
}

const STATUS_ICONS: Record<AccountStatus, RowIcon> = {
  signedOut: { id: 'circle-slash', color: 'disabledForeground' },
  loading: { id: 'sync~spin' },
  fresh: { id: 'pass', color: 'testing.iconPassed' },
  stale: { id: 'history', color: 'list.warningForeground' },
  error: { id: 'error', color: 'list.errorForeground' },
};

const SEVERITY_ICONS: Record<ProblemSeverity, RowIcon> = {
  error: { id: 'error', color: 'list.errorForeground' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  info: { id: 'info' },
};

export function serviceRow(adapter: ServiceAdapter, state: AccountState, context: RowContext): Row {
  const status = accountStatus(state);
  const snapshot = state.snapshot;
  const who = accountHolderName(snapshot?.identity);
  // Only data the node shows (fresh or stale) can report problems.
  const trouble = snapshot && (status === 'fresh' || status === 'stale') ? summarizeProblems(snapshot.problems, context.locale) : undefined;
  const headline = context.compact ? snapshot?.counters.find((counter) => counter.headline) : undefined;
  const value = headline && formatCounterValue(headline.value, headline.unit, context.locale);
  return {
    id: state.accountKey,
    kind: 'service',
    label: accountTitle(adapter, state),
    description: describeServiceStatus(status, who, trouble, value),
    tooltip: serviceTooltip(adapter, state, context),
    icon: serviceIcon(status, state.refreshing, trouble),
    children: serviceChildren(adapter, state, context),
    expanded: true,
    contextValue: contextValueOf(state),
  };
}

/** What the row's menu offers goes by this: signed in (pinned or not) or out. */
function contextValueOf(state: AccountState): string {
  if (state.signedIn !== true) return 'service.signedOut';
  return state.pinned ? 'service.signedIn.pinned' : 'service.signedIn';
}

/**
 * serviceRow(), or one error row in its place when building it throws (a bug, or data no check
 * foresaw): one bad account never hides the others nor stops the tree. The error goes to
 * `onError` (the log) only: its message could hold anything.
 */
export function serviceRowOrError(
  adapter: ServiceAdapter,
  state: AccountState,
  context: RowContext,
  onError?: (error: unknown) => void,
): Row {
  try {
    return serviceRow(adapter, state, context);
  } catch (error) {
    onError?.(error);
    return {
      id: state.accountKey,
      kind: 'service',
      label: accountTitle(adapter, state),
      description: l10n.t('Could not show this account: see the log'),
      tooltip: l10n.t('This account could not be shown. Click to open the log; a refresh may fix it.'),
      icon: STATUS_ICONS.error,
      command: { command: 'accountGlance.showLog', title: l10n.t('Show log') },
      // Keeps the service's menu (refresh, remove token), the ways out of a bad snapshot.
      contextValue: contextValueOf(state),
    };
  }
}

/**
 * The node's icon: never the green "ok" while the service reports a problem. A refresh under way
 * spins over everything (it is brief, and the description still names the problem). Stale data
 * with a problem: an error-severity problem beats the stale "history" icon (what is wrong with
 * the account matters more than the data's age, and the description still ends "(stale)"); a
 * warning or info problem leaves the stale icon, already warning-coloured, so the icon says
 * "stale" and the description leads with the problem.
 */
function serviceIcon(status: AccountStatus, refreshing: boolean, trouble: ProblemSummary | undefined): RowIcon {
  if (refreshing) return STATUS_ICONS.loading;
  if (trouble && (status === 'fresh' || trouble.worst.severity === 'error')) return SEVERITY_ICONS[trouble.worst.severity];
  return STATUS_ICONS[status];
}

/**
 * Who is signed in, the headline value when given (compact), then the worst problem: "Ines
 * Salgado · no credits left", "Jordan Avery · $18.75", "… (stale)" when the data is old.
 */
function describeServiceStatus(
  status: AccountStatus,
  who: string | undefined,
  trouble: ProblemSummary | undefined,
  value: string | undefined,
): string {
  const lead = value === undefined ? who : who ? l10n.t('{name} · {value}', { name: who, value }) : value;
  const headline = trouble
    ? lead
      ? l10n.t('{name} · {problem}', { name: lead, problem: trouble.phrase })
      : trouble.phrase
    : (lead ?? MISSING);
  switch (status) {
    case 'signedOut':
      return l10n.t('Not signed in');
    case 'loading':
      return l10n.t('Loading…');
    case 'error':
      return l10n.t('Could not load');
    case 'stale':
      return l10n.t('{0} (stale)', headline);
    case 'fresh':
      return headline;
  }
}

// Tooltips are Markdown: every piece of text that came from a service (or quotes one) is escaped.
function serviceTooltip(adapter: ServiceAdapter, state: AccountState, context: RowContext): string {
  const service = adapter.displayName;
  const lines = [`**${markdownText(accountTitle(adapter, state))}**`];
  const host = context.customHosts?.[adapter.id];
  if (host) {
    lines.push(
      l10n.t('Data from {host} (not the default {defaultHost})', {
        host: markdownText(host),
        defaultHost: markdownText(new URL(adapter.defaultBaseUrl).host),
      }),
    );
  }
  if (!state.signedIn) lines.push(l10n.t('No API token set.'));
  if (state.signedIn && state.snapshot) {
    for (const problem of state.snapshot.problems)
      lines.push(markdownText(describeProblem(problem, { serviceName: service, locale: context.locale })));
  }
  if (state.snapshot) {
    lines.push(
      l10n.t('Updated {age} ({time})', {
        age: formatRelativeTime(state.snapshot.fetchedAt, context.now, context.locale),
        time: markdownText(formatExactTime(state.snapshot.fetchedAt, context.locale)),
      }),
    );
  }
  if (state.fromCache) lines.push(l10n.t('Shown from the last session until the first refresh finishes.'));
  if (state.error) lines.push(l10n.t('Last refresh failed: {0}', markdownText(describeError(state.error, service, context.locale))));
  if (state.pinned) lines.push(l10n.t('Pinned: the status bar shows the pinned accounts only.'));
  return lines.join('\n\n');
}

/** Where the data comes from, first under the service, when that is not the service's own address. */
function hostRow(adapter: ServiceAdapter, accountKey: string, host: string): Row {
  return {
    id: `${accountKey}/host`,
    kind: 'message',
    label: l10n.t('Server'),
    description: host,
    tooltip: l10n.t('{service} data comes from {host}, set in the base URL setting (the default is {defaultHost}).', {
      service: markdownText(adapter.displayName),
      host: markdownText(host),
      defaultHost: markdownText(new URL(adapter.defaultBaseUrl).host),
    }),
    icon: { id: 'server' },
    command: { command: 'workbench.action.openSettings', title: l10n.t('Open settings'), arguments: [BASE_URL_SETTING] },
  };
}

function serviceChildren(adapter: ServiceAdapter, state: AccountState, context: RowContext): Row[] {
  if (!state.signedIn) {
    return [
      {
        id: `${state.accountKey}/setToken`,
        kind: 'action',
        label: l10n.t('Set API token…'),
        icon: { id: 'key' },
        tooltip: l10n.t("Store a {service} API token in VS Code's secret storage.", { service: markdownText(adapter.displayName) }),
        command: { command: 'accountGlance.setToken', title: l10n.t('Set API Token...'), arguments: [state.accountKey] },
      },
    ];
  }
  const rows: Row[] = [];
  const host = context.customHosts?.[adapter.id];
  if (host) rows.push(hostRow(adapter, state.accountKey, host));
  if (state.error) rows.push(errorRow(adapter, state.error, state, context));
  else if (state.fromCache && state.snapshot) {
    rows.push({
      id: `${state.accountKey}/cached`,
      kind: 'message',
      label: l10n.t('From last session'),
      description: l10n.t('refreshing… (data {age})', { age: formatRelativeTime(state.snapshot.fetchedAt, context.now, context.locale) }),
      icon: { id: 'history' },
    });
  }
  if (state.snapshot) rows.push(...snapshotSections(adapter, state.accountKey, state.snapshot, context));
  else if (!state.error)
    rows.push({ id: `${state.accountKey}/loading`, kind: 'message', label: l10n.t('Loading…'), icon: { id: 'sync~spin' } });
  return rows;
}

function errorRow(adapter: ServiceAdapter, error: ServiceError, state: AccountState, context: RowContext): Row {
  const stale = state.snapshot !== undefined;
  const { command, clickHint } = errorAction(state.accountKey, error);
  const message = describeError(error, adapter.displayName, context.locale);
  const dataAge = stale ? formatRelativeTime(state.snapshot?.fetchedAt, context.now, context.locale) : undefined;
  return {
    id: `${state.accountKey}/error`,
    kind: 'message',
    // The sentence is too long for a row's label: a short title, and the sentence as the description.
    label: errorTitle(error.kind),
    // What to do comes first: a side bar shows only the start of the line (the node already says "stale").
    description: dataAge ? l10n.t('{error} · data from {age}', { error: message, age: dataAge }) : message,
    tooltip: [markdownText(message), stale ? l10n.t('The values below are the last ones that loaded.') : '', clickHint]
      .filter(Boolean)
      .join('\n\n'),
    icon: stale ? { id: 'warning', color: 'list.warningForeground' } : { id: 'error', color: 'list.errorForeground' },
    command,
  };
}

/**
 * What a person can do about an error: a new token for a rejected one, the settings for a bad
 * URL, else the log. `clickHint` is its own sentence: a translated title cannot be lower-cased
 * into another sentence.
 */
function errorAction(accountKey: string, error: ServiceError): { command: RowCommand; clickHint: string } {
  switch (error.kind) {
    case 'unauthorized':
      return {
        command: { command: 'accountGlance.setToken', title: l10n.t('Set a new token'), arguments: [accountKey] },
        clickHint: l10n.t('Click to set a new token.'),
      };
    case 'invalidBaseUrl':
      return {
        command: { command: 'workbench.action.openSettings', title: l10n.t('Open settings'), arguments: [BASE_URL_SETTING] },
        clickHint: l10n.t('Click to open settings.'),
      };
    case 'originChanged':
      return {
        command: { command: 'accountGlance.confirmBaseUrl', title: l10n.t('Confirm the new address'), arguments: [accountKey] },
        clickHint: l10n.t('Click to confirm the new address.'),
      };
    case 'secretStorage':
      return {
        command: { command: 'accountGlance.showTroubleshooting', title: l10n.t('Open troubleshooting') },
        clickHint: l10n.t('Click to open troubleshooting.'),
      };
    case 'throttled':
      return {
        command: { command: 'accountGlance.refreshService', title: l10n.t('Refresh now'), arguments: [accountKey] },
        clickHint: l10n.t('Click to refresh now.'),
      };
    default:
      return { command: { command: 'accountGlance.showLog', title: l10n.t('Show log') }, clickHint: l10n.t('Click to show log.') };
  }
}

function snapshotSections(adapter: ServiceAdapter, accountKey: string, snapshot: AccountSnapshot, context: RowContext): Row[] {
  const base = accountKey;
  const { identity, plan } = snapshot;
  const dateRow = (id: string, label: string, at: number | undefined): Row =>
    valueRow(`${base}/${id}`, label, formatRelativeTime(at, context.now, context.locale), formatExactTime(at, context.locale));

  const profile = [
    valueRow(`${base}/profile/name`, l10n.t('Name'), formatText(identity.displayName)),
    valueRow(`${base}/profile/email`, l10n.t('Email'), formatText(identity.email)),
    valueRow(`${base}/profile/organization`, l10n.t('Organization'), formatText(identity.organization)),
    ...(identity.phone ? [valueRow(`${base}/profile/phone`, l10n.t('Phone'), formatText(identity.phone))] : []),
    valueRow(`${base}/profile/id`, l10n.t('User ID'), formatText(identity.id)),
    dateRow('profile/created', l10n.t('Member since'), identity.createdAt),
  ];

  const onOff = (value: boolean | undefined) => formatYesNo(value, l10n.t('On'), l10n.t('Off'));
  const planRows = [
    valueRow(`${base}/plan/name`, l10n.t('Plan'), formatText(plan.name)),
    valueRow(`${base}/plan/status`, l10n.t('Subscription'), formatText(plan.subscriptionStatus)),
  ];
  if (plan.paid !== undefined) planRows.push(valueRow(`${base}/plan/paid`, l10n.t('Paid plan'), formatYesNo(plan.paid)));
  if (plan.renewsAt !== undefined) planRows.push(dateRow('plan/renews', l10n.t('Renews'), plan.renewsAt));
  if (plan.expiresAt !== undefined) planRows.push(dateRow('plan/expires', l10n.t('Expires'), plan.expiresAt));
  if (plan.cancelsAt !== undefined) planRows.push(dateRow('plan/cancels', l10n.t('Cancels'), plan.cancelsAt));
  if (plan.autoRenew !== undefined) planRows.push(valueRow(`${base}/plan/autoRenew`, l10n.t('Auto-renew'), onOff(plan.autoRenew)));
  if (plan.autoRefill) {
    const refill = plan.autoRefill;
    const detail =
      refill.enabled && (refill.amount !== undefined || refill.trigger !== undefined)
        ? l10n.t('On: add {amount} below {trigger}', {
            amount: formatMoney(refill.amount, refill.currency, context.locale),
            trigger: formatMoney(refill.trigger, refill.currency, context.locale),
          })
        : onOff(refill.enabled);
    planRows.push(valueRow(`${base}/plan/autoRefill`, l10n.t('Auto-refill'), detail));
  }

  const credits = snapshot.counters.map((counter) => {
    const value = formatCounterValue(counter.value, counter.unit, context.locale);
    const row = valueRow(
      `${base}/credits/${counter.id}`,
      counterLabel(counter),
      value,
      undefined,
      counter.headline ? { id: 'star-full' } : undefined,
    );
    return counter.expiresAt !== undefined
      ? {
          ...row,
          description: l10n.t('{value} · expires {when}', {
            value,
            when: formatRelativeTime(counter.expiresAt, context.now, context.locale),
          }),
          tooltip: `${row.tooltip}\n\n${l10n.t('Expires {0}', markdownText(formatExactTime(counter.expiresAt, context.locale)))}`,
        }
      : row;
  });

  if (snapshot.periodUsage) credits.push(periodUsageRow(base, snapshot.periodUsage, context));
  const headline = context.forecasts?.[accountKey];
  if (headline) credits.push(forecastRow(base, headline, context));

  // Credits and problems are what a glance is for: open. Profile and plan: one click away.
  // Problems come first, so a person sees them without scrolling.
  const sections: Row[] = [
    ...(snapshot.problems.length > 0 ? [problemsSection(adapter, accountKey, snapshot.problems, context)] : []),
    section(`${base}/profile`, l10n.t('Profile'), 'account', profile, false),
    section(`${base}/plan`, l10n.t('Plan'), 'briefcase', planRows, false),
    section(
      `${base}/credits`,
      l10n.t('Credits'),
      'credit-card',
      credits.length > 0 ? credits : [valueRow(`${base}/credits/none`, l10n.t('No credit counters reported'), '')],
    ),
  ];
  for (const list of snapshot.lists) sections.push(listRow(base, list));
  return sections;
}

/**
 * What the billing period has cost so far, under the credits: the total at a glance, and one row per
 * channel, biggest first, one click away (closed, so the panel stays short).
 */
function periodUsageRow(base: string, usage: PeriodUsage, context: RowContext): Row {
  const money = (amount: number) => formatMoney(amount, usage.total.currency, context.locale);
  const total = money(usage.total.amount);
  const channels = [...usage.lines]
    .sort((a, b) => b.amount - a.amount)
    .map((line): Row => {
      const row = valueRow(`${base}/periodUsage/${line.id}`, usageLineLabel(line), money(line.amount));
      if (line.quantity === undefined) return row;
      const quantity = l10n.t('Quantity: {quantity}', { quantity: formatCount(line.quantity, context.locale) });
      return { ...row, tooltip: `${row.tooltip}\n\n${markdownText(quantity)}` };
    });
  const period = describeBillingPeriod(usage, context.locale);
  return {
    ...valueRow(`${base}/periodUsage`, l10n.t('This billing period'), total, undefined, { id: 'calendar' }),
    tooltip: [l10n.t('Spent so far this billing period: {amount}', { amount: total }), period]
      .filter((line) => line !== undefined)
      .map(markdownText)
      .join('\n\n'),
    children: channels,
    expanded: false,
  };
}

/** "Billing period: Jan 15 – Feb 15, 2026", or since when, as far as the service said. */
function describeBillingPeriod(usage: PeriodUsage, locale: string | undefined): string | undefined {
  const { periodStart, periodEnd } = usage;
  if (periodStart === undefined) return undefined;
  return periodEnd !== undefined && periodEnd >= periodStart
    ? l10n.t('Billing period: {dates}', { dates: formatDateRange(periodStart, periodEnd, locale) })
    : l10n.t('Billing period since {date}', { date: formatDate(periodStart, locale) });
}

/** Where the headline counter is heading, under the credits; a click opens the history chart. */
function forecastRow(base: string, headline: HeadlineForecast, context: RowContext): Row {
  const wording = { unit: headline.counter.unit, now: context.now, renewsAt: headline.renewsAt, locale: context.locale };
  const full = describeForecast(headline.forecast, wording);
  return {
    ...valueRow(`${base}/credits/forecast`, l10n.t('Forecast'), describeForecastBriefly(headline.forecast, wording), full, {
      id: 'graph-line',
    }),
    command: { command: 'accountGlance.showCreditHistory', title: l10n.t('Show Credit History') },
  };
}

function problemsSection(adapter: ServiceAdapter, accountKey: string, problems: readonly AccountProblem[], context: RowContext): Row {
  const base = accountKey;
  return section(
    `${base}/problems`,
    l10n.t('Problems'),
    'warning',
    problems.map((problem) => {
      const sentence = describeProblem(problem, { serviceName: adapter.displayName, locale: context.locale });
      return {
        id: `${base}/problems/${problem.id}`,
        kind: 'value' as const,
        label: sentence,
        tooltip: markdownText(sentence),
        icon: SEVERITY_ICONS[problem.severity],
        copyText: sentence,
        contextValue: 'value',
      };
    }),
  );
}

function section(id: string, label: string, icon: string, children: Row[], expanded = true): Row {
  return { id, kind: 'section', label, icon: { id: icon }, children, expanded };
}

function listRow(base: string, list: DetailList): Row {
  return {
    id: `${base}/lists/${list.id}`,
    kind: 'list',
    label: detailListLabel(list),
    description: String(list.items.length),
    icon: { id: 'list-unordered' },
    expanded: false,
    children: list.items.map((item, index) => valueRow(`${base}/lists/${list.id}/${index}`, item.label, item.description ?? '')),
  };
}

function valueRow(id: string, label: string, value: string, exact?: string, icon?: RowIcon): Row {
  return {
    id,
    kind: 'value',
    label,
    description: value,
    tooltip: markdownText(
      exact && exact !== MISSING
        ? l10n.t('{label}: {value} ({exact})', { label, value, exact })
        : l10n.t('{label}: {value}', { label, value }),
    ),
    copyText: exact && exact !== MISSING ? exact : value,
    contextValue: value && value !== MISSING ? 'value' : undefined,
    icon,
  };
}
