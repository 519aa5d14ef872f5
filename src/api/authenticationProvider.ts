// Account Glance's accounts in VS Code's Accounts menu, and for other extensions through
// vscode.authentication.getSession('accountglance', [serviceId]), which VS Code guards with its own
// consent prompt. One provider for every service (package.json contributes it once, so a new
// service needs no manifest change); a session per signed-in account, its id the account key and
// its scopes the service id. Signing in from the menu runs Add Account (the same checked token
// box); signing out removes the account's token, as Remove API Token does once confirmed (the
// menu has asked already).
import * as vscode from 'vscode';
import { accountHolderName } from '../core/model';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { AccountState } from '../core/refresh/accountState';
import { findAdapter } from '../core/services/serviceAdapter';
import type { AccountBook } from '../storage/accountBook';
import type { TokenStore } from '../storage/tokenStore';
import { accountTitle } from '../views/viewModels/accountTitle';

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

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const sessions = await Promise.all(this.accountsFor(scopes).map((state) => this.sessionOf(state)));
    return sessions.filter((session): session is vscode.AuthenticationSession => session !== undefined);
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const services = this.parts.refresher.adapters.filter((adapter) => scopes.includes(adapter.id));
    const before = new Set(this.accountsFor(scopes).map((state) => state.accountKey));
    await vscode.commands.executeCommand('accountGlance.addAccount', services.length === 1 ? services[0]?.id : undefined);
    // The account just added; or, when the token was one Account Glance held already, that account.
    const after = this.accountsFor(scopes);
    const chosen = after.find((state) => !before.has(state.accountKey)) ?? after[0];
    const session = chosen && (await this.sessionOf(chosen));
    if (session) return session;
    throw new Error(vscode.l10n.t('No API token was set.'));
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

  private async sessionOf(state: AccountState): Promise<vscode.AuthenticationSession | undefined> {
    const stored = await this.parts.tokens.read(state.accountKey);
    if (!stored) return undefined;
    return {
      id: state.accountKey,
      accessToken: stored.token,
      account: { id: state.accountKey, label: this.accountLabel(state) },
      scopes: [state.serviceId],
    };
  }

  /** "Leadping: Jordan Avery" ("Leadping · Client A: Jordan Avery" when labelled), or the title alone until its data has come. */
  private accountLabel(state: AccountState): string {
    const adapter = findAdapter(this.parts.refresher.adapters, state.serviceId);
    const title = adapter ? accountTitle(adapter, state) : state.serviceId;
    const holder = accountHolderName(state.snapshot?.identity);
    return holder ? vscode.l10n.t('{service}: {name}', { service: title, name: holder }) : title;
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
    for (const [accountKey, state] of now) {
      const label = this.accountLabel(state);
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
