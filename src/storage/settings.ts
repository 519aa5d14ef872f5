// Reads the accountGlance.* settings, with the defaults package.json declares as the fallback.
import * as vscode from 'vscode';
import { originOf } from '../core/http/baseUrl';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import { clampToRange, readRefreshIntervalMinutes, REQUEST_TIMEOUT_SECONDS } from '../core/settingRanges';
import type { GlanceSettings } from '../views/viewModels/creditGlance';

export const SETTINGS_SECTION = 'accountGlance';

export type StatusBarClickAction = 'refresh' | 'openPanel';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

/**
 * Where a service's token goes. Only the person's own user settings count: the manifest
 * declares these settings `application`-scoped, and a workspace value is ignored here too, so a
 * repository's .vscode/settings.json can never redirect a token.
 */
export function baseUrlSetting(adapter: ServiceAdapter): string {
  const value = config().inspect<unknown>(`${adapter.id}.baseUrl`)?.globalValue;
  return typeof value === 'string' && value.trim() ? value.trim() : adapter.defaultBaseUrl;
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
  return config().get<string>('statusBar.clickAction') === 'openPanel' ? 'openPanel' : 'refresh';
}

export function glanceSettings(adapters: readonly ServiceAdapter[]): GlanceSettings {
  const section = config();
  const lowCredit: Record<string, number> = {};
  for (const adapter of adapters) {
    const threshold = section.get<number>(`lowCredit.${adapter.id}`);
    if (typeof threshold === 'number' && Number.isFinite(threshold)) lowCredit[adapter.id] = threshold;
  }
  const services = section.get<unknown>('statusBar.services');
  const counters = section.get<unknown>('statusBar.counters');
  return {
    enabled: section.get<boolean>('statusBar.enabled', true),
    services: Array.isArray(services)
      ? services.filter((id): id is string => typeof id === 'string')
      : adapters.map((adapter) => adapter.id),
    counters: counters && typeof counters === 'object' ? (counters as Record<string, string>) : {},
    lowCredit,
  };
}

/** Which services a settings change touches: their base URL changed. */
export function servicesWithChangedBaseUrl(event: vscode.ConfigurationChangeEvent, adapters: readonly ServiceAdapter[]): ServiceAdapter[] {
  return adapters.filter((adapter) => event.affectsConfiguration(`${SETTINGS_SECTION}.${adapter.id}.baseUrl`));
}
