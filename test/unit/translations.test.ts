// The shipped translations (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json) against English:
// every key there, no stale one, every placeholder kept, and nothing left in English unless
// l10n/same-as-english.json says why. Plural forms: each language has exactly the CLDR categories
// its own rules use. `npm run l10n` removes stale keys and lists the missing ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import {
  englishBundle,
  englishNls,
  englishText,
  expectedKeys,
  placeholdersOf,
  pluralCategoriesOf,
  pluralCategoryOf,
  L10N_DIR,
  readJson,
  translations,
  type Bundle,
} from '../harness/translations.mjs';
import { describeTokenProblem } from '../../src/views/viewModels/errorWording';
import { PLURAL_CATEGORIES } from '../../src/views/viewModels/pluralForms';
import { problemCount } from '../../src/views/viewModels/snapshotWording';

/** Language (or "*" for all) → key → why the translation may equal English. "%key%" is a package.nls key. */
const sameAsEnglish = JSON.parse(readFileSync(join(L10N_DIR, 'same-as-english.json'), 'utf8')) as Record<string, Record<string, string>>;

/** Only placeholders, digits and punctuation: nothing to translate ("{label}: {value}"). */
const hasNothingToTranslate = (text: string) => !/\p{L}/u.test(text.replace(/\{[^{}]+\}/g, ''));

/** What is wrong with one translation file, one line per key, naming the language and the key. */
function problemsOf(
  language: string,
  fileName: string,
  english: Record<string, string>,
  expected: readonly string[],
  translated: Record<string, string>,
  listKey: (key: string) => string,
): string[] {
  const where = `${language} (${fileName})`;
  const problems: string[] = [];
  for (const key of expected) {
    const text = translated[key];
    const source = english[key] as string;
    if (text === undefined) {
      problems.push(`${where} lacks ${JSON.stringify(key)}`);
      continue;
    }
    const [want, got] = [placeholdersOf(source), placeholdersOf(text)];
    if (want.join() !== got.join())
      problems.push(`${where} ${JSON.stringify(key)}: placeholders ${got.join(' ')} instead of ${want.join(' ')}`);
    const reviewed = sameAsEnglish[language]?.[listKey(key)] ?? sameAsEnglish['*']?.[listKey(key)];
    if (text === source && !hasNothingToTranslate(text) && reviewed === undefined) {
      problems.push(
        `${where} ${JSON.stringify(key)} is still English (translate it, or add it with a reason to l10n/same-as-english.json)`,
      );
    }
  }
  for (const key of Object.keys(translated)) {
    if (expected.includes(key)) continue;
    const why = key in english ? 'a plural form this language does not have' : 'stale: English no longer has it';
    problems.push(`${where} ${JSON.stringify(key)}: ${why} (npm run l10n removes it)`);
  }
  return problems;
}

const englishMessages = (bundle: Bundle) => Object.fromEntries(Object.entries(bundle).map(([key, entry]) => [key, englishText(entry)]));

const bundle = englishBundle();
const nls = englishNls();
const shipped = translations();

