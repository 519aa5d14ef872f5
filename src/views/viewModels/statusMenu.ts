// The menu the status-bar item opens: what it offers, in order, and the command each entry runs.
// Pure data (no `vscode` import), so the list is tested in plain Node; the command that shows it
// (accountGlance.showStatusMenu) asks through Prompts and runs what was chosen.
import * as l10n from '@vscode/l10n';
import type { AccountState } from '../../core/refresh/accountState';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import { accountTitle, privateAccountTitle } from './accountTitle';
import { HIDDEN_VALUE } from './statusBarView';
import { formatCounterValue } from './format';
import { holderNames } from './holderNames';

interface MenuEntry {
  /** Unique within its list: what Prompts.pickFromMenu answers with. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** A codicon id shown before the label. */
  readonly icon?: string;
}

interface MenuSeparator extends MenuEntry {
  readonly kind: 'separator';
}

/** An entry that runs a command. */
export interface MenuAction extends MenuEntry {
  readonly kind: 'action';
  readonly command: string;
  readonly arguments: readonly unknown[];
}

/** A signed-in account: choosing it asks again, among `actions`. */
interface MenuAccount extends MenuEntry {
  readonly kind: 'account';
  readonly placeHolder: string;
  readonly actions: readonly MenuAction[];
}

export type StatusMenuItem = MenuSeparator | MenuAction | MenuAccount;

export interface StatusMenu {
  readonly placeHolder: string;
  readonly items: readonly StatusMenuItem[];
}

export interface StatusMenuInput {
  /** In the order the panel lists them. */
  readonly adapters: readonly ServiceAdapter[];
  readonly states: readonly AccountState[];
  /** Names and values are hidden, as on the status-bar item the menu opens from. */
  readonly privacyMode: boolean;
  readonly locale?: string;
}

export function statusMenu({ adapters, states, privacyMode, locale }: StatusMenuInput): StatusMenu {
  const names = holderNames(states);
  const accounts = states.flatMap((state) => {
    const adapter = findAdapter(adapters, state.serviceId);
    if (!adapter || !state.signedIn) return [];
    // A label may name a client: privacy mode hides it with the names, and numbers a service's accounts instead.
    const title = privacyMode ? privateAccountTitle(adapter, state, states) : accountTitle(adapter, state);
    const who = privacyMode ? undefined : names.get(state.accountKey);
    return [accountItem(state, title, who, privacyMode, locale)];
  });
  const items: StatusMenuItem[] = [
    action('refresh', 'refresh', l10n.t('Refresh'), 'accountGlance.refresh'),
    action('openPanel', 'account', l10n.t('Open Panel'), 'workbench.view.extension.accountGlance'),
    action('showCreditHistory', 'graph-line', l10n.t('Show Credit History'), 'accountGlance.showCreditHistory'),
  ];
  if (accounts.length > 0) {
    items.push({ kind: 'separator', id: 'separator:accounts', label: l10n.t('Accounts') }, ...accounts);
  }
  items.push({ kind: 'separator', id: 'separator:more', label: '' });
  if (accounts.length > 0) {
    items.push(action('copyAllSummaries', 'copy', l10n.t('Copy Summary of All Accounts'), 'accountGlance.copySummary'));
  }
  items.push(
    action(
      'signIn',
      'key',
      accounts.length > 0 ? l10n.t('Sign In to Another Account...') : l10n.t('Sign In...'),
      'accountGlance.addAccount',
    ),
    privacyMode
      ? action('togglePrivacyMode', 'eye', l10n.t('Turn Privacy Mode Off'), 'accountGlance.togglePrivacyMode')
      : action('togglePrivacyMode', 'eye-closed', l10n.t('Turn Privacy Mode On'), 'accountGlance.togglePrivacyMode'),
  );
  return { placeHolder: l10n.t('Choose an action'), items };
}

/** `title`: the account as accountTitle() or, in privacy mode, privateAccountTitle() calls it; `who`: its holder as holderNames() says it, undefined in privacy mode. */
function accountItem(
  state: AccountState,
  title: string,
  who: string | undefined,
  privacyMode: boolean,
  locale: string | undefined,
): MenuAccount {
  const key = state.accountKey;
  return {
    kind: 'account',
    id: `account:${key}`,
    icon: state.pinned ? 'pinned' : 'credit-card',
    label: who ? l10n.t('{service} · {name}', { service: title, name: who }) : title,
    description: accountDescription(state, privacyMode, locale),
    placeHolder: l10n.t('Choose what to do with the {service} account', { service: title }),
    actions: [
      action('copySummary', 'copy', l10n.t('Copy Summary'), 'accountGlance.copySummary', key),
      action('openDashboard', 'link-external', l10n.t('Open Dashboard'), 'accountGlance.openDashboard', key),
      state.pinned
        ? action('unpin', 'pinned', l10n.t('Unpin from Status Bar'), 'accountGlance.unpinAccount', key)
        : action('pin', 'pin', l10n.t('Pin to Status Bar'), 'accountGlance.pinAccount', key),
      action('rename', 'edit', l10n.t('Rename...'), 'accountGlance.renameAccount', key),
      action('signOut', 'sign-out', l10n.t('Sign Out...'), 'accountGlance.removeToken', key),
    ],
  };
}

/** The headline value ("$18.75"), "•••" in privacy mode, or why there is none yet. */
function accountDescription(state: AccountState, privacyMode: boolean, locale: string | undefined): string | undefined {
  if (!state.snapshot) return state.error ? l10n.t('Could not load') : l10n.t('Loading…');
  if (privacyMode) return HIDDEN_VALUE;
  const headline = state.snapshot.counters.find((counter) => counter.headline);
  return headline && formatCounterValue(headline.value, headline.unit, locale);
}

function action(id: string, icon: string, label: string, command: string, ...args: unknown[]): MenuAction {
  return { kind: 'action', id, icon, label, command, arguments: args };
}
