// Which accounts Account Glance holds beyond each service's first, and what a person said about
// each account (its label, whether it is pinned). VS Code's SecretStorage cannot list its keys, so
// this record lists them; it lives there too, beside the tokens, so that a change made in one
// window reaches every other (SecretStorage tells each window; globalState tells none). It holds
// no secret. A service's first account needs no entry (0.1.0 kept its token under the service's
// own key); it has one only once labelled or pinned.
//   'accountGlance.accounts' → { version: 1, accounts: { [accountKey]: { label?, pinned? } } }
// The record is stored data from any release: what does not read as this shape is left out.
import type * as vscode from 'vscode';
import { isAccountKey } from '../core/accounts/accountKey';
import type { AccountDetails } from '../core/refresh/accountRefresher';
import { asObject } from '../core/services/jsonReaders';

const INDEX_KEY = 'accountGlance.accounts';
const INDEX_VERSION = 1;
/** Longer labels are cut: a label is a few words on a tree row and in the status bar's tooltip. */
export const MAX_LABEL_LENGTH = 40;

export type AccountEntries = ReadonlyMap<string, AccountDetails>;

export class AccountIndex {
  /** The record as this window last read or wrote it, to tell another window's changes from its own. */
  private known: string | undefined;
  /** Read-modify-write one change at a time, so two quick changes in this window both land. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Every listed account with its details. Rejects when secret storage cannot be read. */
  async read(): Promise<AccountEntries> {
    const stored = await this.secrets.get(INDEX_KEY);
    this.known = stored;
    return parseEntries(stored);
  }

  /** Lists the account with these details (replacing what was said before), or takes it off the list. */
  update(accountKey: string, details: AccountDetails | undefined): Promise<void> {
    const run = this.queue.then(async () => {
      const entries = new Map(await this.read());
      if (details) entries.set(accountKey, cleanDetails(details));
      else if (!entries.delete(accountKey)) return;
      const value = JSON.stringify({ version: INDEX_VERSION, accounts: Object.fromEntries(entries) });
      // Known before the write: the change event may arrive before the promise settles.
      this.known = value;
      await this.secrets.store(INDEX_KEY, value);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Fires with the new entries when another window changed the list; a failed read goes to `onError`. */
  onDidChangeElsewhere(listener: (entries: AccountEntries) => void, onError: (error: unknown) => void): vscode.Disposable {
    return this.secrets.onDidChange(async (event) => {
      if (event.key !== INDEX_KEY) return;
      try {
        const before = this.known;
        const entries = await this.read();
        if (this.known !== before) listener(entries);
      } catch (error) {
        onError(error);
      }
    });
  }
}

/** What reads well of a stored record; anything else counts as no entry. */
function parseEntries(stored: string | undefined): AccountEntries {
  const entries = new Map<string, AccountDetails>();
  if (!stored) return entries;
  let record: unknown;
  try {
    record = JSON.parse(stored);
  } catch {
    return entries;
  }
  const fields = asObject(record);
  const accounts = fields?.version === INDEX_VERSION ? asObject(fields.accounts) : undefined;
  for (const [key, value] of Object.entries(accounts ?? {})) {
    const details = asObject(value);
    if (!isAccountKey(key) || !details) continue;
    entries.set(key, cleanDetails({ label: details.label as string | undefined, pinned: details.pinned as boolean | undefined }));
  }
  return entries;
}

/** A label trimmed to one line of at most MAX_LABEL_LENGTH characters (none when empty); pinned only when true. */
export function cleanDetails(details: { readonly label?: unknown; readonly pinned?: unknown }): AccountDetails {
  const label = typeof details.label === 'string' ? details.label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH) : '';
  return { ...(label !== '' && { label }), ...(details.pinned === true && { pinned: true }) };
}
