// Decides everything the status-bar item shows from the account states and the settings:
// one pure function, so every state (normal, low, zero, error, signed out) is testable in Node.
// Every word goes through l10n.t (the bundle VS Code loaded).
import * as l10n from '@vscode/l10n';
import { accountStatus, creditLevel, type AccountState, type CreditLevel } from '../../core/refresh/accountState';
import { accountHolderName, type AccountProblem, type CreditCounter } from '../../core/model';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import { describeError, errorTitle } from './errorWording';
import {
  formatCount,
  formatCounterAmount,
  formatCounterValue,
  formatExactTime,
  formatList,
  formatRelativeTime,
  formatText,
  MISSING,
} from './format';
import { markdownText } from './surfaceText';
import { counterLabel, describeProblem, problemCount, problemPhrase } from './snapshotWording';
import { describeForecast } from './forecastText';
import { forecastHorizonWarning } from '../../core/history/forecast';
import { accountTitle } from './accountTitle';
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import type { GlanceSettings } from '../../core/settingValues';

/** What privacy mode shows in place of an amount. */
export const HIDDEN_VALUE = '•••';

type GlanceBackground = 'none' | 'warning' | 'error';

export interface GlanceView {
  readonly visible: boolean;
  readonly text: string;
  /** Markdown, with command links. */
  readonly tooltip: string;
  readonly background: GlanceBackground;
  readonly accessibilityLabel: string;
  /** Only on undrawableGlance(): clicking then opens the log. */
  readonly undrawable?: true;
}

export interface GlanceInput {
  readonly adapters: readonly ServiceAdapter[];
  readonly states: readonly AccountState[];
  readonly settings: GlanceSettings;
  readonly now: number;
  readonly locale?: string;
  /** The host each service's data comes from, for services whose base URL is not their default. */
  readonly customHosts?: Readonly<Record<string, string>>;
  /** Each account's headline forecast, by account key, once one was made. */
  readonly forecasts?: Readonly<Record<string, HeadlineForecast>>;
}

/** The commands the tooltip links to; the item's MarkdownString trusts only these. */
export const GLANCE_TOOLTIP_COMMANDS = [
  'accountGlance.refresh',
  'accountGlance.setToken',
  'workbench.view.extension.accountGlance',
  'accountGlance.togglePrivacyMode',
] as const;

const LEVEL_RANK: Record<CreditLevel, number> = { normal: 0, low: 1, exhausted: 2 };

/** What the item shows when the glance cannot be drawn: nothing from the data, and the way to the log (clicking opens it). */
export function undrawableGlance(): GlanceView {
  return {
    visible: true,
    text: '$(warning) Account Glance',
    tooltip: l10n.t('Account Glance could not draw its status. Click to open the log.'),
    background: 'none',
    accessibilityLabel: l10n.t('Account Glance: could not be drawn, see the log'),
    undrawable: true,
  };
}

/**
 * describe(), or undrawableGlance() when it throws (a bug, or data no check foresaw): the status
 * bar renders during activation, which must not fail. The error goes to `onError` (the log)
 * only: its message could hold anything.
 */
export function glanceOrUndrawable(describe: () => GlanceView, onError?: (error: unknown) => void): GlanceView {
  try {
    return describe();
  } catch (error) {
    onError?.(error);
    return undrawableGlance();
  }
}

export function describeGlance(input: GlanceInput): GlanceView {
  const { adapters, states, settings, now, locale } = input;
  const shown = shownAccounts(adapters, states, settings.services);
  if (!settings.enabled || shown.length === 0) {
    return { visible: false, text: '', tooltip: '', background: 'none', accessibilityLabel: '' };
  }

  const accounts = shown.map(({ adapter, state, ordinal }) => glanceAccount(adapter, state, ordinal, input));
  const worst = accounts.reduce<CreditLevel>(
    (worst, account) => (LEVEL_RANK[account.level] > LEVEL_RANK[worst] ? account.level : worst),
    'normal',
  );
  const anyFailed = accounts.some((account) => account.state.error);
  const refreshing = accounts.some((account) => account.state.refreshing);
  const stateIcon = refreshing ? '$(sync~spin)' : anyFailed ? '$(warning)' : undefined;
  const privacy = settings.privacyMode === true;
  // In privacy mode the eye stays first, so the person always sees why the numbers are gone.
  const leadIcons = privacy ? ['$(eye-closed)', ...(stateIcon ? [stateIcon] : [])] : [stateIcon ?? '$(credit-card)'];
  const parts = accounts.map((account) => accountPart(account, privacy));
  const spoken = formatList(
    accounts.map((account) => (privacy ? spokenPrivately(account, locale) : spokenInFull(account, locale))),
    locale,
  );
  return {
    visible: true,
    text: `${leadIcons.join(' ')} ${parts.join(' · ')}`,
    tooltip: privacy
      ? privateTooltip(accounts, now, locale)
      : glanceTooltip(accounts, settings, now, locale, input.customHosts ?? {}, input.forecasts ?? {}),
    background: worst === 'exhausted' ? 'error' : worst === 'low' ? 'warning' : 'none',
    accessibilityLabel: privacy
      ? l10n.t('Account Glance, privacy mode on: {services}', { services: spoken })
      : anyFailed
        ? l10n.t('Account Glance: {services}, last refresh failed', { services: spoken })
        : l10n.t('Account Glance: {services}', { services: spoken }),
  };
}

