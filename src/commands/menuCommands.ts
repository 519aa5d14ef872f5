// The commands that show and copy: refresh with its report, the dashboard, Copy Value and Copy
// Summary, and the status-bar item's menu.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { Row } from '../views/viewModels/accountRows';
import { summarizeAccounts, type SummaryAccount } from '../views/viewModels/accountSummary';
import { describeError, errorTitle } from '../views/viewModels/errorWording';
import { statusMenu, type StatusMenuItem } from '../views/viewModels/statusMenu';
import type { AccountChoice } from './accountChoice';
import type { CommandFeedback } from './commandFeedback';
import type { MenuChoice, Prompts } from './prompts';

export interface MenuCommandParts {
  readonly refresher: AccountRefresher;
  readonly choice: AccountChoice;
  readonly feedback: CommandFeedback;
  readonly prompts: Prompts;
  readonly log: vscode.LogOutputChannel;
  readonly privacyMode: () => boolean;
  /** Refreshes through the schedule (all accounts, or the ones given), inside the view's progress bar. */
  readonly refresh: (accountKeys?: readonly string[]) => Thenable<void>;
  /** Every signed-in account with its service and forecast, in the panel's order (the summaries' input). */
  readonly accounts: () => readonly SummaryAccount[];
}

export class MenuCommands {
  constructor(private readonly parts: MenuCommandParts) {}

  /** Refreshes every account; a warning names each that failed (privacy mode: the error's kind only, a reason may name a host). */
  readonly refreshAll = async (): Promise<void> => {
    const { refresher, prompts, choice } = this.parts;
    await this.parts.refresh();
    const failed = refresher.states().filter((state) => state.signedIn && state.error);
    if (failed.length === 0) return;
    const locale = vscode.env.language;
    const reasons = failed.map((state) => {
      const service = choice.adapterFor(state.serviceId)?.displayName ?? state.serviceId;
      const error = state.error && (this.parts.privacyMode() ? errorTitle(state.error.kind) : describeError(state.error, service, locale));
      return error ? vscode.l10n.t('{service}: {error}', { service: choice.nameOf(state), error }) : choice.nameOf(state);
    });
    const showLog = vscode.l10n.t('Show Log');
    const message = vscode.l10n.t('Account Glance could not refresh. {reasons}', { reasons: reasons.join(' ') });
    if ((await prompts.notify('warning', message, [showLog])) === showLog) this.parts.log.show(true);
  };

  readonly refreshOne = async (argument?: unknown): Promise<void> => {
    const accountKey = this.parts.choice.accountKeyFrom(argument);
    if (accountKey) await this.parts.refresh([accountKey]);
  };

  readonly openDashboard = async (argument?: unknown): Promise<void> => {
    const { refresher, choice } = this.parts;
    const signedIn = refresher.adapters.filter((adapter) => refresher.statesOf(adapter.id).some((state) => state.signedIn));
    const candidates = signedIn.length === 1 ? signedIn : refresher.adapters;
    const adapter = await choice.chooseService(argument, candidates, vscode.l10n.t('Open the dashboard of which service?'));
    if (adapter) await vscode.env.openExternal(vscode.Uri.parse(adapter.dashboardUrl));
  };

  readonly copyValue = async (row?: Row): Promise<void> => {
    if (!row?.copyText) return;
    await vscode.env.clipboard.writeText(row.copyText);
    this.parts.prompts.flash(vscode.l10n.t('Copied {0}', row.label));
  };

  /**
   * Markdown for one account (a key or a tree row) or, without one, every signed-in account, onto
   * the clipboard. Privacy mode does not apply: the person asked for this copy.
   */
  readonly copySummary = async (argument?: unknown): Promise<void> => {
    const accountKey = this.parts.choice.accountKeyFrom(argument);
    const accounts = this.parts.accounts().filter((account) => accountKey === undefined || account.state.accountKey === accountKey);
    const [only] = accounts;
    if (!only) {
      this.parts.feedback.say(vscode.l10n.t('Account Glance has no account to summarize.'));
      return;
    }
    await vscode.env.clipboard.writeText(summarizeAccounts(accounts, { now: Date.now(), locale: vscode.env.language }));
    this.parts.prompts.flash(
      accountKey
        ? vscode.l10n.t('Copied the {service} summary', { service: this.parts.choice.nameOf(only.state) })
        : vscode.l10n.t('Copied the summary of every account'),
    );
  };

  /** What clicking the status-bar item opens (by default): the menu from statusMenu(), an account's actions one level down. */
  readonly showStatusMenu = async (): Promise<void> => {
    const { refresher } = this.parts;
    const menu = statusMenu({
      adapters: refresher.adapters,
      states: refresher.states(),
      privacyMode: this.parts.privacyMode(),
      locale: vscode.env.language,
    });
    const picked = await this.pickMenuItem(menu.items, menu.placeHolder);
    const action = picked?.kind === 'account' ? await this.pickMenuItem(picked.actions, picked.placeHolder) : picked;
    if (action?.kind === 'action') await vscode.commands.executeCommand(action.command, ...action.arguments);
  };

  /** Asks among `items`; the chosen entry (never a separator), undefined when dismissed. */
  private async pickMenuItem<Item extends StatusMenuItem>(items: readonly Item[], placeHolder: string): Promise<Item | undefined> {
    const choices = items.map((item): MenuChoice => ({
      id: item.id,
      label: item.label,
      description: item.description,
      icon: item.icon,
      separator: item.kind === 'separator',
    }));
    const id = await this.parts.prompts.pickFromMenu(choices, placeHolder);
    return items.find((item) => item.id === id && item.kind !== 'separator');
  }
}
