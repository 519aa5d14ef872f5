// Test only: an extension that asks Account Glance for a Leadping session exactly as any other
// extension would, through vscode.authentication, so that VS Code's own consent dialog, account
// choice and access memory (kept per account label) all take part. test/ui/sessions.test.mjs
// installs it beside Account Glance and runs its commands from the palette.
//
// Each command appends one JSON line to the file named by $SESSION_ASKER_REPORT: the session's
// account id, label and scopes, and which of the tokens named in $SESSION_ASKER_TOKENS ({"name":
// "token", …}) it carried, by name; never a token itself. Or the error getSession gave.
import { appendFile } from 'node:fs/promises';
import * as vscode from 'vscode';

const PROVIDER = 'accountglance';
const SCOPES = ['leadping'];

type Request = 'createIfNone' | 'forceNewSession' | 'silent' | 'accounts';

type Report =
  | {
      readonly request: Request;
      readonly outcome: 'session';
      readonly accountId: string;
      readonly label: string;
      readonly scopes: readonly string[];
      /** The name of the known token the session carried, or 'unknown'. */
      readonly token: string;
    }
  | { readonly request: Request; readonly outcome: 'none' }
  | { readonly request: Request; readonly outcome: 'error'; readonly name: string; readonly message: string }
  | { readonly request: Request; readonly outcome: 'accounts'; readonly accounts: readonly { id: string; label: string }[] };

const OPTIONS: Readonly<Record<Exclude<Request, 'accounts'>, vscode.AuthenticationGetSessionOptions>> = {
  createIfNone: { createIfNone: true },
  forceNewSession: { forceNewSession: true },
  silent: { silent: true },
};

export function activate(context: vscode.ExtensionContext): void {
  for (const request of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]) {
    context.subscriptions.push(vscode.commands.registerCommand(`sessionAsker.${request}`, () => askForSession(request)));
  }
  context.subscriptions.push(vscode.commands.registerCommand('sessionAsker.accounts', listAccounts));
}

async function askForSession(request: keyof typeof OPTIONS): Promise<void> {
  try {
    const session = await vscode.authentication.getSession(PROVIDER, SCOPES, OPTIONS[request]);
    await report(session ? describeSession(request, session) : { request, outcome: 'none' });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'unknown', message: String(error) };
    await report({ request, outcome: 'error', name, message });
  }
}

/** The accounts VS Code lists for Account Glance (its Accounts menu): one per distinct label. */
async function listAccounts(): Promise<void> {
  const accounts = await vscode.authentication.getAccounts(PROVIDER);
  await report({ request: 'accounts', outcome: 'accounts', accounts: accounts.map(({ id, label }) => ({ id, label })) });
}

function describeSession(request: Request, session: vscode.AuthenticationSession): Report {
  const { account, scopes, accessToken } = session;
  return { request, outcome: 'session', accountId: account.id, label: account.label, scopes, token: nameOfToken(accessToken) };
}

/** Which known token this is, by name: the report says whose token came, never the token. */
function nameOfToken(token: string): string {
  const known = JSON.parse(process.env.SESSION_ASKER_TOKENS ?? '{}') as Record<string, string>;
  return Object.entries(known).find(([, value]) => value === token)?.[0] ?? 'unknown';
}

async function report(line: Report): Promise<void> {
  const file = process.env.SESSION_ASKER_REPORT;
  if (!file) throw new Error('SESSION_ASKER_REPORT names no file to report to.');
  await appendFile(file, `${JSON.stringify(line)}\n`);
}