interface ShownAccount {
  readonly adapter: ServiceAdapter;
  readonly state: AccountState;
  /** Its place among the shown accounts of its service, from 1; undefined when it is the only one. */
  readonly ordinal: number | undefined;
}

/**
 * The signed-in accounts of the services the settings list, in their order: only the pinned
 * ones while any is pinned (a person chose what the bar shows), else all.
 */
function shownAccounts(adapters: readonly ServiceAdapter[], states: readonly AccountState[], services: readonly string[]): ShownAccount[] {
  const listed = services.flatMap((id) => {
    const adapter = findAdapter(adapters, id);
    return adapter ? states.filter((state) => state.serviceId === id && state.signedIn).map((state) => ({ adapter, state })) : [];
  });
  const pinned = listed.filter(({ state }) => state.pinned);
  const shown = pinned.length > 0 ? pinned : listed;
  return shown.map(({ adapter, state }) => {
    const ofService = shown.filter((other) => other.adapter === adapter);
    return { adapter, state, ordinal: ofService.length > 1 ? ofService.findIndex((other) => other.state === state) + 1 : undefined };
  });
}

/**
 * What follows a low or used-up account's value on the item: its level in the text itself, since
 * the background alone is invisible in themes that leave statusBarItem.warningBackground and
 * errorBackground undefined (High Contrast dark). Glyphs of their own, so neither reads as a failed
 * refresh ($(warning) first, $(error) for the value).
 */
const LEVEL_MARKS: Record<CreditLevel, string | undefined> = { normal: undefined, low: '$(arrow-down)', exhausted: '$(circle-slash)' };

/** One account on the item: "LP $3.20 $(arrow-down)", "LP ••• $(arrow-down)" in privacy mode, "LP $(error)" when it has no data but an error. */
function accountPart(account: GlanceAccount, privacy: boolean): string {
  if (accountStatus(account.state) === 'error') return `${mark(account)} $(error)`;
  // Privacy mode hides amounts, not the level: the background, the tooltip and the spoken label
  // already say low or used up there, so the level mark stays too.
  const levelMark = LEVEL_MARKS[account.level];
  return [mark(account), privacy ? HIDDEN_VALUE : account.value, ...(levelMark ? [levelMark] : [])].join(' ');
}

/** The account's mark on the item: the service's ("LP"), numbered when more than one of its accounts shows ("LP2"). */
function mark({ adapter, ordinal }: GlanceAccount): string {
  return ordinal === undefined ? adapter.shortMark : `${adapter.shortMark}${ordinal}`;
}

/**
 * The account's name in the tooltip and for screen readers: its title ("Leadping · Client A"). In
 * privacy mode a label may name a client, so the service and the account's number stand in.
 */
function glanceName({ adapter, state, ordinal }: GlanceAccount, privacy: boolean): string {
  if (!privacy) return accountTitle(adapter, state);
  return ordinal === undefined ? adapter.displayName : l10n.t('{service} {number}', { service: adapter.displayName, number: ordinal });
}

/** One shown account, judged once for the text, the tooltip and the accessibility label. */
interface GlanceAccount {
  readonly adapter: ServiceAdapter;
  readonly state: AccountState;
  readonly ordinal: number | undefined;
  /** The counter the item shows, and its value as written. */
  readonly counter: CreditCounter | undefined;
  readonly value: string;
  /** The headline against the person's threshold (or used up), as the tooltip words it. */
  readonly thresholdLevel: CreditLevel | undefined;
  /** The forecast says the headline runs out within forecastWarningDays. */
  readonly runsOutSoon: boolean;
  /** What the background and the level mark go by: the threshold level, raised to low by a forecast that runs out soon. */
  readonly level: CreditLevel;
}

