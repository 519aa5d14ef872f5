// Money as the core writes it into problem sentences. The UI formats counters itself (it knows the
// locale); these sentences are built before any locale is known, so they use a fixed one.

/** An ISO 4217 code, or undefined when the service sent something else. */
export function asCurrencyCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{3}$/.test(value.trim()) ? value.trim().toUpperCase() : undefined;
}

export function formatMoneyForMessage(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}

/** "2026-03-12": unambiguous in any locale. */
export function formatDateForMessage(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
