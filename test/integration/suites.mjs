// The in-host suites, in the order `npm run test:integration` runs them (`-- --suite <name>` runs
// one). Each runs in a code-server and profile of its own, started `starts` times in that profile.
// A suite is an entry here plus its test files:
//   name             test/integration/*.<name>.ts (main: *.test.ts); AG_SUITE in the extension host
//   extensionFolder  the extension to load (extensionDevelopmentPath): default this repository; a
//                    function is called (and awaited) first, e.g. to copy the extension under .cache/
//                    with another bundle, and returns the folder
//   codeServerArgs   more code-server arguments, e.g. ['--locale', 'qps-ploc']
//   env              more environment for the extension host
//   starts           how many times VS Code starts in the one profile (AG_START = 1, 2, …; default 1)
//   benchOnly        a benchmark, not a test: skipped unless named (`-- --suite <name>`), so never
//                    part of `npm test`; test/bench/ runs it

import { prepareBaselineSoakExtension } from '../bench/baseline.mjs';
import { prepareThirdServiceExtension } from '../third-service/prepareExtension.mjs';

/** @type {readonly { name: string; extensionFolder?: string | (() => Promise<string>); codeServerArgs?: string[]; env?: Record<string, string>; starts?: number; benchOnly?: boolean }[]} */
export const IN_HOST_SUITES = [
  { name: 'main' },
  // Stored state from another version, or damaged, never breaks start-up: each start checks what
  // the one before left behind (startup.restart.ts, whose LAST_START matches).
  { name: 'restart', starts: 7 },
  // A third service is one adapter file: the extension built with a test-only one added
  // (test/third-service/), checked on every surface (everySurface.third-service.ts).
  { name: 'third-service', extensionFolder: prepareThirdServiceExtension },
  // Issue 15's long-day soak (longDay.soak.ts): 4,000 refreshes with faults and token changes,
  // the extension host's heap slope and the timers and listeners left; test/bench/soak.mjs runs it.
  { name: 'soak', benchOnly: true },
  // The same soak of the baseline extension alone (baselineDay.soak-baseline.ts; Account Glance
  // not loaded): the host's own growth, which test/bench/soak.mjs subtracts from the soak's.
  { name: 'soak-baseline', benchOnly: true, extensionFolder: prepareBaselineSoakExtension },
];
