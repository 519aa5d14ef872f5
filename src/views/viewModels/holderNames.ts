// What each account's holder is called where accounts are listed side by side: the Accounts tree,
// the status-bar menu and the pick lists of commands such as Sign Out. Two accounts of one service
// can belong to namesakes (two colleagues both called Jordan Avery); by name alone they would look
// alike, and a person could sign out the wrong one. So where the service, the account's label and
// the name are all the same, the name carries the first of the email and the service's id for the
// holder that tells them all apart.
import * as l10n from '@vscode/l10n';
import { accountHolderName, type AccountIdentity } from '../../core/model';
import type { AccountState } from '../../core/refresh/accountState';

type ListedAccount = Pick<AccountState, 'accountKey' | 'serviceId' | 'label' | 'signedIn' | 'snapshot'>;

/** Each signed-in account's holder as it should read beside the others, by account key; none for an account without a name yet. */
export function holderNames(states: readonly ListedAccount[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const alike = new Map<string, { key: string; identity: AccountIdentity }[]>();
  for (const state of states) {
    const identity = state.snapshot?.identity;
    const name = accountHolderName(identity);
    if (!state.signedIn || identity === undefined || name === undefined) continue;
    names.set(state.accountKey, name);
    const looks = JSON.stringify([state.serviceId, state.label ?? '', name]);
    alike.set(looks, [...(alike.get(looks) ?? []), { key: state.accountKey, identity }]);
  }
  for (const group of alike.values()) {
    if (group.length < 2) continue;
    const telling = DETAILS.find((detail) => tellsApart(group.map(({ identity }) => detail(identity))));
    if (!telling) continue;
    for (const { key, identity } of group) {
      names.set(key, l10n.t('{name} ({detail})', { name: names.get(key) ?? '', detail: telling(identity) ?? '' }));
    }
  }
  return names;
}

/** What may tell namesakes apart, in the order tried. */
const DETAILS: readonly ((identity: AccountIdentity) => string | undefined)[] = [
  (identity) => identity.email?.trim() || undefined,
  (identity) => identity.id?.trim() || undefined,
];

/** Whether every value is given and no two are the same. */
function tellsApart(values: readonly (string | undefined)[]): boolean {
  return values.every((value) => value !== undefined) && new Set(values).size === values.length;
}
