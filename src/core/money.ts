// Money: what counts as a currency code, and money as the core writes it into problem sentences.
// The UI formats counters itself (it knows the locale); these sentences are built before any
// locale is known, so they use a fixed one.

/**
 * An ISO 4217 code, upper-cased, or undefined for anything else. The one check: adapters read
 * service data with it, the cache reader accepts only what it returns, and the UI formats by it.
 */
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
