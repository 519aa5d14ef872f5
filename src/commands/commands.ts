// Every command Account Glance contributes, registered in one place: each one's work is in
// accountCommands.ts (signing in and out, names, pins), baseUrlConfirmation.ts and menuCommands.ts
// (refresh, dashboard, copies, the status-bar menu); which account a command is about, in
// accountChoice.ts.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import type { Prompts } from './prompts';
import type { AccountBook } from '../storage/accountBook';
import { ACCOUNTS_VIEW_ID } from '../storage/settings';
import type { AccountConnection } from '../core/http/accountFetcher';
import type { FetchResult } from '../core/model';
import type { SummaryAccount } from '../views/viewModels/accountSummary';
import { AccountChoice } from './accountChoice';
import { AccountCommands } from './accountCommands';
import { confirmBaseUrlCommand } from './baseUrlConfirmation';
import { CommandFeedback } from './commandFeedback';
import { MenuCommands } from './menuCommands';

export interface CommandDependencies {
  readonly refresher: AccountRefresher;
  /** Adds, removes and names accounts, keeping tokens, the list of accounts and the panel in step. */
  readonly book: AccountBook;
  readonly log: vscode.LogOutputChannel;
  /** Refreshes through the schedule so the next automatic refresh counts from now. */
  readonly refresh: (accountKeys?: readonly string[]) => Promise<void>;
  /** The base URL a service's token goes to now (the person's own settings, or the default). */
  readonly baseUrlFor: (adapter: ServiceAdapter) => string;
  /** Checks a token against a service without saving it (a person's request: never held back). */
  readonly checkToken: (adapter: ServiceAdapter, connection: AccountConnection) => Promise<FetchResult>;
  /** Opens the README's troubleshooting section. */
  readonly showTroubleshooting: () => Thenable<unknown>;
  /** Opens the credit history chart. */
  readonly showCreditHistory: () => void;
  /** Unmutes every alert and ends every snooze. */
  readonly resetAlerts: () => Promise<void>;
  /** Whether privacy mode is on now. */
  readonly privacyMode: () => boolean;
  /** Turns privacy mode on or off in the person's user settings. */
  readonly setPrivacyMode: (on: boolean) => Promise<void>;
  /** Every signed-in account with its service and forecast, in the panel's order (the summaries' input). */
  readonly accounts: () => readonly SummaryAccount[];
  /** The questions a command asks: the real dialogs, or the in-host tests' answers. */
  readonly prompts: Prompts;
  /** Called with each token input box as it opens (the in-host tests type into it). */
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
}

export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { refresher, book, prompts, log, privacyMode } = deps;
  const choice = new AccountChoice({ refresher, prompts, privacyMode });
  const feedback = new CommandFeedback(prompts, log, deps.showTroubleshooting);
  const accounts = new AccountCommands({ ...deps, choice, feedback });
  const menus = new MenuCommands({
    ...deps,
    choice,
    feedback,
    refresh: (accountKeys) => vscode.window.withProgress({ location: { viewId: ACCOUNTS_VIEW_ID } }, () => deps.refresh(accountKeys)),
  });
  const commands: Readonly<Record<string, (...args: never[]) => unknown>> = {
    'accountGlance.refresh': menus.refreshAll,
    'accountGlance.refreshService': menus.refreshOne,
    'accountGlance.setToken': accounts.setToken,
    'accountGlance.addAccount': accounts.addAccount,
    'accountGlance.removeToken': accounts.removeToken,
    'accountGlance.renameAccount': accounts.renameAccount,
    'accountGlance.pinAccount': accounts.setPinned(true),
    'accountGlance.unpinAccount': accounts.setPinned(false),
    'accountGlance.openDashboard': menus.openDashboard,
    'accountGlance.showLog': () => log.show(),
    'accountGlance.copyValue': menus.copyValue,
    'accountGlance.confirmBaseUrl': confirmBaseUrlCommand({ book, choice, feedback, prompts, log, baseUrlFor: deps.baseUrlFor }),
    'accountGlance.showTroubleshooting': () => deps.showTroubleshooting(),
    'accountGlance.showCreditHistory': () => deps.showCreditHistory(),
    'accountGlance.resetAlerts': () => deps.resetAlerts(),
    'accountGlance.togglePrivacyMode': () => deps.setPrivacyMode(!privacyMode()),
    'accountGlance.copySummary': menus.copySummary,
    'accountGlance.showStatusMenu': menus.showStatusMenu,
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
