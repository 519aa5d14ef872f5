// Money: what counts as a currency code. Amounts leave the core as numbers with their currency;
// the UI formats them (and the sentences around them) in the person's locale.

/**
 * An ISO 4217 code, upper-cased, or undefined for anything else. The one check: adapters read
 * service data with it, the cache reader accepts only what it returns, and the UI formats by it.
 */
export function asCurrencyCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{3}$/.test(value.trim()) ? value.trim().toUpperCase() : undefined;
}

/** "2026-03-12": unambiguous in any locale, for dates stored as text in a snapshot (a certificate's). */
export function formatIsoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
