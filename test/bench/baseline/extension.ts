// The benchmark's yardstick (never shipped): the least an extension doing Account Glance's job at
// start-up does — one status-bar item and one tree view with three rows, activated on
// onStartupFinished like Account Glance. test/bench/baseline.mjs bundles it the way esbuild.js
// bundles the extension and packages it as a .vsix; test/bench/activation.mjs installs both in the
// same code-server and compares the activation times VS Code reports.
import * as vscode from 'vscode';
import { ROWS } from './rows';

class Rows implements vscode.TreeDataProvider<string> {
  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  }

  getChildren(parent?: string): string[] {
    return parent === undefined ? ROWS : [];
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('benchBaseline.glance', vscode.StatusBarAlignment.Left, 0);
  item.text = '$(pulse) BL 3 rows';
  item.show();
  context.subscriptions.push(item, vscode.window.registerTreeDataProvider('benchBaseline.rows', new Rows()));
}

export function deactivate(): void {}
