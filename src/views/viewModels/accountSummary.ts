// One account, or several, as Markdown for the clipboard: what "Copy Summary" writes. It holds
// everything a person would paste into a note or a ticket: names and amounts included, because
// the person asked for the copy (privacy mode is about the screen). Every value a service or the
// person wrote is Markdown-escaped (surfaceText.ts), so it cannot make a link, heading or image in
// the pasted note. Pure: tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import type { AccountSnapshot, CreditCounter } from '../../core/model';
import type { AccountState } from '../../core/refresh/accountState';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import { describeError } from './errorWording';
import { describeForecast } from './forecastText';
import { formatCounterAmount, formatDate, formatExactTime, formatList, formatRelativeTime, formatText, MISSING } from './format';
import { counterLabel, describeProblem } from './snapshotWording';
import { accountTitle } from './accountTitle';
import { markdownText } from './surfaceText';

export interface SummaryAccount {
  readonly adapter: ServiceAdapter;
  readonly state: AccountState;
  /** The headline forecast, once one was made. */
  readonly forecast?: HeadlineForecast;
}

export interface SummaryContext {
  readonly now: number;
  readonly locale?: string;
}

/** Every signed-in account with its service and forecast, in the panel's order: what summaries and the exported API read. */
export function signedInAccounts(
  adapters: readonly ServiceAdapter[],
  states: readonly AccountState[],
  forecastOf: (accountKey: string) => HeadlineForecast | undefined,
): SummaryAccount[] {
  return states.flatMap((state) => {
    const adapter = findAdapter(adapters, state.serviceId);
    return adapter && state.signedIn ? [{ adapter, state, forecast: forecastOf(state.accountKey) }] : [];
  });
}

/** A `## Service` section per account, in the order given. */
export function summarizeAccounts(accounts: readonly SummaryAccount[], context: SummaryContext): string {
  return `${accounts.map((account) => accountSection(account, context)).join('\n\n')}\n`;
}

function accountSection({ adapter, state, forecast }: SummaryAccount, context: SummaryContext): string {
  const { now, locale } = context;
  const lines = [`## ${markdownText(accountTitle(adapter, state))}`, ''];
  const item = (text: string, depth = 0) => lines.push(`${'  '.repeat(depth)}- ${oneLine(text)}`);
  const snapshot = state.snapshot;
  if (!state.signedIn) item(l10n.t('Not signed in'));
  else if (snapshot) {
    for (const [label, value] of identityLines(snapshot)) item(l10n.t('{label}: {value}', { label, value: markdownText(value) }));
    const plan = [formatText(snapshot.plan.name), formatText(snapshot.plan.subscriptionStatus)].filter((part) => part !== MISSING);
    if (plan.length > 0) item(l10n.t('Plan: {0}', markdownText(formatList(plan, locale))));
    if (snapshot.counters.length > 0) {
      item(`**${l10n.t('Credits')}**`);
      for (const counter of snapshot.counters)
        item(l10n.t('{label}: {value}', { label: markdownText(counterLabel(counter)), value: counterValue(counter, locale) }), 1);
    }
    if (snapshot.problems.length > 0) {
      item(`**${l10n.t('Problems')}**`);
      for (const problem of snapshot.problems)
        item(markdownText(describeProblem(problem, { serviceName: adapter.displayName, locale })), 1);
    }
    if (forecast) {
      const sentence = describeForecast(forecast.forecast, { unit: forecast.counter.unit, now, renewsAt: forecast.renewsAt, locale });
      item(l10n.t('Forecast for {counter}: {forecast}', { counter: markdownText(counterLabel(forecast.counter)), forecast: sentence }));
    }
    const age = formatRelativeTime(snapshot.fetchedAt, now, locale);
    const time = formatExactTime(snapshot.fetchedAt, locale);
    item(
      state.fromCache
        ? l10n.t('Updated {age} ({time}), from the last session', { age, time })
        : l10n.t('Updated {age} ({time})', { age, time }),
    );
  } else if (!state.error) item(l10n.t('Loading…'));
  if (state.signedIn && state.error)
    item(l10n.t('Last refresh failed: {0}', markdownText(describeError(state.error, adapter.displayName, locale))));
  return lines.join('\n');
}

/** Name and email, each when the service gave one. */
function identityLines({ identity }: AccountSnapshot): [label: string, value: string][] {
  const lines: [string, string | undefined][] = [
    [l10n.t('Name'), identity.displayName],
    [l10n.t('Email'), identity.email],
  ];
  return lines.filter((line): line is [string, string] => !!line[1]?.trim());
}

/** "$18.75", "$5.00 · expires Nov 27, 2026": in the person's locale, with a date that stays true once pasted. */
function counterValue(counter: CreditCounter, locale: string | undefined): string {
  const value = formatCounterAmount(counter, locale);
  return counter.expiresAt === undefined
    ? value
    : l10n.t('{value} · expires {when}', { value, when: formatDate(counter.expiresAt, locale) });
}

/** Text from a service on one line, so a name with a line break cannot start a heading or an item of its own. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
