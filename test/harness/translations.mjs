// What npm run l10n (scripts/l10n.mjs) and test/unit/translations.test.ts both know about the
// translations: where they are, which keys each language must have, and the placeholders of a
// message. Plural forms: a message chosen by count is one l10n.t call per CLDR category,
// commented "plural: <category>" (src/views/viewModels/pluralForms.ts); a language gets exactly
// the categories its own rules have (Intl.PluralRules), so Czech has "few" and Japanese no "one".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const L10N_DIR = join(ROOT, 'l10n');
const PLURAL_COMMENT = /^plural: (zero|one|two|few|many|other)$/;

/** The English text of a bundle entry (an entry with a comment is an object). */
export function englishText(entry) {
  return typeof entry === 'string' ? entry : entry.message;
}

/** The CLDR category a bundle entry is the form for, or undefined for an ordinary message. */
export function pluralCategoryOf(entry) {
  if (typeof entry === 'string') return undefined;
  return PLURAL_COMMENT.exec(entry.comment.join(''))?.[1];
}

/** The plural categories a language's own rules have ("cs" → one, few, many, other). */
export function pluralCategoriesOf(language) {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

/** The placeholders of a message, sorted: "{count} of {limit}" → ["{count}", "{limit}"]. */
export function placeholdersOf(text) {
  return (text.match(/\{[^{}]+\}/g) ?? []).sort();
}

/** The keys a language must translate, in English's order. */
export function expectedKeys(english, language) {
  const categories = pluralCategoriesOf(language);
  return Object.entries(english)
    .filter(([, entry]) => {
      const category = pluralCategoryOf(entry);
      return category === undefined || categories.includes(category);
    })
    .map(([key]) => key);
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every translation shipped: its language and its two files, found from l10n/bundle.l10n.<lang>.json. */
export function translations() {
  return readdirSync(L10N_DIR)
    .map((name) => /^bundle\.l10n\.(.+)\.json$/.exec(name)?.[1])
    .filter((language) => language !== undefined)
    .sort()
    .map((language) => ({
      language,
      bundleFile: join(L10N_DIR, `bundle.l10n.${language}.json`),
      nlsFile: join(ROOT, `package.nls.${language}.json`),
    }));
}

export function englishBundle() {
  return readJson(join(L10N_DIR, 'bundle.l10n.json'));
}

export function englishNls() {
  return readJson(join(ROOT, 'package.nls.json'));
}
