// How the services' JSON is typed for the fake's builders and scenarios (services/*Wire.ts): the
// documented shapes, loosened only the ways /work/shared/API.md says real answers are.

/** A number as the services send it: some pages render numbers as strings ("12.50"). */
export type WireNumber = number | `${number}`;

/** A body as it may arrive: every field can be missing or null. Misspelt fields are still errors. */
export type Wire<T> = { readonly [K in keyof T]?: T[K] | null };

/**
 * `body` with keys no document lists, as real answers carry them. The one sanctioned way past the
 * wire types, so that a misspelt field elsewhere is still caught.
 */
export function withExtraKeys<T extends object>(body: T, extra: Readonly<Record<string, unknown>>): T {
  return { ...body, ...extra };
}

/**
 * A builder for a service's JSON: each call makes a full, believable body afresh from `defaults` (so a
 * test may change what it gets), with the fields the test cares about replaced by `overrides`. Give
 * `defaults` its return type, `(): Wire<T> => ({ ... })`: TypeScript checks a returned object literal
 * for misspelt fields only against a declared return type, not against one it infers.
 */
export function wireBuilder<T>(defaults: () => Wire<T>): (overrides?: Wire<T>) => Wire<T> {
  return (overrides = {}) => ({ ...defaults(), ...overrides });
}
