// AccountFetcher against the fake server: every error kind, retries, timeouts, the body cap,
// request sharing, and the rule that no token ever reaches a message or a log entry.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import type { FetchResult, ServiceError, ServiceErrorKind } from '../../src/core/model';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { FAKE_SCENARIOS, FAKE_TOKENS, scenarioToken, startFakeServer } from '../fake-server';
import { errorOf, LEADPING_FETCH_PATHS, requestedPaths, snapshotOf, suiteHarness, withHarness } from './harness';
import { connectionTo } from '../support/connection';
import { describeError } from '../../src/views/viewModels/errorWording';

const ADAPTERS: Record<'leadping' | 'signeasy', ServiceAdapter> = { leadping: leadpingAdapter, signeasy: signeasyAdapter };
const SERVICES = ['leadping', 'signeasy'] as const;

/** The error as a person reads it (English, en-US numbers). */
const worded = (error: ServiceError, adapter: ServiceAdapter = signeasyAdapter) => describeError(error, adapter.displayName, 'en-US');

/** Scenario → the error kind both services must turn it into. */
const EXPECTED_ERRORS: Readonly<Record<string, ServiceErrorKind>> = {
  '401': 'unauthorized',
  'token-echo': 'unauthorized',
  '403': 'unauthorized',
  '404': 'notFound',
  '429-retry-after': 'rateLimited',
  '429-http-date': 'rateLimited',
  '429-without-retry-after': 'rateLimited',
  '500': 'server',
  'html-502': 'server',
  'html-200': 'unexpected',
  'drop-connection': 'network',
  'huge-body': 'unexpected',
  'huge-body-declared': 'unexpected',
  'invalid-json': 'unexpected',
  'wrong-type': 'unexpected',
};

describe('AccountFetcher error kinds', () => {
  const harness = suiteHarness();

  for (const service of SERVICES) {
    for (const [scenario, kind] of Object.entries(EXPECTED_ERRORS)) {
      test(`${service} ${scenario} → ${kind}`, async () => {
        const error = errorOf(await harness.fetch(ADAPTERS[service], scenarioToken(service, scenario)));
        const sentence = worded(error, ADAPTERS[service]);
        assert.equal(error.kind, kind, sentence);
        assert.ok(sentence.includes(ADAPTERS[service].displayName) || kind === 'network', sentence);
      });
    }
  }

  test('the sentences say what happened', async () => {
    const message = async (service: 'leadping' | 'signeasy', scenario: string) =>
      worded(errorOf(await harness.fetch(ADAPTERS[service], scenarioToken(service, scenario))), ADAPTERS[service]);
    // A refusal's body is never quoted: that is where services echo the token.
    assert.equal(await message('leadping', '401'), 'The Leadping token was rejected or has expired (HTTP 401). Set a new token.');
    // Other errors' problem-details title and detail are quoted.
    assert.match(await message('leadping', '404'), /Leadping said: "Not Found: The requested resource was not found\."/);
    // Signeasy's {status, message} body is quoted too.
    assert.match(await message('signeasy', '404'), /Signeasy said: "The requested resource was not found\."/);
    assert.match(await message('leadping', '404'), /nothing at \/users\/me \(HTTP 404\)\. Check the base URL/);
    assert.match(await message('leadping', '429-retry-after'), /HTTP 429\)\. It asks to wait 30 seconds\./);
    // A proxy page is reduced to its title, without markup.
    const proxy = await message('signeasy', 'html-502');
    assert.match(proxy, /"502 Bad Gateway"/);
    assert.doesNotMatch(proxy, /[<>]/);
    assert.match(await message('leadping', 'html-200'), /web page instead of data/);
    assert.match(await message('leadping', 'huge-body'), /too large/);
    assert.match(await message('leadping', 'invalid-json'), /not valid JSON/);
    assert.match(await message('leadping', 'wrong-type'), /unexpected shape/);
    assert.match(await message('signeasy', 'drop-connection'), /cut off/);
  });

  test('Retry-After in seconds and as an HTTP-date both become retryAfterMs; none leaves it undefined (Leadping)', async () => {
    assert.equal(errorOf(await harness.fetch(leadpingAdapter, scenarioToken('leadping', '429-retry-after'))).retryAfterMs, 30_000);
    const dated = errorOf(await harness.fetch(leadpingAdapter, scenarioToken('leadping', '429-http-date'))).retryAfterMs ?? -1;
    // An HTTP-date has one-second precision.
    assert.ok(dated > 117_000 && dated <= 120_000, String(dated));
    assert.equal(
      errorOf(await harness.fetch(leadpingAdapter, scenarioToken('leadping', '429-without-retry-after'))).retryAfterMs,
      undefined,
    );
  });
});

