// Account Glance's accounts in VS Code's Accounts menu, and for other extensions through
// vscode.authentication.getSession('accountglance', [serviceId]), which VS Code guards with its own
// consent prompt. One provider for every service (package.json contributes it once, so a new
// service needs no manifest change); a session per signed-in service, its scopes the service id.
// Signing in from the menu runs Set API Token (the same checked token box); signing out removes
// the token, as Remove API Token does once confirmed (the menu has asked already).
import * as vscode from 'vscode';
import { accountHolderName } from '../core/model';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import type { TokenStore } from '../storage/tokenStore';

export const AUTHENTICATION_PROVIDER_ID = 'accountglance';

export interface AuthenticationProviderParts {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  readonly log: vscode.LogOutputChannel;
}

export class AccountsAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  /** Per signed-in service, the account label VS Code was last told. */
  private readonly told = new Map<string, string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly parts: AuthenticationProviderParts) {
    this.subscription = parts.refresher.onDidChangeState(() => this.tellChanges());
  }

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const sessions = await Promise.all(this.adaptersFor(scopes).map((adapter) => this.sessionOf(adapter)));
    return sessions.filter((session): session is vscode.AuthenticationSession => session !== undefined);
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const [adapter, ...others] = this.adaptersFor(scopes);
    await vscode.commands.executeCommand('accountGlance.setToken', others.length === 0 ? adapter?.id : undefined);
    const signedIn = this.adaptersFor(scopes).filter((candidate) => this.parts.refresher.state(candidate.id).signedIn);
    for (const candidate of signedIn) {
      const session = await this.sessionOf(candidate);
      if (session) return session;
    }
    throw new Error(vscode.l10n.t('No API token was set.'));
  }

  async removeSession(sessionId: string): Promise<void> {
    const adapter = this.parts.refresher.adapters.find((candidate) => candidate.id === sessionId);
    if (!adapter) return;
    await this.parts.tokens.delete(adapter.id);
    this.parts.refresher.setSignedIn(adapter.id, false);
    this.parts.log.info(`${adapter.displayName}: API token removed from the Accounts menu.`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  /** The services the scopes name; every service when they name none. */
  private adaptersFor(scopes: readonly string[] | undefined): ServiceAdapter[] {
    const adapters = this.parts.refresher.adapters;
    const named = adapters.filter((adapter) => scopes?.includes(adapter.id));
    return scopes && scopes.length > 0 ? named : [...adapters];
  }

  private async sessionOf(adapter: ServiceAdapter): Promise<vscode.AuthenticationSession | undefined> {
    if (!this.parts.refresher.state(adapter.id).signedIn) return undefined;
    const stored = await this.parts.tokens.read(adapter.id);
    if (!stored) return undefined;
    return {
      id: adapter.id,
      accessToken: stored.token,
      account: { id: adapter.id, label: this.accountLabel(adapter) },
      scopes: [adapter.id],
    };
  }

  /** "Leadping: Jordan Avery", or the service alone until its data has come. */
  private accountLabel(adapter: ServiceAdapter): string {
    const holder = accountHolderName(this.parts.refresher.state(adapter.id).snapshot?.identity);
    return holder ? vscode.l10n.t('{service}: {name}', { service: adapter.displayName, name: holder }) : adapter.displayName;
  }

  /** Tells VS Code which sessions came, went or were renamed since it was last told. */
  private tellChanges(): void {
    const added: vscode.AuthenticationSession[] = [];
    const removed: vscode.AuthenticationSession[] = [];
    const changed: vscode.AuthenticationSession[] = [];
    for (const adapter of this.parts.refresher.adapters) {
      const signedIn = this.parts.refresher.state(adapter.id).signedIn;
      const before = this.told.get(adapter.id);
      const label = this.accountLabel(adapter);
      // The event carries no token: VS Code asks getSessions() for the sessions themselves.
      const session = { id: adapter.id, accessToken: '', account: { id: adapter.id, label }, scopes: [adapter.id] };
      if (signedIn && before === undefined) added.push(session);
      else if (!signedIn && before !== undefined) removed.push({ ...session, account: { id: adapter.id, label: before } });
      else if (signedIn && before !== label) changed.push(session);
      if (signedIn) this.told.set(adapter.id, label);
      else this.told.delete(adapter.id);
    }
    if (added.length + removed.length + changed.length > 0) this.changes.fire({ added, removed, changed });
  }
}
