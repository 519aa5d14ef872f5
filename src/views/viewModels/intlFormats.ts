// Intl's formatters, built once per locale and options and then reused. Building one costs tens of
// microseconds (a date format over a hundred), formatting with a built one under one, and a tree of
// twenty accounts formats hundreds of values per render. Intl throws on a bad locale, currency or
// time zone while building, so what throws is never kept. At most MAX_KEPT are kept (the oldest
// goes first): options can carry a service's currency code, so the keys are not a fixed set.
const MAX_KEPT = 200;
const kept = new Map<string, unknown>();

function reused<T>(kind: string, locale: string | undefined, options: object, build: () => T): T {
  const key = `${kind}\u0000${locale ?? ''}\u0000${JSON.stringify(options)}`;
  const found = kept.get(key) as T | undefined;
  if (found !== undefined) return found;
  const built = build();
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(key, built);
  return built;
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return reused('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return reused('dateTime', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function relativeTimeFormat(locale: string | undefined, options: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return reused('relativeTime', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}

export function listFormat(locale: string | undefined, options: Intl.ListFormatOptions): Intl.ListFormat {
  return reused('list', locale, options, () => new Intl.ListFormat(locale, options));
}

export function pluralRules(locale: string | undefined, options: Intl.PluralRulesOptions): Intl.PluralRules {
  return reused('plural', locale, options, () => new Intl.PluralRules(locale, options));
}

/** How many formatters are kept now: for tests of the bound. */
export function keptFormatterCount(): number {
  return kept.size;
}
