// No server answer makes Account Glance hammer a paid API: Retry-After 0, a date in the past, a
// missing header or a huge one each get a floor and a ceiling, and whatever the retry policy says,
// at most AUTOMATIC_REQUESTS_PER_MINUTE automatic requests reach one account in any minute.
import { EXPIRING_WITHIN_DAYS } from '../../src/core/alerts/alertCrossings';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { AccountRefresher } from '../../src/core/refresh/accountRefresher';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import type { ServiceError } from '../../src/core/model';
import { MAX_RETRY_AFTER_MS, parseRetryAfterMs, rateLimitBackoffMs } from '../../src/core/http/retryAfter';
import { describeError, formatWait } from '../../src/views/viewModels/errorWording';
import { AUTOMATIC_REQUESTS_PER_MINUTE, RequestBudget } from '../../src/core/http/requestBudget';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from '../../src/core/refresh/retryPolicy';
import {
  clampToRange,
  FORECAST_WARNING_DAYS,
  readRefreshIntervalMinutes,
  REFRESH_INTERVAL_MINUTES,
  REQUEST_TIMEOUT_SECONDS,
} from '../../src/core/settingValues';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { scenarioToken, startFakeServer, type FakeServer } from '../fake-server';
import { connectionTo } from '../support/connection';
import { FIXED_NOW } from '../support/clock';
import { errorOf } from './harness';

const rateLimited = (retryAfterMs?: number): ServiceError => ({ kind: 'rateLimited', status: 429, retryAfterMs });

describe('retry delays have a floor and a ceiling', () => {
  for (const attempt of [1, 2, 5, 20]) {
    test(`attempt ${attempt}: Retry-After 0 (or a past date, which parses to 0) waits at least the normal backoff`, () => {
      for (const random of [0, 0.5, 1]) {
        const floor = rateLimitBackoffMs(attempt, () => random);
        assert.equal(
          retryDelayMs(rateLimited(0), attempt, () => random),
          floor,
        );
        assert.ok(floor >= 15_000);
      }
    });
  }
  test('a missing Retry-After backs off exponentially; a longer one is honoured', () => {
    assert.equal(
      retryDelayMs(rateLimited(undefined), 3, () => 1),
      120_000,
    );
    assert.equal(
      retryDelayMs(rateLimited(600_000), 1, () => 1),
      600_000,
    );
  });
  test('no automatic retry waits more than an hour, however long a server asks for', () => {
    assert.equal(MAX_RETRY_DELAY_MS, 3_600_000);
    assert.equal(
      retryDelayMs(rateLimited(1e26), 1, () => 0.5),
      MAX_RETRY_DELAY_MS,
    );
    assert.equal(
      retryDelayMs(rateLimited(Number.POSITIVE_INFINITY), 1, () => 0.5),
      MAX_RETRY_DELAY_MS,
    );
    assert.equal(
      retryDelayMs({ kind: 'throttled', retryAfterMs: 45_000 }, 1, () => 0.5),
      45_000,
    );
  });
  test('faults only a person can fix are not retried on their own', () => {
    for (const kind of ['unauthorized', 'notFound', 'invalidBaseUrl', 'originChanged', 'secretStorage'] as const) {
      assert.equal(
        retryDelayMs({ kind }, 1, () => 0.5),
        undefined,
        kind,
      );
    }
  });
});

