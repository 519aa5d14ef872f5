// What VS Code's Accounts menu calls each Account Glance account, and what it remembers an
// extension's access by: VS Code keys the consent a person gives ("Allow") to the account's LABEL,
// not its id. So a label must name one account at the service and nothing else: two holders who
// share a name get different labels, and a later, different account never inherits an earlier one's
// label (and with it that account's consents). The label carries what identifies the account at the
// service (its email, else its id there); until the data that says so has come, the account key.
// As on every surface, what a service sent is plain text there (surfaceText.ts): no icon or link syntax.
import * as l10n from '@vscode/l10n';
import { accountHolderName, type AccountIdentity } from '../../core/model';
import { plainText } from './surfaceText';

/** One signed-in account, as its session label needs it. */
export interface LabelledAccount {
  readonly accountKey: string;
  /** accountTitle(): the service's name, with the person's own label for the account when given ("Leadping · Client A"). */
  readonly title: string;
  /** Who the service says holds the account; undefined until its data has come. */
  readonly identity: AccountIdentity | undefined;
}

/**
 * The label of one account: "Leadping: Jordan Avery (jordan@example.com)"; its email alone when that
 * is all the name there is; the account key where the service named no email or id ("Leadping:
 * Jordan Avery (leadping~1a2b3c4d)"), or nobody at all yet ("Leadping (leadping)").
 */
export function sessionLabel(account: LabelledAccount): string {
  return plainText(naturalLabel(account));
}

function naturalLabel({ accountKey, title, identity }: LabelledAccount): string {
  const name = accountHolderName(identity);
  const identifier = identity?.email ?? identity?.id;
  if (identifier === undefined) {
    return name === undefined
      ? l10n.t('{service} ({accountKey})', { service: title, accountKey })
      : l10n.t('{service}: {name} ({accountKey})', { service: title, name, accountKey });
  }
  return name === undefined || name === identifier
    ? l10n.t('{service}: {name}', { service: title, name: identifier })
    : l10n.t('{service}: {name} ({identifier})', { service: title, name, identifier });
}

/**
 * Every account's label, by account key, none shared: accounts whose labels would still be the
 * same (two accounts at the service with one email, say) each get their account key added, which
 * no other account has. Added again while a label is still shared, which takes a name or email
 * the service spelled like "… · <another account's key>"; a round per account is more than enough.
 */
export function sessionLabels(accounts: readonly LabelledAccount[]): ReadonlyMap<string, string> {
  let labels: ReadonlyMap<string, string> = new Map(accounts.map((account) => [account.accountKey, sessionLabel(account)]));
  for (let round = 0; round < accounts.length; round++) {
    const shared = sharedLabels(labels);
    if (shared.size === 0) break;
    labels = new Map(
      [...labels].map(([accountKey, label]) => [
        accountKey,
        shared.has(label) ? l10n.t('{label} · {accountKey}', { label, accountKey }) : label,
      ]),
    );
  }
  return labels;
}

/** The labels more than one account has. */
function sharedLabels(labels: ReadonlyMap<string, string>): ReadonlySet<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const label of labels.values()) (seen.has(label) ? shared : seen).add(label);
  return shared;
}