describe('the translations', () => {
  test('all 13 of VS Code’s display languages are shipped', () => {
    const languages = ['cs', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pl', 'pt-br', 'ru', 'tr', 'zh-cn', 'zh-tw'];
    assert.deepEqual(
      shipped.map(({ language }) => language),
      languages,
    );
  });

  for (const { language, bundleFile, nlsFile } of shipped) {
    test(`${language}: every string, no stale one, placeholders kept, nothing left in English`, () => {
      const problems = [
        ...problemsOf(
          language,
          `bundle.l10n.${language}.json`,
          englishMessages(bundle),
          expectedKeys(bundle, language),
          readJson(bundleFile),
          (key) => key,
        ),
        ...problemsOf(language, `package.nls.${language}.json`, nls, Object.keys(nls), readJson(nlsFile), (key) => `%${key}%`),
      ];
      assert.deepEqual(problems, []);
    });

    test(`${language}: keys in English's order (npm run l10n puts them so)`, () => {
      const keys = Object.keys(readJson(bundleFile));
      assert.deepEqual(
        keys,
        expectedKeys(bundle, language).filter((key) => keys.includes(key)),
      );
      const nlsKeys = Object.keys(readJson(nlsFile));
      assert.deepEqual(
        nlsKeys,
        Object.keys(nls).filter((key) => nlsKeys.includes(key)),
      );
    });
  }

  test('l10n/same-as-english.json lists only shipped languages, existing keys, and strings that are still the same as English', () => {
    const languages = new Set(shipped.map(({ language }) => language));
    const problems: string[] = [];
    for (const [language, entries] of Object.entries(sameAsEnglish)) {
      if (language !== '*' && !languages.has(language)) problems.push(`${language}: not a shipped language`);
      for (const [listKey, reason] of Object.entries(entries)) {
        if (reason.trim() === '') problems.push(`${language} ${JSON.stringify(listKey)}: no reason given`);
        const nlsKey = /^%(.+)%$/.exec(listKey)?.[1];
        const source = nlsKey === undefined ? bundle[listKey] && englishText(bundle[listKey]) : nls[nlsKey];
        if (source === undefined) {
          problems.push(`${language} ${JSON.stringify(listKey)}: English has no such key`);
          continue;
        }
        const same = shipped
          .filter((translation) => language === '*' || translation.language === language)
          .some(({ bundleFile, nlsFile }) => readJson(nlsKey === undefined ? bundleFile : nlsFile)[nlsKey ?? listKey] === source);
        if (!same) problems.push(`${language} ${JSON.stringify(listKey)}: translated now, so no longer needed here`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('a language has exactly the plural categories of its own rules', () => {
    assert.deepEqual(pluralCategoriesOf('cs').sort(), ['few', 'many', 'one', 'other']);
    assert.deepEqual(pluralCategoriesOf('ja'), ['other']);
    const pluralKeys = Object.entries(bundle).filter(([, entry]) => pluralCategoryOf(entry) === 'few');
    for (const [key] of pluralKeys) {
      assert.ok(expectedKeys(bundle, 'cs').includes(key), key);
      assert.ok(!expectedKeys(bundle, 'de').includes(key), key);
    }
  });
});

describe('plural forms follow the language’s own rules (Intl.PluralRules), not count === 1', () => {
  after(() => l10n.config({ contents: {} }));
  const counts = [1, 2, 5, 22, 1.5];

  test('English: 1 problem, 2 problems, 1.5 problems; a fraction that rounds to 1 is shown and read as one', () => {
    l10n.config({ contents: {} });
    assert.deepEqual(
      counts.map((count) => problemCount(count, 'en')),
      ['1 problem', '2 problems', '5 problems', '22 problems', '1.5 problems'],
    );
    assert.equal(problemCount(1.004, 'en'), '1 problem');
    assert.equal(
      describeTokenProblem({ reason: 'tooShort', length: 1 }, 'en'),
      'The token is only 1 character long; API tokens are much longer. Paste the whole token.',
    );
  });

  for (const [language, forms] of [
    ['cs', ['1 problém', '2 problémy', '5 problémů', '22 problémů', '1,5 problému']],
    ['pl', ['1 problem', '2 problemy', '5 problemów', '22 problemy', '1,5 problemu']],
    ['ru', ['1 проблема', '2 проблемы', '5 проблем', '22 проблемы', '1,5 проблемы']],
  ] as const) {
    test(`${language}: 1, 2, 5, 22 and 1.5 each take their own form, from the shipped bundle`, () => {
      const shippedBundle = shipped.find((translation) => translation.language === language);
      assert.ok(shippedBundle);
      l10n.config({ contents: readJson(shippedBundle.bundleFile) });
      assert.deepEqual(
        counts.map((count) => problemCount(count, language)),
        forms,
      );
    });
  }

  test('ru: 21 takes the "one" form, and the token sentence agrees with its count', () => {
    l10n.config({ contents: readJson(join(L10N_DIR, 'bundle.l10n.ru.json')) });
    assert.equal(problemCount(21, 'ru'), '21 проблема');
    assert.match(describeTokenProblem({ reason: 'tooShort', length: 3 }, 'ru'), /всего 3 символа;/);
    assert.match(describeTokenProblem({ reason: 'tooShort', length: 7 }, 'ru'), /всего 7 символов;/);
  });

  test('every category a shipped language uses is one each plural message declares', () => {
    const used = new Set(shipped.flatMap(({ language }) => pluralCategoriesOf(language)));
    assert.deepEqual(
      [...used].filter((category) => !(PLURAL_CATEGORIES as readonly string[]).includes(category)),
      [],
    );
    const englishCategories = Object.values(bundle).map(pluralCategoryOf);
    for (const category of PLURAL_CATEGORIES) assert.ok(englishCategories.includes(category), category);
  });

  test('no count picks its words by hand any more: no `=== 1 ?` or `one ?` where counts are worded, no English "1 <noun>" message', () => {
    const files = [
      'src/views/viewModels/snapshotWording.ts',
      'src/views/viewModels/forecastText.ts',
      'src/views/viewModels/historyChart.ts',
      'src/views/viewModels/errorWording.ts',
      'src/commands/accountChoice.ts',
      'src/commands/baseUrlConfirmation.ts',
    ];
    const handPicked = files.filter((file) => /===\s*1\b|\bone\s*\?/.test(readFileSync(join(L10N_DIR, '..', file), 'utf8')));
    assert.deepEqual(handPicked, []);
    assert.deepEqual(
      Object.keys(bundle).filter((key) => /(^|[^\d.,{])1 \p{L}/u.test(key)),
      [],
    );
  });
});
