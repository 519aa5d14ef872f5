import type { ServiceAdapter } from './services/serviceAdapter';

// What the code makes of raw setting values: a hand-edited settings.json can hold anything (1e9,
// -3, "10", null, an array for an object), and none of it may make every request fail or the
// schedule spin. Here: the documented range of each numeric setting and the rule that reads a
// value into it, and the readers of the settings keyed by service id. The code takes these numbers from here only; the
// manifest (package.json) declares the same ones for the Settings editor.

/** The settings the status-bar item is drawn from (storage/settings.ts reads them, the glance's view model uses them). */
export interface GlanceSettings {
  readonly enabled: boolean;
  /** Service ids in display order. */
  readonly services: readonly string[];
  /** Counter id per service id; a service left out shows its headline counter. */
  readonly counters: Readonly<Record<string, string>>;
  /** Low-credit threshold per service id, in the headline counter's unit. */
  readonly lowCredit: Readonly<Record<string, number>>;
  /** Take the warning colour when the forecast says the headline runs out within this many days (0: never). */
  readonly forecastWarningDays?: number;
  /** Hide names, emails, amounts and hosts (someone may be watching the screen); states and colours stay. */
  readonly privacyMode?: boolean;
}

export interface SettingRange {
  readonly min: number;
  readonly max: number;
  /** The default (package.json declares the same): what a missing or unreadable value reads as. */
  readonly fallback: number;
}

export const REQUEST_TIMEOUT_SECONDS: SettingRange = { min: 1, max: 120, fallback: 15 };
/** Days ahead the forecast may warn of a run-out (the status bar's warning colour); 0 turns that off. */
export const FORECAST_WARNING_DAYS: SettingRange = { min: 0, max: 90, fallback: 3 };
/** 0 turns automatic refresh off; any other value is held between a minute and a day. */
export const REFRESH_INTERVAL_MINUTES: SettingRange = { min: 1, max: 1440, fallback: 15 };

/** `value` held inside `range`; anything that is not a finite number gets the fallback. */
export function clampToRange(value: unknown, range: SettingRange): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return range.fallback;
  return Math.min(Math.max(value, range.min), range.max);
}

/** The refresh interval in minutes, with 0 (or less) meaning off. */
export function readRefreshIntervalMinutes(value: unknown): number {
  if (typeof value === 'number' && value <= 0) return 0;
  return clampToRange(value, REFRESH_INTERVAL_MINUTES);
}

/**
 * The object setting that holds each service's base URL, keyed by service id. The view models
 * point "Open settings" at it; a new service needs no setting of its own.
 */
export const BASE_URL_SETTING = 'accountGlance.baseUrl';

/**
 * Each service's low-credit threshold: the person's own from the `accountGlance.lowCredit` object
 * (VS Code folds 0.1.0's `accountGlance.lowCredit.<id>` keys into that object), else the
 * adapter's default.
 */
export function lowCreditThresholds(configured: unknown, adapters: readonly ServiceAdapter[]): Record<string, number> {
  const thresholds: Record<string, number> = {};
  for (const adapter of adapters) {
    const value = isSettingsObject(configured) ? configured[adapter.id] : undefined;
    thresholds[adapter.id] = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : adapter.defaultLowCreditThreshold;
  }
  return thresholds;
}

/** An object setting as VS Code hands it over: anything a hand-edited settings.json holds. */
export function isSettingsObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
