// Types for translations.mjs, for test/unit/translations.test.ts.
export type BundleEntry = string | { message: string; comment: string[] };
export type Bundle = Record<string, BundleEntry>;
export declare const ROOT: string;
export declare const L10N_DIR: string;
export declare function englishText(entry: BundleEntry): string;
export declare function pluralCategoryOf(entry: BundleEntry): Intl.LDMLPluralRule | undefined;
export declare function pluralCategoriesOf(language: string): Intl.LDMLPluralRule[];
export declare function placeholdersOf(text: string): string[];
export declare function expectedKeys(english: Bundle, language: string): string[];
export declare function readJson(file: string): Record<string, string>;
export declare function translations(): { language: string; bundleFile: string; nlsFile: string }[];
export declare function englishBundle(): Bundle;
export declare function englishNls(): Record<string, string>;
