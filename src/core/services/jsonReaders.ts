// Tolerant readers for JSON from services whose docs and answers disagree: every field may be
// missing, null, a numeric string or an unexpected type. Each reader answers undefined rather than
// throwing or producing NaN, so the UI can show "—".

import type { ServiceError } from '../model';
import { cleanServiceText } from '../text/serviceText';

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

const NUMERIC_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number, or a string that spells one ("12.50", " 3 "); anything else is undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC_STRING.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Non-blank text, as one clean, bounded line (cleanServiceText). Numbers are accepted because ids arrive as either. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const clean = cleanServiceText(value);
  return clean === '' ? undefined : clean;
}

/** true/false, the 0/1 flags Signeasy uses, and their string spellings. */
export function asFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const number = asNumber(value);
  if (number === 1) return true;
  if (number === 0) return false;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** An ISO-8601 date-time string as epoch ms. */
export function asIsoTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

// Beyond this an "epoch seconds" value cannot be a real date (Date rejects it anyway).
const MAX_EPOCH_SECONDS = 8.64e12;

/** Epoch seconds (number or numeric string) as epoch ms. */
export function asEpochSeconds(value: unknown): number | undefined {
  const seconds = asNumber(value);
  if (seconds === undefined || Math.abs(seconds) > MAX_EPOCH_SECONDS) return undefined;
  return Math.round(seconds * 1000);
}

/** The first argument that is not undefined. */
export function firstDefined<T>(...values: readonly (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

/** The error for an answer that parsed as JSON but is not the object the endpoint documents. */
export function unexpectedShapeError(path: string): ServiceError {
  return { kind: 'unexpected', reason: 'unexpectedShape', path };
}

/** The parts that are present, joined; undefined when none is. */
export function joinDefined(parts: readonly (string | undefined)[], separator: string): string | undefined {
  const joined = parts.filter((part) => part !== undefined).join(separator);
  return joined === '' ? undefined : joined;
}

/** "First Last" from whichever halves are present. */
export function joinName(first: unknown, last: unknown): string | undefined {
  return joinDefined([asText(first), asText(last)], ' ');
}
