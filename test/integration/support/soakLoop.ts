// The long-day soak's loop (issue 15), shared by the two soak suites: Account Glance's own
// (longDay.soak.ts) and the baseline extension's (baselineDay.soak-baseline.ts). Both run this same
// loop against the fake server in their extension host, so what VS Code's host itself keeps per
// command, status-bar update, tree change and HTTP request counts in both heap slopes and cancels
// out of their difference (test/bench/soak.mjs).
//
// SOAK_REFRESHES refreshes (AG_SOAK_REFRESHES, default 4,000) go through the extension's commands
// as a person's would: Refresh and Refresh Service, tokens changed in "another window" (secret
// storage), and between them 429s, 500s (past a bounded retry, and a flap it hides) and timeouts
// forced on the fake server, each followed by the extension's own automatic retry (the Refresh
// Service command only when that has not recovered within a moment).
//
// Measures the extension host's heap (heapUsed, after two forced GCs) every few refreshes and fits
// a least-squares slope after the warm-up (the first half), also per V8 heap space;
// V8's bytecode flushing is off meanwhile (its drops of megabytes at random moments would swamp the
// slope). Writes its figures as JSON to $AG_SOAK_RESULT (when set) and logs a summary. It asserts
// nothing about time or memory; it fails only when it cannot measure.
//
// Before each heap sample the fake server's log of requests is tallied and emptied, and so are the
// subject's records of shown alerts, so that neither of the test's own records counts as heap.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { FAKE_TOKENS, type FakeServer, type FakeService, type RecordedRequest } from '../../fake-server';

/** The services the step pattern names. */
export const SOAK_SERVICES: readonly FakeService[] = ['leadping', 'signeasy'];
export const SOAK_REFRESHES = Number(process.env.AG_SOAK_REFRESHES) || 4_000;
/**
 * The refreshes before the slope's first point: caches, pools and V8's compiled code fill up here.
 * By default the first half of the soak: V8 keeps optimising more of the code for thousands of
 * refreshes (in a 4,000-refresh soak the compiled code grew 861, 247, 189 and 112 bytes per refresh
 * over refreshes 200–1,000, 1,000–2,000, 2,000–3,000 and 3,000–4,000, the baseline's own 440, 85, 124
 * and 59), bounded by the code's size, while the program's data grew under 10. AG_SOAK_WARM_UP sets
 * it (test/bench/soak.mjs --warm-up), at most half the soak.
 */
const WARM_UP = Math.min(Number(process.env.AG_SOAK_WARM_UP) || Infinity, Math.floor(SOAK_REFRESHES / 2));
/** The V8 heap spaces that hold compiled code and its metadata (bytecode, optimised code, deoptimisation data), not the program's data. */
const COMPILED_CODE_SPACES = ['code_space', 'trusted_space', 'code_large_object_space', 'trusted_large_object_space'];
/** Refreshes between heap samples. */
const SAMPLE_EVERY = Math.max(5, Math.min(50, Math.floor(SOAK_REFRESHES / 40)));
/** One pattern of refreshes, repeated: see stepAt(). */
const BLOCK = 50;
/** The request timeout both subjects are given: the `timeout` fault answers half a second after it. */
export const SOAK_TIMEOUT_SECONDS = 1;

type Fault = 'rateLimited' | 'serverError' | 'flappingServerError' | 'timeout';
const FAULT_SCENARIOS: Readonly<Record<Fault, string>> = {
  rateLimited: '429-retry-after',
  serverError: '500',
  // 500 then 200 for each path: the fetcher's bounded retry hides it, no error is shown.
  flappingServerError: 'flapping-500',
  // Answers after 1.5 s, past the 1 s request timeout the soak sets.
  timeout: `slow-${SOAK_TIMEOUT_SECONDS * 1000 + 500}`,
};

type Step =
  | { readonly kind: 'refreshAll' }
  | { readonly kind: 'refreshService'; readonly service: FakeService }
  | { readonly kind: 'tokenChange'; readonly service: FakeService }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly services: readonly FakeService[] };

/** What one service shows now, as the loop reads it. */
export interface ServiceStatus {
  readonly signedIn: boolean;
  readonly refreshing: boolean;
  /** The kind of error shown; undefined when none is. */
  readonly errorKind: string | undefined;
}

