// npm run bench [-- --runs N] [-- --reloads N] [-- --latency MS] [-- --no-activation]
//
// Measures what users feel and prints it as a Markdown table (medians over repeated runs, ratios
// where the machine's speed should cancel out), and writes it to test-results/bench.json:
//   activation  activate() → return, and → first paint of cached state, in a real extension host
//               (test/bench/activation.mjs);
//   refresh     both services against the fake servers with a fixed latency, as a ratio to the same
//               requests by a bare HTTP client; 1, 10 and 50 accounts (test/bench/refresh.ts, in a
//               process of its own);
//   size        bundle bytes, .vsix bytes and files in the .vsix (npm run package).
// A benchmark, not a test: it fails only when it cannot measure.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureActivation } from '../test/bench/activation.mjs';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { buildExtension, packageExtension } from '../test/harness/extension-package.mjs';
import { ensureVSCode } from '../test/harness/offline-vscode.mjs';
import { repoRoot, resultsRoot } from '../test/harness/paths.mjs';

const OVERHEAD_GOAL = 1.1;

const USAGE = 'npm run bench [-- --runs N] [-- --reloads N] [-- --latency MS] [-- --no-activation]';

/** The command line (without node and the script) as the benchmark's options; a UsageError when it cannot be. */
function parseBenchArgs(args) {
  const { values, number } = parseCommandLine(USAGE, {
    args,
    options: {
      runs: { type: 'string', default: '25' },
      reloads: { type: 'string', default: '7' },
      latency: { type: 'string', default: '50' },
      'no-activation': { type: 'boolean', default: false },
    },
  });
  const wholeNumber = (name) => number(name, { integer: true, min: 1 });
  return {
    runs: wholeNumber('runs'),
    reloads: wholeNumber('reloads'),
    latency: wholeNumber('latency'),
    activation: !values['no-activation'],
  };
}

function median(values) {
  if (values.length === 0) throw new Error('No samples.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  return result.stdout;
}

function measureRefresh({ runs, latency }) {
  const output = run(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', join('test', 'bench', 'refresh.ts'), '--runs', String(runs), '--latency', String(latency)],
    'The refresh benchmark',
  );
  const samples = JSON.parse(output.trim().split('\n').at(-1));
  const bareMs = median(samples.bareMs);
  const refreshMs = median(samples.refreshMs);
  const leadpingOnlyMs = median(samples.leadpingOnlyMs);
  const signeasyOnlyMs = median(samples.signeasyOnlyMs);
  return {
    latencyMs: samples.latencyMs,
    runs,
    bareMs,
    refreshMs,
    overheadRatio: refreshMs / bareMs,
    leadpingOnlyMs,
    signeasyOnlyMs,
    bothVersusOneRatio: refreshMs / Math.max(leadpingOnlyMs, signeasyOnlyMs),
    scale: samples.scale.map((point) => ({
      accounts: point.accounts,
      refreshMs: median(point.refreshMs),
      heapGrowthKiB: point.heapGrowthKiB,
    })),
  };
}

/** Entries in a .zip, from its end-of-central-directory record. */
function zipEntryCount(bytes) {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return bytes.readUInt16LE(at + 10);
  }
  throw new Error('Not a .zip file: no end-of-central-directory record.');
}

async function measureSize() {
  // vscode:prepublish makes the minified production bundle that goes into the .vsix.
  const vsix = await packageExtension('bench');
  const bundleBytes = (await stat(join(repoRoot, 'dist', 'extension.js'))).size;
  const vsixBytes = (await stat(vsix)).size;
  // The .vsix also holds [Content_Types].xml and extension.vsixmanifest.
  const vsixFiles = zipEntryCount(await readFile(vsix));
  // Back to the development build (source maps) that tests and F5 use.
  buildExtension();
  return { vsix, bundleBytes, vsixBytes, vsixFiles };
}

function summarizeActivation(activation) {
  return {
    reloads: activation.withCache.length,
    activateMs: median(activation.withCache.map((sample) => sample.activateMs)),
    cachedPaintMs: median(activation.withCache.map((sample) => sample.cachedPaintMs)),
    freshProfileActivateMs: activation.first.activateMs,
    samples: activation.withCache,
  };
}

const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (value) => `${value.toFixed(2)}×`;

function table({ activation, refresh, size }) {
  const rows = [];
  if (activation) {
    rows.push([
      `Activation: \`activate()\` to its return (median of ${activation.reloads} window reloads, signed in, cached data)`,
      ms(activation.activateMs),
    ]);
    rows.push(['Activation: to cached state painted (status bar set, tree ready)', ms(activation.cachedPaintMs)]);
    rows.push(['Activation in a fresh profile (once: no token, no cache)', ms(activation.freshProfileActivateMs)]);
  }
  rows.push([`Full refresh of both services, ${refresh.latencyMs} ms injected latency (median of ${refresh.runs})`, ms(refresh.refreshMs)]);
  rows.push(['The same 4 requests by a bare node-fetch client, same run', ms(refresh.bareMs)]);
  rows.push([`Refresh overhead: extension ÷ bare client (goal ≤ ${OVERHEAD_GOAL}×)`, ratio(refresh.overheadRatio)]);
  rows.push(['Both services ÷ the slower one alone (parallel: two cost about one)', ratio(refresh.bothVersusOneRatio)]);
  for (const point of refresh.scale) {
    const growth = point.heapGrowthKiB < 0 ? 'within GC noise' : `+${point.heapGrowthKiB.toFixed(0)} KiB heap`;
    rows.push([
      `Scale: refresh of ${point.accounts} account${point.accounts === 1 ? '' : 's'} (time; heap kept, pooled connections included)`,
      `${ms(point.refreshMs)}; ${growth}`,
    ]);
  }
  rows.push(['Bundle `dist/extension.js` (minified, node-fetch inside)', kib(size.bundleBytes)]);
  rows.push(['`.vsix`', `${kib(size.vsixBytes)}, ${size.vsixFiles} files`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return [
    `| ${'Measure'.padEnd(width)} | ${'Result'.padEnd(valueWidth)} |`,
    `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`,
    ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padEnd(valueWidth)} |`),
  ].join('\n');
}

async function main() {
  const options = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const step = (line) => console.error(line);

  step(`Refresh: ${options.runs} runs after 5 warm-ups, ${options.latency} ms latency…`);
  const refresh = measureRefresh(options);
  step('Size: npm run package…');
  const size = await measureSize();
  let activation;
  if (options.activation) {
    await ensureVSCode({ log: step });
    step(`Activation: a real VS Code (code-server), ${options.reloads} reloads…`);
    activation = summarizeActivation(await measureActivation({ reloads: options.reloads, vsix: size.vsix, log: step }));
  }

  const result = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length },
    activation,
    refresh,
    size: { bundleBytes: size.bundleBytes, vsixBytes: size.vsixBytes, vsixFiles: size.vsixFiles },
  };
  const out = join(resultsRoot, 'bench.json');
  await mkdir(resultsRoot, { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(table(result));
  console.log(`\nWritten to test-results/bench.json in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((error) => {
  console.error(`The benchmark could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
