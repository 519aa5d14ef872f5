// The small pure pieces: base URL rule, token clean-up, redaction, Retry-After, backoff, readers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkBaseUrl, originOf } from '../../src/core/http/baseUrl';
import { asEpochSeconds, asFlag, asIsoTime, asNumber, asText } from '../../src/core/services/jsonReaders';
import { parseRetryAfterMs, rateLimitBackoffMs } from '../../src/core/http/retryAfter';
import { redactSecrets } from '../../src/core/http/redact';
import { MAX_TOKEN_LENGTH, normalizeToken } from '../../src/core/http/token';
import { describeBaseUrlProblem, describeTokenProblem } from '../../src/views/viewModels/errorWording';

describe('checkBaseUrl', () => {
  const accepted: readonly [string, string][] = [
    ['https://api.leadping.ai', 'https://api.leadping.ai'],
    ['https://api.leadping.ai/', 'https://api.leadping.ai'],
    ['  https://api.signeasy.com///  ', 'https://api.signeasy.com'],
    ['https://proxy.example.com/leadping/', 'https://proxy.example.com/leadping'],
    ['HTTPS://API.Example.COM:8443', 'https://api.example.com:8443'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://127.0.0.5', 'http://127.0.0.5'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ];
  for (const [input, url] of accepted) {
    test(`accepts ${JSON.stringify(input)}`, () => assert.deepEqual(checkBaseUrl(input), { ok: true, url, origin: new URL(url).origin }));
  }
  test('the origin is scheme, host and port, without the path', () => {
    assert.equal(originOf('https://proxy.example.com/leadping/'), 'https://proxy.example.com');
    assert.equal(originOf('HTTPS://API.Example.COM:8443/x'), 'https://api.example.com:8443');
    assert.equal(originOf('http://example.com'), undefined);
  });
  const refused: readonly [string, RegExp][] = [
    ['http://example.com', /uses http.*unencrypted/],
    ['http://128.0.0.1', /uses http/],
    ['http://10.0.0.2:8080', /uses http/],
    ['http://localhost.evil.com', /uses http/],
    // Node resolves *.localhost through DNS, so it is not known to stay on this machine.
    ['http://api.localhost', /uses http/],
    ['http://evil.localhost:8080', /uses http/],
    ['ftp://api.example.com', /must start with https/],
    ['file:///etc/passwd', /must start with https/],
    ['api.leadping.ai', /not a valid URL/],
    ['not a url at all', /not a valid URL/],
    ['', /empty/],
    ['   ', /empty/],
    ['https://user:pass@api.example.com', /user name or password/],
    ['https://api.example.com/?key=1', /query/],
  ];
  for (const [input, message] of refused) {
    test(`refuses ${JSON.stringify(input)}`, () => {
      const result = checkBaseUrl(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(describeBaseUrlProblem(result.problem), message);
    });
  }
  test('does not echo what was typed (it may be a token pasted into the wrong box)', () => {
    const result = checkBaseUrl('sk_live_abc123 secret');
    assert.ok(!result.ok && !JSON.stringify(result).includes('sk_live_abc123'));
    assert.ok(!result.ok && !describeBaseUrlProblem(result.problem).includes('sk_live_abc123'));
  });
});

describe('normalizeToken', () => {
  const accepted: readonly [string, string][] = [
    ['sk_live_abc123', 'sk_live_abc123'],
    ['  lp_abc123\n', 'lp_abc123'],
    ['Bearer lp_abc123', 'lp_abc123'],
    ['bearer    lp_abc123', 'lp_abc123'],
    ['BEARER\tlp_abc123', 'lp_abc123'],
    ['Bearer Bearer lp_abc123', 'lp_abc123'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['Bearerish_token', 'Bearerish_token'],
  ];
  for (const [input, token] of accepted) {
    test(`accepts ${JSON.stringify(input)}`, () => assert.deepEqual(normalizeToken(input), { ok: true, token }));
  }
  const refused: readonly [string | undefined, RegExp][] = [
    [undefined, /empty/],
    ['', /empty/],
    ['  \n\t ', /empty/],
    ['Bearer', /Only the word "Bearer"/],
    ['Bearer   ', /Only the word "Bearer"/],
    ['lp_abc 123', /spaces or line breaks/],
    ['lp_abc\n123', /spaces or line breaks/],
    ['lp_abc\u0000123', /invisible or non-ASCII/],
    ['lp_abc\u200b123', /invisible or non-ASCII/],
    ['“lp_abc123”', /invisible or non-ASCII/],
    ['lp_abcé123', /invisible or non-ASCII/],
    ['x'.repeat(MAX_TOKEN_LENGTH + 1), /longer than 8,192/],
    ['Bearer lp_abc1', /only 7 characters long/],
  ];
  for (const [input, message] of refused) {
    test(`refuses ${JSON.stringify(input)?.slice(0, 40)}`, () => {
      const result = normalizeToken(input);
      assert.equal(result.ok, false);
      if (!result.ok) {
        const sentence = describeTokenProblem(result.problem, 'en-US');
        assert.match(sentence, message);
        if (input && input.trim().length > 6) {
          assert.ok(!sentence.includes(input.trim()));
          assert.ok(!JSON.stringify(result).includes(input.trim()), 'the problem carries nothing of the token');
        }
      }
    });
  }
  test('each refusal has its own sentence', () => {
    const messages = new Set(
      refused.map(([input]) => normalizeToken(input)).map((result) => (result.ok ? '' : describeTokenProblem(result.problem))),
    );
    assert.equal(messages.size, 6);
  });
});

describe('redactSecrets', () => {
  test('replaces every occurrence of each secret, plain and URL-encoded', () => {
    assert.equal(redactSecrets('a tok/en+1 b tok/en+1', ['tok/en+1']), 'a [redacted] b [redacted]');
    assert.equal(redactSecrets('url?t=tok%2Fen%2B1', ['tok/en+1']), 'url?t=[redacted]');
  });
  test('replaces Bearer credentials and Authorization headers it was not told about', () => {
    assert.equal(redactSecrets('sent Bearer abc.def.ghi to x', []), 'sent Bearer [redacted] to x');
    assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNz\nnext', []), 'Authorization: [redacted]\nnext');
    assert.equal(redactSecrets('{"Authorization":"sk_1"}', []), '{"Authorization":"[redacted]"}');
  });
  test('ignores empty secrets and leaves ordinary text alone', () => {
    assert.equal(redactSecrets('Leadping had a server error (HTTP 500).', ['']), 'Leadping had a server error (HTTP 500).');
  });
  test('regex characters in a secret are taken literally', () => {
    assert.equal(redactSecrets('x a.b*c y aXbbc', ['a.b*c']), 'x [redacted] y aXbbc');
  });
});

describe('Retry-After and backoff', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  test('seconds', () => {
    assert.equal(parseRetryAfterMs('30', now), 30_000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
  });
  test('HTTP-date, relative to now, never negative', () => {
    assert.equal(parseRetryAfterMs('Sat, 10 Jan 2026 12:02:00 GMT', now), 120_000);
    assert.equal(parseRetryAfterMs('Sat, 10 Jan 2026 11:00:00 GMT', now), 0);
  });
  test('absent or unreadable: undefined', () => {
    for (const value of [undefined, null, '', '  ', '-5', '1.5', 'soon', '12abc']) {
      assert.equal(parseRetryAfterMs(value, now), undefined, String(value));
    }
  });
  test('backoff grows exponentially, is capped, and jitters within the upper half', () => {
    // [attempt, what random() returns, the wait]
    const cases: [number, number, number][] = [
      [1, 0, 15_000],
      [1, 1, 30_000],
      [2, 1, 60_000],
      [3, 0.5, 90_000],
      [50, 1, 600_000],
      [0, 1, 30_000],
      [Number.NaN, 1, 30_000],
      [1, 7, 30_000],
    ];
    for (const [attempt, random, waitMs] of cases) {
      assert.equal(
        rateLimitBackoffMs(attempt, () => random),
        waitMs,
        `attempt ${attempt}, random ${random}`,
      );
    }
  });
});

describe('tolerant readers', () => {
  test('asNumber: numbers and numeric strings; never NaN or Infinity', () => {
    assert.equal(asNumber(12.5), 12.5);
    assert.equal(asNumber('12.50'), 12.5);
    assert.equal(asNumber(' -3 '), -3);
    assert.equal(asNumber('1e3'), 1000);
    assert.equal(asNumber('.5'), 0.5);
    for (const value of [Number.NaN, Infinity, '', ' ', 'abc', '12abc', '0x10', '1,000', null, undefined, true, {}, [], '1e400']) {
      assert.equal(asNumber(value), undefined, JSON.stringify(value));
    }
  });
  test('asFlag: booleans, 0/1 and their strings', () => {
    assert.deepEqual([true, false, 1, 0, '1', '0', 'true', 'FALSE', 2, 'yes', null].map(asFlag), [
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      undefined,
      undefined,
      undefined,
    ]);
  });
  test('asText: trimmed, blank is undefined, numbers become text', () => {
    assert.deepEqual(['  a ', '', '   ', 699829, null, {}, Number.NaN].map(asText), [
      'a',
      undefined,
      undefined,
      '699829',
      undefined,
      undefined,
      undefined,
    ]);
  });
  test('times: ISO strings and epoch seconds as ms', () => {
    assert.equal(asIsoTime('2023-11-07T05:31:56Z'), 1699335116000);
    assert.equal(asIsoTime('not a date'), undefined);
    assert.equal(asIsoTime(1699335116), undefined);
    assert.equal(asEpochSeconds(1395392655), 1395392655000);
    assert.equal(asEpochSeconds('1395392655'), 1395392655000);
    assert.equal(asEpochSeconds(null), undefined);
    assert.equal(asEpochSeconds(1e300), undefined);
  });
});
