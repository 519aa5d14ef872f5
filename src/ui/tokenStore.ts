// API tokens live only in VS Code's SecretStorage (the OS keychain where there is one):
// never in settings, files or logs. One key per service.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

const KEY_PREFIX = 'accountGlance.token.';

export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  static keyFor(serviceId: string): string {
    return `${KEY_PREFIX}${serviceId}`;
  }

  get(serviceId: string): Thenable<string | undefined> {
    return this.secrets.get(TokenStore.keyFor(serviceId));
  }

  store(serviceId: string, token: string): Thenable<void> {
    return this.secrets.store(TokenStore.keyFor(serviceId), token);
  }

  delete(serviceId: string): Thenable<void> {
    return this.secrets.delete(TokenStore.keyFor(serviceId));
  }

  /** Fires with the service id when its token changes, in this window or any other. */
  onDidChange(listener: (serviceId: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(KEY_PREFIX)) listener(event.key.slice(KEY_PREFIX.length));
    });
  }
}

/** A one-way fingerprint, so "is this the token we already have?" needs no copy of the token. */
export function tokenFingerprint(token: string | undefined): string | undefined {
  return token === undefined ? undefined : createHash('sha256').update(token).digest('hex');
}