describe('AccountFetcher retries', () => {
  test('5xx is retried a bounded number of times, with growing waits, then reported', async () => {
    await withHarness({}, async (harness) => {
      const error = errorOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', '500')));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 500);
      assert.equal(error.attempts, 3);
      assert.match(worded(error), /Tried 3 times\.$/);
      assert.equal(harness.server.requests.length, 3);
      assert.equal(harness.sleeps.length, 2);
      assert.ok((harness.sleeps[1] ?? 0) > (harness.sleeps[0] ?? 0));
      assert.deepEqual(
        harness.log.map((entry) => [entry.status, entry.outcome]),
        [
          [500, 'server'],
          [500, 'server'],
          [500, 'server'],
        ],
      );
    });
  });

  test('a 500 followed by a 200 succeeds after one retry', async () => {
    await withHarness({}, async (harness) => {
      const snapshot = snapshotOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', 'flapping-500')));
      assert.equal(snapshot.counters[0]?.value, 1760);
      assert.deepEqual(
        harness.server.requests.map((request) => request.status),
        [500, 200],
      );
    });
  });

  test('maxRetries 0: one request; 4xx and 429 are never retried', async () => {
    await withHarness({ fetcher: { maxRetries: 0 } }, async (harness) => {
      errorOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', '500')));
      errorOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', '429-retry-after')));
      errorOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', '401')));
      assert.equal(harness.server.requests.length, 3);
    });
    await withHarness({}, async (retrying) => {
      errorOf(await retrying.fetch(signeasyAdapter, scenarioToken('signeasy', '429-without-retry-after')));
      errorOf(await retrying.fetch(signeasyAdapter, scenarioToken('signeasy', '404')));
      assert.equal(retrying.server.requests.length, 2);
    });
  });
});

