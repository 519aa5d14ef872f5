// Where a refresh finds an account's token and where it may send it: the token with the origin it
// is bound to. A token 0.1.0 saved carries no origin; it is bound, once, to the origin the settings
// name at the first refresh after the upgrade. That migration lives here, beside the token store.
import { serviceIdOfKey } from '../core/accounts/accountKey';
import type { AccountConnection } from '../core/http/accountFetcher';
import { originOf } from '../core/http/baseUrl';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import type { TokenStore } from './tokenStore';

/** Where the migration says what it did. */
export interface ConnectionLog {
  info(message: string): void;
  warn(message: string): void;
}

export class AccountConnections {
  constructor(
    private readonly tokens: Pick<TokenStore, 'read' | 'save'>,
    private readonly adapters: readonly ServiceAdapter[],
    /** The base URL a service's token goes to now (the person's own settings, or the default). */
    private readonly baseUrlFor: (adapter: ServiceAdapter) => string,
    private readonly log: ConnectionLog,
  ) {}

  /** The account's token, the base URL it goes to and the origin it is bound to; undefined without a token. */
  async connectionFor(accountKey: string): Promise<AccountConnection | undefined> {
    const adapter = findAdapter(this.adapters, serviceIdOfKey(accountKey));
    const stored = adapter && (await this.tokens.read(accountKey));
    if (!adapter || !stored) return undefined;
    const baseUrl = this.baseUrlFor(adapter);
    const tokenOrigin = stored.origin ?? (await this.bindLegacyToken(adapter, accountKey, stored.token, originOf(baseUrl) ?? ''));
    return { baseUrl, token: stored.token, tokenOrigin };
  }

  /** Binds a 0.1.0 token to `origin` for good; if that cannot be stored, it is still used for `origin` in this session. */
  private async bindLegacyToken(adapter: ServiceAdapter, accountKey: string, token: string, origin: string): Promise<string> {
    if (!origin) return origin;
    try {
      await this.tokens.save(accountKey, token, origin);
      this.log.info(`${adapter.displayName}: the token saved by an earlier version is now bound to ${origin}.`);
    } catch {
      this.log.warn(
        `${adapter.displayName}: could not record which address the token belongs to; it is used for ${origin} in this session.`,
      );
    }
    return origin;
  }
}
