// npm run bench [-- --runs N] [-- --reloads N] [-- --latency MS] [-- --refreshes N] [-- --no-activation] [-- --no-soak]
//   --runs N         refresh samples per figure, after 5 warm-ups (default 25)
//   --reloads N      window reloads of the signed-in profile for activation (default 7)
//   --latency MS     latency the fake servers add to every answer in the refresh figures (default 50)
//   --refreshes N    refreshes in the long-day soak (default 4000; the first half is warm-up)
//   --no-activation  skips VS Code (no code-server, no Chromium): refresh, size and no soak
//   --no-soak        skips the long-day soaks (test/bench/soak.mjs: Account Glance's and the
//                    baseline extension's, about 7 and 3 minutes)
// Then `npm run bench:readme` copies the table into README.md (between its bench:table comments).
//
// Measures what users feel and prints it as a Markdown table, each figure with its goal (issue 15)
// and ✅ or ❌ (medians over repeated runs, ratios where the machine's speed should cancel out), and
// writes it all to test-results/bench.json:
//   activation  as VS Code reports it (Developer: Show Running Extensions: code loading +
//               activate()) for Account Glance and for a baseline extension in the same window,
//               and their ratio (goal ≤ 1.2×); activate()'s own timer from its log line (goal ≤ 5 ms)
//               and to first paint of cached state; each over window reloads of a signed-in profile
//               with cached state (test/bench/activation.mjs, test/bench/baseline/);
//   refresh     both services against the fake servers with a fixed latency, as a ratio to the same
//               requests by a bare HTTP client (goal ≤ 1.1×) and to the bare client's slowest single
//               request (goal ≤ 1.1×); 1, 10, 20 and 50 accounts, 20 ÷ 1 (goal ≤ 1.5×)
//               (test/bench/refresh.ts, in a process of its own);
//   seeded      the profile of issue 24: 20 accounts (Leadping and Signeasy alternately), each with a
//               year of credit history, through the extension's stores, refresher and data keeper:
//               the state VS Code loads at start (goal ≤ 64 KiB), the bytes one full refresh hands to
//               globalState, the whole state per update as VS Code stores it (goal ≤ 256 KiB), and
//               writes to history files, and 20 ÷ 1 accounts there (goal ≤ 1.5×)
//   render      one paint of the Accounts tree's rows and the status item for 1, 2 and 20 accounts,
//               ms (test/bench/render.ts, in a process of its own; no goal);
//               (test/bench/historyScale.ts); the activation figures are read in a profile holding
//               those 20 years of history files;
//   size        the bundle VS Code loads to activate us (budget 100 KiB), the one loaded once
//               activate() has returned and its largest inputs (esbuild's metafile of the
//               production builds), .vsix bytes and files in the .vsix (npm run package);
//   soak        4,000 refreshes with faults in a real extension host: heap slope over the second
//               half, after the first half's warm-up (goal < 1 KB per refresh), timers and listeners before and after (goal: as many); then the same loop
//               in a host with only the baseline extension doing the work, and the slope net of
//               it, Account Glance's own (goal ≤ 100 bytes per refresh) (test/bench/soak.mjs).
// A benchmark, not a test: it fails only when it cannot measure, never on a missed goal. Starts
// code-server and Chromium unless --no-activation: run one such thing at a time.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureActivation } from '../test/bench/activation.mjs';
import { measureSoak } from '../test/bench/soak.mjs';
import { benchTable, goalResults } from '../test/bench/report.mjs';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { buildExtension, packageExtension } from '../test/harness/extension-package.mjs';
import { ensureVSCode } from '../test/harness/offline-vscode.mjs';
import { cacheRoot, repoRoot, resultsRoot } from '../test/harness/paths.mjs';

const USAGE = 'npm run bench [-- --runs N] [-- --reloads N] [-- --latency MS] [-- --refreshes N] [-- --no-activation] [-- --no-soak]';

