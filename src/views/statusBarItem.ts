// The status-bar item itself, which both halves of start-up use: activate() creates it and paints
// last session's glance (src/extension.ts), then CreditStatusBar renders into the same item.
import * as vscode from 'vscode';
import type { PaintedGlance } from '../storage/lastStatusBarText';
import { statusBarClickAction, type StatusBarClickAction } from '../storage/settings';
import type { GlanceView } from './viewModels/statusBarView';

const STATUS_BAR_ITEM_ID = 'accountGlance.status';

const BACKGROUNDS = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
} as const;

export function createGlanceItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Account Glance';
  return item;
}

/** Shows last session's glance as it was, without its tooltip; clicking it already works. The first render replaces it. */
export function paintLastSession(item: vscode.StatusBarItem, { text, accessibilityLabel, background }: PaintedGlance): void {
  item.text = text;
  item.accessibilityInformation = { label: accessibilityLabel };
  item.backgroundColor = BACKGROUNDS[background];
  item.command = clickCommand(statusBarClickAction());
  item.show();
}

export function backgroundColor(background: GlanceView['background']): vscode.ThemeColor | undefined {
  return BACKGROUNDS[background];
}

export function clickCommand(action: StatusBarClickAction): vscode.Command {
  switch (action) {
    case 'menu':
      return { command: 'accountGlance.showStatusMenu', title: vscode.l10n.t('Show Account Glance Menu') };
    case 'openPanel':
      return { command: 'workbench.view.extension.accountGlance', title: vscode.l10n.t('Open Account Glance') };
    case 'refresh':
      return { command: 'accountGlance.refresh', title: vscode.l10n.t('Refresh Account Glance') };
  }
}
