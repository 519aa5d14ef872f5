// What most unit tests need: a fake server on a free loopback port and a fetcher pointed at it,
// with instant sleeps and every log entry and error message kept for the "no token leaks" checks.
import { AccountFetcher, type AccountFetcherOptions, type RequestLogEntry } from '../../src/core/http/accountFetcher';
import type { FetchResult } from '../../src/core/model';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server';
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
