// The one "now" of the tests that need a fixed clock: snapshots, rows, glances and Retry-After
// dates are all built against it, so they agree with each other.
export const FIXED_NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
