// The Accounts view: renders the rows that accountRows.ts derives from each service's state.
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/accountRefresher';
import { serviceRow, type Row } from './accountRows';

export class AccountTreeProvider implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly refresher: AccountRefresher,
    private readonly locale: string,
  ) {
    this.subscription = refresher.onDidChangeState(() => this.changeEmitter.fire(undefined));
  }

  /** One root row per service; none at all (so the welcome view shows) while no service has a token. */
  rootRows(now = Date.now()): Row[] {
    const states = this.refresher.states();
    if (!states.some((state) => state.signedIn)) return [];
    return this.refresher.adapters.map((adapter) => serviceRow(adapter, this.refresher.state(adapter.id), { now, locale: this.locale }));
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
    const item = new vscode.TreeItem(row.label, collapsible);
    item.id = row.id;
    item.description = row.description;
    if (row.tooltip) item.tooltip = new vscode.MarkdownString(row.tooltip);
    if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.contextValue = row.contextValue;
    if (row.command) item.command = { command: row.command.command, title: row.command.title, arguments: row.command.arguments ? [...row.command.arguments] : undefined };
    item.accessibilityInformation = { label: row.description ? `${row.label}: ${row.description}` : row.label };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