/** The command line (without node and the script) as the benchmark's options; a UsageError when it cannot be. */
function parseBenchArgs(args) {
  const { values, number } = parseCommandLine(USAGE, {
    args,
    options: {
      runs: { type: 'string', default: '25' },
      reloads: { type: 'string', default: '7' },
      latency: { type: 'string', default: '50' },
      refreshes: { type: 'string', default: '4000' },
      'no-activation': { type: 'boolean', default: false },
      'no-soak': { type: 'boolean', default: false },
    },
  });
  const wholeNumber = (name) => number(name, { integer: true, min: 1 });
  return {
    runs: wholeNumber('runs'),
    reloads: wholeNumber('reloads'),
    latency: wholeNumber('latency'),
    activation: !values['no-activation'],
    refreshes: wholeNumber('refreshes'),
    soak: !values['no-activation'] && !values['no-soak'],
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
  const bareSlowestSingleMs = median(samples.bareSlowestSingleMs);
  const refreshMs = median(samples.refreshMs);
  const leadpingOnlyMs = median(samples.leadpingOnlyMs);
  const signeasyOnlyMs = median(samples.signeasyOnlyMs);
  const scale = samples.scale.map((point) => ({
    accounts: point.accounts,
    refreshMs: median(point.refreshMs),
    heapGrowthKiB: point.heapGrowthKiB,
  }));
  const scaleMs = (accounts) => scale.find((point) => point.accounts === accounts)?.refreshMs;
  return {
    latencyMs: samples.latencyMs,
    runs,
    requests: samples.requests,
    bareMs,
    refreshMs,
    overheadRatio: refreshMs / bareMs,
    bareSlowestSingleMs,
    versusSlowestSingleRatio: refreshMs / bareSlowestSingleMs,
    leadpingOnlyMs,
    signeasyOnlyMs,
    bothVersusOneRatio: refreshMs / Math.max(leadpingOnlyMs, signeasyOnlyMs),
    scale,
    scale20Ratio: scaleMs(20) / scaleMs(1),
  };
}

function measureRender({ runs }) {
  const output = run(
    process.execPath,
    ['--import', 'tsx', join('test', 'bench', 'render.ts'), '--runs', String(runs)],
    'The render benchmark',
  );
  const samples = JSON.parse(output.trim().split('\n').at(-1));
  return {
    runs: samples.runs,
    paintMs: Object.fromEntries(Object.entries(samples.paintMs).map(([accounts, perRun]) => [accounts, median(perRun)])),
  };
}

/** Where the seeded profile's 20 years of history files are written, for the activation profile to hold. */
const SEEDED_HISTORY = join(cacheRoot, 'bench-history');

function measureSeededProfile({ runs, latency }) {
  const output = run(
    process.execPath,
    [
      '--import',
      'tsx',
      join('test', 'bench', 'historyScale.ts'),
      '--runs',
      String(Math.max(5, Math.round(runs / 2))),
      '--latency',
      String(latency),
      '--seed-folder',
      SEEDED_HISTORY,
    ],
    'The seeded-profile benchmark',
  );
  const { oneAccount, twentyAccounts, ...figures } = JSON.parse(output.trim().split('\n').at(-1));
  const medians = (samples) => ({ shownMs: median(samples.shownMs), keptMs: median(samples.keptMs) });
  const one = medians(oneAccount);
  const twenty = medians(twentyAccounts);
  return {
    ...figures,
    oneAccount: one,
    twentyAccounts: twenty,
    scale20ShownRatio: twenty.shownMs / one.shownMs,
    scale20KeptRatio: twenty.keptMs / one.keptMs,
    historyFolder: SEEDED_HISTORY,
  };
}

/** Entries in a .zip, from its end-of-central-directory record. */
function zipEntryCount(bytes) {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return bytes.readUInt16LE(at + 10);
  }
  throw new Error('Not a .zip file: no end-of-central-directory record.');
}

/** What a bundle input counts as: its package for node_modules (e.g. node-fetch), else its path. */
function inputGroup(path) {
  const parts = path.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return path;
  return parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

/**
 * The inputs of each production bundle by the bytes they leave in it, largest first (esbuild's
 * metafile of esbuild.js's own production builds, in memory): `startup` is dist/extension.js, all
 * VS Code loads to activate us; `core` is dist/core.js, loaded once activate() has returned.
 */
async function bundleInputs() {
  const require = createRequire(import.meta.url);
  const { extensionBuilds } = require(join(repoRoot, 'esbuild.js'));
  const { build } = require('esbuild');
  const [startup, core] = await Promise.all(
    extensionBuilds({ production: true }).map(async (options) => {
      const { metafile } = await build({ ...options, absWorkingDir: repoRoot, metafile: true, write: false });
      const [output] = Object.values(metafile.outputs).filter((candidate) => candidate.entryPoint);
      const files = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }));
      const groups = new Map();
      for (const { path, bytes } of files) groups.set(inputGroup(path), (groups.get(inputGroup(path)) ?? 0) + bytes);
      const largest = (entries) => entries.filter(({ bytes }) => bytes > 0).sort((a, b) => b.bytes - a.bytes);
      return { bytes: output.bytes, groups: largest([...groups].map(([name, bytes]) => ({ name, bytes }))), files: largest(files) };
    }),
  );
  return { startup, core };
}