describe('Retry-After parsing and wording', () => {
  test('a huge Retry-After is held to a week and worded sensibly', () => {
    assert.equal(parseRetryAfterMs('100000000000000000000000', FIXED_NOW), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfterMs('9'.repeat(400), FIXED_NOW), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfterMs('Fri, 31 Dec 9999 23:59:59 GMT', FIXED_NOW), MAX_RETRY_AFTER_MS);
    assert.equal(formatWait(MAX_RETRY_AFTER_MS), undefined, 'too long to spell out');
    for (const retryAfterMs of [MAX_RETRY_AFTER_MS, Number.POSITIVE_INFINITY]) {
      const sentence = describeError(rateLimited(retryAfterMs), 'Signeasy', 'en-US');
      assert.match(sentence, /It asks to wait more than a day\./);
      assert.doesNotMatch(sentence, /e\+|Infinity|\d{6,}/);
    }
  });
  test('waits read as a person says them, in their locale', () => {
    assert.equal(formatWait(1_000, 'en-US'), '1 second');
    assert.equal(formatWait(30_000, 'en-US'), '30 seconds');
    assert.equal(formatWait(120_000, 'en-US'), '2 minutes');
    assert.equal(formatWait(3 * 3_600_000, 'en-US'), '3 hours');
    assert.equal(formatWait(120_000, 'de'), '2 Minuten');
    assert.equal(formatWait(Number.POSITIVE_INFINITY, 'en-US'), undefined);
  });
});

describe('settings are held inside their documented ranges', () => {
  test('request timeout: 1 to 120 seconds; nonsense gets 15', () => {
    assert.equal(clampToRange(1e9, REQUEST_TIMEOUT_SECONDS), 120);
    assert.equal(clampToRange(0.001, REQUEST_TIMEOUT_SECONDS), 1);
    assert.equal(clampToRange(-5, REQUEST_TIMEOUT_SECONDS), 1);
    for (const nonsense of [Number.NaN, Number.POSITIVE_INFINITY, '10', null, undefined, {}]) {
      assert.equal(clampToRange(nonsense, REQUEST_TIMEOUT_SECONDS), 15, String(nonsense));
    }
  });
  test('refresh interval: 0 or less is off, else 1 to 1440 minutes', () => {
    assert.equal(readRefreshIntervalMinutes(0), 0);
    assert.equal(readRefreshIntervalMinutes(-1), 0);
    assert.equal(readRefreshIntervalMinutes(0.01), 1);
    assert.equal(readRefreshIntervalMinutes(1e300), 1440);
    assert.equal(readRefreshIntervalMinutes('5'), 15);
  });
  test('the manifest declares the same defaults and bounds as the code', () => {
    type Declared = { default?: unknown; minimum?: unknown; maximum?: unknown };
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, Declared | undefined> } };
    };
    const declared = (name: string) => {
      const property = manifest.contributes.configuration.properties[`accountGlance.${name}`];
      return { default: property?.default, minimum: property?.minimum, maximum: property?.maximum };
    };
    // Each setting, the range the code holds it to, and the minimum the manifest should declare.
    for (const [name, range, minimum] of [
      ['requestTimeoutSeconds', REQUEST_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS.min],
      // Its minimum is 0, which turns automatic refresh off; any other value is held at 1 or more.
      ['refreshIntervalMinutes', REFRESH_INTERVAL_MINUTES, 0],
      ['alerts.expiringWithinDays', EXPIRING_WITHIN_DAYS, EXPIRING_WITHIN_DAYS.min],
      ['forecast.warningDays', FORECAST_WARNING_DAYS, FORECAST_WARNING_DAYS.min],
    ] as const) {
      assert.deepEqual(declared(name), { default: range.fallback, minimum, maximum: range.max }, name);
    }
  });
});

describe('RequestBudget', () => {
  test('allows the limit within a minute, then says how long until one frees', () => {
    const budget = new RequestBudget();
    for (let index = 0; index < AUTOMATIC_REQUESTS_PER_MINUTE; index++) assert.equal(budget.take('a', 1_000 + index), 0);
    assert.equal(budget.take('a', 2_000), 59_000);
    assert.equal(budget.take('b', 2_000), 0, 'another account has its own budget');
    assert.equal(budget.take('a', 61_000), 0, 'the oldest request left the window');
  });
});

