// What the in-host tests reach, and the hooks they steer. activate() builds this only in
// ExtensionMode.Test and hands each hook to a component as a construction option; in every other
// mode the components get the real prompts, timers and delays and none of this exists.
import type * as vscode from 'vscode';
import type { AccountRefresher } from './core/refresh/accountRefresher';
import type { RefreshSchedule, ScheduleTimers } from './core/refresh/refreshSchedule';
import { retryDelayMs } from './core/refresh/retryPolicy';
import type { ServiceError } from './core/model';
import { windowPrompts, type Notify, type Prompts } from './commands/prompts';
import type { AccountsAuthenticationProvider } from './api/authenticationProvider';
import type { SerialState } from './storage/serialState';
import type { SnapshotCache } from './storage/snapshotCache';
import type { TokenStore } from './storage/tokenStore';
import type { AccountTreeProvider } from './views/accountTree';
import type { GlanceView } from './views/viewModels/statusBarView';

export interface AccountGlanceTestApi {
  readonly refresher: AccountRefresher;
  readonly tokens: TokenStore;
  /** The extension's own SecretStorage, for tests that start from another version's state. */
  readonly secrets: vscode.SecretStorage;
  /** Its globalState as its stores write it, one update at a time: a test's write lands after theirs, never under them. */
  readonly globalState: SerialState;
  /** Where VS Code keeps this extension's global files; the user settings file is two folders up. */
  readonly globalStorageUri: vscode.Uri;
  readonly cache: SnapshotCache;
  readonly tree: AccountTreeProvider;
  /** What the status-bar item shows now: exactly what was last rendered. */
  readonly statusBar: { readonly view: GlanceView | undefined };
  readonly schedule: RefreshSchedule;
  /** Every text a surface door (prompts.ts) showed since start, after it was made plain: messages, picks, prompts, alerts. */
  readonly shownTexts: readonly string[];
  /** Every alert notification shown, in order (in tests none reaches the screen). */
  readonly shownAlerts: readonly { readonly severity: string; readonly message: string; readonly actions: readonly string[] }[];
  /** Resolves once every alert decision so far is made (and its notification shown). */
  alertsDecided(): Promise<void>;
  /** What the next alert notifications are answered with (an action's title), or undefined to dismiss them. */
  alertAnswer: string | undefined;
  /** The credit history page as last rendered, once it was opened. */
  readonly historyHtml: string | undefined;
  /** Timers the schedule has set and not yet cleared or seen fire: a leak check. */
  readonly pendingScheduleTimers: number;
  /** Listeners attached to the refresher's state changes right now: a leak check. */
  readonly refresherListeners: number;
  readonly logUri: vscode.Uri;
  /** Milliseconds inside activate(): to its return, and to the status bar showing cached state. */
  readonly timings: { activateMs: number; cachedPaintMs: number };
  /** The first refresh started by activate(). */
  readonly startup: Promise<void>;
  /** The Accounts menu's provider, asked directly: VS Code's consent prompt stands between it and any other caller. */
  readonly accountsProvider: AccountsAuthenticationProvider;
  /** Answers the questions a command asks (which service, yes or no); the real dialogs by default. */
  prompts: Prompts;
  /** Multiplies every automatic retry delay, so fault tests need not wait real minutes. */
  retryDelayScale: number;
  /** Called with each token input box as it opens, so a test can type into it. */
  onDidShowInputBox: ((box: vscode.InputBox) => void) | undefined;
}

/** The hooks, each in the shape the component it is handed to takes. */
export class TestHooks {
  prompts: Prompts = windowPrompts;
  retryDelayScale = 1;
  onDidShowInputBox: ((box: vscode.InputBox) => void) | undefined;
  statusBarView: GlanceView | undefined;
  historyHtml: string | undefined;
  readonly shownTexts: string[] = [];
  readonly noteShown = (text: string): void => {
    this.shownTexts.push(text);
  };
  /** Every notification the alert notifier showed, in order; answered with `alertAnswer` (undefined: dismissed). */
  readonly shownAlerts: { severity: string; message: string; actions: readonly string[] }[] = [];
  alertAnswer: string | undefined;
  private alertDecisions: Promise<unknown> = Promise.resolve();

  /**
   * Alert decisions run beside the refresh; a test waits for them before it counts notifications.
   * Each link settles to nothing, so that a long run (the soak) does not keep every decision's result.
   */
  noteAlertDecision(decision: Promise<unknown>): void {
    this.alertDecisions = Promise.all([this.alertDecisions, decision]).then(() => undefined);
  }