function glanceAccount(adapter: ServiceAdapter, state: AccountState, ordinal: number | undefined, input: GlanceInput): GlanceAccount {
  const { settings, now, locale } = input;
  const counter = chosenCounter(state, settings.counters[adapter.id]);
  const thresholdLevel = state.snapshot ? creditLevel(state.snapshot, settings.lowCredit[adapter.id]) : undefined;
  const forecast = input.forecasts?.[state.accountKey]?.forecast;
  const days = settings.forecastWarningDays ?? 0;
  const runsOutSoon = !!state.snapshot && !!forecast && days > 0 && forecastHorizonWarning(forecast, now, days);
  const level = thresholdLevel === 'normal' && runsOutSoon ? 'low' : (thresholdLevel ?? 'normal');
  return {
    adapter,
    state,
    ordinal,
    counter,
    value: counter ? formatCounterValue(counter.value, counter.unit, locale) : MISSING,
    thresholdLevel,
    runsOutSoon,
    level,
  };
}

function chosenCounter(state: AccountState, counterId: string | undefined): CreditCounter | undefined {
  const counters = state.snapshot?.counters ?? [];
  return counters.find((counter) => counter.id === counterId) ?? counters.find((counter) => counter.headline);
}

/**
 * The account, its value and, in words, the states the item shows only by an icon or its
 * background colour: "Leadping Balance $3.20: low".
 */
function spokenInFull(account: GlanceAccount, locale: string | undefined): string {
  const { counter, value } = account;
  const service = glanceName(account, false);
  const spoken = counter
    ? l10n.t('{service} {counter} {value}', { service, counter: counterLabel(counter), value })
    : l10n.t('{service} not loaded', { service });
  return withStates(spoken, stateWords(account), locale);
}

/** The service and what state it is in, never a value: "Leadping: low". */
function spokenPrivately(account: GlanceAccount, locale: string | undefined): string {
  return withStates(glanceName(account, true), stateWords(account), locale);
}

function withStates(service: string, states: readonly string[], locale: string | undefined): string {
  return states.length > 0 ? l10n.t('{service}: {states}', { service, states: formatList(states, locale) }) : service;
}

/**
 * An account's state in words, worst first: what the icons and the background show. Never a
 * value, name or host, so privacy mode says them too.
 */
function stateWords({ state, thresholdLevel, runsOutSoon }: GlanceAccount): string[] {
  const states: string[] = [];
  if (state.error) states.push(state.error.kind === 'originChanged' ? l10n.t('base URL changed') : l10n.t('refresh failed'));
  if (thresholdLevel === 'exhausted') states.push(l10n.t('used up'));
  else if (thresholdLevel === 'low') states.push(l10n.t('low'));
  else if (runsOutSoon) states.push(l10n.t('runs out soon'));
  // A failed refresh already says the value is old; data from the last session says so here.
  if (state.snapshot && state.fromCache && !state.error) states.push(l10n.t('stale'));
  if (!state.snapshot && !state.error) states.push(l10n.t('loading'));
  return states;
}

function glanceTooltip(
  accounts: readonly GlanceAccount[],
  settings: GlanceSettings,
  now: number,
  locale: string | undefined,
  customHosts: Readonly<Record<string, string>>,
  forecasts: Readonly<Record<string, HeadlineForecast>>,
): string {
  const blocks = accounts.map((account) => {
    const { adapter, state, thresholdLevel: level } = account;
    const snapshot = state.snapshot;
    const lines: string[] = [];
    const who = accountHolderName(snapshot?.identity);
    lines.push(`### ${markdownText(glanceName(account, false))}${who ? ` — ${markdownText(who)}` : ''}`);
    const host = customHosts[adapter.id];
    if (host) lines.push(`$(server) ${l10n.t('Data from {host}', { host: markdownText(host) })}  `);
    if (snapshot) {
      lines.push(`| ${markdownText(l10n.t('Counter'))} | ${markdownText(l10n.t('Value'))} |`, '| :-- | --: |');
      for (const counter of snapshot.counters) {
        const value = markdownText(formatCounterAmount(counter, locale));
        lines.push(`| ${markdownText(counterLabel(counter))} | ${counter.headline && level !== 'normal' ? `**${value}**` : value} |`);
      }
      lines.push('');
      const plan = [formatText(snapshot.plan.name), formatText(snapshot.plan.subscriptionStatus)].filter((part) => part !== MISSING);
      if (plan.length > 0) lines.push(`${l10n.t('Plan: {0}', markdownText(formatList(plan, locale)))}  `);
      if (level === 'exhausted') lines.push(`$(error) **${l10n.t('Out of credits')}**  `);
      else if (level === 'low') {
        const threshold = markdownText(formatCount(settings.lowCredit[adapter.id], locale));
        lines.push(`$(warning) ${l10n.t('Credits are below your threshold of {0}', threshold)}  `);
      }
      for (const problem of snapshot.problems) {
        const sentence = describeProblem(problem, { serviceName: adapter.displayName, locale });
        lines.push(`${problemIcon(problem)} ${markdownText(sentence)}  `);
      }
      const headline = forecasts[state.accountKey];
      if (headline) {
        const sentence = describeForecast(headline.forecast, { unit: headline.counter.unit, now, renewsAt: headline.renewsAt, locale });
        lines.push(
          `$(graph-line) ${l10n.t('{counter}: {forecast}', { counter: markdownText(counterLabel(headline.counter)), forecast: markdownText(sentence) })}  `,
        );
      }
      lines.push(updatedLine(state, now, locale));
    } else if (!state.error) {
      lines.push(`${l10n.t('Loading…')}  `);
    }
    if (state.error) {
      const message = markdownText(describeError(state.error, adapter.displayName, locale));
      lines.push(`$(warning) ${l10n.t('Last refresh failed: {0}', message)}  `);
    }
    return lines.join('\n');
  });
  return [...blocks, '---', tooltipLinks()].join('\n\n');
}

