// The documented range of each numeric setting, and the one rule that reads a value into it:
// a hand-edited settings.json can hold anything (1e9, -3, "10", null), and none of it may make
// every request fail or the schedule spin. The code takes these numbers from here only; the
// manifest (package.json) declares the same ones for the Settings editor.

export interface SettingRange {
  readonly min: number;
  readonly max: number;
  /** The default (package.json declares the same): what a missing or unreadable value reads as. */
  readonly fallback: number;
}

export const REQUEST_TIMEOUT_SECONDS: SettingRange = { min: 1, max: 120, fallback: 15 };
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
