// The language-model tool (contributes.languageModelTools in package.json): lets a chat model answer
// "how many Signeasy envelopes do I have left?" or "when does my Leadping balance run out?" from
// the data the panel shows, as the Markdown "Copy Summary" writes, plus the exported API's accounts
// as JSON for exact values. Read-only, never a token, no request made: it answers from what the
// last refresh brought, and says how old that is.
import * as vscode from 'vscode';
import type { AccountGlanceAccount } from './accountGlanceApi';
import { accountsAskedFor, type AccountsQuestion } from '../views/viewModels/publicAccount';

const ACCOUNTS_TOOL_NAME = 'accountGlance_getAccounts';

export interface AccountsToolSource {
  /** The signed-in accounts, as the exported API gives them. */
  readonly accounts: () => readonly AccountGlanceAccount[];
  /** The same accounts as Markdown, in the person's language (Copy Summary's text). */
  readonly summarize: (accountIds: readonly string[]) => string;
}

export function registerAccountsTool(source: AccountsToolSource): vscode.Disposable {
  return vscode.lm.registerTool<AccountsQuestion>(ACCOUNTS_TOOL_NAME, {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading your Account Glance accounts') }),
    invoke: (options) => {
      const accounts = accountsAskedFor(source.accounts(), options.input);
      const text =
        accounts.length === 0
          ? vscode.l10n.t('Account Glance has no signed-in account for that. The person can sign in from the Account Glance view.')
          : [
              vscode.l10n.t('Account Glance accounts as of {0}. Times in the JSON are epoch milliseconds.', new Date().toISOString()),
              source.summarize(accounts.map((account) => account.accountId)),
              '```json',
              JSON.stringify(accounts, null, 1),
              '```',
            ].join('\n\n');
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    },
  });
}
