// Renders the status-bar item (statusBarItem.ts) from its view model, describeGlance() in viewModels/statusBarView.ts.
import type { HeadlineForecast } from '../core/history/headlineForecast';
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { describeGlance, GLANCE_TOOLTIP_COMMANDS, glanceOrUndrawable, type GlanceView } from './viewModels/statusBarView';
import { customHosts, glanceSettings, statusBarClickAction } from '../storage/settings';
import { backgroundColor, clickCommand } from './statusBarItem';

export interface CreditStatusBarOptions {
  /** Told when the glance could not be drawn (the item then shows a plain warning that opens the log): for the log. */
  readonly onRenderError?: (error: unknown) => void;
  /** Called with what the item shows after each render (the in-host tests read it). */
  readonly onDidRender?: (view: GlanceView) => void;
  /** Each service's headline forecast, for the tooltip and the warning colour. */
  readonly forecasts?: () => Readonly<Record<string, HeadlineForecast>>;
}

export class CreditStatusBar implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  /** Renders into `item` (createGlanceItem(); activate() may have painted last session's glance on it) at each state change and render(). */
  constructor(
    private readonly item: vscode.StatusBarItem,
    private readonly refresher: AccountRefresher,
    private readonly locale: string,
    private readonly options: CreditStatusBarOptions = {},
  ) {
    this.subscription = refresher.onDidChangeState(() => this.render());
  }

  render(now = Date.now()): void {
    // Runs on every state change: a throw here must not escape.
    const view = glanceOrUndrawable(
      () =>
        describeGlance({
          adapters: this.refresher.adapters,
          states: this.refresher.states(),
          settings: glanceSettings(this.refresher.adapters),
          now,
          locale: this.locale,
          customHosts: customHosts(this.refresher.adapters),
          forecasts: this.options.forecasts?.(),
        }),
      this.options.onRenderError,
    );
    this.options.onDidRender?.(view);
    if (!view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [...GLANCE_TOOLTIP_COMMANDS] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = backgroundColor(view.background);
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.command = view.undrawable
      ? { command: 'accountGlance.showLog', title: vscode.l10n.t('Show Account Glance Log') }
      : clickCommand(statusBarClickAction());
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
