// Reads the accountGlance.* settings, with the defaults package.json declares as the fallback.
import * as vscode from 'vscode';
import { originOf } from '../core/http/baseUrl';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import {
  BASE_URL_SETTING,
  clampToRange,
  isSettingsObject,
  lowCreditThresholds,
  readRefreshIntervalMinutes,
  REQUEST_TIMEOUT_SECONDS,
  FORECAST_WARNING_DAYS,
  type GlanceSettings,
} from '../core/settingValues';

/** The Accounts view's id, as package.json contributes it. */
export const ACCOUNTS_VIEW_ID = 'accountGlance.accounts';

export const SETTINGS_SECTION = 'accountGlance';
/** `accountGlance.baseUrl`, relative to the section. */
const BASE_URL_KEY = BASE_URL_SETTING.slice(SETTINGS_SECTION.length + 1);

export type StatusBarClickAction = 'menu' | 'refresh' | 'openPanel';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

/**
 * Where a service's token goes: `accountGlance.baseUrl[<service id>]`, else the 0.1.0 setting
 * `accountGlance.<service id>.baseUrl` (still read, so nobody's address is lost), else the
 * service's default. Only the person's own user settings count: the manifest declares these
 * settings `application`-scoped and a workspace value is ignored here too, so a repository's
 * .vscode/settings.json can never redirect a token.
 */
export function baseUrlSetting(adapter: ServiceAdapter): string {
  const section = config();
  const byService = section.inspect<unknown>(BASE_URL_KEY)?.globalValue;
  const configured = isSettingsObject(byService) ? byService[adapter.id] : undefined;
  const legacy = section.inspect<unknown>(`${adapter.id}.baseUrl`)?.globalValue;
  for (const value of [configured, legacy]) {
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return adapter.defaultBaseUrl;
}

/** The host a service's data comes from, when the base URL is not the service's own default. */
function customHost(adapter: ServiceAdapter): string | undefined {
  const configured = originOf(baseUrlSetting(adapter));
  if (configured === undefined || configured === originOf(adapter.defaultBaseUrl)) return undefined;
  return new URL(configured).host;
}

export function customHosts(adapters: readonly ServiceAdapter[]): Readonly<Record<string, string>> {
  const hosts: Record<string, string> = {};
  for (const adapter of adapters) {
    const host = customHost(adapter);
    if (host !== undefined) hosts[adapter.id] = host;
  }
  return hosts;
}

export function requestTimeoutMs(): number {
  return clampToRange(config().get<unknown>('requestTimeoutSeconds'), REQUEST_TIMEOUT_SECONDS) * 1000;
}

export function refreshIntervalMinutes(): number {
  return readRefreshIntervalMinutes(config().get<unknown>('refreshIntervalMinutes'));
}

export function statusBarClickAction(): StatusBarClickAction {
  const configured = config().get<unknown>('statusBar.clickAction');
  return configured === 'refresh' || configured === 'openPanel' ? configured : 'menu';
}

const PRIVACY_MODE_KEY = 'privacyMode';

export function privacyMode(): boolean {
  return config().get<unknown>(PRIVACY_MODE_KEY) === true;
}

/** Turns privacy mode on or off in the person's user settings; off removes the entry (the default). */
export async function setPrivacyMode(on: boolean): Promise<void> {
  await config().update(PRIVACY_MODE_KEY, on ? true : undefined, vscode.ConfigurationTarget.Global);
}

export function glanceSettings(adapters: readonly ServiceAdapter[]): GlanceSettings {
  const section = config();
  const services = section.get<unknown>('statusBar.services');
  const chosen = Array.isArray(services) ? services.filter((id): id is string => typeof id === 'string') : [];
  const counters = section.get<unknown>('statusBar.counters');
  return {
    enabled: section.get<boolean>('statusBar.enabled', true),
    // An empty list (the default) shows every service, in the registry's order.
    services: chosen.length > 0 ? chosen : adapters.map((adapter) => adapter.id),
    counters: isSettingsObject(counters) ? (counters as Record<string, string>) : {},
    lowCredit: lowCreditThresholds(section.get<unknown>('lowCredit'), adapters),
    forecastWarningDays: clampToRange(section.get<unknown>('forecast.warningDays'), FORECAST_WARNING_DAYS),
    privacyMode: privacyMode(),
  };
}

/**
 * Remembers each service's base URL, so a settings change can say whose address changed: the
 * addresses live in one object setting, and VS Code's change event names only the setting.
 */
export class BaseUrlWatcher {
  private readonly known = new Map<string, string>();

  constructor(private readonly adapters: readonly ServiceAdapter[]) {}

  /** Takes note of every base URL now: the start, once activate() has returned (reading settings costs). */
  rememberCurrent(): void {
    for (const adapter of this.adapters) this.known.set(adapter.id, baseUrlSetting(adapter));
  }

  /** The services whose base URL this change altered. */
  changedBy(event: vscode.ConfigurationChangeEvent): ServiceAdapter[] {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) return [];
    return this.adapters.filter((adapter) => {
      const now = baseUrlSetting(adapter);
      if (this.known.get(adapter.id) === now) return false;
      this.known.set(adapter.id, now);
      return true;
    });
  }
}

/** What follows a change to Account Glance's settings. */
export interface SettingsReactions {
  /** A service's base URL changed: its tokens must not follow before the person says so. */
  baseUrlChanged(adapter: ServiceAdapter): void;
  intervalChanged(minutes: number): void;
  /** `customServices` changed: services may have come, gone or changed (before any base URL is compared). */
  definitionsChanged(): void;
  /** Any of the settings changed: what the panel and status bar say may read differently. */
  anyChanged(): void;
}

/** Follows Account Glance's settings (and no one else's) for as long as the returned disposable lives. */
export function followSettings(baseUrls: BaseUrlWatcher, reactions: SettingsReactions): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.customServices`)) reactions.definitionsChanged();
    for (const adapter of baseUrls.changedBy(event)) reactions.baseUrlChanged(adapter);
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.refreshIntervalMinutes`)) reactions.intervalChanged(refreshIntervalMinutes());
    reactions.anyChanged();
  });
}