/**
 * The tooltip in privacy mode: each service's state (used up, low, its problems by their short
 * phrase, a failed refresh by its kind) and when it was updated; no value, name, email or host.
 * Problem sentences and error sentences are left out because they quote amounts and hosts.
 */
function privateTooltip(accounts: readonly GlanceAccount[], now: number, locale: string | undefined): string {
  const notice = `$(eye-closed) ${markdownText(l10n.t('Privacy mode is on: names and amounts are hidden.'))} ${commandLink(
    '$(eye)',
    l10n.t('Show them'),
    'accountGlance.togglePrivacyMode',
    l10n.t('Turn Privacy Mode Off'),
  )}`;
  const blocks = accounts.map((account) => {
    const { state, thresholdLevel, runsOutSoon } = account;
    const lines = [`### ${markdownText(glanceName(account, true))}`];
    const snapshot = state.snapshot;
    if (snapshot) {
      if (thresholdLevel === 'exhausted') lines.push(`$(error) **${l10n.t('Out of credits')}**  `);
      else if (thresholdLevel === 'low') lines.push(`$(warning) ${l10n.t('Credits are low')}  `);
      else if (runsOutSoon) lines.push(`$(graph-line) ${l10n.t('The forecast says the credits run out soon')}  `);
      for (const problem of snapshot.problems) {
        // A known problem's phrase holds no value; an unknown one's stored sentence could hold anything.
        const phrase = problemPhrase(problem.id) ?? problemCount(1, locale);
        lines.push(`${problemIcon(problem)} ${markdownText(phrase)}  `);
      }
      lines.push(updatedLine(state, now, locale));
    } else if (!state.error) {
      lines.push(`${l10n.t('Loading…')}  `);
    }
    if (state.error) lines.push(`$(warning) ${l10n.t('Last refresh failed: {0}', markdownText(errorTitle(state.error.kind)))}  `);
    return lines.join('\n');
  });
  return [notice, ...blocks, '---', tooltipLinks()].join('\n\n');
}

function problemIcon(problem: AccountProblem): string {
  return `$(${problem.severity === 'info' ? 'info' : problem.severity})`;
}

/** "Updated 3 minutes ago (Nov 22, 2026, 11:57 AM)", saying when the data is the last session's. */
function updatedLine(state: AccountState, now: number, locale: string | undefined): string {
  const fetchedAt = state.snapshot?.fetchedAt;
  const age = formatRelativeTime(fetchedAt, now, locale);
  const time = markdownText(formatExactTime(fetchedAt, locale));
  return `${state.fromCache ? l10n.t('Updated {age} ({time}), from the last session', { age, time }) : l10n.t('Updated {age} ({time})', { age, time })}  `;
}

function tooltipLinks(): string {
  return [
    commandLink('$(refresh)', l10n.t('Refresh'), 'accountGlance.refresh', l10n.t('Refresh every service')),
    commandLink('$(account)', l10n.t('Open panel'), 'workbench.view.extension.accountGlance', l10n.t('Open the Account Glance panel')),
    commandLink('$(key)', l10n.t('Set token'), 'accountGlance.setToken', l10n.t('Set an API token')),
  ].join(' · ');
}

/** A Markdown link to one of GLANCE_TOOLTIP_COMMANDS; the words are escaped, a translation may hold any character. */
function commandLink(icon: string, text: string, command: (typeof GLANCE_TOOLTIP_COMMANDS)[number], title: string): string {
  return `[${icon} ${markdownText(text)}](command:${command} "${title.replace(/["\\]/g, '\\$&')}")`;
}
