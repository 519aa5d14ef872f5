// What the Accounts tree shows for one service, as plain data. The tree provider turns these
// rows into TreeItems; keeping them free of `vscode` lets every state be tested in plain Node.
import { accountStatus, type AccountState, type AccountStatus } from '../../core/refresh/accountState';
import {
  accountHolderName,
  type AccountProblem,
  type AccountSnapshot,
  type DetailList,
  type ProblemSeverity,
  type ServiceError,
} from '../../core/model';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';
import {
  escapeMarkdown,
  formatCounterValue,
  formatExactTime,
  formatMoney,
  formatRelativeTime,
  formatText,
  formatYesNo,
  MISSING,
} from './format';
import { summarizeProblems, type ProblemSummary } from './problemSummary';

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
  /** For menus: 'service.signedIn', 'service.signedOut', 'value'. */
  readonly contextValue?: string;
}

export interface RowContext {
  readonly now: number;
  readonly locale?: string;
  /** The host each service's data comes from, for services whose base URL is not their default. */
  readonly customHosts?: Readonly<Record<string, string>>;
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
  const trouble = snapshot && (status === 'fresh' || status === 'stale') ? summarizeProblems(snapshot.problems) : undefined;
  return {
    id: adapter.id,
    kind: 'service',
    label: adapter.displayName,
    description: describeServiceStatus(status, who, trouble),
    tooltip: serviceTooltip(adapter, state, context),
    icon: serviceIcon(status, state.refreshing, trouble),
    children: serviceChildren(adapter, state, context),
    expanded: true,
    contextValue: state.signedIn ? 'service.signedIn' : 'service.signedOut',
  };
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
      id: adapter.id,
      kind: 'service',
      label: adapter.displayName,
      description: 'Could not show this account: see the log',
      tooltip: 'This account could not be shown. Click to open the log; a refresh may fix it.',
      icon: STATUS_ICONS.error,
      command: { command: 'accountGlance.showLog', title: 'Show log' },
      // Keeps the service's menu (refresh, remove token), the ways out of a bad snapshot.
      contextValue: state.signedIn === true ? 'service.signedIn' : 'service.signedOut',
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

/** Who is signed in, then the worst problem: "Ines Salgado · no credits left", "… (stale)" when the data is old. */
function describeServiceStatus(status: AccountStatus, who: string | undefined, trouble: ProblemSummary | undefined): string {
  const headline = trouble ? (who ? `${who} · ${trouble.phrase}` : trouble.phrase) : (who ?? MISSING);
  switch (status) {
    case 'signedOut':
      return 'Not signed in';
    case 'loading':
      return 'Loading…';
    case 'error':
      return 'Could not load';
    case 'stale':
      return `${headline} (stale)`;
    case 'fresh':
      return headline;
  }
}

// Tooltips are Markdown: every piece of text that came from a service (or quotes one) is escaped.
function serviceTooltip(adapter: ServiceAdapter, state: AccountState, context: RowContext): string {
  const lines = [`**${escapeMarkdown(adapter.displayName)}**`];
  const host = context.customHosts?.[adapter.id];
  if (host) lines.push(`Data from ${escapeMarkdown(host)} (not the default ${escapeMarkdown(new URL(adapter.defaultBaseUrl).host)})`);
  if (!state.signedIn) lines.push('No API token set.');
  if (state.signedIn && state.snapshot) for (const problem of state.snapshot.problems) lines.push(escapeMarkdown(problem.message));
  if (state.snapshot) {
    lines.push(
      `Updated ${formatRelativeTime(state.snapshot.fetchedAt, context.now, context.locale)} (${escapeMarkdown(formatExactTime(state.snapshot.fetchedAt, context.locale))})`,
    );
  }
  if (state.fromCache) lines.push('Shown from the last session until the first refresh finishes.');
  if (state.error) lines.push(`Last refresh failed: ${escapeMarkdown(state.error.message)}`);
  return lines.join('\n\n');
}

/** Where the data comes from, first under the service, when that is not the service's own address. */
function hostRow(adapter: ServiceAdapter, host: string): Row {
  return {
    id: `${adapter.id}/host`,
    kind: 'message',
    label: 'Server',
    description: host,
    tooltip: `${escapeMarkdown(adapter.displayName)} data comes from ${escapeMarkdown(host)}, set in the base URL setting (the default is ${escapeMarkdown(new URL(adapter.defaultBaseUrl).host)}).`,
    icon: { id: 'server' },
    command: { command: 'workbench.action.openSettings', title: 'Open settings', arguments: [`accountGlance.${adapter.id}.baseUrl`] },
  };
}

function serviceChildren(adapter: ServiceAdapter, state: AccountState, context: RowContext): Row[] {
  if (!state.signedIn) {
    return [
      {
        id: `${adapter.id}/setToken`,
        kind: 'action',
        label: 'Set API token…',
        icon: { id: 'key' },
        tooltip: `Store a ${adapter.displayName} API token in VS Code's secret storage.`,
        command: { command: 'accountGlance.setToken', title: 'Set API Token...', arguments: [adapter.id] },
      },
    ];
  }
  const rows: Row[] = [];
  const host = context.customHosts?.[adapter.id];
  if (host) rows.push(hostRow(adapter, host));
  if (state.error) rows.push(errorRow(adapter, state.error, state, context));
  else if (state.fromCache && state.snapshot) {
    rows.push({
      id: `${adapter.id}/cached`,
      kind: 'message',
      label: 'From last session',
      description: `refreshing… (data ${formatRelativeTime(state.snapshot.fetchedAt, context.now, context.locale)})`,
      icon: { id: 'history' },
    });
  }
  if (state.snapshot) rows.push(...snapshotSections(adapter, state.snapshot, context));
  else if (!state.error) rows.push({ id: `${adapter.id}/loading`, kind: 'message', label: 'Loading…', icon: { id: 'sync~spin' } });
  return rows;
}

/** A short title per error kind: the sentence itself is too long for a tree row, so it follows as the description. */
const ERROR_TITLES: Record<ServiceError['kind'], string> = {
  unauthorized: 'Token rejected',
  notFound: 'Not found',
  rateLimited: 'Rate limited',
  server: 'Server error',
  network: 'Connection failed',
  timeout: 'Timed out',
  unexpected: 'Unexpected answer',
  invalidBaseUrl: 'Base URL refused',
  originChanged: 'Base URL changed',
  secretStorage: 'Secret storage unavailable',
  throttled: 'Automatic refresh paused',
};

function errorRow(adapter: ServiceAdapter, error: ServiceError, state: AccountState, context: RowContext): Row {
  const stale = state.snapshot !== undefined;
  const action = errorAction(adapter, error);
  const dataAge = stale ? `data from ${formatRelativeTime(state.snapshot?.fetchedAt, context.now, context.locale)}` : undefined;
  return {
    id: `${adapter.id}/error`,
    kind: 'message',
    label: ERROR_TITLES[error.kind],
    // What to do comes first: a side bar shows only the start of the line (the node already says "stale").
    description: dataAge ? `${error.message} · ${dataAge}` : error.message,
    tooltip: [
      escapeMarkdown(error.message),
      stale ? 'The values below are the last ones that loaded.' : '',
      `Click to ${action.title.toLowerCase()}.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: stale ? { id: 'warning', color: 'list.warningForeground' } : { id: 'error', color: 'list.errorForeground' },
    command: action,
  };
}

/** What a person can do about an error: a new token for a rejected one, the settings for a bad URL, else the log. */
function errorAction(adapter: ServiceAdapter, error: ServiceError): RowCommand {
  switch (error.kind) {
    case 'unauthorized':
      return { command: 'accountGlance.setToken', title: 'Set a new token', arguments: [adapter.id] };
    case 'invalidBaseUrl':
      return { command: 'workbench.action.openSettings', title: 'Open settings', arguments: [`accountGlance.${adapter.id}.baseUrl`] };
    case 'originChanged':
      return { command: 'accountGlance.confirmBaseUrl', title: 'Confirm the new address', arguments: [adapter.id] };
    case 'secretStorage':
      return { command: 'accountGlance.showTroubleshooting', title: 'Open troubleshooting' };
    case 'throttled':
      return { command: 'accountGlance.refreshService', title: 'Refresh now', arguments: [adapter.id] };
    default:
      return { command: 'accountGlance.showLog', title: 'Show log' };
  }
}

function snapshotSections(adapter: ServiceAdapter, snapshot: AccountSnapshot, context: RowContext): Row[] {
  const base = adapter.id;
  const { identity, plan } = snapshot;
  const dateRow = (id: string, label: string, at: number | undefined): Row =>
    valueRow(`${base}/${id}`, label, formatRelativeTime(at, context.now, context.locale), formatExactTime(at, context.locale));

  const profile = [
    valueRow(`${base}/profile/name`, 'Name', formatText(identity.displayName)),
    valueRow(`${base}/profile/email`, 'Email', formatText(identity.email)),
    valueRow(`${base}/profile/organization`, 'Organization', formatText(identity.organization)),
    ...(identity.phone ? [valueRow(`${base}/profile/phone`, 'Phone', formatText(identity.phone))] : []),
    valueRow(`${base}/profile/id`, 'User ID', formatText(identity.id)),
    dateRow('profile/created', 'Member since', identity.createdAt),
  ];

  const planRows = [
    valueRow(`${base}/plan/name`, 'Plan', formatText(plan.name)),
    valueRow(`${base}/plan/status`, 'Subscription', formatText(plan.subscriptionStatus)),
  ];
  if (plan.paid !== undefined) planRows.push(valueRow(`${base}/plan/paid`, 'Paid plan', formatYesNo(plan.paid)));
  if (plan.renewsAt !== undefined) planRows.push(dateRow('plan/renews', 'Renews', plan.renewsAt));
  if (plan.expiresAt !== undefined) planRows.push(dateRow('plan/expires', 'Expires', plan.expiresAt));
  if (plan.cancelsAt !== undefined) planRows.push(dateRow('plan/cancels', 'Cancels', plan.cancelsAt));
  if (plan.autoRenew !== undefined)
    planRows.push(valueRow(`${base}/plan/autoRenew`, 'Auto-renew', formatYesNo(plan.autoRenew, 'On', 'Off')));
  if (plan.autoRefill) {
    const refill = plan.autoRefill;
    const detail =
      refill.enabled && (refill.amount !== undefined || refill.trigger !== undefined)
        ? `On: add ${formatMoney(refill.amount, refill.currency, context.locale)} below ${formatMoney(refill.trigger, refill.currency, context.locale)}`
        : formatYesNo(refill.enabled, 'On', 'Off');
    planRows.push(valueRow(`${base}/plan/autoRefill`, 'Auto-refill', detail));
  }

  const credits = snapshot.counters.map((counter) => {
    const value = formatCounterValue(counter.value, counter.unit, context.locale);
    const expiry =
      counter.expiresAt !== undefined ? ` · expires ${formatRelativeTime(counter.expiresAt, context.now, context.locale)}` : '';
    const row = valueRow(
      `${base}/credits/${counter.id}`,
      counter.label,
      value,
      undefined,
      counter.headline ? { id: 'star-full' } : undefined,
    );
    return expiry
      ? {
          ...row,
          description: `${value}${expiry}`,
          tooltip: `${row.tooltip}\n\nExpires ${escapeMarkdown(formatExactTime(counter.expiresAt, context.locale))}`,
        }
      : row;
  });

  // Credits and problems are what a glance is for: open. Profile and plan: one click away.
  // Problems come first, so a person sees them without scrolling.
  const sections: Row[] = [
    ...(snapshot.problems.length > 0 ? [problemsSection(base, snapshot.problems)] : []),
    section(`${base}/profile`, 'Profile', 'account', profile, false),
    section(`${base}/plan`, 'Plan', 'briefcase', planRows, false),
    section(
      `${base}/credits`,
      'Credits',
      'credit-card',
      credits.length > 0 ? credits : [valueRow(`${base}/credits/none`, 'No credit counters reported', '')],
    ),
  ];
  for (const list of snapshot.lists) sections.push(listRow(base, list));
  return sections;
}

function problemsSection(base: string, problems: readonly AccountProblem[]): Row {
  return section(
    `${base}/problems`,
    'Problems',
    'warning',
    problems.map((problem) => ({
      id: `${base}/problems/${problem.id}`,
      kind: 'value' as const,
      label: problem.message,
      tooltip: escapeMarkdown(problem.message),
      icon: SEVERITY_ICONS[problem.severity],
      copyText: problem.message,
      contextValue: 'value',
    })),
  );
}

function section(id: string, label: string, icon: string, children: Row[], expanded = true): Row {
  return { id, kind: 'section', label, icon: { id: icon }, children, expanded };
}

function listRow(base: string, list: DetailList): Row {
  return {
    id: `${base}/lists/${list.id}`,
    kind: 'list',
    label: list.label,
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
    tooltip: escapeMarkdown(exact && exact !== MISSING ? `${label}: ${value} (${exact})` : `${label}: ${value}`),
    copyText: exact && exact !== MISSING ? exact : value,
    contextValue: value && value !== MISSING ? 'value' : undefined,
    icon,
  };
}
