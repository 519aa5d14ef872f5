// Bundles the extension (and the in-host test suite) with esbuild.
//   node esbuild.js               one development build (source maps)
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change; prints the lines the problem matcher in .vscode/tasks.json reads
// The extension is two bundles: dist/extension.js (src/extension.ts), all that VS Code loads to
// activate it, and dist/core.js (src/wiring.ts and everything else), which activate() requires
// once it has returned. Other scripts require this file for extensionBuilds(); main() runs only
// when it is the script run.
const esbuild = require('esbuild');
const path = require('node:path');
const fs = require('node:fs');

const USAGE = 'node esbuild.js [--production | --watch]';

/** Prints "[watch] build started/finished" and errors in the shape the esbuild problem matcher expects. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** What every bundle shares; `watch` adds the problem-matcher lines. */
const sharedOptions = (watch) => ({
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // node-fetch's fetch-blob loads a web-streams polyfill only where globalThis.ReadableStream is
  // missing (Node < 16.5); every extension host VS Code ^1.138 ships has it, so the polyfill
  // (about 60 KB minified, 45% of the bundle) would never run: leave it out.
  external: ['vscode', 'web-streams-polyfill', 'web-streams-polyfill/*'],
  // In watch mode the plugin reports; otherwise esbuild prints its own warnings and errors.
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [problemMatcherPlugin] : [],
});

/** Leaves `require('./core.js')` in dist/extension.js as it is: the second bundle, loaded after activate() returns. */
const coreIsSeparate = {
  name: 'core-is-separate',
  setup(build) {
    build.onResolve({ filter: /^\.\/core\.js$/ }, () => ({ path: './core.js', external: true }));
  },
};

/**
 * The builds of the extension's two bundles into `outdir`: `production` is what the .vsix ships
 * (minified, no source maps); `coreEntry` is the module whose wireUp() the core bundle exports.
 */
function extensionBuilds({ production = false, watch = false, coreEntry = 'src/wiring.ts', outdir = 'dist' } = {}) {
  const shared = sharedOptions(watch);
  const bundle = { ...shared, minify: production, sourcemap: !production, sourcesContent: false };
  return [
    {
      ...bundle,
      entryPoints: ['src/extension.ts'],
      outfile: path.join(outdir, 'extension.js'),
      plugins: [coreIsSeparate, ...shared.plugins],
    },
    { ...bundle, entryPoints: [coreEntry], outfile: path.join(outdir, 'core.js') },
  ];
}

/** The in-host integration suite: every test/integration/*.test.ts plus its index, for both runners. */
function integrationEntryPoints() {
  const dir = path.join(__dirname, 'test', 'integration');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

async function main() {
  // ESM, so loaded here: the same command-line handling as every other entry point.
  const { parseCommandLine } = await import('./test/harness/command-line.mjs');
  const { values } = parseCommandLine(USAGE, {
    options: { production: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } },
  });
  const { production, watch } = values;
  const shared = sharedOptions(watch);
  const contexts = await Promise.all(extensionBuilds({ production, watch }).map((options) => esbuild.context(options)));
  const testEntries = integrationEntryPoints();
  if (!production && testEntries.length > 0) {
    contexts.push(
      await esbuild.context({
        ...shared,
        entryPoints: testEntries,
        outdir: 'out/test/integration',
        // mocha is loaded from node_modules at run time; it does not bundle cleanly.
        external: ['vscode', 'mocha'],
        sourcemap: true,
      }),
    );
  }
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (results.some((result) => result.errors.length > 0)) process.exit(1);
}

module.exports = { sharedOptions, extensionBuilds };

if (require.main === module) {
  main().catch((error) => {
    // A command line it cannot take is one line; anything else, the whole error.
    console.error(error?.name === 'UsageError' ? error.message : error);
    process.exit(1);
  });
}
