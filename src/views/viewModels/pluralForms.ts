// A message chosen by a count follows the plural rules of the person's language (CLDR, through
// Intl.PluralRules), not `count === 1`: Czech, Polish and Russian have four forms ("1 problém",
// "2 problémy", "5 problémů", "1,5 problému"), Japanese one, and French says "0 problème".
//
// vscode-l10n-dev exports only literal l10n.t calls, so a caller writes one call per category a
// shipped language uses, each with the comment "plural: <category>" (its bundle key becomes
// "<message>/plural: <category>"). English uses one and other; its few and many messages repeat
// the other one and are never chosen. Each translation carries exactly its language's categories
// (test/unit/translations.test.ts); a category a language lacks is never selected for it.
import { pluralRules } from './intlFormats';

/** The categories the shipped languages use; zero and two (Arabic, Welsh…) would be added here. */
export const PLURAL_CATEGORIES = ['one', 'few', 'many', 'other'] as const;
type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** One message per category, each a literal l10n.t call with the comment "plural: <category>". */
export type PluralMessages = Readonly<Record<PluralCategory, () => string>>;

const isPluralCategory = (category: string): category is PluralCategory => (PLURAL_CATEGORIES as readonly string[]).includes(category);

/**
 * The message for `count` in the person's locale. The rules see the number as formatCount shows
 * it (at most two decimals), so "1.004" shown as "1" reads as one.
 */
export function pluralMessage(count: number, locale: string | undefined, messages: PluralMessages): string {
  const category = pluralRules(locale, { maximumFractionDigits: 2 }).select(count);
  return (isPluralCategory(category) ? messages[category] : messages.other)();
}
