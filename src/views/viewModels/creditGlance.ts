// Decides everything the status-bar item shows from the account states and the settings:
// one pure function, so every state (normal, low, zero, error, signed out) is testable in Node.
import { accountStatus, creditLevel, type AccountState, type CreditLevel } from '../../core/refresh/accountState';
import { accountHolderName, type CreditCounter } from '../../core/model';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import { escapeMarkdown, formatCounterValue, formatExactTime, formatRelativeTime, formatText, MISSING } from './format';

export interface GlanceSettings {
  readonly enabled: boolean;
  /** Service ids in display order. */
  readonly services: readonly string[];
  /** Counter id per service id; a service left out shows its headline counter. */
  readonly counters: Readonly<Record<string, string>>;
  /** Low-credit threshold per service id, in the headline counter's unit. */
  readonly lowCredit: Readonly<Record<string, number>>;
}

type GlanceBackground = 'none' | 'warning' | 'error';

export interface GlanceView {
  readonly visible: boolean;
  readonly text: string;
  /** Markdown, with command links. */
  readonly tooltip: string;
  readonly background: GlanceBackground;
  readonly accessibilityLabel: string;
}

export interface GlanceInput {
  readonly adapters: readonly ServiceAdapter[];
  readonly states: readonly AccountState[];
  readonly settings: GlanceSettings;
  readonly now: number;
  readonly locale?: string;
  /** The host each service's data comes from, for services whose base URL is not their default. */
  readonly customHosts?: Readonly<Record<string, string>>;
}

/** The commands the tooltip links to; the item's MarkdownString trusts only these. */
export const GLANCE_TOOLTIP_COMMANDS = [
  'accountGlance.refresh',
  'accountGlance.setToken',
  'workbench.view.extension.accountGlance',
] as const;

const LEVEL_RANK: Record<CreditLevel, number> = { normal: 0, low: 1, exhausted: 2 };

/** What the item shows when the glance cannot be drawn: nothing from the data, and the way to the log (clicking opens it). */
export const UNDRAWABLE_GLANCE: GlanceView = {
  visible: true,
  text: '$(warning) Account Glance',
  tooltip: 'Account Glance could not draw its status. Click to open the log.',
  background: 'none',
  accessibilityLabel: 'Account Glance: could not be drawn, see the log',
};

/**
 * describe(), or UNDRAWABLE_GLANCE when it throws (a bug, or data no check foresaw): the status
 * bar renders during activation, which must not fail. The error goes to `onError` (the log)
 * only: its message could hold anything.
 */
export function glanceOrUndrawable(describe: () => GlanceView, onError?: (error: unknown) => void): GlanceView {
  try {
    return describe();
  } catch (error) {
    onError?.(error);
    return UNDRAWABLE_GLANCE;
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
    spoken.push(`${adapter.displayName} ${counter ? `${counter.label} ${value}` : 'not loaded'}`);
    if (state.snapshot) {
      const level = creditLevel(state.snapshot, settings.lowCredit[adapter.id]);
      if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
    }
  }

  const refreshing = shown.some(({ state }) => state.refreshing);
  const leadIcon = refreshing ? '$(sync~spin)' : anyFailed ? '$(warning)' : '$(credit-card)';
  return {
    visible: true,
    text: `${leadIcon} ${parts.join(' · ')}`,
    tooltip: glanceTooltip(shown, settings, now, locale, input.customHosts ?? {}),
    background: worst === 'exhausted' ? 'error' : worst === 'low' ? 'warning' : 'none',
    accessibilityLabel: `Account Glance: ${spoken.join(', ')}${anyFailed ? ', last refresh failed' : ''}`,
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
): string {
  const blocks = shown.map(({ adapter, state }) => {
    const snapshot = state.snapshot;
    const lines: string[] = [];
    const who = accountHolderName(snapshot?.identity);
    lines.push(`### ${escapeMarkdown(adapter.displayName)}${who ? ` — ${escapeMarkdown(who)}` : ''}`);
    const host = customHosts[adapter.id];
    if (host) lines.push(`$(server) Data from ${escapeMarkdown(host)}  `);
    if (snapshot) {
      const level = creditLevel(snapshot, settings.lowCredit[adapter.id]);
      lines.push('| Counter | Value |', '| :-- | --: |');
      for (const counter of snapshot.counters) {
        const value = escapeMarkdown(formatCounterValue(counter.value, counter.unit, locale));
        lines.push(`| ${escapeMarkdown(counter.label)} | ${counter.headline && level !== 'normal' ? `**${value}**` : value} |`);
      }
      lines.push('');
      const plan = [formatText(snapshot.plan.name), formatText(snapshot.plan.subscriptionStatus)].filter((part) => part !== MISSING);
      if (plan.length > 0) lines.push(`Plan: ${escapeMarkdown(plan.join(', '))}  `);
      if (level === 'exhausted') lines.push('$(error) **Out of credits**  ');
      else if (level === 'low')
        lines.push(`$(warning) Credits are below your threshold of ${escapeMarkdown(String(settings.lowCredit[adapter.id]))}  `);
      for (const problem of snapshot.problems)
        lines.push(`$(${problem.severity === 'info' ? 'info' : problem.severity}) ${escapeMarkdown(problem.message)}  `);
      lines.push(
        `Updated ${formatRelativeTime(snapshot.fetchedAt, now, locale)} (${escapeMarkdown(formatExactTime(snapshot.fetchedAt, locale))})${state.fromCache ? ', from the last session' : ''}  `,
      );
    } else if (!state.error) {
      lines.push('Loading…  ');
    }
    if (state.error) lines.push(`$(warning) Last refresh failed: ${escapeMarkdown(state.error.message)}  `);
    return lines.join('\n');
  });
  const links = [
    '[$(refresh) Refresh](command:accountGlance.refresh "Refresh every service")',
    '[$(account) Open panel](command:workbench.view.extension.accountGlance "Open the Account Glance panel")',
    '[$(key) Set token](command:accountGlance.setToken "Set an API token")',
  ].join(' · ');
  return [...blocks, '---', links].join('\n\n');
}