describe('AccountFetcher limits', () => {
  test('a slow answer times out with a sentence naming the limit, and does not wait for it', async () => {
    await withHarness({ fetcher: { timeoutMs: () => 150 } }, async (harness) => {
      const started = Date.now();
      const error = errorOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', 'slow-5000')));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.timeoutMs, 150);
      assert.equal(worded(error), 'Signeasy did not answer within 1 second.');
      assert.ok(Date.now() - started < 2000);
      assert.equal(harness.log[0]?.outcome, 'timeout');
    });
  });

  test('a slow answer inside the limit is fine', async () => {
    await withHarness({ fetcher: { timeoutMs: () => 2000 } }, async (harness) => {
      snapshotOf(await harness.fetch(signeasyAdapter, scenarioToken('signeasy', 'slow-100')));
    });
  });

  test('the body cap is configurable', async () => {
    await withHarness({ fetcher: { maxBodyBytes: 200 } }, async (harness) => {
      const error = errorOf(await harness.fetch(signeasyAdapter, FAKE_TOKENS.signeasy));
      assert.equal(error.kind, 'unexpected');
      assert.equal(error.maxBytes, 200);
      assert.match(worded(error), /too large .*over 1 KiB/);
    });
  });

  test('connection refused is a network error naming the host', async () => {
    const server = await startFakeServer();
    const url = server.url;
    await server.close();
    const fetcher = new AccountFetcher({ userAgent: 'test' });
    const error = errorOf(await fetcher.fetch(signeasyAdapter, connectionTo(url, FAKE_TOKENS.signeasy)));
    assert.equal(error.kind, 'network');
    assert.equal(error.host, new URL(url).host);
    assert.match(worded(error), /connection was refused/);
    assert.ok(worded(error).includes(new URL(url).host));
  });

  test('a base URL that is not https (and not loopback) is refused before any request', async () => {
    const log: unknown[] = [];
    const fetcher = new AccountFetcher({ userAgent: 'test', onRequest: (entry) => log.push(entry) });
    const error = errorOf(await fetcher.fetch(leadpingAdapter, connectionTo('http://api.leadping.ai', FAKE_TOKENS.leadping)));
    assert.equal(error.kind, 'invalidBaseUrl');
    assert.deepEqual(error.baseUrlProblem, { reason: 'plainHttp', origin: 'http://api.leadping.ai' });
    assert.match(worded(error, leadpingAdapter), /^Leadping: .*uses http/);
    assert.deepEqual(log, []);
  });

  test('a trailing slash on the base URL and "Bearer " on the token are both fine', async () => {
    await withHarness({}, async (harness) => {
      const result = await harness.fetcher.fetch(
        signeasyAdapter,
        connectionTo(`${harness.server.url}//`, `  Bearer ${FAKE_TOKENS.signeasy}\n`),
      );
      assert.equal(snapshotOf(result).counters[0]?.value, 1760);
      assert.equal(harness.server.requests[0]?.path, '/v3/me/');
    });
  });

  test('a token that cannot go in a header is refused without being sent or echoed', async () => {
    await withHarness({}, async (harness) => {
      const error = errorOf(await harness.fetch(signeasyAdapter, 'se_test\u00a0key'));
      assert.equal(error.kind, 'unauthorized');
      assert.deepEqual(error.tokenProblem, { reason: 'whitespace' });
      assert.ok(!JSON.stringify(error).includes('se_test'));
      assert.ok(!worded(error).includes('se_test'));
      assert.equal(harness.server.requests.length, 0);
    });
  });

  test('an adapter that throws becomes an "unexpected" error', async () => {
    await withHarness({}, async (harness) => {
      const broken: ServiceAdapter = {
        ...signeasyAdapter,
        fetchSnapshot: () => Promise.reject(new Error('boom')),
      };
      const error = errorOf(await harness.fetch(broken, FAKE_TOKENS.signeasy));
      assert.equal(error.kind, 'unexpected');
      assert.match(worded(error), /boom/);
    });
  });
});

describe('AccountFetcher request sharing', () => {
  test('two fetches at once with the same base URL and token share one request per endpoint', async () => {
    await withHarness({ server: { latencyMs: 50 } }, async (harness) => {
      const [first, second] = await Promise.all([
        harness.fetch(leadpingAdapter, FAKE_TOKENS.leadping),
        harness.fetch(leadpingAdapter, FAKE_TOKENS.leadping),
      ]);
      assert.deepEqual(snapshotOf(first).counters, snapshotOf(second).counters);
      assert.deepEqual(requestedPaths(harness), LEADPING_FETCH_PATHS);
    });
  });

  test('different tokens, or fetches one after the other, are not shared', async () => {
    await withHarness({ server: { latencyMs: 30 } }, async (harness) => {
      await Promise.all([
        harness.fetch(signeasyAdapter, FAKE_TOKENS.signeasy),
        harness.fetch(signeasyAdapter, scenarioToken('signeasy', 'normal')),
      ]);
      assert.equal(harness.server.requests.length, 2);
      await harness.fetch(signeasyAdapter, FAKE_TOKENS.signeasy);
      await harness.fetch(signeasyAdapter, FAKE_TOKENS.signeasy);
      assert.equal(harness.server.requests.length, 4);
    });
  });
});

