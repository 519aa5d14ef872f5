// Shows the alerts of issue 13 as VS Code notifications: one per crossing per account, never
// nagging. What is active and what to say is decided in src/core/alerts/alertCrossings.ts, the
// memory is kept by src/storage/alertMemoryStore.ts, the words come from viewModels/alertWording.ts;
// this file only joins them to the editor.
//
// Call onFreshSnapshot() for fresh snapshots only (the refresher's onSnapshot), never for the one
// restored from the start-up cache: starting VS Code never notifies by itself.
import * as vscode from 'vscode';
import {
  decideAlerts,
  endSnooze,
  findActiveAlerts,
  muteAlert,
  readAlertSettings,
  snoozeAlerts,
  unmuteAlert,
  type ActiveAlert,
  type AlertKind,
  type AlertSettings,
} from '../core/alerts/alertCrossings';
import type { AccountSnapshot } from '../core/model';
import type { AlertMemoryStore } from '../storage/alertMemoryStore';
import { glanceSettings, privacyMode, SETTINGS_SECTION } from '../storage/settings';
import type { AccountRefresher } from '../core/refresh/accountRefresher';
import { findAdapter, type ServiceAdapter } from '../core/services/serviceAdapter';
import {
  ALERT_ACTIONS,
  alertActionTitle,
  alertSeverity,
  describeAlert,
  type AlertAction,
  alertAccountName,
  type AlertSeverity,
} from './viewModels/alertWording';

/** What the notifier needs to know about the account a snapshot belongs to. */
export interface AlertContext {
  /** The service's display name, for the sentence. */
  readonly serviceName: string;
  /** The account's low-credit threshold (accountGlance.lowCredit, else the adapter's default). */
  readonly lowCreditThreshold: number | undefined;
  /** Whose memory this is; the snapshot's service id when not given (one account per service today). */
  readonly accountKey?: string;
  /** Privacy mode is on: `serviceName` names no one, and the sentence carries no amount. */
  readonly privacyMode?: boolean;
}

/** Shows a notification and resolves to the title of the action chosen, or undefined when dismissed. */
export type ShowAlert = (severity: AlertSeverity, message: string, actions: readonly string[]) => Thenable<string | undefined>;

export interface AlertNotifierOptions {
  /** The alert settings now; by default read from accountGlance.alerts.*. */
  readonly settings?: () => AlertSettings;
  /** Shows the notification: the surfaces' door (prompts.ts inertNotify), which keeps service text plain. */
  readonly show: ShowAlert;
  readonly now?: () => number;
  /** By default VS Code's display language. */
  readonly locale?: string;
  /** By default runs accountGlance.openDashboard with the service id. */
  readonly openDashboard?: (serviceId: string) => Thenable<unknown>;
  /** Told what failed (storage, a notification, an action), for the log; never thrown at the refresh. */
  readonly onError?: (what: string, error: unknown) => void;
}

/** The account a fresh snapshot belongs to, as its alerts name it and as the settings and privacy mode say now. */
export function alertContextFor(
  adapters: readonly ServiceAdapter[],
  refresher: Pick<AccountRefresher, 'state' | 'states'>,
  accountKey: string,
  snapshot: AccountSnapshot,
): AlertContext {
  const adapter = findAdapter(adapters, snapshot.serviceId) ?? { id: snapshot.serviceId, displayName: snapshot.serviceId };
  const state = refresher.state(accountKey);
  return {
    accountKey,
    serviceName: alertAccountName({ adapter, state, states: refresher.states(), identity: snapshot.identity, privacyMode: privacyMode() }),
    lowCreditThreshold: glanceSettings(adapters).lowCredit[snapshot.serviceId],
    privacyMode: privacyMode(),
  };
}

function settingsFromVsCode(): AlertSettings {
  const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readAlertSettings((key) => section.get<unknown>(key));
}

