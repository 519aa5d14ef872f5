// npm run test:integration [-- --grep <regexp>] [-- --env KEY=VALUE]... [-- --no-build] [-- --timeout <seconds>] [-- --suite main|restart]
//
// Runs the mocha suite in test/integration/ inside a real VS Code extension host with no internet:
// code-server (from .cache/vscode-offline/) with the smoke-test driver, opened in Chromium with the
// development payload (extensionDevelopmentPath = this repo, extensionTestsPath = the built suite).
// Prints the suite's output and exits with the extension host's exit code.
// Then the restart suite (test/integration/*.restart.ts) runs across RESTART_STARTS starts of
// VS Code in the same profile, so a test can leave stored state behind and see the next start
// (activate() itself) read it: AG_START tells the suite which start it is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, UsageError } from './command-line.mjs';
import { createRunDir, ensureVSCode, launchBrowser, repoRoot, startCodeServer } from './offline-vscode.mjs';
import { formatConsoleArgs, mochaCounts, stripAnsi } from './test-output.mjs';

const DEFAULT_TIMEOUT_S = 300;
/** How many times the restart suite starts VS Code in one profile (each start checks what the one before left). */
const RESTART_STARTS = 6;
const CONSOLE_MARKER = '\u27e6ag-test\u27e7';

// Browser-console lines that mean nothing offline (see /work/shared/REAL-VSCODE.md).
const NOISE = [/ENOTFOUND open-vsx\.org/, /vsda/, /Failed to load resource/, /unexpected operator/];

function build() {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed (npm run build).');
}

/**
 * Runs the in-host suite once.
 *   extensionEnvironment  extra environment variables for the extension host
 *   settings              user settings for the throwaway profile
 *   grep                  only tests whose title matches (passed to mocha as MOCHA_GREP)
 * Resolves { exitCode, counts: { passed, failed, skipped } | undefined, output }.
 */
