// The Credit History webview: one panel, opened or revealed on demand, rendered whole by
// renderHistoryChartHtml() from what the caller's data source returns (history and forecast are
// the caller's to put together). The page can only ask for another range; nothing else it posts is read.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  isRangeMessage,
  renderHistoryChartHtml,
  renderHistoryUnavailableHtml,
  type ChartAccount,
  type ChartRangeDays,
} from './viewModels/historyChart';

const VIEW_TYPE = 'accountGlance.creditHistory';
/** A month shows the recent habit and the last refills without a year's clutter. */
const DEFAULT_RANGE_DAYS: ChartRangeDays = 30;

export interface CreditHistoryPanelOptions {
  /** Defaults to VS Code's display language. */
  readonly locale?: string;
  /** Told when the data source or the rendering throws (the page then says so): for the log. */
  readonly onRenderError?: (error: unknown) => void;
  /** Called with the HTML after each render (the in-host tests read it). */
  readonly onDidRender?: (html: string) => void;
}

export class CreditHistoryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  private rangeDays: ChartRangeDays = DEFAULT_RANGE_DAYS;

  constructor(
    private readonly accounts: () => readonly ChartAccount[],
    private readonly options: CreditHistoryPanelOptions = {},
  ) {}

  /** Opens the panel, or brings the open one to the front. */
  show(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Credit History'), vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page loads nothing: its style, script and chart are all inline.
      localResourceRoots: [],
      // Rendering again on reveal is cheap; keeping a hidden page alive is not.
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isRangeMessage(message)) return;
        this.rangeDays = message.days;
        this.update();
      }),
      panel.onDidDispose(() => this.forgetPanel()),
    ];
    this.update();
  }

  /** Renders again from the data source, if the panel is open: the caller calls it after each refresh. */
  update(): void {
    const panel = this.panel;
    if (panel === undefined) return;
    // A fresh nonce per page: the one the page carries cannot be reused by anything injected later.
    const nonce = randomBytes(16).toString('base64');
    const locale = this.options.locale ?? vscode.env.language;
    const cspSource = panel.webview.cspSource;
    let html: string;
    try {
      html = renderHistoryChartHtml({ accounts: this.accounts(), rangeDays: this.rangeDays, cspSource, nonce, locale });
    } catch (error) {
      // Runs after every refresh: a throw here must not escape into the refresh.
      this.options.onRenderError?.(error);
      html = renderHistoryUnavailableHtml({ cspSource, nonce, locale });
    }
    panel.webview.html = html;
    this.options.onDidRender?.(html);
  }

  dispose(): void {
    const panel = this.panel;
    this.forgetPanel();
    panel?.dispose();
  }

  private forgetPanel(): void {
    for (const subscription of this.panelSubscriptions) subscription.dispose();
    this.panelSubscriptions = [];
    this.panel = undefined;
  }
}
