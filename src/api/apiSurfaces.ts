// Everything another extension or chat can reach, made together: the exported API, the
// authentication provider (accounts as sessions for getSession) and the chat tool. Read-only:
// each hands out what the panel shows, never a token.
import * as vscode from 'vscode';
import { summarizeAccounts, type SummaryAccount } from '../views/viewModels/accountSummary';
import { registerAccountsTool } from './accountsTool';
import { AccountsAuthenticationProvider, AUTHENTICATION_PROVIDER_ID, type AuthenticationProviderParts } from './authenticationProvider';
import { createExportedApi, type ExportedApi } from './exportedApi';

export interface ApiSurfaceParts extends AuthenticationProviderParts {
  /** The signed-in accounts as the panel shows them. */
  readonly accounts: () => readonly SummaryAccount[];
  readonly locale: string;
  readonly privacyMode: () => boolean;
}

export interface ApiSurfaces {
  readonly exported: ExportedApi;
  readonly accountsProvider: AccountsAuthenticationProvider;
  readonly disposables: readonly vscode.Disposable[];
}

export function createApiSurfaces(parts: ApiSurfaceParts): ApiSurfaces {
  const { accounts, locale, privacyMode } = parts;
  const exported = createExportedApi(accounts);
  const accountsProvider = new AccountsAuthenticationProvider(parts);
  const tool = registerAccountsTool({
    accounts: () => exported.api.getAccounts(),
    summarize: (ids) =>
      summarizeAccounts(
        accounts().filter(({ state }) => ids.includes(state.accountKey)),
        { now: Date.now(), locale },
      ),
    privacyMode,
  });
  const registration = vscode.authentication.registerAuthenticationProvider(
    AUTHENTICATION_PROVIDER_ID,
    'Account Glance',
    accountsProvider,
    {
      supportsMultipleAccounts: true,
    },
  );
  return { exported, accountsProvider, disposables: [exported, accountsProvider, registration, tool] };
}
