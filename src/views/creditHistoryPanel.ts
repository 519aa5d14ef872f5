// The Credit History webview: one panel, opened or revealed on demand, rendered whole by
// renderHistoryChartHtml() from what the caller's data source returns (history and forecast are
// the caller's to put together). The page can only ask for another range; nothing else it posts is read.
// Its stylesheet and script are files in media/, the only folder the webview may load from.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  isRangeMessage,
  renderHistoryChartHtml,
  renderHistoryUnavailableHtml,
  type ChartAccount,
  type ChartRangeDays,
  type PageAssets,
} from './viewModels/historyChart';

const VIEW_TYPE = 'accountGlance.creditHistory';
/** package.json's publisher.name: where media/ is when the caller does not say. */
/** A month shows the recent habit and the last refills without a year's clutter. */
const DEFAULT_RANGE_DAYS: ChartRangeDays = 30;

export interface CreditHistoryPanelOptions {
  /** The extension's install folder (context.extensionUri): its media/ folder holds the page's stylesheet and script. */
  readonly extensionUri: vscode.Uri;
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
    private readonly options: CreditHistoryPanelOptions,
  ) {}

  /** Opens the panel, or brings the open one to the front. */
  show(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Credit History'), vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page's stylesheet and script; nothing else of the extension's is readable from the page.
      localResourceRoots: [this.mediaFolder()],
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
    const assets = this.pageAssets(panel.webview, randomBytes(16).toString('base64'));
    const locale = this.options.locale ?? vscode.env.language;
    let html: string;
    try {
      html = renderHistoryChartHtml({ ...assets, accounts: this.accounts(), rangeDays: this.rangeDays, locale });
    } catch (error) {
      // Runs after every refresh: a throw here must not escape into the refresh.
      this.options.onRenderError?.(error);
      html = renderHistoryUnavailableHtml({ ...assets, locale });
    }
    panel.webview.html = html;
    this.options.onDidRender?.(html);
  }

  dispose(): void {
    const panel = this.panel;
    this.forgetPanel();
    panel?.dispose();
  }

  private pageAssets(webview: vscode.Webview, nonce: string): PageAssets {
    const mediaUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.mediaFolder(), file)).toString();
    return {
      cspSource: webview.cspSource,
      nonce,
      styleUri: mediaUri('creditHistory.css'),
      scriptUri: mediaUri('creditHistory.js'),
    };
  }

  private mediaFolder(): vscode.Uri {
    return vscode.Uri.joinPath(this.options.extensionUri, 'media');
  }

  private forgetPanel(): void {
    for (const subscription of this.panelSubscriptions) subscription.dispose();
    this.panelSubscriptions = [];
    this.panel = undefined;
  }
}
