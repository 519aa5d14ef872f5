// What a row of the Accounts tree is, as plain data, and the two plain rows every part of the tree
// builds (a labelled value, a section). The tree provider turns rows into TreeItems; keeping them
// free of `vscode` lets every state be tested in plain Node. accountRows.ts builds an account's
// node, snapshotRows.ts the rows of its data.
import * as l10n from '@vscode/l10n';
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import type { ProblemSeverity } from '../../core/model';
import { MISSING } from './format';
import { markdownText } from './surfaceText';

export interface RowIcon {
  /** A codicon id, e.g. 'pass', 'sync~spin'. */
  readonly id: string;
  /** A theme colour id, e.g. 'charts.green'. */
  readonly color?: string;
}

export interface RowCommand {
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
  /**
   * What a screen reader says, when the label and description alone would not say what the
   * row's icon or its colour shows (used up, refresh failed, …). Else spokenRow() reads both.
   */
  readonly accessibilityLabel?: string;
}

/** What a screen reader says for a row: its accessibilityLabel, else "label: description". */
export function spokenRow(row: Row): string {
  if (row.accessibilityLabel !== undefined) return row.accessibilityLabel;
  return row.description ? l10n.t('{label}: {value}', { label: row.label, value: row.description }) : row.label;
}

/**
 * A row's words, then each state its icon or colour shows, as sentences of their own: "Leadping:
 * Jordan Avery (stale). Last refresh failed: Connection failed". Undefined when there is none to add.
 */
export function spokenWithStates(row: Row, states: readonly string[]): string | undefined {
  if (states.length === 0) return undefined;
  return states.reduce((spoken, state) => l10n.t('{spoken}. {state}', { spoken, state }), spokenRow(row));
}

/** What every row is built with: the clock, the person's locale and what the view knows beyond the snapshot. */
/** From this many accounts on, the view is compact (see RowContext.compact): three open accounts no longer fit a window. */
export const COMPACT_FROM_ACCOUNTS = 3;

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
  /** Each account's holder as it reads beside the others (holderNames.ts): namesakes carry their email. */
  readonly holderNames?: ReadonlyMap<string, string>;
}

/** A problem's icon, wherever it shows: the account's node and its Problems section agree. */
export const SEVERITY_ICONS: Record<ProblemSeverity, RowIcon> = {
  error: { id: 'error', color: 'list.errorForeground' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  info: { id: 'info' },
};

/** A heading row over `children`, open unless told otherwise. */
export function section(id: string, label: string, icon: string, children: Row[], expanded = true): Row {
  return { id, kind: 'section', label, icon: { id: icon }, children, expanded };
}

/** A label and its value; `exact` (a full date, say) goes in the tooltip and is what Copy Value copies. */
export function valueRow(id: string, label: string, value: string, exact?: string, icon?: RowIcon): Row {
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
