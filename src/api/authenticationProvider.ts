// Account Glance's accounts in VS Code's Accounts menu, and for other extensions through
// vscode.authentication.getSession('accountglance', [serviceId]), which VS Code guards with its own
// consent prompt. One provider for every service (package.json contributes it once, so a new
// service needs no manifest change); a session per signed-in account, its id the account key and
// its scopes the service id, its label unique to the account (sessionLabel.ts says why). Signing
// in from the menu, or for an extension that asked, runs Add Account (the same checked token box)
// and hands over exactly the account the entered token belongs to; signing out removes the
// account's token, as Remove API Token does once confirmed (the menu has asked already).
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountState } from '../core/refresh/accountState';
import { findAdapter } from '../core/services/serviceAdapter';
import type { AccountBook } from '../storage/accountBook';
import type { TokenStore } from '../storage/tokenStore';
import { accountTitle } from '../views/viewModels/accountTitle';
import { sessionLabels } from '../views/viewModels/sessionLabel';

export const AUTHENTICATION_PROVIDER_ID = 'accountglance';

export interface AuthenticationProviderParts {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  readonly book: AccountBook;
  readonly log: vscode.LogOutputChannel;
}

export class AccountsAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  /** Per signed-in account (by key), the account label VS Code was last told, and its scopes. */
  private readonly told = new Map<string, { readonly label: string; readonly serviceId: string }>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly parts: AuthenticationProviderParts) {
    this.subscription = parts.refresher.onDidChangeState(() => this.tellChanges());
  }

  async getSessions(
    scopes: readonly string[] | undefined,
    options?: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession[]> {
    // Asked about one account (VS Code does, for an extension's chosen account): only its session.
    const asked = options?.account?.id;
    const accounts = this.accountsFor(scopes).filter((state) => asked === undefined || state.accountKey === asked);
    const labels = this.labels();
    const sessions = await Promise.all(accounts.map((state) => this.sessionOf(state, labels)));
    return sessions.filter((session): session is vscode.AuthenticationSession => session !== undefined);
  }

  /**
   * Runs Add Account and hands over the session of exactly the account the entered token belongs
   * to: a new account, or the one Account Glance already held under that token. Cancelled (or the
   * token not saved): a CancellationError, never some other account's session.
   */
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const services = this.parts.refresher.adapters.filter((adapter) => scopes.includes(adapter.id));
    // One service named: its token box at once; several or none: the command asks which service.
    const serviceId = services.length === 1 ? services[0]?.id : undefined;
    const accountKey = await vscode.commands.executeCommand<string | undefined>('accountGlance.addAccount', serviceId);
    const state =
      typeof accountKey === 'string' && this.parts.refresher.has(accountKey) ? this.parts.refresher.state(accountKey) : undefined;
    const session = state?.signedIn ? await this.sessionOf(state, this.labels()) : undefined;
    if (!session) throw new vscode.CancellationError();
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    if (!this.parts.refresher.has(sessionId)) return;
    await this.parts.book.remove(sessionId);
    this.parts.log.info(`${sessionId}: API token removed from the Accounts menu.`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  /** The signed-in accounts of the services the scopes name; of every service when they name none. */
  private accountsFor(scopes: readonly string[] | undefined): AccountState[] {
    const named = (state: AccountState) => !scopes || scopes.length === 0 || scopes.includes(state.serviceId);
    return this.parts.refresher.states().filter((state) => state.signedIn && named(state));
  }

  private async sessionOf(state: AccountState, labels: ReadonlyMap<string, string>): Promise<vscode.AuthenticationSession | undefined> {
    const stored = await this.parts.tokens.read(state.accountKey);
    if (!stored) return undefined;
    return {
      id: state.accountKey,
      accessToken: stored.token,
      account: { id: state.accountKey, label: labels.get(state.accountKey) ?? state.accountKey },
      scopes: [state.serviceId],
    };
  }

  /** Every signed-in account's label, by account key: unique among them all, whatever the service. */
  private labels(): ReadonlyMap<string, string> {
    return sessionLabels(
      this.accountsFor(undefined).map((state) => {
        const adapter = findAdapter(this.parts.refresher.adapters, state.serviceId);
        return {
          accountKey: state.accountKey,
          title: adapter ? accountTitle(adapter, state) : state.serviceId,
          identity: state.snapshot?.identity,
        };
      }),
    );
  }

  /** Tells VS Code which sessions came, went or were renamed since it was last told. */
  private tellChanges(): void {
    const added: vscode.AuthenticationSession[] = [];
    const removed: vscode.AuthenticationSession[] = [];
    const changed: vscode.AuthenticationSession[] = [];
    // The event carries no token: VS Code asks getSessions() for the sessions themselves.
    const session = (accountKey: string, serviceId: string, label: string) => ({
      id: accountKey,
      accessToken: '',
      account: { id: accountKey, label },
      scopes: [serviceId],
    });
    const now = new Map(this.accountsFor(undefined).map((state) => [state.accountKey, state]));
    const labels = this.labels();
    for (const [accountKey, state] of now) {
      const label = labels.get(accountKey) ?? accountKey;
      const before = this.told.get(accountKey);
      if (before === undefined) added.push(session(accountKey, state.serviceId, label));
      else if (before.label !== label) changed.push(session(accountKey, state.serviceId, label));
      this.told.set(accountKey, { label, serviceId: state.serviceId });
    }
    for (const [accountKey, before] of this.told) {
      if (now.has(accountKey)) continue;
      removed.push(session(accountKey, before.serviceId, before.label));
      this.told.delete(accountKey);
    }
    if (added.length + removed.length + changed.length > 0) this.changes.fire({ added, removed, changed });
  }
}
