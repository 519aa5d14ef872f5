// What an account is called on every surface: the service's name, and the person's own label for
// the account when they gave one ("Leadping · Client A"). One rule, so the tree, the status bar,
// its menu, the summaries and the Accounts menu all say the same.
import * as l10n from '@vscode/l10n';
import type { AccountState } from '../../core/refresh/accountState';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';

export function accountTitle(adapter: Pick<ServiceAdapter, 'displayName'>, state: Pick<AccountState, 'label'>): string {
  return state.label ? l10n.t('{service} · {label}', { service: adapter.displayName, label: state.label }) : adapter.displayName;
}
