// The surfaces that draw the accounts: the Accounts tree (in its view), the status-bar item and the
// Credit History page. Made together because each renders from the refresher's states and the
// forecasts, and a failure to draw one is logged the same way, never thrown at a refresh.
import * as vscode from 'vscode';
import type { DefinitionError } from '../core/services/definition/readDefinitions';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import type { AccountForecasts } from '../storage/accountForecasts';
import { ACCOUNTS_VIEW_ID } from '../storage/settings';
import { AccountTreeProvider } from './accountTree';
import { CreditHistoryPanel } from './creditHistoryPanel';
import { CreditStatusBar } from './statusBarRenderer';
import { chartAccounts } from './viewModels/chartAccounts';
import type { GlanceView } from './viewModels/statusBarView';

export interface SurfaceParts {
  readonly adapters: readonly ServiceAdapter[];
  readonly refresher: AccountRefresher;
  readonly forecasts: AccountForecasts;
  readonly locale: string;
  readonly log: vscode.LogOutputChannel;
  /** The item activate() created, with last session's text painted on it. */
  readonly statusBarItem: vscode.StatusBarItem;
  /** The extension's folder: the Credit History page's stylesheet and script are in its media/. */
  readonly extensionUri: vscode.Uri;
  /** Told each status-bar view as rendered (the next start paints it; the tests read it). */
  readonly onStatusBarRender: (view: GlanceView) => void;
  readonly onHistoryHtml?: (html: string) => void;
  /** Service definitions that could not be read, for their rows in the Accounts view. */
  readonly definitionErrors?: () => readonly DefinitionError[];
}

export interface Surfaces {
  readonly tree: AccountTreeProvider;
  readonly statusBar: CreditStatusBar;
  readonly historyPanel: CreditHistoryPanel;
  /** Everything to dispose with the extension: the three and the tree's view. */
  readonly disposables: readonly vscode.Disposable[];
  /** Draws the tree and the status bar again (a setting or a forecast changed what they say). */
  redraw(): void;
}

export function createSurfaces(parts: SurfaceParts): Surfaces {
  const { adapters, refresher, forecasts, locale, log } = parts;
  const onRenderError = (where: string) => (error: unknown) =>
    log.error(`Could not draw the ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const tree = new AccountTreeProvider(refresher, locale, {
    onRenderError: onRenderError('Accounts view'),
    forecasts: () => forecasts.all(),
    definitionErrors: parts.definitionErrors,
  });
  const statusBar = new CreditStatusBar(parts.statusBarItem, refresher, locale, {
    onRenderError: onRenderError('status-bar item'),
    onDidRender: parts.onStatusBarRender,
    forecasts: () => forecasts.all(),
  });
  const historyPanel = new CreditHistoryPanel(() => chartAccounts(adapters, refresher.states(), forecasts.all(), Date.now()), {
    locale,
    extensionUri: parts.extensionUri,
    onRenderError: onRenderError('credit history'),
    onDidRender: parts.onHistoryHtml,
  });
  const treeView = vscode.window.createTreeView(ACCOUNTS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const redraw = () => {
    tree.refresh();
    statusBar.render();
  };
  return { tree, statusBar, historyPanel, disposables: [tree, statusBar, historyPanel, treeView], redraw };
}
