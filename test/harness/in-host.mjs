// Runs a mocha suite inside a real VS Code extension host, as @vscode/test-electron does, with the
// offline VS Code: code-server with the smoke-test driver, opened in Chromium with the development
// payload (extensionDevelopmentPath, extensionTestsPath, extensionEnvironment). The workbench hands
// the extension host's exit code to window.codeAutomationExit.
//
// The suite's index (test/integration/index.ts) prefixes its console lines with CONSOLE_MARKER,
// so they can be told from the workbench's own logs, and reports each test once more as a
// RESULT_MARKER line holding JSON ({ title, outcome, durationMs, error? }): the counts come from
// those, never from the spec reporter's text.
import { join } from 'node:path';
import { formatConsoleArgs, launchBrowser } from './browser.mjs';
import { createRunDir, startCodeServer } from './code-server.mjs';
import { repoRoot } from './paths.mjs';

const CONSOLE_MARKER = '\u27e6ag-test\u27e7';
const RESULT_MARKER = '\u27e6ag-result\u27e7';

// Browser-console lines that mean nothing offline (see /work/shared/REAL-VSCODE.md).
const NOISE = [/ENOTFOUND open-vsx\.org/, /vsda/, /Failed to load resource/, /unexpected operator/];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const stripAnsi = (text) => String(text).replace(ANSI, '');

/**
 * Starts VS Code `starts` times in one throwaway profile, each time loading `extensionFolder` and
 * running the built suite at `testsPath` with `env` plus AG_SUITE (`name`) and AG_START (1, 2, …).
 *   codeServerArgs  more code-server arguments, e.g. ['--locale', 'qps-ploc']
 *   settings        user settings of the profile
 *   timeoutMs       for all the starts together (the one-off install of VS Code is not counted)
 *   print           receives the suite's own output, line by line
 * Resolves { results: [{ title, outcome, durationMs, error? }], exitCode }: a start that exits
 * non-zero without reporting a failed test, or does not finish in time, adds a failed result of
 * its own, so a crash is never counted as a pass.
 */
export async function runInHost({
  name,
  extensionFolder = repoRoot,
  testsPath = join(repoRoot, 'out', 'test', 'integration', 'index'),
  codeServerArgs = [],
  env = {},
  settings = {},
  starts = 1,
  timeoutMs,
  print = (line) => console.log(line),
}) {
  const runDir = await createRunDir(`in-host-${name}`);
  const results = [];
  let reported = 0;
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
      args: codeServerArgs,
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path.replace(/\/$/, '')}`;
    const urlFor = (start) => {
      const environment = {
        ...env,
        AG_SUITE: name,
        AG_START: String(start),
        AG_CONSOLE_MARKER: CONSOLE_MARKER,
        AG_RESULT_MARKER: RESULT_MARKER,
      };
      const payload = [
        ['extensionDevelopmentPath', remote(extensionFolder)],
        ['extensionTestsPath', remote(testsPath)],
        ['extensionEnvironment', JSON.stringify(environment)],
      ];
      return `${server.url}/?folder=${encodeURIComponent(runDir.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    };

    browser = await launchBrowser();
    const page = await browser.newPage();
    let exit = () => {};
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));

    // Console messages arrive in order; their arguments are read asynchronously, so keep a chain.
    // The workbench logs as ('%c INFO', css, ...original arguments).
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    let start = 0;
    let reading = Promise.resolve();
    page.on('console', (message) => {
      reading = reading.then(async () => {
        let args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '[unreadable]')));
        if (process.env.AG_DUMP_CONSOLE) print(`[raw ${message.type()}] ${JSON.stringify(args)}`);
        if (typeof args[0] === 'string' && /^%c\s*[A-Z]+$/.test(args[0])) args = args.slice(2);
        const text = formatConsoleArgs(args);
        const resultAt = text.indexOf(RESULT_MARKER);
        if (resultAt >= 0) {
          results.push(readResultLine(text.slice(resultAt + RESULT_MARKER.length), (title) => titleFor(name, starts, start, title)));
          reported++;
          return;
        }
        const at = text.indexOf(CONSOLE_MARKER);
        if (at >= 0) {
          let line = (text.slice(0, at) + text.slice(at + CONSOLE_MARKER.length)).replace(/\s+$/, '');
          // Colour only for a terminal; a line of nothing but colour codes is an empty line.
          if (!color || !stripAnsi(line).trim()) line = stripAnsi(line);
          print(line);
        } else if (['error', 'warning'].includes(message.type()) && text.trim() && !NOISE.some((pattern) => pattern.test(text))) {
          noise.push(`[browser ${message.type()}] ${text || message.text()}`);
          if (process.env.AG_VERBOSE) print(`[browser ${message.type()}] ${text}`);
        }
      });
    });
    page.on('pageerror', (error) => noise.push(`[page error] ${error.message}`));
    page.on('crash', () => exit(-1));

    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    let exitCode = 0;
    for (start = 1; start <= starts; start++) {
      const failuresBefore = results.filter((result) => result.outcome === 'failed').length;
      const exited = new Promise((resolve) => (exit = resolve));
      await page.goto(urlFor(start));
      const code = await Promise.race([exited, timedOut]);
      await reading;
      const reportedFailure = results.filter((result) => result.outcome === 'failed').length > failuresBefore;
      if (code === 'timeout') {
        const reason = `did not finish within ${Math.round(timeoutMs / 1000)} s (the extension host never reported an exit code)`;
        print(`\nThe ${name} suite ${reason}.`);
        results.push({ title: titleFor(name, starts, start, reason), outcome: 'failed', error: reason });
        exitCode = 1;
        break;
      }
      if (code !== 0) {
        exitCode = code > 0 ? code : 1;
        if (!reportedFailure) {
          const reason =
            code === -1 ? 'the browser page crashed' : `the extension host exited with code ${code} before reporting a failed test`;
          results.push({ title: titleFor(name, starts, start, reason), outcome: 'failed', error: reason });
        }
      }
    }
    // Failing tests explain themselves; a suite that never reported needs the browser's side.
    if (exitCode !== 0 && reported === 0 && noise.length > 0 && !process.env.AG_VERBOSE) {
      print('\nBrowser console (for diagnosis):');
      for (const line of noise.slice(-30)) print(`  ${line}`);
    }
    return { results, exitCode };
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop();
    await runDir.remove();
  }
}

/** One test's result from its JSON line; a line that does not read counts as a failure, never a pass. */
function readResultLine(json, fullTitle) {
  try {
    const { title, outcome, durationMs, error } = JSON.parse(json);
    return { title: fullTitle(String(title)), outcome, durationMs, ...(error === undefined ? {} : { error }) };
  } catch {
    return { title: fullTitle('a result line that is not JSON'), outcome: 'failed', error: json };
  }
}

/** "main › Accounts panel › …", or "restart › start 3 › …" for a suite that starts more than once. */
function titleFor(suite, starts, start, title) {
  return [suite, ...(starts > 1 ? [`start ${start}`] : []), title].join(' › ');
}
