// npm run l10n: exports every l10n.t string in src/ to l10n/bundle.l10n.json (vscode-l10n-dev), then
// brings each translation (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json) in step with
// English: keys English no longer has are removed, the rest follow English's order, and what each
// language still lacks is listed. It never writes a translation: test/unit/translations.test.ts
// fails until a person has.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishBundle, englishNls, expectedKeys, L10N_DIR, readJson, ROOT, translations } from '../test/harness/translations.mjs';

const L10N_DEV = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

/** Rewrites one translation file to the expected keys (in order, stale ones gone); returns what is missing. */
function bringInStep(file, expected) {
  const translated = readJson(file);
  const kept = Object.fromEntries(expected.filter((key) => key in translated).map((key) => [key, translated[key]]));
  const text = `${JSON.stringify(kept, null, 2)}\n`;
  if (text !== readFileSync(file, 'utf8')) writeFileSync(file, text);
  const stale = Object.keys(translated).filter((key) => !expected.includes(key));
  return { missing: expected.filter((key) => !(key in translated)), stale };
}

function main() {
  execFileSync(process.execPath, [L10N_DEV, 'export', '--outDir', L10N_DIR, join(ROOT, 'src')], { cwd: ROOT, stdio: 'inherit' });
  const bundle = englishBundle();
  const nls = Object.keys(englishNls());
  let missingCount = 0;
  // Strings new in English are usually missing everywhere: a list the same as the one before is named, not repeated.
  const listed = new Map();
  for (const { language, bundleFile, nlsFile } of translations()) {
    const files = [
      ['l10n/bundle.l10n', bringInStep(bundleFile, expectedKeys(bundle, language))],
      ['package.nls', bringInStep(nlsFile, nls)],
    ];
    for (const [name, { missing, stale }] of files) {
      // Named, so a translator can reuse the old wording from git for a reworded English string.
      if (stale.length > 0) {
        console.log(`${language}: removed ${stale.length} stale from ${name}.${language}.json:`);
        for (const key of stale) console.log(`  - ${JSON.stringify(key)}`);
      }
      if (missing.length === 0) continue;
      missingCount += missing.length;
      const list = missing.map((key) => `  ${JSON.stringify(key)}`).join('\n');
      const sameAs = listed.get(`${name}\n${list}`);
      if (sameAs !== undefined) {
        console.log(`${language}: the same ${missing.length} missing in ${name}.${language}.json as ${sameAs}`);
        continue;
      }
      listed.set(`${name}\n${list}`, language);
      console.log(`${language}: ${missing.length} missing in ${name}.${language}.json:\n${list}`);
    }
  }
  console.log(missingCount === 0 ? 'Every language has every string.' : `${missingCount} translations missing.`);
}

main();
