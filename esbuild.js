// Bundles the extension (and the in-host test suite) with esbuild.
//   node esbuild.js               one development build (source maps)
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change; prints the lines the problem matcher in .vscode/tasks.json reads
// The benchmark requires it for extensionBuildOptions() (the bundle's size and inputs, and its
// baseline extension bundled the same way): main() runs only when it is the script run.
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

/** The in-host integration suite: every test/integration/*.test.ts plus its index, for both runners. */
function integrationEntryPoints() {
  const dir = path.join(__dirname, 'test', 'integration');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

/** The build of dist/extension.js: `production` is what the .vsix ships (minified, no source maps). */
function extensionBuildOptions({ production = false, watch = false } = {}) {
  return {
    ...sharedOptions(watch),
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  };
}

async function main() {
  // ESM, so loaded here: the same command-line handling as every other entry point.
  const { parseCommandLine } = await import('./test/harness/command-line.mjs');
  const { values } = parseCommandLine(USAGE, {
    options: { production: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } },
  });
  const { production, watch } = values;
  const shared = sharedOptions(watch);
  const contexts = [await esbuild.context(extensionBuildOptions({ production, watch }))];
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

module.exports = { sharedOptions, extensionBuildOptions };

if (require.main === module) {
  main().catch((error) => {
    // A command line it cannot take is one line; anything else, the whole error.
    console.error(error?.name === 'UsageError' ? error.message : error);
    process.exit(1);
  });
}
