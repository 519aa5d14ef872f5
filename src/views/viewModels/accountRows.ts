// What the Accounts tree shows for one account, as plain data: its node (who, the headline value,
// the worst problem, how fresh the data is, its icon and tooltip) and what comes first under it
// (the server when not the default, an error and what to do about it, data from the last session,
// or a way to sign in). The rows of the data itself come from snapshotRows.ts; what a row is, from
// treeRow.ts. Every word goes through l10n.t (the bundle VS Code loaded); sentences about errors and
// problems come from errorWording.ts and snapshotWording.ts.
import * as l10n from '@vscode/l10n';
import { BASE_URL_SETTING } from '../../core/settingValues';
import { accountStatus, type AccountState, type AccountStatus } from '../../core/refresh/accountState';
import { accountHolderName, type ServiceError } from '../../core/model';
import { describeError, errorTitle } from './errorWording';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';
import { formatCounterValue, formatExactTime, formatRelativeTime, MISSING } from './format';
import { markdownText } from './surfaceText';
import { summarizeProblems, type ProblemSummary } from './problemSummary';
import { accountTitle } from './accountTitle';
import { describeProblem } from './snapshotWording';
import { snapshotSections } from './snapshotRows';
import { SEVERITY_ICONS, spokenWithStates, type Row, type RowCommand, type RowContext, type RowIcon } from './treeRow';

export type { Row, RowContext, RowIcon } from './treeRow';

const STATUS_ICONS: Record<AccountStatus, RowIcon> = {
  signedOut: { id: 'circle-slash', color: 'disabledForeground' },
  loading: { id: 'sync~spin' },
  fresh: { id: 'pass', color: 'testing.iconPassed' },
  stale: { id: 'history', color: 'list.warningForeground' },
  error: { id: 'error', color: 'list.errorForeground' },
};

export function serviceRow(adapter: ServiceAdapter, state: AccountState, context: RowContext): Row {
  const status = accountStatus(state);
  const snapshot = state.snapshot;
  const who = context.holderNames?.get(state.accountKey) ?? accountHolderName(snapshot?.identity);
  // Only data the node shows (fresh or stale) can report problems.
  const trouble = snapshot && (status === 'fresh' || status === 'stale') ? summarizeProblems(snapshot.problems, context.locale) : undefined;
  const headline = context.compact ? snapshot?.counters.find((counter) => counter.headline) : undefined;
  const value = headline && formatCounterValue(headline.value, headline.unit, context.locale);
  const row: Row = {
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
  return { ...row, accessibilityLabel: spokenWithStates(row, unspokenStates(state)) };
}

/**
 * What the node's icon shows that its description does not say: a refresh under way, and why the
 * last one failed (the description says only "(stale)" or "Could not load").
 */
function unspokenStates(state: AccountState): string[] {
  const states: string[] = [];
  if (state.signedIn && state.error) states.push(l10n.t('Last refresh failed: {0}', errorTitle(state.error.kind)));
  if (state.refreshing) states.push(l10n.t('Refreshing…'));
  return states;
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
  const label = l10n.t('Server');
  const notDefault = l10n.t('Data from {host} (not the default {defaultHost})', {
    host,
    defaultHost: new URL(adapter.defaultBaseUrl).host,
  });
  return {
    id: `${accountKey}/host`,
    kind: 'message',
    label,
    description: host,
    // The row reads as any server's; that it is not the service's own is in its tooltip only.
    accessibilityLabel: l10n.t('{label}: {value}', { label, value: notDefault }),
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