export class AlertNotifier {
  private readonly settings: () => AlertSettings;
  private readonly show: ShowAlert;
  private readonly now: () => number;
  private readonly locale: string;
  private readonly openDashboard: (serviceId: string) => Thenable<unknown>;

  constructor(
    private readonly store: AlertMemoryStore,
    private readonly options: AlertNotifierOptions,
  ) {
    this.settings = options.settings ?? settingsFromVsCode;
    this.show = options.show;
    this.now = options.now ?? Date.now;
    this.locale = options.locale ?? vscode.env.language;
    this.openDashboard = options.openDashboard ?? ((serviceId) => vscode.commands.executeCommand('accountGlance.openDashboard', serviceId));
  }

  /**
   * Decides from a fresh snapshot, stores the decision, and shows one notification per kind to say.
   * Resolves to those kinds once the decision is stored, without waiting for anyone to answer a
   * notification (a refresh must never wait on a person). Never rejects: a failure is reported and
   * nothing is shown, so a memory that cannot be stored cannot make the same alert repeat.
   */
  async onFreshSnapshot(snapshot: AccountSnapshot, context: AlertContext): Promise<AlertKind[]> {
    const accountKey = context.accountKey ?? snapshot.serviceId;
    try {
      const now = this.now();
      const settings = this.settings();
      const alerts = findActiveAlerts(snapshot, {
        lowCreditThreshold: context.lowCreditThreshold,
        expiringWithinDays: settings.expiringWithinDays,
        now,
      });
      const active = new Set(alerts.map((alert) => alert.kind));
      const { notify } = await this.store.update(accountKey, (remembered) => decideAlerts(remembered, active, now, settings));
      for (const alert of alerts) {
        if (notify.includes(alert.kind)) this.present(alert, snapshot.serviceId, accountKey, context);
      }
      return notify;
    } catch (error) {
      this.report(`${accountKey}: the alerts could not be decided`, error);
      return [];
    }
  }

  /** Forgets what the account's alerts remember, mutes and snooze included (sign-out). */
  async forget(accountKey: string): Promise<void> {
    await this.store.delete(accountKey);
  }

  /** Unmutes every kind and ends any snooze, for the given accounts (every account with stored memory by default). */
  async resetAlerts(accountKeys: readonly string[] = this.store.accountKeys()): Promise<void> {
    await Promise.all(
      accountKeys.map((accountKey) => this.store.update(accountKey, (memory) => ({ memory: endSnooze(unmuteAlert(memory)) }))),
    );
  }

  private present(alert: ActiveAlert, serviceId: string, accountKey: string, context: AlertContext): void {
    const message = describeAlert(alert, { serviceName: context.serviceName, locale: this.locale, privacyMode: context.privacyMode });
    const titles = ALERT_ACTIONS.map(alertActionTitle);
    // Not awaited: the notification stays until the person answers; the choice is handled then.
    Promise.resolve(this.show(alertSeverity(alert.kind), message, titles))
      .then((choice) =>
        this.act(
          ALERT_ACTIONS.find((_action, index) => titles[index] === choice),
          alert.kind,
          serviceId,
          accountKey,
        ),
      )
      .catch((error: unknown) => this.report(`${accountKey}: the ${alert.kind} alert's action failed`, error));
  }

  private async act(action: AlertAction | undefined, kind: AlertKind, serviceId: string, accountKey: string): Promise<void> {
    switch (action) {
      case 'openDashboard':
        await this.openDashboard(serviceId);
        return;
      case 'snooze':
        await this.store.update(accountKey, (memory) => ({ memory: snoozeAlerts(memory, this.now()) }));
        return;
      case 'mute':
        await this.store.update(accountKey, (memory) => ({ memory: muteAlert(memory, kind) }));
        return;
      case undefined:
        return;
    }
  }

  private report(what: string, error: unknown): void {
    try {
      this.options.onError?.(what, error);
    } catch {
      // A log line must not stop a refresh.
    }
  }
}
