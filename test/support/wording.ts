// What the wording tests (alerts, forecasts, the history chart) share: a date they all name, and the
// character Intl writes where a test cannot type it, so that each expected sentence reads as shown.

/** Intl puts a no-break space between a German amount and its currency sign. */
export const NBSP = '\u00a0';

/** Noon UTC on 1 December 2026, nine days after FIXED_NOW: "Dec 1" in en-US, "1. Dez." in de-DE. */
export const DEC_1 = Date.UTC(2026, 11, 1, 12);
