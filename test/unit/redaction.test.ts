// Nothing a server says may reveal the token: an echo is redacted in every spelling (escaped,
// broken up, base64), refusals are never quoted, quotes are cut only after redaction, a byte order
// mark does not stop a body being read, and a paste too short to be a token is refused unechoed.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import type { AccountSnapshot } from '../../src/core/model';
import { REDACTED, redactSecrets } from '../../src/core/http/redact';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { MIN_TOKEN_LENGTH, normalizeToken } from '../../src/core/http/token';
import {
  FAKE_TOKENS,
  scenarioToken,
  spellAsBase64,
  spellAsEntities,
  spellAsJsonEscapes,
  spellAsLowerPercent,
  spellWithLineBreaks,
  spellWithSoftBreaks,
  TOKEN_ECHO_SCENARIOS,
} from '../fake-server';
import { connectionTo } from '../support/connection';
import { errorOf, snapshotOf, suiteHarness, withHarness } from './harness';
import type { ServiceError } from '../../src/core/model';
import { describeError, describeTokenProblem } from '../../src/views/viewModels/errorWording';

const ADAPTERS: Record<'leadping' | 'signeasy', ServiceAdapter> = { leadping: leadpingAdapter, signeasy: signeasyAdapter };
const SERVICES = ['leadping', 'signeasy'] as const;

/** The error as a person reads it: what the checks below look for a token in. */
const worded = (error: ServiceError, adapter: ServiceAdapter) => describeError(error, adapter.displayName, 'en-US');

const alphanumerics = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');
const percentEncoded = (text: string, hexCase: (hex: string) => string) =>
  [...Buffer.from(text)].map((byte) => `%${hexCase(byte.toString(16).padStart(2, '0'))}`).join('');
const toUrlSafe = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_');

/** The middle of the token's base64 at each byte alignment, which no neighbour can change. */
function base64Traces(token: string): string[] {
  return [0, 1, 2].flatMap((offset) => {
    const middle = Buffer.concat([Buffer.alloc(offset), Buffer.from(token)])
      .toString('base64')
      .slice(4, -4);
    return [middle, toUrlSafe(middle)];
  });
}

/**
 * No trace of `token` in `text`: not itself, percent-encoded, in base64, nor its letters and digits
 * with anything between them, as written or as a person would decode it.
 */
function assertNoTrace(text: string, token: string): void {
  const traces = [
    token,
    encodeURIComponent(token),
    percentEncoded(token, (hex) => hex.toUpperCase()),
    percentEncoded(token, (hex) => hex),
    ...base64Traces(token),
  ];
  for (const seen of [text, readAsPerson(text)]) {
    for (const trace of traces) assert.ok(!seen.includes(trace), `${JSON.stringify(text)} holds ${JSON.stringify(trace)}`);
    assert.ok(!alphanumerics(seen).includes(alphanumerics(token)), `${JSON.stringify(text)} holds the letters and digits of ${token}`);
  }
}

/**
 * What a person could make of the text: escapes decoded (twice over), markup and invisible
 * characters dropped. Deliberately simple, and independent of how redactSecrets reads text.
 */