/** The extension a soak drives: its commands and what it shows, as the loop needs them. */
export interface SoakSubject {
  /** Starts the log lines: "soak", "baseline soak". */
  readonly label: string;
  readonly server: FakeServer;
  /** The command that refreshes every service, and the one that refreshes the service given as its argument. */
  readonly commands: { readonly refreshAll: string; readonly refreshService: string };
  status(service: FakeService): ServiceStatus;
  isRefreshing(): boolean;
  /** Whether an automatic retry is pending. */
  retryPending(): boolean;
  /** Stores `token` for `service` as another window would (secret storage), and waits for the refresh that causes to settle. */
  changeToken(service: FakeService, token: string): Promise<void>;
  /** Waits for alerts being decided, then resolves how many were shown since the last call and forgets them. */
  takeShownAlerts(): Promise<number>;
  /** The subject's own pending timers and listeners, counted before and after the soak (when it can count them). */
  counts?(): { readonly timers: number; readonly listeners: number };
  /** Every service's state in a line, for the error when they do not settle. */
  describe(): string;
}

/**
 * The step at refresh `index` (`left` refreshes remain). In each block of 50: two token changes,
 * a 429 on each service, one flap the fetcher's retry hides, and either a 500 on both services at
 * once (even blocks) or a timeout on both at once (odd blocks), 2 refreshes either way; Refresh and
 * Refresh Service commands for the rest, about half each. The 500s and timeouts cost real time
 * (the fetcher's own retry waits, a timeout a second), hence one pair a block.
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
      return { kind: 'fault', fault: block % 2 === 0 ? 'serverError' : 'timeout', services: left >= 2 ? SOAK_SERVICES : [alternate] };
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

/** The soak as one mocha test: `subject()` is read when the test runs (after the suite's setup). */
export function soakTest(subject: () => SoakSubject): void {
  test(`${SOAK_REFRESHES} refreshes with 429s, 500s, timeouts and token changes`, async function () {
    this.timeout(Math.max(120_000, SOAK_REFRESHES * 500));
    const gc = forcedGc();
    // V8 drops the bytecode of functions not run for a while (mostly VS Code's start-up code): steps
    // of megabytes down at unforeseeable moments that would swamp a slope of bytes per refresh. Kept
    // for the soak's length; restored after.
    v8.setFlagsFromString('--no-flush-bytecode');
    try {
      await soak(subject(), gc);
    } finally {
      v8.setFlagsFromString('--flush-bytecode');
    }
  });
}

