// What a refresh costs in the core, against the fake servers in a separate process with a fixed
// injected latency. Run by `npm run bench`, or alone:
//   node --import tsx --expose-gc test/bench/refresh.ts [--runs 25] [--latency 50]
// Prints one JSON object (RefreshSamples) on stdout: raw times in ms; scripts/bench.mjs takes the
// medians and ratios.
//
// Overhead: a full refresh through AccountRefresher + AccountFetcher + the adapters, against the
// same GETs made by a bare node-fetch client, interleaved in the same run so drift hits both. The
// bare client's list of requests is what a full refresh asked an in-process fake server for (its
// request log), so it follows the adapters when they ask for more. Each run also times the bare
// client's requests one at a time: a full refresh should cost about its slowest single request.
// Scale: 1, 10, 20 and 50 accounts (Leadping and Signeasy alternately, each with its own token,
// held as the extension holds several accounts of a service: a slot per account key), the refresh
// time (the counts in turn, run by run) and the heap the accounts keep once refreshed.
import fetch from 'node-fetch';
import { AccountRefresher } from '../../src/core/refresh/accountRefresher';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import { retryDelayMs } from '../../src/core/refresh/retryPolicy';
import { LEADPING_PATHS, leadpingAdapter } from '../../src/core/services/leadping';
import { SIGNEASY_ME_PATH, signeasyAdapter } from '../../src/core/services/signeasy';
import { FAKE_TOKENS, startFakeServer } from '../fake-server';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { parseCommandLine } from '../harness/command-line.mjs';
import { connectionTo } from '../support/connection';

const SCALE_ACCOUNTS = [1, 10, 20, 50] as const;
const USER_AGENT = 'AccountGlance-bench';