async function measureSize() {
  // vscode:prepublish makes the minified production bundle that goes into the .vsix.
  const vsix = await packageExtension('bench');
  const bundleBytes = (await stat(join(repoRoot, 'dist', 'extension.js'))).size;
  const coreBytes = (await stat(join(repoRoot, 'dist', 'core.js'))).size;
  const vsixBytes = (await stat(vsix)).size;
  // The .vsix also holds [Content_Types].xml and extension.vsixmanifest.
  const vsixFiles = zipEntryCount(await readFile(vsix));
  const inputs = await bundleInputs();
  // Back to the development build (source maps) that tests and F5 use.
  buildExtension();
  return {
    vsix,
    bundleBytes,
    coreBytes,
    vsixBytes,
    vsixFiles,
    largestInputs: inputs.core.groups.slice(0, 6),
    inputGroups: { startup: inputs.startup.groups, core: inputs.core.groups },
    inputFiles: { startup: inputs.startup.files, core: inputs.core.files },
  };
}

function summarizeActivation(activation) {
  const reported = activation.withCache.map((sample) => sample.reported).filter(Boolean);
  return {
    seededAccounts: activation.seededAccounts,
    seededHistoryFiles: activation.seededHistoryFiles,
    reloads: activation.withCache.length,
    activateMs: median(activation.withCache.map((sample) => sample.activateMs)),
    cachedPaintMs: median(activation.withCache.map((sample) => sample.cachedPaintMs)),
    freshProfileActivateMs: activation.first.activateMs,
    freshProfile: {
      activateMs: activation.first.activateMs,
      reportedMs: activation.first.reported?.accountGlanceMs,
      baselineReportedMs: activation.first.reported?.baselineMs,
    },
    // As Developer: Show Running Extensions reports it (code loading + activate(), whole ms).
    reported: {
      baseline: activation.baseline,
      accountGlanceMs: median(reported.map((sample) => sample.accountGlanceMs)),
      baselineMs: median(reported.map((sample) => sample.baselineMs)),
      medianRatio: median(reported.map((sample) => sample.ratio)),
      perReload: reported,
    },
    samples: activation.withCache,
  };
}

async function main() {
  const options = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const step = (line) => console.error(line);

  step(`Refresh: ${options.runs} runs after 5 warm-ups, ${options.latency} ms latency…`);
  const refresh = measureRefresh(options);
  step('Seeded profile: 20 accounts with a year of history each…');
  const seeded = await measureSeededProfile(options);
  step('Render: the tree and the status item for 1, 2 and 20 accounts…');
  const render = measureRender(options);
  step('Size: npm run package…');
  const size = await measureSize();
  let activation;
  if (options.activation) {
    await ensureVSCode({ log: step });
    step(`Activation: a real VS Code (code-server), ${options.reloads} reloads…`);
    activation = summarizeActivation(
      await measureActivation({ reloads: options.reloads, vsix: size.vsix, seededHistory: seeded.historyFolder, log: step }),
    );
  }
  let soak;
  if (options.soak) {
    step(`Soak: ${options.refreshes} refreshes in a real extension host, then the same with the baseline extension alone…`);
    // measureSize() left the development build in dist/, which the soak's suite runs against.
    const { samples: _samples, baseline, ...figures } = await measureSoak({ refreshes: options.refreshes, build: false, log: () => {} });
    const { samples: _baselineSamples, ...baselineFigures } = baseline;
    soak = { ...figures, baseline: baselineFigures };
  }

  const { vsix: _vsix, ...sizeFigures } = size;
  const result = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length },
    activation,
    refresh,
    seeded,
    render,
    size: sizeFigures,
    soak,
  };
  result.goals = goalResults(result);
  const out = join(resultsRoot, 'bench.json');
  await mkdir(resultsRoot, { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(benchTable(result));
  const goals = Object.values(result.goals);
  const met = goals.filter((goal) => goal.pass).length;
  console.log(
    `\n${met} of ${goals.length} goals met. Written to test-results/bench.json in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
}

main().catch((error) => {
  console.error(`The benchmark could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
