// An account's data as rows of the Accounts tree: problems first, then profile, plan and credits
// (with the billing period's spending and the headline forecast under them), then the service's
// lists. accountRows.ts puts these under the account's node, after whatever it says about the
// refresh (an error, data from the last session); these rows only show what the snapshot holds.
// Every word goes through l10n.t; sentences about problems come from snapshotWording.ts.
import * as l10n from '@vscode/l10n';
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import type { AccountProblem, AccountSnapshot, DetailList, PeriodUsage } from '../../core/model';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';
import { describeForecast, describeForecastBriefly } from './forecastText';
import {
  formatCount,
  formatCounterAmount,
  formatDate,
  formatDateRange,
  formatExactTime,
  formatMoney,
  formatRelativeTime,
  formatText,
  formatYesNo,
  MISSING,
} from './format';
import { counterLabel, describeProblem, detailListLabel, usageLineLabel } from './snapshotWording';
import { markdownText } from './surfaceText';
import { section, SEVERITY_ICONS, valueRow, type Row, type RowContext } from './treeRow';

export function snapshotSections(adapter: ServiceAdapter, accountKey: string, snapshot: AccountSnapshot, context: RowContext): Row[] {
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
    const value = formatCounterAmount(counter, context.locale);
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
    // A service that says nothing of its holder or plan (many a balance-only API) gets no section of dashes.
    ...(profile.some(saysSomething) ? [section(`${base}/profile`, l10n.t('Profile'), 'account', profile, false)] : []),
    ...(planRows.some(saysSomething) ? [section(`${base}/plan`, l10n.t('Plan'), 'briefcase', planRows, false)] : []),
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

/** Whether a value row shows a value, not the dash of one the service did not give. */
function saysSomething(row: Row): boolean {
  return row.description !== undefined && row.description !== MISSING;
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
        accessibilityLabel: spokenProblem(problem, sentence),
        copyText: sentence,
        contextValue: 'value',
      };
    }),
  );
}

/** A problem's sentence with the severity its icon's colour shows: "Error: No credits left". */
function spokenProblem(problem: AccountProblem, sentence: string): string {
  switch (problem.severity) {
    case 'error':
      return l10n.t('Error: {problem}', { problem: sentence });
    case 'warning':
      return l10n.t('Warning: {problem}', { problem: sentence });
    case 'info':
      return sentence;
  }
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
