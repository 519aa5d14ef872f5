// The status-bar credit glance: one item, rendered from describeGlance().
import type { HeadlineForecast } from '../core/history/headlineForecast';
import * as vscode from 'vscode';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { describeGlance, GLANCE_TOOLTIP_COMMANDS, glanceOrUndrawable, type GlanceView } from './viewModels/creditGlance';
import { customHosts, glanceSettings, statusBarClickAction, type StatusBarClickAction } from '../storage/settings';
import type { PaintedGlance } from '../storage/lastGlance';

const STATUS_BAR_ITEM_ID = 'accountGlance.status';

const BACKGROUNDS = {
  none: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
} as const;

export interface CreditStatusBarOptions {
  /** Told when the glance could not be drawn (the item then shows a plain warning that opens the log): for the log. */
  readonly onRenderError?: (error: unknown) => void;
  /** Called with what the item shows after each render (the in-host tests read it). */
  readonly onDidRender?: (view: GlanceView) => void;
  /** Each service's headline forecast, for the tooltip and the warning colour. */
  readonly forecasts?: () => Readonly<Record<string, HeadlineForecast>>;
  /** What to show until the first render: the glance painted at the end of the last session. */
  readonly painted?: PaintedGlance;
}

export class CreditStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly refresher: AccountRefresher,
    private readonly locale: string,
    private readonly options: CreditStatusBarOptions = {},
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Account Glance';
    this.subscription = refresher.onDidChangeState(() => this.render());
    // No render here: it reads settings and loads formatters, which activate() leaves for later.
    if (options.painted) this.paintLastSession(options.painted);
  }

  /** Shows last session's text as it was; clicking it already works. The first render replaces it. */
  private paintLastSession({ text, accessibilityLabel, background }: PaintedGlance): void {
    this.item.text = text;
    this.item.accessibilityInformation = { label: accessibilityLabel };
    this.item.backgroundColor = BACKGROUNDS[background];
    this.item.command = clickCommand(statusBarClickAction());
    this.item.show();
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
    this.item.backgroundColor = BACKGROUNDS[view.background];
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

function clickCommand(action: StatusBarClickAction): vscode.Command {
  switch (action) {
    case 'menu':
      return { command: 'accountGlance.showStatusMenu', title: vscode.l10n.t('Show Account Glance Menu') };
    case 'openPanel':
      return { command: 'workbench.view.extension.accountGlance', title: vscode.l10n.t('Open Account Glance') };
    case 'refresh':
      return { command: 'accountGlance.refresh', title: vscode.l10n.t('Refresh Account Glance') };
  }
}
