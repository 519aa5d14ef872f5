// The status-bar credit glance: one item, rendered from describeGlance().
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/accountRefresher';
import { describeGlance, GLANCE_TOOLTIP_COMMANDS, type GlanceView } from './creditGlance';
import { glanceSettings, statusBarClickAction } from './settings';

export const STATUS_BAR_ITEM_ID = 'accountGlance.status';

const BACKGROUNDS = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
} as const;

export class CreditStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  private current: GlanceView | undefined;

  constructor(
    private readonly refresher: AccountRefresher,
    private readonly locale: string,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Account Glance';
    this.subscription = refresher.onDidChangeState(() => this.render());
    this.render();
  }

  /** What the item shows now (tests read this; it is exactly what was last rendered). */
  get view(): GlanceView | undefined {
    return this.current;
  }

  render(now = Date.now()): void {
    const view = describeGlance({
      adapters: this.refresher.adapters,
      states: this.refresher.states(),
      settings: glanceSettings(this.refresher.adapters),
      now,
      locale: this.locale,
    });
    this.current = view;
    if (!view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [...GLANCE_TOOLTIP_COMMANDS] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = BACKGROUNDS[view.background];
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.command =
      statusBarClickAction() === 'openPanel'
        ? { command: 'workbench.view.extension.accountGlance', title: 'Open Account Glance' }
        : { command: 'accountGlance.refresh', title: 'Refresh Account Glance' };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
