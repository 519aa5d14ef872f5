// The Accounts view: renders the rows that accountRows.ts derives from each service's state.
import * as vscode from 'vscode';
import { plainText } from './viewModels/surfaceText';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { serviceRowOrError, type Row } from './viewModels/accountRows';
import { holderNames } from './viewModels/holderNames';
import { COMPACT_FROM_ACCOUNTS, spokenRow } from './viewModels/treeRow';
import { customHosts } from '../storage/settings';
import type { HeadlineForecast } from '../core/history/headlineForecast';
import type { DefinitionError } from '../core/services/definition/readDefinitions';
import { definitionErrorRows } from './viewModels/definitionRows';

export interface AccountTreeOptions {
  /** Told when a service's rows could not be built (the tree shows an error row instead): for the log. */
  readonly onRenderError?: (error: unknown) => void;
  /** Each account's headline forecast, by account key, for the row under its credits. */
  readonly forecasts?: () => Readonly<Record<string, HeadlineForecast>>;
  /** Service definitions that could not be read: a row each, above the accounts. */
  readonly definitionErrors?: () => readonly DefinitionError[];
}

export class AccountTreeProvider implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly refresher: AccountRefresher,
    private readonly locale: string,
    private readonly options: AccountTreeOptions = {},
  ) {
    this.subscription = refresher.onDidChangeState(() => this.changeEmitter.fire(undefined));
  }

  /** Draws the tree again, e.g. after a setting it shows (a base URL's host) changed. */
  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  /**
   * One root row per account, and one (offering a sign-in) per service without any; none at all
   * (so the welcome view shows) while no service has a token.
   */
  rootRows(now = Date.now()): Row[] {
    const states = this.refresher.states();
    const broken = definitionErrorRows(this.options.definitionErrors?.() ?? []);
    if (!states.some((state) => state.signedIn)) return broken;
    const hosts = customHosts(this.refresher.adapters);
    const shown = this.refresher.adapters.map((adapter) => {
      const ofService = states.filter((state) => state.serviceId === adapter.id);
      const signedIn = ofService.filter((state) => state.signedIn);
      return { adapter, states: signedIn.length > 0 || adapter.offeredOnly ? signedIn : ofService };
    });
    const accounts = shown.reduce((count, service) => count + service.states.filter((state) => state.signedIn).length, 0);
    const context = {
      now,
      locale: this.locale,
      customHosts: hosts,
      forecasts: this.options.forecasts?.(),
      compact: accounts >= COMPACT_FROM_ACCOUNTS,
      holderNames: holderNames(states),
    };
    return [
      ...broken,
      ...shown.flatMap(({ adapter, states: ofService }) =>
        ofService.map((state) => serviceRowOrError(adapter, state, context, this.options.onRenderError)),
      ),
    ];
  }

  getChildren(element?: Row): Row[] {
    return element ? [...(element.children ?? [])] : this.rootRows();
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const collapsible = row.children?.length
      ? row.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    // The tree's door: labels carry service text, shown as the plain text it is (surfaceText.ts).
    const item = new vscode.TreeItem(plainText(row.label), collapsible);
    item.id = row.id;
    item.description = row.description === undefined ? undefined : plainText(row.description);
    if (row.tooltip) item.tooltip = new vscode.MarkdownString(row.tooltip);
    if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.contextValue = row.contextValue;
    if (row.command)
      item.command = {
        command: row.command.command,
        title: row.command.title,
        arguments: row.command.arguments ? [...row.command.arguments] : undefined,
      };
    item.accessibilityInformation = { label: spokenRow(row) };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
