// Decides everything the status-bar item shows from the account states and the settings:
// one pure function, so every state (normal, low, zero, error, signed out) is testable in Node.
// Every word goes through l10n.t (the bundle VS Code loaded).
import * as l10n from '@vscode/l10n';
import { accountStatus, creditLevel, type AccountState, type CreditLevel } from '../../core/refresh/accountState';
import { accountHolderName, type CreditCounter } from '../../core/model';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import { describeError } from './errorWording';
import {
  escapeMarkdown,
  formatCount,
  formatCounterValue,
  formatExactTime,
  formatList,
  formatRelativeTime,
  formatText,
  MISSING,
} from './format';
import { counterLabel, describeProblem } from './snapshotWording';
import { describeForecast } from './forecastText';
import { forecastHorizonWarning } from '../../core/history/forecast';
import type { HeadlineForecast } from '../../core/history/headlineForecast';

export interface GlanceSettings {
  readonly enabled: boolean;
  /** Service ids in display order. */
  readonly services: readonly string[];
  /** Counter id per service id; a service left out shows its headline counter. */
  readonly counters: Readonly<Record<string, string>>;
  /** Low-credit threshold per service id, in the headline counter's unit. */
  readonly lowCredit: Readonly<Record<string, number>>;
  /** Take the warning colour when the forecast says the headline runs out within this many days (0: never). */
  readonly forecastWarningDays?: number;
}

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
  /** Each service's headline forecast, once one was made. */
  readonly forecasts?: Readonly<Record<string, HeadlineForecast>>;
}

/** The commands the tooltip links to; the item's MarkdownString trusts only these. */
export const GLANCE_TOOLTIP_COMMANDS = [
  'accountGlance.refresh',
  'accountGlance.setToken',
  'workbench.view.extension.accountGlance',
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
  const stateById = new Map(states.map((state) => [state.serviceId, state]));
  const shown = settings.services
    .map((id) => ({ adapter: findAdapter(adapters, id), state: stateById.get(id) }))
    .filter((entry): entry is { adapter: ServiceAdapter; state: AccountState } => !!entry.adapter && !!entry.state?.signedIn);

  if (!settings.enabled || shown.length === 0) {
    return { visible: false, text: '', tooltip: '', background: 'none', accessibilityLabel: '' };
  }

  let worst: CreditLevel = 'normal';
  let anyFailed = false;
  const parts: string[] = [];
  const spoken: string[] = [];
  for (const { adapter, state } of shown) {
    const counter = chosenCounter(state, settings.counters[adapter.id]);
    const value = counter ? formatCounterValue(counter.value, counter.unit, locale) : MISSING;
    const status = accountStatus(state);
    if (state.error) anyFailed = true;
    parts.push(status === 'error' ? `${adapter.shortMark} $(error)` : `${adapter.shortMark} ${value}`);
    spoken.push(
      counter
        ? l10n.t('{service} {counter} {value}', { service: adapter.displayName, counter: counterLabel(counter), value })
        : l10n.t('{service} not loaded', { service: adapter.displayName }),
    );
    if (state.snapshot) {
      let level = creditLevel(state.snapshot, settings.lowCredit[adapter.id]);
      const forecast = input.forecasts?.[adapter.id]?.forecast;
      const days = settings.forecastWarningDays ?? 0;
      if (level === 'normal' && forecast && days > 0 && forecastHorizonWarning(forecast, now, days)) level = 'low';
      if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
    }
  }

  const refreshing = shown.some(({ state }) => state.refreshing);
  const leadIcon = refreshing ? '$(sync~spin)' : anyFailed ? '$(warning)' : '$(credit-card)';
  return {
    visible: true,
    text: `${leadIcon} ${parts.join(' · ')}`,
    tooltip: glanceTooltip(shown, settings, now, locale, input.customHosts ?? {}, input.forecasts ?? {}),
    background: worst === 'exhausted' ? 'error' : worst === 'low' ? 'warning' : 'none',
    accessibilityLabel: anyFailed
      ? l10n.t('Account Glance: {services}, last refresh failed', { services: formatList(spoken, locale) })
      : l10n.t('Account Glance: {services}', { services: formatList(spoken, locale) }),
  };
}

function chosenCounter(state: AccountState, counterId: string | undefined): CreditCounter | undefined {
  const counters = state.snapshot?.counters ?? [];
  return counters.find((counter) => counter.id === counterId) ?? counters.find((counter) => counter.headline);
}