describe('AccountFetcher never leaks the token', () => {
  test('no error (worded, or any of its fields) or log entry, for any scenario of either service, contains the token', async () => {
    const messages: string[] = [];
    const tokens: string[] = [];
    // Checked once it is closed: everything it logged and its server recorded.
    const closed = await withHarness({ fetcher: { timeoutMs: () => 1000 } }, async (harness) => {
      for (const service of SERVICES) {
        for (const scenario of FAKE_SCENARIOS[service].filter((name) => name !== 'slow')) {
          const token = scenarioToken(service, scenario);
          tokens.push(token);
          const result: FetchResult = await harness.fetch(ADAPTERS[service], token);
          if (!result.ok) messages.push(worded(result.error, ADAPTERS[service]), JSON.stringify(result.error));
        }
      }
      // A wrong token too, sent with "Bearer " already on it.
      const wrong = 'Bearer sk_live_51HzWrongButSecret';
      tokens.push('sk_live_51HzWrongButSecret');
      const rejected = errorOf(await harness.fetch(leadpingAdapter, wrong));
      messages.push(worded(rejected, leadpingAdapter), JSON.stringify(rejected));
      return harness;
    });
    assert.ok(messages.length >= 60, `only ${messages.length / 2} errors`);
    const logText = JSON.stringify(closed.log);
    assert.doesNotMatch(logText, /authorization|bearer/i);
    for (const token of tokens) {
      assert.ok(!logText.includes(token), `log has ${token}`);
      for (const message of messages) assert.ok(!message.includes(token), `"${message}" has the token ${token}`);
    }
    // The servers did echo the token back in quoted bodies; it must show as redacted.
    assert.ok(messages.some((message) => message.includes('The credential [redacted] is not valid')));
    // The fake server's own record never holds a token either.
    assert.ok(closed.server.requests.every((request) => request.authorization === true));
    const recorded = JSON.stringify(closed.server.requests);
    for (const token of tokens) assert.ok(!recorded.includes(token));
  });

  test('log entries: method, path without the query, status, duration, outcome', async () => {
    await withHarness({}, async (harness) => {
      const probe: ServiceAdapter = {
        ...signeasyAdapter,
        async fetchSnapshot(serviceHttp, now) {
          await serviceHttp.getJson('/v3/me/?api_key=should-not-be-logged');
          return signeasyAdapter.fetchSnapshot(serviceHttp, now);
        },
      };
      snapshotOf(await harness.fetch(probe, FAKE_TOKENS.signeasy));
      assert.equal(harness.log.length, 2);
      const [entry] = harness.log;
      assert.deepEqual(
        { ...entry, durationMs: 0 },
        { serviceId: 'signeasy', method: 'GET', path: '/v3/me/', status: 200, durationMs: 0, outcome: 'ok' },
      );
      assert.ok((entry?.durationMs ?? -1) >= 0);
    });
  });
});

describe('AccountFetcher headers', () => {
  test('sends Authorization: Bearer, Accept: application/json and the given User-Agent', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const server = http.createServer((request, response) => {
      seen = request.headers;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const fetcher = new AccountFetcher({ userAgent: 'AccountGlance/9.9 test' });
      snapshotOf(await fetcher.fetch(signeasyAdapter, connectionTo(`http://localhost:${port}`, 'eyJhbGciOi.payload.sig')));
      assert.equal(seen.authorization, 'Bearer eyJhbGciOi.payload.sig');
      assert.equal(seen.accept, 'application/json');
      assert.equal(seen['user-agent'], 'AccountGlance/9.9 test');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a redirect is not followed (the token stays with the configured host)', async () => {
    let hits = 0;
    const server = http.createServer((_request, response) => {
      hits++;
      response.writeHead(302, { Location: 'http://elsewhere.example/v3/me/' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const fetcher = new AccountFetcher({ userAgent: 'test' });
      const error = errorOf(await fetcher.fetch(signeasyAdapter, connectionTo(`http://127.0.0.1:${port}`, 'se_redirect_x')));
      assert.equal(error.kind, 'unexpected');
      assert.equal(error.origin, 'http://elsewhere.example');
      assert.match(worded(error), /redirected .* to http:\/\/elsewhere\.example/);
      assert.equal(hits, 1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