  /** After a turn of the event loop: a refresh of several accounts hands its snapshots on once it has resolved (heldSnapshots.ts). */
  alertsDecided(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve)).then(() => this.alertDecisions).then(() => undefined);
  }

  readonly showAlert: Notify = (severity, message, actions) => {
    this.shownAlerts.push({ severity, message, actions });
    return Promise.resolve(this.alertAnswer);
  };
  refresherListeners = 0;
  private readonly pendingTimers = new Set<ReturnType<typeof setTimeout>>();

  get pendingScheduleTimers(): number {
    return this.pendingTimers.size;
  }

  /** Prompts that ask whatever the test put in `prompts` at the moment of asking. */
  readonly currentPrompts: Prompts = {
    pickService: (...args) => this.prompts.pickService(...args),
    confirm: (...args) => this.prompts.confirm(...args),
    pickFromMenu: (...args) => this.prompts.pickFromMenu(...args),
    askText: (...args) => this.prompts.askText(...args),
    notify: (...args) => this.prompts.notify(...args),
    flash: (...args) => this.prompts.flash(...args),
  };

  readonly showInputBox = (box: vscode.InputBox): void => this.onDidShowInputBox?.(box);

  /** `delay`, multiplied by the test's current scale. */
  scaledRetryDelay<Args extends unknown[]>(delay: (...args: Args) => number | undefined): (...args: Args) => number | undefined {
    return (...args) => {
      const ms = delay(...args);
      return ms === undefined ? undefined : ms * this.retryDelayScale;
    };
  }

  /** Real timers that keep count of the ones still pending. */
  readonly scheduleTimers: ScheduleTimers = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => {
      const handle = setTimeout(() => {
        this.pendingTimers.delete(handle);
        callback();
      }, ms);
      this.pendingTimers.add(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      this.pendingTimers.delete(handle as ReturnType<typeof setTimeout>);
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
}

type TestApiParts = Omit<
  AccountGlanceTestApi,
  | 'prompts'
  | 'retryDelayScale'
  | 'onDidShowInputBox'
  | 'statusBar'
  | 'historyHtml'
  | 'shownAlerts'
  | 'shownTexts'
  | 'alertsDecided'
  | 'alertAnswer'
  | 'pendingScheduleTimers'
  | 'refresherListeners'
>;

/** The test API over `parts`, its steerable fields reading and writing `hooks`. */
export function createTestApi(parts: TestApiParts, hooks: TestHooks): AccountGlanceTestApi {
  return {
    ...parts,
    statusBar: {
      get view() {
        return hooks.statusBarView;
      },
    },
    shownAlerts: hooks.shownAlerts,
    shownTexts: hooks.shownTexts,
    alertsDecided: () => hooks.alertsDecided(),
    get alertAnswer() {
      return hooks.alertAnswer;
    },
    set alertAnswer(answer: string | undefined) {
      hooks.alertAnswer = answer;
    },
    get historyHtml() {
      return hooks.historyHtml;
    },
    get pendingScheduleTimers() {
      return hooks.pendingScheduleTimers;
    },
    get refresherListeners() {
      return hooks.refresherListeners;
    },
    get prompts() {
      return hooks.prompts;
    },
    set prompts(prompts: Prompts) {
      hooks.prompts = prompts;
    },
    get retryDelayScale() {
      return hooks.retryDelayScale;
    },
    set retryDelayScale(scale: number) {
      hooks.retryDelayScale = scale;
    },
    get onDidShowInputBox() {
      return hooks.onDidShowInputBox;
    },
    set onDidShowInputBox(listener) {
      hooks.onDidShowInputBox = listener;
    },
  };
}

/**
 * What wiring hands the components where a test steers them: the real prompts, delays and timers;
 * in ExtensionMode.Test the hooks' stand-ins. One place, so wiring holds no test branch.
 */
export interface Seams {
  readonly prompts: Prompts;
  readonly showAlert: Notify;
  /** Hears each text a surface door shows (the in-host tests check them all). */
  readonly onShown?: (text: string) => void;
  readonly retryDelayMs: (error: ServiceError, attempt: number) => number | undefined;
  readonly scheduleTimers?: ScheduleTimers;
  readonly onListenerCountChange?: (count: number) => void;
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
  readonly noteAlertDecision: (decision: Promise<unknown>) => void;
  readonly onStatusBarView: (view: GlanceView) => void;
  readonly onHistoryHtml?: (html: string) => void;
}

const productionRetryDelayMs = (error: ServiceError, attempt: number) => retryDelayMs(error, attempt, Math.random);

export function seamsFor(hooks: TestHooks | undefined): Seams {
  if (!hooks) {
    return {
      prompts: windowPrompts,
      showAlert: windowPrompts.notify,
      retryDelayMs: productionRetryDelayMs,
      noteAlertDecision: () => undefined,
      onStatusBarView: () => undefined,
    };
  }
  return {
    prompts: hooks.currentPrompts,
    showAlert: hooks.showAlert,
    onShown: hooks.noteShown,
    retryDelayMs: hooks.scaledRetryDelay(productionRetryDelayMs),
    scheduleTimers: hooks.scheduleTimers,
    onListenerCountChange: (count) => (hooks.refresherListeners = count),
    onDidShowInputBox: hooks.showInputBox,
    noteAlertDecision: (decision) => hooks.noteAlertDecision(decision),
    onStatusBarView: (view) => (hooks.statusBarView = view),
    onHistoryHtml: (html) => (hooks.historyHtml = html),
  };
}
