// What most unit tests need: a fake server on a free loopback port and a fetcher pointed at it,
// with instant sleeps and every log entry and error message kept for the "no token leaks" checks.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { AccountFetcher, type AccountFetcherOptions, type RequestLogEntry } from '../../src/core/http/accountFetcher';
import type { AccountProblem, FetchResult } from '../../src/core/model';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { describeProblem } from '../../src/views/viewModels/snapshotWording';
import { scenarioToken, startFakeServer, type FakeServer, type FakeServerOptions, type FakeService } from '../fake-server';
import { connectionTo } from '../support/connection';

export interface Harness {
  readonly server: FakeServer;
  readonly fetcher: AccountFetcher;
  readonly log: RequestLogEntry[];
  readonly sleeps: number[];
  fetch(adapter: ServiceAdapter, token: string): Promise<FetchResult>;
  close(): Promise<void>;
}

export async function startHarness(
  serverOptions: FakeServerOptions = {},
  fetcherOptions: Partial<AccountFetcherOptions> = {},
): Promise<Harness> {
  const server = await startFakeServer(serverOptions);
  const log: RequestLogEntry[] = [];
  const sleeps: number[] = [];
  const fetcher = new AccountFetcher({
    userAgent: 'AccountGlance-tests/1',
    onRequest: (entry) => log.push(entry),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...fetcherOptions,
  });
  return {
    server,
    fetcher,
    log,
    sleeps,
    fetch: (adapter, token) => fetcher.fetch(adapter, connectionTo(server.url, token)),
    close: () => server.close(),
  };
}

/** The options of startHarness(), by name. */
export interface HarnessOptions {
  readonly server?: FakeServerOptions;
  readonly fetcher?: Partial<AccountFetcherOptions>;
}

/** Runs `body` with a harness of its own, and closes it afterwards whether `body` passed or failed. */
export async function withHarness<T>(options: HarnessOptions, body: (harness: Harness) => Promise<T>): Promise<T> {
  const harness = await startHarness(options.server, options.fetcher);
  try {
    return await body(harness);
  } finally {
    await harness.close();
  }
}

/**
 * One harness for the tests of a describe() block: started before the first, closed after the last.
 * It starts in before(), so read its fields inside the tests.
 */
export function suiteHarness(options: HarnessOptions = {}): Harness {
  let started: Harness | undefined;
  before(async () => {
    started = await startHarness(options.server, options.fetcher);
  });
  after(() => started?.close());
  const current = () => started ?? assert.fail('the suite harness starts in before(): use it inside a test');
  return {
    get server() {
      return current().server;
    },
    get fetcher() {
      return current().fetcher;
    },
    get log() {
      return current().log;
    },
    get sleeps() {
      return current().sleeps;
    },
    fetch: (adapter, token) => current().fetch(adapter, token),
    close: () => current().close(),
  };
}

/**
 * For an adapter's describe() block: a suite harness, the token of each of the fake service's
 * scenarios and that scenario fetched through the adapter, and a problem as a person reads it (en-US).
 */
export function adapterSuite(service: FakeService, adapter: ServiceAdapter) {
  const harness = suiteHarness();
  const token = (scenario: string) => scenarioToken(service, scenario);
  return {
    harness,
    token,
    fetchScenario: (scenario: string) => harness.fetch(adapter, token(scenario)),
    sentence: (problem: AccountProblem | undefined) =>
      problem ? describeProblem(problem, { serviceName: adapter.displayName, locale: 'en-US' }) : '',
  };
}

/** Every path the harness's fake server was asked for, sorted. */
export function requestedPaths(harness: Harness): string[] {
  return harness.server.requests.map((request) => request.path).sort();
}

/** What one Leadping fetch asks for, each once, sorted: the four endpoints. */
export const LEADPING_FETCH_PATHS: readonly string[] = ['/organizations/me', '/usage/summary/my', '/users/me', '/wallets/me'];

/** The snapshot of a result that must have succeeded (fails the test otherwise, showing why). */
export function snapshotOf(result: FetchResult) {
  if (!result.ok) throw new Error(`expected a snapshot, got ${result.error.kind} ${JSON.stringify(result.error)}`);
  return result.snapshot;
}

export function errorOf(result: FetchResult) {
  if (result.ok) throw new Error('expected an error, got a snapshot');
  return result.error;
}

export function counterValue(result: FetchResult, id: string): number | undefined {
  const counter = snapshotOf(result).counters.find((candidate) => candidate.id === id);
  if (!counter) throw new Error(`no counter "${id}"`);
  return counter.value;
}

export function problemIds(result: FetchResult): string[] {
  return snapshotOf(result).problems.map((problem) => problem.id);
}
