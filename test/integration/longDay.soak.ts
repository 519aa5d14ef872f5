// The long-day soak (issue 15, "no leak over a long day"): a benchmark, not a test, run only by
// test/bench/soak.mjs (or `npm run test:integration -- --suite soak`), never by `npm test`.
//
// AG_SOAK_REFRESHES refreshes (default 2,000) go through the extension as a person's would: the
// Refresh and Refresh Service commands, tokens changed in "another window" (secret storage, the path
// signIn() takes), and between them 429s, 500s (past the bounded retry, and a flap it hides) and
// timeouts forced on the fake server, each followed by the schedule's own automatic retry (the
// Refresh Service command only when the schedule has not recovered within a moment). Every refresh
// re-arms the schedule's timer; the 15-minute interval itself never comes due (each refresh
// restarts it, and its minimum is a minute), so the schedule's part is its retries.
//
// Measures the extension host's heap (heapUsed, after two forced GCs) every few refreshes and fits
// a least-squares slope after the warm-up, also per V8 heap space and over the second half alone;
// V8's bytecode flushing is off meanwhile (its drops of megabytes at random moments would swamp the
// slope). Counts the schedule's pending timers and the refresher's listeners before and after.
// Writes its figures as JSON to $AG_SOAK_RESULT (when set) and logs a summary. It asserts nothing
// about time or memory; it fails only when it cannot measure.
//
// The fake server runs in this extension host (as in faults.test.ts): its log of requests is
// tallied and emptied before each heap sample, and so is the test API's list of shown alerts, so
// that neither of the test's own records counts as the extension's heap.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, type FakeServer, type FakeService, type RecordedRequest } from '../fake-server';
import { ownAccount, SERVICES, setSetting, signIn, useFreshWorld, runScheduleFast } from './support/harness';

const REFRESHES = Number(process.env.AG_SOAK_REFRESHES) || 2_000;
/** The refreshes before the slope's first point: caches, JIT and pools fill up here. */
const WARM_UP = Math.min(200, Math.floor(REFRESHES / 4));
/** Refreshes between heap samples. */
const SAMPLE_EVERY = Math.max(5, Math.min(50, Math.floor(REFRESHES / 40)));
/** One pattern of refreshes, repeated: see stepAt(). */
const BLOCK = 50;
const TIMEOUT_SECONDS = 1;

type Fault = 'rateLimited' | 'serverError' | 'flappingServerError' | 'timeout';
const FAULT_SCENARIOS: Readonly<Record<Fault, string>> = {
  rateLimited: '429-retry-after',
  serverError: '500',
  // 500 then 200 for each path: the fetcher's bounded retry hides it, no error is shown.
  flappingServerError: 'flapping-500',
  // Answers after 1.5 s, past the 1 s request timeout the soak sets.
  timeout: `slow-${TIMEOUT_SECONDS * 1000 + 500}`,
};

type Step =
  | { readonly kind: 'refreshAll' }
  | { readonly kind: 'refreshService'; readonly service: FakeService }
  | { readonly kind: 'tokenChange'; readonly service: FakeService }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly services: readonly FakeService[] };

/**
 * The step at refresh `index` (`left` refreshes remain). In each block of 50: two token changes,
 * a 429 on each service, one flap the fetcher's retry hides, and either a 500 on both services at
 * once (even blocks) or a timeout on both at once (odd blocks), 2 refreshes either way; Refresh and
 * Refresh Service commands for the rest, about half each. The 500s and timeouts cost real time
 * (the fetcher's own retry waits up to 1.5 s, a timeout a second), hence one pair a block.
 */
