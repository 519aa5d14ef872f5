// Entry point of the in-host suite (extensionTestsPath): the same run() serves the offline runner
// (scripts/run-integration.mjs, code-server + Chromium) and @vscode/test-electron.
// Loads every out/test/integration/*.test.js (esbuild writes them next to this file), or with
// AG_SUITE=restart every *.restart.js, for one start of the runner's restart sequence (AG_START).
//   MOCHA_GREP     only tests whose full title matches (a regular expression)
//   MOCHA_TIMEOUT  per-test timeout in ms (default 20000)
//   AG_CONSOLE_MARKER  set by the offline runner: the suite's console output is prefixed with it,
//                  so the runner can tell it from the workbench's own logs on the browser console
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
  // AG_SUITE=restart (set by the runner for each start of its restart sequence) loads *.restart.js.
  const suffix = process.env.AG_SUITE === 'restart' ? '.restart.js' : '.test.js';
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith(suffix))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const restoreConsole = markConsole(process.env.AG_CONSOLE_MARKER);
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} in-host test${failures === 1 ? '' : 's'} failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }).finally(restoreConsole);
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