export async function runIntegration({
  extensionEnvironment = {},
  settings = {},
  grep,
  suites = ['main', 'restart'],
  timeoutMs = DEFAULT_TIMEOUT_S * 1000,
  build: shouldBuild = true,
  print = (line) => console.log(line),
} = {}) {
  if (shouldBuild) build();
  await ensureVSCode();
  const runDir = await createRunDir('integration');
  const lines = [];
  const noise = [];
  let server;
  let browser;
  let timer;
  try {
    server = await startCodeServer({
      userDataDir: runDir.userDataDir,
      extensionsDir: runDir.extensionsDir,
      workspace: runDir.workspace,
      settings,
      smokeTestDriver: true,
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const urlFor = (environment) => {
      const payload = [
        ['extensionDevelopmentPath', remote(repoRoot.replace(/\/$/, ''))],
        ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'integration', 'index'))],
        [
          'extensionEnvironment',
          JSON.stringify({
            ...extensionEnvironment,
            AG_CONSOLE_MARKER: CONSOLE_MARKER,
            ...(grep ? { MOCHA_GREP: grep } : {}),
            ...environment,
          }),
        ],
      ];
      return `${server.url}/?folder=${encodeURIComponent(runDir.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    };

    browser = await launchBrowser();
    const page = await browser.newPage();
    let exit = () => {};
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));

    // Console messages arrive in order; their arguments are read asynchronously, so keep a chain.
    // The workbench logs as ('%c INFO', css, ...original arguments); the suite's own lines start
    // with CONSOLE_MARKER (test/integration/index.ts adds it).
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    let printing = Promise.resolve();
    page.on('console', (message) => {
      printing = printing.then(async () => {
        let args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '[unreadable]')));
        if (process.env.AG_DUMP_CONSOLE) print(`[raw ${message.type()}] ${JSON.stringify(args)}`);
        if (typeof args[0] === 'string' && /^%c\s*[A-Z]+$/.test(args[0])) args = args.slice(2);
        const text = formatConsoleArgs(args);
        const at = text.indexOf(CONSOLE_MARKER);
        if (at >= 0) {
          let line = (text.slice(0, at) + text.slice(at + CONSOLE_MARKER.length)).replace(/\s+$/, '');
          // Colour only for a terminal; a line of nothing but colour codes is an empty line.
          if (!color || !stripAnsi(line).trim()) line = stripAnsi(line);
          lines.push(line);
          print(line);
        } else if (['error', 'warning'].includes(message.type()) && text.trim() && !NOISE.some((pattern) => pattern.test(text))) {
          noise.push(`[browser ${message.type()}] ${text || message.text()}`);
          if (process.env.AG_VERBOSE) print(`[browser ${message.type()}] ${text}`);
        }
      });
    });
    page.on('pageerror', (error) => noise.push(`[page error] ${error.message}`));
    page.on('crash', () => exit(-1));

    // The time limit covers VS Code starting and the suites running, not the one-off install.
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    /** Loads the workbench with this environment and waits for the extension host's exit code. */
    const runOnce = async (environment) => {
      const exited = new Promise((resolve) => (exit = resolve));
      await page.goto(urlFor(environment));
      const result = await Promise.race([exited, timedOut]);
      await printing;
      return result;
    };

    const results = suites.includes('main') ? [await runOnce({})] : [];
    for (let start = 1; start <= RESTART_STARTS && suites.includes('restart') && !grep && results.at(-1) !== 'timeout'; start++) {
      results.push(await runOnce({ AG_SUITE: 'restart', AG_START: String(start) }));
    }
    const output = lines.join('\n');
    if (results.includes('timeout')) {
      print(
        `\nThe integration suite did not finish within ${Math.round(timeoutMs / 1000)} s (the extension host never reported an exit code).`,
      );
      for (const line of noise.slice(-30)) print(line);
      // What finished before the limit, plus the run itself as one failure.
      const plain = stripAnsi(output);
      const passed = (plain.match(/^\s*✔/gm) ?? []).length;
      const failed = (plain.match(/^\s*\d+\) /gm) ?? []).length + 1;
      return { exitCode: 1, counts: { passed, failed, skipped: 0 }, output };
    }
    const counts = sumCounts(output);
    const failedRun = results.find((result) => result !== 0);
    if (failedRun !== undefined) {
      if (failedRun === -1) print('The browser page crashed.');
      // Failing tests explain themselves; a suite that never reported needs the browser's side.
      if (!counts && noise.length > 0 && !process.env.AG_VERBOSE) {
        print('\nBrowser console (for diagnosis):');
        for (const line of noise.slice(-30)) print(`  ${line}`);
      }
    }
    const exitCode = failedRun === undefined ? 0 : failedRun > 0 ? failedRun : 1;
    return { exitCode, counts: counts ?? (exitCode === 0 ? undefined : { passed: 0, failed: 1, skipped: 0 }), output };
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop();
    await runDir.remove();
  }
}

/** Mocha's tallies summed over every run the output holds (the main suite and each restart). */
function sumCounts(output) {
  const runs = stripAnsi(output)
    .split(/(?=^\s*\d+ passing)/m)
    .map(mochaCounts)
    .filter(Boolean);
  if (runs.length === 0) return undefined;
  return runs.reduce((sum, counts) => ({
    passed: sum.passed + counts.passed,
    failed: sum.failed + counts.failed,
    skipped: sum.skipped + counts.skipped,
  }));
}

const SUITES = ['main', 'restart'];
const USAGE =
  'npm run test:integration [-- --grep <regexp>] [-- --env KEY=VALUE]... [-- --no-build] [-- --timeout <seconds>] [-- --suite main|restart]';

/** The command line (without node and the script) as runIntegration()'s options; a UsageError when it cannot be. */
export function parseIntegrationArgs(args) {
  const { values, number } = parseCommandLine(USAGE, {
    args,
    options: {
      grep: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      'no-build': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      suite: { type: 'string' },
    },
  });
  const options = { extensionEnvironment: {} };
  if (values.grep !== undefined) options.grep = values.grep;
  for (const pair of values.env) {
    const [key, ...value] = pair.split('=');
    options.extensionEnvironment[key] = value.join('=');
  }
  if (values['no-build']) options.build = false;
  if (values.suite !== undefined) {
    if (!SUITES.includes(values.suite))
      throw new UsageError(`--suite takes ${SUITES.join(' or ')}, not ${JSON.stringify(values.suite)}`, USAGE);
    options.suites = [values.suite];
  }
  if (values.timeout !== undefined) options.timeoutMs = number('timeout', { min: 1 }) * 1000;
  return options;
}

async function main() {
  // Before anything starts: a command line it cannot take stops here.
  const options = parseIntegrationArgs(process.argv.slice(2));
  const started = Date.now();
  const stopOnSignal = () => process.exit(130);
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const { exitCode, counts } = await runIntegration(options);
  // npm test reads the counts from this line.
  const tally = counts ? `${counts.passed} passed, ${counts.failed} failed` : 'no tests reported';
  console.log(
    `Integration tier: ${tally}, ${exitCode === 0 ? 'ok' : `extension host exit code ${exitCode}`}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`Integration tier could not run: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
