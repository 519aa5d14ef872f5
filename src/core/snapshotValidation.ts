// Reads a snapshot that did not come from an adapter in this run (the start-up cache: written by
// this release, an older or a newer one, or damaged) into exactly the model the UI renders, or
// says which field is wrong: through AccountSnapshotSchema (snapshotSchema.ts), which reads each
// value once, leaves unknown keys behind and reads absent and null alike for optional fields, so
// nothing half-valid reaches the UI.
import * as v from 'valibot';
import type { AccountSnapshot } from './model';
import { AccountSnapshotSchema } from './snapshotSchema';
import { reasonFor } from './storedSchema';

/** `reason` names the first bad field in plain words; it never quotes a stored value, which could be anything. */
export type SnapshotReading = { readonly ok: true; readonly snapshot: AccountSnapshot } | { readonly ok: false; readonly reason: string };

/** No snapshot was fetched before this: an earlier fetchedAt is damage. */
export const EARLIEST_FETCHED_AT = Date.UTC(2000, 0, 1);
/** Clocks drift between machines that share settings; further ahead of now than this is damage. */
const FETCHED_AT_FUTURE_TOLERANCE_MS = 86_400_000;

export function readSnapshot(value: unknown, now: number): SnapshotReading {
  try {
    const reading = v.safeParse(AccountSnapshotSchema, value, { abortEarly: true });
    if (!reading.success) return { ok: false, reason: reasonFor(reading.issues, 'the snapshot') };
    const clockProblem = fetchedAtProblem(reading.output.fetchedAt, now);
    return clockProblem === undefined ? { ok: true, snapshot: reading.output } : { ok: false, reason: clockProblem };
  } catch {
    // A getter on stored data may throw anything, quoting anything: only our own reason is passed on.
    return { ok: false, reason: 'the snapshot could not be read' };
  }
}

/** fetchedAt is the last field, so this is still the first bad one; it is apart because it depends on now. */
function fetchedAtProblem(at: number, now: number): string | undefined {
  if (at < EARLIEST_FETCHED_AT) return 'fetchedAt is before the year 2000';
  if (at > now + FETCHED_AT_FUTURE_TOLERANCE_MS) return 'fetchedAt is more than a day in the future';
  return undefined;
}