function glanceTooltip(
  shown: readonly { adapter: ServiceAdapter; state: AccountState }[],
  settings: GlanceSettings,
  now: number,
  locale: string | undefined,
  customHosts: Readonly<Record<string, string>>,
  forecasts: Readonly<Record<string, HeadlineForecast>>,
): string {
  const blocks = shown.map(({ adapter, state }) => {
    const snapshot = state.snapshot;
    const lines: string[] = [];
    const who = accountHolderName(snapshot?.identity);
    lines.push(`### ${escapeMarkdown(adapter.displayName)}${who ? ` — ${escapeMarkdown(who)}` : ''}`);
    const host = customHosts[adapter.id];
    if (host) lines.push(`$(server) ${l10n.t('Data from {host}', { host: escapeMarkdown(host) })}  `);
    if (snapshot) {
      const level = creditLevel(snapshot, settings.lowCredit[adapter.id]);
      lines.push(`| ${escapeMarkdown(l10n.t('Counter'))} | ${escapeMarkdown(l10n.t('Value'))} |`, '| :-- | --: |');
      for (const counter of snapshot.counters) {
        const value = escapeMarkdown(formatCounterValue(counter.value, counter.unit, locale));
        lines.push(`| ${escapeMarkdown(counterLabel(counter))} | ${counter.headline && level !== 'normal' ? `**${value}**` : value} |`);
      }
      lines.push('');
      const plan = [formatText(snapshot.plan.name), formatText(snapshot.plan.subscriptionStatus)].filter((part) => part !== MISSING);
      if (plan.length > 0) lines.push(`${l10n.t('Plan: {0}', escapeMarkdown(formatList(plan, locale)))}  `);
      if (level === 'exhausted') lines.push(`$(error) **${l10n.t('Out of credits')}**  `);
      else if (level === 'low') {
        const threshold = escapeMarkdown(formatCount(settings.lowCredit[adapter.id], locale));
        lines.push(`$(warning) ${l10n.t('Credits are below your threshold of {0}', threshold)}  `);
      }
      for (const problem of snapshot.problems) {
        const sentence = describeProblem(problem, { serviceName: adapter.displayName, locale });
        lines.push(`$(${problem.severity === 'info' ? 'info' : problem.severity}) ${escapeMarkdown(sentence)}  `);
      }
      const headline = forecasts[adapter.id];
      if (headline) {
        const sentence = describeForecast(headline.forecast, { unit: headline.counter.unit, now, renewsAt: headline.renewsAt, locale });
        lines.push(
          `$(graph-line) ${l10n.t('{counter}: {forecast}', { counter: escapeMarkdown(counterLabel(headline.counter)), forecast: escapeMarkdown(sentence) })}  `,
        );
      }
      const age = formatRelativeTime(snapshot.fetchedAt, now, locale);
      const time = escapeMarkdown(formatExactTime(snapshot.fetchedAt, locale));
      lines.push(
        `${state.fromCache ? l10n.t('Updated {age} ({time}), from the last session', { age, time }) : l10n.t('Updated {age} ({time})', { age, time })}  `,
      );
    } else if (!state.error) {
      lines.push(`${l10n.t('Loading…')}  `);
    }
    if (state.error) {
      const message = escapeMarkdown(describeError(state.error, adapter.displayName, locale));
      lines.push(`$(warning) ${l10n.t('Last refresh failed: {0}', message)}  `);
    }
    return lines.join('\n');
  });
  const links = [
    commandLink('$(refresh)', l10n.t('Refresh'), 'accountGlance.refresh', l10n.t('Refresh every service')),
    commandLink('$(account)', l10n.t('Open panel'), 'workbench.view.extension.accountGlance', l10n.t('Open the Account Glance panel')),
    commandLink('$(key)', l10n.t('Set token'), 'accountGlance.setToken', l10n.t('Set an API token')),
  ].join(' · ');
  return [...blocks, '---', links].join('\n\n');
}

/** A Markdown link to one of GLANCE_TOOLTIP_COMMANDS; the words are escaped, a translation may hold any character. */
function commandLink(icon: string, text: string, command: (typeof GLANCE_TOOLTIP_COMMANDS)[number], title: string): string {
  return `[${icon} ${escapeMarkdown(text)}](command:${command} "${title.replace(/["\\]/g, '\\$&')}")`;
}