async function soak(subject: SoakSubject, gc: () => void): Promise<void> {
  const { server, commands, label } = subject;
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
    /** Faults the extension's automatic retry recovered from, and those that took a Refresh Service command. */
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
    const status = subject.status(service);
    return status.signedIn && !status.refreshing && status.errorKind === undefined;
  };
  const allQuiet = () => !subject.isRefreshing() && SOAK_SERVICES.every(healthy) && !subject.retryPending();

  /** Waits for every service to be signed in, fresh and with no retry pending; a Refresh Service command clears what lingers. */
  const settle = async () => {
    for (let round = 0; !(await holdsWithin(allQuiet, 1_000)); round++) {
      if (round >= 5) throw new Error(`The services did not settle: ${subject.describe()}`);
      for (const service of SOAK_SERVICES) {
        if (healthy(service) && !subject.retryPending()) continue;
        mix.settleRefreshes++;
        await vscode.commands.executeCommand(commands.refreshService, service);
      }
    }
  };

  /** Tallies the fake server's request log and the shown alerts, then empties both (the test's records, not the extension's heap). */
  const tallyAndTrim = async () => {
    mix.alertsShown += await subject.takeShownAlerts();
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
  };

  const samples: { refreshes: number; heapUsedBytes: number; compiledCodeBytes: number }[] = [];
  /** Used bytes of each V8 heap space at each sample: whether growth is data (old space) or compiled code. */
  const spaceSamples: { refreshes: number; used: Record<string, number> }[] = [];
  const sample = async (refreshes: number) => {
    await settle();
    await tallyAndTrim();
    // Let writes to globalState and the log finish, then collect twice (weak callbacks run in between).
    await sleep(20);
    gc();
    await sleep(10);
    gc();
    const used = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
    const compiledCodeBytes = COMPILED_CODE_SPACES.reduce((sum, space) => sum + (used[space] ?? 0), 0);
    samples.push({ refreshes, heapUsedBytes: process.memoryUsage().heapUsed, compiledCodeBytes });
    spaceSamples.push({ refreshes, used });
  };

  const refreshAll = async () => {
    let done = false;
    const command = Promise.resolve(vscode.commands.executeCommand(commands.refreshAll)).finally(() => (done = true));
    // A refresh that fails may wait on its warning notification: dismiss it rather than hang.
    const failed = () =>
      !done && !subject.isRefreshing() && SOAK_SERVICES.some((service) => subject.status(service).errorKind !== undefined);
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
    await Promise.all(services.map((service) => vscode.commands.executeCommand(commands.refreshService, service)));
    for (const service of services) {
      const outcome = subject.status(service).errorKind ?? 'ok';
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
      await vscode.commands.executeCommand(commands.refreshService, service);
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
        await vscode.commands.executeCommand(commands.refreshService, step.service);
        return 1;
      case 'tokenChange':
        mix.tokenChanges++;
        // A token of its own each time (the fake ignores the `.label`), as a new account's would be.
        await subject.changeToken(step.service, `${FAKE_TOKENS[step.service]}.soak${mix.tokenChanges}`);
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

  const hostTimeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  await settle();
  await sleep(50);
  const before = subject.counts?.();
  const hostTimeoutsBefore = hostTimeouts();
  await sample(0);
  const started = Date.now();
  let done = 0;
  let nextSample = SAMPLE_EVERY;
  while (done < SOAK_REFRESHES) {
    const step = stepAt(done, SOAK_REFRESHES - done);
    // Refresh's warning waits for a person: run it only when nothing is failing.
    if (step.kind === 'refreshAll') await timed('settle', settle);
    done += await timed(step.kind === 'fault' ? step.fault : step.kind, () => run(step));
    if (done >= nextSample || done >= SOAK_REFRESHES) {
      await timed('sample', () => sample(done));
      nextSample = done - (done % SAMPLE_EVERY) + SAMPLE_EVERY;
      if (done % (SAMPLE_EVERY * 4) === 0 || done >= SOAK_REFRESHES) {
        const last = samples[samples.length - 1]?.heapUsedBytes ?? 0;
        console.log(
          `  ${label}: ${done}/${SOAK_REFRESHES} refreshes, ${((Date.now() - started) / 1000).toFixed(1)} s, heap ${(last / 1048576).toFixed(2)} MiB`,
        );
      }
    }
  }
  const durationMs = Date.now() - started;
  await settle();
  await sleep(50);
  const after = subject.counts?.();
  const hostTimeoutsAfter = hostTimeouts();

  const fitted = samples.filter((point) => point.refreshes >= WARM_UP);
  const { slope, standardError } = leastSquares(fitted.map((point) => ({ x: point.refreshes, y: point.heapUsedBytes })));
  // The compiled code's slope over each quarter of the soak: one that keeps shrinking is V8's warm-up still ending, not a leak.
  const compiledCodeSlopeByQuarter = [0, 1, 2, 3].map((quarter) => {
    const [from, to] = [(done * quarter) / 4, (done * (quarter + 1)) / 4];
    const points = samples.filter((point) => point.refreshes >= from && point.refreshes <= to);
    return Math.round(leastSquares(points.map((point) => ({ x: point.refreshes, y: point.compiledCodeBytes }))).slope * 10) / 10;
  });
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
    compiledCodeSlopeByQuarter,
    heapStartBytes: fitted[0]?.heapUsedBytes,
    heapEndBytes: fitted[fitted.length - 1]?.heapUsedBytes,
    heapBeforeWarmUpBytes: samples[0]?.heapUsedBytes,
    // The same fit per V8 heap space (bytes per refresh): old_space holds data, code and trusted spaces compiled code.
    heapSlopeBySpace,
    timersBefore: before?.timers,
    timersAfter: after?.timers,
    listenersBefore: before?.listeners,
    listenersAfter: after?.listeners,
    // Every setTimeout pending in the whole extension host (VS Code's own included): context, not a goal.
    hostTimeoutsBefore,
    hostTimeoutsAfter,
    durationMs,
    mix,
    stepMs,
    sampleEvery: SAMPLE_EVERY,
    samples,
  };
  const counted = before && after ? `; timers ${before.timers} → ${after.timers}, listeners ${before.listeners} → ${after.listeners}` : '';
  console.log(
    `  ${label}: ${done} refreshes in ${(durationMs / 1000).toFixed(1)} s; heap slope ${result.heapSlopeBytesPerRefresh} ± ${result.heapSlopeStandardErrorBytes} bytes/refresh after ${WARM_UP}${counted}`,
  );
  const out = process.env.AG_SOAK_RESULT;
  if (out) {
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  }
}