describe('automatic requests per account stay within the budget, whatever the server answers', () => {
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  after(() => server.close());

  for (const scenario of ['429-retry-after-0', '429-past-date', '429-without-retry-after', '429-huge-retry-after', '500']) {
    for (const adapter of [leadpingAdapter, signeasyAdapter]) {
      test(`${adapter.displayName} ${scenario}: a refresher told to retry at once still sends at most ${AUTOMATIC_REQUESTS_PER_MINUTE} a minute`, async () => {
        let now = FIXED_NOW;
        const fetcher = new AccountFetcher({ userAgent: 'tests', now: () => now, sleep: async () => {}, random: () => 0.5 });
        const token = scenarioToken(adapter.id as 'leadping' | 'signeasy', scenario);
        const refresher = new AccountRefresher({
          adapters: [adapter],
          fetcher,
          connectionFor: async () => connectionTo(server.url, token),
          // The worst policy there could be: ask again at once, forever.
          retryDelayMs: () => 0,
          now: () => now,
        });
        const first = server.requests.length;
        const sentAt: number[] = [];
        // Three simulated minutes of automatic refreshes every 100 ms.
        for (let step = 0; step < 1_800; step++) {
          const before = server.requests.length;
          await refresher.refresh(undefined, { automatic: true });
          for (let index = before; index < server.requests.length; index++) sentAt.push(now);
          now += 100;
        }
        assert.equal(server.requests.length - first, sentAt.length);
        for (const start of sentAt) {
          const inWindow = sentAt.filter((at) => at >= start && at < start + 60_000).length;
          assert.ok(inWindow <= AUTOMATIC_REQUESTS_PER_MINUTE, `${inWindow} requests in the minute from ${start - FIXED_NOW} ms`);
        }
        assert.ok(sentAt.length >= AUTOMATIC_REQUESTS_PER_MINUTE, 'the budget refills: requests continue each minute');
        // The server's own error stays on screen; the hold-back is not shown as a new failure.
        assert.notEqual(refresher.state(adapter.id).error?.kind, 'throttled');
        // A person's refresh is never held back.
        const beforeManual = server.requests.length;
        await refresher.refresh();
        assert.ok(server.requests.length > beforeManual, 'a manual refresh is sent');
      });
    }
  }
});

describe('the token goes only to the origin it was saved for', () => {
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  after(() => server.close());

  test('a base URL on another origin fails as originChanged before any request', async () => {
    const fetcher = new AccountFetcher({ userAgent: 'tests' });
    const before = server.requests.length;
    const error = errorOf(
      await fetcher.fetch(leadpingAdapter, { baseUrl: server.url, token: 'lp_test_key', tokenOrigin: 'https://api.leadping.ai' }),
    );
    assert.equal(error.kind, 'originChanged');
    assert.deepEqual(error, { kind: 'originChanged', origin: server.url, tokenOrigin: 'https://api.leadping.ai' });
    assert.match(
      describeError(error, leadpingAdapter.displayName),
      /^Confirm the new address or set a new token: the Leadping token was saved for https:\/\/api\.leadping\.ai, but the base URL setting now points to http:\/\/127\.0\.0\.1:\d+, so nothing was sent\.$/,
    );
    assert.equal(server.requests.length, before, 'nothing reached the new origin');
  });
  test('another port or scheme on the same host is another origin', async () => {
    const fetcher = new AccountFetcher({ userAgent: 'tests' });
    const port = Number(new URL(server.url).port);
    for (const tokenOrigin of [`http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      assert.equal(
        errorOf(await fetcher.fetch(signeasyAdapter, { baseUrl: server.url, token: 'se_test_key', tokenOrigin })).kind,
        'originChanged',
      );
    }
  });
  test('a path below the same origin is the same place', async () => {
    const fetcher = new AccountFetcher({ userAgent: 'tests' });
    const result = await fetcher.fetch(signeasyAdapter, { baseUrl: `${server.url}/`, token: 'se_test_key', tokenOrigin: server.url });
    assert.ok(result.ok);
  });
});
