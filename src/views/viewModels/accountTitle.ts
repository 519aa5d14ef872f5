// What an account is called on every surface: the service's name, and the person's own label for
// the account when they gave one ("Leadping · Client A"). One rule, so the tree, the status bar,
// its menu, the summaries and the Accounts menu all say the same.
import * as l10n from '@vscode/l10n';
import type { AccountState } from '../../core/refresh/accountState';
import type { ServiceAdapter } from '../../core/services/serviceAdapter';

export function accountTitle(adapter: Pick<ServiceAdapter, 'displayName'>, state: Pick<AccountState, 'label'>): string {
  return state.label ? l10n.t('{service} · {label}', { service: adapter.displayName, label: state.label }) : adapter.displayName;
}

/**
 * What privacy mode calls an account where a person did not ask to look (toasts, alerts, modal
 * questions, pick lists): its service, numbered when the service has several signed-in accounts
 * ("Leadping 2", as the status bar numbers them), never the label, which may name a client.
 */
export function privateAccountTitle(
  adapter: Pick<ServiceAdapter, 'displayName'>,
  state: Pick<AccountState, 'accountKey' | 'serviceId'>,
  states: readonly Pick<AccountState, 'accountKey' | 'serviceId' | 'signedIn'>[],
): string {
  const ofService = states.filter((other) => other.signedIn && other.serviceId === state.serviceId);
  const ordinal = ofService.findIndex((other) => other.accountKey === state.accountKey) + 1;
  return ofService.length > 1 && ordinal > 0
    ? l10n.t('{service} {number}', { service: adapter.displayName, number: ordinal })
    : adapter.displayName;
}