/** The command line: runs and latency in ms, each a number of 0 or more; a UsageError when it cannot be. */
function parseRefreshArgs(args: readonly string[]): { runs: number; latencyMs: number } {
  const { number } = parseCommandLine('node --import tsx --expose-gc test/bench/refresh.ts [--runs 25] [--latency 50]', {
    args,
    options: {
      runs: { type: 'string', default: '25' },
      latency: { type: 'string', default: '50' },
    },
  });
  return { runs: number('runs', { min: 0 }), latencyMs: number('latency', { min: 0 }) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The two built-in services the bench measures (the fake server also serves the presets). */
const BUILT_IN_TOKENS = { leadping: FAKE_TOKENS.leadping, signeasy: FAKE_TOKENS.signeasy };

/** `count` accounts, Leadping and Signeasy alternately, each under an account key of its own with its own token. */
function accounts(count: number): Map<string, string> {
  const tokens = new Map<string, string>();
  for (let index = 1; index <= count; index++) {
    const service = index % 2 === 1 ? 'leadping' : 'signeasy';
    // Each service's first account is keyed by the service id, the others as the extension keys them.
    const key = index <= 2 ? service : `${service}~${index.toString(16).padStart(8, '0')}`;
    tokens.set(key, `${FAKE_TOKENS[service]}.account-${index}`);
  }
  return tokens;
}

/** A refresher over both services holding an account for each key of `tokens`. */
function newRefresher(tokens: ReadonlyMap<string, string>, baseUrl: string): AccountRefresher {
  const fetcher = new AccountFetcher({ userAgent: USER_AGENT });
  const refresher = new AccountRefresher({
    adapters: [leadpingAdapter, signeasyAdapter],
    fetcher,
    connectionFor: async (accountKey) => {
      const token = tokens.get(accountKey);
      return token === undefined ? undefined : connectionTo(baseUrl, token);
    },
    retryDelayMs: (error, attempt) => retryDelayMs(error, attempt, Math.random),
  });
  for (const key of tokens.keys()) refresher.addAccount(key);
  return refresher;
}

/** Throws unless every account holds a fresh snapshot: a benchmark of failures measures nothing. */
function assertAllLoaded(refresher: AccountRefresher, accountKeys: Iterable<string>): void {
  for (const state of [...accountKeys].map((key) => refresher.state(key))) {
    if (!state.snapshot || state.error)
      throw new Error(`${state.accountKey} did not load: ${state.error ? JSON.stringify(state.error) : 'no snapshot'}`);
  }
}

/** One GET a full refresh makes: the service whose token it carries and the path. */
interface BareRequest {
  readonly service: keyof typeof BUILT_IN_TOKENS;
  readonly path: string;
}

/**
 * Every GET a full refresh of both services makes, read from the request log of an in-process fake
 * server (no latency) that one full refresh was pointed at: the bare client cannot fall behind the
 * adapters.
 */
async function requestsOfAFullRefresh(): Promise<BareRequest[]> {
  const fake = await startFakeServer();
  try {
    const refresher = newRefresher(new Map(Object.entries(BUILT_IN_TOKENS)), fake.url);
    await refresher.refresh();
    assertAllLoaded(refresher, Object.keys(BUILT_IN_TOKENS));
    refresher.dispose();
    const seen = new Map<string, BareRequest>();
    for (const request of fake.requests) {
      if (request.method !== 'GET' || !request.service || !(request.service in BUILT_IN_TOKENS)) {
        throw new Error(`A full refresh made a request the bare client cannot copy: ${request.method} ${request.path}`);
      }
      seen.set(`${request.service} ${request.path}`, { service: request.service as keyof typeof BUILT_IN_TOKENS, path: request.path });
    }
    // Every path the adapters declare must be among them (the log is the list; this checks the log).
    const declared = [...Object.values(LEADPING_PATHS).map((path) => `leadping ${path}`), `signeasy ${SIGNEASY_ME_PATH}`];
    const missing = declared.filter((key) => !seen.has(key));
    if (missing.length > 0) throw new Error(`A full refresh did not ask for ${missing.join(', ')}: the fake server's log is incomplete.`);
    return [...seen.values()];
  } finally {
    await fake.close();
  }
}

/** One GET by a client that only fetches and parses. */
async function bareGet(baseUrl: string, { service, path }: BareRequest): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${FAKE_TOKENS[service]}`, Accept: 'application/json', 'User-Agent': USER_AGENT },
  });
  return response.json();
}

/** The same requests as a full refresh of both services, all at once. */
async function bareRefresh(baseUrl: string, requests: readonly BareRequest[]): Promise<void> {
  await Promise.all(requests.map((request) => bareGet(baseUrl, request)));
}

/** Each request alone, one after the other; resolves the slowest one's time. */
async function bareSlowestSingle(baseUrl: string, requests: readonly BareRequest[]): Promise<number> {
  let slowest = 0;
  for (const request of requests) slowest = Math.max(slowest, await timed(() => bareGet(baseUrl, request)));
  return slowest;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc: the memory figures need a collection before each reading.');
  gc();
  gc();
}

export interface RefreshSamples {
  readonly latencyMs: number;
  /** What a full refresh asks for, as "service path", e.g. "leadping /users/me". */
  readonly requests: string[];
  /** The same GETs as a full refresh, all at once, by a bare node-fetch client. */
  readonly bareMs: number[];
  /** The bare client's slowest single request, its requests made one at a time. */
  readonly bareSlowestSingleMs: number[];
  /** Full refreshes of both services through the extension's core. */
  readonly refreshMs: number[];
  readonly leadpingOnlyMs: number[];
  readonly signeasyOnlyMs: number[];
  readonly scale: { readonly accounts: number; readonly refreshMs: number[]; readonly heapGrowthKiB: number }[];
}

async function main(): Promise<void> {
  const { runs, latencyMs } = parseRefreshArgs(process.argv.slice(2));
  const warmUp = 5;
  const requests = await requestsOfAFullRefresh();
  const server = await launchFakeServer({ latencyMs });
  try {
    // The two real services with the plain tokens, exactly what bareRefresh() asks for.
    const refresher = newRefresher(new Map(Object.entries(BUILT_IN_TOKENS)), server.url);
    const result: RefreshSamples = {
      latencyMs,
      requests: requests.map(({ service, path }) => `${service} ${path}`),
      bareMs: [],
      bareSlowestSingleMs: [],
      refreshMs: [],
      leadpingOnlyMs: [],
      signeasyOnlyMs: [],
      scale: [],
    };
    for (let run = 0; run < warmUp + runs; run++) {
      const keep = (samples: number[], ms: number) => run >= warmUp && samples.push(ms);
      // Alternate which goes first, so neither always meets the warmer connection pool.
      for (const which of run % 2 === 0 ? ['bare', 'full'] : ['full', 'bare']) {
        if (which === 'bare') keep(result.bareMs, await timed(() => bareRefresh(server.url, requests)));
        else keep(result.refreshMs, await timed(() => refresher.refresh()));
      }
      keep(result.bareSlowestSingleMs, await bareSlowestSingle(server.url, requests));
      keep(result.leadpingOnlyMs, await timed(() => refresher.refresh(['leadping'])));
      keep(result.signeasyOnlyMs, await timed(() => refresher.refresh(['signeasy'])));
    }
    assertAllLoaded(refresher, Object.keys(BUILT_IN_TOKENS));

    // What each number of accounts keeps once refreshed: its states and snapshots, and the pooled
    // connections its parallel requests opened (node's agent keeps them alive), one at a time.
    const heapGrowthKiB = new Map<number, number>();
    for (const count of SCALE_ACCOUNTS) {
      const tokens = accounts(count);
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const scaled = newRefresher(tokens, server.url);
      for (let run = 0; run < warmUp; run++) await scaled.refresh();
      assertAllLoaded(scaled, tokens.keys());
      collectGarbage();
      heapGrowthKiB.set(count, (process.memoryUsage().heapUsed - heapBefore) / 1024);
      scaled.dispose();
    }
    // The times, run by run in turn (each run in another order), so that drift hits every count
    // alike: the ratios between them are what the goals read.
    const scaled = SCALE_ACCOUNTS.map((count) => ({ count, tokens: accounts(count), refreshMs: [] as number[] }));
    const refreshers = scaled.map(({ tokens }) => newRefresher(tokens, server.url));
    for (let run = 0; run < warmUp + runs; run++) {
      for (let turn = 0; turn < scaled.length; turn++) {
        const at = (run + turn) % scaled.length;
        const ms = await timed(() => refreshers[at]!.refresh());
        if (run >= warmUp) scaled[at]!.refreshMs.push(ms);
      }
    }
    scaled.forEach(({ count, tokens, refreshMs }, at) => {
      assertAllLoaded(refreshers[at]!, tokens.keys());
      refreshers[at]!.dispose();
      result.scale.push({ accounts: count, refreshMs, heapGrowthKiB: heapGrowthKiB.get(count) ?? NaN });
    });
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
