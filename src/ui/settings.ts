// Reads the accountGlance.* settings, with the defaults package.json declares as the fallback.
import * as vscode from 'vscode';
import type { ServiceAdapter } from '../core/service';
import type { GlanceSettings } from './creditGlance';

export const SETTINGS_SECTION = 'accountGlance';

export type StatusBarClickAction = 'refresh' | 'openPanel';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

export function baseUrlSetting(adapter: ServiceAdapter): string {
  const value = config().get<string>(`${adapter.id}.baseUrl`);
  return value && value.trim() ? value.trim() : adapter.defaultBaseUrl;
}

export function requestTimeoutMs(): number {
  const seconds = config().get<number>('requestTimeoutSeconds', 15);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 15) * 1000;
}

export function refreshIntervalMinutes(): number {
  return config().get<number>('refreshIntervalMinutes', 15);
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
    services: Array.isArray(services) ? services.filter((id): id is string => typeof id === 'string') : adapters.map((adapter) => adapter.id),
    counters: counters && typeof counters === 'object' ? (counters as Record<string, string>) : {},
    lowCredit,
  };
}

/** Which services a settings change touches: their base URL changed. */
export function servicesWithChangedBaseUrl(event: vscode.ConfigurationChangeEvent, adapters: readonly ServiceAdapter[]): ServiceAdapter[] {
  return adapters.filter((adapter) => event.affectsConfiguration(`${SETTINGS_SECTION}.${adapter.id}.baseUrl`));
}