function readAsPerson(text: string): string {
  const character = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : '');
  let result = text;
  for (let round = 0; round < 2; round++) {
    result = result
      .replace(/<[^<>]{0,100}>/g, '')
      .replace(/\\u([0-9a-fA-F]{4})/g, (_match, hex: string) => character(Number.parseInt(hex, 16)))
      .replace(/\\[nrt]/g, ' ')
      .replace(/&#[xX]([0-9a-fA-F]{1,6});?/g, (_match, hex: string) => character(Number.parseInt(hex, 16)))
      .replace(/&#([0-9]{1,7});?/g, (_match, decimal: string) => character(Number(decimal)))
      .replace(
        /&(amp|lt|gt|quot|shy|lowbar|period);/g,
        (_match, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', shy: '', lowbar: '_', period: '.' })[name] ?? '',
      )
      .replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
  }
  return result;
}

/** A JSON string written the way PHP's json_encode writes it, with "\/" for "/". */
const spellWithEscapedSlashes = (token: string) => token.replace(/\//g, '\\/');

const SPELLINGS: Readonly<Record<string, (token: string) => string>> = {
  'as it is': (token) => token,
  'soft hyphens, zero-width characters and <wbr> between characters': spellWithSoftBreaks,
  'decimal, hex and named HTML entities': spellAsEntities,
  'line breaks, tabs and spaces inside': spellWithLineBreaks,
  'every character as lower-case %hh': spellAsLowerPercent,
  'upper-case percent-encoding (encodeURIComponent)': encodeURIComponent,
  'JSON \\u escapes in either case, with "\\n" between': spellAsJsonEscapes,
  'base64 and base64url, padded or not, at all three alignments': spellAsBase64,
  'base64 of "Bearer <token>" wrapped at 76 characters (MIME)': (token) =>
    (
      Buffer.from(`Bearer ${token}`)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\r\n'),
  'percent-encoded twice (%252F)': (token) => encodeURIComponent(encodeURIComponent(token)),
  'HTML entities escaped again (&amp;#108;)': (token) => spellAsEntities(token).replace(/&/g, '&amp;'),
  'a <span> around each character': (token) => [...token].map((character) => `<span class="c">${character}</span>`).join(''),
  'JSON "\\/" for every slash': spellWithEscapedSlashes,
};

const SAMPLE_TOKENS = [
  'lp_live_5fQx9TzR2mWk',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'sk_test/4Zr+9wQ~x=Kp7_L-m',
  `se_${'Ab3x'.repeat(40)}`,
];

describe('redactSecrets: an echo in any spelling', () => {
  for (const [name, spell] of Object.entries(SPELLINGS)) {
    test(name, () => {
      for (const token of SAMPLE_TOKENS) {
        const redacted = redactSecrets(`Error: ${spell(token)} (see the docs)`, [token]);
        assertNoTrace(redacted, token);
        assert.ok(redacted.includes(REDACTED), redacted);
        assert.ok(redacted.startsWith('Error: ') && redacted.endsWith(' (see the docs)'), `the text around it stays: ${redacted}`);
      }
    });
  }

  test('%2f and %2F alike, and letters percent-encoded too', () => {
    const token = 'tok/en+1_abc';
    assert.equal(redactSecrets('a tok%2fen%2b1_abc b tok%2Fen%2B1_abc', [token]), `a ${REDACTED} b ${REDACTED}`);
    assert.equal(redactSecrets('url?t=%74%6F%6b/en+1_abc', [token]), `url?t=${REDACTED}`);
  });

  test('a sentence sharing a word with the token is left alone', () => {
    const sentence = 'Signeasy redirected /v3/me/ (HTTP 302); the token is not followed there.';
    assert.equal(redactSecrets(sentence, ['se_redirect_x', 'the_token_is_mine']), sentence);
  });

  test('ordinary text, and base64 of something else, are left alone', () => {
    const token = SAMPLE_TOKENS[0] ?? '';
    const ordinary = 'Rate limit exceeded. Try again in 30 seconds: <b>limit</b> &amp; quota, 50%25 used, \\u0041 escape.';
    assert.equal(redactSecrets(ordinary, [token]), ordinary);
    const other = Buffer.from('Bearer lp_live_somebody_else_entirely').toString('base64');
    assert.equal(redactSecrets(other, [token]), other);
  });
});

describe('redactSecrets: any token, any spelling, any text around it', () => {
  // Each character of the token spelled one of these ways, with some junk after it.
  const characterSpellings: readonly ((character: string) => string)[] = [
    (character) => character,
    (character) => percentEncoded(character, (hex) => hex.toUpperCase()),
    (character) => percentEncoded(character, (hex) => hex),
    (character) => `&#${character.charCodeAt(0)};`,
    (character) => `&#x${character.charCodeAt(0).toString(16)};`,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
  ];
  const junk = [
    ' ',
    '\n',
    '\r\n',
    '\t',
    '\u00ad',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '<wbr>',
    '</span><span>',
    '\\n',
    '\\r\\n',
    '&shy;',
    '&#8203;',
    '%0A',
    '%C2%AD',
  ];
  const headerSafeToken = fc.stringMatching(/^[\x21-\x7e]{8,200}$/).filter((token) => alphanumerics(token).length >= 8);
  const perCharacter = (token: string) =>
    fc
      .array(fc.tuple(fc.nat(characterSpellings.length - 1), fc.nat(junk.length * 3)), { minLength: token.length, maxLength: token.length })
      .map((choices) =>
        [...token]
          .map((character, index) => {
            const [spelling, junkIndex] = choices[index] ?? [0, junk.length];
            return `${characterSpellings[spelling]?.(character) ?? character}${index < token.length - 1 ? (junk[junkIndex] ?? '') : ''}`;
          })
          .join(''),
      );
  const inBase64 = (token: string) =>
    fc.tuple(fc.uint8Array({ maxLength: 5 }), fc.boolean(), fc.boolean(), fc.boolean()).map(([prefix, urlSafe, padded, wrapped]) => {
      let encoded = Buffer.concat([Buffer.from(prefix), Buffer.from(token)]).toString('base64');
      if (urlSafe) encoded = toUrlSafe(encoded);
      if (!padded) encoded = encoded.replace(/=+$/, '');
      return wrapped ? (encoded.match(/.{1,76}/g) ?? []).join('\r\n') : encoded;
    });
  const spelledToken = headerSafeToken.chain((token) => fc.tuple(fc.constant(token), fc.oneof(perCharacter(token), inBase64(token))));

  test('no letters-and-digits skeleton of the token survives, as written or decoded', () => {
    fc.assert(
      fc.property(spelledToken, fc.string(), fc.string(), ([token, spelled], textBefore, textAfter) => {
        // Text that would spell the token with the marker in it proves nothing either way.
        const withoutToken = `${textBefore}${REDACTED}${textAfter}`;
        fc.pre(![withoutToken, readAsPerson(withoutToken)].some((text) => alphanumerics(text).includes(alphanumerics(token))));
        assertNoTrace(redactSecrets(`${textBefore}${spelled}${textAfter}`, [token]), token);
      }),
      { numRuns: 300 },
    );
  });

  test('a 1 MiB text with a 1000-character token is redacted in time', { timeout: 30_000 }, () => {
    const token = Array.from({ length: 1000 }, (_, index) => 'Ab3_x9-Zq'[index % 9]).join('') + 'END';
    const filler = 'Lorem ipsum <b>dolor</b> sit &amp; amet, 100%25 \\u0041 consectetur. '.repeat(16 * 1024);
    const text = `${filler}${spellWithSoftBreaks(token)}${filler}${spellAsLowerPercent(token)}${filler}${spellAsBase64(token)}`.slice(
      -(1024 * 1024 + 20_000),
    );
    assert.ok(text.length > 1024 * 1024);
    const redacted = redactSecrets(text, [token]);
    assertNoTrace(redacted, token);
  });
});

describe('AccountFetcher: servers that echo the token', () => {
  const harness = suiteHarness();

  for (const service of SERVICES) {
    for (const scenario of TOKEN_ECHO_SCENARIOS) {
      test(`${service} ${scenario}: quoted, with the token redacted`, async () => {
        // A `.label` suffix is part of the token and is echoed with it.
        for (const token of [scenarioToken(service, scenario), `${scenarioToken(service, scenario)}.acct7`]) {
          const error = errorOf(await harness.fetch(ADAPTERS[service], token));
          const message = worded(error, ADAPTERS[service]);
          assert.ok(message.includes(`${ADAPTERS[service].displayName} said: "`), message);
          assert.ok(error.detail?.includes(REDACTED), message);
          assertNoTrace(message, token);
          // Not in the sentence, nor in any field of the error the core hands out.
          assertNoTrace(JSON.stringify(error), token);
          assertNoTrace(JSON.stringify(harness.log), token);
        }
      });
    }
  }

  test('refusals (401, 403, and a 401 that echoes the token) are not quoted', async () => {
    const message = async (service: 'leadping' | 'signeasy', scenario: string) =>
      worded(errorOf(await harness.fetch(ADAPTERS[service], scenarioToken(service, scenario))), ADAPTERS[service]);
    assert.equal(await message('leadping', '401'), 'The Leadping token was rejected or has expired (HTTP 401). Set a new token.');
    assert.equal(await message('leadping', 'token-echo'), 'The Leadping token was rejected or has expired (HTTP 401). Set a new token.');
    assert.equal(
      await message('leadping', '403'),
      'The Leadping token was rejected or has expired, or it may not read /users/me (HTTP 403).',
    );
    // Signeasy's own explanation of a 401 still follows.
    const signeasy401 =
      'The Signeasy token was rejected or has expired (HTTP 401). Set a new token. Signeasy also answers 401 when the token lacks a scope this call needs (missing scope).';
    assert.equal(await message('signeasy', '401'), signeasy401);
    assert.equal(await message('signeasy', 'token-echo'), signeasy401);
    assert.equal(
      await message('signeasy', '403'),
      'The Signeasy token was rejected or has expired, or it may not read /v3/me/ (HTTP 403).',
    );
  });

  test('a JSON answer that starts with a byte order mark is read like one without', async () => {
    const readable = (snapshot: AccountSnapshot) => ({
      identity: snapshot.identity,
      plan: snapshot.plan.name,
      counters: snapshot.counters.map((counter) => [counter.id, counter.value]),
    });
    for (const service of SERVICES) {
      const withMark = snapshotOf(await harness.fetch(ADAPTERS[service], scenarioToken(service, 'bom')));
      const without = snapshotOf(await harness.fetch(ADAPTERS[service], FAKE_TOKENS[service]));
      assert.deepEqual(readable(withMark), readable(without));
    }
  });
});

describe('AccountFetcher quoting an error body', () => {
  const token = 'lp_live_Zq9XkW3mPv7RtY2s';
  let server: http.Server;
  let baseUrl: string;
  let next = { status: 400, contentType: 'application/json', body: '' };
  const fetcher = new AccountFetcher({ userAgent: 'redaction tests', maxRetries: 0 });
  const messageFor = async (answer: typeof next) => {
    next = answer;
    const error = errorOf(await fetcher.fetch(leadpingAdapter, connectionTo(baseUrl, token)));
    assertNoTrace(JSON.stringify(error), token);
    return worded(error, leadpingAdapter);
  };
  before(async () => {
    server = http.createServer((_request, response) => {
      response.writeHead(next.status, { 'Content-Type': next.contentType });
      response.end(next.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('an error body with a byte order mark is still read as JSON', async () => {
    const message = await messageFor({
      status: 422,
      contentType: 'application/problem+json',
      body: '\ufeff{"title":"Unprocessable","detail":"The plan field is required."}',
    });
    assert.match(message, /Leadping said: "Unprocessable: The plan field is required\."$/);
  });

  test('a long quote is cut after redaction, and never through the marker', async () => {
    const detail = `${'y'.repeat(195)} ${spellWithSoftBreaks(token)} and more`;
    const message = await messageFor({ status: 400, contentType: 'application/json', body: JSON.stringify({ message: detail }) });
    assertNoTrace(message, token);
    assert.match(message, /y…"\.?$/);
    assert.doesNotMatch(message, /\[(?!redacted\])[a-z]*…/);
  });

  test('a 1 MiB error body echoing the token is read only as far as a quote needs', { timeout: 30_000 }, async () => {
    const body = `Invalid token ${spellWithSoftBreaks(token)}. ${'z'.repeat(1024 * 1024 - 2000)} ${token}`;
    const message = await messageFor({ status: 400, contentType: 'text/plain', body });
    assert.match(message, /Leadping said: "Invalid token \[redacted\]\. z+…"/);
    assertNoTrace(message, token);
  });
});

describe('normalizeToken: too short to be a token', () => {
  test(`refuses fewer than ${MIN_TOKEN_LENGTH} characters with its own sentence, never echoing them`, () => {
    for (const [input, length] of [
      ['a', 1],
      ['lp_abc1', 7],
      ['Bearer sk_9Qz', 6],
      ['  xK2#pQ  ', 6],
    ] as const) {
      const result = normalizeToken(input);
      assert.equal(result.ok, false, input);
      if (result.ok) continue;
      assert.deepEqual(result.problem, { reason: 'tooShort', length });
      const characters = length === 1 ? '1 character' : `${length} characters`;
      const sentence = describeTokenProblem(result.problem, 'en-US');
      assert.equal(sentence, `The token is only ${characters} long; API tokens are much longer. Paste the whole token.`);
      const pasted = input.trim().replace(/^bearer\s+/i, '');
      assert.ok(pasted.length === 1 || !sentence.includes(pasted), sentence);
    }
  });

  test(`accepts ${MIN_TOKEN_LENGTH} characters and the fake server's tokens`, () => {
    for (const token of [
      'abcdefgh',
      FAKE_TOKENS.leadping,
      FAKE_TOKENS.signeasy,
      scenarioToken('signeasy', '500'),
      scenarioToken('leadping', '401'),
    ]) {
      assert.deepEqual(normalizeToken(token), { ok: true, token });
    }
  });

  test('the fetcher refuses a short saved token without sending it', async () => {
    await withHarness({}, async (harness) => {
      const error = errorOf(await harness.fetch(signeasyAdapter, 'se_test'));
      assert.equal(error.kind, 'unauthorized');
      assert.match(worded(error, signeasyAdapter), /^The saved Signeasy token cannot be sent\. The token is only 7 characters long/);
      assert.ok(!worded(error, signeasyAdapter).includes('se_test'));
      assert.ok(!JSON.stringify(error).includes('se_test'));
      assert.equal(harness.server.requests.length, 0);
    });
  });
});