function stepAt(index: number, left: number): Step {
  const position = index % BLOCK;
  const block = Math.floor(index / BLOCK);
  const alternate: FakeService = block % 2 === 0 ? 'leadping' : 'signeasy';
  switch (position) {
    case 0:
      return { kind: 'tokenChange', service: 'leadping' };
    case 25:
      return { kind: 'tokenChange', service: 'signeasy' };
    case 5:
      return { kind: 'fault', fault: 'rateLimited', services: ['signeasy'] };
    case 30:
      return { kind: 'fault', fault: 'rateLimited', services: ['leadping'] };
    case 15:
      return { kind: 'fault', fault: block % 2 === 0 ? 'serverError' : 'timeout', services: left >= 2 ? SERVICES : [alternate] };
    case 40:
      return { kind: 'fault', fault: 'flappingServerError', services: [alternate] };
    default:
      if (position % 2 === 0) return { kind: 'refreshAll' };
      return { kind: 'refreshService', service: position % 4 === 1 ? 'leadping' : 'signeasy' };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls every 10 ms until probe() holds (true) or `ms` pass (false); never throws. */
async function holdsWithin(probe: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
}

/** V8's gc(), exposed at run time: the extension host does not start with --expose-gc. */
function forcedGc(): () => void {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('Could not expose gc() in the extension host.');
  return gc as () => void;
}

/** Least-squares slope of y over x, with its standard error. */
function leastSquares(points: readonly { readonly x: number; readonly y: number }[]): { slope: number; standardError: number } {
  const n = points.length;
  if (n < 3) return { slope: NaN, standardError: NaN };
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
  }
  const slope = sxy / sxx;
  const residuals = points.reduce((sum, { x, y }) => sum + (y - meanY - slope * (x - meanX)) ** 2, 0);
  return { slope, standardError: Math.sqrt(residuals / (n - 2) / sxx) };
}

suite('Long-day soak', () => {
  let api: AccountGlanceTestApi;
  let server: FakeServer;
  useFreshWorld(
    async (world) => {
      ({ api, server } = world);
      runScheduleFast(api);
      await setSetting('requestTimeoutSeconds', TIMEOUT_SECONDS);
      for (const service of SERVICES) await signIn(api, service, ownAccount(FAKE_TOKENS[service]));
    },
    async () => {
      api.retryDelayScale = 1;
      await setSetting('requestTimeoutSeconds', undefined);
    },
  );

  test(`${REFRESHES} refreshes with 429s, 500s, timeouts and token changes`, async function () {
    this.timeout(Math.max(120_000, REFRESHES * 500));
    const gc = forcedGc();
    // V8 drops the bytecode of functions not run for a while (mostly VS Code's start-up code): steps
    // of megabytes down at unforeseeable moments that would swamp a slope of bytes per refresh. Kept
    // for the soak's length; restored after.
    v8.setFlagsFromString('--no-flush-bytecode');
    try {
      await soak(gc);
    } finally {
      v8.setFlagsFromString('--flush-bytecode');
    }
  });

  async function soak(gc: () => void): Promise<void> {
    const mix = {
      refreshAll: 0,
      refreshService: 0,
      tokenChanges: 0,
      rateLimited429: 0,
      serverError500: 0,
      flapping500: 0,
      timeouts: 0,
      /** What the extension showed right after each fault's refresh, by error kind ('ok': none). */
      faultOutcomes: {} as Record<string, number>,
      /** Faults the schedule's automatic retry recovered from, and those that took a Refresh Service command. */
      recoveredBySchedule: 0,
      recoveredByCommand: 0,
      /** Refresh Service commands run to clear a pending retry or error before a sample or a Refresh. */
      settleRefreshes: 0,
      /** Refresh commands that ended in an error (and so in a warning notification, cleared). */
      unexpectedFailures: 0,
      alertsShown: 0,
      /** What the fake server answered, request by request. */
      serverAnswers: { total: 0, status200: 0, status429: 0, status500: 0, timedOut: 0, other: 0 },
    };

    const healthy = (service: FakeService) => {
      const state = api.refresher.state(service);
      return state.signedIn && !state.refreshing && !state.error;
    };
    const allQuiet = () => !api.refresher.isRefreshing() && SERVICES.every(healthy) && api.refresher.nextRetryAt() === undefined;

    /** Waits for every service to be signed in, fresh and with no retry pending; a Refresh Service command clears what lingers. */
    const settle = async () => {
      for (let round = 0; !(await holdsWithin(allQuiet, 1_000)); round++) {
        if (round >= 5) throw new Error(`The services did not settle: ${JSON.stringify(api.refresher.states().map(summary))}`);
        for (const service of SERVICES) {
          if (healthy(service) && api.refresher.nextRetryAt() === undefined) continue;
          mix.settleRefreshes++;
          await vscode.commands.executeCommand('accountGlance.refreshService', service);
        }
      }
    };

    /** Tallies the fake server's request log and the shown alerts, then empties both (the test's records, not the extension's heap). */
    const tallyAndTrim = () => {
      const requests = server.requests as RecordedRequest[];
      for (const request of requests) {
        const answers = mix.serverAnswers;
        answers.total++;
        if (request.scenario?.startsWith('slow-')) answers.timedOut++;
        else if (request.status === 200) answers.status200++;
        else if (request.status === 429) answers.status429++;
        else if (request.status === 500) answers.status500++;
        else answers.other++;
      }
      requests.length = 0;
      const alerts = api.shownAlerts as unknown[];
      mix.alertsShown += alerts.length;
      alerts.length = 0;
    };

    const samples: { refreshes: number; heapUsedBytes: number }[] = [];
    /** Used bytes of each V8 heap space at each sample: whether growth is data (old space) or compiled code. */
    const spaceSamples: { refreshes: number; used: Record<string, number> }[] = [];
    const sample = async (refreshes: number) => {
      await settle();
      await api.alertsDecided();
      tallyAndTrim();
      // Let writes to globalState and the log finish, then collect twice (weak callbacks run in between).
      await sleep(20);
      gc();
      await sleep(10);
      gc();
      samples.push({ refreshes, heapUsedBytes: process.memoryUsage().heapUsed });
      spaceSamples.push({
        refreshes,
        used: Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size])),
      });
    };

    const refreshAll = async () => {
      let done = false;
      const command = Promise.resolve(vscode.commands.executeCommand('accountGlance.refresh')).finally(() => (done = true));
      // A refresh that fails waits on its warning notification: dismiss it rather than hang.
      const failed = () => !done && !api.refresher.isRefreshing() && api.refresher.states().some((state) => state.error !== undefined);
      while (!done) {
        if (failed() && (await holdsWithin(() => done, 500)) === false) {
          mix.unexpectedFailures++;
          await vscode.commands.executeCommand('notifications.clearAll');
        }
        await holdsWithin(() => done, 50);
      }
      await command;
    };

    const runFault = async (fault: Fault, services: readonly FakeService[]) => {
      for (const service of services) server.setScenario(service, FAULT_SCENARIOS[fault]);
      await Promise.all(services.map((service) => vscode.commands.executeCommand('accountGlance.refreshService', service)));
      for (const service of services) {
        const outcome = api.refresher.state(service).error?.kind ?? 'ok';
        mix.faultOutcomes[outcome] = (mix.faultOutcomes[outcome] ?? 0) + 1;
        server.clearScenario(service);
      }
      const failed = services.filter((service) => !healthy(service));
      if (await holdsWithin(() => failed.every(healthy), 1_500)) {
        mix.recoveredBySchedule += failed.length;
        return;
      }
      for (const service of failed.filter((candidate) => !healthy(candidate))) {
        mix.recoveredByCommand++;
        await vscode.commands.executeCommand('accountGlance.refreshService', service);
      }
    };

    /** Milliseconds spent per kind of step, and in the samples (settling, GC): where the soak's time goes. */
    const stepMs: Record<string, number> = {};
    const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const begun = performance.now();
      try {
        return await work();
      } finally {
        stepMs[what] = Math.round((stepMs[what] ?? 0) + performance.now() - begun);
      }
    };

    /** Runs one step; resolves how many refreshes it was. */
    const run = async (step: Step): Promise<number> => {
      switch (step.kind) {
        case 'refreshAll':
          mix.refreshAll++;
          await refreshAll();
          return 1;
        case 'refreshService':
          mix.refreshService++;
          await vscode.commands.executeCommand('accountGlance.refreshService', step.service);
          return 1;
        case 'tokenChange':
          mix.tokenChanges++;
          await signIn(api, step.service, ownAccount(FAKE_TOKENS[step.service]));
          return 1;
        case 'fault': {
          const count = step.services.length;
          if (step.fault === 'rateLimited') mix.rateLimited429 += count;
          else if (step.fault === 'serverError') mix.serverError500 += count;
          else if (step.fault === 'flappingServerError') mix.flapping500 += count;
          else mix.timeouts += count;
          await runFault(step.fault, step.services);
          return count;
        }
      }
    };

    await settle();
    await sleep(50);
    const timersBefore = api.pendingScheduleTimers;
    const listenersBefore = api.refresherListeners;
    const hostTimeoutsBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    await sample(0);
    const started = Date.now();
    let done = 0;
    let nextSample = SAMPLE_EVERY;
    while (done < REFRESHES) {
      const step = stepAt(done, REFRESHES - done);
      // Refresh's warning waits for a person: run it only when nothing is failing.
      if (step.kind === 'refreshAll') await timed('settle', settle);
      done += await timed(step.kind === 'fault' ? step.fault : step.kind, () => run(step));
      if (done >= nextSample || done >= REFRESHES) {
        await timed('sample', () => sample(done));
        nextSample = done - (done % SAMPLE_EVERY) + SAMPLE_EVERY;
        if (done % (SAMPLE_EVERY * 4) === 0 || done >= REFRESHES) {
          const last = samples[samples.length - 1]?.heapUsedBytes ?? 0;
          console.log(
            `  soak: ${done}/${REFRESHES} refreshes, ${((Date.now() - started) / 1000).toFixed(1)} s, heap ${(last / 1048576).toFixed(2)} MiB`,
          );
        }
      }
    }
    const durationMs = Date.now() - started;
    await settle();
    await sleep(50);
    const timersAfter = api.pendingScheduleTimers;
    const listenersAfter = api.refresherListeners;
    const hostTimeoutsAfter = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

    const fitted = samples.filter((point) => point.refreshes >= WARM_UP);
    const { slope, standardError } = leastSquares(fitted.map((point) => ({ x: point.refreshes, y: point.heapUsedBytes })));
    // The same fit over the second half alone: a slope that shrinks there is a warm-up still ending, not a leak.
    const secondHalf = leastSquares(
      samples.filter((point) => point.refreshes >= done / 2).map((point) => ({ x: point.refreshes, y: point.heapUsedBytes })),
    );
    const fittedSpaces = spaceSamples.filter((point) => point.refreshes >= WARM_UP);
    const heapSlopeBySpace = Object.fromEntries(
      Object.keys(fittedSpaces[0]?.used ?? {}).map((space) => [
        space,
        Math.round(leastSquares(fittedSpaces.map((point) => ({ x: point.refreshes, y: point.used[space] ?? 0 }))).slope * 10) / 10,
      ]),
    );
    const result = {
      refreshes: done,
      warmUp: WARM_UP,
      heapSlopeBytesPerRefresh: Math.round(slope * 10) / 10,
      heapSlopeStandardErrorBytes: Math.round(standardError * 10) / 10,
      heapSlopeSecondHalfBytesPerRefresh: Math.round(secondHalf.slope * 10) / 10,
      heapStartBytes: fitted[0]?.heapUsedBytes,
      heapEndBytes: fitted[fitted.length - 1]?.heapUsedBytes,
      heapBeforeWarmUpBytes: samples[0]?.heapUsedBytes,
      // The same fit per V8 heap space (bytes per refresh): old_space holds data, code and trusted spaces compiled code.
      heapSlopeBySpace,
      timersBefore,
      timersAfter,
      listenersBefore,
      listenersAfter,
      // Every setTimeout pending in the whole extension host (VS Code's own included): context, not a goal.
      hostTimeoutsBefore,
      hostTimeoutsAfter,
      durationMs,
      mix,
      stepMs,
      sampleEvery: SAMPLE_EVERY,
      samples,
    };
    console.log(
      `  soak: ${done} refreshes in ${(durationMs / 1000).toFixed(1)} s; heap slope ${result.heapSlopeBytesPerRefresh} ± ${result.heapSlopeStandardErrorBytes} bytes/refresh after ${WARM_UP}; schedule timers ${timersBefore} → ${timersAfter}, refresher listeners ${listenersBefore} → ${listenersAfter}`,
    );
    const out = process.env.AG_SOAK_RESULT;
    if (out) {
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    }
  }
});

function summary(state: AccountState): string {
  return `${state.serviceId}: ${state.signedIn ? 'signed in' : 'signed out'}${state.refreshing ? ', refreshing' : ''}${state.error ? `, ${state.error.kind}` : ''}`;
}
