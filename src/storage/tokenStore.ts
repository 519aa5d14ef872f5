// API tokens live only in VS Code's SecretStorage (the OS keychain where there is one): never in
// settings, files or logs. One entry per account (keyed by its account key, src/core/accounts/
// accountKey.ts) holds the token and the origin it was checked against when saved; the fetcher
// sends it to no other origin. The store also tells this window's own writes from another
// window's, so a change made here is not refreshed twice.
import type * as vscode from 'vscode';
import { tokenFingerprint } from '../core/http/token';

const KEY_PREFIX = 'accountGlance.token.';
const RECORD_VERSION = 2;

export interface StoredToken {
  readonly token: string;
  /** Where the token may be sent; undefined for a token 0.1.0 saved, before tokens were bound. */
  readonly origin: string | undefined;
}

/** What another window changed: the token itself, only the origin it is bound to, or removed it. */
export type TokenChange = 'token' | 'origin' | 'removed';

interface Fingerprint {
  readonly token: string;
  readonly origin: string | undefined;
}

export class TokenStore {
  /** What this window last read or wrote, per account, as one-way fingerprints (no copy of a token). */
  private readonly known = new Map<string, Fingerprint | undefined>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  static keyFor(accountKey: string): string {
    return `${KEY_PREFIX}${accountKey}`;
  }

  /** The saved token and its origin. Rejects when secret storage cannot be read (no keyring, locked). */
  async read(accountKey: string): Promise<StoredToken | undefined> {
    const stored = parseStoredToken(await this.secrets.get(TokenStore.keyFor(accountKey)));
    this.known.set(accountKey, fingerprintOf(stored));
    return stored;
  }

  /** Saves a token bound to `origin`. On failure this window keeps believing what it knew before. */
  async save(accountKey: string, token: string, origin: string): Promise<void> {
    await this.write(accountKey, { token, origin }, () =>
      this.secrets.store(TokenStore.keyFor(accountKey), JSON.stringify({ version: RECORD_VERSION, token, origin })),
    );
  }

  async delete(accountKey: string): Promise<void> {
    await this.write(accountKey, undefined, () => this.secrets.delete(TokenStore.keyFor(accountKey)));
  }

  /**
   * Fires when another window (or anything but this store) changed an account's token. A read
   * that fails is reported as `error`, never as an unhandled rejection.
   */
  onDidChangeElsewhere(
    listener: (accountKey: string, change: TokenChange) => void,
    onError: (accountKey: string, error: unknown) => void,
  ): vscode.Disposable {
    return this.secrets.onDidChange(async (event) => {
      if (!event.key.startsWith(KEY_PREFIX)) return;
      const accountKey = event.key.slice(KEY_PREFIX.length);
      const before = this.known.get(accountKey);
      try {
        const after = fingerprintOf(parseStoredToken(await this.secrets.get(event.key)));
        this.known.set(accountKey, after);
        const change = describeChange(before, after);
        if (change) listener(accountKey, change);
      } catch (error) {
        onError(accountKey, error);
      }
    });
  }

  private async write(accountKey: string, next: StoredToken | undefined, write: () => Thenable<void>): Promise<void> {
    const before = this.known.get(accountKey);
    // Known before the write: the change event may arrive before the promise settles.
    this.known.set(accountKey, fingerprintOf(next));
    try {
      await write();
    } catch (error) {
      this.known.set(accountKey, before);
      throw error;
    }
  }
}

/** A 2.x record, or a bare token string as 0.1.0 saved it. Anything unreadable counts as no token. */
function parseStoredToken(value: string | undefined): StoredToken | undefined {
  if (value === undefined || value === '') return undefined;
  if (!value.startsWith('{')) return { token: value, origin: undefined };
  try {
    const record = JSON.parse(value) as { token?: unknown; origin?: unknown };
    if (typeof record.token !== 'string' || record.token === '') return undefined;
    return { token: record.token, origin: typeof record.origin === 'string' && record.origin !== '' ? record.origin : undefined };
  } catch {
    return undefined;
  }
}

function fingerprintOf(stored: StoredToken | undefined): Fingerprint | undefined {
  return stored && { token: tokenFingerprint(stored.token), origin: stored.origin };
}

function describeChange(before: Fingerprint | undefined, after: Fingerprint | undefined): TokenChange | undefined {
  if (!after) return before ? 'removed' : undefined;
  if (!before || before.token !== after.token) return 'token';
  return before.origin === after.origin ? undefined : 'origin';
}
