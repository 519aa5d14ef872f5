// Entry point of the in-host suites (extensionTestsPath): the same run() serves the offline runner
// (scripts/run-integration.mjs, code-server + Chromium) and @vscode/test-electron.
// Loads the files of one suite from out/test/integration/ (esbuild writes them next to this file):
// AG_SUITE=main (the default) loads every *.test.js, any other name every *.<name>.js; the suites
// and how often each starts VS Code are listed in suites.mjs.
//   AG_START       which start of its suite this is (1, 2, …), for suites that start VS Code more than once
//   MOCHA_GREP     only tests whose full title matches (a regular expression)
//   MOCHA_TIMEOUT  per-test timeout in ms (default 20000)
//   AG_CONSOLE_MARKER  set by the offline runner: the suite's console output is prefixed with it,
//                  so the runner can tell it from the workbench's own logs on the browser console
//   AG_RESULT_MARKER   set by the offline runner: each test's outcome is also logged as this marker
//                  and one line of JSON, which the runner counts (the spec output is for people)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: !process.env.NO_COLOR,
    timeout: Number(process.env.MOCHA_TIMEOUT) || 20_000,
    ...(process.env.MOCHA_GREP ? { grep: new RegExp(process.env.MOCHA_GREP) } : {}),
  });
  const suite = process.env.AG_SUITE ?? 'main';
  const suffix = suite === 'main' ? '.test.js' : `.${suite}.js`;
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith(suffix))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const restoreConsole = markConsole(process.env.AG_CONSOLE_MARKER);
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} in-host test${failures === 1 ? '' : 's'} failed.`));
        else if (files.length === 0) reject(new Error(`No test files end in ${suffix} next to ${__filename}.`));
        else resolve();
      });
      reportResults(runner, process.env.AG_RESULT_MARKER);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }).finally(restoreConsole);
}

/** Logs each test's outcome as the marker and one line of JSON: { title, outcome, durationMs, error? }. */
function reportResults(runner: Mocha.Runner, marker: string | undefined): void {
  if (!marker) return;
  const report = (test: Mocha.Runnable, outcome: 'passed' | 'failed' | 'skipped', error?: Error) =>
    console.log(
      `${marker}${JSON.stringify({ title: test.fullTitle(), outcome, durationMs: test.duration, ...(error ? { error: error.message } : {}) })}`,
    );
  runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => report(test, 'passed'));
  // A failed hook counts as a failure too, as mocha's own tally does.
  runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: Error) => report(test, 'failed', error));
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => report(test, 'skipped'));
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Prefixes every console line (mocha's reporter included) with the marker; returns the undo. */
function markConsole(marker: string | undefined): () => void {
  if (!marker) return () => {};
  const mark =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) =>
      typeof args[0] === 'string' ? write(`${marker}${args[0]}`, ...args.slice(1)) : write(marker, ...args);
  const methods: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];
  const originals = methods.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) console[method] = mark(original.bind(console));
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalReporterLog = base.consoleLog;
  base.consoleLog = mark(originalReporterLog);
  return () => {
    for (const [method, original] of originals) console[method] = original;
    base.consoleLog = originalReporterLog;
  };
}
