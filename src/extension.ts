import * as vscode from 'vscode';

// Temporary wiring: replaced by the account panel (issue 4).
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('accountGlance.accounts', {
      getTreeItem: (element: vscode.TreeItem) => element,
      getChildren: () => [],
    }),
  );
}

export function deactivate(): void {}
